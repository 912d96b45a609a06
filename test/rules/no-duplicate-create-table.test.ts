import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectModel, RunnerInfo } from '../../src/model';
import { analyzeProject, runRules } from '../../src/project';
import { ruleById } from '../../src/rules/registry';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { REPO } from '../helpers/extract';
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
      name: 'on MySQL an index name is the table\'s own (measured on MariaDB): the same name on another table is no duplicate',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '001-create.js': `module.exports = { async up(qi, S) {\n  await qi.createTable('blocks', { id: { type: S.INTEGER, primaryKey: true }, hash: S.STRING });\n  await qi.createTable('txs', { id: { type: S.INTEGER, primaryKey: true }, hash: S.STRING });\n}, async down() {} };`,
        '002-index.js': `module.exports = { async up(qi) {\n  await qi.addIndex('blocks', ['hash'], { name: 'hash' });\n  await qi.addIndex('txs', ['hash'], { name: 'hash' });\n}, async down() {} };`,
      },
    },
    {
      name: 'a project only on SQLite is not judged (not measured there)',
      project: { dialect: { dialects: ['sqlite'], source: 'config/config.json:4' } },
      files: {
        '001-create-users.js': createUsers(),
        '002-online.js': `module.exports = { async up(qi, S) { await qi.addColumn('users', 'online', { type: S.BOOLEAN }); }, async down() {} };`,
        '003-online-again.js': `module.exports = { async up(qi, S) { await qi.addColumn('users', 'online', { type: S.BOOLEAN }); }, async down() {} };`,
      },
    },
    {
      name: 'a table earlier migrations alter before any creates it (a bootstrap script made it): a later createTable does nothing there, so it defines no columns a later createTable or addColumn could repeat',
      files: {
        '001-alter-classes.js': `module.exports = { async up(qi, S) { await qi.addColumn('classes', 'createdAt', { type: S.DATE }); }, async down() {} };`,
        '002-create-school.js': `module.exports = { async up(qi, S) { await qi.createTable('classes', { id: { type: S.INTEGER, primaryKey: true }, department_id: S.INTEGER }); }, async down() {} };`,
        '003-add-department.js': `module.exports = { async up(qi, S) { await qi.addColumn('classes', 'department_id', { type: S.INTEGER }); }, async down() {} };`,
        '004-create-classes.js': `module.exports = { async up(qi, S) { await qi.createTable('classes', { id: { type: S.INTEGER, primaryKey: true }, registration_fee: S.INTEGER }); }, async down() {} };`,
      },
    },
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
      name: 'a column added again after it was removed, renamed away, or under a guard (try/catch, describeTable, IF NOT EXISTS): no duplicate',
      files: {
        '001-create-users.js': createUsers(),
        '002-add-bio.js': `module.exports = { async up(qi, S) { await qi.addColumn('users', 'bio', { type: S.TEXT }); }, async down() {} };`,
        '003-readd.js': `module.exports = { async up(qi, S) {
  await qi.removeColumn('users', 'bio');
  await qi.addColumn('users', 'bio', { type: S.STRING(500) });
  await qi.renameColumn('users', 'email', 'login');
  await qi.addColumn('users', 'email', { type: S.STRING });
  try { await qi.addColumn('users', 'bio', { type: S.TEXT }); } catch (e) { console.log(e); }
  const columns = await qi.describeTable('users');
  if (!columns.login) await qi.addColumn('users', 'login', { type: S.STRING });
  await qi.sequelize.query('ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text');
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
    {
      name: 'createTable under `if (!await qi.tableExists(t))` is not a duplicate',
      files: {
        '001-create-users.js': createUsers(),
        '002-ensure-users.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await queryInterface.tableExists('users'))) {
      await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING, name: Sequelize.STRING });
    }
  },
  async down() {},
};`,
      },
    },
    {
      name: 'a custom context with its own tableExists, re-running the creating migration',
      files: {
        '20230101-01-create-users.js': createUsers(),
        '20240501-01-ensure-tables.js': `module.exports = {
  up: async (context) => {
    if (!await context.tableExists('users')) {
      await require('./20230101-01-create-users.js').up(context, require('sequelize'));
    }
  },
  down: async () => {},
};`,
      },
    },
    {
      name: 'try { describeTable } catch { re-run the creating migration }: the catch is the does-not-exist branch',
      files: {
        '20230101-01-create-boards.js': `module.exports = {
  up: async (context) => {
    await context.createTable('boards', { id: { type: 'INTEGER', primaryKey: true } });
    await context.createTable('board_columns', { id: { type: 'INTEGER', primaryKey: true } });
    await context.createTable('board_cards', { id: { type: 'INTEGER', primaryKey: true } });
    await context.addIndex('board_cards', ['id'], { name: 'board_cards_id_idx' });
  },
  down: async () => {},
};`,
        '20230601-01-add-board-color.js': `module.exports = {
  up: async (context) => {
    try {
      await context.describeTable('boards');
    } catch (err) {
      // An install that never had boards: create them first.
      await require('./20230101-01-create-boards').up(context);
    }
    await context.addColumn('boards', 'color', { type: 'STRING' });
  },
  down: async () => {},
};`,
      },
    },
    {
      name: 'a flag set in the catch of describeTable, then an early return on it: created only where the table is missing (hold-out 67)',
      files: {
        '20251001-create-catalog.js': `module.exports = { async up(qi, S) {\n  await qi.createTable('exercises', { id: { type: S.INTEGER, primaryKey: true }, title: S.STRING });\n}, async down() {} };`,
        '20251012-create-exercises.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    // Kept for history: the catalog migration made a fuller table. Create a small one only where none exists.
    let present = true;
    try {
      await queryInterface.describeTable('exercises');
    } catch {
      present = false;
    }
    if (present) return;
    await queryInterface.createTable('exercises', { id: { type: Sequelize.INTEGER, primaryKey: true }, muscle: Sequelize.STRING });
  },
  async down() {},
};`,
      },
    },
    {
      name: 'a squashed baseline that returns at once when the canary table exists',
      files: {
        '20230101-01-create-users.js': createUsers(),
        '20230201-01-index-users.js': `module.exports = { async up(qi) { await qi.addIndex('users', ['email'], { name: 'users_email_idx' }); }, async down() {} };`,
        '20240101-01-baseline.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    if (await queryInterface.tableExists('users')) {
      return;
    }
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING, locale: Sequelize.STRING });
    await queryInterface.addIndex('users', ['email'], { name: 'users_email_idx' });
  },
  async down() {},
};`,
      },
    },
    {
      name: 'an index re-added only on SQLite after changeColumn (the project does not run on SQLite)',
      files: {
        '001-index.js': `module.exports = { async up(qi) { await qi.addIndex('notes', ['slug']); }, async down() {} };`,
        '002-widen-title.js': `const { isSQLite } = require('../lib/dialect');
module.exports = {
  up(queryInterface, Sequelize) {
    return queryInterface.changeColumn('notes', 'title', { type: Sequelize.TEXT }).then(() => {
      if (isSQLite(queryInterface.sequelize)) {
        // SQLite rebuilds the table on changeColumn and loses the index
        return queryInterface.addIndex('notes', ['slug']);
      }
    });
  },
  down() {},
};`,
      },
    },
    {
      name: 'createTable under a showAllTables().includes(t) check',
      files: {
        '001-create-apps.js': `module.exports = { async up(qi, S) { await qi.createTable('apps', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING } }); }, async down() {} };`,
        '002-add-description.js': `module.exports = { async up(qi, S) { await qi.addColumn('apps', 'description', { type: S.TEXT }); }, async down() {} };`,
        '003-ensure-apps.js': `module.exports = { async up(qi, S) {
  const tables = await qi.showAllTables();
  if (!tables.includes('apps')) {
    await qi.createTable('apps', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING }, description: { type: S.TEXT } });
  }
}, async down() {} };`,
      },
    },
    {
      name: 'an index created again inside Promise.allSettled: its "already exists" is settled, never thrown, and the other calls run',
      files: {
        '001-create-users.js': createUsers(),
        '002-index.js': `module.exports = { async up(qi) { await qi.addIndex('users', ['email'], { name: 'users_email_idx' }); }, async down() {} };`,
        '003-more-indexes.js': `module.exports = { async up(qi) {
  await Promise.allSettled([
    qi.addIndex('users', ['email'], { name: 'users_email_idx' }),
    qi.addIndex('users', ['name'], { name: 'users_name_idx' }),
  ]);
}, async down() {} };`,
      },
    },
  ],
  invalid: [
    {
      // Hold-out 67: repeated `model:generate` stubs in a project whose start syncs and that never runs its migrations.
      name: 'a differing duplicate where nothing runs the migrations and the start builds the tables with sync(): no deployed database takes either definition (info, saying so)',
      project: { schemaSync: { script: 'start', evidence: 'server.js:12', development: false, alters: true, migrationsUnrun: true } },
      files: {
        '001-create-users.js': createUsers(),
        '002-create-users-again.js': createUsers(`\n      mobile: { type: Sequelize.STRING },`),
      },
      errors: [{ messageId: 'duplicateTableSyncBuilt', file: '002-create-users-again.js', line: 4, severity: 'info', data: { table: 'users', script: 'start', evidence: 'server.js:12' } }],
    },
    {
      name: 'on PostgreSQL an index name is the schema\'s: the same name on another table fails (relation already exists)',
      files: {
        '001-create.js': `module.exports = { async up(qi, S) {\n  await qi.createTable('blocks', { id: { type: S.INTEGER, primaryKey: true }, hash: S.STRING });\n  await qi.createTable('txs', { id: { type: S.INTEGER, primaryKey: true }, hash: S.STRING });\n}, async down() {} };`,
        '002-index.js': `module.exports = { async up(qi) {\n  await qi.addIndex('blocks', ['hash'], { name: 'hash' });\n  await qi.addIndex('txs', ['hash'], { name: 'hash' });\n}, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateIndex', line: 3, severity: 'error', file: '002-index.js', data: { index: 'hash', failure: '"relation already exists"' } }],
    },
    {
      name: 'an index first created under a look-up of the table (it may not have run), then without one (not reported), then a third time: the third fails against the second',
      project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } },
      files: {
        '001-legacy-indexes.js': `module.exports = { async up(qi) {
  const [tables] = await qi.sequelize.query("SHOW TABLES LIKE 'bills'");
  if (tables.length) await qi.addIndex('bills', ['due_at'], { name: 'idx_bills_due' });
}, async down() {} };`,
        '002-create-bills.js': `module.exports = { async up(qi, S) { await qi.createTable('bills', { id: { type: S.INTEGER, primaryKey: true }, due_at: S.DATE }); }, async down(qi) { await qi.dropTable('bills'); } };`,
        '003-index.js': `module.exports = { async up(qi) { await qi.addIndex('bills', ['due_at'], { name: 'idx_bills_due' }); }, async down() {} };`,
        '004-index-again.js': `module.exports = { async up(qi) { await qi.addIndex('bills', ['due_at'], { name: 'idx_bills_due' }); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateIndex', line: 1, severity: 'error', file: '004-index-again.js', data: { index: 'idx_bills_due', first: '003-index.js', failure: '"Duplicate key name"' } }],
    },
    {
      name: 'an index created again inside Promise.allSettled whose rejections the migration rethrows: it fails',
      files: {
        '001-create-users.js': createUsers(),
        '002-index.js': `module.exports = { async up(qi) { await qi.addIndex('users', ['email'], { name: 'users_email_idx' }); }, async down() {} };`,
        '003-more-indexes.js': `module.exports = { async up(qi) {
  const settled = await Promise.allSettled([
    qi.addIndex('users', ['email'], { name: 'users_email_idx' }),
  ]);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
}, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateIndex', line: 3, severity: 'error', file: '003-more-indexes.js' }],
    },
    {
      name: 'a column an earlier migration (or an earlier step of the same one) already added, added again: it fails with "column already exists", and the migration stops there, so the duplicates after it in that migration never run (one finding)',
      files: {
        '001-create-users.js': createUsers(),
        '002-add-deleted-by.js': `module.exports = { async up(qi, S) { await qi.addColumn('users', 'deletedBy', { type: S.INTEGER }); }, async down() {} };`,
        '003-soft-delete.js': `module.exports = { async up(qi, S) {
  await qi.addColumn('users', 'deletedBy', { type: S.INTEGER });
  await qi.addColumn('users', 'email', { type: S.STRING });
  await qi.addColumn('users', 'note', { type: S.TEXT });
  await qi.addColumn('users', 'note', { type: S.TEXT });
}, async down() {} };`,
        '004-notes.js': `module.exports = { async up(qi, S) {
  await qi.addColumn('users', 'memo', { type: S.TEXT });
  await qi.addColumn('users', 'memo', { type: S.TEXT });
  await qi.addColumn('users', 'email', { type: S.STRING });
}, async down() {} };`,
        '005-maybe-email.js': `module.exports = { async up(qi, S) {
  try { await qi.addColumn('users', 'email', { type: S.STRING }); } catch (e) { console.log(e); }
  await qi.addColumn('users', 'deletedBy', { type: S.INTEGER });
}, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateColumn', line: 2, severity: 'error', file: '003-soft-delete.js', data: { column: 'users.deletedBy', first: '`002-add-deleted-by.js`' } },
        { messageId: 'duplicateColumn', line: 3, severity: 'error', file: '004-notes.js', data: { column: 'users.memo', first: 'line 2 of this migration' } },
        { messageId: 'duplicateColumn', line: 3, severity: 'error', file: '005-maybe-email.js', data: { column: 'users.deletedBy' } },
      ],
    },
    {
      name: 'on MySQL too (measured on MariaDB): a column or an index of the same name added again fails, in the server\'s words',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '001-create-users.js': createUsers(),
        '002-online.js': `module.exports = { async up(qi, S) { await qi.addColumn('users', 'online', { type: S.BOOLEAN }); await qi.addIndex('users', ['online'], { name: 'users_online_idx' }); }, async down() {} };`,
        '003-online-again.js': `module.exports = { async up(qi, S) {\n  await qi.addColumn('users', 'online', { type: S.BOOLEAN, defaultValue: false });\n}, async down() {} };`,
        '004-online-index-again.js': `module.exports = { async up(qi, S) {\n  await qi.addIndex('users', ['email'], { name: 'users_online_idx' });\n}, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateColumn', line: 2, severity: 'error', file: '003-online-again.js', data: { column: 'users.online', failure: '"Duplicate column name"' } },
        { messageId: 'duplicateIndex', line: 2, severity: 'error', file: '004-online-index-again.js', data: { index: 'users_online_idx', failure: '"Duplicate key name"' } },
      ],
    },
    {
      name: 'a column added twice to a table no migration creates (sync() or a bootstrap made it): the second add fails all the same; after SQL the replay cannot follow on that table, no claim',
      files: {
        '001-add-digest.js': `module.exports = { async up(qi, S) { await qi.addColumn('accounts', 'digest_status', { type: S.STRING }); }, async down() {} };`,
        '002-add-digest-again.js': `module.exports = { async up(qi, S) { await qi.addColumn('accounts', 'digest_status', { type: S.ENUM('sent', 'failed'), defaultValue: 'failed' }); }, async down() {} };`,
        '003-add-region.js': `module.exports = { async up(qi, S) { await qi.addColumn('shops', 'region', { type: S.STRING }); await qi.sequelize.query(\`CALL rebuild_table('shops')\`); }, async down() {} };`,
        '004-add-region-again.js': `module.exports = { async up(qi, S) { await qi.addColumn('shops', 'region', { type: S.STRING }); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateColumn', line: 1, severity: 'error', file: '002-add-digest-again.js', data: { column: 'accounts.digest_status', first: '`001-add-digest.js`' } }],
    },
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
      name: 'the ignored definition\'s extra columns are mapped by no model of the table (a dead duplicate): nothing written for them exists (info); a column the model maps stays an error',
      files: {
        'models/recipient.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Recipient', { status: DataTypes.STRING, mobile: DataTypes.STRING }, { tableName: 'recipients' });`,
        'models/invite.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Invite', { status: DataTypes.STRING }, { tableName: 'invites' });`,
        '20181218161250-recipients.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('recipients', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, status: { type: Sequelize.STRING } });
    await queryInterface.createTable('invites', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, status: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20190315135020-recipients-dump.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('recipients', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, status: { type: Sequelize.STRING }, mobile: { type: Sequelize.STRING } });
    await queryInterface.createTable('invites', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, status: { type: Sequelize.STRING }, invite_reference: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'duplicateTableDiffers', line: 3, severity: 'error', data: { differences: 'column `mobile` (only in this migration)' } },
        { messageId: 'duplicateTableDiffers', line: 4, severity: 'info', data: { differences: 'column `invite_reference` (only in this migration; no model maps it)' } },
      ],
    },
    {
      name: 'a second definition that differs only in keys Sequelize does not read (`default: 0`, `nullable: true`) or an explicit `allowNull: true`: the same columns reach the database (info); a real `defaultValue` stays a difference (warning)',
      files: {
        '001-create-reliefs.js': `module.exports = { async up(qi, S) {
  await qi.createTable('tax_reliefs', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, amount: { type: S.DECIMAL, default: 0, nullable: true }, label: { type: S.STRING } });
  await qi.createTable('tax_bands', { id: { type: S.INTEGER, primaryKey: true }, rate: { type: S.DECIMAL } });
}, async down() {} };`,
        '002-create-reliefs-again.js': `module.exports = { async up(qi, S) {
  await qi.createTable('tax_reliefs', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, amount: { type: S.DECIMAL, allowNull: true }, label: { type: S.STRING, allowNull: true } });
  await qi.createTable('tax_bands', { id: { type: S.INTEGER, primaryKey: true }, rate: { type: S.DECIMAL, defaultValue: 0 } });
}, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateTableSame', line: 2, severity: 'info', file: '002-create-reliefs-again.js', data: { table: 'tax_reliefs' } },
        { messageId: 'duplicateTableDiffers', line: 3, severity: 'warning', file: '002-create-reliefs-again.js', data: { table: 'tax_bands', differences: 'the definition of `rate`' } },
      ],
    },
    {
      name: 'a second definition whose columns differ only in how the same database default or key is written (`fn(\'NOW\')` and `literal(\'CURRENT_TIMESTAMP\')`, `allowNull: false` on a primary key): the same columns (info); `Sequelize.NOW`, which Sequelize never sends as a default, stays a difference (warning)',
      files: {
        '001-create-stamps.js': `module.exports = { async up(qi, S) {
  await qi.createTable('stamps', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, createdAt: { type: S.DATE, defaultValue: S.fn('NOW') } });
  await qi.createTable('marks', { id: { type: S.INTEGER, primaryKey: true }, createdAt: { type: S.DATE, defaultValue: S.literal('CURRENT_TIMESTAMP') } });
}, async down() {} };`,
        '002-create-stamps-again.js': `module.exports = { async up(qi, S) {
  await qi.createTable('stamps', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false }, createdAt: { type: S.DATE, defaultValue: S.literal('CURRENT_TIMESTAMP') } });
  await qi.createTable('marks', { id: { type: S.INTEGER, primaryKey: true }, createdAt: { type: S.DATE, defaultValue: S.NOW } });
}, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateTableSame', line: 2, severity: 'info', file: '002-create-stamps-again.js', data: { table: 'stamps' } },
        { messageId: 'duplicateTableDiffers', line: 3, severity: 'warning', file: '002-create-stamps-again.js', data: { table: 'marks', differences: 'the definition of `createdAt`' } },
      ],
    },
    {
      name: 'a second definition of a table the very next migration drops for good: which one won never matters (info); recreated later, it does (error)',
      files: {
        '001-create-imports.js': `module.exports = { async up(qi, S) { await qi.createTable('imports', { id: { type: S.INTEGER, primaryKey: true }, file: S.STRING }); }, async down() {} };`,
        '002-create-imports-uuid.js': `module.exports = { async up(qi, S) { await qi.createTable('imports', { id: { type: S.UUID, primaryKey: true }, file: S.STRING }); }, async down() {} };`,
        '003-drop-imports.js': `module.exports = { async up(qi) { await qi.dropTable('imports'); }, async down() {} };`,
        '004-create-audits.js': `module.exports = { async up(qi, S) { await qi.createTable('audits', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '005-create-audits-again.js': `module.exports = { async up(qi, S) { await qi.createTable('audits', { id: { type: S.UUID, primaryKey: true } }); }, async down() {} };`,
        '006-drop-audits.js': `module.exports = { async up(qi) { await qi.dropTable('audits'); }, async down() {} };`,
        '007-create-audits-for-good.js': `module.exports = { async up(qi, S) { await qi.createTable('audits', { id: { type: S.INTEGER, primaryKey: true }, note: S.TEXT }); }, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateTableDroppedLater', line: 1, severity: 'info', file: '002-create-imports-uuid.js', data: { table: 'imports', dropper: '`003-drop-imports.js`' } },
        { messageId: 'duplicateTableDiffers', line: 1, severity: 'error', file: '005-create-audits-again.js' },
      ],
    },
    {
      name: 'a second definition differing only by a foreign key that another migration adds with addConstraint: the same columns (info); a key nobody adds stays a difference (a warning: drift of a column both declare)',
      files: {
        '001-create-users.js': createUsers(),
        '002-create-groups.js': `module.exports = { async up(qi, S) { await qi.createTable('groups', { id: { type: S.INTEGER, primaryKey: true }, adminid: { type: S.INTEGER } }); await qi.createTable('invites', { id: { type: S.INTEGER, primaryKey: true }, userid: { type: S.INTEGER } }); }, async down() {} };`,
        '003-create-groups-again.js': `module.exports = { async up(qi, S) {
  await qi.createTable('groups', { id: { type: S.INTEGER, primaryKey: true }, adminid: { type: S.INTEGER, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' } });
  await qi.createTable('invites', { id: { type: S.INTEGER, primaryKey: true }, userid: { type: S.INTEGER, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' } });
}, async down() {} };`,
        '004-group-admin-key.js': `module.exports = { async up(qi) { await qi.addConstraint('groups', { fields: ['adminid'], type: 'foreign key', name: 'groups_admin_fk', references: { table: 'users', field: 'id' }, onDelete: 'CASCADE' }); }, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicateTableSame', line: 2, severity: 'info', file: '003-create-groups-again.js', data: { table: 'groups' } },
        { messageId: 'duplicateTableDiffers', line: 3, severity: 'warning', file: '003-create-groups-again.js', data: { table: 'invites', differences: 'the definition of `userid`' } },
      ],
    },
    {
      // Hold-out 86: a migration copied byte for byte, both creating each table from the schema object its model exports.
      name: 'the attributes migralint cannot read, but the very same object of a project module in both (a migration copied whole): alike, info; another module\'s object: unknown, an error',
      files: {
        'models/empresa.js': "const { DataTypes } = require('sequelize');\nconst EmpresaSchema = require('./columns').empresa(DataTypes);\nmodule.exports = { EmpresaSchema, EMPRESA_TABLE: 'empresa' };\n",
        'models/empresa-v2.js': "const { DataTypes } = require('sequelize');\nmodule.exports = { EmpresaSchema: require('./columns').empresa2(DataTypes) };\n",
        '001-main.js': "const { EmpresaSchema, EMPRESA_TABLE } = require('../models/empresa');\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.createTable(EMPRESA_TABLE, EmpresaSchema);\n  },\n  async down() {},\n};\n",
        '002-copy.js': "const { EmpresaSchema, EMPRESA_TABLE } = require('./../models/empresa.js');\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.createTable(EMPRESA_TABLE, EmpresaSchema);\n  },\n  async down() {},\n};\n",
        '003-other.js': "const { EmpresaSchema } = require('../models/empresa-v2');\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.createTable('empresa', EmpresaSchema);\n  },\n  async down() {},\n};\n",
      },
      errors: [
        { messageId: 'duplicateTableSame', line: 4, severity: 'info', file: '002-copy.js', data: { first: '001-main.js' } },
        { messageId: 'duplicateTableUnknown', line: 4, severity: 'error', file: '003-other.js', data: { first: '001-main.js' } },
      ],
    },
    {
      name: 'identical second definition is info: a no-op that loses nothing',
      files: { '001-create-users.js': createUsers(), '002-create-users.js': createUsers() },
      errors: [{ messageId: 'duplicateTableSame', line: 4, severity: 'info', data: { first: '001-create-users.js' } }],
    },
    {
      name: 'a second definition that only lacks a column the first has: every column it declares is there, info; one that also adds a column stays an error',
      files: {
        '001-create-users.js': createUsers("\n      origin: { type: Sequelize.STRING },"),
        '002-create-users.js': createUsers(),
        '003-create-users.js': createUsers("\n      nickname: { type: Sequelize.STRING },"),
      },
      errors: [
        { messageId: 'duplicateTableDiffers', line: 4, severity: 'info', file: '002-create-users.js', data: { differences: 'the absence of `origin`' } },
        { messageId: 'duplicateTableDiffers', line: 4, severity: 'error', file: '003-create-users.js', data: { differences: 'column `nickname` (only in this migration), the absence of `origin`' } },
      ],
    },
    {
      name: 'a second definition that declares a column both have otherwise: NOT NULL or a default is drift (warning); another type is code meeting values it was not written for (error)',
      files: {
        '001-create-users.js': createUsers("\n      origin: { type: Sequelize.STRING },"),
        '002-create-users.js': createUsers("\n      origin: { type: Sequelize.STRING, allowNull: false, defaultValue: 'web' },"),
        '003-create-users.js': createUsers("\n      origin: { type: Sequelize.INTEGER },"),
      },
      errors: [
        { messageId: 'duplicateTableDiffers', line: 4, severity: 'warning', file: '002-create-users.js', data: { differences: 'the definition of `origin`' } },
        { messageId: 'duplicateTableDiffers', line: 4, severity: 'error', file: '003-create-users.js', data: { differences: 'the definition of `origin`' } },
      ],
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
    {
      name: 'the diff counts the addColumns of the first lineage, before and after this migration',
      files: {
        '001-create-apps.js': `module.exports = { async up(qi, S) { await qi.createTable('apps', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING } }); }, async down() {} };`,
        '002-add-description.js': `module.exports = { async up(qi, S) { await qi.addColumn('apps', 'description', { type: S.TEXT }); }, async down() {} };`,
        '003-create-apps.js': `module.exports = { async up(qi, S) {
  await qi.createTable('apps', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING }, description: { type: S.TEXT }, icon: { type: S.STRING }, owner: { type: S.STRING } });
}, async down() {} };`,
        '004-add-icon.js': `module.exports = { async up(qi, S) {
  const columns = await qi.describeTable('apps');
  if (!columns.icon) await qi.addColumn('apps', 'icon', { type: S.STRING });
}, async down() {} };`,
      },
      errors: [{ messageId: 'duplicateTableDiffers', line: 2, data: { table: 'apps', first: '001-create-apps.js', differences: 'column `owner` (only in this migration)' } }],
    },
    {
      name: 'a re-run of another migration that reaches three tables: one finding at the call site',
      files: {
        '20230101-01-create-boards.js': `module.exports = {
  up: async (context) => {
    await context.createTable('boards', { id: { type: 'INTEGER', primaryKey: true } });
    await context.createTable('board_columns', { id: { type: 'INTEGER', primaryKey: true } });
    await context.createTable('board_cards', { id: { type: 'INTEGER', primaryKey: true } });
  },
  down: async () => {},
};`,
        '20230601-01-rerun-boards.js': `module.exports = {
  up: async (context) => {
    await require('./20230101-01-create-boards').up(context);
  },
  down: async () => {},
};`,
      },
      errors: [
        {
          messageId: 'duplicateViaCall',
          line: 3,
          column: 11,
          severity: 'warning',
          data: { items: '`boards`, `board_columns`, `board_cards` (20230101-01-create-boards.js)' },
        },
      ],
    },
    {
      name: 'a catch that rethrows all but "already exists" is no existence check: the second definition is still ignored',
      files: {
        '016-create-tasks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.createTable('tasks', { id: { type: Sequelize.INTEGER, primaryKey: true }, title: Sequelize.STRING });
    } catch (error) {
      if (!error.message.includes('already exists')) throw error;
    }
  },
  async down() {},
};`,
        '017-create-tasks-v2.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.createTable('tasks', { id: { type: Sequelize.INTEGER, primaryKey: true }, title: Sequelize.STRING, due_at: Sequelize.DATE });
    } catch (error) {
      if (!error.message.includes('already exists')) throw error;
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'duplicateTableDiffers', line: 4, data: { table: 'tasks', first: '016-create-tasks.js', differences: 'column `due_at` (only in this migration)' } }],
    },
    {
      name: 'an existence check on another table does not hide a duplicate after it',
      files: {
        '001-create-users.js': createUsers(),
        '002-create-users-again.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await queryInterface.tableExists('profiles'))) {
      await queryInterface.createTable('profiles', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    }
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'duplicateTableDiffers', line: 6, data: { table: 'users' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a createTable under an existence check of another table',
      why: 'any existence check counts as a guard (the early return of a squashed baseline tests one canary table for all)',
      files: {
        '001-create-users.js': createUsers(),
        '002-users-from-legacy.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    if (await queryInterface.tableExists('legacy_accounts')) {
      await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING, legacy_id: Sequelize.INTEGER });
    }
  },
  async down() {},
};`,
      },
    },
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

describe('no-duplicate-create-table with a runner baseline (fixtures/baseline-runner)', () => {
  const rule = ruleById('no-duplicate-create-table')!;
  let project: ProjectModel;
  beforeAll(async () => {
    await loadSqlParser();
    ({ project } = await analyzeProject(path.join(REPO, 'fixtures', 'baseline-runner'), { migrations: 'migrations' }));
  });
  const findings = (p: ProjectModel) => runRules(p, { [rule.id]: 'on' }, [rule]).map((f) => ({ file: path.basename(f.file), line: f.line, messageId: f.messageId, severity: f.severity }));
  /** The runner as the runner analysis reads lib/migrate.js, with or without its baseline. */
  const withBaseline = (p: ProjectModel, migration: string | null): ProjectModel => {
    const runner: RunnerInfo = {
      kind: 'custom',
      evidence: { file: 'lib/migrate.js', line: 5, text: "const BASELINE = '20240101-01-initial-schema.js';" },
      migrationsDirs: ['migrations'],
      filter: { extensions: ['.js'], pattern: '^\\d{8}-\\d\\d-.*\\.js$', recursive: false },
      order: 'name',
      transaction: 'none',
      downRunnable: 'no',
      baseline: migration ? { migration, evidence: { file: 'lib/migrate.js', line: 5, text: "const BASELINE = '20240101-01-initial-schema.js';" } } : null,
      storage: null,
      notes: [],
    };
    return { ...p, project: { ...p.project, runner } };
  };

  it('without the baseline, the baseline duplicates the older migrations (the addColumn in between counted)', () => {
    expect(findings(withBaseline(project, null))).toEqual([
      { file: '20240101-01-initial-schema.js', line: 9, messageId: 'duplicateTableSame', severity: 'info' },
      { file: '20240101-01-initial-schema.js', line: 14, messageId: 'duplicateTableDiffers', severity: 'error' },
      { file: '20240101-01-initial-schema.js', line: 19, messageId: 'duplicateIndex', severity: 'error' },
      { file: '20240301-01-recreate-teams.js', line: 5, messageId: 'duplicateTableDiffers', severity: 'warning' },
    ]);
  });

  it('with the baseline, only the later duplicate of the baseline\'s own table is reported', () => {
    const got = runRules(withBaseline(project, '20240101-01-initial-schema.js'), { [rule.id]: 'on' }, [rule]);
    expect(got.map((f) => ({ file: path.basename(f.file), line: f.line, messageId: f.messageId }))).toEqual([
      { file: '20240301-01-recreate-teams.js', line: 5, messageId: 'duplicateTableDiffers' },
    ]);
    expect(got[0]!.data).toMatchObject({ table: 'teams', first: '20240101-01-initial-schema.js', differences: 'the definition of `slug`' });
  });
});
