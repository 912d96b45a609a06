import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Dialect, ExistenceCheck, Guard, GuardKind, JsonValue, Operation, OpKind, Phase, Target } from '../model';
import { analyzeSql, isHole } from '../sql/analyze-sql';
import type { SqlOperation } from '../sql/sql-operation';
import { specifierTarget, withoutExtension } from '../util/module-specifiers';
import { classifyCatch, flipPolarity, keepsErrorForLaterThrow, rethrowsSettledRejections, SETTLES_ALL, testPolarity, type RowPolarity } from './guards';
import { complement, dialectLiteral, dialectsOfTest, narrow, switchReadsDialect, type DialectSplit } from './dialect-branch';
import { toSourceLocation } from '../parse';
import { traverse } from '../traverse';
import { MIGRATION_ENVIRONMENT, readProcess, readVariable, type Environment } from './environment';
import { AnalysisLimitError, type Clock, DEFAULT_TIME_BUDGET_MS, MAX_EVALUATION_STEPS, TIME_CHECK_STEPS } from '../limits';
import { exportPath, exportsOf, memberKeyOf, patternNames, patternPaths, propertyKeyOf, type PathStep } from './syntax';
import { QUERY_INTERFACE_METHODS, QUERY_INTERFACE_NON_OPS, QUERY_INTERFACE_PROTOTYPE, READ_OPS, type MethodSignature, SEQUELIZE_INSTANCE_ONLY } from './query-interface';
import { detached, rowTexts } from '../util/text';
import { NO_COLUMN_ARGUMENT, OPERATIONS, writesRows } from '../operations/table';
import {
  Env,
  isAssignable,
  NOT_STATIC,
  OBJECT_IDENTITY_METHODS,
  UNDEF,
  UNKNOWN,
  asString,
  assignObjects,
  dataMember,
  foldArrayLiteral,
  foldBinary,
  foldObjectLiteral,
  foldRegexReplace,
  foldStringMethod,
  foldTemplate,
  fromPrimitive,
  globalConstant,
  logicalOutcome,
  makeProbe,
  makeRowProbe,
  mergeProbes,
  queryLabel,
  staticEquals,
  str,
  toJson,
  truthiness,
  isEmptyAnswer,
  type FunctionNode,
  type KeyOrigin,
  type ModuleContext,
  type RowRead,
  type Value,
} from './values';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;
type Statement = TSESTree.Statement;

/** The innermost-first stack of syntactic guards around the code being walked. */
type GuardFrame =
  /** `when`: the code runs only when the rows the probe looked for exist, or only when they do not (a SELECT of application rows). */
  /**
   * `anchored`: an insert of the very rows the probe found none of has run under it (`if (!role) { insert role; insert
   * its grants }`): a rerun finds them and skips what follows it here too.
   */
  | { type: 'probe'; probe: Extract<Value, { k: 'probe' }>; line: number; column: number; when?: RowPolarity | null; anchored?: boolean }
  | { type: 'catch'; kind: Extract<GuardKind, 'catch-expected' | 'catch-all'>; detail?: string; line: number; column: number; inHelper?: boolean; depth?: number; hangs?: string };

/** Where the walker is: everything an emitted operation inherits from its surroundings. */
interface Flow {
  readonly phase: Phase;
  readonly conditional: boolean;
  readonly inLoop: boolean;
  readonly txCallback: boolean;
  /** The transaction whose managed callback is being walked (innermost), when `txCallback`. */
  readonly txCallbackId?: number;
  /** Promise results are discarded (forEach(async ...), an un-awaited Promise.all). */
  readonly detached: boolean;
  /** Detached because the `sequelize.transaction(...)` call being walked is not awaited. */
  readonly detachedByTransaction?: boolean;
  /** Walking the callback of a timer (`setTimeout`, `setImmediate`): which, and the line of its call. */
  readonly inTimer?: { call: string; line: number };
  /** Evaluating calls that run at once (`Promise.all([...])`, Bluebird's `map`). */
  readonly concurrent?: boolean;
  /** The branches of `Promise.all` lists this code is in (see `Operation.race`). */
  readonly race?: readonly string[];
  readonly guards: readonly GuardFrame[];
  /** Functions being executed, to stop recursion. */
  readonly stack: readonly FunctionNode[];
  /** Set while executing an imported helper: operations are reported at this call site. */
  readonly importSite: { node: Node; callee: string; via: string } | null;
  readonly module: ModuleContext;
  /** Top-level module code: evaluate constants, never record operations. */
  readonly noOps: boolean;
  /** Walking a catch handler: calling the same step again there is a retry, not a new operation. */
  readonly inCatch?: boolean;
  /** Under a condition on the dialect (`if (dialect === 'sqlite')`): the dialects this code runs on. */
  readonly dialects?: readonly Dialect[];
  /** That condition tests a misspelled option: whether this code then never runs, or always. */
  readonly dialectTypo?: NonNullable<Operation['dialectTypo']>;
  /** The arms of `if ... else` this code is in (see `Operation.arms`). */
  readonly arms?: readonly string[];
  /** Under an `if` on the environment that only a developer's run takes (see `Operation.outsideProduction`). */
  readonly outsideProduction?: string;
  /**
   * Walking the executor of a `new Promise((resolve) => ...)` that is awaited or returned: the name of its `resolve`.
   * A chain ending in `.then(resolve)` settles that promise, so what it waits for is waited for.
   */
  readonly resolveName?: string;
}

/**
 * How a returned value is used: awaited by whoever called the function, except an array literal returned by the
 * migration function itself (`return [qi.addColumn(...), qi.addIndex(...)]`): the runner awaits what `up` returns,
 * and awaiting an array does not wait for the promises in it, so each call floats.
 */
function returnedUsage(argument: TSESTree.Expression, flow: Flow): Usage {
  return argument.type === 'ArrayExpression' && flow.stack.length === 1 ? 'statement' : 'awaited';
}

/**
 * How the value of an expression is used: awaited or returned, dropped as a
 * statement (a floating promise), or passed on as a value (an argument, an
 * initializer) whose fate is decided elsewhere.
 */
type Usage = 'awaited' | 'statement' | 'value';

type Completion =
  | { type: 'normal' }
  | { type: 'return'; value: Value }
  | { type: 'throw' }
  | { type: 'break'; label: string | null }
  | { type: 'continue'; label: string | null }
  /**
   * The block may have exited early (an `if (...) return;`): the rest is
   * conditional. `returns`: the function may have returned (what follows an
   * enclosing loop is conditional too); `breaks`: labels of loops that may
   * have been left (null for the innermost), so their later iterations are
   * conditional.
   */
  | { type: 'maybe-exit'; frame: GuardFrame | null; returns: boolean; breaks: (string | null)[]; dialects?: Dialect[]; dialectTypo?: NonNullable<Operation['dialectTypo']> };

const NORMAL: Completion = { type: 'normal' };
/** Nested calls followed (helpers, callbacks, `.then` pyramids). */
const MAX_CALL_DEPTH = 64;
/** Re-entries of one function (recursion over a constant list). */
const MAX_RECURSION = 12;
const MAX_UNROLL = 500;
/** Bluebird's collection helpers, as the array method each one works like. */
const BLUEBIRD_COLLECTION: ReadonlyMap<string, string> = new Map([
  ['map', 'map'],
  ['mapSeries', 'map'],
  ['each', 'map'],
  ['filter', 'filter'],
]);
const MAX_OPS = 20_000;

/** A module the interpreter may follow (relative import of a migration). */
export interface LoadedModule {
  ast: TSESTree.Program;
  context: ModuleContext;
  /** Project-relative path, for `via`. */
  displayPath: string;
}

export interface InterpreterOptions {
  /**
   * Resolves a relative import of `fromFile`; null when it cannot be followed. `depth`: how many imports
   * deep the module is (1 for an import of the analyzed file), the `importDepth` its context must carry.
   */
  loadImport?: (fromFile: string, specifier: string, depth: number) => LoadedModule | null;
  /** How many imports deep relative imports are followed (default 1: the analyzed file's own imports). */
  importLevels?: number;
  /** `loadImport` also resolves bare specifiers (the models reader's knows the tsconfig path aliases, `@/config/db`); others get only relative ones. */
  bareImports?: boolean;
  /**
   * Record on each object value the file and place each key is written, keys copied through spreads
   * included (`origins`): what a reader of objects built across files (models) reports.
   */
  trackOrigins?: boolean;
  /** The project's dialects when known (`ProjectModel.dialect`): raw SQL goes to the PostgreSQL parser only when it may run there. */
  dialects?: readonly Dialect[];
  /** The per-file time budget (default `DEFAULT_TIME_BUDGET_MS`) and the clock it is measured with (default `performance.now`). */
  timeBudget?: { ms?: number; clock?: Clock };
  /** What `process.argv`, `process.env` and `process.cwd()` read (default `MIGRATION_ENVIRONMENT`: the project root, nothing else known). */
  environment?: Environment;
  /**
   * Record how calls and `up`/`down` are written (`Operation.syntax`, `MigrationFunction.syntax`: what the rules'
   * rewrites need); default true. The CLI offers no rewrites and leaves them out (about 0.8 KB an operation).
   */
  callSyntax?: boolean;
}

const SEQUELIZE_MODULES = new Set(['sequelize', '@sequelize/core', 'sequelize-typescript']);
const KNOWN_GLOBALS = new Set([
  'Promise',
  'Object',
  'Array',
  'console',
  'JSON',
  'Math',
  'process',
  'Number',
  'String',
  'Boolean',
  'Date',
  'Symbol',
  'Error',
  'Buffer',
  'setTimeout',
  'setImmediate',
]);
/** Sequelize instance methods that build SQL fragments. */
const SEQUELIZE_EXPRESSION_HELPERS = new Set(['escape', 'literal', 'fn', 'col', 'where', 'cast', 'json', 'random']);
/** Sequelize instance methods that only call the query interface's method of the same name (Sequelize 6 `lib/sequelize.js`). */
const SEQUELIZE_SCHEMA_SHORTCUTS = new Set(['createSchema', 'dropSchema', 'showAllSchemas', 'dropAllSchemas']);
/** Sequelize instance methods that do not touch the schema or data. */
const SEQUELIZE_NON_OPS = new Set(['getDialect', 'getDatabaseName', 'isDefined', 'model', 'authenticate', 'close', 'databaseVersion', 'validate']);
const OPTION_KEYS_DROPPED = new Set(['transaction', 'logging', 'benchmark']);

/**
 * A small abstract interpreter over ESTree. It walks `up`/`down` the way they
 * would run (following helpers, callbacks, constant loops) and records each
 * database call as an Operation, without executing anything.
 */
export class Interpreter {
  private ops: Operation[] = [];
  /** Rounds of a loop written as a promise chain followed so far, by its function (see `evalPromiseChain`), per migration function. */
  private rounds = new Map<FunctionNode, number>();
  /** The call behind each recorded operation written where it runs (not behind an import site), and its module. */
  private readonly callSites = new Map<Operation, { node: TSESTree.CallExpression; module: ModuleContext }>();
  private readonly moduleEnvs = new WeakMap<TSESTree.Program, Env>();
  private readonly moduleExportCache = new WeakMap<TSESTree.Program, Value>();
  /** Modules whose exports are being read: a re-export back to one of them is not followed (a cycle). */
  private readonly exportsInProgress = new Set<TSESTree.Program>();
  /** Expressions and statements evaluated so far, for the whole file (see `MAX_EVALUATION_STEPS`). */
  private steps = 0;

  private readonly environment: Environment;

  constructor(private readonly options: InterpreterOptions = {}) {
    this.environment = options.environment ?? MIGRATION_ENVIRONMENT;
  }

  // ---------------------------------------------------------------------------
  // Entry points

  /** Top-level scope of a module: constants, functions, imports; evaluated lazily. */
  moduleEnv(ast: TSESTree.Program, module: ModuleContext): Env {
    const cached = this.moduleEnvs.get(ast);
    if (cached) return cached;
    const env = new Env(null);
    this.moduleEnvs.set(ast, env);
    const flow = this.topFlow(module);
    for (const stmt of ast.body) {
      const decl =
        stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
      if (!decl) continue;
      if (decl.type === 'ImportDeclaration') {
        if (decl.importKind === 'type') continue;
        const spec = String(decl.source.value);
        for (const s of decl.specifiers) {
          if (s.type === 'ImportSpecifier' && s.importKind === 'type') continue;
          const path =
            s.type === 'ImportDefaultSpecifier'
              ? 'default'
              : s.type === 'ImportNamespaceSpecifier'
                ? ''
                : s.imported.type === 'Identifier'
                  ? s.imported.name
                  : String(s.imported.value);
          env.defineValue(s.local.name, importValue(spec, path));
        }
      } else if (decl.type === 'VariableDeclaration') {
        this.declareLazy(decl, env, flow);
      } else if (decl.type === 'FunctionDeclaration' && decl.id) {
        env.defineValue(decl.id.name, { k: 'fn', node: decl, env, module });
      } else if (decl.type === 'ClassDeclaration' && decl.id) {
        const cls = decl;
        env.define(cls.id!.name, { get: lazyValue(() => this.classValue(cls, env, flow)) });
      } else if (decl.type === 'TSImportEqualsDeclaration' && decl.moduleReference.type === 'TSExternalModuleReference') {
        const ref = decl.moduleReference.expression;
        if (ref.type === 'Literal') env.defineValue(decl.id.name, importValue(String(ref.value), ''));
      } else if (decl.type === 'TSEnumDeclaration') {
        const en = decl;
        env.define(en.id.name, { get: lazyValue(() => this.enumValue(en, env, flow)) });
      }
    }
    // Top-level statements that change constants (`cfg.table = 'x'`, `TABLES.push('y')`) run
    // before up/down is ever called: replay them, in order, without recording anything.
    for (const stmt of ast.body) {
      if (stmt.type !== 'ExpressionStatement') continue;
      const e = stmt.expression;
      const mutates =
        (e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && exportTarget(e.left) === null) ||
        (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && !e.callee.computed && e.callee.property.type === 'Identifier' && MUTATING_METHODS.has(e.callee.property.name));
      if (mutates) this.evalExpr(e, env, flow, 'value');
    }
    return env;
  }

  /** A flow for evaluating module-level constants: records nothing. */
  topFlow(module: ModuleContext): Flow {
    return {
      phase: 'up',
      conditional: false,
      inLoop: false,
      txCallback: false,
      detached: false,
      guards: [],
      stack: [],
      importSite: null,
      module,
      noOps: true,
    };
  }

  /** Evaluates an expression at module level (used to find exports). */
  evalTop(node: Expression, ast: TSESTree.Program, module: ModuleContext): Value {
    return this.evalExpr(node, this.moduleEnv(ast, module), this.topFlow(module), 'awaited');
  }

  /**
   * Evaluates expressions at one place of a module, statically: the module's
   * constants, then for each enclosing function (outermost first) its
   * parameters bound to what `params` says the caller passes, and the
   * constants of each enclosing block. Nothing is recorded.
   */
  evaluatorAt(
    ast: TSESTree.Program,
    module: ModuleContext,
    ancestors: readonly Node[],
    params: (fn: FunctionNode) => Value[],
  ): (node: Node) => Value {
    let env = this.moduleEnv(ast, module);
    const flow = this.topFlow(module);
    /** The class whose static member `ancestors[i]` is (`this` there is the class), else null. */
    const staticOwner = (i: number): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null => {
      const member = ancestors[i];
      const owner = ancestors[i - 2];
      const isStatic = member?.type === 'StaticBlock' || ((member?.type === 'PropertyDefinition' || member?.type === 'MethodDefinition') && member.static);
      return isStatic && ancestors[i - 1]?.type === 'ClassBody' && (owner?.type === 'ClassDeclaration' || owner?.type === 'ClassExpression') ? owner : null;
    };
    const classAt = (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Env): Value =>
      (cls.id ? scope.lookup(cls.id.name)?.get() : undefined) ?? this.classValue(cls, scope, flow);
    for (const [i, a] of ancestors.entries()) {
      if (a.type === 'PropertyDefinition' || a.type === 'StaticBlock') {
        // `static setup = () => { ... this.NAME ... }`: an arrow there (or a static block) sees the class as `this`.
        const owner = staticOwner(i);
        if (owner) {
          env = new Env(env);
          env.defineValue('this', classAt(owner, env));
        }
      }
      if (a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') {
        env = new Env(env);
        if (a.type !== 'ArrowFunctionExpression') {
          // A function's own `this`: the class for a static method (called on the class), unknown otherwise.
          const owner = staticOwner(i - 1);
          env.defineValue('this', owner ? classAt(owner, env) : UNKNOWN);
        }
        const args = params(a);
        a.params.forEach((param, i) => this.bindPattern(param.type === 'TSParameterProperty' ? param.parameter : param, args[i] ?? UNKNOWN, env, flow));
      } else if (a.type === 'BlockStatement' || a.type === 'StaticBlock') {
        env = new Env(env);
        for (const stmt of a.body) if (stmt.type === 'VariableDeclaration') this.declareLazy(stmt, env, flow);
      }
    }
    const scope = env;
    return (node) => {
      const v = this.evalExpr(node, scope, flow, 'awaited');
      // An object another project file exports (`define('item', item)` with `import { item } from './item'`): with
      // `loadImport`, that file's object, its keys' origins in that file.
      // A bare specifier too: `loadImport` knows the project's path aliases (`@entities/users`); a package it leaves.
      if (v.k !== 'import' || !this.options.loadImport) return v;
      const found = this.importedValue({ ...v, relative: true }, flow)?.value;
      return found?.k === 'obj' ? found : v;
    };
  }

  /**
   * Runs one migration function (`up` or `down`) with the queryInterface as
   * first argument and the Sequelize namespace as second, and returns the
   * operations it issues.
   */
  runMigrationFunction(fn: Extract<Value, { k: 'fn' }>, phase: Phase, migrationObject?: Value, site?: Flow['importSite']): Operation[] {
    this.ops = [];
    this.rounds = new Map();
    // A function another module of the project built (`module.exports = helper.alterColumn(...)`): its operations are
    // those of a helper, reported at `site` in the migration file.
    const flow: Flow = { ...this.topFlow(fn.module), phase, noOps: false, ...(site ? { importSite: site } : {}) };
    // `up(queryInterface, Sequelize, done)`: sequelize-cli's umzug wraps a function of three parameters with
    // `promisify`, so the migration ends when it calls `done`: a chain that ends in `.then(() => done())` is waited for
    // (hold-out 44), as a `new Promise` executor's chain that ends in its `resolve`.
    const done = fn.node.params[2];
    const callback = fn.node.params.length === 3 && done?.type === 'Identifier' ? { resolveName: done.name } : {};
    this.callFunction(fn, this.migrationArguments(fn.node), { ...flow, ...callback }, migrationObject);
    return this.ops;
  }

  /**
   * What the runner passes to `up` / `down`: sequelize-cli passes the queryInterface and the Sequelize namespace
   * (umzug's `{ context }` reads as the queryInterface too). A runner of the project's own that passes its
   * transaction and the Sequelize instance instead says so in the function's types:
   * `up(transaction: Transaction, db: Sequelize)`. Steps that pass that transaction run in it.
   */
  private migrationArguments(fn: FunctionNode): Value[] {
    const types = fn.params.map(parameterTypeName);
    if (types[0] === 'Transaction') return [{ k: 'tx', managed: true, id: ++this.transactions }, types[1] === 'Sequelize' ? { k: 'seq' } : UNKNOWN];
    // A third parameter and beyond: what the project's own runner passes (`up(queryInterface, Sequelize, dialect)`), or
    // sequelize-cli's nothing. Unknown either way, so a branch on it runs either way.
    return [{ k: 'qi' }, { k: 'ns', text: '' }, ...fn.params.slice(2).map(() => UNKNOWN)];
  }

  /** The call expression an operation of `module` comes from; undefined for an operation of another module or of an import site. */
  callOf(op: Operation, module: ModuleContext): TSESTree.CallExpression | undefined {
    const site = this.callSites.get(op);
    return site?.module === module ? site.node : undefined;
  }

  /** The exports object of a module as an abstract value (CommonJS and ESM). */
  moduleExports(ast: TSESTree.Program, module: ModuleContext): Value {
    const cached = this.moduleExportCache.get(ast);
    if (cached) return cached;
    const env = this.moduleEnv(ast, module);
    const flow = this.topFlow(module);
    const props = new Map<string, Value>();
    const locs = new Map<string, TSESTree.SourceLocation>();
    let whole: Value | null = null;
    const evalNode = (n: Expression): Value => this.evalExpr(n, env, flow, 'awaited');
    for (const stmt of this.exportStatements(ast.body, env, flow)) {
      for (const e of exportsOf(stmt)) {
        switch (e.kind) {
          case 'assigned': {
            // `module.exports = ...`, or one key below it (`exports.up = ...`); deeper paths are not followed.
            const [key, ...deeper] = e.path;
            if (key === undefined) whole = evalNode(e.assignment.right);
            else if (deeper.length === 0) {
              props.set(key, evalNode(e.assignment.right));
              locs.set(key, stmt.loc);
            }
            break;
          }
          case 'exportEquals':
            whole = evalNode(e.value);
            break;
          case 'default': {
            const d = e.declaration;
            if (d.type === 'FunctionDeclaration') props.set('default', { k: 'fn', node: d, env, module });
            else if (d.type === 'ClassDeclaration') props.set('default', this.classValue(d, env, flow));
            else if (d.type !== 'TSInterfaceDeclaration' && d.type !== 'TSDeclareFunction') props.set('default', evalNode(d as Expression));
            break;
          }
          case 'declared':
            props.set(e.name, env.lookup(e.name)?.get() ?? UNKNOWN);
            break;
          case 'variable':
            for (const name of patternNames(e.declarator.id)) {
              props.set(name, env.lookup(name)?.get() ?? UNKNOWN);
              locs.set(name, e.declarator.loc);
            }
            break;
          case 'specifier':
            if (!e.typeOnly) props.set(e.exported, env.lookup(e.local)?.get() ?? UNKNOWN);
            break;
          // `export { Tables } from './tables'`, `export * from './tables'` (a constants folder's index): what that
          // project module exports, followed as deep as imports are.
          case 'reexport': {
            if (e.typeOnly) break;
            const other = this.reexportedModule(module, e.source);
            props.set(e.exported, other ? (e.imported === '*' ? other : this.member(other, e.imported, e.imported)) : UNKNOWN);
            break;
          }
          case 'star': {
            const other = this.reexportedModule(module, e.source);
            if (e.exported !== null) props.set(e.exported, other ?? UNKNOWN);
            else if (other?.k === 'obj') {
              for (const [k, v] of other.props) if (k !== 'default' && !props.has(k)) props.set(k, v);
            }
            break;
          }
          default:
            break;
        }
      }
    }
    let result: Value;
    if (whole && whole.k === 'obj') {
      const merged = new Map(whole.props);
      for (const [k, v] of props) merged.set(k, v);
      const mergedLocs = new Map(whole.locs ?? []);
      for (const [k, l] of locs) mergedLocs.set(k, l);
      result = { k: 'obj', props: merged, partial: whole.partial, locs: mergedLocs };
    } else if (whole) {
      result = whole;
    } else {
      result = { k: 'obj', props, partial: false, locs };
    }
    // `module[key()] = { up, down }` (a minified or obfuscated build): an assignment to a key migralint cannot read
    // may well be `exports`; what the file exports is then not known, rather than nothing (hold-out 89).
    if (result.k === 'obj' && !result.partial && computedExportAssignment(ast)) result = { ...result, partial: true };
    this.moduleExportCache.set(ast, result);
    return result;
  }

  /** The project module a relative specifier of `module` names, one import deeper; null past `importLevels` or when it cannot be loaded. */
  private loadRelative(module: ModuleContext, spec: string): LoadedModule | null {
    if (!this.options.loadImport || module.importDepth >= (this.options.importLevels ?? 1)) return null;
    return this.options.loadImport(module.file, spec, module.importDepth + 1);
  }

  /**
   * The exports of the project module `source` that `module` re-exports, loaded one import deeper; null when it cannot
   * be followed (a package, too deep, unreadable, or a cycle of re-exports back to a module being read).
   */
  private reexportedModule(module: ModuleContext, source: string): Value | null {
    const loaded = source.startsWith('.') || source.startsWith('/') ? this.loadRelative(module, source) : null;
    if (!loaded || this.exportsInProgress.has(loaded.ast)) return null;
    this.exportsInProgress.add(loaded.ast);
    try {
      return this.moduleExports(loaded.ast, loaded.context);
    } finally {
      this.exportsInProgress.delete(loaded.ast);
    }
  }

  /**
   * The module's top-level statements, an `if` among them replaced by the branch a production run takes: its test when
   * it is static, a comparison of the environment's name to `'production'` read as production (a migration exported one
   * way in production, another elsewhere), else the first branch. Only their exports are read.
   */
  private exportStatements(body: readonly TSESTree.ProgramStatement[], env: Env, flow: Flow): TSESTree.ProgramStatement[] {
    const out: TSESTree.ProgramStatement[] = [];
    for (const stmt of body) {
      if (stmt.type !== 'IfStatement') {
        out.push(stmt);
        continue;
      }
      const test = this.evalExpr(stmt.test, env, flow, 'awaited');
      const compared = environmentComparison(stmt.test);
      const taken = test.k === 'bool' ? test.v : compared?.value === 'production' ? compared.equal : true;
      const branch = taken ? stmt.consequent : stmt.alternate;
      if (!branch) continue;
      out.push(...this.exportStatements(branch.type === 'BlockStatement' ? branch.body : [branch], env, flow));
    }
    return out;
  }

  // ---------------------------------------------------------------------------
  // Functions and statements

  private callFunction(fn: Extract<Value, { k: 'fn' }>, args: Value[], flow: Flow, thisValue?: Value, site?: TSESTree.CallExpression): Value {
    const reentries = flow.stack.filter((n) => n === fn.node).length;
    // A recursive call on values migralint does not know (`sanitize(obj[key])` over rows read at run time) has nothing
    // constant to walk down: its body was followed once already, and following it again at every level only multiplies
    // the branches it takes (a deep-copy helper used in a loop cost a real migration its whole evaluation budget).
    if (reentries > 0 && args.length > 0 && args.every((a) => a.k === 'unknown')) return UNKNOWN;
    if (reentries >= MAX_RECURSION || flow.stack.length >= MAX_CALL_DEPTH) {
      // Say so rather than silently dropping what the deeper calls would do.
      if (site) this.emitUnresolved(site, flow, 'value', reentries >= MAX_RECURSION ? `recursion deeper than ${MAX_RECURSION} levels is not followed` : `calls nested deeper than ${MAX_CALL_DEPTH} levels are not followed`);
      return UNKNOWN;
    }
    const env = new Env(fn.env);
    // Arrow functions see the `this` of their scope; others get the receiver (umzug/sequelize-cli call up/down on the migration object).
    if (fn.node.type !== 'ArrowFunctionExpression') env.defineValue('this', thisValue ?? UNKNOWN);
    // A function of the analyzed file called back by a helper of another module (`migrationWrapper(async (options) =>
    // ...)`): its steps are written here, at their own place, not at the helper's call site.
    // A function of another module reached as a value (a closure a helper returned: `const fk = makeFk('t'); await
    // fk.down(queryInterface)`), not through an import migralint followed: its steps are written at this call, as an
    // imported helper's are, not at lines of the other file (hold-out 88: a message citing a line of `util/sql.js`).
    const reached = fn.module.importDepth > 0 && flow.module.importDepth === 0 && !flow.importSite && site ? { importSite: { node: site, callee: this.calleeText(site, flow), via: `${posix.join(fn.module.dirname, posix.basename(fn.module.file.replace(/\\/g, '/')))}:${fn.node.loc.start.line}` } } : {};
    const inner: Flow = { ...flow, stack: [...flow.stack, fn.node], module: fn.module, ...(fn.module.importDepth === 0 && flow.importSite ? { importSite: null } : {}), ...reached };
    fn.node.params.forEach((param, i) => {
      if (param.type === 'RestElement') {
        this.bindPattern(param.argument, { k: 'arr', items: args.slice(i) }, env, inner);
      } else if (param.type === 'TSParameterProperty') {
        this.bindPattern(param.parameter, args[i] ?? UNDEF, env, inner);
      } else {
        this.bindPattern(param, args[i] ?? UNDEF, env, inner);
      }
    });
    if (fn.node.type === 'FunctionExpression' || fn.node.type === 'FunctionDeclaration') {
      env.defineValue('arguments', { k: 'arr', items: args });
    }
    const body = fn.node.body;
    if (!body) return UNKNOWN;
    if (body.type !== 'BlockStatement') return this.evalExpr(body, env, inner, returnedUsage(body, inner));
    const completion = this.execStatements(body.body, env, inner);
    return completion.type === 'return' ? completion.value : UNDEF;
  }

  private execStatements(stmts: readonly Statement[], parentEnv: Env, flowIn: Flow, ownScope = true): Completion {
    const env = ownScope ? new Env(parentEnv) : parentEnv;
    // Function declarations are hoisted.
    for (const s of stmts) {
      if (s.type === 'FunctionDeclaration' && s.id) env.defineValue(s.id.name, { k: 'fn', node: s, env, module: flowIn.module });
    }
    let flow = flowIn;
    let maybe: Extract<Completion, { type: 'maybe-exit' }> | null = null;
    for (const stmt of stmts) {
      const c = this.execStatement(stmt, env, flow);
      if (c.type === 'maybe-exit') {
        maybe = mergeMaybe(maybe, c);
        flow = { ...flow, conditional: true, guards: c.frame ? [...flow.guards, c.frame] : flow.guards };
        if (c.dialects) flow = { ...flow, dialects: narrow(flow.dialects, c.dialects), ...(c.dialectTypo ? { dialectTypo: c.dialectTypo } : {}) };
        continue;
      }
      if (c.type !== 'normal') return c;
    }
    return maybe ? { ...maybe, frame: null } : NORMAL;
  }

  /** Counts one evaluation step; past the file's budget the whole extraction stops with an `AnalysisLimitError`. */
  private step(node: Node): void {
    if (++this.steps % TIME_CHECK_STEPS === 0) this.checkTime(node);
    if (this.steps <= MAX_EVALUATION_STEPS) return;
    const where = node.loc.start;
    throw new AnalysisLimitError(
      `analysis stopped after ${MAX_EVALUATION_STEPS.toLocaleString('en-US')} evaluation steps (the per-file budget), at line ${where.line}: loops, \`.map\` callbacks or helper calls here do more work than migralint follows. The file was not analyzed`,
      where.line,
      where.column + 1,
    );
  }

  /** Transactions opened so far (`sequelize.transaction()`): each gets its own number. */
  private transactions = 0;
  /** `if ... else` statements walked, numbering their arms. */
  private ifArms = 0;
  /** `Promise.all` calls evaluated, numbering the lists whose elements run at once. */
  private raceLists = 0;

  /** When the first time check ran: the clock's reading, or null before it. */
  private startedAt: number | null = null;

  /** Past the file's time budget the whole extraction stops with an `AnalysisLimitError`. */
  private checkTime(node: Node): void {
    const clock = this.options.timeBudget?.clock ?? (() => performance.now());
    const budget = this.options.timeBudget?.ms ?? DEFAULT_TIME_BUDGET_MS;
    const now = clock();
    this.startedAt ??= now;
    if (now - this.startedAt <= budget) return;
    const where = node.loc.start;
    throw new AnalysisLimitError(
      `analysis stopped after ${+(budget / 1000).toFixed(1)} s (the per-file time budget), at line ${where.line}: the file costs more time than migralint spends on one migration. The file was not analyzed`,
      where.line,
      where.column + 1,
    );
  }

  private execStatement(stmt: Statement, env: Env, flow: Flow): Completion {
    this.step(stmt);
    if (this.ops.length > MAX_OPS) return { type: 'throw' };
    switch (stmt.type) {
      case 'ExpressionStatement':
        this.evalExpr(stmt.expression, env, flow, flow.resolveName !== undefined && settlesWith(stmt.expression, flow.resolveName, localFunctions(env)) ? 'awaited' : 'statement');
        return NORMAL;
      case 'VariableDeclaration':
        for (const d of stmt.declarations) {
          const value = d.init ? this.evalExpr(d.init, env, flow, 'value') : UNDEF;
          const trusted = stmt.kind === 'const' || stmt.kind === 'await using' || stmt.kind === 'using';
          this.bindPattern(d.id, value, env, flow, !trusted);
        }
        return NORMAL;
      case 'ReturnStatement': {
        if (!stmt.argument) return { type: 'return', value: UNDEF };
        // `try { return qi.addColumn(...) } catch`: the promise is returned, not awaited, so its rejection settles
        // after the try has ended and no catch of this function sees it (`return await` would be caught).
        const escapes = stmt.argument.type !== 'AwaitExpression' && flow.guards.some((g) => g.type === 'catch' && g.depth === flow.stack.length);
        const returnFlow = escapes ? { ...flow, guards: flow.guards.filter((g) => !(g.type === 'catch' && g.depth === flow.stack.length)) } : flow;
        return { type: 'return', value: this.evalExpr(stmt.argument, env, returnFlow, returnedUsage(stmt.argument, flow)) };
      }
      case 'ThrowStatement':
        if (stmt.argument) this.evalExpr(stmt.argument, env, flow, 'awaited');
        return { type: 'throw' };
      case 'BlockStatement':
        return this.execStatements(stmt.body, env, flow);
      case 'IfStatement':
        return this.execIf(stmt, env, flow);
      case 'TryStatement':
        return this.execTry(stmt, env, flow);
      case 'ForOfStatement':
      case 'ForInStatement':
        return this.execForOf(stmt, env, flow, null);
      case 'ForStatement': {
        // `for (let i = 0; i < list.length; i++)` over a list migralint knows: unrolled, one pass per index.
        const counted = this.countedLoop(stmt, env, flow);
        if (counted) return this.execCounted(stmt, counted, env, flow, null);
        const loopEnv = new Env(env);
        if (stmt.init) {
          if (stmt.init.type === 'VariableDeclaration') this.execStatement(stmt.init, loopEnv, flow);
          else this.evalExpr(stmt.init, loopEnv, flow, 'awaited');
        }
        // The counter changes per iteration: its value is unknown inside.
        if (stmt.init?.type === 'VariableDeclaration') {
          for (const d of stmt.init.declarations) for (const n of patternNames(d.id)) loopEnv.defineValue(n, UNKNOWN);
        }
        const loopFlow = { ...flow, inLoop: true };
        if (stmt.test) this.evalExpr(stmt.test, loopEnv, loopFlow, 'awaited');
        const c = this.execLoopBody(stmt.body, loopEnv, loopFlow, null);
        if (stmt.update) this.evalExpr(stmt.update, loopEnv, loopFlow, 'awaited');
        return c;
      }
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const loopFlow = { ...flow, inLoop: true };
        this.evalExpr(stmt.test, env, loopFlow, 'awaited');
        return this.execLoopBody(stmt.body, env, loopFlow, null);
      }
      case 'SwitchStatement':
        return this.execSwitch(stmt, env, flow);
      case 'LabeledStatement': {
        const label = stmt.label.name;
        const body = stmt.body;
        const counted = body.type === 'ForStatement' ? this.countedLoop(body, env, flow) : null;
        const c =
          body.type === 'ForOfStatement' || body.type === 'ForInStatement'
            ? this.execForOf(body, env, flow, label)
            : counted && body.type === 'ForStatement'
              ? this.execCounted(body, counted, env, flow, label)
              : this.execStatement(body, env, flow);
        if ((c.type === 'break' || c.type === 'continue') && c.label === label) return NORMAL;
        return c;
      }
      case 'BreakStatement':
        return { type: 'break', label: stmt.label?.name ?? null };
      case 'ContinueStatement':
        return { type: 'continue', label: stmt.label?.name ?? null };
      case 'TSEnumDeclaration':
        env.defineValue(stmt.id.name, this.enumValue(stmt, env, flow));
        return NORMAL;
      case 'FunctionDeclaration':
        return NORMAL; // hoisted by execStatements
      case 'ClassDeclaration':
        if (stmt.id) env.defineValue(stmt.id.name, this.classValue(stmt, env, flow));
        return NORMAL;
      default:
        return NORMAL;
    }
  }

  /**
   * The counter and its values of a counted loop: `let i = <number>`, a test `i < n` or `i <= n` where `n` is a
   * number migralint knows (`list.length` of a known list), an update `i++`, `++i` or `i += 1`, and a body that never
   * assigns `i`. Null otherwise, or past MAX_UNROLL passes.
   */
  private countedLoop(stmt: TSESTree.ForStatement, env: Env, flow: Flow): { name: string; values: number[] } | null {
    const init = stmt.init;
    if (init?.type !== 'VariableDeclaration' || init.kind === 'const' || init.declarations.length !== 1) return null;
    const [d] = init.declarations;
    if (d!.id.type !== 'Identifier' || d!.init?.type !== 'Literal' || typeof d!.init.value !== 'number') return null;
    const name = d!.id.name;
    const start = d!.init.value;
    const test = stmt.test;
    if (test?.type !== 'BinaryExpression' || (test.operator !== '<' && test.operator !== '<=') || test.left.type !== 'Identifier' || test.left.name !== name) return null;
    const update = stmt.update;
    const steps =
      (update?.type === 'UpdateExpression' && update.operator === '++' && update.argument.type === 'Identifier' && update.argument.name === name) ||
      (update?.type === 'AssignmentExpression' && update.operator === '+=' && update.left.type === 'Identifier' && update.left.name === name && update.right.type === 'Literal' && update.right.value === 1);
    // The bound is read here and again by the loop walked once when it is not a number: only a name or a property
    // chain (`n`, `list.length`, `table.columns.length`), which issues no call.
    if (!steps || !plainChain(test.right) || assigns(stmt.body, name)) return null;
    const bound = this.evalExpr(test.right, env, flow, 'value');
    if (bound.k !== 'num' || !Number.isInteger(start) || !Number.isFinite(bound.v)) return null;
    const end = test.operator === '<=' ? Math.floor(bound.v) + 1 : Math.ceil(bound.v);
    if (end - start > MAX_UNROLL) return null;
    const values: number[] = [];
    for (let i = start; i < end; i++) values.push(i);
    return { name, values };
  }

  /** A counted loop (`countedLoop`) walked once per value of its counter, as a for-of over a known list is. */
  private execCounted(stmt: TSESTree.ForStatement, counted: { name: string; values: number[] }, env: Env, flow: Flow, label: string | null): Completion {
    return this.execUnrolled(counted.values, (i, loopEnv) => loopEnv.defineValue(counted.name, { k: 'num', v: i }), stmt.body, env, flow, label);
  }

  /**
   * A loop walked once per known value (a for-of over a known list, a counted loop): `bind` puts the value into each
   * pass's scope. A `break` ends it, a `continue` goes on; a possible break or return makes the later passes, and
   * maybe what follows, conditional.
   */
  private execUnrolled<T>(values: readonly T[], bind: (value: T, loopEnv: Env, flow: Flow) => void, body: Statement, env: Env, flow: Flow, label: string | null, mayBeAbsent?: (value: T) => readonly GuardFrame[] | undefined): Completion {
    const mine = (l: string | null) => l === null || l === label;
    let iterFlow = flow;
    let maybe: MaybeExit | null = null;
    for (const value of values) {
      const loopEnv = new Env(env);
      // An item pushed under a condition: its iteration may not happen.
      const pushedUnder = mayBeAbsent?.(value);
      const thisFlow = pushedUnder ? pushedItemFlow(iterFlow, pushedUnder) : iterFlow;
      bind(value, loopEnv, thisFlow);
      const c = this.execStatement(body, loopEnv, thisFlow);
      if (c.type === 'break') {
        if (mine(c.label)) break;
        return c;
      }
      if (c.type === 'continue') {
        if (mine(c.label)) continue;
        return c;
      }
      if (c.type === 'return' || c.type === 'throw') return c;
      if (c.type === 'maybe-exit') {
        if (c.returns || c.breaks.length > 0) iterFlow = { ...iterFlow, conditional: true };
        const outer = c.breaks.filter((l) => !mine(l));
        if (c.returns || outer.length) maybe = mergeMaybe(maybe, { ...c, breaks: outer });
      }
    }
    return maybe ?? NORMAL;
  }

  /** A loop body walked once for iterations we cannot count. */
  private execLoopBody(body: Statement, env: Env, flow: Flow, label: string | null): Completion {
    const c = this.execStatement(body, env, flow);
    if ((c.type === 'break' || c.type === 'continue') && (c.label === null || c.label === label)) return NORMAL;
    if (c.type === 'return' || c.type === 'throw') return { type: 'maybe-exit', frame: null, returns: true, breaks: [] };
    if (c.type === 'maybe-exit') {
      const outer = c.breaks.filter((l) => l !== null && l !== label);
      return c.returns || outer.length > 0 ? { type: 'maybe-exit', frame: null, returns: c.returns, breaks: outer } : NORMAL;
    }
    return c;
  }

  private execSwitch(stmt: TSESTree.SwitchStatement, env: Env, flow: Flow): Completion {
    const disc = this.evalExpr(stmt.discriminant, env, flow, 'awaited');
    const caseEnv = new Env(env);
    // A known discriminant picks its case, as `if` on a constant picks its branch.
    if (disc.k !== 'probe' && disc.k !== 'unknown') {
      let start = -1;
      let allKnown = true;
      stmt.cases.forEach((c, i) => {
        if (start >= 0 || !c.test) return;
        const eq = staticEquals(disc, this.evalExpr(c.test, caseEnv, flow, 'awaited'));
        if (eq === null) allKnown = false;
        else if (eq && allKnown) start = i;
      });
      if (allKnown) {
        if (start < 0) start = stmt.cases.findIndex((c) => !c.test);
        if (start < 0) return NORMAL;
        const body = stmt.cases.slice(start).flatMap((c) => c.consequent);
        const r = this.execStatements(body, caseEnv, flow, false);
        if (r.type === 'break' && r.label === null) return NORMAL;
        if (r.type === 'maybe-exit') {
          const breaks = r.breaks.filter((l) => l !== null);
          return r.returns || breaks.length ? { ...r, breaks } : NORMAL;
        }
        return r;
      }
    }
    const caseFlow: Flow = { ...flow, conditional: true };
    const onDialect = switchReadsDialect(stmt.discriminant);
    const named = onDialect ? stmt.cases.map((c) => (c.test ? dialectLiteral(c.test) : null)) : [];
    let returns = false;
    const breaks: (string | null)[] = [];
    // Case labels that fall through (no statement of their own) into the next body.
    let pending: Dialect[] = [];
    for (const [i, c] of stmt.cases.entries()) {
      if (c.test) this.evalExpr(c.test, caseEnv, caseFlow, 'awaited');
      let bodyFlow = caseFlow;
      if (onDialect) {
        const own = c.test ? named[i] : null;
        const these = c.test ? (own ? [...pending, own] : null) : [...pending, ...complement(named.filter((d): d is Dialect => d !== null))];
        pending = c.consequent.length === 0 && these ? these : [];
        if (these) bodyFlow = { ...caseFlow, dialects: narrow(flow.dialects, these) };
      }
      const r = this.execStatements(c.consequent, caseEnv, bodyFlow, false);
      if (r.type === 'return' || r.type === 'throw') returns = true;
      if ((r.type === 'break' || r.type === 'continue') && r.label !== null) breaks.push(r.label);
      if (r.type === 'maybe-exit') {
        returns ||= r.returns;
        breaks.push(...r.breaks.filter((l) => l !== null));
      }
    }
    return returns || breaks.length ? { type: 'maybe-exit', frame: null, returns, breaks } : NORMAL;
  }

  /** A TypeScript enum as an object of its members. */
  private enumValue(decl: TSESTree.TSEnumDeclaration, env: Env, flow: Flow): Value {
    const props = new Map<string, Value>();
    let next = 0;
    const members = (decl as unknown as { body?: { members: TSESTree.TSEnumMember[] }; members?: TSESTree.TSEnumMember[] }).body?.members ?? (decl as unknown as { members: TSESTree.TSEnumMember[] }).members;
    for (const m of members) {
      const key = m.id.type === 'Identifier' ? m.id.name : String((m.id as TSESTree.Literal).value);
      let v: Value = m.initializer ? this.evalExpr(m.initializer, env, flow, 'value') : { k: 'num', v: next };
      if (v.k === 'num') next = v.v + 1;
      else if (!m.initializer) v = UNKNOWN;
      props.set(key, v);
    }
    return { k: 'obj', props, partial: false };
  }

  private execIf(stmt: TSESTree.IfStatement, env: Env, flow: Flow): Completion {
    const test = this.evalExpr(stmt.test, env, flow, 'awaited');
    const known = truthiness(test);
    if (known !== null && test.k !== 'probe') {
      const branch = known ? stmt.consequent : stmt.alternate;
      return branch ? this.execStatement(branch, env, flow) : NORMAL;
    }
    const polarity = test.k === 'probe' ? testPolarity(stmt.test) : null;
    const frame = (when: RowPolarity | null): GuardFrame | null =>
      test.k === 'probe' ? { type: 'probe', probe: test, line: stmt.loc.start.line, column: stmt.loc.start.column + 1, when } : null;
    const split = dialectsOfTest(stmt.test);
    // With an else, the two arms never both run: each marks its operations (`Operation.arms`).
    const id = stmt.alternate ? ++this.ifArms : 0;
    const arm = (f: Flow, which: 'then' | 'else'): Flow => (id === 0 ? f : { ...f, arms: [...(f.arms ?? []), `${id}:${which}`] });
    // `if (process.env.NODE_ENV === 'development')`: the branch a production run never takes.
    const devOnly = developerBranch(stmt.test, flow.module.source);
    const outside = (f: Flow, which: 'then' | 'else'): Flow => (devOnly?.branch === which ? { ...f, outsideProduction: devOnly.text } : f);
    const c1 = this.execStatement(stmt.consequent, env, outside(arm(underDialects(flow, withFrame(flow, frame(polarity)), split, 'then'), 'then'), 'then'));
    const c2 = stmt.alternate ? this.execStatement(stmt.alternate, env, outside(arm(underDialects(flow, withFrame(flow, frame(flipPolarity(polarity))), split, 'else'), 'else'), 'else')) : NORMAL;
    const exits = (c: Completion) => c.type === 'return' || c.type === 'throw' || c.type === 'break' || c.type === 'continue';
    if (exits(c1) && exits(c2)) return c1.type === 'return' || c1.type === 'throw' ? c1 : c2;
    if (exits(c1) || exits(c2) || c1.type === 'maybe-exit' || c2.type === 'maybe-exit') {
      // What follows an early exit runs when the branch that left was not taken: `if (row) return;` guards an insert after it.
      const afterExit = exits(c1) && c2.type === 'normal' ? flipPolarity(polarity) : exits(c2) && c1.type === 'normal' ? polarity : null;
      const merged = mergeMaybe(mergeMaybe({ type: 'maybe-exit', frame: frame(afterExit), returns: false, breaks: [] }, c1), c2);
      // `if (dialect !== 'postgres') return;`: what follows runs only under the other branch's dialects.
      const after = split && exits(c1) && c2.type === 'normal' ? 'else' : split && exits(c2) && c1.type === 'normal' ? 'then' : null;
      if (split && after) {
        merged.dialects = split[after];
        const typo = typoOf(split, after);
        if (typo) merged.dialectTypo = typo;
      }
      return merged;
    }
    return NORMAL;
  }

  private execTry(stmt: TSESTree.TryStatement, env: Env, flow: Flow): Completion {
    let tryFlow = flow;
    let catchFrame: Extract<GuardFrame, { type: 'catch' }> | null = null;
    // The handler rethrows every error: what it does first runs only after a step of the try failed.
    let rethrowsAll = false;
    if (stmt.handler) {
      const param = stmt.handler.param;
      const cls = classifyCatch(stmt.handler.body, flow.module.source, param?.type === 'Identifier' ? param.name : null);
      rethrowsAll = cls.kind === null;
      const fn = flow.stack[flow.stack.length - 1];
      if (cls.kind && !(cls.kind === 'catch-all' && keepsErrorForLaterThrow(stmt, fn?.body ?? null))) {
        // `depth`: the function the try is in (a promise it returns unawaited escapes this catch).
        catchFrame = { type: 'catch', kind: cls.kind, line: stmt.loc.start.line, column: stmt.loc.start.column + 1, depth: flow.stack.length };
        if (flow.importSite) catchFrame.inHelper = true;
        if (cls.kind === 'catch-all' && flow.resolveName !== undefined && !callsName(stmt.handler.body, flow.resolveName)) catchFrame.hangs = flow.resolveName;
        if (cls.detail !== undefined) catchFrame.detail = cls.detail;
        tryFlow = { ...flow, guards: [...flow.guards, catchFrame] };
      }
    }
    const before = this.ops.length;
    const c = this.execStatements(stmt.block.body, env, tryFlow);
    let probeReturn: Completion | null = null;
    if (stmt.handler) {
      const catchEnv = new Env(env);
      if (stmt.handler.param) this.bindPattern(stmt.handler.param, UNKNOWN, catchEnv, flow);
      // `try { await qi.describeTable(t) } catch { create t }`: an existence probe. The handler
      // runs when the probe failed, i.e. (as the code means it) when the table does not exist.
      const tried = this.ops.slice(before);
      const probed = catchFrame?.kind === 'catch-all' && tried.length > 0 && tried.every((o) => READ_OPS.has(o.op)) ? tried : null;
      let catchFlow: Flow = { ...flow, conditional: true, inCatch: true };
      if (probed) {
        const tables = probed.map((o) => o.target.table).filter((t): t is string => t !== null);
        const probe = makeProbe(`${probed[0]!.op}(${tables.join(', ')}) failed`, tables) as Extract<Value, { k: 'probe' }>;
        catchFlow = { ...catchFlow, guards: [...catchFlow.guards, { type: 'probe', probe, line: stmt.loc.start.line, column: stmt.loc.start.column + 1 }] };
      }
      const beforeCatch = this.ops.length;
      const handled = this.execStatements(stmt.handler.body.body, catchEnv, catchFlow);
      if (probed && this.ops.length > beforeCatch) for (const o of probed) if (o.guard) o.guard.fallback = true;
      if (rethrowsAll) markCompensation(tried, this.ops.slice(beforeCatch), { line: stmt.loc.start.line, column: stmt.loc.start.column + 1 });
      // `try { await qi.describeTable(t); return true; } catch { return false; }`: the function answers whether the
      // read succeeded (as the code means it, whether the table exists), not the try block's constant. A truthy
      // answer from the try and a falsy one from the catch is that probe; any other pair of different answers is
      // unknown: both arms of a test on it may run.
      if (c.type === 'return' && handled.type === 'return') {
        const ok = truthiness(c.value);
        const failed = truthiness(handled.value);
        if (probed && ok === true && failed === false) {
          const tables = probed.map((o) => o.target.table).filter((t): t is string => t !== null);
          return { type: 'return', value: makeProbe(`${probed[0]!.op}(${tables.join(', ')})`, tables) };
        }
        // `try { return await qi.describeTable(t) } catch { return {} }`: the description, or nothing described when
        // the read failed (as the code means it, the table does not exist): still that probe, whose members answer
        // whether a column exists (`shape[column]`), falsy for the empty answer as for a missing column.
        if (probed && c.value.k === 'probe' && isEmptyAnswer(handled.value)) return c;
        if (tried.length > 0 && (ok === null || failed === null || ok !== failed)) return { type: 'return', value: UNKNOWN };
      }
      // `try { await qi.describeTable(t); return; } catch {}`: the function returns where the read succeeds (as the code
      // means it, the table exists); what follows runs where it failed, under that probe (hold-out 72: a createTable
      // after such a guard read as never reached).
      // Only a bare `return;`: a value returned there (`return tableName` of a helper trying several names) is what the
      // function computes, kept as before.
      if (probed && c.type === 'return' && c.value.k === 'undef' && handled.type === 'normal') {
        const tables = probed.map((o) => o.target.table).filter((t): t is string => t !== null);
        const probe = makeProbe(`${probed[0]!.op}(${tables.join(', ')}) failed`, tables) as Extract<Value, { k: 'probe' }>;
        probeReturn = { type: 'maybe-exit', frame: { type: 'probe', probe, line: stmt.loc.start.line, column: stmt.loc.start.column + 1 }, returns: true, breaks: [] };
      }
      // `try { insert row } catch { update row }`: the catch writes the same table another way, a fallback write.
      const written = new Set(tried.filter((o) => writesRows(o.op)).map((o) => o.target.table));
      const fallbackWrite = catchFrame?.kind === 'catch-all' && !probed && tried.length > 0 && tried.every((o) => writesRows(o.op) && o.target.table !== null);
      if (fallbackWrite && this.ops.slice(beforeCatch).some((o) => writesRows(o.op) && written.has(o.target.table))) for (const o of tried) if (o.guard) o.guard.fallback = true;
    }
    if (stmt.finalizer) {
      const f = this.execStatements(stmt.finalizer.body, env, flow);
      if (f.type === 'return' || f.type === 'throw') return f;
    }
    if (probeReturn) return probeReturn;
    if (c.type === 'throw') return stmt.handler ? NORMAL : c;
    return c;
  }

  private execForOf(stmt: TSESTree.ForOfStatement | TSESTree.ForInStatement, env: Env, flow: Flow, label: string | null): Completion {
    const right = this.evalExpr(stmt.right, env, flow, 'awaited');
    let items: Value[] | null = null;
    if (stmt.type === 'ForOfStatement') {
      if (right.k === 'arr') items = right.items;
      else if (right.k === 'str') items = [...right.v].map(str);
    } else if (right.k === 'obj' && !right.partial) {
      items = [...right.props.keys()].map(str);
    } else if (right.k === 'arr') {
      items = right.items.map((_, i) => str(String(i)));
    }
    const bind = (item: Value, loopEnv: Env, f: Flow) => {
      const value = MAYBE_ITEMS.get(item)?.value ?? item;
      const left = stmt.left;
      if (left.type === 'VariableDeclaration') {
        for (const d of left.declarations) this.bindPattern(d.id, value, loopEnv, f);
      } else {
        this.bindPattern(left as TSESTree.Node, value, loopEnv, f);
      }
    };
    if (items && items.length <= MAX_UNROLL) return this.execUnrolled([...items], bind, stmt.body, env, flow, label, (item) => MAYBE_ITEMS.get(item)?.guards);
    const loopFlow = { ...flow, inLoop: true };
    const loopEnv = new Env(env);
    bind(right.k === 'probe' ? right : UNKNOWN, loopEnv, loopFlow);
    return this.execLoopBody(stmt.body, loopEnv, loopFlow, label);
  }

  // ---------------------------------------------------------------------------
  // Bindings

  private declareLazy(decl: TSESTree.VariableDeclaration, env: Env, flow: Flow): void {
    for (const d of decl.declarations) {
      const init = d.init;
      const whole = init ? lazyValue(() => this.evalExpr(init, env, flow, 'awaited')) : () => UNDEF;
      const untrusted = decl.kind !== 'const';
      for (const { name, path } of patternPaths(d.id)) {
        if (untrusted && flow.module.reassigned.has(name)) {
          // `let sequelize; if (url) sequelize = new Sequelize(url); else sequelize = new Sequelize(db, user, pw)`: every
          // value it is given is an instance (and it starts with none, or the same): the instance, whichever runs.
          const given = path.length === 0 ? flow.module.assignedValues.get(name) : undefined;
          const every = given && given.length > 0 && given.every(newSequelize) && (!init || newSequelize(init) || isNullish(init)) ? given : null;
          env.define(name, {
            get: () => {
              if (every) {
                const first = this.evalExpr(every[0]!, env, flow, 'value');
                if (first.k === 'seq') return first;
              }
              const v = this.projectPath(whole(), path);
              return isRole(v) ? v : UNKNOWN;
            },
          });
          continue;
        }
        env.define(name, { get: () => this.projectPath(whole(), path) });
      }
    }
  }

  /** Binds a destructuring pattern to a value in `env`. */
  private bindPattern(pattern: TSESTree.Node, value: Value, env: Env, flow: Flow, untrusted = false): void {
    for (const { name, path, defaultNode } of patternPaths(pattern)) {
      if (untrusted && flow.module.reassigned.has(name) && !(path.length === 0 && flow.module.straightLets.has(name))) {
        // A reassigned `let` is not trusted, except for a role that every
        // reassignment keeps (`let qi = context; if (...) qi = context.queryInterface`),
        // or one assigned only in straight-line code of its own function (followed in order below).
        const v = this.projectPath(value, path);
        env.defineValue(name, isRole(v) ? v : UNKNOWN);
        continue;
      }
      let v = this.projectPath(value, path);
      if (v.k === 'undef' && defaultNode) v = this.evalExpr(defaultNode, env, flow, 'awaited');
      env.defineValue(name, v);
    }
  }

  private projectPath(value: Value, path: PathStep[]): Value {
    let v = value;
    for (const step of path) {
      if (step.kind === 'rest') {
        if (v.k === 'arr') v = { k: 'arr', items: v.items.slice(step.from) };
        else if (v.k === 'obj') {
          const props = new Map(v.props);
          step.exclude.forEach((e) => props.delete(e));
          v = { k: 'obj', props, partial: v.partial };
        } else if (v.k !== 'probe' && v.k !== 'qi') v = UNKNOWN;
      } else {
        v = this.member(v, step.key, step.key);
      }
    }
    return v;
  }

  // ---------------------------------------------------------------------------
  // Expressions

  private evalExpr(node: Node, env: Env, flow: Flow, usage: Usage): Value {
    this.step(node);
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return str(node.value);
        if (typeof node.value === 'number') return { k: 'num', v: node.value };
        if (typeof node.value === 'boolean') return { k: 'bool', v: node.value };
        if (node.value === null && !('regex' in node && node.regex) && !('bigint' in node && node.bigint)) return { k: 'null' };
        return UNKNOWN;
      case 'TemplateLiteral':
        return this.evalTemplate(node, env, flow);
      case 'Identifier':
        return this.lookup(node.name, env, flow);
      case 'ThisExpression':
        return env.lookup('this')?.get() ?? UNKNOWN;
      case 'MetaProperty': {
        if (node.meta.name !== 'import' || node.property.name !== 'meta') return UNKNOWN;
        // An ES module's `import.meta`: its folder and file, project-relative as `__dirname` is, and its `file://` URL.
        const filename = posix.join(flow.module.dirname, posix.basename(flow.module.file.replace(/\\/g, '/')));
        const props = new Map<string, Value>([
          ['dirname', str(flow.module.dirname)],
          ['filename', str(filename)],
          ['url', str(`file://${filename}`)],
        ]);
        return { k: 'obj', props, partial: true };
      }
      case 'Super':
        // Bound by `classValue` for the methods of a class that extends something.
        return env.lookup('super')?.get() ?? UNKNOWN;
      case 'AwaitExpression':
        return this.evalExpr(node.argument, env, flow, 'awaited');
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return this.evalExpr(node.expression, env, flow, usage);
      case 'ParenthesizedExpression' as string:
        return this.evalExpr((node as unknown as { expression: Node }).expression, env, flow, usage);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { k: 'fn', node, env, module: flow.module };
      case 'ArrayExpression': {
        const folded = foldArrayLiteral(node, { value: (e) => this.evalExpr(e, env, flow, usage), items: (v) => (v.k === 'arr' ? v.items : null), hole: UNDEF });
        return 'unknownSpread' in folded ? this.evalRest(node.elements, env, flow, usage, folded.items) : { k: 'arr', items: folded.items };
      }
      case 'ObjectExpression':
        return this.evalObject(node, env, flow, usage);
      case 'MemberExpression': {
        const obj = this.evalExpr(node.object, env, flow, 'awaited');
        const key = this.memberKey(node, env, flow);
        return this.member(obj, key, this.text(node, flow));
      }
      case 'CallExpression':
        return this.evalCall(node, env, flow, usage);
      case 'NewExpression': {
        // `new WeakMap()`, `new Map()`, `new Set()`: an in-memory collection; its `set` / `get` / `has` are synchronous
        // and reach no database, whatever they are given (a cache keyed by the queryInterface; hold-out 41).
        if (node.callee.type === 'Identifier' && COLLECTIONS.has(node.callee.name) && !env.lookup(node.callee.name)) {
          const given = node.arguments.map((a) => this.evalExpr(a.type === 'SpreadElement' ? a.argument : a, env, flow, 'value'));
          // `new Set(indexes.map((i) => i.name))` of what a schema look-up returned: still that look-up, whose `has(name)`
          // says whether the name exists (hold-out 103: `if (!names.has('x_idx')) addIndex(...)`).
          const probed = (node.callee.name === 'Set' || node.callee.name === 'Map') && given[0]?.k === 'probe' ? given[0] : null;
          return probed ?? { k: 'global', name: `new ${node.callee.name}` };
        }
        const ctor = node.callee.type === 'Identifier' || node.callee.type === 'MemberExpression' ? this.evalExpr(node.callee, env, flow, 'value') : UNKNOWN;
        if (ctor.k === 'ns' && ctor.text === '') {
          // `new Sequelize(url, options)` (the models' index a migration requires: `db.sequelize.query(...)`): a
          // connection, whose queries are the migration's steps as `queryInterface.sequelize`'s are.
          for (const a of node.arguments) this.evalExpr(a.type === 'SpreadElement' ? a.argument : a, env, flow, 'value');
          return { k: 'seq' };
        }
        if (ctor.k === 'ns') {
          // `new DataTypes.STRING(20)` is the same type as `DataTypes.STRING(20)`.
          const nsArgs = node.arguments.map((a) => this.evalExpr(a, env, flow, 'value'));
          return { k: 'ns', text: `${ctor.text}(${nsArgs.map(renderArg).join(', ')})` };
        }
        // `new Migration()` of a class of the project: an instance whose methods are the class's (`this` is the
        // instance when one is called on it); what its constructor sets is not followed (the object stays partial).
        if (ctor.k === 'obj') {
          for (const a of node.arguments) this.evalExpr(a, env, flow, usage);
          return { k: 'obj', props: new Map(ctor.props), partial: true };
        }
        // `new Promise((resolve, reject) => ...)`: the executor runs; its `reject` passes an error on to the promise
        // (`.then(next, reject)` forwards, it swallows nothing).
        const args = node.arguments.map((a) => this.evalExpr(a, env, flow, usage));
        const isPromise = ctor.k === 'global' && ctor.name === 'Promise';
        const rejector: Value = isPromise ? { k: 'global', name: PROMISE_REJECT } : UNKNOWN;
        for (const a of args) {
          if (a.k !== 'fn') continue;
          // `return new Promise((resolve) => { Promise.all([...]).then(resolve) })`: the steps are waited for.
          const first = a.node.params[0];
          const resolveName = isPromise && usage !== 'statement' && first?.type === 'Identifier' ? first.name : undefined;
          this.callFunction(a, [UNKNOWN, rejector], resolveName ? { ...flow, resolveName } : flow);
        }
        return UNKNOWN;
      }
      case 'ConditionalExpression': {
        const test = this.evalExpr(node.test, env, flow, 'awaited');
        const known = truthiness(test);
        if (known !== null && test.k !== 'probe') return this.evalExpr(known ? node.consequent : node.alternate, env, flow, usage);
        const polarity = testPolarity(node.test);
        const split = dialectsOfTest(node.test);
        const a = this.evalExpr(node.consequent, env, underDialects(flow, this.branchFlow(flow, test, node.test, polarity), split, 'then'), usage);
        const b = this.evalExpr(node.alternate, env, underDialects(flow, this.branchFlow(flow, test, node.test, flipPolarity(polarity)), split, 'else'), usage);
        return mergeProbes([test, a, b]) ?? UNKNOWN;
      }
      case 'LogicalExpression': {
        const left = this.evalExpr(node.left, env, flow, 'awaited');
        const outcome = left.k === 'probe' ? null : logicalOutcome(node.operator, truthiness(left), left.k === 'null' || left.k === 'undef');
        if (outcome) return outcome === 'left' ? left : this.evalExpr(node.right, env, flow, usage);
        // `process.env.TABLE_PREFIX || ''`: a prefix (or suffix) the deploy may set, empty by default. Every migration
        // of the project puts it on its names alike, so the names without it stand for the tables: `${prefix}builds`
        // is `builds` in each, known and equal across migrations. A variable with another fallback (`|| 'users'`)
        // may name any table: not a constant.
        if ((node.operator === '||' || node.operator === '??') && left.k === 'unknown' && isEnvRead(node.left)) {
          const right = this.evalExpr(node.right, env, flow, usage);
          if (right.k === 'str' && right.v === '') return right;
        }
        const split = node.operator === '??' ? null : dialectsOfTest(node.left);
        const polarity = node.operator === '&&' ? testPolarity(node.left) : node.operator === '||' ? flipPolarity(testPolarity(node.left)) : null;
        const rightFlow = this.branchFlow(flow, left, node.left, polarity);
        const right = this.evalExpr(node.right, env, underDialects(flow, rightFlow, split, node.operator === '&&' ? 'then' : 'else'), usage);
        return mergeProbes([left, right]) ?? UNKNOWN;
      }
      case 'UnaryExpression': {
        const arg = this.evalExpr(node.argument, env, flow, node.operator === 'void' ? 'statement' : 'awaited');
        if (arg.k === 'probe') return arg;
        if (node.operator === '!') {
          const t = truthiness(arg);
          return t === null ? UNKNOWN : { k: 'bool', v: !t };
        }
        if (node.operator === '-' && arg.k === 'num') return { k: 'num', v: -arg.v };
        if (node.operator === 'typeof') return UNKNOWN;
        return node.operator === 'void' ? UNDEF : UNKNOWN;
      }
      case 'BinaryExpression':
        return this.evalBinary(node, env, flow);
      case 'AssignmentExpression': {
        const right = this.evalExpr(node.right, env, flow, 'value');
        if (node.left.type === 'MemberExpression') this.assignMember(node.left, node.operator === '=' && !flow.conditional ? right : UNKNOWN, env, flow);
        if (node.left.type === 'Identifier' && flow.module.straightLets.has(node.left.name)) {
          // `table = 'b'` on a followed `let`: later reads see 'b'; under a condition or in a loop not unrolled, only the
          // variable is known (its name, as written where it is used: `up` and `down` computing `tableName` alike match).
          const binding = env.lookup(node.left.name);
          // `+=` / `-=` on a number (a chain's counter, `chainCounters` in extract-migration.ts): the sum.
          const before = node.operator === '=' ? null : isAssignable(binding) ? binding.get() : UNKNOWN;
          const value = node.operator === '=' ? right : before?.k === 'num' && right.k === 'num' && (node.operator === '+=' || node.operator === '-=') ? { k: 'num' as const, v: node.operator === '+=' ? before.v + right.v : before.v - right.v } : UNKNOWN;
          // `let exists = true; try { await qi.describeTable(t) } catch { exists = false }`: a flag set only where an
          // existence probe decided (its catch, an arm of a test on it) leaves the variable computed from that probe.
          const decided = flow.conditional && !flow.inLoop && isFlag(value) ? probeDeciding(flow) : null;
          if (isAssignable(binding)) binding.set(decided ?? (!flow.conditional && !flow.inLoop && value.k !== 'unknown' ? value : { k: 'unknown', text: node.left.name }));
        }
        return right;
      }
      case 'UpdateExpression': {
        // `index++` on a followed counter (`chainCounters` in extract-migration.ts): later reads see the new number.
        if (node.argument.type !== 'Identifier' || !flow.module.straightLets.has(node.argument.name)) return UNKNOWN;
        const binding = env.lookup(node.argument.name);
        if (!isAssignable(binding)) return UNKNOWN;
        const before = binding.get();
        const after: Value = before.k === 'num' && !flow.conditional && !flow.inLoop ? { k: 'num', v: before.v + (node.operator === '++' ? 1 : -1) } : { k: 'unknown', text: node.argument.name };
        binding.set(after);
        return node.prefix ? after : before;
      }
      case 'SequenceExpression': {
        let last: Value = UNDEF;
        node.expressions.forEach((e, i) => {
          last = this.evalExpr(e, env, flow, i === node.expressions.length - 1 ? usage : 'statement');
        });
        return last;
      }
      case 'TaggedTemplateExpression':
        node.quasi.expressions.forEach((e) => this.evalExpr(e, env, flow, 'awaited'));
        return UNKNOWN;
      case 'ClassExpression':
        return this.classValue(node, env, flow);
      default:
        return UNKNOWN;
    }
  }

  /** `obj.key = value` on an object or array we track: objects are shared by reference, as in JS. */
  private assignMember(left: TSESTree.MemberExpression, value: Value, env: Env, flow: Flow): void {
    const target = this.evalExpr(left.object, env, flow, 'value');
    const key = this.memberKey(left, env, flow);
    if (target.k === 'obj') {
      if (key === null) target.partial = true;
      else target.props.set(key, value);
    } else if (target.k === 'arr' && key !== null && /^\d+$/.test(key)) {
      target.items[Number(key)] = value;
    }
  }

  /** A class as an object of its methods (static and instance alike): `module.exports = class { async up() {} }`. */
  private classValue(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, env: Env, flow: Flow): Value {
    const props = new Map<string, Value>();
    let scope = env;
    const superClass = node.superClass;
    if (superClass) {
      // `super.attributes()` in a method reads the base class (imported from a project file too), on first use.
      scope = new Env(env);
      let cache: Value | undefined;
      scope.define('super', {
        get: () => {
          if (cache) return cache;
          const base = this.evalExpr(superClass, env, flow, 'value');
          cache = base.k === 'import' && base.path ? (this.importedValue(base, flow)?.value ?? base) : base;
          return cache;
        },
      });
    }
    for (const m of node.body.body) {
      if ((m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') || m.computed || m.key.type !== 'Identifier') continue;
      if (m.type === 'MethodDefinition') props.set(m.key.name, { k: 'fn', node: m.value as TSESTree.FunctionExpression, env: scope, module: flow.module });
      else if (m.value) props.set(m.key.name, this.evalExpr(m.value, scope, flow, 'value'));
    }
    return { k: 'obj', props, partial: true };
  }

  private evalRest(
    elements: TSESTree.ArrayExpression['elements'],
    env: Env,
    flow: Flow,
    usage: Usage,
    done: Value[],
  ): Value {
    // A spread of something unknown: evaluate the rest for its operations, the array is unknown.
    for (const el of elements.slice(done.length + 1)) if (el) this.evalExpr(el.type === 'SpreadElement' ? el.argument : el, env, flow, usage);
    return UNKNOWN;
  }

  private branchFlow(flow: Flow, test: Value, testNode: Node, when: RowPolarity | null): Flow {
    return withFrame(flow, test.k === 'probe' ? { type: 'probe', probe: test, line: testNode.loc.start.line, column: testNode.loc.start.column + 1, when } : null);
  }

  private evalObject(node: TSESTree.ObjectExpression, env: Env, flow: Flow, usage: Usage): Value {
    // Later keys win, as the fold merges them: a spread replaces the origins of the keys it copies.
    const origins = this.options.trackOrigins ? new Map<string, KeyOrigin>() : null;
    const { props, partial, locs } = foldObjectLiteral<Value>(node, {
      key: (p) => propertyKeyOf(p, (k) => asString(this.evalExpr(k, env, flow, 'awaited')) ?? nsKey(this.evalExpr(k, env, flow, 'awaited'))),
      spread: (arg) => {
        // An object a project module exports (`...dbConfig` of `import dbConfig from '@/config/db'`): its keys.
        const s = this.importedObject(this.evalExpr(arg, env, flow, usage), flow);
        // `...(cond ? {..} : undefined)`: spreading undefined, null, a boolean or a number adds no key.
        if (s.k === 'undef' || s.k === 'null' || s.k === 'bool' || s.k === 'num') return 'nothing';
        if (s.k !== 'obj') return null;
        if (origins) {
          for (const k of s.props.keys()) {
            const o = s.origins?.get(k);
            if (o) origins.set(k, o);
            else origins.delete(k);
          }
        }
        return s;
      },
      value: (p, key) => {
        origins?.set(key, { file: flow.module.file, loc: p.key.loc });
        const valueNode = p.value;
        if (p.kind === 'get' && (valueNode.type === 'FunctionExpression' || valueNode.type === 'ArrowFunctionExpression')) {
          // `get up() { return async (qi) => ... }`: the value is what the getter returns.
          return this.callFunction({ k: 'fn', node: valueNode, env, module: flow.module }, [], { ...flow, noOps: true });
        }
        if (p.kind === 'get' || p.kind === 'set') return UNKNOWN;
        if (valueNode.type === 'AssignmentPattern' || valueNode.type === 'ObjectPattern' || valueNode.type === 'ArrayPattern') return UNKNOWN;
        return this.evalExpr(valueNode as Expression, env, flow, usage);
      },
    });
    return origins ? { k: 'obj', props, partial, locs, origins } : { k: 'obj', props, partial, locs };
  }

  private evalTemplate(node: TSESTree.TemplateLiteral, env: Env, flow: Flow): Value {
    let holes = 0;
    const holeTexts: string[] = [];
    let nested = false;
    let fromProbe = false;
    const { text, exact } = foldTemplate(node, (e) => {
      // A constant a project module exports (`${ROLE}` of `const { ROLE } = require('../consts')`) is its text.
      const v = this.importedConstant(this.evalExpr(e, env, flow, 'awaited'), flow);
      if ((v.k === 'probe' && !v.rowsOnly) || (v.k === 'pstr' && v.fromProbe)) fromProbe = true;
      const s = asString(v) ?? dataTypeText(v);
      if (s !== null) return { text: s, exact: true };
      if (v.k === 'pstr') {
        // Its own holes are numbered from 0 too: no number says which expression it stands for.
        nested = true;
        return { text: v.text, exact: false };
      }
      holeTexts.push(this.text(e, flow));
      return { text: `migralint_hole_${holes++}`, exact: false };
    });
    if (exact) return str(text);
    const partial: Value = nested || holeTexts.length === 0 ? { k: 'pstr', text } : { k: 'pstr', text, holeTexts };
    if (fromProbe && partial.k === 'pstr') partial.fromProbe = true;
    return partial;
  }

  /**
   * A binary expression, and the left-deep chain below it (`'a' + b + 'c' + ...`) in one loop, left to right:
   * recursing once per operand would overflow the stack on a long concatenation that Node loads.
   */
  private evalBinary(node: TSESTree.BinaryExpression, env: Env, flow: Flow): Value {
    const chain = [node];
    let bottom = node.left;
    while (bottom.type === 'BinaryExpression') {
      this.step(bottom);
      chain.push(bottom);
      bottom = bottom.left;
    }
    // Constants a project module exports (`PREFIX + 'users'`) are folded as their values.
    let left = bottom.type === 'PrivateIdentifier' ? UNKNOWN : this.importedConstant(this.evalExpr(bottom, env, flow, 'awaited'), flow);
    for (let i = chain.length - 1; i >= 0; i--) left = this.foldBinaryValues(chain[i]!.operator, left, this.importedConstant(this.evalExpr(chain[i]!.right, env, flow, 'awaited'), flow));
    return left;
  }

  /** `left <operator> right` over two evaluated operands. */
  private foldBinaryValues(operator: TSESTree.BinaryExpression['operator'], left: Value, right: Value): Value {
    const probe = mergeProbes([left, right], [asString(left), asString(right)].filter((s): s is string => s !== null));
    if (probe) return probe;
    if (operator === '+') {
      const a = left.k === 'pstr' ? left.text : asString(left);
      const b = right.k === 'pstr' ? right.text : asString(right);
      if (left.k === 'num' && right.k === 'num') return { k: 'num', v: left.v + right.v };
      if (a !== null && b !== null) return left.k === 'pstr' || right.k === 'pstr' ? { k: 'pstr', text: a + b } : str(a + b);
      if (isStringLike(left) || isStringLike(right)) {
        return { k: 'pstr', text: (a ?? 'migralint_hole_l') + (b ?? 'migralint_hole_r') };
      }
      return UNKNOWN;
    }
    if (left.k === 'num' && right.k === 'num') {
      // Arithmetic and comparison fold on numbers only; equality below folds on any primitives.
      const folded = foldBinary(operator, left.v, right.v);
      if (folded !== NOT_STATIC) return fromPrimitive(folded);
    }
    if (['===', '==', '!==', '!='].includes(operator)) {
      const eq = staticEquals(left, right);
      if (eq === null) return UNKNOWN;
      return { k: 'bool', v: operator.startsWith('!') ? !eq : eq };
    }
    return UNKNOWN;
  }

  private lookup(name: string, env: Env, flow: Flow): Value {
    const b = env.lookup(name);
    if (b) return b.get();
    const constant = globalConstant(name);
    if (constant) return constant;
    if (name === '__dirname') return str(flow.module.dirname);
    if (KNOWN_GLOBALS.has(name) || name === 'require' || name === 'module' || name === 'exports') return { k: 'global', name };
    void flow;
    return { k: 'unknown', text: name };
  }

  private memberKey(node: TSESTree.MemberExpression, env: Env, flow: Flow): string | null {
    return memberKeyOf(node, (k) => {
      const v = this.evalExpr(k, env, flow, 'awaited');
      // `db[names.multipleRows]`, the key a constant of another module of the project (`{ multipleRows: 'multipleRows' }`).
      return asString(v.k === 'import' && v.relative && v.path ? (this.importedValue(v, flow)?.value ?? v) : v);
    });
  }

  /** Property access on an abstract value. */
  private member(obj: Value, key: string | null, text: string): Value {
    switch (obj.k) {
      case 'obj':
      case 'arr':
      case 'str':
        return key === null ? { k: 'unknown', text } : dataMember<Value>(obj, key, () => ({ k: 'unknown', text }))!;
      case 'qi':
        // `qi.sequelize`, and the umzug shapes: `{ context }`, `utils.queryInterface`.
        if (key === 'sequelize') return { k: 'seq' };
        if (key === 'context' || key === 'queryInterface' || key === 'qi') return { k: 'qi' };
        if (key === 'Sequelize' || key === 'DataTypes') return { k: 'ns', text: '' };
        return { k: 'unknown', text };
      case 'seq':
        if (key === 'queryInterface') return { k: 'qi' };
        if (key === 'Sequelize' || key === 'constructor') return { k: 'ns', text: '' };
        return { k: 'unknown', text };
      case 'ns':
        if (key === null) return { k: 'unknown', text };
        if (key === 'DataTypes' || key === 'Sequelize' || key === 'default') return obj;
        return { k: 'ns', text: obj.text ? `${obj.text}.${key}` : key };
      case 'probe':
        return key !== null && key !== 'length' ? { ...obj, mentions: new Set([...obj.mentions, key]) } : obj;
      case 'import':
        if (SEQUELIZE_MODULES.has(obj.spec)) return this.member({ k: 'ns', text: '' }, key, text);
        return { ...obj, path: obj.path ? `${obj.path}.${key ?? '?'}` : key ?? '?' };
      case 'global':
        if (obj.name === 'process' && key !== null) {
          const read = readProcess(this.environment, key);
          if (read.kind === 'env') return { k: 'global', name: 'process.env' };
          if (read.kind === 'argv') return { k: 'arr', items: read.argv.map((a) => str(a)) };
          return { k: 'unknown', text };
        }
        if (obj.name === 'process.env' && key !== null) {
          const read = readVariable(this.environment, key);
          if (read.kind === 'set') return str(read.value);
          return read.kind === 'unset' ? UNDEF : { k: 'unknown', text };
        }
        // `const { resolve } = require('path')`: keep the function so a later call can be evaluated.
        if (obj.name === 'path' && key !== null) return { k: 'global', name: `path.${key}` };
        if (obj.name === 'url' && key === 'fileURLToPath') return { k: 'global', name: 'url.fileURLToPath' };
        if (obj.name === 'module' && key === 'exports') return { k: 'unknown', text };
        return { k: 'unknown', text };
      default:
        return { k: 'unknown', text };
    }
  }

  // ---------------------------------------------------------------------------
  // Calls

  private evalCall(node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    const callee = node.callee;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
      const method = callee.property.name;
      // Promise chains: the rejection handler guards the receiver's operations.
      if (method === 'catch' || method === 'then' || method === 'finally') {
        return this.evalPromiseChain(node, callee, method, env, flow, usage);
      }
    }
    if (callee.type === 'Super') return UNKNOWN;

    const applied = this.appliedQueryInterfaceCall(node, env, flow, usage);
    if (applied) return applied;

    let receiver: Value | null = null;
    let method: string | null = null;
    if (callee.type === 'MemberExpression') {
      receiver = this.evalExpr(callee.object, env, flow, 'awaited');
      method = this.memberKey(callee, env, flow);
      // `db.sequelize.query(...)` where `db` is the models' index a migration requires: the connection that module makes.
      if (receiver.k === 'import' && receiver.relative && receiver.path !== '') {
        const held = this.importedValue(receiver, flow)?.value;
        if (held?.k === 'seq' || held?.k === 'qi') receiver = held;
      }
    }

    // Database calls (their callee value is never needed: computed below only for the rest).
    if (receiver?.k === 'qi' && method === null) {
      this.evalArgs(node, env, flow);
      this.emitUnresolved(node, flow, usage, 'the queryInterface method name is not a constant');
      return UNKNOWN;
    }
    if (receiver?.k === 'qi' && method !== null) return this.queryInterfaceCall(method, node, env, flow, usage, callee.type === 'MemberExpression' ? this.commandAt(callee, env, flow) : undefined);
    if (receiver?.k === 'seq' && method !== null) return this.sequelizeCall(method, node, env, flow, usage);
    if (receiver?.k === 'model' && method !== null) return this.modelCall(receiver, method, node, env, flow, usage);
    if (receiver?.k === 'tx') {
      this.evalArgs(node, env, flow);
      return UNKNOWN;
    }
    // `conn.getQueryInterface()` on a value migralint cannot trace (umzug's `context: { conn }`, a connection a helper
    // returns): only a Sequelize instance has that method (hold-out 100).
    if ((receiver?.k === 'unknown' || (receiver?.k === 'import' && !SEQUELIZE_MODULES.has(receiver.spec))) && method === 'getQueryInterface' && node.arguments.length === 0) return { k: 'qi' };
    const calleeValue =
      callee.type === 'MemberExpression'
        ? this.member(receiver!, method, this.text(callee, flow))
        : this.evalExpr(callee, env, flow, 'awaited');

    // Local functions are followed.
    if (calleeValue.k === 'fn') {
      const args = this.evalArgs(node, env, flow);
      // The promise a helper returns (or its own async work) is dropped when it is called as a statement.
      const f = usage === 'statement' ? { ...flow, detached: true } : flow;
      return this.callFunction(calleeValue, args, f, receiver ?? undefined, node);
    }
    if (receiver?.k === 'fn' && (method === 'call' || method === 'apply')) {
      const args = this.evalArgs(node, env, flow).slice(1);
      const spread = method === 'apply' && args[0]?.k === 'arr' ? args[0].items : args;
      return this.callFunction(receiver, spread, flow, undefined, node);
    }

    if (calleeValue.k === 'global' && calleeValue.name.startsWith('path.')) {
      return pathCall(calleeValue.name.slice('path.'.length), this.evalArgs(node, env, flow));
    }
    if (calleeValue.k === 'global' && calleeValue.name === 'url.fileURLToPath') {
      // `fileURLToPath(import.meta.url)`: the module's path, as `import.meta.url` holds it.
      const arg = node.arguments[0] ? asString(this.evalExpr(node.arguments[0], env, flow, 'awaited')) : null;
      return arg !== null && arg.startsWith('file://') ? str(arg.slice('file://'.length)) : UNKNOWN;
    }
    // `setTimeout(migrate, 100, queryInterface)`: the callback runs later with the arguments after the delay, and nothing
    // waits for it (its steps float: the migration is recorded as done before they run).
    if (calleeValue.k === 'global' && (calleeValue.name === 'setTimeout' || calleeValue.name === 'setImmediate')) {
      const args = this.evalArgs(node, env, flow);
      const callback = args[0];
      const inTimer = { call: calleeValue.name, line: node.loc.start.line };
      if (callback?.k === 'fn') this.callFunction(callback, calleeValue.name === 'setTimeout' ? args.slice(2) : args.slice(1), { ...flow, detached: true, inTimer }, undefined, node);
      return UNKNOWN;
    }
    if (calleeValue.k === 'global' && calleeValue.name === 'require') {
      const arg = node.arguments[0] ? asString(this.evalExpr(node.arguments[0], env, flow, 'awaited')) : null;
      return arg === null ? UNKNOWN : importValue(arg, '');
    }

    if (method !== null && receiver && isBluebird(receiver)) {
      const r = this.bluebirdCall(method, node, env, flow, usage);
      if (r) return r;
    }
    // `tables.forEach((columns, table) => ...)` over a Map: its callback runs, as over anything migralint cannot list.
    if (receiver?.k === 'global' && isCollection(receiver) && method !== null && ARRAY_ITERATION.has(method)) return this.iterateUnknown(node, env, flow, usage, UNKNOWN);
    if (receiver?.k === 'global' && method !== null) return this.globalCall(receiver.name, method, node, env, flow, usage);
    if (receiver?.k === 'ns' && method !== null) {
      // `Sequelize.query(sql)` on the class sequelize-cli passes as `up`'s second argument (or the module required):
      // an instance method the class lacks, so the call throws before it sends anything.
      if (receiver.text === '' && SEQUELIZE_INSTANCE_ONLY.has(method)) {
        this.evalArgs(node, env, flow);
        // The TypeError is thrown where the call is made: it fails the function around it whether or not anything awaits
        // the call's result, so the call does not float (a function nothing waits for still swallows it).
        this.emitUnresolved(node, flow, 'awaited', `${this.calleeText(node, flow)} is not a method of the Sequelize class (an instance method: \`queryInterface.sequelize.${method}\`)`, { notAMethod: method, notAMethodOf: 'class' });
        return UNKNOWN;
      }
      const args = this.evalArgs(node, env, flow);
      const path = receiver.text ? `${receiver.text}.${method}` : method;
      return { k: 'ns', text: `${path}(${args.map(renderArg).join(', ')})` };
    }
    if (receiver && method !== null && (receiver.k === 'arr' || receiver.k === 'str' || receiver.k === 'probe' || receiver.k === 'obj')) {
      const r = this.builtinMethod(receiver, method, node, env, flow, usage);
      if (r) return r;
    }
    if (receiver?.k === 'unknown' && method !== null && ARRAY_ITERATION.has(method)) {
      // Iterating something we cannot see: walk the callback once, as a loop.
      return this.iterateUnknown(node, env, flow, usage, receiver);
    }

    // Imports: follow relative helpers (`importLevels` deep), otherwise report what may touch the database.
    const importTarget = calleeValue.k === 'import' ? calleeValue : null;
    const args = this.evalArgs(node, env, flow);
    if (importTarget) return this.importCall(importTarget, node, args, flow, usage);
    const passesDb = args.some((a) => a.k === 'qi' || a.k === 'seq' || a.k === 'tx');
    if (passesDb) {
      this.emitUnresolved(node, flow, usage, `calls ${this.calleeText(node, flow)}, which migralint cannot follow, with the queryInterface`);
    }
    // Callbacks handed to unknown code may run: walk them, as conditional.
    for (const a of args) if (a.k === 'fn') this.callFunction(a, [UNKNOWN, UNKNOWN], { ...flow, conditional: true });
    return passesDb ? UNKNOWN : mergeProbes([receiver ?? UNKNOWN, ...args]) ?? UNKNOWN;
  }

  private evalArgs(node: TSESTree.CallExpression, env: Env, flow: Flow): Value[] {
    const out: Value[] = [];
    for (const a of node.arguments) {
      if (a.type === 'SpreadElement') {
        const s = this.evalExpr(a.argument, env, flow, 'awaited');
        if (s.k === 'arr') out.push(...s.items);
        else out.push(UNKNOWN);
      } else out.push(this.importedConstant(this.evalExpr(a, env, flow, 'value'), flow));
    }
    return out;
  }

  private evalPromiseChain(
    node: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: 'catch' | 'then' | 'finally',
    env: Env,
    flow: Flow,
    usage: Usage,
  ): Value {
    const handlerNode = method === 'catch' ? node.arguments[0] : method === 'then' ? node.arguments[1] : undefined;
    const handler = handlerNode && handlerNode.type !== 'SpreadElement' ? this.evalExpr(handlerNode, env, flow, 'value') : null;
    let receiverFlow = flow;
    // A promise executor's `reject` passes the error on: no guard.
    const forwards = handler?.k === 'global' && handler.name === PROMISE_REJECT;
    if (handler && !forwards && handler.k !== 'fn' && handler.k !== 'undef' && handler.k !== 'null') {
      // `.catch(console.error)`, `.catch(logger.warn)`: a function that logs and returns: every error is swallowed.
      const at = callee.property.loc.start;
      const frame: GuardFrame = { type: 'catch', kind: 'catch-all', detail: 'handler never rethrows', line: at.line, column: at.column + 1 };
      if (flow.importSite) frame.inHelper = true;
      receiverFlow = { ...flow, guards: [...flow.guards, frame] };
    }
    if (handler?.k === 'fn') {
      const body = handler.node.body;
      if (body) {
        const param = handler.node.params[0];
        const cls = classifyCatch(body as TSESTree.BlockStatement | Expression, handler.module.source, param?.type === 'Identifier' ? param.name : null);
        if (cls.kind) {
          const at = callee.property.loc.start;
          const frame: GuardFrame = { type: 'catch', kind: cls.kind, line: at.line, column: at.column + 1 };
          if (cls.detail !== undefined) frame.detail = cls.detail;
          if (flow.importSite) frame.inHelper = true;
          if (cls.kind === 'catch-all' && flow.resolveName !== undefined && !callsName(body, flow.resolveName)) frame.hangs = flow.resolveName;
          receiverFlow = { ...flow, guards: [...flow.guards, frame] };
        }
      }
    }
    const receiver = this.evalExpr(callee.object, env, receiverFlow, usage);
    // A receiver that is not a promise we understand (an array's `then`?) still gets its callbacks walked.
    const onFulfilled = method === 'then' && node.arguments[0] && node.arguments[0].type !== 'SpreadElement'
      ? this.evalExpr(node.arguments[0], env, flow, 'awaited')
      : null;
    let result: Value = receiver;
    if (onFulfilled?.k === 'fn') {
      const f = usage === 'statement' ? { ...flow, detached: true } : flow;
      // `.then(next)` inside `next` itself, on no condition migralint cannot decide: the next round of a loop written as
      // a chain (sequelize-auto-migrations: `if (index < commands.length) { ...; index++; qi[c.fn].apply(qi, c.params).then(next, reject) }`).
      // It runs after this round, not inside it: followed from the frame `next` was first called in, as many rounds as
      // a loop is unrolled.
      const first = f.stack.indexOf(onFulfilled.node);
      if (first >= 0 && !f.conditional && (this.rounds.get(onFulfilled.node) ?? 0) < MAX_UNROLL) {
        this.rounds.set(onFulfilled.node, (this.rounds.get(onFulfilled.node) ?? 0) + 1);
        result = this.callFunction(onFulfilled, [], { ...f, stack: f.stack.slice(0, first) }, undefined, node);
      } else result = this.callFunction(onFulfilled, [receiver], f, undefined, node);
      // `describeTable(t).then(() => 'Projects')`: a true constant where the probe finds its object (it rejects where
      // not): still the probe's answer, naming the constant (hold-out 100: `if (exists) return` before the createTable).
      if (receiver.k === 'probe' && (result.k === 'str' || result.k === 'num' || result.k === 'bool') && truthiness(result) === true) result = { ...receiver, resolves: result };
    }
    if (handler?.k === 'fn') {
      const fallback = this.callFunction(handler, [UNKNOWN], { ...flow, conditional: true });
      // `.catch(() => null)` keeps that answer (false where the probe rejected); a true fallback loses it.
      if (method === 'catch' && result.k === 'probe' && result.resolves && truthiness(fallback) !== false) result = UNKNOWN;
    }
    if (method === 'finally') {
      const cb = node.arguments[0] && node.arguments[0].type !== 'SpreadElement' ? this.evalExpr(node.arguments[0], env, flow, 'awaited') : null;
      if (cb?.k === 'fn') this.callFunction(cb, [], flow);
    }
    return result;
  }

  private iterateUnknown(node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage, receiver: Value): Value {
    const args = this.evalArgs(node, env, flow);
    const cb = args[0];
    if (cb?.k === 'fn') {
      const loopFlow: Flow = {
        ...flow,
        inLoop: true,
        detached: flow.detached || (usage === 'statement' && isAsync(cb.node)),
      };
      this.callFunction(cb, [receiver.k === 'probe' ? receiver : UNKNOWN, UNKNOWN, UNKNOWN], loopFlow);
    }
    return UNKNOWN;
  }

  /**
   * `items.map(cb)` and the other callbacks over an array we can see: the callback runs once per item
   * (unrolled), or once as a loop over more than MAX_UNROLL items. `forEach` is `each`, as Bluebird names it.
   */
  private iterate(items: Value[], receiver: Value, method: string, cb: Value, flow: Flow, usage: Usage): Value {
    if (cb.k !== 'fn') return UNKNOWN;
    // `forEach(async ...)` and a `map` whose promises nobody awaits lose their results.
    const detached = flow.detached || ((method === 'forEach' || usage === 'statement') && isAsync(cb.node));
    const f: Flow = { ...flow, detached };
    if (items.length > MAX_UNROLL) {
      this.callFunction(cb, [UNKNOWN, UNKNOWN, receiver], { ...f, inLoop: true });
      return UNKNOWN;
    }
    // An item pushed under a condition: its call may not happen (and what `map` makes of it is not known).
    const results = items.map((item, i) => {
      const real = MAYBE_ITEMS.get(item);
      if (real === undefined) return this.callFunction(cb, [item, { k: 'num', v: i }, receiver], f);
      this.callFunction(cb, [real.value, { k: 'num', v: i }, receiver], pushedItemFlow(f, real.guards));
      return UNKNOWN;
    });
    if (method === 'map') return { k: 'arr', items: results };
    if (method === 'flatMap') return { k: 'arr', items: results.flatMap((r) => (r.k === 'arr' ? r.items : [r])) };
    if (method === 'filter') {
      const kept: Value[] = [];
      for (let i = 0; i < items.length; i++) {
        const t = truthiness(results[i]!);
        if (t === null) return UNKNOWN;
        if (t) kept.push(items[i]!);
      }
      return { k: 'arr', items: kept };
    }
    return method === 'forEach' ? UNDEF : mergeProbes(results) ?? UNKNOWN;
  }

  /**
   * Bluebird's collection helpers (`const Promise = require('bluebird')`, Sequelize 4's `Sequelize.Promise`):
   * `Promise.map(items, fn)` and `mapSeries` run `fn` on each item, `each` too (in order, keeping the items),
   * `filter` keeps the items whose promise resolves truthy, `all` is the native `Promise.all`. `map`'s calls
   * run concurrently, but each is awaited before Bluebird resolves, so none floats.
   */
  private bluebirdCall(method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value | null {
    if (method === 'all') return this.globalCall('Promise', 'all', node, env, flow, usage);
    const kind = BLUEBIRD_COLLECTION.get(method);
    if (!kind) return null;
    const [list, fn] = node.arguments;
    if (!list || !fn || list.type === 'SpreadElement' || fn.type === 'SpreadElement') return null;
    const items = this.evalExpr(list, env, flow, 'awaited');
    const cb = this.evalExpr(fn, env, flow, 'awaited');
    // `each` awaits every call in turn: its callbacks do not float even when they are async. `map` and `filter` run
    // them at once.
    const f = { ...flow, ...(usage === 'statement' ? { detached: true } : {}), ...(method === 'map' || method === 'filter' ? { concurrent: true } : {}) };
    if (items.k !== 'arr') {
      if (cb.k === 'fn') this.callFunction(cb, [UNKNOWN, UNKNOWN, UNKNOWN], { ...f, inLoop: true });
      return UNKNOWN;
    }
    const result = this.iterate(items.items, items, kind, cb, f, 'awaited');
    return method === 'each' ? items : result;
  }

  private builtinMethod(receiver: Value, method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value | null {
    if (receiver.k === 'probe') {
      // Anything computed from a probe stays a probe; string arguments, and the strings a
      // callback compares it with (`indexes.some((i) => i.name === 'x')`), are what it is tested against.
      const args = this.evalArgs(node, env, flow);
      const results: Value[] = [receiver, ...args];
      for (const a of args) {
        // `(await qi.showAllTables()).map((t) => ...)`: one call per row we cannot see.
        if (a.k === 'fn') results.push(this.callFunction(a, [receiver, UNKNOWN], { ...flow, inLoop: true }, undefined, node));
      }
      return mergeProbes(results, args.map(asString).filter((s): s is string => s !== null));
    }
    if (receiver.k === 'str') {
      // `sql.replace(/\s+/g, ' ')`: a regular expression literal the evaluators can apply safely (see `foldRegexReplace`).
      const pattern = node.arguments[0];
      if ((method === 'replace' || method === 'replaceAll') && pattern?.type === 'Literal' && 'regex' in pattern && pattern.regex) {
        const replacement = node.arguments[1] ? asString(this.evalExpr(node.arguments[1] as Expression, env, flow, 'value')) : null;
        const folded = replacement === null ? null : foldRegexReplace(receiver.v, pattern.regex.pattern, pattern.regex.flags, replacement, method === 'replaceAll');
        return folded === null ? UNKNOWN : str(folded);
      }
      const folded = foldStringMethod(receiver.v, method, this.evalArgs(node, env, flow).map(asString));
      if (folded === NOT_STATIC) return UNKNOWN;
      return Array.isArray(folded) ? { k: 'arr', items: folded.map(str) } : fromPrimitive(folded);
    }
    if (receiver.k === 'obj') return null;
    if (receiver.k !== 'arr') return null;
    const items = receiver.items;
    switch (method) {
      case 'map':
      case 'forEach':
      case 'flatMap':
      case 'filter':
      case 'some':
      case 'every':
      case 'find': {
        const cb = node.arguments[0] ? this.evalExpr(node.arguments[0] as Expression, env, flow, 'awaited') : UNKNOWN;
        return this.iterate(items, receiver, method, cb, flow, usage);
      }
      case 'reduce': {
        const cb = node.arguments[0] ? this.evalExpr(node.arguments[0] as Expression, env, flow, 'awaited') : UNKNOWN;
        let acc = node.arguments[1] ? this.evalExpr(node.arguments[1] as Expression, env, flow, 'awaited') : items[0] ?? UNDEF;
        if (cb.k !== 'fn') return UNKNOWN;
        if (items.length > MAX_UNROLL) {
          this.callFunction(cb, [UNKNOWN, UNKNOWN, UNKNOWN], { ...flow, inLoop: true }, undefined, node);
          return UNKNOWN;
        }
        const start = node.arguments[1] ? 0 : 1;
        for (let i = start; i < items.length; i++) acc = this.callFunction(cb, [acc, items[i]!, { k: 'num', v: i }], flow, undefined, node);
        return acc;
      }
      case 'push':
      case 'unshift': {
        // Arrays are shared by reference, as in JS. A push that may not happen adds an element we cannot name, except
        // to a loop over the array, which runs that item's iteration as conditional (`if (!info.avatar) cols.push([...])`
        // then `for (const [name, def] of cols) addColumn(t, name, def)`; hold-out 87).
        const added = this.evalArgs(node, env, flow).map((v) => {
          if (!flow.conditional) return v;
          const placeholder: Value = { k: 'unknown' };
          MAYBE_ITEMS.set(placeholder, { value: v, guards: flow.guards });
          return placeholder;
        });
        if (method === 'push') items.push(...added);
        else items.unshift(...added);
        return { k: 'num', v: items.length };
      }
      case 'includes': {
        const a = node.arguments[0] ? this.evalExpr(node.arguments[0] as Expression, env, flow, 'awaited') : UNDEF;
        const eqs = items.map((i) => staticEquals(i, a));
        if (eqs.some((e) => e === true)) return { k: 'bool', v: true };
        return eqs.every((e) => e === false) ? { k: 'bool', v: false } : UNKNOWN;
      }
      case 'join': {
        const sep = node.arguments[0] ? asString(this.evalExpr(node.arguments[0] as Expression, env, flow, 'awaited')) : ',';
        const parts = items.map((i) => (i.k === 'pstr' ? i.text : asString(i)));
        if (sep === null || parts.some((p) => p === null)) return UNKNOWN;
        const joined = parts.join(sep);
        return items.some((i) => i.k === 'pstr') ? { k: 'pstr', text: joined } : str(joined);
      }
      case 'concat': {
        const args = this.evalArgs(node, env, flow);
        const out = [...items];
        for (const a of args) {
          if (a.k === 'arr') out.push(...a.items);
          else out.push(a);
        }
        return { k: 'arr', items: out };
      }
      case 'slice': {
        const args = this.evalArgs(node, env, flow);
        const a = args[0]?.k === 'num' ? args[0].v : 0;
        const b = args[1]?.k === 'num' ? args[1].v : undefined;
        return { k: 'arr', items: items.slice(a, b) };
      }
      case 'reverse':
        return { k: 'arr', items: [...items].reverse() };
      case 'entries':
        return { k: 'arr', items: items.map((v, i) => ({ k: 'arr', items: [{ k: 'num', v: i }, v] })) };
      default:
        return null;
    }
  }

  private globalCall(name: string, method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    if (name === 'Promise') {
      if (method === 'all' || method === 'allSettled' || method === 'race' || method === 'any') {
        // `Promise.allSettled([...])` never rejects: its calls' errors are discarded (a catch-all), unless the function
        // reads the rejections and throws after it.
        const fn = flow.stack[flow.stack.length - 1];
        const settles = method === 'allSettled' && !rethrowsSettledRejections(node, fn?.body ?? null);
        const at = node.callee.loc.start;
        const settled: GuardFrame = { type: 'catch', kind: 'catch-all', detail: SETTLES_ALL, line: at.line, column: at.column + 1, depth: flow.stack.length };
        if (settles && flow.importSite) settled.inHelper = true;
        const v = this.promiseAllOf(node, env, settles ? { ...flow, guards: [...flow.guards, settled] } : flow, usage);
        // `Promise.all([a], [b])`: the calls of the arguments past the first run all the same (after the first's, in
        // argument order), and nothing waits for them.
        for (const extra of node.arguments.slice(1)) this.evalExpr(extra.type === 'SpreadElement' ? extra.argument : extra, env, { ...flow, concurrent: true, detached: true }, 'value');
        return v;
      }
      if (method === 'resolve') {
        const arg = node.arguments[0];
        return arg && arg.type !== 'SpreadElement' ? this.evalExpr(arg, env, flow, usage) : UNDEF;
      }
      this.evalArgs(node, env, flow);
      return UNKNOWN;
    }
    return this.nonPromiseGlobalCall(name, method, node, env, flow);
  }

  /** The first argument of `Promise.all` (and its kin): its calls run at once; its value when it is a known list. */
  private promiseAllOf(node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    const arg = node.arguments[0];
    if (!arg || arg.type === 'SpreadElement') return UNKNOWN;
    const list = ++this.raceLists;
    // Each element of a list written out is a branch of its own; the calls of a list built otherwise (a `.map`) run
    // at once too, but which of them share a branch is not known (`?`).
    const branch = (at: number | '?'): readonly string[] => [...(flow.race ?? []), `${list}:${at}`];
    const atOnce: Flow = { ...flow, concurrent: true, race: branch('?'), ...(usage === 'statement' ? { detached: true } : {}) };
    // `Promise.all([await a(), await b()])`: each element awaited where the array is built runs alone and is
    // waited for there, one after the other, whatever becomes of the Promise.all of the results.
    if (arg.type === 'ArrayExpression' && arg.elements.some((e) => e?.type === 'AwaitExpression')) {
      const items: Value[] = [];
      let whole = true;
      for (const e of arg.elements) {
        if (!e) continue;
        if (e.type === 'SpreadElement') {
          this.evalExpr(e.argument, env, atOnce, 'awaited');
          whole = false;
          continue;
        }
        items.push(this.evalExpr(e, env, e.type === 'AwaitExpression' ? flow : atOnce, 'awaited'));
      }
      return whole ? { k: 'arr', items } : UNKNOWN;
    }
    if (arg.type === 'ArrayExpression' && !arg.elements.some((e) => e?.type === 'SpreadElement')) {
      const items = arg.elements.map((e, at) => (e ? this.evalExpr(e, env, { ...atOnce, race: branch(at) }, 'awaited') : UNDEF));
      return { k: 'arr', items };
    }
    const v = this.evalExpr(arg, env, atOnce, 'awaited');
    return v.k === 'arr' ? v : UNKNOWN;
  }

  /** A call of a global other than `Promise` (`path`, `process`, `Object`, ...). */
  private nonPromiseGlobalCall(name: string, method: string, node: TSESTree.CallExpression, env: Env, flow: Flow): Value {
    const args = this.evalArgs(node, env, flow);
    if (name === 'path') return pathCall(method, args);
    if (name === 'process' && method === 'cwd' && this.environment.cwd !== null) return str(this.environment.cwd);
    if (name === 'Object') {
      const o = args[0];
      if (OBJECT_IDENTITY_METHODS.has(method) && o) return o;
      if (o?.k === 'probe') return o;
      if (o?.k === 'obj' && !o.partial) {
        if (method === 'keys') return { k: 'arr', items: [...o.props.keys()].map(str) };
        if (method === 'values') return { k: 'arr', items: [...o.props.values()] };
        if (method === 'entries') return { k: 'arr', items: [...o.props].map(([k, v]) => ({ k: 'arr', items: [str(k), v] })) };
      }
      if (method === 'assign' && args.every((a) => a.k === 'obj')) return { k: 'obj', ...assignObjects(args as Extract<Value, { k: 'obj' }>[]) };
      const p = mergeProbes(args, args.map(asString).filter((s): s is string => s !== null));
      return p ?? UNKNOWN;
    }
    if (name === 'Array' && method === 'isArray') return args[0]?.k === 'arr' ? { k: 'bool', v: true } : UNKNOWN;
    if (name === 'Array' && method === 'from' && args[0]?.k === 'arr') return args[0];
    return mergeProbes(args) ?? UNKNOWN;
  }

  private importCall(
    target: Extract<Value, { k: 'import' }>,
    node: TSESTree.CallExpression,
    args: Value[],
    flow: Flow,
    usage: Usage,
  ): Value {
    const helper = this.resolveImport(target, flow);
    if (helper) {
      const site = flow.importSite ?? { node, callee: this.calleeText(node, flow), via: `${helper.displayPath}:${helper.fn.node.loc.start.line}` };
      // A method of an object the module exports (`Migration.alterColumn(...)` of `module.exports = new Migration()`):
      // `this` is that object.
      const dot = target.path.lastIndexOf('.');
      const receiver = target.path === '' ? undefined : this.importedValue({ ...target, path: dot < 0 ? '' : target.path.slice(0, dot) }, flow)?.value;
      return this.callFunction(helper.fn, args, { ...flow, importSite: site }, receiver);
    }
    const passesDb = args.some((a) => a.k === 'qi' || a.k === 'seq' || a.k === 'tx');
    // Application code (../models, ../db) called from a migration talks to the database.
    const appCode = target.relative && usage === 'awaited' && !flow.noOps;
    if (passesDb || appCode) {
      const why = passesDb
        ? `calls ${this.calleeText(node, flow)} from '${target.spec}' with the queryInterface; migralint does not follow it`
        : `calls application code ${this.calleeText(node, flow)} from '${target.spec}', which migralint does not run`;
      const op = this.emitUnresolved(node, flow, usage, why);
      // `sequelize.sync()` of the instance the application exports, `db.User.sync()` of one of its models.
      const path = target.path.split('.');
      if (path.length >= 2 && path[path.length - 1] === 'sync') {
        const owner = path[path.length - 2]!;
        if (/^sequelize$/i.test(owner)) op.modelSync = syncOptions(args[0]);
        else if (/^[A-Z]/.test(owner)) op.modelSync = { model: owner, ...syncOptions(args[0]) };
        // `roles.roles.sync()` of a module exporting `{ roles: sequelize.define('roles', ...) }`: a model only if the
        // project defines one by that name (an instance can be held under a lower-case key too).
        else if (/^[A-Za-z_$][\w$]*$/.test(owner)) op.modelSync = { model: owner, ...syncOptions(args[0]), byKey: true };
      }
    }
    for (const a of args) if (a.k === 'fn') this.callFunction(a, [UNKNOWN, UNKNOWN], { ...flow, conditional: true });
    return UNKNOWN;
  }

  private resolveImport(
    target: Extract<Value, { k: 'import' }>,
    flow: Flow,
  ): { fn: Extract<Value, { k: 'fn' }>; displayPath: string } | null {
    const found = this.importedValue(target, flow);
    return found?.value.k === 'fn' ? { fn: found.value, displayPath: found.displayPath } : null;
  }

  /** What a project module exports under the import's path (`Settings.NAME` of `import { Settings } from '../models/settings'`). */
  private importedValue(target: Extract<Value, { k: 'import' }>, flow: Flow): { value: Value; displayPath: string } | null {
    const loaded = target.relative ? this.loadRelative(flow.module, target.spec) : null;
    if (!loaded) return null;
    let v = this.moduleExports(loaded.ast, loaded.context);
    const path = target.path ? target.path.split('.') : [];
    for (const key of path) {
      if (key === 'default' && v.k === 'obj' && !v.props.has('default')) continue;
      v = this.member(v, key, key);
    }
    // What that module itself imports (`static NAME = tableName` with `tableName` from `./shared`), followed from there.
    if (v.k === 'import' && v.relative) return this.importedValue(v, { ...flow, module: loaded.context }) ?? { value: v, displayPath: loaded.displayPath };
    return { value: v, displayPath: loaded.displayPath };
  }

  /** An object a project module exports (a shared options object spread into another), else the value as it is. */
  private importedObject(v: Value, flow: Flow): Value {
    if (v.k !== 'import') return v;
    const found = this.importedValue(this.options.bareImports ? { ...v, relative: true } : v, flow)?.value;
    return found?.k === 'obj' ? found : v;
  }

  /** A constant a project module exports (a table name kept as `static NAME = 'settings'` on a model class), else the import as it is. */
  private importedConstant(v: Value, flow: Flow): Value {
    if (v.k !== 'import' || !v.path) return v;
    const found = this.importedValue(v, flow)?.value;
    return found && (found.k === 'str' || found.k === 'num') ? found : v;
  }

  // ---------------------------------------------------------------------------
  // Database calls

  /**
   * `queryInterface[command.fn].apply(queryInterface, command.params)` (the runner loop sequelize-auto-migrations
   * writes into every migration it generates) and `queryInterface[name].call(queryInterface, ...args)`: the method
   * the key names, with the arguments the array holds. Null for any other call.
   */
  private appliedQueryInterfaceCall(node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value | null {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
    const how = callee.property.name;
    const target = callee.object;
    if ((how !== 'apply' && how !== 'call') || target.type !== 'MemberExpression') return null;
    // Only a plain path (`queryInterface`, `context.queryInterface`) is evaluated here: one that calls something would run
    // twice when the call turns out to be another one.
    if (!isPlainPath(target.object) || this.evalExpr(target.object, env, flow, 'value').k !== 'qi') return null;
    const method = this.memberKey(target, env, flow);
    if (method === null || method === 'query' || !QUERY_INTERFACE_METHODS[method]) return null;
    const args = this.evalArgs(node, env, flow).slice(1);
    const spread = how === 'call' ? args : args[0]?.k === 'arr' ? args[0].items : null;
    if (spread === null) {
      this.emitUnresolved(node, flow, usage, `the arguments of queryInterface.${method} are not a constant list`);
      return UNKNOWN;
    }
    this.buildQueryInterfaceOp(QUERY_INTERFACE_METHODS[method]!, spread, node, flow, usage, this.commandAt(target, env, flow));
    return UNKNOWN;
  }

  /**
   * `queryInterface[command.fn]` where `command` is an object literal of the file: where its `fn` is written (the
   * command's own line in a generated list of commands, not the runner loop every command goes through).
   */
  private commandAt(callee: TSESTree.MemberExpression, env: Env, flow: Flow): TSESTree.SourceLocation | undefined {
    const key = callee.property;
    if (!callee.computed || key.type !== 'MemberExpression' || key.computed || key.property.type !== 'Identifier' || !isPlainPath(key.object)) return undefined;
    const command = this.evalExpr(key.object, env, flow, 'value');
    return command.k === 'obj' ? command.locs?.get(key.property.name) : undefined;
  }

  private queryInterfaceCall(method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage, at?: TSESTree.SourceLocation): Value {
    // umzug's `context` is sometimes the Sequelize instance: `context.query(sql)` is raw SQL.
    if (method === 'query') return this.rawQuery(node, env, flow, usage);
    const sig = QUERY_INTERFACE_METHODS[method];
    const args = this.evalArgs(node, env, flow);
    if (!sig) {
      if (!QUERY_INTERFACE_NON_OPS.has(method) && method !== 'getQueryInterface') {
        const missing = !QUERY_INTERFACE_PROTOTYPE.has(method);
        // A method it does not have throws where the call is made, whether or not anything awaits it (see above).
        this.emitUnresolved(node, flow, missing ? 'awaited' : usage, `queryInterface.${method} is not a ${missing ? 'method of Sequelize\'s queryInterface' : 'queryInterface method migralint models'}`, missing ? { notAMethod: method } : {});
      }
      return method === 'getQueryInterface' ? { k: 'qi' } : UNKNOWN;
    }
    const op = this.buildQueryInterfaceOp(sig, args, node, flow, usage, at);
    // A name computed at run time, as written (`company_${row.id}`): `down` writing the same expression names the same object.
    const nameArg = sig.name !== undefined ? node.arguments[sig.name] : undefined;
    if (op.target.name === null && nameArg && nameArg.type !== 'SpreadElement' && !node.arguments.some((a) => a.type === 'SpreadElement')) op.target.nameExpression = this.text(nameArg, flow);
    // A table named by module-level values read at run time (`${TABLE_PREFIX}_users`, the prefix from the environment):
    // `up` and `down` writing it the same way name the same table (hold-out 68).
    const tableArg = sig.table !== undefined ? node.arguments[sig.table] : undefined;
    if (op.target.table === null && op.target.tableExpression === undefined && tableArg && tableArg.type !== 'SpreadElement') {
      const written = this.moduleLevelText(tableArg, env, flow);
      if (written !== null) op.target.tableExpression = written;
    }
    if (sig.probe) {
      const tables = op.target.table ? [op.target.table] : [];
      // A table we cannot name is still the same value the guarded call uses.
      const subject = sig.table !== undefined && !op.target.table ? args[sig.table] : undefined;
      return makeProbe(`${method}(${op.target.table ?? ''})`, tables, [], subject);
    }
    return UNKNOWN;
  }

  private buildQueryInterfaceOp(sig: MethodSignature, args: Value[], node: TSESTree.CallExpression, flow: Flow, usage: Usage, at?: TSESTree.SourceLocation): Operation {
    const { target, options, reasons, fields, columns } = decodeQueryInterfaceArgs(sig, args);
    // Literals were read as PostgreSQL; on MySQL `||` is OR, not a concatenation: no facts there.
    if (options.literalSets !== undefined && !this.mayRunOnPostgres(flow)) delete options.literalSets;
    const op = this.emit(sig.op, target, node, flow, usage, {
      options,
      reasons,
      txArgs: args,
      idempotent: sig.idempotent === true,
      sqlGuard: false,
      subject: sig.table !== undefined ? args[sig.table] : undefined,
      at,
    });
    if (fields !== undefined) op.fields = fields;
    if (columns !== undefined) op.columns = columns;
    // A drop of what a look-up found (`for (const fk of await foreignKeysOf(t)) removeConstraint(t, fk.name)`, the names
    // read from information_schema or showIndex): it names only what exists, so a rerun meets nothing missing (hold-out 99).
    const name = sig.name === undefined ? undefined : args[sig.name];
    if (name?.k === 'probe' && !name.rowsOnly) guardByLookUp(op, name.source);
    const attributes = sig.attributes === undefined ? undefined : args[sig.attributes];
    if (columns == null && attributes?.k === 'import' && attributes.relative && attributes.path !== '') {
      op.attributesOrigin = `${withoutExtension(specifierTarget(flow.module.file.replace(/\\/g, '/'), attributes.spec))}#${attributes.path}`;
    }
    if (op.inTransaction && transactionMisplaced(sig, args)) {
      op.transactionMisplaced = true;
      // It runs on its own connection and commits at once: it is not one of that transaction's steps
      // (a failure later in the transaction does not roll it back). `transactionCallback` still says where it is written.
      delete op.transaction;
    }
    return op;
  }

  private sequelizeCall(method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    if (method === 'getQueryInterface') return { k: 'qi' };
    if (method === 'transaction') return this.transactionCall(node, env, usage === 'statement' ? { ...flow, detached: true, detachedByTransaction: true } : flow);
    if (method === 'query') return this.rawQuery(node, env, flow, usage);
    // Sequelize's own shortcuts to the query interface (`sequelize.createSchema(s)` calls `queryInterface.createSchema(s)`).
    if (SEQUELIZE_SCHEMA_SHORTCUTS.has(method)) return this.queryInterfaceCall(method, node, env, flow, usage);
    if (SEQUELIZE_EXPRESSION_HELPERS.has(method)) {
      const args = this.evalArgs(node, env, flow);
      const text = `${method}(${args.map(renderArg).join(', ')})`;
      return method === 'literal' && args[0]?.k === 'str' ? { k: 'ns', text, sql: args[0].v } : { k: 'ns', text };
    }
    if (method === 'define') {
      const args = this.evalArgs(node, env, flow);
      const options = args[2]?.k === 'obj' ? args[2] : null;
      const table = options ? asString(options.props.get('tableName') ?? UNDEF) : null;
      return { k: 'model', name: asString(args[0] ?? UNDEF), table };
    }
    if (SEQUELIZE_NON_OPS.has(method)) {
      this.evalArgs(node, env, flow);
      return UNKNOWN;
    }
    const args = this.evalArgs(node, env, flow);
    const op = this.emitUnresolved(node, flow, usage, `sequelize.${method} is not analyzed`);
    if (method === 'sync') op.modelSync = syncOptions(args[0]);
    return UNKNOWN;
  }

  /** Calls on a model defined in the migration (`sequelize.define`): the model's table. */
  private modelCall(model: Extract<Value, { k: 'model' }>, method: string, node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    const args = this.evalArgs(node, env, flow);
    const target: Target = { table: model.table, column: null };
    const reasons = model.table ? [] : [`the table of model ${model.name ?? '?'} is not static (no tableName)`];
    const extra = { reasons, txArgs: args, idempotent: false, sqlGuard: false };
    const optionsArg = (i: number) => (args[i]?.k === 'obj' ? (args[i] as Extract<Value, { k: 'obj' }>) : null);
    switch (method) {
      case 'update': {
        const o = optionsArg(1);
        this.emit('update', target, node, flow, usage, { ...extra, options: { values: args[0] ? toJson(args[0]) : null, where: whereOf(o?.props.get('where')) } });
        return UNKNOWN;
      }
      case 'destroy': {
        const o = optionsArg(0);
        const truncate = o?.props.get('truncate');
        if (truncate?.k === 'bool' && truncate.v) this.emit('truncate', target, node, flow, usage, { ...extra, options: {} });
        else this.emit('delete', target, node, flow, usage, { ...extra, options: { where: whereOf(o?.props.get('where')) } });
        return UNKNOWN;
      }
      case 'create':
      case 'bulkCreate':
      case 'upsert':
      case 'findOrCreate':
        this.emit('insert', target, node, flow, usage, { ...extra, options: {} });
        return UNKNOWN;
      case 'drop':
        this.emit('dropTable', target, node, flow, usage, { ...extra, idempotent: true, options: {} });
        return UNKNOWN;
      case 'truncate':
        this.emit('truncate', target, node, flow, usage, { ...extra, options: {} });
        return UNKNOWN;
      case 'findAll':
      case 'findOne':
      case 'findByPk':
      case 'count':
        this.emit('select', target, node, flow, usage, { ...extra, options: {} });
        return UNKNOWN;
      case 'getTableName':
        return model.table ? str(model.table) : UNKNOWN;
      default: {
        const op = this.emitUnresolved(node, flow, usage, `${model.name ?? 'model'}.${method} is not analyzed`);
        if (method === 'sync' && model.name) op.modelSync = { model: model.name, ...syncOptions(args[0]) };
        return UNKNOWN;
      }
    }
  }

  private transactionCall(node: TSESTree.CallExpression, env: Env, flow: Flow): Value {
    const args = this.evalArgs(node, env, flow);
    const cb = args.find((a) => a.k === 'fn');
    const id = ++this.transactions;
    if (!cb || cb.k !== 'fn') return { k: 'tx', managed: false, id };
    return this.callFunction(cb, [{ k: 'tx', managed: true, id }], { ...flow, txCallback: true, txCallbackId: id });
  }

  private rawQuery(node: TSESTree.CallExpression, env: Env, flow: Flow, usage: Usage): Value {
    const args = this.evalArgs(node, env, flow);
    let sqlArg = args[0] ?? UNDEF;
    if (sqlArg.k === 'obj') sqlArg = sqlArg.props.get('query') ?? UNKNOWN;
    const raw = sqlArg.k === 'str' ? sqlArg.v : sqlArg.k === 'pstr' ? sqlArg.text : null;
    const queryOptions = args[1]?.k === 'obj' ? args[1] : null;
    const text = raw === null ? null : applySequelizeParameters(raw, queryOptions);
    // Options migralint cannot read, or replacements it cannot list: the text sent is not the one read (a `:name` left
    // in place), so a statement that does not parse here says nothing of what PostgreSQL gets.
    const paramsUnknown = (args[1] !== undefined && args[1].k !== 'obj' && args[1].k !== 'undef' && args[1].k !== 'null') || ['replacements', 'bind'].some((k) => {
      const v = queryOptions?.props.get(k);
      return v !== undefined && v.k !== 'obj' && v.k !== 'arr';
    });
    if (text === null) {
      this.emit('sql', { table: null, column: null }, node, flow, usage, {
        options: {},
        reasons: ['SQL text is not static'],
        txArgs: args,
        idempotent: false,
        sqlGuard: false,
        sql: true,
      });
      return UNKNOWN;
    }
    let statements = analyzeSql(text, { postgres: this.mayRunOnPostgres(flow) });
    // PostgreSQL cannot parse it, and it is another dialect's SQL: read by its keywords as for a MySQL project. Another
    // dialect's when no dialect is known and it quotes names with backquotes (MySQL's quoting, which PostgreSQL does not
    // have), or when the step may also run on a dialect other than PostgreSQL (a project on SQLite in development and
    // PostgreSQL in production whose `CREATE TABLE` says `AUTOINCREMENT`: hold-out 101).
    const otherDialect = this.dialectKnown(flow) ? this.mayRunOnOtherDialect(flow) : /\x60/.test(text);
    if (otherDialect && statements.some((s) => s.sqlError !== undefined)) statements = analyzeSql(text, { postgres: false });
    const selects: Set<string> = new Set();
    const rowReads: RowRead[] = [];
    let isRead = false;
    // One query string with several statements: PostgreSQL runs them as one implicit transaction.
    const multiStatement = new Set(statements.map((s) => s.offset)).size > 1;
    for (const s of statements) {
      const reasons: string[] = s.unresolved ? ['a name in the SQL comes from a value migralint cannot resolve'] : [];
      // Read by its leading keywords only (another dialect's SQL): what it changes is unknown, as for SQL that does not parse.
      // A statement it knows changes no table (MySQL's CREATE EVENT) is read all the same.
      if (s.notParsed && s.op === 'sql' && s.options.touchesNoTable !== true) reasons.push('SQL of a dialect other than PostgreSQL, not parsed');
      const op = this.emit(s.op, withHoleExpressions(cleanTarget(s.target), s.holeOf, sqlArg), node, flow, usage, {
        options: s.options,
        reasons,
        txArgs: args,
        idempotent: false,
        sqlGuard: s.guard === 'sql-if-exists',
        sql: true,
      });
      op.statement = s.statement;
      // `ALTER TABLE \`${t}\` DROP FOREIGN KEY \`${name}\`` over the rows a look-up of information_schema returned: it
      // drops only what exists (hold-out 100), as a builder drop of such names does.
      if (sqlArg.k === 'pstr' && sqlArg.fromProbe) guardByLookUp(op, queryLabel('SELECT'));
      if (multiStatement) op.multiStatement = true;
      if (s.notParsed) op.sqlNotParsed = true;
      if (s.sqlError !== undefined) op.sqlError = s.sqlError;
      if (s.sqlError !== undefined && paramsUnknown) op.sqlParamsUnknown = true;
      if (s.fields) op.fields = s.fields;
      if (s.op === 'select') {
        isRead = true;
        if (s.target.table) {
          selects.add(s.target.table);
          rowReads.push({ table: s.target.table, pinned: Array.isArray(s.options.pinned) ? s.options.pinned.filter((c): c is string => typeof c === 'string') : [] });
        }
      }
      // SQL of another dialect is read by its leading keywords only: a SELECT (MySQL's `SHOW INDEX` too) is still a read.
      if (s.notParsed && s.op === 'sql' && /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:SELECT|SHOW)\b/i.test(s.statement)) isRead = true;
      // MySQL's `SHOW INDEXES FROM t` where the dialect is not known (PostgreSQL's parser refuses it): a read all the same.
      if (s.op === 'sql' && shownTable(s.statement) !== null) isRead = true;
    }
    if (isRead && CATALOG_QUERY.test(text)) {
      // `SELECT ... FROM information_schema.columns WHERE table_name = 'users'` is an existence probe.
      const mentions = [...text.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
      // MySQL's `SHOW INDEXES FROM grades`: the table it lists the indexes (columns) of.
      const shown = shownTable(text);
      if (shown) mentions.push(shown);
      // `bind` values reach PostgreSQL as parameters, not in the text: the names they pass are probed too.
      const bind = queryOptions?.props.get('bind');
      const bound = bind?.k === 'arr' ? bind.items : bind?.k === 'obj' ? [...bind.props.values()] : [];
      return makeProbe(queryLabel(shown ? 'SHOW' : 'SELECT'), [], [...mentions, ...selects, ...bound.map(asString).filter((v): v is string => v !== null)]);
    }
    // A SELECT of application rows says whether those rows exist: the guard of an insert of them, of nothing else
    // (for any other step it is a data-dependent condition).
    if (isRead && rowReads.length > 0 && statements.every((s) => s.op === 'select')) return makeRowProbe(queryLabel('SELECT', [...selects]), rowReads);
    return UNKNOWN;
  }

  /** The project's config, driver or a dialect branch says which database runs this step. */
  private dialectKnown(flow: Flow): boolean {
    return (this.options.dialects?.length ?? 0) > 0 || flow.dialects !== undefined;
  }

  /** Raw SQL here may run on a dialect other than PostgreSQL: the project's dialects or the dialect branch include one. */
  private mayRunOnOtherDialect(flow: Flow): boolean {
    const project = this.options.dialects?.length ? this.options.dialects : null;
    const possible = flow.dialects ? flow.dialects.filter((d) => !project || project.includes(d)) : (project ?? []);
    return possible.some((d) => d !== 'postgres');
  }

  /** Raw SQL here may run on PostgreSQL: the project's dialect is unknown or includes it, and no dialect branch excludes it. */
  private mayRunOnPostgres(flow: Flow): boolean {
    const project = this.options.dialects;
    if (project && project.length > 0 && !project.includes('postgres')) return false;
    return !flow.dialects || flow.dialects.includes('postgres');
  }

  // ---------------------------------------------------------------------------
  // Emitting operations

  private emitUnresolved(node: TSESTree.CallExpression, flow: Flow, usage: Usage, reason: string, options: Record<string, JsonValue> = {}): Operation {
    return this.emit('unresolved', { table: null, column: null }, node, flow, usage, {
      options,
      reasons: [reason],
      txArgs: [],
      idempotent: false,
      sqlGuard: false,
    });
  }

  private emit(
    op: OpKind,
    target: Target,
    node: TSESTree.CallExpression,
    flow: Flow,
    usage: Usage,
    extra: { options: Record<string, JsonValue>; reasons: string[]; txArgs: Value[]; idempotent: boolean; sqlGuard: boolean; sql?: boolean; subject?: Value | undefined; at?: TSESTree.SourceLocation | undefined },
  ): Operation {
    const guard = this.guardFor(op, target, extra.options, flow, extra.sqlGuard, extra.idempotent, extra.subject);
    // `at`: where the call's arguments are written, when that is not at the call (a command of a generated list).
    const locNode = flow.importSite ? flow.importSite.node : extra.at ? { loc: extra.at } : node;
    const operation: Operation = {
      phase: flow.phase,
      op,
      target,
      guarded: guard !== null,
      guard,
      inTransaction: extra.txArgs.some(passesTransaction),
      ...transactionOf(extra.txArgs),
      inTransactionCallback: flow.txCallback,
      ...(flow.dialectTypo ? { dialectTypo: flow.dialectTypo } : {}),
      ...(flow.detachedByTransaction ? { floatsWithTransaction: true as const } : {}),
      ...(flow.inTimer ? { inTimer: flow.inTimer } : {}),
      ...(flow.concurrent ? { concurrent: true as const } : {}),
      ...(flow.concurrent && flow.race ? { race: [...flow.race] } : {}),
      ...(flow.txCallbackId !== undefined ? { transactionCallback: flow.txCallbackId } : {}),
      conditional: flow.conditional,
      inLoop: flow.inLoop,
      floating: usage === 'statement' || flow.detached,
      unresolved: extra.reasons.length > 0 || op === 'unresolved',
      options: extra.options,
      loc: toSourceLocation(locNode.loc),
      callee: flow.importSite ? flow.importSite.callee : this.calleeText(node, flow),
    };
    if (extra.reasons.length > 0) operation.unresolvedReason = extra.reasons.join('; ');
    if (extra.sql) operation.sql = true;
    if (usage === 'statement' && !flow.detached) operation.floatingCall = true;
    if (flow.dialects) operation.dialects = [...flow.dialects];
    if (flow.arms) operation.arms = [...flow.arms];
    if (flow.outsideProduction !== undefined) operation.outsideProduction = flow.outsideProduction;
    if (flow.importSite?.via) operation.via = flow.importSite.via;
    const checks = existenceChecks(op, target, extra.options, flow, extra.subject);
    if (checks.length > 0) operation.existenceChecks = checks;
    const retry =
      flow.inCatch === true &&
      this.ops.some((o) => o.loc.line === operation.loc.line && o.loc.column === operation.loc.column && o.op === op && sameTarget(o.target, target));
    if (!flow.noOps && !retry) {
      this.ops.push(operation);
      if (!flow.importSite) this.callSites.set(operation, { node, module: flow.module });
    }
    return operation;
  }

  /** The innermost syntactic guard wins; then SQL IF [NOT] EXISTS; then Sequelize's own idempotency. */
  private guardFor(op: OpKind, target: Target, options: Record<string, JsonValue>, flow: Flow, sqlGuard: boolean, idempotent: boolean, subject?: Value): Guard | null {
    for (let i = flow.guards.length - 1; i >= 0; i--) {
      const g = flow.guards[i]!;
      if (g.type === 'catch') {
        const guard: Guard = { kind: g.kind, line: g.line, column: g.column };
        if (g.detail !== undefined) guard.detail = g.detail;
        if (g.inHelper) guard.inHelper = true;
        if (g.hangs) guard.hangs = g.hangs;
        return guard;
      }
      if (probeCoversOp(g, op, target, options, subject)) {
        // The insert of the rows the probe found none of, with no other check inside this one: what follows it under
        // the same check is skipped by a rerun that finds them (hold-out 100: a per-item `continue` when the type
        // exists, then the type's insert and its balances' insert).
        if (g.when === 'absent' && g.probe.rowsOnly && i === flow.guards.length - 1 && !flow.noOps) g.anchored = true;
        const guard: Guard = { kind: 'existence-check', line: g.line, column: g.column, detail: g.probe.source };
        // A catch-all around the check and the step: it still swallows the step's own failures.
        const outer = flow.guards.slice(0, i).reverse().find((o) => o.type === 'catch');
        if (outer?.type === 'catch' && outer.kind === 'catch-all' && !outer.inHelper) guard.caughtAt = { line: outer.line, column: outer.column };
        return guard;
      }
    }
    if (sqlGuard) return { kind: 'sql-if-exists' };
    if (idempotent) return { kind: 'idempotent' };
    return null;
  }

  /**
   * An expression as written, when what it reads is the same wherever the module writes it: names bound at the
   * module's top level (constants, imports), members, literals and templates over those; no call, no `this`, no name
   * of a function's own scope (a loop variable, a parameter). Null otherwise.
   */
  private moduleLevelText(node: Node, env: Env, flow: Flow): string | null {
    let stable = true;
    traverse(node, (n, parent) => {
      if (!stable) return 'skip';
      if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'ThisExpression' || n.type === 'AwaitExpression' || n.type === 'UpdateExpression' || n.type === 'AssignmentExpression' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') stable = false;
      else if (n.type === 'Identifier') {
        const named = parent && ((parent.type === 'MemberExpression' && parent.property === n && !parent.computed) || (parent.type === 'Property' && parent.key === n && !parent.computed));
        if (!named && env.scopeOf(n.name)?.parent !== null) stable = false;
      }
      return undefined;
    });
    return stable ? this.text(node, flow) : null;
  }

  /** Source text of a node of the module being walked, whitespace folded, for messages (not a view of the source: operations keep it). */
  private text(node: Node, flow: Flow): string {
    const t = flow.module.source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return detached(t.length > 80 ? `${t.slice(0, 77)}...` : t);
  }

  private calleeText(node: TSESTree.CallExpression, flow: Flow): string {
    return this.text(node.callee, flow);
  }
}

// -----------------------------------------------------------------------------
// Helpers

/** What a queryInterface call's arguments say, by its signature: the target, the options, and why parts are unknown. */
export interface DecodedQueryInterfaceCall {
  target: Target;
  options: Record<string, JsonValue>;
  reasons: string[];
  fields?: (string | null)[] | null;
  columns?: Record<string, Record<string, JsonValue>> | null;
}

/**
 * A SQL step's target with each name that came whole from a template hole written as that hole's expression
 * (`tableExpression`, `columnExpression`, `nameExpression`), where the target has no such name resolved: so the
 * `DROP SCHEMA ${process.env.APP_SCHEMA} CASCADE` of `down` matches the `CREATE SCHEMA ${process.env.APP_SCHEMA}` of
 * `up`, as a builder call's unresolved names are matched.
 */
function withHoleExpressions(target: Target, holeOf: SqlOperation['holeOf'], sql: Value): Target {
  if (!holeOf || sql.k !== 'pstr' || !sql.holeTexts) return target;
  const texts = sql.holeTexts;
  const out = { ...target };
  if (holeOf.table !== undefined && out.table === null && texts[holeOf.table] !== undefined) out.tableExpression = texts[holeOf.table];
  if (holeOf.column !== undefined && out.column === null && texts[holeOf.column] !== undefined) out.columnExpression = texts[holeOf.column];
  if (holeOf.name !== undefined && (out.name ?? null) === null && texts[holeOf.name] !== undefined) out.nameExpression = texts[holeOf.name];
  return out;
}

/**
 * Decodes the arguments of a queryInterface call (`sig` from the method
 * table): the one reading of the builder API, used by migrations and by the
 * npm-scripts analysis alike.
 */
export function decodeQueryInterfaceArgs(sig: MethodSignature, args: Value[]): DecodedQueryInterfaceCall {
    const reasons: string[] = [];
    const target: Target = { table: null, column: null };
    const options: Record<string, JsonValue> = {};
    // The argument at a position of the call's signature (src/operations/table.ts).
    const argAt = (i: number | undefined): Value | undefined => (i === undefined ? undefined : args[i]);
    if (sig.table !== undefined) {
      const t = args[sig.table] ?? UNDEF;
      const resolved = tableName(t);
      target.table = resolved.table;
      const schema = resolved.schema ?? (t.k === 'obj' ? undefined : schemaOption(argAt(sig.schemaOption)));
      if (schema) target.schema = schema;
      if (resolved.table === null) {
        reasons.push('table name is not a constant');
        const expression = valueExpression(t);
        if (expression) target.tableExpression = expression;
      }
    }
    if (sig.column !== undefined) {
      const cv = args[sig.column] ?? UNDEF;
      const c = asString(cv);
      target.column = c;
      if (c === null) {
        // `removeColumn('users')`: no column argument at all (Sequelize throws), not one migralint cannot read.
        reasons.push(args.length <= sig.column ? NO_COLUMN_ARGUMENT : 'column name is not a constant');
        const expression = valueExpression(cv);
        if (expression) target.columnExpression = expression;
      }
    }
    if (sig.name !== undefined) {
      const n = args[sig.name] ?? UNDEF;
      target.name = asString(n) ?? (n.k === 'obj' ? tableName(n).table : null);
      if (target.name === null) reasons.push('name is not a constant');
    }
    if (sig.newName !== undefined) {
      const n = args[sig.newName] ?? UNDEF;
      target.newName = asString(n) ?? tableName(n).table;
      if (target.newName === null) reasons.push('new name is not a constant');
    }
    let fields: (string | null)[] | null | undefined;
    let columns: Record<string, Record<string, JsonValue>> | null | undefined;
    switch (sig.op) {
      case 'createTable':
        columns = attributesOf(argAt(sig.attributes) ?? UNDEF);
        break;
      case 'addColumn':
      case 'changeColumn': {
        const attributes = argAt(sig.attributes) ?? UNDEF;
        Object.assign(options, attributeOptions(attributes));
        // No type at all (no attributes, or a literal without `type`): Sequelize builds the column's SQL from the type
        // and throws a TypeError before it sends anything (measured: test/semantics/calls-that-throw.test.ts).
        if (attributes.k === 'undef' || (attributes.k === 'obj' && !attributes.partial && !attributes.props.has('type'))) options.typeMissing = true;
        break;
      }
      case 'addIndex': {
        const a1 = argAt(sig.fields) ?? UNDEF;
        if (a1.k === 'arr') fields = fieldNames(a1);
        else if (a1.k === 'obj') {
          Object.assign(options, objectOptions(a1));
          const f = a1.props.get('fields');
          fields = f?.k === 'arr' ? fieldNames(f) : f ? null : undefined;
        } else if (a1.k !== 'undef') fields = null;
        // After an options object, Sequelize reads the third argument as `rawTablename`, not as options (measured:
        // its `transaction` is not used, test/semantics/locks.test.ts).
        const a2 = args[2];
        if (a2?.k === 'obj' && a1.k !== 'obj') Object.assign(options, objectOptions(a2));
        if (typeof options.name === 'string') target.name = options.name;
        // `type: 'UNIQUE'` makes a unique index, as `unique: true` does (measured, test/semantics/add-index-type-unique.test.ts).
        if (typeof options.type === 'string' && options.type.toUpperCase() === 'UNIQUE' && options.unique === undefined) options.unique = true;
        break;
      }
      case 'removeIndex': {
        const a1 = argAt(sig.fields) ?? UNDEF;
        if (a1.k === 'arr') fields = fieldNames(a1);
        // Sequelize joins every element into the index name, an object as "[object Object]": the DROP INDEX IF
        // EXISTS names no index and removes nothing (measured, test/semantics/sequelize-semantics.test.ts).
        // `indexNameBroken` says what the object was: the transaction (misplaced options), or something else.
        const object = a1.k === 'arr' ? a1.items.find((i) => i.k === 'obj') : undefined;
        if (object?.k === 'obj') options.indexNameBroken = object.props.has('transaction') ? 'transaction' : 'object';
        else target.name = asString(a1);
        if (target.name === null && a1.k !== 'arr') reasons.push('index name is not a constant');
        break;
      }
      case 'addConstraint': {
        const a1 = args[1] ?? UNDEF;
        if (a1.k === 'obj') {
          Object.assign(options, objectOptions(a1));
          const f = a1.props.get('fields');
          fields = f?.k === 'arr' ? fieldNames(f) : null;
        } else if (a1.k === 'arr') {
          fields = fieldNames(a1);
          const a2 = args[2];
          if (a2?.k === 'obj') Object.assign(options, objectOptions(a2));
        }
        if (typeof options.name === 'string') target.name = options.name;
        // The builder's CHECK is always validated at once (Sequelize has no NOT VALID): a proof like the raw one.
        const column = a1.k === 'obj' && typeof options.type === 'string' && options.type.toLowerCase() === 'check' ? notNullCheckColumn(a1.props.get('where')) : null;
        if (column !== null) options.checksNotNull = column;
        break;
      }
      case 'bulkDelete':
      case 'delete':
        options.where = whereOf(argAt(sig.where));
        break;
      case 'update':
      case 'bulkUpdate': {
        const values = argAt(sig.values);
        options.values = values ? toJson(values) : null;
        options.where = whereOf(argAt(sig.where));
        // `{ path: sequelize.literal("path || '.md'") }`: what each literal does to the old value, read as SQL.
        const literals = values?.k === 'obj' ? [...values.props].filter((e): e is [string, Extract<Value, { k: 'ns' }>] => e[1].k === 'ns' && e[1].sql !== undefined) : [];
        if (literals.length > 0 && target.table) {
          const sets = literals.map(([column, v]) => `"${column.replace(/"/g, '""')}" = ${v.sql}`).join(', ');
          const [parsed] = analyzeSql(`UPDATE "${target.table.replace(/"/g, '""')}" SET ${sets}`);
          const facts = parsed?.op === 'update' ? parsed.options.update : undefined;
          if (facts && typeof facts === 'object' && !Array.isArray(facts) && typeof facts.set === 'object' && facts.set !== null) options.literalSets = facts.set;
        }
        break;
      }
      case 'insert':
      case 'bulkInsert': {
        // `insert(instance, table, values)`: one row.
        const given = argAt(sig.values);
        const rows: Value | undefined = sig.op === 'insert' && given?.k === 'obj' ? { k: 'arr', items: [given] } : given;
        options.rows = rows?.k === 'arr' ? rows.items.length : null;
        // The columns the rows set: a down that deletes on these keys removes exactly these rows.
        if (rows?.k === 'arr' && rows.items.length > 0 && rows.items.every((r) => r.k === 'obj' && !r.partial)) {
          options.columns = [...new Set(rows.items.flatMap((r) => (r.k === 'obj' ? [...r.props.keys()] : [])))].sort();
        }
        // The strings the rows write (an enum label, a key), a few short ones: rules look for a value a step uses.
        const texts = rows?.k === 'arr' ? rowTexts(rows.items.flatMap((r) => (r.k === 'obj' ? [...r.props.values()].flatMap((v) => (v.k === 'str' ? [v.v] : [])) : []))) : [];
        if (texts.length > 0) options.texts = texts;
        // The rows' own keys (their `id`): a down deleting the rows that point at them deletes what came since.
        const ids = rows?.k === 'arr' ? rowTexts(rows.items.flatMap((r) => (r.k === 'obj' && r.props.get('id')?.k === 'str' ? [(r.props.get('id') as { v: string }).v] : []))) : [];
        if (ids.length > 0) options.ids = ids;
        break;
      }
      default:
        break;
    }
    // `delete(null, table, where)`: Sequelize reads the instance's constructor first and throws (Sequelize's typings allow it).
    if (sig.instanceRequired !== undefined) {
      const instance = args[sig.instanceRequired];
      if (!instance || instance.k === 'null' || instance.k === 'undef') options.nullInstance = true;
    }
    if (sig.options) {
      for (const i of sig.options) {
        const a = args[i];
        if (a?.k === 'obj' && !(sig.op === 'addIndex' || sig.op === 'addConstraint' || sig.op === 'addColumn' || sig.op === 'changeColumn')) {
          Object.assign(options, objectOptions(a));
        }
      }
    }
  const decoded: DecodedQueryInterfaceCall = { target, options, reasons };
  if (fields !== undefined) decoded.fields = fields;
  if (columns !== undefined) decoded.columns = columns;
  return decoded;
}

type MaybeExit = Extract<Completion, { type: 'maybe-exit' }>;

/**
 * `x.then(resolve)`, `x.then(() => resolve())`, `x.then(resolve).catch(...)`: a statement whose chain settles the
 * promise of the executor being walked when it is done.
 */
/** `node` calls the function named `name` (`done()`, `resolve(rows)`), nested functions included. */
function callsName(node: Node, name: string): boolean {
  let found = false;
  traverse(node, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

/** `node` hands the function named `name` to a promise as its continuation (`.then(resolve)`), nested functions included. */
function passesOn(node: Node, name: string): boolean {
  let found = false;
  traverse(node, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' && n.callee.property.name === 'then' && n.arguments.some((a) => a.type === 'Identifier' && a.name === name)) {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

function settlesWith(expr: Node, resolve: string, local: (name: string) => FunctionNode | null = () => null): boolean {
  // A function of the executor that settles the promise once it runs out of work (sequelize-auto-migrations' `next`:
  // `if (index < commands.length) { ...then(next, reject) } else resolve();`).
  const settlingFunction = (name: string): boolean => {
    const f = local(name);
    return f !== null && f.body !== null && f.body !== undefined && (callsName(f.body, resolve) || passesOn(f.body, resolve));
  };
  // `next();`: the call of such a function.
  if (expr.type === 'CallExpression' && expr.callee.type === 'Identifier' && settlingFunction(expr.callee.name)) return true;
  let node: Node = expr;
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = node.callee.property.type === 'Identifier' ? node.callee.property.name : null;
    const arg = node.arguments[0];
    // A callback that calls `resolve`, or whose own chain settles with it (`.then(([rows]) => { Promise.all([...]).then(resolve) })`).
    const settling = (e: Node): boolean => (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === resolve) || settlesWith(e, resolve, local);
    const calls = (f: Node | undefined): boolean =>
      !!f && (f.type === 'ArrowFunctionExpression' || f.type === 'FunctionExpression') && (f.body.type !== 'BlockStatement' ? settling(f.body) : f.body.body.some((b) => b.type === 'ExpressionStatement' && settling(b.expression)));
    if (method === 'then' && arg && ((arg.type === 'Identifier' && (arg.name === resolve || settlingFunction(arg.name))) || calls(arg))) return true;
    node = node.callee.object;
  }
  return false;
}

/** The functions a scope names (declared or bound), by name: what `settlesWith` reads of a callback passed by name. */
function localFunctions(env: Env): (name: string) => FunctionNode | null {
  return (name) => {
    const v = env.lookup(name)?.get();
    return v?.k === 'fn' ? v.node : null;
  };
}

/**
 * The expression reads the environment's name: `NODE_ENV`, `APP_ENV`, `env`, `nodeEnv`, `environment` (an identifier
 * or a property), or `config.get('env')`.
 */
function namesEnvironment(e: TSESTree.Node): boolean {
  const named = (n: string) => /^(node_?env|app_?env|env|environment)$/i.test(n) || /(Env|_ENV)$/.test(n);
  if (e.type === 'Identifier') return named(e.name);
  if (e.type === 'MemberExpression') return !e.computed && e.property.type === 'Identifier' ? named(e.property.name) : e.property.type === 'Literal' && typeof e.property.value === 'string' && named(e.property.value);
  if (e.type === 'CallExpression') {
    const arg = e.arguments[0];
    return arg?.type === 'Literal' && typeof arg.value === 'string' && named(arg.value);
  }
  return false;
}

/** Environment names of a developer's or a test run, never production's. */
const DEVELOPER_ENVIRONMENTS = new Set(['development', 'dev', 'local', 'test', 'testing']);

/**
 * A test comparing the environment's name (see `namesEnvironment`) to a string, either side: the string (lower case),
 * and whether the comparison is `===` / `==` rather than `!==` / `!=`; null for any other test.
 */
function environmentComparison(test: TSESTree.Expression): { value: string; equal: boolean } | null {
  if (test.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(test.operator)) return null;
  const [a, b] = [test.left, test.right];
  const literal = b.type === 'Literal' && typeof b.value === 'string' ? b.value : a.type === 'Literal' && typeof a.value === 'string' ? a.value : null;
  const other = literal === null ? null : b.type === 'Literal' ? a : b;
  if (literal === null || !other || !namesEnvironment(other)) return null;
  return { value: literal.toLowerCase(), equal: test.operator === '===' || test.operator === '==' };
}

/**
 * The branch of an `if` that only runs outside production, when its test compares the environment (`NODE_ENV`, or a
 * name ending in `env`, `config.get('env')`) to a string: `=== 'development'` (then), `!== 'production'` (then),
 * `=== 'production'` (else). The test as written, shortened; null otherwise.
 */
function developerBranch(test: TSESTree.Expression, source: string): { branch: 'then' | 'else'; text: string } | null {
  const compared = environmentComparison(test);
  if (!compared) return null;
  const { value, equal } = compared;
  const branch = DEVELOPER_ENVIRONMENTS.has(value) ? (equal ? 'then' : null) : value === 'production' ? (equal ? 'else' : 'then') : null;
  if (!branch) return null;
  const text = source.slice(test.range[0], test.range[1]).replace(/\s+/g, ' ');
  return { branch, text: text.length > 80 ? `${text.slice(0, 77)}...` : text };
}

/** The probe whose outcome decides whether code under this flow runs: its innermost guard, when that is a probe of names. */
function probeDeciding(flow: Flow): Extract<Value, { k: 'probe' }> | null {
  const last = flow.guards.at(-1);
  return last?.type === 'probe' && !last.probe.rowsOnly ? last.probe : null;
}

/** A flag: a boolean (a string set there is rather the name the probe chose, `tableName = 'devices'`). */
function isFlag(v: Value): boolean {
  return v.k === 'bool';
}

/** The flow of a branch: conditional, under the probe its test reads (if any). */
function withFrame(flow: Flow, frame: GuardFrame | null): Flow {
  return { ...flow, conditional: true, guards: frame ? [...flow.guards, frame] : flow.guards };
}

/** Accumulates what a completion says about possible early exits. */
function mergeMaybe(acc: MaybeExit | null, c: Completion): MaybeExit {
  const base: MaybeExit = acc ?? { type: 'maybe-exit', frame: null, returns: false, breaks: [] };
  switch (c.type) {
    case 'return':
    case 'throw':
      return { ...base, returns: true };
    case 'break':
      return { ...base, breaks: [...base.breaks, c.label] };
    case 'continue':
      // An unlabeled continue only skips the rest of this iteration (already conditional).
      return c.label ? { ...base, breaks: [...base.breaks, c.label] } : base;
    case 'maybe-exit':
      return { ...base, returns: base.returns || c.returns, breaks: [...base.breaks, ...c.breaks] };
    default:
      return base;
  }
}

/** Queries of the system catalogs: their results say whether an object exists. */
const CATALOG_QUERY = /\b(information_schema|pg_catalog|pg_(?:class|tables|indexes|attribute|type|enum|constraint|namespace|proc|trigger|views|matviews|extension|sequences?)|to_regclass|to_regtype)\b|^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*SHOW\s+(?:FULL\s+)?(?:INDEX(?:ES)?|KEYS|COLUMNS|FIELDS|TABLES|CREATE\s+TABLE)\b/i;

/** The table a MySQL catalog statement names (`SHOW INDEXES FROM grades`, `SHOW CREATE TABLE grades`), or null. */
function shownTable(text: string): string | null {
  const m = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*SHOW\s+(?:FULL\s+)?(?:(?:INDEX(?:ES)?|KEYS|COLUMNS|FIELDS)\s+(?:FROM|IN)|CREATE\s+TABLE)\s+[`"]?([\w$]+)[`"]?/i.exec(text);
  return m ? m[1]! : null;
}

/**
 * Sequelize substitutes `replacements` (`:name`, `?`) before PostgreSQL sees
 * the text, and sends `bind` parameters (`$name`, `$1`) as positional
 * parameters. Render both so the statement parses: known values as literals,
 * others as placeholders. Quoted strings, identifiers, comments and `::`
 * casts are left alone.
 */
function applySequelizeParameters(sql: string, options: Extract<Value, { k: 'obj' }> | null): string {
  const replacements = options?.props.get('replacements');
  const bind = options?.props.get('bind');
  if (!replacements && !bind) return sql;
  let out = '';
  let positional = 0;
  let holes = 0;
  const literal = (v: Value | undefined): string => {
    if (!v) return `migralint_hole_p${holes++}`;
    if (v.k === 'str') return `'${v.v.replace(/'/g, "''")}'`;
    if (v.k === 'num') return String(v.v);
    if (v.k === 'bool') return v.v ? 'true' : 'false';
    if (v.k === 'null') return 'NULL';
    if (v.k === 'arr' && v.items.length > 0) return v.items.map(literal).join(', ');
    return `migralint_hole_p${holes++}`;
  };
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    // Skip quoted text and comments.
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch === ':' && replacements?.k === 'obj' && sql[i - 1] !== ':' && sql[i + 1] !== ':') {
      const m = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1));
      if (m) {
        out += literal(replacements.props.get(m[0]));
        i += m[0].length;
        continue;
      }
    }
    if (ch === '?' && replacements?.k === 'arr') {
      out += literal(replacements.items[positional++]);
      continue;
    }
    if (ch === '$' && bind?.k === 'obj') {
      const m = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1));
      if (m) {
        out += `$${++positional}`;
        i += m[0].length;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** A top-level assignment to `module[<not a literal>]` or `exports[<not a literal>]` (in a statement or a comma list). */
function computedExportAssignment(ast: TSESTree.Program): boolean {
  const assigns = (e: TSESTree.Expression): boolean => {
    if (e.type === 'SequenceExpression') return e.expressions.some(assigns);
    if (e.type !== 'AssignmentExpression' || e.left.type !== 'MemberExpression' || !e.left.computed) return false;
    const object = e.left.object;
    return object.type === 'Identifier' && (object.name === 'module' || object.name === 'exports') && e.left.property.type !== 'Literal';
  };
  return ast.body.some((st) => st.type === 'ExpressionStatement' && assigns(st.expression));
}

/** `new Sequelize(...)` (or `new db.Sequelize(...)`, `new sequelize.Sequelize(...)`). */
function newSequelize(node: TSESTree.Node): boolean {
  if (node.type !== 'NewExpression') return false;
  const callee = node.callee;
  return (callee.type === 'Identifier' && callee.name === 'Sequelize') || (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'Sequelize');
}

/** `null`, `undefined`, `void 0`. */
function isNullish(node: TSESTree.Node): boolean {
  return (node.type === 'Literal' && node.value === null && !('regex' in node && node.regex)) || (node.type === 'Identifier' && node.name === 'undefined') || (node.type === 'UnaryExpression' && node.operator === 'void');
}

/** `force` and `alter` of a `sync(options)` call: false when not given, null when not known statically. */
/**
 * A drop whose name a schema look-up returned (`detail`, the probe's label) names only what exists: it is existence-checked
 * where it is the step's only guard.
 */
function guardByLookUp(op: Operation, detail: string): void {
  if (op.guard || OPERATIONS[op.op].destroys === 'nothing') return;
  op.guard = { kind: 'existence-check', line: op.loc.line, column: op.loc.column, detail };
  op.guarded = true;
}

function syncOptions(arg: Value | undefined): { force: boolean | null; alter: boolean | null } {
  if (!arg || arg.k === 'undef') return { force: false, alter: false };
  if (arg.k !== 'obj') return { force: null, alter: null };
  const flag = (key: string): boolean | null => {
    const v = arg.props.get(key);
    if (v === undefined) return arg.partial ? null : false;
    if (v.k === 'bool') return v.v;
    // `alter: { drop: false }` alters all the same.
    if (key === 'alter' && v.k === 'obj') return true;
    return v.k === 'undef' || v.k === 'null' ? false : null;
  };
  return { force: flag('force'), alter: flag('alter') };
}

const MUTATING_METHODS = new Set(['push', 'unshift']);

/**
 * The items pushed onto an array under a condition: the array holds a placeholder that reads as not known to everything
 * but a loop over the array (a for-of, `forEach`, `map`), which runs the real item's iteration as conditional.
 */
const MAYBE_ITEMS = new WeakMap<Value, { value: Value; guards: readonly GuardFrame[] }>();

/** The flow of a loop's iteration over an item pushed under a condition: conditional, under that push's guards too. */
function pushedItemFlow(flow: Flow, pushedUnder: readonly GuardFrame[]): Flow {
  return { ...flow, conditional: true, guards: [...flow.guards, ...pushedUnder.filter((g) => !flow.guards.includes(g))] };
}

const ARRAY_ITERATION = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'reduce']);

function sameTarget(a: Target, b: Target): boolean {
  return a.table === b.table && a.column === b.column && (a.name ?? null) === (b.name ?? null);
}

function isRole(v: Value): boolean {
  return v.k === 'qi' || v.k === 'seq' || v.k === 'ns' || v.k === 'tx';
}

/** The name of a parameter's declared type, `Transaction` for `t: Transaction` or `t: Sequelize.Transaction`; null when untyped. */
function parameterTypeName(param: TSESTree.Parameter): string | null {
  const p = param.type === 'TSParameterProperty' ? param.parameter : param;
  const annotation = 'typeAnnotation' in p ? p.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== 'TSTypeReference') return null;
  const name = annotation.typeName;
  return name.type === 'Identifier' ? name.name : name.type === 'TSQualifiedName' ? name.right.name : null;
}

/** The Bluebird module (`require('bluebird')`, `import Promise from 'bluebird'`), or Sequelize 4's `Sequelize.Promise`, which is Bluebird. */
function isBluebird(v: Value): boolean {
  return (v.k === 'import' && v.spec === 'bluebird') || (v.k === 'ns' && v.text === 'Promise');
}

function isAsync(fn: FunctionNode): boolean {
  return fn.async === true;
}

/**
 * `path.resolve` / `path.join` on static strings, relative to the project root
 * (the runner's working directory): `path.resolve('db', 'migrations')` is
 * `db/migrations`.
 */
function pathCall(method: string, args: Value[]): Value {
  const parts = args.map(asString);
  if (parts.some((p) => p === null)) return UNKNOWN;
  const strs = parts as string[];
  switch (method) {
    case 'resolve': {
      let acc = '.';
      for (const p of strs) acc = posix.isAbsolute(p) ? p : posix.join(acc, p);
      return str(posix.normalize(acc));
    }
    case 'join':
      return str(posix.join(...strs));
    case 'normalize':
      return str(posix.normalize(strs[0] ?? '.'));
    case 'basename':
      return str(posix.basename(strs[0] ?? ''));
    case 'dirname':
      return str(posix.dirname(strs[0] ?? '.'));
    default:
      return UNKNOWN;
  }
}

function isStringLike(v: Value): boolean {
  return v.k === 'str' || v.k === 'pstr';
}

function importValue(spec: string, path: string): Value {
  // The module, its namespaces (`import { DataTypes } from 'sequelize'`), or one of its members as `Sequelize.X` would
  // read (`import { VIRTUAL, Op } from 'sequelize'`: `VIRTUAL`, `Op`).
  if (SEQUELIZE_MODULES.has(spec)) return path === '' || path === 'default' || path === 'Sequelize' || path === 'DataTypes' ? { k: 'ns', text: '' } : { k: 'ns', text: path };
  // `import path from 'path'`, `import { join } from 'path'`, `import { fileURLToPath } from 'url'`: the module, or its function.
  const member = path === '' || path === 'default' ? '' : `.${path}`;
  if (spec === 'path' || spec === 'node:path') return { k: 'global', name: `path${member}` };
  if (spec === 'url' || spec === 'node:url') return { k: 'global', name: `url${member}` };
  return { k: 'import', spec, path, relative: spec.startsWith('.') || spec.startsWith('/') };
}

function nsKey(v: Value): string | null {
  return v.k === 'ns' ? v.text : null;
}

/** Strict equality of two known primitives (`==` too: migrations compare strings), else null. */
function renderArg(v: Value): string {
  if (v.k === 'str') return `'${v.v}'`;
  if (v.k === 'num' || v.k === 'bool') return String(v.v);
  if (v.k === 'ns') return v.text;
  if (v.k === 'null') return 'null';
  return '?';
}

/** `{ transaction: 3 }` when the call passes the transaction numbered 3; nothing when it passes none (or one of unknown origin). */
function transactionOf(args: readonly Value[]): { transaction?: number } {
  for (const v of args) {
    const id = transactionIn(v)?.id;
    if (id !== undefined) return { transaction: id };
  }
  return {};
}

/**
 * The call passes a transaction, but not in the argument Sequelize reads it
 * from (the signature's options argument): in the column attributes, say.
 * Calls whose options argument is not recorded are not judged.
 */
function transactionMisplaced(sig: MethodSignature, args: Value[]): boolean {
  if (sig.transaction === undefined) return false;
  const options = sig.optionsFirstWhenObject && args[1]?.k === 'obj' ? 1 : sig.transaction;
  const given = args[options];
  return !(given && passesTransaction(given)) && args.some((a, i) => i !== options && passesTransaction(a));
}

function passesTransaction(v: Value): boolean {
  return transactionIn(v) !== undefined;
}

/** The transaction an options object passes (`{ transaction: t }`), or undefined. */
function transactionIn(v: Value): Extract<Value, { k: 'tx' }> | undefined {
  const t = v.k === 'obj' ? v.props.get('transaction') : undefined;
  return t?.k === 'tx' ? t : undefined;
}


/** The schema an options argument puts a plain table name in (`{ schema: 's' }`, or describeTable's string `'s'`). */
function schemaOption(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  return (v.k === 'obj' ? asString(v.props.get('schema') ?? UNDEF) : asString(v)) ?? undefined;
}

function tableName(v: Value): { table: string | null; schema?: string } {
  const s = asString(v);
  // `'"Sessions"'`: Sequelize strips the quotes a name is written with (measured, test/semantics).
  if (s !== null) return { table: /^(["`])[^"`]+\1$/.test(s) ? s.slice(1, -1) : s };
  if (v.k === 'obj') {
    const t = asString(v.props.get('tableName') ?? UNDEF);
    const schema = asString(v.props.get('schema') ?? UNDEF);
    return schema ? { table: t, schema } : { table: t };
  }
  return { table: null };
}

function cleanTarget(t: Target): Target {
  const out: Target = { table: t.table && !isHole(t.table) ? t.table : null, column: t.column && !isHole(t.column) ? t.column : null };
  for (const key of ['schema', 'name', 'newName'] as const) {
    const v = t[key];
    if (v !== undefined) out[key] = v && !isHole(v) ? v : null;
  }
  return out;
}

function objectOptions(v: Extract<Value, { k: 'obj' }>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, val] of v.props) if (!OPTION_KEYS_DROPPED.has(k)) out[k] = toJson(val);
  if (v.partial) out.$partial = true;
  return out;
}

/** Options of an attribute definition: `S.TEXT`, `'TEXT'`, or `{ type, allowNull, ... }`. */
function attributeOptions(v: Value): Record<string, JsonValue> {
  if (v.k === 'obj') return objectOptions(v);
  if (v.k === 'ns' || v.k === 'str') return { type: toJson(v) };
  if (v.k === 'undef') return {};
  return { $unresolved: true };
}

function attributesOf(v: Value): Record<string, Record<string, JsonValue>> | null {
  if (v.k !== 'obj' || v.partial) return null;
  const out: Record<string, Record<string, JsonValue>> = {};
  for (const [name, def] of v.props) out[name] = attributeOptions(def);
  return out;
}

function fieldNames(v: Extract<Value, { k: 'arr' }>): (string | null)[] {
  return v.items.map((i) => {
    const s = asString(i);
    if (s !== null) return s;
    if (i.k === 'obj') return asString(i.props.get('name') ?? i.props.get('attribute') ?? UNDEF);
    return null;
  });
}

/**
 * The column a builder CHECK's `where` proves NOT NULL. Sequelize sends (measured,
 * test/semantics/builder-check-not-null.test.ts) `"col" IS NOT NULL` for
 * `{ col: { [Op.ne]: null } }` and `{ col: { [Op.not]: null } }`, and `NOT ("col" IS NULL)`
 * for `{ [Op.not]: { col: null } }`; the keys of a where are ANDed, and PostgreSQL draws the
 * proof from one conjunct of several. String operators (`{ ne: null }`) are rejected by
 * Sequelize 6: no proof.
 */
function notNullCheckColumn(where: Value | undefined): string | null {
  if (where?.k !== 'obj') return null;
  for (const [key, value] of where.props) {
    if (key === 'Op.not' && value.k === 'obj' && !value.partial && value.props.size === 1) {
      const [column, test] = [...value.props][0] ?? [];
      if (isColumnKey(column) && test?.k === 'null') return column;
    }
    if (!isColumnKey(key) || value.k !== 'obj') continue;
    const test = value.props.get('Op.ne') ?? value.props.get('Op.not');
    if (test?.k === 'null') return key;
  }
  return null;
}

/** A where key naming a column of the table (not an operator, not a `$nested.column$`). */
function isColumnKey(key: string | undefined): key is string {
  return key !== undefined && !key.startsWith('Op.') && !key.startsWith('$');
}

function whereOf(v: Value | undefined): JsonValue {
  if (!v || v.k === 'undef' || v.k === 'null') return null;
  return toJson(v);
}

/** Every existence check around the code being walked, innermost first. */
function existenceChecks(op: OpKind, target: Target, options: Record<string, JsonValue>, flow: Flow, subject?: Value): ExistenceCheck[] {
  const checks: ExistenceCheck[] = [];
  for (let i = flow.guards.length - 1; i >= 0; i--) {
    const g = flow.guards[i]!;
    if (g.type !== 'probe') continue;
    const coversTarget = probeCoversOp(g, op, target, options, subject);
    // A condition on application rows is an existence check only for the insert of those rows.
    if (g.probe.rowsOnly && !coversTarget) continue;
    checks.push({ line: g.line, detail: g.probe.source, coversTarget });
  }
  return checks;
}

/**
 * The probe tests this operation's target: by name, or (a table we cannot name) as the same value the call uses;
 * or, read from the application rows, it found none of the rows the insert writes (`if (!row) bulkInsert(...)`).
 */
function probeCoversOp(frame: Extract<GuardFrame, { type: 'probe' }>, op: OpKind, target: Target, options: Record<string, JsonValue>, subject?: Value): boolean {
  const probe = frame.probe;
  if (frame.when === 'absent' && (frame.anchored === true || probeFoundNoRowOf(probe, op, target, options))) return true;
  if (probe.rowsOnly) return false;
  return probeCovers(probe, target) || (subject !== undefined && !target.table && probe.subjects?.has(subject) === true);
}

/**
 * An insert into a table the probe read rows of, by the key it looked for: every column its WHERE pins is one the
 * insert writes (when both are known). The rerun finds the rows and skips the insert.
 */
function probeFoundNoRowOf(probe: Extract<Value, { k: 'probe' }>, op: OpKind, target: Target, options: Record<string, JsonValue>): boolean {
  if ((op !== 'bulkInsert' && op !== 'insert') || !target.table || !probe.rows) return false;
  const written = Array.isArray(options.columns) ? options.columns.filter((c): c is string => typeof c === 'string') : null;
  return probe.rows.some((r) => r.table === target.table && (written === null || r.pinned.every((c) => written.includes(c))));
}

function probeCovers(probe: Extract<Value, { k: 'probe' }>, target: Target): boolean {
  // A rename is guarded by a check on either name.
  const names = [target.table, target.name, target.newName].filter((n): n is string => typeof n === 'string');
  return names.some((n) => probe.tables.has(n) || probe.mentions.has(n));
}

/** `module.exports` itself, or the one key below it that an assignment sets (`exports.up`); null otherwise. */
function exportTarget(left: TSESTree.Node): string | null {
  const path = exportPath(left);
  if (path === null || path.length > 1) return null;
  return path.length === 0 ? 'module.exports' : path[0]!;
}

/** An identifier, `this`, or a chain of property reads of one, with no call in it. */
function isPlainPath(node: TSESTree.Node): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && (!node.computed || node.property.type === 'Literal') && isPlainPath(node.object);
}

/** How an unresolved value is written (`Model.NAME`, an imported constant), to match two uses of it. */
function valueExpression(v: Value): string | null {
  // A bare index (`'0'` of `const [name] = pair`, `3` of a decoder's table) is no expression as written: not known.
  if (v.k === 'unknown') return v.text !== undefined && !/^\d+$/.test(v.text) ? v.text : null;
  if (v.k === 'import') {
    if (!v.path) return `require('${v.spec}')`;
    // An element of what a module exports (`names[3]` of a required JSON array): said with the module it comes from.
    const [first] = v.path.split('.');
    return /^\d+$/.test(first!) ? `require('${v.spec}')${v.path.split('.').map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`)).join('')}` : v.path;
  }
  return null;
}

/** The flow of one branch of a dialect test: its dialects, and whether a misspelled test decides them. */
function underDialects(outer: Flow, branch: Flow, split: DialectSplit | null, side: 'then' | 'else'): Flow {
  if (!split) return branch;
  const typo = typoOf(split, side);
  return { ...branch, dialects: narrow(outer.dialects, split[side]), ...(typo ? { dialectTypo: typo } : {}) };
}

function typoOf(split: DialectSplit, side: 'then' | 'else'): NonNullable<Operation['dialectTypo']> | null {
  return split.typo ? { ...split.typo, runs: split[side].length === 0 ? 'never' : 'always' } : null;
}

/**
 * A binding's value, computed on first use and kept. Asked for again while it
 * is being computed (a class whose static field reads the class, `const a =
 * { b: a.c }`): unknown, as JavaScript itself would not have it yet.
 */
function lazyValue(compute: () => Value): () => Value {
  let cache: Value | undefined;
  let computing = false;
  return () => {
    if (cache) return cache;
    if (computing) return UNKNOWN;
    computing = true;
    try {
      cache = compute();
    } finally {
      computing = false;
    }
    return cache;
  };
}

/** `process.env.X` or `process.env['X']`. */
function isEnvRead(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const o = node.object;
  return o.type === 'MemberExpression' && !o.computed && o.object.type === 'Identifier' && o.object.name === 'process' && o.property.type === 'Identifier' && o.property.name === 'env';
}

/** Constructors of in-memory collections: their instances' methods touch no database. */
const COLLECTIONS = new Set(['Map', 'WeakMap', 'Set', 'WeakSet']);

/** An instance of one of `COLLECTIONS` (`new Map()`: a global-kind value named `new Map`). */
function isCollection(v: Extract<Value, { k: 'global' }>): boolean {
  return v.name.startsWith('new ') && COLLECTIONS.has(v.name.slice(4));
}

/** The `reject` a `new Promise` executor receives (a global-kind value: it has no fields of its own). */
const PROMISE_REJECT = 'Promise executor reject';

/** `name` is assigned (`name = ...`, `name += ...`, `name++`) somewhere in `node`, nested functions included. */
function assigns(node: TSESTree.Node, name: string): boolean {
  let found = false;
  traverse(node, (n) => {
    if (found) return 'stop';
    if ((n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) || (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name)) {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

/** A literal, a name, a chain of non-computed (or literal-computed) property reads on a name, or a sum or difference of those. */
function plainChain(node: TSESTree.Node): boolean {
  if (node.type === 'Literal' || node.type === 'Identifier') return true;
  if (node.type === 'BinaryExpression' && (node.operator === '+' || node.operator === '-')) return plainChain(node.left) && plainChain(node.right);
  if (node.type !== 'MemberExpression') return false;
  if (node.computed && node.property.type !== 'Literal') return false;
  return plainChain(node.object);
}

/**
 * `${Sequelize.JSONB}` in a template: a Sequelize data type without arguments whose text is its own name on every
 * dialect (`String(DataTypes.JSONB)` is `JSONB`). Types whose text depends on the dialect or a length
 * (`STRING` is `VARCHAR(255)`, `DATE` a timestamp type) are left unknown. Null otherwise.
 */
function dataTypeText(v: Value): string | null {
  if (v.k !== 'ns') return null;
  const m = /^(?:Sequelize\.)?(?:DataTypes\.)?([A-Z]+)$/.exec(v.text);
  return m && NAMED_AS_WRITTEN.has(m[1]!) ? m[1]! : null;
}

const NAMED_AS_WRITTEN = new Set(['JSONB', 'JSON', 'INTEGER', 'BIGINT', 'SMALLINT', 'TEXT', 'BOOLEAN', 'UUID', 'CITEXT', 'TSVECTOR', 'HSTORE', 'INET', 'CIDR', 'MACADDR']);

/**
 * `try { steps } catch (e) { cleanup; throw e }`: the handler's operations run only after a step of the try failed,
 * and the migration fails all the same (`compensation`). When the handler undoes steps of the try (an operation of a
 * kind that reverses one of theirs: a removeColumn after an addColumn, a removeIndex after an addIndex), those steps
 * are cleaned up before the migration fails (`compensatedBy`).
 */
function markCompensation(tried: readonly Operation[], handled: readonly Operation[], at: { line: number; column: number }): void {
  if (handled.length === 0) return;
  for (const o of handled) o.compensation ??= { ...at };
  const undoes = (t: Operation) => handled.some((h) => OPERATIONS[t.op].reversedBy.includes(h.op));
  if (!tried.some(undoes)) return;
  for (const o of tried) if (!o.compensation) o.compensatedBy ??= { ...at };
}
