import { ruleTests } from './rule-tester';

ruleTests('no-destructive-down', {
  valid: [
    {
      name: 'empty down that preserves data',
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  down: async (queryInterface, Sequelize) => {
    // Rollback disabled to preserve data
  },
};`,
    },
    {
      name: 'down that throws to mark the migration irreversible',
      files: `module.exports = {
  async up(queryInterface) { await queryInterface.removeColumn('users', 'legacy_flag'); },
  async down() { throw new Error('irreversible: restore users.legacy_flag from backup'); },
};`,
    },
    {
      name: 'down that reverts without destroying (removeIndex, renameColumn, changeColumn)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addIndex('users', ['email']);
    await queryInterface.renameColumn('users', 'name', 'full_name');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.removeIndex('users', ['email']);
    await queryInterface.renameColumn('users', 'full_name', 'name');
    await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING, allowNull: true });
  },
};`,
    },
    {
      name: 'destructive calls in up are not this rule’s business',
      files: `module.exports = { async up(qi) { await qi.dropTable('sessions'); }, async down() {} };`,
    },
  ],
  invalid: [
    {
      name: 'the seed case: 031 removes three profile columns on rollback',
      files: {
        '031-add-profile-fields-to-users.js': `'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(20) });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },

  down: async (queryInterface, Sequelize) => {
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users', 'phone');
    await queryInterface.removeColumn('users', 'location');
  }
};`,
      },
      errors: [
        { messageId: 'dropColumn', line: 11, column: 11, severity: 'error', data: { table: 'users', column: 'bio', target: '`users.bio`' } },
        { messageId: 'dropColumn', line: 12, column: 11, data: { target: '`users.phone`' } },
        { messageId: 'dropColumn', line: 13, column: 11, data: { target: '`users.location`' } },
      ],
    },
    {
      name: 'dropTable in down, also when Sequelize makes it idempotent',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('invoices');
  },
};`,
      errors: [{ messageId: 'dropTable', line: 6, column: 11, data: { table: 'invoices' } }],
    },
    {
      name: 'raw SQL: DROP TABLE, DROP COLUMN, TRUNCATE, DELETE, DROP SCHEMA — one finding per table or column',
      files: `module.exports = {
  async up() {},
  async down({ context: queryInterface }) {
    await queryInterface.sequelize.query(\`
      DROP TABLE IF EXISTS audit_log, audit_archive;
      ALTER TABLE orders DROP COLUMN discount_code;
      TRUNCATE carts;
      DELETE FROM settings;
      DELETE FROM feature_flags WHERE name = 'beta';
      DROP SCHEMA reporting CASCADE;
    \`);
  },
};`,
      errors: [
        { messageId: 'dropTable', line: 4, data: { target: '`audit_log`' } },
        { messageId: 'dropTable', line: 4, data: { target: '`audit_archive`' } },
        { messageId: 'dropColumn', line: 4, data: { target: '`orders.discount_code`' } },
        { messageId: 'truncate', line: 4, data: { target: '`carts`' } },
        { messageId: 'deleteAllRows', line: 4, data: { target: '`settings`' } },
        { messageId: 'deleteSomeRows', line: 4, data: { target: '`feature_flags`' } },
        { messageId: 'dropSchema', line: 4, data: { name: 'reporting' } },
      ],
    },
    {
      name: 'bulkDelete of seed rows, with and without a where',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }, { name: 'editor' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('roles', { name: ['admin', 'editor'] });
    await queryInterface.bulkDelete('permissions', null, {});
  },
};`,
      errors: [
        { messageId: 'deleteSomeRows', line: 6, data: { target: '`roles`' } },
        { messageId: 'deleteAllRows', line: 7, data: { target: '`permissions`' } },
      ],
    },
    {
      name: 'down in a managed transaction, over a constant array',
      files: `const TABLES = ['chat_messages', 'chat_rooms'];
module.exports = {
  async up() {},
  down: (queryInterface) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      for (const table of TABLES) {
        await queryInterface.dropTable(table, { transaction });
      }
    }),
};`,
      errors: [
        { messageId: 'dropTable', line: 7, data: { target: '`chat_messages`' } },
        { messageId: 'dropTable', line: 7, data: { target: '`chat_rooms`' } },
      ],
    },
    {
      name: 'a table name that cannot be resolved is still reported, and named as unresolved',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.dropTable(process.env.LEGACY_TABLE);
  },
};`,
      errors: [{ messageId: 'dropTable', line: 4, data: { target: 'a target migralint cannot resolve (from `queryInterface.dropTable`)' } }],
    },
    {
      name: 'dropAllTables',
      files: `exports.up = async () => {};
exports.down = async (queryInterface) => queryInterface.dropAllTables();`,
      errors: [{ messageId: 'dropEverything', line: 2, column: 42 }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a helper imported from outside the project drops the table',
      why: 'the helper is not followed; the operation is unresolved',
      files: `const { dropAll } = require('@acme/db-tools');
module.exports = { async up() {}, async down(queryInterface) { await dropAll(queryInterface, ['users']); } };`,
    },
  ],
});
