/**
 * The scratch database's life on a server, the same on PostgreSQL
 * (test/integration/verify-server.test.ts) and MariaDB (verify-mysql.test.ts):
 * created beside the URL's database and dropped after the run, also after
 * SIGTERM; left behind by a SIGKILL and dropped by the next run; a URL whose
 * database has tables refused.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO } from '../helpers/extract';
import { PROJECTS, verifyProject } from '../verify/support';
import type { VerifyDatabase } from '../../src/verify/database';

/** What the suite needs of a server, through the test's own client. */
export interface ScratchServer {
  /** `postgres://postgres@127.0.0.1:5432/postgres`, `mysql://root@127.0.0.1:3306/`. */
  url: string;
  /** Databases named `migralint_verify_<pid>...` (every run's without a pid), sorted. */
  scratchDatabases(pid?: number): Promise<string[]>;
  /** Creates database `name` (with one table when asked) and returns its URL. */
  createDatabase(name: string, withTable: boolean): Promise<string>;
  dropDatabase(name: string): Promise<void>;
}

/** Whether a process runs (Linux: a zombie waiting for init to reap it has ended). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function scratchSuite(server: ScratchServer): void {
  const options = { databaseUrl: server.url };
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe('the scratch database', () => {
    test('is created beside the URL, and gone after the run', async () => {
      let seen: VerifyDatabase | undefined;
      const before = await server.scratchDatabases(process.pid);
      await verifyProject(path.join(PROJECTS, 'reruns'), { ...options, onDatabase: (db) => (seen = db) });
      expect(seen?.connection.database).toMatch(new RegExp(`^migralint_verify_${process.pid}_[0-9a-f]{8}$`));
      expect(before).toEqual([]);
      expect(await server.scratchDatabases(process.pid)).toEqual([]);
    }, 300_000);

    /** Starts `migralint verify` on the endless loop; resolves once the loop runs (the scratch database exists by then). */
    function startHangingRun() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-verify-kill-'));
      dirs.push(dir);
      const mark = path.join(dir, 'running');
      const child = spawn(process.execPath, [path.join(REPO, 'bin', 'migralint.js'), 'verify', path.join(PROJECTS, 'hang'), '--database-url', server.url, '--timeout', '600'], {
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
      expect(await server.scratchDatabases(child.pid)).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(await server.scratchDatabases(child.pid)).toEqual([]);
    }, 300_000);

    test('SIGKILL leaves it behind; the next run drops it, and the copy of it (its process is gone)', async () => {
      const { child, running, exited, mark } = startHangingRun();
      await running;
      const looping = Number(readFileSync(mark, 'utf8')); // the process running the project's code
      const [left] = await server.scratchDatabases(child.pid);
      expect(left).toBeDefined();
      child.kill('SIGKILL');
      await exited;
      // As if it had been killed during a rerun on MySQL, which runs on a copy of the scratch database.
      await server.createDatabase(`${left}_copy`, true);
      expect(await server.scratchDatabases(child.pid)).toEqual([left, `${left}_copy`]);
      await verifyProject(path.join(PROJECTS, 'reruns'), options);
      expect(await server.scratchDatabases(child.pid)).toEqual([]);
      // The process stuck in the loop noticed its parent was gone (its main thread is free) and ended: no orphan spins on.
      expect(isAlive(looping)).toBe(false);
    }, 300_000);
  });

  describe('refusals', () => {
    test('a database that already has tables', async () => {
      const name = `migralint_busy_${process.pid}`;
      await server.dropDatabase(name);
      const url = await server.createDatabase(name, true);
      try {
        await expect(verifyProject(path.join(PROJECTS, 'reruns'), { databaseUrl: url })).rejects.toThrow(`refusing ${url}: its database '${name}' already has 1 table.`);
      } finally {
        await server.dropDatabase(name);
      }
    }, 300_000);
  });
}
