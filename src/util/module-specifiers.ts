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
