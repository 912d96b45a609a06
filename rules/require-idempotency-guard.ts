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
  // Measured: Sequelize looks the table up first and throws its own error, no SQL is sent.
  renameColumn: "Sequelize: table doesn't have the column",
  renameTable: 'relation does not exist',
  addIndex: 'relation already exists',
  // Measured: 42710 for a foreign key; a unique constraint's index makes it 42P07.
  addConstraint: 'constraint (or, for a unique constraint, relation) already exists',
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

type LastStep = 'auto' | 'always' | 'never';

export default createRule<{ checkDown: boolean; lastStep: LastStep }>({
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
        '`{{op}}` on {{target}} has no guard: it fails ({{failure}}) on a database that already has this change, and {{why}}.',
      unguardedPartialTransaction:
        '`{{op}}` on {{target}} has no guard and its transaction does not cover the whole migration: if a step outside it fails after the commit, this one stays applied, and the rerun fails here ({{failure}}).',
      unguardedConcurrently:
        '`{{op}}` on {{target}} has no guard, and a concurrent index build is not atomic: when it fails (a deadlock, a duplicate in a unique index) PostgreSQL leaves an INVALID index behind, so the rerun fails here ({{failure}}); it cannot run in a transaction either.',
    },
    schema: {
      type: 'object',
      properties: {
        checkDown: {
          type: 'boolean',
          description: 'Also check `down` steps (a rollback that fails halfway is rerun too). Default false.',
        },
        lastStep: {
          type: 'string',
          enum: ['auto', 'always', 'never'],
          description:
            'The last step of a migration cannot be left applied by a later failure; it only fails on a database that already has the change. `auto` (default) reports it when the project builds schemas with sequelize.sync() (an npm script), `always` reports it anyway, `never` does not.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: { checkDown: false, lastStep: 'auto' },
  check({ project, report, options }) {
    const sync = project.schemaSync ?? null;
    const reportLast = options.lastStep === 'always' || (options.lastStep === 'auto' && sync !== null);
    const why = sync
      ? `\`npm run ${sync.script}\` builds schemas with sequelize.sync() (${sync.evidence}), so databases can already have it`
      : 'a database built by sequelize.sync(), a manual fix or a restore from another branch can already have it';
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
          // A concurrent build can fail half-done (measured: an INVALID index stays), whatever its position.
          if (!laterSteps && !reportLast && !concurrently) return;
          const messageId = concurrently
            ? 'unguardedConcurrently'
            : !laterSteps
              ? 'unguardedLastStep'
              : op.inTransaction
                ? 'unguardedPartialTransaction'
                : 'unguarded';
          report({
            migration,
            loc: op.loc,
            messageId,
            data: { op: op.sql ? `${op.op} (SQL)` : op.op, target: describeTarget(op.target, op), failure, why, table: op.target.table ?? '?', column: op.target.column ?? '' },
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
