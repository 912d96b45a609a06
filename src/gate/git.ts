import { UsageError } from '../util/errors';

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
  const git = gitIn(absRoot);
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.out.trim() !== 'true') {
    throw new UsageError(`--changed-since needs a git repository: ${absRoot} is not inside one${inside.ok ? '' : ` (${inside.err})`}`);
  }
  const verified = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!verified.ok) throw new UsageError(`--changed-since: unknown git ref '${ref}' (in a CI checkout, fetch it first: git fetch origin ${ref})`);
  const mergeBase = git(['merge-base', 'HEAD', verified.out.trim()]);
  if (!mergeBase.ok) {
    throw new UsageError(
      `--changed-since: HEAD and '${ref}' have no common ancestor${mergeBase.err ? ` (${mergeBase.err})` : ''}; in a shallow clone, fetch the history (fetch-depth: 0)`,
    );
  }
  const base = mergeBase.out.trim();
  // `--relative`: paths relative to absRoot, and only the files under it. `--ignore-submodules`: git would run
  // `git status` inside each submodule, under that submodule's own configuration (its filters unknown here).
  const diff = git(['diff', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', '--name-only', '--no-renames', '--diff-filter=ACMRT', '--relative', '-z', base, '--']);
  if (!diff.ok) throw new UsageError(`--changed-since: git diff failed: ${diff.err}`);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
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
  const listed = gitIn(absRoot)(['ls-tree', '--name-only', '-z', commit, '--', dir === '.' ? '.' : `${dir}/`]);
  if (!listed.ok) return [];
  return listed.out
    .split('\0')
    .filter((f) => f !== '')
    .map((f) => f.slice(f.lastIndexOf('/') + 1));
}

/**
 * Settings given to every git run. The checkout may be hostile (a pull request's files, a downloaded
 * repository with its own `.git/config`): `core.fsmonitor` names a command git would run on `diff` and
 * `ls-files`, hooks are commands too (`post-index-change` runs when `diff` refreshes the index), and
 * `diff.external` / textconv drivers run on diffs (`--no-ext-diff --no-textconv` on the one diff).
 * None of them may run: migralint executes nothing of the analyzed project.
 */
const SAFE_GIT_CONFIG = ['--no-pager', '-c', 'core.quotePath=false', '-c', 'core.fsmonitor=', '-c', 'core.hooksPath=/dev/null'];

/**
 * The environment of every git run. `GIT_ALLOW_PROTOCOL` empty allows no transport, whatever the
 * configuration says: a repository that declares itself a partial clone would otherwise fetch a missing
 * object from its promisor remote in the middle of a `diff`, through `core.sshCommand` or an `ext::`
 * command; `GIT_NO_LAZY_FETCH` (git 2.45+) says the same earlier. `GIT_TERMINAL_PROMPT=0`: never wait on
 * a prompt.
 */
const SAFE_GIT_ENV = { GIT_ALLOW_PROTOCOL: '', GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };

/**
 * Git runs a filter driver's `clean` command (or its long-running `process`) on a working-tree file
 * whose `.gitattributes` name the driver whenever it compares the file with the index (a file touched
 * since the last `git add`, or an index from elsewhere): `diff` does, `ls-files --others` does not.
 * Driver names are the repository's own, so they are read from its configuration (reading runs
 * nothing) and each is emptied, with `required` off, through `GIT_CONFIG_COUNT` (git 2.31+: no `=`
 * parsing of the name, and the command-line scope wins over every file). A file whose driver is
 * emptied is compared as it is on disk: a file a real filter (git-lfs) rewrites counts as changed.
 * When the emptying does not hold (an older git ignores the variables), git is not run at all.
 */
function filterOverrides(cwd: string): Record<string, string> {
  /** Each driver named in the configuration, and whether a command of it is set (the last value of each key wins, as for git). */
  const drivers = (env: Record<string, string>) => {
    const r = run(cwd, ['config', '--null', '--get-regexp', '^filter\\.'], env);
    const values = new Map<string, string>();
    // `--null`: each entry is `key\nvalue\0`; a subsection (the driver name) keeps its case and may hold dots.
    for (const entry of r.ok ? r.out.split('\0') : []) {
      const newline = entry.indexOf('\n');
      if (newline !== -1) values.set(entry.slice(0, newline), entry.slice(newline + 1));
      else if (entry !== '') values.set(entry, 'true');
    }
    const commands = new Map<string, boolean>();
    for (const [key, value] of values) {
      const dot = key.lastIndexOf('.');
      if (dot <= 'filter.'.length) continue;
      const name = key.slice('filter.'.length, dot);
      const variable = key.slice(dot + 1).toLowerCase();
      const runs = (variable === 'clean' || variable === 'smudge' || variable === 'process') && value !== '';
      commands.set(name, (commands.get(name) ?? false) || runs);
    }
    return commands;
  };
  const names = [...drivers({}).keys()];
  if (names.length === 0) return {};
  const env: Record<string, string> = {};
  const base = Number(process.env.GIT_CONFIG_COUNT) || 0;
  let n = base;
  for (const name of names) {
    for (const [variable, value] of [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']] as const) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${name}.${variable}`;
      env[`GIT_CONFIG_VALUE_${n}`] = value;
      n++;
    }
  }
  env.GIT_CONFIG_COUNT = String(n);
  const left = [...drivers(env)].filter(([, runs]) => runs).map(([name]) => name);
  if (left.length > 0) {
    throw new UsageError(`--changed-since: the repository configures git filter commands (${left.map((name) => `filter.${name}`).join(', ')}) that this git cannot be told to skip (git 2.31 or later can)`);
  }
  return env;
}

/** git in `cwd`, with the settings that keep the repository's commands from running (see `filterOverrides`, read on the first call). */
function gitIn(cwd: string): (args: string[]) => { ok: boolean; out: string; err: string } {
  let overrides: Record<string, string> | undefined;
  return (args) => run(cwd, args, (overrides ??= filterOverrides(cwd)));
}

function run(cwd: string, args: string[], env: Record<string, string>): { ok: boolean; out: string; err: string } {
  // Loaded here: child_process (and net, dgram behind it) only for a run that asks git.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('git', [...SAFE_GIT_CONFIG, ...args], { cwd, env: { ...process.env, ...SAFE_GIT_ENV, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--changed-since needs git, and git was not found on the PATH' : `cannot run git: ${r.error.message}`);
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim().split('\n')[0] ?? '' };
}
