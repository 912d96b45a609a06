import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectionsInSource, dialectOfUrl, projectDialect, readAppConnections } from '../../src/config/connections';
import { analyzeDbConfigSource } from '../../src/config/read-db-config';
import type { AppConnection } from '../../src/model';
import { discoverLayout, listMigrationFiles } from '../../src/discovery';
import { buildProjectModel, readSurroundings } from '../../src/project';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { REPO } from '../helpers/extract';
import { Workspace } from '../../src/workspace';
import { useTempProjects } from '../helpers/temp-project';

const fixture = (name: string) => path.join(REPO, 'fixtures', name);

/** The connections of one inline module at `src/db.js` of a virtual project whose config is `config/config.js` (it exists there). */
function connections(source: string, file = 'models/index.js'): Pick<AppConnection, 'line' | 'dialects' | 'usesConfig'>[] {
  const root = fixture('config-dialects');
  return connectionsInSource(new Workspace(root), source, file, path.join(root, file), path.join(root, 'config', 'config.js')).map(({ line, dialects, usesConfig }) => ({ line, dialects, usesConfig }));
}

const config = (source: string) => analyzeDbConfigSource(source, 'config/config.js');

describe('projectDialect: the dialect of each environment of the config', () => {
  it.each([
    ['a dialect per environment', "module.exports = { development: { dialect: 'sqlite', storage: 'dev.db' }, production: { dialect: 'sqlite', storage: 'prod.db' } };", ['sqlite']],
    ['environments on different dialects', "module.exports = { test: { dialect: 'sqlite' }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } };", ['postgres', 'sqlite']],
    ['postgresql is postgres, the case does not matter', "module.exports = { production: { dialect: 'PostgreSQL' } };", ['postgres']],
    ['a literal url scheme', "module.exports = { production: { url: 'mysql://app@db.internal/shop' } };", ['mysql']],
    ['a mariadb url', "module.exports = { development: { url: 'mariadb://app@localhost/shop' } };", ['mariadb']],
    ['a literal fallback of an environment read', "module.exports = { production: { dialect: process.env.DB_DIALECT || 'mysql' } };", ['mysql']],
    ['a dialect read from the environment only: unknown', "module.exports = { production: { dialect: process.env.DB_DIALECT } };", []],
    ['use_env_variable says nothing about the scheme', "module.exports = { production: { use_env_variable: 'DATABASE_URL' } };", []],
  ] as const)('%s', (_name, source, expected) => {
    expect(projectDialect(config(source), []).dialects).toEqual(expected);
  });

  it('names the line that decides', () => {
    expect(projectDialect(config("module.exports = {\n  production: {\n    dialect: 'sqlite',\n  },\n};\n"), []).source).toBe('config/config.js:3');
  });

  it('falls back on the application instances when the config says nothing, and stays empty when nothing does', () => {
    const app: AppConnection = { file: 'src/db.ts', line: 4, text: 'new Sequelize(options)', dialects: ['mariadb'], usesConfig: 'no' };
    expect(projectDialect(null, [app])).toEqual({ dialects: ['mariadb'], source: 'src/db.ts:4' });
    expect(projectDialect(config("module.exports = { production: { dialect: 'postgres' } };"), [app]).dialects).toEqual(['postgres']);
    expect(projectDialect(null, [])).toEqual({ dialects: [], source: null });
  });

  it.each([
    ['postgres://u@h/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
    ['sqlite::memory:', 'sqlite'],
    ['sqlite:./data.db', 'sqlite'],
    ['mysql://u@h/db', 'mysql'],
    ['http://example.com', null],
  ])('dialectOfUrl(%s)', (url, expected) => {
    expect(dialectOfUrl(url)).toBe(expected);
  });
});

describe('connectionsInSource: how a new Sequelize(...) uses the config file', () => {
  it.each([
    [
      'the generated models/index.js: options from require(config)[env]',
      "const env = process.env.NODE_ENV || 'development';\nconst config = require(__dirname + '/../config/config.js')[env];\nconst sequelize = new Sequelize(config.database, config.username, config.password, config);\n",
      [{ line: 3, dialects: [], usesConfig: 'options' }],
    ],
    [
      'an in-memory SQLite (a check or a test) names no dialect the migrations run on; a MySQL URL does',
      "const a = new Sequelize('sqlite::memory:', { logging: false });\nconst b = new Sequelize('sqlite::memory:', { dialect: 'sqlite', logging: false });\nconst c = new Sequelize('mysql://app@db/app');\n",
      [
        { line: 1, dialects: [], usesConfig: 'no' },
        { line: 2, dialects: [], usesConfig: 'no' },
        { line: 3, dialects: ['mysql'], usesConfig: 'no' },
      ],
    ],
    [
      'path.join(__dirname, ...) and a use_env_variable branch',
      "const path = require('path');\nconst cfg = require(path.join(__dirname, '..', 'config', 'config'))[process.env.NODE_ENV];\nconst s = cfg.use_env_variable\n  ? new Sequelize(process.env[cfg.use_env_variable], cfg)\n  : new Sequelize(cfg.database, cfg.username, cfg.password, cfg);\n",
      [
        { line: 4, dialects: [], usesConfig: 'options' },
        { line: 5, dialects: [], usesConfig: 'options' },
      ],
    ],
    [
      'a spread of the config with logging set by the application',
      "import config from '../config/config';\nexport const db = new Sequelize({ ...config.production, logging: false });\n",
      [{ line: 2, dialects: [], usesConfig: 'overrides-logging' }],
    ],
    [
      'the config with its logging set by the module before it connects (`config.logging = ...`)',
      "const env = process.env.NODE_ENV || 'development';\nconst config = require('../config/config.js')[env];\nconfig.logging = env === 'production' ? false : (msg) => console.debug(msg);\nconst s = new Sequelize(process.env.DATABASE_URL, config);\n",
      [{ line: 4, dialects: [], usesConfig: 'overrides-logging' }],
    ],
    [
      'values read from the config, options written in the module',
      "const cfg = require('../config/config');\nconst settings = { name: cfg.production.database, user: cfg.production.username };\nmodule.exports = new Sequelize(settings.name, settings.user, process.env.PW, { dialect: 'postgres', logging: false });\n",
      [{ line: 3, dialects: ['postgres'], usesConfig: 'values' }],
    ],
    [
      'an instance of its own, dialect from the options',
      "const sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { host: process.env.DB_HOST, dialect: 'mysql' });\n",
      [{ line: 1, dialects: ['mysql'], usesConfig: 'no' }],
    ],
    ['a connection URL', "export const sequelize = new Sequelize('sqlite:./data/app.sqlite');\n", [{ line: 1, dialects: ['sqlite'], usesConfig: 'no' }]],
    ['a URL and options with a dialect fallback', "const s = new Sequelize(process.env.DATABASE_URL, { dialect: process.env.DIALECT || 'mariadb' });\n", [{ line: 1, dialects: ['mariadb'], usesConfig: 'no' }]],
    [
      'a URL built from a constant of the function that connects',
      "function connect() {\n  const host = 'db.internal';\n  return new Sequelize(`postgres://app@${host}/shop`);\n}\n",
      [{ line: 3, dialects: ['postgres'], usesConfig: 'no' }],
    ],
    [
      'a dialect fallback held by a constant',
      "const dialect = process.env.DB_DIALECT ?? 'mysql';\nconst s = new Sequelize('db', 'u', 'p', { dialect });\n",
      [{ line: 2, dialects: ['mysql'], usesConfig: 'no' }],
    ],
    [
      'the config required through path.resolve(__dirname, ...)',
      "const path = require('path');\nconst config = require(path.resolve(__dirname, '..', 'config', 'config.js')).production;\nconst s = new Sequelize({ ...config, logging: false });\n",
      [{ line: 3, dialects: [], usesConfig: 'overrides-logging' }],
    ],
    ['options from a function migralint cannot read', "const getConfig = require('../lib/get-config');\nconst s = new Sequelize('main', null, null, getConfig());\n", [{ line: 2, dialects: [], usesConfig: 'unknown' }]],
    [
      'an import of the config, destructured at once, host given in the options',
      "import config from '../config/config';\nconst { database, username, password, host } = config.production;\nconst s = new Sequelize(database, username, password, { host, dialect: 'postgres', dialectOptions: { decimalNumbers: true } });\n",
      [{ line: 3, dialects: ['postgres'], usesConfig: 'server' }],
    ],
    [
      'the file\'s url with options of its own',
      "const { production } = require('../config/config');\nconst s = new Sequelize(production.url, { logging: false });\n",
      [{ line: 2, dialects: [], usesConfig: 'server' }],
    ],
    [
      'a URL read from the environment first, the file\'s as a fallback, with the file\'s host in its options: the URL\'s query (sslmode) decides SSL, so only values',
      "const config = require('../config/config')[process.env.NODE_ENV];\nconst s = new Sequelize(process.env.DB_URL || config.database_url, { dialect: config.dialect, host: config.host });\n",
      [{ line: 2, dialects: [], usesConfig: 'values' }],
    ],
    [
      'the file\'s host with SSL set by the application: only values',
      "const { host, database } = require('../config/config')[process.env.NODE_ENV];\nconst s = new Sequelize(database, process.env.U, process.env.P, { host, dialect: 'postgres', dialectOptions: { ssl: { ca: process.env.CA } } });\n",
      [{ line: 2, dialects: ['postgres'], usesConfig: 'values' }],
    ],
    [
      'the file\'s host with options migralint cannot read: only values',
      "const { host } = require('../config/config').production;\nconst s = new Sequelize('app', 'u', null, { host, ...extraOptions() });\n",
      [{ line: 2, dialects: [], usesConfig: 'values' }],
    ],
    [
      'an environment destructured from the config passed as the options',
      "const { production } = require('../config/config');\nconst s = new Sequelize(production);\n",
      [{ line: 2, dialects: [], usesConfig: 'options' }],
    ],
  ] as const)('%s', (_name, source, expected) => {
    expect(connections(source)).toEqual(expected);
  });

  it('follows an imported options module for its dialect (sequelize-typescript / umzug apps)', () => {
    const source = "import options from '../config/app-options';\nconst sequelize = new Sequelize(options);\n";
    expect(connections(source)).toEqual([{ line: 2, dialects: ['mariadb'], usesConfig: 'no' }]);
  });

  it('a TypeScript module: host and credentials destructured from a typed config[env] lookup, options of its own without SSL, is the file\'s server', () => {
    const source =
      "const cfg = require('../config/config');\nconst picked = (cfg as Record<string, Settings>)[process.env.NODE_ENV!];\nconst { host, port, database, username, password } = picked;\nexport const db = new Sequelize({ host, port: Number(port), database, username, password, dialect: 'postgres', logging: false });\n";
    expect(connections(source, 'src/db.ts')).toEqual([{ line: 4, dialects: ['postgres'], usesConfig: 'server' }]);
  });

  it('does not throw on a file that does not parse', () => {
    expect(connections('const = new Sequelize(')).toEqual([]);
  });
});

describe('readAppConnections / readSurroundings on fixture projects', () => {
  it('fixtures/config-dialects: the application module is found, tests and migrations are left out', () => {
    const found = readAppConnections(new Workspace(fixture('config-dialects')), 'config/config.js');
    expect(found.map((c) => `${c.file}:${c.line} ${c.usesConfig} ${c.dialects.join(',')}`)).toEqual(['models/index.js:8 options ']);
  });

  it('fixtures/config-dialects: a SQLite project (every environment says sqlite)', () => {
    const info = discoverLayout(fixture('config-dialects'));
    const s = readSurroundings(info);
    expect(s.dialect).toEqual({ dialects: ['sqlite'], source: 'config/config.js:4' });
    expect(s.dbConfig?.appConnections?.map((c) => c.file)).toEqual(['models/index.js']);
  });

  it('fixtures/config-app-destructured: a TypeScript module outside models/ connects to the file\'s server', () => {
    const found = readAppConnections(new Workspace(fixture('config-app-destructured')), 'config/config.js');
    expect(found.map((c) => `${c.file}:${c.line} ${c.usesConfig}`)).toEqual(['api/db/connection.ts:17 server', 'api/db/replica.ts:7 values']);
  });

  it('fixtures/config-cli-only: the application instance does not read the cli config', () => {
    const info = discoverLayout(fixture('config-cli-only'));
    const s = readSurroundings(info);
    expect(s.dbConfig?.appConnections?.map((c) => [c.file, c.usesConfig])).toEqual([['src/lib/database.js', 'no']]);
    expect(s.dialect?.dialects).toEqual(['postgres']);
  });
});

describe('buildProjectModel: the dialect reaches SQL extraction', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  it('fixtures/config-dialects: SQLite SQL is read by its keywords, not mis-parsed by PostgreSQL', () => {
    const info = discoverLayout(fixture('config-dialects'));
    const project = buildProjectModel(info, listMigrationFiles(info));
    expect(project.dialect?.dialects).toEqual(['sqlite']);
    const ops = project.migrations[0]!.up;
    expect(ops.map((o) => [o.op, o.target.table, o.target.column, o.sqlNotParsed, o.sqlError])).toEqual([
      ['dropTable', 'pantry_legacy', null, true, undefined],
      ['removeColumn', 'jars', 'labelColour', true, undefined],
      ['addIndex', 'jars', null, true, undefined],
    ]);
  });
});

describe('odd input', () => {
  it.each([
    ['a spread argument', 'const s = new Sequelize(...args);\n'],
    ['no argument', 'const s = new Sequelize();\n'],
    ['a computed require', "const c = require(process.env.CONFIG_PATH);\nconst s = new Sequelize(c);\n"],
    ['a self-referencing binding', 'let a = a;\nconst s = new Sequelize(a);\n'],
    ['TypeScript casts and awaits', "const o = (await import('./x')) as Options;\nconst s = new Sequelize(o!);\n"],
  ])('%s: no crash', (_name, source) => {
    expect(() => connections(source, 'src/odd.ts')).not.toThrow();
  });

  it('a project root that does not exist gives no connection', () => {
    expect(readAppConnections(new Workspace(path.join(REPO, 'fixtures', 'no-such-project')), null)).toEqual([]);
  });
});

describe('readAppConnections: the loader `sequelize init` writes, when nothing imports it', () => {
  const tempProject = useTempProjects('connections');
  const LOADER = "const Sequelize = require('sequelize');\nconst config = require(__dirname + '/../config/config.json')[process.env.NODE_ENV || 'development'];\nconst sequelize = new Sequelize(config.database, config.username, config.password, config);\nmodule.exports = { sequelize, Sequelize };\n";
  const OWN = "const { Sequelize } = require('sequelize');\nmodule.exports = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres', logging: false });\n";
  const USER = "const sequelize = require('../config/sequelize');\nmodule.exports = sequelize.define('User', {});\n";
  it.each([
    { name: 'the app requires its models one by one and builds its own instance: the loader is not a connection', app: "const User = require('../models/User');\nexports.list = () => User.findAll();\n", files: ['config/sequelize.js'] },
    { name: 'the app requires the models folder: the loader is a connection', app: "const db = require('../models');\nexports.list = () => db.User.findAll();\n", files: ['config/sequelize.js', 'models/index.js'] },
    { name: 'only a test requires it: not a connection of the application', app: "exports.ping = () => 'pong';\n", test: "const db = require('../models');\n", files: ['config/sequelize.js'] },
    // Hold-out 71: a package-style path to another folder named models is not this loader.
    { name: 'a non-relative import of another `models` folder (`shop/src/models/user.model`): not this loader, not a connection', app: "import UserModel from 'shop/src/models/user.model';\nexport const list = () => UserModel.findAll();\n", files: ['config/sequelize.js'] },
    { name: 'an alias that may be it (`@/models`): the safe side, a connection', app: "import db from '@/models';\nexport const list = () => db.User.findAll();\n", files: ['config/sequelize.js', 'models/index.js'] },
    { name: 'a non-relative import under the folder\'s own parent (`app/models`, the loader in `app/models`): a connection', app: "import db from 'app/models';\nexport const list = () => db.User.findAll();\n", files: ['app/models/index.js', 'config/sequelize.js'], nested: true },
    { name: 'a run-time path to another `models` folder beside the file (`__dirname + \'/models/**\'` in `app/index.js`, the loader in `app/db/models`): not a connection', app: "const path = require('path');\nconst files = [__dirname + '/models/**/*.model.js'];\napp.use(express.static(path.join(__dirname, 'public')));\n", files: ['config/sequelize.js'], nested: 'app/db/models', at: 'app/index.js' },
    // Hold-out 85: the only mention of the folder is an import left in a comment.
    { name: 'an import of it left in a comment (`// import ... from \'../models\'`, `/* require(\'../models\') */`): not a connection', app: "// import db from '../models';\n/* const db = require('../models'); */\nconst User = require('../models/User');\nexports.list = () => User.findAll();\n", files: ['config/sequelize.js'] },
    { name: 'a run-time path through the loader\'s parent (`path.join(__dirname, \'db\', \'models\')`): the safe side, a connection', app: "const path = require('path');\nconst models = require(path.join(__dirname, 'db', 'models'));\n", files: ['app/db/models/index.js', 'config/sequelize.js'], nested: 'app/db/models', at: 'app/index.js' },
  ])('$name', ({ app, test, files, nested, at }) => {
    const models = typeof nested === 'string' ? nested : nested ? 'app/models' : 'models';
    const up = '../'.repeat(models.split('/').length);
    const root = tempProject({
      'package.json': '{"name":"bmi"}',
      [`${models}/index.js`]: LOADER.replace("'/../config/config.json'", `'/${up}config/config.json'`),
      [`${models}/User.js`]: USER,
      'config/sequelize.js': OWN,
      [at ?? 'controllers/users.js']: app,
      ...(test ? { 'tests/users.test.js': test } : {}),
    });
    const found = readAppConnections(new Workspace(root), 'config/config.json');
    expect([...new Set(found.map((c) => c.file))].sort()).toEqual(files);
  });
});
