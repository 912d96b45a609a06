import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { copyFixture, FIXTURES, reportJson, tmpProject } from './support';

const MONO = path.join(FIXTURES, 'config-file-monorepo');
const rel = (p: string) => path.relative(process.cwd(), p);

interface Report {
  project: { root: string; migrationsDir: string };
  findings: { file: string; rule: string; severity: string }[];
}
const brief = (r: Report) => r.findings.map((f) => `${f.file} ${f.rule} ${f.severity}`);

describe('a monorepo: two migrations folders with their own settings (projects)', () => {
  it('reports each project with its settings; the exit code is the worst', async () => {
    const out = tmpProject();
    const r = await runCli(['report', MONO, '-f', `json=${path.join(out, 'report.json')}`, '-f', 'text']);
    expect(r.stderr).toBe(
      `migralint: project services-api (${rel(path.join(MONO, 'services/api'))})\nmigralint: project billing (${rel(path.join(MONO, 'services/billing'))})\n`,
    );
    // api: failOn error (top level), only warnings -> 0; billing: failOn warning -> 1.
    expect(r.code).toBe(1);
    expect(existsSync(path.join(out, 'report.json'))).toBe(false);
    const api: Report = JSON.parse(readFileSync(path.join(out, 'report.services-api.json'), 'utf8'));
    const billing: Report = JSON.parse(readFileSync(path.join(out, 'report.billing.json'), 'utf8'));
    expect(api.project).toMatchObject({ root: rel(path.join(MONO, 'services/api')), migrationsDir: 'migrations' });
    expect(brief(api)).toEqual([
      // Top-level rules apply to every project.
      'migrations/001-create-accounts.js no-destructive-down warning',
      // The api project's own rule.
      'migrations/002-add-account-plan.js require-down warning',
      // 003-rename-plan.draft.js does not parse: ignored by the top-level "**/*.draft.js".
    ]);
    expect(billing.project).toMatchObject({ root: rel(path.join(MONO, 'services/billing')), migrationsDir: 'db/migrations' });
    // 001-legacy.js (broken) is ignored by the billing project; require-down stays off there.
    expect(brief(billing)).toEqual(['db/migrations/002-create-invoices.js no-destructive-down warning']);
    // The text reports follow each other on stdout.
    expect(r.stdout.match(/migrations analyzed|migration analyzed/g)).toHaveLength(2);
  });

  it('a project folder selects that project alone', async () => {
    const api = await reportJson([path.join(MONO, 'services', 'api')]);
    expect(api.stderr).toBe('');
    expect(api.findings).toEqual(['migrations/001-create-accounts.js no-destructive-down warning', 'migrations/002-add-account-plan.js require-down warning']);
    expect(api.code).toBe(0);
    const billing = await reportJson([path.join(MONO, 'services', 'billing', 'db')]); // inside the project
    expect(billing.report.project.root).toBe(rel(path.join(MONO, 'services/billing')));
    expect(billing.code).toBe(1);
    // --fail-on applies to the selected project too.
    expect((await reportJson([path.join(MONO, 'services', 'billing'), '--fail-on', 'never'])).code).toBe(0);
  });

  it('-o with several projects writes one file per project; --fail-on applies to all', async () => {
    const out = tmpProject();
    const r = await runCli(['report', MONO, '-f', 'markdown', '-o', path.join(out, 'safety.md'), '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(path.join(out, 'safety.services-api.md'), 'utf8')).toContain('services/api');
    expect(readFileSync(path.join(out, 'safety.billing.md'), 'utf8')).toContain('services/billing');
  });

  it('--migrations is refused when several projects are selected', async () => {
    const r = await runCli(['report', MONO, '--migrations', 'db']);
    expect(r).toMatchObject({
      code: 2,
      stderr: `migralint: --migrations applies to one project, but ${rel(path.join(MONO, 'migralint.config.json'))} selects 2 here (services-api, billing): give one project's directory\n`,
    });
  });

  it('projects in one root with different migrations folders, selected by folder', async () => {
    const dir = tmpProject({
      'migralint.config.json': JSON.stringify({
        projects: [
          { name: 'main', migrations: 'db/main' },
          { name: 'analytics', migrations: 'db/analytics', rules: { 'no-destructive-down': 'info' } },
        ],
      }),
      'db/main/001-a.js': "module.exports = { up: async (q) => { await q.removeColumn('users', 'x'); }, down: async () => {} };\n",
      'db/analytics/001-b.js': "module.exports = { up: async () => {}, down: async (q) => { await q.dropTable('events'); } };\n",
    });
    const analytics = await reportJson([path.join(dir, 'db', 'analytics')]);
    expect(analytics.report.project.migrationsDir).toBe('db/analytics');
    expect(analytics.findings).toEqual(['db/analytics/001-b.js no-destructive-down info']);
    const all = await runCli(['report', dir, '-f', 'text']);
    expect(all.stderr).toBe(`migralint: project main (${dir})\nmigralint: project analytics (${dir})\n`);
  });

  it('without its configuration, the monorepo root analyzes each folder named migrations on its own and says so; each undo chain stays in its own folder', async () => {
    const dir = copyFixture('config-file-monorepo');
    rmSync(path.join(dir, 'migralint.config.json'));
    const r = await runCli(['report', dir]);
    // Without the configuration's ignores, the two drafts that do not parse are analyzed too: a parse error, exit 2.
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('> No runner configuration names a migrations folder; analyzed the 2 folders named migrations, each on its own: services/api/migrations, services/billing/db/migrations.');
    expect(r.stdout).toContain('migrations in `services/api/migrations/` and `services/billing/db/migrations/`');
    // billing's last migration is the last of its own folder, whatever api's folder holds.
    expect(r.stdout).toContain('- **Reached by:** the next `db:migrate:undo` (it is the last migration), `db:migrate:undo:all`, or `db:migrate:undo --name 002-create-invoices.js`.');
  });
});
