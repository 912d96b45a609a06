/**
 * A mutation fuzzer for migrations: seeds are the CommonJS migrations of our
 * fixtures (for TypeScript, the fixtures' TypeScript migrations, those seeds
 * typed, and a few of our own); each case applies one to three mutations
 * (delete, duplicate or swap tokens and lines, truncate, insert unusual
 * unicode) and runs the file through the whole pipeline (parse, extract,
 * every rule). A case fails when the pipeline throws, or when its parse
 * verdict differs from the runner's: Node's own CommonJS compiler
 * (`vm.compileFunction` with the module wrapper's parameters, which compiles
 * and never runs) decides whether the runner could load a `.js` file; a
 * `.ts` file is first compiled as ts-node `--transpile-only` compiles it
 * (TypeScript's `transpileModule`; any diagnostic stops it), then its output
 * goes to the same compiler. migralint must say `parse-error` exactly when
 * the runner refuses the file.
 *
 * Deterministic: a seeded generator, so a failing case number reproduces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { runRules } from '../../src/project';
import { RULES } from '../../src/rules/registry';
import { Workspace } from '../../src/workspace';
import { seededRandom } from '../../src/util/random';
import type { ProjectModel } from '../../src/model';

export interface FuzzFailure {
  case: number;
  mutations: string[];
  problem: string;
  source: string;
}

const REPO = path.resolve(__dirname, '../..');

/** The language of a fuzz run: `.js` files judged by Node, `.ts` files by ts-node's compilation, then Node. */
export type FuzzLanguage = 'js' | 'ts';

/** The seeds of a language: see `javaScriptSeeds` and `typeScriptSeeds`. */
export function fuzzSeeds(lang: FuzzLanguage = 'js'): string[] {
  return lang === 'js' ? javaScriptSeeds() : typeScriptSeeds();
}

/** The CommonJS migrations of the fixtures (ES module syntax is left out: Node decides its module system differently). */
function javaScriptSeeds(): string[] {
  const seeds: string[] = [];
  const fixtures = path.join(REPO, 'fixtures');
  for (const project of readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, project, 'migrations');
    let files: string[] = [];
    try {
      files = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      if (!f.endsWith('.js')) continue;
      const text = readFileSync(path.join(dir, f), 'utf8');
      if (!/\b(import|export)\b/.test(text)) seeds.push(text);
    }
  }
  return seeds;
}

/** TypeScript migrations of our own: the shapes sequelize-cli and umzug projects write, with types, enums, generics, classes. */
const TYPESCRIPT_SEEDS = [
  `import { DataTypes, QueryInterface, Transaction } from 'sequelize';

enum Status {
  Active = 'active',
  Archived = 'archived',
}

interface ColumnSpec<T = unknown> {
  name: string;
  defaultValue?: T;
}

const TABLE = 'orders' as const;
const COLUMNS: ReadonlyArray<ColumnSpec<string>> = [{ name: 'status', defaultValue: Status.Active }, { name: 'note' }];

export default {
  async up(queryInterface: QueryInterface): Promise<void> {
    await queryInterface.sequelize.transaction(async (transaction: Transaction) => {
      for (const column of COLUMNS) {
        await queryInterface.addColumn(TABLE, column.name, { type: DataTypes.STRING, defaultValue: column.defaultValue ?? null }, { transaction });
      }
    });
  },
  async down(queryInterface: QueryInterface): Promise<void> {
    for (const { name } of COLUMNS) await queryInterface.removeColumn(TABLE, name);
  },
};
`,
  `import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Context = { context: QueryInterface };

function indexName(table: string, ...columns: string[]): string {
  return \`\${table}_\${columns.join('_')}_idx\`;
}

export const up: MigrationFn<QueryInterface> = async ({ context: queryInterface }: Context) => {
  await queryInterface.addIndex('users', ['email'], { name: indexName('users', 'email'), unique: true });
  await queryInterface.sequelize.query(\`UPDATE users SET email = lower(email) WHERE email <> lower(email)\`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  await queryInterface.removeIndex('users', indexName('users', 'email'));
};
`,
  `'use strict';
import { QueryInterface, DataTypes as Types } from 'sequelize';

abstract class Step {
  protected constructor(readonly table: string) {}
  abstract run(qi: QueryInterface): Promise<unknown>;
}

class DropLegacy extends Step {
  #dropped = 0;
  constructor() {
    super('legacy_events');
  }
  async run(qi: QueryInterface) {
    this.#dropped++;
    return qi.dropTable(this.table);
  }
}

module.exports = {
  up: async (queryInterface: QueryInterface, Sequelize: typeof Types) => {
    const step = new DropLegacy();
    await step.run(queryInterface);
    await queryInterface.createTable('events', { id: { type: Sequelize.INTEGER, primaryKey: true }, kind: { type: Sequelize.ENUM('a', 'b') } });
  },
  down: async (queryInterface: QueryInterface) => {
    await queryInterface.dropTable('events');
  },
};
`,
];

/**
 * TypeScript seeds: the fixtures' TypeScript migrations, the JavaScript seeds with their `queryInterface` and
 * `Sequelize` parameters typed, and TYPESCRIPT_SEEDS; each one the runner compiles and loads.
 */
function typeScriptSeeds(): string[] {
  const fixtures = path.join(REPO, 'fixtures');
  const own = ['custom-layout/db/migrate/20230105093000-create-invoices.ts', 'shapes/typescript-module-exports.ts', 'shapes/typescript-umzug.ts'].map((f) => readFileSync(path.join(fixtures, f), 'utf8'));
  const typed = javaScriptSeeds().map(
    (js) =>
      "import type { QueryInterface } from 'sequelize';\n" +
      js.replace(/(\basync\s*(?:function\s*)?(?:up|down)?\s*\(|\b(?:up|down)\s*\()\s*queryInterface\s*(,\s*Sequelize\s*)?\)/g, (_m, head: string, second?: string) => `${head}queryInterface: QueryInterface${second ? ', Sequelize: any' : ''})`),
  );
  return [...own, ...typed, ...TYPESCRIPT_SEEDS].filter((seed) => runnerLoads(seed, 'ts'));
}

const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|=>|\.\.\.|[=!]==?|&&|\|\||\?\?|\?\.|[{}()[\];,.:?+\-*/%<>!=&|^~]/g;
/** Characters that trip parsers: zero width space, BOM, line and paragraph separators, no-break space, an astral emoji, a lone surrogate, a NUL. */
const UNICODE = ['\u200B', '\uFEFF', '\u2028', '\u2029', '\u00A0', '\u{1F600}', '\uD800', '\u0000', 'é', '\u0301'];

type Mutation = (text: string, rnd: () => number) => [string, string];

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

function tokens(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

const MUTATIONS: Mutation[] = [
  (text, rnd) => {
    const t = tokens(text);
    if (t.length === 0) return [text, 'noop'];
    const k = pick(t, rnd);
    return [text.slice(0, k.start) + text.slice(k.end), `delete token at ${k.start}`];
  },
  (text, rnd) => {
    const t = tokens(text);
    if (t.length === 0) return [text, 'noop'];
    const k = pick(t, rnd);
    return [text.slice(0, k.end) + text.slice(k.start, k.end) + text.slice(k.end), `duplicate token at ${k.start}`];
  },
  (text, rnd) => {
    const t = tokens(text);
    if (t.length < 2) return [text, 'noop'];
    const i = Math.floor(rnd() * (t.length - 1));
    const [a, b] = [t[i]!, t[i + 1]!];
    return [text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end), `swap tokens at ${a.start}`];
  },
  (text, rnd) => {
    const lines = text.split('\n');
    const i = Math.floor(rnd() * lines.length);
    lines.splice(i, 1);
    return [lines.join('\n'), `delete line ${i + 1}`];
  },
  (text, rnd) => {
    const lines = text.split('\n');
    const i = Math.floor(rnd() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return [lines.join('\n'), `duplicate line ${i + 1}`];
  },
  (text, rnd) => {
    const lines = text.split('\n');
    if (lines.length < 2) return [text, 'noop'];
    const i = Math.floor(rnd() * (lines.length - 1));
    [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
    return [lines.join('\n'), `swap lines ${i + 1} and ${i + 2}`];
  },
  (text, rnd) => {
    const at = Math.floor(rnd() * text.length);
    return [text.slice(0, at), `truncate at ${at}`];
  },
  (text, rnd) => {
    const at = Math.floor(rnd() * (text.length + 1));
    const ch = pick(UNICODE, rnd);
    return [text.slice(0, at) + ch + text.slice(at), `insert U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${at}`];
  },
];

/** Node's verdict for a CommonJS file: compiled as the module loader does, never run. */
export function nodeLoads(source: string): boolean {
  const code = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  try {
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: 'fuzz.js' });
    return true;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/**
 * What ts-node `--transpile-only` makes of a TypeScript file: TypeScript's `transpileModule` with the options
 * ts-node's defaults give a current Node (@tsconfig/node20: ES2022, strict), for a CommonJS runner (sequelize-cli
 * and umzug `require` the file; an ES module for `.mts`); the JavaScript it emits, or null when a diagnostic
 * (other than those ts-node ignores by default) stops it.
 */
export function tsNodeCompile(source: string, esm = false): string | null {
  const compilerOptions: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS, strict: true };
  const out = ts.transpileModule(source, { fileName: esm ? 'fuzz.mts' : 'fuzz.ts', reportDiagnostics: true, compilerOptions });
  return (out.diagnostics ?? []).some((d) => ![6059, 18002, 18003].includes(d.code)) ? null : out.outputText;
}

/** The runner's verdict: Node loads a `.js` file, or compiles a `.ts` file as ts-node does and loads the output. */
export function runnerLoads(source: string, lang: FuzzLanguage): boolean {
  if (lang === 'js') return nodeLoads(source);
  const compiled = tsNodeCompile(source);
  return compiled !== null && nodeLoads(compiled);
}

/** Runs `count` cases from `seed` in `lang`; returns the failures (none expected). */
export function fuzz(count: number, seed: number, lang: FuzzLanguage = 'js'): { failures: FuzzFailure[]; rejected: number } {
  const seeds = fuzzSeeds(lang);
  const rnd = seededRandom(seed);
  const root = path.join(REPO, 'fuzz-project');
  const failures: FuzzFailure[] = [];
  let rejected = 0;
  for (let n = 0; n < count; n++) {
    let source = pick(seeds, rnd);
    const applied: string[] = [];
    const steps = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s < steps; s++) {
      const [next, what] = pick(MUTATIONS, rnd)(source, rnd);
      source = next;
      applied.push(what);
    }
    // Mutations can create module syntax out of tokens (`export` never occurs in the seeds, but keep the rule exact).
    if (lang === 'js' && /\b(import|export)\b/.test(source)) continue;
    const fail = (problem: string) => failures.push({ case: n, mutations: applied, problem, source });
    let loads: boolean;
    try {
      loads = runnerLoads(source, lang);
    } catch (error) {
      // Not a syntax verdict (the compiler itself gave up): nothing to compare.
      void error;
      continue;
    }
    if (!loads) rejected++;
    try {
      const file = `migrations/20240101000000-fuzz.${lang}`;
      const workspace = new Workspace(root, { overlays: [[path.join(root, file), { text: source }]] });
      const migration = workspace.migration(file, { index: 0 });
      const parseError = migration.status === 'parse-error' && !migration.analysisLimit && !migration.analysisError;
      if (migration.analysisError) fail(`internal error: ${migration.error?.message}`);
      else if (parseError && loads) fail(`migralint says parse-error (${migration.error?.message}) but the runner loads it`);
      else if (!parseError && !loads && !migration.analysisLimit) fail('the runner rejects it but migralint analyzed it');
      const project: ProjectModel = {
        project: { root: '.', absRoot: root, framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: null, layoutSource: 'default' },
        migrations: [migration],
      };
      runRules(project, Object.fromEntries(RULES.map((r) => [r.id, 'on' as const])), RULES);
    } catch (error) {
      fail(`crash: ${error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' | ') : String(error)}`);
    }
  }
  return { failures, rejected };
}
