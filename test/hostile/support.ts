import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DROP_IN_DOWN } from '../config-file/support';

/** One error finding (`no-destructive-down`), so `report` exits 1. */
export const UNSAFE_MIGRATION = DROP_IN_DOWN;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder (removed after the file's tests) holding `files` (relative path -> text). */
export function tmpTree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-hostile-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A project with one unsafe migration, and `.git` so nothing above it is looked at. */
export function unsafeProject(files: Record<string, string> = {}): string {
  const dir = tmpTree({ 'migrations/20240101000000-add-label.js': UNSAFE_MIGRATION, ...files });
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** Temporary files of atomic writes left in a folder. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

/** What every hostile case must end with: no Node stack trace in the output. */
export function noStackTrace(text: string): boolean {
  return !/^\s+at .+:\d+:\d+\)?$/m.test(text) && !text.includes('node:internal');
}

/** Nine lines: four nested `.map`s over 500 constants (500⁴ arrays if followed to the end). */
export function mapBomb(): string {
  const constants = Array.from({ length: 500 }, (_, i) => i).join(', ');
  return [
    `const A = [${constants}];`,
    'module.exports = {',
    '  up: async (queryInterface) => {',
    '    A.map((a) => A.map((b) => A.map((c) => A.map((d) => [a, b, c, d]))));',
    '  },',
    '  down: async () => {},',
    '};',
    '// four levels of 500',
    '',
  ].join('\n');
}

/** Helpers that each call the one below twice, `depth` levels: 2^depth calls. */
export function helperFanOut(depth: number): string {
  const lines = ['function h0(queryInterface) { const x = 1; return x; }'];
  for (let i = 1; i <= depth; i++) lines.push(`function h${i}(queryInterface) { h${i - 1}(queryInterface); h${i - 1}(queryInterface); }`);
  lines.push(`module.exports = { up: async (queryInterface) => { h${depth}(queryInterface); }, down: async () => {} };`, '');
  return lines.join('\n');
}
