/**
 * `sequelize.sync()` called by a migration (hold-out 85): with `force: true` it drops every model table and creates
 * it again, empty (measured: test/semantics/sync-in-migration.test.ts), an error of no-destructive-up; a `down` that
 * drops a table after the `up` synced every model undoes what the `up` created (no-destructive-down: info).
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const MODELS = `const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });
const db = {};
db.Team = sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams' });
db.Role = sequelize.define('Role', { name: DataTypes.STRING }, { tableName: 'roles' });
db.sequelize = sequelize;
module.exports = db;
`;

const base = {
  'package.json': JSON.stringify({ name: 'hack', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
  'config/config.json': JSON.stringify({ development: { dialect: 'postgres' }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }),
  'models/index.js': MODELS,
  'src/teams.js': `const { Team, Role } = require('../models');\nexports.list = () => Team.findAll({ include: [Role] });\n`,
};

const migration = (up: string, down = `await queryInterface.dropTable('roles');`) => `const db = require('../models');
const { sequelize } = require('../dist/db/sequelize');
module.exports = {
  up: async (queryInterface, Sequelize) => {
    ${up}
  },
  down: async (queryInterface, Sequelize) => {
    ${down}
  },
};
`;

describe('sequelize.sync() in a migration', () => {
  it.each([
    { name: 'the instance the models export, force: true: every model table dropped (error), named', up: `await db.sequelize.sync({ force: true });`, up_: [['syncForce', 'error', /drops the 2 tables of the application’s models, `roles`, `teams`, and creates them again, empty/]] },
    { name: 'queryInterface.sequelize.sync({ force: true }): the same (error)', up: `await queryInterface.sequelize.sync({ force: true });`, up_: [['syncForce', 'error', /`queryInterface\.sequelize\.sync\(\{ force: true \}\)`/]] },
    { name: 'an instance imported from build output migralint cannot read (dist/): still a sync of the models (error)', up: `await sequelize.sync({ force: true });`, up_: [['syncForce', 'error', /`sequelize\.sync\(\{ force: true \}\)`/]] },
    { name: 'one model\'s sync({ force: true }): its table (error)', up: `await db.Team.sync({ force: true });`, up_: [['syncForce', 'error', /drops table `teams` of model `Team` and creates it again/]] },
    { name: 'under a condition (a reset flag): a warning', up: `if (process.env.RESET) await db.sequelize.sync({ force: true });`, up_: [['syncForce', 'warning', /force: true/]] },
    { name: 'sync() without force creates the missing tables and drops nothing: no finding', up: `await db.sequelize.sync();`, up_: [] },
    { name: 'sync({ alter: true }): not a drop of tables (no syncForce)', up: `await db.sequelize.sync({ alter: true });`, up_: [] },
  ])('$name', async ({ up, up_ }) => {
    const result = await analyzeProject(project({ ...base, 'migrations/20181025194942-sync-models.js': migration(up) }));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-up');
    expect(found.map((f) => [f.messageId, f.severity])).toEqual(up_.map(([id, severity]) => [id, severity]));
    found.forEach((f, i) => expect(f.message).toMatch(up_[i]![2] as RegExp));
  });

  it.each([
    { name: 'the up synced every model: the down\'s drop of a model table undoes it (info)', up: `await db.sequelize.sync();`, messageId: 'reversal', severity: 'info' },
    { name: 'the up synced one model only: the drop of another table is not its reversal (warning or error)', up: `await db.Team.sync();`, messageId: null, severity: null },
  ])('$name', async ({ up, messageId, severity }) => {
    const result = await analyzeProject(project({ ...base, 'migrations/20181025194942-sync-models.js': migration(up) }));
    const [down] = result.findings.filter((f) => f.rule === 'no-destructive-down');
    if (messageId) expect([down!.messageId, down!.severity]).toEqual([messageId, severity]);
    else expect(down!.messageId).not.toBe('reversal');
  });
});
