import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/eslint';
import type { Finding } from '../src/model';
import { analyzeProject, type AnalysisResult } from '../src/project';
import { SUPPRESSION_RULES } from '../src/suppressions';
import { runCli } from './helpers/cli';
import { REPO } from './helpers/extract';

const FIXTURES = path.join(REPO, 'fixtures', 'suppressions');
const FORMS = path.join(FIXTURES, 'forms');

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), `migralint-${prefix}-`)));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SUPPRESSION_IDS = new Set<string>(Object.values(SUPPRESSION_RULES));

/** `rule:line`; findings about suppressions also name their messageId: `unused-suppression/unusedOnLine:5`. */
function brief(f: Finding): string {
  return SUPPRESSION_IDS.has(f.rule) ? `${f.rule}/${f.messageId}:${f.line}` : `${f.rule}:${f.line}`;
}

/** What a run left for one file and what it suppressed there, in report order. */
function outcome(result: AnalysisResult, file: string) {
  return {
    findings: result.findings.filter((f) => f.file === file).map(brief),
    suppressed: result.suppressed.filter((s) => s.finding.file === file).map((s) => brief(s.finding)),
  };
}

interface FormCase {
  /** A migration of fixtures/suppressions/forms. */
  file: string;
  /** Findings left in the report, in report order. */
  findings: string[];
  suppressed: string[];
}

// Every migration of fixtures/suppressions/forms: each drops its table in `down`
// (no-destructive-down); 006-008 also drop a column with raw SQL in `up`
// (no-destructive-up and require-idempotency-guard on the same line).
const FORM_CASES: FormCase[] = [
  { file: '001-next-line.js', findings: [], suppressed: ['no-destructive-down:10'] },
  { file: '002-next-line-skips-blank-and-comment-lines.js', findings: [], suppressed: ['no-destructive-down:12'] },
  { file: '003-same-line.js', findings: [], suppressed: ['no-destructive-down:9'] },
  { file: '004-block-comment.js', findings: [], suppressed: ['no-destructive-down:10'] },
  { file: '005-whole-file.js', findings: [], suppressed: ['no-destructive-down:12', 'no-destructive-down:13'] },
  {
    file: '006-several-rules.js',
    findings: [],
    suppressed: ['no-destructive-up:6', 'require-idempotency-guard:6', 'no-destructive-down:11'],
  },
  {
    file: '007-stacked.js',
    findings: [],
    suppressed: ['no-destructive-up:7', 'require-idempotency-guard:7', 'no-destructive-down:12'],
  },
  { file: '008-only-the-named-rule.js', findings: ['require-idempotency-guard:6'], suppressed: ['no-destructive-up:6', 'no-destructive-down:11'] },
  // No reason: the suppression is reported and suppresses nothing.
  { file: '009-missing-reason.js', findings: ['invalid-suppression/missingReason:9', 'no-destructive-down:10'], suppressed: [] },
  { file: '010-empty-reason.js', findings: ['no-destructive-down:9', 'invalid-suppression/missingReason:9'], suppressed: [] },
  { file: '011-unused-next-line.js', findings: ['unused-suppression/unusedOnLine:5', 'no-destructive-down:10'], suppressed: [] },
  { file: '012-unused-whole-file.js', findings: ['unused-suppression/unusedInFile:1'], suppressed: ['no-destructive-down:10'] },
  { file: '013-nothing-follows.js', findings: ['unused-suppression/unusedNoCode:12'], suppressed: ['no-destructive-down:9'] },
  // The unknown id is reported; the known one still applies.
  { file: '014-unknown-rule.js', findings: ['invalid-suppression/unknownRule:9'], suppressed: ['no-destructive-down:10'] },
  {
    file: '015-unsuppressible.js',
    findings: ['invalid-suppression/unsuppressibleRule:9', 'invalid-suppression/unsuppressibleRule:9', 'no-destructive-down:10'],
    suppressed: [],
  },
  { file: '016-no-rule-ids.js', findings: ['invalid-suppression/missingRules:9', 'no-destructive-down:10'], suppressed: [] },
  { file: '017-unknown-directive.js', findings: ['invalid-suppression/unknownDirective:9', 'no-destructive-down:10'], suppressed: [] },
  { file: '018-malformed.js', findings: ['invalid-suppression/malformed:9', 'no-destructive-down:10'], suppressed: [] },
  // Directive text in a string and in a template literal is not a comment: nothing happens.
  { file: '019-inside-strings.js', findings: ['no-destructive-down:10', 'no-destructive-down:13'], suppressed: [] },
  // Both cover the finding: the line form is credited, the file form is stale.
  { file: '020-line-and-file-overlap.js', findings: ['unused-suppression/unusedInFile:1'], suppressed: ['no-destructive-down:11'] },
  { file: '021-eslint-style-id.js', findings: [], suppressed: ['no-destructive-down:10'] },
  // require-down is off by default: its suppression cannot be told stale, so it is not reported.
  { file: '022-rule-turned-off.js', findings: [], suppressed: ['no-destructive-down:9'] },
];

/** A copy of the forms project with CRLF line ends. */
function crlfCopy(): string {
  const root = tmp('suppressions-crlf');
  cpSync(FORMS, root, { recursive: true });
  const dir = path.join(root, 'migrations');
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
  }
  return root;
}

describe('every form of suppression, through analyzeProject', () => {
  it('has a case for every fixture migration', () => {
    expect(FORM_CASES.map((c) => c.file)).toEqual(readdirSync(path.join(FORMS, 'migrations')).sort());
  });

  describe.each([
    { endings: 'LF', root: () => FORMS },
    { endings: 'CRLF', root: crlfCopy },
  ])('$endings line ends', ({ endings, root }) => {
    let result: AnalysisResult;
    beforeAll(async () => {
      const dir = root();
      if (endings === 'CRLF') expect(readFileSync(path.join(dir, 'migrations', '005-whole-file.js'), 'utf8')).toContain('\r\n');
      result = await analyzeProject(dir);
    });

    it.each(FORM_CASES)('$file', ({ file, findings, suppressed }) => {
      expect(outcome(result, `migrations/${file}`)).toEqual({ findings, suppressed });
    });

    it('keeps the reason, a multi-line block comment joined into one line', () => {
      const reasons = result.suppressed.filter((s) => s.finding.file === 'migrations/005-whole-file.js').map((s) => s.suppression);
      expect(reasons).toEqual([
        { kind: 'file', line: 1, reason: 't05a and t05b are caches the app rebuilds on boot' },
        { kind: 'file', line: 1, reason: 't05a and t05b are caches the app rebuilds on boot' },
      ]);
    });
  });
});

describe('what the findings about suppressions say', () => {
  let result: AnalysisResult;
  beforeAll(async () => {
    result = await analyzeProject(FORMS);
  });
  const find = (file: string, rule: string) => result.findings.filter((f) => f.file === `migrations/${file}` && f.rule === rule);

  it('an unused suppression names its rule ids and the line it covers, at the comment', () => {
    const [unused] = find('011-unused-next-line.js', 'unused-suppression');
    expect(unused).toMatchObject({ severity: 'warning', line: 5, column: 5, data: { rules: 'no-destructive-down', target: '6', kind: 'next-line' } });
    expect(unused!.message).toContain('no-destructive-down');
    expect(unused!.message).toContain('line 6');
    expect(unused!.docsUrl).toMatch(/README\.md#suppressing-a-finding$/);
    expect(find('012-unused-whole-file.js', 'unused-suppression')[0]).toMatchObject({ data: { rules: 'no-destructive-up', kind: 'file' } });
  });

  it('only the rule ids that matched nothing are reported unused', () => {
    // 008 names only no-destructive-up, which matched; nothing is reported.
    expect(find('008-only-the-named-rule.js', 'unused-suppression')).toEqual([]);
  });

  it('invalid suppressions are warnings that name the offending rule id', () => {
    expect(find('014-unknown-rule.js', 'invalid-suppression').map((f) => [f.severity, f.data])).toEqual([['warning', { rule: 'no-such-rule' }]]);
    expect(find('015-unsuppressible.js', 'invalid-suppression').map((f) => f.data?.rule)).toEqual(['parse-error', 'unused-suppression']);
    expect(find('009-missing-reason.js', 'invalid-suppression')[0]!.data).toMatchObject({ rules: 'no-destructive-down' });
  });

  it('a suppression for a rule that is turned on but matches nothing is reported', async () => {
    const on = await analyzeProject(FORMS, { rules: { 'require-down': 'on' } });
    const unused = on.findings.filter((f) => f.file === 'migrations/022-rule-turned-off.js' && f.rule === 'unused-suppression');
    expect(unused.map((f) => [f.line, f.data?.rules])).toEqual([[9, 'require-down']]);
  });
});

describe('suppressions beside the migrations, and engine findings', () => {
  it('work in the database config, a model and a migration', async () => {
    const result = await analyzeProject(path.join(FIXTURES, 'surroundings'));
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => `${s.finding.file} ${brief(s.finding)}`).sort()).toEqual([
      'config/config.js no-insecure-db-config:8',
      'migrations/20240101000000-create-users.js no-destructive-down:15',
      'models/user.js no-model-drift:6',
    ]);
  });

  it('never suppress an engine finding', async () => {
    const result = await analyzeProject(path.join(FIXTURES, 'broken'));
    expect(outcome(result, 'migrations/001-does-not-parse.js')).toEqual({ findings: ['parse-error:7'], suppressed: [] });
    expect(outcome(result, 'migrations/002-names-an-engine-rule.js')).toEqual({
      findings: ['invalid-suppression/unsuppressibleRule:9', 'invalid-suppression/unsuppressibleRule:9'],
      suppressed: ['no-destructive-down:10'],
    });
  });
});

describe('migralint report with suppressions', () => {
  it('a project whose every finding is suppressed is safe, and the JSON report counts them', async () => {
    const { code, stdout, stderr } = await runCli(['report', path.join(FIXTURES, 'surroundings'), '--format', 'json']);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ migrations: 1, errors: 0, warnings: 0, infos: 0, suppressed: 3, verdict: 'safe' });
    expect(code).toBe(0);
  });

  it('reports stale and invalid suppressions as warnings', async () => {
    const { code, stdout } = await runCli(['report', FORMS, '--format', 'json']);
    const report = JSON.parse(stdout);
    const suppressed = FORM_CASES.reduce((n, c) => n + c.suppressed.length, 0);
    expect(report.summary.suppressed).toBe(suppressed);
    const about = report.findings.filter((f: Finding) => SUPPRESSION_IDS.has(f.rule));
    expect(about).toHaveLength(12);
    expect(about.every((f: Finding) => f.severity === 'warning')).toBe(true);
    // The downs left unsuppressed drop only the table their up creates: reversals (info), not errors.
    // So the default --fail-on error passes, and the stale and invalid suppressions fail --fail-on warning.
    expect(report.summary).toMatchObject({ errors: 0, warnings: about.length });
    expect(code).toBe(0);
    expect((await runCli(['report', FORMS, '--format', 'json', '--fail-on', 'warning'])).code).toBe(1);

    const text = await runCli(['report', FORMS, '--format', 'text']);
    expect(text.stdout).toContain('migrations/011-unused-next-line.js:5:5  warning  unused-suppression  Unused suppression of no-destructive-down: no such finding on line 6.');
  });

  it('stale suppressions alone fail --fail-on warning, not the default', async () => {
    const root = tmp('suppressions-stale');
    mkdirSync(path.join(root, 'migrations'));
    writeFileSync(
      path.join(root, 'migrations', '001-create-notes.js'),
      [
        "'use strict';",
        '// migralint-disable-file no-destructive-up -- stale: nothing is dropped any more',
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        '  },',
        '  async down() {},',
        '};',
        '',
      ].join('\n'),
    );
    expect((await runCli(['report', root, '--format', 'text'])).code).toBe(0);
    const strict = await runCli(['report', root, '--format', 'text', '--fail-on', 'warning']);
    expect(strict.stdout).toContain('unused-suppression');
    expect(strict.code).toBe(1);
  });

  it('exits 2 on a file that does not parse, whatever its comments say', async () => {
    const { code } = await runCli(['report', path.join(FIXTURES, 'broken'), '--format', 'json']);
    expect(code).toBe(2);
  });
});

describe("in ESLint, ESLint's comments and migralint's both suppress", () => {
  const root = tmp('suppressions-eslint');
  writeFileSync(path.join(root, 'package.json'), '{ "name": "app", "private": true }\n');
  mkdirSync(path.join(root, 'migrations'));
  // Files outside the Linter's cwd match no configuration: root it at the project.
  const linter = new Linter({ configType: 'flat', cwd: root });
  const migration = (comment: string) =>
    [
      "'use strict';",
      'module.exports = {',
      '  async up(queryInterface, Sequelize) {',
      "    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
      '  },',
      '  async down(queryInterface) {',
      `    ${comment}`,
      "    await queryInterface.dropTable('notes');",
      '  },',
      '};',
      '',
    ].join('\n');
  const lint = (source: string) =>
    linter.verify(
      source,
      [
        {
          files: ['**'],
          plugins: { migralint: plugin as never },
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          languageOptions: { parser: require('@typescript-eslint/parser'), ecmaVersion: 'latest', sourceType: 'module' },
          linterOptions: { reportUnusedDisableDirectives: 'error' },
          rules: { 'migralint/no-destructive-down': 'error' },
          // The finding here is a reversal, an info: shown in ESLint only with this setting.
          settings: { migralint: { reportInfo: true } },
        },
      ],
      path.join(root, 'migrations', '20240101000000-create-notes.js'),
    );

  it.each([
    { comment: '// a comment', reported: true },
    { comment: '// eslint-disable-next-line migralint/no-destructive-down -- notes is a cache', reported: false },
    // Ours: the plugin applies it as the CLI does (src/suppressions.ts), so one comment serves both.
    { comment: '// migralint-disable-next-line no-destructive-down -- notes is a cache', reported: false },
    // Without a reason it suppresses nothing, in ESLint as in the CLI.
    { comment: '// migralint-disable-next-line no-destructive-down', reported: true },
    // For another rule: the finding stays.
    { comment: '// migralint-disable-next-line no-destructive-up -- wrong rule', reported: true },
  ])('$comment', ({ comment, reported }) => {
    const messages = lint(migration(comment));
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual(reported ? [['migralint/no-destructive-down', 8]] : []);
  });
});
