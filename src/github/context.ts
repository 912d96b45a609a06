import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_API_URL, type IssueRef } from './client';

/** Where to post: the API, the token and the pull request. */
export interface PullRequestContext {
  apiUrl: string;
  token: string;
  target: IssueRef;
}

/** What the command line gave; each falls back to the environment GitHub Actions sets. */
export interface ContextFlags {
  pr?: string | undefined;
  repo?: string | undefined;
  token?: string | undefined;
  apiUrl?: string | undefined;
}

/** A missing or invalid setting: the command says it on one line and exits 2. */
export class GitHubContextError extends Error {
  override name = 'GitHubContextError';
}

/**
 * Resolves the pull request to comment on:
 * - token: `--token`, else `GITHUB_TOKEN`;
 * - repository: `--repo owner/name`, else `GITHUB_REPOSITORY`;
 * - pull request: `--pr N`, else `pull_request.number` in the event payload at `GITHUB_EVENT_PATH`;
 * - API: `--api-url`, else `GITHUB_API_URL`, else https://api.github.com.
 * Every missing setting is named in one message.
 */
export function resolvePullRequestContext(flags: ContextFlags, env: NodeJS.ProcessEnv, cwd: string): PullRequestContext {
  const apiUrl = checkApiUrl(nonEmpty(flags.apiUrl) ?? nonEmpty(env.GITHUB_API_URL) ?? DEFAULT_API_URL);
  const token = nonEmpty(flags.token) ?? nonEmpty(env.GITHUB_TOKEN);
  const repoText = nonEmpty(flags.repo) ?? nonEmpty(env.GITHUB_REPOSITORY);
  const repo = repoText === undefined ? undefined : parseRepo(repoText, flags.repo !== undefined ? '--repo' : 'GITHUB_REPOSITORY');
  const pr = flags.pr !== undefined ? parsePr(flags.pr) : prFromEvent(env.GITHUB_EVENT_PATH, cwd);
  const missing = [
    token === undefined ? 'a token (GITHUB_TOKEN or --token)' : '',
    repo === undefined ? 'the repository (GITHUB_REPOSITORY or --repo owner/name)' : '',
    pr === undefined ? 'the pull request number (--pr N, or a pull_request event at GITHUB_EVENT_PATH)' : '',
  ].filter(Boolean);
  if (missing.length > 0) throw new GitHubContextError(`cannot comment: missing ${missing.join(', ')}`);
  return { apiUrl, token: token!, target: { ...repo!, number: pr! } };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** https only, except on the loopback interface (a local fake or proxy): the token must not travel in clear. */
export function checkApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GitHubContextError(`invalid GitHub API URL '${raw}'`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new GitHubContextError(`the GitHub API URL must use https (plain http only on localhost): ${url.origin}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new GitHubContextError('the GitHub API URL must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

function parseRepo(text: string, source: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  if (!m) throw new GitHubContextError(`${source} must be owner/name, got '${text}'`);
  return { owner: m[1]!, repo: m[2]! };
}

function parsePr(text: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(text.trim())) throw new GitHubContextError(`--pr must be a pull request number, got '${text}'`);
  return Number(text.trim());
}

/** `pull_request.number` (pull_request, pull_request_target events), or the number of an issue that is a pull request (issue_comment). */
function prFromEvent(eventPath: string | undefined, cwd: string): number | undefined {
  if (eventPath === undefined || eventPath === '') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path.resolve(cwd, eventPath), 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new GitHubContextError(`cannot read the event payload at GITHUB_EVENT_PATH (${reason})`);
  }
  const event = payload as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown } } | null;
  const candidates = [event?.pull_request?.number, event?.issue?.pull_request ? event.issue.number : undefined];
  const found = candidates.find((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0);
  return found;
}

/**
 * Where the report's `file:line` links point in GitHub Actions: the blob of
 * the pull request's head commit (`pull_request.head.sha` in the event
 * payload), else of `GITHUB_SHA`, under the project's path in the repository.
 * Null outside GitHub Actions or without a well-formed server, repository and
 * commit.
 */
export function githubBlobBase(env: NodeJS.ProcessEnv, cwd: string, projectPathInRepo: string): string | null {
  const server = nonEmpty(env.GITHUB_SERVER_URL);
  const repo = nonEmpty(env.GITHUB_REPOSITORY);
  if (!server || !repo || !/^https?:\/\/[^\s/]+/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return null;
  let sha = nonEmpty(env.GITHUB_SHA);
  const eventPath = nonEmpty(env.GITHUB_EVENT_PATH);
  if (eventPath !== undefined) {
    try {
      const head = (JSON.parse(readFileSync(path.resolve(cwd, eventPath), 'utf8')) as { pull_request?: { head?: { sha?: unknown } } } | null)?.pull_request?.head?.sha;
      if (typeof head === 'string') sha = head;
    } catch {
      // No readable payload: GITHUB_SHA it is.
    }
  }
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return null;
  const prefix = projectPathInRepo === '' || projectPathInRepo === '.' ? '' : `${projectPathInRepo.replace(/\/+$/, '')}/`;
  return `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}/${prefix}`;
}
