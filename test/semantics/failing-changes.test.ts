/**
 * Measures on a real PostgreSQL (PGlite) the facts four rules rely on: what
 * fails and what Sequelize silently drops.
 *
 * - no-failing-not-null: addColumn NOT NULL without a default on a table with rows;
 * - no-destructive-down's `notNullRestored`: a rollback's changeColumn making NOT NULL again a column `up` let take
 *   NULL fails once a row holds NULL there;
 * - no-impossible-cast: which changeColumn type changes PostgreSQL refuses
 *   (the whole matrix of src/operations/type-casts.ts);
 * - require-concurrent-index-outside-transaction: CONCURRENTLY in a transaction,
 *   and in a multi-statement query;
 * - no-silent-change-column: the DROP NOT NULL / DROP DEFAULT changeColumn
 *   sends, on a primary key, and what an omitted unique / references keeps;
 * - plausible failures (require-idempotency-guard, require-transaction-option):
 *   a unique key or a foreign key over a column of NULLs, and a widened
 *   varchar, cannot fail; a foreign key between types of different families
 *   (src/operations/type-casts.ts) fails at once.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { castFails, foreignKeyRejects, postgresType, typeFamily, wideningKeepsValues } from '../../src/operations/type-casts';
import { measureOn, usePglite, writeStatements, type MigrationOutcome } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

/** Runs `fn`, returning its outcome and the DDL / DML it sent (Sequelize's catalogue look-ups left out). */
async function measure(fn: () => Promise<unknown>): Promise<{ outcome: MigrationOutcome; sql: string[] }> {
  const { outcome, sql } = await measureOn(suite.db, fn);
  return { outcome, sql: writeStatements(sql) };
}

async function constraintsOf(table: string): Promise<string[]> {
  const rows = await suite.db.query<{ d: string }>(
    `SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = '"${table}"'::regclass AND contype IN ('u', 'f') ORDER BY 1`,
  );
  return rows.map((r) => r.d);
}

async function columnOf(table: string, column: string) {
  const [row] = await suite.db.query<{ is_nullable: string; column_default: string | null }>(
    `SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = '${table}' AND column_name = '${column}'`,
  );
  return row;
}

describe('no-failing-not-null', () => {
  test('NOT NULL without a default fails on a table with rows, passes on an empty one', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('nn_full', { id: { type: S.INTEGER, primaryKey: true } });
    await suite.db.query('INSERT INTO nn_full (id) VALUES (1)');
    const full = await measure(() => qi.addColumn('nn_full', 'role', { type: S.STRING, allowNull: false }));
    expect(full.sql).toEqual(['ALTER TABLE "public"."nn_full" ADD COLUMN "role" VARCHAR(255) NOT NULL;']);
    expect(full.outcome).toEqual({ ok: false, error: 'column "role" of relation "nn_full" contains null values', code: '23502' });

    await qi.createTable('nn_empty', { id: { type: S.INTEGER, primaryKey: true } });
    expect((await measure(() => qi.addColumn('nn_empty', 'role', { type: S.STRING, allowNull: false }))).outcome).toEqual({ ok: true });
  });

  test('changeColumn with allowNull: false (a rollback restoring NOT NULL) fails once a row holds NULL; after a fill it passes', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('nn_restore', { id: { type: S.INTEGER, primaryKey: true }, email: { type: S.STRING, allowNull: false } });
    await qi.changeColumn('nn_restore', 'email', { type: S.STRING, allowNull: true });
    await suite.db.query("INSERT INTO nn_restore (id, email) VALUES (1, 'a@b.c'), (2, NULL)");
    const restore = await measure(() => qi.changeColumn('nn_restore', 'email', { type: S.STRING, allowNull: false }));
    expect(restore.sql[0]).toMatch(/ALTER COLUMN "email" SET NOT NULL/);
    expect(restore.outcome).toEqual({ ok: false, error: 'column "email" of relation "nn_restore" contains null values', code: '23502' });
    await suite.db.query("UPDATE nn_restore SET email = '' WHERE email IS NULL");
    expect((await measure(() => qi.changeColumn('nn_restore', 'email', { type: S.STRING, allowNull: false }))).outcome).toEqual({ ok: true });
  });

  test('a default, an autoIncrement column, or a table emptied first: every row gets a value', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('nn_ok', { id: { type: S.INTEGER, primaryKey: true } });
    await suite.db.query('INSERT INTO nn_ok (id) VALUES (1)');
    expect((await measure(() => qi.addColumn('nn_ok', 'active', { type: S.BOOLEAN, allowNull: false, defaultValue: true }))).outcome).toEqual({ ok: true });
    const serial = await measure(() => qi.addColumn('nn_ok', 'seq', { type: S.INTEGER, allowNull: false, autoIncrement: true }));
    expect(serial.outcome).toEqual({ ok: true });
    expect(serial.sql[0]).toMatch(/ADD COLUMN "seq" +SERIAL/);
    // defaultValue: null is no default.
    expect((await measure(() => qi.addColumn('nn_ok', 'x', { type: S.STRING, allowNull: false, defaultValue: null }))).outcome).toMatchObject({ ok: false, code: '23502' });
    await qi.bulkDelete('nn_ok', {});
    expect((await measure(() => qi.addColumn('nn_ok', 'y', { type: S.STRING, allowNull: false }))).outcome).toEqual({ ok: true });
  });
});

describe('no-impossible-cast', () => {
  /** Sequelize types, one or two per family of src/operations/type-casts.ts, with how extraction writes them. */
  const TYPES: Record<string, () => unknown> = {
    STRING: () => S.STRING,
    TEXT: () => S.TEXT,
    INTEGER: () => S.INTEGER,
    'DECIMAL(10, 2)': () => S.DECIMAL(10, 2),
    BOOLEAN: () => S.BOOLEAN,
    DATE: () => S.DATE,
    DATEONLY: () => S.DATEONLY,
    TIME: () => S.TIME,
    UUID: () => S.UUID,
    JSONB: () => S.JSONB,
    'ARRAY(STRING)': () => S.ARRAY(S.STRING),
    "ENUM('a', 'b')": () => S.ENUM('a', 'b'),
    BLOB: () => S.BLOB,
  };

  test('changeColumn fails exactly where castFails says so, empty table or not', async () => {
    const qi = suite.db.queryInterface;
    const disagreements: string[] = [];
    let n = 0;
    for (const from of Object.keys(TYPES)) {
      for (const to of Object.keys(TYPES)) {
        if (from === to) continue;
        const table = `cast_${n++}`;
        await qi.createTable(table, { id: { type: S.INTEGER, primaryKey: true }, c: { type: TYPES[from]!() as never } });
        const { outcome } = await measure(() => qi.changeColumn(table, 'c', { type: TYPES[to]!() as never }));
        const predicted = castFails(typeFamily(from)!, typeFamily(to)!, true);
        if (predicted === outcome.ok) disagreements.push(`${from} -> ${to}: predicted ${predicted ? 'fails' : 'passes'}, got ${outcome.ok ? 'ok' : outcome.error}`);
        if (!outcome.ok) expect(outcome.error).toMatch(/cannot be cast automatically|cannot cast type/);
      }
    }
    expect(disagreements).toEqual([]);
  }, 180_000);

  test('varchar to varchar[]: the SQL Sequelize sends has no USING', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('cast_array', { id: { type: S.INTEGER, primaryKey: true }, tags: { type: S.STRING } });
    const r = await measure(() => qi.changeColumn('cast_array', 'tags', { type: S.ARRAY(S.STRING) }));
    expect(r.sql.join('')).toContain('ALTER TABLE "cast_array" ALTER COLUMN "tags" TYPE VARCHAR(255)[];');
    expect(r.outcome).toEqual({ ok: false, error: 'column "tags" cannot be cast automatically to type character varying[]', code: '42804' });
  });

  test('a type written as a string with its own USING (`UUID USING CAST(...)`): Sequelize sends it as written, and the cast happens', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('cast_using', { id: { type: S.INTEGER, primaryKey: true }, job: { type: S.STRING } });
    await suite.db.query("INSERT INTO cast_using (id, job) VALUES (1, '4b0a6c3e-1f4e-4c1e-9d55-0f3c2a1b7e10')");
    const r = await measure(() => qi.changeColumn('cast_using', 'job', { type: 'UUID USING CAST("job" AS UUID)' as never }));
    expect(r.outcome).toEqual({ ok: true });
    expect(r.sql.join('')).toContain('ALTER COLUMN "job" TYPE UUID USING CAST("job" AS UUID)');
  });

  test('a text column to an ENUM: Sequelize casts through a USING of its own', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('cast_enum', { id: { type: S.INTEGER, primaryKey: true }, state: { type: S.STRING } });
    const r = await measure(() => qi.changeColumn('cast_enum', 'state', { type: S.ENUM('a', 'b') }));
    expect(r.outcome).toEqual({ ok: true });
    expect(r.sql.join('')).toMatch(/TYPE "public"\."enum_cast_enum_state" USING \("state"::"public"\."enum_cast_enum_state"\)/);
  });
});

describe('require-concurrent-index-outside-transaction', () => {
  test('CREATE / DROP INDEX CONCURRENTLY with { transaction } fail: 25001', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await qi.createTable('cc_idx', { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING }, b: { type: S.STRING } });
    const create = await measure(() => sequelize.transaction(async (transaction) => qi.addIndex('cc_idx', ['a'], { concurrently: true, transaction } as never)));
    expect(create.sql).toEqual(['START TRANSACTION;', 'CREATE INDEX CONCURRENTLY "cc_idx_a" ON "cc_idx" ("a")', 'ROLLBACK;']);
    expect(create.outcome).toEqual({ ok: false, error: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block', code: '25001' });

    await qi.addIndex('cc_idx', ['a'], { concurrently: true } as never);
    const drop = await measure(() => sequelize.transaction(async (transaction) => qi.removeIndex('cc_idx', ['a'], { concurrently: true, transaction } as never)));
    expect(drop.outcome).toEqual({ ok: false, error: 'DROP INDEX CONCURRENTLY cannot run inside a transaction block', code: '25001' });
  });

  test('VACUUM (any) and REINDEX CONCURRENTLY fail in a transaction: 25001; ANALYZE and a plain REINDEX run there', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await qi.createTable('vac_t', { id: { type: S.INTEGER, primaryKey: true }, a: { type: S.STRING } });
    const inTx = (sql: string) => measure(() => sequelize.transaction(async (transaction) => sequelize.query(sql, { transaction })));
    expect((await inTx('VACUUM vac_t')).outcome).toEqual({ ok: false, error: 'VACUUM cannot run inside a transaction block', code: '25001' });
    expect((await inTx('VACUUM (ANALYZE) vac_t')).outcome).toEqual({ ok: false, error: 'VACUUM cannot run inside a transaction block', code: '25001' });
    expect((await inTx('REINDEX TABLE CONCURRENTLY vac_t')).outcome).toEqual({ ok: false, error: 'REINDEX CONCURRENTLY cannot run inside a transaction block', code: '25001' });
    expect((await inTx('ANALYZE vac_t')).outcome).toEqual({ ok: true });
    expect((await inTx('REINDEX TABLE vac_t')).outcome).toEqual({ ok: true });
  });

  test('several statements in one query string are one implicit transaction; one per query passes', async () => {
    const { sequelize } = suite.db;
    const two = await measure(() => sequelize.query('CREATE INDEX CONCURRENTLY cc_idx_b ON cc_idx (b); CREATE INDEX CONCURRENTLY cc_idx_ab ON cc_idx (a, b);'));
    expect(two.outcome).toEqual({ ok: false, error: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block', code: '25001' });
    expect((await measure(() => sequelize.query('CREATE INDEX CONCURRENTLY cc_idx_b ON cc_idx (b)'))).outcome).toEqual({ ok: true });
  });

  test('a later statement of one query string that fails rolls the earlier ones back (require-idempotency-guard: one query is atomic)', async () => {
    const { sequelize } = suite.db;
    const failed = await measure(() => sequelize.query('CREATE TABLE qs_rows (id int PRIMARY KEY); INSERT INTO qs_rows VALUES (1), (1);'));
    expect(failed.outcome).toMatchObject({ ok: false, code: '23505' });
    const [rows] = (await sequelize.query("SELECT to_regclass('qs_rows') AS t")) as [{ t: string | null }[], unknown];
    expect(rows[0]!.t).toBeNull();
  });

  test('removeColumn with an empty column name: PostgreSQL refuses the statement, nothing is dropped (no-destructive-down: no loss)', async () => {
    const { sequelize, queryInterface: qi } = suite.db;
    await qi.createTable('rc_empty', { id: { type: S.INTEGER, primaryKey: true }, label: { type: S.STRING } });
    const r = await measure(() => qi.removeColumn('rc_empty', ''));
    expect(r.outcome).toMatchObject({ ok: false, code: '42601' });
    const [cols] = (await sequelize.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'rc_empty' ORDER BY column_name")) as [{ column_name: string }[], unknown];
    expect(cols.map((c) => c.column_name)).toEqual(['id', 'label']);
  });
});

describe('no-silent-change-column', () => {
  test('a changeColumn that does not restate allowNull / defaultValue drops them; unique and references stay', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('sc_team', { id: { type: S.INTEGER, primaryKey: true } });
    await qi.createTable('sc_user', {
      id: { type: S.INTEGER, primaryKey: true },
      status: { type: S.STRING, allowNull: false, defaultValue: 'active' },
      email: { type: S.STRING, unique: true },
      teamId: { type: S.INTEGER, references: { model: 'sc_team', key: 'id' } },
    });
    const r = await measure(() => qi.changeColumn('sc_user', 'status', { type: S.STRING(64) }));
    expect(r.sql).toEqual([
      'ALTER TABLE "sc_user" ALTER COLUMN "status" DROP NOT NULL;ALTER TABLE "sc_user" ALTER COLUMN "status" DROP DEFAULT;ALTER TABLE "sc_user" ALTER COLUMN "status" TYPE VARCHAR(64);',
    ]);
    expect(await columnOf('sc_user', 'status')).toEqual({ is_nullable: 'YES', column_default: null });

    await qi.changeColumn('sc_user', 'email', { type: S.STRING(320) });
    await qi.changeColumn('sc_user', 'teamId', { type: S.INTEGER });
    expect(await constraintsOf('sc_user')).toEqual(['FOREIGN KEY ("teamId") REFERENCES sc_team(id)', 'UNIQUE (email)']);

    // Restating them adds a second constraint; with `references`, Sequelize sends no TYPE and no DROP at all.
    const fk = await measure(() => qi.changeColumn('sc_user', 'teamId', { type: S.BIGINT, references: { model: 'sc_team', key: 'id' } }));
    expect(fk.sql).toEqual(['ALTER TABLE "sc_user"  ADD FOREIGN KEY ("teamId") REFERENCES "sc_team" ("id");']);
    await qi.changeColumn('sc_user', 'email', { type: S.STRING(320), unique: true });
    expect(await constraintsOf('sc_user')).toEqual([
      'FOREIGN KEY ("teamId") REFERENCES sc_team(id)',
      'FOREIGN KEY ("teamId") REFERENCES sc_team(id)',
      'UNIQUE (email)',
      'UNIQUE (email)',
    ]);
  });

  test('on a primary key: DROP NOT NULL fails; restating allowNull: false still drops the sequence default', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('sc_pk', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, name: { type: S.STRING } });
    const r = await measure(() => qi.changeColumn('sc_pk', 'id', { type: S.BIGINT }));
    expect(r.outcome).toEqual({ ok: false, error: 'column "id" is in a primary key', code: '42P16' });

    expect((await measure(() => qi.changeColumn('sc_pk', 'id', { type: S.BIGINT, allowNull: false }))).outcome).toEqual({ ok: true });
    expect(await columnOf('sc_pk', 'id')).toEqual({ is_nullable: 'NO', column_default: null });
    const insert = await measure(() => suite.db.query(`INSERT INTO sc_pk (name) VALUES ('x') RETURNING id`));
    expect(insert.outcome).toMatchObject({ ok: false, code: '23502' });
  });
});

describe('plausible failures (src/rules/plausible-failure.ts)', () => {
  test('a unique key over a column just added without a default passes on rows that share every other value; with a default it fails', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('pf_shares', { id: { type: S.INTEGER, primaryKey: true }, teamId: { type: S.INTEGER } });
    await suite.db.query('INSERT INTO pf_shares (id, "teamId") VALUES (1, 7), (2, 7), (3, 7)');
    await qi.addColumn('pf_shares', 'slug', { type: S.STRING, allowNull: true });
    const constraint = await measure(() => qi.addConstraint('pf_shares', { fields: ['slug', 'teamId'], type: 'unique' }));
    expect(constraint.outcome).toEqual({ ok: true });
    expect((await measure(() => qi.addIndex('pf_shares', ['slug'], { unique: true }))).outcome).toEqual({ ok: true });
    // Unless the key counts NULLs as equal (PostgreSQL 15).
    expect(await suite.db.attempt('CREATE UNIQUE INDEX pf_shares_slug_nnd ON pf_shares (slug) NULLS NOT DISTINCT')).toMatchObject({ ok: false, code: '23505' });

    await qi.addColumn('pf_shares', 'code', { type: S.STRING, defaultValue: 'none' });
    const withDefault = await measure(() => qi.addIndex('pf_shares', ['code'], { unique: true }));
    expect(withDefault.outcome).toMatchObject({ ok: false, code: '23505' });
  });

  test('a foreign key over a column just added without a default passes on a table with rows; over an existing column with an orphan, or a new one with a default, it fails', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('pf_owners', { id: { type: S.UUID, primaryKey: true } });
    await qi.createTable('pf_carts', { id: { type: S.INTEGER, primaryKey: true }, legacyOwnerId: { type: S.UUID } });
    await suite.db.query(`INSERT INTO pf_carts (id, "legacyOwnerId") VALUES (1, '00000000-0000-4000-8000-000000000001'), (2, NULL)`);
    await qi.addColumn('pf_carts', 'ownerId', { type: S.UUID, allowNull: true, defaultValue: null });
    const fresh = await measure(() =>
      qi.addConstraint('pf_carts', { type: 'foreign key', fields: ['ownerId'], name: 'pf_carts_owner_fk', references: { table: 'pf_owners', field: 'id' } }),
    );
    expect(fresh.sql).toEqual(['ALTER TABLE "pf_carts" ADD CONSTRAINT "pf_carts_owner_fk" FOREIGN KEY ("ownerId") REFERENCES "pf_owners" ("id");']);
    expect(fresh.outcome).toEqual({ ok: true });
    // The same through addColumn with references, and as SQL.
    expect((await measure(() => qi.addColumn('pf_carts', 'buyerId', { type: S.UUID, references: { model: 'pf_owners', key: 'id' } }))).outcome).toEqual({ ok: true });
    await suite.db.query('ALTER TABLE pf_carts ADD COLUMN "payerId" uuid');
    expect(await suite.db.attempt('ALTER TABLE pf_carts ADD CONSTRAINT pf_carts_payer_fk FOREIGN KEY ("payerId") REFERENCES pf_owners (id)')).toEqual({ ok: true });

    // The contrast: an existing column holding a value the parent lacks.
    const orphan = await measure(() => qi.addConstraint('pf_carts', { type: 'foreign key', fields: ['legacyOwnerId'], references: { table: 'pf_owners', field: 'id' } }));
    expect(orphan.outcome).toMatchObject({ ok: false, code: '23503' });
    // A new column with a default: every row holds it, and no owner has it.
    await qi.addColumn('pf_carts', 'sellerId', { type: S.UUID, defaultValue: '00000000-0000-4000-8000-000000000002' });
    const withDefault = await measure(() => qi.addConstraint('pf_carts', { type: 'foreign key', fields: ['sellerId'], references: { table: 'pf_owners', field: 'id' } }));
    expect(withDefault.outcome).toMatchObject({ ok: false, code: '23503' });
  });

  test('a foreign key between types of different families fails at once, on an empty table too; within a family it passes, but for numeric to an integer key', async () => {
    const db = suite.db;
    await db.query('CREATE TABLE pf_kinds (u uuid UNIQUE, i integer UNIQUE, b bigint UNIQUE, t text UNIQUE, ts timestamptz UNIQUE, n numeric UNIQUE)');
    await db.query('CREATE TABLE pf_refs (id integer)');
    const types: Record<string, string> = { u: 'uuid', i: 'integer', b: 'bigint', t: 'text', ts: 'timestamptz', n: 'numeric' };
    const fk = (type: string, parent: string) => db.attempt(`ALTER TABLE pf_refs ADD COLUMN "c_${parent}_${type.replace(/\W/g, '')}" ${type} REFERENCES pf_kinds (${parent})`);
    // What migralint claims of the pair (foreignKeyRejects), beside what PostgreSQL answers.
    const claims = (type: string, parent: string) => foreignKeyRejects(typeFamily(type)!, typeFamily(types[parent])!);
    for (const [type, parent] of [['varchar(100)', 'u'], ['integer', 'u'], ['uuid', 't'], ['varchar(36)', 'i'], ['integer', 't']]) {
      expect(await fk(type!, parent!), `${type} → ${parent}`).toMatchObject({ ok: false, code: '42804' });
      expect(claims(type!, parent!), `${type} → ${parent}`).toBe(true);
    }
    // Within the number family: no claim, though PostgreSQL refuses it.
    expect(await fk('numeric', 'i')).toMatchObject({ ok: false, code: '42804' });
    expect(claims('numeric', 'i')).toBe(false);
    for (const [type, parent] of [['uuid', 'u'], ['integer', 'b'], ['bigint', 'i'], ['varchar(36)', 't'], ['date', 'ts'], ['timestamp', 'ts'], ['integer', 'n']]) {
      expect(await fk(type!, parent!), `${type} → ${parent}`).toEqual({ ok: true });
      expect(claims(type!, parent!), `${type} → ${parent}`).toBe(false);
    }
  });

  test('a number widened (integer to bigint, double precision or numeric; bigint to real; real to double) keeps every value, at the extremes too; bigint to integer fails on a value out of range', async () => {
    const qi = suite.db.queryInterface;
    // [the column's type, the changeColumn type as extraction writes it, a value at the edge of the old type]
    const cases: [string, keyof typeof S & ('BIGINT' | 'FLOAT' | 'DECIMAL' | 'INTEGER' | 'REAL' | 'DOUBLE'), string][] = [
      ['integer', 'BIGINT', '2147483647'],
      ['integer', 'FLOAT', '-2147483648'],
      ['integer', 'DECIMAL', '2147483647'],
      ['smallint', 'INTEGER', '-32768'],
      ['bigint', 'REAL', '9223372036854775807'],
      ['bigint', 'DOUBLE', '-9223372036854775808'],
      ['real', 'DOUBLE', '3.4e38'],
    ];
    for (const [i, [from, to, value]] of cases.entries()) {
      const table = `pf_widen_${i}`;
      await suite.db.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, n ${from})`);
      await suite.db.query(`INSERT INTO ${table} (id, n) VALUES (1, ${value}), (2, NULL)`);
      const changed = await measure(() => qi.changeColumn(table, 'n', { type: S[to] }));
      expect(changed.outcome, `${from} -> ${to}`).toEqual({ ok: true });
      expect(wideningKeepsValues(postgresType(from), postgresType(to)), `${from} -> ${to}`).toBe(true);
    }
    await suite.db.query(`CREATE TABLE pf_narrow (id integer PRIMARY KEY, n bigint)`);
    await suite.db.query(`INSERT INTO pf_narrow (id, n) VALUES (1, 3000000000)`);
    expect((await measure(() => qi.changeColumn('pf_narrow', 'n', { type: S.INTEGER }))).outcome).toMatchObject({ ok: false, code: '22003' });
    expect(wideningKeepsValues(postgresType('bigint'), postgresType('INTEGER'))).toBe(false);
    // numeric(5, 2) holds less than an integer: the conversion checks each value.
    await suite.db.query(`CREATE TABLE pf_numeric (id integer PRIMARY KEY, n integer)`);
    await suite.db.query(`INSERT INTO pf_numeric (id, n) VALUES (1, 100000)`);
    expect((await measure(() => qi.changeColumn('pf_numeric', 'n', { type: S.DECIMAL(5, 2) }))).outcome).toMatchObject({ ok: false, code: '22003' });
    expect(wideningKeepsValues(postgresType('integer'), postgresType('DECIMAL(5,2)'))).toBe(false);
  });

  test('a longer varchar and varchar to text keep every value; a shorter varchar fails on a longer value', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('pf_urls', { id: { type: S.INTEGER, primaryKey: true }, url: { type: S.STRING } });
    await suite.db.query(`INSERT INTO pf_urls (id, url) VALUES (1, repeat('x', 200))`);
    expect((await measure(() => qi.changeColumn('pf_urls', 'url', { type: S.STRING(4096) }))).outcome).toEqual({ ok: true });
    expect((await measure(() => qi.changeColumn('pf_urls', 'url', { type: S.TEXT }))).outcome).toEqual({ ok: true });
    expect((await measure(() => qi.changeColumn('pf_urls', 'url', { type: S.STRING(100) }))).outcome).toMatchObject({ ok: false, code: '22001' });
  });
});

describe('no-destructive-down: an enum value removed by deleting its pg_enum row', () => {
  test('the DELETE succeeds, and every row that still holds the value can no longer be read', async () => {
    const db = suite.db;
    await db.query(`CREATE TYPE "enum_members_role" AS ENUM ('member', 'owner')`);
    await db.query(`CREATE TABLE members (id int PRIMARY KEY, role "enum_members_role")`);
    await db.query(`ALTER TYPE "enum_members_role" ADD VALUE 'manager'`);
    await db.query(`INSERT INTO members VALUES (1, 'member'), (2, 'manager')`);
    // What a rollback written this way sends.
    await db.query(`DELETE FROM pg_enum WHERE enumlabel = 'manager' AND enumtypid = (SELECT oid FROM pg_type WHERE typname = 'enum_members_role')`);
    await expect(db.query(`SELECT role FROM members WHERE id = 1`)).resolves.toEqual([{ role: 'member' }]);
    await expect(db.query(`SELECT role FROM members WHERE id = 2`)).rejects.toThrow(/invalid internal value for enum/);
    await expect(db.query(`SELECT count(*)::int AS n FROM members`)).resolves.toEqual([{ n: 2 }]);
  });
});

describe('no-destructive-down: removeColumn with one argument', () => {
  test('removeColumn(name) reads the name as the table, and throws before it sends anything: the rollback fails, dropping nothing', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('one_arg_posts', { id: { type: S.INTEGER, primaryKey: true }, expose: { type: S.INTEGER } });
    const r = await measure(() => (qi.removeColumn as unknown as (t: string) => Promise<void>)('expose'));
    expect(r.outcome).toEqual({ ok: false, error: "Cannot read properties of undefined (reading 'replace')" });
    expect(r.sql).toEqual([]);
    expect(await columnOf('one_arg_posts', 'expose')).toBeDefined();
  });
});

describe('require-idempotency-guard: ADD PRIMARY KEY after DROP CONSTRAINT IF EXISTS "<table>_pkey"', () => {
  test('an unnamed primary key is named <table>_pkey, so the drop before it makes the pair run again cleanly', async () => {
    const db = suite.db;
    await db.query(`CREATE TABLE "Cases" (id int NOT NULL, "accountSid" text NOT NULL)`);
    for (let run = 0; run < 2; run++) {
      await db.query(`ALTER TABLE public."Cases" DROP CONSTRAINT IF EXISTS "Cases_pkey" CASCADE`);
      await db.query(`ALTER TABLE public."Cases" ADD PRIMARY KEY ("id", "accountSid")`);
    }
    await expect(db.query(`SELECT conname FROM pg_constraint WHERE conrelid = '"Cases"'::regclass AND contype = 'p'`)).resolves.toEqual([{ conname: 'Cases_pkey' }]);
  });
});
