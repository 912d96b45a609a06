/**
 * What an UPDATE writes and which rows a DELETE or UPDATE selects, read from
 * the parse tree, so that rules can tell a backfill, a reversible remap or a
 * normalization from an overwrite without matching text.
 *
 * Columns are compared without their table qualifier when the qualifier is
 * the statement's own table or alias (`"t"."c"`, `a."c"` for `UPDATE t a`);
 * a column of another table (`FROM users u ... u.c`) is never taken for one
 * of the target's. A JSON path inside a column is a "slot" written
 * `col#{a,b}` (`col -> 'a' -> 'b'`, `col #> '{a,b}'`, `jsonb_set(col, '{a,b}', ..)`).
 *
 * Constants are canonical strings: `'false'::jsonb`, `false` and `'false'`
 * are all `false`; a JSON string `'"x"'` is `x`. SQL NULL is `null`.
 */
import type { A_Expr, Node, RangeVar, SubLink } from 'libpg-query';
import type { JsonValue } from '../model';
import { HOLE_PREFIX } from './holes';
import { stringList, unwrap, unwrapAll } from './nodes';

/**
 * What one `SET col = expr` does to the column's previous value.
 * - `value`: a constant (`null` for NULL);
 * - `fillEmpty`: `COALESCE(col, x)`: only empty values change;
 * - `jsonSet`: one JSON key set (`jsonb_set(col, path, v)`, `col || '{"k": v}'`), the rest kept; `value` null when not constant,
 *   `copies` the columns of the row the new value is computed from (`to_jsonb("uuid")` keeps the old uuid);
 * - `jsonDelete`: one JSON key removed (`col #- path`, `col - 'k'`);
 * - `arith`: `col * 100`, `col / 100`, `col + 1`;
 * - `replace`: `replace(col, from, to)`;
 * - `map`: `CASE WHEN col = a THEN b ... ELSE col END`, the pairs [from, to];
 * - `normalize`: `trim`/`lower`/`upper`/`regexp_replace`... of the column itself (also per element of an array);
 * - `keepOthers`: `CASE WHEN <test> THEN v ... ELSE col END`: only the rows a WHEN selects change, the others keep
 *   their value (`erases` when a THEN is NULL or '');
 * - `wrap`: the column passed into a constructor (`jsonb_build_object('type', type)`): the old value is kept inside;
 * - `expr`: anything else.
 */
export type SetFact =
  | { kind: 'value'; value: string | null }
  | { kind: 'fillEmpty' }
  | { kind: 'jsonSet'; path: string; value: string | null; copies?: string[] }
  | { kind: 'jsonDelete'; path: string }
  | { kind: 'arith'; op: string; operand: string }
  | { kind: 'replace'; from: string; to: string }
  | { kind: 'map'; pairs: [string | null, string | null][] }
  | { kind: 'normalize'; fn: string }
  | { kind: 'keepOthers'; erases: boolean }
  | { kind: 'wrap'; fn: string }
  /** `SET c = c`: the column given its own value, no cast, no function: nothing changes. */
  | { kind: 'same' }
  /** A summary of rows of other tables (`(SELECT COUNT(*) FROM reviews r WHERE r.lawyer_id = t.id)`, in COALESCE or ROUND): a derived value, recomputed. */
  | { kind: 'aggregate'; fn: string; from: string[] }
  | { kind: 'expr' };

/** The facts of an UPDATE, stored in `op.options` (JSON). */
export interface UpdateFacts {
  /** By SET column. */
  set: Record<string, SetFact>;
  /** Slots the top-level AND of the WHERE restricts to constants: `c = 'a'`, `c IN ('a', 'b')`, `c -> 'k' = 'true'`. */
  whereValues: Record<string, (string | null)[]>;
  /** Slots the top-level AND restricts to empty values: `c IS NULL`, `c = ''`, `length(c) = 0`, `c -> 'k' IS NULL`. */
  whereEmpty: string[];
  /**
   * The target table's columns the WHERE reads, when it reads nothing else (no other table's column, no
   * subquery): `WHERE "isAdmin" = true` selects the rows by `isAdmin` alone. Absent when there is no WHERE.
   */
  whereColumns?: string[] | null;
  /**
   * The JSON slots of the target table that the SET values and the WHERE read (`settings#{canHostAccounts}` for
   * `"settings"->>'canHostAccounts'`, `settings ? 'canHostAccounts'`): what an UPDATE derives its new values from.
   * Absent when it reads none.
   */
  jsonReads?: string[];
}

/** Rows a DELETE selects as orphans: a null foreign key, `NOT EXISTS (SELECT .. FROM parent ..)`, `fk NOT IN (SELECT id FROM parent)`. */
export interface OrphanFacts {
  via: 'null-fk' | 'not-exists' | 'not-in';
  column: string | null;
  parent: string | null;
}

/** Functions that build a value around their arguments: the column given to one survives in the result. */
const WRAPPERS = new Set(['jsonb_build_object', 'json_build_object', 'jsonb_build_array', 'json_build_array', 'to_jsonb', 'to_json', 'array_append', 'array_prepend']);

/** Functions that rewrite a value's spelling, not its meaning. */
const NORMALIZERS = new Set(['btrim', 'ltrim', 'rtrim', 'trim', 'lower', 'upper', 'initcap', 'regexp_replace', 'translate', 'unaccent']);
const LENGTH_FUNCTIONS = new Set(['length', 'char_length', 'character_length', 'octet_length', 'cardinality', 'array_length', 'jsonb_array_length']);
const INVERSE_ARITH = new Set(['*', '/', '+', '-']);

/** The relation's name and alias: the qualifiers that mean "this table". */
function ownNames(rel: RangeVar | undefined): Set<string> {
  const names = new Set<string>();
  if (rel?.relname) names.add(rel.relname);
  if (rel?.alias?.aliasname) names.add(rel.alias.aliasname);
  return names;
}

export function updateFacts(node: {
  relation?: RangeVar;
  targetList?: Node[];
  whereClause?: Node;
  fromClause?: Node[];
  withClause?: { ctes?: Node[] };
}): UpdateFacts {
  const own = ownNames(node.relation);
  for (const alias of selfJoinAliases(node, own)) own.add(alias);
  const set: Record<string, SetFact> = {};
  for (const target of unwrapAll(node.targetList, 'ResTarget')) {
    if (!target.name || isHoleText(target.name)) continue;
    // SET c[1] = .., SET c.f = ..: part of the column.
    set[target.name] = target.indirection?.length ? { kind: 'expr' } : setFact(target.name, target.val, own);
  }
  const selection = whereSelection(node.whereClause, own);
  for (const slot of cteEmptySlots(node)) if (!selection.whereEmpty.includes(slot)) selection.whereEmpty.push(slot);
  const reads = jsonSlotsRead([...unwrapAll(node.targetList, 'ResTarget').map((t) => t.val), node.whereClause], own);
  const jsonReads = reads.length > 0 ? { jsonReads: reads } : {};
  return { set, ...selection, ...jsonReads };
}

/** Which rows a WHERE selects, as constants and empties per slot and the columns it reads (UpdateFacts' WHERE part). */
export type RowSelection = Pick<UpdateFacts, 'whereValues' | 'whereEmpty' | 'whereColumns'>;

/** The rows a DELETE selects (`DELETE FROM t WHERE id IN (1, 2)`), read as an UPDATE's WHERE is. */
export function deleteSelection(relation: RangeVar | undefined, where: Node | undefined): RowSelection {
  return whereSelection(where, ownNames(relation));
}

function whereSelection(where: Node | undefined, own: Set<string>): RowSelection {
  const whereValues: Record<string, (string | null)[]> = {};
  const whereEmpty: string[] = [];
  for (const conjunct of conjuncts(where)) {
    const empty = emptySlot(conjunct, own);
    if (empty !== null) {
      if (!whereEmpty.includes(empty)) whereEmpty.push(empty);
      continue;
    }
    const eq = equality(conjunct, own);
    if (eq) whereValues[eq.slot] = eq.values;
  }
  if (!where) return { whereValues, whereEmpty };
  return { whereValues, whereEmpty, whereColumns: onlyOwnColumnsIn(where, own) };
}

/** The JSON slots of the target table read in these expressions (`col -> 'k'`, `col #>> '{a,b}'`, `col ? 'k'`), not in subqueries (their columns may be another table's). */
function jsonSlotsRead(nodes: (Node | undefined)[], own: Set<string>): string[] {
  const out: string[] = [];
  const add = (slot: Slot | null): boolean => {
    if (!slot || slot.path.length === 0) return false;
    const key = slotKey(slot);
    if (!out.includes(key)) out.push(key);
    return true;
  };
  visitOutsideSubqueries(nodes, (record) => {
    const op = unwrap(record as Node, 'A_Expr');
    if (op?.kind !== 'AEXPR_OP') return false;
    if (add(slotOf(record as Node, own))) return true;
    // `col ? 'k'`: the key's presence.
    const base = stringList(op.name)[0] === '?' ? slotOf(op.lexpr, own) : null;
    const key = base ? constValue(stripCasts(op.rexpr)) : undefined;
    return base !== null && typeof key === 'string' && add({ column: base.column, path: [...base.path, key] });
  });
  return out;
}

/**
 * Walks parse-tree nodes depth first, not into subqueries (`SubLink`): `visit` gets each object and returns true
 * when it has dealt with it (its children are then skipped).
 */
function visitOutsideSubqueries(nodes: unknown, visit: (record: Record<string, unknown>) => boolean): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ('SubLink' in record || visit(record)) return;
    for (const item of Object.values(record)) walk(item);
  };
  walk(nodes);
}

/**
 * A batched backfill selects its rows in a CTE: `WITH rows AS (SELECT id FROM
 * t WHERE c IS NULL LIMIT 1000) UPDATE t SET c = .. WHERE EXISTS (SELECT ..
 * FROM rows ..)`. The empty tests on the target table inside the CTEs the
 * UPDATE reads (directly or through other CTEs) restrict its rows too.
 */
function cteEmptySlots(node: { relation?: RangeVar; whereClause?: Node; fromClause?: Node[]; withClause?: { ctes?: Node[] } }): string[] {
  const table = node.relation?.relname;
  const ctes = unwrapAll(node.withClause?.ctes, 'CommonTableExpr');
  if (!table || ctes.length === 0) return [];
  const mentions = (value: unknown, name: string): boolean => JSON.stringify(value ?? null).includes(`"relname":${JSON.stringify(name)}`);
  const used = new Set<string>();
  const queue = ctes.filter((c) => c.ctename && (mentions(node.whereClause, c.ctename) || mentions(node.fromClause, c.ctename)));
  const slots: string[] = [];
  while (queue.length > 0) {
    const cte = queue.shift()!;
    if (!cte.ctename || used.has(cte.ctename)) continue;
    used.add(cte.ctename);
    const select = unwrap(cte.ctequery, 'SelectStmt');
    if (!select) continue;
    for (const other of ctes) if (other.ctename && !used.has(other.ctename) && mentions(select, other.ctename)) queue.push(other);
    const own = new Set<string>();
    for (const rel of rangeVars(select.fromClause)) {
      if (rel.relname !== table) continue;
      // The bare table name qualifies only when the table has no alias here.
      if (rel.alias?.aliasname) own.add(rel.alias.aliasname);
      else own.add(table);
    }
    if (own.size === 0) continue;
    for (const conjunct of conjuncts(select.whereClause)) {
      const slot = emptySlot(conjunct, own);
      if (slot !== null && !slots.includes(slot)) slots.push(slot);
    }
  }
  return slots;
}

/** The tables of a FROM list, through joins (not subqueries). */
function rangeVars(from: Node[] | undefined): RangeVar[] {
  const out: RangeVar[] = [];
  const visit = (n: Node | undefined): void => {
    const rel = unwrap(n, 'RangeVar');
    if (rel) out.push(rel);
    const join = unwrap(n, 'JoinExpr');
    if (join) {
      visit(join.larg);
      visit(join.rarg);
    }
  };
  for (const n of from ?? []) visit(n);
  return out;
}

/**
 * `UPDATE t SET .. FROM t AS c WHERE t.id = c.id`: the alias `c` is the same
 * row, so its columns are the target's.
 */
function selfJoinAliases(node: { relation?: RangeVar; fromClause?: Node[]; whereClause?: Node }, own: Set<string>): string[] {
  const table = node.relation?.relname;
  const aliases = rangeVars(node.fromClause)
    .filter((r) => r.relname === table && r.alias?.aliasname)
    .map((r) => r.alias!.aliasname!);
  const refParts = (n: Node | undefined): string[] => (unwrap(n, 'ColumnRef')?.fields ?? []).map((f) => unwrap(f, 'String')?.sval ?? '');
  return aliases.filter((alias) =>
    conjuncts(node.whereClause).some((c) => {
      const op = unwrap(c, 'A_Expr');
      if (op?.kind !== 'AEXPR_OP' || stringList(op.name)[0] !== '=') return false;
      const [l, r] = [refParts(op.lexpr), refParts(op.rexpr)];
      if (l.length !== 2 || r.length !== 2 || l[1] !== 'id' || r[1] !== 'id') return false;
      return (own.has(l[0]!) && r[0] === alias) || (own.has(r[0]!) && l[0] === alias);
    }),
  );
}

/** The orphan test among the WHERE's top-level AND, or null. */
export function orphanFacts(node: { relation?: RangeVar; whereClause?: Node }): OrphanFacts | null {
  const own = ownNames(node.relation);
  for (const conjunct of conjuncts(node.whereClause)) {
    const nullTest = unwrap(conjunct, 'NullTest');
    if (nullTest?.nulltesttype === 'IS_NULL') {
      const slot = slotOf(nullTest.arg, own);
      if (slot && !slot.path.length && /(_id|Id|ID)$/.test(slot.column)) return { via: 'null-fk', column: slot.column, parent: null };
    }
    const not = unwrap(conjunct, 'BoolExpr');
    if (not?.boolop !== 'NOT_EXPR' || not.args?.length !== 1) continue;
    const sub = unwrap(not.args[0], 'SubLink');
    const select = unwrap(sub?.subselect, 'SelectStmt');
    const from = select?.fromClause?.length === 1 ? unwrap(select.fromClause[0], 'RangeVar') : undefined;
    // NOT IN (SELECT min(id) FROM t GROUP BY ..) on the table itself removes duplicates, not orphans.
    if (!sub || !from || from.relname === node.relation?.relname) continue;
    if (sub.subLinkType === 'EXISTS_SUBLINK') return { via: 'not-exists', column: null, parent: from.relname ?? null };
    if (sub.subLinkType === 'ANY_SUBLINK') {
      const slot = slotOf(sub.testexpr, own);
      return { via: 'not-in', column: slot && !slot.path.length ? slot.column : null, parent: from.relname ?? null };
    }
  }
  return null;
}

/**
 * The columns of the target table that the WHERE's top-level AND requires to
 * be NOT NULL (`DELETE FROM t WHERE "deletedAt" IS NOT NULL`): the rows it
 * selects, by what they hold.
 */
export function requiredNotNull(node: { relation?: RangeVar; whereClause?: Node }): string[] {
  const own = ownNames(node.relation);
  const out: string[] = [];
  for (const conjunct of conjuncts(node.whereClause)) {
    const test = unwrap(conjunct, 'NullTest');
    const slot = test?.nulltesttype === 'IS_NOT_NULL' ? slotOf(test.arg, own) : null;
    if (slot && slot.path.length === 0 && !out.includes(slot.column)) out.push(slot.column);
  }
  return out;
}

/** The plain columns of the target table a SELECT lists (`SELECT id, a, t.b FROM t`); null when it has `*` or none. */
export function selectedColumns(node: { fromClause?: Node[]; targetList?: Node[] }): string[] | null {
  const from = node.fromClause?.length === 1 ? unwrap(node.fromClause[0], 'RangeVar') : undefined;
  if (!from) return null;
  const own = ownNames(from);
  const out: string[] = [];
  for (const target of unwrapAll(node.targetList, 'ResTarget')) {
    const ref = unwrap(target.val, 'ColumnRef');
    if (ref?.fields?.some((f) => unwrap(f, 'A_Star'))) return null;
    for (const column of ownColumnsIn(target.val, own)) if (!out.includes(column)) out.push(column);
  }
  return out.length > 0 ? out : null;
}

/**
 * The columns a DELETE deduplicates by: `WHERE c NOT IN (SELECT min(c) FROM
 * t GROUP BY a, b)` on the table itself keeps one row per `(a, b)` and
 * deletes the others. Null for any other WHERE.
 */
export function deduplicatedBy(node: { relation?: RangeVar; whereClause?: Node; usingClause?: Node[] }): string[] | null {
  const selfJoin = selfJoinDuplicates(node);
  if (selfJoin) return selfJoin;
  for (const conjunct of conjuncts(node.whereClause)) {
    const not = unwrap(conjunct, 'BoolExpr');
    const sub = not?.boolop === 'NOT_EXPR' && not.args?.length === 1 ? unwrap(not.args[0], 'SubLink') : undefined;
    const select = unwrap(sub?.subselect, 'SelectStmt');
    const from = select?.fromClause?.length === 1 ? unwrap(select.fromClause[0], 'RangeVar') : undefined;
    if (sub?.subLinkType !== 'ANY_SUBLINK' || !from || from.relname !== node.relation?.relname) continue;
    const own = ownNames(from);
    const by = (select!.groupClause ?? []).map((g) => slotOf(g, own)).filter((s): s is Slot => s !== null && s.path.length === 0).map((s) => s.column);
    if (by.length > 0 && by.length === (select!.groupClause ?? []).length) return by;
  }
  for (const conjunct of conjuncts(node.whereClause)) {
    const by = rowNumberDuplicates(unwrap(conjunct, 'SubLink'), node.relation?.relname);
    if (by) return by;
  }
  return null;
}

/**
 * `DELETE FROM t a USING t b WHERE a.k = b.k [AND a.j = b.j] AND a.id < b.id`: the table joined with itself on its key
 * columns, one side older than the other by one column: every row but one of each `(k, j)` goes. The key columns, or
 * null for any other shape (another condition narrows the rows deleted further: not a plain deduplication).
 */
function selfJoinDuplicates(node: { relation?: RangeVar; whereClause?: Node; usingClause?: Node[] }): string[] | null {
  const other = node.usingClause?.length === 1 ? unwrap(node.usingClause[0], 'RangeVar') : undefined;
  const table = node.relation?.relname;
  if (!other || !table || other.relname !== table || (other.schemaname ?? null) !== (node.relation?.schemaname ?? null)) return null;
  const a = node.relation?.alias?.aliasname ?? table;
  const b = other.alias?.aliasname;
  if (!b || a === b) return null;
  // `x.col` of one side: the side's name and the column.
  const side = (e: Node | undefined): { of: string; column: string } | null => {
    const parts = (unwrap(stripCasts(e), 'ColumnRef')?.fields ?? []).map((f) => unwrap(f, 'String')?.sval);
    return parts.length === 2 && parts.every((p) => p !== undefined) && (parts[0] === a || parts[0] === b) ? { of: parts[0]!, column: parts[1]! } : null;
  };
  const by: string[] = [];
  let ordered = 0;
  for (const conjunct of conjuncts(node.whereClause)) {
    const test = unwrap(conjunct, 'A_Expr');
    const op = test?.kind === 'AEXPR_OP' ? stringList(test.name)[0] : undefined;
    const l = side(test?.lexpr);
    const r = side(test?.rexpr);
    if (!op || !l || !r || l.of === r.of || l.column !== r.column) return null;
    if (op === '=') by.push(l.column);
    else if (op === '<' || op === '>') ordered++;
    else return null;
  }
  return by.length > 0 && ordered === 1 ? [...new Set(by)] : null;
}

/**
 * `c IN (SELECT c FROM (SELECT ..., row_number() OVER (PARTITION BY a, b ...) AS n FROM t) x WHERE n > 1)`: every
 * row of `t` but the first of each `(a, b)`. The columns partitioned by, or null.
 */
function rowNumberDuplicates(sub: SubLink | undefined, table: string | undefined): string[] | null {
  const select = unwrap(sub?.subselect, 'SelectStmt');
  const ranged = select?.fromClause?.length === 1 ? unwrap(select.fromClause[0], 'RangeSubselect') : undefined;
  const inner = unwrap(ranged?.subquery, 'SelectStmt');
  const from = inner?.fromClause?.length === 1 ? unwrap(inner.fromClause[0], 'RangeVar') : undefined;
  if (sub?.subLinkType !== 'ANY_SUBLINK' || !inner || !from || from.relname !== table) return null;
  const own = ownNames(from);
  for (const target of unwrapAll(inner.targetList, 'ResTarget')) {
    const call = unwrap(target.val, 'FuncCall');
    const partition = call?.over?.partitionClause ?? [];
    if (!call || funcName(call.funcname) !== 'row_number' || !target.name || partition.length === 0) continue;
    const by = partition.map((p) => slotOf(p, own)).filter((s): s is Slot => s !== null && s.path.length === 0).map((s) => s.column);
    if (by.length !== partition.length) return null;
    // The outer WHERE keeps the rows numbered past the first: `n > 1`, `n >= 2`, `n <> 1`.
    const test = unwrap(select!.whereClause, 'A_Expr');
    const ref = unwrap(test?.lexpr, 'ColumnRef');
    const last = ref?.fields?.at(-1);
    const column = last ? unwrap(last, 'String')?.sval : undefined;
    const op = test?.kind === 'AEXPR_OP' ? unwrap(test.name?.[0], 'String')?.sval : undefined;
    const bound = constValue(stripCasts(test?.rexpr));
    const pastFirst = (op === '>' && bound === '1') || (op === '>=' && bound === '2') || ((op === '<>' || op === '!=') && bound === '1');
    return column?.toLowerCase() === target.name.toLowerCase() && pastFirst ? by : null;
  }
  return null;
}

/** As JSON for `op.options`. */
export function factsJson(facts: UpdateFacts | OrphanFacts | RowSelection): JsonValue {
  return facts as unknown as JsonValue;
}

// ---------------------------------------------------------------- SET

function setFact(column: string, val: Node | undefined, own: Set<string>): SetFact {
  const expr = stripCasts(val);
  if (!expr) return { kind: 'expr' };
  const constant = constValue(expr);
  if (constant !== undefined) return { kind: 'value', value: constant };
  const isSelf = (n: Node | undefined, path: string[] = []): boolean => {
    const slot = slotOf(n, own);
    return slot !== null && slot.column === column && slot.path.join(',') === path.join(',');
  };

  // `SET terms = terms` (hold-out 68): the same value, written as it is (a cast could change it).
  if (isSelf(val)) return { kind: 'same' };
  const aggregate = aggregateOf(expr);
  if (aggregate) return aggregate;
  // COALESCE(col, x), COALESCE(NULLIF(col, ''), x): only empty values change.
  const first = stripCasts(coalesced(expr));
  const nullIf = unwrap(first, 'A_Expr');
  if (isSelf(first) || (nullIf?.kind === 'AEXPR_NULLIF' && isSelf(stripCasts(nullIf.lexpr)))) return { kind: 'fillEmpty' };
  const call = unwrap(expr, 'FuncCall');
  if (call) {
    const fn = funcName(call.funcname);
    const args = call.args ?? [];
    if ((fn === 'jsonb_set' || fn === 'jsonb_set_lax' || fn === 'json_set') && args.length >= 3) {
      const base = slotOf(unwrapCoalesce(args[0]), own);
      const path = constValue(stripCasts(args[1]));
      if (base && base.column === column && typeof path === 'string') {
        const value = constValue(stripCasts(args[2]));
        const fact: SetFact = { kind: 'jsonSet', path: pathKey([...base.path, ...parsePath(path)]), value: value ?? null };
        const copies = value === undefined ? ownColumnsIn(args[2], own) : [];
        return copies.length > 0 ? { ...fact, copies } : fact;
      }
      return { kind: 'expr' };
    }
    // `jsonb_build_object('type', type)`, `to_jsonb(c)`, `jsonb_build_array(c)`: the old value is kept inside the new one.
    if (WRAPPERS.has(fn) && args.some((a) => isSelf(stripCasts(a)))) return { kind: 'wrap', fn: writtenName(call) };
    if (fn === 'replace' && args.length === 3 && isSelf(args[0])) {
      const from = constValue(stripCasts(args[1]));
      const to = constValue(stripCasts(args[2]));
      if (typeof from === 'string' && typeof to === 'string') return { kind: 'replace', from, to };
      return { kind: 'expr' };
    }
    if (isNormalization(expr, (n) => isSelf(n))) return { kind: 'normalize', fn: writtenName(call) };
    return { kind: 'expr' };
  }

  const sub = unwrap(expr, 'SubLink');
  if (sub?.subLinkType === 'ARRAY_SUBLINK') {
    const fn = arrayNormalization(sub.subselect, (n) => isSelf(n));
    if (fn) return { kind: 'normalize', fn };
    return { kind: 'expr' };
  }

  const op = unwrap(expr, 'A_Expr');
  if (op?.kind === 'AEXPR_OP') {
    const name = stringList(op.name)[0] ?? '';
    const right = constValue(stripCasts(op.rexpr));
    // `'{"k": v}' || col`: the existing keys win, only missing ones are added.
    if (name === '||' && constValue(stripCasts(op.lexpr)) !== undefined && isSelf(stripCasts(unwrapCoalesce(op.rexpr)))) {
      return { kind: 'fillEmpty' };
    }
    if (name === '||' && isSelf(stripCasts(unwrapCoalesce(op.lexpr))) && typeof right === 'string') {
      const key = singleKeyObject(right);
      if (key) return { kind: 'jsonSet', path: pathKey([key.key]), value: key.value };
    }
    // `col #- '{a}' #- '{b}'`, `col - 'a' - 'b'`: several keys removed, the rest of the document kept.
    const removed = name === '#-' || (name === '-' && typeof right === 'string' && !isNumeric(right)) ? chainOperands(op, name) : [];
    if (removed.length > 2 && isSelf(stripCasts(removed[0]))) {
      const paths = removed.slice(1).map((o) => constValue(stripCasts(o)));
      if (paths.every((p): p is string => typeof p === 'string' && (name === '#-' || !isNumeric(p)))) {
        return { kind: 'jsonDelete', path: paths.map((p) => pathKey(name === '#-' ? parsePath(p) : [p])).join(', ') };
      }
    }
    if (isSelf(stripCasts(op.lexpr)) && typeof right === 'string') {
      if (name === '#-') return { kind: 'jsonDelete', path: pathKey(parsePath(right)) };
      if (name === '-' && !isNumeric(right)) return { kind: 'jsonDelete', path: pathKey([right]) };
      if (INVERSE_ARITH.has(name) && isNumeric(right)) return { kind: 'arith', op: name, operand: canonicalNumber(right) };
    }
    if (name === '||' && isSelf(stripCasts(unwrapCoalesce(op.lexpr)))) {
      // col || jsonb_build_object('k', v)
      const build = unwrap(stripCasts(op.rexpr), 'FuncCall');
      const bargs = build?.args ?? [];
      if (build && /^jsonb?_build_object$/.test(funcName(build.funcname)) && bargs.length === 2) {
        const key = constValue(stripCasts(bargs[0]));
        if (typeof key === 'string') {
          const value = constValue(stripCasts(bargs[1]));
          const copies = value === undefined ? ownColumnsIn(bargs[1], own) : [];
          return copies.length > 0 ? { kind: 'jsonSet', path: pathKey([key]), value: null, copies } : { kind: 'jsonSet', path: pathKey([key]), value: value ?? null };
        }
      }
    }
    // col || jsonb_build_object('a', x) || jsonb_build_object('b', y, 'c', z) ...: keys set, the rest of the document kept.
    const keys = name === '||' ? chainedObjectKeys(op, isSelf) : null;
    if (keys) {
      const copies = keys.flatMap((k) => (k.value === undefined ? ownColumnsIn(k.node, own) : [])).filter((c, i, all) => all.indexOf(c) === i);
      const fact: SetFact = { kind: 'jsonSet', path: pathKey([keys[0]!.key]), value: keys.length === 1 ? (keys[0]!.value ?? null) : null };
      return copies.length > 0 ? { ...fact, copies } : fact;
    }
    // `col || ' ' || last_name`, `col || CAST(:extra AS jsonb)`: the old value starts the new one (text appended to,
    // an array extended, an object merged with keys the migration supplies).
    // A JSON object written out in the chain (`col || '{"a": 1, "b": 2}'`) sets those keys over the old ones: not a wrap.
    if (name === '||' && isSelf(stripCasts(unwrapCoalesce(leftmostOfChain(op, '||')))) && !chainOperands(op, '||').some((o) => /^\s*\{/.test(constValue(stripCasts(o)) ?? ''))) {
      return { kind: 'wrap', fn: '||' };
    }
    return { kind: 'expr' };
  }

  const caseExpr = unwrap(expr, 'CaseExpr');
  if (caseExpr) return caseMap(column, caseExpr, own) ?? everyBranchSetsKey(column, caseExpr, own) ?? { kind: 'expr' };
  return { kind: 'expr' };
}

/**
 * `col || jsonb_build_object('a', x) || jsonb_build_object('b', y, ...)`
 * (left-associative, `col` possibly in COALESCE first): the keys each object
 * sets, with their value nodes; null for any other operand.
 */
function chainedObjectKeys(op: A_Expr, isSelf: (n: Node | undefined) => boolean): { key: string; node: Node | undefined; value: string | null | undefined }[] | null {
  const objects: Node[] = [];
  let left: Node | undefined = { A_Expr: op } as Node;
  for (;;) {
    const concat: A_Expr | undefined = unwrap(stripCasts(left), 'A_Expr');
    if (concat?.kind !== 'AEXPR_OP' || (stringList(concat.name)[0] ?? '') !== '||' || !concat.rexpr) break;
    objects.unshift(concat.rexpr);
    left = concat.lexpr;
  }
  if (objects.length === 0 || !isSelf(stripCasts(unwrapCoalesce(left)))) return null;
  const keys: { key: string; node: Node | undefined; value: string | null | undefined }[] = [];
  for (const object of objects) {
    const build = unwrap(stripCasts(object), 'FuncCall');
    const args = build?.args ?? [];
    if (!build || !/^jsonb?_build_object$/.test(funcName(build.funcname)) || args.length === 0 || args.length % 2 !== 0) return null;
    for (let i = 0; i < args.length; i += 2) {
      const key = constValue(stripCasts(args[i]));
      if (typeof key !== 'string') return null;
      keys.push({ key, node: args[i + 1], value: constValue(stripCasts(args[i + 1])) });
    }
  }
  return keys;
}

/** The target table's columns an expression reads (not inside subqueries). */
function ownColumnsIn(node: Node | undefined, own: Set<string>): string[] {
  const out: string[] = [];
  visitOutsideSubqueries(node, (record) => {
    if (!('ColumnRef' in record)) return false;
    const slot = slotOf(record as Node, own);
    if (slot && !out.includes(slot.column)) out.push(slot.column);
    return true;
  });
  return out;
}

/** The target table's columns an expression reads; null when it also reads another table's column or a subquery. */
function onlyOwnColumnsIn(node: Node, own: Set<string>): string[] | null {
  const out: string[] = [];
  let other = false;
  const visit = (value: unknown): void => {
    if (other) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ('SubLink' in record) {
      other = true;
      return;
    }
    if ('ColumnRef' in record) {
      // A hole (`migralint_hole_0`, a value the migration computes) parses as a column: it is a value.
      const fields = stringList((record.ColumnRef as { fields?: Node[] }).fields);
      if (fields.length === 1 && isHoleText(fields[0]!)) return;
      const slot = slotOf(record as Node, own);
      if (!slot) other = true;
      else if (!out.includes(slot.column)) out.push(slot.column);
      return;
    }
    for (const item of Object.values(record)) visit(item);
  };
  visit(node);
  return other ? null : out;
}

/** `f(g(col, 'x'), 'y')` where every function is a normalizer and every other argument a constant. */
function isNormalization(expr: Node | undefined, isSelf: (n: Node | undefined) => boolean): boolean {
  const node = stripCasts(expr);
  if (isSelf(node)) return true;
  const call = unwrap(node, 'FuncCall');
  if (!call) return false;
  const fn = funcName(call.funcname);
  if (!NORMALIZERS.has(fn) && fn !== 'replace') return false;
  const [first, ...rest] = call.args ?? [];
  if (!rest.every((a) => constValue(stripCasts(a)) !== undefined)) return false;
  // A pattern that swallows everything (`.*`) rewrites the value, not its spelling.
  if (fn === 'regexp_replace' && rest.some((a) => /\.[*+]/.test(String(constValue(stripCasts(a)) ?? '')))) return false;
  return isNormalization(first, isSelf);
}

/** `ARRAY(SELECT f(x, ..) FROM unnest(col) x)`: the normalizer's name, or null. */
function arrayNormalization(subselect: Node | undefined, isSelf: (n: Node | undefined) => boolean): string | null {
  const select = unwrap(subselect, 'SelectStmt');
  const from = select?.fromClause?.length === 1 ? unwrap(select.fromClause[0], 'RangeFunction') : undefined;
  const target = select?.targetList?.length === 1 ? unwrap(select.targetList[0], 'ResTarget') : undefined;
  if (!from || !target) return null;
  const items = unwrap(from.functions?.[0], 'List')?.items ?? [];
  const unnest = unwrap(items[0], 'FuncCall');
  if (!unnest || funcName(unnest.funcname) !== 'unnest' || !isSelf(unnest.args?.[0])) return null;
  const element = from.alias?.aliasname;
  if (!element) return null;
  const isElement = (n: Node | undefined): boolean => {
    const fields = unwrap(stripCasts(n), 'ColumnRef')?.fields;
    return fields?.length === 1 && unwrap(fields[0], 'String')?.sval === element;
  };
  const call = unwrap(stripCasts(target.val), 'FuncCall');
  return call && isNormalization(target.val, isElement) ? writtenName(call) : null;
}

/** `CASE WHEN col = 'a' THEN 'b' ... [ELSE col] END` or `CASE col WHEN 'a' THEN 'b' ...`. */
function caseMap(column: string, node: NonNullable<ReturnType<typeof unwrap<'CaseExpr'>>>, own: Set<string>): SetFact | null {
  const isSelf = (n: Node | undefined): boolean => {
    const slot = slotOf(n, own);
    return slot !== null && slot.column === column && slot.path.length === 0;
  };
  if (node.arg && !isSelf(stripCasts(node.arg))) return keepOthers(node, isSelf);
  if (node.defresult && !isSelf(stripCasts(node.defresult))) return null;
  const pairs: [string | null, string | null][] = [];
  for (const when of unwrapAll(node.args, 'CaseWhen')) {
    const to = constValue(stripCasts(when.result));
    let from: string | null | undefined;
    if (node.arg) from = constValue(stripCasts(when.expr));
    else {
      const eq = equality(when.expr as Node, own);
      from = eq && eq.slot === column && eq.values.length === 1 ? eq.values[0] : undefined;
    }
    if (from === undefined || to === undefined) return keepOthers(node, isSelf);
    pairs.push([from, to]);
  }
  return pairs.length > 0 ? { kind: 'map', pairs } : null;
}

/** The operands of a left-nested chain of one operator, left to right (`a || b || c` is `(a || b) || c`: a, b, c). */
function chainOperands(op: NonNullable<ReturnType<typeof unwrap<'A_Expr'>>>, name: string): (Node | undefined)[] {
  const inner = unwrap(stripCasts(op.lexpr), 'A_Expr');
  const left = inner?.kind === 'AEXPR_OP' && stringList(inner.name)[0] === name ? chainOperands(inner, name) : [op.lexpr];
  return [...left, op.rexpr];
}

/** The first operand of a left-nested chain of one operator. */
function leftmostOfChain(op: NonNullable<ReturnType<typeof unwrap<'A_Expr'>>>, name: string): Node | undefined {
  return chainOperands(op, name)[0];
}

/**
 * `CASE WHEN .. THEN jsonb_set(col, '{status}', '1') .. ELSE jsonb_set(col, '{status}', '0') END`: every branch
 * sets a key of the document and keeps the rest: one key written, as a plain jsonb_set. Null otherwise.
 */
function everyBranchSetsKey(column: string, node: NonNullable<ReturnType<typeof unwrap<'CaseExpr'>>>, own: Set<string>): SetFact | null {
  if (!node.defresult) return null;
  const results = [...unwrapAll(node.args, 'CaseWhen').map((w) => w.result), node.defresult];
  const facts = results.map((r) => setFact(column, r, own));
  if (!facts.every((f) => f.kind === 'jsonSet')) return null;
  const paths = [...new Set(facts.map((f) => (f as { path: string }).path))];
  return { kind: 'jsonSet', path: paths.join(', '), value: null };
}

/**
 * `CASE WHEN name = 'a' THEN 10 ... ELSE col END`: a CASE that is not a
 * one-to-one remap of the column, but whose ELSE keeps the column: only the
 * rows a WHEN selects get a new value. Null without that ELSE.
 */
function keepOthers(node: NonNullable<ReturnType<typeof unwrap<'CaseExpr'>>>, isSelf: (n: Node | undefined) => boolean): SetFact | null {
  if (!node.defresult || !isSelf(stripCasts(node.defresult))) return null;
  const erases = unwrapAll(node.args, 'CaseWhen').some((w) => {
    const value = constValue(stripCasts(w.result));
    return value === null || value === '';
  });
  return { kind: 'keepOthers', erases };
}

// ---------------------------------------------------------------- WHERE

/**
 * The columns a predicate pins to one constant, from its top-level AND: `c =
 * 'x'`, a bare boolean column `c` (true), `NOT c` (false). What a partial
 * index's `WHERE` selects, in the shape of a builder `where` (`{ c: 'true' }`,
 * constants as canonical strings).
 */
export function predicateEqualities(relation: RangeVar | undefined, where: Node | undefined): Record<string, string | null> {
  const own = ownNames(relation);
  const out: Record<string, string | null> = {};
  for (const conjunct of conjuncts(where)) {
    const negated = unwrap(conjunct, 'BoolExpr');
    const bare = negated?.boolop === 'NOT_EXPR' && negated.args?.length === 1 ? slotOf(negated.args[0], own) : slotOf(conjunct, own);
    if (bare && bare.path.length === 0) {
      out[bare.column] = negated?.boolop === 'NOT_EXPR' ? 'false' : 'true';
      continue;
    }
    const eq = equality(conjunct, own);
    if (eq && eq.values.length === 1 && !eq.slot.includes('#')) out[eq.slot] = eq.values[0]!;
  }
  return out;
}

/**
 * The columns of the table a WHERE pins to one value each in its top-level
 * AND: a constant, a bind parameter, or a template hole (`user_id = ${id}`):
 * which rows, by key, whatever the values are.
 */
export function pinnedColumns(relation: RangeVar | undefined, where: Node | undefined): string[] {
  const own = ownNames(relation);
  const out: string[] = [];
  for (const conjunct of conjuncts(where)) {
    const op = unwrap(conjunct, 'A_Expr');
    if (op?.kind !== 'AEXPR_OP' || stringList(op.name)[0] !== '=') continue;
    for (const [side, other] of [
      [op.lexpr, op.rexpr],
      [op.rexpr, op.lexpr],
    ] as const) {
      const slot = slotOf(side, own);
      const value = stripCasts(other);
      const ref = unwrap(value, 'ColumnRef');
      const given = constValue(value) !== undefined || unwrap(value, 'A_Const') !== undefined || unwrap(value, 'ParamRef') !== undefined || (ref !== undefined && isHoleText(stringList(ref.fields).join('.')));
      if (slot && slot.path.length === 0 && given && !out.includes(slot.column)) {
        out.push(slot.column);
        break;
      }
    }
  }
  return out;
}

/**
 * The string constants a WHERE chooses its rows by, when it chooses them by those alone: every conjunct of its
 * top-level AND is `c = 'x'` or `c IN ('x', 'y')` on a column of the table, with string literals. Null otherwise
 * (no WHERE, another kind of test, a number, a parameter, a template hole).
 */
export function selectedByStrings(relation: RangeVar | undefined, where: Node | undefined): string[] | null {
  const own = ownNames(relation);
  const out: string[] = [];
  for (const conjunct of conjuncts(where)) {
    const strings = stringEquality(conjunct, own);
    if (strings === null) return null;
    out.push(...strings);
  }
  return out.length > 0 ? out : null;
}

/** `c = 'x'` (either side) or `c IN ('x', 'y')` on a column of the table: the strings; null for anything else. */
function stringEquality(expr: Node, own: Set<string>): string[] | null {
  const eq = equality(expr, own, (node) => stringConstant(node) ?? undefined);
  return eq?.plain ? (eq.values as string[]) : null;
}

/** A string literal (through casts) as written, not a template hole; null for anything else. */
export function stringConstant(node: Node | undefined): string | null {
  const literal = unwrap(stripCasts(node), 'A_Const')?.sval;
  // The parse tree leaves out an empty string's text.
  const text = literal ? (literal.sval ?? '') : undefined;
  return text === undefined || isHoleText(text) ? null : text;
}

/** The top-level AND of a WHERE (the WHERE itself when it is not an AND). */
/**
 * A WHERE that every row of the table meets, written to satisfy a safe-update mode or a habit: `1 = 1`, `TRUE`, or a
 * test of the table's `id` that a key numbered from 1 always passes (`id > 0`, `id >= 0`, `id >= 1`,
 * `id IS NOT NULL`).
 */
export function everyRowWhere(relation: RangeVar | undefined, where: Node | undefined): boolean {
  if (!where) return false;
  const own = ownNames(relation);
  if (constValue(where) === 'true') return true;
  const isId = (e: Node | undefined) => {
    const slot = slotOf(e, own);
    return slot !== null && slot.path.length === 0 && slot.column.toLowerCase() === 'id';
  };
  const nullTest = unwrap(where, 'NullTest');
  if (nullTest) return nullTest.nulltesttype === 'IS_NOT_NULL' && isId(nullTest.arg);
  const op = unwrap(where, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP') return false;
  const name = stringList(op.name)[0];
  const left = constValue(stripCasts(op.lexpr));
  const right = constValue(stripCasts(op.rexpr));
  if (name === '=' && left !== undefined && left !== null && left === right) return true;
  if (!isId(op.lexpr) || right === undefined || right === null || !/^\d+$/.test(right)) return false;
  return (name === '>' && Number(right) === 0) || (name === '>=' && Number(right) <= 1);
}

/** The top-level AND of a predicate, flattened: its conjuncts (the predicate itself when it is no AND). */
export function conjuncts(where: Node | undefined): Node[] {
  if (!where) return [];
  const bool = unwrap(where, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).flatMap((a) => conjuncts(a));
  return [where];
}

/** The slot an expression tests for emptiness: IS NULL, = '', length(..) = 0, coalesce(.., '') = '', or an OR of those on one slot. */
/** `TRIM(c)`, `BTRIM(c)`, `LTRIM(c)`, `RTRIM(c)` with no characters given (spaces trimmed): `c`; null otherwise. */
function whitespaceTrimmed(expr: Node): Node | null {
  const call = unwrap(stripCasts(expr), 'FuncCall');
  if (!call || call.args?.length !== 1 || !TRIM_FUNCTIONS.has(funcName(call.funcname))) return null;
  return call.args[0] ?? null;
}

const TRIM_FUNCTIONS = new Set(['trim', 'btrim', 'ltrim', 'rtrim']);

function emptySlot(expr: Node, own: Set<string>): string | null {
  const bool = unwrap(expr, 'BoolExpr');
  if (bool?.boolop === 'OR_EXPR') {
    const slots = (bool.args ?? []).map((a) => emptySlot(a, own));
    return slots.length > 0 && slots.every((s) => s !== null && s === slots[0]) ? slots[0]! : null;
  }
  const nullTest = unwrap(expr, 'NullTest');
  if (nullTest) {
    const slot = nullTest.nulltesttype === 'IS_NULL' ? slotOf(nullTest.arg, own) : null;
    return slot ? slotKey(slot) : null;
  }
  const op = unwrap(expr, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP' || stringList(op.name)[0] !== '=') return null;
  for (const [side, other] of [
    [op.lexpr, op.rexpr],
    [op.rexpr, op.lexpr],
  ] as const) {
    const value = constValue(stripCasts(other));
    const inner = stripCasts(side);
    const call = unwrap(inner, 'FuncCall');
    if (value === '0' && call && LENGTH_FUNCTIONS.has(funcName(call.funcname))) {
      const arg = call.args?.[0];
      const slot = arg ? slotOf(whitespaceTrimmed(arg) ?? arg, own) : null;
      if (slot) return slotKey(slot);
    }
    // '' and JSON null, empty array or object: no information to lose. So is a value of spaces only (`TRIM(c) = ''`).
    if (value === '' || value === '[]' || value === '{}' || value === 'null') {
      const slot = slotOf(coalesced(inner) ?? (value === '' && inner ? whitespaceTrimmed(inner) : null) ?? inner, own);
      if (slot) return slotKey(slot);
    }
  }
  return null;
}

/**
 * `slot = const`, `const = slot`, `slot IN (consts)`: the slot, whether it is a plain column (no JSON path), and the
 * values as `constant` reads them (undefined: not a constant of that kind); null for anything else.
 */
function equality(
  expr: Node,
  own: Set<string>,
  constant: (node: Node | undefined) => string | null | undefined = (node) => constValue(stripCasts(node)),
): { slot: string; plain: boolean; values: (string | null)[] } | null {
  const op = unwrap(expr, 'A_Expr');
  if (!op || stringList(op.name)[0] !== '=') return null;
  if (op.kind === 'AEXPR_IN') {
    const slot = slotOf(op.lexpr, own);
    const items = unwrap(op.rexpr, 'List')?.items ?? [];
    const values = items.map(constant);
    if (!slot || values.length === 0 || values.some((v) => v === undefined)) return null;
    return { slot: slotKey(slot), plain: slot.path.length === 0, values: values as (string | null)[] };
  }
  if (op.kind !== 'AEXPR_OP') return null;
  for (const [side, other] of [
    [op.lexpr, op.rexpr],
    [op.rexpr, op.lexpr],
  ] as const) {
    const slot = slotOf(side, own);
    const value = constant(other);
    if (slot && value !== undefined) return { slot: slotKey(slot), plain: slot.path.length === 0, values: [value] };
  }
  return null;
}

// ---------------------------------------------------------------- slots and constants

interface Slot {
  column: string;
  path: string[];
}

/** `col`, `t.col`, `col -> 'a' ->> 'b'`, `col #> '{a,b}'`, through casts; null for anything else. */
function slotOf(expr: Node | undefined, own: Set<string>): Slot | null {
  const node = stripCasts(expr);
  const ref = unwrap(node, 'ColumnRef');
  if (ref) {
    const parts = (ref.fields ?? []).map((f) => unwrap(f, 'String')?.sval);
    if (parts.some((p) => p === undefined) || parts.length === 0 || parts.length > 2) return null;
    if (parts.length === 2 && !own.has(parts[0]!)) return null;
    const column = parts[parts.length - 1]!;
    return isHoleText(column) ? null : { column, path: [] };
  }
  const op = unwrap(node, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP') return null;
  const name = stringList(op.name)[0];
  if (name !== '->' && name !== '->>' && name !== '#>' && name !== '#>>') return null;
  const base = slotOf(op.lexpr, own);
  const key = constValue(stripCasts(op.rexpr));
  if (!base || typeof key !== 'string') return null;
  return { column: base.column, path: [...base.path, ...(name.startsWith('#') ? parsePath(key) : [key])] };
}

function slotKey(slot: Slot): string {
  return slot.path.length ? `${slot.column}#${pathKey(slot.path)}` : slot.column;
}

function pathKey(path: string[]): string {
  return `{${path.join(',')}}`;
}

/** `'{a, "b"}'` -> ['a', 'b']. */
function parsePath(text: string): string[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  return inner
    .split(',')
    .map((p) => p.trim().replace(/^"(.*)"$/, '$1'))
    .filter((p) => p !== '');
}

/** SQL aggregate functions: a value that summarizes rows. */
const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'array_agg', 'string_agg', 'json_agg', 'jsonb_agg']);
/** Functions that shape a value without adding information of their own: `ROUND(AVG(x), 1)`, `COALESCE(..., 0)`. */
const SHAPERS = new Set(['round', 'trunc', 'floor', 'ceil', 'ceiling', 'coalesce', 'greatest', 'least', 'abs']);

/**
 * `(SELECT AGG(..) FROM other WHERE ..)`, possibly inside COALESCE / ROUND with constants: the aggregate's name and
 * the tables it summarizes; undefined otherwise.
 */
function aggregateOf(expr: Node): SetFact | undefined {
  const node = stripCasts(expr);
  if (!node) return undefined;
  const sub = unwrap(node, 'SubLink');
  if (sub) {
    if (sub.subLinkType !== 'EXPR_SUBLINK') return undefined;
    const select = unwrap(sub.subselect, 'SelectStmt');
    const targets = unwrapAll(select?.targetList, 'ResTarget');
    if (!select || targets.length !== 1 || select.groupClause?.length) return undefined;
    const fn = innermostAggregate(targets[0]!.val);
    const from = unwrapAll(select.fromClause, 'RangeVar').map((r) => r.relname).filter((n): n is string => typeof n === 'string');
    return fn && from.length > 0 ? { kind: 'aggregate', fn, from } : undefined;
  }
  const co = unwrap(node, 'CoalesceExpr');
  const call = unwrap(node, 'FuncCall');
  const args = co?.args ?? (call && SHAPERS.has(funcName(call.funcname)) ? call.args : undefined);
  if (!args || args.length === 0) return undefined;
  const parts = args.map((a) => ({ a, agg: aggregateOf(a) }));
  const found = parts.filter((p) => p.agg);
  // Every other argument is a constant (`COALESCE(.., 0)`, `ROUND(.., 1)`).
  if (found.length === 0 || parts.some((p) => !p.agg && constValue(stripCasts(p.a)) === undefined)) return undefined;
  return found[0]!.agg;
}

/** The aggregate a target computes (`AVG(r.rating)`, `ROUND(AVG(r.rating)::numeric, 1)`), or null. */
function innermostAggregate(val: Node | undefined): string | null {
  const call = unwrap(stripCasts(val), 'FuncCall');
  if (!call) return null;
  const name = funcName(call.funcname);
  if (AGGREGATES.has(name)) return name;
  if (!SHAPERS.has(name)) return null;
  const inner = (call.args ?? []).map((a) => innermostAggregate(a)).filter((x): x is string => x !== null);
  return inner.length > 0 && (call.args ?? []).every((a) => innermostAggregate(a) !== null || constValue(stripCasts(a)) !== undefined) ? inner[0]! : null;
}

/** The first argument of `COALESCE(x, ..)` (a CoalesceExpr in the parse tree), else undefined. */
function coalesced(node: Node | undefined): Node | undefined {
  return unwrap(stripCasts(node), 'CoalesceExpr')?.args?.[0];
}

/** `COALESCE(col, '{}')` as the base of a jsonb_set is the column. */
function unwrapCoalesce(node: Node | undefined): Node | undefined {
  return coalesced(node) ?? node;
}

function stripCasts(node: Node | undefined): Node | undefined {
  let current = node;
  for (;;) {
    const cast = unwrap(current, 'TypeCast');
    if (!cast) return current;
    current = cast.arg;
  }
}

/** The function as written: `trim(x)` is parsed as `btrim`, `trim(leading ..)` as `ltrim`. */
function writtenName(call: { funcname?: Node[]; funcformat?: string }): string {
  const fn = funcName(call.funcname);
  return call.funcformat === 'COERCE_SQL_SYNTAX' && /^[lr]?b?trim$/.test(fn) ? 'trim' : fn;
}

function funcName(names: Node[] | undefined): string {
  const parts = stringList(names);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

/**
 * The canonical text of a constant, `null` for NULL, undefined when the
 * expression is not a constant (or came from a template hole).
 */
function constValue(node: Node | undefined): string | null | undefined {
  const c = unwrap(node, 'A_Const');
  if (!c) return undefined;
  if (c.isnull) return null;
  let text: string | undefined;
  if (c.sval) text = c.sval.sval ?? '';
  else if (c.ival) text = String(c.ival.ival ?? 0);
  else if (c.fval) text = c.fval.fval ?? undefined;
  else if (c.boolval) text = c.boolval.boolval ? 'true' : 'false';
  else if (c.bsval) text = c.bsval.bsval ?? undefined;
  if (text === undefined || isHoleText(text)) return undefined;
  return canonical(text);
}

/** JSON text to its canonical form: a JSON string is its content, other JSON is re-serialized. */
function canonical(text: string): string {
  const trimmed = text.trim();
  if (!/^["{[\d-]|^(true|false|null)$/.test(trimmed)) return text;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    return text;
  }
}

function singleKeyObject(text: string): { key: string; value: string } | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const keys = Object.keys(parsed);
    if (keys.length !== 1) return null;
    const value = (parsed as Record<string, unknown>)[keys[0]!];
    return { key: keys[0]!, value: typeof value === 'string' ? value : JSON.stringify(value) };
  } catch {
    return null;
  }
}

function isNumeric(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text.trim());
}

/** `100.0` and `100` divide alike. */
function canonicalNumber(text: string): string {
  return String(Number(text));
}

function isHoleText(text: string): boolean {
  return text.includes(HOLE_PREFIX);
}
