import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `users` created with a nullable `email` and a NOT NULL `name`, then a later migration whose `up` runs `change`. */
const later = (change: string) =>
  setupThen(
    "await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: { type: Sequelize.STRING }, name: { type: Sequelize.STRING, allowNull: false } });",
    change,
  );

const query = (sql: string) => `await queryInterface.sequelize.query('${sql}');`;
const emailNotNull = "await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING, allowNull: false });";
const rawEmailNotNull = query('ALTER TABLE users ALTER COLUMN email SET NOT NULL');
/** `addConstraint` with `type: 'check'` and the given where on `users.email`. */
const builderCheck = (where: string, fields = "['email']") => `await queryInterface.addConstraint('users', { type: 'check', fields: ${fields}, where: ${where} });`;
/** The spellings Sequelize sends as `"email" IS NOT NULL` or `NOT ("email" IS NULL)` (test/semantics/builder-check-not-null.test.ts). */
const builderChecks: [string, string][] = [
  ['Sequelize.Op.ne', '{ email: { [Sequelize.Op.ne]: null } }'],
  ['Op.ne from the sequelize module', "{ email: { [require('sequelize').Op.ne]: null } }"],
  ['Op.not: null', '{ email: { [Sequelize.Op.not]: null } }'],
  ['[Op.not]: { email: null }', '{ [Sequelize.Op.not]: { email: null } }'],
  ['one conjunct of several', '{ id: { [Sequelize.Op.gt]: 0 }, email: { [Sequelize.Op.ne]: null } }'],
];
/** What the message adds when a validated CHECK precedes changeColumn. */
const CHECK_RECHECKED =
  ' (the validated CHECK spares only a raw `SET NOT NULL`: changeColumn also sends `ALTER COLUMN ... TYPE`, which checks every CHECK on the column again)';

ruleTests('require-check-before-set-not-null', {
  valid: [
    {
      name: 'a column added, backfilled and made NOT NULL in one transaction: the table is locked since the addColumn, the scan adds no wait',
      files: later(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'plan', { type: Sequelize.STRING }, { transaction });
      await queryInterface.sequelize.query("UPDATE users SET plan = 'free'", { transaction });
      await queryInterface.changeColumn('users', 'plan', { type: Sequelize.STRING, allowNull: false }, { transaction });
    });`),
    },
    { name: 'a NOT NULL column restated as NOT NULL (nothing to check)', files: later("await queryInterface.changeColumn('users', 'name', { type: Sequelize.TEXT, allowNull: false });") },
    { name: 'raw SQL on a column that is NOT NULL already', files: later(query('ALTER TABLE users ALTER COLUMN name SET NOT NULL')) },
    { name: 'a nullable change', files: later("await queryInterface.changeColumn('users', 'email', { type: Sequelize.TEXT });") },
    {
      name: 'a CHECK (email IS NOT NULL) added NOT VALID and validated first',
      files: later(
        [
          query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID'),
          query('ALTER TABLE users VALIDATE CONSTRAINT users_email_nn'),
          query('ALTER TABLE users ALTER COLUMN email SET NOT NULL'),
          query('ALTER TABLE users DROP CONSTRAINT users_email_nn'),
        ].join('\n    '),
      ),
    },
    {
      name: 'the CHECK validated by an earlier migration',
      files: {
        ...later(query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID')),
        '20240301000000-validate.js': `module.exports = { async up(queryInterface) { ${query('ALTER TABLE users VALIDATE CONSTRAINT users_email_nn')} } };`,
        '20240401000000-not-null.js': `module.exports = { async up(queryInterface) { ${rawEmailNotNull} } };`,
      },
    },
    ...builderChecks.map(([spelling, where]) => ({
      name: `a CHECK added with the builder (${spelling}), then a raw SET NOT NULL`,
      files: later([builderCheck(where), rawEmailNotNull].join('\n    ')),
    })),
    {
      name: 'one of two CHECKs dropped, another constraint dropped, before SET NOT NULL: the other still proves it',
      files: later(
        [
          builderCheck('{ email: { [Sequelize.Op.ne]: null } }'),
          query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL)'),
          "await queryInterface.removeConstraint('users', 'users_email_ck');",
          "await queryInterface.removeConstraint('users', 'users_name_key');",
          rawEmailNotNull,
        ].join('\n    '),
      ),
    },
    {
      name: 'the builder CHECK added by an earlier migration',
      files: {
        ...later(builderCheck('{ email: { [Sequelize.Op.ne]: null } }')),
        '20240401000000-not-null.js': `module.exports = { async up(queryInterface) { ${rawEmailNotNull} } };`,
      },
    },
    {
      name: 'with references, Sequelize sends only ADD FOREIGN KEY',
      files: later("await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING, allowNull: false, references: { model: 'emails', key: 'address' } });"),
    },
    {
      name: 'a table created in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: { type: Sequelize.STRING } });
    ${emailNotNull}
  },
};`,
    },
    { name: 'a table created by an unreleased migration (--changed-since)', files: later(emailNotNull), project: { baseMigrations: { ref: 'main', names: [] } } },
    { name: 'a MySQL project', files: later(emailNotNull), project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } } },
  ],
  invalid: [
    {
      name: 'one statement repeated over tables by a loop is one finding; added outside a transaction the column is scanned under a lock of its own',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of ['orders', 'invoices', 'refunds']) await queryInterface.createTable(table, { id: { type: Sequelize.INTEGER, primaryKey: true }, ref: { type: Sequelize.STRING } });
  },
};`,
        '20240201000000-refs-required.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of ['orders', 'invoices', 'refunds']) {
      await queryInterface.changeColumn(table, 'ref', { type: Sequelize.STRING, allowNull: false });
    }
    await queryInterface.addColumn('orders', 'plan', { type: Sequelize.STRING });
    await queryInterface.sequelize.query("UPDATE orders SET plan = 'free'");
    await queryInterface.changeColumn('orders', 'plan', { type: Sequelize.STRING, allowNull: false });
  },
};`,
      },
      errors: [
        { messageId: 'setNotNullScan', line: 4, data: { target: '`orders.ref`' } },
        { messageId: 'setNotNullScan', line: 8, data: { target: '`orders.plan`' } },
      ],
    },
    {
      name: 'changeColumn allowNull: false on a nullable column',
      files: later(emailNotNull),
      errors: [{ messageId: 'setNotNullScan', line: 3, column: 11, severity: 'warning', data: { op: 'changeColumn', target: '`users.email`', table: 'users', why: '' } }],
    },
    {
      name: 'raw SQL SET NOT NULL',
      files: later(query('ALTER TABLE users ALTER COLUMN email SET NOT NULL')),
      errors: [{ messageId: 'setNotNullScan', line: 3, data: { op: 'SET NOT NULL', target: '`users.email`' } }],
    },
    {
      name: 'raw SQL on a table no migration creates',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface) { ${query('ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL')} } };` },
      errors: [{ messageId: 'setNotNullScan', line: 1, data: { target: '`accounts.owner_id`' } }],
    },
    {
      name: 'added nullable, backfilled, then made NOT NULL in one migration: the existing table is scanned',
      files: later(
        [
          "await queryInterface.addColumn('users', 'locale', { type: Sequelize.STRING });",
          "await queryInterface.bulkUpdate('users', { locale: 'en' }, {});",
          "await queryInterface.changeColumn('users', 'locale', { type: Sequelize.STRING, allowNull: false });",
        ].join('\n    '),
      ),
      errors: [{ messageId: 'setNotNullScan', line: 5, data: { target: '`users.locale`' } }],
    },
    {
      name: 'a CHECK added NOT VALID but never validated',
      files: later([query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID'), emailNotNull].join('\n    ')),
      errors: [{ messageId: 'setNotNullScan', line: 4 }],
    },
    {
      name: 'a builder CHECK, then changeColumn: its ALTER COLUMN ... TYPE checks the CHECK on every row again',
      files: later([builderCheck('{ email: { [Sequelize.Op.ne]: null } }'), emailNotNull].join('\n    ')),
      errors: [{ messageId: 'setNotNullScan', line: 4, data: { op: 'changeColumn', why: CHECK_RECHECKED } }],
    },
    {
      name: 'a raw CHECK validated by an earlier migration, then changeColumn',
      files: {
        ...later(query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL)')),
        '20240401000000-not-null.js': `module.exports = { async up(queryInterface, Sequelize) { ${emailNotNull} } };`,
      },
      errors: [{ file: '20240401000000-not-null.js', messageId: 'setNotNullScan', line: 1, data: { why: CHECK_RECHECKED } }],
    },
    {
      name: 'a builder CHECK on another column',
      files: later([builderCheck('{ name: { [Sequelize.Op.ne]: null } }', "['name']"), rawEmailNotNull].join('\n    ')),
      errors: [{ messageId: 'setNotNullScan', line: 4, data: { why: '' } }],
    },
    {
      name: 'a builder CHECK that proves something else (IS NULL, a string operator Sequelize refuses, an OR)',
      files: later(
        [
          builderCheck('{ email: null }'),
          builderCheck("{ email: { ne: null } }"),
          builderCheck('{ [Sequelize.Op.or]: [{ email: { [Sequelize.Op.ne]: null } }, { id: 1 }] }'),
          builderCheck('{ [Sequelize.Op.not]: { email: null, id: 1 } }'),
          rawEmailNotNull,
        ].join('\n    '),
      ),
      errors: [{ messageId: 'setNotNullScan', line: 7, data: { why: '' } }],
    },
    {
      name: 'the CHECK dropped before SET NOT NULL (by its default name, builder or raw, or by the name it was given)',
      files: later(
        [
          builderCheck('{ email: { [Sequelize.Op.ne]: null } }'),
          query('ALTER TABLE users ADD CHECK (email IS NOT NULL)'),
          query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID'),
          query('ALTER TABLE users VALIDATE CONSTRAINT users_email_nn'),
          "await queryInterface.removeConstraint('users', 'users_email_ck');",
          query('ALTER TABLE users DROP CONSTRAINT users_email_check'),
          "await queryInterface.removeConstraint('users', 'users_email_nn');",
          rawEmailNotNull,
        ].join('\n    '),
      ),
      errors: [{ messageId: 'setNotNullScan', line: 10, data: { why: '' } }],
    },
    {
      name: 'a builder CHECK before PostgreSQL 12',
      files: later([builderCheck('{ email: { [Sequelize.Op.ne]: null } }'), rawEmailNotNull].join('\n    ')),
      options: { postgresVersion: 11 },
      errors: [{ messageId: 'setNotNullScan', line: 4, data: { why: ' (the validated CHECK does not spare the scan before PostgreSQL 12; postgresVersion is 11)' } }],
    },
    {
      name: 'a validated CHECK before PostgreSQL 12',
      files: later([query('ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL)'), rawEmailNotNull].join('\n    ')),
      options: { postgresVersion: 11 },
      errors: [{ messageId: 'setNotNullScan', line: 4, data: { why: ' (the validated CHECK does not spare the scan before PostgreSQL 12; postgresVersion is 11)' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'changeColumn on a table no migration creates (the column may be NOT NULL already)',
      why: 'the builder restates allowNull: false on every change of a NOT NULL column; without the replayed column the call does not say whether it changes anything',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface, Sequelize) { ${emailNotNull} } };` },
    },
  ],
});
