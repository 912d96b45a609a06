import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { mergeRules, mergeSettings } from '../../src/config-file';
import { ignoreMatcher } from '../../src/util/ignores';
import { DROP_IN_DOWN, FIXTURES, reportJson, tmpProject } from './support';

const JSON_FIXTURE = path.join(FIXTURES, 'config-file-json');

describe('command-line options > configuration file > defaults', () => {
  it('--fail-on wins over failOn', async () => {
    // failOn: warning in the file; the findings are warnings and an error.
    expect((await reportJson([JSON_FIXTURE])).code).toBe(1);
    expect((await reportJson([JSON_FIXTURE, '--fail-on', 'never'])).code).toBe(0);
  });

  it('--migrations and --models win over the file', async () => {
    const dir = tmpProject({
      'migralint.config.json': '{ "migrations": "db/one", "models": "nowhere" }',
      'db/one/001-x.js': DROP_IN_DOWN,
      'db/two/001-y.js': DROP_IN_DOWN,
      'app/models/.keep': '',
    });
    const fromFile = await reportJson([dir]);
    expect(fromFile.report.project).toMatchObject({ migrationsDir: 'db/one', modelsDir: null });
    const fromFlags = await reportJson([dir, '--migrations', 'db/two', '--models', 'app/models']);
    expect(fromFlags.report.project).toMatchObject({ migrationsDir: 'db/two', modelsDir: 'app/models' });
  });

  it('the file wins over .sequelizerc, which wins over the defaults', async () => {
    const dir = tmpProject({
      '.sequelizerc': "module.exports = { 'migrations-path': 'db/rc' };\n",
      'db/rc/001-x.js': DROP_IN_DOWN,
      'db/file/001-x.js': DROP_IN_DOWN,
    });
    expect((await reportJson([dir])).report.project.migrationsDir).toBe('db/rc');
    writeFileSync(path.join(dir, 'migralint.config.json'), '{ "migrations": "db/file" }');
    expect((await reportJson([dir])).report.project.migrationsDir).toBe('db/file');
  });

  it('--no-config ignores the file; --config names another one', async () => {
    const plain = await reportJson([JSON_FIXTURE, '--no-config']);
    // No ignores: the broken legacy file is a parse error (exit 2), and require-down is off.
    // 001's down drops the table its up creates: a reversal, info by default.
    expect(plain.findings).toEqual([
      'migrations/001-create-users.js no-destructive-down info',
      'migrations/003-legacy-broken.js parse-error error',
    ]);
    expect(plain.code).toBe(2);
    const other = tmpProject({ 'ci/strict.json': '{ "failOn": "never", "ignores": ["migrations/003-*"] }' });
    const r = await reportJson([JSON_FIXTURE, '--config', path.join(other, 'ci', 'strict.json')]);
    expect(r.findings).toEqual(['migrations/001-create-users.js no-destructive-down info']);
    expect(r.code).toBe(0);
  });

  it('--config takes a package.json or a file without extension (JSON)', async () => {
    const other = tmpProject({ 'package.json': '{ "migralint": { "failOn": "never" } }', 'migralintrc': '{ "failOn": "never" }' });
    const mjs = path.join(FIXTURES, 'config-file-mjs'); // its own file says failOn: info (exit 1)
    expect((await reportJson([mjs])).code).toBe(1);
    expect((await reportJson([mjs, '--config', path.join(other, 'package.json')])).code).toBe(0);
    expect((await reportJson([mjs, '--config', path.join(other, 'migralintrc')])).code).toBe(0);
  });

  it('a relative --config is relative to the working directory', async () => {
    const r = await reportJson([JSON_FIXTURE, '--config', 'fixtures/config-file-cjs/migralint.config.cjs']);
    expect(r.stderr).toBe('');
    // The cjs file's level; without the JSON file's ignores the broken file is back (exit 2 whatever failOn says).
    expect(r.findings).toEqual(['migrations/001-create-users.js no-destructive-down warning', 'migrations/003-legacy-broken.js parse-error error']);
    expect(r.code).toBe(2);
  });
});

describe('config (the database config path)', () => {
  it('reads the database config the config file names, and warns when that file does not exist', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN, 'config/config.json': '{}', 'db/other.json': '{}' });
    const file = path.join(dir, 'migralint.config.json');
    writeFileSync(file, '{ "config": "./config/config.json" }');
    expect((await reportJson([dir])).stderr).toBe('');
    writeFileSync(file, '{ "config": "db/other.json" }');
    const used = await reportJson([dir]);
    expect(used.stderr).toBe('');
    expect(JSON.parse(used.stdout).project.configFile).toBe('db/other.json');
    writeFileSync(file, '{ "config": "db/missing.json" }');
    const r = await reportJson([dir]);
    expect(r.stderr).toBe(
      `migralint: ${file}: config "db/missing.json" does not exist: the database config was not checked\n`,
    );
    expect(r.code).toBe(1); // a warning, not an error
  });
});

describe('ignores', () => {
  it('matches files, folders (with what is inside) and globs, relative to the project root', () => {
    const ignored = ignoreMatcher(['migrations/2019*.js', 'legacy', './config/*.json', '**/*.draft.js']);
    expect(ignored('migrations/2019-01-init.js')).toBe(true);
    expect(ignored('migrations/2020-01-init.js')).toBe(false);
    expect(ignored('legacy/001-x.js')).toBe(true);
    expect(ignored('legacy/deep/001-x.js')).toBe(true);
    expect(ignored('config/config.json')).toBe(true);
    expect(ignored('migrations/003-wip.draft.js')).toBe(true);
    expect(ignored('migrations/.hidden.draft.js')).toBe(true);
    expect(ignoreMatcher([])('anything')).toBe(false);
    expect(ignoreMatcher(undefined)('anything')).toBe(false);
  });

  it('drops findings in ignored non-migration files (the database config)', async () => {
    const dir = tmpProject({
      'migrations/001-x.js': DROP_IN_DOWN,
      'config/config.json': JSON.stringify({ production: { username: 'app', password: 'hunter2', database: 'app', host: 'db', dialect: 'postgres' } }),
    });
    const before = await reportJson([dir]);
    expect(before.findings.some((f) => f.startsWith('config/config.json no-insecure-db-config'))).toBe(true);
    writeFileSync(path.join(dir, 'migralint.config.json'), '{ "ignores": ["config"] }');
    const after = await reportJson([dir]);
    expect(after.findings).toEqual(['migrations/001-x.js no-destructive-down error']);
  });
});

describe('merging a project over the top-level settings', () => {
  it('rule by rule: a level keeps inherited options, an object adds options', () => {
    const base = {
      'require-idempotency-guard': { severity: 'warning' as const, options: { lastStep: 'always', checkDown: true } },
      'require-down': 'error' as const,
      'no-model-drift': { options: { ignoreTables: ['a'] } },
    };
    expect(
      mergeRules(base, {
        'require-idempotency-guard': 'error',
        'require-down': { options: {} },
        'no-model-drift': { severity: 'off' },
        'no-swallowed-errors': 'off',
      }),
    ).toEqual({
      'require-idempotency-guard': { severity: 'error', options: { lastStep: 'always', checkDown: true } },
      'require-down': { severity: 'error', options: {} },
      'no-model-drift': { severity: 'off', options: { ignoreTables: ['a'] } },
      'no-swallowed-errors': 'off',
    });
    expect(mergeRules(base, { 'require-idempotency-guard': { options: { checkDown: false } } })!['require-idempotency-guard']).toEqual({
      severity: 'warning',
      options: { lastStep: 'always', checkDown: false },
    });
    expect(mergeRules(undefined, { 'require-down': 'on' })).toEqual({ 'require-down': 'on' });
    expect(mergeRules({ 'require-down': 'on' }, undefined)).toEqual({ 'require-down': 'on' });
  });

  it('ignores add up, other keys are replaced, name and root stay out', () => {
    expect(
      mergeSettings({ failOn: 'error', ignores: ['a/**'], models: 'models' }, { name: 'x', root: 'svc', failOn: 'warning', ignores: ['b/**'] }),
    ).toEqual({ failOn: 'warning', ignores: ['a/**', 'b/**'], models: 'models' });
  });
});

describe('postgresVersion: the project-wide setting, under a rule\'s own option', () => {
  /** An existing table gets a column with a constant default: a rewrite before PostgreSQL 11 only (no-table-rewrite). */
  const ADD_WITH_DEFAULT = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'active', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'active');
  },
};
`;
  const rewrites = async (config: unknown) => {
    const dir = tmpProject({ 'migrations/001-active.js': ADD_WITH_DEFAULT, 'migralint.config.json': JSON.stringify(config) });
    const { report } = await reportJson([dir]);
    return (report.findings as { rule: string }[]).filter((f) => f.rule === 'no-table-rewrite').length;
  };

  it('reaches the version-dependent rules; a rule option wins over it', async () => {
    expect(await rewrites({ rules: { 'no-table-rewrite': 'on' } })).toBe(0);
    expect(await rewrites({ postgresVersion: 10, rules: { 'no-table-rewrite': 'on' } })).toBe(1);
    expect(await rewrites({ postgresVersion: 10, rules: { 'no-table-rewrite': { options: { postgresVersion: 13 } } } })).toBe(0);
    expect(await rewrites({ postgresVersion: 13, rules: { 'no-table-rewrite': { options: { postgresVersion: 10 } } } })).toBe(1);
  });

  it('a project entry sets its own', () => {
    expect(mergeSettings({ postgresVersion: 16 }, { root: 'legacy', postgresVersion: 10 }).postgresVersion).toBe(10);
  });
});
