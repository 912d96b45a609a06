/**
 * Worker thread behind the synchronous SQL fallback: loads libpg-query's
 * WASM once and answers parse/scan requests. ESLint rules are synchronous and
 * may run before the in-process parser has finished loading; synckit blocks
 * the caller on this worker's answer instead of skipping the SQL.
 */
import { runAsWorker } from 'synckit';
import { loadModule, parsePlPgSQLSync, parseSync, scanSync, SqlError } from 'libpg-query';

export type WorkerRequest = { kind: 'parse' | 'scan' | 'plpgsql'; sql: string };
export type WorkerResponse =
  | { ok: true; value: unknown }
  | { ok: false; sqlError: boolean; message: string; details?: unknown };

let ready: Promise<void> | null = null;

runAsWorker(async (request: WorkerRequest): Promise<WorkerResponse> => {
  ready ??= loadModule();
  await ready;
  try {
    return { ok: true, value: request.kind === 'parse' ? parseSync(request.sql) : request.kind === 'plpgsql' ? parsePlPgSQLSync(request.sql) : scanSync(request.sql) };
  } catch (error) {
    const e = error as SqlError;
    return { ok: false, sqlError: error instanceof SqlError, message: e?.message ?? String(error), details: e?.sqlDetails };
  }
});
