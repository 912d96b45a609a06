import type { JsonValue, Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { compareRunOrder } from '../src/discovery';
import { analyzeRunOrder, passedFiles } from '../src/naming/migration-names';

/**
 * The runner orders migrations by the plain string sort of their names, and
 * names say the order their authors meant (a timestamp, a counter). The rule
 * reports where the two part: a file the sort puts out of place (once, on that
 * file), and files that share a prefix of one scheme, whose order then hangs
 * on the rest of the name. Both are warnings only when the files involved
 * change the same table; elsewhere a different order builds the same tables.
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
        '{{file}} runs {{position}} {{other}} because the runner sorts names as strings, although its prefix `{{prefix}}` puts it {{intended}} {{anchor}}: the sort moves it past {{passed}}, so a fresh database runs them in a different order than their names say.',
      stringOrderDiffersSameTable:
        '{{file}} runs {{position}} {{other}} because the runner sorts names as strings, although its prefix `{{prefix}}` puts it {{intended}} {{anchor}}; it and {{sharedWith}} both change `{{table}}`, so a step that relies on the other can fail, or leave `{{table}}` different from what the order of the names builds.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const migrations = project.migrations;
    // A runner that sorts its own way gives the names no order to check.
    if (project.project.runner?.order !== 'custom') {
      const analysis = analyzeRunOrder(migrations.map((m) => m.name));
      const { parsed, duplicates, misplaced } = analysis;
      const tables = new Map<number, Set<string>>();
      const tablesAt = (i: number) => {
        let t = tables.get(i);
        if (!t) tables.set(i, (t = tablesTouched(migrations[i]!)));
        return t;
      };

      for (const { indexes } of duplicates) {
        const [first, ...rest] = indexes;
        for (const i of rest) {
          const shared = indexes.some((j) => j !== i && firstShared(tablesAt(i), tablesAt(j)) !== null);
          const m = migrations[i]!;
          report({
            migration: m,
            messageId: 'duplicatePrefix',
            data: { file: m.name, prefix: parsed[i]!.prefix, other: migrations[first!]!.name },
            severity: shared ? 'warning' : 'info',
          });
        }
      }

      for (const o of misplaced) {
        const m = migrations[o.index]!;
        const late = o.direction === 'late';
        const data: Record<string, string> = {
          file: m.name,
          prefix: parsed[o.index]!.prefix,
          position: late ? 'after' : 'before',
          other: migrations[o.other]!.name,
          intended: late ? 'before' : 'after',
          anchor: migrations[o.anchor]!.name,
          passed: o.passedCount === 1 ? '1 migration' : `${o.passedCount} migrations`,
        };
        let sharing: { index: number; table: string } | null = null;
        for (const j of passedFiles(analysis, o)) {
          const table = firstShared(tablesAt(o.index), tablesAt(j));
          if (table !== null) {
            sharing = { index: j, table };
            break;
          }
        }
        if (sharing) {
          report({
            migration: m,
            messageId: 'stringOrderDiffersSameTable',
            data: { ...data, sharedWith: migrations[sharing.index]!.name, table: sharing.table },
            severity: 'warning',
          });
        } else {
          report({ migration: m, messageId: 'stringOrderDiffers', data, severity: 'info' });
        }
      }
    }

    // With a base branch (--changed-since): a new file must come after everything already there.
    const base = project.baseMigrations;
    if (base) {
      const onBase = new Set(base.names);
      const latest = migrations.filter((m) => onBase.has(m.name)).at(-1);
      if (latest) {
        for (const m of migrations) {
          if (!onBase.has(m.name) && compareRunOrder(m.name, latest.name) < 0) {
            report({ migration: m, messageId: 'sortsBeforeBase', data: { file: m.name, latest: latest.name, ref: base.ref } });
          }
        }
      }
    }
  },
});

/** The first table (in code-unit order) both sets hold, or null. */
function firstShared(a: Set<string>, b: Set<string>): string | null {
  let found: string | null = null;
  for (const t of a) if (b.has(t) && (found === null || t < found)) found = t;
  return found;
}

/**
 * The tables the migration's `up` creates, changes, renames or points a
 * foreign key at: two migrations that share one can depend on each other's order.
 */
export function tablesTouched(migration: Migration): Set<string> {
  const out = new Set<string>();
  const add = (t: JsonValue | undefined) => {
    if (typeof t === 'string' && t !== '') out.add(t);
    else if (t && typeof t === 'object' && !Array.isArray(t) && typeof t.tableName === 'string') out.add(t.tableName);
  };
  const addReferences = (attrs: Record<string, JsonValue> | null | undefined) => {
    const ref = attrs?.references;
    if (ref && typeof ref === 'object' && !Array.isArray(ref)) {
      add(ref.model);
      add(ref.table);
    }
  };
  for (const op of migration.up as Operation[]) {
    add(op.target.table ?? undefined);
    if (op.op === 'renameTable') add(op.target.newName ?? undefined);
    addReferences(op.options);
    for (const column of Object.values(op.columns ?? {})) addReferences(column);
  }
  return out;
}
