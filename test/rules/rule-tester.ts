import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectModel, Severity } from '../../src/model';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { lint, renderText } from '../helpers/rules';

type Files = Record<string, string> | string;

export interface ValidCase {
  name: string;
  files: Files;
  options?: Record<string, unknown>;
  /** Facts from outside the migrations (schemaSync, models, dbConfig). */
  project?: Partial<ProjectModel>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column?: number;
  severity?: Severity;
  /** Checked as a subset of the finding's data. */
  data?: Record<string, string>;
  /** The migration file the finding is on (its name), when the case has several. */
  file?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/**
 * Table-driven tests for one rule: valid sources give no finding, invalid
 * ones give exactly the listed findings (rule, messageId, data, location),
 * and their terminal rendering is snapshotted so reviewers see what users see.
 * `knownFalseNegatives` document dangerous code the rule does not catch yet:
 * they assert today's silence, so fixing one makes its test fail on purpose.
 */
export function ruleTests(
  ruleId: string,
  cases: { valid: ValidCase[]; invalid: InvalidCase[]; knownFalseNegatives?: (ValidCase & { why: string })[] },
): void {
  describe(ruleId, () => {
    beforeAll(async () => {
      await loadSqlParser();
    });

    describe('valid', () => {
      it.each(cases.valid)('$name', ({ files, options, project }) => {
        expect(lint(ruleId, files, options, project)).toEqual([]);
      });
    });

    describe('invalid', () => {
      it.each(cases.invalid)('$name', ({ files, options, errors, project }) => {
        const findings = lint(ruleId, files, options, project);
        expect(findings.map((f) => f.rule)).toEqual(errors.map(() => ruleId));
        findings.forEach((f, i) => {
          const e = errors[i]!;
          expect({ messageId: f.messageId, line: f.line }).toEqual({ messageId: e.messageId, line: e.line });
          if (e.column !== undefined) expect(f.column).toBe(e.column);
          if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
          if (e.file !== undefined) expect(f.file.split('/').pop()).toBe(e.file);
          if (e.data) expect(f.data).toMatchObject(e.data);
          expect(f.message).not.toMatch(/\{\{/);
        });
        expect(renderText(files, findings)).toMatchSnapshot();
      });
    });

    if (cases.knownFalseNegatives?.length) {
      describe('known false negatives (not caught yet)', () => {
        it.each(cases.knownFalseNegatives!)('$name', ({ files, options, project }) => {
          expect(lint(ruleId, files, options, project)).toEqual([]);
        });
      });
    }
  });
}
