import { dialectNamed, dialectOfUrl, initTemplate } from '../src/config/connections';
import { ENV_REFERENCE_TEXT } from '../src/config/read-db-config';
import { SEVERITY_RANK, type AppConnection, type ConfigField, type DbConfigAnalysis, type DbEnvironment, type Dialect, type EnvironmentSelection, type ProjectModel, type Severity, type SourceLocation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { isProductionEnvironment, PRODUCTION_ENVIRONMENTS, projectDialects } from '../src/rules/project-facts';

type CredentialField = 'password' | 'username' | 'host';

interface Options {
  productionEnvironments: string[];
  credentialFields: CredentialField[];
}

type MessageIds =
  | 'hardcodedCredential'
  | 'credentialFallback'
  | 'stockPasswordFallback'
  | 'containerPasswordFallback'
  | 'localUrlFallback'
  | 'productionWithoutSsl'
  | 'productionWithoutSslHostFromEnvironment'
  | 'productionWithoutSslHostUnread'
  | 'productionWithoutSslPrivateHost'
  | 'productionWithoutSslLocalDefault'
  | 'sslRejectUnauthorizedFalse'
  | 'sqlLoggingInProduction'
  | 'sqlLoggingInMigrations';

/**
 * Records one finding for an environment. Findings at the same place merge their environments (a base object spread
 * into several); so do findings of one value written in several environments (`sameValueIn`, the other environments
 * that hold it), reported once at the most exposed of them.
 */
type AddFinding = (env: DbEnvironment, messageId: MessageIds, loc: SourceLocation, data: Record<string, string>, severity: Severity, sameValueIn?: string[]) => void;

/** A finding being gathered: every environment it concerns, where each writes it, and its message data there. */
interface Pending {
  messageId: MessageIds;
  severity: Severity;
  at: { env: string; loc: SourceLocation; data: Record<string, string> }[];
}

/** Dialects whose SSL is `dialectOptions.ssl` (pg, mysql2, mariadb): the only ones this rule judges. */
const SSL_DIALECTS: ReadonlySet<Dialect> = new Set(['postgres', 'mysql', 'mariadb']);

/** Hosts where traffic never leaves the machine: SSL protects nothing there. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Reads the database config file (`config/config.json`, `config/database.js`,
 * the `.sequelizerc` `config` entry) as `readDbConfig` saw it: credentials
 * written in the file, production connections without SSL or without
 * certificate verification, SQL logging in production.
 */
export default createRule<Options, MessageIds>({
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
        '`{{env}}`: the {{field}} is written in the config file.{{shared}} Everyone who can read the repository, its history or a build artifact has it, and changing it takes a commit and a deploy.{{local}}{{throwaway}}',
      stockPasswordFallback:
        '`{{env}}`: the {{field}} falls back to a well-known default password (one a database image or the tutorials set up) when {{variable}} is unset or empty.{{shared}} It reveals no secret, but a deploy that forgets the variable tries it silently, and a server still set up with it lets anyone in: fail when the variable is missing instead.{{local}}{{throwaway}}',
      containerPasswordFallback:
        '`{{env}}`: the {{field}} falls back, when {{variable}} is unset or empty, to the password {{container}} gives the database container it runs for development: no secret of a real server (it is public there already), but a deploy that forgets the variable tries it silently: fail when the variable is missing instead.{{local}}{{throwaway}}',
      localUrlFallback:
        '`{{env}}`: the {{field}} falls back, with the whole URL and its host {{host}}, to a value written in the config file when {{variable}} is unset or empty: a deploy that forgets the variable reaches no database with it, only one on its own machine. The value is in the repository and its history, which matters if the same password guards a database others can reach: fail when the variable is missing instead.{{throwaway}}',
      credentialFallback:
        '`{{env}}`: the {{field}} falls back to a value written in the config file when {{variable}} is unset or empty.{{shared}} The fallback is a hard-coded credential: it is in the repository and its history, and a deploy that forgets the variable connects with it silently.{{local}}{{throwaway}}',
      productionWithoutSsl:
        '`{{env}}` connects to the database without SSL ({{setting}}), for {{connection}}: every query and every row travel unencrypted, readable and alterable by anyone on the network path.{{ownOptions}}{{shared}}{{throwaway}}',
      productionWithoutSslHostFromEnvironment:
        '`{{env}}` connects to the database without SSL ({{setting}}), for {{connection}}, to a host the environment gives ({{variable}}): whether that path leaves a private network is the deployment\'s to say (a managed database over the internet needs SSL; a database beside the application on a private network may not). Set `dialectOptions.ssl` (or `PGSSLMODE`) where it does.{{ownOptions}}{{shared}}{{throwaway}}',
      productionWithoutSslHostUnread:
        '`{{env}}` connects to the database without SSL ({{setting}}), for {{connection}}, to a host read from code migralint does not follow ({{expression}}): whether that path leaves a private network is the deployment\'s to say (a managed database over the internet needs SSL; a database beside the application on a private network may not). Set `dialectOptions.ssl` (or `PGSSLMODE`) where it does.{{ownOptions}}{{shared}}{{throwaway}}',
      productionWithoutSslPrivateHost:
        '`{{env}}` connects to the database without SSL ({{setting}}), for {{connection}}, to {{host}}, a name or address of a private network (a Compose service, a host of the same network) that the internet does not reach: the traffic stays on that network. Set `dialectOptions.ssl` if the database ever moves off it.{{ownOptions}}{{shared}}{{throwaway}}',
      productionWithoutSslLocalDefault:
        '`{{env}}` connects to the database without SSL ({{setting}}), for {{connection}}, and its host falls back to `{{host}}` when {{variable}} is unset: on one machine nothing crosses a network, but a deploy that points {{variable}} at another host sends every query and row unencrypted. Nothing in the project says it does: set `dialectOptions.ssl` before one does.{{ownOptions}}{{shared}}{{throwaway}}',
      sslRejectUnauthorizedFalse:
        '`{{env}}` encrypts the connection but does not verify the server certificate ({{setting}}), for {{connection}}: anyone who can intercept the traffic can pose as the database (man in the middle) and read or alter every query and row.{{shared}}{{throwaway}}',
      sqlLoggingInProduction:
        '`{{env}}` logs every SQL statement ({{setting}}), for {{connection}}: the values the queries look up land in the application logs (a user found by email, a token checked, raw queries with replacements), where retention and access are far looser than in the database. What model writes store is sent as bind parameters and not logged (measured on Sequelize 6), unless `logQueryParameters` is on.{{shared}}{{throwaway}}',
      sqlLoggingInMigrations:
        '`{{env}}` makes sequelize-cli log every SQL statement it runs ({{setting}}). No module of the application builds its Sequelize instance from this file, so only what migrations and seeders execute reaches the logs, with any data they write.{{throwaway}}',
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
  defaultOptions: { productionEnvironments: [...PRODUCTION_ENVIRONMENTS, 'staging'], credentialFields: ['password'] },
  check({ project, options, report }) {
    const config = project.dbConfig;
    if (!config) return;
    const users = connectionUsers(config);
    const production = new Set(options.productionEnvironments.map((n) => n.toLowerCase()));
    const pending = new Map<string, Pending>();
    const addOne: AddFinding = (env, messageId, loc, data, severity, sameValueIn) => {
      // The same environments in every member's key: each names the others.
      // A finding about the environment as a whole (at its key) in an object several environments share: one finding.
      const place = loc === env.loc && env.sameObjectAs ? `object ${env.sameObjectAs}` : `${loc.line}:${loc.column}`;
      const key = sameValueIn ? `${messageId}:${data.field ?? ''}:${[env.name, ...sameValueIn].sort().join('\u0000')}` : `${messageId}:${place}:${data.field ?? ''}`;
      const existing = pending.get(key);
      if (existing) {
        existing.at.push({ env: env.name, loc, data });
        // The same value in a developer's environment and in production: the most severe judgement holds.
        if (SEVERITY_RANK[severity] > SEVERITY_RANK[existing.severity]) existing.severity = severity;
      }
      else pending.set(key, { messageId, severity, at: [{ env: env.name, loc, data }] });
    };

    for (const env of config.environments) {
      // An empty environment (`production: { /* add it when needed */ }`): no dialect, no server, nothing Sequelize can
      // connect with (it refuses a config without a dialect), so nothing travels or is logged (hold-out 40).
      if (!env.flat && !env.opaque && emptyEnvironment(env)) continue;
      // An environment still as `sequelize init` wrote it (`database_production`): a placeholder no deployment uses,
      // its findings info, saying so (hold-out 28/29: two such blocks labeled as live production).
      const template = initTemplate(env);
      // A block whose host, database and credentials are written empty (`host: ""`): a form to fill in, which connects
      // nowhere as written (hold-out 46).
      const blank = template ? null : blankTemplate(env);
      const add: AddFinding = template
        ? loweredToInfo(addOne, ` Lowered to info: \`${env.name}\` is still the block \`sequelize init\` writes (${template}), a placeholder no deployment seems to use.`)
        : blank
          ? loweredToInfo(addOne, ` Lowered to info: \`${env.name}\` is a placeholder to fill in (${blank}), which no deployment uses as written.`)
          : addOne;
      // A developer's environment whose database sits on a local or private address: a credential of a
      // throwaway database, info (the same value in production is merged into production's finding).
      const privateHost = !env.flat && !production.has(env.name.toLowerCase()) && !isProductionEnvironment(env.name) ? localOrPrivateHost(env) : null;
      // A deployed environment whose literal host is the machine itself (`localhost`, `127.0.0.1`, a socket): the
      // database takes connections from that machine, and whoever reads the password still has to get there first (a
      // warning; hold-out labels: 4 such production passwords of 6 were not worth an error).
      const loopback = privateHost ? null : loopbackHost(env);
      // A production block no deployment of the project selects (the Compose file or `.env` it runs with sets
      // NODE_ENV=development, and nothing names production): its SSL and logging reach no live traffic (hold-out 34:
      // two such blocks labeled FP). Its credentials are judged all the same: they are in the repository.
      const unused = template || blank || env.flat ? null : unselected(env.name, config.selection);
      const addLive: AddFinding = unused ? loweredToInfo(addOne, ` Lowered to info: nothing in the project selects \`${env.name}\`: ${unused}.`) : add;
      const local = privateHost ? ` \`${env.name}\` connects to ${privateHost}, a local or private address: a developer's database, which matters only if the same password guards one that others can reach.` : '';
      const onMachine = loopback ? { note: ` \`${env.name}\` connects to ${loopback}, the application's own machine: the password guards a database reached from there, which narrows who can use it, not who can read it.` } : null;
      // A fallback URL on the machine itself (`DATABASE_URL || 'postgres://app:pw@localhost/app'`): its password goes
      // only with its host, so a deploy that forgets the variable reaches no database with it, only a developer's
      // (hold-out 38). A password with a fallback of its own still reaches whatever host the deploy sets.
      const urlHost = privateHost || loopback ? null : loopbackFallbackUrlHost(env);
      const urlOnMachine = urlHost ? { host: urlHost } : null;
      // `use_env_variable`: sequelize-cli merges the URL the variable holds over the block (its user and password
      // replace these), and `new Sequelize(url, config)` takes them from the URL too: a literal beside it connects to
      // nothing in this environment (hold-out 48). What the same value does in another environment is judged there.
      const viaVariable = env.url.via === 'use_env_variable' && env.url.source === 'env' && env.url.envVar ? env.url.envVar : null;
      // A database on the machine itself (the host written out, or the one it falls back to), in a project nothing says
      // is deployed: a developer's database, its credentials info (hold-out 68, 69: 8 such warnings, none worth one).
      const developers = !privateHost && (loopback !== null || localFallbackHost(env) !== null) && add === addOne && undeployedProject(config, env);
      const addCredential: AddFinding = developers ? loweredToInfo(addOne, UNDEPLOYED_NOTE) : add;
      for (const name of options.credentialFields) {
        const unused = viaVariable !== null && (name === 'password' || name === 'username');
        const severity: Severity = privateHost || unused ? 'info' : name === 'password' ? 'error' : 'warning';
        const why = unused ? ` \`${env.name}\` connects through \`use_env_variable: '${viaVariable}'\`: sequelize-cli and \`new Sequelize(url, ...)\` take the user and password from that URL, so this one is used only where the URL carries none.` : local;
        checkCredential(env, env[name], name, severity, addCredential, why, unused ? null : onMachine);
        if (name === 'password' && env.url.passwordInUrl) checkCredential(env, env.url, 'password (in the `url`)', severity, addCredential, local, onMachine, urlOnMachine);
      }
      // `prodExt`, `production-migrate`: a production name with a suffix is production too.
      if (!env.flat && !isNamedLike(env.name, production)) continue;
      const dialect = environmentDialect(env, project);
      if (dialect === 'sqlite') continue;
      // Nothing says the project is deployed (no Dockerfile, Compose file, Procfile, platform or deploy manifest, CI
      // deploy job, process manager, nor NODE_ENV set where it starts, here or above it): production logging, and SSL to
      // a host that falls back to the machine itself, are advice for when it is (hold-out labels: 4 of 4 such logging
      // warnings in batch 45 not worth one; 7 of 9 local-default SSL warnings of sessions 12-19 on undeployed projects).
      // A public server written in the block (`db.example.com`, a managed database's host) is somewhere it is deployed.
      const addUndeployed: AddFinding = undeployedProject(config, env) && addLive === addOne ? loweredToInfo(addOne, UNDEPLOYED_NOTE) : addLive;
      const ssl = env.ssl;
      if (connectsOverNetwork(env) && (dialect === null || SSL_DIALECTS.has(dialect))) {
        const localDefault = localFallbackHost(env);
        if (ssl.enabled === false && localDefault !== null) {
          // The database shares the machine unless a variable says otherwise: a risk of the deploy, not of the file.
          const variable = env.host.envVar ? `\`${env.host.envVar}\`` : 'the variable';
          const data = { setting: sslSetting(env), connection: users.withoutSsl, ownOptions: users.ownOptions, host: localDefault, variable };
          // The variable the project's Compose files set, to the database service beside the application (`DB_HOST:
          // db`): the deployment they describe keeps the traffic on that network (hold-out labels of session 23: 5 such
          // warnings, none worth one).
          const composed = composePrivateHost(env.host);
          if (composed !== null) addLive(env, 'productionWithoutSslPrivateHost', ssl.loc ?? env.loc, { ...data, host: composed }, 'info');
          // Elsewhere, info too: the host falls back to the machine itself and nothing the project holds says the
          // deployment points the variable anywhere else (hold-out labels of sessions 12-27: 9 of 39 such warnings were
          // worth one; most deployments keep the database beside the application: a Compose stack above the package,
          // an installer that writes DB_HOST=localhost, a VPS runbook; labels.md #44's caveat says as much). A Compose
          // file of the project that sets the variable to a public server says the deployment does: a warning.
          else addUndeployed(env, 'productionWithoutSslLocalDefault', ssl.loc ?? env.loc, data, composePublicHost(env.host) ? 'warning' : 'info');
        } else if (ssl.enabled === false) {
          // Only sequelize-cli connects with it: the migrations' DDL and the rows they move cross the network, not the
          // application's live traffic (labels.md #41, #43, #44: a warning fits a migrations-only connection).
          const data = { setting: sslSetting(env), connection: users.withoutSsl, ownOptions: users.ownOptions };
          // A host only the environment gives (`process.env.DB_HOST`, `use_env_variable`): nothing in the repository says
          // the connection crosses a network anyone else is on (hold-out labels of session 15: 2 of 15 such findings
          // worth a warning). A host or URL written out that is public stays a warning or an error.
          const fromEnvironment = hostFromEnvironment(env);
          // A host read from code migralint does not follow (`keys.DB_HOST` of an imported module): nothing in what it
          // reads says where the database is either (hold-out 40).
          const unread = fromEnvironment === null ? hostUnread(env) : null;
          // A host written out that only a private network resolves (`host: 'database'`, the Compose service beside the
          // application; `10.0.0.5`): the traffic never crosses a network others are on (hold-out 41).
          const privateName = fromEnvironment === null && unread === null ? privateWrittenHost(env) : null;
          if (privateName !== null) addLive(env, 'productionWithoutSslPrivateHost', ssl.loc ?? env.loc, { ...data, host: privateName }, 'info');
          else if (fromEnvironment !== null) addLive(env, 'productionWithoutSslHostFromEnvironment', ssl.loc ?? env.loc, { ...data, variable: fromEnvironment }, 'info');
          else if (unread !== null) addLive(env, 'productionWithoutSslHostUnread', ssl.loc ?? env.loc, { ...data, expression: unread }, 'info');
          else addLive(env, 'productionWithoutSsl', ssl.loc ?? env.loc, data, users.cliOnly ? 'warning' : 'error');
        } else if (ssl.enabled === true && ssl.rejectUnauthorized === false) {
          const setting = ssl.source === 'url' ? '`sslmode=no-verify` in the `url`' : '`rejectUnauthorized: false`';
          addLive(env, 'sslRejectUnauthorizedFalse', ssl.rejectUnauthorizedLoc ?? ssl.loc ?? env.loc, { setting, connection: users.all }, 'warning');
        }
      }
      const loggingLoc = env.loggingLoc ?? env.loc;
      if (env.logging === 'default' && users.logging !== null) {
        // sequelize-cli fills a missing `logging` with its logMigrator, which prints no SQL: only an application instance built from these options logs.
        addUndeployed(env, 'sqlLoggingInProduction', loggingLoc, { setting: 'no `logging` key: Sequelize logs with console.log by default', connection: users.logging }, 'warning');
      } else if (env.logging === 'on') {
        const setting = `\`logging: ${env.loggingText ?? 'on'}\``;
        if (users.logging !== null) addUndeployed(env, 'sqlLoggingInProduction', loggingLoc, { setting, connection: users.all }, 'warning');
        else addLive(env, 'sqlLoggingInMigrations', loggingLoc, { setting }, 'info');
      }
    }

    // `npm start` drops the database first (a demo or local setup): whatever it holds is recreated at every start.
    const start = project.scripts?.find((s) => s.name === 'start' && s.dataLoss === 'all');
    const throwaway = start ? ` Lowered to info: \`npm start\` drops and recreates the database at every start, so no deployment keeps data there.` : '';
    for (const p of pending.values()) {
      const severity = start ? 'info' : p.severity;
      const { loc, data, env, shared } = mostExposed(p, production);
      const { stub, ...rest } = data;
      report({ file: config.file, loc, messageId: p.messageId, data: { env, ...rest, shared, throwaway: throwaway || (stub ?? '') }, severity });
    }
  },
});

const UNDEPLOYED_NOTE =
  ' Lowered to info: nothing in the project says where it is deployed (no Dockerfile, Compose file, Procfile, platform or deployment manifest, CI job that deploys it, nor NODE_ENV set where it starts): worth setting before it is.';

/**
 * Nothing says the project is deployed (no Dockerfile, Compose file, Procfile, platform or deploy manifest, CI deploy
 * job, process manager, nor NODE_ENV set where it starts, here or above it), and the environment writes no public
 * server (`db.example.com`, a managed database's host), which would be somewhere it is deployed.
 */
function undeployedProject(config: DbConfigAnalysis, env: DbEnvironment): boolean {
  const written = writtenHost(env, false);
  const publicServer = written !== null && (env.host.source === 'literal' || env.url.source === 'literal') && localOrPrivateHostName(written) === null;
  return config.selection !== undefined && config.selection.deployment === null && !publicServer;
}

/** The environment object sets nothing at all (`{}`, or only comments): every connection setting, SSL and logging absent. */
function emptyEnvironment(env: DbEnvironment): boolean {
  const fields = [env.dialect, env.host, env.port, env.database, env.username, env.password, env.url];
  return fields.every((f) => f.source === 'absent') && env.ssl.source === 'absent' && env.logging === 'default' && env.pool === null;
}

/** `add` with every finding at info, its message ending with `note` (why it was lowered). */
function loweredToInfo(add: AddFinding, note: string): AddFinding {
  return (env, messageId, loc, data, _severity, sameValueIn) => add(env, messageId, loc, { ...data, stub: note }, 'info', sameValueIn);
}

/**
 * Why no deployment of the project selects the environment `name`, as message text; null when one may. It is unselected
 * only when the project says how it runs (a Compose file, a Dockerfile, the committed `.env`, a manifest or the `start`
 * script sets NODE_ENV to another environment), nothing sets NODE_ENV to `name`, passes it as `--env`, falls back to it
 * or reads it by name, and no platform that sets NODE_ENV=production itself (a Procfile, `app.yaml`) deploys it.
 */
function unselected(name: string, selection: EnvironmentSelection | undefined): string | null {
  if (!selection || selection.open !== null) return null;
  const lower = name.toLowerCase();
  if (selection.values.some((v) => v.value.toLowerCase() === lower)) return null;
  const deployed = selection.values.find((v) => v.deploy && v.value.toLowerCase() !== 'test');
  if (!deployed) return null;
  return `\`${deployed.file}:${deployed.line}\` sets NODE_ENV to \`${deployed.value}\`, and no script, deploy or platform file sets it to \`${name}\``;
}

function checkCredential(
  env: DbEnvironment,
  field: ConfigField,
  name: string,
  severity: Severity,
  add: AddFinding,
  local: string,
  onMachine: { note: string } | null,
  urlOnMachine: { host: string } | null = null,
): void {
  // A placeholder (`your_db_password`) is a template to fill in, no secret.
  if (!field.loc || field.empty || field.placeholder) return;
  // Written out for a database on the machine itself: a warning at most, saying so.
  // A well-known default (`root`, `postgres`) for a database on the machine itself or a private name (a Compose
  // service, `db`): it reveals no secret, and guards a database only that network reaches (hold-out 70, 71: three such
  // warnings and errors labeled not worth one).
  // (A developer's environment already says where it connects, in `local`, at info.)
  const nearby = onMachine?.note ?? (field.source === 'literal' && field.stockDefault && local === '' ? privateNote(env) : null);
  if (field.source === 'literal' && nearby !== null && field.stockDefault) add(env, 'hardcodedCredential', field.loc, { field: name, local: `${nearby} It is a well-known default password (one a database image or the tutorials set up): no secret.` }, 'info', field.sameValueIn);
  else if (field.source === 'literal' && onMachine) add(env, 'hardcodedCredential', field.loc, { field: name, local: onMachine.note }, atMostWarning(severity), field.sameValueIn);
  else if (field.source === 'literal') add(env, 'hardcodedCredential', field.loc, { field: name, local }, severity, field.sameValueIn);
  else if (field.source === 'literal-fallback') {
    const variable = field.envVar !== undefined ? `process.env.${field.envVar}` : 'the value it reads first';
    // The database's stock default (`|| 'postgres'`): no secret is revealed, a forgotten variable connects with it: a
    // misconfiguration to fix, a warning at most.
    if (field.stockDefault) {
      add(env, 'stockPasswordFallback', field.loc, { field: name, variable, local }, atMostWarning(severity), field.sameValueIn);
      return;
    }
    // The password the project's Compose file gives its database container (`POSTGRES_PASSWORD: github`): a
    // development container's, public in the repository; like a stock default, a misconfiguration risk, a warning at
    // most (hold-out 36 and 38).
    if (field.localContainerPassword) {
      const container = `\`${field.localContainerPassword.file}:${field.localContainerPassword.line}\``;
      add(env, 'containerPasswordFallback', field.loc, { field: name, variable, local, container }, atMostWarning(severity), field.sameValueIn);
      return;
    }
    if (urlOnMachine) add(env, 'localUrlFallback', field.loc, { field: name, variable, host: urlOnMachine.host }, atMostWarning(severity), field.sameValueIn);
    else add(env, 'credentialFallback', field.loc, { field: name, variable, local }, severity, field.sameValueIn);
  }
}

/**
 * The environment's server comes from the environment alone: its host (or URL, or `use_env_variable`) is read from a
 * variable with no literal, and no literal URL names a host. The variable, in backticks (or `the environment`), or null.
 */
function hostFromEnvironment(env: DbEnvironment): string | null {
  const literalHost = env.host.source === 'literal' || env.host.source === 'literal-fallback';
  const literalUrl = (env.url.source === 'literal' || env.url.source === 'literal-fallback') && env.url.urlHost !== undefined;
  if (literalHost || literalUrl) return null;
  if (env.url.source === 'env') return env.url.envVar ? `\`${env.url.envVar}\`` : 'the environment';
  if (env.host.source === 'env') return env.host.envVar ? `\`${env.host.envVar}\`` : 'the environment';
  return null;
}

/**
 * The environment's host is an expression migralint cannot read (`keys.DB_HOST`, `secrets.get('host')`) and no URL
 * is written out: that expression, in backticks, or null.
 */
function hostUnread(env: DbEnvironment): string | null {
  if (env.host.source !== 'unknown' || !env.host.expression) return null;
  if (env.url.source !== 'absent' && env.url.source !== 'unknown') return null;
  return `\`${env.host.expression}\``;
}


/**
 * The environment's host is written empty (`host: ""`), and its database and credentials are empty or absent, with no
 * URL: what is blank, as message text; else null.
 */
function blankTemplate(env: DbEnvironment): string | null {
  // `"host": "process.env.DB_HOST"` in a config.json: the text is the host name Sequelize gets, no server anywhere.
  if (env.host.source === 'literal' && typeof env.host.value === 'string' && ENV_REFERENCE_TEXT.test(env.host.value.trim()) && env.url.source === 'absent') {
    return `\`${env.host.value.trim()}\` written as the host, a string nothing expands`;
  }
  const blank = (f: DbEnvironment['host']) => f.source === 'absent' || (f.source === 'literal' && (f.empty === true || f.value === ''));
  const hostWrittenEmpty = env.host.source === 'literal' && (env.host.empty === true || env.host.value === '');
  if (!hostWrittenEmpty || env.url.source !== 'absent' || ![env.database, env.username, env.password].every(blank)) return null;
  return 'host, database and credentials empty';
}

/** An error lowered to a warning; a warning or info as it is. */
function atMostWarning(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : severity;
}

/** `host` is the machine itself: `localhost`, a loopback address, a socket path. */
function isLoopback(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.startsWith('127.') || host.startsWith('/');
}

/** The environment's literal host (not a fallback) when it is the machine itself: loopback or a socket path. */
function loopbackHost(env: DbEnvironment): string | null {
  // Written out, not a fallback: a fallback is what a deploy that forgets its variable connects to.
  const host = env.host.source === 'literal' && typeof env.host.value === 'string' ? env.host.value : env.url.source === 'literal' && env.url.urlHost ? env.url.urlHost : null;
  return host !== null && isLoopback(host) ? `\`${host}\`` : null;
}

/** The host of the environment's fallback URL (`DATABASE_URL || 'postgres://...@localhost/db'`) when it is the machine itself: `` `localhost` ``; else null. */
function loopbackFallbackUrlHost(env: DbEnvironment): string | null {
  const host = env.url.source === 'literal-fallback' && env.url.urlHost ? env.url.urlHost : null;
  return host !== null && isLoopback(host) ? `\`${host}\`` : null;
}

/**
 * The environment's host written out (no fallback), or its written URL's host, when only a private network resolves
 * it: a single-label name (`database`, `db`, `postgres`: a Compose service) or a private IPv4 address. In backticks.
 */
function privateWrittenHost(env: DbEnvironment): string | null {
  const host = writtenHost(env, false);
  if (host === null || (env.host.source !== 'literal' && env.url.source !== 'literal')) return null;
  return localOrPrivateHostName(host);
}

/**
 * The host the project's Compose files give the variable `field` is read from, when each of them gives a local or
 * private one (a Compose service, a private address), as message text: `` `db` (`docker-compose.yml:9` sets `DB_HOST`) ``.
 */
function composePrivateHost(field: ConfigField): string | null {
  const given = field.composeHosts;
  if (!given || given.length === 0 || !given.every((g) => localOrPrivateHostName(g.host) !== null)) return null;
  const first = given[0]!;
  return `${localOrPrivateHostName(first.host)} (\`${first.file}:${first.line}\` sets \`${field.envVar}\`)`;
}

/** A Compose file of the project gives the variable `field` is read from a public server (`DB_HOST: db.example.com`). */
function composePublicHost(field: ConfigField): boolean {
  return (field.composeHosts ?? []).some((g) => localOrPrivateHostName(g.host) === null);
}

/** The environment's literal host when it is loopback, a socket, or a private IPv4 address (10/8, 172.16/12, 192.168/16): `` `192.168.0.10` ``. */
function localOrPrivateHost(env: DbEnvironment): string | null {
  // A host read from a variable with a literal fallback (`process.env.DB_HOST || '127.0.0.1'`) is that fallback for a
  // developer who sets nothing.
  const host = writtenHost(env, true);
  if (host === null) return null;
  return localOrPrivateHostName(host);
}

/** The machine itself as the host a variable falls back to (`process.env.DB_HOST || 'localhost'`); null otherwise. */
function localFallbackHost(env: DbEnvironment): string | null {
  return env.host.source === 'literal-fallback' && typeof env.host.value === 'string' && LOCAL_HOSTS.has(env.host.value) ? env.host.value : null;
}

/** The host the environment writes out, when it is local or private, as message text; null otherwise. */
function privateNote(env: DbEnvironment): string | null {
  const host = writtenHost(env, false);
  const name = host === null ? null : localOrPrivateHostName(host);
  return name === null ? null : ` \`${env.name}\` connects to ${name}, a local or private address.`;
}

/** `host`, in backticks, when it is loopback, a socket, a private IPv4 address or a single-label name; else null. */
function localOrPrivateHostName(host: string): string | null {
  const octets = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  const a = octets ? Number(octets[1]) : -1;
  const b = octets ? Number(octets[2]) : -1;
  // A host name of one label (`db`, `postgres`, `db-dev`): a Compose service or a name of the private network, never
  // one the internet resolves.
  const singleLabel = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/i.test(host) && !/^\d+$/.test(host);
  const isPrivate = isLoopback(host) || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || singleLabel;
  return isPrivate ? `\`${host}\`` : null;
}

/**
 * Where a gathered finding is reported: at the most exposed environment (a production name, then one of
 * `productionEnvironments`, then the first in the file). `env` names the environments written at that place;
 * `shared` is the sentence naming the others, empty when there are none.
 */
function mostExposed(p: Pending, production: ReadonlySet<string>): { loc: SourceLocation; data: Record<string, string>; env: string; shared: string } {
  const rank = (name: string) => (isProductionEnvironment(name) ? 0 : production.has(name.toLowerCase()) ? 1 : 2);
  const chosen = p.at.reduce((best, a) => (rank(a.env) < rank(best.env) ? a : best));
  const here = p.at.filter((a) => a.loc.line === chosen.loc.line && a.loc.column === chosen.loc.column);
  // The other places, each with the environments written there (a base spread names several).
  const elsewhere = new Map<string, { line: number; envs: string[] }>();
  for (const a of p.at) {
    if (here.includes(a)) continue;
    const key = `${a.loc.line}:${a.loc.column}`;
    const place = elsewhere.get(key) ?? { line: a.loc.line, envs: [] };
    place.envs.push(`\`${a.env}\``);
    elsewhere.set(key, place);
  }
  const places = [...elsewhere.values()].map((w) => `${w.envs.join(', ')} (line ${w.line})`);
  const shared = places.length === 0 ? '' : ` The same value is written for ${places.join(', ')}: reported once, here.`;
  return { loc: chosen.loc, data: chosen.data, env: here.map((a) => a.env).join(', '), shared };
}

/**
 * Who connects with the file's settings, as message text. `all`: everyone
 * the file's SSL settings concern; `withoutSsl`: everyone a missing SSL
 * concerns, `all` and the application instances that take the server from the
 * file and set no SSL themselves; `ownOptions`: a sentence naming those (SSL
 * must be set in their own options too), empty when none; `logging`: the
 * application instances that take their logging from the file, null when none
 * does (or when that is not known, so that no claim is made); `cliOnly`: the
 * application was looked for and no instance of it connects to the file's
 * server without SSL (neither with the file's options nor with its own).
 */
function connectionUsers(config: DbConfigAnalysis): { all: string; withoutSsl: string; ownOptions: string; logging: string | null; cliOnly: boolean } {
  const apps = config.appConnections;
  // Not looked for (a caller that reads the config alone): every connection built from the file.
  if (apps === undefined) {
    const every = 'every connection built from this file';
    return { all: every, withoutSsl: every, ownOptions: '', logging: every, cliOnly: false };
  }
  // One place per file: the first `new Sequelize` of each module that uses the file.
  const where = (list: AppConnection[]) => {
    const first = new Map<string, number>();
    for (const a of list) if (!first.has(a.file)) first.set(a.file, a.line);
    return [...first].map(([file, line]) => `\`${file}:${line}\``).join(', ');
  };
  const withCli = (list: AppConnection[]) => (list.length > 0 ? `the application (${where(list)}) and sequelize-cli` : 'sequelize-cli only (migrations and seeders)');
  const withOptions = apps.filter((a) => a.usesConfig === 'options' || a.usesConfig === 'overrides-logging');
  const serverOnly = apps.filter((a) => a.usesConfig === 'server');
  const withServer = apps.filter((a) => withOptions.includes(a) || serverOnly.includes(a));
  const withLogging = apps.filter((a) => a.usesConfig === 'options');
  const ownOptions =
    serverOnly.length === 0
      ? ''
      : ` ${where(serverOnly)} ${serverOnly.length === 1 ? 'takes' : 'take'} the server from this file with options of ${serverOnly.length === 1 ? 'its' : 'their'} own: set SSL there too.`;
  return {
    all: withCli(withOptions),
    withoutSsl: withCli(withServer),
    ownOptions,
    logging: withLogging.length > 0 ? `the application (${where(withLogging)})` : null,
    cliOnly: withServer.length === 0,
  };
}

/** The environment's dialect: its `dialect`, its URL scheme, else the project's when it has one. */
function environmentDialect(env: DbEnvironment, project: ProjectModel): Dialect | null {
  if (typeof env.dialect.value === 'string') return dialectNamed(env.dialect.value);
  if (typeof env.url.value === 'string') return dialectOfUrl(env.url.value);
  const { dialects, known } = projectDialects(project);
  return known && dialects.length === 1 ? dialects[0]! : null;
}

/** A literal local host or socket never crosses a network. */
function connectsOverNetwork(env: DbEnvironment): boolean {
  // No host and no URL in a block read whole: Sequelize connects to its default host, `localhost` (measured in
  // test/semantics/default-dialect.test.ts; hold-out 71).
  if (env.host.source === 'absent' && env.url.source === 'absent' && !env.opaque) return false;
  const host = writtenHost(env, false);
  return !(host !== null && (LOCAL_HOSTS.has(host) || host.startsWith('/')));
}

/**
 * The host the file writes out (with `fallback`, also a variable's literal fallback), else the one a literal url
 * names (also as the fallback of a variable: what a developer without it reaches); null when neither.
 */
function writtenHost(env: DbEnvironment, fallback: boolean): string | null {
  const written = env.host.source === 'literal' || (fallback && env.host.source === 'literal-fallback');
  if (written && typeof env.host.value === 'string') return env.host.value;
  return (env.url.source === 'literal' || env.url.source === 'literal-fallback') && env.url.urlHost ? env.url.urlHost : null;
}

function sslSetting(env: DbEnvironment): string {
  const ssl = env.ssl;
  if (ssl.topLevelIgnored) return '`ssl: true` is set at the top level, which Sequelize\'s postgres dialect does not pass to the driver: only `dialectOptions.ssl` does';
  if (ssl.source === 'url') return 'the `url` disables it';
  if (ssl.source === 'dialectOptions.ssl') return '`dialectOptions.ssl` is false';
  return 'no `dialectOptions.ssl`';
}

/** `name` is one of `names` (lower case), or one of them followed by a suffix (`prodExt`, `production-migrate`, `prod_eu`). */
function isNamedLike(name: string, names: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  if (names.has(lower)) return true;
  return [...names].some((n) => lower.length > n.length && lower.startsWith(n) && /[-_.A-Z]/.test(name[n.length]!));
}
