import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractMigration } from '../../src/extract/extract-migration';
import type { Dialect, Operation, ProjectModel } from '../../src/model';
import { parseSource } from '../../src/parse';
import { opRunsOn } from '../../src/rules/project-facts';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { REPO } from '../helpers/extract';

beforeAll(async () => {
  await loadSqlParser();
});

function extract(source: string, dialects?: Dialect[]) {
  const absPath = path.join(REPO, 'virtual', 'migration.js');
  const parsed = parseSource(source, absPath);
  if (!parsed.ok) throw new Error(parsed.message);
  return extractMigration({ absPath, file: 'migration.js', source, ast: parsed.ast }, dialects ? { dialects } : {});
}

const up = (body: string) => `module.exports = {\n  async up(queryInterface, Sequelize) {\n${body}\n  },\n};\n`;
const summary = (ops: Operation[]) => ops.map((o) => `${o.op} ${o.target.table ?? '?'}.${o.target.column ?? ''} ${o.dialects ? o.dialects.join('|') : '*'}`);
const NOT_SQLITE = 'db2|mariadb|mssql|mysql|oracle|postgres|snowflake';
const NOT_POSTGRES = 'db2|mariadb|mssql|mysql|oracle|snowflake|sqlite';

describe('operations under a condition on the dialect carry the dialects they run on', () => {
  it.each([
    [
      'getDialect() === with an else branch',
      "    if (queryInterface.sequelize.getDialect() === 'sqlite') {\n      await queryInterface.addIndex('notes', ['title']);\n    } else {\n      await queryInterface.removeColumn('notes', 'legacy');\n    }",
      ['addIndex notes. sqlite', `removeColumn notes.legacy ${NOT_SQLITE}`],
    ],
    [
      'a dialect variable, !==',
      "    const dialect = queryInterface.sequelize.options.dialect;\n    if (dialect !== 'postgres') {\n      await queryInterface.dropTable('pg_only_cache');\n    }",
      [`dropTable pg_only_cache. ${NOT_POSTGRES}`],
    ],
    [
      'a helper named after a dialect',
      "    const isSQLite = (s) => s.options.dialect === 'sqlite';\n    await queryInterface.changeColumn('notes', 'title', { type: Sequelize.TEXT });\n    if (isSQLite(queryInterface.sequelize)) {\n      await queryInterface.addIndex('notes', ['title']);\n    }",
      ['changeColumn notes.title *', 'addIndex notes. sqlite'],
    ],
    [
      'a list of dialects',
      "    if (['mysql', 'mariadb'].includes(queryInterface.sequelize.getDialect())) {\n      await queryInterface.removeColumn('carts', 'legacy');\n    }",
      ['removeColumn carts.legacy mariadb|mysql'],
    ],
    [
      'a prefix of the dialect\'s name (`dialect.startsWith("mysql")`, from a constant holding getDialect())',
      "    const dialect = queryInterface.sequelize.getDialect();\n    if (dialect.startsWith('mysql')) {\n      await queryInterface.removeColumn('carts', 'legacy');\n    } else {\n      await queryInterface.removeColumn('carts', 'other');\n    }",
      ['removeColumn carts.legacy mysql', 'removeColumn carts.other db2|mariadb|mssql|oracle|postgres|snowflake|sqlite'],
    ],
    [
      'an early return',
      "    if (queryInterface.sequelize.getDialect() !== 'postgres') return;\n    await queryInterface.removeColumn('carts', 'pg_only');",
      ['removeColumn carts.pg_only postgres'],
    ],
    [
      'a switch with fallthrough and default',
      "    switch (queryInterface.sequelize.getDialect()) {\n      case 'mysql':\n      case 'mariadb':\n        await queryInterface.removeColumn('a', 'm');\n        break;\n      case 'sqlite':\n        await queryInterface.removeColumn('a', 's');\n        break;\n      default:\n        await queryInterface.removeColumn('a', 'd');\n    }",
      ['removeColumn a.m mariadb|mysql', 'removeColumn a.s sqlite', 'removeColumn a.d db2|mssql|oracle|postgres|snowflake'],
    ],
    [
      'a ternary',
      "    await (queryInterface.sequelize.getDialect() === 'sqlite' ? queryInterface.dropTable('a') : queryInterface.dropTable('b'));",
      ['dropTable a. sqlite', `dropTable b. ${NOT_SQLITE}`],
    ],
    [
      'nested conditions narrow',
      "    const dialect = queryInterface.sequelize.getDialect();\n    if (dialect === 'mysql' || dialect === 'sqlite') {\n      if (dialect !== 'mysql') {\n        await queryInterface.dropTable('x');\n      }\n    }",
      ['dropTable x. sqlite'],
    ],
    ['a condition that is not about the dialect', "    if (process.env.FAST) {\n      await queryInterface.dropTable('x');\n    }", ['dropTable x. *']],
  ] as const)('%s', (_name, body, expected) => {
    expect(summary(extract(up(body)).up)).toEqual(expected);
  });
});

describe('raw SQL and the dialect', () => {
  const sql = "    await queryInterface.sequelize.query('ALTER TABLE `notes` DROP COLUMN `draftBody`');";

  it('a MySQL/MariaDB/SQLite project: not parsed by the PostgreSQL parser, no sqlError, the drop still seen', () => {
    for (const d of ['mysql', 'mariadb', 'sqlite'] as const) {
      const [op] = extract(up(sql), [d]).up;
      expect(op).toMatchObject({ op: 'removeColumn', target: { table: 'notes', column: 'draftBody' }, sql: true, sqlNotParsed: true, unresolved: false });
      expect(op?.sqlError).toBeUndefined();
    }
  });

  it('a PostgreSQL project: the PostgreSQL parser reports the syntax error', () => {
    const [op] = extract(up(sql), ['postgres']).up;
    expect(op?.sqlError).toBeDefined();
    expect(op?.sqlNotParsed).toBeUndefined();
  });

  it('a project whose dialect is unknown: backquoted names PostgreSQL cannot parse are MySQL\'s, read by keywords; other syntax errors stay errors', () => {
    for (const dialects of [[], undefined] as const) {
      const [op] = extract(up(sql), dialects ? [...dialects] : undefined).up;
      expect(op).toMatchObject({ op: 'removeColumn', target: { table: 'notes', column: 'draftBody' }, sql: true, sqlNotParsed: true });
      expect(op?.sqlError).toBeUndefined();
      const [broken] = extract(up("    await queryInterface.sequelize.query('ALTER TABLE notes DROP COLUMN');"), dialects ? [...dialects] : undefined).up;
      expect(broken?.sqlError).toBeDefined();
    }
  });

  it('a project on PostgreSQL and SQLite still parses with PostgreSQL', () => {
    const [op] = extract(up('    await queryInterface.sequelize.query(\'DROP TABLE "Drafts"\');'), ['postgres', 'sqlite']).up;
    expect(op).toMatchObject({ op: 'dropTable', target: { table: 'Drafts' } });
    expect(op?.sqlNotParsed).toBeUndefined();
  });

  it.each([
    { name: 'SQLite and PostgreSQL: SQLite\'s AUTOINCREMENT', dialects: ['sqlite', 'postgres'] as Dialect[], keywords: true },
    { name: 'MySQL and PostgreSQL', dialects: ['postgres', 'mysql'] as Dialect[], keywords: true },
    { name: 'PostgreSQL only: the parser\'s error stays', dialects: ['postgres'] as Dialect[], keywords: false },
  ])('SQL PostgreSQL cannot parse in a project on $name', ({ dialects, keywords }) => {
    const body = "    await queryInterface.sequelize.query('CREATE TABLE lessons (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');";
    const [op] = extract(up(body), dialects).up;
    if (keywords) {
      expect(op).toMatchObject({ op: 'createTable', target: { table: 'lessons' }, sql: true, sqlNotParsed: true });
      expect(op?.sqlError).toBeUndefined();
    } else {
      expect(op).toMatchObject({ op: 'sql', target: { table: null } });
      expect(op?.sqlError).toMatch(/AUTOINCREMENT/);
    }
    // A branch for PostgreSQL alone keeps the parser's error, whatever else the project runs on.
    const branch = `    if (queryInterface.sequelize.getDialect() === 'postgres') {\n  ${body}\n    }`;
    const [onPostgres] = extract(up(branch), dialects).up;
    expect(onPostgres?.sqlError).toMatch(/AUTOINCREMENT/);
  });

  it('SQL in a branch for another dialect is not given to the PostgreSQL parser, even when the project dialect is unknown', () => {
    const body = "    if (queryInterface.sequelize.getDialect() === 'sqlite') {\n      await queryInterface.sequelize.query('PRAGMA foreign_keys = OFF');\n    }";
    const [op] = extract(up(body)).up;
    expect(op).toMatchObject({ op: 'sql', sqlNotParsed: true, dialects: ['sqlite'], unresolved: true, unresolvedReason: 'SQL of a dialect other than PostgreSQL, not parsed' });
    expect(op?.sqlError).toBeUndefined();
  });
});

describe('opRunsOn', () => {
  const project = (dialects: Dialect[]): ProjectModel => ({
    project: { root: '.', absRoot: '/x', framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: null, layoutSource: 'default' },
    migrations: [],
    dialect: { dialects, source: null },
  });

  it.each([
    [['postgres'], ['sqlite'], false],
    [['postgres'], ['postgres', 'mysql'], true],
    [['postgres', 'sqlite'], ['sqlite'], true],
    [[], ['sqlite'], true],
    [['mysql'], undefined, true],
  ] as const)('project %j, operation %j: %s', (projectDialects, opDialects, expected) => {
    expect(opRunsOn(project([...projectDialects]), opDialects ? { dialects: [...opDialects] } : {})).toBe(expected);
  });
});
