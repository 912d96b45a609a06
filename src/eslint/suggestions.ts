import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Migration } from '../model';
import { transactionArgument } from '../operations/table';

/**
 * Mechanical rewrites offered with findings. They change what runs against
 * the database, so they are suggestions (a person applies them), never
 * automatic fixes. Each is a single text replacement.
 */
export interface Suggestion {
  desc: string;
  range: [number, number];
  text: string;
}

export interface SuggestionContext {
  finding: Finding;
  migration: Migration | null;
  source: string;
  ast: TSESTree.Program;
}

type Node = TSESTree.Node;

export function suggestionsFor(ctx: SuggestionContext): Suggestion[] {
  const { finding } = ctx;
  const out: Suggestion[] = [];
  if (finding.rule === 'require-idempotency-guard') {
    const guard = guardAddColumn(ctx);
    if (guard) out.push(guard);
    if (finding.messageId === 'notAtomic' || finding.messageId === 'notAtomicMinor') {
      const tx = wrapInTransaction(ctx);
      if (tx) out.push(tx);
    }
  }
  if (finding.rule === 'require-concurrent-index') {
    const c = addConcurrently(ctx);
    if (c) out.push(c);
  }
  return out;
}

/** Wraps `await qi.addColumn(t, c, ...)` in `if (!(await qi.describeTable(t))[c]) { ... }`. */
function guardAddColumn(ctx: SuggestionContext): Suggestion | null {
  const call = callAt(ctx.ast, ctx.finding.line, ctx.finding.column);
  if (!call || methodName(call) !== 'addColumn' || call.callee.type !== 'MemberExpression') return null;
  const stmt = enclosingStatement(ctx.ast, call);
  if (!stmt) return null;
  // The guard awaits describeTable: only possible inside an async function.
  const fn = enclosingFunction(ctx.ast, stmt);
  if (!fn || !fn.async) return null;
  const [table, column] = call.arguments;
  if (!table || !column || table.type === 'SpreadElement' || column.type === 'SpreadElement') return null;
  const receiver = text(ctx.source, call.callee.object);
  const indent = indentationAt(ctx.source, stmt.range[0]);
  const inner = text(ctx.source, stmt)
    .split('\n')
    .map((l, i) => (i === 0 ? `${indent}  ${l}` : `  ${l}`))
    .join('\n');
  const replacement = `if (!(await ${receiver}.describeTable(${text(ctx.source, table)}))[${text(ctx.source, column)}]) {\n${inner}\n${indent}}`;
  return {
    desc: `Add the column only when \`describeTable\` does not list it`,
    range: stmt.range,
    text: replacement,
  };
}

/**
 * Runs the whole `up` in one managed transaction and passes `{ transaction }`
 * to each of its calls: a failure then rolls every step back.
 */
function wrapInTransaction(ctx: SuggestionContext): Suggestion | null {
  const m = ctx.migration;
  if (!m || !m.upFunction.loc) return null;
  // Only the `up` is rewritten: a finding in `down` gets no `up` rewrite.
  if (!m.up.some((o) => o.loc.line === ctx.finding.line && o.loc.column === ctx.finding.column)) return null;
  // A transaction the body already opens or joins: wrapping again would nest or shadow it.
  if (m.up.some((o) => o.options.concurrently === true || o.inTransactionCallback || o.inTransaction || o.via || o.unresolved)) return null;
  const fn = functionAt(ctx.ast, m.upFunction.loc.line, m.upFunction.loc.column);
  if (!fn || !fn.body || fn.body.type !== 'BlockStatement' || !fn.async) return null;
  const body: TSESTree.BlockStatement = fn.body;
  if (/\.transaction\s*\(/.test(ctx.source.slice(body.range[0], body.range[1]))) return null;
  const qi = receiverParameter(fn);
  if (!qi) return null;
  // Every write must be a call we know where to give `{ transaction }`, written inside this body.
  const calls: TSESTree.CallExpression[] = [];
  for (const op of m.up) {
    const call = callAt(ctx.ast, op.loc.line, op.loc.column);
    if (!call || call.range[0] < body.range[0] || call.range[1] > body.range[1]) return null;
    if (!calls.includes(call)) calls.push(call);
  }
  // Apply the per-call edits inside the body text, last first so offsets stay valid.
  const edits: { at: [number, number]; text: string }[] = [];
  for (const call of calls) {
    const edit = transactionEdit(ctx.source, call);
    if (!edit) return null;
    edits.push(edit);
  }
  const start = body.range[0] + 1;
  const end = body.range[1] - 1;
  let inner = ctx.source.slice(start, end);
  for (const e of edits.sort((a, b) => b.at[0] - a.at[0])) {
    inner = inner.slice(0, e.at[0] - start) + e.text + inner.slice(e.at[1] - start);
  }
  const indent = indentationAt(ctx.source, body.body[0]?.range[0] ?? body.range[0]);
  const reindented = inner
    .split('\n')
    .map((l) => (l.trim() ? `  ${l}` : l))
    .join('\n');
  return {
    desc: 'Run the whole `up` in one transaction, passing `{ transaction }` to every call',
    range: [start, end],
    text: `\n${indent}await ${qi}.sequelize.transaction(async (transaction) => {${reindented.replace(/\s+$/, '')}\n${indent}});\n${indent.slice(2)}`,
  };
}

/**
 * The name `up` receives the queryInterface under: its first parameter
 * (`queryInterface`, `qi`), or the local name of umzug's `{ context }` /
 * `{ context: queryInterface }`. Null for any other shape.
 */
function receiverParameter(fn: TSESTree.FunctionLike): string | null {
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

/** The edit that gives one call `{ transaction }`. */
function transactionEdit(source: string, call: TSESTree.CallExpression): { at: [number, number]; text: string } | null {
  const method = methodName(call);
  if (!method) return null;
  const args = call.arguments;
  // Where Sequelize reads `{ transaction }` (the operation table); `addIndex(table, { fields })` takes it second.
  const index = transactionArgument(method, args[1]?.type === 'ObjectExpression');
  if (index === undefined) return null;
  if (args.some((a) => a.type === 'SpreadElement')) return null;
  const existing = args[index];
  if (existing) {
    if (existing.type === 'ObjectExpression') {
      const open = existing.range[0] + 1;
      const empty = existing.properties.length === 0;
      return { at: [open, open], text: empty ? ' transaction ' : ' transaction,' };
    }
    return { at: existing.range, text: `{ ...${text(source, existing)}, transaction }` };
  }
  // Pad skipped optional arguments, then append the options.
  const last = args[args.length - 1];
  if (!last) return null;
  const padding = Array.from({ length: index - args.length }, () => 'undefined');
  return { at: [last.range[1], last.range[1]], text: `, ${[...padding, '{ transaction }'].join(', ')}` };
}

/** Adds `concurrently: true` to an `addIndex` call. */
function addConcurrently(ctx: SuggestionContext): Suggestion | null {
  const call = callAt(ctx.ast, ctx.finding.line, ctx.finding.column);
  if (!call || methodName(call) !== 'addIndex') return null;
  // PostgreSQL refuses CONCURRENTLY inside a transaction block (25001).
  const op = ctx.migration?.up.find((o) => o.loc.line === ctx.finding.line && o.loc.column === ctx.finding.column);
  if (!op || op.inTransaction || op.inTransactionCallback) return null;
  const args = call.arguments;
  if (args.some((a) => a.type === 'SpreadElement')) return null;
  const optionsIndex = args[1]?.type === 'ObjectExpression' ? 1 : 2;
  const existing = args[optionsIndex];
  const desc = 'Build the index with CREATE INDEX CONCURRENTLY (no write lock; cannot run in a transaction)';
  if (existing?.type === 'ObjectExpression') {
    const current = existing.properties.find(
      (p): p is TSESTree.Property => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'concurrently',
    );
    if (current) return { desc, range: current.value.range, text: 'true' };
    if (existing.properties.some((p) => p.type === 'SpreadElement')) return null;
    const open = existing.range[0] + 1;
    return { desc, range: [open, open], text: existing.properties.length === 0 ? ' concurrently: true ' : ' concurrently: true,' };
  }
  if (existing) return null;
  const last = args[args.length - 1];
  if (!last || args.length < 2) return null;
  return { desc, range: [last.range[1], last.range[1]], text: ', { concurrently: true }' };
}

// -----------------------------------------------------------------------------
// AST helpers

function text(source: string, node: Node): string {
  return source.slice(node.range[0], node.range[1]);
}

function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

function methodName(call: TSESTree.CallExpression): string | null {
  const c = call.callee;
  if (c.type !== 'MemberExpression') return null;
  if (!c.computed && c.property.type === 'Identifier') return c.property.name;
  return c.property.type === 'Literal' ? String(c.property.value) : null;
}

/** Visits every node, parents before children; stop by returning true. */
function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, parent: Node | null = null): boolean {
  if (visit(node, parent) === true) return true;
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string' && 'range' in (child as object)) {
        if (walk(child as Node, visit, node)) return true;
      }
    }
  }
  return false;
}

/** The call expression that starts at a 1-based line/column (an operation's location). */
function callAt(ast: TSESTree.Program, line: number, column: number): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  walk(ast, (n) => {
    if (n.type === 'CallExpression' && n.loc.start.line === line && n.loc.start.column === column - 1) {
      found = n;
      return true;
    }
    return false;
  });
  return found;
}

function functionAt(ast: TSESTree.Program, line: number, column: number): TSESTree.FunctionLike | null {
  let found: TSESTree.FunctionLike | null = null;
  walk(ast, (n) => {
    if ((n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') && n.loc.start.line === line && n.loc.start.column === column - 1) {
      found = n;
      return true;
    }
    return false;
  });
  return found;
}

/** The innermost function containing a node. */
function enclosingFunction(ast: TSESTree.Program, node: Node): TSESTree.FunctionLike | null {
  let found: TSESTree.FunctionLike | null = null;
  walk(ast, (n) => {
    if ((n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') && n.range[0] <= node.range[0] && node.range[1] <= n.range[1]) {
      found = n; // keep descending: the last match is the innermost
    }
    return false;
  });
  return found;
}

/** The statement that consists of the call (`await call;` / `call;`), directly in a block. */
function enclosingStatement(ast: TSESTree.Program, call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  let found: TSESTree.ExpressionStatement | null = null;
  walk(ast, (n, parent) => {
    if (n.type !== 'ExpressionStatement') return false;
    const e = n.expression.type === 'AwaitExpression' ? n.expression.argument : n.expression;
    if (e === call && (parent?.type === 'BlockStatement' || parent?.type === 'Program')) {
      found = n;
      return true;
    }
    return false;
  });
  return found;
}

