import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tsNodeCompile } from './fuzz';
import { noStackTrace, unsafeProject } from './support';

const FILE = 'migrations/20240102000000-hostile.js';

/** A migration whose `up` runs `body`, with `head` above the export. */
function migration(body: string, head = '', fn = 'async (queryInterface) =>'): string {
  return `${head}module.exports = {\n  up: ${fn} {\n    ${body}\n  },\n  down: async () => {},\n};\n`;
}

/** What Node says of the file: does `node --check` load it? */
function nodeAccepts(file: string): boolean {
  return spawnSync(process.execPath, ['--check', file]).status === 0;
}

/** The runner's verdict on a TypeScript migration: compiled as ts-node `--transpile-only` does, then `node --check` on the output. */
function runnerAccepts(file: string): boolean {
  const esm = file.endsWith('.mts');
  const compiled = tsNodeCompile(readFileSync(file, 'utf8'), esm);
  if (compiled === null) return false;
  const out = file.replace(/\.[cm]?ts$/, esm ? '.compiled.mjs' : '.compiled.cjs');
  writeFileSync(out, compiled);
  return nodeAccepts(out);
}

/** `report --format json` over a project holding one unsafe migration and `source`: the findings on `source`, and the exit code. */
async function verdict(source: string, file = FILE) {
  const dir = unsafeProject({ [file]: source });
  const r = await runCli(['report', dir, '--no-config', '--format', 'json']);
  expect(noStackTrace(r.stderr)).toBe(true);
  const findings = JSON.parse(r.stdout).findings as { rule: string; file: string; line: number; message: string }[];
  // The other file is still analyzed.
  expect(findings.map((f) => f.rule)).toContain('no-destructive-down');
  return { code: r.code, findings: findings.filter((f) => f.file === file), abs: path.join(dir, file) };
}

describe('parse verdicts equal Node’s', () => {
  it.each([
    ['a U+200B in code', migration("await queryInterface.addColumn('users', 'bio', {\u200B type: 'TEXT' });"), 3, /U\+200B zero width space/],
    ['`await` in a function that is not async', migration("await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });", '', 'function (queryInterface)'), 3, /`await` is only allowed within async functions/],
    ['a `const` declared twice', migration('return null;', "const TABLE = 'users';\nconst TABLE = 'people';\n"), 2, /Identifier `TABLE` has already been declared/],
    ['`return` at the top of an ES module (.mjs)', "export default { up: async () => {}, down: async () => {} };\nreturn;\n", 2, /'return' statement can only be used within a function body/, FILE.replace(/\.js$/, '.mjs')],
    ['a regular expression V8 refuses', migration("await queryInterface.sequelize.query('SELECT 1'.replace(/(/, ''));"), 3, /Invalid regular expression: \/\(\/: Unterminated group/],
  ])('%s: a parse-error, as Node refuses it', async (_name, source, line, message, file = FILE) => {
    const r = await verdict(source, file);
    expect(nodeAccepts(r.abs)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'parse-error', line, message: expect.stringMatching(message) })]);
    expect(r.findings[0]!.message).toMatch(/Node cannot load it/);
  });

  it.each([
    ['a U+200B inside a string and a comment', migration("await queryInterface.addColumn('users', 'bio\u200B', { type: 'TEXT' }); // \u200B")],
    ['`return` at the top of a CommonJS file', migration('return null;', 'if (process.env.SKIP) return;\n')],
    ['`var` declared twice', migration('return null;', "var TABLE = 'users';\nvar TABLE = 'people';\n")],
    ['the same `const` in two blocks', migration("{ const t = 'a'; }\n    { const t = 'b'; }")],
  ])('%s: no parse-error, as Node loads it', async (_name, source) => {
    const r = await verdict(source);
    expect(nodeAccepts(r.abs)).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'parse-error')).toEqual([]);
  });

  it('a valid regular expression is no parse-error (annex B and `v` flag patterns included)', async () => {
    const r = await verdict(migration("await queryInterface.sequelize.query('SELECT 1'.replace(/]{/g, '').replace(/[\\p{L}--[a-z]]/v, ''));"));
    expect(nodeAccepts(r.abs)).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'parse-error')).toEqual([]);
  });

  it('a valid 5,000-term string concatenation is analyzed, not reported as a stack overflow', async () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `'SELECT ${i}; '`).join(' +\n  ');
    const r = await verdict(migration('await queryInterface.sequelize.query(SQL);', `const SQL = ${terms};\n`));
    expect(nodeAccepts(r.abs)).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(1);
  }, 60_000);
});

const TS_FILE = 'migrations/20240102000000-hostile.ts';

/** A TypeScript migration in umzug's shape whose `up` runs `body`, with `head` above it. */
function tsMigration(body: string, head = '', fn = 'async ({ context: queryInterface }: { context: QueryInterface }) =>'): string {
  return `import type { QueryInterface } from 'sequelize';\n${head}export const up = ${fn} {\n  ${body}\n};\nexport const down = async () => {};\n`;
}

describe('parse verdicts of TypeScript migrations equal the runner’s (ts-node --transpile-only, then Node)', () => {
  it.each([
    ['a `const` declared twice', tsMigration('return;', "const TABLE = 'users';\nconst TABLE: string = 'people';\n"), 3, /Identifier `TABLE` has already been declared: Node cannot load it once compiled/],
    ['`await` in a function that is not async', tsMigration("await queryInterface.dropTable('users');", '', 'function ({ context: queryInterface }: { context: QueryInterface })'), 3, /`await` is only allowed within async functions/],
    ['top-level `await` (compiled to CommonJS)', tsMigration('return;', 'await Promise.resolve();\n'), 2, /`await` is only allowed within async functions/],
    ['a regular expression V8 refuses', tsMigration("await queryInterface.sequelize.query('SELECT 1'.replace(/(/, ''));"), 3, /Invalid regular expression: \/\(\//],
    ['a parameter declared twice (strict mode)', tsMigration('return;', 'function pick(a: string, a: number) { return a; }\n'), 2, /Identifier `a` has already been declared/],
    ['a `with` statement (strict mode)', tsMigration("with (queryInterface) { await dropTable('users'); }"), 3, /'with' statements are not allowed/],
    ['a syntax error TypeScript reports', tsMigration("await queryInterface.dropTable('users'"), 4, /',' expected/],
    ['a `const` declared twice in an ES module (.mts)', tsMigration('return;', "const TABLE = 'users';\nconst TABLE = 'people';\n"), 3, /Identifier `TABLE` has already been declared/, TS_FILE.replace(/\.ts$/, '.mts')],
  ])('%s: a parse-error, as the runner refuses it', async (_name, source, line, message, file = TS_FILE) => {
    const r = await verdict(source, file);
    expect(runnerAccepts(r.abs)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'parse-error', line, message: expect.stringMatching(message) })]);
  });

  it.each([
    ['a U+200B between tokens (TypeScript skips it as white space)', tsMigration("await queryInterface.dropTable(\u200B'users');")],
    ['`return` at the top of the file (compiled into the CommonJS wrapper)', tsMigration('return;', 'if (process.env.SKIP) return;\n')],
    ['the same name imported twice (two `require`s once compiled)', tsMigration('return;', "import a from 'sequelize';\nimport a from 'umzug';\n")],
    ['a required parameter after an optional one (a type error, not a syntax error)', tsMigration('return;', 'function pick(a?: string, b: number) { return b; }\n')],
    ['`abstract` on a function (TypeScript reports it only when type-checking)', tsMigration('return;', 'abstract function helper() {}\n')],
    ['an enum and a namespace merged, a function overloaded', tsMigration('return;', 'enum E { A }\nenum E { B = 2 }\nfunction f(a: string): void;\nfunction f(a: unknown) {}\nnamespace f { export const x = 1; }\n')],
    ['an interface and a `const` of one name', tsMigration('return;', 'interface TABLE { name: string }\nconst TABLE = 1;\n')],
  ])('%s: no parse-error, as the runner loads it', async (_name, source) => {
    const r = await verdict(source, TS_FILE);
    expect(runnerAccepts(r.abs)).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'parse-error')).toEqual([]);
  });
});
