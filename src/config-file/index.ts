/** The configuration file: `migralint.config.{js,cjs,mjs,json}` or package.json `migralint`. */
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
export { outputFileFor } from './settings';
