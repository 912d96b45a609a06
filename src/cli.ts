import { toolVersion } from './version';
import type { CliIo } from './cli/io';
import { loadModule } from './util/load-module';

export type { CliIo } from './cli/io';

/** A subcommand: parses its own arguments, returns the exit code. */
type Command = { run(argv: string[], io: CliIo): Promise<number>; summary: string };

/* eslint-disable @typescript-eslint/no-require-imports -- modules loaded when needed (src/util/load-module.ts) */
const reportModule = () => loadModule(() => require('./cli/report') as typeof import('./cli/report'), () => import('./cli/report.js'));

// Each command's modules load when it runs: `--version` and `--help` load none of the analyzer.
const COMMANDS: Record<string, Command> = {
  report: { run: async (argv, io) => (await reportModule()).reportCommand(argv, io), summary: 'Analyze a project and write the safety report' },
  init: { run: async (argv, io) => (await loadModule(() => require('./cli/init') as typeof import('./cli/init'), () => import('./cli/init.js'))).initCommand(argv, io), summary: 'Detect the layout and write a starter migralint.config.json' },
  baseline: { run: async (argv, io) => (await loadModule(() => require('./cli/baseline') as typeof import('./cli/baseline'), () => import('./cli/baseline.js'))).baselineCommand(argv, io), summary: 'Record the current findings: report then shows only new ones' },
  comment: { run: async (argv, io) => (await loadModule(() => require('./cli/comment') as typeof import('./cli/comment'), () => import('./cli/comment.js'))).commentCommand(argv, io), summary: 'Post the report as a pull request comment (updated on later pushes)' },
  verify: {
    run: async (argv, io) => (await loadModule(() => require('./cli/verify') as typeof import('./cli/verify'), () => import('./cli/verify.js'))).verifyCommand(argv, io),
    summary: "Run the migrations on a throwaway PostgreSQL or MySQL and confirm each finding (runs the project's code)",
  },
};

/** ` Did you mean 'x'?` when a candidate is close (an unknown command or option). */
async function didYouMean(word: string, candidates: readonly string[]): Promise<string> {
  return (await loadModule(() => require('./cli/args') as typeof import('./cli/args'), () => import('./cli/args.js'))).didYouMean(word, candidates);
}

/** Whether an error is the user's (bad arguments, a missing folder). */
async function isUsageError(error: unknown): Promise<boolean> {
  const [{ UsageError }, { CliUsageError }, { VerifyError }] = await Promise.all([
    loadModule(() => require('./util/errors') as typeof import('./util/errors'), () => import('./util/errors.js')),
    loadModule(() => require('./config-file/index') as typeof import('./config-file/index'), () => import('./config-file/index.js')),
    loadModule(() => require('./verify/database') as typeof import('./verify/database'), () => import('./verify/database.js')),
  ]);
  return error instanceof UsageError || error instanceof CliUsageError || error instanceof VerifyError;
}

export async function help(): Promise<string> {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  migralint ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `migralint — static safety analysis for Sequelize + PostgreSQL migrations

Usage:
${list}
  migralint --help | --version
  migralint <command> --help

${await (await reportModule()).reportHelp()}
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, fatal or parse error.
report, init, baseline and comment never execute anything of the analyzed project;
verify does: it runs the project's migrations, in a child process with a time limit.
`;
}

/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs the CLI; returns the exit code. Never calls process.exit. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    io.stdout(await help());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  if (first === undefined) {
    io.stderr(`migralint: missing command\n\n${await help()}`);
    return 2;
  }
  if (first.startsWith('-')) {
    const hint = await didYouMean(first, ['--help', '--version', '-h', '-v']);
    io.stderr(`migralint: Unknown option '${first}'.${hint} Run 'migralint --help' for usage.\n`);
    return 2;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.stderr(`migralint: unknown command '${first}'.${await didYouMean(first, Object.keys(COMMANDS))} Run 'migralint --help' for usage.\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (await isUsageError(error)) {
      io.stderr(`migralint: ${(error as Error).message}\n`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`migralint: ${(error as Error).message}\nRun 'migralint ${first} --help' for usage.\n`);
      return 2;
    }
    io.stderr(`migralint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
}
