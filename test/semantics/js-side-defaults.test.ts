/**
 * Measures on PGlite, through Sequelize, which `defaultValue`s reach the schema: `Sequelize.UUIDV4`, `UUIDV1` and
 * `NOW` are filled in by Sequelize on the model's own inserts and never written as a column DEFAULT
 * (Utils.defaultValueSchemable), so a changeColumn that leaves them out drops nothing (no-silent-change-column), and
 * a NOT NULL column added with one fills no existing row (no-failing-not-null).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('defaults Sequelize keeps on its side', () => {
  test('UUIDV4, UUIDV1 and NOW give the column no DEFAULT; a literal does', async () => {
    await suite.db.queryInterface.createTable('js_defaults', {
      id: { type: S.INTEGER, primaryKey: true },
      token: { type: S.UUID, defaultValue: S.UUIDV4 },
      legacy: { type: S.UUID, defaultValue: S.UUIDV1 },
      seen: { type: S.DATE, defaultValue: S.NOW },
      status: { type: S.STRING, defaultValue: 'new' },
    });
    const rows = await suite.db.query<{ column_name: string; column_default: string | null }>(
      "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'js_defaults' AND column_name <> 'id' ORDER BY column_name",
    );
    expect(Object.fromEntries(rows.map((r) => [r.column_name, r.column_default]))).toEqual({ legacy: null, seen: null, status: "'new'::character varying", token: null });
  });

  test('so a NOT NULL column added with defaultValue UUIDV4 meets the existing rows with NULL and is refused', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('js_default_rows', { id: { type: S.INTEGER, primaryKey: true } });
    await suite.db.query('INSERT INTO js_default_rows (id) VALUES (1)');
    const outcome = await suite.db.queryInterface
      .addColumn('js_default_rows', 'token', { type: S.UUID, allowNull: false, defaultValue: S.UUIDV4 })
      .then(() => 'added', (e: Error) => e.message);
    expect(outcome).toBe('column "token" of relation "js_default_rows" contains null values');
  });
});
