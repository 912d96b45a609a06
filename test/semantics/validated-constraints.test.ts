/**
 * Measures on a real PostgreSQL (PGlite) what require-not-valid-constraint
 * claims: a foreign key or CHECK added without NOT VALID checks every
 * existing row at once, under the locks read here from pg_locks (inside the
 * transaction that adds it); with NOT VALID it checks none, and VALIDATE
 * CONSTRAINT later takes only SHARE UPDATE EXCLUSIVE (reads and writes go on).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { locksTaken as locksOn, measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();
const locksTaken = (relations: string[], fn: (transaction: unknown) => Promise<unknown>) => locksOn(suite.db, relations, fn);


/** `orgs` and `users` (one row each, `users.orgId` pointing at no org: a foreign key on it fails validation). */
async function tables(prefix: string): Promise<{ orgs: string; users: string }> {
  const qi = suite.db.queryInterface;
  const orgs = `${prefix}_orgs`;
  const users = `${prefix}_users`;
  await qi.createTable(orgs, { id: { type: S.INTEGER, primaryKey: true } });
  await qi.createTable(users, { id: { type: S.INTEGER, primaryKey: true }, orgId: { type: S.INTEGER }, age: { type: S.INTEGER } });
  await suite.db.query(`INSERT INTO "${orgs}" VALUES (1); INSERT INTO "${users}" VALUES (1, 2, -1)`);
  return { orgs, users };
}

describe('require-not-valid-constraint', () => {
  test('addConstraint foreign key: validated at once (fails on a bad row), SHARE ROW EXCLUSIVE on both tables', async () => {
    const qi = suite.db.queryInterface;
    const { orgs, users } = await tables('vc_fk');
    const add = (transaction: unknown) =>
      qi.addConstraint(users, { type: 'foreign key', fields: ['orgId'], references: { table: orgs, field: 'id' }, transaction } as never);
    // The existing row is checked: orgId 2 has no org.
    const failed = await measureOn(suite.db, () => add(undefined));
    expect(failed.outcome).toMatchObject({ ok: false, code: '23503' });
    expect(writeStatements(failed.sql).join('')).not.toMatch(/NOT VALID/);

    await suite.db.query(`UPDATE "${users}" SET "orgId" = 1`);
    const r = await locksTaken([users, orgs], add);
    // AccessShareLock: the validating SELECT.
    expect(r.locks).toEqual({ [users]: ['AccessShareLock', 'ShareRowExclusiveLock'], [orgs]: ['AccessShareLock', 'RowShareLock', 'ShareRowExclusiveLock'] });
  });

  test('addConstraint check: validated at once, ACCESS EXCLUSIVE on the table', async () => {
    const qi = suite.db.queryInterface;
    const { users } = await tables('vc_check');
    const add = (transaction: unknown) => qi.addConstraint(users, { type: 'check', fields: ['age'], where: { age: { [S.Op.gte]: 0 } }, transaction } as never);
    expect((await measureOn(suite.db, () => add(undefined))).outcome).toMatchObject({ ok: false, code: '23514' });
    await suite.db.query(`UPDATE "${users}" SET age = 1`);
    const r = await locksTaken([users], add);
    expect(r.locks[users]).toContain('AccessExclusiveLock');
  });

  test('addColumn with references: the new column is checked on the spot, SHARE ROW EXCLUSIVE on the referenced table', async () => {
    const qi = suite.db.queryInterface;
    const { orgs, users } = await tables('vc_col');
    const r = await locksTaken([users, orgs], (transaction) =>
      qi.addColumn(users, 'teamId', { type: S.INTEGER, references: { model: orgs, key: 'id' } }, { transaction } as never),
    );
    expect(r.sql.join('')).toMatch(/ADD COLUMN "teamId" INTEGER REFERENCES "vc_col_orgs" \("id"\)/);
    expect(r.locks[users]).toContain('AccessExclusiveLock');
    expect(r.locks[orgs]).toContain('ShareRowExclusiveLock');
  });

  test('NOT VALID checks no existing row; VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE, and only ROW SHARE on the referenced table', async () => {
    const { orgs, users } = await tables('vc_nv');
    const { sequelize } = suite.db;
    const notValid = await measureOn(suite.db, () =>
      sequelize.query(`ALTER TABLE "${users}" ADD CONSTRAINT vc_nv_fk FOREIGN KEY ("orgId") REFERENCES "${orgs}" (id) NOT VALID`),
    );
    expect(notValid.outcome).toEqual({ ok: true });
    await suite.db.query(`UPDATE "${users}" SET "orgId" = 1`);
    const r = await locksTaken([users, orgs], (transaction) => sequelize.query(`ALTER TABLE "${users}" VALIDATE CONSTRAINT vc_nv_fk`, { transaction } as never));
    expect(r.locks[users]).toEqual(['AccessShareLock', 'ShareUpdateExclusiveLock']);
    expect(r.locks[orgs]).toEqual(['AccessShareLock', 'RowShareLock']);
  });
});
