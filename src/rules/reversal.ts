import type { JsonValue, Migration, Operation } from '../model';
import { CreatedInMigration, isEmptyWhere } from './operations';

/**
 * Whether a destructive `down` step only undoes what the same migration's
 * `up` created: it drops the table `up` creates, removes the column `up`
 * adds, empties a table `up` creates, or deletes rows of a table `up` inserts
 * into, on the keys of the inserted rows. Such a rollback loses only data
 * written since the migration ran; anything else destroys older data.
 */
export interface Reversal {
  /** What `up` does that this step undoes: message text (`creates`, `adds`, `inserts`). */
  undoes: string;
  /** The `up` operation it undoes. */
  of: Operation;
}

export function reversalOf(migration: Migration, op: Operation): Reversal | null {
  const created = new CreatedInMigration();
  const inserted = new Map<string, Operation>();
  for (const u of migration.up) {
    created.record(u);
    if ((u.op === 'bulkInsert' || u.op === 'insert') && u.target.table) inserted.set(u.target.table, u);
  }
  const table = op.target.table;
  if (!table) return null;
  const upOp = (pred: (u: Operation) => boolean) => migration.up.find(pred) ?? null;
  switch (op.op) {
    case 'dropTable':
    case 'truncate':
      if (created.tableIsNew(table)) return { undoes: 'creates', of: upOp((u) => u.op === 'createTable' && u.target.table === table) ?? migration.up[0]! };
      return null;
    case 'removeColumn':
      if (created.columnIsNew(table, op.target.column)) {
        const add = upOp((u) => u.op === 'addColumn' && u.target.table === table && u.target.column === op.target.column);
        return add ? { undoes: 'adds', of: add } : { undoes: 'creates (with its table)', of: upOp((u) => u.op === 'createTable' && u.target.table === table)! };
      }
      return null;
    case 'bulkDelete':
    case 'delete': {
      if (created.tableIsNew(table)) return { undoes: 'creates', of: upOp((u) => u.op === 'createTable' && u.target.table === table)! };
      const ins = inserted.get(table);
      if (!ins) return null;
      const all = op.sql ? op.options.where === false : isEmptyWhere(op.options.where);
      if (all) return null;
      // Builder deletes name their keys: they must be columns of the inserted rows.
      const keys = whereKeys(op.options.where);
      const insertedColumns = ins.options.columns;
      if (keys && Array.isArray(insertedColumns) && !keys.every((k) => insertedColumns.includes(k))) return null;
      return { undoes: 'inserts', of: ins };
    }
    default:
      return null;
  }
}

/** Top-level keys of a builder where (`{ name: [...] }`, `{ [Op.and]: ... }` gives null: not plain). */
function whereKeys(where: JsonValue | undefined): string[] | null {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return null;
  const keys = Object.keys(where);
  return keys.every((k) => /^[A-Za-z_][\w]*$/.test(k)) ? keys : null;
}
