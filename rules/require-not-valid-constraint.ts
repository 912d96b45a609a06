import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { referencedTable } from '../src/operations/foreign-keys';
import { describeTarget } from '../src/operations/effects';
import { isGiven } from '../src/rules/operations';
import { firstAtCallSite, forEachStepOnTableInUse } from '../src/rules/project-facts';

/**
 * A foreign key or CHECK added without NOT VALID is validated at once:
 * PostgreSQL reads every existing row while it holds SHARE ROW EXCLUSIVE on
 * both tables (a foreign key: no writes to either) or ACCESS EXCLUSIVE (a
 * CHECK: no reads or writes). Sequelize's addConstraint, changeColumn with
 * `references` and addColumn with `references` always send the validated
 * form. Adding it NOT VALID, then `VALIDATE CONSTRAINT` (SHARE UPDATE
 * EXCLUSIVE: reads and writes go on), checks the same rows without the
 * blocking. A table the same migration created (or the unreleased change
 * set) has no rows to check: no finding.
 */
export default createRule({
  id: 'require-not-valid-constraint',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require foreign keys and CHECK constraints on existing tables to be added NOT VALID, then validated',
      help: 'Add the constraint with raw SQL `ALTER TABLE ... ADD CONSTRAINT ... NOT VALID` (a brief lock, no scan), then run `ALTER TABLE ... VALIDATE CONSTRAINT ...` in a separate step outside that transaction: it checks the rows without blocking reads or writes.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      foreignKey:
        '`{{op}}` adds a foreign key on {{target}}{{referenced}}, validated at once: PostgreSQL checks every existing row of `{{table}}` while holding SHARE ROW EXCLUSIVE on both tables, blocking their writes until the check ends.',
      check:
        '`{{op}}` adds a CHECK constraint on {{target}}, validated at once: PostgreSQL checks every existing row while holding ACCESS EXCLUSIVE on `{{table}}`, blocking its reads and writes until the check ends.',
      referencesColumn:
        '`{{op}}` adds {{target}} with a foreign key{{referenced}}, validated at once: PostgreSQL scans `{{table}}` under ACCESS EXCLUSIVE and holds SHARE ROW EXCLUSIVE on the referenced table, blocking its writes until the scan ends.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const first = firstAtCallSite();
    forEachStepOnTableInUse(project, ({ migration, op }) => {
      const kind = validatedConstraint(op);
      if (!kind || !first(migration, op, kind)) return;
      const referenced = referencedTable(op.options.references);
      report({
        migration,
        loc: op.loc,
        messageId: kind,
        data: {
          op: op.sql ? (op.op === 'addColumn' ? 'ADD COLUMN' : 'ADD CONSTRAINT') : op.op,
          target: describeTarget(op.target, op),
          table: op.target.table ?? '?',
          referenced: referenced ? ` to \`${referenced}\`` : '',
        },
        target: op.target,
      });
    });
  },
});

/** What validated constraint the step adds to its table, by message id; null when none (or NOT VALID). */
function validatedConstraint(op: Operation): 'foreignKey' | 'check' | 'referencesColumn' | null {
  const o = op.options;
  if (op.op === 'addConstraint') {
    if (op.sql && o.notValid === true) return null;
    const type = String((op.sql ? o.constraintType : o.type) ?? '').toLowerCase();
    if (type === 'foreign key') return 'foreignKey';
    if (type === 'check') return 'check';
    return null;
  }
  if (op.op === 'addColumn' && isGiven(o.references)) return 'referencesColumn';
  // Measured: changeColumn with `references` sends only `ADD FOREIGN KEY`, validated.
  if (op.op === 'changeColumn' && !op.sql && isGiven(o.references)) return 'foreignKey';
  return null;
}

