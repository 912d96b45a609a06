import type { CallSyntax, Migration, Operation, SourceLocation, TextEdit, TextRange } from '../model';
import { transactionArgument } from '../operations/table';

/**
 * Mechanical rewrites that rules offer with their findings, computed from
 * how the operation's call is written (`Operation.syntax`,
 * `MigrationFunction.syntax`). They change what runs against the database,
 * so they are suggestions (a person applies them), never automatic fixes.
 * Each is one text replacement; whether it is offered is decided from the
 * model, the replacement text is built from the file's text on request.
 */
export interface Rewrite {
  desc: string;
  fix(source: string): TextEdit | null;
}

/** Wraps `await qi.addColumn(t, c, ...)` in `if (!(await qi.describeTable(t))[c]) { ... }`. */
export function guardAddColumn(op: Operation): Rewrite | null {
  const call = op.syntax;
  if (!call || call.chained || call.method !== 'addColumn' || !call.receiver) return null;
  const stmt = call.statement;
  // The guard awaits describeTable: only possible inside an async function.
  if (!stmt || !call.inAsyncFunction) return null;
  const [table, column] = call.args;
  if (!table || !column || table.spread || column.spread) return null;
  const receiver = call.receiver;
  return {
    desc: 'Add the column only when `describeTable` does not list it',
    fix(source) {
      const indent = indentationAt(source, stmt[0]);
      const inner = text(source, stmt)
        .split('\n')
        .map((l, i) => (i === 0 ? `${indent}  ${l}` : `  ${l}`))
        .join('\n');
      return {
        range: stmt,
        text: `if (!(await ${text(source, receiver)}.describeTable(${text(source, table.range)}))[${text(source, column.range)}]) {\n${inner}\n${indent}}`,
      };
    },
  };
}

/**
 * Runs the whole `up` in one managed transaction and passes `{ transaction }`
 * to each of its calls: a failure then rolls every step back. `migration` is
 * the migration as written (every step of its file); `at` is where the
 * finding is.
 */
export function wrapUpInTransaction(migration: Migration, at: Pick<SourceLocation, 'line' | 'column'>): Rewrite | null {
  const fn = migration.upFunction.syntax;
  // Only the `up` is rewritten: a finding in `down` gets no `up` rewrite.
  if (!migration.up.some((o) => o.loc.line === at.line && o.loc.column === at.column)) return null;
  // A transaction the body already opens or joins: wrapping again would nest or shadow it.
  if (migration.up.some((o) => o.options.concurrently === true || o.inTransactionCallback || o.inTransaction || o.via || o.unresolved)) return null;
  if (!fn || !fn.body || !fn.async || !fn.receiver) return null;
  const body = fn.body;
  const qi = fn.receiver;
  // Every write must be a call we know where to give `{ transaction }`, written inside this body.
  const calls: CallSyntax[] = [];
  for (const op of migration.up) {
    const call = op.syntax;
    if (!call || call.range[0] < body[0] || call.range[1] > body[1]) return null;
    if (!calls.some((c) => c.range[0] === call.range[0] && c.range[1] === call.range[1])) calls.push(call);
  }
  const edits: TransactionEdit[] = [];
  for (const call of calls) {
    const edit = transactionEdit(call);
    if (!edit) return null;
    edits.push(edit);
  }
  return {
    desc: 'Run the whole `up` in one transaction, passing `{ transaction }` to every call',
    fix(source) {
      if (/\.transaction\s*\(/.test(source.slice(body[0], body[1]))) return null;
      // Apply the per-call edits inside the body text, last first so offsets stay valid.
      const start = body[0] + 1;
      const end = body[1] - 1;
      let inner = source.slice(start, end);
      for (const e of edits.map((edit) => edit(source)).sort((a, b) => b.at[0] - a.at[0])) {
        inner = inner.slice(0, e.at[0] - start) + e.text + inner.slice(e.at[1] - start);
      }
      const indent = indentationAt(source, fn.firstStatement ?? body[0]);
      const reindented = inner
        .split('\n')
        .map((l) => (l.trim() ? `  ${l}` : l))
        .join('\n');
      return {
        range: [start, end],
        text: `\n${indent}await ${qi}.sequelize.transaction(async (transaction) => {${reindented.replace(/\s+$/, '')}\n${indent}});\n${indent.slice(2)}`,
      };
    },
  };
}

/** The edit that gives one call `{ transaction }`, built from the file's text. */
type TransactionEdit = (source: string) => { at: TextRange; text: string };

function transactionEdit(call: CallSyntax): TransactionEdit | null {
  // A chained call (`.catch(...)`) is rewritten as the chain it heads: not a call we know.
  const method = call.chained ? null : call.method;
  if (!method) return null;
  const args = call.args;
  // Where Sequelize reads `{ transaction }` (the operation table); `addIndex(table, { fields })` takes it second.
  const index = transactionArgument(method, args[1]?.properties !== undefined);
  if (index === undefined) return null;
  if (args.some((a) => a.spread)) return null;
  const existing = args[index];
  if (existing) {
    if (existing.properties) {
      const open = existing.range[0] + 1;
      const empty = existing.properties.length === 0;
      return () => ({ at: [open, open], text: empty ? ' transaction ' : ' transaction,' });
    }
    return (source) => ({ at: existing.range, text: `{ ...${text(source, existing.range)}, transaction }` });
  }
  // Pad skipped optional arguments, then append the options.
  const last = args[args.length - 1];
  if (!last) return null;
  const padding = Array.from({ length: index - args.length }, () => 'undefined');
  return () => ({ at: [last.range[1], last.range[1]], text: `, ${[...padding, '{ transaction }'].join(', ')}` });
}

/** Adds `concurrently: true` to the `addIndex` call at `at` (the migration as written). */
export function buildConcurrently(migration: Migration, at: Pick<SourceLocation, 'line' | 'column'>): Rewrite | null {
  const op = migration.up.find((o) => o.loc.line === at.line && o.loc.column === at.column);
  const call = op?.syntax;
  if (!op || !call || call.chained || call.method !== 'addIndex') return null;
  // PostgreSQL refuses CONCURRENTLY inside a transaction block (25001).
  if (op.inTransaction || op.inTransactionCallback) return null;
  const args = call.args;
  if (args.some((a) => a.spread)) return null;
  const optionsIndex = args[1]?.properties ? 1 : 2;
  const existing = args[optionsIndex];
  const desc = 'Build the index with CREATE INDEX CONCURRENTLY (no write lock; cannot run in a transaction)';
  if (existing?.properties) {
    const current = existing.properties.find((p) => p.kind === 'property' && p.key === 'concurrently');
    if (current?.kind === 'property') return { desc, fix: () => ({ range: current.value, text: 'true' }) };
    if (existing.properties.some((p) => p.kind === 'spread')) return null;
    const open = existing.range[0] + 1;
    const empty = existing.properties.length === 0;
    return { desc, fix: () => ({ range: [open, open], text: empty ? ' concurrently: true ' : ' concurrently: true,' }) };
  }
  if (existing) return null;
  const last = args[args.length - 1];
  if (!last || args.length < 2) return null;
  return { desc, fix: () => ({ range: [last.range[1], last.range[1]], text: ', { concurrently: true }' }) };
}

/** The rewrites that apply, for `report({ suggest })`. */
export function present(rewrites: readonly (Rewrite | null)[]): Rewrite[] {
  return rewrites.filter((r): r is Rewrite => r !== null);
}

function text(source: string, range: TextRange): string {
  return source.slice(range[0], range[1]);
}

function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** Adds `allowNull: false` to the attributes object of the `changeColumn` call `op`. */
export function restateAllowNull(op: Operation): Rewrite | null {
  const call = op.syntax;
  if (!call || call.chained || call.method !== 'changeColumn') return null;
  const attributes = call.args[2];
  if (!attributes?.properties || attributes.properties.some((p) => p.kind === 'spread')) return null;
  const current = attributes.properties.find((p) => p.kind === 'property' && p.key === 'allowNull');
  const desc = 'Restate `allowNull: false` in the changeColumn attributes';
  if (current?.kind === 'property') return { desc, fix: () => ({ range: current.value, text: 'false' }) };
  const open = attributes.range[0] + 1;
  const empty = attributes.properties.length === 0;
  return { desc, fix: () => ({ range: [open, open], text: empty ? ' allowNull: false ' : ' allowNull: false,' }) };
}
