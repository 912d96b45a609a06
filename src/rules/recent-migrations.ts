/**
 * Which migrations ship with this one: the previous migration, and up to a few
 * more whose names are dated at most a week before this one's. Until the
 * release ships, the tables and columns they created hold nothing but what
 * migrations wrote: emptying or dropping them loses nothing a user wrote
 * (no-destructive-up), and a step on such a table cannot meet rows the
 * application wrote (require-idempotency-guard). Numbered names say nothing
 * of time: there only the previous migration counts.
 */
import type { Migration, ProjectModel } from '../model';
import { writesRows } from '../operations/table';
import { parseMigrationName } from '../naming/migration-names';
import { CreatedInMigration } from '../schema/replay';

/** Tables and columns the migrations just before this one created, newest first. */
export interface RecentMigrations {
  recent: Recent[];
  /** Any of them created the column, and no migration since wrote rows into its table (for a backfill of it). */
  created: { columnIsNew(table: string | null, column: string | null): boolean };
  /** Any of them created the table, and no migration since wrote rows into it. */
  tableIsNew(table: string | null): boolean;
  /** The newest of them that created the table, when no migration since wrote rows into it; null otherwise. */
  tableCreator(table: string | null): Recent | null;
}

export interface Recent {
  migration: Migration;
  created: CreatedInMigration;
  /** How this migration is called in a message: "the previous migration (`x`)" or "`x`, 2 days earlier". */
  label: string;
  /** Tables whose rows a migration after this one (and before the current one) writes: inserts, updates, deletes. */
  writtenSince: Set<string>;
  /** How many days before the current one its name is dated; null when the names carry no dates. */
  days: number | null;
}

/** How far back a migration still counts as shipping with the current one: at most this many places, ... */
const RECENT_PLACES = 15;
/** ... and, beyond the previous one, names dated at most this many days apart. */
const RECENT_DAYS = 7;

/** The day a migration's name carries (`20260330000000-x`, `2023-07-27_00_x`), as days since the epoch; null when none. */
function dayOfName(name: string): number | null {
  const parsed = parseMigrationName(name);
  if (!parsed || parsed.family !== 'time' || !/^\d{8}/.test(parsed.key)) return null;
  const k = parsed.key;
  const ms = Date.UTC(Number(k.slice(0, 4)), Number(k.slice(4, 6)) - 1, Number(k.slice(6, 8)));
  return Number.isFinite(ms) ? ms / 86_400_000 : null;
}

/** Per project, per migration: the migrations shipping with it, computed once for every rule that asks. */
const memo = new WeakMap<ProjectModel, Map<Migration, { recent: Recent[]; previousDated: boolean }>>();

/**
 * The tables and columns that the migrations shipping with this one created:
 * until the release ships, they hold nothing but what migrations wrote. The
 * previous migration always counts (unless `previousAlways` is false: then it
 * too needs dates a week apart at most); the ones before it (up to RECENT_PLACES
 * back) count while both names carry dates at most RECENT_DAYS apart. A table
 * into which a migration between writes rows is not new any more
 * (`writtenSince`).
 */
export function recentMigrations(project: ProjectModel, migration: Migration, { previousAlways = true }: { previousAlways?: boolean } = {}): RecentMigrations {
  let perProject = memo.get(project);
  if (!perProject) memo.set(project, (perProject = new Map()));
  let found = perProject.get(migration);
  if (!found) perProject.set(migration, (found = collect(project, migration)));
  // Without `previousAlways`, the previous migration counts only by the dates in the names, and so do all
  // before it: when it does not, none does.
  const recent = previousAlways || found.previousDated ? found.recent : [];
  return {
    recent,
    created: { columnIsNew: (table, column) => recent.some((r) => !r.writtenSince.has(table ?? '') && r.created.columnIsNew(table, column)) },
    tableIsNew: (table) => table !== null && recent.some((r) => !r.writtenSince.has(table) && r.created.tableIsNew(table)),
    tableCreator: (table) => (table === null ? null : recent.find((r) => !r.writtenSince.has(table) && r.created.tableIsNew(table)) ?? null),
  };
}

function collect(project: ProjectModel, migration: Migration): { recent: Recent[]; previousDated: boolean } {
  const recent: Recent[] = [];
  let previousDated = false;
  const today = dayOfName(migration.name);
  for (let back = 1; back <= RECENT_PLACES; back++) {
    const m = project.migrations[migration.index - back];
    if (!m || m.index !== migration.index - back) break;
    const day = dayOfName(m.name);
    const days = today !== null && day !== null ? today - day : null;
    const dated = days !== null && days >= 0 && days <= RECENT_DAYS;
    if (back === 1) previousDated = dated;
    else if (!dated) break;
    const created = new CreatedInMigration();
    for (const op of m.up) if (op.op === 'addColumn' || op.op === 'createTable') created.record(op);
    const writtenSince = new Set<string>();
    for (const later of recent) for (const op of later.migration.up) if (writesRows(op.op) && op.target.table) writtenSince.add(op.target.table);
    const label = back === 1 ? `the previous migration (\`${m.name}\`)` : `\`${m.name}\` (${days === 0 ? 'the same day' : `${days} day${days === 1 ? '' : 's'} earlier`}, by the dates in their names)`;
    recent.push({ migration: m, created, label, writtenSince, days });
  }
  return { recent, previousDated };
}

