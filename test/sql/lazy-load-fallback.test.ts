/**
 * A process that also hosts the ESLint plugin has the worker fallback on
 * (src/eslint/index.ts): `analyzeProject` must still load the PostgreSQL
 * parser in its own thread and never send SQL through the worker, which is
 * slow and, on a busy machine, can time out.
 */
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { enableSynchronousFallback, isSqlParserLoaded, synchronousFallbackRequests } from '../../src/sql/pg-parser';

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('analyzeProject with the fallback enabled: the parser loads here, no request goes to the worker', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'migralint-sql-fallback-')));
  tmpDirs.push(root);
  fs.mkdirSync(path.join(root, 'migrations'));
  fs.writeFileSync(path.join(root, 'migrations', '20240101000000-drop.js'), "module.exports = { up: (qi) => qi.sequelize.query('ALTER TABLE users DROP COLUMN legacy'), down: async () => {} };\n");
  enableSynchronousFallback();
  expect(isSqlParserLoaded()).toBe(false);
  const result = await analyzeProject(root);
  expect(result.project.migrations[0]!.up.map((o) => o.op)).toEqual(['removeColumn']);
  expect(isSqlParserLoaded()).toBe(true);
  expect(synchronousFallbackRequests()).toBe(0);
});
