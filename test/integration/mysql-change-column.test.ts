/**
 * Measures on MariaDB (127.0.0.1:3306), through Sequelize's queryInterface (the mysql dialect), what
 * no-silent-change-column says of MySQL and MariaDB: a `changeColumn` that does not restate `defaultValue` or
 * `allowNull: false` sends `ALTER TABLE ... CHANGE c c <definition>`, the whole column again, so the default and the
 * NOT NULL the column had are gone (not through DROP DEFAULT / DROP NOT NULL, which PostgreSQL gets).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, Sequelize } from 'sequelize';
import { mysqlConnection } from './support';

const DATABASE = `migralint_change_column_${process.pid}`;
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

describe('changeColumn on MariaDB', () => {
  it('sends CHANGE with the definition given: the default and NOT NULL not restated are gone', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('advisors', { id: { type: DataTypes.INTEGER, primaryKey: true }, text_price: { type: DataTypes.FLOAT, allowNull: false, defaultValue: 0 } });
    sent.length = 0;
    await qi.changeColumn('advisors', 'text_price', { type: DataTypes.INTEGER });
    expect(sent.join('\n')).toMatch(/ALTER TABLE `advisors` CHANGE `text_price` `text_price` INTEGER;/);
    expect(sent.join('\n')).not.toMatch(/DROP DEFAULT|DROP NOT NULL/);
    const described = await qi.describeTable('advisors');
    expect(described.text_price).toMatchObject({ allowNull: true, defaultValue: null });
  });
});
