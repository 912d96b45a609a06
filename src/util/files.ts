import { readFileSync, statSync } from 'node:fs';

/** Whether the path is a directory (following symlinks); false when it cannot be read. */
export function isDir(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** The text of a regular file of at most `maxBytes`; null for anything else or when it cannot be read. */
export function readTextFile(abs: string, maxBytes: number): string | null {
  try {
    const st = statSync(abs);
    if (!st.isFile() || st.size > maxBytes) return null;
    return readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
}
