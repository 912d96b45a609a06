/**
 * `migralint verify` on the embedded PostgreSQL (PGlite): the small projects
 * of test/verify/projects (reruns, a failing changeColumn, an endless loop, a
 * throw at load time) and the command line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli';
import { runCli } from '../helpers/cli';
import { PROJECTS, verifyFailuresSuite } from './support';

verifyFailuresSuite({});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the command line', () => {
  const RERUNS = path.join(PROJECTS, 'reruns');

  test('verify: JSON gives each finding its verification and the run its phases, Markdown marks them; report alone has neither', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-verify-out-'));
    dirs.push(dir);
    const json = path.join(dir, 'report.json');
    const r = await runCli(['verify', RERUNS, '--format', `json=${json}`, '--format', 'markdown', '--timeout', '60']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(''); // no progress when stderr is not a terminal
    expect(r.stdout).toContain('## Verification');
    expect(r.stdout).toContain('<br>✔︎ confirmed on PostgreSQL');
    expect(r.stdout).toContain("`migralint verify` then ran the project's migrations");
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.verification.phases.map((p: { id: string; status: string }) => `${p.id}:${p.status}`)).toEqual(['up:failed', 'half-applied:passed', 'rerun:passed', 'rollback:passed', 'models:not-run', 'locks:passed']);
    expect(doc.verification).toMatchObject({ migrations: 3, applied: 2 });
    for (const f of doc.findings) expect(Object.keys(f.verification)).toEqual(['status', 'on', 'evidence']);
    expect(doc.findings.map((f: { rule: string; verification: { status: string } }) => `${f.rule}:${f.verification.status}`)).toEqual([
      'no-destructive-down:confirmed',
      'no-destructive-down:confirmed',
      'no-impossible-cast:confirmed',
    ]);
    const report = JSON.parse((await runCli(['report', RERUNS, '--format', 'json'])).stdout);
    expect(report.verification).toBeUndefined();
    expect(report.findings.some((f: object) => 'verification' in f)).toBe(false);
  }, 300_000);

  test('on a terminal, stderr gets one progress line (migration k of n, phase), erased at the end', async () => {
    let stderr = '';
    const code = await main(['verify', path.join(PROJECTS, 'load-error'), '--format', 'json', '--output', '/dev/null', '--fail-on', 'never'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      isTTY: false,
      stderrIsTTY: true,
      env: process.env,
    });
    expect(code).toBe(0);
    const lines = stderr.split('\r\u001b[2K');
    expect(lines).toEqual(expect.arrayContaining(['verify: up 1/2 001-create-items.js', 'verify: rerun 1/2 001-create-items.js', 'verify: up 2/2 002-throws-at-load.js', 'verify: down 1/1 001-create-items.js']));
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  }, 300_000);

  test('help says verify runs the project code and report does not', async () => {
    const help = (await runCli(['verify', '--help'])).stdout;
    expect(help).toMatch(/^Usage: migralint verify \[dir\]/);
    expect(help).toContain("verify RUNS THE PROJECT'S CODE");
    expect(help).toContain('`report`\nnever executes anything');
    expect((await runCli(['--help'])).stdout).toContain('verify does: it runs the project');
  });

  test.each([
    [['verify', RERUNS, '--format', 'sarif'], "migralint: verify writes markdown, json, text, not 'sarif'\n"],
    [['verify', RERUNS, '--timeout', '0'], "migralint: --timeout needs a number of seconds above 0, got '0'\n"],
    [['report', RERUNS, '--database-url', 'postgres://x/y'], 'migralint: --database-url and --timeout go with --verify (or migralint verify)\n'],
    [['verify', RERUNS, '--database-url', 'sqlite://x'], "migralint: --database-url: unsupported scheme 'sqlite:' (expected postgres://, mysql:// or mariadb://)\n"],
  ])('usage errors: %j', async (args, stderr) => {
    const r = await runCli(args);
    expect(r).toMatchObject({ code: 2, stderr });
  });

  test('a project without sequelize installed: a clear error naming npm ci', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-verify-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x"}');
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(path.join(dir, 'migrations', '001-a.js'), "module.exports = { up: async (qi) => qi.createTable('a', {}), down: async () => {} };\n");
    const r = await runCli(['verify', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migralint: verify runs the project's migrations with the project's own sequelize, and it is not installed in .*: run `npm ci` \(or npm install\) there first\n$/);
  });
});

