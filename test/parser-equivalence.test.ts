/**
 * oxc-parser is the CLI's parser; typescript-estree is ESLint's (and the
 * fallback for what oxc rejects). Both must give migralint the same input:
 * every fixture project gives the same operation models, findings and
 * reports, every fixture source file the same tree (ranges, locations,
 * comments), and odd inputs the same tree or the same parse failure.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/extract';
import { analyzeProject } from '../src/project';
import { parseSource, setDefaultParser, type ParserName } from '../src/parse';
import { loadSqlParser } from '../src/sql/pg-parser';
import { getReporter, FORMATS } from '../src/reporters/registry';
import { toolVersion } from '../src/version';

const FIXTURES = path.join(REPO, 'fixtures');

beforeAll(async () => {
  await loadSqlParser();
});
afterEach(() => {
  setDefaultParser('oxc');
});

/** A tree as a comparable value: oxc's own `start`/`end` left out, a key oxc sets to null where typescript-estree leaves it out treated as absent. */
function comparable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (key === 'start' || key === 'end') return typeof v === 'number' ? undefined : v;
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof RegExp) return String(v);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== false && x !== undefined).sort(([a], [b]) => a.localeCompare(b)));
      }
      return v;
    }),
  );
}

async function analyzeWith(parser: ParserName, dir: string): Promise<unknown> {
  setDefaultParser(parser);
  try {
    const result = await analyzeProject(dir);
    const input = { project: result.project, findings: result.findings, suppressed: result.suppressed.length, tool: { name: 'migralint', version: toolVersion() } };
    const reports: Record<string, string> = {};
    for (const f of FORMATS) reports[f] = (await getReporter(f, { color: false, pathPrefix: '', linkBase: '' })).render(input);
    return { migrations: result.project.migrations, models: result.project.models ?? null, findings: result.findings, suppressed: result.suppressed, reports };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('every fixture project: same models, findings and reports with either parser', () => {
  const projects = fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory()).sort();
  it.each(projects)('%s', async (name) => {
    const dir = path.join(FIXTURES, name);
    const estree = await analyzeWith('typescript-estree', dir);
    const oxc = await analyzeWith('oxc', dir);
    expect(comparable(oxc)).toEqual(comparable(estree));
  });
});

describe('every fixture source file: the same tree with either parser', () => {
  it('ranges, locations, comments and values agree, file by file', () => {
    const files = sourceFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const oxc = comparable(parseSource(text, file, 'oxc'));
      expect(oxc, path.relative(REPO, file)).toEqual(comparable(parseSource(text, file, 'typescript-estree')));
    }
  });
});

/** Inputs where the two parsers could part: line breaks, UTF-16 columns, what TypeScript rejects and oxc accepts. */
const ODD = [
  '\uFEFFconst a = 1;\r\nconst b = "é😀";\rfoo(b)\u2028bar(`x${a}\ny`)',
  'const a = 1;\nconst a = 2;',
  'let x: number = 1',
  'await foo()',
  'return 1',
  'import x from "y"; return 1',
  'a\u200Bb',
  '"a\u200Bb"',
  'x = 010',
  'x = 08',
  "x = '\\033[0m'",
  "x = '\\8'",
  "x = '\\0'; y = \"\\\\033\"",
  'x = 0; y = 0.5; z = 00',
  'for (var i = 0 in x) {}',
  '<!-- html comment\nx',
  'x\n--> y',
  '1n + 2n; /a/ymgi; /[/]/v',
  'with (a) {}',
  'function f() { "use strict"; with (a) {} }',
  'function f(a, a) {}',
  '"use strict"; function f(a, a) {}',
  'let let = 1',
  'x = { __proto__: 1, __proto__: 2 }',
  'x = <any>y',
  'enum E { A = 1 }',
  '@dec class A { @dec m(@p x) {} }',
  'import fs = require("fs")',
  'export = foo',
  'let x = a < b > c',
  'class A { constructor(private readonly a: string) {} declare x: number }',
  '// a\n/** doc */ x\n/* a */ /* b */ y // tail\n',
  'tag`x\\unicode`',
];

describe('odd inputs: the same tree, or the same failure', () => {
  it.each(ODD.flatMap((source) => ['m.js', 'm.mjs', 'm.cjs', 'm.ts'].map((file) => [source, file] as const)))('%j as %s', (source, file) => {
    const oxc = comparable(parseSource(source, file, 'oxc')) as { ast?: { sourceType?: string } };
    const estree = comparable(parseSource(source, file, 'typescript-estree'));
    expect(oxc).toEqual(estree);
  });
});
