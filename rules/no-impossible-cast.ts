import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { castFails, typeFamily } from '../src/operations/type-casts';
import { runsOnPostgres } from '../src/rules/project-facts';
import { forEachUpStep, targetColumn } from '../src/schema/replay';
import { missingEnumValue } from '../src/rules/enum-values';

/**
 * `changeColumn` sends `ALTER COLUMN ... TYPE` with no USING clause:
 * PostgreSQL then converts with an assignment cast, and between most type
 * families there is none (text to integer, varchar to varchar[], integer to
 * boolean, ...). The statement fails on every database, empty or not. The
 * old type comes from the schema replay (src/schema/replay.ts); the pairs
 * that fail are measured (src/operations/type-casts.ts).
 */
export default createRule({
  id: 'no-impossible-cast',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow column type changes that PostgreSQL cannot cast without a USING clause',
      help: 'Write the change as raw SQL with a USING clause that says how to convert (`ALTER TABLE "t" ALTER COLUMN "c" TYPE integer USING "c"::integer`), or add a new column, copy the converted values, and drop the old one.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      valueNotInEnum:
        '`{{op}}` sets {{target}} to `\'{{value}}\'`, which its enum type `{{type}}` does not have ({{labels}}): PostgreSQL refuses the statement as it reads the value ("invalid input value for enum"), whether or not a row matches, so the migration fails here. A changeColumn listing the value does not add it (Sequelize keeps the type); add it first with `ALTER TYPE "{{type}}" ADD VALUE \'{{value}}\'`.',
      noCast:
        '`{{op}}` changes {{target}} from {{from}} to {{to}} without a USING clause: PostgreSQL has no automatic cast between these types and refuses the statement ("cannot be cast automatically"), so the migration fails on every database.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      // An UPDATE to a value the column's enum type lacks (hold-out 100: categories renamed before the enum was widened).
      const missing = missingEnumValue(project, step);
      if (missing) {
        const labels = missing.labels.map((l) => `'${l}'`).join(', ');
        report({ migration, loc: op.loc, messageId: 'valueNotInEnum', data: { op: op.sql ? 'UPDATE' : op.callee, target: describeTarget({ ...op.target, column: missing.column }, op), value: missing.value, type: missing.type, labels }, target: { ...op.target, column: missing.column } });
        return;
      }
      if (op.op !== 'changeColumn' || !runsOnPostgres(project, op)) return;
      // Raw SQL with USING says how to convert.
      if (op.sql && op.options.using !== false) return;
      const to = typeof op.options.type === 'string' ? op.options.type : null;
      // A type written as a string with its own USING (`type: 'UUID USING CAST("c" AS UUID)'`): Sequelize sends the
      // string as written, so the statement says how to convert (measured, test/semantics/failing-changes.test.ts).
      if (!op.sql && to !== null && /\busing\b/i.test(to)) return;
      // With `references`, Sequelize 6 sends only ADD FOREIGN KEY: the type is not changed, no value is cast (measured,
      // test/semantics/change-column-references.test.ts; hold-out 44).
      if (!op.sql && op.options.references !== undefined && op.options.references !== null) return;
      const from = targetColumn(step)?.column.type ?? null;
      const fromFamily = typeFamily(from);
      const toFamily = typeFamily(to);
      if (!fromFamily || !toFamily || !castFails(fromFamily, toFamily, !op.sql)) return;
      report({
        migration,
        loc: op.loc,
        messageId: 'noCast',
        data: { op: op.sql ? 'ALTER COLUMN ... TYPE' : 'changeColumn', target: describeTarget(op.target, op), from: `\`${from}\``, to: `\`${to}\`` },
        target: op.target,
      });
    });
  },
});
