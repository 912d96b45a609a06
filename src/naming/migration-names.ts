/**
 * What a migration's name says about when it should run.
 *
 * Projects name migrations by one of a few schemes (a sequelize-cli timestamp,
 * a date with a counter, a plain counter, ...). The runner ignores all of them
 * and runs the plain string sort of the names, which matches the intended
 * order only as long as every name follows one scheme at one width. This
 * module parses a name into its scheme and a key that orders names the way
 * their authors meant, and compares that with the run order. The
 * `valid-migration-order` rule and the report's numbering section both use it,
 * so they agree on what a duplicate or an out-of-order file is.
 */

/**
 * The naming schemes recognised. Dates are validated (month 01-12, day 01-31,
 * year 1970-2199) before a prefix is called one; an 8-digit number that is not
 * a valid date is a plain `number`. `YYYYMMDD+digits`: a valid date followed
 * by digits of any other width than a timestamp's (`2024071667000000`,
 * `20250127365540894112902`, hand-typed stamps whose time part is not a
 * time): still a date, compared left-aligned with the other stamps.
 */
export type NameScheme =
  | 'YYYYMMDDHHMMSS'
  | 'YYYYMMDDHHMM'
  | 'YYYYMMDDHH'
  | 'YYYYMMDD'
  | 'YYYYMMDD+digits'
  | 'YYYYMMDD-NN'
  | 'YYYY-MM-DD'
  | 'YYYY-MM-DD-NN'
  | 'YYYY_MM_DD'
  | 'YYYY_MM_DD_HHMMSS'
  | 'unix-seconds'
  | 'unix-milliseconds'
  | 'number'
  | 'version';

/**
 * Names of one family carry comparable keys: every `time` name says when it
 * was written, every `number` name its place in a counter. Between families
 * the intended order is unknown (a project that switched from a counter to
 * timestamps is not out of order).
 */
export type NameFamily = 'time' | 'number' | 'version';

export interface ParsedMigrationName {
  scheme: NameScheme;
  family: NameFamily;
  /** The prefix as written: `009`, `20240101120000`, `2025-06-16_00`. */
  prefix: string;
  /**
   * The scheme as written, separators and widths included, for display:
   * `NNN-`, `YYYYMMDDHHMMSS-`, `YYYY-MM-DD_NN_`.
   */
  label: string;
  /**
   * Orders names of one family by plain string comparison. `time`: the moment
   * as `YYYYMMDDHHMMSSmmm` (less precise stamps left-aligned, so
   * `20250717152500` < `20251012`; longer ones keep their extra digits, so
   * `20250127365540894112902` < `2025012800000003`), then the day's counter (`2025-06-16_01`
   * after `_00`; a date without counter after the counted ones of that day, as
   * the runner puts it). `number`: the value, whatever the zero padding.
   */
  key: string;
}

/** A separator after a prefix: the name goes on (`-`, `_`, `.`) or ends. */
const SEP = '(?=[-_.]|$)';
const ISO = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:([-_])(\\d{1,6})${SEP})?`);
const UNDERSCORED = new RegExp(`^(\\d{4})_(\\d{2})_(\\d{2})(?:_(\\d{6})${SEP})?`);
const COMPACT_COUNTER = new RegExp(`^([-_])(\\d{1,6})${SEP}`);
const DIGITS = /^(\d+)(?=\D|$)/;
/** A release version as the name (`0.27.4.ts`, `1.2.0-beta.1-add-x.js`): major.minor.patch, a pre-release, then the rest. */
const VERSION = /^(\d{1,4})\.(\d{1,4})\.(\d{1,6})(?:-([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*))?(?=[-_.]|$)/;

/** Versions in release order: each number by value, a pre-release (`-beta.1`) before its release. */
function versionKey(major: string, minor: string, patch: string, pre: string | undefined): string {
  const n = (d: string) => d.replace(/^0+(?=\d)/, '').padStart(6, '0');
  return `${n(major)}.${n(minor)}.${n(patch)}${pre === undefined ? '~' : `-${pre}`}`;
}

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  return y >= 1970 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function validHour(hour: string): boolean {
  return Number(hour) <= 23;
}

/**
 * Moment digits left-aligned: padded to `YYYYMMDDHHMMSSmmm` (longer stamps
 * keep their extra digits, less their trailing zeros, so two stamps that are
 * equal once zero-padded get one key), then the day's counter (`~` when none:
 * after every counter).
 */
function timeKey(digits: string, counter: string | undefined): string {
  const count = counter === undefined ? '~' : counter.replace(/^0+(?=\d)/, '').padStart(6, '0');
  const moment = digits.length > 17 ? digits.replace(/0+$/, '').padEnd(17, '0') : digits.padEnd(17, '0');
  return `${moment}.${count}`;
}

/** The UTC moment of a unix time in milliseconds as `YYYYMMDDHHMMSSmmm`. */
function unixDigits(ms: number): string {
  return new Date(ms).toISOString().replace(/\D/g, '').slice(0, 17);
}

function numberKey(digits: string): string {
  const value = digits.replace(/^0+(?=\d)/, '');
  return `${String(value.length).padStart(6, '0')}.${value}`;
}

function sepOf(rest: string): string {
  return /^[-_.]/.test(rest) ? rest[0]! : '';
}

/** Parses a migration file name; null when it has no prefix of a known scheme (`create-users.js`). */
export function parseMigrationName(name: string): ParsedMigrationName | null {
  // Read without the extension, which a pre-release (`-test.3`) would otherwise take for one of its parts.
  const v = VERSION.exec(name.replace(/\.[cm]?[jt]s$/, ''));
  if (v) {
    const prefix = v[0];
    const sep = sepOf(name.slice(prefix.length));
    return { scheme: 'version', family: 'version', prefix, label: `N.N.N${sep === '.' ? '' : sep}`, key: versionKey(v[1]!, v[2]!, v[3]!, v[4]) };
  }
  const iso = ISO.exec(name);
  if (iso) {
    const [whole, y, mo, d, counterSep, counter] = iso as unknown as [string, string, string, string, string?, string?];
    if (!validDate(y, mo, d)) return null;
    const sep = sepOf(name.slice(whole.length));
    return counter === undefined
      ? { scheme: 'YYYY-MM-DD', family: 'time', prefix: whole, label: `YYYY-MM-DD${sep}`, key: timeKey(y + mo + d, undefined) }
      : {
          scheme: 'YYYY-MM-DD-NN',
          family: 'time',
          prefix: whole,
          label: `YYYY-MM-DD${counterSep}${'N'.repeat(counter.length)}${sep}`,
          key: timeKey(y + mo + d, counter),
        };
  }
  const underscored = UNDERSCORED.exec(name);
  if (underscored) {
    const [whole, y, mo, d, time] = underscored as unknown as [string, string, string, string, string?];
    if (!validDate(y, mo, d)) return null;
    const sep = sepOf(name.slice(whole.length));
    return time === undefined
      ? { scheme: 'YYYY_MM_DD', family: 'time', prefix: whole, label: `YYYY_MM_DD${sep}`, key: timeKey(y + mo + d, undefined) }
      : { scheme: 'YYYY_MM_DD_HHMMSS', family: 'time', prefix: whole, label: `YYYY_MM_DD_HHMMSS${sep}`, key: timeKey(y + mo + d + time, undefined) };
  }
  const m = DIGITS.exec(name);
  if (!m) return null;
  const digits = m[1]!;
  const rest = name.slice(digits.length);
  const sep = sepOf(rest);
  const date = digits.length >= 8 && validDate(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8));
  const stamp = (scheme: NameScheme): ParsedMigrationName => ({ scheme, family: 'time', prefix: digits, label: `${scheme}${sep}`, key: timeKey(digits, undefined) });
  if (date && digits.length === 14) return stamp('YYYYMMDDHHMMSS');
  if (date && digits.length === 12) return stamp('YYYYMMDDHHMM');
  if (date && digits.length === 10 && validHour(digits.slice(8))) return stamp('YYYYMMDDHH');
  if (date && digits.length === 8) {
    const counter = COMPACT_COUNTER.exec(rest);
    if (!counter) return stamp('YYYYMMDD');
    const prefix = digits + counter[0];
    return {
      scheme: 'YYYYMMDD-NN',
      family: 'time',
      prefix,
      label: `YYYYMMDD${counter[1]}${'N'.repeat(counter[2]!.length)}${sepOf(name.slice(prefix.length))}`,
      key: timeKey(digits, counter[2]),
    };
  }
  // Any other width after a valid date is a date stamp too (hand-typed, its time part need not be a time): the date
  // leads, so it compares left-aligned with the others, as the string sort does; never as an integer of its length.
  if (date) return { scheme: 'YYYYMMDD+digits', family: 'time', prefix: digits, label: `YYYYMMDD${'N'.repeat(digits.length - 8)}${sep}`, key: timeKey(digits, undefined) };
  if (/^[1-9]/.test(digits) && (digits.length === 10 || digits.length === 13)) {
    const seconds = digits.length === 10;
    const scheme: NameScheme = seconds ? 'unix-seconds' : 'unix-milliseconds';
    return { scheme, family: 'time', prefix: digits, label: `${'N'.repeat(digits.length)}${sep}`, key: timeKey(unixDigits(Number(digits) * (seconds ? 1000 : 1)), undefined) };
  }
  return { scheme: 'number', family: 'number', prefix: digits, label: `${'N'.repeat(digits.length)}${sep}`, key: numberKey(digits) };
}

/** Files that share a scheme and a full key: the runner orders them by the rest of the name. */
export interface SharedPrefix {
  /** Run-order positions (indexes into the names given), ascending. */
  indexes: number[];
}

/** A file the string sort puts somewhere its name does not: one per file out of place, not per pair. */
export interface MisplacedName {
  /** Run-order position of the misplaced file. */
  index: number;
  /** `late`: it runs after files its name puts after it; `early`: before files its name puts before it. */
  direction: 'late' | 'early';
  /**
   * Where its name puts it: `late`, the first file (in intended order) it
   * should run before; `early`, the last file it should run after.
   */
  anchor: number;
  /** The file it lands next to on the wrong side: `late`, the last file it runs after by mistake; `early`, `anchor`. */
  other: number;
  /** How many files of its family it runs on the wrong side of (list them with `passedFiles`). */
  passedCount: number;
}

export interface RunOrderAnalysis {
  /** Per name, in the order given; null when it has no prefix of a known scheme. */
  parsed: (ParsedMigrationName | null)[];
  duplicates: SharedPrefix[];
  /** Ascending by run-order position. */
  misplaced: MisplacedName[];
}

/**
 * Compares the run order (the names as given: the runner's plain string sort)
 * with the order the names intend. Within each family, the files kept in place
 * are a longest run-ordered chain of non-decreasing keys (ties: the chain with
 * most files of the family's usual scheme and width, so the odd `76_` among
 * `077_`..`113_` is the one out of place); every other file is misplaced.
 */
export function analyzeRunOrder(namesInRunOrder: readonly string[]): RunOrderAnalysis {
  const parsed = namesInRunOrder.map(parseMigrationName);

  const groups = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    if (!p) return;
    const id = `${p.scheme}\0${p.key}`;
    const list = groups.get(id);
    if (list) list.push(i);
    else groups.set(id, [i]);
  });
  const duplicates = [...groups.values()].filter((g) => g.length > 1).map((indexes) => ({ indexes }));

  const misplaced: MisplacedName[] = [];
  for (const family of ['time', 'number', 'version'] as const) {
    const members = parsed.flatMap((p, i) => (p?.family === family ? [i] : []));
    if (members.length > 1) misplaced.push(...misplacedIn(members, parsed as ParsedMigrationName[]));
  }
  misplaced.sort((a, b) => a.index - b.index);
  return { parsed, duplicates, misplaced };
}

/** The label most files of the family use (ties: the narrowest, then the first in code order). */
function usualLabel(members: number[], parsed: ParsedMigrationName[]): string {
  const counts = new Map<string, number>();
  for (const i of members) counts.set(parsed[i]!.label, (counts.get(parsed[i]!.label) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const [label, n] of counts) {
    if (!best || n > best[1] || (n === best[1] && (label.length < best[0].length || (label.length === best[0].length && label < best[0])))) best = [label, n];
  }
  return best![0];
}

type Score = [length: number, usual: number];

function better(a: Score, b: Score): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
}

function misplacedIn(members: number[], parsed: ParsedMigrationName[]): MisplacedName[] {
  const key = (i: number) => parsed[i]!.key;
  const usual = usualLabel(members, parsed);
  // Rank keys, then a Fenwick tree of the best chain ending at a key rank <= r.
  const ranks = [...new Set(members.map(key))].sort();
  const rankOf = new Map(ranks.map((k, r) => [k, r + 1]));
  const tree: { score: Score; end: number }[] = Array.from({ length: ranks.length + 1 }, () => ({ score: [0, 0] as Score, end: -1 }));
  const prev = new Map<number, number>();
  const scores = new Map<number, Score>();
  for (const i of members) {
    const r = rankOf.get(key(i))!;
    let best: { score: Score; end: number } = { score: [0, 0], end: -1 };
    for (let x = r; x > 0; x -= x & -x) if (better(tree[x]!.score, best.score)) best = tree[x]!;
    const score: Score = [best.score[0] + 1, best.score[1] + (parsed[i]!.label === usual ? 1 : 0)];
    scores.set(i, score);
    prev.set(i, best.end);
    for (let x = r; x <= ranks.length; x += x & -x) if (better(score, tree[x]!.score)) tree[x] = { score, end: i };
  }
  let end = -1;
  let endScore: Score = [0, 0];
  for (const i of members) {
    if (better(scores.get(i)!, endScore)) {
      end = i;
      endScore = scores.get(i)!;
    }
  }
  const kept: number[] = [];
  for (let i = end; i !== -1; i = prev.get(i)!) kept.push(i);
  kept.reverse();
  const keptSet = new Set(kept);
  const keptKeys = kept.map(key);

  // How many files each one runs on the wrong side of: a Fenwick tree of the
  // key ranks seen so far, in run order.
  const seen = new Array<number>(ranks.length + 1).fill(0);
  const seenUpTo = (r: number) => {
    let n = 0;
    for (let x = r; x > 0; x -= x & -x) n += seen[x]!;
    return n;
  };
  const lessThanRank = new Array<number>(ranks.length + 2).fill(0);
  for (const i of members) lessThanRank[rankOf.get(key(i))! + 1]! += 1;
  for (let r = 1; r < lessThanRank.length; r++) lessThanRank[r]! += lessThanRank[r - 1]!;

  const out: MisplacedName[] = [];
  members.forEach((i, position) => {
    const r = rankOf.get(key(i))!;
    const earlierAbove = position - seenUpTo(r);
    const laterBelow = lessThanRank[r]! - seenUpTo(r - 1);
    for (let x = r; x <= ranks.length; x += x & -x) seen[x]! += 1;
    if (keptSet.has(i)) return;
    const k = key(i);
    // Where its key puts it among the kept files, and where it runs.
    const intended = upperBound(keptKeys, k);
    const actual = upperBound(kept, i);
    if (actual > intended) {
      let other = position - 1;
      while (key(members[other]!) <= k) other--;
      out.push({ index: i, direction: 'late', anchor: kept[intended]!, other: members[other]!, passedCount: earlierAbove });
    } else {
      // The last kept file with a smaller key: it runs after this one (a kept file of the same key would not).
      const before = lowerBound(keptKeys, k) - 1;
      if (before < 0) return;
      out.push({ index: i, direction: 'early', anchor: kept[before]!, other: kept[before]!, passedCount: laterBelow });
    }
  });
  return out;
}

/** Position of the first element > `value` in an ascending array. */
function upperBound<T>(sorted: readonly T[], value: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of the first element >= `value` in an ascending array. */
function lowerBound<T>(sorted: readonly T[], value: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The files of its family a misplaced file runs on the wrong side of, in run order. */
export function passedFiles(analysis: RunOrderAnalysis, misplaced: MisplacedName): number[] {
  const self = analysis.parsed[misplaced.index]!;
  const out: number[] = [];
  analysis.parsed.forEach((p, j) => {
    if (p?.family !== self.family) return;
    if (misplaced.direction === 'late' ? j < misplaced.index && p.key > self.key : j > misplaced.index && p.key < self.key) out.push(j);
  });
  return out;
}
