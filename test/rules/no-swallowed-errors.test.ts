import { ruleTests } from './rule-tester';

ruleTests('no-swallowed-errors', {
  valid: [
    {
      name: 'catch that rethrows unless "already exists"',
      files: `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('users', ['email']);
    } catch (error) {
      if (!error.message.includes('already exists')) throw error;
    }
  },
  async down() {},
};`,
    },
    {
      name: 'catch on an SQLSTATE code',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }).catch((error) => {
      if (error.original?.code !== '42701') throw error;
    });
  },
  async down() {},
};`,
    },
    {
      name: 'catch that logs and rethrows, and an unmanaged transaction rollback',
      files: `module.exports = {
  async up(queryInterface) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.removeColumn('users', 'legacy', { transaction });
      await transaction.commit();
    } catch (error) {
      console.error('migration failed', error);
      await transaction.rollback();
      throw error;
    }
  },
  async down() {},
};`,
    },
  ],
  invalid: [
    {
      name: 'empty catch around several steps: one finding naming them',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
      await queryInterface.addIndex('users', ['bio']);
    } catch (e) {}
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 3, column: 5, severity: 'warning', data: { steps: 'addColumn `users.bio`, addIndex `users`' } }],
    },
    {
      name: '.catch(() => {}) and a catch that only logs',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('orders', 'orders_user_fk').catch(() => {});
    try {
      await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN coupon');
    } catch (error) {
      console.log('could not drop coupon, continuing', error.message);
    }
  },
  async down() {},
};`,
      errors: [
        { messageId: 'swallowed', line: 3, column: 71, data: { steps: 'removeConstraint `orders` (`orders_user_fk`)' } },
        { messageId: 'swallowed', line: 4, column: 5, data: { steps: 'removeColumn `orders.coupon`' } },
      ],
    },
    {
      name: 'swallowing in down is reported too',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    try { await queryInterface.dropTable('reports'); } catch (_) { /* ignore */ }
  },
};`,
      errors: [{ messageId: 'swallowed', line: 4, column: 5 }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a catch that rethrows only for one unrelated error class still hides the rest',
      why: 'any conditional rethrow counts as an expected-error test',
      files: `module.exports = {
  async up(qi) {
    try { await qi.addIndex('users', ['email']); } catch (e) { if (e.name === 'SequelizeConnectionError') throw e; }
  },
  async down() {},
};`,
    },
  ],
});
