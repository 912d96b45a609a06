import { spawnSync } from 'node:child_process';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceLocation } from './model';
import { traverse } from './traverse';

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
 * Parses a migration (JS or TS, ESM or CJS, or both in one file) into ESTree.
 * Never throws for bad input: a syntax error becomes a ParseFailure with a
 * 1-based position. The file is never executed.
 *
 * `filePath` selects the dialect (.ts/.cts/.mts parse as TypeScript). JSX is
 * off: migrations never contain it, and it would make `<` ambiguous.
 */
export function parseSource(code: string, filePath: string): ParseResult {
  // A UTF-8 BOM must not break parsing; replacing it by a space keeps every
  // offset equal to the offsets in `code`, which callers slice for messages.
  const text = code.charCodeAt(0) === 0xfeff ? ` ${code.slice(1)}` : code;
  let ast: Program;
  try {
    ast = parseEstree(text, parserOptions(filePath));
  } catch (error) {
    if (!(error instanceof RangeError)) return toParseFailure(error);
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
  }
  return { ok: true, ast };
}

const JS_FILE = /\.(c|m)?js$/i;

function parserOptions(filePath: string) {
  return {
    loc: true,
    range: true,
    comment: true,
    jsx: false,
    // The extension decides JS vs TS parsing, as it does for the runner's loader.
    filePath,
    errorOnUnknownASTType: false,
    allowInvalidAST: false,
    suppressDeprecatedPropertyWarnings: true,
  } as const;
}

function parseWithLargeStack(text: string, filePath: string): ParseResult | null {
  const script = `
    const { parse } = require(${JSON.stringify(require.resolve('@typescript-eslint/typescript-estree'))});
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (input += c));
    process.stdin.on('end', () => {
      try { process.stdout.write(JSON.stringify({ ok: true, ast: parse(input, ${JSON.stringify(parserOptions(filePath))}) })); }
      catch (e) { process.stdout.write(JSON.stringify({ ok: false, error: { message: e.message, lineNumber: e.lineNumber, column: e.column } })); }
    });`;
  const r = spawnSync(process.execPath, ['--stack-size=4000', '-e', script], { input: text, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
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
