import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli';
import { REPO } from './extract';

/** Runs the CLI in-process; returns its exit code and output. */
export async function runCli(args: string[], opts: { isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: opts.isTTY ?? false,
    env: { ...withoutColorEnv(process.env), ...opts.env },
  });
  return { code, stdout, stderr };
}

/** Runs the built binary as a user would (`node bin/migralint.js ...`). Requires `npm run build`. */
export function runBin(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'migralint.js'), ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...withoutColorEnv(process.env), ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The test runner's own NO_COLOR / FORCE_COLOR must not decide the CLI's colors: a test sets them when it means to. */
function withoutColorEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...rest } = env;
  return rest;
}
