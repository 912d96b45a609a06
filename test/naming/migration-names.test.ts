import { describe, expect, it } from 'vitest';
import { analyzeRunOrder, parseMigrationName, passedFiles } from '../../src/naming/migration-names';

describe('parseMigrationName', () => {
  it.each([
    // name, scheme, prefix, label, key
    ['20240301120512-add-orders-user-fk.js', 'YYYYMMDDHHMMSS', '20240301120512', 'YYYYMMDDHHMMSS-', '20240301120512000.~'],
    ['202403011205-add-orders.js', 'YYYYMMDDHHMM', '202403011205', 'YYYYMMDDHHMM-', '20240301120500000.~'],
    ['2024030112_add-orders.js', 'YYYYMMDDHH', '2024030112', 'YYYYMMDDHH_', '20240301120000000.~'],
    ['20240301-add-orders.js', 'YYYYMMDD', '20240301', 'YYYYMMDD-', '20240301000000000.~'],
    ['20240301.js', 'YYYYMMDD', '20240301', 'YYYYMMDD.', '20240301000000000.~'],
    ['20240301-02-add-orders.js', 'YYYYMMDD-NN', '20240301-02', 'YYYYMMDD-NN-', '20240301000000000.000002'],
    ['2025-06-16_00_add-invoice-index.ts', 'YYYY-MM-DD-NN', '2025-06-16_00', 'YYYY-MM-DD_NN_', '20250616000000000.000000'],
    ['2023-11-10_01-add-invoice-ref.ts', 'YYYY-MM-DD-NN', '2023-11-10_01', 'YYYY-MM-DD_NN-', '20231110000000000.000001'],
    ['2025-06-16-03_drop-legacy-view.ts', 'YYYY-MM-DD-NN', '2025-06-16-03', 'YYYY-MM-DD-NN_', '20250616000000000.000003'],
    ['2025-06-16_create-cohorts.ts', 'YYYY-MM-DD', '2025-06-16', 'YYYY-MM-DD_', '20250616000000000.~'],
    ['2024_03_01_120512_create_orders.js', 'YYYY_MM_DD_HHMMSS', '2024_03_01_120512', 'YYYY_MM_DD_HHMMSS_', '20240301120512000.~'],
    ['2024_03_01_create_orders.js', 'YYYY_MM_DD', '2024_03_01', 'YYYY_MM_DD_', '20240301000000000.~'],
    ['1709294712-create-orders.js', 'unix-seconds', '1709294712', 'NNNNNNNNNN-', '20240301120512000.~'],
    ['1709294712345-create-orders.js', 'unix-milliseconds', '1709294712345', 'NNNNNNNNNNNNN-', '20240301120512345.~'],
    ['009-create-orders.js', 'number', '009', 'NNN-', '000001.9'],
    ['76_add_sim_to_devices.js', 'number', '76', 'NN_', '000002.76'],
    ['0-init.js', 'number', '0', 'N-', '000001.0'],
    ['1.js', 'number', '1', 'N.', '000001.1'],
    ['000123456789012345678901-x.js', 'number', '000123456789012345678901', `${'N'.repeat(24)}-`, '000021.123456789012345678901'],
    // Not dates: the month or day is out of range, or the year is not one of a timestamp.
    ['20241301-x.js', 'number', '20241301', 'NNNNNNNN-', '000008.20241301'],
    ['20240100-x.js', 'number', '20240100', 'NNNNNNNN-', '000008.20240100'],
    ['12345678-x.js', 'number', '12345678', 'NNNNNNNN-', '000008.12345678'],
    ['00000042-x.js', 'number', '00000042', 'NNNNNNNN-', '000002.42'],
    ['20241332120000-x.js', 'number', '20241332120000', 'NNNNNNNNNNNNNN-', '000014.20241332120000'],
    // A valid date followed by digits of another width, or by digits that are no time (hour 25, 67): still a date stamp, left-aligned.
    ['2024030125-x.js', 'YYYYMMDD+digits', '2024030125', 'YYYYMMDDNN-', '20240301250000000.~'],
    ['2024071667000000-x.js', 'YYYYMMDD+digits', '2024071667000000', 'YYYYMMDDNNNNNNNN-', '20240716670000000.~'],
    ['202408262256011212-x.js', 'YYYYMMDD+digits', '202408262256011212', `YYYYMMDD${'N'.repeat(10)}-`, '202408262256011212.~'],
    ['2026020716562343232343533-x.js', 'YYYYMMDD+digits', '2026020716562343232343533', `YYYYMMDD${'N'.repeat(17)}-`, '2026020716562343232343533.~'],
    ['2024111083540644112900-x.js', 'YYYYMMDD+digits', '2024111083540644112900', `YYYYMMDD${'N'.repeat(14)}-`, '20241110835406441129.~'],
    ['202403011-x.js', 'YYYYMMDD+digits', '202403011', 'YYYYMMDDN-', '20240301100000000.~'],
    // No valid date at the start: unix seconds or milliseconds.
    ['1999999999-x.js', 'unix-seconds', '1999999999', 'NNNNNNNNNN-', '20330518033319000.~'],
    // A counter only when a separator follows: `2fa` is a word.
    ['20240301-2fa-enable.js', 'YYYYMMDD', '20240301', 'YYYYMMDD-', '20240301000000000.~'],
    // Release versions: each part by value, a pre-release before its release; the extension is not part of it.
    ['0.27.4.ts', 'version', '0.27.4', 'N.N.N', '000000.000027.000004~'],
    ['0.27.10.ts', 'version', '0.27.10', 'N.N.N', '000000.000027.000010~'],
    ['0.30.14-test.3.ts', 'version', '0.30.14-test.3', 'N.N.N', '000000.000030.000014-test.3'],
    ['1.2.0-add-teams.js', 'version', '1.2.0-add', 'N.N.N-', '000001.000002.000000-add'],
    ['2.0.0_add-teams.js', 'version', '2.0.0', 'N.N.N_', '000002.000000.000000~'],
    ['0.30.0.test.ts', 'version', '0.30.0', 'N.N.N', '000000.000030.000000~'],
  ])('%s: %s', (name, scheme, prefix, label, key) => {
    expect(parseMigrationName(name)).toEqual({ scheme, family: scheme === 'number' ? 'number' : scheme === 'version' ? 'version' : 'time', prefix, label, key });
  });

  it.each([
    'create-users.js',
    'index.js',
    '',
    'v1-init.js',
    '_001-x.js',
    // ISO-shaped, but not a date: neither a date nor the counter 2025.
    '2025-13-01_00_x.ts',
    '2025-02-00-x.ts',
    '2024_13_01_120000_x.js',
  ])('%j has no prefix of a known scheme', (name) => {
    expect(parseMigrationName(name)).toBeNull();
  });

  it('orders date stamps of different precision left-aligned, as their string order does', () => {
    const key = (n: string) => parseMigrationName(n)!.key;
    expect(key('20250717152500-a.js') < key('20251012-b.js')).toBe(true);
    expect(key('20251012-b.js') < key('20251012000001-c.js')).toBe(true);
    expect(key('2025-06-16_00_a.ts') < key('2025-06-16_01_b.ts')).toBe(true);
    expect(key('2025-06-16_9_a.ts') < key('2025-06-16_10_b.ts')).toBe(true);
    expect(key('2025-06-16_01_a.ts') < key('2025-06-16_b.ts')).toBe(true);
    expect(key('9-a.js') < key('10-b.js')).toBe(true);
    expect(key('009-a.js')).toBe(key('9-b.js'));
    // Hand-typed stamps of 16 to 25 digits: the date leads, never the length of the number.
    expect(key('20250127365540894112902-a.js') < key('2025012800000003-b.js')).toBe(true);
    expect(key('20240816240000005-a.js') < key('2025012800000003-b.js')).toBe(true);
    expect(key('2026020716562343232343533-a.js') < key('2026022500000000-b.js')).toBe(true);
    expect(key('20240806235401125-a.js') < key('2024080624000000-b.js')).toBe(true);
    // Equal once zero-padded: one moment, whatever the width.
    expect(key('2024080624000000-a.js')).toBe(key('202408062400000000-b.js'));
  });
});

describe('analyzeRunOrder', () => {
  const run = (names: string[]) => analyzeRunOrder([...names].sort());

  it('hand-typed date stamps of 12 to 25 digits in string order are in order (none compared as integers)', () => {
    const names = [
      '202301101800-a.js',
      '2024012215341245-b.js',
      '20240806235401125-c.js',
      '2024080624000000-d.js',
      '202408262256011212-e.js',
      '20250127365540894112902-f.js',
      '2025012800000003-g.js',
      '20250208120000-h.js',
      '2025072823595959-i.js',
      '2026020716562343232343533-j.js',
      '2026022500000000-k.js',
      '20260317180000-l.js',
    ];
    expect(run(names).misplaced).toEqual([]);
  });

  it('date stamps of different precision in string order are in order', () => {
    const names = ['20250604120000-a.js', '20250717152500-b.js', '20250910000000-c.js', '20251012-d.js', '20251012-e.js', '20251018000000-f.js'];
    const r = run(names);
    expect(r.misplaced).toEqual([]);
    expect(r.duplicates).toEqual([{ indexes: [3, 4] }]);
  });

  it('ISO dates with a counter are in order, and only the same date and counter is a duplicate', () => {
    const r = run(['2023-11-10_00-a.ts', '2024-05-31_00_b.ts', '2025-06-16-00_c.ts', '2025-06-16_01_d.ts', '2025-06-17_00_e.ts', '2025-06-17_00_f.ts']);
    expect(r.misplaced).toEqual([]);
    expect(r.duplicates).toEqual([{ indexes: [4, 5] }]);
  });

  it('one unpadded number among padded ones is the only file out of place', () => {
    const names = ['074_a.js', '075_b.js', '077_c.js', '078_d.js', '094_e.js', '113_f.js', '76_g.js'];
    const r = run(names);
    expect(r.misplaced).toEqual([{ index: 6, direction: 'late', anchor: 2, other: 5, passedCount: 4 }]);
    expect(passedFiles(r, r.misplaced[0]!)).toEqual([2, 3, 4, 5]);
  });

  it('a number that sorts too early is reported once, naming the file it should follow', () => {
    const r = run(['1-a.js', '10-b.js', '2-c.js', '3-d.js']);
    expect(r.parsed.map((p) => p!.prefix)).toEqual(['1', '10', '2', '3']);
    expect(r.misplaced).toEqual([{ index: 1, direction: 'early', anchor: 3, other: 3, passedCount: 2 }]);
    expect(passedFiles(r, r.misplaced[0]!)).toEqual([2, 3]);
  });

  it('a switch of scheme (numbers, then timestamps, then ISO dates) is not out of order', () => {
    // String sort: ISO dates (`2025-`) come before compact stamps (`20250`), numbers before both.
    const r = run(['001-a.js', '002-b.js', '20240101000000-c.js', '20240102000000-d.js']);
    expect(r.misplaced).toEqual([]);
    expect(r.duplicates).toEqual([]);
  });

  it('a stamp of one precision and the same moment in another is no duplicate', () => {
    expect(run(['20251012-a.js', '20251012000000-b.js']).duplicates).toEqual([]);
    expect(run(['009-a.js', '9-b.js']).duplicates).toEqual([{ indexes: [0, 1] }]);
  });

  it('compares times across schemes of the time family', () => {
    // ISO names sort before compact ones ('-' < '0'): the later ISO date runs first.
    const r = run(['2024-03-01_00_b.ts', '20240101000000-a.js']);
    expect(r.misplaced).toEqual([{ index: 1, direction: 'late', anchor: 0, other: 0, passedCount: 1 }]);
    // With more compact stamps, those are the usual scheme: the ISO file is the one out of place.
    const more = run(['2024-03-01_00_c.ts', '20240101000000-a.js', '20240201000000-b.js']);
    expect(more.misplaced).toEqual([{ index: 0, direction: 'early', anchor: 2, other: 2, passedCount: 2 }]);
  });

  it('every unpadded counter 1..2000: each misplaced file once, the usual width kept', () => {
    const r = run(Array.from({ length: 2000 }, (_, i) => `${i + 1}-m.js`));
    // 1000..2000 (four digits) are kept; 1..999 minus those that still fit the chain are misplaced.
    expect(r.misplaced.every((m) => r.parsed[m.index]!.prefix.length < 4)).toBe(true);
    for (const m of r.misplaced.slice(0, 50)) expect(m.passedCount).toBe(passedFiles(r, m).length);
    expect(r.duplicates).toEqual([]);
  });

  it('no names, one name, unprefixed names', () => {
    expect(run([])).toEqual({ parsed: [], duplicates: [], misplaced: [] });
    expect(run(['001-a.js']).misplaced).toEqual([]);
    expect(run(['index.js', 'seed.js']).parsed).toEqual([null, null]);
  });
});
