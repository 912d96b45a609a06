import type { JsonValue, Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { sequelizeIndexName } from '../src/rules/operations';

interface Creation {
  migration: Migration;
  op: Operation;
}

/**
 * Sequelize's createTable emits CREATE TABLE IF NOT EXISTS: a second
 * migration that creates the same table does nothing where the first one ran,
 * and its columns never reach those databases. Replays every `up` in run order
 * so that a table dropped or renamed in between is not a duplicate.
 */
export default createRule({
  id: 'no-duplicate-create-table',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a table or an index that an earlier migration already creates',
      help: 'Change the existing table with addColumn / changeColumn in a new migration instead of creating it again; give each index one owner migration.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      duplicateTableDiffers:
        '`{{table}}` is already created by {{first}}. Sequelize emits CREATE TABLE IF NOT EXISTS, so this definition is silently ignored where {{first}} ran, and these differences never reach those databases: {{differences}}.',
      duplicateTableSame: '`{{table}}` is already created by {{first}} with the same columns: this createTable does nothing there.',
      duplicateTableUnknown: '`{{table}}` is already created by {{first}}: this definition is ignored where {{first}} ran (CREATE TABLE IF NOT EXISTS).',
      duplicateIndex: 'Index `{{index}}` is already created by {{first}}: creating it again fails with "relation already exists".',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const tables = new Map<string, Creation>();
    const indexes = new Map<string, Creation>();
    for (const migration of project.migrations) {
      for (const op of migration.up) {
        const key = tableKey(op.target.schema, op.target.table);
        switch (op.op) {
          case 'createTable': {
            if (!key) break;
            const first = tables.get(key);
            if (first && first.migration !== migration) reportTable(first, migration, op, report);
            if (!first) tables.set(key, { migration, op });
            break;
          }
          case 'dropTable':
            if (key) {
              tables.delete(key);
              for (const [name, c] of indexes) if (tableKey(c.op.target.schema, c.op.target.table) === key) indexes.delete(name);
            }
            break;
          case 'renameTable': {
            const moved = key ? tables.get(key) : undefined;
            if (key) tables.delete(key);
            const to = tableKey(op.target.schema, op.target.newName ?? null);
            if (moved && to) tables.set(to, moved);
            break;
          }
          case 'addIndex': {
            const name = indexName(op);
            if (!name) break;
            const indexKey = `${op.target.schema ?? 'public'}.${name}`;
            const first = indexes.get(indexKey);
            if (first && !op.guarded) {
              report({
                migration,
                loc: op.loc,
                messageId: 'duplicateIndex',
                data: { index: name, first: first.migration.name, table: op.target.table ?? '?' },
                target: op.target,
              });
            }
            if (!first) indexes.set(indexKey, { migration, op });
            break;
          }
          case 'removeIndex': {
            const name = op.target.name ?? (op.target.table && op.fields?.every((f) => f) ? sequelizeIndexName(op.target.table, op.fields as string[]) : null);
            if (name) indexes.delete(`${op.target.schema ?? 'public'}.${name}`);
            break;
          }
          default:
            break;
        }
      }
    }
  },
});

function tableKey(schema: string | null | undefined, table: string | null): string | null {
  return table ? `${schema ?? 'public'}.${table}` : null;
}

/** The index name PostgreSQL gets: explicit, or derived the way Sequelize derives it. */
function indexName(op: Operation): string | null {
  if (op.target.name) return op.target.name;
  if (op.sql) return null; // CREATE INDEX without a name: PostgreSQL picks a fresh one.
  if (!op.target.table || !op.fields || op.fields.some((f) => f === null)) return null;
  return sequelizeIndexName(op.target.table, op.fields as string[]);
}

function reportTable(first: Creation, migration: Migration, op: Operation, report: Parameters<Parameters<typeof createRule>[0]['check']>[0]['report']): void {
  const data: Record<string, string> = { table: op.target.table ?? '?', first: first.migration.name };
  const a = columnsOf(first.op);
  const b = columnsOf(op);
  if (!a || !b) {
    report({ migration, loc: op.loc, messageId: 'duplicateTableUnknown', data, target: op.target });
    return;
  }
  const differences: string[] = [];
  for (const [name, def] of Object.entries(b)) {
    if (!(name in a)) differences.push(`column \`${name}\` (only in this migration)`);
    else if (a[name] !== null && def !== null && stable(a[name]!) !== stable(def)) differences.push(`the definition of \`${name}\``);
  }
  for (const name of Object.keys(a)) if (!(name in b)) differences.push(`the absence of \`${name}\``);
  if (differences.length === 0) {
    report({ migration, loc: op.loc, messageId: 'duplicateTableSame', data, target: op.target, severity: 'warning' });
  } else {
    report({ migration, loc: op.loc, messageId: 'duplicateTableDiffers', data: { ...data, differences: differences.join(', ') }, target: op.target });
  }
}

/** Column name -> definition (null when only the name is known, as for raw SQL). */
function columnsOf(op: Operation): Record<string, JsonValue | null> | null {
  if (op.columns) return op.columns as Record<string, JsonValue>;
  if (Array.isArray(op.options.columns)) return Object.fromEntries((op.options.columns as string[]).map((c) => [c, null]));
  return null;
}

/** JSON with sorted keys, to compare definitions regardless of property order. */
function stable(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k]!)}`).join(',')}}`;
  return JSON.stringify(v);
}
