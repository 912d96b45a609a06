import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceLocation } from '../model';
import { Interpreter } from '../extract/interpreter';
import { OBJECT_IDENTITY_METHODS, asString, assignObjects, foldObjectLiteral, truthiness, type ModuleContext, type Value } from '../extract/values';
import { exportsOf, isExpression, memberKeyOf, memberPath, propertyKeyOf, unwrapExpression } from '../extract/syntax';
import { StaticScopes } from '../extract/static-scope';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;

/** A property of a config object, with the place it is written (spreads keep the original place). */
export interface ConfigProp {
  key: string;
  loc: SourceLocation;
  value: Resolved;
}

/**
 * A config value resolved as far as objects go: object literals (through
 * constants, spreads, `Object.assign`, member access and top-level
 * assignments) become `object`; anything else stays an expression, to be
 * classified or evaluated where it is used.
 */
export type Resolved =
  | { kind: 'object'; props: Map<string, ConfigProp>; partial: boolean }
  | { kind: 'expr'; node: Expression };

/** Where a leaf value comes from; see `ConfigValueSource` in types.ts. */
export interface Classified {
  source: 'env' | 'literal' | 'literal-fallback' | 'unknown';
  envVar?: string;
  /** The literal itself (`literal`) or the literal fallback (`literal-fallback`). */
  literal?: Expression;
}

/** A top-level binding: `const x = init`, or one name destructured from `init` (`const { a = d } = init`). */
type Binding =
  | { kind: 'init'; init: Expression }
  | { kind: 'member'; object: Expression; key: string; fallback?: Expression }
  | { kind: 'function' }
  | { kind: 'unknown' };

/** Conversions that keep where a value comes from: `Number(process.env.DB_PORT)` still reads DB_PORT. */
const TRANSPARENT_CALLS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'decodeURIComponent', 'encodeURIComponent']);
const TRANSPARENT_METHODS = new Set(['trim', 'toString', 'toLowerCase', 'toUpperCase', 'valueOf']);
const MAX_DEPTH = 24;

/**
 * Reads a config module statically: bindings, the export, object shapes,
 * and where each leaf comes from. Reuses the migration interpreter for the
 * static value of leaves (strings, numbers, booleans, nested constants).
 * Nothing is executed.
 */
export class StaticConfigReader {
  private readonly bindings = new Map<string, Binding | null>();
  private readonly scopes: StaticScopes;
  private readonly objects = new Map<Node, Resolved>();
  private readonly interpreter = new Interpreter();
  private depth = 0;

  constructor(
    private readonly ast: TSESTree.Program,
    private readonly context: ModuleContext,
    /** Added to every line (the JSON reader wraps the text in parentheses on a line of its own). */
    private readonly lineOffset = 0,
  ) {
    this.scopes = new StaticScopes(ast);
  }

  loc(node: Node): SourceLocation {
    return {
      line: node.loc.start.line + this.lineOffset,
      column: node.loc.start.column + 1,
      endLine: node.loc.end.line + this.lineOffset,
      endColumn: node.loc.end.column + 1,
    };
  }

  /** The source text of a node, whitespace folded. */
  text(node: Node): string {
    return this.context.source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  }

  /** The static value of an expression, as the migration interpreter sees it (`unknown` for environment reads). */
  value(node: Expression): Value {
    return this.interpreter.evalTop(node, this.ast, this.context);
  }

  /**
   * The exported config: `module.exports = ...`, `module.exports.x = ...`,
   * `exports.x = ...`, `export default`, `export =`, named exports, and a
   * function returning an object (sequelize-cli calls it). Top-level
   * assignments to exported objects (`config.production.logging = false`)
   * are applied in order. Null when the file exports nothing readable.
   */
  exported(): { root: Resolved; loc: SourceLocation } | null {
    let root: Resolved | null = null;
    let rootLoc: SourceLocation | null = null;
    const props = new Map<string, ConfigProp>();
    const exportsObject = (): Resolved & { kind: 'object' } => {
      if (root?.kind === 'object') return root;
      root = { kind: 'object', props, partial: root !== null };
      return root;
    };
    for (const stmt of this.ast.body) {
      const forms = exportsOf(stmt);
      if (forms.length === 0) {
        // `config.production.logging = false`: a top-level write into an object the config exports.
        const e = stmt.type === 'ExpressionStatement' ? stmt.expression : null;
        const path = e?.type === 'AssignmentExpression' && e.operator === '=' ? memberPath(e.left) : null;
        const target = path ? this.resolveBinding(path[0]!) : null;
        if (e?.type === 'AssignmentExpression' && path && target) this.assign(target, path.slice(1), e.left, e.right);
        continue;
      }
      for (const e of forms) {
        switch (e.kind) {
          case 'assigned':
            if (e.assignment.operator !== '=') break;
            if (e.path.length === 0) {
              root = this.resolve(e.assignment.right);
              rootLoc = this.loc(stmt);
            } else {
              rootLoc ??= this.loc(stmt);
              this.assign(exportsObject(), e.path, e.assignment.left, e.assignment.right);
            }
            break;
          case 'default': {
            const d = e.declaration;
            if (d.type === 'FunctionDeclaration') root = this.returned(d);
            else if (isExpression(d)) root = this.resolve(d);
            rootLoc = this.loc(stmt);
            break;
          }
          case 'exportEquals':
            root = this.resolve(e.value);
            rootLoc = this.loc(stmt);
            break;
          case 'variable': {
            const d = e.declarator;
            if (d.id.type !== 'Identifier' || !d.init) break;
            rootLoc ??= this.loc(stmt);
            exportsObject().props.set(d.id.name, { key: d.id.name, loc: this.loc(d), value: this.resolve(d.init) });
            break;
          }
          default:
            break;
        }
      }
    }
    if (root === null || rootLoc === null) return null;
    let result: Resolved = root;
    if (result.kind === 'expr') {
      // sequelize-cli calls an exported function (and awaits its promise).
      const fn = this.functionOf(result.node);
      if (fn) result = this.returned(fn);
    }
    return { root: result, loc: rootLoc };
  }

  /** Resolves an expression as far as objects go; see `Resolved`. */
  resolve(node: Expression): Resolved {
    if (this.depth > MAX_DEPTH) return { kind: 'expr', node };
    this.depth++;
    try {
      return this.resolveInner(node);
    } finally {
      this.depth--;
    }
  }

  private resolveInner(node: Expression): Resolved {
    const inner = unwrapExpression(node);
    switch (inner.type) {
      case 'ObjectExpression': {
        const cached = this.objects.get(inner);
        if (cached) return cached;
        const obj: Resolved & { kind: 'object' } = { kind: 'object', props: new Map(), partial: false };
        this.objects.set(inner, obj);
        const folded = foldObjectLiteral<ConfigProp>(
          inner,
          {
            key: (p) => this.propertyKey(p),
            value: (p, key) => ({ key, loc: this.loc(p), value: isExpression(p.value) ? this.resolve(p.value) : { kind: 'expr', node: p.key as Expression } }),
            spread: (arg) => {
              const s = this.resolve(arg);
              if (s.kind === 'object') return s;
              // `...null` and `...undefined` spread nothing.
              return isNullish(s.node) ? 'nothing' : null;
            },
          },
          { props: obj.props, partial: false, locs: new Map() },
        );
        obj.partial = folded.partial;
        return obj;
      }
      case 'Identifier':
        return this.resolveBinding(inner.name) ?? { kind: 'expr', node };
      case 'MemberExpression': {
        const key = this.memberKey(inner);
        const parent = this.resolve(inner.object as Expression);
        if (parent.kind === 'object' && key !== null) {
          const prop = parent.props.get(key);
          if (prop) return prop.value;
        }
        return { kind: 'expr', node };
      }
      case 'CallExpression': {
        const callee = memberPath(inner.callee);
        const method = callee?.length === 2 && callee[0] === 'Object' ? callee[1]! : null;
        if (method !== null && OBJECT_IDENTITY_METHODS.has(method) && inner.arguments[0] && isExpression(inner.arguments[0])) return this.resolve(inner.arguments[0]);
        if (method === 'assign') {
          const parts = inner.arguments.map((a) => {
            const s = a.type === 'SpreadElement' ? null : this.resolve(a);
            return s?.kind === 'object' ? s : null;
          });
          return { kind: 'object', ...assignObjects(parts) };
        }
        return { kind: 'expr', node };
      }
      default:
        return { kind: 'expr', node };
    }
  }

  /** Where a leaf value comes from: the environment, the file, both, or something unknown. */
  classify(node: Expression): Classified {
    if (this.depth > MAX_DEPTH) return { source: 'unknown' };
    this.depth++;
    try {
      return this.classifyInner(unwrapExpression(node));
    } finally {
      this.depth--;
    }
  }

  private classifyInner(node: Expression): Classified {
    const env = this.envRead(node);
    if (env) return env;
    switch (node.type) {
      case 'Literal':
        return { source: 'literal', literal: node };
      case 'TemplateLiteral':
        return node.expressions.length === 0 ? { source: 'literal', literal: node } : this.combineParts(node.expressions, node);
      case 'UnaryExpression':
        return node.operator === '-' || node.operator === '+' ? this.classify(node.argument) : { source: 'unknown' };
      case 'Identifier': {
        if (node.name === 'undefined' && !this.hasBinding('undefined')) return { source: 'literal', literal: node };
        const b = this.binding(node.name);
        if (b?.kind === 'init') return this.classify(b.init);
        if (b?.kind === 'member') {
          const held = this.resolveBinding(node.name);
          const c: Classified = held?.kind === 'expr' ? this.classify(held.node) : { source: 'unknown' };
          return b.fallback ? this.withFallback(c, this.classify(b.fallback)) : c;
        }
        return { source: 'unknown' };
      }
      case 'MemberExpression': {
        const r = this.resolve(node);
        return r.kind === 'expr' && r.node !== node ? this.classify(r.node) : { source: 'unknown' };
      }
      case 'LogicalExpression': {
        const left = this.classify(node.left);
        if (node.operator === '&&') return { source: 'unknown' };
        if (left.source === 'literal') {
          // `'x' || process.env.X` is always 'x'; `'' || process.env.X` is the variable.
          const v = this.value(left.literal!);
          const takesRight = node.operator === '||' ? truthiness(v) === false : v.k === 'null' || v.k === 'undef';
          return takesRight ? this.classify(node.right) : left;
        }
        return this.withFallback(left, this.classify(node.right));
      }
      case 'ConditionalExpression': {
        const test = truthiness(this.value(node.test));
        if (test !== null) return this.classify(test ? node.consequent : node.alternate);
        return this.either(this.classify(node.consequent), this.classify(node.alternate));
      }
      case 'BinaryExpression':
        return node.operator === '+' ? this.combineParts([node.left, node.right], node) : { source: 'unknown' };
      case 'CallExpression': {
        const name = calleeName(node);
        const arg = node.arguments[0];
        if (name && TRANSPARENT_CALLS.has(name) && arg && isExpression(arg)) return this.classify(arg);
        if (node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && TRANSPARENT_METHODS.has(node.callee.property.name)) {
          return this.classify(node.callee.object as Expression);
        }
        return { source: 'unknown' };
      }
      default:
        return { source: 'unknown' };
    }
  }

  /** `process.env.X`, `process.env['X']`, `env.X` with `const env = process.env`, `X` with `const { X } = process.env`. */
  private envRead(node: Expression): Classified | null {
    if (node.type === 'MemberExpression' && this.isProcessEnv(node.object as Expression)) {
      const key = this.memberKey(node);
      return key === null ? { source: 'env' } : { source: 'env', envVar: key };
    }
    if (node.type === 'Identifier') {
      const b = this.binding(node.name);
      if (b?.kind === 'member' && this.isProcessEnv(b.object)) {
        const read: Classified = { source: 'env', envVar: b.key };
        return b.fallback ? this.withFallback(read, this.classify(b.fallback)) : read;
      }
    }
    return null;
  }

  private isProcessEnv(node: Expression, hops = 0): boolean {
    const n = unwrapExpression(node);
    if (n.type === 'MemberExpression' && this.memberKey(n) === 'env') {
      const obj = unwrapExpression(n.object as Expression);
      return obj.type === 'Identifier' && obj.name === 'process' && !this.hasBinding('process');
    }
    if (n.type === 'Identifier') {
      const b = this.binding(n.name);
      if (b?.kind === 'init') return hops < MAX_DEPTH && this.isProcessEnv(b.init, hops + 1);
      if (b?.kind === 'member' && b.key === 'env') {
        const obj = unwrapExpression(b.object);
        return obj.type === 'Identifier' && obj.name === 'process' && !this.hasBinding('process');
      }
    }
    return false;
  }

  /** `primary || fallback` (and `??`, and a destructuring default). */
  private withFallback(primary: Classified, fallback: Classified): Classified {
    if (primary.source === 'literal' || primary.source === 'literal-fallback') return primary;
    if (fallback.source === 'literal' || fallback.source === 'literal-fallback') {
      const out: Classified = { source: 'literal-fallback' };
      if (fallback.literal) out.literal = fallback.literal;
      const envVar = primary.envVar ?? fallback.envVar;
      if (envVar !== undefined) out.envVar = envVar;
      return out;
    }
    if (primary.source === 'env') return primary;
    return fallback.source === 'env' ? { ...fallback, source: 'env' } : { source: 'unknown' };
  }

  /** `cond ? a : b`: a literal on either side is written in the file. */
  private either(a: Classified, b: Classified): Classified {
    if (a.source === 'literal' && b.source === 'literal') return a;
    const lit = [a, b].find((c) => c.source === 'literal' || c.source === 'literal-fallback');
    const envish = [a, b].find((c) => c.source === 'env' || c.source === 'literal-fallback');
    if (lit) {
      const out: Classified = { source: 'literal-fallback' };
      if (lit.literal) out.literal = lit.literal;
      const envVar = envish?.envVar ?? lit.envVar;
      if (envVar !== undefined) out.envVar = envVar;
      return out;
    }
    if (a.source === 'env' && b.source === 'env') return a;
    return { source: 'unknown' };
  }

  /** A template or a concatenation: environment parts make it an environment value, literal parts alone a literal. */
  private combineParts(parts: readonly Node[], whole: Expression): Classified {
    const classes = parts.map((p) => (isExpression(p) ? this.classify(p) : { source: 'unknown' as const }));
    if (classes.every((c) => c.source === 'literal')) return { source: 'literal', literal: whole };
    const env = classes.find((c) => c.source === 'env' || c.source === 'literal-fallback');
    const fallback = classes.find((c) => c.source === 'literal-fallback');
    if (fallback) return fallback;
    if (env && classes.every((c) => c.source !== 'unknown')) return env.envVar !== undefined ? { source: 'env', envVar: env.envVar } : { source: 'env' };
    return { source: 'unknown' };
  }

  /** A function value: an arrow, a function expression, or a name bound to a function declaration. */
  functionOf(node: Expression, hops = 0): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | null {
    const n = unwrapExpression(node);
    if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') return n;
    if (n.type === 'Identifier') {
      for (const stmt of this.ast.body) {
        const d = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
        if (d?.type === 'FunctionDeclaration' && d.id?.name === n.name) return d;
      }
      const b = this.binding(n.name);
      if (b?.kind === 'init' && hops < MAX_DEPTH) return this.functionOf(b.init, hops + 1);
    }
    return null;
  }

  /** The object a config function returns (`() => ({...})`, a body whose only return is at the top). */
  private returned(fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): Resolved {
    const body = fn.body;
    if (!body) return { kind: 'object', props: new Map(), partial: true };
    if (body.type !== 'BlockStatement') return this.resolve(body);
    const returns = body.body.filter((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement');
    const only = returns.length === 1 ? returns[0]!.argument : null;
    return only ? this.resolve(only) : { kind: 'object', props: new Map(), partial: true };
  }

  /** A top-level `a.b.c = value`: sets `c` on the object `a.b` resolves to (objects are shared, as in JS). */
  private assign(target: Resolved, keys: string[], left: Node, right: Expression): void {
    if (keys.length === 0) return;
    let obj = target;
    for (const key of keys.slice(0, -1)) {
      if (obj.kind !== 'object') return;
      const next = obj.props.get(key);
      if (!next) return;
      obj = next.value;
    }
    if (obj.kind !== 'object') return;
    const key = keys[keys.length - 1]!;
    obj.props.set(key, { key, loc: this.loc(left), value: this.resolve(right) });
  }

  /** What a top-level name holds: its initializer, or the property it was destructured from; null when unknown. */
  private resolveBinding(name: string): Resolved | null {
    const b = this.binding(name);
    if (b?.kind === 'init') return this.resolve(b.init);
    if (b?.kind === 'member') {
      const parent = this.resolve(b.object);
      const prop = parent.kind === 'object' ? parent.props.get(b.key) : undefined;
      if (prop) return prop.value;
    }
    return null;
  }

  private propertyKey(p: TSESTree.Property): string | null {
    return propertyKeyOf(p, (k) => asString(this.value(k)));
  }

  private memberKey(node: TSESTree.MemberExpression): string | null {
    return memberKeyOf(node, (k) => asString(this.value(k)));
  }

  /**
   * What a top-level name holds (a `const`, a `let`/`var` never reassigned, a
   * name destructured from an initializer, a function declaration, an import),
   * from the module's scope; null when the module declares no such name at its top level.
   */
  private binding(name: string): Binding | null {
    if (!this.bindings.has(name)) this.bindings.set(name, this.readBinding(name));
    return this.bindings.get(name)!;
  }

  private hasBinding(name: string): boolean {
    return this.binding(name) !== null;
  }

  private readBinding(name: string): Binding | null {
    const d = this.scopes.topLevel(name);
    if (!d) return null;
    const atTop = (n: Node): boolean => this.ast.body.some((stmt) => stmt === n || (stmt.type === 'ExportNamedDeclaration' && stmt.declaration === n));
    switch (d.kind) {
      case 'function':
        return atTop(d.node) ? { kind: 'function' } : null;
      case 'import':
        return { kind: 'unknown' };
      case 'var': {
        const decl = d.declaration;
        if (!atTop(decl)) return null;
        const init = d.declarator.init;
        if (decl.kind !== 'const' && this.context.reassigned.has(name)) return { kind: 'unknown' };
        if (d.path.length === 0) return init ? { kind: 'init', init } : { kind: 'unknown' };
        const step = d.path[0]!;
        if (d.declarator.id.type !== 'ObjectPattern' || !init || step.kind === 'rest' || step.key === '\u0000') return { kind: 'unknown' };
        // `const { a: { b } } = init`: not followed.
        if (d.path.length > 1) return null;
        const b: Binding = { kind: 'member', object: init, key: step.key };
        if (d.defaultValue) b.fallback = d.defaultValue;
        return b;
      }
      default:
        return null;
    }
  }
}


function isNullish(node: Expression): boolean {
  const n = unwrapExpression(node);
  return (n.type === 'Literal' && n.value === null && !('regex' in n && n.regex)) || (n.type === 'Identifier' && n.name === 'undefined');
}

/** `Object.assign`, `Number`: the callee as a dotted name. */
function calleeName(node: TSESTree.CallExpression): string | null {
  const path = memberPath(node.callee);
  return path ? path.join('.') : null;
}
