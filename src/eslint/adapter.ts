import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Migration, ProjectInfo, ProjectModel } from '../model';
import { engineMessage, ENGINE_RULES, isRuleEnabled, runRules, type RuleSetting } from '../project';
import { fileSizeLimitMessage, textBytes, textOver } from '../limits';
import { compareRunOrder, toPosix } from '../discovery';
import { readDbConfig } from '../config/read-db-config';
import { readModels } from '../models/read-models';
import { Workspace } from '../workspace';
import type { Rule } from '../rules/create-rule';
import { RULES } from '../rules/registry';
import { applySuppressions, SUPPRESSION_RULES } from '../suppressions';
import { indexFor, isIgnoredFile, isMigrationFile, layoutFor, maxFileBytesFor, NO_SETTINGS, settingsFor, workspaceLimitsOf } from './project-index';

/** The parts of ESLint's rule context we use: only APIs present in ESLint 8.40+, 9 and 10. */
interface EslintContext {
  filename: string;
  sourceCode: { text: string; ast: unknown };
  options: unknown[];
  /** ESLint's shared settings: `settings.migralint.reportInfo` shows the CLI's info findings too. */
  settings?: Record<string, unknown>;
  /** A message that no rule's `messages` holds (a file over an analysis limit): ESLint takes `message` as is. */
  report(descriptor: { loc: { start: { line: number; column: number } }; message: string }): void;
  // Last, so that `Parameters<EslintContext['report']>` is this one.
  report(descriptor: {
    loc: { start: { line: number; column: number }; end?: { line: number; column: number } };
    messageId: string;
    data?: Record<string, string>;
    suggest?: EslintSuggestion[];
  }): void;
}

/** A suggestion as ESLint takes it: worded by `desc` or by a message id of the rule. */
type EslintSuggestion = ({ desc: string } | { messageId: string; data?: Record<string, string> }) & { fix: (fixer: EslintFixer) => unknown };

export interface EslintFixer {
  replaceTextRange(range: [number, number], text: string): unknown;
  insertTextBeforeRange(range: [number, number], text: string): unknown;
  insertTextAfterRange(range: [number, number], text: string): unknown;
}

export interface EslintRuleModule {
  meta: {
    type: 'problem' | 'suggestion';
    docs: { description: string; url: string; recommended: boolean };
    messages: Record<string, string>;
    schema: unknown[];
    hasSuggestions: boolean;
  };
  create(context: EslintContext): Record<string, (node: unknown) => void>;
}

interface FileAnalysis {
  project: ProjectModel;
  /** The current file as a migration, from the editor's buffer (not the disk). */
  migration: Migration | null;
  file: string;
  /**
   * The text the file's model was extracted from: the buffer, or the saved
   * file with its BOM (ESLint's text has none), which offsets of the model index.
   */
  modelText: string;
  /** Identity of the project state: cross-file results are reused while it holds. */
  key: string;
  /** The files as this analysis read them (the buffer over the project's): suppression comments are read from it. */
  workspace: Workspace;
  /** The project's migralint configuration: rule settings. */
  rules: Record<string, RuleSetting>;
  /**
   * The file was not analyzed, being over an analysis limit (src/limits.ts): the CLI's `analysis-limit`
   * message and where it points. The first migralint rule run on the file reports it (`limitReported`).
   */
  limit?: { message: string; line: number; column: number };
  limitReported?: boolean;
}

/**
 * Findings of cross-file rules for the last analyzed state, per rule: linting
 * the same buffer again (or another rule's pass over it) costs a lookup.
 */
const projectRuleCache = new Map<string, { key: string; byFile: Map<string, Finding[]> }>();

/**
 * One analysis per linted buffer, shared by every migralint rule run on it:
 * ESLint calls each rule's `Program:exit` on the same `sourceCode.ast`.
 */
const analyses = new WeakMap<object, FileAnalysis | null>();

/** The analysis of the linted buffer; null when the project's migralint configuration ignores the file. */
function analyze(context: EslintContext): FileAnalysis | null {
  const ast = context.sourceCode.ast as object;
  if (analyses.has(ast)) return analyses.get(ast)!;
  const absFile = path.resolve(context.filename);
  if (isIgnoredFile(absFile)) {
    // `ignores`: the CLI neither analyzes the file nor reports anything in it.
    analyses.set(ast, null);
    return null;
  }
  const info = layoutFor(absFile);
  const rules = info ? settingsFor(info).rules : {};
  let result: FileAnalysis;
  if (info && isMigrationFile(info, absFile)) {
    const index = indexFor(info);
    const project = index.project();
    const file = toPosix(path.relative(info.absRoot, absFile));
    const saved = index.entry(path.basename(absFile));
    const text = context.sourceCode.text;
    if (saved && saved.source !== null && stripBom(saved.source) === text) {
      // The buffer is the saved file (the ESLint CLI, a saved tab): the indexed project is exact,
      // and cross-file results are shared by every file of the folder.
      const migration = project.migrations.find((m) => m.file === file) ?? null;
      result = { project, migration, file, modelText: saved.source, key: `${info.absRoot}\0v${index.version}`, workspace: index.workspace, rules };
      return remember(ast, result, absFile, text);
    }
    const dialects = index.dialects();
    const workspace = bufferWorkspace(index.workspace, absFile, context);
    const migration = workspace.migration(file, dialects ? { dialects } : {});
    let migrations = project.migrations.map((m) => (m.file === file ? { ...migration, index: m.index } : m));
    if (!migrations.some((m) => m.file === file)) {
      // A new file not saved yet: at its place in run order, as the runner will see it.
      migrations = [...migrations, migration].sort((a, b) => compareRunOrder(a.name, b.name)).map((m, index) => ({ ...m, index }));
    }
    result = {
      project: { ...project, migrations },
      migration,
      file,
      modelText: text,
      key: `${info.absRoot}\0${indexFor(info).version}\0${file}\0${context.sourceCode.text}`,
      workspace,
      rules,
    };
  } else {
    // Not in a migrations folder we can find: judge the file on its own.
    const root = path.dirname(absFile);
    const standalone: ProjectInfo = info ?? {
      root,
      absRoot: root,
      framework: 'sequelize',
      migrationsDir: '.',
      modelsDir: null,
      configFile: null,
      layoutSource: 'option',
    };
    const file = toPosix(path.relative(standalone.absRoot, absFile));
    const workspace = bufferWorkspace(info ? indexFor(info).workspace : new Workspace(standalone.absRoot, workspaceLimitsOf(NO_SETTINGS)), absFile, context);
    const migration = info ? null : workspace.migration(file);
    let project = info ? indexFor(info).project() : { project: standalone, migrations: [migration!] };
    // A model or the database config being edited: judge the buffer, not the saved file.
    if (info) project = withBuffer(info, project, file, workspace);
    result = {
      project,
      migration,
      file,
      modelText: context.sourceCode.text,
      key: `${standalone.absRoot}\0${info ? indexFor(info).version : -1}\0${file}\0${context.sourceCode.text}`,
      workspace,
      rules,
    };
  }
  return remember(ast, result, absFile, context.sourceCode.text);
}

/** The analysis of a buffer, kept for the other rules run on it, with whether the file is over a limit. */
function remember(ast: object, result: FileAnalysis, absFile: string, text: string): FileAnalysis {
  const limit = overLimit(result, absFile, text);
  if (limit) result.limit = limit;
  analyses.set(ast, result);
  return result;
}

/**
 * Where and why the linted file was not analyzed: a migration the workspace stopped on (the size cap, the step
 * or time budget), or another file the presets lint (a model, the database config) over the size cap, which the
 * parser (src/eslint/parser.ts) did not parse either.
 */
function overLimit(analysis: FileAnalysis, absFile: string, text: string): FileAnalysis['limit'] | null {
  const m = analysis.migration;
  if (m) return m.analysisLimit && m.error ? { message: engineMessage(ENGINE_RULES.analysisLimit, m.name, m.error.message), line: m.error.line, column: m.error.column } : null;
  const cap = maxFileBytesFor(absFile);
  if (!textOver(text, cap)) return null;
  return { message: engineMessage(ENGINE_RULES.analysisLimit, path.basename(absFile), fileSizeLimitMessage(textBytes(text), cap)), line: 1, column: 1 };
}

/** The linted buffer over the files the index read: it wins over the saved file for every reader. */
function bufferWorkspace(workspace: Workspace, absFile: string, context: EslintContext): Workspace {
  return workspace.withOverlay(absFile, { text: context.sourceCode.text, ast: context.sourceCode.ast as TSESTree.Program });
}

/** The project with an edited model or config file read from its buffer (`workspace` holds it as an overlay). */
function withBuffer(info: ProjectInfo, project: ProjectModel, file: string, workspace: Workspace): ProjectModel {
  if (info.configFile === file) {
    const dbConfig = readDbConfig(workspace, file)!;
    // Who connects with the file, and which environment a deployment selects, come from the other files, not the buffer.
    if (project.dbConfig?.appConnections) dbConfig.appConnections = project.dbConfig.appConnections;
    if (project.dbConfig?.selection) dbConfig.selection = project.dbConfig.selection;
    return { ...project, dbConfig };
  }
  const models = project.models;
  if (info.modelsDir && models && models.files.some((f) => f.file === file)) {
    return { ...project, models: readModels(workspace, info.modelsDir, { configFile: info.configFile }) };
  }
  return project;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Turns a migralint rule into an ESLint rule: extract the model from the
 * parsed buffer, run the same rule the CLI runs, report its findings for this
 * file at their locations, with the rule's suggestions. No second
 * implementation of any rule exists.
 *
 * The project's migralint configuration (src/config-file/, as the CLI loads
 * it) applies: a rule it turns `off` reports nothing, its options are the
 * base the ESLint options are laid over, its `ignores` leave files out, and
 * `migralint-disable-*` comments remove what they cover (src/suppressions.ts).
 * Whether a rule runs, and at which level, is otherwise ESLint's config.
 */
export function toEslintRule(rule: Rule<any>): EslintRuleModule {
  return {
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.docs.description, url: rule.meta.docs.url, recommended: rule.meta.docs.recommended },
      messages: rule.meta.messages,
      schema: [rule.meta.schema],
      hasSuggestions: true,
    },
    create(context) {
      return {
        'Program:exit'() {
          const analysis = analyze(context);
          if (!analysis) return;
          if (analysis.limit) {
            // Said once on the file, by whichever migralint rule runs first; no rule judges a file not analyzed.
            if (!analysis.limitReported) context.report({ loc: { start: { line: analysis.limit.line, column: analysis.limit.column - 1 } }, message: analysis.limit.message });
            analysis.limitReported = true;
            return;
          }
          // File rules only judge migrations; project rules may report on any file (a model, the config).
          if (!analysis.migration && rule.meta.scope === 'file') return;
          const configured = analysis.rules[rule.id];
          // Turned off in the migralint configuration: off here too, whatever ESLint's config says.
          if (configured !== undefined && !isRuleEnabled(rule, { [rule.id]: configured })) return;
          const base = typeof configured === 'object' ? configured.options : undefined;
          const options = { ...base, ...(context.options[0] as Record<string, unknown> | undefined) };
          const setting = { [rule.id]: { severity: 'on' as const, options } };
          let findings: Finding[];
          if (rule.meta.scope === 'file') {
            // A file rule judges one migration at a time: give it only this one (fast in a folder of 1,000).
            const only = { ...analysis.project, migrations: analysis.migration ? [analysis.migration] : [] };
            findings = runRules(only, setting, [rule], { suggestions: true }).filter((f) => f.file === analysis.file);
          } else {
            const key = `${analysis.key}\0${JSON.stringify(options)}`;
            let cached = projectRuleCache.get(rule.id);
            if (!cached || cached.key !== key) {
              const byFile = new Map<string, Finding[]>();
              for (const f of runRules(analysis.project, setting, [rule], { suggestions: true })) {
                const list = byFile.get(f.file) ?? [];
                list.push(f);
                byFile.set(f.file, list);
              }
              cached = { key, byFile };
              projectRuleCache.set(rule.id, cached);
            }
            findings = cached.byFile.get(analysis.file) ?? [];
          }
          // ESLint has one level per rule, the CLI one per finding: an info (a routine reversal, a note) would show at
          // the rule's level, an error in the editor. Left out unless the shared settings ask for them.
          const shown = reportsInfo(context) ? findings : findings.filter((f) => f.severity !== 'info');
          for (const finding of unsuppressed(shown, analysis)) report(context, finding, analysis);
        },
      };
    },
  };
}

/** `settings: { migralint: { reportInfo: true } }` in the ESLint config: the CLI's info findings are reported too. */
function reportsInfo(context: EslintContext): boolean {
  const own = context.settings?.migralint;
  return typeof own === 'object' && own !== null && (own as { reportInfo?: unknown }).reportInfo === true;
}

const SUPPRESSION_FINDINGS = new Set<string>(Object.values(SUPPRESSION_RULES));

/**
 * The file's findings without those its `migralint-disable-*` comments cover,
 * by the CLI's own pass. Unused and invalid suppressions are the CLI's to
 * report: which rules run is ESLint's config, which a rule cannot see.
 */
function unsuppressed(findings: Finding[], analysis: FileAnalysis): Finding[] {
  if (findings.length === 0) return findings;
  // Only this file's comments matter: leave the project's other files out of the pass (the other migrations, and
  // the models and database config, which the pass would read for suppressions on every lint). A model or config
  // being linted is still read: its findings name it.
  const { models: _models, dbConfig: _dbConfig, ...rest } = analysis.project;
  const project = { ...rest, migrations: analysis.project.migrations.filter((m) => m.file === analysis.file) };
  const result = applySuppressions(project, findings, {
    known: RULES.map((r) => r.id),
    enabled: [],
    unsuppressible: Object.values(ENGINE_RULES),
    workspace: analysis.workspace,
  });
  return result.findings.filter((f) => !SUPPRESSION_FINDINGS.has(f.rule));
}

function report(context: EslintContext, finding: Finding, analysis: FileAnalysis): void {
  const line = finding.line;
  const column = finding.column - 1;
  const descriptor: Parameters<EslintContext['report']>[0] = {
    // Only a start when the finding has no end (a file-level finding), as in the CLI.
    loc:
      finding.endLine !== undefined && finding.endColumn !== undefined
        ? { start: { line, column }, end: { line: finding.endLine, column: finding.endColumn - 1 } }
        : { start: { line, column } },
    messageId: finding.messageId ?? 'unknown',
  };
  if (finding.data) descriptor.data = finding.data;
  const suggestions = eslintSuggestions(finding, analysis, context.sourceCode.text);
  if (suggestions.length > 0) descriptor.suggest = suggestions;
  context.report(descriptor);
}

/**
 * The finding's suggestions as ESLint takes them. Each edit is computed from
 * the text the model was extracted from, then moved onto ESLint's text (one
 * BOM apart at most); a suggestion without an edit for this text is left out.
 */
function eslintSuggestions(finding: Finding, analysis: FileAnalysis, text: string): EslintSuggestion[] {
  if (!finding.suggestions || finding.file !== analysis.file) return [];
  const shift = analysis.modelText.length - text.length;
  const out: EslintSuggestion[] = [];
  for (const s of finding.suggestions) {
    const edit = s.fix(analysis.modelText);
    if (!edit) continue;
    const range: [number, number] = [edit.range[0] - shift, edit.range[1] - shift];
    const fix = (fixer: EslintFixer) => fixer.replaceTextRange(range, edit.text);
    out.push(s.messageId !== undefined ? { messageId: s.messageId, ...(s.data ? { data: s.data } : {}), fix } : { desc: s.desc, fix });
  }
  return out;
}
