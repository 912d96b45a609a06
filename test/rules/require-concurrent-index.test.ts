import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

// Builds with addIndex are tested with their suggestions in test/eslint-rules/rule-tester.test.ts; here the
// unique builds, the drops and the rebuilds.

/** `orders` created with an index on `user_id`, then a later migration whose `up` runs `change` from line 3. */
const later = (change: string) =>
  setupThen(
    "await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER, code: Sequelize.STRING });\n    await queryInterface.addIndex('orders', ['user_id']);",
    change,
  );
const query = (sql: string) => `await queryInterface.sequelize.query('${sql}');`;

ruleTests('require-concurrent-index', {
  valid: [
    { name: 'removeIndex with concurrently', files: later("await queryInterface.removeIndex('orders', 'orders_user_id', { concurrently: true });") },
    { name: 'DROP INDEX CONCURRENTLY', files: later(query('DROP INDEX CONCURRENTLY IF EXISTS orders_user_id')) },
    { name: 'REINDEX CONCURRENTLY', files: later(query('REINDEX INDEX CONCURRENTLY orders_user_id')) },
    { name: 'a unique index built concurrently', files: later("await queryInterface.addIndex('orders', ['code'], { unique: true, concurrently: true });") },
    {
      name: 'an index this migration built, dropped again (a table of its own)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('carts', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER });
    await queryInterface.addIndex('carts', ['user_id']);
    await queryInterface.removeIndex('carts', ['user_id']);
  },
};`,
    },
    {
      name: 'an index this migration built concurrently on an existing table, dropped again: nothing in use to block',
      files: {
        '20240101000000-rebuild.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY orders_tmp ON orders (code)');
    await queryInterface.sequelize.query('DROP INDEX orders_tmp');
  },
};`,
      },
    },
    { name: 'a MySQL project', files: later("await queryInterface.removeIndex('orders', 'orders_user_id');"), project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } } },
  ],
  invalid: [
    {
      name: 'a unique addIndex',
      files: later("await queryInterface.addIndex('orders', ['code'], { unique: true });"),
      errors: [{ messageId: 'blockingUniqueIndex', line: 3, column: 11, data: { op: 'addIndex', target: '`orders`' } }],
    },
    {
      name: 'concurrently in a third argument after an options object: Sequelize reads that argument as rawTablename, not as options',
      files: later("await queryInterface.addIndex('orders', { fields: ['code'], unique: true }, { concurrently: true });"),
      errors: [{ messageId: 'blockingUniqueIndex', line: 3 }],
    },
    {
      name: 'raw CREATE UNIQUE INDEX',
      files: later(query('CREATE UNIQUE INDEX orders_code ON orders (code)')),
      errors: [{ messageId: 'blockingUniqueIndex', line: 3, data: { op: 'CREATE UNIQUE INDEX', target: '`orders` (`orders_code`)' } }],
    },
    {
      name: 'removeIndex by name and by fields',
      files: later("await queryInterface.removeIndex('orders', 'orders_user_id');\n    await queryInterface.removeIndex('orders', ['user_id']);"),
      errors: [
        { messageId: 'blockingDropIndex', line: 3, data: { op: 'removeIndex', target: '`orders` (`orders_user_id`)' } },
        { messageId: 'blockingDropIndex', line: 4, data: { op: 'removeIndex', target: '`orders`' } },
      ],
    },
    {
      name: 'raw DROP INDEX (the table is not named)',
      files: later(query('DROP INDEX IF EXISTS orders_user_id')),
      errors: [{ messageId: 'blockingDropIndex', line: 3, data: { op: 'DROP INDEX', target: '`orders_user_id`' } }],
    },
    {
      name: 'REINDEX INDEX and REINDEX TABLE',
      files: later(`${query('REINDEX INDEX orders_user_id')}\n    ${query('REINDEX TABLE orders')}`),
      errors: [
        { messageId: 'blockingReindex', line: 3, data: { op: 'REINDEX INDEX', target: '`orders_user_id`' } },
        { messageId: 'blockingReindex', line: 4, data: { op: 'REINDEX TABLE', target: '`orders`' } },
      ],
    },
    {
      // Measured: PostgreSQL 10 and 11 reject REINDEX CONCURRENTLY (a syntax error), test/integration/pg-versions.test.ts.
      name: 'REINDEX on PostgreSQL 11: no REINDEX CONCURRENTLY to advise, a concurrent copy instead',
      options: { postgresVersion: 11 },
      files: later(query('REINDEX INDEX orders_user_id')),
      errors: [{ messageId: 'blockingReindexBefore12', line: 3, data: { op: 'REINDEX INDEX', postgresVersion: '11' } }],
    },
  ],
});
