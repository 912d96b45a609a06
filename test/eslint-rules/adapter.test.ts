import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint';
import { indexClock } from '../../src/eslint/project-index';
import { RULES } from '../../src/rules/registry';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { eslintMessages, removeTempProjects, tempProject } from './support';

/**
 * What the ESLint adapter does around the rules, in an editor's situations
 * (unsaved buffers, files changing on disk between two lints). Cases that
 * show a misbehaviour run as `it.fails` with the diagnosis in a comment.
 */

beforeAll(async () => {
  await loadSqlParser();
});
afterAll(removeTempProjects);

function lintFile(root: string, rule: string, file: string, code: string): string[] {
  return eslintMessages(root, rule, file, code).map((m) => `${m.line}:${m.column} ${m.messageId}`);
}

const stub = (table: string) => `module.exports = { async up(qi, S) { await qi.createTable('${table}', { id: { type: S.INTEGER } }); }, async down() {} };\n`;

const createUsers = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      email: Sequelize.STRING,
      legacy_flags: Sequelize.INTEGER,
    });
  },
  async down() {},
};
`;
const userModel = (extra: string) => `module.exports = (sequelize, DataTypes) => sequelize.define('User', {
  email: DataTypes.STRING,${extra}
}, { tableName: 'users', timestamps: false });
`;
const LINKEDIN = "\n  linkedinUrl: { type: DataTypes.STRING, field: 'linkedin_url' },";
const LEGACY = "\n  legacyFlags: { type: DataTypes.INTEGER, field: 'legacy_flags' },";

describe('ESLint adapter', () => {
  it('exposes every migralint rule with its messages, docs URL and options schema', () => {
    expect(Object.keys(plugin.rules)).toEqual(RULES.map((r) => r.id));
    for (const rule of RULES) {
      const eslintRule = (plugin.rules as Record<string, { meta: { messages: unknown; docs: { url: string }; schema: unknown[] } }>)[rule.id]!;
      expect(eslintRule.meta.messages).toEqual(rule.meta.messages);
      expect(eslintRule.meta.docs.url).toBe(rule.meta.docs.url);
      expect(eslintRule.meta.schema).toEqual([rule.meta.schema]);
    }
  });

  it('the saved file and the same text as an unsaved buffer give the same findings', () => {
    const root = tempProject({ 'migrations/1-a.js': stub('a'), 'migrations/10-b.js': stub('b'), 'migrations/2-d.js': stub('d') });
    const saved = lintFile(root, 'valid-migration-order', 'migrations/10-b.js', stub('b'));
    expect(saved).toEqual(['1:1 stringOrderDiffers']);
    // A trailing comment makes the buffer differ from the disk: the buffer path.
    expect(lintFile(root, 'valid-migration-order', 'migrations/10-b.js', `${stub('b')}// editing\n`)).toEqual(saved);
  });

  // Diagnosis: analyze() appends a migration that is not on disk yet with
  // `migrations.push(...)`, after every saved sibling, instead of inserting it
  // at its place in the run order (the plain string sort of names). Cross-file
  // rules then judge a new, unsaved migration as the last one.
  it('a new migration not saved yet takes its place in the run order', () => {
    const root = tempProject({ 'migrations/1-a.js': stub('a'), 'migrations/2-d.js': stub('d') });
    // The runner would run 1-a, 10-b, 2-d: 10-b before 2-d although 10 > 2.
    expect(lintFile(root, 'valid-migration-order', 'migrations/10-b.js', stub('b'))).toEqual(['1:1 stringOrderDiffers']);
  });

  // Diagnosis: for a file that is not a migration (a model, the database
  // config), analyze() takes the project from the index, which reads models
  // and config from disk; the buffer is never used. An unsaved edit keeps the
  // old findings, at locations of the old text.
  it('an unsaved edit of a model is judged, not the model on disk', () => {
    const root = tempProject({ 'migrations/001-users.js': createUsers, 'models/user.js': userModel(LEGACY + LINKEDIN) });
    expect(lintFile(root, 'no-model-drift', 'models/user.js', userModel(LEGACY + LINKEDIN))).toEqual(['4:3 attributeWithoutMigration']);
    // The attribute is removed in the editor, not saved yet.
    expect(lintFile(root, 'no-model-drift', 'models/user.js', userModel(LEGACY))).toEqual([]);
  });

  // Diagnosis: when the buffer is the saved migration, cross-file results
  // are cached under `${absRoot}\0v${index.version}`; ProjectIndex bumps
  // `version` only when migrations change, not when a full sweep re-reads the
  // models, config or npm scripts. Linting only that migration again keeps
  // the old result until another file's lint replaces the rule's cache entry.
  it('a model saved after a migration was linted is seen when the migration is linted again', () => {
    const root = tempProject({ 'migrations/001-users.js': createUsers, 'models/user.js': userModel('') });
    expect(lintFile(root, 'no-model-drift', 'migrations/001-users.js', createUsers)).toEqual(['3:11 columnWithoutModel']);
    writeFileSync(path.join(root, 'models', 'user.js'), userModel(LEGACY));
    // Past the index's full-sweep interval (2 s), when it re-reads the models: the clock moves, nobody sleeps.
    const real = indexClock.now;
    const later = real() + 2_200;
    indexClock.now = () => later;
    try {
      expect(lintFile(root, 'no-model-drift', 'migrations/001-users.js', createUsers)).toEqual([]);
    } finally {
      indexClock.now = real;
    }
  });
});

describe('info findings in the editor', () => {
  const addBio = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};
`;
  it('a routine reversal (info in the CLI) is not shown by default: ESLint would show it at the rule\'s level, an error', () => {
    const root = tempProject({ 'migrations/20240101000000-create-users.js': createUsers });
    const file = 'migrations/20240201000000-add-bio.js';
    writeFileSync(path.join(root, file), addBio);
    expect(eslintMessages(root, 'no-destructive-down', file, addBio, undefined, { reportInfo: false })).toEqual([]);
  });

  it('settings: { migralint: { reportInfo: true } } shows it', () => {
    const root = tempProject({ 'migrations/20240101000000-create-users.js': createUsers });
    const file = 'migrations/20240201000000-add-bio.js';
    writeFileSync(path.join(root, file), addBio);
    expect(eslintMessages(root, 'no-destructive-down', file, addBio).map((m) => `${m.line}:${m.column} ${m.messageId} ${m.severity}`)).toEqual(['6:11 reversal 2']);
  });
});
