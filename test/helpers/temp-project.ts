import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Projects written to a temporary folder for one test file, removed after it: `project(files)` writes each
 * project-relative path (folders created) and returns the folder's real path.
 */
export function useTempProjects(prefix: string): (files: Record<string, string>) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (files) => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `migralint-${prefix}-`)));
    dirs.push(root);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    return root;
  };
}
