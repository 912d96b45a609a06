/**
 * Measures the table name Sequelize gives a model with no `tableName`, in version 4 (the `sequelize-v4` alias of
 * sequelize@4.44.4 among the devDependencies) and in version 6: up to 4, `underscored: true` renames only the
 * columns Sequelize implies (`created_at`) and leaves the table name as pluralized (`BookStores`); `underscoredAll`
 * underscores it. From 5 on, `underscored` underscores the table name (`book_stores`). The model reader names
 * tables by the major version the project declares (src/models/read-models.ts, `declaredSequelizeMajor`).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultTableName } from '../../src/models/naming';

const load = createRequire(__filename);

describe('default table names by Sequelize version', () => {
  it('Sequelize 4: underscored leaves the table name, underscoredAll underscores it', () => {
    const S4 = load('sequelize-v4');
    const sequelize = new S4('postgres://user@localhost:5432/none', { logging: false, operatorsAliases: false });
    const store = sequelize.define('BookStore', { title: S4.STRING }, { underscored: true });
    const shelf = sequelize.define('BookShelf', { title: S4.STRING }, { underscoredAll: true });
    expect(store.getTableName()).toBe('BookStores');
    expect(Object.keys(store.rawAttributes)).toEqual(['id', 'title', 'created_at', 'updated_at']);
    expect(shelf.getTableName()).toBe('book_shelves');
    expect(Object.keys(shelf.rawAttributes)).toEqual(['id', 'title', 'createdAt', 'updatedAt']);
    // The reader's naming, with the flag each version reads.
    expect(defaultTableName('BookStore', { freezeTableName: false, underscored: false })).toBe(store.getTableName());
    expect(defaultTableName('BookShelf', { freezeTableName: false, underscored: true })).toBe(shelf.getTableName());
  });

  it('Sequelize 6: underscored underscores the table name', () => {
    const { Sequelize, DataTypes } = load('sequelize') as typeof import('sequelize');
    const sequelize = new Sequelize('postgres://user@localhost:5432/none', { logging: false });
    const store = sequelize.define('BookStore', { title: DataTypes.STRING }, { underscored: true });
    expect(store.getTableName()).toBe('book_stores');
    expect(defaultTableName('BookStore', { freezeTableName: false, underscored: true })).toBe(store.getTableName());
  });
});
