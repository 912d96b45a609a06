/**
 * What a floating call at the end of `up` does when the runner goes on at once, measured on the PostgreSQL server
 * of 127.0.0.1:5432 and on MariaDB (127.0.0.1:3306): a child process runs an `up` that does not await its step, then the runner's bookkeeping as
 * sequelize-cli does it (the awaited INSERT INTO "SequelizeMeta" on the same Sequelize instance), then
 * `process.exit(0)`. A call that sends its statement at once (`addColumn`, the operation table's `sendsAtOnce`)
 * takes its pool connection before the INSERT asks for one, so its statement is on the wire first and the server
 * completes it: the column is there after the exit (no-floating-query's warning, not error, for such a last step that
 * cannot plausibly fail). A call that sends late (`createTable` describes the table first) races the exit: seen both
 * ways here, so for it the error stays.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection, pgQuery } from './support';

const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `migralint_floating_last_${process.pid}`;
const url = SERVER.replace(/\/[^/]*$/, `/${DATABASE}`);
const REPO = path.resolve(__dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  await pgQuery(SERVER, `CREATE DATABASE ${DATABASE}`);
  await pgQuery(url, 'CREATE TABLE "SequelizeMeta" (name varchar(255) PRIMARY KEY); CREATE TABLE couriers (id integer PRIMARY KEY)');
  dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-floating-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pgQuery(SERVER, `DROP DATABASE IF EXISTS ${DATABASE}`);
});

/** Runs `step` (a queryInterface call, not awaited) as the last step of an `up`, records the migration, exits. */
function runAndExit(name: string, step: string, connection = JSON.stringify(url)): void {
  const script = path.join(dir, `${name}.js`);
  writeFileSync(
    script,
    `const { Sequelize, DataTypes } = require(${JSON.stringify(path.join(REPO, 'node_modules', 'sequelize'))});
const sequelize = new Sequelize(${connection}, { logging: false });
const queryInterface = sequelize.getQueryInterface();
async function up() {
  ${step};
}
(async () => {
  await up();
  await sequelize.getQueryInterface().bulkInsert('SequelizeMeta', [{ name: ${JSON.stringify(name)} }]);
  process.exit(0);
})();
`,
  );
  execFileSync(process.execPath, [script], { stdio: 'pipe' });
}

describe('a floating last step when the runner records the migration and exits at once', () => {
  it('addColumn (sends at once): recorded, and the column is there', async () => {
    runAndExit('add-note', "queryInterface.addColumn('couriers', 'note', { type: DataTypes.STRING, allowNull: true })");
    const recorded = await pgQuery(url, `SELECT name FROM "SequelizeMeta" WHERE name = 'add-note'`);
    const columns = await pgQuery<{ column_name: string }>(url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'couriers'");
    expect(recorded).toHaveLength(1);
    expect(columns.map((c) => c.column_name)).toContain('note');
  });

});

describe('the same on MariaDB (127.0.0.1:3306)', () => {
  const MYSQL_DATABASE = `migralint_floating_last_${process.pid}`;
  const server = new URL(process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const mysqlUrl = `mysql://${encodeURIComponent(decodeURIComponent(server.username) || 'root')}${server.password ? `:${server.password}` : ''}@${server.hostname}:${server.port || 3306}/${MYSQL_DATABASE}`;

  beforeAll(async () => {
    const admin = await mysqlConnection({ multipleStatements: true });
    await admin.query(`CREATE DATABASE ${MYSQL_DATABASE}; USE ${MYSQL_DATABASE}; CREATE TABLE SequelizeMeta (name VARCHAR(255) PRIMARY KEY); CREATE TABLE couriers (id INT PRIMARY KEY);`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = await mysqlConnection();
    await admin.query(`DROP DATABASE IF EXISTS ${MYSQL_DATABASE}`);
    await admin.end();
  });

  it('addColumn (sends at once): recorded, and the column is there', async () => {
    runAndExit('add-note', "queryInterface.addColumn('couriers', 'note', { type: DataTypes.STRING, allowNull: true })", JSON.stringify(mysqlUrl));
    const admin = await mysqlConnection();
    const [recorded] = await admin.query(`SELECT name FROM ${MYSQL_DATABASE}.SequelizeMeta WHERE name = 'add-note'`);
    const [columns] = await admin.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = '${MYSQL_DATABASE}' AND table_name = 'couriers'`);
    await admin.end();
    expect(recorded).toHaveLength(1);
    expect((columns as { c: string }[]).map((r) => r.c)).toContain('note');
  });
});
