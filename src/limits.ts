/**
 * Bounds on the work one file may cost (issue 15: migralint runs on pull
 * requests from strangers and in editors). Past a bound the file gets an
 * `analysis-limit` finding naming it, and the rest of the project is still
 * analyzed.
 */

/** Files larger than this are not read (`Workspace` option `maxFileBytes`, config `limits.maxFileBytes`). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Evaluation steps (expressions and statements) the interpreter spends on one
 * migration, its helpers and imports included: a total over the file, so
 * nested loops, nested `.map`s and helper fan-out are bounded by the work they
 * do, not per loop. Real migrations take a few thousand.
 */
export const MAX_EVALUATION_STEPS = 2_000_000;

/**
 * Wall-clock time the interpreter spends on one migration (its helpers and
 * imports included), checked every `TIME_CHECK_STEPS` steps: the step budget
 * bounds the work, this bounds a step that is slow on its own (a huge string
 * built again and again, a very large SQL text parsed in a loop).
 */
export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** How often (in evaluation steps) the time budget is checked: reading the clock at every step would cost more than the steps. */
export const TIME_CHECK_STEPS = 1024;

/** A clock in milliseconds: `performance.now` by default, injected by tests. */
export type Clock = () => number;

/** Thrown when a file exceeds a bound; the workspace turns it into an `analysis-limit` finding. */
export class AnalysisLimitError extends Error {
  constructor(
    message: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
    this.name = 'AnalysisLimitError';
  }
}

/** The `analysis-limit` message of a file over the size cap (the CLI's finding, the ESLint plugin's message). */
export function fileSizeLimitMessage(bytes: number, maxFileBytes: number): string {
  return `the file is ${formatBytes(bytes)}, over the ${formatBytes(maxFileBytes)} limit (\`limits.maxFileBytes\`): it was not read, nor analyzed`;
}

/** The size of `text` in UTF-8, as the file on disk would be. */
export function textBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Whether `text` is larger than `maxBytes` in UTF-8; counted only when its length cannot tell (3 bytes at most per UTF-16 unit). */
export function textOver(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || (text.length * 3 > maxBytes && textBytes(text) > maxBytes);
}

/** `2 MB`, `512 KB`, `10.5 MB`: a byte count as a person reads it (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
