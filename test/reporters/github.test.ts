/**
 * The GitHub Actions reporter: workflow-command annotations and the job
 * summary. Goldens: test/golden/<fixture>.github; the job summary is the
 * Markdown report, held by test/golden/<fixture>.md (see ci-support.ts to
 * regenerate).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty, githubReporter, githubStepSummary, STEP_SUMMARY_LIMIT_BYTES } from '../../src/reporters/github';
import { FORMATS, getReporter } from '../../src/reporters/registry';
import { cleanup, describeGoldens, finding, FIXTURES, fixtureDir, GOLDEN_DIR, inputFor, inputWith } from './ci-support';

afterAll(cleanup);

/** GitHub's parser for one workflow command line: `::name k=v,k=v::message`, unescaped. */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

describeGoldens('GitHub annotations', githubReporter, 'github');

describe('GitHub annotations: registered', () => {
  it('as `github`', async () => {
    expect(FORMATS[0]).toBe('markdown');
    expect((await getReporter('github', { color: true })).name).toBe('github');
  });
});

describe('GitHub annotations: one command per finding, then the summary line', () => {
  it('lms-backend: every finding becomes an annotation on its repository path, line and rule', async () => {
    const input = await inputFor(fixtureDir('lms-backend'), 'fixtures/lms-backend');
    const lines = githubReporter.render(input).split('\n');
    expect(lines.pop()).toBe('');
    const summary = lines.pop()!;
    expect(summary).toMatch(/^migralint: \d+ migrations analyzed: \d+ errors?, \d+ warnings?, \d+ infos?\. Verdict: (safe|review|unsafe)\.$/);
    expect(lines).toHaveLength(input.findings.length);
    lines.forEach((line, i) => {
      const f = input.findings[i]!;
      const c = parseCommand(line);
      expect(c.command).toBe({ error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      expect(c.props.file).toBe(`fixtures/lms-backend/${f.file}`);
      expect(c.props.line).toBe(String(f.line));
      expect(c.props.title).toBe(f.rule);
      expect(c.message.split('\n')[0]).toBe(f.message);
      expect(c.message).toContain('How to fix: ');
    });
  });

  it('columns only on a one-line range; endLine on a multi-line one', () => {
    expect(annotation(finding({ line: 3, column: 5, endLine: 3, endColumn: 20 }))).toMatch(/^::error file=migrations\/001-a\.js,line=3,col=5,endColumn=20,title=no-destructive-down::/);
    expect(annotation(finding({ line: 3, column: 5, endLine: 6, endColumn: 2 }))).toMatch(/^::error file=migrations\/001-a\.js,line=3,endLine=6,title=no-destructive-down::/);
    expect(annotation(finding({ line: 3, column: 5, endLine: undefined, endColumn: undefined }))).toMatch(/^::error file=migrations\/001-a\.js,line=3,col=5,title=/);
  });

  it('warning and info map to ::warning and ::notice; an engine finding has no docs link', () => {
    expect(annotation(finding({ severity: 'warning' }))).toMatch(/^::warning /);
    expect(annotation(finding({ severity: 'info' }))).toMatch(/^::notice /);
    const parse = parseCommand(annotation(finding({ rule: 'parse-error', message: 'x.js does not parse.' })));
    expect(parse.message).toBe('x.js does not parse.\nHow to fix: Fix the syntax error (`node --check <file>` shows it), then run migralint again.');
  });

  it('an empty project gives the summary line only; suppressed findings are counted there when any', () => {
    expect(githubReporter.render(inputWith([]))).toBe('migralint: 0 migrations analyzed: 0 errors, 0 warnings, 0 infos. Verdict: safe.\n');
    expect(githubReporter.render({ ...inputWith([]), suppressed: 2 })).toBe('migralint: 0 migrations analyzed: 0 errors, 0 warnings, 0 infos, 2 suppressed. Verdict: safe.\n');
  });
});

describe('GitHub annotations: workflow-command escaping', () => {
  it('escapes %, CR and LF in data; also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('a hostile path and message stay one command that GitHub reads back unchanged', () => {
    const f = finding({ file: 'migrations/001-a, b: c%.js', message: 'Line one,\r\nline two: 50% of `users`::error', rule: 'no-destructive-down' });
    const line = annotation(f, 'svc/');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(/\r/);
    const c = parseCommand(line);
    expect(c.props.file).toBe('svc/migrations/001-a, b: c%.js');
    expect(c.props.title).toBe('no-destructive-down');
    expect(c.message.startsWith('Line one,\r\nline two: 50% of `users`::error\nHow to fix: ')).toBe(true);
  });
});

describe('GitHub job summary', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}: is the Markdown report (test/golden/${fixture}.md)`, async () => {
      const input = await inputFor(fixtureDir(fixture), `fixtures/${fixture}`);
      expect(githubStepSummary(input)).toBe(readFileSync(path.join(GOLDEN_DIR, `${fixture}.md`), 'utf8'));
    });
  }

  it('is cut at a line boundary, with a note, before GitHub’s 1 MiB limit', () => {
    const many = Array.from({ length: 4000 }, (_, i) => finding({ line: i + 1, message: `Finding ${i}: ${'ä'.repeat(300)}` }));
    const md = githubStepSummary(inputWith(many));
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(md).toMatch(/_The report is longer than a job summary can hold \(1 MiB\) and was cut here: run `migralint report --format markdown` for the whole of it\._\n$/);
    expect(md.startsWith('# Migration safety report')).toBe(true);
  });
});
