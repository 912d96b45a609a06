import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { QueryInterface, Sequelize as SequelizeInstance } from 'sequelize';
import { afterAll, beforeAll } from 'vitest';

// Node's own `require`, so fixture migrations (plain CommonJS) load exactly as
// sequelize-cli loads them, and so they receive the very `sequelize` module
// object sequelize-cli passes as the second argument.
const nodeRequire = createRequire(__filename);
const SequelizeModule = nodeRequire('sequelize') as typeof import('sequelize');
const { Sequelize } = SequelizeModule;

/** What running one migration function produced. Never thrown. */
export type MigrationOutcome = { ok: true } | { ok: false; error: string; code?: string };

/** A real PostgreSQL (PGlite, in memory) reached by Sequelize over a local socket. */
export interface PgliteHarness {
  sequelize: SequelizeInstance;
  queryInterface: QueryInterface;
  /** Every statement Sequelize logged, in order, as Sequelize logs it (`Executing (default): ...`). */
  log: string[];
  /** The statements logged since `mark` (an index into `log`), without Sequelize's `Executing (...): ` prefix. */
  sqlSince(mark: number): string[];
  /** Runs raw SQL and returns the rows. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs raw SQL, returning the outcome instead of throwing. */
  attempt(sql: string): Promise<MigrationOutcome>;
  /** Runs a migration file's `up` or `down` as sequelize-cli does. */
  runMigration(file: string, direction: 'up' | 'down'): Promise<MigrationOutcome>;
  /** Runs the `up` of each named file of `dir`, in the order given; stops at the first failure. */
  migrateTo(dir: string, names: readonly string[]): Promise<MigrationOutcome & { name?: string }>;
  close(): Promise<void>;
}

const LOG_PREFIX = /^Executing \([^)]*\): /;

/** Strips Sequelize's logging prefix from one logged line. */
export function stripLogPrefix(line: string): string {
  return line.replace(LOG_PREFIX, '');
}

/** The message (and SQLSTATE, when PostgreSQL sent one) of whatever a migration threw. */
export function describeError(error: unknown): { error: string; code?: string } {
  if (error instanceof Error) {
    const original = (error as { original?: { code?: unknown } }).original;
    const code = typeof original?.code === 'string' ? original.code : undefined;
    return code === undefined ? { error: error.message } : { error: error.message, code };
  }
  return { error: String(error) };
}

/** Runs `fn` against `db`, returning its outcome (never thrown) and every statement it sent (Sequelize's log prefix removed). */
export async function measureOn(db: Pick<PgliteHarness, 'log' | 'sqlSince'>, fn: () => Promise<unknown>): Promise<{ outcome: MigrationOutcome; sql: string[] }> {
  const mark = db.log.length;
  let outcome: MigrationOutcome;
  try {
    await fn();
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, ...describeError(error) };
  }
  return { outcome, sql: db.sqlSince(mark) };
}

/**
 * Runs `fn` in a Sequelize transaction on `db` and returns the lock modes
 * held on each relation named just after it (from pg_locks, inside that
 * transaction), plus the write statements sent (transaction control left out).
 * Throws when `fn` fails.
 */
export async function locksTaken(
  db: PgliteHarness,
  relations: string[],
  fn: (transaction: unknown) => Promise<unknown>,
): Promise<{ locks: Record<string, string[]>; sql: string[] }> {
  const { sequelize } = db;
  let locks: Record<string, string[]> = {};
  const { outcome, sql } = await measureOn(db, () =>
    sequelize.transaction(async (transaction) => {
      await fn(transaction);
      locks = {};
      for (const relation of relations) {
        const [rows] = await sequelize.query(`SELECT DISTINCT mode FROM pg_locks WHERE relation = '"${relation}"'::regclass AND granted ORDER BY mode`, { transaction });
        locks[relation] = (rows as { mode: string }[]).map((r) => r.mode);
      }
    }),
  );
  if (!outcome.ok) throw new Error(outcome.error);
  return { locks, sql: writeStatements(sql).filter((s) => !/pg_locks|TRANSACTION|COMMIT/.test(s)) };
}

/**
 * Runs `fn` in a Sequelize transaction on `db` with `client_min_messages` at
 * DEBUG1 and returns PostgreSQL's notices (`verifying table "t"` when an
 * ALTER TABLE reads every row), read from the transaction's own connection:
 * Sequelize does not pass notices on. Throws when `fn` fails.
 */
export async function debugNotices(db: PgliteHarness, fn: (transaction: unknown) => Promise<unknown>): Promise<string[]> {
  const notices: string[] = [];
  const { sequelize } = db;
  await sequelize.transaction(async (transaction) => {
    const connection = (transaction as unknown as { connection: import('node:events').EventEmitter }).connection;
    const onNotice = (notice: { message?: string }) => notices.push(notice.message ?? '');
    connection.on('notice', onNotice);
    try {
      await sequelize.query('SET LOCAL client_min_messages = debug1', { transaction });
      await fn(transaction);
    } finally {
      connection.off('notice', onNotice);
    }
  });
  return notices;
}

/** Only the DDL / DML among logged statements, without Sequelize's catalogue look-ups. */
export function writeStatements(sql: string[]): string[] {
  return sql.filter((s) => !/^(SELECT|WITH)\b/i.test(s.trim()));
}

/**
 * Runs one migration function with `(queryInterface, Sequelize)`, exactly the
 * arguments sequelize-cli passes, and no transaction around it.
 */
export async function runMigrationWith(
  queryInterface: QueryInterface,
  file: string,
  direction: 'up' | 'down',
): Promise<MigrationOutcome> {
  try {
    const resolved = nodeRequire.resolve(path.resolve(file));
    // Fresh load each time, as a new `sequelize-cli` process would.
    delete nodeRequire.cache[resolved];
    let migration = nodeRequire(resolved) as Record<string, unknown>;
    if (migration && typeof migration.default === 'object' && migration.default !== null) {
      migration = migration.default as Record<string, unknown>;
    }
    const fn = migration?.[direction];
    if (typeof fn !== 'function') return { ok: false, error: `${path.basename(file)} has no ${direction} function` };
    await fn.call(migration, queryInterface, SequelizeModule);
    return { ok: true };
  } catch (error) {
    return { ok: false, ...describeError(error) };
  }
}

// initdb dominates PGlite's start-up (about 5 s here, against about 1 s to load
// a data directory). The first instance of a test process dumps its pristine
// data directory, before anything touches it, and later instances of the same
// process (the next describe block) start from that copy. Key: this process
// and this PGlite build; it is valid for as long as either lives.
let pristineDataDir: Promise<File | Blob> | undefined;

/** A fresh, empty in-memory PGlite; the same database initdb would give, only faster after the first. */
async function createPristinePglite(): Promise<PGlite> {
  if (pristineDataDir) {
    try {
      return await PGlite.create({ loadDataDir: await pristineDataDir });
    } catch {
      pristineDataDir = undefined; // a failed dump or load: fall back to initdb
    }
  }
  const db = await PGlite.create();
  const dump = db.dumpDataDir('none');
  pristineDataDir = dump;
  try {
    await dump;
  } catch {
    pristineDataDir = undefined;
  }
  return db;
}

/**
 * Starts PGlite in memory, serves it on 127.0.0.1 on a port the OS picks (no
 * clashes between test files running in parallel), and connects Sequelize.
 */
export async function startPglite(): Promise<PgliteHarness> {
  const db = await createPristinePglite();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  let sequelize: SequelizeInstance | undefined;
  try {
    await server.start();
    // `port` is private; getServerConn() reports `host:port` with the port the OS assigned.
    const port = Number(server.getServerConn().split(':').pop());
    if (!Number.isInteger(port) || port <= 0) throw new Error(`pglite-socket reported no port: ${server.getServerConn()}`);

    const log: string[] = [];
    sequelize = new Sequelize('postgres', 'postgres', 'postgres', {
      dialect: 'postgres',
      host: '127.0.0.1',
      port,
      logging: (sql: string) => {
        log.push(sql);
      },
      // PGlite serves one connection at a time: one pooled connection, and
      // drop it when idle rather than keep a timer alive.
      pool: { max: 1, min: 0, idle: 1_000, acquire: 30_000, evict: 0 },
    });
    await sequelize.authenticate();

    const seq = sequelize;
    const queryInterface = seq.getQueryInterface();
    let closed = false;
    const harness: PgliteHarness = {
      sequelize: seq,
      queryInterface,
      log,
      sqlSince: (mark) => log.slice(mark).map(stripLogPrefix),
      query: async <T>(sql: string) => (await seq.query(sql, { type: 'SELECT' as never })) as unknown as T[],
      attempt: async (sql) => {
        try {
          await seq.query(sql);
          return { ok: true };
        } catch (error) {
          return { ok: false, ...describeError(error) };
        }
      },
      runMigration: (file, direction) => runMigrationWith(queryInterface, file, direction),
      migrateTo: async (dir, names) => {
        for (const name of names) {
          const outcome = await runMigrationWith(queryInterface, path.join(dir, name), 'up');
          if (!outcome.ok) return { ...outcome, name };
        }
        return { ok: true };
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await shutdown(seq, server, db);
      },
    };
    return harness;
  } catch (error) {
    await shutdown(sequelize, server, db);
    throw error;
  }
}

/** Closes the pool, then the socket server, then PGlite; each step runs even if an earlier one failed. */
async function shutdown(sequelize: SequelizeInstance | undefined, server: PGLiteSocketServer, db: PGlite) {
  const steps: Array<() => Promise<unknown>> = [
    async () => sequelize?.close(),
    () => server.stop(),
    async () => {
      if (!db.closed) await db.close();
    },
  ];
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

/**
 * One PGlite for the enclosing `describe` block: started before its first
 * test, closed after its last. Read it as `suite.db` inside the tests.
 */
export function usePglite(): { readonly db: PgliteHarness } {
  let db: PgliteHarness | undefined;
  beforeAll(async () => {
    db = await startPglite();
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db(): PgliteHarness {
      if (!db) throw new Error('PGlite is not started: use suite.db inside a test');
      return db;
    },
  };
}
