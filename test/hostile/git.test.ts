import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { noStackTrace, tmpTree, UNSAFE_MIGRATION } from './support';

function git(cwd: string, ...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], { cwd, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('--changed-since in a hostile repository', () => {
  it('never runs a core.fsmonitor command (or a hook) from the repository’s .git/config', async () => {
    const dir = tmpTree({ 'migrations/20240101000000-add-label.js': UNSAFE_MIGRATION });
    const outside = tmpTree();
    const marker = path.join(outside, 'fsmonitor-ran');
    const script = path.join(outside, 'fsmonitor.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(script, 0o755);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
    git(dir, 'config', 'core.fsmonitor', script);
    git(dir, 'config', 'core.hooksPath', outside);
    writeFileSync(path.join(dir, 'migrations', '20240102000000-add-label.js'), UNSAFE_MIGRATION);
    // The trap is armed: git itself runs it.
    spawnSync('git', ['status'], { cwd: dir });
    expect(existsSync(marker)).toBe(true);
    spawnSync('rm', ['-f', marker]);

    const r = await runCli(['report', dir, '--no-config', '--format', 'json', '--changed-since', 'HEAD']);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['migrations/20240102000000-add-label.js']);
    expect(existsSync(marker)).toBe(false);
  });
});
