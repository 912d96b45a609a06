/**
 * Peak memory of `migralint report --format json` as a user runs it (issue 16: at most 8 KB per file at 30,000
 * migrations): a fresh Node process running bin/migralint.js on a generated project (bench/generate.ts: migrations,
 * models, config, scripts), its output to /dev/null; the child's own peak resident set
 * (`process.resourceUsage().maxRSS`) at exit. A measurement, not a test: nothing fails on a figure.
 *
 * Besides the peak per file, the table shows what grows with the project: (peak at N - peak at 1 migration) / N,
 * the start-up, module loading and the SQL parser's WASM memory being paid once.
 *
 *   npm run build && node dist/bench/memory.js                    # 1, 1,000 and 5,000 migrations
 *   npm run build && node dist/bench/memory.js --sizes 1,30000    # the issue's size (about 1 minute and 1 GB)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigrations, writeProject, writeSurroundings } from './generate';

const BIN = path.join(__dirname, '..', '..', 'bin', 'migralint.js');

interface Sample {
  maxRssKb: number;
  cpuMs: number;
  wallMs: number;
}

function parseSizes(argv: string[]): number[] {
  const i = argv.indexOf('--sizes');
  const sizes = i >= 0 ? (argv[i + 1] ?? '').split(',').map((s) => Number(s.replace(/_/g, ''))) : [1, 1000, 5000];
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes takes positive integers, comma-separated');
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** In the child: bin/migralint.js as `migralint report <dir> --format json`, then its peak RSS and CPU on stderr's last line. */
function child(dir: string): void {
  process.argv = [process.argv[0]!, BIN, 'report', dir, '--format', 'json', '--fail-on', 'never', '--no-config'];
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    process.stderr.write(`\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the command line as a user does
  require(BIN);
}

function runOnce(dir: string): Sample {
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [__filename, '--child', dir], { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const last = r.stderr.trim().split('\n').pop() ?? '';
    if (r.status !== 0) throw new Error(`report failed on ${dir} (${r.status}): ${r.stderr}`);
    return { wallMs, ...(JSON.parse(last) as Omit<Sample, 'wallMs'>) };
  } finally {
    closeSync(devNull);
  }
}

function loadLine(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} CPUs`;
}

function main(): void {
  const sizes = parseSizes(process.argv.slice(2));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-bench-memory-'));
  try {
    console.log(`migralint report --format json > /dev/null, fresh process, peak RSS; Node ${process.version}; ${loadLine()}`);
    console.log('| migrations | peak RSS | per file | growth per file (vs 1 migration) | CPU | wall |');
    console.log('|---:|---:|---:|---:|---:|---:|');
    let base: number | null = null;
    for (const n of sizes) {
      const dir = path.join(tmp, `project-${n}`);
      writeProject(dir, generateMigrations(n));
      writeSurroundings(dir);
      const s = runOnce(dir);
      rmSync(dir, { recursive: true, force: true });
      if (n === 1) base = s.maxRssKb;
      const growth = base !== null && n > 1 ? `${((s.maxRssKb - base) / n).toFixed(1)} KB` : '';
      console.log(
        `| ${n.toLocaleString('en-US')} | ${(s.maxRssKb / 1024).toFixed(0)} MB | ${n > 1 ? `${(s.maxRssKb / n).toFixed(1)} KB` : ''} | ${growth} | ${(s.cpuMs / 1000).toFixed(2)} s | ${(s.wallMs / 1000).toFixed(2)} s |`,
      );
    }
    console.log(`\nafter: ${loadLine()}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3]!);
else main();
