/**
 * What a data update does to the values it overwrites, for raw SQL (facts
 * read from the parse tree by src/sql/update-facts.ts) and builder calls
 * (`bulkUpdate(t, values, where)`) alike: a fill of empty values, a remap that
 * `down` reverses, a normalization, or a real overwrite.
 */
import { parseMigrationName } from '../naming/migration-names';
import { escapeRegExp } from '../util/text';
import type { JsonValue, Migration, Operation } from '../model';
import type { OrphanFacts, RowSelection, SetFact, UpdateFacts } from '../sql/update-facts';

/** Columns an update writes: `UPDATE t SET a = ..` or `bulkUpdate(t, { a: .. })`. Null when unknown. */
export function updatedColumns(op: Operation): string[] | null {
  if (op.sql) {
    const cols = op.options.columns;
    return Array.isArray(cols) && cols.every((c) => typeof c === 'string') ? (cols as string[]) : null;
  }
  const values = op.options.values;
  if (values && typeof values === 'object' && !Array.isArray(values) && !('$expr' in values)) return Object.keys(values);
  return null;
}

/** The facts of an update (`update` or `bulkUpdate`), or null when they are not known statically. */
export function updateFacts(op: Operation): UpdateFacts | null {
  if (op.op !== 'update' && op.op !== 'bulkUpdate') return null;
  if (op.sql) {
    const facts = op.options.update;
    return isObject(facts) ? (facts as unknown as UpdateFacts) : null;
  }
  const facts = builderFacts(op.options.values, op.options.where);
  // Values written as `sequelize.literal(sql)`: what the SQL does to the old value (read at extraction).
  const literal = op.options.literalSets;
  if (facts && isObject(literal)) for (const [column, fact] of Object.entries(literal)) if (column in facts.set && isObject(fact)) facts.set[column] = fact as unknown as SetFact;
  return facts;
}

/**
 * Which rows an update or a delete selects: its WHERE's constants and empties per column, and the columns it reads
 * (raw SQL read at extraction, a builder `where` object here). Null when not known statically.
 */
export function rowSelection(op: Operation): RowSelection | null {
  if (op.op === 'update' || op.op === 'bulkUpdate') return updateFacts(op);
  if (op.op !== 'delete' && op.op !== 'bulkDelete') return null;
  if (op.sql) return isObject(op.options.selection) ? (op.options.selection as unknown as RowSelection) : null;
  return isObject(op.options.where) ? builderWhere(op.options.where) : null;
}

/** `bulkUpdate(t, { c: 'b' }, { c: 'a' })`: constants set, constants and empties in the where. */
function builderFacts(values: JsonValue | undefined, where: JsonValue | undefined): UpdateFacts | null {
  if (!isObject(values) || '$expr' in values) return null;
  const set: Record<string, SetFact> = {};
  for (const [column, value] of Object.entries(values)) {
    set[column] = isScalar(value) ? { kind: 'value', value: value === null ? null : String(value) } : { kind: 'expr' };
  }
  return { set, ...builderWhere(where) };
}

/** A builder `where` object: constants (a value, a list) and empties (null, '') per column; the columns it reads. */
function builderWhere(where: JsonValue | undefined): RowSelection {
  const whereValues: Record<string, (string | null)[]> = {};
  const whereEmpty: string[] = [];
  let plain = isObject(where);
  if (isObject(where)) {
    for (const [column, value] of Object.entries(where)) {
      if (value === null || value === '') whereEmpty.push(column);
      else if (isScalar(value)) whereValues[column] = [String(value)];
      else if (Array.isArray(value) && value.every((v) => isScalar(v) && v !== null)) whereValues[column] = value.map(String);
      else plain = false;
    }
  }
  // A where object of columns and their values reads those columns of the table and nothing else.
  const whereColumns = plain && isObject(where) && Object.keys(where).length > 0 ? Object.keys(where) : undefined;
  return { whereValues, whereEmpty, ...(whereColumns ? { whereColumns } : {}) };
}

/**
 * `UPDATE t SET c = x WHERE c IS NULL` (also `= ''`, `length(c) = 0`,
 * `COALESCE(c, x)`, a JSON key tested with `c -> 'k' IS NULL`, or
 * `bulkUpdate(t, { c: x }, { c: null })`) writes only where there was no
 * value: nothing is lost.
 */
export function fillsOnlyEmpty(op: Operation): boolean {
  const facts = updateFacts(op);
  return facts !== null && Object.keys(facts.set).length > 0 && overwrittenColumns(op)?.length === 0;
}

/**
 * The SET columns whose previous non-empty values the update can lose; null
 * when the facts are unknown. Not lost: a column only filled where empty; a
 * JSON key named after the migration (`migratedFrom20240101120000`: new, it
 * held nothing); a column whose old value another SET copies into a JSON key
 * of the same row, and that key itself.
 */
export function overwrittenColumns(op: Operation, migration?: Migration): string[] | null {
  const facts = updateFacts(op);
  if (!facts) return null;
  const stamp = migration ? migrationStamp(migration.name) : null;
  // A JSON key that receives the old value of a column this update rewrites is the backup, not a loss.
  const backedUp = (column: string, fact: SetFact): string[] =>
    fact.kind === 'jsonSet' ? (fact.copies ?? []).filter((c) => c !== column && c in facts.set) : [];
  const saved = new Set(Object.entries(facts.set).flatMap(([column, fact]) => backedUp(column, fact)));
  const isBackup = (column: string, fact: SetFact): boolean => backedUp(column, fact).length > 0;
  return Object.entries(facts.set)
    .filter(([column, fact]) => {
      // A fill of empty values, or the old value wrapped into the new one (`jsonb_build_object('type', type)`): nothing is lost.
      if (fact.kind === 'fillEmpty' || fact.kind === 'wrap' || fact.kind === 'same' || facts.whereEmpty.includes(column) || saved.has(column) || isBackup(column, fact)) return false;
      if (fact.kind !== 'jsonSet') return true;
      if (stamp && fact.path.includes(stamp)) return false;
      return !facts.whereEmpty.includes(`${column}#${fact.path}`);
    })
    .map(([column]) => column);
}

/**
 * The stamp a migration's name starts with (`20240101120000-x.js`): the digits
 * of its prefix (src/naming/migration-names.ts) when there are eight or more,
 * else null.
 */
function migrationStamp(name: string): string | null {
  const prefix = parseMigrationName(name)?.prefix;
  const digits = prefix ? /^\d+/.exec(prefix)?.[0] : undefined;
  return digits !== undefined && digits.length >= 8 ? digits : null;
}

/** A written column as message text: `` `data` ``, or `` `data` (key `{isSystem}`) `` when one JSON key is set and the rest kept. */
export function describeColumn(op: Operation, column: string): string {
  const fact = updateFacts(op)?.set[column];
  // Several keys (`col #- '{a}' #- '{b}'`, a CASE setting one key per branch) are listed as `{a}, {b}`.
  if (fact?.kind === 'jsonSet' || fact?.kind === 'jsonDelete') return `\`${column}\` (${fact.path.includes(', ') ? 'keys' : 'key'} \`${fact.path}\`)`;
  return `\`${column}\``;
}

/** A value change of one slot (a column, or a JSON key `col#{a,b}`). */
type Change =
  | { slot: string; kind: 'map'; pairs: [string | null | typeof ANY, string | null][] }
  | { slot: string; kind: 'remove' }
  | { slot: string; kind: 'arith'; op: string; operand: string }
  | { slot: string; kind: 'replace'; from: string; to: string };

/** "Whatever was there": an update with no WHERE on the slot. */
const ANY = Symbol('any');

/** The changes of an update, one per SET column; null when one of them is not a known shape. */
function changesOf(facts: UpdateFacts, overwritten: string[]): Change[] | null {
  const changes: Change[] = [];
  for (const [column, fact] of Object.entries(facts.set)) {
    // Filling empty values (or a new key) loses nothing: no inverse needed.
    if (!overwritten.includes(column)) continue;
    // `WHERE c IS NULL` (or empty): the rows map from NULL, as `down`'s `SET c = 0 WHERE c IS NULL` undoes `SET c = NULL WHERE c = 0`.
    const mapFrom = (slot: string, to: string | null): Change => ({
      slot,
      kind: 'map',
      pairs: (facts.whereValues[slot] ?? (facts.whereEmpty.includes(slot) ? [null] : [ANY])).map((from) => [from, to]),
    });
    switch (fact.kind) {
      case 'value':
        changes.push(mapFrom(column, fact.value));
        break;
      case 'jsonSet':
        if (fact.value === null) return null;
        changes.push(mapFrom(`${column}#${fact.path}`, fact.value));
        break;
      case 'jsonDelete':
        changes.push({ slot: `${column}#${fact.path}`, kind: 'remove' });
        break;
      case 'map':
        changes.push({ slot: column, kind: 'map', pairs: fact.pairs });
        break;
      case 'arith':
        changes.push({ slot: column, kind: 'arith', op: fact.op, operand: fact.operand });
        break;
      case 'replace':
        changes.push({ slot: column, kind: 'replace', from: fact.from, to: fact.to });
        break;
      default:
        return null;
    }
  }
  return changes;
}

const INVERSE_OP: Record<string, string> = { '*': '/', '/': '*', '+': '-', '-': '+' };

/** `change` (from up) is undone by one of `down`'s changes. */
function undoes(change: Change, down: Change[]): boolean {
  const same = down.filter((d) => d.slot === change.slot);
  switch (change.kind) {
    case 'map':
      return change.pairs.every(([from, to]) => {
        if (from === to) return true;
        // A key set where nothing was tested: undone by removing the key again.
        if (from === ANY) return change.slot.includes('#') && same.some((d) => d.kind === 'remove');
        return same.some((d) => d.kind === 'map' && d.pairs.some(([dFrom, dTo]) => dFrom === to && dTo === from));
      });
    case 'arith':
      return same.some((d) => d.kind === 'arith' && d.op === INVERSE_OP[change.op] && d.operand === change.operand);
    case 'replace':
      return same.some((d) => d.kind === 'replace' && d.from === change.to && d.to === change.from);
    case 'remove':
      return false;
  }
}

/**
 * The update is a one-to-one remap that `down` maps back: `SET x = 'b' WHERE
 * x = 'a'` with `SET x = 'a' WHERE x = 'b'` in down, `x * 100` with `x / 100`,
 * `replace(x, a, b)` with `replace(x, b, a)`, a CASE mapping with its inverse,
 * a `jsonb_set` of a key with its inverse (or with `#-` of an added key).
 */
export function reversedByDown(op: Operation, migration: Migration): boolean {
  const facts = updateFacts(op);
  const changes = facts && changesOf(facts, overwrittenColumns(op, migration) ?? []);
  if (!changes || changes.length === 0) return false;
  const downChanges: Change[] = [];
  for (const d of migration.down) {
    if (d.target.table !== op.target.table) continue;
    const f = updateFacts(d);
    const c = f && changesOf(f, Object.keys(f.set));
    if (c) downChanges.push(...c);
  }
  return changes.every((c) => undoes(c, downChanges));
}

/**
 * Every column the update sets gets a summary of rows of other tables (`reviews_count = COALESCE((SELECT COUNT(*) FROM
 * reviews r WHERE r.lawyer_id = t.id), 0)`): derived values, recomputed from the rows they summarize. The aggregates
 * and the tables read, or null.
 */
export function recomputedAggregates(op: Operation): { functions: string[]; from: string[] } | null {
  const facts = updateFacts(op);
  const entries = facts ? Object.values(facts.set) : [];
  if (entries.length === 0) return null;
  const functions: string[] = [];
  const from: string[] = [];
  for (const fact of entries) {
    if (fact.kind !== 'aggregate') return null;
    functions.push(fact.fn);
    from.push(...fact.from);
  }
  return { functions: [...new Set(functions)], from: [...new Set(from)] };
}

/**
 * The update only rewrites the spelling of values it keeps (trim, lower,
 * upper, a regexp_replace or replace of a fragment, per element of an array
 * too): the functions used, or null.
 */
export function normalization(op: Operation): string[] | null {
  const facts = updateFacts(op);
  const entries = facts ? Object.values(facts.set) : [];
  if (entries.length === 0) return null;
  const fns: string[] = [];
  for (const fact of entries) {
    if (fact.kind === 'normalize') fns.push(fact.fn);
    else if (fact.kind === 'replace') fns.push('replace');
    else return null;
  }
  return [...new Set(fns)];
}

/**
 * The orphan test of a DELETE (`WHERE fk IS NULL`, `NOT EXISTS (SELECT .. FROM parent ..)`, `NOT IN (SELECT id FROM
 * parent)`), or of an UPDATE (the last two: the rows whose reference points at nothing).
 */
export function deletedOrphans(op: Operation): OrphanFacts | null {
  if ((op.op !== 'delete' && op.op !== 'update') || !op.sql) return null;
  const facts = op.options.orphans;
  return isObject(facts) ? (facts as unknown as OrphanFacts) : null;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/**
 * The columns whose values an update erases rather than rewrites: set to NULL
 * or to an empty constant, a JSON key removed, or several distinct values
 * merged into one constant. A rewrite (a constant, a
 * computed value, a remap) replaces a value with another one the migration
 * chose; an erasure leaves nothing in its place. Null when the SET is unknown.
 */
export function erasedColumns(op: Operation): string[] | null {
  if (op.sql) {
    const facts = updateFacts(op);
    if (!facts) return null;
    // A constant written over several distinct values the WHERE selects (`SET s = 'closed' WHERE s IN ('done', 'wontfix')`)
    // merges them: which row had which is gone.
    const merged = (c: string) => (facts.whereValues[c]?.length ?? 0) >= 2;
    // `SET c = NULL WHERE c = 'null'` (or `= ''`): the rows it selects held nothing in `c` to erase.
    const wasEmpty = (c: string) => facts.whereEmpty.includes(c);
    // `SET c = NULL WHERE c = 0`: the one value replaced is written in the migration (a placeholder cleared), not lost.
    const oneKnownValue = (c: string) => facts.whereValues[c]?.length === 1;
    return Object.entries(facts.set)
      .filter(([c]) => !wasEmpty(c) && !oneKnownValue(c))
      .filter(([c, f]) => (f.kind === 'value' && ((f.value === null && !SOFT_DELETE.test(c)) || f.value === '' || merged(c))) || f.kind === 'jsonDelete' || (f.kind === 'keepOthers' && f.erases))
      .map(([c]) => c);
  }
  const values = op.options.values;
  if (!values || typeof values !== 'object' || Array.isArray(values)) return null;
  return Object.entries(values)
    .filter(([c, v]) => (v === null && !SOFT_DELETE.test(c)) || v === '')
    .map(([c]) => c);
}

/**
 * Every SET is a `CASE ... ELSE col END` (or fills only empty values): the
 * rows no WHEN selects keep what they had, so an update with no WHERE still
 * changes only some rows.
 */
export function keepsOtherRows(op: Operation): boolean {
  const facts = updateFacts(op);
  const sets = facts ? Object.values(facts.set) : [];
  return sets.some((f) => f.kind === 'keepOthers') && sets.every((f) => f.kind === 'keepOthers' || f.kind === 'fillEmpty');
}

/** A soft-delete or archive mark: setting it to NULL restores the rows, it erases nothing users wrote. */
export const SOFT_DELETE = /^(deleted|archived|removed)_?at$/i;

/**
 * An UPDATE that writes another column from `column`: it reads it in a SET
 * value (`SET permission = CASE WHEN private ...`) or selects the rows by it
 * (`SET scheme_id = 1 WHERE feedback_enabled`). Read from the statement's
 * text: the statement is parsed, but its SET expressions are not kept.
 */
export function readsColumnIntoAnother(update: Operation, column: string): boolean {
  const text = update.statement ?? '';
  const afterSet = /\bset\b([\s\S]*)$/i.exec(text)?.[1] ?? '';
  const targets = updatedColumns(update) ?? [];
  if (targets.length === 0 || targets.every((t) => t === column)) return false;
  // The values and the WHERE: what follows each `=` of the SET list, and everything after it; the next SET item's
  // column (`a = 1, "b" = NULL`: the piece `1, "b"`) is a target, not a value read.
  const pieces = afterSet.split(/(?<![<>!=])=(?!=)/).slice(1);
  // MySQL's multi-table UPDATE (`UPDATE t pc JOIN s ON s.k = (CASE pc.old ...) SET pc.new = s.id`): its join conditions
  // read the row's columns too (hold-out 103: an ENUM column mapped onto the ids of a new table, then dropped).
  const joins = /^\s*update\b([\s\S]*?)\bset\b/i.exec(text)?.[1] ?? '';
  const joined = /\bjoin\b[\s\S]*$/i.exec(joins)?.[0] ?? '';
  const values = `${pieces.map((p, i) => (i < pieces.length - 1 ? p.replace(/,\s*(?:"[^"]+"|`[^`]+`|[\w.]+)\s*$/, '') : p)).join(' ')} ${joined}`;
  const quoted = new RegExp(`"${escapeRegExp(column)}"|\`${escapeRegExp(column)}\``);
  // A bare name is the column as written only where it is not folded: lower case, or MySQL's SQL (read by its
  // keywords), whose column names match in any case (hold-out 60: `CASE WHEN isActive = true ...`).
  const mysql = update.sqlNotParsed === true;
  const bare = /^[a-z_][a-z0-9_]*$/.test(column) || (mysql && /^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) ? new RegExp(`(^|[^\\w".\`])${column}(?![\\w"\`])`, mysql ? 'i' : '') : null;
  // Qualified by the updated table (`users.city_id` inside a subquery on another table): the row's own column.
  const table = update.target.table;
  const qualified = table && bare ? new RegExp(`(^|[^\\w".])"?${escapeRegExp(table)}"?\\.${column}(?![\\w"])`, 'i') : null;
  // ... or by the alias the statement gives it (`UPDATE proceso_candidatos pc ...`: `pc.etapa`).
  const alias = table ? new RegExp(`^\\s*[\`"]?${escapeRegExp(table)}[\`"]?\\s+(?:as\\s+)?([a-z_]\\w*)`, 'i').exec(joins)?.[1] : undefined;
  const aliased = alias && !/^(join|inner|left|right|cross|straight_join|set)$/i.test(alias) ? new RegExp(`(^|[^\\w".])${escapeRegExp(alias)}\\.[\`"]?${escapeRegExp(column)}(?![\\w"\`])`, 'i') : null;
  return quoted.test(values) || (bare !== null && bare.test(values)) || (qualified !== null && qualified.test(values)) || (aliased !== null && aliased.test(values));
}
