/**
 * Maps one parsed SQL statement to the operations it performs.
 *
 * One handler per parse-tree statement type; a statement type without a
 * handler becomes a generic `sql` operation carrying its node type name.
 * Handlers report names exactly as the parser gives them; hole placeholders
 * are scrubbed afterwards by the caller, in one place.
 */
import type {
  AlterTableCmd,
  ColumnDef,
  Constraint,
  ConstrType,
  DropBehavior,
  DropStmt,
  Node,
  ObjectType,
  RangeVar,
  RenameStmt,
  SelectStmt,
  TransactionStmtKind,
  TypeName,
} from 'libpg-query';
import type { JsonValue, OpKind, Target } from '../model';
import { parsePlpgsqlSync, parseSqlSync, type ParseResult } from './pg-parser';
import { PG_LOCK_MODES } from '../operations/table';
import {
  namedTarget,
  objectNameParts,
  relationTarget,
  splitQualified,
  stringList,
  tagOf,
  unwrap,
  unwrapAll,
  withSchema,
  type NodeOf,
  type NodeTag,
} from './nodes';
import { isVolatileFunction } from '../operations/volatile-defaults';
import { formatTypeName } from './type-name';
import { conjuncts, deduplicatedBy, deleteSelection, everyRowWhere, factsJson, orphanFacts, pinnedColumns, predicateEqualities, requiredNotNull, selectedByStrings, selectedColumns, stringConstant, updateFacts } from './update-facts';
import { rowTexts } from '../util/text';

/** An operation before statement text, offsets and hole scrubbing are added. */
export interface Draft {
  op: OpKind;
  target: Target;
  /** Protected by IF [NOT] EXISTS, OR REPLACE or ADD VALUE IF NOT EXISTS. */
  guarded?: boolean;
  options?: Record<string, JsonValue>;
  fields?: (string | null)[];
}

type Options = Record<string, JsonValue>;
type Handler<K extends NodeTag> = (node: NodeOf<K>) => Draft[];

/** The operations one statement performs (at least one). */
export function describeStatement(stmt: Node): Draft[] {
  const tag = tagOf(stmt);
  const handler = HANDLERS[tag] as Handler<NodeTag> | undefined;
  const payload = (stmt as Record<NodeTag, NodeOf<NodeTag>>)[tag];
  if (handler) return handler(payload);
  return [genericSql(tag, payload)];
}

/** Fallback: the statement type, and its relation when it has one (LOCK, REINDEX, CLUSTER, ...). */
function genericSql(tag: NodeTag, payload: unknown): Draft {
  const relation = (payload as { relation?: unknown } | null)?.relation;
  const target = isRangeVar(relation) ? relationTarget(relation) : noTarget();
  return { op: 'sql', target, options: { statementType: tag } };
}

function isRangeVar(value: unknown): value is RangeVar {
  return typeof value === 'object' && value !== null && 'relname' in value;
}

/** A relation that is itself the named object (view, sequence, index, composite type), not a table. */
function namedRelationTarget(rel: RangeVar | undefined): Target {
  return withSchema({ table: null, column: null, name: rel?.relname ?? null }, rel?.schemaname ?? null);
}

function noTarget(): Target {
  return { table: null, column: null };
}

function cascade(behavior: DropBehavior | undefined): boolean {
  return behavior === 'DROP_CASCADE';
}

/** `OBJECT_MATVIEW` -> `matview`, for option values. */
function objectTypeName(type: ObjectType | undefined): string | null {
  return type ? type.replace(/^OBJECT_/, '').toLowerCase() : null;
}

// ---------------------------------------------------------------- tables

function createTable(node: NodeOf<'CreateStmt'>): Draft[] {
  const defs = unwrapAll(node.tableElts, 'ColumnDef');
  const columns = defs.map((c) => c.colname ?? null);
  // Columns whose values the database numbers itself (serial, identity, `DEFAULT nextval(...)`).
  const sequenceColumns = defs.flatMap((c) => (c.colname && takesSequence(c) ? [c.colname] : []));
  const options: Options = sequenceColumns.length > 0 ? { columns, sequenceColumns } : { columns };
  // CREATE TEMP TABLE: lives in the migration's session only, gone when it ends.
  if (node.relation?.relpersistence === 't') options.temporary = true;
  return [{ op: 'createTable', target: relationTarget(node.relation), guarded: Boolean(node.if_not_exists), options }];
}

/** CREATE TABLE AS, CREATE MATERIALIZED VIEW: both are CreateTableAsStmt. */
function createTableAs(node: NodeOf<'CreateTableAsStmt'>): Draft[] {
  const rel = node.into?.rel;
  const guarded = Boolean(node.if_not_exists);
  if (node.objtype === 'OBJECT_MATVIEW') {
    return [{ op: 'createView', target: namedRelationTarget(rel), guarded, options: { materialized: true } }];
  }
  // Columns come from the query: not known statically, so no `columns` key. The tables it reads fill it.
  const options: Options = rel?.relpersistence === 't' ? { asSelect: true, temporary: true } : { asSelect: true };
  const from = node.query ? relationsIn(node.query) : [];
  if (from.length > 0) {
    options.copiedFrom = from;
    // Every row: one table read, no WHERE (a backup, `CREATE TABLE t_backup AS SELECT * FROM t`).
    options.copiedAll = copiesEveryRow(from, node.query);
  }
  return [{ op: 'createTable', target: relationTarget(rel), guarded, options }];
}

function select(node: NodeOf<'SelectStmt'>): Draft[] {
  // SELECT ... INTO t creates a table.
  if (node.intoClause) {
    return [{ op: 'createTable', target: relationTarget(node.intoClause.rel), options: { asSelect: true } }];
  }
  // The columns it reads: values a migration reads into JS before it drops them may be written elsewhere.
  const columns = selectedColumns(node);
  // `SELECT *` (or `t.*`): every column of the row is read.
  const target = simpleFromTarget(node);
  const all = target.table !== null && unwrapAll(node.targetList, 'ResTarget').some((t) => unwrap(t.val, 'ColumnRef')?.fields?.some((f) => unwrap(f, 'A_Star')) === true);
  const options: Options = columns ? { columns } : all ? { allColumns: true } : {};
  // `WHERE id = 1`: the row it looks for, by key (a check before inserting that row).
  const pinned = target.table !== null ? pinnedColumns(simpleFrom(node), node.whereClause) : [];
  if (pinned.length > 0) options.pinned = pinned;
  // A join or several tables: the tables it reads (a `down` that writes a dropped column back from them).
  if (target.table === null) {
    const ctes = new Set(unwrapAll(node.withClause?.ctes, 'CommonTableExpr').map((c) => c.ctename));
    const from = [...new Set(relationsIn(node.fromClause))].filter((t) => !ctes.has(t)).sort();
    if (from.length > 0) options.readsFrom = from;
  }
  return [{ op: 'select', target, options }];
}

/** The table of `SELECT ... FROM t`; null for several tables, joins, subqueries, CTE names, UNION, no FROM. */
function simpleFromTarget(node: SelectStmt): Target {
  const rel = simpleFrom(node);
  return rel ? relationTarget(rel) : noTarget();
}

function simpleFrom(node: SelectStmt): RangeVar | undefined {
  const rel = node.fromClause?.length === 1 ? unwrap(node.fromClause[0], 'RangeVar') : undefined;
  if (!rel || (node.op !== undefined && node.op !== 'SETOP_NONE')) return undefined;
  const cteNames = unwrapAll(node.withClause?.ctes, 'CommonTableExpr').map((c) => c.ctename);
  if (!rel.schemaname && cteNames.includes(rel.relname)) return undefined;
  return rel;
}

function truncate(node: NodeOf<'TruncateStmt'>): Draft[] {
  const options = { cascade: cascade(node.behavior), restartIdentity: Boolean(node.restart_seqs) };
  return unwrapAll(node.relations, 'RangeVar').map((rel) => ({
    op: 'truncate',
    target: relationTarget(rel),
    options: { ...options },
  }));
}

function deleteRows(node: NodeOf<'DeleteStmt'>): Draft[] {
  // `WHERE id > 0` (a safe-update mode's habit) or `WHERE 1 = 1`: every row, as no WHERE.
  const options: Options = { where: Boolean(node.whereClause) && !everyRowWhere(node.relation, node.whereClause) };
  // Which rows: orphans (no parent row, a null foreign key) are reported differently.
  const orphans = orphanFacts(node);
  if (orphans) options.orphans = factsJson(orphans);
  // Which rows by what they hold: `WHERE "deletedAt" IS NOT NULL` purges soft-deleted rows.
  const notNull = requiredNotNull(node);
  if (notNull.length > 0) options.notNull = notNull;
  // `NOT IN (SELECT min(id) FROM t GROUP BY a, b)`: duplicates removed, one row kept per key.
  const by = deduplicatedBy(node);
  if (by) options.deduplicatedBy = by;
  // `WHERE user_id = 1 AND project_id = ${id}`: the rows by key (a row replaced when an insert of the same key follows).
  const pinned = pinnedColumns(node.relation, node.whereClause);
  if (pinned.length > 0) options.pinned = pinned;
  // `WHERE name = 'x'`, `WHERE type IN ('a', 'b')`: rows chosen by constant strings alone (an un-seed, an enum value's rows).
  const byStrings = selectedByStrings(node.relation, node.whereClause);
  if (byStrings) options.deletedBy = byStrings;
  // `WHERE id IN (1, 2)`: which rows, by the constants of each column the WHERE reads (as an UPDATE records them).
  if (node.whereClause) options.selection = factsJson(deleteSelection(node.relation, node.whereClause));
  // `RETURNING *`: the deleted rows come back to the migration, whole, which may store them elsewhere.
  if (unwrapAll(node.returningClause?.exprs, 'ResTarget').some((t) => unwrap(t.val, 'ColumnRef')?.fields?.some((f) => unwrap(f, 'A_Star')) === true)) options.returnsRows = true;
  return [{ op: 'delete', target: relationTarget(node.relation), options }];
}

function update(node: NodeOf<'UpdateStmt'>): Draft[] {
  const columns = unwrapAll(node.targetList, 'ResTarget').map((t) => t.name ?? null);
  // `update`: what each SET does to the old value and which rows the WHERE selects (see update-facts.ts).
  const options: Options = { where: Boolean(node.whereClause) && !everyRowWhere(node.relation, node.whereClause), columns, update: factsJson(updateFacts(node)) };
  // `WHERE NOT EXISTS (SELECT 1 FROM parent WHERE parent.id = t.fk)`: the rows whose reference points at nothing.
  const orphans = orphanFacts(node);
  if (orphans && orphans.via !== 'null-fk') options.orphans = factsJson(orphans);
  // `UPDATE t SET c = x.v FROM (SELECT .. FROM params ..) x`: the rows of the tables read are folded into `t`.
  const own = node.relation?.relname;
  const read = [...relationsIn(node.fromClause ?? []), ...relationsIn(node.targetList ?? [])].filter((r, i, all) => r !== own && all.indexOf(r) === i);
  if (read.length > 0) options.copiedFrom = read;
  const whole = readInFull(node).filter((r) => r !== own);
  if (whole.length > 0) options.copiedWhole = whole;
  // `SET comment = v."salesComment" FROM vehicles v`: the columns of other tables the new values are read from.
  const reads = otherColumnsRead(node);
  if (reads.length > 0) options.setReads = reads;
  // `SET created_by_id = author_id` (bare or qualified by the table or its alias, casts aside): a copy of a column of
  // the same row, by SET column.
  const copies = ownColumnCopies(node);
  if (Object.keys(copies).length > 0) options.setCopies = copies;
  // `SET c = (SELECT p.email FROM users p WHERE p.fiscal_code = t.c)`: each value replaced by another key of the row it
  // names in another table, which keeps both: by SET column, that table.
  const translations = keyTranslations(node);
  if (Object.keys(translations).length > 0) options.setTranslations = translations;
  // `WHERE v.id = s."vehicleId"`: the rows are paired with the other tables' rows, not chosen.
  // `AND e."partySize" IS NOT NULL` on a column the SET reads leaves out only rows with nothing to copy.
  const setSources = new Set(reads.map((r) => r.slice(r.lastIndexOf('.') + 1)));
  if (read.length > 0 && (!node.whereClause || pairsColumnsOnly(node.whereClause, setSources))) options.joinOnly = true;
  return [{ op: 'update', target: relationTarget(node.relation), options }];
}

/**
 * The columns of other tables that an UPDATE's SET values read, as `table.column` (a qualifier resolved through
 * the aliases of the FROM list and of subqueries; `*.column` for a bare name when other tables are in scope, as
 * PostgreSQL takes it from whichever has it). The target table's own columns are left out.
 */
function otherColumnsRead(node: NodeOf<'UpdateStmt'>): string[] {
  const own = new Set([node.relation?.relname, node.relation?.alias?.aliasname].filter((x): x is string => typeof x === 'string'));
  const tables = new Map<string, string>();
  collectAliases([node.fromClause ?? [], node.targetList ?? []], tables);
  if (tables.size === 0) return [];
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const ref = unwrap(n as Node, 'ColumnRef');
    if (ref) {
      const names = (ref.fields ?? []).map((f) => unwrap(f, 'String')?.sval);
      if (names.some((x) => x === undefined)) return;
      const column = names.at(-1)!;
      const qualifier = names.length >= 2 ? names.at(-2)! : null;
      const read = qualifier === null ? `*.${column}` : own.has(qualifier) ? null : `${tables.get(qualifier) ?? qualifier}.${column}`;
      if (read && !out.includes(read)) out.push(read);
      return;
    }
    Object.values(n).forEach(visit);
  };
  for (const target of unwrapAll(node.targetList, 'ResTarget')) visit(target.val);
  return out;
}

/**
 * The SET columns whose value is a scalar subquery on one other table that picks the row by the column's own old
 * value (`c = (SELECT p.a FROM parent p WHERE p.b = t.c)`, the outer column written qualified): by SET column, that
 * table.
 */
function keyTranslations(node: NodeOf<'UpdateStmt'>): Record<string, string> {
  const own = new Set([node.relation?.relname, node.relation?.alias?.aliasname].filter((x): x is string => typeof x === 'string'));
  const out: Record<string, string> = {};
  for (const target of unwrapAll(node.targetList, 'ResTarget')) {
    if (!target.name || (target.indirection?.length ?? 0) > 0) continue;
    const link = target.val ? unwrap(target.val as Node, 'SubLink') : undefined;
    if (!link || link.subLinkType !== 'EXPR_SUBLINK') continue;
    const select = link.subselect ? unwrap(link.subselect as Node, 'SelectStmt') : undefined;
    const from = select?.fromClause ?? [];
    const rel = from.length === 1 ? unwrap(from[0] as Node, 'RangeVar') : undefined;
    if (!rel?.relname || own.has(rel.relname)) continue;
    const where = select?.whereClause ? unwrap(select.whereClause as Node, 'A_Expr') : undefined;
    if (!where || where.kind !== 'AEXPR_OP' || unwrap(where.name?.[0] as Node, 'String')?.sval !== '=') continue;
    const refOf = (n: unknown) => ((n ? unwrap(n as Node, 'ColumnRef') : undefined)?.fields ?? []).map((f) => unwrap(f, 'String')?.sval);
    const sides = [refOf(where.lexpr), refOf(where.rexpr)];
    const outer = sides.some((f) => f.length === 2 && own.has(f[0]!) && f[1] === target.name);
    const inner = sides.some((f) => f.length >= 1 && f.every((x) => x !== undefined) && !(f.length === 2 && own.has(f[0]!)));
    if (outer && inner) out[target.name] = rel.relname;
  }
  return out;
}

/** The SET columns whose value is a column of the same row (`c = other`, `c = t.other`, `c = other::uuid`), by SET column. */
function ownColumnCopies(node: NodeOf<'UpdateStmt'>): Record<string, string> {
  const own = new Set([node.relation?.relname, node.relation?.alias?.aliasname].filter((x): x is string => typeof x === 'string'));
  const out: Record<string, string> = {};
  for (const target of unwrapAll(node.targetList, 'ResTarget')) {
    if (!target.name || (target.indirection?.length ?? 0) > 0) continue;
    let val = target.val as Node | undefined;
    for (let cast = val ? unwrap(val, 'TypeCast') : undefined; cast; cast = val ? unwrap(val, 'TypeCast') : undefined) val = cast.arg as Node | undefined;
    const ref = val ? unwrap(val, 'ColumnRef') : undefined;
    const names = (ref?.fields ?? []).map((f) => unwrap(f, 'String')?.sval);
    if (!ref || names.length === 0 || names.length > 2 || names.some((x) => x === undefined)) continue;
    if (names.length === 2 && !own.has(names[0]!)) continue;
    // A bare name with other tables in FROM may be theirs.
    if (names.length === 1 && (node.fromClause?.length ?? 0) > 0) continue;
    out[target.name] = names.at(-1)!;
  }
  return out;
}

/** Every table named in these nodes (FROM items, subqueries), by its alias and by its name. */
function collectAliases(node: unknown, out: Map<string, string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n) => collectAliases(n, out));
  const rel = unwrap(node as Node, 'RangeVar');
  if (rel?.relname) {
    out.set(rel.relname, rel.relname);
    if (rel.alias?.aliasname) out.set(rel.alias.aliasname, rel.relname);
    return;
  }
  Object.values(node).forEach((n) => collectAliases(n, out));
}

/**
 * The tables an `UPDATE ... FROM` reads every row of: the first table of a
 * FROM subquery that has no WHERE (`FROM (SELECT k, array_agg(v) FROM t
 * [JOIN u ON ..] GROUP BY k) x`: each row of t folded in), or a table of the
 * UPDATE's own FROM when its WHERE only pairs columns (`WHERE x.id = t.x_id`).
 */
function readInFull(node: NodeOf<'UpdateStmt'>): string[] {
  const out: string[] = [];
  const onlyPairsColumns = node.whereClause !== undefined && pairsColumnsOnly(node.whereClause);
  for (const item of node.fromClause ?? []) {
    const sub = unwrap(unwrap(item, 'RangeSubselect')?.subquery, 'SelectStmt');
    if (sub) {
      const first = sub.whereClause === undefined && sub.fromClause?.length === 1 ? leftmostTable(sub.fromClause[0]) : null;
      if (first) out.push(first);
      continue;
    }
    const table = unwrap(item, 'RangeVar')?.relname;
    if (table && onlyPairsColumns) out.push(table);
  }
  return out;
}

/** The table every row of a FROM item comes from: the table itself, or the left side of an inner or left join. */
function leftmostTable(item: Node | undefined): string | null {
  const table = unwrap(item, 'RangeVar')?.relname;
  if (table) return table;
  const join = unwrap(item, 'JoinExpr');
  return join && (join.jointype === 'JOIN_INNER' || join.jointype === 'JOIN_LEFT') ? leftmostTable(join.larg) : null;
}

/** `a.x = b.y [AND c.z = d.w ...]`: every conjunct an equality of two columns. */
function pairsColumnsOnly(where: Node, setSources: ReadonlySet<string> = new Set()): boolean {
  const and = unwrap(where, 'BoolExpr');
  if (and) return and.boolop === 'AND_EXPR' && (and.args ?? []).every((a) => pairsColumnsOnly(a, setSources));
  // `x IS NOT NULL` where `x` is a column the SET copies: a NULL there has nothing to copy, so no value is left behind.
  const test = unwrap(where, 'NullTest');
  if (test) {
    const ref = unwrap(test.arg, 'ColumnRef');
    const column = ref ? unwrap(ref.fields?.at(-1), 'String')?.sval : undefined;
    return test.nulltesttype === 'IS_NOT_NULL' && column !== undefined && setSources.has(column);
  }
  const eq = unwrap(where, 'A_Expr');
  return eq !== undefined && eq.kind === 'AEXPR_OP' && stringList(eq.name).join() === '=' && unwrap(eq.lexpr, 'ColumnRef') !== undefined && unwrap(eq.rexpr, 'ColumnRef') !== undefined;
}

function insert(node: NodeOf<'InsertStmt'>): Draft[] {
  const columns = unwrapAll(node.cols, 'ResTarget').map((t) => t.name ?? null);
  const action = node.onConflictClause?.action;
  // ON CONFLICT DO NOTHING makes a rerun harmless; rules need to know.
  const onConflict = action === 'ONCONFLICT_NOTHING' ? 'nothing' : action === 'ONCONFLICT_UPDATE' ? 'update' : null;
  const options: Record<string, JsonValue> = { columns, onConflict };
  // `INSERT INTO x SELECT ... FROM t`: the rows of t are copied (a rebuild, a move): dropping t afterwards loses none.
  const from = node.selectStmt ? relationsIn(node.selectStmt) : [];
  if (from.length > 0) {
    options.copiedFrom = from;
    // Every row: one table read, no WHERE (a full copy, as when a table is rebuilt or renamed to a legacy name).
    options.copiedAll = copiesEveryRow(from, node.selectStmt);
    // `WHERE c IS NOT NULL [AND ...]` alone: every row that holds a value in those columns.
    const nonNull = copiesEveryValueOf(from, node.selectStmt);
    if (nonNull.length > 0) options.copiedNonNull = nonNull;
    // `SELECT *` (or `t.*`): whole rows, every column.
    const select = (node.selectStmt as { SelectStmt?: { targetList?: Node[] } }).SelectStmt;
    const star = select?.targetList?.some((t) => unwrap(unwrap(t, 'ResTarget')?.val, 'ColumnRef')?.fields?.some((f) => unwrap(f, 'A_Star')) === true);
    if (star) options.selectsAll = true;
  }
  // `INSERT INTO t ... SELECT ... WHERE NOT EXISTS (SELECT 1 FROM t ...)`: inserted only where t lacks the row, so a rerun
  // inserts nothing (hold-out 100).
  const table = node.relation?.relname;
  if (table && node.selectStmt && antiJoinsOn(node.selectStmt, table)) options.skipsExisting = true;
  // `INSERT ... VALUES (...)`: the strings of the rows, as a bulkInsert records them (what a later DELETE may un-seed).
  const texts = valuesTexts(node.selectStmt);
  if (texts.length > 0) options.texts = texts;
  return [{ op: 'insert', target: relationTarget(node.relation), options }];
}

/** The query's WHERE (or one conjunct of it) is `NOT EXISTS (subquery)` whose subquery reads `table`. */
function antiJoinsOn(query: unknown, table: string): boolean {
  const where = (query as { SelectStmt?: { whereClause?: Node } } | undefined)?.SelectStmt?.whereClause;
  const conjuncts = (w: Node | undefined): Node[] => {
    const and = unwrap(w, 'BoolExpr');
    return and?.boolop === 'AND_EXPR' ? (and.args ?? []).flatMap((a) => conjuncts(a)) : w ? [w] : [];
  };
  return conjuncts(where).some((c) => {
    const not = unwrap(c, 'BoolExpr');
    if (not?.boolop !== 'NOT_EXPR') return false;
    const link = unwrap(not.args?.[0], 'SubLink');
    return link?.subLinkType === 'EXISTS_SUBLINK' && relationsIn(link.subselect).includes(table);
  });
}

/** The distinct string literals of an `INSERT ... VALUES` list (at most 50, each at most 100 characters, sorted); none for a query. */
function valuesTexts(selectStmt: unknown): string[] {
  const lists = (selectStmt as { SelectStmt?: { valuesLists?: unknown[] } } | undefined)?.SelectStmt?.valuesLists ?? [];
  return rowTexts(lists.flatMap((row) => (unwrap(row as Node, 'List')?.items ?? []).map(stringConstant).filter((t): t is string => t !== null)));
}

/** The query reads every row of one table: `from` (the tables it reads) is one, and its SELECT has one FROM item and no WHERE. */
function copiesEveryRow(from: readonly string[], query: unknown): boolean {
  const select = (query as { SelectStmt?: { whereClause?: unknown; fromClause?: unknown[] } } | undefined)?.SelectStmt;
  return from.length === 1 && select !== undefined && !select.whereClause && (select.fromClause?.length ?? 0) === 1;
}

/**
 * The columns of a one-table SELECT whose only WHERE is that they are NOT NULL (`WHERE c IS NOT NULL [AND d IS NOT
 * NULL]`): it copies every row holding a value there. Empty otherwise.
 */
function copiesEveryValueOf(from: readonly string[], query: unknown): string[] {
  const select = (query as { SelectStmt?: { whereClause?: Node; fromClause?: Node[] } } | undefined)?.SelectStmt;
  if (from.length !== 1 || !select?.whereClause || select.fromClause?.length !== 1) return [];
  // The columns the WHERE requires to be NOT NULL, when that is all it requires (one per conjunct).
  const columns = requiredNotNull({ relation: unwrap(select.fromClause[0], 'RangeVar'), whereClause: select.whereClause });
  return columns.length === conjuncts(select.whereClause).length ? columns : [];
}

/** Every table a statement reads (`RangeVar` nodes), in order, without duplicates. */
function relationsIn(node: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
      continue;
    }
    for (const [key, value] of Object.entries(n as Record<string, unknown>)) {
      if (key === 'RangeVar' && value && typeof value === 'object') {
        const name = (value as RangeVar).relname;
        const schema = (value as RangeVar).schemaname;
        const full = name ? (schema && schema !== 'public' ? `${schema}.${name}` : name) : null;
        if (full && !out.includes(full)) out.push(full);
      } else stack.push(value);
    }
  }
  return out;
}

// ---------------------------------------------------------------- ALTER TABLE

function alterTable(node: NodeOf<'AlterTableStmt'>): Draft[] {
  // ALTER INDEX / VIEW / SEQUENCE / TYPE share this node; only tables map onto builder ops.
  if (node.objtype !== 'OBJECT_TABLE') {
    return [
      {
        op: 'sql',
        target: namedRelationTarget(node.relation),
        options: { statementType: 'AlterTableStmt', objectType: objectTypeName(node.objtype) },
      },
    ];
  }
  const table = relationTarget(node.relation);
  return unwrapAll(node.cmds, 'AlterTableCmd').map((cmd) => alterTableCmd(table, cmd));
}

/** Subcommands that act on one column, named by `cmd.name`. */
const COLUMN_SUBCOMMANDS = new Set<string>([
  'AT_SetExpression',
  'AT_DropExpression',
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_SetStorage',
  'AT_SetCompression',
  'AT_AddIdentity',
  'AT_SetIdentity',
  'AT_DropIdentity',
  'AT_AlterColumnGenericOptions',
]);

function alterTableCmd(table: Target, cmd: AlterTableCmd): Draft {
  const column = (name: string | undefined): Target => ({ ...table, column: name ?? null });
  const named = (name: string | undefined): Target => ({ ...table, name: name ?? null });
  const guarded = Boolean(cmd.missing_ok);

  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = unwrap(cmd.def, 'ColumnDef');
      return { op: 'addColumn', target: column(def?.colname), guarded, options: def ? addColumnOptions(def) : {} };
    }
    case 'AT_DropColumn':
      return { op: 'removeColumn', target: column(cmd.name), guarded, options: { cascade: cascade(cmd.behavior) } };
    case 'AT_AlterColumnType': {
      const def = unwrap(cmd.def, 'ColumnDef');
      const type = def?.typeName ? formatTypeName(def.typeName) : null;
      // The parser stores the USING expression in raw_default.
      const options: Options = { type, using: Boolean(def?.raw_default) };
      if (def?.raw_default && !isColumnOrItsCast(def.raw_default, cmd.name)) options.usingComputes = true;
      return { op: 'changeColumn', target: column(cmd.name), options };
    }
    case 'AT_SetNotNull':
      return { op: 'changeColumn', target: column(cmd.name), options: { setNotNull: true } };
    case 'AT_DropNotNull':
      return { op: 'changeColumn', target: column(cmd.name), options: { dropNotNull: true } };
    case 'AT_ColumnDefault':
      // SET DEFAULT carries the expression in `def`; DROP DEFAULT has none.
      return {
        op: 'changeColumn',
        target: column(cmd.name),
        options: cmd.def ? { setDefault: true } : { dropDefault: true },
      };
    case 'AT_AddConstraint': {
      const constraint = unwrap(cmd.def, 'Constraint');
      return {
        op: 'addConstraint',
        target: named(constraint?.conname),
        options: constraint ? constraintOptions(constraint) : {},
      };
    }
    case 'AT_DropConstraint':
      return {
        op: 'removeConstraint',
        target: named(cmd.name),
        guarded,
        options: { cascade: cascade(cmd.behavior) },
      };
    case 'AT_ValidateConstraint':
      return {
        op: 'sql',
        target: named(cmd.name),
        options: { statementType: 'AlterTableStmt', validateConstraint: true },
      };
    default: {
      const options: Options = { statementType: 'AlterTableStmt', subcommand: cmd.subtype ?? null };
      if (cmd.subtype && COLUMN_SUBCOMMANDS.has(cmd.subtype)) return { op: 'sql', target: column(cmd.name), options };
      // Others name a trigger, index, tablespace, ... or nothing.
      return { op: 'sql', target: cmd.name === undefined ? table : named(cmd.name), options };
    }
  }
}

/** Types that give every existing row a value through an implicit sequence default. */
const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/**
 * `USING col` or `USING col::type`: the value converted by one cast, which
 * PostgreSQL judges as a plain type change (no rewrite when the cast is
 * binary-coercible). Anything else (`col::text::new_enum`, a function of the
 * column) computes each row's new value: the table is rewritten.
 */
function isColumnOrItsCast(node: Node, column: string | undefined): boolean {
  const inner = unwrap(node, 'TypeCast')?.arg ?? node;
  const ref = unwrap(inner, 'ColumnRef');
  return ref !== undefined && column !== undefined && stringList(ref.fields).at(-1) === column;
}

/**
 * Facts about an added column:
 * - `type`: the SQL type text;
 * - `notNull`: NOT NULL or PRIMARY KEY (both reject nulls);
 * - `default`: existing rows get a value: a DEFAULT clause, a serial type,
 *   an identity or a generated column. `notNull && !default` is the
 *   "fails on a non-empty table" case.
 * - `volatileDefault`: the DEFAULT calls a volatile function (one value per
 *   row: the table is rewritten, src/operations/volatile-defaults.ts);
 * - `sequence`: the database numbers it (serial, identity, `DEFAULT nextval`);
 * - `unique`, `primaryKey`, `check`, `identity`, `generated`, `references`:
 *   present only when the column definition has them.
 */
function addColumnOptions(def: ColumnDef): Options {
  const constraints = unwrapAll(def.constraints, 'Constraint');
  const has = (type: ConstrType): boolean => constraints.some((c) => c.contype === type);
  const typeName = def.typeName;
  const serial = typeName !== undefined && isSerialType(typeName);

  const options: Options = {
    type: typeName ? formatTypeName(typeName) : null,
    notNull: has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY') || Boolean(def.is_not_null),
    default: hasNonNullDefault(constraints) || has('CONSTR_IDENTITY') || has('CONSTR_GENERATED') || serial,
  };
  if (has('CONSTR_PRIMARY')) options.primaryKey = true;
  if (has('CONSTR_UNIQUE')) options.unique = true;
  if (has('CONSTR_CHECK')) options.check = true;
  if (has('CONSTR_IDENTITY')) options.identity = true;
  if (has('CONSTR_GENERATED')) options.generated = true;
  if (constraints.some((c) => c.contype === 'CONSTR_DEFAULT' && callsVolatile(c.raw_expr))) options.volatileDefault = true;
  if (takesSequence(def)) options.sequence = true;
  const foreignKey = constraints.find((c) => c.contype === 'CONSTR_FOREIGN');
  if (foreignKey) options.references = references(foreignKey);
  return options;
}

/** The expression calls a volatile function somewhere (`gen_random_uuid()`, `md5(random()::text)`). */
function callsVolatile(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(callsVolatile);
  if (!node || typeof node !== 'object') return false;
  const call = unwrap(node as Node, 'FuncCall');
  if (call && isVolatileFunction(stringList(call.funcname).join('.'))) return true;
  return Object.values(node).some(callsVolatile);
}

/** The database numbers the column itself: a serial type, an identity, or `DEFAULT nextval('seq')`. */
function takesSequence(def: ColumnDef): boolean {
  if (def.typeName !== undefined && isSerialType(def.typeName)) return true;
  return unwrapAll(def.constraints, 'Constraint').some(
    (c) => c.contype === 'CONSTR_IDENTITY' || (c.contype === 'CONSTR_DEFAULT' && stringList(unwrap(c.raw_expr, 'FuncCall')?.funcname).at(-1) === 'nextval'),
  );
}

/** DEFAULT NULL is no default at all for NOT NULL purposes. */
function hasNonNullDefault(constraints: Constraint[]): boolean {
  return constraints.some((c) => c.contype === 'CONSTR_DEFAULT' && !unwrap(c.raw_expr, 'A_Const')?.isnull);
}

function isSerialType(typeName: TypeName): boolean {
  const parts = stringList(typeName.names);
  return parts.length === 1 && SERIAL_TYPES.has(parts[0] ?? '') && !typeName.arrayBounds?.length;
}

const CONSTRAINT_TYPES: Partial<Record<ConstrType, string>> = {
  CONSTR_PRIMARY: 'primary key',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign key',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclude',
  CONSTR_NOTNULL: 'not null',
};

/**
 * Facts about an added table constraint: `constraintType` (Sequelize's
 * spelling: 'unique', 'foreign key', ...), `notValid` (skips the validating
 * scan), and when present `fields`, `references`, `usingIndex` (promotes an
 * existing index: no scan either).
 */
function constraintOptions(c: Constraint): Options {
  const options: Options = {
    constraintType: constraintTypeName(c.contype),
    notValid: Boolean(c.skip_validation),
  };
  const fields = stringList(c.contype === 'CONSTR_FOREIGN' ? c.fk_attrs : c.keys);
  if (fields.length > 0) options.fields = fields;
  if (c.contype === 'CONSTR_FOREIGN') options.references = references(c);
  if (c.indexname) options.usingIndex = c.indexname;
  // CHECK (col IS NOT NULL): once validated, SET NOT NULL on that column skips its scan (PostgreSQL 12+).
  const notNull = c.contype === 'CONSTR_CHECK' ? unwrap(c.raw_expr, 'NullTest') : undefined;
  const notNullColumn = notNull?.nulltesttype === 'IS_NOT_NULL' ? unwrap(notNull.arg, 'ColumnRef') : undefined;
  if (notNullColumn && notNullColumn.fields?.length === 1) options.checksNotNull = stringList(notNullColumn.fields)[0] ?? null;
  return options;
}

function constraintTypeName(type: ConstrType | undefined): string | null {
  if (type === undefined) return null;
  return CONSTRAINT_TYPES[type] ?? type.replace(/^CONSTR_/, '').toLowerCase();
}

function references(c: Constraint): Options {
  const table = c.pktable?.relname ?? null;
  const out: Options = { table, fields: stringList(c.pk_attrs) };
  if (c.pktable?.schemaname) out.schema = c.pktable.schemaname;
  return out;
}

// ---------------------------------------------------------------- renames

function rename(node: NodeOf<'RenameStmt'>): Draft[] {
  const newName = node.newname ?? null;
  const relation = relationTarget(node.relation);
  switch (node.renameType) {
    case 'OBJECT_TABLE':
      // ALTER TABLE IF EXISTS a RENAME TO b: a rerun finds no `a` and succeeds.
      return [{ op: 'renameTable', target: { ...relation, newName }, guarded: Boolean(node.missing_ok), options: {} }];
    case 'OBJECT_COLUMN':
      if (node.relationType === 'OBJECT_TABLE') {
        // IF EXISTS here is about the table; a rerun still fails on the missing column.
        return [{ op: 'renameColumn', target: { ...relation, column: node.subname ?? null, newName }, options: {} }];
      }
      break;
    case 'OBJECT_TYPE':
      return [{ op: 'alterType', target: { ...objectTarget(node), newName }, options: { rename: true } }];
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE':
      return [{ op: 'renameFunction', target: { ...objectTarget(node), newName }, options: {} }];
    case 'OBJECT_TRIGGER':
      return [{ op: 'renameTrigger', target: { ...relation, name: node.subname ?? null, newName }, options: {} }];
    default:
      break;
  }
  return [
    {
      op: 'sql',
      target: { ...renamedObjectTarget(node), newName },
      options: { statementType: 'RenameStmt', renameType: objectTypeName(node.renameType) },
    },
  ];
}

/** The renamed object of a RENAME without a builder equivalent. */
function renamedObjectTarget(node: RenameStmt): Target {
  // Sub-objects of a table (constraint, policy, rule, column of a view): table + name.
  if (node.relation && node.subname !== undefined) {
    return { ...relationTarget(node.relation), name: node.subname };
  }
  // Relations that are not tables (index, view, sequence): the relation is the object.
  if (node.relation) return namedRelationTarget(node.relation);
  // Schemas, databases, roles are named by subname alone.
  if (node.subname !== undefined) return { table: null, column: null, name: node.subname };
  return objectTarget(node);
}

function objectTarget(node: { object?: Node }): Target {
  return node.object ? namedTarget(objectNameParts(node.object)) : { table: null, column: null, name: null };
}

// ---------------------------------------------------------------- indexes

function createIndex(node: NodeOf<'IndexStmt'>): Draft[] {
  const fields = unwrapAll(node.indexParams, 'IndexElem').map((e) => e.name ?? null);
  return [
    {
      op: 'addIndex',
      target: { ...relationTarget(node.relation), name: node.idxname ?? null },
      guarded: Boolean(node.if_not_exists),
      // A partial index: what its WHERE pins, as a builder `where` would say it.
      options: { unique: Boolean(node.unique), concurrently: Boolean(node.concurrent), ...(node.whereClause ? { where: predicateEqualities(node.relation, node.whereClause) } : {}) },
      fields,
    },
  ];
}

// ---------------------------------------------------------------- DROP

/** How each DROP object type maps: the op, and how to build the target from the name parts. */
const DROP_KINDS: Partial<Record<ObjectType, { op: OpKind; target: (parts: string[]) => Target }>> = {
  OBJECT_TABLE: { op: 'dropTable', target: tableTarget },
  OBJECT_INDEX: { op: 'removeIndex', target: namedTarget },
  OBJECT_TYPE: { op: 'dropType', target: namedTarget },
  OBJECT_VIEW: { op: 'dropView', target: namedTarget },
  OBJECT_MATVIEW: { op: 'dropView', target: namedTarget },
  OBJECT_EXTENSION: { op: 'dropExtension', target: namedTarget },
  OBJECT_SEQUENCE: { op: 'dropSequence', target: namedTarget },
  OBJECT_FUNCTION: { op: 'dropFunction', target: namedTarget },
  OBJECT_PROCEDURE: { op: 'dropFunction', target: namedTarget },
  OBJECT_ROUTINE: { op: 'dropFunction', target: namedTarget },
  OBJECT_TRIGGER: { op: 'dropTrigger', target: triggerTarget },
  OBJECT_SCHEMA: { op: 'dropSchema', target: (parts) => ({ table: null, column: null, name: parts[0] ?? null }) },
};

function tableTarget(parts: string[]): Target {
  const { schema, name } = splitQualified(parts);
  return withSchema({ table: name, column: null }, schema);
}

/** DROP TRIGGER name ON [schema.]table: the parser lists [schema, table, trigger]. */
function triggerTarget(parts: string[]): Target {
  const { schema, name: table } = splitQualified(parts.slice(0, -1));
  return withSchema({ table, column: null, name: parts[parts.length - 1] ?? null }, schema);
}

function drop(node: NodeOf<'DropStmt'>): Draft[] {
  const kind = node.removeType ? DROP_KINDS[node.removeType] : undefined;
  const options = dropOptions(node);
  const guarded = Boolean(node.missing_ok);
  if (!kind) {
    return [
      {
        op: 'sql',
        target: noTarget(),
        guarded,
        options: { statementType: 'DropStmt', removeType: objectTypeName(node.removeType), ...options },
      },
    ];
  }
  // DROP TABLE a, b is two operations: each can be guarded, unresolved or flagged on its own.
  return (node.objects ?? []).map((object) => ({
    op: kind.op,
    target: kind.target(objectNameParts(object)),
    guarded,
    options: { ...options },
  }));
}

function dropOptions(node: DropStmt): Options {
  const options: Options = { cascade: cascade(node.behavior) };
  if (node.removeType === 'OBJECT_INDEX') options.concurrently = Boolean(node.concurrent);
  if (node.removeType === 'OBJECT_VIEW' || node.removeType === 'OBJECT_MATVIEW') {
    options.materialized = node.removeType === 'OBJECT_MATVIEW';
  }
  return options;
}

// ---------------------------------------------------------------- types, views, extensions, sequences

function createEnum(node: NodeOf<'CreateEnumStmt'>): Draft[] {
  const values = stringList(node.vals);
  return [{ op: 'createType', target: namedTarget(stringList(node.typeName)), options: { kind: 'enum', values } }];
}

function createCompositeType(node: NodeOf<'CompositeTypeStmt'>): Draft[] {
  return [{ op: 'createType', target: namedRelationTarget(node.typevar), options: { kind: 'composite' } }];
}

function createRangeType(node: NodeOf<'CreateRangeStmt'>): Draft[] {
  return [{ op: 'createType', target: namedTarget(stringList(node.typeName)), options: { kind: 'range' } }];
}

function alterEnum(node: NodeOf<'AlterEnumStmt'>): Draft[] {
  const target = namedTarget(stringList(node.typeName));
  // RENAME VALUE sets oldVal; ADD VALUE does not.
  if (node.oldVal !== undefined) {
    return [{ op: 'alterType', target, options: { renameValue: node.oldVal, newValue: node.newVal ?? null } }];
  }
  const options: Options = { addValue: node.newVal ?? null };
  // newValIsAfter defaults to true even without BEFORE/AFTER: only meaningful with a neighbor.
  if (node.newValNeighbor !== undefined) options[node.newValIsAfter ? 'after' : 'before'] = node.newValNeighbor;
  return [{ op: 'alterType', target, guarded: Boolean(node.skipIfNewValExists), options }];
}

function createView(node: NodeOf<'ViewStmt'>): Draft[] {
  return [{ op: 'createView', target: namedRelationTarget(node.view), guarded: Boolean(node.replace), options: { materialized: false } }];
}

function createExtension(node: NodeOf<'CreateExtensionStmt'>): Draft[] {
  return [
    {
      op: 'createExtension',
      target: { table: null, column: null, name: node.extname ?? null },
      guarded: Boolean(node.if_not_exists),
      options: {},
    },
  ];
}

function createSequence(node: NodeOf<'CreateSeqStmt'>): Draft[] {
  return [{ op: 'createSequence', target: namedRelationTarget(node.sequence), guarded: Boolean(node.if_not_exists), options: {} }];
}

// ---------------------------------------------------------------- functions, triggers, schemas

function createFunction(node: NodeOf<'CreateFunctionStmt'>): Draft[] {
  return [
    {
      op: 'createFunction',
      target: namedTarget(stringList(node.funcname)),
      guarded: Boolean(node.replace),
      options: node.is_procedure ? { procedure: true } : {},
    },
  ];
}

function createTrigger(node: NodeOf<'CreateTrigStmt'>): Draft[] {
  return [
    {
      op: 'createTrigger',
      target: { ...relationTarget(node.relation), name: node.trigname ?? null },
      guarded: Boolean(node.replace),
      options: {},
    },
  ];
}

function createSchema(node: NodeOf<'CreateSchemaStmt'>): Draft[] {
  // CREATE SCHEMA AUTHORIZATION joe names the schema after the role.
  const name = node.schemaname ?? node.authrole?.rolename ?? null;
  return [{ op: 'createSchema', target: { table: null, column: null, name }, guarded: Boolean(node.if_not_exists), options: {} }];
}

// ---------------------------------------------------------------- databases

function createDatabase(node: NodeOf<'CreatedbStmt'>): Draft[] {
  return [{ op: 'createDatabase', target: { table: null, column: null, name: node.dbname ?? null }, options: {} }];
}

function dropDatabase(node: NodeOf<'DropdbStmt'>): Draft[] {
  return [
    {
      op: 'dropDatabase',
      target: { table: null, column: null, name: node.dbname ?? null },
      guarded: Boolean(node.missing_ok),
      options: {},
    },
  ];
}

// ---------------------------------------------------------------- transactions

/** BEGIN and START TRANSACTION, COMMIT and END, ROLLBACK and ABORT are the same thing. */
const TRANSACTION_KINDS: Record<TransactionStmtKind, string> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'releaseSavepoint',
  TRANS_STMT_ROLLBACK_TO: 'rollbackToSavepoint',
  TRANS_STMT_PREPARE: 'prepareTransaction',
  TRANS_STMT_COMMIT_PREPARED: 'commitPrepared',
  TRANS_STMT_ROLLBACK_PREPARED: 'rollbackPrepared',
};

function transaction(node: NodeOf<'TransactionStmt'>): Draft[] {
  const target: Target = node.savepoint_name ? { table: null, column: null, name: node.savepoint_name } : noTarget();
  return [{ op: 'transactionControl', target, options: { kind: node.kind ? TRANSACTION_KINDS[node.kind] : null } }];
}

// ---------------------------------------------------------------- locks

/** LOCK modes by number (lockdefs.h: 1 is ACCESS SHARE), as written in SQL. */
const LOCK_MODES = [null, ...PG_LOCK_MODES] as const;

function lock(node: NodeOf<'LockStmt'>): Draft[] {
  const lockMode = LOCK_MODES[node.mode ?? 0] ?? null;
  return unwrapAll(node.relations, 'RangeVar').map((rel) => ({
    op: 'sql',
    target: relationTarget(rel),
    options: { statementType: 'LockStmt', lockMode },
  }));
}

// ---------------------------------------------------------------- maintenance and settings

/** The names of a statement's `(option, ...)` list, lowercase (`full`, `concurrently`). */
function optionNames(nodes: Node[] | undefined): string[] {
  return unwrapAll(nodes, 'DefElem').map((d) => (d.defname ?? '').toLowerCase());
}

/** VACUUM / ANALYZE: one operation per table named; `full` rewrites the table under ACCESS EXCLUSIVE. */
function vacuum(node: NodeOf<'VacuumStmt'>): Draft[] {
  const options: Options = { statementType: 'VacuumStmt', full: optionNames(node.options).includes('full'), vacuum: Boolean(node.is_vacuumcmd) };
  const relations = unwrapAll(node.rels, 'VacuumRelation').flatMap((r) => (r.relation ? [r.relation] : []));
  if (relations.length === 0) return [{ op: 'sql', target: noTarget(), options: { ...options, everyTable: true } }];
  return relations.map((rel) => ({ op: 'sql', target: relationTarget(rel), options: { ...options } }));
}

/** CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE. */
function cluster(node: NodeOf<'ClusterStmt'>): Draft[] {
  const options: Options = { statementType: 'ClusterStmt' };
  if (node.indexname) options.index = node.indexname;
  if (!node.relation) options.everyTable = true;
  return [{ op: 'sql', target: node.relation ? relationTarget(node.relation) : noTarget(), options }];
}

/** REINDEX INDEX i (target: the index) or TABLE t (target: the table); `concurrently` when written. */
function reindex(node: NodeOf<'ReindexStmt'>): Draft[] {
  const kind = (node.kind ?? '').replace(/^REINDEX_OBJECT_/, '').toLowerCase();
  const options: Options = { statementType: 'ReindexStmt', reindex: kind, concurrently: optionNames(node.params).includes('concurrently') };
  const target = !node.relation ? { ...noTarget(), name: node.name ?? null } : kind === 'index' ? namedRelationTarget(node.relation) : relationTarget(node.relation);
  return [{ op: 'sql', target, options }];
}

/** SET [LOCAL] name ...: `setting` is the parameter's name, `local` for SET LOCAL (until the transaction ends). */
function setVariable(node: NodeOf<'VariableSetStmt'>): Draft[] {
  return [{ op: 'sql', target: noTarget(), options: { statementType: 'VariableSetStmt', setting: node.name ?? null, local: Boolean(node.is_local), reset: node.kind !== 'VAR_SET_VALUE' } }];
}

// ---------------------------------------------------------------- DO blocks

/**
 * `DO $$ BEGIN ... END $$`: PL/pgSQL run once. Whatever it runs may change any table, unless its body, parsed, only
 * runs statements that change none (an enum's new value, a type, an extension, a comment, a grant, a SELECT) under
 * IF, RAISE, assignments and exception handlers: the common guard written as a block (`ALTER TYPE ... ADD VALUE ...
 * EXCEPTION WHEN duplicate_object THEN null`). Such a block is marked `touchesNoTable`; the schema replay keeps its
 * tables known. Dynamic SQL (EXECUTE), loops over queries, PERFORM and every other statement leave it opaque.
 */
function doBlock(node: NodeOf<'DoStmt'>): Draft[] {
  const generic: Draft = { op: 'sql', target: noTarget(), options: { statementType: 'DoStmt' } };
  const args = unwrapAll(node.args, 'DefElem');
  const body = args.find((a) => a.defname === 'as')?.arg;
  const language = args.find((a) => a.defname === 'language')?.arg;
  const text = body && 'String' in body ? body.String?.sval : undefined;
  const lang = language && 'String' in language ? language.String?.sval : 'plpgsql';
  if (typeof text !== 'string' || lang?.toLowerCase() !== 'plpgsql') return [generic];
  let tree: unknown;
  try {
    tree = parsePlpgsqlSync(`CREATE FUNCTION migralint_do() RETURNS void LANGUAGE plpgsql AS ${dollarQuoted(text)}`);
  } catch {
    return [generic];
  }
  // Every statement guarded (under an IF on the catalog, or in a block with an exception handler): its statements,
  // each guarded, as if written one after the other with IF [NOT] EXISTS.
  const guarded = guardedStatements(tree);
  if (guarded) return guarded;
  return plpgsqlTouchesNoTable(tree) ? [{ ...generic, options: { statementType: 'DoStmt', touchesNoTable: true } }] : [generic];
}

/** A PL/pgSQL condition that asks the catalog whether something exists (`NOT EXISTS (SELECT 1 FROM pg_type ...)`, `to_regclass(...)`). */
const CATALOG_TEST = /\b(information_schema\s*\.|pg_(?:catalog\s*\.\s*)?(?:type|class|tables|indexes|constraint|attribute|namespace|enum|trigger|proc|views|extension)\b|to_reg(?:class|type|proc|namespace)\s*\()/i;

/**
 * The SQL a DO block runs, when it runs nothing but static statements each guarded by an IF testing the catalog (the
 * "create it unless it exists" block) or inside a BEGIN ... EXCEPTION block that catches its failure: their drafts, each
 * `guarded`. Null for any other shape: EXECUTE, loops, PERFORM, an IF on data, a statement no guard covers.
 */
function guardedStatements(tree: unknown): Draft[] | null {
  const drafts: Draft[] = [];
  let ok = true;
  const statements = (list: unknown, guardedHere: boolean): void => {
    for (const item of Array.isArray(list) ? list : []) {
      if (!ok) return;
      const [key, value] = Object.entries(item as Record<string, unknown>)[0] ?? [];
      const v = value as Record<string, unknown> | undefined;
      if (!key || !v) continue;
      if (key === 'PLpgSQL_stmt_block') statements(v.body, guardedHere || v.exceptions !== undefined);
      else if (key === 'PLpgSQL_stmt_if') {
        const cond = (v.cond as { PLpgSQL_expr?: { query?: unknown } } | undefined)?.PLpgSQL_expr?.query;
        const onCatalog = typeof cond === 'string' && CATALOG_TEST.test(cond);
        if (!guardedHere && !onCatalog) ok = false;
        else if (v.elsif_list !== undefined) ok = false;
        else {
          statements(v.then_body, true);
          statements(v.else_body, true);
        }
      } else if (key === 'PLpgSQL_stmt_execsql') {
        const query = (v.sqlstmt as { PLpgSQL_expr?: { query?: unknown } } | undefined)?.PLpgSQL_expr?.query;
        if (!guardedHere || typeof query !== 'string' || (v as { into?: unknown }).into !== undefined) {
          ok = false;
          return;
        }
        try {
          for (const stmt of parseSqlSync(query).stmts ?? []) if (stmt.stmt) drafts.push(...describeStatement(stmt.stmt).map((d) => ({ ...d, guarded: true })));
        } catch {
          ok = false;
        }
      } else if (key !== 'PLpgSQL_stmt_raise' && key !== 'PLpgSQL_stmt_return' && key !== 'PLpgSQL_stmt_assign') ok = false;
    }
  };
  const funcs = (tree as { plpgsql_funcs?: { PLpgSQL_function?: { action?: unknown } }[] } | null)?.plpgsql_funcs;
  if (!Array.isArray(funcs) || funcs.length !== 1) return null;
  const action = funcs[0]?.PLpgSQL_function?.action;
  statements(action ? [action] : [], false);
  return ok && drafts.length > 0 && drafts.every((d) => d.op !== 'sql' || d.options?.statementType !== 'DoStmt') ? drafts : null;
}

/** `text` between dollar quotes no part of it closes. */
function dollarQuoted(text: string): string {
  let tag = 'migralint';
  while (text.includes(`$${tag}$`)) tag += '_';
  return `$${tag}$${text}$${tag}$`;
}

/** PL/pgSQL statements that run no SQL of their own but what their expressions test (IF, RAISE, assignments, blocks). */
const PLPGSQL_CONTROL = new Set(['PLpgSQL_stmt_block', 'PLpgSQL_stmt_if', 'PLpgSQL_stmt_raise', 'PLpgSQL_stmt_return', 'PLpgSQL_stmt_assign']);
/** SQL statements that change no table, its columns or its rows. */
const NO_TABLE_STATEMENTS = new Set(['AlterEnumStmt', 'CreateEnumStmt', 'CompositeTypeStmt', 'CreateDomainStmt', 'CreateExtensionStmt', 'CommentStmt', 'GrantStmt', 'GrantRoleStmt', 'CreateRoleStmt', 'AlterRoleStmt', 'CreateSchemaStmt']);

function plpgsqlTouchesNoTable(tree: unknown): boolean {
  let ok = true;
  const visit = (value: unknown): void => {
    if (!ok || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('PLpgSQL_stmt_')) {
        if (key === 'PLpgSQL_stmt_execsql') {
          const query = (v as { sqlstmt?: { PLpgSQL_expr?: { query?: unknown } } }).sqlstmt?.PLpgSQL_expr?.query;
          if (typeof query !== 'string' || !sqlTouchesNoTable(query)) ok = false;
          continue;
        }
        if (!PLPGSQL_CONTROL.has(key)) {
          ok = false;
          return;
        }
      }
      visit(v);
    }
  };
  const funcs = (tree as { plpgsql_funcs?: unknown[] } | null)?.plpgsql_funcs;
  if (!Array.isArray(funcs) || funcs.length !== 1) return false;
  visit(funcs);
  return ok;
}

/** Every statement of `sql` is one that changes no table (a SELECT only without INTO a new table). */
function sqlTouchesNoTable(sql: string): boolean {
  let parsed: ParseResult;
  try {
    parsed = parseSqlSync(sql);
  } catch {
    return false;
  }
  const stmts = parsed.stmts ?? [];
  return stmts.length > 0 && stmts.every((s) => {
    const tag = s.stmt ? tagOf(s.stmt) : null;
    if (tag === 'SelectStmt') return !(s.stmt as { SelectStmt: { intoClause?: unknown } }).SelectStmt.intoClause;
    if (tag === 'CreateSchemaStmt') return ((s.stmt as { CreateSchemaStmt: { schemaElts?: unknown[] } }).CreateSchemaStmt.schemaElts ?? []).length === 0;
    return tag !== null && NO_TABLE_STATEMENTS.has(tag);
  });
}

// ---------------------------------------------------------------- dispatch

const HANDLERS: { [K in NodeTag]?: Handler<K> } = {
  CreateStmt: createTable,
  CreateTableAsStmt: createTableAs,
  SelectStmt: select,
  TruncateStmt: truncate,
  DeleteStmt: deleteRows,
  UpdateStmt: update,
  InsertStmt: insert,
  AlterTableStmt: alterTable,
  RenameStmt: rename,
  IndexStmt: createIndex,
  DropStmt: drop,
  CreateEnumStmt: createEnum,
  CompositeTypeStmt: createCompositeType,
  CreateRangeStmt: createRangeType,
  AlterEnumStmt: alterEnum,
  ViewStmt: createView,
  CreateExtensionStmt: createExtension,
  CreateSeqStmt: createSequence,
  CreateFunctionStmt: createFunction,
  CreateTrigStmt: createTrigger,
  CreateSchemaStmt: createSchema,
  CreatedbStmt: createDatabase,
  DropdbStmt: dropDatabase,
  TransactionStmt: transaction,
  LockStmt: lock,
  VacuumStmt: vacuum,
  ClusterStmt: cluster,
  ReindexStmt: reindex,
  VariableSetStmt: setVariable,
  DoStmt: doBlock,
};
