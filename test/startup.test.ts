/**
 * A run loads what it needs and nothing else: `--version` none of the
 * analyzer, a report of a project without SQL neither TypeScript nor the
 * PostgreSQL parser, a report that meets SQL loads the parser then and reads
 * the same as one that had it loaded from the start.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/extract';
import { analyzeProject } from '../src/project';
import { isSqlParserLoaded, loadSqlParser } from '../src/sql/pg-parser';

const HEAVY = ['typescript', '@typescript-eslint/typescript-estree', '@typescript-eslint/scope-manager', 'libpg-query', 'ajv', 'oxc-parser', 'fast-glob'];

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'migralint-startup-')));
  tmpDirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** The heavy packages a CLI run (the built one, in a fresh process) loaded. */
function loadedBy(args: string[], cwd: string): string[] {
  const script = `
    const cli = require(${JSON.stringify(path.join(REPO, 'dist', 'src', 'cli.js'))});
    cli.main(${JSON.stringify(args)}, { stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false }).then((code) => {
      const loaded = Object.keys(require.cache);
      process.stdout.write(JSON.stringify({ code, heavy: ${JSON.stringify(HEAVY)}.filter((p) => loaded.some((f) => f.includes('/node_modules/' + p + '/'))) }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { code: number; heavy: string[] };
  expect(out.code, r.stderr).toBeLessThan(2);
  return out.heavy;
}

const ADD_COLUMN = "module.exports = { up: (qi, S) => qi.addColumn('users', 'bio', S.TEXT), down: (qi) => qi.removeColumn('users', 'bio') };\n";
const RAW_SQL = "module.exports = { up: (qi) => qi.sequelize.query('ALTER TABLE users DROP COLUMN bio'), down: async () => {} };\n";

describe('what a CLI run loads', () => {
  it('--version: none of the heavy packages', () => {
    expect(loadedBy(['--version'], REPO)).toEqual([]);
  });

  it('a report of an empty project: only the file listing', () => {
    expect(loadedBy(['report', '.', '--format', 'json'], project({ 'migrations/.keep': '' }))).toEqual(['fast-glob']);
  });

  it('a report of migrations without SQL: the parser, no TypeScript, no PostgreSQL parser', () => {
    expect(loadedBy(['report', '.', '--format', 'json'], project({ 'migrations/20240101000000-a.js': ADD_COLUMN }))).toEqual(['oxc-parser', 'fast-glob']);
  });

  it('a warm `--cache` run of an unchanged project: none of them, whatever the first run needed', () => {
    const root = project({ 'migrations/20240101000000-a.js': RAW_SQL, 'package.json': '{"scripts":{"migrate":"sequelize-cli db:migrate"}}' });
    expect(loadedBy(['report', '.', '--format', 'json', '--cache'], root)).toEqual(['libpg-query', 'oxc-parser', 'fast-glob']);
    expect(loadedBy(['report', '.', '--format', 'json', '--cache'], root)).toEqual([]);
  });

  it('a report of raw SQL: the PostgreSQL parser too', () => {
    expect(loadedBy(['report', '.', '--format', 'json'], project({ 'migrations/20240101000000-a.js': RAW_SQL }))).toEqual(['libpg-query', 'oxc-parser', 'fast-glob']);
  });
});

describe('the PostgreSQL parser loads when SQL is met', () => {
  it('not before, and the analysis reads as with the parser loaded up front', async () => {
    const plain = project({ 'migrations/20240101000000-a.js': ADD_COLUMN });
    await analyzeProject(plain);
    expect(isSqlParserLoaded()).toBe(false);

    const raw = project({ 'migrations/20240101000000-a.js': ADD_COLUMN, 'migrations/20240102000000-b.js': RAW_SQL });
    const lazily = await analyzeProject(raw);
    expect(isSqlParserLoaded()).toBe(true);
    expect(lazily.project.migrations[1]!.up.map((o) => [o.op, o.target])).toEqual([['removeColumn', { table: 'users', column: 'bio' }]]);
    await loadSqlParser();
    const upFront = await analyzeProject(raw);
    expect(JSON.parse(JSON.stringify(lazily))).toEqual(JSON.parse(JSON.stringify(upFront)));
  });
});
