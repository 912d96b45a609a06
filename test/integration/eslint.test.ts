/**
 * The ESLint plugin as users get it: the package is packed (`npm pack`),
 * installed from the tarball into throwaway projects next to a real ESLint
 * (8.57 with `.eslintrc.cjs`, 9 and 10 with `eslint.config.js`), and run
 * through `npx eslint` on a copy of fixtures/lms-backend. Every major must
 * report exactly the expected findings, and exactly the findings the packed
 * CLI (`npx migralint report`) gives for the same files.
 *
 * Needs `npm run build` first (`npm test` does it). Installs use the npm cache
 * (`--prefer-offline`): the three ESLint versions are devDependencies of this
 * repo (9 directly, 8 and 10 as the `eslint-v8` / `eslint-v10` aliases), so
 * `npm ci` has already put them there.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry';

const REPO = path.resolve(__dirname, '..', '..');
const LMS = path.join(REPO, 'fixtures', 'lms-backend');
const NO_EXEC = path.join(REPO, 'fixtures', 'no-exec');
/** sequelize-cli's default layout: the database config is `config/config.json`. */
const CONFIG_JSON = path.join(REPO, 'fixtures', 'config-json');
const PKG = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const LONG = 300_000;

/** The ESLint versions under test: exactly the ones this repo installs. */
const ESLINT = {
  8: PKG.devDependencies['eslint-v8']!.replace(/^npm:eslint@/, ''),
  9: PKG.devDependencies['eslint']!,
  10: PKG.devDependencies['eslint-v10']!.replace(/^npm:eslint@/, ''),
} as const;
type Major = keyof typeof ESLINT;
const MAJORS = [8, 9, 10] as const satisfies readonly Major[];

const FLAT_CONFIG_CJS = `const migralint = require('migralint');\n\nmodule.exports = [migralint.configs.recommended];\n`;
const FLAT_CONFIG_ALL_ESM = `import migralint from 'migralint';\n\nexport default [migralint.configs.all];\n`;
const LINT_TARGETS = ['migrations', 'models', 'config'];
/** Turns off a rule the presets turn on and that fires on fixtures/config-json. */
const MIGRALINT_CONFIG_MJS = `export default { rules: { 'no-destructive-down': 'off' } };\n`;

// ---------------------------------------------------------------- processes

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: none of the variables `npm test` sets for its own package. */
function userEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_cafile']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !keep.has(k.toLowerCase())) continue;
    if (k === 'ESLINT_USE_FLAT_CONFIG' || k === 'MIGRALINT_TRAP_DIR') continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: userEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${opts.timeoutMs ?? 120_000} ms: ${cmd} ${args.join(' ')} (in ${opts.cwd})\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** stderr without npm's own notices (an unknown key in the user's .npmrc, update hints). */
function realStderr(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^npm (warn|notice)\b/i.test(l))
    .join('\n');
}

function describeRun(what: string, r: Run): string {
  return `${what} exited ${r.code}\n--- stdout (tail) ---\n${r.stdout.slice(-3000)}\n--- stderr (tail) ---\n${r.stderr.slice(-3000)}`;
}

// ---------------------------------------------------------------- temp projects

let work = '';
let tarball = '';
const projects = {} as Record<Major | 'noExec' | 'json8' | 'json9', string>;

function fixtureCopy(src: string, dir: string, deps: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  cpSync(src, dir, { recursive: true });
  // Keep the fixture's package.json (its scripts are part of the analysis, for the CLI and the plugin
  // alike) but install only what linting needs, not the app's runtime dependencies.
  const pkgPath = path.join(dir, 'package.json');
  const pkg = existsSync(pkgPath) ? (JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>) : { name: path.basename(dir), version: '1.0.0', private: true };
  delete pkg.dependencies;
  pkg.devDependencies = deps;
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
}

async function npmInstall(dir: string): Promise<void> {
  const r = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'], { cwd: dir, timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(describeRun(`npm install in ${dir}`, r));
}

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'src', 'eslint', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'migralint-eslint-it-')));
  // dist/ is already built: skip `prepare`, so a concurrent test never sees dist/ half rewritten.
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO });
  if (pack.code !== 0) throw new Error(describeRun('npm pack', pack));
  const packed = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const files = packed[0]!.files.map((f) => f.path);
  for (const required of ['package.json', 'bin/migralint.js', 'dist/src/eslint/index.js', 'dist/src/cli.js', 'dist/src/index.js', 'rules/require-idempotency-guard.md']) {
    if (!files.includes(required)) throw new Error(`npm pack left out ${required}: check "files" in package.json`);
  }
  tarball = path.join(work, packed[0]!.filename);
  const tgz = `file:${tarball}`;

  projects[8] = path.join(work, 'eslint8');
  // eslintrc resolves `plugins: ['migralint']` to a package named eslint-plugin-migralint:
  // legacy users install migralint under that alias.
  fixtureCopy(LMS, projects[8], { eslint: ESLINT[8], 'eslint-plugin-migralint': tgz });
  cpSync(path.join(REPO, '.eslintrc.cjs'), path.join(projects[8], '.eslintrc.cjs'));
  for (const major of [9, 10] as const) {
    projects[major] = path.join(work, `eslint${major}`);
    fixtureCopy(LMS, projects[major], { eslint: ESLINT[major], migralint: tgz });
    writeFileSync(path.join(projects[major], 'eslint.config.js'), FLAT_CONFIG_CJS);
  }
  projects.noExec = path.join(work, 'no-exec');
  fixtureCopy(NO_EXEC, projects.noExec, { eslint: ESLINT[9], migralint: tgz });
  // Its findings are infos (reversals), which ESLint shows only with reportInfo: they prove the files were analyzed.
  writeFileSync(
    path.join(projects.noExec, 'eslint.config.js'),
    "const migralint = require('migralint');\n\nmodule.exports = [migralint.configs.recommended, { settings: { migralint: { reportInfo: true } } }];\n",
  );
  projects.json8 = path.join(work, 'config-json-eslint8');
  fixtureCopy(CONFIG_JSON, projects.json8, { eslint: ESLINT[8], 'eslint-plugin-migralint': tgz });
  cpSync(path.join(REPO, '.eslintrc.cjs'), path.join(projects.json8, '.eslintrc.cjs'));
  projects.json9 = path.join(work, 'config-json-eslint9');
  fixtureCopy(CONFIG_JSON, projects.json9, { eslint: ESLINT[9], migralint: tgz });
  writeFileSync(path.join(projects.json9, 'eslint.config.js'), FLAT_CONFIG_CJS);
  // A migralint configuration as an ES module: the plugin loads it (in a worker) as the CLI does.
  for (const dir of [projects.json8, projects.json9]) writeFileSync(path.join(dir, 'migralint.config.mjs'), MIGRALINT_CONFIG_MJS);

  await Promise.all([projects[8], projects[9], projects[10], projects.noExec, projects.json8, projects.json9].map(npmInstall));
  // Start the three lints at once (each test awaits its own; a failure surfaces there).
  for (const major of MAJORS) lintLms(major).catch(() => undefined);
}, LONG);

afterAll(() => {
  if (work && !process.env.MIGRALINT_KEEP_TMP) rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------- ESLint and CLI output

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}
interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
}
interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  messageId?: string;
  message: string;
}

function eslintArgs(extra: string[]): string[] {
  return ['--no-install', 'eslint', '--format', 'json', ...extra];
}

function eslintEnv(major: Major): Record<string, string | undefined> {
  // ESLint 8 defaults to eslintrc already; say so explicitly, as a legacy user's CI would.
  return major === 8 ? { ESLINT_USE_FLAT_CONFIG: 'false' } : {};
}

async function eslint(major: Major, args: string[], input?: string, cwd = projects[major]): Promise<EslintResult[]> {
  const r = await run('npx', eslintArgs(args), { cwd, env: eslintEnv(major), ...(input !== undefined ? { input } : {}) });
  // 1: lint errors were reported; anything else (2: config or crash) is a failure.
  if (r.code !== 0 && r.code !== 1) throw new Error(describeRun(`ESLint ${major}: eslint ${args.join(' ')}`, r));
  if (realStderr(r.stderr) !== '') throw new Error(describeRun(`ESLint ${major} wrote to stderr: eslint ${args.join(' ')}`, r));
  return JSON.parse(r.stdout) as EslintResult[];
}

/**
 * Writes a config beside the project's own that also shows infos (`reportInfo`), and returns the ESLint arguments
 * that select it: flat config for ESLint 9 and 10, eslintrc for 8.
 */
function withInfo(major: Major, dir: string): string[] {
  if (major === 8) {
    writeFileSync(path.join(dir, '.eslintrc.info.cjs'), "module.exports = { root: true, env: { node: true, es2022: true }, extends: ['plugin:migralint/legacy-recommended'], settings: { migralint: { reportInfo: true } } };\n");
    return ['--no-eslintrc', '-c', '.eslintrc.info.cjs'];
  }
  writeFileSync(path.join(dir, 'eslint.info.config.js'), "const migralint = require('migralint');\n\nmodule.exports = [migralint.configs.recommended, { settings: { migralint: { reportInfo: true } } }];\n");
  return ['-c', 'eslint.info.config.js'];
}

const lintRuns = new Map<Major, Promise<EslintResult[]>>();
/** `npx eslint --format json migrations models config` in the project of that major, once. */
function lintLms(major: Major): Promise<EslintResult[]> {
  if (!lintRuns.has(major)) lintRuns.set(major, eslint(major, LINT_TARGETS));
  return lintRuns.get(major)!;
}

async function cliFindings(dir: string): Promise<CliFinding[]> {
  const r = await run('npx', ['--no-install', 'migralint', 'report', '.', '--format', 'json'], { cwd: dir });
  if (r.code !== 0 && r.code !== 1) throw new Error(describeRun('npx migralint report', r));
  return (JSON.parse(r.stdout) as { findings: CliFinding[] }).findings;
}

function rel(dir: string, file: string): string {
  return path.relative(dir, realpathSync(file)).split(path.sep).join('/');
}

interface Flat {
  file: string;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  rule: string;
  messageId: string | undefined;
  severity: 1 | 2;
  message: string;
  suggestions: NonNullable<EslintMessage['suggestions']>;
}

function flatten(dir: string, results: EslintResult[]): Flat[] {
  const out: Flat[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      if (m.fatal || !m.ruleId) throw new Error(`ESLint could not lint ${r.filePath}: ${m.message}`);
      out.push({
        file: rel(dir, r.filePath),
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        rule: m.ruleId,
        messageId: m.messageId,
        severity: m.severity,
        message: m.message,
        suggestions: m.suggestions ?? [],
      });
    }
  }
  return out;
}

/** `file:line:col rule/messageId severity`, plus the finding's subject (the first backquoted names after the operation). */
function summary(f: Pick<Flat, 'file' | 'line' | 'column' | 'rule' | 'messageId' | 'severity' | 'message'>): string {
  const subject = [...f.message.matchAll(/`([^`]+)`/g)].map((m) => m[1]).slice(0, 2).join(' ');
  return `${f.file}:${f.line}:${f.column} ${f.rule}/${f.messageId} ${f.severity === 2 ? 'error' : 'warn'}${subject ? ` ${subject}` : ''}`;
}

/**
 * Every finding ESLint shows on lms-backend (migrations, models, config), identical for the three majors.
 * ESLint has one severity per configured rule (the preset's level: the rule's default severity),
 * the CLI one per finding: `no-insecure-db-config` is an error rule, but its
 * `sslRejectUnauthorizedFalse` finding is a warning in the CLI report and an error in ESLint. The CLI's
 * info findings (009's duplicate prefix, 010's changeColumn whose model keeps what it drops, 031's three
 * `reversal`s of what its up adds) are not shown: at the rule's level they would be errors in the editor
 * (`settings: { migralint: { reportInfo: true } }` shows them), and so are `require-idempotency-guard`'s
 * `unguardedLastStep` findings (one per migration): `npm run db:setup:dev` runs sequelize.sync(), but a
 * developer's script builds only developers' databases.
 * The warnings and errors of `migralint report fixtures/lms-backend -f json`.
 */
// The `test` environment's password is info (its host falls back to 127.0.0.1, a developer's database), which
// ESLint does not show by default.
const EXPECTED = [
  'config/database.js:45:9 migralint/no-insecure-db-config/sslRejectUnauthorizedFalse error production rejectUnauthorized: false',
  'models/User.js:89:5 migralint/no-model-drift/attributeWithoutMigration error User.linkedinUrl linkedin_url',
];

function sorted(xs: string[]): string[] {
  return [...xs].sort();
}

// ---------------------------------------------------------------- the three majors

describe.each(MAJORS)('ESLint %i on a copy of fixtures/lms-backend', (major) => {
  it(`runs ESLint ${major} from the project, not another copy`, () => {
    const dir = projects[major];
    expect(JSON.parse(readFileSync(path.join(dir, 'node_modules', 'eslint', 'package.json'), 'utf8')).version).toBe(ESLINT[major]);
    expect(realpathSync(path.join(dir, 'node_modules', '.bin', 'eslint'))).toBe(realpathSync(path.join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js')));
    const plugin = major === 8 ? 'eslint-plugin-migralint' : 'migralint';
    expect(JSON.parse(readFileSync(path.join(dir, 'node_modules', plugin, 'package.json'), 'utf8'))).toMatchObject({ name: 'migralint', version: PKG.version });
  });

  it(
    'reports exactly the expected findings',
    async () => {
      const dir = projects[major];
      const results = await lintLms(major);
      const linted = results.map((r) => rel(dir, r.filePath));
      // Every migration, model and the database config was linted (and nothing failed to parse).
      expect(linted.filter((f) => f.startsWith('migrations/'))).toHaveLength(31);
      expect(linted).toContain('models/User.js');
      expect(linted).toContain('config/database.js');
      expect(sorted(flatten(dir, results).map(summary))).toEqual(sorted(EXPECTED));
    },
    LONG,
  );

  it(
    "equals the packed CLI's findings for the same files",
    async () => {
      const dir = projects[major];
      const results = await lintLms(major);
      const linted = new Set(results.map((r) => rel(dir, r.filePath)));
      // The CLI's warnings and errors: its infos are not shown in ESLint by default.
      const cli = (await cliFindings(dir)).filter((f) => f.severity !== 'info');
      // On this project every CLI finding is in a file ESLint lints: nothing is out of its reach.
      expect(cli.filter((f) => !linted.has(f.file)).map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);
      const key = (f: { file: string; line: number; column: number; rule: string; messageId?: string | undefined; message: string }) =>
        JSON.stringify([f.file, f.line, f.column, f.rule, f.messageId ?? null, f.message]);
      const fromEslint = flatten(dir, results);
      expect(sorted(fromEslint.map((f) => key({ ...f, rule: f.rule.replace(/^migralint\//, '') })))).toEqual(sorted(cli.map(key)));
      // Ranges: the same end where the CLI has one; where it has none, ESLint's is empty or at the start.
      for (const c of cli) {
        const e = fromEslint.find((f) => key({ ...f, rule: f.rule.replace(/^migralint\//, '') }) === key(c))!;
        if (c.endLine !== undefined && c.endLine !== null) expect([e.endLine, e.endColumn], summary(e)).toEqual([c.endLine, c.endColumn]);
        else if (e.endLine !== undefined) expect([e.endLine, e.endColumn], summary(e)).toEqual([e.line, e.column]);
      }
      // Severities: one per rule in ESLint (the preset's level), one per finding in the CLI.
      const level = (rule: string) => RULES.find((r) => `migralint/${r.id}` === rule)!.meta.defaultSeverity;
      for (const f of fromEslint) expect(f.severity, summary(f)).toBe(level(f.rule) === 'error' ? 2 : 1);
      const differs = cli.filter((c) => c.severity !== level(`migralint/${c.rule}`)).map((c) => `${c.file}:${c.line}:${c.column} ${c.messageId} ${c.severity}`);
      expect(differs).toEqual(['config/database.js:45:9 sslRejectUnauthorizedFalse warning']);
    },
    LONG,
  );

  it(
    'offers suggestions on an unguarded addColumn, and each one applied clears that finding',
    async () => {
      const dir = projects[major];
      // unguardedLastStep is an info here (a developer's sync script): shown with reportInfo, from a second config.
      const infoArgs = withInfo(major, dir);
      const results = await eslint(major, [...infoArgs, ...LINT_TARGETS]);
      const file = 'migrations/031-add-profile-fields-to-users.js';
      const found = flatten(dir, results).filter((f) => f.file === file);
      const first = found.find((f) => f.line === 6 && f.column === 11)!;
      // The migration's one idempotency finding: `npm run db:setup:dev` runs sequelize.sync(), so a
      // database can already have the column. A transaction would not help there: only the guard is offered.
      expect(first.messageId).toBe('unguardedLastStep');
      expect(first.message).toContain('`users.bio`');
      expect(first.suggestions.map((s) => s.desc)).toEqual(['Add the column only when `describeTable` does not list it']);
      const apply = (source: string, s: Flat['suggestions'][number]) => source.slice(0, s.fix.range[0]) + s.fix.text + source.slice(s.fix.range[1]);
      const idempotency = (fs: Flat[]) => fs.filter((f) => f.rule === 'migralint/require-idempotency-guard');

      // Each guard applied clears its finding; the migration's one finding moves to the next unguarded
      // addColumn, until every one is guarded. Linted from stdin, as an editor lints an unsaved buffer:
      // the siblings come from disk.
      let source = readFileSync(path.join(dir, file), 'utf8');
      let finding: Flat = first;
      for (const [column, next] of [['bio', 'phone'], ['phone', 'location'], ['location', null]] as const) {
        expect(finding.message).toContain(`\`users.${column}\``);
        source = apply(source, finding.suggestions[0]!);
        expect(source).toContain(`if (!(await queryInterface.describeTable('users'))['${column}']) {`);
        const after = flatten(dir, await eslint(major, [...infoArgs, '--stdin', '--stdin-filename', file], source));
        expect(after.map((f) => f.message)).not.toContainEqual(expect.stringContaining(`\`users.${column}\` has no guard`));
        // The down still only reverses what up adds: three reversals (infos, shown here with reportInfo).
        expect(after.filter((f) => f.rule === 'migralint/no-destructive-down').map((f) => f.messageId)).toEqual(['reversal', 'reversal', 'reversal']);
        if (next === null) {
          expect(idempotency(after)).toEqual([]);
        } else {
          expect(idempotency(after)).toHaveLength(1);
          finding = idempotency(after)[0]!;
          expect(finding.messageId).toBe('unguardedLastStep');
          expect(finding.message).toContain(`\`users.${next}\``);
          expect(finding.suggestions.map((s) => s.desc)).toEqual(['Add the column only when `describeTable` does not list it']);
        }
      }

      // One finding per migration whose step a database built from the models already has (their columns; the
      // models' indexes are not read, so no index is claimed); the guard is offered where the step is an awaited
      // addColumn statement (not one inside Promise.all).
      const perMigration = idempotency(flatten(dir, results))
        .sort((a, b) => a.file.localeCompare(b.file))
        .map((f) => [f.file, f.line, f.messageId, f.suggestions.length > 0]);
      expect(perMigration).toEqual([
        ['migrations/006-add-course-intro-content.js', 8, 'unguardedLastStep', false],
        ['migrations/008-add-chapter-content-fields.js', 6, 'unguardedLastStep', true],
        ['migrations/017-create-videos-and-update-projects.js', 66, 'unguardedLastStep', true],
        ['migrations/018-add-enrollment-rating-review.js', 13, 'unguardedLastStep', true],
        ['migrations/019-add-admin-upload-fields.js', 9, 'unguardedLastStep', true],
        ['migrations/031-add-profile-fields-to-users.js', 6, 'unguardedLastStep', true],
      ]);
    },
    LONG,
  );
});

// ---------------------------------------------------------------- the packed plugin itself

describe('the packed plugin', () => {
  interface Shape {
    meta: { name: string; version: string; namespace: string };
    rules: Record<string, { type: string; docs: { url: string; recommended: boolean; description: string }; hasSuggestions: boolean }>;
    flat: Record<string, { name: string; files: string[]; rules: Record<string, string>; pluginIsSelf: boolean; parser: string; keys: string[] }>;
    legacy: Record<string, { plugins: string[]; overrides: { files: string[]; parser: string; rules: Record<string, string> }[] }>;
    api: string[];
    version: string;
  }
  let shape: Shape;
  beforeAll(async () => {
    const script = `
      const p = require('migralint');
      const flat = {}, legacy = {};
      for (const [name, c] of Object.entries(p.configs)) {
        if (name.startsWith('legacy-')) legacy[name] = c;
        else flat[name] = { name: c.name, files: c.files, rules: c.rules, pluginIsSelf: c.plugins.migralint === p,
          parser: typeof (c.languageOptions.parser.parseForESLint || c.languageOptions.parser.parse), keys: Object.keys(c).sort() };
      }
      const rules = Object.fromEntries(Object.entries(p.rules).map(([id, r]) => [id, { type: r.meta.type, docs: r.meta.docs, hasSuggestions: r.meta.hasSuggestions }]));
      process.stdout.write(JSON.stringify({ meta: p.meta, rules, flat, legacy, api: Object.keys(require('migralint/api')), version: require('migralint/package.json').version }));
    `;
    const r = await run(process.execPath, ['-e', script], { cwd: projects[9] });
    if (r.code !== 0) throw new Error(describeRun('loading the installed plugin', r));
    shape = JSON.parse(r.stdout) as Shape;
  }, LONG);

  it('has the right meta', () => {
    expect(shape.meta).toEqual({ name: 'migralint', version: PKG.version, namespace: 'migralint' });
    expect(shape.version).toBe(PKG.version);
    expect(shape.api.length).toBeGreaterThan(0);
  });

  it('exposes every rule, each with its doc shipped in the package', () => {
    expect(Object.keys(shape.rules).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const [id, rule] of Object.entries(shape.rules)) {
      expect(rule.docs.url, id).toMatch(new RegExp(`/rules/${id}\\.md$`));
      expect(existsSync(path.join(projects[9], 'node_modules', 'migralint', 'rules', `${id}.md`)), id).toBe(true);
      expect(rule.hasSuggestions).toBe(true);
    }
  });

  it('has flat configs with names, files and the preset rules; all enables every rule', () => {
    expect(Object.keys(shape.flat).sort()).toEqual(['all', 'recommended', 'strict']);
    const files = [
      '**/migrations/*.{js,cjs,mjs,ts,cts,mts}',
      '**/models/**/*.{js,cjs,mjs,ts,cts,mts}',
      '**/config/{config,database}.{js,cjs,mjs,ts}',
      '**/config/{config,database}.json',
    ];
    const level = (id: string) => (RULES.find((r) => r.id === id)!.meta.defaultSeverity === 'error' ? 'error' : 'warn');
    const expectRules = (ids: string[]) => Object.fromEntries(ids.sort().map((id) => [`migralint/${id}`, level(id)]));
    const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    for (const name of ['recommended', 'strict', 'all']) {
      const c = shape.flat[name]!;
      expect(c.name).toBe(`migralint/${name}`);
      expect(c.files).toEqual(files);
      expect(c.pluginIsSelf).toBe(true);
      expect(c.parser).toBe('function');
      expect(c.keys).toEqual(['files', 'languageOptions', 'name', 'plugins', 'rules']);
    }
    expect(sortKeys(shape.flat.all!.rules)).toEqual(expectRules(RULES.map((r) => r.id)));
    expect(sortKeys(shape.flat.recommended!.rules)).toEqual(expectRules(RULES.filter((r) => r.meta.docs.recommended).map((r) => r.id)));
    expect(sortKeys(shape.flat.strict!.rules)).toEqual(expectRules(RULES.filter((r) => r.meta.docs.strict).map((r) => r.id)));
    for (const [id, rule] of Object.entries(shape.rules)) expect(rule.docs.recommended, id).toBe(`migralint/${id}` in shape.flat.recommended!.rules);

    expect(Object.keys(shape.legacy).sort()).toEqual(['legacy-recommended', 'legacy-strict']);
    for (const preset of ['recommended', 'strict']) {
      const c = shape.legacy[`legacy-${preset}`]!;
      expect(c.plugins).toEqual(['migralint']);
      expect(c.overrides).toHaveLength(1);
      expect(c.overrides[0]!.files).toEqual(files);
      // The flat configs' parser, by path (eslintrc takes a module path).
      expect(c.overrides[0]!.parser).toMatch(/[\\/]node_modules[\\/]migralint[\\/]dist[\\/]src[\\/]eslint[\\/]parser\.js$/);
      expect(c.overrides[0]!.rules).toEqual(shape.flat[preset]!.rules);
    }
  });

  it(
    'runs every rule with configs.all from an ESM eslint.config.mjs (ESLint 10)',
    async () => {
      const dir = projects[10];
      writeFileSync(path.join(dir, 'eslint.all.config.mjs'), FLAT_CONFIG_ALL_ESM);
      const all = flatten(dir, await eslint(10, ['--config', 'eslint.all.config.mjs', ...LINT_TARGETS]));
      const recommended = flatten(dir, await lintLms(10));
      const strictOnly = new Set(RULES.filter((r) => !r.meta.docs.recommended).map((r) => `migralint/${r.id}`));
      // The recommended findings, plus findings of the rules only `all` enables.
      expect(sorted(all.filter((f) => !strictOnly.has(f.rule)).map(summary))).toEqual(sorted(recommended.map(summary)));
      // On lms-backend, of the rules only `all` adds, require-down, require-not-valid-constraint (017's foreign key
      // on the existing `projects`), no-table-rewrite (030's `ALTER COLUMN tags TYPE varchar[] USING CASE ...`
      // computes every value: the table is rewritten) and the require-lock-timeout policy (its ALTERs of existing
      // tables set no lock_timeout) find something; require-concurrent-index and the other strict rules do not.
      const extraRules = new Set(all.filter((f) => strictOnly.has(f.rule)).map((f) => f.rule));
      expect([...extraRules].sort()).toEqual(['migralint/no-table-rewrite', 'migralint/require-down', 'migralint/require-lock-timeout', 'migralint/require-not-valid-constraint']);
    },
    LONG,
  );
});

// ---------------------------------------------------------------- sequelize-cli's config/config.json

describe.each([8, 9] as const)("ESLint %i on sequelize-cli's default layout (config/config.json)", (major) => {
  it(
    'lints the JSON config with the preset, without a parse error, and reports what the CLI reports, with its migralint.config.mjs',
    async () => {
      const dir = projects[major === 8 ? 'json8' : 'json9'];
      // `eslint config` used to exit 2: no file of the folder was one ESLint could lint.
      const results = await eslint(major, ['migrations', 'config'], undefined, dir);
      expect(results.map((r) => rel(dir, r.filePath)).sort()).toEqual(['config/config.json', 'migrations/20240101000000-create-notes.js']);
      const found = flatten(dir, results);
      expect(found.filter((f) => f.file === 'config/config.json').map((f) => f.rule)).toContain('migralint/no-insecure-db-config');
      // On in the preset, off in migralint.config.mjs: off.
      expect(found.map((f) => f.rule)).not.toContain('migralint/no-destructive-down');
      const key = (f: { file: string; line: number; column: number; rule: string }) => `${f.file}:${f.line}:${f.column} ${f.rule.replace(/^migralint\//, '')}`;
      expect(sorted(found.map(key))).toEqual(sorted((await cliFindings(dir)).filter((f) => f.severity !== 'info').map(key)));
    },
    LONG,
  );
});

// ---------------------------------------------------------------- the promise: nothing is executed

describe('linting with the plugin never executes an analyzed file', () => {
  it(
    'leaves no trace when ESLint 9 lints fixtures/no-exec, whose every file writes one when run',
    async () => {
      const dir = projects.noExec;
      const trap = mkdtempSync(path.join(work, 'trap-'));
      const r = await run('npx', eslintArgs(['.']), { cwd: dir, env: { MIGRALINT_TRAP_DIR: trap } });
      if (r.code !== 0 && r.code !== 1) throw new Error(describeRun('ESLint 9 on no-exec', r));
      expect(realStderr(r.stderr)).toBe('');
      const results = JSON.parse(r.stdout) as EslintResult[];
      // It did analyze: the helper it imports was followed, the destructive downs found.
      const linted = results.map((x) => rel(dir, x.filePath)).sort();
      expect(linted).toEqual(
        expect.arrayContaining([
          'config/config.js',
          'migrations/20240101000000-create-audit.js',
          'migrations/20240102000000-import-helper.js',
          'migrations/helpers/add-column-once.js',
          'models/index.js',
        ]),
      );
      const found = flatten(dir, results).map((f) => `${f.file}:${f.line} ${f.rule}/${f.messageId}`);
      expect(found).toEqual(
        expect.arrayContaining([expect.stringMatching(/^migrations\/20240101000000-create-audit\.js:\d+ migralint\/no-destructive-down\//)]),
      );
      expect(found).toEqual(
        expect.arrayContaining([expect.stringMatching(/^migrations\/20240102000000-import-helper\.js:\d+ migralint\/no-destructive-down\//)]),
      );
      expect(readdirSync(trap)).toEqual([]);
      const traces = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.startsWith('node_modules') && path.basename(f).startsWith('EXECUTED'));
      expect(traces).toEqual([]);
    },
    LONG,
  );
});
