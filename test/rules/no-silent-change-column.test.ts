import { setupThen } from '../helpers/rules';
import { ruleTests } from './rule-tester';

/** `users` created with `columns`, then a later migration whose `up` is `change`. */
const changeUsers = (columns: string, change: string) =>
  setupThen(
    `await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      ${columns}
    });`,
    change,
  );

const email = `email: { type: Sequelize.STRING, allowNull: false }`;
const status = `status: { type: Sequelize.STRING, allowNull: false, defaultValue: 'active' }`;

ruleTests('no-silent-change-column', {
  valid: [
    {
      name: 'the migration exists to drop the default, and its down puts it back: the drop is meant',
      files: {
        ...changeUsers(status, ''),
        '20240201000000-change.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING, allowNull: false });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING, allowNull: false, defaultValue: 'active' });
  },
};`,
      },
    },
    { name: 'restates allowNull: false', files: changeUsers(email, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(500), allowNull: false });`) },
    { name: 'asks for NULL explicitly', files: changeUsers(email, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING, allowNull: true });`) },
    { name: 'a default of NULL: the column takes NULL, its NOT NULL goes on purpose', files: changeUsers(email, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(320), defaultValue: null });`) },
    {
      name: 'restates both',
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(20), allowNull: false, defaultValue: 'active' });`),
    },
    {
      name: 'drops the default explicitly',
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(20), allowNull: false, defaultValue: null });`),
    },
    { name: 'the column was nullable without a default', files: changeUsers(`bio: { type: Sequelize.STRING }`, `await queryInterface.changeColumn('users', 'bio', { type: Sequelize.TEXT });`) },
    {
      name: 'a new kind of value: the old default does not fit it',
      files: changeUsers(`remote: { type: Sequelize.BOOLEAN, defaultValue: false }`, `await queryInterface.changeColumn('users', 'remote', { type: Sequelize.TEXT });`),
    },
    {
      name: 'references restated: Sequelize sends neither DROP NOT NULL nor DROP DEFAULT',
      files: changeUsers(`teamId: { type: Sequelize.INTEGER, allowNull: false }`, `await queryInterface.changeColumn('users', 'teamId', { type: Sequelize.INTEGER, references: { model: 'teams', key: 'id' } });`),
    },
    { name: 'the column is not known', files: `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.changeColumn('users', 'email', { type: Sequelize.TEXT }); } };` },
    {
      name: 'what the call drops is set again right after in the same up (raw SET DEFAULT and SET NOT NULL): nothing is lost',
      files: changeUsers(
        status,
        `await queryInterface.changeColumn('users', 'status', { type: Sequelize.ENUM('active', 'pending') });
    await queryInterface.sequelize.query(\`ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active', ALTER COLUMN status SET NOT NULL\`);`,
      ),
    },
    {
      name: 'SQL Server keeps the default (a constraint of its own) through ALTER COLUMN: a default left unsaid is not lost there',
      project: { dialect: { dialects: ['mssql'], source: 'config/config.json:3' } },
      files: changeUsers(`active: { type: Sequelize.BOOLEAN, allowNull: true, defaultValue: true }`, `await queryInterface.changeColumn('users', 'active', { type: Sequelize.BOOLEAN, allowNull: true });`),
    },
    {
      name: 'a numeric column turned into JSONB through a template type (`${Sequelize.JSONB} using to_jsonb(c)`): its numeric default has no use there, dropping it is the point',
      files: changeUsers(`sc_coin: { type: Sequelize.DOUBLE, allowNull: false, defaultValue: 0 }`, 'await queryInterface.changeColumn(\'users\', \'sc_coin\', { type: `${Sequelize.JSONB} using to_jsonb(sc_coin)`, allowNull: false });'),
    },
    {
      name: 'a default Sequelize keeps on its side (UUIDV4, NOW: never a column DEFAULT, measured) is not lost by a changeColumn that leaves it out',
      files: changeUsers(`invited_by: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 }, seen_at: { type: Sequelize.DATE, defaultValue: Sequelize.NOW }`, `await queryInterface.changeColumn('users', 'invited_by', { type: Sequelize.UUID });
    await queryInterface.changeColumn('users', 'seen_at', { type: Sequelize.DATE });`),
    },
    {
      name: 'raw SQL ALTER COLUMN TYPE keeps NOT NULL and DEFAULT',
      files: changeUsers(status, `await queryInterface.sequelize.query('ALTER TABLE users ALTER COLUMN status TYPE varchar(20)');`),
    },
  ],
  invalid: [
    {
      name: 'on SQL Server a NOT NULL left unsaid still goes (ALTER COLUMN ... NULL); the default stays',
      project: { dialect: { dialects: ['mssql'], source: 'config/config.json:3' } },
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', data: { restate: '`allowNull: false`', sql: '`ALTER COLUMN ... NULL`' } }],
    },
    {
      name: 'down puts back the NOT NULL but not the default: the lost default alone is reported',
      files: {
        ...changeUsers(status, ''),
        '20240201000000-change.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING, allowNull: false });
  },
};`,
      },
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', file: '20240201000000-change.js', data: { restate: '`defaultValue`', sql: 'DROP DEFAULT' } }],
    },
    {
      name: 'a later step of up that sets again only the default: the lost NOT NULL alone is reported',
      files: changeUsers(
        status,
        `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });
    await queryInterface.sequelize.query(\`ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'\`);`,
      ),
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', data: { restate: '`allowNull: false`', sql: 'DROP NOT NULL' } }],
    },
    {
      name: 'on MySQL the same call sends CHANGE with the whole definition (measured on MariaDB): the message says so',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', data: { sql: '`CHANGE` with the whole column definition, which says no `NOT NULL` and names no `DEFAULT`' } }],
    },
    {
      name: 'models read whole map the table but not the column: only writes that bypass them see the loss, info',
      files: {
        ...changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING }, { tableName: 'users' });`,
      },
      errors: [{ messageId: 'settingsDroppedUnmapped', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.js`' } }],
    },
    {
      name: 'the model declares the lost default and NOT NULL itself (Sequelize fills and checks them on its own writes): info that says so',
      files: {
        ...changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { status: { type: DataTypes.STRING(40), allowNull: false, defaultValue: 'active' } }, { tableName: 'users' });`,
      },
      errors: [{ messageId: 'settingsDroppedModelKeeps', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.js`' } }],
    },
    {
      name: "a model's updatedAt (timestamps on) loses NOT NULL: Sequelize fills it on every save of the model, info that says so; with timestamps off, a warning",
      files: {
        ...changeUsers(`updatedAt: { type: Sequelize.DATE, allowNull: false }`, `await queryInterface.changeColumn('users', 'updatedAt', { type: Sequelize.DATE });`),
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING }, { tableName: 'users' });`,
      },
      errors: [{ messageId: 'settingsDroppedModelKeeps', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.js`', keeps: 'fills it on every save (its `timestamps`)' } }],
    },
    {
      name: 'the same column of a model with timestamps off: the model does not map it at all, so only writes that bypass it see the loss (info)',
      files: {
        ...changeUsers(`updatedAt: { type: Sequelize.DATE, allowNull: false }`, `await queryInterface.changeColumn('users', 'updatedAt', { type: Sequelize.DATE });`),
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING }, { tableName: 'users', timestamps: false });`,
      },
      errors: [{ messageId: 'settingsDroppedUnmapped', line: 3, severity: 'info', file: '20240201000000-change.js' }],
    },
    {
      name: 'a model that declares the default but not allowNull: false does not keep the NOT NULL: a warning',
      files: {
        ...changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { status: { type: DataTypes.STRING(40), defaultValue: 'active' } }, { tableName: 'users' });`,
      },
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', file: '20240201000000-change.js' }],
    },
    {
      name: 'a call that keeps the type, on a column its model declares as the call leaves it (nullable, no default): the table synced to the model (info); with a type change (a widening), a side effect: a warning',
      files: {
        ...changeUsers(`${status},\n      ${email}`, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING });`),
        '20240301000000-widen.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(500) });
  },
  async down() {},
};`,
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { status: { type: DataTypes.STRING }, email: { type: DataTypes.STRING(500) } }, { tableName: 'users' });`,
      },
      errors: [
        { messageId: 'settingsDroppedLikeModel', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.js`', declares: 'nullable, no default' } },
        { messageId: 'settingsDropped', line: 3, severity: 'warning', file: '20240301000000-widen.js' },
      ],
    },
    {
      name: 'the model defines its attributes from an object another file exports (`define(name, attrs)` with `import { attrs } from`): read there, so the call that syncs the table to it is info',
      files: {
        ...changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING, allowNull: false });`),
        'models/index.js': `import db from '../db.js';\nimport { user } from './user.js';\nexport const User = db.define('user', user);\n`,
        'models/user.js': `import { DataTypes } from 'sequelize';\nexport const user = { status: { type: DataTypes.STRING, allowNull: false } };\n`,
      },
      errors: [{ messageId: 'settingsDroppedLikeModel', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/index.js`', declares: 'no default' } }],
    },
    {
      name: 'a type change on a column whose model writes `allowNull: true` out: the model gives up the NOT NULL on purpose (info); left unsaid, or a lost default alone, stays a warning',
      files: {
        ...changeUsers(`${email},
      name: { type: Sequelize.STRING, allowNull: false },
      code: { type: Sequelize.STRING(10), defaultValue: 'x' }`, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.TEXT });`),
        '20240301000000-widen.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING(500) });
    await queryInterface.changeColumn('users', 'code', { type: Sequelize.STRING(20) });
  },
  async down() {},
};`,
        'models/user.js': `module.exports = (sequelize, DataTypes) => sequelize.define('User', { email: { type: DataTypes.TEXT, allowNull: true }, name: { type: DataTypes.STRING(500) }, code: { type: DataTypes.STRING(20), allowNull: true } }, { tableName: 'users' });`,
      },
      errors: [
        { messageId: 'settingsDroppedLikeModel', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.js`', declares: 'nullable' } },
        { messageId: 'settingsDropped', line: 3, severity: 'warning', file: '20240301000000-widen.js' },
        { messageId: 'settingsDropped', line: 4, severity: 'warning', file: '20240301000000-widen.js' },
      ],
    },
    {
      name: 'one changeColumn run over several tables in a loop: one finding at the call, naming the columns',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const t of ['logs', 'events', 'files']) await queryInterface.createTable(t, { id: { type: Sequelize.STRING(40), allowNull: false } });
  },
  async down() {},
};`,
        '20240201000000-lengthen.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const t of ['logs', 'events', 'files']) {
      await queryInterface.changeColumn(t, 'id', { type: Sequelize.STRING(191) });
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'settingsDropped', line: 4, severity: 'warning', file: '20240201000000-lengthen.js', data: { target: '`logs.id`, `events.id`, `files.id`' } }],
    },
    {
      name: 'a column added NOT NULL with a default to fill the existing rows, then restated without the default in the same migration: the default goes on purpose (info); restated without allowNull too, the NOT NULL loss stays a warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('properties', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-keep-value.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('properties', 'keepValue', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });
    await queryInterface.changeColumn('properties', 'keepValue', { type: Sequelize.BOOLEAN, allowNull: false });
    await queryInterface.addColumn('properties', 'rank', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 });
    await queryInterface.changeColumn('properties', 'rank', { type: Sequelize.INTEGER });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'defaultOnlyToFill', line: 4, severity: 'info', file: '20240201000000-keep-value.js', data: { line: '3' } },
        { messageId: 'settingsDropped', line: 6, severity: 'warning', file: '20240201000000-keep-value.js' },
      ],
    },
    {
      name: 'a sequelize-typescript model with @AllowNull (true by default) on a column whose type changes: info',
      files: {
        ...changeUsers(email, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.TEXT });`),
        'models/user.ts': `import { AllowNull, Column, Model, Table } from 'sequelize-typescript';
@Table({ tableName: 'users' })
export class User extends Model {
  @AllowNull
  @Column
  declare email: string;
}`,
      },
      errors: [{ messageId: 'settingsDroppedLikeModel', line: 3, severity: 'info', file: '20240201000000-change.js', data: { declares: 'nullable' } }],
    },
    {
      name: 'a sequelize-typescript model with @Default and @AllowNull(false): info',
      files: {
        ...changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(40) });`),
        'models/user.ts': `import { AllowNull, Column, Default, Model, Table } from 'sequelize-typescript';
@Table({ tableName: 'users' })
export class User extends Model {
  @AllowNull(false)
  @Default('active')
  @Column
  declare status: string;
}`,
      },
      errors: [{ messageId: 'settingsDroppedModelKeeps', line: 3, severity: 'info', file: '20240201000000-change.js', data: { model: '`models/user.ts`' } }],
    },
    {
      name: 'widening a NOT NULL column',
      files: changeUsers(email, `await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(500) });`),
      errors: [{ messageId: 'settingsDropped', line: 3, column: 11, severity: 'warning', data: { target: '`users.email`', restate: '`allowNull: false`', sql: 'DROP NOT NULL' } }],
    },
    {
      name: 'NOT NULL and DEFAULT both dropped',
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.STRING(20) });`),
      errors: [{ messageId: 'settingsDropped', line: 3, data: { restate: '`allowNull: false` and `defaultValue`', sql: 'DROP NOT NULL and DROP DEFAULT' } }],
    },
    {
      name: 'a default that fits the new ENUM',
      files: changeUsers(status, `await queryInterface.changeColumn('users', 'status', { type: Sequelize.ENUM('active', 'banned'), allowNull: false });`),
      errors: [{ messageId: 'settingsDropped', line: 3, data: { restate: '`defaultValue`' } }],
    },
    {
      name: 'a primary key column: DROP NOT NULL fails',
      files: changeUsers(email, `await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT });`),
      errors: [{ messageId: 'primaryKeyNotNull', line: 3, severity: 'error', data: { target: '`users.id`' } }],
    },
    {
      name: 'a primary key column with allowNull: false loses its sequence default',
      files: changeUsers(email, `await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT, allowNull: false });`),
      errors: [{ messageId: 'settingsDropped', line: 3, severity: 'warning', data: { restate: 'its sequence default (autoIncrement)', sql: 'DROP DEFAULT' } }],
    },
    {
      name: 'what an earlier addColumn defined',
      files: {
        ...changeUsers(email, ''),
        '20240115000000-add-plan.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'plan', { type: Sequelize.STRING, allowNull: false, defaultValue: 'free' });
  },
};`,
        '20240201000000-change.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'plan', { type: Sequelize.TEXT, defaultValue: 'free' });
  },
};`,
      },
      errors: [{ messageId: 'settingsDropped', line: 3, data: { restate: '`allowNull: false`' } }],
    },
  ],
});
