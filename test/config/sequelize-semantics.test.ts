/**
 * The driver-level facts `readDbConfig` and `no-insecure-db-config` rely on,
 * measured on the installed sequelize / pg / pg-connection-string (the
 * analyzed projects' code is never run; these are our own dev dependencies).
 */
import { describe, expect, it } from 'vitest';
import { Sequelize } from 'sequelize';
import pg from 'pg';

/** What Sequelize's postgres connection manager hands to `new pg.Client(...)`. */
async function driverConfig(options: Record<string, unknown>): Promise<Record<string, unknown>> {
  const sequelize = new Sequelize({ dialect: 'postgres', logging: false, ...options });
  let captured: Record<string, unknown> | null = null;
  class FakeClient {
    connection = { on() {}, removeListener() {} };
    constructor(config: Record<string, unknown>) {
      captured = config;
    }
    once() {}
    connect(cb: (err: Error) => void) {
      cb(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    }
  }
  const manager = sequelize.connectionManager as unknown as { lib: { Client: unknown }; connect(config: unknown): Promise<unknown> };
  manager.lib = { ...(manager.lib as object), Client: FakeClient };
  await expect(manager.connect({ ...sequelize.config })).rejects.toThrow();
  await sequelize.close();
  if (!captured) throw new Error('pg.Client was not constructed');
  return captured;
}

describe('Sequelize 6 (installed) and pg: the semantics the config rule relies on', () => {
  it('logs every statement with console.log when `logging` is absent, and turns `true` into console.log', () => {
    expect(new Sequelize({ dialect: 'postgres' }).options.logging).toBe(console.log);
    expect(new Sequelize({ dialect: 'postgres', logging: true as unknown as false }).options.logging).toBe(console.log);
    expect(new Sequelize({ dialect: 'postgres', logging: false }).options.logging).toBe(false);
  });

  it('passes dialectOptions.ssl to pg as written', async () => {
    const config = await driverConfig({ dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });
    expect(config.ssl).toEqual({ require: true, rejectUnauthorized: false });
  });

  it('does not pass a top-level `ssl: true` to pg with the postgres dialect', async () => {
    const config = await driverConfig({ ssl: true });
    expect(config).not.toHaveProperty('ssl');
  });

  it('pg reads sslmode from a URL: require verifies, no-verify and libpq-compatible require do not, disable turns SSL off', () => {
    // Constructing a client parses its connection string; nothing connects.
    const parseConnectionString = (connectionString: string) => ({ ssl: (new pg.Client({ connectionString }) as unknown as { ssl: unknown }).ssl });
    expect(parseConnectionString('postgres://h/db?sslmode=require').ssl).toEqual({});
    expect(parseConnectionString('postgres://h/db?sslmode=no-verify').ssl).toEqual({ rejectUnauthorized: false });
    expect(parseConnectionString('postgres://h/db?sslmode=require&uselibpqcompat=true').ssl).toEqual({ rejectUnauthorized: false });
    expect(parseConnectionString('postgres://h/db?sslmode=disable').ssl).toBe(false);
    expect(parseConnectionString('postgres://h/db?ssl=true').ssl).toBe(true);
  });
});
