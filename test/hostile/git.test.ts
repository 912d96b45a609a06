import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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
    expect([...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))]).toEqual(['migrations/20240102000000-add-label.js']);
    expect(existsSync(marker)).toBe(false);
  });

  it('never runs a filter, textconv, external diff, pager or ssh command from the repository’s .git/config and .gitattributes', async () => {
    const dir = tmpTree({
      'migrations/20240101000000-add-label.js': UNSAFE_MIGRATION,
      'migrations/20240102000000-add-label.js': UNSAFE_MIGRATION,
      // A driver name with `=` and `.` in it: still found and emptied.
      '.gitattributes': '*.js filter=evil diff=evil\n*.json filter=x=y.z\n*.md filter=proc\n',
      'README.md': '# app\n',
      'package.json': '{}\n',
    });
    const traps = tmpTree();
    // Each command leaves `ran-<what>` behind, then passes its input through (so git goes on as usual).
    const script = path.join(traps, 'trap.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${traps}/ran-'"$1"\ncat\n`);
    chmodSync(script, 0o755);
    const ran = () => readdirSync(traps).filter((f) => f.startsWith('ran-')).sort();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
    const commands: Record<string, string> = {
      'filter.evil.clean': 'clean',
      'filter.evil.smudge': 'smudge',
      'filter.evil.required': '',
      'filter.proc.process': 'process',
      'filter.x=y.z.clean': 'clean-odd-name',
      'diff.evil.textconv': 'textconv',
      'diff.evil.command': 'diff-command',
      'diff.external': 'diff-external',
      'core.pager': 'pager',
      'pager.diff': 'pager-diff',
      'core.sshCommand': 'ssh',
      'core.editor': 'editor',
    };
    for (const [key, what] of Object.entries(commands)) git(dir, 'config', key, what === '' ? 'true' : `${script} ${what}`);
    // Stat-dirty, same content: git must read the file again, through its clean filter, to compare it.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'migrations', '20240101000000-add-label.js'), later, later);
    writeFileSync(path.join(dir, 'migrations', '20240102000000-add-label.js'), `${UNSAFE_MIGRATION}\n`);
    writeFileSync(path.join(dir, 'package.json'), '{ }\n');
    writeFileSync(path.join(dir, 'README.md'), '# app!\n');
    // The traps are armed: git itself runs them.
    spawnSync('git', ['diff', 'HEAD', '--stat'], { cwd: dir });
    spawnSync('git', ['diff', 'HEAD'], { cwd: dir });
    expect(ran()).toEqual(expect.arrayContaining(['ran-clean', 'ran-clean-odd-name', 'ran-process', 'ran-diff-external']));
    spawnSync('sh', ['-c', `rm -f '${traps}'/ran-*`]);

    const r = await runCli(['report', dir, '--no-config', '--format', 'json', '--changed-since', 'HEAD']);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.code).toBe(1);
    // The files whose content changed; the one only touched is not (compared without its filter, it is the same).
    expect([...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))]).toEqual(['migrations/20240102000000-add-label.js']);
    expect(ran()).toEqual([]);
  });

  it('never fetches a missing object from a promisor remote (a core.sshCommand) in a repository that says it is a partial clone', async () => {
    const dir = tmpTree({ 'migrations/20240101000000-add-label.js': UNSAFE_MIGRATION });
    const traps = tmpTree();
    const marker = path.join(traps, 'ssh-ran');
    const ssh = path.join(traps, 'ssh.sh');
    writeFileSync(ssh, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(ssh, 0o755);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    const base = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
    writeFileSync(path.join(dir, 'README.md'), '# app\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'readme');
    // The base commit's tree is gone: git would ask the promisor remote for it.
    const tree = spawnSync('git', ['rev-parse', `${base}^{tree}`], { cwd: dir, encoding: 'utf8' }).stdout.trim();
    rmSync(path.join(dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    for (const [key, value] of [
      ['core.repositoryformatversion', '1'],
      ['extensions.partialClone', 'origin'],
      ['remote.origin.url', 'ssh://git.example.invalid/app.git'],
      ['remote.origin.promisor', 'true'],
      ['protocol.ssh.allow', 'always'],
      ['core.sshCommand', ssh],
    ]) {
      git(dir, 'config', key!, value!);
    }
    // The trap is armed: git itself runs it.
    spawnSync('git', ['diff', '--name-only', base], { cwd: dir });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const r = await runCli(['report', dir, '--no-config', '--format', 'json', '--changed-since', base]);
    expect(noStackTrace(r.stderr)).toBe(true);
    // The diff cannot be made without the object: a usage error naming git's complaint, exit 2.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migralint: --changed-since: git diff failed: .+\n$/);
    expect(existsSync(marker)).toBe(false);
  });
});
