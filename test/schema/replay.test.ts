import { beforeAll, describe, expect, it } from 'vitest';
import type { Migration } from '../../src/model';
import { columnGoneBefore, projectReplay, tableKey, type ReplayedSchema, type ReplayedTable } from '../../src/schema/replay';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { projectFromSources } from '../helpers/rules';

beforeAll(async () => {
  await loadSqlParser();
});

/** One migration per `up` body, named 001.js, 002.js, ... in that order. */
function replay(...ups: string[]): ReplayedSchema {
  const files = Object.fromEntries(ups.map((body, i) => [`${String(i + 1).padStart(3, '0')}.js`, `module.exports = {\n  async up(queryInterface, Sequelize) {\n${body}\n  },\n  async down() {},\n};\n`]));
  return projectReplay(projectFromSources(files).migrations).schema;
}

function table(schema: ReplayedSchema, name: string, schemaName = 'public'): ReplayedTable {
  const t = schema.tables.get(tableKey(schemaName, name));
  if (!t) throw new Error(`no table ${schemaName}.${name}; tables: ${[...schema.tables.keys()].join(', ')}`);
  return t;
}

/** `name:type` per column, `!` for NOT NULL, `?` for conditional. */
const cols = (t: ReplayedTable) => [...t.columns.values()].map((c) => `${c.name}:${c.type ?? '?'}${c.allowNull === false ? '!' : ''}${c.conditional ? '?' : ''}`);

const CREATE_USERS = `    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING(120), allowNull: false },
      displayName: { type: Sequelize.STRING, field: 'display_name' },
      createdAt: Sequelize.DATE,
    });`;

describe('createTable', () => {
  it('builder: columns by field name, types, nullability, origin', () => {
    const s = replay(CREATE_USERS);
    const users = table(s, 'users');
    expect(cols(users)).toEqual(['id:INTEGER!', 'email:STRING(120)!', 'display_name:STRING', 'createdAt:DATE']);
    expect(users).toMatchObject({ columnsKnown: true, uncertain: false, implicit: false, conditional: false, createdBy: { file: 'migrations/001.js', migration: '001.js', line: 3, column: 11 } });
    expect(users.columns.get('email')!.createdBy).toEqual(users.createdBy);
  });

  it('schema-qualified: { tableName, schema } and the schema option', () => {
    const s = replay(`    await queryInterface.createTable({ tableName: 'events', schema: 'audit' }, { id: Sequelize.INTEGER });
    await queryInterface.createTable('logs', { id: Sequelize.INTEGER }, { schema: 'audit' });`);
    expect([...s.tables.keys()]).toEqual(['audit.events', 'audit.logs']);
  });

  it('raw SQL: the column list (names only), quoted names keep their case', () => {
    const s = replay(`    await queryInterface.sequelize.query('CREATE TABLE IF NOT EXISTS "Sessions" (id serial PRIMARY KEY, "userId" int NOT NULL, Token text)');`);
    expect(cols(table(s, 'Sessions'))).toEqual(['id:?', 'userId:?', 'token:?']);
  });

  it('raw SQL that copies columns (LIKE) or selects them (AS): uncertain', () => {
    const s = replay(`    await queryInterface.sequelize.query('CREATE TABLE a (LIKE b INCLUDING ALL)');
    await queryInterface.sequelize.query('CREATE TABLE c AS SELECT 1 AS x');`);
    expect(table(s, 'a')).toMatchObject({ columnsKnown: false, uncertain: true });
    expect(table(s, 'c')).toMatchObject({ columnsKnown: false, uncertain: true });
  });

  it('attributes that are not static: the table exists, its columns are unknown', () => {
    const s = replay(`    const attrs = require('../lib/attrs');
    await queryInterface.createTable('things', attrs);`);
    expect(table(s, 'things')).toMatchObject({ columnsKnown: false, uncertain: true });
  });

  it('CREATE TABLE IF NOT EXISTS semantics: the first definition wins', () => {
    const s = replay(CREATE_USERS, `    await queryInterface.createTable('users', { id: Sequelize.INTEGER, nickname: Sequelize.STRING });`);
    expect(cols(table(s, 'users'))).toEqual(['id:INTEGER!', 'email:STRING(120)!', 'display_name:STRING', 'createdAt:DATE']);
  });

  it('conditional: created under an if, still counted, marked', () => {
    const s = replay(`    if (process.env.FEATURE) await queryInterface.createTable('flags', { id: Sequelize.INTEGER });`);
    expect(table(s, 'flags').conditional).toBe(true);
    expect(cols(table(s, 'flags'))).toEqual(['id:INTEGER?']);
  });
});

describe('addColumn', () => {
  it('builder and SQL, with type and nullability; conditional columns are marked', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'age', Sequelize.INTEGER);
    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN IF NOT EXISTS locale varchar(5) NOT NULL DEFAULT \\'en\\'');
    const d = await queryInterface.describeTable('users');
    if (!d.phone) await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(20), allowNull: false, defaultValue: '' });`,
    );
    const users = table(s, 'users');
    expect(cols(users).slice(4)).toEqual(['bio:TEXT', 'age:INTEGER', 'locale:varchar(5)!', 'phone:STRING(20)!?']);
    expect(users.columns.get('bio')!.createdBy).toMatchObject({ file: 'migrations/002.js', line: 3 });
  });

  it('to a table no migration creates: an implicit, uncertain table', () => {
    const s = replay(`    await queryInterface.addColumn('legacy_orders', 'note', Sequelize.TEXT);`);
    expect(table(s, 'legacy_orders')).toMatchObject({ implicit: true, uncertain: true, columnsKnown: false, createdBy: null });
    expect(cols(table(s, 'legacy_orders'))).toEqual(['note:TEXT']);
  });

  it('a column name that is not static makes the table uncertain', () => {
    const s = replay(CREATE_USERS, `    for (const c of require('../columns')) await queryInterface.addColumn('users', c, Sequelize.STRING);`);
    expect(table(s, 'users').uncertain).toBe(true);
  });
});

describe('removeColumn, renameColumn, changeColumn', () => {
  it('removeColumn (builder and SQL) drops the column and remembers who dropped it', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.removeColumn('users', 'display_name');
    await queryInterface.sequelize.query('ALTER TABLE "users" DROP COLUMN "createdAt"');`,
    );
    const users = table(s, 'users');
    expect(cols(users)).toEqual(['id:INTEGER!', 'email:STRING(120)!']);
    expect(users.removedColumns.get('display_name')).toEqual({ by: { file: 'migrations/002.js', migration: '002.js', line: 3, column: 11 }, how: 'dropped', uncertaintyThen: 0 });
    expect(users.removedColumns.get('createdAt')!.by.line).toBe(4);
  });

  it('renameColumn (builder and SQL) moves the column and keeps its history', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.renameColumn('users', 'display_name', 'full_name');
    await queryInterface.sequelize.query('ALTER TABLE users RENAME COLUMN email TO email_address');`,
    );
    const users = table(s, 'users');
    expect(cols(users)).toEqual(['id:INTEGER!', 'createdAt:DATE', 'full_name:STRING', 'email_address:STRING(120)!']);
    expect(users.columns.get('full_name')).toMatchObject({ previousNames: ['display_name'], createdBy: { file: 'migrations/001.js' } });
    expect(users.removedColumns.get('display_name')).toMatchObject({ how: 'renamed', newName: 'full_name' });
  });

  it('changeColumn: the builder drops NOT NULL unless restated; SQL changes type and nullability', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(255) });
    await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT, allowNull: false });
    await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN display_name TYPE text, ALTER COLUMN display_name SET NOT NULL');`,
    );
    const users = table(s, 'users');
    expect(cols(users)).toEqual(['id:BIGINT!', 'email:STRING(255)', 'display_name:text!', 'createdAt:DATE']);
    expect(users.columns.get('email')!.changedBy.map((o) => o.line)).toEqual([3]);
  });

  it('operations on a column that does not exist are anomalies, not columns', () => {
    const s = replay(CREATE_USERS, `    await queryInterface.changeColumn('users', 'ghost', Sequelize.TEXT);
    await queryInterface.removeColumn('users', 'ghost');`);
    expect(cols(table(s, 'users'))).toHaveLength(4);
    expect(s.anomalies.map((a) => a.reason)).toEqual(['changeColumn: `users.ghost` does not exist at this point', 'removeColumn: `users.ghost` does not exist at this point']);
  });
});

describe('renameTable and dropTable', () => {
  it('renameTable (builder) moves the table with its columns', () => {
    const s = replay(CREATE_USERS, `    await queryInterface.renameTable('users', 'accounts');`);
    expect(s.tables.has('public.users')).toBe(false);
    expect(table(s, 'accounts')).toMatchObject({ previousNames: ['users'], createdBy: { file: 'migrations/001.js' } });
    expect(cols(table(s, 'accounts'))).toHaveLength(4);
    expect(s.removedTables.get('public.users')).toMatchObject({ how: 'renamed', newName: 'accounts', by: { migration: '002.js' } });
  });

  it('renameTable (SQL) keeps the schema', () => {
    const s = replay(`    await queryInterface.createTable({ tableName: 'events', schema: 'audit' }, { id: Sequelize.INTEGER });
    await queryInterface.sequelize.query('ALTER TABLE audit.events RENAME TO audit_events');`);
    expect([...s.tables.keys()]).toEqual(['audit.audit_events']);
  });

  it('dropTable (builder and SQL) removes tables; a later createTable brings a fresh one', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.createTable('tmp', { id: Sequelize.INTEGER });
    await queryInterface.dropTable('users');
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS tmp');`,
      `    await queryInterface.createTable('users', { id: Sequelize.INTEGER });`,
    );
    expect([...s.tables.keys()]).toEqual(['public.users']);
    expect(cols(table(s, 'users'))).toEqual(['id:INTEGER']);
    expect(s.removedTables.get('public.tmp')).toMatchObject({ how: 'dropped', by: { line: 5 } });
    expect(s.removedTables.has('public.users')).toBe(false);
  });

  it('dropAllTables empties the schema', () => {
    const s = replay(CREATE_USERS, `    await queryInterface.dropAllTables();`);
    expect(s.tables.size).toBe(0);
  });

  it('views are tables with unknown columns', () => {
    const s = replay(`    await queryInterface.sequelize.query('CREATE VIEW active_users AS SELECT 1 AS id');`);
    expect(table(s, 'active_users')).toMatchObject({ kind: 'view', uncertain: true, columnsKnown: false });
  });
});

describe('what the replay cannot follow', () => {
  it('an unfollowed helper makes every existing table uncertain and the schema opaque; later tables are certain', () => {
    const s = replay(
      CREATE_USERS,
      `    const { addAuditColumns } = require('@acme/migration-kit');
    await addAuditColumns(queryInterface);`,
      `    await queryInterface.createTable('posts', { id: Sequelize.INTEGER });`,
    );
    expect(table(s, 'users')).toMatchObject({ uncertain: true });
    expect(table(s, 'users').uncertainty[0]!.origin).toMatchObject({ migration: '002.js', line: 4 });
    expect(table(s, 'posts').uncertain).toBe(false);
    expect(s.opaque).toHaveLength(1);
  });

  it('a table name that is not static, SQL that is not static, a DO block: opaque', () => {
    const s = replay(`    await queryInterface.addColumn(process.env.TABLE, 'x', Sequelize.STRING);`, `    await queryInterface.sequelize.query(buildSql());`, `    await queryInterface.sequelize.query('DO $$ BEGIN EXECUTE format(\\'ALTER TABLE %I ADD x int\\', \\'t\\'); END $$');`);
    expect(s.opaque.map((o) => o.origin.migration)).toEqual(['001.js', '002.js', '003.js']);
    expect(s.opaque[2]!.reason).toMatch(/DO block/);
  });

  it('a DO block that only adds an enum value (or creates a type) under a guard changes no table: nothing is opaque, and a column it never added stays absent', () => {
    const s = replay(
      CREATE_USERS,
      `    await queryInterface.sequelize.query(\`DO $$ BEGIN ALTER TYPE "enum_users_role" ADD VALUE IF NOT EXISTS 'owner'; EXCEPTION WHEN duplicate_object THEN null; END $$;\`);`,
      `    await queryInterface.sequelize.query("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN CREATE TYPE mood AS ENUM ('ok'); END IF; END $$");`,
    );
    expect(s.opaque).toEqual([]);
    expect(table(s, 'users').uncertain).toBe(false);
    expect(table(s, 'users').columns.has('source')).toBe(false);
  });

  it('harmless SQL (comments, indexes, data) changes nothing', () => {
    const s = replay(CREATE_USERS, `    await queryInterface.sequelize.query("COMMENT ON TABLE users IS 'people'");
    await queryInterface.addIndex('users', ['email']);
    await queryInterface.bulkInsert('users', [{ email: 'a@b.c' }]);`);
    expect(s.opaque).toEqual([]);
    expect(table(s, 'users').uncertain).toBe(false);
  });

  it('a migration that does not parse is opaque', () => {
    const ok = projectFromSources({ '001.js': `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down() {} };` }).migrations[0]!;
    const broken: Migration = { ...ok, file: 'migrations/002.js', name: '002.js', index: 1, status: 'parse-error', up: [], error: { message: 'Unexpected token', line: 3, column: 7 } };
    const s = projectReplay([broken, ok]).schema;
    expect(s.opaque).toEqual([{ origin: { file: 'migrations/002.js', migration: '002.js', line: 3, column: 7 }, reason: '002.js could not be analyzed (Unexpected token)' }]);
    // Run order comes from `index`, not from the array order.
    expect(table(s, 'users').uncertain).toBe(true);
  });

  it('down is never replayed', () => {
    const project = projectFromSources({ '001.js': `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down(qi) { await qi.dropTable('users'); } };` });
    expect(projectReplay(project.migrations).schema.tables.has('public.users')).toBe(true);
  });
});

describe('projectReplay', () => {
  const sources = {
    '001.js': `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down() {} };`,
    '002.js': `module.exports = { async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'email', { type: Sequelize.TEXT });
    await queryInterface.createTable('posts', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.addColumn('posts', 'title', Sequelize.STRING);
  }, async down() {} };`,
  };

  it('replays a list of migrations once: every rule and the report get the same replay', () => {
    const { migrations } = projectFromSources(sources);
    const first = projectReplay(migrations);
    expect(projectReplay(migrations)).toBe(first);
    // The same migrations in another list (the rules' filtered project) are replayed for that list.
    expect(projectReplay([...migrations])).not.toBe(first);
    expect(projectReplay([...migrations]).steps.map((s) => s.op)).toEqual(first.steps.map((s) => s.op));
  });

  it('a list changed since its replay is replayed again', () => {
    const { migrations } = projectFromSources(sources);
    const all = [...migrations];
    const list = all.slice(0, 1);
    const first = projectReplay(list);
    expect(first.schema.tables.has('public.posts')).toBe(false);
    list.push(all[1]!);
    const again = projectReplay(list);
    expect(again).not.toBe(first);
    expect(again.schema.tables.has('public.posts')).toBe(true);
  });

  it('each step keeps the table it met, whatever later steps do to it', () => {
    const { migrations } = projectFromSources(sources);
    const replay = projectReplay(migrations);
    const change = replay.stepsOf(migrations[1]!)[0]!;
    expect(change.op.op).toBe('changeColumn');
    // Before the change: the column as 001 created it; after: as 002 changed it.
    expect(change.table!.columns.get('email')).toMatchObject({ type: 'STRING(120)', allowNull: false, changedBy: [] });
    expect(table(replay.schema, 'users').columns.get('email')).toMatchObject({ type: 'TEXT', allowNull: true });
    const [, create, add] = replay.stepsOf(migrations[1]!);
    expect(create).toMatchObject({ table: undefined, tableIsNew: false });
    // Any column of a table this migration created is new too, added yet or not.
    expect(add).toMatchObject({ tableIsNew: true, columnIsNew: true });
    expect(add!.table!.columns.has('title')).toBe(false);
    expect(replay.steps.map((s) => s.op.op)).toEqual([...migrations[0]!.up, ...migrations[1]!.up].map((o) => o.op));
  });
  it('a kept table keeps its uncertainty, its names and its removed columns as they were', () => {
    const { migrations } = projectFromSources({
      '001.js': `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down() {} };`,
      '002.js': `module.exports = { async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);
    await queryInterface.removeColumn('users', 'createdAt');
    await queryInterface.sequelize.query(buildSql());
    await queryInterface.renameTable('users', 'people');
  }, async down() {} };`,
    });
    const replay = projectReplay(migrations);
    const [add, remove, opaque, rename] = replay.stepsOf(migrations[1]!);
    expect(add!.table).toMatchObject({ uncertain: false, uncertainty: [], previousNames: [] });
    expect([...add!.table!.removedColumns.keys()]).toEqual([]);
    expect([...add!.table!.columns.keys()]).toEqual(['id', 'email', 'display_name', 'createdAt']);
    expect([...remove!.table!.columns.keys()]).toEqual(['id', 'email', 'display_name', 'createdAt', 'bio']);
    expect(opaque!.table).toBeUndefined();
    expect(rename!.table).toMatchObject({ name: 'users', uncertain: true, previousNames: [] });
    expect(rename!.table!.uncertainty).toHaveLength(1);
    expect([...rename!.table!.removedColumns.keys()]).toEqual(['createdAt']);
    expect(table(replay.schema, 'people')).toMatchObject({ name: 'people', previousNames: ['users'] });
  });
});

describe('a table in another schema', () => {
  // Measured (test/semantics/sequelize-semantics.test.ts 'a table in another schema'): createTable's `schema` option,
  // the `{ schema, tableName }` object and SQL `schema.table` reach one table; other methods ignore a `schema` option.
  it('createTable(t, attrs, { schema }), { schema, tableName } and SQL schema.t are one table', () => {
    const s = replay(
      `    await queryInterface.createTable('contacts', { id: { type: Sequelize.INTEGER, primaryKey: true } }, { schema: 'crm' });`,
      `    await queryInterface.addColumn({ schema: 'crm', tableName: 'contacts' }, 'phone', Sequelize.STRING);
    await queryInterface.sequelize.query('ALTER TABLE crm.contacts ADD COLUMN fax text');`,
    );
    expect(cols(table(s, 'contacts', 'crm'))).toEqual(['id:INTEGER!', 'phone:STRING', 'fax:text']);
    expect(s.tables.has('public.contacts')).toBe(false);
  });

  it('a schema option on any other method is ignored: dropTable(t, { schema }) leaves s.t in place', () => {
    const s = replay(
      `    await queryInterface.createTable('contacts', { id: Sequelize.INTEGER }, { schema: 'crm' });`,
      `    await queryInterface.dropTable('contacts', { schema: 'crm' });`,
    );
    expect(cols(table(s, 'contacts', 'crm'))).toEqual(['id:INTEGER']);
  });

  it('a dotted string is one name, not a schema (measured)', () => {
    const s = replay(`    await queryInterface.createTable('crm.contacts', { id: Sequelize.INTEGER });`);
    expect(table(s, 'crm.contacts')).toBeDefined();
    expect(s.tables.has('crm.contacts')).toBe(false);
  });
});

describe('columnGoneBefore: a down step removes a column this migration already removed', () => {
  const USERS = `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down() {} };`;
  const cases: { name: string; before?: string; up: string; down: string; gone: { line: number; how: string } | null }[] = [
    { name: 'up drops the column, down drops it again', up: `await queryInterface.removeColumn('users', 'email');`, down: `await queryInterface.removeColumn('users', 'email');`, gone: { line: 3, how: 'dropped' } },
    { name: 'up drops it under an if: the rollback undoes an up that ran', up: `if (process.env.X) await queryInterface.removeColumn('users', 'email');`, down: `await queryInterface.removeColumn('users', 'email');`, gone: { line: 3, how: 'dropped' } },
    { name: 'up renames it away', up: `await queryInterface.renameColumn('users', 'email', 'mail');`, down: `await queryInterface.removeColumn('users', 'email');`, gone: { line: 3, how: 'renamed' } },
    { name: 'SQL in up, builder in down', up: `await queryInterface.sequelize.query('ALTER TABLE users DROP COLUMN email');`, down: `await queryInterface.removeColumn('users', 'email');`, gone: { line: 3, how: 'dropped' } },
    { name: 'the down adds it back first', up: `await queryInterface.removeColumn('users', 'email');`, down: `await queryInterface.addColumn('users', 'email', Sequelize.STRING);\n    await queryInterface.removeColumn('users', 'email');`, gone: null },
    { name: 'the down renames another column to it first', up: `await queryInterface.removeColumn('users', 'email');`, down: `await queryInterface.renameColumn('users', 'display_name', 'email');\n    await queryInterface.removeColumn('users', 'email');`, gone: null },
    { name: 'SQL the replay cannot read runs between', up: `await queryInterface.removeColumn('users', 'email');`, down: `await queryInterface.sequelize.query(\`DO $$ BEGIN PERFORM 1; END $$\`);\n    await queryInterface.removeColumn('users', 'email');`, gone: null },
    { name: 'an earlier migration dropped it, not this one', before: `await queryInterface.removeColumn('users', 'display_name');`, up: `await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);`, down: `await queryInterface.removeColumn('users', 'display_name');`, gone: null },
    { name: 'up adds it (a reversal)', up: `await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);`, down: `await queryInterface.removeColumn('users', 'bio');`, gone: null },
  ];
  it.each(cases)('$name', ({ before, up, down, gone }) => {
    const files: Record<string, string> = {
      '001.js': before ? USERS.replace('}, async down', `  ${before}\n}, async down`) : USERS,
      '002.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n    ${up}\n  },\n  async down(queryInterface, Sequelize) {\n    ${down}\n  },\n};\n`,
    };
    const { migrations } = projectFromSources(files);
    const steps = projectReplay(migrations).downStepsOf(migrations[1]!);
    const removal = columnGoneBefore(steps[steps.length - 1]!);
    if (gone === null) expect(removal).toBeNull();
    else expect(removal).toMatchObject({ by: { file: 'migrations/002.js', line: gone.line }, how: gone.how });
  });
});

describe('projectReplay: down steps', () => {
  it('each down step meets its table as the migration\'s up left it and the down\'s earlier steps changed it, and knows what the down created before it', () => {
    const { migrations } = projectFromSources({
      '001.js': `module.exports = { async up(queryInterface, Sequelize) {\n${CREATE_USERS}\n}, async down(queryInterface) { await queryInterface.dropTable('users'); } };`,
      '002.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.createTable('users_backup', { id: Sequelize.INTEGER });
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users_backup', 'id');
  },
};`,
      '003.js': `module.exports = { async up(queryInterface) { await queryInterface.removeColumn('users', 'email'); }, async down() {} };`,
    });
    const replay = projectReplay(migrations);
    const [create, removeBio, removeBackup] = replay.downStepsOf(migrations[1]!);
    expect(create).toMatchObject({ table: undefined, tableIsNew: false });
    // After 002's up: bio is there, and email too (003 drops it later).
    expect([...removeBio!.table!.columns.keys()]).toEqual(['id', 'email', 'display_name', 'createdAt', 'bio']);
    expect(removeBio).toMatchObject({ tableIsNew: false, columnIsNew: false });
    // The down's own earlier steps are replayed: users_backup is new to the down, and in the schema it meets.
    expect(removeBackup).toMatchObject({ tableIsNew: true, columnIsNew: true });
    expect([...removeBackup!.table!.columns.keys()]).toEqual(['id']);
    expect(replay.downStepsOf(migrations[0]!)[0]!.table!.columns.has('bio')).toBe(false);
    expect(replay.downStepsOf(migrations[2]!)).toEqual([]);
    // ... on their own: the project's schema goes on from 002's up (bio stays, no users_backup).
    expect(table(replay.schema, 'users').columns.has('email')).toBe(false);
    expect(table(replay.schema, 'users').columns.has('bio')).toBe(true);
    expect(replay.schema.tables.has('public.users_backup')).toBe(false);
  });
});

describe('lms-backend', () => {
  it('replays every migration: 24 tables, the README facts', async () => {
    const { analyzeProject } = await import('../../src/project');
    const { REPO } = await import('../helpers/extract');
    const { project } = await analyzeProject(`${REPO}/fixtures/lms-backend`);
    const s = projectReplay(project.migrations).schema;
    expect(s.tables.size).toBe(24);
    expect(s.opaque).toEqual([]);
    expect(s.anomalies).toEqual([]);
    // 010 widens the title without restating allowNull: false.
    expect(table(s, 'course_chapters').columns.get('title')).toMatchObject({ type: 'STRING(500)', allowNull: true });
    // 030 turns tags into varchar(255)[] (guarded by an information_schema check: conditional op, existing column).
    expect(table(s, 'courses').columns.get('tags')!.type).toBe('varchar(255)[]');
    expect(table(s, 'chat_messages').columns.has('deleted_at')).toBe(true);
    expect(table(s, 'users').columns.has('linkedin_url')).toBe(false);
  });
});
