/**
 * The Markdown report never contradicts itself, on every fixture, as analyzed
 * and with a baseline that hides every finding (what `report --baseline`
 * does on a project whose findings were all accepted): a verdict that says
 * "no finding" has no hidden findings behind it, the configuration's
 * all-clear line agrees with its table, and the Data Safety Verdict rows agree
 * with the data-loss section above them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/project';
import { markdownReporter } from '../../src/reporters/markdown';
import { REPO } from '../helpers/extract';

const FIXTURES = readdirSync(path.join(REPO, 'fixtures'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const tool = { name: 'migralint', version: '0.0.0-test' };

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = md.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

function checkConsistent(md: string, hidden: number): void {
  const summary = section(md, '## Executive summary');
  if (hidden > 0) {
    expect(summary).not.toMatch(/No finding:/);
    expect(summary).toContain(`**Hidden by the baseline** \`.migralint-baseline.json\`: ${hidden} finding`);
  } else {
    expect(summary).not.toContain('Hidden by the baseline');
  }
  // The configuration's all-clear claims only what its table shows.
  const config = section(md, '## Database configuration');
  if (config.includes('✅ No credential in the file; production connects with verified SSL and without SQL logging.')) {
    const rows = config.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.join('\n')).not.toContain('⚠️');
    const production = rows.filter((r) => r.startsWith('| `production`'));
    expect(production.length).toBeGreaterThan(0);
    for (const r of production) {
      expect(r).toContain('| on, verified |');
      expect(r).toMatch(/\| off \|/);
    }
  }
  // The Data Safety Verdict agrees with "What can lose data".
  const losses = section(md, '### ⚠️ What can lose data');
  const verdict = section(md, '## Data Safety Verdict');
  const rowOf = (scenario: RegExp) => verdict.split('\n').find((l) => scenario.test(l)) ?? '';
  const rollbackLoss = /\*\*On rollback \(`down`\):\*\*\n {2}- /.test(losses);
  const migrateLoss = /\*\*On migrate \(`up`\):\*\*\n {2}- /.test(losses) || /\*\*On migrate \(`up`\):\*\* (?!nothing destroyed)/.test(losses);
  if (rowOf(/^\| Undo all /).includes('None: no `down` drops')) expect(rollbackLoss).toBe(false);
  if (rowOf(/^\| Run pending migrations /).includes('None: no `up` drops')) expect(migrateLoss).toBe(false);
  if (losses.trim().startsWith('Nothing found')) {
    expect(rowOf(/^\| Undo all /)).not.toContain('❌');
    expect(rowOf(/^\| Run pending migrations /)).not.toContain('❌');
  }
}

describe('the Markdown report agrees with itself', () => {
  it.each(FIXTURES)('%s', async (name) => {
    const root = path.join(REPO, 'fixtures', name);
    let result;
    try {
      result = await analyzeProject(root, {});
    } catch {
      return; // a fixture that cannot be analyzed (usage error) has no report
    }
    const md = markdownReporter.render({ project: result.project, findings: result.findings, tool });
    checkConsistent(md, 0);
    if (result.findings.length > 0) {
      const hiddenMd = markdownReporter.render({
        project: result.project,
        findings: [],
        tool,
        baselined: { file: '.migralint-baseline.json', findings: result.findings },
      });
      checkConsistent(hiddenMd, result.findings.length);
    }
  });
});

describe('the configuration table', () => {
  it('shows `password: null` as no password, and a literal one as in the file', async () => {
    const result = await analyzeProject(path.join(REPO, 'fixtures', 'config-json'), {});
    const md = markdownReporter.render({ project: result.project, findings: result.findings, tool });
    const rows = section(md, '## Database configuration').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.find((r) => r.startsWith('| `development`'))).toMatch(/\| none \|$/);
    expect(rows.find((r) => r.startsWith('| `test`'))).toMatch(/\| ⚠️ in the file \|$/);
  });
});
