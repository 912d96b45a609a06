/**
 * migralint beside its peers on the real corpus, whole processes as a user runs them:
 *
 * - pgfence (`@flvmnt/pgfence`, `pgfence analyze --output json <files>`) on the migration files of opencollective,
 *   outline and the repository's own fixtures/lms-backend, against `migralint report <project> --format json`
 *   (which also reads the project's models, database config and npm scripts: more than pgfence reads);
 * - squawk (`squawk-cli`, its native binary, not the npm wrapper) on the raw SQL of Lemmy's migrations (every
 *   `up.sql`), against migralint on the same SQL: migralint reads Sequelize migrations, not `.sql` files, so each
 *   `up.sql` becomes one migration in a project under $TMPDIR whose `up` sends that text through
 *   `queryInterface.sequelize.query` (nothing of the corpus is written into the repository).
 *
 * Neither peer is a dependency of this repository: install them elsewhere and point MIGRALINT_PEERS there.
 *
 *   npm install --prefix /tmp/peers @flvmnt/pgfence squawk-cli @typescript-eslint/typescript-estree typescript
 *   npm run build && MIGRALINT_CORPUS=/work/corpus MIGRALINT_PEERS=/tmp/peers node dist/bench/peers.js --runs 5
 *
 * (pgfence 0.1.5 imports @typescript-eslint/typescript-estree for Sequelize files without declaring it.)
 *
 * Each measurement is a fresh process timed by /usr/bin/time (user + system CPU, wall, peak RSS; CPU is what
 * counts on a shared machine). The tools of a workload run interleaved, K times, in alternating order; the
 * tables show medians and the ratio migralint / peer (below 1: migralint cheaper).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'migralint.js');
const TIME = '/usr/bin/time';

interface Sample {
  cpuMs: number;
  wallMs: number;
  maxRssKb: number;
}

interface Tool {
  name: string;
  argv: string[];
  /** Exit codes that mean "ran to the end" (linters exit 1 on findings). */
  ok: number[];
}

interface Workload {
  name: string;
  files: number;
  tools: [Tool, Tool];
}

function fail(message: string): never {
  process.stderr.write(`peers: ${message}\n`);
  process.exit(2);
}

/** One run under /usr/bin/time. */
function measure(tool: Tool): Sample {
  const out = path.join(os.tmpdir(), `migralint-peers-time-${process.pid}.txt`);
  const r = spawnSync(TIME, ['-o', out, '-f', '%U %S %e %M', ...tool.argv], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const line = readFileSync(out, 'utf8').trim().split('\n').at(-1)!;
  rmSync(out, { force: true });
  if (r.status === null || !tool.ok.includes(r.status)) fail(`${tool.name} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  const [user, sys, wall, rss] = line.split(' ').map(Number) as [number, number, number, number];
  return { cpuMs: (user + sys) * 1000, wallMs: wall * 1000, maxRssKb: rss };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Migration files of a folder, as pgfence takes them (JavaScript and TypeScript). */
function migrationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.(c?js|ts)$/.test(n) && !n.endsWith('.d.ts'))
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * The files pgfence analyzes without stopping: one file it cannot parse (a `:name` replacement in SQL, `ALTER
 * TYPE ... ADD VALUE` with its libpg-query 16, a file it cannot classify) ends its whole run with exit 2, so it
 * is given only the others. Asked through its own `analyze`, one file at a time, in one child process.
 */
function pgfenceAccepts(peers: string, files: string[]): string[] {
  const analyzer = path.join(peers, 'node_modules', '@flvmnt', 'pgfence', 'dist', 'analyzer.js');
  const script = `
    const { analyze } = await import(${JSON.stringify(analyzer)});
    const config = { format: 'auto', output: 'json', minPostgresVersion: 11, maxAllowedRisk: 'high', requireLockTimeout: true, requireStatementTimeout: true };
    const ok = [];
    for (const f of JSON.parse(process.argv[1])) {
      try { await analyze([f], config); ok.push(f); } catch {}
    }
    process.stdout.write(JSON.stringify(ok));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) fail(`pgfence's analyze could not be run: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as string[];
}

/** Lemmy's `up.sql` files, in order, each as one Sequelize migration of a project under $TMPDIR. */
function lemmyProject(lemmy: string, into: string): { sqlFiles: string[]; root: string } {
  const dirs = readdirSync(lemmy)
    .filter((d) => existsSync(path.join(lemmy, d, 'up.sql')))
    .sort();
  const root = path.join(into, 'lemmy-as-sequelize');
  mkdirSync(path.join(root, 'migrations'), { recursive: true });
  dirs.forEach((d, i) => {
    const sql = readFileSync(path.join(lemmy, d, 'up.sql'), 'utf8');
    const name = `${String(i).padStart(4, '0')}-${d.replace(/[^\w-]/g, '_')}.js`;
    writeFileSync(
      path.join(root, 'migrations', name),
      `module.exports = {\n  up: async (queryInterface) => {\n    await queryInterface.sequelize.query(${JSON.stringify(sql)});\n  },\n  down: async () => {},\n};\n`,
    );
  });
  return { sqlFiles: dirs.map((d) => path.join(lemmy, d, 'up.sql')), root };
}

function main(): void {
  let runs = 5;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else fail(`unknown argument ${argv[i]} (expected --runs K)`);
  }
  if (!Number.isInteger(runs) || runs <= 0) fail('--runs takes a positive integer');
  const corpus = process.env.MIGRALINT_CORPUS;
  const peers = process.env.MIGRALINT_PEERS ?? '/tmp/peers';
  if (!corpus) fail('set MIGRALINT_CORPUS to the corpus folder');
  if (!existsSync(TIME)) fail(`${TIME} is needed (GNU time)`);
  const pgfence = path.join(peers, 'node_modules', '.bin', 'pgfence');
  const squawk = path.join(peers, 'node_modules', '@squawk-cli', `${process.platform}-${process.arch}`, 'bin', 'squawk');
  for (const bin of [pgfence, squawk]) {
    if (!existsSync(bin)) fail(`${bin} not found: npm install --prefix ${peers} @flvmnt/pgfence squawk-cli @typescript-eslint/typescript-estree typescript`);
  }
  const report = (root: string): Tool => ({ name: 'migralint', argv: [process.execPath, BIN, 'report', root, '--format', 'json', '--fail-on', 'never', '--no-config'], ok: [0] });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-peers-'));
  try {
    const workloads: Workload[] = [];
    for (const [name, root, migrations] of [
      ['opencollective', path.join(corpus, 'opencollective__opencollective-api'), 'migrations'],
      ['outline', path.join(corpus, 'outline__outline'), 'server/migrations'],
      ['lms-backend (fixture)', path.join(REPO, 'fixtures', 'lms-backend'), 'migrations'],
    ] as const) {
      if (!existsSync(path.join(root, migrations))) fail(`${path.join(root, migrations)} not found`);
      const all = migrationFiles(path.join(root, migrations));
      const files = pgfenceAccepts(peers, all);
      workloads.push({
        name: `${name}: migralint all ${all.length}, pgfence the ${files.length} it can read`,
        files: all.length,
        tools: [report(root), { name: 'pgfence', argv: [pgfence, 'analyze', '--output', 'json', ...files], ok: [0, 1] }],
      });
    }
    const lemmy = path.join(corpus, 'LemmyNet__lemmy', 'migrations');
    if (!existsSync(lemmy)) fail(`${lemmy} not found`);
    const { sqlFiles, root } = lemmyProject(lemmy, tmp);
    workloads.push({ name: 'Lemmy up.sql', files: sqlFiles.length, tools: [report(root), { name: 'squawk', argv: [squawk, '--reporter', 'json', ...sqlFiles], ok: [0, 1] }] });

    const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    process.stdout.write(`peers: ${runs} interleaved runs per tool, load average at start ${load}\n`);
    const samples = workloads.map(() => [[] as Sample[], [] as Sample[]]);
    for (const w of workloads) for (const t of w.tools) measure(t); // warm the page cache, unreported
    for (let r = 0; r < runs; r++) {
      workloads.forEach((w, i) => {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const k of order) samples[i]![k]!.push(measure(w.tools[k]!));
      });
    }
    const lines = [
      '| workload | files | tool | CPU ms | wall ms | peak RSS MB | migralint / peer CPU | migralint / peer wall |',
      '|---|---:|---|---:|---:|---:|---:|---:|',
    ];
    workloads.forEach((w, i) => {
      const [m, p] = samples[i]!.map((s) => ({ cpu: median(s.map((x) => x.cpuMs)), wall: median(s.map((x) => x.wallMs)), rss: median(s.map((x) => x.maxRssKb)) / 1024 })) as [
        { cpu: number; wall: number; rss: number },
        { cpu: number; wall: number; rss: number },
      ];
      lines.push(`| ${w.name} | ${w.files} | migralint | ${m.cpu.toFixed(0)} | ${m.wall.toFixed(0)} | ${m.rss.toFixed(0)} | **${(m.cpu / p.cpu).toFixed(2)}×** | ${(m.wall / p.wall).toFixed(2)}× |`);
      lines.push(`| | | ${w.tools[1].name} | ${p.cpu.toFixed(0)} | ${p.wall.toFixed(0)} | ${p.rss.toFixed(0)} | | |`);
    });
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
