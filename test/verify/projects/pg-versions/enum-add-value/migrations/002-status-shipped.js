'use strict';

module.exports = {
  // Its own query, outside any transaction: every version takes it.
  up: async (queryInterface) => {
    await queryInterface.sequelize.query(`ALTER TYPE "enum_orders_status" ADD VALUE IF NOT EXISTS 'shipped'`);
  },
  down: async () => {
    // PostgreSQL cannot remove an enum value.
  },
};
