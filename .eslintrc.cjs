/**
 * Example: migralint in a project still on ESLint 8 with an eslintrc config.
 * (test/eslint/integration.test.ts copies this file into a copy of
 * fixtures/lms-backend and lints it with ESLint 8.57.)
 *
 * eslintrc resolves `plugins: ['migralint']` to a package named
 * `eslint-plugin-migralint`, so install migralint under that name:
 *
 *   npm i -D eslint@8 eslint-plugin-migralint@npm:migralint
 *
 * and lint with `npx eslint migrations models config`.
 *
 * ESLint 9 and 10 ignore this file (they read eslint.config.js): for them see
 * "ESLint plugin" in README.md.
 */
module.exports = {
  root: true,
  // The project's own settings: Node, modern syntax.
  env: { node: true, es2022: true },
  // Migrations, models and the database config, parsed with @typescript-eslint/parser
  // (TypeScript migrations too), with the recommended rules.
  extends: ['plugin:migralint/legacy-recommended'],
};
