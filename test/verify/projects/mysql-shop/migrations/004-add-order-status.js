'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn(
        'orders',
        'status',
        { type: Sequelize.ENUM('pending', 'paid', 'shipped'), allowNull: false, defaultValue: 'pending' },
        { transaction },
      );
      await queryInterface.addIndex('orders', ['status'], { name: 'orders_status', transaction });
    });
  },
  down: async (queryInterface) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeIndex('orders', 'orders_status', { transaction });
      await queryInterface.removeColumn('orders', 'status', { transaction });
    });
  },
};
