import path from 'node:path';

/** A platform path with POSIX separators, as every path in output is written. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A folder of tests (`test`, `tests`, `testing`, `tester`, `__tests__`, `spec`, `__mocks__`, `e2e`, `test-utils`), by its name. */
export const TEST_FOLDER = /^(tests?|testing|tester|__tests__|__mocks__|specs?|e2e|test[-_]?utils?)$/i;

/**
 * Whether a project-relative POSIX path is test code: it lies under a test folder, or is named as a test
 * (`x.test.js`, `x.spec.ts`). Test code may run migrations (a test database's setup), but it is never how the
 * project runs them.
 */
export function isTestPath(rel: string): boolean {
  const segments = rel.split('/');
  return segments.slice(0, -1).some((s) => TEST_FOLDER.test(s)) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(segments.at(-1) ?? '');
}

/** Globs of folders no reader of the project's own code looks in: dependencies, version control, build output, coverage. */
export const NOT_PROJECT_CODE: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/coverage/**'];

/** Extensions sequelize-cli loads (`.ts` with a TypeScript loader), umzug's too: the project's source files. */
export const RUNNER_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'];
/** Folders never searched for runners, migrations or the modules an application loads: dependencies and caches. */
export const NEVER_SEARCHED = ['**/node_modules/**', '**/.git/**', '**/coverage/**', '**/.next/**', '**/.cache/**'];
