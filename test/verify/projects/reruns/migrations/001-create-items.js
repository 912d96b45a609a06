'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('items', {
      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      name: { type: Sequelize.STRING, allowNull: false },
      tags: { type: Sequelize.STRING, allowNull: true },
    });
  },
  down: async (queryInterface) => {
    await queryInterface.dropTable('items');
  },
};
