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

const DIST = path.join(REPO, 'dist');

/**
 * What a CLI run (the built one, in a fresh process) loaded: the heavy packages, migralint's own modules (paths
 * under dist/, POSIX), and whether a module went through `import()` (Node's ESM loader runs its CommonJS lexer
 * over a CommonJS module it imports; `require` does not).
 */
function runFresh(args: string[], cwd: string): { heavy: string[]; own: string[]; viaImport: boolean } {
  const script = `
    const cli = require(${JSON.stringify(path.join(DIST, 'src', 'cli.js'))});
    cli.main(${JSON.stringify(args)}, { stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false }).then((code) => {
      const loaded = Object.keys(require.cache);
      process.stdout.write(JSON.stringify({
        code,
        heavy: ${JSON.stringify(HEAVY)}.filter((p) => loaded.some((f) => f.includes('/node_modules/' + p + '/'))),
        own: loaded.filter((f) => f.startsWith(${JSON.stringify(DIST + path.sep)})).map((f) => f.slice(${JSON.stringify(DIST.length + 1)}).split(require('path').sep).join('/')).sort(),
        viaImport: process.moduleLoadList.includes('NativeModule internal/deps/cjs-module-lexer/lexer'),
      }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { code: number; heavy: string[]; own: string[]; viaImport: boolean };
  expect(out.code, r.stderr).toBeLessThan(2);
  return out;
}

/** The heavy packages a CLI run (the built one, in a fresh process) loaded. */
function loadedBy(args: string[], cwd: string): string[] {
  return runFresh(args, cwd).heavy;
}

/**
 * All a warm `report --cache` run with kept outputs needs (issue 16: it costs ~10% of a run that analyzes, and
 * each module loaded is part of that): the CLI, the configuration plan, the gate, the result cache and its
 * disk check. A module added to this path is a choice: add it here.
 */
const WARM_PATH = [
  'src/cli.js',
  'src/cli/args.js',
  'src/cli/io.js',
  'src/cli/report.js',
  'src/config-file/merge.js',
  'src/config-file/settings.js',
  'src/containment.js',
  'src/gate/cache.js',
  'src/gate/disk-record.js',
  'src/gate/report-gate.js',
  'src/reporters/registry.js',
  'src/util/engine-rules.js',
  'src/util/errors.js',
  'src/util/load-module.js',
  'src/util/paths.js',
  'src/util/process.js',
  'src/util/text.js',
  'src/version.js',
];

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

  it('a warm `--cache` run that writes kept outputs: only the CLI, the gate and the result cache, nothing through import()', () => {
    const root = project({ 'migrations/20240101000000-a.js': RAW_SQL });
    const args = ['report', '.', '--format', 'json', '--cache', '--no-config'];
    const cold = runFresh(args, root);
    expect(cold.own).toEqual(expect.arrayContaining(['src/project.js', 'src/reporters/json.js', 'src/gate/cache.js']));
    const warm = runFresh(args, root);
    expect(warm.own.filter((m) => !WARM_PATH.includes(m))).toEqual([]);
    expect(warm.viaImport).toBe(false);
    expect(warm.heavy).toEqual([]);
  });

  it('a warm `--cache` run with a baseline and files: their modules too, still none of the analysis', () => {
    const root = project({ 'migrations/20240101000000-a.js': RAW_SQL });
    expect(runFresh(['baseline', '.', '--no-config'], root).own).toContain('src/gate/baseline.js');
    const args = ['report', '.', 'migrations/20240101000000-a.js', '--format', 'json', '--cache', '--no-config'];
    expect(runFresh(args, root).own).toContain('src/project.js');
    const warm = runFresh(args, root);
    expect(warm.own.filter((m) => !WARM_PATH.includes(m))).toEqual(['src/gate/baseline.js', 'src/gate/select.js']);
    expect(warm.viaImport).toBe(false);
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
