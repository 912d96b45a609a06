import path from 'node:path';
import type { ProjectInfo, RunnerInfo } from './model';
import { TEST_FOLDER, toPosix } from './util/paths';
import { Workspace } from './workspace';
import { ignoreMatcher } from './util/ignores';
import { chooseRunner, cliOptionsFor, cliScriptFolders, detectRunner, looksLikeMigration, NEVER_SEARCHED, otherMigrationTool, runnerFolders, seederFolders, type RunnerDetection } from './runner/detect-runner';

import { UsageError } from './util/errors';
import { compiledToSourceCandidates, sourceFolderOf } from './runner/compiled-source';
import { rootPackageJson, umzugWithoutPromiseCheck } from './runner/package-json';

export { UsageError };

export interface DiscoverOptions {
  /** `--migrations <dir>`: overrides .sequelizerc and the default. Relative to the project root. */
  migrations?: string;
  /** `--models <dir>`. */
  models?: string;
  /** Database config file (config file `config` key), relative to the project root. */
  config?: string;
  /**
   * The config file's `framework`: given, the project is analyzed as a Sequelize one whatever its package.json
   * says; absent, a project whose package.json declares another migration tool and no Sequelize is refused.
   */
  framework?: 'sequelize';
}

/** Extensions the runner loads (`.mjs`/`.mts` for umzug ESM setups). */
export const MIGRATION_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'] as const;
const DECLARATION_FILE = /\.d\.(ts|cts|mts)$/;

/**
 * Finds the project layout the way its runner does: `--migrations`, else
 * `.sequelizerc` (read statically, never executed; a compiled output folder
 * that is not in the repository falls back to its TypeScript source), else the
 * folders that the project's runner reads (npm scripts' `sequelize-cli
 * --migrations-path` / `--options-path`, umzug constructors, a custom runner),
 * else `migrations/`, else a search of the project for folders of files that
 * export `up`. Several migration sets (a monorepo package with two folders)
 * come back as one layout each. `workspace` (by default a fresh one over the
 * disk) reads the project.
 */
export function discoverLayouts(rootArg: string, options: DiscoverOptions = {}, workspace = new Workspace(path.resolve(rootArg))): ProjectInfo[] {
  const absRoot = path.resolve(rootArg);
  const rootStat = workspace.stat(absRoot);
  if (!rootStat) throw new UsageError(`no such directory: ${rootArg}`);
  if (!rootStat.isDirectory) throw new UsageError(`not a directory: ${rootArg}`);
  const isDir = (abs: string) => workspace.isDir(abs);

  if (options.framework === undefined) {
    const other = otherMigrationTool(workspace);
    if (other) {
      throw new UsageError(
        `${displayPath(absRoot, '.')} is ${/^[aeiou]/i.test(other.name) ? 'an' : 'a'} ${other.name} project (${other.file}: ${other.evidence}), ${other.sequelizeToo ? `which uses Sequelize as its ORM but ${other.name} for its migrations` : 'with no Sequelize in its dependencies'}: migralint reads Sequelize migrations only, so it analyzed nothing rather than report ${other.name}'s files as broken Sequelize migrations. Set "framework": "sequelize" in migralint.config.json to analyze them all the same.`,
      );
    }
  }
  const detection = detectRunner(workspace);
  // The migration files `runner` (any runner, without one) loads from `dir`, as the analysis will list them; null
  // when the folder cannot be listed.
  const loadedFrom = (dir: string, runner?: RunnerInfo): string[] | null => {
    const probe: ProjectInfo = { root: rootArg, absRoot, framework: 'sequelize', migrationsDir: dir, modelsDir: null, configFile: null, layoutSource: 'option' };
    try {
      return listMigrationFiles(runner ? { ...probe, runner } : probe, workspace);
    } catch {
      return null;
    }
  };
  const rc = detection.rc;
  const notes: string[] = [];
  // A folder that holds no migration file but several subfolders that do, each a set of migrations
  // (`migrations/master_db`, `migrations/tenant_db`: one database each, the folder chosen when sequelize-cli runs,
  // `migrations/${process.env.DB_GROUP}` in .sequelizerc): the subfolders, each analyzed on its own. Null otherwise.
  const subfolderSets = (dir: string, what: string): string[] | null => {
    const inside = searchMigrationFolders(workspace).filter((f) => isInside(f.dir, dir));
    if (inside.length < 2 || !inside.every((f) => path.posix.dirname(f.dir) === dir)) return null;
    const names = inside.map((f) => f.dir).sort(compareRunOrder);
    notes.push(`${what}, which holds no migration file; its subfolders ${names.join(', ')} each hold migrations (one set per database, the folder chosen when the runner starts): analyzed each on its own, with the models folder of its name when there is one.`);
    return names;
  };
  let dirs: string[];
  let layoutSource: ProjectInfo['layoutSource'];
  let inert: string[] | undefined;
  // Source folders read in place of compiled output the repository does not hold (`dist/migrations` -> `src/...`).
  const compiledFrom = new Map<string, string>();
  if (options.migrations !== undefined) {
    layoutSource = 'option';
    if (!isDir(path.resolve(absRoot, options.migrations))) {
      throw new UsageError(`migrations folder not found: ${displayPath(absRoot, options.migrations)}`);
    }
    dirs = [relative(absRoot, path.resolve(absRoot, options.migrations))];
  } else if (rc?.migrationsPath && (inert ??= inertRc(detection, (d) => searchMigrationFolders(workspace).some((f) => f.dir === d))).length > 0) {
    // A `.sequelizerc` nothing uses (sequelize-cli is no dependency and no npm script runs it) beside a runner of the
    // project's own that reads another folder (`npm run migrate` builds umzug over `migrations/*.js`): that runner's
    // folders are the migrations (hold-out 41).
    layoutSource = 'runner';
    dirs = inert;
    notes.push(`${rc.file} points at ${rc.migrationsPath}, but sequelize-cli is not a dependency of package.json and no npm script runs it; the project's own runner reads ${dirs.join(', ')}: analyzed ${dirs.length > 1 ? 'those' : 'that'} (pass --migrations <dir> to choose).`);
  } else if (rc?.migrationsPath) {
    layoutSource = '.sequelizerc';
    if (rc.file !== '.sequelizerc') notes.push(`There is no .sequelizerc; read ${rc.file}, the template the project ships for it.`);
    if (rc.migrationsCompiledPath !== undefined) {
      notes.push(`${rc.file} sets migrations-source-path (sequelize-cli-typescript compiles those migrations into ${rc.migrationsCompiledPath} and runs the compiled files): analyzed the source.`);
    }
    // A folder with no migration in it, whose one subfolder holds them (`migrations/migrations` beside
    // `migrations/config`, or the first release folder `migrations/v1.0` that a script runs sequelize-cli on):
    // sequelize-cli reads no subfolder, so another runner reads that one. The folder may be the source of compiled
    // output the repository does not hold.
    const orInside = (dir: string): string[] => {
      const empty = loadedFrom(dir)?.length === 0;
      // npm scripts that run sequelize-cli with their own `--options-path` / `--migrations-path` (one per database)
      // name the folders that hold the migrations: sequelize-cli reads those, not the empty one of .sequelizerc.
      const scripted = empty ? cliScriptFolders(detection).filter((d) => (loadedFrom(d)?.length ?? 0) > 0).sort(compareRunOrder) : [];
      if (scripted.length > 0) {
        notes.push(`${rc.file} points at ${rc.migrationsPath}, which holds no migration file; the npm scripts run sequelize-cli with their own folders (--options-path, --migrations-path): analyzed ${scripted.join(', ')}${scripted.length > 1 ? ', each on its own' : ''}.`);
        return scripted;
      }
      const inside = empty ? searchMigrationFolders(workspace).filter((f) => isInside(f.dir, dir)) : [];
      const sets = empty ? subfolderSets(dir, `${rc.file} points at ${rc.migrationsPath}`) : null;
      if (sets) return sets;
      if (inside.length !== 1) return [dir];
      notes.push(`${rc.file} points at ${rc.migrationsPath}, which holds no migration file; analyzed ${inside[0]!.dir} inside it (${inside[0]!.files} files that export \`up\`), which sequelize-cli with this ${rc.file} would not run: another runner reads it (pass --migrations <dir> to choose).`);
      return [inside[0]!.dir];
    };
    if (isDir(path.resolve(absRoot, rc.migrationsPath))) {
      dirs = orInside(rc.migrationsPath);
    } else {
      const source = sourceFolderOf(workspace, rc.migrationsPath);
      if (source) {
        notes.push(`${rc.file} points at ${rc.migrationsPath}, compiled output that is not in the repository; analyzed its source ${source} instead.`);
        dirs = orInside(source);
        for (const d of dirs) compiledFrom.set(d, rc.migrationsPath);
      } else {
        // The folder does not exist and nothing builds it (a path left over from a move of the migrations): the
        // project's own `db:migrate` finds no migration there. The one folder of the project named for migrations
        // whose files export `up` is what was meant; with none, or several, nothing says which.
        const found = searchMigrationFolders(workspace).filter((f) => isMigrationsFolderName(f.dir));
        if (found.length !== 1) {
          const several = found.length > 1 ? `; several folders hold migrations (${found.map((f) => f.dir).join(', ')})` : '';
          throw new UsageError(`migrations folder not found: ${displayPath(absRoot, rc.migrationsPath)} (from ${rc.file} migrations-path)${several}; pass --migrations <dir>`);
        }
        notes.push(
          `${rc.file} points at ${rc.migrationsPath}, which does not exist and is not compiled output of a source in the repository: sequelize-cli with this ${rc.file} finds no migration to run. Analyzed ${found[0]!.dir}, the one folder of migrations in the project (${found[0]!.files} files that export \`up\`); fix migrations-path, or pass --migrations <dir> to choose.`,
        );
        dirs = [found[0]!.dir];
      }
    }
  } else {
    const fromRunner = declaredPackagesOnly(
      [...new Set([...cliScriptFolders(detection), ...runnerFolders(detection)])].filter((d) => isDir(path.resolve(absRoot, d))).sort(compareRunOrder),
      (d) => d,
      detection,
      notes,
    );
    if (fromRunner.length > 0) {
      dirs = fromRunner;
      layoutSource = 'runner';
      for (const seeds of seederFolders(detection)) {
        if (dirs.includes(seeds.dir)) continue;
        notes.push(`${seeds.dir} is the folder of the umzug at ${seeds.evidence.file}:${seeds.evidence.line}${seeds.storage ? ` (storage ${seeds.storage})` : ''}, set up to seed data: not analyzed as migrations.`);
      }
    } else if (isDir(path.resolve(absRoot, 'migrations'))) {
      dirs = (loadedFrom('migrations')?.length === 0 ? subfolderSets('migrations', 'The default folder migrations') : null) ?? ['migrations'];
      layoutSource = 'default';
    } else {
      const found = declaredPackagesOnly(searchMigrationFolders(workspace), (f) => f.dir, detection, notes);
      if (found.length === 0) {
        throw new UsageError(
          `migrations folder not found: ${displayPath(absRoot, 'migrations')} (no .sequelizerc with migrations-path, no runner in package.json scripts or the sources, and no folder of files that export \`up\`; pass --migrations <dir>)`,
        );
      }
      // Several: the folders named `migrations` (outside tests and examples) are the sets, each analyzed on its
      // own (two databases of one service); a folder of some other name that happens to export `up` is not one.
      const named = found.length > 1 ? found.filter((f) => isMigrationsFolderName(f.dir)) : found;
      if (named.length === 0) {
        throw new UsageError(
          `several folders hold migrations and nothing says which one the runner reads:\n${found.map((f) => `  ${f.dir} (${f.files} files)`).join('\n')}\npass one of them with --migrations <dir>`,
        );
      }
      dirs = named.map((f) => f.dir).sort(compareRunOrder);
      layoutSource = 'search';
      const left = found.filter((f) => !named.includes(f)).map((f) => f.dir);
      const leftOut = left.length > 0 ? `; left out ${left.join(', ')}, not named like a migrations folder (pass --migrations <dir> to analyze one)` : '';
      notes.push(
        dirs.length === 1
          ? `No runner configuration found; ${dirs[0]} is the only folder of files that export \`up\`${leftOut}.`
          : `No runner configuration names a migrations folder; analyzed the ${dirs.length} folders named migrations, each on its own: ${dirs.join(', ')}${leftOut}.`,
      );
    }
  }

  const outside = dirs.find((d) => !workspace.contains(path.resolve(absRoot, d)));
  if (outside !== undefined) {
    const from = { option: '--migrations', '.sequelizerc': `${rc?.file} migrations-path`, runner: 'the runner configuration', default: 'default', search: 'search' }[layoutSource];
    throw new UsageError(
      `migrations folder ${displayPath(absRoot, outside)} (from ${from}) resolves outside the project ${displayPath(absRoot, '.')}: not read (pass --allow-outside ${displayPath(absRoot, outside)} to analyze it)`,
    );
  }

  return dirs.map((dir) => {
    // A set named by an npm script's --options-path file brings its own models and config.
    const setOptions = cliOptionsFor(detection, dir);
    const modelsCandidate = options.models ?? setOptions?.modelsPath ?? rc?.modelsPath ?? 'models';
    let absModels = path.resolve(absRoot, modelsCandidate);
    if (!isDir(absModels) && options.models === undefined) {
      // Compiled output's source, else a `models` folder beside the migrations (forge/db/models, src/models).
      const source = sourceFolderOf(workspace, relative(absRoot, absModels));
      const beside = [path.resolve(absRoot, dir, '..', 'models'), path.resolve(absRoot, dir, '..', '..', 'models')].find((d) => isDir(d) && !path.relative(absRoot, d).startsWith('..'));
      // Else the one folder named `models` elsewhere in the project that defines Sequelize models (`src/models` beside a
      // root `migrations`, `api/models`): hold-outs 83-86, fifteen projects whose models went unread.
      const elsewhere = source || beside ? null : modelsFolderElsewhere(workspace);
      if (source) absModels = path.resolve(absRoot, source);
      else if (beside) absModels = beside;
      else if (elsewhere) absModels = path.resolve(absRoot, elsewhere);
    }
    // Sets that are subfolders of one folder (`migrations/tenant_db`), beside models in subfolders of the same names
    // (`models/tenant_db`): each set's own models.
    const ownModels = dirs.length > 1 && options.models === undefined && !setOptions?.modelsPath ? path.resolve(absModels, path.posix.basename(dir)) : null;
    if (ownModels && isDir(ownModels)) absModels = ownModels;
    const modelsDir = isDir(absModels) ? relative(absRoot, absModels) : null;

    let configFile: string | null = null;
    const rcConfig = setOptions?.config ?? rc?.config ?? (detection.cli.configs.length === 1 ? detection.cli.configs[0] : undefined);
    const configCandidates =
      options.config !== undefined
        ? [options.config]
        : rcConfig
          ? [rcConfig, ...compiledToSourceCandidates(rcConfig)]
          : // sequelize-cli's own order: config/config.js wins over config/config.json when both exist (its getConfigFile);
            // then the same layout beside the migrations folder (`app/migrations`, `app/config/config.js`: sequelize-cli
            // run from `app/`, as `sequelize init` lays it out there; hold-out 58).
            [...CONFIG_FILES, ...(path.posix.dirname(dir) !== '.' ? CONFIG_FILES.map((c) => path.posix.join(path.posix.dirname(dir), c)) : [])];
    for (const c of configCandidates) {
      const abs = path.resolve(absRoot, c);
      if (workspace.exists(abs)) {
        configFile = relative(absRoot, abs);
        break;
      }
    }
    const runner = chooseRunner(detection, [dir], notes);
    if (runner.kind === 'sequelize-cli' || runner.kind === 'umzug') {
      const unchecked = umzugWithoutPromiseCheck(workspace, runner.kind);
      if (unchecked) {
        runner.promiseUnchecked = unchecked;
        runner.notes.push(`${unchecked.file}:${unchecked.line} (${unchecked.text}): the umzug ${runner.kind === 'umzug' ? 'the project uses' : 'sequelize-cli loads'} is older than 2.2.0, so a migration function that returns no promise is recorded as done at once, not refused.`);
      }
    }
    // A runner whose file filter matches nothing in the folder, which holds migrations of other extensions (umzug's
    // `migrations/*.ts` over `.js` files a deploy script runs with sequelize-cli): they are read all the same.
    if (runner.filter && !runner.filter.list && loadedFrom(dir, runner)?.length === 0) {
      const widened = { ...runner.filter, extensions: [...MIGRATION_EXTENSIONS], pattern: null };
      const found = loadedFrom(dir, { ...runner, filter: widened }) ?? [];
      if (found.length > 0) {
        const by = runner.evidence ? ` at ${runner.evidence.file}:${runner.evidence.line}` : '';
        runner.notes.push(`The ${runner.kind}${by} loads only ${runner.filter.extensions.map((e) => `.${e}`).join(', ')} files from ${dir}, and it holds none: analyzed its ${found.length} migration files of other extensions, which something else runs (pass --migrations <dir> to choose).`);
        runner.filter = widened;
      }
    }
    // `tsc` without `allowJs` compiles only the TypeScript of the source folder: its `.js` files never reach the
    // compiled folder the runner reads (hold-out 55: a fork's `.js` migrations beside its `.ts` ones).
    const compiled = compiledFrom.get(dir);
    if (compiled && runner.filter && !tscCopiesJs(workspace)) {
      const typescript = runner.filter.extensions.filter((e) => /^[cm]?ts$/.test(e));
      const js = loadedFrom(dir, runner)?.filter((f) => /\.[cm]?js$/.test(f)) ?? [];
      if (js.length > 0 && typescript.length > 0 && (loadedFrom(dir, { ...runner, filter: { ...runner.filter, extensions: typescript } })?.length ?? 0) > 0) {
        runner.filter = { ...runner.filter, extensions: typescript };
        runner.notes.push(`${compiled} is what \`tsc\` compiles from ${dir}, and tsconfig.json does not set \`allowJs\`: the ${js.length} .js file${js.length === 1 ? '' : 's'} there never reach${js.length === 1 ? 'es' : ''} it, so only the TypeScript migrations are analyzed.`);
      }
    }
    if (dirs.length > 1) runner.notes.push(`One of ${dirs.length} migration sets (${dirs.join(', ')}), each analyzed on its own.`);
    const info: ProjectInfo = { root: rootArg, absRoot, framework: 'sequelize', migrationsDir: dir, modelsDir, configFile, layoutSource, runner };
    return info;
  });
}

/**
 * The project's `tsconfig.json` lets `tsc` compile `.js` files too (`allowJs: true`), or may (it extends another
 * config, or cannot be read), or a build script copies files into the output (`copyfiles`, `cp -r`): true unless the
 * config is read and says nothing of `allowJs` (or `false`) and no script copies.
 */
function tscCopiesJs(workspace: Workspace): boolean {
  const text = workspace.text(workspace.resolve('tsconfig.json'), { maxBytes: 256 * 1024 });
  if (text === null) return true;
  if (/"extends"\s*:/.test(text)) return true;
  if (/"allowJs"\s*:\s*true/.test(text)) return true;
  // A build script that copies files beside what tsc writes (`copyfiles`, `cp -r src/... dist/...`) may copy them.
  return /\b(copyfiles|cpx|cpy|rsync)\b|\bcp\s+-|\bcp\s+\S*migrations/.test(rootPackageJson(workspace)?.text ?? '');
}

/**
 * The migration sets of packages the project still builds: in a monorepo whose root package.json declares its
 * workspaces, a set in a package folder that no workspace pattern matches (an old copy of a package beside the
 * new one) never runs, and is left out with a note. All are kept when none would remain.
 */
function declaredPackagesOnly<T>(sets: T[], dirOf: (set: T) => string, detection: RunnerDetection, notes: string[]): T[] {
  const declared = detection.workspaces;
  if (!declared) return sets;
  const kept = sets.filter((s) => declared.undeclaredPackageOf(dirOf(s)) === null);
  if (kept.length === 0 || kept.length === sets.length) return sets;
  for (const s of sets) {
    const pkg = declared.undeclaredPackageOf(dirOf(s));
    if (pkg !== null) {
      notes.push(
        `${dirOf(s)} was not analyzed: it lies in ${pkg}, a package that none of the workspaces of package.json:${declared.evidence.line} (${declared.patterns.length > 4 ? `${declared.patterns.slice(0, 4).join(', ')} and ${declared.patterns.length - 4} more` : declared.patterns.join(', ')}) matches, so the project never builds or runs it.`,
      );
    }
  }
  return kept;
}

/**
 * The folders of the project's own runners (umzug, a custom one) that hold migrations, when its `.sequelizerc` is
 * inert: the root package.json declares no sequelize-cli, no npm script runs it, and no runner reads the
 * `.sequelizerc` folder. Empty otherwise.
 */
function inertRc(detection: RunnerDetection, holdsMigrations: (dir: string) => boolean): string[] {
  const rc = detection.rc;
  if (!rc?.migrationsPath || !detection.cliUndeclared || detection.cli.migrate.length > 0 || detection.cli.undo !== null) return [];
  const folders = runnerFolders(detection).filter(holdsMigrations);
  return folders.length > 0 && !folders.includes(rc.migrationsPath) ? folders.sort(compareRunOrder) : [];
}

/** The first (usually the only) migration set: see `discoverLayouts`. */
export function discoverLayout(rootArg: string, options: DiscoverOptions = {}, workspace?: Workspace): ProjectInfo {
  return discoverLayouts(rootArg, options, workspace)[0]!;
}

/** `dir` is `parent` or a folder under it (project-relative, posix). */
function isInside(dir: string, parent: string): boolean {
  const p = parent.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return p === '' || dir === p || dir.startsWith(`${p}/`);
}

/** Folders (outside dependencies and build output) holding at least two files that export `up`. */
function searchMigrationFolders(workspace: Workspace): { dir: string; files: number }[] {
  let files: string[];
  try {
    files = workspace.glob(`**/*.{${MIGRATION_EXTENSIONS.join(',')}}`, { ignore: NEVER_SEARCHED, onlyFiles: true, followSymbolicLinks: false });
  } catch {
    return [];
  }
  files.sort(compareRunOrder);
  const counts = new Map<string, number>();
  for (const f of files.slice(0, 20_000)) {
    if (DECLARATION_FILE.test(f) || f.split('/').some((seg) => /^(build|dist|out)$/.test(seg))) continue;
    const text = workspace.text(workspace.resolve(f), { maxBytes: 512 * 1024 });
    if (text === null) continue;
    if (!looksLikeMigration(text)) continue;
    const dir = path.posix.dirname(f);
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts]
    // Seeders export `up` and `down` too: a folder named for them is not one of migrations (hold-out 73). A folder named
    // for migrations counts with one file.
    .filter(([dir]) => !SEEDERS_FOLDER.test(path.posix.basename(dir)))
    .filter(([dir, n]) => n >= 2 || (n >= 1 && isMigrationsFolderName(dir)))
    .map(([dir, n]) => ({ dir, files: n }))
    .sort((a, b) => b.files - a.files || compareRunOrder(a.dir, b.dir));
}


/** `seeders`, `seeds`, `seeder`, `db-seeders`: a folder of seed files. */
const SEEDERS_FOLDER = /(^|[-_.])seed(er)?s?$/i;

/** The config files sequelize-cli looks for without a `--config` or `.sequelizerc`, in its order, and the usual `database.js`. */
const CONFIG_FILES = ['config/config.js', 'config/config.json', 'config/database.js', 'config/database.json'];

/** `migrations`, `db-migrations`, `migrations_user`...: a folder named for migrations, not under tests, fixtures or examples. */
function isMigrationsFolderName(dir: string): boolean {
  const segments = dir.split('/');
  return /(^|[-_.])migrations?([-_.][\w.-]+)?$/i.test(segments.at(-1) ?? '') && !segments.some((s) => TEST_FOLDER.test(s) || /^(fixtures?|examples?|samples?)$/i.test(s));
}

function displayPath(absRoot: string, rel: string): string {
  return toPosix(path.relative(process.cwd(), path.resolve(absRoot, rel))) || '.';
}

/** What marks a module as defining Sequelize models. */
const MODEL_MARKERS = /\bsequelize\.define\s*\(|\bextends\s+Model\b|\.init\s*\(\s*\{|\bDataTypes\.[A-Z]|@Table\b/;

/**
 * The project's one folder named `models` (four levels deep at most; dependencies, builds and tests left out) whose
 * modules define Sequelize models; null when there is none, or more than one (which is the application's is not said).
 */
function modelsFolderElsewhere(workspace: Workspace): string | null {
  let folders: string[];
  try {
    folders = workspace.glob('**/models', { onlyDirectories: true, ignore: [...NEVER_SEARCHED, '**/dist/**', '**/build/**'], deep: 4, followSymbolicLinks: false, dot: false });
  } catch {
    return null;
  }
  const defining = folders
    .map((f) => f.replace(/\/$/, ''))
    .filter((f) => !f.split('/').some((s) => TEST_FOLDER.test(s)))
    .filter((f) => {
      let files: string[];
      try {
        files = workspace.glob('*.{js,cjs,mjs,ts,cts,mts}', { cwd: workspace.resolve(f), onlyFiles: true, deep: 1, dot: false });
      } catch {
        return false;
      }
      return files.sort().slice(0, 50).some((file) => MODEL_MARKERS.test(workspace.text(workspace.resolve(path.posix.join(f, file)), { maxBytes: 256 * 1024 }) ?? ''));
    });
  return defining.length === 1 ? defining[0]! : null;
}

/**
 * Lists migration files in run order: the plain string sort of file names,
 * exactly what sequelize-cli (umzug) does. `.d.ts` files are skipped; files
 * that are not migrations stay in the list (the runner loads them too).
 */
export function listMigrationFiles(info: ProjectInfo, workspace = new Workspace(info.absRoot)): string[] {
  const abs = path.resolve(info.absRoot, info.migrationsDir);
  const filter = info.runner?.filter;
  const extensions = filter ? filter.extensions.filter((e) => (MIGRATION_EXTENSIONS as readonly string[]).includes(e)) : [...MIGRATION_EXTENSIONS];
  const exts = extensions.length > 0 ? extensions : [...MIGRATION_EXTENSIONS];
  const glob = `${filter?.recursive ? '**/' : ''}*.${exts.length === 1 ? exts[0] : `{${exts.join(',')}}`}`;
  // Not `onlyFiles`: it would drop a dangling symlink that the runner lists, then fails to load.
  const entries = workspace.glob(glob, { cwd: abs, onlyFiles: false, markDirectories: true, dot: false, deep: filter?.recursive ? Infinity : 1 });
  let pattern: RegExp | null = null;
  try {
    pattern = filter?.pattern ? new RegExp(filter.pattern) : null;
  } catch {
    pattern = null;
  }
  // The runner's own module in the folder (a custom runner, umzug set up there) is not a migration.
  const runnerFile = info.runner?.evidence && info.runner.kind !== 'sequelize-cli' ? info.runner.evidence.file : null;
  const ignored = ignoreMatcher(filter?.ignore);
  const files = entries
    .filter((f) => !f.endsWith('/') && !DECLARATION_FILE.test(f))
    .filter((f) => !pattern || pattern.test(path.posix.basename(f)))
    .filter((f) => !ignored(f))
    .map((f) => joinPosix(info.migrationsDir, f))
    .filter((f) => f !== runnerFile)
    .sort((a, b) => compareRunOrder(path.posix.basename(a), path.posix.basename(b)) || compareRunOrder(a, b));
  // A runner that runs a list: the listed files, in the list's order (a file of the folder it does not list never runs).
  const list = filter?.list;
  if (!list) return files;
  const position = new Map(list.map((stem, i) => [stem, i]));
  const stem = (f: string) => path.posix.basename(f).replace(/\.[^.]+$/, '');
  return files.filter((f) => position.has(stem(f))).sort((a, b) => position.get(stem(a))! - position.get(stem(b))! || compareRunOrder(a, b));
}

/** Plain UTF-16 code unit order, as `Array.prototype.sort` without a comparator: never locale-aware. */
export function compareRunOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function relative(absRoot: string, abs: string): string {
  return toPosix(path.relative(absRoot, abs)) || '.';
}

export { toPosix };

function joinPosix(dir: string, file: string): string {
  return dir === '.' ? file : `${dir}/${file}`;
}
