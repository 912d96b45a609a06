/**
 * Measures on the MariaDB server of 127.0.0.1:3306, through Sequelize's queryInterface (the mysql dialect), what
 * no-failing-not-null's `setNullOnNotNullRefused` says: a column declared `allowNull: false` whose foreign key says
 * `onDelete: 'SET NULL'` is refused with the table ("Foreign key constraint is incorrectly formed"), so the migration
 * fails; the same key on a nullable column is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sequelize, DataTypes } from 'sequelize';
import { mysqlConnection } from './support';

const DATABASE = `migralint_set_null_${process.pid}`;
let sequelize: Sequelize;

beforeAll(async () => {
  const admin = await mysqlConnection();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  sequelize = new Sequelize(DATABASE, decodeURIComponent(url.username) || 'root', decodeURIComponent(url.password), { host: url.hostname, port: Number(url.port || 3306), dialect: 'mysql', logging: false });
});

afterAll(async () => {
  await sequelize?.close();
  const admin = await mysqlConnection();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.end();
});

describe('ON DELETE SET NULL on a NOT NULL column, on MariaDB', () => {
  it('is refused with the table; on a nullable column it is accepted', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('couriers', { id: { type: DataTypes.INTEGER, primaryKey: true } });
    const column = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull, references: { model: 'couriers', key: 'id' }, onDelete: 'SET NULL' });
    await expect(qi.createTable('orders', { id: { type: DataTypes.INTEGER, primaryKey: true }, courier_id: column(false) })).rejects.toThrow(/Foreign key constraint is incorrectly formed|errno: 150|cannot be NOT NULL/);
    await expect(qi.createTable('parcels', { id: { type: DataTypes.INTEGER, primaryKey: true }, courier_id: column(true) })).resolves.not.toThrow();
  });
});
