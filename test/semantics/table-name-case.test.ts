/**
 * Measures on PGlite what valid-migration-order's `tableInOtherCase` claims for PostgreSQL: Sequelize quotes table
 * names, so `addColumn('contacts', ...)` after `createTable('Contacts', ...)` names another relation and fails
 * ("relation does not exist"), while the exact name works.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('a table named in another letter case', () => {
  test('addColumn on `contacts` after createTable(`Contacts`): quoted, it fails', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('Contacts', { id: { type: S.INTEGER, primaryKey: true } });
    const r = await measureOn(suite.db, () => qi.addColumn('contacts', 'replied', { type: S.BOOLEAN }));
    expect(r.sql).toEqual(['ALTER TABLE "public"."contacts" ADD COLUMN "replied" BOOLEAN;']);
    expect(r.outcome).toMatchObject({ ok: false, error: 'relation "public.contacts" does not exist' });
    const exact = await measureOn(suite.db, () => qi.addColumn('Contacts', 'replied', { type: S.BOOLEAN }));
    expect(exact.outcome).toEqual({ ok: true });
  });
});
