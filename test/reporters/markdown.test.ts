/**
 * The Markdown safety report.
 *
 * Golden files: test/golden/lms-backend.md and test/golden/broken-project.md
 * hold the exact report of the two fixtures. After an intended change to
 * the report (or to a rule's findings), regenerate them and READ the diff:
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/reporters/markdown.test.ts
 *
 * The tool version is pinned to 0.1.0 and the project root to the fixture's
 * repo-relative path, so the goldens do not change with the package version
 * or the directory the tests run from.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { markdownReporter } from '../../src/reporters/markdown';
import { cell, code, collapse, table } from '../../src/reporters/markdown/format';
import { shortOp, shortOps, guardCounts } from '../../src/reporters/markdown/operations';
import { analyzeNumbering } from '../../src/reporters/markdown/numbering';
import { ordinal } from '../../src/reporters/markdown/verdict';
import { FORMATS } from '../../src/reporters/registry';
import type { Operation } from '../../src/model';
import { REPO } from '../helpers/extract';

const TOOL = { name: 'migralint', version: '0.1.0' };
const GOLDEN_DIR = path.join(REPO, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// marked is ESM-only and these tests compile as CommonJS: load it with a dynamic import.
let toHtml: (md: string) => string;
beforeAll(async () => {
  const { marked } = await import('marked');
  toHtml = (md) => marked.parse(md, { gfm: true, async: false });
});

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-md-${prefix}-`));
  tmpDirs.push(d);
  return d;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Analyzes `absDir` and renders the Markdown report as if the root had been given as `displayRoot`. */
async function render(absDir: string, displayRoot: string): Promise<string> {
  const result = await analyzeProject(absDir);
  const project = { ...result.project, project: { ...result.project.project, root: displayRoot } };
  return markdownReporter.render({ project, findings: result.findings, tool: TOOL });
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`missing golden file ${path.relative(REPO, file)}: run with UPDATE_GOLDEN=1 and read it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Copies a fixture with every migration's line endings turned into CRLF. */
function crlfCopy(fixture: string): string {
  const dest = path.join(tmp('crlf'), fixture);
  cpSync(path.join(REPO, 'fixtures', fixture), dest, { recursive: true });
  const dir = path.join(dest, 'migrations');
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    const lf = readFileSync(p, 'utf8').replace(/\r\n/g, '\n');
    writeFileSync(p, lf.replace(/\n/g, '\r\n'));
  }
  return dest;
}

const FIXTURES = ['lms-backend', 'broken-project'] as const;

describe('markdown report: golden files', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture} matches test/golden/${fixture}.md`, async () => {
      const md = await render(path.join(REPO, 'fixtures', fixture), `fixtures/${fixture}`);
      golden(`${fixture}.md`, md);
    });

    it(`${fixture} with CRLF migrations gives the identical report`, async () => {
      const lf = await render(path.join(REPO, 'fixtures', fixture), `fixtures/${fixture}`);
      const crlf = await render(crlfCopy(fixture), `fixtures/${fixture}`);
      expect(crlf).toBe(lf);
    });
  }

  it('is deterministic: two renders are byte-identical', async () => {
    const a = await render(path.join(REPO, 'fixtures', 'lms-backend'), 'fixtures/lms-backend');
    const b = await render(path.join(REPO, 'fixtures', 'lms-backend'), 'fixtures/lms-backend');
    expect(b).toBe(a);
    expect(a).not.toMatch(/\r/);
    expect(a).not.toMatch(/\b20\d\d-\d\d-\d\d\b|\d\d:\d\d:\d\d/);
  });

  it('is the first and default format', () => {
    expect(FORMATS[0]).toBe('markdown');
  });
});

describe('markdown report: what it says about lms-backend', () => {
  let md = '';
  it('renders', async () => {
    md = await render(path.join(REPO, 'fixtures', 'lms-backend'), 'fixtures/lms-backend');
    expect(md.length).toBeGreaterThan(0);
  });

  it('names the destructive down of 031, column by column, and nothing else as data loss', () => {
    const section = md.slice(md.indexOf('### ⚠️ What can lose data'), md.indexOf('## Migration run order'));
    expect(section).toContain('#### `031-add-profile-fields-to-users.js`');
    for (const c of ['bio', 'phone', 'location']) expect(section).toContain(`\`users.${c}\`: column dropped with its data`);
    expect(section.match(/^#### /gm)).toHaveLength(1);
  });

  it('says the duplicate 009 prefix, the gaps and the naming schemes', () => {
    expect(md).toContain('`009` is shared by `009-create-chapter-progress.js` and `009-update-chapters-for-urls.js`');
    expect(md).toContain('**Gaps:** `013`, `020`-`029` (11 numbers missing)');
    expect(md).toContain('`NNN-` for 27 files');
    expect(md).toContain('`YYYYMMDDHHMMSS-` for 4 files');
  });

  it('flags no createTable and no guarded step', () => {
    const findings = md.slice(md.indexOf('## Findings'), md.indexOf('## Data Safety Verdict'));
    expect(findings).not.toMatch(/`createTable` on/);
    expect(findings).not.toContain('007-add-url-analysis.js');
    expect(findings).not.toContain('034-add-test-id-to-chapters.js');
    expect(md).toContain('`createTable` is idempotent');
  });

  it('gives the verdict per command: migrate safe, undo last safe, undo all loses 031 columns', () => {
    const verdict = md.slice(md.indexOf('## Data Safety Verdict'));
    const all = verdict.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Scenario'));
    // The npm scripts first (the seed's table), then the runner's own commands.
    const scripts = all.filter((l) => l.startsWith('| `npm run '));
    expect(scripts.map((l) => l.split(' | ')[0]!.replace(/^\| /, '') + ' ' + l.split(' | ')[2])).toEqual([
      '`npm run db:setup:dev` ✅ Yes |',
      '`npm run db:setup:dev:fresh` ❌ No |',
      '`npm run db:create-admin` ✅ Yes |',
      '`npm run db:seed` ✅ Yes |',
      '`npm run db:setup:prod` ✅ Yes |',
      '`npm run db:migrate` ✅ Yes |',
      '`npm run db:migrate:status` ✅ Yes |',
      '`npm run db:migrate:undo` ✅ Yes |',
      '`npm run legacy:create-tables` ✅ Yes |',
      '`npm run legacy:delete-tables` ❌ No |',
    ]);
    const rows = all.filter((l) => !l.startsWith('| `npm run '));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/db:migrate`\) \| None.*\| ✅ Yes \|$/);
    expect(rows[1]).toMatch(/20241201000003-create-chat-tables\.js` is empty \| ✅ Yes \|$/);
    expect(rows[2]).toContain('`users.bio`');
    expect(rows[2]).toContain('11th undo');
    expect(rows[2]).toMatch(/❌ No \|$/);
  });

  it('reproduces the seed command tables per environment, with the data-loss column', () => {
    const section = md.slice(md.indexOf('## Database setup commands'), md.indexOf('## Migration run order'));
    const row = (name: string) => section.split('\n').find((l) => l.startsWith(`| \`npm run ${name}\` |`));
    expect(section.indexOf('### Development')).toBeLessThan(section.indexOf('`npm run db:setup:dev:fresh`'));
    expect(row('db:setup:dev:fresh')).toContain('⚠️ YES: all data');
    expect(row('db:setup:dev')).toContain('❌ No');
    expect(row('db:migrate')).toContain('❌ No');
    expect(row('legacy:delete-tables')).toContain('⚠️ YES: all data');
    expect(section).toContain('3-second countdown (scripts/setup-dev.js:40)');
    expect(section).toMatch(/### Legacy[\s\S]*legacy:delete-tables/);
  });

  it('reports the model field no migration creates, with its file and line', () => {
    const section = md.slice(md.indexOf('## Models and migrations'), md.indexOf('## Database configuration'));
    expect(section).toContain('[`models/User.js:89`](models/User.js#L89): `User.linkedinUrl` (column `linkedin_url` of `users`)');
  });
});

describe('markdown report: renders as valid GitHub-flavoured Markdown', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}: every table is a <table>, no broken row, no stray pipe or backtick, headings present`, async () => {
      const md = await render(path.join(REPO, 'fixtures', fixture), `fixtures/${fixture}`);
      const html = toHtml(md);

      const separators = md.split('\n').filter((l) => l.startsWith('|---'));
      const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
      expect(tables.length).toBeGreaterThan(0);
      expect(tables).toHaveLength(separators.length);

      for (const t of tables) {
        const headerCells = (t.match(/<thead>[\s\S]*?<\/thead>/)![0].match(/<th[ >]/g) ?? []).length;
        const body = t.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0] ?? '';
        const rows = body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
        for (const r of rows) expect((r.match(/<td[ >]/g) ?? []).length, r).toBe(headerCells);
      }

      const outside = html.replace(/<table>[\s\S]*?<\/table>/g, '').replace(/<pre>[\s\S]*?<\/pre>/g, '');
      expect(outside).not.toContain('|');
      // A backtick left in the HTML is a code span that did not close.
      expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toContain('`');

      for (const h of ['Executive summary', 'Data-loss analysis', 'Migration run order', 'Numbering', 'Safety features found', 'Findings', 'Data Safety Verdict']) {
        expect(html).toMatch(new RegExp(`<h2[^>]*>${h}</h2>`));
      }
      expect(html).toMatch(/<h1[^>]*>Migration safety report: /);
    });
  }
});

describe('markdown report: broken-project', () => {
  it('reports the parse error and the files that are not migrations, and does not pretend to know their effect', async () => {
    const md = await render(path.join(REPO, 'fixtures', 'broken-project'), 'fixtures/broken-project');
    expect(md).toContain('**Verdict: ❌ UNSAFE.**');
    expect(md).toContain('`parse-error`');
    expect(md).toContain('not analyzed: does not parse (line 8)');
    expect(md).toContain('| not a migration |');
    expect(md).toMatch(/Not analyzed \(it does not parse\)/);
    expect(md).toMatch(/Run pending migrations.*⚠️ Maybe \|/);
  });
});

describe('markdown report: scenarios on small projects', () => {
  function project(files: Record<string, string>): string {
    const root = path.join(tmp('proj'), 'app');
    mkdirSync(path.join(root, 'migrations'), { recursive: true });
    for (const [name, source] of Object.entries(files)) writeFileSync(path.join(root, 'migrations', name), source);
    return root;
  }
  const mig = (up: string, down: string) => `module.exports = {\n  async up(queryInterface, Sequelize) {\n${up}\n  },\n  async down(queryInterface) {\n${down}\n  },\n};\n`;

  it('an up that drops a table makes db:migrate unsafe; undo:all stops at a throwing down', async () => {
    const root = project({
      '001-create-a.js': mig("    await queryInterface.createTable('a', { id: Sequelize.INTEGER });", "    await queryInterface.dropTable('a');"),
      '002-irreversible.js': mig("    await queryInterface.addColumn('a', 'b', Sequelize.STRING);", "    throw new Error('irreversible');"),
      '003-drop-old.js': mig("    await queryInterface.dropTable('old_things');", '    // nothing'),
    });
    const md = await render(root, 'app');
    expect(md).toContain('# Migration safety report: app');
    expect(md).toContain('`old_things`: table dropped with every row (`dropTable`, line 3');
    const verdict = md.slice(md.indexOf('## Data Safety Verdict'));
    expect(verdict).toMatch(/db:migrate`\) \| `003-drop-old\.js` drops table `old_things` \| ❌ No \|/);
    expect(verdict).toMatch(/Undo last migration \(`db:migrate:undo`\) \| None: the `down` of `003-drop-old\.js` is empty \| ✅ Yes \|/);
    // 002 throws: 001's dropTable is never reached by undo:all.
    expect(verdict).toMatch(/Undo all.*stops at `002-irreversible\.js` \(its `down` throws\).*\| ✅ Yes \|/);
    expect(md).toContain('| 2 | `002-irreversible.js` | `addColumn a.b` | 0/1 guarded | throws (irreversible) |');
  });

  it('raw SQL deletes, filtered deletes and unresolved calls are named with their certainty', async () => {
    const root = project({
      '001-cleanup.js': mig(
        [
          "    await queryInterface.sequelize.query('DELETE FROM audit_logs');",
          "    await queryInterface.sequelize.query(\"UPDATE users SET role = 'member' WHERE role = 'guest'\");",
          '    await someHelper(queryInterface);',
        ].join('\n'),
        "    await queryInterface.bulkDelete('settings', { key: 'beta' });",
      ),
    });
    const md = await render(root, 'app');
    const section = md.slice(md.indexOf('### ⚠️ What can lose data'), md.indexOf('## Migration run order'));
    expect(section).toContain('`audit_logs`: every row deleted (`delete`, line 3');
    expect(section).toContain('`users`: rows matching');
    expect(section).toContain('overwritten (`update`, line 4');
    expect(section).toContain("rows matching `{ key: 'beta' }` deleted (`bulkDelete`, line 8");
    const verdict = md.slice(md.indexOf('## Data Safety Verdict'));
    expect(verdict).toMatch(/db:migrate`\) \| `001-cleanup\.js` deletes every row of `audit_logs`; overwrites some rows of `users`.*\| ❌ No \|/);
    expect(verdict).toMatch(/Undo last migration.*deletes some rows of `settings` \| ⚠️ Maybe \|/);
  });

  it('shows only the last segment of an absolute root', async () => {
    const root = project({ '001-a.js': mig("    await queryInterface.createTable('a', {});", '') });
    const result = await analyzeProject(root);
    const md = markdownReporter.render({ project: result.project, findings: result.findings, tool: TOOL });
    expect(md).toContain('# Migration safety report: app');
    expect(md).toContain('Project `app` ·');
    expect(md).not.toContain(os.tmpdir());
  });

  it('safe with only infos: the verdict says no error or warning, and counts the info notes', async () => {
    const root = project({
      '20240101000000-create-notes.js': `module.exports = {
  async up(queryInterface, Sequelize) { await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true } }); },
  async down(queryInterface) { await queryInterface.dropTable('notes'); },
};
`,
    });
    const md = await render(root, 'app');
    expect(md).toContain('**Verdict: ✅ SAFE.** No error or warning: nothing in these migrations was found to lose existing data, fail half-way or need review; one info note below for the record.');
    expect(md).not.toContain('No finding:');
  });

  it('an empty project still renders every section', async () => {
    const root = project({});
    const md = await render(root, 'app');
    expect(md).toContain('**Verdict: ✅ SAFE.**');
    expect(md).toContain('No migration files.');
    expect(md).toContain('No findings.');
  });
});

// ---------------------------------------------------------------- helpers

function op(partial: Partial<Operation> & Pick<Operation, 'op'>): Operation {
  return {
    phase: 'up',
    target: { table: null, column: null },
    guarded: false,
    guard: null,
    inTransaction: false,
    inTransactionCallback: false,
    conditional: false,
    inLoop: false,
    floating: false,
    unresolved: false,
    options: {},
    loc: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    callee: `queryInterface.${partial.op}`,
    ...partial,
  };
}
const t = (table: string | null, column: string | null = null, extra: Record<string, string> = {}) => ({ table, column, ...extra });

describe('operation short forms', () => {
  it('names each kind of operation in a few words', () => {
    expect(shortOp(op({ op: 'createTable', target: t('users') }))).toBe('createTable users');
    expect(shortOp(op({ op: 'addIndex', target: t('users'), fields: ['email'] }))).toBe('addIndex users(email)');
    expect(shortOp(op({ op: 'addIndex', target: t('users'), fields: ['a', null] }))).toBe('addIndex users(a, ?)');
    expect(shortOp(op({ op: 'removeIndex', target: t('users', null, { name: 'users_email' }) }))).toBe('removeIndex users users_email');
    expect(shortOp(op({ op: 'addColumn', target: t('users', 'bio') }))).toBe('addColumn users.bio');
    expect(shortOp(op({ op: 'addColumn', target: { table: 'users', column: 'bio', schema: 'app' } }))).toBe('addColumn app.users.bio');
    expect(shortOp(op({ op: 'removeColumn', target: t(null, 'bio') }))).toBe('removeColumn ?.bio');
    expect(shortOp(op({ op: 'renameColumn', target: t('users', 'name', { newName: 'full_name' }) }))).toBe('renameColumn users.name → full_name');
    expect(shortOp(op({ op: 'renameTable', target: t('a', null, { newName: 'b' }) }))).toBe('renameTable a → b');
    expect(shortOp(op({ op: 'alterType', target: t(null, null, { name: 'enum_status' }) }))).toBe('alterType enum_status');
    expect(shortOp(op({ op: 'dropAllTables' }))).toBe('dropAllTables');
    expect(shortOp(op({ op: 'unresolved', callee: 'helpers.addAll' }))).toBe('unresolved helpers.addAll');
  });

  it('merges column ops on one table, counts repeats, leaves out reads and collapses long lists', () => {
    const cols = ['a', 'b', 'c'].map((c) => op({ op: 'addColumn', target: t('users', c) }));
    expect(shortOps(cols)).toBe('addColumn users.{a, b, c}');
    const same = [op({ op: 'changeColumn', target: t('courses', 'tags') }), op({ op: 'changeColumn', target: t('courses', 'tags') })];
    expect(shortOps(same)).toBe('changeColumn courses.tags ×2');
    const types = [op({ op: 'alterType', target: t(null, null, { name: 'e' }) }), op({ op: 'alterType', target: t(null, null, { name: 'e' }) })];
    expect(shortOps(types)).toBe('alterType e ×2');
    const withRead = [op({ op: 'describeTable', target: t('users') }), op({ op: 'addColumn', target: t('users', 'x') })];
    expect(shortOps(withRead)).toBe('addColumn users.x');
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => op({ op: 'createTable', target: t(x) }));
    expect(shortOps(many)).toBe('createTable a, createTable b, createTable c, createTable d, +2 more');
    const wide = ['a', 'b', 'c', 'd', 'e'].map((c) => op({ op: 'removeColumn', target: t('u', c) }));
    expect(shortOps(wide)).toBe('removeColumn u.{a, b, c, d, +1 more}');
    expect(shortOps([])).toBe('');
  });

  it('counts guarded write steps only', () => {
    const ops = [
      op({ op: 'describeTable', target: t('users') }),
      op({ op: 'addColumn', target: t('users', 'x'), guarded: true, guard: { kind: 'existence-check' } }),
      op({ op: 'addIndex', target: t('users'), fields: ['x'] }),
      op({ op: 'transactionControl' }),
    ];
    expect(guardCounts(ops)).toEqual({ guarded: 1, writes: 2 });
  });
});

describe('numbering analysis', () => {
  it('finds the duplicate, the gaps and both schemes of lms-backend', () => {
    const names = ['001-a.js', '002-b.js', '004-c.js', '004-d.js', '010-e.js', '20241201000000-f.js', '20241201000001-g.js'];
    const n = analyzeNumbering(names);
    expect(n.schemes.map((s) => [s.label, s.files.length, s.first, s.last])).toEqual([
      ['NNN-', 5, '001', '010'],
      ['YYYYMMDDHHMMSS-', 2, '20241201000000', '20241201000001'],
    ]);
    expect(n.duplicates).toEqual([{ prefix: '004', files: ['004-c.js', '004-d.js'] }]);
    expect(n.gaps).toEqual([
      ['003', '003'],
      ['005', '009'],
    ]);
    expect(n.missingCount).toBe(6);
    expect(n.stringOrderIsNumeric).toBe(true);
  });

  it('sees string order part from numeric order, unpadded numbers clash with padded ones', () => {
    // Plain string sort, as the runner does: "10-" < "9-".
    const names = ['009-x.js', '10-b.js', '9-a.js', 'seed-data.js'].sort();
    const n = analyzeNumbering(names);
    expect(n.stringOrderIsNumeric).toBe(false);
    expect(n.inversions).toEqual([{ runsFirst: '10-b.js', runsAfter: '9-a.js' }]);
    expect(n.duplicates).toEqual([{ prefix: '009', files: ['009-x.js', '9-a.js'] }]);
    expect(n.schemes.map((s) => s.label)).toEqual(['N-', 'NN-', 'NNN-', 'no numeric prefix']);
  });

  it('a timestamp and a counter carry no order between them: no inversion, no gap', () => {
    const n = analyzeNumbering(['20240101000000-a.js', '300-b.js']);
    expect(n.inversions).toEqual([]);
    expect(n.gaps).toEqual([]);
  });

  it('reads date stamps of every precision and ISO dates as dates: no gap, no false duplicate, no inversion', () => {
    const n = analyzeNumbering(['2025-06-16-00_a.ts', '2025-06-16_01_b.ts', '20250717152500-c.js', '20251012-d.js', '20251012-e.js']);
    expect(n.schemes.map((s) => [s.label, s.kind, s.files.length, s.first, s.last])).toEqual([
      ['YYYYMMDD-', 'timestamp', 2, '20251012', '20251012'],
      ['YYYY-MM-DD-NN_', 'timestamp', 1, '2025-06-16-00', '2025-06-16-00'],
      ['YYYY-MM-DD_NN_', 'timestamp', 1, '2025-06-16_01', '2025-06-16_01'],
      ['YYYYMMDDHHMMSS-', 'timestamp', 1, '20250717152500', '20250717152500'],
    ]);
    expect(n.duplicates).toEqual([{ prefix: '20251012', files: ['20251012-d.js', '20251012-e.js'] }]);
    expect(n.gaps).toEqual([]);
    expect(n.missingCount).toBe(0);
    expect(n.stringOrderIsNumeric).toBe(true);
  });

  it('one unpadded number among padded ones is one inversion, not one per later file', () => {
    const n = analyzeNumbering(['074_a.js', '075_b.js', '077_c.js', '078_d.js', '113_e.js', '76_f.js']);
    expect(n.inversions).toEqual([{ runsFirst: '113_e.js', runsAfter: '76_f.js' }]);
    expect(n.gaps).toEqual([['079', '112']]);
  });
});

describe('Markdown escaping', () => {
  it('escapes pipes in table cells, code spans included', () => {
    expect(cell('a|b')).toBe('a\\|b');
    expect(cell('`a|b`')).toBe('`a\\|b`');
    expect(cell('already\\|escaped')).toBe('already\\|escaped');
    expect(cell('two\nlines')).toBe('two lines');
    expect(cell('')).toBe(' ');
  });

  it('makes code spans that survive backticks', () => {
    expect(code('users')).toBe('`users`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`quoted`')).toBe('`` `quoted` ``');
  });

  it('builds tables that marked renders cell for cell', () => {
    const md = table(['Name', 'Value'], [[code('a|b'), 'x | y'], [code('c`d'), 'plain']]);
    const html = toHtml(md);
    expect(html).toContain('<td><code>a|b</code></td>');
    expect(html).toContain('<td>x | y</td>');
    expect(html).toContain('<td><code>c`d</code></td>');
    expect(() => table(['a', 'b'], [['only one']])).toThrow();
  });

  it('collapses long lists and spells ordinals', () => {
    expect(collapse(['a', 'b'])).toBe('a, b');
    expect(collapse(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d, +2 more');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th']);
  });
});
