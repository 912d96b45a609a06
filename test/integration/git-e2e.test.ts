/**
 * Gating end to end, through the built binary (`npm run build` first): a
 * throwaway git repository made of fixtures/lms-backend, a feature branch
 * that adds one dangerous migration, then `--changed-since`, file arguments,
 * the baseline and `--fail-on`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runBin } from '../helpers/cli';

const NEW = 'migrations/20250101000000-drop-legacy-profile.js';
const NEW_SOURCE = `'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('users', 'location');
  },

  async down(queryInterface) {
    await queryInterface.dropTable('user_achievements');
  },
};
`;

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}

let dir = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const report = (...args: string[]) => {
  const r = runBin(['report', '--format', 'json', ...args], { cwd: dir });
  const findings: JsonFinding[] = r.stdout ? JSON.parse(r.stdout).findings : [];
  return { ...r, findings };
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-gate-e2e-'));
  cpSync(path.join(REPO, 'fixtures', 'lms-backend'), dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'migralint test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'lms-backend');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(dir, NEW), NEW_SOURCE);
  git('add', '-A');
  git('commit', '-q', '-m', 'drop legacy profile');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the branch adds: the findings in the new file, and those elsewhere that name it (the model it makes drift). */
function addedByBranch(findings: JsonFinding[]): JsonFinding[] {
  return findings.filter((f) => f.file === NEW || f.message.includes(path.posix.basename(NEW)));
}

describe('--changed-since', () => {
  it('reports only what the branch adds, after analyzing every migration', () => {
    const all = report('--no-baseline');
    // lms-backend's 14 findings, and the 3 the branch adds (2 in the new file, 1 model drift; its removeColumn of a
    // column the model still maps would succeed on a database sync() built, so the sync reason claims nothing there).
    expect(all.findings).toHaveLength(17);
    const expected = addedByBranch(all.findings);
    expect(expected.filter((f) => f.file === NEW).map((f) => [f.rule, f.line])).toEqual(
      expect.arrayContaining([
        ['no-destructive-up', 5],
        ['no-destructive-down', 9],
      ]),
    );
    const r = report('--changed-since', 'main');
    expect(r.stderr).toBe('migralint: 1 of 32 migrations checked (changed since main)\n');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual(expected);
    // The only finding outside the new file is the drift it causes in an unchanged model.
    expect(r.findings.filter((f) => f.file !== NEW).map((f) => [f.rule, f.file])).toEqual([['no-model-drift', 'models/User.js']]);
    // Every migration was still read: the JSON lists all 32.
    expect(JSON.parse(r.stdout).migrations).toHaveLength(32);
  });

  it('follows --fail-on', () => {
    expect(report('--changed-since', 'main', '--fail-on', 'never').code).toBe(0);
    expect(report('--changed-since', 'main', '--fail-on', 'error').code).toBe(1);
  });

  it('reports nothing on main itself (no change since the merge base)', () => {
    git('checkout', '-q', 'main');
    try {
      const r = report('--changed-since', 'main', '--fail-on', 'info');
      expect(r.findings).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('migralint: 0 of 31 migrations checked (changed since main)\n');
    } finally {
      git('checkout', '-q', 'feature');
    }
  });

  it('counts uncommitted edits and untracked files as changed', () => {
    const extra = 'migrations/20250102000000-untracked.js';
    writeFileSync(path.join(dir, extra), NEW_SOURCE.replace("'location'", "'phone'").replace("'user_achievements'", "'chat_rooms'"));
    try {
      const r = report('--changed-since', 'HEAD');
      expect(r.stderr).toContain('1 of 33 migrations checked (changed since HEAD)');
      expect(new Set(r.findings.filter((f) => f.file.startsWith('migrations/')).map((f) => f.file))).toEqual(new Set([extra]));
    } finally {
      rmSync(path.join(dir, extra));
    }
  });

  it('fails with exit 2 on an unknown ref, before analyzing', () => {
    const r = report('--changed-since', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown git ref 'no-such-branch'/);
  });
});

describe('file arguments (lint-staged appends absolute paths)', () => {
  it('reports only findings of the given files', () => {
    const r = report(path.join(dir, 'migrations', '031-add-profile-fields-to-users.js'));
    expect(r.stderr).toBe('migralint: 1 of 32 migrations checked (1 file given)\n');
    expect(new Set(r.findings.map((f) => f.file))).toEqual(new Set(['migrations/031-add-profile-fields-to-users.js']));
    // 031's one idempotency finding (info: only the developer's sync script builds schemas another way) and its down
    // reversing what its up adds (info, no longer errors): nothing at the default --fail-on error.
    expect(r.findings.map((f) => `${f.rule}:${f.line} ${f.severity}`)).toEqual([
      'require-idempotency-guard:6 info',
      'no-destructive-down:21 info',
      'no-destructive-down:22 info',
      'no-destructive-down:23 info',
    ]);
    expect(r.code).toBe(0);
  });

  it('takes a directory first, then files relative to the working directory', () => {
    const r = runBin(['report', '.', 'config/database.js', 'models/User.js', '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('migralint: 0 of 32 migrations checked, and 2 other project files (models, config) (2 files given)\n');
    expect(new Set(JSON.parse(r.stdout).findings.map((f: JsonFinding) => f.file))).toEqual(new Set(['config/database.js', 'models/User.js']));
  });

  it('combines with --changed-since: both must hold', () => {
    const r = report('--changed-since', 'main', path.join(dir, 'migrations', '031-add-profile-fields-to-users.js'));
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('baseline', () => {
  const BASELINE = '.migralint-baseline.json';

  it('on main: records every finding, deterministically, and then hides them all', () => {
    git('checkout', '-q', 'main');
    try {
      const b = runBin(['baseline'], { cwd: dir });
      expect(b.code).toBe(0);
      expect(b.stdout).toMatch(/^migralint: 14 findings recorded in \.migralint-baseline\.json \(\d+ entries\)\n$/);
      const first = readFileSync(path.join(dir, BASELINE), 'utf8');
      expect(runBin(['baseline'], { cwd: dir }).code).toBe(0);
      expect(readFileSync(path.join(dir, BASELINE), 'utf8')).toBe(first);
      const doc = JSON.parse(first);
      expect(doc.version).toBe(1);
      expect(JSON.stringify(doc)).not.toMatch(/"line"/);

      const r = report('--fail-on', 'info');
      expect(r.findings).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('migralint: 14 findings hidden by the baseline .migralint-baseline.json\n');
      git('add', BASELINE);
      git('commit', '-q', '-m', 'baseline');
    } finally {
      git('checkout', '-q', 'feature');
    }
  });

  it('on the feature branch: reports only the new findings; exit codes follow --fail-on', () => {
    git('merge', '-q', '--no-edit', 'main');
    expect(existsSync(path.join(dir, BASELINE))).toBe(true);
    const r = report();
    const everything = report('--no-baseline').findings;
    expect(r.findings).toEqual(addedByBranch(everything));
    expect(r.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['no-destructive-up', 'no-destructive-down', 'no-model-drift']));
    expect(everything.length - r.findings.length).toBe(14);
    expect(r.stderr).toBe('migralint: 14 findings hidden by the baseline .migralint-baseline.json\n');
    expect(r.code).toBe(1);
    expect(report('--fail-on', 'error').code).toBe(1);
    expect(report('--fail-on', 'never').code).toBe(0);
  });

  it('keeps an old finding hidden when lines are added above it', () => {
    const file = path.join(dir, 'migrations', '031-add-profile-fields-to-users.js');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `// Profile fields.\n// Reviewed: the rollback may drop them.\n\n${before}`);
    try {
      const all = report('--no-baseline');
      expect(all.findings.find((f) => f.rule === 'no-destructive-down' && f.file.endsWith('031-add-profile-fields-to-users.js'))!.line).toBe(24);
      const r = report();
      expect(r.findings).toEqual(addedByBranch(all.findings));
      expect(r.stderr).toBe('migralint: 14 findings hidden by the baseline .migralint-baseline.json\n');
    } finally {
      writeFileSync(file, before);
    }
  });

  it('says how many baseline entries no longer occur once findings are fixed', () => {
    const file = path.join(dir, 'migrations', '031-add-profile-fields-to-users.js');
    const before = readFileSync(file, 'utf8');
    // Make the rollback irreversible instead of dropping the three columns.
    const fixed = before
      .replace("await queryInterface.removeColumn('users', 'bio');", "throw new Error('irreversible: the columns keep user data');")
      .replace(/ *await queryInterface\.removeColumn\('users', '(phone|location)'\);\n/g, '');
    expect(fixed).not.toBe(before);
    writeFileSync(file, fixed);
    try {
      const r = report();
      expect(r.stderr).toContain('3 baseline entries no longer occur: run `migralint baseline` to shrink .migralint-baseline.json');
      expect(r.findings.every((f) => addedByBranch([f]).length === 1)).toBe(true);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('with --changed-since, entries of unselected files are not counted as gone', () => {
    const r = report('--changed-since', 'main');
    expect(r.stderr).toBe('migralint: 1 of 32 migrations checked (changed since main)\n');
    expect(r.findings).toEqual(addedByBranch(r.findings));
    expect(r.findings.length).toBeGreaterThanOrEqual(3);
  });

  it('an explicit --baseline that does not exist is a usage error', () => {
    const r = report('--baseline', 'missing.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline file not found: missing\.json/);
  });
});

describe('comment shows what the gate shows', () => {
  /** The dry-run comment body. */
  const comment = (...args: string[]) => runBin(['comment', '--dry-run', ...args], { cwd: dir });
  /** `report`'s Markdown without its relative file links: the comment links only to a commit on GitHub (none outside Actions). */
  const reportMarkdown = (...args: string[]) =>
    runBin(['report', ...args], { cwd: dir }).stdout.replace(/\[(`[^`]*`|line \d+)\]\((?!https?:)[^)]*\)/g, '$1');

  it('honours the baseline file and --changed-since like report, and says what they left out', () => {
    const gated = report('--changed-since', 'main');
    const r = comment('--changed-since', 'main');
    expect(r.code).toBe(0);
    const [marker, gateLine] = r.stdout.split('\n');
    expect(marker).toBe('<!-- migralint:report dir=. -->');
    expect(gateLine).toBe('> **Gated as in the check:** 1 of 32 migrations checked (changed since main).');
    // The report under the marker is the one `report` writes with the same flags.
    const md = reportMarkdown('--changed-since', 'main');
    expect(r.stdout).toBe(`${marker}\n${gateLine}\n\n${md}`);
    expect(gated.findings.length).toBeGreaterThanOrEqual(3);
  });

  it('with the baseline only: names the hidden findings; --no-baseline shows them all with no gate line', () => {
    const r = comment();
    expect(r.stdout.split('\n')[1]).toBe('> **Gated as in the check:** 14 findings hidden by the baseline .migralint-baseline.json.');
    expect(r.stdout.split('\n').slice(3).join('\n')).toBe(reportMarkdown());
    const all = comment('--no-baseline');
    expect(all.stdout.split('\n')[1]).toBe('# Migration safety report: ' + path.basename(dir));
    expect(all.stdout.split('\n').slice(1).join('\n')).toBe(reportMarkdown('--no-baseline'));
  });
});
