import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the GitHub REST endpoints `migralint comment` uses, on
 * 127.0.0.1 and a free port: list an issue's comments (paginated with Link
 * headers, like GitHub), create one, update one, and `GET /user`. It checks
 * the Authorization header and the 65,536-character body limit, and records
 * every request.
 */

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  body: string;
}

export interface FakeGitHubOptions {
  token: string;
  /** owner/name of the only repository that exists. */
  repo: string;
  /** Pull requests (issues) that exist. */
  pulls: number[];
  /** Comments per page at most, whatever per_page asks (GitHub: 100). */
  maxPerPage?: number;
  /** Origin written in Link headers (default: the fake's own), to test that links elsewhere are refused. */
  linkOrigin?: string;
  /**
   * The login the token acts as (a personal token): `GET /user` answers it and the comments it posts are its.
   * Absent: the token is the workflow's `GITHUB_TOKEN`: `GET /user` answers 403, comments are `github-actions[bot]`'s.
   */
  user?: string;
}

export interface FakeGitHub {
  /** API root, as GITHUB_API_URL would give it. */
  url: string;
  requests: RecordedRequest[];
  comments(pr: number): FakeComment[];
  /** Adds a comment as if someone posted it. */
  seed(pr: number, body: string, login?: string): FakeComment;
  /** Answers every request with this status and message from now on (null: back to normal). */
  failWith(failure: { status: number; message: string } | null): void;
  /** Answers every request (of `method`, if given) with a 307 to the same path and query under `origin` from now on (null: back to normal). */
  redirectTo(origin: string | null, method?: string): void;
  close(): Promise<void>;
}

export const BODY_LIMIT = 65_536;

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const byIssue = new Map<number, FakeComment[]>(options.pulls.map((n) => [n, []]));
  const requests: RecordedRequest[] = [];
  let nextId = 1000;
  let failure: { status: number; message: string } | null = null;
  let redirect: { origin: string; method: string | undefined } | null = null;
  let origin = '';

  const add = (pr: number, body: string, login: string): FakeComment => {
    const comment = {
      id: nextId++,
      body,
      html_url: `https://github.example/${options.repo}/pull/${pr}#issuecomment-${nextId - 1}`,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    };
    byIssue.get(pr)!.push(comment);
    return comment;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, userAgent: req.headers['user-agent'], body });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(data));
      };
      if (failure) return send(failure.status, { message: failure.message });
      if (redirect && (redirect.method === undefined || redirect.method === req.method)) {
        return send(307, { message: 'Temporary Redirect' }, { location: new URL(req.url ?? '/', redirect.origin).href });
      }
      const auth = req.headers.authorization ?? '';
      if (auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) {
        return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      }
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/user' && req.method === 'GET') {
        return options.user ? send(200, { login: options.user, type: 'User' }) : send(403, { message: 'Resource not accessible by integration' });
      }
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const update = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const repoOf = (m: RegExpExecArray) => `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`;
      const notFound = () => send(404, { message: 'Not Found' });
      const parseBody = (): string | null => {
        try {
          const parsed = JSON.parse(body) as { body?: unknown };
          return typeof parsed.body === 'string' ? parsed.body : null;
        } catch {
          return null;
        }
      };
      const tooLong = (text: string) =>
        send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_LIMIT} characters)` }], length: text.length });

      if (list && repoOf(list) === options.repo && byIssue.has(Number(list[3]))) {
        const comments = byIssue.get(Number(list[3]))!;
        if (req.method === 'GET') {
          const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, options.maxPerPage ?? 100);
          const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
          const last = Math.max(1, Math.ceil(comments.length / perPage));
          const link = (p: number) => {
            const u = new URL(url.pathname, options.linkOrigin ?? origin);
            u.searchParams.set('per_page', String(perPage));
            u.searchParams.set('page', String(p));
            return u.href;
          };
          const rels: string[] = [];
          if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
          if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
          return send(200, comments.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
        }
        if (req.method === 'POST') {
          const text = parseBody();
          if (text === null) return send(422, { message: 'Invalid request.' });
          if (text.length > BODY_LIMIT) return tooLong(text);
          return send(201, add(Number(list[3]), text, options.user ?? 'github-actions[bot]'));
        }
        return send(405, { message: 'Method Not Allowed' });
      }
      if (update && repoOf(update) === options.repo && req.method === 'PATCH') {
        const comment = [...byIssue.values()].flat().find((c) => c.id === Number(update[3]));
        if (!comment) return notFound();
        const text = parseBody();
        if (text === null) return send(422, { message: 'Invalid request.' });
        if (text.length > BODY_LIMIT) return tooLong(text);
        comment.body = text;
        return send(200, comment);
      }
      return notFound();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    comments: (pr) => byIssue.get(pr) ?? [],
    seed: (pr, body, login = 'someone') => add(pr, body, login),
    failWith: (f) => {
      failure = f;
    },
    redirectTo: (o, method) => {
      redirect = o === null ? null : { origin: o, method };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
