/**
 * The order of a migration's steps when it is not the order they are written in: a step left floating, or the
 * elements of one `Promise.all`, whose statements may go out on pool connections of their own, in either order.
 */
import type { Operation, ProjectModel } from '../model';
import { OPERATIONS } from '../operations/table';
import { updatedColumns } from '../operations/updates';
import { productionDialects, projectDialects } from './project-facts';

/**
 * `later` acts on what `first` makes, changes or removes, so it may fail (or undo it) when it runs first: the same
 * column (an index over it, a rename, a drop), the table `first` creates, renames or drops, a constraint or index of
 * the name `first` removes, or a primary key while `first` removes the table's old one.
 */
export function needs(later: Operation, first: Operation): boolean {
  if (later === first || later.target.table === null || later.target.table !== first.target.table) return false;
  if (first.op === 'createTable' || first.op === 'renameTable' || first.op === 'dropTable' || later.op === 'renameTable' || later.op === 'dropTable') return true;
  const column = first.target.column;
  if (column !== null && (later.target.column === column || (later.fields ?? []).includes(column))) return true;
  if (replacesKey(later, first)) return true;
  // An update of rows the later step's change of a column depends on (the values it rewrites must be gone before an
  // ENUM loses them): `later` may run first and meet the old values.
  const written = first.op === 'update' || first.op === 'bulkUpdate' ? updatedColumns(first) : null;
  return later.target.column !== null && (written ?? []).includes(later.target.column);
}

/**
 * `first` removes a constraint or index and `later` makes one of the same name, or a primary key where `first`
 * removes the table's primary key (`<table>_pkey`, PostgreSQL's name for it; `PRIMARY` on MySQL): run first,
 * `later` fails ("already exists", "multiple primary keys for table ... are not allowed").
 */
function replacesKey(later: Operation, first: Operation): boolean {
  if (first.op !== 'removeConstraint' && first.op !== 'removeIndex') return false;
  const removed = first.target.name;
  if (typeof removed !== 'string') return false;
  const makes = later.op === 'addConstraint' || later.op === 'addIndex';
  if (makes && later.target.name === removed) return true;
  const removesPrimaryKey = removed === `${first.target.table}_pkey` || removed === 'PRIMARY';
  return removesPrimaryKey && makesPrimaryKey(later);
}

/**
 * The step adds a PRIMARY KEY constraint. Not an `addColumn` declared `primaryKey`: on PostgreSQL Sequelize sends that
 * column without PRIMARY KEY (measured, test/semantics/racing-steps.test.ts), so it never meets the old key.
 */
function makesPrimaryKey(op: Operation): boolean {
  return op.op === 'addConstraint' && typeof op.options.type === 'string' && /^primary[ _]?key$/i.test(op.options.type);
}

/**
 * The two calls are elements of one `Promise.all` list (`Operation.race`): at the first list where their branches
 * differ, it is the same list and both elements are known. Neither waits for the other.
 */
export function race(a: Operation, b: Operation): boolean {
  return racingElements(a, b) !== null;
}

/** Sequelize's default pool size (`pool.max`): how many calls of one list get a connection at once. */
export const DEFAULT_POOL_MAX = 5;

/**
 * The pool size the migrations run with: the `pool.max` every environment of the database config sets, when they all
 * set the same number; Sequelize's default (5) otherwise.
 */
export function poolMax(project: ProjectModel): number {
  const sizes = (project.dbConfig?.environments ?? []).map((env) => (env.pool && typeof env.pool === 'object' && !Array.isArray(env.pool) ? env.pool.max : undefined));
  const first = sizes[0];
  return typeof first === 'number' && first >= 1 && sizes.every((n) => n === first) ? first : DEFAULT_POOL_MAX;
}

/**
 * Two racing calls still reach the database in the order written: both on one transaction the migration opened
 * (one connection) and `first` hands its statement over at once (`sendsAtOnce`, or raw SQL); both on a connection
 * SQLite keeps alone (`onSqliteConnection`); or `later` is an element the pool cannot give a connection before some of
 * the elements ahead of it have finished (its place in the list at or past the pool's size), by when `first`, which got
 * one of the first connections, has long been sent.
 */
export function sentInOrder(project: ProjectModel, first: Operation, later: Operation): boolean {
  if (onSqliteConnection(project, first) && onSqliteConnection(project, later)) return true;
  const oneTransaction = first.inTransaction && !first.transactionMisplaced && first.transaction !== undefined && later.transaction === first.transaction;
  if (oneTransaction) return first.sql === true || OPERATIONS[first.op].sequelize?.sendsAtOnce === true;
  const elements = racingElements(first, later);
  const max = poolMax(project);
  return elements !== null && elements[1] < max && elements[0] >= max;
}

/**
 * Where two calls race (`Operation.race`): at the first list where their branches differ, the same list and two known
 * elements; `later`'s index, then `first`'s. Null when they do not race.
 */
function racingElements(first: Operation, later: Operation): [number, number] | null {
  if (!first.race || !later.race) return null;
  for (let i = 0; i < Math.min(first.race.length, later.race.length); i++) {
    if (first.race[i] === later.race[i]) continue;
    const [listFirst, atFirst] = first.race[i]!.split(':');
    const [listLater, atLater] = later.race[i]!.split(':');
    return listFirst === listLater && atFirst !== '?' && atLater !== '?' ? [Number(atLater), Number(atFirst)] : null;
  }
  return null;
}

/**
 * The step runs only on SQLite (a branch for it, or a project whose production databases are SQLite), outside a
 * transaction: there Sequelize keeps one connection and runs statements in the order they are sent (measured,
 * test/semantics/sqlite-floating.test.ts), so nothing after the step overtakes it.
 */
export function onSqliteConnection(project: ProjectModel, op: Operation): boolean {
  if (op.inTransaction) return false;
  if (op.dialects && op.dialects.length > 0) return op.dialects.every((d) => d === 'sqlite');
  const production = productionDialects(project);
  const { dialects, known } = projectDialects(project);
  return known && (production ?? dialects).every((d) => d === 'sqlite');
}
