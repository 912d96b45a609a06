/**
 * Measures on PGlite what no-destructive-down's enumDeleteFails claims: a `DELETE FROM pg_enum` whose typname is
 * compared to a double-quoted name (`typname = "enum_x"`) reads that name as a column, so PostgreSQL refuses the
 * statement and no enum value is deleted.
 */
import { describe, expect, test } from 'vitest';
import { usePglite } from '../helpers/pglite';

const suite = usePglite();

describe('DELETE FROM pg_enum with a double-quoted typname', () => {
  test('fails (column does not exist) and deletes nothing', async () => {
    await suite.db.query(`CREATE TYPE "enum_creditNotes_status" AS ENUM ('open', 'void')`);
    const outcome = await suite.db.attempt(`DELETE FROM pg_enum WHERE enumlabel = 'void' AND enumtypid = (SELECT oid FROM pg_type WHERE typname = "enum_creditNotes_status")`);
    expect(outcome).toMatchObject({ ok: false, error: 'column "enum_creditNotes_status" does not exist' });
    const labels = await suite.db.query<{ enumlabel: string }>(`SELECT enumlabel FROM pg_enum WHERE enumtypid = '"enum_creditNotes_status"'::regtype ORDER BY enumsortorder`);
    expect(labels.map((l) => l.enumlabel)).toEqual(['open', 'void']);
  });
});
