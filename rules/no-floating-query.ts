import type { Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { changesDatabase, OPERATIONS } from '../src/operations/table';
import { oncePerCallSite } from '../src/rules/operations';
import { indexCreatedBefore, laterFailures, stepsBefore } from '../src/rules/plausible-failure';
import { opRunsOn, umzugRefuses } from '../src/rules/project-facts';
import { needs, onSqliteConnection } from '../src/rules/ordering';
import type { ProjectModel } from '../src/model';

/**
 * A queryInterface or `sequelize.query` call whose promise is neither
 * awaited, returned nor collected runs on its own: the migration goes on (and
 * may end, be recorded as done, and close the connection) before the step
 * finishes, the steps may run in any order, and a failure of the step does
 * not fail the migration (an unhandled rejection at best).
 *
 * Inside a transaction, one connection runs the steps in the order they reach
 * it (measured, test/semantics/floating-query.test.ts): a floating call that
 * hands its statement over at once, followed by an awaited call on the same
 * transaction, runs first, and its failure aborts the transaction, so the
 * awaited call fails and the migration with it. That shape is reported as
 * `info`: only the error shown is not the step's own.
 */
export default createRule({
  id: 'no-floating-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow queryInterface and sequelize.query calls whose promise is not awaited',
      help: 'Put `await` before the call (or return it, or collect it in `Promise.all` that is awaited), so that the migration waits for the step and fails when it fails.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      floating:
        '`{{callee}}` on {{target}} is not awaited: the migration goes on without waiting for it, may be recorded as done before it ends, and does not fail when it fails.{{around}}',
      floatingInDown:
        '`{{callee}}` on {{target}} is not awaited in `down`: the rollback goes on without waiting for it, may be recorded as undone before it ends, and does not fail when it fails. Only a rollback is affected, never a deploy.{{around}}',
      floatingOnSqlite:
        '`{{callee}}` on {{target}} is not awaited, on SQLite: Sequelize sends every statement there on one connection, run in the order sent, so it runs before the steps after it; but its failure does not fail the migration (an unhandled rejection nothing after it sees).{{around}}',
      floatingNoOp:
        '`{{callee}}` on {{target}} is not awaited, but it creates the index only if it does not exist, and {{earlier}} already creates it: on a database the migrations built it does nothing, so it can neither fail nor leave anything half done there. Await it anyway.',
      floatingSetting:
        '`{{callee}}` (`{{statement}}`) is not awaited: it only sets `{{setting}}` for whichever pooled connection runs it, maybe not the one the steps after it use, and writes nothing to the schema or the rows, so it can neither lose data nor leave the migration half-applied. Await it anyway (or drop it).',
      floatingBeforeAwaited:
        '`{{callee}}` on {{target}} is not awaited; the awaited `{{next}}` (line {{line}}) runs after it on the same transaction, so its failure still fails the migration and nothing of the transaction is committed, but the error shown is "current transaction is aborted", and its own only an unhandled rejection.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    // A phase whose function returns no promise under a runner built on umzug fails as a whole ("didn't return a
    // promise"): valid-migration-file reports that one cause, not each call left floating in it.
    for (const migration of project.migrations) {
      // Steps that float only because the `sequelize.transaction(...)` call around them is not awaited: one cause,
      // reported once, at the first of them, naming the others.
      const inFloatingCallback = new Map<string, { first: Operation; lines: number[] }>();
      // The other floating steps of each phase: one cause (the `await`s left out), one finding at the first.
      const plain: Record<'up' | 'down', Operation[]> = { up: [], down: [] };
      oncePerCallSite(
        migration,
        (op) => (op.floating && !op.via && changesDatabase(op.op) && opRunsOn(project, op) && !umzugRefuses(project, migration, op.phase) ? (awaitedAfter(migration, op) ?? (onSqliteConnection(project, op) ? 'sqlite' : 'floating')) : null),
        (op, verdict) => {
          const data = { callee: op.callee, target: describeTarget(op.target, op) };
          if (verdict === 'floating' && op.floatsWithTransaction && op.transactionCallback !== undefined) {
            const key = `${op.phase}:${op.transactionCallback}`;
            const group = inFloatingCallback.get(key);
            if (group) group.lines.push(op.loc.line);
            else inFloatingCallback.set(key, { first: op, lines: [] });
            return;
          }
          // A session setting (`SET FOREIGN_KEY_CHECKS = 1` at the end of a chain): nothing in the schema or the rows hangs on it.
          const setting = sessionSetting(op);
          if (verdict === 'floating' && setting !== null) {
            report({ migration, loc: op.loc, messageId: 'floatingSetting', severity: 'info', data: { callee: op.callee, statement: shortStatement(op.statement!), setting }, target: op.target });
            return;
          }
          // `CREATE INDEX IF NOT EXISTS` of an index an earlier migration already creates: nothing happens where the
          // migrations ran, so nothing is left half done (hold-out 65).
          const earlier = verdict === 'floating' && op.phase === 'up' && op.op === 'addIndex' && op.guard?.kind === 'sql-if-exists' ? indexCreatedBefore(project, op) : undefined;
          if (earlier) {
            report({ migration, loc: op.loc, messageId: 'floatingNoOp', severity: 'info', data: { ...data, earlier: `\`${earlier.migration}\`` }, target: op.target });
            return;
          }
          if (verdict === 'sqlite') report({ migration, loc: op.loc, messageId: 'floatingOnSqlite', severity: 'info', data: { ...data, around: '' }, target: op.target });
          else if (verdict === 'floating') plain[op.phase].push(op);
          else report({ migration, loc: op.loc, messageId: 'floatingBeforeAwaited', severity: 'info', data: { ...data, next: verdict.callee, line: String(verdict.loc.line) }, target: op.target });
        },
      );
      for (const phase of ['up', 'down'] as const) {
        const [first, ...rest] = plain[phase];
        if (!first) continue;
        const lines = rest.map((o) => o.loc.line);
        const more = lines.length === 0 ? '' : ` So ${lines.length === 1 ? 'is 1 more step' : `are ${lines.length} more steps`} of this \`${phase}\` (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}).`;
        const finding = floatingFinding(first);
        const judged = phase === 'up' ? cannotPlausiblyFail(project, migration, plain.up) : null;
        const quiet = judged?.late.length === 0;
        // Plain indexes sent only once an earlier floating step completes (`addIndex(a).then(() => { addIndex(b) })`):
        // nothing else is wrong with them, but the last migration of a run may end first (hold-out 96: six such chains
        // on new tables, judged not worth an error).
        const lateIndexes = judged !== null && judged.late.length > 0 && judged.late.every(plainIndex);
        // A step of a timer's callback: the `setTimeout` is what a reader looks for (the callback may await its own steps).
        const timer = first.inTimer ? ` It runs in the \`${first.inTimer.call}\` callback of line ${first.inTimer.line}, which \`${phase}\` starts and does not wait for.` : '';
        const late = lateIndexes
          ? ` None of these steps can plausibly fail on its own, but the index${judged!.late.length === 1 ? '' : 'es'} at line${judged!.late.length === 1 ? '' : 's'} ${judged!.late.map((o) => o.loc.line).join(', ')} ${judged!.late.length === 1 ? 'is' : 'are'} sent only after an earlier step completes, once \`up\` has returned: when this is the last migration of a run, ${project.project.runner?.kind === 'sequelize-cli' ? 'sequelize-cli records it and may exit first (measured, for a step sent late)' : 'the run may end first'}, and the index is then never built, silently.`
          : '';
        const around = `${timer}${more}${quiet ? ' None of these steps, nor any after them, can plausibly fail on its own: a failure needs an outside cause (a lock timeout, a lost connection).' : late}`;
        // Such steps are sent before the runner records the migration and complete (measured,
        // test/integration/floating-last-step.test.ts), none needs another, and none can fail on its own: only an
        // outside failure would go unseen. Info, alone or several (hold-outs 83-86: nine such single steps judged not
        // worth a warning; hold-outs 91-94: 25 of several, independent columns added in no order, the same).
        const severity = quiet ? 'info' : lateIndexes ? 'warning' : undefined;
        report({ migration, loc: first.loc, ...finding, ...(severity ? { severity } : {}), data: { callee: first.callee, target: describeTarget(first.target, first), around }, target: first.target });
      }
      for (const { first, lines } of inFloatingCallback.values()) {
        const others = lines.length === 0 ? '' : `, and so are the steps after it in that callback (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`;
        const around = ` The \`sequelize.transaction(...)\` call around it is what is not awaited${others}.`;
        report({ migration, loc: first.loc, ...floatingFinding(first), data: { callee: first.callee, target: describeTarget(first.target, first), around }, target: first.target });
      }
    }
  },
});

/**
 * The floating steps of an `up` (in order) are worth only info when `late` is empty: each has an awaited step after it, or is a builder
 * call that sends its statement at once (`sendsAtOnce`), so it is sent before the migration returns (with nothing after
 * it, a call that sends late may not be sent before the runner records the migration and ends, as sequelize-cli calls
 * process.exit right after the last one; one that sends at once takes its pool connection before the runner's INSERT
 * does, and PostgreSQL completes it: measured in test/integration/floating-last-step.test.ts), none is in a transaction
 * (Sequelize may commit before it is sent, and it is lost), no step after one needs what it makes (it may run first and
 * fail), and neither they nor the steps after the first can plausibly fail on their own (what
 * require-idempotency-guard judges). Null when one of those fails; else the floating steps not sent in time (`late`).
 */
function cannotPlausiblyFail(project: ProjectModel, migration: Migration, floating: readonly Operation[]): { late: Operation[] } | null {
  const writes = migration.up.filter((o) => changesDatabase(o.op));
  const at = floating[0] ? writes.indexOf(floating[0]) : -1;
  if (at < 0) return null;
  const sentInTime = (f: Operation) =>
    (f.floatingCall === true && !f.sql && OPERATIONS[f.op].sequelize?.sendsAtOnce === true) || migration.up.slice(migration.up.indexOf(f) + 1).some((o) => !o.floating && !o.conditional && !o.inLoop && changesDatabase(o.op));
  const inTransaction = floating.some((f) => f.inTransaction || f.inTransactionCallback || f.transaction !== undefined);
  const raced = floating.some((f) => writes.slice(writes.indexOf(f) + 1).some((w) => needs(w, f)));
  if (inTransaction || raced || laterFailures(writes, at - 1, writes.slice(at), stepsBefore(project, migration), true).length > 0) return null;
  // The steps that may be sent too late (after the runner ended), or none.
  return { late: floating.filter((f) => !sentInTime(f)) };
}

/** A plain index build (not unique, not concurrent): nothing but lookups slows without it. */
function plainIndex(op: Operation): boolean {
  return op.op === 'addIndex' && op.options.unique !== true && op.options.concurrently !== true && typeof op.options.type !== 'string';
}

/** The parameter a `SET name = value` (or `SET SESSION`, `SET LOCAL`) statement sets; null for any other step. */
function sessionSetting(op: Operation): string | null {
  return op.sql && op.op === 'sql' && op.options.statementType === 'VariableSetStmt' && typeof op.options.setting === 'string' && typeof op.statement === 'string' ? op.options.setting : null;
}

/** The statement on one line, cut at 80 characters. */
function shortStatement(statement: string): string {
  const one = statement.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

/**
 * A floating step of `up` is an error; of `down`, info: a rollback is run by hand, step by step, and watched, not by
 * a deploy (labeled on the corpus: each such finding at a higher severity was judged not worth it).
 */
function floatingFinding(op: Operation): { messageId: 'floating' } | { messageId: 'floatingInDown'; severity: 'info' } {
  return op.phase === 'down' ? { messageId: 'floatingInDown', severity: 'info' } : { messageId: 'floating' };
}

/**
 * The awaited step that surely runs after a floating one on its transaction,
 * when the floating call hands its statement to the connection at once
 * (`sendsAtOnce`: not createTable or renameColumn, which wait first and can
 * be overtaken; raw SQL is `sequelize.query`): PostgreSQL then runs them in
 * that order. Null when nothing awaited surely follows (a later step under a
 * condition or in a loop may not run) or the transaction is not known.
 */
function awaitedAfter(migration: Migration, op: Operation): Operation | null {
  if (!op.floatingCall || !onTransaction(op)) return null;
  if (!op.sql && OPERATIONS[op.op].sequelize?.sendsAtOnce !== true) return null;
  const steps = migration[op.phase];
  return steps.slice(steps.indexOf(op) + 1).find((later) => !later.floating && !later.conditional && !later.inLoop && onTransaction(later) && later.transaction === op.transaction) ?? null;
}

/** The step really runs on a transaction the migration opened, and which one is known. */
function onTransaction(op: Operation): boolean {
  return op.inTransaction && !op.transactionMisplaced && op.transaction !== undefined;
}
