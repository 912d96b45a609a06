import { describe, expect, it } from 'vitest';
import { lineAt } from '../../src/util/text';
import { codeOnly } from '../../src/util/module-specifiers';

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

describe('codeOnly', () => {
  it.each([
    ["// import { a } from '../models';\nconst b = require('./b');", "                                 \nconst b = require('./b');"],
    ["/* require('./x') */ require('./y');\n/*\n a\n*/", "                     require('./y');\n  \n  \n  "],
    ["const url = 'http://host/*x*/'; // note", "const url = 'http://host/*x*/';        "],
    ['const t = `a // b ${c}`; /* end', 'const t = `a // b ${c}`;       '],
    ["const s = \"it's\"; // it's", "const s = \"it's\";        "],
    ['no comments at all', 'no comments at all'],
  ])('%j', (input, expected) => {
    expect(codeOnly(input)).toBe(expected);
    expect(codeOnly(input)).toHaveLength(input.length);
  });
});
