/**
 * `migralint verify --database-url mysql://...` on the MariaDB server of
 * 127.0.0.1:3306 (user root, no password; `.ci/run` starts it when it is not
 * running): the MySQL-dialect projects of test/verify/projects (mysql-shop,
 * mysql-foreign-key), where DDL commits at once and a failed migration keeps
 * its first steps, transaction or not; the endless loop and the throw at load
 * time; locks said not measured; the scratch database's life and the
 * refusals (test/integration/verify-scratch.ts).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Verified } from '../../src/verify';
import { migrationRun, PROJECTS, verifyProject, verifyStopsSuite } from '../verify/support';
import { scratchSuite } from './verify-scratch';

const SERVER = process.env.MIGRALINT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const mysql = createRequire(__filename)('mysql2/promise') as typeof import('mysql2/promise');

async function sql<T = Record<string, unknown>>(text: string, database?: string): Promise<T[]> {
  const url = new URL(SERVER);
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    ...(database ? { database } : {}),
  });
  try {
    const [rows] = await connection.query(text);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

const options = { databaseUrl: SERVER };
const SHOP = path.join(PROJECTS, 'mysql-shop');
const FOREIGN_KEY = path.join(PROJECTS, 'mysql-foreign-key');

describe('mysql-shop: every up applies', () => {
  let v: Verified;
  beforeAll(async () => {
    v = await verifyProject(SHOP, options);
  }, 600_000);

  test('on MariaDB, through the project\'s mysql dialect', () => {
    expect(v.run.on).toMatch(/^(MariaDB|MySQL) \d+\.\d+\.\d+$/);
    expect(v.run).toMatchObject({ migrations: 4, applied: 4 });
    expect(v.findings.every((f) => f.verification?.on === v.run.on)).toBe(true);
  });

  test('a createTable runs again without an error (IF NOT EXISTS); the unguarded addColumn does not', () => {
    expect(migrationRun(v, '001-create-users.js').rerun).toMatchObject({ ok: true });
    expect(migrationRun(v, '002-create-orders.js').rerun).toMatchObject({ ok: true });
    expect(migrationRun(v, '003-add-phone-to-users.js').rerun).toMatchObject({ ok: false, error: "Duplicate column name 'phone'", code: '42S21' });
  });

  test('004 runs in a transaction, yet when its index fails the column stays (DDL commits at once), and the next run fails on it', () => {
    const half = migrationRun(v, '004-add-order-status.js').halfApplied!;
    expect(half.writes).toBe(2);
    expect(half.steps.map((s) => [s.step, s.statement, s.swallowed, s.left, s.retry.ok, s.retry.error, s.retry.code])).toEqual([
      [2, 'ALTER TABLE `orders` ADD INDEX `orders_status` (`status`)', false, ['column orders.status is new'], false, "Duplicate column name 'status'", '42S21'],
    ]);
    const guard = v.findings.find((f) => f.rule === 'require-idempotency-guard' && f.file === 'migrations/004-add-order-status.js')!;
    expect(guard.message).toContain('on MySQL, where every DDL statement commits at once, even inside its transaction');
    expect(guard.verification).toMatchObject({ status: 'confirmed' });
    expect(guard.verification!.evidence).toMatch(
      /^when step 2 \(`ALTER TABLE `orders` ADD INDEX `orders_status` \(`status`\)`\) fails, what ran before stays \(column orders\.status is new\) and the next run fails: Duplicate column name 'status' \(SQLSTATE 42S21\)/,
    );
    expect(v.run.phases.find((p) => p.id === 'half-applied')).toMatchObject({ status: 'failed' });
  });

  test("003's rollback loses the rows' phone numbers; each down's loss is confirmed", () => {
    expect(migrationRun(v, '003-add-phone-to-users.js').down!.lost).toEqual([{ table: 'users', column: 'phone', kind: 'column', count: 3 }]);
    expect(migrationRun(v, '004-add-order-status.js').down!.lost).toEqual([{ table: 'orders', column: 'status', kind: 'column', count: 3 }]);
    expect(migrationRun(v, '002-create-orders.js').down!.lost).toEqual([{ table: 'orders', kind: 'table', count: 3 }]);
    // Rows in both tables, the foreign key orders.userId -> users.id respected.
    expect(v.result.seed).toEqual({ inserted: { users: 3, orders: 3 }, failures: [] });
    const downs = v.findings.filter((f) => f.rule === 'no-destructive-down').map((f) => [f.file, f.verification?.status, f.verification?.evidence]);
    expect(downs).toContainEqual(['migrations/003-add-phone-to-users.js', 'confirmed', 'the down loses users.phone (3 values)']);
    expect(v.result.schemaDrift).toEqual([]);
  });

  test('the model field no migration creates (User.nickname) is missing from the schema', () => {
    expect(v.result.missing).toEqual([expect.objectContaining({ model: 'User', attribute: 'nickname', table: 'users', column: 'nickname', noTable: false })]);
    expect(v.findings.find((f) => f.rule === 'no-model-drift')!.verification).toMatchObject({ status: 'confirmed', evidence: 'after every up, column users.nickname does not exist' });
  });

  test('locks are not measured, and the phase says so', () => {
    expect(v.result.locksMeasured).toBe(false);
    const locks = v.run.phases.find((p) => p.id === 'locks')!;
    expect(locks.status).toBe('not-run');
    expect(locks.facts[0]).toMatch(/^not measured on (MariaDB|MySQL) [\d.]+: MySQL has no pg_locks/);
  });
});

describe('mysql-foreign-key: the second step of a transaction fails', () => {
  let v: Verified;
  beforeAll(async () => {
    v = await verifyProject(FOREIGN_KEY, options);
  }, 600_000);

  test('InnoDB refuses the BIGINT -> INTEGER foreign key; the column added before it stays, and the next run fails on it', () => {
    expect(v.result.failedAt).toBe(1);
    const m = migrationRun(v, '002-add-article-author.js');
    expect(m.up).toMatchObject({
      ok: false,
      code: 'HY000',
      error: 'Can\'t create table `articles` (errno: 150 "Foreign key constraint is incorrectly formed")', // the scratch database's name left out
      left: ['column articles.authorId is new'],
    });
    expect(m.retry).toMatchObject({ ok: false, error: "Duplicate column name 'authorId'", code: '42S21' });
    const f = v.findings.find((x) => x.rule === 'verify')!;
    expect(f).toMatchObject({ file: 'migrations/002-add-article-author.js', severity: 'error', verification: { status: 'confirmed' } });
    expect(f.message).toContain("What it did before failing stays (column articles.authorId is new). Run again, it fails: Duplicate column name 'authorId' (SQLSTATE 42S21).");
    expect(v.findings.find((x) => x.rule === 'require-idempotency-guard')!.verification).toMatchObject({ status: 'confirmed' });
  });

  test('the downs of what applied run, and the schema comes back as it was before the failed up', () => {
    expect(migrationRun(v, '001-create-users-and-articles.js').down).toMatchObject({ ok: true });
    expect(v.result.schemaDrift).toEqual([]);
    expect(v.run.phases.find((p) => p.id === 'models')).toMatchObject({ status: 'not-run' });
  });
});

test('lock findings are not-run on MariaDB: nothing is measured', async () => {
  const v = await verifyProject(path.join(PROJECTS, 'locks'), options, { rules: { 'require-concurrent-index': 'warning', 'no-table-rewrite': 'warning' } });
  const byRule = Object.fromEntries(v.findings.map((f) => [f.rule, f.verification]));
  for (const rule of ['require-concurrent-index', 'no-table-rewrite']) {
    expect(byRule[rule]).toMatchObject({ status: 'not-run' });
    expect(byRule[rule]!.evidence).toMatch(/^locks are not measured on (MariaDB|MySQL) [\d.]+ \(MySQL has no pg_locks\)$/);
  }
}, 300_000);

test('NOT NULL without a default on a table with rows: MySQL fills in the type\'s implicit default, so the no-failing-not-null finding is not reproduced', async () => {
  const v = await verifyProject(path.join(PROJECTS, 'not-null'), options);
  expect(migrationRun(v, '002-add-sku.js').upWithRows).toMatchObject({ ok: true });
  expect(v.findings.find((f) => f.rule === 'no-failing-not-null')!.verification).toMatchObject({
    status: 'not-reproduced',
    evidence: 'the up applies on tables with rows (3 in each table) too',
  });
}, 300_000);

verifyStopsSuite(options);

describe('refusals of a MySQL project', () => {
  test("the project's production database", async () => {
    await expect(verifyProject(SHOP, { databaseUrl: 'mysql://root@127.0.0.1:3306/shop_production' })).rejects.toThrow(
      "refusing mysql://root@127.0.0.1:3306/shop_production: it is the project's production database (config/config.json, environment 'production')",
    );
  });
});

scratchSuite({
  url: SERVER,
  async scratchDatabases(pid) {
    const rows = await sql<{ name: string }>(`SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'migralint\\_verify\\_${pid ?? ''}%' ORDER BY 1`);
    return rows.map((r) => r.name);
  },
  async createDatabase(name, withTable) {
    await sql(`CREATE DATABASE \`${name}\``);
    if (withTable) await sql('CREATE TABLE orders (id int)', name);
    return `${SERVER.replace(/\/[^/]*$/, '')}/${name}`;
  },
  async dropDatabase(name) {
    await sql(`DROP DATABASE IF EXISTS \`${name}\``);
  },
});
