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
    { name: 'one model\'s sync({ force: true }) of a table no earlier migration names: its creation (info; an earlier creation makes it an error, below)', up: `await db.Team.sync({ force: true });`, up_: [['syncForceCreates', 'info', /runs `db\.Team\.sync\(\{ force: true \}\)`, which creates table `teams` of model `Team`/]] },
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

/**
 * A migration whose `up` is one model's forced sync, the model held under a key of the module that defines it
 * (`roles.roles.sync({ force: true })`; hold-out 97): the sync creates the table, so a `down` dropping that table
 * undoes it (info), and where no earlier migration names the table and the application does not sync, the forced drop
 * finds nothing (info). A key no model has may hold an instance: no finding from it.
 */
describe('one model synced from the module that defines it', () => {
  const KEYED = {
    'package.json': JSON.stringify({ name: 'board', dependencies: { sequelize: '^6.0.0', mysql2: '^3.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'config/config.json': JSON.stringify({ production: { dialect: 'mysql', use_env_variable: 'DATABASE_URL' } }),
    'db/connection.js': `const { Sequelize } = require('sequelize');\nmodule.exports = new Sequelize(process.env.DATABASE_URL, { dialect: 'mysql' });\n`,
    'models/badge-model.js': `const { DataTypes } = require('sequelize');\nconst sequelize = require('../db/connection');\nconst badges = sequelize.define('badges', { title: DataTypes.STRING });\nmodule.exports = { badges };\n`,
    'models/store.js': `const { createStore } = require('kv-store');\nmodule.exports = { store: createStore() };\n`,
    '.sequelizerc': `const path = require('path');\nmodule.exports = { 'models-path': path.resolve('models'), 'migrations-path': path.resolve('migrations') };\n`,
  };
  const file = (up: string, down: string) => `const badges = require('../models/badge-model');
const store = require('../models/store');
module.exports = {
  up: () => ${up},
  down: (queryInterface) => ${down},
};
`;
  it.each([
    {
      name: 'the first migration forcing the sync of the model its module exports: creates it (info), the down undoes it (info)',
      files: { 'migrations/001-create-badges.js': file(`badges.badges.sync({ force: true })`, `queryInterface.dropTable('badges')`) },
      expected: [['no-destructive-down', 'reversal', 'info'], ['no-destructive-up', 'syncForceCreates', 'info']],
    },
    {
      name: 'the down drops the table under another letter case: the same table or none, a reversal all the same',
      files: { 'migrations/001-create-badges.js': file(`badges.badges.sync({ force: true })`, `queryInterface.dropTable('Badges')`) },
      expected: [['no-destructive-down', 'reversal', 'info'], ['no-destructive-up', 'syncForceCreates', 'info']],
    },
    {
      name: 'an earlier migration created the table: the forced sync drops its rows (error)',
      files: {
        'migrations/001-create-badges.js': `module.exports = { up: (qi, S) => qi.createTable('badges', { id: { type: S.INTEGER, primaryKey: true }, title: S.STRING }), down: (qi) => qi.dropTable('badges') };\n`,
        'migrations/002-reset-badges.js': file(`badges.badges.sync({ force: true })`, `Promise.resolve()`),
      },
      expected: [['no-destructive-down', 'reversal', 'info'], ['no-destructive-up', 'syncForce', 'error']],
    },
    {
      name: 'a key no model has (`store.store.sync`, a store a package makes): no sync of a model is read',
      files: { 'migrations/001-sync-store.js': file(`store.store.sync({ force: true })`, `Promise.resolve()`) },
      expected: [],
    },
  ])('$name', async ({ files, expected }) => {
    const result = await analyzeProject(project({ ...KEYED, ...files }));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-up' || f.rule === 'no-destructive-down');
    expect(found.map((f) => [f.rule, f.messageId, f.severity]).sort()).toEqual(expected.sort());
  });
});

/**
 * Each migration syncing one model of the models index by a key another module of the project names
 * (`db[names.lessons].sync()`), its `down` dropping that model's table by its `tableName` (hold-out 103): the down
 * undoes what the up created (info), whether or not the model's definition is read.
 */
describe('one model synced by a key from a module of names', () => {
  const FILES = {
    'package.json': JSON.stringify({ name: 'school', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
    'config/config.json': JSON.stringify({ production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }),
    'names/models.js': "module.exports = { lessons: 'lessons', tutors: 'tutors' };\n",
    'models/index.js': "const { Sequelize, DataTypes } = require('sequelize');\nconst names = require('../names/models');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = { sequelize };\ndb[names.lessons] = sequelize.define(names.lessons, { title: DataTypes.STRING });\nmodule.exports = db;\n",
  };
  const file = (key: string, dropKey: string) => `const names = require('../names/models');
const db = require('../models');
module.exports = {
  up: async () => db[names.${key}].sync(),
  down: async (queryInterface) => queryInterface.dropTable(db[names.${dropKey}].tableName),
};
`;
  it.each([
    { name: 'the down drops the table of the model the up synced: a reversal (info)', drop: 'lessons', expected: [['no-destructive-down', 'reversal', 'info']] },
    { name: 'the down drops the table of another model: not a reversal', drop: 'tutors', expected: [['no-destructive-down', 'dropTable', 'error']] },
  ])('$name', async ({ drop, expected }) => {
    const result = await analyzeProject(project({ ...FILES, 'migrations/20210529063259-create-lessons.js': file('lessons', drop) }));
    const found = result.findings.filter((f) => f.rule === 'no-destructive-down');
    expect(found.map((f) => [f.rule, f.messageId, f.severity])).toEqual(expected);
  });
});
