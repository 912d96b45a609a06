'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('articles', 'authorId', { type: Sequelize.BIGINT, allowNull: true }, { transaction });
      await queryInterface.addConstraint('articles', {
        fields: ['authorId'],
        type: 'foreign key',
        name: 'articles_author_fk',
        references: { table: 'users', field: 'id' },
        onDelete: 'SET NULL',
        transaction,
      });
    });
  },
  down: async (queryInterface) => {
    await queryInterface.removeConstraint('articles', 'articles_author_fk');
    await queryInterface.removeColumn('articles', 'authorId');
  },
};
