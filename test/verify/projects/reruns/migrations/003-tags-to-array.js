'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('items', 'tags', { type: Sequelize.ARRAY(Sequelize.STRING), allowNull: true });
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.changeColumn('items', 'tags', { type: Sequelize.STRING, allowNull: true });
  },
};
