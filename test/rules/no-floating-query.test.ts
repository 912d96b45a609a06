import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body` (from line 3). */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

ruleTests('no-floating-query', {
  valid: [
    { name: 'awaited', files: up("await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });") },
    { name: 'returned', files: up("return queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });") },
    {
      name: 'collected in an awaited Promise.all',
      files: up(`await Promise.all([
      queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }),
      queryInterface.addColumn('users', 'avatar', { type: Sequelize.STRING }),
    ]);`),
    },
    { name: 'a promise chain that is returned', files: up("return queryInterface.addColumn('users', 'bio', Sequelize.TEXT).then(() => queryInterface.addIndex('users', ['bio']));") },
  ],
  invalid: [
    {
      name: 'a call without await',
      files: up(`queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['bio']);`),
      errors: [{ messageId: 'floating', line: 3, column: 5, severity: 'error', data: { callee: 'queryInterface.addColumn', target: '`users.bio`' } }],
    },
    {
      name: 'forEach with an async callback: nothing waits for the calls',
      files: up(`['a', 'b'].forEach(async (column) => {
      await queryInterface.removeColumn('users', column);
    });`),
      errors: [{ messageId: 'floating', line: 4 }],
    },
    {
      name: 'raw SQL without await',
      files: up("queryInterface.sequelize.query('UPDATE users SET bio = name');"),
      errors: [{ messageId: 'floating', line: 3, data: { callee: 'queryInterface.sequelize.query' } }],
    },
  ],
});
