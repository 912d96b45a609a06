import { describe, expect, it } from 'vitest';
import { parseInvocation, splitCommandLine } from '../../src/scripts/command-line';

describe('splitCommandLine', () => {
  it.each([
    ['a && b || c; d | e & f', [['a'], ['b'], ['c'], ['d'], ['e'], ['f']], [null, '&&', '||', ';', '|', '&']],
    [`node -e "console.log('a && b')" && x`, [['node', '-e', "console.log('a && b')"], ['x']], [null, '&&']],
    [`psql -c 'DROP TABLE "t"' 2>&1 > out.log`, [['psql', '-c', 'DROP TABLE "t"']], [null]],
    ['one\\\n  two\nthree # a comment', [['one', 'two'], ['three']], [null, ';']],
    ['echo "$HOME" $(date) done', [['echo', '$HOME', '$(date)', 'done']], [null]],
  ])('%s', (line, words, connectors) => {
    const cmds = splitCommandLine(line);
    expect(cmds.map((c) => c.words)).toEqual(words);
    expect(cmds.map((c) => c.connector)).toEqual(connectors);
  });

  it('marks commands that use variables or substitutions as dynamic', () => {
    expect(splitCommandLine('echo $X').map((c) => c.dynamic)).toEqual([true]);
    expect(splitCommandLine("echo '$X'").map((c) => c.dynamic)).toEqual([false]);
  });
});

describe('parseInvocation', () => {
  const parse = (line: string) => parseInvocation(splitCommandLine(line)[0]!.words);

  it('strips env prefixes, cross-env, dotenv-cli and npx', () => {
    expect(parse('NODE_ENV=production DEBUG=x node scripts/a.js --fresh')).toEqual({
      kind: 'node', env: { NODE_ENV: 'production', DEBUG: 'x' }, runtime: 'node', script: 'scripts/a.js', inline: null, args: ['--fresh'],
    });
    expect(parse('cross-env NODE_ENV=test npx --yes sequelize-cli@6 db:migrate --env test')).toMatchObject({
      kind: 'sequelize', env: { NODE_ENV: 'test' }, subcommand: 'db:migrate', options: { env: 'test' },
    });
    expect(parse('dotenv -e .env.test -- sequelize db:seed --seed 01-a.js')).toMatchObject({ kind: 'sequelize', subcommand: 'db:seed', options: { seed: '01-a.js' } });
    expect(parse('env-cmd -f .env node_modules/.bin/sequelize db:migrate:undo --name=003-x.js')).toMatchObject({ kind: 'sequelize', subcommand: 'db:migrate:undo', options: { name: '003-x.js' } });
  });

  it('reads node, ts-node and tsx options', () => {
    expect(parse('node -r dotenv/config --max-old-space-size=4096 scripts/a.js x')).toMatchObject({ kind: 'node', script: 'scripts/a.js', args: ['x'] });
    expect(parse('ts-node -P tsconfig.json --transpile-only scripts/a.ts')).toMatchObject({ kind: 'node', runtime: 'ts-node', script: 'scripts/a.ts' });
    expect(parse('tsx watch src/a.ts')).toMatchObject({ kind: 'node', runtime: 'tsx', script: 'src/a.ts' });
    expect(parse(`node -e "require('./db').sync()"`)).toMatchObject({ kind: 'node', script: null, inline: "require('./db').sync()" });
  });

  it('reads npm, yarn and pnpm script runs with their arguments', () => {
    expect(parse('npm run db:sync -- --reset')).toMatchObject({ kind: 'package-script', manager: 'npm', script: 'db:sync', args: ['--reset'] });
    expect(parse('npm run --silent db:sync')).toMatchObject({ kind: 'package-script', script: 'db:sync', args: [] });
    expect(parse('npm test')).toMatchObject({ kind: 'package-script', script: 'test' });
    expect(parse('yarn db:sync --reset')).toMatchObject({ kind: 'package-script', manager: 'yarn', script: 'db:sync', args: ['--reset'], orBin: true });
    expect(parse('pnpm run db:sync')).toMatchObject({ kind: 'package-script', manager: 'pnpm', script: 'db:sync' });
    expect(parse('yarn install')).toMatchObject({ kind: 'other', program: 'yarn' });
  });

  it('recognizes psql, dropdb, shells and other programs', () => {
    expect(parse(`psql -d app -c 'TRUNCATE t' -f x.sql`)).toMatchObject({ kind: 'psql', sql: ['TRUNCATE t'], files: ['x.sql'] });
    expect(parse('dropdb app')).toMatchObject({ kind: 'dropdb' });
    expect(parse('bash -e scripts/reset.sh')).toMatchObject({ kind: 'shell', script: 'scripts/reset.sh' });
    expect(parse(`sh -c "sequelize-cli db:drop"`)).toMatchObject({ kind: 'shell', inline: 'sequelize-cli db:drop' });
    expect(parse('./scripts/reset.sh')).toMatchObject({ kind: 'shell', script: './scripts/reset.sh' });
    expect(parse('tsc -p .')).toMatchObject({ kind: 'other', program: 'tsc' });
  });
});
