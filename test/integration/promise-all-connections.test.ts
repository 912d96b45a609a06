/**
 * What no-racing-steps relies on, measured on the PostgreSQL server of 127.0.0.1:5432 and on MariaDB
 * (127.0.0.1:3306): the elements of one `Promise.all` of Sequelize calls made without a transaction go out on
 * connections of their own (each takes a pool connection while the other's is still busy), so the server orders
 * nothing between them: an element written after another runs and completes while the earlier one still waits (here
 * on a lock another session holds). With one transaction passed to both, they share its connection. A step whose call
 * does something before it sends its statement (createTable, renameColumn) is overtaken every time by a later element
 * that needs it. Two steps that send at once (addColumn, then an index over the column) also went out of order here,
 * 2 runs of 10 with a fresh pool: not asserted, as it depends on which new connection is ready first.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection, mysqlSequelize, pgQuery } from './support';

const { Sequelize } = createRequire(__filename)('sequelize') as typeof import('sequelize');
const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `migralint_promise_all_${process.pid}`;
const url = SERVER.replace(/\/[^/]*$/, `/${DATABASE}`);

/**
 * Starts `addColumn('couriers')` (its table locked by another session), then awaits `addColumn('parcels')`: the second
 * completes while the first still waits; `release` frees the lock, and the first completes.
 */
async function secondOvertakesFirst(sequelize: InstanceType<typeof Sequelize>, release: () => Promise<unknown>): Promise<void> {
  const queryInterface = sequelize.getQueryInterface();
  let firstDone = false;
  const first = queryInterface.addColumn('couriers', 'note', { type: 'TEXT' }).then(() => {
    firstDone = true;
  });
  await queryInterface.addColumn('parcels', 'note', { type: 'TEXT' });
  expect(firstDone).toBe(false);
  await release();
  await first;
  expect(firstDone).toBe(true);
}

beforeAll(async () => {
  await pgQuery(SERVER, `CREATE DATABASE ${DATABASE}`);
  await pgQuery(url, 'CREATE TABLE couriers (id integer PRIMARY KEY); CREATE TABLE parcels (id integer PRIMARY KEY)');
});

afterAll(async () => {
  await pgQuery(SERVER, `DROP DATABASE IF EXISTS ${DATABASE}`);
});

describe('PostgreSQL: the elements of one Promise.all', () => {
  it('with one transaction passed to both, they share its backend', async () => {
    const sequelize = new Sequelize(url, { logging: false });
    try {
      const pid = 'SELECT pg_backend_pid() AS pid';
      const together = await sequelize.transaction((transaction) => Promise.all([sequelize.query(pid, { plain: true, transaction }), sequelize.query(pid, { plain: true, transaction })]));
      expect(new Set(together.map((r) => (r as { pid: number }).pid)).size).toBe(1);
    } finally {
      await sequelize.close();
    }
  });

  it('the second element completes while the first still waits: the server orders nothing between them', async () => {
    const { Client } = createRequire(__filename)('pg') as typeof import('pg');
    const holder = new Client({ connectionString: url });
    await holder.connect();
    const sequelize = new Sequelize(url, { logging: false });
    try {
      await holder.query('BEGIN; LOCK TABLE couriers IN ACCESS EXCLUSIVE MODE');
      await secondOvertakesFirst(sequelize, () => holder.query('COMMIT'));
    } finally {
      await holder.end();
      await sequelize.close();
    }
  });
});

describe('PostgreSQL: a step that needs what an earlier element of the same Promise.all does', () => {
  // A fresh Sequelize instance each time, as a runner's process starts with an empty pool.
  async function race(setup: (qi: ReturnType<InstanceType<typeof Sequelize>['getQueryInterface']>) => Promise<unknown>, elements: (qi: ReturnType<InstanceType<typeof Sequelize>['getQueryInterface']>) => Promise<unknown>[]): Promise<string> {
    const sequelize = new Sequelize(url, { logging: false });
    try {
      const queryInterface = sequelize.getQueryInterface();
      await setup(queryInterface);
      await Promise.all(elements(queryInterface));
      return 'ok';
    } catch (error) {
      return (error as Error).message;
    } finally {
      await sequelize.close();
    }
  }

  it('createTable (it checks for enum types first) is overtaken by an index on the table it creates', async () => {
    const outcome = await race(async () => undefined, (qi) => [qi.createTable('tags', { id: { type: 'INTEGER', primaryKey: true }, name: 'VARCHAR(40)' }), qi.addIndex('tags', ['name'])]);
    expect(outcome).toBe('relation "tags" does not exist');
  });

  it('renameColumn (it reads the table first) is overtaken by an index on the new name', async () => {
    const outcome = await race(
      (qi) => qi.createTable('labels', { id: { type: 'INTEGER', primaryKey: true }, title: 'VARCHAR(40)' }),
      (qi) => [qi.renameColumn('labels', 'title', 'name'), qi.addIndex('labels', ['name'])],
    );
    expect(outcome).toBe('column "name" does not exist');
  });
});

describe('MariaDB: the elements of one Promise.all', () => {
  it('the second element completes while the first still waits', async () => {
    const name = `migralint_promise_all_${process.pid}`;
    const { sequelize, drop } = await mysqlSequelize(name);
    const holder = await mysqlConnection({ multipleStatements: true });
    try {
      await sequelize.query('CREATE TABLE couriers (id INT PRIMARY KEY)');
      await sequelize.query('CREATE TABLE parcels (id INT PRIMARY KEY)');
      await holder.query(`USE ${name}; LOCK TABLES couriers WRITE`);
      await secondOvertakesFirst(sequelize, () => holder.query('UNLOCK TABLES'));
    } finally {
      await holder.end();
      await drop();
    }
  });
});
