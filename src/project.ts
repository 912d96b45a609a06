import path from 'node:path';
import type { Finding, FindingSuggestion, Migration, ProjectInfo, ProjectModel, ScriptRisk, Severity } from './model';
import { discoverLayouts, listMigrationFiles, type DiscoverOptions } from './discovery';
import { driverDialect, implicitDialect, installedDrivers, rootPackageJson } from './runner/package-json';
import { Workspace, type MigrationStore, type WorkspaceFs } from './workspace';
import { withSqlParser } from './sql/pg-parser';
import { readModels } from './models/read-models';
import { readDbConfig } from './config/read-db-config';
import { addModelUse, addTableWriters } from './rules/model-use';
import { readSchemaFiles } from './models/schema-files';
import { dialectsFromEnvFiles, postgresFromMigrationSql, projectDialect, readAppConnections } from './config/connections';
import { readEnvironmentSelection } from './config/environment-selection';
import { analyzeScripts } from './scripts/analyze-scripts';
import { RULES } from './rules/registry';
import { opRunsOn } from './rules/project-facts';
import { interpolate, type Rule, type SuggestionDescriptor } from './rules/create-rule';
import { ignoreMatcher } from './util/ignores';
import { applySuppressions, type SuppressedFinding } from './suppressions';
import { ENGINE_RULES } from './util/engine-rules';

/**
 * How one rule is configured: `'off'`; `'on'` (enabled, the rule's own
 * severities); a severity that overrides every finding of the rule; or an
 * object with both and rule options.
 */
export type RuleSetting = Severity | 'off' | 'on' | { severity?: Severity | 'off' | 'on'; options?: Record<string, unknown> };

export interface AnalyzeOptions extends DiscoverOptions {
  /** Rule id -> setting. Unlisted rules follow the recommended preset. */
  rules?: Record<string, RuleSetting>;
  /**
   * Glob patterns, relative to the project root, of files to leave out
   * (config file `ignores`): matching migrations are not analyzed at all, and
   * findings in matching files (models, database config) are dropped. A
   * folder pattern covers what is inside it.
   */
  ignores?: string[];
  /** Files larger than this are not read: an `analysis-limit` finding (config `limits.maxFileBytes`; default `DEFAULT_MAX_FILE_BYTES`, src/limits.ts). */
  maxFileBytes?: number;
  /** Milliseconds the interpreter spends on one migration (config `limits.timeBudgetMs`; default `DEFAULT_TIME_BUDGET_MS`, src/limits.ts). */
  timeBudgetMs?: number;
  /** The production PostgreSQL major version (config file `postgresVersion`), for every rule with a `postgresVersion` option. */
  postgresVersion?: number;
  /** Extracted migrations kept across runs (`--cache`, see src/gate/cache.ts). */
  store?: MigrationStore;
  /**
   * The project's files for this run (src/workspace.ts): one that already
   * read part of the project (the config file's check of `config`), or one
   * with an injected fs. By default a new one over the disk. `store`, when
   * given, is layered over it.
   */
  workspace?: Workspace;
  /** `--allow-outside`: absolute paths read although they resolve outside the project root (src/containment.ts). */
  allowOutside?: string[];
  /** The migrations on the base branch, once the layout is known (`--changed-since`). */
  baseMigrations?: (info: ProjectInfo) => { ref: string; names: string[] } | null;
  /**
   * False: migrations are extracted without how their calls are written (`Operation.syntax`,
   * `MigrationFunction.syntax`), which only the rules' rewrites read: for a caller that does not offer them
   * (the CLI), about 0.8 KB less memory an operation. Default true.
   */
  callSyntax?: boolean;
}

export type { MigrationStore } from './workspace';

export interface AnalysisResult {
  project: ProjectModel;
  findings: Finding[];
  /** Rule findings that `migralint-disable-*` comments removed from `findings` (src/suppressions.ts), in report order. */
  suppressed: SuppressedFinding[];
}

/**
 * The workspace an analysis reads the project through, bounded as the options say: the size cap and time
 * budget (`limits`), and what may be read outside the root (`--allow-outside`). The CLI makes it before
 * the analysis, to know afterwards every file the analysis read; with `fs`, through a file system that
 * records what the disk answered (`report --cache`, src/gate/disk-record.ts).
 */
export function analysisWorkspace(root: string, options: Pick<AnalyzeOptions, 'maxFileBytes' | 'timeBudgetMs' | 'allowOutside' | 'callSyntax'>, fs?: WorkspaceFs): Workspace {
  return new Workspace(path.resolve(root), {
    ...(options.callSyntax === false ? { callSyntax: false } : {}),
    ...(fs ? { fs } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudget: { ms: options.timeBudgetMs } } : {}),
    ...(options.allowOutside ? { allowOutside: options.allowOutside } : {}),
  });
}

export { ENGINE_RULES };

/**
 * Analyzes a Sequelize project: discovers the migrations, parses and extracts
 * each one, runs the rules. Never executes project code.
 */
export async function analyzeProject(rootArg: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  // One workspace for the run: each file is listed, read, parsed and extracted once, whoever asks.
  const given = options.workspace ?? analysisWorkspace(rootArg, options);
  const workspace = options.store ? given.withStore(options.store) : given;
  const infos = discoverLayouts(rootArg, options, workspace);
  const results: AnalysisResult[] = [];
  for (const info of infos) results.push(await analyzeMigrationSet(info, options, workspace));
  if (results.length === 1) return results[0]!;
  // Several migration sets (two databases of one package): each was analyzed on its own, so cross-file
  // rules never compare migrations of different databases; the report lists them together.
  const first = results[0]!;
  const project: ProjectModel = {
    ...first.project,
    project: { ...first.project.project, migrationSets: infos.map((i) => i.migrationsDir) },
    migrations: results.flatMap((r) => r.project.migrations),
  };
  return {
    project,
    findings: sortFindings(oncePerProject(results.flatMap((r) => r.findings), (f) => f)),
    suppressed: oncePerProject(results.flatMap((r) => r.suppressed), (s) => s.finding),
  };
}

/**
 * A finding every set makes alike (the one database config or model folder they share, read by each): once. Findings
 * of the sets' own migrations differ by file and stay.
 */
function oncePerProject<T>(items: T[], finding: (item: T) => Finding): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const f = finding(item);
    const key = [f.rule, f.file, f.line, f.column, f.messageId ?? '', f.severity, f.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One migration set: its files, model, rules and suppressions. libpg-query
 * answers synchronously only once its WASM module is loaded: it is loaded
 * when a migration or a script reaches SQL (`withSqlParser`), so a run that
 * extracts nothing (a warm cache) or reads no SQL never loads it.
 */
async function analyzeMigrationSet(info: ProjectInfo, options: AnalyzeOptions, workspace: Workspace): Promise<AnalysisResult> {
  const ignored = ignoreMatcher(options.ignores); // config file `ignores`
  const files = listMigrationFiles(info, workspace).filter((f) => !ignored(f));
  const project = await withSqlParser(() => buildProjectModel(info, files, workspace));
  await withSqlParser(() => addScripts(project, workspace));
  const base = options.baseMigrations?.(info);
  if (base) project.baseMigrations = base;
  if (options.postgresVersion !== undefined) project.postgresVersion = options.postgresVersion;
  // Inline suppressions (src/suppressions.ts): drop the rule findings that
  // `migralint-disable-*` comments cover, report unused or invalid comments.
  // Engine findings never go through it: they cannot be suppressed. Sorted
  // first so that `suppressed` comes out in report order too.
  const ruleFindings = applySuppressions(project, sortFindings(runRules(project, options.rules)), {
    known: RULES.map((r) => r.id),
    enabled: RULES.filter((r) => isRuleEnabled(r, options.rules)).map((r) => r.id),
    unsuppressible: Object.values(ENGINE_RULES),
    workspace,
  });
  const findings = [...engineFindings(project), ...ruleFindings.findings].filter((f) => !ignored(f.file));
  const suppressed = ruleFindings.suppressed.filter((s) => !ignored(s.finding.file));
  return { project, findings: sortFindings(findings), suppressed };
}

/**
 * Reads, parses and extracts each migration file (the SQL parser must be
 * loaded), then what lives beside the migrations: models and database config.
 * `workspace` (by default a fresh one over the disk) reads the files.
 */
export function buildProjectModel(info: ProjectInfo, files: string[], workspace = new Workspace(info.absRoot)): ProjectModel {
  // The dialect decides how raw SQL is read: known first.
  const surroundings = readSurroundings(info, workspace);
  const dialects = surroundings.dialect?.dialects;
  const migrations = files.map((file, index) => workspace.migration(file, dialects ? { index, dialects } : { index }));
  return { project: info, migrations, ...surroundings };
}

/**
 * The npm scripts that touch the database, and whether one of them builds
 * schemas with sequelize.sync() (rules use it: such databases can already
 * have what a migration adds).
 */
export function addScripts(project: ProjectModel, workspace = new Workspace(project.project.absRoot)): void {
  const scripts = analyzeScripts({ workspace, project });
  project.scripts = scripts;
  // The scripts that build schemas with sync(); one for a deployment (not a developer's or a legacy script) wins.
  // (`script.sync` is absent where every sync() it reaches is of an instance no model is defined on.)
  const syncing = scripts.flatMap((script) => {
    // The sync() that alters, where one does: the claim made of it is that it alters (hold-out 99: a start whose first
    // sync() has `alter: false`, per-model ones after it `alter: true`).
    const sync = script.sync ? (script.sync.alteredAt ?? script.evidence.find((e) => /\.sync\(/.test(e.text))) : undefined;
    return sync ? [{ script, sync }] : [];
  });
  // A script of its own (`db:setup:dev`, `sync-db`) is a developer's tool: deployed databases are built by the
  // migrations. One that starts the application (`start`, `serve`) or names production syncs deployed databases.
  const startsTheApp = (name: string) => /^(start|serve|server)([:_-]|$)|(^|[:_-])prod(uction)?([:_-]|$)/i.test(name);
  // So is one whose every sync() runs only outside production (`if (NODE_ENV === 'development') sync(...)` at the start).
  const forDevelopers = (s: ScriptRisk) => ((s.environment === 'development' || s.environment === 'legacy') && !startsTheApp(s.name)) || s.sync?.outsideProduction === true;
  const chosen = syncing.find((x) => !forDevelopers(x.script)) ?? syncing[0];
  // What the sync does to existing tables is the script's (src/scripts/node-script.ts decides it from the options).
  const alters = chosen?.script.sync?.alters === true;
  const dropsColumns = chosen?.script.sync?.dropsColumns === true;
  project.schemaSync = chosen
    ? {
        script: chosen.script.name,
        run: chosen.script.atStart && chosen.script.atStart.file !== 'package.json' ? chosen.script.name : `npm run ${chosen.script.name}`,
        evidence: `${chosen.sync.file}:${chosen.sync.line}`,
        development: forDevelopers(chosen.script),
        ...(alters ? { alters: true as const } : {}),
        ...(dropsColumns ? { dropsColumns: true as const } : {}),
        ...(chosen && !forDevelopers(chosen.script) && !migrationsRun(project, scripts, workspace) ? { migrationsUnrun: true as const } : {}),
      }
    : null;
  // What else the application's own code tells, once the migrations are known: which models it uses, and which of the
  // tables a rollback empties it writes.
  addModelUse(project, workspace);
  addTableWriters(project, workspace);
  // Where the models' tables may come from instead: a committed schema dump.
  if (project.models && project.models.models.length > 0) project.schemaFiles = readSchemaFiles(workspace);
}

/** Files that may run the migrations in a deployment or CI: workflows, pipelines, shell scripts, Makefiles, container files. */
const RUN_FILES = ['**/*.{yml,yaml,sh,toml}', '**/Makefile', '**/Dockerfile*', '**/Procfile*', '**/*.dockerfile'];
const RUN_IGNORED = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**'];
/** A mention of migrating (`db:migrate`, `npm run migrate`, `umzug migrate`): the word, whatever precedes it. */
const MIGRATE = /\bmigrate\b/;

/**
 * Something in the project runs the migrations: the runner is the application's own (umzug, a custom runner), an
 * npm script or a start command runs sequelize-cli's `db:migrate`, or a workflow, pipeline, shell script, Makefile or
 * container file mentions `db:migrate`. False only when nothing does (the migrations are there, and nothing runs
 * them: the application's sync() builds the deployed schema).
 */
function migrationsRun(project: ProjectModel, scripts: readonly ScriptRisk[], workspace: Workspace): boolean {
  const runner = project.project.runner;
  if (runner && runner.kind !== 'sequelize-cli') return true;
  if (scripts.some((s) => /\bdb:migrate\b(?!:)/.test(s.command) || /^Run (pending )?migration/.test(s.purpose))) return true;
  const scriptsOf = rootPackageJson(workspace)?.json.scripts;
  if (MIGRATE.test(JSON.stringify(scriptsOf ?? {}))) return true;
  let files: string[] = [];
  try {
    files = workspace.glob(RUN_FILES, { ignore: RUN_IGNORED, onlyFiles: true, dot: true, suppressErrors: true }).slice(0, 2000);
  } catch {
    return true;
  }
  return files.some((f) => MIGRATE.test(workspace.text(workspace.resolve(f), { maxBytes: 256 * 1024 }) ?? ''));
}

/**
 * Models, database config, the application's own Sequelize instances and
 * the dialect they name, read statically (never executed).
 */
export function readSurroundings(info: ProjectInfo, workspace = new Workspace(info.absRoot)): Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect'> {
  const { dbConfig, dialect } = readConfigAndDialect(info, workspace);
  const out: Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect'> = { dbConfig, dialect };
  if (info.modelsDir !== null) out.models = readModels(workspace, info.modelsDir, { configFile: info.configFile });
  return out;
}

/** The database config (with the application's connections) and the dialect they name; read once per workspace. */
export function readConfigAndDialect(info: ProjectInfo, workspace = new Workspace(info.absRoot)): Pick<ProjectModel, 'dbConfig' | 'dialect'> & { dialect: NonNullable<ProjectModel['dialect']> } {
  return workspace.derive('project:config-and-dialect', workspace.resolve(info.configFile ?? '.'), () => {
    const dbConfig = readDbConfig(workspace, info.configFile);
    const connections = readAppConnections(workspace, info.configFile);
    if (dbConfig) {
      dbConfig.appConnections = connections;
      dbConfig.selection = readEnvironmentSelection(workspace, dbConfig.environments.map((e) => e.name), info.configFile);
    }
    // The drivers package.json installs, read once for the three questions below.
    const installed = installedDrivers(workspace);
    const config = projectDialect(dbConfig, connections, () => installed);
    // A dialect the config only falls back to (`process.env.DB_DIALECT || 'mysql'`), beside a committed `.env.example`
    // that sets the variable to another (`DB_DIALECT=postgres`): either may be the deployed one (hold-out 54).
    const drivers = installed.dialects;
    // So do migrations whose SQL only PostgreSQL reads (`DELETE FROM "Settings"`): the deployment runs them there.
    const fromSql = postgresFromMigrationSql(workspace, dbConfig, info.migrationsDir);
    const fromFiles = [...dialectsFromEnvFiles(workspace, dbConfig, info.configFile), ...(fromSql ? [fromSql] : [])].filter((d, i, all) => all.findIndex((o) => o.dialect === d.dialect) === i && !config.dialects.includes(d.dialect) && (drivers.length === 0 || drivers.includes(d.dialect)));
    const widened = fromFiles.length === 0 || config.dialects.length === 0 ? config : { dialects: [...config.dialects, ...fromFiles.map((d) => d.dialect)].sort(), source: config.source };
    // A fallback whose driver the project does not install (`|| 'mysql'` beside `pg` alone): Sequelize cannot load it,
    // so the deployment sets the variable to a dialect it can (hold-out 82: MySQL-only claims on a PostgreSQL project).
    const fallbackOnly = (dbConfig?.environments ?? []).some((e) => e.dialect.source === 'literal-fallback') && (dbConfig?.environments ?? []).every((e) => e.dialect.source === 'literal-fallback' || e.dialect.source === 'absent');
    const judged = fallbackOnly && drivers.length > 0 && widened.dialects.length > 0;
    const kept = judged ? widened.dialects.filter((d) => drivers.includes(d)) : widened.dialects;
    // None of them installed: the ones the installed drivers serve.
    const runnable = judged && kept.length === 0 ? drivers : kept;
    const named = runnable.length < widened.dialects.length || runnable.some((d) => !widened.dialects.includes(d)) ? { dialects: [...runnable].sort(), source: kept.length > 0 ? widened.source : installed.source } : widened;
    // Neither the config nor the application names it (read from the environment): the drivers installed do, else
    // Sequelize's own default when nothing reads one at run time.
    if (named.dialects.length > 0) return { dbConfig, dialect: named };
    const fromEnvironment = (f: { source: string }) => f.source !== 'absent' && f.source !== 'literal';
    const read = (dbConfig?.environments ?? []).some((e) => fromEnvironment(e.dialect) || fromEnvironment(e.url)) || connections.some((c) => c.urlAtRunTime);
    return { dbConfig, dialect: driverDialect(installed) ?? implicitDialect(workspace, installed, read) ?? named };
  });
}

function engineFindings(project: ProjectModel): Finding[] {
  const out: Finding[] = [];
  for (const m of project.migrations) {
    if (!m.error) continue;
    const rule = m.analysisLimit
      ? ENGINE_RULES.analysisLimit
      : m.status === 'unreadable'
        ? ENGINE_RULES.readError
        : m.analysisError
          ? ENGINE_RULES.analysisError
          : ENGINE_RULES.parseError;
    out.push({ rule, severity: 'error', file: m.file, line: m.error.line, column: m.error.column, message: engineMessage(rule, m.name, m.error.message) });
  }
  return out;
}

/** The message of an engine finding on the file `name` (the CLI's finding, the ESLint plugin's message). */
export function engineMessage(rule: (typeof ENGINE_RULES)[keyof typeof ENGINE_RULES], name: string, error: string): string {
  return rule === ENGINE_RULES.parseError ? `${name} does not parse: ${sentence(error)} It was not analyzed, and the runner will fail on it.` : `${name}: ${sentence(error)}`;
}

/** A message as a sentence: one final period, never two. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The level a setting gives; undefined when the rule is not configured. */
function ruleLevel(setting: RuleSetting | undefined): Severity | 'off' | 'on' | undefined {
  return typeof setting === 'object' ? setting.severity ?? 'on' : setting;
}

/** Whether a rule runs under this config: its setting, else the recommended preset. */
export function isRuleEnabled(rule: Rule<any>, config: Record<string, RuleSetting> = {}): boolean {
  const level = ruleLevel(config[rule.id]);
  return level !== undefined ? level !== 'off' : rule.meta.docs.recommended;
}

/** Rule options the project sets for every rule that has them (config file `postgresVersion`); a rule's own options win. */
function projectOptions(rule: Rule<any>, project: ProjectModel): Record<string, unknown> {
  return project.postgresVersion !== undefined && 'postgresVersion' in rule.meta.schema.properties ? { postgresVersion: project.postgresVersion } : {};
}

/** How `runRules` reports. */
export interface RunRulesOptions {
  /** Attach the rewrites rules offer to their findings (the ESLint plugin shows them; the CLI does not). */
  suggestions?: boolean;
}

/** Runs every enabled rule over the project and returns its findings (unsorted). */
export function runRules(full: ProjectModel, config: Record<string, RuleSetting> = {}, rules: readonly Rule<any>[] = RULES, run: RunRulesOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const { project, asWritten } = onlyWhatRuns(full);
  const branches = dialectBranches(project);
  for (const rule of rules) {
    if (!isRuleEnabled(rule, config)) continue;
    const setting = config[rule.id];
    const level = ruleLevel(setting);
    // An explicit severity wins over the rule's per-case severity.
    const forced: Severity | undefined = level === 'error' || level === 'warning' || level === 'info' ? level : undefined;
    const options = { ...rule.defaultOptions, ...projectOptions(rule, project), ...(typeof setting === 'object' ? setting.options : {}) };
    rule.check({
      project,
      options,
      asWritten,
      report(d) {
        let message = interpolate(rule.meta.messages[d.messageId] ?? d.messageId, d.data);
        // The project's dialect is unknown and the step sits under a dialect branch: say on which dialects it runs.
        const only = d.migration && d.loc ? branches.get(`${d.migration.file}:${d.loc.line}:${d.loc.column}`) : undefined;
        if (only) message = `${message} (Only on ${only}: the project's dialect is not known.)`;
        const finding: Finding = {
          rule: rule.id,
          severity: forced ?? d.severity ?? rule.meta.defaultSeverity,
          file: d.migration === undefined ? d.file : d.file ?? d.migration.file,
          line: d.loc?.line ?? 1,
          column: d.loc?.column ?? 1,
          message,
          messageId: d.messageId,
          docsUrl: rule.meta.docs.url,
        };
        if (d.loc?.endLine !== undefined) finding.endLine = d.loc.endLine;
        if (d.loc?.endColumn !== undefined) finding.endColumn = d.loc.endColumn;
        if (d.data) finding.data = d.data;
        if (d.target) finding.target = d.target;
        if (run.suggestions && d.suggest && d.suggest.length > 0) finding.suggestions = d.suggest.map((s) => findingSuggestion(rule, s));
        findings.push(finding);
      },
    });
  }
  return findings;
}

/** A suggestion as findings carry it: worded (a message id filled with its data), with its fix. */
function findingSuggestion(rule: Rule<any>, s: SuggestionDescriptor): FindingSuggestion {
  if (s.messageId === undefined) return { desc: s.desc, fix: s.fix };
  const out: FindingSuggestion = { desc: interpolate(rule.meta.messages[s.messageId] ?? s.messageId, s.data), messageId: s.messageId, fix: s.fix };
  if (s.data) out.data = s.data;
  return out;
}

/** With the dialect unknown: `file:line:column` of each step under a dialect branch -> the dialects it runs on. */
function dialectBranches(project: ProjectModel): Map<string, string> {
  const out = new Map<string, string>();
  if (project.dialect && project.dialect.dialects.length > 0) return out;
  for (const m of project.migrations) {
    for (const op of [...m.up, ...m.down]) {
      if (op.dialects) out.set(`${m.file}:${op.loc.line}:${op.loc.column}`, op.dialects.length > 0 ? op.dialects.join(', ') : 'no dialect');
    }
  }
  return out;
}

/**
 * The project as rules judge it: when its dialect is known, the operations
 * under a branch for another dialect (`if (dialect === 'sqlite')`) never run
 * and are left out. When it is not known, every branch is kept. `asWritten`
 * gives a judged migration back with every step its file writes.
 */
function onlyWhatRuns(project: ProjectModel): { project: ProjectModel; asWritten: (migration: Migration) => Migration } {
  const same = { project, asWritten: (m: Migration) => m };
  if (!project.dialect || project.dialect.dialects.length === 0) return same;
  if (!project.migrations.some((m) => m.up.some((o) => o.dialects) || m.down.some((o) => o.dialects))) return same;
  const written = new Map<Migration, Migration>();
  const migrations = project.migrations.map((m) => {
    const judged = { ...m, up: m.up.filter((o) => opRunsOn(project, o)), down: m.down.filter((o) => opRunsOn(project, o)) };
    written.set(judged, m);
    return judged;
  });
  return { project: { ...project, migrations }, asWritten: (m) => written.get(m) ?? m };
}

/**
 * Findings in report order: file, line, column, rule. The sort is stable, so
 * findings of one rule at one location keep the order the rule reported them
 * (statement order), which is deterministic.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule));
}
