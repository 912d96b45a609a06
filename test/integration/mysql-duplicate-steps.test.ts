/**
 * Measures on the MariaDB server of 127.0.0.1:3306, through Sequelize's queryInterface (the mysql dialect, as a
 * migration sends it), what no-duplicate-create-table says of MySQL and MariaDB: a second `createTable` of the same
 * table does nothing (Sequelize sends CREATE TABLE IF NOT EXISTS), while a second `addColumn` of the same column and
 * a second `addIndex` of the same name fail, so a migration that repeats one stops there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sequelize, DataTypes } from 'sequelize';
import { mysqlConnection } from './support';

const DATABASE = `migralint_duplicate_steps_${process.pid}`;

let sequelize: Sequelize;
const sent: string[] = [];

beforeAll(async () => {
  const admin = await mysqlConnection();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  sequelize = new Sequelize(DATABASE, decodeURIComponent(url.username) || 'root', decodeURIComponent(url.password), {
    host: url.hostname,
    port: Number(url.port || 3306),
    dialect: 'mysql',
    logging: (sql) => sent.push(sql),
  });
});

afterAll(async () => {
  await sequelize?.close();
  const admin = await mysqlConnection();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.end();
});

describe('repeated migration steps on MariaDB (mysql dialect)', () => {
  it('a second createTable of the same table does nothing: CREATE TABLE IF NOT EXISTS', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('plans', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING });
    await expect(qi.createTable('plans', { id: { type: DataTypes.INTEGER, primaryKey: true }, title: DataTypes.STRING })).resolves.not.toThrow();
    expect(sent.some((s) => /CREATE TABLE IF NOT EXISTS `plans`/.test(s))).toBe(true);
    // The first definition stays: `title` never reaches the table.
    expect(Object.keys(await qi.describeTable('plans')).sort()).toEqual(['id', 'name']);
  });

  it('a second addColumn of the same column fails (duplicate column name)', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.addColumn('plans', 'tier', { type: DataTypes.STRING });
    await expect(qi.addColumn('plans', 'tier', { type: DataTypes.ENUM('free', 'pro'), defaultValue: 'free' })).rejects.toThrow(/Duplicate column name 'tier'/);
  });

  it('a second addIndex of the same name fails (duplicate key name)', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.addIndex('plans', ['name'], { name: 'plans_name_idx' });
    await expect(qi.addIndex('plans', ['tier'], { name: 'plans_name_idx' })).rejects.toThrow(/Duplicate key name 'plans_name_idx'/);
  });
});
