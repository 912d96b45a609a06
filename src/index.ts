/** Programmatic API (`require('migralint/api')`): analyze a project without the CLI. */
export * from './model';
export { analyzeProject, buildProjectModel, runRules, sortFindings, type AnalysisResult, type AnalyzeOptions, type RuleSetting } from './project';
export { discoverLayout, listMigrationFiles } from './discovery';
export { Workspace, type MigrationStore, type Overlay, type WorkspaceFs } from './workspace';
export { parseSource } from './parse';
export { extractMigration } from './extract/extract-migration';
export { loadSqlParser } from './sql/pg-parser';
export { RULES, ruleById } from './rules/registry';
export { getReporter, FORMATS, type Format } from './reporters/registry';
