import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body` (from line 3). */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

ruleTests('require-transaction-option', {
  valid: [
    {
      name: 'every call passes the transaction',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.addIndex('users', ['bio'], { transaction });
      await queryInterface.sequelize.query('UPDATE users SET bio = name', { transaction });
    });`),
    },
    {
      name: 'a managed transaction written with t',
      files: up(`return queryInterface.sequelize.transaction((t) => Promise.all([
      queryInterface.addColumn('users', 'bio', Sequelize.TEXT, { transaction: t }),
      queryInterface.removeColumn('users', 'nickname', { transaction: t }),
    ]));`),
    },
    {
      name: 'addIndex with its options (and the transaction) as the second argument: Sequelize reads them there',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('users', { fields: ['bio'], name: 'users_bio', transaction });
      await queryInterface.addIndex('users', { fields: ['name'], unique: true, transaction }, 'users');
    });`),
    },
    { name: 'no transaction at all', files: up("await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });") },
    {
      name: 'a read outside the transaction changes nothing',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      const columns = await queryInterface.describeTable('users');
      if (!columns.bio) await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
    });`),
    },
  ],
  invalid: [
    {
      name: 'a call without { transaction } inside the callback, before a step that can fail: an error',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.removeColumn('users', 'nickname');
      await queryInterface.addConstraint('users', { fields: ['email'], type: 'unique', transaction });
    });`),
      errors: [
        {
          messageId: 'missingTransaction',
          line: 5,
          column: 13,
          severity: 'error',
          data: {
            callee: 'queryInterface.removeColumn',
            target: '`users.nickname`',
            scope: ' When a later step of the transaction fails (`addConstraint` on `users` at line 6), the transaction rolls back but this call stays applied, and the rerun fails on it.',
          },
        },
      ],
    },
    {
      name: 'the last step of its transaction, or before steps that fail only for an outside reason: info',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }, { transaction });
      await queryInterface.removeColumn('users', 'nickname');
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'avatar', { type: Sequelize.STRING, transaction });
      await queryInterface.addIndex('users', ['avatar'], { transaction });
    });`),
      errors: [
        { messageId: 'missingTransaction', line: 5, severity: 'info', data: { scope: ' Nothing of the transaction runs after it, so nothing can leave it half-done: it matters once a step follows it.' } },
        { messageId: 'transactionInAttributes', line: 8, severity: 'info', data: { target: '`users.avatar`' } },
      ],
    },
    {
      name: 'a foreign key over a column the transaction added without a default cannot fail on data (info); over a column that existed it can (error)',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'couponId', { type: Sequelize.INTEGER, allowNull: true }, { transaction });
      await queryInterface.addIndex('orders', ['placedAt']);
      await queryInterface.addConstraint('orders', { type: 'foreign key', fields: ['couponId'], references: { table: 'coupons', field: 'id' }, transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('orders', ['shippedAt']);
      await queryInterface.addConstraint('orders', { type: 'foreign key', fields: ['customerId'], references: { table: 'customers', field: 'id' }, transaction });
    });`),
      errors: [
        { messageId: 'missingTransaction', line: 5, severity: 'info', data: { target: '`orders`' } },
        { messageId: 'missingTransaction', line: 9, severity: 'error', data: { target: '`orders`' } },
      ],
    },
    {
      name: 'raw SQL without { transaction }',
      files: up(`await queryInterface.sequelize.transaction(async () => {
      await queryInterface.sequelize.query('UPDATE users SET bio = name');
    });`),
      errors: [{ messageId: 'missingTransaction', line: 4, severity: 'info', data: { callee: 'queryInterface.sequelize.query' } }],
    },
    {
      name: 'transaction inside the column attributes',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT, transaction });
      await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING(200), allowNull: false, transaction });
    });`),
      errors: [
        {
          messageId: 'transactionInAttributes',
          line: 4,
          severity: 'error',
          data: {
            callee: 'queryInterface.addColumn',
            target: '`users.bio`',
            scope: ' When a later step of the transaction fails (`changeColumn` on `users.name` at line 5), the transaction rolls back but this call stays applied, and the rerun fails on it. One more call of the same transaction runs outside it too (line 5).',
          },
        },
      ],
    },
    {
      name: 'one finding per transaction: every call of a callback outside it, and a second callback of its own',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeConstraint('orders', 'orders_user_fk', { transaction });
      await queryInterface.changeColumn('orders', 'user_id', { type: Sequelize.INTEGER, allowNull: false, transaction });
      await queryInterface.changeColumn('orders', 'team_id', { type: Sequelize.INTEGER, allowNull: false, transaction });
      await queryInterface.sequelize.query('UPDATE orders SET team_id = 0 WHERE team_id IS NULL');
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'note', { type: Sequelize.TEXT, transaction });
    });`),
      errors: [
        { messageId: 'transactionInAttributes', line: 5, severity: 'error', data: { target: '`orders.user_id`' } },
        { messageId: 'transactionInAttributes', line: 10, severity: 'info', data: { target: '`orders.note`' } },
      ],
    },
    {
      name: 'addIndex with an options object, then { transaction } as a third argument (read as rawTablename)',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('users', { fields: ['bio'] }, { transaction });
      await queryInterface.addIndex('users', ['name'], { transaction });
    });`),
      errors: [{ messageId: 'transactionAfterIndexOptions', line: 4, column: 13, severity: 'info', data: { callee: 'queryInterface.addIndex', target: '`users`' } }],
    },
    {
      name: '{ transaction } inside removeIndex\'s fields: the DROP removes nothing (info when the column goes later, else a warning)',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeIndex('imports', ['sourceId', { transaction }]);
      await queryInterface.removeColumn('imports', 'sourceId', { transaction });
      await queryInterface.removeIndex('exports', ['targetId', { transaction }]);
    });`),
      errors: [
        { messageId: 'transactionInFields', line: 4, column: 13, severity: 'info', data: { target: '`imports`', consequence: 'The index goes all the same with its column `sourceId` (`removeColumn` at line 5), later in this up.' } },
        { messageId: 'transactionInFields', line: 6, severity: 'warning', data: { target: '`exports`' } },
      ],
    },
    {
      name: 'one finding per call site of a constant loop',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      for (const column of ['a', 'b', 'c']) {
        await queryInterface.removeColumn('users', column);
      }
    });`),
      errors: [{ messageId: 'missingTransaction', line: 5, severity: 'info' }],
    },
  ],
});
