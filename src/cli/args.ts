import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from '../config-file/settings';
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
