import type { GuardKind, Operation } from '../../model';
import { OP_KINDS, OPERATIONS, isRename } from '../../operations/table';
import { collapse } from './format';

/** Ops that change nothing: reads, probes and transaction control (BEGIN / COMMIT). */
export function isWrite(op: Operation): boolean {
  const family = OPERATIONS[op.op].family;
  return family !== 'read' && family !== 'control';
}

/** `app.users`, `users`, or `?` when the table is not known statically. */
function tableName(op: Operation): string {
  const t = op.target;
  if (!t.table) return '?';
  return t.schema ? `${t.schema}.${t.table}` : t.table;
}

/** A change to one column that keeps its name (addColumn, removeColumn, changeColumn): merged per table in `shortOps`. */
function isColumnChange(op: Operation): boolean {
  return OPERATIONS[op.op].subject === 'column' && !isRename(op.op);
}

/**
 * One operation in a few words: `createTable users`, `addIndex users(email)`,
 * `addColumn courses.logo_url`, `renameColumn users.name → full_name`.
 */
export function shortOp(op: Operation): string {
  const t = op.target;
  const table = tableName(op);
  const fields = op.fields ? `(${op.fields.map((f) => f ?? '?').join(', ')})` : '';
  const subject = OPERATIONS[op.op].subject;
  if (op.op === 'unresolved') return `unresolved ${op.callee}`;
  if (op.op === 'renameTable') return `renameTable ${table} → ${t.newName ?? '?'}`;
  if (op.op === 'renameColumn') return `renameColumn ${table}.${t.column ?? '?'} → ${t.newName ?? '?'}`;
  if (subject === 'index' || subject === 'constraint') {
    if (fields) return `${op.op} ${table}${fields}`;
    return t.name ? `${op.op} ${table} ${t.name}` : `${op.op} ${table}`;
  }
  if (subject === 'trigger') return `${op.op} ${table} ${t.name ?? '?'}`;
  if (isColumnChange(op) || (t.column && t.table)) return `${op.op} ${table}.${t.column ?? '?'}`;
  if (subject === 'object') return `${op.op} ${t.name ?? t.table ?? '?'}`;
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
    if (isColumnChange(op) && op.target.column && op.target.table) {
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

/** The builder calls on one object that Sequelize makes idempotent (the operation table), as the report lists them. */
const IDEMPOTENT_CALLS = OP_KINDS.filter((k) => OPERATIONS[k].idempotent && OPERATIONS[k].subject !== 'none')
  .map((k) => `\`${k}\``)
  .join(', ');

/** The guard kinds in report order, with what each one means. */
export const GUARD_KINDS: readonly { kind: GuardKind; label: string }[] = [
  { kind: 'idempotent', label: `Idempotent call: Sequelize emits \`IF [NOT] EXISTS\` (${IDEMPOTENT_CALLS})` },
  { kind: 'sql-if-exists', label: 'Raw SQL with `IF [NOT] EXISTS` or `OR REPLACE`' },
  { kind: 'existence-check', label: 'Existence check first (`describeTable`, `tableExists`, `showIndex`, ...)' },
  { kind: 'catch-expected', label: 'try/catch that ignores only "already exists" / "does not exist"' },
  { kind: 'catch-all', label: '⚠️ catch that swallows every error: a rerun passes, but real failures are hidden too' },
];
