/**
 * Measures on a real PostgreSQL (PGlite) what the lock rules claim: which
 * lock each step holds (read from pg_locks inside the transaction that runs
 * it), whether SET NOT NULL scans the table, which maintenance statements
 * rewrite it, and what ALTER TYPE ... ADD VALUE allows in a transaction.
 * The SQL of builder calls is Sequelize's own, read from its log.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { locksTaken as locksOn, measureOn, stripLogPrefix, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();
const locksTaken = (relations: string[], fn: (transaction: unknown) => Promise<unknown>) => locksOn(suite.db, relations, fn);


/** `users (id, email)` with two rows, `email` nullable. */
async function users(table: string, emails: [string | null, string | null] = ['a@x', 'b@x']): Promise<void> {
  await suite.db.queryInterface.createTable(table, { id: { type: S.INTEGER, primaryKey: true }, email: { type: S.STRING } });
  await suite.db.query(`INSERT INTO "${table}" VALUES (1, ${emails[0] === null ? 'NULL' : `'${emails[0]}'`}), (2, ${emails[1] === null ? 'NULL' : `'${emails[1]}'`})`);
}

describe('require-check-before-set-not-null', () => {
  test('changeColumn allowNull: false sends SET NOT NULL, under ACCESS EXCLUSIVE, and it checks every row', async () => {
    await users('nn_users', ['a@x', null]);
    const qi = suite.db.queryInterface;
    const failed = await measureOn(suite.db, () => qi.changeColumn('nn_users', 'email', { type: S.STRING, allowNull: false }));
    expect(failed.outcome).toMatchObject({ ok: false, code: '23502' });
    expect(writeStatements(failed.sql).join(';')).toMatch(/ALTER COLUMN "email" SET NOT NULL/);
    await suite.db.query(`UPDATE nn_users SET email = 'c@x'`);
    const r = await locksTaken(['nn_users'], (transaction) => qi.changeColumn('nn_users', 'email', { type: S.STRING, allowNull: false }, { transaction } as never));
    expect(r.locks.nn_users).toContain('AccessExclusiveLock');
  });
});

/** `pg_class.relfilenode` of a table: it changes when the table is written to a new file (a rewrite). */
async function relfilenode(table: string): Promise<number> {
  const [row] = await suite.db.query<{ n: number }>(`SELECT relfilenode AS n FROM pg_class WHERE oid = '"${table}"'::regclass`);
  return Number(row!.n);
}

describe('require-concurrent-unique-constraint', () => {
  test('addConstraint unique builds the index under ACCESS EXCLUSIVE', async () => {
    await users('uq_users');
    const r = await locksTaken(['uq_users'], (transaction) =>
      suite.db.queryInterface.addConstraint('uq_users', { type: 'unique', fields: ['email'], name: 'uq_users_email', transaction } as never),
    );
    expect(r.sql.join(';')).toMatch(/ADD CONSTRAINT "uq_users_email" UNIQUE \("email"\)/);
    expect(r.locks.uq_users).toContain('AccessExclusiveLock');
  });

  test('addColumn unique: true sends ADD COLUMN ... UNIQUE: a unique index over every row, built under ACCESS EXCLUSIVE', async () => {
    await users('uq_col');
    const r = await locksTaken(['uq_col'], (transaction) => suite.db.queryInterface.addColumn('uq_col', 'code', { type: S.STRING, unique: true }, { transaction } as never));
    expect(r.sql.join(';')).toMatch(/ADD COLUMN "code" VARCHAR\(255\) UNIQUE/);
    expect(r.locks.uq_col).toContain('AccessExclusiveLock');
    const [index] = await suite.db.query<{ unique: boolean }>(
      `SELECT i.indisunique AS unique FROM pg_index i WHERE i.indrelid = 'uq_col'::regclass AND NOT i.indisprimary`,
    );
    expect(index).toMatchObject({ unique: true });
  });

  test('CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX: the constraint uses the built index', async () => {
    await users('uq_using');
    expect(await suite.db.attempt('CREATE UNIQUE INDEX CONCURRENTLY uq_using_email ON uq_using (email)')).toEqual({ ok: true });
    const before = await suite.db.query<{ oid: number }>(`SELECT 'uq_using_email'::regclass::oid AS oid`);
    expect(await suite.db.attempt('ALTER TABLE uq_using ADD CONSTRAINT uq_using_email UNIQUE USING INDEX uq_using_email')).toEqual({ ok: true });
    const [constraint] = await suite.db.query<{ conindid: number; contype: string }>(`SELECT conindid, contype FROM pg_constraint WHERE conname = 'uq_using_email'`);
    expect({ index: Number(constraint!.conindid), type: constraint!.contype }).toEqual({ index: Number(before[0]!.oid), type: 'u' });
  });
});

describe('require-concurrent-index', () => {
  test('a unique addIndex takes SHARE (no writes); removeIndex sends DROP INDEX IF EXISTS under ACCESS EXCLUSIVE', async () => {
    const qi = suite.db.queryInterface;
    await users('ix_users');
    const built = await locksTaken(['ix_users'], (transaction) => qi.addIndex('ix_users', ['email'], { unique: true, transaction } as never));
    expect(built.sql.join(';')).toMatch(/CREATE UNIQUE INDEX "ix_users_email" ON "ix_users"/);
    expect(built.locks.ix_users).toContain('ShareLock');
    const dropped = await locksTaken(['ix_users'], (transaction) => qi.removeIndex('ix_users', ['email'], { transaction } as never));
    expect(dropped.sql.join(';')).toMatch(/^DROP INDEX IF EXISTS ("public"\.)?"ix_users_email"$/);
    expect(dropped.locks.ix_users).toContain('AccessExclusiveLock');
  });

  test('removeIndex with concurrently sends DROP INDEX CONCURRENTLY', async () => {
    const qi = suite.db.queryInterface;
    await users('ix_conc');
    await qi.addIndex('ix_conc', ['email']);
    const { outcome, sql } = await measureOn(suite.db, () => qi.removeIndex('ix_conc', ['email'], { concurrently: true } as never));
    expect(outcome).toEqual({ ok: true });
    expect(writeStatements(sql)).toEqual(['DROP INDEX CONCURRENTLY IF EXISTS "ix_conc_email"']);
  });

  test('REINDEX: SHARE on the table, ACCESS EXCLUSIVE on the index', async () => {
    await users('ix_re');
    await suite.db.queryInterface.addIndex('ix_re', ['email']);
    const r = await locksTaken(['ix_re', 'ix_re_email'], (transaction) => suite.db.sequelize.query('REINDEX INDEX ix_re_email', { transaction } as never));
    expect(r.locks).toEqual({ ix_re: ['ShareLock'], ix_re_email: ['AccessExclusiveLock'] });
  });
});

describe('no-table-rewrite: VACUUM FULL and CLUSTER', () => {
  test('both write the table to a new file; CLUSTER under ACCESS EXCLUSIVE; a plain VACUUM rewrites nothing', async () => {
    await users('vf_users');
    let before = await relfilenode('vf_users');
    expect(await suite.db.attempt('VACUUM vf_users')).toEqual({ ok: true });
    expect(await relfilenode('vf_users')).toBe(before);
    expect(await suite.db.attempt('VACUUM FULL vf_users')).toEqual({ ok: true });
    expect(await relfilenode('vf_users')).not.toBe(before);
    before = await relfilenode('vf_users');
    const r = await locksTaken(['vf_users'], (transaction) => suite.db.sequelize.query('CLUSTER vf_users USING vf_users_pkey', { transaction } as never));
    expect(r.locks.vf_users).toContain('AccessExclusiveLock');
    expect(await relfilenode('vf_users')).not.toBe(before);
  });
});

describe('no-enum-value-in-transaction', () => {
  test('ADD VALUE runs in a transaction (PostgreSQL 12+), but the new value cannot be used before it commits (55P04)', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await suite.db.query(`CREATE TYPE enum_ev_status AS ENUM ('open', 'paid'); CREATE TABLE ev_orders (id int PRIMARY KEY, status enum_ev_status); INSERT INTO ev_orders VALUES (1, 'paid')`);
    const used = await measureOn(suite.db, () =>
      sequelize.transaction(async (transaction) => {
        await sequelize.query(`ALTER TYPE enum_ev_status ADD VALUE 'refunded'`, { transaction });
        await qi.bulkUpdate('ev_orders', { status: 'refunded' }, { id: 1 }, { transaction } as never);
      }),
    );
    expect(used.outcome).toMatchObject({ ok: false, code: '55P04' });
    expect(used.outcome).toMatchObject({ error: expect.stringMatching(/unsafe use of new value "refunded"/) });

    // Not used in it: the transaction commits.
    const alone = await measureOn(suite.db, () => sequelize.transaction((transaction) => sequelize.query(`ALTER TYPE enum_ev_status ADD VALUE 'refunded'`, { transaction })));
    expect(alone.outcome).toEqual({ ok: true });

    // One query string with several statements is one implicit transaction; a DEFAULT is a use too.
    expect(await suite.db.attempt(`ALTER TYPE enum_ev_status ADD VALUE 'void'; UPDATE ev_orders SET status = 'void'`)).toMatchObject({ ok: false, code: '55P04' });
    expect(await suite.db.attempt(`ALTER TYPE enum_ev_status ADD VALUE 'lost'; ALTER TABLE ev_orders ALTER COLUMN status SET DEFAULT 'lost'`)).toMatchObject({ ok: false, code: '55P04' });
    // Once committed, the value is usable.
    expect(await suite.db.attempt(`UPDATE ev_orders SET status = 'refunded'`)).toEqual({ ok: true });
  });
});

describe('require-transaction-option', () => {
  test('inside a transaction callback, a call without { transaction } (or with it in the attributes) runs outside: the rollback does not undo it', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await users('tx_users');
    const mark = suite.db.log.length;
    // Not awaited inside the callback: with the harness' pool of one connection, an awaited call would wait for
    // the connection the transaction holds (the migration hangs). Either way, it is not sent on the transaction.
    let outside: Promise<unknown>[] = [];
    const outcome = await measureOn(suite.db, () =>
      sequelize.transaction(async (transaction) => {
        await qi.addColumn('tx_users', 'inside', { type: S.INTEGER }, { transaction } as never);
        outside = [
          qi.addColumn('tx_users', 'without', { type: S.INTEGER }),
          qi.addColumn('tx_users', 'attributes', { type: S.INTEGER, transaction } as never),
          // changeColumn reads its options from the fourth argument as addColumn does: in the attributes it runs outside too.
          qi.changeColumn('tx_users', 'email', { type: S.TEXT, transaction } as never),
        ];
        throw new Error('a later step fails');
      }),
    );
    await Promise.all(outside);
    expect(outcome.outcome).toMatchObject({ ok: false, error: 'a later step fails' });
    const adds = suite.db.log.slice(mark).filter((l) => /ADD COLUMN/.test(l));
    const tx = /^Executing \(([^)]+)\)/.exec(adds.find((l) => /"inside"/.test(l))!)![1];
    expect(tx).not.toBe('default');
    expect(adds.filter((l) => /"without"|"attributes"/.test(l)).map((l) => /^Executing \(([^)]+)\)/.exec(l)![1])).toEqual(['default', 'default']);
    const columns = await qi.describeTable('tx_users');
    expect(Object.keys(columns).sort()).toEqual(['attributes', 'email', 'id', 'without']);
    const change = suite.db.log.slice(mark).find((l) => /ALTER COLUMN "email" TYPE/.test(l));
    expect(/^Executing \(([^)]+)\)/.exec(change!)![1]).toBe('default');
    expect(columns.email!.type).toBe('TEXT');
  });

  test('addIndex(table, { fields, transaction }): Sequelize takes an object second argument as the options and honours its transaction; a third argument then is not read for options', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await users('tx_index');
    const mark = suite.db.log.length;
    let third: Promise<unknown> = Promise.resolve();
    const outcome = await measureOn(suite.db, () =>
      sequelize.transaction(async (transaction) => {
        await qi.addIndex('tx_index', ['id'], { transaction } as never);
        await qi.addIndex('tx_index', { fields: ['email'], transaction } as never);
        // `{ transaction }` as a third argument, after an options object: Sequelize reads it as `rawTablename`, not as
        // options, and the call runs outside (not awaited: the pool has one connection).
        third = qi.addIndex('tx_index', { fields: ['id', 'email'] } as never, { transaction } as never);
        throw new Error('a later step fails');
      }),
    );
    await third;
    expect(outcome.outcome).toMatchObject({ ok: false, error: 'a later step fails' });
    const created = suite.db.log.slice(mark).filter((l) => /CREATE INDEX/.test(l));
    const txOf = (l: string) => /^Executing \(([^)]+)\)/.exec(l)![1];
    const tx = txOf(created[0]!);
    expect(tx).not.toBe('default');
    expect(created.map(stripLogPrefix)).toEqual([
      'CREATE INDEX "tx_index_id" ON "tx_index" ("id")',
      'CREATE INDEX "tx_index_email" ON "tx_index" ("email")',
      'CREATE INDEX "tx_index_id_email" ON "tx_index" ("id", "email")',
    ]);
    expect(created.map(txOf)).toEqual([tx, tx, 'default']);
    // The rollback undid the first two; the third stays.
    const indexes = (await suite.db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'tx_index' AND indexname <> 'tx_index_pkey'`)).map((r) => r.indexname);
    expect(indexes).toEqual(['tx_index_id_email']);
    // No option of that third argument is read: `concurrently` there builds a plain index.
    const plain = await measureOn(suite.db, () => qi.addIndex('tx_index', { fields: ['email'], name: 'tx_index_email_plain' } as never, { concurrently: true } as never));
    expect(plain.sql).toEqual(['CREATE INDEX "tx_index_email_plain" ON "tx_index" ("email")']);
  });
});
