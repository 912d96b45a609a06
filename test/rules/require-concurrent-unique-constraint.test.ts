import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `users` created, then a later migration whose `up` runs `change` from line 3. */
const later = (change: string) =>
  setupThen("await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER }, email: { type: Sequelize.STRING } });", change);
const query = (sql: string) => `await queryInterface.sequelize.query('${sql}');`;
const uniqueEmail = "await queryInterface.addConstraint('users', { type: 'unique', fields: ['email'], name: 'users_email_uk' });";

ruleTests('require-concurrent-unique-constraint', {
  valid: [
    {
      name: 'a unique index built concurrently, then attached',
      files: later(
        `${query('CREATE UNIQUE INDEX CONCURRENTLY users_email_uk ON users (email)')}\n    ${query('ALTER TABLE users ADD CONSTRAINT users_email_uk UNIQUE USING INDEX users_email_uk')}`,
      ),
    },
    { name: 'a primary key attached to an index', files: later(query('ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_uk')) },
    { name: 'a foreign key is require-not-valid-constraint\'s', files: later("await queryInterface.addConstraint('users', { type: 'foreign key', fields: ['id'], references: { table: 'people', field: 'id' } });") },
    {
      name: 'a table created in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER }, email: { type: Sequelize.STRING } });
    ${uniqueEmail}
  },
};`,
    },
    { name: 'a table created by an unreleased migration (--changed-since)', files: later(uniqueEmail), project: { baseMigrations: { ref: 'main', names: [] } } },
    {
      name: 'a column added to a table the same migration created, with unique',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER } });
    await queryInterface.addColumn('users', 'code', { type: Sequelize.STRING, unique: true });
  },
};`,
    },
    { name: 'a column added without unique', files: later("await queryInterface.addColumn('users', 'code', { type: Sequelize.STRING, unique: false });") },
    { name: 'a MySQL project', files: later(uniqueEmail), project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } } },
  ],
  invalid: [
    {
      name: 'addConstraint unique',
      files: later(uniqueEmail),
      errors: [{ messageId: 'blockingConstraint', line: 3, column: 11, severity: 'warning', data: { op: 'addConstraint', kind: 'unique', target: '`users` (`users_email_uk`)', table: 'users' } }],
    },
    {
      name: 'addConstraint primary key',
      files: later("await queryInterface.addConstraint('users', { type: 'PRIMARY KEY', fields: ['id'] });"),
      errors: [{ messageId: 'blockingConstraint', line: 3, data: { kind: 'primary key', target: '`users`' } }],
    },
    {
      name: 'one addConstraint a loop repeats over tables is one finding',
      files: later(`for (const table of ['users', 'users_archive']) {
      await queryInterface.addConstraint(table, { type: 'unique', fields: ['email'], name: \`\${table}_email_uk\` });
    }`),
      errors: [{ messageId: 'blockingConstraint', line: 4, data: { op: 'addConstraint', kind: 'unique', target: '`users` (`users_email_uk`)' } }],
    },
    {
      name: 'raw ADD CONSTRAINT UNIQUE and ADD PRIMARY KEY',
      files: later(query('ALTER TABLE users ADD CONSTRAINT users_email_uk UNIQUE (email), ADD PRIMARY KEY (id)')),
      errors: [
        { messageId: 'blockingConstraint', line: 3, data: { op: 'ADD CONSTRAINT', kind: 'unique' } },
        { messageId: 'blockingConstraint', line: 3, data: { op: 'ADD CONSTRAINT', kind: 'primary key' } },
      ],
    },
    {
      name: 'addColumn with unique: true (Sequelize writes ADD COLUMN ... UNIQUE)',
      files: later("await queryInterface.addColumn('users', 'code', { type: Sequelize.STRING, unique: true });"),
      errors: [{ messageId: 'blockingConstraint', line: 3, data: { op: 'addColumn', kind: 'unique', target: '`users.code`', table: 'users' } }],
    },
    {
      name: 'raw ADD COLUMN ... UNIQUE and ADD COLUMN ... PRIMARY KEY',
      files: later(`${query('ALTER TABLE users ADD COLUMN IF NOT EXISTS code text UNIQUE')}\n    ${query('ALTER TABLE users ADD COLUMN uid bigint PRIMARY KEY')}`),
      errors: [
        { messageId: 'blockingConstraint', line: 3, data: { op: 'ADD COLUMN', kind: 'unique', target: '`users.code`' } },
        { messageId: 'blockingConstraint', line: 4, data: { op: 'ADD COLUMN', kind: 'primary key' } },
      ],
    },
    {
      name: 'a table no migration creates',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface) { ${uniqueEmail} } };` },
      errors: [{ messageId: 'blockingConstraint', line: 1 }],
    },
  ],
});
