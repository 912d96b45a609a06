import path from 'node:path';
import { configsIn, gitRoot, type LoadedConfig } from '../config-file';
import type { ConfigRequest, ConfigResponse } from './config-worker';

let workerCall: ((request: ConfigRequest) => ConfigResponse) | null = null;

/**
 * The migralint configuration that `migralint report <startDir>` uses,
 * found, loaded and validated by the CLI's own loader (src/config-file/), for
 * the ESLint plugin, whose rules are synchronous. When no folder from
 * `startDir` up to the search's stop (the git root, else the filesystem root)
 * holds a configuration, that is known without loading anything; otherwise a
 * worker runs the loader and this call blocks on its answer. A configuration
 * that does not load or validate throws, naming the file, as the CLI exits 2.
 */
export function loadConfigSync(startDir: string): LoadedConfig | null {
  if (!hasConfigAbove(startDir)) return null;
  if (!workerCall) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSyncFn } = require('synckit') as typeof import('synckit');
    // The compiled worker beside this module; from the TypeScript sources (tests), through tsx.
    const ext = path.extname(__filename);
    const worker = path.join(__dirname, `config-worker${ext}`);
    const fromSources = { tsRunner: 'tsx' as const, execArgv: ['--require', 'tsx/cjs'] };
    workerCall = createSyncFn(worker, ext === '.ts' ? fromSources : {}) as unknown as (request: ConfigRequest) => ConfigResponse;
  }
  const response = workerCall({ startDir, cwd: process.cwd() });
  if (!response.ok) throw new Error(`migralint: ${response.message}`);
  return response.value;
}

/** Whether a folder the loader searches holds a configuration file or a package.json `migralint` key. */
function hasConfigAbove(startDir: string): boolean {
  const from = path.resolve(startDir);
  const stop = gitRoot(from) ?? path.parse(from).root;
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (configsIn(dir).length > 0) return true;
    if (dir === stop || path.dirname(dir) === dir) return false;
  }
}
