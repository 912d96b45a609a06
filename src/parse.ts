import { spawnSync } from 'node:child_process';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceLocation } from './model';
import { traverse } from './traverse';
import { lineAt } from './util/text';

/**
 * typescript-estree (and TypeScript behind it) takes ~300 ms to load: load it
 * on the first parse only, so a run served from the cache never pays for it.
 */
let estree: typeof import('@typescript-eslint/typescript-estree') | undefined;
function parseEstree(code: string, options: ReturnType<typeof parserOptions>): Program {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  estree ??= require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree');
  return estree.parse(code, options) as Program;
}

export type Program = TSESTree.Program;
export type Comment = TSESTree.Comment;

/** An ESTree location (0-based columns) as migralint reports it (1-based columns). */
export function toSourceLocation(loc: TSESTree.SourceLocation): SourceLocation {
  return { line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}

export interface ParseSuccess {
  ok: true;
  ast: Program;
}

export interface ParseFailure {
  ok: false;
  /** The parser's message, without location decoration. */
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult = ParseSuccess | ParseFailure;

/**
 * The parsers `parseSource` can use. `oxc` (oxc-parser, native, ESTree with
 * TypeScript) is the default: it parses several times faster than
 * `typescript-estree` and needs no TypeScript load. A file oxc rejects (a
 * syntax or early error), or whose extension is not one of the six it is used
 * for, is parsed by `typescript-estree` as before, so parse failures read
 * exactly as they always did. The ESLint plugin never calls this: ESLint
 * hands it `@typescript-eslint/parser`'s tree.
 */
export type ParserName = 'oxc' | 'typescript-estree';

let defaultParser: ParserName = 'oxc';

/** The parser `parseSource` uses when none is given (tests compare both; returns the previous one). */
export function setDefaultParser(parser: ParserName): ParserName {
  const previous = defaultParser;
  defaultParser = parser;
  return previous;
}

/**
 * Parses a migration (JS or TS, ESM or CJS, or both in one file) into ESTree.
 * Never throws for bad input: a syntax error becomes a ParseFailure with a
 * 1-based position. The file is never executed.
 *
 * `filePath` selects the dialect (.ts/.cts/.mts parse as TypeScript). JSX is
 * off: migrations never contain it, and it would make `<` ambiguous.
 */
export function parseSource(code: string, filePath: string, parser: ParserName = defaultParser): ParseResult {
  // A UTF-8 BOM must not break parsing; replacing it by a space keeps every
  // offset equal to the offsets in `code`, which callers slice for messages.
  const text = code.charCodeAt(0) === 0xfeff ? ` ${code.slice(1)}` : code;
  if (parser === 'oxc') {
    const fast = parseWithOxc(text, filePath);
    if (fast) return withTypeScriptVerdict(text, filePath, fast);
  }
  return parseWithEstree(text, filePath);
}

/** A TypeScript file's tree, unless the runner's compiler or Node refuses the file (see `typeScriptEarlyError`). */
function withTypeScriptVerdict(text: string, filePath: string, ast: Program): ParseResult {
  const early = TS_FILE.test(filePath) ? typeScriptEarlyError(text, filePath, ast) : null;
  return early ?? { ok: true, ast };
}

/** typescript-estree, then the checks of what Node refuses in a JS file. */
function parseWithEstree(text: string, filePath: string): ParseResult {
  let ast: Program;
  try {
    ast = parseEstree(text, parserOptions(filePath));
  } catch (error) {
    if (!(error instanceof RangeError)) return TS_FILE.test(filePath) ? typeScriptFailure(text, filePath, toParseFailure(error)) : toParseFailure(error);
    // Valid code nested deeper than the parser's recursion allows (a
    // 1,000-term string concatenation): parse it again with a larger stack.
    const retried = parseWithLargeStack(text, filePath);
    if (!retried) return { ok: false, message: 'the file is nested too deeply for the parser (stack overflow)', line: 1, column: 1 };
    if (!retried.ok) return retried;
    ast = retried.ast;
  }
  if (JS_FILE.test(filePath)) {
    const ts = findTypeScriptSyntax(ast);
    if (ts) return { ok: false, message: `TypeScript syntax in a JavaScript file (${ts.what}): Node cannot load it`, line: ts.line, column: ts.column };
    const early = findEarlyError(text, filePath, ast);
    if (early) return early;
    return { ok: true, ast };
  }
  return withTypeScriptVerdict(text, filePath, ast);
}

/** Extensions oxc parses here, and as what. */
const OXC_LANG = /\.(?:[cm]?(js)|[cm]?ts)$/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/**
 * The tree of a file that oxc parses without any error (syntax, or for JS the
 * early errors Node would refuse), with `range` and `loc` on every node and
 * comment as typescript-estree gives them; null otherwise (the caller then
 * parses with typescript-estree, which words the failure).
 */
function parseWithOxc(text: string, filePath: string): Program | null {
  const lang = OXC_LANG.exec(filePath);
  if (!lang || DECLARATION_FILE.test(filePath)) return null;
  const js = lang[1] !== undefined;
  // Node decides CommonJS or ES module by the extension, else by the syntax (`hasModuleSyntax`): oxc's `unambiguous`
  // does the same, checked below.
  const sourceType = !js || /\.mjs$/i.test(filePath) ? 'module' : /\.cjs$/i.test(filePath) ? 'commonjs' : 'unambiguous';
  if (oxcUnavailable) return null;
  try {
    oxc ??= loadOxc();
  } catch {
    // No binding for this platform: typescript-estree parses everything (a failed require is not cached by Node).
    oxcUnavailable = true;
    return null;
  }
  try {
    const result = oxc.parseSync(filePath, text, { lang: js ? 'js' : 'ts', astType: 'ts', range: true, preserveParens: false, sourceType, showSemanticErrors: js });
    if (result.errors.some((e) => e.severity === 'Error')) return null;
    const program = result.program as unknown as Program & { sourceType: string; hashbang?: unknown };
    const esm = hasModuleSyntax(program);
    if (sourceType === 'unambiguous' && (program.sourceType === 'module') !== esm) return null;
    // As typescript-estree names it (nothing here reads it).
    program.sourceType = esm || /\.m[jt]s$/i.test(filePath) || program.body.some((s) => s.type === 'TSExportAssignment' || s.type === 'TSImportEqualsDeclaration') ? 'module' : 'script';
    const comments = result.comments as unknown as (TSESTree.Comment & { start: number; end: number })[];
    for (const c of comments) {
      // An HTML-like comment (`<!--`, `-->`), which oxc accepts in a script and TypeScript does not.
      if (c.type === 'Line' && text.charCodeAt(c.start) !== 0x2f) return null;
      c.range = [c.start, c.end];
    }
    program.comments = comments;
    delete program.hashbang;
    if (!addLocations(program, text)) return null;
    if (js && zeroWidthSpaceInCode(text, program) !== null) return null;
    return program;
  } catch {
    // A tree too deep for JSON.parse, an unexpected shape: the typescript-estree path decides.
    return null;
  }
}

/**
 * `loc` of every node and comment from its offsets, as typescript-estree computes it (lines broken at CRLF, LF,
 * CR, U+2028 and U+2029; 0-based columns in UTF-16 code units), and regular expression flags as written (oxc
 * sorts them). False when the tree holds what TypeScript's parser rejects and oxc accepts in sloppy mode: a
 * legacy octal number (`010`, `08`) or escape (`'\\033'`, `'\\8'`), an initializer in a `for...in` head.
 */
function addLocations(program: Program, text: string): boolean {
  const starts = lineStarts(text);
  const at = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! };
  };
  const stack: unknown[] = [program, program.comments];
  while (stack.length > 0) {
    const value = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (typeof value.type === 'string' && typeof value.start === 'number') {
      value.loc = { start: at(value.start), end: at(value.end as number) };
      if (value.type === 'Literal' && typeof value.raw === 'string') {
        if (value.regex !== undefined) {
          const regex = value.regex as { pattern: string; flags: string };
          regex.flags = value.raw.slice(value.raw.lastIndexOf('/') + 1);
          // A pattern V8 refuses (`/(/`): oxc does not check patterns; the slow path words the error.
          if (regexError(regex.pattern, regex.flags) !== null) return false;
        } else if (LEGACY_OCTAL.test(value.raw)) return false;
      } else if (value.type === 'ForInStatement' && (value.left as TSESTree.Node).type === 'VariableDeclaration' && (value.left as TSESTree.VariableDeclaration).declarations.some((d) => d.init)) {
        return false;
      }
    }
    for (const key in value) {
      if (key === 'loc' || key === 'range' || key === 'comments') continue;
      const child = value[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return true;
}

/** A legacy octal number literal, or a string whose escapes include a legacy octal or `\\8` `\\9` (a literal's `raw`). */
const LEGACY_OCTAL = /^0[0-9]|^['"](?:[^\\]|\\[^0-9]|\\0(?![0-9]))*\\[0-9]/;

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The part of oxc-parser used here (its types are ESM-only). */
interface OxcParser {
  parseSync(
    filename: string,
    text: string,
    options: {
      lang: 'js' | 'ts';
      sourceType: 'module' | 'commonjs' | 'unambiguous';
      showSemanticErrors: boolean;
      astType?: 'ts';
      range?: boolean;
      preserveParens?: boolean;
    },
  ): { errors: { severity: string; message: string; labels: { start: number }[] }[]; program: unknown; comments: unknown[] };
}
let oxc: OxcParser | undefined;
let oxcUnavailable = false;
function loadOxc(): OxcParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('oxc-parser') as OxcParser;
}

/**
 * What Node refuses to load although the syntax tree was built: the early
 * errors of the language (a `const` declared twice, `await` in a function
 * that is not `async`, `return` at the top of an ES module), which
 * typescript-estree does not check, found by oxc's semantic checks in the
 * module system Node uses for the file; and a U+200B (zero width space) in
 * code, which TypeScript and oxc skip as white space and V8 rejects.
 */
function findEarlyError(text: string, filePath: string, ast: Program): ParseFailure | null {
  const zwsp = zeroWidthSpaceInCode(text, ast);
  if (zwsp !== null) return { ok: false, message: 'Invalid or unexpected token (U+200B zero width space outside a string or comment): Node cannot load it', ...lineColumn(text, zwsp) };
  const sourceType = /\.mjs$/i.test(filePath) || (!/\.cjs$/i.test(filePath) && hasModuleSyntax(ast)) ? 'module' : 'commonjs';
  const first = jsEarlyErrors(text, sourceType)[0];
  return first ? { ok: false, message: `${first.message.replace(/\.$/, '')}: Node cannot load it`, ...lineColumn(text, first.at) } : null;
}

/** An early error: its message and the offset Node points at. */
interface EarlyError {
  message: string;
  at: number;
}

/** The early errors oxc's semantic checks find in `text`, parsed as `lang` in the module system `sourceType`. */
function semanticErrors(text: string, lang: 'js' | 'ts', sourceType: 'module' | 'commonjs'): { errors: EarlyError[]; program: unknown } {
  oxc ??= loadOxc();
  const { errors, program } = oxc.parseSync(lang === 'js' ? 'early.js' : 'early.ts', text, { lang, sourceType, showSemanticErrors: true });
  // A redeclaration is labeled at both declarations: Node points at the later one.
  return { errors: errors.filter((e) => e.severity === 'Error').map((e) => ({ message: e.message, at: Math.max(0, ...e.labels.map((l) => l.start)) })), program };
}

/** What Node refuses in JavaScript `text` that parses: oxc's semantic checks, then the regular expressions V8 refuses. */
function jsEarlyErrors(text: string, sourceType: 'module' | 'commonjs'): EarlyError[] {
  const { errors, program } = semanticErrors(text, 'js', sourceType);
  return [...errors, ...regexErrors(program)];
}

/**
 * The regular expression literals of a tree (oxc's or typescript-estree's) whose pattern or flags V8 refuses: oxc
 * checks neither, TypeScript only when type-checking. Nothing is run: a pattern is only compiled (`new RegExp`).
 */
function regexErrors(program: unknown): EarlyError[] {
  const out: EarlyError[] = [];
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const node = value as { type?: unknown; regex?: { pattern: string; flags: string }; start?: number; range?: [number, number] };
    if (node.type === 'Literal' && node.regex) {
      const message = regexError(node.regex.pattern, node.regex.flags);
      if (message !== null) out.push({ message, at: node.range?.[0] ?? node.start ?? 0 });
    }
    for (const key in node) if (key !== 'regex' && key !== 'loc' && key !== 'range' && key !== 'parent') stack.push((node as Record<string, unknown>)[key]);
  }
  return out.sort((x, y) => x.at - y.at);
}

/** V8's message for a regular expression it cannot compile (`Invalid regular expression: /(/: Unterminated group`), else null. */
function regexError(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : null;
  }
}

/**
 * What the runner cannot load in a TypeScript migration. A `.ts` migration
 * runs through ts-node (sequelize-cli's `require('ts-node/register')`, umzug
 * with ts-node): in `--transpile-only` mode ts-node compiles each file alone
 * with TypeScript's `transpileModule` and throws on any diagnostic it
 * reports (syntax errors), then Node loads the JavaScript it emitted, which
 * fails on the early errors that survive compilation (a `const` declared
 * twice, `await` in a function that is not `async`, a regular expression V8
 * refuses, top-level `await` compiled to CommonJS). The reference is that
 * pipeline, with the options ts-node's defaults give a current Node
 * (`COMPILE_OPTIONS`). Type errors are not its business: ts-node reports
 * them only when it type-checks, which migralint does not judge.
 *
 * TypeScript takes ~300 ms to load and ~2 ms a file to compile: oxc's
 * semantic checks over the file (as strict CommonJS, or as an ES module for
 * `.mts`) say first whether anything is suspect, and only a suspect file is
 * compiled. oxc reports more than the pipeline refuses (`import a` twice
 * compiles to two `require`s; a required parameter after an optional one is
 * a type error): the compiler decides.
 */
function typeScriptEarlyError(text: string, filePath: string, ast: Program): ParseFailure | null {
  if (DECLARATION_FILE.test(filePath)) return null;
  const suspects = [...typeScriptSuspects(text, filePath), ...regexErrors(ast)];
  if (suspects.length === 0) return null;
  const refused = compileAsRunner(text, filePath);
  if (!refused) return null;
  if ('line' in refused) return refused;
  // Where the emitted code failed, in the TypeScript source: the suspect with the same message, else the first.
  const at = (suspects.find((s) => s.message === refused.message) ?? suspects[0]!).at;
  return { ok: false, message: `${refused.message.replace(/\.$/, '')}: Node cannot load it once compiled`, ...lineColumn(text, at) };
}

/** The directive that makes a CommonJS file strict, as TypeScript emits it (`alwaysStrict`): put before the text oxc checks. */
const STRICT_PREFIX = "'use strict';";

/** Early errors oxc finds in a TypeScript file checked the way the runner's compiled output is loaded; offsets in `text`. */
function typeScriptSuspects(text: string, filePath: string): EarlyError[] {
  if (oxcUnavailable) return [{ message: '', at: 0 }];
  try {
    if (/\.mts$/i.test(filePath)) return semanticErrors(text, 'ts', 'module').errors;
    return semanticErrors(STRICT_PREFIX + text, 'ts', 'commonjs').errors.map((e) => ({ message: e.message, at: Math.max(0, e.at - STRICT_PREFIX.length) }));
  } catch {
    // No oxc binding for this platform: every file goes to the compiler.
    oxcUnavailable = true;
    return [{ message: '', at: 0 }];
  }
}

/**
 * A TypeScript file the parser refused: the runner may still load it (typescript-estree also applies some of
 * TypeScript's checks that only type-checking reports: `abstract` on a function). When the runner's compiler and
 * Node accept it, the tree is built without those checks; otherwise the parser's failure stands.
 */
function typeScriptFailure(text: string, filePath: string, failure: ParseFailure): ParseResult {
  if (DECLARATION_FILE.test(filePath) || compileAsRunner(text, filePath) !== null) return failure;
  try {
    return { ok: true, ast: parseEstree(text, parserOptions(filePath, true)) };
  } catch {
    return failure;
  }
}

/** The compiler options ts-node gives `transpileModule` by default on a current Node (@tsconfig/node20: ES2022, strict). */
const COMPILE_OPTIONS = { target: 'ES2022', strict: true } as const;
/** Diagnostics ts-node ignores by default (`ignoreDiagnostics`): file-level notes that never stop a compilation. */
const IGNORED_DIAGNOSTICS = new Set([6059, 18002, 18003]);

/**
 * The runner's verdict on a TypeScript file: null when `transpileModule` reports no diagnostic and Node can load
 * what it emits; a ParseFailure at the first diagnostic; or the first early error of the emitted JavaScript (offset
 * in the emitted text). Compiles, never runs.
 */
function compileAsRunner(text: string, filePath: string): ParseFailure | EarlyError | null {
  const ts = loadTypeScript();
  const esm = /\.mts$/i.test(filePath);
  const compilerOptions = { target: ts.ScriptTarget[COMPILE_OPTIONS.target], strict: COMPILE_OPTIONS.strict, module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS };
  const out = ts.transpileModule(text, { fileName: filePath, reportDiagnostics: true, compilerOptions });
  const diagnostic = (out.diagnostics ?? []).find((d) => !IGNORED_DIAGNOSTICS.has(d.code));
  if (diagnostic) return { ok: false, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '), ...lineColumn(text, diagnostic.start ?? 0) };
  return jsEarlyErrors(out.outputText, esm ? 'module' : 'commonjs')[0] ?? null;
}

/** The TypeScript typescript-estree uses (its peer dependency), loaded on the first suspect file only. */
let typescript: typeof import('typescript') | undefined;
function loadTypeScript(): typeof import('typescript') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typescript ??= require(require.resolve('typescript', { paths: [require.resolve('@typescript-eslint/typescript-estree')] })) as typeof import('typescript');
  return typescript;
}

/** `import` / `export` at the top: Node loads a `.js` file with them as an ES module. */
function hasModuleSyntax(ast: Program): boolean {
  return ast.body.some((s) => s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration');
}

/** The offset of the first U+200B that is not inside a comment, a string, a template's text or a regular expression; null when none is. */
function zeroWidthSpaceInCode(text: string, ast: Program): number | null {
  if (!text.includes('\u200B')) return null;
  const quoted: [number, number][] = (ast.comments ?? []).map((c) => c.range);
  traverse(ast, {
    enter: (n) => {
      if (n.type === 'Literal' || n.type === 'TemplateElement' || n.type === 'JSXText') quoted.push(n.range);
      return undefined;
    },
  });
  for (let at = text.indexOf('\u200B'); at !== -1; at = text.indexOf('\u200B', at + 1)) {
    if (!quoted.some(([start, end]) => at >= start && at < end)) return at;
  }
  return null;
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: lineAt(text, offset), column: offset - lineStart + 1 };
}

const JS_FILE = /\.(c|m)?js$/i;
const TS_FILE = /\.(c|m)?ts$/i;

function parserOptions(filePath: string, allowInvalidAST = false) {
  return {
    loc: true,
    range: true,
    comment: true,
    jsx: false,
    // The extension decides JS vs TS parsing, as it does for the runner's loader.
    filePath,
    errorOnUnknownASTType: false,
    allowInvalidAST,
    suppressDeprecatedPropertyWarnings: true,
  } as const;
}

function parseWithLargeStack(text: string, filePath: string): ParseResult | null {
  // The parse runs in a worker thread of a child process: a worker's stack size is its own (`stackSizeMb`), where
  // `--stack-size` beyond the main thread's real stack would crash the process.
  const worker = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { parse } = require(${JSON.stringify(require.resolve('@typescript-eslint/typescript-estree'))});
    let out;
    try { out = JSON.stringify({ ok: true, ast: parse(workerData, ${JSON.stringify(parserOptions(filePath))}) }); }
    catch (e) { out = e instanceof RangeError ? '' : JSON.stringify({ ok: false, error: { message: e.message, lineNumber: e.lineNumber, column: e.column } }); }
    parentPort.postMessage(out);`;
  const script = `
    const { Worker } = require('node:worker_threads');
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (input += c));
    process.stdin.on('end', () => {
      const w = new Worker(${JSON.stringify(worker)}, { eval: true, workerData: input, resourceLimits: { stackSizeMb: 256 } });
      w.on('message', (m) => process.stdout.write(m));
      w.on('error', () => process.exit(1));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 60_000 });
  if (r.status !== 0 || !r.stdout) return null;
  const out = JSON.parse(r.stdout) as { ok: true; ast: Program } | { ok: false; error: unknown };
  return out.ok ? { ok: true, ast: out.ast } : toParseFailure(out.error);
}

/**
 * Type annotations and other TypeScript-only syntax parse in a .js file
 * (the parser is lenient) but Node refuses to load the file: find the first.
 */
function findTypeScriptSyntax(ast: Program): { what: string; line: number; column: number } | null {
  let found: { what: string; line: number; column: number } | null = null;
  traverse(ast, {
    withTypes: true,
    enter: (n) => {
      if (!n.type.startsWith('TS')) return undefined;
      found = { what: n.type === 'TSTypeAnnotation' ? 'a type annotation' : n.type, line: n.loc.start.line, column: n.loc.start.column + 1 };
      return 'stop';
    },
  });
  return found;
}

function toParseFailure(error: unknown): ParseFailure {
  if (error instanceof RangeError) return { ok: false, message: 'the file is nested too deeply for the parser (stack overflow)', line: 1, column: 1 };
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown; location?: { start?: { line?: number; column?: number } } };
  const raw = typeof e?.message === 'string' ? e.message : String(error);
  const line = typeof e?.lineNumber === 'number' ? e.lineNumber : e?.location?.start?.line ?? 1;
  // typescript-estree reports a 0-based column.
  const column0 = typeof e?.column === 'number' ? e.column : e?.location?.start?.column ?? 0;
  return { ok: false, message: raw.split('\n')[0] ?? raw, line, column: column0 + 1 };
}
