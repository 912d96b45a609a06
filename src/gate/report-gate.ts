import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Finding, ProjectInfo } from '../model';
import type { AnalysisResult, AnalyzeOptions } from '../project';
import { toPosix } from '../util/paths';
import { UsageError } from '../util/errors';
import { loadModule } from '../util/load-module';
import type { Baseline } from './baseline';
import { MigrationCache, ResultCache, DEFAULT_CACHE_DIR, stableJson } from './cache';
import { ALLOW_OUTSIDE_HELP, ALLOW_OUTSIDE_OPTION, Containment } from '../containment';
import type { Selection } from './select';

type SelectModule = typeof import('./select');
type GitModule = typeof import('./git');
type BaselineModule = typeof import('./baseline');

// The file selection, git and the baseline load only in the runs that use them: a warm `--cache` run with none
// of their options does not pay for them (issue 16).
/* eslint-disable @typescript-eslint/no-require-imports -- modules loaded when needed (src/util/load-module.ts) */
const selectModule = () => loadModule(() => require('./select') as SelectModule, () => import('./select.js'));
const gitModule = () => loadModule(() => require('./git') as GitModule, () => import('./git.js'));
const baselineModule = () => loadModule(() => require('./baseline') as BaselineModule, () => import('./baseline.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** The file `migralint baseline` writes and `report` reads when present, in the project folder (here, not in ./baseline: a run without one does not load it). */
export const DEFAULT_BASELINE_FILE = '.migralint-baseline.json';

/** The options `report` takes for gating; spread into its parseArgs options. */
export const GATE_OPTIONS = {
  'changed-since': { type: 'string' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  ...ALLOW_OUTSIDE_OPTION,
} as const;

export const GATE_HELP = `Gating (CI, pre-commit):
  [files...]                    Report only findings in these files (lint-staged appends
                                them): migralint report [dir] a.js b.js. Every migration is
                                still analyzed, so cross-file rules stay right; a finding
                                elsewhere that names a selected migration is kept.
      --changed-since <ref>     Report only findings in files added or modified since the
                                merge base of HEAD and <ref> (uncommitted and untracked
                                files included). With files, both must hold.
      --baseline <file>         Hide the findings recorded by \`migralint baseline\`
                                (default: <dir>/${DEFAULT_BASELINE_FILE} when it exists)
      --no-baseline             Report every finding, even with a baseline file present
      --cache                   Reuse extracted migrations whose content did not change
      --cache-location <dir>    Cache folder, relative to the working directory (implies
                                --cache; default: <dir>/${DEFAULT_CACHE_DIR})
${ALLOW_OUTSIDE_HELP}  What was gated (files checked, findings hidden, baseline entries gone) goes to stderr.
`;

export interface GateValues {
  'changed-since'?: string | undefined;
  baseline?: string | undefined;
  'no-baseline'?: boolean | undefined;
  cache?: boolean | undefined;
  'cache-location'?: string | undefined;
  'allow-outside'?: string[] | undefined;
}

/** What of the analysis options a cached extraction or result depends on (not the run's own objects). */
function analysisKey(options: AnalyzeOptions): unknown {
  const { store: _store, workspace: _workspace, allowOutside: _allowOutside, baseMigrations: _base, ...effective } = options;
  return effective;
}

/** Display a path relative to the working directory when under it. */
function display(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? toPosix(rel) : abs;
}

/**
 * What a gated run does around the analysis: opened before it (bad refs,
 * missing baselines fail fast, before the expensive part), applied after it.
 */
export class ReportGate {
  private cache: MigrationCache | undefined;
  private results: ResultCache | undefined;
  /** `cacheDir`'s answer once asked (null: not yet). */
  private dir: string | undefined | null = null;
  /** `--changed-since`: the ref and its merge base with HEAD. */
  private changed: { ref: string; base: string } | null = null;
  /** Set by `apply`: the findings of the selection that the baseline hid. */
  private hiddenByBaseline: Finding[] = [];
  /** Set by `apply`: what the gate left out, as it says it on stderr (for the PR comment). */
  private appliedNotes: string[] = [];
  /** `--allow-outside`, absolute: read although outside the project (`AnalyzeOptions.allowOutside`). */
  readonly allowOutside: string[];

  private constructor(
    private readonly absRoot: string,
    private readonly cwd: string,
    private readonly values: GateValues,
    private readonly selection: Selection | null,
    private readonly baseline: { doc: Baseline; display: string; file: string } | null,
    /** The modules loaded for the options given: `select` with files, `--changed-since` or a baseline; `git` with `--changed-since`; `baseline` with a baseline. */
    private readonly modules: { select?: SelectModule; git?: GitModule; baseline?: BaselineModule },
  ) {
    this.allowOutside = (values['allow-outside'] ?? []).map((p) => path.resolve(cwd, p));
  }

  /**
   * @param root the project folder as analyzed
   * @param files file arguments (relative to cwd, or absolute)
   */
  static async open(values: GateValues, ctx: { root: string; cwd: string; files: string[] }): Promise<ReportGate> {
    const absRoot = path.resolve(ctx.cwd, ctx.root);
    const modules: { select?: SelectModule; git?: GitModule; baseline?: BaselineModule } = {};
    const select = async () => (modules.select ??= await selectModule());
    let selection: Selection | null = null;
    if (ctx.files.length > 0) {
      // Files outside the project are left out quietly: in a monorepo, lint-staged passes every project's files to each.
      const picked = (await select()).selectFiles(absRoot, ctx.cwd, ctx.files);
      const n = ctx.files.length;
      const outside = picked.outside.length > 0 ? `, ${picked.outside.length} outside the project` : '';
      selection = { files: picked.files, reasons: [`${n} file${n === 1 ? '' : 's'} given${outside}`] };
    }
    const ref = values['changed-since'];
    let base: { ref: string; base: string } | null = null;
    if (ref !== undefined && existsSync(absRoot)) {
      modules.git = await gitModule();
      const changed = modules.git.changedSince(absRoot, ref);
      selection = (await select()).intersect({ files: changed.files, reasons: [`changed since ${ref}`] }, selection);
      base = { ref, base: changed.base };
    }
    let baseline: { doc: Baseline; display: string; file: string } | null = null;
    if (!values['no-baseline']) {
      const explicit = values.baseline;
      const file = explicit !== undefined ? path.resolve(ctx.cwd, explicit) : path.join(absRoot, DEFAULT_BASELINE_FILE);
      if (explicit !== undefined || existsSync(file)) {
        const shown = display(ctx.cwd, file);
        // The project's own baseline is found, not named: a committed symlink must not make the run read outside the project.
        const allowed = (values['allow-outside'] ?? []).map((p) => path.resolve(ctx.cwd, p));
        if (explicit === undefined && !new Containment(absRoot, allowed, realpathSync).contains(file)) {
          throw new UsageError(`the baseline ${shown} resolves outside the project root (a symlink or \`..\`): not read; name it with --baseline, or pass --allow-outside ${shown}`);
        }
        modules.baseline = await baselineModule();
        await select(); // `apply` tells which of the findings it hid are in the selection
        baseline = { doc: modules.baseline.readBaseline(file, shown), display: shown, file };
      }
    }
    const gate = new ReportGate(absRoot, ctx.cwd, values, selection, baseline, modules);
    gate.changed = base;
    return gate;
  }

  /** After `apply`: the lines it wrote to stderr (files checked, findings hidden, baseline entries gone), without the prefix. */
  notes(): readonly string[] {
    return this.appliedNotes;
  }

  /** After `apply`: what the baseline hid (for the report's verdict), or undefined when it hid nothing. */
  baselined(): { file: string; findings: Finding[] } | undefined {
    return this.baseline && this.hiddenByBaseline.length > 0 ? { file: this.baseline.display, findings: this.hiddenByBaseline } : undefined;
  }

  /**
   * What `apply` and `baselined` answer from besides the result (the selection, the baseline's content): part of
   * the key of outputs kept with a result (`report --cache`, src/cli/report.ts).
   */
  renderKey(): unknown {
    const selection = this.selection ? { files: [...this.selection.files].sort(), reasons: this.selection.reasons } : null;
    const baseline = this.baseline ? { file: this.baseline.file, display: this.baseline.display, doc: stableJson(this.baseline.doc) } : null;
    return { selection, baseline };
  }

  /** Absolute paths of the files the gate read or keeps (baseline, cache): outputs must not replace them. */
  inputs(): string[] {
    return [...(this.baseline ? [this.baseline.file] : []), ...(this.cache ? [this.cache.file] : []), ...(this.results ? [this.results.file] : [])];
  }

  /** For `AnalyzeOptions.baseMigrations`: the migration names at the merge base, when gating on a ref. */
  baseMigrations(): ((info: ProjectInfo) => { ref: string; names: string[] } | null) | undefined {
    const changed = this.changed;
    if (!changed) return undefined;
    const { filesAtCommit } = this.modules.git!;
    return (info) => ({ ref: changed.ref, names: filesAtCommit(info.absRoot, changed.base, info.migrationsDir) });
  }

  /**
   * The `--cache` folder; undefined without the flag. The cache lives in the project (or an `--allow-outside`
   * path): a folder or file that resolves elsewhere (a committed `node_modules/.cache` symlink) is not used, with
   * a warning (once), and the run goes on without a cache.
   */
  private cacheDir(warn: (message: string) => void): string | undefined {
    if (this.dir !== null) return this.dir;
    const location = this.values['cache-location'];
    if (!this.values.cache && location === undefined) return (this.dir = undefined);
    const dir = location !== undefined ? path.resolve(this.cwd, location) : path.join(this.absRoot, DEFAULT_CACHE_DIR);
    const contained = new Containment(this.absRoot, this.allowOutside, realpathSync);
    const probe = new ResultCache(this.absRoot, dir, null, '');
    if (![dir, MigrationCache.fileIn(dir), probe.file].every((p) => contained.contains(p))) {
      warn(`cache folder ${display(this.cwd, dir)} resolves outside the project (a symlink?): running without a cache (pass --allow-outside to use it)`);
      return (this.dir = undefined);
    }
    try {
      // Made now, not at the first write: an analysis that may read outside the root (`--allow-outside` naming
      // the cache folder) resolves it, and should find it as the next run will.
      mkdirSync(dir, { recursive: true });
    } catch {
      // not writable: the run goes on, and its cache is not kept
    }
    return (this.dir = dir);
  }

  /** The migration store for `--cache`, keyed by the effective options; undefined without the flag. */
  storeFor(options: AnalyzeOptions, warn: (message: string) => void = () => {}): MigrationCache | undefined {
    const dir = this.cacheDir(warn);
    if (dir === undefined) return undefined;
    this.cache = new MigrationCache(this.absRoot, dir, analysisKey(options));
    return this.cache;
  }

  /**
   * The whole-result cache for `--cache` (src/gate/cache.ts `ResultCache`), keyed by the effective options, the
   * project root as given, the working directory and the `--changed-since` merge base; undefined without the flag.
   */
  resultsFor(root: string, options: AnalyzeOptions, warn: (message: string) => void = () => {}): ResultCache | undefined {
    const dir = this.cacheDir(warn);
    if (dir === undefined) return undefined;
    this.results = new ResultCache(this.absRoot, dir, {
      options: analysisKey(options),
      allowOutside: this.allowOutside,
      root,
      cwd: process.cwd(),
      base: this.changed ? [this.changed.ref, this.changed.base] : null,
    });
    return this.results;
  }

  /**
   * Saves the cache, then applies the baseline (to every finding, so entries
   * of files outside the selection are not counted as gone) and the file
   * selection. Writes its notes to `stderr`. Returns the findings to report.
   */
  apply(result: AnalysisResult, stderr: (text: string) => void): Finding[] {
    this.cache?.save();
    const notes: string[] = [];
    let findings = result.findings;
    let baselineNote: string | null = null;
    let goneNote: string | null = null;
    if (this.baseline) {
      const { filterFindings } = this.modules.select!;
      const applied = this.modules.baseline!.applyBaseline(findings, this.baseline.doc);
      const fresh = new Set(applied.fresh);
      this.hiddenByBaseline = filterFindings(findings, this.selection, result.project).filter((f) => !fresh.has(f));
      const hidden = this.hiddenByBaseline.length;
      findings = applied.fresh;
      if (hidden > 0) baselineNote = `${hidden} finding${hidden === 1 ? '' : 's'} hidden by the baseline ${this.baseline.display}`;
      if (applied.gone > 0) {
        goneNote = `${applied.gone} baseline entr${applied.gone === 1 ? 'y no longer occurs' : 'ies no longer occur'}: run \`migralint baseline\` to shrink ${this.baseline.display}`;
      }
    }
    if (this.selection) {
      const { filterFindings, selectionSummary } = this.modules.select!;
      findings = filterFindings(findings, this.selection, result.project);
      notes.push(selectionSummary(result.project, this.selection));
    }
    if (baselineNote) notes.push(baselineNote);
    if (goneNote) notes.push(goneNote);
    this.appliedNotes = notes;
    for (const n of notes) stderr(`migralint: ${n}\n`);
    return findings;
  }
}
