/**
 * Containment: the analysis reads only inside the project root. A
 * `.sequelizerc` `migrations-path` of `../../etc`, a migration symlinked to
 * a file elsewhere, a models folder that is a symlink: the path is resolved
 * the way the file system will (symlinks and `..` followed, `realpath`) and
 * read only when it lands inside the root or inside a path the user named
 * with `--allow-outside`. A project's own files (checked out from a pull
 * request) can thus never bring outside content into a report.
 */
import path from 'node:path';

/** The read answer (`SourceRead.code`) for a path that resolves outside the project root. */
export const OUTSIDE_CODE = 'EOUTSIDE';

/** What a migration that resolves outside says instead of its content. */
export const OUTSIDE_MESSAGE = 'not read: the file resolves outside the project root (a symlink or `..`); pass --allow-outside <path> to analyze it';

/** `--allow-outside <path>` (repeatable), shared by the commands that analyze a project. */
export const ALLOW_OUTSIDE_OPTION = { 'allow-outside': { type: 'string', multiple: true } } as const;

export const ALLOW_OUTSIDE_HELP = `      --allow-outside <path>    Read this path (relative to the working directory) even
                                though it resolves outside dir (repeatable); otherwise a
                                file, folder or symlink that leads out of dir is not read
`;

/** Resolves symlinks of an existing path (node's `fs.realpathSync`); throws when the path does not exist. */
export type Realpath = (p: string) => string;

export class Containment {
  private readonly roots: string[];
  private readonly memo = new Map<string, boolean>();

  /**
   * @param absRoot the project root
   * @param allowed absolute paths that may be read although outside the root (folders include what is under them)
   * @param realpath how symlinks are resolved; without it (a file system served from memory) paths are compared as written
   */
  constructor(absRoot: string, allowed: readonly string[] = [], private readonly realpath?: Realpath) {
    this.roots = [...new Set([absRoot, ...allowed].map((p) => this.resolved(path.resolve(p))))];
  }

  /** Whether `abs` (symlinks and `..` resolved) is the root, an allowed path, or under one of them. */
  contains(abs: string): boolean {
    const file = path.resolve(abs);
    let inside = this.memo.get(file);
    if (inside === undefined) {
      const real = this.resolved(file);
      inside = this.roots.some((root) => isWithin(root, real));
      this.memo.set(file, inside);
    }
    return inside;
  }

  /** Forgets what is known of one path (it may have become a symlink). */
  forget(abs: string): void {
    this.memo.delete(path.resolve(abs));
  }

  /** The real path; for a path that does not exist (yet), its nearest existing ancestor's real path and the rest. */
  private resolved(abs: string): string {
    if (!this.realpath) return abs;
    try {
      return this.realpath(abs);
    } catch {
      const parent = path.dirname(abs);
      return parent === abs ? abs : path.join(this.resolved(parent), path.basename(abs));
    }
  }
}

/** Whether `p` is `dir` or under it (both absolute and normalized). */
export function isWithin(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
