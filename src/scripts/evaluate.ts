/**
 * A small static evaluator for the flag logic of npm scripts:
 * `const fresh = process.argv.includes('--fresh')`, `process.env.NODE_ENV ===
 * 'production'`, `sync({ force: fresh })`, minimist/yargs flags, constants,
 * parameters resolved from their call sites. The command's own arguments and
 * environment prefix are the inputs; anything else is `unknown`, with the
 * reason. Nothing is executed.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { commandArguments, parseArguments, readProcess, readVariable, type Environment } from '../extract/environment';
import { traverse } from '../traverse';
import { dataMember, foldArrayLiteral, foldBinary, foldConversion, foldObjectLiteral, foldStringMethod, foldTemplate, foldUnary, globalConstant, logicalOutcome, staticEquals, truthiness } from '../extract/values';
import { NOT_STATIC, fromPrimitive, isPrimitive, primitiveOf, type Primitive, type PrimitiveValue, type Value } from '../extract/values';
import { exportsOf, memberKeyOf, propertyKeyOf, type PathStep } from '../extract/syntax';
import { findDecl, type Decl, type FunctionNode, type Node, type Unit } from './units';

export type { Primitive };

/** An abstract value. `unknown` carries why; a partially known string keeps its text with `\u0000` for each unknown piece. */
export type Abs =
  /** A known primitive: the core's own kinds (`str`, `num`, `bool`, `null`, `undef`). */
  | PrimitiveValue
  | { k: 'arr'; items: Abs[]; argv?: boolean }
  | { k: 'obj'; props: Map<string, Abs>; partial: boolean }
  | { k: 'regex'; text: string }
  /** `process` and `process.env`, as the core names these globals. */
  | Extract<Value, { k: 'global' }>
  /** `require(spec)` or an import, and what was read or called from it. `unit` is set for a followed local module. */
  | { k: 'module'; spec: string; unit: Unit | null; path: string[] }
  | { k: 'fn'; node: FunctionNode; unit: Unit }
  /** Not known, with why; a partially known string (`pstr`) keeps its text with `\u0000` for each unknown piece. */
  | Extract<Value, { k: 'unknown' | 'pstr' }>;

export const HOLE = '\u0000';

/** The primitive of a known value (`undefined` for anything else). */
export function prim(v: Abs | undefined): Primitive {
  const p = v === undefined ? undefined : primitiveOf(v);
  return p === NOT_STATIC ? undefined : p;
}

export { fromPrimitive, isPrimitive };

export function unknown(why: string | string[] = [], text?: string): Abs {
  const list = Array.isArray(why) ? why : [why];
  return text === undefined ? { k: 'unknown', why: list } : { k: 'pstr', text, why: list };
}

/** JS truthiness when known, else null: the core's, and every other known value (a module, `process`, a regex) is an object. */
export function truthy(v: Abs): boolean | null {
  if (v.k === 'unknown' || v.k === 'pstr') return null;
  return truthiness(v) ?? true;
}

export function whyOf(v: Abs): string[] {
  return v.k === 'unknown' || v.k === 'pstr' ? v.why ?? [] : [];
}

/** A call of a function found in the analyzed units. */
export interface CallSite {
  unit: Unit;
  /** The call expression, or the reference when the function is passed as a value (`.then(main)`). */
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.Identifier | TSESTree.MemberExpression;
  call: TSESTree.CallExpression | TSESTree.NewExpression | null;
}

export interface World {
  /** The command's arguments and the variables it sets (prefixes, inherited from `npm run` callers): `commandEnvironment`. */
  environment: Environment;
  units: Unit[];
  /** A followed local module, by specifier, from a unit. */
  resolve(from: Unit, spec: string): Unit | null;
}

const MAX_DEPTH = 40;
/**
 * Expressions one evaluator evaluates at most (a step budget, not a clock: the same input gives the same answer).
 * Results are not cached while a function is followed with the arguments of one call, so a module whose functions
 * call each other with computed arguments can make the work grow without bound (a 900-line CLI module of
 * chained option builders); past the budget every expression is unknown.
 */
export const MAX_EVALUATIONS = 250_000;
/** The string methods folded for a known string (others are left to the caller). */
const SCRIPT_STRING_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'split']);

/**
 * Evaluates expressions of the units of one script run. Results are cached
 * per node: the world (arguments, environment) is fixed for the run.
 */
export class Evaluator {
  /** Facts the current evaluation relied on: "--fresh is passed", "NODE_ENV is not set by the command". */
  private notes = new Set<string>();
  private readonly cache = new Map<Node, { value: Abs; notes: Set<string> }>();
  private readonly inProgress = new Set<Node>();
  private readonly paramOverrides = new Map<FunctionNode, Abs[]>();
  private uncached = 0;
  /** Expressions evaluated so far (`MAX_EVALUATIONS`). */
  private evaluations = 0;
  private callSiteIndex: Map<FunctionNode, CallSite[]> | null = null;
  private indexing = false;

  constructor(readonly world: World) {}

  eval(unit: Unit, node: Node, depth = 0): Abs {
    if (depth > MAX_DEPTH) return unknown('too deep to follow');
    if (++this.evaluations > MAX_EVALUATIONS) return unknown('too costly to follow');
    const cached = this.uncached === 0 ? this.cache.get(node) : undefined;
    if (cached) {
      for (const n of cached.notes) this.notes.add(n);
      return cached.value;
    }
    if (this.inProgress.has(node)) return unknown('defined in terms of itself');
    this.inProgress.add(node);
    const outer = this.notes;
    this.notes = new Set();
    let value: Abs;
    const mine = this.notes;
    try {
      value = this.evalNode(unit, node, depth + 1);
    } finally {
      this.inProgress.delete(node);
      this.notes = outer;
      for (const n of mine) outer.add(n);
    }
    if (this.uncached === 0) this.cache.set(node, { value, notes: mine });
    return value;
  }

  /** Evaluates `node` and returns the facts the value depends on. */
  explain(unit: Unit, node: Node): { value: Abs; notes: string[] } {
    const outer = this.notes;
    this.notes = new Set();
    try {
      const value = this.eval(unit, node);
      return { value, notes: [...this.notes] };
    } finally {
      for (const n of this.notes) outer.add(n);
      this.notes = outer;
    }
  }

  /** Every call (or value reference) of a function, across the units. */
  callSites(fn: FunctionNode): CallSite[] {
    // While the index is built, a parameter's value is not known yet (and nothing is cached meanwhile).
    if (this.indexing) return [];
    if (!this.callSiteIndex) {
      this.indexing = true;
      this.uncached += 1;
      try {
        this.callSiteIndex = this.indexCallSites();
      } finally {
        this.indexing = false;
        this.uncached -= 1;
      }
    }
    return this.callSiteIndex.get(fn) ?? [];
  }

  /** Runs `body` with the parameters of `fn` bound to `args` (no caching meanwhile). */
  withParams<T>(fn: FunctionNode, args: Abs[], body: () => T): T {
    const previous = this.paramOverrides.get(fn);
    this.paramOverrides.set(fn, args);
    this.uncached += 1;
    try {
      return body();
    } finally {
      this.uncached -= 1;
      if (previous) this.paramOverrides.set(fn, previous);
      else this.paramOverrides.delete(fn);
    }
  }

  private indexCallSites(): Map<FunctionNode, CallSite[]> {
    const index = new Map<FunctionNode, CallSite[]>();
    const add = (fn: FunctionNode, site: CallSite): void => {
      const list = index.get(fn) ?? [];
      list.push(site);
      index.set(fn, list);
    };
    for (const unit of this.world.units) {
      traverse(unit.ast, (n) => {
        if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return;
        const callee = this.eval(unit, n.callee);
        if (callee.k === 'fn') add(callee.node, { unit, node: n, call: n });
        for (const arg of n.arguments) {
          if (arg.type !== 'Identifier' && arg.type !== 'MemberExpression') continue;
          const v = this.eval(unit, arg);
          if (v.k === 'fn') add(v.node, { unit, node: arg, call: null });
        }
      });
    }
    return index;
  }

  private evalNode(unit: Unit, node: Node, depth: number): Abs {
    switch (node.type) {
      case 'Literal':
        if ('regex' in node && node.regex) return { k: 'regex', text: `/${node.regex.pattern}/${node.regex.flags}` };
        if (typeof node.value === 'bigint') return fromPrimitive(Number(node.value));
        return fromPrimitive(node.value as Primitive);
      case 'TemplateLiteral':
        return this.template(unit, node, depth);
      case 'Identifier':
        return this.identifier(unit, node, depth);
      case 'ArrayExpression': {
        const folded = foldArrayLiteral<Abs>(node, { value: (e) => this.eval(unit, e, depth), items: (v) => (v.k === 'arr' ? v.items : null), hole: fromPrimitive(undefined) });
        return 'unknownSpread' in folded ? unknown(whyOf(folded.unknownSpread)) : { k: 'arr', items: folded.items };
      }
      case 'ObjectExpression':
        return this.object(unit, node, depth);
      case 'UnaryExpression': {
        const arg = this.eval(unit, node.argument, depth);
        if (node.operator === '!') {
          const t = truthy(arg);
          return t === null ? unknown(whyOf(arg)) : fromPrimitive(!t);
        }
        if (node.operator === 'void') return fromPrimitive(undefined);
        if (!isPrimitive(arg)) return unknown(whyOf(arg));
        const folded = foldUnary(node.operator, prim(arg));
        return folded === NOT_STATIC ? unknown() : fromPrimitive(folded);
      }
      case 'LogicalExpression': {
        const left = this.eval(unit, node.left, depth);
        const outcome = logicalOutcome(node.operator, truthy(left), left.k === 'null' || left.k === 'undef');
        if (outcome) return outcome === 'left' ? left : this.eval(unit, node.right, depth);
        if (node.operator === '??') return unknown(whyOf(left));
        // `unknown && false` is false either way only when the right side is falsy; keep it simple.
        const right = this.eval(unit, node.right, depth);
        if (node.operator === '&&' && truthy(right) === false) return unknown(whyOf(left));
        return unknown([...whyOf(left), ...whyOf(right)]);
      }
      case 'BinaryExpression':
        return this.binary(unit, node, depth);
      case 'ConditionalExpression': {
        const test = truthy(this.eval(unit, node.test, depth));
        if (test === null) {
          const a = this.eval(unit, node.consequent, depth);
          const b = this.eval(unit, node.alternate, depth);
          if (staticEquals(a, b) === true) return a;
          return unknown([...whyOf(this.eval(unit, node.test, depth)), ...whyOf(a), ...whyOf(b)]);
        }
        return this.eval(unit, test ? node.consequent : node.alternate, depth);
      }
      case 'MemberExpression':
        return this.member(unit, node, depth);
      case 'CallExpression':
        return this.call(unit, node, depth);
      case 'NewExpression': {
        const callee = this.eval(unit, node.callee, depth);
        if (callee.k === 'module') return { ...callee, path: [...callee.path, 'new'] };
        return unknown();
      }
      case 'AwaitExpression':
        return this.eval(unit, node.argument, depth);
      case 'ChainExpression':
        return this.eval(unit, node.expression, depth);
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.eval(unit, node.expression, depth);
      case 'SequenceExpression':
        return this.eval(unit, node.expressions[node.expressions.length - 1]!, depth);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return { k: 'fn', node, unit };
      case 'FunctionDeclaration':
        return { k: 'fn', node, unit };
      default:
        return unknown();
    }
  }

  private template(unit: Unit, node: TSESTree.TemplateLiteral, depth: number): Abs {
    const why: string[] = [];
    const { text, exact } = foldTemplate(node, (expr) => {
      const v = this.eval(unit, expr, depth);
      if (isPrimitive(v)) return { text: String(prim(v)), exact: true };
      why.push(...whyOf(v));
      return { text: v.k === 'pstr' ? v.text : HOLE, exact: false };
    });
    return exact ? fromPrimitive(text) : unknown(why, text);
  }

  private object(unit: Unit, node: TSESTree.ObjectExpression, depth: number): Abs {
    const { props, partial } = foldObjectLiteral<Abs>(node, {
      key: (p) => propertyKeyOf(p, (k) => this.staticKey(unit, k, depth)),
      value: (p) => this.eval(unit, p.value, depth),
      spread: (arg) => {
        const spread = this.eval(unit, arg, depth);
        return spread.k === 'obj' ? spread : null;
      },
    });
    return { k: 'obj', props, partial };
  }

  private binary(unit: Unit, node: TSESTree.BinaryExpression, depth: number): Abs {
    if (node.left.type === 'PrivateIdentifier') return unknown();
    // `require.main === module`: true in the script the command runs, false in a required module.
    const text = `${unit.source.slice(node.left.range[0], node.left.range[1])} ${unit.source.slice(node.right.range[0], node.right.range[1])}`;
    if (/^(require\.main module|module require\.main)$/.test(text)) {
      const same = unit.root;
      if (node.operator === '===' || node.operator === '==') return fromPrimitive(same);
      if (node.operator === '!==' || node.operator === '!=') return fromPrimitive(!same);
    }
    const a = this.eval(unit, node.left, depth);
    const b = this.eval(unit, node.right, depth);
    if (!isPrimitive(a) || !isPrimitive(b)) {
      const stringish = (v: Abs): boolean => isPrimitive(v) || v.k === 'unknown' || v.k === 'pstr';
      if (node.operator === '+' && stringish(a) && stringish(b)) {
        const piece = (v: Abs): string => (isPrimitive(v) ? String(prim(v)) : v.k === 'pstr' ? v.text : HOLE);
        return unknown([...whyOf(a), ...whyOf(b)], piece(a) + piece(b));
      }
      return unknown([...whyOf(a), ...whyOf(b)]);
    }
    const folded = foldBinary(node.operator, prim(a), prim(b));
    return folded === NOT_STATIC ? unknown() : fromPrimitive(folded);
  }

  private identifier(unit: Unit, node: TSESTree.Identifier, depth: number): Abs {
    const decl = findDecl(unit, node);
    if (!decl) return this.global(unit, node.name);
    return this.fromDecl(unit, node.name, decl, depth);
  }

  private global(unit: Unit, name: string): Abs {
    const constant = globalConstant(name);
    if (constant) return constant;
    switch (name) {
      case 'process':
        return { k: 'global', name: 'process' };
      case 'require':
        return { k: 'module', spec: '<require>', unit: null, path: [] };
      case 'module':
        return unit.root ? unknown('module') : unknown('module');
      default:
        return { k: 'module', spec: `<global>`, unit: null, path: [name] };
    }
  }

  private fromDecl(unit: Unit, name: string, decl: Decl, depth: number): Abs {
    switch (decl.kind) {
      case 'var': {
        if (decl.declKind !== 'const' && unit.reassigned.has(name)) return unknown(`\`${name}\` is reassigned`);
        const init = decl.declarator.init;
        let value: Abs = init ? this.eval(unit, init, depth) : fromPrimitive(undefined);
        if (unit.mutated.has(name) && decl.path.length === 0) {
          // `const db = {}; db.sequelize = ...`: the literal is only the start.
          if (value.k === 'obj') value = { ...value, partial: true };
          else if (value.k === 'arr') value = unknown(`\`${name}\` is modified after its declaration`);
        }
        return project(value, decl.path, this);
      }
      case 'param':
        return this.param(unit, name, decl, depth);
      case 'function':
        return { k: 'fn', node: decl.node, unit };
      case 'import': {
        const target = this.world.resolve(unit, decl.spec);
        return { k: 'module', spec: decl.spec, unit: target, path: decl.imported === null ? [] : [decl.imported] };
      }
      case 'opaque':
        return unknown(decl.why);
    }
  }

  private param(unit: Unit, name: string, decl: Extract<Decl, { kind: 'param' }>, depth: number): Abs {
    const override = this.paramOverrides.get(decl.fn);
    const withDefault = (v: Abs): Abs => (v.k === 'undef' && decl.defaultValue ? this.eval(unit, decl.defaultValue, depth) : v);
    if (override) return project(withDefault(override[decl.index] ?? fromPrimitive(undefined)), decl.path, this);
    if (this.indexing) return unknown(`\`${name}\` is a parameter`);
    const sites = this.callSites(decl.fn).filter((s) => s.call !== null);
    if (sites.length === 0) return unknown(`\`${name}\` is a parameter and no call passes it`);
    const values = sites.map((s) => {
      const arg = s.call!.arguments[decl.index];
      if (!arg) return withDefault(fromPrimitive(undefined));
      if (arg.type === 'SpreadElement') return unknown();
      return withDefault(this.eval(s.unit, arg, depth));
    });
    const first = values[0]!;
    const same = values.every((v) => sameValue(v, first));
    if (!same) return unknown(`\`${name}\` differs between the calls of its function`);
    return project(first, decl.path, this);
  }

  /** A computed key, when its value is a known primitive. */
  private staticKey(unit: Unit, node: TSESTree.Expression, depth: number): string | null {
    const k = this.eval(unit, node, depth);
    return isPrimitive(k) ? String(prim(k)) : null;
  }

  private member(unit: Unit, node: TSESTree.MemberExpression, depth: number): Abs {
    const object = this.eval(unit, node.object, depth);
    const key = memberKeyOf(node, (k) => this.staticKey(unit, k, depth));
    if (key === null) return unknown(whyOf(object));
    return this.property(object, key);
  }

  /** `process.<key>`, as the environment model reads it (src/extract/environment.ts): the command's arguments, its environment; nothing else is known. */
  private processMember(key: string): Abs {
    const read = readProcess(this.world.environment, key);
    if (read.kind === 'env') return { k: 'global', name: 'process.env' };
    if (read.kind === 'argv') return { k: 'arr', items: read.argv.map((a) => fromPrimitive(a)), argv: true };
    return unknown(read.why);
  }

  /** `process.env[key]`: set by the command, or not (a fact the result depends on). */
  private environment(key: string): Abs {
    const read = readVariable(this.world.environment, key);
    if (read.kind === 'unknown') return unknown(`${key} is not known statically`);
    this.notes.add(read.fact);
    return read.kind === 'set' ? fromPrimitive(read.value) : unknown(read.fact);
  }

  /** The command's arguments parsed as minimist (`camelCase` false) or yargs does. */
  private commandFlags(camelCase: boolean): Abs {
    const args = commandArguments(this.world.environment);
    return args ? parseFlags(args, camelCase) : unknown('the arguments are not known');
  }

  /** `object[key]` on an abstract value. */
  property(object: Abs, key: string): Abs {
    switch (object.k) {
      case 'global':
        if (object.name === 'process') return this.processMember(key);
        return object.name === 'process.env' ? this.environment(key) : unknown();
      case 'obj':
      case 'arr':
      case 'str':
        return dataMember<Abs>(object, key, () => unknown(object.k === 'obj' ? `\`${key}\` is not known statically` : []))!;
      case 'module': {
        const next: Abs = { ...object, path: [...object.path, key] };
        if (object.spec === 'yargs' || object.spec === 'yargs/yargs') {
          if (key === 'argv') return this.commandFlags(true);
        }
        if (object.unit) {
          const exported = this.exported(object.unit, [...object.path, key]);
          if (exported) return exported;
        }
        return next;
      }
      case 'unknown':
      case 'pstr':
        return unknown(whyOf(object));
      default:
        return unknown();
    }
  }

  /** The value a followed module exports at `path` (`module.exports.x`, `exports.x`, `export const x`), if static. */
  private exported(unit: Unit, keys: string[]): Abs | null {
    let value: Abs | null = null;
    for (const stmt of unit.ast.body) {
      for (const e of exportsOf(stmt)) {
        if (e.kind === 'assigned' && e.assignment.operator === '=') {
          if (e.path.length === 0) value = this.eval(unit, e.assignment.right);
          else if (e.path.length === 1 && e.path[0] === keys[0]) return follow(this.eval(unit, e.assignment.right), keys.slice(1), this);
        } else if (e.kind === 'declared' && e.declaration.type === 'FunctionDeclaration' && e.name === keys[0]) {
          return follow({ k: 'fn', node: e.declaration, unit }, keys.slice(1), this);
        } else if (e.kind === 'variable') {
          const decl = e.declarator;
          if (decl.id.type === 'Identifier' && decl.id.name === keys[0] && decl.init) return follow(this.eval(unit, decl.init), keys.slice(1), this);
        }
      }
    }
    return value ? follow(value, keys, this) : null;
  }

  private call(unit: Unit, node: TSESTree.CallExpression, depth: number): Abs {
    const callee = node.callee;
    const args = (): Abs[] => node.arguments.map((a) => (a.type === 'SpreadElement' ? unknown() : this.eval(unit, a, depth)));
    if (callee.type === 'MemberExpression') {
      const object = this.eval(unit, callee.object, depth);
      const name = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
      if (name) {
        const method = this.method(unit, object, name, node, depth);
        if (method) return method;
      }
    }
    const fn = this.eval(unit, callee, depth);
    if (fn.k === 'module') {
      if (fn.spec === '<require>' && fn.path.length === 0) {
        const spec = node.arguments[0] ? this.eval(unit, node.arguments[0], depth) : unknown();
        if (spec.k !== 'str') return unknown('a dynamic require');
        return { k: 'module', spec: spec.v, unit: this.world.resolve(unit, spec.v), path: [] };
      }
      if (fn.spec === '<global>' && fn.path.length === 1) {
        const [first] = args();
        if (fn.path[0] === 'Boolean' && first) return truthy(first) === null ? unknown(whyOf(first)) : fromPrimitive(truthy(first)!);
        const converted = isPrimitive(first) ? foldConversion(fn.path[0]!, prim(first)) : NOT_STATIC;
        if (converted !== NOT_STATIC) return fromPrimitive(converted);
      }
      if ((fn.spec === 'minimist' || fn.spec === 'mri') && fn.path.length === 0) {
        const [first] = args();
        return first?.k === 'arr' && first.items.every((i) => isPrimitive(i)) ? parseFlags(first.items.map((i) => String(prim(i))), false) : unknown('minimist over unknown arguments');
      }
      if ((fn.spec === 'yargs' || fn.spec === 'yargs/yargs') && fn.path.every((p) => p !== 'argv')) {
        return { ...fn, path: [...fn.path, '()'] };
      }
      if (fn.spec === 'yargs/helpers' && fn.path[0] === 'hideBin') {
        const [first] = args();
        return first?.k === 'arr' ? { k: 'arr', items: first.items.slice(2), argv: first.argv ?? false } : unknown();
      }
      return { ...fn, path: [...fn.path, '()'] };
    }
    if (fn.k === 'fn') return this.callLocal(fn, args(), depth);
    return unknown(whyOf(fn));
  }

  /** Methods of known values: argv arrays, strings, yargs builders. Null when not handled here. */
  private method(unit: Unit, object: Abs, name: string, node: TSESTree.CallExpression, depth: number): Abs | null {
    const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? unknown() : this.eval(unit, a, depth)));
    if (object.k === 'module' && (object.spec === 'yargs' || object.spec === 'yargs/yargs') && (name === 'parse' || name === 'parseSync')) {
      return this.commandFlags(true);
    }
    if (object.k === 'arr') {
      const known = object.items.every((i) => isPrimitive(i));
      const items = object.items.map((i) => (isPrimitive(i) ? prim(i) : undefined));
      const arg = args[0];
      switch (name) {
        case 'includes':
        case 'indexOf': {
          if (!known || !isPrimitive(arg)) return unknown([...whyOf(arg ?? unknown())]);
          const found = items.includes(prim(arg));
          if (object.argv && arg.k === 'str') this.notes.add(`${arg.v} is ${found ? '' : 'not '}passed`);
          return name === 'includes' ? fromPrimitive(found) : fromPrimitive(items.indexOf(prim(arg)));
        }
        case 'slice': {
          const start = isPrimitive(arg) ? Number(prim(arg)) : 0;
          const end = isPrimitive(args[1]) ? Number(prim(args[1])) : undefined;
          return { k: 'arr', items: object.items.slice(start, end), argv: object.argv ?? false };
        }
        case 'some':
        case 'find':
        case 'filter':
        case 'every': {
          const fn = arg;
          if (fn?.k !== 'fn') return unknown();
          const results = object.items.map((item, i) => this.callLocal(fn, [item, fromPrimitive(i)], depth));
          const truths = results.map(truthy);
          if (truths.some((t) => t === null)) return unknown(results.flatMap(whyOf));
          if (name === 'some') {
            const found = truths.some(Boolean);
            if (object.argv) this.notes.add(`${found ? 'a matching' : 'no matching'} argument is passed`);
            return fromPrimitive(found);
          }
          if (name === 'every') return fromPrimitive(truths.every(Boolean));
          if (name === 'find') return object.items[truths.indexOf(true)] ?? fromPrimitive(undefined);
          return { k: 'arr', items: object.items.filter((_, i) => truths[i]), argv: object.argv ?? false };
        }
        case 'join':
          return known ? fromPrimitive(items.join(isPrimitive(arg) ? String(prim(arg)) : ',')) : unknown();
        default:
          return null;
      }
    }
    if (object.k === 'str') {
      if (!SCRIPT_STRING_METHODS.has(name)) return null;
      // As JavaScript does, an argument that is not a string is coerced (an unknown one reads as `undefined`).
      const strings = (args.length > 0 ? args : [unknown()]).map((a) => String(isPrimitive(a) ? prim(a) : undefined));
      if (name === 'split' && args[0]?.k !== 'str') return unknown();
      const folded = foldStringMethod(object.v, name, strings);
      if (folded === NOT_STATIC) return unknown();
      return Array.isArray(folded) ? { k: 'arr', items: folded.map((v) => (fromPrimitive(v))) } : fromPrimitive(folded);
    }
    if ((object.k === 'unknown' || object.k === 'pstr') && ['includes', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'indexOf'].includes(name)) {
      return unknown(whyOf(object));
    }
    return null;
  }

  /** Calls a function of the analyzed code for its value: expression bodies and a single `return` only. */
  callLocal(fn: Extract<Abs, { k: 'fn' }>, args: Abs[], depth: number): Abs {
    const body = fn.node.body;
    let expr: TSESTree.Expression | null = null;
    if (body && body.type !== 'BlockStatement') expr = body;
    else if (body && body.type === 'BlockStatement') {
      const statements = body.body.filter((s) => s.type !== 'EmptyStatement');
      const last = statements[statements.length - 1];
      if (statements.length === 1 && last?.type === 'ReturnStatement') expr = last.argument ?? null;
      else if (statements.length === 0) return fromPrimitive(undefined);
    }
    if (!expr) return unknown(`the result of a call is not known statically`);
    const e = expr;
    return this.withParams(fn.node, args, () => this.eval(fn.unit, e, depth));
  }
}

/** Reads `path` (from a destructuring pattern) out of a value. */
function project(value: Abs, path: PathStep[], evaluator: Evaluator): Abs {
  let v = value;
  for (const step of path) {
    // A rest element, or a computed key the syntax alone cannot name.
    if (step.kind === 'rest' || step.key === '\u0000') return unknown('a rest pattern');
    v = evaluator.property(v, step.key);
  }
  return v;
}

function follow(value: Abs, keys: string[], evaluator: Evaluator): Abs {
  let v = value;
  for (const key of keys) v = evaluator.property(v, key);
  return v;
}

function sameValue(a: Abs, b: Abs): boolean {
  if (a.k === 'fn' && b.k === 'fn') return a.node === b.node;
  return staticEquals(a, b) === true;
}

/** The arguments parsed as minimist, mri or yargs do (`parseArguments`), as an object: flags, and `_` the positionals. */
function parseFlags(args: readonly string[], camelCase: boolean): Abs {
  const { flags, positionals } = parseArguments(args, camelCase);
  const props = new Map<string, Abs>([...flags].map(([key, value]) => [key, fromPrimitive(value)]));
  props.set('_', { k: 'arr', items: positionals.map((v) => fromPrimitive(v)) });
  return { k: 'obj', props, partial: false };
}
