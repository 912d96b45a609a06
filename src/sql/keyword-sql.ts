/**
 * Raw SQL of a project that does not run on PostgreSQL (MySQL, MariaDB,
 * SQLite...): the PostgreSQL parser would reject valid statements
 * (backquoted names, `MODIFY COLUMN`) or read them wrongly, so it is not used.
 * The statement kind comes from the leading keywords only, for the obvious
 * data-loss statements (DROP TABLE, ALTER TABLE ... DROP COLUMN, DELETE,
 * UPDATE, TRUNCATE); everything else stays a plain `sql` operation.
 */
import type { Target } from '../model';
import type { SqlOperation } from './sql-operation';
import { isHole } from './holes';
import { escapeRegExp } from '../util/text';

/** An identifier: backquoted, double-quoted, bracketed or bare, possibly `schema.name`. Case is kept as written. */
const NAME = String.raw`(?:\x60[^\x60]+\x60|"[^"]+"|\[[^\]]+\]|[\w$]+)`;
const QUALIFIED = String.raw`(${NAME}(?:\s*\.\s*${NAME})?)`;
const IF_EXISTS = String.raw`(?:IF\s+EXISTS\s+)?`;

const PATTERNS: { re: RegExp; build: (m: RegExpExecArray) => Pick<SqlOperation, 'op' | 'target' | 'guard' | 'options'> }[] = [
  {
    re: new RegExp(String.raw`^DROP\s+(?:TEMPORARY\s+)?TABLE\s+(IF\s+EXISTS\s+)?${QUALIFIED}`, 'i'),
    build: (m) => ({ op: 'dropTable', target: relation(m[2]!), guard: m[1] ? 'sql-if-exists' : null, options: {} }),
  },
  {
    re: new RegExp(String.raw`^ALTER\s+TABLE\s+${IF_EXISTS}${QUALIFIED}\s+DROP\s+(?:COLUMN\s+)?(IF\s+EXISTS\s+)?(?!CONSTRAINT\b|INDEX\b|KEY\b|PRIMARY\b|FOREIGN\b|CHECK\b|PARTITION\b)(${NAME})`, 'i'),
    build: (m) => ({ op: 'removeColumn', target: { ...relation(m[1]!), column: unquote(m[3]!) }, guard: m[2] ? 'sql-if-exists' : null, options: {} }),
  },
  {
    re: new RegExp(String.raw`^DELETE\s+(?:LOW_PRIORITY\s+|QUICK\s+|IGNORE\s+)*FROM\s+${QUALIFIED}`, 'i'),
    build: (m) => {
      const orphans = notInParent(m.input);
      return { op: 'delete', target: relation(m[1]!), guard: null, options: { where: hasTopLevelWhere(m.input), ...(orphans ? { orphans } : {}) } };
    },
  },
  {
    re: new RegExp(String.raw`^UPDATE\s+(?:LOW_PRIORITY\s+|IGNORE\s+|OR\s+\w+\s+)*${QUALIFIED}\s+SET\b`, 'i'),
    build: (m) => {
      const sets = setList(m.input.slice(m.index + m[0].length), relation(m[1]!).table);
      const selfDerived = sets.filter((x) => x.column !== null && x.readsItself).map((x) => x.column!);
      return { op: 'update', target: relation(m[1]!), guard: null, options: { where: hasTopLevelWhere(m.input), columns: sets.map((x) => x.column), ...(selfDerived.length > 0 ? { selfDerived } : {}) } };
    },
  },
  {
    re: new RegExp(String.raw`^TRUNCATE\s+(?:TABLE\s+)?${QUALIFIED}`, 'i'),
    build: (m) => ({ op: 'truncate', target: relation(m[1]!), guard: null, options: { cascade: /\bCASCADE\b/i.test(m.input), restartIdentity: /\bRESTART\s+IDENTITY\b/i.test(m.input) } }),
  },
];

/**
 * One operation per statement of `sql`, each marked `notParsed`. Statements
 * are split on semicolons outside quotes and comments.
 */
export function analyzeSqlByKeywords(sql: string): SqlOperation[] {
  const out: SqlOperation[] = [];
  for (const { text, offset } of splitStatements(sql)) {
    const body = withoutLeadingComments(text);
    let operation: SqlOperation | null = null;
    for (const p of PATTERNS) {
      const m = p.re.exec(body);
      if (!m) continue;
      operation = { ...p.build(m), statement: text, offset, notParsed: true };
      break;
    }
    operation ??= { op: 'sql', target: { table: null, column: null }, guard: null, options: {}, statement: text, offset, notParsed: true };
    if (hasHole(operation.target)) {
      operation.target = scrub(operation.target);
      operation.unresolved = true;
    }
    out.push(operation);
  }
  return out;
}

/**
 * The columns an UPDATE assigns: the names before each top-level `=` of the
 * SET list (up to WHERE / ORDER BY / LIMIT / RETURNING / FROM); null for a
 * name that is not plain (`(a, b) = ...`).
 */
function setList(afterSet: string, table: string | null): { column: string | null; readsItself: boolean }[] {
  const columns: { column: string | null; readsItself: boolean }[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  const take = (end: number) => {
    const item = afterSet.slice(start, end);
    const m = new RegExp(String.raw`^\s*(?:${NAME}\s*\.\s*)?(${NAME})\s*=`).exec(item);
    const column = m ? unquote(m[1]!) : null;
    columns.push({ column, readsItself: column !== null && readsColumn(item.slice(m![0].length), column, table) });
  };
  while (i < afterSet.length) {
    const c = afterSet[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const close = afterSet.indexOf(c, i + 1);
      i = close < 0 ? afterSet.length : close + 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ',') {
      take(i);
      start = i + 1;
    } else if (depth === 0 && /^\s(?:WHERE|ORDER\s+BY|LIMIT|RETURNING|FROM)\b/i.test(afterSet.slice(i, i + 12))) break;
    i++;
  }
  take(i);
  return columns;
}

/**
 * The value expression names the column it is assigned to (`c = REPLACE(c,
 * ...)`, `c = CONCAT(SUBSTR(c, 1, 3), '0', SUBSTR(c, 4))`, `c = c + 1`): the
 * new value is computed from the old one. Quoted text is left out: in MySQL a
 * double-quoted token is a string.
 */
function readsColumn(expression: string, column: string, table: string | null): boolean {
  let code = expression.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, "''");
  // `t.c` of the updated table is its own column; `other.c` is another table's, a copy, not the old value.
  if (table) code = code.replace(new RegExp(String.raw`(?:\x60${escapeRegExp(table)}\x60|(?<![\w$.\x60])${escapeRegExp(table)})\s*\.\s*`, 'gi'), ' ');
  const name = escapeRegExp(column);
  return new RegExp(String.raw`(?:^|[^\w$.\x60])(?:\x60${name}\x60|${name})(?![\w$])`, 'i').test(code);
}

/** A WHERE of the statement itself, not of a subquery in its SET list or of a quoted string. */
function hasTopLevelWhere(statement: string): boolean {
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const close = statement.indexOf(c, i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /[wW]/.test(c) && /^WHERE\b/i.test(statement.slice(i, i + 6)) && (i === 0 || /[\s)]/.test(statement[i - 1]!))) return true;
  }
  return false;
}

/** `WHERE c NOT IN (SELECT k FROM parent)`: the rows whose `c` matches no row of `parent` (orphans). */
function notInParent(statement: string): { via: 'not-in'; column: string; parent: string } | null {
  const m = new RegExp(String.raw`\bWHERE\s+(?:${NAME}\s*\.\s*)?(${NAME})\s+NOT\s+IN\s*\(\s*SELECT\s+(?:DISTINCT\s+)?(?:${NAME}\s*\.\s*)?${NAME}\s+FROM\s+${QUALIFIED}\s*\)\s*;?\s*$`, 'i').exec(statement);
  if (!m) return null;
  const parent = relation(m[2]!).table;
  return parent ? { via: 'not-in', column: unquote(m[1]!), parent } : null;
}

function relation(written: string): Target {
  const parts = written.split(/\s*\.\s*(?=[\x60"\[\w$])/).map(unquote);
  return parts.length === 2 ? { table: parts[1]!, column: null, schema: parts[0]! } : { table: parts[0]!, column: null };
}

function unquote(name: string): string {
  const first = name[0];
  if ((first === '`' || first === '"') && name.endsWith(first)) return name.slice(1, -1);
  if (first === '[' && name.endsWith(']')) return name.slice(1, -1);
  return name;
}

function hasHole(target: Target): boolean {
  return [target.table, target.column, target.schema].some((v) => typeof v === 'string' && isHole(v));
}

function scrub(target: Target): Target {
  const out: Target = { ...target };
  for (const key of ['table', 'column', 'schema'] as const) {
    const v = out[key];
    if (typeof v === 'string' && isHole(v)) out[key] = null;
  }
  return out;
}

function withoutLeadingComments(text: string): string {
  let t = text;
  for (;;) {
    const before = t;
    t = t.replace(/^\s+/, '').replace(/^--[^\n]*\n?/, '').replace(/^#[^\n]*\n?/, '').replace(/^\/\*[\s\S]*?\*\//, '');
    if (t === before) return t;
  }
}

/** Statements split on `;` outside quotes and comments, trimmed, with their offsets; empty ones dropped. */
function splitStatements(sql: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const text = raw.trim();
    if (withoutLeadingComments(text) !== '') out.push({ text, offset: start + (raw.length - raw.trimStart().length) });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const close = sql.indexOf(c, i + 1);
      i = close < 0 ? sql.length : close + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === ';') {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(sql.length);
  return out;
}
