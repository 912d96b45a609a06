import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from '../config-file';

/**
 * The closest candidate to a mistyped word, when it is close enough to be a
 * likely typo (Damerau–Levenshtein distance at most 2, and less than half the
 * word), else undefined. Ties go to the first candidate, so the result is
 * deterministic.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.min(2, Math.floor((word.length - 1) / 2));
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

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
