/**
 * Thin wrapper around libpg-query (the real PostgreSQL 18 parser, compiled to
 * WASM).
 *
 * The WASM module loads asynchronously, but extraction is synchronous, so the
 * caller loads the parser once up front and every later parse is synchronous.
 * Calling the synchronous API before that is a programming error and must be
 * loud: a migration whose SQL is silently skipped would look safe.
 */
import { loadModule, parseSync, scanSync, SqlError } from 'libpg-query';
import type { ParseResult, ScanResult } from 'libpg-query';

export type { ParseResult, ScanResult };

/** Thrown by the synchronous API when {@link loadSqlParser} has not completed. */
export class SqlParserNotLoadedError extends Error {
  override readonly name = 'SqlParserNotLoadedError';

  constructor() {
    super('The PostgreSQL parser is not loaded: call `await loadSqlParser()` once before analyzing SQL.');
  }
}

let loading: Promise<void> | null = null;
// Our own flag rather than libpg-query's: the library starts loading on
// require and becomes usable at some unspecified later tick, which would make
// "forgot to load" bugs appear only in some runs.
let loaded = false;

/**
 * Loads the WASM parser. Idempotent: concurrent and repeated calls share one
 * load. A failed load is not cached, so a later call retries.
 */
export function loadSqlParser(): Promise<void> {
  loading ??= loadModule().then(
    () => {
      loaded = true;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** True once {@link loadSqlParser} has resolved. */
export function isSqlParserLoaded(): boolean {
  return loaded;
}

function assertLoaded(): void {
  if (!loaded) throw new SqlParserNotLoadedError();
}

/**
 * Parses SQL into the PostgreSQL parse tree.
 *
 * @throws {SqlParserNotLoadedError} when the parser is not loaded.
 * @throws a libpg-query `SqlError` when the SQL does not parse (see {@link isSqlSyntaxError}).
 */
export function parseSqlSync(sql: string): ParseResult {
  assertLoaded();
  return parseSync(sql);
}

/**
 * Splits SQL into tokens, comments included. Offsets are UTF-8 byte offsets.
 *
 * @throws {SqlParserNotLoadedError} when the parser is not loaded.
 */
export function scanSqlSync(sql: string): ScanResult {
  assertLoaded();
  return scanSync(sql);
}

/** True for the error the parser throws on invalid SQL (as opposed to internal failures). */
export function isSqlSyntaxError(err: unknown): err is SqlError {
  return err instanceof SqlError;
}
