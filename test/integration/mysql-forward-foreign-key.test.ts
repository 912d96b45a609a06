/**
 * Measures on the MariaDB server of 127.0.0.1:3306 what valid-migration-order's `needsLaterTable` says of MySQL and
 * MariaDB: a table whose foreign key references a table that does not exist yet is refused (InnoDB, errno 150), so a
 * migration sorted before the parent's creator fails on a fresh database; once the parent exists it is accepted.
 * And what a migration that turns `FOREIGN_KEY_CHECKS` off first does (a schema dump split into files): sent through
 * Sequelize's queryInterface, awaited in turn, the SET and the createTable share the pool's one idle connection, so
 * the key to a table not created yet is accepted (MySQL's own way to load tables in any order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes } from 'sequelize';
import { mysqlConnection, mysqlSequelize } from './support';

const DATABASE = `migralint_forward_fk_${process.pid}`;

type Connection = Awaited<ReturnType<typeof mysqlConnection>>;
let connection: Connection;

beforeAll(async () => {
  connection = await mysqlConnection({ multipleStatements: true });
  await connection.query(`CREATE DATABASE ${DATABASE}`);
  await connection.query(`USE ${DATABASE}`);
});

afterAll(async () => {
  await connection.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await connection.end();
});

describe('a foreign key to a table not created yet, on MariaDB', () => {
  it('is refused; after the parent is created it is accepted', async () => {
    const child = 'CREATE TABLE riders (id INT PRIMARY KEY, roleId INT, FOREIGN KEY (roleId) REFERENCES roles(id)) ENGINE=InnoDB';
    await expect(connection.query(child)).rejects.toThrow(/errno: 150|Foreign key constraint is incorrectly formed|Failed to open the referenced table/);
    await connection.query('CREATE TABLE roles (id INT PRIMARY KEY) ENGINE=InnoDB');
    await expect(connection.query(child)).resolves.toBeTruthy();
  });
});

describe('the same key after SET FOREIGN_KEY_CHECKS = 0, through Sequelize, on MariaDB', () => {
  it('is accepted: the awaited SET and createTable run on one connection; with the checks on it is refused', async () => {
    const { sequelize, drop } = await mysqlSequelize(`migralint_fk_checks_${process.pid}`);
    try {
      const qi = sequelize.getQueryInterface();
      const child = (table: string) => qi.createTable(table, { id: { type: DataTypes.INTEGER, primaryKey: true }, fieldId: { type: DataTypes.INTEGER, references: { model: 'custom_fields', key: 'id' } } });
      await expect(child('call_notes')).rejects.toThrow(/errno: 150|Foreign key constraint is incorrectly formed|Failed to open the referenced table/);
      await qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
      await expect(child('call_details')).resolves.not.toThrow();
      await qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
      await expect(child('call_logs')).rejects.toThrow(/errno: 150|Foreign key constraint is incorrectly formed|Failed to open the referenced table/);
    } finally {
      await drop();
    }
  });
});
