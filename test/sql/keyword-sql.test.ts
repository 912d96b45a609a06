import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/sql/analyze-sql';
import type { SqlOperation } from '../../src/sql/sql-operation';
import { loadSqlParser } from '../../src/sql/pg-parser';

beforeAll(async () => {
  await loadSqlParser();
});

const shape = (ops: SqlOperation[]) => ops.map(({ op, target, guard, options, notParsed, sqlError, unresolved }) => ({ op, target, guard, options, notParsed, sqlError, unresolved }));
const t = (table: string | null, extra: Record<string, unknown> = {}) => ({ table, column: null, ...extra });
const row = (op: SqlOperation['op'], target: ReturnType<typeof t>, extra: Partial<SqlOperation> = {}) => ({
  op,
  target,
  guard: null,
  options: {},
  notParsed: true,
  sqlError: undefined,
  unresolved: undefined,
  ...extra,
});

describe('analyzeSql with postgres: false (MySQL, MariaDB, SQLite)', () => {
  it.each([
    ['DROP TABLE with backquotes', 'DROP TABLE `order_lines`', [row('dropTable', t('order_lines'))]],
    ['DROP TABLE IF EXISTS, schema-qualified', 'drop table if exists shop.`OrderLines`;', [row('dropTable', t('OrderLines', { schema: 'shop' }), { guard: 'sql-if-exists' })]],
    ['ALTER TABLE ... DROP COLUMN keeps the case as written', 'ALTER TABLE `customers` DROP COLUMN `loyaltyPoints`', [row('removeColumn', t('customers', { column: 'loyaltyPoints' }))]],
    ['MySQL ALTER TABLE ... DROP without COLUMN', 'ALTER TABLE customers DROP nickname', [row('removeColumn', t('customers', { column: 'nickname' }))]],
    ['DROP INDEX / FOREIGN KEY is no column drop', 'ALTER TABLE customers DROP INDEX customers_email; ALTER TABLE customers DROP FOREIGN KEY fk_x', [row('sql', t(null)), row('sql', t(null))]],
    ['DELETE without WHERE', 'DELETE FROM `carts`', [row('delete', t('carts'), { options: { where: false } })]],
    ['DELETE with WHERE', "DELETE FROM carts WHERE created_at < '2020-01-01'", [row('delete', t('carts'), { options: { where: true } })]],
    ['UPDATE', 'UPDATE `customers` SET `tier` = 1 WHERE `tier` IS NULL', [row('update', t('customers'), { options: { where: true, columns: ['tier'] } })]],
    ['UPDATE of several columns, commas inside calls and strings', "UPDATE customers SET c.`fullName` = CONCAT(first, ', ', last), notes = 'a,b'\nWHERE id > 3", [row('update', t('customers'), { options: { where: true, columns: ['fullName', 'notes'] } })]],
    [
      'UPDATE of a column computed from its own value (a MySQL double-quoted string is text, not a name)',
      'UPDATE players SET badges = REPLACE(players.badges, "badge-", ""), progress = CONCAT(SUBSTR(`progress`, 1, 3), \'0\', SUBSTR(progress, 4)), note = "badges"',
      [row('update', t('players'), { options: { where: false, columns: ['badges', 'progress', 'note'], selfDerived: ['badges', 'progress'] } })],
    ],
    [
      'UPDATE copying another table\'s column of the same name is no rewrite from itself',
      'UPDATE players SET health = (SELECT e.health FROM entities e WHERE e.id = players.id)',
      [row('update', t('players'), { options: { where: false, columns: ['health'] } })],
    ],
    [
      'DELETE of the rows whose key matches no row of the parent (orphans)',
      'DELETE FROM pet_entities WHERE `ownerId` NOT IN (SELECT id FROM players)',
      [row('delete', t('pet_entities'), { options: { where: true, orphans: { via: 'not-in', column: 'ownerId', parent: 'players' } } })],
    ],
    ['TRUNCATE', 'TRUNCATE TABLE sessions', [row('truncate', t('sessions'), { options: { cascade: false, restartIdentity: false } })]],
    ['MySQL-only syntax stays sql, with no parse error', 'ALTER TABLE `customers` MODIFY COLUMN `email` VARCHAR(320) NOT NULL', [row('sql', t(null))]],
    ['several statements, semicolons inside strings ignored', "UPDATE notes SET body = 'a; b'; DROP TABLE drafts", [row('update', t('notes'), { options: { where: false, columns: ['body'] } }), row('dropTable', t('drafts'))]],
    ['a leading comment', '-- cleanup\nDROP TABLE drafts', [row('dropTable', t('drafts'))]],
    ['a name from a hole is unknown', 'DROP TABLE migralint_hole_0', [row('dropTable', t(null), { unresolved: true })]],
    ['empty SQL', '  ;  ', []],
  ] as const)('%s', (_name, sql, expected) => {
    expect(shape(analyzeSql(sql, { postgres: false }))).toEqual(expected);
  });

  it('keeps each statement text and offset', () => {
    const sql = 'UPDATE a SET x = 1;\n  DROP TABLE b';
    expect(analyzeSql(sql, { postgres: false }).map((o) => [o.statement, o.offset])).toEqual([
      ['UPDATE a SET x = 1', 0],
      ['DROP TABLE b', 22],
    ]);
  });

  it('the PostgreSQL parser is used by default (and when postgres: true)', () => {
    expect(analyzeSql('DROP TABLE `x`')[0]?.sqlError).toBeDefined();
    expect(analyzeSql('ALTER TABLE "Users" DROP COLUMN "userId"', { postgres: true })[0]).toMatchObject({ op: 'removeColumn', target: { table: 'Users', column: 'userId' } });
  });
});
