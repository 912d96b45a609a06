/**
 * The CLI as a user installs it without the registry: `npm pack` of this
 * checkout (its `prepare` builds), `npm i -D <tarball>` in a scratch project,
 * then README's command, `npx migralint report . --format text`, on a copy
 * of the example project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string };

let tmp = '';
let app = '';
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-install-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = path.join(tmp, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  app = path.join(tmp, 'app');
  cpSync(path.join(REPO, 'fixtures', 'lms-backend'), app, { recursive: true });
  execFileSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], { cwd: app, stdio: 'pipe' });
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('installed from the packed tarball', () => {
  it('declares where it comes from (repository, homepage, bugs)', () => {
    expect(PKG.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\//) });
    expect(PKG.homepage).toMatch(/^https:\/\//);
    expect(PKG.bugs).toMatchObject({ url: expect.stringMatching(/\/issues$/) });
  });

  it("runs README's command with npx and gates with the exit code", () => {
    const r = spawnSync('npx', ['--no-install', 'migralint', 'report', '.', '--format', 'text'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).not.toMatch(/Error:|at .*\(.*:\d+:\d+\)/);
    expect(r.stdout).toMatch(/31 migrations analyzed: \d+ errors?, \d+ warnings?, \d+ infos?\. Verdict: unsafe\./);
    expect(r.status).toBe(1);
    const version = spawnSync('npx', ['--no-install', 'migralint', '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout).toBe(`${PKG.version}\n`);
  });

  it('ships the built code and the rule docs, not the sources or tests', () => {
    const installed = path.join(app, 'node_modules', 'migralint');
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: installed, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('./dist/src/cli.js');
    expect(files).toContain('./rules/no-destructive-down.md');
    expect(files.some((f) => f.startsWith('./src/') || f.startsWith('./test/') || f.startsWith('./fixtures/'))).toBe(false);
  });
});
