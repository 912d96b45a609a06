import type { CliIo } from './io';
import { reportCommand } from './report';
import { VERIFY_FORMATS, VERIFY_OPTIONS_HELP } from './verify-options';

export const VERIFY_HELP = `Usage: migralint verify [dir] [options]

Run the project's migrations on a throwaway database and check each finding of
\`migralint report\` on it: every up in run order from an empty database, each
up failing halfway then run again, each up again right after it applied, each
down newest-first on tables filled with rows (what it loses), every up again,
the final schema against the models, and on PostgreSQL the strongest lock each
statement takes on existing tables (from pg_locks; MySQL has none: not measured).

verify RUNS THE PROJECT'S CODE (its migrations, with its own installed sequelize
and driver: run \`npm ci\` first), in a child process with a time limit. \`report\`
never executes anything. By default the database is PGlite (PostgreSQL in
WebAssembly) in this process, served on 127.0.0.1: no server, no Docker. A
project whose dialect is mysql or mariadb runs on a MySQL or MariaDB server
(--database-url mysql://...), where DDL commits at once: a failed migration
keeps its first steps, transaction or not, and verify shows which.

Options:
  -f, --format <name>[=<file>]  ${VERIFY_FORMATS.join(', ')} (default: markdown); each finding gets
                                its verification: confirmed, not-reproduced or not-run,
                                with the evidence (the error, the statement, the counts)
  -o, --output <file>           Write the report to a file instead of stdout
${VERIFY_OPTIONS_HELP}      --migrations <dir>, --models <dir>, --config <file>, --no-config,
      --fail-on <level>         As for \`migralint report\` (findings of the \`verify\`
                                rule are what only the run found)

Progress (migration k of n, phase) goes to stderr on a terminal only.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or setup error.
`;

/** `migralint verify`: `report --verify`, with its own help and formats. */
export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(VERIFY_HELP);
    return 0;
  }
  return reportCommand([...argv, '--verify'], io, undefined, undefined, 'verify');
}

