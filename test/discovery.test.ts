import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRunOrder, discoverLayout, discoverLayouts, listMigrationFiles, UsageError } from '../src/discovery';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-disc-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
    else writeFileSync(abs, content);
  }
  return root;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('run order', () => {
  it('is the plain string sort of file names, as sequelize-cli does', () => {
    const names = ['20-y.js', '100-x.js', '009-b.js', '009-a.js', 'Z.js', 'a.js', '20241201000000-t.js', '037-s.js'];
    expect([...names].sort(compareRunOrder)).toEqual(['009-a.js', '009-b.js', '037-s.js', '100-x.js', '20-y.js', '20241201000000-t.js', 'Z.js', 'a.js']);
  });

  it('is not locale-aware', () => {
    // localeCompare would put 'a' before 'B'; the runner's sort does not.
    expect(['a.js', 'B.js'].sort(compareRunOrder)).toEqual(['B.js', 'a.js']);
  });
});

describe('discoverLayout', () => {
  describe("a .sequelizerc nothing uses beside the project's own umzug runner", () => {
    const files = (dependencies: Record<string, string>, scripts: Record<string, string>) => ({
      'package.json': JSON.stringify({ name: 'board', type: 'module', scripts, dependencies }),
      '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('db', 'migrations') };\n",
      'db/migrations/20240101000000-old.js': 'module.exports = { async up() {}, async down() {} };\n',
      'migrations/20250101000000-create-posts.js': 'export async function up() {}\nexport async function down() {}\n',
      'migrations/20250201000000-add-title.js': 'export async function up() {}\nexport async function down() {}\n',
      'scripts/migrate.js': "import { Sequelize } from 'sequelize';\nimport { Umzug, SequelizeStorage } from 'umzug';\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst umzug = new Umzug({ migrations: { glob: 'migrations/*.js' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: console });\nawait umzug.up();\n",
    });
    it.each([
      ['sequelize-cli is no dependency and no npm script runs it: the runner\'s folder', { sequelize: '^6.37.0', umzug: '^3.8.2' }, { migrate: 'node scripts/migrate.js' }, 'migrations', 'runner'],
      ['sequelize-cli is a dependency: the .sequelizerc folder', { sequelize: '^6.37.0', umzug: '^3.8.2', 'sequelize-cli': '^6.6.2' }, { migrate: 'node scripts/migrate.js' }, 'db/migrations', '.sequelizerc'],
      ['an npm script runs sequelize-cli: the .sequelizerc folder', { sequelize: '^6.37.0', umzug: '^3.8.2' }, { 'db:migrate': 'npx sequelize-cli db:migrate' }, 'db/migrations', '.sequelizerc'],
    ])('%s', (_name, dependencies, scripts, migrationsDir, layoutSource) => {
      const info = discoverLayout(project(files(dependencies, scripts)));
      expect(info).toMatchObject({ migrationsDir, layoutSource });
      if (layoutSource === 'runner') expect(info.runner?.notes.join(' ')).toMatch(/points at db\/migrations, but sequelize-cli is not a dependency/);
    });
  });

  it('uses migrations/ by default and finds models and config', () => {
    const root = project({ 'migrations/001-a.js': '', 'models/user.js': '', 'config/config.json': '{}' });
    expect(discoverLayout(root)).toMatchObject({ migrationsDir: 'migrations', modelsDir: 'models', configFile: 'config/config.json', layoutSource: 'default' });
  });

  // Hold-outs 83-86: fifteen projects kept their models in `src/models` (or `api-stuff/models`) beside a root `migrations`.
  describe('models in the one folder named models elsewhere that defines Sequelize models', () => {
    const MODEL = "module.exports = (sequelize, DataTypes) => sequelize.define('User', { email: DataTypes.STRING });\n";
    const CLASS = "import { Model } from 'sequelize';\nexport class Ledger extends Model {}\n";
    const VIEW = 'export interface User { email: string }\n';
    it.each([
      { name: 'src/models beside a root migrations folder', files: { 'src/models/user.js': MODEL }, modelsDir: 'src/models' },
      { name: 'a folder of another name, classes extending Model', files: { 'api-stuff/models/ledger.ts': CLASS }, modelsDir: 'api-stuff/models' },
      { name: 'a models folder that defines no Sequelize model (a front end\'s types): none', files: { 'client/src/models/user.ts': VIEW }, modelsDir: null },
      { name: 'two folders that define models (which one the application loads is not said): none', files: { 'src/models/user.js': MODEL, 'legacy/models/user.js': MODEL }, modelsDir: null },
      { name: 'the one that defines models, beside one that does not', files: { 'src/models/user.js': MODEL, 'client/src/models/user.ts': VIEW }, modelsDir: 'src/models' },
      { name: 'a models folder of tests or of a build is not the application\'s', files: { 'test/fixtures/models/user.js': MODEL, 'dist/models/user.js': MODEL }, modelsDir: null },
    ])('$name', ({ files, modelsDir }) => {
      const root = project({ 'package.json': JSON.stringify({ dependencies: { sequelize: '^6.0.0' }, devDependencies: { 'sequelize-cli': '^6.6.0' } }), 'migrations/001-a.js': 'module.exports = { async up() {}, async down() {} };\n', ...files });
      expect(discoverLayout(root).modelsDir).toBe(modelsDir);
    });
  });

  it('finds the config of a sequelize-cli layout inside a folder (app/migrations, app/config/config.js: the CLI run from app/), after the root\'s own', () => {
    const up = 'module.exports = { async up() {}, async down() {} };\n';
    const pkg = JSON.stringify({ name: 'shop', dependencies: { sequelize: '^6.25.1' }, devDependencies: { 'sequelize-cli': '^6.6.0' } });
    const nested = project({ 'package.json': pkg, 'app/migrations/001-a.js': up, 'app/migrations/002-b.js': up, 'app/models/user.js': '', 'app/config/config.js': "module.exports = { production: { dialect: 'mysql' } };" });
    expect(discoverLayout(nested)).toMatchObject({ migrationsDir: 'app/migrations', modelsDir: 'app/models', configFile: 'app/config/config.js' });
    const both = project({ 'package.json': pkg, 'app/migrations/001-a.js': up, 'app/migrations/002-b.js': up, 'app/config/config.js': '{}', 'config/config.json': '{}' });
    expect(discoverLayout(both)).toMatchObject({ migrationsDir: 'app/migrations', configFile: 'config/config.json' });
  });

  it('takes config/config.js over config/config.json when both exist, as sequelize-cli does (its getConfigFile)', () => {
    const root = project({ 'migrations/001-a.js': '', 'config/config.json': '{"development":{"dialect":"mysql"}}', 'config/config.js': "module.exports = { development: { dialect: 'postgres' } };" });
    expect(discoverLayout(root)).toMatchObject({ configFile: 'config/config.js' });
  });

  it('reads .sequelizerc paths statically (path.resolve, path.join, __dirname)', () => {
    const root = project({
      '.sequelizerc': "const path = require('path');\nmodule.exports = {\n  'migrations-path': path.join(__dirname, 'database', 'migrations'),\n  'models-path': path.resolve('src', 'models'),\n  config: path.resolve('database', 'config.js'),\n};\n",
      'database/migrations/x.js': '',
      'database/config.js': '',
      'src/models/a.js': '',
    });
    expect(discoverLayout(root)).toMatchObject({ migrationsDir: 'database/migrations', modelsDir: 'src/models', configFile: 'database/config.js', layoutSource: '.sequelizerc' });
  });

  it('reads its keys in camelCase too (`migrationsPath`, `modelsPath`: sequelize-cli reads yargs\' `args.migrationsPath`; hold-out 72)', () => {
    const root = project({
      '.sequelizerc': "const path = require('path');\nmodule.exports = {\n  config: path.resolve('src', 'config', 'cli.js'),\n  modelsPath: path.resolve('src', 'models'),\n  migrationsPath: path.resolve('src', 'migrations'),\n};\n",
      'src/migrations/20250425182659-books.js': '',
      'src/config/cli.js': '',
      'src/models/book.js': '',
      'db/migrations/001-legacy.js': '',
    });
    expect(discoverLayout(root)).toMatchObject({ migrationsDir: 'src/migrations', modelsDir: 'src/models', configFile: 'src/config/cli.js', layoutSource: '.sequelizerc' });
  });

  it('lets --migrations override .sequelizerc', () => {
    const root = project({ '.sequelizerc': "module.exports = { 'migrations-path': 'db' };", 'db/a.js': '', 'other/b.js': '' });
    expect(discoverLayout(root, { migrations: 'other' })).toMatchObject({ migrationsDir: 'other', layoutSource: 'option' });
  });

  it('ignores a .sequelizerc it cannot read statically and falls back to the default', () => {
    const root = project({ '.sequelizerc': "module.exports = require('./paths')(process.env.X);", 'migrations/a.js': '' });
    expect(discoverLayout(root)).toMatchObject({ migrationsDir: 'migrations', layoutSource: 'default' });
  });

  it('explains where a missing migrations path came from', () => {
    const root = project({ '.sequelizerc': "module.exports = { 'migrations-path': 'db/migrations' };" });
    expect(() => discoverLayout(root)).toThrow(UsageError);
    expect(() => discoverLayout(root)).toThrow(/\(from \.sequelizerc migrations-path\); pass --migrations <dir>/);
  });

  const moved = (table: string) => `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('${table}', {}); }, down: async () => {} };\n`;
  it.each([
    { name: 'one folder of migrations elsewhere: that folder, with a note saying the configured one does not exist', files: { 'src/database/migrations/2014_01_a.ts': moved('a'), 'src/database/migrations/2014_02_b.ts': moved('b') }, dir: 'src/database/migrations' },
    { name: 'a folder of files exporting up that is not named for migrations: not taken', files: { 'src/jobs/a.js': moved('a'), 'src/jobs/b.js': moved('b') }, dir: null },
    {
      name: 'the only other folder holds MikroORM migration classes: no Sequelize migrations there, not taken (hold-out 69)',
      files: Object.fromEntries(['20251204', '20251206'].map((d) => [`apps/orm/migrations/Migration${d}.ts`, `import { Migration } from '@mikro-orm/migrations';\nexport class Migration${d} extends Migration {\n  override async up(): Promise<void> {\n    this.addSql('create table "cards" ("id" serial primary key);');\n  }\n  override async down(): Promise<void> {\n    this.addSql('drop table "cards";');\n  }\n}\n`])),
      dir: null,
    },
    {
      name: 'the same with Knex migrations (`knex.schema`): not taken',
      files: { 'db/migrations/001_cards.js': "exports.up = (knex) => knex.schema.createTable('cards', (t) => { t.increments('id'); });\nexports.down = (knex) => knex.schema.dropTable('cards');\n", 'db/migrations/002_decks.js': "exports.up = (knex) => knex.schema.createTable('decks', (t) => { t.increments('id'); });\nexports.down = (knex) => knex.schema.dropTable('decks');\n" },
      dir: null,
    },
    {
      // Hold-out 89: Sequelize as the ORM, db-migrate for the migrations (`exports.setup` receiving `options.dbmigrate`).
      name: 'the same with db-migrate migrations (`exports.setup` receiving `options.dbmigrate`, `db.runSql`): not taken',
      files: Object.fromEntries(['20180306003502-resources', '20180318181918-users'].map((n) => [`migrations/${n}.js`, `'use strict';\nvar dbm;\nexports.setup = function (options, seedLink) {\n  dbm = options.dbmigrate;\n};\nexports.up = function (db) {\n  return db.runSql('CREATE TABLE x (id int)');\n};\nexports.down = function (db) {\n  return db.runSql('DROP TABLE x');\n};\nexports._meta = { version: 1 };\n`])),
      dir: null,
    },
    { name: 'two folders of migrations: nothing says which, both named in the error', files: { 'db/core/migrations/a.js': moved('a'), 'db/core/migrations/b.js': moved('b'), 'db/logs/migrations/a.js': moved('c'), 'db/logs/migrations/b.js': moved('d') }, dir: null, error: /several folders hold migrations \(db\/core\/migrations, db\/logs\/migrations\)/ },
  ])('a .sequelizerc naming a folder that does not exist and is no compiled output: $name', ({ files, dir, error }) => {
    const root = project({ '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('src', 'migrations') };", ...files });
    if (dir === null) {
      expect(() => discoverLayout(root)).toThrow(UsageError);
      expect(() => discoverLayout(root)).toThrow(error ?? /migrations folder not found: .*src\/migrations \(from \.sequelizerc migrations-path\); pass --migrations <dir>$/);
      return;
    }
    const info = discoverLayout(root);
    expect(info.migrationsDir).toBe(dir);
    expect(info.runner!.kind).toBe('sequelize-cli');
    expect(info.runner!.notes.join(' ')).toMatch(/\.sequelizerc points at src\/migrations, which does not exist and is not compiled output of a source in the repository: sequelize-cli with this \.sequelizerc finds no migration to run\. Analyzed src\/database\/migrations, the one folder of migrations in the project \(2 files that export `up`\)/);
  });
});

describe('a migrations folder whose subfolders are the sets (one per database, chosen when the runner starts)', () => {
  const up = (table: string) => `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('${table}', {}); }, down: async () => {} };\n`;
  const rc = "const path = require('path');\nconst group = process.env.DB_GROUP === 'tenant_db' ? 'tenant_db' : 'master_db';\nmodule.exports = { 'migrations-path': path.resolve('./', `migrations/${group}`), 'models-path': path.resolve('./', 'models') };";
  it.each([
    { name: 'a .sequelizerc whose folder depends on a variable: each subfolder, with the models folder of its name', files: { '.sequelizerc': rc } },
    { name: 'no .sequelizerc: the default folder, split the same way', files: {} },
  ])('$name', ({ files }) => {
    const root = project({
      ...files,
      'migrations/master_db/20221228192939-create-users.cjs': up('users'),
      'migrations/master_db/20221228193003-create-tenants.cjs': up('tenants'),
      'migrations/tenant_db/20221228193352-create-rooms.cjs': up('rooms'),
      'migrations/tenant_db/20221228193356-create-teachers.cjs': up('teachers'),
      'models/master_db/users.js': '',
      'models/tenant_db/rooms.js': '',
    });
    const sets = discoverLayouts(root);
    expect(sets.map((s) => [s.migrationsDir, s.modelsDir])).toEqual([
      ['migrations/master_db', 'models/master_db'],
      ['migrations/tenant_db', 'models/tenant_db'],
    ]);
    expect(sets[0]!.runner!.notes.join(' ')).toMatch(/its subfolders migrations\/master_db, migrations\/tenant_db each hold migrations \(one set per database, the folder chosen when the runner starts\): analyzed each on its own/);
  });

  it('a migrations folder with files of its own and a subfolder is one set (sequelize-cli reads no subfolder)', () => {
    const root = project({
      'migrations/20240101000000-a.js': up('a'),
      'migrations/archive/20200101000000-b.js': up('b'),
      'migrations/archive/20200102000000-c.js': up('c'),
      'migrations/old/20190101000000-d.js': up('d'),
      'migrations/old/20190102000000-e.js': up('e'),
    });
    expect(discoverLayouts(root).map((s) => s.migrationsDir)).toEqual(['migrations']);
  });
});

describe('listMigrationFiles', () => {
  it('collects the runner extensions, top level only, skipping declarations, directories and other files', () => {
    const root = project({
      'migrations/002-b.ts': '',
      'migrations/001-a.js': '',
      'migrations/003-c.cjs': '',
      'migrations/004-d.mjs': '',
      'migrations/005-e.cts': '',
      'migrations/006-f.mts': '',
      'migrations/types.d.ts': '',
      'migrations/README.md': '',
      'migrations/seed.sql': '',
      'migrations/nested/007-g.js': '',
      'migrations/008-dir.js/': '',
    });
    const info = discoverLayout(root);
    expect(listMigrationFiles(info)).toEqual([
      'migrations/001-a.js',
      'migrations/002-b.ts',
      'migrations/003-c.cjs',
      'migrations/004-d.mjs',
      'migrations/005-e.cts',
      'migrations/006-f.mts',
    ]);
  });
});

describe('the search for a migrations folder when nothing configures one (hold-out 73)', () => {
  const seed = (table: string) => `module.exports = {\n  async up(queryInterface) { await queryInterface.bulkInsert('${table}', [{ id: 1 }]); },\n  async down(queryInterface) { await queryInterface.bulkDelete('${table}', null); },\n};\n`;
  const create = `module.exports = {\n  async up(queryInterface, Sequelize) { await queryInterface.createTable('courses', { id: { type: Sequelize.INTEGER, primaryKey: true } }); },\n  async down(queryInterface) { await queryInterface.dropTable('courses'); },\n};\n`;
  it('a seeders folder of many files beside a migrations folder of one: the migrations folder', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'db-workflows', dependencies: { sequelize: '^6.35.0', 'sequelize-cli': '^6.6.3', pg: '^8.11.3' }, scripts: { 'migrate:pg': 'node postgres/cli.mjs migrate' } }),
      'postgres/migrations/20251114190000-create-tables.cjs': create,
      'postgres/seeders/20251118210000-seed-roles.cjs': seed('roles'),
      'postgres/seeders/20251118210100-seed-users.cjs': seed('users'),
      'postgres/seeders/20251118210200-seed-courses.cjs': seed('courses'),
    });
    expect(discoverLayout(root).migrationsDir).toBe('postgres/migrations');
  });

  it('seeders alone: no migrations folder, a clear error', () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'db-workflows', dependencies: { sequelize: '^6.35.0' } }),
      'db/seeders/001-roles.cjs': seed('roles'),
      'db/seeders/002-users.cjs': seed('users'),
    });
    expect(() => discoverLayout(root)).toThrow(/migrations folder not found/);
  });
});
