/**
 * `migralint verify --database-url` on the PostgreSQL server of 127.0.0.1:5432
 * (trust auth, user postgres; `.ci/run` starts it when it is not running):
 * the facts of test/verify/support.ts again, the scratch database's life
 * (created, dropped, also after SIGTERM and after a SIGKILL), and the refusals.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO } from '../helpers/extract';
import { PROJECTS, verifyFailuresSuite, verifyLmsSuite, verifyProject } from '../verify/support';
import type { VerifyDatabase } from '../../src/verify/database';

const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { Client } = createRequire(__filename)('pg') as typeof import('pg');

async function sql<T = Record<string, unknown>>(text: string, url = SERVER): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function scratchDatabases(pid?: number): Promise<string[]> {
  const rows = await sql<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'migralint\\_verify\\_${pid ?? ''}%' ORDER BY 1`);
  return rows.map((r) => r.datname);
}

/** Whether a process runs (Linux: a zombie waiting for init to reap it has ended). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const options = { databaseUrl: SERVER };
verifyLmsSuite(options, /^PostgreSQL \d+\.\d+$/);
verifyFailuresSuite(options);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the scratch database', () => {
  test('is created beside the URL, and gone after the run', async () => {
    let seen: VerifyDatabase | undefined;
    const before = await scratchDatabases(process.pid);
    await verifyProject(path.join(PROJECTS, 'reruns'), { ...options, onDatabase: (db) => (seen = db) });
    expect(seen?.connection.database).toMatch(new RegExp(`^migralint_verify_${process.pid}_[0-9a-f]{8}$`));
    expect(before).toEqual([]);
    expect(await scratchDatabases(process.pid)).toEqual([]);
  }, 300_000);

  /** Starts `migralint verify` on the endless loop; resolves once the loop runs (the scratch database exists by then). */
  function startHangingRun() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-verify-kill-'));
    dirs.push(dir);
    const mark = path.join(dir, 'running');
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'migralint.js'), 'verify', path.join(PROJECTS, 'hang'), '--database-url', SERVER, '--timeout', '600'], {
      env: { ...process.env, MIGRALINT_TEST_MARK: mark },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const running = new Promise<void>((resolve, reject) => {
      const watcher = watch(dir, () => {
        if (existsSync(mark)) {
          watcher.close();
          resolve();
        }
      });
      if (existsSync(mark)) {
        watcher.close();
        resolve();
      }
      void exited.then(() => reject(new Error('verify ended before the loop started')));
    });
    return { child, running, exited, mark };
  }

  test('SIGTERM during a migration: the run drops its scratch database before it dies', async () => {
    const { child, running, exited } = startHangingRun();
    await running;
    expect(await scratchDatabases(child.pid)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await scratchDatabases(child.pid)).toEqual([]);
  }, 300_000);

  test('SIGKILL leaves it behind; the next run drops it (its process is gone)', async () => {
    const { child, running, exited, mark } = startHangingRun();
    await running;
    const looping = Number(readFileSync(mark, 'utf8')); // the process running the project's code
    const [left] = await scratchDatabases(child.pid);
    expect(left).toBeDefined();
    child.kill('SIGKILL');
    await exited;
    expect(await scratchDatabases(child.pid)).toEqual([left]);
    await verifyProject(path.join(PROJECTS, 'reruns'), options);
    expect(await scratchDatabases(child.pid)).toEqual([]);
    // The process stuck in the loop noticed its parent was gone (its main thread is free) and ended: no orphan spins on.
    expect(isAlive(looping)).toBe(false);
  }, 300_000);
});

describe('refusals', () => {
  test('a database that already has tables', async () => {
    const name = `migralint_busy_${process.pid}`;
    await sql(`DROP DATABASE IF EXISTS ${name}`);
    await sql(`CREATE DATABASE ${name}`);
    try {
      const url = SERVER.replace(/\/[^/]*$/, `/${name}`);
      await sql('CREATE TABLE orders (id int)', url);
      await expect(verifyProject(path.join(PROJECTS, 'reruns'), { databaseUrl: url })).rejects.toThrow(
        `refusing ${url}: its database '${name}' already has 1 table.`,
      );
    } finally {
      await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 300_000);
});
