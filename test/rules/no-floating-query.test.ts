import { ruleTests } from './rule-tester';
import { withRunner } from '../helpers/rules';

/** A migration whose `up` is `body` (from line 3). */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

/** A migration whose `up` runs `body` (from line 4) in a managed transaction `transaction`. */
const inTransaction = (body: string) =>
  up(`await queryInterface.sequelize.transaction(async (transaction) => {
      ${body}
    });`);

ruleTests('no-floating-query', {
  valid: [
    {
      name: 'under sequelize-cli (umzug), a phase whose function returns no promise fails as a whole ("didn\'t return a promise"): valid-migration-file reports that cause, not each call left floating in it',
      project: withRunner({}),
      files: `module.exports = {
  up(queryInterface, Sequelize) {
    queryInterface.addColumn('agreements', 'notes', { type: Sequelize.TEXT });
  },
  down(queryInterface) {
    return [queryInterface.removeColumn('agreements', 'notes')];
  },
};`,
    },
    {
      name: 'a call that throws where it is made (`Sequelize.query` on the class, `queryInterface.dropIndex`) does not float: the TypeError fails the chain around it (valid-migration-file reports it)',
      project: withRunner({}),
      files: `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('readings', { id: { type: Sequelize.INTEGER, primaryKey: true } }).then(() => {
    Sequelize.query("SELECT create_hypertable('readings', 'id')");
    queryInterface.dropIndex('readings_id');
  }),
  down: (queryInterface) => queryInterface.dropTable('readings'),
};`,
    },
    {
      name: 'a callback migration (up(queryInterface, Sequelize, done)): sequelize-cli promisifies it and waits for done, called once the chain resolves',
      files: `module.exports = {
  up: function (queryInterface, Sequelize, done) {
    queryInterface.createTable('topics', { id: { type: Sequelize.INTEGER, primaryKey: true } }).then(function () {
      done();
    });
  },
  down: function (queryInterface, Sequelize, done) {
    queryInterface.dropTable('topics').then(() => done());
  },
};`,
    },
    {
      name: 'a WeakMap / Map cache keyed by the queryInterface: its set / get are synchronous, nothing to await',
      files: `const SETTINGS = new WeakMap();
const SEEN = new Map();
async function caseSetting(queryInterface) {
  if (SETTINGS.has(queryInterface)) return SETTINGS.get(queryInterface);
  const [rows] = await queryInterface.sequelize.query('SELECT @@lower_case_table_names AS v');
  SETTINGS.set(queryInterface, rows[0].v);
  SEEN.set(queryInterface, true);
  return rows[0].v;
}
module.exports = {
  async up(queryInterface) {
    await caseSetting(queryInterface);
  },
  async down() {},
};`,
    },
    {
      name: 'rows read, then written in a nested .then whose chain ends in .then(resolve), inside a returned new Promise: waited for',
      files: `module.exports = {
  up: (queryInterface) => queryInterface.sequelize.transaction((transaction) => new Promise((resolve) => {
    Promise.all([
      queryInterface.sequelize.query('SELECT * FROM "Accounts" WHERE "phoneNumber" IS NOT NULL', { transaction }),
    ]).then(([[phones]]) => {
      Promise.all([
        queryInterface.bulkInsert('RecoveryMethods', phones.map((a) => ({ AccountId: a.id, kind: 'phone' })), { transaction }),
      ]).then(resolve).catch(() => transaction.rollback());
    });
  })),
  down: async () => {},
};`,
    },
    {
      name: 'steps collected in a Promise.all whose .then(resolve) settles a returned new Promise: waited for',
      files: `module.exports = {
  up: (queryInterface) => queryInterface.sequelize.transaction((transaction) => new Promise((resolve, reject) => {
    Promise.all([
      queryInterface.bulkInsert('recovery_methods', [{ kind: 'phone' }], { transaction }),
      queryInterface.bulkInsert('recovery_methods', [{ kind: 'email' }], { transaction }),
    ]).then(resolve).catch(reject);
  })),
  down: async () => {},
};`,
    },
    { name: 'awaited', files: up("await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });") },
    {
      name: 'each element awaited while the array of a Promise.all nobody awaits is built: every step waited for, one after the other',
      files: up(`Promise.all([
      await queryInterface.addColumn('UserHistory', 'totalValue', { type: Sequelize.FLOAT }),
      await queryInterface.addColumn('UserHistory', 'created_at', { type: Sequelize.DATE }),
    ]);`),
    },
    { name: 'returned', files: up("return queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });") },
    {
      name: 'collected in an awaited Promise.all',
      files: up(`await Promise.all([
      queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }),
      queryInterface.addColumn('users', 'avatar', { type: Sequelize.STRING }),
    ]);`),
    },
    { name: 'a promise chain that is returned', files: up("return queryInterface.addColumn('users', 'bio', Sequelize.TEXT).then(() => queryInterface.addIndex('users', ['bio']));") },
    {
      name: 'an array of calls returned by a helper and collected by Promise.all where up awaits it',
      files: `const steps = (queryInterface, Sequelize) => [
  queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }),
  queryInterface.addColumn('users', 'avatar', { type: Sequelize.STRING }),
];
module.exports = {
  up: (queryInterface, Sequelize) => Promise.all(steps(queryInterface, Sequelize)),
  down() {},
};`,
    },
  ],
  invalid: [
    {
      // Hold-out 63: the steps are awaited inside the callback; the callback is what nobody waits for.
      name: 'steps of a setTimeout callback: the finding names the timer and its line',
      files: `module.exports = {
  up: async function up(queryInterface) {
    const migration = async (qi) => {
      await qi.sequelize.query('ALTER TABLE users ADD COLUMN idprofile bigint');
    };
    setTimeout(migration, 100, queryInterface);
  },
  async down() {},
};`,
      errors: [{ messageId: 'floating', line: 4, severity: 'error', data: { around: ' It runs in the `setTimeout` callback of line 6, which `up` starts and does not wait for.' } }],
    },
    {
      // Hold-out 65: an index an earlier migration builds, "created again if missing" without an await.
      name: 'a floating CREATE INDEX IF NOT EXISTS of an index an earlier migration creates does nothing where the migrations ran (info); of a new index, the floating error stays',
      files: {
        '20250801000000-create-blocks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('blocks', { id: { type: Sequelize.INTEGER, primaryKey: true }, batch_id: Sequelize.INTEGER, number: Sequelize.INTEGER });
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS blocks_batch_id_idx ON blocks (batch_id)');
  },
  async down() {},
};`,
        '20250901000000-index-again.js': `module.exports = {
  async up(queryInterface) {
    queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS blocks_batch_id_idx ON blocks (batch_id)');
  },
  async down() {},
};`,
        '20250902000000-index-number.js': `module.exports = {
  async up(queryInterface) {
    queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS blocks_number_idx ON blocks (number)');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'floatingNoOp', line: 3, severity: 'info', file: '20250901000000-index-again.js', data: { earlier: '`20250801000000-create-blocks.js`' } },
        { messageId: 'floating', line: 3, severity: 'error', file: '20250902000000-index-number.js' },
      ],
    },
    {
      name: 'a second array passed to a returned Promise.all (Promise.all([a], [b])): Promise.all ignores it, its calls run and nobody waits for them',
      files: up(`return Promise.all(
      [queryInterface.addColumn('images', 'hospital_id', { type: Sequelize.STRING(20) })],
      [queryInterface.addColumn('images', 'case_id', { type: Sequelize.STRING(20) })],
    );`),
      errors: [{ messageId: 'floating', line: 5, data: { target: '`images.case_id`' } }],
    },
    {
      name: 'a Promise.all nobody awaits with one element awaited and one not: the one not awaited floats',
      files: up(`Promise.all([
      await queryInterface.addColumn('UserHistory', 'totalValue', { type: Sequelize.FLOAT }),
      queryInterface.addColumn('UserHistory', 'created_at', { type: Sequelize.DATE }),
    ]);`),
      errors: [{ messageId: 'floating', line: 5, severity: 'error' }],
    },
    {
      name: 'a floating backfill of the column a later changeColumn makes NOT NULL: the change may run first and meet the NULLs it was to fill, an error; the same backfill awaited leaves nothing to report',
      files: {
        '20240101000000-create.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('members', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, handle: { type: Sequelize.STRING, allowNull: false } });
  },
  down: async () => {},
};`,
        '20240301000000-slug.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('members', 'slug', { type: Sequelize.STRING, allowNull: true });
    queryInterface.sequelize.query('UPDATE members SET slug = handle');
    await queryInterface.changeColumn('members', 'slug', { type: Sequelize.STRING, allowNull: false });
  },
  down: async () => {},
};`,
        '20240401000000-code.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('members', 'code', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.sequelize.query('UPDATE members SET code = handle');
    await queryInterface.changeColumn('members', 'code', { type: Sequelize.STRING, allowNull: false });
  },
  down: async () => {},
};`,
      },
      errors: [{ messageId: 'floating', line: 4, severity: 'error', file: '20240301000000-slug.js' }],
    },
    {
      name: 'a session setting left floating at the end of a chain (SET FOREIGN_KEY_CHECKS = 1): it writes nothing, info; a floating step that changes the schema in the same up is still reported (info: one step, a column MySQL fills, sent at once)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '20191105125411-drop-notify-flag.js': `module.exports = {
  up: (queryInterface) =>
    queryInterface.sequelize
      .query('SET FOREIGN_KEY_CHECKS = 0')
      .then(() => queryInterface.removeColumn('members', 'is_notified'))
      .then(() => {
        queryInterface.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
      }),
  down: () => Promise.resolve(),
};`,
        '20191108035512-filter-attributes.js': `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize
      .query('SET FOREIGN_KEY_CHECKS = 0')
      .then(() => {
        queryInterface.addColumn('saved_filters', 'attributes', { type: Sequelize.JSON, allowNull: false });
        queryInterface.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
      }),
  down: () => Promise.resolve(),
};`,
      },
      errors: [
        { messageId: 'floatingSetting', line: 7, severity: 'info', file: '20191105125411-drop-notify-flag.js', data: { statement: 'SET FOREIGN_KEY_CHECKS = 1', setting: 'foreign_key_checks' } },
        { messageId: 'floating', line: 6, severity: 'info', file: '20191108035512-filter-attributes.js' },
        { messageId: 'floatingSetting', line: 7, severity: 'info', file: '20191108035512-filter-attributes.js' },
      ],
    },
    {
      name: 'the same new Promise not returned: nothing waits for it, its step floats (info: one nullable column, sent at once)',
      files: `module.exports = {
  up: (queryInterface) => {
    new Promise((resolve) => {
      queryInterface.addColumn('accounts', 'recovered', { type: 'BOOLEAN' }).then(resolve);
    });
  },
  down: async () => {},
};`,
      errors: [{ messageId: 'floating', line: 4, severity: 'info' }],
    },
    {
      name: 'in a transaction, followed by an awaited call on it: info (its failure aborts the transaction, the awaited call fails)',
      files: inTransaction(`queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      queryInterface.sequelize.query('UPDATE users SET bio = name', { transaction });
      await queryInterface.addIndex('users', ['bio'], { transaction });`),
      errors: [
        { messageId: 'floatingBeforeAwaited', line: 4, severity: 'info', data: { callee: 'queryInterface.addColumn', target: '`users.bio`', next: 'queryInterface.addIndex', line: '6' } },
        { messageId: 'floatingBeforeAwaited', line: 5, severity: 'info', data: { callee: 'queryInterface.sequelize.query', line: '6' } },
      ],
    },
    {
      name: 'an unmanaged transaction, followed by an awaited call on it: info',
      files: up(`const transaction = await queryInterface.sequelize.transaction();
    queryInterface.removeColumn('users', 'bio', { transaction });
    await queryInterface.removeColumn('users', 'avatar', { transaction });
    await transaction.commit();`),
      errors: [{ messageId: 'floatingBeforeAwaited', line: 4, severity: 'info', data: { next: 'queryInterface.removeColumn', line: '5' } }],
    },
    {
      name: 'in a transaction with nothing awaited after it: Sequelize commits before the call is sent',
      files: inTransaction(`await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      queryInterface.addIndex('users', ['bio'], { transaction });`),
      errors: [{ messageId: 'floating', line: 5, severity: 'error' }],
    },
    {
      name: 'createTable and renameColumn send their statement late: the awaited call can run first',
      files: inTransaction(`queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } }, { transaction });
      queryInterface.renameColumn('users', 'name', 'full_name', { transaction });
      await queryInterface.addIndex('users', ['full_name'], { transaction });`),
      errors: [{ messageId: 'floating', line: 4, severity: 'error', data: { around: ' So is 1 more step of this `up` (line 5).' } }],
    },
    {
      name: 'the awaited call is on another transaction, outside it, under a condition or in a loop that may not run',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      queryInterface.addColumn('users', 'a', { type: Sequelize.TEXT }, { transaction });
      queryInterface.addColumn('users', 'b', { type: Sequelize.TEXT }, { transaction });
      queryInterface.addColumn('users', 'c', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.addColumn('users', 'd', { type: Sequelize.TEXT });
      if (process.env.WITH_INDEX) await queryInterface.addIndex('users', ['a'], { transaction });
      for (const column of columns) await queryInterface.addIndex('users', [column], { transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('users', ['b'], { transaction });
    });`),
      errors: [{ messageId: 'floating', line: 4, severity: 'error', data: { around: ' So are 2 more steps of this `up` (lines 5, 6).' } }],
    },
    {
      name: 'transaction inside the attributes (Sequelize runs the call outside it), then an awaited call',
      files: inTransaction(`queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT, transaction });
      await queryInterface.addIndex('users', ['id'], { transaction });`),
      errors: [{ messageId: 'floating', line: 4 }],
    },
    {
      name: 'an async forEach callback on the transaction, then an awaited call: the callback may send its call later',
      files: inTransaction(`['a', 'b'].forEach(async (column) => {
        await queryInterface.describeTable('users', { transaction });
        await queryInterface.removeColumn('users', column, { transaction });
      });
      await queryInterface.addIndex('users', ['id'], { transaction });`),
      errors: [{ messageId: 'floating', line: 6 }],
    },
    {
      name: 'a call without await',
      files: up(`queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['bio']);`),
      errors: [{ messageId: 'floating', line: 3, column: 5, severity: 'error', data: { callee: 'queryInterface.addColumn', target: '`users.bio`' } }],
    },
    {
      name: 'forEach with an async callback: nothing waits for the calls',
      files: up(`['a', 'b'].forEach(async (column) => {
      await queryInterface.removeColumn('users', column);
    });`),
      errors: [{ messageId: 'floating', line: 4 }],
    },
    {
      name: 'an un-awaited sequelize.transaction(...) in down: its steps float with it, one finding at the first naming the others; info, as only a rollback is affected',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.dropTable('reactions', { transaction });
      await queryInterface.removeColumn('comments', 'reactions', { transaction });
    });
  },
};`,
      errors: [
        {
          messageId: 'floatingInDown',
          line: 5,
          severity: 'info',
          data: {
            callee: 'queryInterface.dropTable',
            around: ' The `sequelize.transaction(...)` call around it is what is not awaited, and so are the steps after it in that callback (line 6).',
          },
        },
      ],
    },
    {
      // Hold-outs 83-86: nine single floating steps of this kind judged not worth a warning; several, in no order, were.
      name: 'the same call floating in up, alone (info: it sends its statement at once, before the runner records the migration, measured, and a nullable column cannot plausibly fail) and in down (info: a rollback is run by hand); two such steps in one up, which run in no order but need nothing of each other: info too',
      files: {
        '001-notes.js': `module.exports = {
  up(queryInterface, Sequelize) {
    queryInterface.addColumn('agreements', 'notes', { type: Sequelize.TEXT });
  },
  down(queryInterface) {
    queryInterface.removeColumn('agreements', 'notes');
  },
};`,
        '002-flags.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    queryInterface.addColumn('agreements', 'signed', { type: Sequelize.BOOLEAN });
    queryInterface.addColumn('agreements', 'archived', { type: Sequelize.BOOLEAN });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'floating', line: 3, severity: 'info', file: '001-notes.js', data: { target: '`agreements.notes`' } },
        { messageId: 'floatingInDown', line: 6, severity: 'info', file: '001-notes.js', data: { target: '`agreements.notes`' } },
        { messageId: 'floating', line: 3, severity: 'info', file: '002-flags.js', data: { target: '`agreements.signed`' } },
      ],
    },
    {
      name: 'a floating last step that sends its statement late (createTable describes first), or one that can fail (a unique index), with nothing awaited after it: an error',
      files: {
        '001-create-agreements.js': `module.exports = { async up(qi, S) { await qi.createTable('agreements', { id: { type: S.INTEGER, primaryKey: true }, code: S.STRING }); }, async down() {} };`,
        '002-create-notes.js': `module.exports = {
  up(queryInterface, Sequelize) {
    queryInterface.createTable('agreement_notes', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  down() {},
};`,
        '003-unique-code.js': `module.exports = {
  up(queryInterface) {
    queryInterface.addIndex('agreements', ['code'], { unique: true });
  },
  down() {},
};`,
      },
      errors: [
        { messageId: 'floating', line: 3, severity: 'error', file: '002-create-notes.js' },
        { messageId: 'floating', line: 3, severity: 'error', file: '003-unique-code.js' },
      ],
    },
    {
      name: 'an array of calls returned by up itself (a block or an arrow body): the runner awaits the array, which does not wait for the promises in it; each call floats',
      files: `module.exports = {
  up: function (queryInterface, Sequelize) {
    return [
      queryInterface.addColumn('integration', 'support_policy', Sequelize.STRING),
      queryInterface.addColumn('integration', 'purchase_options', Sequelize.STRING),
    ];
  },
  down: (queryInterface) => [queryInterface.removeColumn('integration', 'support_policy')],
};`,
      errors: [
        { messageId: 'floating', line: 4, severity: 'info', data: { target: '`integration.support_policy`' } },
        { messageId: 'floatingInDown', line: 8, severity: 'info' },
      ],
    },
    {
      name: 'on SQLite (a branch for it), outside a transaction: one connection runs the statements in the order sent, so only the failure goes unseen (info); the other branch stays an error',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.sequelize.query('PRAGMA writable_schema = 1');
      queryInterface.sequelize.query("UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'snapshots'");
      await queryInterface.sequelize.query('PRAGMA writable_schema = 0');
    } else {
      queryInterface.addIndex('snapshots', ['projectId', 'name'], { unique: true });
    }
  },
  async down() {},
};`,
      errors: [
        { messageId: 'floatingOnSqlite', line: 5, severity: 'info' },
        { messageId: 'floating', line: 8, severity: 'error' },
      ],
    },
    {
      name: 'floating steps that an awaited step follows and that cannot plausibly fail on their own (nullable columns added to an existing table, nothing after needs them): one info, naming the others',
      files: up(`queryInterface.addColumn('users', 'nickname', { type: Sequelize.STRING });
    queryInterface.addColumn('users', 'timezone', { type: Sequelize.STRING });
    await queryInterface.addColumn('teams', 'logo_url', { type: Sequelize.STRING });`),
      errors: [
        {
          messageId: 'floating',
          line: 3,
          severity: 'info',
          data: { around: ' So is 1 more step of this `up` (line 4). None of these steps, nor any after them, can plausibly fail on its own: a failure needs an outside cause (a lock timeout, a lost connection).' },
        },
      ],
    },
    {
      name: 'plain indexes on a table the migration creates, chained without return (each sent once the one before completes, after up returned): nothing else wrong with them, a warning naming the late ones; a unique one chained so stays an error',
      files: {
        '20240101000000-create-sites.js': `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.createTable('sites', { id: { type: Sequelize.INTEGER, primaryKey: true }, region: Sequelize.STRING, title: Sequelize.STRING }).then(() => {
      queryInterface.addIndex('sites', ['region']).then(() => {
        queryInterface.addIndex('sites', ['title']);
      });
    }),
  down: (queryInterface) => queryInterface.dropTable('sites'),
};`,
        '20240201000000-create-hosts.js': `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.createTable('hosts', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, ip: Sequelize.STRING }).then(() => {
      queryInterface.addIndex('hosts', ['name']).then(() => {
        queryInterface.addIndex('hosts', ['ip'], { unique: true });
      });
    }),
  down: (queryInterface) => queryInterface.dropTable('hosts'),
};`,
      },
      errors: [
        { messageId: 'floating', line: 4, severity: 'warning', file: '20240101000000-create-sites.js', data: { around: ' So is 1 more step of this `up` (line 5). None of these steps can plausibly fail on its own, but the index at line 5 is sent only after an earlier step completes, once `up` has returned: when this is the last migration of a run, the run may end first, and the index is then never built, silently.' } },
        { messageId: 'floating', line: 4, severity: 'error', file: '20240201000000-create-hosts.js' },
      ],
    },
    {
      name: 'the same, but the awaited step after them can fail on existing rows (a NOT NULL column without a default): an error',
      files: up(`queryInterface.addColumn('users', 'nickname', { type: Sequelize.STRING });
    await queryInterface.addColumn('teams', 'owner_id', { type: Sequelize.INTEGER, allowNull: false });`),
      errors: [{ messageId: 'floating', line: 3, severity: 'error', data: { around: '' } }],
    },
    {
      name: 'raw SQL without await',
      files: up("queryInterface.sequelize.query('UPDATE users SET bio = name');"),
      errors: [{ messageId: 'floating', line: 3, data: { callee: 'queryInterface.sequelize.query' } }],
    },
  ],
});
