import { withRunner } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body` (from line 3). */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

const inTransaction = (body: string) => up(`await queryInterface.sequelize.transaction(async (transaction) => {
      ${body}
    });`);
const addValue = "await queryInterface.sequelize.query(\"ALTER TYPE enum_orders_status ADD VALUE 'refunded'\", { transaction });";
const createType = "await queryInterface.sequelize.query(\"CREATE TYPE enum_orders_status AS ENUM ('paid')\", { transaction });";
const useValue = "await queryInterface.bulkUpdate('orders', { status: 'refunded' }, { refundedAt: { [Sequelize.Op.ne]: null } }, { transaction });";

ruleTests('no-enum-value-in-transaction', {
  valid: [
    { name: 'added on its own, outside any transaction (PostgreSQL 16)', files: up("await queryInterface.sequelize.query(\"ALTER TYPE enum_orders_status ADD VALUE 'refunded'\");") },
    {
      name: 'added outside, used after (each step commits on its own)',
      files: up(`await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'");
    await queryInterface.sequelize.query("UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL");`),
    },
    { name: 'added in a transaction from PostgreSQL 12, not used there', files: inTransaction(addValue) },
    {
      name: 'added outside, before PostgreSQL 12',
      files: up("await queryInterface.sequelize.query(\"ALTER TYPE enum_orders_status ADD VALUE 'refunded'\");"),
      options: { postgresVersion: 11 },
    },
    {
      // Measured on PostgreSQL 10 and 11 (test/integration/pg-versions.test.ts): a type the transaction created takes the value, and its use.
      name: 'before PostgreSQL 12, added to and used on a type the same transaction created',
      files: inTransaction(`${createType}
      ${addValue}
      ${useValue}`),
      options: { postgresVersion: 11 },
    },
    {
      name: 'from PostgreSQL 17, used on a type the same transaction created',
      files: inTransaction(`${createType}
      ${addValue}
      ${useValue}`),
      options: { postgresVersion: 17 },
    },
    {
      name: 'used by a step that runs outside the transaction',
      files: inTransaction(`${addValue}
      await queryInterface.sequelize.query("UPDATE orders SET status = 'refunded'");`),
    },
  ],
  invalid: [
    {
      name: 'used by a builder call in the same managed transaction',
      files: inTransaction(`${addValue}
      ${useValue}`),
      errors: [{ messageId: 'newValueUsed', line: 5, column: 13, severity: 'error', data: { op: 'bulkUpdate', value: 'refunded', line: '4', target: '`enum_orders_status`' } }],
    },
    {
      name: 'used by the next statement of the same query string',
      files: up(`await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'; UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL");`),
      errors: [{ messageId: 'newValueUsed', line: 3, data: { op: 'UPDATE', value: 'refunded' } }],
    },
    {
      name: 'used as a DEFAULT after a BEGIN of the migration\'s own SQL',
      files: up(`await queryInterface.sequelize.query('BEGIN');
    await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'");
    await queryInterface.sequelize.query("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'refunded'");
    await queryInterface.sequelize.query('COMMIT');`),
      errors: [{ messageId: 'newValueUsed', line: 5, data: { op: 'ALTER TABLE' } }],
    },
    {
      name: 'used in a migration the runner wraps in a transaction',
      files: up(`await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'");
    await queryInterface.bulkUpdate('orders', { status: 'refunded' }, { id: 1 });`),
      project: withRunner({ kind: 'umzug', transaction: 'per-migration' }),
      errors: [{ messageId: 'newValueUsed', line: 4, data: { op: 'bulkUpdate' } }],
    },
    {
      name: 'used by bulkInsert rows',
      files: inTransaction(`${addValue}
      await queryInterface.bulkInsert('orders', [{ id: 9, status: 'refunded' }], { transaction });`),
      errors: [{ messageId: 'newValueUsed', line: 5, data: { op: 'bulkInsert', value: 'refunded' } }],
    },
    {
      // Measured on PostgreSQL 12 and 16: the exception for a type of the same transaction is gone there.
      name: 'on PostgreSQL 12 to 16, used on a type the same transaction created',
      files: inTransaction(`${createType}
      ${addValue}
      ${useValue}`),
      options: { postgresVersion: 16 },
      errors: [{ messageId: 'newValueUsed', line: 6, data: { op: 'bulkUpdate', value: 'refunded', line: '5' } }],
    },
    {
      name: 'before PostgreSQL 12, a type created by another transaction',
      files: up(`await queryInterface.sequelize.query("CREATE TYPE enum_orders_status AS ENUM ('paid')");
    await queryInterface.sequelize.transaction(async (transaction) => {
      ${addValue}
    });`),
      options: { postgresVersion: 11 },
      errors: [{ messageId: 'addValueInTransaction', line: 5 }],
    },
    {
      name: 'in a transaction before PostgreSQL 12',
      files: inTransaction(addValue),
      options: { postgresVersion: 11 },
      errors: [{ messageId: 'addValueInTransaction', line: 4, data: { postgresVersion: '11', target: '`enum_orders_status`' } }],
    },
  ],

});
