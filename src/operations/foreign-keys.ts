/**
 * The foreign keys an operation adds, builder calls and SQL alike: which
 * table gets the key and which table it references.
 */
import type { JsonValue, Operation } from '../model';

export interface AddedForeignKey {
  /** The table that gets the key; null when not static. */
  table: string | null;
  /** The table it references. */
  parent: string;
}

/**
 * The referenced table's name when the call writes it: `references: { model:
 * 'orgs' }`, `{ table: 'orgs' }`, `{ model: { tableName: 'orgs' } }`, a plain
 * string, SQL `REFERENCES orgs`. Null when absent or not static.
 */
export function referencedTable(references: JsonValue | undefined): string | null {
  if (typeof references === 'string') return references;
  if (!references || typeof references !== 'object' || Array.isArray(references)) return null;
  for (const key of ['table', 'model']) {
    const v = references[key];
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.tableName === 'string') return v.tableName;
  }
  return null;
}

/**
 * The foreign keys the operation adds: `addConstraint` of type foreign key,
 * `addColumn` / `changeColumn` with `references`, `createTable` attributes
 * with `references`, and their SQL forms.
 */
export function addedForeignKeys(op: Operation): AddedForeignKey[] {
  const table = op.target.table;
  const o = op.options;
  const keyOf = (references: JsonValue | undefined): AddedForeignKey[] => {
    const parent = referencedTable(references);
    return parent ? [{ table, parent }] : [];
  };
  switch (op.op) {
    case 'addConstraint': {
      const type = String((op.sql ? o.constraintType : o.type) ?? '').toLowerCase();
      return type === 'foreign key' ? keyOf(o.references) : [];
    }
    case 'addColumn':
    case 'changeColumn':
      return keyOf(o.references);
    case 'createTable':
      return Object.values(op.columns ?? {}).flatMap((def) => keyOf(def.references));
    default:
      return [];
  }
}
