/**
 * Table names a TypeScript project keeps in an `export enum` of a constants folder, re-exported by its index
 * (`export * from './database-tables'`, `export { Tables } from './tables'`), read by migrations through
 * `import { TableNames } from '../constants'`: the names are read, so the steps have their tables (hold-out 57: a
 * project whose every step was on "a table named by a value migralint cannot read").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempProjects } from '../helpers/temp-project';
import { analyzeProject } from '../../src/project';
import { loadSqlParser } from '../../src/sql/pg-parser';

const project = useTempProjects('reexported-constants');
beforeAll(async () => {
  await loadSqlParser();
});

const PACKAGE = JSON.stringify({ name: 'shop', dependencies: { sequelize: '^6.37.0', 'sequelize-cli': '^6.6.0', mysql2: '^3.0.0' } });
const MIGRATION = (imports: string, table: string) => `import { DataTypes, QueryInterface } from 'sequelize';
${imports}

export default {
  up: async (queryInterface: QueryInterface) => {
    await queryInterface.addColumn(${table}, 'refund_error', { type: DataTypes.STRING });
  },
  down: async (queryInterface: QueryInterface) => {
    await queryInterface.removeColumn(${table}, 'refund_error');
  },
};
`;
const TABLES = `export enum TableNames {
  USER = 'users',
  PAYMENT_TRANSACTION = 'payment_transaction',
}
export const enum OtherNames {
  SHOP = 'shops',
}
`;

async function tablesOf(files: Record<string, string>): Promise<(string | null)[]> {
  const { project: model } = await analyzeProject(project({ 'package.json': PACKAGE, ...files }), { migrations: 'src/database/migrations' });
  return model.migrations.flatMap((m) => [...m.up, ...m.down].map((o) => o.target.table));
}

describe('table names from a constants module', () => {
  it.each([
    ['an `export enum` imported from its own file', { 'src/database/constants/tables.ts': TABLES }, "import { TableNames } from '../constants/tables';", 'TableNames.PAYMENT_TRANSACTION', 'payment_transaction'],
    ['an `export const enum`', { 'src/database/constants/tables.ts': TABLES }, "import { OtherNames } from '../constants/tables';", 'OtherNames.SHOP', 'shops'],
    ['through an index that re-exports everything (`export * from`)', { 'src/database/constants/tables.ts': TABLES, 'src/database/constants/index.ts': "export * from './tables';\n" }, "import { TableNames } from '../constants';", 'TableNames.PAYMENT_TRANSACTION', 'payment_transaction'],
    ['through an index that re-exports one name under another (`export { a as b } from`)', { 'src/database/constants/tables.ts': TABLES, 'src/database/constants/index.ts': "export { TableNames as Tables } from './tables';\n" }, "import { Tables } from '../constants';", 'Tables.USER', 'users'],
    ['through a namespace re-export (`export * as db from`)', { 'src/database/constants/tables.ts': TABLES, 'src/database/constants/index.ts': "export * as db from './tables';\n" }, "import { db } from '../constants';", 'db.TableNames.USER', 'users'],
    // Hold-out 62: `const { ROLE } = require('../consts')` written as `${ROLE}` in every migration of a project.
    ['a CommonJS constant of a folder\'s index, in a template literal', { 'src/database/consts/index.js': "module.exports = {\n  PAYMENT: 'payment',\n};\n" }, "const { PAYMENT } = require('../consts');", '`${PAYMENT}`', 'payment'],
    ['a CommonJS constant concatenated', { 'src/database/consts/index.js': "module.exports = { PREFIX: 'shop_' };\n" }, "const { PREFIX } = require('../consts');", "PREFIX + 'users'", 'shop_users'],
    ['an imported constant inside a longer template', { 'src/database/constants/tables.ts': TABLES }, "import { OtherNames } from '../constants/tables';", '`archived_${OtherNames.SHOP}`', 'archived_shops'],
    ['through two indexes', { 'src/database/constants/tables.ts': TABLES, 'src/database/constants/index.ts': "export * from './tables';\n", 'src/database/index.ts': "export * from './constants';\n" }, "import { TableNames } from '..';", 'TableNames.USER', 'users'],
  ])('%s', async (_name, modules, imports, expression, table) => {
    const tables = await tablesOf({ ...modules, 'src/database/migrations/20200408210000-payments.ts': MIGRATION(imports, expression) });
    expect(tables).toEqual([table, table]);
  });

  it('two indexes that re-export each other (a cycle) and a name neither has: no table, and no hang', async () => {
    const tables = await tablesOf({
      'src/database/constants/a.ts': "export * from './b';\nexport const A = 'alpha';\n",
      'src/database/constants/b.ts': "export * from './a';\nexport const B = 'beta';\n",
      'src/database/migrations/20200408210000-payments.ts': MIGRATION("import { A, C } from '../constants/b';", 'C'),
      'src/database/migrations/20200408220000-alpha.ts': MIGRATION("import { A } from '../constants/b';", 'A'),
    });
    expect(tables).toEqual([null, null, 'alpha', 'alpha']);
  });
});
