import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runBin } from '../helpers/cli';
import { noStackTrace, tmpTree, unsafeProject, UNSAFE_MIGRATION } from './support';

const BIN = path.join(REPO, 'bin', 'migralint.js');

/** `sh -c '<migralint> <args> | <reader>'`: migralint's exit code (not the reader's) and stderr. */
function piped(args: string[], reader: string) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${quoted} 2>"$ERR" | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$ERR"`], {
    encoding: 'utf8',
    env: { ...process.env, ERR: path.join(tmpTree(), 'stderr') },
  });
  const [code, ...stderr] = r.stdout.split('\n');
  return { code: Number(code), stderr: stderr.join('\n') };
}

describe('stdout (bin/migralint.js)', () => {
  it('a reader that goes away (EPIPE) ends quietly with the report’s exit code', () => {
    const unsafe = unsafeProject();
    // Many migrations: the report is larger than a pipe's buffer, so `head -1` leaves while it is written.
    const files = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`migrations/2024010100${String(i).padStart(4, '0')}-m.js`, UNSAFE_MIGRATION]));
    const big = tmpTree(files);
    for (const [dir, reader] of [
      [unsafe, 'true'],
      [big, 'head -1'],
      [big, 'true'],
    ] as const) {
      const expected = runBin(['report', dir, '--no-config', '--format', 'text']).code;
      expect(expected).toBe(1);
      const r = piped(['report', dir, '--no-config', '--format', 'text'], reader);
      expect({ reader, code: r.code, stderr: r.stderr }).toEqual({ reader, code: expected, stderr: '' });
    }
    const clean = tmpTree({ 'migrations/20240101000000-a.js': 'module.exports = { async up() {}, async down() {} };\n' });
    expect(piped(['report', clean, '--no-config'], 'true')).toEqual({ code: 0, stderr: '' });
  });

  it.skipIf(!existsSync('/dev/full'))('another write error on stdout (ENOSPC) is one line and exit 2', () => {
    const dir = unsafeProject();
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' report '${dir}' --no-config > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('migralint: cannot write stdout: ENOSPC\n');
    expect(noStackTrace(r.stderr)).toBe(true);
  });
});
