import type { Migration } from '../src/model';
import { createRule } from '../src/rules/create-rule';

/** The numeric or timestamp prefix of a migration name: `009-x.js` -> `009`. */
export function numericPrefix(name: string): string | null {
  const m = /^(\d+)(?=[-_.])/.exec(name);
  return m ? m[1]! : null;
}

/**
 * The runner orders migrations by the plain string sort of their names.
 * Shared prefixes make that order depend on the rest of the name, and mixed
 * widths (`100-x` vs `20-y`) make it differ from the numbers people read.
 */
export default createRule({
  id: 'valid-migration-order',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require migration names whose run order is unambiguous',
      help: 'Give each migration a unique prefix of one scheme and width (sequelize-cli generates YYYYMMDDHHMMSS-); rename only migrations that have not run anywhere yet.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      duplicatePrefix:
        '{{file}} shares the prefix `{{prefix}}` with {{other}}: their run order depends on the rest of the name, not on when they were written.',
      stringOrderDiffers:
        '{{file}} runs before {{next}} because the runner sorts names as strings, although {{prefix}} > {{nextPrefix}}: mixed prefix widths make the run order differ from the numbering.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const byPrefix = new Map<string, Migration[]>();
    const numbered: { migration: Migration; prefix: string }[] = [];
    for (const migration of project.migrations) {
      const prefix = numericPrefix(migration.name);
      if (prefix === null) continue;
      numbered.push({ migration, prefix });
      const list = byPrefix.get(prefix) ?? [];
      list.push(migration);
      byPrefix.set(prefix, list);
    }
    for (const [prefix, list] of byPrefix) {
      if (list.length < 2) continue;
      // Report every file after the first, naming the first.
      for (const m of list.slice(1)) {
        report({ migration: m, messageId: 'duplicatePrefix', data: { file: m.name, prefix, other: list[0]!.name } });
      }
    }
    for (let i = 0; i + 1 < numbered.length; i++) {
      const a = numbered[i]!;
      const b = numbered[i + 1]!;
      if (BigInt(a.prefix) > BigInt(b.prefix)) {
        report({
          migration: a.migration,
          messageId: 'stringOrderDiffers',
          data: { file: a.migration.name, next: b.migration.name, prefix: a.prefix, nextPrefix: b.prefix },
        });
      }
    }
  },
});
