import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `orgs` and `users` created by a first migration; a later migration's `up` runs `change`. */
const later = (change: string) =>
  setupThen(
    "await queryInterface.createTable('orgs', { id: { type: Sequelize.INTEGER, primaryKey: true } });\n    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, orgId: { type: Sequelize.INTEGER }, age: { type: Sequelize.INTEGER } });",
    change,
  );

const FK = "await queryInterface.addConstraint('users', { type: 'foreign key', fields: ['orgId'], references: { table: 'orgs', field: 'id' } });";

ruleTests('require-not-valid-constraint', {
  valid: [
    { name: 'raw SQL with NOT VALID', files: later("await queryInterface.sequelize.query('ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (\"orgId\") REFERENCES orgs (id) NOT VALID');") },
    { name: 'VALIDATE CONSTRAINT', files: later("await queryInterface.sequelize.query('ALTER TABLE users VALIDATE CONSTRAINT users_org_fk');") },
    { name: 'a unique constraint (another rule\'s concern)', files: later("await queryInterface.addConstraint('users', { type: 'unique', fields: ['orgId'] });") },
    { name: 'a column without references', files: later("await queryInterface.addColumn('users', 'teamId', { type: Sequelize.INTEGER });") },
    {
      name: 'a table created in the same migration',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orgs', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, orgId: { type: Sequelize.INTEGER } });
    ${FK}
    await queryInterface.addColumn('users', 'teamId', { type: Sequelize.INTEGER, references: { model: 'orgs', key: 'id' } });
  },
};`,
      },
    },
    { name: 'a table created by an unreleased migration (--changed-since)', files: later(FK), project: { baseMigrations: { ref: 'main', names: [] } } },
    { name: 'a MySQL project', files: later(FK), project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } } },
  ],
  invalid: [
    {
      name: 'addConstraint foreign key',
      files: later(FK),
      errors: [{ messageId: 'foreignKey', line: 3, column: 11, severity: 'warning', data: { op: 'addConstraint', target: '`users`', table: 'users', referenced: ' to `orgs`' } }],
    },
    {
      name: 'addConstraint check',
      files: later("await queryInterface.addConstraint('users', { type: 'check', fields: ['age'], where: { age: { [Sequelize.Op.gte]: 0 } } });"),
      errors: [{ messageId: 'check', line: 3, data: { op: 'addConstraint', table: 'users' } }],
    },
    {
      name: 'addColumn with references',
      files: later("await queryInterface.addColumn('users', 'teamId', { type: Sequelize.INTEGER, references: { model: 'orgs', key: 'id' }, onDelete: 'SET NULL' });"),
      errors: [{ messageId: 'referencesColumn', line: 3, data: { op: 'addColumn', target: '`users.teamId`', referenced: ' to `orgs`' } }],
    },
    {
      name: 'changeColumn with references (Sequelize sends ADD FOREIGN KEY)',
      files: later("await queryInterface.changeColumn('users', 'orgId', { type: Sequelize.INTEGER, references: { model: 'orgs', key: 'id' } });"),
      errors: [{ messageId: 'foreignKey', line: 3, data: { op: 'changeColumn', target: '`users.orgId`' } }],
    },
    {
      name: 'raw SQL without NOT VALID: a foreign key, a CHECK, a column with REFERENCES',
      files: later(
        "await queryInterface.sequelize.query('ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (\"orgId\") REFERENCES orgs (id)');\n" +
          "    await queryInterface.sequelize.query('ALTER TABLE users ADD CONSTRAINT users_age CHECK (age >= 0)');\n" +
          "    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN team_id int REFERENCES orgs (id)');",
      ),
      errors: [
        { messageId: 'foreignKey', line: 3, data: { op: 'ADD CONSTRAINT', referenced: ' to `orgs`' } },
        { messageId: 'check', line: 4, data: { op: 'ADD CONSTRAINT' } },
        { messageId: 'referencesColumn', line: 5, data: { op: 'ADD COLUMN', target: '`users.team_id`' } },
      ],
    },
    {
      name: 'a table no migration creates is an existing one',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface) { ${FK} } };` },
      errors: [{ messageId: 'foreignKey', line: 1 }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a CHECK written inline in a raw ADD COLUMN',
      why: 'the column is new: every row holds its default or NULL, so the check is cheap unless a default rewrites the table (no-table-rewrite)',
      files: later("await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN score int CHECK (score >= 0)');"),
    },
  ],
});
