/**
 * A model whose table no migration leaves is an error only when the application's code uses it
 * (src/rules/model-use.ts): a model nothing outside the models folder names is dead code (info).
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const CREATE_USERS = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
`;
const USER = `module.exports = (sequelize, DataTypes) => sequelize.define('User', {}, { tableName: 'users', timestamps: false });\n`;
const ARCHIVE = `module.exports = (sequelize, DataTypes) => {
  const ActivityArchive = sequelize.define('ActivityArchive', { note: DataTypes.STRING }, { tableName: 'activityArchive', timestamps: false });
  return ActivityArchive;
};
`;
const base = {
  'package.json': JSON.stringify({ name: 'shop', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }),
  'migrations/20240101000000-create-users.js': CREATE_USERS,
  'models/user.js': USER,
  'models/activity-archive.js': ARCHIVE,
  'src/users.js': `const { User } = require('../models');\nexports.list = () => User.findAll();\n`,
};

describe('a model whose table no migration creates, by whether the application uses it', () => {
  it.each([
    { name: 'queried by a service: every query fails (error)', app: `const db = require('../models');\nexports.archive = () => db.ActivityArchive.create({ note: 'x' });\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'named as a string (models["ActivityArchive"]): used (error)', app: `const db = require('../models');\nexports.archive = () => db['ActivityArchive'].count();\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'named as a string a lookup reads (sequelize.model("ActivityArchive")): used (error)', app: `const { sequelize } = require('../models');\nexports.archive = () => sequelize.model('ActivityArchive').count();\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'its name only as a table name for raw SQL (let table = "ActivityArchive"): not the model, dead code (info)', app: `const { sequelize } = require('../models');\nexports.archive = () => {\n  let table = 'ActivityArchive';\n  return sequelize.query(\`SELECT count(*) FROM "\${table}"\`);\n};\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'only aliased by a controller (const ActivityArchive = db.ActivityArchive, never named again): dead code (info)', app: `const db = require('../models');\nconst ActivityArchive = db.ActivityArchive;\nexports.noop = () => db.User.findAll();\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'aliased under another name (let Archive = db.ActivityArchive) that the file never names again: dead code (info)', app: `const db = require('../models');\nlet Archive = db.ActivityArchive;\nexports.noop = () => db.User.findAll();\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'aliased and then queried through the alias: used (error)', app: `const db = require('../models');\nconst ActivityArchive = db.ActivityArchive;\nexports.list = () => ActivityArchive.findAll();\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'its only callers commented out: dead code (info)', app: `// const db = require('../models');\n/* exports.archive = () => db.ActivityArchive.create({}); */\nexports.noop = () => {};\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'named only by a test: dead code for production (info)', app: null, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    // Hold-out 69: the application's own model of the same name, in another folder, is the one it queries.
    { name: 'the same name imported from another folder (`require(\'./archive/activity-archive.model\')`): another model, dead code (info)', app: `const { ActivityArchive } = require('./archive/activity-archive.model');\nexports.list = () => ActivityArchive.findAll();\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'a class of that name declared in the file itself (`export class ActivityArchive extends Model`): another model, dead code (info)', app: `const { Model } = require('sequelize');\nclass ActivityArchive extends Model {}\nexports.ActivityArchive = ActivityArchive;\nexports.list = () => ActivityArchive.findAll();\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'its name only as a text in an object (`{ example: \'ActivityArchive\' }` of an API document): not the model (info)', app: `exports.doc = { summary: 'archive', example: 'ActivityArchive' };\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'its name as the model of an include (`{ model: \'ActivityArchive\' }`): used (error)', app: `const db = require('../models');\nexports.list = () => db.User.findAll({ include: [{ model: 'ActivityArchive' }] });\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'only imported and listed in the loader\'s registration (`const models = [User, ActivityArchive]`, each init-ed): loaded, never queried (info; hold-out 71)', app: `const User = require('../models/user');\nconst ActivityArchive = require('../models/activity-archive');\nconst models = [User, ActivityArchive];\nmodule.exports = (sequelize) => models.forEach((m) => m(sequelize));\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'registered with a module (`SequelizeModule.forFeature([ActivityArchive])`) and never injected: never queried (info)', app: `const { SequelizeModule } = require('@nestjs/sequelize');\nconst ActivityArchive = require('../models/activity-archive');\nmodule.exports = { imports: [SequelizeModule.forFeature([ActivityArchive])] };\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'imported from the models folder by name: used (error)', app: `const { ActivityArchive } = require('../models');\nexports.list = () => ActivityArchive.findAll();\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    // Hold-out 83, 86: a stub service destructures the models it means to use one day, and queries none of them.
    { name: 'only destructured from the models (`const { ActivityArchive, User } = require(\'../models\')`), never named again: never queried (info)', app: `const { ActivityArchive, User } = require('../models');\nexports.list = () => User.findAll();\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'only destructured from the loaded models object under another name (`const { ActivityArchive: Archive } = db`): never queried (info)', app: `const db = require('../models');\nconst { ActivityArchive: Archive } = db;\nexports.noop = async () => {\n  try {\n  } catch (e) {}\n};\n`, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
    { name: 'destructured and then queried: used (error)', app: `const db = require('../models');\nconst { ActivityArchive } = db;\nexports.list = () => ActivityArchive.findAll();\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'destructured as a default value of another binding (`const { Archive = ActivityArchive } = opts`): a use (error)', app: `const { ActivityArchive } = require('../models');\nexports.list = (opts) => {\n  const { Archive = ActivityArchive } = opts;\n  return Archive.findAll();\n};\n`, severity: 'error', messageId: 'modelTableWithoutMigration', usedBy: 'src/archive.js' },
    { name: 'named only in an old build in dist/: dead code (info)', app: null, dist: true, severity: 'info', messageId: 'modelTableWithoutMigrationUnused', usedBy: null },
  ])('$name', async ({ app, dist, severity, messageId, usedBy }) => {
    const files: Record<string, string> = { ...base, 'test/archive.test.js': `const db = require('../models');\ntest('x', () => db.ActivityArchive.findAll());\n` };
    if (app) files['src/archive.js'] = app;
    if (dist) files['dist/archive.js'] = `exports.archive = (db) => db.ActivityArchive.findAll();\n`;
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift');
    expect(drift.map((f) => [f.file, f.messageId, f.severity])).toEqual([['models/activity-archive.js', messageId, severity]]);
    const models = result.project.models!.models;
    expect(models.find((m) => m.name === 'ActivityArchive')!.usedBy).toBe(usedBy);
    // Only the model whose table is missing is looked for.
    expect(models.find((m) => m.name === 'User')!.usedBy).toBeUndefined();
  });
});

describe('a model column no migration creates, by whether the application uses the model', () => {
  const SUBSCRIPTION = `module.exports = (sequelize, DataTypes) => sequelize.define('SubscriptionHistoric', { plan: DataTypes.STRING, userId: DataTypes.INTEGER }, { tableName: 'subscription_historic', timestamps: false });\n`;
  const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('subscription_historic', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, plan: Sequelize.STRING });
  },
  async down() {},
};
`;
  it.each([
    { name: 'queried by a service: the queries selecting it fail (error)', app: `const db = require('../models');\nexports.history = () => db.SubscriptionHistoric.findAll();\n`, severity: 'error', messageId: 'attributeWithoutMigration' },
    { name: 'named by no code outside the models folder: latent (info, as a dead model\'s missing table)', app: null, severity: 'info', messageId: 'attributeWithoutMigrationUnused' },
    {
      name: 'named by no code, in a project with SQL the replay cannot read elsewhere (the table itself is known): latent (info)',
      app: null,
      opaque: true,
      severity: 'info',
      messageId: 'attributeWithoutMigrationUnused',
    },
    { name: 'queried by a service, with SQL the replay cannot read elsewhere: error', app: `const db = require('../models');\nexports.history = () => db.SubscriptionHistoric.findAll();\n`, opaque: true, severity: 'error', messageId: 'attributeWithoutMigration' },
  ])('$name', async ({ app, opaque, severity, messageId }) => {
    const files: Record<string, string> = {
      ...base,
      'migrations/20240102000000-create-subscription-historic.js': CREATE,
      'models/subscription-historic.js': SUBSCRIPTION,
      'models/activity-archive.js': `module.exports = () => null;\n`,
    };
    if (app) files['src/history.js'] = app;
    if (opaque) files['migrations/20231231000000-grants.js'] = `module.exports = { async up(qi) { await qi.sequelize.query(process.env.GRANTS_SQL); }, async down() {} };\n`;
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'models/subscription-historic.js');
    expect(drift.map((f) => [f.messageId, f.severity])).toEqual([[messageId, severity]]);
  });
});

// Hold-out 63: `User.hasMany(Address)` implies `UserId` in `Addresses`, whose migration creates `userId`; on PostgreSQL the
// names differ, and whether code uses `Address` is read with the same comparison the rule makes (here `Owner`/`ownerId`).
describe('a column an association implies that no migration creates, by whether the application uses the model', () => {
  const ADDRESS = `module.exports = (sequelize, DataTypes) => sequelize.define('Address', { street: DataTypes.STRING, ownerId: DataTypes.INTEGER }, { tableName: 'Addresses', timestamps: false });\n`;
  const OWNER = `module.exports = (sequelize, DataTypes) => {\n  const Owner = sequelize.define('Owner', {}, { tableName: 'users', timestamps: false });\n  Owner.associate = (models) => { Owner.hasMany(models.Address); };\n  return Owner;\n};\n`;
  const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Addresses', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, street: Sequelize.STRING, ownerId: Sequelize.INTEGER });
  },
  async down() {},
};
`;
  it.each([
    { name: 'queried by a service: the queries on it fail (error)', app: `const db = require('../models');\nexports.list = () => db.Address.findAll();\n`, severity: 'error', messageId: 'impliedColumnWithoutMigration' },
    { name: 'named by no code outside the models folder: latent (info)', app: null, severity: 'info', messageId: 'impliedColumnWithoutMigrationUnused' },
  ])('$name', async ({ app, severity, messageId }) => {
    const files: Record<string, string> = {
      ...base,
      'migrations/20240102000000-create-addresses.js': CREATE,
      'models/address.js': ADDRESS,
      'models/owner.js': OWNER,
      'models/index.js': `const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = {};\nfor (const f of fs.readdirSync(__dirname).filter((f) => f !== 'index.js')) { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; }\nfor (const m of Object.values(db)) if (m.associate) m.associate(db);\nmodule.exports = db;\n`,
      'models/activity-archive.js': `module.exports = () => null;\n`,
    };
    if (app) files['src/addresses.js'] = app;
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.message.includes('`OwnerId`'));
    expect(drift.map((f) => [f.messageId, f.severity])).toEqual([[messageId, severity]]);
  });
});

describe('an implied id the table lacks, where the code takes it off the model (removeAttribute)', () => {
  // `sessions_active` has no id: the application removes the attribute before querying.
  const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('sessions_active', { user_id: Sequelize.STRING, token: Sequelize.STRING });
  },
  async down() {},
};
`;
  const MODEL = (extra: string) => `const { Model, DataTypes } = require('sequelize');
class ActiveSession extends Model {
  static init(connection) {
    super.init({ user_id: DataTypes.STRING, token: DataTypes.STRING }, { sequelize: connection, tableName: 'sessions_active', timestamps: false });${extra}
  }
}
module.exports = ActiveSession;
`;
  it.each([
    { name: 'a controller calls ActiveSession.removeAttribute("id") before its queries: nothing', model: MODEL(''), app: `const ActiveSession = require('../models/active-session');\nexports.check = (token) => {\n  ActiveSession.removeAttribute('id');\n  return ActiveSession.findOne({ where: { token } });\n};\n`, expected: [] },
    { name: 'the model removes it in its own init (this.removeAttribute): nothing', model: MODEL("\n    this.removeAttribute('id');"), app: `const ActiveSession = require('../models/active-session');\nexports.check = (token) => ActiveSession.findOne({ where: { token } });\n`, expected: [] },
    {
      name: 'another model removes its id, not this one: the implied id is still missing (error)',
      model: MODEL(''),
      app: `const ActiveSession = require('../models/active-session');\nconst Other = require('../models/other');\nexports.check = (token) => {\n  Other.removeAttribute('id');\n  return ActiveSession.findOne({ where: { token } });\n};\n`,
      expected: [['impliedColumnWithoutMigration', 'error']],
    },
  ])('$name', async ({ model, app, expected }) => {
    const files: Record<string, string> = {
      ...base,
      'migrations/20240102000000-create-sessions-active.js': CREATE,
      'models/active-session.js': model,
      'models/activity-archive.js': `module.exports = () => null;\n`,
      'src/sessions.js': app,
    };
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'models/active-session.js');
    expect(drift.map((f) => [f.messageId, f.severity])).toEqual(expected);
  });
});

describe('a model column a migration removed, by whether the application uses the model', () => {
  it.each([
    { name: 'queried by a service: the queries selecting it fail (error)', app: `const db = require('../models');\nexports.barangays = () => db.Barangay.findAll();\n`, severity: 'error', messageId: 'attributeColumnRemoved' },
    { name: 'named by no code outside the models folder (a dashboard calling another API): latent (info)', app: null, severity: 'info', messageId: 'attributeColumnRemovedUnused' },
  ])('$name', async ({ app, severity, messageId }) => {
    const files: Record<string, string> = {
      ...base,
      'migrations/20240102000000-create-barangay.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('barangay', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, captain: Sequelize.STRING }); }, async down() {} };\n`,
      'migrations/20240103000000-drop-captain.js': `module.exports = { async up(queryInterface) { await queryInterface.removeColumn('barangay', 'captain'); }, async down() {} };\n`,
      'models/barangay.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Barangay', { name: DataTypes.STRING, captain: DataTypes.STRING }, { tableName: 'barangay', timestamps: false });\n`,
      'models/activity-archive.js': `module.exports = () => null;\n`,
      'src/other.js': `exports.ping = () => 'pong';\n`,
    };
    if (app) files['src/barangays.js'] = app;
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'models/barangay.js');
    expect(drift.map((f) => [f.messageId, f.severity])).toEqual([[messageId, severity]]);
  });
});

it('a project with no application code beside its models and config (a package of models, a copy of the migration folders): whether a model is used cannot be told, and nothing is lowered', async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'db', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }),
    'migrations/20240101000000-create-users.js': CREATE_USERS,
    'models/user.js': USER,
    'models/activity-archive.js': ARCHIVE,
    'config/config.js': `module.exports = { production: { dialect: 'postgres' } };\n`,
  };
  const result = await analyzeProject(project(files));
  const drift = result.findings.filter((f) => f.rule === 'no-model-drift');
  expect(drift.map((f) => [f.file, f.messageId, f.severity])).toEqual([['models/activity-archive.js', 'modelTableWithoutMigration', 'error']]);
  expect(result.project.models!.models.find((m) => m.name === 'ActivityArchive')!.usedBy).toBeUndefined();
});

const INDEX = `const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = {};
for (const file of fs.readdirSync(__dirname).filter((f) => f !== 'index.js')) {
  const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
  db[model.name] = model;
}
module.exports = db;
`;

describe('a models folder nothing outside it loads (the application talks to the database with raw SQL)', () => {
  const PAYROLL = {
    'package.json': JSON.stringify({ name: 'payroll', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }),
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('database', 'migrations'), 'models-path': path.resolve('database', 'models') };\n",
    'database/migrations/20240101000000-create-adjustments.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('adjustments', { adj_id: { type: Sequelize.INTEGER, primaryKey: true }, amount: Sequelize.DECIMAL }); }, async down() {} };\n`,
    'database/models/adjustments.js': `module.exports = (sequelize, DataTypes) => sequelize.define('adjustments', { amount: DataTypes.DECIMAL }, { tableName: 'adjustments' });\n`,
  };
  it.each([
    { name: 'routes use pg and never require the models: no drift is reported (the models are not loaded)', app: `const { Pool } = require('pg');\nconst pool = new Pool();\nexports.list = () => pool.query('SELECT * FROM adjustments');\n`, drift: [] as string[] },
    {
      name: 'a loader naming the folder in path.join(__dirname, ..., "models"): loaded, the implied id and timestamps are reported (one finding of the model)',
      app: `const path = require('path');\nconst fs = require('fs');\nconst dir = path.join(__dirname, '..', 'database', 'models');\nfor (const f of fs.readdirSync(dir)) require(path.join(dir, f));\nexports.adjustments = (db) => db.adjustments.findAll();\n`,
      drift: ['modelColumnsWithoutMigration'],
    },
    // Hold-out 62: a NestJS application whose `@app/domain/models` is its own sequelize-typescript folder, beside the
    // models sequelize-cli generated into the `.sequelizerc` models-path and nothing loads.
    {
      name: 'the application imports another folder of that name through a tsconfig path alias (@app/domain/models -> src/domain/models): not loaded, nothing reported',
      app: `const { adjustments } = require('@app/domain/models');\nexports.list = () => adjustments.findAll();\n`,
      tsconfig: { compilerOptions: { baseUrl: './', paths: { '@app/*': ['./src/*'] } } },
      drift: [] as string[],
    },
    {
      name: 'a path alias that leads to this folder (@db/* -> database/*): loaded, compared',
      app: `const db = require('@db/models');\nexports.list = () => db.adjustments.findAll();\n`,
      tsconfig: { compilerOptions: { baseUrl: '.', paths: { '@db/*': ['database/*'] } } },
      drift: ['modelColumnsWithoutMigration'],
    },
    {
      name: 'a package-like specifier through a folder of that name and no tsconfig to say which: it may be this one, loaded',
      app: `const db = require('@app/models');\nexports.list = () => db.adjustments.findAll();\n`,
      drift: ['modelColumnsWithoutMigration'],
    },
  ])('$name', async ({ app, drift, tsconfig }: { app: string; drift: string[]; tsconfig?: unknown }) => {
    // sequelize-cli's generated index, which loads every file of its folder, for the cases that import the folder.
    const index = tsconfig !== undefined || app.includes('@app/models') ? { 'database/models/index.js': INDEX } : {};
    const result = await analyzeProject(project({ ...PAYROLL, ...index, 'routes/adjustments.js': app, ...(tsconfig ? { 'tsconfig.json': JSON.stringify(tsconfig) } : {}) }));
    expect(result.findings.filter((f) => f.rule === 'no-model-drift' && f.severity !== 'info').map((f) => f.messageId)).toEqual(drift);
  });
});

describe('the generated models/index.js beside a hand-written list the application loads instead (hold-out 81)', () => {
  const FILES: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'clinic', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' } }),
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('database', 'migrations'), 'models-path': path.resolve('database', 'models') };\n",
    'database/migrations/20240101000000-create.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('Users', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE }); }, async down() {} };\n`,
    'database/models/index.js': INDEX,
    'database/models/users.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Users', { name: DataTypes.STRING }, { tableName: 'Users' });\n",
    'database/models/prescription.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Prescription', { dose: DataTypes.STRING });\n",
    'database/db.js': "const { Sequelize, DataTypes } = require('sequelize');\nconst db = { connection: new Sequelize(process.env.DATABASE_URL) };\ndb.Users = require('./models/users.js')(db.connection, DataTypes);\nmodule.exports = db;\n",
    'controllers/prescriptions.js': "const db = require('../database/db');\nexports.list = () => db.Prescription.findAll();\n",
  };
  it.each([
    { name: 'nothing imports the generated index: the model the list leaves out is not loaded, no error', extra: {}, errors: [] as string[] },
    { name: 'a module requires the folder (its index): every model is loaded, the missing table is an error', extra: { 'utils/ping.js': "const { sequelize } = require('../database/models');\nexports.ping = () => sequelize.authenticate();\n" }, errors: ['modelTableWithoutMigration'] },
  ])('$name', async ({ extra, errors }) => {
    const result = await analyzeProject(project({ ...FILES, ...extra }));
    expect(result.findings.filter((f) => f.rule === 'no-model-drift' && f.severity !== 'info').map((f) => f.messageId)).toEqual(errors);
  });
});

it('a models folder nothing requires, beside another folder of the same name the application does require (raw-SQL models in ./models): not loaded, not compared', async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'studio', dependencies: { sequelize: '^6.0.0', mysql2: '^3.0.0' } }),
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('sequelize', 'migrations'), 'models-path': path.resolve('sequelize', 'models') };\n",
    'sequelize/migrations/20221031125630-create-studios.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('studios', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING }); }, async down() {} };\n`,
    'sequelize/models/studios.js': `module.exports = (sequelize, DataTypes) => sequelize.define('studios', { name: DataTypes.STRING }, { tableName: 'studios' });\n`,
    'models/admin_studio_model.js': `const pool = require('../db');\nexports.list = () => pool.query('SELECT * FROM studios');\n`,
    'routes/admin.js': `const studios = require('../models/admin_studio_model');\nexports.get = () => studios.list();\n`,
  };
  const result = await analyzeProject(project(files));
  expect(result.findings.filter((f) => f.rule === 'no-model-drift' && f.severity !== 'info').map((f) => f.messageId)).toEqual([]);
  expect(result.project.models!.models[0]!.notLoaded).toMatch(/no module outside `sequelize\/models\/`/);
});

describe('a model file no module imports, where the loader lists its models by name (an unfinished file, a copy)', () => {
  const FILES = {
    'package.json': JSON.stringify({ name: 'stocks', type: 'module', dependencies: { sequelize: '^6.0.0', mysql2: '^3.0.0' } }),
    'src/database/migrations/20230817192451-create-dividends.cjs': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('dividends', { id: { type: Sequelize.INTEGER, primaryKey: true }, value: Sequelize.FLOAT }); }, async down() {} };\n`,
    '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('src', 'database', 'migrations'), 'models-path': path.resolve('src', 'models') };\n",
    'src/models/Dividend.js': `import Sequelize, { Model } from 'sequelize';\nexport default class Dividend extends Model {\n  static init(sequelize) {\n    super.init({ value: Sequelize.FLOAT }, { sequelize, tableName: 'dividends', underscored: true });\n    return this;\n  }\n}\n`,
    'src/routes/dividends.js': `export const list = (models) => models.Dividend.findAll();\n`,
  };
  it.each([
    {
      name: 'the loader imports other models by name: the file is not loaded, its implied timestamps are not compared',
      loader: `import { Sequelize } from 'sequelize';\nimport User from '../models/User.js';\nconst connection = new Sequelize(process.env.DB_URL);\nfor (const model of [User]) model.init(connection);\n`,
      drift: [] as string[],
    },
    {
      name: 'the loader imports it: compared (created_at and updated_at missing: one finding, one cause)',
      loader: `import { Sequelize } from 'sequelize';\nimport Dividend from '../models/Dividend.js';\nconst connection = new Sequelize(process.env.DB_URL);\nfor (const model of [Dividend]) model.init(connection);\n`,
      drift: ['impliedColumnWithoutMigration'],
    },
    {
      name: 'the loader reads the folder (readdirSync): compared',
      loader: `import fs from 'fs';\nimport path from 'path';\nconst dir = path.resolve('src', 'models');\nexport const load = () => fs.readdirSync(dir).map((f) => import(path.join(dir, f)));\n`,
      drift: ['impliedColumnWithoutMigration'],
    },
    // Hold-out 65: a leftover sequelize-cli `models/index.js` at the root reads its own folder, not `src/models`.
    {
      name: 'a loader in another folder reads its own folder (readdirSync(__dirname)): it loads none of these, the file is not loaded',
      loader: `import { Sequelize } from 'sequelize';\nimport User from '../models/User.js';\nconst connection = new Sequelize(process.env.DB_URL);\nfor (const model of [User]) model.init(connection);\n`,
      extra: { 'legacy/index.js': "const fs = require('fs');\nconst path = require('path');\nfor (const f of fs.readdirSync(__dirname)) require(path.join(__dirname, f));\n" },
      drift: [] as string[],
    },
    {
      name: 'imported only by another model file that nothing imports: not loaded',
      loader: `import { Sequelize } from 'sequelize';\nimport User from '../models/User.js';\nconst connection = new Sequelize(process.env.DB_URL);\nfor (const model of [User]) model.init(connection);\n`,
      extra: { 'src/models/Payout.js': "import Dividend from './Dividend.js';\nexport const payouts = () => Dividend;\n" },
      drift: [] as string[],
    },
    {
      name: 'imported by a model file the loader imports: loaded, compared',
      loader: `import { Sequelize } from 'sequelize';\nimport Payout from '../models/Payout.js';\nconst connection = new Sequelize(process.env.DB_URL);\nexport default Payout;\n`,
      extra: { 'src/models/Payout.js': "import Dividend from './Dividend.js';\nexport default Dividend;\n" },
      drift: ['impliedColumnWithoutMigration'],
    },
    {
      name: 'a tsconfig alias that leads elsewhere (`@/entities/Dividend`) is no import of the model file: not loaded',
      loader: `import { Sequelize } from 'sequelize';\nimport User from '../models/User.js';\nimport { Dividend } from '@/entities/Dividend';\nconst connection = new Sequelize(process.env.DB_URL);\nfor (const model of [User]) model.init(connection);\nexport { Dividend };\n`,
      extra: { 'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: 'src', paths: { '@/*': ['*'] } } }), 'src/entities/Dividend.js': 'export const Dividend = {};\n' },
      drift: [] as string[],
    },
  ])('$name', async ({ loader, drift, extra }: { loader: string; drift: string[]; extra?: Record<string, string> }) => {
    const files = { ...FILES, 'src/models/User.js': `import { Model } from 'sequelize';\nexport default class User extends Model {}\n`, 'src/database/index.js': loader, ...(extra ?? {}) };
    const result = await analyzeProject(project(files));
    expect(result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'src/models/Dividend.js' && f.severity !== 'info').map((f) => f.messageId)).toEqual(drift);
  });
});

// Hold-out 66: a table with a NOT NULL column its model does not map fails every row the model creates, which only
// matters if code creates rows through it.
describe('a NOT NULL column without a default that the model does not map, by whether the application uses the model', () => {
  const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('groups', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, title: Sequelize.STRING, groupname: { type: Sequelize.STRING, allowNull: false } });
  },
  async down() {},
};
`;
  const GROUP = `module.exports = (sequelize, DataTypes) => sequelize.define('Group', { title: DataTypes.STRING }, { tableName: 'groups', timestamps: false });\n`;
  it.each([
    { name: 'a service creates groups: every create fails (warning)', app: `const db = require('../models');\nexports.add = (title) => db.Group.create({ title });\n`, severity: 'warning' },
    { name: 'no code outside the models folder names the model: nothing creates rows through it (info)', app: null, severity: 'info' },
    // Hold-out 66, 68: the rows come from seeders or raw SQL, the application only reads them.
    { name: 'the code only reads, updates and deletes groups (findAll, an include, update, destroy): nothing creates rows through it (info)', app: `const db = require('../models');
exports.list = () => db.Group.findAll({ include: [db.User] });
exports.one = (id) => db.Group.findOne({ where: { id } });
exports.rename = (id, title) => db.Group.update({ title }, { where: { id } });
exports.drop = (id) => db.Group.destroy({ where: { id } });
exports.members = () => db.User.findAll({ include: [{ model: db.Group }] });
`, severity: 'info' },
    { name: 'an association declared on it elsewhere (`db.User.hasMany(db.Group)`) and reads: nothing creates rows through it (info; hold-out 72)', app: `const db = require('../models');\nconst { User, Group } = db;\nUser.hasMany(Group, { foreignKey: 'ownerId' });\nexports.list = () => Group.findAll({ include: [{ model: User }] });\n`, severity: 'info' },
    { name: 'the same with one findOrCreate: it inserts (warning)', app: `const db = require('../models');
exports.list = () => db.Group.findAll();
exports.ensure = (title) => db.Group.findOrCreate({ where: { title } });
`, severity: 'warning' },
    { name: 'the model handed to a generic repository: it may insert (warning)', app: `const db = require('../models');
const repository = require('./repository');
exports.groups = repository(db.Group);
`, severity: 'warning' },
    { name: 'TypeScript: a type annotation and a read (info)', app: `import { Group } from '../models';
export async function list(): Promise<Group[]> {
  return Group.findAll();
}
`, severity: 'info', file: 'src/groups.ts' },
  ])('$name', async ({ app, severity, file }) => {
    const files: Record<string, string> = { ...base, 'migrations/20240102000000-create-groups.js': CREATE, 'models/group.js': GROUP };
    if (app) files[file ?? 'src/groups.js'] = app;
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.message.includes('`groupname`'));
    expect(drift.map((f) => f.severity)).toEqual([severity]);
  });
});

describe('a model whose name is also a Sequelize operator (`like`), where the code only uses the operator (hold-out 70)', () => {
  const LIKE = `module.exports = (sequelize, DataTypes) => sequelize.define('like', { note: DataTypes.STRING }, { tableName: 'likes', timestamps: false });\n`;
  it.each([
    { name: '`[Op.like]` in a where: not the model (info)', app: `const { Op } = require('sequelize');\nconst db = require('../models');\nexports.search = (q) => db.User.findAll({ where: { name: { [Op.like]: q } } });\n`, severity: 'info' },
    { name: '`db.like.findAll()`: the model (error)', app: `const db = require('../models');\nexports.list = () => db.like.findAll();\n`, severity: 'error' },
  ])('$name', async ({ app, severity }) => {
    const result = await analyzeProject(project({ ...base, 'models/like.js': LIKE, 'src/search.js': app }));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'models/like.js');
    expect(drift.map((f) => f.severity)).toEqual([severity]);
  });
});

// Hold-out 96: reference tables the migrations create without `id` or timestamps, whose models imply them, read by the
// application only with `attributes: [...]` and counted; their rows come from seeders.
describe('a column a model implies that no migration creates, by whether any query on the model selects it', () => {
  const SECTOR = `module.exports = (sequelize, DataTypes) => sequelize.define('Sector', { code: DataTypes.STRING, title: DataTypes.STRING }, { tableName: 'sectors', timestamps: false });\n`;
  const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('sectors', { code: { type: Sequelize.STRING }, title: Sequelize.STRING });
  },
  async down() {},
};
`;
  it.each([
    {
      name: 'every query lists its attributes, or counts: none selects `id` (info)',
      app: `const db = require('../models');\nexports.titles = () => db.Sector.findAll({ attributes: ['title'], order: [['title', 'ASC']] });\nexports.total = () => db.Sector.count();\nexports.one = (code) => db.Sector.findOne({ attributes: [['title', 'name']], where: { code } });\n`,
      expected: [['impliedColumnNeverSelected', 'info']],
    },
    {
      name: 'one findAll without a list selects every column: the queries fail (error)',
      app: `const db = require('../models');\nexports.titles = () => db.Sector.findAll({ attributes: ['title'] });\nexports.all = () => db.Sector.findAll();\n`,
      expected: [['impliedColumnWithoutMigration', 'error']],
    },
    {
      name: 'a create through it writes the timestamps and returns the id (error)',
      app: `const db = require('../models');\nexports.titles = () => db.Sector.findAll({ attributes: ['title'] });\nexports.add = (code) => db.Sector.create({ code });\n`,
      expected: [['impliedColumnWithoutMigration', 'error']],
    },
    {
      name: 'a list that excludes (`attributes: { exclude }`) selects the rest (error)',
      app: `const db = require('../models');\nexports.titles = () => db.Sector.findAll({ attributes: { exclude: ['code'] } });\n`,
      expected: [['impliedColumnWithoutMigration', 'error']],
    },
  ])('$name', async ({ app, expected }) => {
    const files: Record<string, string> = {
      ...base,
      'migrations/20240102000000-create-sectors.js': CREATE,
      'models/sector.js': SECTOR,
      'models/activity-archive.js': `module.exports = () => null;\n`,
      'src/sectors.js': app,
    };
    const result = await analyzeProject(project(files));
    const drift = result.findings.filter((f) => f.rule === 'no-model-drift' && f.file === 'models/sector.js');
    expect(drift.map((f) => [f.messageId, f.severity])).toEqual(expected);
    expect(drift[0]!.message).toContain('expects column `id` in `sectors` (no attribute is a primary key, so Sequelize adds `id`)');
  });
});
