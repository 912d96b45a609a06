/** What `report --verify` and `migralint verify` share: the options, and running the verification. */
import type { Finding, VerificationRun } from '../model';
import type { AnalysisResult } from '../project';
import { CliUsageError } from '../config-file/settings';
import { DEFAULT_TIMEOUT_MS } from '../verify/defaults';
import { loadModule } from '../util/load-module';
import type { CliIo } from './io';

/** Formats `verify` writes. */
export const VERIFY_FORMATS = ['markdown', 'json', 'text'] as const;

export const VERIFY_OPTIONS_HELP = `      --database-url <url>      Run on a server instead of the embedded PostgreSQL:
                                postgres://, or mysql:// / mariadb:// (MySQL, MariaDB;
                                for projects whose dialect is mysql or mariadb). A scratch
                                database migralint_verify_<pid>_<random> is created
                                beside the URL's database and dropped at the end (also
                                on failure and Ctrl-C). Refused: a URL whose database
                                has tables, or the project's production database
      --timeout <seconds>       Time limit of each step (one migration's up or down):
                                the child process is killed past it (default: ${DEFAULT_TIMEOUT_MS / 1000})
`;

/** `--timeout` in milliseconds. */
export function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliUsageError(`--timeout needs a number of seconds above 0, got '${raw}'`);
  return Math.round(seconds * 1000);
}

/** Runs the verification for `report --verify` / `verify`: the findings with their verification, and the run. */
export async function runVerification(
  analysis: Pick<AnalysisResult, 'project'>,
  findings: Finding[],
  values: { 'database-url'?: string; timeout?: string },
  io: CliIo,
): Promise<{ findings: Finding[]; run: VerificationRun }> {
  const timeoutMs = parseTimeout(values.timeout);
  // Progress on a terminal only: one line rewritten in place, erased at the end.
  const progress = io.stderrIsTTY ? (line: string) => io.stderr(`\r\u001b[2K${line}`) : undefined;
  // The verification's modules (database drivers, the worker) load only when it runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when needed (src/util/load-module.ts)
  const { verifyAnalysis } = await loadModule(() => require('../verify/index') as typeof import('../verify/index'), () => import('../verify/index.js'));
  try {
    const verified = await verifyAnalysis(
      { project: analysis.project, findings },
      {
        ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(progress ? { progress } : {}),
        ...(io.env ? { env: io.env } : {}),
      },
    );
    return { findings: verified.findings, run: verified.run };
  } finally {
    if (progress) io.stderr('\r\u001b[2K');
  }
}
