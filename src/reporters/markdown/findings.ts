import type { Finding, Severity } from '../../model';
import { ruleById } from '../../rules/registry';
import type { Risk } from '../../rules/create-rule';
import { code, compareStrings, fileHref, fileLink, inline, plural, text, type LinkBase } from './format';

/** What the report says about a rule id: from the rule's metadata, or built in for engine findings. */
export interface RuleInfo {
  id: string;
  url: string | null;
  description: string | null;
  risk: Risk | null;
  /** Why it matters, Markdown. */
  why: string | null;
  /** How to fix, Markdown. */
  help: string | null;
}

const RISK_TEXT: Record<Risk, string> = {
  'data-loss': 'Data loss: rows or columns are destroyed and only a backup brings them back.',
  failure: 'Failure: `db:migrate` can stop half-way, leaving the schema partly changed and the migration unrecorded.',
  locking: 'Locking: the statement holds a lock that blocks reads or writes on the table while it runs.',
  'breaking-change': 'Breaking change: application code that is running during the deploy can fail against the new schema.',
  security: 'Security: credentials or data can reach people who should not have them.',
  hygiene: 'Hygiene: not dangerous by itself, but it hides mistakes or invites them.',
};

const RISK_ORDER: Record<Risk, number> = { 'data-loss': 0, failure: 1, locking: 2, 'breaking-change': 3, security: 4, hygiene: 5 };

/** Findings the engine reports itself (src/project.ts ENGINE_RULES): no rule metadata behind them. */
const ENGINE_INFO: Record<string, Omit<RuleInfo, 'id' | 'url'>> = {
  verify: {
    description: 'Running the migrations on a real database failed where no static finding said so',
    risk: 'failure',
    why: '`migralint verify` ran the project\'s migrations on a throwaway database, and this is what the database answered.',
    help: 'Read the evidence (the statement and the database\'s error), fix the migration, then run `migralint verify` again.',
  },
  'parse-error': {
    description: 'The file does not parse',
    risk: 'failure',
    why: 'The file was not analyzed, so nothing in this report covers it, and sequelize-cli fails when it loads it: `db:migrate` stops there.',
    help: 'Fix the syntax error (`node --check <file>` shows it), then run migralint again.',
  },
  'read-error': {
    description: 'The file could not be read',
    risk: 'failure',
    why: 'The file was not analyzed, so nothing in this report covers it.',
    help: 'Check the file permissions and that the path is a regular file, then run migralint again.',
  },
  'analysis-error': {
    description: 'migralint failed while analyzing the file',
    risk: 'failure',
    why: 'This is a bug in migralint: the file was not analyzed, so nothing in this report covers it.',
    help: 'Review this migration by hand, and report the bug with the file attached.',
  },
  'analysis-limit': {
    description: 'The file exceeds a limit on the work migralint spends on one file',
    risk: 'failure',
    why: 'The file is too large, or its loops and helper calls do too much work, to be analyzed within the limit the message names: nothing in this report covers it.',
    help: 'Review this migration by hand; if the file is legitimately large, raise `limits.maxFileBytes` in the configuration.',
  },
};

export function ruleInfo(id: string, docsUrl?: string): RuleInfo {
  const rule = ruleById(id);
  if (rule) {
    const { description, help, risk, url } = rule.meta.docs;
    return { id, url: docsUrl ?? url, description, risk, why: RISK_TEXT[risk], help };
  }
  const engine = ENGINE_INFO[id];
  if (engine) return { id, url: null, ...engine };
  return { id, url: docsUrl ?? null, description: null, risk: null, why: null, help: null };
}

/** `` [`rule-id`](url) `` or `` `rule-id` `` when there is no documentation. */
export function ruleLink(info: Pick<RuleInfo, 'id' | 'url'>): string {
  return info.url ? `[${code(info.id)}](${info.url})` : code(info.id);
}

export function location(f: Pick<Finding, 'file' | 'line'>, links: LinkBase = null): string {
  return fileLink(f.file, f.line, links);
}

export const SEVERITIES: readonly { severity: Severity; title: string }[] = [
  { severity: 'error', title: '❌ Errors' },
  { severity: 'warning', title: '⚠️ Warnings' },
  { severity: 'info', title: 'Infos' },
];

export const SEVERITY_MARK: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

const VERIFICATION_MARK = { confirmed: '✔︎ confirmed', 'not-reproduced': '✘ not reproduced', 'not-run': '· not run' } as const;

/** ` — ✔︎ confirmed on PostgreSQL 17.5 (PGlite): <evidence>` when `migralint verify` checked the finding. */
export function verificationMark(f: Finding): string {
  const v = f.verification;
  return v ? `<br>${VERIFICATION_MARK[v.status]} on ${text(v.on)}: ${text(v.evidence)}` : '';
}

/**
 * The Findings section body: one group per file (a migration, a model, the
 * config), the group with the most serious finding first, and within a group
 * the findings in the order they come in (callers pass them most serious
 * first: see `byRisk`). Each rule's why and how are said once, after the
 * groups.
 */
export function renderFindings(findings: readonly Finding[], links: LinkBase = null): string[] {
  const out: string[] = [];
  if (findings.length === 0) {
    out.push('No findings.');
    return out;
  }
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, fs] of byFile) {
    const counts = SEVERITIES.map(({ severity }) => [severity, fs.filter((f) => f.severity === severity).length] as const)
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => plural(n, severity === 'info' ? 'info' : severity));
    out.push(`### ${fileLink(file, null, links)} (${counts.join(', ')})`, '');
    for (const f of fs) {
      const href = fileHref(f.file, f.line, links);
      const line = href === null ? `line ${f.line}` : `[line ${f.line}](${href})`;
      out.push(`- ${SEVERITY_MARK[f.severity]} ${line} · ${code(f.rule)}: ${inline(f.message)}${verificationMark(f)}`);
    }
    out.push('');
  }
  const rules = [...new Set(findings.map((f) => f.rule))]
    .map((id) => ruleInfo(id, findings.find((f) => f.rule === id)!.docsUrl))
    .sort((a, b) => (a.risk ? RISK_ORDER[a.risk] : 6) - (b.risk ? RISK_ORDER[b.risk] : 6) || compareStrings(a.id, b.id));
  out.push('### The rules behind these findings', '');
  for (const info of rules) {
    out.push(`#### ${ruleLink(info)}`, '');
    if (info.description) out.push(`**Rule:** ${inline(info.description)}.`, '');
    if (info.why) out.push(`**Why it matters:** ${inline(info.why)}`, '');
    if (info.help) out.push(`**How to fix:** ${inline(info.help)}`, '');
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}
