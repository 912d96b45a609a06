import type { Migration, Operation, ProjectModel } from '../model';
import { columnDroppedEarlier, projectReplay, type ReplayedColumn, type ReplayedStep, type ReplayedTable } from '../schema/replay';
import { runsOnServerDialect } from './project-facts';

/**
 * Where a migration's `up` stops for certain on a database its project's migrations built, so that no rule judges a
 * step that never runs there (hold-out 61: a migration copied twice, its later steps reported again by other rules
 * although its first statement already fails).
 */

/**
 * A step that ends its migration when it fails: awaited in turn, unconditional, out of a loop, under no guard or
 * existence check that could take its error (a failure there rejects `up`, and the runner stops).
 */
export function stopsWhenItFails(op: Operation): boolean {
  return !op.floating && !op.conditional && !op.inLoop && !op.concurrent && op.guard === null && !op.guarded && (op.existenceChecks?.length ?? 0) === 0;
}

/**
 * The column a table surely has before a step: every change the replay could not follow left the table alone (or a
 * table no migration creates was touched only by the one step that made it known), and no condition decided whether
 * the column was added. Undefined otherwise.
 */
export function columnSurelyThere(table: ReplayedTable | undefined, column: string | null): ReplayedColumn | undefined {
  if (!table || !column) return undefined;
  const known = !table.uncertain || (table.implicit === true && table.uncertainty.length === 1);
  const existing = known ? table.columns.get(column) : undefined;
  return existing && !existing.conditional ? existing : undefined;
}

/** Why a step stops its migration for certain. */
export type StopCause = 'duplicateColumn' | 'alreadyDropped';

export interface CertainStop {
  /** The step, as `up` lists it. */
  op: Operation;
  /** Its index in the migration's `up`: the steps after it never run. */
  at: number;
  cause: StopCause;
}

const stopsOf = new WeakMap<ProjectModel, Map<Migration, CertainStop>>();

/**
 * Whether two migrations sit on either side of the runner's baseline: on fresh databases every migration before it is
 * marked done without running, and on older ones the baseline is skipped or returns early, so the two never both run
 * on one database. Always false without a baseline.
 */
export function baselineSeparates(project: ProjectModel): (first: Migration, later: Migration) => boolean {
  const baseline = project.project.runner?.baseline?.migration;
  const baselineAt = baseline ? project.migrations.findIndex((m) => m.name === baseline || m.file === baseline) : -1;
  if (baselineAt < 0) return () => false;
  const position = new Map(project.migrations.map((m, i) => [m, i]));
  return (first, later) => position.get(first)! < baselineAt && position.get(later)! >= baselineAt;
}

/**
 * The first step of each migration's `up` that fails for certain where the migrations before it ran (the schema
 * replay, src/schema/replay.ts), on a server dialect (PostgreSQL, MySQL, MariaDB: measured in
 * test/integration/mysql-builder-steps.test.ts and test/semantics/):
 * - `addColumn` of a column an earlier step surely added ("column already exists", "Duplicate column name"), unless
 *   that step is on the other side of the runner's baseline (the two never run on one database);
 * - `removeColumn` of a column an earlier migration dropped, with nothing since bringing it back (the builder sends
 *   no IF EXISTS: "column does not exist", "Can't DROP").
 * Only steps that stop their migration when they fail count (`stopsWhenItFails`). Memoized per project.
 */
export function certainStops(project: ProjectModel): ReadonlyMap<Migration, CertainStop> {
  const known = stopsOf.get(project);
  if (known) return known;
  const out = new Map<Migration, CertainStop>();
  const replay = projectReplay(project.migrations);
  const byFile = new Map(project.migrations.map((m) => [m.file, m]));
  const acrossBaseline = baselineSeparates(project);
  for (const migration of project.migrations) {
    if (migration.status === 'parse-error' || migration.status === 'unreadable') continue;
    for (const step of replay.stepsOf(migration)) {
      const cause = stopCause(step, project, byFile, acrossBaseline);
      if (!cause) continue;
      out.set(migration, { op: step.op, at: migration.up.indexOf(step.op), cause });
      break;
    }
  }
  stopsOf.set(project, out);
  return out;
}

function stopCause(step: ReplayedStep, project: ProjectModel, byFile: ReadonlyMap<string, Migration>, acrossBaseline: (a: Migration, b: Migration) => boolean): StopCause | null {
  const { op, migration } = step;
  if (op.sql || !stopsWhenItFails(op) || !runsOnServerDialect(project, op)) return null;
  if (op.op === 'addColumn') {
    const existing = columnSurelyThere(step.table, op.target.column);
    const creator = existing ? byFile.get(existing.namedBy.file) : undefined;
    return creator && !acrossBaseline(creator, migration) ? 'duplicateColumn' : null;
  }
  if (op.op === 'removeColumn') return columnDroppedEarlier(step) ? 'alreadyDropped' : null;
  return null;
}

/** The step comes after the step its migration stops at for certain: it never runs on a database the migrations built. */
export function afterCertainStop(project: ProjectModel, migration: Migration, op: Operation): boolean {
  const stop = certainStops(project).get(migration);
  if (!stop || op.phase !== 'up') return false;
  const at = migration.up.indexOf(op);
  return at > stop.at;
}
