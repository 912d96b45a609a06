/**
 * Thin wrapper around libpg-query (the real PostgreSQL 18 parser, compiled to
 * WASM).
 *
 * The WASM module loads asynchronously, but extraction is synchronous, so the
 * caller loads the parser once up front and every later parse is synchronous.
 * Calling the synchronous API before that is a programming error and must be
 * loud: a migration whose SQL is silently skipped would look safe.
 */
import path from 'node:path';
import type { ParseResult, ScanResult, SqlError, SqlErrorDetails } from 'libpg-query';
import type { WorkerRequest, WorkerResponse } from './sql-worker';

export type { ParseResult, ScanResult };

/**
 * libpg-query starts compiling its WASM module when it is required: required
 * on the first load only, so a run that reads no SQL (a warm cache, a project
 * without raw SQL, `--version`) never pays for it.
 */
let lib: typeof import('libpg-query') | undefined;
function pg(): typeof import('libpg-query') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= require('libpg-query') as typeof import('libpg-query');
  return lib;
}

let refusals = 0;

/** Thrown by the synchronous API when {@link loadSqlParser} has not completed. */
export class SqlParserNotLoadedError extends Error {
  override readonly name = 'SqlParserNotLoadedError';

  constructor() {
    super('The PostgreSQL parser is not loaded: call `await loadSqlParser()` once before analyzing SQL.');
    refusals++;
  }
}

/**
 * How many times SQL was asked for before the parser was loaded (each time
 * a {@link SqlParserNotLoadedError} was made), even where a caller caught
 * it: {@link withSqlParser} compares it before and after a computation.
 */
export function sqlParserRefusals(): number {
  return refusals;
}

/**
 * Runs `compute` without loading the parser; when it asked for SQL (it threw
 * {@link SqlParserNotLoadedError}, or one was made and caught inside), loads
 * the parser and runs it again. `compute` must be repeatable: what it reads
 * is memoized by the caller's workspace, and a computation that reached SQL
 * memoized nothing of its own.
 */
export async function withSqlParser<T>(compute: () => T): Promise<T> {
  if (loaded) return compute();
  const before = refusals;
  // Not through the worker either (a synchronous host may have enabled it in this process): refused, then loaded here.
  deferring = true;
  try {
    const out = compute();
    if (refusals === before) return out;
  } catch (error) {
    if (!(error instanceof SqlParserNotLoadedError)) throw error;
  } finally {
    deferring = false;
  }
  await loadSqlParser();
  return compute();
}

/** Set while {@link withSqlParser} runs a computation before loading: the synchronous API refuses instead of using the worker. */
let deferring = false;

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
  loading ??= pg()
    .loadModule()
    .then(
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

/** True when SQL can be parsed synchronously now: loaded here, or through the worker fallback. */
export function canParseSqlSync(): boolean {
  return loaded || (fallbackEnabled && !deferring);
}

let workerCall: ((request: WorkerRequest) => WorkerResponse) | null = null;
let fallbackEnabled = false;
/** How many requests went through the worker (observability for tests and benchmarks). */
let workerRequests = 0;

/**
 * For synchronous hosts (ESLint rules): starts loading the parser in this
 * thread, and until it is loaded answers parse/scan requests synchronously
 * through a worker thread that has its own copy loaded (synckit). SQL is never
 * skipped: either path returns the real parse.
 */
export function enableSynchronousFallback(): void {
  fallbackEnabled = true;
  void loadSqlParser().catch(() => {
    // The worker path keeps working; a persistent load failure surfaces there.
  });
}

let parses = 0;

/** How many SQL texts were parsed so far (observability: analysis parses each distinct text once, src/sql/analyze-sql.ts). */
export function sqlParseCount(): number {
  return parses;
}

/** Number of requests answered by the worker so far. */
export function synchronousFallbackRequests(): number {
  return workerRequests;
}

function viaWorker(request: WorkerRequest): unknown {
  if (!workerCall) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSyncFn } = require('synckit') as typeof import('synckit');
    workerCall = createSyncFn(path.join(__dirname, 'sql-worker.js')) as unknown as (request: WorkerRequest) => WorkerResponse;
  }
  workerRequests++;
  const response = workerCall(request);
  if (response.ok) return response.value;
  if (response.sqlError) throw new (pg().SqlError)(response.message, response.details as SqlErrorDetails | undefined);
  throw new Error(`PostgreSQL parser worker failed: ${response.message}`);
}

/**
 * Parses SQL into the PostgreSQL parse tree.
 *
 * @throws {SqlParserNotLoadedError} when the parser is not loaded (and no synchronous fallback is enabled).
 * @throws a libpg-query `SqlError` when the SQL does not parse (see {@link isSqlSyntaxError}).
 */
export function parseSqlSync(sql: string): ParseResult {
  parses++;
  if (loaded) return pg().parseSync(sql);
  if (fallbackEnabled && !deferring) return viaWorker({ kind: 'parse', sql }) as ParseResult;
  throw new SqlParserNotLoadedError();
}

/**
 * Parses the PL/pgSQL bodies of the functions `sql` creates (`CREATE FUNCTION ... LANGUAGE plpgsql AS $$ ... $$`): one
 * `PLpgSQL_function` per function, its statements with the SQL they run as text.
 *
 * @throws {SqlParserNotLoadedError} as {@link parseSqlSync}; a libpg-query `SqlError` when the body does not parse.
 */
export function parsePlpgsqlSync(sql: string): unknown {
  parses++;
  if (loaded) return pg().parsePlPgSQLSync(sql);
  if (fallbackEnabled && !deferring) return viaWorker({ kind: 'plpgsql', sql });
  throw new SqlParserNotLoadedError();
}

/**
 * Splits SQL into tokens, comments included. Offsets are UTF-8 byte offsets.
 *
 * @throws {SqlParserNotLoadedError} when the parser is not loaded (and no synchronous fallback is enabled).
 */
export function scanSqlSync(sql: string): ScanResult {
  if (loaded) return pg().scanSync(sql);
  if (fallbackEnabled && !deferring) return viaWorker({ kind: 'scan', sql }) as ScanResult;
  throw new SqlParserNotLoadedError();
}

/** True for the error the parser throws on invalid SQL (as opposed to internal failures). */
export function isSqlSyntaxError(err: unknown): err is SqlError {
  // Only a parse can have thrown it: the library is loaded then.
  return lib !== undefined && err instanceof lib.SqlError;
}
