import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { setsDefault } from '../src/rules/operations';
import { describeTarget } from '../src/operations/effects';
import { castFails, postgresType, typeChangeRewrites, typeFamily, type PostgresType } from '../src/operations/type-casts';
import { builderDefaultIsSent, builderDefaultIsVolatile } from '../src/operations/volatile-defaults';
import { runsOnPostgres, stepTableIsNew, unreleasedMigrations } from '../src/rules/project-facts';
import { forEachUpStep, targetColumn } from '../src/schema/replay';
import { DEFAULT_POSTGRES_VERSION, postgresVersionOption } from '../src/rules/postgres-version';

/**
 * Some column changes make PostgreSQL copy the whole table (and rebuild its
 * indexes) while it holds ACCESS EXCLUSIVE: no read or write of the table
 * gets through until it ends, minutes on a large table. A type change that
 * is not binary-coercible (integer to bigint, a shorter varchar, text to
 * varchar(n)), and an added column every row must get its own value for (a
 * volatile default, serial, identity, a stored generated column; on
 * PostgreSQL before 11, any default); and VACUUM FULL or CLUSTER, which copy
 * the whole table by design. A table the same migration created (or
 * the unreleased change set, with `--changed-since`) is empty: no finding.
 */
export default createRule({
  id: 'no-table-rewrite',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow changes that rewrite an existing table under an ACCESS EXCLUSIVE lock',
      help: 'Add a new column (nullable, or with a constant default), backfill it in batches, then switch over in a later migration; for a volatile default, add the column without it, set the default for new rows with `ALTER COLUMN ... SET DEFAULT`, and backfill existing rows in batches.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      typeRewrite:
        '`{{op}}` changes {{target}} from {{from}} to {{to}}: the conversion is not binary-coercible, so PostgreSQL rewrites the whole table and its indexes under ACCESS EXCLUSIVE, blocking every read and write of `{{table}}` until it ends.',
      maintenanceRewrite:
        '`{{op}}` rewrites {{target}} into a new file, with its indexes, while holding ACCESS EXCLUSIVE: every read and write of it waits until the copy ends. Run it by hand in a maintenance window, or use pg_repack / pg_squeeze, not in a migration.',
      usingRewrite:
        '`ALTER COLUMN ... TYPE ... USING` changes {{target}} to {{to}} by computing each row\'s new value with its USING expression: PostgreSQL rewrites the whole table and its indexes under ACCESS EXCLUSIVE, blocking every read and write of `{{table}}` until it ends.',
      addedColumnRewrite:
        '`{{op}}` adds {{target}} {{why}}: PostgreSQL fills every existing row, rewriting the whole table under ACCESS EXCLUSIVE and blocking every read and write of `{{table}}` until it ends.',
    },
    schema: {
      type: 'object',
      properties: {
        postgresVersion: postgresVersionOption('Before 11, adding a column with any default rewrites the table; from 11 only a volatile one does.'),
      },
      additionalProperties: false,
    },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: { postgresVersion: DEFAULT_POSTGRES_VERSION },
  check({ project, report, options }) {
    const unreleased = unreleasedMigrations(project);
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      const maintenance = maintenanceStatement(op);
      if (maintenance) {
        if (runsOnPostgres(project, op) && (op.options.everyTable === true || !stepTableIsNew(step, unreleased))) {
          const target = op.options.everyTable === true ? 'every table of the database' : describeTarget(op.target, op);
          report({ migration, loc: op.loc, messageId: 'maintenanceRewrite', data: { op: maintenance, target, table: op.target.table ?? '?' }, target: op.target });
        }
        return;
      }
      if ((op.op !== 'addColumn' && op.op !== 'changeColumn') || !runsOnPostgres(project, op) || stepTableIsNew(step, unreleased)) return;
      const base = { target: describeTarget(op.target, op), table: op.target.table ?? '?' };
      if (op.op === 'addColumn') {
        const why = addedColumnRewrites(op, options.postgresVersion);
        if (why) report({ migration, loc: op.loc, messageId: 'addedColumnRewrite', data: { ...base, op: op.sql ? 'ADD COLUMN' : 'addColumn', why }, target: op.target });
        return;
      }
      // With `references`, Sequelize's changeColumn sends only ADD FOREIGN KEY, no TYPE (measured).
      if (typeof op.options.type !== 'string' || (!op.sql && op.options.references !== undefined)) return;
      // A USING expression other than the column (or one cast of it) computes every row's value: a rewrite whatever the types.
      if (op.sql && op.options.usingComputes === true) {
        report({ migration, loc: op.loc, messageId: 'usingRewrite', data: { ...base, to: `\`${op.options.type}\`` }, target: op.target });
        return;
      }
      const old = targetColumn(step);
      if (!old || old.table.uncertain) return;
      const from = old.column.type;
      const to = op.options.type;
      // A change PostgreSQL refuses is no-impossible-cast's finding; with `USING col::type` the cast is given, and
      // PostgreSQL judges it as a type change (binary-coercible: no rewrite).
      const fromFamily = typeFamily(from);
      const toFamily = typeFamily(to);
      const castGiven = op.sql === true && op.options.using === true;
      if (!fromFamily || !toFamily || (!castGiven && castFails(fromFamily, toFamily, !op.sql))) return;
      const fromType = postgresType(from);
      const toType = postgresType(to);
      if (typeChangeRewrites(fromType, toType) !== true) return;
      report({
        migration,
        loc: op.loc,
        messageId: 'typeRewrite',
        data: { ...base, op: op.sql ? 'ALTER COLUMN ... TYPE' : 'changeColumn', from: typeText(from!, fromType!), to: typeText(to, toType!) },
        target: op.target,
      });
    });
  },
});

/** `VACUUM FULL` or `CLUSTER` (both copy the table into a new file under ACCESS EXCLUSIVE), as message text; null for any other step. */
function maintenanceStatement(op: Operation): string | null {
  if (op.op !== 'sql') return null;
  if (op.options.statementType === 'VacuumStmt' && op.options.full === true) return 'VACUUM FULL';
  if (op.options.statementType === 'ClusterStmt') return 'CLUSTER';
  return null;
}

/**
 * Why adding this column rewrites the table, as message text (`with the
 * volatile default ...`); null when PostgreSQL only writes the catalogue.
 * Measured on PGlite: test/semantics/rewrites.test.ts.
 */
export function addedColumnRewrites(op: Operation, postgresVersion: number): string | null {
  const o = op.options;
  if (op.sql) {
    if (o.identity === true) return 'as an identity column';
    if (o.generated === true) return 'as a stored generated column';
    if (typeof o.type === 'string' && /serial/i.test(o.type)) return `as \`${o.type}\` (a sequence default)`;
    if (o.volatileDefault === true) return 'with a volatile default (a new value per row)';
    if (o.default === true && postgresVersion < 11) return `with a default, on PostgreSQL ${postgresVersion} (before 11)`;
    return null;
  }
  if (o.$partial === true) return null;
  if (o.autoIncrement === true || (typeof o.type === 'string' && /SERIAL/i.test(o.type))) return 'as an autoIncrement (SERIAL) column';
  if (builderDefaultIsVolatile(o.defaultValue)) return `with the volatile default \`${String(o.defaultValue)}\` (a new value per row)`;
  if (setsDefault(o.defaultValue) && builderDefaultIsSent(o.defaultValue) && postgresVersion < 11) return `with a default, on PostgreSQL ${postgresVersion} (before 11)`;
  return null;
}

/** A type as written, with PostgreSQL's name when that says more (`STRING` is varchar(255), `CHARACTER VARYING` has no limit). */
function typeText(written: string, type: PostgresType): string {
  const postgres = type.mods ? `${type.base}(${type.mods.join(', ')})` : type.base;
  return written.toLowerCase().replace(/\s+/g, '') === postgres.replace(/\s+/g, '') ? `\`${written}\`` : `\`${written}\` (${postgres})`;
}
