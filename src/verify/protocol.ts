/**
 * What the verify parent (src/verify/run.ts) and its child process
 * (src/verify/child.ts, which runs the project's code) say to each other over
 * Node's IPC channel: one request, one reply, in turn.
 */

/** How the child's Sequelize reaches the database. */
export interface ConnectionSpec {
  /** Sequelize's dialect: `mysql` (the mysql2 driver) and `mariadb` (the mariadb driver) both reach MySQL and MariaDB servers. */
  dialect: 'postgres' | 'mysql' | 'mariadb';
  host: string;
  port: number;
  database: string;
  username: string;
  password?: string;
  /** MySQL: the database a run that is undone afterwards copies the scratch database into (dropped by the parent too). */
  copy?: string;
}

/** How a migration module is called: sequelize-cli's `(queryInterface, Sequelize)`, or umzug 3's `({ name, path, context })`. */
export type CallStyle = 'cli' | 'umzug';

export type Request =
  | { id: number; op: 'init'; sequelize: string; connection: ConnectionSpec }
  | {
      id: number;
      op: 'migrate';
      file: string;
      direction: 'up' | 'down';
      style: CallStyle;
      /** Run inside a transaction rolled back at the end (each statement in its own savepoint): nothing it does stays. */
      sandbox: boolean;
      /** Record the table locks each statement takes and the tables it rewrites (ignored with `sandbox`). */
      probe?: boolean;
      /** With `sandbox`: fill every table with rows first (rolled back with the rest). */
      withRows?: boolean;
    }
  | { id: number; op: 'half-applied'; file: string; style: CallStyle; maxSteps: number }
  | { id: number; op: 'seed'; rowsPerTable: number }
  | { id: number; op: 'snapshot'; /** Columns and indexes only, no counts (what a failed up left behind). */ schemaOnly?: boolean }
  | { id: number; op: 'close' };

/** A table as a snapshot sees it: its rows, and per column the values that are not NULL. */
export interface TableSnapshot {
  rows: number;
  /** Column -> non-NULL values. */
  columns: Record<string, number>;
  /** Column -> `type NOT NULL DEFAULT x`, to compare schemas. */
  definitions: Record<string, string>;
  /** Index definitions (PostgreSQL: `pg_get_indexdef`; MySQL: built from information_schema.STATISTICS), sorted. */
  indexes: string[];
}

export interface Snapshot {
  tables: Record<string, TableSnapshot>;
}

export interface MigrateResult {
  ok: boolean;
  error?: string;
  /** The server's SQLSTATE (PostgreSQL's code, MySQL's sqlState), when the error came from the server. */
  code?: string;
  /** The statement the error came from, when known. */
  failedSql?: string;
  /** Statements sent (the first ones, shortened), for evidence. */
  sql: string[];
  /** With `probe`: the statements that locked a table that existed before them. */
  locks?: StatementLocks[];
  /** The run could not be set up (the copy a MySQL rerun runs on): says nothing about the migration. */
  setup?: boolean;
  /** A failed up: what it did before failing and stays (schema differences from before it ran). */
  left?: string[];
}

/** What one statement did to tables that existed before it. */
export interface StatementLocks {
  sql: string;
  /** The strongest lock per table, PostgreSQL's names (`AccessExclusiveLock`). */
  locks: { table: string; mode: string }[];
  /** Tables whose data file changed: PostgreSQL rewrote them. */
  rewrote: string[];
}

/** The up failing at each of its write statements in turn (from the second), then run again. */
export interface HalfAppliedResult {
  /** Write statements of the up when all were tried; -1 when `maxSteps` (or `setupError`) stopped it first. */
  writes: number;
  /** The run that is undone afterwards could not be set up: the steps after it were not tried. */
  setupError?: string;
  steps: {
    /** 1-based: the statement that failed; statements 1..step-1 had run. */
    step: number;
    statement: string;
    /** The up caught the failure and went on (a try/catch around the step). */
    swallowed: boolean;
    /** What steps 1..step-1 left (schema differences from before the up). */
    left: string[];
    /** The next run of the whole up, from that state. */
    retry: { ok: boolean; error?: string; code?: string; failedSql?: string };
  }[];
}

export interface SeedResult {
  inserted: Record<string, number>;
  failures: { table: string; error: string }[];
}

export type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string; code?: string };
