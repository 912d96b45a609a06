/**
 * Measures on a real PostgreSQL (PGlite) a foreign key with `onDelete: 'SET NULL'` on a column declared
 * `allowNull: false` (createTable through Sequelize 6): PostgreSQL accepts the table, and every delete of a parent row
 * that a child row references then fails with a not-null violation (no-failing-not-null's `setNullOnNotNull`). A
 * parent row no child references deletes as ever.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('ON DELETE SET NULL on a NOT NULL column', () => {
  test('the table is created; deleting a referenced parent fails (not-null violation), an unreferenced one succeeds', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('sn_couriers', { id: { type: S.INTEGER, primaryKey: true } });
    const created = await measureOn(suite.db, () =>
      qi.createTable('sn_orders', {
        id: { type: S.INTEGER, primaryKey: true },
        courier_id: { type: S.INTEGER, allowNull: false, references: { model: 'sn_couriers', key: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' },
      }),
    );
    expect(created.outcome).toEqual({ ok: true });
    await suite.db.query('INSERT INTO sn_couriers (id) VALUES (1), (2)');
    await suite.db.query('INSERT INTO sn_orders (id, courier_id) VALUES (10, 1)');
    const referenced = await measureOn(suite.db, () => suite.db.query('DELETE FROM sn_couriers WHERE id = 1'));
    expect(referenced.outcome).toMatchObject({ ok: false });
    expect(JSON.stringify(referenced.outcome)).toMatch(/null value in column "courier_id"|not-null/);
    const unreferenced = await measureOn(suite.db, () => suite.db.query('DELETE FROM sn_couriers WHERE id = 2'));
    expect(unreferenced.outcome).toEqual({ ok: true });
  });
});
