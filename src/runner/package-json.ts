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
