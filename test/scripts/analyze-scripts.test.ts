import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { addScripts, buildProjectModel } from '../../src/project';
import { discoverLayout, listMigrationFiles } from '../../src/discovery';
import type { DataLoss, ScriptRisk } from '../../src/model';
import { analyzeScripts } from '../../src/scripts/analyze-scripts';
import { Workspace } from '../../src/workspace';

const REPO = path.resolve(__dirname, '..', '..');

/** Analyzes the npm scripts of a project folder, statically. */
function analyze(root: string): ScriptRisk[] {
  const workspace = new Workspace(root);
  const info = discoverLayout(root, {}, workspace);
  const project = buildProjectModel(info, listMigrationFiles(info, workspace), workspace);
  return analyzeScripts({ workspace, project });
}

const results = new Map<string, Map<string, ScriptRisk>>();
const order = new Map<string, string[]>();

beforeAll(async () => {
  await loadSqlParser();
  for (const fixture of ['lms-backend', 'scripts-cli', 'scripts-node']) {
    const risks = analyze(path.join(REPO, 'fixtures', fixture));
    results.set(fixture, new Map(risks.map((r) => [r.name, r])));
    order.set(fixture, risks.map((r) => r.name));
  }
});

function risk(fixture: string, name: string): ScriptRisk {
  const r = results.get(fixture)?.get(name);
  if (!r) throw new Error(`${fixture}: script ${name} is not listed (listed: ${order.get(fixture)?.join(', ')})`);
  return r;
}

interface Case {
  name: string;
  dataLoss: DataLoss;
  environment?: ScriptRisk['environment'];
  /** Each must match the reason. */
  reason?: RegExp[];
  /** Each must match one safeguard. */
  safeguards?: RegExp[];
  /** No safeguard at all. */
  noSafeguards?: true;
  /** file:line that must be among the evidence. */
  evidence?: string[];
  purpose?: RegExp;
}

function check(fixture: string, c: Case): void {
  const r = risk(fixture, c.name);
  expect({ name: r.name, dataLoss: r.dataLoss }).toEqual({ name: c.name, dataLoss: c.dataLoss });
  if (c.environment) expect(r.environment).toBe(c.environment);
  for (const re of c.reason ?? []) expect(r.reason).toMatch(re);
  for (const re of c.safeguards ?? []) expect(r.safeguards.some((s) => re.test(s)), `${re} in ${JSON.stringify(r.safeguards)}`).toBe(true);
  for (const re of c.safeguards ?? []) expect(r.reason).toMatch(re);
  if (c.noSafeguards) expect(r.safeguards).toEqual([]);
  const cited = r.evidence.map((e) => `${e.file}:${e.line}`);
  for (const e of c.evidence ?? []) expect(cited).toContain(e);
  if (c.purpose) expect(r.purpose).toMatch(c.purpose);
}

describe('lms-backend: the seed report command tables', () => {
  it('lists exactly the database scripts, in package.json order (not the server, not jest)', () => {
    expect(order.get('lms-backend')).toEqual([
      'db:setup:dev',
      'db:setup:dev:fresh',
      'db:create-admin',
      'db:seed',
      'db:setup:prod',
      'db:migrate',
      'db:migrate:status',
      'db:migrate:undo',
      'legacy:create-tables',
      'legacy:delete-tables',
    ]);
  });

  const cases: Case[] = [
    {
      name: 'db:setup:dev',
      dataLoss: 'none',
      environment: 'development',
      reason: [/scripts\/setup-dev\.js:43/, /force = false/, /--fresh is not passed/, /creates missing tables only/],
      safeguards: [/refuses to run when NODE_ENV=production \(scripts\/setup-dev\.js:28\)/],
      evidence: ['scripts/setup-dev.js:43', 'package.json:11'],
      purpose: /Create missing tables from the models/,
    },
    {
      name: 'db:setup:dev:fresh',
      dataLoss: 'all',
      environment: 'development',
      reason: [/scripts\/setup-dev\.js:43/, /force = true/, /--fresh is passed/, /all data is lost/],
      safeguards: [/3-second countdown \(scripts\/setup-dev\.js:40\)/, /refuses to run when NODE_ENV=production \(scripts\/setup-dev\.js:28\)/],
      evidence: ['scripts/setup-dev.js:43'],
      purpose: /Drop and recreate all tables/,
    },
    {
      name: 'db:create-admin',
      dataLoss: 'none',
      environment: 'development',
      reason: [/scripts\/create-admin\.js:26/, /User\.create/, /nothing drops, truncates or deletes/],
      noSafeguards: true,
    },
    {
      name: 'db:seed',
      dataLoss: 'none',
      environment: 'development',
      reason: [/scripts\/seed\.js:\d+/, /bulkCreate/],
      safeguards: [/refuses to run when NODE_ENV=production \(scripts\/seed\.js:17\)/],
    },
    {
      name: 'db:setup:prod',
      dataLoss: 'none',
      environment: 'production',
      reason: [/scripts\/run-migrations-safe\.js:68 runs `npx sequelize-cli db:migrate`/, /no up destroys data/, /31 ups/],
      safeguards: [/5-second production warning \(scripts\/run-migrations-safe\.js:63\)/, /tests the database connection first \(scripts\/run-migrations-safe\.js:41\)/, /db:migrate:status/],
      evidence: ['scripts/run-migrations-safe.js:68'],
    },
    {
      name: 'db:migrate',
      dataLoss: 'none',
      environment: 'production',
      reason: [/scripts\/run-migrations-safe\.js:68/, /no up destroys data/],
      // NODE_ENV is not set by this command: the warning is credited, with its condition.
      safeguards: [/5-second production warning \(scripts\/run-migrations-safe\.js:63; only when NODE_ENV=production/, /tests the database connection first \(scripts\/run-migrations-safe\.js:41\)/],
      purpose: /Run pending migrations/,
    },
    { name: 'db:migrate:status', dataLoss: 'none', environment: 'production', reason: [/db:migrate:status/, /only lists/], noSafeguards: true },
    {
      name: 'db:migrate:undo',
      dataLoss: 'none',
      environment: 'production',
      reason: [
        /the last migration \(20241201000003-create-chat-tables\.js\) has an empty down \(migrations\/20241201000003-create-chat-tables\.js:\d+\)/,
        // 031's destructive down is real, but eleven undos back.
        /031-add-profile-fields-to-users\.js is 11 undos back/,
        /users\.bio/,
      ],
      noSafeguards: true,
    },
    { name: 'legacy:create-tables', dataLoss: 'none', environment: 'legacy', reason: [/scripts\/legacy\/create-tables\.js:7 `db\.sequelize\.sync\(\)`/, /creates missing tables only/] },
    {
      name: 'legacy:delete-tables',
      dataLoss: 'all',
      environment: 'legacy',
      reason: [/scripts\/legacy\/delete-tables\.js:7 `db\.sequelize\.drop\(\)`/, /all data is lost/],
      evidence: ['scripts/legacy/delete-tables.js:7'],
      purpose: /Drop all model tables/,
    },
  ];
  it.each(cases)('$name: $dataLoss', (c) => check('lms-backend', c));
});

describe('sequelize-cli subcommands, chains, npm run, psql, shell (fixtures/scripts-cli)', () => {
  it('leaves out scripts that do not touch the database (build, lint, migration:generate, an echo pre-script)', () => {
    const names = order.get('scripts-cli')!;
    for (const n of ['build', 'lint', 'migration:new', 'predb:nuke']) expect(names).not.toContain(n);
    expect(names[0]).toBe('db:migrate');
  });

  const cases: Case[] = [
    { name: 'db:migrate', dataLoss: 'some', environment: 'production', reason: [/drops column `users\.legacy_flag`/, /migrations\/002-drop-legacy-flag\.js:5/], evidence: ['migrations/002-drop-legacy-flag.js:5'] },
    { name: 'db:migrate:prod', dataLoss: 'some', environment: 'production', reason: [/--env production/] },
    { name: 'db:migrate:first', dataLoss: 'none', reason: [/through 001-create-users\.js/, /no up destroys data/] },
    { name: 'db:migrate:other-folder', dataLoss: 'unknown', reason: [/db\/other-migrations, not the analyzed migrations\//] },
    { name: 'db:status', dataLoss: 'none', environment: 'production' },
    { name: 'db:undo', dataLoss: 'some', reason: [/the last migration \(003-add-bio\.js\) destroys data/, /migrations\/003-add-bio\.js:9/], evidence: ['migrations/003-add-bio.js:9'] },
    { name: 'db:undo:flag', dataLoss: 'none', reason: [/migration 002-drop-legacy-flag\.js has an empty down/] },
    { name: 'db:undo:all', dataLoss: 'all', reason: [/drops every table \(migrations\/001-create-users\.js:13\)/, /users\.bio/] },
    { name: 'db:drop', dataLoss: 'all', environment: 'development', reason: [/drops the whole database/] },
    { name: 'db:create', dataLoss: 'none' },
    // Seeders come from .sequelizerc's seeders-path (db/seeders).
    { name: 'db:seed:all', dataLoss: 'some', environment: 'development', reason: [/deletes every row of `sessions`/, /db\/seeders\/20240102000000-reset-sessions\.js:6/] },
    { name: 'db:seed:demo', dataLoss: 'none', reason: [/seeder 20240101000000-demo-users\.js/] },
    { name: 'db:seed:undo', dataLoss: 'some', reason: [/deletes the rows of `users` matching/] },
    // && chain: the worst of the parts.
    { name: 'db:reset', dataLoss: 'all', environment: 'development', reason: [/db:drop/, /then `sequelize-cli db:migrate`/], purpose: /Drop the database, then Create the database, then Run pending migrations/ },
    // npm run is followed.
    { name: 'db:fresh', dataLoss: 'all', reason: [/`npm run db:reset` ->/, /`npm run db:seed:all` ->/] },
    // cross-env, npx --yes, a redirection and a pipe.
    { name: 'deploy:migrate', dataLoss: 'some', environment: 'production' },
    { name: 'db:nuke', dataLoss: 'all', reason: [/`dropdb app_dev` drops the whole database/] },
    { name: 'db:psql:sessions', dataLoss: 'some', reason: [/drops table `sessions`/] },
    { name: 'db:psql:cleanup', dataLoss: 'some', reason: [/empties `audit_logs`/], evidence: ['sql/cleanup.sql:1'] },
    { name: 'db:psql:report', dataLoss: 'none' },
    { name: 'db:reset:sh', dataLoss: 'all', reason: [/^scripts\/reset\.sh: /] },
    // A cycle of npm runs is reported, not followed forever.
    { name: 'loop:a', dataLoss: 'unknown', reason: [/calls itself \(loop:a -> loop:b -> loop:a\)/] },
  ];
  it.each(cases)('$name: $dataLoss', (c) => check('scripts-cli', c));
});

describe('node scripts (fixtures/scripts-node)', () => {
  it('leaves out an app server and a script whose glob.sync is not Sequelize', () => {
    expect(order.get('scripts-node')).not.toContain('start');
    expect(order.get('scripts-node')).not.toContain('docs');
  });

  const cases: Case[] = [
    { name: 'db:force', dataLoss: 'all', reason: [/scripts\/sync-force\.js:4 `sequelize\.sync\(\{ force: true \}\)`/], noSafeguards: true },
    // node -r dotenv/config
    { name: 'db:alter', dataLoss: 'some', reason: [/scripts\/sync-alter\.js:4/, /alter = true/, /columns the models lack are dropped/], purpose: /Alter tables/ },
    { name: 'db:alter:keep', dataLoss: 'unknown', reason: [/alter\.drop = false/] },
    // process.argv.includes('--reset') against the script's own arguments.
    { name: 'db:sync', dataLoss: 'none', reason: [/force = false \(--reset is not passed\)/] },
    { name: 'db:sync:reset', dataLoss: 'all', reason: [/force = true \(--reset is passed\)/] },
    // npm run x -- --reset passes the flag on.
    { name: 'db:sync:reset:npm', dataLoss: 'all', reason: [/`npm run db:sync` ->/, /--reset is passed/] },
    // process.argv[2] === 'fresh'
    { name: 'db:mode', dataLoss: 'none', reason: [/scripts\/sync-mode\.js:9 `sequelize\.sync\(\)`/, /scripts\/sync-mode\.js:7 is not reached: `mode === 'fresh'` is false/] },
    { name: 'db:mode:fresh', dataLoss: 'all', reason: [/scripts\/sync-mode\.js:7/] },
    // process.env.X: unknown when the command does not set it, and the reason says which.
    { name: 'db:env', dataLoss: 'unknown', reason: [/DB_RESET is not set by the command/] },
    { name: 'db:env:yes', dataLoss: 'all', reason: [/DB_RESET=yes/] },
    // A countdown and a production check before drop().
    { name: 'db:wipe', dataLoss: 'all', reason: [/scripts\/wipe\.js:12 `sequelize\.drop\(\)`/], safeguards: [/10-second countdown \(scripts\/wipe\.js:11\)/, /refuses to run when NODE_ENV=production \(scripts\/wipe\.js:6\)/] },
    // The same script with NODE_ENV=production stops before the drop.
    { name: 'db:wipe:prod', dataLoss: 'none', environment: 'production', reason: [/is not reached: scripts\/wipe\.js:6 stops first/, /NODE_ENV=production/] },
    { name: 'db:wipe:confirm', dataLoss: 'all', reason: [/dropAllTables\(\)/], safeguards: [/asks for confirmation first \(scripts\/wipe-confirm\.js:6\)/] },
    { name: 'db:dev-only', dataLoss: 'all', safeguards: [/skipped when NODE_ENV=production \(scripts\/dev-only-reset\.js:4\)/] },
    // A local module, followed one level, with the flag passed as an argument.
    { name: 'db:rebuild', dataLoss: 'none', reason: [/scripts\/lib\/reset-database\.js:4/, /--hard is not passed/] },
    { name: 'db:rebuild:hard', dataLoss: 'all', reason: [/scripts\/lib\/reset-database\.js:4/, /--hard is passed/], evidence: ['scripts/lib/reset-database.js:4'] },
    { name: 'db:bootstrap', dataLoss: 'some', reason: [/scripts\/lib\/bootstrap-schema\.js:4/] },
    // execSync / spawnSync of sequelize-cli count as the subcommand.
    { name: 'db:undo:all', dataLoss: 'none', environment: 'production', reason: [/scripts\/exec-undo\.js:3 runs `npx sequelize-cli db:migrate:undo:all`/, /destroys no data/] },
    { name: 'db:drop:spawn', dataLoss: 'all', reason: [/scripts\/spawn-drop\.js:3 runs `npx sequelize-cli db:drop`/] },
    // Raw SQL through the PostgreSQL parser, queryInterface.dropTable.
    { name: 'db:sql', dataLoss: 'some', reason: [/drops table `audit_logs`/, /dropTable\('sessions'\)/] },
    { name: 'db:sql:unknown', dataLoss: 'unknown', reason: [/SQL that is not known statically/, /SQL is not set by the command/] },
    { name: 'db:clear', dataLoss: 'some', reason: [/Session\.destroy\(\{ truncate: true \}\)/, /User\.destroy\(\{ where: \{\} \}\)/] },
    { name: 'db:flags', dataLoss: 'all', reason: [/force = true/] },
    { name: 'db:ts', dataLoss: 'all', reason: [/scripts\/reset\.ts:7/] },
    { name: 'db:inline', dataLoss: 'all', reason: [/<inline>:1/] },
    { name: 'db:umzug', dataLoss: 'none', reason: [/`umzug\.up\(\)` \(runs like `sequelize-cli db:migrate`\)/] },
    { name: 'db:on-error', dataLoss: 'unknown', reason: [/only when an earlier step fails/] },
    { name: 'db:never', dataLoss: 'none', reason: [/`nuke` is never called/] },
    { name: 'db:missing', dataLoss: 'unknown', reason: [/cannot read scripts\/does-not-exist\.js/] },
    // dist/ is not built: its source in src/ is read instead.
    { name: 'db:built', dataLoss: 'all', reason: [/src\/tasks\/reset\.ts:3 `sequelize\.truncate\(\{ cascade: true \}\)`/] },
    // ESM with top-level await, import of node:child_process.
    { name: 'db:esm', dataLoss: 'all', reason: [/scripts\/esm-reset\.mjs:4/, /drops every table/] },
    // An early exit on an environment variable the command does not set: the drop may or may not run.
    { name: 'db:guarded', dataLoss: 'unknown', reason: [/only when `!process\.env\.I_KNOW_WHAT_I_AM_DOING` is false/, /I_KNOW_WHAT_I_AM_DOING is not set by the command/] },
    { name: 'db:guarded:yes', dataLoss: 'all', reason: [/scripts\/guard-env\.js:8/] },
    // A backup first, and sync's own `match` guard.
    {
      name: 'db:test:reset',
      dataLoss: 'all',
      environment: 'development',
      safeguards: [/takes a backup with pg_dump \(scripts\/backup-then-reset\.js:5\)/, /sync refuses unless the database name matches \/_test\$\/ \(scripts\/backup-then-reset\.js:6\)/],
    },
    { name: 'db:setup', dataLoss: 'all', reason: [/`npm run db:sync` ->/, /then `npm run db:force` ->/] },
  ];
  it.each(cases)('$name: $dataLoss', (c) => check('scripts-node', c));
});

describe('static only', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('never runs the analyzed scripts', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-scripts-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'migrations'));
    mkdirSync(path.join(root, 'scripts'));
    const marker = path.join(root, 'EXECUTED');
    writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({ scripts: { 'db:reset': 'node scripts/reset.js && sequelize-cli db:migrate', 'db:sh': 'bash scripts/x.sh' } }),
    );
    writeFileSync(
      path.join(root, 'scripts', 'reset.js'),
      `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nconst { sequelize } = require('../models');\nsequelize.sync({ force: true });\n`,
    );
    writeFileSync(path.join(root, 'scripts', 'x.sh'), `touch ${JSON.stringify(marker)}\nsequelize-cli db:migrate:status\n`);
    const risks = analyze(root);
    expect(risks.map((r) => [r.name, r.dataLoss])).toEqual([
      ['db:reset', 'all'],
      ['db:sh', 'none'],
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('returns nothing without a package.json', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-scripts-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'migrations'));
    expect(analyze(root)).toEqual([]);
  });
});

describe('schemaSync: who builds schemas with sync(), and whether only developers do', () => {
  // `bare`: the scripts as given; otherwise a `db:migrate` script is added (the migrations run, as most projects do).
  const cases: { name: string; bare?: true; scripts: Record<string, string>; files: Record<string, string>; expected: { script: string; development: boolean; alters?: true; dropsColumns?: true; migrationsUnrun?: true; evidence?: string; run?: string } | null }[] = [
    {
      name: 'npm start runs the build folder (`node dist`), built from src/index.js, whose sync() is on an instance a path alias (`~db/models`) exports; nothing runs the migrations: the start builds the schema',
      bare: true,
      scripts: { start: 'node dist', dev: 'nodemon --exec babel-node src' },
      files: { 'src/index.js': "import db from '~db/models';\nconst main = async () => {\n  await db.sequelize.sync({ force: false });\n};\nmain();\n" },
      expected: { script: 'start', development: false, migrationsUnrun: true },
    },
    {
      name: 'the same, with a Dockerfile that runs the migrations before the start: they run',
      bare: true,
      scripts: { start: 'node dist' },
      files: { 'src/index.js': "import db from '~db/models';\ndb.sequelize.sync();\n", Dockerfile: 'FROM node:20\nCMD npx sequelize-cli db:migrate && npm start\n' },
      expected: { script: 'start', development: false },
    },
    {
      name: 'no npm script starts the application, the Dockerfile\u2019s CMD does, and it syncs: named as that command, not as an npm script',
      bare: true,
      scripts: { test: 'jest' },
      files: { 'src/app.js': "const { sequelize } = require('./models');\nsequelize.sync({ alter: true });\n", Dockerfile: 'FROM node:20\nCMD ["node", "src/app.js"]\n' },
      expected: { script: 'Dockerfile CMD', run: 'Dockerfile CMD', development: false, alters: true, dropsColumns: true, migrationsUnrun: true },
    },
    {
      name: "a script of its own (db:setup:dev): a developer's",
      scripts: { 'db:setup:dev': 'node scripts/setup.js', 'db:migrate': 'sequelize-cli db:migrate' },
      files: { 'scripts/setup.js': "const { sequelize } = require('../models');\nsequelize.sync();\n" },
      expected: { script: 'db:setup:dev', development: true },
    },
    {
      name: 'a script whose name says nothing (sync-db): still a tool a developer runs, not the deploy',
      scripts: { 'sync-db': 'node db-sync.js' },
      files: { 'db-sync.js': "const { sequelize } = require('./models');\nsequelize.sync({ alter: true });\n" },
      expected: { script: 'sync-db', development: true, alters: true, dropsColumns: true },
    },
    {
      name: 'the application syncs when it starts (npm start): deployed databases too',
      scripts: { start: 'node server.js', 'db:setup:dev': 'node scripts/setup.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync();\n", 'scripts/setup.js': "const { sequelize } = require('../models');\nsequelize.sync();\n" },
      expected: { script: 'start', development: false, run: 'npm run start' },
    },
    {
      name: 'the application alters the tables when it starts (sync({ alter: true })): alters',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ alter: true });\n" },
      expected: { script: 'start', development: false, alters: true, dropsColumns: true },
    },
    {
      name: 'a start whose first sync() does not alter (`alter: false`) and a per-model sync() after it does (`alter: { drop: false }`), and that drops a table besides: alters, and the altering call is the one cited',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const db = require('./models');\nasync function boot() {\n  await db.sequelize.sync({ alter: false });\n  for (const model of [db.User]) await model.sync({ alter: { drop: false } });\n  await db.sequelize.query('DROP TABLE IF EXISTS stale_cache');\n}\nboot();\n" },
      expected: { script: 'start', development: false, alters: true, evidence: 'server.js:4' },
    },
    {
      name: 'a start that only creates missing tables: the sync() cited is that one',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const db = require('./models');\nasync function boot() {\n  await db.sequelize.sync({ alter: false });\n}\nboot();\n" },
      expected: { script: 'start', development: false, evidence: 'server.js:3' },
    },
    {
      name: 'an alter the environment decides (alter: process.env.DB_ALTER === "1"): alters, as far as migralint can tell',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ alter: process.env.DB_ALTER === '1' });\n" },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: "force and alter both decided by the environment (force: NODE_ENV !== 'production', alter: NODE_ENV === 'production'): where force is false the alter may run, so it alters, as far as migralint can tell",
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ force: process.env.NODE_ENV !== 'production', alter: process.env.NODE_ENV === 'production' });\n" },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: 'force decided by the environment and alter: true: where force is false the alter drops the columns the models lack',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ force: process.env.RESET === '1', alter: true });\n" },
      expected: { script: 'start', development: false, alters: true, dropsColumns: true },
    },
    {
      name: 'force decided by the environment and no alter: creates missing tables only where force is false, so no alter',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ force: process.env.RESET === '1' });\n" },
      expected: { script: 'start', development: false },
    },
    {
      name: "the application's start syncs only in a development environment (`if (config.autoSync && config.nodeEnv === 'development') sync({ alter: true })`): a developer's sync, no alter where it is deployed",
      scripts: { start: 'node src/app.js', migrate: 'sequelize-cli db:migrate' },
      files: {
        'src/config.js': "module.exports = { nodeEnv: process.env.NODE_ENV || 'development', autoSync: process.env.DB_AUTO_SYNC === 'true' };\n",
        'src/app.js': "const config = require('./config');\nconst { sequelize } = require('./models');\nasync function connect() {\n  await sequelize.authenticate();\n  if (config.autoSync && config.nodeEnv === 'development') {\n    await sequelize.sync({ alter: true });\n  }\n}\nconnect();\n",
      },
      expected: { script: 'start', development: true },
    },
    {
      name: "a sync the start runs in development and, with another condition, anywhere: not only a developer's",
      scripts: { start: 'node src/app.js' },
      files: { 'src/app.js': "const { sequelize } = require('./models');\nif (process.env.NODE_ENV === 'development') sequelize.sync({ alter: true });\nif (process.env.FIRST_RUN === '1') sequelize.sync();\n" },
      expected: { script: 'start', development: false },
    },
    {
      name: 'alter: { drop: false } alters the tables but drops no column: alters, not dropsColumns',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nsequelize.sync({ alter: { drop: false } });\n" },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: 'sync({ alter: true }) only under a condition the environment decides: alters, but no column is dropped for certain',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nif (process.env.DB_SYNC === 'alter') sequelize.sync({ alter: true });\n" },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: "sync() in production and sync({ alter: true }) in the else branch: the alter is a developer's, production only creates missing tables",
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nif (process.env.NODE_ENV === 'production') {\n  sequelize.sync();\n} else {\n  sequelize.sync({ alter: true });\n}\n" },
      expected: { script: 'start', development: false },
    },
    {
      name: 'the other way round (alter only in production): alters',
      scripts: { start: 'node server.js' },
      files: { 'server.js': "const { sequelize } = require('./models');\nif (process.env.NODE_ENV === 'production') {\n  sequelize.sync({ alter: true });\n} else {\n  sequelize.sync();\n}\n" },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: 'the start syncs `sequelize` from config/db.js, which builds its own instance, while the models are defined on the one config/database.js builds (no models file imports config/db.js): the sync creates and alters nothing, no schema sync',
      scripts: { start: 'node index.js' },
      files: {
        'config/db.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'mysql' });\nmodule.exports = { sequelize };\n",
        'config/database.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nmodule.exports = { sequelize };\n",
        'models/index.js': "const { sequelize } = require('../config/database');\nconst { DataTypes } = require('sequelize');\nmodule.exports = { User: require('./User')(sequelize, DataTypes), sequelize };\n",
        'models/User.js': "module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING });\n",
        'index.js': "const { sequelize } = require('./config/db');\nconst db = require('./models');\nconst start = async () => {\n  await sequelize.authenticate();\n  await sequelize.sync({ alter: true });\n};\nstart();\n",
      },
      expected: null,
    },
    {
      name: 'the same start syncing the instance the models are defined on (models import config/db.js): alters',
      scripts: { start: 'node index.js' },
      files: {
        'config/db.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: 'mysql' });\nmodule.exports = { sequelize };\n",
        'models/index.js': "const { sequelize } = require('../config/db');\nconst { DataTypes } = require('sequelize');\nmodule.exports = { User: require('./User')(sequelize, DataTypes), sequelize };\n",
        'models/User.js': "module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING });\n",
        'index.js': "const { sequelize } = require('./config/db');\nconst db = require('./models');\nconst start = async () => {\n  await sequelize.sync({ alter: true });\n};\nstart();\n",
      },
      expected: { script: 'start', development: false, alters: true, dropsColumns: true },
    },
    {
      name: 'an express app whose models index syncs as it loads, reached through modules that do not touch the database (server.js -> app -> router -> routes -> controller -> models): the application syncs as it starts',
      scripts: { start: 'set NODE_ENV=production&&node server.js' },
      files: {
        'server.js': "const app = require('./app');\napp.listen(process.env.PORT || 5000);\n",
        'app/index.js': "const express = require('express');\nconst router = require('./router/index');\nconst app = express();\napp.use('/api', router);\nmodule.exports = app;\n",
        'app/router/index.js': "const router = require('express').Router();\nrouter.use('/v1', require('./v1'));\nmodule.exports = router;\n",
        'app/router/v1/index.js': "const router = require('express').Router();\nconst formRouter = require('./routes/form.router');\nrouter.use('/form', formRouter);\nmodule.exports = router;\n",
        'app/router/v1/routes/form.router.js': "const router = require('express').Router();\nconst { listForms } = require('../../../controllers/formController');\nrouter.get('/', listForms);\nmodule.exports = router;\n",
        'app/controllers/formController.js': "const db = require('../server/models/index');\nexports.listForms = async (req, res) => res.json(await db.form.findAll());\n",
        'app/server/models/index.js': "const { Sequelize } = require('sequelize');\nconst db = {};\ndb.sequelize = new Sequelize(process.env.DATABASE_URL);\ndb.sequelize.sync();\nmodule.exports = db;\n",
      },
      expected: { script: 'start', development: false },
    },
    {
      name: "express-generator's layout (npm start runs bin/www, which requires ../app, whose top level requires ./models, where sync() runs): the application syncs as it starts",
      scripts: { start: 'cross-env NODE_ENV=production node ./bin/www' },
      files: {
        'bin/www': "#!/usr/bin/env node\nconst app = require('../app');\nconst http = require('http');\nhttp.createServer(app).listen(3000);\n",
        'app.js': "const express = require('express');\nconst passport = require('passport');\nconst { Note } = require('./models');\nconst app = express();\napp.use('/api', passport.authenticate('jwt', { session: false }));\nmodule.exports = app;\n",
        'models/index.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nsequelize.sync().then(() => console.log('ready'));\nmodule.exports = { sequelize };\n",
      },
      expected: { script: 'start', development: false },
    },
    {
      name: 'the same layout where app.js requires the models only inside a function (not as it loads): not followed, no sync at start',
      scripts: { start: 'node ./bin/www' },
      files: {
        'bin/www': "const app = require('../app');\napp.listen(3000);\n",
        'app.js': "const express = require('express');\nconst app = express();\napp.get('/sync', () => { require('./models/setup'); });\nmodule.exports = app;\n",
        'models/setup.js': "const { sequelize } = require('./index');\nsequelize.sync();\n",
      },
      expected: null,
    },
    {
      name: 'the same layout through a module that is not a database module (app.js requires ./lib/helpers, whose top level syncs): not followed',
      scripts: { start: 'node ./bin/www' },
      files: {
        'bin/www': "const app = require('../app');\napp.listen(3000);\n",
        'app.js': "const helpers = require('./lib/helpers');\nmodule.exports = helpers.app;\n",
        'lib/helpers.js': "const other = require('./other');\nmodule.exports = { app: other };\n",
        'lib/other.js': "const sequelize = global.sequelize;\nsequelize.sync();\nmodule.exports = {};\n",
      },
      expected: null,
    },
    {
      name: "a start that calls a seeder's `up` (whose `down` deletes every row) and syncs with alter in an async function it calls: the application alters the tables as it starts (hold-out 72)",
      scripts: { start: 'node server.cjs' },
      files: {
        'seeders/20240101000000-roles.js': "module.exports = {\n  up: async (queryInterface) => queryInterface.bulkInsert('Roles', [{ name: 'admin' }]),\n  down: async (queryInterface) => queryInterface.bulkDelete('Roles', null, {}),\n};\n",
        'server.cjs': "const { sequelize } = require('./models');\nasync function syncDatabase() {\n  await sequelize.sync({ alter: true });\n}\nasync function startServer() {\n  await syncDatabase();\n  const seed = require('./seeders/20240101000000-roles.js');\n  await seed.up(sequelize.getQueryInterface());\n}\nstartServer();\n",
      },
      expected: { script: 'start', development: false, alters: true, dropsColumns: true },
    },
    {
      name: 'a start that empties a table for certain and syncs with alter only when the environment says so: the sync is read although the delete is the step its reason shows',
      scripts: { start: 'node server.js' },
      files: {
        'server.js': "const { sequelize } = require('./models');\nasync function start() {\n  await sequelize.query('DELETE FROM \"Sessions\"');\n  if (process.env.DB_SYNC !== 'off') await sequelize.sync({ alter: true });\n}\nstart();\n",
      },
      expected: { script: 'start', development: false, alters: true },
    },
    {
      name: "the models module's `db.connectDB = async () => { ... sync({ alter: true }) }`, exported with `module.exports = db`, which no module the start loads calls: no sync at start (hold-out 79)",
      scripts: { start: 'node server.js' },
      files: {
        'models/index.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = { sequelize };\ndb.connectDB = async () => {\n  await sequelize.authenticate();\n  await sequelize.sync({ alter: true });\n};\nmodule.exports = db;\n",
        'server.js': "const db = require('./models');\nconst app = require('express')();\napp.get('/health', async (req, res) => res.json(await db.sequelize.query('SELECT 1')));\napp.listen(3000);\n",
      },
      expected: null,
    },
    {
      name: 'the same where the start calls `db.connectDB()`: the application alters the tables as it starts',
      scripts: { start: 'node server.js' },
      files: {
        'models/index.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst db = { sequelize };\ndb.connectDB = async () => {\n  await sequelize.authenticate();\n  await sequelize.sync({ alter: true });\n};\nmodule.exports = db;\n",
        'server.js': "const db = require('./models');\nconst app = require('express')();\ndb.connectDB().then(() => app.listen(3000));\n",
      },
      expected: { script: 'start', development: false, alters: true, dropsColumns: true },
    },
    {
      name: 'no script syncs',
      scripts: { 'db:migrate': 'sequelize-cli db:migrate' },
      files: {},
      expected: null,
    },
  ];
  it.each(cases)('$name', ({ bare, scripts, files, expected }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-sync-'));
    try {
      const all: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'app', private: true, scripts: bare ? scripts : { 'db:migrate': 'sequelize-cli db:migrate', ...scripts }, dependencies: { sequelize: '6', pg: '8' } }),
        'models/index.js': "const { Sequelize } = require('sequelize');\nmodule.exports = { sequelize: new Sequelize(process.env.DATABASE_URL) };\n",
        'migrations/20240101000000-init.js': 'module.exports = { async up() {}, async down() {} };\n',
        ...files,
      };
      for (const [file, text] of Object.entries(all)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      const workspace = new Workspace(root);
      const info = discoverLayout(root, {}, workspace);
      const project = buildProjectModel(info, listMigrationFiles(info, workspace), workspace);
      addScripts(project, workspace);
      if (expected === null) expect(project.schemaSync).toBeNull();
      else {
        expect(project.schemaSync).toMatchObject(expected);
        if (!expected.alters) expect(project.schemaSync?.alters).toBeUndefined();
        if (!expected.dropsColumns) expect(project.schemaSync?.dropsColumns).toBeUndefined();
        if (!expected.migrationsUnrun) expect(project.schemaSync?.migrationsUnrun).toBeUndefined();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("methods of a module the script requires: run only where some module names them (a seeder's `up` called, its `down` not)", () => {
  const seeder = (shape: 'object' | 'exports') =>
    shape === 'object'
      ? "module.exports = {\n  up: async (queryInterface) => queryInterface.bulkInsert('Roles', [{ name: 'admin' }]),\n  down: async (queryInterface) => queryInterface.bulkDelete('Roles', null, {}),\n};\n"
      : "exports.up = async (queryInterface) => queryInterface.bulkInsert('Roles', [{ name: 'admin' }]);\nexports.down = async (queryInterface) => queryInterface.bulkDelete('Roles', null, {});\n";
  const cases: { name: string; shape: 'object' | 'exports'; script: string; deletes: boolean }[] = [
    { name: '`seed.up(...)` only, module.exports = { up, down }: the down is never called', shape: 'object', script: 'await seed.up(qi);', deletes: false },
    { name: '`seed.up(...)` only, exports.up / exports.down: the down is never called', shape: 'exports', script: 'await seed.up(qi);', deletes: false },
    { name: '`seed.down(...)` called too: the delete runs', shape: 'object', script: 'await seed.up(qi);\n  await seed.down(qi);', deletes: true },
    { name: "`seed['down'](...)`: the delete runs", shape: 'exports', script: "await seed['down'](qi);", deletes: true },
    { name: '`seed[process.argv[2]](...)`: the direction is the command line\'s, so the delete may run', shape: 'object', script: 'await seed[process.argv[2]](qi);', deletes: true },
    { name: '`const { up, down } = seed` then `down(qi)`: the delete runs', shape: 'exports', script: 'const { up, down } = seed;\n  await up(qi);\n  await down(qi);', deletes: true },
    { name: '`const { up } = seed` then `up(qi)`: the down is never called', shape: 'object', script: 'const { up } = seed;\n  await up(qi);', deletes: false },
    { name: "`const { down: undo } = require('../seeders/...')` then `undo(qi)`: the delete runs", shape: 'object', script: "const { down: undo } = require('../seeders/20240101000000-roles.js');\n  await undo(qi);", deletes: true },
    { name: "`const { down } = require('../seeders/...')` handed on in a list of steps: the delete may run", shape: 'object', script: "const { down } = require('../seeders/20240101000000-roles.js');\n  const steps = [down];\n  for (const step of steps) await step(qi);", deletes: true },
  ];
  it.each(cases)('$name', ({ shape, script, deletes }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-methods-'));
    try {
      const all: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'app', private: true, scripts: { 'db:seed-roles': 'node scripts/seed-roles.js' }, dependencies: { sequelize: '6', pg: '8' } }),
        'models/index.js': "const { Sequelize } = require('sequelize');\nmodule.exports = { sequelize: new Sequelize(process.env.DATABASE_URL) };\n",
        'migrations/20240101000000-init.js': 'module.exports = { async up() {}, async down() {} };\n',
        'seeders/20240101000000-roles.js': seeder(shape),
        'scripts/seed-roles.js': `const { sequelize } = require('../models');\nconst seed = require('../seeders/20240101000000-roles.js');\nasync function main() {\n  const qi = sequelize.getQueryInterface();\n  ${script}\n}\nmain();\n`,
      };
      for (const [file, text] of Object.entries(all)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      const r = analyze(root).find((x) => x.name === 'db:seed-roles');
      expect(r).toBeDefined();
      const cited = r!.evidence.some((e) => /bulkDelete/.test(e.text));
      expect({ cited, dataLoss: r!.dataLoss !== 'none' }).toEqual({ cited: deletes, dataLoss: deletes });
      if (!deletes) expect(r!.reason).toMatch(/`down` of seeders\/20240101000000-roles\.js is never called/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('connection tests', () => {
  it.each([
    { name: "passport's `authenticate('jwt', ...)` names a strategy: no connection test", line: "app.use('/api', passport.authenticate('jwt', { session: false }));", tested: false },
    { name: "Sequelize's `sequelize.authenticate()` before sync(): a connection test", line: 'sequelize.authenticate();', tested: true },
  ])('$name', ({ line, tested }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'migralint-auth-'));
    try {
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'app', private: true, scripts: { start: 'node server.js' }, dependencies: { sequelize: '6', pg: '8' } }),
        'server.js': `const express = require('express');\nconst passport = require('passport');\nconst { sequelize } = require('./models');\nconst app = express();\n${line}\nsequelize.sync();\n`,
        'models/index.js': "const { Sequelize } = require('sequelize');\nmodule.exports = { sequelize: new Sequelize(process.env.DATABASE_URL) };\n",
        'migrations/20240101000000-init.js': 'module.exports = { async up() {}, async down() {} };\n',
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      const start = analyze(root).find((r) => r.name === 'start');
      expect(start?.reason).toMatch(/server\.js:6 `sequelize\.sync\(\)`/);
      expect(start?.safeguards.some((s) => /tests the database connection first/.test(s))).toBe(tested);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
