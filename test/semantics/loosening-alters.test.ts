/**
 * Measures what no-swallowed-errors' `loosensOnly` claims of raw `ALTER COLUMN ... DROP DEFAULT` and
 * `... DROP NOT NULL` (`onlyLoosens` in rules/no-swallowed-errors.ts): PostgreSQL accepts both whether or not the
 * column has a default or NOT NULL to drop, with rows or without, so no row and no earlier state makes them fail;
 * they fail only where the table or the column is missing.
 */
import { describe, expect, it } from 'vitest';
import { usePglite } from '../helpers/pglite';

const suite = usePglite();

describe('ALTER COLUMN ... DROP DEFAULT / DROP NOT NULL on PostgreSQL (PGlite)', () => {
  it('succeed on a column with rows and nothing to drop, and again once dropped', async () => {
    const { db } = suite;
    await db.query('CREATE TABLE ll_audit (id serial PRIMARY KEY, action text, kind text NOT NULL DEFAULT \'x\')');
    await db.query("INSERT INTO ll_audit (action, kind) VALUES ('created', 'a'), (NULL, 'b')");
    // `action` has no default and allows NULL: nothing to drop.
    expect(await db.attempt('ALTER TABLE ll_audit ALTER COLUMN action DROP DEFAULT')).toEqual({ ok: true });
    expect(await db.attempt('ALTER TABLE ll_audit ALTER COLUMN action DROP NOT NULL')).toEqual({ ok: true });
    // `kind` has both: dropped, then dropped again.
    for (let i = 0; i < 2; i++) {
      expect(await db.attempt('ALTER TABLE ll_audit ALTER COLUMN kind DROP DEFAULT')).toEqual({ ok: true });
      expect(await db.attempt('ALTER TABLE ll_audit ALTER COLUMN kind DROP NOT NULL')).toEqual({ ok: true });
    }
    const [column] = await db.query<{ is_nullable: string; column_default: string | null }>("SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = 'll_audit' AND column_name = 'kind'");
    expect(column).toEqual({ is_nullable: 'YES', column_default: null });
  });

  it('fail only where the column or the table is missing', async () => {
    const { db } = suite;
    expect(await db.attempt('ALTER TABLE ll_audit ALTER COLUMN nope DROP DEFAULT')).toMatchObject({ ok: false, code: '42703' });
    expect(await db.attempt('ALTER TABLE ll_missing ALTER COLUMN action DROP NOT NULL')).toMatchObject({ ok: false, code: '42P01' });
  });
});
