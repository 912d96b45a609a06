/**
 * The JSON report written in pieces (src/reporters/json-stream.ts): joined, the pieces are byte for byte the
 * report as one `JSON.stringify(document, null, 2)`, on hand-made documents and on every fixture; and the CLI
 * writes the same bytes to stdout and to a file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batched, streamJson, StreamedArray } from '../../src/reporters/json-stream';
import { jsonReportChunks, jsonReportDocument, jsonReporter } from '../../src/reporters/json';
import { REPO } from '../helpers/extract';
import { runCli } from '../helpers/cli';
import { cleanup, inputFor, tmp } from './ci-support';

afterAll(cleanup);

/** The document with every StreamedArray made into a plain array: what one `JSON.stringify` would write. */
function materialized(value: unknown): unknown {
  if (value instanceof StreamedArray) return value.items.map((item) => materialized(value.toJson(item)));
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialized(v)]));
}

const oneString = (value: unknown) => JSON.stringify(materialized(value), null, 2);

describe('streamJson', () => {
  const cases: [string, unknown][] = [
    ['a plain value', { a: 1, b: [1, { c: 'x' }], d: null }],
    ['a string', 'line 1\nline 2 “quoted” — é'],
    ['undefined at the top', undefined],
    ['an empty object', {}],
    ['an empty streamed array', { a: new StreamedArray([], (x) => x), b: 1 }],
    ['a streamed array only', new StreamedArray([1, 2, 3], (x) => ({ n: x, s: `${x}\n` }))],
    ['streamed arrays among other keys', { first: 'a', items: new StreamedArray(['x', 'y'], (s) => ({ s, nested: { deep: [s, s] } })), empty: [], last: { z: 1 } }],
    ['keys without a JSON form', { a: undefined, items: new StreamedArray([1], (x) => x), f: () => 1, b: undefined }],
    ['items without a JSON form', { items: new StreamedArray([1, 2], (x) => (x === 1 ? undefined : () => x)) }],
    ['a streamed array inside a nested object', { outer: { inner: new StreamedArray(['a'], (s) => [s, { t: s }]), k: 2 }, after: true }],
    ['objects with toJSON and non-plain prototypes', { d: new Date(0), items: new StreamedArray([new Map([[1, 2]])], (m) => m), o: { toJSON: () => 'j' } }],
    ['unicode and escapes in keys', { 'clé\n"': new StreamedArray(['\u2028', '\ud83d\ude00'], (s) => ({ [s]: s })) }],
  ];
  it.each(cases)('%s: the pieces joined are JSON.stringify(..., null, 2)', (_name, value) => {
    const pieces = [...streamJson(value)];
    expect(pieces.join('')).toBe(oneString(value) ?? '');
  });

  it('writes one piece per item of a streamed array, making each item only when it is reached', () => {
    const made: number[] = [];
    const pieces = streamJson({ items: new StreamedArray([1, 2, 3], (x) => (made.push(x), x)) });
    expect(pieces.next().value).toBe('{\n  "items": ');
    expect(made).toEqual([]);
    expect(pieces.next().value).toBe('[');
    expect(pieces.next().value).toBe('\n    1');
    expect(made).toEqual([1]);
  });
});

describe('batched', () => {
  it('joins pieces into strings of at least the size asked, and loses nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => 'x'.repeat(i % 7) + String(i));
    const out = [...batched(pieces, 50)];
    expect(out.join('')).toBe(pieces.join(''));
    for (const chunk of out.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(50);
    expect([...batched([], 10)]).toEqual([]);
  });
});

/** Fixtures that are not one project at their root (models only; several migrations folders): not analyzable as they are. */
const NOT_ONE_PROJECT = new Set(['config-file-monorepo', 'models-decorators', 'models-define', 'models-init', 'suppressions']);

describe('the JSON report in pieces', () => {
  const fixtures = readdirSync(path.join(REPO, 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_ONE_PROJECT.has(d.name))
    .map((d) => d.name)
    .sort();
  it.each(fixtures)('fixtures/%s: chunks joined = render = one JSON.stringify of the document', async (fixture) => {
    const input = await inputFor(path.join(REPO, 'fixtures', fixture), `fixtures/${fixture}`);
    const oneText = `${oneString(jsonReportDocument(input))}\n`;
    expect([...jsonReportChunks(input)].join('')).toBe(oneText);
    expect(jsonReporter.render(input)).toBe(oneText);
    expect(JSON.parse(oneText).schemaVersion).toBe(1);
  });

  it('the CLI writes the same bytes to stdout and to a file', async () => {
    const lms = path.join(REPO, 'fixtures', 'lms-backend');
    const file = path.join(tmp('json'), 'report.json');
    const toStdout = await runCli(['report', lms, '--format', 'json', '--fail-on', 'never']);
    const toFile = await runCli(['report', lms, '--format', `json=${file}`, '--fail-on', 'never']);
    expect(toFile.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout);
    expect(JSON.parse(toStdout.stdout).migrations).toHaveLength(31);
  });
});
