import { ruleTests } from './rule-tester';

const createUsers = (extra = '') => `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, allowNull: false },${extra}
    });
  },
  async down() {},
};`;

ruleTests('no-duplicate-create-table', {
  valid: [
    {
      name: 'different tables',
      files: {
        '001-create-users.js': createUsers(),
        '002-create-posts.js': `module.exports = { async up(qi, S) { await qi.createTable('posts', { id: { type: S.INTEGER } }); }, async down() {} };`,
      },
    },
    {
      name: 'table dropped in between is created fresh',
      files: {
        '001-create-users.js': createUsers(),
        '002-drop-users.js': `module.exports = { async up(qi) { await qi.dropTable('users'); }, async down() {} };`,
        '003-create-users-again.js': createUsers(),
      },
    },
    {
      name: 'table renamed away frees the name',
      files: {
        '001-create-users.js': createUsers(),
        '002-rename-users.js': `module.exports = { async up(qi) { await qi.renameTable('users', 'accounts'); }, async down() {} };`,
        '003-create-users.js': createUsers(),
      },
    },
    {
      name: 'same name in another schema, and case-sensitive quoted names',
      files: {
        '001-create-users.js': createUsers(),
        '002-create-app-users.js': `module.exports = { async up(qi, S) {
  await qi.createTable({ tableName: 'users', schema: 'app' }, { id: { type: S.INTEGER } });
  await qi.createTable('Users', { id: { type: S.INTEGER } });
}, async down() {} };`,
      },
    },
    {
      name: 'index removed before being created again',
      files: {
        '001-index.js': `module.exports = { async up(qi) { await qi.addIndex('users', ['email']); }, async down() {} };`,
        '002-reindex.js': `module.exports = { async up(qi) { await qi.removeIndex('users', ['email']); await qi.addIndex('users', ['email']); }, async down() {} };`,
      },
    },
  ],
  invalid: [
    {
      name: 'second definition with different columns: the new columns never reach databases where the first ran',
      files: {
        '016-create-projects.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('projects', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: Sequelize.STRING, allowNull: false },
    });
  },
  async down() {},
};`,
        '017-create-projects-v2.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('projects', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: Sequelize.STRING(200), allowNull: false },
      status: { type: Sequelize.ENUM('draft', 'live'), defaultValue: 'draft' },
    });
  },
  async down() {},
};`,
      },
      errors: [
        {
          messageId: 'duplicateTableDiffers',
          line: 3,
          column: 11,
          severity: 'error',
          data: { table: 'projects', first: '016-create-projects.js', differences: 'the definition of `title`, column `status` (only in this migration)' },
        },
      ],
    },
    {
      name: 'identical second definition is a warning',
      files: { '001-create-users.js': createUsers(), '002-create-users.js': createUsers() },
      errors: [{ messageId: 'duplicateTableSame', line: 4, severity: 'warning', data: { first: '001-create-users.js' } }],
    },
    {
      name: 'a raw SQL CREATE TABLE IF NOT EXISTS duplicates a builder createTable (columns compared by name)',
      files: {
        '001-create-users.js': createUsers(),
        '002-create-users-sql.js': `module.exports = { async up(qi) {
  await qi.sequelize.query('CREATE TABLE IF NOT EXISTS users (id serial PRIMARY KEY, email text NOT NULL, name text)');
}, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateTableDiffers', line: 2, data: { differences: 'column `name` (only in this migration)' } }],
    },
    {
      name: 'the same derived index name twice (Sequelize names it users_email)',
      files: {
        '001-index.js': `module.exports = { async up(qi) { await qi.addIndex('users', ['email']); }, async down() {} };`,
        '002-index-again.js': `module.exports = { async up(qi) { await qi.addIndex('users', { fields: ['email'], unique: true, name: 'users_email' }); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateIndex', line: 1, data: { index: 'users_email', first: '001-index.js' } }],
    },
    {
      name: 'camelCase fields get an underscored derived name',
      files: {
        '001-index.js': `module.exports = { async up(qi) { await qi.addIndex('events', ['createdAt']); }, async down() {} };`,
        '002-sql-index.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE INDEX events_created_at ON events ("createdAt")'); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateIndex', line: 1, data: { index: 'events_created_at' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a table created by a helper imported from a package',
      why: 'imported helpers outside the project are not followed',
      files: {
        '001.js': createUsers(),
        '002.js': `const { createTable } = require('@acme/db-kit'); module.exports = { async up(qi) { await createTable(qi, 'users'); }, async down() {} };`,
      },
    },
  ],
});
