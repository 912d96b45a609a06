/**
 * Static name resolution (`StaticScopes`, over @typescript-eslint/scope-manager)
 * as the npm-scripts and config readers use it.
 */
import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../../src/parse';
import { StaticScopes } from '../../src/extract/static-scope';
import { traverse } from '../../src/traverse';

/** The declaration of the last identifier `name` of the source, as seen from where it stands. */
function resolve(source: string, name: string) {
  const parsed = parseSource(source, 'x.ts');
  if (!parsed.ok) throw new Error(parsed.message);
  let chain: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [];
  traverse(parsed.ast, {
    enter: (n) => {
      if (n.type === 'Identifier' && n.name === name) chain = [...stack].reverse();
      stack.push(n);
    },
    leave: () => {
      stack.pop();
    },
  });
  return new StaticScopes(parsed.ast).declarationAt(name, chain);
}

describe('StaticScopes', () => {
  it('finds constants, with the path of a destructured name and its default', () => {
    const d = resolve('const { a: { b = 1 } } = cfg;\nuse(b);', 'b');
    expect(d?.kind).toBe('var');
    if (d?.kind !== 'var') return;
    expect(d.declKind).toBe('const');
    expect(d.path.map((s) => s.key)).toEqual(['a', 'b']);
    expect(d.defaultValue?.type).toBe('Literal');
  });

  it('finds parameters with their index, and does not follow rest parameters', () => {
    const d = resolve('function f(x, { y } = {}) { return y; }', 'y');
    expect(d).toMatchObject({ kind: 'param', index: 1 });
    expect(resolve('function f(...rest) { return rest; }', 'rest')).toBeNull();
  });

  it('tells loop variables, caught errors, classes and imports apart', () => {
    expect(resolve('for (const t of list) { use(t); }', 't')).toEqual({ kind: 'loop' });
    expect(resolve('for (var i = 0; i < 3; i++) {}\nuse(i);', 'i')).toEqual({ kind: 'loop' });
    expect(resolve('try {} catch (e) { use(e); }', 'e')).toEqual({ kind: 'catch' });
    expect(resolve('class C {}\nuse(C);', 'C')).toEqual({ kind: 'class' });
    expect(resolve("import { x as y } from './m';\nuse(y);", 'y')).toEqual({ kind: 'import', spec: './m', imported: 'x' });
    expect(resolve("import d from './m';\nuse(d);", 'd')).toEqual({ kind: 'import', spec: './m', imported: null });
  });

  it('follows shadowing, and leaves globals to the caller', () => {
    const d = resolve('const a = 1;\nfunction f() { const a = 2; return a; }', 'a');
    expect(d?.kind === 'var' && d.declarator.init?.type === 'Literal' && d.declarator.init.value).toBe(2);
    expect(resolve('use(process);', 'process')).toBeNull();
  });

  it('resolves an identifier by itself, without the caller walking to it (runner detection, models reader)', () => {
    const parsed = parseSource("const dir = 'a';\nfunction make() { const dir = 'b'; return new Umzug({ path: dir }); }", 'x.ts');
    if (!parsed.ok) throw new Error(parsed.message);
    const ids: TSESTree.Identifier[] = [];
    traverse(parsed.ast, (n) => {
      if (n.type === 'Identifier' && n.name === 'dir') ids.push(n);
    });
    const scopes = new StaticScopes(parsed.ast);
    const use = ids[ids.length - 1]!;
    const d = scopes.declarationOf(use);
    expect(d?.kind === 'var' && d.declarator.init?.type === 'Literal' && d.declarator.init.value).toBe('b');
  });
});
