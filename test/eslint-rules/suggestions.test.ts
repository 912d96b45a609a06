import path from 'node:path';
import vm from 'node:vm';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Linter } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractMigration } from '../../src/extract/extract-migration';
import type { Finding, Operation } from '../../src/model';
import { parseSource } from '../../src/parse';
import { loadSqlParser } from '../../src/sql/pg-parser';
import { lint } from '../helpers/rules';
import { eslintMessages, removeTempProjects, tempProject } from './support';

/**
 * The ESLint suggestions (the rules' rewrites, src/rules/rewrites.ts), kind by kind, over
 * realistic migration shapes. Each suggestion is applied as an editor applies
 * it, then:
 *   - the result parses (parseSource) and Node can compile it (a file that
 *     parses but declares a name twice, or awaits outside an async function,
 *     fails when sequelize-cli loads it);
 *   - the same rule no longer reports that finding (`lint`, the CLI path);
 *   - what the rewrite promises holds in the extracted model (the column is
 *     guarded; every step runs in the transaction, with `transaction` where
 *     Sequelize 6 reads it; the index is built concurrently, outside any
 *     transaction);
 *   - the fixed source is snapshotted so reviewers see the rewrite.
 * Cases marked `knownBug` are expected to fail today (`it.fails`): the
 * comment says what is wrong.
 */

beforeAll(async () => {
  await loadSqlParser();
});
afterAll(removeTempProjects);

type Kind = 'guard' | 'transaction' | 'concurrently' | 'allowNull';

const KINDS: Record<Kind, { rule: string; desc: string }> = {
  guard: { rule: 'require-idempotency-guard', desc: 'Add the column only when `describeTable` does not list it' },
  transaction: { rule: 'require-idempotency-guard', desc: 'Run the whole `up` in one transaction, passing `{ transaction }` to every call' },
  concurrently: { rule: 'require-concurrent-index', desc: 'Build the index with CREATE INDEX CONCURRENTLY (no write lock; cannot run in a transaction)' },
  allowNull: { rule: 'no-silent-change-column', desc: 'Restate `allowNull: false` in the changeColumn attributes' },
};

interface Case {
  name: string;
  source: string;
  /** Line of the finding whose suggestion is applied (or must be absent). */
  line: number;
  /** Migration file name; its extension picks JS or TypeScript. */
  file?: string;
  options?: Record<string, unknown>;
  /** What is wrong today: the case runs as `it.fails` until it is fixed. */
  knownBug?: string;
  /** Was a bug in the rewrite; fixed by offering no suggestion here (why). */
  withheld?: string;
}

const DEFAULT_FILE = '20240101000000-migration.js';

/** Where the ESLint cases live: a helper module the extractor follows sits beside the migrations. */
const PROJECT = tempProject({
  'lib/audit-columns.js': `module.exports = async function addAuditColumns(queryInterface, table, Sequelize) {
  await queryInterface.addColumn(table, 'created_by', { type: Sequelize.INTEGER });
  await queryInterface.addColumn(table, 'updated_by', { type: Sequelize.INTEGER });
};
`,
});

/** The finding at `line` and its suggestion of this kind (null when none is offered). */
function suggestionFor(kind: Kind, c: Case): { message: Linter.LintMessage; suggestion: Linter.LintSuggestion | null } {
  const { rule, desc } = KINDS[kind];
  const message = eslintMessages(PROJECT, rule, `migrations/${c.file ?? DEFAULT_FILE}`, c.source, c.options).find((m) => m.line === c.line);
  if (!message) throw new Error(`${rule} reports nothing on line ${c.line}`);
  return { message, suggestion: message.suggestions?.find((s) => s.desc === desc) ?? null };
}

function apply(source: string, suggestion: Linter.LintSuggestion): string {
  const { range, text } = suggestion.fix;
  return source.slice(0, range[0]) + text + source.slice(range[1]);
}

/**
 * Node must be able to load the file: compile it the way it is loaded
 * (TypeScript and ESM are transpiled to CommonJS first, without type checks).
 * Throws the SyntaxError Node would throw.
 */
function compileForNode(source: string, file: string): void {
  const transpile = /\.[cm]?ts$/.test(file) || /\.mjs$/.test(file) || /^\s*(import|export)\s/m.test(source);
  const js = transpile
    ? ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText
    : source;
  new vm.Script(`(function (exports, require, module, __filename, __dirname) {${js}\n})`, { filename: file });
}

function extract(source: string, file: string): { up: Operation[]; down: Operation[]; ast: TSESTree.Program } {
  const absPath = path.join(PROJECT, 'migrations', file);
  const parsed = parseSource(source, absPath);
  if (!parsed.ok) throw new Error(`does not parse: ${parsed.message} at ${parsed.line}:${parsed.column}`);
  const m = extractMigration({ absPath, file: `migrations/${file}`, source, ast: parsed.ast });
  return { up: m.up, down: m.down, ast: parsed.ast };
}

/** A finding is the same across the rewrite when its kind, step and target are (lines move). */
const identity = (f: Pick<Finding, 'messageId' | 'data'>) => `${f.messageId} ${f.data?.op ?? ''} ${f.data?.target ?? ''}`;

const isWrite = (o: Operation) => !['describeTable', 'tableExists', 'showAllTables', 'showIndex', 'select', 'unresolved'].includes(o.op);

/**
 * The parameter through which Sequelize 6 reads a call's options, hence its
 * `transaction` (lib/dialects/abstract/query-interface.js, lib/sequelize.js).
 * `addIndex` also takes the options as its second argument. Written from
 * Sequelize's signatures on purpose, not imported from
 * src/rules/rewrites.ts: it is the oracle the rewrite is checked against.
 */
const SEQUELIZE_OPTIONS_PARAM: Readonly<Record<string, number>> = {
  createTable: 2,
  dropTable: 1,
  renameTable: 2,
  addColumn: 3,
  removeColumn: 2,
  changeColumn: 3,
  renameColumn: 3,
  addIndex: 2,
  removeIndex: 2,
  addConstraint: 1,
  removeConstraint: 2,
  bulkInsert: 2,
  bulkUpdate: 3,
  bulkDelete: 2,
  dropEnum: 1,
  describeTable: 1,
  showIndex: 1,
  query: 1,
};

/** Every node under `root`, parents first. */
function nodesUnder(root: unknown): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (typeof (n as { type?: unknown }).type === 'string') out.push(n as TSESTree.Node);
    for (const [key, child] of Object.entries(n)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(child);
  };
  visit(root);
  return out;
}

const calledMethod = (n: TSESTree.Node): string | null =>
  n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' ? n.callee.property.name : null;

/** Calls under `root` that take Sequelize options, with the name Sequelize reads `transaction` from (null: none given). */
function transactionArguments(root: TSESTree.Node): { call: string; transaction: string | null }[] {
  const out: { call: string; transaction: string | null }[] = [];
  for (const n of nodesUnder(root)) {
    const method = calledMethod(n);
    if (!method || n.type !== 'CallExpression' || SEQUELIZE_OPTIONS_PARAM[method] === undefined) continue;
    const index = method === 'addIndex' && n.arguments[1]?.type === 'ObjectExpression' ? 1 : SEQUELIZE_OPTIONS_PARAM[method]!;
    const options = n.arguments[index];
    let transaction: string | null = null;
    if (options?.type === 'ObjectExpression') {
      // The last `transaction` key wins, as in any object literal.
      for (const p of options.properties) {
        if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'transaction') transaction = p.value.type === 'Identifier' ? p.value.name : '?';
      }
    }
    out.push({ call: method, transaction });
  }
  return out;
}

/** The body of the callback of `<x>.transaction(async (transaction) => ...)` in the fixed source. */
function managedTransactionCallback(ast: TSESTree.Program): TSESTree.Node | null {
  for (const n of nodesUnder(ast.body)) {
    if (n.type !== 'CallExpression' || calledMethod(n) !== 'transaction') continue;
    const cb = n.arguments[0];
    if (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression') return cb.body;
  }
  return null;
}

/** What each kind of rewrite promises, checked on the model extracted from the fixed source. */
const PROMISES: Record<Kind, (before: ReturnType<typeof extract>, after: ReturnType<typeof extract>, finding: Finding) => void> = {
  guard(_before, after, finding) {
    const step = after.up.find((o) => o.op === 'addColumn' && finding.target && o.target.table === finding.target.table && o.target.column === finding.target.column);
    expect(step, 'the addColumn is still there').toBeDefined();
    expect(step!.guarded, 'the addColumn is guarded').toBe(true);
  },
  transaction(before, after) {
    // The same steps, in the same order, every write inside the managed transaction.
    expect(after.up.map((o) => `${o.op} ${o.target.table}.${o.target.column ?? ''}`)).toEqual(before.up.map((o) => `${o.op} ${o.target.table}.${o.target.column ?? ''}`));
    expect(after.up.filter(isWrite).filter((o) => !o.inTransactionCallback)).toEqual([]);
    // And `transaction` where Sequelize 6 reads it, bound to the managed transaction.
    const callback = managedTransactionCallback(after.ast);
    expect(callback, 'a managed transaction callback').not.toBeNull();
    for (const arg of transactionArguments(callback!)) expect(arg, `${arg.call} gets the managed transaction`).toEqual({ call: arg.call, transaction: 'transaction' });
  },
  concurrently(_before, after, finding) {
    const step = after.up.find((o) => o.op === 'addIndex' && finding.target && o.target.table === finding.target.table && o.loc.line === finding.line);
    expect(step, 'the addIndex is still there').toBeDefined();
    expect(step!.options.concurrently).toBe(true);
    // CREATE INDEX CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001).
    expect(step!.inTransaction || step!.inTransactionCallback, 'outside any transaction').toBe(false);
  },
  allowNull(before, after, finding) {
    // The same steps; the changeColumn now keeps NOT NULL.
    expect(after.up.map((o) => o.op)).toEqual(before.up.map((o) => o.op));
    const step = after.up.find((o) => o.op === 'changeColumn' && finding.target && o.target.column === finding.target.column);
    expect(step?.options.allowNull).toBe(false);
  },
};

function suggestionTests(kind: Kind, cases: Case[]): void {
  const { rule } = KINDS[kind];
  describe(`${kind} (${rule})`, () => {
    for (const c of cases) {
      if (c.withheld) {
        it(`${c.name}: no suggestion is offered`, () => {
          const { suggestion } = suggestionFor(kind, c);
          expect(suggestion && apply(c.source, suggestion)).toBeNull();
        });
        continue;
      }
      const test = c.knownBug ? it.fails : it;
      test(c.name, () => {
        const file = c.file ?? DEFAULT_FILE;
        const { message, suggestion } = suggestionFor(kind, c);
        expect(suggestion, `a ${kind} suggestion on line ${c.line}`).not.toBeNull();
        const fixed = apply(c.source, suggestion!);
        if (!c.knownBug) expect(fixed).toMatchSnapshot();

        const parsed = parseSource(fixed, path.join(PROJECT, 'migrations', file));
        expect(parsed.ok ? 'parses' : `${parsed.message} at ${parsed.line}:${parsed.column}`).toBe('parses');
        expect(() => compileForNode(fixed, file)).not.toThrow();

        const before = lint(rule, { [file]: c.source }, c.options);
        const finding = before.find((f) => f.line === message.line && f.column === message.column && f.messageId === message.messageId);
        expect(finding, 'the CLI reports the same finding as ESLint').toBeDefined();
        const after = lint(rule, { [file]: fixed }, c.options);
        expect(after.map(identity)).not.toContain(identity(finding!));
        if (kind === 'transaction') expect(after.filter((f) => f.messageId === 'notAtomic' || f.messageId === 'notAtomicMinor')).toEqual([]);

        PROMISES[kind](extract(c.source, file), extract(fixed, file), finding!);
      });
    }
  });
}

/** Findings that must come without a suggestion of this kind. */
function noSuggestionTests(kind: Kind, cases: Case[]): void {
  describe(`no ${kind} suggestion (${KINDS[kind].rule})`, () => {
    for (const c of cases) {
      const test = c.knownBug ? it.fails : it;
      test(c.name, () => {
        const { suggestion } = suggestionFor(kind, c);
        expect(suggestion && apply(c.source, suggestion)).toBeNull();
      });
    }
  });
}

// -----------------------------------------------------------------------------
// Guard addColumn with describeTable

suggestionTests('guard', [
  {
    name: 'method shorthand, the first of several addColumns',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING(20) });
    await queryInterface.addColumn('users', 'location', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'location');
    await queryInterface.removeColumn('users', 'phone');
    await queryInterface.removeColumn('users', 'bio');
  },
};
`,
  },
  {
    name: 'arrow property, a multi-line definition, names from constants',
    line: 6,
    source: `'use strict';
const TABLE = 'courses';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn(TABLE, 'published_at', {
      type: Sequelize.DATE,
      allowNull: true,
    });
    await queryInterface.addIndex(TABLE, ['published_at']);
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn(TABLE, 'published_at');
  },
};
`,
  },
  {
    name: 'umzug { context: queryInterface } in TypeScript, a schema-qualified table',
    file: '20240101000000-add-invoice-paid-at.ts',
    line: 5,
    source: `import type { QueryInterface } from 'sequelize';
import { DataTypes } from 'sequelize';

export async function up({ context: queryInterface }: { context: QueryInterface }): Promise<void> {
  await queryInterface.addColumn({ tableName: 'invoices', schema: 'billing' }, 'paid_at', { type: DataTypes.DATE });
  await queryInterface.addIndex({ tableName: 'invoices', schema: 'billing' }, ['paid_at']);
}

export async function down({ context: queryInterface }: { context: QueryInterface }): Promise<void> {
  await queryInterface.removeColumn({ tableName: 'invoices', schema: 'billing' }, 'paid_at');
}
`,
  },
  {
    name: 'a call with its options object, in a transaction that does not cover the migration',
    line: 4,
    source: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await queryInterface.addIndex('orders', ['currency']);
    }),
  down: async () => {},
};
`,
  },
  {
    name: 'a step repeated in a loop over the tables the database lists',
    line: 5,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    const tables = await queryInterface.showAllTables();
    for (const table of tables) {
      await queryInterface.addColumn(table, 'tenant_id', { type: Sequelize.INTEGER });
    }
  },
  async down() {},
};
`,
  },
  {
    name: 'a function that is not async: the guard awaits outside an async function',
    withheld:
      'guardAddColumn does not check that the enclosing function is async: `if (!(await ...))` in `up(queryInterface, Sequelize) {` parses for typescript-estree but Node refuses to load the file (SyntaxError).',
    line: 3,
    source: `module.exports = {
  up(queryInterface, Sequelize) {
    queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    return queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING });
  },
  down() {},
};
`,
  },
  {
    name: 'a promise chain: the guard lands in a non-async .then callback',
    withheld: 'same as above, inside `.then(() => { ... })`: the generated `await` is in a non-async arrow function (SyntaxError when loaded).',
    line: 4,
    source: `module.exports = {
  up(queryInterface, Sequelize) {
    return queryInterface.createTable('tags', { id: Sequelize.INTEGER }).then(() => {
      queryInterface.addColumn('users', 'tag_id', { type: Sequelize.INTEGER });
      return queryInterface.addColumn('users', 'phone', { type: Sequelize.STRING });
    });
  },
  down() {},
};
`,
  },
]);

noSuggestionTests('guard', [
  {
    name: 'addColumn with spread arguments',
    line: 4,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    const bio = ['users', 'bio', { type: Sequelize.TEXT }];
    await queryInterface.addColumn(...bio);
    await queryInterface.addIndex('users', ['bio']);
  },
  async down() {},
};
`,
  },
  {
    name: 'not an addColumn (renameColumn): no describeTable rewrite',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('users', 'name', 'full_name');
    await queryInterface.addIndex('users', ['full_name']);
  },
  async down() {},
};
`,
  },
]);

// -----------------------------------------------------------------------------
// Wrap the whole `up` in one managed transaction

suggestionTests('transaction', [
  {
    name: 'method shorthand, calls without options',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['bio']);
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('users', ['bio']);
    await queryInterface.removeColumn('users', 'bio');
  },
};
`,
  },
  {
    name: 'arrow property, calls with and without options objects, optional arguments padded',
    line: 5,
    source: `'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.renameColumn('users', 'name', 'full_name');
    await queryInterface.changeColumn('users', 'full_name', { type: Sequelize.STRING(200), allowNull: false });
    await queryInterface.addIndex('users', ['full_name'], { unique: false, name: 'users_full_name' });
    await queryInterface.bulkInsert('roles', [{ name: 'admin' }, { name: 'editor' }], {});
    await queryInterface.bulkDelete('role_cache');
  },
  down: async () => {},
};
`,
  },
  {
    name: 'umzug { context: queryInterface }, raw sequelize.query with and without options, options in a variable',
    line: 3,
    source: `module.exports = {
  up: async ({ context: queryInterface }) => {
    await queryInterface.sequelize.query('ALTER TABLE orders ADD COLUMN currency varchar(3)');
    await queryInterface.sequelize.query("UPDATE orders SET currency = 'EUR' WHERE currency IS NULL", { raw: true });
    const indexOptions = { unique: true, name: 'orders_reference' };
    await queryInterface.addIndex('orders', ['reference'], indexOptions);
    await queryInterface.removeColumn('orders', 'legacy_currency');
  },
  down: async () => {},
};
`,
  },
  {
    name: 'addIndex with the { fields } object form',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'status', { type: Sequelize.STRING(20), defaultValue: 'new' });
    await queryInterface.addIndex('orders', { fields: ['status', 'created_at'], name: 'orders_status_created_at' });
  },
  async down() {},
};
`,
  },
  {
    name: 'TypeScript umzug migration with named exports',
    file: '20240101000000-invoices.ts',
    line: 5,
    source: `import type { QueryInterface } from 'sequelize';
import { DataTypes } from 'sequelize';

export async function up({ context: queryInterface }: { context: QueryInterface }): Promise<void> {
  await queryInterface.renameColumn('invoices', 'amount', 'amount_cents');
  await queryInterface.addColumn('invoices', 'paid_at', {
    type: DataTypes.DATE,
    allowNull: true,
  });
  await queryInterface.bulkInsert('invoice_states', [{ name: 'draft' }, { name: 'paid' }]);
}

export async function down(): Promise<void> {}
`,
  },
  {
    name: 'addConstraint: Sequelize 6 reads the options from the second argument',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'user_id', { type: Sequelize.INTEGER });
    await queryInterface.addConstraint('orders', {
      fields: ['user_id'],
      type: 'foreign key',
      name: 'orders_user_id_fkey',
      references: { table: 'users', field: 'id' },
      onDelete: 'cascade',
    });
  },
  async down() {},
};
`,
  },
  {
    name: 'raw SQL through a destructured `sequelize`',
    line: 4,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await sequelize.query('ALTER TABLE orders ADD COLUMN note text');
    await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) });
  },
  async down() {},
};
`,
  },
  {
    name: 'an unmanaged transaction named `transaction` that covers part of the migration',
    withheld:
      'wrapInTransaction ignores a transaction the body already opens: the new callback parameter `transaction` is redeclared by `const transaction = await queryInterface.sequelize.transaction()` (SyntaxError when loaded), and `{ transaction }` becomes `{ transaction, transaction }`.',
    line: 4,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
    await transaction.commit();
    await queryInterface.addIndex('orders', ['currency']);
  },
  async down() {},
};
`,
  },
  {
    name: 'an unmanaged transaction under another name that covers part of the migration',
    withheld:
      'same cause: `{ transaction: t }` becomes `{ transaction, transaction: t }` (the later key wins), so those calls still run in the inner unmanaged transaction `t`, committed inside the managed one; the rule keeps reporting them.',
    line: 5,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    const t = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction: t });
      await queryInterface.addColumn('orders', 'country', { type: Sequelize.STRING(2) }, { transaction: t });
      await t.commit();
    } catch (error) {
      await t.rollback();
      throw error;
    }
    await queryInterface.addIndex('orders', ['currency']);
  },
  async down() {},
};
`,
  },
  {
    name: 'a finding in `down` (checkDown: true)',
    withheld:
      'wrapInTransaction always wraps `up` (migration.upFunction), whatever the phase of the finding: for a `down` step (checkDown: true) it rewrites the `up` and the `down` finding stays.',
    options: { checkDown: true },
    line: 6,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('audit_log', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
    await queryInterface.removeColumn('users', 'phone');
  },
};
`,
  },
]);

noSuggestionTests('transaction', [
  {
    name: 'a step with spread arguments',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    const index = ['users', ['bio']];
    await queryInterface.addIndex(...index);
  },
  async down() {},
};
`,
  },
  {
    name: 'a step in a helper imported from the project (its calls are not in this body)',
    line: 4,
    source: `const addAuditColumns = require('../lib/audit-columns');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'note', { type: Sequelize.TEXT });
    await addAuditColumns(queryInterface, 'orders', Sequelize);
  },
  async down() {},
};
`,
  },
  {
    name: 'a step in a helper imported from a package migralint cannot read',
    line: 4,
    source: `const { addAuditColumns } = require('@acme/migration-kit');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'note', { type: Sequelize.TEXT });
    await addAuditColumns(queryInterface, 'orders');
    await queryInterface.addIndex('orders', ['note']);
  },
  async down() {},
};
`,
  },
  {
    name: 'a concurrent index build in the same up (cannot run in a transaction)',
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('events', 'kind', { type: Sequelize.STRING });
    await queryInterface.addIndex('events', ['kind'], { concurrently: true });
  },
  async down() {},
};
`,
  },
  {
    name: 'the last step (lastStep: always): a transaction would not help',
    options: { lastStep: 'always' },
    line: 3,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down() {},
};
`,
  },
]);

// -----------------------------------------------------------------------------
// Add `concurrently: true` to addIndex

suggestionTests('concurrently', [
  {
    name: 'fields as an array, no options',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['user_id']);
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('orders', ['user_id']);
  },
};
`,
  },
  {
    name: 'the { fields } object form',
    line: 3,
    source: `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.addIndex('orders', { fields: ['status', 'created_at'], name: 'orders_status_created_at' });
  },
  down: async () => {},
};
`,
  },
  {
    name: 'an options object with unique and where',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', ['email'], { unique: true, where: { deleted_at: null }, name: 'users_email_active' });
  },
  async down() {},
};
`,
  },
  {
    name: 'an empty options object',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['placed_at'], {});
  },
  async down() {},
};
`,
  },
  {
    name: 'umzug { context: queryInterface } in TypeScript, a multi-line options object',
    file: '20240101000000-orders-index.ts',
    line: 4,
    source: `import type { QueryInterface } from 'sequelize';

export const up = async ({ context: queryInterface }: { context: QueryInterface }): Promise<void> => {
  await queryInterface.addIndex('orders', ['customer_id', 'placed_at'], {
    name: 'orders_customer_placed_at',
  });
};

export const down = async ({ context: queryInterface }: { context: QueryInterface }): Promise<void> => {
  await queryInterface.removeIndex('orders', 'orders_customer_placed_at');
};
`,
  },
  {
    name: 'an options object that already says `concurrently: false`',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', ['email'], { concurrently: false, unique: true });
  },
  async down() {},
};
`,
  },
  {
    name: 'an options object whose `concurrently` depends on the environment',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('users', ['created_at'], { concurrently: process.env.NODE_ENV === 'production' });
  },
  async down() {},
};
`,
  },
]);

noSuggestionTests('concurrently', [
  {
    name: 'inside a managed transaction (CREATE INDEX CONCURRENTLY cannot run in a transaction block)',
    line: 4,
    source: `module.exports = {
  up: (queryInterface) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('orders', ['user_id'], { transaction });
      await queryInterface.addIndex('orders', { fields: ['status'], transaction });
    }),
  down: async () => {},
};
`,
  },
  {
    name: 'inside a managed transaction, the { fields } form',
    line: 5,
    source: `module.exports = {
  up: (queryInterface) =>
    queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex('orders', ['user_id'], { transaction });
      await queryInterface.addIndex('orders', { fields: ['status'], transaction });
    }),
  down: async () => {},
};
`,
  },
  {
    name: 'spread arguments',
    line: 4,
    source: `module.exports = {
  async up(queryInterface) {
    const args = ['orders', ['user_id']];
    await queryInterface.addIndex(...args);
  },
  async down() {},
};
`,
  },
  {
    name: 'options in a variable (not rewritten today; `{ ...options, concurrently: true }` would be)',
    line: 4,
    source: `module.exports = {
  async up(queryInterface) {
    const options = { name: 'orders_total_idx' };
    await queryInterface.addIndex('orders', ['total'], options);
  },
  async down() {},
};
`,
  },
  {
    name: 'raw CREATE INDEX through sequelize.query',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE INDEX orders_placed_at_idx ON orders (placed_at)');
  },
  async down() {},
};
`,
  },
  {
    name: 'an addIndex with a .catch chained on the same line',
    line: 3,
    source: `module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['user_id']).catch((error) => {
      if (!/already exists/.test(error.message)) throw error;
    });
  },
  async down() {},
};
`,
  },
]);

// -----------------------------------------------------------------------------
// Restate allowNull: false in a changeColumn

suggestionTests('allowNull', [
  {
    name: 'a changeColumn that widens a NOT NULL column',
    line: 8,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      email: { type: Sequelize.STRING, allowNull: false },
    });
    await queryInterface.bulkInsert('users', [{ id: 1, email: 'a@b.c' }]);
    await queryInterface.changeColumn('users', 'email', { type: Sequelize.STRING(500) });
  },
  async down() {},
};
`,
  },
  {
    name: 'a primary key column (DROP NOT NULL fails)',
    line: 7,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      email: { type: Sequelize.STRING },
    });
    await queryInterface.changeColumn('users', 'id', { type: Sequelize.BIGINT, comment: 'ids' });
  },
  async down() {},
};
`,
  },
]);

noSuggestionTests('allowNull', [
  {
    name: 'only the default is dropped',
    line: 7,
    source: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      plan: { type: Sequelize.STRING, defaultValue: 'free' },
    });
    await queryInterface.changeColumn('users', 'plan', { type: Sequelize.STRING(64) });
  },
  async down() {},
};
`,
  },
]);
