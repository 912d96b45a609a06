import type { Dialect, Migration, ModelDefinition, Operation, Phase, ProjectModel, Target } from '../model';
import { forEachUpStep, tableKey, type ReplayedStep } from '../schema/replay';
import { environmentDialects } from '../config/connections';
import { methodMeant, SEQUELIZE_INSTANCE_PROTOTYPE } from '../extract/query-interface';
import { mappedColumns } from '../models/read-models';
import { describeTarget } from '../operations/effects';
import { quotedStatement } from '../sql/holes';

/**
 * Facts about the project that several rules ask: which dialect, whether DDL
 * is transactional, how the runner is named in messages. One place, so that
 * every rule answers the same way.
 */

/**
 * The database-config environments that are production, by name (case-insensitive): what a rule that
 * cares about the production connection reads. Rules add names of their own on top (no-insecure-db-config
 * also checks `staging` by default, which holds copies of real data); a flat config, which sequelize-cli
 * uses everywhere, always counts.
 */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = ['production', 'prod'];

export function isProductionEnvironment(name: string): boolean {
  return PRODUCTION_ENVIRONMENTS.includes(name.toLowerCase());
}

/** The dialects the migrations run on; PostgreSQL when the config does not say (the tool's default target). */
export function projectDialects(project: ProjectModel): { dialects: Dialect[]; known: boolean } {
  const d = project.dialect?.dialects ?? [];
  return d.length > 0 ? { dialects: d, known: true } : { dialects: ['postgres'], known: false };
}

/** The step runs on `dialect` alone: the dialect branch it sits in, else the project's known dialects, are only that one. */
export function runsOnlyOn(project: ProjectModel, op: Pick<Operation, 'dialects'>, dialect: Dialect): boolean {
  const { dialects, known } = projectDialects(project);
  const on = op.dialects ?? (known ? dialects : []);
  return on.length > 0 && on.every((d) => d === dialect);
}

/**
 * How the project's database compares column names: MySQL, MariaDB and SQLite match them whatever their case (`userId`
 * reads a `UserId` column), so names are folded to lower case when every known dialect is one of those; PostgreSQL
 * (and an unknown dialect) compares the quoted names Sequelize sends exactly.
 */
export function columnNameFold(project: ProjectModel): (column: string) => string {
  const { dialects, known } = projectDialects(project);
  return known && dialects.every((d) => d === 'mysql' || d === 'mariadb' || d === 'sqlite') ? (c) => c.toLowerCase() : (c) => c;
}

/** The dialect rolls DDL back with the transaction (PostgreSQL, SQLite, SQL Server; not MySQL/MariaDB). */
export function rollsBackDdl(dialect: Dialect): boolean {
  return dialect === 'postgres' || dialect === 'sqlite' || dialect === 'mssql';
}

/** Every dialect the project runs on rolls DDL back with the transaction (PostgreSQL, SQLite; not MySQL/MariaDB). */
export function ddlIsTransactional(project: ProjectModel): boolean {
  return projectDialects(project).dialects.every(rollsBackDdl);
}

/** True when the project may run on PostgreSQL (known, or assumed because unknown). */
export function mayRunOnPostgres(project: ProjectModel): boolean {
  return projectDialects(project).dialects.includes('postgres');
}

/**
 * The operation can run on the project's database: false only when the
 * project's dialect is known and none of its dialects is one the operation's
 * dialect condition allows (`if (isSQLite(...))` in a PostgreSQL project).
 */
export function opRunsOn(project: ProjectModel, op: Pick<Operation, 'dialects'>): boolean {
  if (!op.dialects) return true;
  // Under a test no dialect passes (a misspelled option, valid-dialect-check): it runs nowhere.
  if (op.dialects.length === 0) return false;
  const { dialects, known } = projectDialects(project);
  if (!known) return true;
  // A branch for a dialect only development or test databases use (SQLite locally, MySQL in production) never
  // reaches production: what it does there is not what this tool is asked about.
  const production = productionDialects(project);
  return (production ?? dialects).some((d) => op.dialects!.includes(d));
}

/**
 * The dialects the production environments of the database config name (`production`, `prod`, or a flat config,
 * which every environment uses); null when no production environment names one (a URL from a variable, no
 * config): then every dialect of the project counts.
 */
export function productionDialects(project: ProjectModel): Dialect[] | null {
  const found = new Set<Dialect>();
  for (const env of project.dbConfig?.environments ?? []) {
    if (env.flat !== true && !isProductionEnvironment(env.name)) continue;
    for (const { dialect } of environmentDialects(env)) found.add(dialect);
  }
  return found.size > 0 ? [...found].sort() : null;
}

/**
 * Whether a rule that relies on PostgreSQL's behaviour ("fails with relation
 * already exists") may judge this step: it runs on PostgreSQL, known or
 * assumed. A step under a branch for another dialect (`if (isSQLite(...))`)
 * is left alone even when the project's dialect is unknown: its dialect has
 * other rules (SQLite rebuilds a table on changeColumn, dropping its indexes).
 */
export function runsOnPostgres(project: ProjectModel, op: Pick<Operation, 'dialects'>): boolean {
  if (op.dialects && !op.dialects.includes('postgres')) return false;
  return mayRunOnPostgres(project);
}

/**
 * The step runs only on MySQL or MariaDB (its own dialect branch, else the project's known dialects): where a rule
 * words what the server says, or does, as MySQL's (`CHANGE`, "Duplicate column name", a refused key).
 */
export function runsOnlyOnMysql(project: ProjectModel, op: Pick<Operation, 'dialects'>): boolean {
  const { dialects, known } = projectDialects(project);
  const on = op.dialects ?? (known ? dialects : []);
  return on.length > 0 && on.every((d) => d === 'mysql' || d === 'mariadb');
}

/**
 * Whether a rule that relies on what PostgreSQL, MySQL and MariaDB all do (measured on each) may judge this step: it
 * runs on one of them, known or assumed (not a step only for SQLite or SQL Server, nor a project only on those).
 */
export function runsOnServerDialect(project: ProjectModel, op: Pick<Operation, 'dialects'>): boolean {
  const server = (d: Dialect) => d === 'postgres' || d === 'mysql' || d === 'mariadb';
  if (op.dialects && !op.dialects.some(server)) return false;
  const { dialects, known } = projectDialects(project);
  return !known || dialects.some(server);
}

/**
 * The phase's function returns no promise (`MigrationFunction.noPromise`) and the runner is built on umzug
 * (sequelize-cli, umzug), which refuses it: the migration fails as a whole, "didn't return a promise"
 * (valid-migration-file reports it; measured in test/semantics/umzug-promise.test.ts). What the other rules say of its
 * steps (floating, not atomic, a rerun) is beside that one cause.
 */
export function umzugRefuses(project: ProjectModel, migration: Migration, phase: Phase): boolean {
  const runner = project.project.runner?.kind;
  // umzug before 2.2.0 has no such check: it records the migration at once and its calls run unwatched.
  if (project.project.runner?.promiseUnchecked) return false;
  return (runner === 'sequelize-cli' || runner === 'umzug') && (phase === 'up' ? migration.upFunction : migration.downFunction).noPromise !== undefined;
}

/** A call that throws before it sends anything (`callThrows`): a method the queryInterface does not have, or a column without a type. */
export type ThrowingCall = { kind: 'notAMethod'; method: string; meant: string | undefined; of?: 'class' } | { kind: 'typeMissing' } | { kind: 'sqlRejected'; error: string };

/**
 * The step throws a TypeError before it sends anything, whenever it runs (measured:
 * test/semantics/calls-that-throw.test.ts): a method name Sequelize's queryInterface does not have
 * (`queryInterface.removeCOlumn`, `dropIndex`), or `addColumn` / `changeColumn` with no type. Judged where the runner
 * hands the migration a queryInterface (sequelize-cli or umzug; a missing method only where the project names the
 * runner, not where it is only assumed; under umzug the Sequelize instance's methods count too, its `context` may be
 * the instance), and not when a catch around the step takes the error.
 */
export function callThrows(project: ProjectModel, op: Operation): ThrowingCall | null {
  const rejected = sqlRejected(project, op);
  if (rejected) return rejected;
  const runner = project.project.runner?.kind;
  if ((runner !== 'sequelize-cli' && runner !== 'umzug') || op.sql || !opRunsOn(project, op)) return null;
  const guard = op.guard;
  if (guard && (guard.kind === 'catch-all' || guard.kind === 'catch-expected' || guard.caughtAt)) return null;
  const method = op.options.notAMethod;
  // sequelize-cli only assumed: the folder may be run another way, which may hand `up` an object of its own, whose
  // methods are not the queryInterface's (an object with `addColumn` is one all the same).
  if (op.op === 'unresolved' && typeof method === 'string' && !project.project.runner?.unconfirmed) {
    if (runner === 'umzug' && SEQUELIZE_INSTANCE_PROTOTYPE.has(method)) return null;
    // `Sequelize.query(...)` on the class sequelize-cli passes as the second argument: the instance has it.
    if (op.options.notAMethodOf === 'class') return { kind: 'notAMethod', method, meant: `queryInterface.sequelize.${method}`, of: 'class' };
    return { kind: 'notAMethod', method, meant: methodMeant(method) };
  }
  if ((op.op === 'addColumn' || op.op === 'changeColumn') && op.options.typeMissing === true && runsOnServerDialect(project, op)) return { kind: 'typeMissing' };
  return null;
}

/**
 * Raw SQL that PostgreSQL's own parser (libpg-query) rejects, on a step that runs only on PostgreSQL (its project's
 * dialect, or its own dialect branch): the server rejects it too, whenever the step runs (measured on PGlite:
 * test/semantics/rejected-sql.test.ts). Not where the text sent is not the text read: a name or a value migralint could
 * not resolve (a hole), replacements or options it cannot read; not under a catch that takes the error.
 */
function sqlRejected(project: ProjectModel, op: Operation): ThrowingCall | null {
  if (!op.sql || op.sqlError === undefined || op.sqlParamsUnknown || op.unresolved || op.sqlNotParsed) return null;
  if (!runsOnlyOn(project, op, 'postgres')) return null;
  const guard = op.guard;
  if (guard && (guard.kind === 'catch-all' || guard.kind === 'catch-expected' || guard.caughtAt)) return null;
  return { kind: 'sqlRejected', error: op.sqlError };
}

/**
 * The message data of a call that throws (`callThrows`), with `applied`, what the phase had done before it: the
 * callee, and the method probably meant, or the column that has no type.
 */
export function throwingCallData(thrown: ThrowingCall, op: Operation, applied: string): Record<string, string> {
  if (thrown.kind === 'sqlRejected') return { statement: quotedStatement(op.statement ?? ''), error: thrown.error, applied };
  return thrown.kind === 'notAMethod'
    ? {
        callee: op.callee,
        applied,
        meant: thrown.meant ? ` \`${thrown.meant}\` was probably meant.` : '',
        of: thrown.of === 'class' ? 'the Sequelize class, which sequelize-cli passes as the migration\'s second argument (the instance is `queryInterface.sequelize`)' : 'Sequelize\'s queryInterface',
      }
    : { callee: op.callee, target: describeTarget(op.target, op), applied };
}

/** The runner as message text: `sequelize-cli`, `the umzug runner in src/db/migrate.ts`, ... */
export function runnerName(project: ProjectModel): string {
  const runner = project.project.runner;
  if (!runner || runner.kind === 'sequelize-cli') return 'sequelize-cli';
  const where = runner.evidence ? ` in ${runner.evidence.file}` : '';
  return runner.kind === 'umzug' ? `the umzug runner${where}` : `the project's own runner${where}`;
}

/**
 * The runner wraps each migration in a transaction and the dialect rolls DDL
 * back with it: a migration that fails half-way leaves nothing applied.
 */
export function runnerMakesMigrationsAtomic(project: ProjectModel): boolean {
  return project.project.runner?.transaction === 'per-migration' && ddlIsTransactional(project);
}

/** Migrations that are not on the base branch (`--changed-since`): null when the base is not known. */
export function unreleasedMigrations(project: ProjectModel): Set<string> | null {
  if (!project.baseMigrations) return null;
  const released = new Set(project.baseMigrations.names);
  return new Set(project.migrations.filter((m) => !released.has(m.name)).map((m) => m.name));
}

/** The migration that created the step's table, as replayed before the step; null when not known. */
export function createdBy(step: Pick<ReplayedStep, 'table'>): string | null {
  return step.table?.createdBy?.migration ?? null;
}

/** The table was created by a migration of the unreleased change set: no shared database has it yet, nor rows in it. */
function createdByUnreleased(step: ReplayedStep, unreleased: Set<string> | null): boolean {
  if (!unreleased) return false;
  const origin = createdBy(step);
  return Boolean(origin && unreleased.has(origin));
}

/**
 * The step's table is new, so a lock on it blocks no one and a check of its rows meets none: the same migration
 * created it before the step, or a migration of the unreleased change set did (`--changed-since`).
 */
export function stepTableIsNew(step: ReplayedStep, unreleased: Set<string> | null): boolean {
  return step.tableIsNew || createdByUnreleased(step, unreleased);
}

/**
 * Each `up` step that runs on PostgreSQL against a table in use: not one its
 * own migration created, nor one an unreleased migration created (see
 * `stepTableIsNew`). The steps a lock rule judges, with the schema they meet.
 */
export function forEachStepOnTableInUse(project: ProjectModel, visit: (step: ReplayedStep) => void): void {
  const unreleased = unreleasedMigrations(project);
  forEachUpStep(project.migrations, (step) => {
    if (runsOnPostgres(project, step.op) && !stepTableIsNew(step, unreleased)) visit(step);
  });
}

/**
 * One finding per call site: a statement a loop repeats over tables (`for
 * (const t of TABLES) await qi.changeColumn(t, ...)`), or a query string of
 * several statements, is one decision to review. The returned predicate says
 * whether a step is the first seen at its place in its migration (for its
 * `kind`: two different findings of one statement stay two).
 */
export function firstAtCallSite(): (migration: Migration, op: Operation, kind?: string) => boolean {
  const seen = new Set<string>();
  return (migration, op, kind = '') => {
    const key = `${migration.file}\0${op.loc.line}:${op.loc.column}\0${kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** The models that map the operation's table (same name, same schema; the default schema when none is named). */
export function modelsOfTable(project: ProjectModel, target: Pick<Target, 'table' | 'schema'>): ModelDefinition[] {
  if (!target.table) return [];
  const key = tableKey(target.schema, target.table);
  return (project.models?.models ?? []).filter((m) => m.tableName !== null && tableKey(m.schema, m.tableName) === key);
}

/**
 * The model a `sync()` of a migration syncs (`Operation.modelSync`), when the project defines one of that name: the
 * model named with a capital (`db.Team.sync()`), or named by the key of the module holding it (`roles.roles.sync()`).
 * Null for an instance's sync (every model) and for a name no model has.
 */
export function syncedModel(project: ProjectModel, op: Pick<Operation, 'modelSync'>): ModelDefinition | null {
  const name = op.modelSync?.model;
  if (name === undefined) return null;
  return (project.models?.models ?? []).find((m) => m.name === name) ?? null;
}

/**
 * Whether `op` is Sequelize's `sync()` of models: the instance's (every model), one named with a capital, or one named
 * by a module's key that a model of the project has (a key no model has may hold an instance, not a model: not read).
 */
export function syncsModels(project: ProjectModel, op: Pick<Operation, 'modelSync'>): boolean {
  if (!op.modelSync) return false;
  return op.modelSync.byKey !== true || syncedModel(project, op) !== null;
}

/**
 * Whether the models of the target's table (or `models`, when given) map `column`, by column or attribute name: null
 * when there is none, or one cannot be read whole (unresolved, attributes or options not all read).
 */
export function modelsMapColumn(project: ProjectModel, target: Pick<Target, 'table' | 'schema'>, column: string, models = modelsOfTable(project, target)): boolean | null {
  if (models.length === 0 || models.some((m) => m.unresolved || !m.attributesComplete || m.unresolvedOptions.length > 0)) return null;
  return models.some((m) => mappedColumns(m).has(column) || m.attributes.some((a) => a.name === column));
}

/** The first model (read whole) that maps the column of the target's table, declared or implied (not a VIRTUAL attribute); null when none does. */
export function modelMappingColumn(project: ProjectModel, target: Pick<Target, 'table' | 'schema'>, column: string | null | undefined): ModelDefinition | null {
  if (column == null) return null;
  return modelsOfTable(project, target).find((m) => !m.unresolved && mappedColumns(m).has(column)) ?? null;
}

/**
 * The tables some step of some migration touches (other than dropping them),
 * and those the models map. Null when the project builds schemas with
 * `sequelize.sync()` (tables its models made, that no migration names), or
 * when no migration creates a table (the history starts elsewhere): then no
 * table can be said to be unknown.
 */
export function tablesTheProjectKnows(project: ProjectModel): Set<string> | null {
  if (knownTablesMemo.has(project)) return knownTablesMemo.get(project)!;
  const known = readKnownTables(project);
  knownTablesMemo.set(project, known);
  return known;
}

const knownTablesMemo = new WeakMap<ProjectModel, Set<string> | null>();

function readKnownTables(project: ProjectModel): Set<string> | null {
  if (project.schemaSync) return null;
  if (!project.migrations.some((m) => m.up.some((op) => op.op === 'createTable'))) return null;
  const names = new Set<string>();
  for (const m of project.models?.models ?? []) if (m.tableName) names.add(m.tableName);
  for (const migration of project.migrations) {
    for (const op of [...migration.up, ...migration.down]) {
      if (op.op === 'dropTable') continue;
      if (op.target.table) names.add(op.target.table);
      if (typeof op.target.newName === 'string') names.add(op.target.newName);
      const from = op.options.copiedFrom;
      if (Array.isArray(from)) for (const t of from) if (typeof t === 'string') names.add(t);
    }
  }
  return names;
}


/** A table name in lower case without `-`, `_` or spaces. */
function spelling(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * A table name compared loosely: its spelling without a plural `s` (`IdTokens`, `id_token` and `idToken` are one), a
 * plural `ies` read as `y` (`tournament_currencies` and `tournament_currency` are one).
 */
export function looseTableName(name: string): string {
  return spelling(name).replace(/ies$/, 'y').replace(/e?s$/, '');
}

/**
 * A table the project knows that `table` names with another spelling: the same letters in another case, with
 * other punctuation (`document-reference` for `document_reference`), or one of them plural
 * (`SchoolProject` for `SchoolProjects`); else, for names of six letters or more, one letter typed wrong, missing,
 * added or swapped with the next (`remediatipns` for `remediations`), when only one known table is that close.
 * Undefined when none does.
 */
export function misspelledTable(table: string, known: ReadonlySet<string>): string | undefined {
  const exact = [...known].filter((t) => t !== table && spelling(t) === spelling(table)).sort()[0];
  const loose = exact ?? [...known].filter((t) => t !== table && (looseTableName(t) === looseTableName(table) || pluralOf(spelling(t), spelling(table)) || pluralOf(spelling(table), spelling(t)))).sort()[0];
  if (loose !== undefined || spelling(table).length < 6) return loose;
  const typos = [...known].filter((t) => t !== table && oneEditApart(spelling(t), spelling(table)));
  return typos.length === 1 ? typos[0] : undefined;
}

/** `plural` is `singular` with an English plural ending: `s`, `es` (`statuses`), `y` -> `ies`. */
function pluralOf(singular: string, plural: string): boolean {
  return plural === `${singular}s` || plural === `${singular}es` || (singular.endsWith('y') && plural === `${singular.slice(0, -1)}ies`);
}

/** `a` and `b` differ by one letter substituted, inserted or deleted, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * What a message adds when a dropped table is the misspelling of `meant`, a table the project knows (`whose`: how
 * that table is known, `after`: when it is still there): the drop (IF EXISTS) does nothing.
 */
export function misspellingNote(op: Pick<Operation, 'sql'>, meant: string, whose: string, after = ''): string {
  return `; \`${meant}\`, ${whose}, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing${op.sql ? '' : ' (Sequelize drops IF EXISTS)'} and \`${meant}\` stays${after}`;
}

/** How the script that syncs is run, as a message names it (`npm run start`, `Dockerfile CMD`). */
export function syncRun(sync: NonNullable<ProjectModel['schemaSync']>): string {
  return sync.run ?? `npm run ${sync.script}`;
}

/** The message data naming the sync(): its script, how that is run (`syncRun`), and where the sync() is. */
export function syncData(sync: NonNullable<ProjectModel['schemaSync']>): { script: string; run: string; evidence: string } {
  return { script: sync.script, run: syncRun(sync), evidence: sync.evidence };
}
