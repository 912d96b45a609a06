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
    build: (m) => ({ op: 'delete', target: relation(m[1]!), guard: null, options: { where: /\bWHERE\b/i.test(m.input) } }),
  },
  {
    re: new RegExp(String.raw`^UPDATE\s+(?:LOW_PRIORITY\s+|IGNORE\s+|OR\s+\w+\s+)*${QUALIFIED}\s+SET\b`, 'i'),
    build: (m) => ({ op: 'update', target: relation(m[1]!), guard: null, options: { where: /\bWHERE\b/i.test(m.input), columns: setColumns(m.input.slice(m.index + m[0].length)) } }),
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
function setColumns(afterSet: string): (string | null)[] {
  const columns: (string | null)[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  const take = (end: number) => {
    const item = afterSet.slice(start, end);
    const m = new RegExp(String.raw`^\s*(?:${NAME}\s*\.\s*)?(${NAME})\s*=`).exec(item);
    columns.push(m ? unquote(m[1]!) : null);
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
