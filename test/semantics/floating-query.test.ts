/**
 * Measures on PGlite, through Sequelize, what no-floating-query claims about a
 * call whose promise nobody awaits, inside a transaction: a transaction runs
 * on one connection, whose statements PostgreSQL runs in the order they are
 * sent. A floating call followed by an awaited call on the same transaction
 * is sent first (when its method sends its statement at once), so its
 * failure aborts the transaction and the awaited call fails; with nothing
 * awaited after it, Sequelize commits before the call is even sent.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { OPERATIONS } from '../../src/operations/table';
import type { OpKind } from '../../src/model';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

type Call = (transaction: unknown) => Promise<unknown>;

/** Runs `floating` without awaiting it, then (when given) awaits `awaited`, in one managed transaction; both outcomes and the SQL sent. */
async function floatingThen(floating: Call, awaited?: Call) {
  const { sequelize } = suite.db;
  let floatingOutcome: { ok: true } | { ok: false; error: string } | 'pending' = 'pending';
  let settled!: Promise<unknown>;
  const run = await measureOn(suite.db, () =>
    sequelize.transaction(async (transaction) => {
      // The test keeps the promise only to read its outcome; the migration under test keeps none.
      settled = floating(transaction).then(
        () => (floatingOutcome = { ok: true }),
        (error: Error) => (floatingOutcome = { ok: false, error: error.message }),
      );
      if (awaited) await awaited(transaction);
    }),
  );
  await settled;
  return { ...run, floating: floatingOutcome };
}

const columnsOf = async (table: string) =>
  (await suite.db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY column_name`)).map((r) => r.column_name);

describe('no-floating-query: a floating call in a transaction', () => {
  test('followed by an awaited call on the same transaction: its failure aborts the transaction, the awaited call fails, nothing is committed', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('fq_fail', { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING } });
    const r = await floatingThen(
      (t) => qi.addColumn('fq_fail', 'a', { type: S.STRING }, { transaction: t } as never),
      (t) => qi.addColumn('fq_fail', 'b', { type: S.STRING }, { transaction: t } as never),
    );
    expect(r.sql).toEqual(['START TRANSACTION;', 'ALTER TABLE "public"."fq_fail" ADD COLUMN "a" VARCHAR(255);', 'ALTER TABLE "public"."fq_fail" ADD COLUMN "b" VARCHAR(255);', 'ROLLBACK;']);
    // The migration fails, with PostgreSQL's answer to the awaited call; the floating call's own error is a rejection nobody handles.
    expect(r.outcome).toMatchObject({ ok: false, code: '25P02', error: 'current transaction is aborted, commands ignored until end of transaction block' });
    expect(r.floating).toEqual({ ok: false, error: 'column "a" of relation "fq_fail" already exists' });
    expect(await columnsOf('fq_fail')).toEqual(['a', 'id']);
  });

  test('with nothing awaited after it: Sequelize commits first and the call is never sent; the migration succeeds without the step', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('fq_last', { id: { type: S.INTEGER, primaryKey: true } });
    const r = await floatingThen((t) => qi.addColumn('fq_last', 'a', { type: S.STRING }, { transaction: t } as never));
    expect(r.outcome).toEqual({ ok: true });
    expect(r.sql).toEqual(['START TRANSACTION;', 'COMMIT;']);
    expect(r.floating).toMatchObject({ ok: false, error: expect.stringMatching(/^commit has been called on this transaction\(.*\), you can no longer use it/) });
    expect(await columnsOf('fq_last')).toEqual(['id']);
  });

  test('createTable and renameColumn send their statement late (after an await of their own): the awaited call runs first; a late failure after the last awaited call rolls everything back while the migration succeeds', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('fq_late', { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING } });
    const renamed = await floatingThen(
      (t) => qi.renameColumn('fq_late', 'a', 'a2', { transaction: t } as never),
      (t) => qi.addIndex('fq_late', ['a2'], { transaction: t } as never),
    );
    // Written rename-then-index; PostgreSQL receives the index first.
    expect(renamed.sql.filter((s) => !s.startsWith('SELECT'))).toEqual(['START TRANSACTION;', 'CREATE INDEX "fq_late_a2" ON "fq_late" ("a2")', 'ALTER TABLE "fq_late" RENAME COLUMN "a" TO "a2";', 'ROLLBACK;']);
    expect(renamed.outcome).toMatchObject({ ok: false, error: 'column "a2" does not exist' });

    // A createTable that fails (its foreign key names no table), sent after the awaited addColumn: COMMIT of the aborted transaction rolls back.
    const created = await floatingThen(
      (t) => qi.createTable('fq_child', { id: { type: S.INTEGER, primaryKey: true }, parentId: { type: S.INTEGER, references: { model: 'fq_nowhere', key: 'id' } } }, { transaction: t } as never),
      (t) => qi.addColumn('fq_late', 'b', { type: S.STRING }, { transaction: t } as never),
    );
    expect(created.sql).toEqual([
      'START TRANSACTION;',
      'ALTER TABLE "public"."fq_late" ADD COLUMN "b" VARCHAR(255);',
      'CREATE TABLE IF NOT EXISTS "fq_child" ("id" INTEGER , "parentId" INTEGER REFERENCES "fq_nowhere" ("id"), PRIMARY KEY ("id"));',
      'COMMIT;',
    ]);
    expect(created.floating).toEqual({ ok: false, error: 'relation "fq_nowhere" does not exist' });
    expect(created.outcome).toEqual({ ok: true });
    expect(await columnsOf('fq_late')).toEqual(['a', 'id']);
  });

  test('which builder calls send their statement at once, before a later awaited call (the operation table\'s sendsAtOnce)', async () => {
    const qi = suite.db.queryInterface as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const { sequelize } = suite.db;
    await suite.db.queryInterface.createTable('fq_m', { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING }, c: { type: S.STRING } });
    await suite.db.queryInterface.createTable('fq_m2', { id: { type: S.INTEGER, primaryKey: true } });
    await suite.db.queryInterface.addIndex('fq_m', ['c'], { name: 'fq_m_c_idx' });
    await suite.db.queryInterface.addConstraint('fq_m', { type: 'unique', fields: ['c'], name: 'fq_m_c_uq' });
    await suite.db.query(`CREATE TYPE fq_enum AS ENUM ('x')`);
    const calls: Partial<Record<OpKind, Call>> = {
      createTable: (t) => qi.createTable!('fq_n', { id: { type: S.INTEGER } }, { transaction: t }),
      addColumn: (t) => qi.addColumn!('fq_m', 'd', { type: S.STRING }, { transaction: t }),
      changeColumn: (t) => qi.changeColumn!('fq_m', 'a', { type: S.TEXT }, { transaction: t }),
      removeColumn: (t) => qi.removeColumn!('fq_m', 'd', { transaction: t }),
      renameColumn: (t) => qi.renameColumn!('fq_m', 'a', 'a1', { transaction: t }),
      renameTable: (t) => qi.renameTable!('fq_m2', 'fq_m3', { transaction: t }),
      addIndex: (t) => qi.addIndex!('fq_m', ['id'], { transaction: t }),
      removeIndex: (t) => qi.removeIndex!('fq_m', 'fq_m_c_idx', { transaction: t }),
      addConstraint: (t) => qi.addConstraint!('fq_m', { type: 'check', fields: ['id'], where: { id: { [S.Op.gt]: 0 } }, transaction: t }),
      removeConstraint: (t) => qi.removeConstraint!('fq_m', 'fq_m_c_uq', { transaction: t }),
      bulkInsert: (t) => qi.bulkInsert!('fq_m', [{ id: 1 }], { transaction: t }),
      bulkUpdate: (t) => qi.bulkUpdate!('fq_m', { c: 'z' }, { id: 1 }, { transaction: t }),
      bulkDelete: (t) => qi.bulkDelete!('fq_m', { id: 1 }, { transaction: t }),
      dropTable: (t) => qi.dropTable!('fq_m3', { transaction: t }),
      dropEnum: (t) => qi.dropEnum!('fq_enum', { transaction: t }),
      sql: (t) => sequelize.query('SELECT 2 AS floating_marker', { transaction: t } as never),
    };
    const measured: Record<string, boolean> = {};
    const table: Record<string, boolean> = {};
    for (const [kind, call] of Object.entries(calls) as [OpKind, Call][]) {
      const r = await floatingThen(call, (t) => sequelize.query('SELECT 1 AS awaited_marker', { transaction: t } as never));
      expect(r.outcome, kind).toEqual({ ok: true });
      const written = r.sql.filter((s) => s !== 'START TRANSACTION;' && s !== 'COMMIT;' && !s.startsWith('SELECT pk.constraint_type'));
      // Sent at once: its statement reaches PostgreSQL before the awaited one.
      measured[kind] = written.findIndex((s) => s.includes('awaited_marker')) === written.length - 1;
      table[kind] = kind === 'sql' ? true : OPERATIONS[kind].sequelize?.sendsAtOnce === true;
    }
    expect(measured).toEqual(table);
    expect(Object.entries(measured).filter(([, atOnce]) => !atOnce).map(([kind]) => kind)).toEqual(['createTable', 'renameColumn']);
  });
});
