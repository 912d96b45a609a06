/**
 * Source files of an npm script as parsed units: the syntax tree, a parent
 * map, and the lexical scope lookups the evaluator needs. Files are read,
 * never executed.
 */
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource, type ParseResult } from '../parse';
import { traverse } from '../traverse';
import { StaticScopes, type Declaration } from '../extract/static-scope';
import { toPosix } from '../util/paths';
import type { SourceTransform, Workspace } from '../workspace';

export type Node = TSESTree.Node;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** One parsed file of the script (the script itself, or a local module it requires). */
export interface Unit {
  /** Absolute path. */
  abs: string;
  /** Project-relative POSIX path, as reported. */
  file: string;
  source: string;
  ast: TSESTree.Program;
  parents: Map<Node, Node>;
  /** Names assigned after their declaration anywhere in the file (by name, conservatively). */
  reassigned: Set<string>;
  /** Not followed in npm scripts: a reassigned `let` stays unknown there. */
  straightLets: Set<string>;
  /** Names whose object is written through afterwards (`db.x = ...`, `Object.assign(db, ...)`): their literal is not the whole story. */
  mutated: Set<string>;
  /** The script run by the command (as opposed to a module it requires). */
  root: boolean;
  /** What each name refers to. */
  scopes: StaticScopes;
}

export type LoadResult = { ok: true; unit: Unit } | { ok: false; error: string };

/** A shebang line is not JavaScript. */
const SHEBANG: SourceTransform = { id: 'shebang', apply: (text) => (text.startsWith('#!') ? `//${text.slice(2)}` : text) };

/** Reads and parses one file into a unit, once per workspace (a script and the modules it requires are often shared by several npm scripts). */
export function loadUnit(workspace: Workspace, abs: string, root: boolean, inlineSource?: string): LoadResult {
  if (inlineSource !== undefined) return buildUnit(abs, '<inline>', inlineSource, parseSource(SHEBANG.apply(inlineSource), parserPath(abs)), root);
  return workspace.derive(`scripts:unit:${root}`, abs, () => {
    const file = toPosix(path.relative(workspace.absRoot, abs));
    const read = workspace.readSource(abs);
    if (!read.ok) return { ok: false, error: `cannot read ${file} (${read.code})` };
    return buildUnit(abs, file, read.text, workspace.parse(abs, { parserPath: parserPath(abs), transform: SHEBANG })!, root);
  });
}

function parserPath(abs: string): string {
  return /\.(c|m)?ts$/.test(abs) ? abs : abs.replace(/\.[^./]*$/, '') + '.js';
}

function buildUnit(abs: string, file: string, source: string, parsed: ParseResult, root: boolean): LoadResult {
  if (!parsed.ok) return { ok: false, error: `${file}:${parsed.line} does not parse: ${parsed.message}` };
  const parents = new Map<Node, Node>();
  const reassigned = new Set<string>();
  const mutated = new Set<string>();
  traverse(parsed.ast, (n, parent) => {
    if (parent) parents.set(n, parent);
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier') reassigned.add(n.left.name);
    else if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier') reassigned.add(n.argument.name);
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
      const target = n.type === 'AssignmentExpression' ? n.left : n.argument;
      const root = target.type === 'MemberExpression' ? rootIdentifier(target) : null;
      if (root) mutated.add(root);
    }
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.arguments[0]) {
      const callee = n.callee;
      if (!callee.computed && callee.property.type === 'Identifier' && ['assign', 'push', 'unshift', 'splice', 'set', 'defineProperty'].includes(callee.property.name)) {
        const root = rootIdentifier(callee.property.name === 'assign' || callee.property.name === 'defineProperty' ? n.arguments[0] : callee.object);
        if (root) mutated.add(root);
      }
    }
  });
  return { ok: true, unit: { abs, file, source, ast: parsed.ast, parents, reassigned, straightLets: new Set(), mutated, root, scopes: new StaticScopes(parsed.ast) } };
}

function rootIdentifier(node: Node): string | null {
  let cur: Node = node;
  while (cur.type === 'MemberExpression') cur = cur.object;
  return cur.type === 'Identifier' ? cur.name : null;
}

const RESOLVE_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.cjs', '/index.ts'];

/** Resolves a relative specifier to a file inside the project, or null. */
export function resolveLocal(workspace: Workspace, fromAbs: string, spec: string): string | null {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return null;
  const base = path.resolve(path.dirname(fromAbs), spec);
  for (const ext of RESOLVE_EXTENSIONS) {
    const candidate = base + ext;
    const rel = path.relative(workspace.absRoot, candidate);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    if (workspace.isFile(candidate)) return candidate;
  }
  return null;
}

/** Where a name is declared, as the scripts evaluator reads it. */
export type Decl =
  | Extract<Declaration, { kind: 'var' | 'param' | 'function' | 'import' }>
  | { kind: 'opaque'; why: string };

export function isFunctionNode(n: Node): n is FunctionNode {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/** The declaration an identifier refers to, through the file's scopes; null for globals. */
export function findDecl(unit: Unit, id: TSESTree.Identifier): Decl | null {
  const name = id.name;
  const d = unit.scopes.declarationAt(name, ancestorsOf(unit, id));
  switch (d?.kind) {
    case undefined:
      return null;
    case 'class':
      return { kind: 'opaque', why: `${name} is a class` };
    case 'loop':
      return { kind: 'opaque', why: `${name} is a loop variable` };
    case 'catch':
      return { kind: 'opaque', why: `${name} is a caught error` };
    default:
      return d;
  }
}

function* ancestorsOf(unit: Unit, node: Node): Generator<Node> {
  for (let cur = unit.parents.get(node); cur; cur = unit.parents.get(cur)) yield cur;
}

/** The innermost function around a node, or the program. */
export function enclosingFunction(unit: Unit, node: Node): FunctionNode | TSESTree.Program {
  let cur = unit.parents.get(node);
  while (cur) {
    if (isFunctionNode(cur)) return cur;
    if (cur.type === 'Program') return cur;
    cur = unit.parents.get(cur);
  }
  return unit.ast;
}

/** The name a function is known by: its id, the variable or property it is assigned to. */
export function functionName(unit: Unit, fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = unit.parents.get(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && !parent.computed && parent.key.type === 'Identifier') return parent.key.name;
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression' && !parent.left.computed && parent.left.property.type === 'Identifier') {
    return parent.left.property.name;
  }
  return null;
}

/** The source text of a node, whitespace around line breaks removed, shortened for messages. */
export function nodeText(unit: Unit, node: Node, max = 90): string {
  const raw = unit.source.slice(node.range[0], node.range[1]).replace(/\s*\n\s*/g, (m, offset: number, s: string) => {
    // Keep a space between words, drop it before `.` and after `(`/`{`.
    const before = s[offset - 1] ?? '';
    const after = s[offset + m.length] ?? '';
    return /[({[]/.test(before) || /[.)}\]]/.test(after) ? '' : ' ';
  });
  return raw.length > max ? `${raw.slice(0, max - 3)}...` : raw;
}


/** The file a `node <path>` runs (project-relative), trying `src/x.ts` for a `dist/x.js` that is not built. */
export function locateScript(workspace: Workspace, spec: string): { found: true; file: string } | { found: false; why: string } {
  const candidates = [spec, ...['.js', '.cjs', '.mjs', '.ts', '/index.js'].map((e) => spec + e)];
  const built = /^(\.\/)?(dist|build|lib|out)\/(.*)\.(c|m)?js$/.exec(spec);
  if (built) candidates.push(`src/${built[3]}.ts`, `src/${built[3]}.js`, `${built[3]}.ts`);
  // The build folder itself (`node dist`): its index, built from `src/index`.
  if (/^(\.\/)?(dist|build|out)\/?$/.test(spec)) candidates.push('src/index.ts', 'src/index.js', 'src/index.mjs');
  for (const c of candidates) {
    const abs = path.resolve(workspace.absRoot, c);
    const rel = path.relative(workspace.absRoot, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { found: false, why: `${spec} is outside the project` };
    if (workspace.isFile(abs)) return { found: true, file: toPosix(rel) };
  }
  return { found: false, why: `cannot read ${spec} (not in the project${built ? ', and no source found for the build output' : ''})` };
}
