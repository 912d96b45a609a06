/**
 * A small GitHub REST client: the three issue-comment endpoints migralint
 * needs and the token's identity, over the global fetch. The token goes in the
 * Authorization header only, never in a URL or a message, and only to the
 * configured API origin: pagination links and redirects to another host are
 * refused (a redirect would carry the comment's body there).
 */

export const DEFAULT_API_URL = 'https://api.github.com';
/** Who `GITHUB_TOKEN` acts as: its comments are this bot's, and it cannot read `GET /user`. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';
/** Redirects followed at most (within the API root) before giving up. */
const MAX_REDIRECTS = 3;

/** An issue (or pull request) comment, as far as migralint reads it. */
export interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string; type?: string } | null;
}

/** The issue or pull request a comment belongs to. */
export interface IssueRef {
  owner: string;
  repo: string;
  /** Pull requests are issues for the comments API. */
  number: number;
}

export interface GitHubClientOptions {
  /** API root: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  token: string;
  userAgent: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Comments fetched per page (GitHub caps it at 100). */
  perPage?: number;
  /** Pages followed at most when listing (a guard against a link loop). */
  maxPages?: number;
}

/** A failed call: the HTTP status (null when the API could not be reached) and a one-line message without the token. */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export class GitHubClient {
  private readonly base: URL;
  private readonly options: Required<Omit<GitHubClientOptions, 'apiUrl'>>;

  constructor(options: GitHubClientOptions) {
    this.base = new URL(options.apiUrl.replace(/\/+$/, '') + '/');
    this.options = {
      token: options.token,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs ?? 30_000,
      perPage: options.perPage ?? 100,
      maxPages: options.maxPages ?? 100,
    };
  }

  /** The comments of an issue or pull request, one page at a time, oldest first; stop iterating to stop fetching. */
  async *issueCommentPages(issue: IssueRef): AsyncGenerator<IssueComment[]> {
    let url: URL | null = this.url(`${repoPath(issue)}/issues/${issue.number}/comments`);
    url.searchParams.set('per_page', String(this.options.perPage));
    for (let page = 0; url !== null; page++) {
      if (page >= this.options.maxPages) {
        throw new GitHubApiError(`GitHub API: more than ${this.options.maxPages} pages of comments; stopped following pagination`, null);
      }
      const { data, headers } = await this.request<IssueComment[]>('GET', url);
      if (!Array.isArray(data)) throw new GitHubApiError(`GitHub API GET ${url.pathname}: expected a list of comments`, null);
      yield data;
      const next = nextLink(headers.get('link'));
      url = next === null ? null : this.sameApi(next);
    }
  }

  async createIssueComment(issue: IssueRef, body: string): Promise<IssueComment> {
    const { data } = await this.request<IssueComment>('POST', this.url(`${repoPath(issue)}/issues/${issue.number}/comments`), { body });
    return data;
  }

  async updateIssueComment(issue: Omit<IssueRef, 'number'>, id: number, body: string): Promise<IssueComment> {
    const { data } = await this.request<IssueComment>('PATCH', this.url(`${repoPath(issue)}/issues/comments/${id}`), { body });
    return data;
  }

  /**
   * The login the token acts as (`GET /user`). An installation token, such as
   * the workflow's `GITHUB_TOKEN`, cannot read that endpoint (403): it acts as
   * `github-actions[bot]`.
   */
  async login(): Promise<string> {
    try {
      const { data } = await this.request<{ login?: unknown } | null>('GET', this.url('user'));
      if (typeof data?.login === 'string' && data.login !== '') return data.login;
      throw new GitHubApiError('GitHub API GET /user: the response names no login', null);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 403) return GITHUB_ACTIONS_LOGIN;
      throw error;
    }
  }

  /** An endpoint under the API root (which may carry a path, as on GitHub Enterprise Server). */
  private url(endpoint: string): URL {
    return new URL(endpoint.replace(/^\//, ''), this.base);
  }

  /** A link from a response, accepted only under the API root: the token and bodies never leave for another host. */
  private sameApi(link: string, kind = 'pagination link', from: URL = this.base): URL {
    let url: URL;
    try {
      url = new URL(link, from);
    } catch {
      throw new GitHubApiError(`GitHub API: invalid ${kind}`, null);
    }
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new GitHubApiError(`GitHub API: refusing to follow a ${kind} outside ${this.base.origin}${this.base.pathname}`, null);
    }
    return url;
  }

  private async request<T>(method: string, url: URL, body?: unknown): Promise<{ data: T; headers: Headers }> {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.options.token}`,
      'user-agent': this.options.userAgent,
      'x-github-api-version': '2022-11-28',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Redirects are followed here, not by fetch: only within the API root, with the same method and body.
    const init: RequestInit = { method, headers, redirect: 'manual' };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    for (let hops = 0; ; hops++) {
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
      } catch (error) {
        throw new GitHubApiError(`cannot reach the GitHub API at ${this.base.origin}: ${networkReason(error, this.options.timeoutMs)}`, null);
      }
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) break;
      await response.body?.cancel().catch(() => undefined);
      if (hops >= MAX_REDIRECTS) throw new GitHubApiError(`GitHub API ${method} ${url.pathname}: more than ${MAX_REDIRECTS} redirects`, response.status);
      url = this.sameApi(location, 'redirect', url);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      throw new GitHubApiError(`GitHub API ${method} ${url.pathname} failed: ${describeFailure(response, text)}`, response.status);
    }
    try {
      return { data: (text === '' ? null : JSON.parse(text)) as T, headers: response.headers };
    } catch {
      throw new GitHubApiError(`GitHub API ${method} ${url.pathname}: the response is not JSON (HTTP ${response.status})`, response.status);
    }
  }
}

function repoPath(issue: Omit<IssueRef, 'number'>): string {
  return `repos/${encodeURIComponent(issue.owner)}/${encodeURIComponent(issue.repo)}`;
}

/** The `rel="next"` target of an RFC 8288 Link header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '');
    if (rel && rel[1]!.trim().split(/\s+/).includes('next')) return match[1]!;
  }
  return null;
}

/** `401 Unauthorized: Bad credentials (check the token)`: GitHub's own message when it gives one, and a hint. */
function describeFailure(response: Response, text: string): string {
  let apiMessage = '';
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') apiMessage = parsed.message;
  } catch {
    // not JSON: status alone
  }
  apiMessage = apiMessage.replace(/\s+/g, ' ').trim().slice(0, 200);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return `${status}${apiMessage ? `: ${apiMessage}` : ''}${hint(response)}`;
}

function hint(response: Response): string {
  switch (response.status) {
    case 401:
      return ' (check the token)';
    case 403:
      if (response.headers.get('x-ratelimit-remaining') === '0') return ' (rate limit exceeded)';
      return ' (the token needs pull-requests: write; on pull requests from forks GITHUB_TOKEN is read-only)';
    case 404:
      return ' (check the repository and pull request number, and that the token can see the repository)';
    default:
      return '';
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer after ${Math.round(timeoutMs / 1000)} s`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
