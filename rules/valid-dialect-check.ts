import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { changesDatabase } from '../src/operations/table';
import { listSteps } from '../src/rules/operations';

/**
 * A dialect test on a misspelled option (`queryInterface.sequelize.options.dialog
 * === 'postgres'`) reads `undefined`: Sequelize keeps no such option. The test
 * never holds (or, with `!==`, always does), so the steps meant for one database
 * never run anywhere, silently, and the migration is recorded as done without
 * them; or steps meant for the others run on it too.
 */
export default createRule({
  id: 'valid-dialect-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce dialect checks that read the dialect: a misspelled option is always undefined',
      help: 'Test `queryInterface.sequelize.getDialect()` (or `queryInterface.sequelize.options.dialect`), the names Sequelize sets.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      never:
        '`{{expression}}` is not an option Sequelize sets (did you mean `dialect`?): it is always undefined, so this test never holds and {{steps}} {{run}} on no database. The migration is recorded as done without {{them}}.{{also}}',
      always:
        '`{{expression}}` is not an option Sequelize sets (did you mean `dialect`?): it is always undefined, so this test always holds and {{steps}} {{run}} on every database, the one the test meant to leave out included.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      // One finding per misspelled test, naming the steps it decides.
      const tests = new Map<string, { first: Operation; never: Operation[]; always: Operation[] }>();
      for (const op of [...migration.up, ...migration.down]) {
        const typo = op.dialectTypo;
        if (!typo || !changesDatabase(op.op)) continue;
        const key = `${typo.line}:${typo.column}`;
        const test = tests.get(key) ?? { first: op, never: [], always: [] };
        test[typo.runs].push(op);
        tests.set(key, test);
      }
      for (const { first, never, always } of tests.values()) {
        const typo = first.dialectTypo!;
        const loc = { line: typo.line, column: typo.column };
        const runs = (ops: Operation[]) => (ops.length === 1 ? 'runs' : 'run');
        if (never.length > 0) {
          const also = always.length > 0 ? ` Its other branch (${listSteps(always)}) runs on every database instead.` : '';
          report({ migration, loc, messageId: 'never', data: { expression: typo.expression, steps: listSteps(never), run: runs(never), them: never.length === 1 ? 'it' : 'them', also } });
        } else {
          report({ migration, loc, messageId: 'always', data: { expression: typo.expression, steps: listSteps(always), run: runs(always) } });
        }
      }
    }
  },
});
