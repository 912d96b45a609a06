/**
 * Measures what discovery says of a `.sequelizerc` pointing at compiled output (`dist/database/migrations`) read
 * from its source (`src/database/migrations`): `tsc` compiles the files its tsconfig includes, and without `allowJs`
 * a `.js` file beside the `.ts` ones is not one of them, so it never reaches `dist/` and the runner never sees it;
 * with `allowJs: true` it is (src/discovery.ts, `tscCopiesJs`).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function emitted(compilerOptions: Record<string, unknown>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'migralint-tsc-'));
  const migrations = path.join(dir, 'src', 'database', 'migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(path.join(migrations, '01-create.ts'), 'export const up = async () => {};\n');
  writeFileSync(path.join(migrations, '02-legacy.js'), 'module.exports = { up: async () => {} };\n');
  const config = ts.parseJsonConfigFileContent({ compilerOptions: { outDir: './dist', ...compilerOptions } }, ts.sys, dir);
  const program = ts.createProgram(config.fileNames, config.options);
  const written: string[] = [];
  program.emit(undefined, (file) => written.push(path.relative(dir, file).split(path.sep).join('/')));
  return written.sort();
}

describe('tsc and the .js files beside the .ts migrations', () => {
  it('without allowJs: only the .ts file is compiled into dist', () => {
    expect(emitted({})).toEqual(['dist/01-create.js']);
  });

  it('with allowJs: the .js file is copied into dist too', () => {
    expect(emitted({ allowJs: true })).toEqual(['dist/01-create.js', 'dist/02-legacy.js']);
  });
});
