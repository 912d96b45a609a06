/**
 * Knowing the runner: each case is a small project of ours, written to a
 * temporary folder, reproducing a layout seen in real projects (a custom
 * runner with a name filter and a squashed baseline, umzug at application
 * start, umzug 3 with a glob, a .sequelizerc that points at compiled output,
 * two migration sets named by npm scripts, a .sequelizerc template).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverLayouts, listMigrationFiles, UsageError } from '../../src/discovery';
import { analyzeProject } from '../../src/project';

const MIGRATION = (table: string) => `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('${table}', 'note', { type: Sequelize.STRING });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('${table}', 'note');
  },
};
`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migralint-runner-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const CUSTOM_RUNNER = `const fs = require('fs/promises')
const DIR = __dirname
async function pending (db) {
  let names = await fs.readdir(DIR)
  names = names.filter(n => /^\\d{8}-\\d\\d-.*\\.js$/.test(n))
  names.sort()
  const tables = await db.getQueryInterface().showAllTables()
  const fresh = tables.length === 1
  let reached = false
  const todo = []
  for (const n of names) {
    if (n === '20240301-01-squashed-baseline.js') reached = true
    if (!fresh || reached) todo.push(n)
  }
  return todo
}
async function run (db) {
  for (const n of await pending(db)) {
    const m = require('./' + n)
    await m.up(db.getQueryInterface())
  }
}
module.exports = { run }
`;

describe('runner detection', () => {
  it('a custom runner in the migrations folder: its name filter, its baseline, no down, and it is not a migration itself', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'forge', scripts: { start: 'node app.js' } }),
      'app/db/migrations/index.js': CUSTOM_RUNNER,
      'app/db/migrations/20230101-01-create-teams.js': MIGRATION('teams'),
      'app/db/migrations/20240301-01-squashed-baseline.js': MIGRATION('teams'),
      'app/db/migrations/20240401-01-add-notes.js': MIGRATION('users'),
      'app/db/migrations/helpers.js': 'module.exports = { pad: (s) => s }\n',
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('app/db/migrations');
    expect(info!.layoutSource).toBe('runner');
    const runner = info!.runner!;
    expect(runner.kind).toBe('custom');
    expect(runner.evidence).toMatchObject({ file: 'app/db/migrations/index.js', line: 4 });
    expect(runner.filter.pattern).toBe('^\\d{8}-\\d\\d-.*\\.js$');
    expect(runner.order).toBe('name');
    expect(runner.transaction).toBe('none');
    expect(runner.downRunnable).toBe('no');
    expect(runner.onError).toBe('stops');
    expect(runner.baseline).toMatchObject({ migration: '20240301-01-squashed-baseline.js', evidence: { file: 'app/db/migrations/index.js', line: 12 } });
    // index.js and helpers.js do not match the runner's filter: they are not migrations.
    expect(listMigrationFiles(info!).map((f) => path.posix.basename(f))).toEqual([
      '20230101-01-create-teams.js',
      '20240301-01-squashed-baseline.js',
      '20240401-01-add-notes.js',
    ]);
  });

  it('a custom runner whose filter is a block of tests (a .js name, a dated name, its own file and a helper left out by name): those files are no migrations, and the name it compares with is no baseline (hold-out 86)', async () => {
    const runner = `const fs = require('fs');
const path = require('path');
function getMigrationFiles() {
  const files = fs.readdirSync(__dirname)
    .filter(file => {
      // Must be a JS file
      if (!file.endsWith('.js')) return false;
      if (file === 'migrate.js') return false;
      if (file === 'migrations.ts') return false;
      if (!/^\\d{8,}/.test(file)) return false;
      return true;
    })
    .sort();
  return files;
}
async function run(queryInterface) {
  for (const file of getMigrationFiles()) await require(path.join(__dirname, file)).up(queryInterface);
}
module.exports = { run };
`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'rides', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' }, scripts: { migrate: 'node src/migrations/migrate.js', 'migrate:old': 'sequelize db:migrate --config src/config/config.js' } }),
      '.sequelizerc': `const path = require('path');\nmodule.exports = { config: path.resolve('src', 'config', 'config.js'), 'migrations-path': path.resolve('src', 'migrations') };\n`,
      'src/config/config.js': `module.exports = { development: { dialect: 'postgres' } };\n`,
      'src/migrations/migrate.js': runner,
      'src/migrations/generate-migration.js': `const fs = require('fs');\nfs.writeFileSync(process.argv[2], '');\n`,
      'src/migrations/migrations.ts': `import { Umzug } from 'umzug';\nexport async function runMigrations() {}\n`,
      'src/migrations/20250504134058-add-note-to-rides.js': MIGRATION('rides'),
      'src/migrations/20250505013246-add-note-to-users.js': MIGRATION('users'),
    });
    const [info] = discoverLayouts(dir);
    const found = info!.runner!;
    expect(found.kind).toBe('custom');
    expect(found.baseline).toBeNull();
    expect(found.filter.ignore).toEqual(['generate-migration.js', 'migrate.js', 'migrations.ts']);
    expect(listMigrationFiles(info!).map((f) => path.posix.basename(f))).toEqual(['20250504134058-add-note-to-rides.js', '20250505013246-add-note-to-users.js']);
    const result = await analyzeProject(dir);
    expect(result.findings.filter((f) => f.rule === 'valid-migration-file')).toEqual([]);
  });

  it('an index module that lists its folder\'s migrations: they run in the list\'s order, and no other file of the folder runs', async () => {
    const versioned = (table: string) => `import type { Sequelize, Transaction } from 'sequelize';

export const key = '${table}';

export async function up(transaction: Transaction, db: Sequelize): Promise<void> {
  await db.getQueryInterface().removeColumn('${table}', 'legacy', { transaction });
}

export async function down(transaction: Transaction, db: Sequelize): Promise<void> {
  await db.getQueryInterface().addColumn('${table}', 'legacy', { type: 'TEXT' }, { transaction });
}
`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'server', dependencies: { sequelize: '^6.0.0' } }),
      'migrations/main/index.ts': `import * as m0_9_0 from './0.9.0.js';
import * as m0_10_0 from './0.10.0.js';
import * as m0_9_1 from './0.9.1.js';

export const migrations = [m0_9_0, m0_9_1, m0_10_0];
`,
      'migrations/main/0.9.0.ts': versioned('apps'),
      'migrations/main/0.9.1.ts': versioned('teams'),
      'migrations/main/0.10.0.ts': versioned('members'),
      'migrations/main/0.10.0.test.ts': "import { up } from './0.10.0.js';\n\nexport const checked = typeof up;\n",
      'models/index.ts': "import { App } from './App.js';\nimport { Team } from './Team.js';\n\nexport const models = [App, Team];\n",
      'models/App.ts': 'export class App {}\n',
      'models/Team.ts': 'export class Team {}\n',
    });
    const [info, ...others] = discoverLayouts(dir);
    expect(others).toEqual([]);
    expect(info!.migrationsDir).toBe('migrations/main');
    const runner = info!.runner!;
    expect(runner).toMatchObject({ kind: 'custom', order: 'custom', evidence: { file: 'migrations/main/index.ts', line: 5 } });
    expect(runner.filter.list).toEqual(['0.9.0', '0.9.1', '0.10.0']);
    // The list's order, not the names' (0.10.0 sorts before 0.9.0 as text); the test file and the index never run.
    expect(listMigrationFiles(info!).map((f) => path.posix.basename(f))).toEqual(['0.9.0.ts', '0.9.1.ts', '0.10.0.ts']);
    const { findings, project: model } = await analyzeProject(dir);
    expect(model.migrations.map((m) => m.name)).toEqual(['0.9.0.ts', '0.9.1.ts', '0.10.0.ts']);
    // Each `up(transaction, db)` is read: the drops are found, in the transaction the runner hands over.
    expect(findings.filter((f) => f.rule === 'no-destructive-up').map((f) => f.file).sort()).toEqual(['migrations/main/0.10.0.ts', 'migrations/main/0.9.0.ts', 'migrations/main/0.9.1.ts']);
    expect(findings.filter((f) => f.rule === 'valid-migration-file' || f.rule === 'valid-migration-order')).toEqual([]);
  });

  it.each([
    { name: 'the module that applies the list calls only up: downs never run (hold-out 82)', runner: "import migrations from './migrations/index.js';\nexport async function migrate(qi) {\n  for (const migration of migrations) await migration.up(qi);\n}\n", downRunnable: 'no' },
    { name: 'it calls down too (a rollback command): downs run', runner: "import migrations from './migrations/index.js';\nexport async function migrate(qi) {\n  for (const m of migrations) await m.up(qi);\n}\nexport async function rollback(qi) {\n  await migrations[migrations.length - 1].down(qi);\n}\n", downRunnable: 'yes' },
    { name: 'it calls the direction it is given (m[direction]): downs may run', runner: "import migrations from './migrations/index.js';\nexport async function run(qi, direction) {\n  for (const m of migrations) await m[direction](qi);\n}\n", downRunnable: 'yes' },
    { name: 'the direction read from the command line (m[process.argv[2]]): downs may run', runner: "import migrations from './migrations/index.js';\nexport async function run(qi) {\n  for (const m of migrations) await m[process.argv[2]](qi);\n}\n", downRunnable: 'yes' },
    { name: 'down destructured from each migration (const { down } = m): downs run', runner: "import migrations from './migrations/index.js';\nexport async function undo(qi) {\n  const { down } = migrations[migrations.length - 1];\n  await down(qi);\n}\n", downRunnable: 'yes' },
    { name: 'no module imports the list: not known, downs may run', runner: "export const nothing = 1;\n", downRunnable: 'yes' },
  ])('a list of migrations run by the project\'s own code: $name', ({ runner, downRunnable }) => {
    const create = (table: string) => `export const up = async (qi) => { await qi.createTable('${table}', {}); };\nexport const down = async (qi) => { await qi.dropTable('${table}'); };\n`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'registry', type: 'module', dependencies: { sequelize: '^6.0.0' } }),
      'src/database/migrations/index.js': "import CreateProjects from './20211201195550-create-project.js';\nimport CreateUnits from './20211201195551-create-units.js';\n\nexport default [CreateProjects, CreateUnits];\n",
      'src/database/migrations/20211201195550-create-project.js': create('projects'),
      'src/database/migrations/20211201195551-create-units.js': create('units'),
      'src/database/index.js': runner,
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'custom', downRunnable });
  });

  it('sequelize-cli-typescript: migrations-source-path is the folder read (its compiled copy beside it is not a second set)', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'api', devDependencies: { 'sequelize-cli-typescript': '^3.2.0' } }),
      '.sequelizerc': `const path = require('path');
module.exports = {
  'migrations-source-path': path.resolve('src', 'migrations'),
  'migrations-compiled-path': path.resolve('src/migrations', 'compiled'),
};
`,
      'src/migrations/20241216014739-create-role.ts': MIGRATION('roles'),
      'src/migrations/compiled/20241216014739-create-role.js': MIGRATION('roles'),
    });
    const [info, ...others] = discoverLayouts(dir);
    expect(others).toEqual([]);
    expect(info!.migrationsDir).toBe('src/migrations');
    expect(info!.layoutSource).toBe('.sequelizerc');
    expect(info!.runner!.notes.join(' ')).toMatch(/migrations-source-path .*src\/migrations\/compiled/);
    expect(listMigrationFiles(info!).map((f) => path.posix.basename(f))).toEqual(['20241216014739-create-role.ts']);
  });

  it('a custom runner that passes its transaction to each migration makes them run in it', () => {
    const dir = project({
      'db/migrate.js': `const fs = require('fs')
const path = require('path')
const DIR = path.join(__dirname, 'steps')
module.exports = async (sequelize) => {
  for (const name of fs.readdirSync(DIR).filter((n) => /\\.js$/.test(n)).sort()) {
    const t = await sequelize.transaction()
    try {
      await require(path.join(DIR, name)).up(sequelize.getQueryInterface(), t)
      await t.commit()
    } catch (e) { await t.rollback(); throw e }
  }
}
`,
      'db/steps/001-a.js': MIGRATION('a'),
      'db/steps/002-b.js': MIGRATION('b'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('db/steps');
    expect(info!.runner).toMatchObject({
      kind: 'custom',
      transaction: 'per-migration',
      transactionEvidence: { file: 'db/migrate.js', line: 8 },
      // The catch rolls back and rethrows: a failure ends the run.
      onError: 'stops',
      onErrorEvidence: { file: 'db/migrate.js', line: 10 },
    });
  });

  it('an ES module runner: `join` imported from path, __dirname from import.meta.url: the migrations folder, not the script\'s', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'm', type: 'module', dependencies: { sequelize: '^6.37.0' } }),
      'scripts/reset-db.js': `import { readdirSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { sequelize } from '../config/database.js';
const __dirname = dirname(fileURLToPath(import.meta.url));
const migrationsDir = join(__dirname, '..', 'migrations');
for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.js')).sort()) {
  const migration = await import(join(migrationsDir, file));
  await migration.up(sequelize.getQueryInterface(), sequelize.Sequelize);
}
`,
      'migrations/20260101000000-a.js': MIGRATION('a'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('migrations');
    expect(info!.runner).toMatchObject({ kind: 'custom', evidence: { file: 'scripts/reset-db.js' } });
  });

  it('a custom runner in scripts/ reading path.join(__dirname, "..", "migrations"): every segment counts (the migrations folder, not the project root)', () => {
    const dir = project({
      'scripts/run-migrations.js': `const fs = require('fs');
const path = require('path');
const migrationsDir = path.join(__dirname, "..", "migrations");
async function run(queryInterface, Sequelize) {
  const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) await require(path.join(migrationsDir, file)).up(queryInterface, Sequelize);
}
run();
`,
      'next.config.js': 'module.exports = { reactStrictMode: true };\n',
      'migrations/20260101000000-a.js': MIGRATION('a'),
      'migrations/20260102000000-b.js': MIGRATION('b'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('migrations');
    expect(info!.runner).toMatchObject({ kind: 'custom', evidence: { file: 'scripts/run-migrations.js' } });
  });

  it('umzug 2 at application start, with no CLI: down can never run', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'api', scripts: { migrate: 'node admin/run-migrations.js' } }),
      'admin/run-migrations.js': `const Umzug = require('umzug')
const path = require('path')
const { sequelize } = require('../src/db')
const umzug = new Umzug({
  migrations: { path: path.join(__dirname, '../migrations'), pattern: /\\.js$/, params: [sequelize.getQueryInterface()] },
  storage: 'sequelize',
  storageOptions: { sequelize, tableName: 'schema_history' },
})
umzug.up().then(() => console.log('done')).catch((e) => console.error('migration failed', e))
`,
      'migrations/20200101-create.js': MIGRATION('a'),
      'migrations/README.md': 'not a migration',
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('migrations');
    expect(info!.runner).toMatchObject({
      kind: 'umzug',
      evidence: { file: 'admin/run-migrations.js', line: 4 },
      filter: { pattern: '\\.js$', extensions: ['js'] },
      downRunnable: 'no',
      storage: 'schema_history',
      // `.then(...).catch(log)`: the caller logs the failure and goes on.
      onError: 'continues',
      onErrorEvidence: { file: 'admin/run-migrations.js', line: 9 },
    });
  });

  // Hold-out 84: each module keeps its migrations in its own folder below src, found by umzug 2's traversal.
  it.each([
    { pattern: "process.env.NODE_ENV === 'production' ? /migration\\.js$/ : /migration\\.ts$/", expected: '(?:migration\\.js$)|(?:migration\\.ts$)', extensions: ['js', 'ts'] },
    { pattern: 'process.env.MIGRATION_PATTERN || /migration\\.ts$/', expected: 'migration\\.ts$', extensions: ['ts'] },
  ])('umzug 2 with traverseDirectories and a pattern picked at run time ($pattern): the matching files of every folder below path, in file-name order', ({ pattern, expected, extensions }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'api', scripts: { start: 'ts-node src/server.ts' }, dependencies: { umzug: '^2.2.0', sequelize: '^5.0.0' } }),
      'src/server.ts': "import './umzug';\n",
      'src/umzug.ts': `import Umzug from 'umzug';
import { Sequelize } from 'sequelize';
import db from './db';
const umzug = new Umzug({
  storage: 'sequelize',
  storageOptions: { sequelize: db },
  migrations: { params: [db.getQueryInterface(), Sequelize], path: \`\${__dirname}\`, traverseDirectories: true, pattern: ${pattern} },
});
umzug.up();
export default umzug;
`,
      'src/db.ts': "import { Sequelize } from 'sequelize';\nexport default new Sequelize(process.env.DATABASE_URL as string);\n",
      'src/orders/migrations/2019-08-02_001-orders.migration.ts': MIGRATION('orders'),
      'src/billing/migrations/2019-08-01_001-invoices.migration.ts': MIGRATION('invoices'),
      'src/billing/invoice.model.ts': 'export const Invoice = 1;\n',
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', filter: { pattern: expected, extensions, recursive: true } });
    expect(listMigrationFiles(info!)).toEqual([
      `${info!.migrationsDir}/billing/migrations/2019-08-01_001-invoices.migration.ts`,
      `${info!.migrationsDir}/orders/migrations/2019-08-02_001-orders.migration.ts`,
    ].map((f) => f.replace(/^\.\//, '')));
  });

  it.each([
    { name: 'new Umzug(...) of a named import', head: "import { Umzug, SequelizeStorage } from 'umzug';", ctor: 'Umzug', storage: 'SequelizeStorage' },
    { name: 'new umzug.Umzug(...) of the module required whole (hold-out 73)', head: "const umzug = require('umzug');", ctor: 'umzug.Umzug', storage: 'umzug.SequelizeStorage' },
    { name: 'new Lib.Umzug(...) of a namespace import', head: "import * as Lib from 'umzug';", ctor: 'Lib.Umzug', storage: 'Lib.SequelizeStorage' },
  ])('umzug 3 built $name: the runner, its context the Sequelize instance', ({ head, ctor, storage }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'notes', scripts: { start: 'nest start' }, dependencies: { sequelize: '^6.35.0', umzug: '^3.7.0', mysql2: '^3.6.0' } }),
      'umzug.ts': `${head}\nimport { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'mysql' });\nexport const migrator = new ${ctor}({\n  migrations: { glob: ['src/db/migrations/*.ts', { cwd: __dirname }] },\n  context: sequelize,\n  storage: new ${storage}({ sequelize }),\n});\n`,
      'migrate.js': "require('ts-node/register');\nrequire('./umzug.ts').migrator.runAsCLI();\n",
      'src/db/migrations/2024.01.15T05.13.48.create-notes.ts': "export const up = async ({ context: sequelize }) => { await sequelize.getQueryInterface().createTable('notes', { id: { type: 'INTEGER', primaryKey: true }, createdAt: { type: 'DATE', defaultValue: sequelize.literal('CURRENT_TIMESTAMP') } }); };\nexport const down = async ({ context: sequelize }) => { await sequelize.getQueryInterface().dropTable('notes'); };\n",
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', evidence: { file: 'umzug.ts', line: 4 } });
    expect(info!.migrationsDir).toBe('src/db/migrations');
  });

  // Hold-out 94: the start-up code requires path inside the function that builds the umzug; the folder was taken for
  // one computed at run time, umzug 2's default name pattern was dropped, and the folder's helper module was reported
  // as a migration that exports nothing.
  it('umzug 2 built in a start-up function that requires path itself, no pattern: its folder, and umzug 2\'s default pattern leaves the helper module out', () => {
    const dir = project({
      'server/db.js': `const { Sequelize } = require('sequelize')
const sequelize = new Sequelize(process.env.DATABASE_URL)
async function start() {
  const Umzug = require('umzug')
  const path = require('path')
  const migrator = new Umzug({
    migrations: { path: path.join(__dirname, '../migrations'), params: [sequelize.getQueryInterface(), Sequelize] },
    storage: 'sequelize',
    storageOptions: { sequelize },
  })
  await migrator.up()
}
module.exports = { start }
`,
      'migrations/20230101000000-create-jobs.js': MIGRATION('jobs'),
      'migrations/helpers.js': 'module.exports = { columnExists: async (qi, t, c) => Boolean((await qi.describeTable(t))[c]) };\n',
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('migrations');
    expect(info!.runner).toMatchObject({ kind: 'umzug', evidence: { file: 'server/db.js', line: 6 }, filter: { pattern: '^\\d+[\\w-]+\\.js$', extensions: ['js'] }, notes: [] });
  });

  it('umzug 2 whose path is a constant of the function that builds it: the name is read where it stands (shadowing a module constant)', () => {
    const dir = project({
      'lib/migrator.js': `const Umzug = require('umzug')
const folder = 'old-migrations'
function migrator(sequelize) {
  const folder = process.env.CI ? 'db/migrations' : 'db/migrations'
  return new Umzug({ migrations: { path: folder, params: [sequelize.getQueryInterface()] }, storage: 'sequelize', storageOptions: { sequelize } })
}
module.exports = { migrator, folder }
`,
      'db/migrations/20200101-create.js': MIGRATION('a'),
      'old-migrations/20190101-create.js': MIGRATION('b'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug' });
    expect(info!.migrationsDir).toBe('db/migrations');
  });

  it.each([
    { name: 'sequelize-cli 2.x (umzug 1.x), no lockfile', deps: { 'sequelize-cli': '^2.4.0' }, lock: null, unchecked: 'package.json' },
    { name: 'sequelize-cli 6 (umzug ^2.3.0)', deps: { 'sequelize-cli': '^6.6.0' }, lock: null, unchecked: null },
    { name: 'sequelize-cli 6, but the lockfile installs umzug 2.1.0', deps: { 'sequelize-cli': '^6.6.0' }, lock: { lockfileVersion: 3, packages: { 'node_modules/umzug': { version: '2.1.0' } } }, unchecked: 'package-lock.json' },
    { name: 'sequelize-cli 2.x, but the lockfile installs umzug 2.3.0', deps: { 'sequelize-cli': '^2.4.0' }, lock: { lockfileVersion: 3, packages: { 'node_modules/umzug': { version: '2.3.0' } } }, unchecked: null },
    { name: 'the project\'s own umzug pinned at 2.1.0', deps: { 'sequelize-cli': '^6.6.0', umzug: '2.1.0' }, lock: null, unchecked: 'package.json' },
    { name: 'the project\'s own umzug ^2.1.0 (installs 2.3.0)', deps: { 'sequelize-cli': '^6.6.0', umzug: '^2.1.0' }, lock: null, unchecked: null },
  ])('the umzug sequelize-cli loads, older than 2.2.0 or not: $name', ({ deps, lock, unchecked }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'courier', scripts: { migrate: 'sequelize db:migrate' }, dependencies: { sequelize: '^6.37.0', pg: '^8.0.0', ...deps } }, null, 2),
      ...(lock ? { 'package-lock.json': JSON.stringify(lock, null, 2) } : {}),
      'migrations/20200101000000-create.js': MIGRATION('parcels'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner?.kind).toBe('sequelize-cli');
    expect(info!.runner?.promiseUnchecked?.file ?? null).toBe(unchecked);
  });

  it.each([
    { name: 'names a config file the project does not have: a leftover, the umzug that runs at start is the runner', config: null, kind: 'umzug' },
    { name: 'names a config file the project has: sequelize-cli', config: 'config/config-sequelize-cli.js', kind: 'sequelize-cli' },
  ])('a .sequelizerc beside an umzug whose folder is computed at run time (a parameter default) $name', ({ config, kind }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'courts', scripts: { start: 'node src/index.js' }, dependencies: { sequelize: '^6.37.0', 'sequelize-cli': '^6.6.2', umzug: '^2.3.0', pg: '^8.0.0' } }),
      '.sequelizerc': "const path = require('path');\nmodule.exports = {\n  config: path.resolve('config', 'config-sequelize-cli.js'),\n  'migrations-path': path.resolve('src/db', 'migrations'),\n};\n",
      ...(config ? { [config]: "module.exports = { production: { dialect: 'postgres' } };\n" } : {}),
      'src/db/index.js': `const Umzug = require('umzug');
const Sequelize = require('sequelize');
function getUmzug({ tableName = 'migrations', folder = 'migrations' }, client) {
  return new Umzug({ storage: 'sequelize', storageOptions: { sequelize: client, tableName }, migrations: { params: [client.getQueryInterface(), Sequelize], path: \`\${__dirname}/\${folder}\`, pattern: /^\\d+[\\w-]+\\.js$/ } });
}
async function runMigrations(client) {
  await getUmzug({}, client).up();
}
module.exports = { runMigrations };
`,
      'src/index.js': "const { runMigrations } = require('./db');\nrunMigrations(globalThis.db);\n",
      'src/db/migrations/202110201740-create.js': MIGRATION('courts'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('src/db/migrations');
    expect(info!.runner?.kind).toBe(kind);
  });

  // Hold-out 66 and 67: the class that builds the umzug only runs `up()`; the CLI module an npm script runs
  // (`migrate:down`) requires it by a path spelled in segments and hands the command line to umzug's CLI.
  it.each([
    { name: 'a module requiring the umzug module (path.join(__dirname, ...)) runs its CLI: rollbacks can run', cli: "const path = require('path');\nconst { orm } = require(path.join(__dirname, 'db', 'orm.js'));\norm.umzug.runAsCLI();\n", downRunnable: 'yes', line: 3 },
    { name: 'no module runs its down or its CLI: rollbacks never run', cli: "const path = require('path');\nconst { orm } = require(path.join(__dirname, 'db', 'orm.js'));\norm.umzug.up();\n", downRunnable: 'no', line: null },
  ])('umzug whose own module only migrates up: $name', ({ cli, downRunnable, line }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mms', scripts: { 'migrate:down': 'tsc && node dist/migrator.js down' }, dependencies: { umzug: '^3.8.0', sequelize: '^6.37.0' } }),
      'src/db/orm.ts': `import { Umzug, SequelizeStorage } from 'umzug';
export class Orm {
  umzug: any;
  async init(sequelize: any) {
    this.umzug = new Umzug({ migrations: { glob: 'src/db/migrations/*.ts' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }) });
    await this.umzug.up();
  }
}
export const orm = new Orm();
`,
      'src/migrator.ts': cli,
      'src/db/migrations/20250101_create_users.ts': `export const up = async ({ context: qi }: any) => { await qi.createTable('users', {}); };\nexport const down = async ({ context: qi }: any) => { await qi.dropTable('users'); };\n`,
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', downRunnable });
    if (line !== null) expect(info!.runner!.downEvidence).toMatchObject({ file: 'src/migrator.ts', line });
  });

  it('umzug 3 with a glob chosen by environment: the source folder that exists, and a down call', () => {
    const dir = project({
      'src/db/umzug.ts': `import { Umzug, SequelizeStorage } from 'umzug';
const glob = process.env.CLOUD ? 'dist/db/migrations/*.js' : 'src/db/migrations/*.ts';
export const umzug = (sequelize: any) => new Umzug({ migrations: { glob }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }) });
export async function rollback(sequelize: any) { await umzug(sequelize).down(); }
`,
      // Something calls the exported rollback(): its down() can run (an export nobody calls never does).
      'src/db/undo.ts': "import { rollback } from './umzug';\nrollback(globalThis.db);\n",
      'src/db/migrations/2024-01-02_00_create.ts': `export const up = async ({ context: qi }: any) => { await qi.addColumn('a', 'b', {}); };\nexport const down = async () => {};\n`,
      'src/db/migrations/notes.txt': 'x',
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('src/db/migrations');
    expect(info!.runner).toMatchObject({ kind: 'umzug', filter: { extensions: ['ts'], pattern: null }, downRunnable: 'yes', downEvidence: { file: 'src/db/umzug.ts', line: 4 }, storage: 'SequelizeMeta' });
  });

  it.each([
    ['`**/migrations/*.ts` from the project root: the one folder named migrations, not every .ts file of src/', "'**/migrations/*.ts'", false, [['src/migrations', ['00_baseline.ts', '01_add_rank.ts']]]],
    [
      '`src/*/migrations/*.ts`: each module\'s migrations folder, a module without one left out',
      "'src/*/migrations/*.ts'",
      true,
      [
        ['src/billing/migrations', ['00_invoices.ts']],
        ['src/players/migrations', ['00_players.ts']],
      ],
    ],
  ] as const)('umzug 3 with a glob that names folders after its wildcard (%s)', async (_name, glob, modules, sets) => {
    const migration = (table: string) => `export const up = async ({ context: qi }: any) => { await qi.createTable('${table}', {}); };\nexport const down = async () => {};\n`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'hill', dependencies: { umzug: '^3.8.0', sequelize: '^6.37.0', pg: '^8.11.0' } }),
      'src/migrator.ts': `import { Umzug, SequelizeStorage } from 'umzug';\nimport { sequelize } from './database';\nexport const createMigrator = () => new Umzug({ context: sequelize.getQueryInterface(), logger: console, migrations: { glob: ${glob} }, storage: new SequelizeStorage({ sequelize }) });\n`,
      'src/index.ts': "import { createMigrator } from './migrator';\nawait createMigrator().up();\n",
      'src/database.ts': "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!);\n",
      'src/routes/players.ts': 'export const playersRoute = () => null;\n',
      ...(modules
        ? {
            'src/players/migrations/00_players.ts': migration('players'),
            'src/billing/migrations/00_invoices.ts': migration('invoices'),
            'src/billing/migrations/types.d.ts': 'export type Invoice = { id: number };\n',
            'src/chat/handlers.ts': 'export const onMessage = () => null;\n',
          }
        : { 'src/migrations/00_baseline.ts': migration('saves'), 'src/migrations/01_add_rank.ts': migration('ranks') }),
    });
    const layouts = discoverLayouts(dir);
    expect(layouts.map((l) => l.migrationsDir)).toEqual(sets.map(([d]) => d));
    for (const [i, [migrationsDir, names]] of sets.entries()) {
      expect(layouts[i]!.runner).toMatchObject({ kind: 'umzug', filter: { extensions: ['ts'], recursive: false } });
      const analyzed = await analyzeProject(dir, { migrations: migrationsDir });
      expect(analyzed.project.migrations.map((m) => m.name)).toEqual(names);
    }
  });

  it('a TypeScript module whose __dirname glob reads *.js: the compiled copies of the .ts files beside its source, read as .ts; a folder of real .js files keeps .js', async () => {
    const migration = `export const up = async ({ context }: any) => { await context.addColumn('rules', 'note', {}); };\nexport const down = async () => {};\n`;
    const start = `import path from 'path';\nimport { Umzug, SequelizeStorage } from 'umzug';\nexport async function start(sequelize: any) {\n  const migrations_path = __dirname.includes('dist') ? path.join(__dirname, '..', 'db', 'migrations', '*.js') : path.join(__dirname, '..', '..', 'dist', 'db', 'migrations', '*.js');\n  const umzug = new Umzug({ migrations: { glob: migrations_path }, context: { queryInterface: sequelize.getQueryInterface() }, storage: new SequelizeStorage({ sequelize }), logger: console });\n  await umzug.up();\n}\n`;
    const compiled = project({ 'package.json': JSON.stringify({ name: 'agent', dependencies: { umzug: '^3.0.0', sequelize: '^6.0.0' } }), 'src/commands/start.ts': start, 'src/db/migrations/00-add-note.ts': migration });
    const [info] = discoverLayouts(compiled);
    expect(info!.migrationsDir).toBe('src/db/migrations');
    expect(info!.runner).toMatchObject({ kind: 'umzug', filter: { extensions: ['ts'] } });
    expect((await analyzeProject(compiled)).project.migrations.map((m) => m.name)).toEqual(['00-add-note.ts']);
    const plain = project({ 'package.json': JSON.stringify({ name: 'agent', dependencies: { umzug: '^3.0.0', sequelize: '^6.0.0' } }), 'src/commands/start.ts': start, 'src/db/migrations/00-add-note.js': `exports.up = async ({ context }) => {};\nexports.down = async () => {};\n`, 'src/db/migrations/01-types.ts': `export type Row = { id: number };\n` });
    expect(discoverLayouts(plain)[0]!.runner).toMatchObject({ kind: 'umzug', filter: { extensions: ['js'] } });
  });

  it("umzug 3 glob with an ignore list: the runner's own modules in the folder are no migrations (hold-out 68)", async () => {
    const migration = (table: string) => `export async function up({ context }: any) { await context.createTable('${table}', { id: { type: 'INTEGER', primaryKey: true } }); }\nexport async function down({ context }: any) { await context.dropTable('${table}'); }\n`;
    const root = project({
      'package.json': JSON.stringify({ name: 'ledger', dependencies: { umzug: '^3.8.0', sequelize: '^6.0.0', mysql2: '^3.0.0' }, scripts: { migrate: 'tsx src/migrations/cli.ts up' } }),
      'src/migrations/migrator.ts': `import { Umzug, SequelizeStorage } from 'umzug';\nexport const migrator = (sequelize: any) => new Umzug({ migrations: { glob: ['*.ts', { cwd: __dirname, ignore: ['**/migrator.ts', '**/cli.ts'] }] }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }) });\n`,
      'src/migrations/cli.ts': `import { migrator } from './migrator';\nconst command = process.argv[2];\nif (command === 'up') migrator({} as any).up();\nelse if (command === 'down') migrator({} as any).down();\n`,
      'src/migrations/20240101-accounts.ts': migration('accounts'),
      'src/migrations/20240102-entries.ts': migration('entries'),
    });
    const [info] = discoverLayouts(root);
    expect(info!.runner).toMatchObject({ kind: 'umzug', filter: { ignore: ['**/migrator.ts', '**/cli.ts'] } });
    const result = await analyzeProject(root);
    expect(result.project.migrations.map((m) => m.name)).toEqual(['20240101-accounts.ts', '20240102-entries.ts']);
    expect(result.findings.filter((f) => f.rule === 'valid-migration-file')).toEqual([]);
  });

  it('umzug 3 glob with a cwd: the pattern is relative to it; a cwd computed at run time leaves the folder to the search, which takes every folder named migrations and leaves the others out', async () => {
    const migration = (table: string) => `export async function up({ context }: any) { await context.addColumn('${table}', 'note', {}); }\nexport async function down({ context }: any) { await context.removeColumn('${table}', 'note'); }\n`;
    const helper = `export function up(context: any) { return context.level + 1; }\nexport function down(context: any) { return context.level - 1; }\n`;
    const known = project({
      'src/db/migrator.ts': `import { Umzug, SequelizeStorage } from 'umzug';\nexport const migrator = (sequelize: any) => new Umzug({ migrations: { glob: ['*.ts', { cwd: __dirname + '/steps' }] }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }) });\n`,
      'src/db/steps/001-a.ts': migration('a'),
      'src/db/steps/002-b.ts': migration('b'),
    });
    expect(discoverLayouts(known).map((i) => i.migrationsDir)).toEqual(['src/db/steps']);
    const computed = project({
      'lib/database.ts': `import { Umzug, SequelizeStorage } from 'umzug';\nexport class Database {\n  constructor(private readonly migrationsPath: string) {}\n  open(sequelize: any) { return new Umzug({ migrations: { glob: ['*.js', { cwd: this.migrationsPath }] }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }) }); }\n}\n`,
      'core/game/migrations/001-a.ts': migration('a'),
      'core/game/migrations/002-b.ts': migration('b'),
      'core/logs/migrations/001-c.ts': migration('c'),
      'core/logs/migrations/002-d.ts': migration('d'),
      'core/utils/levels.ts': helper,
      'core/utils/ranks.ts': helper,
    });
    const infos = discoverLayouts(computed);
    expect(infos.map((i) => i.migrationsDir)).toEqual(['core/game/migrations', 'core/logs/migrations']);
    expect(infos[0]!.runner!.notes.join(' ')).toMatch(/analyzed the 2 folders named migrations, each on its own/);
    // The umzug that computes its folder runs them: no `.down()` anywhere, so a `down` never runs; its `*.js` filter
    // (compiled output) is not applied to the sources read here.
    expect(infos[0]!.runner).toMatchObject({ kind: 'umzug', downRunnable: 'no', evidence: { file: 'lib/database.ts', line: 4 } });
    expect(infos[0]!.runner!.notes.join(' ')).toMatch(/The umzug at lib\/database.ts:4 computes its migrations folder at run time; it runs the folder found by search\./);
    const result = await analyzeProject(computed);
    expect(result.project.migrations.map((m) => m.name)).toEqual(['001-a.ts', '002-b.ts', '001-c.ts', '002-d.ts']);
  });

  it('folders named migrations_<database> (migrations_user, migrations_reports) are migrations folders too', () => {
    const migration = (table: string) => `module.exports = { up: async ({ context: queryInterface }) => { await queryInterface.addColumn('${table}', 'x', {}); }, down: async () => {} };\n`;
    const dir = project({
      'src/database/migrations_user/001-a.js': migration('a'),
      'src/database/migrations_user/002-b.js': migration('b'),
      'src/database/migrations_reports/001-c.js': migration('c'),
      'src/database/migrations_reports/002-d.js': migration('d'),
    });
    expect(discoverLayouts(dir).map((i) => i.migrationsDir)).toEqual(['src/database/migrations_reports', 'src/database/migrations_user']);
  });

  it('a .sequelizerc pointing into an output folder of another name (jsToTsDist/, compiled/) is read from the source folder with the same path under src/', () => {
    const dir = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('jsToTsDist', 'database', 'migrations') };\n`,
      'src/database/migrations/01-create.ts': `module.exports = { up: async (qi: any) => { await qi.createTable('events', {}); }, down: async (qi: any) => { await qi.dropTable('events'); } };\n`,
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('src/database/migrations');
    expect(info!.runner!.notes.join(' ')).toMatch(/points at jsToTsDist\/database\/migrations, compiled output that is not in the repository; analyzed its source src\/database\/migrations instead/);
  });

  it.each([
    { name: 'tsconfig.json without allowJs: tsc never copies the .js migrations into dist, only the .ts ones are read (hold-out 55)', tsconfig: '{ "compilerOptions": { "outDir": "./dist" } }\n', build: 'tsc', files: ['src/database/migrations/01-create.ts'] },
    { name: 'allowJs: true: both', tsconfig: '{ "compilerOptions": { "outDir": "./dist", "allowJs": true } }\n', build: 'tsc', files: ['src/database/migrations/01-create.ts', 'src/database/migrations/02-legacy.js'] },
    { name: 'a build that copies files into dist: both', tsconfig: '{ "compilerOptions": { "outDir": "./dist" } }\n', build: 'tsc && copyfiles -u 1 src/**/*.js dist', files: ['src/database/migrations/01-create.ts', 'src/database/migrations/02-legacy.js'] },
    { name: 'a tsconfig that extends another: both (it may set allowJs)', tsconfig: '{ "extends": "./tsconfig.base.json" }\n', build: 'tsc', files: ['src/database/migrations/01-create.ts', 'src/database/migrations/02-legacy.js'] },
  ])('a .sequelizerc pointing at dist/, read from src/: $name', ({ tsconfig, build, files }) => {
    const dir = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('dist', 'database', 'migrations') };\n`,
      'package.json': JSON.stringify({ name: 'chat', scripts: { build }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
      'tsconfig.json': tsconfig,
      'src/database/migrations/01-create.ts': `module.exports = { up: async (qi: any) => { await qi.createTable('events', {}); }, down: async (qi: any) => { await qi.dropTable('events'); } };\n`,
      'src/database/migrations/02-legacy.js': `module.exports = { up: async (qi) => { await qi.addColumn('events', 'note', { type: 'TEXT' }); }, down: async () => {} };\n`,
    });
    const [info] = discoverLayouts(dir);
    expect(listMigrationFiles(info!)).toEqual(files);
  });

  it('a .sequelizerc whose folder holds no migration, while npm scripts run sequelize-cli with --options-path files, one per database: the folders those files name, each on its own', () => {
    const migration = (table: string) => `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('${table}', {}); }, down: async () => {} };\n`;
    const rc = (db: string) => `const path = require('path');\nmodule.exports = { config: path.resolve('./app/config', 'config.js'), 'migrations-path': path.resolve('./app/migrations/${db}') };\n`;
    const dir = project({
      'package.json': JSON.stringify({
        name: 'search',
        dependencies: { sequelize: '^6.0.0', 'sequelize-cli': '^6.0.0', pg: '^8.0.0' },
        scripts: { 'main:migrate': 'sequelize --options-path ./.sequelize-main --env main db:migrate', 'jobs:migrate': 'sequelize --options-path ./.sequelize-jobs --env jobs db:migrate' },
      }),
      '.sequelizerc': `const path = require('path');\nmodule.exports = { config: path.resolve('./app/config', 'config.js'), 'migrations-path': path.resolve('./app/migrations') };\n`,
      '.sequelize-main': rc('main'),
      '.sequelize-jobs': rc('jobs'),
      'app/config/config.js': `module.exports = { main: { dialect: 'postgres' }, jobs: { dialect: 'postgres' } };\n`,
      'app/migrations/main/20210101000000-a.js': migration('a'),
      'app/migrations/main/20210102000000-b.js': migration('b'),
      'app/migrations/jobs/20210101000000-c.js': migration('c'),
    });
    const layouts = discoverLayouts(dir);
    expect(layouts.map((i) => i.migrationsDir)).toEqual(['app/migrations/jobs', 'app/migrations/main']);
    expect(layouts[0]!.runner!.notes.join(' ')).toMatch(/\.sequelizerc points at app\/migrations, which holds no migration file; the npm scripts run sequelize-cli with their own folders/);
  });

  it('a .sequelizerc pointing at compiled output whose source folder holds no migration but one release subfolder that does (src/migrations/v1.0, run by a script once per folder): that subfolder', () => {
    const dir = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve(__dirname, 'dist/migrations') };\n`,
      'src/migrations/v1.0/20250721010101-create-user.ts': `module.exports = { up: async (qi: any) => { await qi.createTable('users', {}); }, down: async (qi: any) => { await qi.dropTable('users'); } };\n`,
      'src/migrations/v1.0/20250721010102-create-stores.ts': `module.exports = { up: async (qi: any) => { await qi.createTable('stores', {}); }, down: async (qi: any) => { await qi.dropTable('stores'); } };\n`,
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('src/migrations/v1.0');
    const notes = info!.runner!.notes.join(' ');
    expect(notes).toMatch(/points at dist\/migrations, compiled output that is not in the repository; analyzed its source src\/migrations instead/);
    expect(notes).toMatch(/analyzed src\/migrations\/v1\.0 inside it \(2 files that export `up`\)/);
  });

  it('a .sequelizerc folder with no migration in it, whose one subfolder holds them (migrations/migrations beside migrations/config): that subfolder, with a note; an empty one stays empty', () => {
    const migration = (table: string) => `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('${table}', {}); }, down: async () => {} };\n`;
    const dir = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('migrations'), config: path.resolve('migrations/config/config.js') };\n`,
      'migrations/config/config.js': `module.exports = { production: { dialect: 'postgres' } };\n`,
      'migrations/migrations/20170101000000-a.js': migration('a'),
      'migrations/migrations/20170102000000-b.js': migration('b'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('migrations/migrations');
    expect(info!.runner!.notes.join(' ')).toMatch(/\.sequelizerc points at migrations, which holds no migration file; analyzed migrations\/migrations inside it \(2 files that export `up`\)/);
    const empty = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('db', 'migrations') };\n`,
      'db/migrations/.gitkeep': '',
      'other/20170101000000-a.js': migration('a'),
      'other/20170102000000-b.js': migration('b'),
    });
    expect(discoverLayouts(empty)[0]!.migrationsDir).toBe('db/migrations');
  });

  it('several folders of migrations and none named like one: a usage error that lists them', () => {
    const migration = `module.exports = { up: async (queryInterface) => { await queryInterface.createTable('t', {}); }, down: async () => {} };\n`;
    const dir = project({ 'alpha/1.js': migration, 'alpha/2.js': migration, 'beta/1.js': migration, 'beta/2.js': migration });
    expect(() => discoverLayouts(dir)).toThrow(/several folders hold migrations and nothing says which one the runner reads:\n {2}alpha \(2 files\)\n {2}beta \(2 files\)/);
  });

  it('a .sequelizerc that points at compiled output falls back to the TypeScript source, with a note', async () => {
    const dir = project({
      '.sequelizerc': `const path = require('path');\nmodule.exports = {\n  'migrations-path': path.resolve(__dirname, 'build', 'database', 'migrations'),\n  'models-path': path.resolve(__dirname, 'build', 'database', 'models'),\n  config: path.resolve(__dirname, 'build', 'database', 'config', 'database.js'),\n};\n`,
      'src/database/migrations/01-create.ts': `module.exports = { up: async (qi: any) => { await qi.createTable('events', {}); }, down: async (qi: any) => { await qi.dropTable('events'); } };\n`,
      'src/database/models/event.ts': 'export {};\n',
      'src/database/config/database.ts': `export = { dialect: 'postgres' };\n`,
    });
    const [info] = discoverLayouts(dir);
    expect(info).toMatchObject({ migrationsDir: 'src/database/migrations', modelsDir: 'src/database/models', configFile: 'src/database/config/database.ts', layoutSource: '.sequelizerc' });
    expect(info!.runner!.notes[0]).toMatch(/points at build\/database\/migrations, compiled output that is not in the repository; analyzed its source src\/database\/migrations instead/);
    const result = await analyzeProject(dir);
    expect(result.project.migrations.map((m) => m.name)).toEqual(['01-create.ts']);
  });

  it('two migration sets named by npm scripts (--options-path) are analyzed each on its own', async () => {
    const options = (set: string) => `const path = require('node:path');\nmodule.exports = {\n  config: path.resolve('./db/${set}', 'config.js'),\n  'migrations-path': path.resolve('./db/${set}/migrations'),\n};\n`;
    const dir = project({
      'package.json': JSON.stringify(
        {
          name: 'db',
          scripts: {
            'db:main:migrate': 'pnpm sequelize db:migrate --options-path db/main/options.js',
            'db:main:undo': 'pnpm sequelize db:migrate:undo --options-path db/main/options.js',
            'db:catalog:migrate': 'pnpm sequelize db:migrate --options-path db/catalog/options.js',
          },
        },
        null,
        2,
      ),
      'db/main/options.js': options('main'),
      'db/main/config.js': 'module.exports = { development: { dialect: "postgres" } };\n',
      'db/main/migrations/20240101000000-create.js': MIGRATION('users'),
      'db/catalog/options.js': options('catalog'),
      'db/catalog/config.js': 'module.exports = { development: { dialect: "postgres" } };\n',
      'db/catalog/migrations/20240101000000-create.js': MIGRATION('foods'),
    });
    const infos = discoverLayouts(dir);
    expect(infos.map((i) => [i.migrationsDir, i.configFile, i.runner!.kind, i.runner!.evidence!.line])).toEqual([
      ['db/catalog/migrations', 'db/catalog/config.js', 'sequelize-cli', 6],
      ['db/main/migrations', 'db/main/config.js', 'sequelize-cli', 4],
    ]);
    const result = await analyzeProject(dir);
    expect(result.project.project.migrationSets).toEqual(['db/catalog/migrations', 'db/main/migrations']);
    // Same file name in both sets: two migrations of two databases, not a duplicate.
    expect(result.project.migrations.map((m) => m.file)).toEqual(['db/catalog/migrations/20240101000000-create.js', 'db/main/migrations/20240101000000-create.js']);
    expect(result.findings.filter((f) => f.rule === 'valid-migration-order')).toEqual([]);
  });

  it('an umzug set up to seed data (seeders/, storage seeder_meta) is no migration set; a migrator whose glob wants .ts over a folder of .js files reads them all, with notes', async () => {
    const umzug = `import { Umzug, SequelizeStorage } from 'umzug';
import { Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL);
export const migrator = new Umzug({ migrations: { glob: ['migrations/*.ts', { cwd: __dirname }] }, context: sequelize, storage: new SequelizeStorage({ sequelize }) });
export const seeder = new Umzug({ migrations: { glob: ['seeders/*.ts', { cwd: __dirname }] }, context: sequelize, storage: new SequelizeStorage({ sequelize, modelName: 'seeder_meta' }) });
`;
    const seed = `export const up = async ({ context: sequelize }) => { await sequelize.query('TRUNCATE TABLE users CASCADE'); await sequelize.getQueryInterface().bulkInsert('users', [{ id: 1 }]); };\nexport const down = async () => {};\n`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'books', dependencies: { sequelize: '6', umzug: '3', pg: '8' } }),
      'umzug.ts': umzug,
      'migrations/20220101000000-create-users.js': MIGRATION('users'),
      'migrations/20220102000000-create-books.js': MIGRATION('books'),
      'seeders/2021.11.13T18.06.16.sample-users.ts': seed,
      'seeders/2021.11.14T18.06.16.sample-books.ts': seed,
    });
    const infos = discoverLayouts(dir);
    expect(infos.map((i) => i.migrationsDir)).toEqual(['migrations']);
    const notes = infos[0]!.runner!.notes.join(' ');
    expect(notes).toMatch(/seeders is the folder of the umzug at umzug\.ts:5 \(storage seeder_meta\), set up to seed data: not analyzed as migrations\./);
    expect(notes).toMatch(/The umzug at umzug\.ts:4 loads only \.ts files from migrations, and it holds none: analyzed its 2 migration files of other extensions/);
    const result = await analyzeProject(dir);
    expect(result.project.migrations.map((m) => m.name)).toEqual(['20220101000000-create-users.js', '20220102000000-create-books.js']);
    expect(result.findings.filter((f) => f.file.startsWith('seeders/'))).toEqual([]);
  });

  it.each([
    { name: 'only umzug.up() at start-up', start: 'await umzug.up();', down: 'no', onError: 'stops' },
    { name: 'a rollback script calling umzug.down()', start: "await umzug.up();\nexport const rollback = () => umzug.down();\nif (process.argv[2] === 'down') await rollback();", down: 'yes', onError: 'stops' },
  ])('an umzug whose resolve runs each migration (`down: () => migration.down(context)`): that is how a migration runs down, not a call of it ($name)', ({ start, down }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'feedback', type: 'module', dependencies: { sequelize: '6', umzug: '3', pg: '8' } }),
      'src/server/db/dbConnection.js': `import { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
export const sequelize = new Sequelize(process.env.DATABASE_URL);
const umzug = new Umzug({
  migrations: {
    glob: 'src/server/migrations/*.js',
    resolve: ({ name, path, context }) => {
      const migration = require(path);
      return { name, up: async () => migration.up(context), down: async () => migration.down(context) };
    },
  },
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize, tableName: 'migrations' }),
});
${start}
`,
      'src/server/migrations/20210101_00_init.js': MIGRATION('users'),
      'src/server/migrations/20210102_00_feedback.js': MIGRATION('feedbacks'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', downRunnable: down, evidence: { file: 'src/server/db/dbConnection.js', line: 6 } });
  });

  it.each([
    { type: 'module', kind: 'umzug', dir: 'src/migrations' },
    // A CommonJS package compiles the file to CommonJS, where `import.meta` is a syntax error: the module never runs.
    { type: 'commonjs', kind: 'sequelize-cli', dir: 'src/migrations' },
  ])('a TypeScript umzug in a "type": "$type" package whose glob cwd is built from import.meta.url and points at compiled dist/: $kind', ({ type, kind, dir: migrationsDir }) => {
    const TS_MIGRATION = (table: string) => `export const up = async ({ context }: any) => { await context.sequelize.getQueryInterface().createTable('${table}', {}); };\nexport const down = async () => {};\n`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'bot', type, dependencies: { sequelize: '6', umzug: '3', sqlite3: '5' } }),
      'src/lib/database.ts': `import path from 'path';
import { Umzug, SequelizeStorage } from 'umzug';
export class Database {
  db: any;
  async doMigrations() {
    const umzug = new Umzug({
      migrations: { glob: ['migrations/*.js', { cwd: path.join(path.dirname(import.meta.url.replace('file://', '')), '..', '..', 'dist') }] },
      context: { sequelize: this.db },
      storage: new SequelizeStorage({ sequelize: this.db }),
      logger: console,
    });
    return umzug.up();
  }
}
`,
      'src/migrations/00001-bootstrap.ts': TS_MIGRATION('users'),
      'src/migrations/00002-roles.ts': TS_MIGRATION('roles'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe(migrationsDir);
    expect(info!.runner!.kind).toBe(kind);
    if (kind === 'umzug') {
      expect(info!.runner!.downRunnable).toBe('no');
      expect(info!.runner!.notes.join(' ')).toMatch(/src\/lib\/database\.ts:6 reads dist\/migrations, compiled output that is not in the repository; read its source src\/migrations\./);
    }
  });

  it('an ES module umzug whose glob is relative to the module (cwd from import.meta.url), beside a model loader that lists models/ and calls migrator.up(): the migrations folder, not the models', () => {
    const base = 'src/repository/sequelize';
    const dir = project({
      'package.json': JSON.stringify({ name: 'node', type: 'module', dependencies: { sequelize: '6', umzug: '3', mysql2: '3' } }),
      [`${base}/sequelize-migrator.js`]: `import { Umzug, SequelizeStorage } from 'umzug';
import path from 'path';
import { fileURLToPath } from 'url';
export default function createMigrator(sequelize) {
  return new Umzug({
    migrations: { glob: ['migrations/*.{js,cjs,mjs}', { cwd: path.dirname(fileURLToPath(import.meta.url)) }] },
    context: { queryInterface: sequelize.getQueryInterface() },
    storage: new SequelizeStorage({ sequelize, tableName: 'sequelize_meta' }),
  });
}
`,
      [`${base}/sequelize-repository.js`]: `import fs from 'fs';
import path from 'path';
import createMigrator from './sequelize-migrator.js';
export default class Repository {
  async migrate() { await createMigrator(this.sequelize).up(); }
  async loadModels() {
    const files = (await fs.promises.readdir(path.join(__dirname, 'models'))).filter((f) => f.slice(-3) === '.js');
    for (const file of files) { const { default: f } = await import(\`./models/\${file}\`); f(this.sequelize, this.DataTypes); }
  }
}
`,
      [`${base}/models/user.js`]: `export default (sequelize, DataTypes) => sequelize.define('user', { name: DataTypes.STRING });\n`,
      [`${base}/migrations/20220101000000-create-user.js`]: MIGRATION('users'),
      [`${base}/migrations/20220102000000-create-shard.js`]: MIGRATION('shards'),
    });
    const infos = discoverLayouts(dir);
    expect(infos.map((i) => i.migrationsDir)).toEqual([`${base}/migrations`]);
    const [info] = infos;
    expect(info).toMatchObject({ migrationsDir: `${base}/migrations`, layoutSource: 'runner' });
    expect(info!.runner).toMatchObject({ kind: 'umzug', storage: 'sequelize_meta', evidence: { file: `${base}/sequelize-migrator.js` } });
  });

  it('an umzug whose glob is a list of patterns in a variable (a default a plugin loader may override): the folder of its patterns', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'api', dependencies: { sequelize: '6', umzug: '3', mysql2: '3' } }),
      'scripts/migrate-database.js': `const { Umzug, SequelizeStorage } = require('umzug');
const db = require('../src/db');
let migrationGlobs = ['./db/updates/*.js'];
try {
  migrationGlobs = require('@acme/plugin-loader').getPluginMigrationGlobs();
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND') console.error(err);
}
const umzug = new Umzug({ migrations: { glob: migrationGlobs }, context: db.sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: 'migrations' }) });
umzug.up();
`,
      'db/updates/001-create-users.js': MIGRATION('users'),
      'db/updates/002-create-ideas.js': MIGRATION('ideas'),
      'db/seeds/001-users.js': MIGRATION('users'),
      'db/seeds/002-ideas.js': MIGRATION('ideas'),
    });
    const [info] = discoverLayouts(dir);
    expect(info).toMatchObject({ migrationsDir: 'db/updates', layoutSource: 'runner', runner: { kind: 'umzug', storage: 'migrations', evidence: { file: 'scripts/migrate-database.js' } } });
  });

  it('two umzugs on one folder, one that only marks migrations done on a new database and one that migrates and rolls back: the one that runs down is the runner', () => {
    const umzug = (extra: string) => `const { Umzug, SequelizeStorage } = require('umzug');
const db = require('../src/db');
const umzug = new Umzug({ migrations: { glob: './db/updates/*.js' }, context: db.sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: 'migrations' }) });
${extra}
`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'api', dependencies: { sequelize: '6', umzug: '3', mysql2: '3' } }),
      'scripts/init-database.js': umzug("(async () => { await db.sequelize.sync({ force: true }); for (const m of await umzug.pending()) await umzug.storage.logMigration({ name: m.name }); })();"),
      'scripts/migrate-database.js': umzug("(async () => { if (process.argv.includes('down')) await umzug.down({ step: 1 }); else await umzug.up(); })();"),
      'db/updates/001-create-users.js': MIGRATION('users'),
      'db/updates/002-create-ideas.js': MIGRATION('ideas'),
    });
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', downRunnable: 'yes', evidence: { file: 'scripts/migrate-database.js' } });
  });

  it('two migration sets sharing one database config: a finding of that config is reported once, not once per set', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'books', dependencies: { sequelize: '6', pg: '8' }, devDependencies: { 'sequelize-cli': '6' } }),
      'config/config.json': JSON.stringify({ production: { dialect: 'postgres', host: 'db.example.com', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } } }, null, 2),
      'db/migrations/20240101000000-create.js': MIGRATION('users'),
      'db/migrations/20240102000000-create.js': MIGRATION('books'),
      'audit/migrations/20240101000000-create.js': MIGRATION('events'),
      'audit/migrations/20240102000000-create.js': MIGRATION('entries'),
    });
    const result = await analyzeProject(dir);
    expect(result.project.project.migrationSets).toEqual(['audit/migrations', 'db/migrations']);
    const config = result.findings.filter((f) => f.file === 'config/config.json');
    expect(config.map((f) => f.messageId)).toEqual(['sslRejectUnauthorizedFalse']);
  });

  it('a wrapper npm script (babel-node on the sequelize bin with --config) names the config for every subcommand', () => {
    const dir = project({
      'package.json': JSON.stringify(
        {
          name: 'api',
          scripts: {
            'db:migrate': './scripts/sequelize.sh db:migrate',
            sequelize: 'babel-node --extensions .js,.ts -- ./node_modules/.bin/sequelize --config config/cli.js',
          },
        },
        null,
        2,
      ),
      'config/cli.js': 'module.exports = { production: { dialect: "postgres", use_env_variable: "DATABASE_URL" } };\n',
      'migrations/20240101000000-a.js': MIGRATION('a'),
    });
    const [info] = discoverLayouts(dir);
    expect(info).toMatchObject({ migrationsDir: 'migrations', configFile: 'config/cli.js' });
  });

  it('a project that ships only a .sequelizerc template is read through it', () => {
    const dir = project({
      '.sequelizerc.example': `const path = require('path')\nmodule.exports = { 'migrations-path': path.resolve('lib', 'migrations'), 'models-path': path.resolve('lib', 'models') }\n`,
      'package.json': JSON.stringify({ name: 'notes', scripts: { start: 'sequelize db:migrate && node app.js' } }),
      'lib/migrations/20160101000000-a.js': MIGRATION('notes'),
      'lib/models/note.js': 'module.exports = {}\n',
    });
    const [info] = discoverLayouts(dir);
    expect(info).toMatchObject({ migrationsDir: 'lib/migrations', modelsDir: 'lib/models' });
    expect(info!.runner).toMatchObject({ kind: 'sequelize-cli', evidence: { file: 'package.json', line: 1 } });
    expect(info!.runner!.notes).toEqual(['There is no .sequelizerc; read .sequelizerc.example, the template the project ships for it.']);
  });

  it('with no configuration at all, the one folder of migrations is found by search; several stop with the list', () => {
    const one = project({ 'server/db/changes/001-a.js': MIGRATION('a'), 'server/db/changes/002-b.js': MIGRATION('b'), 'node_modules/x/migrations/001.js': MIGRATION('x'), 'node_modules/x/migrations/002.js': MIGRATION('x') });
    const [info] = discoverLayouts(one);
    expect(info).toMatchObject({ migrationsDir: 'server/db/changes', layoutSource: 'search' });
    const two = project({ 'a/m/001-a.js': MIGRATION('a'), 'a/m/002-b.js': MIGRATION('b'), 'b/m/001-a.js': MIGRATION('a'), 'b/m/002-b.js': MIGRATION('b') });
    expect(() => discoverLayouts(two)).toThrow(UsageError);
    expect(() => discoverLayouts(two)).toThrow(/several folders hold migrations[\s\S]*  a\/m \(2 files\)\n  b\/m \(2 files\)\npass one of them with --migrations <dir>/);
  });
});

/**
 * umzug 2's `customResolver` / `wrap` and umzug 3's `resolve` stand in for each migration's up and down. A managed
 * `sequelize.transaction(cb)` around the call makes the migration atomic when the callback hands its transaction
 * on, or when the project enables CLS (then every query of the callback joins it); otherwise the migration's
 * queries run outside it.
 */
describe('a transaction that umzug wraps around each migration', () => {
  const WITH_CLS = `const { createNamespace } = require('cls-hooked')
const { Sequelize } = require('sequelize')
Sequelize.useCLS(createNamespace('app-db'))
module.exports = new Sequelize(process.env.DATABASE_URL)
`;
  const WITHOUT_CLS = `const { Sequelize } = require('sequelize')
// Sequelize.useCLS(ns) was tried once; queries pass { transaction } by hand instead
module.exports = new Sequelize(process.env.DATABASE_URL)
`;
  // umzug 2 through lodash: each up / down wrapped by a helper that opens a managed transaction.
  const lodashWrap = (callback: string) => `const Umzug = require('umzug')
const path = require('path')
const { mapValues, pick, wrap } = require('lodash')
const sequelize = require('./database')
function migrator() {
  return new Umzug({
    migrations: {
      path: path.join(__dirname, 'migrations'),
      params: [sequelize.getQueryInterface()],
      customResolver: (file) => {
        const inTransaction = (step, ...args) => sequelize.transaction(${callback})
        return mapValues(pick(require(file), ['up', 'down']), (step) => wrap(step, inTransaction))
      },
    },
    storage: 'sequelize',
    storageOptions: { sequelize },
  })
}
module.exports = { migrate: () => migrator().up() }
`;
  const umzug2Wrap = `const Umzug = require('umzug')
const path = require('path')
const sequelize = require('./database')
const umzug = new Umzug({
  migrations: {
    path: path.join(__dirname, 'migrations'),
    params: [sequelize.getQueryInterface()],
    wrap: (step) => (...args) => sequelize.transaction(() => step(...args)),
  },
  storage: 'sequelize',
  storageOptions: { sequelize },
})
module.exports = umzug
`;
  // umzug 3, with the transaction helper declared beside the constructor.
  const umzug3Resolve = (helper: string) => `import { Umzug, SequelizeStorage } from 'umzug';
import sequelize from './database';

${helper}

export const umzug = new Umzug({
  migrations: {
    glob: 'db/migrations/*.js',
    resolve: ({ name, path, context }) => {
      const migration = require(path!);
      return { name, up: () => atomically(migration.up, context), down: () => atomically(migration.down, context) };
    },
  },
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: undefined,
});
`;
  const cases: { name: string; files: Record<string, string>; transaction: 'per-migration' | 'none'; evidenceLine?: number; note: RegExp }[] = [
    {
      name: 'umzug 2 customResolver, lodash wrap, a callback that passes nothing on, CLS enabled: one transaction each',
      files: { 'db/umzug.js': lodashWrap('() => step(...args)'), 'db/database.js': WITH_CLS },
      transaction: 'per-migration',
      evidenceLine: 11,
      note: /its queries join it through CLS, which the project enables \(db\/database\.js:3\)/,
    },
    {
      name: 'the same without CLS (a useCLS in a comment does not count): the queries run outside the transaction',
      files: { 'db/umzug.js': lodashWrap('() => step(...args)'), 'db/database.js': WITHOUT_CLS },
      transaction: 'none',
      note: /db\/umzug\.js:11 wraps each migration in sequelize\.transaction\(\), but the callback passes no transaction on .* does not enable CLS/,
    },
    {
      name: 'a callback that hands its transaction to the migration: one transaction each, CLS or not',
      files: { 'db/umzug.js': lodashWrap('(t) => step(...args, t)'), 'db/database.js': WITHOUT_CLS },
      transaction: 'per-migration',
      evidenceLine: 11,
      note: /^$/,
    },
    {
      name: "umzug 2's wrap option with CLS enabled",
      files: { 'db/umzug.js': umzug2Wrap, 'db/database.js': WITH_CLS },
      transaction: 'per-migration',
      evidenceLine: 8,
      note: /through CLS/,
    },
    {
      name: "umzug 2's wrap option without CLS",
      files: { 'db/umzug.js': umzug2Wrap, 'db/database.js': WITHOUT_CLS },
      transaction: 'none',
      note: /does not enable CLS/,
    },
    {
      name: 'umzug 3 resolve through a helper of the module that passes { transaction }',
      files: {
        'db/umzug.ts': umzug3Resolve(`const atomically = (step: any, qi: any) => sequelize.transaction((transaction) => step({ context: qi, transaction }));`),
        'db/database.ts': WITHOUT_CLS,
      },
      transaction: 'per-migration',
      evidenceLine: 4,
      note: /^$/,
    },
    {
      name: 'umzug 3 resolve through an unmanaged transaction never handed on: CLS binds managed transactions only',
      files: {
        'db/umzug.ts': umzug3Resolve(`async function atomically(step: any, qi: any) {
  const t = await sequelize.transaction();
  try { await step({ context: qi }); await t.commit(); } catch (e) { await t.rollback(); throw e; }
}`),
        'db/database.ts': WITH_CLS,
      },
      transaction: 'none',
      note: /db\/umzug\.ts:5 opens a transaction around each migration but never passes it on/,
    },
  ];
  it.each(cases)('$name', ({ files, transaction, evidenceLine, note }) => {
    const dir = project({ ...files, 'db/migrations/20240101000000-a.js': MIGRATION('a'), 'db/migrations/20240102000000-b.js': MIGRATION('b') });
    const [info] = discoverLayouts(dir);
    expect(info!.migrationsDir).toBe('db/migrations');
    const runner = info!.runner!;
    expect(runner.kind).toBe('umzug');
    expect(runner.transaction).toBe(transaction);
    expect(runner.transactionEvidence?.line).toBe(evidenceLine);
    expect(runner.notes.join(' ')).toMatch(note);
  });

  it('the transaction decides the rules: an unguarded two-step migration is atomic with CLS, not without', async () => {
    const twoSteps = `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('teams', 'slug', { type: Sequelize.STRING });
    await queryInterface.addIndex('teams', ['slug'], { unique: true, name: 'teams_slug' });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('teams', 'slug');
  },
};
`;
    const guardFindings = async (database: string) => {
      const dir = project({ 'db/umzug.js': lodashWrap('() => step(...args)'), 'db/database.js': database, 'db/migrations/20240101000000-slug.js': twoSteps });
      const { findings } = await analyzeProject(dir);
      return findings.filter((f) => f.rule === 'require-idempotency-guard').map((f) => f.messageId);
    };
    expect(await guardFindings(WITH_CLS)).toEqual([]);
    expect(await guardFindings(WITHOUT_CLS)).toEqual(['notAtomicMinor']);
  });
});

/**
 * A monorepo's root package.json declares its packages: a migration set in a package folder that no pattern
 * matches (an old copy kept beside the new one) never runs.
 */
describe('migration sets of packages the workspaces leave out', () => {
  const umzugOf = (dir: string) => `const Umzug = require('umzug')
const path = require('path')
module.exports = (sequelize) => new Umzug({ migrations: { path: path.join(__dirname, '${dir}'), params: [sequelize.getQueryInterface()] }, storage: 'sequelize', storageOptions: { sequelize } }).up()
`;
  // Two copies of one package, each with its runner and migrations.
  const copies = (root: Record<string, unknown>, extra: Record<string, string> = {}) => ({
    'package.json': JSON.stringify({ name: 'clinic', private: true, ...root }, null, 2),
    'packages/server/package.json': JSON.stringify({ name: '@clinic/server' }),
    'packages/server/src/run-migrations.js': umzugOf('migrations'),
    'packages/server/src/migrations/001-a.js': MIGRATION('a'),
    'packages/server-old/package.json': JSON.stringify({ name: 'server-old' }),
    'packages/server-old/src/run-migrations.js': umzugOf('migrations'),
    'packages/server-old/src/migrations/001-a.js': MIGRATION('a'),
    ...extra,
  });
  const cases: { name: string; files: Record<string, string>; sets: string[]; note: RegExp | null }[] = [
    {
      name: 'an array that lists packages one by one',
      files: copies({ workspaces: ['packages/web', 'packages/server'] }),
      sets: ['packages/server/src/migrations'],
      note: /packages\/server-old\/src\/migrations was not analyzed: it lies in packages\/server-old, a package that none of the workspaces of package\.json:4 \(packages\/web, packages\/server\) matches/,
    },
    {
      name: "yarn's { packages } object with a glob and a negation",
      files: copies({ workspaces: { packages: ['packages/*', '!packages/server-old'], nohoist: ['**/react-native'] } }),
      sets: ['packages/server/src/migrations'],
      note: /packages\/server-old, a package that none of the workspaces/,
    },
    {
      name: 'a glob that matches both copies keeps both',
      files: copies({ workspaces: ['packages/*'] }),
      sets: ['packages/server-old/src/migrations', 'packages/server/src/migrations'],
      note: null,
    },
    {
      name: 'no workspaces declared: every set is kept',
      files: copies({}),
      sets: ['packages/server-old/src/migrations', 'packages/server/src/migrations'],
      note: null,
    },
    {
      name: "a set of the root's own folders (no package.json of its own) is kept",
      files: copies({ workspaces: ['packages/server'] }, { 'tools/run-migrations.js': umzugOf('../db/migrations'), 'db/migrations/001-a.js': MIGRATION('a') }),
      sets: ['db/migrations', 'packages/server/src/migrations'],
      note: /packages\/server-old\/src\/migrations was not analyzed/,
    },
    {
      name: 'a declaration that matches no set leaves them all rather than nothing',
      files: copies({ workspaces: ['apps/*'] }),
      sets: ['packages/server-old/src/migrations', 'packages/server/src/migrations'],
      note: null,
    },
  ];
  it.each(cases)('$name', ({ files, sets, note }) => {
    const infos = discoverLayouts(project(files));
    expect(infos.map((i) => i.migrationsDir)).toEqual(sets);
    const notes = infos[0]!.runner!.notes.join(' ');
    if (note) expect(notes).toMatch(note);
    else expect(notes).not.toMatch(/was not analyzed/);
  });

  it('found by search: the one folder left once the undeclared package is set aside', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'clinic', workspaces: ['packages/api'] }),
      'packages/api/package.json': '{}',
      'packages/api/db/001-a.js': MIGRATION('a'),
      'packages/api/db/002-b.js': MIGRATION('b'),
      'packages/api-2019/package.json': '{}',
      'packages/api-2019/db/001-a.js': MIGRATION('a'),
      'packages/api-2019/db/002-b.js': MIGRATION('b'),
    });
    const [info, ...others] = discoverLayouts(dir);
    expect(others).toEqual([]);
    expect(info).toMatchObject({ migrationsDir: 'packages/api/db', layoutSource: 'search' });
    expect(info!.runner!.notes.join(' ')).toMatch(/packages\/api-2019\/db was not analyzed/);
  });

  it('a useCLS() in the left-out copy enables nothing', () => {
    const resolverWithoutT = `const Umzug = require('umzug')
const path = require('path')
module.exports = (sequelize) => new Umzug({
  migrations: { path: path.join(__dirname, 'migrations'), params: [sequelize.getQueryInterface()], wrap: (step) => (...args) => sequelize.transaction(() => step(...args)) },
  storage: 'sequelize',
  storageOptions: { sequelize },
}).up()
`;
    const dir = project(
      copies(
        { workspaces: ['packages/server'] },
        {
          'packages/server/src/run-migrations.js': resolverWithoutT,
          'packages/server-old/src/database.js': "const { Sequelize } = require('sequelize')\nSequelize.useCLS(require('cls-hooked').createNamespace('db'))\n",
        },
      ),
    );
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'umzug', transaction: 'none' });
  });
});

/**
 * Which runner runs the folder when both an umzug module and an npm script's sequelize-cli read it: an umzug that
 * nothing runs (built only by exported functions that no module calls, and no npm script runs its module) is
 * dead code, and sequelize-cli is the runner. Anything that may run it keeps the umzug.
 */
describe('an umzug that nothing runs beside an npm script that runs sequelize-cli', () => {
  const helpers = `import { Umzug, SequelizeStorage } from 'umzug';
import { sequelize } from '../models';

export const pendingMigrations = () => {
  const umzug = new Umzug({ migrations: { glob: 'src/db/migrations/*.js' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: console });
  return umzug.pending();
};

export const runMigrations = () => {
  const umzug = new Umzug({ migrations: { glob: 'src/db/migrations/*.js' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: console });
  return umzug.up();
};
`;
  const server = (body: string) => `import express from 'express';
import {
  pendingMigrations,
  runMigrations,
} from './db/umzug-helpers';

const app = express();
${body}
app.listen(3000);
`;
  const files = (overrides: Record<string, string>, scripts: Record<string, string> = {}) => ({
    'package.json': JSON.stringify({ name: 'payments', scripts: { start: 'node dist/server.js', 'db:migrate': 'sequelize-cli db:migrate', ...scripts } }, null, 2),
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('src/db/migrations') };\n",
    'src/db/umzug-helpers.ts': helpers,
    'src/server.ts': server(''),
    'src/db/migrations/20240101000000-a.js': MIGRATION('a'),
    ...overrides,
  });
  const cases: { name: string; files: Record<string, string>; kind: 'sequelize-cli' | 'umzug' }[] = [
    { name: 'imported but never called: sequelize-cli', files: files({}), kind: 'sequelize-cli' },
    { name: 'called at start-up: umzug', files: files({ 'src/server.ts': server('runMigrations().then(() => console.log("migrated"));') }), kind: 'umzug' },
    { name: 'handed over as a callback: umzug', files: files({ 'src/server.ts': server('app.on("mount", runMigrations);') }), kind: 'umzug' },
    { name: 'an npm script runs the module (compiled): umzug', files: files({}, { migrate: 'node -e "require(\'./dist/db/umzug-helpers\')"' }), kind: 'umzug' },
    { name: 'an npm script names the function: umzug', files: files({}, { migrate: "ts-node -e \"import('./src/db/umzug-helpers').then((m) => m.runMigrations())\"" }), kind: 'umzug' },
    {
      name: 'built at the top level of its module: umzug',
      files: files({
        'src/db/umzug-helpers.ts': `import { Umzug, SequelizeStorage } from 'umzug';\nimport { sequelize } from '../models';\n\nexport const umzug = new Umzug({ migrations: { glob: 'src/db/migrations/*.js' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: console });\n`,
      }),
      kind: 'umzug',
    },
    {
      name: 'a builder the module itself uses: umzug',
      files: files({ 'src/db/umzug-helpers.ts': `${helpers}\nexport const migrateIfNeeded = async () => { if ((await pendingMigrations()).length > 0) await runMigrations(); };\n` }),
      kind: 'umzug',
    },
    {
      name: 'CommonJS exports never called: sequelize-cli',
      files: files({
        'src/db/umzug-helpers.ts': '',
        'src/db/umzug-helpers.js': `const { Umzug, SequelizeStorage } = require('umzug');\nconst { sequelize } = require('../models');\n\nfunction migrate() {\n  return new Umzug({ migrations: { glob: 'src/db/migrations/*.js' }, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: console }).up();\n}\n\nmodule.exports = { migrate };\n`,
        'src/server.ts': "const { migrate } = require('./db/umzug-helpers');\nconsole.log('ready');\n",
      }),
      kind: 'sequelize-cli',
    },
  ];
  it.each(cases)('$name', ({ files: f, kind }) => {
    const [info] = discoverLayouts(project(f));
    expect(info!.migrationsDir).toBe('src/db/migrations');
    expect(info!.runner!.kind).toBe(kind);
  });

  it('no npm script runs sequelize-cli: the umzug stays the runner, called or not', () => {
    const f = files({}, { 'db:migrate': 'echo "run the app"' });
    const [info] = discoverLayouts(project(f));
    expect(info!.runner).toMatchObject({ kind: 'umzug', evidence: { file: 'src/db/umzug-helpers.ts', line: 5 } });
  });

  it('sequelize-cli chosen: the note says why, and the rules name it', async () => {
    const dir = project(
      files({
        'src/db/migrations/20240101000000-a.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('orders', 'ref', { type: Sequelize.STRING });
    await queryInterface.addIndex('orders', ['ref'], { unique: true, name: 'orders_ref' });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('orders', 'ref');
  },
};
`,
      }),
    );
    const [info] = discoverLayouts(dir);
    expect(info!.runner).toMatchObject({ kind: 'sequelize-cli', evidence: { file: 'package.json', line: 5 }, downRunnable: 'yes' });
    expect(info!.runner!.notes).toEqual([
      'src/db/umzug-helpers.ts:5 sets up umzug for this folder, but no module of the project calls pendingMigrations() or runMigrations(), which src/db/umzug-helpers.ts exports, and no npm script runs it: the migrations run through sequelize-cli (package.json:5).',
    ]);
    const { findings } = await analyzeProject(dir);
    const guard = findings.find((f) => f.rule === 'require-idempotency-guard');
    expect(guard?.message).toMatch(/and sequelize-cli runs this migration outside a transaction/);
  });
});

describe('a runner in test code is not the project runner', () => {
  // A helper that applies the migrations to a test database, by listing the folder and calling `up`.
  const testSetup = (dir: string) => `const fs = require('fs')
const path = require('path')
async function applyAll (db) {
  const names = fs.readdirSync(path.join(__dirname, '${dir}')).filter((n) => n.endsWith('.js'))
  for (const n of names) {
    try {
      await require(path.join(__dirname, '${dir}', n)).up(db.getQueryInterface(), db.constructor)
    } catch (e) {
      console.error(e)
    }
  }
}
module.exports = { applyAll }
`;
  const base = {
    'package.json': JSON.stringify({ name: 'ledger', scripts: { start: 'node app.js' } }),
    'db/migrations/20240101000000-a.js': MIGRATION('a'),
    'db/migrations/20240102000000-b.js': MIGRATION('b'),
  };
  const cases: { name: string; files: Record<string, string>; kind: string; down: string; note: RegExp | null }[] = [
    {
      name: 'a helper in a testing folder: sequelize-cli on the default folder, with a note',
      files: { ...base, 'lib/testing/db.js': testSetup('../../db/migrations') },
      kind: 'sequelize-cli',
      down: 'yes',
      note: /^lib\/testing\/db\.js:4 runs these migrations too, but it lies in test code/,
    },
    {
      name: 'a bootstrap in a tester folder (a test database set up by umzug): sequelize-cli on the default folder',
      files: { ...base, 'src/tester/bootstrap.js': testSetup('../../db/migrations') },
      kind: 'sequelize-cli',
      down: 'yes',
      note: /^src\/tester\/bootstrap\.js:4 runs these migrations too, but it lies in test code/,
    },
    {
      name: 'a helper in a test-utils folder',
      files: { ...base, 'lib/test-utils/db.js': testSetup('../../db/migrations') },
      kind: 'sequelize-cli',
      down: 'yes',
      note: /lies in test code/,
    },
    {
      name: 'a helper named as a test file',
      files: { ...base, 'lib/db.spec-helper.test.js': testSetup('../db/migrations') },
      kind: 'sequelize-cli',
      down: 'yes',
      note: /lies in test code/,
    },
    {
      name: 'a helper outside test folders that only tests import',
      files: { ...base, 'lib/apply-migrations.js': testSetup('../db/migrations'), 'test/setup.js': "const { applyAll } = require('../lib/apply-migrations')\nbeforeAll(() => applyAll(global.db))\n" },
      kind: 'sequelize-cli',
      down: 'yes',
      note: /only tests import it \(test\/setup\.js\)/,
    },
    {
      name: 'the same helper imported by the application: the project runner',
      files: { ...base, 'lib/apply-migrations.js': testSetup('../db/migrations'), 'app.js': "const { applyAll } = require('./lib/apply-migrations')\napplyAll(require('./db'))\n", 'test/setup.js': "require('../lib/apply-migrations')\n" },
      kind: 'custom',
      down: 'no',
      note: null,
    },
    {
      name: 'the same helper as the program\'s entry point (package.json main, or require.main === module), also imported by a test: the project runner',
      files: { ...base, 'package.json': JSON.stringify({ name: 'ledger', main: './lib/apply-migrations.js' }), 'lib/apply-migrations.js': testSetup('../db/migrations'), 'test/setup.js': "require('../lib/apply-migrations')\n" },
      kind: 'custom',
      down: 'no',
      note: null,
    },
    {
      name: 'an entry point by require.main === module, also imported by a test: the project runner',
      files: { ...base, 'lib/apply-migrations.js': `${testSetup('../db/migrations')}\nif (require.main === module) module.exports.applyAll(require('../db'))\n`, 'test/setup.js': "require('../lib/apply-migrations')\n" },
      kind: 'custom',
      down: 'no',
      note: null,
    },
    {
      name: 'the same helper run by an npm script: the project runner',
      files: { ...base, 'package.json': JSON.stringify({ name: 'ledger', scripts: { migrate: 'node lib/apply-migrations.js' } }), 'lib/apply-migrations.js': testSetup('../db/migrations'), 'test/setup.js': "require('../lib/apply-migrations')\n" },
      kind: 'custom',
      down: 'no',
      note: null,
    },
  ];
  it.each(cases)('$name', ({ files, kind, down, note }) => {
    const [info] = discoverLayouts(project(files));
    expect(info!.migrationsDir).toBe('db/migrations');
    expect(info!.runner).toMatchObject({ kind, downRunnable: down });
    if (note) expect(info!.runner!.notes).toEqual(expect.arrayContaining([expect.stringMatching(note)]));
    else expect(info!.runner!.notes.join('\n')).not.toMatch(/test/);
  });
});

describe('a Node script that runs sequelize-cli in a child process', () => {
  // One script for two databases: the npm script's argument picks the folder.
  const migrateScript = (call: string) => `const { execSync, exec } = require('child_process')
const path = require('path')
const which = process.argv[2] || 'main'
const folder = \`\${which}/db/migrations\`
const models = \`\${which}/schema\`
const configFile = path.join(require('os').tmpdir(), 'sequelize-' + Date.now() + '.json')
${call}
`;
  const models = (name: string) => `module.exports = (sequelize, DataTypes) => sequelize.define('${name}', { title: DataTypes.STRING }, { tableName: '${name.toLowerCase()}s', timestamps: false })\n`;
  const base = (call: string, scripts: Record<string, string>) => ({
    'package.json': JSON.stringify({ name: 'twin', scripts }, null, 2),
    'tools/migrate.js': migrateScript(call),
    'main/db/migrations/20240101000000-a.js': MIGRATION('a'),
    'main/db/migrations/20240102000000-b.js': MIGRATION('b'),
    'main/schema/item.js': models('Item'),
    'audit/db/migrations/20240101000000-c.js': MIGRATION('c'),
    'audit/db/migrations/20240102000000-d.js': MIGRATION('d'),
    'audit/schema/entry.js': models('Entry'),
  });
  const both = { 'migrate:main': 'node tools/migrate.js main', 'migrate:audit': 'node tools/migrate.js audit' };
  const cases: { name: string; files: Record<string, string>; sets: string[]; models: (string | null)[]; evidenceLine: number | null }[] = [
    {
      name: 'exec of a template command, one npm script per database: both sets, their models',
      files: base('exec(`npx sequelize db:migrate --models-path ./${models} --migrations-path ./${folder} --config ${configFile}`, (err) => { if (err) throw err })', both),
      sets: ['audit/db/migrations', 'main/db/migrations'],
      models: ['audit/schema', 'main/schema'],
      evidenceLine: 7,
    },
    {
      name: 'execSync of a concatenated command',
      files: base("execSync('sequelize-cli db:migrate --migrations-path ' + folder, { stdio: 'inherit' })", both),
      sets: ['audit/db/migrations', 'main/db/migrations'],
      models: [null, null],
      evidenceLine: 7,
    },
    {
      name: 'spawn with an argument list, one npm script',
      files: base("require('child_process').spawnSync('npx', ['sequelize-cli', 'db:migrate', '--migrations-path', folder], { stdio: 'inherit' })", { 'migrate:main': 'node tools/migrate.js main' }),
      sets: ['main/db/migrations'],
      models: [null],
      evidenceLine: 7,
    },
    {
      name: 'a folder the command does not name statically: the search decides',
      files: base('exec(`npx sequelize db:migrate --migrations-path ${process.env.FOLDER}`)', both),
      sets: ['audit/db/migrations', 'main/db/migrations'],
      models: [null, null],
      evidenceLine: null,
    },
  ];
  it.each(cases)('$name', ({ files, sets, models: modelDirs, evidenceLine }) => {
    const infos = discoverLayouts(project(files));
    expect(infos.map((i) => i.migrationsDir)).toEqual(sets);
    expect(infos.map((i) => i.modelsDir)).toEqual(modelDirs);
    for (const info of infos) {
      expect(info.runner).toMatchObject({ kind: 'sequelize-cli', downRunnable: 'yes', onError: 'stops' });
      if (evidenceLine !== null) {
        expect(info.runner!.evidence).toMatchObject({ file: 'tools/migrate.js', line: evidenceLine });
        expect(info.runner!.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^package\.json:\d+ runs tools\/migrate\.js, which runs sequelize-cli db:migrate on this folder in a child process \(tools\/migrate\.js:7\)\.$/)]));
        expect(info.layoutSource).toBe('runner');
      } else {
        expect(info.layoutSource).toBe('search');
      }
    }
  });
});

describe('an umzug whose down() sits only in exported functions', () => {
  const runner = (extra = '') => `import { Umzug, SequelizeStorage } from 'umzug';
import { sequelize } from './db';

const umzug = new Umzug({
  migrations: { glob: 'migrations/*.js' },
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: console,
});

export async function applyPending() {
  await umzug.up();
}

export async function undoLast() {
  await umzug.down();
}
${extra}
export default umzug;
`;
  const files = (overrides: Record<string, string>, scripts: Record<string, string> = {}) => ({
    'package.json': JSON.stringify({ name: 'console', scripts: { start: 'node dist/main.js', ...scripts } }, null, 2),
    'src/migrator.ts': runner(),
    'src/main.ts': "import { applyPending } from './migrator';\napplyPending().then(() => console.log('up to date'));\n",
    'migrations/20240101000000-a.js': MIGRATION('a'),
    'migrations/20240102000000-b.js': MIGRATION('b'),
    ...overrides,
  });
  const cases: { name: string; files: Record<string, string>; down: 'yes' | 'no' }[] = [
    { name: 'nothing calls it: down never runs', files: files({}), down: 'no' },
    { name: 'a module calls it', files: files({ 'src/admin.ts': "import { undoLast } from './migrator';\nexport const onRollback = () => undoLast();\n" }), down: 'yes' },
    { name: 'an npm script calls it', files: files({}, { rollback: "ts-node -e \"require('./src/migrator').undoLast()\"" }), down: 'yes' },
    { name: 'an npm script runs the module', files: files({}, { migrate: 'ts-node src/migrator.ts' }), down: 'yes' },
    { name: 'the module calls it itself', files: files({ 'src/migrator.ts': runner("if (process.argv[2] === 'down') undoLast();\n") }), down: 'yes' },
    { name: 'a module calls down() on the exported umzug', files: files({ 'src/admin.ts': "import umzug from './migrator';\nexport const onRollback = () => umzug.down({ to: 0 });\n" }), down: 'yes' },
    {
      name: 'down() at the top level of a CLI module',
      files: files({ 'src/migrator.ts': runner().replace('export async function undoLast() {\n  await umzug.down();\n}\n', "if (process.argv[2] === 'down') umzug.down();\n") }),
      down: 'yes',
    },
  ];
  it.each(cases)('$name', ({ files: f, down }) => {
    const [info] = discoverLayouts(project(f));
    expect(info!.runner).toMatchObject({ kind: 'umzug', downRunnable: down });
    const note = info!.runner!.notes.find((n) => /never runs a `down`/.test(n));
    if (down === 'no') expect(note).toBe('src/migrator.ts:16 runs `down` only inside undoLast(), which src/migrator.ts exports but no module of the project calls and no npm script runs: this runner never runs a `down`.');
    else expect(note).toBeUndefined();
  });

  it('no-destructive-down says the step only runs by hand', async () => {
    const dir = project(files({ 'migrations/20240102000000-b.js': "module.exports = {\n  up: async (qi, S) => { await qi.addColumn('a', 'extra', { type: S.STRING }); },\n  down: async (qi) => { await qi.dropTable('a'); },\n};\n" }));
    const { findings } = await analyzeProject(dir);
    const drop = findings.find((f) => f.rule === 'no-destructive-down' && f.file.endsWith('-b.js'));
    expect(drop).toMatchObject({ messageId: 'downNeverRuns', severity: 'info' });
  });
});
