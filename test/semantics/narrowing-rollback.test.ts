/**
 * Measures on a real PostgreSQL (PGlite) what no-destructive-down claims of a `down` that narrows a column its `up`
 * widened (`changeColumn(t, c, { type: STRING })` after `TEXT`): a value written since that is longer than the new
 * limit makes PostgreSQL refuse the change ("value too long"), so the rollback fails there and keeps the column as it
 * was; with only short values it passes. (MySQL in strict mode refuses too; without it, it cuts the values: not
 * measured here, said as such in the message.)
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('changeColumn from TEXT back to STRING (varchar(255))', () => {
  test('a value longer than 255 characters: PostgreSQL refuses, the column keeps its type and its values', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('narrowed_notes', { id: { type: S.INTEGER, primaryKey: true }, body: { type: S.STRING } });
    await qi.changeColumn('narrowed_notes', 'body', { type: S.TEXT });
    await suite.db.query(`INSERT INTO narrowed_notes (id, body) VALUES (1, repeat('x', 300)), (2, 'short')`);
    const back = await measureOn(suite.db, () => qi.changeColumn('narrowed_notes', 'body', { type: S.STRING }));
    expect(back.outcome.ok).toBe(false);
    expect(back.outcome.ok ? '' : back.outcome.error).toMatch(/value too long for type character varying\(255\)/);
    const [row] = await suite.db.query<{ type: string; len: number }>(
      `SELECT format_type(atttypid, atttypmod) AS type, (SELECT length(body) FROM narrowed_notes WHERE id = 1) AS len FROM pg_attribute WHERE attrelid = 'narrowed_notes'::regclass AND attname = 'body'`,
    );
    expect(row).toEqual({ type: 'text', len: 300 });
  });

  test('only short values: the change passes', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('narrowed_tags', { id: { type: S.INTEGER, primaryKey: true }, label: { type: S.TEXT } });
    await suite.db.query(`INSERT INTO narrowed_tags (id, label) VALUES (1, 'short')`);
    const back = await measureOn(suite.db, () => qi.changeColumn('narrowed_tags', 'label', { type: S.STRING(20) }));
    expect(back.outcome).toEqual({ ok: true });
  });
});
