import type { Finding, Migration, ProjectModel } from '../model';

export type Verdict = 'safe' | 'review' | 'unsafe';

/** What a rollback of the migration does, by the shape of its `down`: the JSON report's `downBehaviour`. */
export type DownBehaviour = 'missing' | 'throws' | 'empty' | 'reverts';

/** The migration's `down` behaviour; null when the file is not an analyzed migration. */
export function downBehaviour(m: Migration): DownBehaviour | null {
  if (m.status !== 'ok') return null;
  if (!m.downFunction.present) return 'missing';
  if (m.downFunction.throws) return 'throws';
  if (m.downFunction.empty) return 'empty';
  return 'reverts';
}

export interface Summary {
  migrations: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Rule findings that inline `migralint-disable-*` comments removed (not counted above). */
  suppressed: number;
  verdict: Verdict;
}

/** Counts and the verdict: any error is unsafe, any warning needs review. Suppressed findings do not count. */
export function summarize(project: ProjectModel, findings: Finding[], suppressed = 0): Summary {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  return {
    migrations: project.migrations.length,
    errors,
    warnings,
    infos: count('info'),
    suppressed,
    verdict: errors > 0 ? 'unsafe' : warnings > 0 ? 'review' : 'safe',
  };
}
