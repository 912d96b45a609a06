/**
 * Measures on PGlite, through Sequelize, what require-check-before-set-not-null
 * relies on for a CHECK written with the builder (`addConstraint` with
 * `type: 'check'`): the SQL it sends for each NOT NULL spelling, that it is
 * validated at once, and which later NOT NULL step it spares the scan.
 * PostgreSQL says at DEBUG1 whether an ALTER TABLE reads every row
 * (`verifying table "t"`) or a constraint proves the column has no NULL; the
 * notices are read on the transaction's connection (debugNotices).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { debugNotices, measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const { Op } = S;
const suite = usePglite();

const SCAN = (table: string) => `verifying table "${table}"`;
const PROOF = (table: string, column: string) => `existing constraints on column "${table}.${column}" are sufficient to prove that it does not contain nulls`;

/** A table `name` with nullable text columns `a`, `b`, `c`, `d` and one row of values. */
async function table(name: string): Promise<void> {
  const qi = suite.db.queryInterface;
  await qi.createTable(name, { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING }, b: { type: S.STRING }, c: { type: S.STRING }, d: { type: S.STRING } });
  await suite.db.query(`INSERT INTO "${name}" VALUES (1, 'a', 'b', 'c', 'd')`);
}

describe('require-check-before-set-not-null: a CHECK written with the builder', () => {
  test('the SQL addConstraint check sends for each NOT NULL spelling; validated at once (a NULL row fails it)', async () => {
    const qi = suite.db.queryInterface;
    await table('bc_sql');
    const add = (fields: string[], where: object, name?: string) =>
      measureOn(suite.db, () => qi.addConstraint('bc_sql', { type: 'check', fields, where, ...(name ? { name } : {}) } as never));

    expect(await add(['a'], { a: { [Op.ne]: null } })).toEqual({ outcome: { ok: true }, sql: ['ALTER TABLE "bc_sql" ADD CONSTRAINT "bc_sql_a_ck" CHECK ("a" IS NOT NULL);'] });
    expect((await add(['b'], { b: { [Op.not]: null } })).sql).toEqual(['ALTER TABLE "bc_sql" ADD CONSTRAINT "bc_sql_b_ck" CHECK ("b" IS NOT NULL);']);
    expect((await add(['c'], { [Op.not]: { c: null } })).sql).toEqual(['ALTER TABLE "bc_sql" ADD CONSTRAINT "bc_sql_c_ck" CHECK (NOT ("c" IS NULL));']);
    expect((await add(['d'], { d: { [Op.ne]: null }, id: { [Op.gt]: 0 } })).sql).toEqual([
      'ALTER TABLE "bc_sql" ADD CONSTRAINT "bc_sql_d_ck" CHECK ("d" IS NOT NULL AND "id" > 0);',
    ]);
    // The default names: Sequelize's `<table>_<fields>_ck` above; PostgreSQL's `<table>_<column>_check` for raw SQL.
    await suite.db.query('ALTER TABLE "bc_sql" ADD CHECK ("b" IS NOT NULL)');
    const names = await suite.db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = '"bc_sql"'::regclass AND contype = 'c' ORDER BY conname`);
    expect(names.map((r) => r.conname)).toEqual(['bc_sql_a_ck', 'bc_sql_b_check', 'bc_sql_b_ck', 'bc_sql_c_ck', 'bc_sql_d_ck']);
    // Sequelize 6 has no string operators: `{ ne: null }` is refused before anything is sent.
    expect(await add(['a'], { a: { ne: null } }, 'bc_sql_other')).toMatchObject({ outcome: { ok: false, error: 'Invalid value { ne: null }' }, sql: [] });
    // No NOT VALID: the existing rows are checked at once.
    await table('bc_null');
    await suite.db.query(`INSERT INTO "bc_null" (id) VALUES (2)`);
    const failed = await measureOn(suite.db, () => qi.addConstraint('bc_null', { type: 'check', fields: ['a'], where: { a: { [Op.ne]: null } } } as never));
    expect(failed.outcome).toMatchObject({ ok: false, code: '23514' });
    expect(writeStatements(failed.sql).join('')).not.toMatch(/NOT VALID/);
  });

  test('a raw SET NOT NULL after it skips the scan, for each spelling and for one conjunct of several', async () => {
    const qi = suite.db.queryInterface;
    const { sequelize } = suite.db;
    await table('bc_raw');
    // Without a CHECK: the scan.
    expect(await debugNotices(suite.db, (t) => sequelize.query('ALTER TABLE "bc_raw" ALTER COLUMN "a" SET NOT NULL', { transaction: t } as never))).toContain(SCAN('bc_raw'));
    await qi.addConstraint('bc_raw', { type: 'check', fields: ['b'], where: { b: { [Op.ne]: null } } } as never);
    await qi.addConstraint('bc_raw', { type: 'check', fields: ['c'], where: { [Op.not]: { c: null } } } as never);
    await qi.addConstraint('bc_raw', { type: 'check', fields: ['d'], where: { d: { [Op.not]: null }, id: { [Op.gt]: 0 } } } as never);
    for (const column of ['b', 'c', 'd']) {
      const notices = await debugNotices(suite.db, (t) => sequelize.query(`ALTER TABLE "bc_raw" ALTER COLUMN "${column}" SET NOT NULL`, { transaction: t } as never));
      expect(notices).toContain(PROOF('bc_raw', column));
      expect(notices).not.toContain(SCAN('bc_raw'));
    }
  });

  test('changeColumn allowNull: false after it still reads every row: its ALTER COLUMN ... TYPE checks the CHECK again', async () => {
    const qi = suite.db.queryInterface;
    const { sequelize } = suite.db;
    await table('bc_change');
    await qi.addConstraint('bc_change', { type: 'check', fields: ['a'], where: { a: { [Op.ne]: null } } } as never);
    const mark = suite.db.log.length;
    const notices = await debugNotices(suite.db, (t) => qi.changeColumn('bc_change', 'a', { type: S.STRING, allowNull: false }, { transaction: t } as never));
    expect(suite.db.sqlSince(mark).filter((s) => s.startsWith('ALTER'))).toEqual([
      'ALTER TABLE "bc_change" ALTER COLUMN "a" SET NOT NULL;ALTER TABLE "bc_change" ALTER COLUMN "a" DROP DEFAULT;ALTER TABLE "bc_change" ALTER COLUMN "a" TYPE VARCHAR(255);',
    ]);
    // SET NOT NULL itself is proven; the TYPE statement that follows rebuilds the CHECK and checks every row.
    expect(notices).toEqual([PROOF('bc_change', 'a'), SCAN('bc_change')]);
    // The same TYPE statement alone, on a column with the CHECK: the scan. On a column without one: none.
    expect(await debugNotices(suite.db, (t) => sequelize.query('ALTER TABLE "bc_change" ALTER COLUMN "a" TYPE VARCHAR(255)', { transaction: t } as never))).toEqual([SCAN('bc_change')]);
    expect(await debugNotices(suite.db, (t) => sequelize.query('ALTER TABLE "bc_change" ALTER COLUMN "b" TYPE VARCHAR(255)', { transaction: t } as never))).toEqual([]);
    // With the CHECK dropped first, changeColumn scans for the NOT NULL instead.
    await qi.removeConstraint('bc_change', 'bc_change_a_ck');
    await sequelize.query('ALTER TABLE "bc_change" ALTER COLUMN "a" DROP NOT NULL');
    expect(await debugNotices(suite.db, (t) => qi.changeColumn('bc_change', 'a', { type: S.STRING, allowNull: false }, { transaction: t } as never))).toEqual([SCAN('bc_change')]);
  });
});
