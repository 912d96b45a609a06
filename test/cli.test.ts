import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/extract';
import { runBin, runCli } from './helpers/cli';
import { exitCode } from '../src/cli/io';
import type { Finding } from '../src/model';

const LMS = path.join(REPO, 'fixtures', 'lms-backend');
const BROKEN = path.join(REPO, 'fixtures', 'broken-project');
const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-${prefix}-`));
  tmpDirs.push(d);
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migralint report --format json on fixtures/lms-backend', () => {
  it('lists all 31 migrations in runner order with their operations', async () => {
    const { code, stdout, stderr } = await runCli(['report', LMS, '--format', 'json']);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('migralint');
    expect(report.project).toMatchObject({ framework: 'sequelize', migrationsDir: 'migrations', modelsDir: 'models', configFile: 'config/database.js' });
    const names: string[] = report.migrations.map((m: { name: string }) => m.name);
    expect(names).toHaveLength(31);
    // Runner order is the plain string sort: both 009 files, then 010; timestamps last.
    expect(names.slice(7, 11)).toEqual([
      '008-add-chapter-content-fields.js',
      '009-create-chapter-progress.js',
      '009-update-chapters-for-urls.js',
      '010-fix-chapter-schema.js',
    ]);
    expect(names[30]).toBe('20241201000003-create-chat-tables.js');
    expect(report.migrations.map((m: { index: number }) => m.index)).toEqual([...Array(31).keys()]);
    expect(report.migrations.every((m: { status: string }) => m.status === 'ok')).toBe(true);

    const m031 = report.migrations.find((m: { name: string }) => m.name === '031-add-profile-fields-to-users.js');
    expect(m031.file).toBe('migrations/031-add-profile-fields-to-users.js');
    const brief = (ops: { op: string; target: { table: string; column: string } }[]) => ops.map((o) => `${o.op} ${o.target.table}.${o.target.column}`);
    expect(brief(m031.up)).toEqual(['addColumn users.bio', 'addColumn users.phone', 'addColumn users.location']);
    expect(brief(m031.down)).toEqual(['removeColumn users.bio', 'removeColumn users.phone', 'removeColumn users.location']);
    // The location is the call itself (after `await `), the narrowest one.
    expect(m031.down[0]).toMatchObject({ guarded: false, inTransaction: false, line: 21, column: 11 });
    expect(m031.downBehaviour).toBe('reverts');

    const m001 = report.migrations[0];
    expect(m001.downBehaviour).toBe('empty');
    expect(m001.up.map((o: { op: string; guard: { kind: string } | null }) => [o.op, o.guard?.kind])).toEqual([
      ['createTable', 'catch-expected'],
      ['addIndex', 'catch-expected'],
      ['addIndex', 'catch-expected'],
    ]);
    // 1 error from the model field no migration adds (models/User.js): exit 1. The hard-coded password of `test`,
    // whose host falls back to 127.0.0.1 (a developer's or CI's database), is info.
    expect(report.summary).toMatchObject({ migrations: 31, errors: 1, verdict: 'unsafe' });
    expect(report.findings.filter((f: Finding) => f.severity === 'error').map((f: Finding) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['models/User.js:89 no-model-drift']);
    expect(report.findings.find((f: Finding) => f.file === 'config/database.js' && f.line === 21)).toMatchObject({ rule: 'no-insecure-db-config', severity: 'info' });
    // 031's down drops only the three columns its up adds: a routine reversal, info, not an error.
    expect(
      report.findings
        .filter((f: Finding) => f.rule === 'no-destructive-down')
        .map((f: Finding) => `${f.file}:${f.line} ${f.severity} ${f.messageId}`),
    ).toEqual([
      'migrations/031-add-profile-fields-to-users.js:21 info reversal',
      'migrations/031-add-profile-fields-to-users.js:22 info reversal',
      'migrations/031-add-profile-fields-to-users.js:23 info reversal',
    ]);
    // The report names the runner it detected.
    expect(report.project.runner).toMatchObject({ kind: 'sequelize-cli' });
    expect(code).toBe(1);
  });

  it('is deterministic: two runs give byte-identical output', async () => {
    const a = await runCli(['report', LMS, '--format', 'json']);
    const b = await runCli(['report', LMS, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads the migrations folder from .sequelizerc without executing it', async () => {
    const { stdout } = await runCli(['report', path.join(REPO, 'fixtures', 'custom-layout'), '--format', 'json']);
    const report = JSON.parse(stdout);
    expect(report.project).toMatchObject({ migrationsDir: 'db/migrate', modelsDir: 'app/models', configFile: 'db/config.json' });
    expect(report.migrations.map((m: { name: string }) => m.name)).toEqual([
      '20230101120000-create-customers.js',
      '20230105093000-create-invoices.ts',
    ]);
    expect(report.migrations[1].up[0]).toMatchObject({ op: 'createTable', target: { table: 'invoices' } });
  });
});

describe('bad input gives findings and exit code 2, never a crash', () => {
  it('reports the parse error with line and column and still analyzes the other files', async () => {
    const { code, stdout } = await runCli(['report', BROKEN, '--format', 'json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    const files = report.migrations.map((m: { name: string }) => m.name);
    // .d.ts and .md files are not loaded by the runner: not listed. Helpers and commented-out files are.
    expect(files).toEqual(['001-create-posts.js', '002-add-slug.js', '003-add-published-at.js', '004-old-backfill.js', 'db-helpers.js']);
    const parseError = report.findings.find((f: Finding) => f.rule === 'parse-error');
    expect(parseError).toMatchObject({ file: 'migrations/002-add-slug.js', line: 8, column: 5, severity: 'error' });
    expect(report.migrations[2].up[0]).toMatchObject({ op: 'addColumn', target: { table: 'posts', column: 'published_at' } });
    const notMigrations = report.findings.filter((f: Finding) => f.rule === 'valid-migration-file').map((f: Finding) => f.file);
    expect(notMigrations).toEqual(['migrations/004-old-backfill.js', 'migrations/db-helpers.js']);
    expect(report.migrations[4].notMigrationReason).toBe('the file exports `columnExists` but no `up` function');
    expect(report.migrations[3].notMigrationReason).toBe('the file contains no code (commented out?)');
  });

  it('prints the same findings as text with file:line:col', async () => {
    const { code, stdout } = await runCli(['report', BROKEN, '--format', 'text']);
    expect(code).toBe(2);
    expect(stdout).toContain('migrations/002-add-slug.js:8:5  error    parse-error  002-add-slug.js does not parse:');
    expect(stdout).toContain('migrations/db-helpers.js:1:1  error    valid-migration-file');
    expect(stdout).not.toContain('\u001b[');
  });

  it('colors text output on a TTY only', async () => {
    const tty = await runCli(['report', BROKEN, '--format', 'text'], { isTTY: true });
    expect(tty.stdout).toContain('\u001b[31m');
    const forcedOff = await runCli(['report', BROKEN, '--format', 'text', '--no-color'], { isTTY: true });
    expect(forcedOff.stdout).not.toContain('\u001b[');
  });

  it('gives a one-line error for a missing directory', async () => {
    const { code, stdout, stderr } = await runCli(['report', path.join(REPO, 'fixtures', 'does-not-exist')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^migralint: no such directory: .*does-not-exist\n$/);
  });

  it('gives a one-line error when there is no migrations folder', async () => {
    const dir = tmp('empty');
    const { code, stderr } = await runCli(['report', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^migralint: migrations folder not found: .* \(no \.sequelizerc with migrations-path, no runner in package\.json scripts or the sources, and no folder of files that export `up`; pass --migrations <dir>\)\n$/);
  });

  it('reports an unreadable file (a dangling symlink the runner would list) and exits 2', async () => {
    const dir = tmp('unreadable-dir');
    cpSync(path.join(REPO, 'fixtures', 'custom-layout'), dir, { recursive: true });
    // fast-glob lists files only; a broken symlink is a file entry that cannot be read.
    const { symlinkSync } = await import('node:fs');
    symlinkSync(path.join(dir, 'nowhere.js'), path.join(dir, 'db', 'migrate', '20230201000000-dangling.js'));
    const { code, stdout, stderr } = await runCli(['report', dir, '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe('migralint: db/migrate/20230201000000-dangling.js: 20230201000000-dangling.js: cannot read file (ENOENT).\n');
    const report = JSON.parse(stdout);
    // The invoices down drops its table (a rule finding); the dangling file is a read-error. (db/config.json has no
    // `logging` key, but only sequelize-cli reads it, and its logMigrator prints no SQL: no-insecure-db-config is silent.)
    expect(report.findings.map((f: Finding) => f.rule)).toEqual(['no-destructive-down', 'read-error']);
    expect(report.migrations.filter((m: { status: string }) => m.status === 'ok')).toHaveLength(2);
  });

  it('rejects unknown commands, formats, options and levels with usage errors', async () => {
    expect((await runCli(['lint'])).code).toBe(2);
    expect((await runCli(['report', LMS, '--format', 'xml'])).stderr).toBe(
      "migralint: unknown format 'xml' (expected one of: markdown, json, text, sarif, github, gitlab)\n",
    );
    expect((await runCli(['report', LMS, '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await runCli(['report', '--bogus'])).stderr).toMatch(/^migralint: Unknown option '--bogus'/);
    expect((await runCli([])).code).toBe(2);
  });

  it.each([
    [['report', '--fial-on', 'error'], "migralint: Unknown option '--fial-on'. Did you mean '--fail-on'?\nRun 'migralint report --help' for usage.\n"],
    [['report', '--formt=json'], "migralint: Unknown option '--formt'. Did you mean '--format'?\nRun 'migralint report --help' for usage.\n"],
    [['comment', '--dryrun'], "migralint: Unknown option '--dryrun'. Did you mean '--dry-run'?\nRun 'migralint comment --help' for usage.\n"],
    [['baseline', '--baseline-fle', 'x'], "migralint: Unknown option '--baseline-fle'. Did you mean '--baseline-file'?\nRun 'migralint baseline --help' for usage.\n"],
    [['report', '--bogus'], "migralint: Unknown option '--bogus'.\nRun 'migralint report --help' for usage.\n"],
    [['reprot'], "migralint: unknown command 'reprot'. Did you mean 'report'? Run 'migralint --help' for usage.\n"],
    [['lint'], "migralint: unknown command 'lint'. Run 'migralint --help' for usage.\n"],
    [['--verison'], "migralint: Unknown option '--verison'. Did you mean '--version'? Run 'migralint --help' for usage.\n"],
  ])('%j: a usage error that names the closest flag or command', async (args, stderr) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
  });

  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, false, false],
  ])('text colors with env %j on a terminal=%s: %s', async (env, isTTY, colored) => {
    const r = await runCli(['report', LMS, '--format', 'text', '--fail-on', 'never'], { isTTY, env });
    expect(r.code).toBe(0);
    expect(r.stdout.includes('\u001b[')).toBe(colored);
  });

  it('--color and --no-color win over NO_COLOR and FORCE_COLOR', async () => {
    const on = await runCli(['report', LMS, '--format', 'text', '--fail-on', 'never', '--color'], { env: { NO_COLOR: '1' } });
    expect(on.stdout).toContain('\u001b[');
    const off = await runCli(['report', LMS, '--format', 'text', '--fail-on', 'never', '--no-color'], { isTTY: true, env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toContain('\u001b[');
  });

  it('prints help and version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/migralint report \[dir\] (\[files\.\.\.\] )?\[options\]/);
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect((await runCli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('writes --output atomically and prints nothing on stdout', async () => {
    const dir = tmp('out');
    const out = path.join(dir, 'report.json');
    const { code, stdout } = await runCli(['report', LMS, '--format', 'json', '--output', out, '--fail-on', 'never']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).migrations).toHaveLength(31);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

describe('projects migralint does not read', () => {
  it('a TypeORM or Knex project (no Sequelize in package.json): exit 2, one line naming the tool; "framework": "sequelize" analyzes it all the same', async () => {
    const dir = tmp('typeorm');
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', dependencies: { typeorm: '0.3.20', pg: '8.11.0' } }));
    writeFileSync(
      path.join(dir, 'migrations', '1700000000000-AddBio.ts'),
      'export class AddBio1700000000000 {\n  async up(queryRunner) {\n    await queryRunner.query(`ALTER TABLE "user" ADD "bio" text`);\n  }\n  async down(queryRunner) {\n    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "bio"`);\n  }\n}\n',
    );
    const refused = await runCli(['report', dir, '--format', 'text']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `migralint: ${path.relative(process.cwd(), dir)} is a TypeORM project (package.json: "typeorm": "0.3.20"), with no Sequelize in its dependencies: migralint reads Sequelize migrations only, so it analyzed nothing rather than report TypeORM's files as broken Sequelize migrations. Set "framework": "sequelize" in migralint.config.json to analyze them all the same.\n`,
    );
    writeFileSync(path.join(dir, 'migralint.config.json'), JSON.stringify({ framework: 'sequelize' }));
    const insisted = await runCli(['report', dir, '--format', 'json']);
    expect(JSON.parse(insisted.stdout).migrations).toHaveLength(1);

    // Knex beside Sequelize: a Sequelize project that also has Knex is read as usual.
    const both = tmp('knex-and-sequelize');
    mkdirSync(path.join(both, 'migrations'));
    writeFileSync(path.join(both, 'package.json'), JSON.stringify({ dependencies: { knex: '3.1.0' }, devDependencies: { 'sequelize-cli': '6.6.2' } }));
    writeFileSync(path.join(both, 'migrations', '20240101000000-a.js'), "module.exports = { up: async (qi, S) => { await qi.addColumn('users', 'bio', { type: S.TEXT }); }, down: async () => {} };\n");
    expect((await runCli(['report', both, '--format', 'text'])).code).toBe(0);
  });

  it.each([
    { name: 'knex-migrate alone in package.json', files: { 'package.json': JSON.stringify({ name: '@trails/migrate', dependencies: { '@trails/models': '*', 'knex-migrate': '1.6.1' } }) }, because: '(package.json: "knex-migrate": "1.6.1")' },
    { name: 'a workspace package that declares only its siblings, with a knexfile.js (hold-out 77)', files: { 'package.json': JSON.stringify({ name: '@trails/migrate', scripts: { 'migrate:latest': 'npm run knex -- migrate:latest' }, dependencies: { '@trails/db-utils': '*' } }), 'knexfile.js': "module.exports = { production: { client: 'pg', migrations: { directory: './migrations' } } };\n" }, because: '(knexfile.js: the configuration file of the knex CLI)' },
    { name: 'a knexfile.js beside sequelize-cli: a Sequelize project, read', files: { 'package.json': JSON.stringify({ devDependencies: { 'sequelize-cli': '6.6.2' } }), 'knexfile.js': "module.exports = { client: 'pg' };\n" }, because: null },
  ])('Knex migrations, by what says so: $name', async ({ files, because }) => {
    const dir = tmp('knex-shapes');
    mkdirSync(path.join(dir, 'migrations'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    writeFileSync(path.join(dir, 'migrations', '20180518053657_initial.js'), "exports.up = async (knex) => { await knex.schema.createTable('trails', (t) => { t.uuid('id').primary(); }); };\nexports.down = async (knex) => { await knex.schema.dropTable('trails'); };\n");
    const run = await runCli(['report', dir, '--format', 'text', '--fail-on', 'never']);
    if (because === null) expect(run.code).toBe(0);
    else {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`is a Knex project ${because}, with no Sequelize in its dependencies`);
    }
  });

  // Hold-out 86: umzug hands its migrations a better-sqlite3 `Database`; nothing there is Sequelize's queryInterface.
  it.each([
    { name: 'umzug with better-sqlite3, migrations calling db.exec: refused, naming the client', deps: { umzug: '^3.8.2', 'better-sqlite3': '^11.0.0' }, migration: "export const up = async (db) => { db.exec('ALTER TABLE domains RENAME COLUMN is_checked TO available'); };\nexport const down = async (db) => { db.exec('ALTER TABLE domains RENAME COLUMN available TO is_checked'); };\n", refused: '(package.json: "umzug" with "better-sqlite3", and no migration that names Sequelize)' },
    { name: 'umzug alone whose migrations use the queryInterface (Sequelize from a workspace root): read', deps: { umzug: '^3.8.2' }, migration: "module.exports = { up: async ({ context: queryInterface }) => { await queryInterface.addColumn('domains', 'available', { type: 'BOOLEAN' }); }, down: async () => {} };\n", refused: null },
    { name: 'umzug beside sequelize: read', deps: { umzug: '^3.8.2', sequelize: '^6.0.0', pg: '^8.0.0' }, migration: "export const up = async (db) => { await db.query('SELECT 1'); };\nexport const down = async () => {};\n", refused: null },
  ])('$name', async ({ deps, migration, refused }) => {
    const dir = tmp('umzug-other-client');
    mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'checker', dependencies: deps }));
    writeFileSync(path.join(dir, 'src', 'umzug.js'), "const { Umzug } = require('umzug');\nmodule.exports = new Umzug({ migrations: { glob: ['migrations/*.js', { cwd: __dirname }] }, context: {}, logger: console });\n");
    writeFileSync(path.join(dir, 'src', 'migrations', '20250212161820-create.js'), migration);
    const run = await runCli(['report', dir, '--format', 'text', '--fail-on', 'never']);
    if (refused === null) expect(run.code).toBe(0);
    else {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`is an umzug project ${refused}, with no Sequelize in its dependencies`);
    }
  });

  // Hold-out 89: Sequelize as the ORM, db-migrate (or Knex) for the migrations.
  const DB_MIGRATE = "'use strict';\nvar dbm;\nexports.setup = function (options, seedLink) {\n  dbm = options.dbmigrate;\n};\nexports.up = function (db) {\n  return db.runSql('CREATE TABLE answers (id serial)');\n};\nexports.down = function (db) {\n  return db.runSql('DROP TABLE answers');\n};\n";
  it.each([
    { name: 'sequelize beside db-migrate, migrations of db-migrate: refused, saying Sequelize is only the ORM', deps: { sequelize: '^4.28.6', 'db-migrate': '^0.10.5', 'db-migrate-pg': '^0.3.1' }, migration: DB_MIGRATE, refused: 'is a db-migrate project (package.json: "db-migrate", and no migration that names Sequelize), which uses Sequelize as its ORM but db-migrate for its migrations' },
    { name: 'sequelize beside knex, migrations of Sequelize: read', deps: { sequelize: '^6.0.0', knex: '^3.0.0', pg: '^8.0.0' }, migration: "module.exports = { up: async (queryInterface, Sequelize) => { await queryInterface.addColumn('answers', 'note', { type: Sequelize.STRING }); }, down: async () => {} };\n", refused: null },
  ])('$name', async ({ deps, migration, refused }) => {
    const dir = tmp('orm-and-other-migrations');
    mkdirSync(path.join(dir, 'migrations'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ugrow', dependencies: deps }));
    writeFileSync(path.join(dir, 'migrations', '20180318181948-answers.js'), migration);
    const run = await runCli(['report', dir, '--format', 'text', '--fail-on', 'never']);
    if (refused === null) expect(run.code).toBe(0);
    else {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(refused);
    }
  });

  it('a migrations folder with no file the runner loads (plain-SQL migrations): the verdict comes with a note on stderr', async () => {
    const dir = tmp('sql-only');
    mkdirSync(path.join(dir, 'migrations', '2024-01-01-000000_create_users'), { recursive: true });
    writeFileSync(path.join(dir, 'migrations', '2024-01-01-000000_create_users', 'up.sql'), 'CREATE TABLE users (id serial PRIMARY KEY);\n');
    const { code, stdout, stderr } = await runCli(['report', dir, '--format', 'text']);
    expect(code).toBe(0);
    expect(stdout).toContain('0 migrations analyzed');
    expect(stderr).toBe('migralint: no migration in migrations (the runner loads .js, .cjs, .mjs, .ts, .cts, .mts files): nothing was analyzed; pass --migrations <dir> if they are elsewhere\n');
  });
});

describe('several outputs in one run', () => {
  it('writes each format to its file, and one to stdout', async () => {
    const dir = tmp('multi');
    const json = path.join(dir, 'report.json');
    const text = path.join(dir, 'report.txt');
    const r = await runCli(['report', LMS, '--format', `json=${json}`, '--format', `text=${text}`, '--format', 'markdown', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Migration safety report/);
    expect(JSON.parse(readFileSync(json, 'utf8')).migrations).toHaveLength(31);
    expect(readFileSync(text, 'utf8')).toContain('31 migrations analyzed');
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.txt']);
  });

  it('refuses two formats on stdout, an empty file name, and --output with several stdout formats', async () => {
    expect((await runCli(['report', LMS, '--format', 'json', '--format', 'text'])).stderr).toBe(
      'migralint: only one format can go to stdout: give the others a file (--format sarif=results.sarif)\n',
    );
    expect((await runCli(['report', LMS, '--format', 'json='])).code).toBe(2);
    expect((await runCli(['report', LMS, '--format', 'json=a.json', '--output', 'b.md'])).stderr).toBe(
      'migralint: --output needs exactly one --format without a file\n',
    );
  });

  it('each command has its own --help', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: migralint report \[dir\]/);
  });
});

describe('exit codes', () => {
  const f = (rule: string, severity: Finding['severity']): Finding => ({ rule, severity, file: 'm.js', line: 1, column: 1, message: '' });
  it.each([
    { findings: [], failOn: 'error', code: 0 },
    { findings: [f('x', 'warning')], failOn: 'error', code: 0 },
    { findings: [f('x', 'warning')], failOn: 'warning', code: 1 },
    { findings: [f('x', 'info')], failOn: 'warning', code: 0 },
    { findings: [f('x', 'info')], failOn: 'info', code: 1 },
    { findings: [f('x', 'error')], failOn: 'never', code: 0 },
    { findings: [f('x', 'error')], failOn: 'error', code: 1 },
    { findings: [f('parse-error', 'error')], failOn: 'never', code: 2 },
    { findings: [f('read-error', 'error'), f('x', 'error')], failOn: 'error', code: 2 },
  ] as const)('$failOn with $findings.length findings -> $code', ({ findings, failOn, code }) => {
    expect(exitCode([...findings], failOn)).toBe(code);
  });
});

describe('the promise: no analyzed file is executed, required or imported', () => {
  it('leaves no trace when analyzing a project whose every file writes one when run', () => {
    const dir = tmp('noexec');
    cpSync(path.join(REPO, 'fixtures', 'no-exec'), dir, { recursive: true });
    const trap = tmp('trap');
    // Through the real binary, as a user runs it, with every format.
    for (const format of ['markdown', 'json', 'text']) {
      const r = runBin(['report', dir, '--format', format], { cwd: dir, env: { MIGRALINT_TRAP_DIR: trap } });
      expect(r.stderr).toBe('');
      // Its downs drop only the table and the column its ups create: reversals (info) are reported, and
      // with no error the exit code is 0; never a crash.
      expect(r.stdout).toContain('no-destructive-down');
      expect(r.code).toBe(0);
    }
    expect(readdirSync(trap)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('EXECUTED'))).toEqual([]);
    expect(existsSync(path.join(dir, 'migrations', 'EXECUTED-migration-top-level'))).toBe(false);
  });

  it('the trap works: requiring the fixture does write the trace (so the test above can fail)', () => {
    const dir = tmp('trapcheck');
    cpSync(path.join(REPO, 'fixtures', 'no-exec'), dir, { recursive: true });
    const trap = tmp('trap2');
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(dir, 'migrations', '20240101000000-create-audit.js'))})`], {
      env: { ...process.env, MIGRALINT_TRAP_DIR: trap },
    });
    expect(readdirSync(trap)).toEqual(['EXECUTED-migration-top-level']);
  });

  it('follows the relative helper statically', async () => {
    const { stdout } = await runCli(['report', path.join(REPO, 'fixtures', 'no-exec'), '--format', 'json']);
    const report = JSON.parse(stdout);
    const m = report.migrations.find((x: { name: string }) => x.name === '20240102000000-import-helper.js');
    expect(m.up.map((o: { op: string; target: { table: string; column: string | null }; guard: { kind: string } | null; line: number; via?: string }) => [o.op, o.target.table, o.target.column, o.guard?.kind ?? null, o.line, o.via])).toEqual([
      ['describeTable', 'audit_events', null, null, 7, 'migrations/helpers/add-column-once.js:7'],
      ['addColumn', 'audit_events', 'actor_id', 'existence-check', 7, 'migrations/helpers/add-column-once.js:7'],
    ]);
  });
});

describe('the built binary', () => {
  it('runs report on the example project', () => {
    const r = runBin(['report', 'fixtures/lms-backend', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).migrations).toHaveLength(31);
  });

  it('writes the Markdown safety report by default, and --fail-on decides the exit code', () => {
    const r = runBin(['report', 'fixtures/lms-backend', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# /);
    expect(r.stdout).toContain('Data Safety Verdict');
    expect(runBin(['report', 'fixtures/lms-backend', '--fail-on', 'warning']).code).toBe(1);
  });

  it('sets the exit code without a stack trace on bad input', () => {
    const r = runBin(['report', 'fixtures/broken-project']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });
});


describe('Markdown links to file:line', () => {
  const firstLink = (md: string) => /\[`models\/User\.js:89`\]\(([^)]+)\)/.exec(md)?.[1];

  it('relative to where the report is read: stdout from the working directory, a file from its folder', async () => {
    const stdout = await runCli(['report', LMS, '--fail-on', 'never']);
    expect(firstLink(stdout.stdout)).toBe(`${path.relative(process.cwd(), LMS).split(path.sep).join('/')}/models/User.js#L89`);
    const out = path.join(tmp('links'), 'reports', 'safety.md');
    mkdirSync(path.dirname(out));
    const toFile = await runCli(['report', LMS, '--fail-on', 'never', '-o', out]);
    expect(toFile.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    const href = firstLink(md)!;
    expect(path.resolve(path.dirname(out), href.replace(/#L89$/, ''))).toBe(path.join(LMS, 'models', 'User.js'));
  });

  it("in GitHub Actions: the pull request head commit's blob, under the project's path in the repository", async () => {
    const dir = tmp('event');
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc1234def5678' } } }));
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'ffff000', GITHUB_EVENT_PATH: event, GITHUB_WORKSPACE: REPO };
    const r = await runCli(['report', LMS, '--fail-on', 'never'], { env });
    expect(firstLink(r.stdout)).toBe('https://github.com/acme/shop/blob/abc1234def5678/fixtures/lms-backend/models/User.js#L89');
    const push = await runCli(['report', LMS, '--fail-on', 'never'], { env: { ...env, GITHUB_EVENT_PATH: '' } });
    expect(firstLink(push.stdout)).toBe('https://github.com/acme/shop/blob/ffff000/fixtures/lms-backend/models/User.js#L89');
  });

  it('a long report opens with a table of contents whose anchors are its headings', async () => {
    const { stdout } = await runCli(['report', LMS, '--fail-on', 'never']);
    const toc = stdout.split('\n').find((l) => l.startsWith('**Contents:**'))!;
    const anchors = [...toc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    const headings = stdout.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-'));
    expect(anchors).toEqual(headings);
    expect(toc).toContain('[Findings (14)](#findings)');
  });
});
