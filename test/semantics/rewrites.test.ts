/**
 * Measures on a real PostgreSQL (PGlite) what no-table-rewrite claims: which
 * column type changes and which added columns rewrite the whole table. A
 * rewrite gives the table a new data file: `pg_class.relfilenode` changes.
 * Each statement runs under ACCESS EXCLUSIVE (read from pg_locks inside the
 * transaction that runs it).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { castFails, postgresType, typeChangeRewrites, typeFamily } from '../../src/operations/type-casts';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

async function relfilenode(table: string): Promise<number> {
  const [row] = await suite.db.query<{ n: number }>(`SELECT relfilenode AS n FROM pg_class WHERE oid = '"${table}"'::regclass`);
  return Number(row!.n);
}

/** Whether `fn` rewrote `table` (its data file changed); throws when `fn` fails. */
async function rewrote(table: string, fn: () => Promise<unknown>): Promise<{ rewrote: boolean; sql: string[] }> {
  const before = await relfilenode(table);
  const { outcome, sql } = await measureOn(suite.db, fn);
  if (!outcome.ok) throw new Error(outcome.error);
  return { rewrote: (await relfilenode(table)) !== before, sql: writeStatements(sql) };
}

/** A table with one row, so that a change meets existing data. */
async function tableWithRow(table: string, column?: { name: string; type: unknown; value: string }): Promise<void> {
  const qi = suite.db.queryInterface;
  await qi.createTable(table, { id: { type: S.INTEGER, primaryKey: true }, ...(column ? { [column.name]: { type: column.type as never } } : {}) });
  await suite.db.query(`INSERT INTO "${table}" (id${column ? `, "${column.name}"` : ''}) VALUES (1${column ? `, ${column.value}` : ''})`);
}

describe('no-table-rewrite: changeColumn', () => {
  /** Sequelize types, with how extraction writes them. The row holds NULL: PostgreSQL decides to rewrite from the types alone. */
  const TYPES: Record<string, () => unknown> = {
    STRING: () => S.STRING,
    'STRING(100)': () => S.STRING(100),
    'STRING(500)': () => S.STRING(500),
    TEXT: () => S.TEXT,
    'CHAR(10)': () => S.CHAR(10),
    SMALLINT: () => S.SMALLINT,
    INTEGER: () => S.INTEGER,
    BIGINT: () => S.BIGINT,
    'DECIMAL(10, 2)': () => S.DECIMAL(10, 2),
    'DECIMAL(12, 2)': () => S.DECIMAL(12, 2),
    'DECIMAL(10, 4)': () => S.DECIMAL(10, 4),
    DECIMAL: () => S.DECIMAL,
    DOUBLE: () => S.DOUBLE,
    REAL: () => S.REAL,
    DATE: () => S.DATE,
    DATEONLY: () => S.DATEONLY,
    JSON: () => S.JSON,
    JSONB: () => S.JSONB,
  };

  test('a type change rewrites the table exactly where typeChangeRewrites says so', async () => {
    const qi = suite.db.queryInterface;
    const disagreements: string[] = [];
    let n = 0;
    for (const from of Object.keys(TYPES)) {
      for (const to of Object.keys(TYPES)) {
        if (from === to || castFails(typeFamily(from)!, typeFamily(to)!, true)) continue;
        const predicted = typeChangeRewrites(postgresType(from), postgresType(to));
        if (predicted === null) continue;
        const table = `rw_${n++}`;
        await tableWithRow(table, { name: 'c', type: TYPES[from]!(), value: 'NULL' });
        const r = await rewrote(table, () => qi.changeColumn(table, 'c', { type: TYPES[to]!() as never }));
        if (r.rewrote !== predicted) disagreements.push(`${from} -> ${to}: predicted ${predicted ? 'rewrite' : 'none'}, got ${r.rewrote ? 'rewrite' : 'none'}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(n).toBeGreaterThan(100);
  }, 300_000);

  test('PostgreSQL spellings: text to varchar(n) rewrites, to unbounded varchar does not; cidr to inet does not', async () => {
    for (const [from, to, expected] of [
      ['text', 'varchar(20)', true],
      ['text', 'varchar', false],
      ['varchar(20)', 'varchar', false],
      ['varchar', 'varchar(255)', true],
      ['cidr', 'inet', false],
      ['integer', 'bigint', true],
      ['timestamp(3)', 'timestamp(6)', false],
      ['timestamp(6)', 'timestamp(3)', true],
    ] as const) {
      const table = `rw_sql_${from.replace(/\W/g, '')}_${to.replace(/\W/g, '')}`;
      await suite.db.query(`CREATE TABLE ${table} (id int primary key, c ${from}); INSERT INTO ${table} VALUES (1, NULL)`);
      const r = await rewrote(table, () => suite.db.sequelize.query(`ALTER TABLE ${table} ALTER COLUMN c TYPE ${to}`));
      expect({ from, to, rewrote: r.rewrote }).toEqual({ from, to, rewrote: expected });
      expect(typeChangeRewrites(postgresType(from), postgresType(to))).toBe(expected);
    }
  });

  test('USING: the column or one binary-coercible cast of it rewrites nothing; a cast that converts, or any other expression, rewrites', async () => {
    await suite.db.query(`CREATE TYPE rw_using_e AS ENUM ('a', 'b'); CREATE TYPE rw_using_e2 AS ENUM ('a', 'b', 'c')`);
    let n = 0;
    for (const [from, to, using, expected] of [
      ['varchar(20)', 'text', 'c', false],
      ['varchar(20)', 'varchar', 'c::varchar', false],
      ['varchar(8)', 'bigint', 'c::bigint', true],
      ['text', 'text', 'lower(c)', true],
      ['rw_using_e', 'rw_using_e2', 'c::text::rw_using_e2', true],
      ['text', 'int', "nullif(c, '')::int", true],
    ] as const) {
      const table = `rw_using_${n++}`;
      const value = from === 'varchar(8)' || to === 'int' ? "'1'" : "'a'";
      await suite.db.query(`CREATE TABLE ${table} (id int primary key, c ${from}); INSERT INTO ${table} VALUES (1, ${value})`);
      const r = await rewrote(table, () => suite.db.sequelize.query(`ALTER TABLE ${table} ALTER COLUMN c TYPE ${to} USING ${using}`));
      expect({ using, rewrote: r.rewrote }).toEqual({ using, rewrote: expected });
    }
  });

  test('ALTER COLUMN TYPE takes ACCESS EXCLUSIVE on the table', async () => {
    await tableWithRow('rw_lock', { name: 'c', type: S.INTEGER, value: 'NULL' });
    const modes = await suite.db.sequelize.transaction(async (transaction) => {
      await suite.db.sequelize.query('ALTER TABLE rw_lock ALTER COLUMN c TYPE bigint', { transaction });
      const [rows] = await suite.db.sequelize.query(`SELECT mode FROM pg_locks WHERE relation = 'rw_lock'::regclass AND granted`, { transaction });
      return (rows as { mode: string }[]).map((r) => r.mode);
    });
    expect(modes).toContain('AccessExclusiveLock');
  });
});

describe('no-table-rewrite: addColumn', () => {
  const CASES: [string, () => Record<string, unknown>, boolean][] = [
    ["literal('gen_random_uuid()')", () => ({ type: S.UUID, defaultValue: S.literal('gen_random_uuid()') }), true],
    ["literal('random()')", () => ({ type: S.DOUBLE, defaultValue: S.literal('random()') }), true],
    ["fn('clock_timestamp')", () => ({ type: S.DATE, defaultValue: S.fn('clock_timestamp') }), true],
    ['autoIncrement', () => ({ type: S.INTEGER, autoIncrement: true }), true],
    ['UUIDV4 (generated by Sequelize, not sent)', () => ({ type: S.UUID, defaultValue: S.UUIDV4 }), false],
    ['NOW (generated by Sequelize, not sent)', () => ({ type: S.DATE, defaultValue: S.NOW }), false],
    ["fn('now')", () => ({ type: S.DATE, defaultValue: S.fn('now') }), false],
    ["literal('CURRENT_TIMESTAMP')", () => ({ type: S.DATE, allowNull: false, defaultValue: S.literal('CURRENT_TIMESTAMP') }), false],
    ['a constant, NOT NULL', () => ({ type: S.BOOLEAN, allowNull: false, defaultValue: false }), false],
    ['no default', () => ({ type: S.STRING }), false],
  ];

  test.each(CASES)('addColumn with %s', async (name, attributes, expected) => {
    const table = `rw_add_${name.replace(/\W/g, '').slice(0, 30)}`;
    await tableWithRow(table);
    const r = await rewrote(table, () => suite.db.queryInterface.addColumn(table, 'c', attributes() as never));
    expect(r.rewrote).toBe(expected);
  });

  test('raw SQL: identity, stored generated and serial columns rewrite; now() does not', async () => {
    let n = 0;
    for (const [definition, expected] of [
      ['int GENERATED ALWAYS AS IDENTITY', true],
      ['int GENERATED ALWAYS AS (id * 2) STORED', true],
      ['bigserial', true],
      ['uuid DEFAULT gen_random_uuid()', true],
      ['timestamptz NOT NULL DEFAULT now()', false],
      ["text NOT NULL DEFAULT 'x'", false],
    ] as const) {
      const table = `rw_sql_add_${n++}`;
      await tableWithRow(table);
      const r = await rewrote(table, () => suite.db.sequelize.query(`ALTER TABLE ${table} ADD COLUMN c ${definition}`));
      expect({ definition, rewrote: r.rewrote }).toEqual({ definition, rewrote: expected });
    }
  });

  test('what Sequelize sends for UUIDV4 and autoIncrement', async () => {
    await tableWithRow('rw_sent');
    const uuid = await rewrote('rw_sent', () => suite.db.queryInterface.addColumn('rw_sent', 'u', { type: S.UUID, defaultValue: S.UUIDV4 }));
    expect(uuid.sql).toEqual(['ALTER TABLE "public"."rw_sent" ADD COLUMN "u" UUID;']);
    const serial = await rewrote('rw_sent', () => suite.db.queryInterface.addColumn('rw_sent', 's', { type: S.INTEGER, autoIncrement: true }));
    expect(serial.sql[0]).toMatch(/ADD COLUMN "s" +SERIAL/);
  });
});
