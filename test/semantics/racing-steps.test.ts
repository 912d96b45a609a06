/**
 * Measures on a real PostgreSQL (PGlite) what no-racing-steps claims of two steps of one `Promise.all` whose order
 * matters: run in the order written they pass; run the other way round (which a pool may do, see
 * test/integration/promise-all-connections.test.ts) the later one fails, after the earlier ones changed the table.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

/** A `Settings` table keyed by `key` (PostgreSQL names that key `<table>_pkey`), with a row. */
async function settings(table: string): Promise<void> {
  await suite.db.queryInterface.createTable(table, { key: { type: S.STRING, primaryKey: true }, value: { type: S.TEXT } });
  await suite.db.query(`INSERT INTO "${table}" (key, value) VALUES ('a', '1')`);
}

describe('a primary key replaced in one Promise.all', () => {
  test('addColumn with `primaryKey: true` sends no PRIMARY KEY on PostgreSQL: it cannot meet the old key, in either order', async () => {
    await settings('race_column_key');
    const qi = suite.db.queryInterface;
    const serial = await measureOn(suite.db, () => qi.addColumn('race_column_key', 'id', { type: S.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false }));
    expect(writeStatements(serial.sql)).toEqual(['ALTER TABLE "public"."race_column_key" ADD COLUMN "id"   SERIAL ;']);
    expect(serial.outcome).toEqual({ ok: true });
    const plain = await measureOn(suite.db, () => qi.addColumn('race_column_key', 'code', { type: S.INTEGER, primaryKey: true }));
    expect(writeStatements(plain.sql)).toEqual(['ALTER TABLE "public"."race_column_key" ADD COLUMN "code" INTEGER ;']);
    expect(plain.outcome).toEqual({ ok: true });
    expect((await measureOn(suite.db, () => qi.removeConstraint('race_column_key', 'race_column_key_pkey'))).outcome).toEqual({ ok: true });
  });

  test('addConstraint PRIMARY KEY before the old key is dropped fails: "multiple primary keys"', async () => {
    await settings('race_reversed');
    const qi = suite.db.queryInterface;
    const add = await measureOn(suite.db, () => qi.addConstraint('race_reversed', { fields: ['value'], type: 'primary key', name: 'race_reversed_value_pkey' }));
    expect(add.outcome).toEqual({ ok: false, error: 'multiple primary keys for table "race_reversed" are not allowed', code: '42P16' });
    expect((await measureOn(suite.db, () => qi.removeConstraint('race_reversed', 'race_reversed_pkey'))).outcome).toEqual({ ok: true });
    expect((await measureOn(suite.db, () => qi.addConstraint('race_reversed', { fields: ['value'], type: 'primary key', name: 'race_reversed_value_pkey' }))).outcome).toEqual({ ok: true });
  });
});

describe('a constraint dropped and made again under its name in one Promise.all', () => {
  test('the new one first: "already exists"', async () => {
    await settings('race_named');
    const qi = suite.db.queryInterface;
    await qi.addConstraint('race_named', { fields: ['value'], type: 'unique', name: 'race_named_value' });
    const again = await measureOn(suite.db, () => qi.addConstraint('race_named', { fields: ['key', 'value'], type: 'unique', name: 'race_named_value' }));
    expect(again.outcome).toMatchObject({ ok: false, error: 'relation "race_named_value" already exists' });
  });
});

describe('a column added and indexed in one Promise.all', () => {
  test('the index first: the column does not exist yet', async () => {
    await settings('race_index');
    const qi = suite.db.queryInterface;
    const index = await measureOn(suite.db, () => qi.addIndex('race_index', ['owner']));
    expect(index.outcome).toMatchObject({ ok: false, error: 'column "owner" does not exist', code: '42703' });
  });
});
