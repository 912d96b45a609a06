import { UsageError } from './discovery';
import { toolVersion } from './version';
import type { CliIo } from './cli/io';
import { CliUsageError } from './config-file';
import { reportCommand, REPORT_HELP } from './cli/report';
import { initCommand } from './cli/init';
import { baselineCommand } from './cli/baseline';
import { commentCommand } from './cli/comment';
import { verifyCommand } from './cli/verify';
import { VerifyError } from './verify';
import { didYouMean } from './cli/args';

export type { CliIo } from './cli/io';
export { exitCode } from './cli/io';

/** A subcommand: parses its own arguments, returns the exit code. */
type Command = { run(argv: string[], io: CliIo): Promise<number>; summary: string };

const COMMANDS: Record<string, Command> = {
  report: { run: reportCommand, summary: 'Analyze a project and write the safety report' },
  init: { run: initCommand, summary: 'Detect the layout and write a starter migralint.config.json' },
  baseline: { run: baselineCommand, summary: 'Record the current findings: report then shows only new ones' },
  comment: { run: commentCommand, summary: 'Post the report as a pull request comment (updated on later pushes)' },
  verify: { run: verifyCommand, summary: "Run the migrations on a throwaway PostgreSQL and confirm each finding (runs the project's code)" },
};

export function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  migralint ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `migralint — static safety analysis for Sequelize + PostgreSQL migrations

Usage:
${list}
  migralint --help | --version
  migralint <command> --help

${REPORT_HELP}
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, fatal or parse error.
report, init, baseline and comment never execute anything of the analyzed project;
verify does: it runs the project's migrations, in a child process with a time limit.
`;
}

/** Runs the CLI; returns the exit code. Never calls process.exit. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    io.stdout(help());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  if (first === undefined) {
    io.stderr(`migralint: missing command\n\n${help()}`);
    return 2;
  }
  if (first.startsWith('-')) {
    const hint = didYouMean(first, ['--help', '--version', '-h', '-v']);
    io.stderr(`migralint: Unknown option '${first}'.${hint} Run 'migralint --help' for usage.\n`);
    return 2;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.stderr(`migralint: unknown command '${first}'.${didYouMean(first, Object.keys(COMMANDS))} Run 'migralint --help' for usage.\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CliUsageError || error instanceof VerifyError) {
      io.stderr(`migralint: ${error.message}\n`);
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
