import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../helpers/extract';

const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

describe('action.yml (GitHub Action)', () => {
  const action = parse(read('action.yml')) as {
    name: string;
    description: string;
    inputs: Record<string, { description: string; required?: boolean; default?: string }>;
    outputs: Record<string, { description: string; value: string }>;
    runs: { using: string; steps: ActionStep[] };
  };

  it('has the required keys and the documented inputs with their defaults', () => {
    expect(action.name).toBe('migralint');
    expect(action.description).toMatch(/Sequelize/);
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['changed-since', 'comment', 'config', 'fail-on', 'format', 'path', 'token']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.required ?? false, name).toBe(false);
    }
    expect(action.inputs.path!.default).toBe('.');
    expect(action.inputs['fail-on']!.default).toBe('error');
    expect(action.inputs.comment!.default).toBe('false');
    expect(action.inputs.config!.default).toBe('false');
    expect(action.inputs.token!.default).toBe('${{ github.token }}');
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.report.outputs.exit-code }}');
  });

  it('runs the report with annotations and a job summary, comments on pull requests only, then gates', () => {
    const steps = action.runs.steps;
    // Composite run steps must name their shell.
    for (const s of steps) if (s.run !== undefined) expect(s.shell, s.name).toBe('bash');
    const report = steps.find((s) => s.id === 'report')!;
    expect(report.run).toContain('bin/migralint.js" "${args[@]}"');
    expect(report.run).toContain('--format github --format "markdown=$report"');
    expect(report.run).toContain('--changed-since "$INPUT_CHANGED_SINCE"');
    const comment = steps.find((s) => s.run?.includes('args=(comment "$INPUT_PATH")'))!;
    expect(comment.run).toContain('--changed-since "$INPUT_CHANGED_SINCE"');
    expect(comment.if).toBe("inputs.comment == 'true' && (github.event_name == 'pull_request' || github.event_name == 'pull_request_target')");
    expect(comment.env!.GITHUB_TOKEN).toBe('${{ inputs.token }}');
    // The project's configuration (a JS one runs code, with the token around) only when the workflow opts in.
    for (const s of [report, comment]) {
      expect(s.env!.INPUT_CONFIG, s.name).toBe('${{ inputs.config }}');
      expect(s.run, s.name).toContain('if [ "$INPUT_CONFIG" != "true" ]; then args+=(--no-config); fi');
    }
    expect(steps.indexOf(comment)).toBeGreaterThan(steps.indexOf(report));
    expect(steps.at(-1)!.run).toContain('exit "${CODE:-2}"');
    // Inputs reach scripts through env only: no ${{ }} expansion inside a script (injection).
    for (const s of steps) expect(s.run ?? '', s.name).not.toContain('${{');
  });
});

describe('action.yml report step, run in bash as the runner does', () => {
  const action = parse(read('action.yml')) as { runs: { steps: ActionStep[] } };
  const report = action.runs.steps.find((s) => s.id === 'report')!;

  /** The step in bash with the runner's variables (files in `tmp`) and `inputs` (INPUT_*); its outputs, parsed. */
  function runReportStep(tmp: string, inputs: Record<string, string>, cwd = REPO) {
    const outputs = path.join(tmp, 'outputs');
    const r = spawnSync('bash', ['-e', '-c', report.run!], {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        MIGRALINT_HOME: REPO,
        INPUT_CHANGED_SINCE: '',
        INPUT_FAIL_ON: 'error',
        INPUT_FORMAT: '',
        ...inputs,
        RUNNER_TEMP: tmp,
        GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
        GITHUB_OUTPUT: outputs,
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = Object.fromEntries(readFileSync(outputs, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string]));
    return { stdout: r.stdout, out };
  }

  it('appends the safety report to the job summary once, and writes the report output', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-action-'));
    try {
      const { stdout, out } = runReportStep(tmp, { INPUT_PATH: 'fixtures/lms-backend' });
      const text = readFileSync(path.join(tmp, 'summary.md'), 'utf8');
      expect(text.match(/^# Migration safety report: lms-backend$/gm)).toHaveLength(1);
      expect(out['exit-code']).toBe('1');
      expect(readFileSync(out.report!, 'utf8')).toMatch(/^# Migration safety report: lms-backend$/m);
      // Annotations go to the log.
      expect(stdout).toMatch(/^::error /m);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('never runs the checked-out migralint.config.js unless the workflow sets config: true', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'migralint-action-'));
    try {
      const project = path.join(tmp, 'project');
      mkdirSync(path.join(project, 'migrations'), { recursive: true });
      mkdirSync(path.join(project, '.git'));
      const marker = path.join(tmp, 'config-ran');
      writeFileSync(path.join(project, 'migralint.config.js'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = {};\n`);
      writeFileSync(path.join(project, 'migrations', '20240101000000-create.js'), `module.exports = { up: async (qi, S) => { await qi.createTable('t', { id: S.INTEGER }); }, down: async (qi) => { await qi.dropTable('t'); } };\n`);
      for (const config of [{ INPUT_CONFIG: 'false' }, {}]) {
        expect(runReportStep(tmp, { INPUT_PATH: project, ...config }, tmp).out['exit-code']).toBe('0');
        expect(existsSync(marker)).toBe(false);
      }
      expect(runReportStep(tmp, { INPUT_PATH: project, INPUT_CONFIG: 'true' }, tmp).out['exit-code']).toBe('0');
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('.pre-commit-hooks.yaml (pre-commit framework)', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as {
    id: string;
    name: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames: boolean;
  }[];

  it('declares the migralint hook', () => {
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    // The commit's migrations only: a finding in a file the commit does not touch never blocks it.
    expect(hook).toMatchObject({ id: 'migralint', language: 'node', pass_filenames: true });
    expect(hook.name).toMatch(/migralint/);
    expect(hook.entry.split(' ').slice(0, 2)).toEqual(['migralint', 'report']);
    // The entry's binary is the package's bin.
    expect(JSON.parse(read('package.json')).bin.migralint).toBe('bin/migralint.js');
  });

  it('triggers on migration files wherever the project lives, and on nothing else', () => {
    const files = new RegExp(hooks[0]!.files);
    for (const p of [
      'migrations/001-create-users.js',
      'packages/api/migrations/20240101000000-add-index.ts',
      'db/migrations/002.cjs',
      'src/db/migrate/003.mjs',
      'server/migration/004.mts',
      '.sequelizerc',
      'packages/api/.sequelizerc',
    ]) {
      expect(files.test(p), p).toBe(true);
    }
    for (const p of ['src/index.ts', 'migrations/README.md', 'models/user.js', 'scripts/migrations.js', 'my-migrations/001.js']) {
      expect(files.test(p), p).toBe(false);
    }
  });
});
