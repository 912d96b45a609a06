/**
 * Measures on PGlite what no-model-drift's `notNullColumnWithoutModel` claims: a model whose attributes leave out a
 * column the migrations made NOT NULL without a default sends an INSERT without that column on `Model.create`, and
 * PostgreSQL refuses it (not-null violation), so every new row through the model fails. With a default the insert
 * goes through; a nullable column is left NULL.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { describeError, usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('a NOT NULL column without a default that the model does not map', () => {
  test('Model.create sends an INSERT without it and PostgreSQL refuses the row', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('notes_omit', {
      id: { type: S.INTEGER, primaryKey: true, autoIncrement: true },
      body: { type: S.TEXT, allowNull: false },
      authorId: { type: S.INTEGER, allowNull: false },
    });
    const Note = suite.db.sequelize.define('NoteOmit', { body: S.TEXT }, { tableName: 'notes_omit', timestamps: false });
    const mark = suite.db.log.length;
    const outcome = await Note.create({ body: 'hello' }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, ...describeError(error) }),
    );
    const insert = suite.db.sqlSince(mark).find((s) => s.startsWith('INSERT'));
    expect(insert).toMatch(/^INSERT INTO "notes_omit" \("id","body"\) VALUES \(DEFAULT,\$1\)/);
    expect(outcome).toMatchObject({ ok: false });
    expect((outcome as { error: string }).error).toMatch(/null value in column "authorId" of relation "notes_omit" violates not-null constraint/);
  });

  test('with a default, or nullable, the same create goes through', async () => {
    const qi = suite.db.queryInterface;
    await qi.createTable('notes_kept', {
      id: { type: S.INTEGER, primaryKey: true, autoIncrement: true },
      body: { type: S.TEXT, allowNull: false },
      status: { type: S.STRING, allowNull: false, defaultValue: 'draft' },
      authorId: { type: S.INTEGER, allowNull: true },
    });
    const Note = suite.db.sequelize.define('NoteKept', { body: S.TEXT }, { tableName: 'notes_kept', timestamps: false });
    await expect(Note.create({ body: 'hello' })).resolves.toBeTruthy();
    const rows = await suite.db.query<{ status: string; authorId: number | null }>('SELECT status, "authorId" FROM notes_kept');
    expect(rows).toEqual([{ status: 'draft', authorId: null }]);
  });
});
