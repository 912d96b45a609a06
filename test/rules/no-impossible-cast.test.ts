import { ruleTests } from './rule-tester';

/** `tags` created with `created`, then changed by a later migration with `change` (a statement of its `up`). */
function changeTags(created: string, change: string): Record<string, string> {
  return {
    '20240101000000-create-posts.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('posts', { id: { type: Sequelize.INTEGER, primaryKey: true }, tags: { type: ${created} } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('posts');
  },
};`,
    '20240201000000-change-tags.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    ${change}
  },
  async down() {},
};`,
  };
}

const change = (type: string) => `await queryInterface.changeColumn('posts', 'tags', { type: ${type} });`;

ruleTests('no-impossible-cast', {
  valid: [
    { name: 'widening a varchar', files: changeTags('Sequelize.STRING', change('Sequelize.STRING(1000)')) },
    {
      name: 'with references: Sequelize sends only ADD FOREIGN KEY, the type is not changed (measured)',
      files: changeTags('Sequelize.STRING', `await queryInterface.changeColumn('posts', 'tags', { type: Sequelize.INTEGER, references: { model: 'tags', key: 'id' } });`),
    },
    { name: 'a type string with its own USING (sent as written: measured)', files: changeTags('Sequelize.STRING', change(`'UUID USING CAST("tags" AS UUID)'`)) },
    { name: 'varchar to text', files: changeTags('Sequelize.STRING', change('Sequelize.TEXT')) },
    { name: 'integer to bigint', files: changeTags('Sequelize.INTEGER', change('Sequelize.BIGINT')) },
    { name: 'anything to text (an I/O conversion)', files: changeTags('Sequelize.JSONB', change('Sequelize.TEXT')) },
    { name: 'json to jsonb', files: changeTags('Sequelize.JSON', change('Sequelize.JSONB')) },
    { name: 'timestamp to date', files: changeTags('Sequelize.DATE', change('Sequelize.DATEONLY')) },
    { name: 'varchar to ENUM: Sequelize adds a USING of its own', files: changeTags('Sequelize.STRING', change("Sequelize.ENUM('a', 'b')")) },
    {
      name: 'raw SQL with USING',
      files: changeTags('Sequelize.STRING', `await queryInterface.sequelize.query('ALTER TABLE posts ALTER COLUMN tags TYPE varchar(255)[] USING ARRAY[tags]');`),
    },
    { name: 'the old type is not known (no migration creates the table)', files: change('Sequelize.INTEGER').replace(/^/, 'module.exports = { async up(queryInterface, Sequelize) { ') + ' } };' },
    {
      name: 'a MySQL project',
      files: changeTags('Sequelize.STRING', change('Sequelize.INTEGER')),
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
    },
  ],
  invalid: [
    {
      name: 'varchar to varchar[] (the seed-style project)',
      files: changeTags('Sequelize.STRING', change('Sequelize.ARRAY(Sequelize.STRING)')),
      errors: [{ messageId: 'noCast', line: 3, column: 11, severity: 'error', data: { op: 'changeColumn', target: '`posts.tags`', from: '`STRING`', to: '`ARRAY(STRING)`' } }],
    },
    {
      name: 'text to integer',
      files: changeTags('Sequelize.TEXT', change('Sequelize.INTEGER')),
      errors: [{ messageId: 'noCast', line: 3, data: { from: '`TEXT`', to: '`INTEGER`' } }],
    },
    { name: 'varchar to boolean', files: changeTags('Sequelize.STRING(5)', change('Sequelize.BOOLEAN')), errors: [{ messageId: 'noCast', line: 3 }] },
    { name: 'varchar to timestamp', files: changeTags('Sequelize.STRING', change('Sequelize.DATE')), errors: [{ messageId: 'noCast', line: 3 }] },
    { name: 'varchar to uuid', files: changeTags('Sequelize.STRING', change('Sequelize.UUID')), errors: [{ messageId: 'noCast', line: 3 }] },
    { name: 'integer to boolean', files: changeTags('Sequelize.INTEGER', change('Sequelize.BOOLEAN')), errors: [{ messageId: 'noCast', line: 3 }] },
    { name: 'integer to ENUM (only text passes its USING)', files: changeTags('Sequelize.INTEGER', change("Sequelize.ENUM('a')")), errors: [{ messageId: 'noCast', line: 3 }] },
    {
      name: 'raw SQL without USING',
      files: changeTags('Sequelize.STRING', `await queryInterface.sequelize.query('ALTER TABLE posts ALTER COLUMN tags TYPE integer');`),
      errors: [{ messageId: 'noCast', line: 3, data: { op: 'ALTER COLUMN ... TYPE', from: '`STRING`', to: '`integer`' } }],
    },
    {
      name: 'the type given directly as the third argument',
      files: changeTags('Sequelize.STRING', `await queryInterface.changeColumn('posts', 'tags', Sequelize.INTEGER);`),
      errors: [{ messageId: 'noCast', line: 3 }],
    },
    {
      name: 'a type the table got from an earlier changeColumn',
      files: {
        ...changeTags('Sequelize.INTEGER', change('Sequelize.STRING')),
        '20240301000000-back.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('posts', 'tags', { type: Sequelize.BIGINT });
  },
};`,
      },
      errors: [{ messageId: 'noCast', line: 3, data: { from: '`STRING`', to: '`BIGINT`' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a column created by raw SQL CREATE TABLE (its type is not replayed)',
      why: 'the SQL reader records the column names of CREATE TABLE, not their types',
      files: {
        '20240101000000-create.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query('CREATE TABLE posts (id int primary key, tags varchar(255))'); } };`,
        '20240201000000-change.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.changeColumn('posts', 'tags', { type: Sequelize.INTEGER }); } };`,
      },
    },
  ],
});
