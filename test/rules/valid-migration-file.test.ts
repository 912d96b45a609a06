import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject } from '../eslint-rules/support';
import { useTempProjects } from '../helpers/temp-project';
import { ruleTests } from './rule-tester';
import { withRunner } from '../helpers/rules';

/** A migration written for a runner that calls what the file exports: `module.exports = async ({ sequelize }) => ...`. */
const functionExport = (table: string) => `module.exports = async ({ Sequelize, sequelize }) => {\n  await sequelize.queryInterface.addColumn('${table}', 'note', { type: Sequelize.TEXT });\n};\n`;

ruleTests('valid-migration-file', {
  valid: [
    {
      name: 'an up that returns nothing, where the umzug the runner loads is older than 2.2.0 (promiseUnchecked): recorded at once, not refused (measured on umzug 2.1.0), so no "didn\'t return a promise"',
      project: withRunner({ promiseUnchecked: { file: 'package.json', line: 20, text: '"sequelize-cli": "^2.4.0"' } }),
      files: `module.exports = {\n  up(qi) {\n    qi.addColumn('users', 'bio', { type: 'TEXT' });\n  },\n  down() {},\n};`,
    },
    { name: 'CommonJS migration', files: `module.exports = { async up() {}, async down() {} };` },
    { name: 'umzug ESM migration', files: { '20240101000000-x.mjs': `export const up = async ({ context }) => {}; export const down = async () => {};` } },
    { name: 'Knex-style exports.up', files: `exports.up = async (qi) => {}; exports.down = async () => {};` },
    {
      name: 'functions that return a promise under sequelize-cli (umzug): async, a returned call, an arrow with a call for body, a callback migration (`done`), a throwing `down`',
      project: withRunner({}),
      files: {
        '001-async.js': `module.exports = { async up(qi) { qi.addColumn('users', 'bio', { type: 'TEXT' }); }, async down() {} };`,
        '002-returned.js': `module.exports = { up(qi) { return qi.addColumn('users', 'age', { type: 'INTEGER' }); }, down: (qi) => qi.removeColumn('users', 'age') };`,
        '003-callback.js': `module.exports = { up(qi, S, done) { qi.addColumn('users', 'nick', { type: 'TEXT' }).then(() => done()); }, down() { throw new Error('irreversible'); } };`,
      },
    },
    {
      name: 'a function returning nothing under the project\'s own runner: not judged (it may not check)',
      project: withRunner({ kind: 'custom' }),
      files: `module.exports = { up(qi) { qi.addColumn('users', 'bio', { type: 'TEXT' }); }, down() {} };`,
    },
    {
      name: 'calls that do not throw: a queryInterface method migralint does not model (`ensureEnums`), a type written as a data type or in a spread, a swallowed typo, the umzug context\'s Sequelize methods, the project\'s own runner',
      project: withRunner({}),
      files: {
        '001-enums.js': `module.exports = {\n  async up(qi, Sequelize) {\n    await qi.ensureEnums('rooms', {});\n    await qi.changeColumn('rooms', 'floor', Sequelize.INTEGER);\n    await qi.changeColumn('rooms', 'name', { ...shared, allowNull: true });\n    await qi.addColumn('rooms', 'wing', { type: Sequelize.STRING });\n    try { await qi.dropIndex('rooms_floor'); } catch (e) { console.log(e); }\n  },\n  async down() {},\n};`,
      },
    },
    {
      name: 'sequelize-cli only assumed (nothing names it): the folder may be run another way, so a name the queryInterface lacks is not judged',
      project: withRunner({ unconfirmed: true }),
      files: { '001-x.js': `module.exports = {\n  async up(db) {\n    await db.dropIndex('rooms_floor');\n  },\n  async down() {},\n};` },
    },
    {
      name: 'umzug: `context` may be the Sequelize instance, whose methods (`sync`, `authenticate`) are not typos',
      project: withRunner({ kind: 'umzug' }),
      files: { '001-sync.js': `module.exports = {\n  async up({ context }) {\n    await context.authenticate();\n    await context.sync();\n  },\n  async down() {},\n};` },
    },
    {
      name: 'the project\'s own runner may hand the migration anything: a name the queryInterface lacks is not judged',
      project: withRunner({ kind: 'custom' }),
      files: { '001-x.js': `module.exports = {\n  async up(db) {\n    await db.dropIndex('rooms_floor');\n  },\n  async down() {},\n};` },
    },
    {
      name: 'SQL PostgreSQL would refuse, where it may not reach PostgreSQL or is not the text sent: unknown dialect, a MySQL branch, a catch that takes the error, replacements migralint cannot read',
      project: withRunner({}),
      files: {
        '001-unknown-dialect.js': "module.exports = {\n  async up(queryInterface) {\n    await queryInterface.sequelize.query('DROP INDEX streams_name ON streams');\n  },\n  async down() {},\n};",
      },
    },
    {
      name: 'the same on a PostgreSQL project: under a MySQL branch, in a catch, or with replacements migralint cannot read (`:name` left in the text it parses)',
      project: { ...withRunner({}), dialect: { dialects: ['postgres', 'mysql'], source: 'config/config.json:3' } },
      files: {
        '001-branch.js': "module.exports = {\n  async up(queryInterface) {\n    if (queryInterface.sequelize.getDialect() === 'mysql') await queryInterface.sequelize.query('DROP INDEX streams_name ON streams');\n  },\n  async down() {},\n};",
        '002-caught.js': "module.exports = {\n  async up(queryInterface) {\n    try {\n      await queryInterface.sequelize.query(\"ALTER TYPE enum_kind DROP VALUE 'old'\");\n    } catch (e) {}\n  },\n  async down() {},\n};",
        '003-replacements.js': "const values = require('./values.json');\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.sequelize.query('UPDATE streams SET name = :name WHERE id = :id', { replacements: values });\n  },\n  async down() {},\n};",
      },
    },
    {
      name: 'the same call under umzug, which may pass the Sequelize instance as the second argument: not judged',
      project: withRunner({ kind: 'umzug' }),
      files: { '001-readings.js': `module.exports = {\n  up: async (queryInterface, sequelize) => {\n    await sequelize.query('SELECT 1');\n  },\n  down: async () => {},\n};` },
    },
    {
      name: 'a column without a type on a SQLite-only project: not judged (SQLite rebuilds the table its own way)',
      project: { ...withRunner({}), dialect: { dialects: ['sqlite'], source: 'config/config.json:3' } },
      files: { '001-x.js': `module.exports = {\n  async up(qi) {\n    await qi.changeColumn('rooms', 'floor', { allowNull: false });\n  },\n  async down() {},\n};` },
    },
  ],
  invalid: [
    {
      name: 'a method the queryInterface does not have throws a TypeError before it sends anything (measured): an error, naming the steps that stay applied and the method meant; under a condition, a warning',
      project: withRunner({}),
      files: {
        '001-rooms.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('rooms', 'floor', { type: Sequelize.INTEGER });\n    await queryInterface.addIndex('rooms', ['floor']);\n    await queryInterface.removeCOlumn('rooms', 'level');\n  },\n  async down() {},\n};`,
        '002-wings.js': `module.exports = {\n  async up(queryInterface) {\n    if (process.env.LEGACY) await queryInterface.dropIndex('wings_code');\n  },\n  async down() {},\n};`,
      },
      errors: [
        { messageId: 'notAMethod', line: 5, severity: 'error', file: '001-rooms.js', data: { callee: 'queryInterface.removeCOlumn', applied: ', after 2 steps (from line 3) took effect: they stay applied, the migration is not recorded, and the next run meets them again', meant: ' `removeColumn` was probably meant.' } },
        { messageId: 'notAMethod', line: 3, severity: 'warning', file: '002-wings.js', data: { callee: 'queryInterface.dropIndex', applied: '', meant: ' `removeIndex` was probably meant.' } },
      ],
    },
    {
      name: 'an instance method called on the Sequelize class sequelize-cli passes as the second argument (`Sequelize.query(sql)` in the createTable\'s .then): a TypeError after the table was made, an error naming the instance\'s method; not also a floating query (the throw fails the chain where it is made)',
      project: withRunner({}),
      files: {
        '001-readings.js': `module.exports = {\n  up: (queryInterface, Sequelize) => queryInterface.createTable('readings', { id: { type: Sequelize.INTEGER, primaryKey: true }, time: Sequelize.DATE }).then(() => {\n    Sequelize.query("SELECT create_hypertable('readings', 'time')");\n  }),\n  down: (queryInterface) => queryInterface.dropTable('readings'),\n};`,
      },
      errors: [
        {
          messageId: 'notAMethod',
          line: 3,
          severity: 'error',
          data: { callee: 'Sequelize.query', meant: ' `queryInterface.sequelize.query` was probably meant.', of: "the Sequelize class, which sequelize-cli passes as the migration's second argument (the instance is `queryInterface.sequelize`)" },
        },
      ],
    },
    {
      // Measured on PGlite: test/semantics/rejected-sql.test.ts.
      name: 'SQL PostgreSQL refuses, on a PostgreSQL project: the migration fails there (error, naming the steps that stay applied); its replacements written out do not hide it; in a loop over a list it cannot read, a warning',
      project: { ...withRunner({}), dialect: { dialects: ['postgres'], source: 'config/config.json:3' } },
      files: {
        '001-streams.js': "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('streams', 'rank', { type: Sequelize.INTEGER });\n    await queryInterface.sequelize.query('DELETE FROM streams WHERE rank > :rank OFFSET 110', { replacements: { rank: 3 } });\n  },\n  async down() {},\n};",
        '002-kinds.js': "module.exports = {\n  async up(queryInterface) {\n    for (const value of require('./kinds.json')) await queryInterface.sequelize.query(`ALTER TYPE enum_kind DROP VALUE IF EXISTS 'old'`);\n  },\n  async down() {},\n};",
        '003-modes.js': "module.exports = {\n  async up(queryInterface) {\n    for (const value of ['a', 'b']) await queryInterface.sequelize.query(`ALTER TYPE enum_mode DROP VALUE '${value}'`);\n  },\n  async down() {},\n};",
      },
      errors: [
        { messageId: 'sqlRejected', line: 4, severity: 'error', file: '001-streams.js', data: { statement: '`DELETE FROM streams WHERE rank > 3 OFFSET 110`', error: 'syntax error at or near "OFFSET"', applied: ', after `queryInterface.addColumn` (line 3) took effect: it stays applied, the migration is not recorded, and the next run meets it again' } },
        { messageId: 'sqlRejected', line: 3, severity: 'warning', file: '002-kinds.js' },
        // A list migralint unrolls: the loop surely runs, and its one call is reported once.
        { messageId: 'sqlRejected', line: 3, severity: 'error', file: '003-modes.js', data: { statement: "`ALTER TYPE enum_mode DROP VALUE 'a'`", error: 'dropping an enum value is not implemented', applied: '' } },
      ],
    },
    {
      name: 'sequelize-cli only assumed: an object with `changeColumn` is a queryInterface all the same, a column with no type still throws (error)',
      project: withRunner({ unconfirmed: true }),
      files: { '001-price.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.changeColumn('items', 'price', { allowNull: false });\n  },\n  async down() {},\n};` },
      errors: [{ messageId: 'typeMissing', line: 3, severity: 'error', file: '001-price.js' }],
    },
    {
      name: 'changeColumn or addColumn with no type (attributes without `type`, or none): Sequelize throws before any SQL (measured); in a transaction the steps before roll back',
      project: withRunner({}),
      files: {
        '001-price.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.changeColumn('items', 'price', { allowNull: false });\n  },\n  async down() {},\n};`,
        '002-tax.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.sequelize.transaction(async (transaction) => {\n      await queryInterface.addColumn('items', 'vat', { type: Sequelize.INTEGER }, { transaction });\n      await queryInterface.addColumn('items', 'tax', { defaultValue: 0 }, { transaction });\n    });\n  },\n  async down() {},\n};`,
      },
      errors: [
        { messageId: 'typeMissing', line: 3, severity: 'error', file: '001-price.js', data: { callee: 'queryInterface.changeColumn', target: '`items.price`', applied: '' } },
        { messageId: 'typeMissing', line: 5, severity: 'error', file: '002-tax.js', data: { callee: 'queryInterface.addColumn', target: '`items.tax`', applied: '' } },
      ],
    },
    {
      name: 'under sequelize-cli (umzug), an up that returns nothing or an array of promises fails the migration ("didn\'t return a promise", measured): an error, one per shape naming the others; a down the same, info',
      project: withRunner({}),
      files: {
        '001-bio.js': `module.exports = {\n  up(qi) {\n    qi.addColumn('users', 'bio', { type: 'TEXT' });\n  },\n  down() {},\n};`,
        '002-age.js': `module.exports = {\n  up: function (qi) {\n    qi.addColumn('users', 'age', { type: 'INTEGER' });\n  },\n  down: async () => {},\n};`,
        '003-tags.js': `module.exports = {\n  up(qi) {\n    return [qi.addColumn('posts', 'tags', { type: 'TEXT' })];\n  },\n  async down() {},\n};`,
      },
      errors: [
        { messageId: 'noPromise', line: 2, severity: 'error', file: '001-bio.js', data: { what: 'nothing', runner: 'sequelize-cli', others: ' So does the `up` of `002-age.js`: reported once, here.' } },
        { messageId: 'noPromiseDown', line: 5, severity: 'info', file: '001-bio.js', data: { what: 'nothing' } },
        { messageId: 'noPromise', line: 2, severity: 'error', file: '003-tags.js', data: { what: 'an array of promises', others: '' } },
      ],
    },
    {
      name: 'a helper module in the migrations folder',
      files: {
        'db-helpers.js': `'use strict';
async function columnExists(queryInterface, table, column) {
  const description = await queryInterface.describeTable(table);
  return Object.prototype.hasOwnProperty.call(description, column);
}
module.exports = { columnExists };`,
      },
      errors: [{ messageId: 'notAMigration', line: 1, column: 1, severity: 'error', data: { file: 'db-helpers.js', reason: 'the file exports `columnExists` but no `up` function', others: '' } }],
    },
    {
      name: 'migrations built by a helper imported through a path alias (`utils/...`, babel module-resolver): what they export cannot be read, so whether they are migrations is not known (info, one finding); a local object without `up` stays an error',
      files: {
        '20191218102531-create-id-types.js': "import SequeliceMigration from 'utils/SequeliceMigration';\nmodule.exports = SequeliceMigration.createTable('IdTypes', (DataTypes) => ({ name: { type: DataTypes.STRING } }));\n",
        '20200401051754-create-reservations.js': "import SequeliceMigration from 'utils/SequeliceMigration';\nconst columns = {};\nmodule.exports = {\n  ...SequeliceMigration.createTable('Reservations', () => columns),\n};\n",
        '20200501000000-notes.js': "module.exports = { note: 'see the wiki' };\n",
      },
      errors: [
        { messageId: 'exportsUnread', line: 1, severity: 'info', file: '20191218102531-create-id-types.js', data: { others: ' So is `20200401051754-create-reservations.js`, for the same reason: reported once, here.' } },
        { messageId: 'notAMigration', line: 1, severity: 'error', file: '20200501000000-notes.js' },
      ],
    },
    {
      name: 'a commented-out migration',
      files: { '004-old-backfill.js': `// module.exports = {\n//   async up(queryInterface) {},\n// };\n` },
      errors: [{ messageId: 'notAMigration', line: 1, data: { reason: 'the file contains no code (commented out?)', others: '' } }],
    },
    {
      name: 'three files that export a function itself: one cause, one finding at the first, naming the others',
      files: { '2020_01_01_a.js': functionExport('pubs'), '2020_01_02_b.js': functionExport('users'), '2020_01_03_c.js': functionExport('tags'), '2020_01_04_d.js': `module.exports = { async up() {}, async down() {} };` },
      errors: [
        {
          messageId: 'notAMigration',
          line: 1,
          severity: 'error',
          file: '2020_01_01_a.js',
          data: { reason: 'the file exports a function itself, not an object with an `up` function', others: ' So are `2020_01_02_b.js`, `2020_01_03_c.js`, for the same reason: reported once, here.' },
        },
      ],
    },
    {
      name: 'a file that exports nothing',
      files: { '005-noop.js': `'use strict';\nconst TABLE = 'users';\n` },
      errors: [{ messageId: 'notAMigration', line: 1, data: { reason: 'the file exports nothing', others: '' } }],
    },
  ],
});

describe('valid-migration-file, by what says how the folder runs', () => {
  const files = (pkg: Record<string, unknown>, extra: Record<string, string> = {}) => ({
    'package.json': JSON.stringify({ name: 'press', ...pkg }),
    'migrations/2020_01_01_a.js': functionExport('pubs'),
    'migrations/2020_01_02_b.js': functionExport('users'),
    ...extra,
  });
  // A `.sequelizerc` beside a migrate script that runs the project's own program (hold-out 52).
  const ownProgram = {
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve(__dirname, 'migrations') };\n",
    'db/migrate.cli.js': "const { runAll } = require('./runner');\nrunAll(process.argv[2]);\n",
  };
  const cli = { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } };
  it.each([
    { name: 'nothing names sequelize-cli (no script, no .sequelizerc, no dependency): a guess, info', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }, messageId: 'notAMigrationUnconfirmed', severity: 'info' },
    { name: 'sequelize-cli is a dependency: db:migrate fails on them (error)', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }, messageId: 'notAMigration', severity: 'error' },
    { name: 'an npm script runs sequelize-cli: error', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, scripts: { migrate: 'sequelize db:migrate' } }, messageId: 'notAMigration', severity: 'error' },
    { name: 'a .sequelizerc, but db:migrate runs a program of the project\'s own and no script runs sequelize-cli: a guess, info', pkg: { ...cli, scripts: { 'db:migrate': 'node -r dotenv/config ./db/migrate.cli.js up' } }, extra: ownProgram, messageId: 'notAMigrationUnconfirmed', severity: 'info', says: 'no npm script runs sequelize-cli, and `"db:migrate": "node -r dotenv/config ./db/migrate.cli.js up"` (package.json:1) migrates with a program of the project\'s own' },
    { name: 'a .sequelizerc, and a script of the project\'s own that then runs sequelize-cli: error', pkg: { ...cli, scripts: { 'db:migrate': 'node ./db/migrate.cli.js && sequelize db:migrate' } }, extra: ownProgram, messageId: 'notAMigration', severity: 'error' },
    { name: 'a .sequelizerc, and a program of the project\'s own under another script name (seed): error', pkg: { ...cli, scripts: { seed: 'node ./db/migrate.cli.js' } }, extra: ownProgram, messageId: 'notAMigration', severity: 'error' },
    { name: 'a .sequelizerc, a program of the project\'s own for db:migrate, and another script that runs sequelize-cli (undo): error', pkg: { ...cli, scripts: { 'db:migrate': 'node ./db/migrate.cli.js', 'db:migrate:undo': 'sequelize-cli db:migrate:undo' } }, extra: ownProgram, messageId: 'notAMigration', severity: 'error' },
    { name: 'a .sequelizerc, and a program of the project\'s own that runs sequelize-cli itself (a safe wrapper): error', pkg: { ...cli, scripts: { 'db:migrate': 'node ./db/migrate.cli.js' } }, extra: { ...ownProgram, 'db/migrate.cli.js': "const { execSync } = require('child_process');\nexecSync('npx sequelize-cli db:migrate', { stdio: 'inherit' });\n" }, messageId: 'notAMigration', severity: 'error' },
  ])('$name', async ({ pkg, extra, messageId, severity, says }) => {
    const result = await analyzeProject(tempProject(files(pkg, extra)));
    if (says) expect(result.findings.find((f) => f.rule === 'valid-migration-file')?.message).toContain(says);
    const found = result.findings.filter((f) => f.rule === 'valid-migration-file');
    expect(found.map((f) => [f.file, f.messageId, f.severity])).toEqual([['migrations/2020_01_01_a.js', messageId, severity]]);
    expect(found[0]!.message).toContain('So is `2020_01_02_b.js`, for the same reason');
    expect(result.project.project.runner?.unconfirmed === true).toBe(messageId === 'notAMigrationUnconfirmed');
  });
});

describe('valid-migration-file, a folder only the search found', () => {
  // Files uploaded without their project (hold-out 95): migrations beside resolvers and seed data, no package.json, no
  // `.sequelizerc`. sequelize-cli reads `migrations` unless told otherwise, so nothing says db:migrate loads them.
  const project = useTempProjects('uploaded');
  const create = (table: string) => `module.exports = {\n  up: (queryInterface, Sequelize) => queryInterface.createTable('${table}', { id: { type: Sequelize.INTEGER, primaryKey: true } }),\n  down: (queryInterface) => queryInterface.dropTable('${table}'),\n};\n`;
  const uploaded = (dir: string) => ({
    [`${dir}/20230101000000-create-orders.js`]: create('orders'),
    [`${dir}/20230102000000-create-refunds.js`]: create('refunds'),
    [`${dir}/refund-schema.js`]: "module.exports = { title: 'Refund', type: 'object', properties: { amount: { type: 'number' } } };\n",
  });
  it.each([
    { name: 'a folder of another name (db/changes), no package.json: a guess, info', dir: 'db/changes', messageId: 'notAMigrationUnconfirmed', severity: 'info' },
    { name: 'the folder sequelize-cli reads by default (migrations), no package.json: error', dir: 'migrations', messageId: 'notAMigration', severity: 'error' },
  ])('$name', async ({ dir, messageId, severity }) => {
    const result = await analyzeProject(project(uploaded(dir)));
    expect(result.project.project.migrationsDir).toBe(dir);
    const found = result.findings.filter((f) => f.rule === 'valid-migration-file');
    expect(found.map((f) => [f.file, f.messageId, f.severity])).toEqual([[`${dir}/refund-schema.js`, messageId, severity]]);
    if (messageId === 'notAMigrationUnconfirmed') expect(found[0]!.message).toContain(`nothing configures sequelize-cli to read \`${dir}\`, and it reads \`migrations\` by default`);
  });
});

describe('valid-migration-file, a folder where no file is a migration', () => {
  // Hold-out 98: a library wrapping umzug, whose own `src` was taken for the migrations folder.
  const project = useTempProjects('no-migrations');
  const umzug = "const { Umzug } = require('umzug');\nmodule.exports = (dir, context) => new Umzug({ migrations: { glob: 'src/*.js' }, context });\n";
  it('modules of all kinds (a runner, a config, helpers): one info saying the folder is probably not a migrations folder', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'runner-kit', dependencies: { umzug: '^3.0.0', sequelize: '^6.0.0' } }),
      'src/runner.js': umzug,
      'src/config.js': "module.exports = { folder: 'migrations', table: 'schema_log' };\n",
      'src/names.js': "exports.stamp = () => new Date().toISOString().replace(/\\D/g, '').slice(0, 14);\n",
      'src/index.js': "module.exports = require('./runner');\n",
    });
    const result = await analyzeProject(root);
    const found = result.findings.filter((f) => f.rule === 'valid-migration-file');
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['noMigrationInFolder', 'info']]);
    // The umzug module itself is the runner, not one of the folder's files.
    expect(found[0]!.message).toContain('none of its 3 files is a migration');
  });
});
