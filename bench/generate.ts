/**
 * Deterministic generator of synthetic Sequelize migrations for the benchmark.
 *
 * The shapes and their proportions follow shared/migration-shapes.md (export
 * forms, managed transactions, raw SQL in ~39% of files, empty downs in 30%,
 * guards, loops, Promise.all). Everything is driven by a seeded PRNG, so a
 * given (seed, count) always produces byte-identical files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, good enough for picking shapes. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
  };
}

export interface Rng {
  next(): number;
  chance(p: number): boolean;
  /** Inclusive on both ends. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

// ---------------------------------------------------------------------------
// Vocabulary

const TABLES = [
  'users', 'accounts', 'organizations', 'teams', 'projects', 'tasks', 'comments', 'orders', 'order_items',
  'products', 'categories', 'invoices', 'payments', 'subscriptions', 'plans', 'sessions', 'audit_logs',
  'notifications', 'messages', 'conversations', 'files', 'uploads', 'tags', 'courses', 'enrollments',
  'lessons', 'addresses', 'shipments', 'coupons', 'reviews', 'webhooks', 'api_keys', 'roles', 'permissions',
  'user_roles', 'settings', 'events', 'tickets', 'customers', 'vendors', 'warehouses', 'inventory_items',
];

interface ColumnSpec {
  name: string;
  type: string;
  sqlType: string;
  allowNull: boolean;
  extra?: string[];
}

const COLUMN_POOL: readonly Omit<ColumnSpec, 'allowNull'>[] = [
  { name: 'name', type: 'STRING', sqlType: 'varchar(255)' },
  { name: 'title', type: 'STRING(200)', sqlType: 'varchar(200)' },
  { name: 'email', type: 'STRING', sqlType: 'varchar(255)' },
  { name: 'slug', type: 'STRING(120)', sqlType: 'varchar(120)' },
  { name: 'description', type: 'TEXT', sqlType: 'text' },
  { name: 'notes', type: 'TEXT', sqlType: 'text' },
  { name: 'status', type: "ENUM('pending', 'active', 'archived')", sqlType: 'varchar(32)' },
  { name: 'amount', type: 'DECIMAL(12, 2)', sqlType: 'numeric(12,2)' },
  { name: 'quantity', type: 'INTEGER', sqlType: 'integer' },
  { name: 'position', type: 'INTEGER', sqlType: 'integer' },
  { name: 'is_active', type: 'BOOLEAN', sqlType: 'boolean', extra: ['defaultValue: true'] },
  { name: 'is_deleted', type: 'BOOLEAN', sqlType: 'boolean', extra: ['defaultValue: false'] },
  { name: 'metadata', type: 'JSONB', sqlType: 'jsonb', extra: ['defaultValue: {}'] },
  { name: 'settings', type: 'JSONB', sqlType: 'jsonb' },
  { name: 'external_id', type: 'UUID', sqlType: 'uuid' },
  { name: 'currency', type: 'STRING(3)', sqlType: 'char(3)', extra: ["defaultValue: 'USD'"] },
  { name: 'published_at', type: 'DATE', sqlType: 'timestamptz' },
  { name: 'expires_at', type: 'DATE', sqlType: 'timestamptz' },
  { name: 'last_login_at', type: 'DATE', sqlType: 'timestamptz' },
  { name: 'score', type: 'FLOAT', sqlType: 'double precision' },
  { name: 'priority', type: 'SMALLINT', sqlType: 'smallint', extra: ['defaultValue: 0'] },
  { name: 'url', type: 'STRING(2048)', sqlType: 'varchar(2048)' },
  { name: 'locale', type: 'STRING(10)', sqlType: 'varchar(10)' },
  { name: 'phone', type: 'STRING(32)', sqlType: 'varchar(32)' },
  { name: 'version', type: 'INTEGER', sqlType: 'integer', extra: ['defaultValue: 1'] },
  { name: 'tags', type: 'ARRAY(Sequelize.STRING)', sqlType: 'text[]' },
  { name: 'checksum', type: 'STRING(64)', sqlType: 'varchar(64)' },
  { name: 'size_bytes', type: 'BIGINT', sqlType: 'bigint' },
];

const ENUM_VALUES = ['refunded', 'on_hold', 'disputed', 'expired', 'suspended', 'draft', 'scheduled'];

function singular(table: string): string {
  if (table.endsWith('ies')) return `${table.slice(0, -3)}y`;
  if (table.endsWith('ses')) return table.slice(0, -2);
  return table.endsWith('s') ? table.slice(0, -1) : table;
}

// ---------------------------------------------------------------------------
// Output helper

class Writer {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text = ''): this {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
    return this;
  }

  /** Writes `open`, indents the body, writes `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.depth++;
    body();
    this.depth--;
    if (close) this.line(close);
    return this;
  }

  get length(): number {
    return this.lines.length;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

// ---------------------------------------------------------------------------
// One file

type ExportForm = 'arrow' | 'method' | 'function' | 'umzug';

interface FileCtx {
  rng: Rng;
  qi: string;
  /** The DataTypes namespace expression (`Sequelize` or `DataTypes`). */
  types: string;
  /** Name of the transaction variable when inside a managed transaction. */
  tx: string | null;
  /** Tables this file created / columns it added, for a reverting down. */
  created: string[];
  added: [string, string][];
  primaryTable: string;
  /** Top-level `const` names already declared in the current function. */
  declared: Set<string>;
}

/** A `const` name not yet declared in the current function (`columns`, `columns2`, ...). */
function freshName(ctx: FileCtx, base: string): string {
  let name = base;
  for (let i = 2; ctx.declared.has(name); i++) name = `${base}${i}`;
  ctx.declared.add(name);
  return name;
}

/** Options argument to pass to a call: `{ transaction }` inside a managed transaction. */
function txOpt(ctx: FileCtx, extra = ''): string {
  if (!ctx.tx) return extra ? `{ ${extra} }` : '';
  const t = ctx.tx === 'transaction' ? 'transaction' : `transaction: ${ctx.tx}`;
  return extra ? `{ ${extra}, ${t} }` : `{ ${t} }`;
}

function withOpts(args: string, opts: string): string {
  return opts ? `${args}, ${opts}` : args;
}

function columnDef(ctx: FileCtx, col: ColumnSpec): string[] {
  const type = col.type.replace('Sequelize.', `${ctx.types}.`);
  const out = [`type: ${ctx.types}.${type},`, `allowNull: ${col.allowNull},`];
  for (const e of col.extra ?? []) out.push(`${e},`);
  return out;
}

function pickColumns(rng: Rng, n: number): ColumnSpec[] {
  const pool = [...COLUMN_POOL];
  const out: ColumnSpec[] = [];
  while (out.length < n && pool.length > 0) {
    const i = Math.floor(rng.next() * pool.length);
    const c = pool.splice(i, 1)[0]!;
    out.push({ ...c, allowNull: rng.chance(0.6) });
  }
  return out;
}

function writeCreateTable(w: Writer, ctx: FileCtx, table: string): void {
  const { rng } = ctx;
  const nCols = rng.int(5, 15);
  // id + createdAt + updatedAt count among the columns; the rest are picked.
  const fk = rng.chance(0.5) ? rng.pick(TABLES.filter((t) => t !== table)) : null;
  const cols = pickColumns(rng, nCols - 3 - (fk ? 1 : 0));
  const opts = txOpt(ctx);
  w.block(`await ${ctx.qi}.createTable('${table}', {`, () => {
    w.block('id: {', () => {
      w.line(`type: ${ctx.types}.INTEGER,`).line('autoIncrement: true,').line('primaryKey: true,').line('allowNull: false,');
    }, '},');
    if (fk) {
      w.block(`${singular(fk)}_id: {`, () => {
        w.line(`type: ${ctx.types}.INTEGER,`).line('allowNull: false,');
        w.line(`references: { model: '${fk}', key: 'id' },`).line("onUpdate: 'CASCADE',").line(`onDelete: '${rng.pick(['CASCADE', 'SET NULL', 'RESTRICT'])}',`);
      }, '},');
    }
    for (const c of cols) {
      if (rng.chance(0.3)) {
        w.line(`${c.name}: ${ctx.types}.${c.type.replace('Sequelize.', `${ctx.types}.`)},`);
      } else {
        w.block(`${c.name}: {`, () => {
          for (const l of columnDef(ctx, c)) w.line(l);
        }, '},');
      }
    }
    w.block('createdAt: {', () => {
      w.line(`type: ${ctx.types}.DATE,`).line('allowNull: false,');
    }, '},');
    w.block('updatedAt: {', () => {
      w.line(`type: ${ctx.types}.DATE,`).line('allowNull: false,');
    }, '},');
  }, opts ? `}, ${opts});` : '});');
  ctx.created.push(table);
  if (fk && rng.chance(0.6)) writeAddIndex(w, ctx, table, [`${singular(fk)}_id`], rng.chance(0.3));
}

function writeAddIndex(w: Writer, ctx: FileCtx, table: string, fields: string[], tryCatch: boolean): void {
  const name = `${table}_${fields.join('_')}_idx`;
  const fieldList = fields.map((f) => `'${f}'`).join(', ');
  const unique = ctx.rng.chance(0.25) ? 'unique: true, ' : '';
  const opts = ctx.tx ? `{ ${unique}name: '${name}', transaction${ctx.tx === 'transaction' ? '' : `: ${ctx.tx}`} }` : `{ ${unique}name: '${name}' }`;
  const call = `await ${ctx.qi}.addIndex('${table}', [${fieldList}], ${opts});`;
  if (!tryCatch) {
    w.line(call);
    return;
  }
  w.block('try {', () => w.line(call), '');
  w.block('} catch (error) {', () => {
    w.block("if (!error.message.includes('already exists')) {", () => w.line('throw error;'));
  });
}

function writeAddColumn(w: Writer, ctx: FileCtx, table: string, guarded: boolean): void {
  const col = pickColumns(ctx.rng, 1)[0]!;
  const opts = txOpt(ctx);
  const emit = () => {
    w.block(`await ${ctx.qi}.addColumn('${table}', '${col.name}', {`, () => {
      for (const l of columnDef(ctx, col)) w.line(l);
    }, opts ? `}, ${opts});` : '});');
  };
  if (guarded) {
    const varName = freshName(ctx, ctx.rng.pick(['columns', 'tableDescription', 'tableInfo']));
    w.line(`const ${varName} = await ${ctx.qi}.describeTable('${table}'${opts ? `, ${opts}` : ''});`);
    w.block(`if (!${varName}.${col.name}) {`, emit);
  } else {
    emit();
  }
  ctx.added.push([table, col.name]);
}

function writeRemoveColumn(w: Writer, ctx: FileCtx, table: string): void {
  const col = ctx.rng.pick(COLUMN_POOL);
  w.line(`await ${ctx.qi}.removeColumn(${withOpts(`'${table}', '${col.name}'`, txOpt(ctx))});`);
}

function writeChangeColumn(w: Writer, ctx: FileCtx, table: string): void {
  const col = pickColumns(ctx.rng, 1)[0]!;
  const opts = txOpt(ctx);
  w.block(`await ${ctx.qi}.changeColumn('${table}', '${col.name}', {`, () => {
    for (const l of columnDef(ctx, col)) w.line(l);
  }, opts ? `}, ${opts});` : '});');
}

function writePromiseAll(w: Writer, ctx: FileCtx, table: string): void {
  const cols = pickColumns(ctx.rng, ctx.rng.int(2, 4));
  const opts = txOpt(ctx);
  w.block('await Promise.all([', () => {
    for (const c of cols) {
      w.block(`${ctx.qi}.addColumn('${table}', '${c.name}', {`, () => {
        for (const l of columnDef(ctx, c)) w.line(l);
      }, opts ? `}, ${opts}),` : '}),');
      ctx.added.push([table, c.name]);
    }
  }, ']);');
}

function writeForOf(w: Writer, ctx: FileCtx): void {
  const { rng } = ctx;
  const tables = [...new Set([rng.pick(TABLES), rng.pick(TABLES), rng.pick(TABLES)])];
  const col = rng.pick(['deleted_at', 'archived_at', 'tenant_id', 'created_by']);
  const list = freshName(ctx, 'TABLES');
  w.line(`const ${list} = [${tables.map((t) => `'${t}'`).join(', ')}];`);
  w.line();
  const opts = txOpt(ctx);
  w.block(`for (const table of ${list}) {`, () => {
    w.block(`await ${ctx.qi}.addColumn(table, '${col}', {`, () => {
      w.line(`type: ${ctx.types}.${col.endsWith('_id') || col === 'created_by' ? 'INTEGER' : 'DATE'},`).line('allowNull: true,');
    }, opts ? `}, ${opts});` : '});');
    if (rng.chance(0.5)) {
      w.line(`await ${ctx.qi}.addIndex(table, ['${col}']${opts ? `, ${opts}` : ''});`);
    }
  });
  for (const t of tables) ctx.added.push([t, col]);
}

/** Realistic raw SQL, one statement (sometimes a multi-line template literal). */
function rawSql(ctx: FileCtx, table: string): { sql: string; multiline: boolean; select?: boolean } {
  const { rng } = ctx;
  const s = singular(table);
  const kind = rng.weighted([
    ['update', 345],
    ['select', 150],
    ['selectPlain', 79],
    ['createIndex', 120],
    ['dropIndex', 91],
    ['createIndexConcurrently', 83],
    ['insert', 78],
    ['alterTable', 65],
    ['delete', 63],
    ['alterType', 58],
  ] as const);
  switch (kind) {
    case 'update':
      return rng.chance(0.5)
        ? { sql: `UPDATE "${table}" SET "status" = 'active' WHERE "status" IS NULL`, multiline: false }
        : {
            sql: `UPDATE ${table} t\n  SET owner_email = u.email\n  FROM users u\n  WHERE t.user_id = u.id\n    AND t.owner_email IS NULL`,
            multiline: true,
          };
    case 'select':
      return { sql: `SELECT id, "createdAt" FROM "${table}" WHERE "deletedAt" IS NULL ORDER BY id LIMIT 1000`, multiline: false, select: true };
    case 'selectPlain':
      return { sql: `SELECT id, "createdAt" FROM "${table}" WHERE "deletedAt" IS NULL ORDER BY id LIMIT 1000`, multiline: false };
    case 'createIndex':
      return { sql: `CREATE INDEX IF NOT EXISTS "${table}_created_at_idx" ON "${table}" ("createdAt")`, multiline: false };
    case 'dropIndex':
      return { sql: `DROP INDEX IF EXISTS "${table}_legacy_idx"`, multiline: false };
    case 'createIndexConcurrently':
      return { sql: `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${table}_${s}_lookup_idx" ON "${table}" (lower("email"), "createdAt" DESC)`, multiline: false };
    case 'insert':
      return {
        sql: `INSERT INTO "${table}" ("name", "createdAt", "updatedAt")\n  VALUES ('default', NOW(), NOW())\n  ON CONFLICT DO NOTHING`,
        multiline: true,
      };
    case 'alterTable':
      return rng.chance(0.5)
        ? { sql: `ALTER TABLE "${table}" ALTER COLUMN "status" SET DEFAULT 'pending'`, multiline: false }
        : { sql: `ALTER TABLE ${table}\n  ADD CONSTRAINT ${table}_amount_check CHECK (amount >= 0) NOT VALID`, multiline: true };
    case 'delete':
      return rng.chance(0.5)
        ? { sql: `DELETE FROM "${table}" WHERE "expires_at" < NOW() - INTERVAL '90 days'`, multiline: false }
        : { sql: `DELETE FROM ${table}\n  WHERE id IN (\n    SELECT id FROM ${table}\n    WHERE user_id IS NULL\n  )`, multiline: true };
    case 'alterType':
      return { sql: `ALTER TYPE "enum_${table}_status" ADD VALUE IF NOT EXISTS '${rng.pick(ENUM_VALUES)}'`, multiline: false };
  }
}

function writeRawSql(w: Writer, ctx: FileCtx, table: string): void {
  const { rng } = ctx;
  const { sql, multiline, select } = rawSql(ctx, table);
  const opts = txOpt(ctx);
  if (select) {
    // A data migration: read rows, then update them one by one.
    const rows = freshName(ctx, 'rows');
    const selectOpts = txOpt(ctx, `type: ${ctx.types === 'DataTypes' ? 'QueryTypes' : `${ctx.types}.QueryTypes`}.SELECT`);
    w.line(`const ${rows} = await ${ctx.qi}.sequelize.query(`);
    w.line(`  '${sql};',`);
    w.line(`  ${selectOpts},`);
    w.line(');');
    w.block(`for (const row of ${rows}) {`, () => {
      w.block(`await ${ctx.qi}.sequelize.query('UPDATE "${table}" SET "updatedAt" = :now WHERE id = :id', {`, () => {
        w.line('replacements: { id: row.id, now: row.createdAt },');
        if (ctx.tx) w.line(ctx.tx === 'transaction' ? 'transaction,' : `transaction: ${ctx.tx},`);
      }, '});');
    });
    return;
  }
  // ~4% of files use template literals with ${CONST} holes.
  if (rng.chance(0.07)) {
    const constName = `${table.toUpperCase()}_TABLE`;
    const withHole = sql.split(`"${table}"`).join(`"\${${constName}}"`).split(` ${table} `).join(` \${${constName}} `);
    if (withHole !== sql) {
      if (!ctx.declared.has(constName)) {
        ctx.declared.add(constName);
        w.line(`const ${constName} = '${table}';`);
      }
      w.line(`await ${ctx.qi}.sequelize.query(\`${withHole}\`${opts ? `, ${opts}` : ''});`);
      return;
    }
  }
  if (multiline) {
    w.line(`await ${ctx.qi}.sequelize.query(\``);
    for (const l of sql.split('\n')) w.line(`  ${l}`);
    w.line(`\`${opts ? `, ${opts}` : ''});`);
  } else if (sql.includes("'")) {
    w.line(`await ${ctx.qi}.sequelize.query(\`${sql};\`${opts ? `, ${opts}` : ''});`);
  } else {
    w.line(`await ${ctx.qi}.sequelize.query('${sql};'${opts ? `, ${opts}` : ''});`);
  }
}

/** One longer SQL text (view, trigger function, DO block, CASE backfill): how SQL-only files get long. */
function writeLongSql(w: Writer, ctx: FileCtx, table: string): void {
  const s = singular(table);
  const kind = ctx.rng.weighted([['view', 3], ['trigger', 2], ['do', 2], ['case', 3]] as const);
  let sql: string[];
  switch (kind) {
    case 'view':
      sql = [
        `CREATE OR REPLACE VIEW active_${table} AS`,
        `  SELECT t.id, t.name, t."createdAt", count(c.id) AS comment_count`,
        `  FROM "${table}" t`,
        `  LEFT JOIN comments c ON c.${s}_id = t.id`,
        `  WHERE t."deletedAt" IS NULL`,
        `  GROUP BY t.id, t.name, t."createdAt"`,
      ];
      break;
    case 'trigger':
      sql = [
        `CREATE OR REPLACE FUNCTION ${table}_touch_updated_at() RETURNS trigger AS $$`,
        'BEGIN',
        '  NEW."updatedAt" = NOW();',
        '  RETURN NEW;',
        'END;',
        '$$ LANGUAGE plpgsql;',
        '',
        `DROP TRIGGER IF EXISTS ${table}_touch_updated_at ON "${table}";`,
        `CREATE TRIGGER ${table}_touch_updated_at`,
        `  BEFORE UPDATE ON "${table}"`,
        '  FOR EACH ROW',
        `  EXECUTE FUNCTION ${table}_touch_updated_at();`,
      ];
      break;
    case 'do':
      sql = [
        'DO $$',
        'BEGIN',
        '  IF NOT EXISTS (',
        `    SELECT 1 FROM information_schema.columns WHERE table_name = '${table}' AND column_name = 'archived_at'`,
        '  ) THEN',
        `    ALTER TABLE "${table}" ADD COLUMN "archived_at" timestamptz;`,
        '  END IF;',
        'END',
        '$$;',
      ];
      break;
    case 'case':
      sql = [
        `UPDATE "${table}"`,
        '  SET "priority" = CASE',
        `    WHEN "status" = 'active' THEN 10`,
        `    WHEN "status" = 'pending' THEN 5`,
        '    ELSE 0',
        '  END',
        '  WHERE "priority" IS NULL;',
      ];
      break;
  }
  const opts = txOpt(ctx);
  w.line(`await ${ctx.qi}.sequelize.query(\``);
  for (const l of sql) w.line(l ? `  ${l}` : '');
  w.line(`\`${opts ? `, ${opts}` : ''});`);
}

type DdlKind = 'createTable' | 'addColumn' | 'guardedAddColumn' | 'removeColumn' | 'changeColumn' | 'addIndex' | 'promiseAll' | 'forOf';

function writeDdl(w: Writer, ctx: FileCtx, kind: DdlKind): void {
  const table = ctx.primaryTable;
  switch (kind) {
    case 'createTable':
      return writeCreateTable(w, ctx, table);
    case 'addColumn':
      return writeAddColumn(w, ctx, table, false);
    case 'guardedAddColumn':
      return writeAddColumn(w, ctx, table, true);
    case 'removeColumn':
      return writeRemoveColumn(w, ctx, table);
    case 'changeColumn':
      return writeChangeColumn(w, ctx, table);
    case 'addIndex': {
      const col = ctx.rng.pick(COLUMN_POOL).name;
      return writeAddIndex(w, ctx, table, [col], ctx.rng.chance(0.35));
    }
    case 'promiseAll':
      return writePromiseAll(w, ctx, table);
    case 'forOf':
      return writeForOf(w, ctx);
  }
}

interface Plan {
  form: ExportForm;
  qi: string;
  transaction: boolean;
  /** Expression-bodied arrow: `up: (qi, S) => qi.sequelize.transaction(...)`. */
  expressionBody: boolean;
  ddl: DdlKind[];
  raw: number;
  emptyDown: boolean;
}

function plan(rng: Rng): Plan {
  // module.exports object: arrow 55%, method 31%, function 8% (of all files); umzug export const the rest.
  const form = rng.weighted([
    ['arrow', 55],
    ['method', 31],
    ['function', 8],
    ['umzug', 6],
  ] as const);
  const qi = form === 'umzug' ? rng.weighted([['queryInterface', 3], ['qi', 1]] as const) : rng.weighted([['queryInterface', 8], ['qi', 1], ['context', 1]] as const);
  const transaction = rng.chance(0.18);
  // Raw SQL in 39% of files, 26% use nothing else.
  const r = rng.next();
  const rawOnly = r < 0.26;
  const hasRaw = r < 0.39;
  const ddl: DdlKind[] = [];
  if (!rawOnly) {
    const n = rng.weighted([[1, 5], [2, 3], [3, 2]] as const);
    for (let i = 0; i < n; i++) {
      ddl.push(
        rng.weighted([
          ['createTable', 30],
          ['addColumn', 22],
          ['guardedAddColumn', 6],
          ['removeColumn', 8],
          ['changeColumn', 12],
          ['addIndex', 10],
          ['promiseAll', 6],
          ['forOf', 5],
        ] as const),
      );
    }
  }
  const raw = hasRaw ? rng.int(1, rawOnly ? 3 : 2) : 0;
  return {
    form,
    qi,
    transaction,
    expressionBody: transaction && form === 'arrow' && rng.chance(0.35),
    ddl,
    raw,
    emptyDown: rng.chance(0.3),
  };
}

function writeBody(w: Writer, ctx: FileCtx, p: Plan, pad: number): void {
  const { rng } = ctx;
  let first = true;
  const sep = () => {
    if (!first) w.line();
    first = false;
  };
  for (const kind of p.ddl) {
    sep();
    if (rng.chance(0.25)) w.line(`// ${rng.pick(['keep in sync with the model', 'see ticket', 'needed by the reporting job', 'backfilled below'])}`);
    writeDdl(w, ctx, kind);
  }
  for (let i = 0; i < p.raw; i++) {
    sep();
    writeRawSql(w, ctx, i === 0 ? ctx.primaryTable : rng.pick(TABLES));
  }
  for (let i = 0; i < pad; i++) {
    sep();
    // Small padding blocks so files land in the 30-120 line range of real ones.
    if (p.ddl.length > 0) writeDdl(w, ctx, rng.pick(['addColumn', 'changeColumn', 'addIndex'] as const));
    else writeLongSql(w, ctx, rng.pick(TABLES));
  }
}

function writeDownBody(w: Writer, ctx: FileCtx, p: Plan): void {
  const { rng } = ctx;
  if (p.emptyDown) {
    const style = rng.weighted([['comment', 5], ['return', 2], ['throw', 2], ['log', 1]] as const);
    if (style === 'comment') w.line('// Rollback disabled to preserve data');
    else if (style === 'return') w.line('return;');
    else if (style === 'throw') w.line("throw new Error('Irreversible migration: resolve manually');");
    else w.line("console.log('nothing to undo');");
    return;
  }
  const opts = txOpt(ctx);
  let wrote = false;
  for (const t of [...ctx.created].reverse()) {
    w.line(`await ${ctx.qi}.dropTable(${withOpts(`'${t}'`, opts)});`);
    wrote = true;
  }
  for (const [t, c] of [...ctx.added].reverse()) {
    w.line(`await ${ctx.qi}.removeColumn(${withOpts(`'${t}', '${c}'`, opts)});`);
    wrote = true;
  }
  if (!wrote) {
    if (p.raw > 0) {
      w.line(`await ${ctx.qi}.sequelize.query('DROP INDEX IF EXISTS "${ctx.primaryTable}_${singular(ctx.primaryTable)}_lookup_idx";'${opts ? `, ${opts}` : ''});`);
    } else {
      writeChangeColumn(w, ctx, ctx.primaryTable);
    }
  }
}

/** Writes `up` or `down` in the plan's export form, transaction wrapper included. */
function writeFunction(w: Writer, ctx: FileCtx, p: Plan, which: 'up' | 'down', body: () => void, last: boolean): void {
  const params = p.form === 'umzug' ? `{ context: ${ctx.qi} }` : `${ctx.qi}, Sequelize`;
  ctx.declared = new Set();
  const inner = () => {
    if (!p.transaction || (which === 'down' && p.emptyDown)) {
      body();
      return;
    }
    const tx = ctx.rng.weighted([['transaction', 3], ['t', 2]] as const);
    const open = `await ${ctx.qi}.sequelize.transaction(async (${tx}) => {`;
    ctx.tx = tx;
    w.block(open, body, '});');
    ctx.tx = null;
  };
  const comma = last ? (p.form === 'umzug' ? '' : ',') : ',';
  switch (p.form) {
    case 'arrow':
      if (p.expressionBody && p.transaction && !(which === 'down' && p.emptyDown)) {
        const tx = 'transaction';
        ctx.tx = tx;
        w.block(`${which}: (${params}) =>`, () => {
          w.block(`${ctx.qi}.sequelize.transaction(async (${tx}) => {`, body, `})${comma}`);
        }, '');
        ctx.tx = null;
      } else {
        w.block(`${which}: async (${params}) => {`, inner, `}${comma}`);
      }
      break;
    case 'method':
      w.block(`async ${which}(${params}) {`, inner, `}${comma}`);
      break;
    case 'function':
      w.block(`${which}: async function (${params}) {`, inner, `}${comma}`);
      break;
    case 'umzug':
      w.block(`export const ${which} = async (${params}) => {`, inner, '};');
      break;
  }
}

function fileSlug(p: Plan, table: string): string {
  const kind = p.ddl[0];
  switch (kind) {
    case 'createTable':
      return `create-${table.replace(/_/g, '-')}`;
    case 'addColumn':
    case 'guardedAddColumn':
    case 'promiseAll':
      return `add-fields-to-${table.replace(/_/g, '-')}`;
    case 'removeColumn':
      return `remove-legacy-column-from-${table.replace(/_/g, '-')}`;
    case 'changeColumn':
      return `change-${table.replace(/_/g, '-')}-columns`;
    case 'addIndex':
      return `add-index-on-${table.replace(/_/g, '-')}`;
    case 'forOf':
      return 'add-soft-delete-columns';
    default:
      return `backfill-${table.replace(/_/g, '-')}`;
  }
}

export interface GeneratedFile {
  name: string;
  source: string;
}

/** One migration; the content depends only on the rng state. */
export function generateMigration(rng: Rng, timestamp: string): GeneratedFile {
  const p = plan(rng);
  const table = rng.pick(TABLES);
  // Real files run 30-120 lines, most of them in the lower half.
  const target = 30 + Math.floor(rng.next() ** 2 * 70);
  const render = (pad: number): { text: string; lines: number } => {
    // Each attempt draws its content from its own fork, so retries stay deterministic.
    const fork = createRng(Math.floor(rng.next() * 0x100000000));
    const ctx: FileCtx = { rng: fork, qi: p.qi, types: p.form === 'umzug' ? 'DataTypes' : 'Sequelize', tx: null, created: [], added: [], primaryTable: table, declared: new Set() };
    const w = new Writer();
    if (p.form === 'umzug') {
      w.line("import { DataTypes, QueryTypes } from 'sequelize';");
      w.line();
      writeFunction(w, ctx, p, 'up', () => writeBody(w, ctx, p, pad), false);
      w.line();
      writeFunction(w, ctx, p, 'down', () => writeDownBody(w, ctx, p), true);
    } else {
      w.line("'use strict';");
      w.line();
      w.line("/** @type {import('sequelize-cli').Migration} */");
      w.block('module.exports = {', () => {
        writeFunction(w, ctx, p, 'up', () => writeBody(w, ctx, p, pad), false);
        w.line();
        writeFunction(w, ctx, p, 'down', () => writeDownBody(w, ctx, p), true);
      }, '};');
    }
    return { text: w.toString(), lines: w.length };
  };
  let out = render(0);
  // Too long: drop DDL blocks (keeping at least one).
  while (out.lines > 120 && p.ddl.length > 1) {
    p.ddl.pop();
    out = render(0);
  }
  // Too short: pad with small statements until the target length.
  for (let pad = 1; out.lines < target && pad <= 6; pad++) {
    const next = render(pad);
    if (next.lines > 120) break;
    out = next;
  }
  const source = out.text;
  return { name: `${timestamp}-${fileSlug(p, table)}.js`, source };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function timestampOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

/** N migrations with strictly increasing `YYYYMMDDHHMMSS-` names. */
export function generateMigrations(count: number, seed = 20240601): GeneratedFile[] {
  const rng = createRng(seed);
  let t = Date.UTC(2019, 0, 7, 9, 30, 0);
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    // Between 1 second (generated in one batch) and ~3 days apart.
    t += rng.chance(0.2) ? rng.int(1, 30) * 1000 : rng.int(600, 259_200) * 1000;
    out.push(generateMigration(rng, timestampOf(t)));
  }
  return out;
}

/** Writes a project (`<dir>/migrations/*.js`), replacing whatever was there. */
export function writeProject(dir: string, files: readonly GeneratedFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  const migrations = path.join(dir, 'migrations');
  mkdirSync(migrations, { recursive: true });
  for (const f of files) writeFileSync(path.join(migrations, f.name), f.source);
}

/**
 * What a real project has beside its migrations, so that a whole-process run reads it too: one model per
 * table (`sequelize.define`, the shape sequelize-cli generates) with an `index.js` that loads them, the
 * sequelize-cli config (`config/config.json`, postgres), a `.sequelizerc`, a `package.json` whose scripts run
 * the migrations and a Node script that runs SQL.
 */
export function writeSurroundings(dir: string): void {
  const models = path.join(dir, 'models');
  mkdirSync(models, { recursive: true });
  for (const table of TABLES) {
    const model = singular(table).replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
    const name = model.charAt(0).toUpperCase() + model.slice(1);
    writeFileSync(
      path.join(models, `${model}.js`),
      `'use strict';\nmodule.exports = (sequelize, DataTypes) => {\n  const ${name} = sequelize.define('${name}', {\n    name: { type: DataTypes.STRING, allowNull: false },\n    status: DataTypes.STRING,\n    createdAt: DataTypes.DATE,\n  }, { tableName: '${table}' });\n  return ${name};\n};\n`,
    );
  }
  writeFileSync(
    path.join(models, 'index.js'),
    "'use strict';\nconst fs = require('fs');\nconst path = require('path');\nconst Sequelize = require('sequelize');\nconst config = require('../config/config.json')[process.env.NODE_ENV || 'development'];\nconst db = {};\nconst sequelize = new Sequelize(config.database, config.username, config.password, config);\nfs.readdirSync(__dirname).filter((f) => f !== 'index.js' && f.endsWith('.js')).forEach((f) => {\n  const model = require(path.join(__dirname, f))(sequelize, Sequelize.DataTypes);\n  db[model.name] = model;\n});\ndb.sequelize = sequelize;\nmodule.exports = db;\n",
  );
  mkdirSync(path.join(dir, 'config'), { recursive: true });
  const env = (database: string) => ({ username: 'app', password: null, database, host: '127.0.0.1', dialect: 'postgres' });
  writeFileSync(path.join(dir, 'config', 'config.json'), `${JSON.stringify({ development: env('app_dev'), test: env('app_test'), production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' } }, null, 2)}\n`);
  writeFileSync(path.join(dir, '.sequelizerc'), "const path = require('path');\nmodule.exports = { config: path.resolve('config', 'config.json'), 'models-path': path.resolve('models'), 'migrations-path': path.resolve('migrations') };\n");
  mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  writeFileSync(
    path.join(dir, 'scripts', 'reset-demo.js'),
    "const { sequelize } = require('../models');\nasync function main() {\n  if (process.env.NODE_ENV === 'production') throw new Error('never in production');\n  await sequelize.query('TRUNCATE users CASCADE');\n}\nmain();\n",
  );
  const scripts = { start: 'node server.js', migrate: 'sequelize-cli db:migrate', 'migrate:undo': 'sequelize-cli db:migrate:undo', 'db:reset': 'sequelize-cli db:drop && sequelize-cli db:create && npm run migrate', 'demo:reset': 'node scripts/reset-demo.js', test: 'npm run migrate && node --test' };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-app', private: true, scripts, dependencies: { sequelize: '6.37.8', 'sequelize-cli': '6.6.2', pg: '8.11.3' } }, null, 2)}\n`);
}
