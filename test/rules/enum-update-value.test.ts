/**
 * An UPDATE setting an ENUM column to a value its PostgreSQL type lacks (hold-out 100): PostgreSQL refuses it before it
 * changes a row (measured in test/semantics/enum-change-column.test.ts), so no-impossible-cast reports the failure and
 * no-destructive-up no overwrite. With the value added first, the same UPDATE runs and overwrites every row.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const LOADER = "const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });\nconst db = {};\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; });\nmodule.exports = db;\n";

const files = (before: string) => ({
  'package.json': JSON.stringify({ name: 'ledger', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
  'config/config.json': JSON.stringify({ production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }),
  'models/index.js': LOADER,
  'models/revenue.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Revenue', { category: DataTypes.ENUM('membership', 'training', 'other'), note: DataTypes.STRING }, { tableName: 'revenues', timestamps: false });\n",
  'src/routes.js': "const { Revenue } = require('../models');\nmodule.exports = async (category) => Revenue.create({ category });\n",
  'migrations/20240101000000-create-revenues.js': "module.exports = { async up(qi, S) { await qi.createTable('revenues', { id: { type: S.INTEGER, primaryKey: true }, category: { type: S.ENUM('membership', 'training', 'other'), allowNull: false } }); }, async down(qi) { await qi.dropTable('revenues'); } };\n",
  'migrations/20240115000000-add-note.js': "module.exports = { async up(qi, S) { await qi.addColumn('revenues', 'note', { type: S.STRING }); }, async down(qi) { await qi.removeColumn('revenues', 'note'); } };\n",
  'migrations/20240201000000-recategorize.js': `module.exports = {\n  async up(qi) {\n${before}    await qi.sequelize.query("UPDATE revenues SET category = 'utility'");\n  },\n  async down() {},\n};\n`,
});

describe('an UPDATE to a value the enum type lacks', () => {
  it.each([
    { name: 'the value missing: the UPDATE fails (no-impossible-cast, error), nothing is overwritten', before: '', expected: [['no-impossible-cast', 'valueNotInEnum', 'error']] },
    {
      name: 'the value added first (ALTER TYPE ... ADD VALUE): the UPDATE runs and overwrites every row (no-destructive-up, error)',
      before: "    await qi.sequelize.query(\"ALTER TYPE \\\"enum_revenues_category\\\" ADD VALUE 'utility'\");\n",
      expected: [['no-destructive-up', 'overwriteAllRows', 'error']],
    },
  ])('$name', async ({ before, expected }) => {
    const result = await analyzeProject(project(files(before)));
    const found = result.findings.filter((f) => f.file.endsWith('recategorize.js') && f.severity !== 'info');
    expect(found.map((f) => [f.rule, f.messageId, f.severity])).toEqual(expected);
  });
});
