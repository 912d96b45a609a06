import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject } from '../eslint-rules/support';
import { ruleTests } from './rule-tester';
import { withRunner } from '../helpers/rules';

/** A migration written for a runner that calls what the file exports: `module.exports = async ({ sequelize }) => ...`. */
const functionExport = (table: string) => `module.exports = async ({ Sequelize, sequelize }) => {\n  await sequelize.queryInterface.addColumn('${table}', 'note', { type: Sequelize.TEXT });\n};\n`;

ruleTests('valid-migration-file', {
  valid: [
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
  ],
  invalid: [
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
  const files = (pkg: Record<string, unknown>) => ({
    'package.json': JSON.stringify({ name: 'press', ...pkg }),
    'migrations/2020_01_01_a.js': functionExport('pubs'),
    'migrations/2020_01_02_b.js': functionExport('users'),
  });
  it.each([
    { name: 'nothing names sequelize-cli (no script, no .sequelizerc, no dependency): a guess, info', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }, messageId: 'notAMigrationUnconfirmed', severity: 'info' },
    { name: 'sequelize-cli is a dependency: db:migrate fails on them (error)', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }, messageId: 'notAMigration', severity: 'error' },
    { name: 'an npm script runs sequelize-cli: error', pkg: { dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, scripts: { migrate: 'sequelize db:migrate' } }, messageId: 'notAMigration', severity: 'error' },
  ])('$name', async ({ pkg, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(pkg)));
    const found = result.findings.filter((f) => f.rule === 'valid-migration-file');
    expect(found.map((f) => [f.file, f.messageId, f.severity])).toEqual([['migrations/2020_01_01_a.js', messageId, severity]]);
    expect(found[0]!.message).toContain('So is `2020_01_02_b.js`, for the same reason');
    expect(result.project.project.runner?.unconfirmed === true).toBe(messageId === 'notAMigrationUnconfirmed');
  });
});
