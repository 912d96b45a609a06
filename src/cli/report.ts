import path from 'node:path';
import { parseCommandArgs, splitPositionals } from './args';
import type { AnalysisResult, AnalyzeOptions } from '../project';
import { appendFileSync } from 'node:fs';
import { FORMATS, getReporter, type Format } from '../reporters/registry';
import { toPosix } from '../util/paths';
import { toolVersion } from '../version';
import type { Finding, VerificationRun } from '../model';
import { exitCode, useColor, writeAtomically, type CliIo } from './io';
import { GATE_HELP, GATE_OPTIONS, ReportGate } from '../gate/report-gate';
import type { KeptOutputs } from '../gate/cache';
import { CliUsageError, FAIL_LEVELS, outputFileFor, type FailOn } from '../config-file/settings';
import { resolveReportPlan, type ReportRun } from '../config-file/merge';
import { loadModule } from '../util/load-module';

// What a run that writes outputs kept by `--cache` does not use loads when used: the analysis, `--verify`, the
// streamed JSON, GitHub links (issue 16: such a run costs ~10% of one that analyzes).
/* eslint-disable @typescript-eslint/no-require-imports -- modules loaded when needed (src/util/load-module.ts) */
const projectModule = () => loadModule(() => require('../project') as typeof import('../project'), () => import('../project.js'));
const verifyOptions = () => loadModule(() => require('./verify-options') as typeof import('./verify-options'), () => import('./verify-options.js'));
const jsonStream = () => loadModule(() => require('../reporters/json-stream') as typeof import('../reporters/json-stream'), () => import('../reporters/json-stream.js'));
const githubContext = () => loadModule(() => require('../github/context') as typeof import('../github/context'), () => import('../github/context.js'));
const githubReporter = () => loadModule(() => require('../reporters/github') as typeof import('../reporters/github'), () => import('../reporters/github.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** `migralint report --help`. */
export async function reportHelp(): Promise<string> {
  const { VERIFY_OPTIONS_HELP } = await verifyOptions();
  return `Usage: migralint report [dir] [options] [files...]

Analyze the Sequelize project in dir (default: .) and write the safety report.

Options:
  -f, --format <name>[=<file>]  Output format: ${FORMATS.join(', ')} (default: markdown).
                                Repeat for several outputs in one run; <file> writes that
                                format to a file (atomically), otherwise to stdout.
  -o, --output <file>           Write the (single) format to a file instead of stdout
                                (never over a file the run read; devices and pipes
                                such as /dev/null are written in place)
      --migrations <dir>        Migrations folder, relative to dir (default: .sequelizerc
                                migrations-path, else migrations/)
      --models <dir>            Models folder, relative to dir
      --fail-on <level>         Exit 1 when a finding is at or above: ${FAIL_LEVELS.join(', ')}
                                (default: error)
      --color / --no-color      Force colors on or off in text output (else NO_COLOR or
                                FORCE_COLOR in the environment, else on a terminal)
      --config <file>           Use this configuration file (default: the nearest
                                migralint.config.{js,cjs,mjs,json} or package.json
                                "migralint" key, from dir up to the git root, or dir
                                alone outside a repository)
      --no-config               Ignore configuration files
                                (command-line options > configuration file > defaults)
      --verify                  Also run the migrations on a throwaway database and mark
                                each finding confirmed or not (see \`migralint verify
                                --help\`: this RUNS THE PROJECT'S CODE; without it,
                                nothing of the project is executed)
${VERIFY_OPTIONS_HELP}
${GATE_HELP}`;
}

/** One output of a run: a format, and a file or stdout. */
export interface OutputSpec {
  format: Format;
  file: string | null;
}

/** `markdown`, `sarif=results.sarif`: validated against the registry. */
export function parseOutputs(formats: string[], output: string | undefined): OutputSpec[] {
  const specs = (formats.length > 0 ? formats : ['markdown']).map((raw) => {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const file = eq < 0 ? null : raw.slice(eq + 1);
    if (!(FORMATS as readonly string[]).includes(name)) {
      throw new CliUsageError(`unknown format '${name}' (expected one of: ${FORMATS.join(', ')})`);
    }
    if (file === '') throw new CliUsageError(`--format ${name}= needs a file name after '='`);
    return { format: name as Format, file };
  });
  if (output === '') throw new CliUsageError('--output needs a file name');
  if (output !== undefined) {
    const toStdout = specs.filter((s) => s.file === null);
    if (toStdout.length !== 1) throw new CliUsageError('--output needs exactly one --format without a file');
    toStdout[0]!.file = output;
  }
  if (specs.filter((s) => s.file === null).length > 1) {
    throw new CliUsageError('only one format can go to stdout: give the others a file (--format sarif=results.sarif)');
  }
  return specs;
}

/**
 * `run`: one project of a configuration with several (set by the recursive call below), with `configFile`, the
 * configuration it came from; resolved here otherwise.
 */
export async function reportCommand(argv: string[], io: CliIo, run?: ReportRun, configFile?: string, command: 'report' | 'verify' = 'report'): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, {
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', multiple: true },
      output: { type: 'string', short: 'o' },
      migrations: { type: 'string' },
      models: { type: 'string' },
      'fail-on': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      verify: { type: 'boolean' },
      'database-url': { type: 'string' },
      timeout: { type: 'string' },
      ...GATE_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(await reportHelp());
    return 0;
  }
  const { dir: dirArg, files } = splitPositionals(positionals, io.cwd ?? process.cwd());
  const outputs = parseOutputs(values.format ?? [], values.output);
  if (command === 'verify') {
    const { VERIFY_FORMATS } = await verifyOptions();
    const other = outputs.find((o) => !(VERIFY_FORMATS as readonly string[]).includes(o.format));
    if (other) throw new CliUsageError(`verify writes ${VERIFY_FORMATS.join(', ')}, not '${other.format}'`);
  }
  if (!values.verify && (values['database-url'] !== undefined || values.timeout !== undefined)) {
    throw new CliUsageError(`--database-url and --timeout go with --verify (or migralint verify)`);
  }
  const failOnFlag = values['fail-on'] as FailOn | undefined;
  if (failOnFlag !== undefined && !FAIL_LEVELS.includes(failOnFlag)) {
    throw new CliUsageError(`unknown --fail-on level '${values['fail-on']}' (expected one of: ${FAIL_LEVELS.join(', ')})`);
  }
  const cwd = io.cwd ?? process.cwd();
  const dir = dirArg ?? '.';
  // --- config file (src/config-file/): CLI flags > config file > defaults; one run per configured project ---
  if (!run) {
    const cli = { migrations: values.migrations, models: values.models, failOn: failOnFlag };
    const plan = await resolveReportPlan({ cwd, dir, configFile: values.config, noConfig: values['no-config'], cli });
    for (const warning of plan.warnings) io.stderr(`migralint: ${warning}\n`);
    if (plan.runs.length > 1) {
      // One report per project (output files get the project's name); the exit code is the worst.
      let worst = 0;
      for (const projectRun of plan.runs) {
        io.stderr(`migralint: project ${projectRun.name} (${projectRun.root})\n`);
        worst = Math.max(worst, await reportCommand(argv, io, projectRun, plan.config?.file, command));
      }
      return worst;
    }
    run = plan.runs[0]!;
    configFile = plan.config?.file;
  }
  const failOn = run.failOn;
  // The CLI offers no rewrites: migrations are extracted without how their calls are written (memory, issue 16).
  const options: AnalyzeOptions = { ...run.options, callSyntax: false };
  const projectRoot = run.root;
  // --- end config file ---
  const gate = await ReportGate.open(values, { root: projectRoot, cwd, files });
  if (gate.allowOutside.length > 0) options.allowOutside = gate.allowOutside;
  const warn = (message: string) => io.stderr(`migralint: ${message}\n`);
  // `--cache`: a project whose every input is unchanged takes its last result as it is (nothing of the analysis
  // loads); `--verify` runs the project's migrations and always analyzes.
  const results = values.verify ? undefined : gate.resultsFor(projectRoot, options, warn);
  const kept = results?.load();
  const ctx: RenderContext = { values, io, run, gate, outputs, cwd, configFile, verification: values.verify ? 'run' : undefined };
  const renderKey = results ? renderKeyOf(ctx) : null;
  if (kept) {
    // The outputs of these options rendered from this result before: written as they are, the result unparsed.
    const rendered = renderKey === null ? null : fromKept(kept.rendered(renderKey), outputs.length, kept.inputs);
    if (rendered) return writeOutputs(rendered, ctx);
    let out: WholeRun | null = null;
    const result = kept.result();
    try {
      // Made whole here: a kept result the reporters cannot take fails before anything is written.
      if (result) out = await whole(await renderOutputs(result, kept.inputs, ctx));
    } catch {
      // A kept result the reporters cannot take (a cache file written by hand): analyze as without it.
    }
    if (out) {
      const keep = renderKey === null ? null : toKept(out, kept.inputs);
      if (keep && renderKey !== null) results!.keepRendered(kept.digest, renderKey, keep);
      return writeOutputs(out, ctx);
    }
  }
  const { analysisWorkspace, analyzeProject } = await projectModule();
  const store = gate.storeFor(options, warn);
  if (store) options.store = store;
  const base = gate.baseMigrations();
  if (base) options.baseMigrations = base;
  // The CLI's own workspace: it knows every file the analysis read, which no output may replace; with
  // `--cache`, it records what the disk answered, which the next run checks.
  const recorder = results?.recorder();
  const workspace = analysisWorkspace(projectRoot, options, recorder?.fs);
  options.workspace = workspace;
  const result = await analyzeProject(projectRoot, options);
  const digest = results && recorder ? results.save(result, recorder, workspace.inputs()) : null;
  // --verify / `migralint verify`: runs the project's migrations (src/verify/); the findings get their verification.
  const read = workspace.inputs();
  const out = await renderOutputs(result, read, ctx);
  if (digest !== null && renderKey !== null) {
    const made = await whole(out);
    const keep = toKept(made, read);
    if (keep) results!.keepRendered(digest, renderKey, keep);
    return writeOutputs(made, ctx);
  }
  return writeOutputs(out, ctx);
}

interface RenderContext {
  values: { color?: boolean | undefined; 'no-color'?: boolean | undefined; 'database-url'?: string | undefined; timeout?: string | undefined };
  io: CliIo;
  run: ReportRun;
  gate: ReportGate;
  outputs: OutputSpec[];
  cwd: string;
  configFile: string | undefined;
  /** `run`: verify the findings (runs the project's migrations) before rendering. */
  verification: 'run' | undefined;
}

/**
 * An output's text: whole, as UTF-8 bytes (kept by `--cache`), or the pieces of a reporter's `chunks`, made
 * while they are written (the JSON report of a large project is never one string in memory).
 */
type OutputText = string | Uint8Array | { pieces: Iterable<string> };

/** What a run writes, computed before anything is written (a kept result that fails here leaves no trace), except the pieces of a streamed text. */
interface RenderedRun {
  /** One text per output, in `outputs` order (as UTF-8 bytes when kept by `--cache`). */
  texts: OutputText[];
  /** The GitHub job summary to append, when asked for. */
  stepSummary: string | null;
  /** The gate's notes for stderr. */
  notes: string[];
  /** Files the run read: outputs must not replace them. */
  inputs: string[];
  /** Lines for stderr after the outputs (files that could not be read, analysis limits). */
  errors: string[];
  exitCode: number;
}

/** A run whose texts are all whole. */
type WholeRun = RenderedRun & { texts: (string | Uint8Array)[] };

/** The run with its streamed texts made: UTF-8 bytes, one byte a character for ASCII where a string may take two. */
async function whole(out: RenderedRun): Promise<WholeRun> {
  const texts: (string | Uint8Array)[] = [];
  for (const t of out.texts) {
    if (typeof t === 'string' || t instanceof Uint8Array) {
      texts.push(t);
      continue;
    }
    const { batched } = await jsonStream();
    const bytes: Buffer[] = [];
    for (const piece of batched(t.pieces)) bytes.push(Buffer.from(piece));
    texts.push(Buffer.concat(bytes));
  }
  return { ...out, texts };
}

/**
 * A `RenderedRun` as kept with a result (`report --cache`): the texts as they are, the rest as JSON. Its inputs
 * begin with the files the result read (`renderOutputs`), which the result keeps already: only those after them
 * are kept here (opencollective: 764 paths, 85 KB a warm run would read, hash and parse again). Null (not kept)
 * if they do not begin so.
 */
function toKept({ texts, inputs, ...meta }: WholeRun, read: readonly string[]): KeptOutputs | null {
  if (inputs.length < read.length || read.some((f, i) => inputs[i] !== f)) return null;
  return { texts, meta: { ...meta, moreInputs: inputs.slice(read.length) } };
}

/**
 * A kept `RenderedRun` (untrusted: a cache file) when it has the shape written and one text per output; else null.
 * `read`: the files the kept result read, which its inputs begin with (`toKept`).
 */
function fromKept(kept: KeptOutputs | null, outputs: number, read: readonly string[]): WholeRun | null {
  if (!kept || kept.texts.length !== outputs || typeof kept.meta !== 'object' || kept.meta === null) return null;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((t) => typeof t === 'string');
  const { stepSummary, notes, moreInputs, errors, exitCode } = kept.meta as Record<string, unknown>;
  if (!(stepSummary === null || typeof stepSummary === 'string') || !strings(notes) || !strings(moreInputs) || !strings(errors)) return null;
  if (exitCode !== 0 && exitCode !== 1 && exitCode !== 2) return null;
  return { texts: kept.texts, stepSummary, notes, inputs: [...read, ...moreInputs], errors, exitCode };
}

/** Whether an output is colored (flags, environment, terminal). */
function colorOf(ctx: RenderContext, spec: OutputSpec): boolean {
  const { values, io } = ctx;
  return useColor({ color: values.color, noColor: values['no-color'] }, io.env ?? process.env, io.isTTY && spec.file === null);
}

/**
 * Everything `renderOutputs` and `writeOutputs` depend on besides the result and its inputs (which the result
 * cache's key and answers cover): outputs kept under this key are the outputs of any run with it. Null in GitHub
 * Actions (links name the commit of the event payload, a job summary is appended): rendered anew.
 */
function renderKeyOf(ctx: RenderContext): string | null {
  const { io, run, gate, outputs, cwd, configFile } = ctx;
  const env = io.env ?? process.env;
  if (ctx.verification || env.GITHUB_STEP_SUMMARY || (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY)) return null;
  return JSON.stringify({
    outputs: outputs.map((spec) => [spec.format, spec.file, colorOf(ctx, spec)]),
    outputName: run.outputName,
    failOn: run.failOn,
    cwd,
    ciRoot: env.GITHUB_WORKSPACE ?? env.CI_PROJECT_DIR ?? null,
    configFile: configFile ?? null,
    gate: gate.renderKey(),
  });
}

async function renderOutputs(result: AnalysisResult, read: string[], ctx: RenderContext): Promise<RenderedRun> {
  const { values, io, run, gate, outputs, cwd, configFile } = ctx;
  const notes: string[] = [];
  let findings = gate.apply(result, (t) => notes.push(t));
  // A folder with no file the runner loads: a verdict of "safe" on nothing deserves a word (plain-SQL migrations,
  // a layout migralint did not find).
  if (result.project.migrations.length === 0) {
    const info = result.project.project;
    const filter = info.runner?.filter;
    const loads = filter ? ` (the runner loads ${filter.extensions.map((e) => `.${e}`).join(', ')} files${filter.recursive ? ', subfolders included' : ''})` : '';
    notes.push(`migralint: no migration in ${info.migrationsDir}${loads}: nothing was analyzed; pass --migrations <dir> if they are elsewhere\n`);
  }
  let verification: VerificationRun | undefined;
  if (ctx.verification === 'run') {
    for (const n of notes.splice(0)) io.stderr(n);
    ({ findings, run: verification } = await (await verifyOptions()).runVerification(result, findings, values, io));
  }
  const inputs = [...read, ...gate.inputs(), ...(configFile ? [configFile] : [])];
  const tool = { name: 'migralint', version: toolVersion() };
  const env = io.env ?? process.env;
  // CI formats (SARIF, annotations, Code Quality) name files from the repository root, where CI runs.
  const ciRoot = env.GITHUB_WORKSPACE ?? env.CI_PROJECT_DIR ?? cwd;
  const pathPrefix = toPosix(path.relative(ciRoot, result.project.project.absRoot));
  const blobBase = (await githubContext()).githubBlobBase(env, cwd, pathPrefix);
  const texts: OutputText[] = [];
  let stepSummary: string | null = null;
  const baselined = gate.baselined();
  const input = { project: result.project, findings, suppressed: result.suppressed.length, tool, ...(baselined ? { baselined } : {}), ...(verification ? { verification } : {}) };
  for (const spec of outputs) {
    const color = colorOf(ctx, spec);
    // Markdown links each `file:line`: to the commit on GitHub in Actions, else relative to where the report is read.
    const fromDir = spec.file === null ? cwd : path.dirname(path.resolve(cwd, outputFileFor(spec.file, run.outputName)));
    const linkBase = blobBase ?? relativeBase(fromDir, result.project.project.absRoot);
    const reporter = await getReporter(spec.format, { color, pathPrefix, linkBase });
    texts.push(reporter.chunks ? { pieces: reporter.chunks(input) } : reporter.render(input));
    // The job summary gets the Markdown report (appended: other steps write there too).
    if (spec.format === 'github' && env.GITHUB_STEP_SUMMARY) stepSummary = (await githubReporter()).githubStepSummary(input, blobBase);
  }
  const errors = findings.filter((f) => f.rule === 'read-error' || f.rule === 'analysis-limit').map((f) => `migralint: ${f.file}: ${f.message}\n`);
  return { texts, stepSummary, notes, inputs, errors, exitCode: exitCode(findings, run.failOn) };
}

async function writeOutputs(out: RenderedRun, ctx: { io: CliIo; outputs: OutputSpec[]; cwd: string; run: ReportRun }): Promise<number> {
  const { io, outputs, cwd, run } = ctx;
  for (const n of out.notes) io.stderr(n);
  const env = io.env ?? process.env;
  if (out.stepSummary !== null && env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(env.GITHUB_STEP_SUMMARY, out.stepSummary);
    } catch (error) {
      io.stderr(`migralint: cannot append to GITHUB_STEP_SUMMARY: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  for (const [i, spec] of outputs.entries()) {
    const text = out.texts[i]!;
    if (spec.file === null) {
      if (typeof text === 'string') io.stdout(text);
      else if (!(text instanceof Uint8Array)) for (const piece of (await jsonStream()).batched(text.pieces)) io.stdout(piece);
      else if (io.stdoutBytes) io.stdoutBytes(text);
      else io.stdout(Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'));
    }
    else {
      const target = path.resolve(cwd, outputFileFor(spec.file, run.outputName)); // config file: report.<project>.md
      const data = typeof text === 'string' || text instanceof Uint8Array ? text : (await jsonStream()).batched(text.pieces);
      await writeAtomically(target, data, { display: spec.file, inputs: out.inputs });
    }
  }
  for (const line of out.errors) io.stderr(line);
  return out.exitCode;
}

/** `../api/`: the project root seen from `fromDir`, as a link prefix ('' when it is the same folder). */
export function relativeBase(fromDir: string, projectRoot: string): string {
  const rel = toPosix(path.relative(fromDir, projectRoot));
  return rel === '' ? '' : `${rel}/`;
}
