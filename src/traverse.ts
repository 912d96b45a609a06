/**
 * The one way migralint walks an ESTree: `@typescript-eslint/visitor-keys`
 * gives each node type's children in source order. Type-only positions
 * (annotations, type parameters and arguments) are skipped by default: no
 * reader looks for values there, and skipping them keeps walks cheap.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { getKeys, visitorKeys } from '@typescript-eslint/visitor-keys';

type Node = TSESTree.Node;

/** Keys that hold types only. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

const valueKeysCache = new Map<string, readonly string[]>();

/** The child keys of a node type, type-only positions left out unless `withTypes`. */
function childKeys(node: Node, withTypes: boolean): readonly string[] {
  const all = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? getKeys(node);
  if (withTypes) return all;
  let keys = valueKeysCache.get(node.type);
  if (!keys) {
    keys = all.filter((k) => !TYPE_KEYS.has(k));
    valueKeysCache.set(node.type, keys);
  }
  return keys;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as Node).type === 'string';
}

/** Calls `fn` on each direct child node, in source order. */
export function forEachChild(node: Node, fn: (child: Node) => void, withTypes = false): void {
  for (const key of childKeys(node, withTypes)) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) fn(item);
    } else if (isNode(value)) {
      fn(value);
    }
  }
}

/** What `enter` may answer: `skip` leaves the node's children out, `stop` ends the walk. */
export type VisitAction = void | 'skip' | 'stop';

export interface Visitor {
  /** Called before the node's children; `parent` is null for the root. */
  enter(node: Node, parent: Node | null): VisitAction;
  /** Called after the node's children (not for skipped nodes). */
  leave?(node: Node): void;
  /** Walk type annotations too. */
  withTypes?: boolean;
}

/**
 * Depth-first, parents first, in source order. Iterative: deeply nested
 * generated code does not overflow the stack.
 */
export function traverse(root: Node, visitor: Visitor | ((node: Node, parent: Node | null) => VisitAction)): void {
  const v: Visitor = typeof visitor === 'function' ? { enter: visitor } : visitor;
  const withTypes = v.withTypes ?? false;
  const leave = v.leave;
  // Parallel stacks: the node, its parent, and whether the entry is the node's leave.
  const nodes: Node[] = [root];
  const parents: (Node | null)[] = [null];
  const leaving: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    if (leaving.pop()) {
      leave!(node);
      continue;
    }
    const action = v.enter(node, parent);
    if (action === 'stop') return;
    if (action === 'skip') continue;
    if (leave) {
      nodes.push(node);
      parents.push(parent);
      leaving.push(true);
    }
    // Children pushed last-first, so they pop in source order.
    const keys = childKeys(node, withTypes);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item: unknown = value[i];
          if (isNode(item)) {
            nodes.push(item);
            parents.push(node);
            leaving.push(false);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(node);
        leaving.push(false);
      }
    }
  }
}
