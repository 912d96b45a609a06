/**
 * What the integration tests share: for the commit-hook tests (pre-commit, lint-staged) a git identity and two
 * migrations; for the PostgreSQL servers (verify-server, pg-versions) one query on a new connection; for MariaDB a
 * connection.
 */
import { createRequire } from 'node:module';

/** One query on a new connection to `url` (the `pg` client of migralint's devDependencies); the rows. */
export async function pgQuery<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const { Client } = createRequire(__filename)('pg') as typeof import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new connection to the MariaDB server the MySQL tests run on (`MIGRALINT_TEST_MYSQL_URL`, else 127.0.0.1:3306 as root). */
export async function mysqlConnection(options: { multipleStatements?: boolean } = {}): Promise<import('mysql2/promise').Connection> {
  const mysql = createRequire(__filename)('mysql2/promise') as typeof import('mysql2/promise');
  const url = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  return mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username) || 'root', password: decodeURIComponent(url.password), ...options });
}

/**
 * A Sequelize instance (the mysql dialect, as a migration's) on a new database `name` of the MariaDB server, and
 * `drop` to close it and drop the database.
 */
export async function mysqlSequelize(name: string, logging: false | ((sql: string) => void) = false): Promise<{ sequelize: import('sequelize').Sequelize; drop: () => Promise<void> }> {
  const { Sequelize } = createRequire(__filename)('sequelize') as typeof import('sequelize');
  const admin = await mysqlConnection();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const sequelize = new Sequelize(name, decodeURIComponent(url.username) || 'root', decodeURIComponent(url.password), { host: url.hostname, port: Number(url.port || 3306), dialect: 'mysql', logging });
  const drop = async () => {
    await sequelize.close();
    const again = await mysqlConnection();
    await again.query(`DROP DATABASE IF EXISTS ${name}`);
    await again.end();
  };
  return { sequelize, drop };
}

export const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

/** An `up` that drops a column: a `no-destructive-up` error. */
export const DROP_COLUMN_MIGRATION = `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.removeColumn('users', 'legacy_code');
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'legacy_code', { type: Sequelize.STRING });
  },
};
`;

/** A new table and its routine reversal: no error. */
export const CREATE_TABLE_MIGRATION = `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });
  },
  down: async (queryInterface) => {
    await queryInterface.dropTable('notes');
  },
};
`;
