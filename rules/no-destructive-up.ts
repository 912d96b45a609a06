import { createRule } from '../src/rules/create-rule';
import { CreatedInMigration, destructiveEffect, updatedColumns } from '../src/rules/operations';

/**
 * An `up` that drops, deletes or overwrites existing data runs on every
 * environment at the next deploy. What the same migration created a moment
 * earlier is not data loss, and is not reported.
 */
export default createRule<{ reportRowFilteredChanges: boolean }>({
  id: 'no-destructive-up',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `up` steps that drop, delete or overwrite existing data',
      help: 'Split destructive changes into expand/contract steps: stop using the column or table first, back it up, and drop it in a later, reviewed migration; restrict deletes and updates with a WHERE that names the rows.',
      recommended: true,
      strict: true,
      risk: 'data-loss',
    },
    messages: {
      dropTable: 'Migrating drops table {{target}} and every row in it.',
      dropColumn: 'Migrating drops {{target}} and the data in it.',
      deleteAllRows: 'Migrating deletes every row of {{target}}.',
      deleteSomeRows: 'Migrating deletes the rows of {{target}} matching {{where}}.',
      truncate: 'Migrating empties {{target}} (TRUNCATE).',
      overwriteAllRows: 'Migrating overwrites {{columns}} in every row of {{target}} (no WHERE): the previous values are lost.',
      overwriteSomeRows: 'Migrating overwrites {{columns}} of {{target}} in the rows matching {{where}}: the previous values are lost.',
      dropSchema: 'Migrating drops schema `{{name}}` and every table in it.',
      dropEverything: 'Migrating drops every table in the database ({{target}}).',
    },
    schema: {
      type: 'object',
      properties: {
        reportRowFilteredChanges: {
          type: 'boolean',
          description: 'Also report deletes and updates restricted by a WHERE (as warnings). Default true.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: { reportRowFilteredChanges: true },
  check({ project, report, options }) {
    for (const migration of project.migrations) {
      const created = new CreatedInMigration();
      for (const op of migration.up) {
        const effect = destructiveEffect(op, true);
        if (effect && !isNewData(op, created) && (effect.all || options.reportRowFilteredChanges)) {
          report({
            migration,
            loc: op.loc,
            messageId: effect.kind,
            data: effect.data,
            target: op.target,
            severity: effect.all ? 'error' : 'warning',
          });
        }
        created.record(op);
      }
    }
  },
});

function isNewData(op: Parameters<typeof destructiveEffect>[0], created: CreatedInMigration): boolean {
  const { table, column } = op.target;
  if (created.tableIsNew(table)) return true;
  if (op.op === 'removeColumn') return created.columnIsNew(table, column);
  if (op.op === 'update' || op.op === 'bulkUpdate') {
    // A backfill of columns this migration just added overwrites nothing.
    const cols = updatedColumns(op);
    return cols !== null && cols.length > 0 && cols.every((c) => created.columnIsNew(table, c));
  }
  return false;
}
