import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `users` created with an `age` column of type `created`, then a later migration whose `up` runs `change`. */
const later = (created: string, change: string) =>
  setupThen(`await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, age: { type: ${created} } });`, change);

const changeAge = (type: string) => `await queryInterface.changeColumn('users', 'age', { type: ${type} });`;
const addToken = (attributes: string) => `await queryInterface.addColumn('users', 'token', ${attributes});`;

ruleTests('no-table-rewrite', {
  valid: [
    { name: 'a longer varchar', files: later('Sequelize.STRING(100)', changeAge('Sequelize.STRING(500)')) },
    { name: 'varchar to text', files: later('Sequelize.STRING', changeAge('Sequelize.TEXT')) },
    { name: 'the same type restated (allowNull changes only)', files: later('Sequelize.INTEGER', "await queryInterface.changeColumn('users', 'age', { type: Sequelize.INTEGER, allowNull: false });") },
    { name: 'a wider numeric precision, same scale', files: later('Sequelize.DECIMAL(10, 2)', changeAge('Sequelize.DECIMAL(12, 2)')) },
    { name: 'a cast PostgreSQL refuses is no-impossible-cast\'s finding', files: later('Sequelize.STRING', changeAge('Sequelize.INTEGER')) },
    {
      name: 'with references, Sequelize sends only ADD FOREIGN KEY (no TYPE)',
      files: later('Sequelize.INTEGER', "await queryInterface.changeColumn('users', 'age', { type: Sequelize.BIGINT, references: { model: 'ages', key: 'id' } });"),
    },
    {
      name: 'a table created in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, age: { type: Sequelize.INTEGER } });
    await queryInterface.changeColumn('users', 'age', { type: Sequelize.BIGINT });
    await queryInterface.addColumn('users', 'token', { type: Sequelize.UUID, defaultValue: Sequelize.literal('gen_random_uuid()') });
  },
};`,
    },
    {
      name: 'a table created by an unreleased migration (--changed-since)',
      files: later('Sequelize.INTEGER', changeAge('Sequelize.BIGINT')),
      project: { baseMigrations: { ref: 'main', names: [] } },
    },
    { name: 'the old type is not known (no migration creates the table)', files: { '20240201000000-change.js': `module.exports = { async up(queryInterface, Sequelize) { ${changeAge('Sequelize.BIGINT')} } };` } },
    { name: 'Sequelize.UUIDV4 is computed by Sequelize: no DEFAULT is sent', files: later('Sequelize.INTEGER', addToken('{ type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 }')) },
    { name: 'now() is stable: one value for every row', files: later('Sequelize.INTEGER', addToken("{ type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.fn('now') }")) },
    { name: 'a constant default from PostgreSQL 11', files: later('Sequelize.INTEGER', addToken('{ type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false }')) },
    { name: 'a plain VACUUM (ANALYZE) rewrites nothing', files: later('Sequelize.INTEGER', "await queryInterface.sequelize.query('VACUUM ANALYZE users');") },
    {
      name: 'CLUSTER of a table the same migration created',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.sequelize.query('CLUSTER users USING users_pkey');
  },
};`,
    },
    {
      name: 'raw SQL USING the column itself, or one binary-coercible cast of it',
      files: later(
        'Sequelize.STRING(20)',
        "await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE text USING age');\n    await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE varchar USING age::varchar');",
      ),
    },
    {
      name: 'raw SQL USING on a table the same migration created',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, age: { type: Sequelize.STRING } });
    await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE int USING trim(age)::int');
  },
};`,
    },
    { name: 'raw SQL with a stable default', files: later('Sequelize.INTEGER', "await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()');") },
    {
      name: 'a MySQL project',
      files: later('Sequelize.INTEGER', changeAge('Sequelize.BIGINT')),
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
    },
  ],
  invalid: [
    {
      name: 'integer to bigint',
      files: later('Sequelize.INTEGER', changeAge('Sequelize.BIGINT')),
      errors: [{ messageId: 'typeRewrite', line: 3, column: 11, severity: 'warning', data: { op: 'changeColumn', target: '`users.age`', from: '`INTEGER`', to: '`BIGINT`', table: 'users' } }],
    },
    { name: 'a shorter varchar', files: later('Sequelize.STRING', changeAge('Sequelize.STRING(50)')), errors: [{ messageId: 'typeRewrite', line: 3, data: { from: '`STRING` (varchar(255))', to: '`STRING(50)` (varchar(50))' } }] },
    {
      name: 'an unbounded varchar to STRING (varchar(255)): every value is checked',
      files: later("'CHARACTER VARYING'", changeAge('Sequelize.STRING')),
      errors: [{ messageId: 'typeRewrite', line: 3, data: { from: '`CHARACTER VARYING` (varchar)', to: '`STRING` (varchar(255))' } }],
    },
    { name: 'text to varchar(n)', files: later('Sequelize.TEXT', changeAge('Sequelize.STRING(100)')), errors: [{ messageId: 'typeRewrite', line: 3 }] },
    { name: 'json to jsonb', files: later('Sequelize.JSON', changeAge('Sequelize.JSONB')), errors: [{ messageId: 'typeRewrite', line: 3 }] },
    {
      name: 'raw SQL ALTER COLUMN TYPE',
      files: later('Sequelize.INTEGER', "await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE bigint');"),
      errors: [{ messageId: 'typeRewrite', line: 3, data: { op: 'ALTER COLUMN ... TYPE', from: '`INTEGER`', to: '`bigint`' } }],
    },
    {
      name: 'raw SQL USING one cast the type change alone would not allow (varchar to bigint)',
      files: later('Sequelize.STRING(8)', "await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE bigint USING age::bigint');"),
      errors: [{ messageId: 'typeRewrite', line: 3, data: { op: 'ALTER COLUMN ... TYPE', from: '`STRING(8)` (varchar(8))', to: '`bigint`' } }],
    },
    {
      name: 'raw SQL USING an expression: every row computed, whatever the types (enum to a new enum through text)',
      files: later(
        "Sequelize.ENUM('a', 'b')",
        "await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE enum_users_age_new USING age::text::enum_users_age_new');",
      ),
      errors: [{ messageId: 'usingRewrite', line: 3, data: { target: '`users.age`', to: '`enum_users_age_new`', table: 'users' } }],
    },
    {
      name: 'raw SQL USING an expression on a table no migration creates',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query("ALTER TABLE users ALTER COLUMN age TYPE int USING nullif(age, '')::int"); } };` },
      errors: [{ messageId: 'usingRewrite', line: 1 }],
    },
    {
      name: 'a volatile default written as a literal',
      files: later('Sequelize.INTEGER', addToken("{ type: Sequelize.UUID, allowNull: false, defaultValue: Sequelize.literal('gen_random_uuid()') }")),
      errors: [{ messageId: 'addedColumnRewrite', line: 3, data: { op: 'addColumn', target: '`users.token`', why: "with the volatile default `literal('gen_random_uuid()')` (a new value per row)" } }],
    },
    { name: 'a volatile default through fn()', files: later('Sequelize.INTEGER', addToken("{ type: Sequelize.UUID, defaultValue: Sequelize.fn('uuid_generate_v4') }")), errors: [{ messageId: 'addedColumnRewrite', line: 3 }] },
    {
      name: 'an autoIncrement column (Sequelize sends SERIAL)',
      files: later('Sequelize.INTEGER', addToken('{ type: Sequelize.INTEGER, autoIncrement: true }')),
      errors: [{ messageId: 'addedColumnRewrite', line: 3, data: { why: 'as an autoIncrement (SERIAL) column' } }],
    },
    {
      name: 'raw SQL: a volatile default, an identity column',
      files: later(
        'Sequelize.INTEGER',
        "await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()');\n    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN n int GENERATED ALWAYS AS IDENTITY');",
      ),
      errors: [
        { messageId: 'addedColumnRewrite', line: 3, data: { op: 'ADD COLUMN', why: 'with a volatile default (a new value per row)' } },
        { messageId: 'addedColumnRewrite', line: 4, data: { why: 'as an identity column' } },
      ],
    },
    {
      name: 'any default before PostgreSQL 11',
      files: later('Sequelize.INTEGER', addToken('{ type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false }')),
      options: { postgresVersion: 10 },
      errors: [{ messageId: 'addedColumnRewrite', line: 3, data: { why: 'with a default, on PostgreSQL 10 (before 11)' } }],
    },
    {
      name: 'VACUUM FULL and CLUSTER',
      files: later('Sequelize.INTEGER', "await queryInterface.sequelize.query('VACUUM FULL users');\n    await queryInterface.sequelize.query('CLUSTER users USING users_pkey');"),
      errors: [
        { messageId: 'maintenanceRewrite', line: 3, data: { op: 'VACUUM FULL', target: '`users`' } },
        { messageId: 'maintenanceRewrite', line: 4, data: { op: 'CLUSTER', target: '`users`' } },
      ],
    },
    {
      name: 'VACUUM FULL of every table, in the migration that creates one',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.sequelize.query('VACUUM FULL');
  },
};`,
      errors: [{ messageId: 'maintenanceRewrite', line: 4, data: { op: 'VACUUM FULL', target: 'every table of the database' } }],
    },
    {
      name: 'a table no migration creates is an existing one',
      files: { '20240201000000-change.js': `module.exports = { async up(queryInterface, Sequelize) { ${addToken('{ type: Sequelize.INTEGER, autoIncrement: true }')} } };` },
      errors: [{ messageId: 'addedColumnRewrite', line: 1 }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a column created by raw SQL CREATE TABLE (its type is not replayed)',
      why: 'the SQL reader records the column names of CREATE TABLE, not their types',
      files: {
        '20240101000000-create.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query('CREATE TABLE users (id int primary key, age int)'); } };`,
        '20240201000000-change.js': `module.exports = { async up(queryInterface, Sequelize) { ${changeAge('Sequelize.BIGINT')} } };`,
      },
    },
    {
      name: 'timestamp to timestamptz (rewrites unless the session time zone is UTC)',
      why: 'the time zone of the migrating session is not known statically',
      files: later('Sequelize.DATE', "await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN age TYPE timestamp');"),
    },
  ],
});
