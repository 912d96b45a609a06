/**
 * The SARIF Multitool (the .NET validator from npm, `@microsoft/sarif-multitool`)
 * on the SARIF of every reporter fixture and of odd inputs: it catches what the
 * JSON schema cannot (URI forms, region sanity, what GitHub code scanning
 * requires). Heavy (a .NET binary), so it runs in the integration stage; the
 * schema check stays in test/reporters/sarif.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSarifReporter, sarifReporter } from '../../src/reporters/sarif';
import { REPO } from '../helpers/extract';
import { cleanup, finding, FIXTURES, inputWith, renderFixture, tmp } from '../reporters/ci-support';

afterAll(cleanup);

const MULTITOOL_PACKAGE = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform}`;

function multitoolDir(): string {
  return path.dirname(require.resolve(`${MULTITOOL_PACKAGE}/package.json`, { paths: [REPO] }));
}

interface ValidationLog {
  runs: { results: { ruleId: string; message: { text?: string } }[] }[];
}

describe('SARIF: the SARIF Multitool finds nothing to say (SARIF and GitHub rules)', () => {
  it('validate --rule-kind "Sarif;Gh" reports no error and no warning', async () => {
    const bin = path.join(multitoolDir(), process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
    expect(existsSync(bin), `${bin} (installed with ${MULTITOOL_PACKAGE})`).toBe(true);
    accessSync(bin, constants.X_OK);
    const dir = tmp('multitool');
    const inputs: string[] = [];
    for (const fixture of FIXTURES) {
      const file = path.join(dir, `${fixture}.sarif`);
      writeFileSync(file, await renderFixture(sarifReporter, fixture));
      inputs.push(file);
    }
    const odd = path.join(dir, 'odd.sarif');
    writeFileSync(odd, createSarifReporter().render(inputWith([finding({ file: 'migrations/001 add #1.js', endLine: 9, endColumn: 1 }), finding({ line: 1, column: 1, endLine: undefined })])));
    inputs.push(odd);
    const out = path.join(dir, 'validation.sarif');
    const run = spawnSync(bin, ['validate', ...inputs, '--output', out, '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 120_000,
    });
    expect(run.error).toBeUndefined();
    const validation = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as ValidationLog;
    const problems = validation.runs[0]!.results.map((r) => `${r.ruleId}: ${r.message.text ?? JSON.stringify(r.message)}`);
    expect(problems, run.stdout).toEqual([]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});

