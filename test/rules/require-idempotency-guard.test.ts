import { ruleTests } from './rule-tester';

ruleTests('require-idempotency-guard', {
  valid: [
    {
      name: 'Sequelize makes createTable, dropTable, removeIndex, dropEnum idempotent',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.removeIndex('tags', 'tags_name');
    await queryInterface.dropTable('old_tags');
    await queryInterface.dropEnum('enum_tags_kind');
  },
  async down() {},
};`,
    },
    {
      name: 'describeTable guard, early-return guard, showIndex guard',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const columns = await queryInterface.describeTable('users');
    if (!columns.bio) {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    }
    const indexes = await queryInterface.showIndex('users');
    if (!indexes.some((index) => index.name === 'users_bio_idx')) {
      await queryInterface.addIndex('users', ['bio'], { name: 'users_bio_idx' });
    }
    const tables = await queryInterface.showAllTables();
    if (tables.includes('profiles')) return;
    await queryInterface.renameTable('user_profiles', 'profiles');
  },
  async down() {},
};`,
    },
    {
      name: 'try/catch that rethrows unless "already exists" (the seed pattern)',
      files: `module.exports = {
  up: async (queryInterface) => {
    try {
      await queryInterface.addIndex('users', ['email']);
    } catch (error) {
      if (!error.message.includes('already exists')) {
        throw error;
      }
    }
  },
  down: async () => {},
};`,
    },
    {
      name: 'raw SQL with IF [NOT] EXISTS',
      files: `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN IF NOT EXISTS bio TEXT');
    await queryInterface.sequelize.query('CREATE INDEX IF NOT EXISTS users_bio_idx ON users (bio)');
    await queryInterface.sequelize.query("ALTER TYPE enum_users_role ADD VALUE IF NOT EXISTS 'owner'");
  },
  async down() {},
};`,
    },
    {
      name: 'the whole migration runs in one transaction',
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.addIndex('users', ['bio'], { transaction });
    }),
  down: async () => {},
};`,
    },
    {
      name: 'a single step that is the last: nothing after it can fail (lastStep: auto, no sync())',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.describeTable('users');
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
    },
    {
      name: 'down steps are not checked by default',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users', 'phone');
  },
};`,
    },
  ],
  invalid: [
    {
      name: 'unguarded addColumns (031 in the seed project): the earlier steps stay applied when a later one fails',
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(20) });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'unguarded', line: 3, column: 11, severity: 'warning', data: { op: 'addColumn', target: '`users.bio`', failure: 'column already exists' } },
        { messageId: 'unguarded', line: 4, data: { target: '`users.phone`' } },
      ],
    },
    {
      name: 'the last step too when the project builds schemas with sequelize.sync() (lastStep: auto)',
      project: { schemaSync: { script: 'db:setup:dev', evidence: 'scripts/setup-dev.js:43' } },
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'unguarded', line: 3 },
        {
          messageId: 'unguardedLastStep',
          line: 4,
          data: { target: '`users.location`', why: '`npm run db:setup:dev` builds schemas with sequelize.sync() (scripts/setup-dev.js:43), so databases can already have it' },
        },
      ],
    },
    {
      name: 'the last step with lastStep: always',
      options: { lastStep: 'always' },
      files: `module.exports = { async up(qi, S) { await qi.addColumn('users', 'bio', { type: S.TEXT }); }, async down() {} };`,
      errors: [{ messageId: 'unguardedLastStep', line: 1, data: { failure: 'column already exists' } }],
    },
    {
      name: 'a transaction that some calls forget to pass does not protect the migration',
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await queryInterface.addIndex('orders', ['currency']);
    }),
  down: async () => {},
};`,
      errors: [{ messageId: 'unguardedPartialTransaction', line: 4, data: { target: '`orders.currency`' } }],
    },
    {
      name: 'CONCURRENTLY is not atomic: reported even as the only step (a failed build leaves an INVALID index)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('events', ['created_at'], { concurrently: true, name: 'events_created_at' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'unguardedConcurrently', line: 3, data: { op: 'addIndex', target: '`events` (`events_created_at`)' } }],
    },
    {
      name: 'raw DDL without IF [NOT] EXISTS',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'");
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)');
    await queryInterface.sequelize.query('CREATE TABLE order_notes (id serial PRIMARY KEY, body text)');
  },
  async down() {},
};`,
      errors: [
        { messageId: 'unguarded', line: 3, data: { op: 'alterType (SQL)', failure: 'enum label already exists' } },
        { messageId: 'unguardedConcurrently', line: 4, data: { op: 'addIndex (SQL)' } },
      ],
    },
    {
      name: 'renames and bulkInsert',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('users', 'name', 'full_name');
    await queryInterface.renameTable('user_roles', 'memberships');
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }]);
  },
  async down() {},
};`,
      errors: [
        { messageId: 'unguarded', line: 3, data: { op: 'renameColumn', failure: "Sequelize: table doesn't have the column" } },
        { messageId: 'unguarded', line: 4, data: { op: 'renameTable', failure: 'relation does not exist' } },
      ],
    },
    {
      name: 'a step repeated in a loop over rows is never the last step',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const tables = await queryInterface.showAllTables();
    for (const table of tables) {
      await queryInterface.addColumn(table, 'tenant_id', { type: Sequelize.INTEGER });
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'unguarded', line: 5 }],
    },
    {
      name: 'downs are checked with checkDown',
      options: { checkDown: true },
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users', 'phone');
  },
};`,
      errors: [{ messageId: 'unguarded', line: 4, data: { op: 'removeColumn', failure: 'column does not exist' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'the last of several addColumns in one Promise.all runs concurrently with the others',
      why: 'concurrency inside Promise.all is not modelled: the last element is treated as the last step',
      files: `module.exports = {
  async up(qi, S) {
    await qi.describeTable('users');
    await Promise.all([qi.changeColumn('users', 'a', { type: S.TEXT }), qi.bulkDelete('tmp', {})]);
  },
  async down() {},
};`,
    },
  ],
});
