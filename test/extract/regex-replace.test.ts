/**
 * SQL written in a template and tidied with a regular expression before it is sent
 * (`` `CREATE TABLE ...`.replace(/\s+/ig, ' ').trim() ``): the evaluators apply the expression, within limits that keep
 * a pattern from backtracking for long, so the statement is read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { foldRegexReplace } from '../../src/extract/values';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { extractSource } from '../helpers/extract';

beforeAll(async () => {
  await loadSqlParser();
});

describe('regular-expression replace on a known string', () => {
  it.each([
    { name: 'whitespace collapsed', args: ['a \n\t b', '\\s+', 'ig', ' ', false], out: 'a b' },
    { name: 'first match only without g', args: ['a-b-c', '-', '', '+', false], out: 'a+b-c' },
    { name: 'replaceAll with g', args: ['a-b-c', '-', 'g', '+', true], out: 'a+b+c' },
    { name: 'replaceAll without g throws in JavaScript: not known', args: ['a-b', '-', '', '+', true], out: null },
    { name: 'a quantified group (catastrophic backtracking possible): not applied', args: ['aaaa', '(a+)+b', '', '', false], out: null },
    { name: 'three quantifiers: not applied', args: ['a b c', '\\s*a\\s*b\\s*', '', '', false], out: null },
    { name: 'a $ pattern in the replacement: not applied', args: ['ab', 'a', '', '$&$&', false], out: null },
  ])('$name', ({ args, out }) => {
    const [s, pattern, flags, replacement, all] = args as [string, string, string, string, boolean];
    expect(foldRegexReplace(s, pattern, flags, replacement, all)).toBe(out);
  });

  it('a migration whose SQL is tidied with .replace(/\\s+/ig, " ").trim() is read', () => {
    const m = extractSource(`module.exports = {
  up: async (queryInterface) => {
    const sql = \`CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        email VARCHAR(255) NOT NULL
      );\`.replace(/\\s+/ig, ' ').trim();
    await queryInterface.sequelize.query(sql);
  },
  down: async (queryInterface) => {
    await queryInterface.sequelize.query(\`DROP TABLE IF EXISTS users;\`.replace(/\\s+/ig, ' '));
  },
};`);
    expect(m.up.map((o) => [o.op, o.target.table, o.unresolved])).toEqual([['createTable', 'users', false]]);
    expect(m.down.map((o) => [o.op, o.target.table, o.unresolved])).toEqual([['dropTable', 'users', false]]);
  });
});
