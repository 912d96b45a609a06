/**
 * The shared evaluator core (src/extract/values.ts): the folding every
 * evaluator (migration interpreter, npm-scripts evaluator, config reader)
 * does through one function, with JavaScript's semantics; and the one walker
 * of a module's exports (src/extract/syntax.ts) and the one model of the
 * environment (src/extract/environment.ts) they all read.
 */
import { describe, expect, it } from 'vitest';
import {
  NOT_STATIC,
  OBJECT_IDENTITY_METHODS,
  assignObjects,
  foldConversion,
  foldUnary,
  globalConstant,
  staticEquals,
  truthiness,
  type Primitive,
} from '../../src/extract/values';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { exportsOf } from '../../src/extract/syntax';
import { commandEnvironment, MIGRATION_ENVIRONMENT, parseArguments, readProcess, readVariable, type Environment } from '../../src/extract/environment';
import { Interpreter } from '../../src/extract/interpreter';
import { moduleContext } from '../../src/extract/extract-migration';
import { parseSource } from '../../src/parse';

describe('foldUnary', () => {
  const cases: [string, Primitive, Primitive | typeof NOT_STATIC][] = [
    ['typeof', 'a', 'string'],
    ['typeof', null, 'object'],
    ['typeof', undefined, 'undefined'],
    ['-', '5', -5],
    ['-', 2, -2],
    ['+', '', 0],
    ['+', true, 1],
    ['!', '', true],
    ['!', 'x', false],
    ['void', 1, undefined],
    // Not folded: the caller answers unknown.
    ['~', 1, NOT_STATIC],
    ['delete', 1, NOT_STATIC],
  ];
  it.each(cases)('%s %j is %j', (op, x, expected) => {
    expect(foldUnary(op, x)).toEqual(expected);
  });
  it('`-undefined` is NaN, as in JavaScript', () => {
    expect(foldUnary('-', undefined)).toBeNaN();
  });
});

describe('globalConstant', () => {
  it('knows undefined, NaN and Infinity, and no other name', () => {
    expect(globalConstant('undefined')).toEqual({ k: 'undef' });
    expect(globalConstant('Infinity')).toEqual({ k: 'num', v: Infinity });
    const nan = globalConstant('NaN');
    expect(nan?.k === 'num' && Number.isNaN(nan.v)).toBe(true);
    expect(globalConstant('process')).toBeNull();
    expect(globalConstant('undefinedX')).toBeNull();
  });
});

describe('foldConversion', () => {
  const cases: [string, Primitive, Primitive | typeof NOT_STATIC][] = [
    ['Number', '3', 3],
    ['Number', '', 0],
    ['String', 1, '1'],
    ['String', null, 'null'],
    ['Boolean', 'false', true],
    ['Boolean', 0, false],
    ['parseInt', '3', NOT_STATIC],
  ];
  it.each(cases)('%s(%j) is %j', (callee, x, expected) => {
    expect(foldConversion(callee, x)).toEqual(expected);
  });
});

describe('assignObjects (Object.assign, as the interpreter and the config reader fold it)', () => {
  const obj = (entries: [string, number][], partial = false) => ({ props: new Map(entries), partial });
  it('later keys win, in order', () => {
    const r = assignObjects([obj([['a', 1], ['b', 1]]), obj([['b', 2]])]);
    expect([...r.props]).toEqual([['a', 1], ['b', 2]]);
    expect(r.partial).toBe(false);
  });
  it('an argument that is not a known object, or a partial one, makes the result partial', () => {
    expect(assignObjects([obj([['a', 1]]), null]).partial).toBe(true);
    expect(assignObjects([obj([['a', 1]], true)]).partial).toBe(true);
  });
  it('Object.freeze, seal and preventExtensions give their argument back', () => {
    expect([...OBJECT_IDENTITY_METHODS].sort()).toEqual(['freeze', 'preventExtensions', 'seal']);
  });
});

describe('staticEquals and truthiness over any evaluator\'s values', () => {
  it('compares known primitives strictly, and nothing else', () => {
    expect(staticEquals({ k: 'str', v: '1' }, { k: 'num', v: 1 })).toBe(false);
    expect(staticEquals({ k: 'num', v: NaN }, { k: 'num', v: NaN })).toBe(false);
    expect(staticEquals({ k: 'null' }, { k: 'null' })).toBe(true);
    expect(staticEquals({ k: 'arr', items: [] }, { k: 'arr', items: [] })).toBeNull();
  });
  it('knows primitives and the core objects; another evaluator\'s own kinds are left to it', () => {
    expect(truthiness({ k: 'str', v: '' })).toBe(false);
    expect(truthiness({ k: 'obj', props: new Map(), partial: true })).toBe(true);
    expect(truthiness({ k: 'module' })).toBeNull();
    expect(truthiness({ k: 'unknown' })).toBeNull();
  });
});

describe('exportsOf: the one walker of what a module exports', () => {
  const exportsIn = (code: string, file = 'x.ts') => {
    const parsed = parseSource(code, file);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.ast.body.flatMap((stmt) =>
      exportsOf(stmt).map((e) => {
        switch (e.kind) {
          case 'assigned':
            return `assigned ${e.path.join('.') || '(whole)'} ${e.assignment.operator}`;
          case 'exportEquals':
            return 'export =';
          case 'default':
            return `default ${e.declaration.type}`;
          case 'declared':
            return `declared ${e.name} ${e.declaration.type}`;
          case 'variable':
            return `variable ${e.declarator.id.type === 'Identifier' ? e.declarator.id.name : e.declarator.id.type}`;
          case 'specifier':
            return `specifier ${e.local} as ${e.exported}${e.typeOnly ? ' (type)' : ''}`;
          case 'reexport':
            return `reexport ${e.imported} as ${e.exported} from ${e.source}`;
          case 'star':
            return `star ${e.exported ?? '*'} from ${e.source}`;
        }
      }),
    );
  };

  it('CommonJS: the whole exports, a key, a deeper path; other assignments are not exports', () => {
    const code = 'module.exports = {};\nexports.up = 1;\nmodule.exports.config.dev += 2;\nconfig.x = 3;\nfoo = 4;\nexports = 5;';
    expect(exportsIn(code, 'x.js')).toEqual(['assigned (whole) =', 'assigned up =', 'assigned config.dev +=']);
  });

  it('ES modules and TypeScript', () => {
    const code = [
      'export default class {}',
      'export function up() {}',
      'export class Base {}',
      'export const a = 1, { b } = c;',
      'export { a as d, b };',
      'export type { T };',
      "export { x as y } from './x';",
      "export * from './all';",
      "export * as ns from './ns';",
      'export interface I {}',
      'export = a;',
    ].join('\n');
    expect(exportsIn(code)).toEqual([
      'default ClassDeclaration',
      'declared up FunctionDeclaration',
      'declared Base ClassDeclaration',
      'variable a',
      'variable ObjectPattern',
      'specifier a as d',
      'specifier b as b',
      'specifier T as T (type)',
      'reexport x as y from ./x',
      'star * from ./all',
      'star ns from ./ns',
      'export =',
    ]);
  });
});

describe('the environment model: one for every evaluator', () => {
  /** The value of the last top-level `const` of `code`, as the migration interpreter evaluates it with `environment`. */
  const interpreted = (code: string, environment?: Environment): unknown => {
    const parsed = parseSource(code, '/p/x.js');
    if (!parsed.ok) throw new Error(parsed.message);
    const decls = parsed.ast.body.filter((s): s is TSESTree.VariableDeclaration => s.type === 'VariableDeclaration');
    const init = decls[decls.length - 1]!.declarations[0]!.init!;
    const value = new Interpreter(environment ? { environment } : {}).evalTop(init, parsed.ast, moduleContext('/p/x.js', 'x.js', code, parsed.ast));
    return value.k === 'str' || value.k === 'undef' || value.k === 'bool' ? value : value.k;
  };

  it('a migration: run from the project root, its arguments and environment those of the deploy (not known)', () => {
    expect(interpreted("const a = process.env.NODE_ENV === 'test';")).toBe('unknown');
    expect(interpreted('const a = process.argv;')).toBe('unknown');
    expect(interpreted('const a = process.cwd();')).toEqual({ k: 'str', v: '.' });
    expect(readVariable(MIGRATION_ENVIRONMENT, 'NODE_ENV')).toEqual({ kind: 'unknown' });
  });

  it('the interpreter reads a known environment through the same model as the npm-scripts evaluator', () => {
    const command = commandEnvironment('scripts/seed.js', ['--fresh'], { NODE_ENV: 'test' });
    expect(interpreted("const a = process.env.NODE_ENV === 'test';", command)).toEqual({ k: 'bool', v: true });
    expect(interpreted('const a = process.env.DATABASE_URL;', command)).toEqual({ k: 'undef' });
    expect(interpreted("const a = process.argv.includes('--fresh');", command)).toEqual({ k: 'bool', v: true });
    expect(interpreted('const a = process.cwd();', command)).toBe('unknown');
    expect(readProcess(command, 'argv')).toEqual({ kind: 'argv', argv: ['node', 'scripts/seed.js', '--fresh'] });
    expect(readProcess(command, 'platform')).toEqual({ kind: 'unknown', why: 'process.platform is not known statically' });
    expect(readVariable(command, 'NODE_ENV')).toEqual({ kind: 'set', value: 'test', fact: 'NODE_ENV=test' });
    expect(readVariable(command, 'CI')).toEqual({ kind: 'unset', fact: 'CI is not set by the command' });
  });

  it('parses arguments as minimist, mri and yargs do', () => {
    const { flags, positionals } = parseArguments(['--force', '--seed=demo', '--env', 'test', '--no-color', '-xy', 'file', '--dry-run', '--', '--not-a-flag'], true);
    expect(Object.fromEntries(flags)).toEqual({ force: true, seed: 'demo', env: 'test', color: false, x: true, y: true, 'dry-run': true, dryRun: true });
    expect(positionals).toEqual(['file', '--not-a-flag']);
    expect(parseArguments(['--dry-run'], false).flags.has('dryRun')).toBe(false);
  });
});
