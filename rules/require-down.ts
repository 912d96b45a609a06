import { createRule } from '../src/rules/create-rule';
import { writeOps } from '../src/operations/effects';

/**
 * A `down` that does nothing while `up` changed the schema makes
 * `db:migrate:undo` report success and leave everything in place. A `down`
 * that throws is an explicit "irreversible" marker and passes.
 */
export default createRule({
  id: 'require-down',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a `down` that reverts `up`, or one that throws to mark the migration irreversible',
      help: 'Write the reversal, or make `down` throw (`throw new Error("irreversible: restore from backup")`) so a rollback stops instead of silently doing nothing.',
      recommended: false,
      strict: true,
      risk: 'hygiene',
    },
    messages: {
      missingDown:
        '{{file}} has no `down`: `db:migrate:undo` stops with "Could not find migration method: down", and the database is left between versions with its changes ({{changes}}).',
      emptyDown:
        'The `down` of {{file}} does nothing: `db:migrate:undo` reports success and un-records the migration while its changes ({{changes}}) stay in place, so the next `db:migrate` runs its `up` again.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      if (migration.status !== 'ok') continue;
      const changes = writeOps(migration.up);
      if (changes.length === 0) continue;
      const down = migration.downFunction;
      if (down.present && (down.throws || writeOps(migration.down).length > 0 || migration.down.some((o) => o.op === 'unresolved'))) continue;
      const summary = changes.slice(0, 3).map((o) => `${o.op} ${o.target.table ?? o.target.name ?? '?'}${o.target.column ? `.${o.target.column}` : ''}`);
      const data = { file: migration.name, changes: summary.join(', ') + (changes.length > 3 ? `, +${changes.length - 3} more` : '') };
      if (!down.present) {
        report({ migration, loc: migration.upFunction.loc ?? { line: 1, column: 1 }, messageId: 'missingDown', data });
      } else {
        report({ migration, loc: down.loc ?? { line: 1, column: 1 }, messageId: 'emptyDown', data });
      }
    }
  },
});
