import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPO } from '../helpers/extract';
import { runCli } from '../helpers/cli';

export const FIXTURES = path.join(REPO, 'fixtures');

/** A migration whose `down` drops a table its `up` did not create: one no-destructive-down finding (error by default). */
export const DROP_IN_DOWN = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('things', 'label', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('things');
  },
};
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder (removed after the file's tests); `files` maps relative paths to contents. */
export function tmpProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-config-'));
  dirs.push(dir);
  // Stop the upward search here: a stray configuration above the temp folder must not leak in.
  mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A copy of a fixture in a temporary folder (with a .git marker). */
export function copyFixture(name: string): string {
  const dir = tmpProject();
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
}

/** `report --format json`: exit code, stderr, findings as `file rule severity`. */
export async function reportJson(args: string[]) {
  const r = await runCli(['report', ...args, '--format', 'json']);
  const report = r.stdout ? JSON.parse(r.stdout) : null;
  const findings: string[] = report ? report.findings.map((f: JsonFinding) => `${f.file} ${f.rule} ${f.severity}`) : [];
  return { ...r, report, findings };
}
