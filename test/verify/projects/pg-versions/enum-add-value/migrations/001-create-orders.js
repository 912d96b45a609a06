'use strict';

module.exports = {
  up: async (queryInterface) => {
    await queryInterface.sequelize.query(`CREATE TYPE "enum_orders_status" AS ENUM ('paid')`);
    await queryInterface.sequelize.query(`CREATE TABLE "orders" ("id" integer PRIMARY KEY, "status" "enum_orders_status")`);
  },
  down: async (queryInterface) => {
    await queryInterface.sequelize.query('DROP TABLE "orders"');
    await queryInterface.sequelize.query('DROP TYPE "enum_orders_status"');
  },
};
