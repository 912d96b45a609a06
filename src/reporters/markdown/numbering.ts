/**
 * How migration files are numbered, and what the runner makes of it.
 * sequelize-cli runs files in plain string order of their names, so a
 * numbering scheme matters only where string order and numeric order part.
 */

/** A naming scheme: numeric prefixes of one width (`NNN-`), timestamps (`YYYYMMDDHHMMSS-`), or none. */
export interface NamingScheme {
  /** `NNN-`, `YYYYMMDDHHMMSS-`, `no numeric prefix`. */
  label: string;
  kind: 'sequence' | 'timestamp' | 'none';
  /** File names, in run order. */
  files: string[];
  /** Lowest and highest prefix as written (absent for `none`). */
  first?: string;
  last?: string;
}

export interface DuplicatePrefix {
  /** The prefix as written by the first file. */
  prefix: string;
  /** In run order: that is the order they run in. */
  files: string[];
}

export interface NumberingAnalysis {
  schemes: NamingScheme[];
  duplicates: DuplicatePrefix[];
  /** Missing numbers in the sequence-numbered files, as inclusive ranges, zero-padded like the files. */
  gaps: [string, string][];
  /** How many numbers the gaps hold. */
  missingCount: number;
  /** Consecutive files (run order) where the later one has a lower number. */
  inversions: { runsFirst: string; runsAfter: string }[];
  /** String order (what the runner uses) equals numeric order. */
  stringOrderIsNumeric: boolean;
}

interface Numbered {
  name: string;
  digits: string;
  value: bigint;
  kind: 'sequence' | 'timestamp';
  label: string;
}

const TIMESTAMP_LABELS: Record<number, string> = { 14: 'YYYYMMDDHHMMSS', 12: 'YYYYMMDDHHMM' };

/** The numeric prefix of a file name and its scheme, or null. */
export function parsePrefix(name: string): Numbered | null {
  const m = /^(\d+)([^\d]?)/.exec(name);
  if (!m) return null;
  const digits = m[1]!;
  const separator = m[2] ?? '';
  const timestamp = digits.length >= 12;
  const pattern = timestamp ? TIMESTAMP_LABELS[digits.length] ?? 'N'.repeat(digits.length) : 'N'.repeat(digits.length);
  return { name, digits, value: BigInt(digits), kind: timestamp ? 'timestamp' : 'sequence', label: `${pattern}${separator}` };
}

/** Analyzes file names given in run order (plain string sort). */
export function analyzeNumbering(namesInRunOrder: readonly string[]): NumberingAnalysis {
  const numbered: Numbered[] = [];
  const schemes = new Map<string, NamingScheme>();
  for (const name of namesInRunOrder) {
    const p = parsePrefix(name);
    const label = p ? p.label : 'no numeric prefix';
    let scheme = schemes.get(label);
    if (!scheme) {
      scheme = { label, kind: p ? p.kind : 'none', files: [] };
      schemes.set(label, scheme);
    }
    scheme.files.push(name);
    if (p) {
      numbered.push(p);
      if (scheme.first === undefined || p.value < BigInt(scheme.first)) scheme.first = p.digits;
      if (scheme.last === undefined || p.value > BigInt(scheme.last)) scheme.last = p.digits;
    }
  }

  // Duplicates: the same number (sequences: by value, so `9-` and `009-` clash too).
  const byValue = new Map<string, Numbered[]>();
  for (const n of numbered) {
    const key = `${n.kind}:${n.value}`;
    byValue.set(key, [...(byValue.get(key) ?? []), n]);
  }
  const duplicates: DuplicatePrefix[] = [...byValue.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({ prefix: group[0]!.digits, files: group.map((g) => g.name) }));

  // Gaps: only sequences are meant to be contiguous.
  const sequence = numbered.filter((n) => n.kind === 'sequence');
  const width = sequence.reduce((w, n) => Math.max(w, n.digits.length), 0);
  const values = [...new Set(sequence.map((n) => n.value))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const gaps: [string, string][] = [];
  let missingCount = 0;
  const pad = (v: bigint) => v.toString().padStart(width, '0');
  for (let i = 1; i < values.length; i++) {
    const from = values[i - 1]! + 1n;
    const to = values[i]! - 1n;
    if (from <= to) {
      gaps.push([pad(from), pad(to)]);
      missingCount += Number(to - from + 1n);
    }
  }

  const inversions: NumberingAnalysis['inversions'] = [];
  for (let i = 1; i < numbered.length; i++) {
    const a = numbered[i - 1]!;
    const b = numbered[i]!;
    if (b.value < a.value) inversions.push({ runsFirst: a.name, runsAfter: b.name });
  }

  return {
    schemes: [...schemes.values()].sort((a, b) => b.files.length - a.files.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
    duplicates,
    gaps,
    missingCount,
    inversions,
    stringOrderIsNumeric: inversions.length === 0,
  };
}
