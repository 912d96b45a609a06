'use strict';

module.exports = {
  // The value added and used in one transaction.
  up: async (queryInterface) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query(`ALTER TYPE "enum_orders_status" ADD VALUE IF NOT EXISTS 'refunded'`, { transaction });
      await queryInterface.bulkUpdate('orders', { status: 'refunded' }, { id: 0 }, { transaction });
    });
  },
  down: async () => {
    // PostgreSQL cannot remove an enum value.
  },
};
