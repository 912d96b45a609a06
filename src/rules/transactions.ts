/** Which transaction a step runs in: shared by the rules about statements PostgreSQL treats differently there. */
import type { Operation, ProjectModel } from '../model';
import { runnerMakesMigrationsAtomic, runnerName } from './project-facts';

/**
 * For each step of a phase, the transaction block its raw SQL opened (BEGIN /
 * START TRANSACTION) and has not ended before it: a number per block, in
 * order; null outside any.
 */
export function sqlTransactionBlocks(phase: readonly Operation[]): Map<Operation, number | null> {
  const state = new Map<Operation, number | null>();
  let open: number | null = null;
  let blocks = 0;
  for (const op of phase) {
    state.set(op, open);
    if (op.op !== 'transactionControl') continue;
    if (op.options.kind === 'begin') open = ++blocks;
    else if (op.options.kind === 'commit' || op.options.kind === 'rollback' || op.options.kind === 'prepareTransaction') open = null;
  }
  return state;
}

/**
 * Where the transaction around `op` comes from, as message text; null when
 * the step runs outside any. `afterBegin`: the migration's own SQL opened
 * one before the step (`sqlTransactionBlocks`).
 */
export function transactionAround(project: ProjectModel, op: Operation, afterBegin: boolean): string | null {
  if (op.inTransaction && !op.transactionMisplaced) return "inside the migration's transaction (the call passes `{ transaction }`)";
  if (afterBegin) return "after a BEGIN that this migration's SQL sends, before its COMMIT";
  if (op.multiStatement) return 'in one query string with other statements, which PostgreSQL runs as one implicit transaction';
  if (runnerMakesMigrationsAtomic(project)) {
    const evidence = project.project.runner?.transactionEvidence;
    return `inside the transaction ${runnerName(project)} opens around each migration${evidence ? ` (${evidence.file}:${evidence.line})` : ''}`;
  }
  return null;
}

/**
 * `later` runs in the same transaction as `first` (both of one phase, `later`
 * after it): the runner wraps the whole migration, both are statements of one
 * query string, both pass `{ transaction }`, or both sit in the same BEGIN
 * block of the migration's SQL.
 */
export function inSameTransaction(project: ProjectModel, blocks: Map<Operation, number | null>, first: Operation, later: Operation): boolean {
  if (runnerMakesMigrationsAtomic(project)) return true;
  if (inOneQueryString(first, later)) return true;
  if (first.inTransaction && later.inTransaction) return true;
  const block = blocks.get(first) ?? null;
  return block !== null && blocks.get(later) === block;
}

/**
 * Both are statements of one query string (one `sequelize.query` call): PostgreSQL runs them as one implicit
 * transaction (measured: test/semantics/failing-changes.test.ts), so a failure of the later rolls the earlier back.
 */
export function inOneQueryString(first: Operation, later: Operation): boolean {
  return first.multiStatement === true && later.multiStatement === true && first.loc.line === later.loc.line && first.loc.column === later.loc.column;
}

/**
 * Two operations read from one SQL statement (the clauses of one `ALTER TABLE t ADD COLUMN a ..., MODIFY COLUMN b
 * ...`: the same call, the same statement text): one statement succeeds or fails whole, on every dialect.
 */
export function inOneStatement(first: Operation, later: Operation): boolean {
  return first.sql === true && later.sql === true && first.statement !== undefined && first.statement === later.statement && first.loc.line === later.loc.line && first.loc.column === later.loc.column;
}
