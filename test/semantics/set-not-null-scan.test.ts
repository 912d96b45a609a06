/**
 * Measures on PGlite, directly (PostgreSQL's DEBUG1 notices are not passed on
 * by Sequelize), what require-check-before-set-not-null claims about the scan:
 * SET NOT NULL reads the whole table ("verifying table"), unless the column is
 * NOT NULL already or a validated CHECK (col IS NOT NULL) proves it.
 * Its own file: a second PGlite in the process of a Sequelize-connected one
 * drops that one's connection.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

describe('require-check-before-set-not-null: the scan', () => {
  /** PostgreSQL says at DEBUG1 whether SET NOT NULL scans (`verifying table`) or a constraint proves it: read on PGlite directly. */
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });
  async function debugNotices(sql: string): Promise<string[]> {
    const notices: string[] = [];
    await db.exec(`SET client_min_messages = debug1; ${sql}; RESET client_min_messages`, { onNotice: (n) => notices.push(n.message) });
    return notices;
  }

  test('SET NOT NULL scans the table; a validated CHECK (col IS NOT NULL) spares the scan; NOT VALID does not', async () => {
    await db.exec(`CREATE TABLE t (id int PRIMARY KEY, c int); INSERT INTO t VALUES (1, 1), (2, 2)`);
    expect(await debugNotices('ALTER TABLE t ALTER COLUMN c SET NOT NULL')).toContain('verifying table "t"');
    // Already NOT NULL: nothing to check.
    expect(await debugNotices('ALTER TABLE t ALTER COLUMN c SET NOT NULL')).not.toContain('verifying table "t"');

    await db.exec(`ALTER TABLE t ALTER COLUMN c DROP NOT NULL; ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID`);
    expect(await debugNotices('ALTER TABLE t ALTER COLUMN c SET NOT NULL')).toContain('verifying table "t"');

    await db.exec(`ALTER TABLE t ALTER COLUMN c DROP NOT NULL; ALTER TABLE t VALIDATE CONSTRAINT t_c_nn`);
    const proven = await debugNotices('ALTER TABLE t ALTER COLUMN c SET NOT NULL');
    expect(proven).not.toContain('verifying table "t"');
    expect(proven).toContain('existing constraints on column "t.c" are sufficient to prove that it does not contain nulls');
  });
});
