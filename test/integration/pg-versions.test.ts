/**
 * The PostgreSQL version facts the rules rely on, measured on real
 * PostgreSQL 10, 11, 12, 16 and 17 servers (test/integration/pg-versions-server.ts;
 * PGlite and the machine's server are newer), and each version-dependent
 * rule held to what the server did, with `postgresVersion` set to that server's:
 *
 * - no-enum-value-in-transaction: `ALTER TYPE ... ADD VALUE` in a transaction
 *   block (refused before 12), a new value used in its own transaction
 *   (refused from 12), and the exception for a type the same transaction
 *   created (10, 11 and 17: both pass; 12 to 16: the use is refused);
 * - no-table-rewrite: `ADD COLUMN` with a default rewrites the table
 *   (its relfilenode changes) before 11 whatever the default, from 11 only a
 *   volatile one (random(), clock_timestamp(), gen_random_uuid()), not now();
 * - require-check-before-set-not-null: a validated CHECK (col IS NOT NULL)
 *   spares SET NOT NULL its scan (PostgreSQL's DEBUG1 `verifying table`) from 12;
 * - `migralint verify --database-url` on each of them (the projects of
 *   test/verify/projects/pg-versions): its findings confirmed, and no failing
 *   `up` that no finding predicted.
 *
 * Skipped, with the reason printed, where the builds do not run (not linux-x64).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import type { Verified } from '../../src/verify';
import { lint } from '../helpers/rules';
import { migrationRun, PROJECTS, verifyProject } from '../verify/support';
import { MAJORS, platformUnsupported, startServer, type PgServer } from './pg-versions-server';
import { pgQuery } from './support';

const unsupported = platformUnsupported();
if (unsupported) console.log(`test/integration/pg-versions.test.ts is skipped: ${unsupported}`);

type Outcome = 'ok' | { code: string; message: string };

/** Runs the statements in order on one connection; the first error, or 'ok'. Rolls back whatever is left open. */
async function outcome(url: string, statements: string[], onNotice?: (message: string) => void): Promise<Outcome> {
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: url });
  if (onNotice) client.on('notice', (n) => onNotice(n.message ?? ''));
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
    return 'ok';
  } catch (e) {
    const error = e as { code?: string; message: string };
    return { code: error.code ?? '?', message: error.message };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/** A name for this test's objects, so that the tests of one server share nothing. */
let serial = 0;
const fresh = (prefix: string) => `${prefix}_${++serial}`;

const inTransaction = '25001';
const unsafeNewValue = '55P04';
const syntaxError = '42601';

describe.skipIf(unsupported !== null)('PostgreSQL version facts, on real servers', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  for (const major of MAJORS) {
    describe(`PostgreSQL ${major}`, () => {
      let server: PgServer;
      /** The database the facts are measured in: verify wants the URL's own database empty. */
      let db: string;
      beforeAll(async () => {
        server = await startServer(major);
        await pgQuery(server.url, 'CREATE DATABASE facts');
        db = server.url.replace(/\/postgres$/, '/facts');
      }, 120_000);
      afterAll(async () => {
        await server?.stop();
      });

      test('the server is that version', () => {
        expect(server.version).toMatch(new RegExp(`^${major}\\.\\d+$`));
      });

      describe('no-enum-value-in-transaction', () => {
        /** An enum type `e` (committed) and a table using it. */
        async function enumType(): Promise<string> {
          const type = fresh('e');
          expect(await outcome(db, [`CREATE TYPE ${type} AS ENUM ('a')`, `CREATE TABLE ${type}_t (v ${type})`])).toBe('ok');
          return type;
        }

        test('ALTER TYPE ... ADD VALUE in a transaction block: refused before 12', async () => {
          const type = await enumType();
          const measured = await outcome(db, ['BEGIN', `ALTER TYPE ${type} ADD VALUE 'x'`, 'COMMIT']);
          expect(measured).toEqual(major < 12 ? { code: inTransaction, message: 'ALTER TYPE ... ADD cannot run inside a transaction block' } : 'ok');
          // The rule, set to this version, reports the same migration exactly when the server refused it.
          const findings = lint(
            'no-enum-value-in-transaction',
            `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query("ALTER TYPE ${type} ADD VALUE 'x'", { transaction });
    });
  },
  async down() {},
};`,
            { postgresVersion: major },
          );
          expect(findings.map((f) => f.messageId)).toEqual(measured === 'ok' ? [] : ['addValueInTransaction']);
        });

        test('in a query string with other statements (one implicit transaction): refused before 12', async () => {
          const type = await enumType();
          const measured = await outcome(db, [`ALTER TYPE ${type} ADD VALUE 'x'; SELECT 1`]);
          if (major >= 12) expect(measured).toBe('ok');
          else
            expect(measured).toEqual({
              code: inTransaction,
              message: major === 10 ? 'ALTER TYPE ... ADD cannot be executed from a function or multi-command string' : 'ALTER TYPE ... ADD cannot run inside a transaction block',
            });
          const findings = lint('no-enum-value-in-transaction', `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query("ALTER TYPE ${type} ADD VALUE 'x'; SELECT 1"); }, async down() {} };`, {
            postgresVersion: major,
          });
          expect(findings.length > 0).toBe(measured !== 'ok');
        });

        test('on its own, outside a transaction: every version takes it', async () => {
          const type = await enumType();
          expect(await outcome(db, [`ALTER TYPE ${type} ADD VALUE 'x'`])).toBe('ok');
        });

        test('the new value used in the same transaction: refused ("unsafe use of new value") from 12', async () => {
          const type = await enumType();
          const measured = await outcome(db, ['BEGIN', `ALTER TYPE ${type} ADD VALUE 'x'`, `INSERT INTO ${type}_t VALUES ('x')`, 'COMMIT']);
          expect(measured).toEqual(
            major < 12
              ? { code: inTransaction, message: 'ALTER TYPE ... ADD cannot run inside a transaction block' }
              : { code: unsafeNewValue, message: `unsafe use of new value "x" of enum type ${type}` },
          );
          // A SET DEFAULT to it as well.
          const setDefault = await outcome(db, ['BEGIN', `ALTER TYPE ${type} ADD VALUE 'y'`, `ALTER TABLE ${type}_t ALTER COLUMN v SET DEFAULT 'y'`, 'COMMIT']);
          expect(setDefault).toMatchObject({ code: major < 12 ? inTransaction : unsafeNewValue });
        });

        test('a type the same transaction created: ADD VALUE and its use pass on 10, 11 and 17, the use is refused on 12 to 16', async () => {
          const type = fresh('e');
          const statements = ['BEGIN', `CREATE TYPE ${type} AS ENUM ('a')`, `ALTER TYPE ${type} ADD VALUE 'b'`, `CREATE TABLE ${type}_t (v ${type})`, `INSERT INTO ${type}_t VALUES ('b')`, 'COMMIT'];
          const measured = await outcome(db, statements);
          expect(measured).toEqual(major >= 12 && major < 17 ? { code: unsafeNewValue, message: `unsafe use of new value "b" of enum type ${type}` } : 'ok');
          const findings = lint(
            'no-enum-value-in-transaction',
            `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
${statements
  .slice(1, -1)
  .map((sql) => `      await queryInterface.sequelize.query(${JSON.stringify(sql)}, { transaction });`)
  .join('\n')}
    });
  },
  async down() {},
};`,
            { postgresVersion: major },
          );
          expect(findings.map((f) => f.messageId)).toEqual(measured === 'ok' ? [] : ['newValueUsed']);
        });

        test('the exception does not hold in a savepoint from 12 (why verify says a sandboxed run of such a migration is not measured)', async () => {
          const type = fresh('e');
          const measured = await outcome(db, ['BEGIN', 'SAVEPOINT s', `CREATE TYPE ${type} AS ENUM ('a')`, `ALTER TYPE ${type} ADD VALUE 'b'`, `SELECT 'b'::${type}`, 'RELEASE SAVEPOINT s', 'COMMIT']);
          expect(measured).toEqual(major < 12 ? 'ok' : { code: unsafeNewValue, message: `unsafe use of new value "b" of enum type ${type}` });
        });
      });

      describe('no-table-rewrite: ADD COLUMN with a default', () => {
        /** Column definitions, and whether the claim is that they rewrite the table on this version. */
        const CASES: [definition: string, rewrites: (major: number) => boolean][] = [
          ['int', () => false],
          ['int DEFAULT NULL', () => false],
          ['int DEFAULT 1', (v) => v < 11],
          ["text NOT NULL DEFAULT 'x'", (v) => v < 11],
          ['timestamptz DEFAULT now()', (v) => v < 11],
          ['timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP', (v) => v < 11],
          ['float8 DEFAULT random()', () => true],
          ['timestamptz DEFAULT clock_timestamp()', () => true],
          ['uuid DEFAULT gen_random_uuid()', () => true],
          ['serial', () => true],
          ['int GENERATED ALWAYS AS IDENTITY', () => true],
        ];

        test.each(CASES)('ADD COLUMN c %s', async (definition, claim) => {
          const table = fresh('t');
          // gen_random_uuid() is built in from 13; pgcrypto has it before.
          const setup = [`CREATE TABLE ${table} (id int)`, `INSERT INTO ${table} VALUES (1)`, ...(major < 13 ? ['CREATE EXTENSION IF NOT EXISTS pgcrypto'] : [])];
          expect(await outcome(db, setup)).toBe('ok');
          const filenode = () => pgQuery<{ n: string }>(db, `SELECT pg_relation_filenode('${table}')::text AS n`);
          const before = (await filenode())[0]!.n;
          expect(await outcome(db, [`ALTER TABLE ${table} ADD COLUMN c ${definition}`])).toBe('ok');
          const rewrote = (await filenode())[0]!.n !== before;
          expect(rewrote).toBe(claim(major));
          // The rule, set to this version, on a migration that sends the same statement to a table an earlier one created.
          const findings = lint(
            'no-table-rewrite',
            {
              '20240101000000-create.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('${table}', { id: Sequelize.INTEGER }); }, async down() {} };`,
              '20240102000000-add.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query(${JSON.stringify(`ALTER TABLE ${table} ADD COLUMN c ${definition}`)}); }, async down() {} };`,
            },
            { postgresVersion: major },
          );
          expect(findings.length > 0).toBe(rewrote);
        });
      });

      describe('require-check-before-set-not-null', () => {
        test('a validated CHECK (col IS NOT NULL) spares SET NOT NULL its scan from 12', async () => {
          const table = fresh('t');
          expect(await outcome(db, [`CREATE TABLE ${table} (id int, c int)`, `INSERT INTO ${table} VALUES (1, 1)`])).toBe('ok');
          const steps = [
            `ALTER TABLE ${table} ADD CONSTRAINT ${table}_c_nn CHECK (c IS NOT NULL) NOT VALID`,
            `ALTER TABLE ${table} VALIDATE CONSTRAINT ${table}_c_nn`,
            `ALTER TABLE ${table} ALTER COLUMN c SET NOT NULL`,
          ];
          const notices: string[] = [];
          expect(await outcome(db, [...steps.slice(0, 2), 'SET client_min_messages = debug1', steps[2]!], (m) => notices.push(m))).toBe('ok');
          const scanned = notices.includes(`verifying table "${table}"`);
          expect(scanned).toBe(major < 12);
          if (!scanned) expect(notices.join('\n')).toMatch(/existing constraints on column .* are sufficient to prove that it does not contain nulls/);
          // Without the CHECK, every version scans.
          const bare = fresh('t');
          const bareNotices: string[] = [];
          expect(await outcome(db, [`CREATE TABLE ${bare} (id int, c int)`, 'SET client_min_messages = debug1', `ALTER TABLE ${bare} ALTER COLUMN c SET NOT NULL`], (m) => bareNotices.push(m))).toBe('ok');
          expect(bareNotices).toContain(`verifying table "${bare}"`);
          // The rule, set to this version, on the same statements after a migration that created the table (nullable c).
          const findings = lint(
            'require-check-before-set-not-null',
            {
              '20240101000000-create.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('${table}', { id: Sequelize.INTEGER, c: { type: Sequelize.INTEGER, allowNull: true } }); }, async down() {} };`,
              '20240102000000-not-null.js': `module.exports = {
  async up(queryInterface) {
${steps.map((sql) => `    await queryInterface.sequelize.query(${JSON.stringify(sql)});`).join('\n')}
  },
  async down() {},
};`,
            },
            { postgresVersion: major },
          );
          expect(findings.length > 0).toBe(scanned);
        });
      });

      describe('other version facts', () => {
        test('REINDEX CONCURRENTLY (what require-concurrent-index suggests) exists from 12', async () => {
          const table = fresh('t');
          expect(await outcome(db, [`CREATE TABLE ${table} (id int)`, `CREATE INDEX ${table}_i ON ${table} (id)`])).toBe('ok');
          const measured = await outcome(db, [`REINDEX INDEX CONCURRENTLY ${table}_i`]);
          expect(measured).toEqual(major < 12 ? { code: syntaxError, message: 'syntax error at or near "CONCURRENTLY"' } : 'ok');
        });

        test('DROP DATABASE ... WITH (FORCE) is 13+, so verify ends the connections itself', async () => {
          const measured = await outcome(db, ['DROP DATABASE IF EXISTS migralint_none WITH (FORCE)']);
          expect(measured).toEqual(major < 13 ? { code: syntaxError, message: 'syntax error at or near "WITH"' } : 'ok');
        });

        test("pg_attribute.attgenerated is 12+, so verify's catalog query asks for it from 12 only", async () => {
          const measured = await outcome(db, ['SELECT attgenerated FROM pg_attribute LIMIT 1']);
          expect(measured).toEqual(major < 12 ? { code: '42703', message: 'column "attgenerated" does not exist' } : 'ok');
        });
      });

      describe('migralint verify, with postgresVersion set to the server', () => {
        const DIR = path.join(PROJECTS, 'pg-versions');
        const verify = (project: string) =>
          verifyProject(path.join(DIR, project), { databaseUrl: server.url }, { postgresVersion: major, rules: { 'no-table-rewrite': 'warning' } });
        const ofRule = (v: Verified, rule: string) => v.findings.filter((f) => f.rule === rule);
        const failing = (v: Verified) => v.result.migrations.filter((m) => m.up && !m.up.ok).map((m) => [m.name, m.up!.code]);

        /** What the rule says agrees with the run: each finding confirmed (or its migration not reached), and no failing up without a finding. */
        function agrees(v: Verified, rule: string): void {
          expect(v.run.on).toBe(`PostgreSQL ${server.version}`);
          expect(v.findings.filter((f) => f.rule === 'verify' && f.severity === 'error').map((f) => f.message)).toEqual([]);
          const unconfirmed = ofRule(v, rule).filter((f) => f.verification?.status !== 'confirmed' && !/^not reached/.test(f.verification?.evidence ?? ''));
          expect(unconfirmed.map((f) => `${f.file}: ${f.verification?.status}: ${f.verification?.evidence}`)).toEqual([]);
        }

        test('enum-add-value: ADD VALUE outside a transaction applies; in a managed transaction it fails before 12, as the finding says', async () => {
          const v = await verify('enum-add-value');
          agrees(v, 'no-enum-value-in-transaction');
          expect(failing(v)).toEqual(major < 12 ? [['003-status-refunded.js', inTransaction]] : []);
          expect(ofRule(v, 'no-enum-value-in-transaction').map((f) => [f.file, f.messageId])).toEqual(major < 12 ? [['migrations/003-status-refunded.js', 'addValueInTransaction']] : []);
          // The run again of 002 is undone by a transaction, where ADD VALUE cannot run before 12: not measured, not blamed on the migration.
          const rerun = migrationRun(v, '002-status-shipped.js').rerun!;
          if (major < 12) expect(rerun).toMatchObject({ ok: false, setup: true, error: expect.stringContaining('cannot run inside a transaction block') });
          else expect(rerun).toMatchObject({ ok: true });
        }, 300_000);

        test('enum-use-new-value: fails on every version (the ADD VALUE before 12, the use from 12), as the finding says', async () => {
          const v = await verify('enum-use-new-value');
          agrees(v, 'no-enum-value-in-transaction');
          expect(failing(v)).toEqual([['002-refund-orders.js', major < 12 ? inTransaction : unsafeNewValue]]);
          expect(ofRule(v, 'no-enum-value-in-transaction').map((f) => f.messageId)).toEqual([major < 12 ? 'addValueInTransaction' : 'newValueUsed']);
        }, 300_000);

        test('enum-new-type: created, extended and used in one transaction fails on 12 to 16 only, as the finding says', async () => {
          const v = await verify('enum-new-type');
          agrees(v, 'no-enum-value-in-transaction');
          const refused = major >= 12 && major < 17;
          expect(failing(v)).toEqual(refused ? [['001-create-orders.js', unsafeNewValue]] : []);
          expect(ofRule(v, 'no-enum-value-in-transaction').map((f) => f.messageId)).toEqual(refused ? ['newValueUsed'] : []);
        }, 300_000);

        test('column-defaults: the migrations that rewrite the table are exactly those no-table-rewrite reports', async () => {
          const v = await verify('column-defaults');
          agrees(v, 'no-table-rewrite');
          const rewritten = v.result.migrations.filter((m) => (m.up?.locks ?? []).some((l) => l.rewrote.includes('items'))).map((m) => m.name);
          const volatile = ['004-score-random.js', '005-checked-at-clock.js', '010-weight-sql-random.js', '011-stamp-sql-clock.js'];
          const anyDefault = ['002-qty-constant.js', '003-seen-at-now.js', '004-score-random.js', '005-checked-at-clock.js', '008-note-sql-constant.js', '009-created-at-sql-now.js', '010-weight-sql-random.js', '011-stamp-sql-clock.js'];
          expect(rewritten).toEqual(major < 11 ? anyDefault : volatile);
          expect(ofRule(v, 'no-table-rewrite').map((f) => path.basename(f.file))).toEqual(rewritten);
          // The schema is read on every version (the rows, the downs): 002's down loses the column.
          expect(migrationRun(v, '002-qty-constant.js').down!.lost).toEqual([{ table: 'items', column: 'qty', kind: 'column', count: 3 }]);
        }, 300_000);
      });
    });
  }
});
