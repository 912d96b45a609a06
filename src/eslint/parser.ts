/**
 * The parser the presets give ESLint. JavaScript and TypeScript go to
 * `@typescript-eslint/parser`. Two kinds of file get a program with no
 * statements instead:
 * - a JSON database config (sequelize-cli's `config/config.json`): ESLint's
 *   JS parsers cannot read JSON (ESLint 9 fails on the file, and
 *   `eslint config` exits 2), and the rules need no tree of it: they read the
 *   file's text with the project's own JSON config reader
 *   (src/config/read-db-config.ts), which also judges a file that does not
 *   parse, as the CLI does;
 * - a file the project's migralint configuration `ignores`: the CLI does not
 *   read it at all, so a legacy migration that no longer parses fails neither;
 * - a file over the size cap (`limits.maxFileBytes`, src/limits.ts): the CLI
 *   does not read it, and parsing 40 MB would hold the editor's lint server
 *   for seconds and gigabytes; the rules say it is over the limit.
 */
import path from 'node:path';
import tsParser = require('@typescript-eslint/parser');
import { toolVersion } from '../version';
import { textOver } from '../limits';
import { isIgnoredFile, maxFileBytesFor } from './project-index';

export const meta = { name: 'migralint/parser', version: toolVersion() };

/** Files this parser reads as JSON: the presets' database config patterns ending in `.json`. */
const JSON_FILE = /\.json$/i;

/** ESLint's parser entry point: the options carry `filePath` in ESLint 8, 9 and 10. */
export function parseForESLint(code: string, options: { filePath?: string } & Record<string, unknown> = {}): unknown {
  const file = options.filePath;
  if (file !== undefined && (JSON_FILE.test(file) || isIgnoredFile(path.resolve(file)) || textOver(code, maxFileBytesFor(path.resolve(file))))) return { ast: emptyProgram(code) };
  return tsParser.parseForESLint(code, options);
}

/** An ESTree program spanning `code`, with no statements, tokens or comments. */
function emptyProgram(code: string): unknown {
  const lines = code.split(/\r\n|[\r\n\u2028\u2029]/);
  const end = { line: lines.length, column: lines[lines.length - 1]!.length };
  return { type: 'Program', sourceType: 'script', body: [], tokens: [], comments: [], range: [0, code.length], loc: { start: { line: 1, column: 0 }, end } };
}
