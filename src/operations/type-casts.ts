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
