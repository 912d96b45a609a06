/**
 * Measures on PGlite, through Sequelize 6, what default SQL logging (`logging` left out: console.log) writes for the
 * application's own queries, which no-insecure-db-config's sqlLoggingInProduction describes: model writes
 * (`create`, `update`) send their values as bind parameters, so the log shows `$1`, not the values; lookups
 * (`findOne({ where })`) and raw queries with replacements write their values into the statement, so the log has
 * them. `logQueryParameters: true` adds the bound values to the log.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('default SQL logging of the application’s queries (Sequelize 6)', () => {
  test('create and update log placeholders; a lookup by value and a raw query with replacements log the values', async () => {
    const { sequelize } = suite.db;
    const Account = sequelize.define('LogAccount', { email: S.STRING, token: S.STRING }, { tableName: 'log_accounts', timestamps: false });
    await Account.sync();
    const mark = suite.db.log.length;
    const row = await Account.create({ email: 'ada@example.com', token: 'tok-secret-1' });
    await row.update({ token: 'tok-secret-2' });
    await Account.findOne({ where: { email: 'ada@example.com' } });
    await sequelize.query('SELECT id FROM log_accounts WHERE token = :token', { replacements: { token: 'tok-secret-2' } });
    const logged = suite.db.sqlSince(mark);
    const insert = logged.find((l) => l.startsWith('INSERT INTO "log_accounts"'))!;
    const update = logged.find((l) => l.startsWith('UPDATE "log_accounts"'))!;
    expect(insert).toMatch(/VALUES \(DEFAULT,\$1,\$2\)/);
    expect(insert).not.toMatch(/ada@example\.com|tok-secret-1/);
    expect(update).toMatch(/SET "token"=\$1/);
    expect(update).not.toMatch(/tok-secret-2/);
    expect(logged.some((l) => l.startsWith('SELECT') && l.includes("'ada@example.com'"))).toBe(true);
    expect(logged.some((l) => l.includes("token = 'tok-secret-2'"))).toBe(true);
  });
});
