/**
 * Measures on PGlite, through Sequelize, what no-destructive-down's and no-destructive-up's `nullInstanceCall` claim:
 * `queryInterface.delete(null, table, where)` and `queryInterface.update(null, table, values, where)` read
 * `instance.constructor` before they build any SQL, so with `null` (which Sequelize's own typings allow) they throw a
 * TypeError, send nothing and change no row. `insert(null, table, values)` guards its instance and inserts.
 */
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('queryInterface calls that take a model instance first, given null', () => {
  beforeEach(async () => {
    const qi = suite.db.queryInterface;
    await qi.dropTable('room_kinds');
    await qi.createTable('room_kinds', { id: { type: S.INTEGER, primaryKey: true }, title: S.STRING });
    await suite.db.query("INSERT INTO room_kinds (id, title) VALUES (1, 'Suites'), (2, 'Dorms')");
  });
  const titles = async () => (await suite.db.query<{ title: string }>('SELECT title FROM room_kinds ORDER BY id')).map((r) => r.title);

  test('delete(null, ...) throws a TypeError before any SQL: no row goes', async () => {
    const qi = suite.db.queryInterface as unknown as { delete(i: null, t: string, w: object): Promise<unknown> };
    const r = await measureOn(suite.db, () => qi.delete(null, 'room_kinds', { title: 'Suites' }));
    expect(r.sql).toEqual([]);
    expect(r.outcome).toMatchObject({ ok: false, error: expect.stringContaining("Cannot read properties of null (reading 'constructor')") });
    expect(await titles()).toEqual(['Suites', 'Dorms']);
  });

  test('update(null, ...) throws a TypeError before any SQL: no value changes', async () => {
    const qi = suite.db.queryInterface as unknown as { update(i: null, t: string, v: object, w: object): Promise<unknown> };
    const r = await measureOn(suite.db, () => qi.update(null, 'room_kinds', { title: 'Lofts' }, { id: 1 }));
    expect(r.sql).toEqual([]);
    expect(r.outcome).toMatchObject({ ok: false, error: expect.stringContaining("Cannot read properties of null (reading 'constructor')") });
    expect(await titles()).toEqual(['Suites', 'Dorms']);
  });

  test('insert(null, ...) inserts the row', async () => {
    const qi = suite.db.queryInterface as unknown as { insert(i: null, t: string, v: object): Promise<unknown> };
    const r = await measureOn(suite.db, () => qi.insert(null, 'room_kinds', { id: 3, title: 'Lofts' }));
    expect(r.outcome).toEqual({ ok: true });
    expect(r.sql).toEqual(['INSERT INTO "room_kinds" ("id","title") VALUES ($1,$2);']);
    expect(await titles()).toEqual(['Suites', 'Dorms', 'Lofts']);
  });
});
