/**
 * `migralint verify`: runs the project's migrations on a throwaway database
 * and records what happened, phase by phase. Unlike the analysis, this runs
 * the project's code (in a child process with a time limit, src/verify/child.ts).
 * The phases are the same on PostgreSQL and on MySQL / MariaDB; what differs
 * (how a run is undone, the catalog, locks) is the child's dialect engine.
 *
 * 1. up: every `up` in run order from an empty database; stops at the first failure,
 *    with what the failed `up` left applied and the `up` run again from there.
 * 2. rerun: each `up` again right after it applied, undone afterwards (PostgreSQL:
 *    a transaction rolled back, each statement in a savepoint, so guards behave as on
 *    a real rerun; MySQL, whose DDL commits at once: on a copy of the database);
 *    half-applied: before it applied, the `up` failing at its k-th write statement
 *    (k = 2, 3, ...), what stayed, then the `up` run again, also undone.
 * 3. rollback: rows for every table, then each `down` newest-first with the rows
 *    and values each one loses, then every `up` again, and the schema compared.
 * 4. models: the schema after every `up` against the models' columns.
 * 5. locks (PostgreSQL only): measured during 1, the strongest lock each statement
 *    takes on the tables that existed before its migration (pg_locks of its own
 *    session, before it commits), and the tables it rewrites (their relfilenode changes).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Migration, ProjectModel, VerificationPhase, VerificationRun } from '../model';
import type { CallStyle, HalfAppliedResult, MigrateResult, SeedResult, Snapshot, StatementLocks } from './protocol';
import { connectionDialect, DRIVERS, openScratch, parseDatabaseUrl, refuseProduction, startEmbedded, VerifyError, type VerifyDatabase } from './database';
import { losses, schemaDiff, type Loss } from './snapshot';
import { Worker } from './worker';
import { DEFAULT_TIMEOUT_MS } from './defaults';

export { DEFAULT_TIMEOUT_MS };

export { losses, schemaDiff, type Loss } from './snapshot';

export interface MigrationRun {
  file: string;
  name: string;
  up?: MigrateResult & { timedOut?: boolean };
  /** After the up failed (not timed out): the up again, from what the failure left, undone afterwards. */
  retry?: MigrateResult & { timedOut?: boolean };
  /** The up on tables filled with rows, before it applied, rolled back (for findings that need rows). */
  upWithRows?: MigrateResult & { timedOut?: boolean };
  /** Step k of the up failing (k = 2, 3, ...), then the whole up again: before the up applied, rolled back. */
  halfApplied?: HalfAppliedResult;
  rerun?: MigrateResult & { timedOut?: boolean };
  down?: MigrateResult & { timedOut?: boolean; lost: Loss[] };
  upAgain?: MigrateResult & { timedOut?: boolean };
}

export interface MissingModelColumn {
  model: string;
  attribute: string;
  table: string;
  column: string;
  /** The table itself is missing. */
  noTable: boolean;
  /** Where the attribute (or the model) is written. */
  file: string;
  line: number;
  col: number;
}

/** Everything the run established, for attaching to findings (src/verify/attach.ts) and for the report. */
export interface VerifyResult {
  on: string;
  migrations: MigrationRun[];
  /** Index of the first `up` that failed, or null when every one applied. */
  failedAt: number | null;
  seed?: SeedResult;
  /** Schema differences after every `down` then every `up` again, against the schema before (before the up that failed, when one did). */
  schemaDrift?: string[];
  /** Model columns the final schema lacks; undefined when the phase did not run. */
  missing?: MissingModelColumn[];
  /** Whether the locks each statement takes were read (PostgreSQL); MySQL has no pg_locks. */
  locksMeasured: boolean;
  run: VerificationRun;
}

export interface VerifyOptions {
  /** `--database-url`: a PostgreSQL, MySQL or MariaDB server; default: embedded PGlite. */
  databaseUrl?: string;
  /** Time limit of each step (one migration's up or down, the rows, a snapshot), in milliseconds. Default 60 s. */
  timeoutMs?: number;
  /** Progress lines (migration k of n, phase); the CLI passes them only to a terminal. */
  progress?: (line: string) => void;
  /** Environment of the child process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /**
   * Migrations (project-relative files) whose `up` also runs on tables filled with rows, before it
   * applies and rolled back: where a finding says it fails only when the table has rows.
   */
  withRows?: ReadonlySet<string>;
  /** Rows generated per table before the downs (default 3). */
  rowsPerTable?: number;
  /** Called once the database is open (tests use it to see the scratch database). */
  onDatabase?: (db: VerifyDatabase) => void;
}

/** Injected failures per migration (steps 2 to 11): a bound on a long migration's cost. */
const MAX_INJECTED_STEPS = 10;

/**
 * The project's own `sequelize`, resolved from its folder as its code would
 * (a parent folder's node_modules included); a clear error when missing.
 */
export function resolveProjectModule(absRoot: string, name: string, from?: string): string {
  try {
    return createRequire(from ?? path.join(absRoot, 'package.json')).resolve(name);
  } catch {
    throw new VerifyError(
      `verify runs the project's migrations with the project's own ${name}, and it is not installed in ${absRoot}: run \`npm ci\` (or npm install) there first`,
    );
  }
}

/** `up({ context })`: umzug 3 passes one object; sequelize-cli passes `(queryInterface, Sequelize)`. */
function callStyle(text: string | null): CallStyle {
  return text && /\bup\b[^\n]{0,40}\(\s*\{\s*context\b/.test(text) ? 'umzug' : 'cli';
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}

/** Runs the migrations of `project` (as the analysis found them) on a throwaway database. */
export async function verifyMigrations(project: ProjectModel, readText: (file: string) => string | null, options: VerifyOptions = {}): Promise<VerifyResult> {
  const absRoot = project.project.absRoot;
  const sets = project.project.migrationSets ?? [];
  if (sets.length > 1) {
    throw new VerifyError(`the project has ${sets.length} migration sets (${sets.join(', ')}), one per database: verify runs one of them at a time: pass --migrations <dir>`);
  }
  const sequelizePath = resolveProjectModule(absRoot, 'sequelize');
  // Every file the runner loads, in run order: one that is not a migration fails there too.
  const migrations = project.migrations;
  const progress = options.progress ?? (() => undefined);
  if (options.databaseUrl) refuseProduction(options.databaseUrl, project.dbConfig, options.env ?? process.env);
  const dialect = connectionDialect(options.databaseUrl ? parseDatabaseUrl(options.databaseUrl) : null, project.dialect);
  // The driver Sequelize loads for the dialect, from the project too: a clear error when it is missing.
  resolveProjectModule(absRoot, DRIVERS[dialect], sequelizePath);
  const db = options.databaseUrl ? await openScratch(options.databaseUrl, sequelizePath, dialect) : await startEmbedded();
  options.onDatabase?.(db);
  const worker = new Worker({ cwd: absRoot, sequelize: sequelizePath, connection: db.connection, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(options.env ? { env: options.env } : {}) });
  // Ctrl-C, a kill: stop the child and drop the scratch database before dying of the signal.
  const onSignal = (signal: NodeJS.Signals) => {
    worker.stop();
    void db.close().finally(() => {
      for (const s of SIGNALS) process.removeListener(s, onSignal);
      process.kill(process.pid, signal);
    });
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    return await phases(project, migrations, readText, worker, db, options, progress);
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    await worker.close().catch(() => undefined);
    await db.close();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function phases(
  project: ProjectModel,
  migrations: Migration[],
  readText: (file: string) => string | null,
  worker: Worker,
  db: VerifyDatabase,
  options: VerifyOptions,
  progress: (line: string) => void,
): Promise<VerifyResult> {
  const absRoot = project.project.absRoot;
  const n = migrations.length;
  const runs: MigrationRun[] = migrations.map((m) => ({ file: m.file, name: m.name }));
  const styles = migrations.map((m) => callStyle(readText(m.file)));
  const migrate = async (i: number, direction: 'up' | 'down', sandbox: boolean, probe = false, withRows = false): Promise<MigrateResult & { timedOut?: boolean }> => {
    const r = await worker.request<MigrateResult>({ op: 'migrate', file: path.resolve(absRoot, migrations[i]!.file), direction, style: styles[i]!, sandbox, probe, withRows });
    return r.ok ? r.value : { ok: false, error: r.error, ...(r.code ? { code: r.code } : {}), ...(r.timedOut ? { timedOut: true } : {}), sql: [] };
  };
  const phaseUp: VerificationPhase = { id: 'up', title: 'Every up, in run order, from an empty database', status: 'passed', ms: 0, facts: [] };
  const phaseHalf: VerificationPhase = { id: 'half-applied', title: 'Each up failing at its 2nd, 3rd... step, then run again', status: 'passed', ms: 0, facts: [] };
  const postgres = db.family === 'postgres';
  // A runner that wraps each migration in a transaction never leaves one half-applied on PostgreSQL;
  // on MySQL each DDL statement commits at once, the transaction notwithstanding.
  const transactional = postgres && project.project.runner?.transaction === 'per-migration';
  const phaseRerun: VerificationPhase = { id: 'rerun', title: 'Each up again, right after it applied', status: 'passed', ms: 0, facts: [] };
  const phaseDown: VerificationPhase = { id: 'rollback', title: 'Rows in every table, each down newest-first, then every up again', status: 'passed', ms: 0, facts: [] };
  const phaseModels: VerificationPhase = { id: 'models', title: 'The final schema against the models', status: 'passed', ms: 0, facts: [] };
  // Measured during phase 1 (each statement's own locks, read from pg_locks before it commits): its time is phase 1's.
  const phaseLocks: VerificationPhase = { id: 'locks', title: 'The strongest lock each up takes on the tables that existed before it ran', status: 'passed', ms: 0, facts: [] };

  // ---- 1 and 2: each up, then its rerun (rolled back) ----
  let failedAt: number | null = null;
  /** The schema before the up that failed: what it left is no down's to remove. */
  let beforeFailure: Snapshot | null = null;
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    // One step (as the analysis reads it, no loop): nothing can fail halfway.
    const steps = migrations[i]!.up;
    const severalSteps = steps.length > 1 || steps.some((o) => o.inLoop || o.unresolved);
    if (!transactional && severalSteps) {
      progress(`verify: half-applied ${i + 1}/${n} ${migrations[i]!.name}`);
      const half = await worker.request<HalfAppliedResult>({ op: 'half-applied', file: path.resolve(absRoot, migrations[i]!.file), style: styles[i]!, maxSteps: MAX_INJECTED_STEPS });
      if (half.ok) {
        runs[i]!.halfApplied = half.value;
        const failing = half.value.steps.filter((x) => !x.retry.ok);
        if (failing.length > 0) {
          const of = half.value.writes > 0 ? ` of ${half.value.writes}` : '';
          const left = failing[0]!.left.length > 0 ? ` (${failing[0]!.left.join(', ')})` : '';
          phaseHalf.facts.push(`${migrations[i]!.name}: when step ${failing.map((s) => s.step).join(', ')}${of} fails, what ran before stays${left} and the next run fails: ${errorText(failing[0]!.retry)}`);
        }
        if (half.value.setupError) phaseHalf.facts.push(`${migrations[i]!.name}: not run: ${half.value.setupError}`);
      }
      phaseHalf.ms += ms(t);
    }
    if (options.withRows?.has(migrations[i]!.file)) {
      progress(`verify: up on rows ${i + 1}/${n} ${migrations[i]!.name}`);
      t = performance.now();
      runs[i]!.upWithRows = await migrate(i, 'up', true, false, true);
      phaseUp.ms += ms(t);
      const rows = runs[i]!.upWithRows!;
      if (rows.setup) phaseUp.facts.push(`${migrations[i]!.name}: not run on tables with rows: ${errorText(rows)}`);
      else if (!rows.ok) phaseUp.facts.push(`${migrations[i]!.name}: up fails on tables with rows: ${errorText(rows)}`);
    }
    progress(`verify: up ${i + 1}/${n} ${migrations[i]!.name}`);
    t = performance.now();
    // The schema before an up of several steps: what a failure leaves behind is the difference.
    const before = severalSteps ? await worker.request<Snapshot>({ op: 'snapshot', schemaOnly: true }) : null;
    const up = await migrate(i, 'up', false, postgres);
    runs[i]!.up = up;
    if (!up.ok) {
      const after = before?.ok ? await worker.request<Snapshot>({ op: 'snapshot', schemaOnly: true }) : null;
      if (before?.ok && after?.ok) {
        up.left = schemaDiff(before.value, after.value);
        beforeFailure = before.value;
      }
      failedAt = i;
      phaseUp.status = 'failed';
      let fact = `${migrations[i]!.name}: up fails: ${errorText(up)}`;
      if (up.left && up.left.length > 0) {
        fact += `; what it did before failing stays: ${up.left.join(', ')}`;
        if (!up.timedOut) {
          // The next deploy runs it again, from there (undone afterwards).
          progress(`verify: up again ${i + 1}/${n} ${migrations[i]!.name}`);
          const retry = await migrate(i, 'up', true);
          runs[i]!.retry = retry;
          fact += retry.setup ? `; not run again: ${errorText(retry)}` : retry.ok ? '; run again, it applies' : `; run again, it fails: ${errorText(retry)}`;
        }
      }
      phaseUp.ms += ms(t);
      phaseUp.facts.push(fact);
      break;
    }
    phaseUp.ms += ms(t);
    progress(`verify: rerun ${i + 1}/${n} ${migrations[i]!.name}`);
    t = performance.now();
    const rerun = await migrate(i, 'up', true);
    phaseRerun.ms += ms(t);
    runs[i]!.rerun = rerun;
    if (rerun.setup) phaseRerun.facts.push(`${migrations[i]!.name}: not run: ${errorText(rerun)}`);
    else if (!rerun.ok) phaseRerun.facts.push(`${migrations[i]!.name}: a second up fails: ${errorText(rerun)}`);
  }
  const applied = failedAt ?? n;
  if (failedAt === null) phaseUp.facts.push(`all ${n} ups applied`);
  else phaseUp.facts.push(`${applied} of ${n} ups applied; the rest did not run`);
  const multi = runs.filter((r) => (r.halfApplied?.steps.length ?? 0) > 0);
  const stuck = multi.filter((r) => r.halfApplied!.steps.some((s) => !s.retry.ok));
  if (transactional) {
    phaseHalf.status = 'not-run';
    phaseHalf.facts.push('the runner wraps each migration in a transaction: a failure leaves nothing behind');
  } else {
    phaseHalf.facts.push(`${multi.length} ups have several steps; after a failure halfway, the next run fails in ${stuck.length} of them`);
    if (stuck.length > 0) phaseHalf.status = 'failed';
  }
  const reran = runs.slice(0, applied).filter((r) => r.rerun && !r.rerun.setup);
  phaseRerun.facts.push(`${reran.filter((r) => r.rerun!.ok).length} of ${applied} ups run again without an error`);
  if (applied === 0) phaseRerun.status = 'not-run';

  // ---- 3: rows, downs newest-first, ups again ----
  let t = performance.now();
  const result: VerifyResult = {
    on: db.label(worker.version),
    migrations: runs,
    failedAt,
    locksMeasured: postgres,
    run: { on: '', migrations: n, applied, phases: [phaseUp, phaseHalf, phaseRerun, phaseDown, phaseModels, phaseLocks] },
  };
  let before: Snapshot | null = null;
  if (applied > 0) {
    progress('verify: rows for every table');
    const seeded = await worker.request<SeedResult>({ op: 'seed', rowsPerTable: options.rowsPerTable ?? 3 });
    if (seeded.ok) {
      result.seed = seeded.value;
      const tables = Object.keys(seeded.value.inserted).length;
      const filled = Object.values(seeded.value.inserted).filter((k) => k > 0).length;
      phaseDown.facts.push(`rows generated in ${filled} of ${tables} tables`);
      for (const f of seeded.value.failures) phaseDown.facts.push(`no rows in ${f.table}: ${f.error}`);
    } else {
      phaseDown.facts.push(`no rows generated: ${errorText(seeded)}`);
    }
    const snap = await worker.request<Snapshot>({ op: 'snapshot' });
    before = snap.ok ? snap.value : null;
    // Without the schema before, what a down loses cannot be told: say so rather than pass with no facts.
    if (!snap.ok) {
      phaseDown.status = 'not-run';
      phaseDown.facts.push(`the schema could not be read, so no down ran: ${errorText(snap)}`);
    }
    let previous = before;
    let downTo = applied;
    for (let i = applied - 1; i >= 0 && previous; i--) {
      progress(`verify: down ${applied - i}/${applied} ${migrations[i]!.name}`);
      const down = await migrate(i, 'down', false);
      const after = await worker.request<Snapshot>({ op: 'snapshot' });
      const lost = after.ok ? losses(previous, after.value) : [];
      runs[i]!.down = { ...down, lost };
      if (!down.ok) {
        phaseDown.status = 'failed';
        phaseDown.facts.push(`${migrations[i]!.name}: down fails: ${errorText(down)}; the older downs did not run`);
        break;
      }
      downTo = i;
      if (lost.length > 0) phaseDown.facts.push(`${migrations[i]!.name}: down loses ${lost.map(lossText).join(', ')}`);
      previous = after.ok ? after.value : null;
    }
    for (let i = downTo; i < applied; i++) {
      progress(`verify: up again ${i + 1}/${applied} ${migrations[i]!.name}`);
      const again = await migrate(i, 'up', false);
      runs[i]!.upAgain = again;
      if (!again.ok) {
        phaseDown.status = 'failed';
        phaseDown.facts.push(`${migrations[i]!.name}: up after the downs fails: ${errorText(again)}`);
        break;
      }
    }
    const final = await worker.request<Snapshot>({ op: 'snapshot' });
    if (before && final.ok) {
      result.schemaDrift = schemaDiff(beforeFailure ?? before, final.value);
      phaseDown.facts.push(
        result.schemaDrift.length === 0 ? 'after every down and every up again, the schema is the same' : `after every down and every up again, the schema differs: ${result.schemaDrift.join('; ')}`,
      );
    }
  } else {
    phaseDown.status = 'not-run';
  }
  phaseDown.ms = ms(t);

  // ---- 4: models ----
  t = performance.now();
  if (failedAt === null && before && project.models) {
    progress('verify: models');
    result.missing = missingModelColumns(project, before);
    for (const m of result.missing) {
      phaseModels.facts.push(m.noTable ? `${m.model}.${m.attribute}: table ${m.table} does not exist` : `${m.model}.${m.attribute}: column ${m.table}.${m.column} does not exist`);
    }
    if (result.missing.length > 0) phaseModels.status = 'failed';
    else phaseModels.facts.push('every model column exists');
  } else {
    phaseModels.status = 'not-run';
    phaseModels.facts.push(!project.models ? 'no models folder' : failedAt !== null ? 'not every up applied' : 'the schema could not be read');
  }
  phaseModels.ms = ms(t);
  for (const r of runs) {
    const strongest = strongestLocks(r.up?.locks ?? []);
    if (strongest.length > 0) phaseLocks.facts.push(`${r.name}: ${strongest.map((l) => `${lockName(l.mode)} on ${l.table}${l.rewrote ? ' (rewritten)' : ''}`).join(', ')}`);
  }
  if (!postgres) {
    phaseLocks.status = 'not-run';
    phaseLocks.facts.push(
      `not measured on ${db.label(worker.version)}: MySQL has no pg_locks; its metadata locks last only while each DDL statement runs (each commits at once) and are not sampled; nor is it seen whether a statement rebuilds its table (ALGORITHM=COPY) or changes it in place`,
    );
  } else if (applied === 0) phaseLocks.status = 'not-run';
  else if (phaseLocks.facts.length === 0) phaseLocks.facts.push('no up locks a table that existed before it');
  result.on = db.label(worker.version);
  result.run.on = result.on;
  return result;
}

const LOCK_RANK = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

/** `AccessExclusiveLock` -> `ACCESS EXCLUSIVE`. */
export function lockName(mode: string): string {
  return mode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** `a` is at least as strong as `b` (PostgreSQL's lock names). */
export function lockAtLeast(a: string, b: string): boolean {
  return LOCK_RANK.indexOf(a) >= LOCK_RANK.indexOf(b);
}

/** Per table, the strongest lock the statements took (and the statement), and whether one rewrote it; in table order. */
export function strongestLocks(statements: StatementLocks[]): { table: string; mode: string; sql: string; rewrote: boolean }[] {
  const out = new Map<string, { table: string; mode: string; sql: string; rewrote: boolean }>();
  for (const s of statements) {
    for (const l of s.locks) {
      const seen = out.get(l.table);
      if (!seen || !lockAtLeast(seen.mode, l.mode)) out.set(l.table, { ...l, sql: s.sql, rewrote: seen?.rewrote ?? false });
    }
    for (const table of s.rewrote) {
      const seen = out.get(table);
      out.set(table, { table, mode: seen?.mode ?? 'AccessExclusiveLock', sql: s.sql, rewrote: true });
    }
  }
  return [...out.values()].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}

export function errorText(r: { error?: string; code?: string; timedOut?: boolean }): string {
  return `${r.error ?? 'unknown error'}${r.code ? ` (SQLSTATE ${r.code})` : ''}`;
}

export function lossText(l: Loss): string {
  if (l.kind === 'table') return `table ${l.table} (${l.count} row${l.count === 1 ? '' : 's'})`;
  if (l.kind === 'column') return `${l.table}.${l.column} (${l.count} value${l.count === 1 ? '' : 's'})`;
  return `${l.count} row${l.count === 1 ? '' : 's'} of ${l.table}`;
}

/** Model columns (attributes and the columns Sequelize adds) the schema lacks. */
export function missingModelColumns(project: ProjectModel, schema: Snapshot): MissingModelColumn[] {
  const out: MissingModelColumn[] = [];
  for (const model of project.models?.models ?? []) {
    if (model.unresolved || model.tableName === null || (model.schema !== null && model.schema !== 'public')) continue;
    const table = schema.tables[model.tableName];
    const name = model.name ?? model.tableName;
    const columns = [
      ...model.attributes.filter((a) => !a.virtual).map((a) => ({ attribute: a.name, column: a.column, file: a.file ?? model.file, loc: a.loc })),
      ...model.impliedColumns.filter((c) => !c.uncertain).map((c) => ({ attribute: c.attribute, column: c.column, file: c.file, loc: c.loc })),
    ];
    const at = (c: { file: string; loc: { line: number; column: number } }) => ({ file: c.file, line: c.loc.line, col: c.loc.column });
    if (!table) {
      if (columns.length > 0) out.push({ model: name, attribute: columns[0]!.attribute, table: model.tableName, column: columns[0]!.column, noTable: true, ...at({ file: model.file, loc: model.loc }) });
      continue;
    }
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.column) || c.column in table.columns) continue;
      seen.add(c.column);
      out.push({ model: name, attribute: c.attribute, table: model.tableName, column: c.column, noTable: false, ...at(c) });
    }
  }
  return out;
}
