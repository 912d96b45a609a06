/** Each distinct SQL text of a project is parsed once, however many migrations (or scripts) repeat it. */
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { sqlParseCount } from '../../src/sql/pg-parser';

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const migration = (sql: string) => `module.exports = { up: (qi) => qi.sequelize.query(${JSON.stringify(sql)}), down: async () => {} };\n`;

it('a project repeating one statement in five migrations parses it once, the other text once', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'migralint-sql-once-')));
  tmpDirs.push(root);
  fs.mkdirSync(path.join(root, 'migrations'));
  const backfill = 'UPDATE users SET active = true WHERE active IS NULL /* parse-once test */';
  for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(root, 'migrations', `2024010${i}000000-backfill.js`), migration(backfill));
  fs.writeFileSync(path.join(root, 'migrations', '20240106000000-drop.js'), migration('ALTER TABLE users DROP COLUMN legacy /* parse-once test */'));
  const before = sqlParseCount();
  const result = await analyzeProject(root);
  expect(result.project.migrations.map((m) => m.up.map((o) => o.op))).toEqual([...Array(5).fill(['update']), ['removeColumn']]);
  expect(sqlParseCount() - before).toBe(2);
});
