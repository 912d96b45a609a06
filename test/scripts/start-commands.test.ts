/**
 * What a deployment runs when it starts the application, read from a Procfile, a Compose file and a Dockerfile, and
 * no-destructive-down's finding when that start undoes every migration (`db:migrate:undo:all` before `db:migrate`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempProjects } from '../helpers/temp-project';
import { analyzeProject } from '../../src/project';
import { readStartCommands } from '../../src/scripts/start-commands';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { Workspace } from '../../src/workspace';

const project = useTempProjects('start');
beforeAll(async () => {
  await loadSqlParser();
});

const MIGRATION = (table: string) => `module.exports = { up: async (qi, S) => { await qi.createTable('${table}', { id: { type: S.INTEGER, primaryKey: true } }); }, down: async (qi) => { await qi.dropTable('${table}'); } };\n`;

describe('readStartCommands', () => {
  it('reads Procfile processes, Compose commands (string, folded sh -c script, exec array) and Dockerfile CMD / ENTRYPOINT', () => {
    const root = project({
      Procfile: 'web: npm run migrate && npm start\n# worker: node jobs.js\nrelease: npx sequelize-cli db:migrate\n',
      'docker-compose.yml': `services:
  web:
    image: app
    command: >
      sh -c "
        npm run db:migrate &&
        npm start
      "
  jobs:
    command: ["node", "jobs.js"]
  db:
    image: postgres
`,
      Dockerfile: 'FROM node:20\nCMD ["sh", "-c", "npx sequelize-cli db:migrate && node index.js"]\n',
    });
    const commands = readStartCommands(new Workspace(root)).map((c) => [c.file, c.line, c.name, c.command.replace(/\s+/g, ' ').trim()]);
    expect(commands).toEqual([
      ['Dockerfile', 2, 'CMD', 'npx sequelize-cli db:migrate && node index.js'],
      ['Procfile', 1, 'web', 'npm run migrate && npm start'],
      ['Procfile', 3, 'release', 'npx sequelize-cli db:migrate'],
      ['docker-compose.yml', 4, 'service web', 'npm run db:migrate && npm start'],
      ['docker-compose.yml', 10, 'service jobs', 'node jobs.js'],
    ]);
  });
});

describe('no-destructive-down: a start that undoes every migration', () => {
  const base = {
    'package.json': JSON.stringify({
      name: 'permits',
      dependencies: { sequelize: '6', 'sequelize-cli': '6', pg: '8' },
      scripts: { migrate: 'sequelize db:migrate:undo:all; sequelize db:migrate', 'db:reset': 'sequelize db:migrate:undo:all && sequelize db:migrate', start: 'node app.js', 'migrate:up': 'sequelize db:migrate' },
    }),
    'migrations/20200101000000-permits.js': MIGRATION('permits'),
    'migrations/20200102000000-applications.js': MIGRATION('applications'),
  };
  it.each([
    { name: 'a Procfile web process running it: an error at the Procfile line', files: { Procfile: 'web: npm run migrate && npm start\n' }, expected: [['Procfile', 1, 'error']] },
    {
      name: 'a Compose service command running it: an error at the command line',
      files: { 'docker-compose.yml': 'services:\n  web:\n    command: sh -c "npx sequelize-cli db:migrate:undo:all && npx sequelize-cli db:migrate && npm start"\n' },
      expected: [['docker-compose.yml', 3, 'error']],
    },
    { name: 'a Compose file for development: a reset of a throwaway database, nothing', files: { 'docker-compose.dev.yml': 'services:\n  web:\n    command: npm run migrate\n' }, expected: [] },
    { name: 'a Procfile that only migrates; the reset only in an npm script run by hand: nothing', files: { Procfile: 'release: npm run migrate:up\nweb: npm start\n' }, expected: [] },
  ])('$name', async ({ files, expected }) => {
    const result = await analyzeProject(project({ ...base, ...files }));
    const found = result.findings.filter((f) => f.messageId === 'undoAllAtStart').map((f) => [f.file, f.line, f.severity]);
    expect(found).toEqual(expected);
    if (expected.length > 0) {
      const message = result.findings.find((f) => f.messageId === 'undoAllAtStart')!.message;
      expect(message).toMatch(/every `down` runs, newest first, .* drops what the migrations built \(`applications`, `permits`\)/);
    }
  });
});
