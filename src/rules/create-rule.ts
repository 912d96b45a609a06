import type { Migration, ProjectModel, Severity, SourceLocation, Target, TextEdit } from '../model';

/** What kind of harm a rule prevents: shown in docs and the report. */
export type Risk = 'data-loss' | 'locking' | 'failure' | 'breaking-change' | 'security' | 'hygiene';

/** A JSON schema for rule options: always an object schema without extra keys. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, { description: string; [key: string]: unknown }>;
  additionalProperties: false;
}

/** A rule's metadata; `MessageIds` are the keys of `messages`, the only ids `report` accepts. */
export interface RuleMeta<MessageIds extends string = string> {
  type: 'problem' | 'suggestion';
  docs: {
    /** One imperative line. */
    description: string;
    /** What to do instead, one or two sentences (shown under findings in reports). */
    help: string;
    /** In the `recommended` preset. */
    recommended: boolean;
    /** In the `strict` preset (every recommended rule is also in strict). */
    strict: boolean;
    risk: Risk;
  };
  /** camelCase ids; `{{placeholder}}` fields are filled from `data`. */
  messages: Record<MessageIds, string>;
  schema: OptionsSchema;
  defaultSeverity: Severity;
  /** `file`: looks at one migration at a time; `project`: compares migrations. */
  scope: 'file' | 'project';
}

/**
 * Where a finding is: in a migration, or in another project file (the
 * database config, a model) named by its project-relative POSIX path.
 * `file` wins over `migration.file`.
 */
export type ReportDescriptor<MessageIds extends string = string> = ReportDescriptorBase<MessageIds> &
  ({ migration: Migration; file?: string } | { migration?: undefined; file: string });

interface ReportDescriptorBase<MessageIds extends string> {
  /** Defaults to the start of the file. */
  loc?: Pick<SourceLocation, 'line' | 'column'> & Partial<SourceLocation>;
  messageId: MessageIds;
  data?: Record<string, string>;
  target?: Target;
  /** Overrides the rule's severity for this finding (e.g. warning vs error by case). */
  severity?: Severity;
  /**
   * Rewrites offered with the finding, as typescript-eslint's `report({ suggest })`:
   * the ESLint plugin shows them as suggestions; the CLI does not use them.
   */
  suggest?: readonly SuggestionDescriptor<MessageIds>[];
}

/**
 * A rewrite offered with a finding: worded by one of the rule's messages or
 * by a plain `desc`. `fix` gets the text of the finding's file (the text its
 * model was extracted from, so the model's `syntax` offsets index it) and
 * returns the edit, or null when no mechanical rewrite fits that text.
 */
export type SuggestionDescriptor<MessageIds extends string = string> = (
  | { messageId: MessageIds; data?: Record<string, string>; desc?: never }
  | { desc: string; messageId?: never; data?: never }
) & { fix(source: string): TextEdit | null };

export interface RuleContext<Options, MessageIds extends string = string> {
  project: ProjectModel;
  options: Options;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /**
   * The migration with every step its file writes: `project` leaves out the
   * steps under a branch for a dialect the project does not use, but a
   * rewrite of the file's text must account for them too.
   */
  asWritten(migration: Migration): Migration;
}

export interface Rule<Options extends object = Record<string, never>, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<MessageIds> & { docs: RuleMeta['docs'] & { url: string } };
  defaultOptions: Options;
  check(context: RuleContext<Options, MessageIds>): void;
}

export const DOCS_BASE_URL = 'https://github.com/migralint/migralint/blob/main/rules/';

/**
 * Builds a rule: derives the docs URL from the id and checks the message ids
 * at definition time. `MessageIds` are inferred from `meta.messages` (or
 * given with `Options`): `report({ messageId })` accepts only those, so a
 * misspelt id is a compile error, not a message printed as its id.
 */
export function createRule<Options extends object, MessageIds extends string>(spec: {
  id: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  check(context: RuleContext<Options, MessageIds>): void;
}): Rule<Options, MessageIds> {
  for (const id of Object.keys(spec.meta.messages)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) throw new Error(`rule ${spec.id}: message id ${id} is not camelCase`);
  }
  return {
    id: spec.id,
    meta: { ...spec.meta, docs: { ...spec.meta.docs, url: `${DOCS_BASE_URL}${spec.id}.md` } },
    defaultOptions: spec.defaultOptions,
    check: spec.check,
  };
}

/** Fills `{{name}}` placeholders; unknown placeholders stay visible rather than vanish. */
export function interpolate(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? data[key]! : m));
}
