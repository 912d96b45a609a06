import { describe, it, expect, beforeAll, vi } from 'vitest';
import { analyzeSql, HOLE_PREFIX, isHole } from '../../src/sql/analyze-sql';
import type { SqlOperation } from '../../src/sql/sql-operation';
import { loadSqlParser } from '../../src/sql/pg-parser';

/** What a row checks: everything but the statement text and offset (checked separately). */
type Expected = Pick<SqlOperation, 'op' | 'target' | 'guard' | 'options'> &
  Partial<Pick<SqlOperation, 'fields' | 'unresolved'>>;

function shape(ops: SqlOperation[]): Expected[] {
  return ops.map(({ op, target, guard, options, fields, unresolved }) => {
    const out: Expected = { op, target, guard, options };
    if (fields !== undefined) out.fields = fields;
    if (unresolved !== undefined) out.unresolved = unresolved;
    return out;
  });
}

const t = (table: string | null, extra: Record<string, unknown> = {}) => ({ table, column: null, ...extra });
const named = (name: string | null, extra: Record<string, unknown> = {}) => ({ table: null, column: null, name, ...extra });
const G = 'sql-if-exists' as const;

/** [description, sql, expected operations] */
const ROWS: [string, string, Expected[]][] = [
  // ---- tables
  [
    'CREATE TABLE',
    'CREATE TABLE users (id serial PRIMARY KEY, "Name" text NOT NULL, CONSTRAINT u UNIQUE ("Name"))',
    [{ op: 'createTable', target: t('users'), guard: null, options: { columns: ['id', 'Name'], sequenceColumns: ['id'] } }],
  ],
  [
    'CREATE TABLE IF NOT EXISTS, schema-qualified',
    'CREATE TABLE IF NOT EXISTS app.users (id int)',
    [{ op: 'createTable', target: t('users', { schema: 'app' }), guard: G, options: { columns: ['id'] } }],
  ],
  [
    'CREATE TABLE AS',
    'CREATE TABLE backup AS SELECT * FROM users',
    [{ op: 'createTable', target: t('backup'), guard: null, options: { asSelect: true, copiedFrom: ['users'], copiedAll: true } }],
  ],
  [
    'CREATE TABLE AS of some rows, of several tables',
    "CREATE TABLE active AS SELECT * FROM users WHERE active; CREATE TABLE pairs AS SELECT u.id, o.id AS order_id FROM users u JOIN orders o ON o.user_id = u.id",
    [
      { op: 'createTable', target: t('active'), guard: null, options: { asSelect: true, copiedFrom: ['users'], copiedAll: false } },
      { op: 'createTable', target: t('pairs'), guard: null, options: { asSelect: true, copiedFrom: ['orders', 'users'], copiedAll: false } },
    ],
  ],
  [
    'SELECT INTO creates a table',
    'SELECT * INTO backup FROM users',
    [{ op: 'createTable', target: t('backup'), guard: null, options: { asSelect: true } }],
  ],
  [
    'DROP TABLE a, b: one operation per table',
    'DROP TABLE a, s.b',
    [
      { op: 'dropTable', target: t('a'), guard: null, options: { cascade: false } },
      { op: 'dropTable', target: t('b', { schema: 's' }), guard: null, options: { cascade: false } },
    ],
  ],
  [
    'DROP TABLE IF EXISTS ... CASCADE',
    'DROP TABLE IF EXISTS users CASCADE',
    [{ op: 'dropTable', target: t('users'), guard: G, options: { cascade: true } }],
  ],
  [
    'ALTER TABLE RENAME TO',
    'ALTER TABLE old_users RENAME TO users',
    [{ op: 'renameTable', target: t('old_users', { newName: 'users' }), guard: null, options: {} }],
  ],
  [
    'ALTER TABLE IF EXISTS RENAME TO (a rerun is a no-op)',
    'ALTER TABLE IF EXISTS old_users RENAME TO users',
    [{ op: 'renameTable', target: t('old_users', { newName: 'users' }), guard: G, options: {} }],
  ],
  [
    'ALTER TABLE RENAME COLUMN',
    'ALTER TABLE users RENAME COLUMN "firstName" TO first_name',
    [
      {
        op: 'renameColumn',
        target: { table: 'users', column: 'firstName', newName: 'first_name' },
        guard: null,
        options: {},
      },
    ],
  ],
  // ---- columns
  [
    'ADD COLUMN, nullable',
    'ALTER TABLE users ADD COLUMN bio text',
    [
      {
        op: 'addColumn',
        target: { table: 'users', column: 'bio' },
        guard: null,
        options: { type: 'text', notNull: false, default: false },
      },
    ],
  ],
  [
    'ADD COLUMN IF NOT EXISTS ... NOT NULL DEFAULT',
    "ALTER TABLE users ADD COLUMN IF NOT EXISTS tags varchar(255)[] NOT NULL DEFAULT '{}'",
    [
      {
        op: 'addColumn',
        target: { table: 'users', column: 'tags' },
        guard: G,
        options: { type: 'varchar(255)[]', notNull: true, default: true },
      },
    ],
  ],
  [
    'ADD COLUMN NOT NULL without default',
    'ALTER TABLE users ADD age integer NOT NULL',
    [
      {
        op: 'addColumn',
        target: { table: 'users', column: 'age' },
        guard: null,
        options: { type: 'integer', notNull: true, default: false },
      },
    ],
  ],
  [
    'ADD COLUMN NOT NULL DEFAULT NULL is no default',
    'ALTER TABLE users ADD age integer NOT NULL DEFAULT NULL',
    [
      {
        op: 'addColumn',
        target: { table: 'users', column: 'age' },
        guard: null,
        options: { type: 'integer', notNull: true, default: false },
      },
    ],
  ],
  [
    'ADD COLUMN serial PRIMARY KEY: values come from the sequence',
    'ALTER TABLE users ADD COLUMN id bigserial PRIMARY KEY',
    [
      {
        op: 'addColumn',
        target: { table: 'users', column: 'id' },
        guard: null,
        options: { type: 'bigserial', notNull: true, default: true, primaryKey: true, sequence: true },
      },
    ],
  ],
  [
    'ADD COLUMN with REFERENCES, UNIQUE, CHECK',
    'ALTER TABLE posts ADD COLUMN author_id int UNIQUE CHECK (author_id > 0) REFERENCES app.users (id) ON DELETE CASCADE',
    [
      {
        op: 'addColumn',
        target: { table: 'posts', column: 'author_id' },
        guard: null,
        options: {
          type: 'integer',
          notNull: false,
          default: false,
          unique: true,
          check: true,
          references: { table: 'users', fields: ['id'], schema: 'app' },
        },
      },
    ],
  ],
  [
    'ADD COLUMN identity and generated',
    'ALTER TABLE t ADD a int GENERATED ALWAYS AS IDENTITY, ADD b int GENERATED ALWAYS AS (1) STORED',
    [
      {
        op: 'addColumn',
        target: { table: 't', column: 'a' },
        guard: null,
        options: { type: 'integer', notNull: false, default: true, identity: true, sequence: true },
      },
      {
        op: 'addColumn',
        target: { table: 't', column: 'b' },
        guard: null,
        options: { type: 'integer', notNull: false, default: true, generated: true },
      },
    ],
  ],
  [
    'DROP COLUMN',
    'ALTER TABLE users DROP COLUMN bio',
    [{ op: 'removeColumn', target: { table: 'users', column: 'bio' }, guard: null, options: { cascade: false } }],
  ],
  [
    'DROP COLUMN IF EXISTS CASCADE',
    'ALTER TABLE users DROP COLUMN IF EXISTS bio CASCADE',
    [{ op: 'removeColumn', target: { table: 'users', column: 'bio' }, guard: G, options: { cascade: true } }],
  ],
  [
    'ALTER COLUMN TYPE',
    'ALTER TABLE users ALTER COLUMN age TYPE bigint',
    [{ op: 'changeColumn', target: { table: 'users', column: 'age' }, guard: null, options: { type: 'bigint', using: false } }],
  ],
  [
    'ALTER COLUMN SET DATA TYPE ... USING',
    'ALTER TABLE users ALTER age SET DATA TYPE numeric(10,2) USING age::numeric',
    [
      {
        op: 'changeColumn',
        target: { table: 'users', column: 'age' },
        guard: null,
        options: { type: 'numeric(10,2)', using: true },
      },
    ],
  ],
  [
    'ALTER COLUMN SET / DROP NOT NULL, SET / DROP DEFAULT',
    'ALTER TABLE users ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c SET DEFAULT 0, ALTER COLUMN d DROP DEFAULT',
    [
      { op: 'changeColumn', target: { table: 'users', column: 'a' }, guard: null, options: { setNotNull: true } },
      { op: 'changeColumn', target: { table: 'users', column: 'b' }, guard: null, options: { dropNotNull: true } },
      { op: 'changeColumn', target: { table: 'users', column: 'c' }, guard: null, options: { setDefault: true } },
      { op: 'changeColumn', target: { table: 'users', column: 'd' }, guard: null, options: { dropDefault: true } },
    ],
  ],
  // ---- constraints
  [
    'ADD CONSTRAINT UNIQUE',
    'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)',
    [
      {
        op: 'addConstraint',
        target: t('users', { name: 'users_email_key' }),
        guard: null,
        options: { constraintType: 'unique', notValid: false, fields: ['email'] },
      },
    ],
  ],
  [
    'ADD CONSTRAINT FOREIGN KEY NOT VALID',
    'ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID',
    [
      {
        op: 'addConstraint',
        target: t('posts', { name: 'posts_user_fk' }),
        guard: null,
        options: {
          constraintType: 'foreign key',
          notValid: true,
          fields: ['user_id'],
          references: { table: 'users', fields: ['id'] },
        },
      },
    ],
  ],
  [
    'ADD CONSTRAINT CHECK (col IS NOT NULL): the column it proves NOT NULL',
    'ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID',
    [{ op: 'addConstraint', target: t('t', { name: 't_a_nn' }), guard: null, options: { constraintType: 'check', notValid: true, checksNotNull: 'a' } }],
  ],
  [
    'ADD CONSTRAINT CHECK, PRIMARY KEY, unnamed UNIQUE, UNIQUE USING INDEX',
    'ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0), ADD CONSTRAINT pk PRIMARY KEY (id), ADD UNIQUE (z), ADD CONSTRAINT uq UNIQUE USING INDEX uq_idx',
    [
      { op: 'addConstraint', target: t('t', { name: 'ck' }), guard: null, options: { constraintType: 'check', notValid: false } },
      {
        op: 'addConstraint',
        target: t('t', { name: 'pk' }),
        guard: null,
        options: { constraintType: 'primary key', notValid: false, fields: ['id'] },
      },
      {
        op: 'addConstraint',
        target: t('t', { name: null }),
        guard: null,
        options: { constraintType: 'unique', notValid: false, fields: ['z'] },
      },
      {
        op: 'addConstraint',
        target: t('t', { name: 'uq' }),
        guard: null,
        options: { constraintType: 'unique', notValid: false, usingIndex: 'uq_idx' },
      },
    ],
  ],
  [
    'DROP CONSTRAINT IF EXISTS',
    'ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key',
    [{ op: 'removeConstraint', target: t('users', { name: 'users_email_key' }), guard: G, options: { cascade: false } }],
  ],
  [
    'VALIDATE CONSTRAINT',
    'ALTER TABLE posts VALIDATE CONSTRAINT posts_user_fk',
    [
      {
        op: 'sql',
        target: t('posts', { name: 'posts_user_fk' }),
        guard: null,
        options: { statementType: 'AlterTableStmt', validateConstraint: true },
      },
    ],
  ],
  [
    'other ALTER TABLE subcommands',
    'ALTER TABLE t ALTER COLUMN c SET STATISTICS 100, DISABLE TRIGGER tr, OWNER TO bob',
    [
      {
        op: 'sql',
        target: { table: 't', column: 'c' },
        guard: null,
        options: { statementType: 'AlterTableStmt', subcommand: 'AT_SetStatistics' },
      },
      {
        op: 'sql',
        target: t('t', { name: 'tr' }),
        guard: null,
        options: { statementType: 'AlterTableStmt', subcommand: 'AT_DisableTrig' },
      },
      { op: 'sql', target: t('t'), guard: null, options: { statementType: 'AlterTableStmt', subcommand: 'AT_ChangeOwner' } },
    ],
  ],
  // ---- indexes
  [
    'CREATE INDEX',
    'CREATE INDEX users_email ON users (email)',
    [
      {
        op: 'addIndex',
        target: t('users', { name: 'users_email' }),
        guard: null,
        options: { unique: false, concurrently: false },
        fields: ['email'],
      },
    ],
  ],
  [
    'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS with expressions',
    'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_lower_email ON app.users USING btree (lower(email), org_id) WHERE deleted_at IS NULL',
    [
      {
        op: 'addIndex',
        target: t('users', { schema: 'app', name: 'users_lower_email' }),
        guard: G,
        // A partial index: `deleted_at IS NULL` pins no column to a constant.
        options: { unique: true, concurrently: true, where: {} },
        fields: [null, 'org_id'],
      },
    ],
  ],
  [
    'DROP INDEX',
    'DROP INDEX users_email',
    [{ op: 'removeIndex', target: named('users_email'), guard: null, options: { cascade: false, concurrently: false } }],
  ],
  [
    'DROP INDEX CONCURRENTLY IF EXISTS, two indexes',
    'DROP INDEX CONCURRENTLY IF EXISTS app.a_idx, b_idx',
    [
      { op: 'removeIndex', target: named('a_idx', { schema: 'app' }), guard: G, options: { cascade: false, concurrently: true } },
      { op: 'removeIndex', target: named('b_idx'), guard: G, options: { cascade: false, concurrently: true } },
    ],
  ],
  // ---- data
  [
    'TRUNCATE a, b',
    'TRUNCATE a, s.b RESTART IDENTITY CASCADE',
    [
      { op: 'truncate', target: t('a'), guard: null, options: { cascade: true, restartIdentity: true } },
      { op: 'truncate', target: t('b', { schema: 's' }), guard: null, options: { cascade: true, restartIdentity: true } },
    ],
  ],
  [
    'DELETE without WHERE',
    'DELETE FROM sessions',
    [{ op: 'delete', target: t('sessions'), guard: null, options: { where: false } }],
  ],
  [
    'DELETE with WHERE',
    "DELETE FROM sessions WHERE expires_at < now() - interval '1 day'",
    [{ op: 'delete', target: t('sessions'), guard: null, options: { where: true, selection: { whereValues: {}, whereEmpty: [], whereColumns: ['expires_at'] } } }],
  ],
  [
    'DELETE of rows chosen by strings alone: the strings (= either side, IN, through casts, the empty string)',
    "DELETE FROM settings s WHERE s.name IN ('theme', 'lang') AND 'user'::text = scope AND note = ''",
    [
      {
        op: 'delete',
        target: t('settings'),
        guard: null,
        options: {
          where: true,
          pinned: ['scope', 'note'],
          deletedBy: ['theme', 'lang', 'user', ''],
          selection: { whereValues: { name: ['theme', 'lang'], scope: ['user'] }, whereEmpty: ['note'], whereColumns: ['name', 'scope', 'note'] },
        },
      },
    ],
  ],
  [
    'DELETE chosen by a string and anything else (a number, an OR, another test) records no strings',
    "DELETE FROM settings WHERE name = 'theme' AND id = 3; DELETE FROM settings WHERE name = 'a' OR name = 'b'; DELETE FROM settings WHERE name = 'a' AND \"deletedAt\" IS NULL",
    [
      { op: 'delete', target: t('settings'), guard: null, options: { where: true, pinned: ['name', 'id'], selection: { whereValues: { name: ['theme'], id: ['3'] }, whereEmpty: [], whereColumns: ['name', 'id'] } } },
      { op: 'delete', target: t('settings'), guard: null, options: { where: true, selection: { whereValues: {}, whereEmpty: [], whereColumns: ['name'] } } },
      { op: 'delete', target: t('settings'), guard: null, options: { where: true, pinned: ['name'], selection: { whereValues: { name: ['a'] }, whereEmpty: ['deletedAt'], whereColumns: ['name', 'deletedAt'] } } },
    ],
  ],
  [
    'UPDATE without WHERE',
    "UPDATE users SET status = 'active', \"updatedAt\" = now()",
    [
      {
        op: 'update',
        target: t('users'),
        guard: null,
        options: {
          where: false,
          columns: ['status', 'updatedAt'],
          update: { set: { status: { kind: 'value', value: 'active' }, updatedAt: { kind: 'expr' } }, whereValues: {}, whereEmpty: [] },
        },
      },
    ],
  ],
  [
    'UPDATE with WHERE',
    'UPDATE app.users SET role = 1 WHERE role IS NULL',
    [{ op: 'update', target: t('users', { schema: 'app' }), guard: null, options: { where: true, columns: ['role'], update: { set: { role: { kind: 'value', value: '1' } }, whereValues: {}, whereEmpty: ['role'], whereColumns: ['role'] } } }],
  ],
  [
    'INSERT',
    "INSERT INTO roles (id, name) VALUES (1, 'admin')",
    [{ op: 'insert', target: t('roles'), guard: null, options: { columns: ['id', 'name'], onConflict: null, texts: ['admin'] } }],
  ],
  [
    'INSERT of several rows: their distinct strings, sorted; not an empty string of the query',
    "INSERT INTO roles (name, kind) VALUES ('viewer', 'builtin'), ('admin', 'builtin'), ('', NULL), (migralint_hole_0, 'x'::text)",
    [{ op: 'insert', target: t('roles'), guard: null, options: { columns: ['name', 'kind'], onConflict: null, texts: ['', 'admin', 'builtin', 'viewer', 'x'] } }],
  ],
  [
    'INSERT ... SELECT * copies whole rows (selectsAll), t.* too',
    'INSERT INTO backup_points SELECT * FROM points; INSERT INTO archive SELECT p.* FROM points p',
    [
      { op: 'insert', target: t('backup_points'), guard: null, options: { columns: [], onConflict: null, copiedFrom: ['points'], copiedAll: true, selectsAll: true } },
      { op: 'insert', target: t('archive'), guard: null, options: { columns: [], onConflict: null, copiedFrom: ['points'], copiedAll: true, selectsAll: true } },
    ],
  ],
  [
    'INSERT ... SELECT records no strings',
    "INSERT INTO archive (name) SELECT name FROM roles WHERE kind = 'old'",
    [{ op: 'insert', target: t('archive'), guard: null, options: { columns: ['name'], onConflict: null, copiedFrom: ['roles'], copiedAll: false } }],
  ],
  [
    'INSERT ... ON CONFLICT DO NOTHING',
    "INSERT INTO roles VALUES (1, 'admin') ON CONFLICT DO NOTHING",
    [{ op: 'insert', target: t('roles'), guard: null, options: { columns: [], onConflict: 'nothing', texts: ['admin'] } }],
  ],
  ['SELECT FROM a table', 'SELECT id FROM app.users WHERE id > 1', [{ op: 'select', target: t('users', { schema: 'app' }), guard: null, options: { columns: ['id'] } }]],
  ['SELECT columns, qualified or not, through a function', 'SELECT u.id, lower(email) FROM users u', [{ op: 'select', target: t('users'), guard: null, options: { columns: ['id', 'email'] } }]],
  ['SELECT * names no columns: it reads them all', 'SELECT * FROM users', [{ op: 'select', target: t('users'), guard: null, options: { allColumns: true } }]],
  ['SELECT without FROM', 'SELECT 1', [{ op: 'select', target: t(null), guard: null, options: {} }]],
  ['SELECT from two tables: the tables it reads', 'SELECT * FROM a, b', [{ op: 'select', target: t(null), guard: null, options: { readsFrom: ['a', 'b'] } }]],
  ['SELECT with a join: the tables it reads', 'SELECT * FROM a JOIN b ON a.id = b.id', [{ op: 'select', target: t(null), guard: null, options: { readsFrom: ['a', 'b'] } }]],
  ['SELECT from a CTE', 'WITH x AS (SELECT 1) SELECT * FROM x', [{ op: 'select', target: t(null), guard: null, options: {} }]],
  // ---- types
  [
    'CREATE TYPE AS ENUM',
    `CREATE TYPE "enum_users_status" AS ENUM ('active', 'banned')`,
    [{ op: 'createType', target: named('enum_users_status'), guard: null, options: { kind: 'enum', values: ['active', 'banned'] } }],
  ],
  [
    'CREATE TYPE composite, schema-qualified',
    'CREATE TYPE app.pair AS (a int, b int)',
    [{ op: 'createType', target: named('pair', { schema: 'app' }), guard: null, options: { kind: 'composite' } }],
  ],
  [
    'ALTER TYPE ADD VALUE',
    "ALTER TYPE enum_users_status ADD VALUE 'pending'",
    [{ op: 'alterType', target: named('enum_users_status'), guard: null, options: { addValue: 'pending' } }],
  ],
  [
    'ALTER TYPE ADD VALUE IF NOT EXISTS BEFORE',
    "ALTER TYPE enum_users_status ADD VALUE IF NOT EXISTS 'pending' BEFORE 'active'",
    [{ op: 'alterType', target: named('enum_users_status'), guard: G, options: { addValue: 'pending', before: 'active' } }],
  ],
  [
    'ALTER TYPE RENAME VALUE',
    "ALTER TYPE s.mood RENAME VALUE 'sad' TO 'unhappy'",
    [{ op: 'alterType', target: named('mood', { schema: 's' }), guard: null, options: { renameValue: 'sad', newValue: 'unhappy' } }],
  ],
  [
    'ALTER TYPE RENAME TO',
    'ALTER TYPE mood RENAME TO feeling',
    [{ op: 'alterType', target: named('mood', { newName: 'feeling' }), guard: null, options: { rename: true } }],
  ],
  [
    'DROP TYPE IF EXISTS, two types',
    'DROP TYPE IF EXISTS app.mood, "Other" CASCADE',
    [
      { op: 'dropType', target: named('mood', { schema: 'app' }), guard: G, options: { cascade: true } },
      { op: 'dropType', target: named('Other'), guard: G, options: { cascade: true } },
    ],
  ],
  // ---- views
  [
    'CREATE VIEW',
    'CREATE VIEW active_users AS SELECT * FROM users',
    [{ op: 'createView', target: named('active_users'), guard: null, options: { materialized: false } }],
  ],
  [
    'CREATE OR REPLACE VIEW',
    'CREATE OR REPLACE VIEW app.active_users AS SELECT * FROM users',
    [{ op: 'createView', target: named('active_users', { schema: 'app' }), guard: G, options: { materialized: false } }],
  ],
  [
    'CREATE MATERIALIZED VIEW IF NOT EXISTS',
    'CREATE MATERIALIZED VIEW IF NOT EXISTS stats AS SELECT count(*) FROM users',
    [{ op: 'createView', target: named('stats'), guard: G, options: { materialized: true } }],
  ],
  [
    'DROP VIEW IF EXISTS',
    'DROP VIEW IF EXISTS active_users',
    [{ op: 'dropView', target: named('active_users'), guard: G, options: { cascade: false, materialized: false } }],
  ],
  [
    'DROP MATERIALIZED VIEW',
    'DROP MATERIALIZED VIEW stats CASCADE',
    [{ op: 'dropView', target: named('stats'), guard: null, options: { cascade: true, materialized: true } }],
  ],
  // ---- extensions, sequences
  [
    'CREATE EXTENSION IF NOT EXISTS',
    'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"',
    [{ op: 'createExtension', target: named('uuid-ossp'), guard: G, options: {} }],
  ],
  [
    'DROP EXTENSION',
    'DROP EXTENSION pgcrypto',
    [{ op: 'dropExtension', target: named('pgcrypto'), guard: null, options: { cascade: false } }],
  ],
  [
    'CREATE SEQUENCE IF NOT EXISTS',
    'CREATE SEQUENCE IF NOT EXISTS app.order_seq START 1000',
    [{ op: 'createSequence', target: named('order_seq', { schema: 'app' }), guard: G, options: {} }],
  ],
  [
    'DROP SEQUENCE',
    'DROP SEQUENCE IF EXISTS order_seq',
    [{ op: 'dropSequence', target: named('order_seq'), guard: G, options: { cascade: false } }],
  ],
  // ---- functions, triggers
  [
    'CREATE OR REPLACE FUNCTION',
    'CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger AS $$ BEGIN NEW."updatedAt" = now(); RETURN NEW; END $$ LANGUAGE plpgsql',
    [{ op: 'createFunction', target: named('touch', { schema: 'app' }), guard: G, options: {} }],
  ],
  [
    'CREATE FUNCTION without OR REPLACE',
    "CREATE FUNCTION one() RETURNS int AS 'SELECT 1' LANGUAGE sql",
    [{ op: 'createFunction', target: named('one'), guard: null, options: {} }],
  ],
  [
    'DROP FUNCTION IF EXISTS with arguments',
    'DROP FUNCTION IF EXISTS app.touch(int, text), other CASCADE',
    [
      { op: 'dropFunction', target: named('touch', { schema: 'app' }), guard: G, options: { cascade: true } },
      { op: 'dropFunction', target: named('other'), guard: G, options: { cascade: true } },
    ],
  ],
  [
    'CREATE TRIGGER',
    'CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION touch()',
    [{ op: 'createTrigger', target: t('users', { schema: 'app', name: 'users_touch' }), guard: null, options: {} }],
  ],
  [
    'CREATE OR REPLACE TRIGGER',
    'CREATE OR REPLACE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE touch()',
    [{ op: 'createTrigger', target: t('users', { name: 'users_touch' }), guard: G, options: {} }],
  ],
  [
    'DROP TRIGGER IF EXISTS',
    'DROP TRIGGER IF EXISTS users_touch ON app.users',
    [{ op: 'dropTrigger', target: t('users', { schema: 'app', name: 'users_touch' }), guard: G, options: { cascade: false } }],
  ],
  // ---- schemas
  [
    'CREATE SCHEMA IF NOT EXISTS',
    'CREATE SCHEMA IF NOT EXISTS reporting',
    [{ op: 'createSchema', target: named('reporting'), guard: G, options: {} }],
  ],
  [
    'DROP SCHEMA CASCADE',
    'DROP SCHEMA reporting CASCADE',
    [{ op: 'dropSchema', target: named('reporting'), guard: null, options: { cascade: true } }],
  ],
  // ---- databases
  ['CREATE DATABASE', 'CREATE DATABASE reports', [{ op: 'createDatabase', target: named('reports'), guard: null, options: {} }]],
  [
    'DROP DATABASE IF EXISTS',
    'DROP DATABASE IF EXISTS reports',
    [{ op: 'dropDatabase', target: named('reports'), guard: G, options: {} }],
  ],
  // ---- transactions
  ['BEGIN', 'BEGIN', [{ op: 'transactionControl', target: t(null), guard: null, options: { kind: 'begin' } }]],
  [
    'START TRANSACTION',
    'START TRANSACTION ISOLATION LEVEL SERIALIZABLE',
    [{ op: 'transactionControl', target: t(null), guard: null, options: { kind: 'begin' } }],
  ],
  ['COMMIT', 'COMMIT', [{ op: 'transactionControl', target: t(null), guard: null, options: { kind: 'commit' } }]],
  ['ROLLBACK', 'ROLLBACK', [{ op: 'transactionControl', target: t(null), guard: null, options: { kind: 'rollback' } }]],
  [
    'SAVEPOINT',
    'SAVEPOINT before_backfill',
    [{ op: 'transactionControl', target: named('before_backfill'), guard: null, options: { kind: 'savepoint' } }],
  ],
  // ---- everything else
  [
    'DO block that only creates a type, unguarded: it changes no table',
    "DO $$ BEGIN CREATE TYPE mood AS ENUM ('a'); END $$",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'DoStmt', touchesNoTable: true } }],
  ],
  [
    'DO block that creates a type under an exception handler: that statement, guarded',
    "DO $$ BEGIN CREATE TYPE mood AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END $$",
    [{ op: 'createType', target: named('mood'), guard: 'sql-if-exists', options: { kind: 'enum', values: ['a'] } }],
  ],
  [
    'DO block testing the catalog before adding an enum value: that statement, guarded',
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_enum WHERE enumlabel = 'late') THEN ALTER TYPE \"enum_orders_status\" ADD VALUE 'late'; END IF; END $$",
    [{ op: 'alterType', target: named('enum_orders_status'), guard: 'sql-if-exists', options: { addValue: 'late' } }],
  ],
  [
    'DO block creating a type and adding a column each under an IF on the catalog: both statements, guarded (the column is the migration\'s own)',
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'enum_users_state') THEN CREATE TYPE enum_users_state AS ENUM ('new', 'done'); END IF; IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'state') THEN ALTER TABLE users ADD COLUMN state enum_users_state DEFAULT 'new' NOT NULL; END IF; END $$",
    [
      { op: 'createType', target: named('enum_users_state'), guard: 'sql-if-exists', options: { kind: 'enum', values: ['new', 'done'] } },
      { op: 'addColumn', target: t('users', { column: 'state' }), guard: 'sql-if-exists', options: { type: 'enum_users_state', notNull: true, default: true } },
    ],
  ],
  [
    'DO block whose IF tests data, not the catalog: opaque',
    "DO $$ BEGIN IF (SELECT count(*) FROM users) > 0 THEN ALTER TABLE users ADD COLUMN state text; END IF; END $$",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'DoStmt' } }],
  ],
  [
    'DO block that alters a table, runs dynamic SQL, or loops: it may change any table',
    "DO $$ BEGIN ALTER TABLE orders ADD COLUMN late boolean; END $$",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'DoStmt' } }],
  ],
  [
    'DO block with EXECUTE',
    "DO $$ BEGIN EXECUTE 'CREATE TYPE mood AS ENUM (''a'')'; END $$",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'DoStmt' } }],
  ],
  [
    'DO block in another language',
    "DO LANGUAGE plv8 $$ plv8.execute('SELECT 1') $$",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'DoStmt' } }],
  ],
  [
    'LOCK TABLE: one operation per table, with the mode',
    'LOCK TABLE users, app.posts IN ACCESS EXCLUSIVE MODE',
    [
      { op: 'sql', target: t('users'), guard: null, options: { statementType: 'LockStmt', lockMode: 'ACCESS EXCLUSIVE' } },
      {
        op: 'sql',
        target: t('posts', { schema: 'app' }),
        guard: null,
        options: { statementType: 'LockStmt', lockMode: 'ACCESS EXCLUSIVE' },
      },
    ],
  ],
  [
    'REINDEX: the table (or the index), and whether it is concurrent',
    'REINDEX TABLE CONCURRENTLY users; REINDEX INDEX users_email',
    [
      { op: 'sql', target: t('users'), guard: null, options: { statementType: 'ReindexStmt', reindex: 'table', concurrently: true } },
      { op: 'sql', target: named('users_email'), guard: null, options: { statementType: 'ReindexStmt', reindex: 'index', concurrently: false } },
    ],
  ],
  [
    'VACUUM: one operation per table, FULL said',
    'VACUUM (FULL, ANALYZE) users, app.posts; VACUUM',
    [
      { op: 'sql', target: t('users'), guard: null, options: { statementType: 'VacuumStmt', full: true, vacuum: true } },
      { op: 'sql', target: t('posts', { schema: 'app' }), guard: null, options: { statementType: 'VacuumStmt', full: true, vacuum: true } },
      { op: 'sql', target: t(null), guard: null, options: { statementType: 'VacuumStmt', full: false, vacuum: true, everyTable: true } },
    ],
  ],
  [
    'CLUSTER: the table and its index',
    'CLUSTER users USING users_email',
    [{ op: 'sql', target: t('users'), guard: null, options: { statementType: 'ClusterStmt', index: 'users_email' } }],
  ],
  [
    'SET and SET LOCAL: the setting',
    "SET lock_timeout = '5s'; SET LOCAL statement_timeout TO 0; RESET lock_timeout",
    [
      { op: 'sql', target: t(null), guard: null, options: { statementType: 'VariableSetStmt', setting: 'lock_timeout', local: false, reset: false } },
      { op: 'sql', target: t(null), guard: null, options: { statementType: 'VariableSetStmt', setting: 'statement_timeout', local: true, reset: false } },
      { op: 'sql', target: t(null), guard: null, options: { statementType: 'VariableSetStmt', setting: 'lock_timeout', local: false, reset: true } },
    ],
  ],
  [
    'COMMENT ON',
    "COMMENT ON TABLE users IS 'people'",
    [{ op: 'sql', target: t(null), guard: null, options: { statementType: 'CommentStmt' } }],
  ],
  [
    'ALTER INDEX RENAME',
    'ALTER INDEX a_idx RENAME TO b_idx',
    [{ op: 'sql', target: named('a_idx', { newName: 'b_idx' }), guard: null, options: { statementType: 'RenameStmt', renameType: 'index' } }],
  ],
  [
    'UPDATE: the JSON keys of its own table that SET and WHERE read (not those of a subquery)',
    `UPDATE "Collectives" c SET "hasHosting" = (c.settings #>> '{host,enabled}')::boolean WHERE c."settings"->>'canHostAccounts' IS NULL AND settings ? 'legacy' AND EXISTS (SELECT 1 FROM members m WHERE m.settings->>'role' = 'HOST')`,
    [
      {
        op: 'update',
        target: t('Collectives'),
        guard: null,
        options: {
          where: true,
          columns: ['hasHosting'],
          update: { set: { hasHosting: { kind: 'expr' } }, whereValues: {}, whereEmpty: ['settings#{canHostAccounts}'], whereColumns: null, jsonReads: ['settings#{host,enabled}', 'settings#{canHostAccounts}', 'settings#{legacy}'] },
        },
      },
    ],
  ],
  [
    'DROP of another kind',
    'DROP POLICY IF EXISTS p ON users',
    [{ op: 'sql', target: t(null), guard: G, options: { statementType: 'DropStmt', removeType: 'policy', cascade: false } }],
  ],
];

describe('analyzeSql', () => {
  beforeAll(async () => {
    await loadSqlParser();
  });

  describe('one row per statement kind', () => {
    it.each(ROWS)('%s', (_label, sql, expected) => {
      expect(shape(analyzeSql(sql))).toEqual(expected);
    });
  });

  it('gives each statement its own text and offset', () => {
    const sql = "  -- first\nUPDATE a SET x = 1;\n/* second */ DELETE FROM b WHERE y = ';';  SELECT 1 -- trailing\n";
    const ops = analyzeSql(sql);
    expect(ops.map((o) => o.op)).toEqual(['update', 'delete', 'select']);
    expect(ops.map((o) => o.statement)).toEqual(['UPDATE a SET x = 1', "DELETE FROM b WHERE y = ';'", 'SELECT 1']);
    for (const op of ops) expect(sql.slice(op.offset, op.offset! + op.statement.length)).toBe(op.statement);
  });

  it('computes offsets in characters when the SQL has non-ASCII text', () => {
    const sql = "UPDATE a SET note = 'café ☕'; /* ünïcode */ DROP TABLE b; -- fin ✓";
    const ops = analyzeSql(sql);
    expect(ops.map((o) => o.statement)).toEqual(["UPDATE a SET note = 'café ☕'", 'DROP TABLE b']);
    for (const op of ops) expect(sql.slice(op.offset, op.offset! + op.statement.length)).toBe(op.statement);
  });

  it('keeps `--` inside a string literal of the last statement', () => {
    const [op] = analyzeSql("UPDATE a SET note = '-- not a comment' /* but this is */");
    expect(op?.statement).toBe("UPDATE a SET note = '-- not a comment'");
  });

  it('gives every subcommand of an ALTER TABLE the same statement text', () => {
    const sql = 'ALTER TABLE users ADD COLUMN a int, DROP COLUMN b, ALTER COLUMN c SET NOT NULL';
    const ops = analyzeSql(sql);
    expect(ops.map((o) => [o.op, o.target.column])).toEqual([
      ['addColumn', 'a'],
      ['removeColumn', 'b'],
      ['changeColumn', 'c'],
    ]);
    expect(new Set(ops.map((o) => o.statement))).toEqual(new Set([sql]));
    expect(ops.every((o) => o.offset === 0)).toBe(true);
  });

  it('keeps quoted identifiers as written and folds unquoted ones', () => {
    const [op] = analyzeSql('ALTER TABLE "Public"."UserAccounts" DROP COLUMN "createdAt", DROP COLUMN UpdatedAt');
    expect(op?.target).toEqual({ table: 'UserAccounts', column: 'createdAt', schema: 'Public' });
    expect(analyzeSql('ALTER TABLE Users DROP COLUMN UpdatedAt')[0]?.target).toEqual({ table: 'users', column: 'updatedat' });
  });

  it('renders column types as readable SQL', () => {
    const types = [
      'char',
      'character varying',
      'double precision',
      'timestamp(3) with time zone',
      'timestamp without time zone',
      'interval day to second',
      '"MyEnum"',
      's.my_type[]',
      'int[3][]',
      'boolean',
      'jsonb',
      'uuid',
      'smallint',
      'real',
    ];
    const sql = `ALTER TABLE t ${types.map((ty) => `ALTER COLUMN c TYPE ${ty}`).join(', ')}`;
    expect(analyzeSql(sql).map((o) => o.options.type)).toEqual([
      'char(1)',
      'varchar',
      'double precision',
      'timestamptz(3)',
      'timestamp',
      'interval',
      '"MyEnum"',
      's.my_type[]',
      'integer[3][]',
      'boolean',
      'jsonb',
      'uuid',
      'smallint',
      'real',
    ]);
  });

  describe('holes', () => {
    it('exports the placeholder prefix and recognizes placeholders', () => {
      expect(HOLE_PREFIX).toBe('migralint_hole_');
      expect(isHole('migralint_hole_0')).toBe(true);
      expect(isHole('idx_migralint_hole_3_email')).toBe(true);
      expect(isHole('users')).toBe(false);
    });

    it('turns a hole table name into null and marks the operation unresolved', () => {
      expect(shape(analyzeSql('ALTER TABLE migralint_hole_0 ADD COLUMN bio text'))).toEqual([
        {
          op: 'addColumn',
          target: { table: null, column: 'bio' },
          guard: null,
          options: { type: 'text', notNull: false, default: false },
          unresolved: true,
        },
      ]);
    });

    it('turns hole schema, column and type names into null', () => {
      const [op] = analyzeSql('ALTER TABLE migralint_hole_0.users ALTER COLUMN "migralint_hole_1" TYPE migralint_hole_2');
      expect(op?.target).toEqual({ table: 'users', column: null, schema: null });
      expect(op?.options).toEqual({ type: null, using: false });
      expect(op?.unresolved).toBe(true);
    });

    it('turns a name built around a hole into null', () => {
      const [op] = analyzeSql('CREATE INDEX idx_migralint_hole_0_email ON users (email, migralint_hole_1)');
      expect(op?.target).toEqual({ table: 'users', column: null, name: null });
      expect(op?.fields).toEqual(['email', null]);
      expect(op?.unresolved).toBe(true);
    });

    it('only marks the operations whose names are holes', () => {
      const ops = analyzeSql('DROP TABLE migralint_hole_0, sessions');
      expect(ops.map((o) => [o.target.table, o.unresolved])).toEqual([
        [null, true],
        ['sessions', undefined],
      ]);
    });

    it('ignores holes in value positions and string literals', () => {
      const ops = analyzeSql(
        "DELETE FROM users WHERE id = migralint_hole_0; UPDATE users SET name = 'migralint_hole_1' WHERE id IN (migralint_hole_2)",
      );
      expect(shape(ops)).toEqual([
        { op: 'delete', target: t('users'), guard: null, options: { where: true, pinned: ['id'], selection: { whereValues: {}, whereEmpty: [], whereColumns: ['id'] } } },
        // The hole in the string literal is not taken for a constant; the one in IN (..) is no value.
        { op: 'update', target: t('users'), guard: null, options: { where: true, columns: ['name'], update: { set: { name: { kind: 'expr' } }, whereValues: {}, whereEmpty: [], whereColumns: ['id'] } } },
      ]);
    });

    it('records the columns of other tables an UPDATE ... FROM reads into its SET values, through aliases and subqueries, and whether its WHERE only pairs rows', () => {
      const [copy, some, alone] = analyzeSql(
        'UPDATE sales s SET comment = v."salesComment", offers = (SELECT count(*) FROM offers o WHERE o.sale_id = s.id), label = brand FROM vehicles v WHERE v.id = s."vehicleId";' +
          "UPDATE sales SET comment = v.note FROM vehicles v WHERE v.id = sales.vehicle_id AND v.kind = 'car';" +
          'UPDATE sales SET comment = upper(comment)',
      );
      expect(copy?.options.setReads).toEqual(['vehicles.salesComment', 'offers.sale_id', '*.brand']);
      expect(copy?.options.joinOnly).toBe(true);
      expect(some?.options.setReads).toEqual(['vehicles.note']);
      expect(some?.options.joinOnly).toBeUndefined();
      // Its own columns only: nothing read from elsewhere.
      expect(alone?.options.setReads).toBeUndefined();
      expect(alone?.options.joinOnly).toBeUndefined();
    });

    it('reads a hole that stands for a whole VALUES row list as one row', () => {
      const sql = 'WITH v(id, prefs) AS (VALUES migralint_hole_0 ) UPDATE teams SET prefs = v.prefs FROM v WHERE teams.id = v.id';
      const [op] = analyzeSql(sql);
      expect(op?.op).toBe('update');
      expect(op?.target.table).toBe('teams');
      // Offsets do not move: the repair writes the parentheses into the whitespace around the hole.
      expect(op?.statement).toHaveLength(sql.length);
    });

    it('leaves a hole after VALUES with no whitespace around it a parse failure marked unresolved', () => {
      const [op] = analyzeSql('INSERT INTO t VALUES migralint_hole_0');
      expect(op?.op).toBe('sql');
      expect(op?.unresolved).toBe(true);
    });

    it('treats an enum value from a hole as unknown', () => {
      const [op] = analyzeSql("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'migralint_hole_0'");
      expect(op?.options).toEqual({ addValue: null });
      expect(op?.unresolved).toBe(true);
    });
  });

  describe('bad and empty input', () => {
    it('reports SQL that does not parse as one sql operation with the parser message', () => {
      const sql = '  CREATE TABLE users (id int;\n SELECT 1;  ';
      expect(analyzeSql(sql)).toEqual([
        {
          op: 'sql',
          target: { table: null, column: null },
          guard: null,
          options: {},
          statement: 'CREATE TABLE users (id int;\n SELECT 1;',
          sqlError: 'syntax error at or near ";"',
          offset: 2,
        },
      ]);
    });

    it('marks a parse failure unresolved when a hole may be the cause', () => {
      const [op] = analyzeSql('migralint_hole_0');
      expect(op?.sqlError).toMatch(/syntax error/);
      expect(op?.unresolved).toBe(true);
      expect(analyzeSql('DROP TABL x')[0]?.unresolved).toBeUndefined();
    });

    it('returns nothing for empty, blank, comment-only or semicolon-only SQL', () => {
      for (const sql of ['', '   \n\t', '-- nothing here', '/* nor here */', ' ; ; ']) {
        expect(analyzeSql(sql)).toEqual([]);
      }
    });
  });
});

describe('analyzeSql before the parser is loaded', () => {
  it('throws SqlParserNotLoadedError instead of skipping the SQL', async () => {
    // A fresh copy of the modules, whose parser was never loaded.
    vi.resetModules();
    const fresh = await import('../../src/sql/analyze-sql.js');
    const freshParser = await import('../../src/sql/pg-parser.js');
    expect(freshParser.isSqlParserLoaded()).toBe(false);
    expect(() => fresh.analyzeSql('DROP TABLE users')).toThrow(freshParser.SqlParserNotLoadedError);
    expect(() => fresh.analyzeSql('')).toThrow(/await loadSqlParser\(\)/);
  });
});
