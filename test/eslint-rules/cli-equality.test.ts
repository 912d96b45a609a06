/**
 * One configuration, one set of findings: on every fixture, the ESLint plugin
 * (through ESLint's own `ESLint` class, in process) reports what the CLI's
 * analysis reports, finding for finding (rule, file, line, column). The
 * project's migralint configuration applies to both (rules turned off, rule
 * options, `ignores`, `projects`), and so do `migralint-disable` comments.
 *
 * ESLint runs the recommended preset plus the rules the migralint
 * configuration turns on (ESLint's config decides which rules run); a rule
 * the migralint configuration turns off stays on in ESLint's config, to show
 * that the migralint configuration turns it off there too.
 *
 * ESLint runs with `settings: { migralint: { reportInfo: true } }`, which
 * shows the CLI's info findings too; without it (the default, tested on
 * lms-backend) ESLint shows the CLI's warnings and errors only.
 *
 * What only the CLI reports, left out of the comparison:
 * - `unused-suppression` and `invalid-suppression` (which rules run is
 *   ESLint's config, which a rule cannot see);
 * - engine findings (`parse-error`, ...): ESLint reports its own fatal parse
 *   error for the same files instead, compared separately.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint';
import { PRESET_FILES } from '../../src/eslint/configs';
import { resetProjectIndexes } from '../../src/eslint/project-index';
import { CONFIG_FILES, resolveReportPlan } from '../../src/config-file';
import { analyzeProject, ENGINE_RULES, isRuleEnabled } from '../../src/project';
import { RULES } from '../../src/rules/registry';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { SUPPRESSION_RULES } from '../../src/suppressions';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');
/** Fixtures that hold several projects side by side, without a configuration that lists them. */
const SUBPROJECTS: Record<string, string[]> = { suppressions: ['forms', 'broken', 'surroundings'] };
/** Model-reader fixtures without migrations: `migralint report` refuses them (no migrations folder), nothing to compare. */
const NO_MIGRATIONS = new Set(['models-decorators', 'models-define', 'models-init']);
const CLI_ONLY = new Set<string>([...Object.values(SUPPRESSION_RULES), ...Object.values(ENGINE_RULES)]);

let work = '';
beforeAll(async () => {
  await loadSqlParser();
  work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'migralint-equality-')));
});
afterAll(() => {
  resetProjectIndexes();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * A copy of a fixture project outside this repository (whose package.json and
 * git root would otherwise be the project ESLint finds), with a package.json
 * when nothing marks its root.
 */
function copyProject(fixture: string, sub: string | null): string {
  const src = path.join(FIXTURES, fixture, ...(sub ? [sub] : []));
  const dir = path.join(work, sub ? `${fixture}-${sub}` : fixture);
  cpSync(src, dir, { recursive: true });
  const markers = ['package.json', '.sequelizerc', ...CONFIG_FILES];
  if (!markers.some((m) => existsSync(path.join(dir, m)))) writeFileSync(path.join(dir, 'package.json'), '{ "name": "fixture", "private": true }\n');
  return dir;
}

interface Outcome {
  /** `file:line:column rule`, sorted. */
  findings: string[];
  /** The same, without the CLI's info findings (what ESLint shows by default). */
  aboveInfo?: string[];
  /** Files that do not parse. */
  unparsed: string[];
}

const key = (file: string, line: number, column: number, rule: string) => `${file}:${line}:${column} ${rule}`;

/** What `migralint report <dir>` finds, with the configuration it finds. */
async function cli(dir: string): Promise<Outcome & { suppressed: number; enabled: Set<string> }> {
  const plan = await resolveReportPlan({ cwd: dir, dir, cli: {} });
  const out: Outcome & { suppressed: number; enabled: Set<string>; aboveInfo: string[] } = { findings: [], aboveInfo: [], unparsed: [], suppressed: 0, enabled: new Set() };
  for (const run of plan.runs) {
    const result = await analyzeProject(run.root, run.options);
    const rel = (file: string) => path.relative(dir, path.resolve(run.root, file)).split(path.sep).join('/');
    for (const f of result.findings) {
      if (f.rule === ENGINE_RULES.parseError) out.unparsed.push(rel(f.file));
      if (!CLI_ONLY.has(f.rule)) out.findings.push(key(rel(f.file), f.line, f.column, f.rule));
      if (!CLI_ONLY.has(f.rule) && f.severity !== 'info') out.aboveInfo.push(key(rel(f.file), f.line, f.column, f.rule));
    }
    out.suppressed += result.suppressed.length;
    for (const r of RULES) if (isRuleEnabled(r, run.options.rules)) out.enabled.add(r.id);
  }
  return { ...out, findings: out.findings.sort(), aboveInfo: out.aboveInfo.sort(), unparsed: [...new Set(out.unparsed)].sort() };
}

/**
 * What ESLint reports with the plugin on every source file and JSON file of the project; with `reportInfo` (the
 * shared setting, on unless said otherwise here), the CLI's info findings too.
 */
async function eslint(dir: string, ruleIds: Iterable<string>, { reportInfo = true }: { reportInfo?: boolean } = {}): Promise<Outcome> {
  resetProjectIndexes();
  const rules = Object.fromEntries([...ruleIds].map((id) => [`migralint/${id}`, 'error' as const]));
  const preset = plugin.configs.recommended;
  const settings = reportInfo ? { settings: { migralint: { reportInfo: true } } } : {};
  const engine = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ ...preset, files: ['**/*.{js,cjs,mjs,ts,cts,mts,json}'], rules, ...settings }],
  });
  const out: Outcome = { findings: [], unparsed: [] };
  for (const result of await engine.lintFiles(['.'])) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const m of result.messages) {
      if (m.fatal || m.ruleId === null) out.unparsed.push(file);
      else out.findings.push(key(file, m.line, m.column, m.ruleId.replace(/^migralint\//, '')));
    }
  }
  return { findings: out.findings.sort(), unparsed: [...new Set(out.unparsed)].sort() };
}

const projects = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !NO_MIGRATIONS.has(d.name))
  .flatMap((d) => (SUBPROJECTS[d.name] ?? [null]).map((sub) => [sub ? `${d.name}/${sub}` : d.name, d.name, sub] as const));

describe('the ESLint plugin reports what the CLI reports', () => {
  it.each(projects)('%s', async (_name, fixture, sub) => {
    const dir = copyProject(fixture, sub);
    const fromCli = await cli(dir);
    const recommended = RULES.filter((r) => r.meta.docs.recommended).map((r) => r.id);
    const fromEslint = await eslint(dir, new Set([...recommended, ...fromCli.enabled]));
    expect(fromEslint.findings).toEqual(fromCli.findings);
    expect(fromEslint.unparsed).toEqual(fromCli.unparsed);
  });

  it("by default shows the CLI's warnings and errors only: an info (a routine reversal) would be an error in the editor (lms-backend)", async () => {
    const dir = copyProject('lms-backend', null);
    const fromCli = await cli(dir);
    const recommended = RULES.filter((r) => r.meta.docs.recommended).map((r) => r.id);
    const fromEslint = await eslint(dir, new Set([...recommended, ...fromCli.enabled]), { reportInfo: false });
    expect(fromCli.aboveInfo.length).toBeLessThan(fromCli.findings.length);
    expect(fromEslint.findings).toEqual(fromCli.aboveInfo);
  });

  it('turns off in ESLint a rule the migralint configuration turns off (config-file-js)', async () => {
    const dir = copyProject('config-file-js', null);
    const off = await eslint(dir, ['no-destructive-down']);
    expect(off.findings).toEqual([]);
    // Without the configuration the rule fires there.
    rmSync(path.join(dir, 'migralint.config.js'));
    const on = await eslint(dir, ['no-destructive-down']);
    expect(on.findings.length).toBeGreaterThan(0);
  });

  it('honours migralint-disable comments (suppressions/forms)', async () => {
    const dir = copyProject('suppressions', 'forms');
    const { suppressed, findings } = await cli(dir);
    expect(suppressed).toBeGreaterThan(0);
    const fromEslint = await eslint(dir, ['no-destructive-down', 'no-destructive-up', 'require-idempotency-guard']);
    expect(fromEslint.findings).toEqual(findings.filter((f) => /no-destructive-(down|up)|require-idempotency-guard/.test(f)));
  });

  it('reads the project-wide postgresVersion of the migralint configuration, as the CLI does', async () => {
    // A column with a constant default on an existing table: a rewrite before PostgreSQL 11 only. One project per configuration.
    const project = (config: unknown) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-pgversion-'));
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pgversion', scripts: { migrate: 'sequelize-cli db:migrate' } }));
      cpSync(path.join(FIXTURES, 'lms-backend', 'migrations', '001-create-users.js'), path.join(dir, 'migrations', '001-create.js'));
      writeFileSync(
        path.join(dir, 'migrations', '002-active.js'),
        "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('users', 'active', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeColumn('users', 'active');\n  },\n};\n",
      );
      writeFileSync(path.join(dir, 'migralint.config.json'), JSON.stringify(config));
      return dir;
    };
    const rewrites = async (dir: string) => (await eslint(dir, ['no-table-rewrite'])).findings.filter((f) => f.startsWith('migrations/002-active.js'));
    expect(await rewrites(project({ rules: { 'no-table-rewrite': 'on' } }))).toEqual([]);
    const legacy = project({ postgresVersion: 10, rules: { 'no-table-rewrite': 'on' } });
    const fromEslint = await rewrites(legacy);
    expect(fromEslint).toHaveLength(1);
    expect((await cli(legacy)).findings.filter((f) => f.startsWith('migrations/002-active.js') && f.endsWith('no-table-rewrite'))).toEqual(fromEslint);
  });

  it("reads sequelize-cli's config/config.json with the presets (config-json)", async () => {
    const dir = copyProject('config-json', null);
    const engine = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const results = await engine.lintFiles(['migrations', 'config']);
    const config = results.find((r) => r.filePath.endsWith(path.join('config', 'config.json')))!;
    expect(PRESET_FILES).toContain('**/config/{config,database}.json');
    expect(config.messages.map((m) => m.ruleId)).toContain('migralint/no-insecure-db-config');
    expect(config.messages.filter((m) => m.fatal)).toEqual([]);
  });
});
