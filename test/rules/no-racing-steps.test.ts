import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body` (from line 3) and whose `down` is `down` (from line 6). */
const migration = (body: string, down = '') => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down(queryInterface, Sequelize) {
    ${down}
  },
};`;

/** Five columns added in one Promise.all, then (sixth, past Sequelize's default pool of 5) an index over the first. */
const SIXTH_ELEMENT_INDEX = `return Promise.all([
      queryInterface.addColumn('items', 'lis_id', { type: Sequelize.STRING }),
      queryInterface.addColumn('items', 'lis_rarity', { type: Sequelize.STRING }),
      queryInterface.addColumn('items', 'lis_quality', { type: Sequelize.STRING }),
      queryInterface.addColumn('items', 'lis_type', { type: Sequelize.STRING }),
      queryInterface.addColumn('items', 'lis_weapon', { type: Sequelize.STRING }),
      queryInterface.addIndex('items', ['lis_id']),
    ]);`;

ruleTests('no-racing-steps', {
  valid: [
    {
      name: 'steps on different columns of one table: nothing to wait for',
      files: migration(`await Promise.all([queryInterface.addColumn('couriers', 'note', { type: Sequelize.TEXT }), queryInterface.addColumn('couriers', 'phone', { type: Sequelize.STRING })]);`),
    },
    {
      name: 'the old primary key dropped and a column declared primaryKey added: Sequelize sends that column without PRIMARY KEY on PostgreSQL (measured), so the order does not matter',
      files: migration(`await Promise.all([
      queryInterface.removeConstraint('settings', 'settings_pkey'),
      queryInterface.addColumn('settings', 'id', { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true }),
    ]);`),
    },
    {
      name: 'a column added, then indexed, one after the other inside one element (an async function): ordered',
      files: migration(`await Promise.all(['couriers', 'parcels'].map(async (table) => {
      await queryInterface.addColumn(table, 'owner_id', { type: Sequelize.INTEGER });
      await queryInterface.addIndex(table, ['owner_id']);
    }));`),
    },
    {
      name: 'the index chained on the column with .then, in one element: ordered',
      files: migration(`await Promise.all([
      queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER }).then(() => queryInterface.addIndex('couriers', ['owner_id'])),
      queryInterface.addColumn('parcels', 'note', { type: Sequelize.TEXT }),
    ]);`),
    },
    {
      name: 'two Promise.all one after the other: the second starts when the first is done',
      files: migration(`await Promise.all([queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER })]);
    await Promise.all([queryInterface.addIndex('couriers', ['owner_id'])]);`),
    },
    {
      name: 'both on one transaction, the first sending its statement at once (addColumn): one connection, in the order sent',
      files: migration(`await queryInterface.sequelize.transaction(async (transaction) => {
      await Promise.all([
        queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER }, { transaction }),
        queryInterface.addIndex('couriers', ['owner_id'], { transaction }),
      ]);
    });`),
    },
    {
      name: 'the dependent step placed at or past the pool\'s size (Sequelize\'s default, 5): it gets a connection only once earlier elements have finished, long after the first ones were sent',
      files: migration(SIXTH_ELEMENT_INDEX),
    },
    {
      name: 'elements awaited where the list is built: each runs alone, one after the other',
      files: migration(`await Promise.all([
      await queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER }),
      await queryInterface.addIndex('couriers', ['owner_id']),
    ]);`),
    },
  ],
  invalid: [
    {
      name: 'a column added and indexed in one Promise.all: the index may come first',
      files: migration(`await Promise.all([
      queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER }),
      queryInterface.addIndex('couriers', ['owner_id']),
    ]);`),
      errors: [{ messageId: 'racing', line: 5, severity: 'warning', data: { callee: 'queryInterface.addIndex', firstCallee: 'queryInterface.addColumn', firstLine: '4', failure: ', and fail (column `owner_id` does not exist yet)' } }],
    },
    {
      name: 'a unique constraint dropped and made again under its name, raw SQL for the drop: the new one may come first ("already exists")',
      files: migration(`return Promise.all([
      queryInterface.sequelize.query('ALTER TABLE "Contacts" DROP CONSTRAINT "Contacts_number_key"'),
      queryInterface.addConstraint('Contacts', { fields: ['number', 'companyId'], type: 'unique', name: 'Contacts_number_key' }),
    ]);`),
      errors: [{ messageId: 'racing', line: 5, data: { firstLine: '4', failure: ', and fail ("already exists")' } }],
    },
    {
      name: 'a primary key constraint replaced in one Promise.all: "multiple primary keys"',
      files: migration(`return Promise.all([
      queryInterface.removeConstraint('Settings', 'Settings_pkey'),
      queryInterface.addConstraint('Settings', { fields: ['id'], type: 'primary key', name: 'Settings_id_pkey' }),
    ]);`),
      errors: [{ messageId: 'racing', line: 5, data: { failure: ', and fail ("multiple primary keys ... are not allowed")' } }],
    },
    {
      name: 'a table created and indexed in one Promise.all on its transaction: createTable sends late, so the index may overtake it',
      files: migration(`await queryInterface.sequelize.transaction((transaction) => Promise.all([
      queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING }, { transaction }),
      queryInterface.addIndex('tags', ['name'], { transaction }),
    ]));`),
      errors: [{ messageId: 'racing', line: 5, data: { failure: ', and fail (the table does not exist yet)' } }],
    },
    {
      name: 'the same list with a pool of 10 set by every environment of the database config: the index is among the first ten, it races',
      files: {
        'migrations/20240301000000-lis.js': migration(SIXTH_ELEMENT_INDEX),
        'config/config.json': '{ "production": { "dialect": "postgres", "pool": { "max": 10 } }, "development": { "dialect": "postgres", "pool": { "max": 10 } } }',
      },
      errors: [{ messageId: 'racing', line: 9, data: { firstLine: '4' } }],
    },
    {
      name: 'in down: info, only a rollback is affected',
      files: migration(
        `await queryInterface.addColumn('couriers', 'owner_id', { type: Sequelize.INTEGER });`,
        `await Promise.all([queryInterface.removeIndex('couriers', 'couriers_owner_id'), queryInterface.removeColumn('couriers', 'owner_id'), queryInterface.dropTable('couriers')]);`,
      ),
      errors: [{ messageId: 'racingInDown', line: 6, severity: 'info', data: { firstCallee: 'queryInterface.removeIndex' } }],
    },
  ],
});
