/**
 * Benchmark of `migralint verify` on fixtures/lms-backend (31 migrations):
 * wall time per phase, and the rest (starting PGlite, the child process,
 * closing). Each run is a fresh Node process running the built CLI's code
 * in-process, so a run starts PGlite as a user's run does. The first run
 * starts without the pristine data directory kept in $TMPDIR (initdb runs);
 * the others load it. Target: under 20 s on 2 cores.
 *
 *   npm run build && node dist/bench/verify.js             # 3 runs
 *   node dist/bench/verify.js --runs 5 --database-url postgres://postgres@127.0.0.1:5432/postgres
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeProject } from '../src/project';
import { verifyAnalysis } from '../src/verify';
import { pristineFile } from '../src/verify/database';

const LMS = path.resolve(__dirname, '..', '..', 'fixtures', 'lms-backend');

interface Sample {
  analyzeMs: number;
  verifyMs: number;
  phases: Record<string, number>;
}

async function once(databaseUrl?: string): Promise<Sample> {
  let t = performance.now();
  const analysis = await analyzeProject(LMS);
  const analyzeMs = performance.now() - t;
  t = performance.now();
  const v = await verifyAnalysis(analysis, databaseUrl ? { databaseUrl } : {});
  const verifyMs = performance.now() - t;
  return { analyzeMs, verifyMs, phases: Object.fromEntries(v.run.phases.map((p) => [p.id, p.ms])) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(await once(args[1])));
    return;
  }
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const url = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1] : undefined;
  const cache = pristineFile();
  if (!url && cache) rmSync(cache, { force: true });
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`migralint verify, fixtures/lms-backend, ${url ? 'server' : 'embedded PGlite'}, ${runs} runs (the first ${url ? '' : 'with initdb, '}each a new process)`);
  console.log('run  analyze  start+close  up     half   rerun  rollback  models  verify total');
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [__filename, '--child', ...(url ? [url] : [])], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const s = JSON.parse(r.stdout) as Sample;
    const phases = Object.values(s.phases).reduce((a, b) => a + b, 0);
    console.log(
      [String(i + 1).padEnd(4), fmt(s.analyzeMs).padEnd(8), fmt(s.verifyMs - phases).padEnd(12), fmt(s.phases.up!).padEnd(6), fmt(s.phases['half-applied']!).padEnd(6), fmt(s.phases.rerun!).padEnd(6), fmt(s.phases.rollback!).padEnd(9), fmt(s.phases.models!).padEnd(7), fmt(s.verifyMs)].join(' '),
    );
  }
}

void main();
