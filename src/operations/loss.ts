/**
 * Data loss in words: one place for how each kind of destruction is said,
 * whoever says it (the destructive rules, the report's data-loss section, the
 * npm-scripts analysis in the JSON report).
 *
 * Which operations destroy what is the operation table's `destroys`
 * (src/operations/table.ts); `destructiveEffect` (src/rules/operations.ts)
 * turns one operation into a `DestructiveEffect` of a kind below.
 */

import type { OpKind } from '../model';

/** The kinds of data loss a step can cause, as reported. */
export type DestructionKind =
  | 'dropTable'
  | 'dropColumn'
  | 'deleteAllRows'
  | 'deleteSomeRows'
  | 'truncate'
  | 'overwriteAllRows'
  | 'overwriteSomeRows'
  | 'dropSchema'
  | 'dropEverything';

/** What a destructive operation destroys. */
export interface DestructiveEffect {
  /** camelCase key used to pick a message: dropTable, dropColumn, deleteAllRows, ... */
  kind: DestructionKind;
  /** Every row of the table or column is affected (vs rows matching a WHERE). */
  all: boolean;
  /** Message data: table, column, name, target; `where` and `columns` where they apply. */
  data: Record<string, string>;
}

export interface LossWords {
  /** Before its target, in a sentence: "Rolling back **drops table** `users`", "Migrating **empties** `logs`". */
  verb: string;
  /** A list of targets of one kind: `drops` + `column` / `columns` + the subjects; empty nouns for kinds that take none. */
  list: { verb: string; one: string; many: string };
  /** After its subject, in the report: "`users.bio`: **column dropped with its data**". `where`: the condition as the caller renders it. */
  summary: (where: string) => string;
  /** A whole effect, as the end of a sentence: "drops column `users.bio` and its data". */
  sentence: (data: Record<string, string>, op: OpKind) => string;
  /** What the step is for, as a title: "Drop column users.bio". */
  purpose: (data: Record<string, string>) => string;
}

export const LOSS_WORDS: Readonly<Record<DestructionKind, LossWords>> = {
  dropTable: {
    verb: 'drops table',
    list: { verb: 'drops', one: 'table', many: 'tables' },
    summary: () => 'table dropped with every row',
    sentence: (d) => `drops table ${d.target} and its rows`,
    purpose: (d) => `Drop table ${d.table}`,
  },
  dropColumn: {
    verb: 'drops',
    list: { verb: 'drops', one: 'column', many: 'columns' },
    summary: () => 'column dropped with its data',
    sentence: (d) => `drops column ${d.target} and its data`,
    purpose: (d) => `Drop column ${d.table}.${d.column}`,
  },
  deleteAllRows: {
    verb: 'deletes every row of',
    list: { verb: 'deletes every row of', one: '', many: '' },
    summary: () => 'every row deleted',
    sentence: (d) => `deletes every row of ${d.target}`,
    purpose: (d) => `Delete rows of ${d.table}`,
  },
  deleteSomeRows: {
    verb: 'deletes rows of',
    list: { verb: 'deletes some rows of', one: '', many: '' },
    summary: (where) => `rows matching ${where} deleted`,
    sentence: (d) => `deletes the rows of ${d.target} matching ${d.where ?? 'a condition'}`,
    purpose: (d) => `Delete rows of ${d.table}`,
  },
  truncate: {
    verb: 'empties',
    list: { verb: 'empties', one: '', many: '' },
    summary: () => 'every row deleted (TRUNCATE)',
    sentence: (d) => `empties ${d.target}`,
    purpose: (d) => `Delete rows of ${d.table}`,
  },
  overwriteAllRows: {
    verb: 'overwrites every row of',
    list: { verb: 'overwrites every row of', one: '', many: '' },
    summary: () => 'every row overwritten (no WHERE that leaves a row out)',
    sentence: (d) => `overwrites ${d.columns ?? 'columns'} in every row of ${d.target}`,
    purpose: (d) => `Update rows of ${d.table}`,
  },
  overwriteSomeRows: {
    verb: 'overwrites rows of',
    list: { verb: 'overwrites some rows of', one: '', many: '' },
    summary: (where) => `rows matching ${where} overwritten`,
    sentence: (d) => `overwrites ${d.columns ?? 'columns'} in the rows of ${d.target} matching ${d.where ?? 'a condition'}`,
    purpose: (d) => `Update rows of ${d.table}`,
  },
  dropSchema: {
    verb: 'drops schema',
    list: { verb: 'drops', one: 'schema', many: 'schemas' },
    summary: () => 'schema dropped with every table in it',
    sentence: (d, op) => (op === 'dropAllSchemas' ? 'drops every schema and everything in them' : `drops ${d.schema ?? `schema \`${d.name}\``} and everything in it`),
    purpose: (d) => `Drop ${d.schema ?? `schema ${d.name}`}`,
  },
  dropEverything: {
    verb: 'drops every table',
    list: { verb: 'drops every table', one: '', many: '' },
    summary: () => 'every table in the database dropped',
    sentence: (d, op) => (op === 'dropDatabase' ? `drops database \`${d.name}\`` : 'drops every table'),
    purpose: () => 'Drop every table',
  },
};
