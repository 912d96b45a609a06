import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { fuzz, fuzzSeeds, nodeLoads } from './fuzz';

/** `npm run fuzz` sets FUZZ_CASES (10,000) and may set FUZZ_SEED; `npm test` runs 1,000 from a fixed seed. */
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
});
