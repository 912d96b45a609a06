/**
 * The GitLab Code Quality reporter. Goldens: test/golden/<fixture>.gitlab
 * (see ci-support.ts to regenerate). GitLab publishes no JSON schema for
 * the report, so the shape is checked field by field against what its
 * documentation requires: description, check_name, fingerprint, severity,
 * location.path, location.lines.begin.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { codeQualityIssues, GITLAB_SEVERITY, gitlabReporter } from '../../src/reporters/gitlab';
import { FINGERPRINT_KEY, sarifLog } from '../../src/reporters/sarif';
import { getReporter } from '../../src/reporters/registry';
import { cleanup, describeGoldens, finding, FIXTURES, fixtureDir, inputFor, inputWith, migration, projectWith } from './ci-support';

afterAll(cleanup);

const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

/** Every check GitLab makes on an issue, and the ones we promise on top. */
function expectCodeQualityIssue(issue: unknown): void {
  expect(issue).toBeTypeOf('object');
  const i = issue as Record<string, unknown>;
  expect(Object.keys(i).sort()).toEqual(['categories', 'check_name', 'description', 'fingerprint', 'location', 'severity', 'type']);
  expect(i.type).toBe('issue');
  expect(i.description).toBeTypeOf('string');
  expect((i.description as string).length).toBeGreaterThan(0);
  expect(i.check_name).toMatch(/^[a-z][a-z0-9-]*$/);
  expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(SEVERITIES).toContain(i.severity);
  expect(Array.isArray(i.categories)).toBe(true);
  for (const c of i.categories as unknown[]) expect(['Bug Risk', 'Clarity', 'Compatibility', 'Complexity', 'Duplication', 'Performance', 'Security', 'Style']).toContain(c);
  const location = i.location as { path: unknown; lines: { begin: unknown; end: unknown } };
  expect(Object.keys(location).sort()).toEqual(['lines', 'path']);
  expect(location.path).toBeTypeOf('string');
  expect(location.path).not.toMatch(/^\/|^[A-Za-z]:|\\|^\.\//);
  expect(Number.isInteger(location.lines.begin)).toBe(true);
  expect(Number.isInteger(location.lines.end)).toBe(true);
  expect(location.lines.begin as number).toBeGreaterThanOrEqual(1);
  expect(location.lines.end as number).toBeGreaterThanOrEqual(location.lines.begin as number);
}

describeGoldens('GitLab Code Quality', gitlabReporter, 'gitlab');

describe('GitLab Code Quality: registered', () => {
  it('as `gitlab`', async () => {
    expect((await getReporter('gitlab', { color: false })).name).toBe('gitlab');
  });
});

describe('GitLab Code Quality: shape', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}: a JSON array of well-formed issues, one per finding, fingerprints unique`, async () => {
      const input = await inputFor(fixtureDir(fixture), `fixtures/${fixture}`);
      const issues = JSON.parse(gitlabReporter.render(input)) as unknown[];
      expect(Array.isArray(issues)).toBe(true);
      expect(issues).toHaveLength(input.findings.length);
      issues.forEach(expectCodeQualityIssue);
      const prints = issues.map((i) => (i as { fingerprint: string }).fingerprint);
      expect(new Set(prints).size).toBe(prints.length);
    });
  }

  it('maps each finding: rule, message, severity, repository path and lines', async () => {
    const input = await inputFor(fixtureDir('lms-backend'), 'fixtures/lms-backend');
    const issues = codeQualityIssues(input);
    issues.forEach((issue, i) => {
      const f = input.findings[i]!;
      expect(issue.check_name).toBe(f.rule);
      expect(issue.description).toBe(f.message);
      expect(issue.severity).toBe(GITLAB_SEVERITY[f.severity]);
      expect(issue.location.path).toBe(`fixtures/lms-backend/${f.file}`);
      expect(issue.location.lines.begin).toBe(f.line);
      expect(issue.location.lines.end).toBe(f.endLine ?? f.line);
    });
  });

  it('severity: error is critical, warning major, info info', () => {
    expect(GITLAB_SEVERITY).toEqual({ error: 'critical', warning: 'major', info: 'info' });
    const issues = codeQualityIssues(inputWith([finding({}), finding({ severity: 'warning', line: 4 }), finding({ severity: 'info', line: 5 })]));
    expect(issues.map((i) => i.severity)).toEqual(['critical', 'major', 'info']);
  });

  it('an empty project is an empty array', () => {
    expect(gitlabReporter.render(inputWith([]))).toBe('[]\n');
  });

  it('shares the SARIF fingerprint, and keeps it when lines are added above', async () => {
    const input = inputWith([finding({}), finding({ rule: 'parse-error', messageId: undefined, target: undefined, line: 8 })], 'backend');
    const sarif = (sarifLog(input).runs as { results: { partialFingerprints: Record<string, string> }[] }[])[0]!.results;
    expect(codeQualityIssues(input).map((i) => i.fingerprint)).toEqual(sarif.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));

    const up = "    await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);";
    const down = "    await queryInterface.removeColumn('users', 'bio');";
    const before = codeQualityIssues(await inputFor(projectWith({ '001-a.js': migration(up, down) }), 'app'));
    const after = codeQualityIssues(await inputFor(projectWith({ '001-a.js': `// added\n// lines\n\n${migration(up, down)}` }), 'app'));
    expect(before.length).toBeGreaterThan(0);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(after.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 3));
  });
});
