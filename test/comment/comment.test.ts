import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { REPO } from '../helpers/extract';
import { analyzeProject } from '../../src/project';
import { getReporter } from '../../src/reporters/registry';
import { buildCommentBody, GITHUB_COMMENT_LIMIT } from '../../src/github/report-comment';
import { commentMarker, hasMarker } from '../../src/github/sticky-comment';
import { nextLink } from '../../src/github/client';
import { BODY_LIMIT, startFakeGitHub, type FakeGitHub } from './fake-github';

const TOKEN = 'ghs_fakeTokenThatMustNeverBePrinted0123';
const REPO_NAME = 'acme/shop';
const PR = 7;
const LMS = path.join(REPO, 'fixtures', 'lms-backend');

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-${prefix}-`));
  tmpDirs.push(d);
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A workspace as on a runner: the project copied in, and the event payload of a pull_request event. */
function workspace(event: unknown = { action: 'synchronize', number: PR, pull_request: { number: PR } }): { cwd: string; eventPath: string } {
  const cwd = tmp('ws');
  cpSync(LMS, path.join(cwd, 'app'), { recursive: true });
  const eventPath = path.join(tmp('event'), 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  return { cwd, eventPath };
}

/** Runs `migralint` in-process with only the environment given (never the test runner's own GITHUB_* variables). */
async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env, cwd });
  return { code, stdout, stderr };
}

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub({ token: TOKEN, repo: REPO_NAME, pulls: [PR], maxPerPage: 3 });
});
afterEach(async () => {
  await fake.close();
});

function actionsEnv(eventPath: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: REPO_NAME,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    ...extra,
  };
}

function expectNoToken(...outputs: string[]) {
  for (const o of outputs) expect(o).not.toContain(TOKEN);
}

describe('migralint comment against a fake GitHub API', () => {
  it('creates the comment, updates the same one on a later push, and leaves it alone when nothing changed', async () => {
    const { cwd, eventPath } = workspace();
    const env = actionsEnv(eventPath, { GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '42' });

    const first = await run(['comment', 'app'], cwd, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^migralint: created comment: https:\/\/github\.example\/acme\/shop\/pull\/7#issuecomment-\d+\n$/);
    expect(fake.comments(PR)).toHaveLength(1);
    const [comment] = fake.comments(PR);
    const firstBody = comment!.body;
    expect(firstBody.split('\n')[0]).toBe('<!-- migralint:report dir=app -->');
    expect(firstBody).toContain('# Migration safety report: app');
    expect(firstBody).toContain('**Verdict: ❌ UNSAFE.**');
    expect(firstBody).not.toContain('20250101000000-later-push.js');
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST']);

    // A later push adds a migration: the same comment is edited, no second one appears.
    writeFileSync(
      path.join(cwd, 'app', 'migrations', '20250101000000-later-push.js'),
      `module.exports = {\n  up: async (qi) => { await qi.dropTable('legacy_sessions'); },\n  down: async () => {},\n};\n`,
    );
    fake.requests.length = 0;
    const second = await run(['comment', 'app'], cwd, env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('updated comment');
    // The marker is found: whose comment it is decides (GITHUB_TOKEN: GET /user is refused, it is github-actions[bot]).
    expect(fake.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual([
      `GET /repos/acme/shop/issues/${PR}/comments`,
      'GET /user',
      `PATCH /repos/acme/shop/issues/comments/${comment!.id}`,
    ]);
    expect(fake.comments(PR)).toHaveLength(1);
    expect(fake.comments(PR)[0]!.id).toBe(comment!.id);
    expect(fake.comments(PR)[0]!.body).toContain('20250101000000-later-push.js');
    expect(fake.comments(PR)[0]!.body).not.toBe(firstBody);

    // Same sources again: no write at all.
    fake.requests.length = 0;
    const third = await run(['comment', 'app'], cwd, env);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('comment unchanged');
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'GET']);

    expectNoToken(first.stdout, first.stderr, second.stdout, second.stderr, third.stdout, third.stderr);
    // Every call authenticated, named itself, and asked for big pages.
    for (const r of fake.requests) {
      expect(r.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.userAgent).toMatch(/^migralint\//);
    }
    expect(fake.requests[0]!.url).toContain('per_page=100');
  });

  it('finds its comment on a later page (Link pagination) and ignores comments of other projects', async () => {
    const { cwd, eventPath } = workspace();
    // 3 per page: page 1 holds other people's comments and the comment of another project of the monorepo.
    fake.seed(PR, 'LGTM');
    fake.seed(PR, `${commentMarker('packages/other')}\n# Migration safety report: other`, 'github-actions[bot]');
    fake.seed(PR, 'mentions <!-- migralint:report dir=app --> but not on its first line');
    fake.seed(PR, 'nit: naming');
    const ours = fake.seed(PR, `${commentMarker('app')}\nan older report`, 'github-actions[bot]');
    fake.seed(PR, 'thanks');
    fake.seed(PR, 'page three');

    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('updated comment');
    const calls = fake.requests.map((q) => `${q.method} ${q.url}`);
    expect(calls).toEqual([
      `GET /repos/acme/shop/issues/${PR}/comments?per_page=100`,
      `GET /repos/acme/shop/issues/${PR}/comments?per_page=3&page=2`,
      `GET /user`,
      `PATCH /repos/acme/shop/issues/comments/${ours.id}`,
    ]);
    expect(fake.comments(PR)).toHaveLength(7);
    expect(fake.comments(PR)[1]!.body).toContain('report: other');
    expect(ours.body).toContain('# Migration safety report: app');
  });

  it('refuses to follow a pagination link to another host', async () => {
    await fake.close();
    fake = await startFakeGitHub({ token: TOKEN, repo: REPO_NAME, pulls: [PR], maxPerPage: 1, linkOrigin: 'http://127.0.0.2:9' });
    fake.seed(PR, 'one');
    fake.seed(PR, 'two');
    const { cwd, eventPath } = workspace();
    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: GitHub API: refusing to follow a pagination link outside ${fake.url}/\n`);
    expect(fake.requests).toHaveLength(1);
  });

  it('posts one comment per project directory in a monorepo', async () => {
    const { cwd, eventPath } = workspace();
    cpSync(LMS, path.join(cwd, 'packages', 'billing'), { recursive: true });
    const env = actionsEnv(eventPath);
    expect((await run(['comment', 'app'], cwd, env)).code).toBe(0);
    expect((await run(['comment', 'packages/billing'], cwd, env)).code).toBe(0);
    expect((await run(['comment', './app/'], cwd, env)).stdout).toContain('comment unchanged');
    expect(fake.comments(PR).map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- migralint:report dir=app -->',
      '<!-- migralint:report dir=packages/billing -->',
    ]);
  });

  it('posts a per-file summary when the report is over the 65,536-character limit', async () => {
    const cwd = tmp('big');
    mkdirSync(path.join(cwd, 'migrations'));
    for (let i = 1; i <= 150; i++) {
      const n = String(i).padStart(3, '0');
      writeFileSync(
        path.join(cwd, 'migrations', `${n}-add-notes-${n}.js`),
        `module.exports = {\n  up: async (qi, S) => { await qi.addColumn('t${n}', 'notes', { type: S.TEXT }); },\n  down: async (qi) => { await qi.removeColumn('t${n}', 'notes'); },\n};\n`,
      );
    }
    const eventPath = path.join(cwd, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: PR } }));
    const env = actionsEnv(eventPath, { GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '99' });

    const full = await run(['report', '.'], cwd, env);
    expect(full.stdout.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);

    const r = await run(['comment'], cwd, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created comment (report over the size limit: per-file summary posted)');
    const body = fake.comments(PR)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.split('\n')[0]).toBe('<!-- migralint:report dir=. -->');
    expect(body).toContain('(summary)');
    // Each down removes only the column its up adds: a reversal, info, so no errors but 150 findings.
    expect(body).toContain('**Verdict: ✅ SAFE.** **150** migrations · **0** errors · **0** warnings · **150** infos');
    expect(body).toContain('[job summary](https://github.example/acme/shop/actions/runs/99)');
    expect(body).toContain('| File | Errors | Warnings | Top finding |');
    expect(body).toMatch(/\| `migrations\/001-add-notes-001\.js` \| 0 \| 0 \| line 3 `no-destructive-down`: Rolling back drops `t001\.notes`, which this migration’s `up` adds: /);
    expect(body.match(/^\| `migrations\//gm)).toHaveLength(150);
  });

  it('fails with exit 2 and the HTTP status on a bad token, without printing the token', async () => {
    const { cwd, eventPath } = workspace();
    const wrong = 'ghp_wrongTokenAlsoSecret9876';
    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath, { GITHUB_TOKEN: wrong }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`migralint: GitHub API GET /repos/acme/shop/issues/${PR}/comments failed: 401 Unauthorized: Bad credentials (check the token)\n`);
    expect(r.stderr).not.toContain(wrong);
    expect(fake.comments(PR)).toHaveLength(0);

    // The same through --token: the flag wins over the environment.
    const viaFlag = await run(['comment', 'app', '--token', wrong], cwd, actionsEnv(eventPath));
    expect(viaFlag.code).toBe(2);
    expect(viaFlag.stderr).toContain('401');
    expect(viaFlag.stderr).not.toContain(wrong);
    expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${wrong}`);
  });

  it('reports 403 (read-only token on a fork) and 404 (unknown pull request) with a hint', async () => {
    const { cwd, eventPath } = workspace();
    fake.failWith({ status: 403, message: 'Resource not accessible by integration' });
    const forbidden = await run(['comment', 'app'], cwd, actionsEnv(eventPath));
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toMatch(/^migralint: GitHub API GET \S+ failed: 403 Forbidden: Resource not accessible by integration \(the token needs pull-requests: write; .*fork.*\)\n$/);
    fake.failWith(null);

    const missing = await run(['comment', 'app', '--pr', '8'], cwd, actionsEnv(eventPath));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/404 Not Found: Not Found \(check the repository and pull request number/);
    expectNoToken(forbidden.stderr, missing.stderr);
  });

  it('fails with exit 2 when there is no pull request, token or repository, before any request', async () => {
    const { cwd, eventPath } = workspace({ ref: 'refs/heads/main', head_commit: { id: 'abc' } });
    const push = await run(['comment', 'app'], cwd, actionsEnv(eventPath));
    expect(push.code).toBe(2);
    expect(push.stderr).toBe(
      'migralint: cannot comment: missing the pull request number (--pr N, or a pull_request event at GITHUB_EVENT_PATH)\n',
    );

    const bare = await run(['comment', 'app'], cwd, {});
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      'migralint: cannot comment: missing a token (GITHUB_TOKEN or --token), the repository (GITHUB_REPOSITORY or --repo owner/name), the pull request number (--pr N, or a pull_request event at GITHUB_EVENT_PATH)\n',
    );

    const badRepo = await run(['comment', 'app', '--repo', 'no-slash', '--pr', '7', '--token', TOKEN], cwd, {});
    expect(badRepo.code).toBe(2);
    expect(badRepo.stderr).toBe(`migralint: --repo must be owner/name, got 'no-slash'\n`);

    const badPr = await run(['comment', 'app', '--pr', '7a'], cwd, actionsEnv(eventPath));
    expect(badPr.code).toBe(2);
    expect(badPr.stderr).toContain(`--pr must be a pull request number, got '7a'`);

    const noEventFile = await run(['comment', 'app'], cwd, actionsEnv(path.join(cwd, 'nope.json')));
    expect(noEventFile.code).toBe(2);
    expect(noEventFile.stderr).toBe('migralint: cannot read the event payload at GITHUB_EVENT_PATH (ENOENT)\n');

    expect(fake.requests).toHaveLength(0);
    expectNoToken(push.stderr, bare.stderr, badRepo.stderr, badPr.stderr);
  });

  it('takes --pr, --repo, --token and --api-url instead of the environment', async () => {
    const { cwd } = workspace();
    const r = await run(['comment', 'app', '--pr', String(PR), '--repo', REPO_NAME, '--token', TOKEN, '--api-url', `${fake.url}/`], cwd, {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.comments(PR)).toHaveLength(1);
    expectNoToken(r.stdout);
  });

  it('takes the pull request of an issue_comment event on a pull request', async () => {
    const { cwd, eventPath } = workspace({ issue: { number: PR, pull_request: { url: 'x' } }, comment: { body: '/migralint' } });
    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath));
    expect(r.code).toBe(0);
    expect(fake.comments(PR)).toHaveLength(1);
  });

  it('refuses plain http to a non-local API (the token would travel in clear)', async () => {
    const { cwd, eventPath } = workspace();
    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath, { GITHUB_API_URL: 'http://github.internal.example/api/v3' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('migralint: the GitHub API URL must use https (plain http only on localhost): http://github.internal.example\n');
  });

  it('exits 2 with the reason when the API cannot be reached', async () => {
    const { cwd, eventPath } = workspace();
    const url = fake.url;
    await fake.close();
    fake = await startFakeGitHub({ token: TOKEN, repo: REPO_NAME, pulls: [PR] });
    const r = await run(['comment', 'app'], cwd, actionsEnv(eventPath, { GITHUB_API_URL: url }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: cannot reach the GitHub API at ${url}: ECONNREFUSED\n`);
  });

  it('--dry-run prints the body and touches no API, with no token needed', async () => {
    const { cwd } = workspace();
    const r = await run(['comment', 'app', '--dry-run'], cwd, {});
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('<!-- migralint:report dir=app -->\n# Migration safety report: app')).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('applies the same configuration file as report (a rule turned off there is not in the comment)', async () => {
    const { cwd } = workspace();
    const before = await run(['comment', 'app', '--dry-run'], cwd, {});
    expect(before.stdout).toContain('no-destructive-down');
    writeFileSync(path.join(cwd, 'app', 'migralint.config.json'), '{ "rules": { "no-destructive-down": "off" } }\n');
    const after = await run(['comment', 'app', '--dry-run'], cwd, {});
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain('no-destructive-down');
    const ignored = await run(['comment', 'app', '--dry-run', '--no-config'], cwd, {});
    expect(ignored.stdout).toContain('no-destructive-down');
  });

  it('never fails on findings, and is listed in --help', async () => {
    const { cwd, eventPath } = workspace();
    const report = await run(['report', 'app', '--format', 'json'], cwd, {});
    expect(report.code).toBe(1);
    expect((await run(['comment', 'app'], cwd, actionsEnv(eventPath))).code).toBe(0);
    const help = await run(['--help'], cwd, {});
    expect(help.stdout).toMatch(/migralint comment +Post the report as a pull request comment/);
    const own = await run(['comment', '--help'], cwd, {});
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('Usage: migralint comment [dir] [options]');
    const extra = await run(['comment', 'a', 'b'], cwd, {});
    expect(extra.code).toBe(2);
  });
});

describe('comment body', () => {
  it('keeps the most severe files first and counts the rows left out when even the summary is too big', async () => {
    const { project, findings } = await analyzeProject(LMS);
    const tool = { name: 'migralint', version: '9.9.9' };
    const report = (await getReporter('markdown', { color: false })).render({ project, findings, tool });
    const marker = commentMarker('.');
    const fits = buildCommentBody({ marker, report, project, findings, tool });
    expect(fits).toEqual({ body: `${marker}\n${report}`, compact: false });

    const compact = buildCommentBody({ marker, report, project, findings, tool, limit: 1500, runUrl: null });
    expect(compact.compact).toBe(true);
    expect(compact.body.length).toBeLessThanOrEqual(1500);
    expect(compact.body).toContain('It is in the job summary of this workflow run');
    // A blank line before the table, or it would continue the quote.
    expect(compact.body).toContain('one row per file.\n\n| File | Errors | Warnings | Top finding |\n');
    const rows = compact.body.match(/^\| `.*$/gm) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    // Errors first: the file with an error leads, then the one with a warning (031's downs only reverse what its up
    // adds: info reversals; the test environment's password, on a local host, is info), its top finding the warning.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]).toMatch(/^\| `models\/User\.js` \| 1 \| 0 \| line 89 `no-model-drift`: /);
    expect(rows[1]).toMatch(/^\| `config\/database\.js` \| 0 \| 1 \| line 45 `no-insecure-db-config`: /);
    expect(rows.slice(2).every((row) => /^\| `[^`]+` \| 0 \| /.test(row))).toBe(true);
    const files = new Set(findings.map((f) => f.file)).size;
    expect(compact.body).toContain(`… and ${files - rows.length} more files with findings, left out to fit the limit.`);
    expect(compact.body.trimEnd().endsWith('no migration or project code was run._')).toBe(true);
  });

  it('escapes the marker directory and matches the marker on the first line only', () => {
    expect(commentMarker('packages/api')).toBe('<!-- migralint:report dir=packages/api -->');
    expect(commentMarker('we ird-->dir')).toBe('<!-- migralint:report dir=we%20ird--%3Edir -->');
    expect(commentMarker('')).toBe('<!-- migralint:report dir=. -->');
    const marker = commentMarker('.');
    expect(hasMarker({ id: 1, body: `${marker}\r\nbody` }, marker)).toBe(true);
    expect(hasMarker({ id: 1, body: `quote:\n${marker}` }, marker)).toBe(false);
    expect(hasMarker({ id: 1, body: null }, marker)).toBe(false);
  });

  it('reads the next page from a Link header', () => {
    expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe('https://api.github.com/x?page=2');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
