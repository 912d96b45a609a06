import type { Migration, ProjectModel, Severity, SourceLocation, Target } from '../model';

/** What kind of harm a rule prevents: shown in docs and the report. */
export type Risk = 'data-loss' | 'locking' | 'failure' | 'breaking-change' | 'security' | 'hygiene';

/** A JSON schema for rule options: always an object schema without extra keys. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, { description: string; [key: string]: unknown }>;
  additionalProperties: false;
}

export interface RuleMeta {
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
  messages: Record<string, string>;
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
export type ReportDescriptor = ReportDescriptorBase & ({ migration: Migration; file?: string } | { migration?: undefined; file: string });

interface ReportDescriptorBase {
  /** Defaults to the start of the file. */
  loc?: Pick<SourceLocation, 'line' | 'column'> & Partial<SourceLocation>;
  messageId: string;
  data?: Record<string, string>;
  target?: Target;
  /** Overrides the rule's severity for this finding (e.g. warning vs error by case). */
  severity?: Severity;
}

export interface RuleContext<Options> {
  project: ProjectModel;
  options: Options;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Options extends object = Record<string, never>> {
  id: string;
  meta: RuleMeta & { docs: RuleMeta['docs'] & { url: string } };
  defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}

export const DOCS_BASE_URL = 'https://github.com/migralint/migralint/blob/main/rules/';

/** Builds a rule: derives the docs URL from the id and checks the message ids at definition time. */
export function createRule<Options extends object = Record<string, never>>(spec: {
  id: string;
  meta: RuleMeta;
  defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}): Rule<Options> {
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
