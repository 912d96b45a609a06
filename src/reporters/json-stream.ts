/**
 * `JSON.stringify(value, null, 2)` written in pieces, for documents too large to hold as one string (the JSON
 * report of a project of 30,000 migrations is 266 MB of text, twice that as a JavaScript string with one
 * non-Latin-1 character in it).
 *
 * A document marks its long arrays as {@link StreamedArray}: their items are turned into JSON one at a time, as
 * the pieces are consumed, so neither the text nor the JSON-ready copy of every item is ever whole in memory.
 * Everything else goes through `JSON.stringify` as it is; joined, the pieces are byte for byte
 * `JSON.stringify` of the document with every StreamedArray replaced by its mapped items.
 */

/** An array whose items are mapped to their JSON form only when they are written. */
export class StreamedArray<T> {
  constructor(
    readonly items: readonly T[],
    readonly toJson: (item: T) => unknown,
  ) {}
}

/** A plain object with a StreamedArray among its values, or in a plain object among them: written key by key. */
function holdsStreamedArray(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof StreamedArray) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return false;
  return Object.values(value).some((v) => v instanceof StreamedArray || holdsStreamedArray(v));
}

/** `JSON.stringify(value, null, 2)` as it reads at `indent` inside a larger document (undefined: left out). */
function stringifyAt(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  // JSON.stringify escapes line breaks inside strings: every '\n' of its text is an indentation point.
  return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` (see the module comment), as written at `indent`. Pieces are
 * small (an item, a key): a writer batches them.
 */
export function* streamJson(value: unknown, indent = ''): Generator<string, void, undefined> {
  const inner = `${indent}  `;
  if (value instanceof StreamedArray) {
    if (value.items.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    let first = true;
    for (const item of value.items) {
      // As JSON.stringify writes an array item that has no JSON form (undefined, a function): null.
      yield `${first ? '' : ','}\n${inner}${stringifyAt(value.toJson(item), inner) ?? 'null'}`;
      first = false;
    }
    yield `\n${indent}]`;
    return;
  }
  if (!holdsStreamedArray(value)) {
    const text = stringifyAt(value, indent);
    if (text !== undefined) yield text;
    return;
  }
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    const streamed = v instanceof StreamedArray || holdsStreamedArray(v);
    const text = streamed ? null : stringifyAt(v, inner);
    if (text === undefined) continue; // a key whose value has no JSON form is left out, as JSON.stringify does
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    if (text === null) yield* streamJson(v, inner);
    else yield text;
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** Pieces joined into strings of at least `size` characters (the last one may be shorter): fewer, larger writes. */
export function* batched(pieces: Iterable<string>, size = 64 * 1024): Generator<string, void, undefined> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}
