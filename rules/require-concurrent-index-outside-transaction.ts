import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { runsOnPostgres } from '../src/rules/project-facts';
import { sqlTransactionBlocks, transactionAround } from '../src/rules/transactions';

import type { Operation } from '../src/model';

/**
 * PostgreSQL refuses `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`,
 * `REINDEX ... CONCURRENTLY` and any `VACUUM` inside a transaction block ("cannot run inside a transaction
 * block", 25001). A migration reaches one in four ways: it passes
 * `{ transaction }` to the call, its raw SQL opened one with BEGIN, the
 * statement shares a query string with others (PostgreSQL runs a
 * multi-statement query as one implicit transaction), or the runner wraps
 * each migration in a transaction. The step fails on every database.
 */
export default createRule({
  id: 'require-concurrent-index-outside-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require concurrent index builds, drops and reindexes, and VACUUM, to run outside any transaction',
      help: 'Run the concurrent index step on its own, outside the transaction: do not pass `{ transaction }` to it, send it as a query of its own, and keep it in a migration the runner does not wrap in a transaction.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      concurrentInTransaction:
        '`{{op}}` on {{target}} runs {{where}}: PostgreSQL refuses {{statement}} inside a transaction block, so the migration fails on every database.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      for (const phase of [migration.up, migration.down]) {
        const blocks = sqlTransactionBlocks(phase);
        for (const op of phase) {
          const statement = refusedInTransaction(op);
          if (!statement || !runsOnPostgres(project, op)) continue;
          const where = transactionAround(project, op, (blocks.get(op) ?? null) !== null);
          if (!where) continue;
          report({
            migration,
            loc: op.loc,
            messageId: 'concurrentInTransaction',
            data: { op: op.sql ? statement : op.op, target: describeTarget(op.target, op), where, statement },
            target: op.target,
          });
        }
      }
    }
  },
});

/** The statement PostgreSQL refuses inside a transaction block (25001, measured in test/semantics/failing-changes.test.ts), or null. */
function refusedInTransaction(op: Operation): string | null {
  if (op.op === 'addIndex' && op.options.concurrently === true) return 'CREATE INDEX CONCURRENTLY';
  if (op.op === 'removeIndex' && op.options.concurrently === true) return 'DROP INDEX CONCURRENTLY';
  if (op.op === 'sql' && op.options.statementType === 'ReindexStmt' && op.options.concurrently === true) return 'REINDEX CONCURRENTLY';
  // VACUUM, with or without FULL or ANALYZE; a plain ANALYZE runs in a transaction.
  if (op.op === 'sql' && op.options.statementType === 'VacuumStmt' && op.options.vacuum === true) return 'VACUUM';
  return null;
}
