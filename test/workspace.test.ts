import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationOf, REPO } from './helpers/extract';
import { analyzeProject } from '../src/project';
import { UsageError } from '../src/discovery';
import { MigrationCache } from '../src/gate/cache';
import { loadSqlParser } from '../src/sql/pg-parser';
import { readDbConfig } from '../src/config/read-db-config';
import { Workspace, type MigrationExtractor, type WorkspaceFs } from '../src/workspace';

/** node's fs, counting `readFileSync` per path: what a run reads, and how often. */
function countingFs(): { fs: WorkspaceFs; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const readFileSync = ((file: nodeFs.PathOrFileDescriptor, options?: unknown) => {
    reads.set(String(file), (reads.get(String(file)) ?? 0) + 1);
    return (nodeFs.readFileSync as (f: unknown, o?: unknown) => unknown)(file, options);
  }) as typeof nodeFs.readFileSync;
  return { fs: { ...nodeFs, readFileSync }, reads };
}

const tmpDirs: string[] = [];
function tempProject(files: Record<string, string>): string {
  const root = nodeFs.realpathSync(nodeFs.mkdtempSync(path.join(os.tmpdir(), 'migralint-workspace-')));
  tmpDirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    nodeFs.mkdirSync(path.dirname(abs), { recursive: true });
    nodeFs.writeFileSync(abs, text);
  }
  return root;
}
afterAll(() => tmpDirs.forEach((d) => nodeFs.rmSync(d, { recursive: true, force: true })));
beforeAll(async () => {
  await loadSqlParser();
});

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
const rel = (root: string, reads: Map<string, number>) => new Map([...reads].map(([abs, n]) => [path.relative(root, abs).split(path.sep).join('/'), n]));

describe('Workspace: one read per file per run', () => {
  it('analyzeProject reads every file of every fixture at most once, whichever readers ask for it', async () => {
    const fixtures = nodeFs.readdirSync(path.join(REPO, 'fixtures')).sort();
    let analyzed = 0;
    for (const name of fixtures) {
      const root = path.join(REPO, 'fixtures', name);
      const { fs, reads } = countingFs();
      try {
        await analyzeProject(root, { workspace: new Workspace(root, { fs }) });
      } catch (error) {
        if (error instanceof UsageError) continue; // not a project on its own (a config-file fixture)
        throw error;
      }
      analyzed++;
      const twice = [...reads].filter(([, n]) => n > 1).map(([f, n]) => `${path.relative(REPO, f)} x${n}`);
      expect(twice, name).toEqual([]);
    }
    expect(analyzed).toBeGreaterThan(15);
  });

  it('the files every reader shares (package.json, .sequelizerc, the config, models, migrations, seeders) are read once, and the result is the plain run', async () => {
    for (const name of ['lms-backend', 'scripts-cli']) {
      const root = path.join(REPO, 'fixtures', name);
      const { fs, reads } = countingFs();
      const counted = await analyzeProject(root, { workspace: new Workspace(root, { fs }) });
      expect(plain(counted), name).toEqual(plain(await analyzeProject(root)));
      const byFile = rel(root, reads);
      // runner detection, the npm-scripts analysis and discovery all read these
      expect(byFile.get('package.json'), name).toBe(1);
      expect(byFile.get('.sequelizerc'), name).toBe(1);
      for (const m of counted.project.migrations) expect(byFile.get(m.file), m.file).toBe(1);
    }
    const lms = path.join(REPO, 'fixtures', 'lms-backend');
    const { fs, reads } = countingFs();
    const { project } = await analyzeProject(lms, { workspace: new Workspace(lms, { fs }) });
    const byFile = rel(lms, reads);
    // the database config reader, the models reader (its `define`) and the connection scan
    expect(byFile.get(project.project.configFile!)).toBe(1);
    for (const f of project.models!.files) expect(byFile.get(f.file), f.file).toBe(1);
  });
});

describe('Workspace: overlays', () => {
  const migration = (body: string) => `module.exports = {\n  async up(queryInterface, Sequelize) {\n    ${body}\n  },\n  async down() {},\n};\n`;

  it('an overlay wins over the disk for every reader, and the disk file is never read', () => {
    const root = tempProject({
      'migrations/20240101000000-a.js': migration("await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);"),
      'config/config.json': '{ "production": { "dialect": "postgres" } }\n',
    });
    const { fs, reads } = countingFs();
    const file = path.join(root, 'migrations', '20240101000000-a.js');
    const config = path.join(root, 'config', 'config.json');
    const ws = new Workspace(root, {
      fs,
      overlays: [
        [file, { text: migration("await queryInterface.removeColumn('users', 'bio');") }],
        [config, { text: '{ "production": { "dialect": "mysql" } }\n' }],
      ],
    });
    const m = ws.migration('migrations/20240101000000-a.js');
    expect(m.status).toBe('ok');
    expect(m.up.map((o) => o.op)).toEqual(['removeColumn']);
    expect(readDbConfig(ws, 'config/config.json')!.environments[0]!.dialect.value).toBe('mysql');
    expect(reads.get(file)).toBeUndefined();
    expect(reads.get(config)).toBeUndefined();
  });

  it('a file that exists only as an overlay (an unsaved buffer) is a file, and its imports resolve', () => {
    const root = tempProject({ 'lib/drop.js': "async function dropUsers(qi) {\n  await qi.dropTable('users');\n}\nmodule.exports = { dropUsers };\n" });
    const ws = new Workspace(root, {
      overlays: [[path.join(root, 'migrations', 'new.js'), { text: `const { dropUsers } = require('../lib/drop');\n${migration('await dropUsers(queryInterface);')}` }]],
    });
    expect(ws.isFile(path.join(root, 'migrations', 'new.js'))).toBe(true);
    const m = ws.migration('migrations/new.js');
    expect(m.up.map((o) => [o.op, o.target.table])).toEqual([['dropTable', 'users']]);
  });

  it('withOverlay shares the reads of every other file and does not leak the overlay back', () => {
    const root = tempProject({ 'a.js': 'module.exports = 1;\n', 'b.js': 'module.exports = 2;\n' });
    const { fs, reads } = countingFs();
    const base = new Workspace(root, { fs });
    expect(base.text(path.join(root, 'a.js'))).toBe('module.exports = 1;\n');
    const edited = base.withOverlay(path.join(root, 'b.js'), { text: 'module.exports = 3;\n' });
    expect(edited.text(path.join(root, 'a.js'))).toBe('module.exports = 1;\n');
    expect(edited.text(path.join(root, 'b.js'))).toBe('module.exports = 3;\n');
    expect(base.text(path.join(root, 'b.js'))).toBe('module.exports = 2;\n');
    expect(reads.get(path.join(root, 'a.js'))).toBe(1);
    expect(reads.get(path.join(root, 'b.js'))).toBe(1);
  });

  it('an overlay with a syntax tree (the ESLint buffer) is not parsed again', () => {
    const root = tempProject({});
    const abs = path.join(root, 'm.js');
    const parsed = new Workspace(root, { overlays: [[abs, { text: 'module.exports = {};\n' }]] }).parse(abs);
    if (!parsed?.ok) throw new Error('does not parse');
    const ws = new Workspace(root, { overlays: [[abs, { text: 'module.exports = {};\n', ast: parsed.ast }]] });
    expect(ws.parse(abs)).toEqual({ ok: true, ast: parsed.ast });
    expect((ws.parse(abs) as { ast: unknown }).ast).toBe(parsed.ast);
  });
});

describe('Workspace: another reader plugs in as one more extractor', () => {
  it('a text extractor (plain SQL) reads the same file once, never as JavaScript, memoized apart from Sequelize', () => {
    const root = tempProject({ 'migrations/001-init.sql': 'CREATE TABLE users (id int);\n' });
    const { fs, reads } = countingFs();
    const ws = new Workspace(root, { fs });
    const seen: string[] = [];
    const sql: MigrationExtractor = {
      id: 'plain-sql',
      syntax: 'text',
      extract: ({ source, ast }) => {
        seen.push(source);
        expect(ast).toBeNull();
        return { status: 'ok', up: [], down: [], upFunction: { present: true, empty: false, throws: false, wrappedInTransaction: false, loc: null }, downFunction: { present: false, empty: true, throws: false, wrappedInTransaction: false, loc: null } };
      },
    };
    expect(ws.migration('migrations/001-init.sql', { extractor: sql }).status).toBe('ok');
    expect(ws.migration('migrations/001-init.sql', { extractor: sql, index: 3 })).toMatchObject({ status: 'ok', index: 3 });
    expect(ws.migration('migrations/001-init.sql').status).toBe('parse-error');
    expect(seen).toEqual(['CREATE TABLE users (id int);\n']);
    expect(reads.get(path.join(root, 'migrations', '001-init.sql'))).toBe(1);
  });
});

describe('Workspace: the --cache store', () => {
  it('a warm cache serves every migration, each file read once (for its hash) and never parsed again', async () => {
    const root = tempProject({});
    nodeFs.cpSync(path.join(REPO, 'fixtures', 'lms-backend'), root, { recursive: true });
    const cacheDir = path.join(root, 'node_modules', '.cache', 'migralint');
    const run = async () => {
      const cache = new MigrationCache(root, cacheDir, {}, 'test-tool');
      const { fs, reads } = countingFs();
      const result = await analyzeProject(root, { workspace: new Workspace(root, { fs, store: cache }) });
      cache.save();
      return { result, stats: { ...cache.stats }, reads: rel(root, reads) };
    };
    const cold = await run();
    expect(cold.stats.hits).toBe(0);
    const warm = await run();
    expect(warm.stats).toMatchObject({ hits: cold.result.project.migrations.length, misses: 0, loaded: true });
    expect(plain(warm.result)).toEqual(plain(cold.result));
    for (const m of warm.result.project.migrations) expect(warm.reads.get(m.file), m.file).toBe(1);
    expect([...warm.reads].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('AnalyzeOptions.store still goes through the run workspace', async () => {
    const root = path.join(REPO, 'fixtures', 'no-exec');
    const seen: string[] = [];
    const store = {
      get: (file: string) => {
        seen.push(file);
        return undefined;
      },
      set: () => undefined,
    };
    const result = await analyzeProject(root, { store });
    expect(seen).toEqual(result.project.migrations.map((m) => m.file));
  });
});

describe('Workspace: readSource, the one way text is read', () => {
  it('refuses directories, missing files and, past a size cap, reads nothing', () => {
    const root = tempProject({ 'big.js': 'x'.repeat(100), 'dir.js/keep': '' });
    const { fs, reads } = countingFs();
    const ws = new Workspace(root, { fs });
    expect(ws.readSource(path.join(root, 'dir.js'))).toEqual({ ok: false, code: 'EISDIR' });
    expect(ws.readSource(path.join(root, 'missing.js'))).toEqual({ ok: false, code: 'ENOENT' });
    expect(ws.readSource(path.join(root, 'big.js'), { maxBytes: 10 })).toEqual({ ok: false, code: 'EFBIG' });
    expect(reads.size).toBe(0);
    expect(ws.text(path.join(root, 'big.js'))).toHaveLength(100);
    expect(ws.readSource(path.join(root, 'big.js'), { maxBytes: 10 })).toEqual({ ok: false, code: 'EFBIG' });
    expect(reads.get(path.join(root, 'big.js'))).toBe(1);
    expect(ws.migration('dir.js')).toMatchObject({ status: 'unreadable', error: { message: 'cannot read file (EISDIR)' } });
  });

  it.skipIf(process.platform === 'win32')('does not block on a FIFO: it is not a regular file', () => {
    const root = tempProject({});
    const fifo = path.join(root, '20240101-fifo.js');
    execFileSync('mkfifo', [fifo]);
    const ws = new Workspace(root);
    expect(ws.readSource(fifo).ok).toBe(false);
    expect(ws.migration('20240101-fifo.js').status).toBe('unreadable');
  });

  it('parses once per parser path and transform; forget() reads the disk again', () => {
    const root = tempProject({ 'a.js': '#!/usr/bin/env node\nmodule.exports = 1;\n' });
    const abs = path.join(root, 'a.js');
    const { fs, reads } = countingFs();
    const ws = new Workspace(root, { fs });
    const shebang = { id: 'shebang', apply: (t: string) => (t.startsWith('#!') ? `//${t.slice(2)}` : t) };
    const first = ws.parse(abs, { transform: shebang });
    expect(first?.ok).toBe(true);
    expect(ws.parse(abs, { transform: shebang })).toBe(first);
    expect(ws.parse(abs)).not.toBe(first);
    expect(reads.get(abs)).toBe(1);
    nodeFs.writeFileSync(abs, 'module.exports = 2;\n');
    expect(ws.text(abs)).toContain('#!');
    ws.forget(abs);
    expect(ws.text(abs)).toBe('module.exports = 2;\n');
    expect(reads.get(abs)).toBe(2);
  });
});

describe('Workspace: callSyntax false (the CLI, which offers no rewrites)', () => {
  const source = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT, allowNull: true });
    await queryInterface.addIndex('users', ['bio']);
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};
`;
  const withoutSyntax = (m: ReturnType<typeof migrationOf>) =>
    JSON.parse(JSON.stringify(m, (key, value: unknown) => (key === 'syntax' ? undefined : value))) as unknown;

  it('extracts the same migration without how its calls and functions are written, in layered workspaces too', () => {
    const full = migrationOf(source);
    const lean = migrationOf(source, { callSyntax: false });
    expect(full.up[0]!.syntax?.method).toBe('addColumn');
    expect(full.upFunction.syntax?.receiver).toBe('queryInterface');
    expect([...lean.up, ...lean.down].map((op) => op.syntax)).toEqual([undefined, undefined, undefined]);
    expect([lean.upFunction.syntax, lean.downFunction.syntax]).toEqual([undefined, undefined]);
    expect(withoutSyntax(lean)).toEqual(withoutSyntax(full));
    const root = path.join(REPO, 'virtual');
    const layered = new Workspace(root, { callSyntax: false }).withOverlay(path.join(root, 'migration.js'), { text: source });
    expect(layered.migration('migration.js', { imports: false }).up[0]!.syntax).toBeUndefined();
  });

  it('gives the same findings on fixtures/lms-backend', async () => {
    const dir = path.join(REPO, 'fixtures', 'lms-backend');
    const [full, lean] = await Promise.all([analyzeProject(dir), analyzeProject(dir, { callSyntax: false })]);
    expect(lean.findings.length).toBeGreaterThan(0);
    expect(lean.findings).toEqual(full.findings);
  });
});
