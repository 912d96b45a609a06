/**
 * README's husky + lint-staged recipe, run with the real lint-staged from a
 * real git pre-commit hook (what `husky` installs): the config is taken from
 * README's code block as a user copies it, `migralint` is the packed tarball
 * of this checkout, installed with npm. Root and nested layouts: a commit that stages a clean
 * migration passes even with an older error in the tree, one that stages
 * the bad migration fails and names it, a commit without migrations does
 * not run migralint at all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TABLE_MIGRATION as CREATE, DROP_COLUMN_MIGRATION as DROP, GIT_ENV } from './support';

const REPO = path.resolve(__dirname, '..', '..');
const LINT_STAGED = path.join(REPO, 'node_modules', 'lint-staged', 'bin', 'lint-staged.js');

/** The `lint-staged.config.js` block of README, as a user copies it. */
function readmeRecipe(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = /```js\n(\/\/ lint-staged\.config\.js\n[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no lint-staged.config.js block');
  return block[1]!;
}


let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-lint-staged-'));
  // `migralint` as `npm i -D migralint` installs it: the packed tarball, its bin on PATH (node_modules/.bin).
  const pack = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = path.join(tmp, (JSON.parse(pack) as { filename: string }[])[0]!.filename);
  const pkg = path.join(tmp, 'pkg');
  mkdirSync(pkg);
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"scratch","private":true}\n');
  execFileSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], { cwd: pkg, stdio: 'pipe' });
  symlinkSync(path.join(pkg, 'node_modules', '.bin'), path.join(tmp, 'bin'));
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, dir: string, recipe: string) {
  const root = path.join(tmp, name);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  mkdirSync(path.join(root, dir, 'migrations'), { recursive: true });
  git('init', '-q');
  writeFileSync(path.join(root, 'lint-staged.config.js'), recipe);
  writeFileSync(path.join(root, dir, 'migrations', '20240101000000-drop-legacy-code.js'), DROP);
  git('add', '-A');
  git('commit', '-q', '-m', 'before the hook');
  // What husky's `.husky/pre-commit` runs.
  writeFileSync(path.join(root, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\nexec "${process.execPath}" "${LINT_STAGED}"\n`);
  chmodSync(path.join(root, '.git', 'hooks', 'pre-commit'), 0o755);
  const commit = (files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), text);
      git('add', f);
    }
    const r = spawnSync('git', ['commit', '-m', 'change'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, PATH: `${path.join(tmp, 'bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  };
  return { commit };
}

describe.each([
  ['migrations at the repository root', 'root', '.'],
  ['a project in packages/api', 'nested', 'packages/api'],
])('lint-staged recipe: %s', (_label, name, dir) => {
  let commit: ReturnType<typeof project>['commit'];
  beforeAll(() => {
    // README: "For a project in a subdirectory, give it" in place of `.`.
    const recipe = dir === '.' ? readmeRecipe() : readmeRecipe().replace(/migralint report \. /g, `migralint report ${dir} `);
    commit = project(name, dir, recipe).commit;
  });
  const p = (f: string) => (dir === '.' ? f : `${dir}/${f}`);

  it('does not run migralint for a commit without migrations', () => {
    const r = commit({ 'src/index.js': 'module.exports = {};\n' });
    expect(r.code).toBe(0);
    expect(r.output).not.toContain('migralint');
  }, 120_000);

  it('runs on a staged clean migration and passes, whatever older migrations hold', () => {
    const r = commit({ [p('migrations/20240201000000-create-notes.js')]: CREATE });
    expect(r.output).toMatch(/migralint report/);
    expect(r.output).not.toContain('could not find any staged files');
    expect(r.output).not.toContain('no-destructive-up');
    expect(r.code).toBe(0);
  }, 120_000);

  it('fails a commit that stages a migration with an error, naming it', () => {
    const r = commit({ [p('migrations/20240101000000-drop-legacy-code.js')]: `// touched\n${DROP}` });
    expect(r.code).toBe(1);
    expect(r.output).toContain('no-destructive-up');
    expect(r.output).toContain('20240101000000-drop-legacy-code.js');
  }, 120_000);
});
