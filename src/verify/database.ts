/**
 * The throwaway database `migralint verify` runs on.
 *
 * - Embedded (the default): PGlite (PostgreSQL compiled to WASM) in this
 *   process, served on 127.0.0.1 by `@electric-sql/pglite-socket`, so the
 *   project's own `sequelize` and `pg` connect to it as to a server.
 * - A server (`--database-url postgres://...`): a scratch database
 *   `migralint_verify_<pid>_<random>` created beside the URL's database and
 *   dropped at the end, on failure and on SIGINT / SIGTERM / SIGHUP too. A run
 *   killed outright (SIGKILL) leaves its database behind: the next run drops
 *   every `migralint_verify_<pid>_*` whose process is gone.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ConfigField, DbConfigAnalysis } from '../model';
import { processAlive } from '../util/process';
import type { ConnectionSpec } from './protocol';

/** A refusal or a setup failure: a clear message, exit 2. */
export class VerifyError extends Error {}

export interface VerifyDatabase {
  kind: 'pglite' | 'server';
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
  const m = /^(PostgreSQL|[\d.]+-MariaDB|[\d.]+)\s*([\d.]*)/.exec(version.trim());
  if (!m) return version.trim() || 'PostgreSQL';
  if (/MariaDB/.test(m[1]!)) return `MariaDB ${m[1]!.replace(/-MariaDB$/, '')}`;
  return m[2] ? `${m[1]} ${m[2]}` : m[1]!;
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
  if (!dialect) throw new VerifyError(`--database-url: unsupported scheme '${scheme}:' (expected postgres://)`);
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

const SCRATCH = /^migralint_verify_(\d+)_[0-9a-f]+$/;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * A scratch database on the server of `raw`, created with the project's own
 * `pg` (`pgPath`, resolved from the project): refuses a URL whose database
 * already has tables.
 */
export async function openScratch(raw: string, pgPath: string): Promise<VerifyDatabase & { name: string; stale: string[] }> {
  const target = parseDatabaseUrl(raw);
  if (target.dialect !== 'postgres') throw new VerifyError(`--database-url: ${target.dialect}:// is not supported yet: verify runs on PostgreSQL (postgres://)`);
  const pg = createRequire(pgPath)(pgPath);
  const Client = pg.Client ?? pg.default?.Client;
  const admin = async <T>(fn: (client: any) => Promise<T>): Promise<T> => {
    const client = new Client({ host: target.host, port: target.port, user: target.username, password: target.password, database: target.database });
    try {
      await client.connect();
    } catch (error) {
      throw new VerifyError(`cannot connect to ${redact(raw)}: ${(error as Error).message}`);
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const stale: string[] = [];
  await admin(async (client) => {
    const tables = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    const n = Number(tables.rows[0]?.n ?? 0);
    if (n > 0) {
      throw new VerifyError(
        `refusing ${redact(raw)}: its database '${target.database}' already has ${n} table${n === 1 ? '' : 's'}. verify creates a scratch database beside the one the URL names and never touches a database in use: give the URL of an empty database (such as postgres://.../postgres) on a server you can throw data at.`,
      );
    }
    // Scratch databases of earlier runs that were killed outright (their process is gone): on this machine only.
    if (LOCAL_HOSTS.has(target.host)) {
      const dbs = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'migralint\\_verify\\_%'`);
      for (const { datname } of dbs.rows as { datname: string }[]) {
        const m = SCRATCH.exec(datname);
        if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).then(
          () => stale.push(datname),
          () => undefined,
        );
      }
    }
  });
  const name = `migralint_verify_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  let closed = false;
  const connection: ConnectionSpec = { dialect: 'postgres', host: target.host, port: target.port, database: name, username: target.username };
  if (target.password !== undefined) connection.password = target.password;
  return {
    kind: 'server',
    name,
    stale,
    connection,
    label: (version) => postgresVersion(version),
    async close() {
      if (closed) return;
      closed = true;
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
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
