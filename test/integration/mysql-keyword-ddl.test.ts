/**
 * The MySQL DDL the keyword reader turns into schema operations
 * (src/sql/keyword-sql.ts), run on the MariaDB server of 127.0.0.1:3306: the
 * tables and columns the replay says each migration leaves are the ones the
 * server has (CHANGE renames, ADD COLUMN (a, b) adds both, RENAME TABLE
 * takes pairs, DROP TABLE a list, MODIFY without NOT NULL makes the column
 * nullable).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlConnection } from './support';
import { projectReplay } from '../../src/schema/replay';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { projectFromSources } from '../helpers/rules';

const DATABASE = `migralint_keyword_ddl_${process.pid}`;

type Connection = Awaited<ReturnType<typeof mysqlConnection>>;
let connection: Connection;

beforeAll(async () => {
  await loadSqlParser();
  connection = await mysqlConnection({ multipleStatements: true });
});

afterAll(async () => {
  await connection.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await connection.end();
});

/** `table: column, column` (sorted), of every table, as the server has them. */
async function serverTables(): Promise<string[]> {
  const [rows] = await connection.query(`SELECT table_name AS t, column_name AS c, is_nullable AS n FROM information_schema.columns WHERE table_schema = '${DATABASE}'`);
  return describe_((rows as { t: string; c: string; n: string }[]).map((r) => ({ table: r.t, column: r.c, nullable: r.n === 'YES' })));
}

/** The same, as the replay of one migration per statement says (a null nullability is left out). */
function replayedTables(statements: string[]): string[] {
  const files = Object.fromEntries(statements.map((sql, i) => [`${String(i + 1).padStart(3, '0')}.js`, `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.sequelize.query(${JSON.stringify(sql)});\n  },\n  async down() {},\n};\n`]));
  const schema = projectReplay(projectFromSources(files, {}, { dialects: ['mysql'], source: 'package.json:5' }).migrations).schema;
  return describe_([...schema.tables.values()].flatMap((t) => [...t.columns.values()].map((c) => ({ table: t.name, column: c.name, nullable: c.allowNull }))));
}

function describe_(columns: { table: string; column: string; nullable: boolean | null }[]): string[] {
  const tables = new Map<string, string[]>();
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c.column]);
  return [...tables].map(([t, cs]) => `${t}: ${cs.sort().join(', ')}`).sort();
}

describe('MySQL DDL read by keywords: the replayed tables and columns are the server\'s', () => {
  it.each([
    {
      name: 'CREATE TABLE with backquoted names and keys, ALTER TABLE with several subcommands',
      statements: [
        'CREATE TABLE `crates` (`id` INT UNSIGNED NOT NULL AUTO_INCREMENT, `index` SMALLINT NOT NULL, label VARCHAR(40) COMMENT \'a, b (c)\', PRIMARY KEY (`id`), UNIQUE KEY uq (label)) ENGINE=InnoDB',
        "ALTER TABLE crates ADD COLUMN state ENUM('new','done') NULL COMMENT 'lifecycle; null at first', ADD weight INT, ADD COLUMN (height INT, depth INT), ADD INDEX crates_state (state)",
        'ALTER TABLE crates DROP COLUMN depth, CHANGE `label` `title` VARCHAR(40), RENAME COLUMN height TO tall',
      ],
    },
    {
      name: 'RENAME TABLE pairs, ALTER TABLE RENAME TO, DROP TABLE a, b',
      statements: ['CREATE TABLE a (x INT)', 'CREATE TABLE b (y INT)', 'RENAME TABLE a TO a2, b TO b2', 'ALTER TABLE a2 RENAME TO a3', 'CREATE TABLE c (z INT NOT NULL)', 'DROP TABLE IF EXISTS b2, c'],
    },
    {
      name: 'CREATE INDEX / DROP INDEX ... ON change no column',
      statements: ['CREATE TABLE d (k INT, v TEXT)', 'CREATE UNIQUE INDEX d_k ON d (k)', 'DROP INDEX d_k ON d'],
    },
  ])('$name', async ({ statements }) => {
    await connection.query(`DROP DATABASE IF EXISTS ${DATABASE}; CREATE DATABASE ${DATABASE}; USE ${DATABASE}`);
    for (const sql of statements) await connection.query(sql);
    expect(replayedTables(statements)).toEqual(await serverTables());
  });

  it('MODIFY / CHANGE restate nullability: a definition without NOT NULL makes the column nullable', async () => {
    const statements = ['CREATE TABLE e (a INT NOT NULL, b INT NOT NULL, c INT)', 'ALTER TABLE e MODIFY a BIGINT, CHANGE b b INT NOT NULL, MODIFY COLUMN c INT NOT NULL'];
    await connection.query(`DROP DATABASE IF EXISTS ${DATABASE}; CREATE DATABASE ${DATABASE}; USE ${DATABASE}`);
    for (const sql of statements) await connection.query(sql);
    const [rows] = await connection.query(`SELECT column_name AS c, is_nullable AS n FROM information_schema.columns WHERE table_schema = '${DATABASE}' AND table_name = 'e' ORDER BY column_name`);
    expect((rows as { c: string; n: string }[]).map((r) => `${r.c}:${r.n}`)).toEqual(['a:YES', 'b:NO', 'c:NO']);
    const files = Object.fromEntries(statements.map((sql, i) => [`00${i + 1}.js`, `module.exports = { async up(queryInterface) { await queryInterface.sequelize.query(${JSON.stringify(sql)}); }, async down() {} };`]));
    const table = projectReplay(projectFromSources(files, {}, { dialects: ['mysql'], source: 'package.json:5' }).migrations).schema.tables.get('public.e')!;
    expect([...table.columns.values()].map((c) => `${c.name}:${c.allowNull === true ? 'YES' : c.allowNull === false ? 'NO' : '?'}`).sort()).toEqual(['a:YES', 'b:NO', 'c:NO']);
  });
});
