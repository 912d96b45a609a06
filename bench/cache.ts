/**
 * Benchmark of `report --cache`: a cold run (no cache) against a warm run (an
 * unchanged project, every migration in the cache), on a synthetic project of
 * N migrations. Each run is the real CLI in a fresh Node process (module
 * loading and the SQL parser's WASM included), so the numbers are what a
 * pre-commit hook waits for. Target: warm <= 15% of cold.
 *
 *   npm run build && node dist/bench/cache.js                # 1,000 migrations, 5 runs each
 *   node dist/bench/cache.js --size 1000 --runs 7 --keep
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli';
import { generateMigrations, writeProject } from './generate';

interface Options {
  size: number;
  runs: number;
  keep: boolean;
}

interface Sample {
  /** The whole process, as the parent saw it. */
  wallMs: number;
  /** CPU of the whole process (module loading included). */
  cpuMs: number;
  /** main() alone: the analysis and the report, without process start and module loading (what bench.ts measures). */
  runMs: number;
  runCpuMs: number;
  /** sha256 of the JSON report: cold and warm must agree. */
  report: string;
  code: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { size: 1000, runs: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return Number(v.replace(/_/g, ''));
    };
    if (arg === '--size') opts.size = value();
    else if (arg === '--runs') opts.runs = value();
    else if (arg === '--keep') opts.keep = true;
    else throw new Error(`unknown argument: ${arg} (expected --size N --runs K --keep)`);
  }
  if (!Number.isInteger(opts.size) || opts.size <= 0 || !Number.isInteger(opts.runs) || opts.runs <= 0) throw new Error('--size and --runs take positive integers');
  return opts;
}

/** In the child: one `migralint report <dir> --format json --cache-location <cache> --allow-outside <cache>`; prints a Sample. */
async function child(dir: string, cache: string): Promise<void> {
  let out = '';
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  // The cache folder is beside the project, not in it: named by --allow-outside, or the run goes without a cache.
  const code = await main(['report', dir, '--format', 'json', '--cache-location', cache, '--allow-outside', cache, '--fail-on', 'never'], {
    stdout: (t) => (out += t),
    stderr: (t) => process.stderr.write(t),
    isTTY: false,
  });
  const runMs = Number(process.hrtime.bigint() - start) / 1e6;
  const run = process.cpuUsage(startCpu);
  const cpu = process.cpuUsage();
  const sample: Omit<Sample, 'wallMs'> = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    runMs,
    runCpuMs: (run.user + run.system) / 1000,
    report: createHash('sha256').update(out).digest('hex'),
    code,
  };
  process.stdout.write(JSON.stringify(sample));
}

function runOnce(dir: string, cache: string, cold: boolean): Sample {
  if (cold) rmSync(cache, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [__filename, '--child', dir, cache], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return { wallMs, ...(JSON.parse(r.stdout) as Omit<Sample, 'wallMs'>) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function bench(opts: Options): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), `migralint-bench-cache-${opts.size}-`));
  const project = path.join(dir, 'project');
  const cache = path.join(dir, 'cache');
  writeProject(project, generateMigrations(opts.size));
  try {
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    // Alternate, so that a change in machine load hits both sides alike.
    for (let i = 0; i < opts.runs; i++) {
      cold.push(runOnce(project, cache, true));
      warm.push(runOnce(project, cache, false));
    }
    const reports = new Set([...cold, ...warm].map((s) => s.report));
    if (reports.size !== 1) throw new Error('cold and warm reports differ: the cache changed a result');
    const med = (xs: Sample[], k: 'wallMs' | 'cpuMs' | 'runMs' | 'runCpuMs') => median(xs.map((s) => s[k]));
    const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
    const row = (name: string, xs: Sample[]) =>
      `${name.padEnd(5)} | process: wall ${ms(med(xs, 'wallMs'))}, cpu ${ms(med(xs, 'cpuMs'))} | main(): wall ${ms(med(xs, 'runMs'))}, cpu ${ms(med(xs, 'runCpuMs'))}`;
    const pct = (k: 'wallMs' | 'cpuMs' | 'runMs' | 'runCpuMs') => `${((med(warm, k) / med(cold, k)) * 100).toFixed(1)}%`;
    console.log(`migralint report --cache, ${opts.size} migrations, ${opts.runs} runs each (fresh process per run, medians)`);
    console.log(row('cold', cold));
    console.log(row('warm', warm));
    console.log(`warm/cold | process: wall ${pct('wallMs')}, cpu ${pct('cpuMs')} | main(): wall ${pct('runMs')}, cpu ${pct('runCpuMs')} | target <= 15%`);
    if (opts.keep) console.log(`kept: ${dir}`);
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4]!).catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  bench(parseOptions(process.argv.slice(2)));
}
