import { defineConfig } from 'vitest/config';

/**
 * `npm run test:integration`: migralint as users install it (packed tarball
 * with ESLint 8/9/10, the pre-commit framework, lint-staged from a git hook,
 * the Action's install step, git end to end through the built binary:
 * --changed-since, baseline, comment) and the rule scaffold compiled in a
 * copy of the repository, the SARIF Multitool (a .NET validator), and
 * `migralint verify --database-url` on the PostgreSQL server of 127.0.0.1:5432
 * and the MariaDB server of 127.0.0.1:3306 (.ci/databases starts them); the
 * PostgreSQL version facts of the version-dependent rules on real PostgreSQL
 * 10, 11, 12, 16 and 17 (test/pg-versions, linux-x64; skipped elsewhere).
 * Slow (npm installs), so kept out of `npm test`; `.ci/run` runs both.
 */
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // One install at a time: they share the npm cache and two cores.
    fileParallelism: false,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
