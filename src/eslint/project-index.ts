import * as nodeFs from 'node:fs';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Dialect, Migration, ProjectInfo, ProjectModel, RunnerInfo } from '../model';
import { discoverLayouts, listMigrationFiles, toPosix, UsageError } from '../discovery';
import { addScripts, readSurroundings, type RuleSetting } from '../project';
import { answersHold, DiskRecorder } from '../gate/disk-record';
import { Workspace, type WorkspaceFs } from '../workspace';
import { ignoreMatcher } from '../util/ignores';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TIME_BUDGET_MS } from '../limits';
import { configsIn, planFromConfig } from '../config-file';
import { loadConfigSync } from './project-config';

/**
 * A cache of the analyzed migrations of one migrations folder, for hosts that
 * lint one file at a time (ESLint in an editor). Cross-file rules need the
 * siblings; re-reading 1,000 files per keystroke is not an option.
 *
 * Validity: an entry is keyed by the file's mtime and size. Checking every
 * sibling on every lint costs ~3 ms for 1,000 files, so the index re-checks
 * (a) the folder's mtime (files added, removed or renamed), (b) files that
 * `fs.watch` reports as changed, and (c) everything at most once per
 * {@link FULL_SWEEP_MS}, in case the platform's watcher misses an event.
 *
 * Files are read through a workspace (src/workspace.ts): a new one at every
 * full sweep, and between sweeps the paths known to have changed are
 * forgotten in it. The adapter layers the linted buffer over it.
 *
 * The surroundings (models, database config and dialect, what the npm scripts
 * run) are read through a workspace of their own that records every disk
 * answer (src/gate/disk-record.ts): a full sweep checks those answers (each
 * file by mtime and size, each listing) and reads nothing again while they
 * hold; scripts, which also read the migrations, are worked out again through
 * that workspace (its parses kept) when the migrations changed.
 */
const FULL_SWEEP_MS = 2_000;

/**
 * The clock the indexes read to time their full sweeps: `Date.now` in use,
 * replaced by tests (`indexClock.now = () => ...`) so that no test sleeps.
 */
export const indexClock: { now: () => number } = { now: () => Date.now() };

/**
 * The clock of the interpreter's per-file time budget in the plugin (`limits.timeBudgetMs`, src/limits.ts):
 * `performance.now` in use, replaced by tests so that none waits.
 */
export const budgetClock: { now: () => number } = { now: () => performance.now() };

/**
 * What bounds the work on one file in the plugin, as in the CLI (src/limits.ts): the configuration's
 * `limits` (else the defaults), the time budget read on `budgetClock`.
 */
export function workspaceLimitsOf(settings: ProjectSettings): { maxFileBytes?: number; timeBudget: { ms: number; clock: () => number } } {
  const { maxFileBytes, timeBudgetMs } = settings.limits;
  return { ...(maxFileBytes !== undefined ? { maxFileBytes } : {}), timeBudget: { ms: timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, clock: () => budgetClock.now() } };
}

interface Entry {
  mtimeMs: number;
  size: number;
  /** The text on disk, to tell whether an editor buffer is the saved file. */
  source: string | null;
  migration: Migration;
}

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  private names: string[] = [];
  private dirMtimeMs = -1;
  private lastSweep = 0;
  private readonly dirty = new Set<string>();
  private watcher: FSWatcher | null = null;
  private ws: Workspace;
  /** The workspace was handed over by discovery and not used by a sweep yet: the first sweep reads through it. */
  private wsFromDiscovery: boolean;
  /** Bumped whenever the set or content of migrations changes. */
  version = 0;
  /** Models, database config and what the npm scripts say: checked with every full sweep. */
  private surroundings: Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect' | 'scripts' | 'schemaSync'> | null = null;
  /** What the surroundings were read from (see the class): kept while the recorded answers hold. */
  private around: {
    ws: Workspace;
    recorder: DiskRecorder;
    base: Pick<ProjectModel, 'models' | 'dbConfig' | 'dialect'>;
    scripts: { migrations: number; value: Pick<ProjectModel, 'scripts' | 'schemaSync'> } | null;
  } | null = null;
  /** Bumped whenever the set or content of migrations changes (scripts read them). */
  private migrationChanges = 0;
  private surroundingsStamp = '';
  /** The dialects migrations are extracted with (raw SQL is read by dialect): re-read with every full sweep. */
  private dialectList: readonly Dialect[] | null = null;
  /** The last project handed out, reused while nothing changed (same object: cheap for callers to key on). */
  private cached: { version: number; project: ProjectModel } | null = null;
  /** The configuration's `ignores`: matching migrations are left out, as the CLI leaves them out. */
  readonly ignored: (file: string) => boolean;

  /**
   * @param workspace the one discovery read the project through, if any: the first sweep need not read it again
   * @param settings what the project's migralint configuration says (rules, ignores)
   */
  constructor(
    readonly info: ProjectInfo,
    workspace?: Workspace,
    readonly settings: ProjectSettings = NO_SETTINGS,
    /** The file system the index reads (node's; tests count reads through their own). */
    private readonly fs: typeof nodeFs = nodeFs,
  ) {
    this.ignored = ignoreMatcher(settings.ignores);
    this.ws = workspace ?? this.newWorkspace();
    this.wsFromDiscovery = workspace !== undefined;
    const dir = this.absDir;
    try {
      // Non-persistent: never keeps an ESLint CLI process alive.
      this.watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name) this.dirty.add(String(name));
        else this.lastSweep = 0;
      });
      this.watcher.on('error', () => {
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
  }

  private newWorkspace(fs: WorkspaceFs = this.fs): Workspace {
    return new Workspace(this.info.absRoot, { ...workspaceLimitsOf(this.settings), fs });
  }

  /** The files as the index last read them (an editor buffer is layered over it with `withOverlay`). */
  get workspace(): Workspace {
    return this.ws;
  }

  get absDir(): string {
    return path.resolve(this.info.absRoot, this.info.migrationsDir);
  }

  /** The project model, with every sibling up to date. */
  project(now = indexClock.now()): ProjectModel {
    const swept = this.refresh(now);
    if (!swept && this.cached && this.cached.version === this.version) return this.cached.project;
    const migrations = this.names.map((name, index) => ({ ...this.entries.get(name)!.migration, index }));
    const project: ProjectModel = { project: this.info, migrations };
    const around = this.readAround();
    if (swept || this.surroundings === null || around.scripts === null) {
      // The same facts the CLI gives the rules, so the editor shows the same findings.
      const { base } = around;
      if (around.scripts === null || around.scripts.migrations !== this.migrationChanges) {
        const full: ProjectModel = { ...project, ...base };
        addScripts(full, around.ws);
        around.scripts = { migrations: this.migrationChanges, value: { scripts: full.scripts, schemaSync: full.schemaSync } };
      }
      const next = { models: base.models, dbConfig: base.dbConfig, dialect: base.dialect, ...around.scripts.value };
      const same = this.surroundings !== null && (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === this.surroundings![k]);
      const stamp = same ? this.surroundingsStamp : JSON.stringify(next);
      // A saved model or config change invalidates what cross-file rules computed.
      if (stamp !== this.surroundingsStamp) {
        if (this.surroundings !== null) this.version++;
        this.surroundingsStamp = stamp;
      }
      this.surroundings = next;
    }
    const full: ProjectModel = { ...project, ...definedOnly(this.surroundings) };
    // As the CLI does (analyzeMigrationSet): the version-dependent rules read the project's production PostgreSQL.
    if (this.settings.postgresVersion !== undefined) full.postgresVersion = this.settings.postgresVersion;
    this.cached = { version: this.version, project: full };
    return full;
  }

  /**
   * The surroundings' reads, read again only when an answer they rest on changed (a model, the config, a
   * package.json, a script, a file appearing in a folder they listed).
   */
  private readAround(): NonNullable<ProjectIndex['around']> {
    if (this.around && this.around.recorder.complete && answersHold(this.around.recorder.list(), this.around.recorder.startedMs, this.fs)) return this.around;
    const recorder = new DiskRecorder(this.fs);
    const ws = this.newWorkspace(recorder.fs);
    this.around = { ws, recorder, base: readSurroundings(this.info, ws), scripts: null };
    return this.around;
  }

  /** The analyzed migration and the text on disk of one file of the folder, if indexed. */
  entry(name: string): { source: string | null; migration: Migration } | undefined {
    const e = this.entries.get(name);
    return e ? { source: e.source, migration: e.migration } : undefined;
  }

  /** Brings the entries up to date; true when it did a full sweep. */
  private refresh(now: number): boolean {
    const dir = this.absDir;
    const sweep = now - this.lastSweep > FULL_SWEEP_MS || this.watcher === null;
    // A full sweep reads everything again; otherwise only the folder and what the watcher reported.
    if (sweep && !this.wsFromDiscovery) this.ws = this.newWorkspace();
    else if (!sweep) this.ws.forget(dir);
    this.wsFromDiscovery = false;
    for (const name of this.dirty) this.ws.forget(path.join(dir, name));
    const dirStat = this.ws.stat(dir);
    if (!dirStat) {
      this.names = [];
      this.entries.clear();
      this.version++;
      this.migrationChanges++;
      return true;
    }
    if (sweep || this.dialectList === null) {
      // A config that now names another dialect changes how every migration's SQL is read.
      const next = this.readAround().base.dialect!.dialects;
      if (this.dialectList !== null && next.join(',') !== this.dialectList.join(',')) this.entries.clear();
      this.dialectList = next;
    }
    if (dirStat.mtimeMs !== this.dirMtimeMs || sweep) {
      this.dirMtimeMs = dirStat.mtimeMs;
      const files = listMigrationFiles(this.info, this.ws)
        .filter((f) => !this.ignored(f))
        .map((f) => path.posix.basename(f));
      if (files.join('\0') !== this.names.join('\0')) {
        this.names = files;
        for (const name of [...this.entries.keys()]) if (!files.includes(name)) this.entries.delete(name);
        this.version++;
        this.migrationChanges++;
      }
    }
    const toCheck = sweep ? this.names : this.names.filter((n) => this.dirty.has(n) || !this.entries.has(n));
    if (sweep) this.lastSweep = now;
    this.dirty.clear();
    for (const name of toCheck) this.check(name);
    return sweep;
  }

  private check(name: string): void {
    const abs = path.join(this.absDir, name);
    const st = this.ws.stat(abs);
    const cached = this.entries.get(name);
    if (cached && st && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return;
    const file = toPosix(path.join(this.info.migrationsDir, name));
    const dialects = this.dialects();
    this.entries.set(name, {
      mtimeMs: st?.mtimeMs ?? -1,
      size: st?.size ?? -1,
      source: this.ws.text(abs),
      migration: this.ws.migration(file, dialects ? { dialects } : {}),
    });
    this.version++;
    this.migrationChanges++;
  }

  /** The project's dialects, as migrations are extracted here (undefined: not known, PostgreSQL parsing). */
  dialects(): readonly Dialect[] | undefined {
    return this.dialectList && this.dialectList.length > 0 ? this.dialectList : undefined;
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a project's migralint configuration (src/config-file/) says that the plugin applies. */
export interface ProjectSettings {
  /** Rule id -> setting: a rule set to `off` does not report; options apply. */
  rules: Record<string, RuleSetting>;
  /** Glob patterns relative to the project root: files the analysis leaves out. */
  ignores: string[];
  /** The configuration's `limits`: the size cap and the time budget of one file. */
  limits: { maxFileBytes?: number; timeBudgetMs?: number };
  /** The configuration's `postgresVersion`: the production PostgreSQL, for every rule with that option. */
  postgresVersion?: number;
}

export const NO_SETTINGS: ProjectSettings = { rules: {}, ignores: [], limits: {} };

const indexes = new Map<string, ProjectIndex>();
const layouts = new Map<string, ProjectInfo[] | null>();
/** The workspace each project root was discovered through, until an index of it takes it over. */
const discovered = new Map<string, Workspace>();
/** The configuration's settings of each discovered migration set. */
const settingsOf = new WeakMap<ProjectInfo, ProjectSettings>();

/**
 * The layout of the project a file belongs to: the nearest folder above it
 * with a `.sequelizerc`, a `package.json` or a migralint configuration, read
 * like the CLI reads it (with that configuration's settings).
 * Null when no migrations folder can be found.
 */
export function layoutFor(absFile: string): ProjectInfo | null {
  let dir = path.dirname(absFile);
  const seen: string[] = [];
  // A project with several migration sets: the set whose folder holds the file, else the one whose root holds it.
  const pick = (sets: ProjectInfo[] | null): ProjectInfo | null =>
    sets
      ? (sets.find((s) => path.dirname(absFile) === path.resolve(s.absRoot, s.migrationsDir)) ??
        sets.find((s) => !path.relative(s.absRoot, absFile).startsWith('..')) ??
        sets[0] ??
        null)
      : null;
  for (;;) {
    if (layouts.has(dir)) {
      const hit = layouts.get(dir)!;
      for (const d of seen) layouts.set(d, hit);
      return pick(hit);
    }
    seen.push(dir);
    // A migralint configuration marks a project root too (a monorepo's, above packages without package.json).
    if (existsSync(path.join(dir, '.sequelizerc')) || existsSync(path.join(dir, 'package.json')) || configsIn(dir).length > 0) {
      const sets = projectLayouts(dir);
      for (const d of seen) layouts.set(d, sets);
      return pick(sets);
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      for (const d of seen) layouts.set(d, null);
      return null;
    }
    dir = parent;
  }
}

/**
 * The migration sets of the project at `dir`, as `migralint report <dir>`
 * finds them: its migralint configuration is loaded and planned by the CLI's
 * code (paths, `projects`, rules, ignores), then each run's layout is
 * discovered with those options. Null when no migrations folder is found.
 */
function projectLayouts(dir: string): ProjectInfo[] | null {
  const plan = planFromConfig(loadConfigSync(dir), { cwd: dir, dir, cli: {} });
  const out: ProjectInfo[] = [];
  for (const run of plan.runs) {
    const limits = { ...(run.options.maxFileBytes !== undefined ? { maxFileBytes: run.options.maxFileBytes } : {}), ...(run.options.timeBudgetMs !== undefined ? { timeBudgetMs: run.options.timeBudgetMs } : {}) };
    const settings: ProjectSettings = {
      rules: run.options.rules ?? {},
      ignores: run.options.ignores ?? [],
      limits,
      ...(run.options.postgresVersion !== undefined ? { postgresVersion: run.options.postgresVersion } : {}),
    };
    // Its own workspace, bounded by the plugin's limits (the plan's, if any, has the CLI's clock).
    const workspace = new Workspace(path.resolve(run.root), workspaceLimitsOf(settings));
    let sets: ProjectInfo[];
    try {
      sets = discoverLayouts(run.root, run.options, workspace);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      continue;
    }
    discovered.set(workspace.absRoot, workspace);
    for (const info of sets) {
      settingsOf.set(info, settings);
      out.push(info);
    }
  }
  return out.length > 0 ? out : null;
}

/**
 * Whether the project's migralint configuration `ignores` a file: the CLI
 * neither analyzes it nor reports anything in it, and neither does the plugin.
 */
export function isIgnoredFile(absFile: string): boolean {
  const info = layoutFor(absFile);
  return info !== null && indexFor(info).ignored(toPosix(path.relative(info.absRoot, absFile)));
}

/** What the migralint configuration says for a migration set found by {@link layoutFor}. */
export function settingsFor(info: ProjectInfo): ProjectSettings {
  return settingsOf.get(info) ?? NO_SETTINGS;
}

/** The size cap of a file in the plugin: its project's `limits.maxFileBytes`, else the default (src/limits.ts). */
export function maxFileBytesFor(absFile: string): number {
  const info = layoutFor(absFile);
  return (info ? settingsFor(info).limits.maxFileBytes : undefined) ?? DEFAULT_MAX_FILE_BYTES;
}

/** The shared index of a project's migrations folder, built on first use. */
export function indexFor(info: ProjectInfo): ProjectIndex {
  const key = path.resolve(info.absRoot, info.migrationsDir);
  let index = indexes.get(key);
  if (!index) {
    index = new ProjectIndex(info, discovered.get(info.absRoot), settingsFor(info));
    discovered.delete(info.absRoot);
    indexes.set(key, index);
  }
  return index;
}

/** Forget every cached layout and index (tests, long-lived hosts reloading config). */
export function resetProjectIndexes(): void {
  for (const i of indexes.values()) i.dispose();
  indexes.clear();
  layouts.clear();
  discovered.clear();
}

/** The runner's ignore list as a predicate, compiled once per filter: the editor asks for every file it lints. */
const ignoreMatchers = new WeakMap<RunnerInfo['filter'], (file: string) => boolean>();
function ignoredByRunner(filter: RunnerInfo['filter']): (file: string) => boolean {
  let matcher = ignoreMatchers.get(filter);
  if (!matcher) ignoreMatchers.set(filter, (matcher = ignoreMatcher(filter.ignore)));
  return matcher;
}

/** Whether a file is one the runner loads as a migration of this project. */
export function isMigrationFile(info: ProjectInfo, absFile: string): boolean {
  if (path.dirname(absFile) !== path.resolve(info.absRoot, info.migrationsDir) || !/\.(c|m)?(j|t)s$/.test(absFile) || /\.d\.(c|m)?ts$/.test(absFile)) return false;
  const runner = info.runner;
  if (!runner) return true;
  // The runner's own file and names its filter leaves out are not migrations (the CLI lists the same files).
  if (runner.kind !== 'sequelize-cli' && runner.evidence && path.resolve(info.absRoot, runner.evidence.file) === absFile) return false;
  const ext = path.extname(absFile).slice(1);
  if (!runner.filter.extensions.includes(ext)) return false;
  if (runner.filter.ignore && ignoredByRunner(runner.filter)(path.basename(absFile))) return false;
  try {
    return !runner.filter.pattern || new RegExp(runner.filter.pattern).test(path.basename(absFile));
  } catch {
    return true;
  }
}

