import { ruleTests } from './rule-tester';
import { withRunner } from '../helpers/rules';
import type { ProjectModel } from '../../src/model';

/**
 * A migration that opens its own transaction with raw SQL (`BEGIN` ... `COMMIT`, `ROLLBACK` and rethrow in its catch):
 * a rename, then `middle` (line 6), then a NOT NULL add.
 */
const rawBegin = (middle: string) => `module.exports = {
  up: async function (queryInterface, Sequelize) {
    try {
      await queryInterface.sequelize.query('BEGIN');
      await queryInterface.renameColumn('Measurables', 'descriptionEntity', 'labelSubject');
      ${middle}
      await queryInterface.addColumn('Measurables', 'valueType', { type: Sequelize.STRING, allowNull: false });
      await queryInterface.sequelize.query('COMMIT');
    } catch (e) {
      await queryInterface.sequelize.query('ROLLBACK');
      throw e;
    }
  },
  async down() {},
};`;

/**
 * Two enum updates, each in its own transaction: rename the type to `_old`, create it again, cast the column
 * (the safe recipe), and drop `_old` (only the second one when `dropOld` is false).
 */
function enumUpdates({ dropOld }: { dropOld: boolean }): string {
  const unit = (table: string, drop: boolean) => `    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query('ALTER TYPE "enum_${table}_scope" RENAME TO "enum_${table}_scope_old"', { transaction });
      await queryInterface.sequelize.query("CREATE TYPE \\"enum_${table}_scope\\" AS ENUM('email', 'account', 'webhooks')", { transaction });
      await queryInterface.sequelize.query('ALTER TABLE "${table}" ALTER COLUMN "scope" TYPE "enum_${table}_scope"[] USING "scope"::text::"enum_${table}_scope"[]', { transaction });${drop ? `\n      await queryInterface.sequelize.query('DROP TYPE "enum_${table}_scope_old"', { transaction });` : ''}
    });`;
  return `module.exports = {
  async up(queryInterface) {
${unit('Codes', dropOld)}
${unit('Tokens', true)}
  },
  async down() {},
};`;
}

/**
 * Foreign keys (and unique keys) over a column the same migration adds to an existing table, `carts`: the later
 * step can fail on data only when the column holds something besides NULL, or at once when the key joins types of
 * two families. The parents: `owners` (UUID id) and `teams` (INTEGER id), created by an earlier migration; `vendors`
 * is no migration's (its id's type unknown). Each `steps` is one step a line, from line 3 of its migration.
 */
const freshColumnKeys: { name: string; steps: string[]; severity: 'info' | 'warning'; later?: string }[] = [
  {
    name: 'new nullable column + FK constraint: every value is NULL, which any key accepts',
    steps: [
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.UUID, allowNull: true });`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['ownerId'], name: 'carts_owner_fk', references: { table: 'owners', field: 'id' } });`,
    ],
    severity: 'info',
  },
  {
    name: 'new column, defaultValue null + FK in SQL',
    steps: [
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.UUID, allowNull: true, defaultValue: null });`,
      `await queryInterface.sequelize.query('ALTER TABLE carts ADD CONSTRAINT carts_owner_fk FOREIGN KEY ("ownerId") REFERENCES owners (id) ON DELETE SET NULL');`,
    ],
    severity: 'info',
  },
  {
    name: 'new column in SQL + FK in SQL',
    steps: [
      `await queryInterface.sequelize.query('ALTER TABLE carts ADD COLUMN "teamId" integer');`,
      `await queryInterface.sequelize.query('ALTER TABLE carts ADD CONSTRAINT carts_team_fk FOREIGN KEY ("teamId") REFERENCES teams (id)');`,
    ],
    severity: 'info',
  },
  {
    name: 'new nullable column + FK in Sequelize 5\'s form (`addConstraint(table, [fields], options)`)',
    steps: [
      `await queryInterface.addColumn('carts', 'uploadBy', { type: Sequelize.BIGINT });`,
      `await queryInterface.addConstraint('carts', ['uploadBy'], { type: 'foreign key', name: 'upload_by_fk', references: { table: 'teams', field: 'id' } });`,
    ],
    severity: 'info',
  },
  {
    name: 'the same key dropped in SQL under a name holding a value migralint cannot resolve (`"${schema}.carts_ownerId_fk"`), then added again on that column with a new ON UPDATE: the rows satisfied it a moment earlier',
    steps: [
      'await queryInterface.sequelize.query(`ALTER TABLE carts DROP CONSTRAINT "${process.env.DB_SCHEMA}.carts_ownerId_fk"`);',
      `await queryInterface.addConstraint('carts', { fields: ['ownerId'], type: 'foreign key', references: { table: 'owners', field: 'id' }, onUpdate: 'CASCADE' });`,
    ],
    severity: 'info',
  },
  {
    name: 'new column + FK to a parent whose key type no migration states: taken as the measured case',
    steps: [
      `await queryInterface.addColumn('carts', 'vendorId', { type: Sequelize.STRING(36) });`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['vendorId'], references: { table: 'vendors', field: 'id' } });`,
    ],
    severity: 'info',
  },
  {
    name: 'new column + addColumn references, of the parent key\'s family',
    steps: [
      `await queryInterface.addIndex('carts', ['createdAt']);`,
      `await queryInterface.addColumn('carts', 'teamId', { type: Sequelize.BIGINT, references: { model: 'teams', key: 'id' } });`,
    ],
    severity: 'info',
  },
  {
    name: 'existing column + FK: its values may name no parent',
    steps: [
      `await queryInterface.addColumn('carts', 'note', { type: Sequelize.TEXT });`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['legacyOwnerId'], references: { table: 'owners', field: 'id' } });`,
    ],
    severity: 'warning',
    later: '`addConstraint` on `carts` at line 4',
  },
  {
    name: 'new column with a default + FK: every row holds it, which the parent may lack',
    steps: [
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.UUID, defaultValue: '00000000-0000-4000-8000-000000000000' });`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['ownerId'], references: { table: 'owners', field: 'id' } });`,
    ],
    severity: 'warning',
    later: '`addConstraint` on `carts` at line 4',
  },
  {
    name: 'addColumn references with a default',
    steps: [
      `await queryInterface.addIndex('carts', ['createdAt']);`,
      `await queryInterface.addColumn('carts', 'teamId', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 1, references: { model: 'teams', key: 'id' } });`,
    ],
    severity: 'warning',
    later: '`addColumn` on `carts.teamId` at line 4',
  },
  {
    name: 'new column, backfilled, + FK: the rows hold values now',
    steps: [
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.UUID });`,
      `await queryInterface.sequelize.query('UPDATE carts SET "ownerId" = "legacyOwnerId"');`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['ownerId'], references: { table: 'owners', field: 'id' } });`,
    ],
    severity: 'warning',
    later: '`addConstraint` on `carts` at line 5',
  },
  {
    name: 'new varchar column + FK to a UUID key: PostgreSQL refuses it at once',
    steps: [
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.STRING(36), allowNull: true });`,
      `await queryInterface.addConstraint('carts', { type: 'foreign key', fields: ['ownerId'], references: { table: 'owners', field: 'id' } });`,
    ],
    severity: 'warning',
    later: '`addConstraint` on `carts` at line 4',
  },
  {
    name: 'addColumn integer references a UUID key (Sequelize\'s default key, id): refused at once',
    steps: [
      `await queryInterface.addIndex('carts', ['createdAt']);`,
      `await queryInterface.addColumn('carts', 'ownerId', { type: Sequelize.INTEGER, references: { model: 'owners' } });`,
    ],
    severity: 'warning',
    later: '`addColumn` on `carts.ownerId` at line 4',
  },
  {
    name: 'a new nullable column declared unique: every row holds NULL there, never a duplicate',
    steps: [
      `await queryInterface.addIndex('carts', ['createdAt']);`,
      `await queryInterface.addColumn('carts', 'code', { type: Sequelize.STRING(16), unique: true });`,
    ],
    severity: 'info',
  },
  {
    name: 'a new column declared unique with a default: every row holds the default, duplicates on two rows',
    steps: [
      `await queryInterface.addIndex('carts', ['createdAt']);`,
      `await queryInterface.addColumn('carts', 'code', { type: Sequelize.STRING(16), unique: true, defaultValue: 'none' });`,
    ],
    severity: 'warning',
    later: '`addColumn` on `carts.code` at line 4',
  },
  {
    name: 'new column in SQL + unique index: NULLs are never duplicates',
    steps: [
      `await queryInterface.sequelize.query('ALTER TABLE carts ADD COLUMN "code" varchar(16)');`,
      `await queryInterface.addIndex('carts', ['code'], { unique: true });`,
    ],
    severity: 'info',
  },
  {
    name: 'new column + unique NULLS NOT DISTINCT: the NULLs collide',
    steps: [
      `await queryInterface.addColumn('carts', 'code', { type: Sequelize.STRING(16) });`,
      `await queryInterface.sequelize.query('CREATE UNIQUE INDEX carts_code_key ON carts (code) NULLS NOT DISTINCT');`,
    ],
    severity: 'warning',
    later: '`addIndex` (SQL) on `carts` (`carts_code_key`) at line 4',
  },
  {
    name: 'new column, backfilled, + unique index: the rows hold values now',
    steps: [
      `await queryInterface.addColumn('carts', 'code', { type: Sequelize.STRING(16) });`,
      `await queryInterface.sequelize.query("UPDATE carts SET code = left(md5(id::text), 4)");`,
      `await queryInterface.addIndex('carts', ['code'], { unique: true });`,
    ],
    severity: 'warning',
    later: '`addIndex` on `carts` at line 5',
  },
];

const PARENTS = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('owners', { id: { type: Sequelize.UUID, primaryKey: true } });
    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`;

/** A table whose createTable declares two foreign keys with `references` (to PARENTS' tables) and one column without. */
const MEMBERSHIPS = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('memberships', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      ownerId: { type: Sequelize.UUID, references: { model: 'owners', key: 'id' }, onDelete: 'CASCADE' },
      teamId: { type: Sequelize.INTEGER, references: { model: 'teams', key: 'id' } },
      legacyTeamId: { type: Sequelize.INTEGER },
    });
  },
  async down() {},
};`;

/**
 * Existence tests a step runs under (`test`, marked `// step` on the step it should guard), each followed by a step
 * that can fail on existing rows (a unique key on `accounts`): a step the test guards gives no finding, one it does
 * not guard is the first that stays applied (notAtomic, on the marked line). `helpers` come before `module.exports`.
 */
/** A function of the migration file that asks information_schema whether a constraint exists (`where`: the rest of the query). */
function constraintExists(where: string): string {
  return `async function constraintExists(qi, table, name) {
  const [rows] = await qi.sequelize.query(
    'SELECT 1 FROM information_schema.${where}',
    { replacements: { table, name } },
  );
  return rows.length > 0;
}`;
}

/** Per team and leave code, a SELECT of the leave kind and `continue` when it exists, then `steps` (hold-out 100). */
const leaveKinds = (steps: string) => `module.exports = {
  async up(queryInterface) {
    const [teams] = await queryInterface.sequelize.query('SELECT id FROM teams');
    for (const team of teams) {
      for (const code of ['ANNUAL', 'SICK']) {
        const [existing] = await queryInterface.sequelize.query('SELECT id FROM leave_kinds WHERE team_id = :teamId AND code = :code LIMIT 1', { replacements: { teamId: team.id, code } });
        if (existing.length) continue;
${steps}
      }
    }
  },
  async down() {},
};`;

const existenceTests: { name: string; guards: boolean; helpers?: string; test: string; mysql?: true }[] = [
  // Rows read from the table an insert writes to, in the branch where none were found.
  {
    name: 'a row looked up by key, `if (!row)` before inserting it',
    guards: true,
    test: `const [[found]] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter' LIMIT 1");
    if (!found) {
      await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step
    }`,
  },
  {
    // Hold-out 105: the codes a SELECT found, as a list.
    name: 'the codes a SELECT found mapped to a list, `if (!codes.includes(code))` before inserting it',
    guards: true,
    helpers: "const { QueryTypes } = require('sequelize');",
    test: `const found = await queryInterface.sequelize.query('SELECT code FROM plans WHERE code IN (:codes)', { replacements: { codes: ['starter', 'pro'] }, type: QueryTypes.SELECT });
    const codes = found.map((p) => p.code);
    if (!codes.includes('starter')) await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'the same list, the insert where it holds the code (`if (codes.includes(code))`): no guard',
    guards: false,
    helpers: "const { QueryTypes } = require('sequelize');",
    test: `const found = await queryInterface.sequelize.query('SELECT code FROM plans WHERE code IN (:codes)', { replacements: { codes: ['starter', 'pro'] }, type: QueryTypes.SELECT });
    const codes = found.map((p) => p.code);
    if (codes.includes('starter')) await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'rows looked up by a replacement, `if (rows.length === 0)`',
    guards: true,
    test: `const [rows] = await queryInterface.sequelize.query('SELECT id FROM plans WHERE code = :code', { replacements: { code: 'starter' } });
    if (rows.length === 0) await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'rows looked up in a loop, `if (!rows || rows.length === 0)` (both sides say none found), on MySQL with backquoted names',
    guards: true,
    mysql: true,
    helpers: "const { QueryTypes } = require('sequelize');",
    test: `for (const item of [{ key: 'slaReplyMinutes', value: '30' }, { key: 'slaEscalation', value: 'off' }]) {
      const existing = await queryInterface.sequelize.query('SELECT \\\`key\\\` FROM \\\`plans\\\` WHERE \\\`key\\\` = :key LIMIT 1', { replacements: { key: item.key }, type: QueryTypes.SELECT });
      if (!existing || existing.length === 0) await queryInterface.bulkInsert('plans', [{ key: item.key, value: item.value }]); // step
    }`,
  },
  {
    // Hold-out 99: MySQL foreign keys dropped by the names information_schema gives, whatever they are.
    name: 'constraints dropped by the names a catalogue look-up found (a loop over the rows of a SELECT of information_schema): it drops only what exists',
    guards: true,
    mysql: true,
    helpers: `const keysOf = async (queryInterface, table, column) => {
  const [rows] = await queryInterface.sequelize.query('SELECT CONSTRAINT_NAME AS name FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_NAME = :table AND COLUMN_NAME = :column AND REFERENCED_TABLE_NAME IS NOT NULL', { replacements: { table, column } });
  return rows;
};`,
    test: `for (const key of await keysOf(queryInterface, 'accounts', 'plan_id')) {
      await queryInterface.removeConstraint('accounts', key.name); // step
    }`,
  },
  {
    name: 'foreign keys dropped by raw SQL naming what a look-up of information_schema returned (`DROP FOREIGN KEY \`${name}\``): it drops only what exists',
    guards: true,
    mysql: true,
    test: `const [refs] = await queryInterface.sequelize.query("SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS tableName FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE REFERENCED_TABLE_NAME = 'plans'");
    for (const { name, tableName } of refs) {
      await queryInterface.sequelize.query(\`ALTER TABLE \\\`\${tableName}\\\` DROP FOREIGN KEY \\\`\${name}\\\`\`); // step
    }`,
  },
  {
    // Hold-out 100: configuration rows seeded with an inline anti-join.
    name: 'INSERT ... SELECT ... WHERE NOT EXISTS (SELECT 1 FROM the same table WHERE key = ...): a rerun inserts nothing',
    guards: true,
    test: `await queryInterface.sequelize.query("INSERT INTO settings (key, value) SELECT 'theme', 'dark' WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'theme')"); // step`,
  },
  {
    name: 'the same on MySQL, read by its keywords, the anti-join after another condition',
    guards: true,
    mysql: true,
    test: `await queryInterface.sequelize.query("INSERT INTO \\\`settings\\\` (\\\`key\\\`, value) SELECT 'theme', 'dark' FROM DUAL WHERE 1 = 1 AND NOT EXISTS (SELECT 1 FROM \\\`settings\\\` WHERE \\\`key\\\` = 'theme')"); // step`,
  },
  {
    name: 'an anti-join on another table (`WHERE NOT EXISTS (SELECT 1 FROM archived_settings ...)`): no guard',
    guards: false,
    test: `await queryInterface.sequelize.query("INSERT INTO settings (key, value) SELECT 'theme', 'dark' WHERE NOT EXISTS (SELECT 1 FROM archived_settings WHERE key = 'theme')"); // step`,
  },
  {
    name: 'indexes dropped by the names showIndex found: it drops only what exists',
    guards: true,
    test: `for (const index of await queryInterface.showIndex('accounts')) {
      if (!index.primary) await queryInterface.removeIndex('accounts', index.name); // step
    }`,
  },
  {
    // Hold-out 103: the index names showIndex found, put in a Set.
    name: 'an index added when `new Set(indexes.map((i) => i.name))` of showIndex has no such name: guarded',
    guards: true,
    test: `const indexes = await queryInterface.showIndex('accounts');
    const names = new Set(indexes.map((index) => index.name));
    if (!names.has('accounts_email_idx')) await queryInterface.addIndex('accounts', ['email'], { name: 'accounts_email_idx', unique: true }); // step`,
  },
  {
    name: 'the same test on a Set of constant names (not a look-up): no guard',
    guards: false,
    test: `const names = new Set(['accounts_email_idx']);
    if (names.has('accounts_email_idx')) await queryInterface.addIndex('accounts', ['email'], { name: 'accounts_email_idx', unique: true }); // step`,
  },
  {
    name: 'a constraint dropped by a name read from an application row (not a look-up of the schema): no guard',
    guards: false,
    test: `const [[setting]] = await queryInterface.sequelize.query("SELECT value FROM settings WHERE name = 'legacy_key'");
    await queryInterface.removeConstraint('accounts', setting.value); // step`,
  },
  {
    name: 'rows found on either side of `||` (`!rows || rows.length > 0`): the two sides say different things, no guard',
    guards: false,
    test: `const [rows] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter'");
    if (!rows || rows.length > 0) await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'an early return when the row is there',
    guards: true,
    test: `const [rows] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter'");
    if (rows.length > 0) return;
    await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'a count of the whole table, `Number(count) === 0` (a seed into an empty table)',
    guards: true,
    test: `const [[{ count }]] = await queryInterface.sequelize.query('SELECT count(*) AS count FROM plans');
    if (Number(count) === 0) await queryInterface.bulkInsert('plans', [{ code: 'starter', seats: 3 }]); // step`,
  },
  {
    name: 'rows found: the insert runs when they are there (a copy), which a rerun repeats',
    guards: false,
    test: `const [rows] = await queryInterface.sequelize.query("SELECT code FROM plans WHERE code = 'starter'");
    if (rows.length) await queryInterface.bulkInsert('plans', [{ code: 'starter-copy', seats: 3 }]); // step`,
  },
  {
    name: 'a lookup by another key than the rows inserted hold',
    guards: false,
    test: `const [[found]] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter'");
    if (!found) await queryInterface.bulkInsert('plans', [{ label: 'Starter', seats: 3 }]); // step`,
  },
  {
    name: 'a lookup in another table',
    guards: false,
    test: `const [[found]] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter'");
    if (!found) await queryInterface.bulkInsert('prices', [{ code: 'starter', cents: 900 }]); // step`,
  },
  {
    name: 'rows of a table say nothing about its columns',
    guards: false,
    test: `const [[found]] = await queryInterface.sequelize.query("SELECT 1 FROM plans WHERE code = 'starter'");
    if (!found) await queryInterface.addColumn('plans', 'starter', { type: 'BOOLEAN' }); // step`,
  },
  // A table or view dropped IF EXISTS earlier in the same up: the create after it cannot meet "already exists".
  {
    name: 'DROP TABLE IF EXISTS, then CREATE TABLE ... AS TABLE of the same name',
    guards: true,
    test: `await queryInterface.sequelize.query('DROP TABLE IF EXISTS "plans_copy"');
    await queryInterface.sequelize.query('CREATE TABLE "plans_copy" AS TABLE "plans"'); // step`,
  },
  {
    name: 'dropTable (DROP TABLE IF EXISTS), then CREATE TABLE in SQL',
    guards: true,
    test: `await queryInterface.dropTable('plan_totals');
    await queryInterface.sequelize.query('CREATE TABLE plan_totals (plan_id integer, total bigint)'); // step`,
  },
  {
    name: 'DROP VIEW IF EXISTS, then CREATE VIEW of the same name',
    guards: true,
    test: `await queryInterface.sequelize.query('DROP VIEW IF EXISTS paid_plans');
    await queryInterface.sequelize.query('CREATE VIEW paid_plans AS SELECT * FROM plans WHERE seats > 1'); // step`,
  },
  {
    name: 'a drop of another table does not protect the create',
    guards: false,
    test: `await queryInterface.sequelize.query('DROP TABLE IF EXISTS "plans_old"');
    await queryInterface.sequelize.query('CREATE TABLE "plans_copy" AS TABLE "plans"'); // step`,
  },
  {
    name: 'a drop after the create does not protect it',
    guards: false,
    test: `await queryInterface.sequelize.query('CREATE TABLE "plans_copy" AS TABLE "plans"'); // step
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS "plans_copy"');`,
  },
  // Local functions that read the catalog and return a boolean, called with the names of the step they guard.
  {
    name: 'a helper reading information_schema with replacements',
    guards: true,
    helpers: constraintExists('table_constraints WHERE table_name = :table AND constraint_name = :name'),
    test: `if (await constraintExists(queryInterface, 'plans', 'plans_owner_fk')) {
      await queryInterface.removeConstraint('plans', 'plans_owner_fk'); // step
    }`,
  },
  {
    name: 'the same helper on MySQL, whose SQL is read by its keywords only',
    guards: true,
    mysql: true,
    helpers: constraintExists('TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = :table AND CONSTRAINT_NAME = :name'),
    test: `if (await constraintExists(queryInterface, 'plans', 'plans_owner_fk')) {
      await queryInterface.removeConstraint('plans', 'plans_owner_fk'); // step
    }`,
  },
  {
    name: 'a helper reading pg_catalog with a bind parameter, negated before an add',
    guards: true,
    helpers: `const hasIndex = async (qi, name) => {
  const [rows] = await qi.sequelize.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', { bind: [name] });
  return rows.length === 1;
};`,
    test: `if (!(await hasIndex(queryInterface, 'plans_code'))) {
      await queryInterface.addIndex('plans', ['code'], { name: 'plans_code' }); // step
    }`,
  },
  {
    name: 'a helper reading application rows, not the catalog',
    guards: false,
    helpers: `async function hasLegacyPlans(qi) {
  const [rows] = await qi.sequelize.query("SELECT 1 FROM plans WHERE kind = 'legacy' LIMIT 1");
  return rows.length > 0;
}`,
    test: `if (await hasLegacyPlans(queryInterface)) {
      await queryInterface.removeConstraint('plans', 'plans_owner_fk'); // step
    }`,
  },
];

function existenceTestMigration({ helpers, test }: { helpers?: string; test: string }): string {
  return `${helpers ? `${helpers}\n\n` : ''}module.exports = {
  async up(queryInterface) {
    ${test}
    await queryInterface.addConstraint('accounts', { type: 'unique', fields: ['email'] });
  },
  async down() {},
};`;
}

/** The 1-based line marked `// step`. */
function stepLine(source: string): number {
  return source.split('\n').findIndex((l) => l.includes('// step')) + 1;
}

const MYSQL: Partial<ProjectModel> = { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } };

/** A rename, then a NOT NULL column without a default on the same table. */
const RENAME_THEN_NOT_NULL = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.renameColumn('lessons', 'title', 'name');
    await queryInterface.addColumn('lessons', 'position', { type: Sequelize.INTEGER, allowNull: false });
  },
  async down() {},
};`;

/**
 * A migration on MySQL that makes itself atomic by hand: its steps in a try whose catch (`handler`) runs before the
 * rethrow, then `after` (line 20). The steps start at line 14; an earlier migration creates `clubs`.
 */
const compensating = (handler: string, after = '') => ({
  '20200101000000-clubs.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('clubs', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING });
  },
  async down() {},
};`,
  '20200201000000-tenant.js': `async function undo(queryInterface, added) {
  for (const { table, column } of added.reverse()) {
    try {
      await queryInterface.removeColumn(table, column);
    } catch (cleanupError) {
      console.warn(cleanupError);
    }
  }
}
module.exports = {
  async up(queryInterface, Sequelize) {
    const added = [];
    try {
      await queryInterface.addColumn('clubs', 'tenantId', { type: Sequelize.INTEGER, allowNull: true });
      added.push({ table: 'clubs', column: 'tenantId' });
      await queryInterface.addIndex('clubs', ['tenantId'], { name: 'clubs_tenant_idx' });
      await queryInterface.addConstraint('clubs', { type: 'unique', fields: ['code'], name: 'clubs_code_key' });
    } catch (error) {
      ${handler}
      throw error;
    }
    ${after}
  },
  async down() {},
};`,
});

const compensations: { name: string; handler: string; after?: string; messageId: 'compensated' | 'notAtomic'; severity: 'info' | 'warning'; tryLine?: string }[] = [
  { name: 'a catch that removes what the try added (through a helper looping over a list) and rethrows: info, naming the try', handler: 'await undo(queryInterface, added);', messageId: 'compensated', severity: 'info', tryLine: '13' },
  { name: 'a catch that removes the index directly and rethrows: info', handler: "await queryInterface.removeIndex('clubs', 'clubs_tenant_idx');", messageId: 'compensated', severity: 'info', tryLine: '13' },
  { name: 'a catch that only logs and rethrows: nothing is undone, a warning', handler: 'console.error(error);', messageId: 'notAtomic', severity: 'warning' },
  { name: 'a catch that writes a row and rethrows (no kind that undoes a step of the try): a warning', handler: "await queryInterface.bulkInsert('migration_failures', [{ name: 'tenant' }]);", messageId: 'notAtomic', severity: 'warning' },
  {
    name: 'a step that can fail after the try, outside what its catch cleans up: a warning',
    handler: 'await undo(queryInterface, added);',
    after: "await queryInterface.changeColumn('clubs', 'code', { type: Sequelize.INTEGER });",
    messageId: 'notAtomic',
    severity: 'warning',
  },
];

ruleTests('require-idempotency-guard', {
  valid: [
    {
      name: 'an up that returns no promise under sequelize-cli fails every run ("didn\'t return a promise", valid-migration-file): no rerun to guard',
      project: withRunner({}),
      files: `module.exports = {
  up(queryInterface, Sequelize) {
    queryInterface.renameColumn('Measurables', 'descriptionEntity', 'labelSubject');
    queryInterface.addColumn('Measurables', 'valueType', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
    },
    ...existenceTests
      .filter((c) => c.guards)
      .map((c) => ({ name: `guarded: ${c.name}`, files: existenceTestMigration(c), ...(c.mysql ? { project: MYSQL } : {}) })),
    {
      name: 'on MySQL, a seed row inserted only when a SELECT by its code found none, the id kept in a `let` reassigned after the insert, `down` declaring a `const` of the same name: guarded',
      project: MYSQL,
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TABLE skills MODIFY COLUMN kind ENUM('craft', 'herb') NOT NULL");
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM skills WHERE code = 'HERBALISM' LIMIT 1");
    let skillId = Number(rows?.[0]?.id ?? 0) || null;
    if (!skillId) {
      await queryInterface.bulkInsert('skills', [{ code: 'HERBALISM', kind: 'herb' }]);
      skillId = 1;
    }
    await queryInterface.bulkInsert('skill_levels', [{ skill_id: skillId, level: 1 }]);
  },
  async down(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id FROM skills WHERE code = 'HERBALISM' LIMIT 1");
    const skillId = rows?.[0]?.id;
    if (skillId) await queryInterface.bulkDelete('skill_levels', { skill_id: skillId });
  },
};`,
    },
    {
      name: 'per team and code, a SELECT of the leave type and `continue` when it exists, then its insert, then its balances\u2019 insert: a rerun skips both where the type was inserted',
      files: leaveKinds(`        await queryInterface.bulkInsert('leave_kinds', [{ team_id: team.id, code }]);
        const [members] = await queryInterface.sequelize.query('SELECT id FROM members WHERE team_id = :teamId', { replacements: { teamId: team.id } });
        await queryInterface.bulkInsert('leave_balances', members.map((m) => ({ member_id: m.id, code, days: 20 })));`),
    },
    {
      name: 'with sequelize.sync({ alter: true }) at a deployment script, a migration of one CREATE FUNCTION / CREATE TRIGGER: sync() never makes those, so no database has them before it runs',
      project: { schemaSync: { script: 'Dockerfile CMD', run: 'Dockerfile CMD', evidence: 'src/app.js:69', development: false, alters: true } },
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`
      CREATE OR REPLACE FUNCTION check_loan() RETURNS TRIGGER AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql;
      CREATE TRIGGER loan_check BEFORE INSERT ON "Loans" FOR EACH ROW EXECUTE FUNCTION check_loan();
    \`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TRIGGER IF EXISTS loan_check ON "Loans"; DROP FUNCTION IF EXISTS check_loan();');
  },
};`,
    },
    {
      name: 'each INSERT of a config row preceded by a DELETE of the row with the same key (in its query string): a rerun deletes and inserts it again',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM configs WHERE key = 'latest_privacy_version'; INSERT INTO configs (id, key, value) VALUES (7, 'latest_privacy_version', '1.0');");
    await queryInterface.sequelize.query("DELETE FROM configs WHERE key = 'latest_terms_version'; INSERT INTO configs (id, key, value) VALUES (8, 'latest_terms_version', '1.0');");
  },
  async down() {},
};`,
    },
    {
      name: 'ADD PRIMARY KEY right after DROP CONSTRAINT IF EXISTS "<table>_pkey": PostgreSQL names the key so, the pair runs again cleanly',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE public."Cases" DROP CONSTRAINT IF EXISTS "Cases_pkey" CASCADE;');
    await queryInterface.sequelize.query('ALTER TABLE public."Cases" ADD PRIMARY KEY ("id", "accountSid");');
    await queryInterface.sequelize.query('ALTER TABLE public."Contacts" DROP CONSTRAINT IF EXISTS "Contacts_pkey" CASCADE;');
    await queryInterface.sequelize.query('ALTER TABLE public."Contacts" ADD PRIMARY KEY ("id", "accountSid");');
  },
  async down() {},
};`,
    },
    {
      name: 'on PostgreSQL, steps between a raw BEGIN and COMMIT (ROLLBACK in the catch), each awaited in turn: one connection of the pool, one transaction (measured), atomic',
      files: rawBegin(`await queryInterface.renameColumn('Measurables', 'descriptionProperty', 'labelProperty');`),
    },
    {
      name: 'on MySQL, a migration that only writes rows, in one transaction: rolled back as a whole (measured on MariaDB), atomic',
      project: MYSQL,
      files: `module.exports = {
  up: (queryInterface) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.bulkDelete('permissions', { role: 'guest' }, { transaction });
      await queryInterface.bulkInsert('permissions', [{ id: 7, role: 'guest', action: 'read' }], { transaction });
      await queryInterface.bulkInsert('permissions', [{ id: 8, role: 'guest', action: 'list' }], { transaction });
    }),
  down: async () => {},
};`,
    },
    {
      name: 'an index dropped and built again under the name Sequelize derives from its fields: the build is preceded by its own undo (removeIndex sends DROP INDEX IF EXISTS), so a rerun builds it again',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeIndex('organizations', ['code']);
    await queryInterface.addIndex('organizations', ['code'], { unique: true });
    await queryInterface.addConstraint('faculties', { fields: ['organization_code'], type: 'foreign key', references: { table: 'organizations', field: 'code' } });
  },
  async down() {},
};`,
    },
    {
      name: 'one query string of several statements is one implicit transaction on PostgreSQL: a failure of a later statement rolls the earlier ones back',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`
      CREATE TABLE report_rows (id serial PRIMARY KEY, label text);
      CREATE UNIQUE INDEX report_rows_label ON report_rows (label);
      INSERT INTO report_rows (label) SELECT name FROM teams;
    \`);
  },
  async down() {},
};`,
    },
    {
      name: 'a concurrent index drop alone: a failed one leaves the index (valid or invalid) for the rerun to drop, so it reruns cleanly (only a build leaves an INVALID index behind)',
      files: {
        '20240101000000-drop-sql.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX CONCURRENTLY orders_payment_link_idx');
  },
  async down() {},
};`,
        '20240102000000-drop-builder.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeIndex('orders', 'orders_coupon_idx', { concurrently: true });
  },
  async down() {},
};`,
      },
    },
    {
      name: 'a step outside the transaction, then steps inside it: a later step of the same transaction rolls the earlier ones back with it',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE items ALTER COLUMN rarity DROP DEFAULT');
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query('ALTER TYPE enum_items_rarity RENAME TO enum_items_rarity_old', { transaction });
      await queryInterface.sequelize.query("CREATE TYPE enum_items_rarity AS ENUM ('common', 'rare')", { transaction });
      await queryInterface.sequelize.query('ALTER TABLE items ALTER COLUMN rarity TYPE enum_items_rarity USING rarity::text::enum_items_rarity', { transaction });
    });
  },
  async down() {},
};`,
    },
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
    {
      name: 'a runner that runs each migration in its own transaction makes it atomic on PostgreSQL',
      project: withRunner({ kind: 'custom', evidence: { file: 'db/migrate.js', line: 5, text: 'readdirSync(DIR)' }, transaction: 'per-migration', storage: null }),
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addConstraint('users', { type: 'unique', fields: ['bio'] });
  },
  async down() {},
};`,
    },
    {
      name: 'inserts that skip what is already there: ON CONFLICT DO NOTHING, and INSERT ... SELECT with an anti-join on its own target',
      files: `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query("INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING");
    await queryInterface.sequelize.query('INSERT INTO role_users (role_id, user_id) SELECT r.id, u.id FROM roles r CROSS JOIN users u LEFT JOIN role_users ru ON ru.user_id = u.id WHERE ru.user_id IS NULL');
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS role_users_user_id ON role_users (user_id)');
  },
  async down() {},
};`,
    },
    {
      name: 'an index created by SQL without a name: PostgreSQL picks a free one, a rerun cannot meet "already exists"',
      files: `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY ON "Transactions" ("CreatedByUserId")');
    await queryInterface.sequelize.query('CREATE INDEX ON "Transactions" ("HostCollectiveId")');
  },
  async down() {},
};`,
    },
    {
      name: 'a constraint dropped IF EXISTS and re-added under the same name cannot meet "already exists"',
      files: `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query('ALTER TABLE shares DROP CONSTRAINT IF EXISTS shares_doc_fkey');
    await queryInterface.sequelize.query('ALTER TABLE shares ADD CONSTRAINT shares_doc_fkey FOREIGN KEY ("docId") REFERENCES docs (id) ON DELETE CASCADE');
  },
  async down() {},
};`,
    },
    {
      name: 'enum updates each in its own transaction that renames the type to _old, creates it again and drops _old: each runs again as a whole',
      files: enumUpdates({ dropOld: true }),
    },
  ],
  invalid: [
    ...compensations.map(({ name, handler, after, messageId, severity, tryLine }) => ({
      name: `compensation on MySQL: ${name}`,
      project: MYSQL,
      files: compensating(handler, after),
      errors: [{ messageId, line: 14, severity, file: '20200201000000-tenant.js', ...(tryLine ? { data: { tryLine } } : {}) }],
    })),
    ...existenceTests
      .filter((c) => !c.guards)
      .map((c) => {
        const files = existenceTestMigration(c);
        return { name: `not guarded: ${c.name}`, files, ...(c.mysql ? { project: MYSQL } : {}), errors: [{ messageId: 'notAtomic', line: stepLine(files), severity: 'warning' as const }] };
      }),
    {
      name: 'the same loop inserting the balances before the leave type: a rerun after a failure at the type\u2019s insert inserts the balances again',
      files: leaveKinds(`        const [members] = await queryInterface.sequelize.query('SELECT id FROM members WHERE team_id = :teamId', { replacements: { teamId: team.id } });
        await queryInterface.bulkInsert('leave_balances', members.map((m) => ({ member_id: m.id, code, days: 20 })));
        await queryInterface.bulkInsert('leave_kinds', [{ team_id: team.id, code }]);`),
      errors: [{ messageId: 'notAtomic', line: 9, severity: 'warning' }],
    },
    {
      name: 'the same raw BEGIN block with two steps run at once (Promise.all): they may take other connections of the pool, so the block is not counted as one transaction',
      files: rawBegin(`await Promise.all([queryInterface.renameColumn('Measurables', 'descriptionProperty', 'labelProperty'), queryInterface.addIndex('Measurables', ['labelSubject'])]);`),
      errors: [{ messageId: 'notAtomic', line: 5, severity: 'warning' }],
    },
    {
      name: 'the same raw BEGIN block on MySQL, where DDL commits at once: not atomic',
      project: MYSQL,
      files: rawBegin(`await queryInterface.renameColumn('Measurables', 'descriptionProperty', 'labelProperty');`),
      errors: [{ messageId: 'notAtomic', line: 5, severity: 'warning' }],
    },
    ...freshColumnKeys.map(({ name, steps, severity, later }) => ({
      name: `${name} (${severity})`,
      files: {
        '20240101000000-parents.js': PARENTS,
        '20240301000000-carts.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n${steps.map((step) => `    ${step}`).join('\n')}\n  },\n  async down() {},\n};`,
      },
      errors: [
        { messageId: severity === 'info' ? 'notAtomicMinor' : 'notAtomic', line: 3, severity, file: '20240301000000-carts.js', ...(later ? { data: { later } } : {}) },
      ],
    })),
    {
      name: "foreign keys restating the `references` the columns' createTable declared (same parent, same key): the rows satisfy them, info (hold-out 72)",
      files: {
        '20240101000000-parents.js': PARENTS,
        '20240201000000-memberships.js': MEMBERSHIPS,
        '20240301000000-keys.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['ownerId'], name: 'fk_memberships_owner', references: { table: 'owners', field: 'id' }, onDelete: 'CASCADE' });\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['teamId'], name: 'fk_memberships_team', references: { table: 'teams', field: 'id' } });\n  },\n  async down() {},\n};`,
      },
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240301000000-keys.js' }],
    },
    {
      name: 'the same, where the second key is on a column the createTable gave no `references`: its values may name no parent, a warning',
      files: {
        '20240101000000-parents.js': PARENTS,
        '20240201000000-memberships.js': MEMBERSHIPS,
        '20240301000000-keys.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['ownerId'], name: 'fk_memberships_owner', references: { table: 'owners', field: 'id' }, onDelete: 'CASCADE' });\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['legacyTeamId'], name: 'fk_memberships_legacy', references: { table: 'teams', field: 'id' } });\n  },\n  async down() {},\n};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-keys.js' }],
    },
    {
      name: 'the same as the first, after a migration dropped a constraint of the table: rows written since may break the key, a warning',
      files: {
        '20240101000000-parents.js': PARENTS,
        '20240201000000-memberships.js': MEMBERSHIPS,
        '20240215000000-drop-key.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.removeConstraint('memberships', 'memberships_teamId_fkey');\n  },\n  async down() {},\n};`,
        '20240301000000-keys.js': `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['ownerId'], name: 'fk_memberships_owner', references: { table: 'owners', field: 'id' }, onDelete: 'CASCADE' });\n    await queryInterface.addConstraint('memberships', { type: 'foreign key', fields: ['teamId'], name: 'fk_memberships_team', references: { table: 'teams', field: 'id' } });\n  },\n  async down() {},\n};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-keys.js' }],
    },
    {
      name: 'NOT NULL on a column just added and filled in every row from a NOT NULL column of the same row (SET c = other, or WHERE c IS NULL), or with a constant: nothing NULL is left, info; from a nullable column: a warning',
      files: {
        '20180101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('feedback', { id: { type: Sequelize.UUID, primaryKey: true }, author_id: { type: Sequelize.UUID, allowNull: false }, editor_id: { type: Sequelize.UUID } });
  },
  async down() {},
};`,
        '20180624144635-created-by.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('feedback', 'created_by_id', { type: Sequelize.UUID, allowNull: true });
    await queryInterface.sequelize.query('UPDATE feedback SET created_by_id = feedback.author_id');
    await queryInterface.changeColumn('feedback', 'created_by_id', { type: Sequelize.UUID, allowNull: false });
  },
  async down() {},
};`,
        '20180625000000-status.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('feedback', 'status', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE "feedback" SET "status" = \\'open\\' WHERE "status" IS NULL');
    await queryInterface.changeColumn('feedback', 'status', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
        '20180626000000-edited-by.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('feedback', 'edited_by_id', { type: Sequelize.UUID });
    await queryInterface.sequelize.query('UPDATE feedback SET edited_by_id = editor_id');
    await queryInterface.changeColumn('feedback', 'edited_by_id', { type: Sequelize.UUID, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20180624144635-created-by.js' },
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20180625000000-status.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20180626000000-edited-by.js' },
      ],
    },
    {
      name: 'a later step under a catch that takes every error cannot fail the migration: the one that can is outside it (warning); with every later step caught, info (hold-out 55)',
      files: {
        '20240101000000-invoices.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('invoices', 'asaas_id', { type: Sequelize.STRING });
    try {
      await queryInterface.addConstraint('invoices', { fields: ['code'], type: 'unique', name: 'invoices_code_key' });
    } catch (error) {
      console.log('constraint skipped', error.message);
    }
  },
  async down() {},
};`,
        '20240102000000-receipts.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('receipts', 'asaas_id', { type: Sequelize.STRING });
    await queryInterface.addConstraint('receipts', { fields: ['code'], type: 'unique', name: 'receipts_code_key' });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240101000000-invoices.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240102000000-receipts.js' },
      ],
    },
    ...[
      { when: '20210818102607', severity: 'info' as const, why: 'a second earlier, shipping with it' },
      { when: '20210701000000', severity: 'warning' as const, why: 'weeks earlier: rows written since may break the wider key' },
    ].map(({ when, severity, why }) => ({
      name: `unique keys over more columns than the unique keys a migration dropped ${why}: ${severity}`,
      files: {
        '20210101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('lanes', { id: { type: Sequelize.INTEGER, primaryKey: true }, color: { type: Sequelize.STRING, unique: true }, name: { type: Sequelize.STRING, unique: true }, teamId: Sequelize.INTEGER });
  },
  async down() {},
};`,
        [`${when}-drop-keys.js`]: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('lanes', 'lanes_color_key');
    await queryInterface.removeConstraint('lanes', 'lanes_name_key');
  },
  async down() {},
};`,
        '20210818102608-team-keys.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.addConstraint('lanes', { fields: ['color', 'teamId'], type: 'unique', name: 'lanes_color_key' });
    await queryInterface.addConstraint('lanes', { fields: ['name', 'teamId'], type: 'unique', name: 'lanes_name_key' });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info' as const, file: `${when}-drop-keys.js` },
        { messageId: severity === 'info' ? 'notAtomicMinor' : 'notAtomic', line: 3, severity, file: '20210818102608-team-keys.js' },
      ],
    })),
    ...[
      { index: "{ type: 'UNIQUE' }", severity: 'info' as const, why: "a unique index (type: 'UNIQUE') dropped by its derived name" },
      { index: '{}', severity: 'warning' as const, why: 'a plain index of that name dropped: duplicates may exist' },
    ].map(({ index, severity, why }) => ({
      name: `unique keys over (email, deleted_at) after ${why}: ${severity}`,
      files: {
        '20200101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('riders', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING, phone: { type: Sequelize.STRING, unique: true }, deleted_at: Sequelize.DATE });
    await queryInterface.addIndex('riders', ['email'], ${index});
  },
  async down() {},
};`,
        '20200301000000-soft-delete-keys.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeIndex('riders', 'riders_email');
    await queryInterface.sequelize.query('ALTER TABLE riders DROP CONSTRAINT riders_phone_key;');
    await queryInterface.addConstraint('riders', { fields: ['email', 'deleted_at'], type: 'UNIQUE' });
    await queryInterface.addConstraint('riders', { fields: ['phone', 'deleted_at'], type: 'UNIQUE' });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: severity === 'info' ? 'notAtomicMinor' : 'notAtomic', line: 4, severity, file: '20200301000000-soft-delete-keys.js' },
      ],
    })),
    {
      name: 'NOT NULL and UNIQUE on a column just added and filled from the row key (SET c = id): no NULL, no duplicate, info; filled from a NOT NULL column that is no key: duplicates can refuse the UNIQUE, a warning',
      files: {
        '20180101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('albums', { id: { type: Sequelize.STRING, primaryKey: true }, title: { type: Sequelize.STRING, allowNull: false } });
  },
  async down() {},
};`,
        '20180201000000-external-id.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('albums', 'external_id', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.sequelize.query('UPDATE albums SET external_id = id WHERE external_id IS NULL');
    await queryInterface.changeColumn('albums', 'external_id', { type: Sequelize.STRING, allowNull: false, unique: true });
  },
  async down() {},
};`,
        '20180301000000-slug.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('albums', 'slug', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.sequelize.query('UPDATE albums SET slug = title');
    await queryInterface.changeColumn('albums', 'slug', { type: Sequelize.STRING, allowNull: false, unique: true });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20180201000000-external-id.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20180301000000-slug.js' },
      ],
    },
    {
      name: 'on MySQL, a later changeColumn to a bare ENUM whose `values` keep every label the column had restates it (info); one whose `values` drop a label can meet rows holding it (warning)',
      project: MYSQL,
      files: {
        '20210101000000-members.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('members', { id: { type: Sequelize.INTEGER, primaryKey: true }, role: { type: Sequelize.ENUM, values: ['reader', 'writer'] }, tier: { type: Sequelize.ENUM, values: ['free', 'pro'] } });
  },
  async down() {},
};`,
        '20210301000000-more-roles.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('members', 'nickname', { type: Sequelize.STRING });
    await queryInterface.changeColumn('members', 'role', { type: Sequelize.ENUM, values: ['reader', 'writer', 'admin'] });
  },
  async down() {},
};`,
        '20210401000000-fewer-tiers.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('members', 'motto', { type: Sequelize.STRING });
    await queryInterface.changeColumn('members', 'tier', { type: Sequelize.ENUM, values: ['pro'] });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20210301000000-more-roles.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20210401000000-fewer-tiers.js' },
      ],
    },
    {
      name: 'on MySQL, a later changeColumn to TEXT(\'long\') or TEXT(\'medium\') (LONGTEXT, MEDIUMTEXT) takes any value, like TEXT (info); to TEXT(\'tiny\') (255 bytes) it can meet a longer value (warning)',
      project: MYSQL,
      files: {
        '20200325202012-profile-image.js': `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface
      .addColumn('members', 'address', { type: Sequelize.STRING, defaultValue: null })
      .then(() => queryInterface.addColumn('members', 'is_secure_access', { type: Sequelize.BOOLEAN, defaultValue: true }))
      .then(() => queryInterface.changeColumn('members', 'profile_image', { type: Sequelize.TEXT('long'), defaultValue: null }))
      .then(() => queryInterface.changeColumn('members', 'biography', { type: Sequelize.TEXT('medium') })),
  down: () => Promise.resolve(),
};`,
        '20200401000000-motto.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('members', 'nickname', { type: Sequelize.STRING });
    await queryInterface.changeColumn('members', 'motto', { type: Sequelize.TEXT('tiny') });
  },
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20200325202012-profile-image.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20200401000000-motto.js' },
      ],
    },
    {
      // Hold-out 87: INTEGER widened to FLOAT after columns were dropped.
      name: 'a later changeColumn that widens a number the migrations declared (INTEGER to FLOAT, to BIGINT) cannot fail on its values (info); one that narrows it (INTEGER to SMALLINT) can (warning)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('prompts', { id: { type: Sequelize.INTEGER, primaryKey: true }, temperature: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 1 }, tokens: Sequelize.INTEGER, a: Sequelize.STRING, b: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240918214408-change-prompt.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('prompts', 'a');
    await queryInterface.changeColumn('prompts', 'temperature', { type: Sequelize.FLOAT, allowNull: true });
    await queryInterface.changeColumn('prompts', 'tokens', { type: Sequelize.BIGINT });
  },
  async down() {},
};`,
        '20241001000000-narrow.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('prompts', 'b');
    await queryInterface.changeColumn('prompts', 'tokens', { type: Sequelize.SMALLINT });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240918214408-change-prompt.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20241001000000-narrow.js' },
      ],
    },
    {
      name: 'on MySQL, a later changeColumn that restates the type the migrations declared and only relaxes NOT NULL cannot fail on its own, also where SQL the replay cannot read ran on the table since (info); one that changes the type stays a warning',
      project: MYSQL,
      files: {
        '20220818094314-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('a_b_testing', { id: { type: Sequelize.INTEGER, primaryKey: true }, message_id: { type: Sequelize.STRING, allowNull: false }, hits: { type: Sequelize.INTEGER, allowNull: false } });
  },
  async down() {},
};`,
        '20221001000000-timestamps.js': `module.exports = {
  async up(queryInterface) {
    const tables = await queryInterface.showAllTables();
    for (const t of tables) await queryInterface.sequelize.query('ALTER TABLE ' + t + ' MODIFY created_at DATETIME NOT NULL');
  },
  async down() {},
};`,
        '20230130113017-sms-id.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('a_b_testing', 'sms_id', { type: Sequelize.STRING, allowNull: true });
    return queryInterface.changeColumn('a_b_testing', 'message_id', { type: Sequelize.STRING, allowNull: true });
  },
  async down() {},
};`,
        '20230201000000-hits.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('a_b_testing', 'note', { type: Sequelize.STRING, allowNull: true });
    return queryInterface.changeColumn('a_b_testing', 'hits', { type: Sequelize.STRING, allowNull: true });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20230130113017-sms-id.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20230201000000-hits.js' },
      ],
    },
    {
      name: 'on MySQL, a copy-and-swap (add new_size, copy, drop size, rename new_size to size): the rename of a column just added into the name just freed cannot fail on its own (info); renaming a column an earlier migration made stays a warning',
      project: MYSQL,
      files: {
        '20211101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('account', { id: { type: Sequelize.INTEGER, primaryKey: true }, size: Sequelize.ENUM('S', 'M'), label: Sequelize.STRING });
  },
  async down() {},
};`,
        '20211111130342-size-to-string.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('account', 'new_size', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE account SET new_size = size');
    await queryInterface.removeColumn('account', 'size');
    await queryInterface.renameColumn('account', 'new_size', 'size');
  },
  async down() {},
};`,
        '20211112000000-rename-label.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('account', 'note', { type: Sequelize.STRING });
    await queryInterface.renameColumn('account', 'label', 'title');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20211111130342-size-to-string.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20211112000000-rename-label.js' },
      ],
    },
    {
      name: 'on MySQL, the copy of a text column into an integer column it just added (UPDATE email SET new_node_id = node_id) can fail on a value that does not convert: a warning naming that step',
      project: MYSQL,
      files: {
        '20211101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('email', { id: { type: Sequelize.INTEGER, primaryKey: true }, node_id: Sequelize.STRING });
  },
  async down() {},
};`,
        '20220414104224-node-id-to-int.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('email', 'new_node_id', { type: Sequelize.INTEGER, allowNull: true });
    await queryInterface.sequelize.query('update email set new_node_id=node_id');
    await queryInterface.removeColumn('email', 'node_id');
    await queryInterface.renameColumn('email', 'new_node_id', 'node_id');
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20220414104224-node-id-to-int.js', data: { later: '`update` (SQL) on `email` at line 4' } }],
    },
    {
      name: 'in a project whose sync() builds tables, a key over a column just added (all NULL) to a parent no migration creates can fail all the same: where migrations run before the application, the parent is not there yet (warning); to a parent a migration created, info',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:2' }, schemaSync: { script: 'start', evidence: 'app/models.js:94', development: false } },
      files: {
        '20210101000000-create-users.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20210214110747-add-category.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('procedures', 'procedureCategoryId', { type: Sequelize.INTEGER });
    await queryInterface.addConstraint('procedures', ['procedureCategoryId'], { type: 'foreign key', name: 'procedure_categories_ibfk_2', references: { table: 'procedure_categories', field: 'id' } });
  },
  async down() {},
};`,
        '20210724102311-add-upload-by.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('files', 'uploadBy', { type: Sequelize.INTEGER });
    await queryInterface.addConstraint('files', ['uploadBy'], { type: 'foreign key', name: 'upload_by_ibfk_2', references: { table: 'users', field: 'id' } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20210214110747-add-category.js' },
        // No later step can fail there: only a database sync() built first can already have the column (info).
        { messageId: 'unguardedLastStep', line: 3, severity: 'info', file: '20210724102311-add-upload-by.js' },
      ],
    },
    {
      name: 'later steps on a table a migration shipping with this one created (days earlier by the names) cannot meet rows the application wrote: info; a month earlier they can: a warning',
      files: {
        '20240101000000-create-tokens.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tokens', { id: { type: Sequelize.INTEGER, primaryKey: true }, token: Sequelize.STRING, refresh: Sequelize.STRING });
    await queryInterface.createTable('grants', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING, scope: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240103000000-other.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'locale', Sequelize.STRING);
  },
  async down() {},
};`,
        '20240105000000-tokens-update.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('tokens', 'token', 'accessToken');
    await queryInterface.addIndex('tokens', ['refresh'], { unique: true });
  },
  async down() {},
};`,
        '20240301000000-grants-update.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('grants', 'code', 'grantCode');
    await queryInterface.addIndex('grants', ['scope'], { unique: true });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240105000000-tokens-update.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-grants-update.js', data: { later: '`addIndex` on `grants` at line 4' } },
      ],
    },
    {
      name: 'a column added a moment earlier (every row NULL) cast with its own USING to a type just created: only an outside failure (info); a builder changeColumn of such a column to a type with no implicit cast fails on PostgreSQL whatever the values (warning)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('patients', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240401000000-triage.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'triage', { type: Sequelize.STRING });
    await queryInterface.sequelize.query("CREATE TYPE triage_level AS ENUM ('RED', 'YELLOW', 'GREEN')");
    await queryInterface.sequelize.query('ALTER TABLE patients ALTER COLUMN triage TYPE triage_level USING triage::triage_level');
  },
  async down() {},
};`,
        '20240501000000-beds.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('patients', 'beds', { type: Sequelize.STRING });
    await queryInterface.changeColumn('patients', 'beds', { type: Sequelize.INTEGER });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240401000000-triage.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240501000000-beds.js' },
      ],
    },
    {
      name: 'a type change of columns a migration shipping with this one added (nothing written since: all NULL) cannot meet a value that does not convert: info; of an older column, or one made NOT NULL, a warning',
      project: MYSQL,
      files: {
        '20240101000000-create-clients.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('clients', { id: { type: Sequelize.INTEGER, primaryKey: true }, balance: Sequelize.STRING });
  },
  async down() {},
};`,
        '20250619115750-add-balances.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('clients', 'credit', Sequelize.STRING);
    await queryInterface.addColumn('clients', 'debit', Sequelize.STRING);
  },
  async down() {},
};`,
        '20250619115751-ledger.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE TABLE ledger (id int NOT NULL, amount decimal(10,2) NULL)');
    await queryInterface.sequelize.query('ALTER TABLE clients CHANGE credit credit DECIMAL(10,2) NULL DEFAULT NULL, CHANGE debit debit DECIMAL(10,2) NULL DEFAULT NULL');
  },
  async down() {},
};`,
        '20250620000000-ledger-two.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE TABLE ledger_two (id int NOT NULL)');
    await queryInterface.sequelize.query('ALTER TABLE clients CHANGE balance balance DECIMAL(10,2) NULL DEFAULT NULL');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20250619115750-add-balances.js' },
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20250619115751-ledger.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20250620000000-ledger-two.js' },
      ],
    },
    {
      name: 'a foreign key from a column this migration added to a table it created checks only the migration\'s own rows (info); from a column that existed, or to a table that existed, it can fail (warning)',
      files: {
        '20240101000000-backends.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('search_backends', { id: { type: Sequelize.STRING(16), primaryKey: true } });
    await queryInterface.sequelize.query("INSERT INTO search_backends (id) VALUES ('en')");
    await queryInterface.addColumn('locales', 'search_backend_id', { type: Sequelize.STRING(16), allowNull: false, defaultValue: 'en' });
    await queryInterface.addConstraint('locales', { type: 'foreign key', fields: ['search_backend_id'], references: { table: 'search_backends', field: 'id' } });
  },
  async down() {},
};`,
        '20240201000000-regions.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('regions', { id: { type: Sequelize.STRING(16), primaryKey: true } });
    await queryInterface.sequelize.query("INSERT INTO regions (id) VALUES ('eu')");
    await queryInterface.addConstraint('locales', { type: 'foreign key', fields: ['region_id'], references: { table: 'regions', field: 'id' } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 4, severity: 'info', file: '20240101000000-backends.js' },
        { messageId: 'notAtomic', line: 4, severity: 'warning', file: '20240201000000-regions.js', data: { later: '`addConstraint` on `locales` at line 5' } },
      ],
    },
    {
      name: 'a foreign key dropped and re-added (changeColumn restating references) before the step that can fail: the rerun meets it again, so the finding is at the next drop, whose re-add is the failing step',
      files: {
        '20240101000000-create-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('webhooks', { id: { type: Sequelize.UUID, primaryKey: true }, ownerId: { type: Sequelize.UUID, references: { model: 'users', key: 'id' } }, teamId: { type: Sequelize.UUID, references: { model: 'teams', key: 'id' } } });
  },
  async down() {},
};`,
        '20240201000000-cascade-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeConstraint('webhooks', 'webhooks_ownerId_fkey');
    await queryInterface.changeColumn('webhooks', 'ownerId', { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'cascade' });
    await queryInterface.removeConstraint('webhooks', 'webhooks_teamId_fkey');
    await queryInterface.changeColumn('webhooks', 'teamId', { type: Sequelize.UUID, allowNull: false, references: { model: 'teams', key: 'id' }, onDelete: 'cascade' });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 5, severity: 'warning', file: '20240201000000-cascade-webhooks.js', data: { later: '`changeColumn` on `webhooks.teamId` at line 6' } }],
    },
    {
      name: 'the re-add in the same transaction as the step that fails is rolled back with it: the finding stays at the first drop',
      files: {
        '20240101000000-create-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('webhooks', { id: { type: Sequelize.UUID, primaryKey: true }, ownerId: { type: Sequelize.UUID, references: { model: 'users', key: 'id' } }, teamId: { type: Sequelize.UUID } });
  },
  async down() {},
};`,
        '20240201000000-cascade-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeConstraint('webhooks', 'webhooks_ownerId_fkey', { transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.changeColumn('webhooks', 'ownerId', { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'cascade' }, { transaction });
      await queryInterface.changeColumn('webhooks', 'teamId', { type: Sequelize.UUID, allowNull: false }, { transaction });
    });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', file: '20240201000000-cascade-webhooks.js', data: { later: '`changeColumn` on `webhooks.teamId` at line 8' } }],
    },
    {
      name: 'the same, with `transaction` inside the changeColumn attributes (where Sequelize does not read it): each re-add commits on its own, so the rerun meets the first key again and fails at the second drop',
      files: {
        '20240101000000-create-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('webhooks', { id: { type: Sequelize.UUID, primaryKey: true }, ownerId: { type: Sequelize.UUID, references: { model: 'users', key: 'id' } }, teamId: { type: Sequelize.UUID, references: { model: 'teams', key: 'id' } } });
  },
  async down() {},
};`,
        '20240201000000-cascade-webhooks.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeConstraint('webhooks', 'webhooks_ownerId_fkey', { transaction });
      await queryInterface.removeConstraint('webhooks', 'webhooks_teamId_fkey', { transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.changeColumn('webhooks', 'ownerId', { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'cascade', transaction });
      await queryInterface.changeColumn('webhooks', 'teamId', { type: Sequelize.UUID, allowNull: false, references: { model: 'teams', key: 'id' }, transaction });
    });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 5, severity: 'warning', file: '20240201000000-cascade-webhooks.js', data: { later: '`changeColumn` on `webhooks.teamId` at line 9' } }],
    },
    {
      name: 'an enum update that keeps the _old type cannot run again (the rename meets it): the first transaction stays applied when the second fails',
      files: enumUpdates({ dropOld: false }),
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning' }],
    },
    {
      name: 'a concurrent build on a table a migration shipping with this one created (the previous one, or dated days before) is info; on a table created two months before, a warning',
      files: {
        '20240101000000-create-fees.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('fees', { id: { type: Sequelize.INTEGER, primaryKey: true }, company_id: Sequelize.INTEGER }); }, async down() {} };`,
        '20240301000000-create-plans.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('plans', { id: { type: Sequelize.INTEGER, primaryKey: true }, company_id: Sequelize.INTEGER }); }, async down() {} };`,
        '20240301001500-index-plans.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY plans_company ON plans (company_id)'); }, async down() {} };`,
        '20240301003000-index-fees.js': `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY fees_company ON fees (company_id)'); }, async down() {} };`,
      },
      errors: [
        { messageId: 'unguardedConcurrently', line: 1, severity: 'info', file: '20240301001500-index-plans.js' },
        { messageId: 'unguardedConcurrently', line: 1, severity: 'warning', file: '20240301003000-index-fees.js' },
      ],
    },
    {
      name: 'a materialized view, then concurrent unique indexes on it: the builds meet no other writer (info), and do not make the view a warning',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE MATERIALIZED VIEW IF NOT EXISTS "TagStats" AS SELECT "TeamId", tag, count(*) AS n FROM "Cards" GROUP BY "TeamId", tag');
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX CONCURRENTLY tag_stats_key ON "TagStats" ("TeamId", tag)');
  },
  async down() {},
};`,
      errors: [{ messageId: 'unguardedConcurrently', line: 4, severity: 'info' }],
    },
    {
      name: 'an unguarded materialized view whose only later step is a concurrent index on it: info (nothing later fails on its own)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE MATERIALIZED VIEW "TagStats" AS SELECT "TeamId", tag, count(*) AS n FROM "Cards" GROUP BY "TeamId", tag');
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX CONCURRENTLY tag_stats_key ON "TagStats" ("TeamId", tag)');
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info' }],
    },
    {
      name: 'a unique concurrent index on an existing table after an unguarded step: the step is a warning',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE VIEW active_cards AS SELECT * FROM "Cards" WHERE archived = false');
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX CONCURRENTLY cards_slug ON "Cards" (slug)');
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning' }],
    },
    {
      name: 'unguarded addColumns (031 in the seed project): one finding at the first step, info when nothing later is likely to fail',
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(20) });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'notAtomicMinor',
          line: 3,
          column: 11,
          severity: 'info',
          data: { op: 'addColumn', target: '`users.bio`', failure: 'column already exists', runner: 'sequelize-cli', how: 'outside a transaction', later: 'the 2 later steps' },
        },
      ],
    },
    {
      name: 'a nullable column with a foreign key checks nothing (info); a NOT NULL column without default on an existing table can fail (warning)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('card_requests', { id: { type: Sequelize.INTEGER, primaryKey: true }, cardId: Sequelize.INTEGER });
    await queryInterface.addIndex('card_requests', ['cardId']);
    await queryInterface.addColumn('cards', 'requestId', { type: Sequelize.INTEGER, references: { model: 'card_requests', key: 'id' } });
    await queryInterface.addColumn('cards', 'issuer', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', data: { op: 'addIndex', later: '`addColumn` on `cards.issuer` at line 6' } }],
    },
    {
      name: 'a unique index and a constraint on the table the migration just created cannot meet a violation: info',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('user_tokens', { id: { type: Sequelize.INTEGER, primaryKey: true }, token: Sequelize.STRING });
    await queryInterface.addIndex('user_tokens', ['token'], { unique: true });
    await queryInterface.addConstraint('user_tokens', { type: 'check', fields: ['token'], where: { token: { ne: '' } } });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 4, severity: 'info', data: { later: 'the one later step' } }],
    },
    {
      name: 'later steps that fail only for an outside reason: a backfill, a view, a change to text, an update nobody awaits (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('contracts', 'name', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE contracts SET name = code');
    await queryInterface.sequelize.query('CREATE VIEW contract_names AS SELECT id, name FROM contracts');
    await queryInterface.changeColumn('contracts', 'flag', { type: Sequelize.TEXT });
    queryInterface.sequelize.query("UPDATE contracts SET status = 'ok' WHERE status IS NULL");
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info', data: { later: 'the 4 later steps' } }],
    },
    {
      name: 'plain indexes after a plain index: info (a half-applied state needs an infrastructure failure)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('api_keys', ['secret']);
    await queryInterface.addIndex('api_keys', ['userId']);
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info', data: { later: 'the one later step' } }],
    },
    {
      name: 'with sequelize.sync({ alter: true }) at a deployment script, running databases already have what the models declare: the first unguarded step fails there (warning; lastStep: auto)',
      project: { schemaSync: { script: 'start', evidence: 'server/boot.js:43', development: false, alters: true } },
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'unguardedLastStep',
          line: 3,
          severity: 'warning',
          data: { target: '`users.bio`', why: '`npm run start` alters the tables to match the models with sequelize.sync() (server/boot.js:43), so databases the application ran on can already have it' },
        },
      ],
    },
    {
      name: 'the same sync() behind the unguarded step of several migrations: one cause, one warning at the first, naming the others',
      project: { schemaSync: { script: 'start', evidence: 'server/boot.js:43', development: false, alters: true } },
      files: {
        '20240101000000-add-bio.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240201000000-add-phone.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240301000000-add-reason.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('leads', 'reason', { type: Sequelize.STRING });
  },
  async down() {},
};`,
      },
      errors: [
        {
          messageId: 'unguardedLastStep',
          line: 3,
          severity: 'warning',
          file: '20240101000000-add-bio.js',
          data: { more: ' So do 2 more migrations (`20240201000000-add-phone.js`, `20240301000000-add-reason.js`), for the same reason: reported once, here.' },
        },
      ],
    },
    {
      name: 'a deployment sync() without alter creates only missing tables: only a database it built before any migration ran has the column (info, saying so; the Dockerfile\u2019s start command named as such)',
      project: { schemaSync: { script: 'Dockerfile CMD', run: 'Dockerfile CMD', evidence: 'app/models.js:94', development: false } },
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('employees', 'status', { type: Sequelize.STRING });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'unguardedLastStep',
          line: 3,
          severity: 'info',
          data: { why: '`Dockerfile CMD` builds schemas with sequelize.sync() (app/models.js:94), so a database it built before the migrations ran (the application started first) already has it; without `alter`, sync() adds nothing to a table that exists, so databases the migrations built do not' },
        },
      ],
    },
    {
      name: 'with sequelize.sync() only in a developer\'s script, only developers\' databases meet it (info, saying so)',
      project: { schemaSync: { script: 'db:setup:dev', evidence: 'scripts/setup-dev.js:43', development: true } },
      files: `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'unguardedLastStep',
          line: 3,
          severity: 'info',
          data: { why: "`npm run db:setup:dev`, a developer's script, builds schemas with sequelize.sync() (scripts/setup-dev.js:43), so a developer's database can already have it (deployed databases are built by the migrations)" },
        },
      ],
    },
    {
      name: 'with sync() building schemas from the models, only what the models declare is already there: a column a model maps (warning), not one it does not map, nor an index (models\' indexes are not read)',
      project: { schemaSync: { script: 'start', evidence: 'server.js:4', development: false, alters: true } },
      files: {
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { bio: DataTypes.TEXT }, { tableName: 'users' });`,
        '20240101000000-add-bio.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240102000000-add-nickname.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'nickname', { type: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240103000000-index-bio.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', ['bio']);
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'unguardedLastStep', line: 3, severity: 'warning', file: '20240101000000-add-bio.js', data: { target: '`users.bio`' } }],
    },
    {
      name: 'a single step with lastStep: always',
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
      await queryInterface.addIndex('orders', ['number'], { unique: true });
    }),
  down: async () => {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', data: { target: '`orders.currency`', how: 'in a transaction that does not cover every step' } }],
    },
    {
      name: 'a foreign key dropped and added again on the same column under another name (to change ON DELETE) cannot fail on the rows: info; a foreign key on another column can (warning)',
      files: {
        '20210730000000-cascade-lessons.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('lessons', 'lessons_courseId_fkey');
    await queryInterface.addConstraint('lessons', { fields: ['courseId'], type: 'foreign key', name: 'fk_lessons_course', references: { table: 'courses', field: 'id' }, onDelete: 'cascade' });
  },
  async down() {},
};`,
        '20210731000000-author.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('lessons', 'lessons_courseId_fkey2');
    await queryInterface.addConstraint('lessons', { fields: ['authorId'], type: 'foreign key', name: 'fk_lessons_author', references: { table: 'users', field: 'id' } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20210730000000-cascade-lessons.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20210731000000-author.js' },
      ],
    },
    {
      name: 'the clauses of one ALTER TABLE statement (MySQL) succeed or fail together: no later step; a second statement is one',
      project: MYSQL,
      files: {
        '20230505000000-one-statement.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE verificationTokens ADD COLUMN isExpired TINYINT(1) NOT NULL DEFAULT 0, MODIFY COLUMN token VARCHAR(64) NOT NULL');
  },
  async down() {},
};`,
        '20230506000000-two-statements.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE verificationTokens ADD COLUMN isUsed TINYINT(1) NOT NULL DEFAULT 0');
    await queryInterface.sequelize.query('ALTER TABLE verificationTokens MODIFY COLUMN token VARCHAR(32) NOT NULL');
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20230506000000-two-statements.js' }],
    },
    {
      name: 'on MySQL a later NOT NULL column without a default cannot fail (the rows get the implicit default): info',
      project: MYSQL,
      files: RENAME_THEN_NOT_NULL,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info' }],
    },
    {
      name: 'the same on PostgreSQL: the NOT NULL add fails on a table with rows (warning)',
      files: RENAME_THEN_NOT_NULL,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', data: { later: '`addColumn` on `lessons.position` at line 4' } }],
    },
    {
      name: 'a copy written once per dialect in the two arms of one if/else: the other arm never runs after this one, so it is no later step that can fail (info); a step after the if/else can',
      files: `module.exports = {
  async up(queryInterface, Sequelize, dialect) {
    await queryInterface.createTable('items_new', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });
    if (dialect === 'postgres') {
      await queryInterface.sequelize.query('INSERT INTO "items_new" ("id", "name") SELECT "id", "name" FROM "items"');
    } else {
      await queryInterface.sequelize.query('INSERT INTO items_new (id, name) SELECT id, name FROM items');
    }
    await queryInterface.dropTable('items');
    await queryInterface.renameTable('items_new', 'items');
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 5, severity: 'info', data: { later: 'the 2 later steps' } }],
    },
    {
      name: 'the same with a step after the if/else that can fail (a NOT NULL column): the warning names it, not the other arm',
      files: `module.exports = {
  async up(queryInterface, Sequelize, dialect) {
    if (dialect === 'postgres') {
      await queryInterface.sequelize.query('ALTER TABLE "items" RENAME COLUMN "title" TO "name"');
    } else {
      await queryInterface.renameColumn('items', 'title', 'name');
    }
    await queryInterface.addColumn('items', 'sku', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', data: { later: '`addColumn` on `items.sku` at line 8' } }],
    },
    {
      name: 'a later step passing `transaction` inside its column attributes runs outside the transaction: the message says which and why',
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeConstraint('invoices', 'invoices_customerId_fkey', { transaction });
      await queryInterface.changeColumn('invoices', 'total', { type: Sequelize.DECIMAL(12, 2), allowNull: false, transaction });
    }),
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'notAtomic',
          line: 4,
          severity: 'warning',
          data: {
            how: 'in a transaction that does not cover every step (`changeColumn` at line 5 passes `transaction` inside its column attributes, where Sequelize does not read it: it runs outside the transaction, on its own)',
          },
        },
      ],
    },
    {
      name: 'steps in two transactions one after the other: a failure in the second leaves the first committed, and the message names the line of the other transaction',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.removeConstraint('invoices', 'invoices_customerId_fkey', { transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.changeColumn('invoices', 'total', { type: Sequelize.DECIMAL(12, 2), allowNull: false }, { transaction });
    });
  },
  down: async () => {},
};`,
      errors: [
        {
          messageId: 'notAtomic',
          line: 4,
          severity: 'warning',
          data: { how: "in a transaction that does not cover every step (line 7 runs in another transaction, opened after this step's has committed)" },
        },
      ],
    },
    {
      name: 'NOT NULL columns without a default added one after another to an existing table: the later ones fail only where the first failed first, leaving nothing applied (info); after a nullable column, they can fail (warning)',
      files: {
        '20240101000000-create.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('apps', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  down: async () => {},
};`,
        '20240301000000-secrets.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('apps', 'clientId', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.addColumn('apps', 'secret', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.addColumn('apps', 'webhook', { type: Sequelize.STRING, allowNull: false });
  },
  down: async () => {},
};`,
        '20240401000000-more.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('apps', 'note', { type: Sequelize.STRING });
    await queryInterface.addColumn('apps', 'owner', { type: Sequelize.STRING, allowNull: false });
  },
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240301000000-secrets.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240401000000-more.js' },
      ],
    },
    {
      name: 'on MySQL, rows written without a transaction are not atomic, nor rows written in one beside a DDL step (which commits at once)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '20240101000000-rows.js': `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.bulkInsert('permissions', [{ id: 7, role: 'guest', action: 'read' }]);
    await queryInterface.bulkInsert('permissions', [{ id: 8, role: 'guest', action: 'list' }]);
  },
  down: async () => {},
};`,
        '20240201000000-mixed.js': `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.bulkInsert('permissions', [{ id: 9, role: 'guest', action: 'edit' }], { transaction });
      await queryInterface.addIndex('permissions', ['role', 'action'], { unique: true, transaction });
    }),
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240101000000-rows.js' },
        { messageId: 'notAtomic', line: 4, severity: 'warning', file: '20240201000000-mixed.js' },
      ],
    },
    {
      name: "PostgreSQL: a changeColumn from a builder ENUM to an ENUM keeps Sequelize's type and converts no value, so after an unguarded ADD VALUE it cannot fail on the data (info); making the nullable column NOT NULL can (warning)",
      project: { dialect: { dialects: ['postgres'], source: 'config/config.json:4' } },
      files: {
        '20240101000000-create-parcels.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('parcels', { id: { type: Sequelize.INTEGER, primaryKey: true }, state: { type: Sequelize.ENUM('new', 'sent'), allowNull: false }, kind: { type: Sequelize.ENUM('box', 'bag') } }),
  down: (queryInterface) => queryInterface.dropTable('parcels'),
};`,
        '20240301000000-add-state.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query("ALTER TYPE \\"enum_parcels_state\\" ADD VALUE 'lost'");
    await queryInterface.changeColumn('parcels', 'state', { type: Sequelize.ENUM('new', 'sent', 'lost'), allowNull: false, defaultValue: 'new' });
  },
  down: async () => {},
};`,
        '20240401000000-add-kind.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.query("ALTER TYPE \\"enum_parcels_kind\\" ADD VALUE 'crate'");
    await queryInterface.changeColumn('parcels', 'kind', { type: Sequelize.ENUM('box', 'bag', 'crate'), allowNull: false });
  },
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240301000000-add-state.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240401000000-add-kind.js' },
      ],
    },
    {
      name: 'MySQL: an ENUM changed to an ENUM keeping every label (more, another order) cannot fail on the rows (info); one dropping a label, or making the nullable column NOT NULL, can (warning)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '20240101000000-create-surveys.js': `module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable('surveys', { id: { type: Sequelize.INTEGER, primaryKey: true }, status: { type: Sequelize.ENUM('DRAFT', 'OPEN', 'CLOSED'), allowNull: false }, kind: { type: Sequelize.ENUM, values: ['poll', 'quiz'] } }),
  down: (queryInterface) => queryInterface.dropTable('surveys'),
};`,
        '20240301000000-review-state.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('surveys', 'reviewed_at', { type: Sequelize.DATE });
    await queryInterface.changeColumn('surveys', 'status', { type: Sequelize.ENUM('CLOSED', 'DRAFT', 'IN_REVIEW', 'OPEN'), allowNull: false });
    await queryInterface.changeColumn('surveys', 'kind', { type: Sequelize.ENUM, values: ['poll', 'quiz', 'form'] });
  },
  down: async () => {},
};`,
        '20240401000000-drop-state.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('surveys', 'closed_at', { type: Sequelize.DATE });
    await queryInterface.changeColumn('surveys', 'status', { type: Sequelize.ENUM('DRAFT', 'OPEN', 'IN_REVIEW'), allowNull: false });
  },
  down: async () => {},
};`,
        '20240501000000-kind-required.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('surveys', 'owner', { type: Sequelize.STRING });
    await queryInterface.changeColumn('surveys', 'kind', { type: Sequelize.ENUM, values: ['poll', 'quiz', 'form', 'exam'], allowNull: false });
  },
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240301000000-review-state.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240401000000-drop-state.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240501000000-kind-required.js' },
      ],
    },
    {
      name: 'on MySQL a transaction does not make DDL atomic',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await queryInterface.changeColumn('orders', 'total', { type: Sequelize.DECIMAL(12, 2) }, { transaction });
    }),
  down: async () => {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', data: { how: 'on MySQL, where every DDL statement commits at once, even inside its transaction' } }],
    },
    {
      name: 'on MySQL or PostgreSQL (chosen at run time), a migration without a transaction: outside a transaction, true on both',
      project: { dialect: { dialects: ['mysql', 'postgres'], source: 'src/store.js:5' } },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) });
    await queryInterface.changeColumn('orders', 'total', { type: Sequelize.DECIMAL(12, 2) });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', data: { how: 'outside a transaction' } }],
    },
    {
      name: 'on MySQL or PostgreSQL, a migration in its own transaction: MySQL commits each DDL statement all the same',
      project: { dialect: { dialects: ['mysql', 'postgres'], source: 'src/store.js:5' } },
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await queryInterface.changeColumn('orders', 'total', { type: Sequelize.DECIMAL(12, 2) }, { transaction });
    }),
  down: async () => {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning', data: { how: 'on MySQL, where every DDL statement commits at once, even inside its transaction' } }],
    },
    {
      name: 'CONCURRENTLY is not atomic: reported even as the only step (a failed build leaves an INVALID index)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('events', ['created_at'], { concurrently: true, name: 'events_created_at' });
    await queryInterface.addIndex('events', ['kind'], { concurrently: true, name: 'events_kind' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'unguardedConcurrently', line: 3, data: { op: 'addIndex', target: '`events` (`events_created_at`)', others: '; the same holds for 1 more concurrent build here' } }],
    },
    {
      name: 'raw DDL without IF [NOT] EXISTS: the first step stays applied when the concurrent build after it fails',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TYPE enum_orders_status ADD VALUE 'refunded'");
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)');
    await queryInterface.sequelize.query('CREATE TABLE order_notes (id serial PRIMARY KEY, body text)');
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', data: { op: 'alterType (SQL)', failure: 'enum label already exists' } }],
    },
    {
      name: 'renames and bulkInsert: one finding, naming the later steps that can fail',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('users', 'name', 'full_name');
    await queryInterface.renameTable('user_roles', 'memberships');
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }]);
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'notAtomic',
          line: 3,
          severity: 'warning',
          data: { op: 'renameColumn', failure: "Sequelize: table doesn't have the column", later: '`renameTable` on `user_roles` at line 4, `bulkInsert` on `roles` at line 5' },
        },
      ],
    },
    {
      name: 'constant rows that name no key column and whose foreign key points at the parent inserted just before cannot collide with production rows (a seed pack and its stickers: info); rows that name a unique column, or fill a key to a table not inserted into here, can (warning)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('packs', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: { type: Sequelize.STRING, allowNull: false } });
    await queryInterface.createTable('owners', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });
    await queryInterface.createTable('stickers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      packId: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'packs', key: 'id' } },
      ownerId: { type: Sequelize.INTEGER, references: { model: 'owners', key: 'id' } },
      code: { type: Sequelize.STRING, unique: true },
      name: { type: Sequelize.STRING, allowNull: false },
    });
  },
  async down() {},
};`,
        '20240201000000-seed-huskies.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('packs', [{ name: 'Huskies' }]);
    const packId = await queryInterface.rawSelect('packs', { where: { name: 'Huskies' } }, ['id']);
    await queryInterface.bulkInsert('stickers', [{ packId, name: 'Happy' }, { packId, name: 'Sad' }]);
  },
  async down() {},
};`,
        '20240301000000-seed-coded.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('packs', [{ name: 'Cats' }]);
    await queryInterface.bulkInsert('stickers', [{ packId: 2, code: 'cat-1', name: 'Cat' }]);
  },
  async down() {},
};`,
        '20240401000000-seed-owned.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('packs', [{ name: 'Dogs' }]);
    await queryInterface.bulkInsert('stickers', [{ packId: 3, ownerId: 1, name: 'Dog' }]);
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-seed-huskies.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-seed-coded.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240401000000-seed-owned.js' },
      ],
    },
    {
      name: 'a changeColumn restating the type of a column added a moment earlier, on a table no migration creates (sync()): it converts no value (info); making the just-added nullable column NOT NULL can fail (warning)',
      files: {
        '20240101000000-key.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Releases', 'historyKey', { type: Sequelize.INTEGER, allowNull: false, defaultValue: -1 });
    await queryInterface.changeColumn('Releases', 'historyKey', { type: Sequelize.INTEGER, allowNull: false });
  },
  async down() {},
};`,
        '20240201000000-rank.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Releases', 'rank', { type: Sequelize.INTEGER });
    await queryInterface.changeColumn('Releases', 'rank', { type: Sequelize.INTEGER, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240101000000-key.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240201000000-rank.js' },
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
      errors: [{ messageId: 'notAtomicMinor', line: 5, severity: 'info', data: { later: 'a later iteration of the same loop' } }],
    },
    {
      name: 'dropping a constraint without IF EXISTS before re-adding it (a new ON DELETE): the drop stays, but the re-add meets rows that satisfied it (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('backlinks', 'backlinks_documentId_fkey');
    await queryInterface.addConstraint('backlinks', { type: 'foreign key', fields: ['documentId'], name: 'backlinks_documentId_fkey', references: { table: 'documents', field: 'id' }, onDelete: 'cascade' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info', data: { op: 'removeConstraint', failure: 'constraint does not exist' } }],
    },
    {
      name: 'a constraint dropped and a different one added: the add checks the rows (warning)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('backlinks', 'backlinks_documentId_fkey');
    await queryInterface.addConstraint('backlinks', { type: 'unique', fields: ['documentId', 'reverseDocumentId'], name: 'backlinks_pair_key' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning' }],
    },
    {
      name: 'changeColumn restating the column type (a default, a foreign key re-added after its drop) cannot meet a value that does not convert (info)',
      files: {
        '20240101000000-create-permissions.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('permissions', { id: { type: Sequelize.UUID, primaryKey: true }, documentId: { type: Sequelize.UUID, references: { model: 'documents' } }, role: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20240201000000-cascade-permissions.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('permissions', 'sourceId', { type: Sequelize.UUID, allowNull: true });
    await queryInterface.removeConstraint('permissions', 'permissions_documentId_fkey');
    await queryInterface.changeColumn('permissions', 'documentId', { type: Sequelize.UUID, onDelete: 'cascade', references: { model: 'documents' } });
    await queryInterface.changeColumn('permissions', 'role', { type: Sequelize.STRING, defaultValue: 'member' });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info' }],
    },
    {
      name: 'changeColumn that only widens (a longer varchar, varchar to text) keeps every value as it is: no plausible failure (info); narrowing is one (warning)',
      files: {
        '20240101000000-create-avatars.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('avatars', { id: { type: Sequelize.UUID, primaryKey: true }, url: { type: Sequelize.STRING }, alt: { type: Sequelize.STRING(200) } });
  },
  async down() {},
};`,
        '20240201000000-longer-urls.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('avatars', 'sourceId', { type: Sequelize.UUID, allowNull: true });
    await queryInterface.changeColumn('avatars', 'url', { type: Sequelize.STRING(4096) });
    await queryInterface.changeColumn('avatars', 'alt', { type: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240301000000-shorter-urls.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('avatars', 'checkedAt', { type: Sequelize.DATE, allowNull: true });
    await queryInterface.changeColumn('avatars', 'url', { type: Sequelize.STRING(100) });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-longer-urls.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-shorter-urls.js' },
      ],
    },
    {
      name: 'a unique key over a column this migration just added without a default holds only NULLs there, never duplicates (info); with a default, every row is the same (warning)',
      files: {
        '20240101000000-create-shares.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('shares', { id: { type: Sequelize.UUID, primaryKey: true }, teamId: { type: Sequelize.UUID } });
  },
  async down() {},
};`,
        '20240201000000-share-slugs.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('shares', 'slug', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.addConstraint('shares', { fields: ['slug', 'teamId'], type: 'unique' });
  },
  async down() {},
};`,
        '20240301000000-share-codes.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('shares', 'code', { type: Sequelize.STRING, defaultValue: 'none' });
    await queryInterface.addIndex('shares', ['code'], { unique: true });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-share-slugs.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-share-codes.js' },
      ],
    },
    {
      name: 'changeColumn to another type, or to NOT NULL, can meet a row that fails (warning)',
      files: {
        '20240101000000-create-permissions.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('permissions', { id: { type: Sequelize.UUID, primaryKey: true }, role: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20240201000000-tighten-role.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('permissions', 'sourceId', { type: Sequelize.UUID, allowNull: true });
    await queryInterface.changeColumn('permissions', 'role', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning' }],
    },
    {
      name: 'renames are plausible failures even of columns the migrations created (the schema drifts, a busy table times out): warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', { id: { type: Sequelize.INTEGER, primaryKey: true }, serviceId: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20240201000000-rename.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('accounts', 'note', { type: Sequelize.TEXT });
    await queryInterface.renameColumn('accounts', 'serviceId', 'service');
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240201000000-rename.js', data: { later: '`renameColumn` on `accounts.serviceId` at line 4' } }],
    },
    {
      name: 'a unique key on (a) dropped, then one on (a, b): the rows satisfied the stronger key, the weaker one meets no duplicate (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('providers', 'providers_externalId_key');
    await queryInterface.addConstraint('providers', { type: 'unique', fields: ['externalId', 'teamId'], name: 'providers_externalId_teamId_uk' });
    await queryInterface.removeIndex('members', 'members_email_idx');
    await queryInterface.addIndex('members', ['teamId', 'email'], { unique: true, name: 'members_team_email' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomicMinor', line: 3, severity: 'info' }],
    },
    {
      name: 'removeIndex by fields of a unique index an earlier migration made, then a partial unique index on the same columns: the rows satisfied the whole key (info); after a plain index dropped, a warning',
      files: {
        '20240101000000-options.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('feature_options', ['feature_id', 'value'], { unique: true });
    await queryInterface.addIndex('feature_tags', ['feature_id', 'tag']);
  },
  async down() {},
};`,
        '20240201000000-split-options.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('feature_options', 'label', { type: Sequelize.STRING });
    await queryInterface.removeIndex('feature_options', ['feature_id', 'value']);
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX feature_options_feature_id_value ON feature_options (feature_id, value) WHERE label IS NULL');
  },
  async down() {},
};`,
        '20240301000000-unique-tags.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('feature_tags', 'note', { type: Sequelize.STRING });
    await queryInterface.removeIndex('feature_tags', ['feature_id', 'tag']);
    await queryInterface.addIndex('feature_tags', ['feature_id', 'tag'], { unique: true });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240101000000-options.js' },
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-split-options.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-unique-tags.js' },
      ],
    },
    {
      name: 'the one step after the transaction changes a table the transaction created: empty, it meets no row (info); on an older table, a warning',
      files: {
        '20240101000000-units.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('units', { id: { type: Sequelize.INTEGER, primaryKey: true }, kind: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20240601000000-catalogs.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable('catalogs', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: { type: Sequelize.STRING } }, { transaction });
      await queryInterface.addConstraint('catalogs', { type: 'UNIQUE', fields: ['name'], transaction });
      await queryInterface.createTable('catalog_items', { id: { type: Sequelize.INTEGER, primaryKey: true }, kind: { type: Sequelize.STRING } }, { transaction });
    });
    await queryInterface.changeColumn('catalog_items', 'kind', { type: Sequelize.ENUM('A', 'B'), allowNull: false });
  },
  down: async () => {},
};`,
        '20240701000000-units-kind.js': `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable('unit_notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: { type: Sequelize.TEXT } }, { transaction });
      await queryInterface.addConstraint('unit_notes', { type: 'UNIQUE', fields: ['body'], transaction });
    });
    await queryInterface.changeColumn('units', 'kind', { type: Sequelize.ENUM('A', 'B'), allowNull: false });
  },
  down: async () => {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 5, severity: 'info', file: '20240601000000-catalogs.js' },
        { messageId: 'notAtomic', line: 5, severity: 'warning', file: '20240701000000-units-kind.js' },
      ],
    },
    {
      name: 'on MySQL, the index a column declared unique got (named after the column) dropped by SQL, then a unique key that includes that column: the rows satisfied the stronger key (info); the same swap on PostgreSQL, or over other columns, stays a warning',
      project: MYSQL,
      files: {
        '20240101000000-stands.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('stands', { id: { type: Sequelize.INTEGER, primaryKey: true }, fairId: Sequelize.INTEGER, label: { type: Sequelize.STRING, unique: true } });
    await queryInterface.createTable('booths', { id: { type: Sequelize.INTEGER, primaryKey: true }, fairId: Sequelize.INTEGER, label: { type: Sequelize.STRING, unique: true }, code: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240201000000-stand-label-per-fair.js': `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query('ALTER TABLE \`stands\` DROP INDEX \`label\`;');
    await queryInterface.addIndex('stands', ['fairId', 'label'], { unique: true, name: 'stands_fair_label_unique' });
  },
};`,
        '20240301000000-booth-code-per-fair.js': `module.exports = {
  async up({ context: queryInterface }) {
    await queryInterface.sequelize.query('ALTER TABLE \`booths\` DROP INDEX \`label\`;');
    await queryInterface.addIndex('booths', ['fairId', 'code'], { unique: true, name: 'booths_fair_code_unique' });
  },
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-stand-label-per-fair.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-booth-code-per-fair.js' },
      ],
    },
    {
      name: 'on PostgreSQL a column declared unique gets the key `<table>_<column>_key`: an index dropped by the bare column name is no known unique key (warning)',
      files: {
        '20240101000000-stands.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('stands', { id: { type: Sequelize.INTEGER, primaryKey: true }, fairId: Sequelize.INTEGER, label: { type: Sequelize.STRING, unique: true } });
  },
  async down() {},
};`,
        '20240201000000-stand-label-per-fair.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX label;');
    await queryInterface.addIndex('stands', ['fairId', 'label'], { unique: true, name: 'stands_fair_label_unique' });
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240201000000-stand-label-per-fair.js' }],
    },
    {
      name: 'a unique key on other columns than the one dropped checks the rows (warning)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('providers', 'providers_externalId_key');
    await queryInterface.addConstraint('providers', { type: 'unique', fields: ['teamId', 'slug'], name: 'providers_team_slug_uk' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 3, severity: 'warning', data: { later: '`addConstraint` on `providers` (`providers_team_slug_uk`) at line 4' } }],
    },
    {
      name: 'a partial unique index over a flag this migration added with another default covers no existing row (info); with the default it covers them all (warning)',
      files: {
        '20240201000000-flag.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('import_rows', 'isUnique', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });
    await queryInterface.addIndex('import_rows', ['importId', 'sourceId'], { unique: true, where: { isUnique: true } });
  },
  async down() {},
};`,
        '20240301000000-flag.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('export_rows', 'isUnique', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });
    await queryInterface.addIndex('export_rows', ['exportId', 'sourceId'], { unique: true, where: { isUnique: true } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-flag.js' },
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240301000000-flag.js' },
      ],
    },
    {
      name: 'the same partial unique index written in SQL: its WHERE (`is_main = true`, a bare `is_main`, `NOT is_main`) read like a builder where',
      files: {
        '20240201000000-main-address.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('addresses', 'is_main', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX addresses_one_main ON addresses (owner_id) WHERE is_main = true');
  },
  async down() {},
};`,
        '20240202000000-main-phone.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('phones', 'is_main', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX phones_one_main ON phones (owner_id) WHERE is_main AND owner_id IS NOT NULL');
  },
  async down() {},
};`,
        '20240203000000-hidden-phone.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('phones', 'is_hidden', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });
    await queryInterface.sequelize.query('CREATE UNIQUE INDEX phones_one_visible ON phones (owner_id) WHERE NOT is_hidden');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240201000000-main-address.js' },
        { messageId: 'notAtomicMinor', line: 3, severity: 'info', file: '20240202000000-main-phone.js' },
        // NOT is_hidden selects every existing row (all false): duplicates of owner_id can break it.
        { messageId: 'notAtomic', line: 3, severity: 'warning', file: '20240203000000-hidden-phone.js' },
      ],
    },
    {
      name: 'two transactions one after the other: the first commits, a failure in the second leaves it applied',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query('ALTER TYPE enum_items_rarity RENAME TO enum_items_rarity_old', { transaction });
    });
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.sequelize.query("CREATE TYPE enum_items_rarity AS ENUM ('common', 'rare')", { transaction });
      await queryInterface.sequelize.query('ALTER TABLE items ALTER COLUMN rarity TYPE enum_items_rarity USING rarity::text::enum_items_rarity', { transaction });
    });
  },
  async down() {},
};`,
      errors: [{ messageId: 'notAtomic', line: 4, severity: 'warning' }],
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
      errors: [{ messageId: 'notAtomicMinor', line: 4, severity: 'info', data: { op: 'removeColumn', failure: 'column does not exist' } }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a catalog check of another constraint of the same table guards a removeConstraint',
      why: 'a catalog query is matched to a step by any name it mentions: the table name passed to the helper is enough',
      files: existenceTestMigration({
        helpers: constraintExists('table_constraints WHERE table_name = :table AND constraint_name = :name'),
        test: `if (await constraintExists(queryInterface, 'plans', 'plans_owner_fk')) {
      await queryInterface.removeConstraint('plans', 'plans_team_fk');
    }`,
      }),
    },
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
