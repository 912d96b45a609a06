/**
 * GitHub Actions: one workflow command per finding, which GitHub turns into
 * an annotation on the file and line (in the pull request's diff too), then
 * a plain summary line for the log.
 *
 * The Markdown report for the job summary comes from `githubStepSummary`:
 * the CLI appends it to the file named by `GITHUB_STEP_SUMMARY`. Both stay
 * pure: nothing here reads the environment or writes a file.
 */
import type { Finding, Severity } from '../model';
import { createMarkdownReporter, markdownReporter } from './markdown';
import type { LinkBase } from './markdown/format';
import { ruleInfo } from './markdown/findings';
import { summarize } from './summary';
import { pathPrefixOf, type CiReporterOptions } from './ci';
import type { Reporter, ReportInput } from './types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub's limit on one step's summary: a larger one is dropped whole, with an error. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Escapes the message of a workflow command: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `line`/`endLine` always; `col`/`endColumn` only on a one-line range, since
 * GitHub ignores columns on a range that spans lines.
 */
function position(f: Finding): [string, string][] {
  const endLine = f.endLine !== undefined && f.endLine > f.line ? f.endLine : f.line;
  const props: [string, string][] = [['line', String(f.line)]];
  if (endLine !== f.line) return [...props, ['endLine', String(endLine)]];
  props.push(['col', String(f.column)]);
  if (f.endLine === f.line && f.endColumn !== undefined && f.endColumn > f.column) props.push(['endColumn', String(f.endColumn)]);
  return props;
}

/** The annotation text: the message, what to do, and where the rule is documented. */
function annotationText(f: Finding): string {
  const info = ruleInfo(f.rule, f.docsUrl);
  return [f.message, info.help ? `How to fix: ${info.help}` : null, info.url].filter(Boolean).join('\n');
}

/** One `::error file=…,line=…,col=…,title=rule::message` command. */
export function annotation(f: Finding, prefix = ''): string {
  const props: [string, string][] = [['file', `${prefix}${f.file}`], ...position(f), ['title', f.rule]];
  return `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(annotationText(f))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A GitHub annotations reporter; `pathPrefix` says where the project sits in the repository. */
export function createGithubReporter(options: CiReporterOptions = {}): Reporter {
  return {
    name: 'github',
    render({ project, findings, suppressed, tool }: ReportInput): string {
      const prefix = pathPrefixOf(project, options);
      const s = summarize(project, findings, suppressed ?? 0);
      const lines = findings.map((f) => annotation(f, prefix));
      const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), plural(s.infos, 'info')];
      if (s.suppressed > 0) counts.push(`${s.suppressed} suppressed`);
      lines.push(`${tool.name}: ${plural(s.migrations, 'migration')} analyzed: ${counts.join(', ')}. Verdict: ${s.verdict}.`);
      return `${lines.join('\n')}\n`;
    },
  };
}

export const githubReporter: Reporter = createGithubReporter();

/**
 * The Markdown to append to `$GITHUB_STEP_SUMMARY`: the safety report,
 * cut at a line boundary with a note when it would pass GitHub's 1 MiB
 * limit (which would drop the whole summary).
 */
export function githubStepSummary(input: ReportInput, linkBase?: LinkBase): string {
  const md = (linkBase === undefined ? markdownReporter : createMarkdownReporter({ linkBase })).render(input);
  if (Buffer.byteLength(md, 'utf8') <= STEP_SUMMARY_LIMIT_BYTES) return md;
  const note = `\n\n_The report is longer than a job summary can hold (1 MiB) and was cut here: run \`${input.tool.name} report --format markdown\` for the whole of it._\n`;
  const budget = STEP_SUMMARY_LIMIT_BYTES - Buffer.byteLength(note, 'utf8');
  const lines = md.split('\n');
  let used = 0;
  let keep = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (used + size > budget) break;
    used += size;
    keep++;
  }
  return `${lines.slice(0, keep).join('\n').replace(/\n+$/, '')}${note}`;
}
