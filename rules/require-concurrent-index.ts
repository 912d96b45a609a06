import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { CreatedInMigration } from '../src/schema/replay';
import { buildConcurrently, present } from '../src/rules/rewrites';

/**
 * `CREATE INDEX` (what `addIndex` sends) takes a SHARE lock: every INSERT,
 * UPDATE and DELETE on the table waits until the whole index is built. On a
 * large table that is minutes of failed writes. `CONCURRENTLY` builds without
 * blocking writes (and cannot run in a transaction).
 */
export default createRule({
  id: 'require-concurrent-index',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require indexes on existing tables to be built concurrently',
      help: 'Pass `{ concurrently: true }` to addIndex (or write CREATE INDEX CONCURRENTLY), outside any transaction, and guard it: a failed concurrent build leaves an INVALID index behind.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      blockingIndex:
        '`{{op}}` on {{target}} builds the index while holding a lock that blocks every write to the table until it finishes: on a large table, writes fail or queue for minutes.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report, asWritten }) {
    for (const migration of project.migrations) {
      const created = new CreatedInMigration();
      for (const op of migration.up) {
        if (op.op === 'addIndex' && op.options.concurrently !== true && !created.tableIsNew(op.target.table)) {
          report({
            migration,
            loc: op.loc,
            messageId: 'blockingIndex',
            data: { op: op.sql ? 'CREATE INDEX' : 'addIndex', target: describeTarget(op.target, op), table: op.target.table ?? '?' },
            target: op.target,
            suggest: present([buildConcurrently(asWritten(migration), op.loc)]),
          });
        }
        created.record(op);
      }
    }
  },
});
