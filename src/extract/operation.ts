import type { Operation } from '../model';

/** The facts every operation must state; the rest defaults to "plain, unguarded, awaited, resolved". */
export type OperationInit = Pick<Operation, 'phase' | 'op' | 'target' | 'loc' | 'callee'> & Partial<Operation>;

/** Builds an Operation with explicit defaults for every flag, so no producer forgets one. */
export function makeOperation(init: OperationInit): Operation {
  return {
    guarded: false,
    guard: null,
    inTransaction: false,
    inTransactionCallback: false,
    conditional: false,
    inLoop: false,
    floating: false,
    unresolved: false,
    options: {},
    ...init,
  };
}
