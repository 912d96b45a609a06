/**
 * The child process of `migralint verify`: the only place where migralint
 * runs the project's code. It loads the project's own `sequelize` (resolved
 * by the parent from the project's folder), connects to the scratch database
 * with one pooled connection, and answers the parent's requests one at a time
 * (src/verify/protocol.ts): run a migration's `up` or `down`, fill every
 * table with rows, take a snapshot of the schema and the data. What differs
 * between PostgreSQL and MySQL (how a rerun is undone, the catalog, locks) is
 * the dialect's engine: src/verify/child-postgres.ts, child-mysql.ts.
 *
 * The parent holds the time limit: a request that does not answer in time
 * (an endless loop, a lock wait) gets this process killed. The project's code
 * runs in a worker thread, so that the main thread notices a parent that
 * died and ends the process. Nothing here
 * imports the rest of migralint, so that what runs beside the project's code
 * is small.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker as Thread } from 'node:worker_threads';
import type { CallStyle, ConnectionSpec, HalfAppliedResult, MigrateResult, Reply, Request, SeedResult, Snapshot, TableSnapshot } from './protocol';
import { Session, shorten, type ColumnInfo, type Engine } from './child-session';
import { postgresEngine } from './child-postgres';
import { mysqlEngine } from './child-mysql';
import { schemaDiff } from './snapshot';

/* eslint-disable @typescript-eslint/no-explicit-any */

const session = new Session();
let engine: Engine;

async function init(sequelizePath: string, c: ConnectionSpec): Promise<string> {
  session.module = createRequire(sequelizePath)(sequelizePath);
  session.connection = c;
  session.use(session.open(c.database));
  engine = c.dialect === 'postgres' ? postgresEngine(session) : mysqlEngine(session);
  const [row] = await session.select<{ v: string }>(engine.versionSql);
  return String(row?.v ?? '');
}

// ---- Running one migration ----

async function loadMigration(file: string): Promise<Record<string, unknown>> {
  const req = createRequire(file);
  let mod: any;
  if (/\.mjs$/.test(file)) {
    mod = await import(`${pathToFileURL(file).href}?verify=${Date.now()}`);
  } else {
    try {
      // A fresh load each time, as each sequelize-cli process does.
      delete req.cache[req.resolve(file)];
      mod = req(file);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
      mod = await import(`${pathToFileURL(file).href}?verify=${Date.now()}`);
    }
  }
  if (mod && typeof mod.default === 'object' && mod.default !== null && typeof mod.up !== 'function') mod = mod.default;
  return mod as Record<string, unknown>;
}

/** The error's message, the server's SQLSTATE (PostgreSQL's `code`, MySQL's `sqlState`) and the statement. */
function describeError(error: unknown): { error: string; code?: string; failedSql?: string } {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { original?: { code?: unknown; sqlState?: unknown }; parent?: { code?: unknown; sqlState?: unknown }; sql?: unknown };
  const out: { error: string; code?: string; failedSql?: string } = { error: scrub(e.message || e.name) };
  const driver = e.original ?? e.parent;
  const code = driver?.sqlState ?? driver?.code;
  if (typeof code === 'string') out.code = code;
  if (typeof e.sql === 'string') out.failedSql = shorten(scrub(e.sql));
  return out;
}

/**
 * MySQL names the database in some messages (`` `db`.`articles` ``): the
 * scratch database's name (random) is left out, so that the evidence is the
 * same from one run to the next.
 */
function scrub(text: string): string {
  const c = session.connection as ConnectionSpec | undefined;
  for (const name of [c?.copy, c?.database]) {
    if (!name || !name.startsWith('migralint_verify_')) continue;
    text = text.split(`\`${name}\`.`).join('').split(`"${name}".`).join('').split(name).join('<scratch>');
  }
  return text;
}

/** Loads the migration and returns a call of its `up` or `down`, or the failure to load it. */
async function migrationCall(file: string, direction: 'up' | 'down', style: CallStyle): Promise<(() => Promise<void>) | MigrateResult> {
  let migration: Record<string, unknown>;
  try {
    migration = await loadMigration(file);
  } catch (error) {
    const d = describeError(error);
    return { ok: false, ...d, error: `cannot load ${path.basename(file)}: ${d.error}`, sql: [] };
  }
  const fn = migration?.[direction];
  if (typeof fn !== 'function') return { ok: false, error: `${path.basename(file)} exports no ${direction} function`, sql: [] };
  return async () => {
    const qi = session.sequelize.getQueryInterface();
    if (style === 'umzug') await fn.call(migration, { name: path.basename(file), path: file, context: qi });
    else await fn.call(migration, qi, session.module);
  };
}

async function outcome(call: () => Promise<void>): Promise<MigrateResult> {
  try {
    await call();
    return { ok: true, sql: session.logged };
  } catch (error) {
    return { ok: false, ...describeError(error), sql: session.logged };
  }
}

/** Starts the sandbox; a failure to start it is the run's, not the migration's (`setup`). */
async function sandbox(): Promise<MigrateResult | null> {
  try {
    await engine.beginSandbox();
    return null;
  } catch (error) {
    return { ok: false, setup: true, ...describeError(error), sql: [] };
  }
}

async function migrate(file: string, direction: 'up' | 'down', style: CallStyle, sandboxed: boolean, probe: boolean, withRows: boolean): Promise<MigrateResult> {
  const call = await migrationCall(file, direction, style);
  if (typeof call !== 'function') return call;
  const probing = probe && !sandboxed && engine.probe !== null;
  if (sandboxed) {
    const failed = await sandbox();
    if (failed) return failed;
  } else if (probing) await engine.probe!.begin();
  try {
    if (sandboxed && withRows) {
      await seed(3); // the rows are ours, not the migration's: through the unwrapped query
      session.logged = [];
    }
    const r = await outcome(call);
    if (sandboxed && session.notUndoable) return { ok: false, setup: true, error: session.notUndoable, sql: r.sql };
    return probing ? { ...r, locks: engine.probe!.end() } : r;
  } finally {
    if (sandboxed) await engine.endSandbox();
    else if (probing) engine.probe!.end();
  }
}

// ---- Half-applied: step k of n fails, then the next run ----
//
// In the sandbox, the k-th write statement of the up throws instead of running (k = 2, 3, ...): what steps
// 1..k-1 left stays, as it does on a runner without a transaction (and on MySQL, whose DDL commits at once,
// inside one too); then the up runs again, as the next deploy would. Undone at the end. Stops when the up has
// fewer than k write statements, or after `maxSteps`.

async function halfApplied(file: string, style: CallStyle, maxSteps: number): Promise<HalfAppliedResult> {
  const call = await migrationCall(file, 'up', style);
  const steps: HalfAppliedResult['steps'] = [];
  if (typeof call !== 'function') return { writes: 0, steps };
  let before: Snapshot | null = null;
  for (let k = 2; k <= maxSteps + 1; k++) {
    const failed = await sandbox();
    if (failed) return { writes: -1, steps, ...(failed.error ? { setupError: failed.error } : {}) };
    try {
      before ??= await snapshot(true);
      session.inject = { at: k, writes: 0, statement: null };
      const first = await outcome(call);
      const injected = session.inject.statement;
      const writes = session.inject.writes;
      session.inject = null;
      if (injected === null) return { writes, steps }; // fewer than k writes: every step was tried
      const left = schemaDiff(before, await snapshot(true));
      session.logged = [];
      const retry = await outcome(call);
      if (session.notUndoable) return { writes: -1, steps, setupError: session.notUndoable };
      const step: HalfAppliedResult['steps'][number] = { step: k, statement: injected, swallowed: first.ok, left, retry: { ok: retry.ok } };
      if (!retry.ok) Object.assign(step.retry, retry.error !== undefined ? { error: retry.error } : {}, retry.code ? { code: retry.code } : {}, retry.failedSql ? { failedSql: retry.failedSql } : {});
      steps.push(step);
    } finally {
      session.inject = null;
      await engine.endSandbox();
    }
  }
  return { writes: -1, steps };
}

// ---- Rows for every table, and snapshots ----

async function snapshot(schemaOnly = false): Promise<Snapshot> {
  const cols = await engine.columns();
  const indexes = await engine.indexes();
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const tables: Record<string, TableSnapshot> = {};
  for (const [table, list] of byTable) {
    let row: Record<string, unknown> | undefined;
    if (!schemaOnly) {
      const counts = list.map((c, i) => `count(${engine.quote(c.column)}) AS n${i + 1}`);
      [row] = await session.select<Record<string, unknown>>(`SELECT count(*) AS n0${counts.length > 0 ? `, ${counts.join(', ')}` : ''} FROM ${engine.quote(table)}`);
    }
    const snap: TableSnapshot = { rows: Number(row?.n0 ?? 0), columns: {}, definitions: {}, indexes: [] };
    list.forEach((c, i) => {
      snap.columns[c.column] = Number(row?.[`n${i + 1}`] ?? 0);
      snap.definitions[c.column] = `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.def !== null ? ` DEFAULT ${c.def}` : ''}`;
    });
    tables[table] = snap;
  }
  for (const ix of indexes) tables[ix.table]?.indexes.push(ix.definition);
  for (const snap of Object.values(tables)) snap.indexes.sort();
  return { tables };
}

/** A value of `c` for row `r` (1-based), as text the database casts to the column's type; undefined: leave it to the default. */
function valueFor(c: ColumnInfo, r: number, mysql: boolean): string | null | undefined {
  if (c.auto) return undefined;
  switch (c.kind) {
    case 'enum':
      return c.labels.length > 0 ? c.labels[(r - 1) % c.labels.length]! : undefined;
    case 'array':
      return '{}';
    case 'bool':
      return mysql ? String(r % 2) : r % 2 === 1 ? 'true' : 'false';
    case 'number':
      return String(r);
    case 'string': {
      const text = `${c.column}-${r}`;
      if (c.maxLength === null) return text;
      return text.length <= c.maxLength ? text : String(r).slice(-c.maxLength);
    }
    case 'date':
      return `2024-01-0${Math.min(r, 9)}`;
    case 'time':
      return '12:00:00';
    case 'timestamp':
      return `2024-01-0${Math.min(r, 9)} 12:00:00${mysql ? '' : '+00'}`;
    case 'interval':
      return '1 day';
    case 'inet':
      return `127.0.0.${r}`;
    case 'json':
      return JSON.stringify({ seed: r });
    case 'uuid':
      return `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    case 'binary':
      return mysql ? 'b' : '\\x00';
    default:
      return c.notnull ? undefined : null;
  }
}

async function seed(rowsPerTable: number): Promise<SeedResult> {
  const cols = await engine.columns();
  const fks = await engine.foreignKeys();
  const mysql = session.connection.dialect !== 'postgres';
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  // Referenced tables first (Kahn's order; a cycle's tables come last, their references NULL when allowed).
  const order: string[] = [];
  const pending = new Set([...byTable.keys()].filter((t) => t !== 'SequelizeMeta' && t !== 'SequelizeData'));
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => fks.every((fk) => fk.table !== t || fk.ref === t || !pending.has(fk.ref)));
    const next = ready.length > 0 ? ready : [[...pending].sort()[0]!];
    for (const t of next.sort()) {
      order.push(t);
      pending.delete(t);
    }
  }
  /** Per table, rows a foreign key can refer to. */
  const referable: Record<string, Record<string, unknown>[]> = {};
  const result: SeedResult = { inserted: {}, failures: [] };
  for (const table of order) {
    const list = byTable.get(table)!;
    const refOf = new Map<string, { ref: string; column: string }>();
    for (const fk of fks.filter((f) => f.table === table)) fk.columns.forEach((column, i) => refOf.set(column, { ref: fk.ref, column: fk.refColumns[i]! }));
    const returned: Record<string, unknown>[] = [];
    let count = 0;
    for (let r = 1; r <= rowsPerTable; r++) {
      const names: string[] = [];
      const values: unknown[] = [];
      for (const c of list) {
        const fk = refOf.get(c.column);
        let v: unknown;
        if (fk) {
          const rows = referable[fk.ref] ?? [];
          const row = fk.ref === table ? undefined : rows[(r - 1) % Math.max(rows.length, 1)];
          v = row ? engine.refValue(row[fk.column]) : c.notnull ? undefined : null;
        } else {
          v = valueFor(c, r, mysql);
        }
        if (v === undefined) continue;
        names.push(engine.quote(c.column));
        values.push(v);
      }
      try {
        const row = await engine.insert(table, names, values);
        if (row) returned.push(row);
        count += 1;
      } catch (error) {
        result.failures.push({ table, error: describeError(error).error });
        break;
      }
    }
    // Without RETURNING (MySQL): the table's rows as stored, those of earlier migrations included.
    referable[table] = returned.length > 0 || count === 0 ? returned : await session.select<Record<string, unknown>>(`SELECT * FROM ${engine.quote(table)} LIMIT 100`);
    result.inserted[table] = count;
  }
  return result;
}

// ---- The request loop ----

async function handle(req: Request): Promise<unknown> {
  session.logged = [];
  switch (req.op) {
    case 'init':
      return init(req.sequelize, req.connection);
    case 'migrate':
      return migrate(req.file, req.direction, req.style, req.sandbox, req.probe === true, req.withRows === true);
    case 'half-applied':
      return halfApplied(req.file, req.style, req.maxSteps);
    case 'seed':
      return seed(req.rowsPerTable);
    case 'snapshot':
      return snapshot(req.schemaOnly === true);
    case 'close':
      if (engine?.sandboxed) await engine.endSandbox();
      await session.sequelize?.close();
      return null;
  }
}

// The project's code runs in a worker thread; the main thread only relays the requests and watches the parent.
// A migration stuck in a loop keeps its thread busy, never this one: when the parent goes away (killed
// outright), the process ends with it instead of spinning on as an orphan.
if (isMainThread) {
  const thread = new Thread(__filename);
  process.on('message', (req: Request) => thread.postMessage(req));
  thread.on('message', (reply: Reply) => process.send?.(reply));
  thread.on('error', () => process.exit(1));
  thread.on('exit', (code) => process.exit(code));
  process.on('disconnect', () => process.exit(1));
} else {
  parentPort!.on('message', (req: Request) => {
    void handle(req).then(
      (value) => parentPort!.postMessage({ id: req.id, ok: true, value } satisfies Reply),
      (error: unknown) => parentPort!.postMessage({ id: req.id, ok: false, ...describeError(error) } satisfies Reply),
    );
  });
  // A migration's stray promise rejection must not end the thread between requests.
  process.on('unhandledRejection', () => {});
}
