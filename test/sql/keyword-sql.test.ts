import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSql } from '../../src/sql/analyze-sql';
import type { SqlOperation } from '../../src/sql/sql-operation';
import { loadSqlParser } from '../../src/sql/pg-parser';

beforeAll(async () => {
  await loadSqlParser();
});

const shape = (ops: SqlOperation[]) => ops.map(({ op, target, guard, options, fields, notParsed, sqlError, unresolved }) => ({ op, target, guard, options, ...(fields ? { fields } : {}), notParsed, sqlError, unresolved }));
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
    ['DROP TABLE with backquotes', 'DROP TABLE `order_lines`', [row('dropTable', t('order_lines'), { options: { cascade: false } })]],
    ['DROP TABLE IF EXISTS, schema-qualified', 'drop table if exists shop.`OrderLines`;', [row('dropTable', t('OrderLines', { schema: 'shop' }), { guard: 'sql-if-exists', options: { cascade: false } })]],
    ['ALTER TABLE ... DROP COLUMN keeps the case as written', 'ALTER TABLE `customers` DROP COLUMN `loyaltyPoints`', [row('removeColumn', t('customers', { column: 'loyaltyPoints' }), { options: { cascade: false } })]],
    ['MySQL ALTER TABLE ... DROP without COLUMN', 'ALTER TABLE customers DROP nickname', [row('removeColumn', t('customers', { column: 'nickname' }), { options: { cascade: false } })]],
    [
      'DROP INDEX / FOREIGN KEY is no column drop',
      'ALTER TABLE customers DROP INDEX customers_email; ALTER TABLE customers DROP FOREIGN KEY fk_x',
      [row('removeIndex', t('customers', { name: 'customers_email' }), { options: { cascade: false, concurrently: false } }), row('removeConstraint', t('customers', { name: 'fk_x' }), { options: { cascade: false } })],
    ],
    ['DELETE without WHERE', 'DELETE FROM `carts`', [row('delete', t('carts'), { options: { where: false } })]],
    ['SELECT: a read of its first table (a catalog query too)', "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'carts'", [row('select', t('COLUMNS', { schema: 'INFORMATION_SCHEMA' }), { options: { allColumns: false, columns: ['COLUMN_NAME'] } })]],
    ['SELECT of plain columns (quoted, qualified, aliased): the columns it reads into the migration', 'SELECT id, `label`, b.owner_id AS owner FROM bookings b WHERE label IS NOT NULL', [row('select', t('bookings'), { options: { allColumns: false, columns: ['id', 'label', 'owner_id'] } })]],
    ['SELECT with an expression in its list: no column list (what it reads is not named plainly)', 'SELECT id, LOWER(label) FROM bookings', [row('select', t('bookings'), { options: { allColumns: false } })]],
    ['SELECT * and SHOW: reads', 'SELECT * FROM `carts` WHERE id = 1; SHOW INDEX FROM carts', [row('select', t('carts'), { options: { allColumns: true } }), row('select', t('carts'), { options: { allColumns: false } })]],
    ['SELECT from a subquery: a read of no one table', 'SELECT count(*) FROM (SELECT 1 FROM carts) x', [row('select', t(null), { options: { allColumns: false } })]],
    [
      'INSERT: the columns written and what a duplicate does (IGNORE, ON DUPLICATE KEY UPDATE, REPLACE)',
      "INSERT IGNORE INTO `plans` (`id`, `name`) VALUES (1, 'free'); INSERT INTO plans (id, name) VALUES (2, 'pro') ON DUPLICATE KEY UPDATE name = VALUES(name); REPLACE INTO plans (id) VALUES (3); INSERT INTO plans SELECT * FROM old_plans",
      [
        row('insert', t('plans'), { options: { columns: ['id', 'name'], onConflict: 'nothing' } }),
        row('insert', t('plans'), { options: { columns: ['id', 'name'], onConflict: 'update' } }),
        row('insert', t('plans'), { options: { columns: ['id'], onConflict: 'update' } }),
        row('insert', t('plans'), { options: { columns: [], onConflict: null, copiedFrom: ['old_plans'], copiedAll: true } }),
      ],
    ],
    [
      'INSERT ... SELECT: the table copied from, all of it only with nothing but an alias or ORDER BY after it',
      'INSERT INTO `plans` (`id`) SELECT p.id FROM `_plans_old` AS p ORDER BY p.id; INSERT INTO plans SELECT * FROM old_plans WHERE active = 1; INSERT INTO plans SELECT * FROM a JOIN b ON a.id = b.id; INSERT INTO plans SELECT * FROM a, b; INSERT INTO plans SELECT * FROM (SELECT * FROM a) x',
      [
        row('insert', t('plans'), { options: { columns: ['id'], onConflict: null, copiedFrom: ['_plans_old'], copiedAll: true } }),
        row('insert', t('plans'), { options: { columns: [], onConflict: null, copiedFrom: ['old_plans'], copiedAll: false } }),
        row('insert', t('plans'), { options: { columns: [], onConflict: null } }),
        row('insert', t('plans'), { options: { columns: [], onConflict: null } }),
        row('insert', t('plans'), { options: { columns: [], onConflict: null } }),
      ],
    ],
    ['DELETE with WHERE', "DELETE FROM carts WHERE created_at < '2020-01-01'", [row('delete', t('carts'), { options: { where: true } })]],
    ['UPDATE', 'UPDATE `customers` SET `tier` = 1 WHERE `tier` IS NULL', [row('update', t('customers'), { options: { where: true, columns: ['tier'] } })]],
    [
      'CREATE TABLE ... AS SELECT: the rows of the table it reads, copied (all of them without a WHERE)',
      'CREATE TABLE organization_members_backup AS SELECT * FROM organization_members',
      [row('createTable', t('organization_members_backup'), { options: { asSelect: true, copiedFrom: ['organization_members'], copiedAll: true } })],
    ],
    [
      'INSERT ... SELECT DISTINCT ... GROUP BY (duplicates folded): a copy of some of the rows',
      'INSERT INTO organization_members(organizationId, accountId) SELECT DISTINCT organizationId, accountId FROM organization_members_backup GROUP BY organizationId, accountId',
      [row('insert', t('organization_members'), { options: { columns: ['organizationId', 'accountId'], onConflict: null, copiedFrom: ['organization_members_backup'], copiedAll: false } })],
    ],
    [
      'UPDATE copying a column of the row (bare, backquoted or qualified by the table): setCopies; a double-quoted string is no column',
      'UPDATE email SET new_node_id = node_id, `b` = email.`a`, c = "x"',
      [row('update', t('email'), { options: { where: false, columns: ['new_node_id', 'b', 'c'], setCopies: { new_node_id: 'node_id', b: 'a' } } })],
    ],
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
      'multi-table UPDATE (JOIN): the table the SET assigns (by its alias), the other tables, the columns of theirs the values read; a WHERE chooses rows',
      "UPDATE sales S\n  INNER JOIN `vehicles` AS V ON V.id = S.vehicleId\n  SET S.comment = V.`salesComment`, S.note = CONCAT(V.brand, ' x.y');\nUPDATE vehicles v LEFT JOIN sales s ON v.id = s.vehicleId SET v.listId = s.listId WHERE s.id > 3",
      [
        row('update', t('sales'), { options: { where: true, columns: ['comment', 'note'], copiedFrom: ['vehicles'], setReads: ['vehicles.salesComment', 'vehicles.brand'], joinOnly: true } }),
        row('update', t('vehicles'), { options: { where: true, columns: ['listId'], copiedFrom: ['sales'], setReads: ['sales.listId'] } }),
      ],
    ],
    [
      'multi-table UPDATE whose assigned table cannot be told (a bare column, or columns of two tables) stays sql',
      'UPDATE a JOIN b ON a.id = b.id SET c = 1; UPDATE a JOIN b ON a.id = b.id SET a.c = 1, b.d = 2',
      [row('sql', t(null)), row('sql', t(null))],
    ],
    [
      'DELETE of the rows whose key matches no row of the parent (orphans)',
      'DELETE FROM pet_entities WHERE `ownerId` NOT IN (SELECT id FROM players)',
      [row('delete', t('pet_entities'), { options: { where: true, orphans: { via: 'not-in', column: 'ownerId', parent: 'players' } } })],
    ],
    [
      'DROP and CREATE DATABASE (or SCHEMA, its MySQL synonym): the database by name',
      'DROP DATABASE IF EXISTS `shop`; CREATE SCHEMA shop',
      [
        row('dropDatabase', { table: null, column: null, name: 'shop' }, { guard: 'sql-if-exists' }),
        row('createDatabase', { table: null, column: null, name: 'shop' }),
      ],
    ],
    ['TRUNCATE', 'TRUNCATE TABLE sessions', [row('truncate', t('sessions'), { options: { cascade: false, restartIdentity: false } })]],
    ['MODIFY COLUMN restates type and nullability', 'ALTER TABLE `customers` MODIFY COLUMN `email` VARCHAR(320) NOT NULL', [row('changeColumn', t('customers', { column: 'email' }), { options: { type: 'VARCHAR(320)', setNotNull: true } })]],
    ['MySQL-only syntax stays sql, with no parse error', 'LOCK TABLES customers WRITE', [row('sql', t(null))]],
    [
      'SET of a session parameter (MySQL spellings): the parameter, as the PostgreSQL reader records `SET name = value`, touching no table; SET TRANSACTION and SET NAMES are no parameter',
      "SET FOREIGN_KEY_CHECKS = 0; SET SESSION sql_mode = ''; SET @@session.unique_checks = 1; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; SET NAMES utf8mb4",
      [
        row('sql', t(null), { options: { statementType: 'VariableSetStmt', setting: 'foreign_key_checks', local: false, reset: false, touchesNoTable: true } }),
        row('sql', t(null), { options: { statementType: 'VariableSetStmt', setting: 'sql_mode', local: false, reset: false, touchesNoTable: true } }),
        row('sql', t(null), { options: { statementType: 'VariableSetStmt', setting: 'unique_checks', local: false, reset: false, touchesNoTable: true } }),
        row('sql', t(null)),
        row('sql', t(null)),
      ],
    ],
    ['several statements, semicolons inside strings ignored', "UPDATE notes SET body = 'a; b'; DROP TABLE drafts", [row('update', t('notes'), { options: { where: false, columns: ['body'] } }), row('dropTable', t('drafts'), { options: { cascade: false } })]],
    ['a leading comment', '-- cleanup\nDROP TABLE drafts', [row('dropTable', t('drafts'), { options: { cascade: false } })]],
    ['a name from a hole is unknown', 'DROP TABLE migralint_hole_0', [row('dropTable', t(null), { unresolved: true, options: { cascade: false } })]],
    ['empty SQL', '  ;  ', []],
  ] as const)('%s', (_name, sql, expected) => {
    expect(shape(analyzeSql(sql, { postgres: false }))).toEqual(expected);
  });

  const col = (table: string, column: string, extra: Record<string, unknown> = {}) => ({ table, column, ...extra });
  it.each([
    [
      'CREATE TABLE lists its columns, not its keys (backquoted names, comments, AUTO_INCREMENT)',
      'CREATE TABLE `parcels` (\n  `id` INT UNSIGNED NOT NULL AUTO_INCREMENT, -- the key\n  `index` SMALLINT NOT NULL,\n  label VARCHAR(40) COMMENT \'a, b (c)\',\n  PRIMARY KEY (`id`),\n  UNIQUE KEY uq (label),\n  CONSTRAINT fk FOREIGN KEY (`index`) REFERENCES slots (`id`)\n) ENGINE=InnoDB',
      [row('createTable', t('parcels'), { options: { columns: ['id', 'index', 'label'], sequenceColumns: ['id'] } })],
    ],
    ['CREATE TABLE IF NOT EXISTS', 'create table if not exists crates (id int)', [row('createTable', t('crates'), { guard: 'sql-if-exists', options: { columns: ['id'] } })]],
    ['CREATE TABLE ... LIKE copies columns it does not list', 'CREATE TABLE crates_copy LIKE crates', [row('createTable', t('crates_copy'))]],
    ['CREATE TABLE ... SELECT takes columns from the query', 'CREATE TABLE totals (n INT) SELECT COUNT(*) AS c FROM crates', [row('createTable', t('totals'), { options: { asSelect: true } })]],
    [
      'ADD COLUMN: type as written, NOT NULL, DEFAULT; a quoted comment says nothing',
      "ALTER TABLE crates ADD COLUMN state ENUM('new','done') NOT NULL DEFAULT 'new' COMMENT 'not null; default'",
      [row('addColumn', col('crates', 'state'), { options: { type: "ENUM('new','done')", notNull: true, default: true } })],
    ],
    [
      'ADD without COLUMN, ADD COLUMN (list), DEFAULT NULL is no default',
      'ALTER TABLE `crates` ADD `weight` DECIMAL(10,2) UNSIGNED NULL DEFAULT NULL, ADD COLUMN (a INT NOT NULL, b TEXT)',
      [
        row('addColumn', col('crates', 'weight'), { options: { type: 'DECIMAL(10,2) UNSIGNED', notNull: false, default: false } }),
        row('addColumn', col('crates', 'a'), { options: { type: 'INT', notNull: true, default: false } }),
        row('addColumn', col('crates', 'b'), { options: { type: 'TEXT', notNull: false, default: false } }),
      ],
    ],
    [
      'ADD COLUMN IF NOT EXISTS with a key and a reference',
      'ALTER TABLE crates ADD COLUMN IF NOT EXISTS owner_id BIGINT UNIQUE REFERENCES owners (id)',
      [row('addColumn', col('crates', 'owner_id'), { guard: 'sql-if-exists', options: { type: 'BIGINT', notNull: false, default: false, unique: true, references: { table: 'owners', fields: ['id'] } } })],
    ],
    [
      'ALTER TABLE with several subcommands: one operation each',
      'ALTER TABLE crates ADD INDEX crates_state (state), ADD UNIQUE KEY crates_code (code(8)), DROP COLUMN legacy, RENAME COLUMN qty TO quantity, ALGORITHM=INPLACE, LOCK=NONE',
      [
        row('addIndex', t('crates', { name: 'crates_state' }), { options: { unique: false, concurrently: false }, fields: ['state'] }),
        row('addIndex', t('crates', { name: 'crates_code' }), { options: { unique: true, concurrently: false }, fields: ['code'] }),
        row('removeColumn', col('crates', 'legacy'), { options: { cascade: false } }),
        row('renameColumn', col('crates', 'qty', { newName: 'quantity' })),
        row('sql', t('crates')),
        row('sql', t('crates')),
      ],
    ],
    [
      'ADD CONSTRAINT: what addConstraint sends on MySQL',
      'ALTER TABLE crates ADD CONSTRAINT crates_owner FOREIGN KEY (owner_id) REFERENCES `owners` (`id`) ON DELETE CASCADE, ADD CONSTRAINT crates_code UNIQUE (code), DROP FOREIGN KEY crates_old, DROP PRIMARY KEY',
      [
        row('addConstraint', t('crates', { name: 'crates_owner' }), { options: { constraintType: 'foreign key', notValid: false, fields: ['owner_id'], references: { table: 'owners', fields: ['id'] } } }),
        row('addConstraint', t('crates', { name: 'crates_code' }), { options: { constraintType: 'unique', notValid: false, fields: ['code'] } }),
        row('removeConstraint', t('crates', { name: 'crates_old' }), { options: { cascade: false } }),
        row('removeConstraint', t('crates', { name: 'PRIMARY' }), { options: { cascade: false } }),
      ],
    ],
    [
      'CHANGE renames when the names differ (what renameColumn sends on MySQL), else restates the column',
      'ALTER TABLE crates CHANGE `qty` `quantity` INT NOT NULL, CHANGE COLUMN note note TEXT',
      [row('renameColumn', col('crates', 'qty', { newName: 'quantity' })), row('changeColumn', col('crates', 'note'), { options: { type: 'TEXT', dropNotNull: true } })],
    ],
    ['ALTER COLUMN SET DEFAULT', "ALTER TABLE crates ALTER COLUMN state SET DEFAULT 'new'", [row('changeColumn', col('crates', 'state'), { options: { setDefault: true } })]],
    ['table options keep the table', 'ALTER TABLE crates ENGINE=InnoDB', [row('sql', t('crates'))]],
    ['an ADD it cannot read leaves the table unknown', 'ALTER TABLE crates ADD PERIOD FOR p(a, b)', [row('sql', t(null))]],
    ['ALTER TABLE RENAME TO, RENAME TABLE of two pairs', 'ALTER TABLE crates RENAME TO boxes; RENAME TABLE a TO b, `c` TO `d`', [row('renameTable', t('crates', { newName: 'boxes' })), row('renameTable', t('a', { newName: 'b' })), row('renameTable', t('c', { newName: 'd' }))]],
    ['DROP TABLE a, b: one operation per table', 'DROP TABLE IF EXISTS `a`, b CASCADE', [row('dropTable', t('a'), { guard: 'sql-if-exists', options: { cascade: true } }), row('dropTable', t('b'), { guard: 'sql-if-exists', options: { cascade: true } })]],
    [
      'CREATE INDEX ... ON and DROP INDEX ... ON (MySQL), DROP INDEX alone (SQLite)',
      'CREATE UNIQUE INDEX crates_code ON crates (code, (lower(label))); DROP INDEX crates_code ON `crates`; DROP INDEX IF EXISTS old_idx',
      [
        row('addIndex', t('crates', { name: 'crates_code' }), { options: { unique: true, concurrently: false }, fields: ['code', null] }),
        row('removeIndex', t('crates', { name: 'crates_code' }), { options: { cascade: false, concurrently: false } }),
        row('removeIndex', t(null, { name: 'old_idx' }), { guard: 'sql-if-exists', options: { cascade: false, concurrently: false } }),
      ],
    ],
    [
      'a partial index (SQLite): its predicate pins nothing',
      'CREATE UNIQUE INDEX `one_default` ON `profiles` (`user_id`) WHERE `is_default` = 1',
      [row('addIndex', t('profiles', { name: 'one_default' }), { options: { unique: true, concurrently: false, where: {} }, fields: ['user_id'] })],
    ],
    ['a column named by a hole is unknown', 'ALTER TABLE crates ADD COLUMN migralint_hole_0 INT', [row('addColumn', col('crates', null as unknown as string), { options: { type: 'INT', notNull: false, default: false }, unresolved: true })]],
  ] as const)('DDL: %s', (_name, sql, expected) => {
    expect(shape(analyzeSql(sql, { postgres: false }))).toEqual(expected);
  });

  it('a stored routine with a BEGIN ... END body is one statement that defines it: the statements inside do not run', () => {
    const sql = `CREATE PROCEDURE _test_sale()
  BEGIN
    START TRANSACTION;
    # it's a test: the comment's quote opens nothing, BEGIN here counts nothing, nor do the words of endDateTime
    INSERT INTO vehicles (uuid, endDateTime, beginsAt) VALUES ('XXX END', NOW(), NOW());
    IF @n <> 0 THEN
      SELECT 'FAIL';
    END IF;
    DELETE FROM sales WHERE id = @id;
  END;
DROP TABLE old_sales;
CREATE DEFINER=\`root\`@\`%\` TRIGGER sales_bi BEFORE INSERT ON sales FOR EACH ROW BEGIN SET NEW.n = 0; END;
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2`;
    const ops = analyzeSql(sql, { postgres: false });
    expect(ops.map((o) => [o.op, o.target.table, o.target.name ?? null])).toEqual([
      ['createFunction', null, '_test_sale'],
      ['dropTable', 'old_sales', null],
      ['createTrigger', 'sales', 'sales_bi'],
      ['createFunction', null, 'twice'],
    ]);
    expect(ops[0]!.options).toEqual({ procedure: true });
    expect(ops[0]!.statement).toMatch(/DELETE FROM sales WHERE id = @id;\n  END$/);
  });

  it('a scheduled event (CREATE / ALTER / DROP EVENT) is a statement that touches no table: its body runs later, on the server\'s schedule', () => {
    const sql = `CREATE EVENT IF NOT EXISTS purgeTokens ON SCHEDULE EVERY 1 HOUR DO DELETE FROM tokens WHERE createdAt < NOW() - INTERVAL 1 DAY;
ALTER EVENT purgeTokens ON SCHEDULE EVERY 2 HOUR;
DROP EVENT IF EXISTS purgeTokens`;
    expect(analyzeSql(sql, { postgres: false }).map((o) => [o.op, o.target.table, o.options])).toEqual([
      ['sql', null, { statementType: 'CreateEventStmt', touchesNoTable: true }],
      ['sql', null, { statementType: 'AlterEventStmt', touchesNoTable: true }],
      ['sql', null, { statementType: 'DropEventStmt', touchesNoTable: true }],
    ]);
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
