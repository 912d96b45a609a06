import type { JsonValue, Migration, Operation } from '../model';
import { addedForeignKeys, referencedTable } from '../operations/foreign-keys';
import { OPERATIONS, sequelizeIndexName } from '../operations/table';

/**
 * The schema the migrations build: every `up` replayed in run order, the
 * way production gets its tables (it runs only migrations, never `sync`).
 *
 * What the replay cannot know it says instead of guessing: a table that an
 * unresolved operation may have touched is `uncertain`, and an operation
 * whose table is unknown (an unfollowed helper, SQL built at run time, a DO
 * block, a file that does not parse) is `opaque`: it may have created,
 * changed or dropped any table, so every table that exists at that point
 * becomes uncertain, and a table that the replay does not find may still
 * exist. Tables created after it are certain again.
 *
 * One implementation of schema tracking serves every reader: the whole
 * project in run order, replayed once per list of migrations and shared by
 * every rule and the report (`projectReplay`: the final schema, and what
 * each `up` step met), a rule that steps through the migrations itself
 * (`SchemaReplay`, for no-duplicate-create-table, which forgets what a
 * runner baseline skips), and one migration's own steps
 * (`CreatedInMigration`: what this migration created so far).
 */

/** Where a fact of the schema comes from. */
export interface SchemaOrigin {
  /** Project-relative migration path. */
  file: string;
  /** Migration file name. */
  migration: string;
  line: number;
  column: number;
}

export interface ReplayedColumn {
  name: string;
  /** As the migration writes it: `STRING(20)` for the builder, `varchar(20)` for SQL; null when not static. */
  type: string | null;
  /** null when not known (raw SQL CREATE TABLE lists only names). */
  allowNull: boolean | null;
  /** Added by an operation that may not run (under an `if`, after an early return): the migration intends it, so it counts. */
  conditional: boolean;
  createdBy: SchemaOrigin;
  /** The operation that gave the column its current name: `createdBy`, or the last renameColumn. */
  namedBy: SchemaOrigin;
  /** Later changeColumn / renameColumn operations, in run order. */
  changedBy: SchemaOrigin[];
  /** Names it had before a renameColumn, oldest first. */
  previousNames: string[];
  /** The attribute definition as the builder call wrote it (createTable, the last addColumn / changeColumn); null for SQL. */
  definition: Record<string, JsonValue> | null;
  /** The database numbers it from a sequence (autoIncrement, serial, identity, `DEFAULT nextval(...)`), builder or SQL. */
  sequence: boolean;
}

export interface Uncertainty {
  origin: SchemaOrigin;
  reason: string;
}

export interface ReplayedTable {
  /** `public` unless a schema is named. */
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Map<string, ReplayedColumn>;
  /** The column list is known (createTable with static attributes, CREATE TABLE with a column list). */
  columnsKnown: boolean;
  /** Created by an operation that may not run. */
  conditional: boolean;
  /** No migration creates it, yet a migration alters it (created by `sync` or by hand?): its other columns are unknown. */
  implicit: boolean;
  /** Something the replay could not resolve may have changed it: findings about it are not reliable. */
  uncertain: boolean;
  uncertainty: Uncertainty[];
  /** null for implicit tables. */
  createdBy: SchemaOrigin | null;
  /** Names it had before a renameTable, oldest first. */
  previousNames: string[];
  /** Columns a migration removed or renamed away, by their old name (the latest change wins). */
  removedColumns: Map<string, Removal>;
}

/** How a table or column stopped existing under a name. */
export interface Removal {
  by: SchemaOrigin;
  how: 'dropped' | 'renamed';
  /** For renames. */
  newName?: string;
  /** For tables: the table as it was when it went. */
  table?: ReplayedTable;
  /**
   * For columns: how many entries the table's \`uncertainty\` had when the column went. More now: a step the replay
   * cannot read ran since (an opaque step, an unresolved change of the table) and may have brought it back.
   */
  uncertaintyThen?: number;
  /** For columns: the replay did not know the column (its table's columns are not all known); it is gone all the same. */
  unknown?: true;
}

/** An index the migrations create, by the name PostgreSQL gets (explicit, or derived as Sequelize derives it). */
export interface ReplayedIndex {
  schema: string;
  name: string;
  /** The replay's key of its table (`tableKey`), null when not static. */
  table: string | null;
  createdBy: SchemaOrigin;
  /** Created under a condition (`if (tables.length)` of a look-up): it may not be there. */
  conditional?: boolean;
}

/** A column added to a table whose name is not static (`addColumn(Settings.NAME, 'x')`): known by the expression only. */
export interface UnnamedColumn {
  /** The table as written; null when not even that is known (an element of a list read from the database). */
  expression: string | null;
  column: string;
  origin: SchemaOrigin;
}

export interface ReplayedSchema {
  /** By `tableKey(schema, name)`. */
  tables: Map<string, ReplayedTable>;
  /** Tables that existed under a key no table holds any more, with how they went (the latest removal). */
  removedTables: Map<string, Removal>;
  /** Operations whose table is unknown: any table may have been created, changed or dropped by them. */
  opaque: Uncertainty[];
  /** Operations that would fail on the replayed schema (a column that does not exist, ...): facts, not findings. */
  anomalies: Uncertainty[];
  /** By `indexKey(schema, name)`; the first creation wins, as PostgreSQL refuses the second. */
  indexes: Map<string, ReplayedIndex>;
  /** Columns added to tables whose name is not static (such a step also makes the schema opaque). */
  unnamedColumns: UnnamedColumn[];
}

/** `schema.table`, `public` by default: the replay's table key. */
export function tableKey(schema: string | null | undefined, table: string): string {
  return `${schema || 'public'}.${table}`;
}

/**
 * The schema an operation names: `{ tableName, schema }`, `schema.table` in SQL, or the `schema` option of the
 * calls that read it (createTable, describeTable: extraction puts it in the target); null for the default.
 */
export function schemaOf(op: Operation): string | null {
  return op.target.schema ?? null;
}

/** The replay's key of an operation's table; null when the name is not static. */
export function operationTableKey(op: Operation): string | null {
  return op.target.table ? tableKey(schemaOf(op), op.target.table) : null;
}

/** `schema.index`, `public` by default: the key of an index (index names are unique per schema). */
export function indexKey(schema: string | null | undefined, name: string): string {
  return `${schema ?? 'public'}.${name}`;
}

/** Changes which tables or columns exist (the operation table: a schema step on a table or a column). */
function changesStructure(op: Operation): boolean {
  const { family, subject } = OPERATIONS[op.op];
  return family === 'schema' && (subject === 'table' || subject === 'column');
}

/** The index name PostgreSQL gets: explicit, or derived the way Sequelize derives it (a SQL CREATE INDEX without a name gets a fresh one). */
export function indexNameOf(op: Operation): string | null {
  if (op.target.name) return op.target.name;
  if (op.sql && op.op === 'addIndex') return null;
  if (!op.target.table || !op.fields || op.fields.some((f) => f === null)) return null;
  return sequelizeIndexName(op.target.table, op.fields as string[]);
}

/** SQL statement types that may do anything (a DO block runs arbitrary DDL). */
const OPAQUE_STATEMENTS = new Set(['DoStmt', 'CallStmt', 'ExecuteStmt']);

/** The migration a step belongs to, for origins. */
type StepSource = Pick<Migration, 'file' | 'name'>;

/** Replays steps one at a time, in run order; `schema` is the state after the last one. */
export class SchemaReplay {
  readonly schema: ReplayedSchema = { tables: new Map(), removedTables: new Map(), opaque: [], anomalies: [], indexes: new Map(), unnamedColumns: [] };

  /** Every `up` step of a migration (a file that was not analyzed makes the schema opaque). */
  migration(m: Migration): void {
    if (m.status === 'parse-error' || m.status === 'unreadable') {
      this.makeOpaque({ file: m.file, migration: m.name, line: m.error?.line ?? 1, column: m.error?.column ?? 1 }, `${m.name} could not be analyzed (${m.error?.message ?? m.status})`);
      return;
    }
    for (const op of m.up) this.step(m, op);
  }

  /** The table under `tableKey(schema, name)`, if it exists at this point. */
  table(key: string): ReplayedTable | undefined {
    return this.schema.tables.get(key);
  }

  /**
   * Forgets a table or an index without a trace, as if no step had created it
   * (a runner baseline: on fresh databases the migrations before it never run).
   */
  forget(kind: 'table' | 'index', key: string): void {
    if (kind === 'table') this.schema.tables.delete(key);
    else this.schema.indexes.delete(key);
  }

  /** Applies one operation. */
  step(m: StepSource, op: Operation): void {
    const origin: SchemaOrigin = { file: m.file, migration: m.name, line: op.loc.line, column: op.loc.column };
    const table = op.target.table;
    const schemaName = schemaOf(op);
    if (op.op === 'unresolved') {
      this.makeOpaque(origin, `\`${op.callee}\` could not be followed${op.unresolvedReason ? ` (${op.unresolvedReason})` : ''}`);
      return;
    }
    if (op.op === 'sql') {
      const type = typeof op.options.statementType === 'string' ? op.options.statementType : null;
      // A DO block whose statements change no table (src/sql/statements.ts, doBlock) leaves every table as it was.
      const opaqueType = type !== null && OPAQUE_STATEMENTS.has(type) && op.options.touchesNoTable !== true;
      if (op.sqlError !== undefined || (op.unresolved && table === null) || opaqueType) {
        const why = op.sqlError !== undefined ? 'SQL that does not parse' : type !== null && OPAQUE_STATEMENTS.has(type) ? `a ${type === 'DoStmt' ? 'DO block' : type}` : 'SQL that is not static';
        this.makeOpaque(origin, `${why} may change any table`);
      }
      return;
    }
    if (op.op === 'dropAllTables') {
      for (const [key, t] of this.schema.tables) if (t.kind === 'table') this.remove(key, { by: origin, how: 'dropped' });
      return;
    }
    if (op.op === 'dropSchema' || op.op === 'dropAllSchemas') {
      const name = op.target.name;
      if (op.op === 'dropSchema' && !name) {
        this.makeOpaque(origin, 'a schema whose name is not static is dropped');
        return;
      }
      for (const [key, t] of this.schema.tables) {
        if (op.op === 'dropSchema' ? t.schema === name : t.schema !== 'public') this.remove(key, { by: origin, how: 'dropped' });
      }
      return;
    }
    if (op.op === 'createView' || op.op === 'dropView') {
      this.view(op, origin);
      return;
    }
    if (op.op === 'changeColumn') {
      // Changes a type or nullability, never which columns exist: an unknown target changes nothing we track.
      if (table !== null) this.changeColumn(op, tableKey(schemaName, table), origin);
      return;
    }
    if (op.op === 'addIndex' || op.op === 'removeIndex') {
      this.index(op, schemaName, origin);
      return;
    }
    if (!changesStructure(op)) return;
    if (table === null) {
      if (op.op === 'addColumn' && op.target.column) {
        this.schema.unnamedColumns.push({ expression: op.target.tableExpression ?? null, column: op.target.column, origin });
      }
      this.makeOpaque(origin, `\`${op.callee}\` (${op.op}) on a table whose name is not static`);
      return;
    }
    const key = tableKey(schemaName, table);
    switch (op.op) {
      case 'createTable':
        this.createTable(op, key, schemaName, table, origin);
        break;
      case 'dropTable':
        if (this.schema.tables.has(key)) this.remove(key, { by: origin, how: 'dropped' });
        else this.dropIndexesOf(key);
        break;
      case 'renameTable':
        this.renameTable(op, key, schemaName, table, origin);
        break;
      case 'addColumn':
        this.addColumn(op, key, schemaName, table, origin);
        break;
      case 'removeColumn':
        this.removeColumn(op, key, schemaName, table, origin);
        break;
      case 'renameColumn':
        this.renameColumn(op, key, schemaName, table, origin);
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------------------

  private createTable(op: Operation, key: string, schema: string | null, name: string, origin: SchemaOrigin): void {
    // Sequelize's createTable is CREATE TABLE IF NOT EXISTS: the first definition wins.
    // A raw CREATE TABLE on an existing table fails; the table keeps its columns either way.
    if (this.schema.tables.has(key)) return;
    const t = this.newTable(schema, name, origin, op.conditional);
    const columns = columnsCreatedBy(op);
    if (columns === null) {
      t.columnsKnown = false;
      this.uncertain(t, origin, op.options.asSelect ? 'CREATE TABLE AS: its columns come from a query' : op.sql ? 'CREATE TABLE copies columns (LIKE, INHERITS, PARTITION OF)' : 'the attributes of createTable are not static');
    } else {
      for (const c of columns) {
        t.columns.set(c.name, { name: c.name, type: c.type, allowNull: c.allowNull, conditional: op.conditional, createdBy: origin, namedBy: origin, changedBy: [], previousNames: [], definition: c.definition, sequence: c.sequence });
      }
      if (columns.some((c) => c.unresolved)) this.uncertain(t, origin, 'a column of createTable has a name that is not static');
    }
    this.schema.tables.set(key, t);
    this.schema.removedTables.delete(key);
    if (op.unresolved && columns !== null) this.uncertain(t, origin, op.unresolvedReason ?? 'part of createTable is not static');
  }

  private renameTable(op: Operation, key: string, schema: string | null, name: string, origin: SchemaOrigin): void {
    let t = this.schema.tables.get(key);
    if (!t) {
      this.schema.anomalies.push({ origin, reason: `renameTable: \`${name}\` does not exist at this point` });
      t = this.implicitTable(key, schema, name, origin);
    }
    const newName = op.target.newName;
    if (!newName) {
      this.uncertain(t, origin, 'renamed to a name that is not static');
      this.makeOpaque(origin, `\`${name}\` is renamed to a name that is not static`);
      return;
    }
    const newKey = tableKey(t.schema, newName);
    this.remove(key, { by: origin, how: 'renamed', newName });
    for (const index of this.schema.indexes.values()) if (index.table === key) index.table = newKey;
    t.previousNames = [...t.previousNames, t.name];
    t.name = newName;
    this.schema.tables.set(newKey, t);
    this.schema.removedTables.delete(newKey);
  }

  private addColumn(op: Operation, key: string, schema: string | null, name: string, origin: SchemaOrigin): void {
    const t = this.schema.tables.get(key) ?? this.implicitTable(key, schema, name, origin);
    const column = op.target.column;
    if (!column) {
      this.uncertain(t, origin, 'a column whose name is not static is added');
      return;
    }
    if (t.columns.has(column)) {
      if (!op.guarded && !op.conditional) this.schema.anomalies.push({ origin, reason: `addColumn: \`${name}.${column}\` already exists at this point` });
      return;
    }
    this.columnsOf(t).set(column, {
      name: column,
      type: typeOf(op.options),
      allowNull: allowNullOf(op.options),
      conditional: op.conditional,
      createdBy: origin,
      namedBy: origin,
      changedBy: [],
      previousNames: [],
      definition: op.sql ? null : op.options,
      sequence: op.sql ? op.options.sequence === true : numberedBySequence(op.options),
    });
    this.removedColumnsOf(t).delete(column);
  }

  private removeColumn(op: Operation, key: string, schema: string | null, name: string, origin: SchemaOrigin): void {
    const t = this.alteredTable(key, schema, name, origin);
    const column = op.target.column;
    if (!t) return;
    if (!column) {
      this.uncertain(t, origin, 'a column whose name is not static is removed');
      return;
    }
    if (!t.columns.has(column)) {
      if (t.columnsKnown && !t.uncertain) {
        this.schema.anomalies.push({ origin, reason: `removeColumn: \`${t.name}.${column}\` does not exist at this point` });
        return;
      }
      // Columns not all known: the column may have been there; it is not after this step either way.
      this.removedColumnsOf(t).set(column, { by: origin, how: 'dropped', ...columnRemovalFacts(t), unknown: true });
      return;
    }
    this.columnsOf(t).delete(column);
    this.removedColumnsOf(t).set(column, { by: origin, how: 'dropped', ...columnRemovalFacts(t) });
  }

  private renameColumn(op: Operation, key: string, schema: string | null, name: string, origin: SchemaOrigin): void {
    const t = this.alteredTable(key, schema, name, origin);
    if (!t) return;
    const from = op.target.column;
    const to = op.target.newName;
    if (!from || !to) {
      this.uncertain(t, origin, 'a column is renamed from or to a name that is not static');
      return;
    }
    const old = t.columns.get(from);
    if (!old) {
      if (t.columnsKnown && !t.uncertain) this.schema.anomalies.push({ origin, reason: `renameColumn: \`${t.name}.${from}\` does not exist at this point` });
      // Columns not all known: whatever \`from\` was, no column has that name after this step.
      else this.removedColumnsOf(t).set(from, { by: origin, how: 'renamed', newName: to, ...columnRemovalFacts(t), unknown: true });
      return;
    }
    const columns = this.columnsOf(t);
    columns.delete(from);
    // A new column object: the one a step saw before (`ProjectReplay`'s steps) stays as it was.
    const c: ReplayedColumn = { ...old, name: to, namedBy: origin, previousNames: [...old.previousNames, from], changedBy: [...old.changedBy, origin] };
    if (op.conditional) c.conditional = true;
    columns.set(to, c);
    const removed = this.removedColumnsOf(t);
    removed.set(from, { by: origin, how: 'renamed', newName: to, ...columnRemovalFacts(t) });
    removed.delete(to);
  }

  private changeColumn(op: Operation, key: string, origin: SchemaOrigin): void {
    const t = this.schema.tables.get(key);
    const column = op.target.column;
    if (!t || !column) return;
    const old = t.columns.get(column);
    if (!old) {
      if (t.columnsKnown && !t.uncertain) this.schema.anomalies.push({ origin, reason: `changeColumn: \`${t.name}.${column}\` does not exist at this point` });
      return;
    }
    // A new column object: the one a step saw before (`ProjectReplay`'s steps) stays as it was.
    const c: ReplayedColumn = { ...old, changedBy: [...old.changedBy, origin] };
    this.columnsOf(t).set(column, c);
    const o = op.options;
    c.definition = op.sql ? null : o;
    if (op.sql) {
      if (typeof o.type === 'string') c.type = o.type;
      if (o.setNotNull === true) c.allowNull = false;
      if (o.dropNotNull === true) c.allowNull = true;
      return;
    }
    // Sequelize's changeColumn emits DROP NOT NULL unless the call restates allowNull: false.
    const type = typeOf(o);
    if (type !== null) c.type = type;
    c.allowNull = o.allowNull !== false;
  }

  private view(op: Operation, origin: SchemaOrigin): void {
    const name = op.target.name ?? op.target.table;
    if (!name) {
      if (op.op === 'createView') this.makeOpaque(origin, 'a view whose name is not static is created');
      return;
    }
    const key = tableKey(op.target.schema, name);
    if (op.op === 'dropView') {
      if (this.schema.tables.get(key)?.kind === 'view') this.remove(key, { by: origin, how: 'dropped' });
      return;
    }
    const t = this.newTable(op.target.schema ?? null, name, origin, op.conditional);
    t.kind = 'view';
    t.columnsKnown = false;
    this.uncertain(t, origin, 'a view: its columns come from a query');
    this.schema.tables.set(key, t);
    this.schema.removedTables.delete(key);
  }

  // ---------------------------------------------------------------------------

  private newTable(schema: string | null, name: string, origin: SchemaOrigin | null, conditional: boolean): ReplayedTable {
    return {
      schema: schema || 'public',
      name,
      kind: 'table',
      columns: new Map(),
      columnsKnown: true,
      conditional,
      implicit: false,
      uncertain: false,
      uncertainty: [],
      createdBy: origin,
      previousNames: [],
      removedColumns: new Map(),
    };
  }

  /**
   * The table a step that removes or renames a column alters: the one the replay has, or, when no migration
   * created it and none dropped it, an implicit one (it exists: made by \`sync\` or by hand). Undefined for a table
   * a migration dropped or renamed away (the step fails there).
   */
  private alteredTable(key: string, schema: string | null, name: string, origin: SchemaOrigin): ReplayedTable | undefined {
    const t = this.schema.tables.get(key);
    if (t || this.schema.removedTables.has(key)) return t;
    return this.implicitTable(key, schema, name, origin);
  }

  /** A table a migration alters without any migration creating it: known to exist, columns unknown. */
  private implicitTable(key: string, schema: string | null, name: string, origin: SchemaOrigin): ReplayedTable {
    const t = this.newTable(schema, name, null, false);
    t.implicit = true;
    t.columnsKnown = false;
    this.uncertain(t, origin, `${origin.migration} alters \`${name}\`, which no earlier migration creates`);
    this.schema.tables.set(key, t);
    this.schema.removedTables.delete(key);
    return t;
  }

  private remove(key: string, removal: Removal): void {
    const table = this.schema.tables.get(key);
    this.schema.tables.delete(key);
    this.schema.removedTables.set(key, table ? { ...removal, table } : removal);
    if (removal.how === 'dropped') this.dropIndexesOf(key);
  }

  /** Dropping a table drops its indexes. */
  private dropIndexesOf(key: string): void {
    for (const [k, index] of this.schema.indexes) if (index.table === key) this.schema.indexes.delete(k);
  }

  /**
   * addIndex records the index under its name (the first creation wins, but one that surely ran replaces one made under
   * a condition); removeIndex forgets it.
   */
  private index(op: Operation, schema: string | null, origin: SchemaOrigin): void {
    const name = indexNameOf(op);
    if (!name) return;
    const key = indexKey(op.target.schema, name);
    if (op.op === 'removeIndex') {
      this.schema.indexes.delete(key);
      return;
    }
    const known = this.schema.indexes.get(key);
    if (known && (!known.conditional || op.conditional)) return;
    const table = op.target.table ? tableKey(schema, op.target.table) : null;
    this.schema.indexes.set(key, { schema: op.target.schema ?? 'public', name, table, createdBy: origin, ...(op.conditional ? { conditional: true } : {}) });
  }

  private uncertain(t: ReplayedTable, origin: SchemaOrigin, reason: string): void {
    t.uncertain = true;
    t.uncertainty.push({ origin, reason });
  }

  /**
   * The table under `tableKey(schema, name)` as it is now, kept apart from the
   * steps that follow (`ProjectReplay`'s steps): it shares the table's maps,
   * which the replay copies before it next changes them; it never changes a
   * column object (a change puts a new one in the map) nor a table's
   * `previousNames` (a rename puts a new array), and it only appends to
   * `uncertainty`, which the kept table reads up to its length now.
   */
  keep(key: string): ReplayedTable | undefined {
    const t = this.schema.tables.get(key);
    if (!t) return undefined;
    this.kept.add(t.columns);
    this.kept.add(t.removedColumns);
    return new KeptTable(t);
  }

  /** Maps that a kept table shares. */
  private readonly kept = new WeakSet<object>();

  /**
   * A replay that starts from the schema as it is now and goes its own way
   * (the \`down\` of a migration replayed on what its \`up\` left): neither
   * replay's later steps change what the other sees. Tables share their maps,
   * which both replays copy before they next change them.
   */
  fork(): SchemaReplay {
    const fork = new SchemaReplay();
    const mine = this.schema;
    const copy = (t: ReplayedTable): ReplayedTable => {
      this.kept.add(t.columns);
      this.kept.add(t.removedColumns);
      fork.kept.add(t.columns);
      fork.kept.add(t.removedColumns);
      return { ...t, uncertainty: [...t.uncertainty] };
    };
    for (const [key, t] of mine.tables) fork.schema.tables.set(key, copy(t));
    for (const [key, r] of mine.removedTables) fork.schema.removedTables.set(key, r);
    for (const [key, index] of mine.indexes) fork.schema.indexes.set(key, { ...index });
    fork.schema.opaque.push(...mine.opaque);
    fork.schema.anomalies.push(...mine.anomalies);
    fork.schema.unnamedColumns.push(...mine.unnamedColumns);
    return fork;
  }

  /** The table's columns, to change: a copy when a kept table shares them. */
  private columnsOf(t: ReplayedTable): Map<string, ReplayedColumn> {
    if (this.kept.has(t.columns)) t.columns = new Map(t.columns);
    return t.columns;
  }

  /** The table's removed columns, to change: a copy when a kept table shares them. */
  private removedColumnsOf(t: ReplayedTable): Map<string, Removal> {
    if (this.kept.has(t.removedColumns)) t.removedColumns = new Map(t.removedColumns);
    return t.removedColumns;
  }

  /** Every table that exists now may have been changed; a table the replay lacks may exist. */
  private makeOpaque(origin: SchemaOrigin, reason: string): void {
    this.schema.opaque.push({ origin, reason });
    for (const t of this.schema.tables.values()) this.uncertain(t, origin, reason);
  }
}

export interface CreatedColumn {
  name: string;
  type: string | null;
  allowNull: boolean | null;
  unresolved: boolean;
  definition: Record<string, JsonValue> | null;
  sequence: boolean;
}

/** A builder attribute the database numbers: `autoIncrement`, `autoIncrementIdentity`, a SERIAL type. */
function numberedBySequence(def: Record<string, JsonValue>): boolean {
  return def.autoIncrement === true || def.autoIncrementIdentity === true || /^(small|big)?serial\d?$/i.test(typeOf(def) ?? '');
}

/** The columns createTable creates, by column name (`field` wins, as in Sequelize), or null when unknown. */
export function columnsCreatedBy(op: Operation): CreatedColumn[] | null {
  if (op.columns) {
    return Object.entries(op.columns).map(([attribute, def]) => {
      const field = def.field;
      const unresolved = field !== undefined && typeof field !== 'string';
      return {
        name: typeof field === 'string' ? field : attribute,
        type: typeOf(def),
        allowNull: def.primaryKey === true ? false : allowNullOf(def),
        unresolved: unresolved || def.$unresolved === true,
        definition: def,
        sequence: numberedBySequence(def),
      };
    });
  }
  if (op.sql && Array.isArray(op.options.columns) && !op.options.asSelect) {
    // CREATE TABLE (LIKE other), INHERITS and PARTITION OF bring columns the statement does not list.
    if (/\(\s*LIKE\b|,\s*LIKE\b|\bINHERITS\b|\bPARTITION\s+OF\b/i.test(op.statement ?? '')) return null;
    const numbered = Array.isArray(op.options.sequenceColumns) ? op.options.sequenceColumns : [];
    return op.options.columns
      .map((c) => ({ name: typeof c === 'string' ? c : '', type: null, allowNull: null, unresolved: typeof c !== 'string', definition: null, sequence: numbered.includes(c) }))
      .filter((c) => c.name !== '');
  }
  return null;
}

/** What a removal of a column records about the table then (see \`Removal\`). */
function columnRemovalFacts(t: ReplayedTable): Pick<Removal, 'uncertaintyThen'> {
  return { uncertaintyThen: t.uncertainty.length };
}

function typeOf(o: Record<string, JsonValue>): string | null {
  return typeof o.type === 'string' ? o.type : null;
}

/** Builder: `allowNull` (default true); SQL: NOT NULL / PRIMARY KEY. */
function allowNullOf(o: Record<string, JsonValue>): boolean | null {
  if (typeof o.notNull === 'boolean') return !o.notNull;
  if (o.primaryKey === true) return false;
  return o.allowNull !== false;
}

/**
 * What one migration has created so far, in execution order: its own steps
 * replayed from an empty schema. Destroying or rewriting what the same
 * migration just created loses no data, and a check of existing rows on a
 * table it just created meets none. A name stays new once a table created
 * here had it (renamed away or dropped since, as when a table is rebuilt).
 */
export class CreatedInMigration {
  private readonly replay = new SchemaReplay();
  private static readonly SOURCE: StepSource = { file: '', name: '' };

  record(op: Operation): void {
    this.replay.step(CreatedInMigration.SOURCE, op);
  }

  /** A table this migration created (under that name, now or earlier in the migration). */
  tableIsNew(table: string | null): boolean {
    return table !== null && this.tablesNamed(table).some((t) => !t.implicit);
  }

  /**
   * A column this migration created: of a table it created, or added to an
   * existing table. A column added to a table whose name is not static is
   * matched by its name alone.
   */
  columnIsNew(table: string | null, column: string | null): boolean {
    if (column !== null && this.replay.schema.unnamedColumns.some((c) => c.column === column)) return true;
    if (column === null) return false;
    // A step whose table is not static (a model built in the migration): a column this migration added, by name.
    if (table === null) return [...this.replay.schema.tables.values()].some((t) => t.columns.has(column));
    // A column removed here counts when this migration made it (a removal of one the replay did not know does not).
    return this.tablesNamed(table).some((t) => !t.implicit || t.columns.has(column) || (t.removedColumns.has(column) && !t.removedColumns.get(column)!.unknown));
  }

  /**
   * A table or view (a materialized view too) this migration created: no
   * release knows it yet, so nothing else writes to it or locks it.
   */
  relationIsNew(name: string | null): boolean {
    return name !== null && this.relationsNamed(name).some((t) => !t.implicit);
  }

  /** An index this migration created (the step names it, or Sequelize derives its name from the table and fields). */
  indexIsNew(op: Operation): boolean {
    const name = indexNameOf(op);
    return name !== null && this.replay.schema.indexes.has(indexKey(schemaOf(op), name));
  }

  /** The tables (not views) of this migration's replay that have or had the name `table`, existing or dropped since. */
  private tablesNamed(table: string): ReplayedTable[] {
    return this.relationsNamed(table).filter((t) => t.kind === 'table');
  }

  /** The tables and views of this migration's replay that have or had the name `name`, existing or dropped since. */
  private relationsNamed(name: string): ReplayedTable[] {
    const { tables, removedTables } = this.replay.schema;
    const candidates = [...tables.values(), ...[...removedTables.values()].flatMap((r) => (r.how === 'dropped' && r.table ? [r.table] : []))];
    return candidates.filter((t) => t.name === name || t.previousNames.includes(name));
  }
}

/** One step of a migration and the schema it meets. */
export interface ReplayedStep {
  migration: Migration;
  op: Operation;
  /**
   * The step's table (`operationTableKey`) in the project's schema before the
   * step: for an `up` step, every earlier migration's `up` and this
   * migration's earlier steps; for a `down` step, every `up` up to its
   * migration's own. A copy taken then, which later steps leave as it was;
   * undefined when its name is not static or no such table exists at that point.
   */
  table: ReplayedTable | undefined;
  /** The step's own phase (`up` or `down`) of its migration created its table before it (`CreatedInMigration.tableIsNew`). */
  tableIsNew: boolean;
  /** The step's own phase of its migration created its column before it (`CreatedInMigration.columnIsNew`). */
  columnIsNew: boolean;
  /** The table the one foreign key the step adds references, as the replay had it before the step (a copy, as `table`). */
  referenced: ReplayedTable | undefined;
  /**
   * When no table of the step's name exists before the step: how it went, if a step dropped or renamed it away
   * (and none created it again since), and whether the schema was still fully known then (no SQL the replay cannot
   * read, no file it could not analyze, had run: such a step may have made any table).
   */
  absentTable?: { removal: Removal | null; schemaKnown: boolean };
  /** For an addIndex: the step that created an index of that name, when one exists before the step. */
  existingIndex?: SchemaOrigin;
  /**
   * For a dropTable without CASCADE: the columns of other tables that still reference the table by a foreign key
   * before the step (their builder definition's `references`), on tables the replay is sure of and no step removed a
   * constraint of. PostgreSQL refuses such a drop (test/semantics/drop-referenced-table.test.ts).
   */
  referencedBy?: { table: string; column: string; createdBy: SchemaOrigin }[];
}

/**
 * The project's schema replayed once: every `up` in run order. Each step
 * keeps what it met (`ReplayedStep`), for rules that judge a step by what
 * its table or column was (its type, its NOT NULL, whether it is new);
 * `schema` is the schema after the last migration, for no-model-drift and
 * the report. Get it with `projectReplay`, which replays each list of
 * migrations once, however many rules ask.
 */
export class ProjectReplay {
  /** The schema the migrations build. */
  readonly schema: ReplayedSchema;
  /** Every `up` step of the analyzed migrations, in run order. */
  readonly steps: readonly ReplayedStep[];
  private readonly ups = new Map<Migration, readonly ReplayedStep[]>();
  private readonly downs = new Map<Migration, readonly ReplayedStep[]>();

  constructor(migrations: readonly Migration[]) {
    const replay = new SchemaReplay();
    const steps: ReplayedStep[] = [];
    // Tables some step removed a constraint of (a foreign key among them, perhaps).
    const loosened = new Set<string>();
    // Run order of each migration file, to tell which of two schema changes came first.
    const order = new Map([...migrations].sort((a, b) => a.index - b.index).map((m, i) => [m.file, i] as const));
    for (const migration of [...migrations].sort((a, b) => a.index - b.index)) {
      if (migration.status === 'parse-error' || migration.status === 'unreadable') {
        replay.migration(migration);
        continue;
      }
      const up = phaseSteps(replay, migration, 'up', loosened, order);
      this.ups.set(migration, up);
      steps.push(...up);
      if (migration.down.length > 0) this.downs.set(migration, phaseSteps(replay, migration, 'down', new Set(loosened), order));
    }
    this.schema = replay.schema;
    this.steps = steps;
  }

  /** The `up` steps of one migration, in the order of its `up` (none when it could not be analyzed). */
  stepsOf(migration: Migration): readonly ReplayedStep[] {
    return this.ups.get(migration) ?? [];
  }

  /**
   * The `down` steps of one migration, in the order of its `down`, each with
   * its table as rolling back the latest migration meets it: the schema the
   * migration's `up` left, changed by the `down`'s own earlier steps (replayed
   * on their own: the project's replay goes on from the `up`), and what the
   * `down` created before it.
   */
  downStepsOf(migration: Migration): readonly ReplayedStep[] {
    return this.downs.get(migration) ?? [];
  }
}

/**
 * The steps of one phase of a migration with what each meets: `up` steps
 * are applied to the replay as they go, `down` steps to a fork of it (the
 * schema its `up` left), so they leave the project's replay as it was.
 */
function phaseSteps(project: SchemaReplay, migration: Migration, phase: 'up' | 'down', loosened: Set<string>, order: ReadonlyMap<string, number>): ReplayedStep[] {
  const replay = phase === 'up' ? project : project.fork();
  const created = new CreatedInMigration();
  const out: ReplayedStep[] = [];
  for (const op of migration[phase]) {
    const key = operationTableKey(op);
    const keys = op.op === 'createTable' ? [] : addedForeignKeys(op);
    const parent = keys.length === 1 ? keys[0]! : null;
    const table = key ? replay.keep(key) : undefined;
    const indexName = op.op === 'addIndex' ? indexNameOf(op) : null;
    const existingIndex = indexName ? replay.schema.indexes.get(indexKey(op.target.schema, indexName))?.createdBy : undefined;
    out.push({
      migration,
      op,
      table,
      tableIsNew: created.tableIsNew(op.target.table),
      columnIsNew: created.columnIsNew(op.target.table, op.target.column),
      referenced: parent ? replay.keep(tableKey(parent.parentSchema, parent.parent)) : undefined,
      ...(key && !table ? { absentTable: { removal: replay.schema.removedTables.get(key) ?? null, schemaKnown: replay.schema.opaque.length === 0 } } : {}),
      ...(existingIndex ? { existingIndex } : {}),
      // `cascade: true`, or `force: true`, which Sequelize sends as CASCADE too (test/semantics/drop-referenced-table.test.ts).
      ...(op.op === 'dropTable' && key && table && op.options.cascade !== true && op.options.force !== true ? referencingColumns(replay.schema, table, loosened, order) : {}),
    });
    if (op.op === 'removeConstraint' && key) loosened.add(key);
    replay.step(migration, op);
    created.record(op);
  }
  return out;
}

/** `ReplayedStep.referencedBy` of a drop of `target`: absent when nothing certain references it. */
function referencingColumns(schema: ReplayedSchema, target: ReplayedTable, loosened: ReadonlySet<string>, order: ReadonlyMap<string, number>): Pick<ReplayedStep, 'referencedBy'> {
  // A foreign key points at the table that had the name when the key was made, and follows it through renames: a table
  // made (or named) after the referencing column is not the one it points at (`Formations` renamed away, a new one made).
  if (!target.createdBy || target.previousNames.length > 0) return {};
  const at = (o: SchemaOrigin) => [order.get(o.file) ?? -1, o.line] as const;
  const before = (a: SchemaOrigin, b: SchemaOrigin) => {
    const [fa, la] = at(a);
    const [fb, lb] = at(b);
    return fa < fb || (fa === fb && la < lb);
  };
  const madeAt = target.createdBy;
  const out: NonNullable<ReplayedStep['referencedBy']> = [];
  for (const { key, table: t, column: c } of columnsReferencing(schema, target)) {
    if (t.name === target.name || t.kind !== 'table' || t.uncertain || t.conditional || loosened.has(key)) continue;
    if (!c.conditional && before(madeAt, c.createdBy)) out.push({ table: t.name, column: c.name, createdBy: c.createdBy });
  }
  return out.length > 0 ? { referencedBy: out } : {};
}

/**
 * The columns whose builder definition points a foreign key at `target` by its name (`references: { model: 'plans' }`,
 * or `public.plans`), its own included, as the schema has them now.
 */
export function* columnsReferencing(schema: ReplayedSchema, target: Pick<ReplayedTable, 'name' | 'schema'>): Generator<{ key: string; table: ReplayedTable; column: ReplayedColumn }> {
  const names = new Set([target.name, `${target.schema}.${target.name}`]);
  for (const [key, table] of schema.tables) {
    for (const column of table.columns.values()) {
      const parent = column.definition ? referencedTable(column.definition.references) : null;
      if (parent !== null && names.has(parent)) yield { key, table, column };
    }
  }
}

/** The replay of each list of migrations, with the migrations it was made from (a list changed since is replayed again). */
const replays = new WeakMap<readonly Migration[], { members: readonly Migration[]; replay: ProjectReplay }>();

/** The one replay of these migrations: made at the first call, then shared by every rule and the report. */
export function projectReplay(migrations: readonly Migration[]): ProjectReplay {
  const known = replays.get(migrations);
  if (known && known.members.length === migrations.length && known.members.every((m, i) => m === migrations[i])) return known.replay;
  const replay = new ProjectReplay(migrations);
  replays.set(migrations, { members: [...migrations], replay });
  return replay;
}

/** Every `up` step of the migrations in run order, with the schema it meets (`projectReplay`'s steps). */
export function forEachUpStep(migrations: readonly Migration[], visit: (step: ReplayedStep) => void): void {
  for (const step of projectReplay(migrations).steps) visit(step);
}

/** The column a step targets, as the replay had it before the step; undefined when its table or column is not known. */
export function targetColumn(step: Pick<ReplayedStep, 'op' | 'table'>): { table: ReplayedTable; column: ReplayedColumn } | undefined {
  const column = step.table && step.op.target.column ? step.table.columns.get(step.op.target.column) : undefined;
  return step.table && column ? { table: step.table, column } : undefined;
}

/** A table as `SchemaReplay.keep` found it (see there). */
class KeptTable implements ReplayedTable {
  declare readonly schema: string;
  declare readonly name: string;
  declare readonly kind: 'table' | 'view';
  declare readonly columns: Map<string, ReplayedColumn>;
  declare readonly columnsKnown: boolean;
  declare readonly conditional: boolean;
  declare readonly implicit: boolean;
  declare readonly uncertain: boolean;
  declare readonly createdBy: SchemaOrigin | null;
  declare readonly previousNames: string[];
  declare readonly removedColumns: Map<string, Removal>;
  private readonly reasons: Uncertainty[];
  private readonly reasonsNow: number;

  constructor({ uncertainty, ...table }: ReplayedTable) {
    Object.assign(this, table);
    this.reasons = uncertainty;
    this.reasonsNow = uncertainty.length;
  }

  get uncertainty(): Uncertainty[] {
    return this.reasons.slice(0, this.reasonsNow);
  }
}

/**
 * How the column a step removes already went, earlier in the same migration (its `up`, or for a `down` step its
 * `down` before the step): the removal, or null. Only when nothing the replay cannot read ran on the table since
 * and no step since brought the column back (it is not in the table). A removal under an `if` counts, as every
 * `up` step does for the `down` (see `reversalOf`): a rollback undoes an `up` that ran, so it meets the column gone.
 */
export function columnGoneBefore({ migration, op, table }: Pick<ReplayedStep, 'migration' | 'op' | 'table'>): Removal | null {
  const removal = standingRemoval(table, op.target.column);
  return removal && removal.by.file === migration.file ? removal : null;
}

/**
 * How the column a step removes already went in an earlier migration (dropped, not renamed): the removal, or null.
 * Only when nothing the replay cannot read ran on the table since and no step since brought the column back. A
 * migration that removes it again is a retry for databases where the first removal did not happen; on one the
 * migrations built, there is nothing left to drop.
 */
export function columnDroppedEarlier({ migration, op, table }: Pick<ReplayedStep, 'migration' | 'op' | 'table'>): Removal | null {
  if (table?.implicit) return null;
  const removal = standingRemoval(table, op.target.column);
  return removal && removal.how === 'dropped' && !removal.unknown && removal.by.file !== migration.file ? removal : null;
}

/**
 * The removal of `column` from `table` that still holds: the column is not there, and nothing the replay cannot read
 * ran on the table since it went (its uncertainty has not grown). Null otherwise.
 */
function standingRemoval(table: ReplayedTable | undefined, column: string | null): Removal | null {
  if (!table || !column || table.columns.has(column)) return null;
  const removal = table.removedColumns.get(column);
  return removal && table.uncertainty.length === removal.uncertaintyThen ? removal : null;
}

/**
 * The step's column is not in its table as the replay knows it before the step: every column of the table is known
 * (created by a migration, nothing unresolved, conditional or implicit touched it), and the column is neither there
 * nor one an earlier step removed. A drop of it (`DROP COLUMN IF EXISTS`) finds nothing.
 */
export function columnIsAbsent({ op, table }: ReplayedStep): boolean {
  if (!table || !op.target.column || !table.columnsKnown || table.uncertain || table.implicit || table.conditional) return false;
  return !table.columns.has(op.target.column) && !table.removedColumns.has(op.target.column);
}
