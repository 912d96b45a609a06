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
  /** The referenced table's schema when the call names one (`{ tableName, schema }`, SQL `REFERENCES s.orgs`); null for the default. */
  parentSchema: string | null;
  /**
   * The one column it references, when the call writes it: `field` of
   * addConstraint, `key` of `references` (Sequelize sends `id` without one),
   * SQL `REFERENCES orgs (id)`. Null when not static, composite, or left to
   * the parent's primary key (SQL `REFERENCES orgs`).
   */
  parentColumn: string | null;
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

/** The schema `references` names: SQL `{ schema }`, or the builder's `{ model: { tableName, schema } }`; null when none. */
function referencedSchema(references: JsonValue | undefined): string | null {
  if (!references || typeof references !== 'object' || Array.isArray(references)) return null;
  if (typeof references.schema === 'string') return references.schema;
  for (const key of ['table', 'model']) {
    const v = references[key];
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.schema === 'string') return v.schema;
  }
  return null;
}

/** The one column `references` names (see `AddedForeignKey.parentColumn`). */
function referencedColumn(references: JsonValue | undefined, op: Operation): string | null {
  if (!references || typeof references !== 'object' || Array.isArray(references)) return null;
  if (op.sql) {
    const fields = references.fields;
    return Array.isArray(fields) && fields.length === 1 && typeof fields[0] === 'string' ? fields[0] : null;
  }
  const column = op.op === 'addConstraint' ? references.field : references.key;
  if (typeof column === 'string') return column;
  return column === undefined && op.op !== 'addConstraint' ? 'id' : null;
}

/** An addConstraint's type in Sequelize's spelling (`unique`, `foreign key`, `check`), builder and SQL alike. */
export function constraintType(op: Operation): string {
  return String((op.sql ? op.options.constraintType : op.options.type) ?? '').toLowerCase();
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
    return parent ? [{ table, parent, parentSchema: referencedSchema(references), parentColumn: referencedColumn(references, op) }] : [];
  };
  switch (op.op) {
    case 'addConstraint':
      return constraintType(op) === 'foreign key' ? keyOf(o.references) : [];
    case 'addColumn':
    case 'changeColumn':
      return keyOf(o.references);
    case 'createTable':
      return Object.values(op.columns ?? {}).flatMap((def) => keyOf(def.references));
    default:
      return [];
  }
}

/**
 * What a MySQL `SET FOREIGN_KEY_CHECKS = 0 | 1` (also `SET foreign_key_checks = OFF`, `SET SESSION ...`) statement
 * sets: false when it turns the checks off, true when on, null for any other step. With the checks off, InnoDB accepts
 * a foreign key to a table that does not exist yet and drops a table others reference (both measured on MariaDB).
 */
export function foreignKeyChecksSet(op: Operation): boolean | null {
  if (!op.sql || typeof op.statement !== 'string') return null;
  const m = /\bforeign_key_checks\s*=\s*(0|1|off|on|false|true)\b/i.exec(op.statement);
  if (!m) return null;
  return /^(1|on|true)$/i.test(m[1]!);
}

/**
 * A referential action as PostgreSQL and MySQL apply it: none written is NO ACTION, which (without deferral) acts as
 * RESTRICT does, refusing the parent's delete; `set null` as `SET NULL`. Not a string: as written, `?`.
 */
export function referentialAction(action: JsonValue | undefined): string {
  if (action === undefined || action === null) return 'RESTRICT';
  if (typeof action !== 'string') return '?';
  const upper = action.trim().toUpperCase().replace(/\s+/g, ' ');
  return upper === 'NO ACTION' ? 'RESTRICT' : upper;
}
