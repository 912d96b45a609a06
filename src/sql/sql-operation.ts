import type { JsonValue, OpKind, Target } from '../model';

/** One operation performed by a SQL statement. */
export interface SqlOperation {
  op: OpKind;
  /** What the statement acts on; `null` fields are unknown (or came from a hole). */
  target: Target;
  /** IF [NOT] EXISTS, CREATE OR REPLACE, ADD VALUE IF NOT EXISTS. */
  guard: 'sql-if-exists' | null;
  /** Facts rules need, camelCase keys (`concurrently`, `where`, `type`, `notNull`, ...). */
  options: Record<string, JsonValue>;
  /** CREATE INDEX: the indexed columns, `null` for expressions. */
  fields?: (string | null)[];
  /** The text of this statement only, trimmed; shared by the operations of one ALTER TABLE. */
  statement: string;
  /** Set when the SQL does not parse: the parser's message. */
  sqlError?: string;
  /** A table, column or other name was a hole placeholder. */
  unresolved?: boolean;
  /** The hole number a target name came from whole (`DROP SCHEMA ${schema}`: `name` 0), for the caller to say how it is written. */
  holeOf?: { table?: number; column?: number; name?: number };
  /** Character offset of `statement` inside the analyzed SQL. */
  offset?: number;
  /**
   * Not given to the PostgreSQL parser (the SQL runs on another dialect): the
   * kind and target come from the leading keywords only.
   */
  notParsed?: true;
}
