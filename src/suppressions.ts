/**
 * Inline suppressions for the CLI, the API and the ESLint plugin (which
 * applies them to its reports through {@link applySuppressions}, and also
 * obeys ESLint's own `eslint-disable-next-line migralint/<rule> -- why`).
 *
 *   // migralint-disable-next-line <rule>[, <rule>...] -- <reason>
 *   // migralint-disable-line <rule>[, <rule>...] -- <reason>
 *   /* migralint-disable-file <rule>[, <rule>...] -- <reason> *\/
 *
 * Every form takes line or block comments. Decisions, all reported rather
 * than silently ignored:
 * - `next-line` covers the next line that holds code: blank lines and lines
 *   that hold only comments are skipped, so suppressions can be stacked and a
 *   reason can continue on the following comment lines. `line` covers the
 *   line the comment starts on. A finding is matched by its reported line
 *   (the start of the call at fault).
 * - `file` covers the whole file wherever the comment is (top of the file by
 *   convention).
 * - At least one rule id is required: there is no suppress-everything form,
 *   since it would also hide findings nobody has seen yet. `migralint/<rule>`
 *   is accepted as `<rule>`.
 * - The reason after ` -- ` is required. A suppression without one suppresses
 *   nothing, so it cannot lower the exit code, and is reported.
 * - A suppression that matches no finding is reported (`unused-suppression`);
 *   one that is malformed or names an unknown rule is reported
 *   (`invalid-suppression`). Both are warnings and cannot be suppressed.
 * - Engine findings (`parse-error`, ...) cannot be suppressed: they mean a file
 *   was not analyzed at all.
 *
 * Directives are read from the parser's comment list, never by a regex over
 * the raw text, so the same words inside a string or template literal mean
 * nothing. A migration's comments are kept from the parse that extracted it
 * (src/workspace.ts); other files containing `migralint-disable` are parsed.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, ProjectModel } from './model';
import { parseSource } from './parse';
import { Workspace } from './workspace';
import { DOCS_BASE_URL, interpolate } from './rules/create-rule';

/** Findings about the suppression comments themselves. */
export const SUPPRESSION_RULES = {
  unused: 'unused-suppression',
  invalid: 'invalid-suppression',
} as const;

export type SuppressionKind = 'next-line' | 'line' | 'file';

const DIRECTIVES: Record<string, SuppressionKind> = {
  'migralint-disable-next-line': 'next-line',
  'migralint-disable-line': 'line',
  'migralint-disable-file': 'file',
};

/** One `migralint-disable-*` comment that parsed. */
export interface Suppression {
  kind: SuppressionKind;
  /** Rule ids as written (without a `migralint/` prefix), in order, deduplicated. */
  rules: string[];
  /** Empty when missing: such a suppression suppresses nothing. */
  reason: string;
  /** Where the comment is: 1-based line and column, end column exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The line whose findings it covers: for `next-line`, the next line that
   * holds code (null when none follows); for `line`, its own line; null for
   * `file`.
   */
  targetLine: number | null;
}

/** A problem with a comment that looks like a suppression. */
export interface SuppressionProblem {
  messageId: keyof typeof INVALID_MESSAGES;
  data: Record<string, string>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A finding a suppression removed from the report, with the suppression that removed it. */
export interface SuppressedFinding {
  finding: Finding;
  suppression: Pick<Suppression, 'kind' | 'reason' | 'line'>;
}

export interface SuppressionOptions {
  /** Rule ids a suppression may name (every rule of the run, enabled or not). */
  known: Iterable<string>;
  /**
   * Rules that ran. A suppression naming a rule that was turned off cannot be
   * told stale, so it is not reported as unused.
   */
  enabled: Iterable<string>;
  /** Findings that can never be suppressed (the engine's own). */
  unsuppressible: Iterable<string>;
  /** The run's files (src/workspace.ts); by default a fresh workspace over the project root. */
  workspace?: Workspace;
}

export interface SuppressionResult {
  /** The findings left, plus the findings about unused and invalid suppressions (unsorted). */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

const MARKER = 'migralint-disable';

const INVALID_MESSAGES = {
  unknownDirective:
    '`{{directive}}` is not a migralint directive: write `migralint-disable-next-line`, `migralint-disable-line` or `migralint-disable-file`, followed by rule ids and ` -- ` with the reason.',
  malformed: 'This suppression cannot be read: write `{{directive}} <rule>[, <rule>] -- <reason>` (rule ids separated by commas, the reason after ` -- `). It suppresses nothing.',
  missingRules: 'This suppression names no rule: list the rule ids it is for (`{{directive}} no-destructive-down -- why`). migralint has no form that suppresses every rule.',
  missingReason: 'This suppression of {{rules}} gives no reason, so it suppresses nothing: add why after ` -- ` (`{{directive}} {{rules}} -- why`).',
  unknownRule: '`{{rule}}` is not a migralint rule id, so this suppression cannot match it.',
  unsuppressibleRule: '`{{rule}}` findings cannot be suppressed: they mean a file was not analyzed, or a suppression is wrong. Fix the cause instead.',
} as const;

const UNUSED_MESSAGES = {
  unusedOnLine: 'Unused suppression of {{rules}}: no such finding on line {{target}}. Remove it (or the rule ids that no longer apply) so it cannot hide a future finding.',
  unusedInFile: 'Unused suppression of {{rules}}: no such finding in this file. Remove it (or the rule ids that no longer apply) so it cannot hide a future finding.',
  unusedNoCode: 'Unused suppression of {{rules}}: no line of code follows it. Remove it.',
} as const;

const DOCS_URL = DOCS_BASE_URL.replace(/rules\/$/, 'README.md#suppressing-a-finding');

/** Files a suppression can be written in: JavaScript and TypeScript sources. */
const SOURCE_FILE = /\.[cm]?[jt]s$/i;

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/**
 * Reads the suppression comments of one source file. A file that does not
 * parse has none (its parse error is reported by the engine).
 */
export function readSuppressions(
  source: string,
  filePath: string,
  /** The comments of `source` (null: it does not parse); the workspace keeps them from the parse that extracted it. */
  readComments: () => readonly TSESTree.Comment[] | null = () => {
    const parsed = parseSource(source, filePath);
    return parsed.ok ? parsed.ast.comments ?? [] : null;
  },
): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!source.includes(MARKER)) return { suppressions, problems };
  const parsed = readComments();
  if (parsed === null) return { suppressions, problems };
  const comments = [...parsed].sort((a, b) => a.range[0] - b.range[0]);
  let codeLines: boolean[] | null = null;
  for (const comment of comments) {
    const match = /^\s*(migralint-disable[\w-]*)(?=\s|$)([\s\S]*)$/.exec(comment.value);
    if (!match) continue;
    const where = {
      line: comment.loc.start.line,
      column: comment.loc.start.column + 1,
      endLine: comment.loc.end.line,
      endColumn: comment.loc.end.column + 1,
    };
    const problem = (messageId: SuppressionProblem['messageId'], data: Record<string, string>) => problems.push({ messageId, data, ...where });
    const directive = match[1]!;
    const kind = DIRECTIVES[directive];
    if (kind === undefined) {
      problem('unknownDirective', { directive });
      continue;
    }
    const parts = splitDirective(match[2]!);
    if (parts === null) {
      problem('malformed', { directive });
      continue;
    }
    if (parts.rules.length === 0) {
      problem('missingRules', { directive });
      continue;
    }
    const rules = [...new Set(parts.rules)];
    if (parts.reason === '') problem('missingReason', { directive, rules: rules.join(', ') });
    let targetLine: number | null = null;
    if (kind === 'line') targetLine = where.line;
    else if (kind === 'next-line') {
      codeLines ??= linesWithCode(source, comments);
      targetLine = nextCodeLine(codeLines, where.endLine);
    }
    suppressions.push({ kind, rules, reason: parts.reason, ...where, targetLine });
  }
  return { suppressions, problems };
}

/**
 * `rule-a, migralint/rule-b -- reason` into ids and reason. The reason starts
 * after the first run of two or more dashes between spaces (as in ESLint's
 * directive descriptions). Null when the part before it is not a list of ids.
 */
function splitDirective(rest: string): { rules: string[]; reason: string } | null {
  const separator = /(?:^|\s)-{2,}(?:\s|$)/.exec(rest);
  const head = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length) : '';
  if (!/^\s*(?:[\w@/-]+\s*(?:,\s*[\w@/-]+\s*)*,?\s*)?$/.test(head)) return null;
  const rules = head
    .split(',')
    .map((id) => id.trim().replace(/^migralint\//, ''))
    .filter((id) => id !== '');
  // Block comments spread over lines: drop the ` * ` that starts each line.
  const text = reason.replace(/(?:\r\n|[\r\n\u2028\u2029])[ \t]*\*(?!\/)/g, ' ').replace(/\s+/g, ' ').trim();
  return { rules, reason: text };
}

/** For each line (index 0 is line 1): whether it holds something other than whitespace and comments. */
function linesWithCode(source: string, comments: readonly TSESTree.Comment[]): boolean[] {
  let text = '';
  let at = 0;
  for (const c of comments) {
    // Blank the comment out, keeping its line breaks so lines stay aligned.
    text += source.slice(at, c.range[0]) + source.slice(c.range[0], c.range[1]).replace(/[^\r\n\u2028\u2029]/g, ' ');
    at = c.range[1];
  }
  text += source.slice(at);
  return text.split(LINE_BREAK).map((line) => /\S/.test(line));
}

function nextCodeLine(codeLines: boolean[], afterLine: number): number | null {
  for (let line = afterLine + 1; line <= codeLines.length; line++) if (codeLines[line - 1]) return line;
  return null;
}

/**
 * Applies the suppression comments of the project's source files to the rule
 * findings: removes the findings they cover, and reports suppressions that
 * are invalid or cover nothing. Engine findings must not be passed in.
 */
export function applySuppressions(project: ProjectModel, findings: Finding[], options: SuppressionOptions): SuppressionResult {
  const known = new Set(options.known);
  const enabled = new Set(options.enabled);
  const unsuppressible = new Set([...options.unsuppressible, ...Object.values(SUPPRESSION_RULES)]);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const reports: Finding[] = [];
  const handled = new Set<string>();
  const workspace = options.workspace ?? new Workspace(project.project.absRoot);
  for (const file of candidateFiles(project, byFile.keys())) {
    handled.add(file);
    const fileFindings = byFile.get(file) ?? [];
    const abs = workspace.resolve(file);
    const source = workspace.text(abs);
    if (source === null) {
      kept.push(...fileFindings);
      continue;
    }
    const { suppressions, problems } = readSuppressions(source, file, () => workspace.comments(abs));
    const report = (rule: string, messages: Record<string, string>, p: Omit<SuppressionProblem, 'messageId'> & { messageId: string }) =>
      reports.push({
        rule,
        severity: 'warning',
        file,
        line: p.line,
        column: p.column,
        endLine: p.endLine,
        endColumn: p.endColumn,
        message: interpolate(messages[p.messageId]!, p.data),
        messageId: p.messageId,
        data: p.data,
        docsUrl: DOCS_URL,
      });
    for (const p of problems) report(SUPPRESSION_RULES.invalid, INVALID_MESSAGES, p);

    // Ids a suppression may act on: known, suppressible, and the suppression has its reason.
    const active = suppressions.map((s) => {
      const ids = new Set<string>();
      for (const rule of s.rules) {
        if (unsuppressible.has(rule)) report(SUPPRESSION_RULES.invalid, INVALID_MESSAGES, { ...s, messageId: 'unsuppressibleRule', data: { rule } });
        else if (!known.has(rule)) report(SUPPRESSION_RULES.invalid, INVALID_MESSAGES, { ...s, messageId: 'unknownRule', data: { rule } });
        else if (s.reason !== '') ids.add(rule);
      }
      return { suppression: s, ids, used: new Set<string>() };
    });
    // Line forms first: a finding both covers is credited to the narrower one,
    // so a file-level suppression that only repeats a line one shows as unused.
    const order = [...active].sort((a, b) => Number(a.suppression.kind === 'file') - Number(b.suppression.kind === 'file'));
    for (const finding of fileFindings) {
      const by = order.find(
        (a) => a.ids.has(finding.rule) && (a.suppression.kind === 'file' || a.suppression.targetLine === finding.line),
      );
      if (!by) {
        kept.push(finding);
        continue;
      }
      by.used.add(finding.rule);
      const { kind, reason, line } = by.suppression;
      suppressed.push({ finding, suppression: { kind, reason, line } });
    }
    for (const a of active) {
      const unused = [...a.ids].filter((id) => !a.used.has(id) && enabled.has(id));
      if (unused.length === 0) continue;
      const s = a.suppression;
      const messageId = s.kind === 'file' ? 'unusedInFile' : s.targetLine === null ? 'unusedNoCode' : 'unusedOnLine';
      const data: Record<string, string> = { rules: unused.join(', '), kind: s.kind };
      if (s.targetLine !== null) data.target = String(s.targetLine);
      report(SUPPRESSION_RULES.unused, UNUSED_MESSAGES, { ...s, messageId, data });
    }
  }
  for (const [file, fileFindings] of byFile) if (!handled.has(file)) kept.push(...fileFindings);
  return { findings: [...kept, ...reports], suppressed };
}

/**
 * The files a suppression can be in: every migration, model and JS config
 * file that parsed, and any other source file a finding points at. Each is
 * read again, but parsed again only when it contains `migralint-disable`.
 */
function candidateFiles(project: ProjectModel, findingFiles: Iterable<string>): string[] {
  const files = new Set<string>();
  // Migrations said while they were read whether their text holds a suppression comment:
  // the others are not read again, even when they have findings.
  const migrationFiles = new Set(project.migrations.map((m) => m.file));
  for (const m of project.migrations) if (m.hasSuppressions === true) files.add(m.file);
  for (const f of project.models?.files ?? []) if (f.role !== 'parse-error' && f.role !== 'unreadable') files.add(f.file);
  if (project.dbConfig?.format === 'js') files.add(project.dbConfig.file);
  for (const file of findingFiles) if (!migrationFiles.has(file)) files.add(file);
  return [...files].filter((file) => SOURCE_FILE.test(file)).sort();
}
