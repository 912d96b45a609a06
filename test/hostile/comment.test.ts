import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { commentMarker } from '../../src/github/sticky-comment';
import { startFakeGitHub, type FakeGitHub } from '../comment/fake-github';
import { noStackTrace, unsafeProject } from './support';

const TOKEN = 'ghp_hostileTestTokenNeverPrinted0123456';
const REPO_NAME = 'acme/shop';
const PR = 7;

const servers: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function github(user?: string): Promise<FakeGitHub> {
  const fake = await startFakeGitHub({ token: TOKEN, repo: REPO_NAME, pulls: [PR], ...(user ? { user } : {}) });
  servers.push(fake);
  return fake;
}

/** `migralint comment .` from inside a project with one unsafe migration, against `api` (`config`: the configuration options). */
async function comment(api: FakeGitHub, dir = unsafeProject(), config = ['--no-config']) {
  const eventPath = path.join(dir, '.git', 'event.json');
  writeFileSync(eventPath, JSON.stringify({ number: PR, pull_request: { number: PR } }));
  const env = { GITHUB_API_URL: api.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: REPO_NAME, GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'pull_request' };
  let stdout = '';
  let stderr = '';
  const code = await main(['comment', '.', ...config], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env, cwd: dir });
  expect(noStackTrace(stderr)).toBe(true);
  expect(`${stdout}${stderr}`).not.toContain(TOKEN);
  return { code, stdout, stderr, dir };
}

const MARKER = commentMarker('.');

describe('comment: the sticky comment is ours only if the token wrote it', () => {
  it('with GITHUB_TOKEN, a marker planted by someone else is never edited: migralint posts and then updates its own', async () => {
    const fake = await github();
    const planted = fake.seed(PR, `${MARKER}\n**Verdict: ✅ SAFE.**`, 'mallory');
    const first = await comment(fake);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created comment');
    expect(planted.body).toBe(`${MARKER}\n**Verdict: ✅ SAFE.**`);
    const ours = fake.comments(PR)[1]!;
    expect(ours.user.login).toBe('github-actions[bot]');
    expect(ours.body).toContain('no-destructive-down');

    // A later run (different body) edits its own comment, still not the older planted one.
    ours.body = `${MARKER}\nstale`;
    fake.requests.length = 0;
    const second = await comment(fake, first.dir);
    expect(second.stdout).toContain('updated comment');
    expect(fake.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual([
      `GET /repos/acme/shop/issues/${PR}/comments`,
      'GET /user',
      `PATCH /repos/acme/shop/issues/comments/${ours.id}`,
    ]);
    expect(planted.body).toBe(`${MARKER}\n**Verdict: ✅ SAFE.**`);
    expect(fake.comments(PR)).toHaveLength(2);
  });

  it('with a personal token, the comment is the one its user (GET /user, any letter case) wrote', async () => {
    const fake = await github('Alice');
    fake.seed(PR, `${MARKER}\nby the bot`, 'github-actions[bot]');
    const alices = fake.seed(PR, `${MARKER}\nby alice`, 'alice');
    const r = await comment(fake);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('updated comment');
    expect(alices.body).toContain('no-destructive-down');
    expect(fake.comments(PR)[0]!.body).toBe(`${MARKER}\nby the bot`);
  });
});

describe('comment: the configuration’s limits', () => {
  it('apply when the configuration also names the database config (the plan’s workspace is not the analysis’)', async () => {
    const fake = await github();
    const dir = unsafeProject({
      'migralint.config.json': JSON.stringify({ config: 'config/config.json', limits: { maxFileBytes: 100 } }),
      'config/config.json': JSON.stringify({ production: { dialect: 'postgres' } }),
    });
    const r = await comment(fake, dir, []);
    expect(r.code).toBe(0);
    expect(fake.comments(PR)[0]!.body).toContain('over the 100 bytes limit');
  });
});

describe('comment: redirects', () => {
  it('never follows a redirect to another origin: the body and the token never reach it', async () => {
    const fake = await github();
    const elsewhere = await github();
    fake.redirectTo(elsewhere.url);
    const r = await comment(fake);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: GitHub API: refusing to follow a redirect outside ${fake.url}/\n`);
    expect(elsewhere.requests).toEqual([]);
    expect(fake.requests.map((q) => q.method)).toEqual(['GET']);
  });

  it('a redirected POST is not sent again to the other origin: the comment body stays here', async () => {
    const fake = await github();
    const elsewhere = await github();
    fake.redirectTo(elsewhere.url, 'POST');
    const r = await comment(fake);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: GitHub API: refusing to follow a redirect outside ${fake.url}/\n`);
    expect(fake.requests.map((q) => q.method)).toEqual(['GET', 'POST']);
    expect(elsewhere.requests).toEqual([]);
    expect(elsewhere.comments(PR)).toEqual([]);
  });

  it('follows a redirect within the API a few times, then gives up with one line', async () => {
    const fake = await github();
    fake.redirectTo(fake.url);
    const r = await comment(fake);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migralint: GitHub API GET \/repos\/acme\/shop\/issues\/7\/comments: more than 3 redirects\n$/);
    expect(fake.requests).toHaveLength(4);
  });
});
