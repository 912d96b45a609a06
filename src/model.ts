/**
 * The intermediate model: what extraction produces and what rules consume.
 *
 * Rules never look at ESTree. Everything they need to know about a migration
 * is here; when a rule needs a new fact, the extractor learns it.
 *
 * This is the core layer (see .dependency-cruiser.cjs): it imports nothing
 * else of migralint, so the facts every reader produces (migrations, database
 * config, models, npm scripts) are declared here, not beside their reader.
 */

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
 *   showIndex / catalog-query condition on the same target (including an
 *   early return, and a local function that runs the check and returns a
 *   boolean); for an insert, under a SELECT of the same table that found none
 *   of its rows (by a key the rows hold).
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
  /**
   * For `existence-check`: a catch that discards every error encloses the check and the step
   * (`try { if (!exists) await step } catch { log }`): where that catch is (1-based line, column).
   */
  caughtAt?: { line: number; column: number };
  /**
   * For `catch-all`: the step belongs to a function that ends only when it calls its callback (`up(qi, Sequelize,
   * done)`, a `new Promise` executor's `resolve`), and the catch never calls it: a failure leaves the migration waiting
   * forever (the command hangs with the error printed), it is not recorded as done. The callback's name.
   */
  hangs?: string;
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
  /** Likewise for an unresolved `name` (a schema named by a template over a value read at run time), as written in the call. */
  nameExpression?: string;
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

/** Offsets `[start, end)` into the text a migration was extracted from (UTF-16 units, as ESTree's `range`). */
export type TextRange = [number, number];

/**
 * How an operation's call is written in its migration file: the facts a
 * rewrite of that call needs (the rules' suggestions), as offsets into the
 * file's text. Only for calls written in the migration file itself.
 */
export interface CallSyntax {
  /** The whole call expression. */
  range: TextRange;
  /** `addColumn` in `queryInterface.addColumn(...)` (a computed literal key too); null for a plain function call. */
  method: string | null;
  /** `queryInterface` in `queryInterface.addColumn(...)`; null when the callee is not a member expression. */
  receiver: TextRange | null;
  args: ArgumentSyntax[];
  /** The statement that consists of the call alone (`await call;` / `call;`) directly in a block; null otherwise. */
  statement: TextRange | null;
  /** The innermost function around the call is `async`. */
  inAsyncFunction: boolean;
  /** The call heads a longer call chain (`queryInterface.addIndex(...).catch(...)`): its promise is handled there. */
  chained: boolean;
}

/** One argument of a call as written. */
export interface ArgumentSyntax {
  range: TextRange;
  /** `...args`. */
  spread?: true;
  /** Present for an object literal: its members in order. */
  properties?: PropertySyntax[];
}

/**
 * A member of an object literal: `key` is the name of a `name: value`,
 * shorthand or method member (null for a computed or quoted key); a spread
 * (`...rest`) has no key and no value.
 */
export type PropertySyntax = { kind: 'property'; key: string | null; value: TextRange } | { kind: 'spread' };

/** How `up` or `down` is written, for rewrites of its body. Only for a function written in the migration file itself. */
export interface FunctionSyntax {
  range: TextRange;
  async: boolean;
  /** The block body; null for an expression body (`async (qi) => qi.addColumn(...)`). */
  body: TextRange | null;
  /** Where the first statement of the block body starts; null when the block is empty. */
  firstStatement: number | null;
  /**
   * The name the function receives the queryInterface under: its first
   * parameter (`queryInterface`, `qi`), or the local name of umzug's
   * `{ context }` / `{ context: queryInterface }`. Null for any other shape.
   */
  receiver: string | null;
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
  /** Which transaction of the migration (numbered in the order they are opened), when known: steps of one commit or roll back together. */
  transaction?: number;
  /**
   * The call is lexically inside a managed transaction callback
   * (`sequelize.transaction(async (t) => ...)`). Without `{ transaction: t }`
   * it still runs outside the transaction.
   */
  inTransactionCallback: boolean;
  /** Which managed transaction callback (the number of its transaction) the call is inside, innermost; absent outside any. */
  transactionCallback?: number;
  /**
   * The call passes the migration's transaction only in an argument Sequelize
   * does not read it from (`transaction` inside the column attributes of
   * addColumn / changeColumn / createTable, instead of the options argument):
   * it runs outside that transaction. `inTransaction` is true for it all the same; `transaction` is not set
   * (it is not one of that transaction's steps), `transactionCallback` is.
   */
  transactionMisplaced?: true;
  /** Under an `if`, `? :`, `&&`, `||`, or after an early return: may not run. */
  conditional: boolean;
  /**
   * The arms of `if ... else` statements the call is in, innermost last (`'3:then'`, `'3:else'`; numbered per
   * file): two calls in different arms of one statement never both run (`exclusive`, src/rules/operations.ts).
   */
  arms?: string[];
  /**
   * The call runs only outside production: under an `if` whose test compares the environment to a developer's one
   * (`process.env.NODE_ENV === 'development'`, `config.get('env') === 'test'`, `NODE_ENV !== 'production'`, or the
   * `else` of `=== 'production'`). The test, as written.
   */
  outsideProduction?: string;
  /**
   * Issued inside a loop (for, while, `.map`, `.forEach`) whose iterations could
   * not all be unrolled: it may run any number of times, zero included. Loops
   * over constant arrays are unrolled instead (one operation per element).
   */
  inLoop: boolean;
  /** The promise is neither awaited, returned, nor collected (a floating promise). */
  floating: boolean;
  /**
   * With `floating`: the call itself is a statement nobody awaits
   * (`queryInterface.addColumn(...);`), made where it is written, rather than a
   * call inside a function nobody waits for (an async `forEach` callback, a
   * helper called without `await`), which may only start after other calls.
   */
  floatingCall?: true;
  /** With `floating`: the step floats because the `sequelize.transaction(...)` call around it is not awaited. */
  floatsWithTransaction?: true;
  /** The step runs in the callback of a timer (`setTimeout(fn, 100, queryInterface)`): which, and the line of its call. */
  inTimer?: { call: string; line: number };
  /**
   * The call is one of several run at once (an element of `Promise.all([...])`, a call of a Bluebird `map`): its
   * statement may go out on a connection of its own, while another step still runs.
   */
  concurrent?: true;
  /**
   * With `concurrent`: the `Promise.all` lists the call is in, outermost first, each as `list:element` (the list's
   * number in the file, the element's index in it, `?` when the list is not written out, as `items.map(...)`). Two
   * calls race when, at the first list where they differ, it is the same list and two known elements: neither waits
   * for the other, and their statements may go out on two pool connections in either order.
   */
  race?: string[];
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
  /** With `sqlError`: the query's options or replacements are not static, so the text sent is not the one parsed. */
  sqlParamsUnknown?: true;
  /**
   * Raw SQL: the query string holds several statements, which PostgreSQL
   * runs as one implicit transaction (a statement that cannot run in a
   * transaction block fails there).
   */
  multiStatement?: true;
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
  /**
   * The dialect condition above the operation tests a misspelled option
   * (`sequelize.options.dialog === 'postgres'`), always undefined: `never`, the
   * operation never runs (its `dialects` are empty); `always`, it runs on every
   * dialect, the one the test meant to exclude included.
   */
  dialectTypo?: { expression: string; property: string; line: number; column: number; runs: 'never' | 'always' };
  loc: SourceLocation;
  /**
   * Attributes migralint could not read that come whole from a project module (`createTable(T, UserSchema)` with
   * `UserSchema` imported from `../models/user`): that module's path and the name, so two steps given the same object
   * are known to be alike. Kept in memory only (never in a report).
   */
  attributesOrigin?: string;
  /**
   * An `unresolved` step that is Sequelize's `sync()` of the application's models (`sequelize.sync(options)` on the
   * instance, `queryInterface.sequelize.sync()`, `db.User.sync()`): `model` names the one model it syncs, absent for
   * every model of the instance; `force` / `alter` as the options say (null when not known statically). `force` drops
   * each table first (DROP TABLE IF EXISTS ... CASCADE) and creates it empty. `byKey`: the model is named only by the
   * key of the module that holds it (`roles.roles.sync()`, a lower-case name an instance could have too): a sync of
   * a model only where the project defines a model of that name (`syncedModel`).
   */
  modelSync?: { model?: string; force: boolean | null; alter: boolean | null; byKey?: true };
  /** The callee as written, e.g. `queryInterface.addColumn` (for messages). */
  callee: string;
  /** For operations issued by an imported helper: where its function is, `file:line`. */
  via?: string;
  /** How the call is written, when it is written in the migration file itself (not in an imported helper). */
  syntax?: CallSyntax;
  /**
   * Issued by the handler of a try whose catch rethrows every error (`catch (e) { await cleanup(); throw e; }`), where
   * that try is (1-based line, column): it runs only after a step of the try failed, and the migration fails all the
   * same. Absent otherwise.
   */
  compensation?: { line: number; column: number };
  /**
   * A step of a try whose catch rethrows every error after undoing steps of the try (an operation of a kind that
   * reverses this one's kind, see `OperationFacts.reversedBy`): where that try is. A failure after this step is
   * cleaned up, as far as that handler undoes it, before the migration fails.
   */
  compensatedBy?: { line: number; column: number };
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
  /** How the function is written, when it is written in the migration file itself. */
  syntax?: FunctionSyntax;
  /**
   * The first name it reads that it does not declare although the other of `up`/`down` does (`{ transaction }` in a
   * `down` whose `transaction` is `up`'s, `Sequelize` where only `up` takes it as a parameter): at run time a
   * ReferenceError there, before the step that reads it. `nowhere`: a `down` reading a name the file declares nowhere
   * (no variable, parameter, function, class or import) that no global of Node.js has.
   */
  stranded?: { name: string; line: number; column: number; nowhere?: true };
  /**
   * The function is not `async`, takes no `done` callback, and returns no promise: `nothing` (no return, or returns
   * without a value), or an `array` of promises. umzug, sequelize-cli's runner, then fails the migration with "didn't
   * return a promise" after its calls have started (measured: test/semantics/umzug-promise.test.ts).
   */
  noPromise?: 'nothing' | 'array';
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
  /**
   * With `not-a-migration`: what the file exports is computed by code migralint does not follow (`module.exports =
   * helper.createTable(...)` with `helper` from a path alias or a package), so whether it is a migration is not known.
   */
  exportsUnread?: true;
  /** The engine itself failed on this file (a bug of ours, reported as such). */
  analysisError?: boolean;
  /** The file exceeded a bound on the work spent on it (src/limits.ts): not read or not fully analyzed, an `analysis-limit` finding. */
  analysisLimit?: boolean;
  /** The text contains `migralint-disable` (a suppression comment): only such files are read again for them. */
  hasSuppressions?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

/** Severities in order, for comparing: the higher, the more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

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
  /** Rewrites the rule offers with the finding; present only when the caller asks for them (the ESLint plugin). */
  suggestions?: FindingSuggestion[];
  /** What running the migrations on a real database showed about this finding (`migralint verify`); absent otherwise. */
  verification?: FindingVerification;
}

/**
 * A finding checked on a real database by `migralint verify` (src/verify/):
 * `confirmed`, the run showed it; `not-reproduced`, the run did what the
 * finding is about and it did not happen; `not-run`, the run could not tell.
 */
export interface FindingVerification {
  status: 'confirmed' | 'not-reproduced' | 'not-run';
  /** The database it ran on: `PostgreSQL 17.5 (PGlite)`. */
  on: string;
  /** What the run saw: the error, the statement, the counts. */
  evidence: string;
}

/** One phase of a `migralint verify` run, for the report. */
export interface VerificationPhase {
  id: 'up' | 'half-applied' | 'rerun' | 'rollback' | 'models' | 'locks';
  title: string;
  status: 'passed' | 'failed' | 'not-run';
  /** Wall-clock milliseconds spent in the phase (left out of deterministic outputs by the caller when asked). */
  ms: number;
  /** One line per fact the phase established, in run order. */
  facts: string[];
}

/** What a `migralint verify` run did, beside the per-finding verifications. */
export interface VerificationRun {
  on: string;
  /** Migrations in run order and how many applied. */
  migrations: number;
  applied: number;
  phases: VerificationPhase[];
}

/** Replace `range` of a file's text by `text`. */
export interface TextEdit {
  range: TextRange;
  text: string;
}

/**
 * A rewrite offered with a finding. It changes what runs against the
 * database, so a person applies it (an editor's quick fix), never `--fix`.
 */
export interface FindingSuggestion {
  /** What the rewrite does, one line. */
  desc: string;
  /** Set when the rule words the suggestion with one of its messages (`desc` is that message, filled). */
  messageId?: string;
  data?: Record<string, string>;
  /**
   * The edit, computed from the text of the finding's file (the text its
   * migration was extracted from); null when no mechanical rewrite fits it.
   */
  fix(source: string): TextEdit | null;
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
    /**
     * Glob patterns of files the runner skips, relative to the migrations folder (umzug 3's `glob: ['*.ts', { ignore:
     * ['**​/cli.ts'] }]`). Absent when it skips none.
     */
    ignore?: string[];
    /**
     * The runner runs exactly these migrations, in this order: the file names without their extension, as a
     * module of the folder lists them (`export const migrations = [m0_24_12, ...]` over `import * as m0_24_12
     * from './0.24.12.js'`). Absent when the runner loads what it finds in the folder.
     */
    list?: string[];
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
  /**
   * sequelize-cli is only assumed: no npm script, `.sequelizerc` or runner module names one, and the project's
   * package.json (read) declares Sequelize but neither `sequelize-cli` nor `umzug`. The folder may well be run some other way (by hand, a
   * script migralint does not read), so what only sequelize-cli would do is a guess. Also when no npm script runs
   * sequelize-cli and the project's migrate script runs a program of its own (`ownProgram`).
   */
  unconfirmed?: true;
  /** With `unconfirmed`: the npm script that migrates with a program of the project's own instead. */
  ownProgram?: Evidence;
  /**
   * The umzug the runner loads (sequelize-cli's or the project's own) is older than 2.2.0: it records an `up` / `down`
   * that returns no promise as done at once instead of refusing it ("didn't return a promise"). Where that is read.
   */
  promiseUnchecked?: Evidence;
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
  schemaSync?: {
    script: string;
    /**
     * How that script is run, as a message names it: `npm run start`, or the start command of a deployment file
     * (`Dockerfile CMD`, `Procfile web`) that is no npm script. Absent: `npm run <script>`.
     */
    run?: string;
    evidence: string;
    /** Every script that does it is a developer's (or a legacy) one: only developers' databases are built that way. */
    development: boolean;
    /**
     * The sync() alters existing tables (`alter: true`, or alter not known statically): a database that already ran
     * the application has what the models declare, new columns included. Without it, sync() creates missing tables
     * only, so only a database it built first (the application started before any migration) has them.
     */
    alters?: true;
    /** The sync() drops the columns the models lack (`alter: true` as such, not `{ drop: false }` nor a run-time alter). */
    dropsColumns?: true;
    /**
     * The application's start syncs, and nothing in the project runs the migrations (no npm script, start command,
     * workflow, pipeline or script runs `db:migrate`, and the runner is sequelize-cli): deployed databases get the
     * models' tables whole from sync(), not from the migrations.
     */
    migrationsUnrun?: true;
  } | null;
  /**
   * For each table a `down` empties after its own `up` seeded it (no-destructive-down's `unseedsAll`), and each table
   * an `up` adds a column to or inserts rows into, by the replay's
   * table key: the first module of the application that writes rows into it (its model's `create`, `bulkCreate`,
   * `upsert`, `findOrCreate`, `build`, `new`, or SQL `INSERT INTO`), or null when none does. No entry when it cannot be
   * told: no model maps the table, one is a belongsToMany join model (written through the association), or there is no
   * application code beside the models.
   */
  tableWriters?: Map<string, string | null>;
  /**
   * The project's committed SQL files that create tables (a schema dump, a `schema.sql`), with the tables each creates
   * (src/models/schema-files.ts); read where there are models to compare. Absent when not read.
   */
  schemaFiles?: { file: string; creates: Map<string, number> }[];
  /** npm scripts that touch the database, with what each can destroy; absent when not analyzed. */
  scripts?: ScriptRisk[];
  /**
   * The migration file names that already exist on the base branch
   * (`--changed-since <ref>`): what has run, or will run first, on shared databases.
   */
  baseMigrations?: { ref: string; names: string[] };
  /**
   * The production PostgreSQL major version (config file `postgresVersion`):
   * the version-dependent rules read it unless their own `postgresVersion`
   * option says otherwise. Absent: each rule's default.
   */
  postgresVersion?: number;
}

// ---- The database config, read statically by src/config/ ----

/**
 * Where a connection setting comes from.
 *
 * - `env`: read from the environment (`process.env.X`, an alias of
 *   `process.env`, a name destructured from it, `use_env_variable`).
 * - `literal`: written in the file.
 * - `literal-fallback`: read from the environment (or from something
 *   unknown), with a value written in the file used when that is unset or
 *   empty (`process.env.DB_PASSWORD || 'postgres'`), or a literal on one
 *   branch of a condition. The literal is in the repository all the same.
 * - `unknown`: an expression migralint cannot see through (an imported
 *   secrets module, a function call).
 * - `absent`: the environment object has no such key.
 */
export type ConfigValueSource = 'env' | 'literal' | 'literal-fallback' | 'unknown' | 'absent';

/** One connection setting of an environment (host, port, database, username, password, dialect, url). */
export interface ConfigField {
  source: ConfigValueSource;
  /** The environment variable read, when `source` is `env` or `literal-fallback` and its name is static. */
  envVar?: string;
  /**
   * The literal (or the literal fallback), for settings that are not secrets.
   * Never set for `password` and for a `url` that carries a password.
   */
  value?: string | number;
  /** For a setting that is not a secret and whose source is `unknown`: the expression as written (`keys.DB_HOST`), at most 60 characters. */
  expression?: string;
  /** The literal is `''`, `null` or `undefined`: nothing is written (no password). */
  empty?: true;
  /** The literal is a placeholder to fill in (`your_db_password`, `<password>`, `changeme`), not a value anyone uses. */
  placeholder?: true;
  /**
   * The literal is a database's stock default password (`postgres`, `root`, `password`, `mysql`): known to everyone
   * already, so writing it reveals nothing; the risk is a deploy that connects with it, a misconfiguration.
   */
  stockDefault?: true;
  /**
   * The password (or the `url`'s password) is the one a Compose file of the project gives its database container
   * (`POSTGRES_PASSWORD`, `MYSQL_ROOT_PASSWORD`): where that file sets it. A local container's, public already.
   */
  localContainerPassword?: { file: string; line: number };
  /**
   * For `host` and `url` read from a variable: the hosts the project's Compose files (and the env files they load)
   * give that variable (for a URL, its host only), where. Absent when none does.
   */
  composeHosts?: { host: string; file: string; line: number }[];
  /** For `url`: the literal URL carries a password (`postgres://user:secret@host/db`). */
  passwordInUrl?: true;
  /** For `url`: the host the literal URL (or its literal fallback) names; not a secret. */
  urlHost?: string;
  /** For `url`: `use_env_variable` names the variable instead of a `url` key. */
  via?: 'url' | 'use_env_variable';
  /**
   * The other environments of the file whose same setting is written with the
   * same literal (both literals, or both literal fallbacks; for a `url` carrying
   * a password, the same password), in file order. Lets a rule report one
   * secret once without the model keeping it. Absent when no other does.
   */
  sameValueIn?: string[];
  /** The property (key to value); null when absent. */
  loc: SourceLocation | null;
}

/**
 * SSL of an environment, as the `pg` driver receives it.
 *
 * Sequelize 6's postgres dialect passes only `dialectOptions.ssl` to `pg`;
 * a top-level `ssl` option is not passed on (see `read-db-config.ts`).
 */
export interface SslSetting {
  /** `pg` requests TLS. `unknown` when it depends on the environment or on code migralint cannot read. */
  enabled: boolean | 'unknown';
  /**
   * The server certificate is verified. `default`: not set, so Node's TLS
   * default applies (verified).
   */
  rejectUnauthorized: boolean | 'unknown' | 'default';
  /** Where SSL is decided: `dialectOptions.ssl`, the literal `url` (`sslmode`, `ssl`), a top-level `ssl`, or nowhere. */
  source: 'dialectOptions.ssl' | 'url' | 'ssl' | 'absent';
  /** The setting that decides; null when absent. */
  loc: SourceLocation | null;
  /** The `rejectUnauthorized` property (or the `url` carrying `sslmode=no-verify`). */
  rejectUnauthorizedLoc?: SourceLocation;
  /** `ssl: true` at the top level of a postgres environment: Sequelize does not pass it to the driver. */
  topLevelIgnored?: true;
}

/**
 * Whether Sequelize logs SQL statements: `on` (console.log, a function,
 * `true`, any other truthy value), `off` (`false`, `null`), `unknown`
 * (depends on the environment or on code), `default` (no `logging` key:
 * Sequelize then logs every statement with console.log).
 */
export type LoggingSetting = 'on' | 'off' | 'unknown' | 'default';

/** One environment of the config file (`development`, `production`...). */
export interface DbEnvironment {
  name: string;
  /** The environment's key (or the export, for a flat config). */
  loc: SourceLocation;
  /**
   * Where every setting of the environment's object is written, as one key: environments that are one object (`staging:
   * common, production: common`) share it. Absent when the object is not read in full.
   */
  sameObjectAs?: string;
  /**
   * The file has no per-environment keys: sequelize-cli then uses the whole
   * export whatever NODE_ENV is, production included.
   */
  flat?: true;
  /** The environment's value is not an object migralint can read: every setting is `unknown`. */
  opaque?: true;
  dialect: ConfigField;
  host: ConfigField;
  port: ConfigField;
  database: ConfigField;
  username: ConfigField;
  password: ConfigField;
  /** `url`, or `use_env_variable` (then `via` says so). */
  url: ConfigField;
  ssl: SslSetting;
  logging: LoggingSetting;
  /** Where `logging` is set; null when absent. */
  loggingLoc: SourceLocation | null;
  /** How `logging` is written, for messages: `console.log`, `true`, `a function`... */
  loggingText?: string;
  /** The statically known pool options, `{ "$expr": ... }` for the others; null when absent. */
  pool: JsonValue | null;
  /**
   * The environment as JSON for the report. Environment reads are written
   * `{ "$env": "NAME" }` (with `"$fallback"`), expressions `{ "$expr": ... }`,
   * and passwords never appear: `"<redacted>"`.
   */
  raw: JsonValue;
}

export interface DbConfigError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * How the project's own files choose the config environment at run time (`NODE_ENV`, `--env`), read as text, never
 * run (src/config/environment-selection.ts). Test code is left out: it never says how the project is deployed.
 */
export interface EnvironmentSelection {
  /**
   * Every environment name a file sets `NODE_ENV` to, passes as `--env`, falls back to (`NODE_ENV || 'production'`) or
   * reads from the config by name (`config.production`), in path order. `deploy`: written where the application is
   * started (a Compose file, a Dockerfile, the committed `.env`, deployment manifests, the `start` script, an assignment
   * to `process.env.NODE_ENV` in the application's code).
   */
  values: { value: string; file: string; line: number; deploy: boolean }[];
  /**
   * The first place that leaves the choice to the deployment: a value not written out (`NODE_ENV=${APP_ENV}`), or the
   * file of a platform that sets `NODE_ENV=production` itself (a Procfile, `app.yaml`, `vercel.json`); null when none.
   */
  open: { file: string; line: number; why: string } | null;
  /**
   * The first sign that the project is deployed somewhere: a platform file, a Compose file or Dockerfile not named for
   * development, a deployment manifest, a pm2 ecosystem file, a CI workflow that deploys, an npm script under a process
   * manager, NODE_ENV set to a deployed environment where the application starts, or such a file in a folder above the
   * project (up to the repository's root). Null when nothing says the project runs anywhere but a developer's machine.
   */
  deployment: { file: string; line: number; why: string } | null;
}

/** What migralint read, statically, from the Sequelize database config file. */
export interface DbConfigAnalysis {
  /** Project-relative POSIX path. */
  file: string;
  format: 'json' | 'js';
  /** In file order. Empty when the file could not be read or its export could not be resolved. */
  environments: DbEnvironment[];
  /** Read and parse errors: the file is not (fully) analyzed, and sequelize-cli fails on it too. */
  errors: DbConfigError[];
  /**
   * Part of the export could not be resolved (a spread of an import, a
   * computed key, a value built by a function): environments may be missing.
   */
  partial: boolean;
  /**
   * The Sequelize instances the application builds itself (`new Sequelize(...)`
   * in its own code, tests and migrations left out), and how each uses this
   * file. Absent when not looked for. When none takes its options from this
   * file, only sequelize-cli connects with them: the CLI fills a missing
   * `logging` with its own `logMigrator`, which prints no SQL.
   */
  appConnections?: AppConnection[];
  /** How the project's files choose among the environments; absent when not looked for. */
  selection?: EnvironmentSelection;
}

/** A `new Sequelize(...)` in the application's own code. */
export interface AppConnection {
  /** Project-relative POSIX path. */
  file: string;
  /** 1-based line of the `new Sequelize(...)`. */
  line: number;
  /** The expression as written, whitespace folded (shortened). */
  text: string;
  /** The dialect its options or URL name; empty when not static. */
  dialects: Dialect[];
  /**
   * How it uses the database config file: `options`, it passes the config's
   * options (logging, SSL) as they are; `overrides-logging`, it passes them
   * but sets `logging` itself; `server`, it takes the server from the file (the
   * `host` of its options, or the URL of `new Sequelize(url, options)`) with
   * options of its own that set no SSL (no `ssl`, no `dialectOptions.ssl`), so it
   * connects to the file's database without SSL whatever the file says about SSL
   * or logging; `values`, it reads values from the file (database name,
   * credentials; the host with SSL set itself, or with a URL read from the
   * environment first, whose query can turn SSL on) but passes options of its own;
   * `no`, it does not read the file; `unknown`, its options come from code
   * migralint cannot read (`getConfig()`).
   */
  usesConfig: 'options' | 'overrides-logging' | 'server' | 'values' | 'no' | 'unknown';
  /**
   * It connects to a URL read at run time (`new Sequelize(settings.get('databaseUrl'), { logging })`) and its
   * options name no dialect: the URL's scheme picks the dialect, whatever the code says elsewhere.
   */
  urlAtRunTime?: true;
}

// ---- The application's models, read statically by src/models/ ----

/**
 * What migralint knows about the application's Sequelize models, read
 * statically from the models folder (never executed).
 */

/** How a model is declared. */
export type ModelStyle =
  /** `sequelize.define('User', attributes, options)` */
  | 'define'
  /** `class User extends Model {}` + `User.init(attributes, { sequelize })`, or `super.init(...)` in a static method */
  | 'init'
  /** sequelize-typescript: `@Table(...) class User extends Model { @Column name: string }` */
  | 'decorators';

/** One attribute the model declares. */
export interface ModelAttribute {
  /** The attribute name the application uses (`linkedinUrl`). */
  name: string;
  /** The column it reads and writes: `field`, else the name (underscored when the model is `underscored`). */
  column: string;
  /** The data type as written, without the `DataTypes.` prefix (`STRING(20)`, `ENUM('a', 'b')`); null when not static. */
  type: string | null;
  /** `allowNull` as declared; Sequelize's default is true (false for a primary key). */
  allowNull: boolean;
  primaryKey: boolean;
  /** `DataTypes.VIRTUAL`: no column behind it. */
  virtual: boolean;
  /** Declares a `defaultValue` (or `@Default`): Sequelize fills it in on the model's own inserts. */
  hasDefault?: true;
  /** `allowNull: true` (or `@AllowNull(true)`) written out, not Sequelize's default: the model says the column takes NULL. */
  nullableDeclared?: true;
  /** Where the attribute is written: its key in the attributes object, or the decorated property. */
  loc: SourceLocation;
  /**
   * Set when the attribute is declared in another file than the model: a
   * sequelize-typescript base class (`class Group extends ParanoidModel`);
   * `loc` is then in that file.
   */
  file?: string;
  /** The base class that declares it, when inherited. */
  inheritedFrom?: string;
  /**
   * The definition could not be read statically (an imported or computed
   * value): `column` is the name-derived guess and may be wrong.
   */
  unresolved?: boolean;
}

/** Why Sequelize maps a column the attributes do not list. */
export type ImpliedColumnKind = 'primaryKey' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'version' | 'foreignKey';

/**
 * A column Sequelize adds to the model on its own: `id` when no attribute is
 * a primary key, the timestamps, `deletedAt` for paranoid models, `version`,
 * and foreign keys that associations inject when the model does not declare
 * them.
 */
export interface ImpliedColumn {
  kind: ImpliedColumnKind;
  /** Attribute name Sequelize gives it (`createdAt`, `UserId`). */
  attribute: string;
  column: string;
  /** For messages: "`timestamps`, on by default", "`paranoid`", "no attribute is a primary key, so Sequelize adds `id`", "User.hasMany(Post)". */
  reason: string;
  /** Where it comes from: the option, the association call, or the model definition. */
  file: string;
  loc: SourceLocation;
  /** An option that decides whether it exists could not be read: it may not exist. */
  uncertain?: boolean;
}

/** One model. */
export interface ModelDefinition {
  /** `modelName` (the name the application uses: `models.User`); null when not static. */
  name: string | null;
  /** Resolved the way Sequelize resolves it; null when it cannot be known (see `unresolvedReason`). */
  tableName: string | null;
  /** `schema` option (model or global `define`); null means the default schema (`public`). */
  schema: string | null;
  /** The model could not be read statically; `unresolvedReason` says why. */
  unresolved: boolean;
  unresolvedReason?: string;
  /** Project-relative POSIX path. */
  file: string;
  /** The `define` / `init` call, or the decorated class. */
  loc: SourceLocation;
  style: ModelStyle;
  attributes: ModelAttribute[];
  /** False when the attributes object could not be read completely (a spread of a value migralint cannot see). */
  attributesComplete: boolean;
  timestamps: boolean;
  paranoid: boolean;
  underscored: boolean;
  freezeTableName: boolean;
  impliedColumns: ImpliedColumn[];
  /** Options that matter here (tableName, timestamps, underscored, ...) but could not be read statically. */
  unresolvedOptions: string[];
  /** Identifiers that hold the model in its file (the class, the `define` result): used to read associations. */
  bindings: string[];
  /**
   * Why the application never loads this model, when it can be shown: the
   * loader reads only the files directly in the models folder
   * (`fs.readdirSync(__dirname)`), this file is in a subfolder, and no file of
   * the folder names that subfolder.
   */
  notLoaded?: string;
  /**
   * The first file of the application's own code (outside the models folder, migrations, seeders, tests, build
   * output) that names the model in code, or null when none does (dead code). Looked for only where it decides
   * something (src/rules/model-use.ts: models whose table no migration leaves); absent otherwise.
   */
  usedBy?: string | null;
  /**
   * The model's own file syncs it as it loads (`User.sync()` at the file's top level, not in a function): whoever loads
   * the model creates its table there, and with `alter` (or `force`) its columns too. Absent when it does not.
   */
  syncsItself?: { line: number; alters: boolean };
  /**
   * Attributes the application's code takes off the model at run time (`User.removeAttribute('id')` outside the models
   * folder, on a name the model has; the model file's own are left out of the model when it is read): Sequelize then
   * neither selects nor writes them. Looked for with `usedBy`; absent when none.
   */
  removedAttributes?: string[];
  /**
   * False when the application's code only reads, updates or deletes through the model, never inserting a row (every
   * use a `findAll`, `update`, `include`...). Looked for only for a model that leaves a NOT NULL column without a
   * default unmapped, when code uses it (src/rules/model-use.ts); absent otherwise.
   */
  insertsRows?: false;
  /**
   * True when every use of the model in the application's code reads through it with the attributes listed
   * (`findAll({ attributes: ['name'] })`, `count()`, an `include` with its `attributes`): no query selects a column the
   * list leaves out, and nothing is written through it. Looked for only for a model whose table lacks a column the
   * model implies (`id`, timestamps), when code uses it (src/rules/model-use.ts); absent otherwise.
   */
  listedReadsOnly?: true;
}

export type AssociationType = 'belongsTo' | 'hasOne' | 'hasMany' | 'belongsToMany';

/** `Source.hasMany(models.Target, { foreignKey, as })` and friends. */
export interface ModelAssociation {
  type: AssociationType;
  /** Model name of the source. */
  source: string;
  /** Model name (or class name) of the target; null when not static. */
  target: string | null;
  /** `foreignKey` as given (its `name` for the object form); null when absent or not static. */
  foreignKey: string | null;
  /** `foreignKey: { field }`. */
  foreignKeyField: string | null;
  /** `as` when a static string. */
  as: string | null;
  /**
   * belongsToMany: the model (name or class name) given as `through` (`{ through: models.UserRole }`,
   * `@BelongsToMany(() => Role, () => UserRole)`, or a string naming a model of the folder, which Sequelize then uses);
   * null for a table name no model has or when absent.
   */
  through?: string | null;
  /** belongsToMany: `otherKey` as given (its `name` for the object form); absent when not given or not static. */
  otherKey?: string;
  /** The options could not be read statically. */
  unresolved: boolean;
  file: string;
  loc: SourceLocation;
}

/** What a file of the models folder turned out to be. */
export interface ModelFile {
  /** Project-relative POSIX path. */
  file: string;
  /** `models`: defines at least one model; `loader`: the index.js that loads the others; `other`: helpers, constants. */
  role: 'models' | 'loader' | 'other' | 'parse-error' | 'unreadable';
  /** Parse error or read error message. */
  error?: string;
}

/** Options of `new Sequelize(..., { define: {...} })`, which every model inherits. */
export interface GlobalDefineOptions {
  options: Record<string, JsonValue>;
  /** Where they were read. */
  file: string;
  /** The `define` object could not be read completely. */
  partial: boolean;
}

export interface ModelsAnalysis {
  /** Project-relative POSIX path of the models folder. */
  modelsDir: string;
  globalDefine: GlobalDefineOptions | null;
  models: ModelDefinition[];
  associations: ModelAssociation[];
  files: ModelFile[];
}

// ---- The npm scripts that touch the database, read statically by src/scripts/ ----

/** How much data a script step can destroy. */
export type DataLoss = 'all' | 'some' | 'none' | 'unknown';

export interface ScriptRisk {
  /** The contract fields of the JSON report (`scripts` entries). */
  name: string;
  command: string;
  dataLoss: DataLoss;
  reason: string;
  /** What the command does, one short line for the report ("Run pending migrations", "Drop and recreate all tables from the models"). */
  purpose: string;
  /** Where it belongs in the report's command tables, guessed from the name and command. */
  environment: 'development' | 'production' | 'legacy' | 'other';
  /** Safety features found on the path (countdown, production check, confirmation prompt, backup), each with file:line. */
  safeguards: string[];
  /** file:line evidence for the classification. */
  evidence: Evidence[];
  /**
   * Where the application's start runs it (not in the JSON contract): `npm start`, a Procfile process, a Compose
   * service's `command:`, a Dockerfile `CMD`; its file:line. Absent for a script someone runs by hand.
   */
  atStart?: Evidence & {
    /** The process that runs it: `start` for `npm start`, the Procfile process, Compose service or Dockerfile stage. */
    process: string;
  };
  /** It runs `sequelize-cli db:migrate:undo:all` (every `down`, newest first), at some step. */
  undoesAll?: true;
  /**
   * It runs `sequelize.sync()`: `alters` when the sync alters existing tables (`alter: true`, `{ drop: false }`, or
   * alter not known statically); `dropsColumns` when it drops the columns the models lack for certain (`alter: true`
   * as such, reached on every run); `outsideProduction` when every sync() it reaches runs only outside production
   * (`if (NODE_ENV === 'development')`, the else of a production check): only developers' databases are built so.
   */
  sync?: {
    alters?: true;
    dropsColumns?: true;
    outsideProduction?: true;
    /** With `alters`: the first sync() reached that alters, the one to cite (not in the JSON contract). */
    alteredAt?: Evidence;
  };
}
