/**
 * What the disk told one analysis, and whether it would still tell the same (`report --cache`, whole results).
 *
 * The analysis reads the project through its workspace only (src/workspace.ts), and the workspace through one
 * injectable file system: wrapping that file system sees every answer the analysis got (a file's bytes, a
 * stat, a folder's listing, a realpath, a path that did not exist). The same options and code, given the same
 * answers, give the same result: when every recorded answer still holds, the result of the run that recorded
 * them is the result of this one.
 *
 * Checking is cheaper than asking again: a file read is checked by its stat (size, mtime, ctime) and hashed
 * only when the stat differs, or when it was modified so close to the recording that an edit in the same
 * clock tick would not show in its mtime (the "racy" case git knows).
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import type { WorkspaceFs } from '../workspace';

/**
 * One answer, as compact tuples (a warm run reads them all):
 * - `['s' | 'l', path, what]`: stat / lstat; `what` is `f:<size>` (file), `d`, `l` (symlink, lstat only), `o` (other), `E:<code>`
 * - `['r', path, sha256 | 'E:<code>', size, mtimeMs, ctimeMs]`: a file's bytes
 * - `['d' | 't', path, listing | 'E:<code>']`: a folder's names (`t`: with their types), joined by `/`
 * - `['p', path, realpath | 'E:<code>']`
 */
export type DiskAnswer = [op: 's' | 'l' | 'd' | 't' | 'p', path: string, what: string] | [op: 'r', path: string, what: string, size: number, mtimeMs: number, ctimeMs: number];

/** Modified within this many ms of the recording: checked by content, whatever its stat says. */
const RACY_MS = 2_000;

type Dirent = { name: string | Buffer; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean };

function code(error: unknown): string {
  return `E:${(error as NodeJS.ErrnoException)?.code ?? 'error'}`;
}

/**
 * What an answer says of a stat: its type, size and times. A `Stats` is ~1.5 KB (four `Date`s among its fields):
 * the 910 a warm opencollective check keeps until its end were copied by every scavenge; these are ~60 bytes.
 */
interface Facts {
  link: boolean;
  file: boolean;
  dir: boolean;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

function factsOf(st: nodeFs.Stats | undefined): Facts | undefined {
  return st && { link: st.isSymbolicLink(), file: st.isFile(), dir: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

function kind(st: Facts, lstat: boolean): string {
  if (lstat && st.link) return 'l';
  if (st.file) return `f:${st.size}`;
  return st.dir ? 'd' : 'o';
}

function direntKind(d: Dirent): string {
  return d.isSymbolicLink() ? 'l' : d.isFile() ? 'f' : d.isDirectory() ? 'd' : 'o';
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A listing as recorded: names (and types), in the order the platform gave them. */
function listing(entries: readonly (string | Buffer | Dirent)[]): string {
  return entries.map((e) => (typeof e === 'string' || Buffer.isBuffer(e) ? String(e) : `${String(e.name)}:${direntKind(e)}`)).join('/');
}

/**
 * node's `fs` for a workspace, recording every answer. `complete` turns false when the analysis asked something
 * this recorder cannot replay (an asynchronous call) or got two answers to one question (a file changed during
 * the run): such a run's result is not kept.
 */
export class DiskRecorder {
  private readonly answers = new Map<string, DiskAnswer>();
  private stable = true;
  /** When the recording started (ms since the epoch): files modified after it, less `RACY_MS`, are checked by content. */
  readonly startedMs: number;
  readonly fs: WorkspaceFs;

  constructor(
    private readonly real: typeof nodeFs = nodeFs,
    now: number = Date.now(),
  ) {
    this.startedMs = now;
    const record = (answer: DiskAnswer): void => {
      const key = `${answer[0]}\0${answer[1]}`;
      const known = this.answers.get(key);
      if (!known) this.answers.set(key, answer);
      else if (known[2] !== answer[2]) this.stable = false;
    };
    const ask = <T>(op: 's' | 'l' | 'p', p: nodeFs.PathLike, call: () => T, what: (v: T) => string): T => {
      try {
        const v = call();
        // `throwIfNoEntry: false` answers undefined for a missing path.
        record([op, String(p), v === undefined ? 'E:ENOENT' : what(v)]);
        return v;
      } catch (error) {
        record([op, String(p), code(error)]);
        throw error;
      }
    };
    const unreplayable = (): void => {
      this.stable = false;
    };
    const fs = {
      statSync: ((p: nodeFs.PathLike, o?: nodeFs.StatSyncOptions) => ask('s', p, () => real.statSync(p, o), (st) => kind(factsOf(st as nodeFs.Stats)!, false))) as typeof nodeFs.statSync,
      lstatSync: ((p: nodeFs.PathLike, o?: nodeFs.StatSyncOptions) => ask('l', p, () => real.lstatSync(p, o), (st) => kind(factsOf(st as nodeFs.Stats)!, true))) as typeof nodeFs.lstatSync,
      realpathSync: ((p: nodeFs.PathLike, o?: nodeFs.EncodingOption) => ask('p', p, () => real.realpathSync(p, o), String)) as typeof nodeFs.realpathSync,
      readdirSync: ((p: nodeFs.PathLike, o?: { withFileTypes?: boolean }) => {
        const op = typeof o === 'object' && o?.withFileTypes ? 't' : 'd';
        try {
          const entries = real.readdirSync(p, o as never) as (string | Dirent)[];
          record([op, String(p), listing(entries)]);
          return entries;
        } catch (error) {
          record([op, String(p), code(error)]);
          throw error;
        }
      }) as typeof nodeFs.readdirSync,
      readFileSync: ((p: nodeFs.PathOrFileDescriptor, o?: BufferEncoding | { encoding?: BufferEncoding | null }) => {
        if (typeof p === 'number') {
          unreplayable();
          return real.readFileSync(p, o as never);
        }
        const file = String(p);
        let st: nodeFs.Stats;
        let bytes: Buffer;
        try {
          st = real.statSync(file);
          bytes = real.readFileSync(file);
        } catch (error) {
          record(['r', file, code(error), -1, -1, -1]);
          throw error;
        }
        record(['r', file, sha256(bytes), st.size, st.mtimeMs, st.ctimeMs]);
        const encoding = typeof o === 'string' ? o : o?.encoding;
        return encoding ? bytes.toString(encoding) : bytes;
      }) as typeof nodeFs.readFileSync,
      // fast-glob's synchronous listing never calls these; an analysis that does cannot be replayed.
      stat: ((...args: Parameters<typeof nodeFs.stat>) => (unreplayable(), (real.stat as (...a: unknown[]) => void)(...args))) as typeof nodeFs.stat,
      lstat: ((...args: Parameters<typeof nodeFs.lstat>) => (unreplayable(), (real.lstat as (...a: unknown[]) => void)(...args))) as typeof nodeFs.lstat,
      readdir: ((...args: Parameters<typeof nodeFs.readdir>) => (unreplayable(), (real.readdir as (...a: unknown[]) => void)(...args))) as typeof nodeFs.readdir,
    };
    this.fs = fs as unknown as WorkspaceFs;
  }

  /** Whether every answer can be checked again (see the class). */
  get complete(): boolean {
    return this.stable;
  }

  /** The answers, in the order they were first given. */
  list(): DiskAnswer[] {
    return [...this.answers.values()];
  }
}

/** `lstatSync`/`statSync` options of the check: a missing path answers undefined (one object, not one per call). */
const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * Whether each answer still holds on `real` (node's fs by default); false at the first that does not.
 *
 * A warm `--cache` run checks thousands of answers (2,400 on opencollective) in code that has not been optimized
 * yet: no destructuring (each is an iterator in the interpreter), one Map lookup per path, no per-call objects.
 */
export function answersHold(answers: readonly DiskAnswer[], recordedAtMs: number, real: typeof nodeFs = nodeFs): boolean {
  // A path is lstat'ed once, whether the analysis asked its stat, its lstat, its bytes or its realpath; stat
  // follows a symbolic link, so only a link is stat'ed again.
  const lstats = new Map<string, Facts | undefined>();
  const lstat = (p: string): Facts | undefined => {
    let st = lstats.get(p);
    if (st === undefined && !lstats.has(p)) lstats.set(p, (st = factsOf(real.lstatSync(p, NO_THROW))));
    return st;
  };
  const stats = new Map<string, Facts | undefined>();
  const stat = (p: string): Facts | undefined => {
    const l = lstat(p);
    if (l === undefined || !l.link) return l;
    let st = stats.get(p);
    if (st === undefined && !stats.has(p)) stats.set(p, (st = factsOf(real.statSync(p, NO_THROW))));
    return st;
  };
  // Folders' realpaths, asked once each: most recorded realpaths are files that resolve to themselves.
  const folders = new Map<string, string>();
  const resolvesToItself = (p: string): boolean => {
    const l = lstat(p);
    if (l === undefined || l.link) return false;
    const parent = parentOf(p);
    if (parent === p) return true;
    let resolved = folders.get(parent);
    if (resolved === undefined) folders.set(parent, (resolved = real.realpathSync.native(parent)));
    return resolved === parent;
  };
  const listed = listedFolders(answers);
  // The nearest folder above the path with a listing: absent when the path's next part below it is not an entry.
  const listedAbsent = (p: string): boolean => {
    for (let end = p.lastIndexOf(path.sep); end > 0; end = p.lastIndexOf(path.sep, end - 1)) {
      const names = listed.get(p.slice(0, end));
      if (names === undefined) continue;
      const next = p.indexOf(path.sep, end + 1);
      return !names.has(p.slice(end + 1, next < 0 ? undefined : next));
    }
    return false;
  };
  const probe: Probe = { lstat, stat, resolvesToItself, listedAbsent };
  for (let i = 0; i < answers.length; i++) if (!holds(answers[i]!, recordedAtMs, real, probe)) return false;
  return true;
}

/**
 * The entries of each folder whose listing (with types) is among the answers and holds no symbolic link. A path
 * under such a folder that was absent (`E:ENOENT`), and whose part just below the folder is not one of its entries,
 * is absent still while the listing holds: with no link among them, nothing it names can newly resolve to it
 * (whatever the file system's case or Unicode folding). The listing is checked with the other answers, and
 * `answersHold` is false when it does not hold: no stat is needed for such a path. (opencollective: ~340 of its
 * 2,700 answers are the analysis looking for a file that is not there, in or under a folder it listed.)
 */
function listedFolders(answers: readonly DiskAnswer[]): Map<string, Set<string>> {
  const listed = new Map<string, Set<string>>();
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i]!;
    if (answer[0] !== 't' || answer[2].startsWith('E:')) continue;
    const names = new Set<string>();
    let links = false;
    if (answer[2] !== '') {
      for (const entry of answer[2].split('/')) {
        // `name:kind`, the kind one letter (`direntKind`)
        if (entry.endsWith(':l')) links = true;
        names.add(entry.slice(0, -2));
      }
    }
    if (!links) listed.set(answer[1], names);
  }
  return listed;
}

/**
 * `path.dirname`, without its character loop for the common case: an absolute POSIX path without a trailing
 * separator (what the workspace asks). The 769 realpath answers of opencollective made `path.dirname` hot enough
 * for V8 to optimize it, which cost more than the loop it replaced.
 */
function parentOf(p: string): string {
  const cut = path.sep === '/' ? p.lastIndexOf('/') : -1;
  return cut > 0 && cut < p.length - 1 ? p.slice(0, cut) : path.dirname(p);
}

interface Probe {
  lstat(p: string): Facts | undefined;
  stat(p: string): Facts | undefined;
  /** The path's realpath is the path itself: its folder resolves to itself, and it is there and no symbolic link. */
  resolvesToItself(p: string): boolean;
  /** The path is absent while the listing of its folder among the answers holds (`listedFolders`). */
  listedAbsent(p: string): boolean;
}

function holds(answer: DiskAnswer, recordedAtMs: number, real: typeof nodeFs, probe: Probe): boolean {
  const op = answer[0];
  const p = answer[1];
  const what = answer[2];
  if (what === 'E:ENOENT' && op !== 'd' && op !== 't' && probe.listedAbsent(p)) return true;
  try {
    switch (op) {
      case 's':
      case 'l': {
        const st = op === 's' ? probe.stat(p) : probe.lstat(p);
        return (st === undefined ? 'E:ENOENT' : kind(st, op === 'l')) === what;
      }
      case 'p':
        // A path that resolved to itself (an absolute path, as the workspace asks) still does when its folder does
        // and it is no link: one lstat, shared with its stat, instead of a walk of every component.
        if (what === p && path.isAbsolute(p) && probe.resolvesToItself(p)) return true;
        // The system's realpath (one call, where node's walks each component): a path it resolves otherwise
        // than node's would is only a miss.
        return real.realpathSync.native(p) === what;
      case 'd':
        return listing(real.readdirSync(p)) === what;
      case 't':
        return listing(real.readdirSync(p, { withFileTypes: true })) === what;
      case 'r': {
        const st = probe.stat(p);
        if (st === undefined) return what === 'E:ENOENT';
        if (what.startsWith('E:')) return false; // unreadable then, there now: read it again
        const size = answer[3];
        const mtimeMs = answer[4];
        const ctimeMs = answer[5];
        const racy = mtimeMs >= recordedAtMs - RACY_MS || ctimeMs >= recordedAtMs - RACY_MS;
        if (st.size === size && st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs && !racy) return true;
        return st.size === size && sha256(real.readFileSync(p)) === what;
      }
    }
  } catch (error) {
    // The same error as recorded is the same answer.
    return what === code(error);
  }
}
