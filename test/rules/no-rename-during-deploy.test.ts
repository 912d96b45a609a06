import { ruleTests } from './rule-tester';

const CREATE = {
  '20240101000000-create-users.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: { type: Sequelize.STRING } });
  },
};`,
};

const rename = (body: string) => ({
  '20240201000000-rename.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`,
});

/** A model of `table` with the attributes given (a `sequelize.define` in models/). */
const model = (table: string, attributes: string) => ({
  'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { ${attributes} }, { tableName: '${table}', timestamps: false });`,
});

const RENAME_COLUMN = "await queryInterface.renameColumn('users', 'name', 'fullName');";

ruleTests('no-rename-during-deploy', {
  valid: [
    { name: 'no models: nothing says the application uses it', files: { ...CREATE, ...rename(RENAME_COLUMN) } },
    { name: 'no model maps the renamed column', files: { ...CREATE, ...rename(RENAME_COLUMN), ...model('users', 'id: { type: DataTypes.INTEGER, primaryKey: true }') } },
    {
      name: 'a table created in the same migration',
      files: {
        ...rename("await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });\n    " + RENAME_COLUMN),
        ...model('users', 'fullName: DataTypes.STRING'),
      },
    },
    {
      name: 'a column added by the same migration',
      files: {
        ...CREATE,
        ...rename("await queryInterface.addColumn('users', 'nick', Sequelize.STRING);\n    await queryInterface.renameColumn('users', 'nick', 'fullName');"),
        ...model('users', 'fullName: DataTypes.STRING'),
      },
    },
    {
      name: 'renameTable, then a view under the old name in the same migration',
      files: {
        ...CREATE,
        ...rename("await queryInterface.renameTable('users', 'people');\n    await queryInterface.sequelize.query('CREATE VIEW users AS SELECT * FROM people');"),
        ...model('people', 'name: DataTypes.STRING'),
      },
    },
    {
      name: 'a table created by an unreleased migration (--changed-since)',
      files: { ...CREATE, ...rename(RENAME_COLUMN), ...model('users', 'fullName: DataTypes.STRING') },
      project: { baseMigrations: { ref: 'main', names: [] } },
    },
  ],
  invalid: [
    {
      name: 'renameColumn of a column the model maps under the new name',
      files: { ...CREATE, ...rename(RENAME_COLUMN), ...model('users', 'fullName: DataTypes.STRING') },
      errors: [{ messageId: 'renameColumn', line: 3, column: 11, severity: 'warning', data: { op: 'renameColumn', target: '`users.name`', from: 'name', to: 'fullName', model: 'User' } }],
    },
    {
      name: 'renameTable of a table a model maps',
      files: { ...CREATE, ...rename("await queryInterface.renameTable('users', 'people');"), ...model('people', 'name: DataTypes.STRING') },
      errors: [{ messageId: 'renameTable', line: 3, data: { op: 'renameTable', from: 'users', to: 'people', model: 'User' } }],
    },
    {
      name: 'raw SQL RENAME COLUMN, the model maps the name a later rename gave',
      files: {
        ...CREATE,
        ...rename("await queryInterface.sequelize.query('ALTER TABLE users RENAME COLUMN name TO full_name');"),
        '20240301000000-again.js': `module.exports = { async up(queryInterface) { await queryInterface.renameColumn('users', 'full_name', 'fullName'); } };`,
        ...model('users', 'fullName: DataTypes.STRING'),
      },
      errors: [
        { messageId: 'renameColumn', line: 3, data: { op: 'RENAME COLUMN', to: 'full_name' } },
        { messageId: 'renameColumn', line: 1, data: { op: 'renameColumn', to: 'fullName' } },
      ],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a table used only through raw SQL in the application',
      why: 'migralint reads models, not the queries the application sends',
      files: { ...CREATE, ...rename(RENAME_COLUMN) },
    },
  ],
});
