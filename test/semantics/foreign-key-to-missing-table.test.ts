/**
 * Measures on PGlite what valid-migration-order's `needsLaterTable` claims for a foreign key: a createTable whose
 * attribute `references` a table that does not exist yet, or an addConstraint of a foreign key to one, is refused
 * ("relation ... does not exist"), so a migration sorted before the parent's creator fails on a fresh database.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('a foreign key to a table not created yet', () => {
  test('createTable with references to it: refused', async () => {
    const r = await measureOn(suite.db, () =>
      suite.db.queryInterface.createTable('riders', { id: { type: S.INTEGER, primaryKey: true }, roleId: { type: S.INTEGER, references: { model: 'roles_later', key: 'id' } } }),
    );
    expect(r.outcome).toMatchObject({ ok: false, error: 'relation "roles_later" does not exist' });
  });

  test('addConstraint of a foreign key to it: refused; once the table exists, accepted', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('addresses', { id: { type: S.INTEGER, primaryKey: true }, userId: S.INTEGER });
    const constraint = { fields: ['userId'], type: 'foreign key' as const, references: { table: 'users_later', field: 'id' } };
    const before = await measureOn(suite.db, () => qi.addConstraint('addresses', constraint));
    expect(before.outcome).toMatchObject({ ok: false, error: 'relation "users_later" does not exist' });
    await qi.createTable('users_later', { id: { type: S.INTEGER, primaryKey: true } });
    const after = await measureOn(suite.db, () => qi.addConstraint('addresses', constraint));
    expect(after.outcome).toEqual({ ok: true });
  });
});
