'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('items', 'seen_at', { type: Sequelize.DATE, defaultValue: Sequelize.fn('now') });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'seen_at');
  },
};
