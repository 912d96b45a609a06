'use strict';

module.exports = {
  // The type is created, extended and used by one transaction.
  up: async (queryInterface) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query(`CREATE TYPE "enum_orders_status" AS ENUM ('paid')`, { transaction });
      await queryInterface.sequelize.query(`ALTER TYPE "enum_orders_status" ADD VALUE 'refunded'`, { transaction });
      await queryInterface.sequelize.query(`CREATE TABLE "orders" ("id" integer PRIMARY KEY, "status" "enum_orders_status")`, { transaction });
      await queryInterface.bulkInsert('orders', [{ id: 1, status: 'refunded' }], { transaction });
    });
  },
  down: async (queryInterface) => {
    await queryInterface.sequelize.query('DROP TABLE "orders"');
    await queryInterface.sequelize.query('DROP TYPE "enum_orders_status"');
  },
};
