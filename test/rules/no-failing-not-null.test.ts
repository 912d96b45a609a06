import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { useTempProjects } from '../helpers/temp-project';
import { ruleTests } from './rule-tester';

const createUsers = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};`;

const createTeams = createUsers.replace(/users/g, 'teams');

/** A later migration (not the next one: users has been in production a while) that adds `attributes` to `users`. */
function addToUsers(attributes: string, opts: { next?: boolean } = {}): Record<string, string> {
  return {
    '20240101000000-create-users.js': createUsers,
    ...(opts.next ? {} : { '20240115000000-create-teams.js': createTeams }),
    '20240201000000-add-role.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'role', ${attributes});
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'role');
  },
};`,
  };
}

/**
 * `users` (in production a while), `password` added to it nullable without a default, then made NOT NULL by a
 * migration `when` (with `between`, another migration's `up` body, in the middle).
 */
function passwordMadeNotNull(when: string, between: string | null = null): Record<string, string> {
  return {
    '20240101000000-create-users.js': createUsers,
    '20240115000000-create-teams.js': createTeams,
    '20240201000000-add-password.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'password', { type: Sequelize.STRING });
  },
  async down() {},
};`,
    ...(between ? { '20240201100000-between.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n${between}\n  },\n  async down() {},\n};` } : {}),
    [`${when}-password-not-null.js`]: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'password', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
  };
}

ruleTests('no-failing-not-null', {
  valid: [
    {
      name: 'NOT NULL on a column added without a default, after a migration filled it (an UPDATE of the table): nothing',
      files: passwordMadeNotNull('20240202000000', "    await queryInterface.sequelize.query(\"UPDATE users SET password = '!' WHERE password IS NULL\");"),
    },
    {
      name: 'NOT NULL on a column added with a default: nothing',
      files: { ...passwordMadeNotNull('20240202000000'), '20240201000000-add-password.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.addColumn('users', 'password', { type: Sequelize.STRING, defaultValue: '!' }); }, async down() {} };` },
    },
    { name: 'a nullable column', files: addToUsers(`{ type: Sequelize.STRING }`) },
    { name: 'NOT NULL with a default', files: addToUsers(`{ type: Sequelize.STRING, allowNull: false, defaultValue: 'member' }`) },
    { name: 'NOT NULL with a function default', files: addToUsers(`{ type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.fn('now') }`) },
    { name: 'an autoIncrement column fills every row (SERIAL)', files: addToUsers(`{ type: Sequelize.INTEGER, allowNull: false, autoIncrement: true }`) },
    { name: 'a spread may bring the default', files: addToUsers(`{ ...base, allowNull: false }`) },
    {
      name: 'a table the same migration creates has no rows',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.addColumn('teams', 'name', { type: Sequelize.STRING, allowNull: false });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('teams');
  },
};`,
    },
    {
      name: 'the migration deletes every row first',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.bulkDelete('share_subscriptions', {});
    await queryInterface.addColumn('share_subscriptions', 'documentId', { type: Sequelize.UUID, allowNull: false });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('share_subscriptions', 'documentId');
  },
};`,
    },
    {
      name: 'raw SQL NOT NULL with a DEFAULT',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member'");
  },
  async down() {},
};`,
    },
    {
      name: 'a table created earlier in the unreleased change set (--changed-since)',
      files: addToUsers(`{ type: Sequelize.STRING, allowNull: false }`),
      project: { baseMigrations: { ref: 'main', names: [] } },
    },
    {
      name: 'a column an earlier migration already added, added again NOT NULL: the add fails with "already exists" before any row is checked (no-duplicate-create-table reports it)',
      files: {
        '20230101000000-create-results.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('quiz_results', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true } });
  },
  async down() {},
};`,
        '20230126000000-add-option.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('quiz_results', 'option_id', { type: Sequelize.INTEGER });
  },
  async down() {},
};`,
        '20230202000000-add-option-again.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('quiz_results', 'option_id', { type: Sequelize.INTEGER, allowNull: false });
  },
  async down() {},
};`,
      },
    },
    {
      name: 'a MySQL project (MySQL fills an implicit default)',
      files: addToUsers(`{ type: Sequelize.STRING, allowNull: false }`),
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
    },
  ],
  invalid: [
    {
      name: "a NOT NULL column whose foreign key says onDelete (or onUpdate) 'SET NULL': PostgreSQL takes the key, deleting a referenced parent then fails (info: latent, then loud); a nullable one, or CASCADE, is fine",
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('couriers', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('deliveries', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      courier_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'couriers', key: 'id' }, onDelete: 'SET NULL' },
      backup_id: { type: Sequelize.INTEGER, allowNull: true, references: { model: 'couriers', key: 'id' }, onDelete: 'SET NULL' },
      hub_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'couriers', key: 'id' }, onDelete: 'CASCADE' },
    });
    await queryInterface.addColumn('deliveries', 'checker_id', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 1, references: { model: 'couriers', key: 'id' }, onUpdate: 'set null' });
  },
  async down() {},
};`,
      errors: [
        { messageId: 'setNullOnNotNull', line: 4, severity: 'info', data: { target: '`deliveries.courier_id`', action: 'onDelete', parent: 'couriers', verb: 'delete' } },
        { messageId: 'setNullOnNotNull', line: 10, severity: 'info', data: { target: '`deliveries.checker_id`', action: 'onUpdate', verb: 'key change' } },
      ],
    },
    {
      name: "the same on MySQL: the server refuses the key (measured on MariaDB), so the migration fails (error)",
      project: { dialect: { dialects: ['mariadb'], source: 'config/config.json:3' } },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('couriers', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('deliveries', { id: { type: Sequelize.INTEGER, primaryKey: true }, courier_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'couriers', key: 'id' }, onDelete: 'SET NULL' } });
  },
  async down() {},
};`,
      errors: [{ messageId: 'setNullOnNotNullRefused', line: 4, severity: 'error', data: { target: '`deliveries.courier_id`', server: 'MariaDB' } }],
    },
    {
      name: 'NOT NULL on a column the migration before added without a default to an older table, nothing filling it: the rows older than the column hold NULL (info: whether there are such rows is history)',
      files: passwordMadeNotNull('20240202000000'),
      errors: [{ messageId: 'notNullOnNullColumn', line: 3, severity: 'info', file: '20240202000000-password-not-null.js', data: { target: '`users.password`', adder: '`20240201000000-add-password.js` (line 3)', creator: 'created by `20240101000000-create-users.js`', since: '' } }],
    },
    {
      name: 'the same, months later: something outside the migrations may have filled it since (info, saying so)',
      files: passwordMadeNotNull('20240901000000'),
      errors: [{ messageId: 'notNullOnNullColumn', line: 3, severity: 'info', file: '20240901000000-password-not-null.js', data: { since: ' unless something outside the migrations (a script, the application) filled it since' } }],
    },
    {
      name: 'two NOT NULL columns added to one table by one migration: one finding naming both (the second runs only where the first passed, on an empty table); a row written between them, or another table, keeps its own',
      files: {
        ...addToUsers(`{ type: Sequelize.STRING, allowNull: false }`),
        '20240301000000-add-address.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'condition', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.addColumn('users', 'postcode', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.addColumn('teams', 'city', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.bulkInsert('users', [{ id: 1, role: 'x', condition: 'new', postcode: '00100' }]);
    await queryInterface.addColumn('users', 'country', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notNullWithoutDefault', line: 3, severity: 'error', file: '20240201000000-add-role.js' },
        { messageId: 'notNullWithoutDefault', line: 3, severity: 'error', file: '20240301000000-add-address.js', data: { target: '`users.condition`, `users.postcode`' } },
        { messageId: 'notNullWithoutDefault', line: 5, severity: 'error', file: '20240301000000-add-address.js', data: { target: '`teams.city`' } },
        { messageId: 'notNullWithoutDefault', line: 7, severity: 'error', file: '20240301000000-add-address.js', data: { target: '`users.country`' } },
      ],
    },
    {
      name: 'NOT NULL with defaultValue: Sequelize.UUIDV4, which Sequelize never writes as a column DEFAULT (measured): the existing rows get NULL all the same',
      files: addToUsers(`{ type: Sequelize.UUID, allowNull: false, defaultValue: Sequelize.UUIDV4 }`),
      // The message says why the default written there is none (hold-out 65: a reader sees `defaultValue: Sequelize.NOW`).
      errors: [{ messageId: 'notNullWithoutDefault', line: 3, severity: 'error', data: { jsDefault: " (its `defaultValue: Sequelize.UUIDV4` is filled in by Sequelize on the model's own inserts, never sent as a column DEFAULT)" } }],
    },
    {
      // Hold-out 65: `addColumnIfNotExists(name, def)` called once per column: seven errors at one line.
      name: 'a helper that adds a column if it is missing, called once per column: one finding at its call, naming the columns, and which of them only seem to have a default',
      files: {
        '20240101000000-create-users.js': createUsers,
        '20240115000000-create-teams.js': createTeams,
        '20240301000000-add-missing.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const columns = await queryInterface.describeTable('users');
    const addIfMissing = async (name, definition) => {
      if (!columns[name]) await queryInterface.addColumn('users', name, definition);
    };
    await addIfMissing('team_id', { type: Sequelize.INTEGER, allowNull: false });
    await addIfMissing('joined_at', { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.NOW });
  },
  async down() {},
};`,
      },
      errors: [
        {
          messageId: 'notNullWithoutDefault',
          line: 5,
          severity: 'error',
          data: { target: '`users.team_id`, `users.joined_at`', jsDefault: " (the default of `users.joined_at`, `defaultValue: Sequelize.NOW`, is filled in by Sequelize on the model's own inserts, never sent as a column DEFAULT)" },
        },
      ],
    },
    {
      name: 'NOT NULL without a default on a table an earlier migration creates',
      files: addToUsers(`{ type: Sequelize.STRING, allowNull: false }`),
      errors: [{ messageId: 'notNullWithoutDefault', line: 3, column: 11, severity: 'error', data: { op: 'addColumn', target: '`users.role`' } }],
    },
    {
      name: 'to a table the previous migration created: info (empty unless rows came between the two deploys)',
      files: addToUsers(`{ type: Sequelize.STRING, allowNull: false }`, { next: true }),
      errors: [{ messageId: 'notNullOnRecentTable', line: 3, severity: 'info', data: { creator: 'the previous migration (`20240101000000-create-users.js`)' } }],
    },
    {
      name: 'to a table a migration three places back created, its name dated a week earlier: shipped together (info)',
      files: {
        '20240101000000-create-users.js': createUsers,
        '20240103000000-create-teams.js': createTeams,
        '20240105000000-users-index.js': `module.exports = {
  async up(queryInterface) { await queryInterface.addIndex('users', ['id']); },
  async down() {},
};`,
        '20240108000000-add-role.js': addToUsers(`{ type: Sequelize.STRING, allowNull: false }`)['20240201000000-add-role.js']!,
      },
      errors: [{ messageId: 'notNullOnRecentTable', line: 3, severity: 'info', data: { creator: '`20240101000000-create-users.js` (7 days earlier, by the dates in their names)' } }],
    },
    {
      name: 'to a table created twelve migrations back the day before (a burst of migrations of one release): shipped together (info); sixteen back, no longer',
      files: {
        '20240101000000-create-users.js': createUsers,
        ...Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [
            `202401020000${String(i + 10)}-index-${i}.js`,
            `module.exports = {
  async up(queryInterface) { await queryInterface.addIndex('users', ['id'], { name: 'users_id_${i}' }); },
  async down() {},
};`,
          ]),
        ),
        '20240102000030-add-role.js': addToUsers(`{ type: Sequelize.STRING, allowNull: false }`)['20240201000000-add-role.js']!,
        '20240102000031-create-teams.js': createTeams,
        ...Object.fromEntries(
          Array.from({ length: 15 }, (_, i) => [
            `202401020000${String(i + 40)}-team-index-${i}.js`,
            `module.exports = {
  async up(queryInterface) { await queryInterface.addIndex('teams', ['id'], { name: 'teams_id_${i}' }); },
  async down() {},
};`,
          ]),
        ),
        '20240102000060-add-owner.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('teams', 'owner', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notNullOnRecentTable', line: 3, severity: 'info', file: '20240102000030-add-role.js', data: { creator: '`20240101000000-create-users.js` (1 day earlier, by the dates in their names)' } },
        { messageId: 'notNullWithoutDefault', line: 3, severity: 'error', file: '20240102000060-add-owner.js', data: { target: '`teams.owner`' } },
      ],
    },
    {
      name: 'shipped together, but a migration between them inserts rows, or this one does first: an error',
      files: {
        '20240101000000-create-users.js': createUsers,
        '20240103000000-seed-users.js': `module.exports = {
  async up(queryInterface) { await queryInterface.bulkInsert('users', [{ id: 1 }]); },
  async down() {},
};`,
        '20240105000000-add-role.js': addToUsers(`{ type: Sequelize.STRING, allowNull: false }`)['20240201000000-add-role.js']!,
        '20240106000000-create-teams.js': createTeams,
        '20240107000000-add-owner.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.bulkInsert('teams', [{ id: 1 }]);
    await queryInterface.addColumn('teams', 'owner', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notNullWithoutDefault', line: 3, severity: 'error', data: { target: '`users.role`' } },
        { messageId: 'notNullWithoutDefault', line: 4, severity: 'error', data: { target: '`teams.owner`' } },
      ],
    },
    {
      name: 'defaultValue: null is no default',
      files: addToUsers(`{ type: Sequelize.STRING, allowNull: false, defaultValue: null }`),
      errors: [{ messageId: 'notNullWithoutDefault', line: 3 }],
    },
    {
      name: 'a table no migration creates (created by sync or by hand)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('cq_directory_entry', 'active', { type: Sequelize.BOOLEAN, allowNull: false });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('cq_directory_entry', 'active');
  },
};`,
      errors: [{ messageId: 'notNullWithoutDefault', line: 3, data: { target: '`cq_directory_entry.active`' } }],
    },
    {
      name: 'raw SQL ADD COLUMN ... NOT NULL',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN role text NOT NULL');
  },
  async down() {},
};`,
      errors: [{ messageId: 'notNullWithoutDefault', line: 3, data: { op: 'ADD COLUMN', target: '`users.role`' } }],
    },
    {
      name: 'rows inserted after a delete: the table is not empty any more',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.bulkDelete('plans', null);
    await queryInterface.bulkInsert('plans', [{ id: 1 }]);
    await queryInterface.addColumn('plans', 'name', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notNullWithoutDefault', line: 5 }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a table created, then filled, in the same migration',
      why: 'a table the migration creates counts as empty, even after a bulkInsert into it',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('plans', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.bulkInsert('plans', [{ id: 1 }]);
    await queryInterface.addColumn('plans', 'name', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
    },
  ],
});

// Hold-out 84: the models build `Ledgers` (sync() at start); migrations add the model's columns only where missing.
describe('no-failing-not-null: an add guarded by a check that the column is missing, on a table the models build', () => {
  const project = useTempProjects('not-null-model-column');
  const files = (modelColumns: string, guard: boolean) => ({
    'package.json': JSON.stringify({ name: 'ledger', dependencies: { sequelize: '^6.37.0', pg: '^8.11.0' } }),
    'config/config.json': JSON.stringify({ production: { dialect: 'postgres' } }),
    'models/ledger.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Ledger', { name: DataTypes.STRING${modelColumns} }, { tableName: 'Ledgers' });\n`,
    'migrations/20250424000000-add-description.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const table = await queryInterface.describeTable('Ledgers');
    ${guard ? 'if (!table.description) ' : ''}await queryInterface.addColumn('Ledgers', 'description', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};
`,
  });
  beforeAll(async () => loadSqlParser());
  it.each([
    { name: 'the model declares the column: skipped wherever the models built the table (info)', model: ', description: { type: DataTypes.STRING, allowNull: false }', guard: true, expected: [['notNullOnModelColumn', 'info']] },
    { name: 'the model does not declare it: the usual error', model: '', guard: true, expected: [['notNullWithoutDefault', 'error']] },
    { name: 'no check guards the add: the usual error', model: ', description: { type: DataTypes.STRING, allowNull: false }', guard: false, expected: [['notNullWithoutDefault', 'error']] },
  ])('$name', async ({ model, guard, expected }) => {
    const { findings } = await analyzeProject(project(files(model, guard)));
    expect(findings.filter((f) => f.rule === 'no-failing-not-null').map((f) => [f.messageId, f.severity])).toEqual(expected);
  });
});
