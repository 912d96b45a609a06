/**
 * The operation table: what migralint knows about each kind of database
 * operation, in one place.
 *
 * Extraction turns a migration into operations of a few dozen kinds
 * (`OpKind`): each queryInterface builder call is one kind, and each SQL
 * statement the SQL reader classifies maps onto the same kinds (`ALTER TABLE
 * t DROP COLUMN c` is a `removeColumn`), or onto an SQL-only kind
 * (`truncate`, `createType`, ...) when no builder does it. For each kind the
 * table says:
 *
 * - `sequelize`: the Sequelize v6 call that issues it and which argument holds
 *   the table, the column, the attributes, the options and `{ transaction }`;
 * - `sql`: the SQL Sequelize sends for that call on PostgreSQL and on MySQL;
 * - `idempotent` / `secondRun` / `rerunFailure`: what a second run does;
 * - `lock`: the lock PostgreSQL takes;
 * - `destroys`: what it destroys;
 * - `reversedBy`: the kinds that undo it.
 *
 * Extraction, the schema replay, the rules, the ESLint suggestions and the
 * reporters read these facts here instead of keeping lists of their own.
 *
 * Other readers: a Knex, TypeORM or plain-SQL reader maps its own calls onto
 * the same kinds (`knex.schema.dropTable` is a `dropTable`, `table.dropColumn`
 * a `removeColumn`, a TypeORM `queryRunner.query(sql)` goes through the SQL
 * reader) and everything downstream works unchanged. The kind-level facts
 * (lock, destroys, reversal) hold for any reader; `sequelize`, `sql`,
 * `idempotent` and `secondRun` describe Sequelize's builder calls, and another
 * reader adds its own call signatures next to `sequelize` (a `knex` field, ...)
 * with its own measured SQL.
 *
 * Where the facts come from:
 * - PostgreSQL SQL, second runs and data destroyed: measured with Sequelize
 *   6.37 on PGlite (PostgreSQL 17), shared/sequelize-semantics.md and
 *   test/semantics/sequelize-semantics.test.ts. Kinds that document does not
 *   cover have `secondRun: null` (not measured) and a template read from
 *   Sequelize's PostgreSQL query generator.
 * - MySQL SQL: what Sequelize 6.37's MySQL query interface sends, recorded
 *   with a connection that only logs (no MySQL server), see
 *   test/operations/table.test.ts; `null` where Sequelize has no MySQL
 *   implementation (the call throws).
 * - Locks: measured in `pg_locks` inside a transaction on PGlite
 *   (test/operations/table.test.ts re-measures a handful).
 *
 * Templates write `{table}`, `{column}`, `{name}`, `{newName}` for the
 * operation's target, `...` for any text, and a note after ` -- `.
 */

import type { OpKind, Operation } from '../model';

/**
 * The reason (`Operation.unresolvedReason`) a step gives when its call passes nothing where the column goes
 * (`removeColumn('users')`, which Sequelize refuses), as opposed to a column argument migralint cannot read.
 */
export const NO_COLUMN_ARGUMENT = 'the call passes no column name';

/** PostgreSQL's table lock modes, weakest first (lockdefs.h order), as written in SQL. */
export const PG_LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;

export type PgLockMode = (typeof PG_LOCK_MODES)[number];

/** The lock a step takes on PostgreSQL, on the table it acts on. */
export interface PgLock {
  /** The mode on the operation's table; null when it locks no existing table (a new table, a schema, a function). */
  mode: PgLockMode | null;
  /** `table`: the target table; `every table`: each table it reaches; `unknown`: depends on the SQL. */
  on: 'table' | 'every table' | 'none' | 'unknown';
  /** What else it locks or how long, when it matters (a foreign key locks the referenced table too). */
  note?: string;
}

/**
 * What a step destroys. `table`, `column`, `rows`, `every row`, `values`,
 * `schema`, `every table` and `database` lose data; the others lose an object
 * that holds none (a type, an index, a constraint, ...), which running code
 * may still need. `column settings`: the NOT NULL and DEFAULT of a column
 * (Sequelize's changeColumn drops them unless the call restates them).
 */
export type Destroys =
  | 'nothing'
  | 'table'
  | 'every table'
  | 'column'
  | 'rows'
  | 'every row'
  | 'values'
  | 'schema'
  | 'database'
  | 'index'
  | 'constraint'
  | 'column settings'
  | 'type'
  | 'view'
  | 'function'
  | 'trigger'
  | 'sequence'
  | 'extension'
  | 'unknown';

/**
 * Argument layout of a Sequelize v6 call. Numbers are argument positions;
 * absent means the call has no such argument.
 */
export interface CallSignature {
  /** The method name (`queryInterface.<method>`, `sequelize.query`). */
  method: string;
  /** Argument holding the table name (string, `{ tableName, schema }`, or a model). */
  table?: number;
  /**
   * Argument whose `schema` (or, for describeTable, the string itself) puts
   * a table given by its plain name in that schema. Measured
   * (test/semantics/sequelize-semantics.test.ts 'a table in another schema'):
   * only createTable and describeTable read it; every other method ignores a
   * `schema` option and reaches the unqualified name.
   */
  schemaOption?: number;
  /** Argument holding the column name. */
  column?: number;
  /** Argument holding an object name (constraint, enum, schema, function, trigger). */
  name?: number;
  /** Argument holding the new name (renameTable / renameColumn / rename*). */
  newName?: number;
  /** Argument holding the attribute definition(s) (createTable's attributes, a column definition). */
  attributes?: number;
  /** Argument holding the fields (index columns) or, for removeIndex, the index name or its fields. */
  fields?: number;
  /** Argument holding the SQL text (`sequelize.query`). */
  sql?: number;
  /** Argument holding the rows (bulkInsert) or the new values (bulkUpdate). */
  values?: number;
  /** Argument holding the where (bulkDelete, bulkUpdate): null or `{}` means every row. */
  where?: number;
  /**
   * Argument holding the model instance whose `constructor` Sequelize reads before it builds any SQL (update, delete):
   * `null` there throws a TypeError and sends nothing (measured, test/semantics/null-instance-calls.test.ts).
   */
  instanceRequired?: number;
  /**
   * Options arguments: extraction keeps their static object in the
   * operation's `options` (createTable, addIndex, addConstraint, addColumn
   * and changeColumn read theirs argument by argument instead).
   */
  options?: number[];
  /**
   * The options argument Sequelize reads `transaction` from. Recorded for the
   * calls whose rewrite is checked against Sequelize's signatures
   * (test/eslint-rules/suggestions.test.ts); absent means no rewrite passes it.
   */
  transaction?: number;
  /** `addIndex(table, { fields, ... })`: the options come second when that argument is an object. */
  optionsFirstWhenObject?: boolean;
  /** A read whose result a condition can test (describeTable, tableExists, ...): an existence probe. */
  probe?: boolean;
  /**
   * Measured (test/semantics/floating-query.test.ts): the call hands its
   * statement to the connection before it returns, so on a transaction it
   * reaches PostgreSQL before any call made after it. createTable (it waits
   * for its enum check first) and renameColumn (it reads the table first) do
   * not: a later call on the same transaction can run before them. Absent:
   * not measured, or sent late.
   */
  sendsAtOnce?: true;
}

/** What the step is about. */
export type OperationFamily = 'schema' | 'data' | 'read' | 'control' | 'unknown';

/** What an operation's target names (see `Target`). */
export type OperationSubject = 'table' | 'column' | 'index' | 'constraint' | 'trigger' | 'object' | 'none';

export interface OperationFacts {
  family: OperationFamily;
  /**
   * What `target` names: a table, a column of it, an index / constraint /
   * trigger of it, or an object that is not a table (`object`: schema, type,
   * view, function, sequence, extension, database; `target.name`).
   */
  subject: OperationSubject;
  /** The Sequelize call that issues this kind; absent for SQL-only kinds. */
  sequelize?: CallSignature;
  /** The SQL Sequelize sends for the call (or the statement, for SQL-only kinds); `null` for MySQL: no implementation. */
  sql: { postgres: string; mysql: string | null };
  /**
   * Measured: the builder call's SQL has IF [NOT] EXISTS, so a second run
   * succeeds and changes nothing. Extraction marks these calls with the
   * `idempotent` guard. Raw SQL of the same kind is not: it has its own guard.
   */
  idempotent: boolean;
  /** What a second run of the builder call does, as measured; null when not measured. */
  secondRun: 'succeeds' | 'fails' | 'depends' | null;
  /**
   * What PostgreSQL answers when the step runs a second time unguarded (the
   * builder call when it is not idempotent, raw SQL otherwise); null where
   * require-idempotency-guard does not judge the kind.
   */
  rerunFailure: string | null;
  lock: PgLock;
  destroys: Destroys;
  /** Kinds that undo this one (the inverse step); empty when nothing does. */
  reversedBy: readonly OpKind[];
}

const EXCLUSIVE: PgLock = { mode: 'ACCESS EXCLUSIVE', on: 'table' };
const ROW_WRITE: PgLock = { mode: 'ROW EXCLUSIVE', on: 'table' };
const ROW_READ: PgLock = { mode: 'ACCESS SHARE', on: 'table' };
const NO_TABLE: PgLock = { mode: null, on: 'none' };
const CATALOG_READ: PgLock = { mode: null, on: 'none', note: 'reads the catalog only' };
const UNKNOWN_LOCK: PgLock = { mode: null, on: 'unknown' };

const UNRESOLVED = '... -- unknown: the call could not be followed';
const DUPLICATE_ROWS = 'duplicate key, or duplicated rows where there is no unique key';

/** The facts of a builder kind as written in the table: what is not said takes the common value. */
interface StepInit extends Partial<Pick<OperationFacts, 'idempotent' | 'secondRun' | 'rerunFailure' | 'lock' | 'destroys' | 'reversedBy'>> {
  subject: OperationSubject;
  /** The Sequelize call; absent for kinds no builder issues. */
  sequelize?: CallSignature;
  postgres: string;
  /** Absent: Sequelize has no MySQL implementation (the call throws). */
  mysql?: string;
}

/** Not idempotent, second run not measured, not judged on rerun, no table lock, destroys nothing, no inverse: unless said. */
function step(family: OperationFamily, init: StepInit): OperationFacts {
  const { postgres, mysql = null, idempotent = false, secondRun = null, rerunFailure = null, lock = NO_TABLE, destroys = 'nothing', reversedBy = [], ...rest } = init;
  return { family, ...rest, sql: { postgres, mysql }, idempotent, secondRun, rerunFailure, lock, destroys, reversedBy };
}

/** A builder call: it names its Sequelize signature. */
type BuilderInit = StepInit & { sequelize: CallSignature };

const schema = (init: BuilderInit): OperationFacts => step('schema', init);
/** A data step writes rows of its table: ROW EXCLUSIVE, as any INSERT / UPDATE / DELETE. */
const data = (init: Omit<BuilderInit, 'subject'>): OperationFacts => step('data', { subject: 'table', lock: ROW_WRITE, ...init });

/** A read through queryInterface: it changes nothing, and a condition can test its result (an existence probe). */
function read(sequelize: CallSignature, postgres: string, mysql: string, lock: PgLock = CATALOG_READ): OperationFacts {
  const subject = sequelize.table === undefined ? 'none' : sequelize.name === undefined ? 'table' : 'constraint';
  return step('read', { subject, sequelize: { ...sequelize, probe: true }, postgres, mysql, lock });
}

/** A kind that only raw SQL produces (a schema step unless said): the SQL is the statement as written. */
function sqlOnly(statement: string, init: Omit<StepInit, 'sequelize' | 'postgres' | 'mysql' | 'idempotent' | 'secondRun'> & { family?: OperationFamily }): OperationFacts {
  const { family = 'schema', ...rest } = init;
  return step(family, { ...rest, postgres: statement, mysql: statement });
}

/** Every operation kind and its facts. */
export const OPERATIONS: Readonly<Record<OpKind, OperationFacts>> = {
  // ------------------------------------------------------------ tables
  createTable: schema({
    subject: 'table',
    sequelize: { method: 'createTable', table: 0, schemaOption: 2, attributes: 1, options: [2], transaction: 2 },
    postgres: 'CREATE TABLE IF NOT EXISTS "{table}" (...); -- ENUM types first, each in a DO ... EXCEPTION WHEN duplicate_object block',
    mysql: 'CREATE TABLE IF NOT EXISTS `{table}` (...) ENGINE=InnoDB;',
    idempotent: true,
    secondRun: 'succeeds',
    rerunFailure: 'relation already exists',
    lock: { mode: null, on: 'none', note: 'a new table; a foreign key takes SHARE ROW EXCLUSIVE on the table it references' },
    reversedBy: ['dropTable'],
  }),
  dropTable: schema({
    subject: 'table',
    sequelize: { method: 'dropTable', table: 0, options: [1], transaction: 1, sendsAtOnce: true },
    postgres: 'DROP TABLE IF EXISTS "{table}";',
    mysql: 'DROP TABLE IF EXISTS `{table}`;',
    idempotent: true,
    secondRun: 'succeeds',
    rerunFailure: 'table does not exist',
    lock: EXCLUSIVE,
    destroys: 'table',
    reversedBy: ['createTable'],
  }),
  dropAllTables: schema({
    subject: 'none',
    sequelize: { method: 'dropAllTables', options: [0] },
    postgres: 'DROP TABLE IF EXISTS "{table}" CASCADE; -- for every table of the schema',
    mysql: 'DROP TABLE IF EXISTS `{table}`; -- for every table, after reading its foreign keys',
    idempotent: true,
    secondRun: 'succeeds',
    lock: { mode: 'ACCESS EXCLUSIVE', on: 'every table' },
    destroys: 'every table',
  }),
  renameTable: schema({
    subject: 'table',
    sequelize: { method: 'renameTable', table: 0, newName: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'ALTER TABLE "{table}" RENAME TO "{newName}";',
    mysql: 'ALTER TABLE `{table}` RENAME TO `{newName}`;',
    secondRun: 'fails',
    rerunFailure: 'relation does not exist',
    lock: EXCLUSIVE,
    reversedBy: ['renameTable'],
  }),

  // ------------------------------------------------------------ columns
  addColumn: schema({
    subject: 'column',
    sequelize: { method: 'addColumn', table: 0, column: 1, attributes: 2, options: [3], transaction: 3, sendsAtOnce: true },
    postgres: 'ALTER TABLE "public"."{table}" ADD COLUMN "{column}" ...;',
    mysql: 'ALTER TABLE `{table}` ADD `{column}` ...;',
    secondRun: 'fails',
    rerunFailure: 'column already exists',
    lock: EXCLUSIVE,
    reversedBy: ['removeColumn'],
  }),
  removeColumn: schema({
    subject: 'column',
    sequelize: { method: 'removeColumn', table: 0, column: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'ALTER TABLE "public"."{table}" DROP COLUMN "{column}";',
    mysql: 'ALTER TABLE `{table}` DROP `{column}`; -- after reading (and dropping) the foreign keys that use it',
    secondRun: 'fails',
    rerunFailure: 'column does not exist',
    lock: EXCLUSIVE,
    destroys: 'column',
    reversedBy: ['addColumn'],
  }),
  changeColumn: schema({
    subject: 'column',
    sequelize: { method: 'changeColumn', table: 0, column: 1, attributes: 2, options: [3], transaction: 3, sendsAtOnce: true },
    postgres:
      'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP NOT NULL;ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT;ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE ...; -- SET NOT NULL / SET DEFAULT instead when the call restates them',
    mysql: 'ALTER TABLE `{table}` CHANGE `{column}` `{column}` ...; -- the whole definition: what the call leaves out is lost',
    secondRun: 'succeeds',
    lock: { mode: 'ACCESS EXCLUSIVE', on: 'table', note: 'a type change without a binary-compatible cast rewrites the table under it' },
    destroys: 'column settings',
    reversedBy: ['changeColumn'],
  }),
  renameColumn: schema({
    subject: 'column',
    sequelize: { method: 'renameColumn', table: 0, column: 1, newName: 2, options: [3], transaction: 3 },
    postgres: 'ALTER TABLE "{table}" RENAME COLUMN "{column}" TO "{newName}"; -- after a describeTable',
    mysql: 'ALTER TABLE `{table}` CHANGE `{column}` `{newName}` ...; -- after SHOW FULL COLUMNS',
    secondRun: 'fails',
    // Measured: Sequelize looks the table up first and throws its own error, no SQL is sent.
    rerunFailure: "Sequelize: table doesn't have the column",
    lock: EXCLUSIVE,
    reversedBy: ['renameColumn'],
  }),

  // ------------------------------------------------------------ indexes and constraints
  addIndex: schema({
    subject: 'index',
    sequelize: { method: 'addIndex', table: 0, fields: 1, options: [1, 2], transaction: 2, optionsFirstWhenObject: true, sendsAtOnce: true },
    postgres: 'CREATE INDEX "{name}" ON "{table}" (...) -- CREATE INDEX CONCURRENTLY with concurrently: true; the name derived from table and columns',
    mysql: 'ALTER TABLE `{table}` ADD INDEX `{name}` (...) -- concurrently is ignored',
    secondRun: 'fails',
    rerunFailure: 'relation already exists',
    lock: { mode: 'SHARE', on: 'table', note: 'blocks writes while it builds; CONCURRENTLY takes SHARE UPDATE EXCLUSIVE and cannot run in a transaction' },
    reversedBy: ['removeIndex'],
  }),
  removeIndex: schema({
    subject: 'index',
    sequelize: { method: 'removeIndex', table: 0, fields: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'DROP INDEX IF EXISTS "{name}"',
    mysql: 'DROP INDEX `{name}` ON `{table}`',
    idempotent: true,
    secondRun: 'succeeds',
    rerunFailure: 'index does not exist',
    lock: { mode: 'ACCESS EXCLUSIVE', on: 'table', note: 'DROP INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE' },
    destroys: 'index',
    reversedBy: ['addIndex'],
  }),
  addConstraint: schema({
    subject: 'constraint',
    sequelize: { method: 'addConstraint', table: 0, options: [1, 2], transaction: 1, sendsAtOnce: true },
    postgres: 'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" ...; -- validated at once, no NOT VALID',
    mysql: 'ALTER TABLE `{table}` ADD CONSTRAINT `{name}` ...;',
    secondRun: 'fails',
    // Measured: 42710 for a foreign key; a unique constraint's index makes it 42P07.
    rerunFailure: 'constraint (or, for a unique constraint, relation) already exists',
    lock: {
      mode: 'ACCESS EXCLUSIVE',
      on: 'table',
      note: 'scans the table under the lock; a foreign key takes SHARE ROW EXCLUSIVE on both tables instead',
    },
    reversedBy: ['removeConstraint'],
  }),
  removeConstraint: schema({
    subject: 'constraint',
    sequelize: { method: 'removeConstraint', table: 0, name: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"',
    mysql: 'DROP INDEX `{name}` ON `{table}` -- a unique key (a foreign key: ALTER TABLE ... DROP FOREIGN KEY), after reading its type',
    secondRun: 'fails',
    rerunFailure: 'constraint does not exist',
    lock: EXCLUSIVE,
    destroys: 'constraint',
    reversedBy: ['addConstraint'],
  }),

  // ------------------------------------------------------------ schemas, types, functions, triggers, databases
  createSchema: schema({
    subject: 'object',
    sequelize: { method: 'createSchema', name: 0 },
    postgres: 'CREATE SCHEMA "{name}";',
    mysql: 'SHOW TABLES -- nothing is created: a MySQL schema is a database',
    rerunFailure: 'schema already exists',
    reversedBy: ['dropSchema'],
  }),
  dropSchema: schema({
    subject: 'object',
    sequelize: { method: 'dropSchema', name: 0 },
    postgres: 'DROP SCHEMA IF EXISTS "{name}" CASCADE;',
    mysql: 'DROP TABLE IF EXISTS `{name}`; -- a table of that name',
    rerunFailure: 'schema does not exist',
    lock: { mode: 'ACCESS EXCLUSIVE', on: 'every table', note: 'every table of the schema' },
    destroys: 'schema',
    reversedBy: ['createSchema'],
  }),
  dropAllSchemas: schema({
    subject: 'none',
    sequelize: { method: 'dropAllSchemas', options: [0] },
    postgres: 'DROP SCHEMA IF EXISTS "{name}" CASCADE; -- for every schema but public',
    mysql: 'DROP TABLE IF EXISTS `{table}`; -- for every table (dropAllTables)',
    lock: { mode: 'ACCESS EXCLUSIVE', on: 'every table' },
    destroys: 'schema',
  }),
  dropEnum: schema({
    subject: 'object',
    sequelize: { method: 'dropEnum', name: 0, transaction: 1, sendsAtOnce: true },
    postgres: 'DROP TYPE IF EXISTS "{name}"; ',
    idempotent: true,
    secondRun: 'succeeds',
    lock: { mode: null, on: 'none', note: 'ACCESS EXCLUSIVE on the type' },
    destroys: 'type',
    reversedBy: ['createType'],
  }),
  dropAllEnums: schema({
    subject: 'none',
    sequelize: { method: 'dropAllEnums', options: [0] },
    postgres: 'DROP TYPE IF EXISTS "{name}"; -- for every enum type of the schema',
    destroys: 'type',
  }),
  createFunction: schema({
    subject: 'object',
    sequelize: { method: 'createFunction', name: 0 },
    postgres: "CREATE FUNCTION {name}(...) RETURNS ... AS $func$ ... $func$ language '...'; -- OR REPLACE with force: true",
    rerunFailure: 'function already exists',
    reversedBy: ['dropFunction'],
  }),
  dropFunction: schema({
    subject: 'object',
    sequelize: { method: 'dropFunction', name: 0 },
    postgres: 'DROP FUNCTION {name}(...) RESTRICT;',
    destroys: 'function',
    reversedBy: ['createFunction'],
  }),
  renameFunction: schema({
    subject: 'object',
    sequelize: { method: 'renameFunction', name: 0, newName: 2 },
    postgres: 'ALTER FUNCTION {name}(...) RENAME TO {newName};',
    reversedBy: ['renameFunction'],
  }),
  createTrigger: schema({
    subject: 'trigger',
    sequelize: { method: 'createTrigger', table: 0, name: 1 },
    postgres: 'CREATE TRIGGER "{name}" ... ON "{table}" ... EXECUTE PROCEDURE ...;',
    rerunFailure: 'trigger already exists',
    lock: { mode: 'SHARE ROW EXCLUSIVE', on: 'table' },
    reversedBy: ['dropTrigger'],
  }),
  dropTrigger: schema({
    subject: 'trigger',
    sequelize: { method: 'dropTrigger', table: 0, name: 1 },
    postgres: 'DROP TRIGGER "{name}" ON "{table}" RESTRICT;',
    rerunFailure: 'trigger does not exist',
    lock: EXCLUSIVE,
    destroys: 'trigger',
    reversedBy: ['createTrigger'],
  }),
  renameTrigger: schema({
    subject: 'trigger',
    sequelize: { method: 'renameTrigger', table: 0, name: 1, newName: 2 },
    postgres: 'ALTER TRIGGER "{name}" ON "{table}" RENAME TO "{newName}";',
    lock: EXCLUSIVE,
    reversedBy: ['renameTrigger'],
  }),
  createDatabase: schema({
    subject: 'object',
    sequelize: { method: 'createDatabase', name: 0 },
    postgres: 'CREATE DATABASE "{name}"; -- cannot run inside a transaction',
    mysql: 'CREATE DATABASE IF NOT EXISTS `{name}`;',
    reversedBy: ['dropDatabase'],
  }),
  dropDatabase: schema({
    subject: 'object',
    sequelize: { method: 'dropDatabase', name: 0 },
    postgres: 'DROP DATABASE IF EXISTS "{name}"; -- cannot run inside a transaction',
    mysql: 'DROP DATABASE IF EXISTS `{name}`;',
    destroys: 'database',
    reversedBy: ['createDatabase'],
  }),

  // ------------------------------------------------------------ data
  bulkInsert: data({
    sequelize: { method: 'bulkInsert', table: 0, values: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'INSERT INTO "{table}" (...) VALUES ...;',
    mysql: 'INSERT INTO `{table}` (...) VALUES ...;',
    secondRun: 'depends',
    rerunFailure: DUPLICATE_ROWS,
    reversedBy: ['bulkDelete', 'delete'],
  }),
  bulkUpdate: data({
    sequelize: { method: 'bulkUpdate', table: 0, values: 1, where: 2, options: [3], transaction: 3, sendsAtOnce: true },
    postgres: 'UPDATE "{table}" SET ... -- WHERE ... unless the where is empty',
    mysql: 'UPDATE `{table}` SET ... -- WHERE ... unless the where is empty',
    secondRun: 'succeeds',
    destroys: 'values',
    reversedBy: ['bulkUpdate'],
  }),
  bulkDelete: data({
    sequelize: { method: 'bulkDelete', table: 0, where: 1, options: [2], transaction: 2, sendsAtOnce: true },
    postgres: 'DELETE FROM "{table}"... -- WHERE ... unless the where is null or {}',
    mysql: 'DELETE FROM `{table}`... -- WHERE ... unless the where is null or {}',
    secondRun: 'succeeds',
    destroys: 'rows',
    reversedBy: ['bulkInsert', 'insert'],
  }),
  insert: data({
    sequelize: { method: 'insert', table: 1, values: 2, options: [3] },
    postgres: 'INSERT INTO "{table}" (...) VALUES (...);',
    mysql: 'INSERT INTO `{table}` (...) VALUES (...);',
    rerunFailure: DUPLICATE_ROWS,
    reversedBy: ['delete', 'bulkDelete'],
  }),
  upsert: data({
    sequelize: { method: 'upsert', table: 0, options: [4] },
    postgres: 'INSERT INTO "{table}" ... ON CONFLICT (...) DO UPDATE SET ...',
    mysql: 'INSERT INTO `{table}` ... ON DUPLICATE KEY UPDATE ...',
    destroys: 'values',
  }),
  update: data({
    sequelize: { method: 'update', table: 1, instanceRequired: 0, values: 2, where: 3, options: [4] },
    postgres: 'UPDATE "{table}" SET ... WHERE ...',
    mysql: 'UPDATE `{table}` SET ... WHERE ...',
    destroys: 'values',
    reversedBy: ['update'],
  }),
  delete: data({
    sequelize: { method: 'delete', table: 1, instanceRequired: 0, where: 2, options: [3] },
    postgres: 'DELETE FROM "{table}" WHERE ...',
    mysql: 'DELETE FROM `{table}` WHERE ...',
    destroys: 'rows',
    reversedBy: ['insert', 'bulkInsert'],
  }),
  increment: data({
    sequelize: { method: 'increment', table: 1 },
    postgres: 'UPDATE "{table}" SET "..."="..."+ ... WHERE ... RETURNING *',
    mysql: 'UPDATE `{table}` SET `...`=`...`+ ... WHERE ...',
    // Arithmetic that decrement undoes exactly: no value is lost.
    reversedBy: ['decrement'],
  }),
  decrement: data({
    sequelize: { method: 'decrement', table: 1 },
    postgres: 'UPDATE "{table}" SET "..."="..."- ... WHERE ... RETURNING *',
    mysql: 'UPDATE `{table}` SET `...`=`...`- ... WHERE ...',
    reversedBy: ['increment'],
  }),

  // ------------------------------------------------------------ reads and existence probes
  describeTable: read({ method: 'describeTable', table: 0, schemaOption: 1 }, "SELECT ... FROM information_schema.columns c ... WHERE c.table_name = '{table}' ...", 'SHOW FULL COLUMNS FROM `{table}`;'),
  tableExists: read(
    { method: 'tableExists', table: 0 },
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'",
    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = '{table}' ...",
  ),
  showAllTables: read({ method: 'showAllTables' }, 'SELECT table_name FROM information_schema.tables WHERE ...', 'SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE ...'),
  showAllSchemas: read({ method: 'showAllSchemas' }, 'SELECT schema_name FROM information_schema.schemata WHERE ...', 'SHOW TABLES'),
  showIndex: read({ method: 'showIndex', table: 0 }, 'SELECT i.relname AS name, ... (the indexes of {table})', 'SHOW INDEX FROM `{table}`'),
  showConstraint: read({ method: 'showConstraint', table: 0, name: 1 }, 'SELECT ... FROM INFORMATION_SCHEMA.table_constraints ...', 'SELECT ... FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS ...'),
  getForeignKeyReferencesForTable: read({ method: 'getForeignKeyReferencesForTable', table: 0 }, 'SELECT DISTINCT tc.constraint_name ... (the foreign keys of {table})', 'SELECT ... FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE ...'),
  getForeignKeysForTables: read({ method: 'getForeignKeysForTables' }, 'SELECT conname ... FROM pg_catalog.pg_constraint ... per table', 'SELECT ... FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE ... per table'),
  select: read({ method: 'select', table: 1 }, 'SELECT * FROM "{table}"...', 'SELECT * FROM `{table}`...', ROW_READ),
  rawSelect: read({ method: 'rawSelect', table: 0 }, 'SELECT ... FROM "{table}"...', 'SELECT ... FROM `{table}`...', ROW_READ),

  // ------------------------------------------------------------ SQL-only kinds (no builder equivalent)
  truncate: sqlOnly('TRUNCATE {table} ...', { family: 'data', subject: 'table', lock: EXCLUSIVE, destroys: 'every row' }),
  createType: sqlOnly('CREATE TYPE {name} AS ENUM (...) -- or a composite or range type', {
    subject: 'object',
    rerunFailure: 'type already exists',
    reversedBy: ['dropType', 'dropEnum'],
  }),
  // PostgreSQL cannot remove an enum value: no inverse. A rerun fails differently per statement: rerunFailureOf.
  alterType: sqlOnly("ALTER TYPE {name} ADD VALUE '...' -- or RENAME VALUE, RENAME TO", {
    subject: 'object',
    rerunFailure: 'enum label already exists',
    lock: { mode: null, on: 'none', note: 'EXCLUSIVE on the type' },
  }),
  dropType: sqlOnly('DROP TYPE {name}', {
    subject: 'object',
    rerunFailure: 'type does not exist',
    lock: { mode: null, on: 'none', note: 'ACCESS EXCLUSIVE on the type' },
    destroys: 'type',
    reversedBy: ['createType'],
  }),
  createView: sqlOnly('CREATE [OR REPLACE] [MATERIALIZED] VIEW {name} AS SELECT ...', {
    subject: 'object',
    rerunFailure: 'relation already exists',
    lock: { mode: 'ACCESS SHARE', on: 'table', note: 'on the tables it reads' },
    reversedBy: ['dropView'],
  }),
  dropView: sqlOnly('DROP [MATERIALIZED] VIEW {name}', {
    subject: 'object',
    rerunFailure: 'view does not exist',
    lock: { mode: null, on: 'none', note: 'ACCESS EXCLUSIVE on the view' },
    destroys: 'view',
    reversedBy: ['createView'],
  }),
  createExtension: sqlOnly('CREATE EXTENSION {name}', { subject: 'object', rerunFailure: 'extension already exists', reversedBy: ['dropExtension'] }),
  dropExtension: sqlOnly('DROP EXTENSION {name}', { subject: 'object', rerunFailure: 'extension does not exist', destroys: 'extension', reversedBy: ['createExtension'] }),
  createSequence: sqlOnly('CREATE SEQUENCE {name}', { subject: 'object', rerunFailure: 'relation already exists', reversedBy: ['dropSequence'] }),
  dropSequence: sqlOnly('DROP SEQUENCE {name}', {
    subject: 'object',
    rerunFailure: 'sequence does not exist',
    lock: { mode: null, on: 'none', note: 'ACCESS EXCLUSIVE on the sequence' },
    destroys: 'sequence',
    reversedBy: ['createSequence'],
  }),
  transactionControl: sqlOnly('BEGIN -- or COMMIT, ROLLBACK, SAVEPOINT ...', { family: 'control', subject: 'none' }),
  // Raw SQL: the SQL reader classifies each statement into the kinds above; `sql` is a statement it does not map.
  sql: step('unknown', {
    subject: 'none',
    sequelize: { method: 'query', sql: 0, options: [1], transaction: 1, sendsAtOnce: true },
    postgres: '... -- the statement as written',
    mysql: '... -- the statement as written',
    lock: UNKNOWN_LOCK,
    destroys: 'unknown',
  }),
  unresolved: step('unknown', { subject: 'none', postgres: UNRESOLVED, mysql: UNRESOLVED, lock: UNKNOWN_LOCK, destroys: 'unknown' }),
};

/** Every operation kind, in table order. */
export const OP_KINDS: readonly OpKind[] = Object.keys(OPERATIONS) as OpKind[];

/**
 * What PostgreSQL answers when this step runs a second time unguarded: the
 * kind's `rerunFailure`, except where the statements of one kind fail
 * differently. ALTER TYPE (measured, test/operations/table.test.ts): ADD VALUE
 * meets the label it added, RENAME VALUE no longer finds the old label, and
 * RENAME TO no longer finds the type.
 */
export function rerunFailureOf(op: Pick<Operation, 'op' | 'options'>): string | null {
  if (op.op === 'alterType') {
    if (op.options.rename === true) return 'type does not exist';
    if (typeof op.options.renameValue === 'string') return 'not an existing enum label';
  }
  return OPERATIONS[op.op].rerunFailure;
}

/** The facts of one kind. */
export function operationFacts(kind: OpKind): OperationFacts {
  return OPERATIONS[kind];
}

/** Reads and existence probes: they never change the database. */
export function isRead(kind: OpKind): boolean {
  return OPERATIONS[kind].family === 'read';
}

/** Writes rows of its table: inserts, updates, upserts, deletes, increments, TRUNCATE (the operation table's `data` family). */
export function writesRows(kind: OpKind): boolean {
  return OPERATIONS[kind].family === 'data';
}

/** Changes the database, or may (raw SQL not mapped, an unresolved call, transaction control): everything but reads. */
export function changesDatabase(kind: OpKind): boolean {
  return !isRead(kind);
}

/** A rename: the call names the object's new name. */
export function isRename(kind: OpKind): boolean {
  return OPERATIONS[kind].sequelize?.newName !== undefined;
}

/** The step drops one named object of the schema (a table, a column, an index, a type, ...): not rows, values, every table or a database. */
export function dropsAnObject(kind: OpKind): boolean {
  const { destroys, subject } = OPERATIONS[kind];
  return OBJECT_DROPS.has(destroys) && subject !== 'none';
}

const OBJECT_DROPS: ReadonlySet<Destroys> = new Set<Destroys>(['table', 'column', 'index', 'constraint', 'type', 'view', 'function', 'trigger', 'sequence', 'extension', 'schema']);

/** Sequelize calls by method name (`addColumn`, `query`, ...), with their kind. */
export const SEQUELIZE_CALLS: ReadonlyMap<string, { kind: OpKind; signature: CallSignature }> = new Map(
  OP_KINDS.flatMap((kind) => {
    const signature = OPERATIONS[kind].sequelize;
    return signature ? [[signature.method, { kind, signature }] as const] : [];
  }),
);

/**
 * The argument a Sequelize call reads `{ transaction }` from, or undefined
 * when none is recorded. `secondIsObject`: the call's second argument is an
 * object literal (`addIndex(table, { fields, ... })` takes its options there).
 */
export function transactionArgument(method: string, secondIsObject: boolean): number | undefined {
  const signature = SEQUELIZE_CALLS.get(method)?.signature;
  if (signature?.transaction === undefined) return undefined;
  return signature.optionsFirstWhenObject && secondIsObject ? 1 : signature.transaction;
}

/** Sequelize's derived index name: `underscore(table + '_' + fields.join('_'))` (lib/utils nameIndex); measured in test/semantics. */
export function sequelizeIndexName(table: string, fields: readonly string[]): string {
  return `${table}_${fields.join('_')}`
    .split('::')
    .map((part) => part.replace(/([A-Z])/g, '_$1').replace(/^_/, ''))
    .join('/')
    .toLowerCase();
}
