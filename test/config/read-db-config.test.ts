import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDbConfigSource, FLAT_ENVIRONMENT, readDbConfig } from '../../src/config/read-db-config';
import type { DbConfigAnalysis, DbEnvironment } from '../../src/model';
import { discoverLayout } from '../../src/discovery';
import { REPO } from '../helpers/extract';
import { Workspace } from '../../src/workspace';

const fixture = (name: string) => path.join(REPO, 'fixtures', name);

/** Analyzes inline config source as `config/database.js` (or the given file). */
function read(source: string, file = 'config/database.js'): DbConfigAnalysis {
  return analyzeDbConfigSource(source, file, path.join(REPO, 'virtual-project', file));
}

function envOf(analysis: DbConfigAnalysis | null, name: string): DbEnvironment {
  const env = analysis?.environments.find((e) => e.name === name);
  if (!env) throw new Error(`no environment ${name} in ${JSON.stringify(analysis?.environments.map((e) => e.name))}`);
  return env;
}

/** One environment `production` built from the given properties. */
function production(props: string, prelude = ''): DbEnvironment {
  return envOf(read(`${prelude}\nmodule.exports = {\n  production: {\n${props}\n  },\n};\n`), 'production');
}

describe('readDbConfig: files', () => {
  it('returns null when the project has no config file, or the file is missing', () => {
    expect(readDbConfig(new Workspace(fixture('config-json')), null)).toBeNull();
    expect(readDbConfig(new Workspace(fixture('config-json')), 'config/missing.js')).toBeNull();
  });

  it('reports a config path that is a directory as an error, without throwing', () => {
    const a = readDbConfig(new Workspace(fixture('config-json')), 'config');
    expect(a?.errors).toEqual([{ message: 'the config path is not a file', line: 1, column: 1 }]);
    expect(a?.environments).toEqual([]);
  });

  it('finds the config through the .sequelizerc `config` entry', () => {
    const info = discoverLayout(fixture('config-sequelizerc'));
    expect(info.configFile).toBe('db/settings.js');
    const a = readDbConfig(new Workspace(info.absRoot), info.configFile);
    expect(a?.file).toBe('db/settings.js');
    expect(a?.environments.map((e) => e.name)).toEqual(['development', 'production']);
  });

  it('never executes the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-config-'));
    try {
      cpSync(fixture('no-exec'), dir, { recursive: true });
      const before = readdirSync(path.join(dir, 'config'));
      const a = readDbConfig(new Workspace(dir), 'config/config.js');
      expect(envOf(a, 'development').url).toMatchObject({ source: 'env', envVar: 'DATABASE_URL', via: 'use_env_variable' });
      expect(readdirSync(path.join(dir, 'config'))).toEqual(before);
      expect(existsSync(path.join(dir, 'config', 'EXECUTED-config'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readDbConfig: JSON (config.json)', () => {
  const a = readDbConfig(new Workspace(fixture('config-json')), 'config/config.json');

  it('lists the environments in file order, located at their keys', () => {
    expect(a?.format).toBe('json');
    expect(a?.errors).toEqual([]);
    expect(a?.partial).toBe(false);
    expect(a?.environments.map((e) => [e.name, e.loc.line, e.loc.column])).toEqual([
      ['development', 2, 3],
      ['test', 9, 3],
      ['staging', 17, 3],
      ['production', 22, 3],
    ]);
  });

  it('reads literals: non-secret values kept, the password never, a null password as empty', () => {
    const dev = envOf(a, 'development');
    expect(dev.dialect).toMatchObject({ source: 'literal', value: 'postgres' });
    expect(dev.host).toMatchObject({ source: 'literal', value: '127.0.0.1', loc: { line: 6, column: 5 } });
    expect(dev.password).toMatchObject({ source: 'literal', empty: true });
    const test = envOf(a, 'test');
    expect(test.password).toEqual({ source: 'literal', loc: { line: 11, column: 5, endLine: 11, endColumn: 28 } });
    expect(test.raw).toMatchObject({ password: '<redacted>', username: 'ci' });
    expect(test.port.source).toBe('absent');
  });

  it('reads a url carrying a password, and its sslmode', () => {
    const staging = envOf(a, 'staging');
    expect(staging.url).toEqual({ source: 'literal', via: 'url', passwordInUrl: true, urlHost: 'db.staging.example.com', loc: { line: 18, column: 5, endLine: 18, endColumn: 93 } });
    expect(staging.ssl).toMatchObject({ enabled: true, rejectUnauthorized: false, source: 'url', rejectUnauthorizedLoc: { line: 18 } });
    expect(staging.logging).toBe('default');
    expect(staging.pool).toEqual({ max: 10, idle: 10000 });
    expect(staging.raw).toMatchObject({ url: 'postgres://notes:<redacted>@db.staging.example.com:5432/notes?sslmode=no-verify' });
    expect(JSON.stringify(a)).not.toContain('st4ging-pw');
    expect(JSON.stringify(a)).not.toContain('ci-secret');
  });

  it('reads use_env_variable, dialectOptions.ssl and logging: false', () => {
    const prod = envOf(a, 'production');
    expect(prod.url).toMatchObject({ source: 'env', envVar: 'DATABASE_URL', via: 'use_env_variable', loc: { line: 23 } });
    expect(prod.ssl).toMatchObject({ enabled: true, rejectUnauthorized: true, source: 'dialectOptions.ssl', loc: { line: 27 }, rejectUnauthorizedLoc: { line: 27 } });
    expect(prod.logging).toBe('off');
    expect(prod.loggingLoc?.line).toBe(25);
  });

  it('reads a JSON file with a BOM and on one line', () => {
    const b = read('\ufeff{"production": {"dialect": "postgres", "password": "x", "logging": true}}', 'config/config.json');
    const prod = envOf(b, 'production');
    expect(prod.loc).toMatchObject({ line: 1, column: 2 });
    expect(prod.password).toMatchObject({ source: 'literal', loc: { line: 1, column: 40 } });
    expect(prod.logging).toBe('on');
  });

  it('reports invalid JSON (what sequelize-cli fails on) as an error entry with its position', () => {
    const broken = readDbConfig(new Workspace(fixture('config-broken')), 'config/config.json');
    expect(broken?.environments).toEqual([]);
    expect(broken?.errors).toHaveLength(1);
    expect(broken?.errors[0]).toMatchObject({ line: 5, column: 3 });
    expect(broken?.errors[0]?.message).toMatch(/^invalid JSON: /);
  });
});

describe('readDbConfig: JavaScript (database.js)', () => {
  it('reads fixtures/lms-backend/config/database.js', () => {
    const a = readDbConfig(new Workspace(fixture('lms-backend')), 'config/database.js');
    expect(a?.errors).toEqual([]);
    expect(a?.environments.map((e) => e.name)).toEqual(['development', 'test', 'production']);
    const dev = envOf(a, 'development');
    expect(dev.username).toMatchObject({ source: 'literal-fallback', envVar: 'DB_USER', value: 'postgres' });
    expect(dev.password).toMatchObject({ source: 'env', envVar: 'DB_PASSWORD' });
    expect(dev.port).toMatchObject({ source: 'literal-fallback', envVar: 'DB_PORT', value: 5432 });
    expect(dev.logging).toBe('on');
    expect(dev.loggingText).toBe('console.log');
    expect(dev.ssl).toMatchObject({ enabled: false, source: 'absent', loc: null });
    const test = envOf(a, 'test');
    expect(test.password).toMatchObject({ source: 'literal', loc: { line: 21, column: 5 } });
    expect(test.password.value).toBeUndefined();
    const prod = envOf(a, 'production');
    expect(prod.loc.line).toBe(28);
    expect(prod.password).toMatchObject({ source: 'env', envVar: 'DB_PASSWORD' });
    expect(prod.host).toMatchObject({ source: 'env', envVar: 'DB_HOST' });
    expect(prod.ssl).toMatchObject({ enabled: true, rejectUnauthorized: false, source: 'dialectOptions.ssl', loc: { line: 43 }, rejectUnauthorizedLoc: { line: 45, column: 9 } });
    expect(prod.logging).toBe('off');
    expect(prod.pool).toEqual({ max: 20, min: 2, acquire: 60000, idle: 10000 });
    expect(prod.raw).toMatchObject({ password: { $env: 'DB_PASSWORD' }, port: { $env: 'DB_PORT', $fallback: 5432 }, dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });
  });

  it('reads dotenv, an alias of process.env, and a base object spread into environments', () => {
    const a = readDbConfig(new Workspace(fixture('config-js-insecure')), 'config/database.js');
    const dev = envOf(a, 'development');
    // The password comes from `base`: located there, in the base object.
    expect(dev.password).toMatchObject({ source: 'literal-fallback', envVar: 'DB_PASSWORD', loc: { line: 10, column: 3 } });
    expect(dev.password.value).toBeUndefined();
    expect(dev.username).toMatchObject({ source: 'env', envVar: 'DB_USER' });
    expect(dev.dialect).toMatchObject({ source: 'literal', value: 'postgres', loc: { line: 8 } });
    expect(dev.pool).toEqual({ max: 10, min: 0, idle: 10000 });
    expect(dev.raw).toMatchObject({ password: { $env: 'DB_PASSWORD', $fallback: '<redacted>' }, host: { $env: 'DB_HOST', $fallback: 'localhost' } });
    const prod = envOf(a, 'production');
    // `password` after the spread overrides the base.
    expect(prod.password).toMatchObject({ source: 'env', envVar: 'DB_PASSWORD', loc: { line: 28 } });
    expect(prod.port).toMatchObject({ source: 'literal-fallback', envVar: 'DB_PORT', value: 5432 });
    expect(prod.ssl).toMatchObject({ enabled: false, source: 'absent' });
    expect(prod.logging).toBe('on');
    expect(prod.loggingText).toBe('a logging function');
  });

  it('reads names destructured from process.env and url: process.env.DATABASE_URL', () => {
    const a = readDbConfig(new Workspace(fixture('config-sequelizerc')), 'db/settings.js');
    const dev = envOf(a, 'development');
    expect(dev.username).toMatchObject({ source: 'env', envVar: 'DB_USER' });
    expect(dev.password).toMatchObject({ source: 'env', envVar: 'DB_PASSWORD' });
    const prod = envOf(a, 'production');
    expect(prod.url).toMatchObject({ source: 'env', envVar: 'DATABASE_URL', via: 'url' });
    expect(prod.password.source).toBe('absent');
    expect(prod.ssl).toMatchObject({ enabled: true, rejectUnauthorized: true });
    expect(prod.raw).toMatchObject({ dialectOptions: { ssl: { ca: { $env: 'DB_CA_CERT' } } } });
  });
});

describe('where a credential comes from', () => {
  it.each([
    ['process.env.DB_PASSWORD', { source: 'env', envVar: 'DB_PASSWORD' }],
    ["process.env['DB_PASSWORD']", { source: 'env', envVar: 'DB_PASSWORD' }],
    ['process.env.DB_PASSWORD.trim()', { source: 'env', envVar: 'DB_PASSWORD' }],
    ["process.env.DB_PASSWORD || 'postgres'", { source: 'literal-fallback', envVar: 'DB_PASSWORD' }],
    ["process.env.DB_PASSWORD ?? 'postgres'", { source: 'literal-fallback', envVar: 'DB_PASSWORD' }],
    ["process.env.CI ? 'ci' : process.env.DB_PASSWORD", { source: 'literal-fallback', envVar: 'DB_PASSWORD' }],
    ['process.env.DB_PASSWORD || process.env.PGPASSWORD', { source: 'env', envVar: 'DB_PASSWORD' }],
    ["'s3cret'", { source: 'literal' }],
    ['`s3cret`', { source: 'literal' }],
    ["'s3' + 'cret'", { source: 'literal' }],
    ["'' || process.env.DB_PASSWORD", { source: 'env', envVar: 'DB_PASSWORD' }],
    ["require('./secrets').db.password", { source: 'unknown' }],
    ['readSecret()', { source: 'unknown' }],
  ])('password: %s', (expr, expected) => {
    const env = production(`    password: ${expr},`);
    expect(env.password).toMatchObject(expected);
    expect(env.password.loc?.line).toBe(4);
  });

  it('follows constants, aliases and destructuring defaults', () => {
    const prelude = `const SECRET = 'hunter2';
const env = process.env;
const { DB_USER = 'admin', DB_HOST } = process.env;
const { env: e } = process;`;
    const env = production(
      `    password: SECRET,
    username: DB_USER,
    host: DB_HOST,
    database: e.DB_NAME,
    port: env.DB_PORT,`,
      prelude,
    );
    expect(env.password.source).toBe('literal');
    expect(env.username).toMatchObject({ source: 'literal-fallback', envVar: 'DB_USER', value: 'admin' });
    expect(env.host).toMatchObject({ source: 'env', envVar: 'DB_HOST' });
    expect(env.database).toMatchObject({ source: 'env', envVar: 'DB_NAME' });
    expect(env.port).toMatchObject({ source: 'env', envVar: 'DB_PORT' });
  });

  it('does not trust a `let` that is reassigned', () => {
    const env = production('    password: pw,', "let pw = 'x';\nif (process.env.PW) pw = process.env.PW;");
    expect(env.password.source).toBe('unknown');
  });

  it('treats empty passwords as empty, not as credentials', () => {
    expect(production("    password: '',").password).toMatchObject({ source: 'literal', empty: true });
    expect(production("    password: process.env.DB_PASSWORD || '',").password).toMatchObject({ source: 'literal-fallback', empty: true });
  });

  it.each([
    ["'postgres://app:pw@db.example.com/app'", { source: 'literal', passwordInUrl: true }],
    ["'postgres://app@db.example.com/app'", { source: 'literal', value: 'postgres://app@db.example.com/app' }],
    ["process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost/dev'", { source: 'literal-fallback', envVar: 'DATABASE_URL', passwordInUrl: true }],
    ['`postgres://${process.env.DB_USER}:${process.env.DB_PASSWORD}@db/app`', { source: 'env', envVar: 'DB_USER' }],
  ])('url: %s', (expr, expected) => {
    const env = production(`    url: ${expr},`);
    expect(env.url).toMatchObject({ ...expected, via: 'url' });
    expect(JSON.stringify(env)).not.toMatch(/:pw@|postgres:postgres@/);
  });

  it('reads use_env_variable in a JS config too', () => {
    expect(production("    use_env_variable: 'DATABASE_URL',").url).toMatchObject({ source: 'env', envVar: 'DATABASE_URL', via: 'use_env_variable' });
  });
});

describe('sameValueIn: one literal written in several environments', () => {
  /** `development`, `test` and `production` of the given bodies, with each environment's `sameValueIn` of `field`. */
  const same = (field: 'password' | 'url' | 'host', bodies: [string, string, string], file = 'config/database.js') => {
    const names = ['development', 'test', 'production'];
    const source = file.endsWith('.json')
      ? `{\n${bodies.map((b, i) => `  "${names[i]}": { ${b} }`).join(',\n')}\n}\n`
      : `module.exports = {\n${bodies.map((b, i) => `  ${names[i]}: { ${b} },`).join('\n')}\n};\n`;
    const analysis = read(source, file);
    return Object.fromEntries(names.map((n) => [n, envOf(analysis, n)[field].sameValueIn]));
  };

  it.each([
    [
      'the same password literal in two environments of a JSON file, another in the third',
      'password',
      ['"password": "s3cret"', '"password": "other"', '"password": "s3cret"'],
      'config/config.json',
      { development: ['production'], test: undefined, production: ['development'] },
    ],
    [
      'a base spread into every environment',
      'password',
      ["...{ password: 'pw' }", "...{ password: 'pw' }", "password: 'pw'"],
      'config/database.js',
      { development: ['test', 'production'], test: ['development', 'production'], production: ['development', 'test'] },
    ],
    [
      'a literal and a literal fallback of the same value are not grouped (two findings, two messages)',
      'password',
      ["password: 'pw'", "password: process.env.PW || 'pw'", "password: process.env.PROD_PW || 'pw'"],
      'config/database.js',
      { development: undefined, test: ['production'], production: ['test'] },
    ],
    [
      'URLs to other hosts that carry the same password: one secret',
      'url',
      ["url: 'postgres://app:pw@localhost/dev'", "url: 'postgres://app:pw2@localhost/test'", "url: 'postgres://app:pw@db.example.com/app'"],
      'config/database.js',
      { development: ['production'], test: undefined, production: ['development'] },
    ],
    [
      'environment reads and empty passwords are no value',
      'password',
      ['password: process.env.PW', "password: ''", "password: ''"],
      'config/database.js',
      { development: undefined, test: undefined, production: undefined },
    ],
    ['non-secret settings are compared too', 'host', ["host: 'db'", "host: 'localhost'", "host: 'db'"], 'config/database.js', { development: ['production'], test: undefined, production: ['development'] }],
  ] as const)('%s', (_name, field, bodies, file, expected) => {
    expect(same(field, [...bodies], file)).toEqual(expected);
  });

  it('keeps no secret: only environment names', () => {
    const source = "module.exports = { development: { password: 'hunter2' }, production: { password: 'hunter2' } };\n";
    expect(JSON.stringify(read(source).environments)).not.toContain('hunter2');
  });
});

describe('ssl', () => {
  it.each([
    ['dialectOptions: { ssl: true },', { enabled: true, rejectUnauthorized: 'default', source: 'dialectOptions.ssl' }],
    ['dialectOptions: { ssl: false },', { enabled: false, source: 'dialectOptions.ssl' }],
    ['dialectOptions: { ssl: { require: true } },', { enabled: true, rejectUnauthorized: 'default' }],
    // `require` is no pg option: any object makes pg use TLS.
    ['dialectOptions: { ssl: { require: false } },', { enabled: true, rejectUnauthorized: 'default' }],
    ['dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },', { enabled: true, rejectUnauthorized: false }],
    ['dialectOptions: { ssl: { rejectUnauthorized: true, ca: process.env.CA } },', { enabled: true, rejectUnauthorized: true }],
    ["dialectOptions: { ssl: { rejectUnauthorized: process.env.DB_VERIFY === 'true' } },", { enabled: true, rejectUnauthorized: 'unknown' }],
    ["dialectOptions: { ssl: 'no-verify' },", { enabled: true, rejectUnauthorized: false }],
    ["dialectOptions: { ssl: process.env.DB_SSL === 'true' },", { enabled: 'unknown' }],
    ['dialectOptions: process.env.DB_SSL ? { ssl: true } : {},', { enabled: 'unknown' }],
    ["dialectOptions: { application_name: 'api' },", { enabled: false, source: 'absent' }],
    ['', { enabled: false, source: 'absent', loc: null }],
    ["url: 'postgres://db.example.com/app?sslmode=require',", { enabled: true, rejectUnauthorized: 'default', source: 'url' }],
    ["url: 'postgres://db.example.com/app?sslmode=disable',", { enabled: false, source: 'url' }],
    ["url: 'postgres://db.example.com/app?sslmode=require&uselibpqcompat=true',", { enabled: true, rejectUnauthorized: false, source: 'url' }],
    ["url: 'postgres://db.example.com/app?ssl=true',", { enabled: true, source: 'url' }],
    ['url: process.env.DATABASE_URL,', { enabled: 'unknown', source: 'url' }],
    ["use_env_variable: 'DATABASE_URL', dialectOptions: { ssl: { rejectUnauthorized: false } },", { enabled: true, rejectUnauthorized: false }],
  ])('%s', (props, expected) => {
    expect(production(`    dialect: 'postgres',\n    ${props}`).ssl).toMatchObject(expected);
  });

  it('a top-level `ssl: true` does not reach pg with the postgres dialect', () => {
    const ssl = production("    dialect: 'postgres',\n    ssl: true,").ssl;
    expect(ssl).toMatchObject({ enabled: false, source: 'ssl', topLevelIgnored: true, loc: { line: 5 } });
    // Without a known dialect migralint does not claim it.
    expect(production('    dialect: process.env.DB_DIALECT,\n    ssl: true,').ssl.enabled).toBe('unknown');
  });

  it('is unknown when the environment spreads an object migralint cannot read', () => {
    const env = production("    ...require('./base'),\n    logging: false,");
    expect(env.ssl.enabled).toBe('unknown');
    expect(env.password.source).toBe('unknown');
  });
});

describe('logging', () => {
  it.each([
    ['logging: console.log,', 'on', 'console.log'],
    ['logging: console.info,', 'on', 'console.info'],
    ['logging: (sql) => logger.debug(sql),', 'on', 'a logging function'],
    ['logging: function (sql) { logger.debug(sql); },', 'on', 'a logging function'],
    ['logging: logSql,', 'on', 'a logging function'],
    ['logging: log,', 'on', 'console.log'],
    ['logging: logger.info.bind(logger),', 'on', 'logger.info.bind(logger)'],
    ['logging: true,', 'on', 'true'],
    ['logging: false,', 'off', undefined],
    ['logging: null,', 'off', undefined],
    ['logging: undefined,', 'off', undefined],
    ['logging: QUIET,', 'off', undefined],
    ['', 'default', undefined],
    ["logging: process.env.DB_LOG === 'true' ? console.log : false,", 'unknown', undefined],
    ["logging: process.env.DB_LOG === 'true' && console.log,", 'unknown', undefined],
    ['logging: debugSql,', 'unknown', undefined],
    // A function that logs only under a condition (hold-out 69), or that does nothing.
    ['logging: (sql) => { !isDev || console.log(sql); },', 'unknown', 'a logging function that logs only under a condition'],
    ['logging: (sql) => isDev && console.log(sql),', 'unknown', 'a logging function that logs only under a condition'],
    ['logging: function (sql) { if (process.env.DEBUG_SQL) logger.debug(sql); },', 'unknown', 'a logging function that logs only under a condition'],
    ['logging: (sql) => { if (verbose) { console.log(sql); } else { metrics.count(); } },', 'unknown', 'a logging function that logs only under a condition'],
    ['logging: () => {},', 'off', undefined],
    ['logging: (sql) => { console.log(sql); if (slow) alert(sql); },', 'on', 'a logging function'],
  ])('%s', (props, setting, text) => {
    const prelude = "function logSql(sql) { console.log(sql); }\nconst log = console.log;\nconst QUIET = false;\nconst debugSql = require('debug')('sql');";
    const env = production(`    dialect: 'postgres',\n    ${props}`, prelude);
    expect(env.logging).toBe(setting);
    expect(env.loggingText).toBe(text);
  });
});

describe('export shapes', () => {
  it('a flat config (no environments) is one environment that applies everywhere', () => {
    const a = read("module.exports = {\n  dialect: 'postgres',\n  password: 'x',\n};\n");
    expect(a.environments).toHaveLength(1);
    expect(a.environments[0]).toMatchObject({ name: FLAT_ENVIRONMENT, flat: true, loc: { line: 1 }, password: { source: 'literal', loc: { line: 3 } } });
  });

  it('module.exports.x, exports.x and later assignments', () => {
    const a = read(`const config = { development: { dialect: 'postgres' } };
config.production = { dialect: 'postgres', logging: console.log };
config.production.logging = false;
module.exports = config;
module.exports.test = { dialect: 'postgres', password: 'x' };
exports.staging = { dialect: 'postgres' };
`);
    expect(a.environments.map((e) => e.name)).toEqual(['development', 'production', 'test', 'staging']);
    expect(envOf(a, 'production')).toMatchObject({ loc: { line: 2 }, logging: 'off', loggingLoc: { line: 3 } });
    expect(envOf(a, 'test').password.source).toBe('literal');
  });

  it('export default, named exports, a function returning the config, Object.assign', () => {
    const esm = read("export default { production: { dialect: 'postgres', logging: true } };", 'config/database.mjs');
    expect(envOf(esm, 'production').logging).toBe('on');
    const named = read("export const production = { dialect: 'postgres', password: 'x' };", 'config/database.mjs');
    expect(envOf(named, 'production').password.source).toBe('literal');
    const fn = read("module.exports = async () => ({ production: { dialect: 'postgres', password: process.env.PW } });");
    expect(envOf(fn, 'production').password).toMatchObject({ source: 'env', envVar: 'PW' });
    const assign = read("const base = { dialect: 'postgres', logging: false };\nmodule.exports = { production: Object.assign({}, base, { password: 'x' }) };");
    expect(envOf(assign, 'production')).toMatchObject({ logging: 'off', password: { source: 'literal', loc: { line: 2 } } });
    const ts = read("import type { Options } from 'sequelize';\nconst production: Options = { dialect: 'postgres', logging: false };\nexport = { production };", 'config/database.ts');
    expect(envOf(ts, 'production').logging).toBe('off');
  });

  // Hold-out 83: every environment on SQLite, the file exporting the one NODE_ENV picks; the dialect went unread.
  it.each([
    ['module.exports = config[env];', 'a variable'],
    ['module.exports = config[process.env.NODE_ENV];', 'NODE_ENV itself'],
    ['const dbConfig = config[env];\nmodule.exports = dbConfig;', 'through a constant'],
    ['export default config[env];', 'export default'],
  ])('an export that picks the environment at run time (%s, %s) is the environments it picks from', (exported) => {
    const a = read(`const config = {
  development: { dialect: 'sqlite', storage: './dev.sqlite', logging: false },
  production: { dialect: 'sqlite', storage: './prod.sqlite', logging: console.log },
};
const env = process.env.NODE_ENV || 'development';
${exported}
`, exported.startsWith('export') ? 'config/database.mjs' : undefined);
    expect(a.environments.map((e) => [e.name, e.dialect.value])).toEqual([['development', 'sqlite'], ['production', 'sqlite']]);
    expect(envOf(a, 'production')).toMatchObject({ logging: 'on', loc: { line: 3 } });
  });

  it('a static key picks that environment only (read as a flat config); a run-time key into anything but environments is unread', () => {
    const one = read("const config = { development: { dialect: 'sqlite' }, production: { dialect: 'postgres' } };\nmodule.exports = config['production'];");
    expect(one.environments.map((e) => [e.name, e.dialect.value])).toEqual([[FLAT_ENVIRONMENT, 'postgres']]);
    const other = read("const names = { a: 'x', b: 'y' };\nmodule.exports = names[process.env.K];");
    expect(other.environments).toEqual([]);
    expect(other.partial).toBe(true);
  });

  it('a computed environment key makes the export partial', () => {
    const a = read("const name = process.env.NODE_ENV;\nmodule.exports = { [name]: { dialect: 'postgres' }, test: { dialect: 'postgres' } };");
    expect(a.partial).toBe(true);
    expect(a.environments.map((e) => e.name)).toEqual(['test']);
  });

  it('an environment migralint cannot read is opaque, not absent', () => {
    const a = read("module.exports = { development: { dialect: 'postgres' }, production: require('./production') };");
    expect(envOf(a, 'production')).toMatchObject({ opaque: true, logging: 'unknown', ssl: { enabled: 'unknown' }, password: { source: 'unknown' } });
  });

  it('an export migralint cannot read gives no environment and no crash', () => {
    for (const source of ["module.exports = require('./config.json');", 'const x = 1;', '']) {
      const a = read(source);
      expect(a.environments).toEqual([]);
      expect(a.errors).toEqual([]);
      expect(a.partial).toBe(true);
    }
  });

  it('a syntax error is an error entry with its position', () => {
    const a = read("module.exports = {\n  production: { dialect: 'postgres', }}\n};\n");
    expect(a.environments).toEqual([]);
    expect(a.errors).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('cyclic constants do not hang', () => {
    const a = read("const a = b;\nconst b = a;\nmodule.exports = { production: { dialect: 'postgres', password: a, logging: b, ...a } };");
    expect(envOf(a, 'production').password.source).toBe('unknown');
  });
});

describe('raw (the environment as JSON for the report)', () => {
  it('shows environment reads, fallbacks and expressions as written, and never a secret', () => {
    const env = production(`    dialect: 'postgres',
    password: process.env.DB_PASSWORD || 'fallback-secret',
    logging: console.log,
    pool: { max: Number(process.env.POOL_MAX) || 10, min: 0 },
    dialectOptions: { ssl: { ca: fs.readFileSync('certs/ca.pem', 'utf8'), key: 'PRIVATE' } },`, "const fs = require('fs');");
    expect(env.raw).toEqual({
      dialect: 'postgres',
      password: { $env: 'DB_PASSWORD', $fallback: '<redacted>' },
      logging: { $expr: 'console.log' },
      pool: { max: { $env: 'POOL_MAX', $fallback: 10 }, min: 0 },
      dialectOptions: { ssl: { ca: { $expr: "fs.readFileSync('certs/ca.pem', 'utf8')" }, key: '<redacted>' } },
    });
    expect(env.pool).toEqual({ max: { $env: 'POOL_MAX', $fallback: 10 }, min: 0 });
  });

  it('top-level primitives next to environments are not environments; an opaque environment shows its expression', () => {
    const a = read("module.exports = { dialect: 'postgres', development: { dialect: 'postgres' }, production: require('./production') };");
    expect(a.environments.map((e) => e.name)).toEqual(['development', 'production']);
    expect(envOf(a, 'production').raw).toEqual({ $expr: "require('./production')" });
  });
});
