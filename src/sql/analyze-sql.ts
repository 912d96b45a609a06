/**
 * Raw SQL to operations: parses a SQL string with the real PostgreSQL parser
 * and describes each statement as the same operation kinds queryInterface
 * calls produce (`ALTER TABLE t DROP COLUMN c` is a `removeColumn`).
 */
import type { JsonValue, Target } from '../model';
import { HOLE_PREFIX, isHole, scrubHoles, wholeHoles } from './holes';
import { canParseSqlSync, isSqlSyntaxError, parseSqlSync, scanSqlSync, SqlParserNotLoadedError } from './pg-parser';
import { describeStatement, type Draft } from './statements';
import { analyzeSqlByKeywords } from './keyword-sql';
import type { SqlOperation } from './sql-operation';

export { HOLE_PREFIX, holePlaceholder, isHole } from './holes';

export interface AnalyzeSqlOptions {
  /**
   * The SQL may run on PostgreSQL (the default, also when the dialect is
   * unknown). False for a MySQL, MariaDB or SQLite project, or a branch that
   * runs only there: the statements are then read by their leading keywords.
   */
  postgres?: boolean;
}

/**
 * Describes every statement of `sql`, in order: one operation per statement,
 * more for statements acting on several things (`DROP TABLE a, b`, an ALTER
 * TABLE with several subcommands).
 *
 * Never throws for bad SQL: SQL that does not parse yields one `sql`
 * operation with `sqlError`. Empty or comment-only SQL yields `[]`.
 *
 * @throws {SqlParserNotLoadedError} when `await loadSqlParser()` has not run (and no synchronous fallback is enabled).
 */
/**
 * Results by SQL text: a project repeats statements (backfills, enum
 * additions, copied index definitions) and the analysis is a pure function of
 * the text: each distinct text is parsed once. Bounded (least recently used
 * out) so a huge project cannot grow it without limit; results are shared,
 * never mutated by callers.
 */
const cache = new Map<string, SqlOperation[]>();
const CACHE_LIMIT = 5_000;

export function analyzeSql(sql: string, options: AnalyzeSqlOptions = {}): SqlOperation[] {
  if (options.postgres === false) return analyzeSqlByKeywords(sql);
  const hit = cache.get(sql);
  if (hit) {
    // Least recently used first out: a text a project keeps repeating stays however many others it has.
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const result = analyzeSqlUncached(sql);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(sql, result);
  return result;
}

function analyzeSqlUncached(sql: string): SqlOperation[] {
  // Checked before the empty-string shortcut so a missing load fails on the first call, not the first non-empty one.
  if (!canParseSqlSync()) throw new SqlParserNotLoadedError();
  if (sql.trim() === '') return [];

  let stmts;
  try {
    stmts = parseSqlSync(sql).stmts ?? [];
  } catch (err) {
    if (!isSqlSyntaxError(err)) throw err;
    const repaired = isHole(sql) ? rowListHoles(sql) : sql;
    try {
      if (repaired === sql) throw err;
      stmts = parseSqlSync(repaired).stmts ?? [];
      sql = repaired;
    } catch (again) {
      if (again !== err && !isSqlSyntaxError(again)) throw again;
      return [parseFailure(sql, err.message)];
    }
  }

  const source = new SourceText(sql);
  const operations: SqlOperation[] = [];
  for (const raw of stmts) {
    if (!raw.stmt) continue;
    // The JSON omits zero values: no stmt_location is 0, no stmt_len is "to the end".
    const { statement, offset } = source.statement(raw.stmt_location ?? 0, raw.stmt_len ?? 0);
    for (const draft of describeStatement(raw.stmt)) operations.push(finish(draft, statement, offset));
  }
  return operations;
}

/**
 * `VALUES ${rows.map(() => '(?)')} )`: a hole that stands for a whole row
 * list, where the grammar wants a parenthesized row. Written as one row
 * `VALUES(hole)`, in the whitespace around it so that offsets do not move.
 */
function rowListHoles(sql: string): string {
  return sql.replace(new RegExp(`(\\bvalues)\\s(${HOLE_PREFIX}\\w*)\\s`, 'gi'), '$1($2)');
}

function parseFailure(sql: string, message: string): SqlOperation {
  const failure: SqlOperation = {
    op: 'sql',
    target: { table: null, column: null },
    guard: null,
    options: {},
    statement: sql.trim(),
    sqlError: message,
    offset: sql.length - sql.trimStart().length,
  };
  // A placeholder where the grammar wants a keyword, a number or a whole
  // statement (`${sql}`) breaks parsing: the SQL is unknown, not invalid.
  if (isHole(sql)) failure.unresolved = true;
  return failure;
}

/** Adds statement text and offset, and replaces every name that came from a hole by null. */
function finish(draft: Draft, statement: string, offset: number): SqlOperation {
  const holes = { found: false };
  const operation: SqlOperation = {
    op: draft.op,
    target: scrubHoles(draft.target, holes) as unknown as Target,
    guard: draft.guarded ? 'sql-if-exists' : null,
    options: scrubHoles(draft.options ?? {}, holes) as Record<string, JsonValue>,
    statement,
    offset,
  };
  if (draft.fields) operation.fields = scrubHoles(draft.fields, holes) as (string | null)[];
  if (holes.found) operation.unresolved = true;
  const holeOf = wholeHoles(draft.target);
  if (holeOf) operation.holeOf = holeOf;
  return operation;
}

/**
 * The analyzed SQL, with conversion from the parser's UTF-8 byte offsets to
 * JavaScript string offsets (they differ as soon as the SQL has a non-ASCII
 * character, e.g. in a comment or a literal).
 */
class SourceText {
  private readonly bytes: Buffer | null;

  constructor(private readonly text: string) {
    // ASCII-only text (the usual case): byte offsets are character offsets, no buffer needed.
    this.bytes = Buffer.byteLength(text, 'utf8') === text.length ? null : Buffer.from(text, 'utf8');
  }

  /** The trimmed text of the statement at [location, location + length) bytes, 0 length meaning "to the end". */
  statement(location: number, length: number): { statement: string; offset: number } {
    const start = this.charOffset(location);
    const end = length > 0 ? this.charOffset(location + length) : this.text.length;
    const raw = withoutTrailingComments(this.text.slice(start, end));
    const statement = raw.trim();
    return { statement, offset: start + (raw.length - raw.trimStart().length) };
  }

  private charOffset(byteOffset: number): number {
    return this.bytes ? charOffsetOf(this.bytes, byteOffset) : byteOffset;
  }
}

function charOffsetOf(bytes: Buffer, byteOffset: number): number {
  return bytes.subarray(0, byteOffset).toString('utf8').length;
}

/**
 * The parser starts a statement at its first token but ends the last one at
 * the end of the input, trailing comments included. Cut them with the
 * scanner, which knows what is a comment and what is `--` inside a string.
 */
function withoutTrailingComments(text: string): string {
  if (!mayEndWithComment(text)) return text;
  const tokens = scanSqlSync(text).tokens;
  let end = 0;
  for (const token of tokens) {
    if (token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT') end = Math.max(end, token.end);
  }
  if (end === 0) return text;
  const bytes = Buffer.from(text, 'utf8');
  return text.slice(0, bytes.length === text.length ? end : charOffsetOf(bytes, end));
}

/**
 * Cheap pre-check so the scanner only runs when needed: a trailing comment is
 * either a `--` comment on the last line or a block comment ending the text.
 */
function mayEndWithComment(text: string): boolean {
  const trimmed = text.trimEnd();
  return trimmed.endsWith('*/') || trimmed.slice(trimmed.lastIndexOf('\n') + 1).includes('--');
}
