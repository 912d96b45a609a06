import { ruleTests } from './rule-tester';
import { withRunner } from '../helpers/rules';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject } from '../eslint-rules/support';

/** A `down` step under a branch for SQLite: judged by the project's dialect (two cases below). */
const SQLITE_BRANCH = `module.exports = {
  async up() {},
  async down(queryInterface) {
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.dropTable('notes_fts');
    }
  },
};`;

/**
 * `settings`, made outside the migrations (a migration only indexes it), mapped by a model with `attributes`;
 * a later migration's down removes `column` from it.
 */
function settingsModelCase(name: string, attributes: string, column: string, messageId: string, severity: string) {
  return {
    name,
    files: {
      'models/settings.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Settings', { ${attributes} }, { tableName: 'settings' });`,
      '20240101000000-touch-settings.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('settings', ['webhookUrl']);
  },
  async down() {},
};`,
      '20240201000000-link-data.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'link_data', Sequelize.JSONB);
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('settings', '${column}');
  },
};`,
    },
    errors: [{ messageId, line: 6, severity: severity as 'info' | 'error', file: '20240201000000-link-data.js' }],
  };
}

/** `plans`, then `companies.planId` referencing it (downs left empty), then a migration that creates `notes` with `down`. */
function referencedPlans(down: string, extra: Record<string, string> = {}) {
  return {
    '20200101000000-create-plans.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('plans', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
    '20200102000000-create-companies.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('companies', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      planId: { type: Sequelize.INTEGER, references: { model: 'plans', key: 'id' } },
    });
  },
  async down() {},
};`,
    '20200103000000-create-notes.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });
  },
  async down(queryInterface) {
${down}
  },
};`,
    ...extra,
  };
}
const POSTGRES = { dialect: { dialects: ['postgres' as const], source: 'config/config.json:3' } };

/** `addColumn('usuarios', 'googleid')` undone by `removeColumn('usuarios', 'googleId')` (hold-out 65). */
const CASE_ONLY_ROLLBACK = `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('usuarios', 'googleid', { type: Sequelize.STRING });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('usuarios', 'googleId');
  },
};`;

ruleTests('no-destructive-down', {
  valid: [
    ...[
      ['its own parameter', 'async down(queryInterface, Sequelize) {\n    await queryInterface.removeIndex(\'posts\', \'posts_title\', { type: Sequelize.STRING });\n  },'],
      ['a name the module declares at its top', 'async down(queryInterface) {\n    await queryInterface.removeIndex(\'posts\', \'posts_title\', { transaction: shared });\n  },'],
      ['a typeof test', 'async down(queryInterface) {\n    if (typeof transaction === \'undefined\') await queryInterface.removeIndex(\'posts\', \'posts_title\');\n  },'],
      ['inside a try block: its catch decides', 'async down(queryInterface) {\n    try {\n      await queryInterface.removeIndex(\'posts\', \'posts_title\', { transaction });\n    } catch (e) { throw e; }\n  },'],
      ['a global no function of the file declares', 'async down(queryInterface) {\n    await queryInterface.removeIndex(\'posts\', \'posts_title\', { logging: appLogger });\n  },'],
      ['a Node global that up happens to shadow with a local of that name', 'async down(queryInterface) {\n    await queryInterface.removeIndex(\'posts\', \'posts_title\', { logging: console.log, benchmark: !!process.env.BENCH });\n  },'],
    ].map(([what, down]) => ({
      name: `a down reading a name up declares, resolved where it stands: ${what}`,
      files: `const shared = null;\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    const console = { log() {} };\n    const process = { env: {} };\n    await queryInterface.sequelize.transaction(async (transaction) => {\n      await queryInterface.addIndex('posts', ['title'], { name: 'posts_title', transaction, type: Sequelize.STRING });\n    });\n  },\n  ${down}\n};`,
    })),
    {
      name: 'removeColumn with an empty column name drops nothing: PostgreSQL refuses the statement',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('replies', 'score', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('replies', '');
  },
};`,
    },
    {
      name: 'a down that drops the TEMP table it created a moment earlier in the same query',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`
      CREATE TEMP TABLE "v1_accounts" AS (SELECT id FROM "accounts" WHERE "deletedAt" IS NULL);
      UPDATE "accounts" SET settings = jsonb_set(settings, '{budget}', '{"version": 1}') FROM "v1_accounts" WHERE "v1_accounts".id = "accounts".id;
      DROP TABLE "v1_accounts";
    \`);
  },
};`,
    },
    {
      name: 'a step under a branch for another dialect never runs on this project (PostgreSQL, from its config)',
      project: { dialect: { dialects: ['postgres'], source: 'config/config.json:3' } },
      files: SQLITE_BRANCH,
    },
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
      name: 'a down that drops, IF EXISTS, a column its up already dropped: nothing is dropped and nothing fails',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('tickets', 'legacy_ref');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE "tickets" DROP COLUMN IF EXISTS "legacy_ref"');
  },
};`,
    },
    {
      name: 'a down that adds back the column its up dropped, then drops it again: the column is the down’s own',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('tickets', 'legacy_ref');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('tickets', 'legacy_ref', Sequelize.STRING);
    await queryInterface.removeColumn('tickets', 'legacy_ref');
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
      name: 'dropReferencedTable: a down that drops another, older table that a foreign key still references (copy-paste): the rollback fails, a warning naming the reference and the table up creates',
      project: POSTGRES,
      files: referencedPlans("    await queryInterface.dropTable('plans');"),
      errors: [
        {
          messageId: 'dropReferencedTable',
          line: 6,
          severity: 'warning',
          file: '20200103000000-create-notes.js',
          data: { target: '`plans`', referrers: '`companies.planId` (from `20200102000000-create-companies.js`)', stays: ', and `notes`, which this migration\u2019s `up` creates, stays' },
        },
      ],
    },
    {
      name: 'a down that drops a table an older baseline\'s table references, where a later migration (which creates that table again, a no-op) drops it in its own down: a rollback runs that down first, so nothing references the table any more: the drop of older data it is (error), not a refused drop',
      project: POSTGRES,
      files: referencedPlans("    await queryInterface.dropTable('plans');", {
        '20200104000000-create-companies-again.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('companies', { id: { type: Sequelize.INTEGER, primaryKey: true }, planId: { type: Sequelize.INTEGER, references: { model: 'plans', key: 'id' } } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('companies');
  },
};`,
      }),
      errors: [
        { messageId: 'dropTable', line: 6, severity: 'error', file: '20200103000000-create-notes.js', data: { target: '`plans`' } },
        { messageId: 'reversal', line: 6, severity: 'info', file: '20200104000000-create-companies-again.js' },
      ],
    },
    ...([
      { dialects: ['mysql'], why: 'InnoDB refuses the drop too (measured on MariaDB, test/integration)', refusal: 'MySQL and MariaDB (InnoDB) refuse to drop a table a foreign key references ("a foreign key constraint fails", measured), unless `FOREIGN_KEY_CHECKS` is off' },
      { dialects: ['mariadb'], why: 'InnoDB refuses the drop too (measured on MariaDB, test/integration)', refusal: 'MySQL and MariaDB (InnoDB) refuse to drop a table a foreign key references ("a foreign key constraint fails", measured), unless `FOREIGN_KEY_CHECKS` is off' },
      { dialects: ['mysql', 'postgres'], why: 'a project that runs on either (the deployment chooses): each refuses', refusal: 'PostgreSQL refuses `DROP TABLE` without CASCADE, and MySQL and MariaDB (InnoDB) refuse to drop a table a foreign key references (both measured)' },
    ] as const).map(({ dialects, why, refusal }) => ({
      name: `dropReferencedTable on ${dialects.join(' or ')}: ${why}: the rollback fails, a warning saying so`,
      project: { dialect: { dialects: [...dialects], source: 'config/config.json:3' } },
      files: referencedPlans("    await queryInterface.dropTable('plans');"),
      errors: [{ messageId: 'dropReferencedTable', line: 6, severity: 'warning' as const, file: '20200103000000-create-notes.js', data: { refusal } }],
    })),
    {
      name: 'dropReferencedTable on MySQL after the down turned FOREIGN_KEY_CHECKS off: the drop goes through (measured), the drop of older data',
      project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } },
      files: referencedPlans("    await queryInterface.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');\n    await queryInterface.dropTable('plans');"),
      errors: [{ messageId: 'dropTable', line: 7, severity: 'error', file: '20200103000000-create-notes.js' }],
    },
    {
      name: 'dropReferencedTable: a project on PostgreSQL and SQLite (SQLite enforces no key by default): not claimed',
      project: { dialect: { dialects: ['postgres' as const, 'sqlite' as const], source: 'config/config.json:3' } },
      files: referencedPlans("    await queryInterface.dropTable('plans');"),
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error', file: '20200103000000-create-notes.js' }],
    },
    {
      name: 'dropReferencedTable: not for a table made after the foreign key to its name: the key follows the table it was made on through its rename (up renames formations away and makes a new one; down drops the new one): a reversal (info)',
      project: POSTGRES,
      files: {
        '20200101000000-create-formations.js': `module.exports = { async up(qi, S) { await qi.createTable('formations', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20200201000000-create-formation-skills.js': `module.exports = { async up(qi, S) { await qi.createTable('formation_skills', { id: { type: S.INTEGER, primaryKey: true }, formationId: { type: S.INTEGER, references: { model: 'formations', key: 'id' } } }); }, async down() {} };`,
        '20200301000000-profiles.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.renameTable('formations', 'old_formations');
    await queryInterface.createTable('formations', { id: { type: Sequelize.UUID, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('formations');
    await queryInterface.renameTable('old_formations', 'formations');
  },
};`,
      },
      errors: [{ messageId: 'reversal', line: 7, severity: 'info', file: '20200301000000-profiles.js' }],
    },
    {
      name: 'dropReferencedTable: with { cascade: true } the key goes with it: the drop of older data, an error',
      project: POSTGRES,
      files: referencedPlans("    await queryInterface.dropTable('plans', { cascade: true });"),
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error', file: '20200103000000-create-notes.js' }],
    },
    {
      name: 'dropReferencedTable: with { force: true }, which Sequelize sends as CASCADE (measured): the drop of older data, an error',
      project: POSTGRES,
      files: referencedPlans("    await queryInterface.dropTable('plans', { force: true });"),
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error', file: '20200103000000-create-notes.js' }],
    },
    {
      // Hold-out 89: an obfuscated build, its up's calls behind a decoder (`q[f(0x17e)](...)`).
      name: 'reversal: an up whose steps migralint cannot read, a down that drops a column or table nothing earlier creates (info, probably its own); a column an earlier migration made stays an error; a removeColumn whose column argument cannot be read is not one without a column',
      project: POSTGRES,
      files: {
        '20200101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Contacts', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });
  },
  async down() {},
};`,
        '20200723202116-add-email.js': `const names = require('./names.json');
function f(n) { return names[n - 0x17e]; }
module.exports = {
  async up(q, S) {
    await q[f(0x17e)](f(0x17f), f(0x180), { type: S.STRING });
  },
  async down(q) {
    await q.removeColumn('Contacts', 'email');
    await q.removeColumn('Contacts', 'name');
    await q.removeColumn('Contacts', f(0x181));
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 8, severity: 'info', data: { undoes: 'creates, probably: it has a step migralint cannot read (line 5)' } },
        { messageId: 'dropColumn', line: 9, severity: 'error' },
        { messageId: 'reversal', line: 10, severity: 'info', data: { target: "the column `require('./names.json')[3]` of `Contacts` (a name migralint cannot read statically)" } },
      ],
    },
    {
      // Hold-out 88: a helper creates each table from a schema object another module exports.
      name: 'reversal: tables the up creates through a helper with names migralint cannot read, dropped by name in the down (info, probably its own); with no such create, the same drop stays a table no migration creates (warning)',
      project: POSTGRES,
      files: {
        '20170503094010-setup.js': `const setupTable = async (queryInterface, meta) => { await queryInterface.createTable(meta.name, meta.attributes); };
const { Query, Alert } = require('./schemas/all');
module.exports = {
  async up(queryInterface) {
    await setupTable(queryInterface, Query);
    await setupTable(queryInterface, Alert);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('alerts');
    await queryInterface.dropTable('queries');
  },
};`,
        '20170601000000-cleanup.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'note', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'note');
    await queryInterface.dropTable('legacy_reports');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 9, severity: 'info', file: '20170503094010-setup.js', data: { undoes: 'creates, probably: it creates 2 tables whose names migralint cannot read (`Query.name` and others, line 1)' } },
        { messageId: 'reversal', line: 10, severity: 'info', file: '20170503094010-setup.js' },
        { messageId: 'reversal', line: 6, severity: 'info', file: '20170601000000-cleanup.js' },
        { messageId: 'unknownTable', line: 7, severity: 'warning', file: '20170601000000-cleanup.js' },
      ],
    },
    {
      // Hold-out 87: the columns to add are collected under existence checks, then added in a loop.
      name: 'reversal: a down that removes the columns its up adds through a list filled under describeTable checks (info, not a drop of data this migration did not create)',
      project: POSTGRES,
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const info = await queryInterface.describeTable('users');
    const columnsToAdd = [];
    if (!info.avatar) columnsToAdd.push(['avatar', { type: Sequelize.STRING, allowNull: true }]);
    if (!info.is_google) columnsToAdd.push(['is_google', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false }]);
    for (const [columnName, definition] of columnsToAdd) {
      await queryInterface.addColumn('users', columnName, definition);
    }
  },
  async down(queryInterface) {
    const info = await queryInterface.describeTable('users');
    if (info.avatar) await queryInterface.removeColumn('users', 'avatar');
    if (info.is_google) await queryInterface.removeColumn('users', 'is_google');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 13, severity: 'info' },
        { messageId: 'reversal', line: 14, severity: 'info' },
      ],
    },
    {
      name: 'dropReferencedTable: two referenced parents dropped (IF EXISTS) before their child: the first fails and stops the rollback (warning); the second is never reached (info saying so)',
      project: POSTGRES,
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('cities', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, primaryKey: true }, userId: { type: Sequelize.INTEGER, references: { model: 'users', key: 'id' } }, cityId: { type: Sequelize.INTEGER, references: { model: 'cities', key: 'id' } } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
    await queryInterface.dropTable('cities');
    await queryInterface.dropTable('orders');
  },
};`,
      errors: [
        { messageId: 'dropReferencedTable', line: 8, severity: 'warning' },
        { messageId: 'afterFailingStep', line: 9, severity: 'info', data: { line: '8' } },
        { messageId: 'reversal', line: 10, severity: 'info' },
      ],
    },
    {
      name: 'dropReferencedTable: a down that drops the parent it creates before the child it creates: fails there; dropping the child first goes through',
      project: POSTGRES,
      files: {
        '20200101000000-create-shop.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('shops', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('shelves', { id: { type: Sequelize.INTEGER, primaryKey: true }, shopId: { type: Sequelize.INTEGER, references: { model: 'shops', key: 'id' } } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('shops');
    await queryInterface.dropTable('shelves');
  },
};`,
        '20200102000000-create-aisles.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('aisles', { id: { type: Sequelize.INTEGER, primaryKey: true }, shopId: { type: Sequelize.INTEGER, references: { model: 'shops', key: 'id' } } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('aisles');
  },
};`,
      },
      errors: [
        { messageId: 'dropReferencedTable', line: 7, severity: 'warning', file: '20200101000000-create-shop.js', data: { referrers: '`shelves.shopId` (from `20200101000000-create-shop.js`)', stays: '' } },
        { messageId: 'reversal', line: 8, severity: 'info', file: '20200101000000-create-shop.js' },
        { messageId: 'reversal', line: 6, severity: 'info', file: '20200102000000-create-aisles.js' },
      ],
    },
    {
      name: 'a down that drops a table only a later migration creates (and drops in its own down): the rollback finds it gone, the drop does nothing and the table this up creates stays (warning, the wrong table)',
      files: {
        '20200421000000-create-invoice-items.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('Invoice_Items', { id: { type: Sequelize.INTEGER, primaryKey: true } }),
  down: (queryInterface) => queryInterface.dropTable('Invoices'),
};`,
        '20200427000000-create-invoices.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('Invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } }),
  down: (queryInterface) => queryInterface.dropTable('Invoices'),
};`,
      },
      errors: [
        { messageId: 'droppedByLaterRollback', line: 3, severity: 'warning', file: '20200421000000-create-invoice-items.js', data: { target: '`Invoices`', creator: '`20200427000000-create-invoices.js`' } },
        { messageId: 'reversal', line: 3, severity: 'info', file: '20200427000000-create-invoices.js' },
      ],
    },
    {
      name: 'the same drop in a down that also drops every table its up creates: a leftover that does nothing (info), naming no table that stays (hold-out 68)',
      files: {
        '20230523000000-create-tables.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('switches', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  down: async (queryInterface) => {
    await queryInterface.dropTable('switches');
    await queryInterface.dropTable('devices');
  },
};`,
        '20230601000000-devices.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('devices', { id: { type: Sequelize.INTEGER, primaryKey: true } }),
  down: (queryInterface) => queryInterface.dropTable('devices'),
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20230523000000-create-tables.js' },
        { messageId: 'droppedByLaterRollback', line: 7, severity: 'info', file: '20230523000000-create-tables.js', data: { target: '`devices`', stays: '' } },
        { messageId: 'reversal', line: 3, severity: 'info', file: '20230601000000-devices.js' },
      ],
    },
    {
      name: 'a down that drops the schema its up creates (CASCADE) is a reversal (info); a schema up did not create stays an error',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE SCHEMA analytics; CREATE VIEW analytics.daily AS SELECT 1 AS one');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP SCHEMA analytics CASCADE');
    await queryInterface.sequelize.query('DROP SCHEMA reporting CASCADE');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', data: { undoes: 'creates' } },
        { messageId: 'dropSchema', line: 7, severity: 'error', data: { name: 'reporting' } },
      ],
    },
    {
      // Hold-out 63: a tenant schema named after a row the migration reads, in both phases alike.
      name: 'a schema named by a value read at run time: dropped by the same expression as up creates it, a reversal (info); by another, an error that names it as written, never "every schema"',
      files: {
        '20240101000000-tenant-schema.js': `module.exports = {
  async up(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM companies WHERE code = 'MAIN'");
    await queryInterface.createSchema(\`tenant_\${rows[0].id}\`);
  },
  async down(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM companies WHERE code = 'MAIN'");
    await queryInterface.dropSchema(\`tenant_\${rows[0].id}\`);
  },
};`,
        '20240201000000-archive-schema.js': `module.exports = {
  async up(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM companies WHERE code = 'MAIN'");
    await queryInterface.createSchema(\`archive_\${rows[0].id}\`);
  },
  async down(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM companies WHERE code = 'MAIN'");
    await queryInterface.dropSchema(\`tenant_\${rows[0].id}\`);
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 8, severity: 'info', file: '20240101000000-tenant-schema.js', data: { undoes: 'creates', target: '`tenant_${rows[0].id}` (a name computed at run time)' } },
        { messageId: 'dropSchema', line: 8, severity: 'error', file: '20240201000000-archive-schema.js', data: { schema: 'schema `tenant_${rows[0].id}` (a name computed at run time)' } },
      ],
    },
    {
      // Hold-out 82: the schema of the whole application, named by an environment variable in raw SQL of both phases.
      name: 'raw SQL naming a schema by a template hole: DROP SCHEMA ${same expression} CASCADE in down reverses the CREATE SCHEMA of up (info); another expression, or a table name the same way, is matched only when written alike',
      files: {
        '20250101000000-app-schema.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`CREATE SCHEMA IF NOT EXISTS \${process.env.APP_SCHEMA}\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`DROP SCHEMA IF EXISTS \${process.env.APP_SCHEMA} CASCADE\`);
  },
};`,
        '20250102000000-audit-schema.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`CREATE SCHEMA IF NOT EXISTS \${process.env.AUDIT_SCHEMA}\`);
    await queryInterface.sequelize.query(\`CREATE TABLE \${process.env.AUDIT_TABLE} (id serial PRIMARY KEY)\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`DROP TABLE \${process.env.AUDIT_TABLE}\`);
    await queryInterface.sequelize.query(\`DROP SCHEMA \${process.env.APP_SCHEMA} CASCADE\`);
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20250101000000-app-schema.js', data: { undoes: 'creates' } },
        { messageId: 'reversal', line: 7, severity: 'info', file: '20250102000000-audit-schema.js', data: { undoes: 'creates' } },
        { messageId: 'dropSchema', line: 8, severity: 'error', file: '20250102000000-audit-schema.js' },
      ],
    },
    {
      name: 'a down whose removeColumn swaps the table and the column (up adds UserGroupClass.UserGroupId): the rollback fails and drops nothing (warning, not a loss)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('UserGroupClass', 'UserGroupId', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('UserGroupId', 'UserGroupClass');
  },
};`,
      errors: [{ messageId: 'argumentsSwapped', line: 6, severity: 'warning', data: { table: 'UserGroupId', column: 'UserGroupClass', added: '3' } }],
    },
    {
      // Hold-out 64: the swapped call sits in a try whose catch only logs.
      name: 'the same swapped removeColumn under a catch that takes every error: the rollback does not stop, it completes without removing the column (info, saying so)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('purchase_product', 'barcode', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    try {
      await queryInterface.removeColumn('barcode', 'purchase_product');
    } catch (err) {
      console.log(err);
    }
  },
};`,
      errors: [
        {
          messageId: 'argumentsSwapped',
          line: 7,
          severity: 'info',
          data: { table: 'barcode', column: 'purchase_product', outcome: 'The step fails (relation does not exist), and the `try` at line 6 swallows the error: the rollback completes without removing the column, which stays behind, and loses nothing.' },
        },
      ],
    },
    {
      name: 'a down that drops a column an earlier migration already dropped (the wrong table: up adds the column to another one): the rollback fails (warning, naming the table meant); guarded, nothing',
      files: {
        '20220101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('monster', { id: { type: Sequelize.INTEGER, primaryKey: true }, damageTypeId: Sequelize.INTEGER });
    await queryInterface.createTable('monsterAttack', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20220102000000-drop.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('monster', 'damageTypeId');
  },
  async down() {},
};`,
        '20220103000000-move.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('monsterAttack', 'damageTypeId', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('monster', 'damageTypeId');
    try { await queryInterface.removeColumn('monster', 'damageTypeId'); } catch (e) {}
  },
};`,
      },
      errors: [
        {
          messageId: 'columnDroppedBefore',
          line: 6,
          severity: 'warning',
          file: '20220103000000-move.js',
          data: { target: '`monster.damageTypeId`', migration: '`20220102000000-drop.js`', line: '3', hint: '; this migration\u2019s `up` adds `monsterAttack.damageTypeId` (line 3): that table was probably meant, and its column stays after the rollback' },
        },
      ],
    },
    {
      name: 'a project whose dialect nothing names, with MySQL DDL in sequelize.query (backquoted names, ADD without COLUMN): read by keywords, so its down is a reversal (info)',
      files: `module.exports = {
  up(queryInterface) {
    return queryInterface.sequelize.query('ALTER TABLE \`bill_items\` ADD \`structureId\` INTEGER(11), ADD CONSTRAINT \`bill_items_structureId_idx\` FOREIGN KEY (\`structureId\`) REFERENCES \`structures\` (\`id\`) ON DELETE NO ACTION;');
  },
  down(queryInterface) {
    return queryInterface.removeColumn('bill_items', 'structureId');
  },
};`,
      errors: [{ messageId: 'reversal', line: 6, severity: 'info', data: { target: '`bill_items.structureId`', undoes: 'adds' } }],
    },
    {
      name: 'a down dropping the column its up adds in a DO block, under an IF on information_schema: a reversal (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'Members' AND column_name = 'tier') THEN
        ALTER TABLE "Members" ADD COLUMN "tier" varchar(20) DEFAULT 'basic' NOT NULL;
      END IF;
    END $$;\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE "Members" DROP COLUMN IF EXISTS "tier"');
  },
};`,
      errors: [{ messageId: 'reversal', line: 10, severity: 'info', data: { target: '`Members.tier`', undoes: 'adds' } }],
    },
    {
      name: 'a down deleting, before the page it seeds, the rows of other tables that point at that page (by key, in a loop, one where in a list): only rows written since, a reversal (info)',
      files: `const PAGE = '7c1e5b4a-0d2f-4e61-9a3b-2f8d6c4e1a90';
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('pages', [{ id: PAGE, route: 'reports', title: 'Reports' }]);
  },
  async down(queryInterface) {
    for (const pageId of [PAGE]) {
      await queryInterface.bulkDelete('page_grants', [{ pageId }]);
      await queryInterface.bulkDelete('page_visits', { page_id: pageId });
    }
    await queryInterface.bulkDelete('pages', { id: PAGE });
  },
};`,
      errors: [
        { messageId: 'reversal', line: 8, severity: 'info', data: { target: '`page_grants`', undoes: 'makes possible: they point at rows it inserts into `pages` (none could before)' } },
        { messageId: 'reversal', line: 9, severity: 'info', data: { target: '`page_visits`' } },
        { messageId: 'reversal', line: 11, severity: 'info', data: { target: '`pages`', undoes: 'inserts' } },
      ],
    },
    {
      name: 'a down removing the id its up added as newId and renamed to id (the old id dropped between): that column, a reversal (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('cv_skills', 'newId', { type: Sequelize.UUID, allowNull: false, defaultValue: Sequelize.literal('gen_random_uuid()') });
    await queryInterface.removeColumn('cv_skills', 'id');
    await queryInterface.renameColumn('cv_skills', 'newId', 'id');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('cv_skills', 'oldId', { type: Sequelize.INTEGER, autoIncrement: true, allowNull: false });
    await queryInterface.removeColumn('cv_skills', 'id');
    await queryInterface.renameColumn('cv_skills', 'oldId', 'id');
  },
};`,
      errors: [{ messageId: 'reversal', line: 9, severity: 'info', data: { target: '`cv_skills.id`', undoes: 'adds (as `newId`, renamed to `id`)' } }],
    },
    {
      name: 'a down removing, from every table showAllTables() lists, the column its up adds to each of them: the same loop undone, a reversal (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const tables = await queryInterface.showAllTables();
    for (const table of tables) {
      await queryInterface.addColumn(table, 'archived_at', { type: Sequelize.DATE, allowNull: true });
    }
  },
  async down(queryInterface) {
    for (const table of await queryInterface.showAllTables()) {
      await queryInterface.removeColumn(table, 'archived_at');
    }
  },
};`,
      errors: [{ messageId: 'reversal', line: 10, severity: 'info', data: { undoes: 'adds to the same computed tables' } }],
    },
    {
      name: 'the same loop removing another column than the one up adds: a drop of older data in tables migralint cannot name (error)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of await queryInterface.showAllTables()) {
      await queryInterface.addColumn(table, 'archived_at', { type: Sequelize.DATE, allowNull: true });
    }
  },
  async down(queryInterface) {
    for (const table of await queryInterface.showAllTables()) {
      await queryInterface.removeColumn(table, 'updated_at');
    }
  },
};`,
      errors: [{ messageId: 'dropColumn', line: 9, severity: 'error' }],
    },
    {
      name: 'a down deleting the rows that point at a key its up never inserted (a page an earlier migration seeds): older rows go, an error',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('pages', [{ id: 'page-reports', route: 'reports' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('page_grants', { pageId: 'page-settings' });
    await queryInterface.bulkDelete('page_grants', { route: 'page-reports' });
  },
};`,
      errors: [
        { messageId: 'deleteSomeRows', line: 6, severity: 'error' },
        { messageId: 'deleteSomeRows', line: 7, severity: 'error' },
      ],
    },
    {
      name: 'a down that undoes, for each table of a list, the column up adds to each: one reversal naming the first three and how many more',
      files: `const Promise = require('bluebird');
const TABLES = ['aspects', 'lenses', 'rooms', 'bots'];
module.exports = {
  up: (qi, Sequelize) => Promise.mapSeries(TABLES, (t) => qi.addColumn(t, 'ownerId', { type: Sequelize.UUID })),
  down: (qi) => Promise.mapSeries(TABLES, (t) => qi.removeColumn(t, 'ownerId')),
};`,
      errors: [{ messageId: 'reversal', line: 5, severity: 'info', data: { target: '`aspects.ownerId`, `lenses.ownerId`, `rooms.ownerId` and 1 more', effect: 'drops' } }],
    },
    {
      name: 'up creates a table by its bare name, down drops it schema-qualified in SQL (public.x is x): a routine reversal',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('top_scores', { player_id: { type: Sequelize.BIGINT, primaryKey: true }, score: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS public.top_scores;');
  },
};`,
      errors: [{ messageId: 'reversal', line: 6, severity: 'info' }],
    },
    {
      name: 'the same table in another schema is another table: older data',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('top_scores', { player_id: { type: Sequelize.BIGINT, primaryKey: true }, score: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS archive.top_scores;');
  },
};`,
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error' }],
    },
    {
      name: 'a pg_enum delete whose typname is a double-quoted name (read as a column): the statement fails and deletes nothing (measured), a warning that says so',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_creditNotes_status" ADD VALUE 'void'\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'void' AND enumtypid = (SELECT oid FROM pg_type WHERE typname = "enum_creditNotes_status")\`);
  },
};`,
      errors: [{ messageId: 'enumDeleteFails', line: 6, severity: 'warning', data: { values: "the value 'void'", type: 'enum_creditNotes_status' } }],
    },
    {
      name: 'enum values deleted from pg_enum by separate statements of one down: one warning for the down, naming them all',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_orders_status" ADD VALUE 'held'\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'held' AND enumtypid = 'enum_orders_status'::regtype\`);
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'queued' AND enumtypid = 'enum_orders_status'::regtype\`);
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'parked' AND enumtypid = 'enum_orders_status'::regtype\`);
  },
};`,
      errors: [{ messageId: 'enumValueRemoved', line: 6, severity: 'warning', data: { values: "the values 'held', 'queued', 'parked'", type: 'enum_orders_status' } }],
    },
    {
      name: 'a down that deletes the enum values its up adds from pg_enum, four in one query: one warning naming them (rows holding them become unreadable)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_invites_role" ADD VALUE 'translator'; ALTER TYPE "enum_invites_role" ADD VALUE 'reader';\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`
      DELETE FROM pg_enum WHERE enumlabel = 'translator' AND enumtypid = (SELECT oid FROM pg_type WHERE typname = 'enum_invites_role');
      DELETE FROM pg_enum WHERE enumlabel = 'reader' AND enumtypid = 'enum_invites_role'::regtype;
    \`);
  },
};`,
      errors: [
        {
          messageId: 'enumValueRemoved',
          line: 6,
          severity: 'warning',
          data: { values: "the values 'translator', 'reader'", type: 'enum_invites_role', added: ', which this migration’s `up` adds', them: 'one of them' },
        },
      ],
    },
    ...([
      ['a name no model maps, in a project whose every model is read: sync() never built it; the misspelling of the table up creates (info naming it: the drop, IF EXISTS, drops nothing)', 'pjsip-endpoints', 'unknownTable'],
      ['a name a model maps: sync() builds it, whether it held rows cannot be told (warning)', 'pjsip_transports', 'dropTableMadeBySync'],
    ] as const).map(([what, dropped, messageId]) => ({
      name: `a down dropping a table no migration creates, in a project sync() builds: ${what}`,
      files: {
        'models/endpoint.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Endpoint', { context: DataTypes.STRING }, { tableName: 'pjsip_endpoints' });`,
        'models/transport.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Transport', { bind: DataTypes.STRING }, { tableName: 'pjsip_transports' });`,
        '20250312082622-create-pjsip-endpoints.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('pjsip_endpoints', { id: { type: Sequelize.STRING, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('${dropped}');
  },
};`,
      },
      project: { schemaSync: { script: 'start', evidence: 'src/app.js:12', development: false } },
      errors: [{ messageId, line: 6, severity: messageId === 'unknownTable' ? ('info' as const) : ('warning' as const), ...(messageId === 'unknownTable' ? { data: { typo: '; `pjsip_endpoints`, which this migration’s `up` creates, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing (Sequelize drops IF EXISTS) and `pjsip_endpoints` stays after the rollback' } } : {}) }],
    })),
    {
      name: 'a table no migration creates, in a project whose sync() builds it from the models: whether it held rows before cannot be told (warning); the same table dropped twice by one down is one finding',
      files: `const events = 'webhook_events';
const mapping = 'webhook_events';
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert(events, [{ name: 'report_started' }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable(mapping);
    await queryInterface.dropTable(events);
  },
};`,
      project: { schemaSync: { script: 'start', evidence: 'src/app.js:12', development: false } },
      errors: [{ messageId: 'dropTableMadeBySync', line: 8, severity: 'warning', data: { target: '`webhook_events`', script: 'start' } }],
    },
    {
      name: 'in the same sync() project, a table this up creates when a helper probe says it is missing (`if (!(await exists(t)))` over try/describeTable/catch): the drop in down is a reversal',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const exists = async (t) => { try { await queryInterface.describeTable(t); return true; } catch { return false; } };
    if (!(await exists('segments'))) {
      await queryInterface.createTable('segments', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('segments');
  },
};`,
      project: { schemaSync: { script: 'dev', evidence: 'src/app.js:12', development: true } },
      errors: [{ messageId: 'reversal', line: 9, severity: 'info', data: { target: '`segments`' } }],
    },
    {
      name: 'the same, with no sync(): an error (the table existed before, as far as the migrations say)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('webhook_events', [{ name: 'report_started' }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('webhook_events');
  },
};`,
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error' }],
    },
    {
      name: 'removeColumn with one argument: Sequelize takes it for the table and throws (measured), so the rollback fails and drops nothing (warning)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('posts', 'expose', { type: Sequelize.INTEGER, allowNull: true });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('expose');
  },
};`,
      errors: [{ messageId: 'removeColumnWithoutColumn', line: 6, severity: 'warning', data: { name: 'expose' } }],
    },
    {
      name: 'a down that drops IF EXISTS the table its up renamed away, before renaming it back: nothing is there to drop (no finding); an unguarded drop of a table up did not touch stays an error',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('AgentsChannels', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('audit', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-rename.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE "AgentsChannels" RENAME TO "ChannelMemberships"');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS "AgentsChannels"');
    await queryInterface.sequelize.query('ALTER TABLE "ChannelMemberships" RENAME TO "AgentsChannels"');
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS "audit"');
  },
};`,
      },
      errors: [{ messageId: 'dropTable', line: 8, severity: 'error', file: '20240201000000-rename.js' }],
    },
    {
      name: 'a down that changes a column type back by copy-and-swap (add a column, UPDATE it from the old one, drop the old, rename): the values are kept (info); a drop with no copy before it stays an error',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ubigeos', { id: { type: Sequelize.INTEGER, primaryKey: true }, codigo: Sequelize.INTEGER, nombre: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240201000000-swap.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('ubigeos', 'codigo', { type: Sequelize.STRING(6) });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('ubigeos', 'codigo_int', { type: Sequelize.INTEGER });
    await queryInterface.sequelize.query('UPDATE ubigeos SET codigo_int = CAST(codigo AS INTEGER)');
    await queryInterface.removeColumn('ubigeos', 'codigo');
    await queryInterface.renameColumn('ubigeos', 'codigo_int', 'codigo');
    await queryInterface.removeColumn('ubigeos', 'nombre');
  },
};`,
      },
      errors: [
        { messageId: 'columnMoved', line: 8, severity: 'info', file: '20240201000000-swap.js', data: { target: '`ubigeos.codigo`', into: '`codigo_int`', line: '7' } },
        { messageId: 'dropColumn', line: 10, severity: 'error', file: '20240201000000-swap.js' },
      ],
    },
    {
      name: 'a down removing columns of a table nothing in the project makes (an example pasted from the documentation, up changes another table): one warning, the rollback fails there and loses nothing',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Fixtures', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-vendor.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.sequelize.transaction((t) => Promise.all([
    queryInterface.addColumn('Fixtures', 'vendor', { type: Sequelize.STRING }, { transaction: t }),
    queryInterface.addColumn('Fixtures', 'sku', { type: Sequelize.STRING }, { transaction: t }),
  ])),
  down: (queryInterface) => queryInterface.sequelize.transaction((t) => Promise.all([
    queryInterface.removeColumn('Person', 'petName', { transaction: t }),
    queryInterface.removeColumn('Person', 'favoriteColor', { transaction: t }),
  ])),
};`,
      },
      errors: [{ messageId: 'columnOfUnknownTable', line: 7, severity: 'warning', file: '20240201000000-vendor.js', data: { target: '`Person.petName`, `Person.favoriteColor`', table: 'Person', outcome: 'but it stops' } }],
    },
    {
      name: 'the same down where an earlier migration runs SQL migralint cannot read (it may make the table): a drop of older data',
      files: {
        '20240101000000-create.js': `const fs = require('fs');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Fixtures', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.sequelize.query(fs.readFileSync(process.env.SCHEMA_FILE, 'utf8'));
  },
  async down() {},
};`,
        '20240201000000-vendor.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Fixtures', 'vendor', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('Person', 'petName');
  },
};`,
      },
      errors: [{ messageId: 'dropColumn', line: 6, severity: 'error', file: '20240201000000-vendor.js' }],
    },
    {
      name: 'a down removing a column from a misspelled table (one letter off the table its up changes): the rollback fails there and loses nothing (warning, naming both)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('remediations', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-org.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('remediations', 'tenant_org_id', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('remediatipns', 'tenant_org_id');
  },
};`,
      },
      errors: [{ messageId: 'columnOfMisspelledTable', line: 6, severity: 'warning', file: '20240201000000-org.js', data: { table: 'remediatipns', meant: 'remediations', outcome: 'but it stops' } }],
    },
    {
      name: "a down that drops sequelize-cli's own table (SequelizeMeta): the record of every migration goes, an error; SQL text given as the table's name (`dropTable('delete from t_user')`) drops nothing, a warning that says so (hold-out 78)",
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('t_user', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('t_user');
    await queryInterface.dropTable('SequelizeMeta');
  },
};`,
        '20240102000000-seed.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('t_user', [{ id: 1 }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('delete from t_user');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create.js' },
        { messageId: 'dropsRunnerTable', line: 7, severity: 'error', file: '20240101000000-create.js', data: { target: '`SequelizeMeta`', runner: 'sequelize-cli' } },
        { messageId: 'tableNameIsSql', line: 6, severity: 'warning', file: '20240102000000-seed.js', data: { target: '`delete from t_user`' } },
      ],
    },
    {
      name: 'the same typo (a singular for the plural) in the downs of two migrations, on a table no migration creates: each rollback fails there, a warning each (hold-out 76)',
      files: {
        '20240101000000-create-logins.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Logins', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-created-by.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Usuarios', 'criadoPor', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('Usuario', 'criadoPor');
  },
};`,
        '20240301000000-kind.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Usuarios', 'id_tipo_usuario', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('Usuario', 'id_tipo_usuario');
  },
};`,
      },
      errors: [
        { messageId: 'columnOfMisspelledTable', line: 6, severity: 'warning', file: '20240201000000-created-by.js', data: { table: 'Usuario', meant: 'Usuarios' } },
        { messageId: 'columnOfMisspelledTable', line: 6, severity: 'warning', file: '20240301000000-kind.js', data: { table: 'Usuario', meant: 'Usuarios' } },
      ],
    },
    {
      name: 'the same misspelled table in a down that returns its calls in an array (not awaited): the failure goes unnoticed and the rollback is recorded as done',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('integration', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-fields.js': `module.exports = {
  up: function (queryInterface, Sequelize) {
    return [queryInterface.addColumn('integration', 'purchase_options', Sequelize.STRING)];
  },
  down: function (queryInterface) {
    return [queryInterface.removeColumn('intgeration', 'purchase_options')];
  },
};`,
      },
      errors: [
        {
          messageId: 'columnOfMisspelledTable',
          line: 6,
          severity: 'warning',
          file: '20240201000000-fields.js',
          data: { table: 'intgeration', meant: 'integration', outcome: 'but the call is not awaited, so nobody sees the failure and the rollback is recorded as done' },
        },
      ],
    },
    {
      name: 'a table no migration creates, dropped by the down beside the table its up creates whose name it holds (an audit log a trigger makes): a reversal (info); one whose name holds only part of it (`NotificationTemplates`) stays a warning',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Notifications', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Notifications');
    await queryInterface.dropTable('ZALNotifications');
    await queryInterface.dropTable('NotificationHistories');
    await queryInterface.dropTable('NotificationTemplates');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info' },
        { messageId: 'reversal', line: 7, severity: 'info', data: { undoes: 'creates with the table whose name it holds (a companion a trigger or a plugin makes with it, such as an audit log)' } },
        { messageId: 'reversal', line: 8, severity: 'info' },
        { messageId: 'unknownTable', line: 9, severity: 'warning' },
      ],
    },
    {
      name: 'rows deleted by an enum value this migration\'s up adds (ALTER TYPE ... ADD VALUE): no row held it before, a reversal (info); by a value up did not add, an error',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('campaigns', { id: { type: Sequelize.INTEGER, primaryKey: true }, type: { type: Sequelize.ENUM('EMAIL', 'SMS') } });
  },
  async down() {},
};`,
        '20240201000000-govsg.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TYPE enum_campaigns_type ADD VALUE 'GOVSG'");
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM campaigns WHERE type = 'GOVSG'");
    await queryInterface.bulkDelete('campaigns', { type: 'GOVSG' });
    await queryInterface.sequelize.query("DELETE FROM campaigns WHERE type = 'SMS'");
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240201000000-govsg.js', data: { undoes: 'adds to its enum (no row held it before)' } },
        { messageId: 'reversal', line: 7, severity: 'info', file: '20240201000000-govsg.js' },
        { messageId: 'deleteSomeRows', line: 8, severity: 'error', file: '20240201000000-govsg.js' },
      ],
    },
    {
      name: 'enum values deleted from pg_enum with enumlabel IN (...): the same warning naming them, not a delete of rows',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_jobs_state" ADD VALUE 'paused'; ALTER TYPE "enum_jobs_state" ADD VALUE 'stalled';\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel IN ('paused', 'stalled') AND enumtypid = (SELECT oid FROM pg_type WHERE typname = 'enum_jobs_state')\`);
  },
};`,
      errors: [{ messageId: 'enumValueRemoved', line: 6, severity: 'warning', data: { values: "the values 'paused', 'stalled'", type: 'enum_jobs_state' } }],
    },
    {
      name: 'the same after an UPDATE that moves the rows off the value: a routine reversal (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_payments_status" ADD VALUE 'canceled'\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`UPDATE payments SET status = 'failed' WHERE status = 'canceled'\`);
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'canceled' AND enumtypid = 'enum_payments_status'::regtype\`);
  },
};`,
      errors: [{ messageId: 'enumValueRemovedAfterMove', line: 7, severity: 'info', data: { line: '6' } }],
    },
    {
      name: 'the same after a builder bulkUpdate that moves the rows off the values (IN), and not after one that moves other rows',
      files: {
        '20240101000000-moved.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_tasks_state" ADD VALUE 'paused'; ALTER TYPE "enum_tasks_state" ADD VALUE 'stalled';\`);
  },
  async down(queryInterface) {
    await queryInterface.bulkUpdate('tasks', { state: 'waiting' }, { state: ['paused', 'stalled'] });
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel IN ('paused', 'stalled') AND enumtypid = 'enum_tasks_state'::regtype\`);
  },
};`,
        '20240201000000-not-moved.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_jobs_state" ADD VALUE 'held'\`);
  },
  async down(queryInterface) {
    await queryInterface.bulkUpdate('jobs', { note: 'held' }, { state: 'waiting' });
    await queryInterface.sequelize.query(\`DELETE FROM pg_enum WHERE enumlabel = 'held' AND enumtypid = 'enum_jobs_state'::regtype\`);
  },
};`,
      },
      errors: [
        { messageId: 'enumValueRemovedAfterMove', line: 7, severity: 'info', file: '20240101000000-moved.js', data: { line: '6' } },
        { messageId: 'enumValueRemoved', line: 7, severity: 'warning', file: '20240201000000-not-moved.js' },
      ],
    },
    {
      name: 'a down that drops the singular of the table its up creates: a typo, the drop (IF EXISTS) does nothing and the table stays (info: a rollback that does not undo, not a loss); in raw SQL without IF EXISTS it fails (warning)',
      files: {
        '20240101000000-create-teams.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('teams');
  },
};`,
        '20240201000000-create-school-projects.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('SchoolProjects', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('SchoolProject');
  },
};`,
        '20240301000000-create-currencies.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('league_currencies', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('league_currency');
  },
};`,
        '20240401000000-create-badges.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('badges', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE badge');
  },
};`,
        '20240501000000-create-item-statuses.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('mvOrderedItemStatuses', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('mvOrderedItemStatus');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-teams.js' },
        { messageId: 'unknownTable', line: 6, severity: 'info', file: '20240201000000-create-school-projects.js', data: { typo: '; `SchoolProjects`, which this migration’s `up` creates, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing (Sequelize drops IF EXISTS) and `SchoolProjects` stays after the rollback' } },
        // The plural in -ies of a singular in -y.
        { messageId: 'unknownTable', line: 6, severity: 'info', file: '20240301000000-create-currencies.js', data: { typo: '; `league_currencies`, which this migration’s `up` creates, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing (Sequelize drops IF EXISTS) and `league_currencies` stays after the rollback' } },
        { messageId: 'unknownTable', line: 6, severity: 'warning', file: '20240401000000-create-badges.js' },
        // The plural in -es of a singular in -s (`statuses` of `status`).
        { messageId: 'unknownTable', line: 6, severity: 'info', file: '20240501000000-create-item-statuses.js', data: { typo: '; `mvOrderedItemStatuses`, which this migration’s `up` creates, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing (Sequelize drops IF EXISTS) and `mvOrderedItemStatuses` stays after the rollback' } },
      ],
    },
    {
      name: 'a down that drops the table the previous migration creates (copied from it): rows that existed before, an error',
      files: {
        '20240101000000-create-activity-files.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ActivityFiles', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('ActivityFiles');
  },
};`,
        '20240102000000-create-output-files.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('OutputFiles', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('ActivityFiles');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-activity-files.js' },
        { messageId: 'dropTable', line: 6, severity: 'error', file: '20240102000000-create-output-files.js' },
      ],
    },
    {
      name: 'the seed case: 031 removes the three profile columns its up adds (a reversal: info, still reported)',
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
        { messageId: 'reversal', line: 11, column: 11, severity: 'info', data: { table: 'users', column: 'bio', target: '`users.bio`', undoes: 'adds' } },
        { messageId: 'reversal', line: 12, column: 11, severity: 'info', data: { target: '`users.phone`' } },
        { messageId: 'reversal', line: 13, column: 11, severity: 'info', data: { target: '`users.location`' } },
      ],
    },
    {
      name: 'dropTable of the table up creates is a reversal (info); of a table up did not create (an earlier migration did), an error',
      files: {
        '20240101000000-create-payments.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('payments', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-create-invoices.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('invoices');
    await queryInterface.dropTable('payments');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, column: 11, severity: 'info', data: { table: 'invoices', undoes: 'creates' }, file: '20240201000000-create-invoices.js' },
        { messageId: 'dropTable', line: 7, column: 11, severity: 'error', data: { table: 'payments' }, file: '20240201000000-create-invoices.js' },
      ],
    },
    {
      name: 'dropTable of a table nothing in the project knows (no migration creates or touches it, no model maps it): a warning saying the drop does nothing on a database the migrations built',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('invoices');
    await queryInterface.dropTable('payments');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info' },
        { messageId: 'unknownTable', line: 7, severity: 'warning', data: { typo: ': on a database the migrations built there is no such table, so the drop does nothing (Sequelize drops IF EXISTS); a table of that name made another way (by hand, a restore) would lose its rows' } },
      ],
    },
    {
      name: 'a down that drops a table no migration makes while the table its own up creates is never dropped: the message names the one left behind; a plain DROP TABLE of it fails the rollback',
      files: {
        '20240101000000-posts-for.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('usersForPosts', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('usersPostsFors');
  },
};`,
        '20240102000000-posts-against.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('usersAgainstPosts', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE "usersPostsAgainsts"');
  },
};`,
      },
      errors: [
        { messageId: 'unknownTable', line: 6, severity: 'warning', file: '20240101000000-posts-for.js', data: { typo: ': on a database the migrations built there is no such table, so the drop does nothing (Sequelize drops IF EXISTS), and `usersForPosts`, which this migration’s `up` creates, stays after the rollback: probably the table meant; a table of that name made another way (by hand, a restore) would lose its rows' } },
        { messageId: 'unknownTable', line: 6, severity: 'warning', file: '20240102000000-posts-against.js', data: { typo: ': on a database the migrations built there is no such table, so the rollback fails there (table does not exist), and `usersAgainstPosts`, which this migration’s `up` creates, stays after the rollback: probably the table meant; a table of that name made another way (by hand, a restore) would lose its rows' } },
      ],
    },
    {
      name: 'removeColumn of a column up did not add destroys older data: error',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'nickname', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'nickname');
    await queryInterface.removeColumn('users', 'email');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info' },
        { messageId: 'dropColumn', line: 7, severity: 'error', data: { target: '`users.email`' } },
      ],
    },
    {
      name: 'columns dropped from a table this down emptied a moment earlier hold nothing: only the TRUNCATE / DELETE is reported; another table keeps its error',
      files: `const TABLES = { 'report.visits': ['started_at'], 'report.orders': ['placed_at', 'paid_at'] };
module.exports = {
  async up() {},
  async down(queryInterface, Sequelize) {
    for (const [name, columns] of Object.entries(TABLES)) {
      const [schema, tableName] = name.split('.');
      await queryInterface.sequelize.query(\`TRUNCATE TABLE \${schema}.\${tableName}\`);
      for (const column of columns) {
        await queryInterface.removeColumn({ schema, tableName }, column);
        await queryInterface.addColumn({ schema, tableName }, column, { type: Sequelize.DATE });
      }
    }
    await queryInterface.sequelize.query('DELETE FROM sessions');
    await queryInterface.removeColumn('sessions', 'token');
    await queryInterface.removeColumn('users', 'last_seen');
  },
};`,
      errors: [
        { messageId: 'truncate', line: 7, severity: 'error' },
        { messageId: 'deleteAllRows', line: 13, severity: 'error', data: { target: '`sessions`' } },
        { messageId: 'dropColumn', line: 15, severity: 'error', data: { target: '`users.last_seen`' } },
      ],
    },
    {
      name: 'a reversal through a rename, and on a table named by an imported constant in both phases',
      files: `const { Invoice } = require('../models/invoice');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.renameTable('folders', 'collections');
    await queryInterface.addColumn('collections', 'layout', { type: Sequelize.JSONB });
    await queryInterface.createTable(Invoice.TABLE, { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.renameTable('collections', 'folders');
    await queryInterface.removeColumn('folders', 'layout');
    await queryInterface.dropTable(Invoice.TABLE);
    await queryInterface.dropTable(Payment.TABLE);
  },
};`,
      errors: [
        { messageId: 'reversal', line: 10, severity: 'info', data: { target: '`folders.layout`', undoes: 'adds' } },
        { messageId: 'reversal', line: 11, severity: 'info', data: { undoes: 'creates' } },
        { messageId: 'dropTable', line: 12, severity: 'error' },
      ],
    },
    {
      name: 'deleting the rows with NULL before restoring NOT NULL that up dropped: only rows up made possible (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('grants', 'folderId', { type: Sequelize.UUID, allowNull: true });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.sequelize.query('DELETE FROM grants WHERE "folderId" IS NULL');
    await queryInterface.sequelize.query('DELETE FROM grants WHERE "ownerId" IS NULL');
    await queryInterface.changeColumn('grants', 'folderId', { type: Sequelize.UUID, allowNull: false });
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', data: { undoes: 'allows (it made the column nullable)' } },
        { messageId: 'deleteSomeRows', line: 7, severity: 'error' },
      ],
    },
    {
      name: 'a down behind a later migration whose down throws: no rollback chain reaches it (info)',
      files: {
        '20200101000000-seed-roles.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('role_user', [{ role_id: 1, user_id: 1 }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('role_user', null, {});
  },
};`,
        '20210101000000-bigint-ids.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT });
  },
  async down() {
    throw new Error('This migration cannot be undone');
  },
};`,
        '20220101000000-drop-notes.js': `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
  },
};`,
      },
      errors: [
        { messageId: 'behindIrreversible', line: 6, severity: 'info', data: { blocker: '`20210101000000-bigint-ids.js`' } },
        { messageId: 'dropTable', line: 4, severity: 'error' },
      ],
    },
    {
      name: 'a down behind a later migration whose down returns an array (no promise), which sequelize-cli refuses: the rollback fails there, never reaching it (info, saying why; hold-out 81)',
      project: withRunner({}),
      files: {
        '20200101000000-seed-roles.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('role_user', [{ role_id: 1, user_id: 1 }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('role_user', null, {});
  },
};`,
        '20210101000000-banner.js': `module.exports = {
  up: (queryInterface, Sequelize) => [queryInterface.addColumn('users', 'banner', Sequelize.STRING)],
  down: (queryInterface) => [queryInterface.removeColumn('users', 'banner')],
};`,
      },
      errors: [
        { messageId: 'behindIrreversible', line: 6, severity: 'info', file: '20200101000000-seed-roles.js', data: { blocker: '`20210101000000-banner.js`', why: 'returns no promise, which sequelize-cli refuses (the rollback fails there)' } },
        { messageId: 'reversal', line: 3, severity: 'info', file: '20210101000000-banner.js' },
      ],
    },
    ...[
      { runner: 'sequelize-cli' as const, blocked: true },
      { runner: 'umzug' as const, blocked: false },
    ].map(({ runner, blocked }) => ({
      name: `${runner}, a down behind a later migration with no down at all: ${blocked ? 'sequelize-cli stops the rollback there ("Could not find migration method: down"), so the drops before it are info (hold-out 105)' : 'what a custom umzug does with it is not known, the findings stay'}`,
      project: withRunner(runner === 'umzug' ? { kind: 'umzug', evidence: { file: 'migrate.js', line: 3, text: 'new Umzug({' } } : {}),
      files: {
        '20190101000000-create-notes.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
  },
};`,
        '20200101000000-archive.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('notes', 'archived', { type: Sequelize.BOOLEAN });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
  },
};`,
        '20210101000000-purge.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('notes', { archived: true });
  },
};`,
      },
      errors: blocked
        ? [
            { messageId: 'behindIrreversible', line: 6, severity: 'info', file: '20190101000000-create-notes.js' },
            { messageId: 'behindIrreversible', line: 6, severity: 'info', file: '20200101000000-archive.js', data: { blocker: '`20210101000000-purge.js`', why: 'is missing (sequelize-cli stops the rollback there: "Could not find migration method: down")' } },
          ]
        : [
            { messageId: 'reversal', line: 6, severity: 'info', file: '20190101000000-create-notes.js' },
            { messageId: 'dropTable', line: 6, severity: 'error', file: '20200101000000-archive.js' },
          ],
    })),
    {
      name: 'a rollback that fails at `dropTable(\'\')`, behind a later migration with no down under sequelize-cli: reached only by name (info)',
      project: withRunner({}),
      files: {
        '20200101000000-tags.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('');
  },
};`,
        '20210101000000-purge.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('tags', null, {});
  },
};`,
      },
      errors: [{ messageId: 'emptyTableName', line: 6, severity: 'info', file: '20200101000000-tags.js' }],
    },
    {
      name: 'a step under a dialect branch is judged when the project dialect is unknown (every branch may run), and marked',
      files: SQLITE_BRANCH,
      errors: [{ messageId: 'dropTable', line: 5, severity: 'error' }],
    },
    {
      name: 'reversals raised to error with the reversals option',
      options: { reversals: 'error' },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'nickname', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'nickname');
  },
};`,
      errors: [{ messageId: 'reversal', line: 6, severity: 'error' }],
    },
    {
      name: 'a down no runner or script can run is info, saying so',
      project: withRunner({ kind: 'umzug', evidence: { file: 'src/boot/migrate.js', line: 7, text: 'new Umzug({' }, downRunnable: 'no' }),
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.dropTable('orders');
  },
};`,
      errors: [{ messageId: 'downNeverRuns', line: 4, severity: 'info', data: { runner: 'the umzug runner in src/boot/migrate.js', evidence: 'src/boot/migrate.js:7' } }],
    },
    ...[
      { name: 'sequelize-cli only assumed (nothing names it) and nothing runs the migrations, the start building the tables with sync(): info, saying so', unconfirmed: true, migrationsUnrun: true, messageId: 'downUnrun', severity: 'info' },
      { name: 'the same where a script runs the migrations: the drop of older data', unconfirmed: true, migrationsUnrun: false, messageId: 'dropTableMadeBySync', severity: 'warning' },
      { name: 'the same where sequelize-cli is named (a dependency, a .sequelizerc): the drop of older data', unconfirmed: false, migrationsUnrun: true, messageId: 'dropTableMadeBySync', severity: 'warning' },
    ].map(({ name, unconfirmed, migrationsUnrun, messageId, severity }) => ({
      name: `a rollback of a table sync() makes: ${name}`,
      project: {
        ...withRunner(unconfirmed ? { unconfirmed: true } : {}),
        schemaSync: { script: 'start', evidence: 'index.js:133', development: false, ...(migrationsUnrun ? { migrationsUnrun: true as const } : {}) },
      },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('user', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Users');
  },
};`,
      errors: [{ messageId, line: 6, severity, ...(messageId === 'downUnrun' ? { data: { script: 'start', evidence: 'index.js:133' } } : {}) }],
    })),
    {
      name: 'raw SQL: DROP TABLE, DROP COLUMN, TRUNCATE, DELETE, DROP SCHEMA — one finding per kind of loss in one query (the two tables of one DROP TABLE together)',
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
        { messageId: 'dropTables', line: 4, data: { target: '`audit_log`, `audit_archive`' } },
        { messageId: 'dropColumn', line: 4, data: { target: '`orders.discount_code`' } },
        { messageId: 'truncate', line: 4, data: { target: '`carts`' } },
        { messageId: 'deleteAllRows', line: 4, data: { target: '`settings`' } },
        { messageId: 'deleteSomeRows', line: 4, data: { target: '`feature_flags`' } },
        { messageId: 'dropSchema', line: 4, data: { name: 'reporting' } },
      ],
    },
    {
      name: 'bulkDelete of the rows up inserts, on their keys, is a reversal; on other keys or all rows, an error',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }, { name: 'editor' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('roles', { name: ['admin', 'editor'] });
    await queryInterface.bulkDelete('roles', { createdBy: 'seed' });
    await queryInterface.bulkDelete('roles', null, {});
    await queryInterface.bulkDelete('permissions', null, {});
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', data: { target: '`roles`', undoes: 'inserts' } },
        { messageId: 'deleteSomeRows', line: 7, severity: 'error', data: { target: '`roles`' } },
        { messageId: 'deleteAllRows', line: 8, severity: 'error', data: { target: '`roles`' } },
        { messageId: 'deleteAllRows', line: 9, severity: 'error', data: { target: '`permissions`' } },
      ],
    },
    {
      name: 'a seed of a table the previous migration creates, undone by deleting every row: a warning (rows written since go too); of an older table, an error',
      files: {
        '20240101000000-create-plans.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('plans', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: { type: Sequelize.STRING } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('plans');
  },
};`,
        '20240101000001-seed-plans.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('plans', [{ id: 1, name: 'free' }, { id: 2, name: 'pro' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('plans', null, {});
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-plans.js' },
        { messageId: 'unseedsAll', line: 6, severity: 'warning', data: { target: '`plans`', line: '3' }, file: '20240101000001-seed-plans.js' },
      ],
    },
    {
      name: 'the same un-seed of a lookup table (DurationMinutesLookups): reference rows the migrations write, info naming what else goes',
      files: {
        '20210202093800-create-duration-lookups.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('DurationMinutesLookups', { id: { type: Sequelize.INTEGER, primaryKey: true }, minutes: { type: Sequelize.INTEGER } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('DurationMinutesLookups');
  },
};`,
        '20210202093828-insert-duration-lookups.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('DurationMinutesLookups', [{ id: 1, minutes: 15 }, { id: 2, minutes: 30 }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('DurationMinutesLookups', null, {});
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20210202093800-create-duration-lookups.js' },
        { messageId: 'unseedsLookup', line: 6, severity: 'info', data: { target: '`DurationMinutesLookups`', line: '3' }, file: '20210202093828-insert-duration-lookups.js' },
      ],
    },
    {
      name: 'a seed undone by TRUNCATE of a table the previous migration creates: a warning, as a delete of every row; with CASCADE (other tables emptied too), an error',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ability', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });
    await queryInterface.createTable('role', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240101000001-seed.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('ability', [{ name: 'PUBLISH' }, { name: 'GET' }]);
    await queryInterface.bulkInsert('role', [{ name: 'admin' }]);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('TRUNCATE TABLE ability');
    await queryInterface.sequelize.query('TRUNCATE TABLE role CASCADE');
  },
};`,
      },
      errors: [
        { messageId: 'unseedsAll', line: 7, severity: 'warning', data: { target: '`ability`', line: '3' }, file: '20240101000001-seed.js' },
        { messageId: 'truncate', line: 8, severity: 'error', file: '20240101000001-seed.js' },
      ],
    },
    {
      name: 'a backup table the previous migration creates, filled by up with a copy of another table (INSERT ... SELECT), emptied by down: the originals are still there (info)',
      files: {
        '20240101000000-create-backup.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE TABLE backup_points (id int, name text)');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE backup_points');
  },
};`,
        '20240101000001-back-up.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('INSERT INTO backup_points SELECT * FROM points');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DELETE FROM backup_points');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-backup.js' },
        { messageId: 'unseedsCopy', line: 6, severity: 'info', data: { target: '`backup_points`', line: '3', sources: '`points`' }, file: '20240101000001-back-up.js' },
      ],
    },
    {
      name: 'not a backup: rows converted from named columns into a new table the application writes, or whole rows of a table a later migration takes a column from (its down does not bring it back): a warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE TABLE guest_counts (sale_id int, amount int)');
    await queryInterface.sequelize.query('CREATE TABLE project_points (id int, area text)');
  },
  async down() {},
};`,
        '20240101000001-convert.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('INSERT INTO guest_counts (sale_id, amount) SELECT id, guests FROM sales');
    await queryInterface.sequelize.query('INSERT INTO project_points SELECT * FROM projects');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DELETE FROM guest_counts');
    await queryInterface.sequelize.query('DELETE FROM project_points');
  },
};`,
        '20240101000002-contract.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('projects', 'area');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'unseedsAll', line: 7, severity: 'warning', data: { target: '`guest_counts`' }, file: '20240101000001-convert.js' },
        { messageId: 'unseedsAll', line: 8, severity: 'warning', data: { target: '`project_points`' }, file: '20240101000001-convert.js' },
      ],
    },
    {
      name: 'up empties a reference table and fills it anew; a down deleting every row is its reversal (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('permissions', null, {});
    await queryInterface.bulkInsert('permissions', [{ code: 'read' }, { code: 'write' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('permissions', null, {});
  },
};`,
      errors: [{ messageId: 'reversal', line: 7, severity: 'info', data: { undoes: 'empties and fills anew' } }],
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
      // One call, run for each table: one finding naming both.
      errors: [{ messageId: 'dropTables', line: 7, data: { target: '`chat_messages`, `chat_rooms`' } }],
    },
    {
      name: 'a table name that cannot be resolved is still reported, and named as unresolved',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.dropTable(process.env.LEGACY_TABLE);
  },
};`,
      errors: [{ messageId: 'dropTable', line: 4, data: { target: '`process.env.LEGACY_TABLE` (a name migralint cannot read statically)' } }],
    },
    {
      name: 'a table named by a prefix read from the environment, created in up and dropped in down written the same way: the routine reversal (hold-out 68)',
      files: `const { TABLE_PREFIX } = require('../config');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(\`\${TABLE_PREFIX}_keys\`, { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable(\`\${TABLE_PREFIX}_keys\`);
  },
};`,
      errors: [{ messageId: 'reversal', line: 7, severity: 'info', data: { target: '`${TABLE_PREFIX}_keys` (a name migralint cannot read statically)' } }],
    },
    {
      name: 'the same text over a name of the function\'s own scope (a loop variable) in each phase: not the same table, the drop stays an error',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const t of await queryInterface.showAllTables()) {
      await queryInterface.createTable(\`\${t}_archive\`, { id: { type: Sequelize.INTEGER, primaryKey: true } });
    }
  },
  async down(queryInterface) {
    for (const t of process.env.LEGACY.split(',')) {
      await queryInterface.dropTable(\`\${t}_archive\`);
    }
  },
};`,
      errors: [{ messageId: 'dropTable', line: 9, severity: 'error' }],
    },
    {
      name: 'a down that reads every row whole, deletes them and inserts them back rewrites them (info)',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const rows = await queryInterface.select(null, 'patients', { transaction });
      for (const row of rows) row.data = JSON.stringify({ ...row.data, address: row.data.address[0] });
      await queryInterface.bulkDelete('patients', {}, { transaction });
      await queryInterface.bulkInsert('patients', rows, { transaction });
    });
  },
};`,
      errors: [{ messageId: 'rowsPutBack', line: 7, severity: 'info', data: { read: '5', insert: '8' } }],
    },
    {
      name: 'a down that copies the rows back into the old table before emptying the new one keeps them (info); without the copy, an error',
      files: {
        '20240101000000-move-keys.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('INSERT INTO "PersonalTokens" ("token", "UserId") SELECT "apiKey", "CreatedByUserId" FROM "Applications" WHERE "type" = \\'apiKey\\'');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('INSERT INTO "Applications" ("apiKey", "CreatedByUserId", "type") SELECT "token", "UserId", \\'apiKey\\' FROM "PersonalTokens"');
    await queryInterface.sequelize.query('DELETE FROM "PersonalTokens"');
  },
};`,
        '20240102000000-clear-keys.js': `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.sequelize.query('DELETE FROM "Webhooks"');
  },
};`,
      },
      errors: [
        { messageId: 'rowsKept', line: 7, severity: 'info', data: { into: '`Applications`', insert: '6', how: 'copying its rows into' } },
        { messageId: 'deleteAllRows', line: 4, severity: 'error', file: '20240102000000-clear-keys.js' },
      ],
    },
    {
      // Hold-out 83: SQLite cannot drop a column in older versions, so a helper rebuilds the table in `down`: the scratch
      // table dropped if a failed run left it, created, filled from the table, the table dropped, the copy renamed back.
      name: 'a down that rebuilds the table (DROP IF EXISTS t_new, create t_new, copy, drop t, rename t_new to t) keeps its rows: both drops are info, once per rebuild, the second rebuild of the same name too; a copy into a table that keeps its own name and a drop with nothing renamed back stay errors',
      files: {
        '20240101000000-notes.js': `const rebuild = async (queryInterface, table, keep) => {
  await queryInterface.sequelize.query(\`DROP TABLE IF EXISTS \${table}_new\`);
  await queryInterface.sequelize.query(\`CREATE TABLE \${table}_new (id INTEGER PRIMARY KEY, \${keep} TEXT)\`);
  await queryInterface.sequelize.query(\`INSERT INTO \${table}_new (id, \${keep}) SELECT id, \${keep} FROM \${table}\`);
  await queryInterface.sequelize.query(\`DROP TABLE \${table}\`);
  await queryInterface.sequelize.query(\`ALTER TABLE \${table}_new RENAME TO \${table}\`);
};
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
  },
};
module.exports.rebuild = rebuild;`,
        '20240201000000-note-color.js': `const { rebuild } = require('./20240101000000-notes');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('notes', 'color', Sequelize.STRING);
  },
  async down(queryInterface) {
    await rebuild(queryInterface, 'notes', 'body');
  },
};`,
        '20240301000000-note-pinned.js': `const { rebuild } = require('./20240101000000-notes');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('notes', 'pinned', Sequelize.BOOLEAN);
  },
  async down(queryInterface) {
    await rebuild(queryInterface, 'notes', 'body');
  },
};`,
        '20240401000000-archive-notes.js': `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS notes_archive');
    await queryInterface.sequelize.query('CREATE TABLE notes_archive (id INTEGER PRIMARY KEY, body TEXT)');
    await queryInterface.sequelize.query('INSERT INTO notes_archive (id, body) SELECT id, body FROM notes');
    await queryInterface.sequelize.query('DROP TABLE notes');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 13, severity: 'info', file: '20240101000000-notes.js' },
        { messageId: 'ownPartialRun', line: 7, severity: 'info', file: '20240201000000-note-color.js', data: { target: '`notes_new`' } },
        { messageId: 'rowsKept', line: 7, severity: 'info', file: '20240201000000-note-color.js', data: { into: '`notes_new`', how: 'copying its rows into' } },
        { messageId: 'ownPartialRun', line: 7, severity: 'info', file: '20240301000000-note-pinned.js', data: { target: '`notes_new`' } },
        { messageId: 'rowsKept', line: 7, severity: 'info', file: '20240301000000-note-pinned.js', data: { into: '`notes_new`', how: 'copying its rows into' } },
        // The schema is the migrations' alone here: the scratch drop before its create is the cleanup of a failed run.
        { messageId: 'ownPartialRun', line: 4, severity: 'info', file: '20240401000000-archive-notes.js', data: { target: '`notes_archive`', line: '5' } },
        { messageId: 'dropTable', line: 7, severity: 'error', file: '20240401000000-archive-notes.js' },
      ],
    },
    {
      name: 'a down that drops a column a later migration\'s up drops: the rollback reaches it after that one\'s down, so the column is gone or back empty (info); a later rename (the values kept) or a later down that copies the values back keeps the error',
      files: {
        '20230327000000-create-users.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Users', { id: { type: Sequelize.INTEGER, primaryKey: true }, stamp: Sequelize.DATE, code: Sequelize.STRING, nickname: Sequelize.STRING, motto: Sequelize.STRING });
  },
  async down() {},
};`,
        '20230330190000-otp.js': `module.exports = {
  up(queryInterface, Sequelize) {
    return queryInterface.addColumn('Users', 'otpTimestamp', { type: Sequelize.DATE });
  },
  down(queryInterface) {
    return Promise.all([queryInterface.removeColumn('Users', 'stamp'), queryInterface.removeColumn('Users', 'code'), queryInterface.removeColumn('Users', 'nickname'), queryInterface.removeColumn('Users', 'motto')]);
  },
};`,
        '20230330193000-drop-stamp.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('Users', 'stamp');
    await queryInterface.removeColumn('Users', 'code');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'code', { type: Sequelize.STRING });
  },
};`,
        '20230330194000-rename-code.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('Users', 'motto', 'tagline');
  },
};`,
        '20230331000000-move-nickname.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Profiles', 'nickname', { type: Sequelize.STRING });
    await queryInterface.removeColumn('Users', 'nickname');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'nickname', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE "Users" u SET nickname = p.nickname FROM "Profiles" p WHERE p."userId" = u.id');
  },
};`,
      },
      errors: [
        { messageId: 'columnDroppedLater', line: 6, severity: 'info', file: '20230330190000-otp.js', data: { target: '`Users.stamp`', dropper: '`20230330193000-drop-stamp.js`', line: '3' } },
        { messageId: 'columnDroppedLater', line: 6, severity: 'info', file: '20230330190000-otp.js', data: { target: '`Users.code`' } },
        { messageId: 'dropColumn', line: 6, severity: 'error', file: '20230330190000-otp.js', data: { target: '`Users.nickname`' } },
        { messageId: 'dropColumn', line: 6, severity: 'error', file: '20230330190000-otp.js', data: { target: '`Users.motto`' } },
      ],
    },
    {
      name: 'a placeholder down that removes a column no migration ever makes (the table created by a file that sorts later) fails instead of losing data (info); a column a later migration adds, one a model maps, stays an error',
      files: {
        'models/sitter.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Sitter', { nickname: DataTypes.STRING }, { tableName: 'sitters' });`,
        '20240412000000-kennel-status.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('kennels', 'status', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('kennels', 'new_column');
  },
};`,
        '20240413000000-kennel-licence.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('kennels', 'licence', { type: Sequelize.STRING });
    await queryInterface.addColumn('sitters', 'rate', { type: Sequelize.INTEGER });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('kennels', 'opening_hours');
    await queryInterface.removeColumn('sitters', 'nickname');
  },
};`,
        '20240414000000-walkers-note.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('walkers', 'note', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('walkers', 'new_column');
  },
};`,
        'migration-create-kennels.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('kennels', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });
    await queryInterface.createTable('sitters', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true } });
    await queryInterface.createTable('walkers', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true } });
  },
  async down() {},
};`,
        'migration-opening-hours.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('kennels', 'opening_hours', { type: Sequelize.STRING });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'absentColumn', line: 6, severity: 'info', file: '20240412000000-kennel-status.js', data: { target: '`kennels.new_column`' } },
        { messageId: 'dropColumn', line: 7, severity: 'error', file: '20240413000000-kennel-licence.js' },
        { messageId: 'dropColumn', line: 8, severity: 'error', file: '20240413000000-kennel-licence.js' },
        { messageId: 'absentColumn', line: 6, severity: 'info', file: '20240414000000-walkers-note.js' },
      ],
    },
    {
      name: 'the same placeholder down in a project where a migration runs SQL migralint cannot read (it may add any column): an error',
      files: {
        '20240412000000-kennel-status.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('kennels', 'status', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('kennels', 'new_column');
  },
};`,
        '20240415000000-kennels-patch.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(process.env.KENNELS_PATCH);
  },
  async down() {},
};`,
        'migration-create-kennels.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('kennels', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'dropColumn', line: 6, severity: 'error', file: '20240412000000-kennel-status.js' }],
    },
    {
      name: 'a down that removes a column no migration added to that table fails instead of losing data (info); so does one of a table nothing in the project names, in migrations that build on no table made elsewhere (warning: what up added stays)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('patients', { id: { type: Sequelize.UUID, primaryKey: true } });
    await queryInterface.createTable('settings', { id: { type: Sequelize.UUID, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-link-data.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'link_data', { type: Sequelize.JSONB });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('legacy_settings', 'link_data');
    await queryInterface.removeColumn('settings', 'link_data');
  },
};`,
      },
      errors: [
        { messageId: 'columnOfUnknownTable', line: 6, severity: 'warning', data: { target: '`legacy_settings.link_data`', table: 'legacy_settings' } },
        { messageId: 'absentColumn', line: 7, severity: 'info', data: { target: '`settings.link_data`' } },
      ],
    },
    {
      name: 'a table name that up and down each pick by a probe (`let tableName = ...` reassigned in a catch): the column up adds to `tableName` is the one down removes, a reversal; a column up did not add stays an error',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    let tableName = 'device';
    try {
      await queryInterface.describeTable(tableName);
    } catch (e) {
      tableName = 'devices';
    }
    await queryInterface.addColumn(tableName, 'price', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 });
  },
  async down(queryInterface) {
    let tableName = 'device';
    try {
      await queryInterface.describeTable(tableName);
    } catch (e) {
      tableName = 'devices';
    }
    await queryInterface.removeColumn(tableName, 'price');
    await queryInterface.removeColumn(tableName, 'currency');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 18, severity: 'info', data: { undoes: 'adds' } },
        { messageId: 'dropColumn', line: 19, severity: 'error' },
      ],
    },
    {
      name: 'a table name kept as a static property of a model class (`Settings.NAME`) is read from the model file',
      files: {
        'models/settings.ts': `import { Model } from 'sequelize';
export class Settings extends Model {
  static NAME = 'settings';
  declare webhookUrl: string | null;
}`,
        '20240201000000-link-data.ts': `import { DataTypes } from 'sequelize';
import { Settings } from '../models/settings';

export const up = async ({ context: queryInterface }: { context: any }) => {
  await queryInterface.addColumn(Settings.NAME, 'link_data', { type: DataTypes.JSONB });
};
export const down = async ({ context: queryInterface }: { context: any }) => {
  await queryInterface.removeColumn(Settings.NAME, 'link_data');
};`,
      },
      errors: [{ messageId: 'reversal', line: 8, severity: 'info', data: { target: '`settings.link_data`' } }],
    },
    {
      name: 'a table name two imports away (the model keeps it as `static NAME = accountsTable`, imported from a shared file): a down that removes the column from another table fails, info',
      files: {
        'models/shared.ts': `export const accountsTable = 'accounts';\n`,
        'models/account.ts': `import { Model } from 'sequelize';
import { accountsTable } from './shared';
export class Account extends Model {
  static NAME = accountsTable;
}`,
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', { id: { type: Sequelize.UUID, primaryKey: true } });
    await queryInterface.createTable('settings', { id: { type: Sequelize.UUID, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-link-data.ts': `import { DataTypes } from 'sequelize';
import { Account } from '../models/account';

export const up = async ({ context: queryInterface }: { context: any }) => {
  await queryInterface.addColumn(Account.NAME, 'link_data', { type: DataTypes.JSONB });
};
export const down = async ({ context: queryInterface }: { context: any }) => {
  await queryInterface.removeColumn('settings', 'link_data');
};`,
      },
      errors: [{ messageId: 'absentColumn', line: 8, severity: 'info', data: { target: '`settings.link_data`' } }],
    },
    {
      name: 'table definitions four imports away (a schema folder: index -> lesson/index -> lesson.table, each a function of DataTypes): the baseline down drops the tables its up creates, reversals (info), not drops of tables migralint cannot name',
      files: {
        'schema/index.js': `const lessonTables = require('./lesson');\nmodule.exports = (DataTypes) => ({ ...lessonTables(DataTypes) });\n`,
        'schema/lesson/index.js': `const Lesson = require('./lesson.table');\nconst Course = require('./course.table');\nmodule.exports = (DataTypes) => ({ LessonTable: Lesson(DataTypes), CourseTable: Course(DataTypes) });\n`,
        'schema/lesson/lesson.table.js': `module.exports = (DataTypes) => ['lessons', { id: { type: DataTypes.UUID, primaryKey: true } }];\n`,
        'schema/lesson/course.table.js': `module.exports = (DataTypes) => ['courses', { id: { type: DataTypes.UUID, primaryKey: true } }];\n`,
        '20220618141931-initial.js': `module.exports = {
  async up(queryInterface, DataTypes) {
    const { LessonTable, CourseTable } = require('./schema')(DataTypes);
    await queryInterface.createTable(...LessonTable);
    await queryInterface.createTable(...CourseTable);
  },
  async down(queryInterface, DataTypes) {
    const { LessonTable, CourseTable } = require('./schema')(DataTypes);
    await queryInterface.dropTable(CourseTable[0]);
    await queryInterface.dropTable(LessonTable[0]);
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 9, severity: 'info', data: { target: '`courses`' } },
        { messageId: 'reversal', line: 10, severity: 'info', data: { target: '`lessons`' } },
      ],
    },
    settingsModelCase('a column no migration adds to a table made outside the migrations, which its model does not map either: the rollback fails, info', 'webhookUrl: DataTypes.STRING', 'link_data', 'absentFromModel', 'info'),
    settingsModelCase('the same table, a column its model maps: data that existed, an error', 'webhookUrl: DataTypes.STRING', 'webhookUrl', 'dropColumn', 'error'),
    settingsModelCase("the same table, a column Sequelize adds to the model (timestamps' createdAt): an error", 'webhookUrl: DataTypes.STRING', 'createdAt', 'dropColumn', 'error'),
    settingsModelCase('the same table, a model whose attributes cannot all be read says nothing: an error', '...shared, webhookUrl: DataTypes.STRING', 'link_data', 'dropColumn', 'error'),
    ...[
      ["createTable's schema option, dropped as { schema, tableName }", `createTable('invoices', COLUMNS, { schema: 'billing' })`, `dropTable({ schema: 'billing', tableName: 'invoices' })`, '`billing.invoices`'],
      ['{ schema, tableName } created, dropped by SQL schema.table', `createTable({ schema: 'billing', tableName: 'invoices' }, COLUMNS)`, `sequelize.query('DROP TABLE billing.invoices')`, '`billing.invoices`'],
      ["createTable's schema option, dropped by quoted SQL", `createTable('invoices', COLUMNS, { schema: 'billing', transaction: t })`, `sequelize.query('DROP TABLE "billing"."invoices"')`, '`billing.invoices`'],
      ['a plain name created, dropped by SQL public.table', `createTable('invoices', COLUMNS)`, `sequelize.query('DROP TABLE public.invoices')`, '`public.invoices`'],
    ].map(([how, create, drop, target]) => ({
      name: `a down that drops the table its up creates in a schema, spelled differently (${how}): one table, a routine reversal`,
      files: `const COLUMNS = { id: { type: 'INTEGER', primaryKey: true }, total: 'INTEGER' };
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (t) => {
      await queryInterface.${create};
    });
  },
  async down(queryInterface) {
    await queryInterface.${drop};
  },
};`,
      errors: [{ messageId: 'reversal', line: 9, severity: 'info' as const, data: { target } }],
    })),
    {
      name: 'a down that drops the table in the schema its up created, but by a name Sequelize does not read as one (a schema option on dropTable is ignored: it drops public.invoices)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } }, { schema: 'billing' });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('invoices', { schema: 'billing' });
  },
};`,
      errors: [{ messageId: 'dropTable', line: 6, severity: 'error', data: { target: '`invoices`' } }],
    },
    {
      name: 'a down that drops a column its own up already dropped and never adds back: the rollback fails there, no data lost, and the drop in up is the finding (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('tickets', 'owner_login', Sequelize.STRING);
    await queryInterface.removeColumn('tickets', 'owner_id');
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('tickets', 'owner_login');
    await queryInterface.removeColumn('tickets', 'owner_id');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 7, severity: 'info' },
        { messageId: 'columnAlreadyGone', line: 8, severity: 'info', data: { target: '`tickets.owner_id`', phase: 'this migration’s `up`', change: 'drops', line: '4' } },
      ],
    },
    {
      name: 'up renames the column away and down drops it by its old name (SQL): the rollback fails and the rename stays (warning)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('tickets', 'owner_id', 'assignee_id');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE tickets DROP COLUMN owner_id');
  },
};`,
      errors: [{ messageId: 'columnAlreadyGone', line: 6, severity: 'warning', data: { phase: 'this migration’s `up`', change: 'renames to `assignee_id`', line: '3' } }],
    },
    {
      name: 'a down that drops the same column twice: the second drop fails',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('tickets', 'priority', Sequelize.INTEGER);
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('tickets', 'priority');
    await queryInterface.removeColumn('tickets', 'priority');
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info' },
        { messageId: 'columnAlreadyGone', line: 7, severity: 'warning', data: { phase: 'this `down`', change: 'drops', line: '6' } },
      ],
    },
    {
      name: 'the same second drop in a down that returns nothing under an umzug that does not check it (umzug 1.x of sequelize-cli 2.x): nobody waits for it, its failure is an unhandled rejection and the rollback goes on (info)',
      project: withRunner({ promiseUnchecked: { file: 'package.json', line: 41, text: '"sequelize-cli": "^2.7.0"' } }),
      files: `module.exports = {
  up: function (queryInterface, Sequelize) {
    return queryInterface.addColumn('admins', 'sub_branch_id', Sequelize.INTEGER);
  },
  down: function (queryInterface) {
    queryInterface.removeColumn('admins', 'sub_branch_id').then(function () {
      queryInterface.removeColumn('admins', 'sub_branch_id');
    });
  },
};`,
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info' },
        { messageId: 'columnAlreadyGone', line: 7, severity: 'info', data: { phase: 'this `down`', change: 'drops', line: '6' } },
      ],
    },
    {
      name: 'a step after one that fails for certain never runs: a rollback stops at the misspelled table (warning), the drop after it is info and says why',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Companies', { id: { type: Sequelize.INTEGER, primaryKey: true }, notes: Sequelize.TEXT });
    await queryInterface.createTable('Rides', { id: { type: Sequelize.INTEGER, primaryKey: true }, memo: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240201000000-widen.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('Companies', 'notes', { type: Sequelize.TEXT('long') });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('Comapnies', 'notes');
    await queryInterface.removeColumn('Rides', 'memo');
  },
};`,
      },
      errors: [
        { messageId: 'columnOfMisspelledTable', line: 6, severity: 'warning', file: '20240201000000-widen.js' },
        { messageId: 'afterFailingStep', line: 7, severity: 'info', data: { target: '`Rides.memo`', line: '6', why: 'there is no table `Comapnies`' } },
      ],
    },
    {
      name: 'the failing step stops nothing when it cannot fail (guarded, not awaited, one of a Promise.all, conditional) or when the project runs on SQLite, whose removeColumn rebuilds the table from what it has',
      project: { dialect: { dialects: ['sqlite'], source: 'config/config.json:1' } },
      files: {
        'config/config.json': '{ "production": { "dialect": "sqlite", "storage": "db.sqlite" } }',
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('patients', { id: { type: Sequelize.UUID, primaryKey: true }, notes: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240201000000-links.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'link', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('patients', 'link_data');
    await queryInterface.removeColumn('patients', 'notes');
  },
};`,
      },
      errors: [
        { messageId: 'absentColumn', line: 6, severity: 'info' },
        { messageId: 'dropColumn', line: 7, severity: 'error', data: { target: '`patients.notes`' } },
      ],
    },
    {
      name: 'steps run at once (Promise.all) or under a catch-all do not stop the rollback: the drops beside and after them stay errors',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('patients', { id: { type: Sequelize.UUID, primaryKey: true }, notes: Sequelize.TEXT, extra: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240201000000-links.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'link', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await Promise.all([queryInterface.removeColumn('patients', 'link_data'), queryInterface.removeColumn('patients', 'notes')]);
    try { await queryInterface.removeColumn('patients', 'link_data'); } catch (e) { console.log(e); }
    await queryInterface.removeColumn('patients', 'extra');
  },
};`,
      },
      errors: [
        { messageId: 'absentColumn', line: 6, severity: 'info' },
        { messageId: 'dropColumn', line: 6, severity: 'error', data: { target: '`patients.notes`' } },
        { messageId: 'absentColumn', line: 7, severity: 'info' },
        { messageId: 'dropColumn', line: 8, severity: 'error', data: { target: '`patients.extra`' } },
      ],
    },
    {
      name: 'a down that drops a column an earlier migration dropped, with no other table meant: the rollback fails loudly and loses nothing (info)',
      files: {
        '20230101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('shipping_items', { id: { type: Sequelize.INTEGER, primaryKey: true }, receiver_mobile: Sequelize.STRING });
  },
  async down() {},
};`,
        '20230119080254-drop-mobile.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('shipping_items', 'receiver_mobile');
  },
  async down() {},
};`,
        '20230119093502-add-logo.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('shipping_items', 'logo_url', Sequelize.STRING);
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('shipping_items', 'receiver_mobile');
    await queryInterface.removeColumn('shipping_items', 'logo_url');
  },
};`,
      },
      errors: [
        { messageId: 'columnDroppedBefore', line: 6, severity: 'info', file: '20230119093502-add-logo.js' },
        { messageId: 'reversal', line: 7, severity: 'info', file: '20230119093502-add-logo.js' },
      ],
    },
    {
      name: 'a down removing the column its up adds under another case style (`provinceId` for `province_id`), on a table no migration creates: a misspelled reversal (warning), not a drop of older data; a table that has both names keeps the error',
      files: {
        '20210901000000-create-orders.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, primaryKey: true }, cityId: Sequelize.INTEGER });
  },
  async down() {},
};`,
        '20210921155024-user-address-ids.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'province_id', { type: Sequelize.SMALLINT });
    await queryInterface.addColumn('orders', 'city_id', { type: Sequelize.SMALLINT });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'provinceId');
    await queryInterface.removeColumn('orders', 'cityId');
  },
};`,
      },
      errors: [
        { messageId: 'columnMisspelled', line: 7, severity: 'warning', file: '20210921155024-user-address-ids.js', data: { target: '`users.provinceId`', meant: 'province_id', line: '3' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', data: { target: '`orders.cityId`' } },
      ],
    },
    {
      // Hold-out 65: `addColumn('usuarios', 'googleid')` undone by `removeColumn('usuarios', 'googleId')` on MySQL.
      name: 'on MySQL a down removing the column its up adds in another letter case removes that column (names match whatever their case): a reversal (info); on PostgreSQL, a misspelling (warning)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: CASE_ONLY_ROLLBACK,
      errors: [{ messageId: 'reversal', line: 6, severity: 'info', data: { undoes: 'adds' } }],
    },
    {
      name: 'the same on PostgreSQL: quoted names differ by case, the rollback removes nothing it added (a misspelled reversal, warning)',
      project: { dialect: { dialects: ['postgres'], source: 'config/config.json:4' } },
      files: CASE_ONLY_ROLLBACK,
      errors: [{ messageId: 'columnMisspelled', line: 6, severity: 'warning', data: { meant: 'googleid' } }],
    },
    {
      name: 'a down reading `transaction`, which only up declares (its transaction callback): a ReferenceError there (warning); the step reading it sends nothing, and a drop after it never runs (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('posts', ['title'], { name: 'posts_title', transaction });
    });
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('posts', 'posts_title', {
      transaction,
    });
    await queryInterface.dropTable('drafts');
  },
};`,
      errors: [
        { messageId: 'strandedName', line: 9, severity: 'warning', data: { name: 'transaction', step: ', before `queryInterface.removeIndex` (line 8) sends anything' } },
        { messageId: 'afterFailingStep', line: 11, severity: 'info', data: { target: '`drafts`', line: '8' } },
      ],
    },
    {
      name: 'a down calling a method the queryInterface does not have (`removeCOlumn`, `dropIndex`): a TypeError before it sends anything, the rollback fails there (warning, measured); the drop after it never runs (info), a second typo after it is not reached',
      project: withRunner({}),
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('rooms', 'floor', { type: Sequelize.INTEGER });
    await queryInterface.addIndex('rooms', ['floor'], { name: 'rooms_floor' });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('rooms', 'wing');
    await queryInterface.dropIndex('rooms_floor');
    await queryInterface.removeCOlumn('rooms', 'floor');
    await queryInterface.dropTable('wings');
  },
};`,
      errors: [
        { messageId: 'dropColumn', line: 7, severity: 'error', data: { target: '`rooms.wing`' } },
        { messageId: 'notAMethod', line: 8, severity: 'warning', data: { callee: 'queryInterface.dropIndex', applied: ', after `queryInterface.removeColumn` (line 7) ran', meant: ' `removeIndex` was probably meant.' } },
        { messageId: 'afterFailingStep', line: 10, severity: 'info', data: { target: '`wings`', line: '8' } },
      ],
    },
    {
      name: 'a down restoring a column with no type: Sequelize throws before any SQL (warning, measured); under a condition, info',
      project: withRunner({}),
      files: {
        '001-price.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('items', 'legacy_price');
  },
  async down(queryInterface) {
    await queryInterface.addColumn('items', 'legacy_price', { allowNull: true });
  },
};`,
        '002-vat.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('items', 'vat', { type: Sequelize.DECIMAL });
  },
  async down(queryInterface) {
    if (queryInterface.sequelize.getDialect() === 'postgres') await queryInterface.changeColumn('items', 'vat', { allowNull: true });
  },
};`,
      },
      errors: [
        { messageId: 'typeMissing', line: 6, severity: 'warning', file: '001-price.js', data: { callee: 'queryInterface.addColumn', target: '`items.legacy_price`', applied: ', before it changes anything' } },
        { messageId: 'typeMissing', line: 6, severity: 'info', file: '002-vat.js', data: { target: '`items.vat`' } },
      ],
    },
    {
      // Corpus: enum values added in up, "dropped" in down; measured on PGlite (test/semantics/rejected-sql.test.ts).
      name: 'a down whose SQL PostgreSQL refuses (ALTER TYPE ... DROP VALUE, MySQL\'s DROP INDEX ... ON) on a PostgreSQL project: the rollback fails there (warning, naming what ran before), not a loss',
      project: { dialect: { dialects: ['postgres'], source: 'config/config.json:3' } },
      files: {
        '001-plaid.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TYPE enum_imports_type ADD VALUE IF NOT EXISTS 'PLAID'");
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query("ALTER TYPE enum_imports_type DROP VALUE IF EXISTS 'PLAID'");
  },
};`,
        '002-streams-index.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE INDEX streams_rank ON streams (rank)');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX streams_rank ON streams');
  },
};`,
      },
      errors: [
        { messageId: 'sqlRejected', line: 6, severity: 'warning', file: '001-plaid.js', data: { statement: "`ALTER TYPE enum_imports_type DROP VALUE IF EXISTS 'PLAID'`", error: 'syntax error at or near "IF"', applied: ', before it changes anything' } },
        { messageId: 'sqlRejected', line: 6, severity: 'warning', file: '002-streams-index.js', data: { error: 'syntax error at or near "ON"' } },
      ],
    },
    {
      name: 'a down(queryInterface) using Sequelize, which only up takes as a parameter: the rollback throws before the column is dropped (warning), not a drop of data',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'nickname', { type: Sequelize.STRING });
  },
};`,
      errors: [{ messageId: 'strandedName', line: 6, severity: 'warning', data: { name: 'Sequelize' } }],
    },
    {
      // Hold-out 99: generated migrations writing the table as a bare name, `dropTable(contacts)`.
      name: 'a down reading a name the file declares nowhere (no variable, parameter, import; no Node.js global): the rollback throws before the drop (warning), not a drop of data; a name an import, a top-level function or Node.js gives is no finding',
      files: {
        '20240101000000-create-contacts.js': `module.exports = {
  up: function (queryInterface, Sequelize) {
    return queryInterface.createTable('contacts', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  down: function (queryInterface) {
    return queryInterface.dropTable(contacts);
  },
};`,
        '20240201000000-create-groups.js': `import { GROUPS } from '../lib/tables';
function tableOf(name) { return name.toLowerCase(); }
export default {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(GROUPS, { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    console.log(process.env.NODE_ENV, tableOf(GROUPS), JSON.stringify({ at: Date.now() }));
    await queryInterface.dropTable(GROUPS);
  },
};`,
      },
      errors: [
        { messageId: 'undeclaredName', line: 6, severity: 'warning', file: '20240101000000-create-contacts.js', data: { name: 'contacts', step: ', before `queryInterface.dropTable` (line 6) sends anything' } },
        { messageId: 'reversal', line: 9, severity: 'info', file: '20240201000000-create-groups.js' },
      ],
    },
    {
      // Hold-out 100: `describeTable(t).then(() => t).catch(() => null)` as the existence test of both phases.
      name: 'a table probed by `describeTable(t).then(() => name).catch(() => null)` (true only where it exists): `up` returns early only there, creates it otherwise, and the `down` dropping it is a reversal (info)',
      files: `module.exports = {
  async up(qi, Sequelize) {
    const exists =
      (await qi.describeTable('Vendors').then(() => 'Vendors').catch(() => null)) ||
      (await qi.describeTable('vendors').then(() => 'vendors').catch(() => null));
    if (exists) return;
    const target = 'Vendors';
    await qi.createTable(target, { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });
  },
  async down(qi) {
    const found = await qi.describeTable('Vendors').then(() => 'Vendors').catch(() => null);
    if (found) await qi.dropTable(found);
  },
};`,
      errors: [{ messageId: 'reversal', line: 12, severity: 'info', data: { target: '`Vendors`', undoes: 'creates' } }],
    },
    {
      name: 'the same stranded name behind a later migration whose down throws (irreversible): a rollback reaches it only by name (info, saying so)',
      files: {
        '20240101000000-bio.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'nickname', { type: Sequelize.STRING });
  },
};`,
        '20240201000000-merge-accounts.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('UPDATE users SET bio = NULL WHERE bio = \\'\\'');
  },
  async down() {
    throw new Error('irreversible: restore from a backup');
  },
};`,
      },
      errors: [{ messageId: 'strandedName', line: 6, severity: 'info', file: '20240101000000-bio.js', data: { name: 'Sequelize', reach: ' A rollback reaches it only through `20240201000000-merge-accounts.js`, whose `down` throws (irreversible): it runs only if someone undoes this migration by name.' } }],
    },
    {
      name: 'a down that drops the column its up changed and adds it back with the old definition: the drop came first, nothing is added twice',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('doctor_details', 'rating', { type: Sequelize.FLOAT });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('doctor_details', 'rating');
    await queryInterface.addColumn('doctor_details', 'rating', { type: Sequelize.INTEGER });
  },
};`,
      errors: [{ messageId: 'reversal', line: 6, severity: 'info' }],
    },
    {
      name: "sequelize-cli's template example `dropTable('users')` left in the down of a migration that adds a column, no migration creating `users`: info saying so; another unknown table stays the warning",
      files: {
        '20240101000000-create-orders.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('orders');
  },
};`,
        '20240201000000-add-billing-name.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'billing_name', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};`,
        '20240301000000-add-billing-mail.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'billing_mail', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('customers');
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-orders.js' },
        { messageId: 'templateExample', line: 6, severity: 'info', file: '20240201000000-add-billing-name.js', data: { steps: '`addColumn` on `orders.billing_name` at line 3' } },
        { messageId: 'unknownTable', line: 6, severity: 'warning', file: '20240301000000-add-billing-mail.js' },
      ],
    },
    {
      name: 'a down that shortens the column its up widened (TEXT back to STRING, STRING(500) back to STRING(100)): a value written since that is longer fails the rollback (measured): a reversal that can fail, info; the wide type kept, or a column up never changed, says nothing',
      files: {
        '20240101000000-create-notes.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.STRING, title: Sequelize.STRING(100), tag: Sequelize.STRING(40) });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('notes');
  },
};`,
        '20240201000000-widen.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('notes', 'body', { type: Sequelize.TEXT });
    await queryInterface.changeColumn('notes', 'title', { type: Sequelize.STRING(500) });
    await queryInterface.changeColumn('notes', 'tag', { type: Sequelize.TEXT });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('notes', 'body', { type: Sequelize.STRING });
    await queryInterface.changeColumn('notes', 'title', { type: Sequelize.STRING(100) });
    await queryInterface.changeColumn('notes', 'tag', { type: Sequelize.TEXT });
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-notes.js' },
        { messageId: 'narrowsWidened', line: 8, severity: 'info', file: '20240201000000-widen.js', data: { target: '`notes.body`', from: '`TEXT`', to: '`STRING`', limit: '255', line: '3' } },
        { messageId: 'narrowsWidened', line: 9, severity: 'info', file: '20240201000000-widen.js', data: { target: '`notes.title`', limit: '100', line: '4' } },
      ],
    },
    {
      name: 'a down making NOT NULL again a column its up let take NULL: a row written since with NULL fails the rollback (measured), a reversal that can fail, info; not after the down fills the NULLs, nor for a column up left alone',
      files: {
        '20240101000000-create-members.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('members', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: { type: Sequelize.STRING, allowNull: false }, phone: { type: Sequelize.STRING, allowNull: false }, nick: { type: Sequelize.STRING, allowNull: false } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('members');
  },
};`,
        '20240201000000-optional-contact.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('members', 'email', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.sequelize.query('ALTER TABLE members ALTER COLUMN phone DROP NOT NULL');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('members', 'email', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.sequelize.query('ALTER TABLE members ALTER COLUMN phone SET NOT NULL');
    await queryInterface.changeColumn('members', 'nick', { type: Sequelize.STRING, allowNull: false });
  },
};`,
        '20240301000000-optional-nick.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('members', 'nick', { type: Sequelize.STRING, allowNull: true });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.sequelize.query("UPDATE members SET nick = 'member' WHERE nick IS NULL");
    await queryInterface.changeColumn('members', 'nick', { type: Sequelize.STRING, allowNull: false });
  },
};`,
      },
      errors: [
        { messageId: 'reversal', line: 6, severity: 'info', file: '20240101000000-create-members.js' },
        { messageId: 'notNullRestored', line: 7, severity: 'info', file: '20240201000000-optional-contact.js', data: { target: '`members.email`', line: '3' } },
        { messageId: 'notNullRestored', line: 8, severity: 'info', file: '20240201000000-optional-contact.js', data: { target: '`members.phone`', line: '4' } },
      ],
    },
    {
      name: 'a down adding again the column its up adds (a copy of up): the column is still there, the rollback fails (warning), and the drop after it never runs (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('doctor_details', 'rating', { type: Sequelize.FLOAT });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('doctor_details', 'rating', { type: Sequelize.FLOAT });
    await queryInterface.dropTable('reviews');
  },
};`,
      errors: [
        { messageId: 'addsOwnColumnAgain', line: 6, severity: 'warning', data: { target: '`doctor_details.rating`', line: '3' } },
        { messageId: 'afterFailingStep', line: 7, severity: 'info', data: { target: '`reviews`', line: '6' } },
      ],
    },
    {
      name: 'delete(null, ...) and update(null, ...) in down throw a TypeError before any SQL (measured): the rollback fails there and changes nothing (warning), and what follows never runs (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.insert(null, 'room_kinds', { id: 'a5', title: 'Suites' });
    await queryInterface.sequelize.query("UPDATE room_kinds SET title = 'Suites (old)' WHERE title = 'Suite'");
  },
  async down(queryInterface) {
    await queryInterface.update(null, 'room_kinds', { title: 'Suite' }, { title: 'Suites (old)' });
    await queryInterface.delete(null, 'room_kinds', { title: 'Suites' });
    await queryInterface.bulkDelete('bookings', null);
  },
};`,
      errors: [
        { messageId: 'nullInstanceCall', line: 7, severity: 'warning', data: { callee: 'queryInterface.update', changes: 'changes', fix: '`bulkUpdate(table, values, where)`' } },
        { messageId: 'afterFailingStep', line: 8, severity: 'info', data: { target: '`room_kinds`', line: '7' } },
        { messageId: 'afterFailingStep', line: 9, severity: 'info', data: { target: '`bookings`', line: '7' } },
      ],
    },
    {
      name: 'delete(instance, table, where) reads its third argument as the where: deleting by the keys of the row insert(...) wrote is a reversal (info), not every row',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.insert(null, 'room_kinds', { id: 'a5', title: 'Suites' });
  },
  async down(queryInterface, Sequelize) {
    const RoomKind = queryInterface.sequelize.define('RoomKind', { title: Sequelize.STRING }, { tableName: 'room_kinds' });
    await queryInterface.delete(RoomKind.build(), 'room_kinds', { title: 'Suites' });
  },
};`,
      errors: [{ messageId: 'reversal', line: 7, severity: 'info' }],
    },
    {
      name: "dropTable('') in down: the database refuses the empty name (measured), the rollback fails and the table up created stays (warning), not a drop of a table migralint cannot resolve",
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('lead_score_settings', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('');
  },
};`,
      errors: [{ messageId: 'emptyTableName', line: 6, severity: 'warning', data: { callee: 'queryInterface.dropTable' } }],
    },
    {
      name: 'a down removing the column its up adds to another table, from a table no migration gives that column (its columns unsure after a computed rename; a copy-paste slip): the rollback fails there (warning), not a drop of older data; a column the table had stays an error',
      files: {
        '20230101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('account', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, note: Sequelize.TEXT });
    await queryInterface.renameColumn('account', process.env.OLD_COLUMN, process.env.NEW_COLUMN);
    await queryInterface.createTable('salesforce_field_map', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20230203093256-add-opportunity-map.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('salesforce_field_map', 'opportunity_map', { type: Sequelize.JSON });
    await queryInterface.addColumn('salesforce_field_map', 'note', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('account', 'opportunity_map');
    await queryInterface.removeColumn('account', 'note');
  },
};`,
      },
      errors: [
        { messageId: 'columnOfOtherTable', line: 7, severity: 'warning', file: '20230203093256-add-opportunity-map.js', data: { column: 'opportunity_map', table: 'account', other: 'salesforce_field_map', line: '3' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', file: '20230203093256-add-opportunity-map.js' },
      ],
    },
    {
      name: 'a down that passes the column names where the table goes (`removeColumn(\'avatar\', \'country\', \'region\')` after up adds all three to users): a table no migration knows, the rollback fails there (warning), no data lost (hold-out 69)',
      files: {
        '20240101000000-create-users.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20240422000000-add-profile.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'avatar', { type: Sequelize.STRING });
    await queryInterface.addColumn('users', 'country', { type: Sequelize.STRING });
    await queryInterface.addColumn('users', 'region', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('avatar', 'country', 'region');
  },
};`,
      },
      errors: [{ messageId: 'columnOfOtherTable', line: 8, severity: 'warning', file: '20240422000000-add-profile.js', data: { column: 'country', table: 'avatar', other: 'users', fails: 'table does not exist' } }],
    },
    {
      name: 'dropAllTables',
      files: `exports.up = async () => {};
exports.down = async (queryInterface) => queryInterface.dropAllTables();`,
      errors: [{ messageId: 'dropEverything', line: 2, column: 42 }],
    },
    ...[
      { name: 'the first migration creates the tables and its down drops every table: reached last, it drops its own and what the migrations did not make (warning)', first: true, project: {}, messageId: 'dropEverythingFirst', severity: 'warning' },
      { name: 'the same down in a later migration: it drops the earlier migrations\u2019 tables and their rows (error)', first: false, project: {}, messageId: 'dropEverything', severity: 'error' },
      { name: 'the first migration in a project whose start builds tables with sync(): those go too (error)', first: true, project: { schemaSync: { script: 'start', evidence: 'server.js:3', development: false } }, messageId: 'dropEverything', severity: 'error' },
    ].map(({ name, first, project, messageId, severity }) => ({
      name: `dropAllTables: ${name}`,
      project,
      files: {
        ...(first ? {} : { '20160101000000-create-tags.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true } }); }, async down(queryInterface) { await queryInterface.dropTable('tags'); } };` }),
        '20160116183938-initial.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('writers', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('articles', { id: { type: Sequelize.INTEGER, primaryKey: true }, writerId: { type: Sequelize.INTEGER, references: { model: 'writers', key: 'id' } } });
  },
  async down(queryInterface) {
    await queryInterface.dropAllTables();
  },
};`,
      },
      errors: [
        ...(first ? [] : [{ messageId: 'reversal', line: 1, severity: 'info', file: '20160101000000-create-tags.js' }]),
        { messageId, line: 7, severity, file: '20160116183938-initial.js', ...(first && severity === 'warning' ? { data: { tables: '2 tables (`writers`, `articles`)' } } : {}) },
      ],
    })),
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


/** sequelize-cli's generated models index: every file of its folder, loaded with `readdirSync`. */
const READDIR_LOADER = "const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = {};\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; });\nmodule.exports = db;\n";

describe('no-destructive-down: a rollback that empties a table its up seeded, by whether the application writes that table', () => {
  const files = (app: string) => ({
    'package.json': JSON.stringify({ name: 'vet', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'models/index.js': READDIR_LOADER,
    'models/license.js': "module.exports = (sequelize, DataTypes) => sequelize.define('License', { name: DataTypes.STRING }, { tableName: 'licenses' });\n",
    'src/routes.js': app,
    'migrations/20240101000000-create-licenses.js': "module.exports = { async up(qi, S) { await qi.createTable('licenses', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING, createdAt: S.DATE, updatedAt: S.DATE }); }, async down(qi) { await qi.dropTable('licenses'); } };\n",
    'migrations/20240102000000-seed-licenses.js': "module.exports = {\n  async up(qi) {\n    await qi.bulkInsert('licenses', [{ id: 1, name: 'CC0', createdAt: new Date(), updatedAt: new Date() }]);\n  },\n  async down(qi) {\n    await qi.bulkDelete('licenses', null);\n  },\n};\n",
  });
  it.each([
    { name: 'the application only reads it (License.findAll): what the migrations and seeders wrote goes, info', app: "const { License } = require('../models');\nmodule.exports = async () => License.findAll();\n", messageId: 'unseedsOnlySeeded', severity: 'info' },
    { name: 'the application creates rows there (License.create): rows users wrote go too, a warning', app: "const { License } = require('../models');\nmodule.exports = async (name) => License.create({ name });\n", messageId: 'unseedsAll', severity: 'warning' },
    { name: 'the application inserts rows there in SQL: a warning', app: "const { sequelize } = require('../models');\nmodule.exports = async (name) => sequelize.query('INSERT INTO licenses (name) VALUES (?)', { replacements: [name] });\n", messageId: 'unseedsAll', severity: 'warning' },
  ])('$name', async ({ app, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(app)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down' && f.file.endsWith('seed-licenses.js'));
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});

describe('no-destructive-down: an un-seed of a table no migration creates (sync() makes it), by who writes it (hold-out 101)', () => {
  const files = (app: Record<string, string>, before: string | null) => ({
    'package.json': JSON.stringify({ name: 'gifts', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'models/index.js': READDIR_LOADER,
    'models/gift.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Gift', { day: DataTypes.INTEGER }, { tableName: 'daily_gifts' });\n",
    ...app,
    ...(before ? { 'migrations/20250131000012-first-gift.js': before } : {}),
    'migrations/20250131000013-seed-gifts.js': "module.exports = {\n  async up(qi) {\n    await qi.bulkInsert('daily_gifts', [1, 2, 3].map((day) => ({ day })));\n  },\n  async down(qi) {\n    await qi.bulkDelete('daily_gifts', null, {});\n  },\n};\n",
  });
  const READS = { 'src/routes.js': "const { Gift } = require('../models');\nmodule.exports = async () => Gift.findAll();\n" };
  const RESET = { 'src/resetAndSeed.js': "const { Gift } = require('./models');\nmodule.exports = async () => Gift.bulkCreate([{ day: 1 }]);\n" };
  it.each([
    { name: 'only read by the application: what seeding wrote goes (info)', app: READS, before: null, messageId: 'unseedsUnmade', severity: 'info' },
    { name: 'written only by a reset-and-seed script: the same (info)', app: { ...READS, ...RESET }, before: null, messageId: 'unseedsUnmade', severity: 'info' },
    { name: 'created by the application: users\u2019 rows go (error)', app: { 'src/routes.js': "const { Gift } = require('../models');\nmodule.exports = async (day) => Gift.create({ day });\n" }, before: null, messageId: 'deleteAllRows', severity: 'error' },
    { name: 'an earlier migration inserted rows: those go too (error)', app: READS, before: "module.exports = { async up(qi) { await qi.bulkInsert('daily_gifts', [{ day: 0 }]); }, async down() {} };\n", messageId: 'deleteAllRows', severity: 'error' },
  ])('$name', async ({ app, before, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(app, before)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down' && f.file.endsWith('seed-gifts.js'));
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});

describe('no-destructive-down: an un-seed of a table an older migration created and nothing wrote until the seed (hold-out 88)', () => {
  const files = (app: string, between: string | null) => ({
    'package.json': JSON.stringify({ name: 'trees', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'models/index.js': READDIR_LOADER,
    'models/species.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Species', { name: DataTypes.STRING }, { tableName: 'Species' });\n",
    'src/routes.js': app,
    'migrations/20210219022043-create-species.js': "module.exports = { async up(qi, S) { await qi.createTable('Species', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING }); }, async down(qi) { await qi.dropTable('Species'); } };\n",
    'migrations/20210303230151-add-common-name.js': between ?? "module.exports = { async up(qi, S) { await qi.addColumn('Species', 'commonName', S.STRING); }, async down(qi) { await qi.removeColumn('Species', 'commonName'); } };\n",
    'migrations/20210311224426-add-species-data.js': "module.exports = {\n  async up(qi) {\n    for (const file of ['./birds.json', './primates.json']) await qi.bulkInsert('Species', require(file));\n  },\n  async down(qi) {\n    await qi.bulkDelete('Species', {});\n  },\n};\n",
  });
  const READS = "const { Species } = require('../models');\nmodule.exports = async () => Species.findAll();\n";
  it.each([
    { name: 'three weeks later, the application only reads it, no migration wrote it before: the seed is all it held (info)', app: READS, between: null, messageId: 'unseedsOnlySeeded', severity: 'info' },
    { name: 'a migration in between inserted rows: those go too (error)', app: READS, between: "module.exports = { async up(qi) { await qi.bulkInsert('Species', [{ id: 99, name: 'x' }]); }, async down() {} };\n", messageId: 'deleteAllRows', severity: 'error' },
    { name: 'the application creates rows there: users\' rows from before the seed go (error)', app: "const { Species } = require('../models');\nmodule.exports = async (name) => Species.create({ name });\n", between: null, messageId: 'deleteAllRows', severity: 'error' },
  ])('$name', async ({ app, between, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(app, between)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down' && f.file.endsWith('add-species-data.js'));
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});

describe('no-destructive-down: the same un-seed where the migrations folder has another name (src/mysql_migrations): the seeding migration is not the application writing the table (hold-out 76)', () => {
  const files = (app: string) => ({
    'package.json': JSON.stringify({ name: 'social', dependencies: { sequelize: '^6.0.0', mysql2: '^3.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('src', 'mysql_migrations'), 'models-path': path.resolve('src', 'mysql_models') };\n",
    'src/mysql_models/index.js': READDIR_LOADER,
    'src/mysql_models/event_types.js': "module.exports = (sequelize, DataTypes) => sequelize.define('event_types', { name: DataTypes.STRING });\n",
    'src/models/event.js': app,
    'src/mysql_migrations/20240101000000-create-event-types.js': "module.exports = { async up(qi, S) { await qi.createTable('event_types', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING, createdAt: S.DATE, updatedAt: S.DATE }); }, async down(qi) { await qi.dropTable('event_types'); } };\n",
    'src/mysql_migrations/20240102000000-insert-event-types.js': "module.exports = {\n  async up(qi) {\n    await qi.bulkInsert('event_types', [{ id: 1, name: 'like', createdAt: new Date(), updatedAt: new Date() }]);\n  },\n  async down(qi) {\n    await qi.bulkDelete('event_types', null);\n  },\n};\n",
  });
  it.each([
    { name: 'the application only reads it: info', app: "const db = require('../mysql_models');\nmodule.exports = async () => db.event_types.findAll();\n", messageId: 'unseedsOnlySeeded', severity: 'info' },
    { name: 'the application creates rows there: a warning', app: "const db = require('../mysql_models');\nmodule.exports = async (name) => db.event_types.create({ name });\n", messageId: 'unseedsAll', severity: 'warning' },
  ])('$name', async ({ app, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(app)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down' && f.file.endsWith('insert-event-types.js'));
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});

describe('no-destructive-down: a rollback that empties a table its up seeded, where no model maps that table (hold-out 70)', () => {
  const files = (app: string) => ({
    'package.json': JSON.stringify({ name: 'hostel', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'models/index.js': "const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = { sequelize };\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; });\nmodule.exports = db;\n",
    'models/guest.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Guest', { name: DataTypes.STRING }, { tableName: 'guests' });\n",
    'src/rooms.js': app,
    'migrations/20240101000000-create-rooms.js': "module.exports = { async up(qi, S) { await qi.createTable('rooms', { id: { type: S.INTEGER, primaryKey: true }, label: S.STRING }); }, async down(qi) { await qi.dropTable('rooms'); } };\n",
    'migrations/20240102000000-seed-rooms.js': "module.exports = {\n  async up(qi) {\n    await qi.bulkInsert('rooms', [{ id: 1, label: 'A1' }, { id: 2, label: 'A2' }]);\n  },\n  async down(qi) {\n    await qi.bulkDelete('rooms', null);\n  },\n};\n",
  });
  it.each([
    { name: 'the application only reads it in SQL: what the migrations wrote goes, info', app: "const { sequelize } = require('../models');\nmodule.exports = () => sequelize.query('SELECT id, label FROM rooms');\n", messageId: 'unseedsOnlySeeded', severity: 'info' },
    { name: 'the application inserts rows there in SQL: a warning', app: "const { sequelize } = require('../models');\nmodule.exports = (label) => sequelize.query('INSERT INTO rooms (label) VALUES (?)', { replacements: [label] });\n", messageId: 'unseedsAll', severity: 'warning' },
    { name: 'a query builder inserts there (`knex(\'rooms\').insert`): a warning', app: "const knex = require('knex')({ client: 'pg' });\nmodule.exports = (label) => knex('rooms').insert({ label });\n", messageId: 'unseedsAll', severity: 'warning' },
  ])('$name', async ({ app, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(app)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down' && f.file.endsWith('seed-rooms.js'));
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});

// Hold-out 85: the table is created by raw SQL sent through the models' own connection (`db.sequelize.query`).
describe('no-destructive-down: a migration that sends its SQL through the connection of the models it requires (db.sequelize.query)', () => {
  const files = (index: string, up: string) => ({
    'package.json': JSON.stringify({ name: 'search', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'models/index.js': index,
    'models/nonprofit.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Nonprofit', { name: DataTypes.STRING }, { tableName: 'nonprofits' });\n",
    'migrations/20180419000000-create-search-vectors.js': `'use strict';
const db = require('../models');
const sequelize = db.sequelize;
module.exports = {
  up: () => ${up},
  down: (queryInterface) => queryInterface.dropTable('search_vectors'),
};
`,
  });
  const loaderWith = (connection: string) => READDIR_LOADER.replace('const db = {};', `const db = {};\ndb.sequelize = ${connection};`);
  const LET_LOADER = (otherArm: string) =>
    READDIR_LOADER.replace(
      'const sequelize = new Sequelize(process.env.DATABASE_URL);',
      `const config = require('../config/config.json')[process.env.NODE_ENV || 'development'];\nlet sequelize;\nif (config.use_env_variable) {\n  sequelize = new Sequelize(process.env[config.use_env_variable], config);\n} else {\n  sequelize = ${otherArm};\n}`,
    ).replace('module.exports = db;', 'db.sequelize = sequelize;\nmodule.exports = db;');
  it.each([
    { name: 'the generated index (new Sequelize(...)): the CREATE TABLE is this migration\'s, so the drop is a reversal (info)', index: READDIR_LOADER.replace('module.exports = db;', 'db.sequelize = sequelize;\nmodule.exports = db;'), up: "sequelize.query('CREATE TABLE IF NOT EXISTS search_vectors (ein integer NOT NULL UNIQUE, doc tsvector NOT NULL)').then(() => sequelize.query('CREATE EXTENSION IF NOT EXISTS pg_trgm'))", messageId: 'reversal', severity: 'info' },
    { name: 'the connection exported as a property set at the end: the same', index: loaderWith('sequelize'), up: "sequelize.query('CREATE TABLE search_vectors (ein integer)')", messageId: 'reversal', severity: 'info' },
    { name: 'something else under that name (a client of another service): the SQL is not read, the drop stays an error', index: loaderWith("require('./search-client')"), up: "sequelize.query('CREATE TABLE search_vectors (ein integer)')", messageId: 'dropTable', severity: 'error' },
    // Hold-out 88: the generated index of older sequelize-cli versions, `let sequelize;` then an instance in each arm.
    { name: 'the index that declares `let sequelize;` and gives it a `new Sequelize(...)` in each arm of an if: the instance, whichever arm runs (info)', index: LET_LOADER('new Sequelize(config.database, config.username, config.password, config)'), up: "sequelize.query('CREATE TABLE search_vectors (ein integer)')", messageId: 'reversal', severity: 'info' },
    { name: 'the same `let` given something else in one arm: not known to be the instance, the drop stays an error', index: LET_LOADER("require('./search-client')"), up: "sequelize.query('CREATE TABLE search_vectors (ein integer)')", messageId: 'dropTable', severity: 'error' },
  ])('$name', async ({ index, up, messageId, severity }) => {
    const result = await analyzeProject(tempProject(files(index, up)));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down');
    expect(found.map((f) => [f.messageId, f.severity, f.line])).toEqual([[messageId, severity, 6]]);
  });
});
