import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Finding, Severity } from '../model';
import { CliUsageError, type FailOn } from '../config-file/settings';
import { ENGINE_RULES } from '../util/engine-rules';

/** node:fs/promises' writeFile, loaded by the first run that writes a file (not by one that writes only stdout). */
const writeFile = () => (require('node:fs/promises') as typeof import('node:fs/promises')).writeFile;

/** What a command may touch: its output streams, the environment, the working directory. */
export interface CliIo {
  stdout: (text: string) => void;
  /** When given: takes output that is already UTF-8 bytes (kept by `report --cache`) without decoding it first. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colors). */
  isTTY: boolean;
  /** Whether stderr is a terminal (`verify`'s progress line); false when absent. */
  stderrIsTTY?: boolean;
  /** Environment variables (GITHUB_STEP_SUMMARY, GITHUB_TOKEN, ...); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Working directory for relative paths; defaults to process.cwd(). */
  cwd?: string;
}

// The same order as SEVERITY_RANK (src/model.ts), kept here: a warm `--cache` run loads no module of the analysis.
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** 2 when a file could not be analyzed; 1 when a finding reaches the fail level; else 0. */
export function exitCode(findings: Finding[], failOn: FailOn): number {
  const engine = new Set<string>(Object.values(ENGINE_RULES));
  if (findings.some((f) => engine.has(f.rule))) return 2;
  if (failOn === 'never') return 0;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

/** Signals that end the process while a temporary file may exist: it is removed before the process dies of them. */
const CLEANUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Temporary files being written right now (empty between writes): what a signal must remove. */
const pendingTemps = new Set<string>();

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of pendingTemps) removeQuietly(tmp);
  pendingTemps.clear();
  for (const s of CLEANUP_SIGNALS) process.removeListener(s, onSignal);
  // Die of the signal, as without this handler (the shell sees 128 + n).
  process.kill(process.pid, signal);
}

function track(tmp: string | null): void {
  if (tmp !== null) {
    if (pendingTemps.size === 0) for (const s of CLEANUP_SIGNALS) process.on(s, onSignal);
    pendingTemps.add(tmp);
  }
}

function untrack(tmp: string): void {
  pendingTemps.delete(tmp);
  if (pendingTemps.size === 0) for (const s of CLEANUP_SIGNALS) process.removeListener(s, onSignal);
}

/** Why a path cannot take an output, or null when it can (not a refusal: write errors come later). */
function refusal(st: Stats, inputs: Iterable<string>): string | null {
  if (st.isDirectory()) return 'it is a directory';
  if (!st.isFile() && !st.isCharacterDevice() && !st.isFIFO()) return 'not a regular file (a block device or a socket)';
  if (st.isFile()) {
    for (const input of inputs) {
      // A path the run only looked for (`x.js/index.js` beside a file `x.js`) may be no file at all: ENOTDIR.
      let other: Stats | undefined;
      try {
        other = statSync(input, { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (other && other.ino === st.ino && other.dev === st.dev) return 'it is an input of the analysis (a file this run read): choose another output file';
    }
  }
  return null;
}

/**
 * Writes an output file (`-o`, `--format x=file`, a baseline, `init`'s config).
 *
 * - A new path or a regular file is written atomically: a temporary file
 *   next to the target (exclusive create), then a rename, so readers never
 *   see half a report. The temporary file is removed on every exit path: a
 *   write error, and SIGINT / SIGTERM / SIGHUP during the write. A symlink
 *   is followed (the link stays, its target is replaced).
 * - A character device (`/dev/null`, `/dev/stdout`, `/dev/full`) or a pipe
 *   (`/dev/stdout` in a pipeline, `>(...)`) is written in place: a rename
 *   would replace the device with a regular file.
 * - Refused (usage error): an empty name, a directory, a block device or
 *   socket, and any file of `inputs` (what the analysis read: migrations,
 *   models, configuration, baseline), compared by identity (hard links and
 *   symlinks included).
 *
 * Every failure is a `CliUsageError` `cannot write <display>: <reason or errno code>` (exit 2).
 */
export async function writeAtomically(file: string, text: string | Uint8Array | Iterable<string>, options: { display?: string; inputs?: Iterable<string> } = {}): Promise<void> {
  const shown = options.display ?? file;
  const fail = (reason: string) => new CliUsageError(`cannot write ${shown === '' ? "''" : shown}: ${reason}`);
  if (file === '') throw fail('empty file name');
  let tmp: string | null = null;
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    const why = st ? refusal(st, options.inputs ?? []) : null;
    if (why !== null) throw fail(why);
    if (st && !st.isFile()) {
      await writeFile()(file, text);
      return;
    }
    const target = st ? realpathSync(file) : path.resolve(file);
    tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    track(tmp);
    await writeFile()(tmp, text, { flag: 'wx', mode: st ? st.mode & 0o777 : 0o666 });
    renameSync(tmp, target);
    untrack(tmp);
    tmp = null;
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw fail((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    if (tmp !== null) {
      removeQuietly(tmp);
      untrack(tmp);
    }
  }
}

/**
 * Whether text output is colored: `--no-color` / `--color` first, then the
 * `NO_COLOR` (https://no-color.org: any non-empty value) and `FORCE_COLOR`
 * (non-empty and not `0` or `false`) conventions, else only on a terminal.
 */
export function useColor(flags: { color?: boolean; noColor?: boolean }, env: NodeJS.ProcessEnv, toTerminal: boolean): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return toTerminal;
}
