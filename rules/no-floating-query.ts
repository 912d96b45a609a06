import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { changesDatabase } from '../src/operations/table';
import { oncePerCallSite } from '../src/rules/operations';

/**
 * A queryInterface or `sequelize.query` call whose promise is neither
 * awaited, returned nor collected runs on its own: the migration goes on (and
 * may end, be recorded as done, and close the connection) before the step
 * finishes, the steps may run in any order, and a failure of the step does
 * not fail the migration (an unhandled rejection at best).
 */
export default createRule({
  id: 'no-floating-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queryInterface and sequelize.query calls whose promise is not awaited',
      help: 'Put `await` before the call (or return it, or collect it in `Promise.all` that is awaited), so that the migration waits for the step and fails when it fails.',
      recommended: false,
      strict: true,
      risk: 'failure',
    },
    messages: {
      floating:
        '`{{callee}}` on {{target}} is not awaited: the migration goes on without waiting for it, may be recorded as done before it ends, and does not fail when it fails.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      oncePerCallSite(
        migration,
        (op) => (op.floating && !op.via && changesDatabase(op.op) ? 'floating' : null),
        (op, messageId) => report({ migration, loc: op.loc, messageId, data: { callee: op.callee, target: describeTarget(op.target, op) }, target: op.target }),
      );
    }
  },
});
