import type { Finding, Severity } from '../../model';
import { ruleById } from '../../rules/registry';
import type { Risk } from '../../rules/create-rule';
import { code, compareStrings, inline, plural } from './format';

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

export function location(f: Pick<Finding, 'file' | 'line'>): string {
  return code(`${f.file}:${f.line}`);
}

export const SEVERITIES: readonly { severity: Severity; title: string }[] = [
  { severity: 'error', title: '❌ Errors' },
  { severity: 'warning', title: '⚠️ Warnings' },
  { severity: 'info', title: 'Infos' },
];

/** More findings than this of one rule in one file are listed under the file instead of one per line. */
export const GROUP_THRESHOLD = 3;

/**
 * The Findings section body: by severity, then by rule (data-loss rules
 * first), each rule's why and how said once, every location kept. Within a
 * rule, findings keep the order they come in (callers pass them most serious
 * first: see `byRisk`).
 */
export function renderFindings(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  if (findings.length === 0) {
    out.push('No findings.');
    return out;
  }
  for (const { severity, title } of SEVERITIES) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    out.push(`### ${title} (${ofSeverity.length})`, '');
    const byRule = new Map<string, Finding[]>();
    for (const f of ofSeverity) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    const rules = [...byRule.keys()]
      .map((id) => ruleInfo(id, byRule.get(id)![0]!.docsUrl))
      .sort((a, b) => (a.risk ? RISK_ORDER[a.risk] : 6) - (b.risk ? RISK_ORDER[b.risk] : 6) || compareStrings(a.id, b.id));
    for (const info of rules) {
      const list = byRule.get(info.id)!;
      out.push(`#### ${ruleLink(info)} (${plural(list.length, severity === 'info' ? 'info' : severity)})`, '');
      if (info.description) out.push(`**Rule:** ${inline(info.description)}.`, '');
      if (info.why) out.push(`**Why it matters:** ${inline(info.why)}`, '');
      if (info.help) out.push(`**How to fix:** ${inline(info.help)}`, '');
      out.push(...findingList(list), '');
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

/** One bullet per finding, or one per file with the lines under it when a file has many. */
function findingList(list: readonly Finding[]): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of list) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, fs] of byFile) {
    if (fs.length > GROUP_THRESHOLD) {
      out.push(`- ${code(file)} (${fs.length} findings):`);
      for (const f of fs) out.push(`  - line ${f.line}: ${inline(f.message)}`);
    } else {
      for (const f of fs) out.push(`- ${location(f)}: ${inline(f.message)}`);
    }
  }
  return out;
}
