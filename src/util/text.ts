/** A string as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The closest candidate to a mistyped word (a flag, a command, a config key
 * or rule id), when it is close enough to be a likely typo (optimal string
 * alignment distance: edits and adjacent swaps), else undefined. Ties go to
 * the first candidate, so the result is deterministic.
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
  // Short words: at most half of them may differ (`lint` is not `init`); longer ones: a quarter, at least 2.
  const limit = word.length <= 4 ? Math.floor((word.length - 1) / 2) : Math.max(2, Math.floor(word.length / 4));
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
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

/** Text on one line (whitespace runs folded), cut to `max` characters with an ellipsis: statements in messages. */
export function shorten(text: string, max: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max)}…` : folded;
}

/**
 * `text` as a string of its own. V8 makes a slice of 13 characters or more a view of the string it was cut from,
 * which stays in memory as long as the slice does: a callee name kept in an operation would keep the whole
 * migration's source alive (1.5 KB a file, 7 MB for 5,000 migrations). Flattening the concatenation copies the
 * characters; the slice of that copy holds only the copy.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/**
 * The strings of constant rows as an insert records them, to be matched with the rows a later step names: each once,
 * sorted, those of at most 100 characters; none when there are more than 50.
 */
export function rowTexts(strings: Iterable<string>): string[] {
  const texts = [...new Set([...strings].filter((s) => s.length <= 100))];
  return texts.length <= 50 ? texts.sort() : [];
}

/** The 1-based line of `text` that holds offset `index` (an offset past the end: the last line). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  const end = Math.min(index, text.length);
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
