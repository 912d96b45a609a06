import type { Finding, ProjectModel } from '../model';

export interface ReportInput {
  project: ProjectModel;
  /** Sorted: file, line, column, rule. */
  findings: Finding[];
  /** How many rule findings inline suppressions removed (AnalysisResult.suppressed); 0 when absent. */
  suppressed?: number;
  tool: { name: string; version: string };
}

/** Reporters are pure: they return text, the CLI writes it. */
export interface Reporter {
  name: string;
  render(input: ReportInput): string;
}
