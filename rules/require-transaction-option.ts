import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { changesDatabase } from '../src/operations/table';
import { oncePerCallSite } from '../src/rules/operations';

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
        '`{{callee}}` on {{target}} runs inside a `sequelize.transaction` callback without `{ transaction }`: Sequelize sends it on another connection, outside the transaction, so a rollback does not undo it (and with a pool of one connection it waits forever).',
      transactionInAttributes:
        '`{{callee}}` on {{target}} has `transaction` inside its column attributes, where Sequelize does not read it: the call runs outside the transaction, so a rollback does not undo it. Pass it in the options argument instead.',
      transactionAfterIndexOptions:
        '`{{callee}}` on {{target}} passes `{ transaction }` as a third argument after an options object: Sequelize takes that object as the options and does not read the third argument for them, so the call runs outside the transaction and a rollback does not undo it. Put `transaction` in the options object.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      oncePerCallSite(migration, trap, (op, messageId) =>
        report({ migration, loc: op.loc, messageId, data: { callee: op.callee, target: describeTarget(op.target, op) }, target: op.target }),
      );
    }
  },
});

function trap(op: Operation): 'missingTransaction' | 'transactionInAttributes' | 'transactionAfterIndexOptions' | null {
  // addIndex's options are its second argument when that is an object (`{ fields, ... }`): the only way to misplace it there.
  if (op.transactionMisplaced) return op.op === 'addIndex' && !op.sql ? 'transactionAfterIndexOptions' : 'transactionInAttributes';
  if (!op.inTransactionCallback || op.inTransaction || op.via || op.op === 'unresolved' || op.op === 'transactionControl' || !changesDatabase(op.op)) return null;
  return 'missingTransaction';
}
