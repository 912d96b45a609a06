/** Findings produced by the engine itself rather than by a rule (a leaf module: the CLI and reporters name them without loading the analysis). */
export const ENGINE_RULES = {
  parseError: 'parse-error',
  readError: 'read-error',
  analysisError: 'analysis-error',
  analysisLimit: 'analysis-limit',
} as const;
