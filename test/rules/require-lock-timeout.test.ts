import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `users` created, then a later migration whose `up` runs `change` from line 3. */
const later = (change: string) =>
  setupThen("await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING });", change);
const query = (sql: string) => `await queryInterface.sequelize.query("${sql}");`;
const addBio = "await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });";

ruleTests('require-lock-timeout', {
  valid: [
    { name: 'SET lock_timeout first', files: later(`${query("SET lock_timeout = '5s'")}\n    ${addBio}`) },
    {
      name: 'SET LOCAL lock_timeout inside the transaction',
      files: later(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query("SET LOCAL lock_timeout = '5s'", { transaction });
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
    });`),
    },
    { name: "set_config('lock_timeout', ...)", files: later(`${query("SELECT set_config('lock_timeout', '5s', false)")}\n    ${addBio}`) },
    { name: 'SET statement_timeout first (the lock wait is part of the statement)', files: later(`${query("SET statement_timeout = '30s'")}\n    ${addBio}`) },
    {
      name: 'the production connection sets lock_timeout in dialectOptions (node-postgres passes it to the server)',
      files: { ...later(addBio), 'config/config.json': JSON.stringify({ production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL', dialectOptions: { ssl: true, lock_timeout: 5000 } } }) },
    },
    {
      name: 'a flat config sets statement_timeout through the server options string',
      files: { ...later(addBio), 'config/config.js': "module.exports = { dialect: 'postgres', host: process.env.DB_HOST, dialectOptions: { options: '-c statement_timeout=30s' } };\n" },
    },
    { name: 'a concurrent index build takes no ACCESS EXCLUSIVE', files: later("await queryInterface.addIndex('users', ['email'], { concurrently: true });") },
    { name: 'data steps take ROW EXCLUSIVE', files: later("await queryInterface.bulkUpdate('users', { email: null }, { id: 1 });") },
    {
      name: 'a table created in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    ${addBio}
  },
};`,
    },
  ],
  invalid: [
    {
      name: 'a timeout set only for development leaves production without one',
      files: { ...later(addBio), 'config/config.json': JSON.stringify({ development: { dialect: 'postgres', dialectOptions: { lock_timeout: 5000 } }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }) },
      errors: [{ messageId: 'noLockTimeout', line: 3 }],
    },
    {
      name: 'addColumn on an existing table: one finding per migration, at its first such step',
      files: later(`${addBio}\n    await queryInterface.removeColumn('users', 'email');`),
      errors: [{ messageId: 'noLockTimeout', line: 3, column: 11, severity: 'warning', data: { op: 'addColumn', target: '`users.bio`', table: 'users' } }],
    },
    {
      name: 'SET lock_timeout only after the step',
      files: later(`${addBio}\n    ${query("SET lock_timeout = '5s'")}`),
      errors: [{ messageId: 'noLockTimeout', line: 3 }],
    },
    {
      name: 'RESET lock_timeout is no setting',
      files: later(`${query('RESET lock_timeout')}\n    ${query('ALTER TABLE users DROP COLUMN email')}`),
      errors: [{ messageId: 'noLockTimeout', line: 4, data: { op: 'ALTER TABLE' } }],
    },
    {
      name: 'LOCK TABLE ... IN ACCESS EXCLUSIVE MODE',
      files: later(query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE')),
      errors: [{ messageId: 'noLockTimeout', line: 3, data: { op: 'LOCK TABLE', target: '`users`' } }],
    },
  ],
});
