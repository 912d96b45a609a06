/**
 * A custom runner's file-name filter, read from its `.filter(...)` callback without running it
 * (src/runner/name-filter.ts): true kept, false left out, undefined not known (the name is kept).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { nameFilterOf } from '../../src/runner/name-filter';

function callback(code: string): TSESTree.Node {
  const program = parse(`files.filter(${code});`);
  const statement = program.body[0] as TSESTree.ExpressionStatement;
  return (statement.expression as TSESTree.CallExpression).arguments[0]!;
}

describe('a runner\'s name filter, evaluated for a name', () => {
  it.each([
    { code: `(f) => f.endsWith('.js')`, name: 'a.js', expected: true },
    { code: `(f) => f.endsWith('.js')`, name: 'a.ts', expected: false },
    { code: `(f) => f.endsWith('.js') && f !== 'index.js'`, name: 'index.js', expected: false },
    { code: `(f) => /^\\d{8,}/.test(f)`, name: '20250101-x.js', expected: true },
    { code: `(f) => /^\\d{8,}/.test(f)`, name: 'generate-migration.js', expected: false },
    { code: `(f) => path.extname(f) === '.js' && f.indexOf('.') !== 0`, name: '.hidden.js', expected: false },
    { code: `(f) => path.extname(f) === '.js' && f.indexOf('.') !== 0`, name: 'x.js', expected: true },
    { code: `(f) => f.match(/\\.js$/) && !f.includes('test')`, name: 'a.test.js', expected: false },
    { code: `(f) => f.toLowerCase().startsWith('0') ? true : false`, name: '001.js', expected: true },
    { code: `function (file) { if (file === 'migrate.js') return false; console.log(file); return file.endsWith('.js'); }`, name: 'migrate.js', expected: false },
    { code: `function (file) { if (file === 'migrate.js') return false; console.log(file); return file.endsWith('.js'); }`, name: 'a.js', expected: true },
    { code: `function (file) { if (file.startsWith('_')) { return false; } }`, name: 'a.js', expected: false },
    // Not known: a value from outside the callback, a call migralint does not read, a statement with an effect.
    { code: `(f) => f !== SELF && f.endsWith('.js')`, name: 'a.js', expected: undefined },
    { code: `(f) => f !== SELF && f.endsWith('.js')`, name: 'a.ts', expected: false },
    { code: `(f) => fs.statSync(f).isFile()`, name: 'a.js', expected: undefined },
    { code: `function (f) { seen.push(f); return true; }`, name: 'a.js', expected: undefined },
    { code: `function (f) { if (isDir(f)) return false; return true; }`, name: 'a.js', expected: undefined },
  ])('$code on $name: $expected', ({ code, name, expected }) => {
    expect(nameFilterOf(callback(code))!(name)).toBe(expected);
  });

  it('no filter for a callback that is not a function of one named parameter', () => {
    expect(nameFilterOf(callback('isMigration'))).toBeNull();
    expect(nameFilterOf(callback('({ name }) => name.endsWith(".js")'))).toBeNull();
  });
});
