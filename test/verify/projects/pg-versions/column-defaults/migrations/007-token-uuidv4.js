'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('items', 'token', { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('items', 'token');
  },
};
