import type { JsonValue, Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { compareRunOrder } from '../src/discovery';
import { isRead, OPERATIONS } from '../src/operations/table';
import { analyzeRunOrder, passedFiles } from '../src/naming/migration-names';
import { escapeRegExp } from '../src/util/text';
import { referencedTable } from '../src/operations/foreign-keys';

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
    // A file that is not a migration (a test beside them, a helper: valid-migration-file reports it) has no place in the order.
    const migrations = project.migrations.filter((m) => m.status !== 'not-a-migration');
    // A runner that sorts its own way gives the names no order to check.
    if (project.project.runner?.order !== 'custom') {
      const analysis = analyzeRunOrder(migrations.map((m) => m.name));
      const { parsed, duplicates, misplaced } = analysis;
      const tables = new Map<number, Touched>();
      const tablesAt = (i: number) => {
        let t = tables.get(i);
        if (!t) tables.set(i, (t = tablesTouched(migrations[i]!)));
        return t;
      };

      for (const { indexes } of duplicates) {
        const [first, ...rest] = indexes;
        for (const i of rest) {
          const shared = indexes.some((j) => j !== i && !sameChanges(migrations[i]!, migrations[j]!) && firstShared(tablesAt(i), tablesAt(j)) !== null);
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

/** What a migration's `up` does, at the grain where run order can matter. */
export interface Touched {
  /** Tables it creates, drops, renames, empties, or changes as a whole (data, unresolved SQL). */
  whole: Set<string>;
  /** `table.column` it adds, drops, changes, renames or indexes. */
  columns: Set<string>;
  /** Tables it points a foreign key at. */
  refs: Set<string>;
  /** Indexes whose columns are not listed (expressions, SQL): their statement text, by table. */
  indexes: Map<string, string[]>;
}

/**
 * The two `up`s make the same changes (the same operations on the same
 * targets with the same options, as when one migration was copied under
 * another name): either order builds the same schema.
 */
function sameChanges(a: Migration, b: Migration): boolean {
  // A builder changeColumn is compared by what the column becomes (type, NOT NULL, the table its key references): a comment or an ON DELETE does not order anything.
  const shape = (o: Operation) =>
    o.op === 'changeColumn' && !o.sql ? [o.op, o.target, o.options.type ?? null, o.options.allowNull ?? null, referencedTable(o.options.references)] : [o.op, o.target, o.options, o.columns ?? null, o.statement ?? null];
  const key = (m: Migration) => JSON.stringify(m.up.filter((o) => !isRead(o.op)).map(shape));
  return a.up.length > 0 && key(a) === key(b);
}

/**
 * The first table (in code-unit order) on which the two migrations depend on
 * each other's order, or null: one changes a table as a whole that the other
 * uses at all, or both change the same column. Two migrations that add
 * different columns to one table, or one that points a key at a table the
 * other adds a column to, build the same schema in either order.
 */
function firstShared(a: Touched, b: Touched): string | null {
  const candidates: string[] = [];
  const tableOf = (c: string) => c.slice(0, c.lastIndexOf('.'));
  const uses = (t: Touched) => new Set([...t.whole, ...t.refs, ...[...t.columns].map(tableOf)]);
  const usesA = uses(a);
  const usesB = uses(b);
  for (const t of a.whole) if (usesB.has(t) || b.indexes.has(t)) candidates.push(t);
  for (const t of b.whole) if (usesA.has(t) || a.indexes.has(t)) candidates.push(t);
  for (const c of a.columns) if (b.columns.has(c)) candidates.push(tableOf(c));
  // An index written as SQL depends on a column the other migration changes only when its text names that column.
  const indexReads = (x: Touched, y: Touched) => {
    for (const c of y.columns) {
      const column = c.slice(c.lastIndexOf('.') + 1);
      const named = new RegExp(`(^|[^\\w])${escapeRegExp(column)}($|[^\\w])`);
      if ((x.indexes.get(tableOf(c)) ?? []).some((text) => named.test(text))) candidates.push(tableOf(c));
    }
  };
  indexReads(a, b);
  indexReads(b, a);
  return candidates.length > 0 ? candidates.sort()[0]! : null;
}

/** What the migration's `up` touches: see `Touched`. */
/** Names Sequelize and PostgreSQL give foreign keys and CHECKs (`t_col_fkey`, `fk_x`, `t_col_check`), not keys others rely on. */
const REFERENCING_CONSTRAINT = /(_fkey|_fk|_check|_ck)$|^(fk|chk|ck)_/i;

export function tablesTouched(migration: Migration): Touched {
  const out: Touched = { whole: new Set(), columns: new Set(), refs: new Set(), indexes: new Map() };
  const name = (t: JsonValue | undefined): string | null =>
    typeof t === 'string' && t !== '' ? t : t && typeof t === 'object' && !Array.isArray(t) && typeof t.tableName === 'string' ? t.tableName : null;
  const addReferences = (attrs: Record<string, JsonValue> | null | undefined) => {
    const ref = attrs?.references;
    if (ref && typeof ref === 'object' && !Array.isArray(ref)) {
      for (const t of [name(ref.model), name(ref.table)]) if (t) out.refs.add(t);
    }
  };
  for (const op of migration.up as Operation[]) {
    const table = op.target.table;
    addReferences(op.options);
    for (const column of Object.values(op.columns ?? {})) addReferences(column);
    if (!table) continue;
    if (op.op === 'renameTable' && op.target.newName) out.whole.add(op.target.newName);
    const subject = OPERATIONS[op.op].subject;
    if (subject === 'column' && op.target.column) {
      out.columns.add(`${table}.${op.target.column}`);
      if (op.op === 'renameColumn' && op.target.newName) out.columns.add(`${table}.${op.target.newName}`);
    } else if ((subject === 'index' || subject === 'constraint') && op.fields && op.fields.length > 0 && op.fields.every((f) => f !== null)) {
      for (const f of op.fields) out.columns.add(`${table}.${f}`);
    } else if (op.op === 'removeConstraint' && typeof op.target.name === 'string' && REFERENCING_CONSTRAINT.test(op.target.name)) {
      // A foreign key or CHECK dropped by name changes what this table's rows may hold, not the table other migrations
      // reference or read: only that constraint counts (its name, as another migration adding it names it).
      out.columns.add(`${table}.${op.target.name}`);
    } else if (subject === 'index' && op.sql && op.statement) {
      // Columns not listed (an expression index): what it reads is in its text.
      out.indexes.set(table, [...(out.indexes.get(table) ?? []), op.statement]);
    } else if (!isRead(op.op)) {
      // Created, dropped, renamed, data written, or SQL not read column by column: the table as a whole.
      out.whole.add(table);
    }
  }
  return out;
}
