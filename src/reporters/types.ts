import type { Finding, ProjectModel, VerificationRun } from '../model';

export interface ReportInput {
  project: ProjectModel;
  /** Sorted: file, line, column, rule. */
  findings: Finding[];
  /** How many rule findings inline suppressions removed (AnalysisResult.suppressed); 0 when absent. */
  suppressed?: number;
  tool: { name: string; version: string };
  /**
   * Findings a baseline hid (`report --baseline`): not in `findings`, but the
   * verdict counts and names them so the report never reads cleaner than the
   * project is.
   */
  baselined?: { file: string; findings: Finding[] };
  /** What `migralint verify` (or `report --verify`) ran; absent otherwise. Findings then carry their `verification`. */
  verification?: VerificationRun;
}

/** Reporters are pure: they return text, the CLI writes it. */
export interface Reporter {
  name: string;
  render(input: ReportInput): string;
  /**
   * The same text in pieces (joined, they are `render`'s text), made as they are consumed: for a report that
   * grows with the project (JSON), so that the CLI writes it without ever holding it whole.
   */
  chunks?(input: ReportInput): Iterable<string>;
}
