import { describe, it, expect } from 'vitest';
import {
  isSqlParserLoaded,
  isSqlSyntaxError,
  loadSqlParser,
  parseSqlSync,
  scanSqlSync,
  SqlParserNotLoadedError,
} from '../../src/sql/pg-parser';

// The order of these tests matters: the first ones run before any load.
describe('pg-parser', () => {
  it('refuses to parse before loadSqlParser()', () => {
    expect(isSqlParserLoaded()).toBe(false);
    expect(() => parseSqlSync('SELECT 1')).toThrow(SqlParserNotLoadedError);
    expect(() => parseSqlSync('SELECT 1')).toThrow(/await loadSqlParser\(\)/);
    expect(() => scanSqlSync('SELECT 1')).toThrow(SqlParserNotLoadedError);
  });

  it('loads once, however often it is called', async () => {
    const first = loadSqlParser();
    expect(loadSqlParser()).toBe(first);
    await Promise.all([first, loadSqlParser()]);
    expect(isSqlParserLoaded()).toBe(true);
    expect(loadSqlParser()).toBe(first);
  });

  it('parses after loading', () => {
    const result = parseSqlSync('DROP TABLE users');
    expect(result.stmts?.[0]?.stmt).toHaveProperty('DropStmt');
  });

  it('throws a recognizable syntax error for bad SQL', () => {
    let caught: unknown;
    try {
      parseSqlSync('DROP TABLE');
    } catch (err) {
      caught = err;
    }
    expect(isSqlSyntaxError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/syntax error/);
    expect(isSqlSyntaxError(new Error('x'))).toBe(false);
  });
});
