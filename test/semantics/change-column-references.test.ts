/**
 * Measures on a real PostgreSQL (PGlite) what Sequelize 6's `changeColumn` sends when the attributes carry
 * `references`: only `ADD FOREIGN KEY`, no `ALTER COLUMN ... TYPE` (nor DROP NOT NULL / DROP DEFAULT), so the type it
 * names is not applied and no value is cast (no-impossible-cast leaves such a call alone; hold-out 44).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { measureOn, usePglite, writeStatements } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('changeColumn with references', () => {
  test('sends only ADD FOREIGN KEY: the column keeps its type and its values', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('ref_owners', { code: { type: S.STRING, primaryKey: true } });
    await qi.createTable('ref_items', { id: { type: S.INTEGER, primaryKey: true }, owner: { type: S.STRING } });
    await suite.db.query(`INSERT INTO ref_owners (code) VALUES ('abc')`);
    await suite.db.query(`INSERT INTO ref_items (id, owner) VALUES (1, 'abc')`);
    const changed = await measureOn(suite.db, () => qi.changeColumn('ref_items', 'owner', { type: S.INTEGER, references: { model: 'ref_owners', key: 'code' } }));
    expect(changed.outcome).toEqual({ ok: true });
    const sql = writeStatements(changed.sql).join('\n');
    expect(sql).toMatch(/ADD FOREIGN KEY \("owner"\) REFERENCES "ref_owners" \("code"\)/);
    expect(sql).not.toMatch(/TYPE/);
    const [row] = await suite.db.query<{ type: string }>(`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'ref_items'::regclass AND attname = 'owner'`);
    expect(row!.type).toBe('character varying(255)');
  });
});
