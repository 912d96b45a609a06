import type { ConfigField, DbEnvironment } from '../src/config/types';
import type { Severity, SourceLocation } from '../src/model';
import { createRule } from '../src/rules/create-rule';

type CredentialField = 'password' | 'username' | 'host';

interface Options {
  productionEnvironments: string[];
  credentialFields: CredentialField[];
}

/** Hosts where traffic never leaves the machine: SSL protects nothing there. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Reads the database config file (`config/config.json`, `config/database.js`,
 * the `.sequelizerc` `config` entry) as `readDbConfig` saw it: credentials
 * written in the file, production connections without SSL or without
 * certificate verification, SQL logging in production.
 */
export default createRule<Options>({
  id: 'no-insecure-db-config',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow credentials written in the database config, and production connections without verified SSL or with SQL logging',
      help: 'Read credentials from the environment with no literal fallback (`process.env.DB_PASSWORD`, `use_env_variable`); in production set `dialectOptions.ssl` with certificate verification (the provider CA in `ca`) and `logging: false`.',
      recommended: true,
      strict: true,
      risk: 'security',
    },
    messages: {
      hardcodedCredential:
        '`{{env}}`: the {{field}} is written in the config file. Everyone who can read the repository, its history or a build artifact has it, and changing it takes a commit and a deploy.',
      credentialFallback:
        '`{{env}}`: the {{field}} falls back to a value written in the config file when {{variable}} is unset or empty. The fallback is a hard-coded credential: it is in the repository and its history, and a deploy that forgets the variable connects with it silently.',
      productionWithoutSsl:
        '`{{env}}` connects to the database without SSL ({{setting}}): the password and every row travel in clear text, readable and alterable by anyone on the network path.',
      sslRejectUnauthorizedFalse:
        '`{{env}}` encrypts the connection but does not verify the server certificate ({{setting}}): anyone who can intercept the traffic can pose as the database (man in the middle) and read the password and every row.',
      sqlLoggingInProduction:
        '`{{env}}` logs every SQL statement ({{setting}}): queries land in the application logs with the values written into them (emails, tokens, personal data), where retention and access are far looser than in the database.',
    },
    schema: {
      type: 'object',
      properties: {
        productionEnvironments: {
          description:
            'Environment names (case-insensitive) checked for SSL and SQL logging. A flat config (no per-environment keys) is always checked: sequelize-cli uses it in production too.',
          type: 'array',
          items: { type: 'string' },
        },
        credentialFields: {
          description:
            'Connection settings that must not be written in the file. `password` (also a password inside a `url`) is reported as an error; `username` and `host` as warnings.',
          type: 'array',
          items: { type: 'string', enum: ['password', 'username', 'host'] },
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: { productionEnvironments: ['production', 'prod', 'staging'], credentialFields: ['password'] },
  check({ project, options, report }) {
    const config = project.dbConfig;
    if (!config) return;
    const production = new Set(options.productionEnvironments.map((n) => n.toLowerCase()));
    // A base object spread into several environments is reported once, naming all of them.
    const pending = new Map<string, { messageId: string; loc: SourceLocation; envs: string[]; data: Record<string, string>; severity: Severity }>();
    const add = (env: DbEnvironment, messageId: string, loc: SourceLocation, data: Record<string, string>, severity: Severity) => {
      const key = `${messageId}:${loc.line}:${loc.column}:${data.field ?? ''}`;
      const existing = pending.get(key);
      if (existing) existing.envs.push(env.name);
      else pending.set(key, { messageId, loc, envs: [env.name], data, severity });
    };

    for (const env of config.environments) {
      for (const name of options.credentialFields) {
        const severity: Severity = name === 'password' ? 'error' : 'warning';
        checkCredential(env, env[name], name, severity, add);
        if (name === 'password' && env.url.passwordInUrl) checkCredential(env, env.url, 'password (in the `url`)', severity, add);
      }
      if (!env.flat && !production.has(env.name.toLowerCase())) continue;
      if (!connectsOverNetwork(env)) continue;
      const ssl = env.ssl;
      if (ssl.enabled === false) {
        add(env, 'productionWithoutSsl', ssl.loc ?? env.loc, { setting: sslSetting(env) }, 'error');
      } else if (ssl.enabled === true && ssl.rejectUnauthorized === false) {
        const setting = ssl.source === 'url' ? '`sslmode=no-verify` in the `url`' : '`rejectUnauthorized: false`';
        add(env, 'sslRejectUnauthorizedFalse', ssl.rejectUnauthorizedLoc ?? ssl.loc ?? env.loc, { setting }, 'warning');
      }
      if (env.logging === 'on' || env.logging === 'default') {
        const setting =
          env.logging === 'default'
            ? 'no `logging` key: Sequelize logs with console.log by default'
            : `\`logging: ${env.loggingText ?? 'on'}\``;
        add(env, 'sqlLoggingInProduction', env.loggingLoc ?? env.loc, { setting }, 'warning');
      }
    }

    for (const p of pending.values()) {
      report({ file: config.file, loc: p.loc, messageId: p.messageId, data: { env: p.envs.join(', '), ...p.data }, severity: p.severity });
    }
  },
});

function checkCredential(
  env: DbEnvironment,
  field: ConfigField,
  name: string,
  severity: Severity,
  add: (env: DbEnvironment, messageId: string, loc: SourceLocation, data: Record<string, string>, severity: Severity) => void,
): void {
  if (!field.loc || field.empty) return;
  if (field.source === 'literal') add(env, 'hardcodedCredential', field.loc, { field: name }, severity);
  else if (field.source === 'literal-fallback') {
    const variable = field.envVar !== undefined ? `process.env.${field.envVar}` : 'the value it reads first';
    add(env, 'credentialFallback', field.loc, { field: name, variable }, severity);
  }
}

/** SQLite files and a literal local host or socket never cross a network. */
function connectsOverNetwork(env: DbEnvironment): boolean {
  if (env.dialect.source === 'literal' && env.dialect.value === 'sqlite') return false;
  const host = env.host.source === 'literal' && typeof env.host.value === 'string' ? env.host.value : null;
  return !(host !== null && (LOCAL_HOSTS.has(host) || host.startsWith('/')));
}

function sslSetting(env: DbEnvironment): string {
  const ssl = env.ssl;
  if (ssl.topLevelIgnored) return '`ssl: true` is set at the top level, which Sequelize\'s postgres dialect does not pass to the driver: only `dialectOptions.ssl` does';
  if (ssl.source === 'url') return 'the `url` disables it';
  if (ssl.source === 'dialectOptions.ssl') return '`dialectOptions.ssl` is false';
  return 'no `dialectOptions.ssl`';
}
