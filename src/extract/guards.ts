import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { GuardKind } from '../model';
import { forEachChild, traverse } from '../traverse';

/**
 * Error tests that mean "the object is already there / already gone": the
 * messages PostgreSQL returns on a rerun, and their SQLSTATE codes
 * (42P07 duplicate_table, 42701 duplicate_column, 42710 duplicate_object,
 * 42P06 duplicate_schema, 42704 undefined_object, 42703 undefined_column,
 * 42P01 undefined_table, 23505 unique_violation).
 */
const EXPECTED_ERROR_PATTERN =
  /already exists|does not exist|duplicate|not exist|exists|42P07|42701|42710|42P06|42704|42703|42P01|23505|UniqueConstraintError/i;

export interface CatchClassification {
  /** null: the handler rethrows every error, so it guards nothing. */
  kind: Extract<GuardKind, 'catch-expected' | 'catch-all'> | null;
  detail?: string;
}

type Node = TSESTree.Node;

/**
 * Classifies a catch handler: does it swallow every error, rethrow all of
 * them, or rethrow all but the "already exists"-like ones?
 *
 * `body` is a catch clause body or the body of a `.catch(fn)` callback.
 */
export function classifyCatch(
  body: TSESTree.BlockStatement | TSESTree.Expression,
  source: string,
  errorName: string | null = null,
): CatchClassification {
  if (body.type !== 'BlockStatement') return classifyExpressionHandler(body, source);
  let expectedDetail: string | undefined;
  for (const stmt of body.body) {
    const exits = statementRethrows(stmt);
    if (exits === 'always') {
      return expectedDetail ? { kind: 'catch-expected', detail: expectedDetail } : { kind: null };
    }
    if (stmt.type === 'IfStatement') {
      const test = text(stmt.test, source);
      // A rethrow that depends on something other than the error (a retry
      // counter, a flag) eventually rethrows every error: not a guard.
      if (!testsTheError(test, errorName) && (containsRethrow(stmt.consequent) || (stmt.alternate && containsRethrow(stmt.alternate)))) {
        return { kind: null };
      }
      const rethrowsInside = containsRethrow(stmt.consequent) || (stmt.alternate ? containsRethrow(stmt.alternate) : false);
      const returnsEarly = endsWithReturn(stmt.consequent);
      if (rethrowsInside || returnsEarly) {
        const detail = describeTest(test);
        // `if (isExpected) return; throw e;` keeps looking for the throw.
        if (rethrowsInside) return { kind: 'catch-expected', detail };
        expectedDetail = detail;
        continue;
      }
    }
    if (containsRethrow(stmt)) return { kind: 'catch-expected', detail: describeTest(text(stmt, source)) };
  }
  if (body.body.some((stmt) => stmt.type === 'ExpressionStatement' && processExit(stmt.expression) === 'zero')) return { kind: 'catch-all', detail: EXITS_ZERO };
  return { kind: 'catch-all', detail: body.body.length === 0 ? 'empty catch' : 'never rethrows' };
}

/**
 * The detail of a catch that ends the process with status 0 (`process.exit()`): the runner
 * never records the migration, but whatever ran it (a deploy script) sees success.
 */
export const EXITS_ZERO = 'exits with status 0';
/** The `detail` of the catch-all that `Promise.allSettled` is for the calls it settles: each runs whatever the others do. */
export const SETTLES_ALL = 'Promise.allSettled never rejects';

/**
 * `process.exit(...)`: `'zero'` for no argument or a literal 0 (the process reports success),
 * `'nonzero'` for any other argument (a failure the caller sees, as a rethrow is), null for
 * anything else.
 */
function processExit(node: Node): 'zero' | 'nonzero' | null {
  if (
    node.type !== 'CallExpression' ||
    node.callee.type !== 'MemberExpression' ||
    node.callee.object.type !== 'Identifier' ||
    node.callee.object.name !== 'process' ||
    node.callee.property.type !== 'Identifier' ||
    node.callee.property.name !== 'exit'
  ) {
    return null;
  }
  const [arg] = node.arguments;
  return arg === undefined || (arg.type === 'Literal' && arg.value === 0) ? 'zero' : 'nonzero';
}

function classifyExpressionHandler(expr: TSESTree.Expression, source: string): CatchClassification {
  if (isRejectCall(expr) || processExit(expr) === 'nonzero') return { kind: null };
  if (processExit(expr) === 'zero') return { kind: 'catch-all', detail: EXITS_ZERO };
  if (expr.type === 'ConditionalExpression' || expr.type === 'LogicalExpression') {
    if (containsRethrow(expr)) return { kind: 'catch-expected', detail: describeTest(text(expr, source)) };
  }
  return { kind: 'catch-all', detail: 'never rethrows' };
}

function testsTheError(testText: string, errorName: string | null): boolean {
  if (EXPECTED_ERROR_PATTERN.test(testText)) return true;
  if (errorName === null) return true; // `catch {}` without a binding: cannot tell, keep the old reading
  return new RegExp(`(^|[^\\w$])${errorName.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(testText);
}

function describeTest(testText: string): string {
  const m = EXPECTED_ERROR_PATTERN.exec(testText);
  if (m) return m[0];
  return testText.length > 60 ? `${testText.slice(0, 57)}...` : testText;
}

function text(node: Node, source: string): string {
  return source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
}

function statementRethrows(stmt: TSESTree.Statement): 'always' | 'no' {
  if (stmt.type === 'ThrowStatement') return 'always';
  if (stmt.type === 'ReturnStatement' && stmt.argument && isRejectCall(stmt.argument)) return 'always';
  // `process.exit(1)`: the process ends with a failure before the runner records anything.
  if (stmt.type === 'ExpressionStatement' && processExit(stmt.expression) === 'nonzero') return 'always';
  if (stmt.type === 'BlockStatement') {
    for (const s of stmt.body) if (statementRethrows(s) === 'always') return 'always';
  }
  return 'no';
}

function endsWithReturn(stmt: TSESTree.Statement): boolean {
  if (stmt.type === 'ReturnStatement' || stmt.type === 'ContinueStatement') return true;
  if (stmt.type === 'BlockStatement') {
    const last = stmt.body[stmt.body.length - 1];
    return last !== undefined && endsWithReturn(last);
  }
  return false;
}

/** `Promise.reject(...)`: a rethrow in promise style. */
export function isRejectCall(expr: TSESTree.Node): boolean {
  return (
    expr.type === 'CallExpression' &&
    expr.callee.type === 'MemberExpression' &&
    expr.callee.object.type === 'Identifier' &&
    expr.callee.object.name === 'Promise' &&
    expr.callee.property.type === 'Identifier' &&
    expr.callee.property.name === 'reject'
  );
}

/** A throw (or `Promise.reject`) anywhere inside, not counting nested functions. */
export function containsRethrow(node: Node): boolean {
  let found = false;
  traverse(node, (n) => {
    if (n.type === 'ThrowStatement' || isRejectCall(n) || processExit(n) === 'nonzero') {
      found = true;
      return 'stop';
    }
    return isFunction(n) ? 'skip' : undefined;
  });
  return found;
}

function isFunction(n: Node): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/**
 * A retry over alternatives: the catch keeps the error in a variable declared
 * outside it (`error = err`, `errors.push(err)`) and the enclosing function
 * throws that variable after the try (`throw error` after the loop). Every
 * failure still surfaces; a success returns early. Such a catch guards nothing.
 */
export function keepsErrorForLaterThrow(tryStmt: TSESTree.TryStatement, fnBody: Node | null): boolean {
  const handler = tryStmt.handler;
  if (!handler || handler.param?.type !== 'Identifier' || !fnBody) return false;
  const errorName = handler.param.name;
  const kept = new Set<string>();
  traverse(handler.body, (n) => {
    if (isFunction(n)) return 'skip';
    if (
      n.type === 'AssignmentExpression' &&
      n.left.type === 'Identifier' &&
      n.left.name !== errorName &&
      mentions(n.right, errorName)
    ) {
      kept.add(n.left.name);
    }
    if (
      n.type === 'CallExpression' &&
      n.callee.type === 'MemberExpression' &&
      n.callee.object.type === 'Identifier' &&
      n.callee.property.type === 'Identifier' &&
      n.callee.property.name === 'push' &&
      n.arguments.some((a) => mentions(a, errorName))
    ) {
      kept.add(n.callee.object.name);
    }
    return undefined;
  });
  if (kept.size === 0) return false;
  // A throw of the kept variable after the try, in the same function.
  let thrown = false;
  traverse(fnBody, (n) => {
    if (n !== fnBody && isFunction(n)) return 'skip';
    if (n.type === 'ThrowStatement' && n.range[0] >= tryStmt.range[1] && n.argument && [...kept].some((k) => mentions(n.argument!, k))) {
      thrown = true;
      return 'stop';
    }
    return undefined;
  });
  return thrown;
}

/**
 * `Promise.allSettled(...)` never rejects: a failed call's error stays in its
 * result (`{ status: 'rejected', reason }`). The function surfaces it only
 * when it reads the results and throws after the call (`if (r.status ===
 * 'rejected') throw r.reason`); callbacks it passes (a `.filter` over the
 * results) count as reading them.
 */
export function rethrowsSettledRejections(call: Node, fnBody: Node | null): boolean {
  if (!fnBody) return false;
  let reads = false;
  let throws = false;
  traverse(fnBody, (n) => {
    if (n.range[1] <= call.range[0]) return 'skip';
    if ((n.type === 'Literal' && n.value === 'rejected') || (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'reason')) reads = true;
    if (n.type === 'ThrowStatement' && n.range[0] >= call.range[1]) throws = true;
    return undefined;
  });
  return reads && throws;
}

/** The identifier `name` occurs in `node` (nested functions excluded). */
function mentions(node: Node, name: string): boolean {
  if (node.type === 'Identifier') return node.name === name;
  if (isFunction(node)) return false;
  let found = false;
  forEachChild(node, (c) => {
    if (!found && !(node.type === 'MemberExpression' && c === node.property && !node.computed)) found = mentions(c, name);
  });
  return found;
}



/** Whether the code under a test runs when the rows a SELECT looked for exist, or when they do not. */
export type RowPolarity = 'present' | 'absent';

export function flipPolarity(p: RowPolarity | null): RowPolarity | null {
  return p === null ? null : p === 'present' ? 'absent' : 'present';
}

/**
 * What a test over the result of a SELECT means when it holds: `row`,
 * `rows.length`, `count > 0` hold when rows were found (`present`); `!row`,
 * `rows.length === 0`, `count == '0'`, `row === undefined` when none were
 * (`absent`). Null for any other test (a call to an unknown predicate, a
 * comparison with another value), which says nothing about which branch runs
 * when the rows are there.
 */
export function testPolarity(node: Node): RowPolarity | null {
  switch (node.type) {
    case 'AwaitExpression':
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
      return testPolarity(node.type === 'AwaitExpression' ? node.argument : node.expression);
    case 'Identifier':
    case 'MemberExpression':
      return 'present';
    case 'UnaryExpression':
      return node.operator === '!' ? flipPolarity(testPolarity(node.argument)) : null;
    case 'LogicalExpression': {
      // `!rows || rows.length === 0` (nothing found, either way), `rows && rows.length > 0` (found): both sides say the
      // same. `??` and sides that say different things decide nothing.
      if (node.operator === '??') return null;
      const left = testPolarity(node.left);
      const right = testPolarity(node.right);
      if (left === null || left !== right) return null;
      return (node.operator === '||') === (left === 'absent') ? left : null;
    }
    case 'CallExpression':
      // `codes.includes('basic')`, `names.has(k)`, `rows.some((r) => r.code === k)`, `rows.find(...)`: true where the row
      // (or the value read from it) was found (hold-out 105: `if (!existingCodes.includes('natal_basic')) bulkInsert`).
      if (node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && ['includes', 'has', 'some', 'find'].includes(node.callee.property.name)) return 'present';
      // `Number(count)`, `parseInt(count, 10)`, `Boolean(row)`: the value itself.
      return node.callee.type === 'Identifier' && ['Number', 'parseInt', 'Boolean'].includes(node.callee.name) && node.arguments[0] && node.arguments[0].type !== 'SpreadElement'
        ? testPolarity(node.arguments[0])
        : null;
    case 'BinaryExpression': {
      const sides: [Node, Node, boolean][] = [
        [node.left, node.right, false],
        [node.right, node.left, true],
      ];
      for (const [subject, other, swapped] of sides) {
        const constant = emptyConstant(other);
        if (constant === null || subject.type === 'PrivateIdentifier') continue;
        const p = testPolarity(subject);
        if (p === null) return null;
        const op = swapped ? mirror(node.operator) : node.operator;
        if (constant === 'nothing') return op === '===' || op === '==' ? flipPolarity(p) : op === '!==' || op === '!=' ? p : null;
        // Compared with 0 (a count or a length).
        if (op === '===' || op === '==' || op === '<=') return flipPolarity(p);
        if (op === '!==' || op === '!=' || op === '>') return p;
        return null;
      }
      // `count < 1`, `rows.length >= 1`.
      if (isOne(node.right) && node.left.type !== 'PrivateIdentifier') {
        const p = testPolarity(node.left);
        return node.operator === '<' ? flipPolarity(p) : node.operator === '>=' ? p : null;
      }
      return null;
    }
    default:
      return null;
  }
}

/** `0` / `'0'` (a count as PostgreSQL returns it: a string) or `null` / `undefined`. */
function emptyConstant(node: Node): 'zero' | 'nothing' | null {
  if (node.type === 'Literal') return node.value === 0 || node.value === '0' ? 'zero' : node.value === null ? 'nothing' : null;
  return node.type === 'Identifier' && node.name === 'undefined' ? 'nothing' : null;
}

function isOne(node: Node): boolean {
  return node.type === 'Literal' && (node.value === 1 || node.value === '1');
}

/** The operator with its operands swapped (`0 < n` is `n > 0`). */
function mirror(op: string): string {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}
