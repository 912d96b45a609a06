/**
 * A drop that clears what an earlier, failed run of the same phase left: `DROP TABLE IF EXISTS t` and, later in the
 * same `up` (or `down`), `createTable(t)`, where no migration made a table `t` by then (the replay knows the whole
 * schema, and nothing dropped or renamed one away), every table the migrations touched so far is one they created
 * (none came from elsewhere: a bootstrap, a dump), and no sync() builds tables from the models outside developers'
 * machines; or, whatever else the database holds, where the phase renames the `t` it creates to another name (a
 * scratch name of a rebuild). On a database the migrations built, only a failed run of this very phase (never
 * recorded, so run again) can have left `t`, before anything wrote to it (hold-out 64: five such drops at the top of one `up`; hold-out 83:
 * SQLite's rebuild helper, `DROP TABLE IF EXISTS t_new` before creating `t_new` again, in `down`).
 */
import type { Migration, Operation, Phase, ProjectModel } from '../model';
import type { ReplayedStep } from '../schema/replay';

/** The `createTable` later in the same phase that makes the table `step` drops as the cleanup of a partial run; else null. */
export function partialRunCreator(step: ReplayedStep, project: ProjectModel, phase: Phase): Operation | null {
  const { op, migration } = step;
  const table = op.target.table;
  if (!table || !dropsIfExists(op)) return null;
  if (!step.absentTable) return null;
  const steps = migration[phase];
  const after = steps.slice(steps.indexOf(op) + 1);
  const sameTable = (s: Operation) => s.target.table === table && (s.target.schema ?? null) === (op.target.schema ?? null);
  const creates = after.find((s) => s.op === 'createTable' && sameTable(s));
  if (!creates) return null;
  // The table made again is renamed away in the same phase (SQLite's rebuild: `t_new` created, filled, renamed to `t`):
  // a name no migration leaves behind, whatever else the database holds (an earlier rebuild renamed its own away too). A
  // table of that name that one had left would be in the replay.
  if (after.slice(after.indexOf(creates) + 1).some((s) => s.op === 'renameTable' && sameTable(s) && s.target.newName && s.target.newName !== table)) return creates;
  if (!step.absentTable.schemaKnown || step.absentTable.removal !== null) return null;
  if (project.schemaSync && !project.schemaSync.development) return null;
  if (tablesFromElsewhereBefore(project, migration, op, phase)) return null;
  return creates;
}

/**
 * Before `op` (the earlier migrations' `up`s, then its own migration's `up` and, for a step of `down`, the earlier steps
 * of its `down`), a step touched a table no earlier step created (a table the database had from elsewhere), or one
 * migralint cannot name: the database is not the migrations' alone.
 */
function tablesFromElsewhereBefore(project: ProjectModel, migration: Migration, op: Operation, phase: Phase): boolean {
  const created = new Set<string>();
  for (const m of project.migrations) {
    if (m.index > migration.index) break;
    if (m.status !== 'ok') return true;
    for (const u of m === migration && phase === 'down' ? [...m.up, ...m.down] : m.up) {
      if (u === op) return false;
      // A drop that tolerates a missing table (`DROP TABLE IF EXISTS`) says nothing of whether it was there.
      const tolerant = dropsIfExists(u);
      if (u.op === 'createTable' && u.target.table) created.add(u.target.table);
      else if (!tolerant && (u.target.table === null ? u.unresolved : !created.has(u.target.table))) return true;
      if (u.op === 'renameTable' && u.target.newName) created.add(u.target.newName);
    }
  }
  return false;
}

/**
 * A drop that tolerates a missing table: `DROP TABLE IF EXISTS`, or Sequelize's `dropTable` (IF EXISTS), whatever wraps
 * it: a catch around it (`dropTable(t).catch(() => {})`) makes it no less one (hold-out 106: eight such drops, each
 * before the only creation of its table).
 */
function dropsIfExists(op: Operation): boolean {
  const kind = op.guard?.kind;
  return op.op === 'dropTable' && (kind === 'sql-if-exists' || kind === 'idempotent' || (kind === 'catch-all' && !op.sql));
}
