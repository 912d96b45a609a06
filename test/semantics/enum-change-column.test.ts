/**
 * Measures on a real PostgreSQL (PGlite) what `changeColumn` to an ENUM sends, for no-swallowed-errors: the
 * "drop the enum type, ignore the error" catch before it. Sequelize creates the column's type
 * `"enum_<table>_<column>"` inside `DO ... EXCEPTION WHEN duplicate_object THEN null`: when the type is still there
 * (the caught `DROP TYPE` failed), the change goes through on the OLD type, whose values stay as they were; a value
 * only the new list has then fails at its first write. When the type was dropped, it is created with the new values.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

async function labels(type: string): Promise<string[]> {
  const rows = await suite.db.query<{ l: string }>(`SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = '"${type}"'::regtype ORDER BY enumsortorder`);
  return rows.map((r) => r.l);
}

describe('changeColumn to an ENUM whose type already exists keeps that type', () => {
  test('the type still there (a DROP TYPE that failed): the change passes, the old values stay, a new value fails at its first write; dropped: the new values', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('enum_kept', { id: { type: S.INTEGER, primaryKey: true }, kind: { type: S.ENUM('a', 'b') } });
    await qi.changeColumn('enum_kept', 'kind', { type: S.STRING });
    const kept = await measureOn(suite.db, () => qi.changeColumn('enum_kept', 'kind', { type: S.ENUM('a', 'b', 'c') }));
    expect(writeStatements(kept.sql).join('\n')).toMatch(/DO 'BEGIN CREATE TYPE "public"\."enum_enum_kept_kind" AS ENUM\(''a'', ''b'', ''c''\); EXCEPTION WHEN duplicate_object THEN null; END'/);
    expect(kept.outcome).toEqual({ ok: true });
    expect(await labels('enum_enum_kept_kind')).toEqual(['a', 'b']);
    await expect(suite.db.query(`INSERT INTO enum_kept (id, kind) VALUES (1, 'c')`)).rejects.toThrow(/invalid input value for enum/);

    await qi.createTable('enum_dropped', { id: { type: S.INTEGER, primaryKey: true }, kind: { type: S.ENUM('a', 'b') } });
    await qi.changeColumn('enum_dropped', 'kind', { type: S.STRING });
    await suite.db.query('DROP TYPE "enum_enum_dropped_kind"');
    const dropped = await measureOn(suite.db, () => qi.changeColumn('enum_dropped', 'kind', { type: S.ENUM('a', 'b', 'c') }));
    expect(dropped.outcome).toEqual({ ok: true });
    expect(await labels('enum_enum_dropped_kind')).toEqual(['a', 'b', 'c']);
  });
});

describe('changeColumn from an ENUM to an ENUM converts no value', () => {
  test('after ALTER TYPE ... ADD VALUE (autocommit), a changeColumn that lists the values and defaults to the new one passes over rows of every old value', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('enum_same', { id: { type: S.INTEGER, primaryKey: true }, state: { type: S.ENUM('open', 'closed'), allowNull: false } });
    await suite.db.query(`INSERT INTO enum_same (id, state) VALUES (1, 'open'), (2, 'closed')`);
    await suite.db.query(`ALTER TYPE "enum_enum_same_state" ADD VALUE 'archived'`);
    const changed = await measureOn(suite.db, () => qi.changeColumn('enum_same', 'state', { type: S.ENUM('open', 'closed', 'archived'), defaultValue: 'archived' }));
    expect(changed.outcome).toEqual({ ok: true });
    expect(writeStatements(changed.sql).join('\n')).toMatch(/ALTER COLUMN "state" TYPE "public"\."enum_enum_same_state"/);
    expect(await labels('enum_enum_same_state')).toEqual(['open', 'closed', 'archived']);
    await suite.db.query(`INSERT INTO enum_same (id) VALUES (3)`);
    const rows = await suite.db.query<{ id: number; state: string }>('SELECT id, state::text AS state FROM enum_same ORDER BY id');
    expect(rows).toEqual([{ id: 1, state: 'open' }, { id: 2, state: 'closed' }, { id: 3, state: 'archived' }]);
  });
});

/**
 * For no-impossible-cast's `valueNotInEnum`: an UPDATE setting an ENUM column to a value its type lacks is refused as
 * PostgreSQL reads the literal, whether or not a row matches; a changeColumn listing the value does not add it (the
 * type is kept, above); `ALTER TYPE ... ADD VALUE` does.
 */
describe('an UPDATE to a value the column\'s enum type lacks', () => {
  test('fails even where no row matches; after ALTER TYPE ... ADD VALUE it passes', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('enum_update', { id: { type: S.INTEGER, primaryKey: true }, category: { type: S.ENUM('membership', 'other') } });
    await qi.changeColumn('enum_update', 'category', { type: S.ENUM('membership', 'other', 'utility') });
    expect(await labels('enum_enum_update_category')).toEqual(['membership', 'other']);
    const refused = await measureOn(suite.db, () => qi.sequelize.query("UPDATE enum_update SET category = 'utility' WHERE category = 'other'"));
    expect(refused.outcome).toMatchObject({ ok: false, error: expect.stringMatching(/invalid input value for enum enum_enum_update_category: "utility"/) });
    await suite.db.query(`ALTER TYPE "enum_enum_update_category" ADD VALUE 'utility'`);
    expect((await measureOn(suite.db, () => qi.sequelize.query("UPDATE enum_update SET category = 'utility' WHERE category = 'other'"))).outcome).toEqual({ ok: true });
  });
});
