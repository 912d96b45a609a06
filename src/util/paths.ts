import path from 'node:path';

/** A platform path with POSIX separators, as every path in output is written. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
