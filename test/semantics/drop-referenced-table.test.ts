/**
 * Measures on PGlite, through Sequelize, what no-destructive-down's `dropReferencedTable` claims: `dropTable(t)` sends
 * `DROP TABLE IF EXISTS "t"` without CASCADE, so while another table still has a foreign key to `t`, PostgreSQL
 * refuses it ("other objects depend on it") and `t` stays with its rows. `{ cascade: true }` drops the key and the table,
 * and so does `{ force: true }`, which Sequelize sends as CASCADE.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

async function plansReferencedByCompanies(prefix: string): Promise<void> {
  const qi = suite.db.queryInterface;
  await qi.createTable(`${prefix}_plans`, { id: { type: S.INTEGER, primaryKey: true } });
  await qi.createTable(`${prefix}_companies`, { id: { type: S.INTEGER, primaryKey: true }, planId: { type: S.INTEGER, references: { model: `${prefix}_plans`, key: 'id' } } });
  await suite.db.query(`INSERT INTO "${prefix}_plans" (id) VALUES (1), (2)`);
}

async function rowsOf(table: string): Promise<number | null> {
  const exists = await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = '${table}'`);
  if (exists[0]!.n === 0) return null;
  const rows = await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return rows[0]!.n;
}

describe('dropTable of a table another table still references', () => {
  test('PostgreSQL refuses it: the rollback fails and the table keeps its rows', async () => {
    await plansReferencedByCompanies('ref');
    const r = await measureOn(suite.db, () => suite.db.queryInterface.dropTable('ref_plans'));
    expect(r.sql).toEqual(['DROP TABLE IF EXISTS "ref_plans";']);
    expect(r.outcome).toMatchObject({ ok: false });
    expect((r.outcome as { error: string }).error).toMatch(/cannot drop table ref_plans because other objects depend on it/);
    expect(await rowsOf('ref_plans')).toBe(2);
  });

  test('with { cascade: true } the key goes and the table with it', async () => {
    await plansReferencedByCompanies('cas');
    const r = await measureOn(suite.db, () => suite.db.queryInterface.dropTable('cas_plans', { cascade: true }));
    expect(r.sql).toEqual(['DROP TABLE IF EXISTS "cas_plans" CASCADE;']);
    expect(r.outcome).toEqual({ ok: true });
    expect(await rowsOf('cas_plans')).toBeNull();
    expect(await rowsOf('cas_companies')).toBe(0);
  });

  test('with { force: true } too: Sequelize sends it as CASCADE', async () => {
    await plansReferencedByCompanies('frc');
    const r = await measureOn(suite.db, () => suite.db.queryInterface.dropTable('frc_plans', { force: true } as never));
    expect(r.sql).toEqual(['DROP TABLE IF EXISTS "frc_plans" CASCADE;']);
    expect(r.outcome).toEqual({ ok: true });
    expect(await rowsOf('frc_plans')).toBeNull();
  });

  test('once the referencing table is dropped first, the drop goes through', async () => {
    await plansReferencedByCompanies('ord');
    await suite.db.queryInterface.dropTable('ord_companies');
    const r = await measureOn(suite.db, () => suite.db.queryInterface.dropTable('ord_plans'));
    expect(r.outcome).toEqual({ ok: true });
    expect(await rowsOf('ord_plans')).toBeNull();
  });
});
