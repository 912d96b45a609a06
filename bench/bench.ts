/**
 * Benchmark: the full `report --format json` work versus a bare parse of the
 * same files, on synthetic projects of N migrations (see BENCHMARKS.md).
 *
 *   npm run bench                          # sizes 100,1000,10000, 3 runs each
 *   npm run build && node dist/bench/bench.js --sizes 100,1000 --runs 5
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { analyzeProject } from '../src/project';
import { parseSource } from '../src/parse';
import { jsonReporter } from '../src/reporters/json';
import { RULES } from '../src/rules/registry';
import { loadSqlParser } from '../src/sql/pg-parser';
import { toolVersion } from '../src/version';
import { generateMigrations, writeProject } from './generate';

interface Options {
  sizes: number[];
  runs: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { sizes: [100, 1000, 10000], runs: 3, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--sizes') {
      opts.sizes = value()
        .split(',')
        .map((s) => Number(s.replace(/_/g, '').trim()));
      if (opts.sizes.length === 0 || opts.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes takes positive integers, e.g. 100,1000');
    } else if (flag === '--runs') {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs <= 0) throw new Error('--runs takes a positive integer');
    } else if (flag === '--keep') {
      opts.keep = true;
    } else {
      throw new Error(`unknown argument: ${arg} (expected --sizes N,N,... --runs K --keep)`);
    }
  }
  opts.sizes.sort((a, b) => a - b);
  return opts;
}

const nowNs = () => process.hrtime.bigint();
const msSince = (start: bigint) => Number(nowNs() - start) / 1e6;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A full GC between measurements, so one run does not pay for the previous
 * run's garbage. `npm run bench` starts node without --expose-gc, so the flag
 * is set at run time and `gc` fetched from a fresh context.
 */
const gcFn: (() => void) | null = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
})();

function collect(): void {
  gcFn?.();
}

interface FullResult {
  ms: number;
  /** CPU time of the whole process (all threads: GC and JIT helpers included) over the same span. */
  cpuMs: number;
  migrations: number;
  notOk: number;
  findings: number;
  ops: number;
  sqlOps: number;
  bytes: number;
}

/** What `migralint report <dir> --format json` does, minus process start and writing stdout. */
async function runFull(dir: string): Promise<FullResult> {
  const cpu = process.cpuUsage();
  const start = nowNs();
  const result = await analyzeProject(dir);
  const text = jsonReporter.render({ project: result.project, findings: result.findings, tool: { name: 'migralint', version: toolVersion() } });
  const ms = msSince(start);
  const cpuMs = cpuSince(cpu);
  const migrations = result.project.migrations;
  let ops = 0;
  let sqlOps = 0;
  for (const m of migrations) {
    for (const op of [...m.up, ...m.down]) {
      ops++;
      if (op.sql) sqlOps++;
    }
  }
  return {
    ms,
    cpuMs,
    migrations: migrations.length,
    notOk: migrations.filter((m) => m.status !== 'ok').length,
    findings: result.findings.length,
    ops,
    sqlOps,
    bytes: text.length,
  };
}

interface BareResult {
  ms: number;
  cpuMs: number;
  failed: number;
}

/** Reads every migration and parses it with the same parser and options; nothing else. */
function runBare(dir: string): BareResult {
  const cpu = process.cpuUsage();
  const start = nowNs();
  const migrations = path.join(dir, 'migrations');
  const names = readdirSync(migrations).sort();
  let failed = 0;
  for (const name of names) {
    const abs = path.join(migrations, name);
    const parsed = parseSource(readFileSync(abs, 'utf8'), abs);
    if (!parsed.ok) failed++;
  }
  const ms = msSince(start);
  return { ms, cpuMs: cpuSince(cpu), failed };
}

interface Row {
  n: number;
  fullMs: number;
  bareMs: number;
  fullMin: number;
  bareMin: number;
  /** Median of the per-run ratios full_i / bare_i (each pair ran back to back). */
  pairedRatio: number;
  fullCpu: number;
  bareCpu: number;
  full: FullResult;
  lines: number;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

async function measure(n: number, runs: number, keep: boolean, log: (s: string) => void): Promise<Row> {
  const dir = path.join(os.tmpdir(), `migralint-bench-${n}-${process.pid}`);
  const files = generateMigrations(n);
  writeProject(dir, files);
  const lines = files.reduce((s, f) => s + f.source.split('\n').length - 1, 0);
  try {
    const fulls: FullResult[] = [];
    const bares: BareResult[] = [];
    for (let r = 0; r < runs; r++) {
      // Alternate the order so neither side always runs on a warmer cache / heap.
      if (r % 2 === 0) {
        collect();
        fulls.push(await runFull(dir));
        collect();
        bares.push(runBare(dir));
      } else {
        collect();
        bares.push(runBare(dir));
        collect();
        fulls.push(await runFull(dir));
      }
    }
    const full = fulls[0]!;
    if (full.migrations !== n) throw new Error(`expected ${n} migrations, analyzeProject saw ${full.migrations}`);
    if (full.notOk > 0 || bares.some((b) => b.failed > 0)) {
      throw new Error(`generator bug: ${full.notOk} migrations not 'ok', ${bares[0]!.failed} failed to parse (rerun with --keep and inspect ${dir})`);
    }
    const row: Row = {
      n,
      fullMs: median(fulls.map((f) => f.ms)),
      bareMs: median(bares.map((b) => b.ms)),
      fullMin: Math.min(...fulls.map((f) => f.ms)),
      bareMin: Math.min(...bares.map((b) => b.ms)),
      pairedRatio: median(fulls.map((f, i) => f.ms / bares[i]!.ms)),
      fullCpu: median(fulls.map((f) => f.cpuMs)),
      bareCpu: median(bares.map((b) => b.cpuMs)),
      full,
      lines,
    };
    log(
      `  N=${fmt(n)}: full ${fulls.map((f) => fmt(f.ms, 1)).join(' / ')} ms, bare ${bares.map((b) => fmt(b.ms, 1)).join(' / ')} ms` +
        ` (${fmt(lines)} lines, ${fmt(full.ops)} ops of which ${fmt(full.sqlOps)} from SQL, ${fmt(full.findings)} findings, ${fmt(full.bytes / 1024)} KiB JSON)`,
    );
    return row;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function loadAvg(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** The commit measured, and whether the working tree had local changes (read-only git calls). */
function treeState(): string {
  try {
    // --no-optional-locks: `status` must not even refresh the index.
    const git = (...args: string[]) => execFileSync('git', ['--no-optional-locks', ...args], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'src', 'rules') !== '';
    return `${head}${dirty ? ' + uncommitted changes in src/ or rules/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const cpus = os.cpus();
  log('migralint benchmark: full `report --format json` (in-process) vs bare parse');
  log(`  date:    ${new Date().toISOString()}`);
  log(`  node:    ${process.version} (${process.platform}/${process.arch})`);
  log(`  cpu:     ${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`);
  log(`  memory:  ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`);
  log(`  tree:    ${treeState()}; ${RULES.length} rules`);
  log(`  load:    ${loadAvg()} (1/5/15 min) at start`);
  log(`  sizes:   ${opts.sizes.join(', ')}; ${opts.runs} run(s) each, median reported; full GC before each measurement: ${gcFn ? 'yes' : 'no (could not expose gc)'}`);

  // The WASM PostgreSQL parser is loaded once, before any timing: its one-off
  // initialisation is not part of the measured figures.
  const loadStart = nowNs();
  await loadSqlParser();
  log(`  SQL parser (libpg-query WASM) loaded before timing in ${fmt(msSince(loadStart), 1)} ms; not counted below.`);

  // Warm-up on the smallest size so the JIT has compiled the hot paths
  // (typescript-estree is large: a single pass of 100 files leaves much of it
  // unoptimised, so the smallest project is analysed until ~2,000 files went through).
  const warm = opts.sizes[0]!;
  const warmPasses = Math.min(20, Math.max(2, Math.ceil(2000 / warm)));
  const warmStart = nowNs();
  await measure(warm, warmPasses, false, () => {});
  log(`  warm-up: N=${warm} x ${warmPasses} passes (full + bare), ${fmt(msSince(warmStart) / 1000, 1)} s, not reported`);

  log('');
  const rows: Row[] = [];
  for (const n of opts.sizes) rows.push(await measure(n, opts.runs, opts.keep, log));

  log('');
  log(
    table(
      ['N', 'files/s (full)', 'full ms', 'bare parse ms', 'full/bare', 'full ms/file', 'bare ms/file'],
      rows.map((r) => [
        fmt(r.n),
        fmt(r.n / (r.fullMs / 1000)),
        fmt(r.fullMs, 1),
        fmt(r.bareMs, 1),
        `${fmt(r.fullMs / r.bareMs, 2)}x`,
        fmt(r.fullMs / r.n, 3),
        fmt(r.bareMs / r.n, 3),
      ]),
    ),
  );
  log('');
  log('Other views of the same runs (wall time is sensitive to other load on the machine):');
  log(
    table(
      ['N', 'best full ms', 'best bare ms', 'best ratio', 'paired ratio (median)', 'CPU ms full', 'CPU ms bare', 'CPU ratio'],
      rows.map((r) => [
        fmt(r.n),
        fmt(r.fullMin, 1),
        fmt(r.bareMin, 1),
        `${fmt(r.fullMin / r.bareMin, 2)}x`,
        `${fmt(r.pairedRatio, 2)}x`,
        fmt(r.fullCpu, 0),
        fmt(r.bareCpu, 0),
        `${fmt(r.fullCpu / r.bareCpu, 2)}x`,
      ]),
    ),
  );
  log('');

  const at = (n: number) => rows.find((r) => r.n === n);
  const [lo, hi] = at(1000) && at(10000) ? [at(1000)!, at(10000)!] : rows.length >= 2 ? [rows[rows.length - 2]!, rows[rows.length - 1]!] : [undefined, undefined];
  if (lo && hi) {
    const growth = (hi.fullMs / hi.n) / (lo.fullMs / lo.n);
    const bareGrowth = (hi.bareMs / hi.n) / (lo.bareMs / lo.n);
    log(
      `Linearity ${fmt(lo.n)} -> ${fmt(hi.n)}: full ms/file x${fmt(growth, 2)}, bare ms/file x${fmt(bareGrowth, 2)} (1.00 = perfectly linear)`,
    );
  } else {
    log('Linearity: needs at least two sizes.');
  }
  const worst = Math.max(...rows.map((r) => r.fullMs / r.bareMs));
  log(`Target full/bare <= 1.30x (medians): ${worst <= 1.3 ? 'met' : `NOT met (worst ${fmt(worst, 2)}x)`}`);
  log(`Load average at end: ${loadAvg()} on ${os.cpus().length} CPUs`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
