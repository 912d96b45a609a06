'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query(`ALTER TABLE "items" ADD COLUMN "note" text NOT NULL DEFAULT 'x'`);
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'note');
  },
};
