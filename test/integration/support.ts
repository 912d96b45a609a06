/** What the commit-hook tests (pre-commit, lint-staged) share: a git identity and two migrations. */

export const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

/** An `up` that drops a column: a `no-destructive-up` error. */
export const DROP_COLUMN_MIGRATION = `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'legacy_code');
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'legacy_code', { type: Sequelize.STRING });
  },
};
`;

/** A new table and its routine reversal: no error. */
export const CREATE_TABLE_MIGRATION = `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });
  },
  down: async (queryInterface) => {
    await queryInterface.dropTable('notes');
  },
};
`;
