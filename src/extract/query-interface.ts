import type { OpKind } from '../model';

/**
 * Argument layout of each queryInterface method (Sequelize v6 signatures).
 * Indexes are argument positions; absent means the method has no such argument.
 */
export interface MethodSignature {
  op: OpKind;
  /** Argument holding the table name (string, `{ tableName, schema }`, or a model). */
  table?: number;
  /** Argument holding the column name. */
  column?: number;
  /** Argument holding an object name (index, constraint, enum, schema, function, trigger). */
  name?: number;
  /** Argument holding the new name (renameTable / renameColumn / rename*). */
  newName?: number;
  /** Argument holding an attribute definition or options worth keeping in `options`. */
  options?: number[];
  /** Probes return a value that conditions can test (describeTable, tableExists, ...). */
  probe?: boolean;
  /** Idempotent by construction in Sequelize (emits IF [NOT] EXISTS): measured. */
  idempotent?: boolean;
}

export const QUERY_INTERFACE_METHODS: Readonly<Record<string, MethodSignature>> = {
  createTable: { op: 'createTable', table: 0, options: [2], idempotent: true },
  dropTable: { op: 'dropTable', table: 0, options: [1], idempotent: true },
  dropAllTables: { op: 'dropAllTables', options: [0], idempotent: true },
  renameTable: { op: 'renameTable', table: 0, newName: 1, options: [2] },
  addColumn: { op: 'addColumn', table: 0, column: 1, options: [2] },
  removeColumn: { op: 'removeColumn', table: 0, column: 1, options: [2] },
  changeColumn: { op: 'changeColumn', table: 0, column: 1, options: [2] },
  renameColumn: { op: 'renameColumn', table: 0, column: 1, newName: 2, options: [3] },
  addIndex: { op: 'addIndex', table: 0, options: [1, 2] },
  removeIndex: { op: 'removeIndex', table: 0, options: [2], idempotent: true },
  addConstraint: { op: 'addConstraint', table: 0, options: [1, 2] },
  removeConstraint: { op: 'removeConstraint', table: 0, name: 1, options: [2] },
  createSchema: { op: 'createSchema', name: 0 },
  dropSchema: { op: 'dropSchema', name: 0 },
  dropAllSchemas: { op: 'dropAllSchemas', options: [0] },
  dropEnum: { op: 'dropEnum', name: 0, idempotent: true },
  dropAllEnums: { op: 'dropAllEnums', options: [0] },
  createFunction: { op: 'createFunction', name: 0 },
  dropFunction: { op: 'dropFunction', name: 0 },
  renameFunction: { op: 'renameFunction', name: 0, newName: 2 },
  createTrigger: { op: 'createTrigger', table: 0, name: 1 },
  dropTrigger: { op: 'dropTrigger', table: 0, name: 1 },
  renameTrigger: { op: 'renameTrigger', table: 0, name: 1, newName: 2 },
  createDatabase: { op: 'createDatabase', name: 0 },
  dropDatabase: { op: 'dropDatabase', name: 0 },
  bulkInsert: { op: 'bulkInsert', table: 0, options: [2] },
  bulkUpdate: { op: 'bulkUpdate', table: 0, options: [3] },
  bulkDelete: { op: 'bulkDelete', table: 0, options: [2] },
  insert: { op: 'insert', table: 1, options: [3] },
  upsert: { op: 'upsert', table: 0, options: [4] },
  update: { op: 'update', table: 1, options: [4] },
  delete: { op: 'delete', table: 1, options: [3] },
  increment: { op: 'increment', table: 1 },
  decrement: { op: 'decrement', table: 1 },
  describeTable: { op: 'describeTable', table: 0, probe: true },
  tableExists: { op: 'tableExists', table: 0, probe: true },
  showAllTables: { op: 'showAllTables', probe: true },
  showAllSchemas: { op: 'showAllSchemas', probe: true },
  showIndex: { op: 'showIndex', table: 0, probe: true },
  showConstraint: { op: 'showConstraint', table: 0, name: 1, probe: true },
  getForeignKeyReferencesForTable: { op: 'getForeignKeyReferencesForTable', table: 0, probe: true },
  getForeignKeysForTables: { op: 'getForeignKeysForTables', probe: true },
  select: { op: 'select', table: 1, probe: true },
  rawSelect: { op: 'rawSelect', table: 0, probe: true },
};

/** Ops that are reads: they never change the database. */
export const READ_OPS: ReadonlySet<OpKind> = new Set<OpKind>([
  'describeTable',
  'tableExists',
  'showAllTables',
  'showAllSchemas',
  'showIndex',
  'showConstraint',
  'getForeignKeyReferencesForTable',
  'getForeignKeysForTables',
  'select',
  'rawSelect',
]);

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
