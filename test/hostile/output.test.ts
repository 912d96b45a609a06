import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { writeAtomically } from '../../src/cli/io';
import { REPO } from '../helpers/extract';
import { leftovers, noStackTrace, tmpTree, unsafeProject, UNSAFE_MIGRATION } from './support';

const MIGRATION = 'migrations/20240101000000-add-label.js';

/** The user a test runs the binary as when it runs as root: `nobody` (65534), who owns nothing here. */
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/** `report <dir> --no-config` plus `args`: exit code and stderr. */
async function report(dir: string, args: string[], config = ['--no-config']) {
  const r = await runCli(['report', dir, ...config, ...args]);
  expect(noStackTrace(r.stderr)).toBe(true);
  return r;
}

describe('output files (-o, --format x=file)', () => {
  it('writes a new file and replaces a regular one atomically, leaving no temporary file', async () => {
    const dir = unsafeProject();
    const out = path.join(dir, 'report.md');
    expect((await report(dir, ['-o', out])).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain('# Migration safety report');
    writeFileSync(out, 'old');
    expect((await report(dir, ['--format', `json=${out}`])).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBe(1);
    expect(leftovers(dir)).toEqual([]);
  });

  it("refuses -o '' and --format json= as usage errors, writing nothing", async () => {
    const dir = unsafeProject();
    const empty = await report(dir, ['-o', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('migralint: --output needs a file name\n');
    expect((await report(dir, ['--format', 'json='])).code).toBe(2);
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(path.dirname(dir))).toEqual([]);
  });

  it('refuses to write over a migration, a model, the database config or the configuration file the run read', async () => {
    const dir = unsafeProject({
      'models/user.js': "module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING }, { tableName: 'users' });\n",
      'config/config.json': JSON.stringify({ development: { dialect: 'postgres' } }),
      'migralint.config.json': JSON.stringify({ models: 'models' }),
    });
    for (const input of [MIGRATION, 'models/user.js', 'config/config.json', 'migralint.config.json']) {
      const before = readFileSync(path.join(dir, input), 'utf8');
      const r = await report(dir, ['-o', path.join(dir, input)], []);
      expect(r.code, input).toBe(2);
      expect(r.stderr).toContain(`cannot write ${path.join(dir, input)}: it is an input of the analysis`);
      expect(readFileSync(path.join(dir, input), 'utf8')).toBe(before);
    }
    expect(leftovers(path.join(dir, 'migrations'))).toEqual([]);
  });

  it('replaces an existing output file when the run looked for paths below a file (`lib/settings.js/index.js`: ENOTDIR)', async () => {
    const dir = tmpTree({ 'lib/settings.js': 'module.exports = {}\n', 'report.json': 'old' });
    await writeAtomically(path.join(dir, 'report.json'), '{}', { inputs: [path.join(dir, 'lib/settings.js'), path.join(dir, 'lib/settings.js/index.js')] });
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('{}');
  });

  it('sees an input through a symlink or a hard link', async () => {
    const dir = unsafeProject();
    symlinkSync(path.join(dir, MIGRATION), path.join(dir, 'link.md'));
    linkSync(path.join(dir, MIGRATION), path.join(dir, 'hard.md'));
    for (const name of ['link.md', 'hard.md']) {
      const r = await report(dir, ['--format', `text=${path.join(dir, name)}`]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain('it is an input of the analysis');
    }
    expect(readFileSync(path.join(dir, MIGRATION), 'utf8')).toBe(UNSAFE_MIGRATION);
  });

  it('follows a symlink to an output file: the link stays, its target gets the report', async () => {
    const dir = unsafeProject();
    const outDir = tmpTree({ 'real.md': 'old' });
    symlinkSync(path.join(outDir, 'real.md'), path.join(dir, 'out.md'));
    expect((await report(dir, ['-o', path.join(dir, 'out.md')])).code).toBe(1);
    expect(readFileSync(path.join(outDir, 'real.md'), 'utf8')).toContain('# Migration safety report');
    expect(leftovers(outDir)).toEqual([]);
  });

  it('refuses a directory', async () => {
    const dir = unsafeProject();
    mkdirSync(path.join(dir, 'out'));
    const r = await report(dir, ['-o', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: cannot write ${path.join(dir, 'out')}: it is a directory\n`);
    expect(statSync(path.join(dir, 'out')).isDirectory()).toBe(true);
  });

  it('writes /dev/null in place: it stays a character device, and the exit code is the report’s', async () => {
    const dir = unsafeProject();
    const r = await report(dir, ['-o', '/dev/null']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(leftovers('/dev')).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('a write error (ENOSPC on /dev/full) is one line and exit 2', async () => {
    const dir = unsafeProject();
    const r = await report(dir, ['--format', 'sarif=/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('migralint: cannot write /dev/full: ENOSPC\n');
  });

  it('a missing folder is one line and exit 2', async () => {
    const dir = unsafeProject();
    const r = await report(dir, ['-o', path.join(dir, 'nowhere', 'report.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: cannot write ${path.join(dir, 'nowhere', 'report.md')}: ENOENT\n`);
  });

  // Windows has no permission bits or user ids to take write access away with.
  it.skipIf(process.platform === 'win32')('a folder without write permission (EACCES) is one line and exit 2', async (ctx) => {
    const dir = unsafeProject();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    const out = path.join(locked, 'report.md');
    let r: { code: number | null; stderr: string };
    if (process.getuid?.() === 0) {
      // Root writes through any permission bits (CI runs as root): the built binary runs as an unprivileged user,
      // who can read the project (and migralint) but not write in `locked`.
      chmodSync(dir, 0o755);
      const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(REPO, 'bin', 'migralint.js'))}, require('fs').constants.R_OK)`], UNPRIVILEGED);
      if (probe.status !== 0) ctx.skip(`the unprivileged user ${UNPRIVILEGED.uid} cannot read ${REPO}`);
      const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'migralint.js'), 'report', dir, '--no-config', '-o', out], { ...UNPRIVILEGED, encoding: 'utf8' });
      r = { code: run.status, stderr: run.stderr };
    } else {
      r = await report(dir, ['-o', out]);
    }
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migralint: cannot write ${out}: EACCES\n`);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(locked)).toEqual([]);
  });

  it('baseline --baseline-file refuses a migration', async () => {
    const dir = unsafeProject();
    const r = await runCli(['baseline', dir, '--no-config', '--baseline-file', path.join(dir, MIGRATION)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is an input of the analysis');
    expect(readFileSync(path.join(dir, MIGRATION), 'utf8')).toBe(UNSAFE_MIGRATION);
  });

  it('removes the temporary file when a signal ends the process during the write', async () => {
    const dir = tmpTree();
    const target = path.join(dir, 'big.json');
    // A write long enough to be caught half-way: 256 MB in chunks, the event loop free to take the signal.
    const script = `require(${JSON.stringify(path.join(REPO, 'dist', 'src', 'cli', 'io.js'))})
      .writeAtomically(${JSON.stringify(target)}, 'x'.repeat(256 * 1024 * 1024))
      .then(() => process.stdout.write('finished'));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 30_000;
    while (leftovers(dir).length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    const caught = leftovers(dir).length > 0;
    child.kill('SIGTERM');
    const signal = await exited;
    expect(leftovers(dir)).toEqual([]);
    if (caught && stdout === '') {
      // Caught mid-write: the process died of the signal, and nothing reached the target.
      expect(signal).toBe('SIGTERM');
      expect(existsSync(target)).toBe(false);
    }
    expect(caught).toBe(true);
  });
});
