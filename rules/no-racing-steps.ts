import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { changesDatabase } from '../src/operations/table';
import { exclusive, oncePerCallSite } from '../src/rules/operations';
import { needs, race, sentInOrder } from '../src/rules/ordering';
import { opRunsOn } from '../src/rules/project-facts';

/**
 * The elements of one `Promise.all` do not wait for each other: without a transaction each takes a pool connection
 * of its own, and the database receives their statements in whichever order the connections are ready (measured on
 * PostgreSQL and MariaDB, test/integration/promise-all-connections.test.ts). A step that needs what an earlier
 * element does (an index over the column it adds, a constraint under the name it removes, the table it creates) may
 * run first and fail (measured, test/semantics/racing-steps.test.ts), leaving the migration half-applied.
 */
export default createRule({
  id: 'no-racing-steps',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow steps that depend on each other in one Promise.all',
      help: 'Await the steps one after the other (`await a; await b;`), or chain them (`a.then(() => b)`) in one element of the `Promise.all`; keep `Promise.all` for steps that touch different tables or columns.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      racing:
        '`{{callee}}` on {{target}} needs what `{{firstCallee}}` on {{firstTarget}} (line {{firstLine}}) does first, but both are elements of one `Promise.all`: neither waits for the other, each takes a pool connection of its own, and the database may receive this one first{{failure}}, leaving the migration half-applied.',
      racingInDown:
        '`{{callee}}` on {{target}} needs what `{{firstCallee}}` on {{firstTarget}} (line {{firstLine}}) does first, but both are elements of one `Promise.all` in `down`: the database may receive this one first{{failure}}, and the rollback stops half-way. Only a rollback is affected, never a deploy.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      const racing = (o: Operation) => o.race !== undefined && !o.floating && changesDatabase(o.op) && opRunsOn(project, o);
      // The earlier step of the same phase `later` needs and races; a call site unrolled by a loop over constants is one finding.
      oncePerCallSite(
        migration,
        (later) => {
          if (!racing(later)) return null;
          const steps = migration[later.phase];
          return steps.slice(0, steps.indexOf(later)).find((o) => racing(o) && race(o, later) && needs(later, o) && !exclusive(o, later) && !sentInOrder(project, o, later)) ?? null;
        },
        (later, first) => {
          const data = {
            callee: later.callee,
            target: describeTarget(later.target, later),
            firstCallee: first.callee,
            firstTarget: describeTarget(first.target, first),
            firstLine: String(first.loc.line),
            failure: failureOf(later, first),
          };
          if (later.phase === 'down') report({ migration, loc: later.loc, messageId: 'racingInDown', severity: 'info', data, target: later.target });
          else report({ migration, loc: later.loc, messageId: 'racing', data, target: later.target });
        },
      );
    }
  },
});

/** What the database answers when `later` goes first, where it is measured (test/semantics/racing-steps.test.ts). */
function failureOf(later: Operation, first: Operation): string {
  if ((later.op === 'addConstraint' || later.op === 'addIndex') && (first.op === 'removeConstraint' || first.op === 'removeIndex')) {
    return later.target.name === first.target.name ? ', and fail ("already exists")' : ', and fail ("multiple primary keys ... are not allowed")';
  }
  if (first.op === 'addColumn' && first.target.column !== null && (later.fields ?? []).includes(first.target.column)) return `, and fail (column \`${first.target.column}\` does not exist yet)`;
  if (first.op === 'createTable') return ', and fail (the table does not exist yet)';
  return '';
}
