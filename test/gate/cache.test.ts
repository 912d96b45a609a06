import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runCli } from '../helpers/cli';
import { analyzeProject, type AnalyzeOptions } from '../../src/project';
import { CACHE_FILE, DEFAULT_CACHE_DIR, MigrationCache, stableJson } from '../../src/gate/cache';

const tmpDirs: string[] = [];
function copyFixture(name: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-cache-${name}-`));
  tmpDirs.push(d);
  cpSync(path.join(REPO, 'fixtures', name), d, { recursive: true });
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** One analysis through a fresh cache object (a new process would do the same). */
async function run(root: string, options: AnalyzeOptions = {}, tool?: string) {
  const cache = new MigrationCache(root, path.join(root, DEFAULT_CACHE_DIR), options, tool);
  const result = await analyzeProject(root, { ...options, store: cache });
  const saved = cache.save();
  return { result, stats: { ...cache.stats }, saved };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
/** The cache file's section of the project at `root` (cache in its default folder). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sectionOf = (doc: any) => doc.projects['../../..'];

describe('MigrationCache', () => {
  it('gives the same project and findings as an uncached run, cold and warm', async () => {
    for (const fixture of ['lms-backend', 'no-exec', 'broken-project', 'custom-layout']) {
      const root = copyFixture(fixture);
      const options: AnalyzeOptions = {};
      const fresh = await analyzeProject(root, options);
      const cold = await run(root, options);
      expect(cold.stats.hits).toBe(0);
      expect(cold.saved).toBe(true);
      const warm = await run(root, options);
      expect(warm.stats.misses, fixture).toBe(0);
      expect(warm.stats.hits).toBe(fresh.project.migrations.length);
      expect(warm.saved).toBe(false);
      for (const r of [cold.result, warm.result]) {
        expect(plain(r.project.migrations), fixture).toEqual(plain(fresh.project.migrations));
        expect(r.findings, fixture).toEqual(fresh.findings);
      }
    }
  });

  it('re-extracts a changed migration only, and drops removed ones', async () => {
    const root = copyFixture('lms-backend');
    await run(root);
    const file = path.join(root, 'migrations', '031-add-profile-fields-to-users.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace("removeColumn('users', 'phone')", "removeColumn('users', 'mobile')"));
    rmSync(path.join(root, 'migrations', '001-create-users.js'));
    const after = await run(root);
    expect(after.stats).toMatchObject({ hits: 29, misses: 1, loaded: true });
    expect(after.saved).toBe(true);
    expect(plain(after.result)).toEqual(plain(await analyzeProject(root)));
    const doc = sectionOf(JSON.parse(readFileSync(path.join(root, DEFAULT_CACHE_DIR, CACHE_FILE), 'utf8')));
    expect(Object.keys(doc.entries)).toHaveLength(30);
    expect(doc.entries['migrations/001-create-users.js']).toBeUndefined();
  });

  it('re-extracts a migration when a helper it imports changes', async () => {
    const root = copyFixture('no-exec');
    const cold = await run(root);
    const importing = cold.result.project.migrations.find((m) => m.name === '20240102000000-import-helper.js')!;
    expect(importing.up.some((o) => o.op === 'addColumn' && o.guarded)).toBe(true);
    const helper = path.join(root, 'migrations', 'helpers', 'add-column-once.js');
    // The helper no longer checks before adding: the migration's addColumn loses its guard.
    writeFileSync(helper, readFileSync(helper, 'utf8').replace('if (!columns[column]) {', 'if (true) {'));
    const warm = await run(root);
    expect(warm.stats.misses).toBe(1);
    const now = warm.result.project.migrations.find((m) => m.name === '20240102000000-import-helper.js')!;
    expect(plain(now)).toEqual(plain((await analyzeProject(root)).project.migrations.find((m) => m.name === now.name)));
    expect(now).not.toEqual(importing);
  });

  it('re-extracts every migration when the project dialect changes (raw SQL is read another way)', async () => {
    const root = copyFixture('lms-backend');
    const cold = await run(root);
    expect(cold.result.project.dialect?.dialects).toEqual(['postgres']);
    const config = path.join(root, 'config', 'database.js');
    writeFileSync(config, readFileSync(config, 'utf8').replaceAll("'postgres'", "'mysql'"));
    const warm = await run(root);
    expect(warm.result.project.dialect?.dialects).toEqual(['mysql']);
    expect(warm.stats.hits).toBe(0);
    expect(plain(warm.result.project.migrations)).toEqual(plain((await analyzeProject(root)).project.migrations));
  });

  it('invalidates everything when the options or the tool change', async () => {
    const root = copyFixture('lms-backend');
    await run(root, { rules: { 'require-down': 'off' } });
    expect((await run(root, { rules: { 'require-down': 'off' } })).stats.misses).toBe(0);
    const otherOptions = await run(root, { rules: { 'require-down': 'warning' } });
    expect(otherOptions.stats).toMatchObject({ hits: 0, misses: 31, loaded: false });
    const otherTool = await run(root, { rules: { 'require-down': 'warning' } }, 'another-version');
    expect(otherTool.stats).toMatchObject({ hits: 0, loaded: false });
  });

  it('ignores a corrupt cache and rewrites it', async () => {
    const root = copyFixture('lms-backend');
    const expected = plain((await analyzeProject(root)).findings);
    const cacheFile = path.join(root, DEFAULT_CACHE_DIR, CACHE_FILE);
    await run(root);
    const whole = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const good = sectionOf(whole);
    const firstKey = Object.keys(good.entries)[0]!;
    const withSection = (section: unknown) => JSON.stringify({ ...whole, projects: { '../../..': section } });
    const corruptions = [
      'not json {',
      '',
      'null',
      '[]',
      JSON.stringify({ ...whole, projects: null }),
      withSection(null),
      withSection({ ...good, entries: null }),
      withSection({ ...good, entries: { ...good.entries, [firstKey]: { hash: good.entries[firstKey].hash, imports: {}, migration: { up: 'x' } } } }),
      withSection({ ...good, entries: { ...good.entries, [firstKey]: 42 } }),
      withSection({ ...good, entries: { ...good.entries, ['__proto__']: { polluted: true } } }),
    ];
    for (const text of corruptions) {
      writeFileSync(cacheFile, text);
      const r = await run(root);
      expect(plain(r.result.findings), text.slice(0, 40)).toEqual(expected);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Rewritten: the next run is all hits.
      expect((await run(root)).stats.misses, text.slice(0, 40)).toBe(0);
    }
  });

  it('never fails when the cache cannot be written', async () => {
    const root = copyFixture('lms-backend');
    const blocker = path.join(root, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const cache = new MigrationCache(root, path.join(blocker, 'cache'), {});
    const result = await analyzeProject(root, { store: cache });
    expect(cache.save()).toBe(false);
    expect(result.findings).toEqual((await analyzeProject(root)).findings);
  });

  it('keeps a migration whose import does not resolve, until a file appears where the import points', async () => {
    const root = copyFixture('no-exec');
    const file = path.join(root, 'migrations', '20240103000000-missing-helper.js');
    writeFileSync(file, "const { addOnce } = require('./helpers/not-yet');\nmodule.exports = { up: (qi, S) => addOnce(qi, 'users', 'bio', S.TEXT), down: (qi) => qi.removeColumn('users', 'bio') };\n");
    const cold = await run(root);
    const before = cold.result.project.migrations.find((m) => m.name === '20240103000000-missing-helper.js')!;
    const warm = await run(root);
    expect(warm.stats.misses).toBe(0);
    expect(plain(warm.result)).toEqual(plain(cold.result));
    // The helper appears: the migration is analyzed again, through it.
    writeFileSync(path.join(root, 'migrations', 'helpers', 'not-yet.js'), "exports.addOnce = (qi, t, c, type) => qi.addColumn(t, c, type);\n");
    const after = await run(root);
    expect(after.stats.misses).toBe(1);
    const now = after.result.project.migrations.find((m) => m.name === before.name)!;
    expect(plain(now)).toEqual(plain((await analyzeProject(root)).project.migrations.find((m) => m.name === before.name)));
    expect(now.up.map((o) => o.op)).toEqual(['addColumn']);
    expect(before.up.map((o) => o.op)).not.toEqual(['addColumn']);
  });

  it('keeps one section per project in a shared cache folder: two projects do not overwrite each other', async () => {
    const shared = mkdtempSync(path.join(os.tmpdir(), 'migralint-cache-shared-'));
    tmpDirs.push(shared);
    const roots = [copyFixture('lms-backend'), copyFixture('custom-layout')];
    const runIn = async (root: string) => {
      const cache = new MigrationCache(root, shared, {});
      await analyzeProject(root, { store: cache });
      cache.save();
      return { ...cache.stats };
    };
    for (const root of roots) expect((await runIn(root)).hits).toBe(0);
    for (const root of roots) expect((await runIn(root)).misses).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(path.join(shared, CACHE_FILE), 'utf8')).projects)).toHaveLength(2);
  });

  it('hashes options independently of key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe(stableJson({ a: { c: null, d: [1, { e: 2, f: 1 }] }, b: 1 }));
  });
});

describe('report --cache', () => {
  it('stores the cache under node_modules/.cache/migralint of the project by default', async () => {
    const root = copyFixture('lms-backend');
    const first = await runCli(['report', root, '--format', 'json', '--cache']);
    const cacheFile = path.join(root, 'node_modules', '.cache', 'migralint', CACHE_FILE);
    expect(existsSync(cacheFile)).toBe(true);
    const mtime = statSync(cacheFile).mtimeMs;
    const second = await runCli(['report', root, '--format', 'json', '--cache']);
    expect(second).toEqual(first);
    expect(statSync(cacheFile).mtimeMs).toBe(mtime);
    const uncached = await runCli(['report', root, '--format', 'json']);
    expect(uncached).toEqual(first);
  });

  it('--cache-location puts it elsewhere (and implies --cache)', async () => {
    const root = copyFixture('lms-backend');
    const where = path.join(root, 'custom-cache');
    const r = await runCli(['report', root, '--format', 'json', '--cache-location', where]);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(where, CACHE_FILE))).toBe(true);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });
});
