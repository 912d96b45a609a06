import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Migration, MigrationFunction, Operation } from '../model';
import { changesDatabase } from '../operations/table';
import { makeOperation } from './operation';
import { toSourceLocation } from '../parse';
import { Interpreter, type InterpreterOptions } from './interpreter';
import { patternNames } from './syntax';
import { isRejectCall } from './guards';
import { traverse } from '../traverse';
import { RUNTIME_GLOBALS, StaticScopes } from './static-scope';
import { callSyntaxes, functionSyntax } from './call-syntax';
import type { ModuleContext, Value } from './values';

export interface MigrationSource {
  /** Absolute path (used to resolve relative imports). */
  absPath: string;
  /** Project-relative POSIX path, as reported. */
  file: string;
  source: string;
  ast: TSESTree.Program;
}

const ABSENT: MigrationFunction = { present: false, empty: true, throws: false, wrappedInTransaction: false, loc: null };

/**
 * Builds the module context of a parsed file: the facts the evaluator needs
 * before it can trust a binding.
 */
export function moduleContext(absPath: string, file: string, source: string, ast: TSESTree.Program, importDepth = 0): ModuleContext {
  let lets: Reassignments | undefined;
  return {
    file: absPath,
    source,
    get reassigned() {
      return (lets ??= reassignments(ast)).reassigned;
    },
    get straightLets() {
      return (lets ??= reassignments(ast)).straight;
    },
    get assignedValues() {
      return (lets ??= reassignments(ast)).values;
    },
    importDepth,
    dirname: posix.dirname(file),
  };
}

/**
 * What a project file that is not a migration exports (`.sequelizerc`, a
 * database config), as the interpreter evaluates it; null when the
 * evaluation gives up (an analysis limit).
 */
export function fileExports(absPath: string, file: string, source: string, ast: TSESTree.Program): Value | null {
  try {
    return new Interpreter().moduleExports(ast, moduleContext(absPath, file, source, ast));
  } catch {
    return null;
  }
}

/**
 * Extracts the operations of `up` and `down` from one parsed migration.
 * Nothing is executed: the file is read as a syntax tree.
 */
export function extractMigration(src: MigrationSource, options: InterpreterOptions = {}): Pick<Migration, 'status' | 'up' | 'down' | 'upFunction' | 'downFunction' | 'notMigrationReason' | 'exportsUnread'> {
  const ctx = moduleContext(src.absPath, src.file, src.source, src.ast);
  const interp = new Interpreter(options);
  const exported = interp.moduleExports(src.ast, ctx);
  const migration = migrationObject(exported);
  const up = migration ? memberOf(migration, 'up') : null;
  if (!migration || !up || up.k === 'undef' || isPlainData(up)) {
    return {
      status: 'not-a-migration',
      up: [],
      down: [],
      upFunction: ABSENT,
      downFunction: ABSENT,
      notMigrationReason: up && isPlainData(up) ? `\`up\` is ${describeData(up)}, not a function` : describeMissingUp(src.ast, exported),
      // `module.exports = SequeliceMigration.createTable(...)` with the helper from a path alias: not known either way.
      ...(exportsUnread(exported) ? { exportsUnread: true as const } : {}),
    };
  }
  const down = memberOf(migration, 'down');
  const upResult = runPhase(interp, up, 'up', migration, ctx, src.ast);
  // `down: null` / `down: undefined` is a missing down, as the runner sees it.
  const downResult = down && down.k !== 'undef' && down.k !== 'null' ? runPhase(interp, down, 'down', migration, ctx, src.ast) : { ops: [], fn: ABSENT };
  if (options.callSyntax !== false) {
    recordSyntax(src.ast, ctx, interp, [...upResult.ops, ...downResult.ops]);
    for (const [value, fn] of [[up, upResult.fn], [down, downResult.fn]] as const) {
      if (value?.k === 'fn' && value.module === ctx) fn.syntax = functionSyntax(value.node);
    }
  }
  // A name one of the two functions reads that only the other declares: a ReferenceError at run time.
  const own = (v: Value | null) => (v?.k === 'fn' && v.module === ctx ? v.node : null);
  const [upNode, downNode] = [own(up), own(down)];
  let scopes: StaticScopes | null = null;
  if (upNode && downNode) {
    for (const [fn, other, result] of [[downNode, upNode, downResult.fn], [upNode, downNode, upResult.fn]] as const) {
      // Only when a name the other declares appears here undeclared, by a quick look, is the file's scope analysed.
      const mine = declaredNames(fn);
      if (![...declaredNames(other)].some((n) => !mine.has(n) && readsName(fn, n))) continue;
      const id = (scopes ??= new StaticScopes(src.ast)).strandedReference(fn);
      if (id) result.stranded = { name: id.name, line: id.loc.start.line, column: id.loc.start.column + 1 };
    }
  }
  // A table a `down` step names by a bare name the file declares nowhere and Node.js does not give (`dropTable(contacts)`
  // in generated files: hold-out 99): a ReferenceError there. Only as a table name: another undeclared name may be a
  // global the application sets (`global.logger`), a table name hardly. The scopes are analysed only for such a name.
  if (downNode && !downResult.fn.stranded) {
    const declared = declaredNames(src.ast);
    const bare = new Set(downResult.ops.flatMap((o) => (o.target.table === null && o.target.tableExpression !== undefined && /^[A-Za-z_$][\w$]*$/.test(o.target.tableExpression) && !declared.has(o.target.tableExpression) && !RUNTIME_GLOBALS.has(o.target.tableExpression) ? [o.target.tableExpression] : [])));
    if (bare.size > 0) {
      const id = (scopes ??= new StaticScopes(src.ast)).strandedReference(downNode, bare);
      if (id) downResult.fn.stranded = { name: id.name, line: id.loc.start.line, column: id.loc.start.column + 1, ...(declared.has(id.name) ? {} : { nowhere: true as const }) };
    }
  }
  return { status: 'ok', up: upResult.ops, down: downResult.ops, upFunction: upResult.fn, downFunction: downResult.fn };
}

/** The names a function declares: its parameters, variables, functions and catch parameters, at any depth. */
function declaredNames(fn: TSESTree.Node): Set<string> {
  const out = new Set<string>();
  const add = (p: TSESTree.Node | null | undefined) => {
    if (p) for (const n of patternNames(p)) out.add(n);
  };
  traverse(fn, (n) => {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      if (n.type !== 'ArrowFunctionExpression' && n.id) out.add(n.id.name);
      n.params.forEach(add);
    } else if (n.type === 'VariableDeclarator') add(n.id);
    else if (n.type === 'CatchClause') add(n.param);
    else if ((n.type === 'ClassDeclaration' || n.type === 'ClassExpression') && n.id) out.add(n.id.name);
    else if (n.type === 'ImportSpecifier' || n.type === 'ImportDefaultSpecifier' || n.type === 'ImportNamespaceSpecifier') out.add(n.local.name);
    else if ((n.type === 'TSImportEqualsDeclaration' || n.type === 'TSEnumDeclaration' || n.type === 'TSModuleDeclaration') && n.id.type === 'Identifier') out.add(n.id.name);
  });
  return out;
}

/** Whether an identifier named `name` appears in the function (a quick test, scopes not considered). */
function readsName(fn: TSESTree.Node, name: string): boolean {
  let found = false;
  traverse(fn, (n) => {
    if (!found && n.type === 'Identifier' && n.name === name) found = true;
  });
  return found;
}

/** Where this file exports its migration: `module.exports = ...`, `export default ...`, else its first statement. */
function exportSite(ast: TSESTree.Program): TSESTree.Node {
  for (const stmt of ast.body) {
    const expr = stmt.type === 'ExpressionStatement' ? stmt.expression : null;
    const assigned =
      expr?.type === 'AssignmentExpression' && expr.left.type === 'MemberExpression' && expr.left.object.type === 'Identifier' && expr.left.object.name === 'module' && expr.left.property.type === 'Identifier' && expr.left.property.name === 'exports'
        ? expr.right
        : null;
    if (assigned) return assigned;
    if (stmt.type === 'ExportDefaultDeclaration') return stmt.declaration;
  }
  return ast.body[0] ?? ast;
}

/** Gives each operation whose call is written in this file how that call is written (what rewrites need). */
function recordSyntax(ast: TSESTree.Program, ctx: ModuleContext, interp: Interpreter, ops: readonly Operation[]): void {
  const callOf = new Map<Operation, TSESTree.CallExpression>();
  for (const op of ops) {
    const call = interp.callOf(op, ctx);
    if (call) callOf.set(op, call);
  }
  const syntax = callSyntaxes(ast, new Set(callOf.values()));
  for (const [op, call] of callOf) op.syntax = syntax.get(call)!;
}

/** `module.exports = {up}`, `export default {up}`, `export const up`: the object holding up/down. */
function migrationObject(exported: Value): Value | null {
  if (exported.k !== 'obj') return null;
  if (exported.props.has('up')) return exported;
  const def = exported.props.get('default');
  if (def?.k === 'obj' && def.props.has('up')) return def;
  return null;
}

function memberOf(v: Value, key: string): Value | null {
  return v.k === 'obj' ? v.props.get(key) ?? null : null;
}

function runPhase(interp: Interpreter, value: Value, phase: 'up' | 'down', migration: Value, ctx: ModuleContext, ast: TSESTree.Program): { ops: Operation[]; fn: MigrationFunction } {
  if (value.k !== 'fn') {
    const at = migration.k === 'obj' ? migration.locs?.get(phase) : undefined;
    const loc = at ? toSourceLocation(at) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    // `up: require('./shared').up` or a value we cannot see through: say so instead of guessing.
    const op = makeOperation({
      phase,
      op: 'unresolved',
      target: { table: null, column: null },
      unresolved: true,
      unresolvedReason: `${phase} is not a function defined in this file`,
      loc,
      callee: phase,
    });
    return { ops: [op], fn: { present: true, empty: false, throws: false, wrappedInTransaction: false, loc: at ? loc : null } };
  }
  // `module.exports = Migration.alterColumn('add', 'lessons', 'tags', {...})`: `up` is a function a helper module of the
  // project built, so its calls are written there. They are reported at the export of this file (where the migration
  // says what it does), as the operations of a helper called from this file are at the call.
  const helper = value.module !== ctx ? posix.join(value.module.dirname, posix.basename(value.module.file.replace(/\\/g, '/'))) : null;
  const site = helper ? { node: exportSite(ast), callee: phase, via: `${helper}:${value.node.loc.start.line}` } : undefined;
  const ops = interp.runMigrationFunction(value, phase, migration, site);
  const node = value.node;
  const throws = bodyThrows(node.body);
  const writes = ops.filter((o) => changesDatabase(o.op));
  const noPromise = throws ? null : promiseless(node);
  return {
    ops,
    fn: {
      present: true,
      empty: ops.length === 0 && !throws,
      throws,
      // Every write in one transaction: two transactions one after the other commit separately.
      wrappedInTransaction: writes.length > 0 && writes.every((o) => o.inTransaction && !o.transactionMisplaced) && new Set(writes.flatMap((o) => (o.transaction === undefined ? [] : [o.transaction]))).size <= 1,
      loc: toSourceLocation(node.loc),
      ...(noPromise ? { noPromise } : {}),
    },
  };
}

/**
 * What a migration function returns when it returns no promise for sure: `nothing` (not async, no `done` callback,
 * and no return with a value: an empty body too), `array` (every return, or the arrow's body, is an array literal).
 * Null when it may return a promise (async, a returned call, an identifier, any other expression).
 */
function promiseless(node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): 'nothing' | 'array' | null {
  if (node.async || node.generator || node.params.length >= 3) return null;
  if (node.body.type !== 'BlockStatement') return node.body.type === 'ArrayExpression' ? 'array' : null;
  const returns: (TSESTree.Expression | null)[] = [];
  let nested = false;
  traverse(node.body, (n) => {
    if (n !== node.body && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassBody')) return 'skip';
    if (n.type === 'ReturnStatement') returns.push(n.argument ?? null);
    if (n.type === 'ThrowStatement') nested = true;
  });
  // A throw anywhere may be the way out: no claim.
  if (nested) return null;
  if (returns.every((r) => r === null)) return 'nothing';
  if (returns.every((r) => r?.type === 'ArrayExpression')) return 'array';
  return null;
}

/** The body throws before doing anything: the "irreversible" marker. */
function bodyThrows(body: TSESTree.BlockStatement | TSESTree.Expression | null | undefined): boolean {
  if (!body) return false;
  if (body.type !== 'BlockStatement') return isReject(body);
  for (const stmt of body.body) {
    if (stmt.type === 'ThrowStatement') return true;
    if (stmt.type === 'ReturnStatement') return stmt.argument ? isReject(stmt.argument) : false;
  }
  return false;
}

function isReject(e: TSESTree.Node): boolean {
  return isRejectCall(e.type === 'AwaitExpression' ? e.argument : e);
}

/** A literal where a function belongs: the runner would fail calling it. */
function isPlainData(v: Value): boolean {
  return v.k === 'num' || v.k === 'str' || v.k === 'bool' || v.k === 'null' || v.k === 'arr';
}

function describeData(v: Value): string {
  if (v.k === 'num' || v.k === 'bool') return String(v.v);
  if (v.k === 'str') return JSON.stringify(v.v);
  if (v.k === 'null') return 'null';
  return 'an array';
}

/** What the file exports is not known: a value migralint cannot compute, or an object spread from one (`{ ...helper.createTable(...) }`) with no `up` of its own. */
function exportsUnread(exported: Value): boolean {
  return exported.k === 'unknown' || exported.k === 'import' || (exported.k === 'obj' && exported.partial && !exported.props.has('up'));
}

function describeMissingUp(ast: TSESTree.Program, exported: Value): string {
  const meaningful = ast.body.filter((s) => s.type !== 'EmptyStatement');
  if (meaningful.length === 0) return 'the file contains no code (commented out?)';
  if (exportsUnread(exported)) return 'what the file exports is computed by code migralint does not follow (a helper imported through a path alias or a package)';
  if (exported.k === 'obj' && exported.props.size === 0) return 'the file exports nothing';
  if (exported.k === 'obj') {
    const names = [...exported.props.keys()].sort();
    return `the file exports ${names.map((n) => `\`${n}\``).join(', ')} but no \`up\` function`;
  }
  // `module.exports = async (...) => {...}`: a runner of the project's own may call it; sequelize-cli and umzug call `up`.
  if (exported.k === 'fn') return 'the file exports a function itself, not an object with an `up` function';
  return 'the file does not export an object with an `up` function';
}


/** The names a file assigns after their declaration (`ModuleContext.reassigned`), and those of them the interpreter follows in order (`ModuleContext.straightLets`). */
interface Reassignments {
  reassigned: Set<string>;
  straight: Set<string>;
  values: Map<string, TSESTree.Expression[]>;
}

/**
 * One walk of the file. `reassigned`: every name assigned after its
 * declaration, by name (not by scope), destructuring and `++` included: such a
 * `let` is not trusted. `straight`: those assigned only with a plain `=` in a
 * function that declares them with its own `let`, once.
 */
function reassignments(ast: TSESTree.Program): Reassignments {
  const reassigned = new Set<string>();
  // `++`, `+=` and the like, by the function they are in: a loop counter of a chain (`chainCounters`).
  const updated: [string, TSESTree.Node | null][] = [];
  // Every declaration of each name: its function and kind.
  const declarations: [string, TSESTree.Node | null, string][] = [];
  // The functions that declare each name (a `let` of its own, once per function).
  const declaredIn = new Map<string, Set<TSESTree.Node>>();
  // The functions that declare each name with a `const`.
  const constIn = new Map<string, Set<TSESTree.Node>>();
  const excluded = new Set<string>();
  const assigned: [string, TSESTree.Node | null][] = [];
  const functions: TSESTree.Node[] = [];
  const isFunction = (n: TSESTree.Node) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
  const values = new Map<string, TSESTree.Expression[]>();
  const changedOtherwise = new Set<string>();
  const reassignedOnly = (name: string) => {
    reassigned.add(name);
    excluded.add(name);
    changedOtherwise.add(name);
  };
  traverse(ast, {
    enter: (n) => {
      const fn = functions.at(-1) ?? null;
      if (isFunction(n)) functions.push(n);
      if (n.type === 'VariableDeclaration') {
        for (const d of n.declarations) {
          if (d.id.type !== 'Identifier') {
            patternNames(d.id).forEach((name) => excluded.add(name));
            continue;
          }
          const name = d.id.name;
          declarations.push([name, fn, n.kind]);
          // A `const` of the same name in another function (`down`'s `const id` beside `up`'s `let id`) is another
          // binding, never assigned: it leaves that `let` followed (hold-out 101). One in the same function is not told
          // apart by name: the name is not followed there.
          if (n.kind === 'const' && fn !== null) {
            constIn.set(name, (constIn.get(name) ?? new Set<TSESTree.Node>()).add(fn));
            continue;
          }
          const fns = declaredIn.get(name) ?? new Set<TSESTree.Node>();
          // Module-level bindings are evaluated lazily, out of order: only a function's own `let`s are followed.
          if (n.kind !== 'let' || fn === null || fns.has(fn)) excluded.add(name);
          if (fn) fns.add(fn);
          declaredIn.set(name, fns);
        }
      } else if (n.type === 'AssignmentExpression') {
        if (n.left.type === 'Identifier' && n.operator === '=') {
          reassigned.add(n.left.name);
          assigned.push([n.left.name, fn]);
          values.set(n.left.name, [...(values.get(n.left.name) ?? []), n.right]);
        } else if (n.left.type === 'Identifier') {
          reassignedOnly(n.left.name);
          updated.push([n.left.name, fn]);
        }
        // `[t] = [...]`, `({ t } = obj)`: destructuring reassigns too.
        else if (n.left.type === 'ArrayPattern' || n.left.type === 'ObjectPattern') patternNames(n.left).forEach(reassignedOnly);
      } else if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier') {
        reassignedOnly(n.argument.name);
        updated.push([n.argument.name, fn]);
      }
      return undefined;
    },
    leave: (n) => {
      if (isFunction(n)) functions.pop();
    },
  });
  // Assigned only in a function that declares it (never from a nested function).
  for (const [name, fn] of assigned) if (fn === null || !declaredIn.get(name)?.has(fn) || constIn.get(name)?.has(fn)) excluded.add(name);
  const straight = new Set(assigned.map(([name]) => name).filter((name) => !excluded.has(name)));
  for (const name of chainCounters(ast, declarations, assigned, updated)) straight.add(name);
  for (const name of changedOtherwise) values.delete(name);
  return { reassigned, straight, values };
}

/**
 * The counter of a loop written as a promise chain, as sequelize-auto-migrations generates it:
 * `let index = this.pos; function next() { if (index < commands.length) { const c = commands[index]; index++;
 * qi[c.fn](...c.params).then(next, reject); } else resolve(); } next();`. Declared in functions only (`let` or `var`, `up` and `down` each their own),
 * changed only inside functions declared within such a function, each calling itself again only as a
 * promise's continuation (`.then(next)`): each round runs after the previous one, so the counter is followed in order
 * (the interpreter walks such a continuation as the next round: `evalPromiseChain`).
 */
function chainCounters(ast: TSESTree.Program, declarations: [string, TSESTree.Node | null, string][], assigned: [string, TSESTree.Node | null][], updated: [string, TSESTree.Node | null][]): Set<string> {
  const out = new Set<string>();
  if (updated.length === 0) return out;
  // Function declarations whose only references to their own name are `.then(name ...)` continuations and plain calls
  // of the declaring function (`next();`), none of them inside the function but as a continuation.
  const chained = new Map<TSESTree.Node, string>();
  traverse(ast, (n) => {
    if (n.type !== 'FunctionDeclaration' || !n.id) return undefined;
    const name = n.id.name;
    let continues = false;
    let other = false;
    traverse(n.body, (m, parent) => {
      if (m.type !== 'Identifier' || m.name !== name) return undefined;
      const asContinuation = parent?.type === 'CallExpression' && parent.arguments[0] === m && parent.callee.type === 'MemberExpression' && parent.callee.property.type === 'Identifier' && parent.callee.property.name === 'then';
      if (asContinuation) continues = true;
      else other = true;
      return undefined;
    });
    if (continues && !other) chained.set(n, name);
    return undefined;
  });
  if (chained.size === 0) return out;
  const declaring = new Map<string, (TSESTree.Node | null)[]>();
  for (const [name, fn] of declarations) declaring.set(name, [...(declaring.get(name) ?? []), fn]);
  const writers = new Map<string, Set<TSESTree.Node | null>>();
  for (const [name, fn] of [...assigned, ...updated]) writers.set(name, (writers.get(name) ?? new Set()).add(fn));
  for (const [name, fns] of writers) {
    // Each declaration a function's own (`up` and `down` each with theirs), and each writer a chained function declared
    // inside one of them (never the declaring function itself).
    const declared = declaring.get(name) ?? [];
    if (declared.length === 0 || declared.includes(null)) continue;
    const ok = [...fns].every((w) => w !== null && chained.has(w) && !declared.includes(w) && declared.some((d) => encloses(d!, w)));
    if (ok) out.add(name);
  }
  return out;
}

/** `inner` is `outer` or a node inside it. */
function encloses(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  let found = false;
  traverse(outer, (n) => {
    if (n === inner) {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}
