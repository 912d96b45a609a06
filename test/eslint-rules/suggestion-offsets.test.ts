import type { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { eslintMessages, removeTempProjects, tempProject } from './support';

/**
 * Suggestions are computed by the rules from the model's offsets: these cases
 * check that those offsets land on ESLint's text, whichever text the model
 * was extracted from, and that a rewrite of the file sees every step it
 * writes, including steps the rule leaves out for the project's dialect.
 */

beforeAll(async () => {
  await loadSqlParser();
});
afterAll(removeTempProjects);

const RULE = 'require-idempotency-guard';
const FILE = 'migrations/20240101000000-users.js';
const GUARD = 'Add the column only when `describeTable` does not list it';
const WRAP = 'Run the whole `up` in one transaction, passing `{ transaction }` to every call';

function applied(code: string, messages: Linter.LintMessage[], line: number, desc: string): string {
  const suggestion = messages.find((m) => m.line === line)?.suggestions?.find((s) => s.desc === desc);
  if (!suggestion) throw new Error(`no suggestion "${desc}" on line ${line}`);
  const { range, text } = suggestion.fix;
  return code.slice(0, range[0]) + text + code.slice(range[1]);
}

describe('suggestion offsets', () => {
  const migration = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['bio'], { unique: true });
  },
  async down() {},
};
`;

  it('a migration saved with a BOM: the edits land where they do without one', () => {
    const plain = tempProject({ [FILE]: migration });
    const withBom = tempProject({ [FILE]: `\uFEFF${migration}` });
    for (const desc of [GUARD, WRAP]) {
      const expected = applied(migration, eslintMessages(plain, RULE, FILE, migration), 3, desc);
      // ESLint's text has no BOM; the project index extracted the saved file with it.
      expect(applied(migration, eslintMessages(withBom, RULE, FILE, `\uFEFF${migration}`), 3, desc)).toBe(expected);
    }
  });

  it('with the dialect known, the transaction still reaches the calls of a branch for another dialect', () => {
    const branched = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.addColumn('users', 'legacy', { type: Sequelize.TEXT });
    }
    await queryInterface.addIndex('users', ['bio'], { unique: true });
  },
  async down() {},
};
`;
    const root = tempProject({ 'config/config.json': JSON.stringify({ production: { dialect: 'postgres', host: 'db' } }), [FILE]: branched });
    const fixed = applied(branched, eslintMessages(root, RULE, FILE, branched), 3, WRAP);
    expect(fixed).toContain("await queryInterface.addColumn('users', 'legacy', { type: Sequelize.TEXT }, { transaction });");
    expect(fixed).toContain("await queryInterface.addIndex('users', ['bio'], { transaction, unique: true });");
  });
});
