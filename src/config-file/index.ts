/** The configuration file: `migralint.config.{js,cjs,mjs,json}` or package.json `migralint`. */
import path from 'node:path';

export { CONFIG_FILES, PACKAGE_KEY, configsIn, display, findConfig, gitRoot, loadConfigFile, type LoadedConfig } from './load';
export { mergeRules, mergeSettings, planFromConfig, resolveReportPlan, type CliSettings, type ReportPlan, type ReportRun, type ResolveOptions } from './merge';
export {
  CONFIG_SCHEMA,
  CliUsageError,
  ConfigError,
  FAIL_LEVELS,
  RULE_LEVELS,
  projectName,
  validateConfigObject,
  type FailOn,
  type MigralintConfig,
  type ProjectEntry,
  type ProjectSettings,
} from './schema';

/**
 * Where one project's output goes when several projects are reported in one
 * run: `report.md` -> `report.api.md`, `results.sarif` -> `results.api.sarif`.
 */
export function outputFileFor(file: string, projectName: string | null): string {
  if (projectName === null) return file;
  const ext = path.extname(file);
  return ext === '' ? `${file}.${projectName}` : `${file.slice(0, -ext.length)}.${projectName}${ext}`;
}
