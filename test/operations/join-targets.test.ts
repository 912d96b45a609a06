/**
 * joinTargets (src/operations/effects.ts): the targets of one step that ran on
 * several, as one list for a message, as both destructive rules write it.
 */
import { describe, expect, test } from 'vitest';
import { describeTarget, joinTargets } from '../../src/operations/effects';
import type { Operation } from '../../src/model';

const unresolvedColumn = (column: string, callee = 'qi.removeColumn') =>
  describeTarget({ table: null, column } as Operation['target'], { callee, op: 'removeColumn', target: { table: null, column } } as unknown as Operation);

describe('joinTargets', () => {
  test.each([
    { name: 'one target as it is', texts: ['`users`'], max: Infinity, want: '`users`' },
    { name: 'each target once, in order', texts: ['`a`', '`b`', '`a`'], max: Infinity, want: '`a`, `b`' },
    { name: 'past max, how many more', texts: ['`a`', '`b`', '`c`', '`d`', '`e`'], max: 3, want: '`a`, `b`, `c` and 2 more' },
    {
      name: 'columns of tables it cannot resolve, one call: named together, in the plural',
      texts: [unresolvedColumn('x'), unresolvedColumn('y')],
      max: Infinity,
      want: 'columns `x`, `y` of tables migralint cannot resolve (`qi.removeColumn` gets a computed name)',
    },
    {
      name: 'one such column stays as describeTarget writes it; another call is its own entry',
      texts: [unresolvedColumn('x'), unresolvedColumn('y', 'other.removeColumn'), '`t.z`'],
      max: Infinity,
      want: 'column `x` of a table migralint cannot resolve (`qi.removeColumn` gets a computed name), column `y` of a table migralint cannot resolve (`other.removeColumn` gets a computed name), `t.z`',
    },
  ])('$name', ({ texts, max, want }) => {
    expect(joinTargets(texts, max)).toBe(want);
  });
});

describe('describeTarget of a step whose table and column are both computed', () => {
  const op = (kind: string, target: Operation['target']) => ({ callee: 'queryInterface.' + kind, op: kind, target }) as unknown as Operation;
  test.each([
    {
      name: 'removeColumn whose column is written as an expression: the column, not "a table"',
      target: { table: null, column: null, columnExpression: 'table.columns[i]' },
      kind: 'removeColumn',
      want: 'the column `table.columns[i]` of a table migralint cannot resolve (`queryInterface.removeColumn` gets a computed name)',
    },
    { name: 'removeColumn with no expression: a column', target: { table: null, column: null }, kind: 'removeColumn', want: 'a column of a table migralint cannot resolve (`queryInterface.removeColumn` gets a computed name)' },
    { name: 'dropTable: a table', target: { table: null, column: null }, kind: 'dropTable', want: 'a table migralint cannot resolve (`queryInterface.dropTable` gets a computed name)' },
  ])('$name', ({ target, kind, want }) => {
    expect(describeTarget(target as Operation['target'], op(kind, target as Operation['target']))).toBe(want);
  });
});
