'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(32), allowNull: true });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'phone');
  },
};
