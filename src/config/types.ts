import type { Dialect, JsonValue, SourceLocation } from '../model';

/**
 * Where a connection setting comes from.
 *
 * - `env`: read from the environment (`process.env.X`, an alias of
 *   `process.env`, a name destructured from it, `use_env_variable`).
 * - `literal`: written in the file.
 * - `literal-fallback`: read from the environment (or from something
 *   unknown), with a value written in the file used when that is unset or
 *   empty (`process.env.DB_PASSWORD || 'postgres'`), or a literal on one
 *   branch of a condition. The literal is in the repository all the same.
 * - `unknown`: an expression migralint cannot see through (an imported
 *   secrets module, a function call).
 * - `absent`: the environment object has no such key.
 */
export type ConfigValueSource = 'env' | 'literal' | 'literal-fallback' | 'unknown' | 'absent';

/** One connection setting of an environment (host, port, database, username, password, dialect, url). */
export interface ConfigField {
  source: ConfigValueSource;
  /** The environment variable read, when `source` is `env` or `literal-fallback` and its name is static. */
  envVar?: string;
  /**
   * The literal (or the literal fallback), for settings that are not secrets.
   * Never set for `password` and for a `url` that carries a password.
   */
  value?: string | number;
  /** The literal is `''`, `null` or `undefined`: nothing is written (no password). */
  empty?: true;
  /** For `url`: the literal URL carries a password (`postgres://user:secret@host/db`). */
  passwordInUrl?: true;
  /** For `url`: `use_env_variable` names the variable instead of a `url` key. */
  via?: 'url' | 'use_env_variable';
  /** The property (key to value); null when absent. */
  loc: SourceLocation | null;
}

/**
 * SSL of an environment, as the `pg` driver receives it.
 *
 * Sequelize 6's postgres dialect passes only `dialectOptions.ssl` to `pg`;
 * a top-level `ssl` option is not passed on (see `read-db-config.ts`).
 */
export interface SslSetting {
  /** `pg` requests TLS. `unknown` when it depends on the environment or on code migralint cannot read. */
  enabled: boolean | 'unknown';
  /**
   * The server certificate is verified. `default`: not set, so Node's TLS
   * default applies (verified).
   */
  rejectUnauthorized: boolean | 'unknown' | 'default';
  /** Where SSL is decided: `dialectOptions.ssl`, the literal `url` (`sslmode`, `ssl`), a top-level `ssl`, or nowhere. */
  source: 'dialectOptions.ssl' | 'url' | 'ssl' | 'absent';
  /** The setting that decides; null when absent. */
  loc: SourceLocation | null;
  /** The `rejectUnauthorized` property (or the `url` carrying `sslmode=no-verify`). */
  rejectUnauthorizedLoc?: SourceLocation;
  /** `ssl: true` at the top level of a postgres environment: Sequelize does not pass it to the driver. */
  topLevelIgnored?: true;
}

/**
 * Whether Sequelize logs SQL statements: `on` (console.log, a function,
 * `true`, any other truthy value), `off` (`false`, `null`), `unknown`
 * (depends on the environment or on code), `default` (no `logging` key:
 * Sequelize then logs every statement with console.log).
 */
export type LoggingSetting = 'on' | 'off' | 'unknown' | 'default';

/** One environment of the config file (`development`, `production`...). */
export interface DbEnvironment {
  name: string;
  /** The environment's key (or the export, for a flat config). */
  loc: SourceLocation;
  /**
   * The file has no per-environment keys: sequelize-cli then uses the whole
   * export whatever NODE_ENV is, production included.
   */
  flat?: true;
  /** The environment's value is not an object migralint can read: every setting is `unknown`. */
  opaque?: true;
  dialect: ConfigField;
  host: ConfigField;
  port: ConfigField;
  database: ConfigField;
  username: ConfigField;
  password: ConfigField;
  /** `url`, or `use_env_variable` (then `via` says so). */
  url: ConfigField;
  ssl: SslSetting;
  logging: LoggingSetting;
  /** Where `logging` is set; null when absent. */
  loggingLoc: SourceLocation | null;
  /** How `logging` is written, for messages: `console.log`, `true`, `a function`... */
  loggingText?: string;
  /** The statically known pool options, `{ "$expr": ... }` for the others; null when absent. */
  pool: JsonValue | null;
  /**
   * The environment as JSON for the report. Environment reads are written
   * `{ "$env": "NAME" }` (with `"$fallback"`), expressions `{ "$expr": ... }`,
   * and passwords never appear: `"<redacted>"`.
   */
  raw: JsonValue;
}

export interface DbConfigError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** What migralint read, statically, from the Sequelize database config file. */
export interface DbConfigAnalysis {
  /** Project-relative POSIX path. */
  file: string;
  format: 'json' | 'js';
  /** In file order. Empty when the file could not be read or its export could not be resolved. */
  environments: DbEnvironment[];
  /** Read and parse errors: the file is not (fully) analyzed, and sequelize-cli fails on it too. */
  errors: DbConfigError[];
  /**
   * Part of the export could not be resolved (a spread of an import, a
   * computed key, a value built by a function): environments may be missing.
   */
  partial: boolean;
  /**
   * The Sequelize instances the application builds itself (`new Sequelize(...)`
   * in its own code, tests and migrations left out), and how each uses this
   * file. Absent when not looked for. When none takes its options from this
   * file, only sequelize-cli connects with them: the CLI fills a missing
   * `logging` with its own `logMigrator`, which prints no SQL.
   */
  appConnections?: AppConnection[];
}

/** A `new Sequelize(...)` in the application's own code. */
export interface AppConnection {
  /** Project-relative POSIX path. */
  file: string;
  /** 1-based line of the `new Sequelize(...)`. */
  line: number;
  /** The expression as written, whitespace folded (shortened). */
  text: string;
  /** The dialect its options or URL name; empty when not static. */
  dialects: Dialect[];
  /**
   * How it uses the database config file: `options`, it passes the config's
   * options (logging, SSL) as they are; `overrides-logging`, it passes them
   * but sets `logging` itself; `values`, it reads some values (database name,
   * credentials) but passes options of its own; `no`, it does not read the file;
   * `unknown`, its options come from code migralint cannot read (`getConfig()`).
   */
  usesConfig: 'options' | 'overrides-logging' | 'values' | 'no' | 'unknown';
}
