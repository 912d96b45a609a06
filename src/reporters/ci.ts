/**
 * What the CI formats (SARIF, GitHub annotations, GitLab Code Quality) share:
 * the path a CI system expects for a finding, and a fingerprint that
 * follows a finding across unrelated edits.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Finding, ProjectModel } from '../model';
import { DOCS_BASE_URL } from '../rules/create-rule';

/** Options of the CI reporters. */
export interface CiReporterOptions {
  /**
   * Directory, relative to the repository root (the directory CI runs in),
   * prepended to each project-relative path. GitHub code scanning, GitHub
   * annotations and GitLab Code Quality resolve paths against the
   * repository root, not against the directory given to `migralint report`.
   * Default: the project root as given on the command line when it is
   * relative (`backend` for `migralint report backend`), else nothing.
   */
  pathPrefix?: string;
}

/** The home page of the tool, derived from the docs URL like every link we print. */
export const TOOL_URL = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');

/** `backend/` for `backend`, `./backend/`, `backend\`; empty for `.`, `./` and absolute roots. */
export function pathPrefixOf(project: ProjectModel, options: CiReporterOptions = {}): string {
  const given = (options.pathPrefix ?? defaultPrefix(project.project.root)).replace(/\\/g, '/');
  if (given === '' || path.posix.isAbsolute(given) || /^[A-Za-z]:\//.test(given)) return '';
  const normalized = path.posix.normalize(given).replace(/\/+$/, '');
  return normalized === '.' || normalized === '' ? '' : `${normalized}/`;
}

function defaultPrefix(root: string): string {
  const posix = root.replace(/\\/g, '/');
  return path.posix.isAbsolute(posix) || /^[A-Za-z]:\//.test(posix) ? '' : posix;
}

/** Which part of a finding identifies it; the line is deliberately not part of it. */
function identity(f: Finding, file: string): string {
  const t = f.target;
  const target = t ? [t.schema ?? null, t.table, t.column, t.name ?? null, t.newName ?? null] : null;
  return JSON.stringify(['migralint/v1', f.rule, file, f.messageId ?? null, target]);
}

/**
 * One fingerprint per finding, in input order: a SHA-256 of the rule, the
 * reported path, the message id and the target (table, column, name), and
 * of the finding's rank among the findings that share all of those (in
 * file order). Line and column are left out, so adding or removing lines
 * above a finding keeps its fingerprint; the rank keeps two findings that
 * name the same thing in one file apart. Wording changes to messages do not
 * change it either.
 */
export function fingerprints(findings: readonly Finding[], pathOf: (f: Finding) => string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = identity(f, pathOf(f));
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return createHash('sha256').update(`${key}\n${rank}`).digest('hex');
  });
}
