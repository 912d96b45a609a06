import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding, Severity } from './model';
import { analyzeProject, ENGINE_RULES } from './project';
import { UsageError } from './discovery';
import { FORMATS, getReporter, type Format } from './reporters/registry';
import { toolVersion } from './version';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colors). */
  isTTY: boolean;
}

const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_LEVELS)[number];

export const HELP = `migralint — static safety analysis for Sequelize + PostgreSQL migrations

Usage:
  migralint report [dir] [options]   Analyze the project in dir (default: .)
  migralint --help | --version

Options:
  -f, --format <name>      Output format: ${FORMATS.join(', ')} (default: markdown)
  -o, --output <file>      Write the report to a file instead of stdout
      --migrations <dir>   Migrations folder, relative to dir (default: .sequelizerc
                           migrations-path, else migrations/)
      --models <dir>       Models folder, relative to dir
      --fail-on <level>    Exit 1 when a finding is at or above: ${FAIL_LEVELS.join(', ')}
                           (default: error)
      --color / --no-color Force colors on or off in text output
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, fatal or parse error.
Nothing in the analyzed project is executed.
`;

/** Runs the CLI; returns the exit code. Never calls process.exit. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        migrations: { type: 'string' },
        models: { type: 'string' },
        'fail-on': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`migralint: ${(error as Error).message}\nRun 'migralint --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) {
    io.stderr(`migralint: missing command\n\n${HELP}`);
    return 2;
  }
  if (command !== 'report') {
    io.stderr(`migralint: unknown command '${command}'. Run 'migralint --help' for usage.\n`);
    return 2;
  }
  if (rest.length > 1) {
    io.stderr(`migralint: report takes one directory, got ${rest.length}: ${rest.join(' ')}\n`);
    return 2;
  }
  const format = (values.format ?? 'markdown') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`migralint: unknown format '${values.format}' (expected one of: ${FORMATS.join(', ')})\n`);
    return 2;
  }
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_LEVELS.includes(failOn)) {
    io.stderr(`migralint: unknown --fail-on level '${values['fail-on']}' (expected one of: ${FAIL_LEVELS.join(', ')})\n`);
    return 2;
  }
  const dir = rest[0] ?? '.';
  let result;
  try {
    const options: { migrations?: string; models?: string } = {};
    if (values.migrations !== undefined) options.migrations = values.migrations;
    if (values.models !== undefined) options.models = values.models;
    result = await analyzeProject(dir, options);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`migralint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`migralint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && values.output === undefined;
  const reporter = getReporter(format, { color });
  const text = reporter.render({ project: result.project, findings: result.findings, tool: { name: 'migralint', version: toolVersion() } });
  if (values.output !== undefined) {
    try {
      writeAtomically(values.output, text);
    } catch (error) {
      io.stderr(`migralint: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  for (const f of result.findings) {
    if (f.rule === ENGINE_RULES.readError) io.stderr(`migralint: ${f.file}: ${f.message}\n`);
  }
  return exitCode(result.findings, failOn);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** 2 when a file could not be analyzed; 1 when a finding reaches the fail level; else 0. */
export function exitCode(findings: Finding[], failOn: FailOn): number {
  const engine = new Set<string>(Object.values(ENGINE_RULES));
  if (findings.some((f) => engine.has(f.rule))) return 2;
  if (failOn === 'never') return 0;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
