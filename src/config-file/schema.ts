import type AjvType from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CliUsageError, ConfigError, FAIL_LEVELS, RULE_LEVELS, projectName, type FailOn, type MigralintConfig, type ProjectEntry, type ProjectSettings } from './settings';
import { RULES, ruleById } from '../rules/registry';
import { closest } from '../util/text';

export { CliUsageError, ConfigError, FAIL_LEVELS, RULE_LEVELS, projectName, type FailOn, type MigralintConfig, type ProjectEntry, type ProjectSettings };

export const FRAMEWORKS = ['sequelize'] as const;
export const DIALECTS = ['postgres'] as const;

const nonEmpty = { type: 'string', minLength: 1 } as const;

/** The fields a project can set, at the top level and in each `projects` entry. */
const SETTINGS = {
  migrations: nonEmpty,
  models: nonEmpty,
  config: nonEmpty,
  framework: { type: 'string', enum: [...FRAMEWORKS] },
  dialect: { type: 'string', enum: [...DIALECTS] },
  failOn: { type: 'string', enum: [...FAIL_LEVELS] },
  // Checked rule by rule below (ids, levels, each rule's own options schema).
  rules: { type: 'object' },
  ignores: { type: 'array', items: nonEmpty },
  limits: { type: 'object', additionalProperties: false, properties: { maxFileBytes: { type: 'integer', minimum: 1 }, timeBudgetMs: { type: 'integer', minimum: 1 } } },
  postgresVersion: { type: 'integer', minimum: 9 },
} as const;

const PROJECT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    root: nonEmpty,
    ...SETTINGS,
  },
} as const;

/** The JSON schema of the configuration (rule settings are checked separately). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    ...SETTINGS,
    projects: { type: 'array', minItems: 1, items: PROJECT_SCHEMA },
  },
} as const;

let ajv: AjvType | null = null;
let validateConfig: ValidateFunction | null = null;
const ruleValidators = new Map<string, ValidateFunction>();

function getAjv(): AjvType {
  // Loaded on first use: a run without a configuration file never pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as { default: typeof AjvType }).default;
  // One error at a time, the first in schema order: one deterministic line.
  ajv ??= new Ajv({ allErrors: false, strict: true, verbose: true });
  return ajv;
}

function ruleValidator(id: string): ValidateFunction {
  let v = ruleValidators.get(id);
  if (!v) {
    v = getAjv().compile(ruleById(id)!.meta.schema);
    ruleValidators.set(id, v);
  }
  return v;
}

/**
 * Validates a loaded configuration. `source` names the file in messages;
 * `keyPrefix` is where the configuration sits in it (`migralint` in a
 * package.json). Throws a ConfigError naming the offending key.
 */
export function validateConfigObject(raw: unknown, source: string, keyPrefix: string[] = []): MigralintConfig {
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  if (raw === undefined || raw === null) {
    fail(keyPrefix.length > 0 ? `${formatPath(keyPrefix)} must be an object` : 'the configuration is empty: it must be an object (e.g. {})');
  }
  validateConfig ??= getAjv().compile(CONFIG_SCHEMA);
  if (!validateConfig(raw)) fail(describeAjvError(validateConfig.errors![0]!, keyPrefix));
  const config = raw as MigralintConfig;
  checkRules(config.rules, [...keyPrefix, 'rules'], fail);
  const names = new Map<string, number>();
  (config.projects ?? []).forEach((p, i) => {
    const at = [...keyPrefix, 'projects', i];
    checkRules(p.rules, [...at, 'rules'], fail);
    const name = projectName(p, i);
    const previous = names.get(name);
    if (previous !== undefined) {
      fail(
        `${formatPath([...at, p.name !== undefined ? 'name' : 'root'])}: two projects are named "${name}" (projects[${previous}] and projects[${i}]): give each a distinct name`,
      );
    }
    names.set(name, i);
  });
  return config;
}

function checkRules(rules: Record<string, unknown> | undefined, at: (string | number)[], fail: (m: string) => never): void {
  if (rules === undefined) return;
  for (const [id, setting] of Object.entries(rules)) {
    const here = [...at, id];
    const rule = ruleById(id);
    if (!rule) {
      const ids = RULES.map((r) => r.id);
      const close = closest(id, ids);
      fail(`${formatPath(here)} is not a known rule (${close ? `did you mean "${close}"?` : `known rules: ${ids.join(', ')}`})`);
    }
    if (typeof setting === 'string') {
      if (!(RULE_LEVELS as readonly string[]).includes(setting)) fail(`${formatPath(here)} must be one of ${quoted(RULE_LEVELS)}, or an object { severity, options }`);
      continue;
    }
    if (setting === null || typeof setting !== 'object' || Array.isArray(setting)) {
      fail(`${formatPath(here)} must be one of ${quoted(RULE_LEVELS)}, or an object { severity, options }`);
    }
    const obj = setting as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (key !== 'severity' && key !== 'options') fail(unknownKey([...here, key], ['severity', 'options']));
    }
    if ('severity' in obj && !(RULE_LEVELS as readonly string[]).includes(obj.severity as string)) {
      fail(`${formatPath([...here, 'severity'])} must be one of ${quoted(RULE_LEVELS)}`);
    }
    if ('options' in obj) {
      const validate = ruleValidator(id);
      if (!validate(obj.options)) {
        const error = validate.errors![0]!;
        const known = Object.keys(rule!.meta.schema.properties);
        if (error.keyword === 'additionalProperties' && known.length === 0 && error.instancePath === '') {
          fail(`${formatPath([...here, 'options', (error.params as { additionalProperty: string }).additionalProperty])}: ${id} takes no options`);
        }
        fail(describeAjvError(error, [...here, 'options']));
      }
    }
  }
}

/** One ajv error as `<key path> <what is wrong>`. */
function describeAjvError(error: ErrorObject, prefix: (string | number)[]): string {
  const at = [...prefix, ...pointerSegments(error.instancePath)];
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return unknownKey([...at, p.additionalProperty as string], known);
    }
    case 'enum':
      return `${subject(at)} must be one of ${quoted(p.allowedValues as unknown[])}`;
    case 'type':
      return `${subject(at)} must be ${article(String(p.type))}`;
    case 'minLength':
      return p.limit === 1 ? `${subject(at)} must not be empty` : `${subject(at)} must be at least ${String(p.limit)} characters long`;
    case 'minItems':
      return `${subject(at)} must list at least ${String(p.limit)} ${p.limit === 1 ? 'entry' : 'entries'}`;
    case 'pattern':
      return at[at.length - 1] === 'name'
        ? `${subject(at)} must start with a letter or digit and contain only letters, digits, ".", "_" and "-"`
        : `${subject(at)} must match ${String(p.pattern)}`;
    case 'required':
      return `${formatPath([...at, p.missingProperty as string])} is required`;
    default:
      return `${subject(at)} ${error.message ?? 'is invalid'}`;
  }
}

function unknownKey(at: (string | number)[], known: string[]): string {
  const key = String(at[at.length - 1]);
  const close = closest(key, known);
  const hint = close ? `did you mean "${close}"?` : known.length > 0 ? `expected one of: ${known.join(', ')}` : 'no keys are allowed here';
  return `${formatPath(at)} is not a known key (${hint})`;
}

function subject(at: (string | number)[]): string {
  return at.length === 0 ? 'the configuration' : formatPath(at);
}

/** `rules.require-down.options`, `projects[1].root`. */
export function formatPath(at: (string | number)[]): string {
  let out = '';
  for (const seg of at) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

