import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
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

  it('a valid 5,000-term string concatenation is analyzed, not reported as a stack overflow', async () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `'SELECT ${i}; '`).join(' +\n  ');
    const r = await verdict(migration('await queryInterface.sequelize.query(SQL);', `const SQL = ${terms};\n`));
    expect(nodeAccepts(r.abs)).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(1);
  }, 60_000);
});
