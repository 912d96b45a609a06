'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query('ALTER TABLE "items" ADD COLUMN "created_at" timestamptz NOT NULL DEFAULT now()');
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'created_at');
  },
};
