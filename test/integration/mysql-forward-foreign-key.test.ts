/**
 * Measures on the MariaDB server of 127.0.0.1:3306 what valid-migration-order's `needsLaterTable` says of MySQL and
 * MariaDB: a table whose foreign key references a table that does not exist yet is refused (InnoDB, errno 150), so a
 * migration sorted before the parent's creator fails on a fresh database; once the parent exists it is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection } from './support';

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
