import type { Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { setsNotNull } from '../src/rules/operations';
import { describeTarget } from '../src/operations/effects';
import { firstAtCallSite, runsOnPostgres, stepTableIsNew, unreleasedMigrations } from '../src/rules/project-facts';
import { DEFAULT_POSTGRES_VERSION, postgresVersionOption } from '../src/rules/postgres-version';
import { forEachUpStep, operationTableKey, targetColumn } from '../src/schema/replay';

/**
 * `ALTER COLUMN ... SET NOT NULL` (what changeColumn with `allowNull: false`
 * sends) makes PostgreSQL read every row to prove the column holds no NULL,
 * while it holds ACCESS EXCLUSIVE on the table: no read or write gets
 * through until the scan ends. From PostgreSQL 12 a validated
 * `CHECK (col IS NOT NULL)` proves it instead, and the scan is skipped. A
 * column that is NOT NULL already is not scanned either; a table the same
 * migration created (or the unreleased change set) has no rows.
 */
export default createRule({
  id: 'require-check-before-set-not-null',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a validated CHECK (col IS NOT NULL) before making a column of an existing table NOT NULL',
      help: 'Add `CHECK ("col" IS NOT NULL) NOT VALID`, run `VALIDATE CONSTRAINT` in a separate step (it scans without blocking reads or writes), then SET NOT NULL (no scan on PostgreSQL 12+) and drop the CHECK.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      setNotNullScan:
        '`{{op}}` makes {{target}} NOT NULL: PostgreSQL reads every row of `{{table}}` to check for NULLs while holding ACCESS EXCLUSIVE, blocking its reads and writes until the scan ends{{why}}.',
    },
    schema: {
      type: 'object',
      properties: {
        postgresVersion: postgresVersionOption('Before 12, a validated CHECK (col IS NOT NULL) does not spare SET NOT NULL its scan.'),
      },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: { postgresVersion: DEFAULT_POSTGRES_VERSION },
  check({ project, report, options }) {
    const unreleased = unreleasedMigrations(project);
    const checks = new NotNullChecks();
    const first = firstAtCallSite();
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      checks.record(op);
      if (!setsNotNull(op) || !runsOnPostgres(project, op) || stepTableIsNew(step, unreleased)) return;
      // A column this transaction added a moment earlier: the table is locked since that addColumn, until the commit;
      // the scan lengthens a lock already held, and a CHECK added in the same transaction cannot shorten it.
      if (addedInSameTransaction(migration, op)) return;
      const old = targetColumn(step);
      // Already NOT NULL: PostgreSQL has nothing to check. The builder restates `allowNull: false` on every change
      // of a NOT NULL column, so only a column the replay knows to be nullable is judged there.
      if (old?.column.allowNull === false) return;
      if (!op.sql && (old?.column.allowNull !== true || old.table.uncertain)) return;
      const proven = checks.proves(op);
      // changeColumn also sends ALTER COLUMN ... TYPE, which checks every CHECK on the column again: the proof
      // spares only the raw statement.
      if (proven && op.sql && options.postgresVersion >= 12) return;
      if (!first(migration, op)) return;
      report({
        migration,
        loc: op.loc,
        messageId: 'setNotNullScan',
        data: {
          op: op.sql ? 'SET NOT NULL' : 'changeColumn',
          target: describeTarget(op.target, op),
          table: op.target.table ?? '?',
          why: !proven ? '' : op.sql ? ` (the validated CHECK does not spare the scan before PostgreSQL 12; postgresVersion is ${options.postgresVersion})` : CHECK_RECHECKED,
        },
        target: op.target,
      });
    });
  },
});

/**
 * Measured (test/semantics/builder-check-not-null.test.ts): Sequelize's changeColumn sends `SET NOT NULL`, then
 * `ALTER COLUMN ... TYPE` with the type restated, and PostgreSQL rebuilds every CHECK on the column and checks
 * it on every row, under the same ACCESS EXCLUSIVE.
 */
const CHECK_RECHECKED =
  ' (the validated CHECK spares only a raw `SET NOT NULL`: changeColumn also sends `ALTER COLUMN ... TYPE`, which checks every CHECK on the column again)';

/** The step's column was added earlier in the same migration, by a step of the same transaction. */
function addedInSameTransaction(migration: Migration, op: Operation): boolean {
  if (op.transaction === undefined) return false;
  const at = migration.up.indexOf(op);
  return migration.up.slice(0, at).some((a) => a.op === 'addColumn' && a.transaction === op.transaction && a.target.table === op.target.table && a.target.column === op.target.column);
}

/**
 * The CHECK (col IS NOT NULL) constraints the migrations validate, in run
 * order: added validated (raw SQL, or `addConstraint` with `type: 'check'`),
 * or added NOT VALID and then validated by name; until a step drops them by
 * name (raw `DROP CONSTRAINT` or removeConstraint).
 */
class NotNullChecks {
  /** `table.column` -> the names of the validated CHECKs that prove it. */
  private readonly validated = new Map<string, Set<string>>();
  /** `table/name` -> the column of a CHECK added NOT VALID. */
  private readonly pending = new Map<string, string>();

  record(op: Operation): void {
    const table = operationTableKey(op);
    if (!table) return;
    // Raw SQL, or the builder's check (always validated: Sequelize sends no NOT VALID).
    const column = op.options.checksNotNull;
    if (op.op === 'addConstraint' && typeof column === 'string') {
      const name = checkName(op, column);
      if (op.options.notValid !== true) this.prove(table, column, name);
      else if (name) this.pending.set(`${table}/${name}`, column);
    }
    if (op.op === 'sql' && op.options.validateConstraint === true && op.target.name) {
      const pending = this.pending.get(`${table}/${op.target.name}`);
      if (pending !== undefined) this.prove(table, pending, op.target.name);
    }
    if (op.op === 'removeConstraint' && op.target.name) {
      for (const [key, names] of this.validated) if (key.startsWith(`${table}.`)) names.delete(op.target.name);
      this.pending.delete(`${table}/${op.target.name}`);
    }
  }

  /** A validated CHECK proves the step's column holds no NULL. */
  proves(op: Operation): boolean {
    const table = operationTableKey(op);
    return table !== null && op.target.column !== null && (this.validated.get(`${table}.${op.target.column}`)?.size ?? 0) > 0;
  }

  /** A CHECK whose name is not known cannot be dropped by name: it proves until the end. */
  private prove(table: string, column: string, name: string | null): void {
    const key = `${table}.${column}`;
    const names = this.validated.get(key) ?? new Set<string>();
    names.add(name ?? `\u0000unnamed${names.size}`);
    this.validated.set(key, names);
  }
}

/**
 * The constraint's name: as written, else the one given by default: PostgreSQL's `<table>_<column>_check` for
 * raw SQL, Sequelize's `<table>_<fields>_ck` for addConstraint (measured, test/semantics/builder-check-not-null.test.ts).
 */
function checkName(op: Operation, column: string): string | null {
  if (op.target.name) return op.target.name;
  if (op.target.table === null) return null;
  if (op.sql) return `${op.target.table}_${column}_check`;
  const fields = op.options.fields;
  return Array.isArray(fields) && fields.every((f) => typeof f === 'string') ? `${op.target.table}_${fields.join('_')}_ck` : null;
}
