/**
 * What no-racing-steps relies on, measured on the PostgreSQL server of 127.0.0.1:5432 and on MariaDB
 * (127.0.0.1:3306): the elements of one `Promise.all` of Sequelize calls made without a transaction go out on
 * connections of their own (each takes a pool connection while the other's is still busy), so the server orders
 * nothing between them: an element written after another runs and completes while the earlier one still waits (here
 * on a lock another session holds). With one transaction passed to both, they share its connection.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection, mysqlSequelize, pgQuery } from './support';

const { Sequelize } = createRequire(__filename)('sequelize') as typeof import('sequelize');
const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `migralint_promise_all_${process.pid}`;
const url = SERVER.replace(/\/[^/]*$/, `/${DATABASE}`);

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
      const queryInterface = sequelize.getQueryInterface();
      let firstDone = false;
      const first = queryInterface.addColumn('couriers', 'note', { type: 'TEXT' }).then(() => {
        firstDone = true;
      });
      await queryInterface.addColumn('parcels', 'note', { type: 'TEXT' });
      expect(firstDone).toBe(false);
      await holder.query('COMMIT');
      await first;
      expect(firstDone).toBe(true);
    } finally {
      await holder.end();
      await sequelize.close();
    }
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
      const queryInterface = sequelize.getQueryInterface();
      let firstDone = false;
      const first = queryInterface.addColumn('couriers', 'note', { type: 'TEXT' }).then(() => {
        firstDone = true;
      });
      await queryInterface.addColumn('parcels', 'note', { type: 'TEXT' });
      expect(firstDone).toBe(false);
      await holder.query('UNLOCK TABLES');
      await first;
      expect(firstDone).toBe(true);
    } finally {
      await holder.end();
      await drop();
    }
  });
});
