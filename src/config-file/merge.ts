import path from 'node:path';
import type { DiscoverOptions } from '../discovery';
import type { Workspace } from '../workspace';
import type { AnalyzeOptions, RuleSetting } from '../project';
import type { LoadedConfig } from './load';
import { CliUsageError, projectName, type FailOn, type MigralintConfig, type ProjectEntry, type ProjectSettings } from './settings';
import { loadModule } from '../util/load-module';

/** What the command line says; it wins over the configuration file. */
export interface CliSettings {
  migrations?: string | undefined;
  models?: string | undefined;
  failOn?: FailOn | undefined;
}

export interface ResolveOptions {
  /** Working directory: `dir` and `--config` are relative to it. */
  cwd: string;
  /** The directory given to the command (default `.`). */
  dir: string;
  /** `--config <file>`. */
  configFile?: string | undefined;
  /** `--no-config`. */
  noConfig?: boolean | undefined;
  /** false: a JavaScript configuration found by the lookup is an error, not run (`comment`); `--config` still loads one. Default true. */
  runFoundCode?: boolean | undefined;
  cli: CliSettings;
}

/** One analysis to run and report. */
export interface ReportRun {
  /** The project's name when the configuration lists projects, else null. */
  name: string | null;
  /** The root to analyze: relative to the process's working directory when it is the CLI's, else absolute. */
  root: string;
  options: AnalyzeOptions;
  failOn: FailOn;
  /** Added to output file names (`report.<name>.md`) when one run reports several projects, else null. */
  outputName: string | null;
}

export interface ReportPlan {
  /** The configuration used, if any. */
  config: LoadedConfig | null;
  /** One run per selected project; one run when the configuration has no projects. */
  runs: ReportRun[];
  /** Things to tell the user on stderr (never fatal). */
  warnings: string[];
}

const DEFAULT_FAIL_ON: FailOn = 'error';

/**
 * Decides what `report` analyzes and with which settings: CLI flags >
 * configuration file > defaults.
 *
 * Without `projects`, the configuration applies to the analyzed directory,
 * and its paths (migrations, models, config, ignores) are relative to it.
 * With `projects`, each project's `root` is relative to the configuration
 * file's folder; top-level fields are defaults every project inherits (rules
 * merged rule by rule, ignores added up), and its paths are relative to the
 * project's root. The analyzed directory selects projects: those inside it,
 * else those whose migrations folder is inside it or holds it, else those
 * holding it; when none matches, it is analyzed alone with the top-level
 * settings.
 */
export async function resolveReportPlan(opts: ResolveOptions): Promise<ReportPlan> {
  const { cwd, dir } = opts;
  if (opts.noConfig && opts.configFile !== undefined) throw new CliUsageError('--config and --no-config cannot be used together');
  // The search and the loading of configuration files: not with `--no-config`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when needed (src/util/load-module.ts)
  const load = opts.noConfig ? null : await loadModule(() => require('./load') as typeof import('./load'), () => import('./load.js'));
  const loaded = !load ? null : opts.configFile !== undefined ? await load.loadConfigFile(opts.configFile, cwd) : await load.findConfig(dir, cwd, { runCode: opts.runFoundCode ?? true });
  const plan = planFromConfig(loaded, opts);
  if (loaded && plan.runs.some((r) => (r.options as { config?: string }).config !== undefined)) {
    // Only a configuration that names `config` needs the discovery before the analysis: loaded for it alone.
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded when needed (src/util/load-module.ts) */
    const [{ Workspace }, { discoverLayout }] = await Promise.all([
      loadModule(() => require('../workspace') as typeof import('../workspace'), () => import('../workspace.js')),
      loadModule(() => require('../discovery') as typeof import('../discovery'), () => import('../discovery.js')),
    ]);
    /* eslint-enable @typescript-eslint/no-require-imports */
    plan.warnings = plan.runs.flatMap((r) => dbConfigWarning(r, loaded, (root) => new Workspace(root), discoverLayout));
  }
  return plan;
}

/**
 * The plan for a configuration already loaded (null: none): the part of
 * {@link resolveReportPlan} after the configuration is found. The ESLint
 * plugin, which loads the configuration synchronously, plans through it too.
 */
export function planFromConfig(loaded: LoadedConfig | null, opts: Pick<ResolveOptions, 'cwd' | 'dir' | 'cli'>): ReportPlan {
  const { cwd, dir, cli } = opts;
  const config: MigralintConfig = loaded?.config ?? {};
  const { projects, $schema: _schema, ...top } = config;
  const absDir = path.resolve(cwd, dir);

  const selected = projects && loaded ? selectProjects(projects, path.dirname(loaded.file), absDir) : [];
  let runs: ReportRun[];
  if (selected.length === 0) {
    const root = path.isAbsolute(dir) || cwd === process.cwd() ? dir : path.join(cwd, dir);
    runs = [toRun(null, root, top, cli)];
  } else {
    if (selected.length > 1 && (cli.migrations !== undefined || cli.models !== undefined)) {
      const flag = cli.migrations !== undefined ? '--migrations' : '--models';
      throw new CliUsageError(
        `${flag} applies to one project, but ${loaded!.display} selects ${selected.length} here (${selected.map((s) => s.name).join(', ')}): give one project's directory`,
      );
    }
    runs = selected.map((s) => {
      // Relative when inside the working directory (reporters show it, CI formats prefix paths with it).
      const rel = path.relative(process.cwd(), s.absRoot);
      const inside = cwd === process.cwd() && !rel.startsWith('..') && !path.isAbsolute(rel);
      const root = inside ? rel || '.' : s.absRoot;
      return toRun(s.name, root, mergeSettings(top, s.entry), cli);
    });
  }
  if (runs.length > 1) for (const r of runs) r.outputName = r.name;
  // The check of a `config` the configuration names is `resolveReportPlan`'s (it reads the project).
  return { config: loaded, runs, warnings: [] };
}

function toRun(name: string | null, root: string, settings: ProjectSettings, cli: CliSettings): ReportRun {
  const options: AnalyzeOptions = {};
  const migrations = cli.migrations ?? settings.migrations;
  const models = cli.models ?? settings.models;
  if (migrations !== undefined) options.migrations = migrations;
  if (models !== undefined) options.models = models;
  // Passed along for the discovery of the database config (see dbConfigWarning).
  if (settings.config !== undefined) (options as DiscoverOptions & { config?: string }).config = settings.config;
  if (settings.rules !== undefined) options.rules = settings.rules;
  if (settings.ignores !== undefined && settings.ignores.length > 0) options.ignores = settings.ignores;
  if (settings.limits?.maxFileBytes !== undefined) options.maxFileBytes = settings.limits.maxFileBytes;
  if (settings.limits?.timeBudgetMs !== undefined) options.timeBudgetMs = settings.limits.timeBudgetMs;
  if (settings.postgresVersion !== undefined) options.postgresVersion = settings.postgresVersion;
  if (settings.framework !== undefined) options.framework = settings.framework;
  return { name, root, options, failOn: cli.failOn ?? settings.failOn ?? DEFAULT_FAIL_ON, outputName: null };
}

/** A project's own settings over the top-level ones. */
export function mergeSettings(base: ProjectSettings, entry: ProjectEntry): ProjectSettings {
  const { name: _name, root: _root, ...over } = entry;
  const out: ProjectSettings = { ...base, ...over };
  const rules = mergeRules(base.rules, over.rules);
  if (rules !== undefined) out.rules = rules;
  const ignores = [...(base.ignores ?? []), ...(over.ignores ?? [])];
  if (ignores.length > 0) out.ignores = ignores;
  return out;
}

/**
 * Rule by rule: a level replaces the inherited level and keeps the inherited
 * options; an object replaces the level it names (if any) and adds its
 * options over the inherited ones.
 */
export function mergeRules(
  base: Record<string, RuleSetting> | undefined,
  over: Record<string, RuleSetting> | undefined,
): Record<string, RuleSetting> | undefined {
  if (!base || !over) return over ?? base;
  const out: Record<string, RuleSetting> = { ...base };
  for (const [id, setting] of Object.entries(over)) {
    const inherited = base[id];
    if (inherited === undefined) {
      out[id] = setting;
      continue;
    }
    const inheritedLevel = typeof inherited === 'object' ? inherited.severity : inherited;
    const inheritedOptions = typeof inherited === 'object' ? inherited.options : undefined;
    const level = typeof setting === 'object' ? setting.severity ?? inheritedLevel : setting;
    const options = typeof setting === 'object' && setting.options ? { ...inheritedOptions, ...setting.options } : inheritedOptions;
    if (options === undefined) out[id] = level ?? 'on';
    else out[id] = level === undefined ? { options } : { severity: level, options };
  }
  return out;
}

interface Selected {
  name: string;
  absRoot: string;
  entry: ProjectEntry;
}

function selectProjects(projects: ProjectEntry[], configDir: string, absDir: string): Selected[] {
  const all = projects.map((entry, i) => ({ name: projectName(entry, i), absRoot: path.resolve(configDir, entry.root ?? '.'), entry }));
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const under = all.filter((p) => inside(p.absRoot, absDir));
  if (under.length > 0) return under;
  const byMigrations = all.filter((p) => {
    if (p.entry.migrations === undefined) return false;
    const abs = path.resolve(p.absRoot, p.entry.migrations);
    return inside(abs, absDir) || inside(absDir, abs);
  });
  if (byMigrations.length > 0) return byMigrations;
  return all.filter((p) => inside(absDir, p.absRoot));
}

/**
 * `config` names the database config to read. When the discovery of this
 * version does not end up on that file (it reads .sequelizerc `config`, else
 * config/config.json, ...), say so rather than ignore it silently.
 */
function dbConfigWarning(
  run: ReportRun,
  loaded: LoadedConfig,
  newWorkspace: (absRoot: string) => Workspace,
  discoverLayout: typeof import('../discovery').discoverLayout,
): string[] {
  const wanted = (run.options as { config?: string }).config;
  if (wanted === undefined) return [];
  let found: string | null;
  // The analysis of this run reads the project through the same workspace: each file once.
  const workspace = newWorkspace(path.resolve(run.root));
  run.options.workspace = workspace;
  try {
    found = discoverLayout(run.root, run.options, workspace).configFile;
  } catch {
    return []; // The analysis reports it.
  }
  const want = path.posix.normalize(wanted.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (found === want) return [];
  // Discovery reads the named file when it exists: a mismatch means it does not.
  return [`${loaded.display}: config "${wanted}" does not exist: the database config was not checked`];
}
