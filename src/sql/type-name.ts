/**
 * Renders a parse-tree `TypeName` back to readable SQL (`varchar(255)[]`,
 * `integer`, `"MyEnum"`), so rules can compare and print column types.
 */
import type { Node, TypeName } from 'libpg-query';
import { stringList, unwrap } from './nodes';

/**
 * The parser rewrites SQL-standard type names to internal ones
 * (`integer` -> `pg_catalog.int4`); map them back to the names people write.
 * Internal names not listed here (`numeric`, `timestamptz`, `interval`, ...)
 * are already readable.
 */
const BUILTIN_NAMES: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

/**
 * Types whose modifier is not a plain list of numbers: `interval day to
 * second` is stored as a field bitmask that would render as `interval(7176)`.
 */
const OPAQUE_TYPMODS = new Set(['interval']);

/** Quotes an identifier when PostgreSQL would not read it back unchanged. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `TypeName` as SQL text, e.g. `varchar(255)[]`, `double precision`, `s.my_type`. */
export function formatTypeName(typeName: TypeName): string {
  const parts = stringList(typeName.names);
  const builtin = parts.length === 2 && parts[0] === 'pg_catalog';
  const base = builtin ? (parts[1] ?? '') : parts.join('.');
  const name = builtin ? (BUILTIN_NAMES[base] ?? base) : parts.map(quoteIdent).join('.');

  let text = typeName.setof ? `setof ${name}` : name;
  if (typeName.typmods?.length && !(builtin && OPAQUE_TYPMODS.has(base))) {
    text += `(${typeName.typmods.map(formatTypmod).join(',')})`;
  }
  for (const bound of typeName.arrayBounds ?? []) {
    const size = unwrap(bound, 'Integer')?.ival ?? -1;
    text += size >= 0 ? `[${size}]` : '[]';
  }
  if (typeName.pct_type) text += '%TYPE';
  return text;
}

function formatTypmod(node: Node): string {
  const constant = unwrap(node, 'A_Const');
  if (constant) {
    // The parse-tree JSON omits zero values: `{ ival: {} }` is 0.
    if (constant.ival) return String(constant.ival.ival ?? 0);
    if (constant.sval) return `'${(constant.sval.sval ?? '').replace(/'/g, "''")}'`;
    if (constant.fval) return constant.fval.fval ?? '0';
  }
  const ref = unwrap(node, 'ColumnRef');
  if (ref) return stringList(ref.fields).join('.');
  return '?';
}
