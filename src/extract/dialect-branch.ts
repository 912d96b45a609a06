/**
 * Conditions on the database dialect, read from the syntax of a test:
 * `if (dialect === 'sqlite')`, `queryInterface.sequelize.getDialect() === 'postgres'`,
 * `sequelize.options.dialect !== 'mysql'`, `isSQLite(sequelize)`,
 * `['mysql', 'mariadb'].includes(dialect)`, `dialect.startsWith('mysql')`, `switch (dialect)`.
 * The interpreter cannot know the dialect (it is a runtime value); this says
 * under which dialects each branch runs, so rules can leave out operations
 * that never run on the project's database.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Dialect } from '../model';
import { editDistance } from '../util/text';

type Node = TSESTree.Node;

/** Every dialect Sequelize supports: the complement of a set is taken in it. */
export const ALL_DIALECTS: readonly Dialect[] = ['db2', 'mariadb', 'mssql', 'mysql', 'oracle', 'postgres', 'snowflake', 'sqlite'];

/** Dialect names as configs, URL schemes and dialect checks write them (lower case). */
export const DIALECT_NAMES: Readonly<Record<string, Dialect>> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  mssql: 'mssql',
  db2: 'db2',
  snowflake: 'snowflake',
  oracle: 'oracle',
};

/** `isSQLite(...)`, `isPostgres`, `isMySql`, `usingPg`: a helper or flag named after one dialect. */
const PREDICATE = /^(?:is|use|uses|using)_?(postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|mssql)$/i;
/** An expression that reads the dialect: `getDialect()`, `.dialect`, a variable named `dialect`. */
const READS_DIALECT = /dialect/i;

/** The dialects under which each branch of a test runs; null when the test is not about the dialect. */
export interface DialectSplit {
  then: Dialect[];
  else: Dialect[];
  /** The test compares a misspelled option (`sequelize.options.dialog === 'postgres'`): one branch never runs. */
  typo?: DialectTypo;
}

/** A dialect test on an option Sequelize does not have, a near miss of `dialect`: always undefined. */
export interface DialectTypo {
  /** The test as written (`queryInterface.sequelize.options.dialog`), and where it is. */
  expression: string;
  property: string;
  line: number;
  column: number;
}

/**
 * What Sequelize keeps in `sequelize.options` (its constructor's defaults, and the keys a sequelize-cli
 * config passes on): an option with one of these names is not a typo, whatever it looks like.
 */
const SEQUELIZE_OPTIONS: ReadonlySet<string> = new Set([
  'dialect', 'dialectModule', 'dialectModulePath', 'dialectOptions', 'host', 'port', 'protocol', 'database', 'username',
  'password', 'storage', 'define', 'query', 'sync', 'timezone', 'standardConformingStrings', 'logging', 'omitNull',
  'native', 'replication', 'ssl', 'pool', 'quoteIdentifiers', 'hooks', 'retry', 'transactionType', 'isolationLevel',
  'databaseVersion', 'typeValidation', 'benchmark', 'minifyAliases', 'logQueryParameters', 'attributeBehavior', 'schema',
  'url', 'use_env_variable', 'seederStorage', 'migrationStorage', 'migrationStorageTableName', 'seederStorageTableName',
  'migrationStorageTableSchema', 'operatorsAliases', 'clientMinMessages', 'keepDefaultTimezone',
]);

export function dialectsOfTest(test: Node, depth = 0): DialectSplit | null {
  if (depth > 8) return null;
  switch (test.type) {
    case 'UnaryExpression':
      if (test.operator !== '!') return null;
      return swap(dialectsOfTest(test.argument, depth + 1));
    case 'LogicalExpression': {
      if (test.operator === '??') return null;
      const a = dialectsOfTest(test.left, depth + 1);
      const b = dialectsOfTest(test.right, depth + 1);
      if (test.operator === '||') {
        // `isSQLite || other`: the then-branch may run anywhere `other` holds, so only a pure dialect test narrows.
        if (!a || !b) return null;
        return { then: union(a.then, b.then), else: intersect(a.else, b.else) };
      }
      // `&&`: the then-branch needs both; a side that says nothing about the dialect does not widen it.
      if (!a && !b) return null;
      // A misspelled test on either side makes the then-branch dead, whatever the other says.
      const typo = a?.typo ?? b?.typo;
      if (!a || !b) return { then: (a ?? b)!.then, else: [...ALL_DIALECTS], ...(typo ? { typo } : {}) };
      return { then: intersect(a.then, b.then), else: union(a.else, b.else), ...(typo && (a.typo ? a.then : b.then).length === 0 ? { typo } : {}) };
    }
    case 'BinaryExpression': {
      const negated = test.operator === '!==' || test.operator === '!=';
      if (!negated && test.operator !== '===' && test.operator !== '==') return null;
      const d = dialectLiteral(test.right) ?? dialectLiteral(test.left);
      const other = dialectLiteral(test.right) ? test.left : test.right;
      const typo = d ? misspelledDialect(other) : null;
      if (typo) {
        // Undefined is no dialect: `===` never holds, `!==` always does.
        const split: DialectSplit = { then: [], else: [...ALL_DIALECTS], typo };
        return negated ? swap(split) : split;
      }
      if (!d || !readsDialect(other)) return null;
      const split = { then: [d], else: complement([d]) };
      return negated ? swap(split) : split;
    }
    case 'CallExpression': {
      // `['mysql', 'mariadb'].includes(dialect)`
      if (test.callee.type === 'MemberExpression' && test.callee.property.type === 'Identifier' && test.callee.property.name === 'includes') {
        const list = test.callee.object;
        const arg = test.arguments[0];
        if (list.type === 'ArrayExpression' && arg && readsDialect(arg)) {
          const ds = list.elements.map((e) => (e ? dialectLiteral(e) : null));
          if (ds.length === 0 || ds.some((d) => d === null)) return null;
          const then = union([], ds as Dialect[]);
          return { then, else: complement(then) };
        }
        return null;
      }
      // `dialect.startsWith('mysql')`, `dialect.includes('postgres')`: the dialects whose name does.
      if (test.callee.type === 'MemberExpression' && !test.callee.computed && test.callee.property.type === 'Identifier' && ['startsWith', 'includes'].includes(test.callee.property.name)) {
        const arg = test.arguments[0];
        const method = test.callee.property.name;
        if (readsDialect(test.callee.object) && arg?.type === 'Literal' && typeof arg.value === 'string' && arg.value !== '') {
          const part = arg.value.toLowerCase();
          const then = ALL_DIALECTS.filter((d) => (method === 'startsWith' ? d.startsWith(part) : d.includes(part)));
          if (then.length === 0) return null;
          return { then, else: complement(then) };
        }
      }
      const name = calleeName(test.callee);
      return name ? predicate(name) : null;
    }
    case 'Identifier':
      return predicate(test.name);
    case 'MemberExpression':
      return test.property.type === 'Identifier' ? predicate(test.property.name) : null;
    case 'AwaitExpression':
      return dialectsOfTest(test.argument, depth + 1);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return dialectsOfTest(test.expression, depth + 1);
    default:
      return null;
  }
}

/** The discriminant of a `switch` reads the dialect: its cases are dialect branches. */
export function switchReadsDialect(discriminant: Node): boolean {
  return readsDialect(discriminant);
}

/** A case test naming one dialect (`case 'sqlite':`). */
export function dialectLiteral(node: Node): Dialect | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return DIALECT_NAMES[node.value.toLowerCase()] ?? null;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return DIALECT_NAMES[(node.quasis[0]?.value.cooked ?? '').toLowerCase()] ?? null;
  return null;
}

/** Narrows the dialects an enclosing flow already runs under. */
export function narrow(outer: readonly Dialect[] | undefined, inner: readonly Dialect[]): Dialect[] {
  return outer ? intersect(outer, inner) : ALL_DIALECTS.filter((d) => inner.includes(d));
}

export function complement(ds: readonly Dialect[]): Dialect[] {
  return ALL_DIALECTS.filter((d) => !ds.includes(d));
}

function predicate(name: string): DialectSplit | null {
  const m = PREDICATE.exec(name);
  if (!m) return null;
  const d = DIALECT_NAMES[m[1]!.toLowerCase()];
  return d ? { then: [d], else: complement([d]) } : null;
}

function calleeName(callee: Node): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

function readsDialect(node: Node): boolean {
  switch (node.type) {
    case 'Identifier':
      return READS_DIALECT.test(node.name);
    case 'MemberExpression':
      return (node.property.type === 'Identifier' && READS_DIALECT.test(node.property.name)) || readsDialect(node.object);
    case 'CallExpression':
      return readsDialect(node.callee);
    case 'AwaitExpression':
      return readsDialect(node.argument);
    case 'ChainExpression':
      return readsDialect(node.expression);
    default:
      return false;
  }
}

function swap(s: DialectSplit | null): DialectSplit | null {
  return s ? { then: s.else, else: s.then, ...(s.typo ? { typo: s.typo } : {}) } : null;
}

/**
 * `<x>.options.<name>` where `<name>` is no option Sequelize keeps and is a near miss of `dialect` (at most three
 * edits: `dialog`, `dialet`, `dilect`): a misspelled dialect test, whose value is always undefined.
 */
function misspelledDialect(node: Node): DialectTypo | null {
  const inner = node.type === 'ChainExpression' ? node.expression : node;
  if (inner.type !== 'MemberExpression' || inner.computed || inner.property.type !== 'Identifier') return null;
  const name = inner.property.name;
  const owner = inner.object;
  const onOptions = (owner.type === 'MemberExpression' && !owner.computed && owner.property.type === 'Identifier' && owner.property.name === 'options') || (owner.type === 'Identifier' && owner.name === 'options');
  if (!onOptions || SEQUELIZE_OPTIONS.has(name) || READS_DIALECT.test(name) || name.length < 4 || editDistance(name.toLowerCase(), 'dialect') > 3) return null;
  return { expression: memberText(inner), property: name, line: inner.loc.start.line, column: inner.loc.start.column + 1 };
}

/** `a.b.c` as written, for messages. */
function memberText(node: Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return `${memberText(node.object)}.${node.property.name}`;
  return '…';
}

function union(a: readonly Dialect[], b: readonly Dialect[]): Dialect[] {
  return ALL_DIALECTS.filter((d) => a.includes(d) || b.includes(d));
}

function intersect(a: readonly Dialect[], b: readonly Dialect[]): Dialect[] {
  return ALL_DIALECTS.filter((d) => a.includes(d) && b.includes(d));
}
