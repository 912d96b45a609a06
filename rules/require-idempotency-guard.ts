import { afterCertainStop } from '../src/rules/certain-stops';
import type { Migration, OpKind, Operation, Phase, ProjectModel } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { changesDatabase, OPERATIONS, rerunFailureOf, writesRows } from '../src/operations/table';
import { describeTarget, joinTargets } from '../src/operations/effects';
import { laterFailures, precededByItsUndo, readdsDroppedConstraint, stepsBefore, type StepsBefore } from '../src/rules/plausible-failure';
import { exclusive, listSteps, runsInOneTransaction } from '../src/rules/operations';
import { CreatedInMigration } from '../src/schema/replay';
import { guardAddColumn, present, wrapUpInTransaction } from '../src/rules/rewrites';
import { ddlIsTransactional, modelMappingColumn, modelsOfTable, projectDialects, rollsBackDdl, runnerMakesMigrationsAtomic, runnerName, umzugRefuses, syncRun } from '../src/rules/project-facts';
import { inOneQueryString, inOneStatement, sqlTransactionBlocks } from '../src/rules/transactions';

/** Steps PostgreSQL refuses to run inside a transaction block. */
function cannotBeTransactional(op: Operation): boolean {
  return op.options.concurrently === true;
}

type LastStep = 'auto' | 'always' | 'never';

type MessageIds = 'notAtomic' | 'notAtomicMinor' | 'compensated' | 'unguardedLastStep' | 'unguardedConcurrently';

/**
 * A migration that is not atomic and fails half-way leaves its first steps
 * applied; the runner does not record it, so the next run repeats those steps
 * and fails on them. One finding per migration, at the first step that would
 * stay applied, naming the later steps that can fail.
 */
export default createRule<{ checkDown: boolean; lastStep: LastStep }, MessageIds>({
  id: 'require-idempotency-guard',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require migrations that are atomic, or whose steps are guarded, so that a failure half-way can be rerun',
      help: 'Run the whole migration in one transaction passing `{ transaction }` to every call (PostgreSQL rolls DDL back with it), or guard each step (describeTable / showIndex / IF NOT EXISTS) so that a rerun skips what is already there.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      notAtomic:
        '`{{op}}` on {{target}} has no guard, and {{runner}} runs this migration {{how}}: if a later step fails ({{later}}), this one stays applied, the migration is not recorded, and the rerun fails here ({{failure}}).',
      notAtomicMinor:
        '`{{op}}` on {{target}} has no guard, and {{runner}} runs this migration {{how}}: {{later}} can fail only for an outside reason (a lock timeout, a lost connection), but if {{it}} does, this one stays applied and the rerun fails here ({{failure}}).',
      compensated:
        '`{{op}}` on {{target}} has no guard, and {{runner}} runs this migration {{how}}, but the try at line {{tryLine}} undoes steps in its catch before it rethrows: if a later step fails ({{later}}), check that the catch removes this one too, or the rerun fails here ({{failure}}).',
      unguardedLastStep:
        '`{{op}}` on {{target}} has no guard: it fails ({{failure}}) on a database that already has this change, and {{why}}.{{more}}',
      unguardedConcurrently:
        '`{{op}}` on {{target}} has no guard, and a concurrent index build is not atomic: when it fails (a deadlock, a duplicate in a unique index) PostgreSQL leaves an INVALID index behind, so the rerun fails here ({{failure}}){{others}}. Drop the index first (`removeIndex`, `DROP INDEX CONCURRENTLY IF EXISTS`) so that a rerun builds it again; an existence check would keep the invalid one.',
    },
    schema: {
      type: 'object',
      properties: {
        checkDown: {
          type: 'boolean',
          description: 'Also check `down` (a rollback that fails halfway is rerun too). Default false.',
        },
        lastStep: {
          type: 'string',
          enum: ['auto', 'always', 'never'],
          description:
            'A migration of one step, or whose only unguarded step is the last, cannot be left half-applied; that step only fails on a database that already has the change. `auto` (default) reports it when the project builds schemas with sequelize.sync() (an npm script), `always` reports it anyway, `never` does not.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: { checkDown: false, lastStep: 'auto' },
  check({ project, report, options, asWritten }) {
    const sync = project.schemaSync ?? null;
    const reportAlreadyThere = options.lastStep === 'always' || (options.lastStep === 'auto' && sync !== null);
    const why = sync
      ? sync.development
        ? `\`${syncRun(sync)}\`, a developer's script, builds schemas with sequelize.sync() (${sync.evidence}), so a developer's database can already have it (deployed databases are built by the migrations)`
        : sync.alters
          ? `\`${syncRun(sync)}\` alters the tables to match the models with sequelize.sync() (${sync.evidence}), so databases the application ran on can already have it`
          : `\`${syncRun(sync)}\` builds schemas with sequelize.sync() (${sync.evidence}), so a database it built before the migrations ran (the application started first) already has it; without \`alter\`, sync() adds nothing to a table that exists, so databases the migrations built do not`
      : 'a database built by sequelize.sync(), a manual fix or a restore from another branch can already have it';
    // Only developers' databases meet it when every sync() script is a developer's; a sync() without alter builds only
    // tables that are missing, so only a database it built before any migration meets it (hold-out labels: 56 of 63
    // such warnings not worth one): info. A sync() that alters tables brings the change to running databases: a warning.
    const alreadyThereSeverity = sync !== null && sync.alters === true && !sync.development ? 'warning' : sync === null ? 'warning' : 'info';
    // The warnings of one cause (a deployed sync() that alters the tables): one finding, at the first migration, naming
    // how many more (hold-out 98: eight migrations of one project, each reported for the same sync()).
    const syncWarnings: { migration: Migration; finding: Judgement }[] = [];
    for (const migration of project.migrations) {
      const phases: Phase[] = options.checkDown ? ['up', 'down'] : ['up'];
      // What each changeColumn meets, and which tables the migrations shipping with this one created (they hold no
      // rows the application wrote).
      const steps = stepsBefore(project, migration);
      for (const phase of phases) {
        // A function umzug refuses (no promise returned) fails every run: no rerun to guard (valid-migration-file).
        if (umzugRefuses(project, migration, phase)) continue;
        const finding = judge(project, migration, phase, reportAlreadyThere, steps, alreadyThereSeverity);
        if (!finding) continue;
        if (finding.messageId === 'unguardedLastStep' && finding.severity === 'warning' && sync !== null) {
          syncWarnings.push({ migration, finding });
          continue;
        }
        emit(migration, finding, '');
      }
    }
    const [firstSync, ...moreSync] = syncWarnings;
    if (firstSync) {
      const names = moreSync.map((w) => `\`${w.migration.name}\``);
      const more = moreSync.length === 0 ? '' : ` So ${moreSync.length === 1 ? 'does 1 more migration' : `do ${moreSync.length} more migrations`} (${joinTargets(names, 3)}), for the same reason: reported once, here.`;
      emit(firstSync.migration, firstSync.finding, more);
    }

    function emit(migration: Migration, finding: Judgement, more: string): void {
      const { op, messageId, severity, later, how, others, it } = finding;
      const tryLine = op.compensatedBy ? String(op.compensatedBy.line) : '';
      report({
        migration,
        loc: op.loc,
        messageId,
        severity,
        data: {
          op: op.sql ? `${op.op} (SQL)` : op.op,
          target: describeTarget(op.target, op),
          failure: rerunFailureOf(op)!,
          why,
          runner: runnerName(project),
          how,
          later,
          others,
          it,
          tryLine,
          table: op.target.table ?? '?',
          column: op.target.column ?? '',
          more,
        },
        target: op.target,
        suggest: present([
          guardAddColumn(op),
          messageId === 'notAtomic' || messageId === 'notAtomicMinor' || messageId === 'compensated' ? wrapUpInTransaction(asWritten(migration), op.loc) : null,
        ]),
      });
    }
  },
});

interface Judgement {
  op: Operation;
  messageId: MessageIds;
  /** `it` / `one`, for the minor message. */
  it: string;
  severity: 'warning' | 'info';
  later: string;
  how: string;
  others: string;
}

function judge(project: ProjectModel, migration: Migration, phase: Phase, reportAlreadyThere: boolean, steps: StepsBefore, alreadyThereSeverity: 'warning' | 'info'): Judgement | null {
  // BEGIN, COMMIT and ROLLBACK are no step that stays applied or fails on a rerun; nor is the cleanup a catch runs
  // before it rethrows (it runs only once a step failed).
  // Steps after one that fails for certain never run where the migrations before ran (src/rules/certain-stops.ts).
  const writes = migration[phase].filter((o) => changesDatabase(o.op) && o.op !== 'transactionControl' && !o.compensation && !afterCertainStop(project, migration, o));
  // DDL commits at once on MySQL, but rows written in a transaction roll back there too (measured on MariaDB,
  // test/integration/mysql-transactions.test.ts): a phase that only writes rows is atomic in its transaction.
  const transactional = ddlIsTransactional(project) || (writes.length > 0 && writes.every((w) => writesRows(w.op) && w.op !== 'truncate'));
  const ownTransaction = runsInOneTransaction(migration, phase);
  const atomic = transactional && (ownTransaction || runnerMakesMigrationsAtomic(project));
  // A transaction whose steps put back what they need (rename a type to `_old`, create it again, drop `_old`) runs again as a whole.
  const blocks = sqlTransactionBlocks(migration[phase]);
  // The BEGIN blocks one of whose steps floats or runs at once with another: the pool may give it another connection.
  const mixedBlocks = new Set(migration[phase].filter((o) => o.floating || o.concurrent).map((o) => blocks.get(o) ?? null));
  const inOneSqlBlock = (a: Operation, b: Operation): boolean => {
    const block = blocks.get(a) ?? null;
    return block !== null && blocks.get(b) === block && !mixedBlocks.has(block);
  };
  const candidates = unguardedSteps(writes).filter((op) => !transactional || op.transaction === undefined || !unitRerunsCleanly(writes.filter((w) => w.transaction === op.transaction)));
  if (candidates.length === 0) return null;

  // The first step that would stay applied: a concurrent build (never atomic, whatever surrounds it),
  // or, when the migration is not atomic, any step with steps after it.
  let minor: { op: Operation; laterSteps: Operation[] } | undefined;
  for (const op of candidates) {
    const at = writes.indexOf(op);
    // A later step of the same transaction rolls this one back with it when it fails: only the others can leave it applied.
    // So does a later statement of the same query string (one implicit transaction on PostgreSQL).
    // So does a later step of the same BEGIN ... COMMIT block the migration's own SQL opens, when every step of the
    // block is awaited in turn, none floating or run at once with another (measured, test/integration/raw-begin.test.ts:
    // Sequelize's pool hands such steps the one connection the BEGIN ran on).
    // A step in the other arm of an `if ... else` never runs when this one did.
    // So does a later clause of the same SQL statement: it succeeds or fails with this one.
    const laterSteps = writes
      .slice(at + 1)
      .filter((w) => !exclusive(op, w) && !inOneStatement(op, w))
      .filter((w) => !transactional || ((op.transaction === undefined || w.transaction !== op.transaction) && !inOneQueryString(op, w) && !inOneSqlBlock(op, w)));
    // A concurrent build that fails leaves an INVALID index behind; a concurrent drop that fails leaves the index
    // (valid or invalid) for the rerun to drop: only a build is judged on its own.
    if (cannotBeTransactional(op) && op.op === 'addIndex') {
      const rest = candidates.filter((c) => c !== op && cannotBeTransactional(c) && c.op === 'addIndex').length;
      const others = rest > 0 ? `; the same holds for ${rest} more concurrent ${rest === 1 ? 'build' : 'builds'} here` : '';
      // On a table or view created a moment earlier, nothing else writes to deadlock with: only its own data can make the build fail.
      const before = new CreatedInMigration();
      for (const w of writes.slice(0, at)) before.record(w);
      // So on one a migration shipping with this one created (src/rules/recent-migrations.ts): until the release
      // ships, only migrations wrote to it.
      const table = op.target.table;
      const creator = before.relationIsNew(table) ? 'this migration' : (steps.recent.tableCreator(table)?.label ?? null);
      const severity = creator ? 'info' : 'warning';
      const fresh = creator && table ? `; \`${table}\` is new: ${creator} creates it, and nothing else writes to it yet, so little but its own rows can make the build fail` : '';
      return { op, messageId: 'unguardedConcurrently', severity, later: '', how: '', others: `${others}${fresh}`, it: '' };
    }
    if (atomic || (laterSteps.length === 0 && !op.inLoop)) continue;
    const failing = laterFailures(writes, at, laterSteps, steps);
    // A constraint dropped here and added again by a later step that runs before anything plausibly fails (a
    // `changeColumn` restating `references`, an `addConstraint` of the same name) is there again when the rerun comes
    // after such a failure: its drop succeeds, and the rerun fails further on. Only an outside failure before the
    // re-add leaves it missing (info, if no later step is the real trap).
    // A re-add in the failing step's own transaction is rolled back with it: it does not count.
    const committed = (w: Operation) => !transactional || w.transaction === undefined || w.transaction !== failing[0]!.transaction;
    if (op.op === 'removeConstraint' && failing.length > 0 && writes.slice(at + 1, writes.indexOf(failing[0]!)).some((w) => committed(w) && readdsDroppedConstraint(w, [op]))) {
      minor ??= { op, laterSteps };
      continue;
    }
    // Nothing later is likely to fail: the real risk is a database that already has the change (sync()).
    if (failing.length === 0 && reportAlreadyThere) break;
    const how = atomicHow(project, op, { transactional, ownTransaction }, failing);
    // A try whose catch undoes its steps before rethrowing (`catch (e) { await removeAdded(); throw e; }`) around this
    // step and every later one that can fail: the migration cleans up after itself, as far as that catch goes.
    const undoneBy = op.compensatedBy;
    const cleaned = (w: Operation) => w.compensatedBy?.line === undoneBy?.line && w.compensatedBy?.column === undoneBy?.column;
    if (undoneBy && failing.every(cleaned)) {
      const later = failing.length > 0 ? listSteps(failing) : laterSteps.length > 0 ? listSteps(laterSteps) : 'a later iteration of the same loop';
      return { op, messageId: 'compensated', severity: 'info', later, how, others: '', it: '' };
    }
    if (failing.length > 0) return { op, messageId: 'notAtomic', severity: 'warning', later: listSteps(failing), how, others: '', it: '' };
    return notAtomicMinor(minor ?? { op, laterSteps }, how);
  }
  if (minor) return notAtomicMinor(minor, atomicHow(project, minor.op, { transactional, ownTransaction }));
  if (reportAlreadyThere) {
    // The first step a database built by sync() from the models already has (a sync-built database has what the models
    // declare, no more: sync() without `alter` adds no column to an existing table).
    const first = candidates.find((op) => syncBuiltHas(project, op));
    if (first) return { op: first, messageId: 'unguardedLastStep', severity: alreadyThereSeverity, later: '', how: '', others: '', it: '' };
  }
  return null;
}

/** What sequelize.sync() never makes, whatever the models say. */
const NEVER_BY_SYNC: ReadonlySet<OpKind> = new Set<OpKind>(['createFunction', 'renameFunction', 'createTrigger', 'renameTrigger', 'createView', 'createExtension', 'createSequence', 'createDatabase', 'bulkInsert', 'insert', 'upsert', 'bulkUpdate', 'update', 'bulkDelete', 'delete']);

/**
 * A database that sequelize.sync() built from the project's models already
 * has what `op` adds, so the unguarded step fails there: a column a model of
 * the table maps, the new name of a renamed column; a column `op` drops that
 * no model maps any more is not there to drop. Where no model could be read,
 * anything can be (true). An index or a constraint: the models' indexes are
 * not read, so nothing is claimed (false).
 */
function syncBuiltHas(project: ProjectModel, op: Operation): boolean {
  // sync() makes tables, their columns, indexes, keys and ENUM types: never a function, a trigger, a view, an
  // extension, a sequence of its own, nor rows (hold-out 104: a CREATE TRIGGER said to be there already).
  if (NEVER_BY_SYNC.has(op.op)) return false;
  const all = project.models?.models ?? [];
  if (all.length === 0 || all.every((m) => m.unresolved)) return true;
  const models = modelsOfTable(project, op.target).filter((m) => !m.unresolved);
  const maps = (column: string | null | undefined) => modelMappingColumn(project, op.target, column) !== null;
  switch (op.op) {
    case 'addColumn':
      return maps(op.target.column);
    case 'renameColumn':
      return maps(op.target.newName);
    case 'removeColumn':
      return models.length > 0 && !maps(op.target.column);
    default:
      return false;
  }
}

/**
 * How the migration runs, in the words of a finding: why a failure leaves earlier steps applied. With the later
 * steps that can fail (`failing`), it says why a transaction the migration opens does not hold them: a step that
 * passes `transaction` where Sequelize does not read it (measured, test/semantics/locks.test.ts), or a transaction of
 * their own that starts once this step's has committed.
 */
function atomicHow(project: ProjectModel, op: Operation, { transactional, ownTransaction }: { transactional: boolean; ownTransaction: boolean }, failing: readonly Operation[] = []): string {
  // Of several dialects some roll DDL back: a step outside any transaction is outside one on all of them.
  const mixed = projectDialects(project).dialects.some(rollsBackDdl);
  if (!transactional && (!mixed || op.inTransaction || ownTransaction)) return `on ${dialectLabel(project)}, where every DDL statement commits at once${ownTransaction ? ', even inside its transaction' : ''}`;
  if (!op.inTransaction && !ownTransaction) return 'outside a transaction';
  const misplaced = failing.find((w) => w.transactionMisplaced);
  if (misplaced) {
    return `in a transaction that does not cover every step (\`${misplaced.op}\` at line ${misplaced.loc.line} passes \`transaction\` inside its column attributes, where Sequelize does not read it: it runs outside the transaction, on its own)`;
  }
  const second = op.transaction !== undefined ? failing.find((w) => w.transaction !== undefined && w.transaction !== op.transaction) : undefined;
  if (second) return `in a transaction that does not cover every step (line ${second.loc.line} runs in another transaction, opened after this step's has committed)`;
  return 'in a transaction that does not cover every step';
}

/** The info finding: later steps fail only for an outside reason (a lock timeout, a lost connection). */
function notAtomicMinor({ op, laterSteps }: { op: Operation; laterSteps: Operation[] }, how: string): Judgement {
  const later = laterSteps.length === 0 ? 'a later iteration of the same loop' : laterSteps.length === 1 ? 'the one later step' : `the ${laterSteps.length} later steps`;
  return { op, messageId: 'notAtomicMinor', severity: 'info', later, how, others: '', it: laterSteps.length > 1 ? 'one' : 'it' };
}

/**
 * Steps that fail when run a second time (the operation table's
 * `rerunFailure`, measured: shared/sequelize-semantics.md) and nothing
 * protects: no guard, not a builder call Sequelize makes idempotent (raw SQL
 * of the same kind is not), not preceded by their own undo. Steps without a
 * `rerunFailure` are safe to repeat (changeColumn, bulkDelete) or cannot be
 * judged (opaque SQL).
 */
function unguardedSteps(writes: readonly Operation[]): Operation[] {
  return writes.filter((op, i) => {
    if (!OPERATIONS[op.op].rerunFailure || op.guarded) return false;
    if (!op.sql && OPERATIONS[op.op].idempotent) return false;
    // `CREATE INDEX ON t (...)` with no name: PostgreSQL picks a free name, so a rerun never meets "already exists".
    if (op.sql && op.op === 'addIndex' && !op.target.name) return false;
    // INSERT ... ON CONFLICT, or INSERT ... SELECT that reads its own target (an anti-join, NOT EXISTS): it skips what is there.
    if (op.op === 'insert' && (op.options.onConflict === 'nothing' || op.options.onConflict === 'update' || op.options.skipsExisting === true)) return false;
    if (op.op === 'insert' && Array.isArray(op.options.copiedFrom) && op.target.table !== null && op.options.copiedFrom.includes(op.target.table)) return false;
    return !precededByItsUndo(op, writes.slice(0, i));
  });
}

/** What a step needs of the names it touches and what it leaves: `true` exists, `false` does not. */
type NameEffect = { name: string; needs: boolean | null; leaves: boolean };

/** The names of types, tables and indexes a create, drop or rename touches; null for any other step that fails on a rerun. */
function nameEffects(op: Operation): NameEffect[] | null {
  const kind = (k: string, name: string | null | undefined) => (name ? `${k}:${name}` : null);
  const one = (name: string | null, needs: boolean | null, leaves: boolean): NameEffect[] | null => (name ? [{ name, needs, leaves }] : null);
  const ifExists = op.guarded ? null : true;
  switch (op.op) {
    case 'createType':
      return one(kind('type', op.target.name), op.guarded ? null : false, true);
    case 'dropType':
    case 'dropEnum':
      return one(kind('type', op.target.name), ifExists, false);
    case 'alterType': {
      if (op.options.rename !== true || typeof op.target.newName !== 'string') return null;
      const from = kind('type', op.target.name);
      const to = kind('type', op.target.newName);
      return from && to ? [{ name: from, needs: true, leaves: false }, { name: to, needs: false, leaves: true }] : null;
    }
    case 'createTable':
      return one(kind('table', op.target.table), op.guarded ? null : false, true);
    case 'dropTable':
      return one(kind('table', op.target.table), ifExists, false);
    case 'renameTable': {
      const from = kind('table', op.target.table);
      const to = typeof op.target.newName === 'string' ? kind('table', op.target.newName) : null;
      return from && to ? [{ name: from, needs: true, leaves: false }, { name: to, needs: false, leaves: true }] : null;
    }
    default:
      return null;
  }
}

/**
 * The steps of one transaction, run once and then again: every step that
 * fails on a rerun is a create, drop or rename of a named type or table, and
 * the second run finds each name as it needs it (`ALTER TYPE e RENAME TO
 * e_old; CREATE TYPE e ...; ALTER TABLE ... USING ...; DROP TYPE e_old`).
 * Steps that repeat without failing (a changeColumn, an update) do not matter.
 */
function unitRerunsCleanly(unit: readonly Operation[]): boolean {
  const effects: NameEffect[][] = [];
  for (const op of unit) {
    const e = nameEffects(op);
    if (e) effects.push(e);
    else if (OPERATIONS[op.op].rerunFailure && !op.guarded) return false;
  }
  if (effects.length === 0) return false;
  // The first run: each name starts as its first step needs it.
  const state = new Map<string, boolean>();
  for (const step of effects) for (const e of step) if (!state.has(e.name)) state.set(e.name, e.needs ?? !e.leaves);
  const run = (): boolean => {
    for (const step of effects) {
      if (step.some((e) => e.needs !== null && state.get(e.name) !== e.needs)) return false;
      for (const e of step) state.set(e.name, e.leaves);
    }
    return true;
  };
  return run() && run();
}

function dialectLabel(project: ProjectModel): string {
  const d = projectDialects(project).dialects.filter((x) => x !== 'postgres' && x !== 'sqlite' && x !== 'mssql');
  return d.map((x) => (x === 'mysql' ? 'MySQL' : x === 'mariadb' ? 'MariaDB' : x)).join('/') || 'this database';
}
