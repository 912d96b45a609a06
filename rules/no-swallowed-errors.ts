import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/rules/operations';

/**
 * A catch that discards every error makes a failed step look like success:
 * the runner records the migration as done and nobody learns the schema is
 * not what the code expects.
 */
export default createRule({
  id: 'no-swallowed-errors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow catching and discarding every error around migration steps',
      help: 'Rethrow every error except the one you expect: `if (!/already exists/.test(error.message)) throw error;`, or better, test for the object first (describeTable, IF NOT EXISTS).',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      swallowed:
        'This catch discards every error from {{steps}}: a real failure (lock timeout, bad SQL, lost connection) is hidden, and the migration is recorded as done.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      // One finding per catch, naming the steps it covers.
      const byCatch = new Map<string, Operation[]>();
      for (const op of [...migration.up, ...migration.down]) {
        if (op.guard?.kind !== 'catch-all') continue;
        const key = `${op.guard.line}:${op.guard.column}`;
        const list = byCatch.get(key) ?? [];
        list.push(op);
        byCatch.set(key, list);
      }
      for (const ops of byCatch.values()) {
        const first = ops[0]!;
        const names = ops.map((o) => `${o.op} ${describeTarget(o.target, o)}`);
        const steps = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        report({
          migration,
          loc: { line: first.guard!.line ?? first.loc.line, column: first.guard!.column ?? 1 },
          messageId: 'swallowed',
          data: { steps },
        });
      }
    }
  },
});
