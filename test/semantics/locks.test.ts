/**
 * Measures on a real PostgreSQL (PGlite) what the lock rules claim: which
 * lock each step holds (read from pg_locks inside the transaction that runs
 * it), whether SET NOT NULL scans the table, which maintenance statements
 * rewrite it, and what ALTER TYPE ... ADD VALUE allows in a transaction.
 * The SQL of builder calls is Sequelize's own, read from its log.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

/** Runs `fn` in a transaction and returns the lock modes then held on each relation named, plus the SQL sent. */
async function locksTaken(relations: string[], fn: (transaction: unknown) => Promise<unknown>): Promise<{ locks: Record<string, string[]>; sql: string[] }> {
  const { sequelize } = suite.db;
  let locks: Record<string, string[]> = {};
  const { outcome, sql } = await measureOn(suite.db, () =>
    sequelize.transaction(async (transaction) => {
      await fn(transaction);
      locks = {};
      for (const relation of relations) {
        const [rows] = await sequelize.query(`SELECT DISTINCT mode FROM pg_locks WHERE relation = '"${relation}"'::regclass AND granted ORDER BY mode`, { transaction });
        locks[relation] = (rows as { mode: string }[]).map((r) => r.mode);
      }
    }),
  );
  if (!outcome.ok) throw new Error(outcome.error);
  return { locks, sql: writeStatements(sql).filter((s) => !/pg_locks|TRANSACTION|COMMIT/.test(s)) };
}

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
