import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappedColumns, readModels, readModelSources } from '../../src/models/read-models';
import type { ModelDefinition, ModelsAnalysis } from '../../src/model';
import { REPO } from '../helpers/extract';
import { Workspace } from '../../src/workspace';
import { useTempProjects } from '../helpers/temp-project';

const tempProject = useTempProjects('read-models');

const fixture = (name: string, configFile: string | null = null): ModelsAnalysis =>
  readModels(new Workspace(path.join(REPO, 'fixtures', name)), 'models', { configFile });

function model(analysis: ModelsAnalysis, name: string): ModelDefinition {
  const m = analysis.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name} in ${analysis.models.map((x) => x.name).join(', ')}`);
  return m;
}

/** attribute -> column, for compact assertions. */
const columns = (m: ModelDefinition) => Object.fromEntries(m.attributes.map((a) => [a.name, a.column]));
const implied = (m: ModelDefinition) => m.impliedColumns.map((c) => `${c.kind}:${c.attribute}->${c.column}`);

describe('define style (fixtures/models-define)', () => {
  const analysis = fixture('models-define');

  it('classifies the files: the loader and helpers are not models', () => {
    expect(analysis.files.map((f) => `${f.file} ${f.role}`)).toEqual([
      'models/category.js models',
      'models/constants.js other',
      'models/index.js loader',
      'models/legacy.js models',
      'models/line-item.js models',
      'models/person.js models',
      'models/user.js models',
    ]);
  });

  it('reads the global define options of new Sequelize(...) in the loader', () => {
    expect(analysis.globalDefine).toEqual({ options: { underscored: true }, file: 'models/index.js', partial: false });
  });

  it('User: paranoid, underscored through the global option, explicit field', () => {
    const user = model(analysis, 'User');
    expect(user).toMatchObject({ style: 'define', tableName: 'users', file: 'models/user.js', loc: { line: 4 }, underscored: true, paranoid: true, timestamps: true });
    expect(columns(user)).toEqual({ firstName: 'first_name', email: 'email', avatar: 'avatar_url' });
    expect(user.attributes[0]).toMatchObject({ type: 'STRING(80)', allowNull: false, primaryKey: false, virtual: false, loc: { line: 5, column: 5 } });
    expect(implied(user)).toEqual(['primaryKey:id->id', 'createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at', 'deletedAt:deletedAt->deleted_at']);
    // deletedAt comes from `paranoid: true`, written on line 19.
    expect(user.impliedColumns[3]!.loc.line).toBe(19);
  });

  it('Category: a model option overrides the global one; default table name is pluralized, not underscored', () => {
    const category = model(analysis, 'Category');
    expect(category).toMatchObject({ tableName: 'Categories', underscored: false, timestamps: false });
    expect(columns(category)).toEqual({ name: 'name', parentId: 'parentId' });
    expect(implied(category)).toEqual(['primaryKey:id->id']);
  });

  it('Person: freezeTableName, a renamed createdAt and no updatedAt; DataTypes under another parameter name', () => {
    const person = model(analysis, 'Person');
    expect(person).toMatchObject({ tableName: 'Person', freezeTableName: true });
    expect(columns(person)).toEqual({ fullName: 'full_name', role: 'role' });
    expect(person.attributes[0]!.type).toBe('STRING');
    expect(implied(person)).toEqual(['primaryKey:id->id', 'createdAt:created_on->created_on']);
  });

  it('LineItem: composite key (no id), VIRTUAL, a helper-built attribute, a spread constant, a foreign key from User.hasMany', () => {
    const item = model(analysis, 'LineItem');
    expect(item.tableName).toBe('line_items');
    expect(columns(item)).toEqual({ orderId: 'order_id', position: 'position', unitPrice: 'unit_price', quantity: 'quantity', total: 'total', note: 'note' });
    expect(item.attributes.find((a) => a.name === 'total')).toMatchObject({ virtual: true, type: 'VIRTUAL' });
    expect(item.attributes.find((a) => a.name === 'unitPrice')).toMatchObject({ type: 'DECIMAL(10, 2)', allowNull: false });
    expect(item.attributes.find((a) => a.name === 'note')!.loc.line).toBe(7);
    expect(implied(item)).toEqual(['createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at', 'foreignKey:buyerId->buyer_id']);
    expect(item.impliedColumns[2]).toMatchObject({ file: 'models/user.js', loc: { line: 23 }, reason: 'User.hasMany(LineItem)' });
    expect([...mappedColumns(item)]).not.toContain('total');
  });

  it('a model whose name is computed at run time is listed as unresolved, with the reason', () => {
    const legacy = analysis.models.find((m) => m.file === 'models/legacy.js')!;
    expect(legacy).toMatchObject({ name: null, tableName: null, unresolved: true });
    expect(legacy.unresolvedReason).toMatch(/model name `tableFor\('legacy'\)` is not a constant/);
  });
});

describe('init style (fixtures/models-init)', () => {
  const analysis = fixture('models-init');

  it('Account: Model.init inside the sequelize-cli factory, underscored, version', () => {
    const account = model(analysis, 'Account');
    expect(account).toMatchObject({ style: 'init', tableName: 'accounts', loc: { line: 12 }, bindings: ['Account'] });
    expect(columns(account)).toEqual({ displayName: 'display_name', planCode: 'plan_code' });
    expect(implied(account)).toEqual(['primaryKey:id->id', 'createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at', 'version:version->version']);
  });

  it('Order: super.init in a static init; the class name is the model name; foreign keys from both sides', () => {
    const order = model(analysis, 'Order');
    expect(order).toMatchObject({ style: 'init', tableName: 'Orders', loc: { line: 7 } });
    expect(columns(order)).toEqual({ reference: 'reference', totalCents: 'totalCents' });
    expect(implied(order)).toEqual([
      'primaryKey:id->id',
      'createdAt:createdAt->createdAt',
      'updatedAt:updatedAt->updatedAt',
      'foreignKey:AccountId->AccountId',
      'foreignKey:buyerId->buyerId',
    ]);
  });

  it('Invoice (TypeScript): top-level init, UUID primary key, paranoid with a deletedAt name', () => {
    const invoice = model(analysis, 'Invoice');
    expect(invoice).toMatchObject({ tableName: 'invoices', file: 'models/invoice.ts', paranoid: true });
    expect(invoice.attributes.map((a) => `${a.name}:${a.type}${a.primaryKey ? ':pk' : ''}`)).toEqual(['id:UUID:pk', 'totalCents:INTEGER', "status:ENUM('draft', 'sent', 'paid')"]);
    expect(implied(invoice)).toEqual(['createdAt:createdAt->createdAt', 'updatedAt:updatedAt->updatedAt', 'deletedAt:voided_at->voided_at']);
  });

  it('records associations with their resolved models', () => {
    expect(analysis.associations.map((a) => `${a.source}.${a.type}(${a.target}) fk=${a.foreignKey} as=${a.as}`)).toEqual([
      'Account.hasMany(Order) fk=null as=null',
      'Order.belongsTo(Account) fk=null as=buyer',
    ]);
  });
});

describe('decorators style (fixtures/models-decorators)', () => {
  const analysis = fixture('models-decorators');

  it('Post: @Table options, typed and inferred @Column, field, timestamp decorators, VIRTUAL', () => {
    const post = model(analysis, 'Post');
    expect(post).toMatchObject({ style: 'decorators', tableName: 'posts', underscored: true, paranoid: true, loc: { line: 17 } });
    expect(post.attributes.map((a) => `${a.name}->${a.column}:${a.type}${a.primaryKey ? ':pk' : ''}${a.allowNull ? '' : ':not-null'}@${a.loc.line}`)).toEqual([
      'id->id:INTEGER:pk:not-null@21',
      'title->title:STRING@24',
      'slug->url_slug:STRING(200):not-null@28',
      'authorId->author_id:INTEGER@32',
      'excerpt->excerpt:VIRTUAL@38',
    ]);
    expect(implied(post)).toEqual(['createdAt:publishedAt->published_at', 'updatedAt:updatedAt->updated_at', 'deletedAt:removedAt->removed_at']);
    expect(post.impliedColumns[0]!.loc.line).toBe(41);
  });

  it('Author: bare @Table gets the default table, id and timestamps', () => {
    const author = model(analysis, 'Author');
    expect(author).toMatchObject({ tableName: 'Authors' });
    expect(author.attributes.map((a) => `${a.name}:${a.type}`)).toEqual(['name:STRING', 'isActive:BOOLEAN']);
    expect(implied(author)).toEqual(['primaryKey:id->id', 'createdAt:createdAt->createdAt', 'updatedAt:updatedAt->updatedAt']);
  });

  it('Tag: modelName renames the model, freezeTableName keeps it as the table', () => {
    const tag = model(analysis, 'Label');
    expect(tag).toMatchObject({ tableName: 'Label', bindings: ['Tag'], timestamps: false });
    expect(implied(tag)).toEqual(['primaryKey:id->id']);
  });

  it('association decorators without a foreign key are left to @ForeignKey (no guessed column)', () => {
    expect(analysis.associations.every((a) => a.unresolved)).toBe(true);
    expect(analysis.files.find((f) => f.file === 'models/index.ts')!.role).toBe('loader');
  });
});

describe('lms-backend models', () => {
  const analysis = fixture('lms-backend', 'config/database.js');

  it('reads all 24 models, none unresolved, and the loader', () => {
    expect(analysis.models).toHaveLength(24);
    expect(analysis.models.filter((m) => m.unresolved)).toEqual([]);
    expect(analysis.files.filter((f) => f.role !== 'models').map((f) => `${f.file} ${f.role}`)).toEqual(['models/index.js loader']);
    expect(analysis.globalDefine).toBeNull();
  });

  it('User.linkedinUrl is read with its field and line', () => {
    const user = model(analysis, 'User');
    expect(user.attributes.find((a) => a.name === 'linkedinUrl')).toMatchObject({ column: 'linkedin_url', type: 'STRING', loc: { line: 89, column: 5 } });
  });

  it('underscored and paranoid models get snake_case timestamps', () => {
    expect(implied(model(analysis, 'ChatMessage'))).toEqual([
      'primaryKey:id->id',
      'createdAt:createdAt->created_at',
      'updatedAt:updatedAt->updated_at',
      'deletedAt:deletedAt->deleted_at',
    ]);
    expect(columns(model(analysis, 'Group')).courseId).toBe('course_id');
  });
});

describe('readModelSources: what cannot be read is said, not guessed', () => {
  const read = (source: string, file = 'models/thing.js') => readModelSources([{ file, source }]);

  it('tableName from an imported constant: unresolved', () => {
    const [m] = read(`const { TABLES } = require('../constants');
module.exports = (sequelize, DataTypes) => sequelize.define('Thing', { a: DataTypes.STRING }, { tableName: TABLES.things });`).models;
    expect(m).toMatchObject({ name: 'Thing', tableName: null, unresolved: true, unresolvedReason: 'tableName is not a constant' });
  });

  it('options spread from an unknown value: the table may be set there', () => {
    const [m] = read(`const common = require('./common');
module.exports = (sequelize, DataTypes) => sequelize.define('Thing', { a: DataTypes.STRING }, { ...common });`).models;
    expect(m!.unresolved).toBe(true);
    expect(m!.unresolvedReason).toMatch(/spread/);
  });

  it('attributes spread from an unknown value: incomplete, the known ones are kept', () => {
    const [m] = read(`const shared = require('./shared');
module.exports = (sequelize, DataTypes) => sequelize.define('Thing', { ...shared, a: DataTypes.STRING }, { tableName: 'things' });`).models;
    expect(m).toMatchObject({ tableName: 'things', attributesComplete: false, unresolved: false });
    expect(m!.attributes.map((a) => a.name)).toEqual(['a']);
    // Whether the spread defines a primary key is unknown: no implied id.
    expect(m!.impliedColumns.map((c) => c.kind)).toEqual(['createdAt', 'updatedAt']);
    expect(m!.impliedColumns.every((c) => c.uncertain)).toBe(true);
  });

  it('an attribute defined by an imported value: unresolved attribute', () => {
    const [m] = read(`const { email } = require('./columns');
module.exports = (sequelize) => sequelize.define('Thing', { email }, { tableName: 'things' });`).models;
    expect(m!.attributes[0]).toMatchObject({ name: 'email', unresolved: true });
  });

  it('a file that mentions a model but cannot be read is an unresolved model', () => {
    const analysis = read(`const make = require('../lib/make-model');
module.exports = (sequelize) => make(sequelize).init({}, {});`);
    expect(analysis.models).toHaveLength(1);
    expect(analysis.models[0]).toMatchObject({ unresolved: true, file: 'models/thing.js' });
  });

  it('a file that does not parse is an unresolved model and a parse-error file', () => {
    const analysis = read(`module.exports = (sequelize, DataTypes) => sequelize.define('Thing', {`);
    expect(analysis.files).toEqual([{ file: 'models/thing.js', role: 'parse-error', error: expect.stringMatching(/expected/i) }]);
    expect(analysis.models[0]).toMatchObject({ unresolved: true, unresolvedReason: expect.stringMatching(/does not parse/) });
  });

  it('init on something that is not a model (Sentry.init) is ignored', () => {
    const analysis = read(`const Sentry = require('@sentry/node'); Sentry.init({ dsn: 'x' }, { tracesSampleRate: 1 });`, 'models/index.js');
    expect(analysis.models).toEqual([]);
  });

  it('the global define of the config file (production first) applies when the loader has none', () => {
    const analysis = readModelSources(
      [{ file: 'models/thing.js', source: `module.exports = (sequelize, DataTypes) => sequelize.define('BlogPost', { bodyText: DataTypes.TEXT });` }],
      { config: { file: 'config/config.json', source: JSON.stringify({ development: { dialect: 'postgres' }, production: { define: { underscored: true, freezeTableName: true } } }) } },
    );
    expect(analysis.globalDefine).toMatchObject({ file: 'config/config.json', options: { underscored: true, freezeTableName: true } });
    expect(analysis.models[0]).toMatchObject({ tableName: 'BlogPost', attributes: [{ column: 'body_text' }] });
  });

  describe('the global define of a Sequelize instance built outside the models folder, which the models import', () => {
    const shop = `const { Sequelize } = require('sequelize')
function settings (name) {
  const base = { dialect: 'postgres', define: { underscored: true, createdAt: 'created_on', updatedAt: 'changed_on' } }
  if (process.env.DEBUG_SQL) base.logging = console.log
  return base
}
module.exports = (name) => ({ sequelize: new Sequelize(settings(name)) })
`;
    const model = "const { sequelize } = require('./connection')\nmodule.exports = sequelize.define('StockItem', { unitPrice: require('sequelize').DataTypes.INTEGER })\n";
    const cases: { name: string; files: Record<string, string>; define: string | null; columns: string[] }[] = [
      {
        name: 'one module away from the models folder',
        files: { 'models/stock-item.js': model, 'models/connection.js': "module.exports = require('../lib/database')('shop')\n", 'lib/database.js': shop },
        define: 'lib/database.js',
        columns: ['unit_price', 'id', 'created_on', 'changed_on'],
      },
      {
        name: 'two modules away (a re-export between)',
        files: { 'models/stock-item.js': model, 'models/connection.js': "module.exports = require('../lib/db-index')\n", 'lib/db-index.js': "module.exports = require('./database')('shop')\n", 'lib/database.js': shop },
        define: 'lib/database.js',
        columns: ['unit_price', 'id', 'created_on', 'changed_on'],
      },
      {
        name: 'a module that builds no instance: the defaults',
        files: { 'models/stock-item.js': model, 'models/connection.js': "module.exports = require('../lib/database')\n", 'lib/database.js': 'module.exports = { sequelize: null }\n' },
        define: null,
        columns: ['unitPrice', 'id', 'createdAt', 'updatedAt'],
      },
    ];
    it.each(cases)('$name', ({ files, define, columns: expected }) => {
      const models = Object.keys(files).filter((f) => f.startsWith('models/'));
      const analysis = readModelSources(
        models.map((file) => ({ file, source: files[file]! })),
        { modelsDir: 'models', readSource: (file) => (files[file] === undefined ? null : { file, source: files[file]! }) },
      );
      expect(analysis.globalDefine?.file ?? null).toBe(define);
      const m = analysis.models.find((x) => x.name === 'StockItem')!;
      expect([...mappedColumns(m)]).toEqual(expected);
    });

    it('the instance the models import wins over the sequelize-cli config\'s define, which only an instance built from that config reads (hold-out 53)', () => {
      const files: Record<string, string> = { 'models/stock-item.js': model, 'models/connection.js': "module.exports = require('../lib/database')('shop')\n", 'lib/database.js': shop };
      const cliConfig = { file: 'config/database-cli.js', source: "module.exports = { production: { dialect: 'postgres', define: { underscored: false, timestamps: false } } };\n" };
      const analysis = readModelSources(
        [{ file: 'models/stock-item.js', source: model }, { file: 'models/connection.js', source: files['models/connection.js']! }],
        { modelsDir: 'models', config: cliConfig, readSource: (file) => (files[file] === undefined ? null : { file, source: files[file]! }) },
      );
      expect(analysis.globalDefine?.file).toBe('lib/database.js');
      expect([...mappedColumns(analysis.models.find((x) => x.name === 'StockItem')!)]).toEqual(['unit_price', 'id', 'created_on', 'changed_on']);
    });

    it.each(cases.slice(2))('$name, beside a sequelize-cli config with a define: the config\'s', ({ files }) => {
      const models = Object.keys(files).filter((f) => f.startsWith('models/'));
      const cliConfig = { file: 'config/config.js', source: "module.exports = { production: { dialect: 'postgres', define: { underscored: true } } };\n" };
      const analysis = readModelSources(
        models.map((file) => ({ file, source: files[file]! })),
        { modelsDir: 'models', config: cliConfig, readSource: (file) => (files[file] === undefined ? null : { file, source: files[file]! }) },
      );
      expect(analysis.globalDefine?.file).toBe('config/config.js');
    });

  });

  describe('the global define of a Sequelize instance built beside the models folder, which imports the models and hands them the instance', () => {
    const MODEL = `const Sequelize = require('sequelize');
class Armor extends Sequelize.Model {}
const setup = (sequelize) => {
  Armor.init({ id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING }, { sequelize, freezeTableName: true });
};
module.exports = { Armor, setup };
`;
    const INDEX = "const { setup: armor } = require('./armor');\nexports.setup = (sequelize) => { armor(sequelize); };\n";
    const DB = (define: string, from = './models') => `const Sequelize = require('sequelize');
const { setup } = require('${from}');
const sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASSWORD, { dialect: 'postgres', ${define} });
setup(sequelize);
module.exports = { sequelize };
`;
    it.each([
      { name: 'src/db.js builds it with define: { timestamps: false }: no implied timestamps', files: { 'src/db.js': DB('define: { timestamps: false, paranoid: true }') }, define: 'src/db.js', columns: ['id', 'name'] },
      { name: 'a db.js at the project root that imports src/models/index: the same', files: { 'db.js': DB('define: { timestamps: false }', './src/models/index') }, define: 'db.js', columns: ['id', 'name'] },
      { name: 'an instance beside the folder that does not import the models: not theirs, the defaults', files: { 'src/other-db.js': "const Sequelize = require('sequelize');\nmodule.exports = new Sequelize('x', { define: { timestamps: false } });\n" }, define: null, columns: ['id', 'name', 'createdAt', 'updatedAt'] },
      { name: 'an instance that imports the models and sets no define: the defaults (its options, read whole, say so)', files: { 'src/db.js': DB('logging: false') }, define: 'src/db.js', columns: ['id', 'name', 'createdAt', 'updatedAt'] },
    ])('$name', ({ files, define, columns: expected }) => {
      const root = tempProject({ 'src/models/armor.js': MODEL, 'src/models/index.js': INDEX, ...files });
      const analysis = readModels(new Workspace(root), 'src/models');
      expect(analysis.globalDefine?.file ?? null).toBe(define);
      expect([...mappedColumns(model(analysis, 'Armor'))]).toEqual(expected);
    });
  });

  it.each([
    { name: 'the loader builds its own instance with options, read whole, and no define: the config file\'s define (freezeTableName) does not apply', options: "{ host: process.env.DB_HOST, dialect: 'postgres', logging: false }", table: 'Clinics' },
    { name: 'the loader passes the config file\'s options: its define applies', options: 'config', table: 'Clinic' },
    { name: 'the loader\'s options spread something unread: the config file\'s define applies', options: '{ ...require(\'./options\'), logging: false }', table: 'Clinic' },
  ])('$name', ({ options, table }) => {
    const root = tempProject({
      'config/config.js': "module.exports = { development: { dialect: 'postgres', define: { freezeTableName: true } } };\n",
      'models/index.js': `const Sequelize = require('sequelize');\nconst config = require('../config/config.js').development;\nconst sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASSWORD, ${options});\nconst db = { Clinic: require('./clinic')(sequelize, Sequelize.DataTypes) };\nmodule.exports = db;\n`,
      'models/clinic.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Clinic', { name: DataTypes.STRING });\n",
    });
    const analysis = readModels(new Workspace(root), 'models', { configFile: 'config/config.js' });
    expect(model(analysis, 'Clinic').tableName).toBe(table);
  });

  it.each([
    { name: 'a `database/` folder beside the models\' parent builds the instance from a URL alone and inits the models it imports: no define, so the CLI config\'s `underscored` does not apply (hold-out 59)', connection: 'new Sequelize("postgres://app@db.example.com:5432/shop")', table: 'Categories', define: 'src/database/index.js' },
    { name: 'the same from process.env.DATABASE_URL', connection: 'new Sequelize(process.env.DATABASE_URL)', table: 'Categories', define: 'src/database/index.js' },
    { name: 'the same built from the config: its define applies', connection: 'new Sequelize(configDatabase)', table: 'categories', define: 'src/database/index.js' },
  ])('$name', ({ connection, table, define }) => {
    const root = tempProject({
      'src/config/database.js': "module.exports = { dialect: 'postgres', define: { timestamps: true, underscored: true } };\n",
      'src/app/models/Category.js': "import Sequelize, { Model } from 'sequelize';\nclass Category extends Model {\n  static init(sequelize) {\n    super.init({ name: Sequelize.STRING }, { sequelize });\n    return this;\n  }\n}\nexport default Category;\n",
      'src/database/index.js': `import Sequelize from 'sequelize';\nimport configDatabase from '../config/database';\nimport Category from '../app/models/Category';\nconst models = [Category];\nclass Database {\n  constructor() {\n    this.connection = ${connection};\n    models.map((model) => model.init(this.connection));\n  }\n}\nexport default new Database();\n`,
    });
    const analysis = readModels(new Workspace(root), 'src/app/models', { configFile: 'src/config/database.js' });
    expect(analysis.globalDefine?.file ?? null).toBe(define);
    expect(model(analysis, 'Category').tableName).toBe(table);
  });

  // Hold-out 63: `src/database/index.ts` imports the models through the tsconfig alias `@/models/init-models` and builds
  // `new Sequelize({ ...dbConfig, hooks })`, the options an aliased module exports: its `underscored` names the
  // timestamps `created_at` / `updated_at`, as the migrations create them.
  it.each([
    { name: 'models imported through a path alias, options spread from a module imported through one: that define applies', config: "export default { dialect: 'mysql', define: { timestamps: true, underscored: true } };\n", define: 'src/database/index.ts', columns: ['name', 'id', 'created_at', 'updated_at'] },
    { name: 'the spread module sets no define: the defaults', config: "export default { dialect: 'mysql', logging: false };\n", define: 'src/database/index.ts', columns: ['name', 'id', 'createdAt', 'updatedAt'] },
  ])('$name', ({ config, define, columns: expected }) => {
    const root = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './src', paths: { '@/*': ['*'] } } }),
      'src/config/db.ts': config,
      'src/models/role.ts': "import { DataTypes, Model, Sequelize } from 'sequelize';\nexport class Role extends Model {\n  static initModel(sequelize: Sequelize) {\n    return sequelize.define('Role', { name: DataTypes.STRING }, { tableName: 'role', timestamps: true });\n  }\n}\n",
      'src/models/init-models.ts': "import { Sequelize } from 'sequelize';\nimport { Role } from './role';\nexport function initModels(sequelize: Sequelize) {\n  return { Role: Role.initModel(sequelize) };\n}\n",
      'src/database/index.ts': "import { Sequelize } from 'sequelize';\nimport dbConfig from '@/config/db';\nimport { initModels } from '@/models/init-models';\nconst sequelize = new Sequelize({ ...dbConfig, hooks: {} });\nexport const models = initModels(sequelize);\nexport default sequelize;\n",
    });
    const analysis = readModels(new Workspace(root), 'src/models');
    expect(analysis.globalDefine?.file ?? null).toBe(define);
    expect([...mappedColumns(model(analysis, 'Role'))]).toEqual(expected);
  });

  // Hold-out 84: `src/server.js` imports the models' `initModels` and hands it the instance `src/database/index.js` builds
  // (with `define: { underscored: true }`), which the models do not import and which does not import them.
  it.each([
    { name: 'the module that inits the models imports the one that builds the instance: that instance\'s define applies', db: "import { Sequelize } from 'sequelize';\nconst primary = new Sequelize(process.env.PG_URL, { dialect: 'postgres', define: { underscored: true, timestamps: true } });\nexport async function initDatabase() { await primary.authenticate(); return { primary }; }\n", define: 'src/database/index.js', columns: ['email', 'id', 'created_at', 'updated_at'] },
    { name: 'the imported module builds no instance: the defaults', db: 'export async function initDatabase() { return { primary: null }; }\n', define: null, columns: ['email', 'id', 'createdAt', 'updatedAt'] },
  ])('$name', ({ db, define, columns: expected }) => {
    const root = tempProject({
      'src/database/models/user.js': "import { DataTypes } from 'sequelize';\nexport default (sequelize) => sequelize.define('User', { email: DataTypes.STRING }, { tableName: 'users' });\n",
      'src/database/models/index.js': "import defineUser from './user.js';\nexport function initModels(sequelize) { return { User: defineUser(sequelize) }; }\n",
      'src/database/index.js': db,
      'src/server.js': "import { initDatabase } from './database/index.js';\nimport { initModels } from './database/models/index.js';\nconst connections = await initDatabase();\nexport const models = initModels(connections.primary);\n",
    });
    const analysis = readModels(new Workspace(root), 'src/database/models');
    expect(analysis.globalDefine?.file ?? null).toBe(define);
    expect([...mappedColumns(model(analysis, 'User'))]).toEqual(expected);
  });

  // Hold-out 102: sequelize-typescript's `new Sequelize(..., { define, models })` in `src/sequelize.ts`, three folders
  // above the models, which takes the model list from `src/models.ts`, which takes it from the module's index.
  it.each([
    { name: 'the instance reaches the models through two modules: its freezeTableName names the tables', list: "import { models as accountModels } from './modules/account';\nexport default [...accountModels];\n", define: 'src/sequelize.ts', table: 'Account' },
    { name: 'the list does not come from the models: no define, the plural', list: 'export default [];\n', define: null, table: 'Accounts' },
  ])('$name', ({ list, define, table }) => {
    const root = tempProject({
      'src/modules/account/models/Account.ts': "import { DataTypes } from 'sequelize';\nimport { Table, Column, Model } from 'sequelize-typescript';\n@Table\nclass Account extends Model<Account> {\n  @Column({ type: DataTypes.STRING, allowNull: false })\n  email!: string;\n}\nexport default Account;\n",
      'src/modules/account/index.ts': "import Account from './models/Account';\nexport const models = [Account];\n",
      'src/models.ts': list,
      'src/sequelize.ts': "import { Sequelize } from 'sequelize-typescript';\nimport models from './models';\nexport default new Sequelize(process.env.DB_NAME!, process.env.DB_USER!, process.env.DB_PASSWORD, { dialect: 'postgres', define: { freezeTableName: true, timestamps: false }, models });\n",
    });
    const analysis = readModels(new Workspace(root), 'src/modules/account/models');
    expect(analysis.globalDefine?.file ?? null).toBe(define);
    expect(model(analysis, 'Account').tableName).toBe(table);
  });

  // Hold-out 66: every model imports the instance through the alias `@/config/database.js`, a TypeScript file.
  it('the instance the models import through a tsconfig path alias (`@/config/database.js` -> src/config/database.ts) gives them its define', () => {
    const root = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
      'src/config/database.ts': "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!, { define: { underscored: true } });\n",
      'src/models/booking.model.ts': "import { DataTypes, Model } from 'sequelize';\nimport { sequelize } from '@/config/database.js';\nexport class Booking extends Model {}\nBooking.init({ eventId: DataTypes.INTEGER }, { sequelize, tableName: 'bookings' });\n",
    });
    const analysis = readModels(new Workspace(root), 'src/models');
    expect(analysis.globalDefine?.file ?? null).toBe('src/config/database.ts');
    expect([...mappedColumns(model(analysis, 'Booking'))]).toEqual(['event_id', 'id', 'created_at', 'updated_at']);
  });

  describe('associations a file beside the models folder declares on the models it requires', () => {
    const LESSON = "const { DataTypes } = require('sequelize');\nmodule.exports = (db) => db.define('lesson', { title: DataTypes.STRING }, { timestamps: false });\n";
    const TUTOR = "const { DataTypes } = require('sequelize');\nmodule.exports = (db) => db.define('tutor', { name: DataTypes.STRING }, { timestamps: false });\n";
    const DB = (body: string) =>
      `const { Sequelize } = require('sequelize');\nconst db = new Sequelize(process.env.DATABASE_URL);\nconst Lesson = require('./models/lesson')(db);\nconst Tutor = require('./models/tutor')(db);\n${body}\nmodule.exports = { db, Lesson, Tutor };\n`;
    it.each([
      {
        name: 'db.js at the root: `Lesson.belongsTo(Tutor, { foreignKey })` gives the lesson its key column',
        files: { 'db.js': DB("Tutor.hasMany(Lesson, { foreignKey: 'tutor_ref' });\nLesson.belongsTo(Tutor, { foreignKey: 'tutor_ref', as: 'tutor' });") },
        associations: ['tutor.hasMany(lesson) fk=tutor_ref unresolved=false', 'lesson.belongsTo(tutor) fk=tutor_ref unresolved=false'],
        lesson: ['title', 'id', 'tutor_ref'],
      },
      {
        name: 'the default key of an association without foreignKey: `tutorId`',
        files: { 'db.js': DB('Lesson.belongsTo(Tutor);') },
        associations: ['lesson.belongsTo(tutor) fk=null unresolved=false'],
        lesson: ['title', 'id', 'tutorId'],
      },
      {
        name: 'a file that declares associations on names it does not require from the models folder: not read',
        files: { 'db.js': "const Lesson = require('./lib/lesson');\nconst Tutor = require('./lib/tutor');\nLesson.belongsTo(Tutor, { foreignKey: 'tutor_ref' });\n" },
        associations: [],
        lesson: ['title', 'id'],
      },
    ])('$name', ({ files, associations, lesson }) => {
      const root = tempProject({ 'models/lesson.js': LESSON, 'models/tutor.js': TUTOR, ...files });
      const analysis = readModels(new Workspace(root), 'models');
      expect(analysis.associations.map((a) => `${a.source}.${a.type}(${a.target}) fk=${a.foreignKey} unresolved=${a.unresolved}`)).toEqual(associations);
      expect([...mappedColumns(model(analysis, 'lesson'))]).toEqual(lesson);
    });
  });

  it('an association whose source is read through the registry the loader passes (models.Accounts.hasMany(models.Balances, { foreignKey })): the key goes on the target', () => {
    const analysis = readModelSources([
      {
        file: 'models/accounts.js',
        source: `module.exports = (sequelize, DataTypes) => {
  const Accounts = sequelize.define('Accounts', { mask: DataTypes.STRING }, {});
  Accounts.associate = function (models) {
    models.Accounts.hasMany(models.Balances, { as: 'Balances', foreignKey: 'account_id' });
  };
  return Accounts;
};`,
      },
      { file: 'models/balances.js', source: "module.exports = (sequelize, DataTypes) => sequelize.define('Balances', { current: DataTypes.INTEGER }, {});" },
    ]);
    expect(analysis.associations.map((a) => `${a.source}.${a.type}(${a.target}) fk=${a.foreignKey} unresolved=${a.unresolved}`)).toEqual(['Accounts.hasMany(Balances) fk=account_id unresolved=false']);
    expect(implied(model(analysis, 'Balances'))).toContain('foreignKey:account_id->account_id');
  });

  it('a loader with one new Sequelize per environment: an option they all set alike applies, one only some set is unknown (which runs depends on the environment)', () => {
    const loader = `const { Sequelize } = require('sequelize');
const config = require('../config/config')[process.env.NODE_ENV || 'development'];
let sequelize;
if (config.environment === 'production') {
  sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'postgres', define: { paranoid: true, freezeTableName: true } });
} else {
  sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'postgres', define: { freezeTableName: true } });
}
module.exports = sequelize;`;
    const analysis = readModelSources([
      { file: 'models/index.js', source: loader },
      { file: 'models/rule_group.js', source: `module.exports = (sequelize, DataTypes) => sequelize.define('rule_group', { title: DataTypes.STRING });` },
    ]);
    const m = analysis.models[0]!;
    expect(m.tableName).toBe('rule_group');
    expect(m.unresolvedOptions).toContain('paranoid');
    expect(m.impliedColumns.find((c) => c.kind === 'deletedAt')?.uncertain).toBe(true);
    expect(m.impliedColumns.find((c) => c.kind === 'createdAt')?.uncertain).toBeUndefined();
  });

  it.each([
    { name: 'config.define = { freezeTableName: true } before new Sequelize(..., config): the table is the model name (hold-out 74)', assign: 'config.define = {\n  freezeTableName: true,\n};', table: 'User', unknown: false },
    { name: "config['define'] = { ... }: the same", assign: "config['define'] = { freezeTableName: true };", table: 'User', unknown: false },
    { name: 'no assignment: the config file environment is read as it is (no define: plural)', assign: '', table: 'Users', unknown: false },
    { name: 'config.define = someOptions(): not known', assign: 'config.define = someOptions();', table: null, unknown: true },
  ])('a loader that writes `define` on the config it passes: $name', ({ assign, table, unknown }) => {
    const loader = `const Sequelize = require('sequelize');\nconst dbconfig = require('../configs/dbconf');\nconst env = process.env.NODE_ENV || 'development';\nconst config = dbconfig[env];\n${assign}\nlet sequelize;\nif (config.use_env_variable) {\n  sequelize = new Sequelize(process.env[config.use_env_variable], config);\n} else {\n  sequelize = new Sequelize(config.database, config.username, config.password, config);\n}\nmodule.exports = sequelize;\n`;
    const analysis = readModelSources([
      { file: 'models/index.js', source: loader },
      { file: 'models/user.js', source: "module.exports = (sequelize, DataTypes) => sequelize.define('User', { firstName: DataTypes.STRING });" },
    ]);
    const m = model(analysis, 'User');
    if (unknown) expect(m.unresolvedOptions).toContain('freezeTableName');
    else expect(m.tableName).toBe(table);
  });

  it('an unknown global define value makes the dependent facts unknown', () => {
    const analysis = readModelSources([
      { file: 'models/index.js', source: `const { Sequelize } = require('sequelize'); const s = new Sequelize(process.env.URL, { define: { underscored: process.env.SNAKE === '1' } });` },
      { file: 'models/thing.js', source: `module.exports = (sequelize, DataTypes) => sequelize.define('Thing', { bodyText: DataTypes.TEXT }, { tableName: 'things' });` },
    ]);
    const m = analysis.models[0]!;
    expect(m.unresolvedOptions).toContain('underscored');
    expect(m.attributes[0]!.unresolved).toBe(true);
    expect(m.impliedColumns.every((c) => c.uncertain)).toBe(true);
  });
});

/** `name->column:TYPE`, with `@file` for an attribute declared in another file. */
const attributeList = (m: ModelDefinition) => m.attributes.map((a) => `${a.name}->${a.column}:${a.type}${a.file ? `@${a.file}` : ''}`);
/** `kind:column@file:line`, `?` when uncertain. */
const impliedWhere = (m: ModelDefinition) => m.impliedColumns.map((c) => `${c.kind}:${c.column}@${c.file}:${c.loc.line}${c.uncertain ? '?' : ''}`);

describe('sequelize-typescript base classes and accessors (fixtures/models-inheritance)', () => {
  const analysis = fixture('models-inheritance');

  it('Board: columns and timestamp decorators of a three-level extends chain in other files, and a decorated get/set pair', () => {
    const board = model(analysis, 'board');
    expect(board).toMatchObject({ tableName: 'boards', paranoid: true, timestamps: true, attributesComplete: true, unresolved: false });
    expect(attributeList(board)).toEqual([
      'id->id:UUID@models/base/KeyedModel.ts',
      'shelvedAt->shelvedAt:DATE@models/base/ShelvedModel.ts',
      'title->title:STRING',
      'coverUrl->coverUrl:STRING',
    ]);
    expect(board.attributes.find((a) => a.name === 'shelvedAt')).toMatchObject({ inheritedFrom: 'ShelvedModel', loc: { line: 7 }, allowNull: true });
    expect(board.attributes.find((a) => a.name === 'coverUrl')!.loc.line).toBe(12);
    expect(impliedWhere(board)).toEqual([
      'createdAt:createdAt@models/base/KeyedModel.ts:10',
      'updatedAt:updatedAt@models/base/KeyedModel.ts:13',
      'deletedAt:removedAt@models/base/SoftDeleteModel.ts:6',
    ]);
    expect(board.impliedColumns[2]!.reason).toBe('`@DeletedAt` of `SoftDeleteModel`');
  });

  it('Card: a base imported through a re-exporting index, underscored applies to inherited columns, a setter-only @Column with its parameter type', () => {
    const card = model(analysis, 'card');
    expect(card).toMatchObject({ tableName: 'cards', underscored: true, paranoid: true });
    expect(attributeList(card)).toEqual(['id->id:UUID@models/base/KeyedModel.ts', 'heading->heading:TEXT', 'bodyText->body_text:STRING']);
    expect(implied(card)).toEqual(['createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at', 'deletedAt:removedAt->removed_at']);
  });

  it('BoardCard: the belongsToMany through model loses the id Sequelize would add', () => {
    const through = model(analysis, 'BoardCard');
    expect(implied(through)).toEqual([]);
    expect(analysis.associations).toEqual([expect.objectContaining({ type: 'belongsToMany', source: 'board', target: 'card', through: 'BoardCard' })]);
  });

  it('Sticker: @Table({ timestamps: false }) overrides the inherited @CreatedAt / @UpdatedAt', () => {
    const sticker = model(analysis, 'Sticker');
    expect(sticker).toMatchObject({ tableName: 'stickers', timestamps: false, attributesComplete: true });
    // `@app/models/base`: an alias that goes through the models folder's name.
    expect(attributeList(sticker)).toEqual(['id->id:UUID@models/base/KeyedModel.ts', 'label->label:STRING']);
    expect(implied(sticker)).toEqual([]);
  });

  it('AuditEntry: modelName pluralized and underscored into the table; paranoid: false overrides the inherited @DeletedAt', () => {
    const entry = model(analysis, 'auditEntry');
    expect(entry).toMatchObject({ tableName: 'audit_entries', paranoid: false, underscored: true });
    expect(implied(entry)).toEqual(['createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at']);
  });

  it('Invoice: a base class outside the models folder, read from the project', () => {
    const invoice = model(analysis, 'Invoice');
    expect(attributeList(invoice)).toEqual(['tenantId->tenantId:INTEGER@lib/db/TenantModel.ts', 'amount->amount:DECIMAL(10, 2)', 'dueOn->dueOn:DATEONLY']);
    expect(implied(invoice)).toEqual(['primaryKey:id->id', 'createdAt:createdAt->createdAt', 'updatedAt:updatedAt->updatedAt']);
  });

  it('Payout: a base class imported through a tsconfig.json paths alias', () => {
    const payout = model(analysis, 'Payout');
    expect(attributeList(payout)).toEqual(['tenantId->tenantId:INTEGER@lib/db/TenantModel.ts', 'amount->amount:DECIMAL(10, 2)']);
    expect(implied(payout)).toEqual(['primaryKey:id->id']);
  });

  it('Receipt: a base class from a package is not followed: attributes incomplete, implied columns uncertain', () => {
    const receipt = model(analysis, 'Receipt');
    expect(receipt).toMatchObject({ tableName: 'receipts', unresolved: false, attributesComplete: false });
    expect(receipt.unresolvedReason).toBe('the base class `LedgerModel` is imported from `@acme/ledger`, which migralint does not follow');
    expect(impliedWhere(receipt)).toEqual(['createdAt:createdAt@models/Receipt.ts:5?', 'updatedAt:updatedAt@models/Receipt.ts:5?']);
  });

  it('base-class files are neither models nor unresolved models', () => {
    expect(analysis.models.map((m) => m.name).sort()).toEqual(['BoardCard', 'Invoice', 'Payout', 'Receipt', 'Sticker', 'auditEntry', 'board', 'card']);
    expect(analysis.files.filter((f) => f.file.startsWith('models/base/')).map((f) => `${f.file} ${f.role}`)).toEqual([
      'models/base/KeyedModel.ts other',
      'models/base/ShelvedModel.ts other',
      'models/base/SoftDeleteModel.ts other',
      'models/base/index.ts loader',
      'models/base/unrelated.ts other',
    ]);
  });
});

describe('readModelSources: base classes in memory', () => {
  const read = (files: Record<string, string>) => readModelSources(Object.entries(files).map(([file, source]) => ({ file, source })));
  const TS = `import { Column, CreatedAt, DataType, DeletedAt, Model, Table } from 'sequelize-typescript';\n`;

  it('classes that extend each other in a cycle: incomplete, no crash', () => {
    const analysis = read({
      'models/A.ts': `${TS}import B from './B';\n@Table({ tableName: 'as' })\nexport default class A extends B { @Column(DataType.STRING) a!: string; }\n`,
      'models/B.ts': `${TS}import A from './A';\nexport default class B extends A { @Column(DataType.STRING) b!: string; }\n`,
    });
    const a = analysis.models.find((m) => m.name === 'A')!;
    expect(a).toMatchObject({ attributesComplete: false, unresolvedReason: 'the base classes of `A` extend each other in a cycle' });
    expect(a.attributes.map((x) => x.name)).toEqual(['b', 'a']);
  });

  it('an abstract @Table base: not a model; its options (not its modelName) and columns are inherited', () => {
    const analysis = read({
      'models/base.ts': `${TS}@Table({ underscored: true, modelName: 'base' })\nexport abstract class Base extends Model { @DeletedAt gone!: Date; @Column(DataType.INTEGER) ownerId!: number; }\n`,
      'models/note.ts': `${TS}import { Base } from './base';\n@Table\nexport class Note extends Base { @Column(DataType.TEXT) body!: string; }\n`,
    });
    expect(analysis.models.map((m) => m.name)).toEqual(['Note']);
    const note = analysis.models[0]!;
    expect(note).toMatchObject({ tableName: 'notes', underscored: true, paranoid: true });
    expect(note.attributes.map((a) => `${a.name}->${a.column}`)).toEqual(['ownerId->owner_id', 'body->body']);
    expect(implied(note)).toEqual(['primaryKey:id->id', 'createdAt:createdAt->created_at', 'updatedAt:updatedAt->updated_at', 'deletedAt:gone->gone']);
  });

  it('a base class in the same file, an anonymous default export, CommonJS require, a redeclared column', () => {
    const analysis = read({
      'models/stamp.ts': `${TS}export default class extends Model { @CreatedAt madeAt!: Date; @Column(DataType.STRING) note!: string; }\n`,
      'models/mid.ts': `const Stamped = require('./stamp');\nclass Mid extends Stamped {}\nmodule.exports = Mid;\n`,
      'models/item.ts': `${TS}const Mid = require('./mid');\nclass Local extends Mid {}\n@Table({ tableName: 'items', updatedAt: false })\nexport class Item extends Local { @Column(DataType.TEXT) note!: string; }\n`,
    });
    const item = analysis.models.find((m) => m.name === 'Item')!;
    expect(item.attributesComplete).toBe(true);
    expect(item.attributes.map((a) => `${a.name}:${a.type}${a.file ? `@${a.file}` : ''}`)).toEqual(['note:TEXT']);
    expect(implied(item)).toEqual(['primaryKey:id->id', 'createdAt:madeAt->madeAt']);
  });

  it('an unknown identifier as base, or an expression: incomplete with the reason', () => {
    const analysis = read({
      'models/x.ts': `${TS}@Table({ tableName: 'xs' })\nexport class X extends Mixin { @Column(DataType.TEXT) body!: string; }\n@Table({ tableName: 'ys' })\nexport class Y extends withTimestamps(Model) {}\n`,
    });
    expect(analysis.models.map((m) => [m.name, m.attributesComplete, m.unresolvedReason])).toEqual([
      ['X', false, 'the base class `Mixin` is neither declared nor imported in `models/x.ts`'],
      ['Y', false, 'the base class of `Y` is an expression migralint cannot follow'],
    ]);
  });

  it('belongsToMany paired through one model, each side giving only its foreignKey: the other key of each is the pair\'s foreignKey, not a default', () => {
    const define = (name: string, table: string, assoc: string) =>
      `module.exports = (sequelize, DataTypes) => {\n  const ${name} = sequelize.define('${name}', { label: DataTypes.STRING }, { tableName: '${table}', timestamps: false });\n  ${name}.associate = (models) => {${assoc}};\n  return ${name};\n};\n`;
    const analysis = read({
      'models/role.js': define('Role', 'roles', ` Role.belongsToMany(models.Grant, { through: models.RoleGrant, foreignKey: 'role_id' });`),
      'models/grant.js': define('Grant', 'grants', ` Grant.belongsToMany(models.Role, { through: models.RoleGrant, foreignKey: 'grant_id' });`),
      'models/role-grant.js': define('RoleGrant', 'role_grants', ''),
    });
    expect(analysis.models.find((m) => m.name === 'RoleGrant')!.impliedColumns.map((c) => `${c.kind}:${c.column}`)).toEqual(['foreignKey:role_id', 'foreignKey:grant_id']);
  });

  it('Model.init through a base class with its own static init (merging renamed timestamps): the model\'s attributes and options are what that method makes of them, unread: incomplete, implied timestamps uncertain; a base without one changes nothing', () => {
    const analysis = read({
      'models/base.entity.js': `const { Model, DataTypes } = require('sequelize');
class BaseEntity extends Model {
  static init(attrs, options) {
    return super.init({ id: { type: DataTypes.UUID, primaryKey: true }, ...attrs }, { timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at', ...options });
  }
}
module.exports = BaseEntity;
`,
      'models/plain.base.js': "const { Model } = require('sequelize');\nclass PlainBase extends Model {\n  static label() { return 'x'; }\n}\nmodule.exports = PlainBase;\n",
      'models/depot.model.js': `const { DataTypes } = require('sequelize');
const BaseEntity = require('./base.entity');
class Depot extends BaseEntity {
  static initModel(sequelize) {
    super.init({ name: { type: DataTypes.STRING } }, { sequelize, tableName: 'depots' });
  }
}
module.exports = Depot;
`,
      'models/crate.model.js': `const { DataTypes } = require('sequelize');
const PlainBase = require('./plain.base');
class Crate extends PlainBase {
  static initModel(sequelize) {
    super.init({ label: { type: DataTypes.STRING } }, { sequelize, tableName: 'crates' });
  }
}
module.exports = Crate;
`,
    });
    const depot = analysis.models.find((m) => m.name === 'Depot')!;
    expect(depot).toMatchObject({ attributesComplete: false, unresolvedReason: 'the base class `BaseEntity` overrides `init`: what it adds to the attributes and options is not read' });
    expect(depot.impliedColumns.filter((c) => c.kind === 'createdAt' || c.kind === 'updatedAt').every((c) => c.uncertain)).toBe(true);
    const crate = analysis.models.find((m) => m.name === 'Crate')!;
    expect(crate.attributesComplete).toBe(true);
    expect(crate.impliedColumns.map((c) => `${c.kind}:${c.column}${c.uncertain ? '?' : ''}`)).toEqual(['primaryKey:id', 'createdAt:createdAt', 'updatedAt:updatedAt']);
  });

  it('a getter @Column takes its type from the return type; an undecorated accessor is not an attribute', () => {
    const [m] = read({
      'models/p.ts': `${TS}@Table({ tableName: 'ps' })\nexport class P extends Model {\n  @Column get score(): number { return this.getDataValue('score'); }\n  set score(v: number) { this.setDataValue('score', v); }\n  get label(): string { return 'p'; }\n}\n`,
    }).models;
    expect(m!.attributes.map((a) => `${a.name}:${a.type}@${a.loc.line}`)).toEqual(['score:INTEGER@4']);
  });

  it('belongsToMany through, as options: { through: models.X }, { through: { model: () => X } } and { through: { model: models.X } }; a string naming a defined model is that model; a table name is not a model', () => {
    const define = (name: string, table: string, assoc = '') =>
      `module.exports = (sequelize, DataTypes) => {\n  const ${name} = sequelize.define('${name}', { label: DataTypes.STRING }, { tableName: '${table}' });\n  ${name}.associate = (models) => {${assoc}};\n  return ${name};\n};\n`;
    const analysis = read({
      'models/role.js': define('Role', 'roles', ` Role.belongsToMany(models.Team, { through: models.RoleTeam }); Role.belongsToMany(models.Team, { through: 'role_links' }); Role.belongsToMany(models.Team, { through: 'TeamLead', as: 'leads' }); Role.belongsToMany(models.Team, { through: { model: models.RoleDeputy }, as: 'deputies' });`),
      'models/team.js': define('Team', 'teams'),
      'models/role-team.js': define('RoleTeam', 'role_teams'),
      'models/team-lead.js': define('TeamLead', 'team_leads'),
      'models/role-deputy.js': define('RoleDeputy', 'role_deputies'),
    });
    expect(analysis.associations.map((a) => a.through)).toEqual(['RoleTeam', null, 'TeamLead', 'RoleDeputy']);
    // `{ through: { model: models.X } }` is that model too: no generated id.
    expect(analysis.models.find((m) => m.name === 'RoleDeputy')!.impliedColumns.map((c) => c.kind)).not.toContain('primaryKey');
    // A string naming a defined model is that model (Sequelize's isDefined): its generated id goes too.
    // Both keys of each pairing go on the through model (foreignKey from the source, otherKey from the target).
    expect(analysis.models.find((m) => m.name === 'TeamLead')!.impliedColumns.map((c) => `${c.kind}:${c.column}`)).toEqual(['createdAt:createdAt', 'updatedAt:updatedAt', 'foreignKey:RoleId', 'foreignKey:TeamId']);
    expect(analysis.models.find((m) => m.name === 'RoleTeam')!.impliedColumns.map((c) => `${c.kind}:${c.column}`)).toEqual(['createdAt:createdAt', 'updatedAt:updatedAt', 'foreignKey:RoleId', 'foreignKey:TeamId']);
    expect(analysis.models.find((m) => m.name === 'Team')!.impliedColumns.map((c) => c.kind)).toEqual(['primaryKey', 'createdAt', 'updatedAt']);
  });
});

describe('readModelSources: models the loader never loads', () => {
  const loader = (extra = '') => `const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = {};
fs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => { const m = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes); db[m.name] = m; });
${extra}module.exports = db;
`;
  const model = (name: string) => `module.exports = (sequelize, DataTypes) => sequelize.define('${name}', { label: DataTypes.STRING });\n`;
  const read = (index: string) =>
    readModelSources([
      { file: 'models/index.js', source: index },
      { file: 'models/shelf.js', source: model('Shelf') },
      { file: 'models/old/crate.js', source: model('Crate') },
    ]).models.map((m) => `${m.name}${m.notLoaded ? ` not loaded: ${m.notLoaded}` : ''}`);

  it('a flat readdirSync(__dirname) loader does not reach models/old/', () => {
    expect(read(loader())).toEqual(['Shelf', 'Crate not loaded: `models/index.js` loads only the files directly in `models/`, and no file of that folder names `old/`']);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'two files defining one model name: the later in name order holds the registry, the earlier is shadowed',
      { 'models/IVRMapping.js': model('IVRMapping'), 'models/ivr_mappings.model.js': model('IVRMapping') },
      ['IVRMapping not loaded: `models/ivr_mappings.model.js` defines `IVRMapping` again and `models/index.js` loads it after this file (in name order): the registry and `sequelize.models` hold that one', 'IVRMapping'],
    ],
    [
      'a shadowed file another model file requires by name still serves that file',
      { 'models/IVRMapping.js': model('IVRMapping'), 'models/ivr_mappings.model.js': model('IVRMapping'), 'models/zone.js': `const Legacy = require('./IVRMapping');\n${model('Zone')}` },
      ['IVRMapping', 'IVRMapping', 'Zone'],
    ],
    ['two model names: both loaded', { 'models/IVRMapping.js': model('IVRMapping'), 'models/ivr_mappings.model.js': model('IVRDigit') }, ['IVRMapping', 'IVRDigit']],
  ])('%s', (_name, files, expected) => {
    const analysis = readModelSources([{ file: 'models/index.js', source: loader() }, ...Object.entries(files).map(([file, source]) => ({ file, source }))]);
    expect(analysis.models.map((m) => `${m.name}${m.notLoaded ? ` not loaded: ${m.notLoaded}` : ''}`)).toEqual(expected);
  });

  it('a loader that requires the subfolder, or descends into directories, loads it', () => {
    expect(read(loader(`db.Crate = require('./old/crate')(sequelize, Sequelize.DataTypes);\n`))).toEqual(['Shelf', 'Crate']);
    expect(read(loader().replace(".filter((f) => f !== 'index.js')", ".filter((f) => !fs.statSync(path.join(__dirname, f)).isDirectory())"))).toEqual(['Shelf', 'Crate']);
    expect(read(loader().replace('readdirSync(__dirname)', "readdirSync(__dirname, { recursive: true })"))).toEqual(['Shelf', 'Crate']);
  });
});

describe('table names by the Sequelize major version the project declares (measured: test/semantics/sequelize-v4-naming.test.ts)', () => {
  it.each([
    { name: 'Sequelize 4: `underscored: true` leaves the table name as pluralized', sequelize: '^4.41.2', options: '{ underscored: true }', table: 'BookStores', columns: ['title', 'id', 'created_at', 'updated_at'] },
    { name: 'Sequelize 4: `underscoredAll: true` underscores it', sequelize: '~4.44.0', options: '{ underscoredAll: true }', table: 'book_stores', columns: ['title', 'id', 'createdAt', 'updatedAt'] },
    { name: 'Sequelize 6: `underscored: true` underscores it', sequelize: '^6.37.0', options: '{ underscored: true }', table: 'book_stores', columns: ['title', 'id', 'created_at', 'updated_at'] },
    { name: 'no version declared: as Sequelize 5 and later', sequelize: null, options: '{ underscored: true }', table: 'book_stores', columns: ['title', 'id', 'created_at', 'updated_at'] },
  ])('$name', ({ sequelize, options, table, columns }) => {
    const root = tempProject({
      'package.json': JSON.stringify({ name: 'shop', dependencies: sequelize ? { sequelize } : {} }),
      'models/book-store.js': `module.exports = (sequelize, DataTypes) => sequelize.define('BookStore', { title: DataTypes.STRING }, ${options});\n`,
    });
    const analysis = readModels(new Workspace(root), 'models');
    expect(model(analysis, 'BookStore').tableName).toBe(table);
    expect([...mappedColumns(model(analysis, 'BookStore'))]).toEqual(columns);
  });
});

describe('associations in an `associate` no loader calls (hold-out 66)', () => {
  const cls = (name: string, table: string, associate: string) =>
    `const { Model, DataTypes } = require('sequelize');\nclass ${name} extends Model {\n  static init(sequelize) {\n    super.init({ title: DataTypes.STRING }, { sequelize, tableName: '${table}' });\n  }\n  static associate(models) {\n${associate}\n  }\n}\nmodule.exports = ${name};\n`;
  const MODELS = {
    'src/models/Recipe.js': cls('Recipe', 'recipes', "    this.hasMany(models.Step, { foreignKey: 'recipeId', as: 'steps' });"),
    'src/models/Step.js': cls('Step', 'steps', "    this.belongsTo(models.Recipe, { foreignKey: 'recipeId', as: 'recipe' });"),
    // A join model whose associate was left out of the loader's list: its hasOne would put `stepRef` on steps.
    'src/models/RecipeStep.js': cls('RecipeStep', 'recipe_steps', "    this.hasOne(models.Step, { foreignKey: 'stepRef', as: 'step' });"),
  };
  const loader = (associate: string) =>
    `const Sequelize = require('sequelize');\nconst Recipe = require('../models/Recipe');\nconst Step = require('../models/Step');\nconst RecipeStep = require('../models/RecipeStep');\nconst connection = new Sequelize(process.env.DATABASE_URL);\nRecipe.init(connection);\nStep.init(connection);\nRecipeStep.init(connection);\n${associate}\nmodule.exports = connection;\n`;
  it.each([
    { name: 'the loader calls associate on two models by name, not the third: the third declares nothing', associate: 'Recipe.associate(connection.models);\nStep.associate(connection.models);', stepColumns: ['recipeId'] },
    { name: 'the loader calls it on all three: the join model\'s foreign key is on steps', associate: 'Recipe.associate(connection.models);\nStep.associate(connection.models);\nRecipeStep.associate(connection.models);', stepColumns: ['recipeId', 'stepRef'] },
    { name: 'a loop over the registry: every associate may run', associate: 'Object.values(connection.models).forEach((m) => m.associate && m.associate(connection.models));', stepColumns: ['recipeId', 'stepRef'] },
  ])('$name', ({ associate, stepColumns }) => {
    const root = tempProject({ ...MODELS, 'src/database/index.js': loader(associate) });
    const analysis = readModels(new Workspace(root), 'src/models');
    expect(model(analysis, 'Step').impliedColumns.map((c) => c.column).filter((c) => c !== 'id' && !/At$/.test(c)).sort()).toEqual(stepColumns);
  });
});

describe('associations in `associate` functions that no file calls, where the loader wires the associations by hand (hold-out 71)', () => {
  const def = (name: string, table: string, body: string) =>
    `module.exports = (sequelize, DataTypes) => {\n  const ${name} = sequelize.define('${name}', { title: DataTypes.STRING }, { tableName: '${table}' });\n  ${name}.associate = (models) => {\n    ${body}\n  };\n  return ${name};\n};\n`;
  const MODELS = {
    'models/recipe.js': def('Recipe', 'recipes', "Recipe.hasMany(models.Step, { foreignKey: 'recipeId' });"),
    'models/step.js': def('Step', 'steps', "Step.belongsTo(models.Recipe, { foreignKey: 'recipeId' });"),
    'models/recipe-step.js': def('RecipeStep', 'recipe_steps', "RecipeStep.hasOne(models.Step, { foreignKey: 'stepRef' });"),
  };
  const loader = (tail: string) =>
    `const fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = {};\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => {\n  const model = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes);\n  db[model.name] = model;\n});\n${tail}\nmodule.exports = db;\n`;
  const byHand = "db['Recipe'].hasMany(db['Step'], { foreignKey: 'recipeId' });\ndb['Step'].belongsTo(db['Recipe'], { foreignKey: 'recipeId' });";
  it.each([
    { name: 'the loader wires them by hand and nothing calls associate: the associate functions declare nothing', tail: byHand, stepColumns: ['recipeId'] },
    { name: 'the same loader also calls associate on every model: the join model\'s foreign key is on steps', tail: `${byHand}\nObject.keys(db).forEach((n) => { if (db[n].associate) db[n].associate(db); });`, stepColumns: ['recipeId', 'stepRef'] },
    { name: 'optional call (`db[n].associate?.(db)`): the same', tail: 'Object.keys(db).forEach((n) => db[n].associate?.(db));', stepColumns: ['recipeId', 'stepRef'] },
    { name: 'a loader that wires nothing and calls nothing: associate may be called elsewhere, read as written', tail: '', stepColumns: ['recipeId', 'stepRef'] },
  ])('$name', ({ tail, stepColumns }) => {
    const root = tempProject({ ...MODELS, 'models/index.js': loader(tail) });
    const analysis = readModels(new Workspace(root), 'models');
    expect(model(analysis, 'Step').impliedColumns.map((c) => c.column).filter((c) => c !== 'id' && !/At$/.test(c)).sort()).toEqual(stepColumns);
  });
});

describe("associations in define's `classMethods` (test/semantics/class-methods.test.ts; hold-out 68)", () => {
  const MISSION = `module.exports = (sequelize, DataTypes) => {\n  const mission = sequelize.define('mission', { title: DataTypes.STRING }, {\n    classMethods: {\n      associate(models) {\n        mission.belongsTo(models.user, { foreignKey: 'ownerRef' });\n      },\n    },\n  });\n  return mission;\n};\n`;
  const USER = `module.exports = (sequelize, DataTypes) => sequelize.define('user', { name: DataTypes.STRING });\n`;
  const INDEX = `const Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = {};\nfor (const name of ['mission', 'user']) db[name] = require('./' + name)(sequelize, Sequelize);\nObject.keys(db).forEach((name) => { if (db[name].associate) db[name].associate(db); });\nmodule.exports = db;\n`;
  it.each([
    { name: 'Sequelize 3: made, the foreign key is the mission\'s', sequelize: '^3.30.0', columns: ['ownerRef'] },
    { name: 'Sequelize 4: ignored, nothing implied', sequelize: '4.4.0', columns: [] },
    { name: 'no version declared: read as written', sequelize: null, columns: ['ownerRef'] },
  ])('$name', ({ sequelize, columns: expected }) => {
    const pkg = JSON.stringify({ name: 'missions', dependencies: sequelize ? { sequelize } : {} });
    const root = tempProject({ 'package.json': pkg, 'models/mission.js': MISSION, 'models/user.js': USER, 'models/index.js': INDEX });
    const analysis = readModels(new Workspace(root), 'models');
    expect(model(analysis, 'mission').impliedColumns.map((c) => c.column).filter((c) => c !== 'id' && !/At$/.test(c))).toEqual(expected);
  });
});
