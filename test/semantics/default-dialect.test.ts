/**
 * Measures what `implicitDialect` (src/runner/package-json.ts) relies on: the dialect Sequelize uses when nothing
 * names one.
 * - Sequelize 3 (the `sequelize-v3` alias of sequelize@3.30.4; 1.x and 2.x have the same constructor default,
 *   `dialect: 'mysql'`, in lib/sequelize.js) connects to MySQL: its dialect is `mysql`, and without a MySQL driver it
 *   asks for MySQL's (`mysql`), never PostgreSQL's.
 * - Sequelize 4 (`sequelize-v4`) and 6 refuse to start: "Dialect needs to be explicitly supplied as of v4.0.0".
 * And, for no-insecure-db-config's `connectsOverNetwork`: with no host given, every version connects to `localhost`.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const load = createRequire(__filename);

describe('the dialect of a Sequelize built with none', () => {
  it('Sequelize 3: MySQL', () => {
    const S = load('sequelize-v3');
    // Its MySQL dialect loads the `mysql` module; mysql2 stands in for it (nothing is sent).
    const sequelize = new S('shop', 'root', 'secret', { logging: false, dialectModulePath: load.resolve('mysql2') });
    expect(sequelize.getDialect()).toBe('mysql');
    expect(sequelize.options.dialect).toBe('mysql');
  });

  it('Sequelize 3 without a MySQL driver asks for MySQL\'s', () => {
    const S = load('sequelize-v3');
    expect(() => new S('shop', 'root', 'secret', { logging: false, dialectModulePath: 'no-such-driver-installed' })).toThrow(/install (mysql|no-such-driver-installed)/);
    // Told nothing, it looks for `mysql` (not installed here).
    expect(() => new S('shop', 'root', 'secret', { logging: false })).toThrow('Please install mysql package manually');
  });

  it.each(['sequelize-v3', 'sequelize-v4', 'sequelize'])('%s connects to localhost when no host is given', (version) => {
    const S = load(version);
    const options = version === 'sequelize-v3' ? { logging: false, dialect: 'mysql', dialectModulePath: load.resolve('mysql2') } : { logging: false, dialect: 'postgres' };
    expect(new S('shop', 'root', 'secret', options).config.host).toBe('localhost');
  });

  it.each(['sequelize-v4', 'sequelize'])('%s refuses to start', (version) => {
    const S = load(version);
    expect(() => new S('shop', 'root', 'secret', { logging: false })).toThrow('Dialect needs to be explicitly supplied as of v4.0.0');
  });
});
