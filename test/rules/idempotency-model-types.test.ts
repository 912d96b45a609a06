/**
 * require-idempotency-guard on a table no migration creates (the application's `sync()` made it, commented out
 * since): a later changeColumn that restates the type the model maps the column with, and only relaxes NOT NULL,
 * converts no value and refuses no row, so it cannot fail on its own (info). Hold-out 86: a message table's
 * `sender_id` made nullable after a new column; the model maps it as INTEGER.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const MODEL = `module.exports = (sequelize, DataTypes) => sequelize.define('GroupMessage', {
  sender_id: { type: DataTypes.INTEGER, allowNull: true },
  body: DataTypes.TEXT,
}, { tableName: 'group_messages', timestamps: false });
`;

const migration = (change: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('group_messages', 'kind', { type: Sequelize.STRING, allowNull: false, defaultValue: 'text' });
    await queryInterface.changeColumn('group_messages', ${change});
  },
  async down() {},
};
`;

describe('a later changeColumn on a table no migration creates, judged by the model\'s type for the column', () => {
  it.each([
    { name: 'restates the model\'s INTEGER and relaxes NOT NULL: cannot fail on its own (info)', change: `'sender_id', { type: Sequelize.INTEGER, allowNull: true }`, severity: 'info' },
    { name: 'changes the model\'s INTEGER to a STRING of 10: a conversion that can meet a value too long (warning)', change: `'sender_id', { type: Sequelize.STRING(10), allowNull: true }`, severity: 'warning' },
    { name: 'restates INTEGER and asks for NOT NULL: existing NULLs refuse it (warning)', change: `'sender_id', { type: Sequelize.INTEGER, allowNull: false }`, severity: 'warning' },
    { name: 'a column the model does not map: its type is not known (warning)', change: `'receiver_id', { type: Sequelize.INTEGER, allowNull: true }`, severity: 'warning' },
  ])('$name', async ({ change, severity }) => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'chat', dependencies: { sequelize: '^6.0.0', pg: '^8.0.0' }, devDependencies: { 'sequelize-cli': '^6.0.0' } }),
      'config/config.json': JSON.stringify({ development: { dialect: 'postgres' }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }),
      'models/group-message.js': MODEL,
      'src/messages.js': `const { GroupMessage } = require('../models');\nexports.list = () => GroupMessage.findAll();\n`,
      'migrations/20250624045415-add-kind-to-group-messages.js': migration(change),
    });
    const result = await analyzeProject(dir);
    const found = result.findings.filter((f) => f.rule === 'require-idempotency-guard');
    expect(found.map((f) => [f.line, f.severity])).toEqual([[3, severity]]);
  });
});
