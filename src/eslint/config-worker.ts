/**
 * Worker thread behind {@link loadConfigSync} (src/eslint/project-config.ts):
 * runs the CLI's own `findConfig`, which is asynchronous (a `.js` or `.mjs`
 * configuration is loaded with import()), while synckit blocks the ESLint
 * rule that asked.
 */
import { runAsWorker } from 'synckit';
import { findConfig, type LoadedConfig } from '../config-file';

export type ConfigRequest = { startDir: string; cwd: string };
export type ConfigResponse = { ok: true; value: LoadedConfig | null } | { ok: false; message: string };

runAsWorker(async ({ startDir, cwd }: ConfigRequest): Promise<ConfigResponse> => {
  try {
    return { ok: true, value: await findConfig(startDir, cwd) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
});
