import { describe, expect, it } from 'vitest';
import { lineAt } from '../../src/util/text';

describe('lineAt', () => {
  const text = 'one\ntwo\r\nthree\n';
  it.each([
    [0, 1],
    [3, 1], // the newline itself belongs to its line
    [4, 2],
    [8, 2], // `\r` of a CRLF
    [10, 3],
    [14, 3],
    [15, 4], // past the last newline
    [99, 4], // past the end: the last line
    [-1, 1],
  ])('offset %i is on line %i', (offset, line) => {
    expect(lineAt(text, offset)).toBe(line);
    // The same count as the text before the offset, split on newlines.
    if (offset >= 0 && offset <= text.length) expect(lineAt(text, offset)).toBe(text.slice(0, offset).split('\n').length);
  });
  it('counts from 1 in an empty text', () => expect(lineAt('', 0)).toBe(1));
});
