import type { JsonValue, Migration, Operation } from '../src/model';
import { createRule, type ReportDescriptor } from '../src/rules/create-rule';
import { sequelizeIndexName } from '../src/rules/operations';
import { runsOnPostgres } from '../src/rules/project-facts';

interface Creation {
  migration: Migration;
  op: Operation;
  /** The table's columns as replayed up to now (later addColumn / removeColumn / renameColumn / changeColumn applied); null when not static. */
  columns?: Record<string, JsonValue | null> | null;
}

type MessageIds = 'duplicateTableDiffers' | 'duplicateTableSame' | 'duplicateTableUnknown' | 'duplicateIndex' | 'duplicateViaCall' | 'duplicateIndexViaCall';
type Pending = ReportDescriptor<MessageIds> & { migration: Migration; op: Operation };

/**
 * Sequelize's createTable emits CREATE TABLE IF NOT EXISTS: a second
 * migration that creates the same table does nothing where the first one ran,
 * and its columns never reach those databases. Replays every `up` in run order
 * so that a table dropped or renamed in between is not a duplicate, and a
 * step under an existence check (or on the other side of the runner's
 * baseline) is not one either.
 */
export default createRule<Record<string, never>, MessageIds>({
  id: 'no-duplicate-create-table',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a table or an index that an earlier migration already creates',
      help: 'Change the existing table with addColumn / changeColumn in a new migration instead of creating it again; give each index one owner migration.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      duplicateTableDiffers:
        '`{{table}}` is already created by {{first}}. Sequelize emits CREATE TABLE IF NOT EXISTS, so this definition is silently ignored where {{first}} ran, and these differences never reach those databases: {{differences}}.',
      duplicateTableSame: '`{{table}}` is already created by {{first}} with the same columns: this createTable does nothing there.',
      duplicateTableUnknown: '`{{table}}` is already created by {{first}}: this definition is ignored where {{first}} ran (CREATE TABLE IF NOT EXISTS).',
      duplicateIndex: 'Index `{{index}}` is already created by {{first}}: creating it again fails with "relation already exists".',
      duplicateViaCall:
        '`{{callee}}` creates tables that earlier migrations already create ({{items}}): its createTable calls do nothing where those ran (CREATE TABLE IF NOT EXISTS), and their definitions never reach those databases.',
      duplicateIndexViaCall:
        '`{{callee}}` creates again what earlier migrations already create ({{items}}): where those ran, its addIndex fails with "relation already exists".',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const tables = new Map<string, Creation>();
    const indexes = new Map<string, Creation>();
    const pending: Pending[] = [];
    // A runner baseline: on fresh databases every migration before it is marked done without
    // running, and on older ones the baseline is skipped or returns early. The two sides never
    // both create the same object on one database.
    const baseline = project.project.runner?.baseline?.migration;
    const baselineAt = baseline ? project.migrations.findIndex((m) => m.name === baseline || m.file === baseline) : -1;
    const position = new Map(project.migrations.map((m, i) => [m, i]));
    const acrossBaseline = (first: Migration, later: Migration): boolean =>
      baselineAt >= 0 && position.get(first)! < baselineAt && position.get(later)! >= baselineAt;
    const added = laterAddedColumns(project.migrations);

    for (const migration of project.migrations) {
      for (const op of migration.up) {
        // A step that never runs on PostgreSQL is not judged with PostgreSQL's "already exists".
        if (!runsOnPostgres(project, op)) continue;
        const key = tableKey(op.target.schema, op.target.table);
        switch (op.op) {
          case 'createTable': {
            if (!key) break;
            const first = tables.get(key);
            const current = { migration, op, columns: columnsOf(op) };
            if (!first) tables.set(key, current);
            else if (first.migration !== migration) {
              if (acrossBaseline(first.migration, migration)) tables.set(key, current);
              else if (!existenceChecked(op)) pending.push(tableFinding(first, migration, op, added.get(key)));
            }
            break;
          }
          case 'dropTable':
            if (key) {
              tables.delete(key);
              for (const [name, c] of indexes) if (tableKey(c.op.target.schema, c.op.target.table) === key) indexes.delete(name);
            }
            break;
          case 'renameTable': {
            const moved = key ? tables.get(key) : undefined;
            if (key) tables.delete(key);
            const to = tableKey(op.target.schema, op.target.newName ?? null);
            if (moved && to) tables.set(to, moved);
            break;
          }
          case 'addColumn':
          case 'changeColumn':
          case 'removeColumn':
          case 'renameColumn':
            replayColumn(key ? tables.get(key) : undefined, op);
            break;
          case 'addIndex': {
            const name = indexName(op);
            if (!name) break;
            const indexKey = `${op.target.schema ?? 'public'}.${name}`;
            const first = indexes.get(indexKey);
            if (first && acrossBaseline(first.migration, migration)) indexes.set(indexKey, { migration, op });
            else if (first && !op.guarded && !existenceChecked(op)) {
              pending.push({
                migration,
                op,
                loc: op.loc,
                messageId: 'duplicateIndex',
                data: { index: name, first: first.migration.name, table: op.target.table ?? '?' },
                target: op.target,
              });
            }
            if (!first) indexes.set(indexKey, { migration, op });
            break;
          }
          case 'removeIndex': {
            const name = op.target.name ?? (op.target.table && op.fields?.every((f) => f) ? sequelizeIndexName(op.target.table, op.fields as string[]) : null);
            if (name) indexes.delete(`${op.target.schema ?? 'public'}.${name}`);
            break;
          }
          default:
            break;
        }
      }
    }
    for (const finding of onePerCallSite(pending)) {
      const { op: _op, ...descriptor } = finding;
      report(descriptor);
    }
  },
});

/** Under an existence check of any table (`if (!await qi.tableExists(t))`, an early return of a baseline, a describeTable probe). */
function existenceChecked(op: Operation): boolean {
  return op.guard?.kind === 'existence-check' || (op.existenceChecks?.length ?? 0) > 0;
}

/**
 * An imported helper (`require('./20230504-01-add-x').up(qi)`) that reaches
 * several tables is one finding at its call site, not one per table.
 */
function onePerCallSite(pending: Pending[]): Pending[] {
  const out: Pending[] = [];
  const sites = new Map<string, Pending[]>();
  for (const p of pending) {
    if (!p.op.via) {
      out.push(p);
      continue;
    }
    const key = `${p.migration.file}:${p.op.loc.line}:${p.op.loc.column}`;
    const list = sites.get(key);
    if (list) list.push(p);
    else {
      const fresh = [p];
      sites.set(key, fresh);
      out.push(p);
    }
  }
  return out.map((p) => {
    const list = p.op.via ? sites.get(`${p.migration.file}:${p.op.loc.line}:${p.op.loc.column}`)! : [p];
    if (list.length === 1) return p;
    // `a`, `b` (001-x.js), index `c` (002-y.js): grouped by the migration that created them first.
    const byFirst = new Map<string, string[]>();
    for (const q of list) {
      const name = q.messageId === 'duplicateIndex' ? `index \`${q.data!.index}\`` : `\`${q.data!.table}\``;
      byFirst.set(q.data!.first!, [...(byFirst.get(q.data!.first!) ?? []), name]);
    }
    const items = [...byFirst].map(([first, names]) => `${names.join(', ')} (${first})`).join('; ');
    const messageId = list.some((q) => q.messageId === 'duplicateIndex') ? 'duplicateIndexViaCall' : 'duplicateViaCall';
    const severity = list.some((q) => (q.severity ?? 'error') === 'error') ? undefined : 'warning';
    return { migration: p.migration, op: p.op, loc: p.loc, messageId, data: { callee: p.op.callee, items }, ...(severity ? { severity } : {}) } as Pending;
  });
}

/** The columns each migration adds, by table (to see which ones a later migration brings to older databases). */
function laterAddedColumns(migrations: readonly Migration[]): Map<string, { migration: Migration; column: string }[]> {
  const out = new Map<string, { migration: Migration; column: string }[]>();
  for (const migration of migrations) {
    for (const op of migration.up) {
      const key = tableKey(op.target.schema, op.target.table);
      if (op.op !== 'addColumn' || !key || !op.target.column) continue;
      const list = out.get(key) ?? [];
      list.push({ migration, column: op.target.column });
      out.set(key, list);
    }
  }
  return out;
}

/** Applies a column change to the replayed definition of its table. */
function replayColumn(creation: Creation | undefined, op: Operation): void {
  const cols = creation?.columns;
  const column = op.target.column;
  if (!cols || !column) return;
  if (op.op === 'addColumn' || op.op === 'changeColumn') cols[column] = op.sql ? null : (op.options as JsonValue);
  else if (op.op === 'removeColumn') delete cols[column];
  else if (op.op === 'renameColumn' && op.target.newName) {
    cols[op.target.newName] = cols[column] ?? null;
    delete cols[column];
  }
}

function tableKey(schema: string | null | undefined, table: string | null): string | null {
  return table ? `${schema ?? 'public'}.${table}` : null;
}

/** The index name PostgreSQL gets: explicit, or derived the way Sequelize derives it. */
function indexName(op: Operation): string | null {
  if (op.target.name) return op.target.name;
  if (op.sql) return null; // CREATE INDEX without a name: PostgreSQL picks a fresh one.
  if (!op.target.table || !op.fields || op.fields.some((f) => f === null)) return null;
  return sequelizeIndexName(op.target.table, op.fields as string[]);
}

function tableFinding(first: Creation, migration: Migration, op: Operation, added: { migration: Migration; column: string }[] | undefined): Pending {
  const data: Record<string, string> = { table: op.target.table ?? '?', first: first.migration.name };
  const a = first.columns ? { ...first.columns } : null;
  const b = columnsOf(op);
  if (!a || !b) return { migration, op, loc: op.loc, messageId: 'duplicateTableUnknown', data, target: op.target };
  // A column another migration adds to the table later reaches those databases too.
  const addedLater = new Set((added ?? []).filter((x) => x.migration !== migration && x.migration.index > migration.index).map((x) => x.column));
  const differences: string[] = [];
  for (const [name, def] of Object.entries(b)) {
    if (!(name in a)) {
      if (!addedLater.has(name)) differences.push(`column \`${name}\` (only in this migration)`);
    }
    else if (a[name] !== null && def !== null && stable(a[name]!) !== stable(def)) differences.push(`the definition of \`${name}\``);
  }
  for (const name of Object.keys(a)) if (!(name in b)) differences.push(`the absence of \`${name}\``);
  if (differences.length === 0) return { migration, op, loc: op.loc, messageId: 'duplicateTableSame', data, target: op.target, severity: 'warning' };
  return { migration, op, loc: op.loc, messageId: 'duplicateTableDiffers', data: { ...data, differences: differences.join(', ') }, target: op.target };
}

/** Column name -> definition (null when only the name is known, as for raw SQL). */
function columnsOf(op: Operation): Record<string, JsonValue | null> | null {
  if (op.columns) return { ...(op.columns as Record<string, JsonValue>) };
  if (Array.isArray(op.options.columns)) return Object.fromEntries((op.options.columns as string[]).map((c) => [c, null]));
  return null;
}

/** JSON with sorted keys, to compare definitions regardless of property order. */
function stable(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k]!)}`).join(',')}}`;
  return JSON.stringify(v);
}
