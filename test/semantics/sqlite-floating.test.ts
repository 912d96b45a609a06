/**
 * Measures, through Sequelize on SQLite, what no-floating-query claims about a call whose promise nobody awaits on a
 * SQLite database (outside a transaction): Sequelize's SQLite dialect keeps one connection per database file and
 * runs its statements in the order they are sent, so a floating call runs before every later statement of the
 * migration, and before the runner's own bookkeeping on the same instance; its failure is only its own rejection,
 * which no later call sees.
 *
 * Needs the native `sqlite3` module, which this project does not install (npm does not run its build script, and
 * its prebuilt binaries are not reachable here). To run it, build the module outside the repository (`npm install
 * sqlite3` in a scratch folder, then `npx node-gyp rebuild --nodedir=/usr` in its node_modules/sqlite3) and point
 * Node at it: `NODE_PATH=<scratch>/node_modules npx vitest run test/semantics/sqlite-floating.test.ts` (measured so
 * with sqlite3 5.1.7, Sequelize 6). Skipped, with the reason printed, where the module does not load.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';

const require = createRequire(__filename);
const S = require('sequelize') as typeof import('sequelize');

function sqliteUnavailable(): string | null {
  try {
    require('sqlite3');
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0]!;
  }
}
const unavailable = sqliteUnavailable();
if (unavailable) console.log(`sqlite-floating: skipped, the native sqlite3 module does not load (${unavailable})`);

/** A fresh in-memory SQLite database through Sequelize, with every statement it sends. */
function sqlite() {
  const sql: string[] = [];
  const sequelize = new S.Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: (s: string) => sql.push(s.replace(/^Executing \(default\): /, '')) });
  return { sequelize, qi: sequelize.getQueryInterface(), sql };
}

describe.skipIf(unavailable !== null)('no-floating-query on SQLite: one connection, statements in the order sent', () => {
  test('a floating UPDATE is done before the awaited statement after it runs', async () => {
    const { sequelize } = sqlite();
    await sequelize.query('CREATE TABLE settings (id integer, value text)');
    await sequelize.query("INSERT INTO settings VALUES (1, 'a')");
    void sequelize.query("UPDATE settings SET value = 'b' WHERE id = 1");
    const [rows] = await sequelize.query('SELECT value FROM settings WHERE id = 1');
    expect(rows).toEqual([{ value: 'b' }]);
    await sequelize.close();
  });

  test('a floating statement that fails settles first; the awaited statement after it succeeds, so the migration does not fail', async () => {
    const { sequelize, sql } = sqlite();
    await sequelize.query('CREATE TABLE settings (id integer, value text)');
    const order: string[] = [];
    const floating = sequelize.query('UPDATE no_such_table SET value = 1').then(
      () => order.push('floating: ok'),
      (e: Error) => order.push(`floating: ${e.message}`),
    );
    await sequelize.query("INSERT INTO settings VALUES (2, 'c')");
    order.push('awaited: ok');
    await floating;
    expect(order).toEqual(['floating: SQLITE_ERROR: no such table: no_such_table', 'awaited: ok']);
    expect(sql.slice(-2)).toEqual(['UPDATE no_such_table SET value = 1', "INSERT INTO settings VALUES (2, 'c')"]);
    await sequelize.close();
  });

  test('a floating builder call (addColumn) is applied before an awaited describeTable', async () => {
    const { qi, sequelize } = sqlite();
    await qi.createTable('devices', { id: { type: S.INTEGER, primaryKey: true } });
    void qi.addColumn('devices', 'price', { type: S.INTEGER });
    expect(Object.keys(await qi.describeTable('devices')).sort()).toEqual(['id', 'price']);
    await sequelize.close();
  });
});
