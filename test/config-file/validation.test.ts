import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { runCli } from '../helpers/cli';
import { RULES } from '../../src/rules/registry';
import { ConfigError, validateConfigObject } from '../../src/config-file';
import { DROP_IN_DOWN, tmpProject } from './support';

/** Runs `report` on a project with this configuration file; returns the exit code and the one stderr line. */
async function reportWith(config: string, file = 'migralint.config.json', extra: Record<string, string> = {}) {
  const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN, [file]: config, ...extra });
  const r = await runCli(['report', dir, '--format', 'text']);
  return { ...r, dir, file: path.join(dir, file) };
}

/** The message for a JSON configuration object, through the CLI. */
async function errorFor(config: unknown) {
  const r = await reportWith(JSON.stringify(config, null, 2));
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  const prefix = `migralint: ${r.file}: `;
  expect(r.stderr.startsWith(prefix)).toBe(true);
  return r.stderr.slice(prefix.length).trimEnd();
}

describe('a bad configuration: one line naming the file and the key, exit code 2', () => {
  it.each<[string, unknown, string]>([
    ['a typo in a top-level key', { migration: 'db' }, 'migration is not a known key (did you mean "migrations"?)'],
    [
      'an unknown top-level key',
      { colour: true },
      'colour is not a known key (expected one of: $schema, migrations, models, config, framework, dialect, failOn, rules, ignores, limits, postgresVersion, projects)',
    ],
    ['a bad failOn', { failOn: 'sometimes' }, 'failOn must be one of "error", "warning", "info", "never"'],
    ['a postgresVersion that is not a major version', { postgresVersion: 'latest' }, 'postgresVersion must be an integer'],
    ['an unsupported framework', { framework: 'typeorm' }, 'framework must be one of "sequelize"'],
    ['an unsupported dialect', { dialect: 'mysql' }, 'dialect must be one of "postgres"'],
    ['a path that is not a string', { migrations: 3 }, 'migrations must be a string'],
    ['an empty path', { models: '' }, 'models must not be empty'],
    ['ignores that is not a list', { ignores: 'migrations/old' }, 'ignores must be an array'],
    ['an empty ignore pattern', { ignores: ['ok/**', ''] }, 'ignores[1] must not be empty'],
    ['rules that is not an object', { rules: ['require-down'] }, 'rules must be an object'],
    ['a typo in a rule id', { rules: { 'require-downs': 'error' } }, 'rules.require-downs is not a known rule (did you mean "require-down"?)'],
    [
      'an unknown rule id',
      { rules: { 'no-such-rule': 'error' } },
      `rules.no-such-rule is not a known rule (known rules: ${RULES.map((r) => r.id).join(', ')})`,
    ],
    [
      'an invalid level',
      { rules: { 'require-down': 'warn' } },
      'rules.require-down must be one of "off", "on", "error", "warning", "info", or an object { severity, options }',
    ],
    [
      'a setting of the wrong type',
      { rules: { 'require-down': true } },
      'rules.require-down must be one of "off", "on", "error", "warning", "info", or an object { severity, options }',
    ],
    [
      'an invalid severity in an object',
      { rules: { 'require-down': { severity: 'fatal' } } },
      'rules.require-down.severity must be one of "off", "on", "error", "warning", "info"',
    ],
    [
      'an unknown key in a rule setting',
      { rules: { 'require-down': { level: 'error' } } },
      'rules.require-down.level is not a known key (expected one of: severity, options)',
    ],
    [
      'an option value outside its enum',
      { rules: { 'require-idempotency-guard': { options: { lastStep: 'sometimes' } } } },
      'rules.require-idempotency-guard.options.lastStep must be one of "auto", "always", "never"',
    ],
    [
      'an option of the wrong type',
      { rules: { 'require-idempotency-guard': { severity: 'error', options: { checkDown: 'yes' } } } },
      'rules.require-idempotency-guard.options.checkDown must be a boolean',
    ],
    [
      'a typo in an option name',
      { rules: { 'require-idempotency-guard': { options: { lastSteps: 'always' } } } },
      'rules.require-idempotency-guard.options.lastSteps is not a known key (did you mean "lastStep"?)',
    ],
    [
      'options for a rule that has none',
      { rules: { 'require-down': { options: { strict: true } } } },
      'rules.require-down.options.strict: require-down takes no options',
    ],
    [
      'options that are not an object',
      { rules: { 'no-model-drift': { options: ['users'] } } },
      'rules.no-model-drift.options must be an object',
    ],
    [
      'a bad array item in options',
      { rules: { 'no-insecure-db-config': { options: { credentialFields: ['password', 'token'] } } } },
      'rules.no-insecure-db-config.options.credentialFields[1] must be one of "password", "username", "host"',
    ],
    [
      'an option array of the wrong item type',
      { rules: { 'no-model-drift': { options: { ignoreTables: ['users', 7] } } } },
      'rules.no-model-drift.options.ignoreTables[1] must be a string',
    ],
    ['projects that is not a list', { projects: { api: {} } }, 'projects must be an array'],
    ['an empty projects list', { projects: [] }, 'projects must list at least 1 entry'],
    ['a bad project root', { projects: [{ root: 'a' }, { root: 1 }] }, 'projects[1].root must be a string'],
    [
      'a typo in a project key',
      { projects: [{ root: 'a', migratons: 'db' }] },
      'projects[0].migratons is not a known key (did you mean "migrations"?)',
    ],
    [
      'nested projects',
      { projects: [{ root: 'a', projects: [] }] },
      'projects[0].projects is not a known key (expected one of: name, root, migrations, models, config, framework, dialect, failOn, rules, ignores, limits, postgresVersion)',
    ],
    ['a bad rule in a project', { projects: [{ root: 'a', rules: { 'require-down': 'loud' } }] }, 'projects[0].rules.require-down must be one of "off", "on", "error", "warning", "info", or an object { severity, options }'],
    [
      'a bad option in a project',
      { projects: [{ root: 'a', rules: { 'require-idempotency-guard': { options: { lastStep: 1 } } } }] },
      'projects[0].rules.require-idempotency-guard.options.lastStep must be a string',
    ],
    [
      'a bad project name',
      { projects: [{ name: 'api/v2' }] },
      'projects[0].name must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
    ],
    [
      'two projects with one name',
      { projects: [{ root: 'services/api' }, { name: 'services-api', migrations: 'x' }] },
      'projects[1].name: two projects are named "services-api" (projects[0] and projects[1]): give each a distinct name',
    ],
    ['a list instead of an object', [{ failOn: 'error' }], 'the configuration must be an object'],
  ])('%s', async (_what, config, message) => {
    expect(await errorFor(config)).toBe(message);
  });

  it('invalid JSON', async () => {
    const r = await reportWith('{ "failOn": "error", }');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^migralint: ${escape(r.file)}: invalid JSON: .+\\n$`));
  });

  it('an empty JSON file', async () => {
    const r = await reportWith('');
    expect(r.stderr).toBe(`migralint: ${r.file}: the configuration is empty: it must be an object (e.g. {})\n`);
    expect(r.code).toBe(2);
  });

  it('a JS configuration that throws', async () => {
    const r = await reportWith("throw new Error('boom');\n", 'migralint.config.cjs');
    expect(r.stderr).toBe(`migralint: ${r.file}: cannot load: boom\n`);
    expect(r.code).toBe(2);
  });

  it('an ES module without a default export', async () => {
    const r = await reportWith("export const failOn = 'never';\n", 'migralint.config.mjs');
    expect(r.stderr).toBe(`migralint: ${r.file}: exports no configuration (write module.exports = { ... } or export default { ... })\n`);
  });

  it('a JS configuration is validated like JSON', async () => {
    const r = await reportWith("module.exports = { rules: { 'require-down': 'loud' } };\n", 'migralint.config.js');
    expect(r.stderr).toBe(
      `migralint: ${r.file}: rules.require-down must be one of "off", "on", "error", "warning", "info", or an object { severity, options }\n`,
    );
  });

  it('names the package.json key', async () => {
    const r = await reportWith(JSON.stringify({ name: 'x', migralint: { failOn: 'sometimes' } }), 'package.json');
    expect(r.stderr).toBe(`migralint: ${r.file}: migralint.failOn must be one of "error", "warning", "info", "never"\n`);
    const r2 = await reportWith(JSON.stringify({ name: 'x', migralint: 'strict' }), 'package.json');
    expect(r2.stderr).toBe(`migralint: ${r2.file}: migralint must be an object\n`);
  });

  it('a broken package.json is no configuration, not an error', async () => {
    const r = await reportWith('{ not json', 'package.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('refuses two configurations in one folder', async () => {
    const r = await reportWith('{}', 'migralint.config.json', {
      'migralint.config.cjs': 'module.exports = {};\n',
      'package.json': JSON.stringify({ migralint: {} }),
    });
    const f = (name: string) => path.join(r.dir, name);
    expect(r.stderr).toBe(
      `migralint: several configurations in one folder (${f('migralint.config.cjs')}, ${f('migralint.config.json')}, ${f('package.json')} "migralint" key): keep one\n`,
    );
    expect(r.code).toBe(2);
  });

  it('--config: a missing file, an unsupported type, a package.json without the key, and --no-config with it', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN, 'conf.yaml': 'failOn: never\n', 'package.json': '{}' });
    const missing = await runCli(['report', dir, '--config', path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: `migralint: config file not found: ${path.join(dir, 'nope.json')}\n` });
    const yaml = await runCli(['report', dir, '--config', path.join(dir, 'conf.yaml')]);
    expect(yaml).toMatchObject({ code: 2, stderr: `migralint: ${path.join(dir, 'conf.yaml')}: unsupported config file type '.yaml' (expected .json, .js, .cjs or .mjs)\n` });
    const pkg = await runCli(['report', dir, '--config', path.join(dir, 'package.json')]);
    expect(pkg).toMatchObject({ code: 2, stderr: `migralint: ${path.join(dir, 'package.json')}: has no "migralint" key\n` });
    const both = await runCli(['report', dir, '--config', path.join(dir, 'nope.json'), '--no-config']);
    expect(both).toMatchObject({ code: 2, stderr: 'migralint: --config and --no-config cannot be used together\n' });
  });

  it('shows the file relative to the working directory when inside it', () => {
    expect(() => validateConfigObject({ failOn: 'x' }, 'migralint.config.json')).toThrow(
      new ConfigError('migralint.config.json: failOn must be one of "error", "warning", "info", "never"'),
    );
  });
});

describe('rule option schemas', () => {
  it('every rule schema compiles in strict mode and accepts the rule defaults', () => {
    const ajv = new Ajv({ strict: true });
    for (const rule of RULES) {
      const validate = ajv.compile(rule.meta.schema);
      expect(validate(rule.defaultOptions), `${rule.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // Through the configuration too.
      expect(() => validateConfigObject({ rules: { [rule.id]: { severity: 'on', options: rule.defaultOptions } } }, 'x.json')).not.toThrow();
    }
  });

  it('valid options reach the rule', async () => {
    const dir = tmpProject({
      'migrations/001-x.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};
`,
    });
    const run = async (lastStep: string) => {
      const config = { rules: { 'no-destructive-down': 'off', 'require-idempotency-guard': { options: { lastStep } } } };
      writeFileSync(path.join(dir, 'migralint.config.json'), JSON.stringify(config));
      const r = await runCli(['report', dir, '--format', 'json']);
      return JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    };
    expect(await run('never')).toEqual([]);
    expect(await run('always')).toEqual(['require-idempotency-guard']);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
