/** A problem that stops the analysis before it starts (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
