import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';

/**
 * The parser state is per process, so each case runs in a fresh Node process
 * against the built package (npm test builds first).
 */
function run(script: string) {
  const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

const DIST = JSON.stringify(path.join(REPO, 'dist', 'src', 'sql'));

describe('synchronous SQL for ESLint: never skipped', () => {
  it('without the fallback, SQL before the load throws instead of being skipped', () => {
    const r = run(`
      const { analyzeSql } = require(${DIST} + '/analyze-sql.js');
      try { analyzeSql('DROP TABLE users'); console.log('no error'); } catch (e) { console.log(e.name); }
    `);
    expect(r.out).toBe('SqlParserNotLoadedError');
  });

  it('with the fallback, SQL before the load is parsed by the worker, synchronously', () => {
    const r = run(`
      const pg = require(${DIST} + '/pg-parser.js');
      const { analyzeSql } = require(${DIST} + '/analyze-sql.js');
      pg.enableSynchronousFallback();
      const ops = analyzeSql('ALTER TABLE users DROP COLUMN bio; CREATE INDEX CONCURRENTLY i ON t (c)');
      const bad = analyzeSql('ALTER TABL x');
      console.log(JSON.stringify({ ops: ops.map((o) => [o.op, o.target.table, o.target.column]), bad: bad[0].sqlError, loaded: pg.isSqlParserLoaded(), viaWorker: pg.synchronousFallbackRequests() }));
      process.exit(0);
    `);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      ops: [
        ['removeColumn', 'users', 'bio'],
        ['addIndex', 't', null],
      ],
      bad: 'syntax error at or near "TABL"',
      loaded: false,
      viaWorker: 2,
    });
  });

  it('once loaded in process, the worker is no longer used', () => {
    const r = run(`
      const pg = require(${DIST} + '/pg-parser.js');
      const { analyzeSql } = require(${DIST} + '/analyze-sql.js');
      pg.enableSynchronousFallback();
      pg.loadSqlParser().then(() => {
        analyzeSql('DROP TABLE a');
        console.log(pg.synchronousFallbackRequests());
        process.exit(0);
      });
    `);
    expect(r.out).toBe('0');
  });
});
