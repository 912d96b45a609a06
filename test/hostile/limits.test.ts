import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { migrationOf, REPO } from '../helpers/extract';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { helperFanOut, mapBomb, noStackTrace, tmpTree, unsafeProject } from './support';

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** `report --format json` by the built binary in a child process whose heap is capped at 1 GB. */
function reportInSmallHeap(dir: string) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', path.join(REPO, 'bin', 'migralint.js'), 'report', dir, '--no-config', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

const BAD = 'migrations/20240102000000-hostile.js';

describe('bounded work per file', () => {
  it.each([
    ['nested .map over 500 constants (memory bomb)', mapBomb(), 4],
    ['helper fan-out of depth 24', helperFanOut(24), 1],
  ])('%s: an analysis-limit finding, the other file analyzed, exit 2, within a 1 GB heap', (_name, source, line) => {
    const dir = unsafeProject({ [BAD]: source });
    const r = reportInSmallHeap(dir);
    expect(r.signal).toBeNull();
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(30_000);
    const findings = JSON.parse(r.stdout).findings as JsonFinding[];
    const limit = findings.find((f) => f.file === BAD);
    expect(limit).toMatchObject({ rule: 'analysis-limit', line });
    expect(limit!.message).toMatch(/analysis stopped after 2,000,000 evaluation steps \(the per-file budget\)/);
    expect(findings.map((f) => f.rule)).toContain('no-destructive-down');
    expect(r.stderr).toContain(`migralint: ${BAD}: `);
  }, 60_000);

  it('the same bomb in the database config: bounded, the migrations still analyzed', () => {
    const constants = Array.from({ length: 500 }, (_, i) => i).join(', ');
    const bomb = `const A = [${constants}];\nconst hosts = A.map((a) => A.map((b) => A.map((c) => A.map((d) => [a, b, c, d]))));\nmodule.exports = { development: { dialect: 'postgres', host: hosts[0] } };\n`;
    const dir = unsafeProject({ 'config/config.js': bomb });
    const r = reportInSmallHeap(dir);
    expect(r.signal).toBeNull();
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.ms).toBeLessThan(30_000);
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => f.rule)).toContain('no-destructive-down');
  }, 60_000);

  it('a 10 MB migration is not read: an analysis-limit finding naming the size cap, the rest analyzed', async () => {
    const big = `module.exports = { up: async () => {}, down: async () => {} };\n// ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const dir = unsafeProject({ [BAD]: big });
    const r = await runCli(['report', dir, '--no-config', '--format', 'json']);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.code).toBe(2);
    const findings = JSON.parse(r.stdout).findings as JsonFinding[];
    expect(findings.find((f) => f.file === BAD)).toMatchObject({
      rule: 'analysis-limit',
      message: expect.stringMatching(/the file is 10(\.0)? MB, over the 2 MB limit \(`limits\.maxFileBytes`\): it was not read, nor analyzed/),
    });
    expect(findings.map((f) => f.rule)).toContain('no-destructive-down');
    const md = await runCli(['report', dir, '--no-config']);
    expect(md.stdout).toContain('1 over an analysis limit');
  });

  it('a symlink to /dev/zero is not read (not a regular file): a read-error, the rest analyzed', async () => {
    const dir = unsafeProject();
    symlinkSync('/dev/zero', path.join(dir, BAD));
    // Outside the project: refused by containment first; allowed outside, still not read (not a regular file).
    const outside = await runCli(['report', dir, '--no-config', '--format', 'json']);
    expect(outside.code).toBe(2);
    expect((JSON.parse(outside.stdout).findings as JsonFinding[]).find((f) => f.file === BAD)).toMatchObject({ rule: 'read-error', message: expect.stringContaining('outside the project root') });
    const r = await runCli(['report', dir, '--no-config', '--format', 'json', '--allow-outside', '/dev/zero']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).find((f) => f.file === BAD)).toMatchObject({ rule: 'read-error', message: expect.stringContaining('EINVAL') });
  });

  it('a recursive deep-clean helper over rows read at run time, called in nested loops: analyzed, its insert extracted', async () => {
    await loadSqlParser();
    // A data migration's own shape: rows read by SQL, grouped in loops, each record scrubbed by a helper that calls
    // itself on every array item and object property before the batch is inserted.
    const source = `function scrub(value) {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return value.replace(/\\u0000/g, '');
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value === 'object') {
    const out = {};
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = scrub(value[key]);
    }
    return out;
  }
  return value;
}
module.exports = {
  async up(queryInterface) {
    const [ids] = await queryInterface.sequelize.query('SELECT id FROM events');
    for (let i = 0; i < ids.length; i += 500) {
      const [rows] = await queryInterface.sequelize.query('SELECT * FROM events WHERE id IN (:ids)', { replacements: { ids: ids.slice(i, i + 500) } });
      const byUser = new Map();
      rows.forEach((row) => byUser.set(row.user_id, [...(byUser.get(row.user_id) || []), row]));
      const records = [];
      for (const [userId, list] of byUser) {
        for (const row of list) {
          records.push({
            user_id: userId, event_id: row.id, kind: row.kind, title: row.title, body: row.body, payload: row.payload,
            tags: row.tags, extra: row.extra, source: row.source, status: row.status, created_at: row.created_at,
            updated_at: row.updated_at, meta: { agent: row.agent, ip: row.ip, locale: row.locale, device: row.device },
          });
        }
      }
      await queryInterface.bulkInsert('event_logs', records.map((r) => scrub(r)));
    }
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('event_logs', null, {});
  },
};
`;
    const m = migrationOf(source);
    expect(m.status).toBe('ok');
    expect(m.up.map((o) => o.op)).toContain('bulkInsert');
  });

  it('a real migration stays far below the budget', async () => {
    const dir = tmpTree({ [BAD]: helperFanOut(10) });
    const r = await runCli(['report', dir, '--no-config', '--format', 'json']);
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).filter((f) => f.rule === 'analysis-limit')).toEqual([]);
  });
});

describe('limits.maxFileBytes in the configuration', () => {
  it('lowers the size cap; an invalid value is a configuration error', async () => {
    const dir = unsafeProject({ 'migralint.config.json': JSON.stringify({ limits: { maxFileBytes: 100 } }) });
    const r = await runCli(['report', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout).findings as JsonFinding[])[0]).toMatchObject({ rule: 'analysis-limit', message: expect.stringContaining('over the 100 bytes limit (`limits.maxFileBytes`)') });
    const bad = unsafeProject({ 'migralint.config.json': JSON.stringify({ limits: { maxFileBytes: '2MB' } }) });
    const refused = await runCli(['report', bad, '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^migralint: .*limits/);
  });
});

describe('the per-file time budget (an injected clock)', () => {
  // Each reading of the clock advances it by 1 s: a loop of 100,000 steps reads it about a hundred times.
  const ticking = () => {
    let t = 0;
    return () => (t += 1000);
  };
  // 2^12 helper calls: a few ten thousand steps, far within the step budget.
  const loop = helperFanOut(12).replace('up: async (queryInterface) => {', "up: async (queryInterface) => { await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });");

  it('past the budget the file gets an analysis-limit naming the time budget, not a parse of half the file', () => {
    const m = migrationOf(loop, { timeBudget: { ms: 10_000, clock: ticking() } });
    expect(m.status).toBe('parse-error');
    expect(m.error?.message).toMatch(/analysis stopped after 10 s \(the per-file time budget\), at line \d+/);
  });

  it('within the budget the same file is analyzed', () => {
    const m = migrationOf(loop, { timeBudget: { ms: 10_000, clock: () => 0 } });
    expect(m.status).toBe('ok');
    expect(m.up.map((o) => o.op)).toEqual(['addColumn']);
  });
});
