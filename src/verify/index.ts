/**
 * `migralint verify` as a library: runs the analysis's migrations on a
 * throwaway database (src/verify/run.ts) and attaches what the run showed to
 * the findings (src/verify/attach.ts). It runs the project's code, in a child
 * process; `analyzeProject` never does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, VerificationRun } from '../model';
import type { AnalysisResult } from '../project';
import { attachVerification, FAILING_UP_WITH_ROWS } from './attach';
import { verifyMigrations, type VerifyOptions, type VerifyResult } from './run';

export { VerifyError } from './database';
export { VERIFY_RULE } from './attach';
export { DEFAULT_TIMEOUT_MS, type VerifyOptions, type VerifyResult } from './run';

export interface Verified {
  /** The analysis's findings, each with its `verification`, and the `verify` findings. */
  findings: Finding[];
  run: VerificationRun;
  result: VerifyResult;
}

export async function verifyAnalysis(analysis: Pick<AnalysisResult, 'project' | 'findings'>, options: VerifyOptions = {}): Promise<Verified> {
  const absRoot = analysis.project.project.absRoot;
  const readText = (file: string) => {
    try {
      return readFileSync(path.resolve(absRoot, file), 'utf8');
    } catch {
      return null;
    }
  };
  // Findings that need rows to show: their migrations' ups also run on tables filled with rows.
  const withRows = new Set(analysis.findings.filter((f) => FAILING_UP_WITH_ROWS.has(f.rule)).map((f) => f.file));
  const result = await verifyMigrations(analysis.project, readText, { withRows, ...options });
  return { findings: attachVerification(analysis.findings, result), run: result.run, result };
}
