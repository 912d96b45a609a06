import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { fuzz, fuzzSeeds, nodeLoads, runnerLoads } from './fuzz';

/** `npm run fuzz` sets FUZZ_CASES (10,000) and may set FUZZ_SEED; `npm test` runs 1,000 from a fixed seed (each language). */
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

describe('mutation fuzzer', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  it('has seeds, and Node’s verdict tells a broken file from a good one', () => {
    expect(fuzzSeeds().length).toBeGreaterThan(20);
    expect(nodeLoads("module.exports = { up: async (qi) => { await qi.dropTable('x'); } };")).toBe(true);
    expect(nodeLoads('module.exports = { up: async (qi) => { await qi.dropTable(; } };')).toBe(false);
    // Compiled, never run: a throw at load time is not a syntax verdict.
    expect(nodeLoads("throw new Error('runs?');")).toBe(true);
  });

  it(`${CASES} mutated migrations: no crash, and a parse-error exactly where Node refuses the file`, () => {
    const { failures, rejected } = fuzz(CASES, SEED);
    // The mutations must produce broken files too, or the differential check proves nothing.
    expect(rejected).toBeGreaterThan(CASES / 10);
    expect(failures.slice(0, 5)).toEqual([]);
  }, 600_000);

  it('has TypeScript seeds the runner loads, and its verdict tells what ts-node compiles from what Node then loads', () => {
    expect(fuzzSeeds('ts').length).toBeGreaterThan(20);
    expect(runnerLoads("import type { QueryInterface } from 'sequelize';\nexport const up = async (qi: QueryInterface) => { await qi.dropTable('x'); };", 'ts')).toBe(true);
    // A syntax error: transpileModule reports it.
    expect(runnerLoads('export const up = async (qi: any) => { await qi.dropTable(; };', 'ts')).toBe(false);
    // An early error TypeScript compiles through: Node refuses the output.
    expect(runnerLoads("const t = 'a';\nconst t = 'b';\nexport const up = t;", 'ts')).toBe(false);
  });

  it(`${CASES} mutated TypeScript migrations: no crash, and a parse-error exactly where ts-node --transpile-only or Node refuses the file`, () => {
    const { failures, rejected } = fuzz(CASES, SEED, 'ts');
    expect(rejected).toBeGreaterThan(CASES / 10);
    expect(failures.slice(0, 5)).toEqual([]);
  }, 600_000);
});
