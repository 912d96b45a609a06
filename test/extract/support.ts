/**
 * Shared machinery of the table-driven extraction tests in test/extract/.
 *
 * A case is a realistic migration given inline and the exact operations its
 * `up` and `down` must extract to, written in the projection of
 * test/helpers/extract.ts (the same one the fixtures/shapes expectations use):
 * `op`, `table`, `column`, `line` always; every other key takes its default
 * (`guard: null`, all flags false) unless the case names it.
 *
 * A few extra keys can be asserted when a case names them: `name`, `newName`
 * (as in the shapes fixtures), `schema`, `options`, `fields`, `callee`.
 */
import { expect, it } from 'vitest';
import { extractSource, normalizeExpected, project, type ProjectedOp } from '../helpers/extract';
import type { Operation } from '../../src/model';

export type Extracted = ReturnType<typeof extractSource>;

export interface ExpectedOp extends Partial<ProjectedOp> {
  op: string;
  table: string | null;
  column: string | null;
  line: number;
  schema?: string | null;
  /** Compared with toEqual: use `expect.objectContaining(...)` for a subset. */
  options?: unknown;
  fields?: unknown;
  callee?: string;
}

export interface Case {
  name: string;
  source: string;
  /** File name (the extension picks JS or TS parsing). */
  file?: string;
  /** Defaults to `ok`. */
  status?: 'ok' | 'not-a-migration';
  /** Exact operations of up, in order. Defaults to `[]`. */
  up?: ExpectedOp[];
  /** Exact operations of down, in order. Defaults to `[]`. */
  down?: ExpectedOp[];
  /** Extra assertions on the whole result (replaces the exact up/down check when `exact` is false). */
  check?: (result: Extracted) => void;
  /** Set to false when `check` alone decides (the op lists are then not compared). */
  exact?: boolean;
  /** For cases under "known bugs": what is wrong in the extractor. */
  bug?: string;
}

const EXTRA_KEYS = ['schema', 'options', 'fields', 'callee'] as const;

/** Projects an operation onto exactly the keys the expectation names. */
export function projectOp(op: Operation, want: ExpectedOp | undefined): Record<string, unknown> {
  const base = want ? normalizeExpected(stripExtras(want)) : undefined;
  const out: Record<string, unknown> = { ...project(op, base) };
  if (want) {
    if ('schema' in want) out.schema = op.target.schema ?? null;
    if ('options' in want) out.options = op.options;
    if ('fields' in want) out.fields = op.fields ?? null;
    if ('callee' in want) out.callee = op.callee;
  }
  return out;
}

function stripExtras(e: ExpectedOp): Partial<ProjectedOp> & { op: string } {
  const copy: Record<string, unknown> = { ...e };
  for (const k of EXTRA_KEYS) delete copy[k];
  return copy as Partial<ProjectedOp> & { op: string };
}

function expectedOf(e: ExpectedOp): Record<string, unknown> {
  const out: Record<string, unknown> = { ...normalizeExpected(stripExtras(e)) };
  for (const k of EXTRA_KEYS) if (k in e) out[k] = e[k];
  return out;
}

/** Runs one case: extracts, then compares status and the exact operations of up and down. */
export function runCase(c: Case): Extracted {
  const result = extractSource(c.source, c.file ?? 'migration.js');
  expect(result.status, `status of ${c.name}`).toBe(c.status ?? 'ok');
  if (c.exact !== false) {
    for (const phase of ['up', 'down'] as const) {
      const want = (c[phase] ?? []).map(expectedOf);
      const wantRaw = c[phase] ?? [];
      const got = result[phase].map((op, i) => projectOp(op, wantRaw[i]));
      expect(got, `${phase} of ${c.name}`).toEqual(want);
    }
  }
  c.check?.(result);
  return result;
}

/**
 * Template tag for inline migrations: drops the first line break and the
 * common indentation, so line 1 of the migration is the first line after the
 * backtick. Escapes are cooked (`\`` is a backtick, `\${` a literal `${`).
 */
export function src(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = '';
  strings.forEach((s, i) => {
    text += s;
    if (i < values.length) text += String(values[i]);
  });
  if (text.startsWith('\n')) text = text.slice(1);
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

/** Shorthand for the common `{ op, table, column, line }` head of an expectation. */
export function op(
  kind: string,
  table: string | null,
  column: string | null,
  line: number,
  rest: Partial<ExpectedOp> = {},
): ExpectedOp {
  return { op: kind, table, column, line, ...rest };
}

/**
 * `it.fails` for the "known bugs" blocks: the suite stays green while the bug
 * is there, and turns red once it is fixed (move the case up then). Run with
 * `MIGRALINT_SHOW_BUGS=1` to see each bug's actual diff instead.
 */
type KnownBugTest = Pick<typeof it.fails, 'each'> & ((name: string, fn: () => void) => void);
export const itKnownBug: KnownBugTest = process.env.MIGRALINT_SHOW_BUGS ? it : it.fails;
