/**
 * How migration files are numbered, and what the runner makes of it.
 * sequelize-cli runs files in plain string order of their names, so a
 * numbering scheme matters only where string order and numeric order part.
 */

import { analyzeRunOrder } from '../../naming/migration-names';

/** A naming scheme as written: a counter of one width (`NNN-`), a date or timestamp (`YYYYMMDDHHMMSS-`, `YYYY-MM-DD_NN_`), or none. */
export interface NamingScheme {
  /** `NNN-`, `YYYYMMDDHHMMSS-`, `YYYY-MM-DD_NN_`, `no numeric prefix`. */
  label: string;
  kind: 'sequence' | 'timestamp' | 'version' | 'none';
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
  /** One pair per file the string sort puts out of place: it runs first although its name puts it after the other. */
  inversions: { runsFirst: string; runsAfter: string }[];
  /** String order (what the runner uses) equals the order the names intend, within each family of schemes. */
  stringOrderIsNumeric: boolean;
}

/** Analyzes file names given in run order (plain string sort), with the same reading of names as `valid-migration-order`. */
export function analyzeNumbering(namesInRunOrder: readonly string[]): NumberingAnalysis {
  const { parsed, duplicates, misplaced } = analyzeRunOrder(namesInRunOrder);
  const schemes = new Map<string, NamingScheme & { firstKey?: string; lastKey?: string }>();
  namesInRunOrder.forEach((name, i) => {
    const p = parsed[i];
    const label = p ? p.label : 'no numeric prefix';
    let scheme = schemes.get(label);
    if (!scheme) {
      scheme = { label, kind: !p ? 'none' : p.family === 'number' ? 'sequence' : p.family === 'version' ? 'version' : 'timestamp', files: [] };
      schemes.set(label, scheme);
    }
    scheme.files.push(name);
    if (p) {
      if (scheme.firstKey === undefined || p.key < scheme.firstKey) [scheme.first, scheme.firstKey] = [p.prefix, p.key];
      if (scheme.lastKey === undefined || p.key > scheme.lastKey) [scheme.last, scheme.lastKey] = [p.prefix, p.key];
    }
  });

  // Gaps: only a counter is meant to be contiguous; dates and times are not.
  const numbers = parsed.flatMap((p) => (p?.family === 'number' ? [p.prefix] : []));
  const width = numbers.reduce((w, d) => Math.max(w, d.length), 0);
  const values = [...new Set(numbers.map((d) => BigInt(d)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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

  const inversions = misplaced.map((o) =>
    o.direction === 'late'
      ? { runsFirst: namesInRunOrder[o.other]!, runsAfter: namesInRunOrder[o.index]! }
      : { runsFirst: namesInRunOrder[o.index]!, runsAfter: namesInRunOrder[o.other]! },
  );

  return {
    schemes: [...schemes.values()]
      .map(({ firstKey: _f, lastKey: _l, ...scheme }) => scheme)
      .sort((a, b) => b.files.length - a.files.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
    duplicates: duplicates.map((d) => ({ prefix: parsed[d.indexes[0]!]!.prefix, files: d.indexes.map((i) => namesInRunOrder[i]!) })),
    gaps,
    missingCount,
    inversions,
    stringOrderIsNumeric: inversions.length === 0,
  };
}
