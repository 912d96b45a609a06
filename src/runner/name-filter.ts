/**
 * The file-name filter of a custom runner, read from its code: the callback of `readdirSync(dir).filter((file) =>
 * ...)` evaluated for a given name, without running anything. It understands what such filters are made of: the
 * name's `endsWith` / `startsWith` / `includes` / `indexOf`, `path.extname(name)`, a regular expression's `test` or
 * the name's `match`, comparisons with strings and numbers, `!`, `&&`, `||`, `?:`, and a body of `if (...) return
 * ...;` statements ending in a `return`. Anything else is not known, and a name whose answer depends on it is kept
 * (the runner may load it).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Val = string | number | boolean | RegExp | null | undefined;
const UNKNOWN = undefined;

/** The filter's answer for a file name: true (kept), false (left out), undefined (not known). */
export type NameFilter = (name: string) => boolean | undefined;

/** A predicate for the callback of a `.filter(...)`, or null when it is not a function of one named parameter. */
export function nameFilterOf(callback: TSESTree.Node | undefined): NameFilter | null {
  if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return null;
  const param = callback.params[0];
  if (!param || param.type !== 'Identifier') return null;
  const body = callback.body;
  return (name) => {
    const env = { param: param.name, name };
    const value = body.type === 'BlockStatement' ? runBlock(body.body, env) : evaluate(body, env);
    return value === UNKNOWN ? UNKNOWN : truthy(value);
  };
}

interface Env {
  param: string;
  name: string;
}

type Outcome = { returned: Val } | 'fell-through' | 'unknown';

/** The value the statements return; `null` for falling off the end (the callback returns undefined: left out). */
function runBlock(statements: readonly TSESTree.Statement[], env: Env): Val {
  const out = run(statements, env);
  return out === 'unknown' ? UNKNOWN : out === 'fell-through' ? null : out.returned;
}

function run(statements: readonly TSESTree.Statement[], env: Env): Outcome {
  for (const s of statements) {
    if (s.type === 'ReturnStatement') {
      const v = s.argument ? evaluate(s.argument, env) : null;
      return v === UNKNOWN ? 'unknown' : { returned: v };
    }
    if (s.type === 'IfStatement') {
      const test = evaluate(s.test, env);
      if (test === UNKNOWN) return 'unknown';
      const branch = truthy(test) ? s.consequent : s.alternate;
      if (!branch) continue;
      const out = run(branch.type === 'BlockStatement' ? branch.body : [branch], env);
      if (out !== 'fell-through') return out;
      continue;
    }
    if (s.type === 'BlockStatement') {
      const out = run(s.body, env);
      if (out !== 'fell-through') return out;
      continue;
    }
    if (!harmless(s)) return 'unknown';
  }
  return 'fell-through';
}

/** Statements that cannot change the answer: a log line, an empty statement. */
function harmless(s: TSESTree.Statement): boolean {
  if (s.type === 'EmptyStatement') return true;
  if (s.type !== 'ExpressionStatement' || s.expression.type !== 'CallExpression') return false;
  const callee = s.expression.callee;
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

function truthy(v: Val): boolean {
  return v instanceof RegExp ? true : Boolean(v);
}

function evaluate(node: TSESTree.Node, env: Env): Val {
  switch (node.type) {
    case 'Literal':
      if ('regex' in node && node.regex) {
        try {
          return new RegExp(node.regex.pattern, node.regex.flags);
        } catch {
          return UNKNOWN;
        }
      }
      return typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean' || node.value === null ? node.value : UNKNOWN;
    case 'Identifier':
      return node.name === env.param ? env.name : UNKNOWN;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked).join('') : UNKNOWN;
    case 'UnaryExpression': {
      if (node.operator !== '!') return UNKNOWN;
      const v = evaluate(node.argument, env);
      return v === UNKNOWN ? UNKNOWN : !truthy(v);
    }
    case 'LogicalExpression': {
      const a = evaluate(node.left, env);
      const b = evaluate(node.right, env);
      if (node.operator === '&&') {
        if ((a !== UNKNOWN && !truthy(a)) || (b !== UNKNOWN && !truthy(b))) return false;
        return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : true;
      }
      if (node.operator === '||') {
        if ((a !== UNKNOWN && truthy(a)) || (b !== UNKNOWN && truthy(b))) return true;
        return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : false;
      }
      return UNKNOWN;
    }
    case 'ConditionalExpression': {
      const t = evaluate(node.test, env);
      return t === UNKNOWN ? UNKNOWN : evaluate(truthy(t) ? node.consequent : node.alternate, env);
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return UNKNOWN;
      const a = evaluate(node.left, env);
      const b = evaluate(node.right, env);
      if (a === UNKNOWN || b === UNKNOWN || a instanceof RegExp || b instanceof RegExp) return UNKNOWN;
      switch (node.operator) {
        case '===':
        case '==':
          return a === b;
        case '!==':
        case '!=':
          return a !== b;
        case '<':
          return typeof a === 'number' && typeof b === 'number' ? a < b : UNKNOWN;
        case '<=':
          return typeof a === 'number' && typeof b === 'number' ? a <= b : UNKNOWN;
        case '>':
          return typeof a === 'number' && typeof b === 'number' ? a > b : UNKNOWN;
        case '>=':
          return typeof a === 'number' && typeof b === 'number' ? a >= b : UNKNOWN;
        default:
          return UNKNOWN;
      }
    }
    case 'CallExpression':
      return call(node, env);
    case 'ChainExpression':
      return evaluate(node.expression, env);
    default:
      return UNKNOWN;
  }
}

function call(node: TSESTree.CallExpression, env: Env): Val {
  const callee = node.callee;
  const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? UNKNOWN : evaluate(a, env)));
  // `path.extname(file)`, `extname(file)`.
  const fnName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
  if (fnName === 'extname' && (callee.type === 'Identifier' || (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'path'))) {
    const s = args[0];
    if (typeof s !== 'string') return UNKNOWN;
    const base = s.slice(s.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    return dot <= 0 ? '' : base.slice(dot);
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return UNKNOWN;
  const method = callee.property.name;
  const self = evaluate(callee.object, env);
  const [a, b] = args;
  if (self instanceof RegExp) {
    if (method !== 'test' || typeof a !== 'string') return UNKNOWN;
    self.lastIndex = 0;
    return self.test(a);
  }
  if (typeof self !== 'string') return UNKNOWN;
  switch (method) {
    case 'endsWith':
    case 'startsWith':
    case 'includes':
      return typeof a === 'string' && (b === undefined || node.arguments.length < 2) ? self[method](a) : UNKNOWN;
    case 'indexOf':
    case 'lastIndexOf':
      return typeof a === 'string' && node.arguments.length === 1 ? self[method](a) : UNKNOWN;
    case 'match':
      return a instanceof RegExp ? (self.match(a) !== null) : UNKNOWN;
    case 'search':
      return a instanceof RegExp ? self.search(a) : UNKNOWN;
    case 'toLowerCase':
    case 'toUpperCase':
    case 'trim':
      return node.arguments.length === 0 ? self[method]() : UNKNOWN;
    default:
      return UNKNOWN;
  }
}
