import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit, rule, reporter and fixture tests. The integration stage
 * (`npm run test:integration`, vitest.integration.config.mts: the packed
 * tarball with ESLint 8/9/10, the pre-commit framework, lint-staged) installs
 * packages and is run by `.ci/run` after this one.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/integration/**', '**/node_modules/**'],
    // PGlite boots a real Postgres in WASM: give semantic tests room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
