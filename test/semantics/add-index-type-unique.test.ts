/**
 * Measures on PGlite what `addIndex(t, fields, { type: 'UNIQUE' })` sends to PostgreSQL: a unique index, as
 * `unique: true` does (Sequelize turns the type into the UNIQUE keyword), which refuses a duplicate. Extraction reads
 * both as `unique` (src/extract/query-interface.ts).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe("addIndex with type: 'UNIQUE' on PostgreSQL", () => {
  test.each([
    { table: 'riders', options: { type: 'UNIQUE' } },
    { table: 'couriers', options: { type: 'unique' } },
    { table: 'drivers', options: { unique: true } },
  ])('$options: CREATE UNIQUE INDEX, a duplicate is refused', async ({ table, options }) => {
    const qi = suite.db.queryInterface;
    await qi.createTable(table, { id: { type: S.INTEGER, primaryKey: true }, email: S.STRING });
    const r = await measureOn(suite.db, () => qi.addIndex(table, ['email'], options as never));
    expect(r.outcome).toEqual({ ok: true });
    expect(r.sql).toEqual([`CREATE UNIQUE INDEX "${table}_email" ON "${table}" ("email")`]);
    const insert = await suite.db.attempt(`INSERT INTO ${table} (id, email) VALUES (1, 'a@x'), (2, 'a@x')`);
    expect(insert).toMatchObject({ ok: false });
  });
});
