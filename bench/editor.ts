/**
 * The editor path: what linting one migration costs through the ESLint
 * plugin when it sits in a folder of 1,000 migrations, compared with the same
 * file alone in its folder, once the project index is built (the first lint
 * of a session reads every sibling; the ones after it must not).
 *
 * Target (issue 5): at most 2 ms more per lint than the file alone.
 *
 *   npm run build && node dist/bench/editor.js [--files 1000] [--lints 200]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { generateMigrations, writeProject } from './generate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('../src/eslint') as { configs: { recommended: Linter.Config } };

interface Measured {
  firstMs: number;
  medianMs: number;
  meanMs: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Lints one file `lints` times; the first lint is reported apart (it builds the index). */
function measure(root: string, file: string, source: string, lints: number): Measured & { findings: number } {
  // Flat config `files` globs are relative to the Linter's cwd: the project root.
  const linter = new Linter({ configType: 'flat', cwd: root });
  const config = [plugin.configs.recommended];
  let findings = 0;
  const ms = (): number => {
    const t0 = process.hrtime.bigint();
    const messages = linter.verify(source, config, { filename: file });
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    findings = messages.length;
    if (messages.some((m) => m.fatal)) throw new Error(`parse failure in ${file}: ${messages[0]!.message}`);
    return elapsed;
  };
  const firstMs = ms();
  const times: number[] = [];
  for (let i = 0; i < lints; i++) times.push(ms());
  return { firstMs, medianMs: median(times), meanMs: times.reduce((a, b) => a + b, 0) / times.length, findings };
}

function main(): void {
  const count = arg('files', 1000);
  const lints = arg('lints', 200);
  const files = generateMigrations(count);
  const probe = files[Math.floor(count / 2)]!;

  const big = mkdtempSync(path.join(os.tmpdir(), 'migralint-editor-big-'));
  const alone = mkdtempSync(path.join(os.tmpdir(), 'migralint-editor-alone-'));
  try {
    writeProject(big, files);
    writeProject(alone, [probe]);
    for (const dir of [big, alone]) writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-project", "private": true }\n');
    // Warm the JIT and the SQL parser on the file alone first.
    measure(alone, path.join(alone, 'migrations', probe.name), probe.source, 20);
    const a = measure(alone, path.join(alone, 'migrations', probe.name), probe.source, lints);
    const b = measure(big, path.join(big, 'migrations', probe.name), probe.source, lints);
    // A sanity check that the bench measures real work: a file with a known finding.
    const dangerous = `module.exports = { async up() {}, async down(qi) { await qi.dropTable('users'); } };\n`;
    const check = new Linter({ configType: 'flat', cwd: big }).verify(dangerous, [plugin.configs.recommended], { filename: path.join(big, 'migrations', '99999999999999-check.js') });
    if (!check.some((m) => m.ruleId === 'migralint/no-destructive-down')) throw new Error('the plugin did not run: check the config files globs');
    const extra = b.medianMs - a.medianMs;
    const rows = [
      ['case', 'first lint (ms)', 'median (ms)', 'mean (ms)'],
      ['file alone in its folder', a.firstMs.toFixed(2), a.medianMs.toFixed(2), a.meanMs.toFixed(2)],
      [`same file in a folder of ${count}`, b.firstMs.toFixed(2), b.medianMs.toFixed(2), b.meanMs.toFixed(2)],
    ];
    console.log(`Editor path: ESLint ${Linter.version}, recommended config, ${lints} lints after the first (the probe file has ${b.findings} findings in the folder, ${a.findings} alone)`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(`\nSame file again: extra cost per lint in a folder of ${count}: ${extra.toFixed(2)} ms (median; target <= 2 ms) -> ${extra <= 2 ? 'OK' : 'OVER TARGET'}`);

    // Different files one after the other, as ESLint walks a folder or an editor switches tabs:
    // cross-file results cannot be reused between them.
    const sample = files.filter((_, i) => i % Math.max(1, Math.floor(count / 100)) === 0).slice(0, 100);
    const inFolder: number[] = [];
    const single: number[] = [];
    const folderLinter = new Linter({ configType: 'flat', cwd: big });
    for (const f of sample) {
      const t0 = process.hrtime.bigint();
      folderLinter.verify(f.source, [plugin.configs.recommended], { filename: path.join(big, 'migrations', f.name) });
      inFolder.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    for (const f of sample) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'migralint-editor-one-'));
      writeProject(dir, [f]);
      writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-project", "private": true }\n');
      const l = new Linter({ configType: 'flat', cwd: dir });
      l.verify(f.source, [plugin.configs.recommended], { filename: path.join(dir, 'migrations', f.name) }); // builds its own index
      const t0 = process.hrtime.bigint();
      l.verify(`${f.source}\n`, [plugin.configs.recommended], { filename: path.join(dir, 'migrations', f.name) });
      single.push(Number(process.hrtime.bigint() - t0) / 1e6);
      rmSync(dir, { recursive: true, force: true });
    }
    const extraDistinct = median(inFolder) - median(single);
    console.log(`Different files (${sample.length}): median ${median(inFolder).toFixed(2)} ms each in the folder of ${count}, ${median(single).toFixed(2)} ms alone: extra ${extraDistinct.toFixed(2)} ms (target <= 2 ms) -> ${extraDistinct <= 2 ? 'OK' : 'OVER TARGET'}`);
  } finally {
    rmSync(big, { recursive: true, force: true });
    rmSync(alone, { recursive: true, force: true });
  }
}

main();
