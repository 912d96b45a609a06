/**
 * What the modules of the verify child process share (src/verify/child.ts and
 * its dialect engines, child-postgres.ts and child-mysql.ts): the Sequelize
 * instance the migrations get, the statements logged for evidence, the
 * failure injected into a half-applied run, and the `Engine` interface each
 * dialect implements (the sandbox a rerun is undone in, the catalog, rows).
 * Like the child, nothing here imports the rest of migralint.
 */
import type { ConnectionSpec, StatementLocks } from './protocol';
import { shorten as shortenText } from '../util/text';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Query = (sql: unknown, options?: any) => Promise<any>;

const MAX_LOGGED = 40;
const MAX_STATEMENT = 400;

export function shorten(sql: string): string {
  return shortenText(sql, MAX_STATEMENT);
}

/** The SQL text of a `sequelize.query` argument (a string, or `{ query }`); '' when neither. */
export function statementText(sql: unknown): string {
  return typeof sql === 'string' ? sql : typeof (sql as { query?: unknown })?.query === 'string' ? (sql as { query: string }).query : '';
}

export const TX_BEGIN = /^(START\s+TRANSACTION|BEGIN(\s+(WORK|TRANSACTION))?)(\s+ISOLATION\s+LEVEL\s+[\w\s]+)?$/i;
export const TX_COMMIT = /^(COMMIT|END)(\s+(WORK|TRANSACTION))?$/i;
export const TX_ROLLBACK = /^ROLLBACK(\s+(WORK|TRANSACTION))?$/i;
export const TX_SETTING = /^SET\s+(TRANSACTION|SESSION\s+CHARACTERISTICS)\b/i;

export const quiet = (options: any) => ({ ...(options ?? {}), logging: false });

const INJECTED = 'migralint: failure injected before this statement';
/** Statements that change nothing: an injected failure skips them. */
const NOT_A_WRITE = /^\s*(SELECT|WITH|SHOW|SET|RESET|EXPLAIN|SAVEPOINT|RELEASE|DESCRIBE)\b/i;

/** The project's Sequelize in this process, and what the current request has seen. */
export class Session {
  /** The `sequelize` module of the project. */
  module: any;
  connection!: ConnectionSpec;
  /** The instance the migrations get (`queryInterface.sequelize`); a MySQL sandbox swaps in its copy's. */
  sequelize: any;
  /** That instance's own `query`, never wrapped: migralint's own statements go through it. */
  query!: Query;
  /** Statements logged since the current request started. */
  logged: string[] = [];
  /** In a half-applied run: the write statement (1-based) that throws instead of running. */
  inject: { at: number; writes: number; statement: string | null } | null = null;
  /** In the sandbox: why the run cannot be measured there (a statement fails only because the sandbox is one transaction). */
  notUndoable: string | null = null;

  /** Sequelize's `logging`: the statements sent, for evidence. */
  readonly record = (sql: string): void => {
    if (this.logged.length < MAX_LOGGED) this.logged.push(shorten(sql.replace(/^Executing \([^)]*\): /, '')));
  };

  /** A new instance on `database` of the same server. */
  open(database: string): any {
    const c = this.connection;
    const Sequelize = this.module.Sequelize ?? this.module;
    return new Sequelize(database, c.username, c.password ?? null, {
      dialect: c.dialect,
      host: c.host,
      port: c.port,
      logging: this.record,
      // One connection: every statement of a migration, its transactions included, goes through it,
      // and a sandboxed rerun can wrap them all. The parent's time limit ends any wait.
      pool: { max: 1, min: 0, idle: 10_000, acquire: 24 * 3600 * 1000, evict: 0 },
    });
  }

  /** Makes `instance` the one the migrations get. */
  use(instance: any): void {
    this.sequelize = instance;
    this.query = instance.query.bind(instance);
  }

  async select<T>(sql: string, bind?: unknown[]): Promise<T[]> {
    return (await this.query(sql, { logging: false, type: 'SELECT', ...(bind ? { bind } : {}) })) as T[];
  }

  /** Before each statement of a half-applied run: the injected one throws instead of running. */
  checkInjection(text: string): void {
    const statement = text.trim().replace(/;\s*$/, '').trim();
    const inject = this.inject;
    if (!inject || text === '' || NOT_A_WRITE.test(statement) || TX_BEGIN.test(statement) || TX_COMMIT.test(statement) || TX_ROLLBACK.test(statement)) return;
    inject.writes += 1;
    if (inject.writes === inject.at) {
      inject.statement = shorten(text);
      throw new Error(INJECTED);
    }
  }
}

/** What kind of value a column takes, for the rows generated (`valueFor` in child.ts). */
export type ValueKind = 'enum' | 'array' | 'bool' | 'number' | 'string' | 'date' | 'time' | 'timestamp' | 'interval' | 'inet' | 'json' | 'uuid' | 'binary' | 'other';

/** A column as the catalog describes it, the same on every dialect. */
export interface ColumnInfo {
  table: string;
  column: string;
  /** As the database writes it: `character varying(255)`, `varchar(255)`. */
  type: string;
  kind: ValueKind;
  /** The longest text the column takes; null when unbounded or not text. */
  maxLength: number | null;
  /** Enum (or MySQL SET) labels, in order. */
  labels: string[];
  notnull: boolean;
  /** The default, as the catalog writes it; null when none. */
  def: string | null;
  /** Filled by the database (identity, serial, auto_increment, generated): never given a value. */
  auto: boolean;
}

export interface ForeignKey {
  table: string;
  ref: string;
  columns: string[];
  refColumns: string[];
}

/**
 * What differs between PostgreSQL and MySQL in the child: how a rerun is
 * undone, what the catalog says, how a row is inserted, and whether locks
 * can be read.
 */
export interface Engine {
  /** Selects the server's version string as `v`. */
  readonly versionSql: string;
  quote(name: string): string;
  /**
   * From here until `endSandbox`, what the migrations do is undone at the end
   * (PostgreSQL: a transaction rolled back; MySQL, whose DDL commits at once:
   * a copy of the database, dropped). Each statement passes
   * `session.checkInjection` first.
   */
  beginSandbox(): Promise<void>;
  endSandbox(): Promise<void>;
  readonly sandboxed: boolean;
  /** Locks and rewrites per statement of the next `up`; null when the dialect cannot measure them. */
  readonly probe: { begin(): Promise<void>; end(): StatementLocks[] } | null;
  /** Columns of every table of the database, by table then position. */
  columns(): Promise<ColumnInfo[]>;
  foreignKeys(): Promise<ForeignKey[]>;
  /** Index definitions per table, each sorted. */
  indexes(): Promise<{ table: string; definition: string }[]>;
  /**
   * Inserts one row (`values` bound as $1, $2...) and returns it as stored
   * when the dialect says (RETURNING), else null; throws when refused.
   */
  insert(table: string, names: string[], values: unknown[]): Promise<Record<string, unknown> | null>;
  /** How a value of an earlier row is bound when a foreign key refers to it. */
  refValue(value: unknown): unknown;
}
