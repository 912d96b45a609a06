import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeProject, type AnalyzeOptions } from '../project';
import { FORMATS, getReporter, type Format } from '../reporters/registry';
import { toolVersion } from '../version';
import { CliUsageError, exitCode, FAIL_LEVELS, writeAtomically, type CliIo, type FailOn } from './io';

export const REPORT_HELP = `Usage: migralint report [dir] [options]

Analyze the Sequelize project in dir (default: .) and write the safety report.

Options:
  -f, --format <name>[=<file>]  Output format: ${FORMATS.join(', ')} (default: markdown).
                                Repeat for several outputs in one run; <file> writes that
                                format to a file (atomically), otherwise to stdout.
  -o, --output <file>           Write the (single) format to a file instead of stdout
      --migrations <dir>        Migrations folder, relative to dir (default: .sequelizerc
                                migrations-path, else migrations/)
      --models <dir>            Models folder, relative to dir
      --fail-on <level>         Exit 1 when a finding is at or above: ${FAIL_LEVELS.join(', ')}
                                (default: error)
      --color / --no-color      Force colors on or off in text output
`;

/** One output of a run: a format, and a file or stdout. */
export interface OutputSpec {
  format: Format;
  file: string | null;
}

/** `markdown`, `sarif=results.sarif`: validated against the registry. */
export function parseOutputs(formats: string[], output: string | undefined): OutputSpec[] {
  const specs = (formats.length > 0 ? formats : ['markdown']).map((raw) => {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const file = eq < 0 ? null : raw.slice(eq + 1);
    if (!(FORMATS as readonly string[]).includes(name)) {
      throw new CliUsageError(`unknown format '${name}' (expected one of: ${FORMATS.join(', ')})`);
    }
    if (file === '') throw new CliUsageError(`--format ${name}= needs a file name after '='`);
    return { format: name as Format, file };
  });
  if (output !== undefined) {
    const toStdout = specs.filter((s) => s.file === null);
    if (toStdout.length !== 1) throw new CliUsageError('--output needs exactly one --format without a file');
    toStdout[0]!.file = output;
  }
  if (specs.filter((s) => s.file === null).length > 1) {
    throw new CliUsageError('only one format can go to stdout: give the others a file (--format sarif=results.sarif)');
  }
  return specs;
}

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', multiple: true },
      output: { type: 'string', short: 'o' },
      migrations: { type: 'string' },
      models: { type: 'string' },
      'fail-on': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(REPORT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliUsageError(`report takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const outputs = parseOutputs(values.format ?? [], values.output);
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_LEVELS.includes(failOn)) {
    throw new CliUsageError(`unknown --fail-on level '${values['fail-on']}' (expected one of: ${FAIL_LEVELS.join(', ')})`);
  }
  const cwd = io.cwd ?? process.cwd();
  const dir = positionals[0] ?? '.';
  const options: AnalyzeOptions = {};
  if (values.migrations !== undefined) options.migrations = values.migrations;
  if (values.models !== undefined) options.models = values.models;
  const result = await analyzeProject(path.isAbsolute(dir) || cwd === process.cwd() ? dir : path.join(cwd, dir), options);
  const tool = { name: 'migralint', version: toolVersion() };
  for (const spec of outputs) {
    const color = values['no-color'] ? false : values.color ? true : io.isTTY && spec.file === null;
    const text = getReporter(spec.format, { color }).render({ project: result.project, findings: result.findings, tool });
    if (spec.file === null) io.stdout(text);
    else {
      const target = path.resolve(cwd, spec.file);
      try {
        writeAtomically(target, text);
      } catch (error) {
        throw new CliUsageError(`cannot write ${spec.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  }
  for (const f of result.findings) {
    if (f.rule === 'read-error') io.stderr(`migralint: ${f.file}: ${f.message}\n`);
  }
  return exitCode(result.findings, failOn);
}
