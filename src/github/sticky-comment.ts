import type { GitHubClient, IssueComment, IssueRef } from './client';

/**
 * The hidden first line of migralint's comment. It carries the project
 * directory, so a monorepo gets one comment per project and each run
 * updates its own: `<!-- migralint:report dir=packages/api -->`.
 */
export function commentMarker(dir: string): string {
  return `<!-- migralint:report dir=${encodeMarkerDir(dir)} -->`;
}

/** Keeps path characters readable; anything that could end or confuse an HTML comment is %-encoded. */
function encodeMarkerDir(dir: string): string {
  const posix = dir.replace(/\\/g, '/');
  return (posix === '' ? '.' : posix).replace(/[^A-Za-z0-9._~/@+-]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** Whether a comment is the one this marker identifies: its first line is the marker. */
export function hasMarker(comment: IssueComment, marker: string): boolean {
  const body = comment.body ?? '';
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.trim() === marker;
}

export type UpsertResult = { action: 'created' | 'updated' | 'unchanged'; comment: IssueComment };

/**
 * Updates the oldest comment that carries the marker and was written by the
 * token's own identity, or posts a new one: anyone can post a comment with
 * the marker, and it is never edited (nor trusted as ours). Pages are read
 * until such a comment is found; the identity is asked for only when a
 * marker is seen. An identical body is left alone.
 */
export async function upsertMarkedComment(client: GitHubClient, issue: IssueRef, marker: string, body: string): Promise<UpsertResult> {
  let existing: IssueComment | undefined;
  let login: string | undefined;
  for await (const page of client.issueCommentPages(issue)) {
    for (const c of page) {
      if (!hasMarker(c, marker)) continue;
      login ??= (await client.login()).toLowerCase();
      if (c.user?.login?.toLowerCase() === login) {
        existing = c;
        break;
      }
    }
    if (existing) break;
  }
  if (!existing) return { action: 'created', comment: await client.createIssueComment(issue, body) };
  if (normalize(existing.body ?? '') === normalize(body)) return { action: 'unchanged', comment: existing };
  return { action: 'updated', comment: await client.updateIssueComment(issue, existing.id, body) };
}

/** GitHub may hand a body back with CRLF line ends. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
