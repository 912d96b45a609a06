import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { findConfig } from '../../src/config-file';
import { DROP_IN_DOWN, FIXTURES, reportJson, tmpProject } from './support';

const fixture = (name: string) => path.join(FIXTURES, name);

describe('each configuration format is loaded', () => {
  it('migralint.config.json: rule levels, rule options, failOn and ignores', async () => {
    const r = await reportJson([fixture('config-file-json')]);
    expect(r.stderr).toBe('');
    // 003-legacy-broken.js does not parse: ignored, so no parse-error (which would exit 2).
    expect(r.report.migrations.map((m: { name: string }) => m.name)).toEqual(['001-create-users.js', '002-add-user-bio.js']);
    expect(r.findings).toEqual([
      'migrations/001-create-users.js no-destructive-down warning',
      // lastStep: "always" reports the only (last) step.
      'migrations/002-add-user-bio.js require-idempotency-guard warning',
      // require-down is not in the recommended preset: the config enables it as an error.
      'migrations/002-add-user-bio.js require-down error',
    ]);
    expect(r.code).toBe(1);
  });

  it('migralint.config.cjs (CommonJS)', async () => {
    const r = await reportJson([fixture('config-file-cjs')]);
    expect(r.findings).toEqual(['migrations/001-create-posts.js no-destructive-down warning']);
    expect(r.code).toBe(0); // failOn: never
  });

  it('migralint.config.mjs (ES module, export default)', async () => {
    const r = await reportJson([fixture('config-file-mjs')]);
    expect(r.findings).toEqual(['migrations/001-create-posts.js no-destructive-down info']);
    expect(r.code).toBe(1); // failOn: info
  });

  it('migralint.config.js in a "type": "module" package', async () => {
    const r = await reportJson([fixture('config-file-js')]);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('the "migralint" key of package.json', async () => {
    const r = await reportJson([fixture('config-file-package')]);
    expect(r.report.project.migrationsDir).toBe('db/migrations');
    expect(r.findings).toEqual(['db/migrations/20240101000000-add-post-slug.js require-down warning']);
    expect(r.code).toBe(1); // failOn: warning
  });

  it('the same report as without a configuration when the configuration is empty ({})', async () => {
    const dir = tmpProject({ 'migrations/001-x.js': DROP_IN_DOWN, 'migralint.config.json': '{}\n' });
    const withConfig = await runCli(['report', dir, '--format', 'json']);
    const without = await runCli(['report', dir, '--format', 'json', '--no-config']);
    expect(withConfig.stdout).toBe(without.stdout);
    expect(withConfig.code).toBe(1);
  });
});

describe('the search', () => {
  it('goes up from the analyzed directory', async () => {
    const dir = tmpProject({ 'app/migrations/001-x.js': DROP_IN_DOWN, 'migralint.config.json': '{ "rules": { "no-destructive-down": "info" } }' });
    const r = await reportJson([path.join(dir, 'app')]);
    expect(r.findings).toEqual(['migrations/001-x.js no-destructive-down info']);
    expect(r.code).toBe(0);
  });

  it('stops at the git root (the git root itself included)', async () => {
    const outer = tmpProject({ 'migralint.config.json': '{ "rules": { "no-destructive-down": "info" } }', 'svc/migrations/001-x.js': DROP_IN_DOWN });
    const svc = path.join(outer, 'svc');
    expect((await findConfig(svc, process.cwd()))?.file).toBe(path.join(outer, 'migralint.config.json'));
    mkdirSync(path.join(svc, '.git'));
    expect(await findConfig(svc, process.cwd())).toBeNull();
    const r = await reportJson([svc]);
    expect(r.findings).toEqual(['migrations/001-x.js no-destructive-down error']);
  });

  it('skips a package.json without the key and keeps going up', async () => {
    const dir = tmpProject({
      'migralint.config.json': '{ "failOn": "never" }',
      'svc/package.json': '{ "name": "svc" }',
      'svc/migrations/001-x.js': DROP_IN_DOWN,
    });
    const r = await reportJson([path.join(dir, 'svc')]);
    expect(r.code).toBe(0);
  });

  it('takes the nearest configuration', async () => {
    const dir = tmpProject({
      'migralint.config.json': '{ "failOn": "never" }',
      'svc/migralint.config.json': '{ "rules": { "no-destructive-down": "warning" } }',
      'svc/migrations/001-x.js': DROP_IN_DOWN,
    });
    const r = await reportJson([path.join(dir, 'svc')]);
    // The nearer one wins whole: its failOn is the default (error), the warning does not fail.
    expect(r.findings).toEqual(['migrations/001-x.js no-destructive-down warning']);
    expect(r.code).toBe(0);
    const strict = await reportJson([path.join(dir, 'svc'), '--fail-on', 'warning']);
    expect(strict.code).toBe(1);
  });
});
