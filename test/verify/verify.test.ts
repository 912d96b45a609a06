/**
 * `migralint verify` on the embedded PostgreSQL (PGlite): the lms-backend
 * facts of test/verify/support.ts, and the pure pieces (refusals, what a
 * down loses). test/verify/failures.test.ts has the small projects and the
 * command line.
 */
import { describe, expect, test } from 'vitest';
import type { DbConfigAnalysis, ProjectModel } from '../../src/model';
import path from 'node:path';
import { connectionDialect, mysqlVersion, parseDatabaseUrl, postgresVersion, redact, refuseProduction, VerifyError } from '../../src/verify/database';
import { losses, schemaDiff, verifyMigrations } from '../../src/verify/run';
import type { Snapshot } from '../../src/verify/protocol';
import { PROJECTS, verifyLmsSuite, verifyProject } from './support';

verifyLmsSuite({}, /^PostgreSQL \d+\.\d+ \(PGlite\)$/);

describe('refusals', () => {
  const config = (production: Record<string, { envVar?: string; value?: string | number }>): DbConfigAnalysis =>
    ({
      file: 'config/config.js',
      format: 'js',
      partial: false,
      errors: [],
      environments: [
        {
          name: 'production',
          host: { source: 'env', loc: null, ...production.host },
          port: { source: 'env', loc: null, ...production.port },
          database: { source: 'env', loc: null, ...production.database },
          url: { source: 'env', loc: null, ...production.url },
        },
      ],
    }) as unknown as DbConfigAnalysis;

  test("the production database of the project's config, with this process's environment variables", () => {
    const c = config({ host: { envVar: 'DB_HOST' }, database: { envVar: 'DB_NAME' }, port: { value: 5432 } });
    const env = { DB_HOST: 'localhost', DB_NAME: 'shop' };
    expect(() => refuseProduction('postgres://postgres:secret@127.0.0.1:5432/shop', c, env)).toThrow(VerifyError);
    expect(() => refuseProduction('postgres://postgres:secret@127.0.0.1:5432/shop', c, env)).toThrow(
      "refusing postgres://postgres:***@127.0.0.1:5432/shop: it is the project's production database (config/config.js, environment 'production')",
    );
    expect(() => refuseProduction('postgres://127.0.0.1:5432/postgres', c, env)).not.toThrow();
    expect(() => refuseProduction('postgres://127.0.0.1:5432/shop', c, {})).not.toThrow(); // unset: nothing to compare
    const byUrl = config({ url: { envVar: 'DATABASE_URL' } });
    expect(() => refuseProduction('postgres://u@db.example.com/app', byUrl, { DATABASE_URL: 'postgres://app:pw@db.example.com:5432/app' })).toThrow(VerifyError);
  });

  test('several migration sets (one per database): one at a time', async () => {
    const project = { project: { absRoot: '/nowhere', migrationSets: ['db/main', 'db/audit'] }, migrations: [] } as unknown as ProjectModel;
    await expect(verifyMigrations(project, () => null)).rejects.toThrow(
      'the project has 2 migration sets (db/main, db/audit), one per database: verify runs one of them at a time: pass --migrations <dir>',
    );
  });

  test('URLs', () => {
    expect(parseDatabaseUrl('postgres://u:p@h:6543/d')).toEqual({ dialect: 'postgres', host: 'h', port: 6543, database: 'd', username: 'u', password: 'p' });
    expect(parseDatabaseUrl('postgresql://127.0.0.1')).toEqual({ dialect: 'postgres', host: '127.0.0.1', port: 5432, database: 'postgres', username: 'postgres' });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/')).toEqual({ dialect: 'mysql', host: '127.0.0.1', port: 3306, database: '', username: 'root' });
    expect(parseDatabaseUrl('mariadb://db')).toEqual({ dialect: 'mariadb', host: 'db', port: 3306, database: '', username: 'root' });
    expect(redact('postgres://u:secret@h/d')).toBe('postgres://u:***@h/d');
  });

  test("what each server's version() says", () => {
    expect(postgresVersion('PostgreSQL 17.5 on x86_64-pc-linux-gnu, compiled by gcc')).toBe('PostgreSQL 17.5');
    expect(mysqlVersion('10.11.19-MariaDB-0+deb12u1')).toBe('MariaDB 10.11.19');
    expect(mysqlVersion('8.0.36-0ubuntu0.22.04.1')).toBe('MySQL 8.0.36');
  });

  test("the project's dialect decides the database: mysql:// and mariadb:// are one protocol, the driver is the project's", () => {
    const mysql = parseDatabaseUrl('mysql://root@127.0.0.1/');
    const mariadbUrl = parseDatabaseUrl('mariadb://root@127.0.0.1/');
    expect(connectionDialect(mariadbUrl, { dialects: ['mysql'], source: 'config/config.json:8' })).toBe('mysql');
    expect(connectionDialect(mysql, { dialects: ['mariadb'], source: null })).toBe('mariadb');
    expect(connectionDialect(mysql, undefined)).toBe('mysql');
    expect(connectionDialect(null, { dialects: [], source: null })).toBe('postgres');
    expect(() => connectionDialect(parseDatabaseUrl('postgres://127.0.0.1/postgres'), { dialects: ['mysql'], source: 'config/config.json:8' })).toThrow(
      "the project's migrations run on mysql (config/config.json:8), and --database-url names a PostgreSQL server: give a server of the project's dialect",
    );
    expect(() => connectionDialect(null, { dialects: ['sqlite'], source: null })).toThrow(
      "the project's migrations run on sqlite, and the embedded database is PostgreSQL: verify runs migrations on PostgreSQL and on MySQL / MariaDB only",
    );
  });

  test('a MySQL project on the embedded PostgreSQL: refused before anything runs, naming --database-url', async () => {
    await expect(verifyProject(path.join(PROJECTS, 'mysql-shop'))).rejects.toThrow(
      "the project's migrations run on mysql (config/config.json:8), and the embedded database is PostgreSQL: pass --database-url mysql://root@127.0.0.1:3306/ (a MySQL or MariaDB server)",
    );
  });
});

describe('what a down loses, and schema differences', () => {
  const snap = (tables: Record<string, { rows: number; columns: Record<string, number> }>): Snapshot => ({
    tables: Object.fromEntries(
      Object.entries(tables).map(([t, v]) => [t, { ...v, definitions: Object.fromEntries(Object.keys(v.columns).map((c) => [c, 'text'])), indexes: [] }]),
    ),
  });
  test('a dropped table, a dropped column, deleted rows', () => {
    const before = snap({ a: { rows: 3, columns: { id: 3, x: 2 } }, b: { rows: 3, columns: { id: 3 } }, c: { rows: 3, columns: { id: 3 } } });
    const after = snap({ a: { rows: 3, columns: { id: 3 } }, c: { rows: 1, columns: { id: 1 } } });
    expect(losses(before, after)).toEqual([
      { table: 'a', column: 'x', kind: 'column', count: 2 },
      { table: 'b', kind: 'table', count: 3 },
      { table: 'c', kind: 'rows', count: 2 },
    ]);
    expect(schemaDiff(before, after)).toEqual(['column a.x is missing', 'table b is missing']);
  });
});
