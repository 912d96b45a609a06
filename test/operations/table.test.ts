/**
 * The operation table (src/operations/table.ts): every kind is described
 * completely and consistently, the readers derived from it agree with it, and
 * its facts agree with what Sequelize really sends: on PostgreSQL (PGlite,
 * the SQL from Sequelize's log, the lock from `pg_locks`, a second run) and on
 * MySQL (Sequelize's MySQL query interface over a connection that only
 * records the SQL: no server needed).
 */
import { createRequire } from 'node:module';
import { describe, expect, it, test } from 'vitest';
import type { OpKind } from '../../src/model';
import { QUERY_INTERFACE_METHODS, READ_OPS } from '../../src/extract/query-interface';
import { isRead, OP_KINDS, OPERATIONS, PG_LOCK_MODES, rerunFailureOf, SEQUELIZE_CALLS, transactionArgument, type PgLockMode } from '../../src/operations/table';
import { analyzeSql } from '../../src/sql/analyze-sql';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { usePglite } from '../helpers/pglite';

const nodeRequire = createRequire(__filename);
const S = nodeRequire('sequelize') as typeof import('sequelize');

/** A template as a regular expression: its placeholders by these values, `...` any text, the note after ` -- ` left out. */
function templateRegExp(template: string, values: Record<string, string>): RegExp {
  const sql = template.replace(/ -- [\s\S]*$/, '');
  const parts = sql.split(/(\{[a-zA-Z]+\}|\.\.\.)/);
  const source = parts
    .map((part) => {
      if (part === '...') return '[\\s\\S]*?';
      const placeholder = /^\{([a-zA-Z]+)\}$/.exec(part);
      if (placeholder) return escape(values[placeholder[1]!] ?? `<${placeholder[1]}?>`);
      return escape(part);
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// -----------------------------------------------------------------------------

describe('every kind is described', () => {
  test.each(OP_KINDS)('%s', (kind) => {
    const f = OPERATIONS[kind];
    expect(f.sql.postgres.length).toBeGreaterThan(0);
    if (f.lock.mode !== null) expect(PG_LOCK_MODES).toContain(f.lock.mode);
    // A kind a builder issues is named after the queryInterface method (raw SQL goes through `query`).
    if (f.sequelize) expect(f.sequelize.method).toBe(kind === 'sql' ? 'query' : kind);
    else expect(f.sql.mysql, 'SQL-only kinds: the statement as written, whatever the dialect').toBe(f.sql.postgres);
    // Measured idempotent calls say so in their SQL, and a second run succeeds.
    if (f.idempotent) {
      expect(f.sequelize).toBeDefined();
      expect(f.secondRun).toBe('succeeds');
      expect(f.sql.postgres).toMatch(/IF (NOT )?EXISTS/);
    }
    if (f.secondRun === 'fails') expect(f.rerunFailure, 'a measured failure is named').not.toBeNull();
    if (f.family === 'read') {
      expect(f.sequelize?.probe).toBe(true);
      expect(f.destroys).toBe('nothing');
      expect(f.lock.mode === null || f.lock.mode === 'ACCESS SHARE').toBe(true);
    }
    if (f.family === 'data') expect(f.subject).toBe('table');
  });

  test('argument positions of a call are distinct, and `{ transaction }` comes after the named ones', () => {
    for (const [method, { signature }] of SEQUELIZE_CALLS) {
      const named = [signature.table, signature.column, signature.name, signature.newName, signature.attributes, signature.sql, signature.values, signature.where].filter((i) => i !== undefined);
      expect(new Set(named).size, method).toBe(named.length);
      if (signature.transaction !== undefined) expect(signature.transaction, `${method}: transaction`).toBeGreaterThan(Math.max(-1, ...named));
    }
  });

  test('reversal pairs are symmetric: what a kind undoes, undoes it', () => {
    for (const kind of OP_KINDS) {
      for (const inverse of OPERATIONS[kind].reversedBy) {
        expect(OPERATIONS[inverse].reversedBy, `${inverse} undoes ${kind}`).toContain(kind);
      }
    }
    // reverse(reverse(k)) brings k back.
    const reverse = (k: OpKind): OpKind[] => [...OPERATIONS[k].reversedBy];
    for (const k of OP_KINDS) for (const r of reverse(k)) expect(reverse(r)).toContain(k);
    expect(reverse('addColumn')).toEqual(['removeColumn']);
    expect(reverse('createType')).toEqual(['dropType', 'dropEnum']);
    expect(reverse('renameTable')).toEqual(['renameTable']);
    expect(reverse('truncate')).toEqual([]);
  });

  test('what a step destroys: data for drops, deletes and updates; an object for the others', () => {
    const destroys = (k: OpKind) => OPERATIONS[k].destroys;
    expect(destroys('dropTable')).toBe('table');
    expect(destroys('removeColumn')).toBe('column');
    expect(destroys('bulkDelete')).toBe('rows');
    expect(destroys('truncate')).toBe('every row');
    expect(destroys('bulkUpdate')).toBe('values');
    expect(destroys('dropAllTables')).toBe('every table');
    expect(destroys('removeIndex')).toBe('index');
    expect(destroys('changeColumn')).toBe('column settings');
    expect(destroys('addColumn')).toBe('nothing');
    // What creates something is undone by what destroys it.
    for (const kind of OP_KINDS) {
      const f = OPERATIONS[kind];
      if (!['nothing', 'unknown', 'column settings', 'values'].includes(f.destroys)) {
        for (const inverse of f.reversedBy) expect(OPERATIONS[inverse].destroys, `${inverse} creates what ${kind} destroys`).toBe('nothing');
      }
    }
  });
});

describe('readers derived from the table', () => {
  test('the queryInterface methods extraction knows are the builder calls of the table', () => {
    expect(QUERY_INTERFACE_METHODS.query).toBeUndefined();
    expect(QUERY_INTERFACE_METHODS.addColumn).toMatchObject({ op: 'addColumn', table: 0, column: 1, attributes: 2, transaction: 3 });
    expect(QUERY_INTERFACE_METHODS.renameColumn).toMatchObject({ op: 'renameColumn', table: 0, column: 1, newName: 2 });
    expect(QUERY_INTERFACE_METHODS.insert).toMatchObject({ op: 'insert', table: 1 });
    expect(Object.entries(QUERY_INTERFACE_METHODS).filter(([, s]) => s.idempotent).map(([m]) => m).sort()).toEqual(
      ['createTable', 'dropAllTables', 'dropEnum', 'dropTable', 'removeIndex'],
    );
    expect([...READ_OPS].sort()).toEqual(OP_KINDS.filter(isRead).sort());
    expect(READ_OPS.size).toBe(10);
  });

  test('where `{ transaction }` goes', () => {
    expect(transactionArgument('addColumn', false)).toBe(3);
    expect(transactionArgument('addIndex', false)).toBe(2);
    expect(transactionArgument('addIndex', true)).toBe(1);
    expect(transactionArgument('addConstraint', true)).toBe(1);
    expect(transactionArgument('query', false)).toBe(1);
    expect(transactionArgument('describeTable', false)).toBeUndefined();
    expect(transactionArgument('toString', false)).toBeUndefined();
  });
});

// -----------------------------------------------------------------------------
// MySQL: what Sequelize's MySQL query interface sends, recorded without a server.

describe('MySQL: the SQL Sequelize sends', () => {
  const log: string[] = [];
  const sequelize = new S.Sequelize({ dialect: 'mysql', dialectModule: {}, logging: false });
  // Answers the look-ups some calls make first (the columns of `t`, the type of constraint `u`).
  (sequelize as unknown as { query: (sql: string | { query: string }) => Promise<unknown> }).query = async (sql) => {
    const text = typeof sql === 'string' ? sql : sql.query;
    log.push(text);
    // As Sequelize's query layer would format them: a described table, a constraint, table names.
    if (/^SHOW FULL COLUMNS/.test(text)) return { a: { type: 'VARCHAR(255)', allowNull: true, defaultValue: null, primaryKey: false, autoIncrement: false, comment: null } };
    if (/TABLE_CONSTRAINTS/.test(text)) return [{ constraintName: 'u', constraintType: 'UNIQUE', tableName: 't' }];
    if (/INFORMATION_SCHEMA\.TABLES/.test(text)) return ['t'];
    return [[], []];
  };
  const qi = sequelize.getQueryInterface() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const values = { table: 't', column: 'c', name: 'u', newName: 'n' };

  const cases: [OpKind, unknown[], Partial<typeof values>?][] = [
    ['createTable', ['t', { id: { type: S.INTEGER, primaryKey: true } }]],
    ['dropTable', ['t']],
    ['dropAllTables', []],
    ['renameTable', ['t', 'n']],
    ['addColumn', ['t', 'c', { type: S.STRING }]],
    ['removeColumn', ['t', 'c']],
    ['changeColumn', ['t', 'c', { type: S.INTEGER }]],
    ['renameColumn', ['t', 'a', 'n'], { column: 'a' }],
    ['addIndex', ['t', ['a', 'b']], { name: 't_a_b' }],
    ['removeIndex', ['t', 'u']],
    ['addConstraint', ['t', { type: 'unique', fields: ['a'], name: 'u' }]],
    ['removeConstraint', ['t', 'u']],
    ['createSchema', ['u']],
    ['dropSchema', ['u']],
    ['createDatabase', ['u']],
    ['dropDatabase', ['u']],
    ['bulkInsert', ['t', [{ a: 1 }]]],
    ['bulkDelete', ['t', null]],
    ['bulkUpdate', ['t', { a: 2 }, {}]],
    ['decrement', [null, 't', { id: 1 }, { a: 1 }, {}, {}]],
    ['describeTable', ['t']],
    ['tableExists', ['t']],
    ['showIndex', ['t']],
    ['select', [null, 't', {}]],
  ];

  test.each(cases)('%s', async (kind, args, names) => {
    const template = OPERATIONS[kind].sql.mysql;
    expect(template).not.toBeNull();
    const mark = log.length;
    await qi[kind]!(...args);
    const sent = log.slice(mark);
    expect(sent.at(-1)).toMatch(templateRegExp(template!, { ...values, ...names }));
  });

  const unsupported = OP_KINDS.filter((k) => OPERATIONS[k].sequelize && OPERATIONS[k].sql.mysql === null);
  test.each(unsupported)('%s has no MySQL implementation', async (kind) => {
    await expect((async () => qi[kind]!('t', 'u', 'n'))()).rejects.toThrow();
  });
});

// -----------------------------------------------------------------------------
// PostgreSQL: measured on PGlite.

describe('PostgreSQL: SQL, second run and lock, measured', () => {
  const suite = usePglite();

  /** The call with `{ transaction }` where the operation table says Sequelize reads it. */
  function withTransaction(method: string, args: unknown[], transaction: unknown): unknown[] {
    const at = transactionArgument(method, typeof args[1] === 'object' && args[1] !== null && !Array.isArray(args[1]));
    if (at === undefined) throw new Error(`no transaction argument recorded for ${method}`);
    const out = [...args];
    while (out.length < at) out.push(undefined);
    out[at] = { ...((out[at] as object | undefined) ?? {}), transaction };
    return out;
  }

  /** The strongest lock the call takes on `table`, read from pg_locks before its transaction ends (rolled back). */
  async function lockTaken(method: string, args: unknown[], table: string): Promise<PgLockMode | null> {
    const [{ oid }] = await suite.db.query<{ oid: number }>(`SELECT '"${table}"'::regclass::oid AS oid`);
    let modes: string[] = [];
    await suite.db.sequelize
      .transaction(async (transaction) => {
        await (suite.db.queryInterface as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...withTransaction(method, args, transaction));
        const rows = (await suite.db.sequelize.query(`SELECT mode FROM pg_locks WHERE locktype = 'relation' AND relation = ${oid} AND pid = pg_backend_pid()`, {
          transaction,
          type: S.QueryTypes.SELECT,
        })) as { mode: string }[];
        modes = rows.map((r) => r.mode);
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    const ranks = modes.map((m) => PG_LOCK_MODES.indexOf(m.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase() as PgLockMode));
    return ranks.length === 0 ? null : PG_LOCK_MODES[Math.max(...ranks)]!;
  }

  /** Runs the call twice; the DDL/DML of the first run and whether the second succeeded. */
  async function twice(method: string, args: unknown[]): Promise<{ sql: string[]; second: 'succeeds' | 'fails' }> {
    const qi = suite.db.queryInterface as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const mark = suite.db.log.length;
    await qi[method]!(...args);
    const sql = suite.db.sqlSince(mark).filter((s) => !/^(SELECT|WITH|START TRANSACTION|COMMIT|ROLLBACK)\b/i.test(s.trim()));
    const second = await qi[method]!(...args).then(
      () => 'succeeds' as const,
      () => 'fails' as const,
    );
    return { sql, second };
  }

  async function table(name: string, rows = 0) {
    await suite.db.queryInterface.createTable(name, { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, a: { type: S.INTEGER }, c: { type: S.STRING } });
    for (let i = 0; i < rows; i++) await suite.db.query(`INSERT INTO "${name}" (a) VALUES (${i})`);
  }

  const cases: { kind: OpKind; args: (t: string) => unknown[]; names?: (t: string) => Record<string, string> }[] = [
    { kind: 'addColumn', args: (t) => [t, 'extra', { type: S.STRING }], names: () => ({ column: 'extra' }) },
    { kind: 'removeColumn', args: (t) => [t, 'c'], names: () => ({ column: 'c' }) },
    { kind: 'changeColumn', args: (t) => [t, 'c', { type: S.TEXT }], names: () => ({ column: 'c' }) },
    { kind: 'addIndex', args: (t) => [t, ['a']], names: (t) => ({ name: `${t}_a` }) },
    { kind: 'removeIndex', args: (t) => [t, `${t}_pkey`], names: (t) => ({ name: `${t}_pkey` }) },
    { kind: 'addConstraint', args: (t) => [t, { type: 'check', fields: ['a'], where: { a: { [S.Op.gte]: 0 } }, name: `${t}_ck` }], names: (t) => ({ name: `${t}_ck` }) },
    { kind: 'bulkInsert', args: (t) => [t, [{ id: 100, a: 1 }]] },
    { kind: 'bulkDelete', args: (t) => [t, null] },
    { kind: 'renameTable', args: (t) => [t, `${t}_renamed`], names: (t) => ({ newName: `${t}_renamed` }) },
    { kind: 'dropTable', args: (t) => [t] },
  ];

  test.each(cases)('$kind', async ({ kind, args, names }) => {
    const facts = OPERATIONS[kind];
    const t = `m_${kind.toLowerCase()}`;
    await table(t, 2);
    if (kind === 'removeIndex') await suite.db.query(`ALTER TABLE "${t}" DROP CONSTRAINT "${t}_pkey"; CREATE INDEX "${t}_pkey" ON "${t}" (a)`);
    // The lock, in a transaction that is rolled back: the table is as it was afterwards.
    expect(await lockTaken(kind, args(t), t), 'lock').toBe(facts.lock.mode);
    const { sql, second } = await twice(kind, args(t));
    const expected = templateRegExp(facts.sql.postgres, { table: t, ...(names?.(t) ?? {}) });
    expect(sql.some((s) => expected.test(s.trim())), `${sql.join('\n')} ~ ${expected}`).toBe(true);
    if (facts.secondRun === 'succeeds' || facts.secondRun === 'fails') expect(second, 'second run').toBe(facts.secondRun);
  });

  it('ALTER TYPE: a second run fails as rerunFailureOf says for each statement (ADD VALUE, RENAME VALUE, RENAME TO)', async () => {
    await loadSqlParser();
    await suite.db.query(`CREATE TYPE "enum_m_rerun" AS ENUM ('a', 'b')`);
    const statements = [
      `ALTER TYPE "enum_m_rerun" ADD VALUE 'c'`,
      `ALTER TYPE "enum_m_rerun" RENAME VALUE 'a' TO 'a2'`,
      `ALTER TYPE "enum_m_rerun" RENAME TO "enum_m_rerun2"`,
    ];
    const measured = [];
    for (const sql of statements) {
      expect(await suite.db.attempt(sql), sql).toEqual({ ok: true });
      const [op] = analyzeSql(sql);
      measured.push({ sql, second: await suite.db.attempt(sql), text: rerunFailureOf({ op: op!.op, options: op!.options }) });
    }
    expect(measured.map(({ second, text }) => ({ second, text }))).toEqual([
      { second: { ok: false, code: '42710', error: 'enum label "c" already exists' }, text: 'enum label already exists' },
      { second: { ok: false, code: '22023', error: '"a" is not an existing enum label' }, text: 'not an existing enum label' },
      { second: { ok: false, code: '42704', error: 'type "enum_m_rerun" does not exist' }, text: 'type does not exist' },
    ]);
  });

  it('a unique constraint takes ACCESS EXCLUSIVE, a foreign key SHARE ROW EXCLUSIVE (the note of addConstraint)', async () => {
    await table('m_parent');
    await table('m_child');
    expect(await lockTaken('addConstraint', ['m_child', { type: 'unique', fields: ['a'], name: 'm_child_u' }], 'm_child')).toBe('ACCESS EXCLUSIVE');
    const fk = ['m_child', { type: 'foreign key', fields: ['a'], name: 'm_child_fk', references: { table: 'm_parent', field: 'id' } }];
    expect(await lockTaken('addConstraint', fk, 'm_child')).toBe('SHARE ROW EXCLUSIVE');
    expect(await lockTaken('addConstraint', fk, 'm_parent')).toBe('SHARE ROW EXCLUSIVE');
    expect(OPERATIONS.addConstraint.lock.note).toMatch(/foreign key takes SHARE ROW EXCLUSIVE on both tables/);
  });
});
