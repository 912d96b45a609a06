'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('items', 'checked_at', { type: Sequelize.DATE, defaultValue: Sequelize.fn('clock_timestamp') });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'checked_at');
  },
};
