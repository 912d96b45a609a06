import type { OpKind } from '../model';
import { closest } from '../util/text';
import { isRead, OP_KINDS, OPERATIONS, SEQUELIZE_CALLS, type CallSignature } from '../operations/table';

/**
 * The Sequelize reader's view of the operation table (src/operations/table.ts):
 * queryInterface method name → the kind it issues and its argument layout.
 */
export interface MethodSignature extends CallSignature {
  op: OpKind;
  /** Idempotent by construction in Sequelize (emits IF [NOT] EXISTS): measured. */
  idempotent?: boolean;
}

/** queryInterface builder calls by method name. `sequelize.query` is not one: its SQL goes to the SQL reader. */
export const QUERY_INTERFACE_METHODS: Readonly<Record<string, MethodSignature>> = Object.fromEntries(
  [...SEQUELIZE_CALLS].flatMap(([method, { kind, signature }]) => {
    if (signature.sql !== undefined) return [];
    const entry: MethodSignature = { ...signature, op: kind };
    if (OPERATIONS[kind].idempotent) entry.idempotent = true;
    return [[method, entry]];
  }),
);

/** Ops that are reads: they never change the database. */
export const READ_OPS: ReadonlySet<OpKind> = new Set<OpKind>(OP_KINDS.filter(isRead));

/**
 * Methods of the queryInterface that are not database operations: helpers
 * and accessors. Calling them is not reported as an unresolved call.
 */
export const QUERY_INTERFACE_NON_OPS: ReadonlySet<string> = new Set([
  'quoteIdentifier',
  'quoteIdentifiers',
  'quoteTable',
  'escape',
  'nameIndexes',
  'setAutocommit',
  'setIsolationLevel',
  'startTransaction',
  'commitTransaction',
  'rollbackTransaction',
  'deferConstraints',
]);

/**
 * Every method a queryInterface has in Sequelize 4 to 6, on PostgreSQL, MySQL and MariaDB (measured from the
 * prototypes: test/semantics/query-interface-methods.test.ts). A call of any other name on it throws a TypeError
 * ("queryInterface.x is not a function") before it sends anything.
 */
export const QUERY_INTERFACE_PROTOTYPE: ReadonlySet<string> = new Set([
  '_dropAllTables', 'addColumn', 'addConstraint', 'addIndex', 'assertTableHasColumn', 'bulkDelete', 'bulkInsert',
  'bulkUpdate', 'changeColumn', 'commitTransaction', 'createDatabase', 'createFunction', 'createSchema',
  'createTable', 'createTrigger', 'databaseVersion', 'decrement', 'deferConstraints', 'delete', 'describeTable',
  'dropAllEnums', 'dropAllSchemas', 'dropAllTables', 'dropDatabase', 'dropEnum', 'dropFunction', 'dropSchema',
  'dropTable', 'dropTrigger', 'ensureEnums', 'escape', 'getForeignKeyReferencesForTable', 'getForeignKeysForTables',
  'increment', 'insert', 'nameIndexes', 'normalizeAttribute', 'pgListEnums', 'quoteIdentifier', 'quoteIdentifiers',
  'quoteTable', 'rawSelect', 'removeColumn', 'removeConstraint', 'removeIndex', 'renameColumn', 'renameFunction',
  'renameTable', 'renameTrigger', 'rollbackTransaction', 'select', 'setAutocommit', 'setIsolationLevel',
  'showAllSchemas', 'showAllTables', 'showConstraint', 'showIndex', 'startTransaction', 'tableExists', 'update',
  'upsert',
]);

/**
 * Methods of the Sequelize instance (Sequelize 6): umzug hands a migration whatever its `context` option holds,
 * the instance in some projects, which migralint reads as the queryInterface (`context.query(sql)`).
 */
export const SEQUELIZE_INSTANCE_PROTOTYPE: ReadonlySet<string> = new Set([
  'addHook', 'and', 'authenticate', 'cast', 'close', 'col', 'createSchema', 'databaseVersion', 'define', 'drop',
  'dropAllSchemas', 'dropSchema', 'escape', 'fn', 'getDatabaseName', 'getDialect', 'getQueryInterface', 'hasHook',
  'hasHooks', 'isDefined', 'json', 'literal', 'log', 'model', 'normalizeAttribute', 'normalizeDataType', 'or',
  'query', 'random', 'refreshTypes', 'removeHook', 'runHooks', 'set', 'showAllSchemas', 'sync', 'transaction',
  'truncate', 'validate', 'where',
]);

/**
 * Methods of the Sequelize instance that the class does not have (Sequelize 4 and 6, measured:
 * test/semantics/calls-that-throw.test.ts). sequelize-cli passes the class (the module) as `up`'s second argument:
 * `Sequelize.query(sql)` there throws a TypeError ("Sequelize.query is not a function"); the instance is
 * `queryInterface.sequelize`.
 */
export const SEQUELIZE_INSTANCE_ONLY: ReadonlySet<string> = new Set([
  'authenticate', 'close', 'createSchema', 'databaseVersion', 'define', 'drop', 'dropAllSchemas', 'dropSchema', 'escape',
  'getDatabaseName', 'getDialect', 'getQueryInterface', 'isDefined', 'model', 'query', 'showAllSchemas', 'sync',
  'transaction', 'truncate',
]);

/** Names people reach for that Sequelize spells otherwise. */
const METHOD_MEANT: Readonly<Record<string, string>> = {
  dropIndex: 'removeIndex',
  deleteIndex: 'removeIndex',
  createIndex: 'addIndex',
  dropColumn: 'removeColumn',
  deleteColumn: 'removeColumn',
  removeTable: 'dropTable',
  deleteTable: 'dropTable',
  addForeignKey: 'addConstraint',
  dropConstraint: 'removeConstraint',
  bulkCreate: 'bulkInsert',
  bulkDestroy: 'bulkDelete',
};

/** The queryInterface method a name not on it probably meant: another spelling or case of one (`removeCOlumn`), or a name from SQL (`dropIndex`). */
export function methodMeant(name: string): string | undefined {
  if (Object.hasOwn(METHOD_MEANT, name)) return METHOD_MEANT[name];
  return closest(name, PUBLIC_METHODS);
}

const PUBLIC_METHODS: readonly string[] = [...QUERY_INTERFACE_PROTOTYPE].filter((m) => !m.startsWith('_'));
