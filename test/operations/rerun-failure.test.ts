/**
 * The rerun failure a finding names follows the statement (rerunFailureOf): an
 * ALTER TYPE that renames fails on its rerun with "type does not exist", one
 * that renames a value with "not an existing enum label", not with the ADD
 * VALUE text. Measured in test/operations/table.test.ts.
 */
import { beforeAll, expect, test } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { lint } from '../helpers/rules';

beforeAll(async () => {
  await loadSqlParser();
});

/** One migration: `statement`, then a concurrent index build that can fail after it (so the step is judged). */
const migration = (statement: string) => `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(${JSON.stringify(statement)});
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)');
  },
  async down() {},
};`;

test.each([
  [`ALTER TYPE enum_orders_status ADD VALUE 'refunded'`, 'enum label already exists'],
  [`ALTER TYPE enum_orders_status RENAME VALUE 'void' TO 'voided'`, 'not an existing enum label'],
  [`ALTER TYPE enum_orders_status RENAME TO order_status`, 'type does not exist'],
])('%s: the rerun fails with "%s"', (statement, failure) => {
  const findings = lint('require-idempotency-guard', migration(statement)).filter((f) => f.line === 3);
  expect(findings.map((f) => ({ messageId: f.messageId, failure: f.data?.failure }))).toEqual([{ messageId: 'notAtomic', failure }]);
});
