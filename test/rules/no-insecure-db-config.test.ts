import { readFileSync } from 'node:fs';
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-insecure-db-config';
import { analyzeDbConfigSource, readDbConfig } from '../../src/config/read-db-config';
import { discoverLayout } from '../../src/discovery';
import type { AppConnection, DbConfigAnalysis, Dialect, Finding, ProjectModel, Severity } from '../../src/model';
import { readSurroundings, runRules, sortFindings } from '../../src/project';
import { createTextReporter } from '../../src/reporters/text';
import { REPO } from '../helpers/extract';
import { useTempProjects } from '../helpers/temp-project';

const RULE = rule.id;
const DEFAULT_FILE = 'config/database.js';

function projectWith(dbConfig: DbConfigAnalysis | null, absRoot = path.join(REPO, 'virtual-project')): ProjectModel {
  return {
    project: { root: '.', absRoot, framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: dbConfig?.file ?? null, layoutSource: 'default' },
    migrations: [],
    dbConfig,
  };
}

function run(project: ProjectModel, options?: Record<string, unknown>): Finding[] {
  const setting = options ? { severity: 'on' as const, options } : 'on';
  return sortFindings(runRules(project, { [RULE]: setting }, [rule]));
}

/** Runs the rule over inline config source, read as `file`. */
function lintConfig(source: string, file = DEFAULT_FILE, options?: Record<string, unknown>): Finding[] {
  return run(projectWith(analyzeDbConfigSource(source, file, path.join(REPO, 'virtual-project', file))), options);
}

/**
 * Runs the rule over inline config source whose users are known: `apps` are
 * the application's own `new Sequelize(...)` (none: only sequelize-cli reads
 * the file); `dialects` is the project's dialect.
 */
function lintWithApps(source: string, apps: AppConnection['usesConfig'][], dialects: Dialect[] = []): Finding[] {
  const dbConfig = analyzeDbConfigSource(source, DEFAULT_FILE, path.join(REPO, 'virtual-project', DEFAULT_FILE));
  dbConfig.appConnections = apps.map((usesConfig, i) => ({ file: `src/db${i}.js`, line: 3, text: 'new Sequelize(...)', dialects: [], usesConfig }));
  return run({ ...projectWith(dbConfig), dialect: { dialects, source: null } });
}

/** Runs the rule over a fixture project, its config and the application's instances found as a run finds them. */
function lintFixture(name: string): Finding[] {
  const info = discoverLayout(path.join(REPO, 'fixtures', name));
  return run({ ...projectWith(null, info.absRoot), project: info, ...readSurroundings(info) });
}

function render(findings: Finding[]): string {
  return createTextReporter({ color: false }).render({ project: projectWith(null), findings, tool: { name: 'migralint', version: 'test' } });
}

interface Expected {
  messageId: string;
  line: number;
  column?: number;
  severity?: Severity;
  data?: Record<string, string>;
}

function expectFindings(findings: Finding[], expected: Expected[], file = DEFAULT_FILE): void {
  expect(findings.map((f) => `${f.messageId}@${f.line}`)).toEqual(expected.map((e) => `${e.messageId}@${e.line}`));
  findings.forEach((f, i) => {
    const e = expected[i]!;
    expect(f.rule).toBe(RULE);
    expect(f.file).toBe(file);
    if (e.column !== undefined) expect(f.column).toBe(e.column);
    if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
    if (e.data) expect(f.data).toMatchObject(e.data);
    expect(f.message).not.toMatch(/\{\{/);
  });
}

/** `module.exports = { <name>: { <body> }, ... }`, environments in the given order. */
const envs = (bodies: Record<string, string>) =>
  `module.exports = {\n${Object.entries(bodies).map(([name, body]) => `  ${name}: {\n${body}\n  },\n`).join('')}};\n`;
const env = (name: string, body: string) => envs({ [name]: body });

const SECURE_PRODUCTION = `    use_env_variable: 'DATABASE_URL',
    dialect: 'postgres',
    logging: false,
    dialectOptions: { ssl: { ca: process.env.DB_CA } },`;

describe(RULE, () => {
  describe('valid', () => {
    it.each([
      ['a production environment with everything from the environment, verified SSL, no logging', env('production', SECURE_PRODUCTION)],
      ['development may log and skip SSL', env('development', "    url: process.env.DATABASE_URL,\n    dialect: 'postgres',\n    logging: console.log,")],
      ['an empty or null password is no credential', envs({ test: "    username: 'root',\n    password: null,\n    host: '127.0.0.1',\n    dialect: 'postgres',", development: "    password: ''," })],
      ['username and host literals are not credentials by default', env('test', "    username: process.env.DB_USER || 'postgres',\n    host: 'db',\n    password: process.env.DB_PASSWORD,")],
      ['a url without a password', env('test', "    url: 'postgres://app@localhost:5432/app_test',")],
      [
        'placeholders to fill in are no secret (your_..., <...>, {{...}}, REPLACE_ME, replace, xxxx, a url with one, an environment variable written as a string)',
        envs({
          test: "    username: 'your_db_user',\n    password: 'your_db_password',\n    dialect: 'sqlite',",
          staging: "    password: '<password>',\n    dialect: 'sqlite',",
          qa: "    password: process.env.DB_PASSWORD || 'your-password-here',\n    dialect: 'sqlite',",
          ci: "    password: '{{DB_PASSWORD}}',\n    dialect: 'sqlite',",
          demo: "    password: 'REPLACE_ME',\n    dialect: 'sqlite',",
          sandbox: "    password: 'replace',\n    dialect: 'sqlite',",
          local: "    password: 'xxxxxxxx',\n    dialect: 'sqlite',",
          preview: "    url: 'postgres://app:your-password@db.example.com/app',\n    dialect: 'sqlite',",
          review: "    password: 'process.env.DB_PASSWORD',\n    dialect: 'sqlite',",
          shell: "    password: '$DB_PASSWORD',\n    dialect: 'sqlite',",
        }),
      ],
      ['a production database on localhost or a unix socket needs no SSL', envs({ production: "    host: 'localhost',\n    dialect: 'postgres',\n    logging: false,", prod: "    host: '/var/run/postgresql',\n    dialect: 'postgres',\n    logging: false," })],
      ['a production sqlite file', env('production', "    dialect: 'sqlite',\n    storage: 'db.sqlite',\n    logging: false,")],
      // Hold-out 71: no host and no URL, Sequelize connects to `localhost` (test/semantics/default-dialect.test.ts).
      ['a production block that names no host nor URL reaches Sequelize\'s default host, localhost: no SSL needed', env('production', "    username: process.env.DB_USER,\n    password: process.env.DB_PASSWORD,\n    database: 'topstitch',\n    dialect: 'postgres',\n    logging: false,")],
      ['SSL decided by the environment is not reported', env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: process.env.DB_SSL === 'true' },")],
      ['a DATABASE_URL from the environment may carry sslmode', env('production', "    url: process.env.DATABASE_URL,\n    dialect: 'postgres',\n    logging: false,")],
      ['a literal url with sslmode=verify-full', env('production', "    url: 'postgres://app@db.example.com/app?sslmode=verify-full',\n    dialect: 'postgres',\n    logging: false,")],
      ['logging decided by the environment is not reported', env('production', SECURE_PRODUCTION.replace('logging: false', "logging: process.env.SQL_LOG === '1' ? console.log : false"))],
      ['a production spread of an imported base: nothing is known, nothing is claimed', env('production', "    ...require('./base'),\n    password: process.env.DB_PASSWORD,")],
      ['an environment that is not production is not checked for SSL or logging', env('qa', "    dialect: 'postgres',\n    host: 'qa-db.internal',")],
      ['a JSON config with use_env_variable and verified SSL', '{ "production": { "use_env_variable": "DATABASE_URL", "dialect": "postgres", "logging": false, "dialectOptions": { "ssl": true } } }'],
      ['an empty production block to fill in later (no dialect: nothing connects with it)', envs({ development: "    url: process.env.DATABASE_URL,\n    dialect: 'postgres',", production: '    // add the production database when needed' })],
      ['an empty production block in JSON', '{ "development": { "use_env_variable": "DATABASE_URL", "dialect": "postgres" }, "production": {} }'],
    ])('%s', (_name, source) => {
      const file = source.trimStart().startsWith('{') ? 'config/config.json' : DEFAULT_FILE;
      expect(lintConfig(source, file)).toEqual([]);
    });

    it('no config file, or a config that does not parse, gives no finding from this rule', () => {
      expect(run(projectWith(null))).toEqual([]);
      expect(run({ ...projectWith(null), dbConfig: undefined })).toEqual([]);
      expect(lintFixture('config-broken')).toEqual([]);
    });

    it('fixtures/config-sequelizerc (config from .sequelizerc, every credential from the environment)', () => {
      expect(lintFixture('config-sequelizerc')).toEqual([]);
    });
  });

  describe('invalid', () => {
    const cases: { name: string; source: string; file?: string; options?: Record<string, unknown>; errors: Expected[] }[] = [
      {
        name: 'hardcodedCredential: a password literal (error)',
        source: env('test', "    username: 'postgres',\n    password: 'postgres',\n    dialect: 'postgres',"),
        errors: [{ messageId: 'hardcodedCredential', line: 4, column: 5, severity: 'error', data: { env: 'test', field: 'password' } }],
      },
      {
        name: 'hardcodedCredential beside use_env_variable: the URL gives the user and password there, the literal connects to nothing in that environment (info); the same literal without use_env_variable stays an error',
        source: envs({
          production: "    use_env_variable: 'DATABASE_URL',\n    password: 'Tr1be-2024',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: { ca: process.env.DB_CA } },",
          staging: "    password: 'St4ge-2024',\n    host: 'staging-db.example.com',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: { ca: process.env.DB_CA } },",
        }),
        errors: [
          { messageId: 'hardcodedCredential', line: 4, severity: 'info', data: { env: 'production', local: " `production` connects through `use_env_variable: 'DATABASE_URL'`: sequelize-cli and `new Sequelize(url, ...)` take the user and password from that URL, so this one is used only where the URL carries none." } },
          { messageId: 'hardcodedCredential', line: 10, severity: 'error', data: { env: 'staging' } },
        ],
      },
      {
        name: 'hardcodedCredential in a developer environment whose host is local or private (127.0.0.1, 10.x, 172.16-31.x, 192.168.x): info that says so',
        source: envs({
          development: "    username: 'root',\n    password: 'password',\n    host: '192.168.0.10',\n    dialect: 'mysql',",
          test: "    password: 'ci-only',\n    host: '127.0.0.1',\n    dialect: 'mysql',",
          qa: "    password: 'qa-pw',\n    host: 'qa-db.internal.example.com',\n    dialect: 'mysql',",
        }),
        errors: [
          { messageId: 'hardcodedCredential', line: 4, severity: 'info', data: { env: 'development', local: ' `development` connects to `192.168.0.10`, a local or private address: a developer\'s database, which matters only if the same password guards one that others can reach.' } },
          { messageId: 'hardcodedCredential', line: 9, severity: 'info', data: { env: 'test' } },
          // A host others reach: the error stays.
          { messageId: 'hardcodedCredential', line: 14, severity: 'error', data: { env: 'qa', local: '' } },
        ],
      },
      {
        name: 'the same password in a local development environment and in production: one error, at production',
        source: envs({
          development: "    password: 'Shared-9',\n    host: 'localhost',\n    dialect: 'postgres',",
          production: "    password: 'Shared-9',\n    host: process.env.DB_HOST,\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: { require: true } },",
        }),
        errors: [{ messageId: 'hardcodedCredential', line: 8, severity: 'error', data: { env: 'production' } }],
      },
      {
        name: 'hardcodedCredential: a password in a literal url',
        source: env('development', "    url: 'postgres://app:s3cret@db.example.com:5432/app',"),
        errors: [{ messageId: 'hardcodedCredential', line: 3, severity: 'error', data: { env: 'development', field: 'password (in the `url`)' } }],
      },
      {
        name: "hardcodedCredential: a password in a literal url at localhost, in a developer's environment: info that says so",
        source: env('development', "    url: 'postgres://app:s3cret@localhost:5432/app',"),
        errors: [{ messageId: 'hardcodedCredential', line: 3, severity: 'info', data: { env: 'development', field: 'password (in the `url`)' } }],
      },
      {
        name: 'hardcodedCredential: a password in a JSON config',
        file: 'config/config.json',
        source: '{\n  "development": {\n    "username": "root",\n    "password": "root",\n    "dialect": "postgres"\n  }\n}\n',
        errors: [{ messageId: 'hardcodedCredential', line: 4, column: 5, data: { env: 'development', field: 'password' } }],
      },
      {
        name: 'a development password for a host of one label (`db-dev`, a Compose service): a private network, info',
        source: env('development', "    password: 'password',\n    host: 'db-dev',"),
        errors: [{ messageId: 'hardcodedCredential', line: 3, severity: 'info', data: { env: 'development' } }],
      },
      {
        name: 'a production block still as `sequelize init` wrote it (database_production): a placeholder, its findings info, saying so',
        source: env('production', "    username: 'root',\n    password: 'secret-root',\n    database: 'database_production',\n    host: 'db.example.com',\n    dialect: 'mysql',\n    logging: true,"),
        errors: [
          { messageId: 'productionWithoutSsl', line: 2, severity: 'info' },
          { messageId: 'hardcodedCredential', line: 4, severity: 'info' },
          { messageId: 'sqlLoggingInProduction', line: 8, severity: 'info' },
        ],
      },
      {
        name: 'productionWithoutSslPrivateHost: a production host written out that only a private network resolves (a Compose service name, a 10.x address): info',
        source: envs({ production: "    host: 'database',\n    dialect: 'postgres',\n    logging: false,", prod: "    host: '10.20.0.7',\n    dialect: 'postgres',\n    logging: false," }),
        errors: [
          { messageId: 'productionWithoutSslPrivateHost', line: 2, severity: 'info', data: { env: 'production', host: '`database`' } },
          { messageId: 'productionWithoutSslPrivateHost', line: 7, severity: 'info', data: { env: 'prod', host: '`10.20.0.7`' } },
        ],
      },
      {
        name: 'productionWithoutSslHostUnread: the host is read from a module migralint does not follow (`keys.DB_HOST`): where the database is, nothing says (info)',
        source: `const keys = require('../keys');\n${env('production', "    host: keys.DB_HOST,\n    database: keys.DB_NAME,\n    dialect: 'postgres',\n    logging: false,")}`,
        errors: [{ messageId: 'productionWithoutSslHostUnread', line: 3, severity: 'info', data: { env: 'production', expression: '`keys.DB_HOST`' } }],
      },
      {
        name: 'credentialFallback in a development block whose host falls back to loopback (`DB_HOST || localhost`): a developer database, info',
        source: env('development', "    password: process.env.DB_PASSWORD || 'k8s-dev-Pw',\n    host: process.env.DB_HOST || 'localhost',"),
        errors: [{ messageId: 'credentialFallback', line: 3, severity: 'info', data: { env: 'development' } }],
      },
      {
        name: 'the same fallback in production, whose host falls back to loopback too, stays an error: a deploy that sets the host and forgets the password tries it',
        source: env('production', "    password: process.env.DB_PASSWORD || 'k8s-dev-Pw',\n    host: process.env.DB_HOST || 'localhost',\n    logging: false,"),
        errors: [
          { messageId: 'productionWithoutSslLocalDefault', line: 2, severity: 'info' },
          { messageId: 'credentialFallback', line: 3, severity: 'error', data: { env: 'production' } },
        ],
      },
      {
        name: 'credentialFallback: process.env.DB_PASSWORD || a literal',
        source: env('development', "    password: process.env.DB_PASSWORD || 'k8s-dev-Pw',"),
        errors: [{ messageId: 'credentialFallback', line: 3, severity: 'error', data: { env: 'development', field: 'password', variable: 'process.env.DB_PASSWORD' } }],
      },
      {
        name: "stockPasswordFallback: || 'postgres' (the image's default: no secret revealed, a misconfiguration risk): a warning",
        source: env('development', "    password: process.env.DB_PASSWORD || 'postgres',"),
        errors: [{ messageId: 'stockPasswordFallback', line: 3, severity: 'warning', data: { env: 'development', field: 'password', variable: 'process.env.DB_PASSWORD' } }],
      },
      {
        name: 'credentialFallback: a destructuring default',
        source: `const { DB_PASSWORD = 'dev-only' } = process.env;\n${env('development', '    password: DB_PASSWORD,')}`,
        errors: [{ messageId: 'credentialFallback', line: 4, data: { variable: 'process.env.DB_PASSWORD' } }],
      },
      {
        name: 'credentialFallback: a fallback url carrying a password',
        source: env('development', "    url: process.env.DATABASE_URL || 'postgres://postgres:postgres@db.internal.example.com/dev',"),
        errors: [{ messageId: 'credentialFallback', line: 3, severity: 'error', data: { field: 'password (in the `url`)', variable: 'process.env.DATABASE_URL' } }],
      },
      {
        name: "credentialFallback: a fallback url to localhost in a developer's environment (info); in production a warning, localUrlFallback (its password goes only with its host: a deploy that forgets the variable reaches no database with it)",
        source: envs({
          development: "    url: process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost:5432/dev',",
          production: "    url: process.env.DATABASE_URL || 'postgres://app:pw@localhost:5432/app',\n    logging: false,",
        }),
        errors: [
          { messageId: 'credentialFallback', line: 3, severity: 'info', data: { env: 'development' } },
          { messageId: 'localUrlFallback', line: 6, severity: 'warning', data: { env: 'production', host: '`localhost`' } },
        ],
      },
      {
        name: 'a base spread into several environments is reported once, naming them all',
        source: `const base = { dialect: 'postgres', password: process.env.PW || 'pw' };\nmodule.exports = { development: { ...base }, test: { ...base }, production: { ...base, password: process.env.PW, logging: false, dialectOptions: { ssl: true } } };\n`,
        errors: [{ messageId: 'credentialFallback', line: 1, data: { env: 'development, test' } }],
      },
      {
        name: 'one password literal in development and production: one finding, at production, naming development (a warning: production connects to localhost)',
        file: 'config/config.json',
        source: '{\n  "development": {\n    "host": "localhost",\n    "password": "shared-pw",\n    "dialect": "postgres"\n  },\n  "production": {\n    "host": "localhost",\n    "password": "shared-pw",\n    "dialect": "postgres",\n    "logging": false\n  }\n}\n',
        errors: [{ messageId: 'hardcodedCredential', line: 9, severity: 'warning', data: { env: 'production', field: 'password', shared: ' The same value is written for `development` (line 4): reported once, here.' } }],
      },
      {
        name: 'a well-known default password (root) written for a database on the machine itself: no secret, info (hold-out 70, 71)',
        file: 'config/config.json',
        source: '{\n  "production": {\n    "host": "127.0.0.1",\n    "username": "root",\n    "password": "root",\n    "dialect": "mysql",\n    "logging": false\n  }\n}\n',
        errors: [{ messageId: 'hardcodedCredential', line: 5, severity: 'info', data: { env: 'production', field: 'password' } }],
      },
      {
        name: 'the same default password in a flat config for a Compose service (`host: db`): info',
        file: 'config/config.json',
        source: '{\n  "username": "root",\n  "password": "root",\n  "database": "shopper",\n  "host": "db",\n  "dialect": "mysql",\n  "logging": false\n}\n',
        errors: [
          { messageId: 'productionWithoutSslPrivateHost', line: 1, severity: 'info' },
          { messageId: 'hardcodedCredential', line: 3, severity: 'info', data: { field: 'password' } },
        ],
      },
      {
        name: 'different password literals stay separate findings',
        source: envs({ development: "    password: 'dev-pw',", production: "    password: 'prod-pw',\n    host: 'localhost',\n    logging: false," }),
        errors: [
          { messageId: 'hardcodedCredential', line: 3, data: { env: 'development', shared: '' } },
          { messageId: 'hardcodedCredential', line: 6, data: { env: 'production', shared: '' } },
        ],
      },
      {
        name: 'a base spread into development and test, and the same literal in production: one finding at production naming both',
        source: `const base = { dialect: 'postgres', password: 'pw' };\nmodule.exports = {\n  development: { ...base },\n  test: { ...base },\n  production: { ...base, host: 'localhost', password: 'pw', logging: false },\n};\n`,
        errors: [{ messageId: 'hardcodedCredential', line: 5, data: { env: 'production', shared: ' The same value is written for `development`, `test` (line 1): reported once, here.' } }],
      },
      {
        name: 'one literal fallback in development and staging: reported at staging (a production-like name)',
        source: envs({ development: "    password: process.env.DEV_PW || 'fallback',", staging: "    password: process.env.STAGING_PW || 'fallback',\n    host: 'localhost',\n    logging: false," }),
        errors: [{ messageId: 'credentialFallback', line: 6, data: { env: 'staging', variable: 'process.env.STAGING_PW', shared: ' The same value is written for `development` (line 3): reported once, here.' } }],
      },
      {
        name: 'one literal in two environments that are not production-like: at the first, naming the other',
        source: envs({ development: "    password: 'local',", test: "    password: 'local'," }),
        errors: [{ messageId: 'hardcodedCredential', line: 3, data: { env: 'development', shared: ' The same value is written for `test` (line 6): reported once, here.' } }],
      },
      {
        name: 'one password inside two URLs to other hosts: one secret',
        source: envs({ development: "    url: 'postgres://app:pw@localhost/dev',", production: "    url: 'postgres://app:pw@db.example.com/app?sslmode=verify-full',\n    logging: false," }),
        errors: [{ messageId: 'hardcodedCredential', line: 6, data: { env: 'production', field: 'password (in the `url`)', shared: ' The same value is written for `development` (line 3): reported once, here.' } }],
      },
      {
        name: 'credentialFields: username and host literals become warnings',
        source: env('test', "    username: 'app',\n    host: process.env.DB_HOST || 'db.internal',\n    password: process.env.DB_PASSWORD,"),
        options: { credentialFields: ['password', 'username', 'host'] },
        errors: [
          { messageId: 'hardcodedCredential', line: 3, severity: 'warning', data: { field: 'username' } },
          { messageId: 'credentialFallback', line: 4, severity: 'warning', data: { field: 'host', variable: 'process.env.DB_HOST' } },
        ],
      },
      {
        name: 'productionWithoutSsl: no dialectOptions.ssl, reported at the environment',
        source: env('production', "    username: process.env.DB_USER,\n    password: process.env.DB_PASSWORD,\n    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,"),
        errors: [{ messageId: 'productionWithoutSsl', line: 2, column: 3, severity: 'error', data: { env: 'production', setting: 'no `dialectOptions.ssl`' } }],
      },
      {
        name: 'productionWithoutSsl with a host only the environment gives (process.env.DB_HOST): whether it crosses a network is the deployment\'s, info naming the variable',
        source: env('production', "    username: process.env.DB_USER,\n    host: process.env.DB_HOST,\n    dialect: 'postgres',\n    logging: false,"),
        errors: [{ messageId: 'productionWithoutSslHostFromEnvironment', line: 2, severity: 'info', data: { env: 'production', variable: '`DB_HOST`' } }],
      },
      {
        name: 'productionWithoutSsl: an environment named like a production one with a suffix (prodExt, production-migrate) is production; products is not',
        source: envs({
          prodExt: "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,",
          'products': "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,",
        }),
        errors: [{ messageId: 'productionWithoutSsl', line: 2, severity: 'error', data: { env: 'prodExt' } }],
      },
      {
        name: 'productionWithoutSsl with a host that falls back to loopback (`DB_HOST || 127.0.0.1`): info that says where the risk is (nothing says the deployment points the variable elsewhere)',
        source: env('production', "    username: process.env.DB_USER,\n    password: process.env.DB_PASSWORD,\n    host: process.env.DB_HOST || '127.0.0.1',\n    dialect: 'postgres',\n    logging: false,"),
        errors: [{ messageId: 'productionWithoutSslLocalDefault', line: 2, column: 3, severity: 'info', data: { env: 'production', host: '127.0.0.1', variable: '`DB_HOST`' } }],
      },
      {
        name: 'productionWithoutSsl: ssl: false',
        source: env('production', "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: {\n      ssl: false,\n    },"),
        errors: [{ messageId: 'productionWithoutSsl', line: 7, data: { setting: '`dialectOptions.ssl` is false' } }],
      },
      {
        name: 'productionWithoutSsl: a top-level ssl: true, which the postgres dialect ignores',
        source: env('production', "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,\n    ssl: true,"),
        errors: [{ messageId: 'productionWithoutSsl', line: 6, data: { env: 'production' } }],
      },
      {
        name: 'productionWithoutSsl: sslmode=disable in a literal url',
        source: env('production', "    url: 'postgres://app@db.example.com/app?sslmode=disable',\n    dialect: 'postgres',\n    logging: false,"),
        errors: [{ messageId: 'productionWithoutSsl', line: 3, data: { setting: 'the `url` disables it' } }],
      },
      {
        name: 'productionWithoutSsl: a flat config applies to production too',
        source: "module.exports = {\n  host: 'db.example.com',\n  dialect: 'postgres',\n  logging: false,\n};\n",
        errors: [{ messageId: 'productionWithoutSsl', line: 1, data: { env: '(all environments)' } }],
      },
      {
        name: 'sslRejectUnauthorizedFalse: reported at rejectUnauthorized (warning)',
        source: env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: {\n      ssl: {\n        require: true,\n        rejectUnauthorized: false,\n      },\n    },"),
        errors: [{ messageId: 'sslRejectUnauthorizedFalse', line: 9, column: 9, severity: 'warning', data: { env: 'production', setting: '`rejectUnauthorized: false`' } }],
      },
      {
        name: 'sslRejectUnauthorizedFalse: sslmode=no-verify in the url',
        source: env('staging', "    url: 'postgres://app@db.example.com/app?sslmode=no-verify',\n    dialect: 'postgres',\n    logging: false,"),
        errors: [{ messageId: 'sslRejectUnauthorizedFalse', line: 3, data: { env: 'staging', setting: '`sslmode=no-verify` in the `url`' } }],
      },
      {
        name: 'sqlLoggingInProduction: logging: console.log (warning)',
        source: env('production', `${SECURE_PRODUCTION.replace('logging: false', 'logging: console.log')}`),
        errors: [{ messageId: 'sqlLoggingInProduction', line: 5, severity: 'warning', data: { setting: '`logging: console.log`' } }],
      },
      {
        name: 'sqlLoggingInProduction: no logging key (Sequelize logs by default)',
        source: env('production', SECURE_PRODUCTION.replace('    logging: false,\n', '')),
        errors: [{ messageId: 'sqlLoggingInProduction', line: 2, data: { setting: 'no `logging` key: Sequelize logs with console.log by default' } }],
      },
      {
        name: 'sqlLoggingInProduction: a logging function, and logging: true',
        source: envs({ production: SECURE_PRODUCTION.replace('logging: false', 'logging: (sql) => logger.info(sql)'), prod: SECURE_PRODUCTION.replace('logging: false', 'logging: true') }),
        errors: [
          { messageId: 'sqlLoggingInProduction', line: 5, data: { env: 'production', setting: '`logging: a logging function`' } },
          { messageId: 'sqlLoggingInProduction', line: 11, data: { env: 'prod', setting: '`logging: true`' } },
        ],
      },
      {
        name: 'productionEnvironments: names are configurable and case-insensitive',
        source: envs({ Live: "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,", production: "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false," }),
        options: { productionEnvironments: ['live'] },
        errors: [{ messageId: 'productionWithoutSsl', line: 2, data: { env: 'Live' } }],
      },
    ];

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { source, file, options, errors }) => {
      const findings = lintConfig(source, file ?? DEFAULT_FILE, options);
      expectFindings(findings, errors, file ?? DEFAULT_FILE);
      expect(render(findings)).toMatchSnapshot();
    });
  });

  describe('fixtures', () => {
    it('fixtures/lms-backend: exactly the hard-coded test password (info: `test` falls back to 127.0.0.1, a developer database) and production rejectUnauthorized: false', () => {
      const findings = lintFixture('lms-backend');
      expectFindings(findings, [
        { messageId: 'hardcodedCredential', line: 21, column: 5, severity: 'info', data: { env: 'test', field: 'password' } },
        { messageId: 'sslRejectUnauthorizedFalse', line: 45, column: 9, severity: 'warning', data: { env: 'production' } },
      ]);
      expect(render(findings)).toMatchSnapshot();
    });

    it('fixtures/config-json: only sequelize-cli reads it, so the missing staging `logging` key is no SQL logging', () => {
      const findings = lintFixture('config-json');
      expectFindings(
        findings,
        [
          { messageId: 'hardcodedCredential', line: 11, data: { env: 'test', field: 'password' } },
          { messageId: 'hardcodedCredential', line: 18, data: { env: 'staging', field: 'password (in the `url`)' } },
          { messageId: 'sslRejectUnauthorizedFalse', line: 18, data: { env: 'staging', setting: '`sslmode=no-verify` in the `url`' } },
        ],
        'config/config.json',
      );
      expect(render(findings)).toMatchSnapshot();
    });

    it('fixtures/config-js-insecure: the production logging function only logs migrations (info); the stock password of the local development and test databases is info', () => {
      const findings = lintFixture('config-js-insecure');
      expectFindings(findings, [
        { messageId: 'stockPasswordFallback', line: 10, severity: 'info', data: { env: 'development, test', variable: 'process.env.DB_PASSWORD' } },
        { messageId: 'productionWithoutSslHostFromEnvironment', line: 26, severity: 'info', data: { env: 'production', variable: '`DB_HOST`' } },
        { messageId: 'sqlLoggingInMigrations', line: 31, severity: 'info', data: { env: 'production' } },
      ]);
      expect(render(findings)).toMatchSnapshot();
    });
  });

  describe('who connects with the file (sequelize-cli only, or the application too)', () => {
    const PRODUCTION_NO_LOGGING_KEY = env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    dialectOptions: { ssl: { ca: process.env.DB_CA } },");
    const CLI = 'sequelize-cli only (migrations and seeders)';

    it.each([
      ['no application instance: sequelize-cli fills a missing logging with logMigrator (labels #40, #45, #46)', []],
      ['the application passes options of its own and only reads values from the file (label #45)', ['values']],
      ['the application passes the file\'s options but sets logging itself', ['overrides-logging']],
      ['the application builds its options in code migralint cannot read: no claim', ['unknown']],
      ['the application takes only the server from the file, with logging of its own', ['server']],
      ['the application does not read the file', ['no']],
    ] as const)('no `logging` key is no SQL logging: %s', (_name, apps) => {
      expect(lintWithApps(PRODUCTION_NO_LOGGING_KEY, [...apps])).toEqual([]);
    });

    it('no `logging` key in a file the application passes to new Sequelize: it logs with console.log (warning, naming the instance)', () => {
      expectFindings(lintWithApps(PRODUCTION_NO_LOGGING_KEY, ['values', 'options']), [
        { messageId: 'sqlLoggingInProduction', line: 2, severity: 'warning', data: { env: 'production', connection: 'the application (`src/db1.js:3`)' } },
      ]);
    });

    it.each([
      {
        name: 'a production block as `sequelize init` writes it but for the database name (root, no password, 127.0.0.1): a placeholder, info, saying so',
        body: '    "username": "root",\n    "password": null,\n    "database": "stock_production",\n    "host": "127.0.0.1",\n    "dialect": "mysql"',
        severity: 'info',
        stub: /still the block `sequelize init` writes \(user `root`, no password, host `127\.0\.0\.1`\)/,
      },
      {
        name: 'the same block with a password of its own: edited, so it may be deployed, a warning',
        body: '    "username": "root",\n    "password": "Stock-2024",\n    "database": "stock_production",\n    "host": "127.0.0.1",\n    "dialect": "mysql"',
        severity: 'warning',
        stub: null,
      },
      {
        name: 'a production block whose host, database and credentials are written empty (a form to fill in): info, saying so',
        body: '    "username": "",\n    "password": "",\n    "database": "",\n    "host": "",\n    "dialect": "mysql"',
        severity: 'info',
        stub: /`production` is a placeholder to fill in \(host, database and credentials empty\)/,
      },
      {
        name: 'a production block that writes its values as `process.env.X` strings in JSON (nothing expands them): a placeholder, info, saying so',
        body: '    "username": "ledger",\n    "password": "process.env.DATABASE_PASSWORD",\n    "database": "ledger",\n    "host": "process.env.DATABASE_HOST",\n    "dialect": "mysql"',
        severity: 'info',
        stub: /`production` is a placeholder to fill in \(`process\.env\.DATABASE_HOST` written as the host, a string nothing expands\)/,
      },
      {
        name: 'the same block with a host filled in: a warning',
        body: '    "username": "",\n    "password": "",\n    "database": "",\n    "host": "db.internal.example.com",\n    "dialect": "mysql"',
        severity: 'warning',
        stub: null,
      },
      {
        name: 'the same block on another host: edited, a warning',
        body: '    "username": "root",\n    "password": null,\n    "database": "stock_production",\n    "host": "db.internal.example.com",\n    "dialect": "mysql"',
        severity: 'warning',
        stub: null,
      },
    ])('$name', ({ body, severity, stub }) => {
      const source = `{\n  "production": {\n${body}\n  }\n}\n`;
      const dbConfig = analyzeDbConfigSource(source, 'config/config.json', path.join(REPO, 'virtual-project', 'config/config.json'));
      dbConfig.appConnections = [{ file: 'models/index.js', line: 8, text: 'new Sequelize(...)', dialects: [], usesConfig: 'options' }];
      const logging = run({ ...projectWith(dbConfig), dialect: { dialects: ['mysql'], source: null } }).filter((f) => f.messageId === 'sqlLoggingInProduction');
      expect(logging.map((f) => f.severity)).toEqual([severity]);
      if (stub) expect(logging[0]!.message).toMatch(stub);
      else expect(logging[0]!.message).not.toMatch(/sequelize init|placeholder to fill in/);
    });

    it('one settings object written for staging and production: one finding at production, naming staging', () => {
      const source = "const common = {\n  dialect: 'postgres',\n  host: 'db.example.com',\n  logging: false,\n};\nmodule.exports = {\n  staging: common,\n  production: common,\n};\n";
      const findings = lintWithApps(source, ['options']);
      expectFindings(findings, [{ messageId: 'productionWithoutSsl', line: 8, severity: 'error', data: { env: 'production' } }]);
      expect(findings[0]!.message).toContain('The same value is written for `staging` (line 7): reported once, here.');
    });

    it('logging: true in a migrations-only config is info (label #42)', () => {
      const source = env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: true,\n    dialectOptions: { ssl: true },");
      const findings = lintWithApps(source, []);
      expectFindings(findings, [{ messageId: 'sqlLoggingInMigrations', line: 5, severity: 'info', data: { env: 'production', setting: '`logging: true`' } }]);
      expect(render(findings)).toMatchSnapshot();
    });

    it('logging: console.log in a config the application uses stays a warning', () => {
      const source = env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: console.log,\n    dialectOptions: { ssl: true },");
      expectFindings(lintWithApps(source, ['options']), [{ messageId: 'sqlLoggingInProduction', line: 5, severity: 'warning' }]);
    });

    it('SSL findings of a cli-only config are kept and name sequelize-cli (labels #41, #43, #44)', () => {
      const source = envs({
        production: "    host: process.env.DB_HOST || '127.0.0.1',\n    dialect: 'postgres',",
        staging: "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },",
      });
      const findings = lintWithApps(source, ['values']);
      expectFindings(findings, [
        // Label #44: true, and "if the DB is co-located, warning would fit better than error": the host falls back to
        // loopback; info since session 27 (30 of 39 such warnings on hold-out projects not worth one, and the corpus's
        // own later label of this finding: the project's guide puts PostgreSQL on the application's VPS).
        { messageId: 'productionWithoutSslLocalDefault', line: 2, severity: 'info', data: { env: 'production', connection: CLI } },
        { messageId: 'sslRejectUnauthorizedFalse', line: 10, severity: 'warning', data: { env: 'staging', connection: CLI } },
      ]);
      expect(render(findings)).toMatchSnapshot();
    });

    it('SSL findings of a config the application uses name both connections; no SSL there is an error, for sequelize-cli alone a warning', () => {
      const source = env('production', "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,");
      expectFindings(lintWithApps(source, ['options']), [
        { messageId: 'productionWithoutSsl', line: 2, severity: 'error', data: { connection: 'the application (`src/db0.js:3`) and sequelize-cli' } },
      ]);
      expectFindings(lintWithApps(source, ['values']), [{ messageId: 'productionWithoutSsl', line: 2, severity: 'warning', data: { connection: CLI } }]);
    });

    it('an application that takes the server from the file and sets no SSL itself connects without SSL too: an error naming it', () => {
      const source = env('production', "    host: 'db.example.com',\n    dialect: 'postgres',\n    logging: false,");
      const findings = lintWithApps(source, ['server', 'values']);
      expectFindings(findings, [
        {
          messageId: 'productionWithoutSsl',
          line: 2,
          severity: 'error',
          data: { connection: 'the application (`src/db0.js:3`) and sequelize-cli', ownOptions: ' `src/db0.js:3` takes the server from this file with options of its own: set SSL there too.' },
        },
      ]);
      expect(render(findings)).toMatchSnapshot();
    });

    it('such an application is named by the loopback-fallback warning, and not by a certificate finding (it has no SSL of the file\'s)', () => {
      const source = envs({
        production: "    host: process.env.DB_HOST || 'localhost',\n    dialect: 'postgres',\n    logging: false,",
        staging: "    host: process.env.DB_HOST,\n    dialect: 'postgres',\n    logging: false,\n    dialectOptions: { ssl: { rejectUnauthorized: false } },",
      });
      expectFindings(lintWithApps(source, ['server']), [
        { messageId: 'productionWithoutSslLocalDefault', line: 2, severity: 'info', data: { connection: 'the application (`src/db0.js:3`) and sequelize-cli' } },
        { messageId: 'sslRejectUnauthorizedFalse', line: 11, severity: 'warning', data: { connection: CLI } },
      ]);
    });

    it('fixtures/config-app-destructured: a TypeScript module destructures the file\'s host and credentials and connects without SSL', () => {
      const findings = lintFixture('config-app-destructured');
      expectFindings(
        findings,
        [{ messageId: 'productionWithoutSslHostFromEnvironment', line: 11, severity: 'info', data: { env: 'production', connection: 'the application (`api/db/connection.ts:17`) and sequelize-cli' } }],
        'config/config.js',
      );
    });

    it('MySQL without SSL: reported, and the message claims no clear-text password', () => {
      const source = env('production', "    host: 'db.example.com',\n    dialect: 'mysql',\n    logging: false,");
      const findings = lintWithApps(source, []);
      expectFindings(findings, [{ messageId: 'productionWithoutSsl', line: 2, severity: 'warning' }]);
      expect(findings[0]!.message).not.toMatch(/password/);
    });

    it.each([
      ['an mssql environment (encryption is `dialectOptions.options.encrypt`, not judged)', env('production', "    host: process.env.DB_HOST,\n    dialect: 'mssql',\n    logging: false,"), []],
      ['a production environment with no dialect key in a SQLite project', env('production', "    storage: process.env.DB_FILE,\n    logging: false,"), ['sqlite']],
    ] as const)('no SSL claim for %s', (_name, source, dialects) => {
      expect(lintWithApps(source, [], [...dialects])).toEqual([]);
    });

    it('fixtures/config-app-instance: the models\' index.js passes the config to new Sequelize, so a missing logging key logs', () => {
      const findings = lintFixture('config-app-instance');
      expectFindings(findings, [
        { messageId: 'sqlLoggingInProduction', line: 9, severity: 'warning', data: { env: 'production', connection: 'the application (`models/index.js:10`)' } },
      ], 'config/config.json');
    });

    it('fixtures/config-cli-only: the app builds its own instance; the cli-only config is judged for SSL only', () => {
      const findings = lintFixture('config-cli-only');
      expectFindings(
        findings,
        [{ messageId: 'sslRejectUnauthorizedFalse', line: 10, severity: 'warning', data: { env: 'production', connection: 'sequelize-cli only (migrations and seeders)' } }],
        'db/cli-config.js',
      );
    });
  });

  describe('a production block no deployment of the project selects', () => {
    const project = useTempProjects('insecure-selection');
    // A shop whose models' index.js builds the application's instance from config[NODE_ENV || 'development'].
    const base: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'node server.js', migrate: 'sequelize db:migrate' }, dependencies: { sequelize: '^6.37.0' } }, null, 2),
      'config/config.js': [
        'module.exports = {',
        "  development: { username: 'shop', password: process.env.DB_PASSWORD, database: 'shop_dev', host: 'localhost', dialect: 'postgres' },",
        "  production: { username: 'shop', password: process.env.DB_PASSWORD, database: 'shop', host: 'db.shop.example.com', dialect: 'postgres' },",
        '};',
        '',
      ].join('\n'),
      'models/index.js': [
        "const { Sequelize } = require('sequelize');",
        "const env = process.env.NODE_ENV || 'development';",
        "const config = require('../config/config.js')[env];",
        'const sequelize = new Sequelize(config.database, config.username, config.password, config);',
        'module.exports = { sequelize };',
        '',
      ].join('\n'),
      'migrations/20240102090000-create-orders.js': "module.exports = { up: (qi, S) => qi.createTable('orders', { id: { type: S.INTEGER, primaryKey: true } }), down: (qi) => qi.dropTable('orders') };\n",
    };
    const compose = (env: string) => `services:\n  api:\n    build: .\n    command: npm start\n    environment:\n      NODE_ENV: ${env}\n      DB_PASSWORD: secret\n  db:\n    image: postgres:16\n`;
    const severities = (files: Record<string, string>) => {
      const root = project({ ...base, ...files });
      const info = discoverLayout(root);
      return run({ ...projectWith(null, root), project: info, ...readSurroundings(info) }, undefined);
    };
    const lowered = '`docker-compose.yml:6` sets NODE_ENV to `development`';

    it.each<[string, Record<string, string>, string | null]>([
      ['the Compose file the application runs with sets NODE_ENV=development', { 'docker-compose.yml': compose('development') }, lowered],
      ['the Compose file loads the committed .env, which sets NODE_ENV=development', { '.env': 'NODE_ENV=development\nPORT=3000\n', 'docker-compose.yml': 'services:\n  api:\n    build: .\n    env_file: ./.env\n' }, '`.env:1` sets NODE_ENV to `development`'],
      ['a committed .env alone: dotenv never overrides the deployment\'s own NODE_ENV: kept', { '.env': 'NODE_ENV=development\n' }, null],
      ['only a development image and Compose file set NODE_ENV=development: kept', { 'Dockerfile.dev': 'FROM node:20\nENV NODE_ENV=development\n', 'docker-compose.local.yml': compose('development') }, null],
      ['the Dockerfile takes NODE_ENV as a build argument: kept', { 'docker-compose.yml': compose('development'), Dockerfile: 'FROM node:20\nARG NODE_ENV\nRUN if [ "$NODE_ENV" != "production" ]; then npm i; fi\n' }, null],
      ['the Dockerfile sets ENV NODE_ENV development', { Dockerfile: 'FROM node:20\nENV NODE_ENV development\nCMD ["npm", "start"]\n' }, '`Dockerfile:2` sets NODE_ENV to `development`'],
      ['a Kubernetes manifest sets NODE_ENV to development', { 'k8s/api.yaml': 'env:\n  - name: NODE_ENV\n    value: development\n' }, '`k8s/api.yaml:2` sets NODE_ENV to `development`'],
      ['the start script sets NODE_ENV=development', { 'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'NODE_ENV=development node server.js' }, dependencies: { sequelize: '^6.37.0' } }, null, 2) }, '`package.json:4` sets NODE_ENV to `development`'],
      ['a test sets NODE_ENV=production: test code says nothing of the deployment', { 'docker-compose.yml': compose('development'), 'test/setup.js': "process.env.NODE_ENV = 'production';\n" }, lowered],
      ['nothing says how the application runs: kept', {}, null],
      ['only .env.example sets NODE_ENV=development: kept', { '.env.example': 'NODE_ENV=development\n' }, null],
      ['a script migrates with NODE_ENV=production: kept', { 'docker-compose.yml': compose('development'), 'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'node server.js', 'migrate:prod': 'NODE_ENV=production sequelize db:migrate' } }, null, 2) }, null],
      ['a script passes --env production to sequelize-cli: kept', { 'docker-compose.yml': compose('development'), 'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'node server.js', 'db:migrate:prod': 'sequelize db:migrate --env production' } }, null, 2) }, null],
      ['a Procfile: Heroku sets NODE_ENV=production itself: kept', { 'docker-compose.yml': compose('development'), Procfile: 'web: npm start\n' }, null],
      ['app.yaml of App Engine: kept', { '.env': 'NODE_ENV=development\n', 'app.yaml': 'runtime: nodejs20\n' }, null],
      ['the Compose file takes NODE_ENV from the deploying shell: kept', { 'docker-compose.yml': compose('${NODE_ENV}') }, null],
      ['the Dockerfile sets ENV NODE_ENV=production: kept', { 'docker-compose.yml': compose('development'), Dockerfile: 'FROM node:20\nENV NODE_ENV=production\n' }, null],
      ['the application falls back to production: kept', { 'docker-compose.yml': compose('development'), 'models/index.js': base['models/index.js']!.replace("|| 'development'", "|| 'production'") }, null],
      ['the application reads config.production by name: kept', { 'docker-compose.yml': compose('development'), 'models/index.js': "const { Sequelize } = require('sequelize');\nconst config = require('../config/config.js').production;\nmodule.exports = new Sequelize(config.database, config.username, config.password, config);\n" }, null],
    ])('%s', (_name, files, note) => {
      const findings = severities(files);
      expect(findings.map((f) => [f.messageId, f.line])).toEqual([
        ['productionWithoutSsl', 3],
        ['sqlLoggingInProduction', 3],
      ]);
      for (const f of findings) {
        if (note === null) {
          expect(f.severity).not.toBe('info');
          expect(f.message).not.toContain('Lowered to info');
        } else {
          expect(f.severity).toBe('info');
          expect(f.message).toContain(`Lowered to info: nothing in the project selects \`production\`: ${note}, and no script, deploy or platform file sets it to \`production\`.`);
        }
      }
    });

    const deploymentSigns: [string, Record<string, string>, 'warning' | 'info'][] = [
      ['a Dockerfile runs the application: a warning', { Dockerfile: 'FROM node:20\nCMD ["npm", "start"]\n' }, 'warning'],
      ['a pm2 ecosystem file: a warning', { 'ecosystem.config.js': "module.exports = { apps: [{ script: 'server.js' }] };\n", 'server.js': "const { sequelize } = require('./models');\n" }, 'warning'],
      ['a CI workflow that deploys over ssh: a warning', { '.github/workflows/deploy.yml': 'on: push\njobs:\n  ship:\n    steps:\n      - run: ssh deploy@shop.example.com ./release.sh\n' }, 'warning'],
      ['a CI workflow that only runs the tests: info', { '.github/workflows/test.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n' }, 'info'],
      ['only nodemon and node scripts: info', {}, 'info'],
      ['a Jenkins pipeline that deploys: a warning', { Jenkinsfile: "pipeline {\n  stages {\n    stage('Deploy') { steps { sh 'kubectl apply -f k8s/' } }\n  }\n}\n" }, 'warning'],
      ['a Jenkins pipeline that only runs the tests: info', { Jenkinsfile: "pipeline {\n  stages {\n    stage('Test') { steps { sh 'npm test' } }\n  }\n}\n" }, 'info'],
    ];
    it.each<[string, Record<string, string>, 'warning' | 'info']>([
      ...deploymentSigns,
      ['no deployment file, but the production block names a public server: a warning', { 'config/config.js': base['config/config.js']! }, 'warning'],
    ])('SQL logging in production by what says the project is deployed: %s', (_name, files, severity) => {
      // The production host from the environment: the block itself names no server.
      const fromEnvironment = base['config/config.js']!.replace("host: 'db.shop.example.com'", 'host: process.env.DB_HOST');
      const logging = severities({ 'config/config.js': fromEnvironment, ...files }).find((f) => f.messageId === 'sqlLoggingInProduction');
      expect(logging?.severity).toBe(severity);
      if (severity === 'info') expect(logging?.message).toContain('Lowered to info: nothing in the project says where it is deployed');
    });

    it.each(deploymentSigns)('no SSL to a host that falls back to the machine itself, by what says the project is deployed: %s', (_name, files, severity) => {
      // `DB_HOST || 'localhost'`: the database shares the machine unless the deployment says otherwise (hold-out labels:
      // 7 of 9 such warnings on projects nothing deploys were not worth one).
      const localDefault = base['config/config.js']!.replace("host: 'db.shop.example.com'", "host: process.env.DB_HOST || 'localhost'");
      const ssl = severities({ 'config/config.js': localDefault, ...files }).find((f) => f.messageId === 'productionWithoutSslLocalDefault');
      // Info either way (nothing says the deployment points DB_HOST elsewhere); the note says which reason when nothing deploys it.
      expect(ssl?.severity).toBe('info');
      if (severity === 'info') expect(ssl?.message).toContain('Lowered to info: nothing in the project says where it is deployed');
      else expect(ssl?.message).not.toContain('Lowered to info');
    });

    it.each<[string, Record<string, string>, string | null]>([
      ['the Compose file sets DB_HOST to the database service beside the application', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: production\n      DB_HOST: db\n  db:\n    image: postgres:16\n' }, '`db` (`docker-compose.yml:6` sets `DB_HOST`)'],
      ['the list form (`- DB_HOST=postgres`)', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      - NODE_ENV=production\n      - DB_HOST=postgres\n  postgres:\n    image: postgres:16\n' }, '`postgres` (`docker-compose.yml:6` sets `DB_HOST`)'],
      ['an env file the Compose file loads sets it', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    env_file:\n      - ./deploy/api.env\n', 'deploy/api.env': 'NODE_ENV=production\nDB_HOST=10.0.3.7\n' }, '`10.0.3.7` (`deploy/api.env:2` sets `DB_HOST`)'],
      ['the Compose file sets it to a public server: a warning', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: production\n      DB_HOST: db.shop.example.com\n' }, null],
      ['the Compose file passes the deploying shell\'s value on (`${DB_HOST}`): info, nothing says where it points', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: production\n      DB_HOST: ${DB_HOST}\n' }, null],
      ['one Compose file sets the service, another a public server: a warning', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      DB_HOST: db\n', 'docker-compose.prod.yml': 'services:\n  api:\n    environment:\n      DB_HOST: shop-db.eu-west-1.rds.amazonaws.com\n' }, null],
      ['the Compose file sets another variable than the one the config reads: info', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      DATABASE_HOST: db\n' }, null],
    ])('no SSL to a host that falls back to the machine itself, where the Compose files set the variable (hold-out labels of session 23): %s', (_name, files, host) => {
      const localDefault = base['config/config.js']!.replace("host: 'db.shop.example.com'", "host: process.env.DB_HOST || 'localhost'");
      const findings = severities({ 'config/config.js': localDefault, Dockerfile: 'FROM node:20\nCMD ["npm", "start"]\n', ...files });
      const ssl = findings.filter((f) => /^productionWithoutSsl/.test(f.messageId));
      // A public server set by a Compose file says the deployment points the variable elsewhere: a warning.
      const publicServer = Object.values(files).some((text) => /DB_HOST: [\w-]+\.[\w.-]+$/m.test(text) && !/DB_HOST: \d/m.test(text));
      expect(ssl.map((f) => [f.messageId, f.severity])).toEqual([host === null ? ['productionWithoutSslLocalDefault', publicServer ? 'warning' : 'info'] : ['productionWithoutSslPrivateHost', 'info']]);
      if (host !== null) expect(ssl[0]!.message).toContain(`to ${host}, a name or address of a private network`);
    });

    it.each(deploymentSigns)('a password written for a database on the machine itself (host `localhost`, or a stock fallback with `|| \'localhost\'`), by what says the project is deployed: %s (hold-out 68, 69)', (_name, files, severity) => {
      const config = (production: string) => `module.exports = {\n  production: { username: 'shop', database: 'shop', dialect: 'postgres', logging: false, dialectOptions: { ssl: true }, ${production} },\n};\n`;
      const written = severities({ 'config/config.js': config("host: 'localhost', password: 'gobarber'"), ...files }).find((f) => f.messageId === 'hardcodedCredential');
      expect(written?.severity).toBe(severity);
      const fallback = severities({ 'config/config.js': config("host: process.env.DB_HOST || 'localhost', password: process.env.DB_PASSWORD || 'postgres'"), ...files }).find((f) => f.messageId === 'stockPasswordFallback');
      expect(fallback?.severity).toBe(severity);
      if (severity === 'info') expect(written?.message).toContain('Lowered to info: nothing in the project says where it is deployed');
    });

    it('the same password for a public server in a project nothing deploys stays an error: a real server\'s secret', () => {
      const config = "module.exports = {\n  production: { username: 'shop', database: 'shop', dialect: 'postgres', logging: false, dialectOptions: { ssl: true }, host: 'db.shop.example.com', password: 'gobarber' },\n};\n";
      expect(severities({ 'config/config.js': config }).find((f) => f.messageId === 'hardcodedCredential')?.severity).toBe('error');
    });

    it('a password written in the unselected block is still reported at its severity: it is in the repository', () => {
      const config = base['config/config.js']!.replace("password: process.env.DB_PASSWORD, database: 'shop',", "password: 'Sh0p-Pr0d-2024', database: 'shop',");
      const findings = severities({ 'docker-compose.yml': compose('development'), 'config/config.js': config });
      expect(findings.map((f) => [f.messageId, f.severity]).sort()).toEqual([
        ['hardcodedCredential', 'error'],
        ['productionWithoutSsl', 'info'],
        ['sqlLoggingInProduction', 'info'],
      ]);
    });
  });

  describe("a credential that falls back to the password the project's Compose file gives its database container", () => {
    const project = useTempProjects('insecure-container-password');
    const config = (password: string) =>
      [
        'module.exports = {',
        `  production: { username: 'board', password: ${password}, database: 'board', host: process.env.DB_HOST, dialect: 'postgres', logging: false, dialectOptions: { ssl: true } },`,
        '};',
        '',
      ].join('\n');
    const compose = (password: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: board\n      POSTGRES_PASSWORD: ${password}\n`;
    const findingsOf = (files: Record<string, string>) => {
      const root = project({
        'package.json': JSON.stringify({ name: 'board', dependencies: { sequelize: '^6.37.0' } }),
        'migrations/20240101000000-create-posts.js': "module.exports = { up: (qi, S) => qi.createTable('posts', { id: { type: S.INTEGER, primaryKey: true } }), down: (qi) => qi.dropTable('posts') };\n",
        ...files,
      });
      const info = discoverLayout(root);
      return run({ ...projectWith(null, root), project: info, ...readSurroundings(info) }).map((f) => [f.messageId, f.severity, f.data?.container ?? null]);
    };

    it.each<[string, Record<string, string>, (string | null)[][]]>([
      [
        'the fallback is the Compose database password: a development container\'s, public already (warning, naming where)',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('forum-local-pw') },
        [['containerPasswordFallback', 'warning', '`docker-compose.yml:6`']],
      ],
      [
        'the password of a fallback URL is the Compose one (a development Compose file counts: it is where the container is)',
        { 'config/config.js': config("undefined, url: process.env.DATABASE_URL || 'postgres://board:forum-local-pw@db.board.example.com/board'"), 'docker-compose.dev.yaml': compose('"forum-local-pw"') },
        [['containerPasswordFallback', 'warning', '`docker-compose.dev.yaml:6`']],
      ],
      [
        'the Compose file takes its password from the environment: no value to compare, the fallback stays an error',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('${DB_PASSWORD}') },
        [['credentialFallback', 'error', null]],
      ],
      [
        'the Compose file gives the container the same password as its default for an unset variable (`${DB_PASSWORD:-...}`, `${DB_PASSWORD-...}`): a warning',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('${DB_PASSWORD:-forum-local-pw}') },
        [['containerPasswordFallback', 'warning', '`docker-compose.yml:6`']],
      ],
      [
        'the default of an unset variable, without the colon',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('"${DB_PASSWORD-forum-local-pw}"') },
        [['containerPasswordFallback', 'warning', '`docker-compose.yml:6`']],
      ],
      [
        'a required variable (`${DB_PASSWORD:?set it}`) or another default: the fallback stays an error',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('${DB_PASSWORD:?forum-local-pw}') + compose('${DB_PASSWORD:-other-pw}').replace('services:\n', '') },
        [['credentialFallback', 'error', null]],
      ],
      [
        'another password in the Compose file: the fallback stays an error',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'"), 'docker-compose.yml': compose('other-pw') },
        [['credentialFallback', 'error', null]],
      ],
      [
        'no Compose file: an error',
        { 'config/config.js': config("process.env.DB_PASSWORD || 'forum-local-pw'") },
        [['credentialFallback', 'error', null]],
      ],
    ])('%s', (_name, files, expected) => {
      expect(findingsOf(files)).toEqual(expected);
    });
  });

  describe('a database that `npm start` drops and recreates', () => {
    const source = "module.exports = {\n  password: process.env.DB_PASSWORD || '123456',\n  host: process.env.DB_HOST || 'db.example.com',\n  dialect: 'postgres',\n  logging: true,\n};\n";
    const script = (name: string, dataLoss: 'all' | 'none'): NonNullable<ProjectModel['scripts']>[number] => ({
      name,
      command: 'npm run db:reset && node server.js',
      dataLoss,
      reason: '',
      purpose: '',
      environment: 'development',
      safeguards: [],
      evidence: [],
    });
    const withScripts = (scripts: NonNullable<ProjectModel['scripts']>) =>
      run({ ...projectWith(analyzeDbConfigSource(source, DEFAULT_FILE, path.join(REPO, 'virtual-project', DEFAULT_FILE))), scripts });

    it('lowers every finding to info and says why', () => {
      const findings = withScripts([script('start', 'all')]);
      expect(findings.map((f) => [f.messageId, f.severity])).toEqual([
        ['productionWithoutSsl', 'info'],
        ['credentialFallback', 'info'],
        ['sqlLoggingInProduction', 'info'],
      ]);
      for (const f of findings) expect(f.message).toContain('`npm start` drops and recreates the database at every start');
    });

    it('keeps the severities when only another script drops it, or start keeps the data', () => {
      for (const scripts of [[script('db:reset', 'all')], [script('start', 'none')]]) {
        const findings = withScripts(scripts);
        expect(findings.map((f) => f.severity)).toEqual(['error', 'error', 'warning']);
        for (const f of findings) expect(f.message).not.toContain('drops and recreates');
      }
    });
  });

  describe('known false negatives (not caught yet)', () => {
    it.each([
      ['a private key written under dialectOptions.ssl.key', env('production', SECURE_PRODUCTION.replace('ca: process.env.DB_CA', "key: '-----BEGIN PRIVATE KEY-----abc'"))],
      ['a password read from a secrets module committed next to the config', `const secrets = require('./secrets.json');\n${env('production', `${SECURE_PRODUCTION}\n    password: secrets.db,`)}`],
      ['a DATABASE_URL without sslmode (Heroku) and no dialectOptions.ssl: the URL may carry sslmode, so SSL is unknown', env('production', "    use_env_variable: 'DATABASE_URL',\n    dialect: 'postgres',\n    logging: false,")],
    ])('%s', (_name, source) => {
      expect(lintConfig(source)).toEqual([]);
    });
  });

  describe(`rules/${RULE}.md examples`, () => {
    const tokens = marked.lexer(readFileSync(path.join(REPO, 'rules', `${RULE}.md`), 'utf8'));
    const section = (title: string) => {
      const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).depth === 2 && (t as Tokens.Heading).text === title);
      const end = tokens.findIndex((t, i) => i > start && t.type === 'heading' && (t as Tokens.Heading).depth === 2);
      return tokens.slice(start + 1, end === -1 ? undefined : end);
    };
    const configBlock = (t: Tokens.Code) => {
      const named = /^\/\/ (config\/\S+)\s*$/.exec(t.text.split('\n')[0] ?? '');
      expect(t.lang, 'examples are js blocks').toBe('js');
      expect(named, 'each example starts with a // config/<file> line').not.toBeNull();
      return { file: named![1]!, source: `${t.text}\n` };
    };

    it('the "How to fix" config passes', () => {
      const blocks = section('How to fix').filter((t): t is Tokens.Code => t.type === 'code');
      expect(blocks).toHaveLength(1);
      const { file, source } = configBlock(blocks[0]!);
      expect(lintConfig(source, file)).toEqual([]);
    });

    let kind: '❌' | '✅' | null = null;
    const examples: { kind: '❌' | '✅'; title: string; file: string; source: string }[] = [];
    for (const t of section('Examples')) {
      if (t.type === 'paragraph') {
        const text = (t as Tokens.Paragraph).text.trim();
        kind = text.startsWith('❌') ? '❌' : text.startsWith('✅') ? '✅' : null;
      } else if (t.type === 'code' && kind) {
        const block = t as Tokens.Code;
        const named = /^\/\/ (config\/\S+)/.exec(block.text)?.[1] ?? 'missing';
        examples.push({ kind, title: block.text.split('\n')[1] ?? '', file: named, source: `${block.text}\n` });
      }
    }

    it('has ❌ and ✅ examples, each naming its config file', () => {
      expect(examples.some((e) => e.kind === '❌')).toBe(true);
      expect(examples.some((e) => e.kind === '✅')).toBe(true);
      for (const e of examples) expect(e.file).toMatch(/^config\//);
    });

    it.each(examples.map((e, i) => [`${e.kind} ${i + 1}`, e] as const))('%s', (_label, e) => {
      const findings = lintConfig(e.source, e.file);
      if (e.kind === '❌') expect(findings.length).toBeGreaterThan(0);
      else expect(findings.map((f) => `${f.line} ${f.messageId}: ${f.message}`)).toEqual([]);
    });
  });
});
