import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Loader } from 'lilconfig';
import { ConfigError, type MigralintConfig } from './settings';
import { loadModule } from '../util/load-module';

/** lilconfig, loaded by the first run that looks for a configuration (not with `--no-config`). */
const lil = () => require('lilconfig') as typeof import('lilconfig');

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILES = ['migralint.config.js', 'migralint.config.cjs', 'migralint.config.mjs', 'migralint.config.json'] as const;
/** The package.json key that can hold the configuration instead. */
export const PACKAGE_KEY = 'migralint';

export interface LoadedConfig {
  /** Absolute path of the file the configuration came from. */
  file: string;
  /** The file as shown in messages: relative to the working directory when inside it. */
  display: string;
  /** `['migralint']` when it came from package.json. */
  keyPrefix: string[];
  config: MigralintConfig;
}

/**
 * Finds the configuration the way ESLint does: in `startDir`, then each
 * parent up to the project root: the git root (the folder holding `.git`)
 * when `startDir` is in a repository, else `startDir` itself (nothing above
 * a project without `.git` is looked at: a folder above it is not the
 * project's). The first folder with a config file or a package.json
 * `migralint` key wins; two of them in one folder are an error. A `.js`,
 * `.cjs` or `.mjs` config is the user's own tool configuration and is
 * loaded with import(), like eslint.config.js; nothing of the analyzed
 * project is. With `runCode: false` (`comment`, which may run with a token
 * in its environment), a JavaScript config found this way is an error
 * instead of being run: only `--config` can name one to trust.
 */
export async function findConfig(startDir: string, cwd: string, options: { runCode?: boolean } = {}): Promise<LoadedConfig | null> {
  const from = path.resolve(cwd, startDir);
  if (!existsSync(from) || !statSync(from).isDirectory()) return null; // the analysis says so
  const searcher = lil().lilconfig(PACKAGE_KEY, {
    searchPlaces: [...CONFIG_FILES, 'package.json'],
    stopDir: gitRoot(from) ?? from,
    cache: false,
    ignoreEmptySearchPlaces: false,
    loaders: loaders(cwd, options.runCode ?? true),
  });
  const found = await searcher.search(from);
  if (!found) return null;
  const others = configsIn(path.dirname(found.filepath)).filter((f) => f !== found.filepath);
  if (others.length > 0) {
    const all = [found.filepath, ...others].map((f) => describe(f, cwd));
    throw new ConfigError(`several configurations in one folder (${all.join(', ')}): keep one`);
  }
  return validated(found.filepath, found.config, cwd);
}

/** Loads the file given with `--config`: any name; `.json` or no extension is JSON, package.json its `migralint` key. */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const abs = path.resolve(cwd, file);
  if (!existsSync(abs)) throw new ConfigError(`config file not found: ${display(abs, cwd)}`);
  if (!statSync(abs).isFile()) throw new ConfigError(`config file is not a file: ${display(abs, cwd)}`);
  const ext = path.extname(abs);
  if (ext !== '' && !['.js', '.cjs', '.mjs', '.json'].includes(ext)) {
    throw new ConfigError(`${display(abs, cwd)}: unsupported config file type '${ext}' (expected .json, .js, .cjs or .mjs)`);
  }
  const searcher = lil().lilconfig(PACKAGE_KEY, { cache: false, ignoreEmptySearchPlaces: false, loaders: loaders(cwd) });
  const loaded = await searcher.load(abs);
  if (path.basename(abs) === 'package.json' && (loaded?.config === null || loaded?.config === undefined)) {
    throw new ConfigError(`${display(abs, cwd)}: has no "${PACKAGE_KEY}" key`);
  }
  return validated(abs, loaded?.config, cwd);
}

async function validated(file: string, raw: unknown, cwd: string): Promise<LoadedConfig> {
  const keyPrefix = path.basename(file) === 'package.json' ? [PACKAGE_KEY] : [];
  const shown = display(file, cwd);
  if (raw === undefined && /\.[cm]?js$/.test(file)) {
    throw new ConfigError(`${shown}: exports no configuration (write module.exports = { ... } or export default { ... })`);
  }
  const { validateConfigObject } = await schemaModule();
  return { file, display: shown, keyPrefix, config: validateConfigObject(raw, shown, keyPrefix) };
}

/**
 * The validation (ajv, the rules' option schemas), loaded only when there is a configuration to validate (the
 * ESLint plugin's config worker loads the sources through tsx, whose `require` takes them).
 */
async function schemaModule(): Promise<typeof import('./schema')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when needed (src/util/load-module.ts)
  return loadModule(() => require('./schema') as typeof import('./schema'), () => import('./schema.js'));
}

/**
 * JSON and modules, each failure naming its file. A broken package.json is no configuration, not an error.
 * Without `runCode`, a module is refused, never imported.
 */
function loaders(cwd: string, runCode = true): Record<string, Loader> {
  const json: Loader = (filepath, content) => {
    try {
      return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      if (path.basename(filepath) === 'package.json') return {};
      throw new ConfigError(`${display(filepath, cwd)}: invalid JSON: ${firstLine(error)}`);
    }
  };
  const module: Loader = async (filepath, content) => {
    if (!runCode) {
      throw new ConfigError(
        `${display(filepath, cwd)}: not loaded: \`comment\` never runs a JavaScript configuration it finds by itself (it runs with a token in its environment); name it with --config to trust it, use migralint.config.json, or pass --no-config`,
      );
    }
    try {
      const loaded: unknown = await lil().defaultLoaders['.mjs']!(filepath, content);
      // `module.exports = {...}` seen through import() is the default export already.
      return loaded;
    } catch (error) {
      throw new ConfigError(`${display(filepath, cwd)}: cannot load: ${firstLine(error)}`);
    }
  };
  return { '.json': json, noExt: json, '.js': module, '.cjs': module, '.mjs': module };
}

/** Every configuration in one folder: config files, and package.json when it has the key. */
export function configsIn(dir: string): string[] {
  const out = CONFIG_FILES.map((f) => path.join(dir, f)).filter((f) => existsSync(f));
  const pkg = path.join(dir, 'package.json');
  if (existsSync(pkg)) {
    try {
      const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
      if (parsed && typeof parsed === 'object' && parsed[PACKAGE_KEY] != null) out.push(pkg);
    } catch {
      // Not JSON: no configuration there.
    }
  }
  return out;
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees). */
export function gitRoot(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** Relative to the working directory (POSIX) when inside it, else absolute. */
export function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function describe(file: string, cwd: string): string {
  return path.basename(file) === 'package.json' ? `${display(file, cwd)} "${PACKAGE_KEY}" key` : display(file, cwd);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
