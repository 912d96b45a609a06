'use strict';

module.exports = {
  // In a transaction: refused before PostgreSQL 12.
  up: async (queryInterface) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query(`ALTER TYPE "enum_orders_status" ADD VALUE IF NOT EXISTS 'refunded'`, { transaction });
    });
  },
  down: async () => {
    // PostgreSQL cannot remove an enum value.
  },
};
