import type { Migration, ProjectModel } from '../model';
import { writesRows } from '../operations/table';
import { tableKey } from '../schema/replay';

/**
 * The earlier migration that created `table`, when the table holds no rows before `migration` runs: an earlier `up`
 * created it (unconditionally), no migration since writes rows into it (an insert, an update, SQL or a call migralint
 * cannot read on that table), and no module of the application writes it (`ProjectModel.tableWriters` says none).
 * Only rows written another way (a seeder, by hand) can be there. Null otherwise, and when it cannot be told.
 */
export function emptyBefore(project: ProjectModel, migration: Migration, table: string | null, schema?: string | null): Migration | null {
  if (table === null || project.tableWriters?.get(tableKey(schema, table)) !== null) return null;
  let created: Migration | null = null;
  for (const m of project.migrations) {
    if (m.index >= migration.index) break;
    for (const u of m.up) {
      if (u.target.table !== table) continue;
      if (u.op === 'createTable' && !u.conditional) created = m;
      else if (created && (writesRows(u.op) || u.op === 'unresolved' || u.op === 'sql')) return null;
    }
  }
  return created;
}
