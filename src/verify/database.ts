/**
 * The throwaway database `migralint verify` runs on.
 *
 * - Embedded (the default): PGlite (PostgreSQL compiled to WASM) in this
 *   process, served on 127.0.0.1 by `@electric-sql/pglite-socket`, so the
 *   project's own `sequelize` and `pg` connect to it as to a server.
 * - A server (`--database-url postgres://...`, `mysql://...`, `mariadb://...`):
 *   a scratch database `migralint_verify_<pid>_<random>` created beside the
 *   URL's database and dropped at the end, on failure and on SIGINT / SIGTERM /
 *   SIGHUP too (on MySQL with `<that>_copy`, where the runs that are undone
 *   afterwards run). A run killed outright (SIGKILL) leaves them behind: the
 *   next run drops every `migralint_verify_<pid>_*` whose process is gone.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ConfigField, DbConfigAnalysis, Dialect, DialectInfo } from '../model';
import { processAlive } from '../util/process';
import type { ConnectionSpec } from './protocol';

/** A refusal or a setup failure: a clear message, exit 2. */
export class VerifyError extends Error {}

export interface VerifyDatabase {
  kind: 'pglite' | 'server';
  /** PostgreSQL, or MySQL / MariaDB: what the run can measure (locks, rollbacks) follows from it. */
  family: 'postgres' | 'mysql';
  connection: ConnectionSpec;
  /** `PostgreSQL 17.5 (PGlite)`, known once connected (`describeServer`). */
  label(version: string): string;
  /** Drops the scratch database or stops PGlite; safe to call twice. */
  close(): Promise<void>;
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A data directory initdb produced once: starting PGlite from it skips
 * initdb (most of a 5 to 15 s start). Kept in this process, and in the
 * system's temporary folder for the next runs (keyed by PGlite's version and
 * the user); a copy that fails to load is replaced.
 */
let pristine: Promise<Blob> | undefined;

/** Where the pristine data directory is kept between runs; null when PGlite is not installed. */
export function pristineFile(): string | null {
  try {
    const entry = createRequire(__filename).resolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(path.join(entry, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return path.join(os.tmpdir(), `migralint-pglite-${pkg.version ?? 'x'}-${process.getuid?.() ?? 'user'}.tar`);
  } catch {
    return null;
  }
}

async function newPglite(PGlite: any): Promise<any> {
  const file = pristineFile();
  if (!pristine && file && existsSync(file)) pristine = Promise.resolve(new Blob([readFileSync(file)]));
  if (pristine) {
    try {
      return await PGlite.create({ loadDataDir: await pristine });
    } catch {
      pristine = undefined;
    }
  }
  const db = await PGlite.create();
  const dump: Promise<Blob> = db.dumpDataDir('none');
  pristine = dump;
  try {
    const bytes = Buffer.from(await (await dump).arrayBuffer());
    if (file) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    }
  } catch {
    pristine = undefined;
  }
  return db;
}

/** PGlite in this process, on a port of 127.0.0.1 the OS picks. */
export async function startEmbedded(): Promise<VerifyDatabase> {
  let PGlite: any;
  let PGLiteSocketServer: any;
  try {
    // Named through a variable: they are devDependencies, absent from a production install, which must still build.
    const load = (name: string): Promise<any> => import(name);
    ({ PGlite } = await load('@electric-sql/pglite'));
    ({ PGLiteSocketServer } = await load('@electric-sql/pglite-socket'));
  } catch (error) {
    throw new VerifyError(
      `the embedded PostgreSQL needs @electric-sql/pglite and @electric-sql/pglite-socket (${(error as Error).message.split('\n')[0]}): install them beside migralint, or pass --database-url postgres://...`,
    );
  }
  const db = await newPglite(PGlite);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const port = Number(String(server.getServerConn()).split(':').pop());
  let closed = false;
  return {
    kind: 'pglite',
    family: 'postgres',
    connection: { dialect: 'postgres', host: '127.0.0.1', port, database: 'postgres', username: 'postgres', password: 'postgres' },
    label: (version) => `${postgresVersion(version)} (PGlite)`,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop().catch(() => undefined);
      if (!db.closed) await db.close().catch(() => undefined);
    },
  };
}

/** `PostgreSQL 17.5 on x86_64...` -> `PostgreSQL 17.5`. */
export function postgresVersion(version: string): string {
  const m = /^PostgreSQL\s*([\d.]*)/.exec(version.trim());
  if (!m) return version.trim() || 'PostgreSQL';
  return m[1] ? `PostgreSQL ${m[1]}` : 'PostgreSQL';
}

/** MySQL's `VERSION()`: `10.11.19-MariaDB-0+deb12u1` -> `MariaDB 10.11.19`, `8.0.36-0ubuntu0.22.04.1` -> `MySQL 8.0.36`. */
export function mysqlVersion(version: string): string {
  const m = /^(\d+(?:\.\d+)*)/.exec(version.trim());
  const product = /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
  return m ? `${product} ${m[1]}` : product;
}

/** The parts of a database URL a refusal compares. */
export interface ParsedUrl {
  dialect: ConnectionSpec['dialect'];
  host: string;
  port: number;
  database: string;
  username: string;
  password?: string;
}

export function parseDatabaseUrl(raw: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VerifyError(`--database-url is not a URL: ${redact(raw)}`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  const dialect = scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : scheme === 'mysql' ? 'mysql' : scheme === 'mariadb' ? 'mariadb' : null;
  if (!dialect) throw new VerifyError(`--database-url: unsupported scheme '${scheme}:' (expected postgres://, mysql:// or mariadb://)`);
  const out: ParsedUrl = {
    dialect,
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : dialect === 'postgres' ? 5432 : 3306,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || (dialect === 'postgres' ? 'postgres' : ''),
    username: decodeURIComponent(url.username) || (dialect === 'postgres' ? 'postgres' : 'root'),
  };
  if (url.password) out.password = decodeURIComponent(url.password);
  return out;
}

/** The URL without its password, for messages. */
export function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}

/** Scratch databases: `migralint_verify_<pid>_<random>`, and on MySQL the copy a rerun runs on, `<that>_copy`. */
const SCRATCH = /^migralint_verify_(\d+)_[0-9a-f]+(?:_copy)?$/;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** What verify says to a server of one family (PostgreSQL, or MySQL and MariaDB) to manage its scratch databases. */
interface ServerFamily {
  /** A URL to suggest when refusing one. */
  example: string;
  /** Counts (as `n`) the tables of the database connected to. */
  countTables: string;
  /** Lists (as `name`) the databases named `migralint_verify_...`. */
  listScratch: string;
  create(name: string): string;
  /** The statements that drop it, run in order, even while connections to it are open. */
  drop(name: string): string[];
  label(version: string): string;
}

const FAMILIES: Record<'postgres' | 'mysql', ServerFamily> = {
  postgres: {
    example: 'postgres://.../postgres',
    countTables: `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    listScratch: `SELECT datname AS name FROM pg_database WHERE datname LIKE 'migralint\\_verify\\_%'`,
    create: (name) => `CREATE DATABASE "${name}"`,
    // `DROP DATABASE ... WITH (FORCE)` is PostgreSQL 13+ (a syntax error on 10 to 12, measured by
    // test/integration/pg-versions.test.ts): the connections are ended first, on every version.
    drop: (name) => [
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      `DROP DATABASE IF EXISTS "${name}"`,
    ],
    label: postgresVersion,
  },
  mysql: {
    example: 'mysql://root@127.0.0.1:3306/, with no database',
    countTables: `SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
    listScratch: `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'migralint\\_verify\\_%'`,
    create: (name) => `CREATE DATABASE \`${name}\``,
    drop: (name) => [`DROP DATABASE IF EXISTS \`${name}\``],
    label: mysqlVersion,
  },
};

/** The family of servers a Sequelize dialect talks to. */
export function familyOf(dialect: ConnectionSpec['dialect']): 'postgres' | 'mysql' {
  return dialect === 'postgres' ? 'postgres' : 'mysql';
}

/** The driver Sequelize loads for a dialect. */
export const DRIVERS: Record<ConnectionSpec['dialect'], string> = { postgres: 'pg', mysql: 'mysql2', mariadb: 'mariadb' };

/**
 * The Sequelize dialect verify connects with: PostgreSQL for the embedded
 * database and postgres:// URLs; for mysql:// and mariadb:// URLs (the same
 * protocol), the project's own dialect, `mariadb` only when the project says
 * so (it then has the mariadb driver). Refuses a database of another family
 * than the project's migrations are written for.
 */
export function connectionDialect(url: ParsedUrl | null, project: DialectInfo | undefined): ConnectionSpec['dialect'] {
  const family = url ? familyOf(url.dialect) : 'postgres';
  const known = project?.dialects ?? [];
  const fits = (d: Dialect) => (family === 'postgres' ? d === 'postgres' : d === 'mysql' || d === 'mariadb');
  if (known.length > 0 && !known.some(fits)) {
    const theirs = `the project's migrations run on ${known.join(', ')}${project?.source ? ` (${project.source})` : ''}`;
    const mysql = known.includes('mysql') || known.includes('mariadb');
    if (!url) {
      throw new VerifyError(
        `${theirs}, and the embedded database is PostgreSQL: ${mysql ? 'pass --database-url mysql://root@127.0.0.1:3306/ (a MySQL or MariaDB server)' : 'verify runs migrations on PostgreSQL and on MySQL / MariaDB only'}`,
      );
    }
    throw new VerifyError(`${theirs}, and --database-url names a ${family === 'postgres' ? 'PostgreSQL' : 'MySQL / MariaDB'} server: give a server of the project's dialect`);
  }
  if (family === 'postgres') return 'postgres';
  return known.includes('mariadb') && !known.includes('mysql') ? 'mariadb' : 'mysql';
}

/**
 * A scratch database on the server of `raw`, through the project's own
 * `sequelize` (`sequelizePath`) and driver: refuses a URL whose database
 * already has tables, and drops the scratch databases of runs killed outright.
 */
export async function openScratch(raw: string, sequelizePath: string, dialect: ConnectionSpec['dialect']): Promise<VerifyDatabase & { name: string; stale: string[] }> {
  const target = parseDatabaseUrl(raw);
  const family = familyOf(dialect);
  const server = FAMILIES[family];
  const admin = async <T>(fn: (rows: (sql: string) => Promise<Record<string, unknown>[]>, run: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> => {
    const mod = createRequire(sequelizePath)(sequelizePath);
    const Sequelize = mod.Sequelize ?? mod;
    const sequelize = new Sequelize(target.database, target.username, target.password ?? null, {
      dialect,
      host: target.host,
      port: target.port,
      logging: false,
      pool: { max: 1, min: 0 },
    });
    try {
      try {
        await sequelize.authenticate();
      } catch (error) {
        throw new VerifyError(`cannot connect to ${redact(raw)}: ${(error as Error).message}`);
      }
      return await fn(
        (sql) => sequelize.query(sql, { type: 'SELECT' }),
        (sql) => sequelize.query(sql, { raw: true }),
      );
    } finally {
      await sequelize.close().catch(() => undefined);
    }
  };
  const stale: string[] = [];
  await admin(async (rows, run) => {
    const n = Number((await rows(server.countTables))[0]?.n ?? 0);
    if (n > 0) {
      throw new VerifyError(
        `refusing ${redact(raw)}: its database '${target.database}' already has ${n} table${n === 1 ? '' : 's'}. verify creates a scratch database beside the one the URL names and never touches a database in use: give the URL of an empty database (such as ${server.example}) on a server you can throw data at.`,
      );
    }
    // Scratch databases of earlier runs that were killed outright (their process is gone): on this machine only.
    if (LOCAL_HOSTS.has(target.host)) {
      for (const { name } of (await rows(server.listScratch)) as { name: string }[]) {
        const m = SCRATCH.exec(name);
        if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
        await runAll(run, server.drop(name)).then(
          () => stale.push(name),
          () => undefined,
        );
      }
    }
  });
  const name = `migralint_verify_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((_rows, run) => run(server.create(name)));
  let closed = false;
  const connection: ConnectionSpec = { dialect, host: target.host, port: target.port, database: name, username: target.username };
  if (target.password !== undefined) connection.password = target.password;
  // MySQL's DDL cannot be rolled back: a run that is undone afterwards runs on a copy.
  if (family === 'mysql') connection.copy = `${name}_copy`;
  return {
    kind: 'server',
    family,
    name,
    stale,
    connection,
    label: server.label,
    async close() {
      if (closed) return;
      closed = true;
      await admin(async (_rows, run) => {
        for (const db of connection.copy ? [connection.copy, name] : [name]) await runAll(run, server.drop(db));
      });
    },
  };
}

async function runAll(run: (sql: string) => Promise<unknown>, statements: string[]): Promise<void> {
  for (const sql of statements) await run(sql);
}

/** A setting of the config as it resolves here: the environment variable when set, else the literal. */
function resolved(field: ConfigField | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (!field) return undefined;
  if (field.envVar !== undefined && env[field.envVar] !== undefined && env[field.envVar] !== '') return env[field.envVar];
  return field.value === undefined ? undefined : String(field.value);
}

const sameHost = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || (LOCAL_HOSTS.has(a.toLowerCase()) && LOCAL_HOSTS.has(b.toLowerCase()));

/**
 * Refuses a URL that names the database of the project's production
 * connection (the `production` environment of its config, with the
 * environment variables of this process): verify never runs there.
 */
export function refuseProduction(raw: string, config: DbConfigAnalysis | null | undefined, env: NodeJS.ProcessEnv): void {
  const target = parseDatabaseUrl(raw);
  for (const environment of config?.environments ?? []) {
    if (environment.name !== 'production' && !environment.flat) continue;
    const candidates: { host?: string; port?: string; database?: string }[] = [];
    const url = resolved(environment.url, env);
    if (url) {
      try {
        const p = parseDatabaseUrl(url);
        candidates.push({ host: p.host, port: String(p.port), database: p.database });
      } catch {
        // not a URL: nothing to compare
      }
    }
    candidates.push({ host: resolved(environment.host, env), port: resolved(environment.port, env), database: resolved(environment.database, env) });
    for (const c of candidates) {
      if (c.host === undefined || c.database === undefined) continue;
      if (sameHost(c.host, target.host) && c.database === target.database && Number(c.port ?? target.port) === target.port) {
        throw new VerifyError(
          `refusing ${redact(raw)}: it is the project's ${environment.flat ? '' : 'production '}database (${config!.file}, environment '${environment.name}'). verify runs migrations and drops what it creates: point it at a throwaway server.`,
        );
      }
    }
  }
}
