/**
 * Template holes.
 *
 * SQL built from template literals (`ALTER TABLE ${TABLE} ...`) only parses if
 * every hole becomes something. Callers replace each hole they cannot resolve
 * with an identifier `migralint_hole_<n>`; it is a valid identifier wherever
 * a name or an expression may appear, so the statement still parses, and the
 * analyzer reports any name that came from a hole as unknown (`null`).
 */
import type { JsonValue, Target } from '../model';
import { shorten } from '../util/text';

/** Prefix of the placeholder identifiers callers substitute for unresolved holes. */
export const HOLE_PREFIX = 'migralint_hole_';

/** The placeholder for the `index`-th hole of a template. */
export function holePlaceholder(index: number): string {
  return `${HOLE_PREFIX}${index}`;
}

/**
 * True when `name` is, or contains, a hole placeholder.
 *
 * Containment rather than equality: a hole can be part of a name
 * (`idx_${table}_email` becomes `idx_migralint_hole_0_email`), and such a
 * name is just as unknown as a whole hole.
 */
export function isHole(name: string): boolean {
  return name.includes(HOLE_PREFIX);
}

/** Every placeholder the extraction writes for a value it cannot know: numbered, and the two sides of a concatenation. */
const HOLE_IN_TEXT = new RegExp(`${HOLE_PREFIX}(?:p?\\d+|[lr])`, 'g');

/**
 * Text shown to a reader (a statement, an expression) with each hole written as the template code it stands for,
 * `${…}`: `DROP DATABASE IF EXISTS ${…}`, never the placeholder's internal name.
 */
export function withHolesShown(text: string): string {
  return text.replace(HOLE_IN_TEXT, '${…}');
}

/** A statement as a message quotes it: on one line, holes shown as `${…}`, cut to 60 characters, in backquotes. */
export function quotedStatement(statement: string): string {
  return `\`${shorten(withHolesShown(statement), 60)}\``;
}

/**
 * The hole each name of a target is, when it is one hole and nothing else (`DROP SCHEMA ${schema}`: `name` 0; not
 * `idx_${table}`, not a concatenation's sides): for the caller to say how the name is written. Undefined when none is.
 */
export function wholeHoles(target: Target): { table?: number; column?: number; name?: number } | undefined {
  const out: { table?: number; column?: number; name?: number } = {};
  for (const key of ['table', 'column', 'name'] as const) {
    const m = /^migralint_hole_(\d+)$/.exec(target[key] ?? '');
    if (m) out[key] = Number(m[1]);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Deep copy of `value` with every string naming a hole replaced by null.
 * Done once per statement, by both SQL readers, over everything a handler
 * extracted, so no handler can forget a name; values that are not extracted
 * (literals in WHERE, SET) are never looked at.
 */
export function scrubHoles(value: JsonValue | Target, holes: { found: boolean }): JsonValue {
  if (typeof value === 'string') {
    if (!isHole(value)) return value;
    holes.found = true;
    // `${schema}.posts_link_preview`: a qualified name whose schema alone is a hole names the table, as a target whose
    // schema is a hole keeps its table (the schema unknown).
    const qualified = /^migralint_hole_(?:p?\d+|[lr])\.([^.]+)$/.exec(value);
    return qualified && !isHole(qualified[1]!) ? qualified[1]! : null;
  }
  if (Array.isArray(value)) return value.map((item) => scrubHoles(item, holes));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = scrubHoles(item as JsonValue, holes);
    }
    return out;
  }
  return value;
}
