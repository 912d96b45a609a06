/**
 * The editor's project index reads the surroundings (models, database config, npm scripts) once, and again only
 * when one of the files they rest on changed: a lint after a pause (a full sweep) re-reads no unchanged model.
 * Time is the injected clock of the sweeps; reads are counted through an injected fs. No test sleeps.
 */
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { discoverLayouts } from '../../src/discovery';
import { ProjectIndex } from '../../src/eslint/project-index';
import { loadSqlParser } from '../../src/sql/pg-parser';

beforeAll(() => loadSqlParser());

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * node's fs, counting the files read by path, and showing every file an hour older than it is: files written by
 * the test a moment ago would otherwise be checked by content (a change in the same clock tick as the index's
 * read would not show in their mtime), which reads them.
 */
function countingFs(): { fs: typeof fs; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const aged = (st: fs.Stats | undefined) =>
    st && (Object.assign(Object.create(Object.getPrototypeOf(st) as object) as fs.Stats, st, { mtimeMs: st.mtimeMs - 3_600_000, ctimeMs: st.ctimeMs - 3_600_000 }) as fs.Stats);
  const statSync = ((p: fs.PathLike, o?: fs.StatSyncOptions) => aged(fs.statSync(p, o) as fs.Stats | undefined)) as typeof fs.statSync;
  // The replay of disk answers lstats each path (src/gate/disk-record.ts): aged the same way.
  const lstatSync = ((p: fs.PathLike, o?: fs.StatSyncOptions) => aged(fs.lstatSync(p, o) as fs.Stats | undefined)) as typeof fs.lstatSync;
  const readFileSync = ((p: fs.PathOrFileDescriptor, o?: unknown) => {
    reads.set(String(p), (reads.get(String(p)) ?? 0) + 1);
    return fs.readFileSync(p, o as never);
  }) as typeof fs.readFileSync;
  return { fs: { ...fs, readFileSync, statSync, lstatSync }, reads };
}

describe('ProjectIndex surroundings', () => {
  it('a full sweep re-reads no unchanged model, config or package.json; a changed model is read again', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'migralint-index-around-'));
    tmpDirs.push(root);
    fs.cpSync(path.join(REPO, 'fixtures', 'lms-backend'), root, { recursive: true });
    const [info] = discoverLayouts(root);
    const counting = countingFs();
    const index = new ProjectIndex(info!, undefined, undefined, counting.fs);
    try {
      const model = path.join(root, 'models', 'User.js');
      const surroundings = ['models/User.js', 'models/Course.js', 'config/database.js', 'package.json'].map((f) => path.join(root, f));
      const first = index.project(1_000);
      for (const f of surroundings) expect(counting.reads.get(f), f).toBe(1);
      const modelsBefore = first.models;

      // A pause: each lint after it is a full sweep.
      const later = index.project(60_000);
      const again = index.project(120_000);
      for (const f of surroundings) expect(counting.reads.get(f), f).toBe(1);
      expect(later.models).toBe(modelsBefore);
      expect(again.models).toBe(modelsBefore);
      expect(again.scripts).toBe(first.scripts);
      expect(again.dbConfig).toBe(first.dbConfig);

      // A model saved with new content: read again at the next sweep, the others not.
      fs.writeFileSync(model, fs.readFileSync(model, 'utf8').replace('allowNull: false', 'allowNull: true'));
      const changed = index.project(180_000);
      expect(counting.reads.get(model)).toBeGreaterThan(1);
      expect(changed.models).not.toBe(modelsBefore);
      expect(changed.models).toEqual(new ProjectIndex(info!).project(0).models);
      const reads = new Map(counting.reads);
      index.project(240_000);
      expect(counting.reads).toEqual(reads);
    } finally {
      index.dispose();
    }
  });
});
