/**
 * What of a column definition reaches PostgreSQL (PGlite), which src/operations/attributes.ts lists: keys Sequelize
 * does not read (`default`, `nullable`, a typo) leave the CREATE TABLE and ADD COLUMN statements as they are without
 * them; `allowNull: true` and `defaultValue: null` send what the column is without them (NULL allowed, no default).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { ddlAttributes } from '../../src/operations/attributes';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

/** The DDL createTable sends for one column `amount` defined by `def`, with the table name taken out. */
async function createSql(table: string, def: Record<string, unknown>): Promise<string> {
  const { outcome, sql } = await measureOn(suite.db, () => suite.db.queryInterface.createTable(table, { id: { type: S.INTEGER, primaryKey: true }, amount: def as never }));
  expect(outcome).toEqual({ ok: true });
  return writeStatements(sql).join('\n').replaceAll(table, 't');
}

/** What the column is in the catalogue: nullable, default. */
async function columnOf(table: string): Promise<{ is_nullable: string; column_default: string | null }> {
  const [row] = await suite.db.query<{ is_nullable: string; column_default: string | null }>(`SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = '${table}' AND column_name = 'amount'`);
  return row!;
}

describe('keys of a column definition Sequelize does not read', () => {
  test('`default` and `nullable` (not defaultValue / allowNull) and a typo change nothing in the statement', async () => {
    const plain = await createSql('keys_plain', { type: S.INTEGER });
    const ignored = await createSql('keys_ignored', { type: S.INTEGER, default: 0, nullable: false, alowNull: false });
    expect(ignored).toBe(plain);
    expect(await columnOf('keys_ignored')).toEqual({ is_nullable: 'YES', column_default: null });
    expect(ddlAttributes({ type: 'INTEGER', default: 0, nullable: false, alowNull: false })).toEqual({ type: 'INTEGER' });
  });

  test('`allowNull: true` and `defaultValue: null` give the column it is without them', async () => {
    await createSql('keys_explicit', { type: S.INTEGER, allowNull: true, defaultValue: null });
    expect(await columnOf('keys_explicit')).toEqual(await columnOf('keys_ignored'));
    expect(ddlAttributes({ type: 'INTEGER', allowNull: true, defaultValue: null })).toEqual({ type: 'INTEGER' });
  });

  test('the keys it does read change the column', async () => {
    await createSql('keys_read', { type: S.INTEGER, allowNull: false, defaultValue: 0 });
    expect(await columnOf('keys_read')).toEqual({ is_nullable: 'NO', column_default: '0' });
    expect(ddlAttributes({ type: 'INTEGER', allowNull: false, defaultValue: 0 })).toEqual({ type: 'INTEGER', allowNull: false, defaultValue: 0 });
  });
});
