import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dialect, Finding, Migration, ProjectInfo, ProjectModel, Severity } from './model';
import { parseSource, type ParseResult } from './parse';
import { discoverLayouts, listMigrationFiles, toPosix, type DiscoverOptions } from './discovery';
import { extractMigration, moduleContext } from './extract/extract-migration';
import type { LoadedModule } from './extract/interpreter';
import { loadSqlParser } from './sql/pg-parser';
import { readModels } from './models/read-models';
import { readDbConfig } from './config/read-db-config';
import { projectDialect, readAppConnections } from './config/connections';
import { analyzeScripts } from './scripts/analyze-scripts';
import { RULES } from './rules/registry';
import { opRunsOn } from './rules/project-facts';
import { interpolate, type Rule } from './rules/create-rule';
import { ignoreMatcher } from './util/ignores';
import { applySuppressions, type SuppressedFinding } from './suppressions';

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
  /** Extracted migrations kept across runs (`--cache`, see src/gate/cache.ts). */
  store?: MigrationStore;
  /** The migrations on the base branch, once the layout is known (`--changed-since`). */
  baseMigrations?: (info: ProjectInfo) => { ref: string; names: string[] } | null;
}

/**
 * Where already extracted migrations can come from: extraction (parsing,
 * interpreting, SQL) is the expensive part of a run.
 */
export interface MigrationStore {
  /**
   * The migration extracted from `file` in an earlier run, if still valid. `context` names what else the
   * extraction depended on (the project's dialects: they decide how raw SQL is read).
   */
  get(file: string, context?: string): Migration | undefined;
  /** A fresh extraction, with the project files its imports read (null: an import could not be resolved, do not keep it). */
  set(file: string, migration: Migration, imports: string[] | null, context?: string): void;
}

export interface AnalysisResult {
  project: ProjectModel;
  findings: Finding[];
  /** Rule findings that `migralint-disable-*` comments removed from `findings` (src/suppressions.ts), in report order. */
  suppressed: SuppressedFinding[];
}

/** Findings produced by the engine itself rather than by a rule. */
export const ENGINE_RULES = {
  parseError: 'parse-error',
  readError: 'read-error',
  analysisError: 'analysis-error',
} as const;

const IMPORT_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.ts'];

/**
 * Analyzes a Sequelize project: discovers the migrations, parses and extracts
 * each one, runs the rules. Never executes project code.
 */
export async function analyzeProject(rootArg: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  // libpg-query answers synchronously only once its WASM module is loaded.
  await loadSqlParser();
  const infos = discoverLayouts(rootArg, options);
  const results = infos.map((info) => analyzeMigrationSet(info, options));
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
    findings: sortFindings(results.flatMap((r) => r.findings)),
    suppressed: results.flatMap((r) => r.suppressed),
  };
}

/** One migration set: its files, model, rules and suppressions. */
function analyzeMigrationSet(info: ProjectInfo, options: AnalyzeOptions): AnalysisResult {
  const ignored = ignoreMatcher(options.ignores); // config file `ignores`
  const files = listMigrationFiles(info).filter((f) => !ignored(f));
  const project = buildProjectModel(info, files, options.store);
  addScripts(project);
  const base = options.baseMigrations?.(info);
  if (base) project.baseMigrations = base;
  // Inline suppressions (src/suppressions.ts): drop the rule findings that
  // `migralint-disable-*` comments cover, report unused or invalid comments.
  // Engine findings never go through it: they cannot be suppressed. Sorted
  // first so that `suppressed` comes out in report order too.
  const ruleFindings = applySuppressions(project, sortFindings(runRules(project, options.rules)), {
    known: RULES.map((r) => r.id),
    enabled: RULES.filter((r) => isRuleEnabled(r, options.rules)).map((r) => r.id),
    unsuppressible: Object.values(ENGINE_RULES),
  });
  const findings = [...engineFindings(project), ...ruleFindings.findings].filter((f) => !ignored(f.file));
  const suppressed = ruleFindings.suppressed.filter((s) => !ignored(s.finding.file));
  return { project, findings: sortFindings(findings), suppressed };
}

/**
 * Reads, parses and extracts each migration file (the SQL parser must be
 * loaded), then what lives beside the migrations: models and database config.
 */
export function buildProjectModel(info: ProjectInfo, files: string[], store?: MigrationStore): ProjectModel {
  const loadImport = importLoader(info);
  // The dialect decides how raw SQL is read: known first.
  const surroundings = readSurroundings(info);
  const dialects = surroundings.dialect?.dialects;
  const context = `dialects:${(dialects ?? []).join(',')}`;
  const migrations = files.map((file, index) => {
    if (!store) return buildMigration(info, file, index, loadImport, undefined, dialects);
    const kept = store.get(file, context);
    if (kept) return { ...kept, index };
    let imports: string[] | null = [];
    const migration = buildMigration(
      info,
      file,
      index,
      (from, spec) => {
        const loaded = loadImport(from, spec);
        if (loaded && imports) imports.push(loaded.displayPath);
        else imports = null;
        return loaded;
      },
      undefined,
      dialects,
    );
    store.set(file, migration, imports, context);
    return migration;
  });
  return { project: info, migrations, ...surroundings };
}

/**
 * The npm scripts that touch the database, and whether one of them builds
 * schemas with sequelize.sync() (rules use it: such databases can already
 * have what a migration adds).
 */
export function addScripts(project: ProjectModel): void {
  const scripts = analyzeScripts({ absRoot: project.project.absRoot, project });
  project.scripts = scripts;
  project.schemaSync = null;
  for (const script of scripts) {
    const sync = script.evidence.find((e) => /\.sync\(/.test(e.text));
    if (sync) {
      project.schemaSync = { script: script.name, evidence: `${sync.file}:${sync.line}` };
      break;
    }
  }
}

/**
 * Models, database config, the application's own Sequelize instances and
 * the dialect they name, read statically (never executed).
 */
export function readSurroundings(info: ProjectInfo): Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect'> {
  const { dbConfig, dialect } = readConfigAndDialect(info);
  const out: Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect'> = { dbConfig, dialect };
  if (info.modelsDir !== null) out.models = readModels(info.absRoot, info.modelsDir, { configFile: info.configFile });
  return out;
}

/** The database config (with the application's connections) and the dialect they name. */
export function readConfigAndDialect(info: ProjectInfo): Pick<ProjectModel, 'dbConfig' | 'dialect'> & { dialect: NonNullable<ProjectModel['dialect']> } {
  const dbConfig = readDbConfig(info.absRoot, info.configFile);
  const connections = readAppConnections(info.absRoot, info.configFile);
  if (dbConfig) dbConfig.appConnections = connections;
  return { dbConfig, dialect: projectDialect(dbConfig, connections) };
}

/** Reads, parses and extracts one migration file; a file that cannot be read or parsed says so. */
export function buildMigration(
  info: ProjectInfo,
  file: string,
  index: number,
  loadImport: (from: string, spec: string) => LoadedModule | null,
  /** The file's text when the caller has already read it. */
  knownSource?: string,
  /** The project's dialects (`ProjectModel.dialect`): raw SQL goes to the PostgreSQL parser only when it may run there. */
  dialects?: readonly Dialect[],
): Migration {
  const absPath = path.resolve(info.absRoot, file);
  const name = path.posix.basename(file);
  const base: Omit<Migration, 'status'> = {
    file,
    name,
    index,
    up: [],
    down: [],
    upFunction: { present: false, empty: true, throws: false, wrappedInTransaction: false, loc: null },
    downFunction: { present: false, empty: true, throws: false, wrappedInTransaction: false, loc: null },
  };
  let source: string;
  try {
    source = knownSource ?? readFileSync(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ...base, status: 'unreadable', error: { message: `cannot read file (${code})`, line: 1, column: 1 } };
  }
  const parsed: ParseResult = parseSource(source, absPath);
  if (!parsed.ok) {
    return { ...base, status: 'parse-error', error: { message: parsed.message, line: parsed.line, column: parsed.column } };
  }
  try {
    const extracted = extractMigration({ absPath, file, source, ast: parsed.ast }, dialects && dialects.length > 0 ? { loadImport, dialects } : { loadImport });
    const migration: Migration = { ...base, ...extracted };
    if (source.includes('migralint-disable')) migration.hasSuppressions = true;
    return migration;
  } catch (error) {
    // A bug of ours must not take the other files down with it.
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'parse-error', error: { message: `internal error while analyzing: ${message}`, line: 1, column: 1 }, analysisError: true };
  }
}

/**
 * Follows a relative import of a migration, one level, inside the project
 * only. Parsed files are cached for the run.
 */
export function importLoader(info: ProjectInfo): (fromFile: string, spec: string) => LoadedModule | null {
  const cache = new Map<string, LoadedModule | null>();
  return (fromFile, spec) => {
    const base = path.resolve(path.dirname(fromFile), spec);
    for (const ext of IMPORT_EXTENSIONS) {
      const candidate = base + ext;
      if (cache.has(candidate)) return cache.get(candidate)!;
      const rel = path.relative(info.absRoot, candidate);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
      if (!existsSync(candidate) || !statSync(candidate).isFile()) continue;
      let loaded: LoadedModule | null = null;
      try {
        const source = readFileSync(candidate, 'utf8');
        const parsed = parseSource(source, candidate);
        if (parsed.ok) {
          const displayPath = toPosix(rel);
          loaded = { ast: parsed.ast, context: moduleContext(candidate, displayPath, source, parsed.ast, 1), displayPath };
        }
      } catch {
        loaded = null;
      }
      cache.set(candidate, loaded);
      return loaded;
    }
    return null;
  };
}

function engineFindings(project: ProjectModel): Finding[] {
  const out: Finding[] = [];
  for (const m of project.migrations) {
    if (!m.error) continue;
    const rule = m.status === 'unreadable' ? ENGINE_RULES.readError : m.analysisError ? ENGINE_RULES.analysisError : ENGINE_RULES.parseError;
    out.push({
      rule,
      severity: 'error',
      file: m.file,
      line: m.error.line,
      column: m.error.column,
      message:
        rule === ENGINE_RULES.parseError
          ? `${m.name} does not parse: ${sentence(m.error.message)} It was not analyzed, and the runner will fail on it.`
          : `${m.name}: ${sentence(m.error.message)}`,
    });
  }
  return out;
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

/** Runs every enabled rule over the project and returns its findings (unsorted). */
export function runRules(full: ProjectModel, config: Record<string, RuleSetting> = {}, rules: readonly Rule<any>[] = RULES): Finding[] {
  const findings: Finding[] = [];
  const project = onlyWhatRuns(full);
  const branches = dialectBranches(project);
  for (const rule of rules) {
    if (!isRuleEnabled(rule, config)) continue;
    const setting = config[rule.id];
    const level = ruleLevel(setting);
    // An explicit severity wins over the rule's per-case severity.
    const forced: Severity | undefined = level === 'error' || level === 'warning' || level === 'info' ? level : undefined;
    const options = { ...rule.defaultOptions, ...(typeof setting === 'object' ? setting.options : {}) };
    rule.check({
      project,
      options,
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
        findings.push(finding);
      },
    });
  }
  return findings;
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
 * and are left out. When it is not known, every branch is kept.
 */
function onlyWhatRuns(project: ProjectModel): ProjectModel {
  if (!project.dialect || project.dialect.dialects.length === 0) return project;
  if (!project.migrations.some((m) => m.up.some((o) => o.dialects) || m.down.some((o) => o.dialects))) return project;
  return {
    ...project,
    migrations: project.migrations.map((m) => ({ ...m, up: m.up.filter((o) => opRunsOn(project, o)), down: m.down.filter((o) => opRunsOn(project, o)) })),
  };
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
