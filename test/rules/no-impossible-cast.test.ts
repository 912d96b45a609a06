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


/** `revenues.category` created as an ENUM, then set by a later migration's `up` (its statements `steps`). */
function setCategory(steps: string): Record<string, string> {
  return {
    '20240101000000-create-revenues.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('revenues', { id: { type: Sequelize.INTEGER, primaryKey: true }, category: { type: Sequelize.ENUM('membership', 'training', 'other'), allowNull: false } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('revenues');
  },
};`,
    '20240201000000-recategorize.js': `module.exports = {
  async up(queryInterface, Sequelize) {
${steps}
  },
  async down() {},
};`,
  };
}

const POSTGRES = { dialect: { dialects: ['postgres' as const], source: 'config/config.json:3' } };
const toUtility = "    await queryInterface.sequelize.query(\"UPDATE revenues SET category = 'utility' WHERE category IN ('training', 'other')\");";

ruleTests('no-impossible-cast', {
  valid: [
    // Hold-out 100: an UPDATE to a value the enum type does not have yet.
    { name: 'an UPDATE to a value ALTER TYPE ... ADD VALUE added first', project: POSTGRES, files: setCategory(`    await queryInterface.sequelize.query("ALTER TYPE \\"enum_revenues_category\\" ADD VALUE 'utility'");\n${toUtility}`) },
    { name: 'an UPDATE to a value the type has', project: POSTGRES, files: setCategory("    await queryInterface.bulkUpdate('revenues', { category: 'other' }, { category: 'training' });") },
    { name: 'the same UPDATE on MySQL (strict mode refuses it only row by row)', project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } }, files: setCategory(toUtility) },
    { name: 'where the application builds tables with sync(), which adds the values its models list', project: { ...POSTGRES, schemaSync: { script: 'start', evidence: 'src/app.js:9', development: false } }, files: setCategory(toUtility) },
    { name: 'where SQL drops the type first (its labels are not known after)', project: POSTGRES, files: setCategory(`    await queryInterface.sequelize.query('DROP TYPE IF EXISTS "enum_revenues_category" CASCADE');\n${toUtility}`) },
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
      name: 'an UPDATE (SQL) to a value the column\'s enum type lacks: PostgreSQL refuses it whether or not a row matches (measured)',
      project: POSTGRES,
      files: setCategory(toUtility),
      errors: [{ messageId: 'valueNotInEnum', line: 3, severity: 'error', file: '20240201000000-recategorize.js', data: { value: 'utility', type: 'enum_revenues_category', labels: "'membership', 'training', 'other'" } }],
    },
    {
      name: 'the same after a changeColumn listing the value: Sequelize keeps the type, the value is still missing (measured); a builder bulkUpdate too',
      project: POSTGRES,
      files: setCategory(`    await queryInterface.changeColumn('revenues', 'category', { type: Sequelize.ENUM('membership', 'training', 'other', 'utility'), allowNull: false });\n    await queryInterface.bulkUpdate('revenues', { category: 'utility' }, { category: 'other' });`),
      errors: [{ messageId: 'valueNotInEnum', line: 4, severity: 'error', file: '20240201000000-recategorize.js', data: { op: 'queryInterface.bulkUpdate', value: 'utility' } }],
    },
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
