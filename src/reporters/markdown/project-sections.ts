import type { ConfigField, DataLoss, DbEnvironment, Finding, ProjectModel, ScriptRisk } from '../../model';
import { code, fileLink, inline, joinAnd, plural, table, text, type LinkBase } from './format';
import type { Safety, VerdictRow } from './verdict';
import { SEVERITY_MARK } from './findings';

/**
 * The sections of the report about what lives beside the migrations: the
 * npm scripts (the seed's command tables), the models, the database config.
 */

const LOSS_LABEL: Record<DataLoss, string> = {
  none: '❌ No',
  some: '⚠️ Some',
  all: '⚠️ YES: all data',
  unknown: '❓ Unknown',
};

const ENVIRONMENT_TITLE: Record<ScriptRisk['environment'], string> = {
  development: 'Development',
  production: 'Production',
  legacy: 'Legacy',
  other: 'Other',
};

/** When the seed would tell a team to use the command, from what it can destroy and where it belongs. */
function whenToUse(s: ScriptRisk): string {
  if (s.dataLoss === 'all') return 'Only on a database whose data can be thrown away (first setup, reset); never on shared data';
  if (s.dataLoss === 'some') return 'Only after a backup, knowing which data it removes';
  if (s.dataLoss === 'unknown') return 'Read the script first: migralint could not decide what it does';
  if (s.environment === 'legacy') return 'Prefer the current command';
  if (/\bdb:migrate:status\b|status/.test(s.command)) return 'Any time (read-only)';
  if (/\bundo\b/.test(s.command)) return 'Emergencies only, after a backup';
  if (s.environment === 'production') return 'Deploys';
  return 'Daily development';
}

/** The seed's "Database Setup Commands": one table per environment, then the reasons. */
export function commandTables(project: ProjectModel): string[] {
  const scripts = project.scripts ?? [];
  const out = ['## Database setup commands'];
  if (scripts.length === 0) {
    out.push('', 'No npm script in `package.json` touches the database.');
    return out;
  }
  out.push('', 'Every npm script that reaches the database, classified by what it can destroy. The command was followed statically: `sequelize-cli` subcommands, node scripts and the modules they require, `npm run` chains, env prefixes.');
  for (const env of ['development', 'production', 'legacy', 'other'] as const) {
    const group = scripts.filter((s) => s.environment === env);
    if (group.length === 0) continue;
    const rows = group.map((s) => [code(`npm run ${s.name}`), inline(s.purpose), LOSS_LABEL[s.dataLoss], whenToUse(s)]);
    out.push('', `### ${ENVIRONMENT_TITLE[env]}`, '', table(['Command', 'Purpose', 'Data loss?', 'When to use'], rows));
  }
  out.push('', '**Why:**', '');
  for (const s of scripts) out.push(`- ${code(`npm run ${s.name}`)} (${code(s.command)}): ${inline(s.reason)}`);
  return out;
}

/** Verdict rows for the npm scripts, to fold into the Data Safety Verdict. */
export function scriptVerdictRows(project: ProjectModel): VerdictRow[] {
  return (project.scripts ?? []).map((s) => ({
    scenario: code(`npm run ${s.name}`),
    risk: s.dataLoss === 'none' ? 'None' : s.dataLoss === 'all' ? 'ALL DATA' : s.dataLoss === 'some' ? 'Some data' : 'Unknown',
    safe: (s.dataLoss === 'none' ? 'yes' : s.dataLoss === 'all' ? 'no' : 'maybe') as Safety,
  }));
}

/** Models vs migrations: what production (which runs only migrations) would miss. */
export function modelsSection(project: ProjectModel, findings: readonly Finding[], links: LinkBase = null): string[] {
  const out = ['## Models and migrations'];
  const models = project.models;
  if (!models) {
    out.push('', 'No models folder was found: model drift was not checked.');
    return out;
  }
  const drift = findings.filter((f) => f.rule === 'no-model-drift');
  const read = models.models.filter((m) => !m.unresolved).length;
  out.push(
    '',
    `${plural(models.models.length, 'model')} read from ${code(`${models.modelsDir}/`)}${read < models.models.length ? ` (${models.models.length - read} could not be read statically)` : ''}, compared with the schema the migrations build when replayed in run order. A field added to a model without a migration works in development (\`sequelize.sync()\` creates it) and never reaches production, which runs only migrations.`,
  );
  const missing = drift.filter((f) => f.severity !== 'info');
  const unmapped = drift.filter((f) => f.severity === 'info');
  if (missing.length === 0) out.push('', '✅ Every model attribute and table is created by a migration.');
  else {
    out.push('', `❌ ${plural(missing.length, 'difference')} that production never gets:`, '');
    for (const f of missing) out.push(`- ${fileLink(f.file, f.line, links)}: ${inline(f.message)}`);
  }
  if (unmapped.length > 0) {
    out.push('', `ℹ️ ${plural(unmapped.length, 'column')} that the migrations create and no model maps:`, '');
    for (const f of unmapped) out.push(`- ${fileLink(f.file, f.line, links)}: ${inline(f.message)}`);
  }
  return out;
}

function fieldText(f: ConfigField): string {
  switch (f.source) {
    case 'env':
      return f.via === 'use_env_variable' ? `env ${code(f.envVar ?? '?')} (url)` : `env ${code(f.envVar ?? '?')}`;
    case 'literal':
      // `password: null` or `''`: nothing secret is written (a local database without a password).
      return f.empty ? 'none' : '⚠️ in the file';
    case 'literal-fallback':
      return f.empty ? `env ${code(f.envVar ?? '?')}, else none` : `⚠️ env ${code(f.envVar ?? '?')} or a literal`;
    case 'absent':
      return '—';
    default:
      return 'unknown';
  }
}

/**
 * The line under the table when no configuration finding is shown: it claims
 * only what the table shows (SQLite has no SSL; Sequelize logs SQL by default).
 */
function cleanConfigLine(environments: readonly DbEnvironment[]): string {
  if (environments.length === 0) return 'ℹ️ No environment could be read from this file: nothing was checked.';
  const secretInFile = !environments.every(
    (e) => (e.password.source === 'env' || e.password.source === 'absent' || e.password.empty === true) && e.url.passwordInUrl !== true,
  );
  const production = environments.filter((e) => e.name === 'production');
  const verified = production.length > 0 && production.every((e) => e.ssl.enabled === true && e.ssl.rejectUnauthorized !== false);
  const quiet = production.length > 0 && production.every((e) => e.logging === 'off');
  if (!secretInFile && verified && quiet) return '✅ No credential in the file; production connects with verified SSL and without SQL logging.';
  const facts = [!secretInFile ? 'no password in the file' : '', verified ? 'production connects with verified SSL' : '', quiet ? 'production does not log SQL' : ''].filter(Boolean);
  return `✅ No configuration finding${facts.length > 0 ? `: ${joinAnd(facts)}` : ''}.`;
}

function sslText(env: DbEnvironment): string {
  const { enabled, rejectUnauthorized } = env.ssl;
  if (enabled === 'unknown') return 'unknown';
  if (!enabled) return 'off';
  if (rejectUnauthorized === false) return '⚠️ on, certificate not verified';
  return rejectUnauthorized === 'unknown' ? 'on' : 'on, verified';
}

function loggingText(env: DbEnvironment): string {
  switch (env.logging) {
    case 'on':
      return env.loggingText ? `on (${code(env.loggingText)})` : 'on';
    case 'off':
      return 'off';
    case 'default':
      return 'on (Sequelize default)';
    default:
      return 'unknown';
  }
}

/** The seed's "Environment Configuration", per environment, with the config findings. */
export function configSection(project: ProjectModel, findings: readonly Finding[], links: LinkBase = null): string[] {
  const out = ['## Database configuration'];
  const config = project.dbConfig;
  if (!config) {
    out.push('', 'No database config file was found (`.sequelizerc` `config`, `config/config.json`, `config/database.js`).');
    return out;
  }
  out.push('', `Read statically from ${code(config.file)} (never executed).`);
  if (config.errors.length > 0) {
    out.push('', ...config.errors.map((e) => `- ⚠️ ${fileLink(config.file, e.line, links)}: ${text(e.message)}`));
  }
  if (config.environments.length > 0) {
    const rows = config.environments.map((env) => [
      code(env.name),
      env.dialect.value !== undefined ? code(String(env.dialect.value)) : fieldText(env.dialect),
      sslText(env),
      loggingText(env),
      env.pool === null ? '—' : code(JSON.stringify(env.pool)),
      fieldText(env.password),
    ]);
    out.push('', table(['Environment', 'Dialect', 'SSL', 'SQL logging', 'Pool', 'Password'], rows));
  }
  const own = findings.filter((f) => f.rule === 'no-insecure-db-config');
  if (own.length === 0) out.push('', cleanConfigLine(config.environments));
  else {
    out.push('');
    for (const f of own) out.push(`- ${SEVERITY_MARK[f.severity]} ${fileLink(f.file, f.line, links)}: ${inline(f.message)}`);
  }
  return out;
}
