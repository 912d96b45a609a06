import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { ProjectInfo } from './model';
import { parseSource } from './parse';
import { Interpreter } from './extract/interpreter';
import { moduleContext } from './extract/extract-migration';
import { asString } from './extract/values';

/** A problem that stops the analysis before it starts (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface DiscoverOptions {
  /** `--migrations <dir>`: overrides .sequelizerc and the default. Relative to the project root. */
  migrations?: string;
  /** `--models <dir>`. */
  models?: string;
  /** Database config file (config file `config` key), relative to the project root. */
  config?: string;
}

/** Extensions the runner loads (`.mjs`/`.mts` for umzug ESM setups). */
export const MIGRATION_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'] as const;
const DECLARATION_FILE = /\.d\.(ts|cts|mts)$/;

interface SequelizeRc {
  migrationsPath?: string;
  modelsPath?: string;
  config?: string;
  seedersPath?: string;
}

/**
 * Finds the project layout the way sequelize-cli would: `.sequelizerc`
 * (read statically, never executed), else the default folders.
 */
export function discoverLayout(rootArg: string, options: DiscoverOptions = {}): ProjectInfo {
  const absRoot = path.resolve(rootArg);
  if (!existsSync(absRoot)) throw new UsageError(`no such directory: ${rootArg}`);
  if (!statSync(absRoot).isDirectory()) throw new UsageError(`not a directory: ${rootArg}`);

  const rc = readSequelizeRc(absRoot);
  let migrationsDir: string;
  let layoutSource: ProjectInfo['layoutSource'];
  if (options.migrations !== undefined) {
    migrationsDir = options.migrations;
    layoutSource = 'option';
  } else if (rc?.migrationsPath) {
    migrationsDir = rc.migrationsPath;
    layoutSource = '.sequelizerc';
  } else {
    migrationsDir = 'migrations';
    layoutSource = 'default';
  }
  const absMigrations = path.resolve(absRoot, migrationsDir);
  if (!existsSync(absMigrations) || !statSync(absMigrations).isDirectory()) {
    const hint =
      layoutSource === 'default'
        ? ' (no .sequelizerc with migrations-path; pass --migrations <dir>)'
        : layoutSource === '.sequelizerc'
          ? ' (from .sequelizerc migrations-path)'
          : '';
    throw new UsageError(`migrations folder not found: ${toPosix(path.relative(process.cwd(), absMigrations)) || '.'}${hint}`);
  }

  const modelsCandidate = options.models ?? rc?.modelsPath ?? 'models';
  const absModels = path.resolve(absRoot, modelsCandidate);
  const modelsDir = existsSync(absModels) && statSync(absModels).isDirectory() ? relative(absRoot, absModels) : null;

  let configFile: string | null = null;
  const configCandidates = options.config !== undefined ? [options.config] : rc?.config ? [rc.config] : ['config/config.json', 'config/config.js', 'config/database.js', 'config/database.json'];
  for (const c of configCandidates) {
    const abs = path.resolve(absRoot, c);
    if (existsSync(abs)) {
      configFile = relative(absRoot, abs);
      break;
    }
  }

  return {
    root: rootArg,
    absRoot,
    framework: 'sequelize',
    migrationsDir: relative(absRoot, absMigrations),
    modelsDir,
    configFile,
    layoutSource,
  };
}

/**
 * Lists migration files in run order: the plain string sort of file names,
 * exactly what sequelize-cli (umzug) does. `.d.ts` files are skipped; files
 * that are not migrations stay in the list (the runner loads them too).
 */
export function listMigrationFiles(info: ProjectInfo): string[] {
  const abs = path.resolve(info.absRoot, info.migrationsDir);
  // Not `onlyFiles`: it would drop a dangling symlink that the runner lists, then fails to load.
  const entries = fg.sync(`*.{${MIGRATION_EXTENSIONS.join(',')}}`, { cwd: abs, onlyFiles: false, markDirectories: true, dot: false, deep: 1 });
  return entries
    .filter((f) => !f.endsWith('/') && !DECLARATION_FILE.test(f))
    .sort(compareRunOrder)
    .map((f) => joinPosix(info.migrationsDir, f));
}

/** Plain UTF-16 code unit order, as `Array.prototype.sort` without a comparator: never locale-aware. */
export function compareRunOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readSequelizeRc(absRoot: string): SequelizeRc | null {
  const file = path.join(absRoot, '.sequelizerc');
  if (!existsSync(file)) return null;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const parsed = parseSource(source, '.sequelizerc.js');
  if (!parsed.ok) return null;
  const ctx = moduleContext(file, '.sequelizerc', source, parsed.ast);
  const exported = new Interpreter().moduleExports(parsed.ast, ctx);
  if (exported.k !== 'obj') return null;
  const get = (key: string): string | undefined => {
    const v = exported.props.get(key);
    const s = v ? asString(v) : null;
    return s === null ? undefined : s;
  };
  const rc: SequelizeRc = {};
  const migrationsPath = get('migrations-path');
  const modelsPath = get('models-path');
  const config = get('config');
  const seedersPath = get('seeders-path');
  if (migrationsPath) rc.migrationsPath = migrationsPath;
  if (modelsPath) rc.modelsPath = modelsPath;
  if (config) rc.config = config;
  if (seedersPath) rc.seedersPath = seedersPath;
  return rc;
}

function relative(absRoot: string, abs: string): string {
  return toPosix(path.relative(absRoot, abs)) || '.';
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function joinPosix(dir: string, file: string): string {
  return dir === '.' ? file : `${dir}/${file}`;
}
