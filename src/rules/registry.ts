import type { Rule } from './create-rule';
import validMigrationFile from '../../rules/valid-migration-file';

/** Every built-in rule, in id order. */
export const RULES: readonly Rule<any>[] = [validMigrationFile].sort((a, b) => (a.id < b.id ? -1 : 1));

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
