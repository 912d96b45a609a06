import type { Rule } from './create-rule';
import noDestructiveDown from '../../rules/no-destructive-down';
import noDestructiveUp from '../../rules/no-destructive-up';
import noDuplicateCreateTable from '../../rules/no-duplicate-create-table';
import noInsecureDbConfig from '../../rules/no-insecure-db-config';
import noModelDrift from '../../rules/no-model-drift';
import noSwallowedErrors from '../../rules/no-swallowed-errors';
import requireConcurrentIndex from '../../rules/require-concurrent-index';
import requireDown from '../../rules/require-down';
import requireIdempotencyGuard from '../../rules/require-idempotency-guard';
import validMigrationFile from '../../rules/valid-migration-file';
import validMigrationOrder from '../../rules/valid-migration-order';

/** Every built-in rule, in id order. */
export const RULES: readonly Rule<any>[] = [
  noDestructiveDown,
  noDestructiveUp,
  noDuplicateCreateTable,
  noInsecureDbConfig,
  noModelDrift,
  noSwallowedErrors,
  requireConcurrentIndex,
  requireDown,
  requireIdempotencyGuard,
  validMigrationFile,
  validMigrationOrder,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
