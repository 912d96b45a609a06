/**
 * Measures on a real PostgreSQL (PGlite) that SQL PostgreSQL's own parser, as migralint runs it (libpg-query), refuses
 * is refused by the server too, with nothing applied: the fact behind `sqlRejected` (valid-migration-file for `up`,
 * no-destructive-down for `down`, through src/rules/project-facts.ts `callThrows`). And that the statements written
 * right are accepted by both, so the check is the parser's verdict, not a guess.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeSql } from '../../src/sql/analyze-sql';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { usePglite } from '../helpers/pglite';

const suite = usePglite();

beforeAll(async () => {
  await loadSqlParser();
});

describe('SQL migralint reads as rejected, sent to PostgreSQL', () => {
  test.each([
    // Real rollbacks: PostgreSQL has no way to drop an enum value, and MySQL's DROP INDEX ... ON is not its syntax.
    { name: 'ALTER TYPE ... DROP VALUE', sql: `ALTER TYPE "enum_imports_type" DROP VALUE 'PLAID'`, right: `ALTER TYPE "enum_imports_type" ADD VALUE IF NOT EXISTS 'PLAID'` },
    { name: 'ALTER TYPE ... DROP VALUE IF EXISTS', sql: `ALTER TYPE "enum_imports_type" DROP VALUE IF EXISTS 'PLAID'`, right: `ALTER TYPE "enum_imports_type" RENAME VALUE 'CSV' TO 'CSV_FILE'` },
    { name: "MySQL's DROP INDEX ... ON table", sql: 'DROP INDEX streams_name ON streams', right: 'DROP INDEX IF EXISTS streams_name' },
    { name: 'DELETE ... OFFSET', sql: 'DELETE FROM streams WHERE id > 0 OFFSET 110', right: 'DELETE FROM streams WHERE id IN (SELECT id FROM streams ORDER BY id OFFSET 110)' },
  ])('$name: the parser and the server both refuse it, and the corrected statement passes both', async ({ sql, right }) => {
    const db = suite.db;
    await db.query(`DROP TABLE IF EXISTS streams; DROP TYPE IF EXISTS "enum_imports_type"`);
    await db.query(`CREATE TYPE "enum_imports_type" AS ENUM ('CSV', 'PLAID'); CREATE TABLE streams (id integer PRIMARY KEY, name text); CREATE INDEX streams_name ON streams (name); INSERT INTO streams SELECT g, 'n' || g FROM generate_series(1, 200) g`);
    const [read] = analyzeSql(sql);
    expect(read!.sqlError).toEqual(expect.any(String));
    const outcome = await db.attempt(sql);
    expect(outcome.ok).toBe(false);
    // Nothing applied: the rows, the index and the enum's values are as they were.
    expect(await db.query(`SELECT count(*)::int AS n FROM streams`)).toEqual([{ n: 200 }]);
    expect(await db.query(`SELECT enumlabel FROM pg_enum WHERE enumtypid = '"enum_imports_type"'::regtype ORDER BY enumsortorder`)).toEqual([{ enumlabel: 'CSV' }, { enumlabel: 'PLAID' }]);
    const [fixed] = analyzeSql(right);
    expect(fixed!.sqlError).toBeUndefined();
    expect(await db.attempt(right)).toEqual({ ok: true });
  });
});
