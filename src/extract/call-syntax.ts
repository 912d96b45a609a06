import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ArgumentSyntax, CallSyntax, FunctionSyntax, PropertySyntax } from '../model';
import { forEachChild } from '../traverse';
import type { FunctionNode } from './values';

type Node = TSESTree.Node;

/**
 * How the calls behind operations are written (see `CallSyntax`): what a
 * rule needs to offer a rewrite of the call, read while the syntax tree is at
 * hand. One walk of the file, descending only into nodes that hold one of the
 * calls (typescript-estree nodes have no parent links).
 */
export function callSyntaxes(ast: TSESTree.Program, calls: ReadonlySet<TSESTree.CallExpression>): Map<TSESTree.CallExpression, CallSyntax> {
  const out = new Map<TSESTree.CallExpression, CallSyntax>();
  if (calls.size === 0) return out;
  const starts = [...calls].map((c) => c.range[0]).sort((a, b) => a - b);
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    if (!holdsAStart(starts, node)) return;
    if (node.type === 'CallExpression' && calls.has(node)) out.set(node, callSyntax(node, ancestors));
    ancestors.push(node);
    forEachChild(node, visit);
    ancestors.pop();
  };
  visit(ast);
  return out;
}

/** Some wanted call starts inside `node` (nodes nest, so the call is inside it or starts with it). */
function holdsAStart(sortedStarts: readonly number[], node: Node): boolean {
  let lo = 0;
  let hi = sortedStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedStarts[mid]! < node.range[0]) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedStarts.length && sortedStarts[lo]! < node.range[1];
}

function callSyntax(call: TSESTree.CallExpression, ancestors: readonly Node[]): CallSyntax {
  const callee = call.callee;
  return {
    range: call.range,
    method: methodName(callee),
    receiver: callee.type === 'MemberExpression' ? callee.object.range : null,
    args: call.arguments.map(argumentSyntax),
    statement: statementOf(call, ancestors),
    inAsyncFunction: innermostFunction(ancestors)?.async === true,
    chained: ancestors.some((a) => a.type === 'CallExpression' && a.range[0] === call.range[0]),
  };
}

/** `addColumn` of `qi.addColumn` or `qi['addColumn']`; null for any other callee. */
function methodName(callee: TSESTree.Expression): string | null {
  if (callee.type !== 'MemberExpression') return null;
  if (!callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return callee.property.type === 'Literal' ? String(callee.property.value) : null;
}

function argumentSyntax(arg: TSESTree.CallExpressionArgument): ArgumentSyntax {
  if (arg.type === 'SpreadElement') return { range: arg.range, spread: true };
  if (arg.type !== 'ObjectExpression') return { range: arg.range };
  const properties = arg.properties.map(
    (p): PropertySyntax =>
      p.type === 'SpreadElement' ? { kind: 'spread' } : { kind: 'property', key: !p.computed && p.key.type === 'Identifier' ? p.key.name : null, value: p.value.range },
  );
  return { range: arg.range, properties };
}

/** The statement `call;` or `await call;`, when it sits directly in a block (or at the top of the file). */
function statementOf(call: TSESTree.CallExpression, ancestors: readonly Node[]): [number, number] | null {
  let i = ancestors.length - 1;
  const parent = ancestors[i];
  if (parent?.type === 'AwaitExpression' && parent.argument === call) i--;
  const stmt = ancestors[i];
  const container = ancestors[i - 1];
  if (stmt?.type !== 'ExpressionStatement') return null;
  const expression = stmt.expression.type === 'AwaitExpression' ? stmt.expression.argument : stmt.expression;
  if (expression !== call) return null;
  return container?.type === 'BlockStatement' || container?.type === 'Program' ? stmt.range : null;
}

function innermostFunction(ancestors: readonly Node[]): TSESTree.FunctionLike | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression' || a.type === 'FunctionDeclaration') return a;
  }
  return null;
}

/** How `up` / `down` is written (see `FunctionSyntax`). */
export function functionSyntax(fn: FunctionNode): FunctionSyntax {
  const body = fn.body?.type === 'BlockStatement' ? fn.body : null;
  return {
    range: fn.range,
    async: fn.async === true,
    body: body ? body.range : null,
    firstStatement: body?.body[0]?.range[0] ?? null,
    receiver: receiverParameter(fn),
  };
}

/** The first parameter's name, or the local name of umzug's `{ context }` / `{ context: queryInterface }`. */
function receiverParameter(fn: FunctionNode): string | null {
  const p = fn.params[0];
  if (!p) return null;
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'ObjectPattern') {
    for (const prop of p.properties) {
      if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier' || prop.key.name !== 'context') continue;
      if (prop.value.type === 'Identifier') return prop.value.name;
    }
  }
  return null;
}
