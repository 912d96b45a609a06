/**
 * Measures on PGlite, through Sequelize, what no-destructive-down's emptyTableName claims: `dropTable('')` sends
 * `DROP TABLE IF EXISTS ""`, which PostgreSQL refuses (a zero-length delimited identifier), so the rollback fails
 * there and nothing is dropped.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('dropTable with an empty name', () => {
  test('PostgreSQL refuses it and the table the migration created stays', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('lead_score_settings', { id: { type: S.INTEGER, primaryKey: true } });
    const r = await measureOn(suite.db, () => qi.dropTable(''));
    expect(r.sql).toEqual(['DROP TABLE IF EXISTS "";']);
    expect(r.outcome).toMatchObject({ ok: false, error: 'zero-length delimited identifier at or near """"' });
    const rows = await suite.db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'lead_score_settings'");
    expect(rows[0]!.n).toBe(1);
  });
});
