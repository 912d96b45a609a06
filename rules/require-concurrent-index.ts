import type { Operation } from '../src/model';
import { DEFAULT_POSTGRES_VERSION, postgresVersionOption } from '../src/rules/postgres-version';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { runsOnPostgres } from '../src/rules/project-facts';
import { CreatedInMigration } from '../src/schema/replay';
import { buildConcurrently, present } from '../src/rules/rewrites';

/**
 * `CREATE INDEX` (what `addIndex` sends) takes a SHARE lock: every INSERT,
 * UPDATE and DELETE on the table waits until the whole index is built. On a
 * large table that is minutes of failed writes. `CONCURRENTLY` builds without
 * blocking writes (and cannot run in a transaction). The same holds for
 * `REINDEX` (SHARE on the table, ACCESS EXCLUSIVE on the index), and `DROP
 * INDEX` (what `removeIndex` sends) takes ACCESS EXCLUSIVE on the table: it
 * waits behind every running query on it, and every query waits behind it.
 */
export default createRule({
  id: 'require-concurrent-index',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require indexes on existing tables to be built, rebuilt and dropped concurrently',
      help: 'Pass `{ concurrently: true }` to addIndex / removeIndex (or write CREATE INDEX / DROP INDEX / REINDEX CONCURRENTLY), outside any transaction, and guard it: a failed concurrent build leaves an INVALID index behind.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      blockingIndex:
        '`{{op}}` on {{target}} builds the index while holding a lock that blocks every write to the table until it finishes: on a large table, writes fail or queue for minutes.',
      blockingUniqueIndex:
        '`{{op}}` on {{target}} builds the unique index while holding a lock that blocks every write to the table until it finishes: build it with CREATE UNIQUE INDEX CONCURRENTLY instead (then `ADD CONSTRAINT ... UNIQUE USING INDEX` if a constraint is needed).',
      blockingDropIndex:
        '`{{op}}` of {{target}} takes ACCESS EXCLUSIVE on its table: it waits behind every running query on the table, and every read and write waits behind it. Drop it with DROP INDEX CONCURRENTLY.',
      blockingReindex:
        '`{{op}}` of {{target}} rebuilds while holding SHARE on the table (no writes) and ACCESS EXCLUSIVE on the index (no reads that use it) until it finishes: use REINDEX CONCURRENTLY (PostgreSQL 12+).',
      blockingReindexBefore12:
        '`{{op}}` of {{target}} rebuilds while holding SHARE on the table (no writes) and ACCESS EXCLUSIVE on the index (no reads that use it) until it finishes, and PostgreSQL {{postgresVersion}} has no REINDEX CONCURRENTLY (from 12): build a copy with CREATE INDEX CONCURRENTLY under another name, then drop the old index (DROP INDEX CONCURRENTLY) and rename the copy.',
    },
    schema: {
      type: 'object',
      properties: { postgresVersion: postgresVersionOption('Before 12 there is no REINDEX CONCURRENTLY, so the advice for a blocking REINDEX is a concurrent copy instead.') },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: { postgresVersion: DEFAULT_POSTGRES_VERSION },
  check({ project, report, asWritten, options }) {
    for (const migration of project.migrations) {
      const created = new CreatedInMigration();
      for (const op of migration.up) {
        const step = blockingIndexStep(op);
        const messageId = step === 'blockingReindex' && options.postgresVersion < 12 ? 'blockingReindexBefore12' : step;
        if (messageId && runsOnPostgres(project, op) && !created.tableIsNew(op.target.table) && !created.indexIsNew(op)) {
          report({
            migration,
            loc: op.loc,
            messageId,
            data: { op: op.sql ? sqlName(op) : op.op, target: describeTarget(op.target, op), table: op.target.table ?? '?', postgresVersion: String(options.postgresVersion) },
            target: op.target,
            suggest: op.op === 'addIndex' ? present([buildConcurrently(asWritten(migration), op.loc)]) : [],
          });
        }
        created.record(op);
      }
    }
  },
});

type IndexMessage = 'blockingIndex' | 'blockingUniqueIndex' | 'blockingDropIndex' | 'blockingReindex' | 'blockingReindexBefore12';

/** What the step does to an index without CONCURRENTLY, by message id; null when it is concurrent or not an index step. */
function blockingIndexStep(op: Operation): IndexMessage | null {
  if (op.options.concurrently === true) return null;
  if (op.op === 'addIndex') return op.options.unique === true || op.options.type === 'UNIQUE' ? 'blockingUniqueIndex' : 'blockingIndex';
  if (op.op === 'removeIndex') return 'blockingDropIndex';
  if (op.op === 'sql' && op.options.statementType === 'ReindexStmt' && (op.options.reindex === 'index' || op.options.reindex === 'table')) return 'blockingReindex';
  return null;
}

/** The statement as message text. */
function sqlName(op: Operation): string {
  if (op.op === 'addIndex') return op.options.unique === true ? 'CREATE UNIQUE INDEX' : 'CREATE INDEX';
  if (op.op === 'removeIndex') return 'DROP INDEX';
  return `REINDEX ${String(op.options.reindex).toUpperCase()}`;
}
