import { parse as parseEstree } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type Program = TSESTree.Program;

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
  // A UTF-8 BOM or a shebang line must not break parsing.
  const text = code.charCodeAt(0) === 0xfeff ? code.slice(1) : code;
  try {
    const ast = parseEstree(text, {
      loc: true,
      range: true,
      comment: true,
      jsx: false,
      // The extension decides JS vs TS parsing, as it does for the runner's loader.
      filePath,
      errorOnUnknownASTType: false,
      allowInvalidAST: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, ast };
  } catch (error) {
    return toParseFailure(error);
  }
}

function toParseFailure(error: unknown): ParseFailure {
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown; location?: { start?: { line?: number; column?: number } } };
  const raw = typeof e?.message === 'string' ? e.message : String(error);
  const line = typeof e?.lineNumber === 'number' ? e.lineNumber : e?.location?.start?.line ?? 1;
  // typescript-estree reports a 0-based column.
  const column0 = typeof e?.column === 'number' ? e.column : e?.location?.start?.column ?? 0;
  return { ok: false, message: raw.split('\n')[0] ?? raw, line, column: column0 + 1 };
}
