import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { JsonValue } from '../model';

/**
 * Abstract values of the static evaluator. Anything the evaluator cannot
 * know is `unknown`: it never guesses a table name.
 */
export type Value =
  | { k: 'str'; v: string }
  /**
   * A string with holes that could not be resolved. The interpreter writes a
   * placeholder identifier for each hole (`migralint_hole_N`, see sql/holes.ts);
   * the npm-scripts evaluator marks them with `\u0000` and renders them where
   * it uses the text. `why`: what the holes depend on, as the scripts analysis tells it.
   */
  | {
      k: 'pstr';
      text: string;
      why?: string[];
      /**
       * A template's holes as written (`process.env.DATABASE_SCHEMA` for `migralint_hole_0`), by hole number, when each
       * is a plain expression of the template itself: a name that came whole from a hole is then matched across steps by
       * how it is written, as `Target.tableExpression` does for builder calls.
       */
      holeTexts?: string[];
      /** A hole holds what a schema look-up returned (a constraint name read from information_schema). */
      fromProbe?: true;
    }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'undef' }
  | { k: 'arr'; items: Value[] }
  /**
   * `locs`: where each key of the literal itself is written, when known (for reporting on `up` itself).
   * `origins`: where each key is written, keys copied through spreads included, with the module
   * (`ModuleContext.file`); only with the interpreter's `trackOrigins`.
   */
  | { k: 'obj'; props: Map<string, Value>; partial: boolean; locs?: Map<string, TSESTree.SourceLocation>; origins?: Map<string, KeyOrigin> }
  /** The queryInterface, or an object wrapping it (umzug params, `{ context }`, `utils`). */
  | { k: 'qi' }
  /** The Sequelize instance (`queryInterface.sequelize`). */
  | { k: 'seq' }
  /** The Sequelize namespace / DataTypes, or something reached from it (`DataTypes.STRING(20)`). */
  | { k: 'ns'; text: string; /** `sequelize.literal('...')`: the SQL it writes. */ sql?: string }
  /** A model defined in the migration (`sequelize.define`), with its table when static. */
  | { k: 'model'; name: string | null; table: string | null }
  /** A transaction opened by the migration. */
  | { k: 'tx'; managed: boolean; id?: number }
  /** A function defined in the analyzed code, with the scope it closes over. */
  | { k: 'fn'; node: FunctionNode; env: Env; module: ModuleContext }
  /**
   * The result of an existence probe (describeTable, tableExists,
   * showAllTables, showIndex, a SELECT), or anything computed from one.
   * `mentions` collects the string constants the code compared it with.
   */
  | {
      k: 'probe';
      tables: Set<string>;
      mentions: Set<string>;
      source: string;
      /** The values probed when their name is not static (`describeTable(table)` in a loop): matched by identity. */
      subjects?: Set<Value>;
      /**
       * Rows of application tables a SELECT read (`SELECT 1 FROM t WHERE id = 1`): whether such rows exist, the
       * guard of an insert of them. `rowsOnly`: every probe merged here is such a read, so the value says nothing
       * about tables, columns or indexes (the strings compared with it are row values, not names).
       */
      rows?: RowRead[];
      rowsOnly?: true;
      /**
       * What the chain resolves to where the probe succeeds (`describeTable(t).then(() => 'Projects').catch(() => null)`):
       * a constant that is true, so the value is true exactly where the probe found its object, and names it as a string.
       */
      resolves?: Value;
    }
  /** A binding from require()/import of a module that is not followed. */
  | { k: 'import'; spec: string; path: string; relative: boolean }
  /** A global we know a little about (Promise, Object, console, process, path...). */
  | { k: 'global'; name: string }
  /** `text`: the expression as written, when worth showing; `why`: what the value depends on, as the scripts analysis tells it. */
  | { k: 'unknown'; text?: string; why?: string[] };

/** Where a key of an object value is written: the key's location in `file` (a `ModuleContext.file`). */
export interface KeyOrigin {
  file: string;
  loc: TSESTree.SourceLocation;
}

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export const UNKNOWN: Value = { k: 'unknown' };
export const UNDEF: Extract<Value, { k: 'undef' }> = { k: 'undef' };

/** A lazily evaluated binding: module-level constants may be declared after their use site. */
export interface Binding {
  get(): Value;
}

/** A binding whose value is already known: no closure per variable. */
class ValueBinding implements Binding {
  constructor(private value: Value) {}
  get(): Value {
    return this.value;
  }
  /** A `let` assigned again in straight-line code of its own function (`ModuleContext.straightLets`). */
  set(value: Value): void {
    this.value = value;
  }
}

/** The binding can take a new value (`x = ...` on a tracked `let`). */
export function isAssignable(binding: Binding | undefined): binding is Binding & { set(value: Value): void } {
  return binding instanceof ValueBinding;
}

/**
 * The interpreter's scopes. Hand-rolled rather than `@typescript-eslint/scope-manager`
 * (which the readers that resolve names where they stand use, see static-scope.ts):
 * a static scope maps a name to its declaration, while the interpreter runs code and
 * needs a name's abstract value on the path being run. A helper's parameter holds a
 * different table at each call, a loop variable each element of a constant list, a
 * module constant is evaluated lazily on first use; so each call and block gets a
 * fresh `Env` whose bindings are values (or lazy thunks), chained to the closure's.
 */
export class Env {
  /** Created on the first definition: most block scopes define nothing. */
  private vars: Map<string, Binding> | null = null;
  constructor(readonly parent: Env | null) {}

  define(name: string, binding: Binding): void {
    (this.vars ??= new Map()).set(name, binding);
  }

  defineValue(name: string, value: Value): void {
    (this.vars ??= new Map()).set(name, new ValueBinding(value));
  }

  /** The scope that binds `name`: this one or an enclosing one; undefined when none does. */
  scopeOf(name: string): Env | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let env: Env | null = this;
    while (env && !env.vars?.has(name)) env = env.parent;
    return env ?? undefined;
  }

  lookup(name: string): Binding | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let env: Env | null = this;
    while (env) {
      const b = env.vars?.get(name);
      if (b) return b;
      env = env.parent;
    }
    return undefined;
  }
}

/** Per-file facts the evaluator needs. */
export interface ModuleContext {
  /** Absolute path of the file. */
  file: string;
  source: string;
  /** Names assigned anywhere after declaration: their initial value cannot be trusted. */
  /** Computed on first use: only `let`/`var` bindings consult it, and most migrations have none. */
  readonly reassigned: Set<string>;
  /**
   * Reassigned `let`s that can be followed in order: declared once in the
   * file, by name, and assigned (plain `=`) only in the function that declares
   * them, never in a nested function, never by `++` or `+=`. The interpreter
   * runs statements in order, so the value it reads is the one assigned last
   * (`let table = 'a'; ...; table = 'b'; ...`).
   */
  readonly straightLets: Set<string>;
  /**
   * The right-hand sides of every plain `=` assignment to each name (anywhere in the file, by name), for names no other
   * assignment changes (`+=`, `++`, destructuring): a `let sequelize;` given `new Sequelize(...)` in each arm of an `if`
   * holds an instance whichever arm runs.
   */
  readonly assignedValues: ReadonlyMap<string, readonly TSESTree.Expression[]>;
  /** Depth of relative-import following: migrations are 0, imported helpers 1. */
  importDepth: number;
  /** Directory of the file relative to the project root (POSIX), the value of `__dirname`. */
  dirname: string;
}

export function str(v: string): Value {
  return { k: 'str', v };
}

export function isStringish(v: Value): v is { k: 'str'; v: string } | { k: 'pstr'; text: string } {
  return v.k === 'str' || v.k === 'pstr';
}

/** The static string of a value, or null. */
export function asString(v: Value): string | null {
  if (v.k === 'str') return v.v;
  if (v.k === 'num') return String(v.v);
  if (v.k === 'probe' && v.resolves) return asString(v.resolves);
  return null;
}

/** A JavaScript primitive, as literals and constants hold. */
export type Primitive = string | number | boolean | null | undefined;

/** What `primitiveOf` and `foldBinary` answer for a value or result that is not a known primitive. */
export const NOT_STATIC: unique symbol = Symbol('not-static');

/** The primitive a value statically is, or NOT_STATIC (any evaluator's value: the primitive kinds are the core's). */
export function primitiveOf(value: Value | { k: string }): Primitive | typeof NOT_STATIC {
  const v = value as Value;
  switch (v.k) {
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'undef':
      return undefined;
    default:
      return NOT_STATIC;
  }
}

/** The values that are known primitives. */
export type PrimitiveValue = Extract<Value, { k: 'str' | 'num' | 'bool' | 'null' | 'undef' }>;

/** A primitive as a value. */
export function fromPrimitive(p: Primitive): PrimitiveValue {
  if (typeof p === 'string') return { k: 'str', v: p };
  if (typeof p === 'number') return { k: 'num', v: p };
  if (typeof p === 'boolean') return { k: 'bool', v: p };
  return p === null ? { k: 'null' } : { k: 'undef' };
}

/** The value is a known primitive. */
export function isPrimitive(v: Value | { k: string } | undefined): v is PrimitiveValue {
  return v !== undefined && primitiveOf(v) !== NOT_STATIC;
}

/**
 * `x op y` on two known primitives, with JavaScript's semantics, for the
 * operators the evaluators fold (equality, arithmetic, comparison);
 * NOT_STATIC for the others. Every evaluator folds constants through here.
 */
export function foldBinary(op: string, x: Primitive, y: Primitive): Primitive | typeof NOT_STATIC {
  const a = x as never;
  const b = y as never;
  switch (op) {
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '==':
      // eslint-disable-next-line eqeqeq
      return a == b;
    case '!=':
      // eslint-disable-next-line eqeqeq
      return a != b;
    case '+':
      return (a as number) + (b as number);
    case '-':
      return (a as number) - (b as number);
    case '*':
      return (a as number) * (b as number);
    case '/':
      return (a as number) / (b as number);
    case '%':
      return (a as number) % (b as number);
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return NOT_STATIC;
  }
}

/** `a === b` when both are known primitives (any evaluator's values), else null. */
export function staticEquals(a: Value | { k: string }, b: Value | { k: string }): boolean | null {
  const x = primitiveOf(a);
  const y = primitiveOf(b);
  if (x === NOT_STATIC || y === NOT_STATIC) return null;
  return foldBinary('===', x, y) as boolean;
}

/**
 * Folds a template literal into text: `part` renders each embedded
 * expression, `exact: false` when what it renders is a placeholder.
 */
export function foldTemplate(
  node: TSESTree.TemplateLiteral,
  part: (expr: TSESTree.Expression) => { text: string; exact: boolean },
): { text: string; exact: boolean } {
  let text = '';
  let exact = true;
  node.quasis.forEach((q, i) => {
    text += q.value.cooked ?? q.value.raw;
    const e = node.expressions[i];
    if (!e) return;
    const rendered = part(e);
    text += rendered.text;
    exact &&= rendered.exact;
  });
  return { text, exact };
}

/**
 * `op x` on a known primitive, with JavaScript's semantics, for the unary
 * operators the evaluators fold (`!`, `-`, `+`, `typeof`, `void`); NOT_STATIC for the others.
 */
export function foldUnary(op: string, x: Primitive): Primitive | typeof NOT_STATIC {
  switch (op) {
    case '!':
      return !x;
    case '-':
      return -(x as number);
    case '+':
      return +(x as number);
    case 'typeof':
      return typeof x;
    case 'void':
      return undefined;
    default:
      return NOT_STATIC;
  }
}

/** The globals that are constants (`undefined`, `NaN`, `Infinity`), as values; null for any other name. */
export function globalConstant(name: string): PrimitiveValue | null {
  switch (name) {
    case 'undefined':
      return UNDEF;
    case 'NaN':
      return { k: 'num', v: NaN };
    case 'Infinity':
      return { k: 'num', v: Infinity };
    default:
      return null;
  }
}

/** `Boolean(x)`, `String(x)`, `Number(x)` on a known primitive; NOT_STATIC for any other callee. */
export function foldConversion(callee: string, x: Primitive): Primitive | typeof NOT_STATIC {
  switch (callee) {
    case 'Boolean':
      return Boolean(x);
    case 'String':
      return String(x);
    case 'Number':
      return Number(x);
    default:
      return NOT_STATIC;
  }
}

/** The `Object` methods that give back the object they are passed (`Object.freeze(config)` is `config`). */
export const OBJECT_IDENTITY_METHODS: ReadonlySet<string> = new Set(['freeze', 'seal', 'preventExtensions']);

/**
 * `Object.assign(a, b, ...)` (and a spread) over the evaluator's own objects:
 * later keys win; an argument that is not a known object (null) makes the
 * result partial, as does a partial argument.
 */
export function assignObjects<V>(parts: readonly ({ props: ReadonlyMap<string, V>; partial: boolean } | null)[]): { props: Map<string, V>; partial: boolean } {
  const props = new Map<string, V>();
  let partial = false;
  for (const part of parts) {
    if (!part) {
      partial = true;
      continue;
    }
    part.props.forEach((v, k) => props.set(k, v));
    partial ||= part.partial;
  }
  return { props, partial };
}

/**
 * JS truthiness when statically known, else null. Any evaluator's value:
 * the primitive kinds and the core's object kinds are known; an evaluator
 * with object kinds of its own decides those itself.
 */
export function truthiness(value: Value | { k: string }): boolean | null {
  const v = value as Value;
  const p = primitiveOf(v);
  if (p !== NOT_STATIC) return Boolean(p);
  switch (v.k) {
    case 'arr':
    case 'obj':
    case 'fn':
    case 'qi':
    case 'seq':
    case 'tx':
    case 'model':
      return true;
    default:
      return null;
  }
}

/**
 * An answer that says "nothing there": an empty object or array, null, undefined or false (what a helper returns
 * when the read it wraps failed).
 */
export function isEmptyAnswer(v: Value): boolean {
  if (v.k === 'obj') return v.props.size === 0 && !v.partial;
  if (v.k === 'arr') return v.items.length === 0;
  return v.k === 'null' || v.k === 'undef' || (v.k === 'bool' && !v.v);
}

/** The rows of `table` a SELECT read, and the columns its WHERE pins to one value each (the key it looks for). */
export interface RowRead {
  table: string;
  pinned: string[];
}

/** The label a probe of raw SQL gets (`query(SELECT)`, `query(SELECT FROM a, b)`, `query(SHOW)`): the query it reads. */
const QUERY_LABEL = /^query\((SELECT|SHOW)(?: FROM (.+))?\)$/;

/** The label of a probe of raw SQL (`queryLabel('SELECT', ['a', 'b'])` is `query(SELECT FROM a, b)`): see QUERY_LABEL. */
export function queryLabel(kind: 'SELECT' | 'SHOW', tables: readonly string[] = []): string {
  return tables.length > 0 ? `query(${kind} FROM ${tables.join(', ')})` : `query(${kind})`;
}

/** A value's `$expr` is what a raw SELECT returned (a probe's label), not code. */
export function isQueryLabel(expr: string): boolean {
  const m = QUERY_LABEL.exec(expr);
  return m !== null && m[1] === 'SELECT';
}

/**
 * A probe's label as message text: a raw query's in words (`a SELECT of \`t\``, `a SHOW query`), any other as it is
 * (`describeTable(users)`, the call that probes). Its labels are the interpreter's, never code to quote.
 */
export function probeLabelText(label: string): string {
  const m = QUERY_LABEL.exec(label);
  if (!m) return label;
  if (m[1] === 'SHOW') return 'a SHOW query';
  return m[2] ? `a SELECT of ${m[2].split(', ').map((t) => `\`${t}\``).join(', ')}` : 'a SELECT query';
}

/** The result of a SELECT of application rows: a probe of whether they exist, and of nothing else. */
export function makeRowProbe(source: string, rows: RowRead[]): Value {
  return { k: 'probe', tables: new Set(), mentions: new Set(), source, rows, rowsOnly: true };
}

export function makeProbe(source: string, tables: Iterable<string>, mentions: Iterable<string> = [], subject?: Value): Value {
  const probe: Value = { k: 'probe', tables: new Set(tables), mentions: new Set(mentions), source };
  if (subject) probe.subjects = new Set([subject]);
  return probe;
}

/** Merges probe taint of several values into one probe, or returns null when none is a probe. */
export function mergeProbes(values: Value[], extraMentions: string[] = []): Value | null {
  let merged: Extract<Value, { k: 'probe' }> | null = null;
  for (const v of values) {
    if (v.k !== 'probe') continue;
    if (!merged) {
      merged = { k: 'probe', tables: new Set(v.tables), mentions: new Set(v.mentions), source: v.source };
      if (v.subjects) merged.subjects = new Set(v.subjects);
      if (v.rows) merged.rows = [...v.rows];
      if (v.rowsOnly) merged.rowsOnly = true;
      // `a || b` of two such chains: the first one's, as a short-circuit gives where both found their object.
      if (v.resolves) merged.resolves = v.resolves;
    } else {
      v.tables.forEach((t) => merged!.tables.add(t));
      v.mentions.forEach((m) => merged!.mentions.add(m));
      if (v.subjects) v.subjects.forEach((s) => (merged!.subjects ??= new Set()).add(s));
      if (v.rows) merged.rows = [...(merged.rows ?? []), ...v.rows];
      if (!v.rowsOnly) delete merged.rowsOnly;
    }
  }
  if (merged) for (const m of extraMentions) merged.mentions.add(m);
  return merged;
}

/**
 * Converts a value to JSON for the report. Values that are not static are
 * written as `{ "$expr": "<source text>" }` so they can never be mistaken for
 * a real literal.
 */
export function toJson(v: Value, depth = 0): JsonValue {
  if (depth > 8) return { $expr: '…' };
  switch (v.k) {
    case 'str':
      return v.v;
    case 'pstr':
      return { $expr: v.text };
    case 'num':
      return Number.isFinite(v.v) ? v.v : { $expr: String(v.v) };
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'undef':
      return { $expr: 'undefined' };
    case 'arr':
      return v.items.map((i) => toJson(i, depth + 1));
    case 'obj': {
      const out: Record<string, JsonValue> = {};
      for (const [key, val] of v.props) out[key] = toJson(val, depth + 1);
      if (v.partial) out.$partial = true;
      return out;
    }
    case 'ns':
      // DataTypes and helpers as written: "STRING(20)", "ENUM('a', 'b')", "fn('NOW')".
      return v.text;
    case 'qi':
      return { $expr: 'queryInterface' };
    case 'seq':
      return { $expr: 'sequelize' };
    case 'tx':
      return { $expr: 'transaction' };
    case 'fn':
      return { $expr: 'function' };
    case 'model':
      return { $expr: `model ${v.name ?? '?'}` };
    case 'probe':
      return { $expr: v.source };
    case 'import':
      return { $expr: v.path };
    case 'global':
      return { $expr: v.name };
    case 'unknown':
      return { $expr: v.text ?? '?' };
  }
}

/** A plain JSON value (a `.json` config file) as an abstract value: the inverse of `toJson` for static data. */
export function fromJson(v: unknown): Value {
  if (typeof v === 'string') return { k: 'str', v };
  if (typeof v === 'number') return { k: 'num', v };
  if (typeof v === 'boolean') return { k: 'bool', v };
  if (v === null) return { k: 'null' };
  if (Array.isArray(v)) return { k: 'arr', items: v.map(fromJson) };
  if (typeof v === 'object') return { k: 'obj', props: new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)])), partial: false };
  return UNKNOWN;
}

/** An object literal folded by `foldObjectLiteral`: the properties, whether keys may be missing, where each is written. */
export interface FoldedObject<V> {
  props: Map<string, V>;
  partial: boolean;
  locs: Map<string, TSESTree.SourceLocation>;
}

/**
 * Folds an object literal the way every evaluator does (later keys win, a
 * spread copies the keys of a known object, an unknown key or spread makes
 * the object partial), over the evaluator's own values: `key` names a
 * property (null: not static), `value` evaluates it, `spread` gives the
 * object a spread holds (null: not a known object; `'nothing'`: spreads no key).
 */
export function foldObjectLiteral<V>(
  node: TSESTree.ObjectExpression,
  domain: {
    key(p: TSESTree.Property): string | null;
    value(p: TSESTree.Property, key: string): V;
    spread(argument: TSESTree.Expression): { props: Map<string, V>; partial: boolean } | 'nothing' | null;
  },
  into: FoldedObject<V> = { props: new Map(), partial: false, locs: new Map() },
): FoldedObject<V> {
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') {
      const s = domain.spread(p.argument);
      if (s === 'nothing') continue;
      if (s) {
        for (const [k, v] of s.props) into.props.set(k, v);
        into.partial ||= s.partial;
      } else into.partial = true;
      continue;
    }
    const key = domain.key(p);
    if (key === null) {
      into.partial = true;
      continue;
    }
    into.props.set(key, domain.value(p, key));
    into.locs.set(key, p.loc);
  }
  return into;
}

/**
 * Folds an array literal: holes are `hole`, spreads of known arrays are
 * inlined. Stops at the first spread of something else and says where.
 */
export function foldArrayLiteral<V>(
  node: TSESTree.ArrayExpression,
  domain: { value(node: TSESTree.Expression): V; items(v: V): V[] | null; hole: V },
): { items: V[] } | { unknownSpread: V; items: V[] } {
  const items: V[] = [];
  for (const el of node.elements) {
    if (!el) items.push(domain.hole);
    else if (el.type === 'SpreadElement') {
      const s = domain.value(el.argument);
      const spread = domain.items(s);
      if (!spread) return { unknownSpread: s, items };
      items.push(...spread);
    } else items.push(domain.value(el));
  }
  return { items };
}

/**
 * `s.replace(/pattern/flags, replacement)` on a known string, folded, for the patterns that cannot backtrack for
 * long: at most 64 characters, at most two quantifiers, no quantified group (`(a+)+`), no back-reference; a
 * replacement without `$` patterns; strings of at most 16 KB (SQL of a migration). Null otherwise (not known).
 */
export function foldRegexReplace(s: string, pattern: string, flags: string, replacement: string, all: boolean): string | null {
  const quantifiers = (pattern.replace(/\\./g, '').match(/[*+{]/g) ?? []).length;
  if (pattern.length > 64 || quantifiers > 2 || /\)[*+?{]|\\[1-9]|\\k</.test(pattern) || !/^[gimsuy]*$/.test(flags) || replacement.includes('$') || s.length > 16 * 1024) return null;
  // replaceAll needs the g flag, as in JavaScript (where its absence throws).
  if (all && !flags.includes('g')) return null;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch {
    return null;
  }
  return s.replace(re, replacement);
}

/**
 * A string method on a known string, folded: `args` are the arguments'
 * strings (null: not a known string). NOT_STATIC when the method is not one
 * the evaluators fold or an argument it needs is not known.
 */
export function foldStringMethod(s: string, method: string, args: (string | null)[]): Primitive | string[] | typeof NOT_STATIC {
  const a0 = args[0] ?? null;
  switch (method) {
    case 'toLowerCase':
      return s.toLowerCase();
    case 'toUpperCase':
      return s.toUpperCase();
    case 'trim':
      return s.trim();
    case 'includes':
      return a0 === null ? NOT_STATIC : s.includes(a0);
    case 'startsWith':
      return a0 === null ? NOT_STATIC : s.startsWith(a0);
    case 'endsWith':
      return a0 === null ? NOT_STATIC : s.endsWith(a0);
    case 'split':
      return a0 === null ? NOT_STATIC : s.split(a0);
    case 'concat':
      return args.every((p) => p !== null) ? s + args.join('') : NOT_STATIC;
    case 'replace':
    case 'replaceAll': {
      // A string pattern only (a regular expression is no known string); `$` patterns in the replacement left alone.
      const a1 = args[1] ?? null;
      if (a0 === null || a1 === null || a1.includes('$')) return NOT_STATIC;
      return method === 'replace' ? s.replace(a0, a1) : s.split(a0).join(a1);
    }
    default:
      return NOT_STATIC;
  }
}

/**
 * `value[key]` on plain data, the same in every evaluator: a known property
 * of an object (`undefined` when the object is complete and lacks it), an
 * array's `length` or element, a string's `length`. `missing` is the
 * evaluator's unknown, for what data cannot tell; null when `value` is not data.
 */
export function dataMember<V extends { k: string }>(
  value: V | { k: 'obj'; props: Map<string, V>; partial: boolean } | { k: 'arr'; items: V[] } | { k: 'str'; v: string },
  key: string,
  missing: () => V,
): V | PrimitiveValue | null {
  switch (value.k) {
    case 'obj': {
      const obj = value as { props: Map<string, V>; partial: boolean };
      if (obj.props.has(key)) return obj.props.get(key)!;
      return obj.partial ? missing() : UNDEF;
    }
    case 'arr': {
      const items = (value as { items: V[] }).items;
      if (key === 'length') return { k: 'num', v: items.length };
      return /^\d+$/.test(key) ? items[Number(key)] ?? UNDEF : missing();
    }
    case 'str':
      return key === 'length' ? { k: 'num', v: (value as { v: string }).v.length } : missing();
    default:
      return null;
  }
}

/**
 * Which operand a logical expression yields when its left operand's
 * truthiness is known (`nullish`: the left operand is null or undefined);
 * null when that depends on what is not known.
 */
export function logicalOutcome(operator: '&&' | '||' | '??', truth: boolean | null, nullish: boolean): 'left' | 'right' | null {
  if (truth === null) return null;
  if (operator === '&&') return truth ? 'right' : 'left';
  if (operator === '||') return truth ? 'left' : 'right';
  return nullish ? 'right' : 'left';
}
