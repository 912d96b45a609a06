/**
 * Which column type changes PostgreSQL makes without a USING clause.
 *
 * `ALTER COLUMN ... TYPE t` with no USING converts the old values with an
 * assignment cast; where none exists PostgreSQL refuses the statement
 * ("column "c" cannot be cast automatically to type t", 42804), whatever the
 * table holds, empty or not. Sequelize's changeColumn writes no USING, except
 * for an ENUM target (it casts `"c"::"enum_t_c"`, which a text column
 * passes and any other type does not).
 *
 * Measured with Sequelize 6.37 on PGlite (PostgreSQL 17): every pair of the
 * families below, `changeColumn(t, c, { type })` on a column of the other
 * type (test/semantics/failing-changes.test.ts). A type migralint cannot place
 * in a family is `null`: no claim is made about it.
 */

/** Families of column types that convert among themselves the same way. */
export type TypeFamily = 'text' | 'number' | 'boolean' | 'timestamp' | 'date' | 'time' | 'uuid' | 'json' | 'array' | 'enum' | 'binary';

/** The families each family converts to without USING (besides itself); `text` takes every type (an I/O conversion). */
const CONVERTS_TO: Readonly<Record<TypeFamily, readonly TypeFamily[]>> = {
  text: [],
  number: [],
  boolean: [],
  timestamp: ['date', 'time'],
  date: ['timestamp'],
  time: [],
  uuid: [],
  json: [],
  // Not measured between array types (varchar[] -> integer[]): left unjudged.
  array: ['array'],
  enum: [],
  binary: [],
};

/**
 * Type names by family: Sequelize's DataTypes (upper case, as extraction writes
 * them: `STRING(20)`, `ARRAY(STRING)`) and PostgreSQL's (lower case, as the
 * SQL reader writes them: `varchar(20)`, `text[]`). `DATE` is Sequelize's
 * timestamp with time zone; `date` is PostgreSQL's date.
 */
const SEQUELIZE_TYPES: Readonly<Record<string, TypeFamily>> = {
  STRING: 'text',
  CHAR: 'text',
  TEXT: 'text',
  CITEXT: 'text',
  INTEGER: 'number',
  BIGINT: 'number',
  SMALLINT: 'number',
  MEDIUMINT: 'number',
  TINYINT: 'number',
  FLOAT: 'number',
  DOUBLE: 'number',
  REAL: 'number',
  DECIMAL: 'number',
  NUMBER: 'number',
  BOOLEAN: 'boolean',
  DATE: 'timestamp',
  DATEONLY: 'date',
  TIME: 'time',
  UUID: 'uuid',
  JSON: 'json',
  JSONB: 'json',
  ARRAY: 'array',
  ENUM: 'enum',
  BLOB: 'binary',
};

const POSTGRES_TYPES: Readonly<Record<string, TypeFamily>> = {
  varchar: 'text',
  'character varying': 'text',
  char: 'text',
  character: 'text',
  bpchar: 'text',
  text: 'text',
  citext: 'text',
  smallint: 'number',
  integer: 'number',
  int: 'number',
  bigint: 'number',
  numeric: 'number',
  decimal: 'number',
  real: 'number',
  'double precision': 'number',
  boolean: 'boolean',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  date: 'date',
  time: 'time',
  timetz: 'time',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  bytea: 'binary',
};

/** The family of a type as extraction writes it, or null when it is not one migralint places. */
export function typeFamily(type: string | null | undefined): TypeFamily | null {
  if (!type) return null;
  const written = type.trim();
  if (/\[\d*\]$/.test(written)) return 'array';
  // Sequelize's DataTypes: `STRING(20)`, `INTEGER.UNSIGNED`, `ARRAY(STRING)`.
  const head = /^[A-Z]+/.exec(written)?.[0];
  if (head && head === written.split(/[(.\s]/)[0] && SEQUELIZE_TYPES[head]) return SEQUELIZE_TYPES[head];
  // PostgreSQL's names, as the SQL reader writes them or as a builder call spells them (`type: 'VARCHAR(255)'`).
  const name = written.toLowerCase().replace(/\s*\(.*\)\s*$/, '');
  return POSTGRES_TYPES[name] ?? null;
}

/**
 * Whether PostgreSQL refuses `ALTER COLUMN ... TYPE to` on a column of type
 * `from`: true only when both families are known and no cast exists.
 * `enumUsing`: the change comes from Sequelize's changeColumn, which casts a
 * text column to a new ENUM with a USING of its own.
 */
export function castFails(from: TypeFamily, to: TypeFamily, enumUsing: boolean): boolean {
  if (from === to || to === 'text') return false;
  if (to === 'enum' && from === 'text' && enumUsing) return false;
  return !CONVERTS_TO[from].includes(to);
}

/**
 * Whether PostgreSQL refuses a foreign key from a column of type `child` to
 * one of type `parent` ("foreign key constraint ... cannot be implemented",
 * 42804), on an empty table too: it needs an equality operator between them,
 * or an implicit cast of the child's type. True only when both families are
 * known and differ, a date against a timestamp aside (measured in
 * test/semantics/failing-changes.test.ts). Within a family no claim is made,
 * though a numeric column referencing an integer key fails too.
 */
export function foreignKeyRejects(child: TypeFamily, parent: TypeFamily): boolean {
  if (child === parent) return false;
  const dates: readonly TypeFamily[] = ['date', 'timestamp'];
  return !(dates.includes(child) && dates.includes(parent));
}

/**
 * A column type in PostgreSQL's own terms: its base name (`varchar`,
 * `timestamptz`, `numeric`) and its modifiers (`[255]`, `[10, 2]`; null when
 * the type has none). Null when migralint cannot say which type PostgreSQL
 * gets (ENUM, arrays, domains, extension types).
 */
export interface PostgresType {
  base: string;
  mods: number[] | null;
}

/** Sequelize's DataTypes as PostgreSQL stores them (Sequelize 6's postgres dialect), and the default modifiers it writes. */
const SEQUELIZE_TO_POSTGRES: Readonly<Record<string, PostgresType>> = {
  STRING: { base: 'varchar', mods: [255] },
  CHAR: { base: 'char', mods: [255] },
  TEXT: { base: 'text', mods: null },
  CITEXT: { base: 'citext', mods: null },
  INTEGER: { base: 'integer', mods: null },
  BIGINT: { base: 'bigint', mods: null },
  SMALLINT: { base: 'smallint', mods: null },
  FLOAT: { base: 'double precision', mods: null },
  DOUBLE: { base: 'double precision', mods: null },
  REAL: { base: 'real', mods: null },
  DECIMAL: { base: 'numeric', mods: null },
  NUMBER: { base: 'numeric', mods: null },
  BOOLEAN: { base: 'boolean', mods: null },
  DATE: { base: 'timestamptz', mods: null },
  DATEONLY: { base: 'date', mods: null },
  TIME: { base: 'time', mods: null },
  UUID: { base: 'uuid', mods: null },
  JSON: { base: 'json', mods: null },
  JSONB: { base: 'jsonb', mods: null },
  BLOB: { base: 'bytea', mods: null },
};

/** PostgreSQL's spellings of the same types, as the SQL reader or a builder string (`'VARCHAR(20)'`) writes them. */
const POSTGRES_ALIASES: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  character: 'char',
  bpchar: 'char',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  decimal: 'numeric',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
};

const POSTGRES_BASES = new Set([
  'varchar', 'char', 'text', 'integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision', 'boolean',
  'timestamp', 'timestamptz', 'date', 'time', 'uuid', 'json', 'jsonb', 'bytea', 'inet', 'cidr',
]);

/** The PostgreSQL type a column declared as `type` gets; null when not one migralint knows the storage of. */
export function postgresType(type: string | null | undefined): PostgresType | null {
  if (!type) return null;
  const written = type.trim();
  if (/\[\d*\]$/.test(written)) return null;
  const sequelize = /^([A-Z]+)(?:\(([^)]*)\))?(\.[A-Z]+)*$/.exec(written);
  if (sequelize) {
    const known = SEQUELIZE_TO_POSTGRES[sequelize[1]!];
    if (!known) return null;
    // STRING.BINARY is bytea; UNSIGNED / ZEROFILL mean nothing on PostgreSQL.
    if (sequelize[3] === '.BINARY') return known.base === 'varchar' ? { base: 'bytea', mods: null } : null;
    if (sequelize[2] === undefined) return known;
    const mods = modifiers(sequelize[2]);
    // INTEGER(11), TEXT('long'): PostgreSQL has no modifier for these; a modifier of STRING, CHAR, DECIMAL is kept.
    if (known.base === 'varchar' || known.base === 'char' || known.base === 'numeric') return mods ? { base: known.base, mods } : null;
    return known.mods === null && (known.base === 'integer' || known.base === 'bigint' || known.base === 'smallint' || known.base === 'text') ? known : null;
  }
  const sql = /^([a-z][a-z0-9 ]*?)\s*(?:\(([^)]*)\))?$/i.exec(written);
  if (!sql) return null;
  const name = sql[1]!.toLowerCase();
  const base = POSTGRES_ALIASES[name] ?? name;
  if (!POSTGRES_BASES.has(base)) return null;
  if (sql[2] === undefined) return { base, mods: base === 'char' ? [1] : null };
  const mods = modifiers(sql[2]);
  return mods ? { base, mods } : null;
}

function modifiers(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : null;
}

/** Base types between which PostgreSQL's cast is binary-coercible: the values are kept as they are, the table is not rewritten. */
const BINARY_COERCIBLE: ReadonlySet<string> = new Set(['varchar>text', 'text>varchar', 'cidr>inet']);

/**
 * Whether `ALTER COLUMN ... TYPE to` on a column of type `from` rewrites the
 * whole table (and its indexes) under ACCESS EXCLUSIVE: true when the
 * conversion changes the stored values or must check each of them; false
 * when PostgreSQL keeps the data as it is (same type, a longer varchar,
 * varchar to text, a wider numeric precision, an unbounded target). Null
 * when either type is unknown, or the cast fails altogether (no-impossible-cast's
 * case), or the answer depends on the session's time zone (timestamp to
 * timestamptz rewrites unless it is UTC). Measured on PostgreSQL 17 (PGlite):
 * test/semantics/rewrites.test.ts.
 */
export function typeChangeRewrites(from: PostgresType | null, to: PostgresType | null): boolean | null {
  if (!from || !to) return null;
  if (from.base !== to.base) {
    if ((from.base === 'timestamp' && to.base === 'timestamptz') || (from.base === 'timestamptz' && to.base === 'timestamp')) return null;
    if (!BINARY_COERCIBLE.has(`${from.base}>${to.base}`)) return true;
    // text to varchar(n) checks every value's length.
    return to.mods !== null && to.base !== 'text';
  }
  if (to.mods === null) return from.mods !== null && from.base === 'char';
  if (from.mods === null) return true;
  switch (from.base) {
    case 'varchar':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return to.mods[0]! < from.mods[0]!;
    case 'numeric':
      // A larger precision with the same scale keeps every value.
      return !(to.mods[0]! >= from.mods[0]! && (to.mods[1] ?? 0) === (from.mods[1] ?? 0));
    default:
      return to.mods.join(',') !== from.mods.join(',');
  }
}

/** Numeric types by the values they hold: each holds every value of those before it in its list (without error). */
const NUMERIC_WIDENINGS: Readonly<Record<string, readonly string[]>> = {
  smallint: ['integer', 'bigint', 'real', 'double precision', 'numeric'],
  integer: ['bigint', 'real', 'double precision', 'numeric'],
  bigint: ['real', 'double precision', 'numeric'],
  real: ['double precision'],
};

/**
 * A numeric change every value survives: an integer type to a wider integer, a floating point type or an unbounded
 * numeric, or real to double precision. PostgreSQL rewrites the table, but no value can fail to convert (bigint to
 * real rounds; it does not fail). Measured in test/semantics/failing-changes.test.ts, with the narrowing that fails
 * (bigint to integer on a value out of range).
 */
export function wideningKeepsValues(from: PostgresType | null, to: PostgresType | null): boolean {
  if (!from || !to || from.mods !== null) return false;
  if (to.base === 'numeric' && to.mods !== null) return false;
  return NUMERIC_WIDENINGS[from.base]?.includes(to.base) === true;
}

/**
 * The new maximum length when a change of a text column shortens it: `text` or `varchar(m)` to `varchar(n)` or
 * `char(n)` with n < m (an unbounded column counts as longer than any n). Such a change checks every value, and
 * PostgreSQL refuses one that is longer ("value too long", measured: test/semantics/narrowing-rollback.test.ts).
 * Null when the change does not shorten a text column, or either type is unknown.
 */
export function shortenedLength(from: PostgresType | null, to: PostgresType | null): number | null {
  if (!from || !to) return null;
  const textual = (t: PostgresType) => t.base === 'text' || t.base === 'citext' || t.base === 'varchar' || t.base === 'char';
  if (!textual(from) || (to.base !== 'varchar' && to.base !== 'char') || to.mods === null) return null;
  const limit = to.mods[0]!;
  const before = from.base === 'text' || from.base === 'citext' || from.mods === null ? Infinity : from.mods[0]!;
  return limit < before ? limit : null;
}

/**
 * A type every value converts to, on PostgreSQL and MySQL alike, with no length a value of another column type can
 * exceed: `TEXT`, `CITEXT`, MySQL's `MEDIUMTEXT` / `LONGTEXT` (Sequelize's `TEXT('medium')`, `TEXT('long')`). Not
 * `TEXT('tiny')` (255 bytes on MySQL).
 */
export function unboundedText(type: string): boolean {
  const t = type.trim().toUpperCase();
  return /^(TEXT|CITEXT|MEDIUMTEXT|LONGTEXT)$/.test(t) || /^TEXT\s*\(\s*['"]?(LONG|MEDIUM)['"]?\s*\)$/.test(t);
}
