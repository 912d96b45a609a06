/**
 * Static name resolution for the readers that evaluate an expression where it
 * stands (npm scripts, config files): which declaration a name refers to,
 * from `@typescript-eslint/scope-manager`'s scopes.
 *
 * The migration interpreter does not use it: it runs `up`/`down` and binds
 * each name to an abstract value per call (a helper's parameter holds a
 * different table name at each call site, a loop variable each element of a
 * constant list), which a static scope cannot hold. Its `Env` chain is the
 * dynamic counterpart of these scopes.
 */
import type { Scope, ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { patternPaths, type PathStep } from './syntax';
import { traverse } from '../traverse';

type Node = TSESTree.Node;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** What a name is declared as. `path` leads from the declared value to the name (destructuring). */
export type Declaration =
  /** `defaultValue`: the default of a destructured name (`const { a = 1 } = init`). */
  | {
      kind: 'var';
      declarator: TSESTree.VariableDeclarator;
      declaration: TSESTree.VariableDeclaration;
      declKind: string;
      path: PathStep[];
      defaultValue: TSESTree.Expression | null;
    }
  | { kind: 'param'; fn: FunctionNode; index: number; path: PathStep[]; defaultValue: TSESTree.Expression | null }
  | { kind: 'function'; node: FunctionNode }
  | { kind: 'class' }
  /** `imported`: the imported name; null for a default or namespace import. */
  | { kind: 'import'; spec: string; imported: string | null }
  | { kind: 'loop' }
  | { kind: 'catch' };

/** Names Node.js gives every module without a declaration: its globals and CommonJS's wrapper arguments. */
export const RUNTIME_GLOBALS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(globalThis), 'require', 'module', 'exports', '__dirname', '__filename']);

export class StaticScopes {
  private manager: ScopeManager | null | undefined = undefined;
  private heads: Set<Node> | null = null;
  private parentMap: Map<Node, Node> | null = null;

  constructor(private readonly ast: TSESTree.Program) {}

  /** The declarations in `for (...)` heads. */
  private get loopHeads(): ReadonlySet<Node> {
    if (!this.heads) {
      const heads = new Set<Node>();
      traverse(this.ast, (n) => {
        if (n.type === 'ForStatement' && n.init?.type === 'VariableDeclaration') heads.add(n.init);
        else if ((n.type === 'ForInStatement' || n.type === 'ForOfStatement') && n.left.type === 'VariableDeclaration') heads.add(n.left);
      });
      this.heads = heads;
    }
    return this.heads;
  }

  /** Each node's parent, for readers that hold a node but not the chain to it. */
  private get parents(): ReadonlyMap<Node, Node> {
    if (!this.parentMap) {
      const parents = new Map<Node, Node>();
      traverse(this.ast, (n, parent) => {
        if (parent) parents.set(n, parent);
      });
      this.parentMap = parents;
    }
    return this.parentMap;
  }

  /** Null when the analysis fails on odd input: every name then reads as undeclared. */
  private get scopes(): ScopeManager | null {
    if (this.manager === undefined) {
      try {
        // Without the default library: its globals are not declarations of the file anyway. Loaded on the first
        // analysis (about 180 modules): a run that resolves no name never loads it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { analyze } = require('@typescript-eslint/scope-manager') as typeof import('@typescript-eslint/scope-manager');
        this.manager = analyze(this.ast, { sourceType: 'module', lib: [] });
      } catch {
        this.manager = null;
      }
    }
    return this.manager;
  }

  /**
   * The declaration `name` refers to at a place, given the chain of nodes
   * from the place outwards (`ancestors`, innermost first); null when the
   * file does not declare it there (a global, or undeclared).
   */
  declarationAt(name: string, ancestors: Iterable<Node>): Declaration | null {
    const scopes = this.scopes;
    if (!scopes) return null;
    let scope: Scope | null = null;
    for (const n of ancestors) {
      scope = scopes.acquire(n, true);
      if (scope) break;
    }
    for (let s: Scope | null = scope ?? scopes.globalScope; s; s = s.upper) {
      const v = s.set.get(name);
      const d = v ? declarationOf(v, this.loopHeads) : null;
      if (d) return d;
    }
    return null;
  }

  /** The nodes around a node of the file, innermost first (the program last). */
  ancestors(node: Node): Node[] {
    const out: Node[] = [];
    for (let cur = this.parents.get(node); cur; cur = this.parents.get(cur)) out.push(cur);
    return out;
  }

  /** The declaration an identifier of the file refers to where it stands (see `declarationAt`). */
  declarationOf(id: TSESTree.Identifier): Declaration | null {
    return this.declarationAt(id.name, this.ancestors(id));
  }

  /**
   * The first value reference inside `fn` (source order) to a name no scope declares where it stands, although the
   * file declares that name elsewhere (another function's parameter or variable): at run time a ReferenceError. A
   * name the file ever assigns undeclared (an implicit global), a `typeof` test and a reference inside a `try` block
   * are left out. Names in `nowhere` count even where the file declares them nowhere (no global of Node.js either). Null
   * when there is none, or the analysis fails.
   */
  strandedReference(fn: Node, nowhere: ReadonlySet<string> = new Set()): TSESTree.Identifier | null {
    const scopes = this.scopes;
    if (!scopes) return null;
    const declared = new Set<string>();
    for (const s of scopes.scopes) for (const v of s.variables) if (v.defs.length > 0) declared.add(v.name);
    const implicit = new Set((scopes.globalScope?.through ?? []).filter((r) => r.isWrite()).map((r) => r.identifier.name));
    const [start, end] = fn.range;
    let first: TSESTree.Identifier | null = null;
    for (const s of scopes.scopes) {
      const [bs, be] = s.block.range;
      if (bs < start || be > end) continue;
      for (const ref of s.references) {
        const id = ref.identifier;
        if (ref.resolved !== null || !ref.isValueReference || id.type !== 'Identifier') continue;
        if ((!declared.has(id.name) && !nowhere.has(id.name)) || implicit.has(id.name) || RUNTIME_GLOBALS.has(id.name)) continue;
        if (first && first.range[0] <= id.range[0]) continue;
        const around = this.ancestors(id);
        if (around[0]?.type === 'UnaryExpression' && around[0].operator === 'typeof') continue;
        // Inside a `try` block (up to the function): a catch around it decides.
        const inTry = around.findIndex((n, i) => n.type === 'TryStatement' && n.block === (around[i - 1] ?? id));
        const fnAt = around.indexOf(fn);
        if (inTry >= 0 && (fnAt < 0 || inTry < fnAt)) continue;
        first = id;
      }
    }
    return first;
  }

  /** The declaration of `name` at the top level of the module. */
  topLevel(name: string): Declaration | null {
    return this.declarationAt(name, [this.ast]);
  }
}

function declarationOf(v: Variable, loopHeads: ReadonlySet<Node>): Declaration | null {
  for (const def of v.defs) {
    switch (def.type) {
      case 'Variable': {
        const declarator = def.node;
        const decl = def.parent;
        if (loopHeads.has(decl)) return { kind: 'loop' };
        const bound = patternPaths(declarator.id).find((b) => b.name === v.name);
        if (!bound) return null;
        return { kind: 'var', declarator, declaration: decl, declKind: decl.kind, path: bound.path, defaultValue: bound.defaultNode ?? null };
      }
      case 'Parameter': {
        const fn = def.node as FunctionNode;
        for (let index = 0; index < fn.params.length; index += 1) {
          const p = fn.params[index]!;
          const target = p.type === 'TSParameterProperty' ? p.parameter : p;
          // A rest parameter is not followed.
          if (target.type === 'RestElement') continue;
          const bound = patternPaths(target).find((b) => b.name === v.name);
          if (!bound) continue;
          const defaultValue = target.type === 'AssignmentPattern' && bound.path.length === 0 ? target.right : null;
          return { kind: 'param', fn, index, path: bound.path, defaultValue };
        }
        return null;
      }
      case 'FunctionName':
        return def.node.type === 'TSDeclareFunction' || def.node.type === 'TSEmptyBodyFunctionExpression' ? null : { kind: 'function', node: def.node as FunctionNode };
      case 'ClassName':
        return { kind: 'class' };
      case 'CatchClause':
        return { kind: 'catch' };
      case 'ImportBinding': {
        const spec = def.node;
        if (spec.type === 'TSImportEqualsDeclaration') return null;
        const source = def.parent.type === 'ImportDeclaration' ? String(def.parent.source.value) : null;
        if (source === null) return null;
        const imported = spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value)) : null;
        return { kind: 'import', spec: source, imported: imported === 'default' ? null : imported };
      }
      default:
        continue;
    }
  }
  return null;
}
