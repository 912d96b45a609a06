import type { Migration, ModelDefinition, ProjectModel, Severity } from '../src/model';
import { mappedColumns } from '../src/models/read-models';
import { joinTargets } from '../src/operations/effects';
import { updatedColumns } from '../src/operations/updates';
import { addedForeignKeys } from '../src/operations/foreign-keys';
import { createRule, type RuleContext } from '../src/rules/create-rule';
import { columnNameFold, misspelledTable, projectDialects, syncData } from '../src/rules/project-facts';
import { requiredOnCreate } from '../src/rules/model-use';
import { projectReplay, tableKey, type Removal, type ReplayedColumn, type ReplayedSchema, type ReplayedTable } from '../src/schema/replay';

interface Options {
  ignoreTables: string[];
}

type MessageIds =
  | 'attributeWithoutMigration'
  | 'attributeWithoutMigrationUnused'
  | 'modelTableMadeElsewhere'
  | 'inheritedAttributeWithoutMigration'
  | 'attributeColumnRemoved'
  | 'attributeColumnRemovedUnused'
  | 'impliedColumnWithoutMigration'
  | 'impliedColumnWithoutMigrationUnused'
  | 'impliedColumnNeverSelected'
  | 'notNullColumnWithoutModel'
  | 'notNullColumnsWithoutModel'
  | 'notNullColumnsNamedOtherwise'
  | 'notNullKeyWithoutModel'
  | 'modelTableWithoutMigration'
  | 'modelTableWithoutMigrationUnused'
  | 'schemaMadeElsewhere'
  | 'modelColumnsWithoutMigration'
  | 'columnWithoutModel'
  | 'builtBySync'
  | 'generatedFromDatabase'
  | 'builtByDump'
  | 'baselineElsewhere'
  | 'builtByModelSync'
  | 'columnDroppedBySync'
  | 'unwrittenColumnsDroppedBySync';

/**
 * How many model tables that nothing in the migrations explains (no migration
 * creates, drops or renames them, no table of a near name) make the drift read
 * as one cause (the schema is built elsewhere: another repository's
 * migrations, `sync()`, a dump) rather than migrations forgotten one by one.
 * Then every "the migrations lack it" finding is that one cause.
 */
const SYSTEMIC_TABLES = 3;
/** How many columns of one model's table the migrations lack make one finding of that model (one cause: the model changed without them). */
const MODEL_COLUMNS_AT_ONCE = 3;
/** A column named as a foreign key: `userId`, `user_id`, `UserID`. */
const KEY_COLUMN = /(?:_id|[a-z]Id|[a-z]ID)$/;
const NO_MIGRATION = 'no migration creates it';

/** The findings that say the migrations lack a column of a table they have. */
const COLUMN_MISSING: ReadonlySet<MessageIds> = new Set(['attributeWithoutMigration', 'attributeWithoutMigrationUnused', 'inheritedAttributeWithoutMigration', 'impliedColumnWithoutMigration', 'impliedColumnWithoutMigrationUnused', 'impliedColumnNeverSelected']);
/** Schemas of the database's own catalog (PostgreSQL's, the SQL standard's, MySQL's): no migration creates their views. */
const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema', 'mysql', 'performance_schema', 'sys']);
/** The findings that say the migrations lack something a model uses: merged into one when they span many tables. */
const MISSING: ReadonlySet<MessageIds> = new Set(['modelTableWithoutMigration', ...COLUMN_MISSING]);

/**
 * Production gets its schema from the migrations alone; developers often get
 * theirs from `sync()`, which builds tables from the models. A model
 * attribute no migration creates works on every laptop and fails in
 * production. Compares the models (read statically) with the schema the
 * migrations build (replayed in run order); tables the replay is not sure
 * about are left alone.
 */
/** Tables a migration runner creates for itself: `SequelizeMeta`, `SequelizeData` (sequelize-cli and umzug's storage). */
const RUNNER_TABLES = /^Sequelize(Meta|Data)$/;

export default createRule<Options, MessageIds>({
  id: 'no-model-drift',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every model attribute and model table to be created by a migration',
      help: 'Add a migration that creates the column (addColumn) or the table (createTable) and ship it with the model change, or remove the attribute from the model.',
      recommended: true,
      strict: true,
      risk: 'breaking-change',
    },
    messages: {
      attributeWithoutMigration:
        '`{{model}}.{{attribute}}` (column `{{column}}` of `{{table}}`) is defined in the model but no migration creates it: production, which runs only migrations, never gets it; queries selecting it fail there.',
      attributeWithoutMigrationUnused:
        '`{{model}}.{{attribute}}` (column `{{column}}` of `{{table}}`) is defined in the model but no migration creates it: production, which runs only migrations, never gets it. No code outside the models folder names `{{model}}` yet, so no query selects it today; the first one will fail there.',
      inheritedAttributeWithoutMigration:
        '`{{model}}.{{attribute}}` (column `{{column}}` of `{{table}}`) is inherited from `{{base}}` but no migration creates it: production, which runs only migrations, never gets it; queries selecting it fail there.',
      attributeColumnRemoved:
        '`{{model}}.{{attribute}}` (column `{{column}}` of `{{table}}`) is defined in the model but {{migration}} {{change}}: production, which runs only migrations, no longer has the column; queries selecting it fail there.',
      attributeColumnRemovedUnused:
        '`{{model}}.{{attribute}}` (column `{{column}}` of `{{table}}`) is defined in the model but {{migration}} {{change}}: production, which runs only migrations, no longer has the column. No code outside the models folder names `{{model}}` yet, so no query selects it today; the first one will fail there.',
      impliedColumnWithoutMigration:
        '`{{model}}` expects {{columns}} in `{{table}}` ({{reason}}) but no migration creates {{it}}: production, which runs only migrations, never gets {{it}}; queries on `{{model}}` fail there.',
      impliedColumnWithoutMigrationUnused:
        '`{{model}}` expects {{columns}} in `{{table}}` ({{reason}}) but no migration creates {{it}}: production, which runs only migrations, never gets {{it}}. No code outside the models folder names `{{model}}` yet, so no query on it runs today; the first one will fail there.',
      impliedColumnNeverSelected:
        '`{{model}}` expects {{columns}} in `{{table}}` ({{reason}}) but no migration creates {{it}}. Every query the application runs on `{{model}}` lists the attributes it reads (first in {{usedBy}}) and nothing writes through it, so none fails today; the first query without a list (a `findAll()`, an `include`) or a create will fail in production.',
      modelTableMadeElsewhere:
        'Model `{{model}}` uses table `{{table}}`, which no migration creates but {{migration}} points a foreign key at: it is made outside the migrations (by hand, a seed script, `sync()`). A database built by the migrations alone lacks it, and {{migration}} fails there.',
      modelTableWithoutMigration:
        'Model `{{model}}` uses table `{{table}}`, but {{why}}{{hint}}: production, which runs only migrations, has no such table; every query on `{{model}}` fails there.',
      modelTableWithoutMigrationUnused:
        'Model `{{model}}` uses table `{{table}}`, but {{why}}{{hint}}: production, which runs only migrations, has no such table. No code of the application outside the models folder names `{{model}}`, so no query on it runs today: a dead model. Remove it, or add the migration before code uses it.',
      modelColumnsWithoutMigration:
        '`{{model}}` maps {{count}} columns of `{{table}}` that no migration creates ({{columns}}): production, which runs only migrations, never gets them; queries on `{{model}}` fail there. A model this far from its migrations was changed without them, or its table built another way (`sync({ alter: true })`, by hand): add the migration, or list the table in `ignoreTables` if it is made elsewhere.',
      schemaMadeElsewhere:
        'The models use {{count}} tables that the migrations lack, wholly or in part ({{unexplained}} of them no migration ever creates): {{tables}}. Drift this wide has one cause more often than {{count}}: the schema is built outside these migrations (another repository or service, `sync()`, a dump). If it is, list those tables in `ignoreTables`; if not, a database built by these migrations alone lacks them, and queries on them fail there.',
      columnDroppedBySync:
        'Column `{{column}}` of `{{table}}` ({{migration}}) is mapped by no attribute of {{models}}, and `{{run}}` runs sequelize.sync({ alter: true }) as the application starts ({{evidence}}), which drops every column the models lack: at the next start this column goes, with its data. Map it in the model, or drop `alter`.',
      unwrittenColumnsDroppedBySync:
        '{{columns}} of `{{table}}` ({{migration}}) {{are}} mapped by no attribute of {{models}}, and `{{run}}` runs sequelize.sync({ alter: true }) as the application starts ({{evidence}}), which drops every column the models lack: at the next start {{they}} go. No migration writes {{them}} and no model can, so {{they}} hold only NULL or a default, unless rows were written before a model lost the attribute. Map {{them}} in the model, or drop {{them}} in a migration.',
      builtBySync:
        'The models use {{what}} that no migration leaves: {{targets}}. `{{run}}` {{how}} with sequelize.sync() ({{evidence}}) as the application starts, so a deployed database gets them there; a database built by the migrations alone lacks them until the application first starts.',
      generatedFromDatabase:
        'The models use {{what}} that no migration leaves: {{targets}}. The models are generated from a database by sequelize-auto ({{evidence}}), so the database they were read from has them, made outside these migrations (by hand, another service, an older schema); a database built by the migrations alone lacks them. Add them to a migration if production is built that way.',
      builtByModelSync:
        'The models use {{what}} that no migration leaves: {{targets}}. The model files sync their models as they load ({{evidence}}), so the application {{how}} wherever it starts; a database built by the migrations alone lacks {{them}} until it does.',
      baselineElsewhere:
        'The models use {{what}} that no migration creates: {{targets}}. The migrations themselves alter {{altered}}, which no migration creates either: the database they run on got its tables from somewhere else first (a dump, `sync()`, by hand), and these are most likely from the same place. A database built by these migrations alone lacks all of them; list them in `ignoreTables` if that is how every database is built.',
      builtByDump:
        'The models use {{what}} that no migration leaves: {{targets}}. {{dump}} creates {{them}} (`CREATE TABLE` at line {{line}}): the schema is built from that SQL file (a dump, a setup script), not from these migrations alone, so a database it built has them; one built by the migrations alone lacks them. List them in `ignoreTables` if that is how every database is built, or add the migration.',
      columnWithoutModel:
        'Column `{{column}}` of `{{table}}` ({{migration}}) is mapped by no attribute of {{models}}: the models never read or write it (a leftover, an attribute missing from the model, or a column only raw SQL uses).',
      notNullColumnWithoutModel:
        'Column `{{column}}` of `{{table}}` ({{migration}}) is NOT NULL without a default, and no attribute of {{models}} maps it: every row the model creates leaves it out of the INSERT, which the database refuses (a not-null violation), so `create` fails. Add the attribute to the model, or give the column a default or allow NULL.',
      notNullColumnsWithoutModel:
        'Columns {{columns}} of `{{table}}` ({{migration}}) are NOT NULL without a default, and no attribute of {{models}} maps them: every row the model creates leaves them out of the INSERT, which the database refuses (a not-null violation), so `create` fails. Add the attributes to the model, or give the columns a default or allow NULL.',
      notNullColumnsNamedOtherwise:
        '{{columns}} of `{{table}}` ({{migration}}) {{are}} NOT NULL without a default, and {{models}} {{maps}} {{them}} under another spelling ({{modelColumns}}), which the table lacks: `create` leaves {{them}} out and fails, but that is the mismatch reported on the model, where its columns no migration creates are listed; one cause, said there.',
      notNullKeyWithoutModel:
        'Column `{{column}}` of `{{table}}` ({{migration}}) is a NOT NULL key column without a default that no attribute of {{models}} declares: an association usually gives the model that attribute (`belongsTo(..., { foreignKey: \'{{column}}\' })`, a `belongsToMany` through this table), declared where migralint may not read it; if none does, every row the model creates leaves it out and `create` fails (a not-null violation).',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTables: {
          description:
            'Tables to leave out of the comparison, as `table` or `schema.table` (tables managed outside the migrations, or by another service).',
          type: 'array',
          items: { type: 'string' },
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: { ignoreTables: [] },
  check({ project, options, report: reportOne }) {
    // Findings of what the migrations lack are held back: many tables of them are one finding (schemaMadeElsewhere).
    const held: Parameters<typeof reportOne>[0][] = [];
    // The application's start builds the models' tables with sync() (not a developer's script): a table no migration
    // leaves is made there, and with `alter` so is a column. One info for all of them.
    const sync = project.schemaSync && !project.schemaSync.development ? project.schemaSync : null;
    const bySync: Parameters<typeof reportOne>[0][] = [];
    // Models sequelize-auto generated from a database (its `init-models` file beside them): what they map, that
    // database has, whatever the migrations say (hold-out 39: a tool-generated models folder of a shared database).
    const generator = sync ? null : generatedModels(project);
    const byGenerator: Parameters<typeof reportOne>[0][] = [];
    // A committed SQL file that creates the table (a schema dump): the schema is built from it (hold-out labels of
    // session 23: two projects whose pg_dump or MySQL dump creates the tables no migration does). One info per file.
    const byDump = new Map<string, { line: number; found: Parameters<typeof reportOne>[0][] }>();
    // Models whose own file syncs them as it loads (`User.sync()`): their tables (with `alter`, their columns) are made there.
    const byModelSync: Parameters<typeof reportOne>[0][] = [];
    // Tables the migrations alter but no migration creates: the migrations run on a schema made elsewhere first (hold-out
    // 86: a database built by sync() at first, migrations only altering it since). A model table no migration names at
    // all most likely comes from the same baseline: one info for all of them, naming the altered tables.
    const altered = alteredNeverCreated(project);
    const byBaseline: Parameters<typeof reportOne>[0][] = [];
    const selfSynced = (d: Parameters<typeof reportOne>[0]): ModelDefinition['syncsItself'] | undefined =>
      (project.models?.models ?? []).find((m) => m.file === d.file && m.syncsItself && d.target?.table === m.tableName)?.syncsItself;
    const report = (d: Parameters<typeof reportOne>[0]): void => {
      const tableMissing = d.messageId === 'modelTableWithoutMigration' || d.messageId === 'modelTableWithoutMigrationUnused';
      const dump = tableMissing || COLUMN_MISSING.has(d.messageId) ? dumpCreating(project, d.target?.table) : null;
      const itself = tableMissing || COLUMN_MISSING.has(d.messageId) ? selfSynced(d) : undefined;
      if (generator && (tableMissing || COLUMN_MISSING.has(d.messageId))) byGenerator.push(d);
      else if (sync && (tableMissing || ((sync.alters === true || sync.migrationsUnrun === true) && COLUMN_MISSING.has(d.messageId)))) bySync.push(d);
      else if (itself && (tableMissing || itself.alters)) byModelSync.push(d);
      else if (dump) {
        const entry = byDump.get(dump.file) ?? { line: dump.line, found: [] };
        entry.line = Math.min(entry.line, dump.line);
        entry.found.push(d);
        byDump.set(dump.file, entry);
      }
      else if (altered.length > 0 && d.messageId === 'modelTableWithoutMigration' && d.data?.why === NO_MIGRATION && d.target?.table && !mentioned(project, d.target.table)) byBaseline.push(d);
      else if (MISSING.has(d.messageId)) held.push(d);
      else direct.push(d);
    };
    // The other findings, in order: reported once it is known whether the schema is built elsewhere.
    const direct: Parameters<typeof reportOne>[0][] = [];
    checkModels(project, options, report);
    // Tables no migration ever created, dropped or renamed, with no near name: nothing in the migrations explains them.
    const unexplained = held.filter((d) => d.messageId === 'modelTableWithoutMigration' && d.data?.why === NO_MIGRATION && d.data.hint === '');
    const madeElsewhere = unexplained.length >= SYSTEMIC_TABLES;
    // The schema is built outside the migrations (said once, below): a column only they make, that a model leaves out,
    // is not known to be in the database, so neither is the create it would fail (hold-out 103: six NOT NULL columns of
    // migrations nothing runs, the tables made by a sync() script from models that never had them). Info.
    for (const d of direct) reportOne(madeElsewhere && UNMAPPED_NOT_NULL.has(d.messageId) ? { ...d, severity: 'info' } : d);
    if (byModelSync.length > 0) {
      const { first, what, targets } = missingAtOnce(byModelSync);
      const files = [...new Set(byModelSync.map((d) => d.file))].sort();
      const at = (file: string | undefined) => `\`${file}:${(project.models?.models ?? []).find((m) => m.file === file && m.syncsItself)?.syncsItself?.line ?? 1}\``;
      const evidence = files.slice(0, 3).map(at).join(', ') + (files.length > 3 ? `, and ${files.length - 3} more` : '');
      const alters = byModelSync.some((d) => selfSynced(d)?.alters);
      const them = /^a (table|column)$/.test(what) ? 'it' : 'them';
      reportOne({ ...first, messageId: 'builtByModelSync', severity: 'info', data: { what, targets, evidence, them, how: alters ? `creates and alters ${them}` : `creates ${them}` } });
    }
    for (const [file, { line, found }] of [...byDump].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { first, what, targets } = missingAtOnce(found);
      const them = /^a (table|column)$/.test(what) ? 'it' : 'them';
      reportOne({ ...first, messageId: 'builtByDump', severity: 'info', data: { what, targets, dump: `\`${file}\``, them, line: String(line) } });
    }
    if (sync && bySync.length > 0) {
      const { first, what, targets } = missingAtOnce(bySync);
      const how = sync.alters
        ? 'builds and alters the tables to match the models'
        : sync.migrationsUnrun
          ? 'builds the tables from the models (and nothing in the project runs these migrations)'
          : 'builds missing tables from the models';
      reportOne({ ...first, messageId: 'builtBySync', severity: 'info', data: { what, targets, ...syncData(sync), how } });
    }
    if (byBaseline.length > 0) {
      const { first, what, targets } = missingAtOnce(byBaseline);
      reportOne({ ...first, messageId: 'baselineElsewhere', severity: 'info', data: { what, targets, altered: joinTargets(altered.map((t) => `\`${t}\``), 4) } });
    }
    if (generator && byGenerator.length > 0) {
      const { first, what, targets } = missingAtOnce(byGenerator);
      reportOne({ ...first, messageId: 'generatedFromDatabase', severity: 'info', data: { what, targets, evidence: generator } });
    }
    // Migrations whose content migralint cannot read (what they export is computed by code it does not follow): any of
    // them may make what the models use, so what the migrations lack is not known (hold-out 59: 58 tables of a project
    // whose migrations a path-aliased helper builds). Info.
    const unread = project.migrations.filter((m) => m.exportsUnread).length;
    if (unread > 0) {
      for (const d of held) d.severity = 'info';
    }
    const tables = [...new Set(held.map((d) => d.target?.table).filter((t): t is string => typeof t === 'string'))].sort();
    if (!madeElsewhere) {
      for (const d of columnsAtOnce(held)) reportOne(d);
      return;
    }
    // Anchored at the first model file (by path) of a table nothing explains.
    const first = [...unexplained].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0))[0]!;
    const shown = joinTargets(tables.map((t) => `\`${t}\``), 6);
    // With migrations that alter tables they never create, the schema being made elsewhere is what they show: info.
    reportOne({ ...first, messageId: 'schemaMadeElsewhere', severity: unread > 0 || altered.length > 0 ? 'info' : 'warning', data: { count: String(tables.length), unexplained: String(unexplained.length), tables: shown } });
  },
});

/** Columns of a migration's table that no attribute maps and that a create cannot leave out (NOT NULL, no default). */
const UNMAPPED_NOT_NULL = new Set(['notNullColumnWithoutModel', 'notNullColumnsWithoutModel', 'notNullKeyWithoutModel']);

/**
 * The columns one model maps that the migrations lack, {@link MODEL_COLUMNS_AT_ONCE} or more of one table: one finding,
 * at the first of them (by file and line), at the most severe of their severities, naming them all. Other findings as
 * they are, in their order.
 */
function columnsAtOnce<D extends { file?: string; loc?: { line: number; column: number }; messageId: MessageIds; severity?: Severity; data?: Record<string, string>; target?: { table?: string | null } }>(found: readonly D[]): D[] {
  const key = (d: D) => (COLUMN_MISSING.has(d.messageId) && d.data?.model && d.target?.table ? `${d.data.model}\u0000${d.target.table}` : null);
  const groups = new Map<string, D[]>();
  for (const d of found) {
    const k = key(d);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  // A finding of one cause names all its columns (`columnList`: createdAt and updatedAt of `timestamps`).
  const columnsOf = (group: readonly D[]) => [...new Set(group.flatMap((g) => (g.data!.columnList ? g.data!.columnList.split('\u0000') : [g.data!.column!])))];
  const out: D[] = [];
  const done = new Set<string>();
  for (const d of found) {
    const k = key(d);
    const group = k !== null ? groups.get(k)! : [];
    if (k === null || columnsOf(group).length < MODEL_COLUMNS_AT_ONCE) {
      out.push(d);
      continue;
    }
    if (done.has(k)) continue;
    done.add(k);
    const first = [...group].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : (a.loc?.line ?? 0) - (b.loc?.line ?? 0)))[0]!;
    // Latent (info) only when every column is: a model nothing uses yet.
    const severity = group.every((g) => g.severity === 'info') ? ('info' as const) : undefined;
    const names = columnsOf(group);
    const columns = joinTargets(names.map((c) => `\`${c}\``), 8);
    const { severity: _s, ...rest } = first;
    out.push({ ...rest, messageId: 'modelColumnsWithoutMigration', data: { model: first.data!.model!, table: first.target!.table!, count: String(names.length), columns }, ...(severity ? { severity } : {}) } as unknown as D);
  }
  return out;
}

/**
 * Findings of what the migrations lack, said at once: the first by file (where the one finding goes), what they are
 * (`tables`, `a column`, `tables and columns`) and the names (`t`, `t.c`), sorted.
 */
function missingAtOnce<D extends { file?: string; messageId: MessageIds; data?: Record<string, string>; target?: { table?: string | null } }>(found: readonly D[]): { first: D; what: string; targets: string } {
  const first = [...found].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0))[0]!;
  const names = [...new Set(found.map((d) => (d.data?.column && COLUMN_MISSING.has(d.messageId) ? `\`${d.target?.table}.${d.data.column}\`` : `\`${d.target?.table}\``)))].sort();
  const columns = found.some((d) => COLUMN_MISSING.has(d.messageId));
  const tablesToo = found.some((d) => !COLUMN_MISSING.has(d.messageId));
  const what = columns && tablesToo ? 'tables and columns' : columns ? (names.length === 1 ? 'a column' : 'columns') : names.length === 1 ? 'a table' : 'tables';
  return { first, what, targets: joinTargets(names, 6) };
}

/** Steps that change a table's shape without creating it. */
const ALTERS = new Set(['addColumn', 'removeColumn', 'changeColumn', 'renameColumn', 'addIndex', 'removeIndex', 'addConstraint', 'removeConstraint']);

/**
 * The tables some migration's `up` alters (adds, changes, renames or drops a column, an index, a constraint) that no
 * migration's `up` creates (by `createTable`, or a rename to that name), in name order; case-insensitive. None when a
 * migration creates a table whose name migralint cannot read, or one could not be read at all.
 */
function alteredNeverCreated(project: ProjectModel): string[] {
  const created = new Set<string>();
  for (const m of project.migrations) {
    if (m.exportsUnread) return [];
    for (const u of m.up) {
      if (u.op === 'createTable') {
        // A table made under a name migralint cannot read may be any of them: nothing is shown then.
        if (!u.target.table) return [];
        created.add(u.target.table.toLowerCase());
      }
      if (u.op === 'renameTable' && u.target.newName) created.add(u.target.newName.toLowerCase());
    }
  }
  const out = new Set<string>();
  for (const m of project.migrations) {
    if (m.status !== 'ok') continue;
    for (const u of m.up) {
      const table = u.target.table;
      // A near name of a table a migration creates (`assessment` for `assessments`) is a typo, not a baseline.
      if (ALTERS.has(u.op) && table && !u.conditional && !created.has(table.toLowerCase()) && misspelledTable(table.toLowerCase(), created) === undefined) out.add(table);
    }
  }
  return [...out].sort();
}

/** Some migration (either phase) names the table at all. */
function mentioned(project: ProjectModel, table: string): boolean {
  const name = table.toLowerCase();
  return project.migrations.some((m) => [...m.up, ...m.down].some((o) => o.target.table?.toLowerCase() === name || o.target.newName?.toLowerCase() === name));
}

/** The first committed SQL file (by path) that creates `table` (its name in any case), with the line; null when none does. */
function dumpCreating(project: ProjectModel, table: string | null | undefined): { file: string; line: number } | null {
  if (!table || !project.schemaFiles) return null;
  const name = table.toLowerCase();
  for (const f of project.schemaFiles) {
    const line = f.creates.get(name);
    if (line !== undefined) return { file: f.file, line };
  }
  return null;
}

/** sequelize-auto's `init-models.js` (or `.ts`) among the model files: the models were generated from a database. Its path, in backticks, or null. */
function generatedModels(project: ProjectModel): string | null {
  const file = project.models?.files.find((f) => /(^|\/)init-models\.[cm]?[jt]s$/.test(f.file));
  return file ? `\`${file.file}\`` : null;
}

function checkModels(project: ProjectModel, options: Options, report: RuleContext<Options, MessageIds>['report']): void {
  const analysis = project.models;
  if (!analysis) return;
  // No migration was read (none in the folder, or they live elsewhere): nothing says what the migrations create,
  // and "no migration creates it" would be said of every model.
  if (!project.migrations.some((m) => m.status === 'ok')) return;
  const ignored = new Set(options.ignoreTables);
  const isIgnored = (schema: string, table: string) => ignored.has(table) || ignored.has(`${schema}.${table}`);
  const schema = projectReplay(project.migrations).schema;
  // MySQL, MariaDB and SQLite match column names whatever their case: `userId` reads a `UserId` column.
  const fold = columnNameFold(project);
  const migrationOf = (file: string): Migration | undefined => project.migrations.find((m) => m.file === file);

  /** Resolved models by the table key they use. */
  const byTable = new Map<string, ModelDefinition[]>();
  for (const model of analysis.models) {
    // A model the loader never loads (a file in a subfolder it does not read) maps nothing.
    if (model.unresolved || model.tableName === null || model.notLoaded) continue;
    const key = tableKey(model.schema, model.tableName);
    if (isIgnored(model.schema ?? 'public', model.tableName)) continue;
    // The runner's own bookkeeping (sequelize-cli, umzug's SequelizeStorage): the runner creates it, no migration does.
    if (RUNNER_TABLES.test(model.tableName)) continue;
    // The database's own catalog (`@Table({ schema: 'pg_catalog', tableName: 'pg_indexes' })`): every database has it.
    if (model.schema !== null && SYSTEM_SCHEMAS.has(model.schema.toLowerCase())) continue;
    const list = byTable.get(key) ?? [];
    list.push(model);
    byTable.set(key, list);
  }

  const tableCase = tableCaseOf(project, schema);
  for (const [key, models] of byTable) {
    const exact = schema.tables.get(key);
    // Another casing of the name is the same table where the database folds case (SQLite; MySQL servers that do,
    // as the project's own migrations show): every table of the name, whatever its case.
    const variants = !exact || tableCase === 'folded' ? [...schema.tables.values()].filter((t) => tableKey(t.schema, t.name).toLowerCase() === key.toLowerCase()) : [];
    const folded = tableCase === 'folded' && variants.length > 0 ? variants : null;
    const table = exact ?? (folded ? (folded.find((t) => !t.implicit) ?? folded[0]) : undefined);
    for (const model of models) {
      const name = model.name ?? model.bindings[0] ?? '?';
      if (!table) {
        // An operation the replay could not follow may have created it.
        if (schema.opaque.length > 0) continue;
        // A migration points a foreign key at it: the table exists where that migration ran, made some other way.
        const referencing = project.migrations.find((m) => m.up.some((op) => addedForeignKeys(op).some((k) => k.parent === model.tableName)));
        if (referencing) {
          report({
            file: model.file,
            loc: model.loc,
            messageId: 'modelTableMadeElsewhere',
            severity: 'info',
            data: { model: name, table: model.tableName!, migration: `\`${referencing.name}\`` },
            target: { table: model.tableName, column: null, schema: model.schema },
          });
          continue;
        }
        // Nothing in the application's code names the model (its callers commented out, a file carried over): no
        // query fails, the model is dead code (hold-out 10, corpus sample J).
        const unused = model.usedBy === null;
        const missing = missingTable(schema, key, variants, tableCase);
        // On MySQL a name that differs only in case fails where the server matches table names by case (its
        // lower_case_table_names, 0 by default on Linux), not elsewhere: a warning.
        const byServer = tableCase === 'server' && missing.hint !== '';
        report({
          file: model.file,
          loc: model.loc,
          messageId: unused ? 'modelTableWithoutMigrationUnused' : 'modelTableWithoutMigration',
          data: { model: name, table: model.tableName!, ...missing },
          target: { table: model.tableName, column: null, schema: model.schema },
          ...(unused ? { severity: 'info' as const } : byServer ? { severity: 'warning' as const } : {}),
        });
        continue;
      }
      const tables = folded ?? [table];
      if (tables.some((t) => t.uncertain || !t.columnsKnown)) continue;
      const present = new Set(tables.flatMap((t) => [...t.columns.keys()]).map(fold));
      const unusedModel = model.usedBy === null;
      // A column some migration adds to tables whose names it computes (`for (const t of await showAllTables())`):
      // this table may be one of them.
      const addedUnnamed = new Set(schema.unnamedColumns.map((c) => fold(c.column)));
      const has = (column: string) => present.has(fold(column)) || addedUnnamed.has(fold(column));
      // Attributes the code takes off the model (`removeAttribute('id')`): no query selects them.
      const removed = new Set(model.removedAttributes ?? []);
      for (const attribute of model.attributes) {
        if (attribute.virtual || attribute.unresolved || has(attribute.column) || removed.has(attribute.name)) continue;
        const data = { model: name, attribute: attribute.name, column: attribute.column, table: table.name };
        const removal = table.removedColumns.get(attribute.column);
        const base = attribute.inheritedFrom;
        report({
          // An inherited attribute is reported where its base class declares it.
          file: attribute.file ?? model.file,
          loc: attribute.loc,
          messageId: removal ? (unusedModel ? 'attributeColumnRemovedUnused' : 'attributeColumnRemoved') : base ? 'inheritedAttributeWithoutMigration' : unusedModel ? 'attributeWithoutMigrationUnused' : 'attributeWithoutMigration',
          data: removal ? { ...data, ...describeRemoval(removal, 'it') } : base ? { ...data, base } : data,
          target: { table: table.name, column: attribute.column, schema: model.schema },
          // No code outside the models folder names the model: no query selects the column yet, the gap is latent, as
          // a dead model's missing table is (hold-out labels: none of the latent column findings was worth a warning).
          ...(unusedModel && !base ? { severity: 'info' as const } : {}),
        });
      }
      // The columns one cause implies (`timestamps`: createdAt and updatedAt) are one finding, at the first.
      const byReason = new Map<string, typeof model.impliedColumns>();
      for (const implied of model.impliedColumns) {
        if (implied.uncertain || has(implied.column) || removed.has(implied.attribute)) continue;
        byReason.set(implied.reason, [...(byReason.get(implied.reason) ?? []), implied]);
      }
      for (const [reason, [implied, ...more]] of byReason) {
        const all = [implied!, ...more];
        const columns = all.length === 1 ? `column \`${implied!.column}\`` : `columns ${all.map((c) => `\`${c.column}\``).join(' and ')}`;
        // Every use of the model lists the attributes it reads, and nothing writes through it: no query selects the
        // columns (hold-out 96: reference tables read with `attributes: [...]` and counted, filled by seeders).
        const listed = !unusedModel && model.listedReadsOnly === true;
        report({
          file: implied!.file,
          loc: implied!.loc,
          messageId: unusedModel ? 'impliedColumnWithoutMigrationUnused' : listed ? 'impliedColumnNeverSelected' : 'impliedColumnWithoutMigration',
          data: { model: name, attribute: implied!.attribute, column: implied!.column, columnList: all.map((c) => c.column).join('\u0000'), columns, it: all.length === 1 ? 'it' : 'them', table: table.name, reason, ...(listed ? { usedBy: `\`${model.usedBy!}\`` } : {}) },
          target: { table: table.name, column: implied!.column, schema: model.schema },
          // A model nothing loads or names: no query reads the column yet, the gap is latent.
          ...(unusedModel || listed ? { severity: 'info' as const } : {}),
        });
      }
    }
    if (table) reportUnmappedColumns(table, models, migrationOf, report, fold, project.schemaSync ?? null, writtenByMigrations(project, table));
  }
}

/** Info: columns of a model's table that no model of that table maps. */
function reportUnmappedColumns(
  table: ReplayedTable,
  models: ModelDefinition[],
  migrationOf: (file: string) => Migration | undefined,
  report: RuleContext<Options, MessageIds>['report'],
  fold: (column: string) => string,
  sync: ProjectModel['schemaSync'] | null,
  written: (column: string) => boolean,
): void {
  if (table.uncertain || !table.columnsKnown) return;
  // A model whose attributes are not all known may map any column.
  if (models.some((m) => !m.attributesComplete || m.attributes.some((a) => a.unresolved) || m.impliedColumns.some((c) => c.uncertain))) return;
  const mapped = new Set<string>();
  for (const m of models) for (const c of mappedColumns(m)) mapped.add(fold(c));
  const names = models.map((m) => `\`${m.name ?? m.bindings[0] ?? '?'}\``).join(', ');
  // Tables the application's start builds from the models, where nothing runs these migrations: their columns are not
  // what the database has, so no create fails on them (hold-out 59: 89 warnings on never-run `model:generate` stubs).
  const builtBySyncAlone = sync?.migrationsUnrun === true && !sync.development;
  const failsCreatesOf = (column: ReplayedColumn): boolean => {
    // NOT NULL without a default, and no model writes it: every row a model creates leaves it out of the INSERT,
    // which the database refuses (measured, test/semantics/model-omits-not-null-column.test.ts).
    // A primary key no attribute maps: the model keys on the `id` Sequelize implies, reported on its own when missing.
    if (builtBySyncAlone) return false;
    // A model the code only reads (rows written by seeders or raw SQL) creates none (hold-out 66, 68).
    return requiredOnCreate(column) && models.every((m) => m.usedBy !== null && m.insertsRows !== false);
  };
  // A key column (a `references`, a name ending in `Id` / `_id`): an association gives the model that attribute, and
  // associations are declared in places the reader does not follow (a custom option the loader calls, names from a
  // JSON file): hold-out labels, 59 of 66 such findings false, most on key columns.
  const isKey = (column: ReplayedColumn): boolean => column.definition?.references !== undefined || KEY_COLUMN.test(column.name);
  const unmapped = [...table.columns.values()].filter((c) => !mapped.has(fold(c.name)) && migrationOf(c.namedBy.file) !== undefined);
  // NOT NULL columns without a default no model maps: several of one table are one finding (one cause, most often
  // timestamps the model renames), at the first of them.
  // Where nothing runs the migrations, the columns they add never reach deployed databases: sync() has nothing of theirs
  // to drop (hold-out 67).
  const dropsTheirs = sync && sync.dropsColumns && !sync.development && !builtBySyncAlone;
  const failing = dropsTheirs ? [] : unmapped.filter((c) => failsCreatesOf(c) && !isKey(c));
  // Each failing column is the table's spelling of a column the models map and the table lacks (`subCategory` for
  // `sub_category`, `created_at` for `createdAt`): the models' side of one naming mismatch, which the finding on the
  // model reports as an error (hold-out 92: the same cause said twice).
  const spelling = (name: string) => name.toLowerCase().replace(/_/g, '');
  const tableColumns = new Set([...table.columns.keys()].map(fold));
  const modelOnly = [...new Set(models.flatMap((m) => [...mappedColumns(m)]))].filter((c) => !tableColumns.has(fold(c)));
  const pairs = failing.map((c) => modelOnly.find((m) => spelling(m) === spelling(c.name)));
  const namedOtherwise = failing.length > 0 && pairs.every((p) => p !== undefined);
  if (namedOtherwise) {
    const first = failing[0]!;
    const migration = migrationOf(first.namedBy.file)!;
    const many = failing.length > 1;
    report({
      migration,
      loc: { line: first.namedBy.line, column: first.namedBy.column },
      messageId: 'notNullColumnsNamedOtherwise',
      severity: 'info',
      data: {
        table: table.name,
        columns: `${many ? 'Columns' : 'Column'} ${joinTargets(failing.map((f) => `\`${f.name}\``), 6)}`,
        migration: migration.name,
        models: names,
        are: many ? 'are' : 'is',
        maps: models.length > 1 ? 'map' : 'maps',
        them: many ? 'them' : 'it',
        modelColumns: joinTargets(pairs.map((p) => `\`${p}\``), 6),
      },
      target: { table: table.name, column: first.name, schema: table.schema },
    });
  }
  // Columns sync's alter drops that no migration writes: no model maps them, so nothing wrote them but their default
  // (hold-outs 61, 67, 100: 30 of 32 such per-column errors judged false or noise, the drift true). One info per table.
  const unwritten = dropsTheirs ? unmapped.filter((c) => !written(c.name)) : [];
  if (unwritten.length > 0) {
    const first = unwritten[0]!;
    const many = unwritten.length > 1;
    report({
      migration: migrationOf(first.namedBy.file)!,
      loc: { line: first.namedBy.line, column: first.namedBy.column },
      messageId: 'unwrittenColumnsDroppedBySync',
      severity: 'info',
      data: {
        table: table.name,
        columns: `${many ? 'Columns' : 'Column'} ${joinTargets(unwritten.map((c) => `\`${c.name}\``), 6)}`,
        migration: migrationOf(first.namedBy.file)!.name,
        models: names,
        ...syncData(sync!),
        are: many ? 'are' : 'is',
        they: many ? 'they' : 'it',
        them: many ? 'them' : 'it',
      },
      target: { table: table.name, column: first.name, schema: table.schema },
    });
  }
  for (const column of unmapped) {
    if (namedOtherwise && failing.includes(column)) continue;
    if (unwritten.includes(column)) continue;
    const migration = migrationOf(column.namedBy.file)!;
    const data = { table: table.name, column: column.name, migration: migration.name, models: names };
    // The application's own start alters the tables to the models, dropping what they lack (sequelize-semantics.md):
    // a column a migration writes holds that data.
    if (dropsTheirs) {
      report({
        migration,
        loc: { line: column.namedBy.line, column: column.namedBy.column },
        messageId: 'columnDroppedBySync',
        severity: 'error',
        data: { ...data, ...syncData(sync) },
        target: { table: table.name, column: column.name, schema: table.schema },
      });
      continue;
    }
    if (failing.length > 1 && failing.includes(column)) {
      if (column !== failing[0]) continue;
      report({
        migration,
        loc: { line: column.namedBy.line, column: column.namedBy.column },
        messageId: 'notNullColumnsWithoutModel',
        severity: 'warning',
        data: { table: table.name, columns: joinTargets(failing.map((f) => `\`${f.name}\``), 6), migration: migration.name, models: names },
        target: { table: table.name, column: column.name, schema: table.schema },
      });
      continue;
    }
    const failsCreates = failsCreatesOf(column);
    const key = failsCreates && isKey(column);
    report({
      migration,
      loc: { line: column.namedBy.line, column: column.namedBy.column },
      messageId: key ? 'notNullKeyWithoutModel' : failsCreates ? 'notNullColumnWithoutModel' : 'columnWithoutModel',
      severity: failsCreates && !key ? 'warning' : 'info',
      data,
      target: { table: table.name, column: column.name, schema: table.schema },
    });
  }
}

/**
 * Why the model's table is missing: never created, dropped, or renamed; and a near miss by case, from `variants`
 * (the tables of the schema whose name differs from the model's only in case).
 */
function missingTable(schema: ReplayedSchema, key: string, variants: readonly ReplayedTable[], tableCase: TableCase): { why: string; hint: string } {
  const removal = schema.removedTables.get(key);
  const described = removal ? describeRemoval(removal, 'it') : null;
  const why = described ? `${described.migration} ${described.change}` : NO_MIGRATION;
  const near = variants[0];
  const rule = tableCase === 'server' ? 'MySQL matches table names by case where the server says so (lower_case_table_names 0, the default on Linux)' : 'quoted table names are case-sensitive';
  const hint = near ? ` (the migrations create \`${near.name}\`: ${rule})` : '';
  return { why, hint };
}

/**
 * How the project's databases match table names: `exact` (PostgreSQL, quoted names), `folded` (SQLite, and MySQL
 * or MariaDB projects whose own migrations name one table in two casings, which only runs where the server folds
 * case), `server` (MySQL or MariaDB otherwise: by case or not, as the server's lower_case_table_names says).
 */
type TableCase = 'exact' | 'folded' | 'server';

function tableCaseOf(project: ProjectModel, schema: ReplayedSchema): TableCase {
  const { dialects, known } = projectDialects(project);
  if (!known) return 'exact';
  if (dialects.every((d) => d === 'sqlite')) return 'folded';
  if (!dialects.every((d) => d === 'mysql' || d === 'mariadb' || d === 'sqlite')) return 'exact';
  // A table the migrations only alter or point keys at (the replay's implicit tables), under another casing of one
  // they create: those steps ran, so the servers fold case.
  const created = new Set([...schema.tables.values()].filter((t) => !t.implicit).map((t) => t.name));
  const lower = new Map([...created].map((n) => [n.toLowerCase(), n]));
  const named = [...schema.tables.values()].filter((t) => t.implicit).map((t) => t.name);
  for (const m of project.migrations) for (const op of m.up) for (const k of addedForeignKeys(op)) named.push(k.parent);
  return named.some((n) => !created.has(n) && lower.has(n.toLowerCase())) ? 'folded' : 'server';
}

function describeRemoval(removal: Removal, it: string): { migration: string; change: string } {
  return {
    migration: removal.by.migration,
    change: removal.how === 'renamed' ? `renames ${it} to \`${removal.newName}\`` : `drops ${it}`,
  };
}

/**
 * Whether a migration writes rows' values into a column of the table: an insert naming it (or whose columns are not
 * known), an update setting it (or whose columns are not known), raw SQL on the table migralint cannot read.
 */
function writtenByMigrations(project: ProjectModel, table: ReplayedTable): (column: string) => boolean {
  // Read on the first question only: most tables are asked none (no sync() that drops columns).
  let read: { columns: Set<string>; unknown: boolean } | null = null;
  return (column) => {
    read ??= columnsWritten(project, table);
    return read.unknown || read.columns.has(column);
  };
}

/** The columns of the table the migrations' `up` steps write (`writtenByMigrations`), and whether one wrote what it does not name. */
function columnsWritten(project: ProjectModel, table: ReplayedTable): { columns: Set<string>; unknown: boolean } {
  const names = new Set([table.name, ...table.previousNames].map((n) => n.toLowerCase()));
  const columns = new Set<string>();
  let unknown = false;
  for (const m of project.migrations) {
    for (const op of m.up) {
      if (!op.target.table || !names.has(op.target.table.toLowerCase())) continue;
      if (op.op === 'insert' || op.op === 'bulkInsert') {
        const named = op.options.columns;
        if (Array.isArray(named)) named.forEach((c) => typeof c === 'string' && columns.add(c));
        else unknown = true;
      } else if (op.op === 'update' || op.op === 'bulkUpdate') {
        const set = updatedColumns(op);
        if (set) set.forEach((c) => columns.add(c));
        else unknown = true;
      } else if (op.op === 'sql' || op.op === 'unresolved') unknown = true;
    }
  }
  return { columns, unknown };
}
