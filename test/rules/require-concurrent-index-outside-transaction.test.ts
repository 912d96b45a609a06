import { withRunner } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** A migration whose `up` is `body`. */
const up = (body: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    ${body}
  },
  async down() {},
};`;

ruleTests('require-concurrent-index-outside-transaction', {
  valid: [
    { name: 'concurrently, outside any transaction', files: up(`await queryInterface.addIndex('users', ['email'], { concurrently: true });`) },
    { name: 'a plain index in a transaction', files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('users', ['email'], { transaction });
    });`) },
    {
      name: 'inside a transaction callback without { transaction }: runs outside it',
      files: up(`await queryInterface.sequelize.transaction(async () => {
      await queryInterface.addIndex('users', ['email'], { concurrently: true });
    });`),
    },
    { name: 'raw SQL, one statement per query', files: up(`await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY users_email ON users (email)');`) },
    {
      name: 'one statement per query in a loop',
      files: up(`for (const name of ['a', 'b']) {
      await queryInterface.sequelize.query(\`DROP INDEX CONCURRENTLY IF EXISTS "\${name}"\`);
    }`),
    },
    { name: 'after a COMMIT', files: up(`await queryInterface.sequelize.query('BEGIN; UPDATE users SET x = 1; COMMIT;');
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY users_email ON users (email)');`) },
    {
      name: 'a MySQL project (no CONCURRENTLY there)',
      files: up(`await queryInterface.addIndex('users', ['email'], { concurrently: true, transaction: t });`),
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
    },
    {
      name: 'ANALYZE and a plain REINDEX in a transaction; VACUUM in a query of its own',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query('ANALYZE users', { transaction });
      await queryInterface.sequelize.query('REINDEX TABLE users', { transaction });
    });
    await queryInterface.sequelize.query('VACUUM (ANALYZE) users');`),
    },
  ],
  invalid: [
    {
      name: 'VACUUM with { transaction }, REINDEX CONCURRENTLY after a BEGIN (25001 on PostgreSQL)',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query('VACUUM users', { transaction });
    });
    await queryInterface.sequelize.query('BEGIN; REINDEX TABLE CONCURRENTLY users; COMMIT;');`),
      errors: [
        { messageId: 'concurrentInTransaction', line: 4, data: { op: 'VACUUM', statement: 'VACUUM' } },
        { messageId: 'concurrentInTransaction', line: 6, data: { op: 'REINDEX CONCURRENTLY', statement: 'REINDEX CONCURRENTLY' } },
      ],
    },
    {
      name: 'addIndex concurrently with { transaction }',
      files: up(`await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('users', ['email'], { concurrently: true, transaction });
    });`),
      errors: [{ messageId: 'concurrentInTransaction', line: 4, column: 13, severity: 'error', data: { op: 'addIndex', statement: 'CREATE INDEX CONCURRENTLY' } }],
    },
    {
      name: 'removeIndex concurrently with { transaction }',
      files: up(`const t = await queryInterface.sequelize.transaction();
    await queryInterface.removeIndex('users', 'users_email', { concurrently: true, transaction: t });
    await t.commit();`),
      errors: [{ messageId: 'concurrentInTransaction', line: 4, data: { op: 'removeIndex', statement: 'DROP INDEX CONCURRENTLY' } }],
    },
    {
      name: 'two statements in one query string: one implicit transaction',
      files: up(`await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY a ON users (x); CREATE INDEX CONCURRENTLY b ON users (y);');`),
      errors: [
        { messageId: 'concurrentInTransaction', line: 3, data: { op: 'CREATE INDEX CONCURRENTLY' } },
        { messageId: 'concurrentInTransaction', line: 3, data: { op: 'CREATE INDEX CONCURRENTLY' } },
      ],
    },
    {
      name: 'after a BEGIN the SQL sends',
      files: up(`await queryInterface.sequelize.query('BEGIN');
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY users_email ON users (email)');
    await queryInterface.sequelize.query('COMMIT');`),
      errors: [{ messageId: 'concurrentInTransaction', line: 4 }],
    },
    {
      name: 'the runner wraps each migration in a transaction',
      files: up(`await queryInterface.addIndex('users', ['email'], { concurrently: true });`),
      project: withRunner({ kind: 'umzug', transaction: 'per-migration', transactionEvidence: { file: 'src/migrate.js', line: 12, text: 'sequelize.transaction(...)' } }),
      errors: [{ messageId: 'concurrentInTransaction', line: 3 }],
    },
    {
      name: 'in down too',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeIndex('users', 'users_email', { concurrently: true, transaction });
    });
  },
};`,
      errors: [{ messageId: 'concurrentInTransaction', line: 5 }],
    },
  ],
});
