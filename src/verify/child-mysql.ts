/**
 * The verify child's MySQL / MariaDB engine (src/verify/child-session.ts).
 * MySQL commits each DDL statement at once, inside a transaction too, so a
 * rerun cannot be rolled back: the sandbox is a copy of the scratch database
 * (`ConnectionSpec.copy`: tables with their rows, views, triggers, routines),
 * which the migrations get while it lasts, dropped at the end. The catalog
 * comes from information_schema. Locks are not measured: MySQL has no
 * pg_locks, and a DDL statement's metadata locks last only while it runs.
 */
import { statementText, type ColumnInfo, type Engine, type ForeignKey, type Session, type ValueKind } from './child-session';

/* eslint-disable @typescript-eslint/no-explicit-any */

const quoteIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** A generated column (MySQL: `VIRTUAL GENERATED`, `STORED GENERATED`; MariaDB also `PERSISTENT`); not `DEFAULT_GENERATED`. */
const GENERATED = /\b(VIRTUAL|STORED|PERSISTENT)\b/i;
/** A `DEFINER=user@host` clause: the copy is created by the connected user. */
const DEFINER = /\s+DEFINER\s*=\s*(`[^`]*`|'[^']*'|\S+?)@(`[^`]*`|'[^']*'|\S+)/i;

export function mysqlEngine(session: Session): Engine {
  let main: any = null;
  let copy: any = null;

  /** Creates the copy of the scratch database and gives it to the migrations. */
  async function beginSandbox(): Promise<void> {
    const target = session.connection.copy;
    if (!target) throw new Error('no database to copy into (ConnectionSpec.copy)');
    const run = (sql: string) => session.query(sql, { logging: false });
    await run(`DROP DATABASE IF EXISTS ${quoteIdent(target)}`);
    await run(`CREATE DATABASE ${quoteIdent(target)}`);
    const instance = session.open(target);
    const into = (sql: string) => instance.query(sql, { logging: false });
    try {
      await into('SET FOREIGN_KEY_CHECKS = 0');
      const from = quoteIdent(session.connection.database);
      const objects = await session.select<{ name: string; type: string }>(
        `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
      );
      const stored = await session.select<{ tbl: string; col: string; extra: string }>(
        `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      );
      for (const { name } of objects.filter((o) => o.type === 'BASE TABLE')) {
        const [shown] = await session.select<Record<string, string>>(`SHOW CREATE TABLE ${quoteIdent(name)}`);
        await into(shown!['Create Table']!);
        const cols = stored.filter((c) => c.tbl === name && !GENERATED.test(c.extra ?? '')).map((c) => quoteIdent(c.col));
        if (cols.length > 0) await into(`INSERT INTO ${quoteIdent(name)} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${from}.${quoteIdent(name)}`);
      }
      // Views over views: each round creates those whose views exist.
      let views = objects.filter((o) => o.type === 'VIEW').map((o) => o.name);
      while (views.length > 0) {
        const failed: string[] = [];
        let lastError: unknown;
        for (const name of views) {
          const [shown] = await session.select<Record<string, string>>(`SHOW CREATE VIEW ${quoteIdent(name)}`);
          await into(shown!['Create View']!.replace(DEFINER, '')).catch((error: unknown) => {
            failed.push(name);
            lastError = error;
          });
        }
        if (failed.length === views.length) throw lastError;
        views = failed;
      }
      const triggers = await session.select<{ name: string }>(`SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME`);
      for (const { name } of triggers) {
        const [shown] = await session.select<Record<string, string>>(`SHOW CREATE TRIGGER ${quoteIdent(name)}`);
        await into(shown!['SQL Original Statement']!.replace(DEFINER, ''));
      }
      const routines = await session.select<{ name: string; type: string }>(
        `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME`,
      );
      for (const { name, type } of routines) {
        const kind = type === 'FUNCTION' ? 'Function' : 'Procedure';
        const [shown] = await session.select<Record<string, string>>(`SHOW CREATE ${type === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE'} ${quoteIdent(name)}`);
        await into(shown![`Create ${kind}`]!.replace(DEFINER, ''));
      }
      await into('SET FOREIGN_KEY_CHECKS = 1');
    } catch (error) {
      await instance.close().catch(() => undefined);
      await run(`DROP DATABASE IF EXISTS ${quoteIdent(target)}`).catch(() => undefined);
      throw new Error(`cannot copy the database for a run that is undone afterwards: ${(error as Error).message}`);
    }
    main = session.sequelize;
    copy = instance;
    session.use(instance);
    const own = session.query;
    instance.query = (sql: unknown, options?: any) => {
      session.checkInjection(statementText(sql));
      return own(sql, options);
    };
  }

  async function endSandbox(): Promise<void> {
    if (!copy) return;
    const instance = copy;
    copy = null;
    session.use(main);
    await instance.close().catch(() => undefined);
    await session.query(`DROP DATABASE IF EXISTS ${quoteIdent(session.connection.copy!)}`, { logging: false });
  }

  return {
    versionSql: 'SELECT VERSION() AS v',
    quote: quoteIdent,
    get sandboxed() {
      return copy !== null;
    },
    beginSandbox,
    endSandbox,
    probe: null,
    async columns() {
      const rows = await session.select<MysqlColumn>(`SELECT c.TABLE_NAME AS tbl, c.COLUMN_NAME AS col, c.DATA_TYPE AS dataType, c.COLUMN_TYPE AS columnType,
          c.IS_NULLABLE AS nullable, c.COLUMN_DEFAULT AS def, c.EXTRA AS extra, c.CHARACTER_MAXIMUM_LENGTH AS maxLength
        FROM information_schema.COLUMNS c
        JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
        ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`);
      // MariaDB's JSON is LONGTEXT with CHECK (json_valid(col)); MySQL's CHECK_CONSTRAINTS has no TABLE_NAME (and JSON is its own type).
      const json = new Set(
        (
          await session
            .select<{ tbl: string; clause: string }>(`SELECT TABLE_NAME AS tbl, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`)
            .catch(() => [])
        ).flatMap((c) => [...String(c.clause).matchAll(/json_valid\(`((?:[^`]|``)+)`\)/gi)].map((m) => `${c.tbl}.${m[1]!.replace(/``/g, '`')}`)),
      );
      return rows.map((c): ColumnInfo => {
        const kind = mysqlKind(String(c.dataType).toLowerCase(), String(c.columnType).toLowerCase(), json.has(`${c.tbl}.${c.col}`));
        return {
          table: c.tbl,
          column: c.col,
          type: String(c.columnType),
          kind,
          maxLength: kind === 'string' && c.maxLength !== null ? Number(c.maxLength) : null,
          labels: kind === 'enum' ? enumLabels(String(c.columnType)) : [],
          notnull: c.nullable === 'NO',
          def: c.def === null ? null : String(c.def),
          auto: /auto_increment/i.test(c.extra ?? '') || GENERATED.test(c.extra ?? ''),
        };
      });
    },
    async foreignKeys() {
      const rows = await session.select<{ tbl: string; name: string; col: string; ref: string; refCol: string }>(`SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name,
          COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS ref, REFERENCED_COLUMN_NAME AS refCol
        FROM information_schema.KEY_COLUMN_USAGE
        WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
        ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`);
      const out = new Map<string, ForeignKey>();
      for (const r of rows) {
        const key = `${r.tbl}\u0000${r.name}`;
        const fk = out.get(key) ?? { table: r.tbl, ref: r.ref, columns: [], refColumns: [] };
        fk.columns.push(r.col);
        fk.refColumns.push(r.refCol);
        out.set(key, fk);
      }
      return [...out.values()];
    },
    async indexes() {
      const rows = await session.select<{ tbl: string; name: string; nonUnique: number | string; col: string | null; sub: number | null; type: string }>(`SELECT TABLE_NAME AS tbl,
          INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col, SUB_PART AS sub, INDEX_TYPE AS type
        FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`);
      const byIndex = new Map<string, { table: string; name: string; unique: boolean; type: string; parts: string[] }>();
      for (const r of rows) {
        const key = `${r.tbl}\u0000${r.name}`;
        const ix = byIndex.get(key) ?? { table: r.tbl, name: r.name, unique: Number(r.nonUnique) === 0, type: r.type, parts: [] };
        ix.parts.push(`${r.col === null ? '(expression)' : quoteIdent(r.col)}${r.sub !== null ? `(${r.sub})` : ''}`);
        byIndex.set(key, ix);
      }
      return [...byIndex.values()].map((ix) => ({
        table: ix.table,
        definition:
          ix.name === 'PRIMARY'
            ? `PRIMARY KEY ON ${quoteIdent(ix.table)} (${ix.parts.join(', ')})`
            : `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${quoteIdent(ix.table)} USING ${ix.type} (${ix.parts.join(', ')})`,
      }));
    },
    async insert(table, names, values) {
      await session.query(`INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, {
        logging: false,
        bind: values,
      });
      return null;
    },
    refValue: (v) => v,
  };
}

interface MysqlColumn {
  tbl: string;
  col: string;
  dataType: string;
  columnType: string;
  nullable: string;
  def: string | null;
  extra: string | null;
  maxLength: number | string | null;
}

/** MySQL's DATA_TYPE as the kind of value a row gets; BOOLEAN is TINYINT(1). */
function mysqlKind(dataType: string, columnType: string, json: boolean): ValueKind {
  if (dataType === 'bit' || (dataType === 'tinyint' && columnType.startsWith('tinyint(1)'))) return 'bool';
  if (/^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|year)$/.test(dataType)) return 'number';
  if (/^(char|varchar|tinytext|text|mediumtext|longtext)$/.test(dataType)) return json ? 'json' : 'string';
  if (dataType === 'enum' || dataType === 'set') return 'enum';
  if (dataType === 'date') return 'date';
  if (dataType === 'time') return 'time';
  if (dataType === 'datetime' || dataType === 'timestamp') return 'timestamp';
  if (dataType === 'json') return 'json';
  if (/^(binary|varbinary|tinyblob|blob|mediumblob|longblob)$/.test(dataType)) return 'binary';
  return 'other';
}

/** `enum('a','it''s')` -> ['a', "it's"]. */
function enumLabels(columnType: string): string[] {
  return [...columnType.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}
