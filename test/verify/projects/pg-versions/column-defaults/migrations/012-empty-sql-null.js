'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query('ALTER TABLE "items" ADD COLUMN "empty" int DEFAULT NULL');
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'empty');
  },
};
