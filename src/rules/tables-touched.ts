import type { JsonValue, Migration, Operation } from '../model';
import { isRead, OPERATIONS } from '../operations/table';
import { updatedColumns } from '../operations/updates';
import { foreignKeyChecksSet } from '../operations/foreign-keys';
import { columnsCreatedBy } from '../schema/replay';

/**
 * What each migration's `up` needs, creates and removes, at the grain where run order can matter: read by
 * valid-migration-order (files whose order breaks a dependency) and no-destructive-up (a column dropped before the
 * later-sorting file that adds it). Computed once per migration object.
 */

/** What a migration's `up` does, at the grain where run order can matter. */
export interface Touched {
  /** Tables it creates, drops, renames, empties, or changes as a whole (data, unresolved SQL). */
  whole: Set<string>;
  /** `table.column` it adds, drops, changes, renames or indexes. */
  columns: Set<string>;
  /** Tables it points a foreign key at. */
  refs: Set<string>;
  /** Indexes whose columns are not listed (expressions, SQL): their statement text, by table. */
  indexes: Map<string, string[]>;
  /**
   * What it brings into being that was not there before it (`t`, `t.c`, and
   * `t#key`, a primary or unique key foreign keys can point at), each with
   * how, for the message: `adds \`t.c\``, `renames \`t.a\` to \`t.b\``.
   */
  creates: Map<string, string>;
  /** What it takes away that was there before it (dropped, renamed away), likewise. */
  removes: Map<string, string>;
  /**
   * What must exist when it runs and it did not create itself: the tables and
   * columns its steps act on, the tables (and keys) its foreign keys point at.
   * A guarded step counts too: where the guard skips it, it silently does
   * nothing, which is the order breaking all the same.
   */
  needs: Set<string>;
}

/** Names Sequelize and PostgreSQL give foreign keys and CHECKs (`t_col_fkey`, `fk_x`, `t_col_check`), not keys others rely on. */
const REFERENCING_CONSTRAINT = /(_fkey|_fk|_check|_ck)$|^(fk|chk|ck)_/i;

/** Constraint names of a primary or unique key (`t_pkey`, `t_email_key`, `uq_x`): a key foreign keys can point at. */
const KEY_CONSTRAINT = /(_pkey|_pk|_key|_ukey|_uk|_uq|_unique)$|^(pk|uk|uq|unique)_|primary/i;

/** What the migration's `up` touches: see `Touched`. */
export function tablesTouched(migration: Migration): Touched {
  const out: Touched = { whole: new Set(), columns: new Set(), refs: new Set(), indexes: new Map(), creates: new Map(), removes: new Map(), needs: new Set() };
  // In the order of the steps: what this migration made itself, and what it removed that existed before it.
  const made = new Set<string>();
  const gone = new Set<string>();
  const need = (e: string) => {
    if (!made.has(e) && !gone.has(e)) out.needs.add(e);
  };
  const create = (e: string, how: string) => {
    made.add(e);
    // Removed first and made again here (a table rebuilt): it existed before, this migration does not bring it.
    if (!gone.has(e)) out.creates.set(e, how);
  };
  const remove = (e: string, how: string) => {
    need(e);
    if (made.has(e)) {
      made.delete(e);
      out.creates.delete(e);
    } else {
      gone.add(e);
      out.removes.set(e, how);
    }
  };
  const name = (t: JsonValue | undefined): string | null =>
    typeof t === 'string' && t !== '' ? t : t && typeof t === 'object' && !Array.isArray(t) && typeof t.tableName === 'string' ? t.tableName : null;
  const addReferences = (attrs: Record<string, JsonValue> | null | undefined) => {
    const ref = attrs?.references;
    if (ref && typeof ref === 'object' && !Array.isArray(ref)) {
      for (const t of [name(ref.model), name(ref.table)]) {
        if (!t) continue;
        out.refs.add(t);
        need(t);
        need(`${t}#key`);
      }
    }
  };
  // MySQL with FOREIGN_KEY_CHECKS off accepts a key to a table not created yet (a schema dump split into files).
  let checksOff = false;
  for (const op of migration.up as Operation[]) {
    const table = op.target.table;
    const checks = foreignKeyChecksSet(op);
    if (checks !== null) checksOff = !checks;
    // First what the step makes: a table whose foreign key points at itself does not need itself.
    if (table && !isRead(op.op)) orderFacts(op, table, { need, create, remove, gone: (e) => gone.has(e) });
    if (!checksOff) {
      addReferences(op.options);
      for (const column of Object.values(op.columns ?? {})) addReferences(column);
    }
    if (!table) continue;
    if (op.op === 'renameTable' && op.target.newName) out.whole.add(op.target.newName);
    const subject = OPERATIONS[op.op].subject;
    if (subject === 'column' && op.target.column) {
      out.columns.add(`${table}.${op.target.column}`);
      if (op.op === 'renameColumn' && op.target.newName) out.columns.add(`${table}.${op.target.newName}`);
    } else if ((subject === 'index' || subject === 'constraint') && op.fields && op.fields.length > 0 && op.fields.every((f) => f !== null)) {
      for (const f of op.fields) out.columns.add(`${table}.${f}`);
    } else if (op.op === 'removeConstraint' && typeof op.target.name === 'string' && REFERENCING_CONSTRAINT.test(op.target.name)) {
      // A foreign key or CHECK dropped by name changes what this table's rows may hold, not the table other migrations
      // reference or read: only that constraint counts (its name, as another migration adding it names it).
      out.columns.add(`${table}.${op.target.name}`);
    } else if (subject === 'index' && op.sql && op.statement) {
      // Columns not listed (an expression index): what it reads is in its text.
      out.indexes.set(table, [...(out.indexes.get(table) ?? []), op.statement]);
    } else if (!isRead(op.op)) {
      // Created, dropped, renamed, data written, or SQL not read column by column: the table as a whole.
      out.whole.add(table);
    }
  }
  return out;
}

/** Records what one step needs, creates and removes (see `Touched`): tables `t`, columns `t.c`, keys `t#key`. */
function orderFacts(
  op: Operation,
  table: string,
  { need, create, remove, gone }: { need: (e: string) => void; create: (e: string, how: string) => void; remove: (e: string, how: string) => void; gone: (e: string) => boolean },
): void {
  const column = op.target.column;
  const newName = op.target.newName;
  const col = (c: string) => `${table}.${c}`;
  const code = (e: string) => `\`${e}\``;
  switch (op.op) {
    case 'createTable': {
      // Created again after this migration renamed it away or dropped it (SQLite's rebuild: rename to `_t_old`,
      // create, copy back): its columns were there before, this migration does not bring them.
      const rebuilt = gone(table);
      create(table, `creates table ${code(table)}`);
      create(`${table}#key`, `creates table ${code(table)}`);
      if (!rebuilt) for (const c of columnsCreatedBy(op) ?? []) create(col(c.name), `creates table ${code(table)}`);
      return;
    }
    case 'dropTable':
      remove(table, `drops table ${code(table)}`);
      return;
    case 'renameTable':
      if (!newName) break;
      remove(table, `renames table ${code(table)} to ${code(newName)}`);
      create(newName, `renames table ${code(table)} to ${code(newName)}`);
      return;
    case 'addColumn':
      need(table);
      if (column) create(col(column), `adds ${code(col(column))}`);
      return;
    case 'removeColumn':
      need(table);
      if (column) remove(col(column), `drops ${code(col(column))}`);
      return;
    case 'renameColumn':
      need(table);
      if (!column || !newName) return;
      remove(col(column), `renames ${code(col(column))} to ${code(col(newName))}`);
      create(col(newName), `renames ${code(col(column))} to ${code(col(newName))}`);
      return;
    case 'changeColumn':
      need(table);
      if (column) need(col(column));
      return;
    case 'addIndex':
    case 'addConstraint': {
      need(table);
      for (const f of op.fields ?? []) if (f !== null) need(col(f));
      const type = typeof op.options.type === 'string' ? op.options.type.toLowerCase() : '';
      if (type === 'primary key' || type === 'unique' || op.options.unique === true) create(`${table}#key`, `adds a key to ${code(table)}`);
      return;
    }
    case 'removeConstraint': {
      need(table);
      const constraint = op.target.name;
      if (typeof constraint === 'string' && KEY_CONSTRAINT.test(constraint) && !REFERENCING_CONSTRAINT.test(constraint)) remove(`${table}#key`, `drops the key ${code(constraint)} of ${code(table)}`);
      return;
    }
    default:
      break;
  }
  need(table);
  // The columns a data step writes or fills.
  const written = op.op === 'update' || op.op === 'bulkUpdate' ? updatedColumns(op) : Array.isArray(op.options.columns) && OPERATIONS[op.op].family === 'data' ? op.options.columns : null;
  for (const c of written ?? []) if (typeof c === 'string') need(col(c));
}

const memo = new WeakMap<Migration, Touched>();

/** `tablesTouched`, once per migration object. */
export function touchedBy(migration: Migration): Touched {
  let t = memo.get(migration);
  if (!t) memo.set(migration, (t = tablesTouched(migration)));
  return t;
}

/**
 * The first migration after `migrations[index]` that brings `table.column` into being (adds it, creates its table
 * with it, renames a column to it), or without `column` the table itself (creates it, renames a table to it), or -1.
 * A step of `migrations[index]` on it, which no earlier migration made, runs on the wrong schema in name order: the
 * two files are in the wrong order.
 */
export function laterCreator(migrations: readonly Migration[], index: number, table: string, column?: string): number {
  const key = column === undefined ? table : `${table}.${column}`;
  for (let j = index + 1; j < migrations.length; j++) if (touchedBy(migrations[j]!).creates.has(key)) return j;
  return -1;
}

/**
 * No step of any migration, `up` or `down`, brings `table.column` into being or shows that it exists, while some
 * migration creates the table with columns migralint reads: a builder createTable or an addColumn naming it, a rename
 * to or from it, a changeColumn, index, constraint or data step on it, an `up` that drops it (its author meant an
 * existing column). Anything migralint cannot read on the table (SQL it does not parse, an unresolved call, a table
 * renamed into its name, a step whose table is not static) may have made it: then false. A `down` that drops such a
 * column can only fail (column does not exist), whatever order the files run in.
 */
export function columnNeverCreated(migrations: readonly Migration[], table: string, column: string): boolean {
  let created = false;
  const names = (values: readonly (JsonValue | null)[] | null | undefined) => (values ?? []).some((v) => v === column);
  for (const m of migrations) {
    for (const [phase, ops] of [['up', m.up], ['down', m.down]] as const) {
      for (const op of ops) {
        if (op.op === 'renameTable' && op.target.newName === table) return false;
        if (op.target.table === null) {
          if (op.op === 'sql' || op.op === 'unresolved' || op.unresolved) return false;
          continue;
        }
        if (op.target.table !== table) continue;
        if (op.op === 'sql' || op.op === 'unresolved' || op.unresolved) return false;
        if (op.op === 'createTable') {
          const columns = columnsCreatedBy(op);
          if (!columns || columns.some((c) => c.unresolved || c.name === column)) return false;
          created = true;
          continue;
        }
        if (op.target.column === column || op.target.newName === column) {
          // A `down` dropping it is the step in question (or another like it): no evidence the column exists.
          if (op.op === 'removeColumn' && phase === 'down') continue;
          return false;
        }
        if (op.target.column === null && (op.op === 'addColumn' || op.op === 'removeColumn' || op.op === 'changeColumn' || op.op === 'renameColumn')) return false;
        if (names(op.fields) || (Array.isArray(op.options.fields) && names(op.options.fields.map((f) => (f !== null && typeof f === 'object' && !Array.isArray(f) ? (f.name ?? null) : f))))) return false;
        const written = op.op === 'update' || op.op === 'bulkUpdate' ? updatedColumns(op) : Array.isArray(op.options.columns) ? op.options.columns : null;
        if (written === null && (op.op === 'update' || op.op === 'bulkUpdate' || op.op === 'insert' || op.op === 'bulkInsert')) return false;
        if (names(written)) return false;
      }
    }
  }
  return created;
}
