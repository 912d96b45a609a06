/**
 * What the CI reporter tests share: rendering a fixture as the CLI would from
 * the repository root, golden files, CRLF copies and hand-made inputs.
 *
 * Golden files live in test/golden/. After an intended change, regenerate
 * them and READ the diff:
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/reporters
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import type { Finding, ProjectModel } from '../../src/model';
import type { Reporter, ReportInput } from '../../src/reporters/types';
import { REPO } from '../helpers/extract';

/** Pinned so the goldens do not change with the package version. */
export const TOOL = { name: 'migralint', version: '0.1.0' };
export const GOLDEN_DIR = path.join(REPO, 'test', 'golden');
export const FIXTURES = ['lms-backend', 'broken-project'] as const;

const tmpDirs: string[] = [];

/** A temporary directory, removed by `cleanup`. */
export function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), `migralint-ci-${prefix}-`));
  tmpDirs.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * Analyzes `absDir` and returns the report input as if the CLI had been run
 * from the repository root with `displayRoot` as the directory.
 */
export function inputFor(absDir: string, displayRoot: string, options: { fresh?: boolean } = {}): Promise<ReportInput> {
  const key = `${absDir}\0${displayRoot}`;
  let input = options.fresh ? undefined : analyzed.get(key);
  if (!input) {
    input = analyzeProject(absDir).then((result) => {
      const project = { ...result.project, project: { ...result.project.project, root: displayRoot } };
      return { project, findings: result.findings, tool: TOOL };
    });
    analyzed.set(key, input);
  }
  return input;
}

/**
 * Analyses by directory and display root, for one test file: reporters are
 * pure, so tests of one fixture share its analysis. Fresh directories (CRLF
 * copies, projects made by a test) get their own entries.
 */
const analyzed = new Map<string, Promise<ReportInput>>();

export function fixtureDir(fixture: string): string {
  return path.join(REPO, 'fixtures', fixture);
}

/** Renders a fixture of this repository as `migralint report fixtures/<name>` from the repository root. */
export async function renderFixture(reporter: Reporter, fixture: string, absDir = fixtureDir(fixture), options: { fresh?: boolean } = {}): Promise<string> {
  return reporter.render(await inputFor(absDir, `fixtures/${fixture}`, options));
}

/** Compares with test/golden/<name> (or writes it under UPDATE_GOLDEN=1). */
export function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`missing golden file ${path.relative(REPO, file)}: run with UPDATE_GOLDEN=1 and read it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const TEXT_FILE = /\.(c|m)?(j|t)sx?$|\.json$|^\.sequelizerc$/;

/** Copies a fixture with every source file (migrations, models, config, scripts) turned into CRLF. */
export function crlfCopy(fixture: string): string {
  const dest = path.join(tmp('crlf'), fixture);
  cpSync(fixtureDir(fixture), dest, { recursive: true });
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TEXT_FILE.test(name)) writeFileSync(p, readFileSync(p, 'utf8').replace(/\r\n/g, '\n').replace(/\n/g, '\r\n'));
    }
  };
  walk(dest);
  return dest;
}

/** A project in a temporary directory, with these migrations. */
export function projectWith(files: Record<string, string>): string {
  const root = path.join(tmp('proj'), 'app');
  mkdirSync(path.join(root, 'migrations'), { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(root, 'migrations', name), source);
  return root;
}

/** A migration whose `up` and `down` bodies are given. */
export const migration = (up: string, down: string) =>
  `module.exports = {\n  async up(queryInterface, Sequelize) {\n${up}\n  },\n  async down(queryInterface) {\n${down}\n  },\n};\n`;

/** A hand-made input: no migration, the given findings (sorted as the engine would). */
export function inputWith(findings: Finding[], root = '.'): ReportInput {
  const project: ProjectModel = {
    project: { root, absRoot: '/nowhere/app', framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: null, layoutSource: 'default' },
    migrations: [],
  };
  return { project, findings, tool: TOOL };
}

/** A finding with defaults for what a test does not care about. */
export function finding(partial: Partial<Finding>): Finding {
  return {
    rule: 'no-destructive-down',
    severity: 'error',
    file: 'migrations/001-a.js',
    line: 3,
    column: 5,
    message: 'Rolling back drops `users.bio` and the data in it.',
    messageId: 'dropColumn',
    target: { table: 'users', column: 'bio' },
    ...partial,
  };
}

/**
 * The tests every CI format gets: each fixture against its golden file
 * (test/golden/<fixture>.<extension>), CRLF sources giving the same bytes,
 * and two analyses of one project rendering identically.
 */
export function describeGoldens(title: string, reporter: Reporter, extension: string): void {
  describe(`${title}: golden files`, () => {
    for (const fixture of FIXTURES) {
      it(`${fixture} matches test/golden/${fixture}.${extension}`, async () => {
        golden(`${fixture}.${extension}`, await renderFixture(reporter, fixture));
      });

      it(`${fixture} with CRLF sources gives the identical output`, async () => {
        const lf = await renderFixture(reporter, fixture);
        const crlf = await renderFixture(reporter, fixture, crlfCopy(fixture));
        expect(crlf).toBe(lf);
      });
    }

    it('is deterministic and carries nothing machine-specific', async () => {
      const a = await renderFixture(reporter, 'lms-backend');
      const b = await renderFixture(reporter, 'lms-backend', fixtureDir('lms-backend'), { fresh: true });
      expect(b).toBe(a);
      expect(a).not.toContain(REPO);
      expect(a).not.toMatch(/\r/);
      expect(a).not.toMatch(/\b20\d\d-\d\d-\d\dT|\d\d:\d\d:\d\d/);
      expect(a.endsWith('\n')).toBe(true);
    });
  });
}
