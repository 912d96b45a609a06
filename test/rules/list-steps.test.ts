import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/model';
import { listSteps } from '../../src/rules/operations';
import { projectFromSources } from '../helpers/rules';

/** The `up` steps of one migration whose body is `body`. */
function stepsOf(body: string): Operation[] {
  const project = projectFromSources({ '20240101000000-m.js': `module.exports = {\n  async up(queryInterface) {\n${body}\n  },\n  async down() {},\n};\n` });
  return project.migrations[0]!.up;
}

describe('listSteps: the steps a message names', () => {
  it.each([
    ['one step', "    await queryInterface.addIndex('users', ['email']);", '`addIndex` on `users` at line 3'],
    ['one call run for each of three tables: counted', "    for (const t of ['a', 'b', 'c']) await queryInterface.addIndex(t, ['x']);", '`addIndex` on `a` at line 3, `addIndex` on `b` at line 3, `addIndex` on `c` at line 3'],
    ['the same step three times: counted', "    for (const i of [1, 2, 3]) await queryInterface.addIndex('users', ['email']);", '`addIndex` on `users` at line 3 (3 times)'],
  ])('%s', (_name, body, expected) => {
    expect(listSteps(stepsOf(body))).toBe(expected);
  });

  it('past a hundred repetitions of one step the count is the reader\'s paths, not runs: "repeatedly"', () => {
    const [one] = stepsOf("    await queryInterface.addIndex('users', ['email']);");
    expect(listSteps(Array.from({ length: 100 }, () => one!))).toBe('`addIndex` on `users` at line 3 (100 times)');
    expect(listSteps(Array.from({ length: 8192 }, () => one!))).toBe('`addIndex` on `users` at line 3 (repeatedly)');
  });
});
