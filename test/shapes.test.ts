import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../src/sql/pg-parser';
import { REPO, extractFile, normalizeExpected, project, type ProjectedOp } from './helpers/extract';

const SHAPES = path.join(REPO, 'fixtures', 'shapes');
const cases = readdirSync(SHAPES)
  .filter((f) => /\.(c|m)?(j|t)s$/.test(f))
  .sort()
  .map((file) => {
    const expectedFile = path.join(SHAPES, file.replace(/\.(c|m)?(j|t)s$/, '.expected.json'));
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
      description: string;
      status: string;
      up: (Partial<ProjectedOp> & { op: string })[];
      down: (Partial<ProjectedOp> & { op: string })[];
    };
    return { file, expected };
  });

beforeAll(async () => {
  await loadSqlParser();
});

describe('every shape in fixtures/shapes extracts to exactly its expected operations', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)('$file', ({ file, expected }) => {
    const result = extractFile(path.join(SHAPES, file));
    expect(result.status, expected.description).toBe(expected.status);
    for (const phase of ['up', 'down'] as const) {
      const want = expected[phase].map(normalizeExpected);
      const got = result[phase].map((op, i) => project(op, want[i]));
      expect(got, `${phase} of ${file}: ${expected.description}`).toEqual(want);
    }
  });
});
