import type { Rule } from '../src/rules/create-rule';
import { RULES } from '../src/rules/registry';

/** The generated table sits between these markers in README.md's `## Rules` section. */
export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** How to regenerate the README table (printed when it drifts). */
export const REGENERATE_COMMAND = 'UPDATE_README=1 npx vitest run test/rules-docs.test.ts';

/**
 * The README rule table, generated from rule metadata so that it cannot drift
 * from the rules: id linked to its doc, description, risk, default severity,
 * and the presets that enable the rule.
 */
export function ruleTable(rules: readonly Rule<any>[] = RULES): string {
  const lines = [
    '| Rule | Description | Risk | Default severity | Recommended | Strict |',
    '|---|---|---|---|:-:|:-:|',
    ...rules.map((rule) => {
      const { description, risk, recommended, strict } = rule.meta.docs;
      return `| [\`${rule.id}\`](rules/${rule.id}.md) | ${cell(description)} | ${risk} | ${rule.meta.defaultSeverity} | ${recommended ? '✅' : ''} | ${strict ? '✅' : ''} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** A table cell: pipes would end the cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The text between the markers, or null when a marker is missing or they are out of order. */
export function readRuleTable(readme: string): string | null {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) return null;
  return readme.slice(start + RULES_START.length, end).replace(/^\r?\n/, '');
}

/** README.md with the text between the markers replaced by `table`. */
export function writeRuleTable(readme: string, table: string = ruleTable()): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md needs ${RULES_START} and ${RULES_END} (in that order) in its "## Rules" section`);
  }
  return `${readme.slice(0, start + RULES_START.length)}\n${table}${readme.slice(end)}`;
}
