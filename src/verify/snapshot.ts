/**
 * Comparing two snapshots of the scratch database (src/verify/protocol.ts):
 * what a `down` lost, and how the schema changed. Pure functions: the parent
 * (src/verify/run.ts) and the child (src/verify/child.ts, for what a
 * half-applied `up` leaves behind) both use them.
 */
import type { Snapshot } from './protocol';

/** What one `down` lost: a table (its rows), a column (its non-NULL values), or rows of a table that stayed. */
export interface Loss {
  table: string;
  column?: string;
  kind: 'table' | 'column' | 'rows';
  /** Rows (table, rows) or values (column) lost. */
  count: number;
}

/** What disappeared between two snapshots. */
export function losses(before: Snapshot, after: Snapshot): Loss[] {
  const out: Loss[] = [];
  for (const [table, b] of Object.entries(before.tables)) {
    const a = after.tables[table];
    if (!a) {
      out.push({ table, kind: 'table', count: b.rows });
      continue;
    }
    for (const [column, values] of Object.entries(b.columns)) {
      if (!(column in a.columns)) out.push({ table, column, kind: 'column', count: values });
    }
    if (a.rows < b.rows) out.push({ table, kind: 'rows', count: b.rows - a.rows });
  }
  return out;
}

/** Schema differences (tables, column definitions, indexes) from `before` to `after`. */
export function schemaDiff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [table, b] of Object.entries(before.tables)) {
    const a = after.tables[table];
    if (!a) {
      out.push(`table ${table} is missing`);
      continue;
    }
    for (const [column, def] of Object.entries(b.definitions)) {
      const now = a.definitions[column];
      if (now === undefined) out.push(`column ${table}.${column} is missing`);
      else if (now !== def) out.push(`${table}.${column} was ${def}, is ${now}`);
    }
    for (const column of Object.keys(a.definitions)) if (!(column in b.definitions)) out.push(`column ${table}.${column} is new`);
    for (const ix of b.indexes) if (!a.indexes.includes(ix)) out.push(`index missing: ${ix}`);
    for (const ix of a.indexes) if (!b.indexes.includes(ix)) out.push(`index new: ${ix}`);
  }
  for (const table of Object.keys(after.tables)) if (!before.tables[table]) out.push(`table ${table} is new`);
  return out;
}
