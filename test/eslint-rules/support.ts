import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../src/eslint';
import { resetProjectIndexes } from '../../src/eslint/project-index';

/**
 * Throwaway projects on disk for the ESLint adapter, which finds a linted
 * file's project by walking up to a folder with a `package.json` (or a
 * `.sequelizerc`) and reads the sibling migrations, models and database
 * config from there. Each project is its own folder, so the adapter's
 * per-folder caches never mix two tests' files.
 */
const created: string[] = [];

function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'migralint-eslint-')));
  created.push(dir);
  return dir;
}

/**
 * A project with a `package.json`, a `migrations/` folder and `files`
 * (POSIX paths relative to the root). Returns the absolute root.
 */
export function tempProject(files: Record<string, string> = {}): string {
  const root = tempDir();
  mkdirSync(path.join(root, 'migrations'));
  const all: Record<string, string> = { 'package.json': '{ "name": "app", "private": true }\n', ...files };
  for (const [rel, text] of Object.entries(all)) {
    const abs = path.join(root, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** A folder no project claims (no `package.json` or `.sequelizerc` above it in the temp dir). */
export function looseFolder(): string {
  return tempDir();
}

/** Closes the adapter's folder watchers and deletes every temp project. */
export function removeTempProjects(): void {
  resetProjectIndexes();
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * ESLint's messages for one migralint rule over `code`, linted as the file
 * `file` (relative to `root`) the way an editor lints a buffer. Throws when
 * ESLint did not run the rule (no matching config, a parse error).
 */
export function eslintMessages(root: string, ruleId: string, file: string, code: string, options?: Record<string, unknown>, { reportInfo = true }: { reportInfo?: boolean } = {}): Linter.LintMessage[] {
  // Files outside the Linter's cwd match no configuration: root it at the project.
  const linter = new Linter({ configType: 'flat', cwd: root });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**'],
        plugins: { migralint: plugin as never },
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        languageOptions: { parser: require('@typescript-eslint/parser'), ecmaVersion: 'latest', sourceType: 'module' },
        rules: { [`migralint/${ruleId}`]: options ? ['error', options] : 'error' },
        // The CLI's info findings too: these tests compare with what the rule finds, whatever its severity.
        ...(reportInfo ? { settings: { migralint: { reportInfo: true } } } : {}),
      },
    ],
    path.join(root, file),
  );
  const broken = messages.find((m) => m.fatal || m.ruleId === null);
  if (broken) throw new Error(`ESLint did not run migralint/${ruleId}: ${broken.message}`);
  return messages;
}
