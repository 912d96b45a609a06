import type { Rule } from './create-rule';
import noDestructiveDown from '../../rules/no-destructive-down';
import noDestructiveUp from '../../rules/no-destructive-up';
import noDuplicateCreateTable from '../../rules/no-duplicate-create-table';
import noEnumValueInTransaction from '../../rules/no-enum-value-in-transaction';
import noFailingNotNull from '../../rules/no-failing-not-null';
import noFloatingQuery from '../../rules/no-floating-query';
import noImpossibleCast from '../../rules/no-impossible-cast';
import noInsecureDbConfig from '../../rules/no-insecure-db-config';
import noModelDrift from '../../rules/no-model-drift';
import noRacingSteps from '../../rules/no-racing-steps';
import noRenameDuringDeploy from '../../rules/no-rename-during-deploy';
import noSilentChangeColumn from '../../rules/no-silent-change-column';
import noSwallowedErrors from '../../rules/no-swallowed-errors';
import noTableRewrite from '../../rules/no-table-rewrite';
import requireCheckBeforeSetNotNull from '../../rules/require-check-before-set-not-null';
import requireConcurrentIndex from '../../rules/require-concurrent-index';
import requireConcurrentIndexOutsideTransaction from '../../rules/require-concurrent-index-outside-transaction';
import requireConcurrentUniqueConstraint from '../../rules/require-concurrent-unique-constraint';
import requireDown from '../../rules/require-down';
import requireIdempotencyGuard from '../../rules/require-idempotency-guard';
import requireLockTimeout from '../../rules/require-lock-timeout';
import requireNotValidConstraint from '../../rules/require-not-valid-constraint';
import requireTransactionOption from '../../rules/require-transaction-option';
import validDialectCheck from '../../rules/valid-dialect-check';
import validMigrationFile from '../../rules/valid-migration-file';
import validMigrationOrder from '../../rules/valid-migration-order';

/** Every built-in rule, in id order. */
export const RULES: readonly Rule<any>[] = [
  noDestructiveDown,
  noDestructiveUp,
  noDuplicateCreateTable,
  noEnumValueInTransaction,
  noFailingNotNull,
  noFloatingQuery,
  noImpossibleCast,
  noInsecureDbConfig,
  noModelDrift,
  noRacingSteps,
  noRenameDuringDeploy,
  noSilentChangeColumn,
  noSwallowedErrors,
  noTableRewrite,
  requireCheckBeforeSetNotNull,
  requireConcurrentIndex,
  requireConcurrentIndexOutsideTransaction,
  requireConcurrentUniqueConstraint,
  requireDown,
  requireIdempotencyGuard,
  requireLockTimeout,
  requireNotValidConstraint,
  requireTransactionOption,
  validDialectCheck,
  validMigrationFile,
  validMigrationOrder,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
