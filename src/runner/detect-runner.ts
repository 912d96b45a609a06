/**
 * Knows the runner: which files run as migrations, in what order, in which
 * transaction, and whether a `down` can ever run. Everything is read
 * statically (never executed) from `.sequelizerc` (or the
 * `.sequelizerc.example` a project ships for it), `package.json` scripts
 * (`sequelize-cli` with `--migrations-path` / `--options-path` / `--config`),
 * umzug constructors (`migrations: { path, pattern }` of umzug 2,
 * `migrations: { glob }` of umzug 3, `storage`, the transaction a
 * `customResolver` / `wrap` / `resolve` opens around each migration, which
 * CLS may make the migration's own), and custom runners (a module that lists
 * a folder, filters the names and calls `migration.up(...)`). Of several
 * runners of one folder, an umzug that nothing runs loses to an npm script's
 * sequelize-cli.
 */
import path from 'node:path';
import { SPECIFIER, specifierTarget, withoutExtension } from '../util/module-specifiers';
import { callsComputedMethod, namesMember } from '../extract/syntax';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Evidence, RunnerInfo } from '../model';
import { Interpreter } from '../extract/interpreter';
import { fileExports, moduleContext } from '../extract/extract-migration';
import { asString } from '../extract/values';
import { StaticScopes } from '../extract/static-scope';
import { traverse } from '../traverse';
import { splitCommandLine, parseInvocation } from '../scripts/command-line';
import { isTestPath, toPosix } from '../util/paths';
import { analyzeNodeScript, UNKNOWN_PIECE } from '../scripts/node-script';
import { locateScript } from '../scripts/units';
import { escapeRegExp, lineAt } from '../util/text';
import type { Workspace } from '../workspace';
import { sourceFolderOf } from './compiled-source';
import { nameFilterOf, type NameFilter } from './name-filter';
import { declaredWorkspaces, keyLine, objectOf, rootPackageJson, type DeclaredWorkspaces } from './package-json';

export { NEVER_SEARCHED, RUNNER_EXTENSIONS } from '../util/paths';
import { NEVER_SEARCHED, RUNNER_EXTENSIONS } from '../util/paths';
/** umzug 2's default `migrations.pattern`. */
const UMZUG2_DEFAULT_PATTERN = '^\\d+[\\w-]+\\.js$';

const BUILD_DIRS = new Set(['build', 'dist', 'out', 'lib-cov', '.build']);
/** At most this many files are read while looking for a runner: a bound on huge repositories. */
const MAX_SCANNED_FILES = 20_000;
const MAX_SCANNED_BYTES = 512 * 1024;
/** `.sequelizerc`, options files, package.json: read whole up to this size. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** A sequelize-cli options file (`.sequelizerc`, `--options-path`): the paths it sets, project-relative. */
export interface CliOptionsFile {
  file: string;
  migrationsPath?: string;
  /**
   * sequelize-cli-typescript's `migrations-source-path` (its `migrations-compiled-path` is what it runs, compiled
   * from these): `migrationsPath` is then the source folder, and this the compiled one.
   */
  migrationsCompiledPath?: string;
  modelsPath?: string;
  config?: string;
  /** The `config` file it names is not in the project (nor a source it would be compiled from): sequelize-cli cannot run with it. */
  configMissing?: true;
  seedersPath?: string;
}

/** One place that runs migrations, as found in the project. */
interface Candidate {
  kind: RunnerInfo['kind'];
  evidence: Evidence;
  dirs: string[];
  filter: RunnerInfo['filter'];
  order: RunnerInfo['order'];
  transaction: RunnerInfo['transaction'];
  transactionEvidence?: Evidence;
  down: Evidence | null;
  onError: RunnerInfo['onError'];
  onErrorEvidence?: Evidence;
  baseline: RunnerInfo['baseline'];
  storage: string | null;
  notes: string[];
  /**
   * umzug set up to seed data, not to migrate (`seeders/`, a storage named `seeder_meta` or `SequelizeData`): its
   * folder is no migration set.
   */
  seeder?: boolean;
  /**
   * umzug: a `sequelize.transaction(() => ...)` around each migration (`customResolver`, `wrap`, `resolve`) whose
   * callback hands no transaction on: the migration's queries join it only when the project enables CLS.
   */
  clsWrapper?: Evidence;
  /**
   * umzug: the names of the exported function(s) whose call alone builds this umzug (the construction sits in
   * their body and the module never calls them itself); absent when it is built some other way (at the top level
   * of its module, in a function the module calls).
   */
  builders?: string[];
  /** A list of migrations in this module (`readMigrationList`): whether each one's `down` runs is its importers' to say. */
  listFile?: string;
  /** umzug: nothing runs it (no npm script, no call of its builders from any module); absent when something may. */
  unreached?: true;
  /**
   * umzug: the names of the exported function(s) whose call alone runs `down` (`export async function rollback()
   * { await umzug.down() }`, never called by its module); absent when `down` runs some other way.
   */
  downCallers?: string[];
}

/** A runner of test code (a test database's setup): it runs migrations, but it is not how the project runs them. */
export interface TestRunner {
  evidence: Evidence;
  dirs: string[];
  /** Why it is test code: "lies in a test folder", "only tests import it". */
  why: string;
}

export interface RunnerDetection {
  /** `.sequelizerc` (or its example), read statically. */
  rc: CliOptionsFile | null;
  /** sequelize-cli invocations of npm scripts; `configs`: every `--config` they pass, whatever the subcommand. */
  cli: {
    migrate: CliInvocation[];
    undo: Evidence | null;
    configs: string[];
    /**
     * An npm script named for migrating (`db:migrate`, `migrate`) that runs a program of the project's own
     * (`node ./db/migrate.cli.ts up`) and no sequelize-cli: the project migrates with that program.
     */
    ownProgram?: Evidence;
  };
  /** umzug constructors and custom runners found in the project's sources, test code left out. */
  candidates: Candidate[];
  /** The runners of test code left out of `candidates`. */
  testRunners: TestRunner[];
  /** The packages the root package.json declares as workspaces; null when it declares none. */
  workspaces: DeclaredWorkspaces | null;
  /** The root package.json is read and declares Sequelize but no runner (`declaresNoCli`). */
  noCliDeclared: boolean;
  /** The root package.json is read and declares no `sequelize-cli` (nor `sequelize-cli-typescript`), in any dependencies. */
  cliUndeclared: boolean;
}

interface CliInvocation {
  evidence: Evidence;
  migrationsPath?: string;
  /** `--models-path`. */
  modelsPath?: string;
  optionsFile?: CliOptionsFile;
  config?: string;
  /** A Node script that runs sequelize-cli in a child process: the npm script that runs the script. */
  via?: Evidence;
}

/**
 * Reads `.sequelizerc`-style options from a file, statically, once per
 * workspace (discovery and the npm-scripts analysis both ask). Paths come back
 * relative to the project root.
 */
export function readCliOptionsFile(workspace: Workspace, relFile: string): CliOptionsFile | null {
  const abs = workspace.resolve(relFile);
  return workspace.derive('runner:cli-options', abs, () => cliOptionsOf(workspace, abs));
}

function cliOptionsOf(workspace: Workspace, abs: string): CliOptionsFile | null {
  const absRoot = workspace.absRoot;
  const source = workspace.text(abs, { maxBytes: MAX_CONFIG_BYTES });
  if (source === null) return null;
  const parsed = workspace.parse(abs, { parserPath: abs.endsWith('.ts') ? abs : `${abs}.js` });
  if (!parsed?.ok) return null;
  // sequelize-cli resolves relative paths against the working directory, which is the project root.
  const exported = fileExports(path.join(absRoot, path.basename(abs)), path.basename(abs), source, parsed.ast);
  if (exported?.k !== 'obj') return null;
  // sequelize-cli hands the file to yargs as its config and reads `args.migrationsPath` (lib/helpers/path-helper.js,
  // 6.6.5): a key written in camelCase (`migrationsPath`) works as the kebab-case one does (hold-out 72).
  const get = (key: string): string | undefined => {
    const v = exported.props.get(key) ?? exported.props.get(key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
    const s = v ? asString(v) : null;
    return s === null ? undefined : toProjectPath(absRoot, s);
  };
  const out: CliOptionsFile = { file: toPosix(path.relative(absRoot, abs)) };
  const sourcePath = get('migrations-path') === undefined ? get('migrations-source-path') : undefined;
  const migrationsPath = get('migrations-path') ?? sourcePath;
  if (sourcePath) out.migrationsCompiledPath = get('migrations-compiled-path') ?? sourcePath;
  const modelsPath = get('models-path');
  const config = get('config');
  const seedersPath = get('seeders-path');
  if (migrationsPath) out.migrationsPath = migrationsPath;
  if (modelsPath) out.modelsPath = modelsPath;
  if (config) out.config = config;
  if (config && !workspace.exists(path.resolve(absRoot, config)) && !sourceFolderOf(workspace, config) && !workspace.exists(path.resolve(absRoot, config.replace(/^(dist|build)\//, 'src/').replace(/\.js$/, '.ts')))) out.configMissing = true;
  if (seedersPath) out.seedersPath = seedersPath;
  return out;
}

/** Reads everything that tells how the project runs its migrations. */
export function detectRunner(workspace: Workspace): RunnerDetection {
  let rc = readCliOptionsFile(workspace, '.sequelizerc');
  if (!rc && workspace.exists(workspace.resolve('.sequelizerc.example'))) {
    rc = readCliOptionsFile(workspace, '.sequelizerc.example');
  }
  const cli = readCliScripts(workspace);
  const workspaces = declaredWorkspaces(workspace);
  const scan = findRunnerModules(workspace);
  // A `Sequelize.useCLS()` in a package the project no longer builds enables nothing.
  const cls = scan.cls.find((e) => !workspaces || workspaces.undeclaredPackageOf(e.file) === null) ?? null;
  const testRunners: TestRunner[] = [];
  const candidates = scan.candidates.filter((cand) => {
    const why = testCodeReason(workspace, cand.evidence.file, scan.files);
    if (why) testRunners.push({ evidence: cand.evidence, dirs: cand.dirs, why });
    return why === null;
  });
  for (const cand of candidates) {
    if (cand.clsWrapper) settleClsWrapper(cand, cand.clsWrapper, cls);
    // Which runner an npm script invokes matters only when sequelize-cli is one of them.
    if (cand.down && cand.downCallers) settleDownCallers(workspace, cand, cand.down, cand.downCallers, scan.files);
    if (cand.kind === 'umzug' && !cand.down) cand.down = downCallOfImporter(workspace, cand.evidence.file, scan.files);
    if (cand.builders && cli.migrate.length > 0) {
      if (neverCalled(workspace, cand.evidence.file, cand.builders, scan.files)) cand.unreached = true;
    }
  }
  const declared = declaredPackages(workspace);
  const cliUndeclared = declared !== null && !('sequelize-cli' in declared) && !('sequelize-cli-typescript' in declared);
  return { rc, cli, candidates, testRunners, workspaces, noCliDeclared: declaresNoCli(declared), cliUndeclared };
}

/**
 * An umzug whose `down()` sits only in exported functions (`rollbackMigrations()`): when no module calls them, no
 * module that imports the runner's module calls a `down()` of its own, and no npm script runs them, the runner never
 * runs a `down`, as if it had none; the note says where it is.
 */
function settleDownCallers(workspace: Workspace, cand: Candidate, down: Evidence, callers: string[], files: string[]): void {
  const rel = cand.evidence.file;
  if (!neverCalled(workspace, rel, callers, files)) return;
  // `export default umzug`: a module that imports it may call `down()` on it.
  if (downCallOfImporter(workspace, rel, files)) return;
  cand.down = null;
  const names = callers.map((c) => `${c}()`).join(' or ');
  cand.notes.push(`${down.file}:${down.line} runs \`down\` only inside ${names}, which ${rel} exports but no module of the project calls and no npm script runs: this runner never runs a \`down\`.`);
}

/**
 * An umzug whose own module never runs `down`, where a module importing it does (`orm.umzug.runAsCLI()` in the
 * `migrator.ts` an npm script runs as `migrate:down`; hold-out 66 and 67): rollbacks can run. Where that call is, or null.
 */
function downCallOfImporter(workspace: Workspace, rel: string, files: string[]): Evidence | null {
  for (const file of importersOf(workspace, rel, files)) {
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SCANNED_BYTES }) ?? '';
    const at = DOWN_CALL.exec(text);
    if (at) return evidenceAt(file, text.split(/\r?\n/), lineAt(text, at.index));
  }
  return null;
}

/** A call that runs umzug's `down` (or its CLI, which can). */
const DOWN_CALL = /\.(?:down|runAsCLI)\s*\(/;

/**
 * Why a runner module is test code, or null when it is not: it lies in a test folder or is named as a test
 * (`isTestPath`), or every module that imports it is one and no npm script runs it.
 */
function testCodeReason(workspace: Workspace, rel: string, files: string[]): string | null {
  if (isTestPath(rel)) return 'it lies in test code';
  if (scriptRunsModule(workspace, rel) || isEntryPoint(workspace, rel)) return null;
  const importers = importersOf(workspace, rel, files);
  if (importers.length === 0 || !importers.every(isTestPath)) return null;
  return `only tests import it (${importers.length > 2 ? `${importers.slice(0, 2).join(', ')} and ${importers.length - 2} more` : importers.join(', ')})`;
}

/** `require(path.join(__dirname, 'db', 'orm.js'))` (or `path.resolve`): the literal segments after `__dirname`. */
const DIRNAME_REQUIRE = /\brequire\s*\(\s*path\.(?:join|resolve)\s*\(\s*__dirname\s*((?:,\s*['"][^'"]+['"]\s*)+)\)\s*\)/g;
/** Relative module specifiers of a source: `require('./x')`, `import ... from './x'`, `import('./x')`, `export ... from './x'`. */
const LOCAL_SPECIFIER = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;

/** The project's modules (of `files`) that import or require `rel`, by a relative specifier. */
function importersOf(workspace: Workspace, rel: string, files: string[]): string[] {
  const stem = rel.replace(/\.[cm]?[jt]s$/, '');
  const targets = new Set([stem, rel, ...(path.posix.basename(stem) === 'index' ? [path.posix.dirname(stem)] : [])]);
  return files.filter((file) => {
    if (file === rel) return false;
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SCANNED_BYTES });
    if (text === null) return false;
    // `require('./orm')`, and `require(path.join(__dirname, 'db', 'orm.js'))`, its folder's path spelled in segments.
    const joined = [...text.matchAll(DIRNAME_REQUIRE)].map((m) => `./${[...m[1]!.matchAll(/['"]([^'"]+)['"]/g)].map((s) => s[1]!).join('/')}`);
    for (const spec of [...[...text.matchAll(LOCAL_SPECIFIER)].map((m) => m[1]!), ...joined]) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      // `./migrate.js` written for `migrate.ts`: the extension a compiler keeps.
      if (targets.has(resolved) || targets.has(resolved.replace(/\.[cm]?[jt]s$/, ''))) return true;
    }
    return false;
  });
}

/** Whether an npm script runs the module `rel` (`node src/migrate.js`, `ts-node src/migrate`, `node dist/migrate.js` for `src/migrate.ts`). */
function scriptRunsModule(workspace: Workspace, rel: string): boolean {
  const stem = rel.replace(/\.[cm]?[jt]s$/, '');
  const stems = [...new Set([stem, stem.replace(/^(src|lib)\//, '')])].map(escapeRegExp).join('|');
  const runsModule = new RegExp(`(?:^|[\\s'"=/])(?:${stems})(?:\\.[cm]?[jt]s)?(?=$|[\\s'"),;])`);
  return packageScripts(workspace).some((cmd) => runsModule.test(cmd));
}

/**
 * The module is a program's entry point: package.json's `main` names it, or it runs when started directly
 * (`require.main === module`). Tests that import it do not make it test code.
 */
function isEntryPoint(workspace: Workspace, rel: string): boolean {
  const main = rootPackageJson(workspace)?.json.main;
  if (typeof main === 'string' && toPosix(path.posix.normalize(main)).replace(/^\.\//, '').replace(/\.[cm]?[jt]s$/, '') === rel.replace(/\.[cm]?[jt]s$/, '')) return true;
  const text = workspace.text(workspace.resolve(rel), { maxBytes: MAX_SCANNED_BYTES }) ?? '';
  return /\brequire\.main\s*===?\s*module\b|\bmodule\s*===?\s*require\.main\b/.test(text);
}

/** The command lines of the root package.json's scripts. */
function packageScripts(workspace: Workspace): string[] {
  return Object.values(objectOf(rootPackageJson(workspace)?.json.scripts)).filter((v): v is string => typeof v === 'string');
}

/**
 * A wrapper's managed transaction that passes nothing on: with CLS on (`Sequelize.useCLS(namespace)` anywhere in
 * the project: it is global to the Sequelize class), every query of the callback joins it; without, the
 * migration's queries run each on its own, outside it.
 */
function settleClsWrapper(cand: Candidate, at: Evidence, cls: Evidence | null): void {
  if (cls) {
    cand.transaction = 'per-migration';
    cand.transactionEvidence = at;
    cand.notes.push(`Each migration runs inside sequelize.transaction() (${at.file}:${at.line}), which passes no transaction on: its queries join it through CLS, which the project enables (${cls.file}:${cls.line}).`);
  } else {
    cand.notes.push(
      `${at.file}:${at.line} wraps each migration in sequelize.transaction(), but the callback passes no transaction on to the migration and the project does not enable CLS (no Sequelize.useCLS() in its sources): the migration's queries run outside that transaction, each on its own.`,
    );
  }
}

/** Sequelize itself: the library and its TypeScript flavour. */
const SEQUELIZE_LIBRARIES = ['sequelize', '@sequelize/core', 'sequelize-typescript'];
/** The runners of Sequelize migrations a package can declare. */
const SEQUELIZE_RUNNERS = ['sequelize-cli', 'umzug'];
/** Packages that say a project migrates with Sequelize (the library, its TypeScript flavour, its CLI, umzug). */
const SEQUELIZE_PACKAGES = [...SEQUELIZE_LIBRARIES, ...SEQUELIZE_RUNNERS];

/** Other migration tools, with the name messages use. */
const OTHER_FRAMEWORKS: readonly (readonly [pkg: string, name: string])[] = [
  ['typeorm', 'TypeORM'],
  ['knex', 'Knex'],
  ['knex-migrate', 'Knex'],
  ['prisma', 'Prisma'],
  ['@prisma/client', 'Prisma'],
  ['@mikro-orm/core', 'MikroORM'],
  ['drizzle-orm', 'Drizzle'],
  ['kysely', 'Kysely'],
  ['node-pg-migrate', 'node-pg-migrate'],
  ['db-migrate', 'db-migrate'],
];

/**
 * The other migration tool the project's package.json declares (dependencies, devDependencies), when it declares
 * no Sequelize package; null otherwise, and when there is no readable package.json (a monorepo package whose
 * dependencies live at the root says nothing either way).
 */
export function otherMigrationTool(workspace: Workspace): { name: string; file: string; evidence: string; sequelizeToo?: true } | null {
  const declared = declaredPackages(workspace);
  if (!declared) return null;
  // umzug without Sequelize: its migrations get a context of the project's own (a better-sqlite3 `Database`, a pg
  // client), whose calls are not the queryInterface's (hold-out 86: eight `db.exec(...)` reported as missing methods
  // and floating promises). Only when no migration-like file names Sequelize either (a monorepo package may take
  // Sequelize from its workspace root).
  if ('umzug' in declared && !SEQUELIZE_LIBRARIES.some((p) => p in declared) && !('sequelize-cli' in declared) && !migrationsNameSequelize(workspace)) {
    const client = DATABASE_CLIENTS.find((p) => p in declared);
    return { name: 'umzug', file: 'package.json', evidence: `"umzug"${client ? ` with "${client}"` : ''}, and no migration that names Sequelize` };
  }
  const found = OTHER_FRAMEWORKS.find(([pkg]) => pkg in declared);
  // Sequelize as the ORM beside another tool for the migrations (db-migrate, Knex): the other tool's, when nothing
  // declares a Sequelize runner (sequelize-cli, umzug) and no migration-like file of the project names Sequelize
  // (hold-out 89: db-migrate's files read as Sequelize migrations).
  if (SEQUELIZE_PACKAGES.some((p) => p in declared)) {
    if (!found || SEQUELIZE_RUNNERS.some((p) => p in declared) || migrationsNameSequelize(workspace)) return null;
    return { name: found[1], file: 'package.json', evidence: `"${found[0]}", and no migration that names Sequelize`, sequelizeToo: true };
  }
  if (found) {
    const version = declared[found[0]];
    return { name: found[1], file: 'package.json', evidence: `"${found[0]}"${typeof version === 'string' ? `: "${version}"` : ''}` };
  }
  // Knex from a workspace's root (a monorepo package that declares only its siblings): its knexfile beside package.json.
  const knexfile = KNEXFILES.find((f) => workspace.isFile(path.join(workspace.absRoot, f)));
  return knexfile ? { name: 'Knex', file: knexfile, evidence: 'the configuration file of the knex CLI' } : null;
}

/** Database clients a project may hand umzug as its migrations' context, in the order messages name them. */
const DATABASE_CLIENTS = ['better-sqlite3', 'sqlite3', 'pg', 'postgres', 'mysql2', 'mysql', 'mariadb', 'mongodb', 'mongoose', 'tedious', 'mssql', 'redis', 'ioredis'];

/**
 * Whether the project's migration-like files (those under a folder named `migrations` or `migration`, four levels deep
 * at most, the first 50 in path order) name Sequelize (`queryInterface`, `Sequelize`, `DataTypes`, `sequelize`).
 */
function migrationsNameSequelize(workspace: Workspace): boolean {
  let files: string[];
  try {
    files = workspace.glob('**/{migrations,migration}/**/*.{js,cjs,mjs,ts,cts,mts}', { ignore: [...NEVER_SEARCHED, '**/dist/**', '**/build/**'], onlyFiles: true, deep: 6, dot: false, followSymbolicLinks: false });
  } catch {
    return true;
  }
  return files.sort().slice(0, 50).some((f) => /queryInterface|sequelize|DataTypes/i.test(workspace.text(workspace.resolve(f), { maxBytes: 256 * 1024 }) ?? 'sequelize'));
}

/** The configuration file the knex CLI reads from the folder it runs in. */
const KNEXFILES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

/**
 * The root package.json is read, declares Sequelize itself (`sequelize`, `@sequelize/core`, `sequelize-typescript`)
 * and no runner (`sequelize-cli`, `umzug`) in its dependencies or devDependencies: the application uses Sequelize and
 * runs its migrations some way of its own. A package.json that declares no Sequelize package says nothing either way.
 */
function declaresNoCli(declared: Record<string, unknown> | null): boolean {
  return declared !== null && SEQUELIZE_LIBRARIES.some((p) => p in declared) && !SEQUELIZE_RUNNERS.some((p) => p in declared);
}

/** What the root package.json declares (dependencies over devDependencies), by package name; null when it is not read. */
function declaredPackages(workspace: Workspace): Record<string, unknown> | null {
  const pkg = rootPackageJson(workspace)?.json;
  return pkg ? { ...objectOf(pkg.devDependencies), ...objectOf(pkg.dependencies) } : null;
}

/**
 * sequelize-cli calls in package.json scripts: which folders `db:migrate` reads, and whether an undo exists. A
 * script that runs a Node module (`node scripts/migrate.js core`) is followed: the sequelize-cli commands that
 * module runs in a child process (`exec(\`npx sequelize db:migrate --migrations-path ./${type}/migrations\`)`),
 * evaluated with the script's arguments (src/scripts/node-script.ts), count when they name their folder.
 */
function readCliScripts(workspace: Workspace): RunnerDetection['cli'] {
  const absRoot = workspace.absRoot;
  const out: RunnerDetection['cli'] = { migrate: [], undo: null, configs: [] };
  const root = rootPackageJson(workspace);
  if (!root) return out;
  const lines = root.text.split(/\r?\n/);
  // Some script runs sequelize-cli (any subcommand: `db:migrate:undo`, `db:migrate:status`): the project uses it.
  let anyCli = false;
  const record = (words: string[], evidence: Evidence, via?: Evidence): void => {
    const inv = sequelizeInvocation(words);
    if (!inv) return;
    // Unknown pieces of a spawned command (`--config ${file}`) name nothing.
    const option = (key: string): string | undefined => {
      const v = inv.options[key];
      return typeof v === 'string' && !v.includes(UNKNOWN_PIECE) ? toProjectPath(absRoot, v) : undefined;
    };
    // A wrapper script (`"sequelize": "babel-node node_modules/.bin/sequelize --config x.js"`) names the config for all.
    const cfg = option('config');
    if (cfg !== undefined && !out.configs.includes(cfg)) out.configs.push(cfg);
    if (!inv.subcommand) return;
    if (/^db:migrate:undo/.test(inv.subcommand)) {
      out.undo ??= evidence;
    } else if (inv.subcommand === 'db:migrate') {
      const call: CliInvocation = { evidence };
      const mp = option('migrations-path');
      if (mp !== undefined) call.migrationsPath = mp;
      const models = option('models-path');
      if (models !== undefined) call.modelsPath = models;
      const op = option('options-path');
      if (op !== undefined) {
        const file = readCliOptionsFile(workspace, op);
        if (file) call.optionsFile = file;
      }
      if (cfg !== undefined) call.config = cfg;
      if (via) call.via = via;
      // A child process's `db:migrate` that names no folder of its own adds nothing to what the scripts say.
      if (!via || call.migrationsPath !== undefined || call.optionsFile !== undefined) out.migrate.push(call);
    }
  };
  for (const [name, command] of Object.entries(objectOf(root.json.scripts))) {
    if (typeof command !== 'string') continue;
    const evidence: Evidence = { file: 'package.json', line: keyLine(lines, name), text: `"${name}": ${JSON.stringify(command)}` };
    const commands = splitCommandLine(command);
    if (commands.some((c) => sequelizeInvocation(c.words))) anyCli = true;
    else if (!out.ownProgram && MIGRATE_SCRIPT.test(name) && commands.some((c) => runsOwnProgram(workspace, c.words))) out.ownProgram = evidence;
    for (const simple of commands) {
      record(simple.words, evidence);
      for (const child of spawnedCommands(workspace, simple.words)) {
        for (const spawned of splitCommandLine(child.command)) record(spawned.words, child.evidence, evidence);
      }
    }
  }
  if (anyCli || out.migrate.length > 0) delete out.ownProgram;
  return out;
}

/** An npm script named for applying migrations: `migrate`, `db:migrate`, `migrate:up`, `migration:run` (not `:undo`, `:create`, `:status`). */
const MIGRATE_SCRIPT = /^(?:db[:_-])?migrat(?:e|ions?)(?:[:_-](?:up|run|latest|all))?$/i;

/**
 * The command runs a module of the project with Node (`node ./db/migrate.js`, `ts-node src/migrate.ts`): a program of
 * its own, unless that module runs sequelize-cli itself (`execSync('npx sequelize-cli db:migrate')`, a wrapper).
 */
function runsOwnProgram(workspace: Workspace, words: string[]): boolean {
  const inv = parseInvocation(words);
  if (inv.kind !== 'node' || inv.script === null) return false;
  const located = locateScript(workspace, inv.script);
  if (!located.found || isTestPath(located.file)) return false;
  const text = workspace.text(workspace.resolve(located.file), { maxBytes: MAX_SCANNED_BYTES }) ?? '';
  return !/sequelize-cli|\bsequelize\s+db:/.test(text);
}

/**
 * The commands a Node module that an npm script runs (`node common/cli/migrate.js core`) starts in child
 * processes, evaluated with the script's arguments and environment; unknown pieces are `UNKNOWN_PIECE`. Test
 * code and modules that do not mention sequelize are not read.
 */
function spawnedCommands(workspace: Workspace, words: string[]): { command: string; evidence: Evidence }[] {
  const inv = parseInvocation(words);
  if (inv.kind !== 'node' || inv.script === null) return [];
  const located = locateScript(workspace, inv.script);
  if (!located.found || isTestPath(located.file)) return [];
  const text = workspace.text(workspace.resolve(located.file), { maxBytes: MAX_SCANNED_BYTES });
  if (text === null || !/sequelize/.test(text)) return [];
  try {
    const facts = analyzeNodeScript({ workspace, script: located.file, args: inv.args, env: inv.env });
    // `via`: an umzug call read as the command it is like, not a child process.
    return facts.commands.flatMap((c) => {
      const command = c.via === null ? c.command ?? c.partial : null;
      return command === null ? [] : [{ command, evidence: c.evidence }];
    });
  } catch {
    // A module we cannot follow names no folder.
    return [];
  }
}

/** A sequelize-cli call, also when run through node / babel-node / ts-node on its bin file. */
function sequelizeInvocation(words: string[]): { subcommand: string | null; options: Record<string, string | true> } | null {
  const inv = parseInvocation(words);
  if (inv.kind === 'sequelize') return inv;
  if (inv.kind === 'node' && inv.script && /(^|\/)(sequelize|sequelize-cli)(\.js)?$/.test(inv.script)) {
    const again = parseInvocation(['sequelize', ...inv.args]);
    return again.kind === 'sequelize' ? again : null;
  }
  if ((inv.kind === 'package-script' || inv.kind === 'shell' || inv.kind === 'other') && 'args' in inv) {
    // `pnpm sequelize db:migrate ...`, `./scripts/sequelize.sh db:migrate`: a wrapper passing its arguments on.
    const program = inv.kind === 'package-script' ? inv.script : inv.kind === 'shell' ? inv.script ?? '' : inv.program;
    if (/sequelize/.test(program)) {
      const again = parseInvocation(['sequelize', ...inv.args]);
      return again.kind === 'sequelize' ? again : null;
    }
  }
  return null;
}

/** What one pass over the project's own sources finds. */
interface SourceScan {
  /** umzug constructors and custom runners. */
  candidates: Candidate[];
  /** Where the project enables CLS (`Sequelize.useCLS(...)`), in file order. */
  cls: Evidence[];
  /** The source files read (project-relative): what the search for a builder's callers reads again. */
  files: string[];
}

/** `Sequelize.useCLS(namespace)` (on the class, or any alias of it): managed transactions then bind their queries. */
const USE_CLS = /\.useCLS\s*\(/;

/** umzug constructors and custom runner modules anywhere in the project's own sources, and whether it enables CLS. */
function findRunnerModules(workspace: Workspace): SourceScan {
  const scan: SourceScan = { candidates: [], cls: [], files: [] };
  let files: string[];
  try {
    files = workspace.glob(`**/*.{${RUNNER_EXTENSIONS.join(',')}}`, { ignore: NEVER_SEARCHED, onlyFiles: true, followSymbolicLinks: false, dot: false });
  } catch {
    return scan;
  }
  files.sort();
  const out = scan.candidates;
  for (const rel of files.slice(0, MAX_SCANNED_FILES)) {
    if (rel.endsWith('.d.ts') || rel.split('/').some((seg) => BUILD_DIRS.has(seg))) continue;
    const abs = workspace.resolve(rel);
    const text = workspace.text(abs, { maxBytes: MAX_SCANNED_BYTES });
    if (text === null) continue;
    scan.files.push(rel);
    if (USE_CLS.test(text)) {
      const lines = text.split(/\r?\n/);
      const line = lines.findIndex((l) => USE_CLS.test(l) && !/^\s*(\/\/|\*)/.test(l));
      if (line >= 0) scan.cls.push(evidenceAt(rel, lines, line + 1));
    }
    const umzug = /\bUmzug\b/.test(text);
    const custom = !umzug && /readdir/.test(text) && /\.up\s*\(/.test(text);
    const list = !umzug && !custom && /^index\.[cm]?[jt]s$/.test(path.posix.basename(rel));
    if (!umzug && !custom && !list) continue;
    const parsed = workspace.parse(abs);
    if (!parsed?.ok) continue;
    const ctx = moduleContext(abs, toPosix(rel), text, parsed.ast);
    const found = umzug ? readUmzug(workspace, rel, text, parsed.ast, ctx) : custom ? readCustomRunner(workspace, rel, text, parsed.ast) : readMigrationList(workspace, rel, text, parsed.ast);
    out.push(...found);
  }
  for (const c of out) if (c.listFile) c.down = listDownRun(workspace, c.listFile, scan.files, c.down);
  return scan;
}

/**
 * Whether the modules that import a list of migrations (`export default [a, b]`) run their `down`: when some module
 * imports the list and none of them names `down` (`.down(`, `['down']`, `[direction]`), they run only `up`
 * (hold-out 82: a project's own runner that applies the list, with no rollback). `down` as given otherwise.
 */
function listDownRun(workspace: Workspace, listFile: string, files: readonly string[], down: Evidence | null): Evidence | null {
  const stem = withoutExtension(listFile);
  const folder = path.posix.dirname(listFile);
  let importers = 0;
  for (const rel of files) {
    if (rel === listFile) continue;
    const abs = workspace.resolve(rel);
    const text = workspace.text(abs, { maxBytes: MAX_SCANNED_BYTES });
    if (text === null) continue;
    const imports = [...text.matchAll(SPECIFIER)].some((m) => {
      const spec = m[1]!;
      if (!spec.startsWith('.')) return false;
      const target = withoutExtension(specifierTarget(rel, spec));
      return target === stem || (path.posix.basename(stem) === 'index' && target === folder);
    });
    if (!imports) continue;
    importers++;
    // The same question the npm scripts' analysis asks of a required module's method (src/scripts/node-script.ts).
    const parsed = workspace.parse(abs);
    if (namesMember(text, 'down') || !parsed?.ok || callsComputedMethod(parsed.ast)) return down;
  }
  return importers > 0 ? null : down;
}

/** `new Umzug({ migrations: { path | glob, pattern, params }, context, storage })`. */
function readUmzug(workspace: Workspace, rel: string, text: string, ast: TSESTree.Program, ctx: ReturnType<typeof moduleContext>): Candidate[] {
  const absRoot = workspace.absRoot;
  const isDir = (abs: string) => workspace.isDir(abs);
  const out: Candidate[] = [];
  const interp = new Interpreter();
  const scopes = new StaticScopes(ast);
  const lines = text.split(/\r?\n/);
  // Calls of the runner, not the migration calls its `resolve` / `customResolver` makes (`down: () => migration.down(context)`
  // inside `new Umzug({...})` says how a migration is run down, not that anything runs it).
  const umzugs: TSESTree.NewExpression[] = [];
  traverse(ast, (node) => {
    // `new Umzug(...)`, or through the module's namespace (`const umzug = require('umzug'); new umzug.Umzug(...)`).
    const callee = node.type === 'NewExpression' ? node.callee : null;
    if (callee && ((callee.type === 'Identifier' && callee.name === 'Umzug') || (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'Umzug'))) umzugs.push(node as TSESTree.NewExpression);
  });
  const runnerCall = (c: TSESTree.CallExpression) => !umzugs.some(({ range: [start, end] }) => c.range[0] >= start && c.range[1] <= end);
  const downCall = findCall(ast, (c) => (memberName(c.callee) === 'down' || memberName(c.callee) === 'runAsCLI') && runnerCall(c));
  const upCall = findCall(ast, (c) => memberName(c.callee) === 'up' && runnerCall(c));
  const onError = upCall ? errorHandling(ast, upCall, text, rel, lines) : { onError: 'unknown' as const };
  umzugs.forEach((node) => {
    const arg = node.arguments[0];
    if (!arg || arg.type !== 'ObjectExpression') return;
    const migrations = property(arg, 'migrations');
    const evidence = evidenceAt(rel, lines, node.loc.start.line);
    const cand: Candidate = {
      kind: 'umzug',
      evidence,
      dirs: [],
      filter: { extensions: ['js'], pattern: UMZUG2_DEFAULT_PATTERN, recursive: false },
      order: 'name',
      transaction: 'none',
      down: downCall ? evidenceAt(rel, lines, downCall.loc.start.line) : null,
      ...onError,
      baseline: null,
      storage: null,
      notes: [],
    };
    if (migrations && migrations.type === 'ObjectExpression') {
      const p = property(migrations, 'path');
      const glob = property(migrations, 'glob');
      // `pattern: /migration\.ts$/`, or one picked at run time (`isDev ? /\.ts$/ : /\.js$/`): a file either matches.
      const patterns = regexesOf(property(migrations, 'pattern'));
      if (patterns.length > 0) {
        cand.filter.pattern = patterns.length === 1 ? patterns[0]! : patterns.map((p) => `(?:${p})`).join('|');
        cand.filter.extensions = [...new Set(patterns.flatMap(extensionsOfPattern))].sort();
      }
      // umzug 2's `traverseDirectories: true`: the files of every folder below `path` too.
      const traverse = property(migrations, 'traverseDirectories');
      if (traverse?.type === 'Literal' && traverse.value === true) cand.filter.recursive = true;
      if (p) {
        // `__dirname` evaluates to the module's project-relative folder, so every path here is project-relative.
        for (const dir of stringsOf(p, { ast, ctx, interp, scopes })) cand.dirs.push(toProjectPath(absRoot, dir));
      }
      if (glob) {
        cand.filter.pattern = null;
        const globExpr = glob.type === 'ArrayExpression' && glob.elements[0] && glob.elements[0].type !== 'SpreadElement' ? glob.elements[0] : glob;
        // `glob: ['*.js', { cwd: dir }]`: the pattern is relative to `cwd`; a `cwd` computed at run time (a
        // constructor argument) leaves the folder unknown, not the project root.
        const options = glob.type === 'ArrayExpression' && glob.elements[1]?.type === 'ObjectExpression' ? glob.elements[1] : null;
        const cwdExpr = options ? property(options, 'cwd') : null;
        // `ignore: ['**/migrator.ts', '**/cli.ts']`: files of the folder the glob leaves out (the runner's own modules).
        const ignoreExpr = options ? property(options, 'ignore') : null;
        const ignore = ignoreExpr ? stringsOf(ignoreExpr as TSESTree.Expression, { ast, ctx, interp, scopes }) : [];
        if (ignore.length > 0) cand.filter.ignore = ignore;
        const cwds = cwdExpr ? stringsOf(cwdExpr as TSESTree.Expression, { ast, ctx, interp, scopes }) : [''];
        const globs = cwds.length === 0 ? [] : stringsOf(globExpr as TSESTree.Expression, { ast, ctx, interp, scopes }).flatMap((g) => cwds.map((c) => (c && !path.isAbsolute(g) ? path.posix.join(c, g) : g)));
        const exts = new Set<string>();
        for (const g of globs) {
          const { dir, recursive, extensions, folderPattern } = splitGlob(g);
          const candidates = [toProjectPath(absRoot, dir), toProjectPath(absRoot, dir, path.dirname(path.join(absRoot, rel)))];
          // Compiled output the repository does not hold (`dist/migrations` of a `tsc` build): its source folder.
          const found = candidates.find((c) => isDir(path.join(absRoot, c)));
          const source = found ? null : sourceFolderOf(workspace, candidates[0]!);
          if (source) cand.notes.push(`${evidence.file}:${evidence.line} reads ${candidates[0]}, compiled output that is not in the repository; read its source ${source}.`);
          const existing = found ?? source ?? undefined;
          if (existing) {
            const fileExts = compiledExtensions(workspace, rel, existing, extensions);
            for (const e of fileExts) exts.add(e);
            // `**/migrations/*.ts`: the folders the pattern names below its first wildcard, not every file under it.
            const nested = foldersNamedBy(workspace, existing, folderPattern, fileExts);
            if (nested) cand.dirs.push(...nested);
            else {
              cand.dirs.push(existing);
              if (recursive) cand.filter.recursive = true;
            }
          }
        }
        cand.filter.extensions = exts.size > 0 ? [...exts].sort() : RUNNER_EXTENSIONS;
      }
      // What umzug calls instead of each migration's up / down: umzug 3's `resolve`, umzug 2's `customResolver` and `wrap`.
      for (const key of ['resolve', 'customResolver', 'wrap']) {
        const wrapper = property(migrations, key);
        if (!wrapper) continue;
        const found = wrapperTransaction(wrapper, scopes);
        if (found) {
          const at = evidenceAt(rel, lines, found.at.loc.start.line);
          if (found.kind === 'passes') {
            cand.transaction = 'per-migration';
            cand.transactionEvidence = at;
          } else if (found.kind === 'cls') {
            cand.clsWrapper = at;
          } else {
            cand.notes.push(`${at.file}:${at.line} opens a transaction around each migration but never passes it on: the migration's queries run outside it.`);
          }
        } else if (key === 'resolve' && /transaction/.test(text.slice(wrapper.range[0], wrapper.range[1]))) {
          // A resolve that names a transaction made elsewhere (a helper of another module): taken at its word.
          cand.transaction = 'per-migration';
          cand.transactionEvidence = evidenceAt(rel, lines, wrapper.loc.start.line);
        }
        if (cand.transaction === 'per-migration' || cand.clsWrapper) break;
      }
    }
    const builders = exportedBuilders(ast, node);
    if (builders) cand.builders = builders;
    const downCallers = downCall ? exportedBuilders(ast, downCall) : null;
    if (downCallers) cand.downCallers = downCallers;
    const storage = property(arg, 'storage');
    if (storage) {
      const storageOptions = property(arg, 'storageOptions');
      const table = storageOptions && storageOptions.type === 'ObjectExpression' ? property(storageOptions, 'tableName') : null;
      const inner = storage.type === 'NewExpression' && storage.arguments[0]?.type === 'ObjectExpression' ? (property(storage.arguments[0], 'tableName') ?? property(storage.arguments[0], 'modelName')) : null;
      const name = table ?? inner;
      cand.storage = name && name.type === 'Literal' && typeof name.value === 'string' ? name.value : 'SequelizeMeta';
    }
    cand.dirs = [...new Set(cand.dirs)].filter((d) => isDir(path.join(absRoot, d)));
    // A seeder: its folder is `seeders/` (or `seeds/`), or it records what it ran in a seeder's table.
    if ((cand.dirs.length > 0 && cand.dirs.every((d) => SEEDER_FOLDER.test(path.posix.basename(d)))) || (cand.storage !== null && SEEDER_STORAGE.test(cand.storage))) cand.seeder = true;
    out.push(cand);
  });
  return out;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The transaction an umzug option that stands in for each migration's up / down (`resolve`, `customResolver`,
 * `wrap`) opens around it, read in the option and in the module's functions it names (`wrap(updown,
 * inTransaction)` with `inTransaction` declared beside it):
 * - `passes`: the transaction is handed to a call (`(t) => updown(...args, t)`, `{ transaction: t }`, an unmanaged
 *   `const t = await sequelize.transaction()` passed on): the migration runs in it, CLS or not;
 * - `cls`: a managed `sequelize.transaction(() => updown(...args))` whose callback hands nothing on: the
 *   migration's queries join it only through CLS;
 * - `unpassed`: an unmanaged transaction never handed on (CLS binds managed transactions only).
 * The strongest found wins; null when the option opens none.
 */
function wrapperTransaction(wrapper: TSESTree.Node, scopes: StaticScopes): { kind: 'passes' | 'cls' | 'unpassed'; at: TSESTree.Node } | null {
  const bodies: TSESTree.Node[] = [wrapper];
  traverse(wrapper, (n) => {
    if (n.type !== 'Identifier') return;
    const d = scopes.declarationOf(n);
    const fn = d?.kind === 'function' ? d.node : d?.kind === 'var' && d.path.length === 0 && isFunctionNode(d.declarator.init) ? d.declarator.init : null;
    if (fn && !contains(wrapper, fn) && !bodies.includes(fn)) bodies.push(fn);
  });
  const rank = { passes: 3, cls: 2, unpassed: 1 } as const;
  let best: { kind: 'passes' | 'cls' | 'unpassed'; at: TSESTree.Node } | null = null;
  const consider = (kind: 'passes' | 'cls' | 'unpassed', at: TSESTree.Node) => {
    if (!best || rank[kind] > rank[best.kind]) best = { kind, at };
  };
  for (const body of bodies) {
    // Unmanaged transactions held in a variable: `const t = await sequelize.transaction()`.
    const held = new Map<TSESTree.Node, string>();
    traverse(body, (n) => {
      if (n.type !== 'VariableDeclarator' || n.id.type !== 'Identifier' || !n.init) return;
      const call = n.init.type === 'AwaitExpression' ? n.init.argument : n.init;
      if (call.type === 'CallExpression') held.set(call, n.id.name);
    });
    traverse(body, (n) => {
      if (n.type !== 'CallExpression' || memberName(n.callee) !== 'transaction') return;
      const callback = [...n.arguments].reverse().find((a): a is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression => isFunctionNode(a));
      if (callback) {
        const param = callback.params[0];
        consider(param?.type === 'Identifier' && passesOn(callback.body, param.name) ? 'passes' : 'cls', n);
      } else {
        const name = held.get(n);
        consider(name !== undefined && passesOn(body, name) ? 'passes' : 'unpassed', n);
      }
    });
  }
  return best;
}

/** Whether a call under `node` takes `name` as an argument, or `{ transaction: name }`. */
function passesOn(node: TSESTree.Node, name: string): boolean {
  let found = false;
  traverse(node, (n) => {
    if (n.type !== 'CallExpression') return undefined;
    found = n.arguments.some(
      (a) =>
        (a.type === 'Identifier' && a.name === name) ||
        (a.type === 'ObjectExpression' && a.properties.some((p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === name && (p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : '') === 'transaction')),
    );
    return found ? 'stop' : undefined;
  });
  return found;
}

/**
 * The names other modules call to reach `node` (an umzug's construction, its `down()` call): it sits in a function
 * declared at the top level and exported (`export const performMigrations = () => new Umzug(...)`, `function f()
 * {...}` with `module.exports = { f }`, `exports.f = function () {...}`), which the module itself never uses. Null
 * otherwise (built at the top level, in a default export, in a function the module calls or hands around): then
 * whatever loads the module may run it.
 */
function exportedBuilders(ast: TSESTree.Program, node: TSESTree.Node): string[] | null {
  const stmt = ast.body.find((st) => contains(st, node));
  if (!stmt) return null;
  const inner = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
  let local: string | null = null;
  let fn: TSESTree.Node | null = null;
  const exported: string[] = [];
  if (inner.type === 'FunctionDeclaration' && inner.id) {
    [local, fn] = [inner.id.name, inner];
  } else if (inner.type === 'VariableDeclaration') {
    const d = inner.declarations.find((x) => contains(x, node));
    if (d?.id.type === 'Identifier' && isFunctionNode(d.init)) [local, fn] = [d.id.name, d.init];
  } else if (inner.type === 'ExpressionStatement' && inner.expression.type === 'AssignmentExpression' && isFunctionNode(inner.expression.right)) {
    const name = exportsKey(inner.expression.left);
    if (name) {
      [fn] = [inner.expression.right];
      exported.push(name);
      if (inner.expression.right.type !== 'ArrowFunctionExpression' && inner.expression.right.id) local = inner.expression.right.id.name;
    }
  }
  if (!fn || !contains(fn, node)) return null;
  if (stmt.type === 'ExportNamedDeclaration' && local) exported.push(local);
  if (local) {
    // Every other place the module names it: an export (`export { f }`, `module.exports = { f }`, `exports.g = f`), else a use.
    const parents = new Map<TSESTree.Node, TSESTree.Node>();
    let used = false;
    traverse(ast, (n, parent) => {
      if (parent) parents.set(n, parent);
      if (n.type !== 'Identifier' || n.name !== local || !parent || used) return;
      if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'VariableDeclarator') && parent.id === n) return;
      if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
      if (parent.type === 'ExportSpecifier') {
        exported.push(parent.exported.type === 'Identifier' ? parent.exported.name : String(parent.exported.value));
        return;
      }
      if (parent.type === 'Property' && !parent.computed && parent.key === n && parent.value !== n) return;
      const objectOwner = parent.type === 'Property' && parent.value === n ? parents.get(parents.get(parent) ?? parent) : undefined;
      if (parent.type === 'Property' && objectOwner?.type === 'AssignmentExpression' && exportsKey(objectOwner.left) === '') {
        exported.push(parent.key.type === 'Identifier' ? parent.key.name : String((parent.key as TSESTree.Literal).value));
        return;
      }
      if (parent.type === 'AssignmentExpression' && parent.right === n && exportsKey(parent.left)) {
        exported.push(exportsKey(parent.left)!);
        return;
      }
      used = true;
    });
    if (used) return null;
  }
  return exported.length > 0 ? [...new Set(exported)] : null;
}

/** `module.exports` -> '', `exports.f` / `module.exports.f` -> 'f'; null for anything else. */
function exportsKey(node: TSESTree.Node): string | null {
  const isModuleExports = (n: TSESTree.Node) => n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';
  if (isModuleExports(node)) return '';
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return null;
  return (node.object.type === 'Identifier' && node.object.name === 'exports') || isModuleExports(node.object) ? node.property.name : null;
}

/** Import statements, whose names are not uses: `import { f } from`, `export { f } from`, `const { f } = require(...)`. */
const IMPORT_STATEMENTS = /\bimport\s+(?:type\s+)?[\w$*\s{},]*?\s*from\s*['"][^'"]*['"]|\bexport\s*(?:type\s*)?\{[^}]*\}\s*from\s*['"][^'"]*['"]|\b(?:const|let|var)\s*\{[^}]*\}\s*=\s*require\s*\(\s*['"][^'"]*['"]\s*\)/g;

/**
 * Whether nothing calls the exported functions `builders` of `rel` (the ones that alone build its umzug, or alone
 * call its `down()`): no module of the project names one outside its import statements (a call, a callback, a
 * re-export under another name would), and no npm script names the module or one of them. False as soon as
 * anything might.
 */
function neverCalled(workspace: Workspace, rel: string, builders: string[], files: string[]): boolean {
  const alternatives = builders.map(escapeRegExp).join('|');
  const named = new RegExp(`\\b(?:${alternatives})\\b`);
  // In a command line, only code names a function (`node -e "require('./db').migrate()"`): `db:migrate` does not.
  const calledInScript = new RegExp(`\\.\\s*(?:${alternatives})\\b|\\b(?:${alternatives})\\s*\\(`);
  if (packageScripts(workspace).some((cmd) => calledInScript.test(cmd)) || scriptRunsModule(workspace, rel)) return false;
  return !files.some((file) => {
    if (file === rel) return false;
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SCANNED_BYTES });
    return text !== null && named.test(text) && named.test(text.replace(IMPORT_STATEMENTS, ''));
  });
}

/** Why the umzugs that read a folder never run, for a note: their builders, and their modules. */
function unreachedNote(umzugs: Candidate[]): string {
  const builders = [...new Set(umzugs.flatMap((c) => c.builders ?? []))].map((b) => `${b}()`);
  const files = [...new Set(umzugs.map((c) => c.evidence.file))];
  const calls = builders.length > 1 ? `${builders.slice(0, -1).join(', ')} or ${builders[builders.length - 1]}` : builders[0];
  return `${umzugs[0]!.evidence.file}:${umzugs[0]!.evidence.line} sets up umzug for this folder, but no module of the project calls ${calls}, which ${files.join(' and ')} ${files.length > 1 ? 'export' : 'exports'}, and no npm script runs ${files.length > 1 ? 'them' : 'it'}`;
}

/**
 * A module that lists a folder (`readdir`), filters the names and calls
 * `.up(...)` on what it requires: the project's own runner.
 */
function readCustomRunner(workspace: Workspace, rel: string, text: string, ast: TSESTree.Program): Candidate[] {
  const absRoot = workspace.absRoot;
  const lines = text.split(/\r?\n/);
  const upCall = findCall(ast, (c) => memberName(c.callee) === 'up');
  if (!upCall) return [];
  const readdir = findCall(ast, (c) => /^readdir(Sync)?$/.test(memberName(c.callee) ?? (c.callee.type === 'Identifier' ? c.callee.name : '')));
  if (!readdir) return [];
  const ownDir = toPosix(path.dirname(rel)) || '.';
  // The folder: `__dirname`, a constant holding it, or `path.join(__dirname, 'x')` (`join` imported alone too).
  let dir = ownDir;
  const dirArg = readdir.arguments[0];
  const dirText = dirArg ? text.slice(dirArg.range[0], dirArg.range[1]) : '';
  // Every string argument after `__dirname` (`path.join(__dirname, '..', 'migrations')`), in order.
  const SEGMENTS = String.raw`((?:\s*,\s*['"][^'"]+['"])+)`;
  const joined = new RegExp(String.raw`__dirname${SEGMENTS}`).exec(text.slice(readdir.range[0], readdir.range[1])) ?? (dirText ? new RegExp(String.raw`${escapeRegExp(dirText)}\s*=\s*(?:path\.)?(?:join|resolve)\(\s*__dirname${SEGMENTS}`).exec(text) : null);
  if (joined) dir = toPosix(path.join(ownDir, ...[...joined[1]!.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!))) || '.';
  // A loop over the models folder that requires each model (`f(sequelize, DataTypes)`) is the model loader, whatever
  // `.up()` the module calls besides (an umzug of its own).
  if (/^models?$/i.test(path.posix.basename(dir))) return [];
  // The filter: a regular expression literal tested against the names.
  let pattern: string | null = null;
  traverse(ast, (node) => {
    if (pattern === null && node.type === 'Literal' && 'regex' in node && node.regex && /\\\.(js|ts)|\.js\$|\.ts\$/.test(node.regex.pattern)) pattern = node.regex.pattern;
  });
  const sortCall = findCall(ast, (c) => memberName(c.callee) === 'sort');
  const downCall = findCall(ast, (c) => memberName(c.callee) === 'down');
  const cand: Candidate = {
    kind: 'custom',
    evidence: evidenceAt(rel, lines, readdir.loc.start.line),
    dirs: workspace.isDir(path.join(absRoot, dir)) ? [dir] : [],
    filter: { extensions: pattern ? extensionsOfPattern(pattern) : RUNNER_EXTENSIONS, pattern, recursive: false },
    order: sortCall && sortCall.arguments.length > 0 ? 'custom' : 'name',
    transaction: upCallPassesTransaction(upCall, text) ? 'per-migration' : 'none',
    down: downCall ? evidenceAt(rel, lines, downCall.loc.start.line) : null,
    ...errorHandling(ast, upCall, text, rel, lines),
    baseline: null,
    storage: null,
    notes: [],
  };
  if (cand.transaction === 'per-migration') cand.transactionEvidence = evidenceAt(rel, lines, upCall.loc.start.line);
  // The names the listing's own filter leaves out (`.filter((file) => { if (!/^\d{8,}/.test(file)) return false; ...
  // })`): helper files kept beside the migrations (a generator, an old umzug module) that this runner never loads
  // (hold-out 86).
  const leftOut = new Set<string>();
  const filter = listingFilter(ast, readdir);
  if (filter && cand.dirs[0]) {
    const names = (workspace.readdir(path.join(absRoot, cand.dirs[0])) ?? []).sort();
    for (const name of names) if (filter(name) === false) leftOut.add(name);
    // A filter that leaves out every file is not read right: trust none of it.
    if (leftOut.size === names.length) leftOut.clear();
    if (leftOut.size > 0) cand.filter.ignore = [...leftOut].map((n) => n.replace(/[\\*?[\]{}()!+@]/g, '\\$&'));
  }
  // A squashed baseline: a migration file name the runner compares names with (`=== '2024...-init.js'`); not a
  // name the filter leaves out (`if (file === 'migrate.js') return false`: the runner itself, a helper).
  traverse(ast, (node) => {
    if (cand.baseline || node.type !== 'BinaryExpression' || (node.operator !== '===' && node.operator !== '==')) return;
    for (const side of [node.left, node.right]) {
      if (side.type === 'Literal' && typeof side.value === 'string' && /\.(c|m)?(js|ts)$/.test(side.value) && !leftOut.has(side.value) && side.value !== path.posix.basename(rel) && cand.dirs[0] && workspace.exists(path.join(absRoot, cand.dirs[0], side.value))) {
        cand.baseline = { migration: side.value, evidence: evidenceAt(rel, lines, node.loc.start.line) };
      }
    }
  });
  return [cand];
}

/**
 * The callback of the `.filter(...)` a runner applies to the names its `readdir` lists: chained on the call
 * (`readdirSync(dir).filter(...)`, after a `.sort()` too, or on its awaited result), or on the variable that holds
 * them (`const files = fs.readdirSync(dir); files.filter(...)`).
 */
function listingFilter(ast: TSESTree.Program, readdir: TSESTree.CallExpression): NameFilter | null {
  const unwrap = (n: TSESTree.Node): TSESTree.Node => {
    let cur = n;
    for (;;) {
      if (cur.type === 'AwaitExpression') cur = cur.argument;
      else if (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression' && memberName(cur.callee) === 'sort') cur = cur.callee.object;
      else return cur;
    }
  };
  const holders = new Set<string>();
  traverse(ast, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && unwrap(node.init) === readdir) holders.add(node.id.name);
  });
  const call = findCall(ast, (c) => {
    if (c.callee.type !== 'MemberExpression' || memberName(c.callee) !== 'filter') return false;
    const object = unwrap(c.callee.object);
    return object === readdir || (object.type === 'Identifier' && holders.has(object.name));
  });
  return call ? nameFilterOf(call.arguments[0]) : null;
}

/**
 * An index module that lists the migrations of its folder: it imports sibling files (`import * as m1 from
 * './0.24.12.js'`, `require('./002-x')`) and exports them in an array (`export const migrations = [m1, m2]`,
 * `module.exports = [...]`). Whatever runs that list runs those files in that order, and no other file of the
 * folder (a test, a helper). At least two listed files that exist; the order is the array's, else the imports'.
 */
const DEFINES_UP = /\bexport\s+(?:async\s+)?function\s+up\b|\bexport\s+(?:const|let)\s+up\b|\bexports\.up\s*=|(?:^|[\s{,])(?:async\s+)?up\s*(?::|\()/m;

/**
 * Whether a file's text reads as a migration: it defines `up` (an exported
 * function, `exports.up =`, an `up` method or property) and talks to the
 * query interface (or umzug's context) or defines `down`. A text test, for
 * searching folders; the list runner asks the stricter `DEFINES_UP` alone of
 * files an index module imports.
 */
export function looksLikeMigration(text: string): boolean {
  return DEFINES_UP.test(text) && /\b(module\.exports|exports\.up|export\s)/.test(text) && /\bdown\b|queryInterface|context/.test(text) && !OTHER_TOOL_MIGRATION.test(text);
}

/**
 * Another tool's migration, whose `up` and `down` have the same names: a MikroORM or TypeORM migration class
 * (`extends Migration` from `@mikro-orm/migrations`, `implements MigrationInterface`), a Knex one (`knex.schema`), a
 * node-pg-migrate one (`pgm.createTable`), a Kysely one (`db.schema`), a db-migrate one (`exports.setup` receiving
 * `options.dbmigrate`). Sequelize's runners do not run such files (hold-out 69: a leftover `.sequelizerc` whose folder
 * is gone, and MikroORM's migrations analyzed in its place; hold-out 89: db-migrate's, eight `db.runSql` reported as
 * missing queryInterface methods).
 */
const OTHER_TOOL_MIGRATION = /['"]@mikro-orm\/migrations['"]|\bimplements\s+MigrationInterface\b|\bqueryRunner\s*:\s*QueryRunner\b|\bknex\.schema\b|\bpgm\.(?:createTable|addColumns?|sql|dropTable)\s*\(|\bKysely\s*<|\bdb\.schema\.(?:createTable|alterTable)\b|\boptions\.dbmigrate\b|\bexports\._meta\s*=\s*\{\s*["']?version["']?\s*:/;

function readMigrationList(workspace: Workspace, rel: string, text: string, ast: TSESTree.Program): Candidate[] {
  const dir = toPosix(path.dirname(rel)) || '.';
  const lines = text.split(/\r?\n/);
  const siblings = new Map<string, string>();
  // A sibling file, and whether it is a migration: it defines `up` (`export async function up`, `up: async (...) =>`,
  // `exports.up =`). An index that also imports a sibling that is not one (a models index) lists no migrations.
  let others = 0;
  const stemOf = (spec: string): string | null => {
    if (!/^\.\/[^/]+$/.test(spec)) return null;
    const name = spec.slice(2).replace(/\.[cm]?[jt]s$/, '');
    if (name === 'index') return null;
    for (const e of RUNNER_EXTENSIONS) {
      const source = workspace.text(path.join(workspace.absRoot, dir, `${name}.${e}`), { maxBytes: MAX_SCANNED_BYTES });
      if (source === null) continue;
      if (DEFINES_UP.test(source)) return name;
      others++;
      return null;
    }
    return null;
  };
  const order: string[] = [];
  traverse(ast, (node) => {
    let spec: string | null = null;
    let local: string | null = null;
    if (node.type === 'ImportDeclaration' && typeof node.source.value === 'string') {
      spec = node.source.value;
      const binding = node.specifiers.find((x) => x.type === 'ImportNamespaceSpecifier' || x.type === 'ImportDefaultSpecifier');
      local = binding ? binding.local.name : null;
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'CallExpression' && node.init.callee.type === 'Identifier' && node.init.callee.name === 'require') {
      const arg = node.init.arguments[0];
      if (arg?.type === 'Literal' && typeof arg.value === 'string') [spec, local] = [arg.value, node.id.name];
    }
    const stem = spec === null ? null : stemOf(spec);
    if (stem === null || order.includes(stem)) return;
    order.push(stem);
    if (local) siblings.set(local, stem);
  });
  if (order.length < 2 || others > 0) return [];
  // The exported array, in its order: the run order.
  let listed: { stems: string[]; line: number } | null = null;
  traverse(ast, (node) => {
    if (listed || node.type !== 'ArrayExpression' || node.elements.length < 2) return;
    const stems = node.elements.map((e) => (e?.type === 'Identifier' ? siblings.get(e.name) : undefined));
    if (stems.every((x): x is string => x !== undefined)) listed = { stems, line: node.loc.start.line };
  });
  const found = listed as { stems: string[]; line: number } | null;
  const evidence = evidenceAt(rel, lines, found?.line ?? 1);
  return [
    {
      kind: 'custom',
      evidence,
      dirs: [dir],
      filter: { extensions: RUNNER_EXTENSIONS, pattern: null, recursive: false, list: found?.stems ?? order },
      order: 'custom',
      transaction: 'unknown',
      // Whatever runs the list may run each migration's `down` too: not known from the list (its importers decide,
      // see `listDownRun`).
      down: evidence,
      listFile: rel,
      onError: 'stops',
      baseline: null,
      storage: null,
      notes: [`The migrations that run, and their order, are the list in ${rel}:${evidence.line}; other files of the folder never run.`],
    },
  ];
}

/**
 * What happens when the call running the migrations throws: a `try` around it
 * or a `.catch(...)` on it that neither rethrows nor exits means the caller
 * logs and goes on; otherwise the error ends the run.
 */
function errorHandling(ast: TSESTree.Program, call: TSESTree.CallExpression, text: string, rel: string, lines: string[]): { onError: RunnerInfo['onError']; onErrorEvidence?: Evidence } {
  const inside = (outer: TSESTree.Node, inner: TSESTree.Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
  let handler: TSESTree.Node | null = null;
  traverse(ast, (node) => {
    if (node.type === 'TryStatement' && node.handler && inside(node.block, call)) handler = node.handler;
    else if (node.type === 'CallExpression' && memberName(node.callee) === 'catch' && node.callee.type === 'MemberExpression' && inside(node.callee.object, call) && node.arguments[0]) handler = node.arguments[0];
  });
  if (!handler) return { onError: 'stops' };
  const h = handler as TSESTree.Node;
  const body = text.slice(h.range[0], h.range[1]);
  const evidence = evidenceAt(rel, lines, h.loc.start.line);
  return /\bthrow\b|process\.exit|reject\(/.test(body) ? { onError: 'stops', onErrorEvidence: evidence } : { onError: 'continues', onErrorEvidence: evidence };
}

/** `migration.up(qi, t)` where `t` comes from `sequelize.transaction(...)`: each migration runs in the runner's transaction. */
function upCallPassesTransaction(call: TSESTree.CallExpression, text: string): boolean {
  return call.arguments.some((a) => {
    if (a.type === 'ObjectExpression') return a.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'transaction');
    if (a.type !== 'Identifier') return false;
    return new RegExp(`\\b${escapeRegExp(a.name)}\\s*=\\s*await\\s+[\\w.]+\\.transaction\\(|transaction\\(\\s*(async\\s*)?\\(?\\s*${escapeRegExp(a.name)}\\b`).test(text);
  });
}

/** The runner, once the layout is known: the candidate that reads the migrations folder, or sequelize-cli. */
export function chooseRunner(detection: RunnerDetection, migrationsDirs: string[], givenNotes: string[]): RunnerInfo {
  const layoutNotes = [...givenNotes];
  for (const t of detection.testRunners.filter((r) => r.dirs.some((d) => migrationsDirs.includes(d)))) {
    layoutNotes.push(`${t.evidence.file}:${t.evidence.line} runs these migrations too, but ${t.why}: it sets up a test database, it is not how the project runs its migrations.`);
  }
  const reads = detection.candidates.filter((c) => c.dirs.some((d) => migrationsDirs.includes(d)));
  const cliUndo = detection.cli.undo;
  const cliMigrate = detection.cli.migrate.find((m) => {
    const dir = m.migrationsPath ?? m.optionsFile?.migrationsPath ?? detection.rc?.migrationsPath ?? 'migrations';
    return migrationsDirs.includes(dir);
  });
  // A custom runner that filters names says the most about which files run; then umzug; then the CLI. An umzug that
  // nothing runs (no npm script, no call of the function that builds it) loses to an npm script's sequelize-cli.
  const umzugs = reads.filter((c) => c.kind === 'umzug');
  const idle = cliMigrate && umzugs.length > 0 && umzugs.every((c) => c.unreached) ? umzugs : null;
  // No runner names the folder and no sequelize-cli is configured, but the project builds one umzug whose folder is
  // computed at run time (a constructor argument, `process.cwd()`): it runs the folders the search found. Its own
  // file filter is not trusted then (a `*.js` glob over compiled output of the `.ts` sources read here).
  // A `.sequelizerc` whose config file is not in the project is a leftover: sequelize-cli cannot run with it (hold-out 61).
  const staleRc = detection.rc?.configMissing === true && detection.cli.migrate.length === 0;
  const computed = reads.length === 0 && !cliMigrate && (!detection.rc || staleRc) ? detection.candidates.filter((c) => c.kind === 'umzug' && c.dirs.length === 0 && !c.unreached) : [];
  const atRunTime = computed.length === 1 ? computed[0]! : null;
  // Of several umzugs on the folder, the one whose module also runs `down` (a migrate script, beside one that only
  // marks migrations done on a new database): it is the one that migrates, and a rollback can run.
  const chosen = reads.find((c) => c.kind === 'custom') ?? (idle ? null : (umzugs.find((c) => c.down) ?? umzugs[0])) ?? atRunTime;
  if (chosen) {
    const down = chosen.down ?? cliUndo;
    const notes = [...layoutNotes, ...chosen.notes];
    if (chosen === atRunTime) notes.push(`The umzug at ${chosen.evidence.file}:${chosen.evidence.line} computes its migrations folder at run time; it runs the folder${migrationsDirs.length === 1 ? '' : 's'} found by search.`);
    if (cliMigrate) notes.push(`sequelize-cli runs the same folder too (${cliMigrate.evidence.file}:${cliMigrate.evidence.line}).`);
    const info: RunnerInfo = {
      kind: chosen.kind,
      evidence: chosen.evidence,
      migrationsDirs,
      filter: chosen === atRunTime ? { extensions: RUNNER_EXTENSIONS, pattern: null, recursive: false } : chosen.filter,
      order: chosen.order,
      transaction: chosen.transaction,
      downRunnable: down ? 'yes' : 'no',
      onError: chosen.onError,
      baseline: chosen.baseline,
      storage: chosen.storage,
      notes,
    };
    if (chosen.transactionEvidence) info.transactionEvidence = chosen.transactionEvidence;
    if (chosen.onErrorEvidence) info.onErrorEvidence = chosen.onErrorEvidence;
    if (down) info.downEvidence = down;
    return info;
  }
  const evidence = cliMigrate?.evidence ?? (detection.rc ? { file: detection.rc.file, line: 1, text: `migrations-path: ${detection.rc.migrationsPath ?? '(default)'}` } : null);
  const notes = [...layoutNotes];
  if (cliMigrate?.via) notes.push(`${cliMigrate.via.file}:${cliMigrate.via.line} runs ${cliMigrate.evidence.file}, which runs sequelize-cli db:migrate on this folder in a child process (${cliMigrate.evidence.file}:${cliMigrate.evidence.line}).`);
  const info: RunnerInfo = {
    kind: 'sequelize-cli',
    evidence,
    migrationsDirs,
    filter: { extensions: RUNNER_EXTENSIONS, pattern: null, recursive: false },
    order: 'name',
    transaction: 'none',
    // `sequelize-cli db:migrate:undo` can always be typed by hand.
    downRunnable: 'yes',
    // The CLI exits non-zero and does not record the migration.
    onError: 'stops',
    baseline: null,
    storage: 'SequelizeMeta',
    notes,
  };
  if (idle && cliMigrate) {
    info.notes.push(`${unreachedNote(idle)}: the migrations run through sequelize-cli (${cliMigrate.evidence.file}:${cliMigrate.evidence.line}).`);
  }
  // No script runs sequelize-cli, and the project's migrate script runs a program of its own: a `.sequelizerc` (or the
  // default folder) says where sequelize-cli would look, not how the project migrates (hold-out 52).
  const own = cliMigrate ? undefined : detection.cli.ownProgram;
  if (own) {
    info.unconfirmed = true;
    info.ownProgram = own;
    info.notes.push(`No npm script runs sequelize-cli, and \`${own.text}\` (${own.file}:${own.line}) migrates with a program of the project's own: which files it runs, and how, is that program's to say.`);
  }
  if (evidence === null && detection.noCliDeclared && !own) {
    info.unconfirmed = true;
    info.notes.push('Nothing in the project names sequelize-cli (no npm script, no `.sequelizerc`, no dependency): it is assumed, and the folder may be run some other way.');
  }
  if (cliUndo) info.downEvidence = cliUndo;
  return info;
}

/**
 * The extensions a glob of a TypeScript module loads, read in the source tree. The module runs compiled (`tsc`
 * writes `dist/commands/start.js`), so its `__dirname`-relative `*.js` glob reads the compiled copies of the `.ts`
 * files beside the source: a folder of the source tree with no file of the glob's extensions and some `.ts` ones
 * is read as `.ts` (`js` -> `ts`, `cjs` -> `cts`, `mjs` -> `mts`). Otherwise the glob's own.
 */
function compiledExtensions(workspace: Workspace, rel: string, dir: string, extensions: string[]): string[] {
  if (!/\.[cm]?ts$/.test(rel) || rel.endsWith('.d.ts') || extensions.length === 0 || !extensions.every((e) => /^[cm]?js$/.test(e))) return extensions;
  const names = workspace.readdir(path.join(workspace.absRoot, dir)) ?? [];
  const has = (ext: string) => names.some((n) => n.endsWith(`.${ext}`) && !n.endsWith('.d.ts'));
  if (extensions.some(has)) return extensions;
  const source = extensions.map((e) => e.replace(/js$/, 'ts'));
  return source.some(has) ? source : extensions;
}

/** `seeders`, `seeds`, `seeder`: the folder of data seeds, not of migrations. */
const SEEDER_FOLDER = /^seed(er)?s?$/i;
/** The tables seeders record their runs in: sequelize-cli's `SequelizeData`, a `seeder_meta`. */
const SEEDER_STORAGE = /seed|^SequelizeData$/i;

/** The folders umzug / custom runners / CLI scripts read, project-relative, that exist; a seeder's are not migration sets. */
export function runnerFolders(detection: RunnerDetection): string[] {
  const dirs: string[] = [];
  for (const c of detection.candidates) if (!c.seeder) dirs.push(...c.dirs);
  return [...new Set(dirs)];
}

/** The folders of the umzug instances set up to seed data (`runnerFolders` leaves them out), with where each is built. */
export function seederFolders(detection: RunnerDetection): { dir: string; evidence: Evidence; storage: string | null }[] {
  return detection.candidates.filter((c) => c.seeder).flatMap((c) => c.dirs.map((dir) => ({ dir, evidence: c.evidence, storage: c.storage })));
}

/** The `db:migrate` folders named by npm scripts (`--migrations-path`, `--options-path` files). */
export function cliScriptFolders(detection: RunnerDetection): string[] {
  const dirs: string[] = [];
  for (const m of detection.cli.migrate) {
    const d = m.migrationsPath ?? m.optionsFile?.migrationsPath;
    if (d) dirs.push(d);
  }
  return [...new Set(dirs)];
}

/**
 * The models and config an npm script's `db:migrate` gives for a folder: its `--models-path` and `--config`, else
 * those of its `--options-path` file (intake24-style, one per database). Null when no script names the folder.
 */
export function cliOptionsFor(detection: RunnerDetection, dir: string): Pick<CliOptionsFile, 'modelsPath' | 'config'> | null {
  const call = detection.cli.migrate.find((m) => (m.migrationsPath ?? m.optionsFile?.migrationsPath) === dir);
  if (!call) return null;
  const modelsPath = call.modelsPath ?? call.optionsFile?.modelsPath;
  const config = call.config ?? call.optionsFile?.config;
  return { ...(modelsPath !== undefined ? { modelsPath } : {}), ...(config !== undefined ? { config } : {}) };
}

// ---------------------------------------------------------------------------
// Small helpers


/** A path as the runner resolves it (absolute, or relative to `base`), made relative to the project root. */
function toProjectPath(absRoot: string, p: string, base = absRoot): string {
  const abs = path.resolve(base, p);
  return toPosix(path.relative(absRoot, abs)) || '.';
}

function evidenceAt(file: string, lines: string[], line: number): Evidence {
  const text = (lines[line - 1] ?? '').trim();
  return { file: toPosix(file), line, text: text.length > 120 ? `${text.slice(0, 117)}...` : text };
}


/** The regular expressions an expression is written with: a literal, or each arm of `a ? /x/ : /y/` and `a || /x/`. */
function regexesOf(node: TSESTree.Node | null | undefined): string[] {
  if (!node) return [];
  if (node.type === 'Literal' && 'regex' in node && node.regex) return [node.regex.pattern];
  if (node.type === 'ConditionalExpression') {
    const arms = [regexesOf(node.consequent), regexesOf(node.alternate)];
    return arms.every((a) => a.length > 0) ? arms.flat() : [];
  }
  // `process.env.PATTERN || /\.js$/`: the fallback written here (a literal on the left is always the one taken).
  if (node.type === 'LogicalExpression' && node.operator !== '&&') {
    const left = regexesOf(node.left);
    return left.length > 0 ? left : regexesOf(node.right);
  }
  return [];
}

/** Extensions a name pattern accepts: `\.js$` -> js; `\.(js|ts)$` -> js, ts. */
function extensionsOfPattern(pattern: string): string[] {
  const alt = /\\\.\(\??:?([a-z|]+)\)\$?/.exec(pattern);
  if (alt) return alt[1]!.split('|').sort();
  const one = /\\\.([a-z]+)\$?$/.exec(pattern) ?? /\\\.([a-z]+)/.exec(pattern);
  return one ? [one[1]!] : RUNNER_EXTENSIONS;
}

/**
 * `src/db/migrations/*.ts` -> the folder before the first glob character, whether `**` recurses, the extensions; and,
 * when the pattern names folders after its first wildcard (`**​/migrations/*.ts`, `modules/*​/migrations/*.js`), the
 * pattern of those folders below `dir` (`**​/migrations`), else null.
 */
function splitGlob(glob: string): { dir: string; recursive: boolean; extensions: string[]; folderPattern: string | null } {
  const parts = glob.split('/');
  const firstGlob = parts.findIndex((p) => /[*?{[]/.test(p));
  const dir = firstGlob < 0 ? path.posix.dirname(glob) : parts.slice(0, firstGlob).join('/') || '.';
  const last = parts[parts.length - 1] ?? '';
  const braces = /\.\{([a-z,]+)\}$/.exec(last);
  const ext = /\.([a-z]+)$/.exec(last);
  const folders = firstGlob < 0 ? [] : parts.slice(firstGlob, -1);
  const folderPattern = folders.some((f) => f !== '**') ? folders.join('/') : null;
  return { dir, recursive: glob.includes('**'), extensions: braces ? braces[1]!.split(',').sort() : ext ? [ext[1]!] : RUNNER_EXTENSIONS, folderPattern };
}

/**
 * The folders below `dir` that a glob's folder part (`**​/migrations`) matches and that hold a file of one of the
 * extensions, each one migration folder read on its own; null when the glob names no folder after its first wildcard
 * (`**​/*.ts` reads `dir` recursively). Empty when none matches: the runner finds no migration there.
 */
function foldersNamedBy(workspace: Workspace, dir: string, folderPattern: string | null, extensions: readonly string[]): string[] | null {
  if (folderPattern === null) return null;
  let found: string[];
  try {
    found = workspace.glob(folderPattern, { cwd: dir, onlyDirectories: true, ignore: NEVER_SEARCHED, followSymbolicLinks: false, dot: false });
  } catch {
    return null;
  }
  const files = extensions.length === 1 ? `*.${extensions[0]}` : `*.{${extensions.join(',')}}`;
  const holdsMigrations = (folder: string) =>
    workspace.glob(files, { cwd: path.posix.join(dir, folder), onlyFiles: true, dot: false, deep: 1 }).some((f) => !/\.d\.[cm]?ts$/.test(f));
  return found
    .map((f) => f.replace(/\/$/, ''))
    .filter(holdsMigrations)
    .map((f) => (dir === '.' ? f : path.posix.join(dir, f)))
    .sort();
}

/** What `stringsOf` reads a module with. */
interface StringReader {
  ast: TSESTree.Program;
  ctx: ReturnType<typeof moduleContext>;
  interp: Interpreter;
  scopes: StaticScopes;
}

/** Every string an expression can be: a literal, a constant, both arms of `?:`, path.join of those. */
function stringsOf(expr: TSESTree.Node, r: StringReader): string[] {
  if (expr.type === 'ConditionalExpression') return [...stringsOf(expr.consequent, r), ...stringsOf(expr.alternate, r)];
  if (expr.type === 'Identifier') {
    const decl = r.scopes.declarationOf(expr);
    if (decl?.kind === 'var' && decl.path.length === 0 && decl.declarator.init) return stringsOf(decl.declarator.init, r);
  }
  try {
    // Inside a function, with the constants of its blocks (`const path = require('path')` declared next to the
    // `new Umzug({ migrations: { path: path.join(__dirname, '../migrations') } })` in a start-up function).
    const ancestors = r.scopes.ancestors(expr).reverse();
    const v = ancestors.some((a) => a.type !== 'Program') ? r.interp.evaluatorAt(r.ast, r.ctx, ancestors, () => [])(expr) : r.interp.evalTop(expr as TSESTree.Expression, r.ast, r.ctx);
    // A list of strings (umzug 3's `glob: ['./migrations/*.js', './plugins/*/migrations/*.js']`): each of them.
    if (v.k === 'arr') return v.items.map(asString).filter((x): x is string => x !== null);
    const s = asString(v);
    return s === null ? [] : [s];
  } catch {
    return [];
  }
}

function property(obj: TSESTree.ObjectExpression, key: string): TSESTree.Expression | null {
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
    if (k === key) return p.value as TSESTree.Expression;
  }
  return null;
}

function memberName(callee: TSESTree.Node): string | null {
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
}

function findCall(ast: TSESTree.Node, pred: (c: TSESTree.CallExpression) => boolean): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  traverse(ast, (node) => {
    if (node.type !== 'CallExpression' || !pred(node)) return undefined;
    found = node;
    return 'stop';
  });
  return found;
}
