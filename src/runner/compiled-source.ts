/**
 * Compiled output and its source: a runner configured on `dist/migrations` (`tsc` output the repository does not
 * hold) runs what `src/migrations` compiles to, so that folder is what is read.
 */
import path from 'node:path';
import { toPosix } from '../util/paths';
import type { Workspace } from '../workspace';

/** `build/database/migrations` -> `src/database/migrations` (or without the build segment), when that exists. */
export function sourceFolderOf(workspace: Workspace, rel: string): string | null {
  for (const candidate of compiledToSourceCandidates(rel)) {
    const abs = workspace.resolve(candidate);
    if (workspace.isDir(abs)) return toPosix(path.relative(workspace.absRoot, abs)) || '.';
  }
  return null;
}

/** Where the source of a compiled path would be: `build/x` -> `src/x`, `x`; `dist/x.js` -> also `src/x.ts`. */
export function compiledToSourceCandidates(rel: string): string[] {
  const parts = rel.split('/');
  // `build`, `dist`, `out`, or a folder named for build output (`jsToTsDist`, `compiled`, `ts-build`).
  const i = parts.findIndex((p) => /^(build|dist|out|\.build)$/.test(p) || /dist|build|compiled/i.test(p));
  if (i < 0) return [];
  const rest = parts.slice(i + 1);
  const out = [[...parts.slice(0, i), 'src', ...rest].join('/'), [...parts.slice(0, i), ...rest].join('/')];
  return [...out, ...out.filter((p) => /\.js$/.test(p)).map((p) => p.replace(/\.js$/, '.ts'))];
}
