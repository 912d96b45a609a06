import { ruleTests } from './rule-tester';

ruleTests('no-destructive-up', {
  valid: [
    {
      name: 'additive migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['email'], { unique: true });
  },
  async down() {},
};`,
    },
    {
      name: 'dropping a table the same migration created a moment earlier (copy-and-swap scratch table)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tmp_user_ids', { id: { type: Sequelize.INTEGER } });
    await queryInterface.sequelize.query('INSERT INTO tmp_user_ids SELECT id FROM users WHERE deleted_at IS NULL');
    await queryInterface.dropTable('tmp_user_ids');
  },
  async down() {},
};`,
    },
    {
      name: 'backfilling a column added by the same migration (UPDATE without WHERE)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'display_name', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE users SET display_name = first_name || \\' \\' || last_name');
    await queryInterface.bulkUpdate('users', { display_name: 'anonymous' }, { display_name: null });
  },
  async down() {},
};`,
    },
    {
      name: 'removing a column added earlier in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'tmp_total', { type: Sequelize.INTEGER });
    await queryInterface.removeColumn('orders', 'tmp_total');
  },
  async down() {},
};`,
    },
    {
      name: 'filling only the NULLs of an existing column overwrites nothing',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`UPDATE "users" SET "locale" = 'en' WHERE "locale" IS NULL\`);
    await queryInterface.bulkUpdate('users', { plan: 'free' }, { plan: null });
  },
  async down() {},
};`,
    },
    {
      name: 'row-filtered changes when the option turns them off',
      options: { reportRowFilteredChanges: false },
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('sessions', { expired: true });
    await queryInterface.sequelize.query("UPDATE users SET role = 'member' WHERE role = 'guest'");
  },
  async down() {},
};`,
    },
    {
      name: 'destructive down is not this rule’s business',
      files: `module.exports = { async up() {}, async down(qi) { await qi.dropTable('users'); } };`,
    },
  ],
  invalid: [
    {
      name: 'dropTable and removeColumn of existing data',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('legacy_sessions');
    await queryInterface.removeColumn('users', 'legacy_flag');
  },
  async down() {},
};`,
      errors: [
        { messageId: 'dropTable', line: 3, column: 11, severity: 'error', data: { target: '`legacy_sessions`' } },
        { messageId: 'dropColumn', line: 4, column: 11, severity: 'error', data: { target: '`users.legacy_flag`' } },
      ],
    },
    {
      name: 'bulkDelete with null or {} deletes every row; with a where, some rows (warning)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('notifications', null, {});
    await queryInterface.bulkDelete('audit_events', {});
    await queryInterface.bulkDelete('sessions', { expired: true });
  },
  async down() {},
};`,
      errors: [
        { messageId: 'deleteAllRows', line: 3, severity: 'error', data: { target: '`notifications`' } },
        { messageId: 'deleteAllRows', line: 4, severity: 'error', data: { target: '`audit_events`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', data: { target: '`sessions`', where: '{"expired":true}' } },
      ],
    },
    {
      name: 'bulkUpdate without where overwrites every row',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkUpdate('users', { role: 'member' }, {});
    await queryInterface.bulkUpdate('users', { locale: 'en' }, { locale: 'fr' });
  },
  async down() {},
};`,
      errors: [
        { messageId: 'overwriteAllRows', line: 3, severity: 'error', data: { columns: '`role`', target: '`users`' } },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', data: { columns: '`locale`', where: '{"locale":"fr"}' } },
      ],
    },
    {
      name: 'raw SQL: DELETE / UPDATE without WHERE (error) and with WHERE (warning), TRUNCATE, DROP',
      files: `const TABLE = 'events';
module.exports = {
  up: async (queryInterface) => {
    await queryInterface.sequelize.query(\`DELETE FROM \${TABLE}\`);
    await queryInterface.sequelize.query("DELETE FROM sessions WHERE created_at < now() - interval '90 days'");
    await queryInterface.sequelize.query('UPDATE users SET email_verified = false');
    await queryInterface.sequelize.query("UPDATE users SET plan = 'free' WHERE plan = 'trial'");
    await queryInterface.sequelize.query('TRUNCATE TABLE carts RESTART IDENTITY');
    await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN IF EXISTS coupon');
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'deleteAllRows', line: 4, severity: 'error', data: { target: '`events`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', data: { target: '`sessions`' } },
        { messageId: 'overwriteAllRows', line: 6, severity: 'error', data: { columns: '`email_verified`' } },
        { messageId: 'overwriteSomeRows', line: 7, severity: 'warning', data: { columns: '`plan`' } },
        { messageId: 'truncate', line: 8, severity: 'error', data: { target: '`carts`' } },
        { messageId: 'dropColumn', line: 9, severity: 'error', data: { target: '`orders.coupon`' } },
      ],
    },
    {
      name: 'a table created in an EARLIER migration is existing data',
      files: {
        '001-create-drafts.js': `module.exports = { async up(qi, S) { await qi.createTable('drafts', { id: { type: S.INTEGER } }); }, async down() {} };`,
        '002-drop-drafts.js': `module.exports = { async up(qi) { await qi.dropTable('drafts'); }, async down() {} };`,
      },
      errors: [{ messageId: 'dropTable', line: 1, data: { target: '`drafts`' } }],
    },
    {
      name: 'dropAllTables and DROP SCHEMA',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('DROP SCHEMA IF EXISTS staging CASCADE');
    await queryInterface.dropAllTables();
  },
  async down() {},
};`,
      errors: [
        { messageId: 'dropSchema', line: 3, data: { name: 'staging' } },
        { messageId: 'dropEverything', line: 4 },
      ],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'changeColumn to a narrower type truncates values',
      why: 'type narrowing (TEXT to VARCHAR(20)) fails or truncates; not modelled yet',
      files: `module.exports = { async up(qi, S) { await qi.changeColumn('users', 'bio', { type: S.STRING(20) }); }, async down() {} };`,
    },
  ],
});
