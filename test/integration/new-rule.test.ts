import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';

/**
 * `npm run new-rule <id>` (scripts/new-rule.mjs), run on a copy of what it
 * edits and of what checks a rule (the docs test, the rule-test table): the
 * generated rule compiles, its doc passes the docs test, its test table
 * passes, the registry and README list it; a bad id writes nothing and exits 2.
 */

const ID = 'prefer-scaffolded-example';

/** Files the scaffold edits or that test a rule, copied; node_modules linked. */
const COPIED = [
  'package.json',
  'tsconfig.json',
  'vitest.config.mts',
  'README.md',
  'src',
  'rules',
  'scripts',
  'test/helpers',
  'test/rules/rule-tester.ts',
  'test/rules-docs.test.ts',
  'test/support',
];

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'migralint-new-rule-'));
  for (const entry of COPIED) cpSync(path.join(REPO, entry), path.join(copy, entry), { recursive: true });
  mkdirSync(path.join(copy, 'test', 'rules'), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

function newRule(...args: string[]) {
  return spawnSync(process.execPath, [path.join(copy, 'scripts', 'new-rule.mjs'), ...args], { cwd: copy, encoding: 'utf8' });
}

const read = (file: string) => readFileSync(path.join(copy, file), 'utf8');

describe('npm run new-rule', () => {
  it.each([
    ['', 'no rule id given'],
    ['noThing', '"noThing" is not a kebab-case rule id'],
    ['No-thing', '"No-thing" is not a kebab-case rule id'],
    ['check-thing', '"check-thing" does not start with no-, require-, prefer- or valid-'],
    ['no-destructive-down', 'rule "no-destructive-down" exists already (rules/no-destructive-down.ts, rules/no-destructive-down.md)'],
  ])('refuses %j with exit code 2 and writes nothing', (id, message) => {
    const before = [read('src/rules/registry.ts'), read('README.md')];
    const run = newRule(...(id ? [id] : []));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`new-rule: ${message}`);
    expect(run.stderr).toContain('Usage: npm run new-rule <rule-id>');
    expect([read('src/rules/registry.ts'), read('README.md')]).toEqual(before);
  });

  describe(`a new rule: ${ID}`, () => {
    beforeAll(() => {
      const run = newRule(ID);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });

    it('writes the rule, its doc and its test, and registers it', () => {
      for (const file of [`rules/${ID}.ts`, `rules/${ID}.md`, `test/rules/${ID}.test.ts`]) expect(existsSync(path.join(copy, file)), file).toBe(true);
      expect(read(`rules/${ID}.ts`)).toContain(`export default createRule({\n  id: '${ID}',`);
      // In id order, between the rules that sort around it.
      expect(read('src/rules/registry.ts')).toContain("import noTableRewrite from '../../rules/no-table-rewrite';\nimport preferScaffoldedExample from '../../rules/prefer-scaffolded-example';\nimport requireCheckBeforeSetNotNull");
      expect(read('src/rules/registry.ts')).toContain('  noTableRewrite,\n  preferScaffoldedExample,\n  requireCheckBeforeSetNotNull,');
      expect(read('README.md')).toContain(`| [\`${ID}\`](rules/${ID}.md) | Prefer TODO: what ${ID} reports, one imperative line | hygiene | warning |  |  |`);
    });

    it('refuses the same id a second time', () => {
      const run = newRule(ID);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`rule "${ID}" exists already`);
    });

    it('compiles: the rule, the registry and the test table type-check', () => {
      const { config } = ts.readConfigFile(path.join(copy, 'tsconfig.json'), ts.sys.readFile);
      const options = { ...ts.parseJsonConfigFileContent(config, ts.sys, copy).options, noEmit: true };
      const files = [`rules/${ID}.ts`, 'src/rules/registry.ts', `test/rules/${ID}.test.ts`].map((f) => path.join(copy, f));
      const program = ts.createProgram(files, options);
      const errors = files.flatMap((f) => {
        const source = program.getSourceFile(f)!;
        return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
          (d) => `${path.relative(copy, f)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        );
      });
      expect(errors).toEqual([]);
    }, 120_000);

    it('passes its own test table, the docs test and the README rule-table test', () => {
      // A vitest of its own in the copy; the variables of this run would make it a worker of this one.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TINYPOOL)/.test(k)));
      const run = spawnSync(
        process.execPath,
        [path.join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/rules-docs.test.ts', `test/rules/${ID}.test.ts`, '-t', `${ID}|README`],
        { cwd: copy, encoding: 'utf8', env: { ...env, CI: '' } },
      );
      const summary = /tests: (\d+) passed, (\d+) failed/.exec(run.stdout);
      expect(summary, run.stdout + run.stderr).not.toBeNull();
      expect({ status: run.status, failed: Number(summary![2]) }, run.stdout + run.stderr).toEqual({ status: 0, failed: 0 });
      // The rule's metadata and doc checks, its two doc examples and two table cases, the README table.
      expect(Number(summary![1])).toBe(15);
    }, 180_000);
  });
});
