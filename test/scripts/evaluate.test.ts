/**
 * The npm-scripts evaluator over the shared evaluator core: names through the
 * file's scopes, constants, unary and binary operators, conversions and
 * truthiness fold as the core does, with the command's arguments and
 * environment as the only inputs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { commandEnvironment } from '../../src/extract/environment';
import { Evaluator, prim, type Abs } from '../../src/scripts/evaluate';
import { loadUnit } from '../../src/scripts/units';
import { Workspace } from '../../src/workspace';

const ROOT = path.resolve(__dirname, '..', '..', 'fixtures', 'scripts-node');

/** The value of the last top-level `const` of `source`, run as `node script.js ...args` with `env`. */
function valueOf(source: string, args: string[] = [], env: Record<string, string> = {}): { value: Abs; notes: string[] } {
  const loaded = loadUnit(new Workspace(ROOT), path.join(ROOT, 'script.js'), true, source);
  if (!loaded.ok) throw new Error(loaded.error);
  const unit = loaded.unit;
  const evaluator = new Evaluator({ environment: commandEnvironment('script.js', args, env), units: [unit], resolve: () => null });
  const decls = unit.ast.body.filter((s): s is TSESTree.VariableDeclaration => s.type === 'VariableDeclaration');
  const init = decls[decls.length - 1]!.declarations[0]!.init!;
  return evaluator.explain(unit, init);
}

describe('scripts evaluator: folds through the core', () => {
  const cases: [string, string, unknown][] = [
    ['typeof', "const x = typeof 'a';", 'string'],
    ['unary minus on a numeric string', "const x = -'5';", -5],
    ['unary plus', "const x = +'';", 0],
    ['void', 'const x = void 0;', undefined],
    ['! of an object (process) is false', 'const x = !process;', false],
    ['! of a required module is false', "const x = !require('pg');", false],
    ['Infinity is a constant', 'const x = Infinity > 1e308;', true],
    ['Number() of a constant', "const s = '3';\nconst x = Number(s) + 1;", 4],
    ['String() of a constant', 'const x = String(12);', '12'],
    ['Boolean() of a module', "const x = Boolean(require('pg'));", true],
    ['a parameter shadows the constant of the same name', "const a = 1;\nfunction f(a) { return a * 10; }\nconst x = f(2);", 20],
    ['the same value on both arms of an unknown test', "const x = process.env.X ? 'a' : 'a';", 'a'],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    const { value } = valueOf(source);
    expect(value.k === 'unknown' || value.k === 'pstr' ? value : prim(value)).toEqual(expected);
  });

  it('leaves what it cannot fold unknown, with why', () => {
    expect(valueOf('const x = ~1;').value.k).toBe('unknown');
    const env = valueOf("const x = process.env.NODE_ENV === 'production';");
    expect(env.value).toMatchObject({ k: 'unknown', why: ['NODE_ENV is not set by the command'] });
  });

  it('reads the command: arguments and environment, and says what it relied on', () => {
    const flag = valueOf("const x = process.argv.includes('--fresh');", ['--fresh']);
    expect(prim(flag.value)).toBe(true);
    expect(flag.notes).toContain('--fresh is passed');
    const env = valueOf("const x = process.env.NODE_ENV === 'production';", [], { NODE_ENV: 'production' });
    expect(prim(env.value)).toBe(true);
    expect(env.notes).toContain('NODE_ENV=production');
  });
});

describe('scripts evaluator: bounded work', () => {
  it('a module whose functions call each other with computed arguments stops at the step budget: unknown, "too costly to follow"', () => {
    // Six levels of twelve calls each: followed with each call's arguments (uncached), about 3 million calls.
    const levels = ['function f0(x) { return x; }'];
    for (let i = 1; i <= 6; i++) levels.push(`function f${i}(x) { return ${Array.from({ length: 12 }, () => `f${i - 1}(x)`).join(' + ')}; }`);
    const { value } = valueOf(`${levels.join('\n')}\nconst x = f6('a');`);
    expect(['unknown', 'pstr']).toContain(value.k);
    expect(JSON.stringify(value)).toContain('too costly to follow');
  });

  it('under the budget the same shape folds: two levels of twelve calls', () => {
    const levels = ['function f0(x) { return x; }', `function f1(x) { return ${Array.from({ length: 12 }, () => 'f0(x)').join(' + ')}; }`];
    expect(prim(valueOf(`${levels.join('\n')}\nconst x = f1('a');`).value)).toBe('a'.repeat(12));
  });
});
