/**
 * Small accessors for libpg-query parse trees.
 *
 * A parse-tree `Node` is an object with exactly one key, the node type
 * (`{ String: { sval: 'users' } }`); these helpers unwrap them with types.
 */
import type { Node, RangeVar } from 'libpg-query';
import type { Target } from '../model';

/** Every node type name, e.g. `'CreateStmt'`, `'String'`. */
export type NodeTag = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The payload type of a node tag: `NodeOf<'IndexStmt'>` is `IndexStmt`. */
export type NodeOf<K extends NodeTag> = Extract<Node, Record<K, unknown>>[K];

/** The node type name of a wrapped node. */
export function tagOf(node: Node): NodeTag {
  // A node has exactly one key by construction of the parse tree JSON.
  return Object.keys(node)[0] as NodeTag;
}

/** The payload of `node` when it has type `tag`, else undefined. */
export function unwrap<K extends NodeTag>(node: Node | undefined, tag: K): NodeOf<K> | undefined {
  if (node === undefined || !(tag in node)) return undefined;
  return (node as unknown as Record<K, NodeOf<K>>)[tag];
}

/** Payloads of the nodes in `nodes` that have type `tag`, in order. */
export function unwrapAll<K extends NodeTag>(nodes: Node[] | undefined, tag: K): NodeOf<K>[] {
  const out: NodeOf<K>[] = [];
  for (const node of nodes ?? []) {
    const payload = unwrap(node, tag);
    if (payload !== undefined) out.push(payload);
  }
  return out;
}

/** The `sval` of each `String` node (qualified names, column lists). */
export function stringList(nodes: Node[] | undefined): string[] {
  return unwrapAll(nodes, 'String').map((s) => s.sval ?? '');
}

/**
 * The name parts of a DROP / COMMENT / RENAME object, whatever its wrapper:
 * `List` of strings (tables, views, triggers), bare `String` (schemas,
 * extensions), `TypeName` (types), `ObjectWithArgs` (functions).
 */
export function objectNameParts(node: Node): string[] {
  const list = unwrap(node, 'List');
  if (list) return stringList(list.items);
  const str = unwrap(node, 'String');
  if (str) return [str.sval ?? ''];
  const typeName = unwrap(node, 'TypeName');
  if (typeName) return stringList(typeName.names);
  const func = unwrap(node, 'ObjectWithArgs');
  if (func) return stringList(func.objname);
  return [];
}

/** A qualified name `[catalog.][schema.]name` split into its schema and name. */
export function splitQualified(parts: string[]): { schema: string | null; name: string | null } {
  return {
    schema: parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null,
    name: parts.length >= 1 ? (parts[parts.length - 1] ?? null) : null,
  };
}

/** The target of a statement on a relation (table, view, index, sequence). */
export function relationTarget(rel: RangeVar | undefined): Target {
  return withSchema({ table: rel?.relname ?? null, column: null }, rel?.schemaname ?? null);
}

/** A target naming a non-relation object (type, function, extension, ...). */
export function namedTarget(parts: string[]): Target {
  const { schema, name } = splitQualified(parts);
  return withSchema({ table: null, column: null, name }, schema);
}

/** Adds `schema` only when the SQL names one: an absent schema means "the search path", not null. */
export function withSchema(target: Target, schema: string | null): Target {
  return schema === null ? target : { ...target, schema };
}
