import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runCli } from '../helpers/cli';
import { UsageError } from '../../src/discovery';
import { selectFiles } from '../../src/gate/select';
import { splitPositionals } from '../../src/cli/args';
import { changedSince } from '../../src/gate/git';

const LMS = path.join(REPO, 'fixtures', 'lms-backend');
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('splitPositionals: report [dir] [files...]', () => {
  it('takes a first directory as the project, the rest as files', () => {
    expect(splitPositionals([], REPO)).toEqual({ dir: undefined, files: [] });
    expect(splitPositionals(['fixtures/lms-backend'], REPO)).toEqual({ dir: 'fixtures/lms-backend', files: [] });
    expect(splitPositionals(['fixtures/lms-backend', 'a.js', '/abs/b.js'], REPO)).toEqual({ dir: 'fixtures/lms-backend', files: ['a.js', '/abs/b.js'] });
  });

  it('treats a first file as a file (lint-staged appends files to `migralint report`)', () => {
    const file = path.join(LMS, 'migrations', '001-create-users.js');
    expect(splitPositionals([file, 'b.js'], REPO)).toEqual({ dir: undefined, files: [file, 'b.js'] });
  });

  it('keeps a missing first path as the directory (so "no such directory" still says so)', () => {
    expect(splitPositionals(['nope'], REPO)).toEqual({ dir: 'nope', files: [] });
  });

  it('rejects a second directory', () => {
    expect(() => splitPositionals(['fixtures/lms-backend', 'fixtures/no-exec'], REPO)).toThrow(UsageError);
  });
});

describe('selectFiles', () => {
  it('maps relative and absolute paths to project paths; files outside are named', () => {
    const r = selectFiles(LMS, REPO, ['fixtures/lms-backend/migrations/001-create-users.js', path.join(LMS, 'models', 'User.js'), 'README.md', 'fixtures/lms-backend/deleted.js']);
    expect([...r.files].sort()).toEqual(['deleted.js', 'migrations/001-create-users.js', 'models/User.js']);
    expect(r.outside).toEqual(['README.md']);
  });
});

describe('report with file arguments (in-process)', () => {
  it('leaves files outside the project out, and says so in the summary', async () => {
    const r = await runCli(['report', LMS, path.join(REPO, 'package.json'), path.join(LMS, 'models', 'User.js'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['models/User.js']);
    expect(r.stderr).toBe('migralint: 0 of 31 migrations checked, and 1 other project file (models, config) (2 files given, 1 outside the project)\n');
  });

  it('a directory among the files is a usage error', async () => {
    const r = await runCli(['report', LMS, path.join(LMS, 'models')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory/);
  });
});

describe('changedSince outside a git repository', () => {
  it('is a usage error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-nogit-'));
    tmpDirs.push(dir);
    cpSync(LMS, dir, { recursive: true });
    expect(() => changedSince(dir, 'main')).toThrow(/needs a git repository/);
    expect(() => changedSince(dir, '--output=x')).toThrow(/needs a git ref/);
  });
});
