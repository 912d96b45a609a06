/**
 * The facts `migralint verify` must prove, as one suite run twice: on the
 * embedded PGlite (test/verify/verify.test.ts, in `npm test`) and on the
 * PostgreSQL server of `--database-url` (test/integration/verify-server.test.ts);
 * `verifyStopsSuite` also on MariaDB (test/integration/verify-mysql.test.ts).
 */
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeProject, type AnalyzeOptions } from '../../src/project';
import { verifyAnalysis, type Verified, type VerifyOptions } from '../../src/verify';
import { REPO } from '../helpers/extract';

export const LMS = path.join(REPO, 'fixtures', 'lms-backend');
export const PROJECTS = path.join(REPO, 'test', 'verify', 'projects');

/** Analyzes then verifies a project. */
export async function verifyProject(dir: string, options: VerifyOptions = {}, analyze: AnalyzeOptions = {}): Promise<Verified> {
  return verifyAnalysis(await analyzeProject(dir, analyze), options);
}

/** The run of one migration, by file name. */
export function migrationRun(v: Verified, name: string) {
  const m = v.result.migrations.find((r) => r.name === name);
  if (!m) throw new Error(`no migration ${name}`);
  return m;
}

/** The seed-style fixture: rollback losses, reruns, model drift. */
export function verifyLmsSuite(options: VerifyOptions, expectedOn: RegExp): void {
  describe('fixtures/lms-backend', () => {
    let v: Verified;
    beforeAll(async () => {
      v = await verifyProject(LMS, options);
    }, 600_000);

    test('every up applies, in run order, from an empty database', () => {
      expect(v.run.on).toMatch(expectedOn);
      expect(v.run).toMatchObject({ migrations: 31, applied: 31 });
      expect(v.result.failedAt).toBeNull();
    });

    test("031's rollback loses the rows' bio, phone and location; the no-destructive-down findings are confirmed", () => {
      const lost = migrationRun(v, '031-add-profile-fields-to-users.js').down!.lost;
      expect(lost).toEqual([
        { table: 'users', column: 'bio', kind: 'column', count: 3 },
        { table: 'users', column: 'phone', kind: 'column', count: 3 },
        { table: 'users', column: 'location', kind: 'column', count: 3 },
      ]);
      const findings = v.findings.filter((f) => f.rule === 'no-destructive-down' && f.file === 'migrations/031-add-profile-fields-to-users.js');
      expect(findings.map((f) => [f.target?.column, f.verification?.status, f.verification?.evidence])).toEqual([
        ['bio', 'confirmed', 'the down loses users.bio (3 values)'],
        ['phone', 'confirmed', 'the down loses users.phone (3 values)'],
        ['location', 'confirmed', 'the down loses users.location (3 values)'],
      ]);
    });

    test("031's unguarded addColumn fails when run again; 001's guarded createTable and addIndex do not", () => {
      expect(migrationRun(v, '031-add-profile-fields-to-users.js').rerun).toMatchObject({ ok: false, error: 'column "bio" of relation "users" already exists', code: '42701' });
      expect(migrationRun(v, '001-create-users.js').rerun).toMatchObject({ ok: true });
      const guard = v.findings.find((f) => f.rule === 'require-idempotency-guard' && f.file === 'migrations/031-add-profile-fields-to-users.js')!;
      expect(guard.verification).toMatchObject({ status: 'confirmed' });
      expect(guard.verification!.evidence).toContain('column "bio" of relation "users" already exists');
    });

    test("031 failing at its 2nd or 3rd addColumn leaves bio behind: the next run fails on it (sequelize-cli runs no transaction)", () => {
      const half = migrationRun(v, '031-add-profile-fields-to-users.js').halfApplied!;
      expect(half.writes).toBe(3);
      expect(half.steps.map((s) => [s.step, s.statement, s.swallowed, s.left, s.retry.ok, s.retry.error])).toEqual([
        [2, 'ALTER TABLE "public"."users" ADD COLUMN "phone" VARCHAR(20);', false, ['column users.bio is new'], false, 'column "bio" of relation "users" already exists'],
        [3, 'ALTER TABLE "public"."users" ADD COLUMN "location" VARCHAR(255);', false, ['column users.bio is new', 'column users.phone is new'], false, 'column "bio" of relation "users" already exists'],
      ]);
      // 001 guards each step with try/catch "already exists": whatever step fails, the next run gets past it.
      expect(migrationRun(v, '001-create-users.js').halfApplied!.steps.every((s) => s.retry.ok)).toBe(true);
    });

    test('the model field no migration creates (User.linkedinUrl) is missing from the schema', () => {
      expect(v.result.missing).toEqual([expect.objectContaining({ model: 'User', attribute: 'linkedinUrl', table: 'users', column: 'linkedin_url', noTable: false })]);
      const drift = v.findings.find((f) => f.rule === 'no-model-drift')!;
      expect(drift.verification).toMatchObject({ status: 'confirmed', evidence: 'after every up, column users.linkedin_url does not exist' });
    });

    test('every finding carries a verification on the same database', () => {
      expect(v.findings.every((f) => f.verification?.on === v.run.on)).toBe(true);
    });
  });

}

/** Small projects of test/verify/projects: reruns, a failing changeColumn, an endless loop, a throw at load time. */
export function verifyFailuresSuite(options: VerifyOptions): void {
  describe('reruns, and a VARCHAR to VARCHAR[] changeColumn', () => {
    let v: Verified;
    beforeAll(async () => {
      v = await verifyProject(path.join(PROJECTS, 'reruns'), options);
    }, 300_000);

    test('a createTable runs again without an error (CREATE TABLE IF NOT EXISTS); an unguarded addColumn does not', () => {
      expect(migrationRun(v, '001-create-items.js').rerun).toMatchObject({ ok: true });
      expect(migrationRun(v, '002-add-price.js').rerun).toMatchObject({ ok: false, error: 'column "price" of relation "items" already exists', code: '42701' });
    });

    test('the changeColumn to VARCHAR[] fails, and the run confirms the no-impossible-cast finding there (no `verify` finding of its own)', () => {
      expect(v.result.failedAt).toBe(2);
      expect(migrationRun(v, '003-tags-to-array.js').up).toMatchObject({
        ok: false,
        error: 'column "tags" cannot be cast automatically to type character varying[]',
        code: '42804',
      });
      expect(v.findings.some((x) => x.rule === 'verify')).toBe(false);
      const f = v.findings.find((x) => x.rule === 'no-impossible-cast')!;
      expect(f).toMatchObject({ file: 'migrations/003-tags-to-array.js', severity: 'error', verification: { status: 'confirmed' } });
      expect(f.verification!.evidence).toContain('cannot be cast automatically');
    });

    test('the downs of what applied run newest-first and the schema comes back the same', () => {
      expect(migrationRun(v, '002-add-price.js').down!.lost).toEqual([{ table: 'items', column: 'price', kind: 'column', count: 3 }]);
      expect(migrationRun(v, '001-create-items.js').down!.lost).toEqual([{ table: 'items', kind: 'table', count: 3 }]);
      expect(v.result.schemaDrift).toEqual([]);
    });
  });

  test('NOT NULL without a default: applies on the empty table, fails on one with rows; the no-failing-not-null finding is confirmed', async () => {
    const v = await verifyProject(path.join(PROJECTS, 'not-null'), options);
    const m = migrationRun(v, '002-add-sku.js');
    expect(m.up).toMatchObject({ ok: true });
    expect(m.upWithRows).toMatchObject({ ok: false, error: 'column "sku" of relation "products" contains null values', code: '23502' });
    expect(migrationRun(v, '001-create-products.js').upWithRows).toBeUndefined(); // only where a finding needs rows
    const f = v.findings.find((x) => x.rule === 'no-failing-not-null')!;
    expect(f.verification).toMatchObject({ status: 'confirmed' });
    expect(f.verification!.evidence).toMatch(/^the up applies on empty tables and fails on tables with rows: column "sku" of relation "products" contains null values/);
    // Rolled back: the real run went on, and the rows came from phase 3 only.
    expect(m.down!.lost).toEqual([{ table: 'products', column: 'sku', kind: 'column', count: 3 }]);
  }, 300_000);

  describe('locks, read from pg_locks by the session that takes them', () => {
    let v: Verified;
    beforeAll(async () => {
      // The strict lock rules, as the project's migralint.config.json turns them on for the CLI.
      v = await verifyProject(path.join(PROJECTS, 'locks'), options, { rules: { 'require-concurrent-index': 'warning', 'no-table-rewrite': 'warning' } });
    }, 300_000);

    test('an index without CONCURRENTLY takes SHARE on the table; INTEGER -> BIGINT rewrites it under ACCESS EXCLUSIVE', () => {
      expect(migrationRun(v, '001-create-orders.js').up!.locks).toEqual([]); // a table the migration creates is no one's concern
      expect(migrationRun(v, '002-index-customer.js').up!.locks).toEqual([{ sql: 'CREATE INDEX "orders_customer" ON "orders" ("customer")', locks: [{ table: 'orders', mode: 'ShareLock' }], rewrote: [] }]);
      expect(migrationRun(v, '003-amount-bigint.js').up!.locks).toEqual([expect.objectContaining({ locks: [{ table: 'orders', mode: 'AccessExclusiveLock' }], rewrote: ['orders'] })]);
      expect(v.run.phases.find((p) => p.id === 'locks')!.facts).toEqual(['002-index-customer.js: SHARE on orders', '003-amount-bigint.js: ACCESS EXCLUSIVE on orders (rewritten)']);
    });

    test('the lock findings are confirmed, with the statement and the lock', () => {
      const byRule = Object.fromEntries(v.findings.map((f) => [f.rule, f.verification]));
      expect(byRule['require-concurrent-index']).toMatchObject({ status: 'confirmed', evidence: '`CREATE INDEX "orders_customer" ON "orders" ("customer")` takes SHARE on orders' });
      expect(byRule['no-table-rewrite']).toMatchObject({ status: 'confirmed' });
      expect(byRule['no-table-rewrite']!.evidence).toMatch(/ALTER COLUMN "amount" TYPE BIGINT;` takes ACCESS EXCLUSIVE on orders and rewrites it \(new data file\)$/);
    });
  });

  verifyStopsSuite(options);
}

/**
 * A migration that never finishes and one that throws when loaded (test/verify/projects/hang, load-error):
 * each ends with its own error, the run goes on. Written for any database (no dialect in the projects).
 */
export function verifyStopsSuite(options: VerifyOptions): void {
  describe('a migration that never finishes, one that throws when loaded', () => {
    // The time limit is injected: the test asserts what happens past it, never how long anything took.
    test('the endless loop is stopped at the time limit: a per-migration error, and the run goes on', async () => {
      const v = await verifyProject(path.join(PROJECTS, 'hang'), { ...options, timeoutMs: 5_000 });
      expect(migrationRun(v, '002-loop-forever.js').up).toMatchObject({ ok: false, timedOut: true, error: 'did not finish within the time limit (5 s): stopped' });
      expect(v.findings.find((f) => f.rule === 'verify')).toMatchObject({ file: 'migrations/002-loop-forever.js', severity: 'error' });
      // A new child took over: the down of what applied still ran.
      expect(migrationRun(v, '001-create-items.js').down).toMatchObject({ ok: true });
    }, 300_000);

    test('the error thrown at load time names the migration', async () => {
      const v = await verifyProject(path.join(PROJECTS, 'load-error'), options);
      expect(migrationRun(v, '002-throws-at-load.js').up).toMatchObject({ ok: false, error: 'cannot load 002-throws-at-load.js: configuration missing: MIGRATION_SECRET' });
      expect(v.findings.find((f) => f.file === 'migrations/002-throws-at-load.js')!.verification).toMatchObject({ status: 'confirmed' });
    }, 300_000);
  });
}
