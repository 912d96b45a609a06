import type { JsonValue, Migration, Operation, ProjectModel, Target } from '../model';
import { OPERATIONS } from '../operations/table';
import { selectsEveryRow } from '../operations/effects';
import { deletedOrphans } from '../operations/updates';
import { tableKey as replayedTableKey } from '../schema/replay';
import { syncedModel } from './project-facts';

/**
 * Whether a destructive `down` step only undoes what the same migration's
 * `up` created: it drops the table `up` creates, removes the column `up`
 * adds, empties a table `up` creates, or deletes rows of a table `up` inserts
 * into, on the keys of the inserted rows. Such a rollback loses only data
 * written since the migration ran; anything else destroys older data.
 *
 * Tables are matched through the renames of both phases (`up` renames a→b and
 * adds b.c; `down` renames b→a and removes a.c) and, when a name cannot be
 * resolved, by the expression it is written with (`Model.NAME` in both).
 */
export interface Reversal {
  /** What `up` does that this step undoes: message text (`creates`, `adds`, `inserts`). */
  undoes: string;
  /** The `up` operation it undoes. */
  of: Operation;
}

export function reversalOf(migration: Migration, op: Operation, project?: ProjectModel): Reversal | null {
  // `DROP SCHEMA analytics CASCADE` where `up` runs `CREATE SCHEMA analytics`: all it holds came with or after it.
  if (OPERATIONS[op.op].destroys === 'schema') {
    // By name, or by the same expression when a value read at run time names it in both phases (`company_${id}`).
    const { name, nameExpression } = op.target;
    const same = (u: Operation) => (name ? u.target.name === name : nameExpression !== undefined && u.target.name === null && u.target.nameExpression === nameExpression);
    const created = name || nameExpression ? migration.up.find((u) => OPERATIONS[u.op].reversedBy.includes(op.op) && same(u)) : undefined;
    return created ? { undoes: 'creates', of: created } : null;
  }
  const same = sameTable(migration);
  const table = tableKey(op.target);
  // A column removed from tables migralint cannot name (a loop over `showAllTables()`), that `up` adds to tables it
  // cannot name either: the same loop undone, matched by the column.
  if (table === null && OPERATIONS[op.op].destroys === 'column' && op.target.column) {
    const added = migration.up.find((u) => OPERATIONS[op.op].reversedBy.includes(u.op) && tableKey(u.target) === null && u.target.column === op.target.column);
    return added ? { undoes: 'adds to the same computed tables', of: added } : null;
  }
  // `dropTable(db[names.rows].tableName)` where `up` runs `db[names.rows].sync()`: the table of the model it syncs,
  // whatever its name (hold-out 103: each migration of a project syncing one model, its `down` dropping its table).
  if (op.target.table === null && op.op === 'dropTable' && op.target.tableExpression) {
    const key = /(?:^|\.)([A-Za-z_$][\w$]*)\.tableName$/.exec(op.target.tableExpression)?.[1];
    // (Only a model has a `tableName`: the object synced is one, whether or not its definition could be read.)
    const synced = key ? migration.up.find((u) => u.modelSync?.model === key && u.modelSync.alter !== null) : undefined;
    if (synced) return { undoes: `creates (by \`${synced.callee}()\`)`, of: synced };
  }
  if (table === null) return null;
  const column = op.target.column ?? (op.target.columnExpression ? `(${op.target.columnExpression})` : null);
  const created = migration.up.find((u) => u.op === 'createTable' && same(tableKey(u.target), table));
  // The `up` steps this kind undoes (the operation table's inverse kinds).
  const undone = OPERATIONS[op.op].reversedBy;
  switch (OPERATIONS[op.op].destroys) {
    case 'table':
    case 'every row': {
      if (created) return { undoes: 'creates', of: created };
      // `sequelize.sync()` of every model before it: it creates each model table the database lacks (hold-out 85).
      const synced = op.op === 'dropTable' ? migration.up.find((u) => u.modelSync && u.modelSync.model === undefined && u.modelSync.alter !== null) : undefined;
      if (synced) return { undoes: `creates (with every model table, by \`${synced.callee}()\`)`, of: synced };
      // `Role.sync({ force: true })` of the model whose table this is (hold-out 97), in any letter case: `dropTable('Roles')`
      // drops that table or, where the case makes another name, nothing.
      const own = op.op === 'dropTable' && project && op.target.table ? migration.up.find((u) => u.modelSync?.model !== undefined && syncedModel(project, u)?.tableName?.toLowerCase() === op.target.table!.toLowerCase()) : undefined;
      return own ? { undoes: `creates (by \`${own.callee}()\`)`, of: own } : null;
    }
    case 'column': {
      const added = migration.up.find(
        (u) => undone.includes(u.op) && same(tableKey(u.target), table) && column !== null && (u.target.column ?? (u.target.columnExpression ? `(${u.target.columnExpression})` : null)) === column,
      );
      if (added) return { undoes: 'adds', of: added };
      // A column `up` adds under another name and then renames to this one (`newId` added, the old `id` dropped, `newId`
      // renamed to `id`): the same column.
      const renamed = column === null ? undefined : migration.up.find((u) => u.op === 'renameColumn' && same(tableKey(u.target), table) && u.target.newName === column);
      const addedAs = renamed ? migration.up.find((u) => undone.includes(u.op) && same(tableKey(u.target), table) && u.target.column === renamed.target.column && u.loc.line <= renamed.loc.line) : undefined;
      if (addedAs && renamed) return { undoes: `adds (as \`${renamed.target.column}\`, renamed to \`${column}\`)`, of: addedAs };
      // Every column of a table this migration creates holds only data written since.
      return created ? { undoes: 'creates (with its table)', of: created } : null;
    }
    case 'rows': {
      if (created) return { undoes: 'creates', of: created };
      // `DELETE ... WHERE c IS NULL` before restoring NOT NULL on c: only rows that `up` made possible (it allowed NULL).
      const nulls = deletedOrphans(op);
      if (nulls?.via === 'null-fk' && nulls.column) {
        const relaxed = migration.up.find(
          (u) => u.op === 'changeColumn' && same(tableKey(u.target), table) && u.target.column === nulls.column && (u.options.allowNull === true || u.options.dropNotNull === true),
        );
        if (relaxed) return { undoes: 'allows (it made the column nullable)', of: relaxed };
      }
      // `DELETE ... WHERE type = 'x'` where `up` added 'x' to an enum (`ALTER TYPE ... ADD VALUE 'x'`): no row held
      // the value before the migration, so only rows written since go.
      const values = deletedByStrings(op);
      const adders = values?.map((v) => upAddsEnumValue(migration, v));
      const addedValue = adders && adders.length > 0 && adders.every((a) => a !== undefined) ? adders[0] : undefined;
      if (addedValue) return { undoes: 'adds to its enum (no row held it before)', of: addedValue };
      const ins = migration.up.find((u) => undone.includes(u.op) && same(tableKey(u.target), table));
      // `bulkDelete('tags_on_permissions', { permissionId: 'p-1' })` where `up` inserts the row 'p-1' into another table:
      // no row could point at it before the migration, so only rows written since go (children deleted before their parent).
      const parent = ins ? undefined : referencedInsert(migration, op, undone);
      if (parent) return { undoes: `makes possible: they point at rows it inserts into \`${parent.target.table ?? parent.target.tableExpression}\` (none could before)`, of: parent };
      if (!ins) return null;
      // `up` empties the table and fills it anew (a reset of reference data): every row there is `up`'s, or came since.
      const empties = (u: Operation) => OPERATIONS[u.op].destroys === 'every row' || ((u.op === 'delete' || u.op === 'bulkDelete') && selectsEveryRow(u));
      const emptied = migration.up.slice(0, migration.up.indexOf(ins)).some((u) => same(tableKey(u.target), table) && empties(u));
      if (selectsEveryRow(op)) return emptied ? { undoes: 'empties and fills anew', of: ins } : null;
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

/**
 * A `down` step that deletes every row of a table its own `up` inserts rows
 * into (a seed undone by `bulkDelete(t, null)`, or a TRUNCATE without
 * CASCADE): it undoes the seed, and deletes every row written since with it.
 * The `up` insert, or null.
 */
export function unseedsAll(migration: Migration, op: Operation): Operation | null {
  const table = tableKey(op.target);
  // A delete of every row, or a TRUNCATE that reaches no other table (no CASCADE).
  const everyRow = OPERATIONS[op.op].destroys === 'rows' ? selectsEveryRow(op) : OPERATIONS[op.op].destroys === 'every row' && op.options.cascade !== true;
  if (table === null || !everyRow) return null;
  const same = sameTable(migration);
  return migration.up.find((u) => (u.op === 'insert' || u.op === 'bulkInsert') && same(tableKey(u.target), table)) ?? null;
}


/**
 * A table as matched here: the replay's key (`schema.table`, `public` by default, so `createTable(t, attrs, { schema })`,
 * `{ schema, tableName }` and SQL `schema.t` are one table), or `(expression)` when the name is not static.
 */
function tableKey(target: Target): string | null {
  if (target.table) return replayedTableKey(target.schema, target.table);
  return target.tableExpression ? `(${target.tableExpression})` : null;
}

/** Equality of tables up to the renames the migration makes (either phase). */
function sameTable(migration: Migration): (a: string | null, b: string | null) => boolean {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const o of [...migration.up, ...migration.down]) {
    if (o.op !== 'renameTable') continue;
    const from = tableKey(o.target);
    // A renamed table stays in its schema.
    const to = o.target.newName ? replayedTableKey(o.target.schema, o.target.newName) : null;
    if (from && to) parent.set(find(from), find(to));
  }
  return (a, b) => a !== null && b !== null && find(a) === find(b);
}

/**
 * The `up` insert into another table of the rows a delete chooses by reference: each key of its where names a
 * foreign key (`permissionId`, `permission_id`), and each value is the `id` of a row one `up` insert writes (its `ids`).
 */
function referencedInsert(migration: Migration, op: Operation, undone: readonly string[]): Operation | undefined {
  if (op.sql) return undefined;
  const raw = op.options.where;
  // `bulkDelete(t, [{ permissionId }])`: one object in a list, as written in some projects.
  const where = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (!where || typeof where !== 'object' || Array.isArray(where)) return undefined;
  const entries = Object.entries(where);
  if (entries.length === 0 || !entries.every(([k]) => /[a-z0-9](Id|_id|ID)$/.test(k))) return undefined;
  const values = entries.flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  if (values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
  const table = tableKey(op.target);
  return migration.up.find((u) => {
    if (!undone.includes(u.op) || tableKey(u.target) === table) return false;
    const ids = u.options.ids;
    return Array.isArray(ids) && values.every((v) => ids.includes(v));
  });
}

/** Top-level keys of a builder where (`{ name: [...] }`); null when not a plain object of column keys. */
function whereKeys(where: JsonValue | undefined): string[] | null {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return null;
  const keys = Object.keys(where);
  return keys.every((k) => /^[A-Za-z_][\w]*$/.test(k)) ? keys : null;
}

/**
 * The strings a DELETE chooses its rows by, when it chooses them by constant strings alone: the values of a
 * builder where object (a string, or a list of strings, per key), or those of a SQL DELETE whose WHERE is an AND
 * of `c = 'x'` and `c IN ('x', 'y')` (read at extraction, src/sql/update-facts.ts). Null otherwise.
 */
export function deletedByStrings(op: Operation): string[] | null {
  if (op.sql) {
    const strings = op.options.deletedBy;
    return Array.isArray(strings) && strings.length > 0 && strings.every((x) => typeof x === 'string') ? (strings as string[]) : null;
  }
  const where = op.options.where;
  if (!where || typeof where !== 'object' || Array.isArray(where) || Object.keys(where).length === 0) return null;
  const out: string[] = [];
  for (const v of Object.values(where)) {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) out.push(...(v as string[]));
    else return null;
  }
  return out;
}

/** The step of the migration's `up` that adds `value` to an enum (`ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'value'`), if any. */
export function upAddsEnumValue(migration: Migration, value: string): Operation | undefined {
  return migration.up.find((u) => u.op === 'alterType' && u.options.addValue === value);
}
