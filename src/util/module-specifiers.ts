/**
 * Module specifiers read from a source's text, without parsing it: which files a module imports or requires.
 * Shared by the readers that ask whether the application loads a module (src/rules/model-use.ts,
 * src/config/connections.ts, the models-less instance check of src/scripts/node-script.ts).
 */
import path from 'node:path';

/** A module specifier in a `require(...)`, an `import(...)`, an `import ... from` or a bare `import '...'`. */
export const SPECIFIER = /(?:require\s*\(|import\s*\(|\bfrom\s+|^\s*import\s+)\s*['"`]([^'"`]+)['"`]/gm;

/** The project-relative path a relative module specifier of `file` names (`../models/user` from `src/app.js`). */
export function specifierTarget(file: string, spec: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

/** A module path without its script extension (`.js`, `.ts`, `.mjs`, `.cjs`, `.jsx`, `.tsx`...), as specifiers name it. */
export function withoutExtension(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

/**
 * The source with its comments blanked (each comment's characters but newlines turned into spaces, so offsets and lines
 * stay): a commented-out `// import { x } from '../models'` imports nothing. Strings and template literals are skipped
 * as written (a `//` inside `'http://...'` is no comment); a regular expression literal is not told from a division,
 * the one approximation of a reader that does not parse.
 */
export function codeOnly(text: string): string {
  if (!text.includes('//') && !text.includes('/*')) return text;
  let out = '';
  let i = 0;
  let last = 0;
  const blank = (from: number, to: number) => {
    out += text.slice(last, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
    last = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const to = end < 0 ? text.length : end;
      blank(i, to);
      i = to;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const to = end < 0 ? text.length : end + 2;
      blank(i, to);
      i = to;
    } else if (c === '"' || c === "'" || c === '`') {
      // To the closing quote (escapes skipped); a quote or double quote string ends at the line's end at the latest.
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else {
      i++;
    }
  }
  return out + text.slice(last);
}
