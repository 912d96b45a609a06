/**
 * Syntax helpers every reader shares: destructuring patterns, dotted member
 * paths, static property keys, type-only wrappers. Pure functions of the
 * ESTree; evaluation lives in the interpreter.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { traverse } from '../traverse';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;

/** One step from a destructured value to a bound name: a key, or a rest element (`from` an index, `exclude` the named keys). */
export interface PathStep {
  kind: 'key' | 'rest';
  key: string;
  from: number;
  exclude: string[];
}

/**
 * Names bound by a pattern with the access path to each (for destructuring).
 * A computed key the syntax alone cannot name is the key `\u0000`.
 */
export function patternPaths(
  pattern: TSESTree.Node,
  prefix: PathStep[] = [],
): { name: string; path: PathStep[]; defaultNode?: Expression }[] {
  switch (pattern.type) {
    case 'Identifier':
      return [{ name: pattern.name, path: prefix }];
    case 'AssignmentPattern': {
      const inner = patternPaths(pattern.left, prefix);
      if (pattern.left.type === 'Identifier' && inner[0]) inner[0].defaultNode = pattern.right;
      return inner;
    }
    case 'ObjectPattern': {
      const out: { name: string; path: PathStep[]; defaultNode?: Expression }[] = [];
      const seen: string[] = [];
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') {
          out.push(...patternPaths(p.argument, [...prefix, { kind: 'rest', key: '', from: 0, exclude: seen }]));
          continue;
        }
        const key = p.computed ? null : p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
        if (key === null) {
          for (const n of patternNames(p.value)) out.push({ name: n, path: [...prefix, { kind: 'key', key: '\u0000', from: 0, exclude: [] }] });
          continue;
        }
        seen.push(key);
        out.push(...patternPaths(p.value, [...prefix, { kind: 'key', key, from: 0, exclude: [] }]));
      }
      return out;
    }
    case 'ArrayPattern': {
      const out: { name: string; path: PathStep[]; defaultNode?: Expression }[] = [];
      pattern.elements.forEach((el, i) => {
        if (!el) return;
        if (el.type === 'RestElement') out.push(...patternPaths(el.argument, [...prefix, { kind: 'rest', key: '', from: i, exclude: [] }]));
        else out.push(...patternPaths(el, [...prefix, { kind: 'key', key: String(i), from: 0, exclude: [] }]));
      });
      return out;
    }
    case 'RestElement':
      return patternPaths(pattern.argument, prefix);
    case 'TSParameterProperty':
      return patternPaths(pattern.parameter, prefix);
    default:
      return [];
  }
}

export function patternNames(pattern: TSESTree.Node): string[] {
  return patternPaths(pattern).map((p) => p.name);
}

/** `a.b.c` as ['a', 'b', 'c'] (static keys: names and literal `['x']`); null for anything else. */
export function memberPath(node: Node): string[] | null {
  if (node.type === 'Identifier') return [node.name];
  if (node.type !== 'MemberExpression') return null;
  const key = !node.computed && node.property.type === 'Identifier' ? node.property.name : node.property.type === 'Literal' ? String(node.property.value) : null;
  const base = memberPath(node.object);
  return base && key !== null ? [...base, key] : null;
}

/**
 * Where a CommonJS assignment target points below the module's exports: `[]`
 * for `module.exports`, `['a', 'b']` for `exports.a.b` or
 * `module.exports.a.b`; null when it is not an export.
 */
export function exportPath(left: Node): string[] | null {
  const path = memberPath(left);
  if (!path) return null;
  if (path[0] === 'module' && path[1] === 'exports') return path.slice(2);
  if (path[0] === 'exports' && path.length > 1) return path.slice(1);
  return null;
}

/**
 * One thing a top-level statement exports, in each shape a module can write
 * it: the one walker of exports that every reader (migrations, config,
 * models, npm scripts) maps into its own values.
 */
export type ModuleExport =
  /** `module.exports = v` (`path` `[]`), `exports.a.b = v` and `module.exports.a.b = v` (`['a', 'b']`), with any assignment operator. */
  | { kind: 'assigned'; path: string[]; assignment: TSESTree.AssignmentExpression }
  /** TypeScript's `export = v`: the whole exports. */
  | { kind: 'exportEquals'; value: Expression }
  /** `export default ...`: an expression, or a function or class declaration (a name optional). */
  | { kind: 'default'; declaration: TSESTree.ExportDefaultDeclaration['declaration'] }
  /** `export function a() {}`, `export class A {}`, `export enum Tables {}`. */
  | { kind: 'declared'; name: string; declaration: TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration | TSESTree.TSEnumDeclaration }
  /** One declarator of `export const a = ..., { b } = ...`. */
  | { kind: 'variable'; declarator: TSESTree.VariableDeclarator }
  /** `export { a as b }`: the local name exported under another; `typeOnly` for `export type { a }`. */
  | { kind: 'specifier'; local: string; exported: string; typeOnly: boolean }
  /** `export { a as b } from './x'`. */
  | { kind: 'reexport'; source: string; imported: string; exported: string; typeOnly: boolean }
  /** `export * from './x'` (`exported` null), `export * as ns from './x'`. */
  | { kind: 'star'; source: string; exported: string | null };

/** What a top-level statement exports, in order; empty when it exports nothing. */
export function exportsOf(stmt: TSESTree.ProgramStatement): ModuleExport[] {
  switch (stmt.type) {
    case 'ExpressionStatement': {
      // `a(), module.exports = {...}`: a comma list of a minified build assigns in order too.
      const list = stmt.expression.type === 'SequenceExpression' ? stmt.expression.expressions : [stmt.expression];
      return list.flatMap((e): ModuleExport[] => {
        if (e.type !== 'AssignmentExpression') return [];
        const path = exportPath(e.left);
        return path ? [{ kind: 'assigned', path, assignment: e }] : [];
      });
    }
    case 'TSExportAssignment':
      return [{ kind: 'exportEquals', value: stmt.expression }];
    case 'ExportDefaultDeclaration':
      return [{ kind: 'default', declaration: stmt.declaration }];
    case 'ExportAllDeclaration':
      return [{ kind: 'star', source: stmt.source.value, exported: stmt.exported ? nameOf(stmt.exported) : null }];
    case 'ExportNamedDeclaration': {
      const d = stmt.declaration;
      const typeOnly = stmt.exportKind === 'type';
      if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id) return [{ kind: 'declared', name: d.id.name, declaration: d }];
      if (d?.type === 'TSEnumDeclaration') return [{ kind: 'declared', name: d.id.name, declaration: d }];
      if (d?.type === 'VariableDeclaration') return d.declarations.map((declarator) => ({ kind: 'variable', declarator }));
      if (d) return [];
      return stmt.specifiers.flatMap((spec): ModuleExport[] => {
        if (stmt.source) return [{ kind: 'reexport', source: stmt.source.value, imported: nameOf(spec.local), exported: nameOf(spec.exported), typeOnly }];
        return spec.local.type === 'Identifier' ? [{ kind: 'specifier', local: spec.local.name, exported: nameOf(spec.exported), typeOnly }] : [];
      });
    }
    default:
      return [];
  }
}

/** An export or import name: `a`, or `"a b"` as a string literal. */
function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : n.value;
}

/** The expression inside type assertions, `!`, `?.` chains and `await`. */
export function unwrapExpression(node: Expression): Expression {
  let n: Node = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TSTypeAssertion' ||
    n.type === 'ChainExpression' ||
    n.type === 'AwaitExpression'
  ) {
    n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  }
  return n as Expression;
}

/** The key of an object literal property: its name or literal, or for `[expr]` what `evalKey` makes of it. */
export function propertyKeyOf(p: TSESTree.Property, evalKey: (key: Expression) => string | null): string | null {
  if (p.computed) return evalKey(p.key as Expression);
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return null;
}

/** The key of a member access: `o.name`, or for `o[expr]` what `evalKey` makes of it. */
export function memberKeyOf(node: TSESTree.MemberExpression, evalKey: (key: Expression) => string | null): string | null {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : null;
  return evalKey(node.property);
}

/** A node that can stand where an expression does (not a pattern or a declaration). */
export function isExpression(node: Node): node is Expression {
  return !['AssignmentPattern', 'ObjectPattern', 'ArrayPattern', 'RestElement', 'TSEmptyBodyFunctionExpression', 'ClassDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction'].includes(node.type);
}

/**
 * The module's text names the member `name` of something it holds: `.down`, `['down']`, or a destructuring of it
 * (`const { down } = require('./x')`, `{ down: undo }`), any of which may lead to a call of it.
 */
export function namesMember(source: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`\\.\\s*${escaped}\\b|\\[\\s*['"\`]${escaped}['"\`]\\s*\\]|[{,]\\s*${escaped}\\s*[,}:]`).test(source);
}

/** The module calls a method chosen at run time (`migration[direction](qi)`, `m[dirs[i]](qi)`): any method may be the one. */
export function callsComputedMethod(ast: TSESTree.Program): boolean {
  let found = false;
  traverse(ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.computed && n.callee.property.type !== 'Literal') {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}
