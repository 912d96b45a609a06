import fs from 'node:fs';
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, it } from 'vitest';
import plugin from '../../src/eslint';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { looseFolder, removeTempProjects, tempProject } from './support';

/**
 * Every migralint rule run through the ESLint adapter with
 * typescript-eslint's RuleTester: messageIds and locations as ESLint reports
 * them, and each suggestion's exact output (RuleTester also checks that the
 * output parses). That the fixed code no longer triggers the rule is
 * checked in suggestions.test.ts.
 *
 * File rules lint a buffer inside a temp project; cross-file rules lint one
 * file of a temp project whose siblings (migrations, models, config) are on
 * disk, as in an editor.
 */
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The plugin answers SQL through a worker until the in-process parser is
// loaded (the worker script only exists in dist/); load it here instead.
beforeAll(async () => {
  await loadSqlParser();
});
afterAll(removeTempProjects);

const ruleTester = new RuleTester({
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageOptions: { parser: require('@typescript-eslint/parser') },
  // The CLI's info findings too (hidden in ESLint by default): the tables test every finding of a rule.
  settings: { migralint: { reportInfo: true } },
});

type RuleUnderTest = Parameters<RuleTester['run']>[1];
type Tests = Parameters<RuleTester['run']>[2];

function run(ruleId: string, tests: Tests): void {
  const rule = (plugin.rules as Record<string, unknown>)[ruleId];
  if (!rule) throw new Error(`the plugin has no rule ${ruleId}`);
  ruleTester.run(ruleId, rule as RuleUnderTest, tests);
}

/** One project for the single-file rules: its migrations folder is empty, the buffer is the migration. */
const SINGLE = tempProject();
const inSingle = (name = '20240101000000-migration.js') => path.join(SINGLE, 'migrations', name);
const migrationIn = (root: string, name: string) => path.join(root, 'migrations', name);

// Suggestion descriptions (what the editor shows).
const GUARD = 'Add the column only when `describeTable` does not list it';
const TRANSACTION = 'Run the whole `up` in one transaction, passing `{ transaction }` to every call';
const CONCURRENTLY = 'Build the index with CREATE INDEX CONCURRENTLY (no write lock; cannot run in a transaction)';

// -----------------------------------------------------------------------------
// no-destructive-down

run('no-destructive-down', {
  valid: [
    {
      name: 'a down that reverts without destroying (removeIndex, renameColumn)',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('users', 'name', 'full_name');
    await queryInterface.addIndex('users', ['full_name']);
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('users', ['full_name']);
    await queryInterface.renameColumn('users', 'full_name', 'name');
  },
};`,
    },
    {
      name: 'a down that throws to mark the migration irreversible',
      filename: inSingle(),
      code: `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'legacy_token');
  },
  down: async () => {
    throw new Error('Irreversible: restore users.legacy_token from the backup');
  },
};`,
    },
  ],
  invalid: [
    {
      name: 'the seed case: the rollback removes the profile columns its up adds (a reversal)',
      filename: inSingle('031-add-profile-fields.js'),
      code: `'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },

  down: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users', 'location');
  },
};`,
      errors: [
        { messageId: 'reversal', data: { effect: 'drops', target: '`users.bio`', undoes: 'adds' }, line: 10, column: 11, endLine: 10, endColumn: 54 },
        { messageId: 'reversal', data: { effect: 'drops', target: '`users.location`', undoes: 'adds' }, line: 11, column: 11 },
      ],
    },
    {
      name: 'umzug ESM: dropTable in down of the table its up creates (a reversal)',
      filename: inSingle('2024.03.01T10.00.00.create-audit-events.mjs'),
      code: `export const up = async ({ context: queryInterface }) => {
  await queryInterface.createTable('audit_events', { id: { type: 'INTEGER', primaryKey: true } });
};

export const down = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('audit_events');
};`,
      errors: [{ messageId: 'reversal', data: { effect: 'drops table', target: '`audit_events`', undoes: 'creates' }, line: 6, column: 9 }],
    },
    {
      name: 'raw SQL in down: DELETE without WHERE and TRUNCATE',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }, { name: 'editor' }]);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DELETE FROM roles');
    await queryInterface.sequelize.query('TRUNCATE TABLE role_grants');
  },
};`,
      errors: [
        { messageId: 'deleteAllRows', data: { target: '`roles`' }, line: 6, column: 11 },
        { messageId: 'truncate', data: { target: '`role_grants`' }, line: 7, column: 11 },
      ],
    },
  ],
});

// -----------------------------------------------------------------------------
// no-destructive-up

const MYSQL_PROJECT = tempProject({ 'config/config.json': JSON.stringify({ production: { dialect: 'mysql', host: 'db' } }, null, 2) });

run('no-destructive-up', {
  valid: [
    {
      name: 'an additive migration',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.createTable('user_settings', { user_id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('user_settings');
  },
};`,
    },
    {
      name: 'dropping a scratch table the same migration created',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users_copy', { id: { type: Sequelize.INTEGER } });
    await queryInterface.sequelize.query('INSERT INTO users_copy SELECT id FROM users');
    await queryInterface.dropTable('users_copy');
  },
  async down() {},
};`,
    },
    {
      name: 'row-filtered deletes with reportRowFilteredChanges: false',
      filename: inSingle(),
      options: [{ reportRowFilteredChanges: false }],
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('sessions', { expired: true });
  },
  async down() {},
};`,
    },
  ],
  invalid: [
    {
      name: 'MySQL SQL in a project whose config says mysql: read by keywords in the editor too, not failed by the PostgreSQL parser',
      filename: migrationIn(MYSQL_PROJECT, '20240101000000-drop-coupon.js'),
      code: "module.exports = { async up(qi) { await qi.sequelize.query('ALTER TABLE `orders` DROP COLUMN `coupon`'); }, async down() {} };",
      errors: [{ messageId: 'dropColumn', data: { target: '`orders.coupon`' }, line: 1, column: 41 }],
    },
    {
      name: 'dropTable and removeColumn of existing data',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('legacy_sessions');
    await queryInterface.removeColumn('users', 'legacy_flag');
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'dropTablesAndColumns',
          data: { target: '`legacy_sessions`', tables: 'table `legacy_sessions`', columns: '`users.legacy_flag`', lines: '3, 4' },
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 54,
        },
      ],
    },
    {
      name: 'bulkDelete with a where (some rows) and bulkUpdate without one (every row)',
      filename: inSingle(),
      code: `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.bulkDelete('carts', { expired: true });
    await queryInterface.bulkUpdate('users', { role: 'member' }, {});
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'deleteSomeRows', data: { target: '`carts`', where: '{ expired: true }' }, line: 3, column: 11 },
        { messageId: 'overwriteAllRows', data: { columns: '`role`', target: '`users`' }, line: 4, column: 11 },
      ],
    },
    {
      name: 'raw SQL UPDATE without WHERE, in a TypeScript umzug migration',
      filename: inSingle('20240101000000-reset-verification.ts'),
      code: `import type { QueryInterface } from 'sequelize';

export async function up({ context: queryInterface }: { context: QueryInterface }): Promise<void> {
  await queryInterface.sequelize.query('UPDATE users SET email_verified = false');
}

export async function down(): Promise<void> {}`,
      errors: [{ messageId: 'overwriteAllRows', data: { columns: '`email_verified`', target: '`users`' }, line: 4, column: 9 }],
    },
  ],
});

// -----------------------------------------------------------------------------
// no-duplicate-create-table (cross-file: the first creation is a sibling on disk)

const createUsers = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, allowNull: false },
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
`;
const createUsersAgain = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, allowNull: false },
      display_name: { type: Sequelize.STRING },
    });
  },
  async down() {},
};
`;
const dropUsers = `module.exports = { async up(queryInterface) { await queryInterface.dropTable('users'); }, async down() {} };\n`;
const DUPLICATES = tempProject({
  'migrations/20240101000000-create-users.js': createUsers,
  'migrations/20240301000000-create-users-profile.js': createUsersAgain,
});
const RECREATED = tempProject({
  'migrations/20240101000000-create-users.js': createUsers,
  'migrations/20240201000000-drop-users.js': dropUsers,
  'migrations/20240301000000-create-users-profile.js': createUsersAgain,
});
const emailIndex = `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', ['email'], { unique: true });
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('users', ['email']);
  },
};
`;
const emailIndexAgain = `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', { fields: ['email'], unique: true, name: 'users_email' });
  },
  async down() {},
};
`;
const INDEXES = tempProject({
  'migrations/20240101000000-create-users.js': createUsers,
  'migrations/20240102000000-users-email-index.js': emailIndex,
  'migrations/20240501000000-unique-email.js': emailIndexAgain,
});

run('no-duplicate-create-table', {
  valid: [
    {
      name: 'the first creation is not reported (the duplicate is, in its own file)',
      filename: migrationIn(DUPLICATES, '20240101000000-create-users.js'),
      code: createUsers,
    },
    {
      name: 'a table dropped by a migration in between is created fresh',
      filename: migrationIn(RECREATED, '20240301000000-create-users-profile.js'),
      code: createUsersAgain,
    },
  ],
  invalid: [
    {
      name: 'a second createTable with more columns: they never reach databases where the first ran',
      filename: migrationIn(DUPLICATES, '20240301000000-create-users-profile.js'),
      code: createUsersAgain,
      errors: [
        {
          messageId: 'duplicateTableDiffers',
          data: { table: 'users', first: '20240101000000-create-users.js', differences: 'column `display_name` (only in this migration)' },
          line: 3,
          column: 11,
          endLine: 7,
          endColumn: 7,
        },
      ],
    },
    {
      name: 'the same index, named the way Sequelize derives it',
      filename: migrationIn(INDEXES, '20240501000000-unique-email.js'),
      code: emailIndexAgain,
      errors: [{ messageId: 'duplicateIndex', data: { index: 'users_email', first: '20240102000000-users-email-index.js', failure: '"relation already exists"' }, line: 3, column: 11 }],
    },
    {
      name: 'the unsaved editor buffer is judged, not the file on disk (same columns now: a warning-level duplicate)',
      filename: migrationIn(DUPLICATES, '20240301000000-create-users-profile.js'),
      code: createUsers.replace("await queryInterface.dropTable('users');", '// keep the table'),
      errors: [{ messageId: 'duplicateTableSame', data: { table: 'users', first: '20240101000000-create-users.js' }, line: 3, column: 11 }],
    },
  ],
});

// -----------------------------------------------------------------------------
// no-insecure-db-config (cross-file: the config file is linted, read from disk)

const insecureConfig = `module.exports = {
  development: {
    username: 'postgres',
    password: 'postgres',
    database: 'app_dev',
    host: '127.0.0.1',
    dialect: 'postgres',
  },
  production: {
    username: process.env.DB_USER,
    password: process.env.DB_PASSWORD || 'changeme',
    host: process.env.DB_HOST,
    dialect: 'postgres',
    logging: false,
  },
};
`;
const secureConfig = `module.exports = {
  development: {
    url: process.env.DATABASE_URL,
    dialect: 'postgres',
  },
  production: {
    use_env_variable: 'DATABASE_URL',
    dialect: 'postgres',
    logging: false,
    dialectOptions: { ssl: { ca: process.env.DB_CA } },
  },
};
`;
const INSECURE = tempProject({ 'config/database.js': insecureConfig, 'migrations/20240101000000-create-users.js': createUsers });
const SECURE = tempProject({ 'config/database.js': secureConfig });

run('no-insecure-db-config', {
  valid: [
    { name: 'credentials from the environment, verified SSL, no logging in production', filename: path.join(SECURE, 'config', 'database.js'), code: secureConfig },
    {
      name: 'a migration of a project with an insecure config: the finding belongs to the config file',
      filename: migrationIn(INSECURE, '20240101000000-create-users.js'),
      code: createUsers,
    },
  ],
  invalid: [
    {
      name: 'a literal password, a literal fallback, production without SSL',
      filename: path.join(INSECURE, 'config', 'database.js'),
      code: insecureConfig,
      errors: [
        {
          messageId: 'hardcodedCredential',
          data: {
            throwaway: '',
            shared: '',
            env: 'development',
            field: 'password',
            local: " `development` connects to `127.0.0.1`, a local or private address: a developer's database, which matters only if the same password guards one that others can reach.",
          },
          line: 4,
          column: 5,
        },
        {
          messageId: 'productionWithoutSslHostFromEnvironment',
          data: { throwaway: '', shared: '', env: 'production', setting: 'no `dialectOptions.ssl`', connection: 'sequelize-cli only (migrations and seeders)', ownOptions: '', variable: '`DB_HOST`' },
          line: 9,
          column: 3,
        },
        { messageId: 'credentialFallback', data: { throwaway: '', shared: '', env: 'production', field: 'password', variable: 'process.env.DB_PASSWORD', local: '' }, line: 11, column: 5 },
      ],
    },
    {
      name: 'production encrypts without verifying the certificate (a cli-only config: no logging claim)',
      filename: path.join(
        tempProject({
          'config/database.js': `module.exports = {
  production: {
    use_env_variable: 'DATABASE_URL',
    dialect: 'postgres',
    dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },
  },
};
`,
        }),
        'config',
        'database.js',
      ),
      code: `module.exports = {
  production: {
    use_env_variable: 'DATABASE_URL',
    dialect: 'postgres',
    dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },
  },
};
`,
      errors: [
        // No `logging` key, but only sequelize-cli reads the file (no application module builds an instance from it): its logMigrator prints no SQL.
        { messageId: 'sslRejectUnauthorizedFalse', data: { throwaway: '', shared: '', env: 'production', setting: '`rejectUnauthorized: false`', connection: 'sequelize-cli only (migrations and seeders)' }, line: 5, column: 45 },
      ],
    },
  ],
});

// -----------------------------------------------------------------------------
// no-model-drift (cross-file: models and migrations read from disk)

const createUsersWithLegacy = `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, allowNull: false },
      display_name: Sequelize.STRING,
      legacy_flags: Sequelize.INTEGER,
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
`;
const userModel = (extra: string) => `'use strict';
module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define('User', {
    email: { type: DataTypes.STRING, allowNull: false },
    displayName: { type: DataTypes.STRING, field: 'display_name' },
    legacyFlags: { type: DataTypes.INTEGER, field: 'legacy_flags' },${extra}
  }, { tableName: 'users' });
  return User;
};
`;
const driftingModel = userModel(`\n    linkedinUrl: { type: DataTypes.STRING, field: 'linkedin_url' },`);
const matchingModel = userModel('');
const unmappingModel = matchingModel.replace("    legacyFlags: { type: DataTypes.INTEGER, field: 'legacy_flags' },\n", '');
const DRIFT = tempProject({ 'migrations/20240101000000-create-users.js': createUsersWithLegacy, 'models/user.js': driftingModel });
const NO_DRIFT = tempProject({ 'migrations/20240101000000-create-users.js': createUsersWithLegacy, 'models/user.js': matchingModel });
const UNMAPPED = tempProject({ 'migrations/20240101000000-create-users.js': createUsersWithLegacy, 'models/user.js': unmappingModel });

run('no-model-drift', {
  valid: [
    { name: 'every attribute has its column', filename: path.join(NO_DRIFT, 'models', 'user.js'), code: matchingModel },
    { name: 'the migration of a model that maps every column', filename: migrationIn(NO_DRIFT, '20240101000000-create-users.js'), code: createUsersWithLegacy },
    {
      name: 'ignoreTables',
      filename: path.join(DRIFT, 'models', 'user.js'),
      code: driftingModel,
      options: [{ ignoreTables: ['users'] }],
    },
  ],
  invalid: [
    {
      name: 'a model attribute no migration creates, reported in the model',
      filename: path.join(DRIFT, 'models', 'user.js'),
      code: driftingModel,
      errors: [
        {
          messageId: 'attributeWithoutMigration',
          data: { model: 'User', attribute: 'linkedinUrl', column: 'linkedin_url', table: 'users' },
          line: 7,
          column: 5,
        },
      ],
    },
    {
      name: 'a column no model maps, reported at the createTable that creates it',
      filename: migrationIn(UNMAPPED, '20240101000000-create-users.js'),
      code: createUsersWithLegacy,
      errors: [{ messageId: 'columnWithoutModel', data: { table: 'users', column: 'legacy_flags', migration: '20240101000000-create-users.js', models: '`User`' }, line: 4, column: 11 }],
    },
  ],
});

// -----------------------------------------------------------------------------
// no-swallowed-errors

run('no-swallowed-errors', {
  valid: [
    {
      name: 'a catch that rethrows unless the object already exists',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('users', ['email']);
    } catch (error) {
      if (!error.message.includes('already exists')) throw error;
    }
  },
  async down() {},
};`,
    },
    {
      name: 'a .catch on an SQLSTATE code',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }).catch((error) => {
      if (error.original?.code !== '42701') throw error;
    });
  },
  async down() {},
};`,
    },
  ],
  invalid: [
    {
      name: 'an empty catch around several steps: one finding at the try',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
      await queryInterface.addIndex('users', ['bio']);
    } catch (e) {}
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', data: { which: 'This catch discards', steps: '`addColumn` on `users.bio` at line 4, `addIndex` on `users` at line 5' }, line: 3, column: 5 }],
    },
    {
      name: '.catch(() => {}) and a catch that only logs: one finding, at the first catch, naming both',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('orders', 'legacy_ref').catch(() => {});
    try {
      await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN coupon');
    } catch (error) {
      console.log('could not drop coupon, continuing', error.message);
    }
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'swallowed',
          data: { which: 'These 2 catches (lines 3, 4) discard', steps: '`removeColumn` on `orders.legacy_ref` at line 3, `removeColumn` (SQL) on `orders.coupon` at line 5' },
          line: 3,
          column: 63,
        },
      ],
    },
  ],
});

// -----------------------------------------------------------------------------
// require-concurrent-index (suggestion: add `concurrently: true`)

run('require-concurrent-index', {
  valid: [
    {
      name: 'a concurrent build outside any transaction',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['user_id'], { concurrently: true, name: 'orders_user_id' });
  },
  async down() {},
};`,
    },
    {
      name: 'an index on a table this migration creates (empty: nothing to block)',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true }, customer_id: Sequelize.INTEGER });
    await queryInterface.addIndex('invoices', ['customer_id']);
  },
  async down() {},
};`,
    },
    {
      name: 'raw CREATE INDEX CONCURRENTLY',
      filename: inSingle(),
      code: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status)');
  },
  down: async () => {},
};`,
    },
  ],
  invalid: [
    {
      name: 'fields as an array, no options: the options are appended',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['user_id']);
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'blockingIndex',
          data: { op: 'addIndex', target: '`orders`' },
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              desc: CONCURRENTLY,
              output: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['user_id'], { concurrently: true });
  },
  async down() {},
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'the { fields } object form and an options object: the option goes inside',
      filename: inSingle(),
      code: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.addIndex('orders', { fields: ['created_at'], name: 'orders_created_at' });
    await queryInterface.addIndex('orders', ['status'], { where: { archived: false } });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'blockingIndex',
          data: { op: 'addIndex', target: '`orders` (`orders_created_at`)' },
          line: 3,
          column: 11,
          suggestions: [
            {
              desc: CONCURRENTLY,
              output: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.addIndex('orders', { concurrently: true, fields: ['created_at'], name: 'orders_created_at' });
    await queryInterface.addIndex('orders', ['status'], { where: { archived: false } });
  },
  down: async () => {},
};`,
            },
          ],
        },
        {
          messageId: 'blockingIndex',
          data: { op: 'addIndex', target: '`orders`' },
          line: 4,
          column: 11,
          suggestions: [
            {
              desc: CONCURRENTLY,
              output: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.addIndex('orders', { fields: ['created_at'], name: 'orders_created_at' });
    await queryInterface.addIndex('orders', ['status'], { concurrently: true, where: { archived: false } });
  },
  down: async () => {},
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'options in a variable and raw SQL: no mechanical rewrite, no suggestion',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    const options = { name: 'orders_total_idx' };
    await queryInterface.addIndex('orders', ['total'], options);
    await queryInterface.sequelize.query('CREATE INDEX orders_placed_at_idx ON orders (placed_at)');
  },
  async down() {},
};`,
      errors: [
        { messageId: 'blockingIndex', data: { op: 'addIndex', target: '`orders` (`orders_total_idx`)' }, line: 4, column: 11, suggestions: [] },
        { messageId: 'blockingIndex', data: { op: 'CREATE INDEX', target: '`orders` (`orders_placed_at_idx`)' }, line: 5, column: 11, suggestions: [] },
      ],
    },
  ],
});

// -----------------------------------------------------------------------------
// require-down

run('require-down', {
  valid: [
    {
      name: 'a down that reverts',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};`,
    },
    {
      name: 'a down that throws: an explicit irreversible marker',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) { await queryInterface.removeColumn('users', 'legacy'); },
  async down() { throw new Error('Irreversible: restore users.legacy from backup'); },
};`,
    },
    {
      name: 'an up that only reads',
      filename: inSingle(),
      code: `module.exports = { async up(queryInterface) { await queryInterface.describeTable('users'); }, async down() {} };`,
    },
  ],
  invalid: [
    {
      name: 'an empty down (the seed project: "Rollback disabled to preserve data")',
      filename: inSingle('001-create-users.js'),
      code: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER } });
  },
  down: async (queryInterface, Sequelize) => {
    // Rollback disabled to preserve data
  },
};`,
      errors: [{ messageId: 'emptyDown', data: { file: '001-create-users.js', changes: 'createTable users' }, line: 5, column: 9 }],
    },
    {
      name: 'no down at all, reported at the up function',
      filename: inSingle('20240101000000-add-contact-fields.js'),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING });
    await queryInterface.addIndex('users', ['phone']);
  },
};`,
      errors: [
        {
          messageId: 'missingDown',
          data: { file: '20240101000000-add-contact-fields.js', changes: 'addColumn users.phone, addIndex users' },
          line: 2,
          column: 11,
        },
      ],
    },
    {
      name: 'a file outside any project is judged on its own',
      filename: path.join(looseFolder(), 'add-bio.js'),
      code: `exports.up = async (queryInterface, Sequelize) => {
  await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
};
exports.down = async () => {};`,
      errors: [{ messageId: 'emptyDown', data: { file: 'add-bio.js', changes: 'addColumn users.bio' }, line: 4, column: 16 }],
    },
  ],
});

// -----------------------------------------------------------------------------
// require-idempotency-guard (suggestions: describeTable guard, one transaction)

const SYNCED = tempProject({
  'package.json': JSON.stringify({ name: 'app', private: true, scripts: { start: 'node server.js' } }, null, 2),
  'server.js': `const { sequelize } = require('./models');

async function main() {
  await sequelize.sync({ alter: true });
  require('http').createServer(() => {}).listen(3000);
}

main();
`,
  'models/index.js': `const { Sequelize } = require('sequelize');\nmodule.exports = { sequelize: new Sequelize(process.env.DATABASE_URL) };\n`,
});

run('require-idempotency-guard', {
  valid: [
    {
      name: 'describeTable and showIndex guards',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    const columns = await queryInterface.describeTable('users');
    if (!columns.bio) {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    }
    const indexes = await queryInterface.showIndex('users');
    if (!indexes.some((index) => index.name === 'users_bio_idx')) {
      await queryInterface.addIndex('users', ['bio'], { name: 'users_bio_idx' });
    }
  },
  async down() {},
};`,
    },
    {
      name: 'the whole migration in one managed transaction',
      filename: inSingle(),
      code: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.addIndex('users', ['bio'], { transaction });
    }),
  down: async () => {},
};`,
    },
    {
      name: 'a single last step: nothing after it can fail (no sync() in the npm scripts)',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
    },
  ],
  invalid: [
    {
      name: 'unguarded addColumn followed by a plain index: guard it, or wrap everything in a transaction',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['bio']);
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'notAtomicMinor',
          data: { op: 'addColumn', target: '`users.bio`', runner: 'sequelize-cli', how: 'outside a transaction', later: 'the one later step', it: 'it', failure: 'column already exists' },
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 77,
          suggestions: [
            {
              desc: GUARD,
              output: `module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await queryInterface.describeTable('users'))['bio']) {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    }
    await queryInterface.addIndex('users', ['bio']);
  },
  async down() {},
};`,
            },
            {
              desc: TRANSACTION,
              output: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.addIndex('users', ['bio'], { transaction });
    });
  },
  async down() {},
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'umzug arrow with raw SQL and options objects: one finding at the first step, one transaction (no guard for non-addColumn steps)',
      filename: inSingle(),
      code: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.renameColumn('orders', 'total', 'total_cents');
    await queryInterface.sequelize.query('ALTER TABLE orders ADD COLUMN currency varchar(3)', { raw: true });
    await queryInterface.addIndex('orders', { fields: ['currency'], name: 'orders_currency' });
  },
  down: async () => {},
};`,
      errors: [0].map((i) => ({
        messageId: 'notAtomicMinor',
        data: { op: 'renameColumn', target: '`orders.total`', runner: 'sequelize-cli', how: 'outside a transaction', later: 'the 2 later steps', it: 'one', failure: "Sequelize: table doesn't have the column" },
        line: 3 + i,
        column: 11,
        suggestions: [
          {
            desc: TRANSACTION,
            output: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.renameColumn('orders', 'total', 'total_cents', { transaction });
      await queryInterface.sequelize.query('ALTER TABLE orders ADD COLUMN currency varchar(3)', { transaction, raw: true });
      await queryInterface.addIndex('orders', { transaction, fields: ['currency'], name: 'orders_currency' });
    });
  },
  down: async () => {},
};`,
          },
        ],
      })),
    },
    {
      name: 'a transaction that does not cover the whole migration: the guard only',
      filename: inSingle(),
      code: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await queryInterface.addIndex('orders', ['currency']);
    }),
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'notAtomicMinor',
          data: { op: 'addColumn', target: '`orders.currency`', runner: 'sequelize-cli', how: 'in a transaction that does not cover every step', later: 'the one later step', it: 'it', failure: 'column already exists' },
          line: 4,
          column: 13,
          suggestions: [
            {
              desc: GUARD,
              output: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      if (!(await queryInterface.describeTable('orders'))['currency']) {
        await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      }
      await queryInterface.addIndex('orders', ['currency']);
    }),
  down: async () => {},
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'a concurrent index build: not atomic, no mechanical rewrite',
      filename: inSingle(),
      code: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('events', ['created_at'], { concurrently: true, name: 'events_created_at' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'unguardedConcurrently', data: { op: 'addIndex', target: '`events` (`events_created_at`)', failure: 'relation already exists', others: '' }, line: 3, column: 11, suggestions: [] }],
    },
    {
      name: 'the last step too when an npm script builds schemas with sync() (read from the project on disk)',
      filename: migrationIn(SYNCED, '20240101000000-add-bio.js'),
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'unguardedLastStep',
          data: {
            op: 'addColumn',
            target: '`users.bio`',
            failure: 'column already exists',
            why: '`npm run start` alters the tables to match the models with sequelize.sync() (server.js:4), so databases the application ran on can already have it',
            more: '',
          },
          line: 3,
          column: 11,
          suggestions: [
            {
              desc: GUARD,
              output: `module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await queryInterface.describeTable('users'))['bio']) {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    }
  },
  async down() {},
};`,
            },
          ],
        },
      ],
    },
  ],
});

// -----------------------------------------------------------------------------
// valid-migration-file

const CUSTOM_RUNNER = tempProject({
  'migrations/index.js': `const fs = require('fs');
module.exports = async function migrate(sequelize) {
  const names = fs.readdirSync(__dirname).filter((n) => /^\\d{8}-\\d\\d-.*\\.js$/.test(n)).sort();
  for (const n of names) await require('./' + n).up(sequelize.getQueryInterface());
};
`,
  'migrations/20240101-01-create-teams.js': `module.exports = { async up() {}, async down() {} };`,
});

run('valid-migration-file', {
  valid: [
    { name: 'a CommonJS migration', filename: inSingle(), code: `module.exports = { async up() {}, async down() {} };` },
    {
      name: 'an umzug ESM migration',
      filename: inSingle('20240101000000-x.mjs'),
      code: `export const up = async ({ context }) => {}; export const down = async () => {};`,
    },
    { name: 'a file outside the migrations folder is not judged', filename: path.join(SINGLE, 'scripts', 'db-helpers.js'), code: `module.exports = { columnExists() {} };` },
    {
      name: 'a custom runner in the migrations folder is not a migration (its name filter leaves it and helpers out)',
      filename: migrationIn(CUSTOM_RUNNER, 'index.js'),
      code: fs.readFileSync(path.join(CUSTOM_RUNNER, 'migrations', 'index.js'), 'utf8'),
    },
    {
      name: 'a helper the custom runner filters out is not judged either',
      filename: migrationIn(CUSTOM_RUNNER, 'shared.js'),
      code: `module.exports = { pad: (s) => s };`,
    },
  ],
  invalid: [
    {
      name: 'a helper module in the migrations folder',
      filename: inSingle('db-helpers.js'),
      code: `'use strict';
async function columnExists(queryInterface, table, column) {
  const description = await queryInterface.describeTable(table);
  return Object.prototype.hasOwnProperty.call(description, column);
}
module.exports = { columnExists };`,
      errors: [
        {
          messageId: 'notAMigration',
          data: { file: 'db-helpers.js', reason: 'the file exports `columnExists` but no `up` function', others: '' },
          line: 1,
          column: 1,
          // A file-level finding has no end, in ESLint as in the CLI.
          endLine: undefined,
          endColumn: undefined,
        },
      ],
    },
    {
      name: 'a commented-out migration',
      filename: inSingle('004-old-backfill.js'),
      code: `// module.exports = {\n//   async up(queryInterface) {},\n// };\n`,
      errors: [{ messageId: 'notAMigration', data: { file: '004-old-backfill.js', reason: 'the file contains no code (commented out?)', others: '' }, line: 1, column: 1 }],
    },
  ],
});

// -----------------------------------------------------------------------------
// valid-migration-order (cross-file: the names of the siblings on disk)

const stub = (table: string) => `module.exports = { async up(qi, S) { await qi.createTable('${table}', { id: { type: S.INTEGER } }); }, async down() {} };\n`;
const SEED_ORDER = tempProject({
  'migrations/008-add-chapter-content-fields.js': stub('chapter_contents'),
  'migrations/009-create-chapter-progress.js': stub('chapter_progress'),
  'migrations/009-update-chapters-for-urls.js': stub('chapter_urls'),
  'migrations/010-fix-chapter-schema.js': stub('chapter_fixes'),
});
const MIXED_WIDTHS = tempProject({
  'migrations/9-create-users.js': stub('users'),
  'migrations/100-add-index.js': stub('indexes'),
  'migrations/20-add-posts.js': stub('posts'),
});

run('valid-migration-order', {
  valid: [
    { name: 'a group of files sharing a prefix is reported once: not on its second file', filename: migrationIn(SEED_ORDER, '009-update-chapters-for-urls.js'), code: stub('chapter_urls') },
    { name: 'a file in numeric order after the duplicates', filename: migrationIn(SEED_ORDER, '010-fix-chapter-schema.js'), code: stub('chapter_fixes') },
    { name: 'the smallest number runs first', filename: migrationIn(MIXED_WIDTHS, '9-create-users.js'), code: stub('users') },
  ],
  invalid: [
    {
      name: 'duplicate 009 prefix (the seed project)',
      filename: migrationIn(SEED_ORDER, '009-create-chapter-progress.js'),
      code: stub('chapter_progress'),
      errors: [
        {
          messageId: 'duplicatePrefix',
          data: { file: '009-create-chapter-progress.js', prefix: '009', others: '009-update-chapters-for-urls.js' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      name: 'mixed widths: 100-x runs before 20-y and 9-z',
      filename: migrationIn(MIXED_WIDTHS, '100-add-index.js'),
      code: stub('indexes'),
      errors: [
        {
          messageId: 'stringOrderDiffers',
          data: { file: '100-add-index.js', prefix: '100', position: 'before', other: '9-create-users.js', intended: 'after', anchor: '9-create-users.js', passed: '2 migrations' },
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});
