/**
 * Whole-process benchmark: `migralint report --format json` as a user runs it
 * (a fresh Node process: start, module loading, the SQL parser's WASM when
 * SQL is met), cold and with a warm `--cache`, beside the least a tool of
 * this kind does on the same files in a fresh process: list them, read them
 * and parse them (typescript-estree, the parser ESLint uses, and oxc-parser,
 * migralint's own).
 *
 * Workloads: a generated project of N migrations that also has models, a
 * sequelize-cli config, a `.sequelizerc` and npm scripts (bench/generate.ts);
 * and, when MIGRALINT_CORPUS is set, every project of the real corpus
 * (scripts/corpus.mjs lists them). The bare parse reads what the report
 * parses: the migrations folder and the models folder of the discovered
 * layout.
 *
 * Times are CPU of the whole child process (user + system, from its own
 * `process.cpuUsage()` at exit): with other work on the machine, wall time
 * says more about the machine than about migralint. The four measurements of
 * a workload run interleaved, K times; the table shows medians.
 *
 *   npm run build && node dist/bench/whole.js                     # generated, 1,000 migrations, 5 runs
 *   MIGRALINT_CORPUS=/path node dist/bench/whole.js --runs 5       # and the real corpus
 *   node dist/bench/whole.js --size 300 --runs 3 --no-generated    # corpus only
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigrations, writeProject, writeSurroundings } from './generate';

type Mode = 'cold' | 'warm' | 'bare-estree' | 'bare-oxc';
const MODES: readonly Mode[] = ['cold', 'warm', 'bare-estree', 'bare-oxc'];

interface Sample {
  cpuMs: number;
  wallMs: number;
  /** Peak resident set of the child process, KB. */
  maxRssKb: number;
  /** What the run produced (a report's sha256, or the number of files parsed): equal across runs. */
  out: string;
}

interface Options {
  size: number;
  runs: number;
  generated: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { size: 1000, runs: 5, generated: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => Number((argv[++i] ?? '').replace(/_/g, ''));
    if (arg === '--size') opts.size = value();
    else if (arg === '--runs') opts.runs = value();
    else if (arg === '--no-generated') opts.generated = false;
    else throw new Error(`unknown argument: ${arg} (expected --size N --runs K --no-generated)`);
  }
  if (!Number.isInteger(opts.size) || opts.size <= 0 || !Number.isInteger(opts.runs) || opts.runs <= 0) throw new Error('--size and --runs take positive integers');
  return opts;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a child loads only what its mode needs */

/** In the child: one measurement; prints a Sample without wallMs. */
async function child(mode: Mode, dir: string, cache: string): Promise<void> {
  let out: string;
  if (mode === 'cold' || mode === 'warm') {
    const { main } = require('../src/cli') as typeof import('../src/cli');
    const hash = createHash('sha256');
    const args = ['report', dir, '--format', 'json', '--fail-on', 'never', '--no-config'];
    if (mode === 'warm') args.push('--cache-location', cache, '--allow-outside', cache);
    // As bin/migralint.js: kept outputs go out as the bytes they were kept as.
    await main(args, { stdout: (t) => hash.update(t), stdoutBytes: (b) => hash.update(b), stderr: () => {}, isTTY: false });
    out = hash.digest('hex');
  } else {
    out = String(bareParse(dir, mode === 'bare-oxc' ? 'oxc' : 'typescript-estree'));
  }
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, out }));
}

/** Lists the migrations and models folders of the project's layout, reads and parses every JS/TS file; returns how many. */
function bareParse(dir: string, parser: 'oxc' | 'typescript-estree'): number {
  const { discoverLayout } = require('../src/discovery') as typeof import('../src/discovery');
  const info = discoverLayout(dir);
  const files: string[] = [];
  for (const folder of [info.migrationsDir, info.modelsDir]) {
    if (folder === null) continue;
    const abs = path.resolve(info.absRoot, folder);
    for (const f of readdirSync(abs, { recursive: true, encoding: 'utf8' })) if (/\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts')) files.push(path.join(abs, f));
  }
  if (parser === 'typescript-estree') {
    const estree = require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree');
    for (const f of files) {
      try {
        estree.parse(readFileSync(f, 'utf8'), { loc: true, range: true, comment: true, jsx: false, filePath: f });
      } catch {
        // a file that does not parse costs its parse all the same
      }
    }
  } else {
    const oxc = require('oxc-parser') as { parseSync(file: string, text: string, options: object): { program: unknown; comments: unknown } };
    for (const f of files) {
      const r = oxc.parseSync(f, readFileSync(f, 'utf8'), { astType: 'ts', range: true, preserveParens: false });
      void r.program;
      void r.comments;
    }
  }
  return files.length;
}
/* eslint-enable @typescript-eslint/no-require-imports */

function runOnce(mode: Mode, dir: string, cache: string): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [__filename, '--child', mode, dir, cache], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${mode} child failed on ${dir} (${r.status}): ${r.stderr}`);
  return { wallMs, ...(JSON.parse(r.stdout) as Omit<Sample, 'wallMs'>) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Medians of each mode on one project, the modes interleaved run by run. */
function measure(dir: string, runs: number): Record<Mode, { cpu: number; wall: number; rss: number }> {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'migralint-bench-whole-cache-'));
  try {
    runOnce('warm', dir, cache); // fills the cache
    const samples = Object.fromEntries(MODES.map((m) => [m, [] as Sample[]])) as Record<Mode, Sample[]>;
    for (let i = 0; i < runs; i++) for (const mode of MODES) samples[mode].push(runOnce(mode, dir, cache));
    const reports = new Set([...samples.cold, ...samples.warm].map((s) => s.out));
    if (reports.size !== 1) throw new Error(`${dir}: cold and warm reports differ (the cache changed a result, or the output is not deterministic)`);
    return Object.fromEntries(
      MODES.map((m) => [m, { cpu: median(samples[m].map((s) => s.cpuMs)), wall: median(samples[m].map((s) => s.wallMs)), rss: median(samples[m].map((s) => s.maxRssKb)) }]),
    ) as Record<Mode, { cpu: number; wall: number; rss: number }>;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The corpus projects (scripts/corpus.mjs `PROJECTS`), read from its source: importing it would run its command line. */
function corpusProjects(): string[] {
  const text = readFileSync(path.join(__dirname, '..', '..', 'scripts', 'corpus.mjs'), 'utf8');
  const list = /export const PROJECTS = \[([\s\S]*?)\];/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

function loadLine(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} CPUs`;
}

function main(): void {
  const opts = parseOptions(process.argv.slice(2));
  const workloads: { name: string; dir: string }[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-bench-whole-'));
  try {
    if (opts.generated) {
      const dir = path.join(tmp, 'project');
      writeProject(dir, generateMigrations(opts.size));
      writeSurroundings(dir);
      workloads.push({ name: `generated (${opts.size} migrations, models, config, scripts)`, dir });
    }
    const corpus = process.env.MIGRALINT_CORPUS;
    if (corpus && existsSync(corpus)) for (const p of corpusProjects()) if (existsSync(path.join(corpus, p))) workloads.push({ name: p, dir: path.join(corpus, p) });
    const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`migralint report --format json, whole process, CPU time (user + system), medians of ${opts.runs} interleaved runs; ${loadLine()}`);
    console.log('pgfence and squawk: not measured (neither is a dependency of this repository).\n');
    console.log('| project | cold | warm --cache | warm / cold | bare typescript-estree | bare oxc | cold / bare ts-estree | cold / bare oxc | cold wall | warm wall | peak RSS cold / warm |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const w of workloads) {
      const r = measure(w.dir, opts.runs);
      console.log(
        `| ${w.name} | ${ms(r.cold.cpu)} | ${ms(r.warm.cpu)} | ${((r.warm.cpu / r.cold.cpu) * 100).toFixed(0)}% | ${ms(r['bare-estree'].cpu)} | ${ms(r['bare-oxc'].cpu)} | ${ratio(r.cold.cpu, r['bare-estree'].cpu)} | ${ratio(r.cold.cpu, r['bare-oxc'].cpu)} | ${ms(r.cold.wall)} | ${ms(r.warm.wall)} | ${(r.cold.rss / 1024).toFixed(0)} / ${(r.warm.rss / 1024).toFixed(0)} MB |`,
      );
    }
    console.log(`\nafter: ${loadLine()}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Mode, process.argv[4]!, process.argv[5]!).catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  main();
}
