/**
 * The analysis limits in the ESLint plugin (issue 15): an editor lints
 * whatever is checked out, so a file over a limit must cost bounded work and
 * show the limit on the file, as the CLI's `analysis-limit` finding does,
 * never freeze the lint server or crash it; the other files are still linted.
 * Linted through ESLint's own Linter with the plugin's recommended config
 * (its parser included), as an editor integration runs it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint';
import { budgetClock, resetProjectIndexes } from '../../src/eslint/project-index';
import { helperFanOut, mapBomb, tmpTree, UNSAFE_MIGRATION } from './support';

const BAD = 'migrations/20240102000000-hostile.js';
const GOOD = 'migrations/20240101000000-add-label.js';

/** A project on disk (the plugin reads the siblings and the configuration from there) holding the unsafe migration and `files`. */
function project(files: Record<string, string>): string {
  return tmpTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'package.json': '{ "name": "app", "private": true }\n', [GOOD]: UNSAFE_MIGRATION, ...files });
}

/** ESLint's messages on `file` of `root` (its text on disk, or `text` as an unsaved buffer), with the recommended config. */
function lint(root: string, file: string, text?: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const code = text ?? require('node:fs').readFileSync(path.join(root, file), 'utf8');
  return linter.verify(code, [plugin.configs.recommended as never], path.join(root, file));
}

afterEach(() => resetProjectIndexes());
afterAll(() => resetProjectIndexes());

describe('analysis limits in the ESLint plugin', () => {
  it('a migration over the step budget: one message naming the budget on the file, no crash, and its sibling still linted', () => {
    const root = project({ [BAD]: mapBomb() });
    const messages = lint(root, BAD);
    expect(messages).toEqual([
      expect.objectContaining({ line: 4, severity: 2, message: expect.stringMatching(/^20240102000000-hostile\.js: analysis stopped after 2,000,000 evaluation steps \(the per-file budget\)/) }),
    ]);
    expect(messages[0]!.ruleId).toMatch(/^migralint\//);
    expect(messages[0]!.fatal).toBeUndefined();
    // The same file as an unsaved buffer (the editor's case): the same message.
    expect(lint(root, BAD, `${mapBomb()}// edited\n`).map((m) => m.message)).toEqual(messages.map((m) => m.message));
    expect(lint(root, GOOD).map((m) => m.ruleId)).toEqual(['migralint/no-destructive-down']);
  }, 60_000);

  it('a file over `limits.maxFileBytes`: not parsed, nor analyzed; one message naming the size cap', () => {
    // A syntax error deep in the file: had the plugin's parser parsed it, ESLint would show a parsing error instead.
    const big = `module.exports = { up: async () => {}, down: async () => {} };\n// ${'x'.repeat(3000)}\nconst = ;\n`;
    const root = project({ [BAD]: big, 'migralint.config.json': JSON.stringify({ limits: { maxFileBytes: 2048 } }) });
    for (const text of [undefined, `${big}// edited\n`]) {
      const messages = lint(root, BAD, text);
      expect(messages).toEqual([
        expect.objectContaining({
          line: 1,
          column: 1,
          severity: 2,
          message: expect.stringMatching(/^20240102000000-hostile\.js: the file is \d(\.\d)? KB, over the 2 KB limit \(`limits\.maxFileBytes`\): it was not read, nor analyzed/),
        }),
      ]);
      expect(messages[0]!.fatal).toBeUndefined();
    }
    expect(lint(root, GOOD).map((m) => m.ruleId)).toEqual(['migralint/no-destructive-down']);
  });

  it('a model over the size cap: the same message, not a parsing error', () => {
    const model = `module.exports = (sequelize, DataTypes) => sequelize.define('User', { email: DataTypes.STRING });\n// ${'x'.repeat(3000)}\nconst = ;\n`;
    const root = project({ 'models/user.js': model, 'migralint.config.json': JSON.stringify({ limits: { maxFileBytes: 2048 } }) });
    expect(lint(root, 'models/user.js')).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/^user\.js: the file is \d(\.\d)? KB, over the 2 KB limit \(`limits\.maxFileBytes`\)/) }),
    ]);
  });

  it('a migration over `limits.timeBudgetMs` (an injected clock): one message naming the time budget', () => {
    // 2^12 helper calls: far within the step budget; each reading of the clock advances it by 1 s.
    const source = helperFanOut(12).replace('down: async () => {}', "down: async (queryInterface) => { await queryInterface.dropTable('x'); }");
    const root = project({ [BAD]: source, 'migralint.config.json': JSON.stringify({ limits: { timeBudgetMs: 5000 } }) });
    const real = budgetClock.now;
    let t = 0;
    budgetClock.now = () => (t += 1000);
    try {
      const messages = lint(root, BAD);
      expect(messages).toEqual([expect.objectContaining({ severity: 2, message: expect.stringMatching(/analysis stopped after 5 s \(the per-file time budget\), at line \d+/) })]);
    } finally {
      budgetClock.now = real;
    }
    // Within the budget the same file is analyzed: its down drops a table.
    resetProjectIndexes();
    writeFileSync(path.join(root, BAD), `${source}// saved again\n`);
    expect(lint(root, BAD).map((m) => m.ruleId)).toContain('migralint/no-destructive-down');
  });
});
