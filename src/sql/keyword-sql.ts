/**
 * Raw SQL of a project that does not run on PostgreSQL (MySQL, MariaDB,
 * SQLite...): the PostgreSQL parser would reject valid statements
 * (backquoted names, `MODIFY COLUMN`) or read them wrongly, so it is not used.
 * The statement kind comes from its keywords, read with one scanner that
 * skips quoted text and comments and knows the parenthesis depth: the DDL
 * that shapes the schema (CREATE TABLE with its columns, ALTER TABLE's ADD /
 * DROP / CHANGE / MODIFY / RENAME, RENAME TABLE, CREATE and DROP INDEX, DROP
 * TABLE) and the obvious data-loss statements (DELETE, UPDATE, TRUNCATE)
 * become the operations the PostgreSQL reader gives for the same statements;
 * everything else stays a plain `sql` operation.
 */
import type { JsonValue, OpKind, Target } from '../model';
import type { SqlOperation } from './sql-operation';
import { scrubHoles, wholeHoles } from './holes';
import { escapeRegExp } from '../util/text';

/** An identifier: backquoted, double-quoted, bracketed or bare, possibly `schema.name`. Case is kept as written. */
const NAME = String.raw`(?:\x60[^\x60]+\x60|"[^"]+"|\[[^\]]+\]|[\w$]+)`;
const QUALIFIED = String.raw`(${NAME}(?:\s*\.\s*${NAME})?)`;
const IF_EXISTS = String.raw`(?:IF\s+EXISTS\s+)?`;

type Options = Record<string, JsonValue>;
/** An operation before its statement text, offset and hole scrubbing are added. */
type Draft = Pick<SqlOperation, 'op' | 'target' | 'guard' | 'options'> & { fields?: (string | null)[] };

/** How a stored routine's definition starts: `CREATE [OR REPLACE] [DEFINER=...] PROCEDURE|FUNCTION|TRIGGER|EVENT` (groups: OR REPLACE, the kind). */
const ROUTINE_HEAD = String.raw`^CREATE\s+(OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:AGGREGATE\s+)?(PROCEDURE|FUNCTION|TRIGGER|EVENT)`;

const PATTERNS: { re: RegExp; build: (m: RegExpExecArray) => Draft | Draft[] }[] = [
  {
    // A stored routine or trigger: defined, not run (its body is read as one statement, see splitStatements).
    re: new RegExp(String.raw`${ROUTINE_HEAD}\s+(IF\s+NOT\s+EXISTS\s+)?${QUALIFIED}`, 'i'),
    build: (m): Draft => {
      const kind = m[2]!.toUpperCase();
      const guard = m[1] || m[3] ? 'sql-if-exists' : null;
      if (kind === 'TRIGGER') {
        const on = new RegExp(String.raw`\bON\s+${QUALIFIED}`, 'i').exec(m.input.slice(m[0].length));
        return { op: 'createTrigger', target: { ...(on ? relation(on[1]!) : { table: null, column: null }), name: relation(m[4]!).table }, guard, options: {} };
      }
      // A scheduled event (MySQL): defined here, its body runs later, on the server's schedule; the schema is as it was.
      if (kind === 'EVENT') return { ...sqlDraft(), options: { statementType: 'CreateEventStmt', touchesNoTable: true } };
      return { op: 'createFunction', target: { table: null, column: null, name: relation(m[4]!).table }, guard, options: kind === 'PROCEDURE' ? { procedure: true } : {} };
    },
  },
  {
    // `DROP EVENT`, `ALTER EVENT` (MySQL): a schedule, no table.
    re: /^(DROP|ALTER)\s+EVENT\b/i,
    build: (m): Draft => ({ ...sqlDraft(), options: { statementType: m[1]!.toUpperCase() === 'DROP' ? 'DropEventStmt' : 'AlterEventStmt', touchesNoTable: true } }),
  },
  {
    re: new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL\s+|LOCAL\s+)?TEMP(?:ORARY)?\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?${QUALIFIED}\s*`, 'i'),
    build: (m) => ({ op: 'createTable', target: relation(m[2]!), guard: m[1] ? 'sql-if-exists' : null, options: createTableOptions(m.input.slice(m[0].length)) }),
  },
  {
    // MySQL's SCHEMA is its DATABASE.
    re: new RegExp(String.raw`^(CREATE|DROP)\s+(?:DATABASE|SCHEMA)\s+(IF\s+(?:NOT\s+)?EXISTS\s+)?(${NAME})\s*;?\s*$`, 'i'),
    build: (m) => ({ op: m[1]!.toUpperCase() === 'DROP' ? 'dropDatabase' : 'createDatabase', target: { table: null, column: null, name: unquote(m[3]!) }, guard: m[2] ? 'sql-if-exists' : null, options: {} }),
  },
  {
    re: new RegExp(String.raw`^DROP\s+(?:TEMPORARY\s+)?TABLE\s+(IF\s+EXISTS\s+)?`, 'i'),
    build: (m) => {
      const rest = m.input.slice(m[0].length);
      const options = { cascade: /\bCASCADE\s*$/i.test(rest) };
      // DROP TABLE a, b is two operations, as on PostgreSQL.
      const names = splitTopLevel(rest.replace(/\s+(?:RESTRICT|CASCADE)\s*$/i, ''), ',').map(({ text }) => text.trim());
      if (!names.every((n) => new RegExp(String.raw`^${QUALIFIED}$`).test(n))) return sqlDraft();
      return names.map((name) => ({ op: 'dropTable', target: relation(name), guard: m[1] ? 'sql-if-exists' : null, options: { ...options } }));
    },
  },
  {
    re: new RegExp(String.raw`^ALTER\s+(?:ONLINE\s+|OFFLINE\s+|IGNORE\s+)*TABLE\s+(IF\s+EXISTS\s+)?${QUALIFIED}\s*`, 'i'),
    build: (m) => {
      const table = relation(m[2]!);
      const specs = splitTopLevel(m.input.slice(m[0].length), ',').map((s) => withoutLeadingComments(s.text.trim())).filter((s) => s !== '');
      const drafts = specs.flatMap((spec) => alterTableSpec(table, spec, Boolean(m[1])));
      return drafts.length > 0 ? drafts : sqlDraft({ ...table });
    },
  },
  {
    // MySQL: RENAME TABLE a TO b [, c TO d]
    re: /^RENAME\s+TABLES?\s+/i,
    build: (m) =>
      splitTopLevel(m.input.slice(m[0].length), ',').map(({ text }) => {
        const pair = new RegExp(String.raw`^\s*${QUALIFIED}\s+TO\s+${QUALIFIED}\s*$`, 'i').exec(text);
        return pair ? { op: 'renameTable', target: { ...relation(pair[1]!), newName: relation(pair[2]!).table }, guard: null, options: {} } : sqlDraft();
      }),
  },
  {
    re: new RegExp(String.raw`^CREATE\s+(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s+(IF\s+NOT\s+EXISTS\s+)?${QUALIFIED}\s+(?:USING\s+\w+\s+)?ON\s+${QUALIFIED}\s*(?:USING\s+\w+\s*)?(?=\()`, 'i'),
    build: (m) => {
      const { schema, table: name } = relation(m[3]!);
      const target = { ...relation(m[4]!), name };
      if (schema && !target.schema) target.schema = schema;
      const unique = /^UNIQUE/i.test(m[1] ?? '');
      // A partial index (SQLite): its predicate is not read, so it pins no column (`where: {}`).
      const options: Options = { unique, concurrently: false };
      if (hasTopLevelWhere(m.input)) options.where = {};
      return { op: 'addIndex', target, guard: m[2] ? 'sql-if-exists' : null, options, fields: indexFields(m.input, m[0].length) };
    },
  },
  {
    // MySQL names the table (DROP INDEX i ON t); SQLite does not.
    re: new RegExp(String.raw`^DROP\s+INDEX\s+(IF\s+EXISTS\s+)?${QUALIFIED}(?:\s+ON\s+${QUALIFIED})?`, 'i'),
    build: (m) => {
      const index = relation(m[2]!);
      const target: Target = m[3] ? { ...relation(m[3]), name: index.table } : { table: null, column: null, name: index.table, ...(index.schema ? { schema: index.schema } : {}) };
      return { op: 'removeIndex', target, guard: m[1] ? 'sql-if-exists' : null, options: { cascade: false, concurrently: false } };
    },
  },
  {
    re: new RegExp(String.raw`^DELETE\s+(?:LOW_PRIORITY\s+|QUICK\s+|IGNORE\s+)*FROM\s+${QUALIFIED}`, 'i'),
    build: (m) => {
      const orphans = notInParent(m.input);
      return { op: 'delete', target: relation(m[1]!), guard: null, options: { where: selectsSome(m.input), ...(orphans ? { orphans } : {}) } };
    },
  },
  {
    // MySQL's multi-table UPDATE: `UPDATE sales s INNER JOIN vehicles v ON v.id = s.vehicleId SET s.comment = v.salesComment`.
    re: new RegExp(String.raw`^UPDATE\s+(?:LOW_PRIORITY\s+|IGNORE\s+)*(?=[\s\S]*?\bJOIN\b)`, 'i'),
    build: (m) => joinedUpdate(m.input, m[0].length) ?? sqlDraft(),
  },
  {
    re: new RegExp(String.raw`^UPDATE\s+(?:LOW_PRIORITY\s+|IGNORE\s+|OR\s+\w+\s+)*${QUALIFIED}\s+SET\b`, 'i'),
    build: (m) => {
      const sets = setList(m.input.slice(m.index + m[0].length), relation(m[1]!).table);
      const selfDerived = sets.filter((x) => x.column !== null && x.readsItself).map((x) => x.column!);
      // `SET new_node_id = node_id`: a copy of another column of the row (a bare or backquoted name, or one qualified
      // by the table), by SET column, as the PostgreSQL reader records it.
      const table = relation(m[1]!).table;
      const setCopies: Record<string, string> = {};
      for (const x of sets) {
        const ref = new RegExp(String.raw`^\s*(?:(${NAME})\s*\.\s*)?(${NAME})\s*$`).exec(x.value);
        // A double-quoted token is a string in MySQL; a number is no name.
        if (!x.column || !ref || (ref[1] && unquote(ref[1]) !== table) || /^\s*"|^\s*\d/.test(ref[2]!)) continue;
        const source = unquote(ref[2]!);
        if (source !== x.column && !/^(null|true|false|default)$/i.test(source)) setCopies[x.column] = source;
      }
      const options: Options = { where: selectsSome(m.input), columns: sets.map((x) => x.column), ...(selfDerived.length > 0 ? { selfDerived } : {}) };
      if (Object.keys(setCopies).length > 0) options.setCopies = setCopies;
      return { op: 'update', target: relation(m[1]!), guard: null, options };
    },
  },
  {
    // A read (MySQL's SHOW too): of its first table when the FROM names one plainly, else of no table.
    re: /^(?:SELECT|SHOW)\b/i,
    build: (m) => {
      const from = topLevelWord(m.input, /FROM\b/iy);
      const table = from < 0 ? null : new RegExp(String.raw`^FROM\s+${QUALIFIED}(?=\s|;|$|,|\))`, 'i').exec(m.input.slice(from));
      const columns = /^SELECT\b/i.test(m.input) && from < m.input.length ? plainSelectList(m.input.slice('SELECT'.length, from)) : null;
      return { op: 'select', target: table ? relation(table[1]!) : { table: null, column: null }, guard: null, options: { allColumns: /^SELECT\s+\*/i.test(m.input), ...(columns ? { columns } : {}) } };
    },
  },
  {
    // INSERT [IGNORE] INTO t [(a, b)] ...: the columns written; IGNORE and ON DUPLICATE KEY UPDATE say what a duplicate does.
    re: new RegExp(String.raw`^(?:INSERT|REPLACE)\s+(?:LOW_PRIORITY\s+|DELAYED\s+|HIGH_PRIORITY\s+)?(IGNORE\s+|OR\s+IGNORE\s+)?(?:INTO\s+)?${QUALIFIED}\s*`, 'i'),
    build: (m) => {
      const after = m.index + m[0].length;
      const columns = m.input[after] === '(' && !/^\(\s*SELECT\b/i.test(m.input.slice(after)) ? indexFields(m.input, after) : [];
      const onConflict = m[1] ? 'nothing' : /\bON\s+DUPLICATE\s+KEY\s+UPDATE\b/i.test(m.input) || /^REPLACE\b/i.test(m.input) ? 'update' : null;
      const target = relation(m[2]!);
      return { op: 'insert', target, guard: null, options: { columns, onConflict, ...insertSelectCopy(m.input), ...(target.table && skipsExisting(m.input, target.table) ? { skipsExisting: true } : {}) } };
    },
  },
  // `SET FOREIGN_KEY_CHECKS = 0`, `SET SESSION sql_mode = ''`, `SET @@foreign_key_checks = 1`: a session parameter, as the
  // PostgreSQL reader records `SET name = value` (statements.ts `setVariable`). Not `SET TRANSACTION`, `SET NAMES`,
  // `SET CONSTRAINTS`, `SET ROLE`: those are not `name = value`. It changes no table: not a step migralint cannot read
  // (hold-out 95: `SET FOREIGN_KEY_CHECKS = 0` around TRUNCATEs had hidden which tables the migrations create).
  {
    re: /^SET\s+(?:(SESSION|LOCAL|GLOBAL)\s+|@@(?:session\.|local\.|global\.)?)?([A-Za-z_][A-Za-z0-9_.]*)\s*(?:=|\bTO\b)/i,
    build: (m) => ({ op: 'sql', target: { table: null, column: null }, guard: null, options: { statementType: 'VariableSetStmt', setting: m[2]!.toLowerCase(), local: /^local$/i.test(m[1] ?? ''), reset: false, touchesNoTable: true } }),
  },
  {
    re: new RegExp(String.raw`^TRUNCATE\s+(?:TABLE\s+)?${QUALIFIED}`, 'i'),
    build: (m) => ({ op: 'truncate', target: relation(m[1]!), guard: null, options: { cascade: /\bCASCADE\b/i.test(m.input), restartIdentity: /\bRESTART\s+IDENTITY\b/i.test(m.input) } }),
  },
];

/**
 * The operations of each statement of `sql`, each marked `notParsed`.
 * Statements are split on semicolons outside quotes and comments.
 */
export function analyzeSqlByKeywords(sql: string): SqlOperation[] {
  const out: SqlOperation[] = [];
  for (const { text, offset } of splitStatements(sql)) {
    const body = withoutLeadingComments(text);
    let drafts: Draft[] = [sqlDraft()];
    for (const p of PATTERNS) {
      const m = p.re.exec(body);
      if (!m) continue;
      const built = p.build(m);
      drafts = Array.isArray(built) ? built : [built];
      break;
    }
    for (const draft of drafts) out.push(finish(draft, text, offset));
  }
  return out;
}

/** Adds statement text and offset, and replaces every name that came from a hole by null. */
function finish(draft: Draft, statement: string, offset: number): SqlOperation {
  const holes = { found: false };
  const operation: SqlOperation = {
    op: draft.op,
    target: scrubHoles(draft.target, holes) as unknown as Target,
    guard: draft.guard,
    options: scrubHoles(draft.options, holes) as Options,
    statement,
    offset,
    notParsed: true,
  };
  if (draft.fields) operation.fields = scrubHoles(draft.fields, holes) as (string | null)[];
  if (holes.found) operation.unresolved = true;
  const holeOf = wholeHoles(draft.target);
  if (holeOf) operation.holeOf = holeOf;
  return operation;
}

/**
 * `INSERT INTO t ... SELECT ... WHERE NOT EXISTS (SELECT 1 FROM t WHERE k = 'x')`: the row is inserted only where the
 * table lacks it, so a rerun inserts nothing (hold-out 100). Read by its keywords: the NOT EXISTS reads the target.
 */
function skipsExisting(statement: string, table: string): boolean {
  const anti = /\bNOT\s+EXISTS\s*\(\s*SELECT\b[\s\S]*?\bFROM\s+([`"]?[\w$]+[`"]?(?:\.[`"]?[\w$]+[`"]?)?)/gi;
  return [...statement.matchAll(anti)].some((m) => relation(m[1]!).table === table);
}

/**
 * `INSERT INTO t [(...)] SELECT ... FROM x`: the rows of one table copied (`copiedFrom`), every one of them
 * (`copiedAll`) when nothing but an alias and an ORDER BY follows the table (no WHERE, JOIN, second table, LIMIT,
 * GROUP BY, UNION), as the PostgreSQL reader says of the same statement. A query it cannot read so simply: nothing.
 */
function insertSelectCopy(statement: string): Options {
  const text = statement.replace(/;\s*$/, '');
  const select = topLevelWord(text, /SELECT\b/iy);
  if (select < 0) return {};
  const from = topLevelWord(text, /FROM\b/iy);
  if (from < select) return {};
  const table = new RegExp(String.raw`^FROM\s+${QUALIFIED}`, 'i').exec(text.slice(from));
  if (!table) return {};
  const rest = text.slice(from + table[0].length);
  const alias = /^\s+(?:AS\s+)?(?!(?:WHERE|JOIN|INNER|LEFT|RIGHT|FULL|CROSS|NATURAL|LIMIT|GROUP|HAVING|UNION|ORDER|ON|EXCEPT|INTERSECT)\b)[\w$]+/i.exec(rest);
  const tail = alias ? rest.slice(alias[0].length) : rest;
  const whole = /^\s*(?:ORDER\s+BY\s+[^;]*)?$/i.test(tail) && !/\b(?:WHERE|JOIN|LIMIT|UNION|GROUP\s+BY)\b/i.test(mask(tail));
  // A WHERE or a GROUP BY (duplicates folded) copies some of the rows: a copy all the same, not of every row.
  if (!whole && !/^\s*(?:WHERE\b|ORDER\b|GROUP\b|$)/i.test(tail)) return {};
  // `WHERE c IS NOT NULL [AND d IS NOT NULL]` alone: every row that holds a value in those columns.
  const notNull = /^\s*WHERE\s+((?:[`"]?[\w$]+[`"]?\s+IS\s+NOT\s+NULL(?:\s+AND\s+(?!$))?)+)\s*(?:ORDER\s+BY\s+[^;]*)?$/i.exec(tail);
  const columns = notNull ? [...notNull[1]!.matchAll(/[`"]?([\w$]+)[`"]?\s+IS\s+NOT\s+NULL/gi)].map((m) => m[1]!) : [];
  return { copiedFrom: [relation(table[1]!).table!], copiedAll: whole, ...(columns.length > 0 ? { copiedNonNull: columns } : {}) };
}

function sqlDraft(target: Target = { table: null, column: null }): Draft {
  return { op: 'sql', target, guard: null, options: {} };
}

// ---------------------------------------------------------------- CREATE TABLE

/** Words that open a table element which is not a column (a key, an index, a constraint). */
const NOT_A_COLUMN = /^(?:CONSTRAINT|PRIMARY|UNIQUE|KEY|INDEX|FULLTEXT|SPATIAL|FOREIGN|CHECK|PERIOD|EXCLUDE)\b/i;

/**
 * `columns` (and `sequenceColumns`) when the statement lists the columns;
 * `asSelect` when a query gives them (`AS SELECT`, MySQL's `(...) SELECT`);
 * neither when they are copied (`LIKE other`).
 */
function createTableOptions(rest: string): Options {
  // `CREATE TABLE backup AS SELECT * FROM t`: the rows of `t` copied, as an INSERT ... SELECT says.
  if (!rest.startsWith('(')) return /^(?:IGNORE\s+|REPLACE\s+)?(?:AS\s+)?\(?\s*(?:SELECT|WITH)\b/i.test(rest) ? { asSelect: true, ...insertSelectCopy(rest) } : {};
  const close = closingParen(rest, 0);
  const elements = splitTopLevel(rest.slice(1, close), ',').map((e) => withoutLeadingComments(e.text.trim()));
  if (/^\s*(?:IGNORE\s+|REPLACE\s+)?(?:AS\s+)?\(?\s*(?:SELECT|WITH)\b/i.test(rest.slice(close + 1))) return { asSelect: true };
  if (elements.some((e) => /^LIKE\b/i.test(e))) return {};
  const columns: string[] = [];
  const sequenceColumns: string[] = [];
  for (const element of elements) {
    if (NOT_A_COLUMN.test(element)) continue;
    const m = new RegExp(String.raw`^(${NAME})\s*`).exec(element);
    if (!m) continue;
    const column = unquote(m[1]!);
    columns.push(column);
    if (columnFacts(element.slice(m[0].length)).sequence === true) sequenceColumns.push(column);
  }
  return sequenceColumns.length > 0 ? { columns, sequenceColumns } : { columns };
}

/** A MySQL type that also says NOT NULL AUTO_INCREMENT UNIQUE. */
const SERIAL = /^SERIAL$/i;

/**
 * Facts about a column definition (what follows the column's name), with the
 * keys the PostgreSQL reader gives an added column: `type` (as written),
 * `notNull` (NOT NULL or PRIMARY KEY), `default` (existing rows get a value:
 * a DEFAULT other than NULL, AUTO_INCREMENT, a generated column), and when
 * present `primaryKey`, `unique`, `check`, `generated`, `sequence`
 * (AUTO_INCREMENT, SERIAL), `references`.
 */
function columnFacts(definition: string): Options {
  const code = mask(definition);
  const has = (re: RegExp) => re.test(code);
  const typeMatch = /^\s*([A-Za-z_]\w*(?:\s+(?:PRECISION|VARYING))?)(\s*\([^)]*\))?((?:\s+(?:UNSIGNED|SIGNED|ZEROFILL))*)/i.exec(code);
  const type = typeMatch ? definition.slice(typeMatch.index, typeMatch.index + typeMatch[0].length).trim().replace(/\s+/g, ' ') : null;
  const serial = typeMatch !== null && SERIAL.test(typeMatch[1]!);
  const primaryKey = has(/\bPRIMARY\s+KEY\b/i);
  const generated = has(/\bGENERATED\s+ALWAYS\b|\bAS\s*\(/i);
  const sequence = serial || has(/\bAUTO_?INCREMENT\b/i);
  const options: Options = {
    type,
    notNull: has(/\bNOT\s+NULL\b/i) || primaryKey || serial,
    default: has(/\bDEFAULT\b(?!\s+NULL\b)/i) || generated || sequence,
  };
  if (primaryKey) options.primaryKey = true;
  if (serial || has(/\bUNIQUE\b/i)) options.unique = true;
  if (has(/\bCHECK\s*\(/i)) options.check = true;
  if (generated) options.generated = true;
  if (sequence) options.sequence = true;
  const references = new RegExp(String.raw`\bREFERENCES\s+${QUALIFIED}\s*\(`, 'i').exec(definition);
  if (references) options.references = referenced(references, definition);
  return options;
}

/** `REFERENCES [schema.]t (a, b)`: the referenced table and columns, as the PostgreSQL reader writes them. */
function referenced(m: RegExpExecArray, text: string): Options {
  const { table, schema } = relation(m[1]!);
  const open = m.index + m[0].length - 1;
  const fields = splitTopLevel(text.slice(open + 1, closingParen(text, open)), ',').map((f) => unquote(f.text.trim()));
  return schema ? { table, fields, schema } : { table, fields };
}

// ---------------------------------------------------------------- ALTER TABLE

/** Keywords after ADD / DROP that name something other than a column. */
const NOT_A_COLUMN_AFTER = String.raw`(?!(?:CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK|INDEX|KEY|FULLTEXT|SPATIAL|PARTITION|PERIOD|SYSTEM)\b)`;

/**
 * One subcommand of an ALTER TABLE (MySQL separates them with commas), as the
 * PostgreSQL reader describes the same subcommand. `tableIfExists`: MariaDB's
 * ALTER TABLE IF EXISTS, a guard for a rename of the table.
 */
function alterTableSpec(table: Target, spec: string, tableIfExists: boolean): Draft[] {
  const column = (name: string): Target => ({ ...table, column: unquote(name) });
  const ifExists = (m: string | undefined): Draft['guard'] => (m ? 'sql-if-exists' : null);
  let m: RegExpExecArray | null;

  // ADD [COLUMN] (a INT, b INT)
  if ((m = /^ADD\s+(?:COLUMN\s+)?(IF\s+NOT\s+EXISTS\s+)?(?=\()/i.exec(spec))) {
    const guard = ifExists(m[1]);
    return splitTopLevel(spec.slice(m[0].length + 1, closingParen(spec, m[0].length)), ',').flatMap(({ text }) => {
      const def = new RegExp(String.raw`^\s*(${NAME})\s*`).exec(text);
      return def ? [{ op: 'addColumn' as OpKind, target: column(def[1]!), guard, options: columnFacts(text.slice(def[0].length)) }] : [];
    });
  }
  // ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX|KEY [name] (cols): what Sequelize's addIndex sends on MySQL.
  if ((m = new RegExp(String.raw`^ADD\s+(UNIQUE\s*(?:INDEX\s+|KEY\s+)?|(?:FULLTEXT\s+|SPATIAL\s+)?(?:INDEX|KEY)\s+)(IF\s+NOT\s+EXISTS\s+)?(?:(?!USING\b)(${NAME})\s*)?(?:USING\s+\w+\s*)?(?=\()`, 'i').exec(spec))) {
    return [{ op: 'addIndex', target: { ...table, name: m[3] ? unquote(m[3]) : null }, guard: ifExists(m[2]), options: { unique: /^UNIQUE/i.test(m[1]!), concurrently: false }, fields: indexFields(spec, m[0].length) }];
  }
  // ADD [CONSTRAINT [name]] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK: what Sequelize's addConstraint sends.
  if ((m = new RegExp(String.raw`^ADD\s+(?:CONSTRAINT\s+(?:(?!PRIMARY\b|UNIQUE\b|FOREIGN\b|CHECK\b)(${NAME})\s+)?)?(PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK)\b`, 'i').exec(spec))) {
    return [{ op: 'addConstraint', target: { ...table, name: m[1] ? unquote(m[1]) : null }, guard: null, options: constraintOptions(m[2]!, spec.slice(m[0].length)) }];
  }
  if ((m = new RegExp(String.raw`^ADD\s+(?:COLUMN\s+)?(IF\s+NOT\s+EXISTS\s+)?${NOT_A_COLUMN_AFTER}(${NAME})\s*`, 'i').exec(spec))) {
    return [{ op: 'addColumn', target: column(m[2]!), guard: ifExists(m[1]), options: columnFacts(spec.slice(m[0].length)) }];
  }
  if ((m = new RegExp(String.raw`^DROP\s+(?:INDEX|KEY)\s+(IF\s+EXISTS\s+)?(${NAME})`, 'i').exec(spec))) {
    return [{ op: 'removeIndex', target: { ...table, name: unquote(m[2]!) }, guard: ifExists(m[1]), options: { cascade: false, concurrently: false } }];
  }
  if ((m = new RegExp(String.raw`^DROP\s+(?:FOREIGN\s+KEY|CONSTRAINT|CHECK)\s+(IF\s+EXISTS\s+)?(${NAME})`, 'i').exec(spec))) {
    return [{ op: 'removeConstraint', target: { ...table, name: unquote(m[2]!) }, guard: ifExists(m[1]), options: { cascade: false } }];
  }
  if (/^DROP\s+PRIMARY\s+KEY\b/i.test(spec)) return [{ op: 'removeConstraint', target: { ...table, name: 'PRIMARY' }, guard: null, options: { cascade: false } }];
  if ((m = new RegExp(String.raw`^DROP\s+(?:COLUMN\s+)?(IF\s+EXISTS\s+)?${NOT_A_COLUMN_AFTER}(${NAME})`, 'i').exec(spec))) {
    return [{ op: 'removeColumn', target: column(m[2]!), guard: ifExists(m[1]), options: { cascade: /\bCASCADE\s*$/i.test(spec) } }];
  }
  if ((m = new RegExp(String.raw`^RENAME\s+COLUMN\s+(${NAME})\s+TO\s+(${NAME})`, 'i').exec(spec))) {
    return [{ op: 'renameColumn', target: { ...column(m[1]!), newName: unquote(m[2]!) }, guard: null, options: {} }];
  }
  if ((m = new RegExp(String.raw`^RENAME\s+(?:INDEX|KEY)\s+(${NAME})\s+TO\s+(${NAME})`, 'i').exec(spec))) {
    return [sqlDraft({ ...table, name: unquote(m[1]!), newName: unquote(m[2]!) })];
  }
  if ((m = new RegExp(String.raw`^RENAME\s+(?:TO\s+|AS\s+)?${QUALIFIED}\s*$`, 'i').exec(spec))) {
    return [{ op: 'renameTable', target: { ...table, newName: relation(m[1]!).table }, guard: tableIfExists ? 'sql-if-exists' : null, options: {} }];
  }
  // CHANGE old new definition: a rename when the names differ (what Sequelize's renameColumn sends on MySQL), else a redefinition.
  if ((m = new RegExp(String.raw`^CHANGE\s+(?:COLUMN\s+)?(IF\s+EXISTS\s+)?(${NAME})\s+(${NAME})\s*`, 'i').exec(spec))) {
    const from = unquote(m[2]!);
    const to = unquote(m[3]!);
    if (from !== to) return [{ op: 'renameColumn', target: { ...column(from), newName: to }, guard: null, options: {} }];
    return [{ op: 'changeColumn', target: column(from), guard: null, options: redefinition(spec.slice(m[0].length)) }];
  }
  if ((m = new RegExp(String.raw`^MODIFY\s+(?:COLUMN\s+)?(IF\s+EXISTS\s+)?(${NAME})\s*`, 'i').exec(spec))) {
    return [{ op: 'changeColumn', target: column(m[2]!), guard: null, options: redefinition(spec.slice(m[0].length)) }];
  }
  if ((m = new RegExp(String.raw`^ALTER\s+(?:COLUMN\s+)?(${NAME})\s+(SET\s+DEFAULT|DROP\s+DEFAULT)\b`, 'i').exec(spec))) {
    return [{ op: 'changeColumn', target: column(m[1]!), guard: null, options: /^SET/i.test(m[2]!) ? { setDefault: true } : { dropDefault: true } }];
  }
  // Anything else that adds, drops or renames may change which columns exist: the table stays unknown.
  if (/^(?:ADD|DROP|CHANGE|MODIFY|RENAME)\b/i.test(spec)) return [sqlDraft()];
  // Table options, ALGORITHM / LOCK, CONVERT TO CHARACTER SET, ...: the table keeps its columns.
  return [sqlDraft({ ...table })];
}

/**
 * MODIFY / CHANGE restate the whole column: its type, and NOT NULL or not
 * (a definition without NOT NULL makes the column nullable).
 */
function redefinition(definition: string): Options {
  const facts = columnFacts(definition);
  return { type: facts.type ?? null, ...(facts.notNull === true ? { setNotNull: true } : { dropNotNull: true }) };
}

const CONSTRAINT_TYPES: Record<string, string> = { PRIMARY: 'primary key', UNIQUE: 'unique', FOREIGN: 'foreign key', CHECK: 'check' };

/** Facts about an added table constraint, with the keys the PostgreSQL reader gives: `constraintType`, `notValid`, `fields`, `references`. */
function constraintOptions(kind: string, rest: string): Options {
  const options: Options = { constraintType: CONSTRAINT_TYPES[kind.split(/\s/)[0]!.toUpperCase()] ?? null, notValid: false };
  if (/^CHECK/i.test(kind)) return options;
  // UNIQUE [INDEX|KEY] [name] (cols), FOREIGN KEY [name] (cols), PRIMARY KEY (cols)
  const open = rest.indexOf('(');
  if (open >= 0) options.fields = indexFields(rest, open).filter((f): f is string => f !== null);
  const references = new RegExp(String.raw`\bREFERENCES\s+${QUALIFIED}\s*\(`, 'i').exec(rest);
  if (references) options.references = referenced(references, rest);
  return options;
}

/** The columns of the key part list opening at `open` (`(a, b(10) DESC, (expr))`): a name, or null for an expression. */
function indexFields(text: string, open: number): (string | null)[] {
  return splitTopLevel(text.slice(open + 1, closingParen(text, open)), ',').map(({ text: part }) => {
    const m = new RegExp(String.raw`^\s*(${NAME})\s*(?:\(\s*\d+\s*\))?\s*(?:ASC|DESC)?\s*$`, 'i').exec(part);
    return m ? unquote(m[1]!) : null;
  });
}

// ---------------------------------------------------------------- UPDATE, DELETE

/**
 * The assignments of an UPDATE's SET list (up to WHERE / ORDER BY / LIMIT /
 * RETURNING / FROM): the name before each top-level `=`, with the qualifier
 * written before it (`s.comment`), and the value after it; a null column for
 * a name that is not plain (`(a, b) = ...`).
 */
function setList(afterSet: string, table: string | null): { qualifier: string | null; column: string | null; value: string; readsItself: boolean }[] {
  const end = topLevelWord(afterSet, /(?:WHERE|ORDER\s+BY|LIMIT|RETURNING|FROM)\b/iy);
  return splitTopLevel(afterSet.slice(0, end), ',').map(({ text: item }) => {
    const m = new RegExp(String.raw`^\s*(?:(${NAME})\s*\.\s*)?(${NAME})\s*=`).exec(item);
    if (!m) return { qualifier: null, column: null, value: item, readsItself: false };
    const column = unquote(m[2]!);
    const value = item.slice(m[0].length);
    return { qualifier: m[1] ? unquote(m[1]) : null, column, value, readsItself: readsColumn(value, column, table) };
  });
}

/**
 * The value expression names the column it is assigned to (`c = REPLACE(c,
 * ...)`, `c = CONCAT(SUBSTR(c, 1, 3), '0', SUBSTR(c, 4))`, `c = c + 1`): the
 * new value is computed from the old one. Quoted text is left out: in MySQL a
 * double-quoted token is a string.
 */
function readsColumn(expression: string, column: string, table: string | null): boolean {
  let code = expression.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, "''");
  // `t.c` of the updated table is its own column; `other.c` is another table's, a copy, not the old value.
  if (table) code = code.replace(new RegExp(String.raw`(?:\x60${escapeRegExp(table)}\x60|(?<![\w$.\x60])${escapeRegExp(table)})\s*\.\s*`, 'gi'), ' ');
  const name = escapeRegExp(column);
  return new RegExp(String.raw`(?:^|[^\w$.\x60])(?:\x60${name}\x60|${name})(?![\w$])`, 'i').test(code);
}

/**
 * A multi-table UPDATE (`UPDATE a x [INNER|LEFT] JOIN b y ON ... SET x.c = y.d`): the table whose columns the SET
 * list assigns (through their qualifiers), the other tables read, and their columns the values read (`b.d`), as the
 * PostgreSQL reader records an `UPDATE ... FROM`. Null when the tables or the assigned table cannot be told.
 */
function joinedUpdate(statement: string, from: number): Draft | null {
  const set = topLevelWord(statement, /SET\b/iy);
  if (set >= statement.length) return null;
  // The table references: `t [AS] a`, each after UPDATE, a JOIN keyword or a comma; ON conditions skipped. Read on
  // the masked text (quotes and comments blanked, offsets kept), names taken from the statement at the same offsets.
  const tables = new Map<string, string>();
  const order: string[] = [];
  const refs = new RegExp(String.raw`(?:^\s*|,\s*|\bJOIN\s+)${QUALIFIED}(?:\s+(?:AS\s+)?(?!(?:INNER|LEFT|RIGHT|CROSS|OUTER|NATURAL|STRAIGHT_JOIN|JOIN|ON|USING|SET)\b)(${NAME}))?`, 'gid');
  const original = (span: [number, number] | undefined): string => (span ? statement.slice(from + span[0], from + span[1]) : '');
  for (const r of mask(statement.slice(from, set)).matchAll(refs)) {
    const table = relation(original(r.indices![1])).table;
    if (!table) return null;
    order.push(table);
    tables.set(table.toLowerCase(), table);
    if (r[2]) tables.set(unquote(original(r.indices![2])).toLowerCase(), table);
  }
  if (order.length < 2) return null;
  const assignments = setList(statement.slice(set + 3), null);
  if (assignments.some((a) => a.column === null)) return null;
  const assigned = assignments.map((a) => ({ table: a.qualifier ? tables.get(a.qualifier.toLowerCase()) : undefined, column: a.column!, value: a.value }));
  const written = assigned[0]?.table;
  if (!written || assigned.some((x) => x.table !== written)) return null;
  const reads: string[] = [];
  const qualified = new RegExp(String.raw`(${NAME})\s*\.\s*(${NAME})`, 'g');
  for (const { value } of assigned) {
    for (const q of mask(value).matchAll(qualified)) {
      const text = value.slice(q.index!, q.index! + q[0].length);
      const [qualifier, column] = text.split(/\s*\.\s*/).map(unquote) as [string, string];
      const table = tables.get(qualifier.toLowerCase());
      if (table && table !== written && !reads.includes(`${table}.${column}`)) reads.push(`${table}.${column}`);
    }
  }
  const copiedFrom = order.filter((t, i) => t !== written && order.indexOf(t) === i);
  // The rows are chosen by the join (as by the WHERE that pairs them in PostgreSQL's `UPDATE ... FROM`), and by a WHERE.
  const options: Options = { where: true, columns: assigned.map((x) => x.column), copiedFrom };
  if (reads.length > 0) options.setReads = reads;
  if (!hasTopLevelWhere(statement)) options.joinOnly = true;
  return { op: 'update', target: { table: written, column: null }, guard: null, options };
}

/** A WHERE of the statement itself, not of a subquery in its SET list or of a quoted string. */
function hasTopLevelWhere(statement: string): boolean {
  return topLevelWord(statement, /WHERE\b/iy) < statement.length;
}

/**
 * A top-level WHERE that leaves rows out: not `WHERE 1 = 1`, `WHERE TRUE`, or a test of `id` that a key numbered
 * from 1 always passes (`id > 0`, `id >= 0`, `id >= 1`, `id IS NOT NULL`: MySQL's safe-update mode asks for a key).
 */
function selectsSome(statement: string): boolean {
  const at = topLevelWord(statement, /WHERE\b/iy);
  if (at >= statement.length) return false;
  const id = String.raw`(?:${NAME}\s*\.\s*)?(?:id|\x60id\x60|"id")`;
  const everyRow = new RegExp(String.raw`^WHERE\s+(?:1\s*=\s*1|TRUE|${id}\s*(?:>\s*0|>=\s*[01]|IS\s+NOT\s+NULL))\s*;?\s*$`, 'i');
  return !everyRow.test(statement.slice(at));
}

/** `WHERE c NOT IN (SELECT k FROM parent)`: the rows whose `c` matches no row of `parent` (orphans). */
function notInParent(statement: string): { via: 'not-in'; column: string; parent: string } | null {
  const m = new RegExp(String.raw`\bWHERE\s+(?:${NAME}\s*\.\s*)?(${NAME})\s+NOT\s+IN\s*\(\s*SELECT\s+(?:DISTINCT\s+)?(?:${NAME}\s*\.\s*)?${NAME}\s+FROM\s+${QUALIFIED}\s*\)\s*;?\s*$`, 'i').exec(statement);
  if (!m) return null;
  const parent = relation(m[2]!).table;
  return parent ? { via: 'not-in', column: unquote(m[1]!), parent } : null;
}

/**
 * The columns a select list names, when every item is a plain column (`id, label`, `b.label AS old`): what a
 * migration reads into JavaScript (as the PostgreSQL reader's `columns`). Null when any item is something else.
 */
function plainSelectList(list: string): string[] | null {
  const item = new RegExp(String.raw`^${QUALIFIED}(?:\s+(?:AS\s+)?${NAME})?$`, 'i');
  const columns: string[] = [];
  for (const part of splitTopLevel(list.replace(/^\s*DISTINCT\b/i, ''), ',')) {
    const m = item.exec(part.text.trim());
    if (!m || /^(DISTINCT|ALL)$/i.test(m[1]!)) return null;
    columns.push(unquote(m[1]!.split(/\s*\.\s*(?=[\x60"\[\w$])/).pop()!));
  }
  return columns.length > 0 ? columns : null;
}

// ---------------------------------------------------------------- names

function relation(written: string): Target {
  const parts = written.split(/\s*\.\s*(?=[\x60"\[\w$])/).map(unquote);
  return parts.length === 2 ? { table: parts[1]!, column: null, schema: parts[0]! } : { table: parts[0]!, column: null };
}

function unquote(name: string): string {
  const first = name[0];
  if ((first === '`' || first === '"') && name.endsWith(first)) return name.slice(1, -1);
  if (first === '[' && name.endsWith(']')) return name.slice(1, -1);
  return name;
}

// ---------------------------------------------------------------- the scanner

/**
 * Where the quoted text (string, quoted name) or comment starting at `i`
 * ends: the index after it, or `i` when none starts there. A doubled quote
 * stays inside; so does a backslash-escaped one in a string (MySQL).
 */
function skipQuotedOrComment(text: string, i: number): number {
  const c = text[i];
  if (c === "'" || c === '"' || c === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\' && c !== '`') j++;
      else if (text[j] === c) {
        if (text[j + 1] !== c) return j + 1;
        j++;
      }
    }
    return text.length;
  }
  // `-- ` and MySQL's `#` run to the end of the line.
  if ((c === '-' && text[i + 1] === '-') || c === '#') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  return i;
}

/**
 * The one scanner of this reader: calls `visit` at every character of `text`
 * outside quoted text and comments, with the parenthesis depth there (a
 * parenthesis counts at the depth outside it), from `from` until `visit`
 * returns true. Returns that character's index, or `text.length`.
 */
function scan(text: string, visit: (i: number, depth: number) => boolean, from = 0): number {
  let depth = 0;
  for (let i = from; i < text.length; ) {
    const end = skipQuotedOrComment(text, i);
    if (end > i) {
      i = end;
      continue;
    }
    if (text[i] === ')') depth--;
    if (visit(i, depth)) return i;
    if (text[i] === '(') depth++;
    i++;
  }
  return text.length;
}

/** The parts of `text` between `separator`s outside quotes, comments and (for a comma) parentheses, with their offsets. */
function splitTopLevel(text: string, separator: ';' | ','): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let start = 0;
  scan(text, (i, depth) => {
    if (text[i] === separator && (separator === ';' || depth === 0)) {
      parts.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
    return false;
  });
  parts.push({ text: text.slice(start), offset: start });
  return parts;
}

/** The index of the parenthesis closing the one at `open`; `text.length` when it is never closed. */
function closingParen(text: string, open: number): number {
  return scan(text, (i, depth) => depth === 0 && text[i] === ')', open);
}

/** Where `word` (a sticky regular expression) first starts outside quotes and parentheses, after a space or `)`; `text.length` when nowhere. */
function topLevelWord(text: string, word: RegExp): number {
  return scan(text, (i, depth) => {
    if (depth !== 0 || (i > 0 && !/[\s)]/.test(text[i - 1]!))) return false;
    word.lastIndex = i;
    return word.test(text);
  });
}

/** `text` with the inside of quoted text and comments blanked (same length): keywords found in it are the statement's own. */
function mask(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const end = skipQuotedOrComment(text, i);
    if (end === i) {
      out += text[i];
      i++;
      continue;
    }
    const quote = /['"`]/.test(text[i]!) ? text[i]! : null;
    const closed = quote !== null && end - i >= 2 && text[end - 1] === quote;
    out += quote ? quote + ' '.repeat(end - i - (closed ? 2 : 1)) + (closed ? quote : '') : ' '.repeat(end - i);
    i = end;
  }
  return out;
}

function withoutLeadingComments(text: string): string {
  let t = text;
  for (;;) {
    const before = t;
    t = t.replace(/^\s+/, '').replace(/^--[^\n]*\n?/, '').replace(/^#[^\n]*\n?/, '').replace(/^\/\*[\s\S]*?\*\//, '');
    if (t === before) return t;
  }
}

/**
 * Statements split on `;` outside quotes and comments, trimmed, with their offsets; empty ones dropped. A routine
 * (`CREATE PROCEDURE`, `FUNCTION`, `TRIGGER`, `EVENT`) whose body is a `BEGIN ... END` block is one statement: the
 * `;` inside the block end its inner statements, which only define the routine and do not run.
 */
function splitStatements(sql: string): { text: string; offset: number }[] {
  const parts = splitTopLevel(sql, ';');
  const out: { text: string; offset: number }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const { text: raw, offset } = parts[i]!;
    const text = raw.trim();
    if (withoutLeadingComments(text) === '') continue;
    const start = offset + (raw.length - raw.trimStart().length);
    let depth = ROUTINE.test(withoutLeadingComments(text)) ? blockDepth(raw) : 0;
    if (depth <= 0) {
      out.push({ text, offset: start });
      continue;
    }
    // Take the next parts, with the `;` between them, until the routine's outer block closes.
    let end = i;
    while (depth > 0 && end + 1 < parts.length) depth += blockDepth(parts[++end]!.text);
    const last = parts[end]!;
    out.push({ text: sql.slice(start, last.offset + last.text.length).trim(), offset: start });
    i = end;
  }
  return out;
}

/** A statement that defines a stored routine (MySQL, MariaDB; `DEFINER=...` allowed). */
const ROUTINE = new RegExp(String.raw`${ROUTINE_HEAD}\b`, 'i');

/** `BEGIN` opens a block, a bare `END` closes one (`END IF`, `END LOOP`, `END WHILE`, `END REPEAT`, `END CASE` close their own). */
function blockDepth(text: string): number {
  const words = mask(text).match(/\b(?:BEGIN|END(?:\s+(?:IF|LOOP|WHILE|REPEAT|CASE))?)\b/gi) ?? [];
  return words.reduce((d, w) => (/^BEGIN$/i.test(w) ? d + 1 : /^END$/i.test(w) ? d - 1 : d), 0);
}
