import { emptyBefore } from '../src/rules/empty-tables';
import { probeLabelText } from '../src/extract/values';
import { afterCertainStop, columnSurelyThere } from '../src/rules/certain-stops';
import type { JsonValue, Migration, Operation, ProjectModel } from '../src/model';
import { referencedTable } from '../src/operations/foreign-keys';
import { createRule } from '../src/rules/create-rule';
import { addsNullsToNotNull, jsSideDefault, setsDefault, setsNotNull, writtenBetween } from '../src/rules/operations';
import { describeTarget, destructiveEffect, joinTargets } from '../src/operations/effects';
import { OPERATIONS, writesRows } from '../src/operations/table';
import { modelMappingColumn, runsOnlyOn, runsOnlyOnMysql, runsOnPostgres, stepTableIsNew, unreleasedMigrations } from '../src/rules/project-facts';
import { recentMigrations } from '../src/rules/recent-migrations';
import { forEachUpStep, operationTableKey, targetColumn, type ReplayedStep } from '../src/schema/replay';

/**
 * `ALTER TABLE t ADD COLUMN c ... NOT NULL` with no default gives every
 * existing row NULL, which the constraint refuses: PostgreSQL rejects the
 * statement on any table that has rows ("column "c" of relation "t" contains
 * null values", 23502). It passes on the developer's empty database and fails
 * on production. A table the same migration creates (or an earlier migration
 * of the same unreleased change set, with `--changed-since`) has no rows yet.
 */
export default createRule({
  id: 'no-failing-not-null',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow adding a NOT NULL column without a default to an existing table',
      help: 'Give the column a `defaultValue`, or add it nullable, fill every row, then make it NOT NULL in a later step (changeColumn with `allowNull: false`).',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      notNullOnNullColumn:
        '`{{op}}` makes {{target}} NOT NULL, but {{adder}} added it without a default to a table older than it ({{creator}}), and no migration since filled it: every row older than the column holds NULL there{{since}}, so where the table has such rows PostgreSQL refuses it ("contains null values") and the migration fails. Fill the column first (an UPDATE in this migration), or give it a default.',
      notNullOnRecentTable:
        '`{{op}}` adds {{target}} as NOT NULL without a default to a table that {{creator}} created, and no migration wrote rows into it since: shipped together, the table is still empty and the step passes; it fails only on a database where rows were written between the two, as when they were deployed apart.',
      setNullOnNotNull:
        '{{target}} is NOT NULL, and its foreign key says `{{action}}: \'SET NULL\'`: PostgreSQL accepts the key, but every {{verb}} of a `{{parent}}` row that a row here references then fails (a not-null violation), so that row can never be {{verbed}} while referenced. Allow NULL in the column, or choose `CASCADE` or `RESTRICT`.',
      setNullOnNotNullRefused:
        '{{target}} is NOT NULL, and its foreign key says `{{action}}: \'SET NULL\'`: {{server}} refuses such a key ("Foreign key constraint is incorrectly formed"), so the migration fails here. Allow NULL in the column, or choose `CASCADE` or `RESTRICT`.',
      notNullOnUnwrittenTable:
        '`{{op}}` adds {{target}} as NOT NULL without a default to a table that {{creator}} created, and neither a migration since nor any module of the application writes rows into it: it holds no rows, so the step passes. It fails only where rows were written there another way (a seeder, by hand).',
      notNullOnModelColumn:
        '`{{op}}` adds {{target}} as NOT NULL without a default, but only when `{{check}}` finds it missing, on a table no migration creates, whose model declares the column ({{model}}): a table built from the models (sync(), a dump of them) has it already and the step is skipped. It runs only where the table was built before the model declared the column, and fails there if the table has rows ("contains null values").',
      notNullWithoutDefault:
        '`{{op}}` adds {{target}} as NOT NULL without a default{{jsDefault}}: every existing row would get NULL, so on a table that has rows PostgreSQL refuses it ("contains null values") and the migration fails.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const unreleased = unreleasedMigrations(project);
    const emptied = new EmptiedTables();
    // One finding per migration and table: a second NOT NULL column added to the same table runs only where the
    // first passed (the table was empty), so it never fails on its own; it is named in the first one's finding.
    type Held = { migration: Migration; op: Operation; data: Record<string, string>; targets: string[]; jsDefaults: { target: string; name: string }[] };
    const held: Held[] = [];
    const lastOf = new Map<string, Held>();
    const atSite = new Map<string, Held>();
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      // A step after one that fails for certain never runs where the migrations before ran (src/rules/certain-stops.ts).
      if (afterCertainStop(project, migration, op)) return;
      const empty = emptied.before(migration, op);
      if (setsNotNull(op) && !op.sql && runsOnPostgres(project, op) && !empty && !stepTableIsNew(step, unreleased)) {
        const adder = neverFilled(step, project);
        if (adder) {
          // Whether the table held rows older than the column is history migralint cannot see: labeled on real
          // projects, 5 of 12 such steps met rows (the others ran on tables still empty, before a first deploy, or
          // purged since). Info, saying what to check; `since` when the two are far enough apart for something
          // outside the migrations (a script, the application) to have filled the column.
          const together = recentMigrations(project, migration, { previousAlways: false }).recent.some((r) => r.migration.name === adder.adderName);
          const since = together ? '' : ' unless something outside the migrations (a script, the application) filled it since';
          report({ migration, loc: op.loc, messageId: 'notNullOnNullColumn', data: { op: 'changeColumn', target: describeTarget(op.target, op), adder: adder.adder, creator: adder.creator, since }, target: op.target, severity: 'info' });
          return;
        }
      }
      if (op.op !== 'addColumn' || !runsOnPostgres(project, op) || !addsNullsToNotNull(op)) return;
      if (empty || stepTableIsNew(step, unreleased)) return;
      // A column an earlier step already added (the replay has it): the add fails with "already exists" before any row
      // is checked, which no-duplicate-create-table reports (hold-out 58).
      if (!op.guard && columnSurelyThere(step.table, op.target.column)) return;
      // `defaultValue: Sequelize.NOW` reads as a default, and is none in the database (measured: test/semantics/js-side-defaults.test.ts).
      const js = op.sql ? null : jsSideDefault(op.options.defaultValue);
      const data = { op: op.sql ? 'ADD COLUMN' : 'addColumn', target: describeTarget(op.target, op), table: op.target.table ?? '?', column: op.target.column ?? '?' };
      const jsDefaults = js ? [{ target: data.target, name: js }] : [];
      // A table that a migration shipping with this one created (the previous one, or one dated at most a week
      // earlier), with no rows written into it since, is still empty when both are deployed together: worth a
      // note, not an error.
      const creator = recentMigrations(project, migration).tableCreator(op.target.table);
      if (creator && !writtenBefore(migration, op)) {
        report({ migration, loc: op.loc, messageId: 'notNullOnRecentTable', data: { ...data, creator: creator.label }, target: op.target, severity: 'info' });
        return;
      }
      // An older table nothing has written yet: no migration since its creation and no module of the application
      // writes rows there (reference data a later migration loads: hold-out 88).
      const unwrittenSince = !writtenBefore(migration, op) ? emptyBefore(project, migration, op.target.table, op.target.schema) : null;
      if (unwrittenSince) {
        report({ migration, loc: op.loc, messageId: 'notNullOnUnwrittenTable', data: { ...data, creator: `\`${unwrittenSince.name}\`` }, target: op.target, severity: 'info' });
        return;
      }
      // Added only where a check finds it missing, to a table the models build (no migration creates it) and whose model
      // declares the column: skipped wherever the models built the table (hold-out 84: three such steps, none reachable
      // on a database built since the model declared the column).
      const check = op.existenceChecks?.find((c) => c.coversTarget);
      const model = check && (!step.table || step.table.implicit) && op.target.column ? modelMappingColumn(project, op.target, op.target.column) : null;
      if (check && model) {
        report({ migration, loc: op.loc, messageId: 'notNullOnModelColumn', data: { ...data, check: probeLabelText(check.detail), model: `\`${model.name}\`, ${model.file}` }, target: op.target, severity: 'info' });
        return;
      }
      const key = `${migration.file}\u0000${op.target.table ?? ''}`;
      const first = op.target.table ? lastOf.get(key) : undefined;
      if (first && !op.conditional && !first.op.conditional && !first.op.floating && !writtenBetween(migration, first.op, op)) {
        first.targets.push(data.target);
        first.jsDefaults.push(...jsDefaults);
        return;
      }
      // One call run for several columns (a helper `addColumnIfMissing(name, def)` called once per column, a loop): one
      // finding at that call, naming them (hold-out 65: seven errors at one line).
      const site = `${key}\u0000${op.loc.line}:${op.loc.column}`;
      const sameCall = op.target.table ? atSite.get(site) : undefined;
      if (sameCall) {
        sameCall.targets.push(data.target);
        sameCall.jsDefaults.push(...jsDefaults);
        return;
      }
      const entry = { migration, op, data, targets: [data.target], jsDefaults };
      held.push(entry);
      lastOf.set(key, entry);
      atSite.set(site, entry);
    });
    for (const { migration, op, data, targets, jsDefaults } of held) {
      report({ migration, loc: op.loc, messageId: 'notNullWithoutDefault', data: { ...data, target: joinTargets(targets), jsDefault: jsDefaultNote(jsDefaults, targets.length) }, target: op.target });
    }
    // A NOT NULL column whose foreign key sets it to NULL when the parent row goes (or its key changes): measured in
    // test/semantics/set-null-on-not-null.test.ts (PostgreSQL: the delete fails) and
    // test/integration/mysql-builder-steps.test.ts (MariaDB: the key is refused).
    for (const migration of project.migrations) {
      for (const op of migration.up) {
        for (const { column, definition } of definedColumns(op)) {
          const action = setNullAction(definition);
          if (!action) continue;
          const target = `\`${op.target.table ?? '?'}.${column}\``;
          const parent = referencedTable(definition.references as JsonValue | undefined) ?? '?';
          if (runsOnlyOnMysql(project, op)) {
            const server = runsOnlyOn(project, op, 'mariadb') ? 'MariaDB' : 'MySQL';
            report({ migration, loc: op.loc, messageId: 'setNullOnNotNullRefused', data: { target, action, server }, target: { ...op.target, column } });
          } else {
            const update = action === 'onUpdate';
            // Latent until a referenced parent is deleted, and then loud (the delete fails): hold-out labels of session
            // 19, 2 of 6 such warnings worth one (the others on parents the application never deletes).
            report({ migration, loc: op.loc, messageId: 'setNullOnNotNull', severity: 'info', data: { target, action, parent, verb: update ? 'key change' : 'delete', verbed: update ? 'given another key' : 'deleted' }, target: { ...op.target, column } });
          }
        }
      }
    }
  },
});

/**
 * What a reader takes for a default and is none: ` (its \`defaultValue: Sequelize.NOW\` is filled in by Sequelize ...)`,
 * naming the columns when the finding names several; '' when no column has such a default.
 */
function jsDefaultNote(defaults: readonly { target: string; name: string }[], columns: number): string {
  if (defaults.length === 0) return '';
  const names = [...new Set(defaults.map((d) => `\`defaultValue: Sequelize.${d.name}\``))].join(', ');
  const whose = columns === 1 ? 'its' : `the ${names.includes(',') ? 'defaults' : 'default'} of ${defaults.map((d) => d.target).join(', ')},`;
  return ` (${whose} ${columns === 1 ? `${names} ` : `${names}, `}is filled in by Sequelize on the model's own inserts, never sent as a column DEFAULT)`;
}

/**
 * The columns a createTable or addColumn defines, with their static attributes. Not a changeColumn: with `references`
 * Sequelize's PostgreSQL dialect sends only ADD FOREIGN KEY, leaving NULL allowed as it was
 * (test/semantics/change-column-references.test.ts).
 */
function definedColumns(op: Operation): { column: string; definition: Record<string, unknown> }[] {
  if (op.op === 'createTable') return Object.entries(op.columns ?? {}).map(([column, definition]) => ({ column, definition }));
  if (op.op === 'addColumn' && op.target.column && !op.sql) return [{ column: op.target.column, definition: op.options }];
  return [];
}

/** `onDelete` (else `onUpdate`) when it is SET NULL on a column declared NOT NULL with `references`; else null. */
function setNullAction(definition: Record<string, unknown>): 'onDelete' | 'onUpdate' | null {
  if (definition.allowNull !== false || definition.references === undefined || definition.references === null) return null;
  const setNull = (v: unknown) => typeof v === 'string' && /^\s*set\s+null\s*$/i.test(v);
  return setNull(definition.onDelete) ? 'onDelete' : setNull(definition.onUpdate) ? 'onUpdate' : null;
}


/**
 * For a changeColumn making a column NOT NULL: the migration that added the column nullable and without a default
 * (an addColumn, not a createTable attribute) to a table a migration before it created (not one shipping with it:
 * that table held the rows written since its release), with no write of rows into the table (nor SQL the replay
 * cannot place, nor a change of the column) between that addColumn and this step: every older row still holds NULL.
 * The adder and the table's creator as message text, or null.
 */
function neverFilled(step: ReplayedStep, project: ProjectModel): { adder: string; adderName: string; creator: string } | null {
  const { op, migration } = step;
  const found = targetColumn(step);
  if (!found || found.table.uncertain || found.column.allowNull === false || found.column.sequence || found.column.conditional) return null;
  const { column, table } = found;
  if (column.changedBy.length > 0 || column.previousNames.length > 0 || !column.definition || setsDefault(column.definition.defaultValue)) return null;
  const adderMigration = project.migrations.find((m) => m.file === column.createdBy.file);
  const adder = adderMigration?.up.find((u) => u.op === 'addColumn' && u.loc.line === column.createdBy.line && u.target.column === column.name);
  if (!adderMigration || !adder || adderMigration === migration) return null;
  // The table existed, with rows, before the column: created by a migration before the adder's, not shipping with it.
  const creator = table.createdBy ? project.migrations.find((m) => m.file === table.createdBy!.file) : undefined;
  if (!creator || creator.index >= adderMigration.index || recentMigrations(project, adderMigration).tableCreator(table.name)) return null;
  // Nothing wrote rows into the table (a backfill) from the addColumn to this step.
  const between = project.migrations.filter((m) => m.index >= adderMigration.index && m.index <= migration.index);
  for (const m of between) {
    const ups = m === migration ? m.up.slice(0, m.up.indexOf(op)) : m === adderMigration ? m.up.slice(m.up.indexOf(adder) + 1) : m.up;
    if (ups.some((u) => (writesRows(u.op) || u.op === 'sql') && (u.target.table === null || u.target.table === table.name))) return null;
  }
  return { adder: `\`${adderMigration.name}\` (line ${adder.loc.line})`, adderName: adderMigration.name, creator: `created by \`${creator.name}\`` };
}


/** This migration writes rows into the step's table before the step. */
function writtenBefore(migration: Migration, op: Operation): boolean {
  for (const before of migration.up) {
    if (before === op) return false;
    if (writesRows(before.op) && before.target.table === op.target.table) return true;
  }
  return false;
}



/**
 * Tables the current migration has emptied so far: an unconditional DELETE of
 * every row or TRUNCATE, with no insert since. A NOT NULL column added then
 * meets no row.
 */
class EmptiedTables {
  private migration: Migration | null = null;
  private readonly tables = new Set<string>();

  /** Whether `op`'s table is empty when `op` runs; then records what `op` does to it. */
  before(migration: Migration, op: Operation): boolean {
    if (migration !== this.migration) {
      this.migration = migration;
      this.tables.clear();
    }
    const key = operationTableKey(op);
    if (!key) return false;
    const empty = this.tables.has(key);
    const effect = destructiveEffect(op, false);
    if (effect && (effect.kind === 'deleteAllRows' || effect.kind === 'truncate') && !op.conditional) this.tables.add(key);
    else if (OPERATIONS[op.op].family === 'data' && op.op !== 'bulkDelete' && op.op !== 'delete') this.tables.delete(key);
    return empty;
  }
}
