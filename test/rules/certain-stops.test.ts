/**
 * A migration stops at its first step that fails for certain where the migrations before it ran (src/rules/certain-stops.ts):
 * a column added again, a column dropped again. No rule judges the steps after it (hold-out 61: a migration file
 * generated twice, its later statements reported again by no-destructive-up, require-idempotency-guard and
 * no-failing-not-null although the first statement already fails). End to end, every rule of the default preset.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const PKG = JSON.stringify({ name: 'staff-api', scripts: { migrate: 'sequelize-cli db:migrate' }, dependencies: { sequelize: '^6.37.0', 'sequelize-cli': '^6.6.0', pg: '^8.11.0' } }, null, 2);
const CONFIG = JSON.stringify({ production: { dialect: 'postgres', host: '127.0.0.1', database: 'staff', username: 'app', password: null } }, null, 2);
const migration = (...up: string[]) => `module.exports = {\n  async up(queryInterface, Sequelize) {\n${up.map((s) => `    ${s}\n`).join('')}  },\n  async down() {},\n};\n`;

/** Months apart, so that no drop is the young column of the migration just before. */
const BASE = {
  'package.json': PKG,
  'config/config.json': CONFIG,
  'migrations/20240101000000-create-staff.js': migration(
    "await queryInterface.createTable('staff', { id: { type: Sequelize.INTEGER, primaryKey: true }, grade: Sequelize.STRING, status: Sequelize.STRING, reason: Sequelize.STRING, phone: Sequelize.STRING });",
  ),
  'migrations/20240301000000-add-gender.js': migration("await queryInterface.addColumn('staff', 'gender', { type: Sequelize.STRING });"),
  'migrations/20240601000000-drop-status.js': migration("await queryInterface.removeColumn('staff', 'status');", "await queryInterface.removeColumn('staff', 'reason');"),
};

async function warningsAndErrors(files: Record<string, string>) {
  const result = await analyzeProject(project({ ...BASE, ...files }));
  return result.findings
    .filter((f) => f.severity !== 'info' && !f.file.endsWith('20240601000000-drop-status.js'))
    .map((f) => `${f.file.replace('migrations/', '')}:${f.line} ${f.rule} ${f.messageId} ${f.severity}`);
}

describe('steps after a step that fails for certain are judged by no rule', () => {
  it.each([
    {
      name: 'a copy of a migration that ran: its first drop fails (column does not exist); the second drop never runs',
      files: { 'migrations/20240601000100-drop-status.js': migration("await queryInterface.removeColumn('staff', 'status');", "await queryInterface.removeColumn('staff', 'reason');") },
      expected: ['20240601000100-drop-status.js:3 no-destructive-up alreadyDropped warning'],
    },
    {
      name: 'a column added again stops the migration: the NOT NULL column, the drop of a dropped column and the rerun hazard after it are not failures of their own',
      files: {
        'migrations/20240901000000-rework-staff.js': migration(
          "await queryInterface.addColumn('staff', 'gender', { type: Sequelize.STRING });",
          "await queryInterface.addColumn('staff', 'badge', { type: Sequelize.STRING, allowNull: false });",
          "await queryInterface.removeColumn('staff', 'status');",
        ),
      },
      expected: ['20240901000000-rework-staff.js:3 no-duplicate-create-table duplicateColumn error'],
    },
    {
      name: 'a drop of a dropped column stops the migration: the duplicate column after it is never reached',
      files: {
        'migrations/20240901000000-rework-staff.js': migration("await queryInterface.removeColumn('staff', 'reason');", "await queryInterface.addColumn('staff', 'gender', { type: Sequelize.STRING });"),
      },
      expected: ['20240901000000-rework-staff.js:3 no-destructive-up alreadyDropped warning'],
    },
    {
      name: 'a duplicate under a catch-all does not stop the migration: the drop after it runs and loses data',
      files: {
        'migrations/20241201000000-tolerant.js': migration(
          'try {',
          "  await queryInterface.addColumn('staff', 'gender', { type: Sequelize.STRING });",
          '} catch (e) {',
          '  // already there',
          '}',
          "await queryInterface.removeColumn('staff', 'grade');",
        ),
      },
      expected: ['20241201000000-tolerant.js:3 no-swallowed-errors swallowed warning', '20241201000000-tolerant.js:8 no-destructive-up dropColumn error'],
    },
    {
      name: 'a floating duplicate does not stop the migration (its rejection is not awaited): the steps after it are still judged',
      files: {
        'migrations/20240901000000-rework-staff.js': migration(
          "queryInterface.addColumn('staff', 'gender', { type: Sequelize.STRING });",
          "await queryInterface.addColumn('staff', 'badge', { type: Sequelize.STRING, allowNull: false });",
        ),
      },
      expected: [
        '20240901000000-rework-staff.js:3 no-duplicate-create-table duplicateColumn error',
        '20240901000000-rework-staff.js:3 no-floating-query floating error',
        '20240901000000-rework-staff.js:3 require-idempotency-guard notAtomic warning',
        '20240901000000-rework-staff.js:4 no-failing-not-null notNullWithoutDefault error',
      ],
    },
  ])('$name', async ({ files, expected }) => {
    expect(await warningsAndErrors(files)).toEqual(expected);
  });
});
