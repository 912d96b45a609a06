/**
 * The pre-commit hook as a team gets it: the real pre-commit framework
 * (Debian's `pre-commit` package; `.ci/run` installs it) installs the hook of
 * `.pre-commit-hooks.yaml` from a git clone of this repository (so `npm pack`
 * and the `prepare` build run as they do for users), then real `git commit`s
 * in a scratch project: a commit that stages only a clean migration passes
 * even though an older migration has an error; staging that one fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TABLE_MIGRATION as CREATE, DROP_COLUMN_MIGRATION as DROP, GIT_ENV } from './support';

const REPO = path.resolve(__dirname, '..', '..');
const HAS_PRE_COMMIT = spawnSync('pre-commit', ['--version']).status === 0;

let tmp = '';
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.hooksPath=.git/hooks', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

/** A clone of this checkout, uncommitted and untracked changes included, as one commit: what a user pins with `rev:`. */
function snapshotOfThisCheckout(dest: string): string {
  execFileSync('git', ['clone', '-q', '--no-hardlinks', REPO, dest]);
  const changed = execFileSync('git', ['ls-files', '--modified', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const f of changed) {
    mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    cpSync(path.join(REPO, f), path.join(dest, f));
  }
  const deleted = execFileSync('git', ['ls-files', '--deleted'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const f of deleted) rmSync(path.join(dest, f), { force: true });
  git(dest, 'add', '-A');
  git(dest, 'commit', '-q', '--allow-empty', '-m', 'snapshot');
  return git(dest, 'rev-parse', 'HEAD').trim();
}

describe('pre-commit framework hook', () => {
  // `.ci/run` installs it; a run without it fails here rather than passing by skipping.
  it('has the pre-commit framework to test with (Debian: apt-get install pre-commit)', () => {
    expect(HAS_PRE_COMMIT).toBe(true);
  });

  let project = '';
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-pre-commit-'));
    const hookRepo = path.join(tmp, 'migralint');
    const rev = snapshotOfThisCheckout(hookRepo);
    project = path.join(tmp, 'app');
    mkdirSync(path.join(project, 'migrations'), { recursive: true });
    git(project, 'init', '-q');
    writeFileSync(
      path.join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: migralint\n`,
    );
    // An old migration with an error, committed before the hook existed.
    writeFileSync(path.join(project, 'migrations', '20240101000000-drop-legacy-code.js'), DROP);
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'before the hook');
    execFileSync('pre-commit', ['install'], { cwd: project, env: { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'cache') } });
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function commit(message: string) {
    const r = spawnSync('git', ['commit', '-m', message], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: path.join(tmp, 'cache'), NO_COLOR: '1' },
    });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it('installs with the real framework and passes a commit whose migrations are clean, whatever older files hold', () => {
    writeFileSync(path.join(project, 'migrations', '20240201000000-create-notes.js'), CREATE);
    git(project, 'add', 'migrations/20240201000000-create-notes.js');
    const r = commit('notes');
    expect(r.output).not.toMatch(/tsc: not found|An unexpected error has occurred/);
    expect(r.output).toMatch(/migralint \(Sequelize migration safety\)\.+Passed/);
    expect(r.code).toBe(0);
  }, 600_000);

  it('fails a commit that stages a migration with an error, naming the finding', () => {
    writeFileSync(path.join(project, 'migrations', '20240101000000-drop-legacy-code.js'), `// touched\n${DROP}`);
    git(project, 'add', '-A');
    const r = commit('touch the drop');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/migralint \(Sequelize migration safety\)\.+Failed/);
    expect(r.output).toContain('no-destructive-up');
    expect(r.output).toContain('20240101000000-drop-legacy-code.js');
    expect(r.output).not.toContain('create-notes.js:');
  }, 600_000);
});
