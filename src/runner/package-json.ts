/**
 * The root package.json, as the runner detection reads it: its scripts and dependencies (src/runner/detect-runner.ts),
 * and the packages a monorepo's root package.json declares (`"workspaces": ["packages/*"]`, or yarn's
 * `"workspaces": { "packages": [...] }`), matched as npm and yarn match them: globs over package folders, a
 * leading `!` leaving folders out. A folder of the repository with its own package.json that no pattern
 * matches is not built, installed or run by the project: an old copy of a package kept beside the new one, an
 * archived package. Its migrations never run.
 */
import type picomatchType from 'picomatch';
import type { Dialect, DialectInfo, Evidence } from '../model';
import type { Workspace } from '../workspace';
import { lineAt } from '../util/text';

/** package.json is read whole up to this size. */
const MAX_PACKAGE_JSON_BYTES = 4 * 1024 * 1024;

/** The root package.json, parsed once per workspace: its text (for lines to cite) and its top-level object. */
export function rootPackageJson(workspace: Workspace): { text: string; json: Record<string, unknown> } | null {
  const abs = workspace.resolve('package.json');
  return workspace.derive('runner:package-json', abs, () => {
    const text = workspace.text(abs, { maxBytes: MAX_PACKAGE_JSON_BYTES });
    if (text === null) return null;
    try {
      const json: unknown = JSON.parse(text);
      return json !== null && typeof json === 'object' && !Array.isArray(json) ? { text, json: json as Record<string, unknown> } : null;
    } catch {
      return null;
    }
  });
}

/** The driver package Sequelize loads for each dialect (`pg` for postgres...). */
const DRIVERS: Readonly<Record<string, Dialect>> = {
  pg: 'postgres',
  mysql2: 'mysql',
  mysql: 'mysql',
  mariadb: 'mariadb',
  sqlite3: 'sqlite',
  tedious: 'mssql',
  ibm_db: 'db2',
  oracledb: 'oracle',
  'snowflake-sdk': 'snowflake',
};

/**
 * The dialects the project's dependencies install a driver for, when they
 * install one (`mysql2` and no `pg`), or several of which none is
 * PostgreSQL's (`mysql` and `sqlite3`): Sequelize cannot connect without its
 * driver, so a config whose dialect comes from the environment still runs on
 * one of those (hold-out 53: NOT NULL judged as PostgreSQL's on a project
 * that installs only MySQL's and SQLite's). Only `dependencies`: a
 * development-only driver (SQLite for tests) says nothing of production. Null
 * when none, or when PostgreSQL's is one of several (the default reading).
 * `installed`: what `installedDrivers` read.
 */
export function driverDialect(installed: DialectInfo): DialectInfo | null {
  if (installed.dialects.length === 0 || (installed.dialects.length > 1 && installed.dialects.includes('postgres'))) return null;
  return installed;
}

/**
 * The dialects the project's `dependencies` install a driver for (`pg`, `mysql2`, `sqlite3`...), sorted, with the
 * line of the first; none when it declares none (or has no package.json). What a connection URL read at run time
 * can name: Sequelize cannot connect to any other.
 */
export function installedDrivers(workspace: Workspace): DialectInfo {
  const pkg = rootPackageJson(workspace);
  if (!pkg) return { dialects: [], source: null };
  const names = Object.keys(objectOf(pkg.json.dependencies)).filter((n) => Object.hasOwn(DRIVERS, n));
  const dialects = [...new Set(names.map((n) => DRIVERS[n]!))].sort();
  return { dialects, source: names.length > 0 ? `package.json:${keyLine(pkg.text.split(/\r?\n/), names[0]!) || 1}` : null };
}

/**
 * The major version of Sequelize the project's package.json declares (`"sequelize": "^4.41.2"`, `~5.0`, `4.x`), or
 * null when it declares none or a range that names no single major (`*`, `>=4`, a URL).
 */
export function declaredSequelizeMajor(workspace: Workspace): number | null {
  const pkg = rootPackageJson(workspace)?.json;
  if (!pkg) return null;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = pkg[field];
    const range = deps && typeof deps === 'object' ? (deps as Record<string, unknown>).sequelize : undefined;
    if (typeof range !== 'string') continue;
    const m = /^\s*(?:[\^~=v]|>=?\s*)?(\d+)(?:\.[\dx*]+){0,2}\s*$/.exec(range);
    return m && !/^\s*>/.test(range) ? Number(m[1]) : null;
  }
  return null;
}

/**
 * The dialect Sequelize itself falls back to when nothing names one: versions 1 to 3 connect to MySQL (their
 * constructor's default `dialect: 'mysql'`), 4 and later refuse to start ("Dialect needs to be explicitly supplied";
 * both measured in test/semantics/default-dialect.test.ts). MySQL, with package.json's `sequelize` line, for a
 * project that declares Sequelize 1-3, installs no driver (Sequelize 1-3 brought MySQL's as their own dependency) and
 * whose config reads no dialect or URL from the environment (`read`: false); null otherwise.
 */
export function implicitDialect(workspace: Workspace, installed: DialectInfo, read: boolean): DialectInfo | null {
  const major = declaredSequelizeMajor(workspace);
  if (major === null || major >= 4 || installed.dialects.length > 0 || read) return null;
  const pkg = rootPackageJson(workspace)!;
  return { dialects: ['mysql'], source: `package.json:${keyLine(pkg.text.split(/\r?\n/), 'sequelize') || 1}` };
}

/** The 1-based line of package.json's lines that first names `key` (`"key"`, as JSON writes it); 0 when none does. */
export function keyLine(lines: readonly string[], key: string): number {
  return lines.findIndex((l) => l.includes(JSON.stringify(key))) + 1;
}

/** A JSON value as an object of entries; `{}` when it is not one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The workspaces the root declares. */
export interface DeclaredWorkspaces {
  /** The patterns as written. */
  patterns: string[];
  /** The `"workspaces"` line of package.json. */
  evidence: Evidence;
  /**
   * The package folder (a folder with its own package.json, below the root) that a project path lies in, when
   * neither that folder nor any folder above it is a declared workspace; null when the path is in a workspace
   * or in no package but the root's.
   */
  undeclaredPackageOf(rel: string): string | null;
}

/** The root's workspaces; null when package.json declares none (every folder then counts). */
export function declaredWorkspaces(workspace: Workspace): DeclaredWorkspaces | null {
  return workspace.derive('runner:workspaces', workspace.resolve('package.json'), () => readWorkspaces(workspace));
}

function readWorkspaces(workspace: Workspace): DeclaredWorkspaces | null {
  const root = rootPackageJson(workspace);
  const declared = root?.json.workspaces;
  const list = Array.isArray(declared) ? declared : declared !== null && typeof declared === 'object' ? (declared as { packages?: unknown }).packages : undefined;
  if (!root || !Array.isArray(list)) return null;
  const patterns = list.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (patterns.length === 0) return null;
  const clean = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const include = patterns.filter((p) => !p.startsWith('!')).map(clean);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof picomatchType;
  const included = include.length > 0 ? picomatch(include) : () => false;
  const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const isWorkspace = (dir: string) => included(dir) && !excluded(dir);
  const lines = root.text.split(/\r?\n/);
  const line = keyLine(lines, 'workspaces');
  return {
    patterns,
    evidence: { file: 'package.json', line: line || 1, text: (lines[line - 1] ?? '').trim() },
    undeclaredPackageOf(rel) {
      const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
      let nearest: string | null = null;
      for (let i = parts.length; i >= 1; i -= 1) {
        const dir = parts.slice(0, i).join('/');
        if (isWorkspace(dir)) return null;
        if (nearest === null && workspace.exists(workspace.resolve(`${dir}/package.json`))) nearest = dir;
      }
      return nearest;
    },
  };
}

/** The first umzug that refuses an `up` / `down` returning no promise ("didn't return a promise"): read in its published `lib/migration.js` (2.0.0 and 2.1.0 have no such check, 2.2.0 and 2.3.0 do). */
const UMZUG_PROMISE_CHECK: readonly [number, number, number] = [2, 2, 0];

function olderThanPromiseCheck(version: string): boolean | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return null;
  const v = [Number(m[1]), Number(m[2]), Number(m[3])];
  for (let i = 0; i < 3; i++) if (v[i] !== UMZUG_PROMISE_CHECK[i]) return v[i]! < UMZUG_PROMISE_CHECK[i]!;
  return false;
}

/** The highest version a dependency range can install, as far as it says (`2.1.0`, `~2.1.0`, `^1.11.0`, `1.x`): older than umzug's check or not; null when the range allows a later one or is not read. */
function rangeBelowPromiseCheck(range: string): boolean | null {
  const r = range.trim();
  const exact = /^=?v?(\d+\.\d+\.\d+)$/.exec(r);
  if (exact) return olderThanPromiseCheck(exact[1]!);
  const caret = /^\^(\d+)\./.exec(r);
  if (caret) return Number(caret[1]) < 2 ? true : null;
  const tilde = /^~(\d+)\.(\d+)/.exec(r) ?? /^(\d+)\.(\d+)\.x$/.exec(r);
  if (tilde) return olderThanPromiseCheck(`${tilde[1]}.${tilde[2]}.999`);
  const major = /^(\d+)(\.x)?$/.exec(r);
  if (major) return Number(major[1]) < 2 ? true : null;
  return null;
}

/**
 * The umzug the project's runner loads is older than 2.2.0, so it records an `up` / `down` that returns no promise as
 * done at once instead of refusing it: its calls run unwatched (what no-floating-query reports). Read from the
 * lockfile (npm's `package-lock.json`, yarn's `yarn.lock`) when there is one, else from package.json: umzug's own range
 * (`"umzug": "2.1.0"`), or, for sequelize-cli, its major 2 (which depends on umzug 1.x). The evidence; null when the
 * umzug is 2.2.0 or later, or not known.
 */
export function umzugWithoutPromiseCheck(workspace: Workspace, runner: 'sequelize-cli' | 'umzug'): Evidence | null {
  const lock = workspace.text(workspace.resolve('package-lock.json'), { maxBytes: 64 * 1024 * 1024 });
  if (lock !== null) {
    try {
      const json = JSON.parse(lock) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string; dependencies?: Record<string, { version?: string }> }> };
      const versions = json.packages
        ? Object.entries(json.packages).filter(([k]) => k === 'node_modules/umzug' || k.endsWith('/node_modules/umzug')).map(([, v]) => v.version)
        : [json.dependencies?.umzug?.version, json.dependencies?.['sequelize-cli']?.dependencies?.umzug?.version];
      const known = versions.filter((v): v is string => typeof v === 'string');
      if (known.length > 0) {
        if (!known.every((v) => olderThanPromiseCheck(v) === true)) return null;
        const line = lineAt(lock, lock.indexOf(`"${known[0]}"`));
        return { file: 'package-lock.json', line, text: `umzug ${known[0]}` };
      }
    } catch {
      // An unreadable lockfile says nothing.
    }
  }
  const yarn = workspace.text(workspace.resolve('yarn.lock'), { maxBytes: 64 * 1024 * 1024 });
  if (yarn !== null) {
    const versions = [...yarn.matchAll(/^"?umzug@[^\n]*:\n\s+version:? "?([\d.]+)/gm)].map((m) => m[1]!);
    if (versions.length > 0) {
      if (!versions.every((v) => olderThanPromiseCheck(v) === true)) return null;
      const line = lineAt(yarn, yarn.search(/^"?umzug@/m));
      return { file: 'yarn.lock', line, text: `umzug ${versions[0]}` };
    }
  }
  const pkg = rootPackageJson(workspace);
  if (!pkg) return null;
  const deps = { ...objectOf(pkg.json.devDependencies), ...objectOf(pkg.json.dependencies) };
  const umzug = deps.umzug;
  if (typeof umzug === 'string' && rangeBelowPromiseCheck(umzug) === true) {
    return { file: 'package.json', line: keyLine(pkg.text.split('\n'), 'umzug'), text: `"umzug": "${umzug}"` };
  }
  const cli = deps['sequelize-cli'];
  if (runner === 'sequelize-cli' && typeof umzug !== 'string' && typeof cli === 'string' && /^[\^~=]?v?2(\.|$)/.test(cli.trim())) {
    return { file: 'package.json', line: keyLine(pkg.text.split('\n'), 'sequelize-cli'), text: `"sequelize-cli": "${cli}"` };
  }
  return null;
}
