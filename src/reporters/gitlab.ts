/**
 * GitLab Code Quality: the JSON array GitLab reads from a job's
 * `artifacts:reports:codequality` file and shows in the merge request
 * widget and the diff (a subset of the Code Climate issue format).
 *
 * Severity: `error` is `critical` (data loss, a migration failing half-way,
 * a leaked credential: never merge as is), `warning` is `major` (needs a
 * look before the migrations run in production), `info` is `info`. GitLab's
 * `blocker` is left for nothing we report; `minor` is unused.
 *
 * The fingerprint is the SARIF one: stable when lines move, unique within
 * a report (GitLab merges issues with the same fingerprint).
 */
import type { Finding, Severity } from '../model';
import type { Risk } from '../rules/create-rule';
import { ruleInfo } from './markdown/findings';
import { fingerprints, pathPrefixOf, type CiReporterOptions } from './ci';
import type { Reporter, ReportInput } from './types';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const GITLAB_SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'critical', warning: 'major', info: 'info' };

/** Code Climate categories, which GitLab keeps and other Code Climate consumers show. */
const CATEGORY: Record<Risk, string> = {
  'data-loss': 'Bug Risk',
  failure: 'Bug Risk',
  locking: 'Performance',
  'breaking-change': 'Compatibility',
  security: 'Security',
  hygiene: 'Style',
};

/** One Code Quality issue. */
export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/** The Code Quality issues, in the findings' order. */
export function codeQualityIssues(input: ReportInput, options: CiReporterOptions = {}): CodeQualityIssue[] {
  const prefix = pathPrefixOf(input.project, options);
  const pathOf = (f: Finding) => `${prefix}${f.file}`;
  const prints = fingerprints(input.findings, pathOf);
  return input.findings.map((f, i) => {
    const risk = ruleInfo(f.rule, f.docsUrl).risk;
    return {
      type: 'issue',
      check_name: f.rule,
      description: f.message,
      categories: [risk ? CATEGORY[risk] : 'Bug Risk'],
      fingerprint: prints[i]!,
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: pathOf(f), lines: { begin: f.line, end: f.endLine !== undefined && f.endLine > f.line ? f.endLine : f.line } },
    };
  });
}

/** A GitLab Code Quality reporter; `pathPrefix` says where the project sits in the repository. */
export function createGitlabReporter(options: CiReporterOptions = {}): Reporter {
  return {
    name: 'gitlab',
    render: (input) => `${JSON.stringify(codeQualityIssues(input, options), null, 2)}\n`,
  };
}

export const gitlabReporter: Reporter = createGitlabReporter();
