import type { JsonValue, Migration, Operation, ProjectModel } from '../src/model';
import { createRule, type ReportDescriptor } from '../src/rules/create-rule';
import { ddlAttributes } from '../src/operations/attributes';
import { addedForeignKeys } from '../src/operations/foreign-keys';
import { baselineSeparates, certainStops, columnSurelyThere, stopsWhenItFails } from '../src/rules/certain-stops';
import { modelsMapColumn, runsOnlyOnMysql, runsOnServerDialect, syncData } from '../src/rules/project-facts';
import { columnsCreatedBy, indexKey, indexNameOf, operationTableKey, SchemaReplay, type ReplayedTable } from '../src/schema/replay';

type MessageIds = 'duplicateTableDiffers' | 'duplicateTableDroppedLater' | 'duplicateTableSyncBuilt' | 'duplicateTableSame' | 'duplicateTableUnknown' | 'duplicateIndex' | 'duplicateColumn' | 'duplicateViaCall' | 'duplicateIndexViaCall';
type Pending = ReportDescriptor<MessageIds> & { migration: Migration; op: Operation };

/**
 * Sequelize's createTable emits CREATE TABLE IF NOT EXISTS: a second
 * migration that creates the same table does nothing where the first one ran,
 * and its columns never reach those databases. Replays every `up` in run order
 * (the schema replay, src/schema/replay.ts) so that a table dropped or renamed
 * in between is not a duplicate, and a
 * step under an existence check (or on the other side of the runner's
 * baseline) is not one either.
 */
export default createRule<Record<string, never>, MessageIds>({
  id: 'no-duplicate-create-table',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a table, an index or a column that an earlier migration already creates',
      help: 'Change the existing table with addColumn / changeColumn in a new migration instead of creating it again; give each index one owner migration.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      duplicateTableDiffers:
        '`{{table}}` is already created by {{first}}. Sequelize emits CREATE TABLE IF NOT EXISTS, so this definition is silently ignored where {{first}} ran, and these differences never reach those databases: {{differences}}.',
      duplicateTableSame: '`{{table}}` is already created by {{first}} with the same columns: this createTable does nothing there.',
      duplicateTableDroppedLater:
        '`{{table}}` is already created by {{first}}, so this definition is ignored where {{first}} ran (CREATE TABLE IF NOT EXISTS); but {{dropper}} drops the table and no later migration creates it again: whichever definition won, it is gone once the migrations have run.',
      duplicateTableSyncBuilt:
        '`{{table}}` is already created by {{first}}: this definition is ignored where {{first}} ran (CREATE TABLE IF NOT EXISTS). But nothing in the project runs these migrations, and `{{run}}` builds the tables from the models with sequelize.sync() ({{evidence}}): deployed databases get the models\' tables, whichever definition a migration would keep.',
      duplicateTableUnknown: '`{{table}}` is already created by {{first}}: this definition is ignored where {{first}} ran (CREATE TABLE IF NOT EXISTS).',
      duplicateIndex: 'Index `{{index}}` is already created by {{first}}: creating it again fails with {{failure}}.',
      duplicateColumn: 'Column `{{column}}` is already added by {{first}}: adding it again fails with {{failure}}, and the migration stops there.',
      duplicateViaCall:
        '`{{callee}}` creates tables that earlier migrations already create ({{items}}): its createTable calls do nothing where those ran (CREATE TABLE IF NOT EXISTS), and their definitions never reach those databases.',
      duplicateIndexViaCall:
        '`{{callee}}` creates again what earlier migrations already create ({{items}}): where those ran, its addIndex fails with {{failure}}.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const replay = new SchemaReplay();
    const byFile = new Map(project.migrations.map((m) => [m.file, m]));
    const pending: Pending[] = [];
    // A runner baseline: the migrations on either side of it never both create the same object on one database.
    const acrossBaseline = baselineSeparates(project);
    const added = laterAddedColumns(project.migrations);

    for (const migration of project.migrations) {
      for (const op of migration.up) {
        // Judged where the behaviour is measured: PostgreSQL, MySQL and MariaDB (CREATE TABLE IF NOT EXISTS does nothing,
        // a second ADD COLUMN or index of the same name fails; test/integration/mysql-builder-steps.test.ts).
        if (!runsOnServerDialect(project, op)) continue;
        // How the server words the failure.
        const mysql = runsOnlyOnMysql(project, op);
        if (op.op === 'createTable') {
          const key = operationTableKey(op);
          const first = key ? replay.table(key) : undefined;
          const creator = first?.createdBy ? byFile.get(first.createdBy.file) : undefined;
          // A table only altered so far (no migration creates it): it existed before the migrations that altered it
          // (a bootstrap script, sync()), so wherever they ran this CREATE TABLE IF NOT EXISTS does nothing, and its
          // columns stay unknown: it is no first definition a later createTable or addColumn could repeat.
          if (key && first && !creator) continue;
          if (key && first && creator && creator !== migration) {
            if (acrossBaseline(creator, migration)) replay.forget('table', key);
            else if (!existenceChecked(op)) pending.push(tableFinding(first, creator, migration, op, added.get(key), project));
          }
        } else if (op.op === 'addIndex') {
          const name = indexNameOf(op);
          const key = name ? indexKey(op.target.schema, name) : null;
          const first = key ? replay.schema.indexes.get(key) : undefined;
          const creator = first ? byFile.get(first.createdBy.file) : undefined;
          // MySQL and MariaDB name indexes per table: the same name on another table is another index (hold-out 54).
          const otherTable = first !== undefined && mysql && first.table !== operationTableKey(op);
          if (key && creator && acrossBaseline(creator, migration)) replay.forget('index', key);
          // An index first made under a condition (a look-up of the table or its columns) may not be there: its second
          // creation is not known to fail (hold-out 104: the first under `SHOW TABLES LIKE` before the table existed).
          else if (first && !first.conditional && !otherTable && !op.guarded && !existenceChecked(op)) {
            pending.push({
              migration,
              op,
              loc: op.loc,
              messageId: 'duplicateIndex',
              data: { index: name!, first: first.createdBy.migration, table: op.target.table ?? '?', failure: mysql ? '"Duplicate key name"' : '"relation already exists"' },
              target: op.target,
            });
          }
        } else if (op.op === 'addColumn' && op.target.column) {
          // A column the table already has, added by an earlier step that surely ran: ADD COLUMN fails ("already exists").
          const key = operationTableKey(op);
          const table = key ? replay.table(key) : undefined;
          // A table no migration creates (sync() or a bootstrap made it) still has the columns a migration added to it,
          // as long as nothing else the replay cannot follow touched it since.
          const existing = columnSurelyThere(table, op.target.column);
          const creator = existing ? byFile.get(existing.namedBy.file) : undefined;
          const guarded = op.guarded || op.conditional || op.guard !== null || existenceChecked(op);
          if (existing && creator && !guarded && !acrossBaseline(creator, migration)) {
            const first = creator === migration ? `line ${existing.namedBy.line} of this migration` : `\`${creator.name}\``;
            pending.push({ migration, op, loc: op.loc, messageId: 'duplicateColumn', data: { column: `${table!.name}.${op.target.column}`, first, failure: mysql ? '"Duplicate column name"' : '"column already exists"' }, target: op.target });
          }
        }
        replay.step(migration, op);
      }
    }
    // A duplicate column or index that fails for certain (awaited in turn, unconditional, out of a loop, under no guard
    // that could take its error) stops its migration: the steps after it never run, so their duplicates are not failures
    // of their own (hold-out 61: eight columns of one copied migration, eight errors). So does any step that fails for
    // certain (src/rules/certain-stops.ts: a column dropped again).
    const stops = new Map<Migration, number>([...certainStops(project)].map(([m, stop]) => [m, stop.at]));
    for (const p of pending) {
      if ((p.messageId !== 'duplicateColumn' && p.messageId !== 'duplicateIndex') || !stopsWhenItFails(p.op)) continue;
      const at = p.migration.up.indexOf(p.op);
      if (at >= 0 && at < (stops.get(p.migration) ?? Infinity)) stops.set(p.migration, at);
    }
    const reached = (p: Pending) => p.migration.up.indexOf(p.op) <= (stops.get(p.migration) ?? Infinity);
    // The application's start builds the tables from the models and nothing runs these migrations (no script, start
    // command or pipeline: `schemaSync.migrationsUnrun`): which definition a CREATE TABLE IF NOT EXISTS keeps decides
    // nothing deployed (hold-out 67: four errors on repeated `model:generate` stubs).
    const sync = project.schemaSync;
    const syncBuilt = sync?.migrationsUnrun === true && !sync.development;
    for (const finding of onePerCallSite(pending.filter(reached))) {
      const { op, ...descriptor } = finding;
      if (syncBuilt && descriptor.messageId.startsWith('duplicateTable')) {
        report({ ...descriptor, messageId: 'duplicateTableSyncBuilt', data: { ...descriptor.data, ...syncData(sync) }, severity: 'info' });
        continue;
      }
      // A table a later migration drops for good: which definition won never matters past that migration.
      const key = descriptor.messageId.startsWith('duplicateTable') ? operationTableKey(op) : null;
      const removal = key && !replay.schema.tables.has(key) ? replay.schema.removedTables.get(key) : undefined;
      if (removal && removal.how === 'dropped' && replay.schema.opaque.length === 0) {
        report({ ...descriptor, messageId: 'duplicateTableDroppedLater', data: { ...descriptor.data, dropper: `\`${removal.by.migration}\`` }, severity: 'info' });
        continue;
      }
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
    // A column added twice fails on its own, whichever helper adds it: its own finding.
    if (!p.op.via || p.messageId === 'duplicateColumn') {
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
    const list = p.op.via && p.messageId !== 'duplicateColumn' ? sites.get(`${p.migration.file}:${p.op.loc.line}:${p.op.loc.column}`)! : [p];
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
    const failure = list.find((q) => q.messageId === 'duplicateIndex')?.data?.failure ?? '"relation already exists"';
    return { migration: p.migration, op: p.op, loc: p.loc, messageId, data: { callee: p.op.callee, items, failure }, ...(severity ? { severity } : {}) } as Pending;
  });
}

/** The columns each migration adds, by table (to see which ones a later migration brings to older databases). */
function laterAddedColumns(migrations: readonly Migration[]): Map<string, { migration: Migration; column: string }[]> {
  const out = new Map<string, { migration: Migration; column: string }[]>();
  for (const migration of migrations) {
    for (const op of migration.up) {
      const key = operationTableKey(op);
      if (op.op !== 'addColumn' || !key || !op.target.column) continue;
      const list = out.get(key) ?? [];
      list.push({ migration, column: op.target.column });
      out.set(key, list);
    }
  }
  return out;
}

function tableFinding(first: ReplayedTable, firstMigration: Migration, migration: Migration, op: Operation, added: { migration: Migration; column: string }[] | undefined, project: ProjectModel): Pending {
  const migrations = project.migrations;
  const data: Record<string, string> = { table: op.target.table ?? '?', first: firstMigration.name };
  // The first definition as replayed up to now (later addColumn / removeColumn / renameColumn / changeColumn applied).
  const a = first.columnsKnown ? Object.fromEntries([...first.columns].map(([name, c]) => [name, c.definition as JsonValue | null])) : null;
  const b = definitionsOf(op);
  if (!a || !b) {
    // Both given the very same object of a project module (`createTable(T, TSchema)` of `../models/t`, in a migration
    // copied whole): alike, whatever it holds (hold-out 86: a migration copied byte for byte, eight errors).
    const earlier = firstMigration.up.find((u) => u.op === 'createTable' && u.loc.line === first.createdBy?.line && operationTableKey(u) === operationTableKey(op));
    const same = op.attributesOrigin !== undefined && earlier?.attributesOrigin === op.attributesOrigin;
    if (same) return { migration, op, loc: op.loc, messageId: 'duplicateTableSame', data, target: op.target, severity: 'info' };
    return { migration, op, loc: op.loc, messageId: 'duplicateTableUnknown', data, target: op.target };
  }
  // A column another migration adds to the table later reaches those databases too.
  const addedLater = new Set((added ?? []).filter((x) => x.migration !== migration && x.migration.index > migration.index).map((x) => x.column));
  const differences: string[] = [];
  // Columns only this definition declares, or declares with another type: where it is ignored, the code written for it
  // meets a missing column, or values of another type.
  let missing = 0;
  // Columns only this definition declares that no model of the table maps: nothing the application writes needs them
  // where it is ignored (hold-out 57), a difference like a column it lacks.
  let unused = 0;
  for (const [name, def] of Object.entries(b)) {
    if (!(name in a)) {
      if (!addedLater.has(name)) {
        if (modelsMapColumn(project, op.target, name) === false) {
          differences.push(`column \`${name}\` (only in this migration; no model maps it)`);
          unused++;
        } else {
          differences.push(`column \`${name}\` (only in this migration)`);
          missing++;
        }
      }
    }
    else if (a[name] !== null && def !== null && stable(equivalent(a[name]!)) !== stable(equivalent(def))) {
      // Only the foreign key differs, and another migration adds a foreign key on that column (`addConstraint`): the
      // key reaches those databases that way (hold-out 47).
      const keyOnly = stable(withoutKey(equivalent(a[name]!))) === stable(withoutKey(equivalent(def)));
      if (!(keyOnly && foreignKeyAddedElsewhere(migrations, migration, op.target.table, name))) {
        differences.push(`the definition of \`${name}\``);
        // Another type (an INTEGER key where UUIDs were meant): the code written for it fails there too.
        if (stable(typeOf(a[name]!)) !== stable(typeOf(def)) && modelsMapColumn(project, op.target, name) !== false) missing++;
      }
    }
  }
  const absences = Object.keys(a).filter((name) => !(name in b));
  // The same columns: a no-op where the first ran, with nothing lost (hold-out labels: 3 of 4 such warnings not worth one).
  if (differences.length === 0 && absences.length === 0) return { migration, op, loc: op.loc, messageId: 'duplicateTableSame', data, target: op.target, severity: 'info' };
  differences.push(...absences.map((name) => `the absence of \`${name}\``));
  // The ignored definition only lacks columns the table has: every column it declares is there as it declares it, so
  // nothing it expects is missing where the first ran (hold-out 52). Columns it declares otherwise (NOT NULL, a default,
  // the same type) are drift, not a missing column: a warning (hold-out 53).
  const onlyFewer = differences.length === absences.length + unused;
  const severity = onlyFewer ? ('info' as const) : missing === 0 ? ('warning' as const) : undefined;
  return { migration, op, loc: op.loc, messageId: 'duplicateTableDiffers', data: { ...data, differences: differences.join(', ') }, target: op.target, ...(severity ? { severity } : {}) };
}

/** A column definition's type, as written (a builder attribute's `type`, or the definition itself when it is one). */
function typeOf(definition: JsonValue): JsonValue {
  return definition !== null && typeof definition === 'object' && !Array.isArray(definition) ? (definition.type ?? null) : definition;
}

/** The attributes of a column's foreign key. */
const KEY_ATTRIBUTES = new Set(['references', 'onDelete', 'onUpdate']);

/** A column definition without its foreign key's attributes. */
function withoutKey(def: JsonValue): JsonValue {
  if (!def || typeof def !== 'object' || Array.isArray(def)) return def;
  return Object.fromEntries(Object.entries(def).filter(([k]) => !KEY_ATTRIBUTES.has(k)));
}

/** Another migration adds a foreign key on `table.column`: an `addConstraint` of type foreign key over it, or an addColumn / changeColumn with `references`. */
function foreignKeyAddedElsewhere(migrations: readonly Migration[], except: Migration, table: string | null, column: string): boolean {
  return migrations.some(
    (m) =>
      m !== except &&
      m.up.some((o) => o.target.table === table && addedForeignKeys(o).length > 0 && (o.op === 'addConstraint' ? (o.fields ?? (Array.isArray(o.options.fields) ? o.options.fields : [])).includes(column) : o.target.column === column)),
  );
}

/** Column name -> definition (null when only the name is known, as for raw SQL), as the replay reads a createTable. */
function definitionsOf(op: Operation): Record<string, JsonValue | null> | null {
  const columns = columnsCreatedBy(op);
  return columns ? Object.fromEntries(columns.map((c) => [c.name, c.definition as JsonValue | null])) : null;
}

/**
 * A column definition with what reaches the database the same way written one way: only the keys Sequelize sends
 * (`ddlAttributes`), a database default of the current time (`fn('NOW')`, `literal('CURRENT_TIMESTAMP')`,
 * `literal('NOW()')`), and `allowNull: false` on a primary key (NOT NULL anyway). Hold-out 60: duplicate definitions
 * differing only so.
 */
function equivalent(def: JsonValue): JsonValue {
  if (!def || typeof def !== 'object' || Array.isArray(def)) return def;
  // What reaches the database: keys Sequelize does not read (`default: 0`, `nullable: true`) differ in nothing
  // (hold-out 92), nor does an explicit `allowNull: true`.
  const out: Record<string, JsonValue> = ddlAttributes(def);
  // Not `Sequelize.NOW` (written `"NOW"` here): Sequelize never sends it as a column DEFAULT (its defaultValueSchemable).
  if (typeof out.defaultValue === 'string' && /^(fn|literal)\(\s*['"]\s*(now(\(\))?|current_timestamp(\(\))?)\s*['"]\s*\)$/i.test(out.defaultValue)) out.defaultValue = 'CURRENT_TIMESTAMP';
  if (out.primaryKey === true && out.allowNull === false) delete out.allowNull;
  return out;
}

/** JSON with sorted keys, to compare definitions regardless of property order. */
function stable(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k]!)}`).join(',')}}`;
  return JSON.stringify(v);
}
