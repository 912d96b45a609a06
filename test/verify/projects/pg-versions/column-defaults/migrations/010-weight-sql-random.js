'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query('ALTER TABLE "items" ADD COLUMN "weight" float8 DEFAULT random()');
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'weight');
  },
};
