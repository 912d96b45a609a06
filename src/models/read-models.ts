import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type {
  AssociationType,
  ImpliedColumn,
  ModelAssociation,
  ModelAttribute,
  ModelDefinition,
  ModelFile,
  ModelStyle,
  ModelsAnalysis,
  SourceLocation,
} from '../model';
import { parseSource, toSourceLocation, type ParseResult } from '../parse';
import type { Workspace } from '../workspace';
import { toPosix } from '../discovery';
import { fileExports, moduleContext } from '../extract/extract-migration';
import { traverse } from '../traverse';
import { codeOnly, SPECIFIER, specifierTarget, withoutExtension } from '../util/module-specifiers';
import { exportPath, exportsOf } from '../extract/syntax';
import { Interpreter, type InterpreterOptions, type LoadedModule } from '../extract/interpreter';
import { UNDEF, UNKNOWN, fromJson, toJson, truthiness, type KeyOrigin, type ModuleContext, type Value } from '../extract/values';
import { camelize, defaultTableName, singularize, underscoredIf } from './naming';
import { escapeRegExp } from '../util/text';
import { declaredSequelizeMajor, rootPackageJson } from '../runner/package-json';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A file of the models folder, given in memory (tests, doc examples) or read from disk. */
export interface ModelSource {
  /** Project-relative POSIX path. */
  file: string;
  source: string;
  /** Absolute path; defaults to `file` (only used to pick the parser dialect). */
  absPath?: string;
  /** The parsed `source` when already known (the workspace's tree); parsed here otherwise. */
  parsed?: ParseResult;
}

/**
 * A TypeScript `compilerOptions.paths` entry: `@server/*` -> `server/*`
 * (project-relative targets, `*` at most once).
 */
export interface PathAlias {
  pattern: string;
  targets: string[];
}

/** Reads a project-relative file outside the given sources (a base class imported from another folder); null when absent. */
export type ReadSource = (file: string) => ModelSource | null;

export interface ReadModelsOptions {
  /**
   * The Sequelize config file (project-relative), whose `define` block (per
   * environment, `production` first) every model inherits when the loader
   * passes the config to `new Sequelize`.
   */
  configFile?: string | null;
}

const MODEL_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'];
const IGNORED = ['**/node_modules/**', '**/*.d.ts', '**/*.d.cts', '**/*.d.mts', '**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/__mocks__/**'];
/** The association methods of a model (`hasMany`, ...): one list for the reader and for src/rules/model-use.ts. */
export const ASSOCIATION_METHODS: ReadonlySet<string> = new Set<AssociationType>(['belongsTo', 'hasOne', 'hasMany', 'belongsToMany']);
/** The key of an anonymous `export default class extends Model {}` among a file's classes. */
const DEFAULT_CLASS = '#default';
/** Modules whose `Model` export is the root of every model class. */
const SEQUELIZE_MODULES = new Set(['sequelize', 'sequelize-typescript', '@sequelize/core']);
/** Base classes followed at most this deep (a cycle stops earlier). */
const MAX_BASE_DEPTH = 12;
/**
 * Imports followed when a model spreads what a function of another file returns: the base class's file
 * (`...BaseModel.attributes()`) and the file its own base comes from (`...BaseModelNoId.attributes()` there).
 */
const IMPORT_LEVELS = 2;
/** Files read in each folder beside the models folder when looking for the instance that imports it. */
const MAX_NEIGHBOURS = 40;
/** Folders above the models folder whose files are read as neighbours (besides the project root). */
const MAX_ANCESTORS = 4;
/** Parameter names that hold the DataTypes namespace whatever their position. */
const NAMESPACE_PARAM = /^(DataTypes|dataTypes|DataType|Sequelize|DT|types|Types|S)$/;

/**
 * Reads the models of a project statically (the files are parsed, never
 * executed): every `sequelize.define`, `Model.init` and sequelize-typescript
 * `@Table` class of `modelsDir`, with the table, columns and implied columns
 * Sequelize would give each one.
 */
export function readModels(workspace: Workspace, modelsDir: string, options: ReadModelsOptions = {}): ModelsAnalysis {
  const absRoot = workspace.absRoot;
  const absDir = path.resolve(absRoot, modelsDir);
  const names = workspace
    .glob(`**/*.{${MODEL_EXTENSIONS.join(',')}}`, { cwd: absDir, ignore: IGNORED, dot: false, deep: 4, onlyFiles: true })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dir = toPosix(path.relative(absRoot, absDir)) || '.';
  const sources: (ModelSource | { file: string; error: string })[] = names.map((name) => {
    const file = dir === '.' ? name : `${dir}/${name}`;
    const read = workspace.readSource(path.join(absDir, name));
    return read.ok ? workspaceSource(workspace, file, path.join(absDir, name), read.text) : { file, error: `cannot read file (${read.code})` };
  });
  // The config the database config reader read (and parsed): the workspace's.
  const configText = options.configFile ? workspace.text(workspace.resolve(options.configFile)) : null;
  const config = options.configFile && configText !== null ? workspaceSource(workspace, options.configFile, workspace.resolve(options.configFile), configText) : null;
  const readable = sources.filter((s): s is ModelSource => 'source' in s);
  const readSource: ReadSource = (file) => {
    const absPath = path.resolve(absRoot, file);
    const rel = path.relative(absRoot, absPath);
    // Only files of the project: a base class imported from `../../..` outside it is not read.
    if (rel.startsWith('..') || path.isAbsolute(rel) || /(^|[\\/])node_modules([\\/]|$)/.test(rel)) return null;
    const text = workspace.text(absPath);
    return text === null ? null : workspaceSource(workspace, toPosix(rel), absPath, text);
  };
  // The files directly in the folders between the models folder and the project root (`src/db.js`, `db.js`,
  // `src/server.js` for `src/database/models`; `src/sequelize.ts` for `src/modules/account/models`), and in a
  // `database` or `db` folder beside the models folder or its parent (`src/database/index.js` for `src/app/models`),
  // read only when nothing else gives the instance's `define`.
  const neighbours = (): ModelSource[] => {
    const parent = path.posix.dirname(dir);
    const grandparent = path.posix.dirname(parent);
    const ancestors: string[] = [];
    for (let f = parent; f !== '.' && f !== '/' && ancestors.length < MAX_ANCESTORS; f = path.posix.dirname(f)) ancestors.push(f);
    const connections = [parent, grandparent].flatMap((f) => ['database', 'db'].map((d) => (f === '.' ? d : `${f}/${d}`)));
    const folders = [...new Set([...ancestors, '.', ...connections])].filter((f) => f !== dir && (f === '.' || workspace.isDir(path.resolve(absRoot, f))));
    const out: ModelSource[] = [];
    for (const folder of folders) {
      const files = workspace.glob(`*.{${MODEL_EXTENSIONS.join(',')}}`, { cwd: path.resolve(absRoot, folder), ignore: IGNORED, dot: false, deep: 1, onlyFiles: true }).sort();
      for (const name of files.slice(0, MAX_NEIGHBOURS)) {
        const found = readSource(folder === '.' ? name : `${folder}/${name}`);
        if (found) out.push(found);
      }
    }
    return out;
  };
  const analysis = readModelSources(readable, { modelsDir: dir, config, readSource, pathAliases: readPathAliases(workspace), neighbours, sequelizeMajor: declaredSequelizeMajor(workspace) });
  for (const s of sources) if ('error' in s) analysis.files.push({ file: s.file, role: 'unreadable', error: s.error });
  analysis.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return analysis;
}

/** A file read through the workspace: parsed (once, by the workspace) only when a reader needs its tree. */
function workspaceSource(workspace: Workspace, file: string, absPath: string, source: string): ModelSource {
  return {
    file,
    absPath,
    source,
    get parsed() {
      return workspace.parse(absPath) ?? undefined;
    },
  };
}

/** The tree of a model source: the workspace's, else parsed here. */
function parsedOf(src: ModelSource): ParseResult {
  return src.parsed ?? parseSource(src.source, src.absPath ?? src.file);
}

/** The same as `readModels`, over sources given in memory. */
export function readModelSources(
  sources: ModelSource[],
  options: {
    modelsDir?: string;
    config?: ModelSource | null;
    readSource?: ReadSource;
    pathAliases?: PathAlias[];
    /** Files beside the models folder (its parent's, the project root's) that may build the instance and import the models. */
    neighbours?: () => ModelSource[];
    /**
     * The major version of Sequelize the project declares (package.json), when known. Up to 4, a table name is
     * underscored by `underscoredAll`, not `underscored` (which only renames the columns it implies): measured in
     * test/semantics/sequelize-v4-naming.test.ts.
     */
    sequelizeMajor?: number | null;
  } = {},
): ModelsAnalysis {
  const raws: RawModel[] = [];
  const facts = new Map<string, FileFacts>();
  const byFile = new Map(sources.map((s) => [s.file, s] as const));
  const sourceOf = (file: string): ModelSource | null => byFile.get(file) ?? options.readSource?.(file) ?? null;
  const modelsDir = options.modelsDir ?? commonDir(sources.map((s) => s.file));
  const aliases = aliasResolver(options.pathAliases ?? [], modelsDir);
  const modules = new ImportedModules(sourceOf, aliases);
  const rawAssociations: RawAssociation[] = [];
  const files: ModelFile[] = [];
  const flatLoaders: string[] = [];
  let globalDefine: RawDefine | null = null;

  for (const src of sources) {
    const parsed = parsedOf(src);
    if (!parsed.ok) {
      files.push({ file: src.file, role: 'parse-error', error: `${parsed.message} (${parsed.line}:${parsed.column})` });
      if (!isLoaderName(src.file)) raws.push(unreadableModel(src.file, `the file does not parse: ${parsed.message}`, { line: parsed.line, column: parsed.column }));
      continue;
    }
    let found: FileModels;
    try {
      found = new ModelFileReader(src, parsed.ast, modules).read();
    } catch (error) {
      // A bug of ours must not take the other models down with it.
      const message = error instanceof Error ? error.message : String(error);
      files.push({ file: src.file, role: 'unreadable', error: `internal error while reading models: ${message}` });
      raws.push(unreadableModel(src.file, `internal error while reading the file: ${message}`, { line: 1, column: 1 }));
      continue;
    }
    facts.set(src.file, found.facts);
    if (found.flatLoader) flatLoaders.push(src.file);
    raws.push(...found.models);
    rawAssociations.push(...found.associations);
    if (found.define && !globalDefine) globalDefine = found.define;
    const role: ModelFile['role'] = found.models.length > 0 || found.looksLikeModel ? 'models' : found.loader || isLoaderName(src.file) ? 'loader' : 'other';
    files.push({ file: src.file, role });
    if (found.models.length === 0 && found.looksLikeModel) raws.push(unreadableModel(src.file, found.looksLikeModel, { line: 1, column: 1 }));
  }
  // The instance the models import (`require('../config/database')`, a `new Sequelize(..., { define })`) is the one they
  // are bound to: its `define` over the sequelize-cli config's, which only an instance built from that config reads
  // (hold-out 53: camelCase models read with the CLI config's `underscored: true`).
  // So is the instance a module builds and hands to the models it imports (`src/database/index.js`: `new
  // Sequelize(url)`, then `models.map((m) => m.init(connection))`), before the CLI config's (hold-out 59).
  if (!globalDefine && options.readSource) globalDefine = importedDefine(sources, options.readSource, modules, modelsDir, aliases);
  if (!globalDefine && options.neighbours) globalDefine = importingDefine(options.neighbours(), modules, modelsDir, aliases);
  if (!globalDefine && options.config) globalDefine = readConfigDefine(options.config);

  // A class whose static method initializes `this` from statics, which another class of the models extends: a base
  // the subclasses fill in (see `thisTemplate`), not a model whose placeholders name a table.
  const extended = new Set([...facts.values()].flatMap((f) => [...f.classes.values()].map((c) => c.superRef)).filter((r): r is string => r !== null));
  for (const raw of raws) if (raw.thisTemplate && raw.bindings.some((b) => extended.has(b))) raw.unreadable = raw.thisTemplate;

  const bases = new BaseClassResolver(facts, sourceOf, modules, aliases);
  for (const raw of raws) if (raw.classFacts) applyBaseClasses(raw, raw.classFacts, bases);
  // `Model.init(...)` / `super.init(...)` of a class whose base class has its own `static init`: see markInitOverride.
  for (const raw of raws) {
    const cls = raw.style === 'init' && !raw.classFacts && raw.bindings[0] ? facts.get(raw.file)?.classes.get(raw.bindings[0]) : undefined;
    if (cls) markInitOverride(raw, bases.chain(cls).bases);
  }

  const models = raws.map((raw) => finalizeModel(raw, globalDefine, options.sequelizeMajor ?? null));
  markNotLoaded(models, flatLoaders, sources);
  markShadowed(models, flatLoaders, sources);
  // Associations a file beside the models folder declares on the models it requires (`db.js`: `const Course =
  // require('./models/courses')(db); Course.belongsTo(Book, { foreignKey: 'book_id' })`; hold-out 40).
  const importedModels = new Map<string, Map<string, string>>();
  if (options.neighbours && modelsDir !== '.') {
    for (const src of options.neighbours()) {
      if (byFile.has(src.file) || !ASSOCIATION_CALL.test(src.source)) continue;
      const parsed = parsedOf(src);
      if (!parsed.ok) continue;
      const bindings = modelBindings(parsed.ast, src.file, modelsDir);
      if (bindings.size === 0) continue;
      let found: FileModels;
      try {
        found = new ModelFileReader(src, parsed.ast, modules).read();
      } catch {
        continue;
      }
      const own = found.associations.filter((a) => bindings.has(a.sourceBinding) && !a.sourceByName);
      if (own.length === 0) continue;
      importedModels.set(src.file, bindings);
      rawAssociations.push(...own);
    }
  }
  const uncalled = associateNeverCalled(modelsDir !== '.' && options.neighbours ? [...sources, ...options.neighbours()] : sources, modelsDir);
  // `define(name, attributes, { classMethods: { associate } })`: Sequelize 4 dropped `classMethods`, so such an
  // `associate` is never defined on the model and no loader can call it (hold-out 68).
  const ignoredClassMethods = (options.sequelizeMajor ?? 0) >= 4;
  const live = rawAssociations.filter((a) => !(a.inAssociate && uncalled.has(withoutExtension(a.file))) && !(a.inClassMethods && ignoredClassMethods));
  const associations = live.map((a) => resolveAssociation(a, raws, models, importedModels.get(a.file)));
  dropThroughPrimaryKeys(models, associations);
  injectForeignKeys(models, associations);
  const result: ModelsAnalysis = {
    modelsDir,
    globalDefine: globalDefine
      ? { options: Object.fromEntries([...globalDefine.props].map(([k, v]) => [k, toJson(v)])), file: globalDefine.file, partial: globalDefine.partial }
      : null,
    models,
    associations,
    files,
  };
  return result;
}

/**
 * The `define` options of a `new Sequelize(...)` in a module that imports the models folder (or a file of it) and
 * hands the instance to the models (`src/db.js`: `const { setup } = require('./models'); ... setup(sequelize)`), the
 * other direction from `importedDefine`. First found, in the order given, wins; null when none.
 */
function importingDefine(neighbours: readonly ModelSource[], modules: ImportedModules, modelsDir: string, aliases: (specifier: string) => string[]): RawDefine | null {
  if (modelsDir === '.') return null;
  const inModels = (target: string) => target === modelsDir || target.startsWith(`${modelsDir}/`);
  // Each neighbour's module specifiers, read once (comments left out).
  const read = new Map<ModelSource, string[]>();
  const specifiers = (src: ModelSource): string[] => {
    let found = read.get(src);
    if (!found) read.set(src, (found = [...codeOnly(src.source).matchAll(SPECIFIER)].map((m) => m[1]!)));
    return found;
  };
  // Relatively (`require('./models')`), or through a path alias (`import { initModels } from '@/models/init-models'`).
  const importsModels = (src: ModelSource) =>
    specifiers(src).some((spec) => (spec.startsWith('.') ? inModels(withoutExtension(specifierTarget(src.file, spec))) : aliases(spec).some((t) => inModels(withoutExtension(t)))));
  for (const src of neighbours) {
    if (!NEW_SEQUELIZE.test(src.source) || !importsModels(src)) continue;
    const define = defineOf(src, modules);
    if (define) return define;
  }
  const byPath = new Map(neighbours.map((n) => [withoutExtension(n.file), n]));
  const imported = (src: ModelSource): ModelSource[] =>
    specifiers(src).flatMap((spec) => {
      if (!spec.startsWith('.')) return [];
      const target = withoutExtension(specifierTarget(src.file, spec));
      const found = byPath.get(target) ?? byPath.get(`${target}/index`);
      return found ? [found] : [];
    });
  // Through other neighbours: sequelize-typescript's `new Sequelize(..., { models })` in `src/sequelize.ts`, the list
  // from `src/models.ts`, which takes it from `src/modules/account/index.ts`, which imports the model files (hold-out
  // 102: a global `freezeTableName` read nowhere, every table name pluralised).
  const reachesModels = (src: ModelSource, depth: number): boolean => importsModels(src) || (depth > 0 && imported(src).some((next) => reachesModels(next, depth - 1)));
  for (const src of neighbours) {
    if (!NEW_SEQUELIZE.test(src.source) || importsModels(src) || !imported(src).some((next) => reachesModels(next, IMPORT_LEVELS - 1))) continue;
    const define = defineOf(src, modules);
    if (define) return define;
  }
  // A module that imports the models and hands them the instance another neighbour builds (`server.js`: `initModels(
  // (await initDatabase()).primary)`, the instance made in `database/index.js`): that module's define (hold-out 84).
  for (const src of neighbours) {
    if (NEW_SEQUELIZE.test(src.source) || !importsModels(src)) continue;
    for (const spec of specifiers(src)) {
      if (!spec.startsWith('.')) continue;
      const target = withoutExtension(specifierTarget(src.file, spec));
      const builder = byPath.get(target) ?? byPath.get(`${target}/index`);
      if (!builder || !NEW_SEQUELIZE.test(builder.source) || importsModels(builder)) continue;
      const define = defineOf(builder, modules);
      if (define) return define;
    }
  }
  return null;
}

/** The `define` of the `new Sequelize(...)` a module builds; null when it builds none with a readable one, or cannot be read. */
function defineOf(src: ModelSource, modules: ImportedModules): RawDefine | null {
  const parsed = parsedOf(src);
  if (!parsed.ok) return null;
  try {
    return new ModelFileReader(src, parsed.ast, modules).read().define;
  } catch {
    // A module we cannot read says nothing of the define.
    return null;
  }
}

/** A string literal, a template literal, or a `process.env` variable: an argument that cannot be an options object. */
function isStringArgument(arg: TSESTree.CallExpressionArgument): boolean {
  if (arg.type === 'Literal') return typeof arg.value === 'string';
  if (arg.type === 'TemplateLiteral') return true;
  return arg.type === 'MemberExpression' && arg.object.type === 'MemberExpression' && arg.object.object.type === 'Identifier' && arg.object.object.name === 'process' && arg.object.property.type === 'Identifier' && arg.object.property.name === 'env';
}

const NEW_SEQUELIZE = /\bnew\s+Sequelize\s*\(/;

/**
 * The `define` options of the `new Sequelize(...)` that the models folder imports from outside itself (the models'
 * `db.js` requires `../../common/db`, which builds the instance): followed `IMPORT_LEVELS` deep from the model
 * files, first found wins. Null when no module so reached builds one with a readable `define`.
 */
function importedDefine(sources: readonly ModelSource[], sourceOf: ReadSource, modules: ImportedModules, modelsDir: string, aliases: (specifier: string) => string[]): RawDefine | null {
  const inside = (file: string) => modelsDir === '.' || file === modelsDir || file.startsWith(`${modelsDir}/`);
  const seen = new Set(sources.map((s) => s.file));
  let level: readonly ModelSource[] = sources;
  for (let depth = 0; depth < IMPORT_LEVELS && level.length > 0; depth++) {
    const next: ModelSource[] = [];
    for (const src of level) {
      // Relative imports, and those a tsconfig path alias resolves (`@/config/database.js`: hold-out 66).
      const bases = [...src.source.matchAll(SPECIFIER)].flatMap((m) =>
        m[1]!.startsWith('.') ? [path.posix.normalize(path.posix.join(path.posix.dirname(src.file), m[1]!))] : aliases(m[1]!).map((t) => path.posix.normalize(t)),
      );
      for (const base of bases) {
        // The first candidate that exists is the module (`x.js/index.js` is never looked for beside a file `x.js`).
        for (const file of importCandidates(base)) {
          if (seen.has(file) || inside(file)) break;
          const found = sourceOf(file);
          if (!found) continue;
          seen.add(file);
          next.push(found);
          break;
        }
      }
    }
    for (const src of next) {
      if (!NEW_SEQUELIZE.test(src.source)) continue;
      const define = defineOf(src, modules);
      if (define) return define;
    }
    level = next;
  }
  return null;
}

/** Every column a model maps: its non-virtual attributes and the columns Sequelize adds. */
export function mappedColumns(model: ModelDefinition): Set<string> {
  const out = new Set<string>();
  for (const a of model.attributes) if (!a.virtual) out.add(a.column);
  for (const c of model.impliedColumns) out.add(c.column);
  return out;
}

// -----------------------------------------------------------------------------
// Raw facts read from one file, before global options and associations apply

/** Statically known option values: `Value`s from the evaluator, by key. */
interface OptionBag {
  props: Map<string, Value>;
  /** Keys may be missing from `props` because a spread could not be read. */
  partial: boolean;
  /** Where each option is written. */
  locs: Map<string, SourceLocation>;
  /** The file each option is written in, when not the model's own (a base class). */
  files?: Map<string, string>;
  /** What set an option, when not the options object: "`@DeletedAt` of `ParanoidModel`". */
  origins?: Map<string, string>;
}

interface RawAttribute {
  name: string;
  def: Value;
  loc: SourceLocation;
  /** Set when declared in a base class of another file. */
  file?: string;
  /** The base class that declares it. */
  inheritedFrom?: string;
  /** Decorator facts (sequelize-typescript) that override `def`. */
  decorated?: { primaryKey?: boolean; allowNull?: boolean; hasDefault?: boolean; inferredType?: string | null };
}

interface RawModel {
  style: ModelStyle;
  file: string;
  loc: SourceLocation;
  /** Model name (the `define` argument, the class name, then `modelName`); null when not static. */
  name: string | null;
  nameReason?: string;
  attributes: RawAttribute[];
  attributesComplete: boolean;
  attributesReason?: string;
  options: OptionBag;
  bindings: string[];
  /** Set for files that look like models but could not be read. */
  unreadable?: string;
  /**
   * `super.init(this.Schema, { tableName: this.tableName })` in a static method: what each subclass running it declares.
   * When another class extends this one, it is a base, not a model (the reason, made `unreadable` then).
   */
  thisTemplate?: string;
  /** sequelize-typescript: what the class itself declares, before its base classes are applied. */
  classFacts?: ClassFacts;
  /** Attributes the file takes off the model (`User.removeAttribute('id')`): Sequelize then neither selects nor adds them. */
  removedAttributes?: string[];
  /** The file syncs the model as it loads (`User.sync()` at its top level): where, and whether with `alter` or `force`. */
  syncsItself?: { line: number; alters: boolean };
}

/** What a class declares through sequelize-typescript decorators, and what it extends. */
interface ClassFacts {
  name: string | null;
  file: string;
  /** The superclass as written when a name (`ParanoidModel`, `Sequelize.Model`); null when there is none. */
  superRef: string | null;
  /** The class has an `extends` clause that is not a (dotted) name. */
  superOpaque: boolean;
  /** `@Table(...)` options, null without `@Table`. */
  table: OptionBag | null;
  /** Options the member decorators set (`@CreatedAt`, `@UpdatedAt`, `@DeletedAt`), which `@Table` overrides. */
  memberOptions: OptionBag;
  /** `@Column` members, properties and get/set accessors. */
  attributes: RawAttribute[];
  /** The class declares its own `static init(...)`: what it passes on to Sequelize's is not read here. */
  overridesInit?: true;
}

/** The classes, imports and exports of one file: what base-class resolution needs. */
interface FileFacts {
  file: string;
  classes: Map<string, ClassFacts>;
  /** Local name -> module specifier and the imported name (`default`, a name, `*`). */
  imports: Map<string, { source: string; imported: string }>;
  /** Exported name (`default` too) -> local name. */
  exports: Map<string, string>;
  /** `export { X as Y } from './x'`. */
  reexports: { source: string; imported: string; exported: string }[];
  /** `export * from './x'`. */
  starExports: string[];
}

interface RawAssociation {
  type: AssociationType;
  /** Binding in the file that holds the source model. */
  sourceBinding: string;
  /** The source is read from a registry (`models.Accounts.hasMany(...)`, `db.User`): `sourceBinding` is its model name or class name. */
  sourceByName?: true;
  file: string;
  /** Model name, class name or binding of the target. */
  target: string | null;
  options: Value;
  /** sequelize-typescript: association decorators without an explicit foreign key infer it from @ForeignKey. */
  decorator: boolean;
  /** belongsToMany: the model given as `through`. */
  through: string | null;
  /**
   * belongsToMany: `through` given as a string (`through: 'class_of_teacher'`). Sequelize uses the model of that name
   * when one is defined (`sequelize.isDefined`), else it defines a bare join model on the table of that name.
   */
  throughString?: string;
  /** Declared in the model's `associate` (`static associate(models) { this.hasOne(...) }`): only a loader's call makes it. */
  inAssociate?: true;
  /** Declared in the `classMethods` option of `define`, which Sequelize 4 and later ignore. */
  inClassMethods?: true;
  loc: SourceLocation;
}

interface RawDefine {
  props: Map<string, Value>;
  partial: boolean;
  file: string;
  /** The `new Sequelize(...)` options were read, whole, and hold no `define`: the instance has none (not the config's). */
  none?: true;
}

interface FileModels {
  models: RawModel[];
  associations: RawAssociation[];
  define: RawDefine | null;
  loader: boolean;
  /** Why a file without a readable model still looks like one (for an unresolved entry), else null. */
  looksLikeModel: string | null;
  facts: FileFacts;
  /** The file lists its own folder with `readdirSync(__dirname)` and nothing that descends into subfolders. */
  flatLoader: boolean;
}

function unreadableModel(file: string, reason: string, at: { line: number; column: number }): RawModel {
  return {
    style: 'define',
    file,
    loc: { line: at.line, column: at.column, endLine: at.line, endColumn: at.column },
    name: null,
    attributes: [],
    attributesComplete: false,
    options: { props: new Map(), partial: true, locs: new Map() },
    bindings: [],
    unreadable: reason,
  };
}

/**
 * Reads one parsed file: finds the model definitions syntactically, then
 * evaluates their arguments with the migration interpreter in a scope where
 * the enclosing function's parameters are bound the way the sequelize-cli
 * loader calls them: `(sequelize, DataTypes)`.
 */
class ModelFileReader {
  private readonly ctx: ModuleContext;
  private readonly models: RawModel[] = [];
  private readonly associations: RawAssociation[] = [];
  /** `Model.sync()` calls at the file's top level, by the binding they are made on. */
  private readonly syncs: { binding: string; line: number; alters: boolean }[] = [];
  /** `Model.removeAttribute('id')` calls, by the binding they are made on. */
  private readonly removed: { binding: string; name: string }[] = [];
  /** Each `new Sequelize(...)` of the file, with its `define` (empty when it sets none). */
  private readonly sequelizeDefines: RawDefine[] = [];
  private loader = false;
  private readonly readdirCalls: TSESTree.CallExpression[] = [];
  /** Classes declared in the file that extend something, by name. */
  private readonly classes = new Map<string, ClassNode>();
  /** Calls to examine once the classes are known. */
  private readonly calls: { node: TSESTree.CallExpression; ancestors: Node[] }[] = [];
  /** Classes that extend something or carry decorators: models and possible base classes. */
  private readonly decoratedOrDerived: { node: ClassNode; ancestors: Node[] }[] = [];

  constructor(
    private readonly src: ModelSource,
    private readonly ast: TSESTree.Program,
    /** The files the interpreter may follow from this one, and where each key of an evaluated object is written. */
    private readonly modules: ImportedModules,
  ) {
    this.ctx = moduleContext(src.absPath ?? src.file, src.file, src.source, ast);
    modules.register(this.ctx, src.file, ast);
  }

  read(): FileModels {
    this.collect();
    const facts = this.moduleFacts();
    for (const { node, ancestors } of this.decoratedOrDerived) {
      const isTable = node.decorators.some((d) => decoratorName(d) === 'Table');
      const cls = this.readClass(node, ancestors, isTable);
      const key = cls.name ?? (ancestors.at(-1)?.type === 'ExportDefaultDeclaration' ? DEFAULT_CLASS : null);
      if (key !== null && !facts.classes.has(key)) facts.classes.set(key, cls);
      // An abstract @Table class is a base for others, never registered as a model itself.
      if (isTable && !node.abstract) this.readDecoratedClass(node, ancestors, cls);
    }
    for (const { node, ancestors } of this.calls) this.readCall(node, ancestors);
    for (const { binding, name } of this.removed) {
      for (const model of this.models) if (model.bindings.includes(binding)) model.removedAttributes = [...(model.removedAttributes ?? []), name];
    }
    for (const { binding, line, alters } of this.syncs) {
      for (const model of this.models) if (model.bindings.includes(binding)) model.syncsItself = { line, alters: alters || model.syncsItself?.alters === true };
    }
    return {
      models: this.models,
      associations: this.associations,
      define: this.fileDefine(),
      loader: this.loader,
      looksLikeModel: this.models.length === 0 ? this.looksLikeModel(facts) : null,
      facts,
      flatLoader: this.isFlatLoader(),
    };
  }

  /** Only what base-class resolution needs: a file imported by a model, outside the models folder. */
  readFacts(): FileFacts {
    this.collect();
    const facts = this.moduleFacts();
    for (const { node, ancestors } of this.decoratedOrDerived) {
      const cls = this.readClass(node, ancestors, false);
      const key = cls.name ?? (ancestors.at(-1)?.type === 'ExportDefaultDeclaration' ? DEFAULT_CLASS : null);
      if (key !== null && !facts.classes.has(key)) facts.classes.set(key, cls);
    }
    return facts;
  }

  /** Top-level imports and exports (ES modules, and the plain CommonJS forms). */
  private moduleFacts(): FileFacts {
    const facts: FileFacts = { file: this.src.file, classes: new Map(), imports: new Map(), exports: new Map(), reexports: [], starExports: [] };
    const nameOf = (n: TSESTree.Identifier | TSESTree.StringLiteral): string => (n.type === 'Identifier' ? n.name : n.value);
    for (const stmt of this.ast.body) {
      if (stmt.type === 'ImportDeclaration') {
        for (const spec of stmt.specifiers) {
          const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : nameOf(spec.imported);
          facts.imports.set(spec.local.name, { source: stmt.source.value, imported });
        }
      } else if (stmt.type === 'VariableDeclaration') {
        // `const Base = require('./base')`, `const { Base } = require('./base')`
        for (const d of stmt.declarations) {
          const source = requiredModule(d.init);
          if (source === null) continue;
          if (d.id.type === 'Identifier') facts.imports.set(d.id.name, { source, imported: 'default' });
          else for (const { name, key } of simplePattern(d.id)) facts.imports.set(name, { source, imported: key ?? 'default' });
        }
      }
      for (const e of exportsOf(stmt)) {
        switch (e.kind) {
          case 'default': {
            const d = e.declaration;
            if (d.type === 'ClassDeclaration' || d.type === 'ClassExpression') facts.exports.set('default', d.id?.name ?? DEFAULT_CLASS);
            else if (d.type === 'Identifier') facts.exports.set('default', d.name);
            break;
          }
          case 'reexport':
            facts.reexports.push({ source: e.source, imported: e.imported, exported: e.exported });
            break;
          case 'declared':
            if (e.declaration.type === 'ClassDeclaration') facts.exports.set(e.name, e.name);
            break;
          case 'variable':
            if (e.declarator.id.type === 'Identifier') facts.exports.set(e.declarator.id.name, e.declarator.id.name);
            break;
          case 'specifier':
            facts.exports.set(e.exported, e.local);
            break;
          case 'star':
            if (e.exported === null) facts.starExports.push(e.source);
            break;
          case 'assigned': {
            // `module.exports = Base`, `module.exports.Base = Base`, `exports.Base = Base`
            const right = e.assignment.right;
            if (right.type !== 'Identifier') break;
            if (e.path.length === 0) facts.exports.set('default', right.name);
            else if (e.path.length === 1) facts.exports.set(e.path[0]!, right.name);
            break;
          }
          default:
            break;
        }
      }
    }
    return facts;
  }

  /** Collects the calls, `new Sequelize` and classes of the file, each with its ancestors. */
  private collect(): void {
    const ancestors: Node[] = [];
    traverse(this.ast, {
      enter: (node) => {
        switch (node.type) {
          case 'CallExpression':
            this.calls.push({ node, ancestors: [...ancestors] });
            break;
          case 'NewExpression':
            this.readNewSequelize(node, ancestors);
            break;
          case 'ClassDeclaration':
          case 'ClassExpression': {
            const name = className(node, ancestors);
            if (name && node.superClass) this.classes.set(name, node);
            if (node.superClass || node.decorators.length > 0) this.decoratedOrDerived.push({ node, ancestors: [...ancestors] });
            break;
          }
          default:
            break;
        }
        ancestors.push(node);
      },
      leave: () => {
        ancestors.pop();
      },
    });
  }

  // ---------------------------------------------------------------------------
  // Calls: define, init, associations

  private readCall(node: TSESTree.CallExpression, ancestors: Node[]): void {
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
    const method = callee.property.name;
    if (method === 'readdirSync') {
      this.loader = true;
      this.readdirCalls.push(node);
    }
    if (method === 'define') this.readDefine(node, callee, ancestors);
    else if (method === 'init') this.readInit(node, callee, ancestors);
    else if (ASSOCIATION_METHODS.has(method as AssociationType)) this.readAssociation(node, callee, method as AssociationType, ancestors);
    else if (method === 'sync' && callee.object.type === 'Identifier' && runsAsModelLoads(ancestors)) {
      // `User.sync()` as the model's file loads: whoever loads the model creates its table (and, with `alter` or
      // `force`, its columns).
      const [arg] = node.arguments;
      const opts = arg && arg.type !== 'SpreadElement' ? this.evaluator(ancestors)(arg) : null;
      // An option migralint cannot read may be on.
      const on = (key: string) => opts !== null && (opts.k !== 'obj' || (opts.props.get(key) !== undefined && truthiness(opts.props.get(key)!) !== false));
      this.syncs.push({ binding: callee.object.name, line: node.loc.start.line, alters: on('alter') || on('force') });
    }
    else if (method === 'removeAttribute') {
      const [arg] = node.arguments;
      // `User.removeAttribute('id')`, or `this.removeAttribute('id')` in a static method of the model's class.
      const cls = callee.object.type === 'ThisExpression' ? [...ancestors].reverse().find((a): a is ClassNode => a.type === 'ClassDeclaration' || a.type === 'ClassExpression') : undefined;
      const binding = callee.object.type === 'Identifier' ? callee.object.name : cls ? className(cls, ancestors.slice(0, ancestors.indexOf(cls))) : null;
      if (binding && arg?.type === 'Literal' && typeof arg.value === 'string') this.removed.push({ binding, name: arg.value });
    }
  }

  /** `sequelize.define('User', attributes, options)`. */
  private readDefine(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, ancestors: Node[]): void {
    const [nameArg, attrsArg, optionsArg] = node.arguments;
    if (!nameArg || !attrsArg || nameArg.type === 'SpreadElement' || attrsArg.type === 'SpreadElement') return;
    const receiver = this.text(callee.object);
    // `customElements.define('x-tag', class ...)` and the like are not models.
    if (attrsArg.type !== 'ObjectExpression' && attrsArg.type !== 'Identifier' && !/sequelize|db|orm/i.test(receiver)) return;
    if (attrsArg.type === 'ClassExpression' || attrsArg.type === 'ArrowFunctionExpression' || attrsArg.type === 'FunctionExpression') return;
    const evaluate = this.evaluator(ancestors);
    const nameValue = evaluate(nameArg);
    const name = nameValue.k === 'str' ? nameValue.v : null;
    const model = this.baseModel('define', node, name, bindingOf(ancestors));
    if (name === null) model.nameReason = `the model name \`${this.text(nameArg)}\` is not a constant`;
    this.readAttributes(model, attrsArg, evaluate);
    model.options = this.readOptions(optionsArg && optionsArg.type !== 'SpreadElement' ? optionsArg : null, evaluate);
    this.models.push(model);
  }

  /** `User.init(attributes, { sequelize, modelName, tableName })`, or `super.init(...)` / `this.init(...)` in a static method. */
  private readInit(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, ancestors: Node[]): void {
    const [attrsArg, optionsArg] = node.arguments;
    if (!attrsArg || attrsArg.type === 'SpreadElement') return;
    let cls: ClassNode | null = null;
    let clsName: string | null = null;
    const receiver = callee.object;
    if (receiver.type === 'Super' || receiver.type === 'ThisExpression') {
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const a = ancestors[i]!;
        if (a.type === 'ClassDeclaration' || a.type === 'ClassExpression') {
          cls = a;
          clsName = className(a, ancestors.slice(0, i));
          break;
        }
      }
      if (!cls?.superClass) return;
    } else if (receiver.type === 'Identifier') {
      clsName = receiver.name;
      cls = this.classes.get(receiver.name) ?? null;
    } else {
      return;
    }
    const options = optionsArg && optionsArg.type !== 'SpreadElement' ? optionsArg : null;
    // `Sentry.init({ dsn })` is not a model: a model's init gets `{ sequelize }`, or the receiver is a subclass declared here.
    if (!cls && !(options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && propertyKey(p) === 'sequelize'))) return;
    const evaluate = this.evaluator(ancestors);
    const model = this.baseModel('init', node, clsName, clsName ? [clsName] : []);
    this.readAttributes(model, attrsArg, evaluate);
    model.options = this.readOptions(options, evaluate);
    this.applyModelName(model);
    // `super.init(this.Schema, { modelName: this.modelName, tableName: this.tableName })` in a static method of a base
    // class: each subclass that calls it brings its own statics, so the base's own placeholders (`tableName =
    // 'baseModels'`) name no table (hold-out 96: a base class reported as a model whose table no migration creates).
    const fromThis = (n: TSESTree.Node | null | undefined) => n?.type === 'MemberExpression' && n.object.type === 'ThisExpression';
    const optionFromThis = options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && ['tableName', 'modelName'].includes(propertyKey(p) ?? '') && fromThis(p.value));
    if ((receiver.type === 'Super' || receiver.type === 'ThisExpression') && (fromThis(attrsArg) || optionFromThis)) {
      model.thisTemplate = `\`${this.text(callee)}(${this.text(attrsArg)}, ...)\` in a static method reads what each subclass declares: a base class, not a model of its own`;
    }
    this.models.push(model);
  }

  /** `Source.hasMany(models.Target, { foreignKey, as })` inside `associate`. */
  private readAssociation(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, type: AssociationType, ancestors: Node[]): void {
    let sourceBinding: string | null = null;
    let sourceByName = false;
    if (callee.object.type === 'Identifier') sourceBinding = callee.object.name;
    else if (callee.object.type === 'MemberExpression') {
      // `models.Plaid_Accounts.hasMany(models.Balances, ...)`: the source named through the registry the loader passes.
      sourceBinding = modelReference(callee.object);
      sourceByName = sourceBinding !== null;
    } else if (callee.object.type === 'ThisExpression') {
      const cls = [...ancestors].reverse().find((a): a is ClassNode => a.type === 'ClassDeclaration' || a.type === 'ClassExpression');
      sourceBinding = cls ? className(cls, ancestors.slice(0, ancestors.indexOf(cls))) : null;
    }
    const [targetArg, optionsArg] = node.arguments;
    if (!sourceBinding || !targetArg || targetArg.type === 'SpreadElement') return;
    const evaluate = this.evaluator(ancestors);
    this.associations.push({
      type,
      sourceBinding,
      ...(sourceByName ? { sourceByName: true as const } : {}),
      file: this.src.file,
      target: modelReference(targetArg),
      options: optionsArg && optionsArg.type !== 'SpreadElement' ? evaluate(optionsArg) : UNDEF,
      decorator: false,
      through: type === 'belongsToMany' ? throughModel(optionsArg) : null,
      ...(type === 'belongsToMany' ? throughStringOf(optionsArg) : {}),
      ...(ancestors.some(isAssociateFunction) ? { inAssociate: true as const } : {}),
      ...(ancestors.some((a) => a.type === 'Property' && !a.computed && propertyKey(a) === 'classMethods') ? { inClassMethods: true as const } : {}),
      loc: toSourceLocation(node.loc),
    });
  }

  /** `new Sequelize(..., { define: { underscored: true } })` in the loader. */
  private readNewSequelize(node: TSESTree.NewExpression, ancestors: Node[]): void {
    const callee = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : null;
    if (name !== 'Sequelize') return;
    this.loader = true;
    const evaluate = this.evaluator(ancestors);
    let found: RawDefine = { props: new Map(), partial: false, file: this.src.file };
    // `new Sequelize(url)`, `new Sequelize(process.env.DATABASE_URL)`, `new Sequelize(db, user, password)`: only
    // strings, no options at all, so no define.
    if (node.arguments.length > 0 && node.arguments.every(isStringArgument)) found = { ...found, none: true };
    for (let i = node.arguments.length - 1; i >= 0; i--) {
      const arg = node.arguments[i]!;
      if (arg.type === 'SpreadElement') continue;
      // `config.define = { freezeTableName: true }` written on the options object before it is passed (the loader
      // amends the config file's environment): that define (hold-out 74).
      const assigned = arg.type === 'Identifier' ? this.assignedDefine(arg.name, node) : null;
      if (assigned) {
        const define = evaluate(assigned);
        found = define.k === 'obj' ? { props: define.props, partial: define.partial, file: this.src.file } : { ...found, props: new Map(), partial: true };
        break;
      }
      const v = evaluate(arg);
      if (v.k !== 'obj') continue;
      const define = v.props.get('define');
      if (define?.k === 'obj') found = { props: define.props, partial: define.partial, file: this.src.file };
      else if (define === undefined && !v.partial) found = { ...found, none: true };
      break;
    }
    this.sequelizeDefines.push(found);
  }

  /**
   * The value of the last `name.define = <value>` (or `name['define'] = `) statement of the file's top level before
   * `before`; null when there is none.
   */
  private assignedDefine(name: string, before: TSESTree.Node): TSESTree.Expression | null {
    let found: TSESTree.Expression | null = null;
    for (const stmt of this.ast.body) {
      if (stmt.range[0] >= before.range[0]) break;
      if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression' || stmt.expression.operator !== '=') continue;
      const left = stmt.expression.left;
      if (left.type !== 'MemberExpression' || left.object.type !== 'Identifier' || left.object.name !== name) continue;
      const key = !left.computed && left.property.type === 'Identifier' ? left.property.name : left.property.type === 'Literal' ? left.property.value : null;
      if (key === 'define') found = stmt.expression.right;
    }
    return found;
  }

  /**
   * The `define` of the file's `new Sequelize(...)`: the one call's, or, of several (one per environment, under
   * conditions), the options every one of them sets alike; any other is not known (it depends on which runs).
   */
  private fileDefine(): RawDefine | null {
    const all = this.sequelizeDefines;
    const withDefine = all.filter((d) => d.props.size > 0 || d.partial);
    // Every `new Sequelize(...)` of the file passes options, read whole, without `define` (the loader builds its own
    // instance, not from the config file): no define at all, and the config file's does not apply (hold-out 47).
    if (withDefine.length === 0) return all.length > 0 && all.every((d) => d.none) ? { props: new Map(), partial: false, file: this.src.file, none: true } : null;
    if (all.length === 1) return all[0]!;
    // A key every call sets alike keeps its value, one no call sets stays unset, any other is not known.
    const keys = new Set(all.flatMap((d) => [...d.props.keys()]));
    const text = (d: RawDefine, key: string) => (d.props.has(key) ? JSON.stringify(toJson(d.props.get(key)!)) : undefined);
    const props = new Map<string, Value>();
    for (const key of keys) {
      const first = text(all[0]!, key);
      props.set(key, first !== undefined && all.every((d) => text(d, key) === first) ? all[0]!.props.get(key)! : UNKNOWN);
    }
    return { props, partial: all.some((d) => d.partial), file: this.src.file };
  }

  // ---------------------------------------------------------------------------
  // sequelize-typescript

  /** A `@Table` class: the model as the class itself declares it; its base classes are applied once every file is read. */
  private readDecoratedClass(node: ClassNode, ancestors: Node[], cls: ClassFacts): void {
    const model = this.baseModel('decorators', node, cls.name, cls.name ? [cls.name] : []);
    model.classFacts = cls;
    model.options = mergeOptionBags([
      { bag: cls.memberOptions, file: cls.file },
      { bag: cls.table ?? emptyBag(), file: cls.file },
    ], this.src.file);
    model.attributes = [...cls.attributes];
    this.models.push(model);
    this.applyModelName(model);
  }

  /**
   * What a class declares with sequelize-typescript decorators: `@Column` on
   * properties and on get/set accessors, the timestamp decorators (which set
   * `createdAt` / `updatedAt` / `deletedAt`, `timestamps` and, for
   * `@DeletedAt`, `paranoid`), `@Table` options, and (for models) the
   * association decorators.
   */
  private readClass(node: ClassNode, ancestors: Node[], withAssociations: boolean): ClassFacts {
    // Built on first use: most classes of an init-style folder carry no decorator to evaluate.
    let evaluator: ((n: Node) => Value) | null = null;
    const evaluate = (n: Node): Value => (evaluator ??= this.evaluator([...ancestors, node]))(n);
    const name = className(node, ancestors);
    const table = node.decorators.find((d) => decoratorName(d) === 'Table');
    let tableOptions: OptionBag | null = null;
    if (table) {
      const tableArg = decoratorArgs(table)[0];
      tableOptions = this.readOptions(tableArg && tableArg.type !== 'SpreadElement' ? tableArg : null, evaluate);
    }
    const memberOptions = emptyBag();
    memberOptions.origins = new Map();
    const attributes: RawAttribute[] = [];
    for (const member of node.body.body) {
      let typeNode: TSESTree.TypeNode | undefined;
      if (member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') typeNode = member.typeAnnotation?.typeAnnotation;
      else if (member.type === 'MethodDefinition' && (member.kind === 'get' || member.kind === 'set')) typeNode = accessorType(member);
      else continue;
      if (member.static || member.computed || member.decorators.length === 0) continue;
      const key = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : null;
      if (key === null) continue;
      const loc = toSourceLocation(member.key.loc);
      const decorators = new Map(member.decorators.map((d) => [decoratorName(d), d] as const));
      const timestamp = (['CreatedAt', 'UpdatedAt', 'DeletedAt'] as const).find((t) => decorators.has(t));
      if (timestamp) {
        const option = timestamp === 'CreatedAt' ? 'createdAt' : timestamp === 'UpdatedAt' ? 'updatedAt' : 'deletedAt';
        const origin = `\`@${timestamp}\`${name ? ` of \`${name}\`` : ''}`;
        const set = (k: string, v: Value) => {
          memberOptions.props.set(k, v);
          memberOptions.locs.set(k, loc);
          memberOptions.origins!.set(k, origin);
        };
        set(option, { k: 'str', v: key });
        set('timestamps', { k: 'bool', v: true });
        if (option === 'deletedAt') set('paranoid', { k: 'bool', v: true });
      }
      if (withAssociations) {
        for (const [decorator, d] of decorators) {
          if (decorator === 'BelongsTo' || decorator === 'HasMany' || decorator === 'HasOne' || decorator === 'BelongsToMany') {
            this.readAssociationDecorator(d, decorator, name, evaluate);
          }
        }
      }
      const column = decorators.get('Column');
      // Decorating both accessors of a pair is a TypeScript error; the first one counts.
      if (!column || attributes.some((a) => a.name === key)) continue;
      const arg = decoratorArgs(column)[0];
      const def = arg && arg.type !== 'SpreadElement' ? evaluate(arg) : { k: 'obj' as const, props: new Map<string, Value>(), partial: false };
      const decorated: NonNullable<RawAttribute['decorated']> = {};
      if (decorators.has('PrimaryKey')) decorated.primaryKey = true;
      if (decorators.has('Default')) decorated.hasDefault = true;
      const allowNull = decorators.get('AllowNull');
      if (allowNull) {
        const a = decoratorArgs(allowNull)[0];
        const v = a && a.type !== 'SpreadElement' ? evaluate(a) : { k: 'bool' as const, v: true };
        if (v.k === 'bool') decorated.allowNull = v.v;
      }
      // `@Column` without a type: sequelize-typescript infers it from the TypeScript type (reflect-metadata).
      decorated.inferredType = designType(typeNode);
      attributes.push({ name: key, def, loc, decorated });
    }
    const superClass = node.superClass;
    const superRef = superClass ? dottedName(superClass) : null;
    const overridesInit = node.body.body.some((m) => m.type === 'MethodDefinition' && m.static && !m.computed && m.key.type === 'Identifier' && m.key.name === 'init');
    return {
      name,
      file: this.src.file,
      superRef,
      superOpaque: superClass !== null && superClass !== undefined && superRef === null,
      table: tableOptions,
      memberOptions,
      attributes,
      ...(overridesInit ? { overridesInit: true as const } : {}),
    };
  }

  private readAssociationDecorator(d: TSESTree.Decorator, decorator: string, source: string | null, evaluate: (n: Node) => Value): void {
    if (!source) return;
    const [targetArg, optionsArg] = decoratorArgs(d);
    if (!targetArg || targetArg.type === 'SpreadElement') return;
    // `() => User`
    const target =
      (targetArg.type === 'ArrowFunctionExpression' || targetArg.type === 'FunctionExpression') && targetArg.body.type !== 'BlockStatement'
        ? modelReference(targetArg.body)
        : null;
    let options: Value = UNDEF;
    if (optionsArg && optionsArg.type !== 'SpreadElement') {
      const v = evaluate(optionsArg);
      // `@BelongsTo(() => User, 'authorId')`
      options = v.k === 'str' ? { k: 'obj', props: new Map([['foreignKey', v]]), partial: false } : v;
    }
    const type = (decorator.charAt(0).toLowerCase() + decorator.slice(1)) as AssociationType;
    const through = type === 'belongsToMany' ? throughModel(optionsArg) : null;
    this.associations.push({ type, sourceBinding: source, file: this.src.file, target, options, decorator: true, through, loc: toSourceLocation(d.loc) });
  }

  // ---------------------------------------------------------------------------
  // Attributes and options

  private baseModel(style: ModelStyle, node: Node, name: string | null, bindings: string[]): RawModel {
    return {
      style,
      file: this.src.file,
      loc: toSourceLocation(node.loc),
      name,
      attributes: [],
      attributesComplete: true,
      options: { props: new Map(), partial: false, locs: new Map() },
      bindings,
    };
  }

  /** `modelName` overrides the class name. */
  private applyModelName(model: RawModel): void {
    const v = model.options.props.get('modelName');
    if (!v) {
      if (model.options.partial) model.nameReason = 'the options are spread from a value migralint cannot read (modelName may be set there)';
      else if (model.name === null) model.nameReason = 'the class has no name';
      return;
    }
    if (v.k === 'str') {
      model.name = v.v;
      delete model.nameReason;
    } else {
      model.name = null;
      model.nameReason = 'modelName is not a constant';
    }
  }

  private readAttributes(model: RawModel, node: Node, evaluate: (n: Node) => Value): void {
    const value = evaluate(node);
    if (value.k !== 'obj') {
      model.attributesComplete = false;
      model.attributesReason = `the attributes \`${this.text(node)}\` are not a static object`;
      return;
    }
    // A key whose place the interpreter does not know (set by `Object.assign`, say) is reported at the object.
    const fallback = toSourceLocation(node.loc);
    for (const [name, def] of value.props) {
      const place = this.keyPlace(node, value.origins?.get(name), model.bindings);
      const attribute: RawAttribute = { name, def, loc: place?.loc ?? fallback };
      if (place?.file !== undefined && place.file !== this.src.file) attribute.file = place.file;
      if (place?.inheritedFrom) attribute.inheritedFrom = place.inheritedFrom;
      model.attributes.push(attribute);
    }
    if (value.partial) {
      model.attributesComplete = false;
      model.attributesReason = 'the attributes object spreads a value migralint cannot read';
    }
  }

  private readOptions(node: Node | null, evaluate: (n: Node) => Value): OptionBag {
    if (!node) return { props: new Map(), partial: false, locs: new Map() };
    const value = evaluate(node);
    if (value.k !== 'obj') return { props: new Map(), partial: true, locs: new Map() };
    const bag: OptionBag = { props: new Map(value.props), partial: value.partial, locs: new Map() };
    for (const key of value.props.keys()) {
      const place = this.keyPlace(node, value.origins?.get(key), []);
      if (!place) continue;
      bag.locs.set(key, place.loc);
      if (place.file !== this.src.file) (bag.files ??= new Map()).set(key, place.file);
    }
    return bag;
  }

  /**
   * Where a key of the attributes or options object `literal` evaluates to
   * is written, from the interpreter's origins: in the literal itself, or in
   * what it spreads (a constant, or what a function returns: a base class's
   * static `attributes()` of another file, `inheritedFrom` that class unless
   * it is one of `ownClasses`, the model's).
   */
  private keyPlace(literal: Node, origin: KeyOrigin | undefined, ownClasses: string[]): { file: string; loc: SourceLocation; inheritedFrom?: string } | null {
    const place = origin ? this.modules.place(origin) : null;
    if (!place) return null;
    const own = place.file === this.src.file && (contains(literal.loc, place.loc) || (place.inClass !== null && ownClasses.includes(place.inClass)));
    return own || place.inClass === null ? { file: place.file, loc: place.loc } : { file: place.file, loc: place.loc, inheritedFrom: place.inClass };
  }

  /**
   * An evaluator for expressions at a given place of the file: module
   * constants, plus the enclosing functions' parameters (bound the way the
   * sequelize-cli loader calls them) and constants.
   * A fresh interpreter per place, so bindings never leak between scopes.
   */
  private evaluator(ancestors: Node[]): (n: Node) => Value {
    const options: InterpreterOptions = { trackOrigins: true, loadImport: this.modules.load, importLevels: IMPORT_LEVELS, bareImports: true };
    return new Interpreter(options).evaluatorAt(this.ast, this.ctx, ancestors, loaderArguments);
  }

  /**
   * The sequelize-cli loader shape: one `readdirSync(__dirname)` without
   * `recursive`, and no directory test, second listing or glob that would
   * reach the subfolders.
   */
  private isFlatLoader(): boolean {
    if (this.readdirCalls.length !== 1) return false;
    const call = this.readdirCalls[0]!;
    const [dir, ...rest] = call.arguments;
    if (!dir || rest.length > 0) return false;
    const isDirname = (n: Node): boolean =>
      (n.type === 'Identifier' && n.name === '__dirname') ||
      (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.arguments.length === 1 && isDirname(n.arguments[0]!));
    if (!isDirname(dir)) return false;
    return !/\bisDirectory\b|\brecursive\b|\bglob\b|\breaddir\s*\(|\bwalk\w*\s*\(/.test(this.src.source);
  }

  /** A file without a readable model that still looks like one: the reason, else null. */
  private looksLikeModel(facts: FileFacts): string | null {
    if (this.loader || isLoaderName(this.src.file)) return null;
    // sequelize-typescript classes without @Table are base classes (`class ParanoidModel extends IdModel`), read when a model extends them.
    if (facts.classes.size > 0 && [...facts.imports.values()].some((i) => i.source === 'sequelize-typescript')) return null;
    const s = this.src.source;
    if (/\.define\s*\(|\.init\s*\(|@Table\b|extends\s+(?:Sequelize\.)?Model\b/.test(s)) {
      return 'the file mentions a model definition (define, init, extends Model or @Table) that migralint cannot read statically';
    }
    return null;
  }

  private text(node: Node): string {
    const t = this.src.source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  }
}

/**
 * What the sequelize-cli loader passes a model function: `require(file)(sequelize, Sequelize.DataTypes)`.
 * A parameter named like the namespace holds it whatever its position; destructured parameters are not followed.
 */
function loaderArguments(fn: FunctionNode): Value[] {
  return fn.params.map((param, i) => {
    const id = param.type === 'Identifier' ? param : param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left : null;
    if (!id) return UNKNOWN;
    if (NAMESPACE_PARAM.test(id.name) || i === 1) return { k: 'ns', text: '' };
    return i === 0 ? { k: 'seq' } : UNKNOWN;
  });
}

/** `x` -> [{x, null}]; `{ a, b: c }` -> [{a, 'a'}, {c, 'b'}]; anything else binds nothing. */
function simplePattern(id: Node): { name: string; key: string | null }[] {
  if (id.type === 'Identifier') return [{ name: id.name, key: null }];
  if (id.type !== 'ObjectPattern') return [];
  const out: { name: string; key: string | null }[] = [];
  for (const p of id.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = propertyKey(p);
    const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    if (key !== null && value.type === 'Identifier') out.push({ name: value.name, key });
  }
  return out;
}

function propertyKey(p: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | null {
  if (p.computed) return null;
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return null;
}

/** The name of a class: its id, or the variable it is assigned to. */
function className(node: ClassNode, ancestors: Node[]): string | null {
  if (node.id) return node.id.name;
  return bindingOf(ancestors)[0] ?? null;
}

/** `const User = <node>` / `User = <node>`: the identifiers that hold the value of the node whose ancestors are given. */
function bindingOf(ancestors: Node[]): string[] {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'VariableDeclarator') return a.id.type === 'Identifier' ? [a.id.name] : [];
    if (a.type === 'AssignmentExpression') return a.left.type === 'Identifier' ? [a.left.name] : [];
    if (a.type === 'TSAsExpression' || a.type === 'TSNonNullExpression' || a.type === 'TSSatisfiesExpression' || a.type === 'AwaitExpression') continue;
    return [];
  }
  return [];
}

/** `models.User`, `db.User`, `sequelize.models.User`, `User`: the referenced model's name (or class name). */
function modelReference(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') {
    if (!node.computed && node.property.type === 'Identifier') return node.property.name;
    if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return modelReference(node.expression);
  return null;
}

function decoratorName(d: TSESTree.Decorator): string | null {
  const e = d.expression.type === 'CallExpression' ? d.expression.callee : d.expression;
  if (e.type === 'Identifier') return e.name;
  if (e.type === 'MemberExpression' && !e.computed && e.property.type === 'Identifier') return e.property.name;
  return null;
}

function decoratorArgs(d: TSESTree.Decorator): TSESTree.CallExpressionArgument[] {
  return d.expression.type === 'CallExpression' ? d.expression.arguments : [];
}

/** sequelize-typescript's inference from the design type: String, Number, Boolean, Date, Buffer. */
function designType(t: TSESTree.TypeNode | undefined): string | null {
  if (!t) return null;
  switch (t.type) {
    case 'TSStringKeyword':
      return 'STRING';
    case 'TSNumberKeyword':
      return 'INTEGER';
    case 'TSBooleanKeyword':
      return 'BOOLEAN';
    case 'TSTypeReference':
      if (t.typeName.type === 'Identifier' && t.typeName.name === 'Date') return 'DATE';
      if (t.typeName.type === 'Identifier' && t.typeName.name === 'Buffer') return 'BLOB';
      return null;
    default:
      return null;
  }
}

function isLoaderName(file: string): boolean {
  return /^index\.[cm]?[jt]s$/.test(path.posix.basename(file));
}

function readConfigDefine(config: ModelSource): RawDefine | null {
  if (config.file.endsWith('.json')) return jsonConfigDefine(config);
  const parsed = parsedOf(config);
  if (!parsed.ok) return null;
  let exported = fileExports(config.absPath ?? config.file, config.file, config.source, parsed.ast);
  if (!exported) return null;
  if (exported.k === 'obj' && !exported.props.has('define') && exported.props.has('default')) exported = exported.props.get('default')!;
  return defineOfConfig(exported, config.file);
}

function jsonConfigDefine(config: ModelSource): RawDefine | null {
  let json: unknown;
  try {
    json = JSON.parse(config.source);
  } catch {
    return null;
  }
  return defineOfConfig(fromJson(json), config.file);
}

/** `{ define }`, or per environment: `production` first, then the first environment that has one. */
function defineOfConfig(exported: Value, file: string): RawDefine | null {
  if (exported.k !== 'obj') return null;
  const direct = exported.props.get('define');
  if (direct?.k === 'obj') return { props: direct.props, partial: direct.partial, file };
  const envs = [...exported.props.keys()].sort((a, b) => (a === 'production' ? -1 : b === 'production' ? 1 : 0));
  for (const env of envs) {
    const e = exported.props.get(env);
    const d = e?.k === 'obj' ? e.props.get('define') : undefined;
    if (d?.k === 'obj') return { props: d.props, partial: d.partial, file };
  }
  return null;
}

// -----------------------------------------------------------------------------
// From raw facts to the model Sequelize builds

/** A statically known option: `undefined` when absent, `unknown` when it could not be read. */
type Known = { known: true; value: Value | undefined } | { known: false };

function option(bag: OptionBag, key: string): Known {
  const v = bag.props.get(key);
  if (v === undefined) return bag.partial ? { known: false } : { known: true, value: undefined };
  return isStatic(v) ? { known: true, value: v.k === 'undef' ? undefined : v } : { known: false };
}

function isStatic(v: Value): boolean {
  return v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'null' || v.k === 'undef';
}

/** Model options over the global `define` options, as `Utils.merge` does for scalar options. */
function merged(raw: RawModel, global: RawDefine | null, key: string): Known {
  const own = option(raw.options, key);
  if (!own.known || own.value !== undefined) return own;
  if (!global) return own;
  return option({ props: global.props, partial: global.partial, locs: new Map() }, key);
}

/**
 * A call whose enclosing code runs as the model is loaded: the file's top level, or the function the file exports (the
 * `(sequelize, DataTypes) => { ... }` a loader calls for each model), not a method or a callback inside them.
 */
function runsAsModelLoads(ancestors: readonly Node[]): boolean {
  const fns = ancestors.map((a, i) => ({ a, i })).filter(({ a }) => a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
  if (fns.length === 0) return true;
  if (fns.length > 1) return false;
  const { i } = fns[0]!;
  const parent = ancestors[i - 1];
  if (parent?.type === 'ExportDefaultDeclaration') return true;
  return parent?.type === 'AssignmentExpression' && exportPath(parent.left)?.length === 0;
}

function truthy(v: Value | undefined): boolean {
  return v !== undefined && truthiness(v) === true;
}

function finalizeModel(raw: RawModel, global: RawDefine | null, sequelizeMajor: number | null = null): ModelDefinition {
  const unresolvedOptions: string[] = [];
  const flag = (key: string, fallback: boolean): { value: boolean; known: boolean } => {
    const o = merged(raw, global, key);
    if (!o.known) {
      unresolvedOptions.push(key);
      return { value: fallback, known: false };
    }
    return { value: o.value === undefined ? fallback : truthy(o.value), known: true };
  };
  const timestamps = flag('timestamps', true);
  const paranoid = flag('paranoid', false);
  const underscored = flag('underscored', false);
  const freezeTableName = flag('freezeTableName', false);

  const schemaOpt = merged(raw, global, 'schema');
  if (!schemaOpt.known) unresolvedOptions.push('schema');
  const schema = schemaOpt.known && schemaOpt.value?.k === 'str' && schemaOpt.value.v ? schemaOpt.value.v : null;

  let tableName: string | null = null;
  let reason: string | undefined = raw.unreadable;
  const tableOpt = option(raw.options, 'tableName');
  if (reason === undefined) {
    if (tableOpt.known && tableOpt.value && truthy(tableOpt.value)) {
      tableName = tableOpt.value.k === 'str' ? tableOpt.value.v : String((tableOpt.value as { v: unknown }).v);
    } else if (!tableOpt.known) {
      unresolvedOptions.push('tableName');
      reason = raw.options.partial ? 'the options are spread from a value migralint cannot read (tableName may be set there)' : 'tableName is not a constant';
    } else if (raw.name === null) {
      reason = raw.nameReason ?? 'the model name is not a constant';
    } else {
      // Sequelize 4 underscores a table name by `underscoredAll`; `underscored` renames only the columns it implies.
      const tableFlag = sequelizeMajor !== null && sequelizeMajor <= 4 ? 'underscoredAll' : 'underscored';
      const tableUnderscored = tableFlag === 'underscoredAll' ? flag('underscoredAll', false) : underscored;
      if (!freezeTableName.known || !tableUnderscored.known) reason = `the table name depends on ${!freezeTableName.known ? 'freezeTableName' : tableFlag}, which is not a constant`;
      else tableName = defaultTableName(raw.name, { freezeTableName: freezeTableName.value, underscored: tableUnderscored.value });
    }
  }

  const removed = new Set(raw.removedAttributes ?? []);
  const attributes: ModelAttribute[] = raw.attributes.filter((a) => !removed.has(a.name)).map((a) => attributeOf(a, underscored));
  const impliedColumns: ImpliedColumn[] = [];
  const names = new Set(attributes.map((a) => a.name));
  /** Where an option is written: its file (a base class's, for an inherited decorator) and location. */
  const at = (key: string): { file: string; loc: SourceLocation } => {
    const loc = raw.options.locs.get(key);
    return loc ? { file: raw.options.files?.get(key) ?? raw.file, loc } : { file: raw.file, loc: raw.loc };
  };
  const implied = (kind: ImpliedColumn['kind'], attribute: string, why: string, where: { file: string; loc: SourceLocation }, uncertain: boolean): void => {
    // An attribute of the same name replaces what Sequelize would add; one the file removes is not added.
    if (names.has(attribute) || removed.has(attribute)) return;
    const c: ImpliedColumn = { kind, attribute, column: underscoredIf(attribute, underscored.value), reason: why, file: where.file, loc: where.loc };
    if (uncertain || !underscored.known || !raw.attributesComplete) c.uncertain = true;
    impliedColumns.push(c);
  };
  if (raw.unreadable === undefined) {
    if (!attributes.some((a) => a.primaryKey) && raw.attributesComplete) {
      implied('primaryKey', 'id', 'no attribute is a primary key, so Sequelize adds `id`', { file: raw.file, loc: raw.loc }, false);
    }
    if (timestamps.value || !timestamps.known) {
      const origin = (key: string): string | undefined => raw.options.origins?.get(key);
      const why = raw.options.props.has('timestamps') ? '`timestamps`' : '`timestamps`, on by default';
      for (const key of ['createdAt', 'updatedAt'] as const) {
        const o = option(raw.options, key);
        const g = merged(raw, global, key);
        if (g.known && g.value?.k === 'bool' && !g.value.v) continue;
        const name = g.known && g.value?.k === 'str' && g.value.v ? g.value.v : key;
        implied(key, name, origin(key) ?? why, o.known && o.value ? at(key) : at('timestamps'), !timestamps.known || !g.known);
      }
      if (paranoid.value || !paranoid.known) {
        const g = merged(raw, global, 'deletedAt');
        if (!(g.known && g.value?.k === 'bool' && !g.value.v)) {
          const name = g.known && g.value?.k === 'str' && g.value.v ? g.value.v : 'deletedAt';
          const key = raw.options.locs.has('deletedAt') ? 'deletedAt' : 'paranoid';
          implied('deletedAt', name, origin(key) ?? '`paranoid`', at(key), !timestamps.known || !paranoid.known || !g.known);
        }
      }
    }
    const version = merged(raw, global, 'version');
    if (!version.known || truthy(version.value)) {
      const name = version.known && version.value?.k === 'str' ? version.value.v : 'version';
      implied('version', name, '`version`', at('version'), !version.known);
    }
  }

  const model: ModelDefinition = {
    name: raw.name,
    tableName,
    schema,
    unresolved: tableName === null,
    file: raw.file,
    loc: raw.loc,
    style: raw.style,
    attributes,
    attributesComplete: raw.attributesComplete,
    timestamps: timestamps.value,
    paranoid: paranoid.value,
    underscored: underscored.value,
    freezeTableName: freezeTableName.value,
    impliedColumns,
    unresolvedOptions: [...new Set(unresolvedOptions)],
    bindings: raw.bindings,
    ...(raw.syncsItself ? { syncsItself: raw.syncsItself } : {}),
  };
  if (tableName === null) model.unresolvedReason = reason ?? 'the table name cannot be resolved statically';
  else if (!raw.attributesComplete && raw.attributesReason) model.unresolvedReason = raw.attributesReason;
  return model;
}

function attributeOf(a: RawAttribute, underscored: { value: boolean; known: boolean }): ModelAttribute {
  const def = a.def;
  let type: string | null = null;
  let allowNull: boolean | null = null;
  let primaryKey = false;
  let field: string | null = null;
  let unresolved = false;
  let hasDefault = false;
  if (def.k === 'obj') {
    const dv = def.props.get('defaultValue');
    hasDefault = dv !== undefined && dv.k !== 'undef';
    const t = def.props.get('type');
    type = t ? typeText(t) : null;
    const an = def.props.get('allowNull');
    if (an?.k === 'bool') allowNull = an.v;
    const pk = def.props.get('primaryKey');
    primaryKey = pk !== undefined && truthy(pk);
    const f = def.props.get('field');
    if (f !== undefined && f.k !== 'undef') {
      if (f.k === 'str') field = f.v;
      else unresolved = true;
    }
    if (def.partial && f === undefined) unresolved = true;
  } else {
    type = typeText(def);
    if (type === null) unresolved = true;
  }
  if (a.decorated) {
    if (a.decorated.primaryKey) primaryKey = true;
    if (a.decorated.allowNull !== undefined) allowNull = a.decorated.allowNull;
    if (a.decorated.hasDefault) hasDefault = true;
    if (type === null && a.decorated.inferredType) type = a.decorated.inferredType;
  }
  if (field === null && !underscored.known) unresolved = true;
  const attribute: ModelAttribute = {
    name: a.name,
    column: field ?? underscoredIf(a.name, underscored.value),
    type,
    allowNull: allowNull ?? !primaryKey,
    primaryKey,
    virtual: type !== null && /^VIRTUAL\b/.test(type),
    loc: a.loc,
  };
  if (hasDefault) attribute.hasDefault = true;
  if (allowNull === true) attribute.nullableDeclared = true;
  if (a.file !== undefined) attribute.file = a.file;
  if (a.inheritedFrom !== undefined) attribute.inheritedFrom = a.inheritedFrom;
  if (unresolved) attribute.unresolved = true;
  return attribute;
}

/** `DataTypes.STRING(20)` -> `STRING(20)`; a string type as written. */
function typeText(v: Value): string | null {
  if (v.k === 'str') return v.v;
  // `const { Sequelize } = require('../lib/sequelize')`, a project module handing on the package: `Sequelize.VIRTUAL`
  // names the data type all the same (the module is not followed; its export of that name is the namespace).
  if (v.k === 'import' && v.relative) {
    const m = /^(?:Sequelize|DataTypes)\.(?:DataTypes\.)?([A-Z][A-Z0-9_]*)$/.exec(v.path);
    return m && DATA_TYPE_NAMES.has(m[1]!) ? m[1]! : null;
  }
  if (v.k !== 'ns' || v.text === '') return null;
  return v.text.replace(/\b(?:Sequelize\.)?DataTypes?\./g, '');
}

/** Sequelize's data types (`DataTypes.*`), as a type written through a module that hands on the package can name them. */
const DATA_TYPE_NAMES = new Set([
  'ABSTRACT', 'STRING', 'CHAR', 'TEXT', 'TINYINT', 'SMALLINT', 'MEDIUMINT', 'INTEGER', 'BIGINT', 'FLOAT', 'TIME', 'DATE', 'DATEONLY',
  'BOOLEAN', 'NOW', 'BLOB', 'DECIMAL', 'NUMERIC', 'UUID', 'UUIDV1', 'UUIDV4', 'HSTORE', 'JSON', 'JSONB', 'VIRTUAL', 'ARRAY', 'ENUM',
  'RANGE', 'REAL', 'DOUBLE', 'GEOMETRY', 'GEOGRAPHY', 'CIDR', 'INET', 'MACADDR', 'CITEXT', 'TSVECTOR',
]);


// -----------------------------------------------------------------------------
// sequelize-typescript base classes

/**
 * Models in a subfolder of a flat loader's folder (`models/archive/Old.js`
 * next to `models/index.js` that requires each `readdirSync(__dirname)`
 * entry) are never loaded, unless some file of the folder names the subfolder.
 */
function markNotLoaded(models: ModelDefinition[], loaders: string[], sources: ModelSource[]): void {
  for (const loader of loaders) {
    const dir = path.posix.dirname(loader);
    const prefix = dir === '.' ? '' : `${dir}/`;
    for (const m of models) {
      if (!m.file.startsWith(prefix)) continue;
      const rest = m.file.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) continue;
      const sub = rest.slice(0, slash);
      const named = new RegExp(`['"\`/]${escapeRegExp(sub)}['"\`/]`);
      if (sources.some((s) => s.file !== m.file && !s.file.startsWith(`${prefix}${sub}/`) && named.test(s.source))) continue;
      m.notLoaded = `\`${loader}\` loads only the files directly in \`${dir}/\`, and no file of that folder names \`${sub}/\``;
    }
  }
}

/**
 * Two files directly in a flat loader's folder defining one model name: the loader requires them in name order
 * (`readdirSync` sorts) and `db[model.name] = model` keeps the last, as `sequelize.define` of a name already defined
 * replaces the first in `sequelize.models`. The earlier ones serve no query, unless another file of the folder requires
 * them by name (hold-out 37: three definitions of one model, the first two reported for columns only they declare).
 */
function markShadowed(models: ModelDefinition[], loaders: string[], sources: ModelSource[]): void {
  for (const loader of loaders) {
    const dir = path.posix.dirname(loader);
    const prefix = dir === '.' ? '' : `${dir}/`;
    const byName = new Map<string, ModelDefinition[]>();
    for (const m of models) {
      if (m.notLoaded || m.name === null || !m.file.startsWith(prefix) || m.file.slice(prefix.length).includes('/')) continue;
      byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
    }
    for (const [name, same] of byName) {
      const files = [...new Set(same.map((m) => m.file))].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      if (files.length < 2) continue;
      const last = files[files.length - 1]!;
      for (const m of same) {
        if (m.file === last) continue;
        const base = path.posix.basename(withoutExtension(m.file));
        // `require('./IVRMapping')`, `from './IVRMapping.js'`: a path, not the model's name in a string.
        const named = new RegExp(`(require\\(|from|import\\()\\s*['"\`][^'"\`]*/${escapeRegExp(base)}(\\.[cm]?[jt]s)?['"\`]`);
        if (sources.some((s) => s.file !== m.file && s.file !== loader && named.test(s.source))) continue;
        m.notLoaded = `\`${last}\` defines \`${name}\` again and \`${loader}\` loads it after this file (in name order): the registry and \`sequelize.models\` hold that one`;
      }
    }
  }
}

/**
 * The files a non-relative import may name: the `paths` of the project's
 * tsconfig.json, else, for an alias that goes through the models folder's
 * name (`@server/models/base/Model` with models in `server/models`), that
 * file of the models folder.
 */
function aliasResolver(aliases: PathAlias[], modelsDir: string): (specifier: string) => string[] {
  const folder = path.posix.basename(modelsDir);
  return (specifier) => {
    if (SEQUELIZE_MODULES.has(specifier)) return [];
    const out = aliasTargets(aliases, specifier);
    const segments = specifier.split('/');
    const at = segments.lastIndexOf(folder);
    if (folder && modelsDir !== '.' && at > 0 && at < segments.length - 1) out.push(`${modelsDir}/${segments.slice(at + 1).join('/')}`);
    return out;
  };
}

/** The project-relative paths the tsconfig `paths` entries map a non-relative specifier to; empty when none matches. */
export function aliasTargets(aliases: readonly PathAlias[], specifier: string): string[] {
  const out: string[] = [];
  for (const { pattern, targets } of aliases) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === specifier) out.push(...targets);
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    const matched = specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const t of targets) out.push(t.replace('*', matched));
  }
  return out;
}

/** `compilerOptions.paths` of `<root>/tsconfig.json` (comments and trailing commas allowed), as project-relative targets. */
export function readPathAliases(workspace: Workspace): PathAlias[] {
  const text = workspace.text(workspace.resolve('tsconfig.json'));
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(stripJsonComments(text));
  } catch {
    return [];
  }
  const options = (json as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null)?.compilerOptions;
  if (!options || typeof options.paths !== 'object' || options.paths === null) return [];
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : '.';
  const out: PathAlias[] = [];
  for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
    if (!Array.isArray(targets)) continue;
    const rel = targets.filter((t): t is string => typeof t === 'string').map((t) => path.posix.normalize(path.posix.join(toPosix(baseUrl), t)));
    if (rel.some((t) => t.startsWith('../'))) continue;
    out.push({ pattern, targets: rel });
  }
  return out;
}

/** JSON with comments and trailing commas (tsconfig) to JSON; strings are kept as they are. */
function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = i;
      const m = end.exec(text);
      if (!m) return out + text.slice(i);
      out += m[0];
      i += m[0].length - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function emptyBag(): OptionBag {
  return { props: new Map(), partial: false, locs: new Map() };
}

/**
 * Options merged the way sequelize-typescript's `addOptions` does along the
 * prototype chain: later bags override earlier ones key by key. `files`
 * records the file of each key written outside `modelFile`.
 */
function mergeOptionBags(bags: { bag: OptionBag; file: string }[], modelFile: string): OptionBag {
  const out: OptionBag = { props: new Map(), partial: false, locs: new Map(), files: new Map(), origins: new Map() };
  for (const { bag, file } of bags) {
    out.partial ||= bag.partial;
    for (const [k, v] of bag.props) {
      out.props.set(k, v);
      const loc = bag.locs.get(k);
      if (loc) out.locs.set(k, loc);
      else out.locs.delete(k);
      const f = bag.files?.get(k) ?? file;
      if (f !== modelFile) out.files!.set(k, f);
      else out.files!.delete(k);
      const origin = bag.origins?.get(k);
      if (origin) out.origins!.set(k, origin);
      else out.origins!.delete(k);
    }
  }
  return out;
}

/**
 * Resolves the `extends` chain of sequelize-typescript classes across files:
 * classes of the same file, relative imports (`./base/ParanoidModel`, with
 * or without extension, `index` files, re-exports) inside the models folder
 * and, through `readSource`, elsewhere in the project. `Model` of
 * sequelize / sequelize-typescript ends the chain.
 */
class BaseClassResolver {
  private readonly byFile = new Map<string, FileFacts | null>();

  constructor(
    known: Map<string, FileFacts>,
    /** A file of the models folder, or another project file; null when absent. */
    private readonly sourceOf: ReadSource,
    private readonly modules: ImportedModules,
    /** Project-relative paths (without extension) a non-relative specifier may name. */
    private readonly aliases: (specifier: string) => string[],
  ) {
    for (const [file, facts] of known) this.byFile.set(file, facts);
  }

  /** The base classes of `cls`, root first; `complete` is false when one could not be read (the reason says which). */
  chain(cls: ClassFacts): { bases: ClassFacts[]; complete: boolean; reason?: string } {
    const bases: ClassFacts[] = [];
    const seen = new Set<ClassFacts>([cls]);
    let current = cls;
    for (let depth = 0; depth < MAX_BASE_DEPTH; depth++) {
      const next = this.superOf(current);
      if (next.kind === 'root') return { bases: bases.reverse(), complete: true };
      if (next.kind === 'unknown') return { bases: bases.reverse(), complete: false, reason: next.reason };
      if (seen.has(next.cls)) return { bases: bases.reverse(), complete: false, reason: `the base classes of \`${cls.name ?? '?'}\` extend each other in a cycle` };
      seen.add(next.cls);
      bases.push(next.cls);
      current = next.cls;
    }
    return { bases: bases.reverse(), complete: false, reason: `the base classes of \`${cls.name ?? '?'}\` are nested too deep to follow` };
  }

  private superOf(cls: ClassFacts): Resolved {
    if (cls.superOpaque) return { kind: 'unknown', reason: `the base class of \`${cls.name ?? '?'}\` is an expression migralint cannot follow` };
    if (cls.superRef === null) return { kind: 'root' };
    const facts = this.facts(cls.file);
    if (!facts) return { kind: 'unknown', reason: `\`${cls.file}\` cannot be read` };
    return this.byName(facts, cls.superRef, 0);
  }

  /** What a name means in a file: a class of the file, an imported class, or sequelize's `Model`. */
  private byName(facts: FileFacts, ref: string, hops: number): Resolved {
    if (ref.includes('.')) {
      return ref.endsWith('.Model') ? { kind: 'root' } : { kind: 'unknown', reason: `the base class \`${ref}\` is not a class migralint can find` };
    }
    const local = facts.classes.get(ref);
    if (local) return { kind: 'class', cls: local };
    const imported = facts.imports.get(ref);
    if (imported) {
      if (SEQUELIZE_MODULES.has(imported.source)) {
        return imported.imported === 'Model' ? { kind: 'root' } : { kind: 'unknown', reason: `the base class \`${ref}\` from \`${imported.source}\` is not \`Model\`` };
      }
      const target = this.resolveSpecifier(facts.file, imported.source);
      if (!target && !imported.source.startsWith('.')) {
        return { kind: 'unknown', reason: `the base class \`${ref}\` is imported from \`${imported.source}\`, which migralint does not follow` };
      }
      if (!target) return { kind: 'unknown', reason: `the base class \`${ref}\` is imported from \`${imported.source}\`, which migralint cannot read` };
      return this.exported(target, imported.imported, ref, hops + 1);
    }
    if (ref === 'Model') return { kind: 'root' };
    return { kind: 'unknown', reason: `the base class \`${ref}\` is neither declared nor imported in \`${facts.file}\`` };
  }

  /** The class a file exports under `name`, through re-exports. */
  private exported(facts: FileFacts, name: string, ref: string, hops: number): Resolved {
    const lost: Resolved = { kind: 'unknown', reason: `the base class \`${ref}\` is not a class \`${facts.file}\` exports` };
    if (hops > MAX_BASE_DEPTH || name === '*') return lost;
    const local = facts.exports.get(name);
    if (local !== undefined) return local === DEFAULT_CLASS ? (facts.classes.has(DEFAULT_CLASS) ? { kind: 'class', cls: facts.classes.get(DEFAULT_CLASS)! } : lost) : this.byName(facts, local, hops + 1);
    for (const r of facts.reexports) {
      if (r.exported !== name) continue;
      const target = this.resolveSpecifier(facts.file, r.source);
      return target ? this.exported(target, r.imported, ref, hops + 1) : lost;
    }
    for (const source of facts.starExports) {
      const target = this.resolveSpecifier(facts.file, source);
      if (!target) continue;
      const found = this.exported(target, name, ref, hops + 1);
      if (found.kind !== 'unknown') return found;
    }
    return lost;
  }

  private resolveSpecifier(from: string, specifier: string): FileFacts | null {
    return specifier.startsWith('.') ? this.resolveImport(from, specifier) : this.resolveAlias(specifier);
  }

  /** `@server/models/base/Model` through the project's path aliases. */
  private resolveAlias(specifier: string): FileFacts | null {
    for (const base of this.aliases(specifier)) {
      const found = this.resolvePath(path.posix.normalize(base));
      if (found) return found;
    }
    return null;
  }

  /** `./base/ParanoidModel` from `models/Group.ts`: the file it names, tried the way TypeScript and Node resolve it. */
  private resolveImport(from: string, specifier: string): FileFacts | null {
    return this.resolvePath(path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)));
  }

  private resolvePath(base: string): FileFacts | null {
    for (const file of importCandidates(base)) {
      const facts = this.facts(file);
      if (facts) return facts;
    }
    return null;
  }

  private facts(file: string): FileFacts | null {
    if (this.byFile.has(file)) return this.byFile.get(file)!;
    let facts: FileFacts | null = null;
    const src = this.sourceOf(file);
    if (src && MODEL_EXTENSIONS.some((e) => file.endsWith(`.${e}`))) {
      const parsed = parsedOf(src);
      if (parsed.ok) {
        try {
          facts = new ModelFileReader(src, parsed.ast, this.modules).readFacts();
        } catch {
          facts = null;
        }
      }
    }
    this.byFile.set(file, facts);
    return facts;
  }
}

type Resolved = { kind: 'root' } | { kind: 'class'; cls: ClassFacts } | { kind: 'unknown'; reason: string };

/**
 * The files an import of `base` (a project-relative path, without or with an extension) may name, in the
 * order TypeScript and Node try them; none outside the project.
 */
function importCandidates(base: string): string[] {
  if (base.startsWith('../')) return [];
  const stem = base.replace(/\.(?:[cm]?js)$/, '');
  return [base, ...MODEL_EXTENSIONS.map((e) => `${stem}.${e}`), ...MODEL_EXTENSIONS.map((e) => `${base}/index.${e}`)];
}

/**
 * The project files the interpreter follows from a model file, for what a
 * model spreads from a function of another file (`...BaseModel.attributes()`,
 * `BaseModel` imported from `./_default`): relative imports, each file parsed
 * once and given a module context per import depth. Knows which project file
 * each module context stands for, and the classes of each file (the base
 * class an inherited attribute is written in).
 */
class ImportedModules {
  private readonly loaded = new Map<string, LoadedModule | null>();
  /** `ModuleContext.file` (absolute, or the project-relative path of a source given in memory) -> project-relative path. */
  private readonly files = new Map<string, { file: string; ast: TSESTree.Program }>();
  private readonly spans = new WeakMap<TSESTree.Program, { name: string; start: TSESTree.Position; end: TSESTree.Position }[]>();

  constructor(
    private readonly sourceOf: ReadSource,
    /** The project files a path alias of tsconfig names (`@entities/users` -> `src/entities/users`). */
    private readonly aliases: (specifier: string) => string[] = () => [],
  ) {}

  /** Records the module context of a file read as a model file. */
  register(ctx: ModuleContext, file: string, ast: TSESTree.Program): void {
    this.files.set(ctx.file, { file, ast });
  }

  /** The interpreter's `loadImport`. */
  readonly load = (fromFile: string, specifier: string, depth: number): LoadedModule | null => {
    const from = this.files.get(fromFile);
    if (!from) return null;
    const bases = specifier.startsWith('.') ? [path.posix.normalize(path.posix.join(path.posix.dirname(from.file), specifier))] : this.aliases(specifier);
    for (const file of bases.flatMap(importCandidates)) {
      if (!MODEL_EXTENSIONS.some((e) => file.endsWith(`.${e}`))) continue;
      const key = `${file}\0${depth}`;
      if (this.loaded.has(key)) {
        const known = this.loaded.get(key)!;
        if (known) return known;
        continue;
      }
      const src = this.sourceOf(file);
      let loaded: LoadedModule | null = null;
      const parsed = src ? parsedOf(src) : null;
      if (src && parsed?.ok) {
        const context = moduleContext(src.absPath ?? src.file, src.file, src.source, parsed.ast, depth);
        loaded = { ast: parsed.ast, context, displayPath: src.file };
        this.files.set(context.file, { file: src.file, ast: parsed.ast });
      }
      this.loaded.set(key, loaded);
      if (loaded) return loaded;
    }
    return null;
  };

  /**
   * Where a key of an evaluated object is written: its project file and
   * location, and the class whose body holds it (null outside a class).
   */
  place(origin: KeyOrigin): { file: string; loc: SourceLocation; inClass: string | null } | null {
    const known = this.files.get(origin.file);
    if (!known) return null;
    const at = origin.loc.start;
    const before = (a: TSESTree.Position, b: TSESTree.Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);
    let inClass: string | null = null;
    // Spans are in source order: the last one that holds the key is the innermost.
    for (const span of this.classSpans(known.ast)) if (before(span.start, at) && before(at, span.end)) inClass = span.name;
    return { file: known.file, loc: toSourceLocation(origin.loc), inClass };
  }

  private classSpans(ast: TSESTree.Program): { name: string; start: TSESTree.Position; end: TSESTree.Position }[] {
    let spans = this.spans.get(ast);
    if (spans) return spans;
    const out: { name: string; start: TSESTree.Position; end: TSESTree.Position }[] = [];
    const ancestors: Node[] = [];
    traverse(ast, {
      enter: (node) => {
        if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
          const name = className(node, ancestors);
          if (name) out.push({ name, start: node.loc.start, end: node.loc.end });
        }
        ancestors.push(node);
      },
      leave: () => {
        ancestors.pop();
      },
    });
    spans = out;
    this.spans.set(ast, spans);
    return spans;
  }
}

/**
 * A model class with what its base classes declare: their `@Column`s (the
 * model's own win), then options in prototype order (each class's member
 * decorators, then its `@Table`), as sequelize-typescript reads its
 * metadata. `modelName` is never inherited. A base class that cannot be
 * read may declare anything: the attributes are then incomplete.
 */
function applyBaseClasses(raw: RawModel, cls: ClassFacts, resolver: BaseClassResolver): void {
  const { bases, complete, reason } = resolver.chain(cls);
  if (!complete) {
    raw.attributesComplete = false;
    raw.attributesReason ??= reason;
  }
  markInitOverride(raw, bases);
  if (bases.length === 0) return;
  const attributes = new Map<string, RawAttribute>();
  const bags: { bag: OptionBag; file: string }[] = [];
  for (const base of bases) {
    for (const a of base.attributes) {
      attributes.delete(a.name);
      attributes.set(a.name, { ...a, ...(base.file !== raw.file ? { file: base.file } : {}), ...(base.name ? { inheritedFrom: base.name } : {}) });
    }
    bags.push({ bag: base.memberOptions, file: base.file });
    if (base.table) {
      const props = new Map(base.table.props);
      props.delete('modelName');
      bags.push({ bag: { ...base.table, props }, file: base.file });
    }
  }
  for (const a of cls.attributes) {
    attributes.delete(a.name);
    attributes.set(a.name, a);
  }
  bags.push({ bag: cls.memberOptions, file: cls.file }, { bag: cls.table ?? emptyBag(), file: cls.file });
  raw.attributes = [...attributes.values()];
  raw.options = mergeOptionBags(bags, raw.file);
}

/**
 * A base class with its own `static init(attrs, options)` (merging base attributes, `timestamps`, a renamed
 * `createdAt: 'created_at'` into what it passes to Sequelize's): the model's attributes and options are what that
 * method makes of them, which is not read; the model's are incomplete and its options partial (hold-out 43: 39
 * renamed timestamps read as missing).
 */
function markInitOverride(raw: RawModel, bases: readonly ClassFacts[]): void {
  const initBase = bases.find((b) => b.overridesInit);
  if (!initBase) return;
  raw.attributesComplete = false;
  raw.attributesReason ??= `the base class \`${initBase.name ?? '?'}\` overrides \`init\`: what it adds to the attributes and options is not read`;
  raw.options = { ...raw.options, partial: true };
}

/** The TypeScript type of a get/set accessor: the getter's return type or the setter's parameter type. */
function accessorType(member: TSESTree.MethodDefinition): TSESTree.TypeNode | undefined {
  const fn = member.value;
  if (member.kind === 'get') return fn.returnType?.typeAnnotation;
  const param = fn.params[0];
  return param && param.type === 'Identifier' ? param.typeAnnotation?.typeAnnotation : undefined;
}

/** The location `inner` lies within `outer`. */
function contains(outer: TSESTree.SourceLocation, inner: SourceLocation): boolean {
  const after = (line: number, column: number) => line > outer.start.line || (line === outer.start.line && column >= outer.start.column + 1);
  const before = (line: number, column: number) => line < outer.end.line || (line === outer.end.line && column <= outer.end.column + 1);
  return after(inner.line, inner.column) && before(inner.endLine, inner.endColumn);
}

/** `ParanoidModel`, `Sequelize.Model`; `Base<T>` is its name (type arguments are separate nodes); null for other expressions. */
function dottedName(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = dottedName(node.object);
    return object === null ? null : `${object}.${node.property.name}`;
  }
  return null;
}

/** `require('./base')` -> `./base`. */
function requiredModule(init: TSESTree.Expression | null): string | null {
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return null;
  const arg = init.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : null;
}

/**
 * The model a belongsToMany goes `through`: `() => UserRole` (the decorator's
 * second argument), `{ through: models.UserRole }`, `{ through: { model: () => UserRole } }`, `{ through: { model: models.UserRole } }`.
 * Null for a table name (`through: 'user_roles'`) or when absent.
 */
function throughModel(arg: TSESTree.CallExpressionArgument | undefined): string | null {
  if (!arg || arg.type === 'SpreadElement') return null;
  if ((arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') && arg.body.type !== 'BlockStatement') return modelReference(arg.body);
  if (arg.type !== 'ObjectExpression') return null;
  const through = propertyValue(arg, 'through');
  if (!through) return null;
  if (through.type === 'ObjectExpression') {
    const model = propertyValue(through, 'model');
    if (!model || model.type === 'Literal') return null;
    return throughModel(model as TSESTree.Expression) ?? modelReference(model as TSESTree.Expression);
  }
  if (through.type === 'Literal') return null;
  return throughModel(through as TSESTree.Expression) ?? modelReference(through);
}

/** `{ through: 'user_roles' }`, `{ through: { model: 'user_roles' } }`: `{ throughString }`, or nothing. */
function throughStringOf(arg: TSESTree.CallExpressionArgument | undefined): { throughString?: string } {
  if (!arg || arg.type !== 'ObjectExpression') return {};
  const through = propertyValue(arg, 'through');
  const value = through?.type === 'ObjectExpression' ? propertyValue(through, 'model') : through;
  return value?.type === 'Literal' && typeof value.value === 'string' ? { throughString: value.value } : {};
}

/** The value of an object literal's property `key` (written as a plain property), or undefined. */
function propertyValue(obj: TSESTree.ObjectExpression, key: string): TSESTree.Property['value'] | undefined {
  return obj.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyKey(p) === key)?.value;
}

/**
 * Sequelize removes the `id` it generated from a belongsToMany `through`
 * model (the two foreign keys become its primary key): such a model expects
 * no `id` column.
 */
function dropThroughPrimaryKeys(models: ModelDefinition[], associations: ModelAssociation[]): void {
  for (const a of associations) {
    if (a.type !== 'belongsToMany' || !a.through) continue;
    const name = resolveModelName(a.through, models);
    for (const m of models) {
      if (m.name === null || m.name !== name) continue;
      m.impliedColumns = m.impliedColumns.filter((c) => c.kind !== 'primaryKey');
    }
  }
}

// -----------------------------------------------------------------------------
// Associations

function resolveAssociation(raw: RawAssociation, raws: RawModel[], models: ModelDefinition[], imported?: ReadonlyMap<string, string>): ModelAssociation {
  const sourceIndex = raws.findIndex((m) => m.file === raw.file && m.bindings.includes(raw.sourceBinding));
  // A binding of a file that requires the model's file: the model that file defines (when it defines one).
  const ofFile = (binding: string): string | null => {
    const file = imported?.get(binding);
    const defined = file ? models.filter((m) => withoutExtension(m.file) === file && m.name !== null) : [];
    return defined.length === 1 ? defined[0]!.name : null;
  };
  const source = sourceIndex >= 0 ? models[sourceIndex]!.name : raw.sourceByName ? resolveModelName(raw.sourceBinding, models) : ofFile(raw.sourceBinding);
  const target = raw.target === null ? null : (ofFile(raw.target) ?? resolveModelName(raw.target, models));
  let foreignKey: string | null = null;
  let foreignKeyField: string | null = null;
  let as: string | null = null;
  let otherKey: string | undefined;
  let unresolved = source === null || target === null;
  const o = raw.options;
  if (o.k === 'obj') {
    const fk = o.props.get('foreignKey');
    if (fk?.k === 'str') foreignKey = fk.v;
    else if (fk?.k === 'obj') {
      const name = fk.props.get('name') ?? fk.props.get('fieldName');
      const field = fk.props.get('field');
      if (name?.k === 'str') foreignKey = name.v;
      else unresolved = true;
      if (field?.k === 'str') foreignKeyField = field.v;
      else if (field !== undefined) unresolved = true;
    } else if (fk !== undefined) unresolved = true;
    // `otherKey: 'grant_id'` or `otherKey: { name: 'grant_id' }`.
    const other = raw.type === 'belongsToMany' ? o.props.get('otherKey') : undefined;
    const otherName = other?.k === 'obj' ? other.props.get('name') : other;
    if (otherName?.k === 'str') otherKey = otherName.v;
    const a = o.props.get('as');
    if (a?.k === 'str') as = a.v;
    else if (a !== undefined && a.k !== 'undef') unresolved = true;
    if (o.partial && (fk === undefined || a === undefined)) unresolved = true;
  } else if (o.k !== 'undef') {
    unresolved = true;
  }
  // sequelize-typescript infers a missing foreign key from @ForeignKey, which is always a @Column too.
  if (raw.decorator && foreignKey === null) unresolved = true;
  const association: ModelAssociation = { type: raw.type, source: source ?? raw.sourceBinding, target, foreignKey, foreignKeyField, as, unresolved, file: raw.file, loc: raw.loc };
  // A string names the model of that name when one is defined (the loader defines every model before `associate`).
  if (raw.type === 'belongsToMany') association.through = (raw.through === null ? null : (resolveModelName(raw.through, models) ?? raw.through)) ?? (raw.throughString !== undefined && models.some((m) => m.name === raw.throughString) ? raw.throughString : null);
  if (otherKey !== undefined) association.otherKey = otherKey;
  return association;
}

/** A call of an association method on an identifier: `Course.belongsTo(`, `User.hasMany(`. */
const ASSOCIATION_CALL = /\b[A-Za-z_$][\w$]*\s*\.\s*(?:belongsTo|hasOne|hasMany|belongsToMany)\s*\(/;

/** A model's `associate`: `static associate(models) {...}`, `associate: function`, `Model.associate = (models) => ...`. */
function isAssociateFunction(n: Node): boolean {
  if (n.type === 'MethodDefinition' || n.type === 'Property' || n.type === 'PropertyDefinition') return !n.computed && n.key.type === 'Identifier' && n.key.name === 'associate';
  return n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && !n.left.computed && n.left.property.type === 'Identifier' && n.left.property.name === 'associate';
}

/** An association made on any receiver: `db['Offers'].belongsTo(`, `Users.hasMany(`. */
const WIRES_ASSOCIATION = /\.\s*(?:belongsTo|hasOne|hasMany|belongsToMany)\s*\(/;

/** A call of `associate`: `m.associate(db)`, `m.associate?.(db)`, `m['associate'](db)`. */
const ASSOCIATE_CALL = /\.\s*associate\s*(?:\?\.\s*)?\(|\[\s*['"`]associate['"`]\s*\]\s*(?:\?\.\s*)?\(/;

/**
 * The model files (without extension) whose `associate` no loader calls: a loader that requires the models one by
 * one and calls `associate` on each by name (`Cliente.associate(connection.models)`, ...) leaves out the one it does
 * not name, and the associations that model declares there are never made (hold-out 66: an implied foreign key
 * reported on a join model whose `associate` the loader skips). Empty when any call is not on a model required by
 * name (a loop over the registry, `db[name].associate(db)`): then every `associate` may run.
 */
function associateNeverCalled(files: readonly ModelSource[], modelsDir: string): Set<string> {
  const required = new Set<string>();
  const called = new Set<string>();
  // No file calls `associate` at all, and one of them loads the models by name and wires the associations itself
  // (`Offers.belongsTo(Users, ...)` in models/index.js): no model's `associate` runs (hold-out 71: foreign keys implied
  // by an `associate` the loader never calls, beside the ones it declares by hand).
  if (!files.some((src) => ASSOCIATE_CALL.test(src.source))) {
    const wiresByHand = files.some((src) => {
      if (!WIRES_ASSOCIATION.test(src.source)) return false;
      // The folder's loader (`readdirSync(__dirname)`), or a module that requires two models or more by name.
      if (src.file.startsWith(`${modelsDir}/`) && /\breaddirSync\s*\(\s*__dirname\b/.test(src.source)) return true;
      const parsed = parsedOf(src);
      return parsed.ok && modelBindings(parsed.ast, src.file, modelsDir).size >= 2;
    });
    return wiresByHand ? new Set(files.filter((f) => f.file.startsWith(`${modelsDir}/`)).map((f) => withoutExtension(f.file))) : new Set();
  }
  for (const src of files) {
    if (!ASSOCIATE_CALL.test(src.source)) continue;
    const parsed = parsedOf(src);
    if (!parsed.ok) return new Set();
    const bindings = modelBindings(parsed.ast, src.file, modelsDir);
    let calls = 0;
    let generic = false;
    traverse(parsed.ast, (n) => {
      if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return undefined;
      const callee = n.callee;
      if (callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'associate') return undefined;
      calls++;
      const target = callee.object.type === 'Identifier' ? bindings.get(callee.object.name) : undefined;
      if (target === undefined) generic = true;
      else called.add(target);
      return undefined;
    });
    if (generic) return new Set();
    if (calls > 0) for (const target of bindings.values()) required.add(target);
  }
  return new Set([...required].filter((f) => !called.has(f)));
}

/**
 * The top-level bindings of a file that hold a model file of `modelsDir` (project-relative, without extension):
 * `const Course = require('./models/courses')(db)`, `const Book = require('./models/book')`, `import Tag from
 * './models/tag'`. Binding -> the model file's path without extension.
 */
function modelBindings(ast: TSESTree.Program, file: string, modelsDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const inModels = (spec: string): string | null => {
    if (!spec.startsWith('.')) return null;
    const target = withoutExtension(specifierTarget(file, spec));
    return target.startsWith(`${modelsDir}/`) ? target : null;
  };
  for (const stmt of ast.body) {
    if (stmt.type === 'ImportDeclaration' && typeof stmt.source.value === 'string') {
      const target = inModels(stmt.source.value);
      if (!target) continue;
      for (const sp of stmt.specifiers) if (sp.type === 'ImportDefaultSpecifier') out.set(sp.local.name, target);
      continue;
    }
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      // `require('./models/x')(db)` or `require('./models/x')`.
      const call = d.init.type === 'CallExpression' && d.init.callee.type === 'CallExpression' ? d.init.callee : d.init;
      const spec = requiredModule(call as TSESTree.Expression);
      const target = spec ? inModels(spec) : null;
      if (target) out.set(d.id.name, target);
    }
  }
  return out;
}

/**
 * A model name, or a class / binding name that holds a model, or else the name of one model's file: a loader that
 * keys its registry by file name (`models[file.slice(0, -3)] = sequelize.import(...)`) hands `associate` a
 * `models.CourseStaff` for the model defined as `'courseStaff'` in CourseStaff.js (hold-out 94: the through models of
 * two belongsToMany went unrecognised, and the `id` Sequelize removes from them was reported missing).
 */
function resolveModelName(ref: string, models: ModelDefinition[]): string | null {
  if (models.some((m) => m.name === ref)) return ref;
  const byBinding = models.filter((m) => m.bindings.includes(ref) && m.name !== null);
  if (byBinding.length > 0) return byBinding.length === 1 ? byBinding[0]!.name : null;
  const byFile = models.filter((m) => m.name !== null && path.posix.basename(withoutExtension(m.file)) === ref);
  return byFile.length === 1 ? byFile[0]!.name : null;
}

/**
 * The foreign key attribute each association adds to the model that holds
 * it, unless that model declares it: belongsTo adds it to the source,
 * hasOne / hasMany to the target. Default names follow Sequelize 6
 * (`camelize(as + '_' + primaryKey)`), the column follows the holder's
 * `underscored`. belongsToMany adds them to the through table, which is not
 * a model of the folder: skipped.
 */
function injectForeignKeys(models: ModelDefinition[], associations: ModelAssociation[]): void {
  const byName = new Map<string, ModelDefinition>();
  for (const m of models) if (m.name !== null && !m.unresolved && !byName.has(m.name)) byName.set(m.name, m);
  const imply = (holder: ModelDefinition, fk: string, field: string | null, a: ModelAssociation, reason: string): void => {
    if (holder.attributes.some((x) => x.name === fk) || holder.impliedColumns.some((c) => c.attribute === fk)) return;
    const implied: ImpliedColumn = { kind: 'foreignKey', attribute: fk, column: field ?? underscoredIf(fk, holder.underscored), reason, file: a.file, loc: a.loc };
    if (!holder.attributesComplete || holder.unresolvedOptions.includes('underscored')) implied.uncertain = true;
    holder.impliedColumns.push(implied);
  };
  for (const a of associations) {
    if (a.unresolved || a.target === null) continue;
    const source = byName.get(a.source);
    const target = byName.get(a.target);
    if (!source || !target) continue;
    if (a.type === 'belongsToMany') {
      // The through model gets both keys (Sequelize 6's BelongsToMany: `foreignKey` from the source's singular name and
      // primary key, `otherKey` from the target's, or the `as` of a self-association).
      const through = a.through ? byName.get(a.through) : undefined;
      if (!through) continue;
      const reason = `${source.name}.belongsToMany(${target.name}, { through: ${through.name} })`;
      imply(through, a.foreignKey ?? camelize(`${singularize(source.name!)}_${primaryKeyOf(source)}`), a.foreignKeyField, a, reason);
      const self = source === target;
      // Paired with the target's own belongsToMany through the same model, the other key is that one's foreign key
      // (Sequelize's `paired` association; hold-out 43: `foreignKey: 'role_id'` on each side, no `otherKey`).
      const paired = associations.find((b) => b !== a && b.type === 'belongsToMany' && !b.unresolved && b.source === a.target && b.target === a.source && b.through === a.through);
      imply(through, a.otherKey ?? paired?.foreignKey ?? camelize(`${self && a.as ? singularize(a.as) : singularize(target.name!)}_${primaryKeyOf(target)}`), null, a, reason);
      continue;
    }
    let holder: ModelDefinition;
    let fk = a.foreignKey;
    if (a.type === 'belongsTo') {
      holder = source;
      fk ??= camelize(`${a.as ?? singularize(target.name!)}_${primaryKeyOf(target)}`);
    } else {
      holder = target;
      const base = a.type === 'hasOne' ? singularize(a.as ?? source.name!) : singularize(source.name!);
      fk ??= camelize(`${base}_${primaryKeyOf(source)}`);
    }
    imply(holder, fk, a.foreignKeyField, a, `${source.name}.${a.type}(${target.name})`);
  }
}

function primaryKeyOf(m: ModelDefinition): string {
  return m.attributes.find((a) => a.primaryKey)?.name ?? 'id';
}

// -----------------------------------------------------------------------------

function commonDir(files: string[]): string {
  const dirs = files.map((f) => path.posix.dirname(f));
  return dirs.length > 0 && dirs.every((d) => d === dirs[0]) ? dirs[0]! : '.';
}

