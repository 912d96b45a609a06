/**
 * A migration that opens its own transaction with raw SQL (`sequelize.query('BEGIN')` ... `COMMIT`, `ROLLBACK` in
 * its catch), measured through Sequelize's connection pool on the PostgreSQL server of 127.0.0.1:5432: steps
 * awaited one after another get the one connection the BEGIN ran on, so a failing step rolls back the steps before
 * it (require-idempotency-guard counts such a block as one transaction). Steps run at once (`Promise.all`) may
 * take other connections of the pool, which the rule does not count on.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgQuery } from './support';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `migralint_raw_begin_${process.pid}`;
const url = SERVER.replace(/\/[^/]*$/, `/${DATABASE}`);

let sequelize: InstanceType<typeof S.Sequelize>;

beforeAll(async () => {
  await pgQuery(SERVER, `CREATE DATABASE ${DATABASE}`);
  sequelize = new S.Sequelize(url, { logging: false });
});

afterAll(async () => {
  await sequelize.close();
  await pgQuery(SERVER, `DROP DATABASE IF EXISTS ${DATABASE}`);
});

/** The migration's `up`, as a project writes it: raw BEGIN, the steps, COMMIT; ROLLBACK and rethrow on failure. */
async function inRawTransaction(steps: () => Promise<unknown>): Promise<string | null> {
  const qi = sequelize.getQueryInterface();
  try {
    await qi.sequelize.query('BEGIN');
    await steps();
    await qi.sequelize.query('COMMIT');
    return null;
  } catch (error) {
    await qi.sequelize.query('ROLLBACK');
    return (error as Error).message;
  }
}

const columns = async (table: string) => Object.keys(await sequelize.getQueryInterface().describeTable(table)).sort();

describe('raw BEGIN ... COMMIT through the pool', () => {
  it('steps awaited one after another: the failing step rolls back the column added and the column renamed before it', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('series', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING });
    const failure = await inRawTransaction(async () => {
      await qi.addColumn('series', 'channel_id', { type: S.INTEGER });
      await qi.renameColumn('series', 'name', 'title');
      await qi.sequelize.query('ALTER TABLE series ADD COLUMN broken no_such_type');
    });
    expect(failure).toBe('type "no_such_type" does not exist');
    expect(await columns('series')).toEqual(['id', 'name']);
  });
});
