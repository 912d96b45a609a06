import path from 'node:path';
import { compareRunOrder } from '../../src/discovery';
import type { Finding, Migration, ProjectModel, RunnerInfo } from '../../src/model';
import { runRules, sortFindings } from '../../src/project';
import { ruleById } from '../../src/rules/registry';
import { createTextReporter } from '../../src/reporters/text';
import { REPO } from './extract';
import { readModelSources } from '../../src/models/read-models';
import { analyzeDbConfigSource } from '../../src/config/read-db-config';
import { Workspace, type Overlay } from '../../src/workspace';

/**
 * Builds a project model from inline migration sources (name -> source), in
 * run order, exactly as the CLI would (the SQL parser must be loaded).
 */
export function projectFromSources(files: Record<string, string>, helpers: Record<string, string> = {}, dialects?: ProjectModel['dialect']): ProjectModel {
  const root = path.join(REPO, 'virtual-project');
  const names = Object.keys(files).sort(compareRunOrder);
  // The sources are overlays of a project that is not on disk: `require('./x')` between migrations and
  // `require('../lib/x')` of a helper resolve as the CLI resolves them on disk.
  const overlays: [string, Overlay][] = [
    ...names.map((name): [string, Overlay] => [path.join(root, 'migrations', name), { text: files[name]! }]),
    ...Object.entries(helpers).map(([file, text]): [string, Overlay] => [path.join(root, file), { text }]),
  ];
  const workspace = new Workspace(root, { overlays });
  const migrations: Migration[] = names.map((name, index) => {
    // The project's dialects, as the CLI passes them: SQL of a MySQL project is read by its keywords.
    const m = workspace.migration(`migrations/${name}`, { index, ...(dialects ? { dialects: dialects.dialects } : {}) });
    if (m.status === 'parse-error') throw new Error(`test source ${name} does not parse: ${m.error!.message} at ${m.error!.line}:${m.error!.column}`);
    return m;
  });
  return {
    project: { root: '.', absRoot: root, framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: null, layoutSource: 'default' },
    migrations,
  };
}

/** Runs one rule (enabled at its default severity, whatever the presets say) over inline sources. */
export function lint(
  ruleId: string,
  files: Record<string, string> | string,
  options?: Record<string, unknown>,
  projectExtra: Partial<ProjectModel> = {},
): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const sources = typeof files === 'string' ? { '20240101000000-migration.js': files } : files;
  const project = { ...projectFromSources(migrationSources(sources), helperSources(sources), projectExtra.dialect), ...surroundings(sources), ...projectExtra };
  const setting = options ? { severity: 'on' as const, options } : 'on';
  return sortFindings(runRules(project, { [ruleId]: setting }, [rule]));
}

/** Files named `models/...`, `config/...` or `lib/...` are not migrations; `migrations/x.js` is `x.js`. */
function migrationSources(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => !/^(models|config|lib)\//.test(name))
      .map(([name, source]) => [name.replace(/^migrations\//, ''), source]),
  );
}

/** Project files the migrations can import (`lib/<file>` helpers, `models/<file>` models). */
function helperSources(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.startsWith('lib/') || name.startsWith('models/')));
}

/** Models and database config given as `models/<file>` / `config/<file>` entries. */
function surroundings(files: Record<string, string>): Partial<ProjectModel> {
  const out: Partial<ProjectModel> = {};
  const models = Object.entries(files).filter(([name]) => name.startsWith('models/'));
  if (models.length > 0) out.models = readModelSources(models.map(([file, source]) => ({ file, source })), { modelsDir: 'models' });
  const config = Object.entries(files).find(([name]) => name.startsWith('config/'));
  if (config) out.dbConfig = analyzeDbConfigSource(config[1], config[0], path.join(REPO, 'virtual-project', config[0]));
  return out;
}

/** What users see in a terminal, for snapshots. */
export function renderText(files: Record<string, string> | string, findings: Finding[]): string {
  const sources = typeof files === 'string' ? { '20240101000000-migration.js': files } : files;
  return createTextReporter({ color: false }).render({ project: projectFromSources(migrationSources(sources), helperSources(sources)), findings, tool: { name: 'migralint', version: 'test' } });
}

/**
 * Project facts for a rule test whose migrations run under a given runner:
 * sequelize-cli's defaults, overridden by `runner`.
 */
export function withRunner(runner: Partial<RunnerInfo>): Partial<ProjectModel> {
  return {
    project: {
      root: '.',
      absRoot: path.join(REPO, 'virtual-project'),
      framework: 'sequelize',
      migrationsDir: 'migrations',
      modelsDir: null,
      configFile: null,
      layoutSource: 'runner',
      runner: {
        kind: 'sequelize-cli',
        evidence: null,
        migrationsDirs: ['migrations'],
        filter: { extensions: ['js'], pattern: null, recursive: false },
        order: 'name',
        transaction: 'none',
        downRunnable: 'yes',
        onError: 'stops',
        baseline: null,
        storage: 'SequelizeMeta',
        notes: [],
        ...runner,
      },
    },
  };
}

/**
 * Two migrations: a first whose `up` runs `setup` (creates the tables), then a
 * later one, `20240201000000-change.js`, whose `up` runs `change` from its line 3.
 */
export function setupThen(setup: string, change: string): Record<string, string> {
  return {
    '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    ${setup}
  },
};`,
    '20240201000000-change.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    ${change}
  },
  async down() {},
};`,
  };
}
