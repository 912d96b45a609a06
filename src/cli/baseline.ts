import path from 'node:path';
import { parseCommandArgs } from './args';
import { analysisWorkspace, analyzeProject, ENGINE_RULES, type AnalyzeOptions } from '../project';
import { createBaseline, serializeBaseline } from '../gate/baseline';
import { DEFAULT_BASELINE_FILE, ReportGate } from '../gate/report-gate';
import { ALLOW_OUTSIDE_HELP, ALLOW_OUTSIDE_OPTION } from '../containment';
import { writeAtomically, type CliIo } from './io';
import { CliUsageError, resolveReportPlan, type ReportRun } from '../config-file';

export const BASELINE_HELP = `Usage: migralint baseline [dir] [options]

Record today's findings in a baseline file (commit it): \`migralint report\` then
hides them and reports only new findings. Entries match on rule, file and target
(or the message's parameters), never on lines: unrelated edits keep them hidden.
Run it again to shrink the file once findings are fixed.

Options:
      --baseline-file <file>    Where to write (default: <dir>/${DEFAULT_BASELINE_FILE}, which
                                \`report\` reads when present; one file per project when a
                                configuration lists several)
      --migrations <dir>        Migrations folder, relative to dir
      --models <dir>            Models folder, relative to dir
      --config <file>           Configuration file, as for \`report\` (rules, ignores, projects)
      --no-config               Ignore configuration files
      --cache                   Reuse extracted migrations (see \`migralint report --help\`)
      --cache-location <dir>    Cache folder (implies --cache)
${ALLOW_OUTSIDE_HELP}`;

export async function baselineCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('baseline', {
    args: argv,
    allowPositionals: true,
    options: {
      'baseline-file': { type: 'string' },
      migrations: { type: 'string' },
      models: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
      ...ALLOW_OUTSIDE_OPTION,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(BASELINE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliUsageError(`baseline takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const cwd = io.cwd ?? process.cwd();
  const dir = positionals[0] ?? '.';
  // The same projects and settings as `report`: a baseline made with other rules would not match.
  const plan = await resolveReportPlan({
    cwd,
    dir,
    configFile: values.config,
    noConfig: values['no-config'],
    cli: { migrations: values.migrations, models: values.models },
  });
  for (const warning of plan.warnings) io.stderr(`migralint: ${warning}\n`);
  if (plan.runs.length > 1 && values['baseline-file'] !== undefined) {
    throw new CliUsageError(`--baseline-file names one file, but ${plan.runs.length} projects are configured here: each gets <root>/${DEFAULT_BASELINE_FILE}`);
  }
  for (const run of plan.runs) await writeProjectBaseline(run, values, cwd, io);
  return 0;
}

async function writeProjectBaseline(
  run: ReportRun,
  values: { 'baseline-file'?: string | undefined; cache?: boolean | undefined; 'cache-location'?: string | undefined; 'allow-outside'?: string[] | undefined },
  cwd: string,
  io: CliIo,
): Promise<void> {
  const root = path.resolve(cwd, run.root);
  const options: AnalyzeOptions = { ...run.options };
  // No baseline and no selection: the baseline records every finding.
  const gate = await ReportGate.open({ 'no-baseline': true, cache: values.cache, 'cache-location': values['cache-location'], 'allow-outside': values['allow-outside'] }, { root, cwd, files: [] });
  const store = gate.storeFor(options, (message) => io.stderr(`migralint: ${message}\n`));
  if (store) options.store = store;
  if (gate.allowOutside.length > 0) options.allowOutside = gate.allowOutside;
  const workspace = analysisWorkspace(root, options);
  options.workspace = workspace;
  const result = await analyzeProject(run.root, options);
  const findings = gate.apply(result, io.stderr);
  const baseline = createBaseline(findings);
  const target = values['baseline-file'] !== undefined ? path.resolve(cwd, values['baseline-file']) : path.join(root, DEFAULT_BASELINE_FILE);
  await writeAtomically(target, serializeBaseline(baseline), { display: values['baseline-file'] ?? target, inputs: workspace.inputs() });
  const shown = path.relative(cwd, target) || target;
  const n = findings.length;
  io.stdout(`migralint: ${n} finding${n === 1 ? '' : 's'} recorded in ${shown} (${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'})\n`);
  const engine = new Set<string>(Object.values(ENGINE_RULES));
  for (const f of findings) {
    if (engine.has(f.rule)) io.stderr(`migralint: ${f.file}: ${f.message} (recorded in the baseline, but this file is not analyzed)\n`);
  }
}
