/**
 * Measures on a real PostgreSQL (PGlite) what no-rename-during-deploy claims:
 * after Sequelize's renameColumn / renameTable, a query of the previous
 * release (the old model, old names) fails.
 */
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

test('the previous release\'s model fails after a rename, the new one works', async () => {
  const { sequelize, queryInterface: qi } = suite.db;
  await qi.createTable('rn_users', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING } });
  const Old = sequelize.define('OldUser', { name: S.STRING }, { tableName: 'rn_users', timestamps: false });
  const New = sequelize.define('NewUser', { fullName: S.STRING }, { tableName: 'rn_users', timestamps: false });
  await Old.create({ id: 1, name: 'a' });

  const r = await measureOn(suite.db, () => qi.renameColumn('rn_users', 'name', 'fullName'));
  expect(writeStatements(r.sql)).toEqual(['ALTER TABLE "rn_users" RENAME COLUMN "name" TO "fullName";']);
  expect((await measureOn(suite.db, () => Old.findAll())).outcome).toEqual({ ok: false, error: 'column "name" does not exist', code: '42703' });
  expect((await measureOn(suite.db, () => New.findAll())).outcome).toEqual({ ok: true });

  await qi.renameTable('rn_users', 'rn_people');
  expect((await measureOn(suite.db, () => New.findAll())).outcome).toEqual({ ok: false, error: 'relation "rn_users" does not exist', code: '42P01' });
});
