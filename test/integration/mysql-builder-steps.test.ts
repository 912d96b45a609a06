/**
 * Measures on the MariaDB server of 127.0.0.1:3306, through Sequelize's queryInterface (the mysql dialect, as a
 * migration sends it):
 * - what no-duplicate-create-table says of MySQL and MariaDB: a second `createTable` of the same table does nothing
 *   (Sequelize sends CREATE TABLE IF NOT EXISTS), while a second `addColumn` of the same column and a second
 *   `addIndex` of the same name on the same table fail, so a migration that repeats one stops there; the same index
 *   name on another table is another index (MySQL and MariaDB name indexes per table);
 * - what no-silent-change-column says of them: a `changeColumn` that does not restate `defaultValue` or
 *   `allowNull: false` sends `ALTER TABLE ... CHANGE c c <definition>`, the whole column again, so the default and
 *   the NOT NULL the column had are gone (not through DROP DEFAULT / DROP NOT NULL, which PostgreSQL gets);
 * - what no-failing-not-null's `setNullOnNotNullRefused` says: a column declared `allowNull: false` whose foreign key
 *   says `onDelete: 'SET NULL'` is refused with the table ("Foreign key constraint is incorrectly formed"), so the
 *   migration fails; the same key on a nullable column is accepted.
 * - what plausible failures say of an ENUM widened by `changeColumn` (require-idempotency-guard): an ENUM changed to an
 *   ENUM listing every label it had (more, in any order) keeps every row's value, so it cannot fail on the rows; one
 *   leaving out a label rows hold fails in strict mode ("Data truncated").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, type Sequelize } from 'sequelize';
import { mysqlSequelize } from './support';

const DATABASE = `migralint_builder_steps_${process.pid}`;

let sequelize: Sequelize;
let drop: () => Promise<void>;
const sent: string[] = [];

beforeAll(async () => {
  ({ sequelize, drop } = await mysqlSequelize(DATABASE, (sql) => sent.push(sql)));
});

afterAll(async () => {
  await drop?.();
});

describe('repeated migration steps on MariaDB (mysql dialect)', () => {
  it('a second createTable of the same table does nothing: CREATE TABLE IF NOT EXISTS', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('plans', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING });
    await expect(qi.createTable('plans', { id: { type: DataTypes.INTEGER, primaryKey: true }, title: DataTypes.STRING })).resolves.not.toThrow();
    expect(sent.some((s) => /CREATE TABLE IF NOT EXISTS `plans`/.test(s))).toBe(true);
    // The first definition stays: `title` never reaches the table.
    expect(Object.keys(await qi.describeTable('plans')).sort()).toEqual(['id', 'name']);
  });

  it('a second addColumn of the same column fails (duplicate column name)', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.addColumn('plans', 'tier', { type: DataTypes.STRING });
    await expect(qi.addColumn('plans', 'tier', { type: DataTypes.ENUM('free', 'pro'), defaultValue: 'free' })).rejects.toThrow(/Duplicate column name 'tier'/);
  });

  it('a second addIndex of the same name fails (duplicate key name)', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.addIndex('plans', ['name'], { name: 'plans_name_idx' });
    await expect(qi.addIndex('plans', ['tier'], { name: 'plans_name_idx' })).rejects.toThrow(/Duplicate key name 'plans_name_idx'/);
  });

  it('the same index name on another table is another index: both are created (names are per table)', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('seats', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING });
    await expect(qi.addIndex('seats', ['name'], { name: 'plans_name_idx' })).resolves.not.toThrow();
    const names = (table: string) => qi.showIndex(table).then((rows) => (rows as { name: string }[]).map((r) => r.name));
    expect(await names('plans')).toContain('plans_name_idx');
    expect(await names('seats')).toContain('plans_name_idx');
  });
});

describe('changeColumn on MariaDB', () => {
  it('sends CHANGE with the definition given: the default and NOT NULL not restated are gone', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('advisors', { id: { type: DataTypes.INTEGER, primaryKey: true }, text_price: { type: DataTypes.FLOAT, allowNull: false, defaultValue: 0 } });
    sent.length = 0;
    await qi.changeColumn('advisors', 'text_price', { type: DataTypes.INTEGER });
    expect(sent.join('\n')).toMatch(/ALTER TABLE `advisors` CHANGE `text_price` `text_price` INTEGER;/);
    expect(sent.join('\n')).not.toMatch(/DROP DEFAULT|DROP NOT NULL/);
    const described = await qi.describeTable('advisors');
    expect(described.text_price).toMatchObject({ allowNull: true, defaultValue: null });
  });
});

describe('ON DELETE SET NULL on a NOT NULL column, on MariaDB', () => {
  it('is refused with the table; on a nullable column it is accepted', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('couriers', { id: { type: DataTypes.INTEGER, primaryKey: true } });
    const column = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull, references: { model: 'couriers', key: 'id' }, onDelete: 'SET NULL' });
    await expect(qi.createTable('orders', { id: { type: DataTypes.INTEGER, primaryKey: true }, courier_id: column(false) })).rejects.toThrow(/Foreign key constraint is incorrectly formed|errno: 150|cannot be NOT NULL/);
    await expect(qi.createTable('parcels', { id: { type: DataTypes.INTEGER, primaryKey: true }, courier_id: column(true) })).resolves.not.toThrow();
  });
});

describe('a column declared unique on MariaDB', () => {
  it('gets a unique index named after the column, which `DROP INDEX <column>` removes', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('stalls', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, fairId: DataTypes.INTEGER, label: { type: DataTypes.STRING, unique: true } });
    await qi.addColumn('stalls', 'code', { type: DataTypes.STRING, unique: true });
    const indexes = async () => (await qi.showIndex('stalls')) as { name: string; unique: boolean; fields: { attribute: string }[] }[];
    const byName = (all: Awaited<ReturnType<typeof indexes>>, name: string) => all.find((i) => i.name === name);
    const before = await indexes();
    expect(byName(before, 'label')).toMatchObject({ unique: true, fields: [{ attribute: 'label' }] });
    expect(byName(before, 'code')).toMatchObject({ unique: true, fields: [{ attribute: 'code' }] });
    // The swap of hold-out 55: the column's own key dropped by that name, a key on more columns added.
    await qi.bulkInsert('stalls', [{ fairId: 1, label: 'a' }, { fairId: 2, label: 'b' }]);
    await qi.sequelize.query('ALTER TABLE `stalls` DROP INDEX `label`');
    await expect(qi.addIndex('stalls', ['fairId', 'label'], { unique: true, name: 'stalls_fair_label_unique' })).resolves.not.toThrow();
    expect(byName(await indexes(), 'label')).toBeUndefined();
  });
});

describe('an ENUM changed to an ENUM on MariaDB (strict mode)', () => {
  it('keeping every label, in another order and with more: every row keeps its value; leaving one out fails', async () => {
    const qi = sequelize.getQueryInterface();
    await qi.createTable('surveys', { id: { type: DataTypes.INTEGER, primaryKey: true }, status: { type: DataTypes.ENUM('DRAFT', 'OPEN', 'CLOSED'), allowNull: false, defaultValue: 'DRAFT' } });
    await qi.bulkInsert('surveys', [{ id: 1, status: 'DRAFT' }, { id: 2, status: 'OPEN' }, { id: 3, status: 'CLOSED' }]);
    await expect(qi.changeColumn('surveys', 'status', { type: DataTypes.ENUM('CLOSED', 'DRAFT', 'IN_REVIEW', 'OPEN'), allowNull: false, defaultValue: 'DRAFT' })).resolves.not.toThrow();
    const [rows] = await sequelize.query('SELECT id, status FROM surveys ORDER BY id');
    expect(rows).toEqual([{ id: 1, status: 'DRAFT' }, { id: 2, status: 'OPEN' }, { id: 3, status: 'CLOSED' }]);
    await expect(qi.changeColumn('surveys', 'status', { type: DataTypes.ENUM('DRAFT', 'OPEN'), allowNull: false })).rejects.toThrow(/Data truncated/);
  });
});
