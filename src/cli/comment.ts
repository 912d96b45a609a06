import path from 'node:path';
import { parseCommandArgs } from './args';
import { analysisWorkspace, analyzeProject, type AnalyzeOptions } from '../project';
import { CliUsageError, resolveReportPlan, type CliSettings } from '../config-file';
import { getReporter } from '../reporters/registry';
import { toolVersion } from '../version';
import { GitHubApiError, GitHubClient } from '../github/client';
import { GitHubContextError, githubBlobBase, resolvePullRequestContext, type PullRequestContext } from '../github/context';
import { toPosix } from '../discovery';
import { buildCommentBody, GITHUB_COMMENT_LIMIT } from '../github/report-comment';
import { commentMarker, upsertMarkedComment } from '../github/sticky-comment';
import type { CliIo } from './io';
import { GATE_HELP, GATE_OPTIONS, ReportGate } from '../gate/report-gate';

export const COMMENT_HELP = `Usage: migralint comment [dir] [options]

Analyze the project in dir (default: .) and post the Markdown report as a
comment on the pull request; later runs update the same comment (one per
project directory). A report over GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit is posted as a
per-file summary. Findings never fail this command: gate with 'migralint report'.

Options:
      --pr <number>          Pull request (default: pull_request.number in GITHUB_EVENT_PATH)
      --repo <owner/name>    Repository (default: GITHUB_REPOSITORY)
      --token <token>        API token (default: GITHUB_TOKEN; prefer the variable)
      --api-url <url>        API root (default: GITHUB_API_URL, else https://api.github.com)
      --dry-run              Print the comment body instead of posting it (no network)
      --migrations <dir>     Migrations folder, relative to dir
      --models <dir>         Models folder, relative to dir
      --config <file>        Configuration file (default: the nearest one, as for report;
                             a JavaScript one found that way is refused, never run:
                             name it here to trust it)
      --no-config            Ignore configuration files

The comment shows what \`migralint report\` shows with the same gating flags, and
says under its marker what they left out:
${GATE_HELP.replace(/^Gating \(CI, pre-commit\):\n  \[files\.\.\.\][^\n]*\n(?:\s{30,}[^\n]*\n)*/, '')}
Exit codes: 0 posted, updated or unchanged; 2 missing token, repository or pull
request, API error, or usage error.
`;

export async function commentCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('comment', {
    args: argv,
    allowPositionals: true,
    options: {
      pr: { type: 'string' },
      repo: { type: 'string' },
      token: { type: 'string' },
      'api-url': { type: 'string' },
      'dry-run': { type: 'boolean' },
      migrations: { type: 'string' },
      models: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...GATE_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(COMMENT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliUsageError(`comment takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const secret = values.token ?? env.GITHUB_TOKEN;
  const say = (line: string) => io.stderr(`migralint: ${redact(line, secret)}\n`);

  // Settings first: a misconfigured job fails before the analysis, and a dry run needs none.
  let context: PullRequestContext | null = null;
  if (!values['dry-run']) {
    try {
      context = resolvePullRequestContext({ pr: values.pr, repo: values.repo, token: values.token, apiUrl: values['api-url'] }, env, cwd);
    } catch (error) {
      if (error instanceof GitHubContextError) {
        say(error.message);
        return 2;
      }
      throw error;
    }
  }

  const dir = positionals[0] ?? '.';
  const absDir = path.resolve(cwd, dir);
  // The same configuration file as `report` (rules, ignores, paths), so the comment shows what the gate saw.
  const cli: CliSettings = {};
  if (values.migrations !== undefined) cli.migrations = values.migrations;
  if (values.models !== undefined) cli.models = values.models;
  // A JavaScript configuration runs only when --config names it: this command has the token in its environment.
  const plan = await resolveReportPlan({ cwd, dir, configFile: values.config, noConfig: values['no-config'], cli, runFoundCode: false });
  for (const warning of plan.warnings) say(warning);
  if (plan.runs.length > 1) {
    throw new CliUsageError(`the configuration selects ${plan.runs.length} projects: run \`migralint comment <project dir>\` once per project (each gets its own comment)`);
  }
  const run = plan.runs[0]!;
  const options: AnalyzeOptions = { ...run.options };
  // The same gate as `report` (--changed-since, --baseline or the default baseline file, --cache), so the
  // comment shows exactly the findings the check shows, and says what the gate left out.
  const gate = await ReportGate.open(values, { root: run.root, cwd, files: [] });
  const store = gate.storeFor(options, say);
  if (store) options.store = store;
  if (gate.allowOutside.length > 0) options.allowOutside = gate.allowOutside;
  const base = gate.baseMigrations();
  if (base) options.baseMigrations = base;
  // Its own workspace, bounded as the configuration says: the plan's (read to check `config`) has neither the
  // limits nor --allow-outside.
  options.workspace = analysisWorkspace(run.root, options);
  const result = await analyzeProject(run.root, options);
  const findings = gate.apply(result, io.stderr);
  const tool = { name: 'migralint', version: toolVersion() };
  const baselined = gate.baselined();
  // Links go to the pull request's head commit on GitHub (null outside Actions: relative to the project).
  const blobBase = githubBlobBase(env, cwd, toPosix(path.relative(env.GITHUB_WORKSPACE ?? cwd, absDir)));
  const report = (await getReporter('markdown', { color: false, linkBase: blobBase })).render({ project: result.project, findings, tool, ...(baselined ? { baselined } : {}) });
  const marker = commentMarker(markerDir(cwd, absDir));
  const { body, compact } = buildCommentBody({
    marker,
    report,
    project: result.project,
    findings,
    tool,
    runUrl: runUrl(env),
    gateNotes: gate.notes(),
  });

  if (values['dry-run']) {
    io.stdout(body);
    return 0;
  }
  const ctx = context!;
  const client = new GitHubClient({ apiUrl: ctx.apiUrl, token: ctx.token, userAgent: `migralint/${tool.version}` });
  try {
    const { action, comment } = await upsertMarkedComment(client, ctx.target, marker, body);
    const where = comment.html_url ?? `comment ${comment.id} on ${ctx.target.owner}/${ctx.target.repo}#${ctx.target.number}`;
    const what = action === 'unchanged' ? 'comment unchanged' : `${action} comment`;
    io.stdout(`migralint: ${what}${compact ? ' (report over the size limit: per-file summary posted)' : ''}: ${where}\n`);
    return 0;
  } catch (error) {
    if (error instanceof GitHubApiError) {
      say(error.message);
      return 2;
    }
    throw error;
  }
}

/** The project directory as the marker names it: relative to the working directory, POSIX, `.` for itself. */
function markerDir(cwd: string, absDir: string): string {
  return path.relative(cwd, absDir).split(path.sep).join('/') || '.';
}

/** The workflow run's page, where the job summary is (GitHub Actions sets these). */
function runUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (!server || !repo || !run || !/^https?:\/\//.test(server) || !/^\d+$/.test(run)) return null;
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}`;
}

/** Belt and braces: no message leaves with the token in it, whatever a server echoed. */
function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
