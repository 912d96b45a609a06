import type { Rule } from './create-rule';
import noDestructiveDown from '../../rules/no-destructive-down';
import noDestructiveUp from '../../rules/no-destructive-up';
import noDuplicateCreateTable from '../../rules/no-duplicate-create-table';
import noSwallowedErrors from '../../rules/no-swallowed-errors';
import requireDown from '../../rules/require-down';
import requireIdempotencyGuard from '../../rules/require-idempotency-guard';
import validMigrationFile from '../../rules/valid-migration-file';
import validMigrationOrder from '../../rules/valid-migration-order';

/** Every built-in rule, in id order. */
export const RULES: readonly Rule<any>[] = [
  noDestructiveDown,
  noDestructiveUp,
  noDuplicateCreateTable,
  noSwallowedErrors,
  requireDown,
  requireIdempotencyGuard,
  validMigrationFile,
  validMigrationOrder,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
