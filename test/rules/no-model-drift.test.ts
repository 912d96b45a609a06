import { readFileSync } from 'node:fs';
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-model-drift';
import type { Dialect, Finding, ProjectModel } from '../../src/model';
import { readModels, readModelSources } from '../../src/models/read-models';
import { analyzeProject, runRules, sortFindings } from '../../src/project';
import { createTextReporter } from '../../src/reporters/text';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { REPO } from '../helpers/extract';
import { Workspace } from '../../src/workspace';
import { projectFromSources } from '../helpers/rules';
import { useTempProjects } from '../helpers/temp-project';

/**
 * no-model-drift needs models next to the migrations: files named
 * `models/<name>` are read as models (statically), the others are migrations.
 * This is the minimal extension of test/helpers/rules.ts's `lint` the rule needs.
 */
type Files = Record<string, string>;

function projectWithModels(files: Files, dialect?: Dialect): ProjectModel {
  const migrations = Object.fromEntries(Object.entries(files).filter(([name]) => !name.startsWith('models/')));
  const models = Object.entries(files)
    .filter(([name]) => name.startsWith('models/'))
    .map(([file, source]) => ({ file, source }));
  // The migrations' SQL is read for the project's dialect (MySQL's by its keywords), as the analysis does.
  const dialects = dialect ? { dialects: [dialect], source: 'config/config.json:3' } : undefined;
  const project = projectFromSources(migrations, {}, dialects);
  project.project.modelsDir = 'models';
  project.models = readModelSources(models, { modelsDir: 'models' });
  if (dialects) project.dialect = dialects;
  return project;
}

function lintDrift(files: Files, options?: Record<string, unknown>, dialect?: Dialect, schemaSync?: ProjectModel['schemaSync']): Finding[] {
  const project = projectWithModels(files, dialect);
  if (schemaSync !== undefined) project.schemaSync = schemaSync;
  return sortFindings(runRules(project, { [rule.id]: options ? { severity: 'on', options } : 'on' }, [rule]));
}

function render(project: ProjectModel, findings: Finding[]): string {
  return createTextReporter({ color: false }).render({ project, findings, tool: { name: 'migralint', version: 'test' } });
}

const migration = (body: string) => `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
${body}
  },
  async down() {},
};
`;

const CREATE_USERS = migration(`    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING, allowNull: false },
      display_name: Sequelize.STRING,
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
    });`);

const userModel = (attributes: string, options = "tableName: 'users'") => `'use strict';
module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define('User', {
    email: { type: DataTypes.STRING, allowNull: false },
    displayName: { type: DataTypes.STRING, field: 'display_name' },${attributes}
  }, { ${options} });
  return User;
};
`;

/** sequelize-typescript base classes in `models/base/`, written the way real projects layer them (labels #47-#59). */
const TS_IMPORTS = `import { AllowNull, BelongsToMany, Column, CreatedAt, DataType, DeletedAt, ForeignKey, Model, PrimaryKey, Table, UpdatedAt } from 'sequelize-typescript';\n`;
const BASES: Files = {
  'models/base/KeyedModel.ts': `${TS_IMPORTS}
class KeyedModel<A extends object = any> extends Model<A> {
  @PrimaryKey
  @Column(DataType.UUID)
  id!: string;

  @CreatedAt
  createdAt!: Date;

  @UpdatedAt
  updatedAt!: Date;
}

export default KeyedModel;
`,
  'models/base/TrashableModel.ts': `import { DeletedAt } from 'sequelize-typescript';
import KeyedModel from './KeyedModel';

export default class TrashableModel<A extends object = any> extends KeyedModel<A> {
  @DeletedAt
  deletedAt!: Date | null;
}
`,
  'models/base/ShelvableModel.ts': `${TS_IMPORTS}import TrashableModel from './TrashableModel';

export default class ShelvableModel<A extends object = any> extends TrashableModel<A> {
  @AllowNull
  @Column(DataType.DATE)
  shelvedAt!: Date | null;
}
`,
};

const CREATE_FOLDERS = migration(`    await queryInterface.createTable('folders', {
      id: { type: Sequelize.UUID, primaryKey: true },
      title: Sequelize.STRING,
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
      deletedAt: Sequelize.DATE,
    });`);

const folderModel = (base: string, members = '') => `${TS_IMPORTS}import ${base} from './base/${base}';

@Table({ tableName: 'folders', modelName: 'folder' })
export default class Folder extends ${base} {
  @Column(DataType.STRING)
  title!: string;
${members}}
`;

const POSTS_LOADER = `'use strict';
const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = {};
fs.readdirSync(__dirname)
  .filter((file) => file !== 'index.js' && file.endsWith('.js'))
  .forEach((file) => {
    const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
    db[model.name] = model;
  });
module.exports = db;
`;
const CREATE_POSTS = migration(`    await queryInterface.createTable('posts', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      UserId: Sequelize.INTEGER,
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
    });`);
const postModel = `module.exports = (sequelize) => {
  const Post = sequelize.define('post', {}, { tableName: 'posts' });
  Post.associate = (models) => Post.belongsTo(models.User, { as: 'user' });
  return Post;
};
`;

/** A loader that keys its registry by file name (Enrollment.js -> models.Enrollment), whatever name the model defines. */
const BY_FILE_LOADER = `'use strict';
const fs = require('fs');
const path = require('path');
module.exports = (sequelize) => {
  const registry = {};
  for (const entry of fs.readdirSync(__dirname)) {
    if (entry === 'index.js' || !entry.endsWith('.js')) continue;
    registry[entry.slice(0, -3)] = sequelize.import(path.join(__dirname, entry));
  }
  for (const key of Object.keys(registry)) if (registry[key].associate) registry[key].associate(registry);
  return registry;
};
`;
const CREATE_COURSES_AND_ENROLLMENT = migration(`    await queryInterface.createTable('courses', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: Sequelize.STRING,
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
    });
    await queryInterface.createTable('enrollment', {
      courseId: { type: Sequelize.INTEGER, primaryKey: true },
      UserId: { type: Sequelize.INTEGER, primaryKey: true },
      createdAt: Sequelize.DATE,
      updatedAt: Sequelize.DATE,
    });`);
const courseModel = (through: string) => `module.exports = (sequelize, DataTypes) => {
  const course = sequelize.define('course', { title: DataTypes.STRING });
  course.associate = (models) => {
    models.Course.belongsToMany(models.User, { as: 'students', through: ${through} });
  };
  return course;
};
`;
const ENROLLMENT_MODEL = `module.exports = (sequelize) => sequelize.define('enrollment', {}, { freezeTableName: true });\n`;

interface Case {
  name: string;
  files: Files;
  options?: Record<string, unknown>;
  dialect?: Dialect;
  /** How the project builds schemas with sync(), as src/project.ts reads it from its scripts. */
  schemaSync?: ProjectModel['schemaSync'];
}
interface InvalidCase extends Case {
  errors: { messageId: string; file: string; line: number; column?: number; severity?: Finding['severity']; data?: Record<string, string> }[];
}

const valid: Case[] = [
  { name: 'every attribute has its column', files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel('') } },
  {
    name: 'a column added by a later migration, even conditionally',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-add-bio.js': migration(`    const table = await queryInterface.describeTable('users');
    if (!table.bio) await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);`),
      'models/user.js': userModel(`\n    bio: DataTypes.TEXT,`),
    },
  },
  {
    name: 'a column renamed to the name the model uses',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-rename.js': migration(`    await queryInterface.renameColumn('users', 'display_name', 'full_name');`),
      'models/user.js': userModel(`\n    fullName: { type: DataTypes.STRING, field: 'full_name' },`).replace("    displayName: { type: DataTypes.STRING, field: 'display_name' },", ''),
    },
  },
  {
    name: "a model of the runner's own table (SequelizeMeta) needs no migration: the runner creates it",
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.js': userModel(''),
      'models/sequelize-meta.js': `module.exports = (sequelize, DataTypes) => sequelize.define('SequelizeMeta', { name: { type: DataTypes.STRING, primaryKey: true } }, { tableName: 'SequelizeMeta', timestamps: false });`,
    },
  },
  {
    name: "a model of the database's own catalog (pg_catalog.pg_indexes) needs no migration: every database has it (hold-out 55)",
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.js': userModel(''),
      'models/pg-index.js': `module.exports = (sequelize, DataTypes) => sequelize.define('OperationsIndex', { indexname: { type: DataTypes.STRING, primaryKey: true }, tablename: DataTypes.STRING }, { schema: 'pg_catalog', tableName: 'pg_indexes', timestamps: false });`,
    },
  },
  { name: 'VIRTUAL attributes have no column', files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel(`\n    label: { type: DataTypes.VIRTUAL, get() { return this.email; } },`) } },
  {
    name: 'VIRTUAL imported by name from sequelize (`import { VIRTUAL } from "sequelize"`) has no column either',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.ts': `import { Model, STRING, VIRTUAL } from 'sequelize';
import { sequelize } from '../db/connection';
class User extends Model {}
User.init({ email: { type: STRING, allowNull: false }, displayName: { type: STRING, field: 'display_name' }, summary: { type: VIRTUAL } }, { sequelize, tableName: 'users' });
export default User;
`,
    },
  },
  {
    name: 'VIRTUAL through a project module that hands on the package (`const { Sequelize, sequelize } = require("../lib/sequelize")`)',
    files: {
      '001-create-users.js': CREATE_USERS,
      'lib/sequelize.js': `const Sequelize = require('sequelize');\nexports.sequelize = new Sequelize(process.env.DATABASE_URL);\nexports.Sequelize = Sequelize;\n`,
      'models/user.js': `const { Sequelize, sequelize } = require('../lib/sequelize');
module.exports = sequelize.define('User', {
  email: { type: Sequelize.STRING, allowNull: false },
  displayName: { type: Sequelize.STRING, field: 'display_name' },
  canApply: { type: Sequelize.VIRTUAL, get() { return true; } },
}, { tableName: 'users' });
`,
    },
  },
  {
    name: 'the table is uncertain: an unfollowed helper may have added the column',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-helper.js': migration(`    const { addProfileColumns } = require('@acme/db-kit');
    await addProfileColumns(queryInterface, 'users');`),
      'models/user.js': userModel(`\n    bio: DataTypes.TEXT,`),
    },
  },
  {
    name: 'a model table missing while an opaque operation may have created it',
    files: { '001-sql.js': migration(`    await queryInterface.sequelize.query(require('../sql/schema'));`), 'models/user.js': userModel('') },
  },
  {
    name: 'an unresolved model is not compared',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.js': `const { TABLE } = require('../constants');\nmodule.exports = (sequelize, DataTypes) => sequelize.define('User', { bio: DataTypes.TEXT }, { tableName: TABLE });\n`,
    },
  },
  { name: 'ignoreTables', options: { ignoreTables: ['users'] }, files: { 'models/user.js': userModel(`\n    bio: DataTypes.TEXT,`) } },
  {
    name: 'underscored model with snake_case columns and timestamps',
    files: {
      '001-create-posts.js': migration(`    await queryInterface.createTable('blog_posts', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      author_id: Sequelize.INTEGER,
      created_at: Sequelize.DATE,
      updated_at: Sequelize.DATE,
      deleted_at: Sequelize.DATE,
    });`),
      'models/blog-post.js': `module.exports = (sequelize, DataTypes) => sequelize.define('BlogPost', { authorId: DataTypes.INTEGER }, { underscored: true, paranoid: true });\n`,
    },
  },
  {
    // labels #49, #51-#56: `Group extends ParanoidModel`, whose `@DeletedAt deletedAt` lives in another file.
    name: 'sequelize-typescript: id, timestamps and @DeletedAt inherited from base classes in another folder',
    files: { ...BASES, '001-create-folders.js': CREATE_FOLDERS, 'models/Folder.ts': folderModel('TrashableModel') },
  },
  {
    // label #50: `Document extends ArchivableModel`, whose `@Column archivedAt` the table has.
    name: 'sequelize-typescript: a @Column inherited from a base class',
    files: {
      ...BASES,
      '001-create-folders.js': CREATE_FOLDERS,
      '002-shelve.js': migration(`    await queryInterface.addColumn('folders', 'shelvedAt', { type: Sequelize.DATE, allowNull: true });`),
      'models/Folder.ts': folderModel('ShelvableModel'),
    },
  },
  {
    // labels #48, #57-#59: `@Column(DataType.STRING) get avatarUrl()` with a setter.
    name: 'sequelize-typescript: @Column on a get/set accessor pair, and on a lone setter',
    files: {
      ...BASES,
      '001-create-folders.js': CREATE_FOLDERS,
      '002-add-icon.js': migration(`    await queryInterface.addColumn('folders', 'iconUrl', Sequelize.STRING);
    await queryInterface.addColumn('folders', 'lastOpenedIp', Sequelize.STRING);`),
      'models/Folder.ts': folderModel(
        'TrashableModel',
        `
  @Column(DataType.STRING)
  get iconUrl(): string | null {
    return this.getDataValue('iconUrl') ?? null;
  }

  set iconUrl(value: string | null) {
    this.setDataValue('iconUrl', value);
  }

  @Column(DataType.STRING)
  set lastOpenedIp(value: string | null) {
    this.setDataValue('lastOpenedIp', value ? value.trim() : null);
  }
`,
      ),
    },
  },
  {
    name: 'sequelize-typescript: a belongsToMany through model has no id (Sequelize removes the one it would add)',
    files: {
      ...BASES,
      '001-create-folders.js': CREATE_FOLDERS,
      '002-create-folder-users.js': migration(`    await queryInterface.createTable('folder_users', {
      folderId: { type: Sequelize.UUID, primaryKey: true },
      userId: { type: Sequelize.INTEGER, primaryKey: true },
    });`),
      '003-create-users.js': CREATE_USERS,
      'models/user.js': userModel(''),
      'models/Folder.ts': folderModel('TrashableModel', `
  @BelongsToMany(() => User, () => FolderUser)
  users!: unknown[];
`),
      'models/FolderUser.ts': `${TS_IMPORTS}
@Table({ tableName: 'folder_users', timestamps: false })
export default class FolderUser extends Model {
  @Column(DataType.UUID)
  folderId!: string;

  @Column(DataType.INTEGER)
  userId!: number;
}
`,
    },
  },
  {
    name: 'a base class whose static initialize calls super.init(this.Schema, { tableName: this.tableName }), which another model class extends: each subclass brings its own statics, the base\'s placeholder names no table',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.js': userModel(''),
      'models/Base.js': `const { Model } = require('sequelize');
module.exports = class Base extends Model {
  static modelName = 'base';
  static tableName = 'bases';
  static Settings = {};
  static initialize(sequelize) {
    super.init(this.Schema, { modelName: this.modelName, tableName: this.tableName, ...this.Settings, sequelize });
  }
};
`,
      'models/Member.js': `const { DataTypes } = require('sequelize');
const Base = require('./Base');
module.exports = class Member extends Base {
  static modelName = 'member';
  static tableName = 'users';
  static Schema = { email: { type: DataTypes.STRING, allowNull: false } };
};
`,
    },
  },
  {
    name: 'a belongsToMany through model named by its file, as a loader keying its registry by file name hands it (models.Enrollment for the model defined as enrollment): no id expected',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-create-courses.js': CREATE_COURSES_AND_ENROLLMENT,
      'models/index.js': BY_FILE_LOADER,
      'models/User.js': userModel(''),
      'models/Course.js': courseModel('models.Enrollment'),
      'models/Enrollment.js': ENROLLMENT_MODEL,
    },
  },
  {
    name: 'a model in a subfolder the flat readdirSync(__dirname) loader never reads (retired models)',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/index.js': POSTS_LOADER,
      'models/user.js': userModel(''),
      'models/retired/banner.js': `module.exports = (sequelize, DataTypes) => sequelize.define('banner', { slot: DataTypes.INTEGER }, { freezeTableName: true });\n`,
    },
  },
  {
    name: 'MySQL matches column names whatever their case: belongsTo adds userId, the migration creates UserId',
    dialect: 'mysql',
    files: { '001-create-users.js': CREATE_USERS, '002-create-posts.js': CREATE_POSTS, 'models/user.js': userModel(''), 'models/post.js': postModel },
  },
  {
    name: 'a MySQL project whose own migrations alter `users` under another casing (`Users`): its servers fold case, so the model table `Users` is `users`',
    dialect: 'mysql',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-add-nickname.js': migration(`    await queryInterface.addColumn('Users', 'nickname', { type: Sequelize.STRING });`),
      'models/user.js': userModel('', 'timestamps: true'),
    },
  },
  {
    name: 'SQLite never matches table names by case: the model table `Users` is `users`',
    dialect: 'sqlite',
    files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel('', 'timestamps: true') },
  },
  {
    name: 'columns of tables no model maps are not reported (join tables, SequelizeMeta-like tables)',
    files: { '001-create.js': migration(`    await queryInterface.createTable('user_roles', { user_id: Sequelize.INTEGER, role_id: Sequelize.INTEGER });`) },
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'the same join model when no belongsToMany goes through it: Sequelize adds its id, which no migration creates',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-create-courses.js': CREATE_COURSES_AND_ENROLLMENT,
      'models/index.js': BY_FILE_LOADER,
      'models/User.js': userModel(''),
      'models/Course.js': courseModel("'course_students'"),
      'models/Enrollment.js': ENROLLMENT_MODEL,
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/002-create-courses.js', line: 10, severity: 'info', data: { column: 'courseId' } },
      { messageId: 'columnWithoutModel', file: 'migrations/002-create-courses.js', line: 10, severity: 'info', data: { column: 'UserId' } },
      { messageId: 'impliedColumnWithoutMigration', file: 'models/Enrollment.js', line: 1, severity: 'error', data: { column: 'id' } },
    ],
  },
  {
    name: 'a MySQL scheduled event created by a migration (CREATE EVENT ... DO DELETE ...) changes no table: a model table no migration creates is still reported (hold-out 93: three such events hid fourteen)',
    dialect: 'mysql',
    files: {
      '001-create-users.js': migration(`    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING });
    await queryInterface.sequelize.query(\`CREATE EVENT IF NOT EXISTS expireUsers ON SCHEDULE EVERY 1 DAY DO DELETE FROM users WHERE email IS NULL\`);`),
      'models/user.js': "module.exports = (sequelize, DataTypes) => sequelize.define('User', { email: DataTypes.STRING }, { tableName: 'users', timestamps: false });\n",
      'models/deal.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Deal', { title: DataTypes.STRING }, { tableName: 'deals', timestamps: false });\n",
    },
    errors: [{ messageId: 'modelTableWithoutMigration', file: 'models/deal.js', line: 1, severity: 'error', data: { table: 'deals' } }],
  },
  {
    name: "models whose own files sync them as they load (`Candidate.sync()` at the top level, `Job.sync({ alter: true })` in the function the file exports): their tables, and with alter their columns, are made there, one info (hold-out 78); a sync inside a method of the model stays an error",
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      '002-create-jobs.js': migration(`    await queryInterface.createTable('jobs', { id: { type: Sequelize.INTEGER, primaryKey: true }, title: Sequelize.STRING });`),
      'models/candidate.js': "const database = require('../config/connection');\nconst Candidate = database.sequelize.define('candidates', { name: database.Sequelize.STRING }, { tableName: 'candidates', timestamps: false });\nCandidate.sync();\nmodule.exports = Candidate;\n",
      'models/job.js': "module.exports = (sequelize, DataTypes) => {\n  const Job = sequelize.define('Job', { title: DataTypes.STRING, salary: DataTypes.INTEGER }, { tableName: 'jobs', timestamps: false });\n  Job.sync({ alter: true });\n  return Job;\n};\n",
      'models/badge.js': "module.exports = (sequelize, DataTypes) => {\n  const Badge = sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n  Badge.ensure = () => Badge.sync();\n  return Badge;\n};\n",
    },
    errors: [
      { messageId: 'modelTableWithoutMigration', file: 'models/badge.js', line: 2, severity: 'error', data: { table: 'badges' } },
      { messageId: 'builtByModelSync', file: 'models/candidate.js', line: 2, severity: 'info', data: { what: 'tables and columns', targets: '`candidates`, `jobs.salary`', evidence: '`models/candidate.js:3`, `models/job.js:3`', how: 'creates and alters them' } },
    ],
  },
  {
    name: 'three or more columns one model maps and no migration creates are one finding of that model, at the first, naming them; two stay two',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/user.js': userModel(`\n    linkedinUrl: { type: DataTypes.STRING, field: 'linkedin_url' },\n    githubUrl: { type: DataTypes.STRING, field: 'github_url' },\n    siteUrl: { type: DataTypes.STRING, field: 'site_url' },`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', {\n  name: DataTypes.STRING,\n  plan: DataTypes.STRING,\n  seats: DataTypes.INTEGER,\n}, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'attributeWithoutMigration', file: 'models/team.js', line: 3, severity: 'error', data: { table: 'teams', column: 'plan' } },
      { messageId: 'attributeWithoutMigration', file: 'models/team.js', line: 4, severity: 'error', data: { table: 'teams', column: 'seats' } },
      { messageId: 'modelColumnsWithoutMigration', file: 'models/user.js', line: 6, severity: 'error', data: { model: 'User', table: 'users', count: '3', columns: '`linkedin_url`, `github_url`, `site_url`' } },
    ],
  },
  {
    name: 'NOT NULL columns without a default that the model does not map (camelCase timestamps of a model with underscored ones) are one finding of the table',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, createdAt: { type: Sequelize.DATE, allowNull: false }, updatedAt: { type: Sequelize.DATE, allowNull: false }, created_at: Sequelize.DATE, updated_at: Sequelize.DATE });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', underscored: true });\n`,
    },
    errors: [{ messageId: 'notNullColumnsWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'warning', data: { table: 'teams', columns: '`createdAt`, `updatedAt`' } }],
  },
  {
    name: 'NOT NULL columns the model maps under another spelling the table lacks (`subCategory` for `sub_category`, `created_at` for `createdAt`): the mismatch is the model\'s error; the migration side says so once, as info',
    files: {
      '001-create-lists.js': migration(`    await queryInterface.createTable('master_lists', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING, subCategory: { type: Sequelize.STRING, allowNull: false }, created_at: { type: Sequelize.DATE, allowNull: false }, updated_at: { type: Sequelize.DATE, allowNull: false } });`),
      'models/master-list.js': `module.exports = (sequelize, DataTypes) => sequelize.define('masterList', { name: DataTypes.STRING, sub_category: DataTypes.STRING }, { tableName: 'master_lists' });\n`,
    },
    errors: [
      { messageId: 'notNullColumnsNamedOtherwise', file: 'migrations/001-create-lists.js', line: 4, severity: 'info', data: { table: 'master_lists', columns: 'Columns `subCategory`, `created_at`, `updated_at`', modelColumns: '`sub_category`, `createdAt`, `updatedAt`' } },
      { messageId: 'modelColumnsWithoutMigration', file: 'models/master-list.js', line: 1, severity: 'error', data: { table: 'master_lists' } },
    ],
  },
  {
    name: 'the same NOT NULL columns where the application builds its tables with sync() as it starts and nothing runs the migrations: the table the model creates rows in is the models\' own, so no create fails (info only)',
    schemaSync: { script: 'prodsync', evidence: 'server.js:12', development: false, migrationsUnrun: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, createdAt: { type: Sequelize.DATE, allowNull: false }, updatedAt: { type: Sequelize.DATE, allowNull: false } });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { table: 'teams', column: 'createdAt' } },
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { table: 'teams', column: 'updatedAt' } },
    ],
  },
  {
    name: 'a model attribute no migration creates',
    files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel(`\n    linkedinUrl: { type: DataTypes.STRING, field: 'linkedin_url' },`) },
    errors: [{ messageId: 'attributeWithoutMigration', file: 'models/user.js', line: 6, column: 5, severity: 'error', data: { model: 'User', attribute: 'linkedinUrl', column: 'linkedin_url', table: 'users' } }],
  },
  {
    name: 'the column was dropped by a later migration',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-drop.js': migration(`    await queryInterface.removeColumn('users', 'display_name');`),
      'models/user.js': userModel(''),
    },
    errors: [{ messageId: 'attributeColumnRemoved', file: 'models/user.js', line: 5, data: { attribute: 'displayName', migration: '002-drop.js', change: 'drops it' } }],
  },
  {
    name: 'the column was renamed away by raw SQL',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-rename.js': migration(`    await queryInterface.sequelize.query('ALTER TABLE users RENAME COLUMN display_name TO nickname');`),
      'models/user.js': userModel(''),
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/002-rename.js', line: 4, severity: 'info', data: { table: 'users', column: 'nickname' } },
      { messageId: 'attributeColumnRemoved', file: 'models/user.js', line: 5, data: { change: 'renames it to `nickname`' } },
    ],
  },
  {
    name: 'the model table is created by no migration but a migration points a foreign key at it: made elsewhere (info)',
    files: {
      '001-create-lists.js': migration(`    await queryInterface.createTable('word_lists', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      word_id: { type: Sequelize.INTEGER, references: { model: 'users', key: 'id' } },
    });`),
      'models/user.js': userModel('email: DataTypes.STRING'),
    },
    errors: [{ messageId: 'modelTableMadeElsewhere', file: 'models/user.js', line: 3, severity: 'info', data: { model: 'User', table: 'users', migration: '`001-create-lists.js`' } }],
  },
  {
    name: 'the same two tables where a migration\'s content cannot be read (a helper imported through a path alias builds it): any of them may make what the models use, info',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });`),
      '002-create-badges.js': "import SequeliceMigration from 'utils/SequeliceMigration';\nmodule.exports = SequeliceMigration.createTable('badges', (DataTypes) => ({ label: { type: DataTypes.STRING } }));\n",
      'models/user.js': userModel(''),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'modelTableWithoutMigration', file: 'models/badge.js', line: 1, severity: 'info', data: { table: 'badges' } },
      { messageId: 'modelTableWithoutMigration', file: 'models/user.js', line: 3, severity: 'info', data: { table: 'users' } },
    ],
  },
  {
    name: 'two tables short: each finding of its own, at error',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });`),
      'models/user.js': userModel(''),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'modelTableWithoutMigration', file: 'models/badge.js', line: 1, severity: 'error', data: { table: 'badges' } },
      { messageId: 'modelTableWithoutMigration', file: 'models/user.js', line: 3, severity: 'error', data: { table: 'users' } },
    ],
  },
  {
    // A hold-out project whose schema another repository's migrations build: 12 tables and 11 columns were 23 errors.
    name: 'three or more model tables nothing in the migrations explains: every "the migrations lack it" finding is one warning that says the schema may be built elsewhere',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/user.js': userModel(''),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING, plan: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
      'models/medal.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Medal', { rank: DataTypes.INTEGER }, { tableName: 'medals', timestamps: false });\n`,
    },
    errors: [
      {
        messageId: 'schemaMadeElsewhere',
        file: 'models/badge.js',
        line: 1,
        severity: 'warning',
        data: { count: '4', unexplained: '3', tables: '`badges`, `medals`, `teams`, `users`' },
      },
    ],
  },
  ...[
    { name: 'the same three unexplained tables, and a NOT NULL column of the migrations\u2019 `teams` no model maps: the schema is made elsewhere, so that create is not known to fail (info)', medal: true, severity: 'info' as const },
    { name: 'only `badges` unexplained: the NOT NULL column no model maps fails every create (warning)', medal: false, severity: 'warning' as const },
  ].map(({ name, medal, severity }) => ({
    name,
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, region: { type: Sequelize.STRING, allowNull: false } });`),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
      ...(medal
        ? {
            'models/user.js': userModel(''),
            'models/medal.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Medal', { rank: DataTypes.INTEGER }, { tableName: 'medals', timestamps: false });\n`,
          }
        : {}),
    },
    errors: [
      { messageId: 'notNullColumnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity, data: { column: 'region', table: 'teams' } },
      ...(medal ? [] : [{ messageId: 'modelTableWithoutMigration', file: 'models/badge.js', line: 1, severity: 'error' as const, data: { table: 'badges' } }]),
      ...(medal ? [{ messageId: 'schemaMadeElsewhere', file: 'models/badge.js', line: 1, severity: 'warning' as const }] : []),
    ],
  })),
  {
    name: 'the application builds its tables with sync() as it starts and nothing in the project runs the migrations: the columns they lack come from sync() too, one info naming tables and columns',
    schemaSync: { script: 'start', evidence: 'src/index.js:40', development: false, migrationsUnrun: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING, plan: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'builtBySync', file: 'models/badge.js', line: 1, severity: 'info', data: { what: 'tables and columns', targets: '`badges`, `teams.plan`', script: 'start', how: 'builds the tables from the models (and nothing in the project runs these migrations)' } }],
  },
  {
    name: 'the application builds missing tables with sync() as it starts (npm start): the tables no migration leaves are made there, one info naming them; a column the migrations lack on a table they have stays (sync() without alter adds none)',
    schemaSync: { script: 'start', evidence: 'app.js:106', development: false },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/user.js': userModel(''),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING, plan: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'builtBySync', file: 'models/badge.js', line: 1, severity: 'info', data: { what: 'tables', targets: '`badges`, `users`', script: 'start', evidence: 'app.js:106' } },
      { messageId: 'attributeWithoutMigration', file: 'models/team.js', line: 1, severity: 'error', data: { table: 'teams', column: 'plan' } },
    ],
  },
  {
    name: "models sequelize-auto generated from a database (its init-models.js beside them): the tables and columns they map exist in that database, one info naming them; a column a migration dropped stays an error",
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, motto: Sequelize.STRING });`),
      '002-drop-motto.js': migration(`    await queryInterface.removeColumn('teams', 'motto');`),
      'models/init-models.js': `var DataTypes = require('sequelize').DataTypes;\nvar _badges = require('./badges');\nvar _teams = require('./teams');\nfunction initModels(sequelize) {\n  var badges = _badges(sequelize, DataTypes);\n  var teams = _teams(sequelize, DataTypes);\n  return { badges, teams };\n}\nmodule.exports = { initModels };\n`,
      'models/badges.js': `module.exports = function (sequelize, DataTypes) {\n  return sequelize.define('badges', { label: DataTypes.STRING }, { sequelize, tableName: 'badges', timestamps: false });\n};\n`,
      'models/teams.js': `module.exports = function (sequelize, DataTypes) {\n  return sequelize.define('teams', { name: DataTypes.STRING, plan: DataTypes.STRING, motto: DataTypes.STRING }, { sequelize, tableName: 'teams', timestamps: false });\n};\n`,
    },
    errors: [
      { messageId: 'generatedFromDatabase', file: 'models/badges.js', line: 2, severity: 'info', data: { what: 'tables and columns', targets: '`badges`, `teams.plan`', evidence: '`models/init-models.js`' } },
      { messageId: 'attributeColumnRemoved', file: 'models/teams.js', line: 2, severity: 'error', data: { table: 'teams', column: 'motto' } },
    ],
  },
  {
    name: 'the same with sync({ alter: true }): the missing column is made there too, in the one info',
    schemaSync: { script: 'start', evidence: 'app.js:106', development: false, alters: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/badge.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Badge', { label: DataTypes.STRING }, { tableName: 'badges', timestamps: false });\n`,
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING, plan: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'builtBySync', file: 'models/badge.js', line: 1, severity: 'info', data: { what: 'tables and columns', targets: '`badges`, `teams.plan`' } }],
  },
  {
    name: 'the application starts with sync({ alter: true }), which drops every column the models lack: a column the migrations create, fill and no model maps goes at the next start with its data (error)',
    schemaSync: { script: 'start', evidence: 'server.js:12', development: false, alters: true, dropsColumns: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, legacy_code: Sequelize.STRING });
    await queryInterface.bulkInsert('teams', [{ id: 1, name: 'Core', legacy_code: 'C-1' }]);`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'columnDroppedBySync', file: 'migrations/001-create-teams.js', line: 4, severity: 'error', data: { table: 'teams', column: 'legacy_code', script: 'start', evidence: 'server.js:12' } }],
  },
  {
    // Hold-outs 61, 67, 100: columns of `model:generate` stubs and of tables whose models never mapped them.
    name: 'the same for columns no migration writes (none but their default can be there): one info for the table, naming them',
    schemaSync: { script: 'start', evidence: 'server.js:12', development: false, alters: true, dropsColumns: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, legacy_code: Sequelize.STRING, notes: Sequelize.TEXT });
    await queryInterface.bulkInsert('teams', [{ id: 1, name: 'Core' }]);`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'unwrittenColumnsDroppedBySync', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { table: 'teams', columns: 'Columns `legacy_code`, `notes`', they: 'they' } }],
  },
  {
    // Hold-out 67: `model:generate` stubs in a project that only ever syncs.
    name: 'the same where nothing runs the migrations (the start syncs, no script migrates): their column never reaches a deployed database, sync() drops nothing of theirs (info)',
    schemaSync: { script: 'start', evidence: 'server.js:12', development: false, alters: true, dropsColumns: true, migrationsUnrun: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, legacy_code: Sequelize.STRING });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { table: 'teams', column: 'legacy_code' } }],
  },
  {
    name: 'a column the migrations make NOT NULL without a default, which no attribute maps: every create through the model fails (warning); a key column (a references, a name ending in Id / _id), which an association declared out of sight may give the model: info',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });`),
      '002-add-owner.js': migration(`    await queryInterface.addColumn('teams', 'ownerId', { type: Sequelize.INTEGER, allowNull: false, references: { model: 'teams', key: 'id' } });`),
      '003-add-motto.js': migration(`    await queryInterface.addColumn('teams', 'motto', { type: Sequelize.STRING, allowNull: false });
    await queryInterface.addColumn('teams', 'league_id', { type: Sequelize.INTEGER, allowNull: false });
    await queryInterface.addColumn('teams', 'captain', { type: Sequelize.INTEGER, allowNull: false, references: { model: 'teams', key: 'id' } });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'notNullKeyWithoutModel', file: 'migrations/002-add-owner.js', line: 4, severity: 'info', data: { table: 'teams', column: 'ownerId' } },
      { messageId: 'notNullColumnWithoutModel', file: 'migrations/003-add-motto.js', line: 4, severity: 'warning', data: { table: 'teams', column: 'motto' } },
      { messageId: 'notNullKeyWithoutModel', file: 'migrations/003-add-motto.js', line: 5, severity: 'info', data: { column: 'league_id' } },
      { messageId: 'notNullKeyWithoutModel', file: 'migrations/003-add-motto.js', line: 6, severity: 'info', data: { column: 'captain' } },
    ],
  },
  {
    name: 'NOT NULL but with a default, nullable, JS-side default (UUIDV4 is no column default), or made nullable later: only the JS-side one fails creates',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: Sequelize.STRING,
      status: { type: Sequelize.STRING, allowNull: false, defaultValue: 'active' },
      note: { type: Sequelize.STRING, allowNull: true },
      token: { type: Sequelize.UUID, allowNull: false, defaultValue: Sequelize.UUIDV4 },
      legacy: { type: Sequelize.STRING, allowNull: false },
    });`),
      '002-relax.js': migration(`    await queryInterface.changeColumn('teams', 'legacy', { type: Sequelize.STRING, allowNull: true });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { column: 'status' } },
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { column: 'note' } },
      { messageId: 'notNullColumnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'warning', data: { column: 'token' } },
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { column: 'legacy' } },
    ],
  },
  {
    name: 'the same NOT NULL column mapped through an association (Team.belongsTo(User) adds UserId): nothing',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, UserId: { type: Sequelize.INTEGER, allowNull: false } });`),
      'models/user.js': userModel(''),
      'models/team.js': `module.exports = (sequelize) => {\n  const Team = sequelize.define('Team', {}, { tableName: 'teams', timestamps: false });\n  Team.associate = (models) => {\n    Team.belongsTo(models.User);\n  };\n  return Team;\n};\n`,
    },
    errors: [],
  },
  {
    name: 'a paranoid model whose deletedAt a migration adds to every table it lists (showAllTables() in a loop): the table may have it, nothing',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });`),
      '002-soft-delete.js': migration(`    for (const table of await queryInterface.showAllTables()) {
      await queryInterface.addColumn(table, 'deletedAt', { type: Sequelize.DATE, allowNull: true });
    }`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', paranoid: true });\n`,
    },
    errors: [],
  },
  {
    name: 'the same model when no migration adds deletedAt anywhere: the implied column is missing (error)',
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', paranoid: true });\n`,
    },
    errors: [{ messageId: 'impliedColumnWithoutMigration', file: 'models/team.js', line: 1, severity: 'error', data: { column: 'deletedAt' } }],
  },
  {
    name: 'the same sync in a developer\'s script only: the column is info, as without it',
    schemaSync: { script: 'db:sync', evidence: 'scripts/sync.js:3', development: true, alters: true, dropsColumns: true },
    files: {
      '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, legacy_code: Sequelize.STRING });`),
      'models/team.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n`,
    },
    errors: [{ messageId: 'columnWithoutModel', file: 'migrations/001-create-teams.js', line: 4, severity: 'info', data: { column: 'legacy_code' } }],
  },
  {
    name: 'the model table is never created',
    files: { '001-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } });`), 'models/user.js': userModel('') },
    errors: [{ messageId: 'modelTableWithoutMigration', file: 'models/user.js', line: 3, data: { model: 'User', table: 'users', why: 'no migration creates it', hint: '' } }],
  },
  {
    name: 'a default table name (Users) when the migration creates users',
    files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel('', 'timestamps: true') },
    errors: [{ messageId: 'modelTableWithoutMigration', file: 'models/user.js', line: 3, data: { table: 'Users', hint: ' (the migrations create `users`: quoted table names are case-sensitive)' } }],
  },
  {
    name: 'the same default table name (Users) on MySQL, where the server decides whether table names match by case: a warning that says so',
    dialect: 'mysql',
    files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel('', 'timestamps: true') },
    errors: [
      {
        messageId: 'modelTableWithoutMigration',
        file: 'models/user.js',
        line: 3,
        severity: 'warning',
        data: { table: 'Users', hint: ' (the migrations create `users`: MySQL matches table names by case where the server says so (lower_case_table_names 0, the default on Linux))' },
      },
    ],
  },
  {
    name: 'the model table was dropped',
    files: { '001-create-users.js': CREATE_USERS, '002-drop.js': migration(`    await queryInterface.dropTable('users');`), 'models/user.js': userModel('') },
    errors: [{ messageId: 'modelTableWithoutMigration', file: 'models/user.js', line: 3, data: { why: '002-drop.js drops it' } }],
  },
  {
    name: 'timestamps the table lacks (timestamps on by default)',
    files: {
      '001-create-tags.js': migration(`    await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
      'models/tag.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Tag', {\n  name: DataTypes.STRING,\n}, { tableName: 'tags' });\n`,
    },
    errors: [
      // One cause (`timestamps`), one finding naming both columns.
      { messageId: 'impliedColumnWithoutMigration', file: 'models/tag.js', line: 1, data: { column: 'createdAt', columns: 'columns `createdAt` and `updatedAt`', reason: '`timestamps`, on by default' } },
    ],
  },
  {
    name: 'an underscored model against camelCase timestamps',
    files: {
      '001-create-tags.js': migration(`    await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true }, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });`),
      'models/tag.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Tag', {}, {\n  tableName: 'tags',\n  underscored: true,\n});\n`,
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-tags.js', line: 4, data: { column: 'createdAt' } },
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-tags.js', line: 4, data: { column: 'updatedAt' } },
      { messageId: 'impliedColumnWithoutMigration', file: 'models/tag.js', line: 1, data: { column: 'created_at', columns: 'columns `created_at` and `updated_at`' } },
    ],
  },
  {
    name: 'a foreign key an association adds (Post.belongsTo(User) adds UserId)',
    files: {
      '001-create-posts.js': migration(`    await queryInterface.createTable('posts', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });`),
      '002-create-users.js': CREATE_USERS,
      'models/user.js': userModel(''),
      'models/post.js': `module.exports = (sequelize) => {\n  const Post = sequelize.define('Post', {}, { tableName: 'posts' });\n  Post.associate = (models) => {\n    Post.belongsTo(models.User);\n  };\n  return Post;\n};\n`,
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/001-create-posts.js', line: 4, data: { column: 'user_id' } },
      { messageId: 'impliedColumnWithoutMigration', file: 'models/post.js', line: 4, data: { column: 'UserId', reason: 'Post.belongsTo(User)' } },
    ],
  },
  {
    name: 'sequelize-typescript model (TypeScript) with a column no migration creates',
    files: {
      '001-create-posts.js': migration(`    await queryInterface.createTable('posts', { id: { type: Sequelize.INTEGER, primaryKey: true }, title: Sequelize.STRING, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });`),
      'models/Post.ts': `import { Column, DataType, Model, Table } from 'sequelize-typescript';

@Table({ tableName: 'posts' })
export class Post extends Model {
  @Column
  title!: string;

  @Column(DataType.TEXT)
  summary?: string;
}
`,
    },
    errors: [{ messageId: 'attributeWithoutMigration', file: 'models/Post.ts', line: 9, column: 3, data: { model: 'Post', attribute: 'summary' } }],
  },
  {
    // label #47 (TP): `documents.pinnedById`, a leftover no model maps, is still reported once base classes are read.
    name: 'sequelize-typescript: a leftover column no model maps, next to inherited ones, stays info',
    files: {
      ...BASES,
      '001-create-folders.js': CREATE_FOLDERS,
      '002-add-pinned-by.js': migration(`    await queryInterface.addColumn('folders', 'pinnedById', { type: Sequelize.UUID, allowNull: true });`),
      'models/Folder.ts': folderModel('TrashableModel'),
    },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/002-add-pinned-by.js', line: 4, severity: 'info', data: { table: 'folders', column: 'pinnedById', models: '`folder`' } },
    ],
  },
  {
    name: 'sequelize-typescript: an inherited @Column no migration creates is reported where the base class declares it',
    files: { ...BASES, '001-create-folders.js': CREATE_FOLDERS, 'models/Folder.ts': folderModel('ShelvableModel') },
    errors: [
      {
        messageId: 'inheritedAttributeWithoutMigration',
        file: 'models/base/ShelvableModel.ts',
        line: 7,
        column: 3,
        severity: 'error',
        data: { model: 'folder', attribute: 'shelvedAt', column: 'shelvedAt', table: 'folders', base: 'ShelvableModel' },
      },
    ],
  },
  {
    name: 'sequelize-typescript: an inherited @DeletedAt whose column no migration creates',
    files: {
      ...BASES,
      '001-create-folders.js': CREATE_FOLDERS.replace('      deletedAt: Sequelize.DATE,\n', ''),
      'models/Folder.ts': folderModel('TrashableModel'),
    },
    errors: [
      {
        messageId: 'impliedColumnWithoutMigration',
        file: 'models/base/TrashableModel.ts',
        line: 6,
        data: { model: 'folder', column: 'deletedAt', table: 'folders', reason: '`@DeletedAt` of `TrashableModel`' },
      },
    ],
  },
  {
    name: 'PostgreSQL: userId and UserId are two columns',
    dialect: 'postgres',
    files: { '001-create-users.js': CREATE_USERS, '002-create-posts.js': CREATE_POSTS, 'models/user.js': userModel(''), 'models/post.js': postModel },
    errors: [
      { messageId: 'columnWithoutModel', file: 'migrations/002-create-posts.js', line: 4, severity: 'info', data: { column: 'UserId' } },
      { messageId: 'impliedColumnWithoutMigration', file: 'models/post.js', line: 3, severity: 'error', data: { column: 'userId', reason: 'post.belongsTo(User)' } },
    ],
  },
  {
    name: 'a model in a subfolder that the loader does not read, but another file of the folder requires',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/index.js': `${POSTS_LOADER}db.banner = require('./retired/banner')(sequelize, Sequelize.DataTypes);\n`,
      'models/user.js': userModel(''),
      'models/retired/banner.js': `module.exports = (sequelize, DataTypes) => sequelize.define('banner', { slot: DataTypes.INTEGER }, { freezeTableName: true });\n`,
    },
    errors: [{ messageId: 'modelTableWithoutMigration', file: 'models/retired/banner.js', line: 1, data: { model: 'banner', table: 'banner' } }],
  },
  {
    name: 'a column no model maps is info, at the migration that creates it',
    files: {
      '001-create-users.js': CREATE_USERS,
      '002-add-legacy.js': migration(`    await queryInterface.addColumn('users', 'legacy_id', Sequelize.INTEGER);`),
      'models/user.js': userModel(''),
    },
    errors: [{ messageId: 'columnWithoutModel', file: 'migrations/002-add-legacy.js', line: 4, column: 11, severity: 'info', data: { table: 'users', column: 'legacy_id', migration: '002-add-legacy.js', models: '`User`' } }],
  },
];

const knownFalseNegatives: (Case & { why: string })[] = [
  {
    name: 'a belongsToMany through table that no migration creates',
    why: 'through tables are not models of the folder: their columns are not compared',
    files: {
      '001-create-users.js': CREATE_USERS,
      'models/user.js': `module.exports = (sequelize, DataTypes) => {\n  const User = sequelize.define('User', { email: DataTypes.STRING, displayName: { type: DataTypes.STRING, field: 'display_name' } }, { tableName: 'users' });\n  User.associate = (models) => User.belongsToMany(models.User, { through: 'user_follows', as: 'followers' });\n  return User;\n};\n`,
    },
  },
  {
    name: 'a type that differs (STRING in the model, INTEGER in the migration)',
    why: 'only the presence of columns is compared, not their types',
    files: { '001-create-users.js': CREATE_USERS, 'models/user.js': userModel('').replace('email: { type: DataTypes.STRING', 'email: { type: DataTypes.INTEGER') },
  },
];

beforeAll(async () => {
  await loadSqlParser();
});

describe('no-model-drift', () => {
  describe('valid', () => {
    it.each(valid)('$name', ({ files, options, dialect }) => {
      expect(lintDrift(files, options, dialect)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each(invalid)('$name', ({ files, options, errors, dialect, schemaSync }) => {
      const findings = lintDrift(files, options, dialect, schemaSync);
      expect(findings.map((f) => `${f.file}:${f.line} ${f.messageId}`)).toEqual(errors.map((e) => `${e.file}:${e.line} ${e.messageId}`));
      findings.forEach((f, i) => {
        const e = errors[i]!;
        expect(f.rule).toBe('no-model-drift');
        if (e.column !== undefined) expect(f.column).toBe(e.column);
        if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
        if (e.data) expect(f.data).toMatchObject(e.data);
        expect(f.message).not.toMatch(/\{\{/);
      });
      expect(render(projectWithModels(files, dialect), findings)).toMatchSnapshot();
    });
  });

  describe('known false negatives (not caught yet)', () => {
    it.each(knownFalseNegatives)('$name', ({ files, options }) => {
      expect(lintDrift(files, options)).toEqual([]);
    });
  });

  it('with models but no migration read (an empty folder, the migrations elsewhere) the rule says nothing: nothing says what the migrations create', () => {
    const withMigration = lintDrift({ '001.js': migration('    await queryInterface.sequelize.query("SELECT 1");'), 'models/user.js': userModel('email: DataTypes.STRING') });
    expect(withMigration.map((f) => f.messageId)).toEqual(['modelTableWithoutMigration']);
    expect(lintDrift({ 'models/user.js': userModel('email: DataTypes.STRING') })).toEqual([]);
    expect(lintDrift({ 'notes.js': 'module.exports = { helper() {} };', 'models/user.js': userModel('email: DataTypes.STRING') })).toEqual([]);
  });

  it('without models (project.models absent) the rule says nothing', () => {
    const project = projectFromSources({ '001.js': CREATE_USERS });
    expect(runRules(project, { [rule.id]: 'on' }, [rule])).toEqual([]);
  });
});

/** A project on disk, analyzed as the CLI will once the lead wires readModels into analyzeProject. */
async function analyzeWithModels(fixture: string): Promise<{ project: ProjectModel; findings: Finding[] }> {
  const { project } = await analyzeProject(path.join(REPO, 'fixtures', fixture));
  const info = project.project;
  project.models = readModels(new Workspace(info.absRoot), info.modelsDir!, { configFile: info.configFile });
  return { project, findings: sortFindings(runRules(project, { [rule.id]: 'on' }, [rule])) };
}

describe('fixtures/models-drift: each deliberate drift, with the model file and line', () => {
  it('reports exactly the drift the README lists', async () => {
    const { project, findings } = await analyzeWithModels('models-drift');
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.messageId}`)).toEqual([
      'migrations/20240101000000-create-customers.js:5:11 info columnWithoutModel',
      'models/cart.js:3:44 error modelTableWithoutMigration',
      'models/coupon.js:3:44 error modelTableWithoutMigration',
      'models/customer.js:10:5 error attributeWithoutMigration',
      'models/event.js:10:3 error impliedColumnWithoutMigration',
      'models/order.js:22:5 error attributeColumnRemoved',
    ]);
    const text = render(project, findings);
    expect(text).toContain('models/customer.js:10:5');
    expect(text).toContain('`Customer.phoneNumber` (column `phone_number` of `customers`) is defined in the model but no migration creates it');
  });
});

describe('fixtures/models-inheritance: base classes, accessors and timestamp options', () => {
  it('reports the deliberate drift and the leftover, nothing the base classes or accessors map', async () => {
    const { findings } = await analyzeWithModels('models-inheritance');
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.messageId} ${f.data?.column}`)).toEqual([
      'migrations/20240301000000-create-boards-and-cards.js:5:11 info columnWithoutModel legacyOwner',
      'models/Invoice.ts:10:3 error attributeWithoutMigration dueOn',
    ]);
  });
});

describe('fixtures/lms-backend', () => {
  it('finds exactly the one deliberate drift: User.linkedinUrl, and nothing else', async () => {
    const { findings } = await analyzeWithModels('lms-backend');
    expect(findings.map((f) => ({ file: f.file, line: f.line, column: f.column, messageId: f.messageId, data: f.data }))).toEqual([
      {
        file: 'models/User.js',
        line: 89,
        column: 5,
        messageId: 'attributeWithoutMigration',
        data: { model: 'User', attribute: 'linkedinUrl', column: 'linkedin_url', table: 'users' },
      },
    ]);
  });
});

describe('rules/no-model-drift.md examples', () => {
  const markdown = readFileSync(path.join(REPO, 'rules', 'no-model-drift.md'), 'utf8');
  const tokens = marked.lexer(markdown);
  const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Examples');
  const end = tokens.findIndex((t, i) => i > start && t.type === 'heading' && (t as Tokens.Heading).depth === 2);
  const examples: { kind: string; title: string; files: Files }[] = [];
  for (const t of tokens.slice(start + 1, end)) {
    if (t.type === 'paragraph') {
      const text = (t as Tokens.Paragraph).text.trim();
      if (text.startsWith('❌') || text.startsWith('✅')) examples.push({ kind: text.slice(0, 1), title: text.slice(1).trim(), files: {} });
    } else if (t.type === 'code') {
      const code = t as Tokens.Code;
      const named = /^\/\/ ((?:migrations|models)\/\S+)\s*$/.exec(code.text.split('\n')[0] ?? '');
      expect(named, `every example block names its file: ${code.text.split('\n')[0]}`).not.toBeNull();
      expect(code.lang).toBe('js');
      const name = named![1]!;
      examples.at(-1)!.files[name.startsWith('migrations/') ? name.slice('migrations/'.length) : name] = `${code.text}\n`;
    }
  }

  it('has ❌ and ✅ examples', () => {
    expect(examples.some((e) => e.kind === '❌')).toBe(true);
    expect(examples.some((e) => e.kind === '✅')).toBe(true);
  });

  it.each(examples)('$kind $title', ({ kind, files }) => {
    const findings = lintDrift(files).filter((f) => f.severity !== 'info' || kind === '❌');
    if (kind === '❌') expect(findings.length).toBeGreaterThan(0);
    else expect(findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});

describe('a committed SQL file that creates the tables no migration does (a schema dump): one info naming it (hold-out labels of session 23)', () => {
  const project = useTempProjects('drift-dump');
  const base: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'board', private: true, dependencies: { sequelize: '^6.37.0', pg: '^8.11.0' } }),
    'migrations/20240101000000-create-teams.js': migration(`    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });`),
    'models/team.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Team', { name: DataTypes.STRING }, { tableName: 'teams', timestamps: false });\n",
    'models/comment.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Comment', { body: DataTypes.TEXT }, { tableName: 'Comments', timestamps: false });\n",
    'models/invoice.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Invoice', { total: DataTypes.INTEGER }, { tableName: 'invoices', timestamps: false });\n",
    'models/task.js': "module.exports = (sequelize, DataTypes) => sequelize.define('Task', { title: DataTypes.STRING }, { tableName: 'tasks', timestamps: false });\n",
  };
  const pgDump = '--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n\nCREATE TABLE public."Comments" (\n    id integer NOT NULL,\n    body text\n);\n\nCREATE TABLE public.invoices (\n    id integer NOT NULL,\n    total integer\n);\n\nCREATE TABLE IF NOT EXISTS "public"."tasks" (id serial primary key, title varchar(255));\n';
  const drift = async (files: Record<string, string>) => {
    const { findings } = await analyzeProject(project({ ...base, ...files }));
    return findings.filter((f) => f.rule === 'no-model-drift').map((f) => [f.messageId, f.severity, f.file, f.data?.dump ?? null, f.data?.targets ?? f.data?.tables ?? null, f.data?.line ?? null]);
  };
  beforeAll(async () => loadSqlParser());

  it.each<[string, Record<string, string>, (string | null)[][]]>([
    ['a pg_dump committed beside the code creates all three: one info naming it', { 'db/backup.sql': pgDump }, [['builtByDump', 'info', 'models/comment.js', '`db/backup.sql`', '`Comments`, `invoices`, `tasks`', '7']]],
    ['a MySQL dump (backquoted names) creates them', { 'sql/schema.sql': 'DROP TABLE IF EXISTS `Comments`;\nCREATE TABLE `Comments` (`id` int NOT NULL);\nCREATE TABLE `invoices` (`id` int);\nCREATE TABLE `tasks` (`id` int);\n' }, [['builtByDump', 'info', 'models/comment.js', '`sql/schema.sql`', '`Comments`, `invoices`, `tasks`', '2']]],
    ['the dump creates one of them: that one is info, the two others the usual errors', { 'db/comments.sql': 'CREATE TABLE "Comments" (id integer);\n' }, [['builtByDump', 'info', 'models/comment.js', '`db/comments.sql`', '`Comments`', '1'], ['modelTableWithoutMigration', 'error', 'models/invoice.js', null, null, null], ['modelTableWithoutMigration', 'error', 'models/task.js', null, null, null]]],
    ['no SQL file: one warning that the schema is made elsewhere', {}, [['schemaMadeElsewhere', 'warning', 'models/comment.js', null, '`Comments`, `invoices`, `tasks`', null]]],
    ['an SQL file that only inserts rows: the same warning', { 'db/seed.sql': "INSERT INTO invoices (id, total) VALUES (1, 10);\n-- create table later\n" }, [['schemaMadeElsewhere', 'warning', 'models/comment.js', null, '`Comments`, `invoices`, `tasks`', null]]],
    ['a dump inside node_modules is not the project\'s', { 'node_modules/some-pkg/schema.sql': pgDump }, [['schemaMadeElsewhere', 'warning', 'models/comment.js', null, '`Comments`, `invoices`, `tasks`', null]]],
    // Hold-outs 85-86: migrations that only alter tables of a schema built before them (sync() at first, a hosted database).
    ['the migrations alter a table no migration creates (`accounts`): the schema came from elsewhere first, so the model tables no migration names are one info naming both', { 'migrations/20240201000000-account-flag.js': migration("    await queryInterface.addColumn('accounts', 'flag', { type: Sequelize.BOOLEAN });") }, [['baselineElsewhere', 'info', 'models/comment.js', null, '`Comments`, `invoices`, `tasks`', null]]],
    ['the table altered is a near name of one a migration creates (`team` for `teams`): a typo, no baseline; the usual warning', { 'migrations/20240201000000-team-flag.js': migration("    await queryInterface.addColumn('team', 'flag', { type: Sequelize.BOOLEAN });") }, [['schemaMadeElsewhere', 'warning', 'models/comment.js', null, '`Comments`, `invoices`, `tasks`', null]]],
  ])('%s', async (_name, files, expected) => {
    expect(await drift(files)).toEqual(expected);
  });
});
