import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model';
import { UsageError } from '../../src/discovery';
import { applyBaseline, baselineKey, createBaseline, parseBaseline, readBaseline, serializeBaseline, targetText } from '../../src/gate/baseline';

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function finding(over: Partial<Finding>): Finding {
  return { rule: 'no-destructive-down', severity: 'error', file: 'migrations/031.js', line: 21, column: 11, message: 'm', messageId: 'dropColumn', ...over };
}

const drop = (column: string, line: number) => finding({ target: { table: 'users', column }, line, data: { table: 'users', column } });

describe('baselineKey', () => {
  it('uses the target, never the location', () => {
    expect(baselineKey(drop('bio', 21))).toEqual({ rule: 'no-destructive-down', file: 'migrations/031.js', messageId: 'dropColumn', target: 'users.bio' });
    expect(baselineKey(drop('bio', 99))).toEqual(baselineKey(drop('bio', 21)));
  });

  it('falls back on the message parameters, with file:line references stripped', () => {
    const a = finding({ rule: 'no-insecure-db-config', file: 'config/database.js', messageId: 'x', data: { env: 'test', why: 'see scripts/db.js:12 and line 4' } });
    const b = { ...a, line: 40, data: { why: 'see scripts/db.js:30 and line 17', env: 'test' } };
    expect(baselineKey(a).detail).toBe('env=test; why=see scripts/db.js and line ?');
    expect(baselineKey(b)).toEqual(baselineKey(a));
    expect(baselineKey(finding({ messageId: undefined, data: undefined, rule: 'parse-error' }))).toEqual({ rule: 'parse-error', file: 'migrations/031.js' });
  });

  it('describes targets readably', () => {
    expect(targetText({ table: 'users', column: null })).toBe('users');
    expect(targetText({ table: 'users', column: 'bio', schema: 'app' })).toBe('app.users.bio');
    expect(targetText({ table: 'users', column: null, name: 'users_email_idx' })).toBe('users (users_email_idx)');
    expect(targetText({ table: null, column: null, name: 'mood' })).toBe('mood');
    expect(targetText({ table: 'users', column: 'name', newName: 'full_name' })).toBe('users.name -> full_name');
    expect(targetText({ table: null, column: null })).toBeNull();
  });
});

describe('createBaseline / serializeBaseline', () => {
  it('is deterministic: sorted, counted, one entry per line, whatever the input order', () => {
    const findings = [drop('phone', 22), drop('bio', 21), drop('bio', 30), finding({ rule: 'require-down', file: 'migrations/001.js', messageId: 'missing' })];
    const a = serializeBaseline(createBaseline(findings));
    const b = serializeBaseline(createBaseline([...findings].reverse()));
    expect(a).toBe(b);
    expect(a).toBe(`{
  "version": 1,
  "description": "Findings accepted by \`migralint baseline\`: \`migralint report\` hides them and reports only new ones. Regenerate to shrink it.",
  "entries": [
    {"rule":"require-down","file":"migrations/001.js","count":1,"messageId":"missing"},
    {"rule":"no-destructive-down","file":"migrations/031.js","count":2,"messageId":"dropColumn","target":"users.bio"},
    {"rule":"no-destructive-down","file":"migrations/031.js","count":1,"messageId":"dropColumn","target":"users.phone"}
  ]
}
`);
    expect(parseBaseline(a, 'x')).toEqual(createBaseline(findings));
    expect(serializeBaseline(createBaseline([]))).toContain('"entries": []');
  });
});

describe('applyBaseline', () => {
  const baseline = createBaseline([drop('bio', 21), drop('phone', 22)]);

  it('hides baselined findings wherever they moved', () => {
    const r = applyBaseline([drop('bio', 40), drop('phone', 41)], baseline);
    expect(r).toEqual({ fresh: [], hidden: 2, gone: 0 });
  });

  it('reports findings beyond the counts, and counts what is gone', () => {
    const r = applyBaseline([drop('bio', 21), drop('bio', 25), drop('location', 23)], baseline);
    expect(r.fresh.map((f) => [f.target?.column, f.line])).toEqual([
      ['bio', 25],
      ['location', 23],
    ]);
    expect(r.hidden).toBe(1);
    expect(r.gone).toBe(1);
  });

  it('does not match another file, rule or message', () => {
    const moved = [drop('bio', 21)].map((f) => ({ ...f, file: 'migrations/032.js' }));
    expect(applyBaseline(moved, baseline).fresh).toHaveLength(1);
    expect(applyBaseline([{ ...drop('bio', 21), messageId: 'dropTable' }], baseline).fresh).toHaveLength(1);
    expect(applyBaseline([{ ...drop('bio', 21), rule: 'no-destructive-up' }], baseline).fresh).toHaveLength(1);
  });
});

describe('readBaseline', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-baseline-'));
  tmpDirs.push(dir);
  const write = (text: string) => {
    const f = path.join(dir, `b${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, text);
    return f;
  };

  it('reads what it wrote; a count defaults to 1', () => {
    const f = write('{"version":1,"entries":[{"rule":"r","file":"f"}]}');
    expect(readBaseline(f)).toEqual({ version: 1, entries: [{ rule: 'r', file: 'f', count: 1 }] });
  });

  it('rejects missing and malformed files with a usage error that says how to fix it', () => {
    const cases: [string, RegExp][] = [
      ['{', /not valid JSON.*migralint baseline/],
      ['[]', /expected an object/],
      ['{"version":2,"entries":[]}', /unsupported version 2/],
      ['{"version":1}', /"entries" is not an array/],
      ['{"version":1,"entries":[{"rule":1,"file":"f"}]}', /entry 1 needs/],
      ['{"version":1,"entries":[{"rule":"r","file":"f","count":0}]}', /entry 1 has a bad "count"/],
      ['{"version":1,"entries":[null]}', /entry 1 needs/],
    ];
    for (const [text, message] of cases) {
      const f = write(text);
      expect(() => readBaseline(f, 'b.json')).toThrow(UsageError);
      expect(() => readBaseline(f, 'b.json')).toThrow(message);
    }
    expect(() => readBaseline(path.join(dir, 'missing.json'), 'missing.json')).toThrow(/baseline file not found: missing\.json \(create it with `migralint baseline`\)/);
  });
});
