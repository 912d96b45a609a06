import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/extract';

const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Rule {
  name: string;
  from: { path?: string[] | string; pathNot?: string[] };
  to: { path?: string[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const forbidden = (require(CONFIG) as { forbidden: Rule[] }).forbidden;

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs the repository's dependency-cruiser config over a tree of files; returns `rule: from -> to` lines. */
function cruise(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-layers-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'Node16', moduleResolution: 'Node16', strict: true } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', 'rules', '--config', CONFIG, '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const violations = (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  return violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('.dependency-cruiser.cjs', () => {
  it('rejects upward imports, cycles through types, imports of an entry point and unassigned folders; allows downward imports', () => {
    const violations = cruise({
      // Core importing a reader's type, which imports the core back: upward, and a cycle.
      'src/model.ts': "import type { ScriptRisk } from './scripts/analyze-scripts';\nexport interface ProjectModel { scripts: ScriptRisk[] }\n",
      'src/scripts/analyze-scripts.ts': "import type { ProjectModel } from '../model';\nexport interface ScriptRisk { project?: ProjectModel }\n",
      // A reader importing the analysis layer.
      'src/scripts/node-script.ts': "import { destructiveEffect } from '../rules/operations';\nexport const f = destructiveEffect;\n",
      'src/rules/operations.ts': "import type { ProjectModel } from '../model';\nexport const destructiveEffect = (p: ProjectModel) => p;\n",
      // The analysis importing an app module.
      'src/project.ts': "import { ignoreMatcher } from './config-file/ignores';\nexport const m = ignoreMatcher;\n",
      'src/config-file/ignores.ts': 'export const ignoreMatcher = 1;\n',
      // An app library importing the CLI, which imports it.
      'src/config-file/merge.ts': "import { CliUsageError } from '../cli/io';\nexport const e = CliUsageError;\n",
      'src/cli/io.ts': "import { ignoreMatcher } from '../config-file/ignores';\nimport { m } from '../project';\nexport class CliUsageError extends Error {}\nexport const both = [ignoreMatcher, m];\n",
      // A reporter importing an app module.
      'src/reporters/json.ts': "import { CliUsageError } from '../cli/io';\nimport { destructiveEffect } from '../rules/operations';\nexport const r = [CliUsageError, destructiveEffect];\n",
      // A folder no layer names.
      'src/workspace/files.ts': "import type { ProjectModel } from '../model';\nexport type W = ProjectModel;\n",
      // A rule importing readers and core: allowed.
      'rules/require-down.ts': "import type { ProjectModel } from '../src/model';\nimport { f } from '../src/scripts/node-script';\nexport const rule = [f] as unknown as ProjectModel;\n",
    });
    expect(violations).toEqual([
      'app-libraries-below-entry-points: src/config-file/merge.ts -> src/cli/io.ts',
      'layer-analysis: src/project.ts -> src/config-file/ignores.ts',
      'layer-core: src/model.ts -> src/scripts/analyze-scripts.ts',
      'layer-readers: src/scripts/node-script.ts -> src/rules/operations.ts',
      'layer-reporters: src/reporters/json.ts -> src/cli/io.ts',
      'layer-unassigned: src/workspace/files.ts -> src/model.ts',
      // A cycle is reported once, at the first import of the chain.
      'no-circular: src/model.ts -> src/scripts/analyze-scripts.ts',
    ]);
  });

  it('has the layer map README documents', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const documented = new Map<string, string[]>();
    for (const m of readme.matchAll(/^\| \d\. (\w+) \| (.+) \|$/gm)) {
      documented.set(m[1]!, [...m[2]!.matchAll(/`((?:src|rules|bin)\/[^`]*)`/g)].map((c) => c[1]!).sort());
    }
    const asPath = (pattern: string) => pattern.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.');
    const configured = new Map<string, string[]>();
    for (const rule of forbidden.filter((r) => /^layer-(?!unassigned)/.test(r.name))) {
      configured.set(rule.name.slice('layer-'.length), (rule.from.path as string[]).map(asPath).sort());
    }
    const everything = forbidden.find((r) => r.name === 'layer-unassigned')!.from.pathNot!.map(asPath);
    const belowApps = new Set([...configured.values()].flat());
    configured.set('apps', everything.filter((p) => !belowApps.has(p)).sort());
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(configured));
  });
});
