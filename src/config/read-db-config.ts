import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { readComposePasswords, readComposeVariables, type ComposeVariables, type LocalPasswords } from './compose-passwords';
import type { ConfigField, DbConfigAnalysis, DbConfigError, DbEnvironment, JsonValue, LoggingSetting, SourceLocation, SslSetting } from '../model';
import { parseSource, type ParseResult } from '../parse';
import type { Workspace } from '../workspace';
import { moduleContext } from '../extract/extract-migration';
import { asString, toJson, truthiness } from '../extract/values';
import { StaticConfigReader, type Classified, type ConfigProp, type Resolved } from './static-config';
import { traverse } from '../traverse';
import { lineAt } from '../util/text';

type Expression = TSESTree.Expression;
type ConfigObject = Extract<Resolved, { kind: 'object' }>;

/** Keys that make an exported object a connection config rather than a map of environments. */
const CONNECTION_KEYS = ['dialect', 'host', 'username', 'password', 'database', 'url', 'use_env_variable'];
/** Environment name used for a flat config (no per-environment keys). */
export const FLAT_ENVIRONMENT = '(all environments)';
const REDACTED = '<redacted>';
const POSTGRES_DIALECTS = new Set(['postgres', 'postgresql']);

/**
 * Reads the Sequelize database config of a project (`ProjectInfo.configFile`)
 * statically: per environment, where the connection settings come from, SSL,
 * logging and pool. The file is parsed, never required or executed.
 *
 * Returns null when there is no config file. A file that cannot be read or
 * parsed gives an analysis with an error entry and no environments.
 */
export function readDbConfig(workspace: Workspace, configFile: string | null): DbConfigAnalysis | null {
  if (configFile === null) return null;
  const abs = workspace.resolve(configFile);
  if (!workspace.exists(abs)) return null;
  const format = formatOf(configFile);
  if (!workspace.isFile(abs)) return failed(configFile, format, { message: 'the config path is not a file', line: 1, column: 1 });
  const read = workspace.readSource(abs);
  if (!read.ok) return failed(configFile, format, { message: `cannot read file (${read.code})`, line: 1, column: 1 });
  // A JS config's tree is the workspace's: the models reader uses the same one.
  const analysis = analyzeDbConfigSource(read.text, configFile, abs, format === 'js' ? () => workspace.parse(abs)! : undefined, () => readComposePasswords(workspace));
  const hostVariables = new Set(analysis.environments.flatMap((env) => [env.host, env.url].flatMap((f) => readVariable(f) ?? [])));
  if (hostVariables.size > 0) markComposeHosts(analysis.environments, readComposeVariables(workspace, hostVariables));
  return analysis;
}

/** The environment variable a setting is read from (with or without a literal fallback); null otherwise. */
function readVariable(field: ConfigField): string | null {
  return field.envVar && (field.source === 'env' || field.source === 'literal-fallback') ? field.envVar : null;
}

/** Sets `composeHosts` on a host or URL read from a variable that the project's Compose files give a value. */
function markComposeHosts(environments: readonly DbEnvironment[], variables: ComposeVariables): void {
  for (const env of environments) {
    for (const field of [env.host, env.url]) {
      const variable = readVariable(field);
      const given = variable === null ? undefined : variables.get(variable);
      if (!given) continue;
      const hosts = given.flatMap((g) => {
        const host = field === env.url ? (parseUrl(g.value)?.hostname.replace(/^\[|\]$/g, '') ?? null) : g.value;
        return host ? [{ host, file: g.file, line: g.line }] : [];
      });
      if (hosts.length > 0) field.composeHosts = hosts;
    }
  }
}

/**
 * Analyzes config source text given inline. `file` is the project-relative
 * path (its extension selects JSON or JS); `absPath` is only used for
 * `__dirname`-style evaluation and defaults to `file`. `parsed` gives the
 * tree of a JS config when the caller has it.
 */
export function analyzeDbConfigSource(source: string, file: string, absPath: string = file, parsed?: () => ParseResult, localPasswords?: () => LocalPasswords): DbConfigAnalysis {
  const format = formatOf(file);
  try {
    return format === 'json' ? analyzeJson(source, file, absPath, localPasswords) : analyzeJs(source, file, absPath, parsed?.() ?? parseSource(source, absPath), localPasswords);
  } catch (error) {
    // A bug of ours must not take the analysis down: say so in the analysis.
    const message = error instanceof Error ? error.message : String(error);
    return failed(file, format, { message: `internal error while reading the config: ${message}`, line: 1, column: 1 });
  }
}

function formatOf(file: string): 'json' | 'js' {
  return /\.json$/i.test(file) ? 'json' : 'js';
}

function failed(file: string, format: 'json' | 'js', error: DbConfigError): DbConfigAnalysis {
  return { file, format, environments: [], errors: [error], partial: true };
}

function analyzeJson(source: string, file: string, absPath: string, localPasswords?: () => LocalPasswords): DbConfigAnalysis {
  // Node strips a BOM before JSON.parse when it requires a .json file.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  try {
    JSON.parse(text);
  } catch (error) {
    // sequelize-cli requires the file: JSON.parse rejects comments and trailing commas, so the CLI fails too.
    return failed(file, 'json', jsonError(error, text));
  }
  // Parsed as a JS expression for locations; the opening parenthesis sits on a line of its own.
  const wrapped = `(\n${text}\n)`;
  const parsed = parseSource(wrapped, `${absPath}.js`);
  if (!parsed.ok) return failed(file, 'json', { message: parsed.message, line: Math.max(1, parsed.line - 1), column: parsed.column });
  const stmt = parsed.ast.body[0];
  const reader = new StaticConfigReader(parsed.ast, moduleContext(absPath, file, wrapped, parsed.ast), -1);
  if (stmt?.type !== 'ExpressionStatement') return { file, format: 'json', environments: [], errors: [], partial: true };
  const root = reader.resolve(stmt.expression);
  return fromExport(reader, file, 'json', root, reader.loc(stmt.expression), localPasswords);
}

function analyzeJs(source: string, file: string, absPath: string, parsed: ParseResult, localPasswords?: () => LocalPasswords): DbConfigAnalysis {
  if (!parsed.ok) return failed(file, 'js', { message: parsed.message, line: parsed.line, column: parsed.column });
  const reader = new StaticConfigReader(parsed.ast, moduleContext(absPath, file, source, parsed.ast));
  const exported = reader.exported();
  if (!exported) return { file, format: 'js', environments: [], errors: [], partial: true };
  return fromExport(reader, file, 'js', exported.root, exported.loc, localPasswords);
}

function jsonError(error: unknown, text: string): DbConfigError {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  let line = 1;
  let column = 1;
  if (at) {
    const before = text.slice(0, Number(at[1]));
    line = lineAt(text, Number(at[1]));
    column = before.length - before.lastIndexOf('\n');
  }
  return { message: `invalid JSON: ${message}`, line, column };
}

function fromExport(reader: StaticConfigReader, file: string, format: 'json' | 'js', root: Resolved, loc: SourceLocation, localPasswords?: () => LocalPasswords): DbConfigAnalysis {
  // `module.exports = config[process.env.NODE_ENV || 'development']`: the file picks the environment sequelize-cli would
  // pick, so it exports one of `config`'s environments, each as they are written there.
  const picked = root.kind === 'expr' ? pickedEnvironment(reader, root.node) : null;
  if (picked) return fromExport(reader, file, format, picked, loc, localPasswords);
  if (root.kind !== 'object') return { file, format, environments: [], errors: [], partial: true };
  const isFlat = [...root.props.keys()].some((k) => CONNECTION_KEYS.includes(k)) && ![...root.props.values()].some(isEnvironmentObject);
  if (isFlat) {
    // sequelize-cli uses `config[NODE_ENV]` when it exists, else the whole export.
    const literals: LiteralKeys = new Map();
    const environments: DbEnvironment[] = [{ ...environment(reader, FLAT_ENVIRONMENT, root, loc, literals), flat: true }];
    if (localPasswords) markLocalPasswords(literals, localPasswords());
    return { file, format, environments, errors: [], partial: root.partial };
  }
  // Top-level primitives next to the environments (`dialect: 'postgres'`) are no environment.
  const literals: LiteralKeys = new Map();
  const environments = [...root.props.values()]
    .filter((p) => p.value.kind === 'object' || reader.classify(p.value.node).source !== 'literal')
    .map((p) => environment(reader, p.key, p.value, p.loc, literals));
  markSameValues(environments, literals);
  if (localPasswords) markLocalPasswords(literals, localPasswords());
  return { file, format, environments, errors: [], partial: root.partial };
}

/**
 * Sets `localContainerPassword` on a password (or a URL's password) written with, or falling back to, the password a
 * Compose file gives its database container (src/config/compose-passwords.ts).
 */
function markLocalPasswords(literals: LiteralKeys, passwords: LocalPasswords): void {
  if (passwords.size === 0) return;
  for (const [fieldOf, key] of literals) {
    const m = /^(?:literal|literal-fallback):(str|password):([\s\S]*)$/.exec(key);
    if (!m) continue;
    if (m[1] === 'str' && fieldOf.value !== undefined) continue;
    const at = passwords.get(m[2]!);
    if (at) fieldOf.localContainerPassword = at;
  }
}

/** The literal each connection setting is written with (its source and value), to compare environments without keeping secrets. */
type LiteralKeys = Map<ConfigField, string>;

const COMPARED_FIELDS = ['dialect', 'host', 'port', 'database', 'username', 'password', 'url'] as const;

/** Sets `sameValueIn` on settings that several environments write with the same literal (or the same literal fallback). */
function markSameValues(environments: DbEnvironment[], literals: LiteralKeys): void {
  for (const name of COMPARED_FIELDS) {
    const groups = new Map<string, DbEnvironment[]>();
    for (const env of environments) {
      const key = literals.get(env[name]);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(env);
      else groups.set(key, [env]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const env of group) env[name].sameValueIn = group.filter((other) => other !== env).map((other) => other.name);
    }
  }
}

/**
 * The object of environments an export picks one of by a key known only at run time (`config[env]`, `config[process.env.NODE_ENV]`);
 * null for anything else (a static key is resolved as any member is).
 */
function pickedEnvironment(reader: StaticConfigReader, node: TSESTree.Node): Resolved | null {
  const member = node.type === 'MemberExpression' && node.computed && node.property.type !== 'Literal' ? node : null;
  if (!member) return null;
  const parent = reader.resolve(member.object as TSESTree.Expression);
  return parent.kind === 'object' && [...parent.props.values()].some(isEnvironmentObject) ? parent : null;
}

function isEnvironmentObject(p: ConfigProp): boolean {
  return p.value.kind === 'object' && [...p.value.props.keys()].some((k) => CONNECTION_KEYS.includes(k));
}

/** Everything migralint knows about one environment. */
function environment(reader: StaticConfigReader, name: string, value: Resolved, loc: SourceLocation, literals?: LiteralKeys): DbEnvironment {
  if (value.kind !== 'object') {
    const unknown: ConfigField = { source: 'unknown', loc };
    return {
      name,
      loc,
      opaque: true,
      dialect: unknown,
      host: unknown,
      port: unknown,
      database: unknown,
      username: unknown,
      password: unknown,
      url: unknown,
      ssl: { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'absent', loc },
      logging: 'unknown',
      loggingLoc: loc,
      pool: null,
      raw: { $expr: reader.text(value.node) },
    };
  }
  const dialect = field(reader, value, 'dialect', false, literals);
  const url = urlField(reader, value, literals);
  const logging = loggingOf(reader, value);
  const env: DbEnvironment = {
    name,
    loc,
    dialect,
    host: field(reader, value, 'host', false, literals),
    port: field(reader, value, 'port', false, literals),
    database: field(reader, value, 'database', false, literals),
    username: field(reader, value, 'username', false, literals),
    password: field(reader, value, 'password', true, literals),
    url,
    ssl: sslOf(reader, value, dialect, url),
    logging: logging.setting,
    loggingLoc: logging.loc,
    pool: poolOf(reader, value),
    raw: rawObject(reader, value),
  };
  if (logging.text !== undefined) env.loggingText = logging.text;
  // One object read in full written for several environments (`staging: common, production: common`): the same key.
  if (!value.partial && value.props.size > 0) env.sameObjectAs = [...value.props.values()].map((p) => `${p.loc.line}:${p.loc.column}`).sort().join(',');
  return env;
}

function absentOrUnknown(obj: ConfigObject): ConfigField {
  return { source: obj.partial ? 'unknown' : 'absent', loc: null };
}

/** A connection setting: where it comes from, and its literal when it is not a secret (`literals` gets every literal's key). */
function field(reader: StaticConfigReader, obj: ConfigObject, key: string, secret: boolean, literals?: LiteralKeys): ConfigField {
  const prop = obj.props.get(key);
  if (!prop) return absentOrUnknown(obj);
  if (prop.value.kind !== 'expr') return { source: 'unknown', loc: prop.loc };
  const c = reader.classify(prop.value.node);
  const out = fromClassified(c, prop.loc);
  if (c.source === 'unknown' && !secret) {
    const text = reader.text(prop.value.node);
    out.expression = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  if (c.literal && (c.source === 'literal' || c.source === 'literal-fallback')) {
    const v = reader.value(c.literal);
    if (v.k === 'null' || v.k === 'undef' || (v.k === 'str' && v.v === '')) out.empty = true;
    else if (!secret && (v.k === 'str' || v.k === 'num')) out.value = v.v;
    if (v.k === 'str' && isPlaceholder(v.v)) out.placeholder = true;
    if (secret && v.k === 'str' && STOCK_PASSWORDS.test(v.v.trim())) out.stockDefault = true;
    if (!out.empty && (v.k === 'str' || v.k === 'num' || v.k === 'bool')) literals?.set(out, `${c.source}:${v.k}:${String(v.v)}`);
  }
  return out;
}

/** The passwords database images and installers set up by default, or the ones every tutorial uses. */
const STOCK_PASSWORDS = /^(postgres|root|password|mysql|mariadb|admin|pass)$/i;

/**
 * A reference to an environment variable written as a string (`"process.env.DB_PASSWORD"`, `"$DB_PASSWORD"` in a
 * config.json, which nothing expands): the text itself is what Sequelize gets, no secret and no server (hold-out 98).
 */
export const ENV_REFERENCE_TEXT = /^process\.env\.[A-Za-z_][A-Za-z0-9_]*$|^\$[A-Z_][A-Z0-9_]*$/;

/**
 * A value written to be replaced, not a secret: `your_db_password`, `<password>`, `{{DB_PASS}}`, `"process.env.X"`, `REPLACE_ME`,
 * `replace` alone (hold-out 49), `xxxxxx`, `********`, `password_here`. Not `changeme`: compose files set databases up with it, so it can be
 * the password that works.
 */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return ENV_REFERENCE_TEXT.test(v) || /^your[A-Z]/.test(v) || /^(your|enter)[_\-\s.]\w|^<[^>]+>$|^\{\{[^}]+\}\}$|^\$\{[^}]+\}$|^replace[_\-\s]?(me|this|it|with)\b|^(x{4,}|\*{4,})$|^placeholder|_here$|^(todo|tbd|replace|fixme)$/i.test(v);
}

function fromClassified(c: Classified, loc: SourceLocation): ConfigField {
  return c.envVar !== undefined ? { source: c.source, envVar: c.envVar, loc } : { source: c.source, loc };
}

/** `url` (a literal may carry the password: its key in `literals` is that password), else `use_env_variable`. */
function urlField(reader: StaticConfigReader, obj: ConfigObject, literals?: LiteralKeys): ConfigField {
  const prop = obj.props.get('url');
  if (prop) {
    if (prop.value.kind !== 'expr') return { source: 'unknown', loc: prop.loc, via: 'url' };
    const c = reader.classify(prop.value.node);
    const out: ConfigField = { ...fromClassified(c, prop.loc), via: 'url' };
    const text = c.literal ? asString(reader.value(c.literal)) : null;
    if (text !== null) {
      const parsed = parseUrl(text);
      if (parsed?.password) out.passwordInUrl = true;
      else if (text !== '') out.value = text;
      else out.empty = true;
      if (parsed?.password && isPlaceholder(parsed.password)) out.placeholder = true;
      // The host a literal url names (no secret): a developer's database on this machine or a private network.
      if (parsed?.hostname) out.urlHost = parsed.hostname.replace(/^\[|\]$/g, '');
      // One password in several URLs (other hosts, other databases) is one secret.
      if (!out.empty) literals?.set(out, parsed?.password ? `${c.source}:password:${parsed.password}` : `${c.source}:url:${text}`);
    }
    return out;
  }
  const envName = obj.props.get('use_env_variable');
  if (envName) {
    const name = envName.value.kind === 'expr' ? asString(reader.value(envName.value.node)) : null;
    return name ? { source: 'env', envVar: name, via: 'use_env_variable', loc: envName.loc } : { source: 'unknown', via: 'use_env_variable', loc: envName.loc };
  }
  return absentOrUnknown(obj);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * SSL as the `pg` driver receives it. Sequelize 6.37.8's postgres
 * connection manager (lib/dialects/postgres/connection-manager.js,
 * `connect`) builds the driver's config from user/password/host/database/port
 * and picks `ssl` from `dialectOptions` only: a top-level `ssl` option is
 * stored in `sequelize.config.ssl` and never reaches `pg`. `pg` requests TLS
 * when `ssl` is truthy (`{ require: true }` is just a truthy object: `require`
 * is no `pg` or TLS option), and Node verifies the certificate unless
 * `rejectUnauthorized` is exactly `false`. A URL's `sslmode` / `ssl` query
 * reaches `pg` through pg-connection-string (Sequelize merges it over
 * `dialectOptions`).
 */
function sslOf(reader: StaticConfigReader, obj: ConfigObject, dialect: ConfigField, url: ConfigField): SslSetting {
  const fromUrl = url.source === 'literal' && url.loc ? sslFromUrl(reader, obj, url.loc) : null;
  if (fromUrl) return fromUrl;
  const dialectOptions = obj.props.get('dialectOptions');
  if (dialectOptions) {
    if (dialectOptions.value.kind !== 'object') return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'dialectOptions.ssl', loc: dialectOptions.loc };
    const ssl = dialectOptions.value.props.get('ssl');
    if (ssl) return sslValue(reader, ssl);
    if (dialectOptions.value.partial) return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'dialectOptions.ssl', loc: dialectOptions.loc };
  }
  // The URL comes from the environment and may carry `sslmode`.
  if (url.via !== undefined && url.source !== 'literal') {
    return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'url', loc: url.loc };
  }
  const topLevel = obj.props.get('ssl');
  if (topLevel) {
    const v = topLevel.value.kind === 'expr' ? reader.value(topLevel.value.node) : null;
    const postgres = typeof dialect.value === 'string' && POSTGRES_DIALECTS.has(dialect.value);
    if (postgres && v !== null) {
      const on = truthiness(v);
      if (on === null) return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'ssl', loc: topLevel.loc };
      const out: SslSetting = { enabled: false, rejectUnauthorized: 'default', source: 'ssl', loc: topLevel.loc };
      if (on) out.topLevelIgnored = true;
      return out;
    }
    return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'ssl', loc: topLevel.loc };
  }
  if (obj.partial) return { enabled: 'unknown', rejectUnauthorized: 'unknown', source: 'absent', loc: null };
  return { enabled: false, rejectUnauthorized: 'default', source: 'absent', loc: null };
}

/** `dialectOptions.ssl`: a boolean, `'no-verify'`, or an object with `rejectUnauthorized`. */
function sslValue(reader: StaticConfigReader, ssl: ConfigProp): SslSetting {
  const at = (enabled: SslSetting['enabled'], rejectUnauthorized: SslSetting['rejectUnauthorized'], rejectUnauthorizedLoc?: SourceLocation): SslSetting => {
    const out: SslSetting = { enabled, rejectUnauthorized, source: 'dialectOptions.ssl', loc: ssl.loc };
    if (rejectUnauthorizedLoc) out.rejectUnauthorizedLoc = rejectUnauthorizedLoc;
    return out;
  };
  if (ssl.value.kind === 'object') {
    const ru = ssl.value.props.get('rejectUnauthorized');
    if (!ru) return at(true, ssl.value.partial ? 'unknown' : 'default');
    const v = ru.value.kind === 'expr' && reader.classify(ru.value.node).source === 'literal' ? reader.value(ru.value.node) : null;
    // Node's TLS verifies the certificate unless rejectUnauthorized is exactly false.
    return at(true, v === null || v.k === 'unknown' ? 'unknown' : !(v.k === 'bool' && v.v === false), ru.loc);
  }
  const c = reader.classify(ssl.value.node);
  if (c.source !== 'literal') return at('unknown', 'unknown');
  const v = reader.value(ssl.value.node);
  if (v.k === 'str' && v.v === 'no-verify') return at(true, false, ssl.loc);
  const on = truthiness(v);
  return on === null ? at('unknown', 'unknown') : at(on, 'default');
}

/** `sslmode` / `ssl` in a literal URL (pg-connection-string 2.x semantics). Null when the URL says nothing about SSL. */
function sslFromUrl(reader: StaticConfigReader, obj: ConfigObject, loc: SourceLocation): SslSetting | null {
  const prop = obj.props.get('url');
  const text = prop?.value.kind === 'expr' ? asString(reader.value(prop.value.node)) : null;
  const url = text ? parseUrl(text) : null;
  if (!url) return null;
  const mode = url.searchParams.get('sslmode');
  const ssl = url.searchParams.get('ssl');
  const libpq = url.searchParams.get('uselibpqcompat') === 'true';
  const at = (enabled: boolean, verified: boolean | 'default'): SslSetting =>
    verified === false ? { enabled, rejectUnauthorized: false, source: 'url', loc, rejectUnauthorizedLoc: loc } : { enabled, rejectUnauthorized: verified, source: 'url', loc };
  if (mode === 'disable') return at(false, 'default');
  if (mode === 'no-verify' || (libpq && (mode === 'require' || mode === 'prefer'))) return at(true, false);
  if (mode !== null) return at(true, 'default');
  if (ssl === 'true' || ssl === '1') return at(true, 'default');
  if (ssl === '0') return at(false, 'default');
  return null;
}

/**
 * Whether SQL is logged. When `logging` is absent Sequelize logs every
 * statement with console.log: Sequelize 6.37.8 lib/sequelize.js, the
 * constructor's defaults (`logging: console.log`), and `query()`, which
 * falls back to console.log when the option is absent. `logging: true` is
 * turned into console.log (deprecated), and sequelize-cli replaces any
 * truthy non-function `logging` by console.log (config-helper `readConfig`).
 * Measured in test/config/sequelize-semantics.test.ts.
 */
function loggingOf(reader: StaticConfigReader, obj: ConfigObject): { setting: LoggingSetting; loc: SourceLocation | null; text?: string } {
  const prop = obj.props.get('logging');
  if (!prop) return { setting: obj.partial ? 'unknown' : 'default', loc: null };
  if (prop.value.kind !== 'expr') return { setting: 'on', loc: prop.loc, text: 'an object' };
  const l = loggingValue(reader, prop.value.node, 0);
  const out: { setting: LoggingSetting; loc: SourceLocation; text?: string } = { setting: l.setting, loc: prop.loc };
  if (l.text !== undefined) out.text = l.text;
  return out;
}

function loggingValue(reader: StaticConfigReader, node: Expression, depth: number): { setting: LoggingSetting; text?: string } {
  if (depth > 8) return { setting: 'unknown' };
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return functionLogging(node);
  if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'console') {
    return { setting: 'on', text: reader.text(node) };
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'bind') {
    return { setting: 'on', text: reader.text(node) };
  }
  if (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression') {
    const test = node.type === 'ConditionalExpression' ? truthiness(reader.value(node.test)) : null;
    if (node.type === 'ConditionalExpression' && test !== null) return loggingValue(reader, test ? node.consequent : node.alternate, depth + 1);
    const a = loggingValue(reader, node.type === 'ConditionalExpression' ? node.consequent : node.left, depth + 1);
    const b = loggingValue(reader, node.type === 'ConditionalExpression' ? node.alternate : node.right, depth + 1);
    if (node.type === 'LogicalExpression' && (reader.classify(node.left).source !== 'literal')) return { setting: 'unknown' };
    return a.setting === b.setting ? a : { setting: 'unknown' };
  }
  if (node.type === 'Identifier' && reader.functionOf(node)) return { setting: 'on', text: 'a logging function' };
  // A constant or a property of a constant object: look at what it holds.
  const resolved = reader.resolve(node);
  if (resolved.kind === 'expr' && resolved.node !== node) return loggingValue(reader, resolved.node, depth + 1);
  const c = reader.classify(node);
  const v = reader.value(node);
  if (v.k === 'fn') return { setting: 'on', text: 'a logging function' };
  if (c.source !== 'literal') return { setting: 'unknown' };
  if (v.k === 'null' || v.k === 'undef') return { setting: 'off' };
  const on = truthiness(v);
  if (on === null) return { setting: 'unknown' };
  return on ? { setting: 'on', text: reader.text(node) } : { setting: 'off' };
}

/**
 * What a logging function written in place does with the statements: nothing when it calls nothing (`() => {}`), it
 * depends when every call it makes sits under a condition (`(sql) => { !isDev || console.log(sql) }`, `if (debug)
 * logger.info(sql)`: hold-out 69), else it logs them.
 */
function functionLogging(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): { setting: LoggingSetting; text?: string } {
  let calls = 0;
  let unconditional = 0;
  const parents = new Map<TSESTree.Node, TSESTree.Node | null>();
  traverse(fn.body, (n, parent) => {
    parents.set(n, parent);
    if (n !== fn.body && (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration')) return 'skip';
    if (n.type !== 'CallExpression') return undefined;
    calls++;
    // Under a condition: the right side of `&&` / `||` / `??`, a branch of `?:`, a branch of an `if`.
    let child: TSESTree.Node = n;
    for (let p = parent; p && child !== fn.body; child = p, p = parents.get(p) ?? null) {
      if ((p.type === 'LogicalExpression' && p.right === child) || (p.type === 'ConditionalExpression' && p.test !== child) || (p.type === 'IfStatement' && p.test !== child)) return undefined;
    }
    unconditional++;
    return undefined;
  });
  if (calls === 0) return { setting: 'off' };
  if (unconditional === 0) return { setting: 'unknown', text: 'a logging function that logs only under a condition' };
  return { setting: 'on', text: 'a logging function' };
}

function poolOf(reader: StaticConfigReader, obj: ConfigObject): JsonValue | null {
  const prop = obj.props.get('pool');
  if (!prop) return null;
  return rawValue(reader, prop.value, 'pool');
}

/** The environment as JSON, secrets redacted, environment reads as `{ $env }`. */
function rawObject(reader: StaticConfigReader, obj: ConfigObject): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [key, prop] of obj.props) out[key] = rawValue(reader, prop.value, key);
  if (obj.partial) out.$partial = true;
  return out;
}

const SECRET_KEYS = new Set(['password', 'passphrase', 'key', 'pfx']);
const STATIC_KINDS = new Set(['str', 'num', 'bool', 'null', 'arr', 'obj']);

function rawValue(reader: StaticConfigReader, value: Resolved, key: string): JsonValue {
  if (value.kind === 'object') return rawObject(reader, value);
  const c = reader.classify(value.node);
  const secret = SECRET_KEYS.has(key);
  const literal = (node: Expression): JsonValue => {
    const json = toJson(reader.value(node));
    if (key === 'url' && typeof json === 'string') return redactUrl(json);
    return secret && json !== null && json !== '' ? REDACTED : json;
  };
  switch (c.source) {
    case 'env':
      return c.envVar !== undefined ? { $env: c.envVar } : { $expr: reader.text(value.node) };
    case 'literal-fallback': {
      const out: Record<string, JsonValue> = c.envVar !== undefined ? { $env: c.envVar } : { $expr: reader.text(value.node) };
      if (c.literal) out.$fallback = literal(c.literal);
      return out;
    }
    case 'literal':
      return literal(value.node);
    default: {
      // Static values the interpreter computes (a constant array, `path.join(...)`) stay values; the rest is shown as written.
      const v = reader.value(value.node);
      if (!STATIC_KINDS.has(v.k)) return { $expr: reader.text(value.node) };
      const json = toJson(v);
      return secret && typeof json === 'string' ? REDACTED : json;
    }
  }
}

function redactUrl(text: string): string {
  const url = parseUrl(text);
  if (!url?.password) return text;
  return `${url.protocol}//${url.username}:${REDACTED}@${url.host}${url.pathname}${url.search}`;
}
