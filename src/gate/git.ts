import { spawnSync } from 'node:child_process';
import { UsageError } from '../discovery';

/** What `--changed-since <ref>` selects. */
export interface ChangedFiles {
  /** The ref as given. */
  ref: string;
  /** The merge base of HEAD and the ref (full hash). */
  base: string;
  /** Project-relative POSIX paths: added, copied, modified or renamed (new name) since the base, committed or not, and untracked files. */
  files: Set<string>;
}

/**
 * The files of the project changed since the merge base of HEAD and `ref`:
 * what a pull request adds. The diff is against the working tree, so
 * uncommitted edits and untracked (not ignored) files count as changed too:
 * a migration written a minute ago is checked before it is committed. Deleted
 * files are left out (nothing to report in them).
 *
 * `absRoot` may be a subfolder of the repository: paths come back relative
 * to it, and files outside it are left out.
 */
export function changedSince(absRoot: string, ref: string): ChangedFiles {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed-since needs a git ref (branch, tag or commit), got '${ref}'`);
  const inside = git(absRoot, ['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.out.trim() !== 'true') {
    throw new UsageError(`--changed-since needs a git repository: ${absRoot} is not inside one${inside.ok ? '' : ` (${inside.err})`}`);
  }
  const verified = git(absRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!verified.ok) throw new UsageError(`--changed-since: unknown git ref '${ref}' (in a CI checkout, fetch it first: git fetch origin ${ref})`);
  const mergeBase = git(absRoot, ['merge-base', 'HEAD', verified.out.trim()]);
  if (!mergeBase.ok) {
    throw new UsageError(
      `--changed-since: HEAD and '${ref}' have no common ancestor${mergeBase.err ? ` (${mergeBase.err})` : ''}; in a shallow clone, fetch the history (fetch-depth: 0)`,
    );
  }
  const base = mergeBase.out.trim();
  // `--relative`: paths relative to absRoot, and only the files under it.
  const diff = git(absRoot, ['diff', '--no-ext-diff', '--no-textconv', '--name-only', '--no-renames', '--diff-filter=ACMRT', '--relative', '-z', base, '--']);
  if (!diff.ok) throw new UsageError(`--changed-since: git diff failed: ${diff.err}`);
  const untracked = git(absRoot, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  if (!untracked.ok) throw new UsageError(`--changed-since: git ls-files failed: ${untracked.err}`);
  const files = new Set<string>();
  for (const out of [diff.out, untracked.out]) {
    for (const f of out.split('\0')) if (f !== '') files.add(f);
  }
  return { ref, base, files };
}

/**
 * Names of the files of a folder (project-relative) at a commit: the
 * migrations that already exist on the base branch.
 */
export function filesAtCommit(absRoot: string, commit: string, dir: string): string[] {
  const listed = git(absRoot, ['ls-tree', '--name-only', '-z', commit, '--', dir === '.' ? '.' : `${dir}/`]);
  if (!listed.ok) return [];
  return listed.out
    .split('\0')
    .filter((f) => f !== '')
    .map((f) => f.slice(f.lastIndexOf('/') + 1));
}

/**
 * Settings given to every git run. The checkout may be hostile (a pull request's files, a downloaded
 * repository with its own `.git/config`): `core.fsmonitor` names a command git would run on `diff` and
 * `ls-files`, hooks are commands too, and `diff.external` / textconv drivers run on diffs. None of them
 * may run: migralint executes nothing of the analyzed project.
 */
const SAFE_GIT_CONFIG = ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=', '-c', 'core.hooksPath=/dev/null'];

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', [...SAFE_GIT_CONFIG, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--changed-since needs git, and git was not found on the PATH' : `cannot run git: ${r.error.message}`);
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim().split('\n')[0] ?? '' };
}
