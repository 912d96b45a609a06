import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironmentSelection } from '../../src/config/environment-selection';
import { Workspace } from '../../src/workspace';
import { useTempProjects } from '../helpers/temp-project';

const project = useTempProjects('env-selection');
const ENVS = ['development', 'test', 'production', 'staging'];

/** The selection read from a project of these files, its values as `value@file:line` (`*` when deploy). */
function selection(files: Record<string, string>, configFile: string | null = 'config/config.js') {
  const s = readEnvironmentSelection(new Workspace(project(files)), ENVS, configFile);
  return { values: s.values.map((v) => `${v.value}@${v.file}:${v.line}${v.deploy ? '*' : ''}`), open: s.open && `${s.open.file}:${s.open.line}` };
}

describe('readEnvironmentSelection: where the project sets NODE_ENV', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['a Compose environment map', { 'docker-compose.yml': 'services:\n  api:\n    environment:\n      NODE_ENV: development\n' }, ['development@docker-compose.yml:4*']],
    ['a Compose environment list', { 'compose.yaml': 'services:\n  api:\n    environment:\n      - NODE_ENV=staging\n' }, ['staging@compose.yaml:4*']],
    ['both Dockerfile forms, and ARG', { Dockerfile: 'FROM node:20\nARG NODE_ENV=production\nENV NODE_ENV development\n' }, ['production@Dockerfile:2*', 'development@Dockerfile:3*']],
    ['the committed .env names it; it is deployed only where a deploying Compose file loads it', { '.env': 'PORT=3000\nNODE_ENV="development"\n', 'api/.env': 'NODE_ENV=staging\n', 'api/docker-compose.yml': 'services:\n  api:\n    env_file:\n      - ./.env\n' }, ['development@.env:2', 'staging@api/.env:1*']],
    ['images and Compose files for development, tests or CI name it and are no deployment', { 'Dockerfile.dev': 'ENV NODE_ENV=development\n', 'docker-compose.test.yml': 'services:\n  t:\n    environment:\n      - NODE_ENV=test\n', 'docker-compose.override.yml': 'services:\n  a:\n    environment:\n      NODE_ENV: development\n' }, ['development@Dockerfile.dev:1', 'development@docker-compose.override.yml:4', 'test@docker-compose.test.yml:4']],
    ['.env.production names it, and is no deploy evidence of its own', { '.env.production': 'NODE_ENV=production\n' }, ['production@.env.production:1']],
    ['a Kubernetes env entry in a deploy folder', { 'deploy/api.yml': 'env:\n  - name: NODE_ENV\n    value: "production"\n' }, ['production@deploy/api.yml:2*']],
    ['the start script (deploy) and another script (not)', { 'package.json': '{\n  "scripts": {\n    "start": "cross-env NODE_ENV=production node app.js",\n    "dev": "set NODE_ENV=development&& nodemon app.js"\n  }\n}\n' }, ['production@package.json:3*', 'development@package.json:4']],
    ['--env passed to sequelize-cli, and docker run --env NODE_ENV=', { 'package.json': '{\n  "scripts": {\n    "migrate": "sequelize db:migrate --env staging",\n    "up": "docker run --env NODE_ENV=production app"\n  }\n}\n' }, ['staging@package.json:3', 'production@package.json:4']],
    ['code: an assignment to process.env.NODE_ENV (deploy), a string in an object, a fallback', { 'src/boot.js': "process.env.NODE_ENV = 'production';\nconst apps = [{ env: { NODE_ENV: 'staging' } }];\nconst env = process.env.NODE_ENV || 'development';\n" }, ['production@src/boot.js:1*', 'staging@src/boot.js:2', 'development@src/boot.js:3']],
    ['code: a config environment read by name, not in the config file itself', { 'src/db.js': "const c = require('../config/config.js');\nmodule.exports = c.production;\nconst d = c['staging'];\n", 'config/config.js': 'module.exports.production = {}; const x = exportsObj.production;\n' }, ['production@src/db.js:2', 'staging@src/db.js:3']],
    ['code: comparisons, forwarding and calls are no values', { 'src/app.js': "if (process.env.NODE_ENV === 'production') {}\nif (process.env.NODE_ENV !== 'test') {}\nnew Define({ NODE_ENV: process.env.NODE_ENV });\nlogger.development();\n" }, []],
    ['test code is left out', { 'test/setup.js': "process.env.NODE_ENV = 'production';\n", 'src/app.spec.ts': "process.env.NODE_ENV = 'production';\n" }, []],
    ['node_modules and build output are left out', { 'node_modules/x/index.js': "process.env.NODE_ENV = 'production';\n", 'dist/app.js': "process.env.NODE_ENV = 'production';\n" }, []],
  ])('%s', (_name, files, values) => {
    expect(selection(files)).toEqual({ values, open: null });
  });
});

describe('readEnvironmentSelection: the choice left to the deployment', () => {
  it.each<[string, Record<string, string>, string]>([
    ['a Procfile (Heroku sets NODE_ENV=production)', { Procfile: 'web: node server.js\n' }, 'Procfile:1'],
    ['app.yaml of App Engine', { 'app.yaml': 'runtime: nodejs20\n' }, 'app.yaml:1'],
    ['a Heroku app.json', { 'app.json': '{ "buildpacks": [{ "url": "heroku/nodejs" }] }\n' }, 'app.json:1'],
    ['vercel.json', { 'vercel.json': '{}\n' }, 'vercel.json:1'],
    ['an Elastic Beanstalk extension', { '.ebextensions/node.config': 'option_settings: []\n' }, '.ebextensions/node.config:1'],
    ['a heroku-postbuild script', { 'package.json': '{\n  "scripts": {\n    "heroku-postbuild": "npm run build"\n  }\n}\n' }, 'package.json:3'],
    ['a Compose value from the shell', { 'docker-compose.yml': 'services:\n  api:\n    environment:\n      NODE_ENV: ${NODE_ENV:-development}\n' }, 'docker-compose.yml:4'],
    ['a Dockerfile ENV from a build argument', { Dockerfile: 'ARG APP_ENV\nENV NODE_ENV=$APP_ENV\n' }, 'Dockerfile:2'],
    ['a Dockerfile build argument NODE_ENV with no default', { Dockerfile: 'FROM node:20\nARG NODE_ENV\n' }, 'Dockerfile:2'],
  ])('%s', (_name, files, open) => {
    expect(selection(files).open).toBe(open);
  });

  it('an app.yaml or app.json of something else leaves nothing open', () => {
    expect(selection({ 'app.yaml': 'name: my-app\n', 'app.json': '{ "name": "x" }\n' }).open).toBeNull();
  });
});

describe('readEnvironmentSelection: what it reads', () => {
  it('reads no JSON file but those that can say how the project runs: a baseline or a report migralint wrote stays unread (a run never writes over a file it read)', () => {
    const root = project({
      'package.json': '{ "scripts": { "start": "NODE_ENV=production node app.js" } }\n',
      '.migralint-baseline.json': '{ "version": 1, "note": "NODE_ENV=development" }\n',
      'reports/migralint.json': '{ "message": "NODE_ENV: development" }\n',
    });
    const workspace = new Workspace(root);
    const s = readEnvironmentSelection(workspace, ENVS, null);
    expect(s.values.map((v) => `${v.value}@${v.file}`)).toEqual(['production@package.json']);
    const read = workspace.inputs().map((abs) => path.relative(root, abs).split(path.sep).join('/'));
    expect(read).toContain('package.json');
    expect(read).not.toContain('.migralint-baseline.json');
    expect(read).not.toContain('reports/migralint.json');
  });
});

describe('readEnvironmentSelection: whether anything says the project is deployed', () => {
  /** The deployment read from a project of these files (the project in `at`, a folder of them), as `file:line`. */
  function deployment(files: Record<string, string>, at = '.'): string | null {
    const s = readEnvironmentSelection(new Workspace(path.join(project(files), at)), ENVS, 'config/config.js');
    return s.deployment && `${s.deployment.file}:${s.deployment.line}`;
  }
  it.each<[string, Record<string, string>, string | null, string?]>([
    ['nothing but the code and a nodemon script: not deployed', { 'package.json': '{\n  "scripts": {\n    "dev": "nodemon app.js",\n    "start": "node app.js"\n  }\n}\n', 'app.js': 'require("./models");\n' }, null],
    ['a Dockerfile', { Dockerfile: 'FROM node:20\nCMD ["node", "app.js"]\n' }, 'Dockerfile:1'],
    ['a Compose file that builds the application', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n' }, 'docker-compose.yml:3'],
    ['only a Compose file and a Dockerfile named for development: not deployed', { 'docker-compose.dev.yml': 'services:\n  db:\n    image: postgres\n', 'Dockerfile.dev': 'FROM node:20\n' }, null],
    ['a Procfile (a platform)', { Procfile: 'web: node app.js\n' }, 'Procfile:1'],
    ['a pm2 ecosystem file', { 'ecosystem.config.js': 'module.exports = { apps: [{ script: "app.js" }] };\n' }, 'ecosystem.config.js:1'],
    ['an npm script under pm2', { 'package.json': '{\n  "scripts": {\n    "prod": "pm2 start app.js"\n  }\n}\n' }, 'package.json:3'],
    ['the start script setting NODE_ENV=production', { 'package.json': '{\n  "scripts": {\n    "start": "NODE_ENV=production node app.js"\n  }\n}\n' }, 'package.json:3'],
    ['the start script setting NODE_ENV=development: not deployed', { 'package.json': '{\n  "scripts": {\n    "start": "NODE_ENV=development node app.js"\n  }\n}\n' }, null],
    ['a CI workflow that deploys', { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n      - run: ssh app@host ./restart.sh\n' }, '.github/workflows/ci.yml:6'],
    ['a CI workflow that only tests: not deployed', { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n' }, null],
    ['a Compose file that only runs the database: not deployed', { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' }, null],
    ['a Compose file that builds the application but runs it with nodemon: a developer\'s, not deployed', { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    command: npx nodemon --inspect=0.0.0.0 app.js\n' }, null],
    ['a lowercase procfile', { procfile: 'web: node app.js\n' }, 'procfile:1'],
    ['a CircleCI job that deploys', { '.circleci/config.yml': 'jobs:\n  ship:\n    steps:\n      - run: npx heroku container:push web\n' }, '.circleci/config.yml:4'],
    ['a shell script that restarts it with pm2 on a server', { 'scripts/release.sh': '#!/bin/sh\nssh app@203.0.113.5 "cd api && git pull && pm2 reload api"\n' }, 'scripts/release.sh:2'],
    ['an npm script named deploy', { 'package.json': '{\n  "scripts": {\n    "deploy": "gh-pages -d build"\n  }\n}\n' }, 'package.json:3'],
    ['a dependency named like a deploy tool is no script: not deployed', { 'package.json': '{\n  "dependencies": {\n    "pm2": "^5.3.0",\n    "deploy-kit": "^1.0.0"\n  }\n}\n' }, null],
    ['NODE_ENV=production in another npm script (serve)', { 'package.json': '{\n  "scripts": {\n    "serve": "NODE_ENV=production node dist/app.js"\n  }\n}\n' }, 'package.json:3'],
    ['NODE_ENV=production in the committed .env', { '.env': 'PORT=8080\nNODE_ENV=production\n' }, '.env:2'],
    ['NODE_ENV=production only in .env.example: not deployed', { '.env.example': 'NODE_ENV=production\n' }, null],
    ['a Dockerfile at the repository root above the project (a monorepo)', { Dockerfile: 'FROM node:20\n', 'api/package.json': '{}\n' }, '../Dockerfile:1', 'api'],
    ['nothing above a project that is the repository root itself (.git): not deployed', { Dockerfile: 'FROM node:20\n', 'api/.git/HEAD': 'ref: refs/heads/main\n', 'api/package.json': '{}\n' }, null, 'api'],
  ])('%s', (_name, files, expected, at) => {
    expect(deployment(files, at)).toBe(expected);
  });
});
