'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('items', 'price', { type: Sequelize.INTEGER, allowNull: true });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'price');
  },
};
