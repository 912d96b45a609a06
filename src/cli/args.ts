import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from '../config-file/settings';
import { UsageError } from '../util/errors';
import { closest } from '../util/text';

/** ` Did you mean 'x'?` when a candidate is close, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` Did you mean '${match}'?`;
}

/**
 * `parseArgs` for a subcommand, with a usage error that names the closest
 * known option instead of Node's raw text when an option is unknown
 * (`--fial-on` → `Did you mean '--fail-on'?`).
 */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    const unknown = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    const name = unknown.split('=')[0]!;
    const known = Object.entries(config.options ?? {}).flatMap(([long, spec]) => [
      `--${long}`,
      ...(spec.short ? [`-${spec.short}`] : []),
    ]);
    throw new CliUsageError(`Unknown option '${name}'.${didYouMean(name, known)}\nRun 'migralint ${command} --help' for usage.`);
  }
}

/**
 * `report [dir] [files...]`: the first positional is the project folder
 * unless it is a file; everything after it is a file to check. lint-staged
 * and pre-commit append (absolute) file paths to the command, so
 * `migralint report` and `migralint report backend` both take them.
 */
export function splitPositionals(positionals: string[], cwd: string): { dir: string | undefined; files: string[] } {
  if (positionals.length === 0) return { dir: undefined, files: [] };
  const [first, ...rest] = positionals as [string, ...string[]];
  const firstIsFile = isFile(path.resolve(cwd, first));
  const dir = firstIsFile ? undefined : first;
  const files = firstIsFile ? positionals : rest;
  for (const f of files) {
    const abs = path.resolve(cwd, f);
    if (existsSync(abs) && statSync(abs).isDirectory()) {
      throw new UsageError(`report takes one directory, then files: '${f}' is a directory (give the files in it, or run once per project)`);
    }
  }
  return { dir, files };
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
