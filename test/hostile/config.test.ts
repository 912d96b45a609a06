import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { noStackTrace, tmpTree, UNSAFE_MIGRATION } from './support';

/** A configuration that leaves a marker when it runs, and turns the unsafe migration's error off. */
function jsConfig(marker: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');
module.exports = { rules: { 'no-destructive-down': 'off' } };
`;
}

const MIGRATION = { 'migrations/20240101000000-add-label.js': UNSAFE_MIGRATION };

describe('configuration files that run code', () => {
  it('a configuration above a project without .git is never looked at (JS not run, JSON not applied)', async () => {
    for (const name of ['migralint.config.js', 'migralint.config.cjs', 'migralint.config.mjs', 'migralint.config.json']) {
      const top = tmpTree();
      const marker = path.join(top, 'config-ran');
      const text = name.endsWith('.json') ? JSON.stringify({ rules: { 'no-destructive-down': 'off' } }) : jsConfig(marker);
      const tree = tmpTree({ [name]: name.endsWith('.mjs') ? text.replace("require('node:fs')", "(await import('node:fs'))").replace('module.exports =', 'export default') : text });
      // Two levels below the configuration, no .git anywhere.
      const project = path.join(tree, 'a', 'b');
      mkdirSync(path.join(project, 'migrations'), { recursive: true });
      for (const [rel, src] of Object.entries(MIGRATION)) writeFileSync(path.join(project, rel), src);
      const r = await runCli(['report', project, '--format', 'json']);
      expect(noStackTrace(r.stderr)).toBe(true);
      expect(r.code, name).toBe(1);
      expect(existsSync(marker), name).toBe(false);
    }
  });

  it('a JS configuration inside the project (its git root, or the analyzed dir) still runs for report', async () => {
    const outside = tmpTree();
    const marker = path.join(outside, 'config-ran');
    const inRepo = tmpTree({ ...MIGRATION, 'migralint.config.js': jsConfig(marker) });
    mkdirSync(path.join(inRepo, '.git'));
    mkdirSync(path.join(inRepo, 'sub'));
    expect((await runCli(['report', inRepo, '--format', 'json'])).code).toBe(0);
    expect(existsSync(marker)).toBe(true);
    const noRepo = tmpTree({ ...MIGRATION, 'migralint.config.cjs': jsConfig(`${marker}2`) });
    expect((await runCli(['report', noRepo, '--format', 'json'])).code).toBe(0);
    expect(existsSync(`${marker}2`)).toBe(true);
  });

  it('comment never runs a JS configuration it finds: exit 2, one line; --config names one to trust', async () => {
    const outside = tmpTree();
    const marker = path.join(outside, 'config-ran');
    const dir = tmpTree({ ...MIGRATION, 'migralint.config.js': jsConfig(marker) });
    mkdirSync(path.join(dir, '.git'));
    const env = { GITHUB_TOKEN: 'secret-token' };
    const refused = await runCli(['comment', dir, '--dry-run'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^migralint: .*migralint\.config\.js: not loaded: `comment` never runs a JavaScript configuration it finds/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);

    const trusted = await runCli(['comment', dir, '--dry-run', '--config', path.join(dir, 'migralint.config.js')], { env });
    expect(trusted.code).toBe(0);
    expect(existsSync(marker)).toBe(true);

    const ignored = await runCli(['comment', dir, '--dry-run', '--no-config'], { env });
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('no-destructive-down');
  });

  it('comment reads a JSON configuration it finds', async () => {
    const dir = tmpTree({ ...MIGRATION, 'migralint.config.json': JSON.stringify({ rules: { 'no-destructive-down': 'off' } }) });
    mkdirSync(path.join(dir, '.git'));
    const r = await runCli(['comment', dir, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('no-destructive-down');
    const withRule = await runCli(['comment', dir, '--dry-run', '--no-config']);
    expect(withRule.stdout).toContain('no-destructive-down');
  });
});
