import { ruleTests } from './rule-tester';

ruleTests('valid-migration-file', {
  valid: [
    { name: 'CommonJS migration', files: `module.exports = { async up() {}, async down() {} };` },
    { name: 'umzug ESM migration', files: { '20240101000000-x.mjs': `export const up = async ({ context }) => {}; export const down = async () => {};` } },
    { name: 'Knex-style exports.up', files: `exports.up = async (qi) => {}; exports.down = async () => {};` },
  ],
  invalid: [
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
      errors: [{ messageId: 'notAMigration', line: 1, column: 1, severity: 'error', data: { file: 'db-helpers.js', reason: 'the file exports `columnExists` but no `up` function' } }],
    },
    {
      name: 'a commented-out migration',
      files: { '004-old-backfill.js': `// module.exports = {\n//   async up(queryInterface) {},\n// };\n` },
      errors: [{ messageId: 'notAMigration', line: 1, data: { reason: 'the file contains no code (commented out?)' } }],
    },
    {
      name: 'a file that exports nothing',
      files: { '005-noop.js': `'use strict';\nconst TABLE = 'users';\n` },
      errors: [{ messageId: 'notAMigration', line: 1, data: { reason: 'the file exports nothing' } }],
    },
  ],
});
