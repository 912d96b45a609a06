import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const migration = (table: string) =>
  `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('${table}', { id: { type: Sequelize.INTEGER, primaryKey: true } });\n  },\n  async down() {},\n};\n`;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=migralint test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
}

describe('valid-migration-order with a base branch (--changed-since)', () => {
  it('warns about a new migration that sorts before one already on the base branch', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'migralint-base-order-'));
    dirs.push(repo);
    mkdirSync(path.join(repo, 'migrations'));
    writeFileSync(path.join(repo, 'package.json'), '{ "name": "app", "private": true }\n');
    writeFileSync(path.join(repo, 'migrations', '20240101120000-create-users.js'), migration('users'));
    writeFileSync(path.join(repo, 'migrations', '20240301090000-create-plans.js'), migration('plans'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // Written on a branch started before 20240301 landed on main: its timestamp is older.
    writeFileSync(path.join(repo, 'migrations', '20240215100000-create-teams.js'), migration('teams'));
    writeFileSync(path.join(repo, 'migrations', '20240310080000-create-invoices.js'), migration('invoices'));

    const r = runBin(['report', '.', '--changed-since', 'main', '--format', 'json'], { cwd: repo });
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string; file: string; messageId: string }) => `${f.file} ${f.rule} ${f.messageId}`)).toEqual([
      'migrations/20240215100000-create-teams.js valid-migration-order sortsBeforeBase',
    ]);
    expect(r.code).toBe(0); // a warning: --fail-on error passes
    expect(runBin(['report', '.', '--changed-since', 'main', '--fail-on', 'warning'], { cwd: repo }).code).toBe(1);
    // Without a base, the same files are in plain timestamp order: nothing to say.
    expect(JSON.parse(runBin(['report', '.', '--format', 'json'], { cwd: repo }).stdout).findings).toEqual([]);
  });
});
