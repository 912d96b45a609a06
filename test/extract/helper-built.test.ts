/**
 * Migrations a helper module of the project builds: `module.exports = Migration.alterColumn('add', table, column,
 * attrs)`, where `../Migration` exports an instance of a class whose method returns `{ up, down }` closures, and
 * those closures call other methods of the instance through `this` (an existence check). The runner awaits what the
 * file exports (umzug 2's `await this.migration()`), so an `async` builder works too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempProjects } from '../helpers/temp-project';
import { analyzeProject } from '../../src/project';
import { loadSqlParser } from '../../src/sql/pg-parser';

const project = useTempProjects('helper-built');
beforeAll(async () => {
  await loadSqlParser();
});

const HELPER = `class Migration {
  async hasColumn(queryInterface, table, column) {
    const definition = await queryInterface.describeTable(table);
    return !!definition[column];
  }

  alterColumn(action, table, column, attrs) {
    const removeColumn = async (queryInterface) => {
      if (!(await this.hasColumn(queryInterface, table, column))) return true;
      return queryInterface.removeColumn(table, column);
    };
    const addColumn = async (queryInterface) => {
      if (await this.hasColumn(queryInterface, table, column)) return true;
      await queryInterface.addColumn(table, column, attrs);
    };
    return { up: action === 'add' ? addColumn : removeColumn, down: action === 'add' ? removeColumn : addColumn };
  }

  async alterEnum(table, column, opts) {
    return {
      up: async (queryInterface, Sequelize) => {
        await queryInterface.changeColumn(table, column, { ...opts, type: Sequelize.DataTypes.STRING });
        await queryInterface.changeColumn(table, column, opts);
      },
      down: async () => {},
    };
  }
}

module.exports = new Migration();
`;

describe('migrations built by a helper module of the project', () => {
  it('are migrations: their steps come from the helper, reported at the export of the migration file, with their guards', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'crm', dependencies: { sequelize: '6', 'sequelize-cli': '6', pg: '8' } }),
      '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('sequelize', 'migrations') };\n",
      'sequelize/Migration.js': HELPER,
      'sequelize/migrations/20210101000000-create-lessons.js': `module.exports = { up: async (qi, S) => { await qi.createTable('lessons', { id: { type: S.INTEGER, primaryKey: true }, kind: S.STRING }); }, down: async () => {} };\n`,
      'sequelize/migrations/20210901000000-add-tags.js': `'use strict';
const Sequelize = require('sequelize');
const Migration = require('../Migration');

module.exports = Migration.alterColumn('add', 'lessons', 'tags', { type: Sequelize.DataTypes.STRING });
`,
      'sequelize/migrations/20211001000000-kind-enum.js': `const Migration = require('../Migration');
module.exports = Migration.alterEnum('lessons', 'kind', { type: 'ENUM', allowNull: false });
`,
    });
    const result = await analyzeProject(root);
    const [, tags, kind] = result.project.migrations;
    expect(tags!.status).toBe('ok');
    const add = tags!.up.find((o) => o.op === 'addColumn')!;
    expect(add).toMatchObject({ target: { table: 'lessons', column: 'tags' }, loc: { line: 5 }, via: 'sequelize/Migration.js:12', guard: { kind: 'existence-check' } });
    expect(tags!.down.find((o) => o.op === 'removeColumn')).toMatchObject({ target: { table: 'lessons', column: 'tags' }, loc: { line: 5 }, guard: { kind: 'existence-check' } });
    // Nothing unresolved: `this.hasColumn` is the instance's method.
    expect([...tags!.up, ...tags!.down].filter((o) => o.unresolved)).toEqual([]);
    // An async builder: its promise is what the file exports, and the runner awaits it.
    expect(kind!.status).toBe('ok');
    expect(kind!.up.map((o) => [o.op, o.target.column, o.loc.line])).toEqual([
      ['changeColumn', 'kind', 2],
      ['changeColumn', 'kind', 2],
    ]);
    expect(result.findings.filter((f) => f.rule === 'valid-migration-file')).toEqual([]);
  });

  it('a function of the migration file handed to a helper that runs it (a transaction wrapper): its steps are the file\'s own, at their own lines, not via the helper', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'shop', dependencies: { sequelize: '6', 'sequelize-cli': '6', mysql2: '3' } }),
      'src/database/transactions/migration.wrapper.ts': `import { QueryOptions } from 'sequelize';
import { createTransaction } from './create.transaction';

export const migrationWrapper = async (method: (options: QueryOptions) => Promise<void>): Promise<void> => {
  const transaction = await createTransaction();
  try {
    await method({ raw: true, transaction });
    await transaction.commit();
  } catch (err) {
    await transaction.rollback();
    throw err;
  }
};
`,
      'src/database/transactions/create.transaction.ts': "import { db } from '../db';\nexport const createTransaction = () => db.transaction();\n",
      'src/database/transactions/index.ts': "export * from './migration.wrapper';\nexport * from './create.transaction';\n",
      'src/database/migrations/20210317000001-user-role.ts': `import { DataTypes, QueryInterface, QueryOptions } from 'sequelize';
import { migrationWrapper } from '../transactions';

export default {
  up: async (queryInterface: QueryInterface) => {
    const migration = async (options: QueryOptions) => {
      await queryInterface.addColumn('users', 'nickname', { type: DataTypes.STRING }, options);
      queryInterface.bulkUpdate('users', { nickname: 'anon' }, { nickname: null });
    };
    await migrationWrapper(migration);
  },
  down: async () => {},
};
`,
    });
    const result = await analyzeProject(root, { migrations: 'src/database/migrations' });
    const [migration] = result.project.migrations;
    expect(migration!.up.filter((o) => o.op !== 'unresolved').map((o) => [o.op, o.loc.line, o.via ?? null, o.floating])).toEqual([
      ['addColumn', 7, null, false],
      ['bulkUpdate', 8, null, true],
    ]);
    expect(result.findings.filter((f) => f.rule === 'no-floating-query').map((f) => f.line)).toEqual([8]);
  });
});

describe('a closure another module built, called by the migration (hold-out 88)', () => {
  it('its steps are written at the call in the migration, with the closure\'s place as `via`, not at lines of the other file', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'hls', dependencies: { sequelize: '6', 'sequelize-cli': '6', pg: '8' } }),
      'util/sql.js': `function getFkOperations(table, parent, { key }) {
  const name = table + '_' + key + '_fkey';
  return {
    up: async (queryInterface, Sequelize) => {
      await queryInterface.addColumn(table, key, { type: Sequelize.INTEGER, references: { model: parent, key: 'id' } });
    },
    down: async (queryInterface) => {
      await queryInterface.removeConstraint(table, name);
      await queryInterface.removeColumn(table, key);
    },
  };
}
module.exports = { getFkOperations };
`,
      'migrations/20220320152901-new-token-logic.js': `'use strict';
const { getFkOperations } = require('../util/sql');

const tokenToUser = getFkOperations('auth_token', 'obs_user', { key: 'user_id' });

module.exports = {
  async up(queryInterface, Sequelize) {
    await tokenToUser.down(queryInterface, Sequelize);
    await queryInterface.dropTable('auth_token');
  },
  async down(queryInterface, Sequelize) {
    await tokenToUser.up(queryInterface, Sequelize);
  },
};
`,
    });
    const result = await analyzeProject(root);
    const [m] = result.project.migrations;
    expect(m!.up.map((o) => [o.op, o.target.table, o.target.column, o.loc.line, o.via ?? null, o.callee])).toEqual([
      ['removeConstraint', 'auth_token', null, 8, 'util/sql.js:7', 'tokenToUser.down'],
      ['removeColumn', 'auth_token', 'user_id', 8, 'util/sql.js:7', 'tokenToUser.down'],
      ['dropTable', 'auth_token', null, 9, null, 'queryInterface.dropTable'],
    ]);
    expect(m!.down.map((o) => [o.op, o.loc.line, o.via ?? null])).toEqual([['addColumn', 12, 'util/sql.js:4']]);
  });
});

