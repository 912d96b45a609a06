import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AppConnection, DbConfigAnalysis, DbEnvironment, Dialect, DialectInfo, SourceLocation } from '../model';
import { DIALECT_NAMES } from '../extract/dialect-branch';
import { parseSource, type ParseResult } from '../parse';
import type { Workspace } from '../workspace';
import { traverse } from '../traverse';
import { escapeRegExp, lineAt } from '../util/text';
import { isTestPath, NOT_PROJECT_CODE, RUNNER_EXTENSIONS, toPosix } from '../util/paths';
import { codeOnly, SPECIFIER, specifierTarget, withoutExtension } from '../util/module-specifiers';
import { isExpression, memberKeyOf, patternNames, propertyKeyOf, unwrapExpression } from '../extract/syntax';
import { StaticScopes } from '../extract/static-scope';
import { Interpreter } from '../extract/interpreter';
import { moduleContext } from '../extract/extract-migration';
import type { ModuleContext } from '../extract/values';
import { analyzeDbConfigSource } from './read-db-config';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;

/**
 * The Sequelize instances the application builds itself (`new Sequelize(...)`
 * in the models' `index.js` or an app module), read statically: which
 * dialect each names, and whether it takes its options from the database
 * config file that sequelize-cli reads. Nothing is executed.
 */

const SOURCE_GLOB = '**/*.{js,cjs,mjs,ts,cts,mts}';
/** Folders that hold no application code, or code that is not the application's own connection. */
const IGNORED = [
  ...NOT_PROJECT_CODE,
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.d.ts',
  '**/migrations/**',
  '**/seeders/**',
];
const MAX_FILES = 20_000;
const MAX_SIZE = 512 * 1024;
const NEW_SEQUELIZE = /new\s+Sequelize\s*\(/;
const RESOLVE_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.json', '/index.js', '/index.ts'];

/** A dialect name (`'postgresql'`, `'MySQL'`) as a `Dialect`; null when it is none. */
export function dialectNamed(name: string): Dialect | null {
  return DIALECT_NAMES[name.toLowerCase()] ?? null;
}

/** The dialect a connection URL's scheme names (`postgres://`, `mysql://`, `sqlite:`). */
export function dialectOfUrl(url: string): Dialect | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return m ? dialectNamed(m[1]!) : null;
}

/** Every `new Sequelize(...)` of the project's own code, in path order. */
export function readAppConnections(workspace: Workspace, configFile: string | null): AppConnection[] {
  let files: string[];
  try {
    files = workspace.glob(SOURCE_GLOB, { ignore: IGNORED, onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true });
  } catch {
    return [];
  }
  files.sort();
  const configAbs = configFile === null ? null : workspace.resolve(configFile);
  const out: AppConnection[] = [];
  for (const file of files.slice(0, MAX_FILES)) {
    const abs = workspace.resolve(file);
    const source = workspace.text(abs, { maxBytes: MAX_SIZE });
    if (source === null) continue;
    if (!NEW_SEQUELIZE.test(source)) continue;
    try {
      out.push(...connectionsInSource(workspace, source, file, abs, configAbs, workspace.parse(abs)!));
    } catch {
      // A bug of ours on one odd module must not take the analysis down: that module tells nothing.
    }
  }
  // A models folder's index that nothing imports (the loader `sequelize init` writes, `models/index.js`, while the
  // application requires its models one by one and builds its instance elsewhere): not the application's connection
  // (hold-outs 28 and 33: its options were read as the application's).
  // Only where there is application code to import it: a project of models, config and migrations alone says nothing.
  const application = (index: string) => files.some((f) => !isTestPath(f) && !f.startsWith(`${path.posix.dirname(index)}/`) && !/(^|\/)(migrations?|seeders?|config)\//.test(f));
  const unimported = new Set(out.filter((c) => /(^|\/)models\/index\.[cm]?[jt]s$/.test(c.file) && application(c.file)).map((c) => c.file).filter((f) => !importedAnywhere(workspace, files, f)));
  return unimported.size === 0 ? out : out.filter((c) => !unimported.has(c.file));
}

/** A module specifier of some other file of `files` (tests left out) names `index` (`./models`, `../models/index`). */
function importedAnywhere(workspace: Workspace, files: readonly string[], index: string): boolean {
  const folder = path.posix.dirname(index);
  const targets = new Set([folder, `${folder}/index`, withoutExtension(index)]);
  for (const file of files) {
    if (file === index || isTestPath(file)) continue;
    const raw = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (raw === null) return true;
    // A commented-out import imports nothing (hold-out 85: `// import ... from '.../database/models/...'`).
    const text = codeOnly(raw);
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1]!;
      // A non-relative specifier (an alias, `@/models`) may name it: the safe side. Not one that names the folder under
      // another parent (`backend/src/models/user.model` for `src/database/models`: another folder; hold-out 71).
      if (!spec.startsWith('.')) {
        const segments = spec.split('/');
        const at = segments.indexOf(path.posix.basename(folder));
        const parent = at > 0 ? segments[at - 1]! : null;
        const otherParent = parent !== null && /^[\w.-]+$/.test(parent) && !/^[@~#]/.test(parent) && parent !== path.posix.basename(path.posix.dirname(folder));
        if (at >= 0 && !otherParent) return true;
        continue;
      }
      const target = withoutExtension(specifierTarget(file, spec).replace(/\/$/, ''));
      if (targets.has(target)) return true;
    }
    // Loaded by a path built at run time (`path.join(__dirname, 'models')`, a readdir): the safe side. Not from a file
    // beside another folder of that name that names none of the folder's parents (`src/index.ts` reading
    // `__dirname + '/models'` is `src/models`, not `src/database/models`; hold-out 71).
    const base = path.posix.basename(folder);
    const parentBase = path.posix.basename(path.posix.dirname(folder));
    const namesParent = parentBase !== '.' && parentBase !== '' && new RegExp(`${escapeRegExp(parentBase)}['"\`]?\\s*[,/+]\\s*['"\`]?/?${escapeRegExp(base)}\\b`).test(text);
    const beside = path.posix.join(path.posix.dirname(file), base) === folder || namesParent;
    if (beside && new RegExp(`['"\`/]${escapeRegExp(base)}['"\`/]`).test(text.replace(SPECIFIER, '')) && /readdir|path\.(join|resolve)/.test(text)) return true;
  }
  return false;
}


/**
 * The `new Sequelize(...)` calls of one module. `absPath` resolves its imports (through `workspace`); `configAbs` is
 * the config file; `parsed` is the tree of `source` when the caller has it.
 */
export function connectionsInSource(
  workspace: Workspace,
  source: string,
  file: string,
  absPath: string,
  configAbs: string | null,
  parsed: ParseResult = parseSource(source, absPath),
): AppConnection[] {
  if (!parsed.ok) return [];
  const module = new ModuleScope(workspace, parsed.ast, source, absPath, configAbs);
  const out: AppConnection[] = [];
  traverse(parsed.ast, (node) => {
    if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Sequelize') return;
    const conn = module.connection(node);
    out.push({ file: file.split(path.sep).join('/'), line: node.loc.start.line, text: oneLine(source.slice(node.range[0], node.range[1])), ...conn });
  });
  return out.sort((a, b) => a.line - b.line);
}

function oneLine(text: string): string {
  const folded = text.replace(/\s+/g, ' ');
  return folded.length > 120 ? `${folded.slice(0, 117)}...` : folded;
}

/** What a module binds, as far as the connection options go. */
class ModuleScope {
  private readonly inits = new Map<string, Expression>();
  /** Names destructured from a value (`const { host, port } = keys`): the value they are read from. */
  private readonly members = new Map<string, Expression>();
  /** Names bound to the config file (`require('../config/config.json')`, `import config from ...`). */
  private readonly configNames = new Set<string>();
  /** Names imported from another module of the project: its path. */
  private readonly imports = new Map<string, string>();
  /** Names whose `logging` the module sets (`config.logging = env === 'production' ? false : log`). */
  private readonly loggingSet = new Set<string>();

  /** What names refer to, and the evaluator of static strings (`__dirname` is the module's absolute folder). */
  private readonly scopes: StaticScopes;
  private readonly interpreter = new Interpreter();
  private readonly context: ModuleContext;

  constructor(
    private readonly workspace: Workspace,
    private readonly ast: TSESTree.Program,
    source: string,
    private readonly absPath: string,
    private readonly configAbs: string | null,
  ) {
    this.scopes = new StaticScopes(ast);
    this.context = moduleContext(absPath, toPosix(absPath), source, ast);
    traverse(ast, (node) => {
      if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'Identifier' && memberKeyOf(node.left, (k) => (k.type === 'Literal' && typeof k.value === 'string' ? k.value : null)) === 'logging') {
        this.loggingSet.add(node.left.object.name);
      }
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
        if (!this.inits.has(node.id.name)) this.inits.set(node.id.name, node.init);
      } else if (node.type === 'VariableDeclarator' && node.init) {
        for (const name of patternNames(node.id)) if (!this.members.has(name)) this.members.set(name, node.init);
      } else if (node.type === 'ImportDeclaration' && typeof node.source.value === 'string') {
        const target = this.resolveModule(node.source.value);
        for (const s of node.specifiers) {
          if (target === null) continue;
          if (this.isConfig(target)) this.configNames.add(s.local.name);
          else this.imports.set(s.local.name, target);
        }
      } else if (node.type === 'TSImportEqualsDeclaration' && node.moduleReference.type === 'TSExternalModuleReference') {
        const spec = node.moduleReference.expression.value;
        const target = typeof spec === 'string' ? this.resolveModule(spec) : null;
        if (target !== null && this.isConfig(target)) this.configNames.add(node.id.name);
      }
    });
    for (const [name, init] of this.inits) {
      const required = this.requiredPath(init);
      if (required !== null && this.isConfig(required)) this.configNames.add(name);
    }
  }

  connection(node: TSESTree.NewExpression): Omit<AppConnection, 'file' | 'line' | 'text'> {
    const args = node.arguments.filter((a): a is Expression => a.type !== 'SpreadElement');
    const options = args.length === 1 || args.length === 2 || args.length >= 4 ? args[args.length - 1] : undefined;
    const first = args[0];
    const dialects = new Set<Dialect>();
    const url = first && args.length <= 2 ? this.stringOf(first) : null;
    // `new Sequelize('sqlite::memory:')`: a throwaway database of a test or a check, never where migrations run.
    const inMemory = url !== null && /^sqlite::memory:?$/i.test(url.trim());
    const fromUrl = url !== null && !inMemory ? dialectOfUrl(url) : null;
    if (fromUrl) dialects.add(fromUrl);
    const opts = options && !(args.length === 1 && url !== null) ? this.options(options, 0) : { ...NO_OPTIONS, readable: true };
    if (opts.dialect && !inMemory) dialects.add(opts.dialect);
    let usesConfig: AppConnection['usesConfig'];
    if (opts.config) usesConfig = opts.logging ? 'overrides-logging' : 'options';
    else if (this.mentionsConfig(node)) {
      // `new Sequelize(cfg.url, {...})`, or options whose `host` the file gives: the file's server, with no SSL of its own.
      const server = opts.host || (args.length === 2 && first !== undefined && this.mentionsConfig(first));
      // `new Sequelize(process.env.DB_URL || config.database_url, {...})`: a URL read from the environment, whose query
      // (`?sslmode=require`, `?ssl=true`) can turn SSL on; what the file says of SSL is not what it connects with.
      const urlFromEnvironment = args.length === 2 && first !== undefined && url === null && unwrapExpression(first).type !== 'ObjectExpression' && readsEnvironment(first);
      usesConfig = server && opts.readable && !opts.ssl && !urlFromEnvironment ? 'server' : 'values';
    } else usesConfig = opts.readable ? 'no' : 'unknown';
    const conn: Omit<AppConnection, 'file' | 'line' | 'text'> = { dialects: [...dialects], usesConfig };
    // `new Sequelize(uri)` / `new Sequelize(uri, options)` with a URI read at run time and no dialect of its own.
    if (first && args.length <= 2 && url === null && unwrapExpression(first).type !== 'ObjectExpression' && dialects.size === 0) conn.urlAtRunTime = true;
    return conn;
  }

  /**
   * The options object: whether it is (or spreads) the config, the dialect it names, whether it sets `logging`
   * itself, whether its `host` comes from the config, whether it sets SSL itself.
   */
  private options(node: Expression, depth: number): Options {
    const unknown: Options = NO_OPTIONS;
    if (depth > 6) return unknown;
    const n = unwrapExpression(node);
    // The config, unless the module sets its `logging` itself before it connects (hold-out 53).
    if (this.isConfigValue(n)) return { ...NO_OPTIONS, config: true, readable: true, logging: n.type === 'Identifier' && this.loggingSet.has(n.name) };
    if (n.type === 'Identifier') {
      const init = this.inits.get(n.name);
      if (init) return this.options(init, depth + 1);
      const imported = this.imports.get(n.name);
      if (imported) return { ...unknown, dialect: dialectOfModule(this.workspace, imported), readable: true };
      return unknown;
    }
    if (n.type === 'CallExpression') {
      // `cloneDeep(config)`, `Object.assign({}, config, {...})` carry the config's options; `getConfig()` is unknown.
      const results = n.arguments.filter((a): a is Expression => a.type !== 'SpreadElement').map((a) => this.options(a, depth + 1));
      const merged = merge(results);
      return { ...merged, readable: merged.config };
    }
    if (n.type !== 'ObjectExpression') return unknown;
    const parts: Options[] = [];
    let dialect: Dialect | null = null;
    let logging = false;
    let host = false;
    let ssl = false;
    for (const p of n.properties) {
      if (p.type === 'SpreadElement') {
        parts.push(this.options(p.argument, depth + 1));
        continue;
      }
      const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
      const value = p.value.type !== 'AssignmentPattern' && isExpression(p.value) ? p.value : null;
      if (key === 'logging') logging = true;
      if (key === 'dialect' && value) {
        const name = this.stringOf(value, true);
        if (name !== null) dialect = dialectNamed(name);
      }
      if (key === 'host' && value) host = this.mentionsConfig(value);
      // A `dialectOptions` written as a literal without `ssl` sets no SSL; any other form may (no claim).
      if (key === 'ssl') ssl = true;
      if (key === 'dialectOptions') {
        const d = value ? unwrapExpression(value) : null;
        ssl ||= d?.type !== 'ObjectExpression' || d.properties.some((q) => q.type === 'SpreadElement' || [null, 'ssl'].includes(propertyKeyOf(q, (k) => this.stringOf(k))));
      }
    }
    const spread = merge(parts);
    return {
      config: spread.config,
      dialect: dialect ?? spread.dialect,
      logging: logging || spread.logging,
      host: host || spread.host,
      ssl: ssl || spread.ssl,
      readable: parts.every((p) => p.readable),
    };
  }

  /**
   * `config`, `config[env]`, `config.production`, `require('../config/config.json')[env]`, and a name destructured
   * from one of those (`const { host, port } = config[env]`, through the constants that hold it).
   */
  private isConfigValue(node: Expression, depth = 0): boolean {
    const n = unwrapExpression(node);
    if (n.type === 'Identifier') {
      if (this.configNames.has(n.name)) return true;
      const init = this.inits.get(n.name);
      if (init !== undefined && init !== n && this.isConfigValueShallow(init)) return true;
      const from = this.members.get(n.name);
      return from !== undefined && depth < 6 && this.isConfigValue(from, depth + 1);
    }
    return this.isConfigValueShallow(n);
  }

  private isConfigValueShallow(node: Expression): boolean {
    const n = unwrapExpression(node);
    if (n.type === 'Identifier') return this.configNames.has(n.name);
    if (n.type === 'MemberExpression') return this.isConfigValueShallow(n.object as Expression);
    const required = this.requiredPath(n);
    return required !== null && this.isConfig(required);
  }

  /** The connection reads some settings from the config (`config.database`, `dbConfig.username`) but not its options object. */
  private mentionsConfig(node: Node, seen = new Set<string>()): boolean {
    let found = false;
    // Type positions too (`typeof config`).
    traverse(node, {
      withTypes: true,
      enter: (n) => {
        if (n.type !== 'Identifier') return undefined;
        if (this.isConfigValue(n)) found = true;
        else if (!seen.has(n.name) && this.inits.has(n.name)) {
          seen.add(n.name);
          found = this.mentionsConfig(this.inits.get(n.name)!, seen);
        }
        return found ? 'stop' : undefined;
      },
    });
    return found;
  }

  /** `require('x')`, possibly followed by members; the resolved path of `x` or null. */
  private requiredPath(node: Expression): string | null {
    let n = unwrapExpression(node);
    while (n.type === 'MemberExpression') n = unwrapExpression(n.object as Expression);
    if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require' || !n.arguments[0]) return null;
    const arg = n.arguments[0];
    if (arg.type === 'SpreadElement') return null;
    const spec = this.stringOf(arg);
    return spec === null ? null : this.resolveModule(spec);
  }

  private resolveModule(spec: string): string | null {
    if (!spec.startsWith('.') && !path.isAbsolute(spec)) return null;
    const base = path.resolve(path.dirname(this.absPath), spec);
    for (const ext of RESOLVE_EXTENSIONS) {
      const candidate = base + ext;
      if (this.workspace.isFile(candidate)) return candidate;
    }
    // A compiled path (`.js` written for a `.ts` source).
    const ts = base.replace(/\.js$/, '.ts');
    return ts !== base && this.workspace.isFile(ts) ? ts : null;
  }

  private isConfig(abs: string): boolean {
    return this.configAbs !== null && path.resolve(abs) === path.resolve(this.configAbs);
  }

  /**
   * A static string, as the evaluator reads it where the expression stands: a
   * literal, a constant, a template or concatenation of those, `__dirname +
   * '/x'`, `path.join(__dirname, 'x')`; with `fallback`, the literal of
   * `process.env.X || 'y'` (through the constant that holds it).
   */
  private stringOf(node: Expression, fallback = false, depth = 0): string | null {
    if (depth > 6) return null;
    const n = unwrapExpression(node);
    if (fallback && n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) return this.stringOf(n.right, true, depth + 1);
    if (fallback && n.type === 'Identifier') {
      const d = this.scopes.declarationOf(n);
      if (d?.kind === 'var' && d.path.length === 0 && d.declarator.init) return this.stringOf(d.declarator.init, true, depth + 1);
    }
    try {
      const evaluate = this.interpreter.evaluatorAt(this.ast, this.context, this.scopes.ancestors(n).reverse(), () => []);
      const v = evaluate(n);
      return v.k === 'str' ? v.v : null;
    } catch {
      // Past the evaluation limit: not a static string.
      return null;
    }
  }
}

/**
 * What the options argument of `new Sequelize` carries: the config itself, the dialect, its own `logging`, a `host`
 * read from the config, SSL set itself (`ssl`, `dialectOptions.ssl`); `readable`: every part of it was read statically.
 */
interface Options {
  config: boolean;
  dialect: Dialect | null;
  logging: boolean;
  host: boolean;
  ssl: boolean;
  readable: boolean;
}

const NO_OPTIONS: Options = { config: false, dialect: null, logging: false, host: false, ssl: false, readable: false };

function merge(parts: Options[]): Options {
  return {
    config: parts.some((p) => p.config),
    dialect: parts.find((p) => p.dialect !== null)?.dialect ?? null,
    logging: parts.some((p) => p.logging),
    host: parts.some((p) => p.host),
    ssl: parts.some((p) => p.ssl),
    readable: parts.every((p) => p.readable),
  };
}

/** The `dialect` a module of options names (`export default { dialect: 'mysql' }`, `const config: Options = {...}; export = config`). */
function dialectOfModule(workspace: Workspace, abs: string): Dialect | null {
  const source = workspace.text(abs);
  if (source === null) return null;
  const analysis = analyzeDbConfigSource(source, path.basename(abs), abs, () => workspace.parse(abs)!);
  for (const env of analysis.environments) {
    const d = typeof env.dialect.value === 'string' ? dialectNamed(env.dialect.value) : typeof env.url.value === 'string' ? dialectOfUrl(env.url.value) : null;
    if (d) return d;
  }
  return null;
}

/** The dialect one environment of the config names, by its `dialect` key or its URL's scheme, with where it is written. */
export function environmentDialects(env: DbConfigAnalysis['environments'][number]): { dialect: Dialect; loc: SourceLocation | null | undefined }[] {
  const named = typeof env.dialect.value === 'string' ? dialectNamed(env.dialect.value) : null;
  const fromUrl = typeof env.url.value === 'string' ? dialectOfUrl(env.url.value) : null;
  const out: { dialect: Dialect; loc: SourceLocation | null | undefined }[] = [];
  if (named !== null) out.push({ dialect: named, loc: env.dialect.loc });
  if (fromUrl !== null) out.push({ dialect: fromUrl, loc: env.url.loc });
  return out;
}

/**
 * The environment is still the block `sequelize init` writes: its database is the template's name
 * (`database_production`), or only the database was renamed and the rest is the template's user `root`, no password,
 * host `127.0.0.1` (hold-out 31: a `production` block never edited but for its name, which nothing selects). What
 * shows it, for the message; null otherwise.
 */
export function initTemplate(env: DbEnvironment): string | null {
  if (env.database.source === 'literal' && typeof env.database.value === 'string' && /^database_(development|test|production)$/.test(env.database.value)) return `database \`${env.database.value}\``;
  const literal = (f: DbEnvironment['host']) => f.source === 'literal';
  const asWritten = literal(env.username) && env.username.value === 'root' && literal(env.password) && env.password.empty === true && literal(env.host) && env.host.value === '127.0.0.1';
  return asWritten && env.url.source === 'absent' ? 'user `root`, no password, host `127.0.0.1`' : null;
}

/**
 * The dialect(s) the migrations run on: the `dialect` (or the URL scheme) of
 * every environment of the config, else the dialects the application's own
 * `new Sequelize(...)` names, with every dialect `installed` has a driver for
 * when one of them connects to a URL read at run time. Empty when neither says.
 */
export function projectDialect(config: DbConfigAnalysis | null | undefined, connections: readonly AppConnection[], installed?: () => DialectInfo): DialectInfo {
  const found = new Set<Dialect>();
  let source: string | null = null;
  // A block still as `sequelize init` wrote it (`database_test`, MySQL on 127.0.0.1) beside one the project filled in
  // (`development` on SQLite): the filled-in one says what the project runs on (hold-out 68).
  const named = (config?.environments ?? []).filter((env) => environmentDialects(env).length > 0);
  const filledIn = named.filter((env) => initTemplate(env) === null);
  for (const env of filledIn.length > 0 ? filledIn : named) {
    for (const { dialect: d, loc } of environmentDialects(env)) {
      found.add(d);
      if (source === null && config && loc) source = `${config.file}:${loc.line}`;
    }
  }
  if (found.size === 0) {
    for (const c of connections) {
      for (const d of c.dialects) {
        found.add(d);
        source ??= `${c.file}:${c.line}`;
      }
    }
    // One connection names its dialect (a SQLite fallback), another takes a URL at run time: the dialect is chosen
    // at run time among every one the project installs a driver for.
    const atRunTime = found.size > 0 ? connections.find((c) => c.urlAtRunTime) : undefined;
    const drivers = atRunTime && installed ? installed().dialects : [];
    if (atRunTime && drivers.some((d) => !found.has(d))) {
      for (const d of drivers) found.add(d);
      source = `${atRunTime.file}:${atRunTime.line}`;
    }
  }
  return { dialects: [...found].sort(), source };
}

/** Committed environment files that say what a deployment sets (a sample first): read for a dialect's variable. */
const ENV_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.production', '.env.prod', '.env.staging', '.env', '.env.dev', '.env.development', '.env.local'];

/**
 * The dialects the config's environments fall back to when a variable is unset (`dialect: process.env.DB_DIALECT ||
 * 'mysql'`) are only defaults: a committed environment file (`.env.example`: `DB_DIALECT=postgres`) says what the
 * deployment sets. The dialects those files give for those variables, with where; none when nothing says.
 */
export function dialectsFromEnvFiles(workspace: Workspace, config: DbConfigAnalysis | null | undefined, configFile: string | null): { dialect: Dialect; source: string }[] {
  const variables = new Set<string>();
  for (const env of config?.environments ?? []) if (env.dialect.source === 'literal-fallback' && env.dialect.envVar) variables.add(env.dialect.envVar);
  if (variables.size === 0) return [];
  const dirs = [...new Set(['.', configFile ? path.posix.dirname(configFile) : '.'])];
  const out: { dialect: Dialect; source: string }[] = [];
  for (const dir of dirs) {
    for (const name of ENV_FILES) {
      const file = path.posix.join(dir, name);
      const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
      if (text === null) continue;
      text.split(/\r?\n/).forEach((line, i) => {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?([A-Za-z]+)["']?\s*(?:#.*)?$/.exec(line);
        const dialect = m && variables.has(m[1]!) ? dialectNamed(m[2]!) : null;
        if (dialect && !out.some((d) => d.dialect === dialect)) out.push({ dialect, source: `${file}:${i + 1}` });
      });
    }
  }
  return out;
}

/**
 * PostgreSQL as a dialect the deployment sets where the config only falls back to another
 * (`process.env.DB_DIALECT || 'mysql'`): a migration of the project sends (`.query(...)`) SQL only PostgreSQL reads, a double-quoted
 * table name after `FROM`, `UPDATE`, `INTO`, `TABLE` or `JOIN` (`DELETE FROM "Settings"`: MySQL, without ANSI_QUOTES,
 * refuses the quotes), in a file that does not test the dialect. Where, or null (hold-out 81: a fork whose migrations
 * run on PostgreSQL only, judged as MySQL by its fallback).
 */
export function postgresFromMigrationSql(workspace: Workspace, config: DbConfigAnalysis | null | undefined, migrationsDir: string | null): { dialect: Dialect; source: string } | null {
  if (!migrationsDir || !(config?.environments ?? []).some((env) => env.dialect.source === 'literal-fallback')) return null;
  let files: string[];
  try {
    files = workspace.glob(`*.{${RUNNER_EXTENSIONS.join(',')}}`, { cwd: workspace.resolve(migrationsDir), onlyFiles: true, dot: false, deep: 1, suppressErrors: true });
  } catch {
    return null;
  }
  for (const name of files.sort().slice(0, 2000)) {
    const file = path.posix.join(migrationsDir, name);
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (text === null || DIALECT_TEST.test(text)) continue;
    // Only in what a `.query(` call sends (not `import { x } from "sequelize"`).
    for (const call of text.matchAll(/\.query\s*\(/g)) {
      const m = POSTGRES_QUOTED_TABLE.exec(text.slice(call.index, call.index + 2000));
      if (m) return { dialect: 'postgres', source: `${file}:${lineAt(text, call.index + m.index)}` };
    }
  }
  return null;
}

/** `DELETE FROM "Settings"`, `ALTER TABLE \"Users\"` (escaped inside a double-quoted JS string). */
const POSTGRES_QUOTED_TABLE = /\b(?:FROM|UPDATE|INTO|TABLE|JOIN)\s+\\?"[A-Za-z_][A-Za-z0-9_]*\\?"/i;
/** A migration that asks which database it runs on: its SQL may be meant for one of several. */
const DIALECT_TEST = /getDialect\s*\(|\.dialect\b|options\.dialect|\bisPostgres\b|\bisMySQL\b|\bisMysql\b/;

/** The expression reads `process.env` (`process.env.DB_URL || config.url`, `` `${process.env.X}` ``). */
function readsEnvironment(node: TSESTree.Node): boolean {
  let found = false;
  traverse(node as never, (n) => {
    const m = n as unknown as TSESTree.Node;
    if (m.type === 'MemberExpression' && m.object.type === 'Identifier' && m.object.name === 'process' && m.property.type === 'Identifier' && m.property.name === 'env') found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}
