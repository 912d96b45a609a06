import { readFileSync } from 'node:fs';
import type { Finding, Target } from '../model';
import { UsageError } from '../util/errors';

export const BASELINE_VERSION = 1;

/**
 * One accepted finding, or several identical ones (`count`). What it matches
 * on survives unrelated edits: never a line or a column.
 *
 * - `target`: what the finding acts on (`users.bio`, `public.users`,
 *   `user_achievements (user_achievements_unique)`), when the rule names it;
 * - `detail`: otherwise, the message's parameters (`env=production; key=password`),
 *   with `file:line` references stripped.
 */
export interface BaselineEntry {
  rule: string;
  /** Project-relative POSIX path. */
  file: string;
  messageId?: string;
  target?: string;
  detail?: string;
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

type Key = Omit<BaselineEntry, 'count'>;

/** The identity of a finding, for matching: rule, file, messageId, then target or the message's parameters. */
export function baselineKey(f: Finding): Key {
  const key: Key = { rule: f.rule, file: f.file };
  if (f.messageId !== undefined) key.messageId = f.messageId;
  const target = f.target ? targetText(f.target) : null;
  if (target !== null) key.target = target;
  else if (f.data && Object.keys(f.data).length > 0) key.detail = detailText(f.data);
  return key;
}

/** `schema.table.column`, then ` (name)` and ` -> newName`; null when nothing in it is known. */
export function targetText(t: Target): string | null {
  const parts = [t.schema, t.table, t.column].filter((p): p is string => typeof p === 'string' && p !== '');
  let out = parts.join('.');
  if (t.name) out += out === '' ? t.name : ` (${t.name})`;
  if (t.newName) out += ` -> ${t.newName}`;
  return out === '' ? null : out;
}

function detailText(data: Record<string, string>): string {
  return Object.keys(data)
    .sort()
    .map((k) => `${k}=${stripLocations(String(data[k]))}`)
    .join('; ');
}

/** `config/x.js:12`, `line 12, column 3` -> without the numbers: they move with unrelated edits. */
function stripLocations(s: string): string {
  return s
    .replace(/(\.[A-Za-z]{1,4}|package\.json):\d+(:\d+)?/g, '$1')
    .replace(/\b(line|lines|column|col)\s+\d+(\s*[-–]\s*\d+)?/gi, '$1 ?')
    .replace(/\s+/g, ' ')
    .trim();
}

function keyString(k: Key): string {
  return JSON.stringify([k.rule, k.file, k.messageId ?? '', k.target ?? '', k.detail ?? '']);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Today's findings as a baseline: one entry per key, with a count; sorted. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const key = baselineKey(f);
    const s = keyString(key);
    const entry = byKey.get(s);
    if (entry) entry.count++;
    else byKey.set(s, { ...key, count: 1 });
  }
  const entries = [...byKey.values()].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.rule, b.rule) ||
      cmp(a.messageId ?? '', b.messageId ?? '') ||
      cmp(a.target ?? '', b.target ?? '') ||
      cmp(a.detail ?? '', b.detail ?? ''),
  );
  return { version: BASELINE_VERSION, entries };
}

/** Deterministic text: one entry per line, so a shrinking baseline diffs line by line. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map((e) => {
    const ordered: BaselineEntry = { rule: e.rule, file: e.file, count: e.count };
    if (e.messageId !== undefined) ordered.messageId = e.messageId;
    if (e.target !== undefined) ordered.target = e.target;
    if (e.detail !== undefined) ordered.detail = e.detail;
    return `    ${JSON.stringify(ordered)}`;
  });
  const body = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "version": ${baseline.version},\n  "description": "Findings accepted by \`migralint baseline\`: \`migralint report\` hides them and reports only new ones. Regenerate to shrink it.",\n  "entries": ${body}\n}\n`;
}

/** Reads and validates a baseline file; a missing or malformed file is a usage error (exit 2). */
export function readBaseline(file: string, display = file): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline file not found: ${display} (create it with \`migralint baseline\`)`);
    throw new UsageError(`cannot read the baseline ${display}: ${code ?? (error as Error).message}`);
  }
  return parseBaseline(text, display);
}

export function parseBaseline(text: string, display: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the baseline ${display} is not valid JSON (${(error as Error).message}); regenerate it with \`migralint baseline\``);
  }
  const bad = (why: string) => new UsageError(`the baseline ${display} is malformed: ${why}; regenerate it with \`migralint baseline\``);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('expected an object');
  const { version, entries } = doc as { version?: unknown; entries?: unknown };
  if (version !== BASELINE_VERSION) throw bad(`unsupported version ${JSON.stringify(version)} (this migralint reads version ${BASELINE_VERSION})`);
  if (!Array.isArray(entries)) throw bad('"entries" is not an array');
  const out: BaselineEntry[] = [];
  entries.forEach((e: unknown, i) => {
    const o = e as Record<string, unknown>;
    const str = (k: string) => o[k] === undefined || typeof o[k] === 'string';
    if (typeof o !== 'object' || o === null || typeof o.rule !== 'string' || typeof o.file !== 'string' || !str('messageId') || !str('target') || !str('detail')) {
      throw bad(`entry ${i + 1} needs string "rule" and "file" (and string "messageId", "target", "detail" when present)`);
    }
    const count = o.count === undefined ? 1 : o.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw bad(`entry ${i + 1} has a bad "count"`);
    const entry: BaselineEntry = { rule: o.rule, file: o.file, count };
    if (o.messageId !== undefined) entry.messageId = o.messageId as string;
    if (o.target !== undefined) entry.target = o.target as string;
    if (o.detail !== undefined) entry.detail = o.detail as string;
    out.push(entry);
  });
  return { version: BASELINE_VERSION, entries: out };
}

export interface BaselineResult {
  /** Findings beyond the baseline's counts: what the run reports. */
  fresh: Finding[];
  /** Findings the baseline accepts. */
  hidden: number;
  /** Baselined findings that no longer occur (the file can shrink). */
  gone: number;
}

/**
 * Hides up to `count` findings per entry. When a key has more findings than
 * the baseline accepts, the first ones in report order are hidden and the
 * others reported.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineResult {
  const allowed = new Map<string, number>();
  for (const e of baseline.entries) {
    const s = keyString(e);
    allowed.set(s, (allowed.get(s) ?? 0) + e.count);
  }
  const fresh: Finding[] = [];
  let hidden = 0;
  for (const f of findings) {
    const s = keyString(baselineKey(f));
    const left = allowed.get(s) ?? 0;
    if (left > 0) {
      allowed.set(s, left - 1);
      hidden++;
    } else fresh.push(f);
  }
  let gone = 0;
  for (const left of allowed.values()) gone += left;
  return { fresh, hidden, gone };
}
