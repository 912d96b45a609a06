import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';

/**
 * The rule contract's typing, checked by the compiler: test/types/create-rule.typecheck.ts
 * must type-check as written (every `@ts-expect-error` in it is needed), and
 * without its `@ts-expect-error` comments exactly the lines they mark must fail.
 */
const FILE = path.join(REPO, 'test', 'types', 'create-rule.typecheck.ts');

function compilerOptions(): ts.CompilerOptions {
  const tsconfig = path.join(REPO, 'tsconfig.json');
  const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, REPO).options, noEmit: true };
}

/** Parsed files other than FILE, shared by the two programs. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type errors of FILE, its text rewritten by `edit`: `line: message` (1-based lines). */
function typeErrors(edit: (text: string) => string = (t) => t): string[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    if (path.resolve(name) === FILE) return ts.createSourceFile(name, edit(ts.sys.readFile(FILE)!), version);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, version, ...rest));
    return parsed.get(name);
  };
  const program = ts.createProgram({ rootNames: [FILE], options, host });
  const file = program.getSourceFile(FILE)!;
  // Only this file's diagnostics: the rest of the code base is checked by `tsc`.
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const at = d.start !== undefined ? `${file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${at}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('createRule typing', () => {
  it('type-checks as written, every @ts-expect-error used', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);

  it('without its @ts-expect-error comments, exactly the lines they mark are refused', () => {
    const lines = ts.sys.readFile(FILE)!.split('\n');
    const marked = lines.flatMap((line, i) => (line.includes('// @ts-expect-error') ? [i + 2] : []));
    expect(marked).toHaveLength(4);
    // Blank the comments (line numbers stay): the line after each must now be an error, and nothing else.
    const errors = typeErrors((t) => t.replace(/\/\/ @ts-expect-error.*$/gm, ''));
    expect(errors.map((e) => Number(e.split(':')[0]))).toEqual(marked);
    expect(errors.join('\n')).toMatch(/misspeltDrop[\s\S]*misspeltGuard[\s\S]*misspeltExtra[\s\S]*'string' is not assignable/);
  }, 60_000);
});
