import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body` (from line 3). */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

ruleTests('valid-dialect-check', {
  valid: [
    {
      name: 'the options Sequelize sets: dialect, getDialect(), protocol',
      files: up(`if (queryInterface.sequelize.options.dialect === 'postgres') {
      await queryInterface.sequelize.query("ALTER TYPE \\"enum_orders_status\\" ADD VALUE 'refunded'");
    }
    if (queryInterface.sequelize.getDialect() !== 'sqlite') {
      await queryInterface.addIndex('orders', ['status']);
    }
    if (queryInterface.sequelize.options.protocol === 'postgres') {
      await queryInterface.addIndex('orders', ['placed_at']);
    }`),
    },
    {
      name: 'a misspelled test with nothing that changes the database under it',
      files: up(`if (queryInterface.sequelize.options.dialog === 'postgres') {
      console.log('postgres');
    }
    await queryInterface.addIndex('orders', ['status']);`),
    },
  ],
  invalid: [
    {
      name: 'options.dialog === "postgres": the enum value is never added, on any database',
      files: up(`if (queryInterface.sequelize.options.dialog === 'postgres') {
      queryInterface.sequelize.query("ALTER TYPE \\"enum_orders_status\\" ADD VALUE 'refunded'");
    }`),
      errors: [{ messageId: 'never', line: 3, column: 9, severity: 'error', data: { expression: 'queryInterface.sequelize.options.dialog', run: 'runs', them: 'it', also: '' } }],
    },
    {
      name: 'an early return on a misspelled test: nothing after it runs',
      files: up(`const { options } = queryInterface.sequelize;
    if (options.dialet !== 'postgres') return;
    await queryInterface.addColumn('orders', 'refunded_at', { type: Sequelize.DATE });
    await queryInterface.addIndex('orders', ['refunded_at']);`),
      errors: [{ messageId: 'never', line: 4, column: 9, data: { expression: 'options.dialet', run: 'run', them: 'them' } }],
    },
    {
      name: '!== on a misspelled option: the steps meant for the other databases run on every one; if / else names both',
      files: up(`if (queryInterface.sequelize.options.dilect !== 'sqlite') {
      await queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    }
    if (queryInterface.sequelize.options.dialog === 'postgres') {
      await queryInterface.sequelize.query('CREATE INDEX orders_note_trgm ON orders USING gin (note gin_trgm_ops)');
    } else {
      await queryInterface.addIndex('orders', ['note']);
    }`),
      errors: [
        { messageId: 'always', line: 3, column: 9, data: { expression: 'queryInterface.sequelize.options.dilect', run: 'runs' } },
        { messageId: 'never', line: 6, column: 9, data: { also: ' Its other branch (`addIndex` on `orders` at line 9) runs on every database instead.' } },
      ],
    },
  ],
});
