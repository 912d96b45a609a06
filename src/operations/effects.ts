/**
 * What an extracted operation does to the database and its data: whether it
 * writes, what it destroys, and how to name its target in a message. Read by
 * the npm-scripts reader, the rules and the report alike.
 */
import type { JsonValue, Operation, Target } from '../model';
import type { DestructiveEffect } from './loss';
import { changesDatabase, NO_COLUMN_ARGUMENT, OPERATIONS } from './table';
import { fillsOnlyEmpty, keepsOtherRows, updatedColumns } from './updates';
import { quotedStatement, withHolesShown } from '../sql/holes';
import { probeLabelText } from '../extract/values';

/** Operations that change the database (reads and probes excluded). */
export function writeOps(ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => changesDatabase(o.op));
}

/**
 * The target as message text: `` `users.bio` ``, `` `users` ``, `` `app.users` ``,
 * or a plain description when it could not be resolved statically.
 */
export function describeTarget(target: Target, op?: Operation): string {
  const table = target.table ? (target.schema ? `${target.schema}.${target.table}` : target.table) : null;
  if (table && target.column) return `\`${table}.${target.column}\``;
  // An index or constraint: name it too.
  if (table && target.name && target.name !== table) return `\`${table}\` (\`${target.name}\`)`;
  // A column step whose column is not static (`removeColumn('Contacts', f(0x181))`): a column of the table, not the table.
  if (table && op && OPERATIONS[op.op].subject === 'column' && !op.sql && !(op.unresolvedReason ?? '').includes(NO_COLUMN_ARGUMENT)) {
    return target.columnExpression ? `the column ${quotedExpression(target.columnExpression)} of \`${table}\` (a name migralint cannot read statically)` : `a column of \`${table}\` whose name migralint cannot read`;
  }
  if (table) return `\`${table}\``;
  if (target.name) return `\`${target.name}\``;
  // An object (a schema, a type) named by a value read at run time: the name as written, said to be computed.
  if (op && OPERATIONS[op.op].subject === 'object' && target.nameExpression) return `${quotedExpression(target.nameExpression)} (a name computed at run time)`;
  if (op && OPERATIONS[op.op].subject === 'object') return `one migralint cannot resolve (\`${op.callee}\` gets a computed name)`;
  // A statement known to touch no table (MySQL's CREATE EVENT): the statement itself.
  if (op?.sql && op.options.touchesNoTable === true && op.statement) return `the statement ${quotedStatement(op.statement.trim())}`;
  if (op?.sql) {
    // What the statement names: a column (of a table) or a table, by a value the migration computes (the hole's
    // expression, `tableExpression`, serves to match steps, not to name them).
    const what = target.column ? `column \`${target.column}\` of a table` : OPERATIONS[op.op].subject === 'column' ? 'a column' : 'a table';
    return `${what} named by a value migralint cannot read in the SQL of \`${op.callee}\``;
  }
  // Not resolvable statically: say what it is written as, and why it is not known.
  if (target.tableExpression) {
    const column = target.column ? `.${target.column}` : '';
    return `${quotedExpression(target.tableExpression)}${column ? ` column \`${target.column}\`` : ''} (a name migralint cannot read statically)`;
  }
  if (op?.op === 'unresolved') return `what \`${op.callee}\` touches (code migralint does not follow)`;
  // A column step (removeColumn, changeColumn) whose column is computed too names a column, not the table.
  const columnStep = op !== undefined && OPERATIONS[op.op].subject === 'column';
  const column = target.column ? `column \`${target.column}\` of ` : columnStep ? (target.columnExpression ? `the column \`${target.columnExpression}\` of ` : 'a column of ') : '';
  return op ? `${column}${unresolvedTable(op.callee)}` : 'a target migralint cannot resolve';
}

function unresolvedTable(callee: string, plural = false): string {
  return `${plural ? 'tables' : 'a table'} migralint cannot resolve (\`${callee}\` gets a computed name)`;
}

/** An expression as written, in backticks: a template literal without its own (`` `t_${id}` `` reads `t_${id}`). */
function quotedExpression(expression: string): string {
  const inner = expression.length > 1 && expression.startsWith('`') && expression.endsWith('`') ? expression.slice(1, -1) : expression;
  return inner.includes('`') ? `\`\` ${inner} \`\`` : `\`${inner}\``;
}

/** The schema a schema drop names, for a message: `schema \`s\``, every schema (dropAllSchemas), or one migralint cannot read. */
export function schemaSubject(op: Operation): string {
  if (op.target.name) return `schema \`${op.target.name}\``;
  if (op.op === 'dropAllSchemas') return 'every schema';
  if (op.target.nameExpression) return `schema ${quotedExpression(op.target.nameExpression)} (a name computed at run time)`;
  return `a schema migralint cannot resolve (\`${op.callee}\` gets a computed name)`;
}

/** What `describeTarget` writes for a column of a table it cannot resolve: the column and the call. */
const UNRESOLVED_COLUMN = /^column `([^`]+)` of a table migralint cannot resolve \(`([^`]+)` gets a computed name\)$/;

/**
 * The targets of one step that ran on several (a loop over tables, one
 * statement naming several), as one list for a message: each once, the
 * columns of tables migralint cannot resolve named together with their call
 * (`columns `a`, `b` of tables migralint cannot resolve (...)`), and past
 * `max` entries, how many more.
 */
export function joinTargets(texts: readonly string[], max = Infinity): string {
  const entries: { text: string; columns?: string[]; callee?: string }[] = [];
  for (const text of new Set(texts)) {
    const m = UNRESOLVED_COLUMN.exec(text);
    const same = m ? entries.find((e) => e.callee === m[2]) : undefined;
    if (same) same.columns!.push(m![1]!);
    else entries.push(m ? { text, columns: [m[1]!], callee: m[2]! } : { text });
  }
  const shown = entries.map((e) => (e.columns && e.columns.length > 1 ? `columns ${e.columns.map((c) => `\`${c}\``).join(', ')} of ${unresolvedTable(e.callee!, true)}` : e.text));
  return shown.length > max ? `${shown.slice(0, max).join(', ')} and ${shown.length - max} more` : shown.join(', ');
}

/** The effect types live with their wording (loss.ts); re-exported for existing callers. */
export type { DestructiveEffect, DestructionKind } from './loss';

/** The effects that destroy data without counting updates: what `destructiveEffect(op, false)` returns. */
export type DataDestroyingKind = Exclude<DestructiveEffect['kind'], 'overwriteAllRows' | 'overwriteSomeRows'>;

/** A delete or update that names no row: SQL without a WHERE, a builder call with an empty where. */
export function selectsEveryRow(op: Operation): boolean {
  return op.sql ? op.options.where === false : isEmptyWhere(op.options.where);
}

/** An empty where (`null`, `{}`, missing) means every row: measured in sequelize-semantics.md. */
export function isEmptyWhere(where: JsonValue | undefined): boolean {
  if (where === undefined || where === null) return true;
  // `[]` selects every row too: bulkDelete sends `WHERE 1=1`, bulkUpdate no WHERE (test/semantics).
  if (Array.isArray(where)) return where.length === 0;
  return typeof where === 'object' && Object.keys(where).length === 0;
}

/**
 * The data an operation destroys, or null: what the operation table says the
 * kind destroys (`destroys`), narrowed by the call (a WHERE, an empty where).
 * Updates count only when `includeUpdates` (an update in `up` overwrites
 * data; in `down` it reverts a backfill and is not reported as destruction).
 */
export function destructiveEffect(op: Operation, includeUpdates: false): (DestructiveEffect & { kind: DataDestroyingKind }) | null;
export function destructiveEffect(op: Operation, includeUpdates: boolean): DestructiveEffect | null;
export function destructiveEffect(op: Operation, includeUpdates: boolean): DestructiveEffect | null {
  // `delete(null, ...)`, `update(null, ...)` throw before any SQL (measured, test/semantics/null-instance-calls.test.ts).
  if (op.options.nullInstance === true) return null;
  const data: Record<string, string> = {
    table: op.target.table ?? '?',
    column: op.target.column ?? '?',
    name: op.target.name ?? op.target.table ?? '?',
    target: describeTarget(op.target, op),
  };
  switch (OPERATIONS[op.op].destroys) {
    case 'table':
      return { kind: 'dropTable', all: true, data };
    case 'column':
      // An empty column name: PostgreSQL refuses the statement (a zero-length identifier, measured in
      // test/semantics/failing-changes.test.ts), so nothing is dropped.
      if (op.target.column === '') return null;
      return { kind: 'dropColumn', all: true, data };
    case 'every table':
      return { kind: 'dropEverything', all: true, data: { ...data, target: `\`${op.callee}\`` } };
    case 'database':
      // `DROP DATABASE shop`: the database by its name, or the statement when a value the migration computes names it.
      return { kind: 'dropEverything', all: true, data: { ...data, target: op.target.name ? `database \`${op.target.name}\`` : op.sql && op.statement ? quotedStatement(op.statement) : `\`${op.callee}\`` } };
    case 'schema':
      // The schema as a message names it: by its name, or, computed at run time, as what migralint cannot read (never
      // "every schema", which only dropAllSchemas drops).
      return { kind: 'dropSchema', all: true, data: { ...data, name: op.target.name ?? '', schema: schemaSubject(op) } };
    case 'every row':
      return { kind: 'truncate', all: true, data };
    case 'rows':
      // SQL says whether there is a WHERE; a builder bulkDelete gives its where (empty: every row); other builder deletes name their rows.
      if (op.sql) {
        return op.options.where === false
          ? { kind: 'deleteAllRows', all: true, data }
          : { kind: 'deleteSomeRows', all: false, data: { ...data, where: 'its WHERE clause' } };
      }
      if (op.op === 'bulkDelete') {
        return isEmptyWhere(op.options.where)
          ? { kind: 'deleteAllRows', all: true, data }
          : { kind: 'deleteSomeRows', all: false, data: { ...data, where: renderWhere(op.options.where) } };
      }
      return { kind: 'deleteSomeRows', all: false, data: { ...data, where: 'the given condition' } };
    case 'values': {
      // An upsert overwrites only the rows whose key it names, with the values it states: not reported.
      if (op.op === 'upsert' || !includeUpdates || fillsOnlyEmpty(op)) return null;
      const cols = updatedColumns(op);
      data.columns = cols && cols.length > 0 ? cols.map((c) => `\`${c}\``).join(', ') : 'columns';
      const everyRow = selectsEveryRow(op);
      // `SET c = CASE WHEN .. THEN .. ELSE c END` with no WHERE: only the rows the CASE names change.
      if (everyRow && keepsOtherRows(op)) return { kind: 'overwriteSomeRows', all: false, data: { ...data, where: 'the WHEN tests of its CASE' } };
      return everyRow
        ? { kind: 'overwriteAllRows', all: true, data }
        : { kind: 'overwriteSomeRows', all: false, data: { ...data, where: op.sql ? 'its WHERE clause' : renderWhere(op.options.where) } };
    }
    default:
      return null;
  }
}

/**
 * A builder `where` as the migration writes it (`{ key: 'beta', id: [1, 2] }`), a value the migration computes as
 * its source text with the unknown parts as `${…}`; at most 60 characters.
 */
function renderWhere(where: JsonValue | undefined): string {
  const text = sourceText(where ?? null);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function sourceText(value: JsonValue): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(sourceText).join(', ')}]`;
  if (typeof value.$expr === 'string' && Object.keys(value).length === 1) {
    // A value a raw query returned is labeled by the interpreter (`query(SELECT FROM t)`), not written so in the code.
    const probed = probeLabelText(value.$expr);
    return probed !== value.$expr ? `what ${probed} returned` : withHolesShown(value.$expr);
  }
  const entries = Object.entries(value)
    .filter(([key]) => key !== '$partial')
    .map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${sourceText(item)}`);
  if (value.$partial === true) entries.push('…');
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
