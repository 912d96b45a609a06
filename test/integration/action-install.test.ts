/**
 * The GitHub Action's install step, run in bash as the runner does, on a
 * clone of this checkout without dist/ (a ref that is not a release): it
 * installs the production dependencies only (no test tooling: vitest, the
 * SARIF multitool, ESLint 8 and 10), builds the shipped code, and the
 * action's CLI then runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-action-install-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('action.yml install step on a ref without dist/', () => {
  it('installs production dependencies only, builds, and runs', () => {
    const home = path.join(tmp, 'action');
    execFileSync('git', ['clone', '-q', '--no-hardlinks', REPO, home]);
    // This checkout's uncommitted changes to what the step reads.
    for (const f of ['action.yml', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(path.join(REPO, f), path.join(home, f));
    for (const dir of ['src', 'rules']) cpSync(path.join(REPO, dir), path.join(home, dir), { recursive: true });
    const action = parse(readFileSync(path.join(home, 'action.yml'), 'utf8')) as { runs: { steps: { name?: string; run?: string }[] } };
    const install = action.runs.steps.find((s) => s.name === 'Install migralint')!;
    const runnerTemp = path.join(tmp, 'runner-temp');
    mkdirSync(runnerTemp);
    const r = spawnSync('bash', ['-e', '-c', install.run!], { cwd: tmp, encoding: 'utf8', env: { ...process.env, MIGRALINT_HOME: home, RUNNER_TEMP: runnerTemp } });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(existsSync(path.join(home, 'dist', 'src', 'cli.js'))).toBe(true);
    for (const devOnly of ['vitest', '@microsoft/sarif-multitool', 'eslint-v8', 'eslint-v10', 'dependency-cruiser']) {
      expect(existsSync(path.join(home, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    const report = spawnSync(process.execPath, [path.join(home, 'bin', 'migralint.js'), 'report', path.join(REPO, 'fixtures', 'lms-backend'), '--format', 'text'], { encoding: 'utf8' });
    expect(report.stdout).toMatch(/31 migrations analyzed: .* Verdict: unsafe\./);
    expect(report.status).toBe(1);
  }, 600_000);
});
