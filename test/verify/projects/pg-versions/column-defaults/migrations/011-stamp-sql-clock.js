'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query('ALTER TABLE "items" ADD COLUMN "stamp" timestamptz DEFAULT clock_timestamp()');
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'stamp');
  },
};
