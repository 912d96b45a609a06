import { createRule } from '../src/rules/create-rule';
import { destructiveEffect } from '../src/rules/operations';

/**
 * A `down` that drops tables or columns, or deletes rows, destroys data when
 * someone rolls back: `db:migrate:undo` is an emergency tool, and it is
 * exactly then that nobody reads the down first.
 */
export default createRule({
  id: 'no-destructive-down',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `down` steps that destroy data on rollback',
      help: 'Make the rollback keep the data: leave the column or table in place (a later migration can remove it after a backup), or make the down throw to mark the migration irreversible.',
      recommended: true,
      strict: true,
      risk: 'data-loss',
    },
    messages: {
      dropTable: 'Rolling back drops table {{target}} and every row in it.',
      dropColumn: 'Rolling back drops {{target}} and the data in it.',
      deleteAllRows: 'Rolling back deletes every row of {{target}}.',
      deleteSomeRows: 'Rolling back deletes the rows of {{target}} matching {{where}}, including any changed since the migration ran.',
      truncate: 'Rolling back empties {{target}} (TRUNCATE).',
      dropSchema: 'Rolling back drops schema `{{name}}` and every table in it.',
      dropEverything: 'Rolling back drops every table in the database ({{target}}).',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      for (const op of migration.down) {
        const effect = destructiveEffect(op, false);
        if (!effect) continue;
        report({ migration, loc: op.loc, messageId: effect.kind, data: effect.data, target: op.target });
      }
    }
  },
});
