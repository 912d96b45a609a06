'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('orders', 'amount', { type: Sequelize.BIGINT, allowNull: false });
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('orders', 'amount', { type: Sequelize.INTEGER, allowNull: false });
  },
};
