/**
 * What a transaction undoes on MariaDB (127.0.0.1:3306), the facts require-idempotency-guard relies on for MySQL:
 * rows written in a transaction are rolled back when a later statement fails (InnoDB), while DDL commits at once
 * (an implicit commit), so a table created in the transaction stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection } from './support';

const DATABASE = `migralint_transactions_${process.pid}`;

type Connection = Awaited<ReturnType<typeof mysqlConnection>>;
let connection: Connection;

beforeAll(async () => {
  connection = await mysqlConnection();
  await connection.query(`CREATE DATABASE ${DATABASE}`);
  await connection.query(`USE ${DATABASE}`);
  await connection.query('CREATE TABLE plans (id INT PRIMARY KEY, name VARCHAR(20)) ENGINE=InnoDB');
});

afterAll(async () => {
  await connection.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await connection.end();
});

/** Runs the statements in one transaction; the last one fails; the transaction is rolled back, as Sequelize does. */
async function failingTransaction(statements: string[]): Promise<void> {
  await connection.query('START TRANSACTION');
  try {
    for (const sql of statements) await connection.query(sql);
    throw new Error('the last statement was expected to fail');
  } catch (error) {
    await connection.query('ROLLBACK');
    if ((error as Error).message.startsWith('the last statement')) throw error;
  }
}

describe('MariaDB transactions: rows roll back, DDL does not', () => {
  it('inserts, an update and a delete before a failing insert are all undone', async () => {
    await connection.query("INSERT INTO plans VALUES (1, 'free')");
    await failingTransaction(["INSERT INTO plans VALUES (2, 'pro')", "UPDATE plans SET name = 'basic' WHERE id = 1", 'DELETE FROM plans WHERE id = 1', "INSERT INTO plans VALUES (2, 'again')"]);
    const [rows] = await connection.query('SELECT id, name FROM plans ORDER BY id');
    expect(rows).toEqual([{ id: 1, name: 'free' }]);
  });

  it('a table created in the transaction stays after the rollback: DDL commits at once', async () => {
    await failingTransaction(['CREATE TABLE coupons (id INT PRIMARY KEY) ENGINE=InnoDB', "INSERT INTO plans VALUES (1, 'duplicate')"]);
    const [rows] = await connection.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = '${DATABASE}' ORDER BY table_name`);
    expect((rows as { t: string }[]).map((r) => r.t)).toEqual(['coupons', 'plans']);
  });
});
