/**
 * Markdown building blocks for the safety report. Everything that comes
 * from the analyzed project (file, table, column names, messages) goes
 * through these helpers, so a name with a backtick or a pipe cannot break
 * the document.
 */

/** An inline code span that survives backticks in `text` (CommonMark: a longer fence, padded). */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const runs = flat.match(/`+/g) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Inline Markdown written by a rule (messages, help): kept as Markdown, made
 * to fit on one line, with `<` escaped outside code spans so a message such
 * as "expected <name>" is not swallowed as an HTML tag.
 */
export function inline(markdown: string): string {
  const flat = markdown.replace(/\s*\r?\n\s*/g, ' ').trim();
  return flat
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;')))
    .join('');
}

/**
 * A table cell: one line, `|` escaped. GitHub-flavoured Markdown splits rows
 * on unescaped pipes before parsing code spans, so the escape is needed
 * inside code spans too (and is rendered as a plain `|` there).
 */
export function cell(markdown: string): string {
  const flat = markdown.replace(/\r?\n/g, ' ').trim();
  const escaped = flat.replace(/(?<!\\)\|/g, '\\|');
  return escaped === '' ? ' ' : escaped;
}

export type Align = 'left' | 'right' | 'center';

/** A GFM table; `rows` are Markdown cells (escaped here). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const separator = `|${headers
    .map((_, i) => {
      const a = align[i] ?? 'left';
      return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
    })
    .join('|')}|`;
  const body = rows.map((row) => {
    if (row.length !== headers.length) throw new Error(`table row has ${row.length} cells, header has ${headers.length}`);
    return line(row);
  });
  return [line(headers), separator, ...body].join('\n');
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** `a, b, c, d, +3 more`: the first `max` items, then how many were left out. */
export function collapse(items: readonly string[], max = 4, separator = ', '): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)}${separator}+${items.length - max} more`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Plain string comparison (what sequelize-cli sorts by), independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain text in running Markdown: characters that would start emphasis, links or HTML are escaped. */
export function text(plain: string): string {
  return plain.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/**
 * Where `file:line` locations link to: a URL prefix the project-relative path
 * is appended to (`https://github.com/o/r/blob/<sha>/packages/api/` in CI,
 * a relative `../` or `` next to the project otherwise), or null for no link.
 */
export type LinkBase = string | null;

/** The link target of `file` (at `line`) under `base`, or null without a base. */
export function fileHref(file: string, line: number | null, base: LinkBase): string | null {
  if (base === null) return null;
  const href = `${base}${file}`
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
    // Keep the scheme and host of an absolute base readable.
    .replace(/^(https?)%3A\/\//, '$1://');
  return `${href}${line === null ? '' : `#L${line}`}`;
}

/** `` [`file:line`](base/file#Lline) ``, or the bare code span without a base. */
export function fileLink(file: string, line: number | null, base: LinkBase): string {
  const label = code(line === null ? file : `${file}:${line}`);
  const href = fileHref(file, line, base);
  return href === null ? label : `[${label}](${href})`;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
