/**
 * Measures on the MariaDB server of 127.0.0.1:3306, through Sequelize, what no-destructive-down's
 * `dropReferencedTable` says of MySQL and MariaDB: `dropTable` of a table another InnoDB table still references by a
 * foreign key sends `DROP TABLE IF EXISTS` and the server refuses it (a foreign key constraint fails), so the table
 * keeps its rows; with `FOREIGN_KEY_CHECKS = 0` set first on the same connection, it is dropped.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mysqlConnection } from './support';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const DATABASE = `migralint_drop_ref_${process.pid}`;
let sequelize: InstanceType<typeof S.Sequelize>;
const sent: string[] = [];

beforeAll(async () => {
  const admin = await mysqlConnection();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const server = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  server.pathname = `/${DATABASE}`;
  sequelize = new S.Sequelize(server.toString(), { logging: (sql: string) => sent.push(sql), pool: { max: 1 } });
});

afterAll(async () => {
  await sequelize.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await sequelize.close();
});

describe('dropTable of a table a foreign key still references, on MariaDB', () => {
  beforeEach(async () => {
    const qi = sequelize.getQueryInterface();
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
    await sequelize.query('DROP TABLE IF EXISTS vehicles');
    await sequelize.query('DROP TABLE IF EXISTS owners');
    await qi.createTable('owners', { id: { type: S.INTEGER, primaryKey: true } });
    await qi.createTable('vehicles', { id: { type: S.INTEGER, primaryKey: true }, ownerId: { type: S.INTEGER, references: { model: 'owners', key: 'id' } } });
    await sequelize.query('INSERT INTO owners (id) VALUES (1), (2)');
    sent.length = 0;
  });
  const owners = async () => ((await sequelize.query('SELECT count(*) AS n FROM owners', { type: S.QueryTypes.SELECT })) as { n: number }[])[0]!.n;

  it('is refused: the rollback fails there and the table keeps its rows', async () => {
    await expect(sequelize.getQueryInterface().dropTable('owners')).rejects.toThrow(/foreign key constraint fails/);
    expect(sent.some((q) => q.includes('DROP TABLE IF EXISTS `owners`'))).toBe(true);
    expect(Number(await owners())).toBe(2);
  });

  it('goes through after SET FOREIGN_KEY_CHECKS = 0 on the same connection', async () => {
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
    await sequelize.getQueryInterface().dropTable('owners');
    await expect(owners()).rejects.toThrow(/doesn't exist/);
  });
});
