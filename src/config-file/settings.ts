/**
 * The configuration's shape, levels and errors: what the CLI names on every run, in a module that loads nothing
 * (validation, src/config-file/schema.ts, loads ajv and the rules when a configuration file is read).
 */
import path from 'node:path';
import type { RuleSetting } from '../project';

/** What a project is analyzed with: every field optional, defaults below it. */
export interface ProjectSettings {
  /** Migrations folder, relative to the project root. */
  migrations?: string;
  /** Models folder, relative to the project root. */
  models?: string;
  /** Database config file (sequelize-cli `config`), relative to the project root. */
  config?: string;
  framework?: 'sequelize';
  dialect?: 'postgres';
  failOn?: FailOn;
  rules?: Record<string, RuleSetting>;
  /** Glob patterns relative to the project root. */
  ignores?: string[];
  /** Bounds on the work spent on one file (src/limits.ts). */
  limits?: { maxFileBytes?: number; timeBudgetMs?: number };
  /** Major version of the production PostgreSQL, for every rule with a `postgresVersion` option (a rule's own option wins). */
  postgresVersion?: number;
}

/** One entry of `projects`: a folder of migrations with its own settings. */
export interface ProjectEntry extends ProjectSettings {
  /** Used in messages and output file names; derived from `root` / `migrations` when absent. */
  name?: string;
  /** Project root, relative to the config file's folder (default: that folder). */
  root?: string;
}

/** The whole configuration file. */
export interface MigralintConfig extends ProjectSettings {
  /** For editors; ignored. */
  $schema?: string;
  projects?: ProjectEntry[];
}

/** A usage problem (a command-line flag or a configuration setting): one line on stderr, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** A configuration that does not load or validate: one line, exit code 2. */
export class ConfigError extends CliUsageError {
  override name = 'ConfigError';
}

export const RULE_LEVELS = ['off', 'on', 'error', 'warning', 'info'] as const;
/** `--fail-on` and `failOn`: the lowest severity that fails the run. */
export const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_LEVELS)[number];
/** A project's name: `name`, else its root, else its migrations folder, as a file-name-safe slug. */
export function projectName(p: ProjectEntry, index: number): string {
  if (p.name !== undefined) return p.name;
  const from = [p.root, p.migrations].find((s) => s !== undefined && slug(s) !== '');
  return from === undefined ? `project-${index + 1}` : slug(from);
}

function slug(s: string): string {
  return s
    .replace(/\\/g, '/')
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.' && seg !== '..')
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[._-]+/, '');
}


/**
 * Where one project's output goes when several projects are reported in one
 * run: `report.md` -> `report.api.md`, `results.sarif` -> `results.api.sarif`.
 */
export function outputFileFor(file: string, projectName: string | null): string {
  if (projectName === null) return file;
  const ext = path.extname(file);
  return ext === '' ? `${file}.${projectName}` : `${file.slice(0, -ext.length)}.${projectName}${ext}`;
}
