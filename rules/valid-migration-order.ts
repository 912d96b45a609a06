import type { Migration } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { compareRunOrder } from '../src/discovery';

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
      sortsBeforeBase:
        '{{file}} is new but sorts before {{latest}}, already on {{ref}}: databases that ran {{latest}} will run it later and out of order, fresh databases in order, so the two can end up with different schemas. Give it a name that sorts after {{latest}}.',
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
    // A file is out of numeric order when any LATER file has a smaller number:
    // keep the smallest number seen from the end.
    let smallest: { migration: Migration; prefix: string; value: bigint } | null = null;
    const outOfOrder: { migration: Migration; prefix: string; before: { migration: Migration; prefix: string } }[] = [];
    for (let i = numbered.length - 1; i >= 0; i--) {
      const cur = numbered[i]!;
      const value = BigInt(cur.prefix);
      if (smallest && value > smallest.value) outOfOrder.push({ ...cur, before: smallest });
      if (!smallest || value < smallest.value) smallest = { ...cur, value };
    }
    for (const o of outOfOrder.reverse()) {
      report({
        migration: o.migration,
        messageId: 'stringOrderDiffers',
        data: { file: o.migration.name, next: o.before.migration.name, prefix: o.prefix, nextPrefix: o.before.prefix },
      });
    }
    // With a base branch (--changed-since): a new file must come after everything already there.
    const base = project.baseMigrations;
    if (base) {
      const onBase = new Set(base.names);
      const latest = project.migrations.filter((m) => onBase.has(m.name)).at(-1);
      if (latest) {
        for (const m of project.migrations) {
          if (!onBase.has(m.name) && compareRunOrder(m.name, latest.name) < 0) {
            report({ migration: m, messageId: 'sortsBeforeBase', data: { file: m.name, latest: latest.name, ref: base.ref } });
          }
        }
      }
    }
  },
});
