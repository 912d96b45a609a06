import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { traverse } from '../traverse';
import type { ModelDefinition, Operation, ProjectModel } from '../model';
import { projectReplay, tableKey, type ReplayedColumn } from '../schema/replay';
import { unseedsAll } from './reversal';
import { columnNameFold, modelsOfTable } from './project-facts';
import { isTestPath, NOT_PROJECT_CODE } from '../util/paths';
import { escapeRegExp } from '../util/text';
import { codeOnly, SPECIFIER, specifierTarget, withoutExtension } from '../util/module-specifiers';
import type { Workspace } from '../workspace';
import { aliasTargets, ASSOCIATION_METHODS, mappedColumns, readPathAliases, type PathAlias } from '../models/read-models';
import { setsDefault } from './operations';

/**
 * Whether the application's own code uses a model: a model whose table no
 * migration leaves behind is an error only when code queries it ("every query
 * fails"); a model nothing outside the models folder names (its callers
 * commented out, a file carried over from another project) is dead code.
 *
 * Checked only for the models whose table, or one of whose columns, the replayed
 * migrations do not have (usually none or a few): each of their names (`modelName`, and the
 * identifiers that hold the model in its file) is looked for in the code of
 * the project outside the models folder, migrations, seeders, tests and build
 * output. A file whose text holds a name is parsed, and the name counts only
 * as code (an identifier, a property, a string such as `models['User']`), not
 * in a comment. The answer is written on the model (`usedBy`).
 */
export function addModelUse(project: ProjectModel, workspace: Workspace): void {
  const analysis = project.models;
  if (!analysis || !project.migrations.some((m) => m.status === 'ok')) return;
  const schema = projectReplay(project.migrations).schema;
  // SQL the replay cannot read may have created any table: a table the replay lacks says nothing then. A column a
  // known table lacks still does (the table's own uncertainty says whether anything unread touched it).
  const opaque = schema.opaque.length > 0;
  const fold = columnNameFold(project);
  // Models whose table the migrations lack, or one of whose columns (a missing column fails only the queries that
  // select it: none when no code uses the model).
  // The model's table, where the replay knows every column of it.
  const knownTable = (m: (typeof analysis.models)[number]) => {
    const table = schema.tables.get(tableKey(m.schema, m.tableName!));
    return table && !table.uncertain && table.columnsKnown ? table : undefined;
  };
  // The columns of the model's known table, compared as no-model-drift compares them (a `UserId` an association implies
  // is missing beside `userId` on PostgreSQL); null when the table is not known.
  const presentColumns = (m: (typeof analysis.models)[number]): Set<string> | null => {
    const table = knownTable(m);
    return table ? new Set([...table.columns.keys()].map(fold)) : null;
  };
  // Models whose table lacks a column the model implies (`id`, a timestamp): queries fail only where they select it.
  const lacksImplied = (m: (typeof analysis.models)[number], present = presentColumns(m)): boolean => present !== null && m.impliedColumns.some((c) => !c.uncertain && !present.has(fold(c.column)));
  const lacksColumn = (m: (typeof analysis.models)[number]): boolean => {
    const present = presentColumns(m);
    return present !== null && (m.attributes.some((a) => !a.virtual && !a.unresolved && !present.has(fold(a.column))) || lacksImplied(m, present));
  };
  // Models whose table has a NOT NULL column without a default that they do not map: every row they create fails, but
  // only if code creates rows through them (hold-out 66: a model nothing imports, reported as failing its creates).
  const missesRequired = (m: (typeof analysis.models)[number]): boolean => {
    const table = knownTable(m);
    if (!table || !m.attributesComplete) return false;
    const mapped = new Set([...mappedColumns(m)].map(fold));
    return [...table.columns.values()].some((c) => requiredOnCreate(c) && !mapped.has(fold(c.name)));
  };
  const candidates = analysis.models.filter((m) => !m.unresolved && m.tableName !== null && ((!opaque && !schema.tables.has(tableKey(m.schema, m.tableName))) || lacksColumn(m) || missesRequired(m)));
  if (candidates.length === 0) return;
  const modelsDir = analysis.modelsDir.replace(/\/+$/, '');
  let files = sourceFiles(workspace, project);
  if (files === null) return;
  const inModels = (f: string) => modelsDir !== '' && (f === modelsDir || f.startsWith(`${modelsDir}/`));
  const modelFiles = files.filter(inModels).slice(0, MAX_FILES);
  files = files.filter((f) => !inModels(f) && !isTestPath(f)).sort().slice(0, MAX_FILES);
  // No application code beside the models and the database config (a copy of only the migration folders, a package
  // of models): whether the application uses a model cannot be told, so nothing is said.
  const configDir = project.project.configFile ? path.posix.dirname(project.project.configFile) : null;
  if (!files.some((f) => configDir === null || configDir === '.' || !f.startsWith(`${configDir}/`))) return;
  // Nothing outside the models folder imports or requires it (the application talks to the database another way: raw
  // SQL through `pg`, another ORM): no model is loaded, so none is used, whatever names the code shares with them.
  // The files the models themselves import (a base class in `lib/db/`) are the model layer, not the application.
  const modelLayer = importedBy(workspace, modelFiles);
  const application = files.filter((f) => !modelLayer.has(withoutExtension(f)));
  const aliases = readPathAliases(workspace);
  if (modelsDir !== '' && application.length > 0 && !application.some((f) => loadsFrom(workspace, f, modelsDir, aliases))) {
    for (const model of analysis.models) {
      model.usedBy = null;
      model.notLoaded ??= `no module outside \`${modelsDir}/\` imports, requires or names that folder`;
    }
    return;
  }
  // A model file no module imports, where nothing loads the folder as a whole (no `readdirSync`, glob or
  // sequelize-typescript `models: [...]` path anywhere): the loader lists its models by name and leaves this one
  // out (an unfinished file, a copy). It is not loaded, whatever names the code shares with it.
  // Whether a model file is loaded is read from the application's imports: with no application code beside the model
  // layer (a package of models), it cannot be told.
  const unimported = application.length === 0 ? new Set<string>() : modelsNoModuleImports(workspace, [...modelFiles, ...files], candidates.map((m) => m.file), modelsDir, aliases);
  for (const model of candidates) if (unimported.has(model.file)) model.notLoaded ??= `no module imports \`${model.file}\`, and nothing loads \`${modelsDir}/\` as a whole`;
  for (const model of candidates) {
    const names = modelNames([model]);
    if (names.length === 0) continue;
    const alternatives = names.map((n) => n.replace(/\$/g, '\\$')).join('|');
    const pattern = new RegExp(`(?<![\\w$])(?:${alternatives})(?![\\w$])`);
    // `Model.removeAttribute('id')` in the application's code (the model's own file is read by src/models/read-models.ts):
    // read from the text (in a comment too: the safe side, the attribute is taken as gone).
    const removal = new RegExp(`(?<![\\w$])(?:${alternatives})\\s*\\.\\s*removeAttribute\\(\\s*['"\`]([\\w$]+)['"\`]\\s*\\)`, 'g');
    const removed = new Set<string>();
    for (const file of files) {
      const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
      if (text !== null && text.includes('removeAttribute')) for (const m of text.matchAll(removal)) removed.add(m[1]!);
    }
    if (removed.size > 0) model.removedAttributes = [...removed].sort();
    let usedBy: string | null = null;
    // For a model that leaves a required column out: whether any use may insert rows through it (hold-out 66, 68: a
    // model the code only reads, its rows written by seeders or raw SQL, reported as failing its creates).
    const askInserts = missesRequired(model);
    let inserts = false;
    // For a model whose table lacks a column it implies: whether every use lists the attributes it reads (hold-out 96:
    // reference tables read with `attributes: [...]` and counted, written by seeders, reported as failing every query).
    const askListed = lacksImplied(model);
    let listed = askListed;
    for (const file of files) {
      const abs = workspace.resolve(file);
      const text = workspace.text(abs, { maxBytes: MAX_SIZE });
      if (text === null || !pattern.test(text)) continue;
      const parsed = workspace.parse(abs);
      // Names the file imports from a module that is not of the models folder (`import { User } from './models/user.model'`
      // of another folder, a package) name something else there: another model of the same name (hold-out 69).
      const own = parsed?.ok ? names.filter((n) => !importedElsewhere(parsed.ast as unknown as TSESTree.Program, file, n, modelsDir, aliases)) : names;
      if (own.length === 0) continue;
      // A file that does not parse: its text names the model, which is all that can be said.
      if (!parsed?.ok || namesInCode(parsed.ast as unknown as TSESTree.Node, new Set(own))) {
        usedBy ??= file;
        // The places the file names the model, walked once for both questions.
        const refs = parsed?.ok && (listed || (askInserts && !inserts)) ? modelReferences(parsed.ast as unknown as TSESTree.Node, new Set(own)) : null;
        if (listed && (refs === null || !readsOnlyListed(refs))) listed = false;
        if (!askInserts) {
          if (!listed) break;
          continue;
        }
        if (!inserts && (refs === null || insertsThrough(refs))) {
          inserts = true;
          if (!listed) break;
        }
      }
    }
    model.usedBy = usedBy;
    if (askInserts && usedBy !== null && !inserts) model.insertsRows = false;
    if (askListed && usedBy !== null && listed) model.listedReadsOnly = true;
  }
}

/**
 * The file declares a class or function `name` of its own, or binds it by an import or a require of a module outside
 * the models folder: relative to another folder, or a path alias that resolves elsewhere. A specifier migralint cannot
 * place (a package, which may be a workspace package of the models; an alias it does not know) may be the models', so
 * it is not elsewhere.
 */
function importedElsewhere(ast: TSESTree.Program, file: string, name: string, modelsDir: string, aliases: readonly PathAlias[]): boolean {
  const inModels = (t: string) => t === modelsDir || t.startsWith(`${modelsDir}/`);
  const elsewhere = (spec: string): boolean => {
    if (spec.startsWith('.')) return !inModels(withoutExtension(specifierTarget(file, spec)));
    const targets = aliasTargets(aliases, spec).map((t) => t.replace(/^\.\//, '').replace(/\/+$/, ''));
    // A package may be the project's own (a workspace package of models): not known to be elsewhere.
    return targets.length > 0 && !targets.some((t) => inModels(withoutExtension(t)));
  };
  for (const top of ast.body) {
    // A class or function of its own of that name (`export class User extends Model`): another model, not this one.
    const stmt = (top.type === 'ExportNamedDeclaration' || top.type === 'ExportDefaultDeclaration') && top.declaration ? top.declaration : top;
    if ((stmt.type === 'ClassDeclaration' || stmt.type === 'FunctionDeclaration') && stmt.id?.name === name) return true;
    if (stmt.type === 'ImportDeclaration' && typeof stmt.source.value === 'string') {
      if (stmt.specifiers.some((sp) => sp.local.name === name)) return elsewhere(stmt.source.value);
      continue;
    }
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      const init = d.init;
      const spec = init && init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'Literal' && typeof init.arguments[0].value === 'string' ? init.arguments[0].value : null;
      if (spec === null) continue;
      const bound = d.id.type === 'Identifier' ? d.id.name === name : d.id.type === 'ObjectPattern' && d.id.properties.some((p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === name);
      if (bound) return elsewhere(spec);
    }
  }
  return false;
}

/** Model methods that insert no row: reads, updates, deletes. A call of any other method may (`create`, `bulkCreate`, `upsert`, `findOrCreate`, `build`, `scope(...)` and then create). */
const NO_INSERT = new Set(['findAll', 'findOne', 'findByPk', 'findById', 'find', 'findAndCountAll', 'findAndCount', 'count', 'max', 'min', 'sum', 'aggregate', 'update', 'destroy', 'increment', 'decrement', 'truncate', 'describe', 'getTableName', ...ASSOCIATION_METHODS, 'removeAttribute', 'addScope', 'addHook', 'init', 'associate', 'sync']);

/**
 * The places code in `ast` names a model by one of `names` (`User`, `db.User`, `models['User']`: the member is the
 * reference), with each node's parent; bindings (imports, requires, destructurings, a declaration's name) and types
 * are left out. A reference with no parent is `null`.
 */
interface ModelReferences {
  refs: { ref: TSESTree.Node; parent: TSESTree.Node | null }[];
  parents: Map<TSESTree.Node, TSESTree.Node | null>;
}

function modelReferences(ast: TSESTree.Node, names: ReadonlySet<string>): ModelReferences {
  const parents = new Map<TSESTree.Node, TSESTree.Node | null>();
  const found: TSESTree.Node[] = [];
  traverse(ast, (node, parent) => {
    parents.set(node, parent);
    if (node.type === 'Identifier' && names.has(node.name)) found.push(node);
    else if (node.type === 'Literal' && typeof node.value === 'string' && names.has(node.value) && parent?.type === 'MemberExpression' && parent.computed && parent.property === node) found.push(node);
    return undefined;
  });
  const refs: { ref: TSESTree.Node; parent: TSESTree.Node | null }[] = [];
  for (const id of found) {
    let ref: TSESTree.Node = id;
    let parent = parents.get(ref) ?? null;
    // `db.User` / `models['User']`: the member is the model.
    if (parent?.type === 'MemberExpression' && parent.property === ref) {
      ref = parent;
      parent = parents.get(ref) ?? null;
    }
    if (parent) {
      // A type (`user: User`, `Repository<User>`).
      if (parent.type.startsWith('TS')) continue;
      // Bindings: `import User from`, `const { User } = require(...)`, `const User = db.User`, a declaration's name.
      if (parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportSpecifier' || parent.type === 'ImportNamespaceSpecifier') continue;
      if (parent.type === 'VariableDeclarator' && (parent.id === ref || (parent.id.type === 'Identifier' && names.has(parent.id.name)))) continue;
      if (parent.type === 'Property' && parents.get(parent)?.type === 'ObjectPattern') continue;
    }
    refs.push({ ref, parent });
  }
  return { refs, parents };
}

/** Reads that select only what their options list: `attributes: [...]` (names, aliased pairs, functions), not `{ exclude }`. */
const LISTED_READS = new Set(['findAll', 'findOne', 'findAndCountAll', 'findByPk']);

/** An options object whose `attributes` is a list. */
function listsAttributes(node: TSESTree.Node | undefined): boolean {
  if (node?.type !== 'ObjectExpression') return false;
  return node.properties.some((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'attributes' && p.value.type === 'ArrayExpression');
}

/** `Team.hasMany(User, ...)`: `ref` is an argument of an association declared. */
function associationArgument(parent: TSESTree.Node, ref: TSESTree.Node): boolean {
  return parent.type === 'CallExpression' && parent.arguments.includes(ref as TSESTree.CallExpressionArgument) && parent.callee.type === 'MemberExpression' && !parent.callee.computed && parent.callee.property.type === 'Identifier' && ASSOCIATION_METHODS.has(parent.callee.property.name);
}

/**
 * Whether every place code names the model (`modelReferences`) reads through it with the attributes listed: `findAll` /
 * `findOne` / `findAndCountAll` (options first) or `findByPk` (options second) with `attributes: [...]`, `count`, an
 * association declared, or `{ model: User, attributes: [...] }` in an `include`. Anything else (a bare `include:
 * [User]`, a create, an update, passed elsewhere) may select or write every column.
 */
function readsOnlyListed({ refs, parents }: ModelReferences): boolean {
  for (const { ref, parent } of refs) {
    if (!parent) return false;
    if (parent.type === 'MemberExpression' && parent.object === ref) {
      const method = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : null;
      const call = parents.get(parent);
      if (call?.type !== 'CallExpression' || call.callee !== parent || method === null) return false;
      // `COUNT(*)`: no column, unless it joins or counts one (`include`, `col`).
      const countOptions = call.arguments[0];
      if (method === 'count' && (countOptions === undefined || (countOptions.type === 'ObjectExpression' && !countOptions.properties.some((p) => p.type !== 'Property' || p.computed || p.key.type !== 'Identifier' || ['include', 'col', 'distinct', 'attributes'].includes(p.key.name))))) continue;
      if (ASSOCIATION_METHODS.has(method)) continue;
      if (LISTED_READS.has(method) && listsAttributes(call.arguments[method === 'findByPk' ? 1 : 0] as TSESTree.Node | undefined)) continue;
      return false;
    }
    if (associationArgument(parent, ref)) continue;
    // `{ model: User, attributes: [...] }` in an include.
    if (parent.type === 'Property' && parent.value === ref && !parent.computed && parent.key.type === 'Identifier' && parent.key.name === 'model' && listsAttributes(parents.get(parent) ?? undefined)) continue;
    return false;
  }
  return true;
}

/**
 * Whether code may insert rows through a model at the places it names it (`modelReferences`): true unless each calls a
 * method that inserts nothing (`User.findAll(...)`, `db.User.update(...)`), reads a property of it, or lists it in an
 * `include` / `model:`. Any other use (passed to a function, exported, kept under another name) may insert.
 */
function insertsThrough({ refs, parents }: ModelReferences): boolean {
  for (const { ref, parent } of refs) {
    if (!parent) return true;
    if (parent.type === 'MemberExpression' && parent.object === ref) {
      const method = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : null;
      const call = parents.get(parent);
      if (call?.type === 'CallExpression' && call.callee === parent) {
        if (method !== null && NO_INSERT.has(method)) continue;
        return true;
      }
      // A property read (`User.tableName`, `User.rawAttributes`).
      if (!(call?.type === 'AssignmentExpression' && call.left === parent)) continue;
      return true;
    }
    // An association declared, nothing inserted.
    if (associationArgument(parent, ref)) continue;
    // `include: [User]`, `{ model: User }`: a read joined into another model's query.
    if (parent.type === 'Property' && parent.value === ref && !parent.computed && parent.key.type === 'Identifier' && ['model', 'include'].includes(parent.key.name)) continue;
    const list = parent.type === 'ArrayExpression' ? parents.get(parent) : null;
    if (list?.type === 'Property' && list.key.type === 'Identifier' && list.key.name === 'include') continue;
    return true;
  }
  return false;
}

/**
 * A column every INSERT must name: NOT NULL, no default, sequence or primary key, declared by a migration's builder call
 * and not changed since, unconditionally. A model that does not map it fails every row it creates (measured,
 * test/semantics/model-omits-not-null-column.test.ts).
 */
export function requiredOnCreate(column: ReplayedColumn): boolean {
  return column.allowNull === false && !column.sequence && column.definition !== null && column.definition.primaryKey !== true && !setsDefault(column.definition.defaultValue) && column.changedBy.length === 0 && !column.conditional;
}

/** Project-relative paths (without extension) that `modelFiles` (the files of the models folder) import or require relatively. */
function importedBy(workspace: Workspace, modelFiles: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const file of modelFiles) {
    const raw = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (raw === null) continue;
    for (const m of codeOnly(raw).matchAll(SPECIFIER)) {
      if (!m[1]!.startsWith('.')) continue;
      const target = withoutExtension(specifierTarget(file, m[1]!));
      out.add(target);
      out.add(`${target}/index`);
    }
  }
  return out;
}

/**
 * Of `modelFiles`, those that no file of `sources` (other than itself) imports or requires, by a relative path or by a
 * non-relative one ending in its name (an alias), when no file of `sources` loads a folder as a whole (`readdir`, a
 * glob, sequelize-typescript's `models:` / `modelPaths` / `addModels`). Empty when one does.
 */
function modelsNoModuleImports(workspace: Workspace, sources: readonly string[], modelFiles: readonly string[], modelsDir: string, aliases: readonly PathAlias[]): Set<string> {
  // Who imports each module (project-relative, without extension), and the base names of bare specifiers no tsconfig
  // alias resolves (a package, or an alias migralint cannot read: it may be a model's).
  const imported = new Map<string, Set<string>>();
  const bare = new Set<string>();
  const inModels = (f: string) => f === modelsDir || f.startsWith(`${modelsDir}/`);
  // Modules that load the folder as a whole (`readdirSync(__dirname)`): any model may be loaded, unless the module is a
  // loader inside the models folder that nothing imports (sequelize-cli's generated `models/index.js` left beside a
  // hand-written list the application uses: hold-out 81).
  const wholesale: string[] = [];
  for (const file of sources) {
    const raw = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (raw === null) return new Set();
    const text = codeOnly(raw);
    if (WHOLESALE.test(text) && mayLoadFolder(file, text, modelsDir)) {
      if (!inModels(file)) return new Set();
      wholesale.push(file);
    }
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1]!;
      const targets = spec.startsWith('.') ? [specifierTarget(file, spec)] : aliasTargets(aliases, spec).map((t) => path.posix.normalize(t));
      if (targets.length === 0) {
        bare.add(withoutExtension(path.posix.basename(spec)));
        continue;
      }
      for (const target of targets.map(withoutExtension)) for (const t of [target, `${target}/index`]) imported.set(t, (imported.get(t) ?? new Set()).add(file));
    }
  }
  // The folder itself imported (`require('../models')`) with no index file the workspace can read: what it loads is
  // not known.
  const index = sources.some((f) => /^index\.[cm]?[jt]sx?$/.test(path.posix.relative(modelsDir, f)));
  if (!index && imported.has(modelsDir)) return new Set();
  // A loader of the models folder that some module imports (the folder's `index`, or the file by name) loads them all.
  // (Or a specifier migralint cannot place that names the folder, `@app/models`: it may be this one.)
  if (wholesale.some((f) => imported.has(withoutExtension(f)) || bare.has(path.posix.basename(modelsDir)))) return new Set();
  // A model file is loaded when a module outside the models folder imports it, or a loaded model file does (a model
  // importing another for its associations loads it only if it is loaded itself).
  const loaded = new Set<string>();
  const queue: string[] = [];
  for (const [target, by] of imported) if (inModels(target) && [...by].some((f) => !inModels(f))) queue.push(target);
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (loaded.has(next)) continue;
    loaded.add(next);
    for (const [target, by] of imported) if (inModels(target) && !loaded.has(target) && [...by].some((f) => withoutExtension(f) === next)) queue.push(target);
  }
  const out = new Set<string>();
  for (const file of new Set(modelFiles)) {
    const base = withoutExtension(file);
    if (loaded.has(base) || bare.has(path.posix.basename(base))) continue;
    out.add(file);
  }
  return out;
}



/**
 * A module that loads every file of a folder may load `modelsDir`: it sits in that folder, names the folder's last
 * segment somewhere in its text (`path.join(__dirname, 'models')`), or loads by a glob or a model list
 * (sequelize-typescript's `models: [...]`, `addModels`), which may reach any folder. A `readdirSync(__dirname)` in a
 * folder of its own (sequelize-cli's leftover `models/index.js` beside the application's `src/data/models`) does not
 * (hold-out 65).
 */
function mayLoadFolder(file: string, text: string, modelsDir: string): boolean {
  if (modelsDir === '' || modelsDir === '.' || path.posix.dirname(file) === modelsDir || text.includes(path.posix.basename(modelsDir))) return true;
  return /\*\*?\/|\*\.|\bmodelPaths\b|\baddModels\s*\(|\bmodels\s*:\s*\[/.test(text);
}

/** Code that loads every file of a folder: `readdirSync`, a glob, sequelize-typescript's model paths. */
const WHOLESALE = /\breaddir(?:Sync)?\s*\(|\bglob(?:Sync)?\s*[.(]|\bimport\.meta\.glob|\bmodelPaths\b|\baddModels\s*\(|\bmodels\s*:\s*\[\s*(?:path\.|__dirname|['"`])/;


/**
 * The file names a module of the models folder in a `require`, an `import` or an `import()`: a relative path into
 * it, or a non-relative one (an alias, a package) that names the folder's last segment (`@/models`, `db/models/user`),
 * which may be it. Read from the text: a specifier in a comment counts too (the safe side: the model stays used).
 */
function loadsFrom(workspace: Workspace, file: string, modelsDir: string, aliases: readonly PathAlias[]): boolean {
  const raw = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
  if (raw === null) return true;
  const text = codeOnly(raw);
  const folder = path.posix.basename(modelsDir);
  // The folder named in a string at all (`path.join(__dirname, '..', 'models')`, a glob): it may be loaded. Not in a
  // module specifier, read exactly below (`require('./models/admin')` names another folder of the same name).
  const unspecified = text.replace(SPECIFIER, (m) => m.replace(/['"`][^'"`]*['"`]/, "''"));
  if (new RegExp(`['"\`/\\\\]${escapeRegExp(folder)}(['"\`/\\\\]|$)`, 'm').test(unspecified)) return true;
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) {
      const target = specifierTarget(file, spec);
      if (target === modelsDir || target.startsWith(`${modelsDir}/`)) return true;
    } else if (spec.split('/').includes(folder)) {
      // A tsconfig path alias says which folder it is (`@app/domain/models` -> `src/domain/models`, another folder of
      // the same name); without one, it may be this one.
      const targets = aliasTargets(aliases, spec).map((t) => t.replace(/^\.\//, '').replace(/\/+$/, ''));
      if (targets.length === 0 || targets.some((t) => t === modelsDir || t.startsWith(`${modelsDir}/`))) return true;
    }
  }
  return false;
}

/**
 * An identifier, a property key or a string of the tree equal to one of `names`, other than an alias nothing reads:
 * `const Ipd = db.Ipd` whose binding `Ipd` the file never names again takes the model and does nothing with it.
 */
function namesInCode(ast: TSESTree.Node, names: ReadonlySet<string>): boolean {
  // The nodes of alias declarations (`const X = db.X`, `const X = X`): the declared name and the property read.
  // `let PhotosCategory = db.photoscategory`, whatever the binding is called, when the file never names that binding again.
  const aliasNodes = new Set<TSESTree.Node>();
  const declared: { id: TSESTree.Identifier; read: TSESTree.Identifier }[] = [];
  const uses = new Map<string, number>();
  const parents = new Map<TSESTree.Node, TSESTree.Node | null>();
  traverse(ast, (node, parent) => {
    parents.set(node, parent);
    if (node.type === 'Identifier') uses.set(node.name, (uses.get(node.name) ?? 0) + 1);
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) return undefined;
    const init = node.init;
    const read = init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier' ? init.property : init.type === 'Identifier' ? init : null;
    if (read && names.has(read.name)) declared.push({ id: node.id, read });
    return undefined;
  });
  // `const { ActivityArchive: Archive } = db`: the key names the model, the binding holds it under another name; a
  // binding the file never names again makes the key no use (hold-out 83, 86).
  traverse(ast, (node) => {
    if (node.type !== 'ObjectPattern') return undefined;
    for (const p of node.properties) {
      if (p.type !== 'Property' || p.computed || p.shorthand || p.key.type !== 'Identifier' || !names.has(p.key.name)) continue;
      const binding = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (binding.type === 'Identifier' && (uses.get(binding.name) ?? 0) <= 1) aliasNodes.add(p.key);
    }
    return undefined;
  });
  for (const { id, read } of declared) {
    // The declaration itself names it once (twice when the binding and the property are the same name).
    const own = id.name === read.name ? 2 : 1;
    if ((uses.get(id.name) ?? 0) > own) continue;
    aliasNodes.add(id);
    aliasNodes.add(read);
  }
  let found = false;
  traverse(ast, (node, parent) => {
    if (found) return 'stop';
    if (aliasNodes.has(node)) return undefined;
    const n = node as { type: string; name?: unknown; value?: unknown };
    if ((n.type === 'Identifier' || n.type === 'JSXIdentifier') && typeof n.name === 'string' && names.has(n.name)) found = !notAUse(node, parent, parents);
    else if (n.type === 'Literal' && typeof n.value === 'string' && names.has(n.value) && modelKey(node, parent)) found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}

/**
 * A name that does not use the model (hold-out 70, 71): the binding of an import or a require, which only loads it;
 * a Sequelize operator (`Op.like`, `[Op.in]`); an entry of the list a loader registers models with (`const models =
 * [Invite, Project]` mapped to `init`, `addModels([...])`, `SequelizeModule.forFeature([User])`, `models: [...]`),
 * which loads it and runs no query.
 */
function notAUse(node: TSESTree.Node, parent: TSESTree.Node | null, parents: ReadonlyMap<TSESTree.Node, TSESTree.Node | null>): boolean {
  if (!parent) return false;
  if (parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportSpecifier' || parent.type === 'ImportNamespaceSpecifier') return true;
  // The binding of a destructuring (`const { User } = require('../models')`, `const { User } = db`, with a default
  // `{ User = X }`): it takes the model out of the object and runs no query; the binding's later uses are the uses
  // (hold-out 83, 86: a stub service destructures models it never queries).
  const binding = parent.type === 'AssignmentPattern' && parent.left === node ? parents.get(parent) ?? null : parent;
  if (binding?.type === 'Property' && parents.get(binding)?.type === 'ObjectPattern' && (binding.value === node || binding.value === parent || (binding.shorthand && binding.key === node))) return true;
  if (parent.type === 'VariableDeclarator' && parent.id === node) {
    const init = parent.init;
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  }
  if (parent.type === 'MemberExpression' && parent.property === node) {
    const object = parent.object;
    const op = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' ? object.property.name : null;
    return op === 'Op';
  }
  if (parent.type !== 'ArrayExpression' || !parent.elements.every((e) => e?.type === 'Identifier')) return false;
  const holder = parents.get(parent) ?? null;
  if (!holder) return false;
  if (holder.type === 'Property') return !holder.computed && holder.key.type === 'Identifier' && holder.key.name === 'models';
  if (holder.type === 'VariableDeclarator') return parent.elements.length >= 2;
  if (holder.type === 'CallExpression') {
    const callee = holder.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
    return name !== null && REGISTERS.has(name);
  }
  return false;
}

/** Calls that register models with an instance or a module: they load them and query nothing. */
const REGISTERS = new Set(['addModels', 'forFeature', 'forRoot', 'forRootAsync', 'initModels']);

/**
 * A string naming a model where code looks a model up by it: a computed member (`db['User']`), an argument
 * (`sequelize.model('User')`, `getModel('User')`), an array element or an object property's value (`include: [{ model:
 * 'User' }]`, a list of names). Not one held in a variable or returned (`let table = "daily_data"`, which raw SQL reads
 * as a table name): that names a table, not the model.
 */
function modelKey(node: TSESTree.Node, parent: TSESTree.Node | null): boolean {
  if (!parent) return false;
  if (parent.type === 'MemberExpression') return parent.computed && parent.property === node;
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') return parent.arguments.includes(node as TSESTree.CallExpressionArgument);
  // An object property's value only under a key that takes a model (`{ model: 'User' }`), not any text (`{ example: 'User' }`
  // of an API document: hold-out 69).
  const modelProperty = parent.type === 'Property' && parent.value === node && !parent.computed && parent.key.type === 'Identifier' && MODEL_KEYS.has(parent.key.name);
  return parent.type === 'ArrayExpression' || modelProperty || parent.type === 'TSLiteralType';
}

/** Option keys whose value names a model: `include: [{ model: 'User' }]`, `through: 'UserRole'`. */
const MODEL_KEYS = new Set(['model', 'through', 'target', 'source', 'include', 'models']);

const SOURCE_GLOB = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
/** Folders that hold no application code that runs against the database. */
const IGNORED = [...NOT_PROJECT_CODE, '**/*.d.ts', '**/migrations/**', '**/seeders/**'];
const MAX_FILES = 20_000;
const MAX_SIZE = 512 * 1024;


/**
 * The project's source files (no dependencies, build output, migrations or seeders: folders so named, and the folders
 * the project's migrations are read from, whatever their name, `src/mysql_migrations`); null when they cannot be listed.
 */
function sourceFiles(workspace: Workspace, project: ProjectModel): string[] | null {
  const info = project.project;
  const folders = [...new Set([info.migrationsDir, ...(info.runner?.migrationsDirs ?? [])].filter((d): d is string => typeof d === 'string' && d !== '' && d !== '.'))].map((d) => d.replace(/\/+$/, ''));
  const inMigrations = (f: string) => folders.some((d) => f.startsWith(`${d}/`));
  try {
    return workspace.glob(SOURCE_GLOB, { ignore: IGNORED, onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true }).filter((f) => !inMigrations(f));
  } catch {
    return null;
  }
}

/**
 * Which application module writes rows into the tables whose emptiness the rules ask about (`ProjectModel.tableWriters`):
 * each table a `down` empties after its own `up` seeded it (a lookup list only the migrations and seeders fill loses
 * nothing else when the rollback empties it: hold-out labels, 19 of 27 such warnings not worth one), and each table an
 * `up` inserts rows into or adds a column to (a table nothing has written yet holds no rows that a NOT NULL column or a
 * unique key could meet: hold-out 88). Read from the text of the application's modules (outside the models folder,
 * migrations, seeders and tests), each read once.
 */
export function addTableWriters(project: ProjectModel, workspace: Workspace): void {
  const analysis = project.models;
  if (!analysis || analysis.models.length === 0) return;
  const targets = new Map<string, { table: string; schema?: string }>();
  const target = (op: Operation) => targets.set(tableKey(op.target.schema, op.target.table!), { table: op.target.table!, ...(op.target.schema ? { schema: op.target.schema } : {}) });
  for (const migration of project.migrations) {
    for (const op of migration.down) if (op.target.table && unseedsAll(migration, op)) target(op);
    for (const op of migration.up) if (op.target.table && (op.op === 'addColumn' || op.op === 'insert' || op.op === 'bulkInsert')) target(op);
  }
  if (targets.size === 0) return;
  const modelsDir = analysis.modelsDir.replace(/\/+$/, '');
  const all = sourceFiles(workspace, project);
  if (all === null) return;
  const files = all.filter((f) => !(modelsDir !== '' && (f === modelsDir || f.startsWith(`${modelsDir}/`))) && !isTestPath(f)).sort().slice(0, MAX_FILES);
  if (files.length === 0) return;
  // What each module writes, read once: the names it creates rows through (`X.create(`, `new X(`) and the tables its
  // SQL or query builder inserts into.
  const written = files.map((file) => ({ file, ...writesOf(workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE })) }));
  const through = new Set(analysis.associations.map((a) => a.through).filter((t): t is string => typeof t === 'string'));
  const writers = new Map<string, string | null>();
  // Every model read with its table: a table none of them maps has no model to write it through (hold-out 70).
  const allTablesKnown = analysis.models.every((m) => !m.unresolved && m.tableName !== null);
  for (const [key, target] of targets) {
    const models = modelsOfTable(project, target).filter((m) => !m.unresolved);
    if ((models.length === 0 && !allTablesKnown) || models.some((m) => (m.name !== null && through.has(m.name)) || m.bindings.some((b) => through.has(b)))) continue;
    const names = modelNames(models);
    if (names.length === 0 && models.length > 0) continue;
    const writes = (w: (typeof written)[number]) => names.some((n) => w.names.has(n)) || w.sqlTables.has(target.table.toLowerCase()) || w.builderTables.has(target.table);
    // A module of the application before a seed script (`resetAndSeed.js`): which writes decides whether users' rows are there.
    const writer = written.find((w) => !isSeedScript(w.file) && writes(w)) ?? written.find(writes);
    writers.set(key, writer ? writer.file : null);
  }
  if (writers.size > 0) project.tableWriters = writers;
}

/** Identifiers and quoted names as the writes of `addTableWriters` read them. */
const CREATES_THROUGH = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\.\s*(?:create|bulkCreate|upsert|findOrCreate|findCreateFind|build|insertOrUpdate)\s*\(|\bnew\s+([A-Za-z_$][\w$]*)\s*\(/g;
const INSERTS_INTO = /\binsert\s+(?:ignore\s+)?into\s+[`"']?([\w$]+)[`"']?(?![\w$])/gi;
const BUILDER_INSERTS = /\bbulkInsert\s*\(\s*['"`]([^'"`]+)['"`]|\(\s*['"`]([^'"`]+)['"`]\s*\)\s*\.\s*insert\s*\(/g;

/** What a module's text writes: the names it creates rows through, the tables SQL inserts into (lower case), and those a builder does. */
function writesOf(text: string | null): { names: Set<string>; sqlTables: Set<string>; builderTables: Set<string> } {
  const names = new Set<string>();
  const sqlTables = new Set<string>();
  const builderTables = new Set<string>();
  if (text !== null) {
    for (const m of text.matchAll(CREATES_THROUGH)) names.add((m[1] ?? m[2])!);
    for (const m of text.matchAll(INSERTS_INTO)) sqlTables.add(m[1]!.toLowerCase());
    for (const m of text.matchAll(BUILDER_INSERTS)) builderTables.add((m[1] ?? m[2])!);
  }
  return { names, sqlTables, builderTables };
}

/** The identifiers the models go by in code: `modelName`, and the names that hold each in its file. */
function modelNames(models: readonly ModelDefinition[]): string[] {
  return [...new Set(models.flatMap((m) => [m.name, ...m.bindings]).filter((n): n is string => typeof n === 'string' && /^[A-Za-z_$][\w$]*$/.test(n)))];
}

/** A script that seeds or resets the database (`seed.js`, `scripts/seeds/users.js`, `resetAndSeed.js`), not a module users' requests run. */
export function isSeedScript(file: string): boolean {
  return /(^|[/_.-])(seed|seeds|seeder|seeders|seeding)([/_.-]|$)|[a-z]Seed(s|er|ers|ing)?([/_.-]|[A-Z]|$)/.test(file);
}
