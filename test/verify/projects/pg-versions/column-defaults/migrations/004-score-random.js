'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('items', 'score', { type: Sequelize.DOUBLE, defaultValue: Sequelize.literal('random()') });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'score');
  },
};
