/**
 * no-destructive-down `undoAllAtStart`: a start command (npm start, a Procfile process, a Compose service, a
 * Dockerfile CMD) that runs `sequelize-cli db:migrate:undo:all` drops what the migrations built at every start.
 * End to end: the scripts are read from the project's own files (src/scripts/start-commands.ts), the process named
 * from what starts it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { tempProject as project } from '../eslint-rules/support';

const PKG = (scripts: Record<string, string>) => JSON.stringify({ name: 'board', scripts, dependencies: { sequelize: '^6.0.0', pg: '^8.0.0', 'sequelize-cli': '^6.0.0' } }, null, 2);
const CONFIG = `module.exports = { production: { dialect: 'postgres', host: process.env.DB_HOST } };\n`;
const CREATE = `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('boards', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('boards');
  },
};
`;
const RESET = 'npx sequelize-cli db:migrate:undo:all && npx sequelize-cli db:migrate && node server.js';

async function startFindings(files: Record<string, string>) {
  const result = await analyzeProject(project({ 'config/config.js': CONFIG, 'migrations/20240101000000-create-boards.js': CREATE, 'server.js': 'require("http").createServer().listen(3000);\n', ...files }));
  return result.findings.filter((f) => f.messageId === 'undoAllAtStart').map((f) => ({ file: f.file, line: f.line, severity: f.severity, message: f.message }));
}

describe('no-destructive-down: undo:all at every start', () => {
  it.each([
    {
      name: 'npm start runs undo:all: `npm start`, at its line of package.json',
      files: { 'package.json': PKG({ start: RESET }) },
      expected: [{ file: 'package.json', line: 4, where: '`npm start`' }],
    },
    {
      name: 'a Procfile process runs it: the file and the process (web)',
      files: { 'package.json': PKG({ start: 'node server.js' }), Procfile: `release: echo ready\nweb: ${RESET}\n` },
      expected: [{ file: 'Procfile', line: 2, where: '`Procfile` (web)' }],
    },
    {
      name: 'a Compose service runs it: the file and the service',
      files: { 'package.json': PKG({ start: 'node server.js' }), 'docker-compose.yml': `services:\n  api:\n    image: node:20\n    command: sh -c "${RESET}"\n` },
      expected: [{ file: 'docker-compose.yml', line: 4, where: '`docker-compose.yml` (service api)' }],
    },
  ])('$name', async ({ files, expected }) => {
    const found = await startFindings(files);
    expect(found.map(({ file, line, severity }) => ({ file, line, severity }))).toEqual(expected.map(({ file, line }) => ({ file, line, severity: 'error' })));
    for (const [i, e] of expected.entries()) {
      expect(found[i]!.message.startsWith(`${e.where} runs at every start of the application`)).toBe(true);
      expect(found[i]!.message).toContain('(`boards`)');
    }
  });

  it.each([
    { name: 'a Compose file for development resets a throwaway database', files: { 'package.json': PKG({ start: 'node server.js' }), 'docker-compose.dev.yml': `services:\n  api:\n    command: sh -c "${RESET}"\n` } },
    { name: 'a script someone runs by hand (db:reset) is not a start', files: { 'package.json': PKG({ start: 'node server.js', 'db:reset': RESET }) } },
  ])('not at start: $name', async ({ files }) => {
    expect(await startFindings(files)).toEqual([]);
  });
});
