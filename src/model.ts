/**
 * The intermediate model: what extraction produces and what rules consume.
 *
 * Rules never look at ESTree. Everything they need to know about a migration
 * is here; when a rule needs a new fact, the extractor learns it.
 */

import type { DbConfigAnalysis } from './config/types';
import type { ModelsAnalysis } from './models/types';
import type { ScriptRisk } from './scripts/analyze-scripts';

/** JSON-compatible value, used for the statically known options of a call. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type Phase = 'up' | 'down';

/**
 * Operation kinds. queryInterface method names are used as-is; raw SQL
 * statements map onto the same names when a builder equivalent exists
 * (`ALTER TABLE t DROP COLUMN c` is a `removeColumn`), otherwise onto the
 * SQL-only kinds below. What each kind does (signature, SQL, rerun, lock,
 * what it destroys, its inverse) is in the operation table,
 * src/operations/table.ts.
 */
export type OpKind =
  // schema changes (queryInterface)
  | 'createTable'
  | 'dropTable'
  | 'dropAllTables'
  | 'renameTable'
  | 'addColumn'
  | 'removeColumn'
  | 'changeColumn'
  | 'renameColumn'
  | 'addIndex'
  | 'removeIndex'
  | 'addConstraint'
  | 'removeConstraint'
  | 'createSchema'
  | 'dropSchema'
  | 'dropAllSchemas'
  | 'dropEnum'
  | 'dropAllEnums'
  | 'createFunction'
  | 'dropFunction'
  | 'renameFunction'
  | 'createTrigger'
  | 'dropTrigger'
  | 'renameTrigger'
  | 'createDatabase'
  | 'dropDatabase'
  // data (queryInterface)
  | 'bulkInsert'
  | 'bulkUpdate'
  | 'bulkDelete'
  | 'insert'
  | 'upsert'
  | 'update'
  | 'delete'
  | 'increment'
  | 'decrement'
  // reads and existence probes (queryInterface)
  | 'describeTable'
  | 'tableExists'
  | 'showAllTables'
  | 'showAllSchemas'
  | 'showIndex'
  | 'showConstraint'
  | 'getForeignKeyReferencesForTable'
  | 'getForeignKeysForTables'
  | 'select'
  | 'rawSelect'
  // raw SQL kinds with no builder equivalent
  | 'truncate'
  | 'createType'
  | 'alterType'
  | 'dropType'
  | 'createView'
  | 'dropView'
  | 'createExtension'
  | 'dropExtension'
  | 'createSequence'
  | 'dropSequence'
  | 'transactionControl'
  | 'sql'
  // a database call that could not be resolved statically (imported helper,
  // application models, dynamic method name)
  | 'unresolved';

/**
 * How an operation is protected against running twice.
 *
 * - `idempotent`: the call itself is safe to repeat in Sequelize
 *   (createTable emits CREATE TABLE IF NOT EXISTS, dropTable emits DROP TABLE
 *   IF EXISTS, removeIndex emits DROP INDEX IF EXISTS, dropEnum emits DROP
 *   TYPE IF EXISTS: measured, see shared/sequelize-semantics.md).
 * - `sql-if-exists`: raw SQL with IF [NOT] EXISTS, or CREATE OR REPLACE.
 * - `existence-check`: under a describeTable / tableExists / showAllTables /
 *   showIndex condition on the same target (including an early return).
 * - `catch-expected`: inside a try/catch (or `.catch`) that rethrows unless
 *   the error says "already exists" / "does not exist" or carries one of the
 *   matching SQLSTATE codes.
 * - `catch-all`: inside a catch that discards every error (empty catch,
 *   `.catch(() => {})`, a catch that never rethrows). A rerun does not fail,
 *   but real failures are hidden too: `no-swallowed-errors` flags it.
 */
export type GuardKind = 'idempotent' | 'sql-if-exists' | 'existence-check' | 'catch-expected' | 'catch-all';

export interface Guard {
  kind: GuardKind;
  /** 1-based line of the construct that provides the guard (try, if, ...); absent for `idempotent` and SQL guards. */
  line?: number;
  /** 1-based column of that construct. */
  column?: number;
  /** What the guard tests, e.g. "already exists", "42701", "describeTable(users).bio". */
  detail?: string;
  /**
   * For `catch-all`: the handler issues database operations of its own (the
   * fallback work, e.g. `try { await qi.describeTable(t) } catch { create t }`),
   * so a failure of the guarded reads decides what runs instead of vanishing.
   */
  fallback?: boolean;
  /**
   * The guarding construct is in the imported helper the operation comes
   * through (see `Operation.via`): `line` / `column` are that file's, not the
   * migration's. Absent when it is in the migration itself.
   */
  inHelper?: boolean;
}

/**
 * An existence check (describeTable, tableExists, showAllTables, showIndex,
 * a SELECT on the catalog, or a describeTable in a `try` whose catch does the
 * work) that an operation runs under, whatever it tests.
 */
export interface ExistenceCheck {
  /** 1-based line of the `if` / early return / try, in the file that holds it (the helper's file for operations with `via`). */
  line: number;
  /** What is probed, e.g. `tableExists(Users)`. */
  detail: string;
  /** The check tests this operation's own table, index or constraint. */
  coversTarget: boolean;
}

/** What an operation acts on. `null` means "not resolvable statically", never a guess. */
export interface Target {
  table: string | null;
  column: string | null;
  /** Schema when given explicitly (`{ tableName, schema }`, `schema.table` in SQL). */
  schema?: string | null;
  /** Index, constraint, enum type, function, trigger, view or schema name when the op names one. */
  name?: string | null;
  /** New name for renameTable / renameColumn. */
  newName?: string | null;
  /**
   * When `table` could not be resolved: the expression it comes from, as written
   * (`ConnectedUser.NAME`), so that two steps on the same unresolved table can
   * still be matched. Never used as a name in messages.
   */
  tableExpression?: string;
  /** Likewise for an unresolved `column`. */
  columnExpression?: string;
}

export interface SourceLocation {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  /** 1-based, exclusive. */
  endColumn: number;
}

/** One database operation issued by `up` or `down`. */
export interface Operation {
  phase: Phase;
  op: OpKind;
  target: Target;
  /** True when `guard` is set (any kind, `catch-all` included). */
  guarded: boolean;
  guard: Guard | null;
  /** The call passes `{ transaction }` of a transaction the migration opened. */
  inTransaction: boolean;
  /**
   * The call is lexically inside a managed transaction callback
   * (`sequelize.transaction(async (t) => ...)`). Without `{ transaction: t }`
   * it still runs outside the transaction.
   */
  inTransactionCallback: boolean;
  /** Under an `if`, `? :`, `&&`, `||`, or after an early return: may not run. */
  conditional: boolean;
  /**
   * Issued inside a loop (for, while, `.map`, `.forEach`) whose iterations could
   * not all be unrolled: it may run any number of times, zero included. Loops
   * over constant arrays are unrolled instead (one operation per element).
   */
  inLoop: boolean;
  /** The promise is neither awaited, returned, nor collected (a floating promise). */
  floating: boolean;
  /** Something about this operation could not be resolved; see `unresolvedReason`. */
  unresolved: boolean;
  unresolvedReason?: string;
  /** The call's statically known options (type, allowNull, defaultValue, unique, concurrently, where, ...). */
  options: Record<string, JsonValue>;
  /** For createTable: the attribute definitions, by column name (null when not static). */
  columns?: Record<string, Record<string, JsonValue>> | null;
  /** For addIndex / createIndex: the indexed fields. */
  fields?: (string | null)[] | null;
  /** Present and true when the operation comes from raw SQL. */
  sql?: true;
  /** The statement text (for raw SQL operations), holes shown as placeholders. */
  statement?: string;
  /** Set when the SQL did not parse: the parser's message. */
  sqlError?: string;
  /**
   * The SQL was not given to the PostgreSQL parser because it runs on another
   * dialect (a MySQL, MariaDB or SQLite project, or a branch for one): `op`
   * and `target` come from the leading keywords only (DROP TABLE, ALTER
   * TABLE ... DROP COLUMN, DELETE, UPDATE, TRUNCATE), anything else is `sql`.
   */
  sqlNotParsed?: true;
  /**
   * The operation sits under a condition on the dialect
   * (`if (queryInterface.sequelize.getDialect() === 'sqlite')`, `isSQLite(...)`,
   * `switch (dialect)`): the dialects it runs on. Absent when no such
   * condition applies. Rules ask `opRunsOn(project, op)`.
   */
  dialects?: Dialect[];
  loc: SourceLocation;
  /** The callee as written, e.g. `queryInterface.addColumn` (for messages). */
  callee: string;
  /** For operations issued by an imported helper: where its function is, `file:line`. */
  via?: string;
  /**
   * Every existence check the operation runs under, innermost first, including
   * checks of another table (`if (await qi.tableExists('Users')) return;` at the
   * top of a squashed baseline) and checks outside an inner catch (`guard` keeps
   * only the innermost guard). Absent when there is none.
   */
  existenceChecks?: ExistenceCheck[];
}

export type MigrationStatus = 'ok' | 'not-a-migration' | 'parse-error' | 'unreadable';

/** Where up/down are and how they look. */
export interface MigrationFunction {
  /** The function exists. */
  present: boolean;
  /** Body does nothing: empty, bare return, only logging. */
  empty: boolean;
  /** Body throws unconditionally (deliberate "irreversible" marker). */
  throws: boolean;
  /** Whole body runs in one managed transaction, every step passing it. */
  wrappedInTransaction: boolean;
  loc: SourceLocation | null;
}

export interface Migration {
  /** Project-relative POSIX path. */
  file: string;
  /** Base file name, which the runner records in SequelizeMeta. */
  name: string;
  /** Position in run order (plain string sort of `name`), from 0. */
  index: number;
  status: MigrationStatus;
  up: Operation[];
  down: Operation[];
  upFunction: MigrationFunction;
  downFunction: MigrationFunction;
  /** For parse errors and unreadable files. */
  error?: { message: string; line: number; column: number };
  /** Why the file is not a migration, when status is `not-a-migration`. */
  notMigrationReason?: string;
  /** The engine itself failed on this file (a bug of ours, reported as such). */
  analysisError?: boolean;
  /** The text contains `migralint-disable` (a suppression comment): only such files are read again for them. */
  hasSuppressions?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** A rule id, or `parse-error`. */
  rule: string;
  severity: Severity;
  /** Project-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  messageId?: string;
  data?: Record<string, string>;
  target?: Target;
  docsUrl?: string;
}

/** Database dialects Sequelize supports, as written in a config's `dialect` or a URL scheme. */
export type Dialect = 'postgres' | 'mysql' | 'mariadb' | 'sqlite' | 'mssql' | 'db2' | 'snowflake' | 'oracle';

/**
 * Which dialect(s) the project's migrations run on, from the database config
 * (`dialect` per environment, `use_env_variable` / URL schemes). Empty
 * `dialects` means not known statically: rules then assume PostgreSQL and say so.
 */
export interface DialectInfo {
  dialects: Dialect[];
  /** `file:line` that decides, or null when unknown. */
  source: string | null;
}

/** A place in a project file that proves a fact, for messages and the report. */
export interface Evidence {
  file: string;
  line: number;
  text: string;
}

/**
 * How the project runs its migrations: which files, in what order, in which
 * transaction, and whether a `down` can ever run. Read statically from
 * `.sequelizerc`, package.json scripts, umzug constructors and custom runners.
 */
export interface RunnerInfo {
  kind: 'sequelize-cli' | 'umzug' | 'custom';
  /** Where the runner is defined or invoked; null when assumed (sequelize-cli by default). */
  evidence: Evidence | null;
  /** Folders the runner loads migrations from, project-relative POSIX. */
  migrationsDirs: string[];
  /** Which files of those folders it loads. */
  filter: {
    extensions: string[];
    /** A name pattern (regular expression source) the runner applies, when it has one. */
    pattern: string | null;
    /** Sub-folders are read too (an umzug glob with `**`). */
    recursive: boolean;
  };
  /** `name`: the plain string sort of file names (sequelize-cli, umzug); `custom`: the runner sorts its own way. */
  order: 'name' | 'custom';
  /**
   * `per-migration`: the runner runs each migration inside a transaction it
   * opens (atomic on PostgreSQL and SQLite; on MySQL only the data steps are);
   * `none`: it does not (sequelize-cli); `unknown`: not readable statically.
   */
  transaction: 'per-migration' | 'none' | 'unknown';
  transactionEvidence?: Evidence;
  /**
   * Whether any npm script or runner entry point can run a `down`: `no` when
   * the runner only ever calls `up` (umzug `up()` at application start, no CLI).
   */
  downRunnable: 'yes' | 'no' | 'unknown';
  downEvidence?: Evidence;
  /**
   * What happens when a migration throws: `stops` (the run ends with the error and the
   * migration is not recorded: the next run starts it again), `continues` (the runner's
   * caller catches it, logs and goes on: the application starts on a half-migrated
   * database), `unknown`.
   */
  onError: 'stops' | 'continues' | 'unknown';
  onErrorEvidence?: Evidence;
  /** A squashed baseline: on a fresh database, migrations sorting before it are marked done without running. */
  baseline: { migration: string; evidence: Evidence } | null;
  /** Where applied migrations are recorded (`SequelizeMeta`, a custom table). */
  storage: string | null;
  /** Notes about how the runner was found (a compiled folder replaced by its source, ...). */
  notes: string[];
}

export interface ProjectInfo {
  /** As given on the command line. */
  root: string;
  /** Absolute root, used to read files; not serialized. */
  absRoot: string;
  framework: 'sequelize';
  migrationsDir: string;
  modelsDir: string | null;
  configFile: string | null;
  /** Where the layout came from. */
  layoutSource: '.sequelizerc' | 'default' | 'option' | 'runner' | 'search';
  /** How the migrations are run; absent where the runner was not read (older callers). */
  runner?: RunnerInfo;
  /**
   * When the project has several migration sets (one folder per database), all of
   * their folders; each set is analyzed on its own. Absent for a single set.
   */
  migrationSets?: string[];
}

export interface ProjectModel {
  project: ProjectInfo;
  migrations: Migration[];
  /** The dialect(s) the migrations run on; absent when not analyzed. */
  dialect?: DialectInfo;
  /** The database config file read statically; null when there is none, absent when not analyzed. */
  dbConfig?: DbConfigAnalysis | null;
  /** The application's models, read statically from `project.modelsDir`; absent when not read. */
  models?: ModelsAnalysis;
  /**
   * How the project builds database schemas outside migrations, when it does:
   * an npm script that runs `sequelize.sync()`. Such databases can already have
   * what a migration adds. Null when no script does; absent when not analyzed.
   */
  schemaSync?: { script: string; evidence: string } | null;
  /** npm scripts that touch the database, with what each can destroy; absent when not analyzed. */
  scripts?: ScriptRisk[];
  /**
   * The migration file names that already exist on the base branch
   * (`--changed-since <ref>`): what has run, or will run first, on shared databases.
   */
  baseMigrations?: { ref: string; names: string[] };
}
