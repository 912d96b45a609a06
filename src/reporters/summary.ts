import type { Finding, ProjectModel } from '../model';

export type Verdict = 'safe' | 'review' | 'unsafe';

export interface Summary {
  migrations: number;
  errors: number;
  warnings: number;
  infos: number;
  verdict: Verdict;
}

/** Counts and the verdict: any error is unsafe, any warning needs review. */
export function summarize(project: ProjectModel, findings: Finding[]): Summary {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  return {
    migrations: project.migrations.length,
    errors,
    warnings,
    infos: count('info'),
    verdict: errors > 0 ? 'unsafe' : warnings > 0 ? 'review' : 'safe',
  };
}
