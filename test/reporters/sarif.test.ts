/**
 * The SARIF reporter.
 *
 * Schema: the SARIF 2.1.0 JSON schema that ships with the SARIF Multitool
 * on npm (`@microsoft/sarif-multitool-linux/sarif-2.1.0.json`, from
 * Microsoft's sarif-sdk, the reference implementation of the standard),
 * checked with Ajv. The Multitool binary itself (test/integration/sarif-multitool.test.ts) runs its SARIF and
 * GitHub ingestion rules (`validate --rule-kind "Sarif;Gh"`) over the same
 * logs: it catches what a schema cannot (URI forms, region sanity, what
 * GitHub code scanning requires). It runs offline.
 *
 * Goldens: test/golden/<fixture>.sarif (see ci-support.ts to regenerate).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry';
import { ENGINE_RULES } from '../../src/project';
import { createSarifReporter, FINGERPRINT_KEY, pascalCase, sarifLog, sarifReporter, SARIF_SCHEMA_URI, SRCROOT, uriOf } from '../../src/reporters/sarif';
import { FORMATS, getReporter } from '../../src/reporters/registry';
import { REPO } from '../helpers/extract';
import { cleanup, describeGoldens, finding, FIXTURES, fixtureDir, inputFor, inputWith, migration, projectWith, renderFixture, tmp, TOOL } from './ci-support';

afterAll(cleanup);

// ---------------------------------------------------------------- SARIF shapes used by the assertions

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string; enabled?: boolean };
  properties: { tags: string[]; precision: string };
}
interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion?: string; informationUri: string; rules: SarifRule[] } };
  originalUriBaseIds: Record<string, unknown>;
  results: SarifResult[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: SarifRun[];
}

const parse = (text: string) => JSON.parse(text) as SarifLog;
const runOf = (...args: Parameters<typeof sarifLog>) => (sarifLog(...args) as unknown as SarifLog).runs[0]!;

// ---------------------------------------------------------------- schema

const SCHEMA_FILE = 'sarif-2.1.0.json';
const MULTITOOL_PACKAGE = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform}`;

function multitoolDir(): string {
  return path.dirname(require.resolve(`${MULTITOOL_PACKAGE}/package.json`, { paths: [REPO] }));
}

let validateSchema: ((doc: unknown) => boolean) & { errors?: unknown };
beforeAll(() => {
  const schema = JSON.parse(readFileSync(path.join(multitoolDir(), SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
  // The schema says draft 2020-12 and keeps draft-04 style `required` lists
  // that name properties it does not declare; strictRequired would refuse that.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  validateSchema = ajv.compile(schema);
});

function expectSchemaValid(doc: unknown): void {
  const ok = validateSchema(doc);
  expect(validateSchema.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(ok).toBe(true);
}

describeGoldens('SARIF', sarifReporter, 'sarif');

describe('SARIF: registered', () => {
  it('as `sarif`, after the default markdown', async () => {
    expect(FORMATS[0]).toBe('markdown');
    expect(FORMATS).toContain('sarif');
    expect((await getReporter('sarif', { color: false })).name).toBe('sarif');
  });
});

describe('SARIF: valid against the SARIF 2.1.0 JSON schema', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}`, async () => {
      expectSchemaValid(parse(await renderFixture(sarifReporter, fixture)));
    });
  }

  it('an empty project, odd file names, findings without an end, unknown rules', () => {
    expectSchemaValid(sarifLog(inputWith([])));
    const log = sarifLog(
      inputWith([
        finding({ file: 'migrations/001 add #1, 100%?.js', endLine: 4, endColumn: 2 }),
        finding({ file: 'migrations/ünïcødé:colon.js', rule: 'parse-error', messageId: undefined, target: undefined }),
        finding({ file: 'models/User.js', rule: 'some-plugin-rule', severity: 'info', line: 1, column: 1 }),
      ]),
    );
    expectSchemaValid(log);
  });

  it('the schema catches a broken log (the check is not vacuous)', () => {
    const log = parse(JSON.stringify(sarifLog(inputWith([finding({})]))));
    (log.runs[0]!.results[0] as unknown as Record<string, unknown>).level = 'fatal';
    delete (log.runs[0]!.tool.driver as unknown as Record<string, unknown>).name;
    expect(validateSchema(log)).toBe(false);
  });
});

describe('SARIF: content', () => {
  let log: SarifLog;
  let run: SarifRun;
  beforeAll(async () => {
    log = parse(await renderFixture(sarifReporter, 'lms-backend'));
    run = log.runs[0]!;
  });

  it('names the schema and the version, in one run', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'migralint', version: TOOL.version, semanticVersion: TOOL.version, informationUri: 'https://github.com/migralint/migralint' });
    expect(Object.keys(run.originalUriBaseIds)).toEqual([SRCROOT]);
  });

  it('describes every rule of the registry, then the engine findings, from the rule metadata', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id), ...Object.values(ENGINE_RULES)]);
    for (const rule of RULES) {
      const d = rules.find((r) => r.id === rule.id)!;
      expect(d.name).toBe(pascalCase(rule.id));
      expect(d.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(d.shortDescription.text).toBe(`${rule.meta.docs.description}.`);
      expect(d.fullDescription.text.startsWith(rule.meta.docs.description)).toBe(true);
      expect(d.help!.text).toContain(rule.meta.docs.help);
      expect(d.help!.markdown).toContain(`](${rule.meta.docs.url})`);
      expect(d.helpUri).toBe(rule.meta.docs.url);
      expect(d.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.meta.defaultSeverity]);
      expect(d.defaultConfiguration.enabled).toBe(rule.meta.docs.recommended ? undefined : false);
      expect(d.properties.tags).toEqual([rule.meta.docs.risk, 'migration']);
      expect(['very-high', 'high', 'medium', 'low']).toContain(d.properties.precision);
    }
    const parseError = rules.find((r) => r.id === 'parse-error')!;
    expect(parseError).toMatchObject({ name: 'ParseError', defaultConfiguration: { level: 'error' }, properties: { tags: ['failure', 'migration'] } });
    expect(parseError.helpUri).toBeUndefined();
  });

  it('one result per finding, its rule by id and index, at the right place', async () => {
    const input = await inputFor(fixtureDir('lms-backend'), 'fixtures/lms-backend');
    expect(run.results).toHaveLength(input.findings.length);
    run.results.forEach((r, i) => {
      const f = input.findings[i]!;
      expect(r.ruleId).toBe(f.rule);
      expect(run.tool.driver.rules[r.ruleIndex!]!.id).toBe(f.rule);
      expect(r.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(r.message.text).toBe(f.message);
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: `fixtures/lms-backend/${f.file}`, uriBaseId: SRCROOT });
      expect(loc.region.startLine).toBe(f.line);
      expect(loc.region.startColumn).toBe(f.column);
      if (f.endLine !== undefined && f.endColumn !== undefined) expect([loc.region.endLine, loc.region.endColumn]).toEqual([f.endLine, f.endColumn]);
      expect(r.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(new Set(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(run.results.length);
  });

  it('a rule id outside the registry (a newer engine finding, a plugin) gets its own descriptor after the built-in ones', () => {
    const run = runOf(
      inputWith([
        finding({ rule: 'zz-plugin-rule', severity: 'info', docsUrl: 'https://example.test/zz.md' }),
        finding({ rule: 'unused-suppression', severity: 'warning', line: 4, docsUrl: 'https://example.test/unused.md' }),
        finding({ rule: 'zz-plugin-rule', severity: 'warning', line: 5 }),
      ]),
    );
    const ids = run.tool.driver.rules.map((r) => r.id);
    const builtIn = RULES.length + Object.values(ENGINE_RULES).length;
    expect(ids.slice(builtIn)).toEqual(['unused-suppression', 'zz-plugin-rule']);
    expect(run.tool.driver.rules[builtIn + 1]).toMatchObject({ name: 'ZzPluginRule', helpUri: 'https://example.test/zz.md', defaultConfiguration: { level: 'note' }, properties: { tags: ['migration'] } });
    expect(run.results.map((r) => ids[r.ruleIndex!])).toEqual(['zz-plugin-rule', 'unused-suppression', 'zz-plugin-rule']);
  });

  it('a region without an end has none; an end before the start is dropped', () => {
    const regions = runOf(
      inputWith([finding({ endLine: undefined, endColumn: undefined }), finding({ line: 5, endLine: 4, endColumn: 1 }), finding({ line: 5, column: 3, endLine: 7, endColumn: undefined })]),
    ).results.map((r) => r.locations[0]!.physicalLocation.region);
    expect(regions).toEqual([
      { startLine: 3, startColumn: 5 },
      { startLine: 5, startColumn: 5 },
      { startLine: 5, startColumn: 3, endLine: 7 },
    ]);
  });

  it('percent-encodes paths into URI references', () => {
    expect(uriOf('migrations/001 add #1, 100%?.js')).toBe('migrations/001%20add%20%231%2C%20100%25%3F.js');
    expect(uriOf('a:b/c.js')).toBe('a%3Ab/c.js');
    expect(uriOf('migrations/ü.js')).toBe('migrations/%C3%BC.js');
  });
});

describe('SARIF: paths relative to the repository root', () => {
  const uri = (root: string, options = {}) => runOf(inputWith([finding({})], root), options).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;

  it('prefixes the project root as given when it is relative', () => {
    expect(uri('.')).toBe('migrations/001-a.js');
    expect(uri('./')).toBe('migrations/001-a.js');
    expect(uri('backend')).toBe('backend/migrations/001-a.js');
    expect(uri('./services/api/')).toBe('services/api/migrations/001-a.js');
    expect(uri('services\\api')).toBe('services/api/migrations/001-a.js');
  });

  it('leaves an absolute root out (it would be machine-specific), unless the CLI says where the project is', async () => {
    expect(uri('/home/ci/work/repo/backend')).toBe('migrations/001-a.js');
    expect(uri('C:\\work\\backend')).toBe('migrations/001-a.js');
    expect(uri('/home/ci/work/repo/backend', { pathPrefix: 'backend' })).toBe('backend/migrations/001-a.js');
    expect(uri('backend', { pathPrefix: '' })).toBe('migrations/001-a.js');
    expect((await getReporter('sarif', { color: false, pathPrefix: 'db/' })).render(inputWith([finding({})], '/abs'))).toContain('"uri": "db/migrations/001-a.js"');
  });
});

describe('SARIF: fingerprints follow a finding, not its line', () => {
  const up = [
    "    await queryInterface.addColumn('users', 'bio', Sequelize.TEXT);",
    "    await queryInterface.addColumn('users', 'phone', Sequelize.STRING);",
  ].join('\n');
  const down = ["    await queryInterface.removeColumn('users', 'bio');", "    await queryInterface.removeColumn('users', 'phone');"].join('\n');

  async function results(source: string): Promise<SarifResult[]> {
    const root = projectWith({ '001-add-profile.js': source });
    return parse(sarifReporter.render(await inputFor(root, 'app'))).runs[0]!.results;
  }
  const key = (r: SarifResult) => `${r.ruleId} ${r.message.text}`;

  it('adding lines above every finding moves them and keeps every fingerprint', async () => {
    const before = await results(migration(up, down));
    const after = await results(`// a comment\n\n/* and a\n   block */\n'use strict';\n${migration(`    // note\n${up}`, down)}`);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(after.map(key)).toEqual(before.map(key));
    after.forEach((r, i) => {
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(before[i]!.locations[0]!.physicalLocation.region.startLine);
      expect(r.partialFingerprints).toEqual(before[i]!.partialFingerprints);
    });
  });

  it('another target, file or rule gives another fingerprint; same identity twice in a file stays apart', () => {
    const print = (fs: Parameters<typeof finding>[0][]) => runOf(inputWith(fs.map(finding))).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    const [base] = print([{}]);
    expect(print([{ line: 40, column: 1, message: 'other words' }])[0]).toBe(base);
    expect(print([{ target: { table: 'users', column: 'phone' } }])[0]).not.toBe(base);
    expect(print([{ file: 'migrations/002-b.js' }])[0]).not.toBe(base);
    expect(print([{ rule: 'no-destructive-up' }])[0]).not.toBe(base);
    expect(print([{ messageId: 'dropTable' }])[0]).not.toBe(base);
    const twice = print([{}, { line: 9 }]);
    expect(twice[0]).toBe(base);
    expect(twice[1]).not.toBe(base);
  });
});
