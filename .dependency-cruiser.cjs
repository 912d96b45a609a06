/**
 * Module boundaries of migralint, checked by `npm run depcruise` (part of `npm test`).
 *
 * Six layers; a module imports from its own layer or from layers below it,
 * never from a layer above, and no import chain comes back to where it started
 * (type-only imports included: `tsPreCompilationDeps` keeps them in the graph).
 *
 *   1. core       src/model.ts (every fact the readers produce, as types),
 *                 src/util/, src/version.ts
 *   2. readers    src/workspace.ts (the files of one run), src/containment.ts, src/parse.ts, src/traverse.ts,
 *                 src/discovery.ts, src/extract/, src/sql/,
 *                 src/operations/ (what an extracted operation does), src/config/,
 *                 src/models/, src/scripts/, src/runner/, src/naming/
 *   3. analysis   rules/, src/rules/, src/schema/, src/project.ts, src/suppressions.ts
 *   4. reporters  src/reporters/
 *   5. verify     src/verify/ (`migralint verify`: runs the project's migrations on a
 *                 throwaway database, in a child process; the only code that executes the project's)
 *   6. apps       src/cli.ts, src/cli/, src/config-file/, src/gate/, src/github/,
 *                 src/eslint/, src/index.ts (the `migralint/api` entry), bin/
 *
 * Within apps, the libraries (config-file, gate, github) never import an entry
 * point (cli, eslint, index). A module of src/ or rules/ that no layer names is
 * an error: a new folder gets its layer here, and in README's Development section
 * (test/layers.test.ts checks that the two maps agree and that each rule fires).
 */

/** Path patterns (dependency-cruiser matches them against paths relative to the repository root). */
const LAYERS = {
  core: ['^src/model\\.ts$', '^src/util/', '^src/version\\.ts$', '^src/limits\\.ts$'],
  readers: [
    '^src/workspace\\.ts$',
    '^src/containment\\.ts$',
    '^src/parse\\.ts$',
    '^src/traverse\\.ts$',
    '^src/discovery\\.ts$',
    '^src/extract/',
    '^src/sql/',
    '^src/operations/',
    '^src/config/',
    '^src/models/',
    '^src/scripts/',
    '^src/runner/',
    '^src/naming/',
  ],
  analysis: ['^rules/', '^src/rules/', '^src/schema/', '^src/project\\.ts$', '^src/suppressions\\.ts$'],
  reporters: ['^src/reporters/'],
  verify: ['^src/verify/'],
  apps: ['^src/cli\\.ts$', '^src/cli/', '^src/config-file/', '^src/gate/', '^src/github/', '^src/eslint/', '^src/index\\.ts$', '^bin/'],
};
const ORDER = ['core', 'readers', 'analysis', 'reporters', 'verify', 'apps'];
const APP_ENTRY_POINTS = ['^src/cli\\.ts$', '^src/cli/', '^src/eslint/', '^src/index\\.ts$', '^bin/'];
const APP_LIBRARIES = ['^src/config-file/', '^src/gate/', '^src/github/'];

/** One rule per layer: nothing in it imports from a layer above. */
const layerRules = ORDER.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment: `${layer} imports only from ${ORDER.slice(0, i + 1).join(', ')} (layer map at the top of .dependency-cruiser.cjs)`,
  from: { path: LAYERS[layer] },
  to: { path: ORDER.slice(i + 1).flatMap((above) => LAYERS[above]) },
}));

const ALL_LAYERS = Object.values(LAYERS).flat();

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import chain that comes back to its start (type-only imports count): move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'app-libraries-below-entry-points',
      severity: 'error',
      comment: 'config-file, gate and github serve the CLI and the ESLint plugin; they never import them.',
      from: { path: APP_LIBRARIES },
      to: { path: APP_ENTRY_POINTS },
    },
    {
      name: 'layer-unassigned',
      severity: 'error',
      comment: 'Every module of src/ and rules/ belongs to a layer: add its path to LAYERS in .dependency-cruiser.cjs.',
      from: { path: '^(src|rules)/', pathNot: ALL_LAYERS },
      to: {},
    },
    {
      name: 'layer-unassigned-target',
      severity: 'error',
      comment: 'Every module of src/ and rules/ belongs to a layer: add its path to LAYERS in .dependency-cruiser.cjs.',
      from: {},
      to: { path: '^(src|rules)/', pathNot: ALL_LAYERS },
    },
  ],
  options: {
    // bin/migralint.js loads the build (dist/); the sources are what is checked.
    doNotFollow: { path: ['node_modules', '^dist/'] },
    exclude: { path: '^dist/' },
    // Keep type-only imports in the graph: a cycle through types is a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
