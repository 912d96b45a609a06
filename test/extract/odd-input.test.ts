/**
 * Odd input: the extractor must never throw, must stay fast on big files, and
 * must say "unresolved" rather than go silent on what it cannot read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { extractSource } from '../helpers/extract';
import { op, runCase, src, type Case } from './support';

beforeAll(async () => {
  await loadSqlParser();
});

/** 300 nested ifs on unknown conditions around one call. */
function deepIfs(depth: number): string {
  const lines = ['module.exports = {', '  async up(queryInterface) {'];
  for (let i = 0; i < depth; i++) lines.push(`if (process.env.FLAG_${i}) {`);
  lines.push("await queryInterface.addColumn('users', 'deep', { type: 'TEXT' });");
  for (let i = 0; i < depth; i++) lines.push('}');
  lines.push('  },', '};');
  return lines.join('\n') + '\n';
}

const BIG = 5000;
const bigArray = `[${Array.from({ length: BIG }, (_, i) => `'col_${i}'`).join(', ')}]`;
const bigInsertRows = Array.from({ length: BIG }, (_, i) => `  ('c${i}', 'Country ${i}')`).join(',\n');
const manyStatements = Array.from({ length: 1000 }, (_, i) => `UPDATE settings SET value = '${i}' WHERE key = 'k${i}';`).join('\n');
/** `'SELECT ' + '1 AS c0, ' + '1 AS c1, ' + ... + '1 AS last'`: a valid SELECT built from `terms` string pieces. */
function concatSql(terms: number): string {
  const parts = Array.from({ length: terms }, (_, i) => `'1 AS c${i}, '`).join(' + ');
  return `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.sequelize.query('SELECT ' + ${parts} + '1 AS last');\n  },\n};\n`;
}

const notMigrations: Case[] = [
  { name: 'empty file', source: '', status: 'not-a-migration' },
  { name: 'whitespace only', source: '\n\n   \n', status: 'not-a-migration' },
  {
    name: 'only comments',
    source: src`
      // 'use strict';
      /*
      module.exports = {
        async up(queryInterface) { await queryInterface.dropTable('users'); },
      };
      */
    `,
    status: 'not-a-migration',
  },
  { name: '`module.exports = null`', source: 'module.exports = null;\n', status: 'not-a-migration' },
  { name: '`module.exports = {}`', source: 'module.exports = {};\n', status: 'not-a-migration' },
  { name: '`module.exports = { up: undefined }`', source: 'module.exports = { up: undefined };\n', status: 'not-a-migration' },
  {
    name: 'an object literal at statement level (parsed as a block with a label)',
    source: "{ up: 'ALTER TABLE users DROP COLUMN bio' }\n",
    status: 'not-a-migration',
  },
  {
    name: '`export default async function (queryInterface) {}` (no up member)',
    file: 'migration.mjs',
    source: 'export default async function (queryInterface) {\n  await queryInterface.dropTable("users");\n}\n',
    status: 'not-a-migration',
  },
];

const shapes: Case[] = [
  {
    name: '`up` exported as a non-function `up: require("./x").up`: one unresolved op, not silence',
    source: src`
      'use strict';

      module.exports = {
        up: require('./shared/add-bio').up,
      };
    `,
    exact: false,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'unresolved', unresolved: true, phase: 'up' });
    },
  },
  {
    name: 'computed keys: `["u" + "p"]`, a template key, and a Symbol key beside them',
    source: src`
      const kind = 'down';

      module.exports = {
        [Symbol.for('migralint.meta')]: { author: 'ops' },
        ['u' + 'p']: async (queryInterface) => {
          await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });
        },
        [\`\${kind}\`]: async (queryInterface) => {
          await queryInterface.removeColumn('users', 'bio');
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 6)],
    down: [op('removeColumn', 'users', 'bio', 9)],
  },
  {
    name: 'optional chaining `queryInterface?.addColumn?.(...)` and `queryInterface.sequelize?.query(...)`',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface?.addColumn?.('users', 'bio', { type: 'TEXT' });
          await queryInterface.sequelize?.query('DROP INDEX IF EXISTS users_bio_idx');
        },
      };
    `,
    up: [
      op('addColumn', 'users', 'bio', 3),
      op('removeIndex', null, null, 4, { sql: true, guard: 'sql-if-exists', name: 'users_bio_idx' }),
    ],
  },
  {
    name: "computed method `await queryInterface['addColumn']('users', 'bio', {})`",
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface['addColumn']('users', 'bio', {});
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 3)],
  },
  {
    name: 'method name from a constant `queryInterface[METHOD](...)` resolves',
    source: src`
      const METHOD = 'remove' + 'Column';

      module.exports = {
        async up(queryInterface) {
          await queryInterface[METHOD]('users', 'legacy');
        },
      };
    `,
    up: [op('removeColumn', 'users', 'legacy', 5)],
  },
  {
    name: 'unknown queryInterface method: an unresolved op',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumnIfMissing('users', 'bio', {});
        },
      };
    `,
    up: [op('unresolved', null, null, 3, { unresolved: true })],
  },
  {
    name: 'a call with no arguments keeps the op, names unresolved',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumn();
        },
      };
    `,
    up: [op('addColumn', null, null, 3, { unresolved: true })],
  },
  {
    name: 'getter in the options object and a self-referential object do not throw',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const opts = {
            get type() {
              return 'TEXT';
            },
          };
          opts.self = opts;
          await queryInterface.addColumn('users', 'bio', opts);
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 9)],
  },
  {
    name: 'regex, bigint, class fields and async generators do not throw',
    source: src`
      class Cache {
        #hits = 0n;
        static pattern = /^users_/;
      }

      module.exports = {
        async up(queryInterface) {
          const it = (async function* () {
            yield queryInterface.addColumn('users', 'big', { type: 'BIGINT', defaultValue: 10n });
          })();
          await queryInterface.addColumn(/users/, 'bio', { type: 'TEXT' });
          void new Cache();
          void it;
        },
      };
    `,
    exact: false,
    check: (r) => {
      const bio = r.up.find((o) => o.target.column === 'bio');
      expect(bio).toMatchObject({ op: 'addColumn', target: { table: null }, unresolved: true });
    },
  },
];

const sizes: { name: string; source: string; check: (r: ReturnType<typeof extractSource>) => void }[] = [
  {
    name: '300 nested ifs: one conditional op, no stack overflow',
    source: deepIfs(300),
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'addColumn', conditional: true, loc: { line: 303 } });
    },
  },
  {
    // Decision: past the unroll limit a constant array is treated as an
    // unknown one: one op standing for every iteration (inLoop, name unknown).
    name: `for-of over a ${BIG}-element constant array: one inLoop op`,
    source: src`
      const COLUMNS = ${bigArray};

      module.exports = {
        async up(queryInterface) {
          for (const column of COLUMNS) {
            await queryInterface.removeColumn('wide_table', column);
          }
        },
      };
    `,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'removeColumn', target: { table: 'wide_table', column: null }, inLoop: true, loc: { line: 6 } });
    },
  },
  {
    name: `\`.map\` over a ${BIG}-element constant array: one inLoop op`,
    source: src`
      const COLUMNS = ${bigArray};

      module.exports = {
        up: (queryInterface) => Promise.all(COLUMNS.map((c) => queryInterface.removeColumn('wide_table', c))),
      };
    `,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'removeColumn', inLoop: true, floating: false });
    },
  },
  {
    name: `huge template literal SQL (${BIG} VALUES rows): one insert op`,
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.sequelize.query(\`
            INSERT INTO countries (code, name) VALUES
            ${bigInsertRows};
          \`);
        },
      };
    `,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'insert', target: { table: 'countries' }, sql: true, loc: { line: 3 } });
    },
  },
  {
    name: '1,000 statements in one SQL string: 1,000 ops on the query line',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.sequelize.query(\`${manyStatements}\`);
        },
      };
    `,
    check: (r) => {
      expect(r.up).toHaveLength(1000);
      expect(r.up.every((o) => o.op === 'update' && o.target.table === 'settings' && o.loc.line === 3)).toBe(true);
    },
  },
  {
    name: 'an 800-term string concatenation: resolved, no stack overflow',
    source: concatSql(800),
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'select', sql: true, loc: { line: 3 } });
      expect(r.up[0]!.sqlError).toBeUndefined();
    },
  },
];

const encodings: Case[] = [
  {
    name: 'shebang line',
    source: "#!/usr/bin/env node\nmodule.exports = {\n  up: (qi) => qi.addColumn('users', 'bio', {}),\n};\n",
    up: [op('addColumn', 'users', 'bio', 3)],
  },
  {
    name: 'BOM at file start: lines still right',
    source: "\uFEFF'use strict';\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.addColumn('users', 'bio', {});\n  },\n};\n",
    up: [op('addColumn', 'users', 'bio', 4)],
  },
  {
    name: 'CRLF line endings: lines still right, also after a multi-line SQL template',
    source: src`
      'use strict';

      module.exports = {
        async up(queryInterface) {
          await queryInterface.sequelize.query(\`
            ALTER TABLE users
              ADD COLUMN bio text
          \`);
          await queryInterface.addIndex('users', ['bio'], { name: 'users_bio_idx' });
        },
      };
    `.replace(/\n/g, '\r\n'),
    up: [op('addColumn', 'users', 'bio', 5, { sql: true }), op('addIndex', 'users', null, 9, { name: 'users_bio_idx' })],
  },
  {
    name: 'lone CR line endings (classic Mac) do not throw',
    source: "module.exports = {\r  up: (qi) => qi.addColumn('users', 'bio', {}),\r};\r",
    exact: false,
    check: (r) => {
      expect(r.up).toHaveLength(1);
    },
  },
];

const knownBugs: Case[] = [
  {
    bug: 'interpreter.ts module scope: a class (or enum) binding is computed on first use; a static field that reads the class itself asked for the binding again while it was computed, and the lookup recursed until "Maximum call stack size exceeded" (the whole file reported as an internal error, nothing analyzed)',
    name: 'a class whose static field reads the class itself (a singleton) does not take the migration down',
    source: src`
      class Registry {
        static readonly shared = Registry.create();
        static create() { return new Registry(); }
      }
      enum Level { Low = 1, High = Level.Low + 1 }
      module.exports = {
        async up(queryInterface) {
          Registry.shared;
          Level.High;
          await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });
        },
      };
    `,
    file: 'migration.ts',
    up: [op('addColumn', 'users', 'bio', 10)],
  },
  {
    // The file is valid JavaScript; a parser stack overflow is an engine limit,
    // not the file's syntax error at 1:1.
    bug: 'parse.ts parseSource: typescript-estree\'s recursive AST conversion overflows the stack near 1,000 `+` terms, and the RangeError is caught and reported as a syntax error of the file ("Maximum call stack size exceeded" at 1:1)',
    name: 'a 1,500-term string concatenation parses and extracts',
    source: concatSql(1500),
    exact: false,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'select', sql: true, loc: { line: 3 } });
    },
  },
  {
    bug: 'interpreter.ts evalCall: with a method name that does not evaluate to a string, `receiver?.k === "qi" && method !== null` fails and the call falls through to the unknown-call path, which only reports calls that pass the queryInterface as an argument: the DDL vanishes',
    name: 'dynamic method name `queryInterface[method](...)` is an unresolved op, not silence',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const method = process.env.SOFT_DELETE ? 'addColumn' : 'changeColumn';
          await queryInterface[method]('users', 'deleted_at', { type: 'DATE' });
        },
      };
    `,
    up: [op('unresolved', null, null, 4, { unresolved: true })],
  },
  {
    // The extractor does not execute anything, so it has no reason to give up
    // at a fixed call depth without saying so.
    bug: 'interpreter.ts callFunction: past MAX_CALL_DEPTH (8) it returns UNKNOWN with no op, so the inner steps of a 10-level `.then` pyramid (pre-async style) disappear silently',
    name: 'a 10-level `.then` callback pyramid: every step is extracted',
    source: src`
      module.exports = {
        up(qi) {
          return qi.addColumn('t', 'c0', {}).then(() =>
            qi.addColumn('t', 'c1', {}).then(() =>
              qi.addColumn('t', 'c2', {}).then(() =>
                qi.addColumn('t', 'c3', {}).then(() =>
                  qi.addColumn('t', 'c4', {}).then(() =>
                    qi.addColumn('t', 'c5', {}).then(() =>
                      qi.addColumn('t', 'c6', {}).then(() =>
                        qi.addColumn('t', 'c7', {}).then(() =>
                          qi.addColumn('t', 'c8', {}).then(() =>
                            qi.addColumn('t', 'c9', {}))))))))));
        },
      };
    `,
    up: Array.from({ length: 10 }, (_, i) => op('addColumn', 't', `c${i}`, 3 + i)),
  },
  {
    bug: 'interpreter.ts builtinMethod reduce: unrolls `Math.min(items.length, MAX_UNROLL)` elements without marking anything inLoop, so a 5,000-element reduce yields 500 resolved ops and silently drops 4,500 (for-of and map fall back to one inLoop op instead)',
    name: `\`.reduce\` over a ${BIG}-element constant array behaves like for-of (all ops, or one inLoop op)`,
    source: src`
      const COLUMNS = ${bigArray};

      module.exports = {
        up: (queryInterface) =>
          COLUMNS.reduce((p, c) => p.then(() => queryInterface.removeColumn('wide_table', c)), Promise.resolve()),
      };
    `,
    exact: false,
    check: (r) => {
      const allUnrolled = r.up.length === BIG;
      const oneLoop = r.up.length === 1 && r.up[0]!.inLoop;
      expect(allUnrolled || oneLoop, `got ${r.up.length} ops`).toBe(true);
    },
  },
  {
    // parseSource strips the BOM before parsing, but extractSource / project.ts
    // hand the un-stripped text to the extractor, so every source slice taken
    // with AST ranges is shifted by one character.
    bug: 'interpreter.ts text()/calleeText (fed by extract-migration.ts moduleContext): ranges come from the BOM-stripped text but slice the original source, so `callee` (and catch-guard details) are off by one character after a BOM',
    name: 'BOM at file start: `callee` text intact',
    source: "\uFEFF'use strict';\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.addColumn('users', 'bio', {});\n  },\n};\n",
    up: [op('addColumn', 'users', 'bio', 4, { callee: 'queryInterface.addColumn' })],
  },
  {
    // Debatable: `up: 42` is visibly not a function; the runner fails with
    // "migration.up is not a function". Chosen: not-a-migration (as for a
    // missing up), keeping `unresolved` for values the extractor cannot see
    // through (`require('./x').up`).
    bug: 'extract-migration.ts extractMigration/runPhase: any non-undefined `up` that is not a function is run through runPhase and reported as status ok with an unresolved op, even a literal',
    name: '`module.exports = { up: 42 }` is not a migration',
    source: 'module.exports = { up: 42 };\n',
    status: 'not-a-migration',
  },
  {
    // Debatable: `down: null` is a missing down spelled out. Chosen: no ops
    // (downFunction not present), not an unresolved op.
    bug: 'extract-migration.ts extractMigration: only `undefined` counts as a missing down, so `down: null` goes to runPhase and yields an "unresolved" op',
    name: '`down: null` is a missing down, not an unresolved operation',
    source: src`
      module.exports = {
        up: (queryInterface) => queryInterface.addColumn('users', 'bio', { type: 'TEXT' }),
        down: null,
      };
    `,
    up: [op('addColumn', 'users', 'bio', 2)],
    down: [],
  },
  {
    // The op stands for the whole up: it should point at `up`, not at line 1.
    bug: 'extract-migration.ts runPhase: the unresolved op for a non-function up/down gets a hard-coded loc of 1:1 instead of the location of the exported value',
    name: '`up: require("./x").up`: the unresolved op is reported on the line of `up`',
    source: src`
      'use strict';

      module.exports = {
        up: require('./shared/add-bio').up,
      };
    `,
    up: [op('unresolved', null, null, 4, { unresolved: true })],
  },
  {
    // Debatable: a getter is just a function the runner calls when it reads
    // `migration.up`. Chosen: follow it; an `unresolved` op would also be
    // acceptable, status ok either way.
    bug: 'interpreter.ts evalObject: `get up() {}` is stored as UNKNOWN, so the file is reported with an opaque unresolved up although the getter plainly returns a local function',
    name: 'getter `get up() { return async (qi) => ... }` is followed',
    source: src`
      module.exports = {
        get up() {
          return async (queryInterface) => {
            await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });
          };
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 4)],
  },
];

describe('files that are not migrations (never throw)', () => {
  it.each(notMigrations)('$name', (c) => {
    const r = runCase(c);
    expect(r.notMigrationReason).toBeTruthy();
  });
});

describe('odd shapes never throw and never go silent', () => {
  it.each(shapes)('$name', (c) => {
    runCase(c);
  });
});

describe('big input stays fast', () => {
  it.each(sizes)('$name', ({ source, check }) => {
    const start = performance.now();
    const r = extractSource(source);
    const ms = performance.now() - start;
    expect(r.status).toBe('ok');
    check(r);
    // Loose: a regression to quadratic behaviour would blow well past this.
    expect(ms).toBeLessThan(2000);
  });
});

describe('encodings and line endings', () => {
  it.each(encodings)('$name', (c) => {
    runCase(c);
  });
});

describe('regressions: bugs found by adversarial review, now fixed', () => {
  it.each(knownBugs)('$name', (c) => {
    runCase(c);
  });
});
