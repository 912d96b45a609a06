import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/extract';
import { validateConfigObject } from '../../src/config-file';

describe('README ## Configuration', () => {
  it('every JSON example validates', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## Configuration\n');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(() => validateConfigObject(JSON.parse(example), 'README.md')).not.toThrow();
  });
});
