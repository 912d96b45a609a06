/**
 * A table an older migration created and nothing has written since (no migration, no module of the application):
 * it holds no rows, so a NOT NULL column without a default is added to it without failing (no-failing-not-null:
 * info), and rows loaded into it by a later migration meet only that migration's own (require-idempotency-guard:
 * a later insert fails only for an outside reason). Hold-out 88: species and trees loaded from bundled JSON weeks
 * after their tables, a map link added NOT NULL in between. A writer of the table, anywhere, keeps both findings.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const LOADER = "const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = {};\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; });\nmodule.exports = db;\n";

const files = (app: string, between: string | null) => ({
  'package.json': JSON.stringify({ name: 'phylo', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
  'models/index.js': LOADER,
  'models/species.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Species', { name: DataTypes.STRING, mapLink: DataTypes.STRING }, { tableName: 'Species' });\n",
  'src/routes.js': app,
  'migrations/20210219022043-create-species.js': "module.exports = { async up(qi, S) { await qi.createTable('Species', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING, unique: true } }); }, async down(qi) { await qi.dropTable('Species'); } };\n",
  ...(between ? { 'migrations/20210301000000-between.js': between } : {}),
  'migrations/20210303230151-create-trees.js': "module.exports = { async up(qi, S) { await qi.createTable('Trees', { id: { type: S.INTEGER, primaryKey: true } }); }, async down(qi) { await qi.dropTable('Trees'); } };\n",
  'migrations/20210309235654-add-map-link.js': "module.exports = {\n  async up(qi, S) {\n    await qi.addColumn('Species', 'mapLink', { type: S.STRING, allowNull: false });\n  },\n  async down(qi) { await qi.removeColumn('Species', 'mapLink'); },\n};\n",
  'migrations/20210311224426-add-species-data.js': "module.exports = {\n  async up(qi) {\n    for (const file of ['./birds.json', './primates.json', './fish.json']) {\n      await qi.bulkInsert('Species', require(file));\n    }\n  },\n  async down() {},\n};\n",
});

const READS = "const { Species } = require('../models');\nmodule.exports = async () => Species.findAll();\n";

describe('a table nothing has written yet', () => {
  it.each([
    { name: 'the application only reads it, no migration wrote it: the NOT NULL add passes (info) and the loads fail only for an outside reason (info)', app: READS, between: null, notNull: ['notNullOnUnwrittenTable', 'info'], loads: ['notAtomicMinor', 'info'] },
    { name: 'the application creates rows there: the add fails on a table with rows (error), a later load can meet them (warning)', app: "const { Species } = require('../models');\nmodule.exports = async (name) => Species.create({ name });\n", between: null, notNull: ['notNullWithoutDefault', 'error'], loads: ['notAtomic', 'warning'] },
    { name: 'a migration in between inserted rows: the same (error, warning)', app: READS, between: "module.exports = { async up(qi) { await qi.bulkInsert('Species', [{ id: 1, name: 'x' }]); }, async down() {} };\n", notNull: ['notNullWithoutDefault', 'error'], loads: ['notAtomic', 'warning'] },
  ])('$name', async ({ app, between, notNull, loads }) => {
    const result = await analyzeProject(project(files(app, between)));
    const add = result.findings.filter((f) => f.rule === 'no-failing-not-null');
    expect(add.map((f) => [f.messageId, f.severity])).toEqual([notNull]);
    const load = result.findings.filter((f) => f.rule === 'require-idempotency-guard' && f.file.endsWith('add-species-data.js'));
    expect(load.map((f) => [f.messageId, f.severity])).toEqual([loads]);
  });
});
