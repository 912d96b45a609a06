#!/usr/bin/env node
// Runs migralint on the rebuilt real-world corpus (../shared/corpus/, rebuilt outside the repo into
// $MIGRALINT_CORPUS) the way a user would: from each project's root, with no --migrations.
//
//   MIGRALINT_CORPUS=/path node scripts/corpus.mjs run <outdir> [--config <file>]
//                                                                       JSON report per project (--no-config unless given)
//   node scripts/corpus.mjs counts <outdir>                             per-project counts by rule and severity
//   node scripts/corpus.mjs sample <outdir> <n> <seed> [--min warning]  seeded random sample of findings
//   node scripts/corpus.mjs labels <outdir> <labels.json>               what the run reports at each labeled finding
//
// Nothing from the corpus is copied into the repository: the output directory must lie outside it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seededRandom } from '../dist/src/util/random.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each project's root, as its README or scripts run the migrations (see ../shared/corpus/README.md). */
export const PROJECTS = [
  'outline__outline',
  'opencollective__opencollective-api',
  '12008yz__chibox-game',
  'ekspil__ivend-graphql-api',
  'wednesday-solutions__appsync-rds-todo',
  'GladysAssistant__Gladys/server',
  'bobpepers__runesmultiplier/server',
  'AllexThiagoSR__event-house-manager/backend',
  'MRC-Epid-it24__intake24/packages/db',
  'metriport__metriport/packages/api',
  'FlowFuse__flowfuse',
  'rfcx__guardian-api',
  'hackmdio__codimd',
];

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write('usage: corpus.mjs run <outdir> [--config <file>] | counts <outdir> | sample <outdir> <n> <seed> [--min warning]\n');
  process.exit(2);
}

function outsideRepo(dir) {
  const abs = resolve(dir);
  if (abs === repoRoot || abs.startsWith(`${repoRoot}/`)) usage(`${dir} lies inside the repository; keep corpus output outside it`);
  return abs;
}

function fileName(project) {
  return `${project.replaceAll('/', '~')}.json`;
}

function run(outdir, config) {
  const corpus = process.env.MIGRALINT_CORPUS;
  if (!corpus || !existsSync(corpus)) usage('set MIGRALINT_CORPUS to the rebuilt corpus folder');
  mkdirSync(outdir, { recursive: true });
  for (const project of PROJECTS) {
    const dir = join(corpus, project);
    const started = process.hrtime.bigint();
    // `--config <file>`: the same run with rule settings of one's own (the strict rules on, say) instead of none.
    const settings = config ? ['--config', resolve(config)] : ['--no-config'];
    const res = spawnSync(process.execPath, [join(repoRoot, 'bin/migralint.js'), 'report', dir, '--format', 'json', '--fail-on', 'never', ...settings], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const record = { project, exit: res.status, stderr: res.stderr.slice(0, 4000), ms: Math.round(ms) };
    let report = null;
    try {
      report = JSON.parse(res.stdout);
    } catch {
      /* a fatal run prints no JSON */
    }
    writeFileSync(join(outdir, fileName(project)), `${JSON.stringify({ ...record, report }, null, 1)}\n`);
    const n = report ? report.findings.length : 'no report';
    process.stdout.write(`${project}: exit ${res.status}, ${n} findings, ${Math.round(ms)} ms${res.status === 2 ? `\n  ${res.stderr.trim().split('\n')[0]}` : ''}\n`);
  }
}

function load(outdir) {
  return PROJECTS.map((project) => {
    const path = join(outdir, fileName(project));
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { project, report: null };
  });
}

function counts(outdir) {
  const rows = [];
  const total = {};
  for (const { project, report, exit, stderr } of load(outdir)) {
    if (!report) {
      rows.push(`| ${project} | no report (exit ${exit}): ${String(stderr ?? '').trim().split('\n')[0]} |`);
      continue;
    }
    const byRule = {};
    for (const f of report.findings) {
      const key = `${f.rule} ${f.severity}`;
      byRule[key] = (byRule[key] ?? 0) + 1;
      total[key] = (total[key] ?? 0) + 1;
    }
    const changing = report.migrations.filter((m) => m.up.length > 0).length;
    const we = report.findings.filter((f) => f.severity !== 'info').length;
    const parts = Object.entries(byRule).sort().map(([k, v]) => `${k}: ${v}`);
    rows.push(`| ${project} | ${report.migrations.length} migrations (${changing} change something), runner ${report.project.runner?.kind ?? '-'}; ${report.findings.length} findings, ${we} warning+error | ${parts.join('; ')} |`);
  }
  process.stdout.write(`${rows.join('\n')}\n\nTotal: ${Object.entries(total).sort().map(([k, v]) => `${k}: ${v}`).join('; ')}\n`);
}


function sample(outdir, n, seed, min) {
  const all = [];
  for (const { project, report } of load(outdir)) {
    if (!report) continue;
    for (const f of report.findings) {
      if (SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min]) all.push({ project, ...f });
    }
  }
  all.sort((a, b) => `${a.project}/${a.file}:${a.line}:${a.rule}`.localeCompare(`${b.project}/${b.file}:${b.line}:${b.rule}`));
  const rnd = seededRandom(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const picked = all.slice(0, n);
  process.stdout.write(`${JSON.stringify({ population: all.length, seed, min, sample: picked.map((f) => ({ where: `${f.project}/${f.file}:${f.line}`, rule: f.rule, severity: f.severity, message: f.message })) }, null, 1)}\n`);
}

/**
 * For each labeled finding (../shared/corpus/labels.json), what this run reports at the same file and line
 * for the same rule: gone, or its severity. A TP must still be there at a severity worth it; an FP gone; a
 * NOISE gone or lowered to info.
 */
function labels(outdir, labelsFile) {
  const runs = load(outdir);
  const byFile = new Map();
  for (const { project, report } of runs) {
    if (!report) continue;
    for (const f of report.findings) {
      const key = `${project.split('/')[0]}/${project.split('/').slice(1).concat(f.file).join('/')}`;
      byFile.set(`${key}:${f.line}:${f.rule}`, [...(byFile.get(`${key}:${f.line}:${f.rule}`) ?? []), f]);
    }
  }
  const rows = [];
  const tally = {};
  for (const l of JSON.parse(readFileSync(labelsFile, 'utf8'))) {
    const hits = byFile.get(`${l.file}:${l.line}:${l.rule}`) ?? [];
    const now = hits.length === 0 ? 'gone' : [...new Set(hits.map((h) => h.severity))].join('+');
    const ok = l.verdict === 'TP' ? now !== 'gone' && now !== 'info' : l.verdict === 'FP' ? now === 'gone' : now === 'gone' || now === 'info';
    const key = `${l.verdict} ${ok ? 'as labeled' : 'NOT as labeled'}`;
    tally[key] = (tally[key] ?? 0) + 1;
    rows.push(`| ${l.n} | ${l.rule} | ${l.file}:${l.line} | ${l.verdict} | ${now} | ${ok ? 'yes' : '**no**'} |`);
  }
  process.stdout.write(`| # | rule | file:line | label | now | as the label asks |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n\n${Object.entries(tally).sort().map(([k, v]) => `${k}: ${v}`).join('; ')}\n`);
}

function main() {
  const [cmd, dir, ...rest] = process.argv.slice(2);
  if (!cmd || !dir) usage();
  const outdir = outsideRepo(dir);
  if (cmd === 'run') run(outdir, rest[0] === '--config' ? rest[1] : undefined);
  else if (cmd === 'counts') counts(outdir);
  else if (cmd === 'labels') labels(outdir, rest[0] ?? join(repoRoot, '..', 'shared', 'corpus', 'labels.json'));
  else if (cmd === 'sample') {
    const minIndex = rest.indexOf('--min');
    const min = minIndex >= 0 ? rest[minIndex + 1] : 'info';
    if (!SEVERITY_RANK[min]) usage(`--min takes error, warning or info`);
    sample(outdir, Number(rest[0] ?? 60), Number(rest[1] ?? 1), min);
  } else usage(`unknown command ${cmd}`);
}

// Imported for PROJECTS (scripts/squawk-side-by-side.mjs): the commands run only when this file is the script.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
