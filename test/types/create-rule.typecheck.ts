/**
 * Compile-time checks of the rule contract (src/rules/create-rule.ts), type
 * checked by test/rules/create-rule.types.test.ts and never run. Each
 * `@ts-expect-error` marks a line the compiler must refuse: if the typing
 * regressed (message ids back to plain strings), the directive would be
 * unused and the check would fail.
 */
import { createRule, type Rule } from '../../src/rules/create-rule';

const meta = {
  type: 'problem',
  docs: { description: 'Disallow examples', help: 'Do not.', recommended: false, strict: false, risk: 'hygiene' },
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultSeverity: 'warning',
  scope: 'file',
} as const;

/** Message ids inferred from `meta.messages`. */
export const inferred = createRule({
  id: 'no-example',
  meta: { ...meta, messages: { dropsTable: 'Drops {{table}}.', addGuard: 'Guard {{table}}.' } },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      report({ migration, messageId: 'dropsTable', data: { table: 'users' } });
      // @ts-expect-error -- an id the rule does not declare
      report({ migration, messageId: 'misspeltDrop' });
      report({
        migration,
        messageId: 'dropsTable',
        suggest: [
          { messageId: 'addGuard', data: { table: 'users' }, fix: () => null },
          { desc: 'Keep the table', fix: (source) => ({ range: [0, source.length], text: '' }) },
        ],
      });
      report({
        migration,
        messageId: 'dropsTable',
        // @ts-expect-error -- a suggestion worded by an id the rule does not declare
        suggest: [{ messageId: 'misspeltGuard', fix: () => null }],
      });
    }
  },
});

/** Ids given with the options, as typescript-eslint's `createRule<Options, MessageIds>`. */
export const explicit = createRule<{ limit: number }, 'tooMany' | 'tooFew'>({
  id: 'no-explicit-example',
  meta: {
    ...meta,
    messages: {
      tooMany: 'Too many.',
      tooFew: 'Too few.',
      // @ts-expect-error -- a message whose id the rule does not list
      misspeltExtra: 'Unlisted.',
    },
  },
  defaultOptions: { limit: 3 },
  check({ project, options, report }) {
    const messageId = project.migrations.length > options.limit ? 'tooMany' : 'tooFew';
    report({ file: 'migrations', messageId });
    const computed: string = messageId;
    // @ts-expect-error -- a plain string is not a message id
    report({ file: 'migrations', messageId: computed });
  },
});

/** Typed rules still fit the registry's list. */
export const registry: readonly Rule<any>[] = [inferred, explicit];
