/**
 * Control flow around database calls: helpers, recursion, promise plumbing,
 * branches, loops, early exits.
 *
 * Flags follow src/model.ts: `conditional` when the op may not run (if, ?:,
 * &&, ||, switch, after a possible early exit); `inLoop` only when the loop
 * could not be unrolled; `floating` when the op's promise is dropped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { op, runCase, src, type Case } from './support';

beforeAll(async () => {
  await loadSqlParser();
});

const helpers: Case[] = [
  {
    name: 'nested helpers calling helpers, each call site binding its own arguments',
    source: src`
      async function addColumn(qi, table, column, type) {
        await qi.addColumn(table, column, { type, allowNull: true });
      }

      async function addAuditColumns(qi, table) {
        await addColumn(qi, table, 'created_by', 'INTEGER');
        await addColumn(qi, table, 'updated_by', 'INTEGER');
      }

      module.exports = {
        async up(queryInterface) {
          await addAuditColumns(queryInterface, 'orders');
          await addAuditColumns(queryInterface, 'invoices');
        },
      };
    `,
    up: [
      op('addColumn', 'orders', 'created_by', 2, { options: { type: 'INTEGER', allowNull: true } }),
      op('addColumn', 'orders', 'updated_by', 2),
      op('addColumn', 'invoices', 'created_by', 2),
      op('addColumn', 'invoices', 'updated_by', 2),
    ],
  },
  {
    name: 'helper declared inside up after its use (hoisted), closing over the receiver',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await addFlags();

          async function addFlags() {
            await queryInterface.addColumn('users', 'is_admin', { type: 'BOOLEAN', defaultValue: false });
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'is_admin', 6)],
  },
  {
    name: 'closures built by `.map` then called from an unrolled loop',
    source: src`
      const TABLES = ['users', 'teams'];

      module.exports = {
        async up(qi) {
          const steps = TABLES.map((table) => () => qi.addColumn(table, 'deleted_at', { type: 'DATE' }));
          for (const step of steps) {
            await step();
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'deleted_at', 5), op('addColumn', 'teams', 'deleted_at', 5)],
  },
  {
    name: 'recursion with no static bound terminates (the first level is still read)',
    source: src`
      async function dropOldPartitions(qi, year) {
        await qi.sequelize.query(\`DROP TABLE IF EXISTS events_\${year}\`);
        if (year > 2000) await dropOldPartitions(qi, year - 1);
      }

      module.exports = {
        async up(queryInterface) {
          await dropOldPartitions(queryInterface, 2019);
        },
      };
    `,
    exact: false,
    check: (r) => {
      // Termination is the point; the first statement is known exactly.
      expect(r.up.length).toBeGreaterThanOrEqual(1);
      expect(r.up.length).toBeLessThan(50);
      expect(r.up[0]).toMatchObject({ op: 'dropTable', target: { table: 'events_2019' }, conditional: false });
    },
  },
  {
    name: 'mutual recursion terminates',
    source: src`
      const ping = (qi, n) => (n > 0 ? pong(qi, n - 1) : qi.addColumn('users', 'ping', {}));
      const pong = (qi, n) => ping(qi, n);

      module.exports = { up: (qi) => ping(qi, 3) };
    `,
    exact: false,
    check: (r) => {
      expect(r.up.length).toBeLessThan(50);
    },
  },
  {
    name: 'IIFE `await (async () => { ... })()` is followed and awaited',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await (async () => {
            await queryInterface.addColumn('users', 'nickname', { type: 'STRING' });
          })();
        },
      };
    `,
    up: [op('addColumn', 'users', 'nickname', 4)],
  },
  {
    name: 'an IIFE left un-awaited as a statement floats',
    source: src`
      module.exports = {
        async up(queryInterface) {
          (async () => {
            await queryInterface.addIndex('users', ['nickname']);
          })();
        },
      };
    `,
    up: [op('addIndex', 'users', null, 4, { floating: true })],
  },
  {
    name: 'an async helper called without await floats',
    source: src`
      async function seed(qi) {
        await qi.bulkInsert('roles', [{ name: 'admin' }, { name: 'member' }]);
      }

      module.exports = {
        async up(queryInterface) {
          seed(queryInterface);
        },
      };
    `,
    up: [op('bulkInsert', 'roles', null, 2, { floating: true })],
  },
];

const promises: Case[] = [
  {
    // sequelize-auto-migrations writes this runner into every migration it generates: a chain whose continuation is
    // the next round (`.then(next, reject)`), over a constant list of commands, with a counter only the chain changes.
    name: 'sequelize-auto-migrations: `queryInterface[command.fn].apply(queryInterface, command.params).then(next, reject)` over a constant list: each command, in order, awaited',
    source: src`
      var migrationCommands = [
        { fn: 'createTable', params: ['badges', { id: { type: 'INTEGER', primaryKey: true } }, {}] },
        { fn: 'addColumn', params: ['users', 'badgeId', { type: 'INTEGER' }] },
        { fn: 'removeColumn', params: ['users', 'legacyBadge'] },
      ];
      var undoCommands = [
        { fn: 'removeColumn', params: ['users', 'badgeId'] },
        { fn: 'dropTable', params: ['badges'] },
      ];
      module.exports = {
        pos: 0,
        up: function (queryInterface, Sequelize) {
          var index = this.pos;
          return new Promise(function (resolve, reject) {
            function next() {
              if (index < migrationCommands.length) {
                let command = migrationCommands[index];
                index++;
                queryInterface[command.fn].apply(queryInterface, command.params).then(next, reject);
              } else resolve();
            }
            next();
          });
        },
        down: function (queryInterface, Sequelize) {
          var index = this.pos;
          return new Promise(function (resolve, reject) {
            function next() {
              if (index < undoCommands.length) {
                let command = undoCommands[index];
                index++;
                queryInterface[command.fn].apply(queryInterface, command.params).then(next, reject);
              } else resolve();
            }
            next();
          });
        },
      };
    `,
    // Each step at its own command (its `fn`), not at the loop every command goes through.
    up: [op('createTable', 'badges', null, 2, { guard: 'idempotent' }), op('addColumn', 'users', 'badgeId', 3), op('removeColumn', 'users', 'legacyBadge', 4)],
    down: [op('removeColumn', 'users', 'badgeId', 7), op('dropTable', 'badges', null, 8, { guard: 'idempotent' })],
  },
  {
    name: 'the generator\'s later template: commands built for a transaction, spread into `queryInterface[command.fn](...command.params)`, the last round settling through `.then(resolve)`',
    source: src`
      const migrationCommands = (transaction) => [
        { fn: 'addColumn', params: ['orders', 'note', { type: 'TEXT' }, { transaction }] },
        { fn: 'addIndex', params: ['orders', ['note'], { name: 'orders_note', transaction }] },
      ];
      module.exports = {
        pos: 0,
        execute(queryInterface, Sequelize, _commands) {
          let index = this.pos;
          function run(transaction) {
            const commands = _commands(transaction);
            return new Promise((resolve, reject) => {
              function next() {
                if (index < commands.length) {
                  const command = commands[index];
                  index++;
                  queryInterface[command.fn](...command.params).then(next, reject);
                } else queryInterface.sequelize.query('SELECT 1').then(resolve);
              }
              next();
            });
          }
          return run(null);
        },
        up(queryInterface, Sequelize) {
          return this.execute(queryInterface, Sequelize, migrationCommands);
        },
      };
    `,
    up: [op('addColumn', 'orders', 'note', 2), op('addIndex', 'orders', null, 3, { name: 'orders_note' }), op('select', null, null, 17, { sql: true })],
  },
  {
    name: 'a counter also changed outside the chain: not followed, so the command is unknown (one unresolved call, under the loop\'s undecided test)',
    source: src`
      const commands = [{ fn: 'addColumn', params: ['users', 'a', { type: 'INTEGER' }] }];
      module.exports = {
        up(queryInterface) {
          let index = 0;
          index++;
          return new Promise((resolve, reject) => {
            function next() {
              if (index < commands.length) {
                const command = commands[index];
                index++;
                queryInterface[command.fn].apply(queryInterface, command.params).then(next, reject);
              } else resolve();
            }
            next();
          });
        },
      };
    `,
    up: [op('unresolved', null, null, 11, { conditional: true, unresolved: true })],
  },
  {
    name: '`.call` on a member of a value a helper returns: the helper runs once (its steps are not emitted twice)',
    source: src`
      function tables(qi) {
        qi.sequelize.query('SET lock_timeout = 1000');
        return { list: () => ['users'] };
      }
      module.exports = {
        async up(queryInterface) {
          const names = tables(queryInterface).list.call(null);
          await queryInterface.addIndex(names[0], ['email']);
        },
      };
    `,
    up: [op('sql', null, null, 2, { sql: true, floating: true }), op('addIndex', 'users', null, 8)],
  },
  {
    // Hold-out 63: `setTimeout(migration, 100, queryInterface)` in `up`: the steps run after `up` has resolved.
    name: '`setTimeout(fn, delay, queryInterface)`: the callback is followed with the arguments after the delay, its steps floating (nothing waits for a timer)',
    source: src`
      module.exports = {
        up: async function up(queryInterface, Sequelize) {
          const migration = async (qi) => {
            await qi.sequelize.query('ALTER TABLE users ADD COLUMN idprofile bigint');
          };
          setTimeout(migration, 100, queryInterface);
          setImmediate(async () => {
            await queryInterface.addIndex('users', ['idprofile']);
          });
        },
      };
    `,
    up: [op('addColumn', 'users', 'idprofile', 4, { sql: true, floating: true }), op('addIndex', 'users', null, 8, { floating: true })],
  },
  {
    name: '`.reduce((p, t) => p.then(() => qi.addColumn(t, ...)), Promise.resolve())` over a constant array',
    source: src`
      const TABLES = ['users', 'teams', 'projects'];

      module.exports = {
        up: (qi, Sequelize) =>
          TABLES.reduce(
            (p, table) => p.then(() => qi.addColumn(table, 'archived', { type: Sequelize.BOOLEAN })),
            Promise.resolve(),
          ),
      };
    `,
    up: [
      op('addColumn', 'users', 'archived', 6),
      op('addColumn', 'teams', 'archived', 6),
      op('addColumn', 'projects', 'archived', 6),
    ],
  },
  {
    name: '`await Promise.all(tables.map(async (t) => { await qi... }))`: unrolled, collected',
    source: src`
      const tables = ['orders', 'refunds'];

      module.exports = {
        async up(queryInterface) {
          await Promise.all(
            tables.map(async (t) => {
              await queryInterface.addIndex(t, ['created_at'], { name: \`\${t}_created_at_idx\` });
            }),
          );
        },
      };
    `,
    up: [
      op('addIndex', 'orders', null, 7, { name: 'orders_created_at_idx' }),
      op('addIndex', 'refunds', null, 7, { name: 'refunds_created_at_idx' }),
    ],
  },
  {
    name: '`Promise.all(...)` as a bare statement: every op floats',
    source: src`
      module.exports = {
        async up(queryInterface) {
          Promise.all(['a', 'b'].map((c) => queryInterface.addColumn('flags', c, { type: 'BOOLEAN' })));
        },
      };
    `,
    up: [op('addColumn', 'flags', 'a', 3, { floating: true }), op('addColumn', 'flags', 'b', 3, { floating: true })],
  },
  {
    // Decision: `forEach(async ...)` drops every promise the callback returns,
    // so up may resolve before the DDL: the ops are floating. The constant
    // array is still unrolled (not inLoop).
    name: '`TABLES.forEach(async (t) => { await qi.addColumn(...) })`: unrolled, floating',
    source: src`
      const TABLES = ['users', 'teams'];

      module.exports = {
        async up(qi) {
          TABLES.forEach(async (table) => {
            await qi.addColumn(table, 'tz', { type: 'STRING' });
          });
        },
      };
    `,
    up: [op('addColumn', 'users', 'tz', 6, { floating: true }), op('addColumn', 'teams', 'tz', 6, { floating: true })],
  },
  {
    name: '`await TABLES.forEach(async ...)`: awaiting forEach\'s undefined does not rescue the promises',
    source: src`
      module.exports = {
        async up(qi) {
          await ['users'].forEach(async (table) => {
            await qi.removeColumn(table, 'legacy_flag');
          });
        },
      };
    `,
    up: [op('removeColumn', 'users', 'legacy_flag', 4, { floating: true })],
  },
  {
    name: '`.catch` handlers that never rethrow are catch-all; `void` and the comma operator drop promises',
    source: src`
      const logError = (e) => console.error(e);

      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumn('users', 'b', {}).catch(logError);
          await queryInterface.addColumn('users', 'c', {}).catch(() => {});
          void queryInterface.addColumn('users', 'd', {});
          await (queryInterface.addColumn('users', 'e', {}), queryInterface.addIndex('users', ['e']));
        },
      };
    `,
    up: [
      op('addColumn', 'users', 'b', 5, { guard: 'catch-all' }),
      op('addColumn', 'users', 'c', 6, { guard: 'catch-all' }),
      op('addColumn', 'users', 'd', 7, { floating: true }),
      op('addColumn', 'users', 'e', 8, { floating: true }),
      op('addIndex', 'users', null, 8),
    ],
  },
  {
    name: 'spread arguments from a constant array',
    source: src`
      const BIO = ['users', 'bio', { type: 'TEXT', allowNull: true }];

      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumn(...BIO);
          await queryInterface.addIndex(...['users', ['bio']], { name: 'users_bio_idx' });
        },
      };
    `,
    up: [
      op('addColumn', 'users', 'bio', 5, { options: { type: 'TEXT', allowNull: true } }),
      op('addIndex', 'users', null, 6, { name: 'users_bio_idx', fields: ['bio'] }),
    ],
  },
  {
    name: 'spread of an unknown array: the op is kept, names unresolved',
    source: src`
      const { columnArgs } = require('../lib/args');

      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumn(...columnArgs());
        },
      };
    `,
    exact: false,
    check: (r) => {
      const adds = r.up.filter((o) => o.op === 'addColumn');
      expect(adds).toHaveLength(1);
      expect(adds[0]!.target).toMatchObject({ table: null, column: null });
      expect(adds[0]!.unresolved).toBe(true);
    },
  },
];

const branches: Case[] = [
  {
    // Hold-out 89: MySQL's catalog statements, read as existence probes like information_schema.
    name: 'MySQL `SHOW INDEXES FROM t` read into a list of names, tested before each addIndex (in a local helper): guarded; `SHOW COLUMNS FROM t` before a MODIFY too',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const [indexes] = await queryInterface.sequelize.query('SHOW INDEXES FROM grades');
          const existing = indexes.map((index) => index.Key_name);
          const createIndexIfNotExists = async (config) => {
            if (!existing.includes(config.name)) {
              await queryInterface.addIndex('grades', config);
            }
          };
          await createIndexIfNotExists({ fields: ['schoolId', 'year'], name: 'idx_grade_school_year' });
          const [columns] = await queryInterface.sequelize.query("SHOW COLUMNS FROM grades WHERE Field IN ('status')");
          if (!columns.find((c) => c.Field === 'status')) {
            await queryInterface.addColumn('grades', 'status', { type: 'STRING' });
          }
        },
      };
    `,
    check: (result) => {
      const steps = result.up.filter((o) => o.op === 'addIndex' || o.op === 'addColumn');
      expect(steps.map((o) => [o.op, o.guard?.kind ?? null, o.guard?.detail ?? null])).toEqual([
        ['addIndex', 'existence-check', 'query(SHOW)'],
        ['addColumn', 'existence-check', 'query(SHOW)'],
      ]);
    },
    exact: false,
  },
  {
    name: '`switch (dialect)` around DDL: each case conditional, in source order',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          const dialect = queryInterface.sequelize.getDialect();
          switch (dialect) {
            case 'postgres':
              await queryInterface.addColumn('docs', 'tags', { type: Sequelize.ARRAY(Sequelize.STRING) });
              break;
            case 'mysql':
              await queryInterface.addColumn('docs', 'tags', { type: Sequelize.JSON });
              break;
            default:
              throw new Error(\`unsupported dialect \${dialect}\`);
          }
        },
      };
    `,
    up: [
      op('addColumn', 'docs', 'tags', 6, { conditional: true, options: { type: 'ARRAY(STRING)' } }),
      op('addColumn', 'docs', 'tags', 9, { conditional: true, options: { type: 'JSON' } }),
    ],
  },
  {
    name: 'ternary `cond ? qi.addColumn(...) : qi.changeColumn(...)`',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const columns = await queryInterface.describeTable('users');
          await (columns.email_verified
            ? queryInterface.changeColumn('users', 'email_verified', { type: 'BOOLEAN', allowNull: false, defaultValue: false })
            : queryInterface.addColumn('users', 'email_verified', { type: 'BOOLEAN', allowNull: false, defaultValue: false }));
        },
      };
    `,
    up: [
      op('describeTable', 'users', null, 3),
      op('changeColumn', 'users', 'email_verified', 5, { conditional: true, guard: 'existence-check' }),
      op('addColumn', 'users', 'email_verified', 6, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'ternary on a constant picks one branch, unconditionally',
    source: src`
      const USE_JSONB = true;

      module.exports = {
        up: (qi) =>
          USE_JSONB
            ? qi.addColumn('events', 'data', { type: 'JSONB' })
            : qi.addColumn('events', 'data', { type: 'TEXT' }),
      };
    `,
    up: [op('addColumn', 'events', 'data', 6, { options: { type: 'JSONB' } })],
  },
  {
    name: '`&&` short-circuit on the environment is conditional; `||` too',
    source: src`
      module.exports = {
        async up(queryInterface) {
          process.env.WITH_SEARCH && (await queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS pg_trgm'));
          (await queryInterface.tableExists('reports')) || (await queryInterface.createTable('reports', { id: { type: 'INTEGER' } }));
        },
      };
    `,
    up: [
      op('createExtension', null, null, 3, { conditional: true, sql: true, guard: 'sql-if-exists' }),
      op('tableExists', 'reports', null, 4),
      op('createTable', 'reports', null, 4, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'a local helper answering whether a read succeeded (`try { describeTable; return true } catch { return false }`) is an existence probe: what `if (!(await exists(t)))` guards is conditional and guarded, not dead',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const exists = async (t) => { try { await queryInterface.describeTable(t); return true; } catch { return false; } };
          if (!(await exists('segments'))) {
            await queryInterface.createTable('segments', { id: { type: 'INTEGER' } });
          }
        },
      };
    `,
    up: [
      op('describeTable', 'segments', null, 3, { guard: 'catch-all' }),
      op('createTable', 'segments', null, 5, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'a flag the catch of a read sets (`let exists = true; try { describeTable } catch { exists = false }`) holds that probe: what an early `if (exists) return` leaves is conditional and guarded (hold-out 67)',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          let exists = true;
          try {
            await queryInterface.describeTable('exercises');
          } catch {
            exists = false;
          }
          if (exists) return;
          await queryInterface.createTable('exercises', { id: { type: Sequelize.INTEGER, primaryKey: true } });
        },
      };
    `,
    up: [
      op('describeTable', 'exercises', null, 5, { guard: 'catch-all' }),
      op('createTable', 'exercises', null, 10, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'a read that returns when it succeeds (`try { describeTable(t); return; } catch {}`): what follows runs where it failed, conditional and guarded (hold-out 72)',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          try {
            await queryInterface.describeTable('journal_entries');
            return;
          } catch {}
          await queryInterface.createTable('journal_entries', { id: { type: Sequelize.INTEGER, primaryKey: true } });
        },
      };
    `,
    up: [
      op('describeTable', 'journal_entries', null, 4, { guard: 'catch-all' }),
      op('createTable', 'journal_entries', null, 7, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'a helper returning a value from such a try (`return tableName` of the first name describeTable reads): the value, as before',
    source: src`
      async function tableOf(qi) {
        for (const name of ['products', 'Products']) {
          try {
            await qi.describeTable(name);
            return name;
          } catch {}
        }
        return null;
      }
      module.exports = {
        async up(queryInterface, Sequelize) {
          const table = await tableOf(queryInterface);
          await queryInterface.addColumn(table, 'sku', { type: Sequelize.STRING });
        },
      };
    `,
    up: [
      op('describeTable', 'products', null, 4, { guard: 'catch-all' }),
      op('addColumn', 'products', 'sku', 13),
    ],
  },
  {
    name: 'a flag set in an arm of a test on a probe (`if (tables.includes(t)) found = true`) holds that probe too',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          const tables = await queryInterface.showAllTables();
          let found = false;
          if (tables.includes('badges')) found = true;
          if (!found) {
            await queryInterface.createTable('badges', { id: { type: Sequelize.INTEGER, primaryKey: true } });
          }
        },
      };
    `,
    up: [
      op('showAllTables', null, null, 3),
      op('createTable', 'badges', null, 7, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    name: 'a flag the catch of a write sets is no probe: what it decides is conditional only',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          let failed = false;
          try {
            await queryInterface.addColumn('badges', 'rank', { type: Sequelize.INTEGER });
          } catch {
            failed = true;
          }
          if (failed) return;
          await queryInterface.addIndex('badges', ['rank']);
        },
      };
    `,
    up: [
      op('addColumn', 'badges', 'rank', 5, { guard: 'catch-all' }),
      op('addIndex', 'badges', null, 10, { conditional: true }),
    ],
  },
  ...[
    { answer: '{}', guarded: true, why: 'an empty object: that probe, so a drop under `if (shape[column])` is guarded' },
    { answer: '{ legacy_total: true }', guarded: false, why: 'a non-empty default: no probe of the table, what it guards is unguarded' },
  ].map(({ answer, guarded, why }) => ({
    name: `a helper returning the description, or when the read fails (\`try { return await describeTable(t) } catch { return ${answer} }\`) ${why}`,
    source: src`
      async function columnsOf(qi, table) {
        try {
          return await qi.describeTable(table);
        } catch (err) {
          return ${answer};
        }
      }
      module.exports = {
        async up(queryInterface) {
          const shape = await columnsOf(queryInterface, 'invoices');
          if (shape.legacy_total) {
            await queryInterface.removeColumn('invoices', 'legacy_total');
          }
        },
      };
    `,
    up: [
      op('describeTable', 'invoices', null, 3, { guard: 'catch-all' }),
      op('removeColumn', 'invoices', 'legacy_total', 12, guarded ? { conditional: true, guard: 'existence-check' } : { conditional: true }),
    ],
  })),
  {
    name: 'a helper whose try and catch give other answers after a database call (`return rows.length` / `return -1`) returns an unknown: both arms of a test on it may run',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const count = async () => { try { await queryInterface.sequelize.query('SELECT 1 FROM legacy_users'); return 0; } catch (e) { return -1; } };
          if ((await count()) < 0) {
            await queryInterface.createTable('legacy_users', { id: { type: 'INTEGER' } });
          }
        },
      };
    `,
    up: [
      op('select', 'legacy_users', null, 3, { sql: true, guard: 'catch-all' }),
      op('createTable', 'legacy_users', null, 5, { conditional: true, guard: 'idempotent' }),
    ],
  },
  {
    name: '`false && qi...` never runs; `true && qi...` always does',
    source: src`
      module.exports = {
        async up(queryInterface) {
          false && (await queryInterface.dropTable('users'));
          true && (await queryInterface.dropTable('tmp_import'));
        },
      };
    `,
    up: [op('dropTable', 'tmp_import', null, 4, { guard: 'idempotent' })],
  },
  {
    name: '`if (false)` / `if (0)` dead branches; the else of a dead if runs unconditionally',
    source: src`
      const DRY_RUN = false;

      module.exports = {
        async up(queryInterface) {
          if (false) {
            await queryInterface.dropTable('users');
          }
          if (0) await queryInterface.dropTable('teams');
          if (DRY_RUN) {
            await queryInterface.dropTable('orders');
          } else {
            await queryInterface.removeColumn('orders', 'legacy_total');
          }
        },
      };
    `,
    up: [op('removeColumn', 'orders', 'legacy_total', 12)],
  },
  {
    name: '`try { } finally { }`: both blocks run, no guard (nothing is caught)',
    source: src`
      module.exports = {
        async up(queryInterface) {
          try {
            await queryInterface.addColumn('users', 'score', { type: 'INTEGER' });
          } finally {
            await queryInterface.sequelize.query('ANALYZE users');
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'score', 4), op('sql', 'users', null, 6, { sql: true })],
  },
  {
    name: '`return` inside try still runs finally, and nothing after the try',
    source: src`
      module.exports = {
        async up(queryInterface) {
          try {
            return await queryInterface.addColumn('users', 'score', { type: 'INTEGER' });
          } finally {
            await queryInterface.addIndex('users', ['score']);
          }
          await queryInterface.removeColumn('users', 'score');
        },
      };
    `,
    up: [op('addColumn', 'users', 'score', 4), op('addIndex', 'users', null, 6)],
  },
  {
    name: 'ops after an unconditional `return` in the middle are not extracted',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.addColumn('users', 'phone', { type: 'STRING' });
          return;
          await queryInterface.addIndex('users', ['phone']);
          await queryInterface.removeColumn('users', 'fax');
        },
        down(queryInterface) {
          return queryInterface.removeColumn('users', 'phone');
          queryInterface.dropTable('users');
        },
      };
    `,
    up: [op('addColumn', 'users', 'phone', 3)],
    down: [op('removeColumn', 'users', 'phone', 9)],
  },
  {
    name: 'an unconditional `throw` ends up as well',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.renameTable('people', 'users');
          throw new Error('stop here: run the backfill script first');
          await queryInterface.dropTable('people_backup');
        },
      };
    `,
    up: [op('renameTable', 'people', null, 3, { newName: 'users' })],
  },
  {
    name: 'a conditional `throw` (dialect check) makes what follows conditional, without a guard',
    source: src`
      module.exports = {
        async up(queryInterface) {
          if (queryInterface.sequelize.getDialect() !== 'postgres') {
            throw new Error('this migration needs PostgreSQL');
          }
          await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY users_email_trgm ON users USING gin (email gin_trgm_ops)');
        },
      };
    `,
    up: [op('addIndex', 'users', null, 6, { conditional: true, sql: true, name: 'users_email_trgm' })],
  },
  {
    name: 'try/catch with a fallback in the catch: the try op is catch-all guarded, the fallback conditional',
    source: src`
      module.exports = {
        async up(queryInterface) {
          try {
            await queryInterface.addColumn('users', 'bio', { type: 'TEXT' });
          } catch (err) {
            await queryInterface.changeColumn('users', 'bio', { type: 'TEXT' });
          }
        },
      };
    `,
    up: [
      op('addColumn', 'users', 'bio', 4, { guard: 'catch-all' }),
      op('changeColumn', 'users', 'bio', 6, { conditional: true }),
    ],
  },
  {
    name: 'an early return inside a helper ends the helper only',
    source: src`
      async function maybeSeed(qi) {
        if (process.env.NODE_ENV === 'test') return;
        await qi.bulkInsert('plans', [{ name: 'free' }]);
      }

      module.exports = {
        async up(queryInterface) {
          await maybeSeed(queryInterface);
          await queryInterface.addIndex('plans', ['name'], { unique: true });
        },
      };
    `,
    up: [op('bulkInsert', 'plans', null, 3, { conditional: true }), op('addIndex', 'plans', null, 9)],
  },
];

const loops: Case[] = [
  {
    // Hold-out 87: `if (!info.avatar) columnsToAdd.push(['avatar', {...}])`, then a loop adds what the list holds.
    name: 'a loop over a list whose items are pushed under existence checks: each item\'s step, named, conditional and guarded by its check; an item pushed unconditionally stays certain',
    source: src`
      module.exports = {
        async up(queryInterface, Sequelize) {
          const info = await queryInterface.describeTable('users');
          const columnsToAdd = [['locale', { type: Sequelize.STRING }]];
          if (!info.avatar) {
            columnsToAdd.push(['avatar', { type: Sequelize.STRING, allowNull: true }]);
          }
          if (!info.is_google) columnsToAdd.push(['is_google', { type: Sequelize.BOOLEAN }]);
          for (const [columnName, definition] of columnsToAdd) {
            await queryInterface.addColumn('users', columnName, definition);
          }
          columnsToAdd.forEach(([columnName]) => queryInterface.addIndex('users', [columnName]));
        },
      };
    `,
    check: (result) => {
      const adds = result.up.filter((o) => o.op === 'addColumn');
      expect(adds.map((o) => [o.target.column, o.conditional, o.guard?.kind ?? null, o.guard?.line ?? null])).toEqual([
        ['locale', false, null, null],
        ['avatar', true, 'existence-check', 5],
        ['is_google', true, 'existence-check', 8],
      ]);
      expect(adds[1]!.options).toMatchObject({ type: 'STRING', allowNull: true });
      const indexes = result.up.filter((o) => o.op === 'addIndex');
      expect(indexes.map((o) => [o.fields, o.conditional])).toEqual([
        [['locale'], false],
        [['avatar'], true],
        [['is_google'], true],
      ]);
    },
    exact: false,
  },
  {
    name: 'a list with an item pushed under a condition is not known to what reads it whole (`join` into SQL)',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const parts = ['ADD COLUMN a integer'];
          if (process.env.B) parts.push('ADD COLUMN b integer');
          await queryInterface.sequelize.query('ALTER TABLE t ' + parts.join(', '));
        },
      };
    `,
    check: (result) => {
      expect(result.up).toHaveLength(1);
      expect(result.up[0]!.statement ?? '').not.toContain('ADD COLUMN b');
    },
    exact: false,
  },
  {
    name: 'a Map of tables iterated with forEach: the callback runs (as a loop over what migralint cannot list); its set/get are no database calls',
    source: src`
      const cache = new WeakMap();
      module.exports = {
        async up(queryInterface, Sequelize) {
          const columns = new Map([['orders', 'note'], ['invoices', 'memo']]);
          cache.set(queryInterface, columns.size);
          const work = [];
          columns.forEach((column, table) => {
            work.push(queryInterface.addColumn(table, column, { type: Sequelize.TEXT }));
          });
          await Promise.all(work);
        },
      };
    `,
    check: (result) => {
      expect(result.up.map((o) => o.op)).toEqual(['addColumn']);
      expect(result.up[0]!).toMatchObject({ loc: { line: 8 }, inLoop: true });
    },
    exact: false,
  },
  {
    // A counted loop over what migralint knows is unrolled, like a for-of over a constant array.
    name: '`for (let i = 0; i < tables.length; i++)` over a constant array: one op per index, tables known',
    source: src`
      const tables = ['users', 'teams'];

      module.exports = {
        async up(queryInterface) {
          for (let i = 0; i < tables.length; i++) {
            await queryInterface.addColumn(tables[i], 'version', { type: 'INTEGER', defaultValue: 0 });
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'version', 6, { options: { type: 'INTEGER', defaultValue: 0 } }), op('addColumn', 'teams', 'version', 6, { options: { type: 'INTEGER', defaultValue: 0 } })],
  },
  {
    name: 'a counted loop over objects of a helper\'s parameter, nested (`table.columns[j]`), `<=` and `i += 1`, with a `break`: unrolled until the break',
    source: src`
      const TABLES = [{ name: 'posts', columns: ['created_by', 'updated_by'] }, { name: 'tags', columns: ['created_by'] }, { name: 'skip', columns: ['x'] }];
      async function swap(queryInterface, table) {
        for (let j = 0; j <= table.columns.length - 1; j += 1) {
          await queryInterface.removeColumn(table.name, table.columns[j]);
        }
      }
      module.exports = {
        async up(queryInterface) {
          for (let i = 0; i < TABLES.length; i++) {
            if (TABLES[i].name === 'skip') break;
            await swap(queryInterface, TABLES[i]);
          }
        },
      };
    `,
    up: [op('removeColumn', 'posts', 'created_by', 4), op('removeColumn', 'posts', 'updated_by', 4), op('removeColumn', 'tags', 'created_by', 4)],
  },
  {
    name: 'a loop whose body moves its counter, or whose bound is not known, is walked once: inLoop, target unknown',
    source: src`
      const tables = ['users', 'teams'];
      module.exports = {
        async up(queryInterface, Sequelize, count) {
          for (let i = 0; i < tables.length; i++) {
            if (tables[i] === 'users') i++;
            await queryInterface.addColumn(tables[i], 'a', { type: 'INTEGER' });
          }
          for (let i = 0; i < count; i++) {
            await queryInterface.addColumn(tables[i], 'b', { type: 'INTEGER' });
          }
        },
      };
    `,
    up: [op('addColumn', null, 'a', 6, { inLoop: true, unresolved: true }), op('addColumn', null, 'b', 9, { inLoop: true, unresolved: true })],
  },
  {
    name: '`while` batch loop: every op inLoop',
    source: src`
      module.exports = {
        async up(queryInterface) {
          let done = false;
          while (!done) {
            const [, meta] = await queryInterface.sequelize.query(
              'DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() LIMIT 1000)',
            );
            done = meta.rowCount === 0;
          }
        },
      };
    `,
    up: [op('delete', 'sessions', null, 5, { inLoop: true, sql: true })],
  },
  {
    name: '`do { } while (...)`: inLoop',
    source: src`
      module.exports = {
        async up(queryInterface) {
          let n;
          do {
            n = await queryInterface.bulkUpdate('users', { tier: 'basic' }, { tier: null });
          } while (n > 0);
        },
      };
    `,
    up: [op('bulkUpdate', 'users', null, 5, { inLoop: true })],
  },
  {
    name: 'destructured loop `for (const [table, column] of [[...], [...]])`: unrolled and resolved',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (const [table, column] of [
            ['users', 'bio'],
            ['posts', 'slug'],
          ]) {
            await queryInterface.addColumn(table, column, { type: 'TEXT' });
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 7), op('addColumn', 'posts', 'slug', 7)],
  },
  {
    name: '`for (const [table, column] of Object.entries({ ... }))`: unrolled and resolved',
    source: src`
      const NEW_COLUMNS = { users: 'bio', posts: 'summary' };

      module.exports = {
        async up(queryInterface) {
          for (const [table, column] of Object.entries(NEW_COLUMNS)) {
            await queryInterface.addColumn(table, column, { type: 'TEXT' });
          }
        },
        async down(queryInterface) {
          for (const table of Object.keys(NEW_COLUMNS)) {
            await queryInterface.removeColumn(table, NEW_COLUMNS[table]);
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 6), op('addColumn', 'posts', 'summary', 6)],
    down: [op('removeColumn', 'users', 'bio', 11), op('removeColumn', 'posts', 'summary', 11)],
  },
  {
    name: '`for ... in` over a constant object',
    source: src`
      const RENAMES = { fname: 'first_name', lname: 'last_name' };

      module.exports = {
        async up(queryInterface) {
          for (const from in RENAMES) {
            await queryInterface.renameColumn('users', from, RENAMES[from]);
          }
        },
      };
    `,
    up: [
      op('renameColumn', 'users', 'fname', 6, { newName: 'first_name' }),
      op('renameColumn', 'users', 'lname', 6, { newName: 'last_name' }),
    ],
  },
  {
    name: '`continue` on a constant condition skips that element only',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (const table of ['users', 'sessions', 'teams']) {
            if (table === 'sessions') continue;
            await queryInterface.addColumn(table, 'updated_by', { type: 'INTEGER' });
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'updated_by', 5), op('addColumn', 'teams', 'updated_by', 5)],
  },
  {
    name: '`break` on a constant condition stops the loop',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (const table of ['users', 'sessions', 'teams']) {
            if (table === 'sessions') break;
            await queryInterface.addColumn(table, 'updated_by', { type: 'INTEGER' });
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'updated_by', 5)],
  },
  {
    name: '`return` inside an unrolled loop ends up',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (const table of ['users', 'teams']) {
            await queryInterface.addColumn(table, 'x', {});
            return;
          }
          await queryInterface.addColumn('never', 'x', {});
        },
      };
    `,
    up: [op('addColumn', 'users', 'x', 4)],
  },
  {
    name: 'loop in a managed transaction: every op inTransaction and in the callback',
    source: src`
      const TABLES = ['users', 'teams'];

      module.exports = {
        up: (queryInterface) =>
          queryInterface.sequelize.transaction(async (transaction) => {
            for (const table of TABLES) {
              await queryInterface.addColumn(table, 'deleted_at', { type: 'DATE' }, { transaction });
            }
          }),
      };
    `,
    up: [
      op('addColumn', 'users', 'deleted_at', 7, { inTransaction: true, inTransactionCallback: true }),
      op('addColumn', 'teams', 'deleted_at', 7, { inTransaction: true, inTransactionCallback: true }),
    ],
  },
];

const knownBugs: Case[] = [
  {
    // Bounded recursion over a constant list: at run time both tables get
    // the column. Acceptable alternatives for a fix: unroll it (as here), or
    // mark the cut with an `unresolved` op; dropping posts silently is not.
    bug: 'interpreter.ts callFunction: any re-entry of a function on the stack returns UNKNOWN with no operation, so the recursive half of a helper vanishes without a trace',
    name: 'bounded recursion over a constant list: each level is extracted',
    source: src`
      async function addBio(qi, tables) {
        if (tables.length === 0) return;
        await qi.addColumn(tables[0], 'bio', { type: 'TEXT' });
        await addBio(qi, tables.slice(1));
      }

      module.exports = {
        async up(queryInterface) {
          await addBio(queryInterface, ['users', 'posts']);
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 3), op('addColumn', 'posts', 'bio', 3)],
  },
  {
    // The catch retries, then rethrows every error once attempts run out: a
    // rerun that fails with "already exists" still fails. Not catch-expected.
    bug: 'guards.ts classifyCatch: any `if (...) throw err` in a catch is read as catch-expected, even when the test (`attempts <= 1`) says nothing about the error',
    name: 'retry helper: a catch that rethrows after N attempts is not a guard',
    source: src`
      async function withRetry(fn, attempts = 3) {
        try {
          return await fn();
        } catch (err) {
          if (attempts <= 1) throw err;
          return withRetry(fn, attempts - 1);
        }
      }

      module.exports = {
        async up(queryInterface) {
          await withRetry(() => queryInterface.addIndex('events', ['created_at'], { concurrently: true }));
        },
      };
    `,
    up: [op('addIndex', 'events', null, 12)],
  },
  {
    bug: 'interpreter.ts evalPromiseChain: for a chain used as a statement the fulfilment callback gets `{ ...flow, detached: flow.detached }` (a no-op), so ops returned from `.then(() => ...)` are not marked floating',
    name: 'an un-awaited `.then` chain: the chained op floats too',
    source: src`
      module.exports = {
        async up(queryInterface) {
          queryInterface
            .addColumn('users', 'referrer_id', { type: 'INTEGER' })
            .then(() => queryInterface.addIndex('users', ['referrer_id']));
        },
      };
    `,
    up: [
      op('addColumn', 'users', 'referrer_id', 3, { floating: true }),
      op('addIndex', 'users', null, 5, { floating: true }),
    ],
  },
  {
    bug: 'interpreter.ts evalCall: `detached` is set only when the callee is async; a sync helper whose returned promise the caller drops (`addPhone(qi);`) keeps its op non-floating',
    name: 'a sync helper returning the promise, called as a bare statement: floating',
    source: src`
      function addPhone(qi) {
        return qi.addColumn('users', 'phone', { type: 'STRING' });
      }

      module.exports = {
        async up(queryInterface) {
          addPhone(queryInterface);
        },
      };
    `,
    up: [op('addColumn', 'users', 'phone', 2, { floating: true })],
  },
  {
    bug: 'interpreter.ts evalPromiseChain: only a function literal/value handler is classified; a handler that is not a local function (`console.error`, an imported logger) leaves the op unguarded although every error is swallowed',
    name: '`.catch(console.error)` swallows every error: catch-all',
    source: src`
      module.exports = {
        async up(queryInterface) {
          await queryInterface.addIndex('users', ['email'], { unique: true }).catch(console.error);
        },
      };
    `,
    up: [op('addIndex', 'users', null, 3, { guard: 'catch-all' })],
  },
  {
    bug: 'interpreter.ts transactionCall: the usage of the `sequelize.transaction(cb)` call is ignored, so when the transaction promise itself is dropped (bare statement) the ops of its callback are not floating',
    name: 'an un-awaited, un-returned managed transaction: its ops float',
    source: src`
      module.exports = {
        async up(queryInterface) {
          queryInterface.sequelize.transaction(async (transaction) => {
            await queryInterface.addColumn('users', 'bio', { type: 'TEXT' }, { transaction });
          });
        },
      };
    `,
    up: [op('addColumn', 'users', 'bio', 4, { inTransaction: true, inTransactionCallback: true, floating: true })],
  },
  {
    bug: 'interpreter.ts builtinMethod: `.map` / `.forEach` on a probe value (showAllTables() result) takes the predicate path (callback walked once as `conditional`) instead of a loop, so the op is conditional, not inLoop',
    name: '`.map` over showAllTables() results is a loop (inLoop), not a condition',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const tables = await queryInterface.showAllTables();
          await Promise.all(tables.map((t) => queryInterface.sequelize.query(\`ALTER TABLE "\${t}" OWNER TO app\`)));
          await Promise.all(tables.map((t) => queryInterface.dropTable(t)));
        },
      };
    `,
    exact: false,
    check: (r) => {
      const drop = r.up.find((o) => o.op === 'dropTable');
      expect(drop).toMatchObject({ target: { table: null }, inLoop: true, conditional: false, unresolved: true });
    },
  },
  {
    bug: 'interpreter.ts SwitchStatement: the discriminant is never compared, so a switch on a constant runs every case (and marks them conditional), unlike `if` on a constant',
    name: '`switch` on a constant: only the matching case runs, unconditionally',
    source: src`
      const DIALECT = 'postgres';

      module.exports = {
        async up(queryInterface) {
          switch (DIALECT) {
            case 'mysql':
              await queryInterface.addColumn('docs', 'body', { type: 'LONGTEXT' });
              break;
            case 'postgres':
              await queryInterface.addColumn('docs', 'body', { type: 'TEXT' });
              break;
            default:
              break;
          }
        },
      };
    `,
    up: [op('addColumn', 'docs', 'body', 10, { options: { type: 'TEXT' } })],
  },
  {
    bug: 'interpreter.ts SwitchStatement: a `return` inside a case is dropped (the switch always completes NORMAL), so ops after the switch are not marked conditional',
    name: '`return` in a switch case makes what follows the switch conditional',
    source: src`
      module.exports = {
        async up(queryInterface) {
          switch (queryInterface.sequelize.getDialect()) {
            case 'sqlite':
              return;
            default:
              break;
          }
          await queryInterface.changeColumn('users', 'email', { type: 'CITEXT', allowNull: false });
        },
      };
    `,
    up: [op('changeColumn', 'users', 'email', 9, { conditional: true })],
  },
  {
    bug: 'interpreter.ts execStatement LabeledStatement / execForOf: labels are ignored, so `break outer` from an inner unrolled loop only leaves the inner loop and the outer loop keeps going',
    name: 'labeled `break outer` stops the outer unrolled loop',
    source: src`
      module.exports = {
        async up(queryInterface) {
          outer: for (const table of ['users', 'posts', 'comments']) {
            for (const column of ['created_by', 'updated_by']) {
              if (table === 'posts') break outer;
              await queryInterface.addColumn(table, column, { type: 'INTEGER' });
            }
          }
        },
      };
    `,
    up: [op('addColumn', 'users', 'created_by', 6), op('addColumn', 'users', 'updated_by', 6)],
  },
  {
    // `if (exists) continue;` is the loop form of an early-return guard.
    bug: 'interpreter.ts execIf: a branch that ends in `continue` / `break` completes as NORMAL, not `maybe-exit`, so the rest of the loop body is neither conditional nor guarded by the probe',
    name: '`if (await qi.tableExists(t)) continue;` guards the rest of the iteration',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (const table of ['audit_logs', 'audit_events']) {
            const exists = await queryInterface.tableExists(table);
            if (exists) continue;
            await queryInterface.createTable(table, { id: { type: 'INTEGER', primaryKey: true } });
          }
        },
      };
    `,
    up: [
      op('tableExists', 'audit_logs', null, 4),
      op('createTable', 'audit_logs', null, 6, { conditional: true, guard: 'existence-check' }),
      op('tableExists', 'audit_events', null, 4),
      op('createTable', 'audit_events', null, 6, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    bug: 'interpreter.ts execIf: same root cause as `continue` above: `if (rows.length === 0) break;` completes NORMAL, so the UPDATE after it is not conditional',
    name: 'batch loop: what follows `if (...) break;` is conditional',
    source: src`
      module.exports = {
        async up(queryInterface) {
          for (;;) {
            const [rows] = await queryInterface.sequelize.query('SELECT id FROM users WHERE locale IS NULL LIMIT 500');
            if (rows.length === 0) break;
            await queryInterface.sequelize.query(
              "UPDATE users SET locale = 'en' WHERE id IN (SELECT id FROM users WHERE locale IS NULL LIMIT 500)",
            );
          }
        },
      };
    `,
    up: [
      op('select', 'users', null, 4, { inLoop: true, sql: true }),
      op('update', 'users', null, 6, { inLoop: true, conditional: true, sql: true }),
    ],
  },
  {
    // Debatable but clear enough: a test on the *rows* of users says nothing
    // about whether users.legacy_plan_id exists. A rerun finds the same rows
    // and addColumn fails with "already exists": no guard, only conditional.
    // (Catalog queries, information_schema / pg_catalog, are real probes.)
    bug: 'interpreter.ts rawQuery (+ guardFor/probeCovers): every SELECT result becomes a probe whose mentions include the selected table, so any `if (rows.length)` on a data query guards every later op on that table as existence-check',
    name: 'a data query (`SELECT 1 FROM users WHERE ...`) is not an existence check for DDL on users',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const [legacy] = await queryInterface.sequelize.query("SELECT 1 FROM users WHERE plan = 'legacy' LIMIT 1");
          if (legacy.length > 0) {
            await queryInterface.addColumn('users', 'legacy_plan_id', { type: 'INTEGER' });
          }
        },
      };
    `,
    up: [
      op('select', 'users', null, 3, { sql: true }),
      op('addColumn', 'users', 'legacy_plan_id', 5, { conditional: true }),
    ],
  },
  {
    // The rows found decide only whether the same rows get inserted: the branch where none were found
    // (or what follows an exit when they were) is guarded, the other is not.
    name: 'a lookup of rows by key guards an insert of those rows where none were found, in an if, after an early exit, and in &&',
    source: src`
      module.exports = {
        async up(queryInterface) {
          const [[admin]] = await queryInterface.sequelize.query("SELECT id FROM roles WHERE name = 'admin'");
          if (!admin) await queryInterface.bulkInsert('roles', [{ name: 'admin' }]);
          if (admin) await queryInterface.bulkInsert('roles', [{ name: 'admin' }]);
          const [staff] = await queryInterface.sequelize.query("SELECT 1 FROM roles WHERE name = 'staff'");
          staff.length === 0 && (await queryInterface.bulkInsert('roles', [{ name: 'staff' }]));
          if (staff.length > 0) return;
          await queryInterface.bulkInsert('roles', [{ name: 'staff' }]);
        },
      };
    `,
    up: [
      op('select', 'roles', null, 3, { sql: true, options: { columns: ['id'], pinned: ['name'] } }),
      op('bulkInsert', 'roles', null, 4, { conditional: true, guard: 'existence-check' }),
      op('bulkInsert', 'roles', null, 5, { conditional: true }),
      op('select', 'roles', null, 6, { sql: true, options: { pinned: ['name'] } }),
      op('bulkInsert', 'roles', null, 7, { conditional: true, guard: 'existence-check' }),
      op('bulkInsert', 'roles', null, 9, { conditional: true, guard: 'existence-check' }),
    ],
  },
  {
    // Sequelize 4 projects use Bluebird's collection helpers; each call runs once per element, awaited by Bluebird.
    name: "Bluebird `Promise.mapSeries(TABLES, fn)` / `Promise.map` / `Promise.each`: one step per element, none floating",
    source: src`
      const Promise = require('bluebird');
      const TABLES = ['aspects', 'lenses'];

      module.exports = {
        up: (qi, Sequelize) =>
          Promise.mapSeries(TABLES, (t) => qi.addColumn(t, 'ownerId', { type: Sequelize.UUID }))
            .then(() => Promise.map(TABLES, (t) => qi.addIndex(t, ['ownerId'])))
            .then(() => Promise.each(['bots'], (t) => qi.removeColumn(t, 'legacy'))),
        down: (qi) => Promise.mapSeries(TABLES, (t) => qi.removeColumn(t, 'ownerId')),
      };
    `,
    up: [
      op('addColumn', 'aspects', 'ownerId', 6),
      op('addColumn', 'lenses', 'ownerId', 6),
      op('addIndex', 'aspects', null, 7),
      op('addIndex', 'lenses', null, 7),
      op('removeColumn', 'bots', 'legacy', 8),
    ],
    down: [op('removeColumn', 'aspects', 'ownerId', 9), op('removeColumn', 'lenses', 'ownerId', 9)],
  },
  {
    name: 'Bluebird helpers over a list migralint cannot see: the callback is walked once, as a loop',
    source: src`
      import Bluebird from 'bluebird';

      export async function up(qi) {
        const tables = await loadTables();
        await Bluebird.mapSeries(tables, (t) => qi.removeColumn(t, 'legacy'));
      }
    `,
    file: 'x.mjs',
    exact: false,
    check: (r) => {
      expect(r.up).toHaveLength(1);
      expect(r.up[0]).toMatchObject({ op: 'removeColumn', target: { table: null, column: 'legacy' }, inLoop: true, floating: false });
    },
  },
  {
    // A runner of the project's own that hands each migration its transaction and the Sequelize instance.
    name: 'a runner that passes `(transaction: Transaction, db: Sequelize)`: the types say which argument is which, and the steps that pass it run in that transaction',
    file: '0.27.0.ts',
    source: src`
      import { DataTypes, type Sequelize, type Transaction } from 'sequelize';

      export async function up(transaction: Transaction, db: Sequelize): Promise<void> {
        const queryInterface = db.getQueryInterface();
        await queryInterface.removeColumn('App', 'seed', { transaction });
        await queryInterface.addColumn('App', 'theme', { type: DataTypes.STRING }, { transaction });
      }
    `,
    exact: false,
    check: (r) => {
      expect(r.up.map((o) => [o.op, o.target.table, o.target.column, o.inTransaction])).toEqual([
        ['removeColumn', 'App', 'seed', true],
        ['addColumn', 'App', 'theme', true],
      ]);
      expect(r.upFunction.wrappedInTransaction).toBe(true);
    },
  },
  {
    // Sequelize reads `transaction` from the options argument only: inside the attributes the call autocommits on
    // its own, so it is not one of the transaction's steps, and the function is not wrapped in one transaction.
    name: '`transaction` inside changeColumn attributes: written in the callback, not a step of its transaction',
    source: src`
      module.exports = {
        up: (queryInterface, Sequelize) =>
          queryInterface.sequelize.transaction(async (transaction) => {
            await queryInterface.removeConstraint('notes', 'notes_userId_fkey', { transaction });
            await queryInterface.changeColumn('notes', 'userId', { type: Sequelize.UUID, references: { model: 'users' }, transaction });
          }),
      };
    `,
    exact: false,
    check: (r) => {
      const [drop, change] = r.up;
      expect(drop).toMatchObject({ op: 'removeConstraint', inTransaction: true, transaction: 1 });
      expect(change).toMatchObject({ op: 'changeColumn', inTransaction: true, transactionMisplaced: true, transactionCallback: 1 });
      expect(change!.transaction).toBeUndefined();
      expect(r.upFunction.wrappedInTransaction).toBe(false);
    },
  },
];

describe('helpers and recursion', () => {
  it.each(helpers)('$name', (c) => {
    runCase(c);
  });
});

describe('promises', () => {
  it.each(promises)('$name', (c) => {
    runCase(c);
  });
});

describe('branches and early exits', () => {
  it.each(branches)('$name', (c) => {
    runCase(c);
  });
});

describe('loops', () => {
  it.each(loops)('$name', (c) => {
    runCase(c);
  });
});

describe('regressions: bugs found by adversarial review, now fixed', () => {
  it.each(knownBugs)('$name', (c) => {
    runCase(c);
  });
});
