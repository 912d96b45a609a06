import path from 'node:path';
import type { Finding, Migration, ProjectModel, VerificationRun } from '../model';
import type { Reporter, ReportInput } from './types';
import { summarize, type Summary, type Verdict } from './summary';
import { byRisk } from './risk-order';
import { anchor, code, collapse, fileLink, inline, joinAnd, plural, table, text, type LinkBase } from './markdown/format';
import { downBehaviour, GUARD_KINDS, guardCounts, isWrite, shortOps } from './markdown/operations';
import { analyzeNumbering } from './markdown/numbering';
import { analyzeDataLoss, type LossItem, type MigrationLoss } from './markdown/data-loss';
import { dataSafetyRows, ordinal, SAFETY_LABEL } from './markdown/verdict';
import { renderFindings, ruleInfo, ruleLink } from './markdown/findings';
import { commandTables, configSection, modelsSection, scriptVerdictRows } from './markdown/project-sections';

/** How many findings the executive summary lists before pointing at the Findings section. */
const TOP_RISKS = 10;

const VERDICT: Record<Verdict, { label: string; meaning: string }> = {
  safe: { label: '✅ SAFE', meaning: 'No finding: nothing in these migrations was found to lose data, fail half-way or need review.' },
  review: { label: '⚠️ REVIEW', meaning: 'No errors, but the warnings below deserve a look before these migrations run in production.' },
  unsafe: {
    label: '❌ UNSAFE',
    meaning: 'At least one error: running or rolling back these migrations can lose data or fail half-way. Fix the errors before deploying.',
  },
};

/** The project's display name: the last segment of the root (of the absolute root for `.`). */
function projectName(project: ProjectModel): string {
  const name = path.posix.basename(displayRoot(project));
  if (name === '' || name === '.' || name === '..') return path.posix.basename(posix(project.project.absRoot)) || '.';
  return name;
}

/**
 * The root as given when relative; only its last segment when absolute, so
 * a report committed or pasted elsewhere carries no machine-specific path.
 */
function displayRoot(project: ProjectModel): string {
  const root = posix(project.project.root).replace(/(.)\/+$/, '$1');
  return path.posix.isAbsolute(root) || /^[A-Za-z]:\//.test(root) ? path.posix.basename(root) || root : root;
}

function posix(p: string): string {
  return p.replace(/\\/g, '/');
}

function isCreateTableMigration(m: Migration): boolean {
  return m.up.some((o) => o.op === 'createTable');
}

function names(ms: readonly Migration[], max = 4): string {
  return ms.length === 0 ? '—' : collapse(ms.map((m) => code(m.name)), max);
}

// ---------------------------------------------------------------- sections

function header(input: ReportInput, links: LinkBase): string[] {
  const { project, tool } = input;
  const ms = project.migrations;
  const bad = (status: Migration['status']) => ms.filter((m) => m.status === status && !m.analysisLimit).length;
  const limited = ms.filter((m) => m.analysisLimit).length;
  const ok = bad('ok');
  const files =
    ok === ms.length
      ? plural(ms.length, 'migration')
      : `${plural(ms.length, 'file')} (${[
          plural(ok, 'migration'),
          bad('parse-error') ? `${bad('parse-error')} that ${bad('parse-error') === 1 ? 'does' : 'do'} not parse` : '',
          bad('unreadable') ? `${bad('unreadable')} unreadable` : '',
          limited ? `${limited} over an analysis limit` : '',
          bad('not-a-migration') ? `${bad('not-a-migration')} that ${bad('not-a-migration') === 1 ? 'is not a migration' : 'are not migrations'}` : '',
        ]
          .filter(Boolean)
          .join(', ')})`;
  return [
    `# Migration safety report: ${text(projectName(project))}`,
    '',
    `Project ${code(displayRoot(project))} · migrations in ${(project.project.migrationSets ?? [project.project.migrationsDir]).map((d) => code(`${posix(d)}/`)).join(' and ')} · ${files} · ${text(tool.name)} ${text(tool.version)}`,
    ...runnerLines(project, links),
  ];
}

/** How the migrations run, with the evidence: every judgement of the report depends on it. */
function runnerLines(project: ProjectModel, links: LinkBase): string[] {
  const runner = project.project.runner;
  if (!runner) return [];
  const where = (e: { file: string; line: number } | null | undefined) => (e ? ` (${fileLink(e.file, e.line, links)})` : '');
  const name = runner.kind === 'sequelize-cli' ? 'sequelize-cli' : runner.kind === 'umzug' ? 'umzug' : 'the project’s own runner';
  const parts = [
    `**Runner:** ${name}${runner.evidence ? where(runner.evidence) : ' (assumed: nothing else runs the migrations)'}`,
    runner.filter.list
      ? `runs the ${runner.filter.list.length} migrations its list names`
      : runner.filter.pattern
        ? `loads names matching ${code(`/${runner.filter.pattern}/`)}`
        : `loads ${runner.filter.recursive ? 'every sub-folder’s' : 'the folder’s'} ${runner.filter.extensions.map((e) => `.${e}`).join(' ')} files`,
    runner.filter.list ? 'in the list’s order' : runner.order === 'name' ? 'in file-name order' : 'in its own order',
    runner.transaction === 'per-migration'
      ? `each migration in a transaction${where(runner.transactionEvidence)}`
      : runner.transaction === 'none'
        ? 'no transaction around a migration'
        : 'transaction unknown',
    runner.downRunnable === 'no' ? '`down` never runs (no script or runner calls it)' : runner.downRunnable === 'yes' ? `\`down\` can run${where(runner.downEvidence)}` : '`down` unknown',
  ];
  if (runner.onError === 'continues') parts.push(`a migration that fails is logged and the application goes on${where(runner.onErrorEvidence)}`);
  if (runner.baseline) parts.push(`baseline ${code(runner.baseline.migration)}${where(runner.baseline.evidence)}: on a fresh database the migrations before it are marked done without running`);
  const lines = ['', `${parts.join(' · ')}.`];
  for (const note of runner.notes) lines.push('', `> ${text(note)}`);
  return lines;
}

function executiveSummary(project: ProjectModel, findings: readonly Finding[], s: Summary, links: LinkBase, baselined?: ReportInput['baselined']): string[] {
  const hidden = baselined?.findings ?? [];
  // Safe with infos: nothing to fix, but say that the infos exist (a reversal's possible loss is one).
  let v =
    s.verdict === 'safe' && s.infos > 0
      ? { label: VERDICT.safe.label, meaning: `No error or warning: nothing in these migrations was found to lose existing data, fail half-way or need review; ${s.infos === 1 ? 'one info note' : `${s.infos} info notes`} below for the record.` }
      : VERDICT[s.verdict];
  // With a baseline, the verdict is about what is new: say so, never "no finding".
  if (hidden.length > 0 && s.verdict === 'safe') {
    v = { label: `${VERDICT.safe.label} (no new finding)`, meaning: 'Nothing that the baseline does not already record was found to lose data, fail half-way or need review.' };
  }
  const allOk = project.migrations.every((m) => m.status === 'ok');
  const count = (n: number, one: string, many: string) => `**${n}** ${n === 1 ? one : many}`;
  const out = [
    '## Executive summary',
    '',
    `**Verdict: ${v.label}.** ${v.meaning}`,
    '',
    [
      allOk ? count(s.migrations, 'migration', 'migrations') : count(s.migrations, 'file', 'files'),
      count(s.errors, 'error', 'errors'),
      count(s.warnings, 'warning', 'warnings'),
      count(s.infos, 'info', 'infos'),
    ].join(' · '),
  ];
  if (hidden.length > 0 && baselined) out.push('', baselineLine(baselined.file, hidden));
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const top = (errors.length > 0 ? errors : warnings).slice().sort(byRisk(project));
  if (top.length > 0) {
    out.push('', errors.length > 0 ? '**Top risks:**' : '**Top risks (warnings):**', '');
    for (const f of top.slice(0, TOP_RISKS)) out.push(`- ${fileLink(f.file, f.line, links)}: ${inline(f.message)} (${code(f.rule)})`);
    if (top.length > TOP_RISKS) out.push(`- … and ${top.length - TOP_RISKS} more in [Findings](#findings).`);
    if (errors.length > 0 && warnings.length > 0) out.push('', `Also ${plural(warnings.length, 'warning')}: ${ruleCounts(warnings)}.`);
  }
  return out;
}

/** What the baseline hides: counted by severity and rule, with the files, so a clean verdict is never read as a clean project. */
function baselineLine(file: string, hidden: readonly Finding[]): string {
  const by = (sev: Finding['severity']) => hidden.filter((f) => f.severity === sev).length;
  const files = [...new Set(hidden.map((f) => f.file))].sort();
  return (
    `**Hidden by the baseline** ${code(file)}: ${plural(hidden.length, 'finding')} recorded earlier (${[plural(by('error'), 'error'), plural(by('warning'), 'warning'), plural(by('info'), 'info')].join(' · ')}): ` +
    `${ruleCounts(hidden)}, in ${collapse(files.map((f) => code(f)), 6)}. They are still true: the sections below describe every migration.`
  );
}

/** `20 × `require-idempotency-guard`, 1 × `valid-migration-order``: most frequent first. */
function ruleCounts(fs: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fs) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([rule, n]) => `${n} × ${code(rule)}`)
    .join(', ');
}

function safeBullets(project: ProjectModel, losses: readonly MigrationLoss[]): string[] {
  const ok = project.migrations.filter((m) => m.status === 'ok');
  const out: string[] = [];
  const emptyDown = ok.filter((m) => downBehaviour(m) === 'empty');
  const emptyCreate = emptyDown.filter(isCreateTableMigration);
  const emptyOther = emptyDown.filter((m) => !isCreateTableMigration(m));
  if (emptyCreate.length > 0) {
    out.push(
      `- **${plural(emptyCreate.length, 'create-table migration')} ${emptyCreate.length === 1 ? 'has' : 'have'} an empty \`down\`**: rolling ${
        emptyCreate.length === 1 ? 'it' : 'them'
      } back keeps the tables and their rows (${names(emptyCreate)}).`,
    );
  }
  if (emptyOther.length > 0) {
    out.push(
      `- **${plural(emptyOther.length, emptyCreate.length > 0 ? 'other migration' : 'migration')} ${emptyOther.length === 1 ? 'has' : 'have'} an empty \`down\`**: rolling ${
        emptyOther.length === 1 ? 'it' : 'them'
      } back changes nothing (${names(emptyOther)}).`,
    );
  }
  const throwing = ok.filter((m) => downBehaviour(m) === 'throws');
  if (throwing.length > 0) {
    out.push(`- **${plural(throwing.length, 'migration')} ${throwing.length === 1 ? 'throws' : 'throw'} in \`down\`** (marked irreversible): a rollback stops there without changing anything (${names(throwing)}).`);
  }
  const revertingSafely = ok.filter((m) => downBehaviour(m) === 'reverts' && !losses.some((l) => l.migration === m && l.down.length > 0));
  if (revertingSafely.length > 0) {
    out.push(`- **${plural(revertingSafely.length, '`down`', '`down`s')} ${revertingSafely.length === 1 ? 'reverts' : 'revert'} without destroying data** (${names(revertingSafely)}).`);
  }
  const upLoss = losses.some((l) => l.up.length > 0 || l.notAnalyzed);
  if (!upLoss && ok.length > 0) {
    out.push('- **No `up` destroys data**: no migration drops a table or column, truncates, or deletes or overwrites rows when it runs.');
  }
  const creates = ok.flatMap((m) => m.up.filter((o) => o.op === 'createTable'));
  if (creates.length > 0) {
    const caught = creates.filter((o) => o.guard?.kind === 'catch-expected' || o.guard?.kind === 'catch-all').length;
    const redundant = caught > 0 ? `; the "already exists" try/catch around ${caught} of them is redundant` : '';
    out.push(
      `- **\`createTable\` is idempotent**: Sequelize emits \`CREATE TABLE IF NOT EXISTS\`, so ${
        creates.length === 1 ? 'the `createTable` call is' : `the ${creates.length} \`createTable\` calls are`
      } safe to run twice${redundant}.`,
    );
  }
  const upCounts = ok.map((m) => guardCounts(m.up)).reduce((a, b) => ({ guarded: a.guarded + b.guarded, writes: a.writes + b.writes }), { guarded: 0, writes: 0 });
  if (upCounts.guarded > 0) {
    const catchAll = ok.flatMap((m) => m.up.filter((o) => isWrite(o) && o.guard?.kind === 'catch-all')).length;
    const caveat = catchAll > 0 ? `, ${catchAll} of them only by a catch-all that also hides real failures` : '';
    out.push(
      `- **${upCounts.guarded} of ${plural(upCounts.writes, 'write step')} in \`up\` ${upCounts.guarded === 1 ? 'is' : 'are'} guarded** against a second run (idempotent call, \`IF [NOT] EXISTS\`, existence check or an expected-error catch${caveat}): see [Safety features found](#safety-features-found).`,
    );
  }
  if (out.length === 0) out.push('- Nothing to report.');
  return out;
}

/** `` `users.bio`: column dropped with its data (`removeColumn`, line 20; [`no-destructive-down`](...) error) ``. */
function lossBullet(item: LossItem): string {
  const where = [item.op ? code(item.op) : null, `line ${item.line}`, item.conditional ? 'only under a condition' : null, item.inLoop ? 'in a loop' : null]
    .filter(Boolean)
    .join(', ');
  const flaggedBy = item.findings.map((f) => `${ruleLink(ruleInfo(f.rule, f.docsUrl))} ${f.severity}`);
  return `${item.subject}: ${item.effect} (${[where, ...flaggedBy].join('; ')})`;
}

function lossSection(project: ProjectModel, losses: readonly MigrationLoss[]): string[] {
  if (losses.length === 0) {
    return ['Nothing found: no `up` or `down` drops a table or column, truncates, or deletes or overwrites rows.'];
  }
  const out: string[] = [];
  for (const loss of losses) {
    if (out.length > 0) out.push('');
    out.push(`#### ${code(loss.migration.name)}`, '');
    if (loss.notAnalyzed) {
      out.push(`- Not analyzed (${loss.notAnalyzed}): what it does to data is unknown.`);
      continue;
    }
    for (const [phase, label] of [
      ['up', 'On migrate (`up`)'],
      ['down', 'On rollback (`down`)'],
    ] as const) {
      const items = loss[phase];
      if (items.length === 0) {
        out.push(`- **${label}:** nothing destroyed.`);
        continue;
      }
      out.push(`- **${label}:**`);
      for (const item of items) out.push(`  - ${lossBullet(item)}`);
    }
    if (loss.down.length > 0) out.push(`- **Reached by:** ${reachedBy(project, loss.migration)}`);
  }
  return out;
}

/** The migration set (folder) a migration belongs to, when the project has several: each is its own run order. */
function setOf(project: ProjectModel, m: Migration): string | undefined {
  return project.project.migrationSets?.find((dir) => m.file === dir || m.file.startsWith(`${dir}/`) || dir === '.');
}

/** Which rollback commands run this migration's `down`, and after how many undos. */
function reachedBy(project: ProjectModel, m: Migration): string {
  const set = setOf(project, m);
  const later = project.migrations.filter((x) => x.index > m.index && x.status !== 'not-a-migration' && setOf(project, x) === set);
  const blocker = later.find((x) => x.status !== 'ok' || downBehaviour(x) === 'missing' || downBehaviour(x) === 'throws');
  const byName = `\`db:migrate:undo --name ${m.name}\``;
  if (later.length === 0) return `the next \`db:migrate:undo\` (it is the last migration), \`db:migrate:undo:all\`, or ${byName}.`;
  const steps = `the ${ordinal(later.length + 1)} consecutive \`db:migrate:undo\``;
  if (blocker) {
    const why = blocker.analysisLimit ? 'which was not analyzed: over an analysis limit' : blocker.status === 'parse-error' ? 'which does not load' : blocker.status === 'unreadable' ? 'which cannot be read' : downBehaviour(blocker) === 'missing' ? 'which has no `down`' : 'whose `down` throws';
    return `${byName} only: consecutive undos and \`db:migrate:undo:all\` stop earlier, at ${code(blocker.name)} (${why}).`;
  }
  return `${steps}, \`db:migrate:undo:all\`, or ${byName}.`;
}

function dataLossAnalysis(project: ProjectModel, losses: readonly MigrationLoss[]): string[] {
  return [
    '## Data-loss analysis',
    '',
    '### ✅ What is safe, and why',
    '',
    ...safeBullets(project, losses),
    '',
    '### ⚠️ What can lose data',
    '',
    ...lossSection(project, losses),
  ];
}

function findingCounts(fs: readonly Finding[]): string {
  if (fs.length === 0) return '—';
  const n = (s: string) => fs.filter((f) => f.severity === s).length;
  return [n('error') ? plural(n('error'), 'error') : '', n('warning') ? plural(n('warning'), 'warning') : '', n('info') ? plural(n('info'), 'info') : '']
    .filter(Boolean)
    .join(', ');
}

function downCell(m: Migration): string {
  switch (downBehaviour(m)) {
    case null:
      return '—';
    case 'missing':
      return 'missing';
    case 'throws':
      return 'throws (irreversible)';
    case 'empty':
      return 'empty';
    case 'reverts': {
      const ops = shortOps(m.down);
      return ops === '' ? 'no writes' : code(ops);
    }
  }
}

function upCell(m: Migration): string {
  switch (m.status) {
    case 'parse-error':
    case 'unreadable':
      if (m.analysisLimit) return 'not analyzed: over an analysis limit';
      if (m.status === 'unreadable') return 'not analyzed: unreadable';
      return m.analysisError ? 'not analyzed (migralint failed)' : `not analyzed: does not parse (line ${m.error?.line ?? 1})`;
    case 'not-a-migration':
      return 'not a migration';
    case 'ok':
      break;
  }
  if (!m.upFunction.present) return 'missing';
  const ops = shortOps(m.up);
  if (ops !== '') return code(ops);
  return m.upFunction.empty ? 'empty' : 'no writes';
}

function runOrder(project: ProjectModel, findings: readonly Finding[]): string[] {
  const rows = project.migrations.map((m) => {
    const g = guardCounts(m.up);
    return [
      String(m.index + 1),
      code(m.name),
      upCell(m),
      m.status === 'ok' && g.writes > 0 ? `${g.guarded}/${g.writes} guarded` : '—',
      downCell(m),
      findingCounts(findings.filter((f) => f.file === m.file)),
    ];
  });
  return [
    '## Migration run order',
    '',
    'sequelize-cli runs the files in plain string order of their names. Guards count the write steps of `up` protected against a second run.',
    '',
    table(['#', 'File', 'Up', 'Guards', 'Down', 'Findings'], rows, ['right']),
  ];
}

function numbering(project: ProjectModel): string[] {
  const n = analyzeNumbering(project.migrations.map((m) => m.name));
  const out = ['## Numbering', ''];
  if (project.migrations.length === 0) return [...out, 'No migration files.'];
  const schemes = n.schemes.map((s) => {
    const range = s.first === undefined ? '' : s.first === s.last ? ` (${code(s.first)})` : ` (${code(s.first)} to ${code(s.last!)})`;
    const label = s.kind === 'none' ? 'no numeric prefix' : code(s.label);
    return `${label} for ${plural(s.files.length, 'file')}${range}`;
  });
  out.push(`- **Naming schemes:** ${schemes.join('; ')}.`);
  if (n.duplicates.length === 0) {
    out.push('- **Duplicate prefixes:** none.');
  } else {
    out.push('- **Duplicate prefixes:**');
    for (const d of n.duplicates) {
      out.push(
        `  - ⚠️ ${code(d.prefix)} is shared by ${joinAnd(d.files.map(code))}: ${d.files.length === 2 ? 'both' : 'all'} run, in that order (plain string sort of the whole name), so their order hangs on the words after the number.`,
      );
    }
  }
  if (n.gaps.length === 0) {
    out.push('- **Gaps:** none.');
  } else {
    const ranges = n.gaps.map(([a, b]) => (a === b ? code(a) : `${code(a)}-${code(b)}`));
    out.push(
      `- **Gaps:** ${ranges.join(', ')} (${plural(n.missingCount, 'number')} missing). The runner does not care, but a gap often means a migration was deleted or renamed: check that no database still lists it in \`SequelizeMeta\`.`,
    );
  }
  if (n.stringOrderIsNumeric) {
    out.push('- **Order:** ✅ plain string order (what sequelize-cli runs) equals numeric order.');
  } else {
    const inv = n.inversions.map((i) => `${code(i.runsFirst)} runs before ${code(i.runsAfter)}`);
    out.push(`- **Order:** ⚠️ plain string order (what sequelize-cli runs) differs from numeric order: ${collapse(inv, 4, '; ')}.`);
  }
  return out;
}

function safetyFeatures(project: ProjectModel): string[] {
  const ok = project.migrations.filter((m) => m.status === 'ok');
  const rows: string[][] = [];
  for (const { kind, label } of GUARD_KINDS) {
    const guardedBy = (m: Migration) => m.up.filter((o) => isWrite(o) && o.guard?.kind === kind);
    const withKind = ok.filter((m) => guardedBy(m).length > 0);
    const steps = ok.flatMap(guardedBy).length;
    rows.push([label, plural(steps, 'step'), names(withKind)]);
  }
  const inTx = ok.filter((m) => m.upFunction.wrappedInTransaction);
  rows.push(['`up` runs in one transaction: a failure rolls every step back', plural(inTx.length, 'migration'), names(inTx)]);
  const empty = ok.filter((m) => downBehaviour(m) === 'empty');
  rows.push(['Empty `down`: a rollback keeps the data', plural(empty.length, 'migration'), names(empty)]);
  const throwing = ok.filter((m) => downBehaviour(m) === 'throws');
  rows.push(['Throwing `down` (irreversible): a rollback stops before changing anything', plural(throwing.length, 'migration'), names(throwing)]);
  return [
    '## Safety features found',
    '',
    'Guards are counted on the write steps of `up`: what a second run of `db:migrate` meets after a migration failed half-way.',
    '',
    table(['Safety feature', 'Count', 'Migrations'], rows, ['left', 'right']),
  ];
}

function verdictTable(project: ProjectModel, losses: readonly MigrationLoss[]): string[] {
  const rows = [...scriptVerdictRows(project), ...dataSafetyRows(project, losses)].map((r) => [r.scenario, r.risk, SAFETY_LABEL[r.safe]]);
  return [
    '## Data Safety Verdict',
    '',
    table(['Scenario', 'Data loss risk', 'Safe?'], rows),
    '',
    '`db:migrate` runs every pending `up` in order; `db:migrate:undo` runs the `down` of the last migration recorded in `SequelizeMeta` only; `db:migrate:undo:all` runs every `down`, newest first, and stops at the first one that fails.',
  ];
}

/** Reports longer than this many lines get a table of contents under the header. */
const TOC_MIN_LINES = 200;

export interface MarkdownReporterOptions {
  /**
   * Where `file:line` locations link to (see `LinkBase`): the commit's blob
   * URL in CI, a path relative to where the report is read otherwise.
   * Default `''`: relative to the project root.
   */
  linkBase?: LinkBase;
}

/** The Markdown safety report: what the seed report says, generated and deterministic. */
export function createMarkdownReporter(options: MarkdownReporterOptions = {}): Reporter {
  const links = options.linkBase === undefined ? '' : options.linkBase;
  return {
    name: 'markdown',
    render(input: ReportInput): string {
      const { project, findings, tool } = input;
      const s = summarize(project, findings);
      const losses = analyzeDataLoss(project, findings);
      const head = header(input, links);
      const sections = [
        executiveSummary(project, findings, s, links, input.baselined),
        dataLossAnalysis(project, losses),
        commandTables(project),
        runOrder(project, findings),
        numbering(project),
        safetyFeatures(project),
        modelsSection(project, findings, links),
        configSection(project, findings, links),
        ...(input.verification ? [verificationSection(input.verification)] : []),
        ['## Findings', '', ...renderFindings([...findings].sort(byRisk(project)), links)],
        verdictTable(project, losses),
      ];
      const footer = input.verification
        ? [`_Generated by ${text(tool.name)} ${text(tool.version)}: the findings come from the source files; \`migralint verify\` then ran the project's migrations on ${text(input.verification.on)}, a throwaway database._`]
        : [`_Generated by ${text(tool.name)} ${text(tool.version)} from the source files alone: no migration or project code was run._`];
      const lines = [head, ...sections, footer].reduce((n, section) => n + section.length + 1, 0);
      const toc = lines > TOC_MIN_LINES ? [tableOfContents(sections, findings.length)] : [];
      return `${[head, ...toc, ...sections, footer].map((section) => section.join('\n')).join('\n\n')}\n`;
    },
  };
}

const PHASE_MARK = { passed: '✔︎', failed: '✘', 'not-run': '·' } as const;

/** What `migralint verify` ran, phase by phase, with what each established. */
function verificationSection(run: VerificationRun): string[] {
  const out = [
    '## Verification',
    '',
    `\`migralint verify\` ran the project's own code: ${run.applied} of ${plural(run.migrations, 'migration')} applied on ${text(run.on)}, a throwaway database. Each finding below says whether the run confirmed it (✔︎), did not reproduce it (✘), or could not tell (·).`,
    '',
  ];
  for (const phase of run.phases) {
    out.push(`- ${PHASE_MARK[phase.status]} **${text(phase.title)}**${phase.status === 'not-run' ? ' (not run)' : ''}`);
    for (const fact of phase.facts) out.push(`  - ${text(fact)}`);
  }
  return out;
}

/** One line of links to the `##` sections, for long reports (GitHub renders the anchors). */
function tableOfContents(sections: readonly string[][], findings: number): string[] {
  const titles = sections.map((lines) => lines[0]!).filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
  const link = (t: string) => `[${t}${t === 'Findings' ? ` (${findings})` : ''}](#${anchor(t)})`;
  return [`**Contents:** ${titles.map(link).join(' · ')}`];
}

export const markdownReporter: Reporter = createMarkdownReporter();
