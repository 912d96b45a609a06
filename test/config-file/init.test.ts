import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { RULES } from '../../src/rules/registry';
import { copyFixture, DROP_IN_DOWN, reportJson, tmpProject } from './support';

const ALL_RULES = Object.fromEntries(RULES.map((r) => [r.id, r.meta.docs.recommended ? 'on' : 'off']));
const read = (dir: string) => readFileSync(path.join(dir, 'migralint.config.json'), 'utf8');

describe('migralint init', () => {
  it('detects a .sequelizerc layout and writes a starter config', async () => {
    const dir = copyFixture('custom-layout');
    const r = await runCli(['init', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(read(dir))).toEqual({
      migrations: 'db/migrate',
      models: 'app/models',
      config: 'db/config.json',
      framework: 'sequelize',
      dialect: 'postgres',
      failOn: 'error',
      ignores: [],
      rules: ALL_RULES,
    });
    expect(read(dir).endsWith('}\n')).toBe(true);
    const on = RULES.filter((x) => x.meta.docs.recommended).length;
    expect(r.stdout).toBe(
      [
        `Detected a Sequelize project in ${dir}:`,
        '  migrations  db/migrate (from .sequelizerc, 2 files)',
        '  models      app/models',
        '  db config   db/config.json',
        `Wrote ${path.join(dir, 'migralint.config.json')}: failOn "error", ${on} recommended rules "on", ${RULES.length - on} others "off".`,
        `Next: migralint report ${dir}`,
        '',
      ].join('\n'),
    );
    // The written configuration loads, and gives the report the defaults give.
    const withConfig = await runCli(['report', dir, '--format', 'json']);
    const without = await runCli(['report', dir, '--format', 'json', '--no-config']);
    expect(withConfig.stderr).toBe('');
    expect(withConfig.stdout).toBe(without.stdout);
    expect(withConfig.code).toBe(without.code);
  });

  it('the default layout, without models or database config', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN });
    const r = await runCli(['init', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(read(dir))).toMatchObject({ migrations: 'migrations', failOn: 'error' });
    expect(JSON.parse(read(dir))).not.toHaveProperty('models');
    expect(r.stdout).toContain('  migrations  migrations (default folder, 1 file)\n  models      (none found)\n  db config   (none found)\n');
  });

  it('refuses to overwrite unless --force', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN });
    writeFileSync(path.join(dir, 'migralint.config.json'), '{ "failOn": "never" }\n');
    const r = await runCli(['init', dir]);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `migralint: ${path.join(dir, 'migralint.config.json')} already exists: pass --force to overwrite it\n` });
    expect(read(dir)).toBe('{ "failOn": "never" }\n');
    const forced = await runCli(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(read(dir)).failOn).toBe('error');
  });

  it('refuses, even with --force, when another file configures migralint', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN, 'package.json': JSON.stringify({ name: 'x', migralint: {} }) });
    const r = await runCli(['init', dir, '--force']);
    expect(r).toMatchObject({
      code: 2,
      stderr: `migralint: ${path.join(dir, 'package.json')} (its "migralint" key) already configures migralint: edit it, or remove it before running init\n`,
    });
  });

  it('--migrations and --models name the layout', async () => {
    const dir = tmpProject({ 'sql/up/001-x.js': DROP_IN_DOWN, 'src/db/models/user.js': '' });
    const r = await runCli(['init', dir, '--migrations', 'sql/up', '--models', 'src/db/models']);
    expect(r.code).toBe(0);
    expect(JSON.parse(read(dir))).toMatchObject({ migrations: 'sql/up', models: 'src/db/models' });
    expect(r.stdout).toContain('sql/up (from --migrations, 1 file)');
    const missing = await runCli(['init', tmpProject(), '--migrations', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^migralint: migrations folder not found: .*nope\n$/);
  });

  it('writes projects for a monorepo, and report uses them', async () => {
    const dir = copyFixture('config-file-monorepo');
    rmSync(path.join(dir, 'migralint.config.json'));
    // billing keeps its migrations in db/migrations: a .sequelizerc says so.
    writeFileSync(path.join(dir, 'services/billing/.sequelizerc'), "module.exports = { 'migrations-path': 'db/migrations' };\n");
    const r = await runCli(['init', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const config = JSON.parse(read(dir));
    expect(config).toMatchObject({ framework: 'sequelize', dialect: 'postgres', failOn: 'error', rules: ALL_RULES });
    expect(config).not.toHaveProperty('migrations');
    expect(config.projects).toEqual([
      { name: 'services-api', root: 'services/api', migrations: 'migrations' },
      { name: 'services-billing', root: 'services/billing', migrations: 'db/migrations' },
    ]);
    expect(r.stdout).toContain(`Detected 2 Sequelize projects under ${dir}:\n  services-api (services/api)\n    migrations  migrations (default folder, 3 files)\n`);
    const report = await runCli(['report', dir, '-f', 'text']);
    expect(report.stderr).toContain('migralint: project services-billing');
    // The broken files are not ignored by the starter config: parse errors, exit 2.
    expect(report.code).toBe(2);
  });

  it('says so when there is no migrations folder anywhere', async () => {
    const dir = tmpProject({ 'README.md': 'nothing here' });
    const r = await runCli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migralint: no migrations folder in .* or below \(no \.sequelizerc, no migrations\/\): pass --migrations <dir>\n$/);
  });

  it('has its own help and is listed', async () => {
    expect((await runCli(['init', '--help'])).stdout).toMatch(/^Usage: migralint init \[dir\]/);
    expect((await runCli(['--help'])).stdout).toMatch(/migralint init +Detect the layout/);
    const bad = await runCli(['init', 'a', 'b']);
    expect(bad).toMatchObject({ code: 2, stderr: 'migralint: init takes one directory, got 2: a b\n' });
  });

  it('a JSON config from init reports like the same settings given by hand', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN });
    await runCli(['init', dir]);
    expect((await reportJson([dir])).findings).toEqual(['migrations/001-x.js no-destructive-down error']);
  });
});
