import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runCli } from '../helpers/cli';

const tmpDirs: string[] = [];
function copyLms(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'migralint-baseline-cli-'));
  tmpDirs.push(d);
  cpSync(path.join(REPO, 'fixtures', 'lms-backend'), d, { recursive: true });
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const json = (stdout: string) => JSON.parse(stdout) as { findings: { rule: string; file: string }[] };

describe('migralint baseline (in-process)', () => {
  it('is listed in the help, and has its own', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/migralint baseline +Record/);
    const h = await runCli(['baseline', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: migralint baseline [dir] [options]');
    expect((await runCli(['report', '--help'])).stdout).toContain('--changed-since <ref>');
  });

  it('writes where --baseline-file says; report reads it with --baseline; --no-baseline shows everything', async () => {
    const dir = copyLms();
    const custom = path.join(dir, 'ci', 'accepted.json');
    const missingDir = await runCli(['baseline', dir, '--baseline-file', custom]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toMatch(/cannot write/);
    rmSync(path.join(dir, 'ci'), { recursive: true, force: true });
    const written = await runCli(['baseline', dir, '--baseline-file', path.join(dir, 'accepted.json')]);
    expect(written.code).toBe(0);
    expect(existsSync(path.join(dir, '.migralint-baseline.json'))).toBe(false);
    // Not the default name: not read unless named. lms-backend has 14 findings: 1 error, 1 warning and 12
    // infos (among them one idempotency finding for each migration adding a column a model maps, the dev-only sync).
    expect(json((await runCli(['report', dir, '-f', 'json'])).stdout).findings).toHaveLength(14);
    const hidden = await runCli(['report', dir, '-f', 'json', '--baseline', path.join(dir, 'accepted.json')]);
    expect(json(hidden.stdout).findings).toEqual([]);
    expect(hidden.code).toBe(0);
    writeFileSync(path.join(dir, '.migralint-baseline.json'), readFileSync(path.join(dir, 'accepted.json')));
    expect(json((await runCli(['report', dir, '-f', 'json'])).stdout).findings).toEqual([]);
    const all = await runCli(['report', dir, '-f', 'json', '--no-baseline']);
    expect(json(all.stdout).findings).toHaveLength(14);
    expect(all.stderr).toBe('');
  });

  it('a corrupt baseline is a usage error (exit 2), never silently ignored', async () => {
    const dir = copyLms();
    writeFileSync(path.join(dir, '.migralint-baseline.json'), '{"version": 1, "entries": [');
    const r = await runCli(['report', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not valid JSON.*regenerate it with `migralint baseline`/);
  });

  it('uses the configuration file like report does', async () => {
    const dir = copyLms();
    writeFileSync(path.join(dir, 'migralint.config.json'), JSON.stringify({ rules: { 'require-idempotency-guard': 'off' } }));
    const b = await runCli(['baseline', dir]);
    expect(b.code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, '.migralint-baseline.json'), 'utf8'));
    expect(doc.entries.some((e: { rule: string }) => e.rule === 'require-idempotency-guard')).toBe(false);
    const r = await runCli(['report', dir, '-f', 'json', '--fail-on', 'info']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).findings).toEqual([]);
    expect(r.stderr).not.toMatch(/no longer occur/);
    // Turning the rule back on: its findings are new.
    rmSync(path.join(dir, 'migralint.config.json'));
    const again = await runCli(['report', dir, '-f', 'json']);
    expect(new Set(json(again.stdout).findings.map((f) => f.rule))).toEqual(new Set(['require-idempotency-guard']));
  });

  it('works with --cache', async () => {
    const dir = copyLms();
    const cache = path.join(dir, '.cache');
    expect((await runCli(['baseline', dir, '--cache-location', cache])).code).toBe(0);
    expect(existsSync(path.join(cache, 'migrations.json'))).toBe(true);
    const r = await runCli(['report', dir, '-f', 'json', '--cache-location', cache]);
    expect(json(r.stdout).findings).toEqual([]);
  });
});
