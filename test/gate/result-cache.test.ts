/**
 * `report --cache` keeps whole results: a run whose inputs are all unchanged re-renders the last result; any
 * change of an input (a migration, a model, the database config, package.json scripts, a file appearing or
 * disappearing, an option) makes it analyze again, and its output is byte for byte the output of a run
 * without the cache.
 */
import * as nodeFs from 'node:fs';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { runBin, runCli } from '../helpers/cli';
import { answersHold, DiskRecorder } from '../../src/gate/disk-record';
import { analysisWorkspace, analyzeProject } from '../../src/project';

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-results-${prefix}-`));
  tmpDirs.push(d);
  return d;
}
function copyFixture(name: string): string {
  const d = tmp(name);
  cpSync(path.join(REPO, 'fixtures', name), d, { recursive: true });
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CACHE = path.join('node_modules', '.cache', 'migralint');

/** The result files of a cache folder, with their bytes. */
function resultFiles(dir: string): Map<string, string> {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('result.') && n.endsWith('.json'));
  } catch {
    // no folder yet
  }
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
}

/**
 * A run with `--cache` beside one without; asserts equal output (stdout, stderr, exit code) and says whether the
 * cached run took the kept result (its file was not rewritten).
 */
async function compare(root: string, extra: string[] = []): Promise<{ hit: boolean; stdout: string }> {
  const dir = path.join(root, CACHE);
  const before = resultFiles(dir);
  const cached = await runCli(['report', root, '--format', 'json', ...extra, '--cache']);
  const after = resultFiles(dir);
  const uncached = await runCli(['report', root, '--format', 'json', ...extra]);
  expect(cached).toEqual(uncached);
  expect(cached.code).toBeLessThan(2);
  const hit = before.size > 0 && [...after].every(([n, text]) => before.get(n) === text);
  return { hit, stdout: cached.stdout };
}

/** Edits a file by a replacement that must apply. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('report --cache: whole results', () => {
  it('takes the kept result when nothing changed, and analyzes again after each kind of change', async () => {
    const root = copyFixture('lms-backend');
    const cold = await compare(root);
    expect(cold.hit).toBe(false);
    expect(await compare(root)).toMatchObject({ hit: true, stdout: cold.stdout });

    const changes: [string, () => void][] = [
      ['a migration', () => edit(path.join(root, 'migrations', '031-add-profile-fields-to-users.js'), "removeColumn('users', 'phone')", "removeColumn('users', 'mobile')")],
      ['a model', () => edit(path.join(root, 'models', 'User.js'), 'allowNull: false', 'allowNull: true')],
      ['the database config', () => edit(path.join(root, 'config', 'database.js'), "logging: false,", "logging: true,")],
      ['package.json scripts', () => edit(path.join(root, 'package.json'), '"db:migrate": "node scripts/run-migrations-safe.js"', '"db:migrate": "sequelize-cli db:migrate"')],
      [
        'a new migration',
        () => writeFileSync(path.join(root, 'migrations', '099-drop-bio.js'), "module.exports = { up: (qi) => qi.removeColumn('users', 'bio'), down: async () => {} };\n"),
      ],
      ['a deleted migration', () => rmSync(path.join(root, 'migrations', '001-create-users.js'))],
      ['a new helper where nothing was', () => writeFileSync(path.join(root, 'migrations', 'README.md'), '# notes\n')],
    ];
    let previous = cold.stdout;
    for (const [what, change] of changes) {
      change();
      const after = await compare(root);
      expect(after.hit, what).toBe(false);
      // Kept again: the next run with no change takes it.
      expect(await compare(root), what).toMatchObject({ hit: true, stdout: after.stdout });
      // Changes the analysis reads into the report (the others are seen all the same: the run above analyzed).
      if (['a migration', 'a new migration', 'a deleted migration'].includes(what)) expect(after.stdout, what).not.toBe(previous);
      previous = after.stdout;
    }
  });

  it('a file touched without a change of content is still the kept result', async () => {
    const root = copyFixture('lms-backend');
    await compare(root);
    const file = path.join(root, 'migrations', '001-create-users.js');
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect((await compare(root)).hit).toBe(true);
  });

  it('an option is part of the key: --models and a configuration file analyze again', async () => {
    const root = copyFixture('lms-backend');
    await compare(root);
    expect((await compare(root, ['--models', 'migrations'])).hit).toBe(false);
    expect((await compare(root, ['--models', 'migrations'])).hit).toBe(true);
    expect((await compare(root)).hit).toBe(false); // one result per project: the last options win
    writeFileSync(path.join(root, 'migralint.config.json'), JSON.stringify({ rules: { 'require-down': 'off' } }));
    expect((await compare(root)).hit).toBe(false);
    expect((await compare(root)).hit).toBe(true);
    // Options that do not change the analysis (the output's format, --fail-on) keep the result.
    const text = await runCli(['report', root, '--format', 'text', '--fail-on', 'never', '--cache']);
    expect(text).toEqual(await runCli(['report', root, '--format', 'text', '--fail-on', 'never']));
    expect((await compare(root)).hit).toBe(true);
  });

  it('ignores a corrupt, truncated or hand-made result file, without a crash, and rewrites it', async () => {
    const root = copyFixture('lms-backend');
    const cold = await compare(root);
    const dir = path.join(root, CACHE);
    const [name, text] = [...resultFiles(dir)][0]!;
    const file = path.join(dir, name);
    const [headerLine, answersLine, resultLine] = text.split('\n') as [string, string, string];
    const header = JSON.parse(headerLine) as { schema: number; key: string; answers: string; result: string };
    const body = { ...(JSON.parse(answersLine) as object), result: JSON.parse(resultLine) as { findings: unknown[]; project: { migrations: unknown[] } } };
    const { createHash } = await import('node:crypto');
    const digest = (t: string) => createHash('sha256').update(t).digest('hex');
    const sign = ({ result, ...answers }: typeof body) => {
      const [a, r] = [JSON.stringify(answers), JSON.stringify(result)];
      return `${JSON.stringify({ ...header, answers: digest(a), result: digest(r) })}\n${a}\n${r}`;
    };
    const corrupt = [
      'not json at all',
      '',
      text.slice(0, text.length / 2),
      text.replace('"findings":[', '"findings":[{"rule":"x"},'), // the result's digest no longer matches
      text.replace('"answers":[[', '"answers":[["s","/","d"],['), // the answers' digest no longer matches
      sign({ ...body, result: { ...body.result, findings: [null] } }), // well signed, wrong shape
      sign({ ...body, result: { ...body.result, project: { ...body.result.project, migrations: [{ file: 'a.js', up: 'no', down: [] }] } } }),
      sign({ ...body, result: { ...body.result, project: { ...body.result.project, project: null } } }),
      sign({ ...body, answers: 'everything holds' } as never),
      sign({ ...body, paths: [] } as never), // answers naming paths that are not in the table
      sign({ ...body, inputs: [0.5] } as never),
      sign({ ...body, answers: [['p', 0, -1]] } as never), // a realpath naming no path
      `${headerLine}\n${answersLine}`, // no result line
    ];
    for (const bad of corrupt) {
      // Without the outputs kept beside it (a run that has them writes them without reading the result line).
      for (const n of readdirSync(dir)) if (n.startsWith('render.')) rmSync(path.join(dir, n));
      writeFileSync(file, bad);
      const after = await compare(root);
      expect(after.stdout).toBe(cold.stdout);
      expect(readFileSync(file, 'utf8')).not.toBe(bad);
    }
  });

  it('keeps the rendered outputs of each set of output options: every format is written as a run without the cache writes it', async () => {
    const root = copyFixture('lms-backend');
    const dir = path.join(root, CACHE);
    const rendered = () => new Map(readdirSync(dir).filter((n) => n.startsWith('render.')).map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
    // Outside GitHub Actions (there links name the event's commit: outputs are rendered anew).
    const env = { GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', GITHUB_STEP_SUMMARY: '' };
    const cold = await compare(root);
    expect(rendered().size).toBe(1);
    const formats = ['markdown', 'json', 'text', 'sarif', 'github', 'gitlab'];
    for (const format of formats) {
      const plain = await runCli(['report', root, '--format', format, '--fail-on', 'warning'], { env });
      // First with this format: rendered from the kept result, and kept; then written from what was kept.
      for (let i = 0; i < 2; i++) {
        const before = rendered();
        const cached = await runCli(['report', root, '--format', format, '--fail-on', 'warning', '--cache'], { env });
        expect(cached, `${format} #${i}`).toEqual(plain);
        expect(rendered().size, format).toBe(i === 0 ? before.size + 1 : before.size);
        if (i === 1) expect(rendered(), format).toEqual(before);
      }
    }
    // The binary writes kept outputs as bytes: the same bytes.
    const binEnv = { ...env, NO_COLOR: '1' };
    const bin = runBin(['report', root, '--format', 'markdown', '--cache'], { env: binEnv });
    expect(runBin(['report', root, '--format', 'markdown', '--cache'], { env: binEnv })).toEqual(bin);
    expect(bin).toEqual(runBin(['report', root, '--format', 'markdown'], { env: binEnv }));
    // Another format after them all is that format, not the last one's bytes.
    expect((await compare(root)).stdout).toBe(cold.stdout);
    const markdown = await runCli(['report', root, '--cache'], { env });
    expect(markdown).toEqual(await runCli(['report', root], { env }));
    expect(markdown.stdout).not.toBe(cold.stdout);
    // Colors are part of the key.
    const colored = await runCli(['report', root, '--format', 'text', '--cache'], { env, isTTY: true });
    expect(colored).toEqual(await runCli(['report', root, '--format', 'text'], { env, isTTY: true }));
    expect(colored.stdout).not.toBe((await runCli(['report', root, '--format', 'text', '--cache'], { env })).stdout);
    // A new result drops the outputs of the old one.
    edit(path.join(root, 'migrations', '031-add-profile-fields-to-users.js'), "removeColumn('users', 'phone')", "removeColumn('users', 'mobile')");
    await compare(root);
    expect(rendered().size).toBe(1);
  });

  it('writes kept outputs to files, with the exit code and stderr of the run that rendered them', async () => {
    const root = copyFixture('lms-backend');
    const out = tmp('outputs');
    const env = { GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', GITHUB_STEP_SUMMARY: '' };
    const args = (cache: boolean) => [
      'report', root, '--format', 'text', '--format', `sarif=${path.join(out, 'r.sarif')}`, '--format', `markdown=${path.join(out, 'sub', 'r.md')}`,
      '--fail-on', 'info', '--allow-outside', out, ...(cache ? ['--cache'] : []),
    ];
    const files = () => [readFileSync(path.join(out, 'r.sarif'), 'utf8'), readFileSync(path.join(out, 'sub', 'r.md'), 'utf8')];
    mkdirSync(path.join(out, 'sub'));
    const plain = await runCli(args(false), { env });
    const plainFiles = files();
    expect(plain.code).toBe(1);
    for (let i = 0; i < 3; i++) {
      rmSync(path.join(out, 'r.sarif'));
      expect(await runCli(args(true), { env })).toEqual(plain);
      expect(files()).toEqual(plainFiles);
    }
  });

  it('a baseline or a file selection changes the outputs, not the result: the kept outputs follow them', async () => {
    const root = copyFixture('lms-backend');
    const env = { GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', GITHUB_STEP_SUMMARY: '' };
    const same = async (extra: string[]) => {
      const plain = await runCli(['report', root, '--format', 'json', ...extra], { env });
      for (let i = 0; i < 2; i++) expect(await runCli(['report', root, '--format', 'json', ...extra, '--cache'], { env })).toEqual(plain);
      return plain;
    };
    const all = await same([]);
    const one = await same([path.join(root, 'migrations', '031-add-profile-fields-to-users.js')]);
    expect(one.stdout).not.toBe(all.stdout);
    expect(one.stderr).toContain('1 file given');
    expect((await runCli(['baseline', root], { env })).code).toBe(0);
    const baselined = await same([]);
    expect(baselined.stdout).not.toBe(all.stdout);
    // The baseline file edited (one entry fewer): the run shows that entry again.
    const file = path.join(root, '.migralint-baseline.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
    writeFileSync(file, JSON.stringify({ ...doc, entries: doc.entries.slice(1) }));
    expect((await same([])).stdout).not.toBe(baselined.stdout);
  });

  it('ignores kept outputs edited by hand, without a crash', async () => {
    const root = copyFixture('lms-backend');
    const dir = path.join(root, CACHE);
    const cold = await compare(root);
    const name = readdirSync(dir).find((n) => n.startsWith('render.'))!;
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>;
    const { createHash } = await import('node:crypto');
    const sign = (meta: unknown, texts: string[]) => {
      const rest = `${JSON.stringify({ lengths: texts.map((t) => Buffer.byteLength(t)), meta })}\n${texts.join('')}`;
      return `${JSON.stringify({ ...header, digest: createHash('sha256').update(rest).digest('hex') })}\n${rest}`;
    };
    const lines = text.split('\n');
    const { meta } = JSON.parse(lines[1]!) as { meta: { exitCode: number } };
    expect(sign(meta, [cold.stdout])).toBe(text); // the layout this test forges
    for (const bad of [
      '',
      'garbage',
      text.replace('"exitCode":0', '"exitCode":1'), // the digest no longer matches
      text.slice(0, -10),
      sign({ ...meta, exitCode: 7 }, ['forged']),
      sign({ ...meta, notes: [1] }, ['forged']),
      sign(meta, ['forged', 'two outputs']),
      sign(null, ['forged']),
      `${text.slice(0, text.indexOf('\n'))}\n${JSON.stringify({ lengths: [1e9], meta })}\nforged`,
    ]) {
      writeFileSync(file, bad);
      expect((await compare(root)).stdout).toBe(cold.stdout);
    }
    // A symlink at the file's name, even to a well-formed file, is not followed.
    const elsewhere = path.join(tmp('elsewhere'), 'render.json');
    writeFileSync(elsewhere, sign(meta, ['forged\n']));
    rmSync(file, { force: true });
    symlinkSync(elsewhere, file);
    expect((await compare(root)).stdout).toBe(cold.stdout);
    rmSync(file, { force: true });
    // Well signed and well formed: written as it is (the file is the project's own; its digest guards against
    // truncation and edits by mistake, not against its owner).
    writeFileSync(file, sign(meta, ['forged\n']));
    expect((await runCli(['report', root, '--format', 'json', '--cache'])).stdout).toBe('forged\n');
  });

  it('keeps one result per project in a shared cache folder', async () => {
    const a = copyFixture('lms-backend');
    const b = copyFixture('no-exec');
    const shared = tmp('shared');
    const run = (root: string) => runCli(['report', root, '--format', 'json', '--cache-location', shared, '--allow-outside', shared]);
    const first = [await run(a), await run(b)];
    const files = resultFiles(shared);
    expect(files.size).toBe(2);
    expect([await run(a), await run(b)]).toEqual(first);
    expect(resultFiles(shared)).toEqual(files);
  });
});

describe('DiskRecorder', () => {
  it('records every answer the analysis got, and each answer holds until its input changes', async () => {
    const root = copyFixture('no-exec');
    const recorder = new DiskRecorder();
    const workspace = analysisWorkspace(root, {}, recorder.fs);
    await analyzeProject(root, { workspace });
    expect(recorder.complete).toBe(true);
    const answers = recorder.list();
    const ops = new Set(answers.map((a) => a[0]));
    for (const op of ['s', 'r', 'p']) expect(ops.has(op as never), op).toBe(true);
    expect(ops.has('t') || ops.has('d')).toBe(true);
    expect(answersHold(answers, recorder.startedMs)).toBe(true);
    // Every file the analysis read is among the answers: a change to any of them is seen.
    const read = answers.filter((a) => a[0] === 'r' && !a[2].startsWith('E:')).map((a) => a[1]);
    for (const f of workspace.inputs()) if (!f.includes('node_modules')) expect(read.includes(f) || answers.some((a) => a[1] === f), f).toBe(true);
    const file = read.find((f) => f.endsWith('.js'))!;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited\n`);
    expect(answersHold(answers, recorder.startedMs)).toBe(false);
  });

  it('an answer that a path was absent stops holding when the path appears', async () => {
    const root = tmp('absent');
    mkdirSync(path.join(root, 'migrations'));
    writeFileSync(path.join(root, 'migrations', '20240101000000-a.js'), "const h = require('./helper');\nmodule.exports = { up: (qi) => h.run(qi), down: async () => {} };\n");
    const recorder = new DiskRecorder();
    await analyzeProject(root, { workspace: analysisWorkspace(root, {}, recorder.fs) });
    const answers = recorder.list();
    expect(answers.some((a) => a[1] === path.join(root, 'migrations', 'helper.js') && a[2] === 'E:ENOENT')).toBe(true);
    expect(answersHold(answers, recorder.startedMs)).toBe(true);
    writeFileSync(path.join(root, 'migrations', 'helper.js'), 'module.exports = { run: async () => {} };\n');
    expect(answersHold(answers, recorder.startedMs)).toBe(false);
  });

  it('a path recorded absent in a folder the analysis listed is answered by the listing, unless a symbolic link is among its entries', async () => {
    // What the check asks the disk about `helper` paths (the analysis looked for ./helper with each extension).
    const askedAbout = async (withLink: boolean) => {
      const root = tmp('listed');
      const migrations = path.join(root, 'migrations');
      mkdirSync(migrations);
      writeFileSync(path.join(migrations, '20240101000000-a.js'), "const h = require('./helper');\nmodule.exports = { up: (qi) => h.run(qi), down: async () => {} };\n");
      if (withLink) symlinkSync(path.join(root, 'nowhere'), path.join(migrations, 'notes'));
      const recorder = new DiskRecorder();
      await analyzeProject(root, { workspace: analysisWorkspace(root, {}, recorder.fs) });
      const answers = recorder.list();
      const helper = path.join(migrations, 'helper');
      expect(answers.some((a) => a[0] === 't' && a[1] === migrations)).toBe(true);
      expect(answers.some((a) => a[1].startsWith(helper) && a[2] === 'E:ENOENT')).toBe(true);
      const asked: string[] = [];
      const counting = { ...nodeFs, lstatSync: (p: nodeFs.PathLike, o?: nodeFs.StatSyncOptions) => (asked.push(String(p)), nodeFs.lstatSync(p, o)) } as typeof nodeFs;
      expect(answersHold(answers, recorder.startedMs, counting)).toBe(true);
      // The file appearing changes the listing: the answers no longer hold.
      writeFileSync(`${helper}.js`, 'module.exports = { run: async () => {} };\n');
      expect(answersHold(answers, recorder.startedMs)).toBe(false);
      return asked.filter((p) => p.startsWith(helper));
    };
    expect(await askedAbout(false)).toEqual([]);
    expect((await askedAbout(true)).length).toBeGreaterThan(0);
  });

  it('a realpath answer stops holding when the file, or a folder above it, becomes a symbolic link to the same bytes', async () => {
    const root = tmp('links');
    const migrations = path.join(root, 'migrations');
    mkdirSync(migrations);
    const file = path.join(migrations, '20240101000000-a.js');
    const text = 'module.exports = { up: async (qi) => { await qi.addColumn("users", "bio", { type: "TEXT" }); }, down: async () => {} };\n';
    writeFileSync(file, text);
    const recorder = new DiskRecorder();
    await analyzeProject(root, { workspace: analysisWorkspace(root, {}, recorder.fs) });
    // Only the realpath answers: the listings and stats would see the change of kind on their own.
    const answers = recorder.list().filter((a) => a[0] === 'p');
    expect(answers.some((a) => a[1] === file && a[2] === file)).toBe(true);
    expect(answersHold(answers, recorder.startedMs)).toBe(true);

    // The file becomes a link to a copy elsewhere, same bytes and times: its stat (followed) is the same, its realpath is not.
    const elsewhere = tmp('links-elsewhere');
    const copy = path.join(elsewhere, 'a.js');
    cpSync(file, copy, { preserveTimestamps: true });
    rmSync(file);
    symlinkSync(copy, file);
    expect(answersHold(answers, recorder.startedMs)).toBe(false);

    // The folder becomes a link to a copy of itself.
    rmSync(file);
    cpSync(copy, file, { preserveTimestamps: true });
    expect(answersHold(answers, recorder.startedMs)).toBe(true);
    const moved = path.join(elsewhere, 'migrations');
    cpSync(migrations, moved, { recursive: true, preserveTimestamps: true });
    rmSync(migrations, { recursive: true });
    symlinkSync(moved, migrations);
    expect(answersHold(answers, recorder.startedMs)).toBe(false);
  });
});
