/**
 * What of a column definition (`createTable`'s attributes, `addColumn`'s third argument) reaches the database. Sequelize
 * builds the column's DDL from these keys only; any other (`default: 0`, `nullable: true`, `validate`, a typo) is left
 * out of the statement (measured, test/semantics/ignored-attribute-keys.test.ts).
 */
import type { JsonValue } from '../model';

export const DDL_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set([
  'type',
  'allowNull',
  'defaultValue',
  'primaryKey',
  'autoIncrement',
  'autoIncrementIdentity',
  'unique',
  'references',
  'onDelete',
  'onUpdate',
  'comment',
  'values',
  'field',
]);

/**
 * The definition as the database gets it: only the keys Sequelize sends, and `allowNull: true` and `defaultValue: null`
 * left out (what a column is without them).
 */
export function ddlAttributes(def: Record<string, JsonValue>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(def)) {
    if (!DDL_ATTRIBUTE_KEYS.has(key)) continue;
    if (key === 'allowNull' && value === true) continue;
    if (key === 'defaultValue' && value === null) continue;
    out[key] = value;
  }
  return out;
}
