import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { changesDatabase } from '../src/operations/table';
import { listSteps, oncePerCallSite } from '../src/rules/operations';
import { laterFailures, stepsBefore } from '../src/rules/plausible-failure';

/**
 * Inside `sequelize.transaction(async (t) => ...)`, a queryInterface call
 * joins the transaction only when it passes `{ transaction: t }` in its
 * options. Without it (or with `transaction` written inside the column
 * attributes, or after addIndex's options object, where Sequelize does not
 * read it), Sequelize runs the call
 * on another pooled connection: a failure later in the callback rolls the
 * transaction back, but not that step, and with a pool of one connection
 * the call waits for the connection the transaction holds: the migration hangs.
 */
export default createRule({
  id: 'require-transaction-option',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require queryInterface calls inside a transaction callback to pass the transaction in their options',
      help: 'Pass `{ transaction: t }` as the options argument of every call inside the callback (the last argument: after the attributes of addColumn / changeColumn, not inside them; for addIndex with an options object, inside that object).',
      recommended: false,
      strict: true,
      risk: 'failure',
    },
    messages: {
      missingTransaction:
        '`{{callee}}` on {{target}} runs inside a `sequelize.transaction` callback without `{ transaction }`: Sequelize sends it on another connection, outside the transaction, so a rollback does not undo it (and with a pool of one connection it waits forever).{{scope}}',
      transactionInAttributes:
        '`{{callee}}` on {{target}} has `transaction` inside its column attributes, where Sequelize does not read it: the call runs outside the transaction, so a rollback does not undo it. Pass it in the options argument instead.{{scope}}',
      transactionAfterIndexOptions:
        '`{{callee}}` on {{target}} passes `{ transaction }` as a third argument after an options object: Sequelize takes that object as the options and does not read the third argument for them, so the call runs outside the transaction and a rollback does not undo it. Put `transaction` in the options object.{{scope}}',
      transactionInFields:
        '`{{callee}}` on {{target}} has `{ transaction }` inside its fields array: Sequelize builds the index name from every element (`…_[object _object]`), so its DROP INDEX IF EXISTS names no index and removes nothing, silently. {{consequence}} Pass the field names alone, and `{ transaction }` as the third argument.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      // One finding per transaction: the calls of one callback that run outside it are one mistake with one
      // consequence (the callback is not atomic), reported at the first of them, naming the others.
      const groups = new Map<string, { first: Operation; messageId: Trap; others: number[] }>();
      oncePerCallSite(migration, trap, (op, messageId) => {
        const tx = transactionOfCall(op);
        const key = tx === undefined ? `site:${op.loc.line}:${op.loc.column}` : `${op.phase}:${tx}`;
        const group = groups.get(key);
        if (group) {
          if (!group.others.includes(op.loc.line) && op.loc.line !== group.first.loc.line) group.others.push(op.loc.line);
        } else groups.set(key, { first: op, messageId, others: [] });
      });
      // A removeIndex whose fields hold the transaction removes nothing at all: that, not the transaction, is what to say.
      for (const op of [...migration.up, ...migration.down]) {
        if (op.op !== 'removeIndex' || op.options.indexNameBroken !== 'transaction') continue;
        const dropped = droppedLater(op, op.phase === 'up' ? migration.up : migration.down);
        const consequence = dropped
          ? `The index goes all the same with ${dropped}, later in this ${op.phase}.`
          : 'The index stays: a rerun that builds it again fails ("already exists"), and a unique one keeps refusing rows.';
        report({ migration, loc: op.loc, messageId: 'transactionInFields', data: { callee: op.callee, target: describeTarget(op.target, op), consequence }, target: op.target, severity: dropped ? 'info' : 'warning' });
      }
      for (const { first, messageId, others } of groups.values()) {
        const tx = transactionOfCall(first);
        const phaseOps = first.phase === 'up' ? migration.up : migration.down;
        const writes = phaseOps.filter(isStep);
        const at = writes.indexOf(first);
        // What can leave this call applied: a later step of the same transaction failing (the transaction rolls back, this
        // call does not). Graded as require-idempotency-guard grades any step that stays: by whether a later step can fail
        // on its own (src/rules/plausible-failure.ts), not only for an outside reason.
        const later = tx === undefined || at < 0 ? [] : writes.slice(at + 1).filter((o) => transactionOfCall(o) === tx);
        const failing = laterFailures(writes, at, later, stepsBefore(project, migration));
        const also =
          others.length > 0
            ? ` ${others.length === 1 ? 'One more call' : `${others.length} more calls`} of the same transaction run${others.length === 1 ? 's' : ''} outside it too (line${others.length === 1 ? '' : 's'} ${others.join(', ')}).`
            : '';
        const scope =
          failing.length > 0
            ? ` When a later step of the transaction fails (${listSteps(failing)}), the transaction rolls back but this call stays applied, and the rerun fails on it.${also}`
            : later.length > 0
              ? ` The later steps of the transaction (${listSteps(later)}) can fail only for an outside reason (a lock timeout, a lost connection), so it is unlikely to be left half-done; it matters once a step that can fail joins the transaction.${also}`
              : ` Nothing of the transaction runs after it, so nothing can leave it half-done: it matters once a step follows it.${also}`;
        report({ migration, loc: first.loc, messageId, data: { callee: first.callee, target: describeTarget(first.target, first), scope }, target: first.target, ...(failing.length === 0 ? { severity: 'info' as const } : {}) });
      }
    }
  },
});

type Trap = 'missingTransaction' | 'transactionInAttributes' | 'transactionAfterIndexOptions';


/** The transaction a call belongs to: the callback it is written in, else the one it passes (misplaced or not). */
function transactionOfCall(op: Operation): number | undefined {
  return op.transactionCallback ?? op.transaction;
}

/** A step that changes the database (what a transaction is there to keep together); a removeIndex that names no index changes nothing. */
function isStep(op: Operation): boolean {
  return op.op !== 'unresolved' && op.op !== 'transactionControl' && changesDatabase(op.op) && op.options.indexNameBroken === undefined;
}

/** The later step of the same phase that takes the index with it: a removeColumn of one of its fields, or a dropTable. */
function droppedLater(op: Operation, phase: readonly Operation[]): string | null {
  const fields = (op.fields ?? []).filter((f): f is string => f !== null);
  for (const later of phase.slice(phase.indexOf(op) + 1)) {
    if (later.target.table !== op.target.table) continue;
    if (later.op === 'dropTable') return `the table (\`dropTable\` at line ${later.loc.line})`;
    if (later.op === 'removeColumn' && later.target.column !== null && fields.includes(later.target.column)) return `its column \`${later.target.column}\` (\`removeColumn\` at line ${later.loc.line})`;
  }
  return null;
}

function trap(op: Operation): Trap | null {
  // addIndex's options are its second argument when that is an object (`{ fields, ... }`): the only way to misplace it there.
  if (op.transactionMisplaced) return op.op === 'addIndex' && !op.sql ? 'transactionAfterIndexOptions' : 'transactionInAttributes';
  if (!op.inTransactionCallback || op.inTransaction || op.via || !isStep(op)) return null;
  return 'missingTransaction';
}
