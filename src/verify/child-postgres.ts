/**
 * The verify child's PostgreSQL engine (src/verify/child-session.ts): a rerun
 * undone by a transaction rolled back (each statement in a savepoint), the
 * locks each statement takes read from pg_locks, the catalog from pg_catalog.
 */
import type { StatementLocks } from './protocol';
import { quiet, shorten, statementText, TX_BEGIN, TX_COMMIT, TX_ROLLBACK, TX_SETTING, type ColumnInfo, type Engine, type ForeignKey, type Session, type ValueKind } from './child-session';

/* eslint-disable @typescript-eslint/no-explicit-any */

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function postgresEngine(session: Session): Engine {
  // ---- The sandbox: a rerun whose effects are rolled back ----
  //
  // Outside a transaction of the migration's own, each statement runs in a savepoint released on success and
  // rolled back on failure: the same outcome as autocommit (a failed statement leaves nothing, the next one runs,
  // try/catch guards work). The migration's own transactions become savepoints; inside them nothing is added, so
  // an error aborts them as it would on a real run. The outer transaction is rolled back at the end.
  let depth = 0;
  let sandboxed = false;
  /** `server_version_num` (`120022`), read once. */
  let versionNum: Promise<number> | undefined;
  const serverVersionNum = () => (versionNum ??= session.select<{ n: string }>(`SELECT current_setting('server_version_num') AS n`).then((rows) => Number(rows[0]!.n)));

  async function sandboxQuery(sql: unknown, options?: any): Promise<any> {
    const original = session.query;
    const text = statementText(sql);
    const statement = text.trim().replace(/;\s*$/, '').trim();
    if (TX_BEGIN.test(statement)) {
      session.record(text);
      depth += 1;
      return original(`SAVEPOINT migralint_tx_${depth}`, quiet(options));
    }
    if (TX_COMMIT.test(statement)) {
      session.record(text);
      if (depth === 0) return original('SELECT 1', quiet(options));
      depth -= 1;
      return original(`RELEASE SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
    }
    if (TX_ROLLBACK.test(statement)) {
      session.record(text);
      if (depth === 0) return original('SELECT 1', quiet(options));
      depth -= 1;
      await original(`ROLLBACK TO SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
      return original(`RELEASE SAVEPOINT migralint_tx_${depth + 1}`, quiet(options));
    }
    if (TX_SETTING.test(statement)) {
      session.record(text);
      return original('SELECT 1', quiet(options));
    }
    session.checkInjection(text);
    if (depth > 0) return original(sql, options).catch((error: unknown) => notUndoable(error, text));
    await original('SAVEPOINT migralint_statement', quiet(options));
    try {
      const result = await original(sql, options);
      await original('RELEASE SAVEPOINT migralint_statement', quiet(options));
      return result;
    } catch (error) {
      await original('ROLLBACK TO SAVEPOINT migralint_statement', quiet(options));
      return notUndoable(error, text);
    }
  }

  /** A failure the sandbox causes by being one transaction (SANDBOX_ONLY): the run says so instead of blaming the migration. */
  function notUndoable(error: unknown, text: string): never {
    const driver = (error as { original?: { code?: unknown }; parent?: { code?: unknown } }).original ?? (error as { parent?: { code?: unknown } }).parent;
    const why = typeof driver?.code === 'string' ? SANDBOX_ONLY[driver.code] : undefined;
    if (why) session.notUndoable ??= `\`${shorten(text)}\` ${why}, and this run is undone by rolling back the one transaction it runs in`;
    throw error;
  }

  // ---- The probe: which tables each statement locks, and which it rewrites ----
  //
  // A statement outside a transaction of the migration's runs in BEGIN ... COMMIT of its own (the same outcome as
  // autocommit); before the COMMIT, the session's own locks (pg_locks) and the tables' data files (relfilenode) are
  // read. Inside the migration's transaction the locks held so far are compared. Statements that cannot run in a
  // transaction block (UNPROBED) run as they are, unprobed.
  let probed: StatementLocks[] = [];
  let probeDepth = 0;
  /** The tables that existed when the migration started: locks on tables it creates itself are no one's concern. */
  let existing = new Set<string>();

  async function tableState(options: any): Promise<{ locks: Map<string, string>; files: Map<string, string> }> {
    const q = { transaction: options?.transaction, type: 'SELECT', logging: false };
    const locks = (await session.query(
      `SELECT c.relname AS "table", l.mode AS mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      q,
    )) as { table: string; mode: string }[];
    const files = (await session.query(
      `SELECT c.relname AS "table", c.relfilenode::text AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      q,
    )) as { table: string; file: string }[];
    const strongest = new Map<string, string>();
    for (const l of locks) if (LOCK_RANK.indexOf(l.mode) > LOCK_RANK.indexOf(strongest.get(l.table) ?? '')) strongest.set(l.table, l.mode);
    return { locks: strongest, files: new Map(files.map((f) => [f.table, f.file])) };
  }

  function recordProbe(text: string, before: { locks: Map<string, string>; files: Map<string, string> }, after: { locks: Map<string, string>; files: Map<string, string> }): void {
    const locks = [...after.locks]
      .filter(([table, mode]) => existing.has(table) && LOCK_RANK.indexOf(mode) > LOCK_RANK.indexOf(before.locks.get(table) ?? ''))
      .map(([table, mode]) => ({ table, mode }))
      .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
    const rewrote = [...before.files].filter(([table, file]) => existing.has(table) && after.files.has(table) && after.files.get(table) !== file).map(([table]) => table).sort();
    if ((locks.length > 0 || rewrote.length > 0) && probed.length < 200) probed.push({ sql: shorten(text), locks, rewrote });
  }

  async function probeQuery(sql: unknown, options?: any): Promise<any> {
    const original = session.query;
    const text = statementText(sql);
    const statement = text.trim().replace(/;\s*$/, '').trim();
    if (TX_BEGIN.test(statement)) {
      const r = await original(sql, options);
      probeDepth += 1;
      return r;
    }
    if (TX_COMMIT.test(statement) || TX_ROLLBACK.test(statement)) {
      probeDepth = Math.max(0, probeDepth - 1);
      return original(sql, options);
    }
    if (text === '' || UNPROBED.test(statement) || TX_SETTING.test(statement) || /^(SAVEPOINT|RELEASE|ROLLBACK\s+TO)\b/i.test(statement)) return original(sql, options);
    if (probeDepth > 0) {
      const before = await tableState(options);
      const result = await original(sql, options);
      recordProbe(text, before, await tableState(options));
      return result;
    }
    await original('BEGIN', quiet(options));
    try {
      const before = await tableState(options);
      const result = await original(sql, options);
      recordProbe(text, before, await tableState(options));
      await original('COMMIT', quiet(options));
      return result;
    } catch (error) {
      await original('ROLLBACK', quiet(options)).catch(() => undefined);
      throw error;
    }
  }

  return {
    versionSql: 'SELECT version() AS v',
    quote: quoteIdent,
    get sandboxed() {
      return sandboxed;
    },
    async beginSandbox() {
      await session.query('BEGIN', { logging: false });
      depth = 0;
      session.notUndoable = null;
      sandboxed = true;
      session.sequelize.query = sandboxQuery;
    },
    async endSandbox() {
      session.sequelize.query = session.query;
      sandboxed = false;
      depth = 0;
      await session.query('ROLLBACK', { logging: false });
    },
    probe: {
      async begin() {
        probed = [];
        probeDepth = 0;
        existing = new Set((await tableState(undefined)).files.keys());
        session.sequelize.query = probeQuery;
      },
      end() {
        session.sequelize.query = session.query;
        return probed;
      },
    },
    async columns() {
      // pg_attribute.attidentity is PostgreSQL 10+, attgenerated 12+ (before 12 the catalog query failed on it, and with it
      // the rows and the downs: measured by test/integration/pg-versions.test.ts).
      const version = await serverVersionNum();
      const identity = version >= 100000 ? 'a.attidentity' : "''";
      const generated = version >= 120000 ? 'a.attgenerated' : "''";
      const rows = await session.select<PgColumn>(`SELECT c.relname AS "table", a.attname AS "column",
          format_type(a.atttypid, a.atttypmod) AS type, t.typname AS typname, t.typtype AS typtype, t.typcategory AS typcategory,
          a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, ${identity} AS identity, ${generated} AS generated,
          CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`);
      return rows.map((c) => {
        const max = /\((\d+)\)/.exec(c.type);
        return {
          table: c.table,
          column: c.column,
          type: c.type,
          kind: pgKind(c),
          maxLength: c.typcategory === 'S' && max ? Number(max[1]) : null,
          labels: textArray(c.labels),
          notnull: c.notnull,
          def: c.def,
          auto: c.identity !== '' || c.generated !== '' || (c.def !== null && /nextval\(/.test(c.def)),
        } satisfies ColumnInfo;
      });
    },
    async foreignKeys() {
      const names = (keys: string, rel: string) =>
        `ARRAY(SELECT a.attname::text FROM unnest(co.${keys}) WITH ORDINALITY k(num, i) JOIN pg_attribute a ON a.attrelid = co.${rel} AND a.attnum = k.num ORDER BY k.i)`;
      const rows = await session.select<{ table: string; ref: string; columns: unknown; refColumns: unknown }>(`SELECT cl.relname AS "table", rf.relname AS ref,
          ${names('conkey', 'conrelid')} AS columns, ${names('confkey', 'confrelid')} AS "refColumns"
        FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class rf ON rf.oid = co.confrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE co.contype = 'f' AND n.nspname = 'public' ORDER BY cl.relname, co.conname`);
      return rows.map((r): ForeignKey => ({ table: r.table, ref: r.ref, columns: textArray(r.columns), refColumns: textArray(r.refColumns) }));
    },
    async indexes() {
      return session.select<{ table: string; definition: string }>(
        `SELECT tablename AS "table", indexdef AS definition FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexdef`,
      );
    },
    async insert(table, names, values) {
      const sql =
        names.length > 0
          ? `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`
          : `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES RETURNING *`;
      // In the sandbox a failed insert must not abort its transaction: each row in a savepoint.
      if (sandboxed) await session.query('SAVEPOINT migralint_seed', { logging: false });
      try {
        const rows = (await session.query(sql, { logging: false, bind: values, type: 'SELECT' })) as Record<string, unknown>[];
        if (sandboxed) await session.query('RELEASE SAVEPOINT migralint_seed', { logging: false });
        return rows[0] ?? null;
      } catch (error) {
        if (sandboxed) await session.query('ROLLBACK TO SAVEPOINT migralint_seed', { logging: false });
        throw error;
      }
    },
    refValue: asText,
  };
}

/**
 * Errors a statement gets in the sandbox because everything there runs in one transaction, in savepoints
 * (measured by test/integration/pg-versions.test.ts), by SQLSTATE.
 */
const SANDBOX_ONLY: Record<string, string> = {
  // CONCURRENTLY, VACUUM; `ALTER TYPE ... ADD VALUE` before PostgreSQL 12.
  '25001': 'cannot run inside a transaction block',
  // A value added earlier in the run is uncommitted; the exception for a type the same transaction created
  // (PostgreSQL 10, 11 and 17+) does not hold for a type created in a savepoint.
  '55P04': 'uses an enum value the run added, which PostgreSQL refuses until that value is committed',
};

const LOCK_RANK = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
/**
 * Not probed: what cannot run in a transaction block (CONCURRENTLY, VACUUM; `ALTER TYPE ... ADD VALUE` before
 * PostgreSQL 12, measured by test/integration/pg-versions.test.ts: it locks no table), and what changes nothing.
 */
const UNPROBED = /\b(CONCURRENTLY|VACUUM)\b|^\s*ALTER\s+TYPE\b[\s\S]*\bADD\s+VALUE\b|^\s*(SELECT|WITH|SHOW|SET|RESET|EXPLAIN)\b/i;

interface PgColumn {
  table: string;
  column: string;
  type: string;
  typname: string;
  typtype: string;
  typcategory: string;
  notnull: boolean;
  def: string | null;
  identity: string;
  generated: string;
  labels: unknown;
}

/** PostgreSQL's type category (pg_type.typcategory) as the kind of value a row gets. */
function pgKind(c: PgColumn): ValueKind {
  if (c.typtype === 'e') return 'enum';
  switch (c.typcategory) {
    case 'A':
      return 'array';
    case 'B':
      return 'bool';
    case 'N':
      return 'number';
    case 'S':
      return 'string';
    case 'D':
      return c.typname === 'date' ? 'date' : c.typname === 'time' || c.typname === 'timetz' ? 'time' : 'timestamp';
    case 'T':
      return 'interval';
    case 'I':
      return 'inet';
    case 'U':
      return c.typname === 'json' || c.typname === 'jsonb' ? 'json' : c.typname === 'uuid' ? 'uuid' : c.typname === 'bytea' ? 'binary' : 'other';
    default:
      return 'other';
  }
}

/** A text[] as the driver returns it: an array, or `{a,b}` when it was not parsed. */
function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.replace(/[{}]/g, '').split(',').filter(Boolean);
  return [];
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
