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
