/**
 * What an extracted operation does to the database and its data: whether it
 * writes, what it destroys, and how to name its target in a message. Read by
 * the npm-scripts reader, the rules and the report alike.
 */
import type { JsonValue, Operation, OpKind, Target } from '../model';
import { READ_OPS } from '../extract/query-interface';
import { fillsOnlyEmpty, updatedColumns } from './updates';

/** Operations that change the database (reads and probes excluded). */
export function writeOps(ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => !READ_OPS.has(o.op));
}

/**
 * The target as message text: `` `users.bio` ``, `` `users` ``, `` `app.users` ``,
 * or a plain description when it could not be resolved statically.
 */
export function describeTarget(target: Target, op?: Operation): string {
  const table = target.table ? (target.schema ? `${target.schema}.${target.table}` : target.table) : null;
  if (table && target.column) return `\`${table}.${target.column}\``;
  // An index or constraint: name it too.
  if (table && target.name && target.name !== table) return `\`${table}\` (\`${target.name}\`)`;
  if (table) return `\`${table}\``;
  if (target.name) return `\`${target.name}\``;
  // Not resolvable statically: say what it is written as, and why it is not known.
  if (target.tableExpression) {
    const column = target.column ? `.${target.column}` : '';
    return `\`${target.tableExpression}\`${column ? ` column \`${target.column}\`` : ''} (a name migralint cannot read statically)`;
  }
  if (op?.sql) return `a table named by a value migralint cannot read in the SQL of \`${op.callee}\``;
  return op ? `a table migralint cannot resolve (\`${op.callee}\` gets a computed name)` : 'a target migralint cannot resolve';
}

/** What a destructive operation destroys. */
export interface DestructiveEffect {
  /** camelCase key used to pick a message: dropTable, dropColumn, deleteAllRows, ... */
  kind: 'dropTable' | 'dropColumn' | 'deleteAllRows' | 'deleteSomeRows' | 'truncate' | 'overwriteAllRows' | 'overwriteSomeRows' | 'dropSchema' | 'dropEverything';
  /** Every row of the table or column is affected (vs rows matching a WHERE). */
  all: boolean;
  /** Message data: table, column, name, target. */
  data: Record<string, string>;
}

/** The effects that destroy data without counting updates: what `destructiveEffect(op, false)` returns. */
export type DataDestroyingKind = Exclude<DestructiveEffect['kind'], 'overwriteAllRows' | 'overwriteSomeRows'>;

/** An empty where (`null`, `{}`, missing) means every row: measured in sequelize-semantics.md. */
export function isEmptyWhere(where: JsonValue | undefined): boolean {
  if (where === undefined || where === null) return true;
  return typeof where === 'object' && !Array.isArray(where) && Object.keys(where).length === 0;
}

/**
 * The data an operation destroys, or null. Updates count only when
 * `includeUpdates` (an update in `up` overwrites data; in `down` it reverts a
 * backfill and is not reported as destruction).
 */
export function destructiveEffect(op: Operation, includeUpdates: false): (DestructiveEffect & { kind: DataDestroyingKind }) | null;
export function destructiveEffect(op: Operation, includeUpdates: boolean): DestructiveEffect | null;
export function destructiveEffect(op: Operation, includeUpdates: boolean): DestructiveEffect | null {
  const data: Record<string, string> = {
    table: op.target.table ?? '?',
    column: op.target.column ?? '?',
    name: op.target.name ?? op.target.table ?? '?',
    target: describeTarget(op.target, op),
  };
  switch (op.op as OpKind) {
    case 'dropTable':
      return { kind: 'dropTable', all: true, data };
    case 'removeColumn':
      return { kind: 'dropColumn', all: true, data };
    case 'dropAllTables':
    case 'dropDatabase':
      return { kind: 'dropEverything', all: true, data: { ...data, target: `\`${op.callee}\`` } };
    case 'dropSchema':
    case 'dropAllSchemas':
      return { kind: 'dropSchema', all: true, data: { ...data, name: op.target.name ?? 'every schema' } };
    case 'truncate':
      return { kind: 'truncate', all: true, data };
    case 'bulkDelete':
      return isEmptyWhere(op.options.where)
        ? { kind: 'deleteAllRows', all: true, data }
        : { kind: 'deleteSomeRows', all: false, data: { ...data, where: renderWhere(op.options.where) } };
    case 'delete':
      if (op.sql) {
        return op.options.where === false
          ? { kind: 'deleteAllRows', all: true, data }
          : { kind: 'deleteSomeRows', all: false, data: { ...data, where: 'its WHERE clause' } };
      }
      return { kind: 'deleteSomeRows', all: false, data: { ...data, where: 'the given condition' } };
    case 'update':
    case 'bulkUpdate': {
      if (!includeUpdates || fillsOnlyEmpty(op)) return null;
      const cols = updatedColumns(op);
      data.columns = cols && cols.length > 0 ? cols.map((c) => `\`${c}\``).join(', ') : 'columns';
      const everyRow = op.sql ? op.options.where === false : isEmptyWhere(op.options.where);
      return everyRow
        ? { kind: 'overwriteAllRows', all: true, data }
        : { kind: 'overwriteSomeRows', all: false, data: { ...data, where: op.sql ? 'its WHERE clause' : renderWhere(op.options.where) } };
    }
    default:
      return null;
  }
}

function renderWhere(where: JsonValue | undefined): string {
  const text = JSON.stringify(where ?? null);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
