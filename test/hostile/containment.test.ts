import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { CACHE_FILE, DEFAULT_CACHE_DIR } from '../../src/gate/cache';
import { Workspace } from '../../src/workspace';
import { leftovers, noStackTrace, tmpTree, unsafeProject } from './support';

/** A migration outside every project: its table name must never reach a report unless allowed. */
const SECRET = 'secret_payroll';
const OUTSIDE_MIGRATION = `module.exports = {\n  up: async (qi) => { await qi.dropTable('${SECRET}'); },\n  down: async () => {},\n};\n`;
const OUTSIDE_NAME = '20990101000000-outside.js';

interface JsonReport {
  findings: { rule: string; file: string; message: string }[];
  migrations: { file: string }[];
}

async function report(dir: string, ...args: string[]) {
  const r = await runCli(['report', dir, '--no-config', '--format', 'json', ...args]);
  expect(noStackTrace(r.stderr)).toBe(true);
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as JsonReport) : null };
}

/** A folder outside the project holding one migration. */
function outsideFolder(): string {
  return tmpTree({ [OUTSIDE_NAME]: OUTSIDE_MIGRATION });
}

describe('containment: nothing outside the project root is read', () => {
  it('a .sequelizerc migrations-path leading outside (.. or absolute) is a usage error; --allow-outside names it', async () => {
    const outside = outsideFolder();
    // Both temporary folders are siblings: `../<outside>` leaves the project.
    for (const target of [`../${path.basename(outside)}`, outside]) {
      const dir = unsafeProject({ '.sequelizerc': `module.exports = { 'migrations-path': ${JSON.stringify(target)} };\n` });
      const r = await report(dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^migralint: migrations folder \S+ \(from \.sequelizerc migrations-path\) resolves outside the project \S+: not read \(pass --allow-outside \S+ to analyze it\)\n$/);
      expect(r.stderr).not.toContain(OUTSIDE_NAME);

      const allowed = await report(dir, '--allow-outside', outside);
      expect(allowed.code).toBe(1);
      expect(allowed.json!.findings.map((f) => f.rule)).toEqual(['no-destructive-up']);
    }
  });

  it('a committed baseline symlinked to a file outside is not read: a usage error naming the way out; named with --baseline it is read', async () => {
    const outside = outsideFolder();
    const target = path.join(outside, 'accepted.json');
    // Not valid JSON: whether it was read shows in the message.
    writeFileSync(target, '{ "version": 1, "entries": [ oops');
    const dir = unsafeProject();
    symlinkSync(target, path.join(dir, '.migralint-baseline.json'));
    const r = await report(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the baseline \S*\.migralint-baseline\.json resolves outside the project root .*--baseline.*--allow-outside/);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.stdout).toBe('');

    const named = await report(dir, '--baseline', path.join(dir, '.migralint-baseline.json'));
    expect(named.stderr).toMatch(/the baseline \S+ is not valid JSON/);
    const allowed = await report(dir, '--allow-outside', path.join(dir, '.migralint-baseline.json'));
    expect(allowed.stderr).toMatch(/the baseline \S+ is not valid JSON/);
  });

  it('a migrations folder that is a symlink to a folder outside is a usage error', async () => {
    const outside = outsideFolder();
    const dir = tmpTree();
    mkdirSync(path.join(dir, '.git'));
    symlinkSync(outside, path.join(dir, 'migrations'));
    const r = await report(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migralint: migrations folder \S*migrations \(from default\) resolves outside the project /);
    expect(r.stdout).toBe('');
  });

  it('a migration symlinked to a file outside is a read-error, its content is not in the report, the others are analyzed', async () => {
    const outside = outsideFolder();
    const dir = unsafeProject();
    symlinkSync(path.join(outside, OUTSIDE_NAME), path.join(dir, 'migrations', OUTSIDE_NAME));
    // `..` through an inside folder is resolved too.
    mkdirSync(path.join(dir, 'lib'));
    symlinkSync(outside, path.join(dir, 'lib', 'elsewhere'));
    const r = await report(dir);
    expect(r.code).toBe(2);
    const json = r.json!;
    expect(json.findings.map((f) => [f.rule, f.file])).toEqual([
      ['no-destructive-down', 'migrations/20240101000000-add-label.js'],
      ['read-error', `migrations/${OUTSIDE_NAME}`],
    ]);
    expect(json.findings[1]!.message).toMatch(/resolves outside the project root.*--allow-outside/);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain(outside);

    const allowed = await report(dir, '--allow-outside', path.join(outside, OUTSIDE_NAME));
    expect(allowed.json!.findings.map((f) => f.rule).sort()).toEqual(['no-destructive-down', 'no-destructive-up']);
  });

  it('the workspace refuses a path with .. that leaves the root, and one through a symlinked folder', () => {
    const outside = outsideFolder();
    const dir = tmpTree({ 'inside.js': 'x' });
    symlinkSync(outside, path.join(dir, 'link'));
    const ws = new Workspace(dir);
    expect(ws.readSource(path.join(dir, 'inside.js'))).toEqual({ ok: true, text: 'x' });
    expect(ws.readSource(path.join(dir, '..', path.basename(outside), OUTSIDE_NAME))).toEqual({ ok: false, code: 'EOUTSIDE' });
    expect(ws.readSource(path.join(dir, 'link', OUTSIDE_NAME))).toEqual({ ok: false, code: 'EOUTSIDE' });
    const allowed = new Workspace(dir, { allowOutside: [outside] });
    expect(allowed.readSource(path.join(dir, 'link', OUTSIDE_NAME))).toEqual({ ok: true, text: OUTSIDE_MIGRATION });
  });
});

describe('containment: the --cache folder', () => {
  it('a committed node_modules/.cache/migralint symlink to outside: warned, run without cache, nothing written outside', async () => {
    for (const link of [DEFAULT_CACHE_DIR, path.dirname(DEFAULT_CACHE_DIR)]) {
      const outside = tmpTree();
      const dir = unsafeProject();
      mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
      symlinkSync(outside, path.join(dir, link));
      const r = await report(dir, '--cache');
      expect(r.code, link).toBe(1);
      expect(r.json!.findings.map((f) => f.rule)).toEqual(['no-destructive-down']);
      expect(r.stderr).toMatch(/^migralint: cache folder \S+ resolves outside the project \(a symlink\?\): running without a cache/m);
      expect(readdirSync(outside), link).toEqual([]);
    }
  });

  it('a cache file symlinked to outside is not read or written either', async () => {
    const outside = tmpTree({ 'victim.json': 'keep' });
    const dir = unsafeProject();
    mkdirSync(path.join(dir, DEFAULT_CACHE_DIR), { recursive: true });
    symlinkSync(path.join(outside, 'victim.json'), path.join(dir, DEFAULT_CACHE_DIR, CACHE_FILE));
    const r = await report(dir, '--cache');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('running without a cache');
    expect(readFileSync(path.join(outside, 'victim.json'), 'utf8')).toBe('keep');
  });

  it('--cache-location outside the project needs --allow-outside', async () => {
    const outside = tmpTree();
    const dir = unsafeProject();
    const refused = await report(dir, '--cache-location', outside);
    expect(refused.stderr).toContain('running without a cache');
    expect(readdirSync(outside)).toEqual([]);
    const allowed = await report(dir, '--cache-location', outside, '--allow-outside', outside);
    expect(allowed.stderr).toBe('');
    // The per-migration cache and the project's whole result (test/gate/result-cache.test.ts).
    expect(readdirSync(outside).sort()).toEqual([CACHE_FILE, expect.stringMatching(/^render\.[0-9a-f]{16}\.[0-9a-f]{16}\.json$/), expect.stringMatching(/^result\.[0-9a-f]{16}\.json$/)]);
  });
});

describe('the cache is validated before use', () => {
  /** A project run once with --cache; returns its cache file. */
  type Section = { entries: Record<string, { migration: { down: unknown[] } }> };
  /** The project's section of the cache file (one per project, keyed by the root's path from the cache folder). */
  const section = (whole: { projects: Record<string, Section> }): Section => whole.projects['../../..']!;
  async function cached(): Promise<{ dir: string; file: string; whole: { projects: Record<string, Section> }; doc: Section }> {
    const dir = unsafeProject();
    expect((await report(dir, '--cache')).code).toBe(1);
    const file = path.join(dir, DEFAULT_CACHE_DIR, CACHE_FILE);
    // The whole result is kept too (test/gate/result-cache.test.ts): without it, the next run reads the entries.
    for (const name of readdirSync(path.dirname(file))) if (name.startsWith('result.')) rmSync(path.join(path.dirname(file), name));
    const whole = JSON.parse(readFileSync(file, 'utf8')) as { projects: Record<string, Section> };
    return { dir, file, whole, doc: section(whole) };
  }

  it('an entry edited to drop the operation a finding comes from is discarded: the finding still appears', async () => {
    const { dir, file, whole, doc } = await cached();
    const entry = doc.entries['migrations/20240101000000-add-label.js']!;
    expect(entry.migration.down.length).toBeGreaterThan(0);
    entry.migration.down = [];
    writeFileSync(file, JSON.stringify(whole));
    const r = await report(dir, '--cache');
    expect(r.code).toBe(1);
    expect(r.json!.findings.map((f) => f.rule)).toEqual(['no-destructive-down']);
    // Rewritten with a good entry.
    expect(section(JSON.parse(readFileSync(file, 'utf8'))).entries['migrations/20240101000000-add-label.js']!.migration.down.length).toBeGreaterThan(0);
  });

  it('a null operation, a null entry, a wrong shape: no crash, the file is analyzed again', async () => {
    for (const tamper of [
      (d: { entries: Record<string, unknown> }) => ((d.entries['migrations/20240101000000-add-label.js'] as { migration: { down: unknown[] } }).migration.down = [null]),
      (d: { entries: Record<string, unknown> }) => (d.entries['migrations/20240101000000-add-label.js'] = null),
      (d: { entries: Record<string, unknown> }) => ((d.entries['migrations/20240101000000-add-label.js'] as { migration: unknown }).migration = 'x'),
      (d: { entries: Record<string, unknown> }) => (d.entries = [] as unknown as Record<string, unknown>),
    ]) {
      const { dir, file, whole, doc } = await cached();
      tamper(doc as unknown as { entries: Record<string, unknown> });
      writeFileSync(file, JSON.stringify(whole));
      const r = await report(dir, '--cache');
      expect(r.code).toBe(1);
      expect(r.json!.findings.map((f) => f.rule)).toEqual(['no-destructive-down']);
    }
  });

  it('writes through a temporary file and rename, leaving no temporary file; a dead run’s leftover is removed', async () => {
    const { dir } = await cached();
    const folder = path.join(dir, DEFAULT_CACHE_DIR);
    expect(leftovers(folder)).toEqual([]);
    // A run killed between write and rename (its pid no longer exists).
    writeFileSync(path.join(folder, `.${CACHE_FILE}.2147483646.tmp`), 'partial');
    writeFileSync(path.join(dir, 'migrations', '20240102000000-second.js'), 'module.exports = { up: async () => {}, down: async () => {} };\n');
    expect((await report(dir, '--cache')).code).toBe(1);
    expect(leftovers(folder)).toEqual([]);
    expect(existsSync(path.join(folder, CACHE_FILE))).toBe(true);
  });
});
