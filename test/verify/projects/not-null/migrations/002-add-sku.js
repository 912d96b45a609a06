'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('products', 'sku', { type: Sequelize.STRING, allowNull: false });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('products', 'sku');
  },
};
