import type { OpKind } from '../model';
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
