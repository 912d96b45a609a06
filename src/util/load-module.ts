/**
 * One of migralint's own modules, loaded when it is first needed (a command, a reporter, the analysis).
 *
 * In the build (CommonJS) by `require`: an `import()` there starts Node's ESM loader and runs its CommonJS
 * lexer over the module, about 15 ms of CPU that a warm `report --cache` run (~0.2 s in all) would pay for
 * nothing. Under vitest the modules are the TypeScript sources, which its `require` cannot find
 * (MODULE_NOT_FOUND): `import()` then. Both thunks name the same module, relative to the caller's file.
 */
export async function loadModule<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  try {
    return viaRequire();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'MODULE_NOT_FOUND') throw error;
    return viaImport();
  }
}
