/**
 * `migralint verify --database-url` on the PostgreSQL server of 127.0.0.1:5432
 * (trust auth, user postgres; `.ci/run` starts it when it is not running):
 * the facts of test/verify/support.ts again, and the scratch database's life
 * and the refusals (test/integration/verify-scratch.ts).
 */
import { verifyFailuresSuite, verifyLmsSuite } from '../verify/support';
import { pgQuery } from './support';
import { scratchSuite } from './verify-scratch';

const SERVER = process.env.MIGRALINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sql = <T = Record<string, unknown>>(text: string, url = SERVER): Promise<T[]> => pgQuery<T>(url, text);

const options = { databaseUrl: SERVER };
verifyLmsSuite(options, /^PostgreSQL \d+\.\d+$/);
verifyFailuresSuite(options);

scratchSuite({
  url: SERVER,
  async scratchDatabases(pid) {
    const rows = await sql<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'migralint\\_verify\\_${pid ?? ''}%' ORDER BY 1`);
    return rows.map((r) => r.datname);
  },
  async createDatabase(name, withTable) {
    await sql(`CREATE DATABASE "${name}"`);
    const url = SERVER.replace(/\/[^/]*$/, `/${name}`);
    if (withTable) await sql('CREATE TABLE orders (id int)', url);
    return url;
  },
  async dropDatabase(name) {
    await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  },
});
