/**
 * Raw DDL in `queryInterface.sequelize.query` on a MySQL project (the dialect
 * from the one installed driver, mysql2) is read by its keywords
 * (src/sql/keyword-sql.ts), not by the PostgreSQL parser: it must still say
 * which tables and columns a migration creates, so that the replay and the
 * rules judge the same migration alike on both dialects (a down that drops
 * what its own up created is the routine reversal, not data loss).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { tempProject } from '../eslint-rules/support';

const pkg = (driver: string) => JSON.stringify({ name: 'depot', dependencies: { sequelize: '^6.0.0', [driver]: '*' } }, null, 2);
const migration = (up: string, down: string) => `module.exports = {\n  async up(queryInterface, Sequelize) {\n${up}\n  },\n  async down(queryInterface, Sequelize) {\n${down}\n  },\n};\n`;
const query = (sql: string) => `    await queryInterface.sequelize.query(\`${sql.replace(/`/g, '\\`')}\`);`;

/** The crates table, made by an earlier migration with the builder. */
const CRATES = migration(`    await queryInterface.createTable('crates', { id: { type: Sequelize.INTEGER, primaryKey: true }, label: Sequelize.STRING });`, `    await queryInterface.dropTable('crates');`);

/** Findings of the two data-loss rules, as `file:line rule/messageId severity`. */
async function lossFindings(driver: 'mysql2' | 'pg', migrations: Record<string, string>): Promise<string[]> {
  const files = Object.fromEntries(Object.entries(migrations).map(([name, source]) => [`migrations/${name}`, source]));
  const result = await analyzeProject(tempProject({ 'package.json': pkg(driver), ...files }));
  expect(result.project.dialect?.dialects).toEqual([driver === 'pg' ? 'postgres' : 'mysql']);
  return result.findings
    .filter((f) => f.rule === 'no-destructive-down' || f.rule === 'no-destructive-up')
    .map((f) => `${f.file.replace(/^migrations\//, '')}:${f.line} ${f.rule}/${f.messageId} ${f.severity}`)
    .sort();
}

beforeAll(async () => {
  await loadSqlParser();
});

describe('raw DDL on MySQL counts as on PostgreSQL', () => {
  it.each([
    {
      name: 'ALTER TABLE ... ADD COLUMN in up, removeColumn in down: the routine reversal',
      files: {
        '001-crates.js': CRATES,
        '002-state.js': migration(query('ALTER TABLE crates\n      ADD COLUMN state VARCHAR(10) NULL'), `    await queryInterface.removeColumn('crates', 'state');`),
      },
      mysqlOnly: false,
      expected: ['001-crates.js:6 no-destructive-down/reversal info', '002-state.js:7 no-destructive-down/reversal info'],
    },
    {
      name: 'MySQL column syntax (ENUM, a COMMENT with a semicolon) in the ADD COLUMN',
      files: {
        '001-crates.js': CRATES,
        '002-state.js': migration(query("ALTER TABLE crates\n      ADD COLUMN state ENUM('new','done') NULL COMMENT 'lifecycle; null at first'"), `    await queryInterface.removeColumn('crates', 'state');`),
      },
      mysqlOnly: true,
      expected: ['001-crates.js:6 no-destructive-down/reversal info', '002-state.js:7 no-destructive-down/reversal info'],
    },
    {
      name: 'CREATE TABLE with backquoted names in up, dropTable in down: the routine reversal',
      files: {
        '001-crates.js': CRATES,
        '002-lids.js': migration(
          query('CREATE TABLE lids (\n      crate_id INT NOT NULL,\n      `index` SMALLINT UNSIGNED NOT NULL,\n      PRIMARY KEY (crate_id, `index`),\n      CONSTRAINT fk_lids FOREIGN KEY (crate_id) REFERENCES crates (id) ON DELETE CASCADE\n    )'),
          `    await queryInterface.dropTable('lids');`,
        ),
      },
      mysqlOnly: true,
      expected: ['001-crates.js:6 no-destructive-down/reversal info', '002-lids.js:11 no-destructive-down/reversal info'],
    },
    {
      name: 'a column a raw ADD COLUMN added earlier, dropped by a later up: the column is known, its creator named',
      files: {
        '001-crates.js': CRATES,
        '002-weight.js': migration(query('ALTER TABLE crates ADD weight INT NULL, ADD COLUMN (height INT, depth INT)'), `    await queryInterface.removeColumn('crates', 'weight');`),
        '003-drop-weight.js': migration(query('ALTER TABLE crates DROP COLUMN weight'), ''),
      },
      mysqlOnly: true,
      expected: ['001-crates.js:6 no-destructive-down/reversal info', '002-weight.js:6 no-destructive-down/reversal info', '003-drop-weight.js:3 no-destructive-up/previousMigrationTable info'],
    },
    {
      name: 'CHANGE old new: the column renamed as renameColumn does, so the down that drops the new name reverses it',
      files: {
        '001-crates.js': CRATES,
        '002-note.js': migration(query('ALTER TABLE crates ADD COLUMN note TEXT'), `    await queryInterface.removeColumn('crates', 'note');`),
        '003-rename.js': migration(query('ALTER TABLE crates CHANGE note remark TEXT'), query('ALTER TABLE crates CHANGE remark note TEXT')),
        '004-drop.js': migration(`    await queryInterface.removeColumn('crates', 'remark');`, ''),
      },
      mysqlOnly: true,
      expected: ['001-crates.js:6 no-destructive-down/reversal info', '002-note.js:6 no-destructive-down/reversal info', '004-drop.js:3 no-destructive-up/dropColumn error'],
    },
  ])('$name', async ({ files, mysqlOnly, expected }) => {
    const mysql = await lossFindings('mysql2', files);
    expect(mysql).toEqual(expected);
    if (!mysqlOnly) expect(mysql).toEqual(await lossFindings('pg', files));
  });
});
