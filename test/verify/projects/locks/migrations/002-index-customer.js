'use strict';

module.exports = {
  up: async (queryInterface) => {
    await queryInterface.addIndex('orders', ['customer']);
  },
  down: async (queryInterface) => {
    await queryInterface.removeIndex('orders', ['customer']);
  },
};
