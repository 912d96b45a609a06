/**
 * Measures what the runner sequelize-cli uses (umzug 2, the `umzug-v2` alias of umzug@2.3.0 among the
 * devDependencies, with sequelize-cli's own wrap: a migration function of three parameters is promisified) does with
 * what `up` returns: a function that returns no promise (nothing, or an array of promises) makes the migration fail
 * with "didn't return a promise", after its calls ran; an `async` function, a returned call's promise, or a
 * callback migration calling `done` passes. valid-migration-file reports such an `up` (`noPromise`).
 * And what umzug 2.1.0 (the `umzug-v21` alias; also what sequelize-cli 2.x's umzug 1.x does) does with the same: no
 * check, the migration passes at once and is recorded, its calls running unwatched (`promiseUnchecked`: no-floating-query
 * reports them instead).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

type UmzugClass = new (options: unknown) => { up(options?: unknown): Promise<unknown> };
const Umzug = createRequire(__filename)('umzug-v2') as UmzugClass;
const Umzug21 = createRequire(__filename)('umzug-v21') as UmzugClass;
const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-umzug-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one migration file whose `up` is `up`, as sequelize-cli runs it; what it called, and the error, if any. */
async function run(name: string, up: string, Runner: UmzugClass = Umzug): Promise<{ calls: string[]; error: string | null }> {
  writeFileSync(path.join(dir, `${name}.js`), `module.exports = { up: ${up}, down: async () => {} };\n`);
  const calls: string[] = [];
  const queryInterface = { addColumn: async (table: string, column: string) => void calls.push(`${table}.${column}`) };
  const umzug = new Runner({
    storage: 'none',
    migrations: { path: dir, pattern: new RegExp(`^${name}\\.js$`), params: [queryInterface, {}], wrap: (fun: (...a: unknown[]) => unknown) => (fun.length === 3 ? promisify(fun) : fun) },
  });
  try {
    await umzug.up();
    return { calls, error: null };
  } catch (error) {
    return { calls, error: (error as Error).message };
  }
}

describe('what umzug 2 (sequelize-cli) does with what up returns', () => {
  it.each([
    { name: 'nothing-returned', up: "function (qi) { qi.addColumn('users', 'bio'); }", fails: true },
    { name: 'array-returned', up: "function (qi) { return [qi.addColumn('users', 'bio')]; }", fails: true },
    { name: 'async-function', up: "async function (qi) { qi.addColumn('users', 'bio'); }", fails: false },
    { name: 'call-returned', up: "function (qi) { return qi.addColumn('users', 'bio'); }", fails: false },
    { name: 'arrow-call', up: "(qi) => qi.addColumn('users', 'bio')", fails: false },
    { name: 'callback-done', up: "function (qi, S, done) { qi.addColumn('users', 'bio').then(() => done()); }", fails: false },
  ])('$name', async ({ name, up, fails }) => {
    const result = await run(name, up);
    expect(result.calls).toEqual(['users.bio']);
    if (fails) expect(result.error).toMatch(/didn't return a promise/);
    else expect(result.error).toBeNull();
  });
});

describe('what umzug 2.1.0 (before the check came in 2.2.0) does with the same', () => {
  it.each([
    { name: 'v21-nothing-returned', up: "function (qi) { qi.addColumn('users', 'bio'); }" },
    { name: 'v21-array-returned', up: "function (qi) { return [qi.addColumn('users', 'bio')]; }" },
    { name: 'v21-call-returned', up: "function (qi) { return qi.addColumn('users', 'bio'); }" },
  ])('$name passes: no "didn\'t return a promise"', async ({ name, up }) => {
    const result = await run(name, up, Umzug21);
    expect(result.calls).toEqual(['users.bio']);
    expect(result.error).toBeNull();
  });
});
