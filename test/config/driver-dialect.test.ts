/**
 * The dialect when neither the database config nor the application names it
 * (`dialect: process.env.DB_DIALECT`): the drivers the project's
 * dependencies install decide, when one or none is PostgreSQL's
 * (src/runner/package-json.ts driverDialect).
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const CONFIG = `module.exports = {\n  production: { dialect: process.env.DB_DIALECT, host: process.env.DB_HOST },\n};\n`;
// A varchar column changed to UUID: PostgreSQL refuses the cast (no-impossible-cast), MySQL converts the text.
const MIGRATION = `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.changeColumn('payments', 'reference', { type: Sequelize.UUID, allowNull: true });\n  },\n  async down() {},\n};\n`;
const PREVIOUS = `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('payments', { id: { type: Sequelize.INTEGER, primaryKey: true }, reference: { type: Sequelize.STRING } });\n  },\n  async down() {},\n};\n`;

const pkg = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}) =>
  JSON.stringify({ name: 'payments', dependencies: { sequelize: '^6.0.0', ...dependencies }, devDependencies }, null, 2);

describe('the dialect from the installed driver', () => {
  it.each([
    { name: 'mysql2 alone: MySQL, cited at its line of package.json', deps: { mysql2: '^3.0.0' }, dev: {}, dialects: ['mysql'], source: 'package.json:5' },
    { name: 'pg, with sqlite3 only in devDependencies (tests): PostgreSQL', deps: { pg: '^8.0.0' }, dev: { sqlite3: '^5.0.0' }, dialects: ['postgres'], source: 'package.json:5' },
    { name: 'pg and mysql2 both: unknown', deps: { pg: '^8.0.0', mysql2: '^3.0.0' }, dev: {}, dialects: [], source: null },
    { name: 'mysql and sqlite3, no pg: one of those two, never PostgreSQL (hold-out 53)', deps: { mysql: '^2.13.0', sqlite3: '^4.0.2' }, dev: {}, dialects: ['mysql', 'sqlite'], source: 'package.json:5' },
    { name: 'no driver: unknown', deps: {}, dev: {}, dialects: [], source: null },
  ])('$name', async ({ deps, dev, dialects, source }) => {
    const dir = project({ 'package.json': pkg(deps, dev), 'config/config.js': CONFIG, 'migrations/001-create.js': PREVIOUS, 'migrations/002-reference-uuid.js': MIGRATION });
    const result = await analyzeProject(dir);
    expect(result.project.dialect).toEqual({ dialects, source });
  });

  it('a config that names its dialect wins over the driver', async () => {
    const dir = project({ 'package.json': pkg({ mysql2: '^3.0.0' }), 'config/config.js': `module.exports = { production: { dialect: 'postgres' } };\n`, 'migrations/001-create.js': PREVIOUS });
    const result = await analyzeProject(dir);
    expect(result.project.dialect?.dialects).toEqual(['postgres']);
  });

  it('what the dialect decides: the cast PostgreSQL refuses is not reported on a MySQL project', async () => {
    const files = { 'config/config.js': CONFIG, 'migrations/001-create.js': PREVIOUS, 'migrations/002-reference-uuid.js': MIGRATION };
    const mysql = await analyzeProject(project({ ...files, 'package.json': pkg({ mysql2: '^3.0.0' }) }));
    const postgres = await analyzeProject(project({ ...files, 'package.json': pkg({ pg: '^8.0.0' }) }));
    expect(mysql.findings.filter((f) => f.rule === 'no-impossible-cast')).toEqual([]);
    expect(postgres.findings.filter((f) => f.rule === 'no-impossible-cast').map((f) => f.file)).toEqual(['migrations/002-reference-uuid.js']);
  });
});

describe('a dialect the config only falls back to, beside a committed environment file that sets its variable', () => {
  const FALLBACK = `module.exports = {\n  production: { dialect: process.env.DB_DIALECT || 'mysql', host: process.env.DB_HOST },\n};\n`;
  it.each([
    { name: '.env.example sets DB_DIALECT=postgres, both drivers installed: either (hold-out 54)', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { '.env.example': 'DB_HOST=localhost\nDB_DIALECT=postgres\n' }, dialects: ['mysql', 'postgres'] },
    { name: '.env.dev sets it (the one the developers run, hold-out 82)', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { '.env.dev': 'DB_HOST=localhost\nDB_DIALECT=postgres\n' }, dialects: ['mysql', 'postgres'] },
    { name: 'the same, quoted and commented', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { '.env.sample': 'DB_DIALECT="postgres" # the deployed one\n' }, dialects: ['mysql', 'postgres'] },
    { name: 'no pg installed: the file cannot make it PostgreSQL', deps: { mysql2: '^3.0.0' }, env: { '.env.example': 'DB_DIALECT=postgres\n' }, dialects: ['mysql'] },
    { name: 'no environment file: the fallback', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: {}, dialects: ['mysql'] },
    { name: 'only pg installed: Sequelize cannot load the MySQL fallback, so the deployment sets PostgreSQL (hold-out 82)', deps: { pg: '^8.0.0' }, env: {}, dialects: ['postgres'] },
    { name: 'no driver declared: the fallback', deps: {}, env: {}, dialects: ['mysql'] },
    { name: 'a file that sets another variable: the fallback', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { '.env.example': 'DIALECT_NOTE=postgres\n' }, dialects: ['mysql'] },
    {
      name: 'a migration sends SQL only PostgreSQL reads (`DELETE FROM "Settings"`), both drivers installed: either (hold-out 81)',
      deps: { mysql2: '^3.0.0', pg: '^8.0.0' },
      env: { 'migrations/002-settings.js': "module.exports = { up: (qi) => qi.sequelize.query('DELETE FROM \"Settings\" WHERE key = \\'x\\''), down: async () => {} };\n" },
      dialects: ['mysql', 'postgres'],
    },
    {
      name: 'the same SQL in a migration that tests the dialect first (`getDialect()`): meant for one of several, the fallback',
      deps: { mysql2: '^3.0.0', pg: '^8.0.0' },
      env: { 'migrations/002-settings.js': "module.exports = { up: (qi) => qi.sequelize.getDialect() === 'postgres' ? qi.sequelize.query('DELETE FROM \"Settings\"') : null, down: async () => {} };\n" },
      dialects: ['mysql'],
    },
    { name: 'a TypeScript migration importing from "sequelize" (no SQL): the fallback', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { 'migrations/002-settings.ts': 'import { QueryInterface, DataTypes } from "sequelize";\nmodule.exports = { up: (qi: QueryInterface) => qi.createTable("Settings", { key: { type: DataTypes.STRING, primaryKey: true } }), down: (qi: QueryInterface) => qi.dropTable("Settings") };\n' }, dialects: ['mysql'] },
    { name: 'backquoted names (MySQL\'s own): the fallback', deps: { mysql2: '^3.0.0', pg: '^8.0.0' }, env: { 'migrations/002-settings.js': 'module.exports = { up: (qi) => qi.sequelize.query("DELETE FROM `Settings`"), down: async () => {} };\n' }, dialects: ['mysql'] },
  ])('$name', async ({ deps, env, dialects }) => {
    const dir = project({ 'package.json': pkg(deps), 'config/config.js': FALLBACK, 'migrations/001-create.js': PREVIOUS, ...env });
    const result = await analyzeProject(dir);
    expect(result.project.dialect?.dialects).toEqual(dialects);
  });
});

describe('a dialect chosen at run time among several: a connection URL read at run time beside a fallback that names one', () => {
  // The application connects to the URL its settings give, else to a local SQLite file.
  const store = (urlArg: string) => `const { Sequelize } = require('sequelize');
class Store {
  constructor(settings) {
    if (settings.get('storeUrl')) {
      this.sequelize = new Sequelize(${urlArg}, { logging: false });
    } else {
      this.sequelize = new Sequelize({ dialect: 'sqlite', storage: settings.get('storeFile') });
    }
  }
}
module.exports = Store;
`;
  const files = (deps: Record<string, string>, urlArg = "settings.get('storeUrl')") => ({
    'package.json': pkg(deps),
    'src/store.js': store(urlArg),
    'migrations/001-create.js': PREVIOUS,
    'migrations/002-reference-uuid.js': MIGRATION,
  });
  const cases: { name: string; files: Record<string, string>; dialects: string[]; source: string; cast: boolean }[] = [
    { name: 'drivers for PostgreSQL, MySQL and SQLite: all three', files: files({ pg: '^8.0.0', mysql2: '^3.0.0', sqlite3: '^5.0.0' }), dialects: ['mysql', 'postgres', 'sqlite'], source: 'src/store.js:5', cast: true },
    { name: 'a PostgreSQL driver beside SQLite: both', files: files({ pg: '^8.0.0', sqlite3: '^5.0.0' }), dialects: ['postgres', 'sqlite'], source: 'src/store.js:5', cast: true },
    { name: 'only the SQLite driver: SQLite', files: files({ sqlite3: '^5.0.0' }), dialects: ['sqlite'], source: 'src/store.js:7', cast: false },
    { name: 'no driver declared: what the code names', files: files({}), dialects: ['sqlite'], source: 'src/store.js:7', cast: false },
    { name: 'a literal URL: its scheme, no run-time choice', files: files({ pg: '^8.0.0', mysql2: '^3.0.0', sqlite3: '^5.0.0' }, "'mysql://app@db/store'"), dialects: ['mysql', 'sqlite'], source: 'src/store.js:5', cast: false },
  ];
  it.each(cases)('$name', async ({ files: f, dialects, source, cast }) => {
    const result = await analyzeProject(project(f));
    expect(result.project.dialect).toEqual({ dialects, source });
    // The PostgreSQL rules run when PostgreSQL is one of them.
    expect(result.findings.some((x) => x.rule === 'no-impossible-cast')).toBe(cast);
  });
});

describe("Sequelize 1-3's own default dialect, when nothing names one (test/semantics/default-dialect.test.ts)", () => {
  const LITERAL = JSON.stringify({ development: { username: 'root', password: null, database: 'shop_dev', host: '127.0.0.1' } }, null, 2);
  const ENV = `module.exports = {\n  production: { dialect: process.env.DB_DIALECT, host: process.env.DB_HOST },\n};\n`;
  // An old-style migration: a NOT NULL column without a default on a table an earlier migration made.
  const ADD = `module.exports = {\n  up: function (migration, DataTypes, done) {\n    migration.addColumn('users', 'password', { type: DataTypes.STRING, allowNull: false }).complete(done);\n  },\n  down: function (migration, DataTypes, done) { done(); },\n};\n`;
  const CREATE = `module.exports = {\n  up: function (migration, DataTypes, done) {\n    migration.createTable('users', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, email: DataTypes.STRING }).complete(done);\n  },\n  down: function (migration, DataTypes, done) { done(); },\n};\n`;
  const old = (sequelize: string, deps: Record<string, string> = {}) => JSON.stringify({ name: 'shop', dependencies: { express: '3.x', sequelize, ...deps } }, null, 2);
  const files = { 'migrations/20130901-create-users.js': CREATE, 'migrations/20131014-add-password.js': ADD };

  it.each([
    { name: 'Sequelize 1.7, a config.json that names no dialect: MySQL, cited at package.json', pkg: old('~1.7.0'), extra: { 'config/config.json': LITERAL }, dialects: ['mysql'], source: 'package.json:5' },
    { name: 'Sequelize 3, no config, the application names no dialect: MySQL', pkg: old('^3.24.0'), extra: { 'app.js': `const Sequelize = require('sequelize');\nmodule.exports = new Sequelize('shop', 'root', 'secret');\n` }, dialects: ['mysql'], source: 'package.json:5' },
    { name: 'Sequelize 3 with the dialect read from the environment: unknown', pkg: old('^3.24.0'), extra: { 'config/config.js': ENV }, dialects: [], source: null },
    { name: 'Sequelize 3 installing pg: PostgreSQL, by the driver', pkg: old('^3.24.0', { pg: '^6.1.0' }), extra: { 'config/config.json': LITERAL }, dialects: ['postgres'], source: 'package.json:6' },
    { name: 'Sequelize 4 (it refuses to start without one): unknown', pkg: old('^4.44.0'), extra: { 'config/config.json': LITERAL }, dialects: [], source: null },
    { name: 'a range that names no major: unknown', pkg: old('*'), extra: { 'config/config.json': LITERAL }, dialects: [], source: null },
  ])('$name', async ({ pkg: text, extra, dialects, source }) => {
    const result = await analyzeProject(project({ 'package.json': text, ...files, ...extra }));
    expect(result.project.dialect).toEqual({ dialects, source });
  });

  it('what it decides: a NOT NULL column MySQL fills with its implicit default is not reported as failing (hold-out 67)', async () => {
    const mysql = await analyzeProject(project({ 'package.json': old('~1.7.0'), ...files, 'config/config.json': LITERAL }));
    const postgres = await analyzeProject(project({ 'package.json': old('~1.7.0', { pg: '^2.0.0' }), ...files, 'config/config.json': LITERAL }));
    expect(mysql.findings.filter((f) => f.rule === 'no-failing-not-null')).toEqual([]);
    expect(postgres.findings.filter((f) => f.rule === 'no-failing-not-null').map((f) => f.file)).toEqual(['migrations/20131014-add-password.js']);
  });
});

describe('blocks `sequelize init` wrote and nobody filled in (hold-out 68)', () => {
  const template = (name: string) => ({ username: 'root', password: null, database: `database_${name}`, host: '127.0.0.1', dialect: 'mysql' });
  it.each([
    { name: 'development on SQLite, test and production as sequelize init wrote them (MySQL): SQLite', config: { development: { storage: './database.db', dialect: 'sqlite' }, test: template('test'), production: template('production') }, dialects: ['sqlite'] },
    { name: 'every block as sequelize init wrote it: MySQL, as written', config: { development: template('development'), test: template('test'), production: template('production') }, dialects: ['mysql'] },
    { name: 'production filled in on PostgreSQL, test a template: PostgreSQL', config: { development: { storage: './dev.db', dialect: 'sqlite' }, test: template('test'), production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' } }, dialects: ['postgres', 'sqlite'] },
  ])('$name', async ({ config, dialects }) => {
    const result = await analyzeProject(project({ 'package.json': pkg({}), 'config/config.json': JSON.stringify(config, null, 2), 'migrations/001-create.js': PREVIOUS }));
    expect(result.project.dialect?.dialects).toEqual(dialects);
  });
});
