/**
 * Real PostgreSQL 10, 11, 12, 16 and 17 servers for test/integration/pg-versions.test.ts,
 * from the npm packages of test/pg-versions (linux-x64 builds; `.ci/run`
 * installs them with `npm ci --prefix test/pg-versions`, and skips that on any
 * other platform). Each server gets initdb into a temporary folder, listens on
 * a free port of 127.0.0.1 and on a unix socket in that folder (trust auth,
 * user postgres), and is stopped and removed by `stop()`.
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as
 * `nobody` (and from a copy of the binaries when the checkout's folders are
 * closed to other users).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/extract';
import { pgQuery } from './support';

export const PG_VERSIONS_DIR = path.join(REPO, 'test', 'pg-versions');
/** The major versions test/pg-versions/package.json installs (as `pg10`, `pg11`...). */
export const MAJORS = [10, 11, 12, 16, 17] as const;
export type Major = (typeof MAJORS)[number];

/** Why these servers cannot run here (not linux-x64: no builds for it), or null. */
export function platformUnsupported(): string | null {
  if (process.platform === 'linux' && process.arch === 'x64') return null;
  return `the PostgreSQL builds of test/pg-versions are for linux-x64; this is ${process.platform}-${process.arch}`;
}

/** The folder of a version's binaries (initdb, postgres) and libraries, or null when not installed. */
export function nativeDir(major: Major): string | null {
  const dir = path.join(PG_VERSIONS_DIR, 'node_modules', `pg${major}`, 'native');
  return existsSync(path.join(dir, 'bin', 'postgres')) ? dir : null;
}

export interface PgServer {
  major: Major;
  /** `SHOW server_version`: `10.23`. */
  version: string;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a server of that version; throws with initdb's or the server's own output when it cannot. */
export async function startServer(major: Major): Promise<PgServer> {
  let native = nativeDir(major);
  if (!native) throw new Error(`PostgreSQL ${major} is not installed: run \`npm ci --prefix test/pg-versions\` (what .ci/run does on linux-x64)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), `migralint-pg${major}-`));
  const user = serverUser();
  try {
    if (user) {
      chownSync(dir, user.uid, user.gid);
      if (!reachableByOthers(native)) {
        const copy = path.join(dir, 'native');
        cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
        native = copy;
      }
    }
    const as = user ? { uid: user.uid, gid: user.gid } : {};
    const data = path.join(dir, 'data');
    await run(path.join(native, 'bin', 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);
    const port = await freePort();
    const server = spawn(
      path.join(native, 'bin', 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      { ...as, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await ready(server);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const stop = async () => {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      const version = (await pgQuery<{ server_version: string }>(url, 'SHOW server_version'))[0]!.server_version;
      return { major, version, url, port, stop };
    } catch (e) {
      await stop();
      throw e;
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** As root, the user the server runs as (PostgreSQL refuses root): `nobody`. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Every folder above `dir` lets other users through (so `nobody` reaches the binaries). */
function reachableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

function run(file: string, args: string[], as: { uid?: number; gid?: number }): Promise<void> {
  accessSync(file, constants.X_OK);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code ?? signal}:\n${output}`))));
  });
}

/** Resolves when the server logs that it accepts connections; rejects with its log when it exits first. */
function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/database system is ready to accept connections/.test(log)) {
        server.stderr!.off('data', onData);
        server.stderr!.resume(); // keep draining its log
        resolve();
      }
    };
    server.stderr!.on('data', onData);
    server.on('error', reject);
    server.on('exit', (code, signal) => reject(new Error(`postgres exited with ${code ?? signal} before accepting connections:\n${log}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
