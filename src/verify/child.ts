/**
 * The child process of `migralint verify`: the only place where migralint
 * runs the project's code. It loads the project's own `sequelize` (resolved
 * by the parent from the project's folder), connects to the scratch database
 * with one pooled connection, and answers the parent's requests one at a time
 * (src/verify/protocol.ts): run a migration's `up` or `down`, fill every
 * table with rows, take a snapshot of the schema and the data.
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
import type { CallStyle, ConnectionSpec, HalfAppliedResult, MigrateResult, Reply, Request, SeedResult, Snapshot, StatementLocks, TableSnapshot } from './protocol';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Query = (sql: unknown, options?: any) => Promise<any>;

let SequelizeModule: any;
let sequelize: any;
let originalQuery: Query;
/** Statements logged since the current request started. */
let logged: string[] = [];
const MAX_LOGGED = 40;
const MAX_STATEMENT = 400;

function shorten(sql: string): string {
  const folded = sql.replace(/\s+/g, ' ').trim();
  return folded.length > MAX_STATEMENT ? `${folded.slice(0, MAX_STATEMENT)}…` : folded;
}

function record(sql: string): void {
  if (logged.length < MAX_LOGGED) logged.push(shorten(sql.replace(/^Executing \([^)]*\): /, '')));
}

async function init(sequelizePath: string, c: ConnectionSpec): Promise<string> {
  SequelizeModule = createRequire(sequelizePath)(sequelizePath);
  const Sequelize = SequelizeModule.Sequelize ?? SequelizeModule;
  sequelize = new Sequelize(c.database, c.username, c.password ?? null, {
    dialect: c.dialect,
    host: c.host,
    port: c.port,
    logging: record,
    // One connection: every statement of a migration, its transactions included, goes through it,
    // and a sandboxed rerun (below) can wrap them all. The parent's time limit ends any wait.
    pool: { max: 1, min: 0, idle: 10_000, acquire: 24 * 3600 * 1000, evict: 0 },
  });
  originalQuery = sequelize.query.bind(sequelize);
  const [rows] = await originalQuery(c.dialect === 'postgres' ? 'SELECT version() AS v' : 'SELECT VERSION() AS v', { logging: false });
  return String((rows as { v: string }[])[0]?.v ?? '');
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

function describeError(error: unknown): { error: string; code?: string; failedSql?: string } {
  if (!(error instanceof Error)) return { error: String(error) };
  const e = error as Error & { original?: { code?: unknown }; parent?: { code?: unknown }; sql?: unknown };
  const out: { error: string; code?: string; failedSql?: string } = { error: e.message || e.name };
  const code = e.original?.code ?? e.parent?.code;
  if (typeof code === 'string') out.code = code;
  if (typeof e.sql === 'string') out.failedSql = shorten(e.sql);
  return out;
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
    const qi = sequelize.getQueryInterface();
    if (style === 'umzug') await fn.call(migration, { name: path.basename(file), path: file, context: qi });
    else await fn.call(migration, qi, SequelizeModule);
  };
}

async function outcome(call: () => Promise<void>): Promise<MigrateResult> {
  try {
    await call();
    return { ok: true, sql: logged };
  } catch (error) {
    return { ok: false, ...describeError(error), sql: logged };
  }
}

async function migrate(file: string, direction: 'up' | 'down', style: CallStyle, sandbox: boolean, probe: boolean, withRows: boolean): Promise<MigrateResult> {
  const call = await migrationCall(file, direction, style);
  if (typeof call !== 'function') return call;
  if (sandbox) {
    await beginSandbox();
    if (withRows) {
      sequelize.query = originalQuery; // the rows are ours, not the migration's
      await seed(3);
      sequelize.query = sandboxQuery;
      logged = [];
    }
  }
  else if (probe) await beginProbe();
  try {
    const r = await outcome(call);
    return probe && !sandbox ? { ...r, locks: probed } : r;
  } finally {
    if (sandbox) await endSandbox();
    else if (probe) sequelize.query = originalQuery;
  }
}

// ---- Half-applied: step k of n fails, then the next run ----
//
// In the sandbox, the k-th write statement of the up throws instead of running (k = 2, 3, ...): what steps
// 1..k-1 left stays, as it does on a runner without a transaction; then the up runs again, as the next deploy
// would. Rolled back at the end. Stops when the up has fewer than k write statements, or after `maxSteps`.

const INJECTED = 'migralint: failure injected before this statement';
let inject: { at: number; writes: number; statement: string | null } | null = null;
const WRITE = /^(?!\s*(SELECT|WITH|SHOW|SET|RESET|EXPLAIN|SAVEPOINT|RELEASE)\b)/i;

async function halfApplied(file: string, style: CallStyle, maxSteps: number): Promise<HalfAppliedResult> {
  const call = await migrationCall(file, 'up', style);
  const steps: HalfAppliedResult['steps'] = [];
  if (typeof call !== 'function') return { writes: 0, steps };
  for (let k = 2; k <= maxSteps + 1; k++) {
    await beginSandbox();
    try {
      inject = { at: k, writes: 0, statement: null };
      const first = await outcome(call);
      const injected = inject.statement;
      const writes = inject.writes;
      inject = null;
      if (injected === null) return { writes, steps }; // fewer than k writes: every step was tried
      logged = [];
      const retry = await outcome(call);
      const step: HalfAppliedResult['steps'][number] = { step: k, statement: injected, swallowed: first.ok, retry: { ok: retry.ok } };
      if (!retry.ok) Object.assign(step.retry, retry.error !== undefined ? { error: retry.error } : {}, retry.code ? { code: retry.code } : {}, retry.failedSql ? { failedSql: retry.failedSql } : {});
      steps.push(step);
    } finally {
      inject = null;
      await endSandbox();
    }
  }
  return { writes: -1, steps };
}

// ---- The probe: which tables each statement locks, and which it rewrites ----
//
// A statement outside a transaction of the migration's runs in BEGIN ... COMMIT of its own (the same outcome as
// autocommit); before the COMMIT, the session's own locks (pg_locks) and the tables' data files (relfilenode) are
// read. Inside the migration's transaction the locks held so far are compared. Statements that cannot run in a
// transaction block (CONCURRENTLY, VACUUM) run as they are, unprobed.

let probed: StatementLocks[] = [];
let probeDepth = 0;
const LOCK_RANK = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
const UNPROBED = /\b(CONCURRENTLY|VACUUM)\b|^\s*(SELECT|WITH|SHOW|SET|RESET|EXPLAIN)\b/i;

/** The tables that existed when the migration started: locks on tables it creates itself are no one's concern. */
let existing = new Set<string>();

async function beginProbe(): Promise<void> {
  probed = [];
  probeDepth = 0;
  existing = new Set((await tableState(undefined)).files.keys());
  sequelize.query = probeQuery;
}

async function tableState(options: any): Promise<{ locks: Map<string, string>; files: Map<string, string> }> {
  const q = { transaction: options?.transaction, type: 'SELECT', logging: false };
  const locks = (await originalQuery(
    `SELECT c.relname AS "table", l.mode AS mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    q,
  )) as { table: string; mode: string }[];
  const files = (await originalQuery(
    `SELECT c.relname AS "table", c.relfilenode::text AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    q,
  )) as { table: string; file: string }[];
  const strongest = new Map<string, string>();
  for (const l of locks) if (LOCK_RANK.indexOf(l.mode) > LOCK_RANK.indexOf(strongest.get(l.table) ?? '')) strongest.set(l.table, l.mode);
  return { locks: strongest, files: new Map(files.map((f) => [f.table, f.file])) };
}

function recordProbe(text: string, before: { locks: Map<string, string>; files: Map<string, string> }, after: { locks: Map<string, string>; files: Map<string, string> }): void {
  const locks = [...after.locks]
    .filter(([table, mode]) => existing.has(table) && LOCK_RANK.indexOf(mode) > LOCK_RANK.indexOf(before.locks.get(table) ?? ''))
    .map(([table, mode]) => ({ table, mode }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const rewrote = [...before.files].filter(([table, file]) => existing.has(table) && after.files.has(table) && after.files.get(table) !== file).map(([table]) => table).sort();
  if ((locks.length > 0 || rewrote.length > 0) && probed.length < 200) probed.push({ sql: shorten(text), locks, rewrote });
}

async function probeQuery(sql: unknown, options?: any): Promise<any> {
  const text = typeof sql === 'string' ? sql : typeof (sql as { query?: unknown })?.query === 'string' ? (sql as { query: string }).query : '';
  const statement = text.trim().replace(/;\s*$/, '').trim();
  if (TX_BEGIN.test(statement)) {
    const r = await originalQuery(sql, options);
    probeDepth += 1;
    return r;
  }
  if (TX_COMMIT.test(statement) || TX_ROLLBACK.test(statement)) {
    probeDepth = Math.max(0, probeDepth - 1);
    return originalQuery(sql, options);
  }
  if (text === '' || UNPROBED.test(statement) || TX_SETTING.test(statement) || /^(SAVEPOINT|RELEASE|ROLLBACK\s+TO)\b/i.test(statement)) return originalQuery(sql, options);
  if (probeDepth > 0) {
    const before = await tableState(options);
    const result = await originalQuery(sql, options);
    recordProbe(text, before, await tableState(options));
    return result;
  }
  await originalQuery('BEGIN', quiet(options));
  try {
    const before = await tableState(options);
    const result = await originalQuery(sql, options);
    recordProbe(text, before, await tableState(options));
    await originalQuery('COMMIT', quiet(options));
    return result;
  } catch (error) {
    await originalQuery('ROLLBACK', quiet(options)).catch(() => undefined);
    throw error;
  }
}

// ---- The sandbox: a rerun whose effects are rolled back ----
//
// Outside a transaction of the migration's own, each statement runs in a savepoint released on success and
// rolled back on failure: the same outcome as autocommit (a failed statement leaves nothing, the next one runs,
// try/catch guards work). The migration's own transactions become savepoints; inside them nothing is added, so
// an error aborts them as it would on a real run. The outer transaction is rolled back at the end.

let depth = 0;
let sandboxed = false;
const quiet = (options: any) => ({ ...(options ?? {}), logging: false });

const TX_BEGIN = /^(START\s+TRANSACTION|BEGIN(\s+(WORK|TRANSACTION))?)(\s+ISOLATION\s+LEVEL\s+[\w\s]+)?$/i;
const TX_COMMIT = /^(COMMIT|END)(\s+(WORK|TRANSACTION))?$/i;
const TX_ROLLBACK = /^ROLLBACK(\s+(WORK|TRANSACTION))?$/i;
const TX_SETTING = /^SET\s+(TRANSACTION|SESSION\s+CHARACTERISTICS)\b/i;

async function sandboxQuery(sql: unknown, options?: any): Promise<any> {
  const text = typeof sql === 'string' ? sql : typeof (sql as { query?: unknown })?.query === 'string' ? (sql as { query: string }).query : '';
  const statement = text.trim().replace(/;\s*$/, '').trim();
  if (TX_BEGIN.test(statement)) {
    record(text);
    depth += 1;
    return originalQuery(`SAVEPOINT migralint_tx_${depth}`, quiet(options));
  }
  if (TX_COMMIT.test(statement)) {
    record(text);
    if (depth === 0) return originalQuery('SELECT 1', quiet(options));
    depth -= 1;
    return originalQuery(`RELEASE SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
  }
  if (TX_ROLLBACK.test(statement)) {
    record(text);
    if (depth === 0) return originalQuery('SELECT 1', quiet(options));
    depth -= 1;
    await originalQuery(`ROLLBACK TO SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
    return originalQuery(`RELEASE SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
  }
  if (TX_SETTING.test(statement)) {
    record(text);
    return originalQuery('SELECT 1', quiet(options));
  }
  if (inject && text !== '' && WRITE.test(statement)) {
    inject.writes += 1;
    if (inject.writes === inject.at) {
      inject.statement = shorten(text);
      throw new Error(INJECTED);
    }
  }
  if (depth > 0) return originalQuery(sql, options);
  await originalQuery('SAVEPOINT migralint_statement', quiet(options));
  try {
    const result = await originalQuery(sql, options);
    await originalQuery('RELEASE SAVEPOINT migralint_statement', quiet(options));
    return result;
  } catch (error) {
    await originalQuery('ROLLBACK TO SAVEPOINT migralint_statement', quiet(options));
    throw error;
  }
}

async function beginSandbox(): Promise<void> {
  await originalQuery('BEGIN', { logging: false });
  depth = 0;
  sandboxed = true;
  sequelize.query = sandboxQuery;
}

async function endSandbox(): Promise<void> {
  sequelize.query = originalQuery;
  sandboxed = false;
  depth = 0;
  await originalQuery('ROLLBACK', { logging: false });
}

// ---- Rows for every table, and snapshots (PostgreSQL) ----

interface ColumnInfo {
  table: string;
  column: string;
  attnum: number;
  type: string;
  typname: string;
  typtype: string;
  typcategory: string;
  notnull: boolean;
  def: string | null;
  identity: string;
  generated: string;
}

async function select<T>(sql: string): Promise<T[]> {
  const [rows] = await originalQuery(sql, { logging: false });
  return rows as T[];
}

async function columns(): Promise<ColumnInfo[]> {
  return select<ColumnInfo>(`SELECT c.relname AS "table", a.attname AS "column", a.attnum AS attnum,
      format_type(a.atttypid, a.atttypmod) AS type, t.typname AS typname, t.typtype AS typtype, t.typcategory AS typcategory,
      a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function snapshot(): Promise<Snapshot> {
  const cols = await columns();
  const indexes = await select<{ tablename: string; indexdef: string }>(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexdef`);
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const tables: Record<string, TableSnapshot> = {};
  for (const [table, list] of byTable) {
    const counts = list.map((c, i) => `count(${quoteIdent(c.column)})::int AS n${i + 1}`);
    const [row] = await select<Record<string, number>>(`SELECT count(*)::int AS n0${counts.length > 0 ? `, ${counts.join(', ')}` : ''} FROM ${quoteIdent(table)}`);
    const snap: TableSnapshot = { rows: Number(row?.n0 ?? 0), columns: {}, definitions: {}, indexes: [] };
    list.forEach((c, i) => {
      snap.columns[c.column] = Number(row?.[`n${i + 1}`] ?? 0);
      snap.definitions[c.column] = `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.def !== null ? ` DEFAULT ${c.def}` : ''}`;
    });
    tables[table] = snap;
  }
  for (const ix of indexes) tables[ix.tablename]?.indexes.push(ix.indexdef);
  return { tables };
}

interface ForeignKey {
  table: string;
  ref: string;
  columns: number[];
  refColumns: number[];
}

/** A value of `c` for row `r` (1-based), as text PostgreSQL casts to the column's type; undefined: leave it to the default. */
function valueFor(c: ColumnInfo, r: number, enums: Map<string, string[]>): string | null | undefined {
  if (c.identity !== '' || c.generated !== '' || (c.def !== null && /nextval\(/.test(c.def))) return undefined;
  if (c.typtype === 'e') {
    const labels = enums.get(c.typname) ?? [];
    return labels.length > 0 ? labels[(r - 1) % labels.length]! : undefined;
  }
  switch (c.typcategory) {
    case 'A':
      return '{}';
    case 'B':
      return r % 2 === 1 ? 'true' : 'false';
    case 'N':
      return String(r);
    case 'S': {
      const max = /\((\d+)\)/.exec(c.type);
      const text = `${c.column}-${r}`;
      if (!max) return text;
      const n = Number(max[1]);
      return text.length <= n ? text : String(r).slice(-n);
    }
    case 'D':
      if (c.typname === 'date') return `2024-01-0${Math.min(r, 9)}`;
      if (c.typname === 'time' || c.typname === 'timetz') return '12:00:00';
      return `2024-01-0${Math.min(r, 9)} 12:00:00+00`;
    case 'T':
      return '1 day';
    case 'I':
      return `127.0.0.${r}`;
    case 'U':
      if (c.typname === 'json' || c.typname === 'jsonb') return JSON.stringify({ seed: r });
      if (c.typname === 'uuid') return `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
      if (c.typname === 'bytea') return '\\x00';
      return c.notnull ? undefined : null;
    default:
      return c.notnull ? undefined : null;
  }
}

async function seed(rowsPerTable: number): Promise<SeedResult> {
  const cols = await columns();
  const enumRows = await select<{ typname: string; label: string }>(`SELECT t.typname AS typname, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`);
  const enums = new Map<string, string[]>();
  for (const e of enumRows) enums.set(e.typname, [...(enums.get(e.typname) ?? []), e.label]);
  const fks = await select<ForeignKey>(`SELECT cl.relname AS "table", rf.relname AS ref, co.conkey AS columns, co.confkey AS "refColumns"
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class rf ON rf.oid = co.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE co.contype = 'f' AND n.nspname = 'public' ORDER BY cl.relname, co.conname`);
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
  const inserted: Record<string, Record<string, unknown>[]> = {};
  const result: SeedResult = { inserted: {}, failures: [] };
  for (const table of order) {
    const list = byTable.get(table)!;
    const byNum = new Map(list.map((c) => [c.attnum, c]));
    const refOf = new Map<string, { ref: string; column: string }>();
    for (const fk of fks.filter((f) => f.table === table)) {
      const refCols = byTable.get(fk.ref) ?? [];
      asArray(fk.columns).forEach((num, i) => {
        const c = byNum.get(num);
        const rc = refCols.find((x) => x.attnum === asArray(fk.refColumns)[i]);
        if (c && rc) refOf.set(c.column, { ref: fk.ref, column: rc.column });
      });
    }
    inserted[table] = [];
    for (let r = 1; r <= rowsPerTable; r++) {
      const names: string[] = [];
      const values: (string | null)[] = [];
      for (const c of list) {
        const fk = refOf.get(c.column);
        let v: string | null | undefined;
        if (fk) {
          const rows = inserted[fk.ref] ?? [];
          const row = fk.ref === table ? undefined : rows[(r - 1) % Math.max(rows.length, 1)];
          v = row ? asText(row[fk.column]) : c.notnull ? undefined : null;
        } else {
          v = valueFor(c, r, enums);
        }
        if (v === undefined) continue;
        names.push(quoteIdent(c.column));
        values.push(v);
      }
      const sql =
        names.length > 0
          ? `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`
          : `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES RETURNING *`;
      try {
        // In the sandbox a failed insert must not abort its transaction: each row in a savepoint.
        if (sandboxed) await originalQuery('SAVEPOINT migralint_seed', { logging: false });
        const rows = await originalQuery(sql, { logging: false, bind: values, type: 'SELECT' });
        if (sandboxed) await originalQuery('RELEASE SAVEPOINT migralint_seed', { logging: false });
        inserted[table]!.push(...(rows as Record<string, unknown>[]));
      } catch (error) {
        if (sandboxed) await originalQuery('ROLLBACK TO SAVEPOINT migralint_seed', { logging: false });
        result.failures.push({ table, error: describeError(error).error });
        break;
      }
    }
    result.inserted[table] = inserted[table]!.length;
  }
  return result;
}

function asArray(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(Number);
  if (typeof v === 'string') return v.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
  return [];
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ---- The request loop ----

async function handle(req: Request): Promise<unknown> {
  logged = [];
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
      return snapshot();
    case 'close':
      if (sandboxed) await endSandbox();
      await sequelize?.close();
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
