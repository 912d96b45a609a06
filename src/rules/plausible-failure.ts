/**
 * Which later step of a migration can plausibly fail on its own, so that the
 * steps before it stay applied: one notion for every rule that grades a
 * migration that is not atomic by what can really go wrong after a step
 * (require-idempotency-guard, require-transaction-option). A step that can
 * fail only for an outside reason (a lock timeout, a lost connection) is not
 * one: labels.md pattern 14.
 */
import type { JsonValue, Migration, Operation, ProjectModel } from '../model';
import { OPERATIONS, writesRows } from '../operations/table';
import { addedForeignKeys, constraintType, referencedTable, referentialAction } from '../operations/foreign-keys';
import { foreignKeyRejects, postgresType, typeChangeRewrites, typeFamily, unboundedText, wideningKeepsValues } from '../operations/type-casts';
import { setsDefault } from './operations';
import { updateFacts } from '../operations/updates';
import { modelsOfTable, projectDialects, runsOnlyOn, runsOnlyOnMysql, runsOnPostgres } from './project-facts';
import { recentMigrations, type RecentMigrations } from './recent-migrations';
import { emptyBefore } from './empty-tables';
import { deletedByStrings } from './reversal';
import { columnDroppedEarlier, columnIsAbsent, CreatedInMigration, forEachUpStep, indexNameOf, operationTableKey, type Removal, type ReplayedColumn, type SchemaOrigin, targetColumn } from '../schema/replay';

/** What the replay says of the steps of every `up`, before each runs. */
export interface StepsBefore {
  /** The column each changeColumn changes, and the one each removeColumn drops. */
  columnsBefore: ReadonlyMap<Operation, ColumnBefore>;
  /** The column the one foreign key of an addColumn or addConstraint references. */
  referencedBefore: ReadonlyMap<Operation, ColumnBefore>;
  /**
   * For an UPDATE of an `up` (SQL) on a table the replay knows: the SET columns it gives a value that is never NULL,
   * a non-null constant or a copy of a column of the same row that is NOT NULL there (`SET created_by_id = author_id`).
   */
  filledNonNull: ReadonlyMap<Operation, ReadonlySet<string>>;
  /** For an SQL UPDATE: the SET columns it fills with a copy of a key of the row (primary key, unique, serial): distinct in every row. */
  filledDistinct: ReadonlyMap<Operation, ReadonlySet<string>>;
  /**
   * For an insert of constant rows into a table whose every column the replay knows from builder definitions: the
   * columns that can collide with existing rows (a key column, see `collidingColumns`), and the foreign keys of
   * the table (column -> referenced table). Absent when not known.
   */
  insertTargets: ReadonlyMap<Operation, InsertTarget>;
  /**
   * Foreign key addConstraint steps on a column whose definition already references the same table and column: the rows
   * satisfy them. With the definition's ON DELETE and ON UPDATE (`referentialAction`).
   */
  keyAlreadyHeld: ReadonlyMap<Operation, HeldKeyActions>;
  /** The migrations shipping with this one (src/rules/recent-migrations.ts). */
  recent: RecentMigrations;
  /** An earlier migration made a unique key (index or constraint) on exactly these columns of the table. */
  hadUniqueKey(table: string, fields: readonly string[]): boolean;
  /**
   * The columns of the unique index an earlier migration made on the table under this name (given or derived); on
   * MySQL and MariaDB also the column an earlier builder step declared `unique: true` under that name, whose index
   * the server names after the column (measured in test/integration/mysql-builder-steps.test.ts). Null when none.
   */
  uniqueIndexFields(table: string, name: string, dropped: Operation): string[] | null;
  /**
   * A NOT NULL column added without a default can fail on the databases this step runs on: PostgreSQL refuses it on a
   * table with rows ("contains null values"), SQLite on any table; MySQL and MariaDB fill the rows with the type's
   * implicit default (what no-failing-not-null reads too, through `runsOnPostgres`).
   */
  notNullAddFails(op: Operation): boolean;
  /**
   * In a project whose `sync()` builds tables, the table a foreign key references is made by no migration before this
   * one: where the migrations run before the application (a fresh database, the release that brings the model),
   * it is not there yet and the key fails ("relation does not exist"), NULLs or not.
   */
  parentMayBeMissing(parent: string): boolean;
  /**
   * The type the last builder step of an earlier migration gave `table.column` (its createTable, an addColumn, a
   * changeColumn), as written; null when none did or a step renamed or dropped it since. What a changeColumn restates
   * where the replay is unsure of the table (SQL it cannot read ran on it).
   */
  declaredType(table: string, column: string): string | null;
  /** The table holds no rows before this migration: created earlier, written by no migration since nor by the application (`emptyBefore`). */
  unwrittenTable(table: string | null, schema?: string | null): boolean;
}

/**
 * What a rule judging the steps of `migration` asks of the others: the replayed columns (once per project) and the
 * migrations shipping with this one, dated for the previous one too (a table is often created and changed in
 * consecutive releases).
 */
export function stepsBefore(project: ProjectModel, migration: Migration): StepsBefore {
  const hadUniqueKey = (table: string, fields: readonly string[]): boolean =>
    project.migrations.some(
      (m) =>
        m.index < migration.index &&
        m.up.some((u) => u.target.table === table && isUniqueKey(u) && sameColumns(keyFields(u), fields)),
    );
  const uniqueIndexFields = (table: string, name: string, dropped: Operation): string[] | null => {
    let found: string[] | null = null;
    const mysql = runsOnlyOnMysql(project, dropped);
    for (const m of project.migrations) {
      if (m.index >= migration.index) break;
      for (const u of m.up) {
        if (u.target.table !== table) continue;
        if (u.op === 'addIndex' && isUniqueKey(u) && indexNameOf(u) === name) found = keyFields(u);
        else if (mysql && !u.sql && !u.conditional && declaresUnique(u, name)) found = [name];
        else if (mysql && (u.op === 'renameColumn' || u.op === 'removeColumn') && (u.target.column === name || u.target.newName === name) && found?.length === 1 && found[0] === name) found = null;
      }
    }
    return found;
  };
  const notNullAddFails = (op: Operation): boolean => runsOnPostgres(project, op) || (op.dialects ?? projectDialects(project).dialects).includes('sqlite');
  const parentMayBeMissing = (parent: string): boolean =>
    Boolean(project.schemaSync) &&
    !project.migrations.some(
      (m) => m.index < migration.index && m.up.some((u) => (u.op === 'createTable' && u.target.table === parent) || (u.op === 'renameTable' && u.target.newName === parent)),
    );
  const declaredType = (table: string, column: string): string | null => {
    let type: string | null = null;
    // Whether any earlier step made, renamed or touched the table (raw SQL included): then the migrations, not the
    // models, say what it holds.
    let touched = false;
    for (const m of project.migrations) {
      if (m.index >= migration.index) break;
      for (const u of m.up) {
        if (u.op === 'renameTable' && u.target.newName === table) touched = true;
        if (u.target.table !== table) continue;
        if (u.op === 'createTable' || u.op === 'dropTable' || u.op === 'renameColumn' || u.op === 'removeColumn' || u.sql || u.target.column === column) touched = true;
        if (u.conditional) continue;
        if (u.op === 'createTable' && !u.sql) {
          const t = u.columns?.[column]?.type;
          type = typeof t === 'string' ? t : null;
        } else if ((u.op === 'addColumn' || u.op === 'changeColumn') && !u.sql && u.target.column === column) {
          type = typeof u.options.type === 'string' ? u.options.type : null;
        } else if ((u.op === 'removeColumn' || u.op === 'renameColumn') && (u.target.column === column || u.target.newName === column)) {
          type = null;
        }
      }
    }
    if (touched) return type;
    // A table no migration made or changed (the application's sync() built it): the one type the models map the column
    // with is the type its rows were written with (hold-out 86: `sender_id` INTEGER made nullable, restating INTEGER).
    const types = new Set(modelsOfTable(project, { table, schema: null }).flatMap((m) => (m.unresolved ? [null] : m.attributes.filter((a) => a.column === column && !a.virtual).map((a) => a.type))));
    const [only] = types;
    return types.size === 1 && typeof only === 'string' ? only : null;
  };
  const unwrittenTable = (table: string | null, schema?: string | null): boolean => emptyBefore(project, migration, table, schema) !== null;
  return { ...columnsBeforeSteps(project), recent: recentMigrations(project, migration, { previousAlways: false }), hadUniqueKey, uniqueIndexFields, notNullAddFails, parentMayBeMissing, declaredType, unwrittenTable };
}

/**
 * For each insert of constant rows of an `up` (a bulkInsert whose rows migralint reads, an `INSERT ... VALUES`
 * without a SELECT) into a table every column of which a builder definition describes: what its rows can
 * collide on. The unique keys are the columns' own (`primaryKey`, `unique`) and every unique index or constraint
 * any migration puts on the table (more keys than there were at that step: the safe side).
 */
function insertTargets(project: ProjectModel): Map<Operation, InsertTarget> {
  const out = new Map<Operation, InsertTarget>();
  const uniqueFields = new Map<string, string[]>();
  for (const m of project.migrations) {
    for (const u of m.up) {
      if (!u.target.table || !isUniqueKey(u)) continue;
      const fields = keyFields(u);
      // A key whose columns are not known: every column may be in it.
      uniqueFields.set(u.target.table, [...(uniqueFields.get(u.target.table) ?? []), ...(fields ?? ['*'])]);
    }
  }
  forEachUpStep(project.migrations, (step) => {
    const { op, table } = step;
    if ((op.op !== 'insert' && op.op !== 'bulkInsert') || !table || table.uncertain || !table.columnsKnown || !constantRows(op)) return;
    const columns = [...table.columns.values()];
    if (columns.some((c) => c.definition === null)) return;
    const fromIndexes = uniqueFields.get(table.name) ?? [];
    if (fromIndexes.includes('*')) return;
    const keyColumns = new Set<string>(fromIndexes);
    const foreignKeys = new Map<string, string>();
    for (const c of columns) {
      const d = c.definition!;
      if (d.primaryKey === true || (d.unique !== undefined && d.unique !== false)) keyColumns.add(c.name);
      const parent = referencedTable(d.references);
      if (parent !== null) foreignKeys.set(c.name, parent);
    }
    // A key column the rows do not name gets its default: a sequence never repeats, NULL is never a duplicate.
    const defaultedKeys = [...keyColumns].some((k) => {
      const c = table.columns.get(k);
      return !c || !(c.sequence || (c.allowNull !== false && !setsDefault(c.definition?.defaultValue)));
    });
    out.set(op, { keyColumns, defaultedKeys, foreignKeys });
  });
  return out;
}

/** An insert whose rows are constants written in the migration (or values it computed), never rows read from other tables. */
function constantRows(op: Operation): boolean {
  if (op.sql) return typeof op.statement === 'string' && /\bvalues\b/i.test(op.statement) && !/\bselect\b/i.test(op.statement) && Array.isArray(op.options.columns);
  return op.op === 'bulkInsert' && !op.unresolved && Array.isArray(op.options.columns) && op.options.columns.length > 0;
}

/**
 * Constant rows that cannot meet what production holds: they name no column of a unique key of the table (its
 * serial key numbers them, its nullable unique columns stay NULL), and each foreign key they fill points at a
 * table this migration inserted into a moment earlier (the parent row the step before wrote). Such an insert fails
 * only where the migration itself is wrong, or for an outside reason.
 */
function insertCannotCollide(op: Operation, before: readonly Operation[], steps: StepsBefore): boolean {
  const target = steps.insertTargets.get(op);
  if (!target || target.defaultedKeys) return false;
  const written = (op.options.columns as JsonValue[]).filter((c): c is string => typeof c === 'string');
  if (written.some((c) => target.keyColumns.has(c))) return false;
  const insertedBefore = new Set(before.filter((b) => (b.op === 'insert' || b.op === 'bulkInsert') && b.target.table).map((b) => b.target.table!));
  return written.every((c) => !target.foreignKeys.has(c) || insertedBefore.has(target.foreignKeys.get(c)!));
}

/**
 * A changeColumn that restates the type an addColumn earlier in this migration gave the column, and makes it NOT
 * NULL only if that addColumn did: every row holds that addColumn's default or NULL, which nothing converts.
 */
function restatesAddedColumn(op: Operation, before: readonly Operation[]): boolean {
  const added = [...before].reverse().find((b) => b.op === 'addColumn' && !b.sql && b.target.table === op.target.table && b.target.column === op.target.column);
  if (!added || op.sql || typeof op.options.type !== 'string' || typeof added.options.type !== 'string') return false;
  const later = before.slice(before.indexOf(added) + 1);
  if (later.some((b) => b.target.table === op.target.table && (b.target.column === op.target.column || Boolean(b.sql) || writesRows(b.op)))) return false;
  const values = enumLabels(added.options.values);
  return restatesColumn(op, { type: added.options.type, allowNull: added.options.allowNull === false ? false : true, ...(values === undefined ? {} : { values }) });
}

/**
 * A changeColumn making NOT NULL a column an addColumn earlier in this migration added (nullable, the same type
 * restated), after an UPDATE of the table that fills it in every row (no WHERE, or only `WHERE c IS NULL`) with a
 * value that is never NULL (`StepsBefore.filledNonNull`), with no other write of the table or change of the column
 * in between. A foreign key it restates is the one the addColumn made (the values copied satisfy it or not alike); made
 * UNIQUE too, only when the fill copies a key of the row (`StepsBefore.filledDistinct`).
 */
function backfilledNonNull(op: Operation, before: readonly Operation[], steps: StepsBefore): boolean {
  const { table, column } = op.target;
  if (op.sql || op.options.allowNull !== false || !table || !column || typeof op.options.type !== 'string') return false;
  const at = before.findLastIndex((b) => b.op === 'addColumn' && !b.sql && b.target.table === table && b.target.column === column);
  const added = before[at];
  if (!added || added.options.allowNull === false || typeof added.options.type !== 'string' || !restatesColumn(op, { type: added.options.type, allowNull: false })) return false;
  if (hasReferences(op) && referencedTable(op.options.references) !== referencedTable(added.options.references)) return false;
  const since = before.slice(at + 1);
  // Made UNIQUE too: the fill must give every row its own value (a copy of the row's key).
  const unique = op.options.unique !== undefined && op.options.unique !== false;
  const fills = since.findIndex((b) => {
    if (b.op !== 'update' || b.target.table !== table || !steps.filledNonNull.get(b)?.has(column)) return false;
    if (unique && !steps.filledDistinct.get(b)?.has(column)) return false;
    const facts = updateFacts(b);
    return b.options.where === false || (facts?.whereColumns?.length === 1 && facts.whereColumns[0] === column && facts.whereEmpty.includes(column));
  });
  if (fills < 0) return false;
  return !since.slice(fills + 1).some((b) => b.target.table === table && (writesRows(b.op) || b.op === 'sql' || (b.target.column === column && b.op !== 'addIndex')));
}

/**
 * An SQL UPDATE copying a column of the row into another (`SetCopies`) whose types, as the migrations declared them
 * (the addColumn earlier in this migration for the target), are of two families and the target is not text.
 */
function copiesAcrossTypes(op: Operation, before: readonly Operation[], steps: StepsBefore): boolean {
  const copies = op.options.setCopies;
  const table = op.target.table;
  if (!op.sql || !table || copies === null || typeof copies !== 'object' || Array.isArray(copies)) return false;
  for (const [to, from] of Object.entries(copies)) {
    if (typeof from !== 'string') continue;
    const added = [...before].reverse().find((b) => b.op === 'addColumn' && !b.sql && b.target.table === table && b.target.column === to);
    const toType = typeof added?.options.type === 'string' ? added.options.type : steps.declaredType(table, to);
    const toFamily = typeFamily(toType);
    const fromFamily = typeFamily(steps.declaredType(table, from));
    if (toFamily !== null && fromFamily !== null && toFamily !== fromFamily && toFamily !== 'text') return true;
  }
  return false;
}

/** A renameColumn of a column an addColumn earlier in this migration added, to a name a removeColumn earlier in it dropped. */
function renamesOwnColumnIntoFreedName(op: Operation, before: readonly Operation[]): boolean {
  const { table, column, newName } = op.target;
  if (!table || !column || typeof newName !== 'string') return false;
  const added = before.findLastIndex((b) => b.op === 'addColumn' && b.target.table === table && b.target.column === column);
  const freed = before.findLastIndex((b) => b.op === 'removeColumn' && b.target.table === table && b.target.column === newName);
  return added >= 0 && freed >= 0 && !before.slice(added + 1).some((b) => b.target.table === table && b.target.column === column && b.op !== 'update' && b.op !== 'bulkUpdate');
}

/** A builder createTable or addColumn that declares the column `unique: true` (a key of its own, not one shared by name). */
function declaresUnique(op: Operation, column: string): boolean {
  if (op.op === 'createTable') return op.columns?.[column]?.unique === true;
  return op.op === 'addColumn' && op.target.column === column && op.options.unique === true;
}

/** addIndex with `unique`, or addConstraint of a unique key or primary key. */
function isUniqueKey(op: Operation): boolean {
  return (op.op === 'addIndex' && op.options.unique === true) || (op.op === 'addConstraint' && (constraintType(op) === 'unique' || constraintType(op) === 'primary key'));
}

function sameColumns(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((c) => b.includes(c));
}

/**
 * The steps of `later` (steps of `writes` after the one at `at`) that can plausibly fail on their own, each judged
 * with what the migration created before it: what can leave the step at `at` applied. Floating steps are left out
 * (their failure fails nothing) unless `floatingToo` (no-floating-query asks whether they fail at all).
 */
export function laterFailures(writes: readonly Operation[], at: number, later: readonly Operation[], steps: StepsBefore, floatingToo = false): Operation[] {
  const seen = new CreatedInMigration();
  for (const w of writes.slice(0, at + 1)) seen.record(w);
  const failing: Operation[] = [];
  // A NOT NULL column without a default fails on a table with rows: when the step at `at` is one on that table, a
  // later one fails only where it failed first, and then nothing stayed applied.
  const first = notNullWithoutDefaultOn(writes[at]);
  // Every step between counts for what the migration created, judged or not (a table created in the transaction
  // the failing step's rollback does not undo is there, empty, when a step after the transaction changes it).
  for (const w of writes.slice(at + 1)) {
    const sameCause = first !== null && notNullWithoutDefaultOn(w) === first && addedForeignKeys(w).length === 0 && w.options.unique !== true;
    if (later.includes(w) && !sameCause && plausiblyFails(w, seen, writes.slice(0, writes.indexOf(w)), steps, floatingToo)) failing.push(w);
    seen.record(w);
  }
  return failing;
}

/**
 * An `up` step can plausibly fail on its own (`plausiblyFails`), judged with what its migration's earlier steps
 * created, whatever guard or catch encloses it: the question is what a catch around it can hide. A foreign key whose
 * referenced column the replay does not know can fail on the types alone (an INTEGER key to a column a raw SQL swap made
 * UUID: hold-out 67), so it can fail here.
 */
export function failsOnItsOwn(project: ProjectModel, migration: Migration, op: Operation): boolean {
  const at = migration.up.indexOf(op);
  if (at < 0) return true;
  const steps = stepsBefore(project, migration);
  if (addedForeignKeys(op).length > 0 && !steps.referencedBefore.get(op)?.type) return true;
  const seen = new CreatedInMigration();
  for (const w of migration.up.slice(0, at)) seen.record(w);
  return plausiblyFails({ ...op, guard: null, guarded: false }, seen, migration.up.slice(0, at), steps, true);
}

/** The table a builder addColumn adds a NOT NULL column without a default to (it fails where the table has rows); null otherwise. */
function notNullWithoutDefaultOn(op: Operation | undefined): string | null {
  return op && op.op === 'addColumn' && !op.sql && op.target.table && addsNotNullWithoutDefault(op) ? op.target.table : null;
}

/** The attributes of an addColumn say NOT NULL and give no default (nor a key or a sequence that fills every row). */
function addsNotNullWithoutDefault(op: Operation): boolean {
  const o = op.options;
  return o.allowNull === false && o.defaultValue === undefined && o.primaryKey !== true && o.autoIncrement !== true;
}

type ColumnsBefore = Pick<StepsBefore, 'columnsBefore' | 'referencedBefore' | 'insertTargets' | 'filledNonNull' | 'filledDistinct'> & {
  /** removeColumn steps of a column an earlier migration dropped (`columnDroppedEarlier`), with that removal. */
  droppedEarlier: Map<Operation, Removal>;
  /** addIndex steps of an index an earlier migration already created under that name, with that creation. */
  indexedEarlier: Map<Operation, SchemaOrigin>;
  /** removeColumn steps of a column no migration up to them adds to its table (`columnIsAbsent`): they can only fail. */
  absentColumns: Set<Operation>;
  /** Foreign key addConstraint steps on a column whose definition already references the same table and column, with its actions. */
  keyAlreadyHeld: Map<Operation, HeldKeyActions>;
};

/** The ON DELETE and ON UPDATE of a column's definition, as `referentialAction` reads them. */
export interface HeldKeyActions {
  onDelete: string;
  onUpdate: string;
}

/** What an insert of constant rows meets in its table (`StepsBefore.insertTargets`). */
export interface InsertTarget {
  /** Columns a row that names them can collide on: a primary key or unique column, a column of a unique key. */
  keyColumns: Set<string>;
  /** Key columns that a row not naming them still fills with a value that can collide (a non-null default). */
  defaultedKeys: boolean;
  /** Foreign key columns, with the table each references. */
  foreignKeys: Map<string, string>;
}

const columnsMemo = new WeakMap<ProjectModel, ColumnsBefore>();

/** The earlier migration's drop of the column a removeColumn of an `up` removes again (`columnDroppedEarlier`); undefined when none. */
export function droppedBefore(project: ProjectModel, op: Operation): Removal | undefined {
  return columnsBeforeSteps(project).droppedEarlier.get(op);
}

/** A removeColumn of an `up` whose column no migration up to it adds to its table: it can only fail (column does not exist). */
export function columnNeverAdded(project: ProjectModel, op: Operation): boolean {
  return columnsBeforeSteps(project).absentColumns.has(op);
}

/** The earlier migration's creation of the index an addIndex of an `up` creates again under the same name; undefined when none. */
export function indexCreatedBefore(project: ProjectModel, op: Operation): SchemaOrigin | undefined {
  return columnsBeforeSteps(project).indexedEarlier.get(op);
}

/**
 * A foreign key addConstraint of an `up` on a column whose definition (its createTable's `references`) already points
 * at the same table and column, with no constraint of the table dropped since: the key is there already (under
 * PostgreSQL's name `<table>_<column>_fkey`, or MySQL's), and the rows satisfy it.
 */
export function keyAlreadyHeld(project: ProjectModel, op: Operation): HeldKeyActions | undefined {
  return columnsBeforeSteps(project).keyAlreadyHeld.get(op);
}

/** What the replay says of the column a changeColumn or removeColumn of an `up` meets; undefined when not known. */
export function columnBefore(project: ProjectModel, op: Operation): ColumnBefore | undefined {
  return columnsBeforeSteps(project).columnsBefore.get(op);
}

/**
 * What each changeColumn of an `up` meets, and the column each foreign key it adds references, once per project: a
 * step that restates the column's type changes no value, and a key between types of two families fails at once.
 */
function columnsBeforeSteps(project: ProjectModel): ColumnsBefore {
  const known = columnsMemo.get(project);
  if (known) return known;
  const columnsBefore = new Map<Operation, ColumnBefore>();
  const referencedBefore = new Map<Operation, ColumnBefore>();
  // A copy of each: the replay changes the column in place at the next steps.
  const copy = ({ type, allowNull, definition }: ColumnBefore & Pick<ReplayedColumn, 'definition'>): ColumnBefore => {
    const values = enumLabels(definition?.values);
    return values === undefined ? { type, allowNull } : { type, allowNull, values };
  };
  const droppedEarlier = new Map<Operation, Removal>();
  const indexedEarlier = new Map<Operation, SchemaOrigin>();
  const filledNonNull = new Map<Operation, Set<string>>();
  const filledDistinct = new Map<Operation, Set<string>>();
  const absentColumns = new Set<Operation>();
  const keyAlreadyHeld = new Map<Operation, HeldKeyActions>();
  const constraintDropped = new Set<string>();
  forEachUpStep(project.migrations, (step) => {
    const { op } = step;
    if (op.op === 'update' && op.sql && step.table && !step.table.uncertain) {
      const set = updateFacts(op)?.set ?? {};
      const copies = op.options.setCopies;
      const filled = new Set<string>();
      const distinct = new Set<string>();
      for (const [column, fact] of Object.entries(set)) {
        const source = copies !== null && typeof copies === 'object' && !Array.isArray(copies) ? copies[column] : undefined;
        const from = typeof source === 'string' ? step.table.columns.get(source) : undefined;
        if (fact.kind === 'value' && fact.value !== null) filled.add(column);
        else if (from?.allowNull === false) filled.add(column);
        // A copy of the row's key (its primary key, a unique or serial column): no two rows get the same value.
        if (from && (from.sequence || from.definition?.primaryKey === true || from.definition?.unique === true)) distinct.add(column);
      }
      if (filled.size > 0) filledNonNull.set(op, filled);
      if (distinct.size > 0) filledDistinct.set(op, distinct);
    }
    if (step.existingIndex && step.existingIndex.file !== step.migration.file) indexedEarlier.set(op, step.existingIndex);
    if (op.op === 'removeColumn') {
      const removal = columnDroppedEarlier(step);
      if (removal) droppedEarlier.set(op, removal);
      else if (columnIsAbsent(step)) absentColumns.add(op);
    }
    if (op.op === 'changeColumn' || op.op === 'removeColumn') {
      const found = targetColumn(step);
      // A table no migration creates (built by `sync`, by hand) is uncertain from the start, for its other columns; a
      // column a migration added to it, with nothing unreadable since, is known all the same (hold-out 52).
      const known = found && (!found.table.uncertain || (found.table.implicit && !found.table.conditional && found.table.uncertainty.length === 1 && !found.column.conditional));
      if (found && known) {
        const c = found.column;
        const defaulted = c.sequence || (c.definition !== null && setsDefault(c.definition.defaultValue));
        const isEnum = op.op === 'changeColumn' && /^ENUM\b/i.test(c.type ?? '');
        const sequelizeEnum = isEnum && c.previousNames.length === 0 && found.table.previousNames.length === 0 && runsOnlyOn(project, op, 'postgres') && runsOnPostgres(project, op);
        const mysqlEnum = isEnum && runsOnlyOnMysql(project, op);
        columnsBefore.set(op, op.op === 'removeColumn' ? { ...copy(c), defaulted } : sequelizeEnum ? { ...copy(c), sequelizeEnum: true } : mysqlEnum ? { ...copy(c), mysqlEnum: true } : copy(c));
      }
    }
    // A foreign key on a column whose definition (its createTable's `references`) already points at the same table: the
    // rows satisfy the key the column has, so the new one cannot meet a violation (hold-out 72: addConstraint restating
    // what createTable declared).
    // (Not after a constraint of the table was dropped, here or earlier: rows written since may break the key.)
    if (op.op === 'removeConstraint' && op.target.table) constraintDropped.add(op.target.table);
    if (op.op === 'addConstraint' && step.table && !step.table.uncertain && !constraintDropped.has(step.table.name)) {
      const fields = keyFields(op);
      const key = addedForeignKeys(op)[0];
      const column = fields?.length === 1 ? step.table.columns.get(fields[0]!) : undefined;
      const references = column?.definition?.references;
      const declared = references ? referencedTable(references) : null;
      // A builder definition names the parent's column `key` (its primary key `id` when left out).
      const declaredColumn = references && typeof references === 'object' && !Array.isArray(references) && typeof references.key === 'string' ? references.key : 'id';
      if (key && declared !== null && declared === key.parent && declaredColumn === (key.parentColumn ?? 'id')) {
        keyAlreadyHeld.set(op, { onDelete: referentialAction(column!.definition!.onDelete), onUpdate: referentialAction(column!.definition!.onUpdate) });
      }
    }
    if ((op.op === 'addColumn' || op.op === 'addConstraint') && step.referenced && !step.referenced.uncertain) {
      const name = addedForeignKeys(op)[0]?.parentColumn;
      const parent = name ? step.referenced.columns.get(name) : undefined;
      if (parent) referencedBefore.set(op, copy(parent));
    }
  });
  const found = { columnsBefore, referencedBefore, insertTargets: insertTargets(project), droppedEarlier, indexedEarlier, filledNonNull, filledDistinct, absentColumns, keyAlreadyHeld };
  columnsMemo.set(project, found);
  return found;
}

/**
 * `DROP CONSTRAINT x` (or `DROP INDEX IF EXISTS x`, `DROP TABLE IF EXISTS x`, `DROP VIEW IF EXISTS x`) right before
 * `ADD CONSTRAINT x` (`CREATE INDEX x`, `CREATE TABLE x`, `CREATE VIEW x`): the add cannot meet "already exists". Only a step that creates something (it destroys nothing) is protected by its undo.
 */
export function precededByItsUndo(op: Operation, before: readonly Operation[]): boolean {
  const { destroys, reversedBy: undo } = OPERATIONS[op.op];
  if (destroys !== 'nothing' || undo.length === 0) return false;
  return before.some((b) => {
    if (!undo.includes(b.op)) return false;
    if (op.op === 'addColumn') return b.target.table === op.target.table && b.target.column !== null && b.target.column === op.target.column;
    // `DROP TABLE IF EXISTS t_copy` (or `dropTable`) then `CREATE TABLE t_copy AS TABLE t`: the rerun drops it again.
    if (op.op === 'createTable') {
      const table = operationTableKey(op);
      return table !== null && table === operationTableKey(b);
    }
    // An index by the name PostgreSQL gets, explicit or derived from table and fields as Sequelize derives it
    // (`removeIndex(t, ['code'])` then `addIndex(t, ['code'], { unique: true })`: both `t_code`).
    if (op.op === 'addIndex' && b.op === 'removeIndex') {
      const name = indexNameOf(op);
      return name !== null && name === indexNameOf(b);
    }
    // `DELETE FROM configs WHERE key = 'x'` then an INSERT of the row whose key is 'x': a rerun deletes it and inserts it again.
    if ((op.op === 'insert' || op.op === 'bulkInsert') && (b.op === 'delete' || b.op === 'bulkDelete')) {
      const values = b.target.table === op.target.table ? deletedByStrings(b) : null;
      const texts = Array.isArray(op.options.texts) ? op.options.texts : [];
      return values !== null && values.every((v) => texts.includes(v));
    }
    // `ADD PRIMARY KEY (...)` gets PostgreSQL's name `<table>_pkey` (measured: test/semantics/failing-changes.test.ts).
    const name = op.target.name ?? (op.op === 'addConstraint' && op.options.constraintType === 'primary key' && op.target.table && b.target.table === op.target.table ? `${op.target.table}_pkey` : null);
    return b.target.name != null && b.target.name === name;
  });
}

/**
 * A later step that can plausibly fail on its own, so that the steps before
 * it stay applied: a check of existing rows (a constraint, a unique index, a
 * foreign key constraint, a NOT NULL column with no default, a type change other than to
 * text), a rename on an existing table (it fails where the schema drifted), a
 * concurrent index build, or rows inserted into an existing table (a unique
 * key; not constant rows that name no key column: `insertCannotCollide`). Backfill updates, views, functions, plain indexes and nullable columns
 * fail only for an outside reason (a lock timeout, a lost connection), and so do a
 * unique key or a foreign key over a column this migration added without a default (or a new nullable column
 * declared unique)
 * (every row holds NULL there, which neither checks: `freshNulls`); a step
 * whose promise is not awaited cannot fail the migration at all.
 */
function plausiblyFails(op: Operation, created: CreatedInMigration, before: readonly Operation[], steps: StepsBefore, floatingToo = false): boolean {
  // A floating step's failure fails nothing (require-idempotency-guard), unless the question is whether it fails at all.
  if (op.floating && !floatingToo) return false;
  // Nor does a step under a catch that takes every error: the migration goes on and is recorded (no-swallowed-errors
  // judges that catch; hold-out 55).
  if (op.guard?.kind === 'catch-all' && !op.compensation) return false;
  // A table this migration, or one shipping with it, created holds no rows the application wrote.
  const existing = !created.tableIsNew(op.target.table) && !steps.recent.tableIsNew(op.target.table);
  const column = steps.columnsBefore.get(op);
  switch (op.op) {
    // On a table this migration creates (empty), a unique index or a constraint cannot meet a violation;
    // nor can a constraint this migration dropped a moment earlier and adds again (a new ON DELETE): the rows satisfied it,
    // nor a unique key on more columns than the one just dropped (unique(a) → unique(a, b)): the rows satisfied a stronger one.
    case 'addConstraint':
      return (
        existing &&
        !readdsDroppedConstraint(op, before) &&
        !relaxesDroppedUnique(op, [...shippedBefore(op, steps), ...before], steps) &&
        !keyOnOwnData(op, created) &&
        !uniqueOverFreshNulls(op, before) &&
        !(foreignKeyOverFreshNulls(op, before, steps) && !parentMissing(op, created, steps)) &&
        !steps.keyAlreadyHeld.has(op)
      );
    case 'addIndex':
      // On a table or view created here, only its own data can break the build: nothing else writes to it or holds a lock.
      if (created.relationIsNew(op.target.table) || steps.recent.tableIsNew(op.target.table)) return false;
      if (op.options.concurrently === true) return true;
      return op.options.unique === true && !relaxesDroppedUnique(op, [...shippedBefore(op, steps), ...before], steps) && !coversNoExistingRow(op, before) && !uniqueOverFreshNulls(op, before);
    case 'addColumn': {
      const o = op.options;
      const notNullNoDefault = addsNotNullWithoutDefault(op) && steps.notNullAddFails(op);
      // A foreign key on a new nullable column checks nothing (every value is NULL): only its locks can time out. With a
      // default every row holds it, which the parent may lack; between types of two families it fails at once.
      const failingKey =
        addedForeignKeys(op).length > 0 && !keyOnOwnData(op, created) && (!addsNulls(op) || typesClash(op.options.type, steps.referencedBefore.get(op)) || parentMissing(op, created, steps));
      // A unique column every row holds NULL in (no default) has no duplicate: NULLs are distinct.
      return existing && (notNullNoDefault || (o.unique === true && !addsNulls(op)) || failingKey);
    }
    case 'changeColumn': {
      // The column's own type restated (to change its default, its ON DELETE, or to re-add the foreign key just dropped): no value converts.
      if (column && restatesColumn(op, column) && (!hasReferences(op) || readdsDroppedConstraint(op, before))) return false;
      // The same, for a column this migration added a moment earlier on a table the replay does not know (made by
      // sync(), by hand): the addColumn says what the column is.
      if (!column && !hasReferences(op) && restatesAddedColumn(op, before)) return false;
      // Where the replay is unsure of the table: the type the migrations last declared for the column, restated, with
      // NOT NULL not asked for, converts no value and refuses no row.
      if (!column && !op.sql && !hasReferences(op) && op.options.allowNull !== false && op.target.table && op.target.column) {
        const declared = steps.declaredType(op.target.table, op.target.column);
        if (declared !== null && restatesColumn(op, { type: declared, allowNull: true })) return false;
      }
      // An ENUM column changed to an ENUM on PostgreSQL: Sequelize keeps the column's type `enum_<table>_<column>` (its
      // CREATE TYPE is skipped when the type exists) and converts it to itself: no value can fail, unless the call
      // makes a nullable column NOT NULL (a value a list adds is missing from the type, which fails at its first write).
      if (column?.sequelizeEnum && !op.sql && !hasReferences(op) && typeof op.options.type === 'string' && /^ENUM\b/i.test(op.options.type) && !(op.options.allowNull === false && column.allowNull !== false)) return false;
      // MySQL: an ENUM widened, every label it had kept (`surveys.status` gaining 'IN_REVIEW'; hold-out 98), unless the
      // call makes a nullable column NOT NULL.
      if (column?.mysqlEnum && !op.sql && !hasReferences(op) && !(op.options.allowNull === false && column.allowNull !== false) && keepsEveryLabel(column, op)) return false;
      // NOT NULL on a column this migration added and then filled in every row with a value that is never NULL
      // (`UPDATE t SET c = <a NOT NULL column>`, or only where `c IS NULL`): no NULL is left to refuse it.
      if (backfilledNonNull(op, before, steps)) return false;
      // Any value casts to text: only a change to another type can meet a value that does not convert.
      const type = typeof op.options.type === 'string' ? op.options.type.toUpperCase() : '';
      // A change PostgreSQL makes without looking at the values (a longer varchar, varchar to text, a wider numeric;
      // src/operations/type-casts.ts, measured): no value can fail to convert, unless it also makes a nullable column NOT NULL.
      if (column && !op.sql && !hasReferences(op) && !(op.options.allowNull === false && column.allowNull !== false) && typeChangeRewrites(postgresType(column.type), postgresType(typeof op.options.type === 'string' ? op.options.type : null)) === false) return false;
      // Nor one that widens a number (INTEGER to BIGINT or FLOAT): PostgreSQL rewrites the table, and every value fits.
      if (column && !op.sql && !hasReferences(op) && !(op.options.allowNull === false && column.allowNull !== false) && op.options.unique !== true && wideningKeepsValues(postgresType(column.type), postgresType(typeof op.options.type === 'string' ? op.options.type : null))) return false;
      // A column a migration shipping with this one added, into whose table nothing has written since: it holds only
      // NULLs (or its default), which convert to any type; only NOT NULL can meet them (hold-out 95: DECIMAL restated
      // on columns the previous migration of the same commit added, a warning judged routine; hold-out 96: a column
      // just added cast to an enum type).
      // The same for a column this migration added a moment earlier (without a default: every row NULL).
      const fresh = op.target.table !== null && op.target.column !== null && (steps.recent.created.columnIsNew(op.target.table, op.target.column) || freshNulls(op.target.table, op.target.column, before) !== null);
      // Only where no cast is refused whatever the values: raw SQL with its own `USING`, or MySQL's (read by its
      // keywords), which converts NULL to any type; PostgreSQL refuses a change with no implicit cast even on NULLs.
      const castsAnyValue = op.sql === true && (op.sqlNotParsed === true || /\bUSING\b/i.test(op.statement ?? ''));
      if (fresh && castsAnyValue && !hasReferences(op) && op.options.setNotNull !== true && op.options.allowNull !== false) return false;
      // Raw SQL says which: SET NOT NULL meets existing NULLs; DROP NOT NULL and defaults cannot fail.
      if (op.sql) return existing && (op.options.setNotNull === true || (type !== '' && !unboundedText(type)));
      return existing && !unboundedText(type);
    }
    // A rename fails where the schema drifted from what the migrations say, and waits for every query on a busy table
    // (labels.md #79: a rename of `users.slackId` is a plausible failure even though the migrations created the column).
    case 'renameColumn':
      // The copy-and-swap's last step (add `new_c`, copy, drop `c`, rename `new_c` to `c`): the column was added and
      // the name freed a moment earlier by this migration, so only an outside failure can stop it.
      return existing && !renamesOwnColumnIntoFreedName(op, before);
    case 'renameTable':
      return existing;
    // `UPDATE t SET new_id = id` into a column of another type family (text into integer, a date...): a value that does
    // not convert fails it (PostgreSQL refuses the assignment outright, MySQL's strict mode a value it cannot read).
    case 'update':
      return existing && copiesAcrossTypes(op, before, steps);
    // Rows converted from other tables can break a foreign key to an existing table even in a table a recent migration
    // created: only this migration's own new table counts as holding nothing to conflict with.
    // Nor can rows inserted into an older table nothing has written yet (reference data loaded from bundled files): they
    // meet only this migration's own rows, a failure on every database alike (hold-out 88).
    case 'bulkInsert':
    case 'insert':
      return !created.tableIsNew(op.target.table) && !insertCannotCollide(op, before, steps) && !steps.unwrittenTable(op.target.table, op.target.schema);
    default:
      return false;
  }
}

/**
 * A foreign key whose columns this migration added (every row holds their
 * default or NULL) to a table this migration created: only the migration's
 * own rows decide whether it holds, so it fails only where the migration
 * itself is wrong, not on what production holds.
 */
function keyOnOwnData(op: Operation, created: CreatedInMigration): boolean {
  const [key] = addedForeignKeys(op);
  const fields = foreignKeyFields(op);
  if (!key || !fields) return false;
  // An addColumn's own column is new: the migration records it only after the step.
  return created.tableIsNew(key.parent) && (op.op === 'addColumn' || fields.every((f) => created.columnIsNew(op.target.table, f)));
}

/** A foreign key of the step references a table that may not be there yet (`StepsBefore.parentMayBeMissing`), not one this migration creates. */
function parentMissing(op: Operation, created: CreatedInMigration, steps: StepsBefore): boolean {
  return addedForeignKeys(op).some((k) => k.parent !== null && !created.tableIsNew(k.parent) && steps.parentMayBeMissing(k.parent));
}

/** The columns that get the foreign key: an addConstraint's `fields`, an addColumn's own column; null when not static. */
function foreignKeyFields(op: Operation): string[] | null {
  if (op.op === 'addColumn') return op.target.column !== null ? [op.target.column] : null;
  // `op.fields`: also Sequelize 5's `addConstraint(table, ['col'], options)`, whose fields are no option.
  const fields = op.fields ?? (Array.isArray(op.options.fields) ? op.options.fields : []);
  return fields.length > 0 && fields.every((f): f is string => typeof f === 'string') ? fields : null;
}

/**
 * A foreign key constraint over columns this migration added without a
 * default, with nothing written into them since (`freshNulls`): every row
 * holds NULL there, which satisfies any foreign key (MATCH SIMPLE and FULL
 * alike), so validating it cannot fail, unless the column's type and the
 * referenced one's are of two families PostgreSQL cannot compare (measured in
 * test/semantics/failing-changes.test.ts).
 */
function foreignKeyOverFreshNulls(op: Operation, before: readonly Operation[], steps: StepsBefore): boolean {
  const keys = addedForeignKeys(op);
  const fields = foreignKeyFields(op);
  if (op.op !== 'addConstraint' || keys.length !== 1 || !fields) return false;
  const added = fields.map((f) => freshNulls(op.target.table, f, before));
  if (added.some((a) => a === null)) return false;
  return !(added.length === 1 && typesClash(added[0]!.options.type, steps.referencedBefore.get(op)));
}

/** Both types are known and of families between which PostgreSQL refuses a foreign key (`foreignKeyRejects`). */
function typesClash(child: JsonValue | undefined, parent: ColumnBefore | undefined): boolean {
  const childFamily = typeFamily(typeof child === 'string' ? child : null);
  const parentFamily = typeFamily(parent?.type);
  return childFamily !== null && parentFamily !== null && foreignKeyRejects(childFamily, parentFamily);
}

/** An addColumn (builder or SQL) that leaves NULL in every existing row: nullable, no default, no sequence or identity. */
function addsNulls(op: Operation): boolean {
  const o = op.options;
  if (op.sql) return o.notNull !== true && o.default !== true;
  return o.allowNull !== false && !setsDefault(o.defaultValue) && o.autoIncrement !== true && o.primaryKey !== true;
}

/**
 * The addColumn of `table.column` earlier in this migration when every existing
 * row still holds NULL there: the column was added without a default
 * (`addsNulls`), and no step since wrote rows of the table (an update, an
 * insert; one whose table is not static, or SQL migralint does not read, may
 * have) nor changed the column. Null otherwise.
 */
function freshNulls(table: string | null, column: string, before: readonly Operation[]): Operation | null {
  const at = before.findLastIndex((b) => b.op === 'addColumn' && b.target.table === table && b.target.column === column);
  const added = before[at];
  if (!added || !addsNulls(added)) return null;
  const written = before
    .slice(at + 1)
    .some(
      (b) =>
        ((writesRows(b.op) || b.op === 'sql') && (b.target.table === null || b.target.table === table)) ||
        b.op === 'unresolved' ||
        (b.op === 'changeColumn' && b.target.table === table && b.target.column === column),
    );
  return written ? null : added;
}

/**
 * A constraint the same migration dropped before this step and now adds
 * again: the same name (`DROP CONSTRAINT x` then `ADD CONSTRAINT x`, tables
 * equal or not static), or, for a `changeColumn` with `references`, a dropped
 * constraint of the table named after that column (`t_col_fkey`).
 */
export function readdsDroppedConstraint(op: Operation, before: readonly Operation[]): boolean {
  // The same name: the undo that also keeps the add itself from meeting "already exists". Under another name, a foreign
  // key on the one column whose dropped key's name says that column (`lessons_courseId_fkey` dropped, `fk_lessons_course`
  // added): every row satisfied the old one a moment earlier (the ON DELETE changed, the name tidied).
  let column = op.target.column;
  if (op.op === 'addConstraint') {
    if (precededByItsUndo(op, before)) return true;
    const fields = keyFields(op);
    column = constraintType(op) === 'foreign key' && fields?.length === 1 ? fields[0]! : null;
  }
  return column !== null && before.some((b) => b.op === 'removeConstraint' && b.target.table === op.target.table && droppedConstraintName(b)?.includes(column) === true);
}

/**
 * The name a removeConstraint drops, or, when a value migralint cannot resolve is part of it in SQL
 * (`DROP CONSTRAINT "${schema}.posts_media_media_id_fk"`), the text after DROP CONSTRAINT, which holds the rest.
 */
function droppedConstraintName(b: Operation): string | null {
  if (b.target.name) return b.target.name;
  if (!b.sql || typeof b.statement !== 'string') return null;
  return /\bdrop\s+constraint\s+(?:if\s+exists\s+)?(\S+)/i.exec(b.statement)?.[1] ?? null;
}

/** The columns a unique constraint or unique index covers, as written. */
function keyFields(op: Operation): string[] | null {
  const fields = op.fields ?? (Array.isArray(op.options.fields) ? op.options.fields : null);
  if (!fields || fields.length === 0) return null;
  const names = fields.map((f) => (typeof f === 'string' ? f : f !== null && typeof f === 'object' && !Array.isArray(f) && typeof f.name === 'string' ? f.name : null));
  return names.every((n): n is string => n !== null) ? names : null;
}

/**
 * The `up` steps of the migrations shipping with this one (`recentMigrations`) whose rows of the step's table no
 * migration wrote since: what they dropped, the rows still satisfy when this one runs.
 */
function shippedBefore(op: Operation, steps: StepsBefore): Operation[] {
  const table = op.target.table;
  if (!table) return [];
  return steps.recent.recent.filter((r) => !r.writtenSince.has(table)).flatMap((r) => r.migration.up);
}

/**
 * A unique key on `(a, b)` added after this migration dropped, on the same
 * table, a unique key on `a` alone: every row satisfied the stronger key a
 * moment earlier, so the weaker one cannot meet a duplicate. The dropped key's
 * columns come from its name as PostgreSQL and Sequelize write it
 * (`t_a_key`, `t_a_b_unique`, `t_a_uk`, `t_a_idx`), or from the fields of a
 * `removeIndex(t, [a, b])` when an earlier migration made that key unique (then
 * the same columns count too). A partial key (`WHERE ...`) covers fewer rows
 * still.
 */
function relaxesDroppedUnique(op: Operation, before: readonly Operation[], steps: StepsBefore): boolean {
  const table = op.target.table;
  if (!table || (op.op === 'addConstraint' && constraintType(op) !== 'unique') || (op.op === 'addIndex' && op.options.unique !== true)) return false;
  const fields = keyFields(op);
  if (!fields) return false;
  return before.some((b) => {
    if ((b.op !== 'removeConstraint' && b.op !== 'removeIndex') || b.target.table !== table) return false;
    const byName = b.op === 'removeIndex' && b.target.name ? steps.uniqueIndexFields(table, b.target.name, b) : null;
    if (byName) return byName.every((c) => fields.includes(c));
    const droppedFields = b.op === 'removeIndex' ? keyFields(b) : null;
    if (droppedFields) return droppedFields.every((c) => fields.includes(c)) && steps.hadUniqueKey(table, droppedFields);
    if (!b.target.name) return false;
    const m = /^(.*)_(key|unique|uk|ukey|idx|index)$/i.exec(b.target.name);
    if (!m || !m[1]!.startsWith(`${table}_`)) return false;
    const dropped = m[1]!.slice(table.length + 1);
    // Some of the new key's columns, in any order, joined by `_`, spell the dropped key: a key on fewer columns.
    return subsetsJoined(fields).some((name) => name === dropped) && dropped !== fields.join('_');
  });
}

/** Every ordered selection of 1..n of the names, joined by `_` (n ≤ 4: 64 spellings at most). */
function subsetsJoined(names: readonly string[]): string[] {
  if (names.length > 4) return [];
  const out: string[] = [];
  const walk = (chosen: string[], rest: readonly string[]) => {
    if (chosen.length > 0) out.push(chosen.join('_'));
    rest.forEach((n, i) => walk([...chosen, n], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  walk([], names);
  return out;
}

/**
 * A partial unique index whose `where` (an object of column → value) asks for
 * a value that no existing row holds: each column was added earlier in this
 * migration with a different default (`isUnique` added `defaultValue: false`,
 * index `where: { isUnique: true }`), so the index starts empty.
 */
function coversNoExistingRow(op: Operation, before: readonly Operation[]): boolean {
  const where = op.options.where;
  if (!where || typeof where !== 'object' || Array.isArray(where)) return false;
  const entries = Object.entries(where);
  if (entries.length === 0) return false;
  // One column whose every existing row holds another value is enough: the conditions are ANDed.
  return entries.some(([column, wanted]) => {
    if (wanted === null || typeof wanted === 'object') return false;
    const added = before.find((b) => b.op === 'addColumn' && b.target.table === op.target.table && b.target.column === column);
    const def = added?.options.defaultValue;
    // A builder where holds JavaScript values, a SQL one canonical strings (`'true'`): compared as text.
    return added !== undefined && def !== undefined && def !== null && typeof def !== 'object' && String(def) !== String(wanted);
  });
}

/**
 * A unique key one of whose columns this migration added earlier without a
 * default (`freshNulls`): every existing row holds NULL there, and PostgreSQL
 * never counts rows with a NULL in the key as duplicates (NULLS DISTINCT, the
 * default), so the key cannot meet a violation among them.
 */
function uniqueOverFreshNulls(op: Operation, before: readonly Operation[]): boolean {
  if (op.op === 'addConstraint' && constraintType(op) !== 'unique') return false;
  // PostgreSQL 15's NULLS NOT DISTINCT counts NULLs as equal: the column's NULLs collide.
  if (/\bNULLS\s+NOT\s+DISTINCT\b/i.test(op.statement ?? '')) return false;
  const fields = keyFields(op);
  if (!fields) return false;
  return fields.some((column) => freshNulls(op.target.table, column, before) !== null);
}

function hasReferences(op: Operation): boolean {
  const ref = op.options.references;
  return ref !== undefined && ref !== null;
}

/** The type and nullability a column had before a step. */
export type ColumnBefore = Pick<ReplayedColumn, 'type' | 'allowNull'> & {
  /** For a removeColumn: the column has a default (a builder `defaultValue`, a sequence), so an insert that omits it succeeds. */
  defaulted?: boolean;
  /** The labels of a bare ENUM's `values`, as the step that declared the column wrote them (undefined: none; null: not read). */
  values?: string[] | null;
  /**
   * On PostgreSQL, the column is a builder ENUM under the names it was declared with (table and column never renamed):
   * its type is Sequelize's `enum_<table>_<column>`, which a later changeColumn to an ENUM keeps (measured in
   * test/semantics/enum-change-column.test.ts), converting no value.
   */
  sequelizeEnum?: true;
  /**
   * On MySQL and MariaDB, the column is an ENUM: changed to an ENUM listing every label it had (more, in any order),
   * each row keeps its value (measured in test/integration/mysql-builder-steps.test.ts); one missing a label fails in
   * strict mode on the rows holding it.
   */
  mysqlEnum?: true;
};

/**
 * The builder `changeColumn` states the type the column has (as written) and does not make a nullable column NOT NULL.
 * A bare `ENUM` with its labels in `values` (`{ type: DataTypes.ENUM, values: [...] }`) restates the column only when
 * every label the column had is among them: the type is written the same for any list.
 */
export function restatesColumn(op: Operation, column: ColumnBefore): boolean {
  if (op.sql || typeof op.options.type !== 'string' || !column.type) return false;
  const norm = (t: string) => t.replace(/\s+/g, '').toUpperCase();
  if (norm(op.options.type) !== norm(column.type)) return false;
  const labels = enumLabels(op.options.values);
  if (labels !== undefined && (labels === null || column.values === undefined || column.values === null || !column.values.every((v) => labels.includes(v)))) return false;
  return !(op.options.allowNull === false && column.allowNull !== false);
}

/**
 * A changeColumn to an ENUM whose labels include every label the column had: both lists read, from a bare ENUM's
 * `values` or the labels of its type as written (`ENUM('DRAFT', 'OPEN')`).
 */
function keepsEveryLabel(column: ColumnBefore, op: Operation): boolean {
  const had = column.values ?? typeLabels(column.type);
  const now = enumLabels(op.options.values) ?? typeLabels(typeof op.options.type === 'string' ? op.options.type : null);
  return Array.isArray(had) && Array.isArray(now) && had.length > 0 && had.every((l) => now.includes(l));
}

/** The labels of an ENUM type as Sequelize writes it (`ENUM('a', 'b')`, quotes doubled inside); null when not of that form. */
export function typeLabels(type: string | null | undefined): string[] | null {
  const list = /^ENUM\s*\(((?:\s*'(?:[^']|'')*'\s*,?)+)\)$/i.exec((type ?? '').trim())?.[1];
  if (list === undefined) return null;
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}

/** The labels of an attribute's `values` (a bare ENUM's list): undefined when it has none, null when they are not all strings. */
export function enumLabels(values: JsonValue | undefined): string[] | null | undefined {
  if (values === undefined || values === null) return undefined;
  return Array.isArray(values) && values.every((v): v is string => typeof v === 'string') ? values : null;
}
