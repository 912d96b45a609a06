/**
 * Rows a destructive step removes but the same phase of the migration keeps:
 * read beforehand and inserted back into the same table (a rewrite done in
 * JavaScript: select everything, delete everything, insert the rewritten
 * rows), or returned by the DELETE itself (`RETURNING *`) and written into
 * another table, or copied into another table by an `INSERT ... SELECT` just
 * before. A dropped table counts for the last only, when the copy then takes
 * its name (SQLite's rebuild: create `t_new`, copy, drop `t`, rename `t_new`
 * to `t`). Shared by the rules that judge `up` and `down`.
 */
import type { Operation } from '../model';
import { destructiveEffect } from './effects';

const INSERTS = new Set(['insert', 'bulkInsert', 'upsert']);

/** How the rows removed by `op` are kept, with the step that keeps them. */
export type KeptRows =
  | { how: 'putBack'; read: Operation; insert: Operation }
  | { how: 'returned'; insert: Operation }
  | { how: 'copied'; insert: Operation };

/**
 * `op` deletes rows of a table (every row or some) or drops it, in `steps` (the operations of its phase, in order):
 * how the same phase keeps them, or null.
 */
export function keptRows(op: Operation, steps: readonly Operation[]): KeptRows | null {
  const table = op.target.table;
  if (!table || (op.op !== 'delete' && op.op !== 'bulkDelete' && op.op !== 'truncate' && op.op !== 'dropTable')) return null;
  const at = steps.indexOf(op);
  if (at < 0) return null;
  const before = steps.slice(0, at);
  const after = steps.slice(at + 1);
  if (op.op === 'dropTable') return rebuiltAs(table, before, after);
  // Every row read first (`SELECT * FROM t`, or the builder's select), then inserted back into the same table.
  const kind = destructiveEffect(op, false)?.kind;
  if (kind === 'deleteAllRows' || kind === 'truncate') {
    const read = [...before].reverse().find((s) => s.op === 'select' && s.target.table === table && readsWholeRows(s));
    const insert = read ? after.find((s) => INSERTS.has(s.op) && s.target.table === table) : undefined;
    if (read && insert) return { how: 'putBack', read, insert };
  }
  // `DELETE ... RETURNING *` and, right after, a write of what came back into another table.
  if (op.options.returnsRows === true) {
    const insert = after.find((s) => INSERTS.has(s.op) && s.target.table !== null && s.target.table !== table);
    if (insert) return { how: 'returned', insert };
  }
  // `INSERT INTO other SELECT ... FROM t`, then the delete: the rows moved.
  const copy = lastCopyOf(table, before);
  if (copy) return { how: 'copied', insert: copy };
  return null;
}

/**
 * A table dropped after its rows were copied into another one that then takes its name (`INSERT INTO t_new SELECT ...
 * FROM t`, `DROP TABLE t`, `ALTER TABLE t_new RENAME TO t`): the table rebuilt, its rows kept. A copy into a table
 * that keeps its own name is not enough here: the drop of a table whose rows were moved elsewhere is judged as a drop.
 */
function rebuiltAs(table: string, before: readonly Operation[], after: readonly Operation[]): KeptRows | null {
  const copy = lastCopyOf(table, before, true);
  const renamed = copy ? after.some((s) => s.op === 'renameTable' && s.target.table === copy.target.table && s.target.newName === table) : false;
  return copy && renamed ? { how: 'copied', insert: copy } : null;
}

/** The last of `before` that copies rows of `table` into another table (`INSERT INTO other SELECT ... FROM table`), into a named one only when `named`. */
function lastCopyOf(table: string, before: readonly Operation[], named = false): Operation | undefined {
  return [...before].reverse().find((s) => s.op === 'insert' && (!named || s.target.table !== null) && s.target.table !== table && Array.isArray(s.options.copiedFrom) && s.options.copiedFrom.includes(table));
}

/** A SELECT of whole rows: `SELECT *`, or the builder's `queryInterface.select(null, t)` (Sequelize selects every column). */
export function readsWholeRows(select: Operation): boolean {
  return select.op === 'select' && (select.options.allColumns === true || !select.sql);
}
