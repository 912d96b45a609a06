import { ruleTests } from './rule-tester';

ruleTests('require-down', {
  valid: [
    {
      name: 'down that reverts',
      files: `module.exports = {
  async up(qi, S) { await qi.addColumn('users', 'bio', { type: S.TEXT }); },
  async down(qi) { await qi.removeColumn('users', 'bio'); },
};`,
    },
    {
      name: 'down that throws: an explicit irreversible marker',
      files: `module.exports = {
  async up(qi) { await qi.removeColumn('users', 'legacy'); },
  async down() { throw new Error('Irreversible: restore users.legacy from backup'); },
};`,
    },
    { name: 'up that only reads', files: `module.exports = { async up(qi) { await qi.describeTable('users'); }, async down() {} };` },
    {
      name: 'down calling a helper migralint cannot follow is not judged empty',
      files: `const { revert } = require('@acme/migration-kit');
module.exports = { async up(qi, S) { await qi.addColumn('users', 'bio', { type: S.TEXT }); }, async down(qi) { await revert(qi, 'users', 'bio'); } };`,
    },
  ],
  invalid: [
    {
      name: 'empty down (the seed project: "Rollback disabled to preserve data")',
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER } });
  },
  down: async (queryInterface, Sequelize) => {
    // Rollback disabled to preserve data
  },
};`,
      errors: [{ messageId: 'emptyDown', line: 5, column: 9, severity: 'warning', data: { changes: 'createTable users' } }],
    },
    {
      name: 'missing down',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING });
    await queryInterface.addColumn('users', 'city', { type: Sequelize.STRING });
    await queryInterface.addIndex('users', ['city']);
  },
};`,
      errors: [{ messageId: 'missingDown', line: 2, data: { changes: 'addColumn users.bio, addColumn users.phone, addColumn users.city, +1 more' } }],
    },
    {
      name: 'down that only logs or returns',
      files: `exports.up = async (qi) => { await qi.sequelize.query('CREATE INDEX i ON t (c)'); };
exports.down = async () => { console.log('nothing to do'); return; };`,
      errors: [{ messageId: 'emptyDown', line: 2, data: { changes: 'addIndex t' } }],
    },
  ],
});
