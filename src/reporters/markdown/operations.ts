import type { GuardKind, Operation } from '../../model';
import { READ_OPS } from '../../extract/query-interface';
import { collapse } from './format';

/** Ops that change nothing: reads, probes and transaction control (BEGIN / COMMIT). */
export function isWrite(op: Operation): boolean {
  return !READ_OPS.has(op.op) && op.op !== 'transactionControl';
}

/** `app.users`, `users`, or `?` when the table is not known statically. */
function tableName(op: Operation): string {
  const t = op.target;
  if (!t.table) return '?';
  return t.schema ? `${t.schema}.${t.table}` : t.table;
}

const COLUMN_OPS = new Set(['addColumn', 'removeColumn', 'changeColumn']);
const NAMED_OPS = new Set([
  'createSchema',
  'dropSchema',
  'dropEnum',
  'createFunction',
  'dropFunction',
  'renameFunction',
  'createDatabase',
  'dropDatabase',
  'createType',
  'alterType',
  'dropType',
  'createView',
  'dropView',
  'createExtension',
  'dropExtension',
  'createSequence',
  'dropSequence',
]);

/**
 * One operation in a few words: `createTable users`, `addIndex users(email)`,
 * `addColumn courses.logo_url`, `renameColumn users.name → full_name`.
 */
export function shortOp(op: Operation): string {
  const t = op.target;
  const table = tableName(op);
  const fields = op.fields ? `(${op.fields.map((f) => f ?? '?').join(', ')})` : '';
  switch (op.op) {
    case 'unresolved':
      return `unresolved ${op.callee}`;
    case 'renameTable':
      return `renameTable ${table} → ${t.newName ?? '?'}`;
    case 'renameColumn':
      return `renameColumn ${table}.${t.column ?? '?'} → ${t.newName ?? '?'}`;
    case 'addIndex':
    case 'removeIndex':
    case 'addConstraint':
    case 'removeConstraint':
      if (fields) return `${op.op} ${table}${fields}`;
      return t.name ? `${op.op} ${table} ${t.name}` : `${op.op} ${table}`;
    case 'createTrigger':
    case 'dropTrigger':
    case 'renameTrigger':
      return `${op.op} ${table} ${t.name ?? '?'}`;
    default:
      break;
  }
  if (COLUMN_OPS.has(op.op) || (t.column && t.table)) return `${op.op} ${table}.${t.column ?? '?'}`;
  if (NAMED_OPS.has(op.op)) return `${op.op} ${t.name ?? t.table ?? '?'}`;
  if (t.table) return `${op.op} ${table}`;
  if (t.name) return `${op.op} ${t.name}`;
  return op.op;
}

/**
 * The write operations of one phase in a few words, in order. Consecutive
 * column operations of the same kind on the same table are merged
 * (`addColumn users.{bio, phone}`), identical consecutive entries counted
 * (`alterType enum_status ×2`), and only the first `max` entries shown.
 */
export function shortOps(ops: readonly Operation[], max = 4): string {
  const entries: { key: string; text: string; count: number; columns?: string[]; table?: string; op?: string }[] = [];
  for (const op of ops.filter(isWrite)) {
    const last = entries[entries.length - 1];
    if (COLUMN_OPS.has(op.op) && op.target.column && op.target.table) {
      const table = tableName(op);
      const column = op.target.column;
      if (last?.columns && last.op === op.op && last.table === table) {
        if (!last.columns.includes(column)) {
          last.columns.push(column);
          continue;
        }
        // The same column again right after itself (030: type, then default): count it.
        if (last.columns.length === 1) {
          last.count++;
          continue;
        }
      }
      entries.push({ key: `${op.op} ${table}.${column}`, text: '', count: 1, columns: [column], table, op: op.op });
      continue;
    }
    const text = shortOp(op);
    if (last && last.columns === undefined && last.key === text) last.count++;
    else entries.push({ key: text, text, count: 1 });
  }
  const texts = entries.map((e) => {
    if (e.columns) {
      const cols = e.columns.length === 1 ? e.columns[0]! : `{${collapse(e.columns, max)}}`;
      return `${e.op} ${e.table}.${cols}${e.count > 1 ? ` ×${e.count}` : ''}`;
    }
    return e.count > 1 ? `${e.text} ×${e.count}` : e.text;
  });
  return collapse(texts, max);
}

/** Guarded write steps / write steps. */
export function guardCounts(ops: readonly Operation[]): { guarded: number; writes: number } {
  const writes = ops.filter(isWrite);
  return { guarded: writes.filter((o) => o.guarded).length, writes: writes.length };
}

export { downBehaviour, type DownBehaviour } from '../summary';

/** The guard kinds in report order, with what each one means. */
export const GUARD_KINDS: readonly { kind: GuardKind; label: string }[] = [
  { kind: 'idempotent', label: 'Idempotent call: Sequelize emits `IF [NOT] EXISTS` (`createTable`, `dropTable`, `removeIndex`, `dropEnum`)' },
  { kind: 'sql-if-exists', label: 'Raw SQL with `IF [NOT] EXISTS` or `OR REPLACE`' },
  { kind: 'existence-check', label: 'Existence check first (`describeTable`, `tableExists`, `showIndex`, ...)' },
  { kind: 'catch-expected', label: 'try/catch that ignores only "already exists" / "does not exist"' },
  { kind: 'catch-all', label: '⚠️ catch that swallows every error: a rerun passes, but real failures are hidden too' },
];
