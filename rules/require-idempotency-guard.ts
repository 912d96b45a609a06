import type { Operation, OpKind } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { READ_OPS } from '../src/extract/query-interface';
import { describeTarget, runsInOneTransaction } from '../src/rules/operations';

/**
 * What PostgreSQL answers when a step runs a second time (measured, see
 * shared/sequelize-semantics.md). Steps not listed here are safe to repeat
 * (createTable, dropTable, removeIndex, dropEnum emit IF [NOT] EXISTS;
 * changeColumn and bulkDelete succeed) or cannot be judged (opaque SQL).
 */
const RERUN_FAILURE: Partial<Record<OpKind, string>> = {
  addColumn: 'column already exists',
  removeColumn: 'column does not exist',
  renameColumn: 'column does not exist',
  renameTable: 'relation does not exist',
  addIndex: 'relation already exists',
  addConstraint: 'constraint already exists',
  removeConstraint: 'constraint does not exist',
  bulkInsert: 'duplicate key, or duplicated rows where there is no unique key',
  insert: 'duplicate key, or duplicated rows where there is no unique key',
  createTable: 'relation already exists',
  dropTable: 'table does not exist',
  removeIndex: 'index does not exist',
  createType: 'type already exists',
  alterType: 'enum label already exists',
  dropType: 'type does not exist',
  createView: 'relation already exists',
  dropView: 'view does not exist',
  createExtension: 'extension already exists',
  dropExtension: 'extension does not exist',
  createSequence: 'relation already exists',
  dropSequence: 'sequence does not exist',
  createSchema: 'schema already exists',
  dropSchema: 'schema does not exist',
  createFunction: 'function already exists',
  createTrigger: 'trigger already exists',
  dropTrigger: 'trigger does not exist',
};

/** Builder calls that Sequelize makes idempotent itself; raw SQL of the same kind is not. */
const IDEMPOTENT_BUILDERS: ReadonlySet<OpKind> = new Set(['createTable', 'dropTable', 'removeIndex', 'dropEnum', 'dropAllTables']);

/** Steps PostgreSQL refuses to run inside a transaction block. */
function cannotBeTransactional(op: Operation): boolean {
  return op.options.concurrently === true;
}

export default createRule<{ checkDown: boolean }>({
  id: 'require-idempotency-guard',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a guard on migration steps that fail or duplicate data when run twice',
      help: 'Guard the step (describeTable / showIndex / IF NOT EXISTS), or run the whole migration in one transaction passing `{ transaction }` to every call, so a failure rolls everything back.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      unguarded:
        '`{{op}}` on {{target}} has no guard: sequelize-cli runs a migration outside a transaction, so if a later step fails this one stays applied, and the rerun fails here ({{failure}}).',
      unguardedLastStep:
        '`{{op}}` on {{target}} has no guard: it fails ({{failure}}) whenever the migration meets a database that already has this change, such as a schema built by sequelize.sync() or a rerun.',
      unguardedConcurrently:
        '`{{op}}` on {{target}} has no guard and cannot run inside a transaction (CONCURRENTLY): if a later step fails it stays applied, and the rerun fails here ({{failure}}).',
    },
    schema: {
      type: 'object',
      properties: {
        checkDown: {
          type: 'boolean',
          description: 'Also check `down` steps (a rollback that fails halfway is rerun too). Default false.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: { checkDown: false },
  check({ project, report, options }) {
    for (const migration of project.migrations) {
      const phases = options.checkDown ? (['up', 'down'] as const) : (['up'] as const);
      for (const phase of phases) {
        const oneTransaction = runsInOneTransaction(migration, phase);
        const ops = migration[phase];
        const lastWrite = findLastIndex(ops, (o) => !READ_OPS.has(o.op));
        ops.forEach((op, index) => {
          const failure = RERUN_FAILURE[op.op];
          if (!failure || op.guarded) return;
          if (!op.sql && IDEMPOTENT_BUILDERS.has(op.op)) return;
          const concurrently = cannotBeTransactional(op);
          if (oneTransaction && !concurrently) return;
          // Nothing after the last write can fail and leave it applied (unless it repeats in a loop).
          const laterSteps = index < lastWrite || op.inLoop;
          report({
            migration,
            loc: op.loc,
            messageId: concurrently ? 'unguardedConcurrently' : laterSteps ? 'unguarded' : 'unguardedLastStep',
            data: { op: op.sql ? `${op.op} (SQL)` : op.op, target: describeTarget(op.target, op), failure, table: op.target.table ?? '?', column: op.target.column ?? '' },
            target: op.target,
          });
        });
      }
    }
  },
});

function findLastIndex<T>(items: readonly T[], pred: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  return -1;
}
