import type { Migration, ModelDefinition, Operation, ProjectModel, Severity } from '../src/model';
import { readsColumnIntoAnother, updatedColumns, updateFacts } from '../src/operations/updates';
import { createRule, type ReportDescriptor } from '../src/rules/create-rule';
import { columnDroppedEarlier, columnGoneBefore, columnIsAbsent, CreatedInMigration, projectReplay, tableKey, targetColumn, type ReplayedStep } from '../src/schema/replay';
import { keptRows } from '../src/operations/kept-rows';
import { partialRunCreator } from '../src/rules/partial-run';
import { describeTarget, destructiveEffect, joinTargets, type DataDestroyingKind } from '../src/operations/effects';
import { LOSS_WORDS } from '../src/operations/loss';
import { reversalOf, unseedsAll, upAddsEnumValue } from '../src/rules/reversal';
import { emptyBefore } from '../src/rules/empty-tables';
import { exclusive, listSteps, perCallSite } from '../src/rules/operations';
import { recentMigrations } from '../src/rules/recent-migrations';
import { isSeedScript } from '../src/rules/model-use';
import { columnNeverCreated } from '../src/rules/tables-touched';
import { columnNameFold, callThrows, throwingCallData, misspelledTable, misspellingNote, modelsMapColumn, modelsOfTable, projectDialects, runnerName, tablesTheProjectKnows, umzugRefuses, syncData, syncRun } from '../src/rules/project-facts';
import { postgresType, shortenedLength } from '../src/operations/type-casts';
import { foreignKeyChecksSet } from '../src/operations/foreign-keys';
import { changesDatabase, NO_COLUMN_ARGUMENT, writesRows } from '../src/operations/table';

type ReversalLevel = 'info' | 'warning' | 'error';

type MessageIds = DataDestroyingKind | 'dropTables' | 'reversal' | 'behindIrreversible' | 'downNeverRuns' | 'rowsPutBack' | 'rowsKept' | 'absentColumn' | 'columnMoved' | 'columnAlreadyGone' | 'absentFromModel' | 'unknownTable' | 'dropTableMadeBySync' | 'columnOfMisspelledTable' | 'columnOfUnknownTable' | 'removeColumnWithoutColumn' | 'enumValueRemoved' | 'enumValueRemovedAfterMove' | 'unseedsAll' | 'unseedsCopy' | 'argumentsSwapped' | 'columnDroppedBefore' | 'columnDroppedLater' | 'droppedByLaterRollback' | 'undoAllAtStart' | 'afterFailingStep' | 'columnMisspelled' | 'unseedsLookup' | 'emptyTableName' | 'enumDeleteFails' | 'columnOfOtherTable' | 'dropReferencedTable' | 'nullInstanceCall' | 'strandedName' | 'undeclaredName' | 'addsOwnColumnAgain' | 'narrowsWidened' | 'notNullRestored' | 'templateExample' | 'notAMethod' | 'typeMissing' | 'unseedsOnlySeeded' | 'dropsRunnerTable' | 'tableNameIsSql' | 'ownPartialRun' | 'sqlRejected' | 'dropEverythingFirst' | 'downUnrun' | 'unseedsUnmade';

/**
 * A `down` that drops tables or columns, or deletes rows, destroys data when
 * someone rolls back. What it destroys decides the severity: data that
 * existed before the migration (an error), or only what the migration's own
 * `up` created, so only what was written since it ran (info, a routine
 * reversal). A `down` that no runner or script can run is at most info.
 */
export default createRule<{ reversals: ReversalLevel }, MessageIds>({
  id: 'no-destructive-down',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `down` steps that destroy data on rollback',
      help: 'Make the rollback keep the data: leave the column or table in place (a later migration can remove it after a backup), or make the down throw to mark the migration irreversible.',
      recommended: true,
      strict: true,
      risk: 'data-loss',
    },
    messages: {
      undoAllAtStart:
        '{{where}} runs at every start of the application and runs `sequelize-cli db:migrate:undo:all` ({{how}}): every `down` runs, newest first, before the migrations run again, so each start or deploy drops what the migrations built ({{tables}}) and every row in it. Fine for a throwaway demo; anywhere data is kept, run `db:migrate` alone.',
      dropTable: 'Rolling back drops table {{target}} and every row in it, rows that existed before this migration included.',
      dropTables: 'Rolling back drops tables {{target}} and every row in them, rows that existed before this migration included.',
      dropColumn: 'Rolling back drops {{target}} and the data in it, which this migration did not create.',
      deleteAllRows: 'Rolling back deletes every row of {{target}}.',
      deleteSomeRows: 'Rolling back deletes the rows of {{target}} matching {{where}}, including any changed since the migration ran.',
      truncate: 'Rolling back empties {{target}} (TRUNCATE).',
      dropSchema: 'Rolling back drops {{schema}} and every table in it.',
      dropEverything: 'Rolling back drops every table in the database ({{target}}).',
      dropEverythingFirst:
        'Rolling back drops every table in the database ({{target}}). This is the first migration, whose `up` creates {{tables}}: a rollback reaches it only after every later migration is undone, so it drops its own tables, and with them whatever the migrations did not make (tables built by hand, the runner\u2019s own `SequelizeMeta`). Drop the tables `up` creates by name.',
      unseedsCopy:
        'Rolling back deletes every row of {{target}}, which {{creator}} creates and this migration’s `up` fills with a copy of {{sources}} (line {{line}}): a backup of rows that are still there. Only rows written into it since, by anything else, are lost.',
      enumDeleteFails:
        'Rolling back deletes {{values}} from `pg_enum`, but compares `typname` to `"{{type}}"`, a double-quoted name PostgreSQL reads as a column: the statement fails (column does not exist, measured) and deletes nothing, and the rollback stops there. Write the type name as a string (`\'{{type}}\'`).',
      addsOwnColumnAgain:
        'Rolling back adds {{target}}, which this migration\u2019s `up` adds (line {{line}}) and which is still there when this step runs: the database refuses it (column already exists), so the rollback fails here and the column stays. `removeColumn` was probably meant.',
      strandedName:
        'Rolling back reads `{{name}}`, which this `down` does not declare: `up` does, and one function\u2019s names are not the other\u2019s. The rollback throws a ReferenceError there ("{{name}} is not defined"){{step}}, and nothing after it runs. Declare it in `down`, or take it as a parameter.{{reach}}',
      undeclaredName:
        'Rolling back reads `{{name}}`, which nothing in this file declares (no variable, parameter, function or import) and Node.js does not provide: the rollback throws a ReferenceError there ("{{name}} is not defined"){{step}}, and nothing after it runs. Declare or import it (a table name written as a string, `\'{{name}}\'`?).{{reach}}',
      notAMethod:
        'Rolling back calls `{{callee}}`, which is not a method of {{of}}: the call throws a TypeError ("{{callee}} is not a function") before it sends anything, so the rollback fails here{{applied}}.{{meant}}',
      sqlRejected:
        'Rolling back sends {{statement}}, which PostgreSQL rejects ({{error}}): the statement fails whenever the rollback reaches it, so the rollback fails here{{applied}}.',
      typeMissing:
        'Rolling back calls `{{callee}}` with no `type` for {{target}}: Sequelize cannot write the column without one, so the call fails before it changes anything (Sequelize throws before it sends any SQL; Sequelize 4 on PostgreSQL sends the type `undefined`, which the database refuses) and the rollback fails here{{applied}}. Restate the column\'s type.',
      nullInstanceCall:
        'Rolling back calls `{{callee}}` with `null` as its model instance: Sequelize reads the instance\u2019s `constructor` before it builds any SQL, so the call throws a TypeError (measured on Sequelize 6; its typings allow `null`), the rollback fails there and {{changes}} nothing. Use {{fix}}, which takes no instance.',
      emptyTableName:
        'Rolling back calls `{{callee}}` with an empty table name: the database refuses it (a zero-length name), so the rollback fails there and drops nothing{{stays}}.',
      dropReferencedTable:
        'Rolling back drops {{target}}, but {{referrers}} still {{verb}} it by a foreign key when this step runs: {{refusal}}, so the rollback fails here and {{target}} keeps its rows{{stays}}. Drop the referencing column or table first{{hint}}.',
      unseedsLookup:
        'Rolling back deletes every row of {{target}}, a lookup table by its name, which {{creator}} created and this migration’s `up` seeds (line {{line}}): reference rows the migrations write, which running `up` again puts back. Rows the application added to it since go too, and rows of other tables that point at them by id lose their match.',
      unseedsUnmade:
        'Rolling back deletes every row of {{target}}, which no migration creates and this migration\u2019s `up` seeds (line {{line}}): no module of the application writes rows there (a seed script aside), so besides these rows only what seeding wrote goes, and running `up` again puts these back. Delete the seeded rows by their keys all the same.',
      unseedsOnlySeeded:
        'Rolling back deletes every row of {{target}}, which {{creator}} creates and this migration’s `up` seeds (line {{line}}): no module of the application writes rows there (its model is only read), so besides these rows only what other migrations or seeders wrote goes, and running `up` again puts these back. Delete the seeded rows by their keys all the same.',
      unseedsAll:
        'Rolling back deletes every row of {{target}}, which {{creator}} creates: besides the rows this migration’s `up` inserts (line {{line}}), every row written there since goes with them. Delete the seeded rows by their keys.',
      reversal:
        'Rolling back {{effect}} {{target}}, which this migration’s `up` {{undoes}}: a routine reversal that loses only what was written there since the migration ran.',
      behindIrreversible:
        'This `down` {{effect}} {{target}}, but a rollback reaches it only through {{blocker}}, whose `down` {{why}}: it runs only if someone undoes this migration by name.',
      rowsPutBack:
        'Rolling back deletes every row of {{target}} after reading them whole (line {{read}}) and inserts them back (line {{insert}}): the rows are rewritten, not lost, unless the code between drops some.',
      rowsKept: 'Rolling back {{effect}} {{target}} after {{how}} {{into}} (line {{insert}}): they are kept there, so nothing is lost unless that copy is partial.',
      ownPartialRun:
        'Rolling back drops {{target}} if it exists, then creates it (line {{line}}): no migration makes it by then, so on a database the migrations built only an earlier, failed run of this rollback can have left it, before anything wrote to it. The drop clears that partial run.',
      columnMoved:
        'Rolling back drops {{target}}, whose values this rollback just moved into {{into}} (line {{line}}): they are kept there, so nothing is lost unless that conversion was lossy.',
      notNullRestored:
        'Rolling back makes {{target}} NOT NULL again, which this migration\u2019s `up` let take NULL (line {{line}}): once a row written since holds NULL there, the database refuses the change (PostgreSQL: "contains null values"), so the rollback fails there. Fill those rows first in `down` (`UPDATE ... SET ... WHERE ... IS NULL`), or keep the column nullable.',
      narrowsWidened:
        'Rolling back shortens {{target}} from {{from}} to {{to}}, the length `up` widened it from (line {{line}}): a value written since that is longer than {{limit}} characters makes PostgreSQL (and MySQL in strict mode) refuse the change ("value too long"), so the rollback fails there; MySQL without strict mode cuts those values instead. Keep the wider type in `down`, or shorten the values first.',
      templateExample:
        'Rolling back drops table `users`, which no migration of this project creates: this is the example line of sequelize-cli\'s migration template (`await queryInterface.dropTable(\'users\')`), left in. The drop (IF EXISTS) does nothing, and this `down` does not undo what `up` does ({{steps}}): write its reversal there.',
      absentColumn:
        'Rolling back drops {{target}}, which no migration up to this one adds to that table: the rollback fails (column does not exist) rather than losing data. Check the table name.',
      columnAlreadyGone:
        'Rolling back drops {{target}}, which {{phase}} already {{change}} (line {{line}}), and nothing adds it back before this step: the rollback fails here (column does not exist) and stops. No data is lost, but the migration cannot be undone until this step is removed or the column is added back first.',
      absentFromModel:
        'Rolling back drops {{target}}, which no migration adds to that table and its model ({{model}}) does not map: the rollback fails (column does not exist) rather than losing data. Check the table name.',
      enumValueRemoved:
        'Rolling back deletes {{values}} of enum `{{type}}` from `pg_enum`{{added}}: every row that holds {{them}} by then can no longer be read (PostgreSQL: "invalid internal value for enum") and breaks every query that meets it. Move those rows to another value first, in the same `down`.',
      enumValueRemovedAfterMove:
        'Rolling back deletes {{values}} of enum `{{type}}` from `pg_enum` after line {{line}} moves the rows that hold {{them}} to another value: a routine reversal (PostgreSQL has no DROP VALUE).',
      unknownTable:
        'Rolling back drops table {{target}}, which no migration of this project creates, changes or reads and no model maps{{typo}}.',
      dropsRunnerTable:
        'Rolling back drops {{target}}, the table where {{runner}} records which migrations ran: the record of every migration goes with it, so the next migrate runs them all again from the first, which fails on the tables they already made (or repeats their data changes). Leave the runner\'s table to the runner.',
      tableNameIsSql:
        'Rolling back calls `dropTable` with {{target}}, SQL text rather than a table name: Sequelize quotes it as one name and drops IF EXISTS, so nothing happens and what `up` did stays. Run the statement with `queryInterface.sequelize.query(...)`, or name the table.',
      removeColumnWithoutColumn:
        'Rolling back calls `removeColumn` with one argument (`{{name}}`): Sequelize takes it for the table, finds no column name and throws before sending anything, so the rollback fails here and drops nothing. Name both: `removeColumn(table, \'{{name}}\')`.',
      dropTableMadeBySync:
        'Rolling back drops table {{target}} and every row in it. No migration creates it: `sync()` (`{{run}}`) builds it from the models, so migralint cannot tell whether it held rows before this migration. Check before rolling back where it did.',
      droppedByLaterRollback:
        'Rolling back drops {{target}}, which a later migration, {{creator}}, creates and drops in its own `down`: a rollback undoes that one first, so this drop (IF EXISTS) finds nothing{{stays}}. {{verdict}}',
      argumentsSwapped:
        'Rolling back calls `removeColumn` with the table and the column swapped (`{{table}}`, `{{column}}`): `up` adds column `{{table}}` to `{{column}}` (line {{added}}), and there is no table `{{table}}`. {{outcome}} Write `removeColumn(\'{{column}}\', \'{{table}}\')`.',
      columnDroppedLater:
        'Rolling back drops {{target}}, which a later migration, {{dropper}}, drops in its `up` (line {{line}}): a rollback reaches this `down` only after undoing that one, whose `down` {{then}}. Its data was lost at that later drop, not here.',
      columnDroppedBefore:
        'Rolling back drops {{target}}, which {{migration}} already dropped (line {{line}}) and nothing added back: on a database the migrations built, the rollback fails here (column does not exist) and loses nothing, but it stops{{hint}}.',
      columnOfMisspelledTable:
        'Rolling back drops {{target}}, but no migration of this project creates, changes or reads a table `{{table}}`; `{{meant}}` differs only in case, punctuation, a plural or one letter. The rollback fails there (relation does not exist) and loses nothing, {{outcome}}, and what `up` did to `{{meant}}` stays.',
      columnOfUnknownTable:
        'Rolling back drops {{target}}, but no migration of this project creates, changes or reads a table `{{table}}` and no model maps one, while every table the migrations change is one they create. Unless `{{table}}` was made outside the migrations, the rollback fails there (relation does not exist) and loses nothing, {{outcome}}, and what `up` did stays ({{steps}}). Name the table `up` changes.',
      columnOfOtherTable:
        'Rolling back drops {{target}}, but no migration adds `{{column}}` to `{{table}}`: this migration’s `up` adds it to `{{other}}` (line {{line}}), the table the `down` probably means. Unless `{{table}}` got that column outside the migrations, the rollback fails there ({{fails}}) and `{{other}}.{{column}}` stays.',
      columnMisspelled:
        'Rolling back drops {{target}}, but this migration’s `up` adds `{{meant}}` (line {{line}}), a name that differs only in case or underscores: the `down` probably means it. Unless the table has both, the rollback fails there (column does not exist) and `{{meant}}` stays; where it has both, it drops a column this migration did not create.',
      afterFailingStep:
        'This `down` {{effect}} {{target}}, but a rollback never gets here: line {{line}} fails first ({{why}}) and stops it. Once that step is mended, this one runs: check it then.',
      downNeverRuns:
        'This `down` {{effect}} {{target}}, but {{runner}} never runs a `down` ({{evidence}}): it can only run by hand.',
      downUnrun:
        'This `down` {{effect}} {{target}}, but nothing in the project runs these migrations (no npm script, `.sequelizerc` or dependency names sequelize-cli, and `{{run}}` builds the tables with sequelize.sync(), {{evidence}}): it can only run by hand.',
    },
    schema: {
      type: 'object',
      properties: {
        reversals: {
          type: 'string',
          enum: ['info', 'warning', 'error'],
          description:
            'Severity of a `down` that destroys only what its own `up` created (drops the table it creates, removes the column it adds, deletes the rows it inserts). Default `info`: it loses only data written since the migration ran.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: { reversals: 'info' },
  check({ project, report: reportOne, options }) {
    const fold = columnNameFold(project);
    // A start command that undoes every migration: each start runs every `down`.
    // A Compose file or Dockerfile named for development or tests (`docker-compose.dev.yml`) resets a throwaway database.
    const starts = (project.scripts ?? []).filter((s) => s.atStart && s.undoesAll && !/[._-](dev|development|local|test|tests|ci|e2e)([._-]|$)/i.test(s.atStart.file));
    const names = starts.length === 0 ? [] : [...new Set(project.migrations.flatMap((m) => m.up.filter((o) => o.op === 'createTable' && o.target.table).map((o) => o.target.table!)))].sort();
    for (const script of starts) {
      if (!script.atStart) continue;
      const tables = names.length === 0 ? 'its tables' : names.length <= 3 ? names.map((t) => `\`${t}\``).join(', ') : `${names.slice(0, 3).map((t) => `\`${t}\``).join(', ')} and ${names.length - 3} more tables`;
      const where = script.atStart.file === 'package.json' ? '`npm start`' : `\`${script.atStart.file}\` (${script.atStart.process})`;
      reportOne({ file: script.atStart.file, loc: { line: script.atStart.line, column: 1 }, messageId: 'undoAllAtStart', severity: 'error', data: { where, how: `\`${oneLine(script.command)}\``, tables } });
    }
    // One finding per call site and message: a step written once and run for each element of a list (a loop over
    // table names, Bluebird's mapSeries) is one finding naming its targets, not one per element.
    const { report: reportAtSite, flush } = perCallSite(reportOne, merged);
    const runner = project.project.runner;
    // Nothing names a runner (sequelize-cli only assumed) and nothing runs the migrations, the application building its
    // tables with sync(): no `down` runs either, but by hand (hold-out 103: a rollback of such a folder as a warning).
    const unrun = runner?.downRunnable !== 'no' && runner?.unconfirmed === true && !runner.ownProgram && project.schemaSync?.migrationsUnrun === true ? project.schemaSync : null;
    const neverRuns = runner?.downRunnable === 'no' || unrun !== null;
    // Undo runs newest first: a later migration whose `down` throws stops every rollback chain before it (the nearest one is named).
    // A later migration whose `down` always fails stops every rollback before it reaches this one: one that throws, or
    // one that returns no promise to a runner that refuses that (hold-out 81: every `down` of a project returning an
    // array, so sequelize-cli fails the rollback at the newest).
    const blockers = new Map<number, { name: string; why: string }>();
    let blocker: { name: string; why: string } | null = null;
    for (let i = project.migrations.length - 1; i >= 0; i--) {
      if (blocker) blockers.set(i, blocker);
      const m = project.migrations[i]!;
      if (m.downFunction.present && m.downFunction.throws) blocker = { name: m.name, why: 'throws (irreversible)' };
      else if (m.status === 'ok' && m.downFunction.present && umzugRefuses(project, m, 'down')) blocker = { name: m.name, why: `returns no promise, which ${runnerName(project)} refuses (the rollback fails there)` };
      // No `down` at all: sequelize-cli stops the rollback there ("Could not find migration method: down", measured with
      // umzug 2.3.0: rules/require-down.md), so no rollback chain reaches the ones before it (hold-out 105).
      else if (m.status === 'ok' && !m.downFunction.present && runner?.kind === 'sequelize-cli') blocker = { name: m.name, why: 'is missing (sequelize-cli stops the rollback there: "Could not find migration method: down")' };
    }
    // The schema each `down` meets: every `up` up to its own.
    const replay = projectReplay(project.migrations);
    const known = tablesTheProjectKnows(project);
    for (const [index, migration] of project.migrations.entries()) {
      // The one finding of this `down` that removes enum values is made.
      let enumReported = false;
      // What this `down` created a moment earlier (a scratch or TEMP table) is no existing data.
      const created = new CreatedInMigration();
      // Tables this `down` already emptied (TRUNCATE, a DELETE of every row): a column dropped from one afterwards
      // holds nothing; the emptying step is the loss, reported on its own.
      const emptied = new Set<string>();
      const droppedHere = new Set<string>();
      // Tables nothing makes whose columns this `down` removes: one finding for all of them (the first step).
      const unknownTables = new Set<string>();
      // The first step of this `down` that fails for certain (a column or table that is not there): the rollback
      // stops there, and what follows never runs. Each later finding says so, at info.
      const halt: { at: { op: Operation; why: string } | null } = { at: null };
      const stopsHere = (o: Operation, why: string, evenIfExists = false) => {
        if (!halt.at && failsForCertain(o, project, evenIfExists)) halt.at = { op: o, why };
      };
      // A warning or an error on a step after it: the rollback never gets there (said at info, with the reason).
      const report = (d: ReportDescriptor<MessageIds>) => {
        const failed = halt.at;
        const op = migration.down.find((o) => o.loc === d.loc);
        const serious = d.severity === undefined || d.severity === 'warning' || d.severity === 'error';
        if (failed && serious && op && failed.op.loc.line < op.loc.line && !exclusive(failed.op, op)) {
          const effect = destructiveEffect(op, false);
          const data = { ...(effect?.data ?? { target: String(d.data?.target ?? '') }), effect: effect ? LOSS_WORDS[effect.kind].verb : 'changes', line: String(failed.op.loc.line), why: failed.why };
          reportAtSite({ ...d, messageId: 'afterFailingStep', severity: 'info', data });
          return;
        }
        reportAtSite(d);
      };
      // A name only `up` declares, read by `down` (`{ transaction }`, `Sequelize.STRING` in a `down(queryInterface)`): the
      // rollback throws a ReferenceError there. The step reading it never runs; the ones after it are said at info.
      const stranded = migration.downFunction.stranded;
      const readsStranded = (o: Operation) => stranded !== undefined && o.loc.line <= stranded.line && stranded.line <= (o.loc.endLine ?? o.loc.line);
      if (stranded && !neverRuns) {
        const reader = migration.down.find(readsStranded);
        const next = reader ?? migration.down.find((o) => o.loc.line > stranded.line);
        const step = reader ? `, before \`${reader.callee}\` (line ${reader.loc.line}) sends anything` : '';
        // Behind a later `down` that always fails, a rollback reaches it only by name (hold-out 97: NOISE at warning).
        const blockedBy = blockers.get(index);
        const reach = blockedBy ? ` A rollback reaches it only through \`${blockedBy.name}\`, whose \`down\` ${blockedBy.why}: it runs only if someone undoes this migration by name.` : '';
        reportAtSite({ migration, loc: { line: stranded.line, column: stranded.column }, messageId: stranded.nowhere ? 'undeclaredName' : 'strandedName', severity: blockedBy ? 'info' : 'warning', data: { name: stranded.name, step, reach } });
        // The steps after it, as after any step that fails for certain (the reader itself is skipped below).
        // Whatever guards the step, reading the name throws first; a conditional or looped one may not run at all.
        const at = reader ?? (next ? { ...next, loc: { ...next.loc, line: stranded.line, column: stranded.column, endLine: stranded.line } } : null);
        if (at && !at.conditional && !at.inLoop && !at.floating) halt.at ??= { op: at, why: `\`${stranded.name}\` is not defined there` };
      }
      for (const step of replay.downStepsOf(migration)) {
        const { op } = step;
        // The step that reads the undeclared name throws while its arguments are evaluated: it changes nothing.
        if (stranded && readsStranded(op)) continue;
        const scratch = created.tableIsNew(op.target.table) || (op.op === 'removeColumn' && created.columnIsNew(op.target.table, op.target.column));
        created.record(op);
        // The same table dropped again by this `down` (two constants naming one table): the first drop is the finding.
        const again = op.op === 'dropTable' && op.target.table !== null && droppedHere.has(tableKey(op.target.schema, op.target.table));
        if (op.op === 'dropTable' && op.target.table) droppedHere.add(tableKey(op.target.schema, op.target.table));
        const effect = scratch || again ? null : destructiveEffect(op, false);
        // `addColumn` in `down` of the column `up` adds (a copy-paste of `up`): the column is there when the rollback runs,
        // so ADD COLUMN fails ("already exists", ../shared/sequelize-semantics.md) and the rollback stops there. The
        // replay saw `up` add it unconditionally (on a table whose other columns may be unknown: it matters not here).
        const readded = op.op === 'addColumn' && !op.sql && !op.guard && !op.conditional && op.target.table && op.target.column && step.table && !step.table.conditional && step.table.columns.has(op.target.column)
          ? migration.up.find((u) => u.op === 'addColumn' && !u.guard && !u.conditional && u.target.table === op.target.table && u.target.column === op.target.column)
          : undefined;
        // Unless this `down` removed or renamed it away first (a column dropped and added back with its old definition).
        const freedBefore = readded !== undefined && migration.down.some((d) => d.loc.line < op.loc.line && (d.op === 'removeColumn' || d.op === 'renameColumn' || d.op === 'dropTable' || d.op === 'unresolved') && d.target.table === op.target.table && (d.op !== 'removeColumn' && d.op !== 'renameColumn' ? true : d.target.column === op.target.column));
        if (readded && !freedBefore) {
          if (!neverRuns) report({ migration, loc: op.loc, messageId: 'addsOwnColumnAgain', severity: 'warning', data: { target: describeTarget(op.target, op), line: String(readded.loc.line) }, target: op.target });
          stopsHere(op, `\`${op.target.table}.${op.target.column}\` is still there`);
          continue;
        }
        // A method the queryInterface does not have, a column without a type: the call throws before it sends anything
        // (test/semantics/calls-that-throw.test.ts), the rollback stops there. Under a condition or in a loop it may not run.
        const thrown = callThrows(project, op);
        if (thrown) {
          const earlier = migration.down.filter((o) => o.loc.line < op.loc.line && o.op !== 'unresolved' && !o.conditional && changesDatabase(o.op));
          const applied = earlier.length === 0 ? ', before it changes anything' : `, after ${earlier.length === 1 ? `\`${earlier[0]!.callee}\` (line ${earlier[0]!.loc.line})` : `${earlier.length} steps (from line ${earlier[0]!.loc.line})`} ran`;
          const data = throwingCallData(thrown, op, applied);
          const certain = !op.conditional && !op.inLoop;
          // After a step that already stops the rollback it is not reached: said once that step is mended.
          const reached = !halt.at || exclusive(halt.at.op, op);
          if (!neverRuns && reached) report({ migration, loc: op.loc, messageId: thrown.kind, severity: certain ? 'warning' : 'info', data, target: op.target });
          if (certain && !op.floating) halt.at ??= { op, why: thrown.kind === 'sqlRejected' ? 'PostgreSQL rejects its SQL' : `\`${op.callee}\` throws` };
          continue;
        }
        // `delete(null, t, where)`, `update(null, t, values, where)`: Sequelize reads the instance's constructor before any
        // SQL and throws a TypeError (measured, test/semantics/null-instance-calls.test.ts): the rollback fails there and
        // changes nothing (destructiveEffect has no loss for it).
        if (op.options.nullInstance === true && !op.sql) {
          const deletes = op.op === 'delete';
          const data = { callee: op.callee, changes: deletes ? 'deletes' : 'changes', fix: deletes ? '`bulkDelete(table, where)`' : '`bulkUpdate(table, values, where)`', target: describeTarget(op.target, op) };
          if (!neverRuns) report({ migration, loc: op.loc, messageId: 'nullInstanceCall', severity: 'warning', data, target: op.target });
          stopsHere(op, `\`${op.callee}\` with a null instance throws`);
          continue;
        }
        // `changeColumn(t, c, { allowNull: false })` in `down` after `up` let the column take NULL: the rows written since
        // may hold NULL there (hold-outs 97-99: a recurring miss). A reversal, at the `reversals` severity.
        const loosenedAt = !neverRuns ? restoresNotNullUpDropped(op, migration) : null;
        if (loosenedAt) report({ migration, loc: op.loc, messageId: 'notNullRestored', severity: options.reversals, data: { target: describeTarget(op.target, op), line: String(loosenedAt.loc.line) }, target: op.target });
        // `changeColumn(t, c, { type: STRING })` in `down` after `up` made the column TEXT: the values written since may
        // be longer than the old limit (measured: test/semantics/narrowing-rollback.test.ts).
        const narrowing = !neverRuns ? narrowsWhatUpWidened(step, migration) : null;
        if (narrowing) {
          // The reversal of `up`'s widening: only values written since can stop it (issue #11: a reversal is info unless
          // the `reversals` option raises it).
          report({ migration, loc: op.loc, messageId: 'narrowsWidened', severity: options.reversals, data: { target: describeTarget(op.target, op), ...narrowing }, target: op.target });
          continue;
        }
        if (!effect) continue;
        if (op.target.table && (effect.kind === 'truncate' || effect.kind === 'deleteAllRows')) emptied.add(tableKey(op.target.schema, op.target.table));
        if (effect.kind === 'dropColumn' && op.target.table && emptied.has(tableKey(op.target.schema, op.target.table))) continue;
        // On MySQL, MariaDB and SQLite column names match whatever their case: `googleid` removes the `googleId` `up` adds.
        const reversal = reversalOf(migration, op, project) ?? reversalOf(migration, caseTwin(op, migration, fold), project);
        const verb = LOSS_WORDS[effect.kind].verb;
        if (unrun) {
          report({ migration, loc: op.loc, messageId: 'downUnrun', severity: 'info', data: { ...effect.data, effect: verb, ...syncData(unrun) }, target: op.target });
          continue;
        }
        if (neverRuns) {
          const e = runner?.evidence;
          report({
            migration,
            loc: op.loc,
            messageId: 'downNeverRuns',
            severity: 'info',
            data: { ...effect.data, effect: verb, runner: runnerName(project), evidence: e ? `${e.file}:${e.line}` : 'no script calls it' },
            target: op.target,
          });
          continue;
        }
        // Behind a later `down` that always fails (or is missing), a rollback reaches this one only by name: a step here
        // that fails the rollback is said at info (hold-out 105).
        const blockedBy = blockers.get(index);
        // `dropTable('')`: the database refuses the empty name; the rollback stops there, and nothing is dropped.
        if (op.op === 'dropTable' && op.target.table === '' && !op.sql) {
          const own = migration.up.find((u) => u.op === 'createTable' && u.target.table);
          const stays = own ? `, and \`${own.target.table}\`, which this migration\u2019s \`up\` creates, stays` : '';
          report({ migration, loc: op.loc, messageId: 'emptyTableName', severity: blockedBy ? 'info' : 'warning', data: { callee: op.callee, stays }, target: op.target });
          stopsHere(op, 'the table name is empty');
          continue;
        }
        // A table other tables still reference by a foreign key: PostgreSQL refuses the drop, and nothing is lost.
        const referrers = op.op === 'dropTable' && !op.sql ? referencingTables(step, project, migration) : null;
        if (referrers) {
          const own = migration.up.find((u) => u.op === 'createTable' && u.target.table && u.target.table !== op.target.table);
          const undone = own && !migration.down.some((d) => d.op === 'dropTable' && d.target.table === own.target.table);
          const stays = undone ? `, and \`${own.target.table}\`, which this migration\u2019s \`up\` creates, stays` : '';
          const hint = undone ? `, or, if this is the wrong table, drop \`${own.target.table}\`` : '';
          report({ migration, loc: op.loc, messageId: 'dropReferencedTable', severity: blockedBy ? 'info' : 'warning', data: { ...effect.data, ...referrers, stays, hint }, target: op.target });
          // DROP TABLE IF EXISTS of a table that exists and is referenced fails all the same (hold-out 51: four
          // drops after the first failing one were four warnings).
          stopsHere(op, 'another table still references it', true);
          continue;
        }
        if (blockedBy) {
          report({ migration, loc: op.loc, messageId: 'behindIrreversible', severity: 'info', data: { ...effect.data, effect: verb, blocker: `\`${blockedBy.name}\``, why: blockedBy.why }, target: op.target });
          continue;
        }
        // A table this migration's `up` (or this `down`, earlier) dropped or renamed away, dropped IF EXISTS: nothing is there.
        if (effect.kind === 'dropTable' && op.guard && step.absentTable?.removal && step.absentTable.removal.by.file === migration.file) continue;
        // A column this migration already removed (its `up`, or this `down` earlier): the step fails, unless it
        // is guarded (IF EXISTS, a describeTable check, a catch), and then it drops nothing.
        const gone = op.op === 'removeColumn' ? columnGoneBefore(step) : null;
        if (gone) {
          if (op.guard) continue;
          const inUp = migration.up.some((u) => u.loc.line === gone.by.line && u.loc.column === gone.by.column);
          const change = gone.how === 'renamed' ? `renames to \`${gone.newName}\`` : 'drops';
          const data = { ...effect.data, phase: inUp ? 'this migration’s `up`' : 'this `down`', change, line: String(gone.by.line) };
          // Repeating `up`'s own drop loses nothing and the drop in `up` is the finding to read; dropping a column
          // twice in one `down` is a copy-paste slip that leaves the column meant in place: a warning.
          // Nobody waits for a floating step: its failure is an unhandled rejection and the rollback goes on (hold-out 60:
          // a `down` of umzug 1.x that returns nothing, whose second removeColumn repeats the first).
          report({ migration, loc: op.loc, messageId: 'columnAlreadyGone', severity: (inUp && gone.how !== 'renamed') || op.floating ? 'info' : 'warning', data, target: op.target });
          stopsHere(op, `\`${op.target.column}\` is gone by then`);
          continue;
        }
        // A copy-and-swap back (add a column, `UPDATE t SET tmp = CAST(col ...)`, drop `col`, rename `tmp` to it): the
        // values of the dropped column live on, converted, in the column this rollback filled from it.
        const mover = !reversal && effect.kind === 'dropColumn' && op.target.column ? movedBefore(op, migration.down) : null;
        if (mover) {
          const into = (updatedColumns(mover) ?? []).filter((c) => c !== op.target.column).map((c) => `\`${c}\``).join(', ');
          report({ migration, loc: op.loc, messageId: 'columnMoved', severity: 'info', data: { ...effect.data, into, line: String(mover.loc.line) }, target: op.target });
          continue;
        }
        const kept = keptRows(op, migration.down);
        if (kept?.how === 'putBack') {
          report({ migration, loc: op.loc, messageId: 'rowsPutBack', severity: 'info', data: { ...effect.data, read: String(kept.read.loc.line), insert: String(kept.insert.loc.line) }, target: op.target });
          continue;
        }
        if (kept) {
          const how = kept.how === 'returned' ? 'writing the rows it returns into' : 'copying its rows into';
          const data = { ...effect.data, effect: verb, how, into: `\`${kept.insert.target.table}\``, insert: String(kept.insert.loc.line) };
          report({ migration, loc: op.loc, messageId: 'rowsKept', severity: 'info', data, target: op.target });
          continue;
        }
        const partialRun = effect.kind === 'dropTable' ? partialRunCreator(step, project, 'down') : null;
        if (partialRun) {
          report({ migration, loc: op.loc, messageId: 'ownPartialRun', severity: 'info', data: { ...effect.data, line: String(partialRun.loc.line) }, target: op.target });
          continue;
        }
        if (!reversal && op.op === 'removeColumn' && (columnIsAbsent(step) || neverCreated(step, project))) {
          report({ migration, loc: op.loc, messageId: 'absentColumn', severity: 'info', data: effect.data, target: op.target });
          stopsHere(op, `no migration adds \`${op.target.column}\``);
          continue;
        }
        const model = !reversal && op.op === 'removeColumn' ? modelWithoutColumn(step, project) : null;
        if (model) {
          report({ migration, loc: op.loc, messageId: 'absentFromModel', severity: 'info', data: { ...effect.data, model: `\`${model.file}\`` }, target: op.target });
          continue;
        }
        // An enum value removed through the catalog (PostgreSQL has no DROP VALUE): no row is deleted, but rows holding it
        // become unreadable (measured, test/semantics/failing-changes.test.ts). One finding per call: a query string
        // that removes four values is one step.
        const removed = enumValuesRemoved(op);
        // `typname = "enum_x"`: a column reference, not the type's name; the statement fails before deleting anything.
        const quotedType = removed ? quotedTypeName(op) : undefined;
        if (removed && quotedType !== undefined) {
          const values = removed.values.length === 1 ? `the value '${removed.values[0]}'` : `the values ${joinTargets(removed.values.map((v) => `'${v}'`), 6)}`;
          report({ migration, loc: op.loc, messageId: 'enumDeleteFails', severity: 'warning', data: { values, type: quotedType }, target: op.target });
          stopsHere(op, `\`"${quotedType}"\` is read as a column`);
          continue;
        }
        if (removed) {
          // One finding per `down`: the values it removes, one statement each or all in one, are one cause.
          if (enumReported) continue;
          enumReported = true;
          const removals = migration.down.filter((d) => quotedTypeName(d) === undefined).flatMap((d) => {
            const r = enumValuesRemoved(d);
            return r ? [{ step: d, removal: r }] : [];
          });
          const here = removals.map((r) => r.removal);
          const values = [...new Set(here.flatMap((r) => r.values))];
          const types = [...new Set(here.map((r) => r.type))];
          const addedByUp = values.every((v) => upAddsEnumValue(migration, v) !== undefined);
          // An UPDATE earlier in this `down` that rewrites the rows holding each value (`WHERE role = 'manager'`).
          const before = migration.down.slice(0, migration.down.indexOf(removals.at(-1)!.step));
          const mover = (v: string) => before.find((b) => Object.values(updateFacts(b)?.whereValues ?? {}).some((values) => values.includes(v)));
          const moves = values.map(mover);
          const moved = moves.every((m) => m !== undefined);
          report({
            migration,
            loc: op.loc,
            messageId: moved ? 'enumValueRemovedAfterMove' : 'enumValueRemoved',
            severity: moved ? 'info' : 'warning',
            data: {
              line: String(Math.max(...moves.map((m) => m?.loc.line ?? 0))),
              values: values.length === 1 ? `the value '${values[0]}'` : `the values ${joinTargets(values.map((v) => `'${v}'`), 6)}`,
              type: types.join('`, `') || '?',
              added: addedByUp ? ', which this migration’s `up` adds' : '',
              them: values.length === 1 ? 'it' : 'one of them',
            },
            target: op.target,
          });
          continue;
        }
        // `removeColumn('expose')`: one argument, read as the table; Sequelize throws before sending anything
        // (measured, test/semantics/failing-changes.test.ts), so the rollback fails and drops nothing.
        // A second argument migralint cannot read (a decoder call of an obfuscated build) is there all the same (hold-out 89).
        if (op.op === 'removeColumn' && !op.sql && !op.target.column && !op.target.columnExpression && op.target.table && (op.unresolvedReason ?? '').includes(NO_COLUMN_ARGUMENT)) {
          report({ migration, loc: op.loc, messageId: 'removeColumnWithoutColumn', severity: 'warning', data: { name: op.target.table }, target: op.target });
          stopsHere(op, '`removeColumn` without a column throws');
          continue;
        }
        // `removeColumn('UserGroupId', 'UserGroupClass')` where `up` adds `UserGroupClass.UserGroupId`: the table and
        // the column swapped. No table of that name: the rollback fails and the column stays.
        const swapped = !reversal && op.op === 'removeColumn' && !op.sql ? swappedArguments(op, migration, project) : null;
        if (swapped) {
          // Under a catch that takes every error, the rollback does not stop: it completes without removing the column, a
          // nullable column left behind (hold-out 64: five such rollbacks, none worth a warning).
          const caught = op.guard?.kind === 'catch-all';
          const outcome = caught
            ? `The step fails (relation does not exist), and the \`try\` at line ${op.guard!.line ?? '?'} swallows the error: the rollback completes without removing the column, which stays behind, and loses nothing.`
            : 'The rollback fails there (relation does not exist) and loses nothing, but it stops, and the column stays.';
          report({ migration, loc: op.loc, messageId: 'argumentsSwapped', severity: caught ? 'info' : 'warning', data: { table: op.target.table!, column: op.target.column!, added: String(swapped.loc.line), outcome }, target: op.target });
          stopsHere(op, `there is no table \`${op.target.table}\``);
          continue;
        }
        // `removeColumn('users', 'provinceId')` where `up` adds `province_id`: the same name in another case style, the
        // column the rollback means. Judged a misspelling, not a drop of older data (the table's columns being unknown).
        const meantColumn = !reversal && op.op === 'removeColumn' && !op.sql && !(op.target.column && step.table?.columns.has(op.target.column)) ? respelledAddition(op, migration) : null;
        if (meantColumn) {
          const data = { ...effect.data, meant: meantColumn.target.column!, line: String(meantColumn.loc.line) };
          report({ migration, loc: op.loc, messageId: 'columnMisspelled', severity: 'warning', data, target: op.target });
          continue;
        }
        // A column an earlier migration dropped, which nothing added back: on a database the migrations built the
        // rollback fails (column does not exist), often a `down` that names the wrong table.
        const droppedBefore = !reversal && op.op === 'removeColumn' ? columnDroppedEarlier(step) : null;
        if (droppedBefore) {
          if (op.guard) continue;
          const elsewhere = migration.up.find((u) => u.op === 'addColumn' && u.target.column === op.target.column && u.target.table !== op.target.table && u.target.table);
          const hint = elsewhere ? `; this migration\u2019s \`up\` adds \`${elsewhere.target.table}.${op.target.column}\` (line ${elsewhere.loc.line}): that table was probably meant, and its column stays after the rollback` : '';
          const data = { ...effect.data, migration: `\`${droppedBefore.by.migration}\``, line: String(droppedBefore.by.line), hint };
          // A rollback that fails loudly loses nothing (info, like a column no migration adds); one that also leaves
          // the column this `up` added elsewhere in place is a wrong table worth a warning.
          report({ migration, loc: op.loc, messageId: 'columnDroppedBefore', severity: elsewhere ? 'warning' : 'info', data, target: op.target });
          stopsHere(op, `\`${op.target.column}\` was dropped by \`${droppedBefore.by.migration}\``);
          continue;
        }
        // A column a later migration's `up` drops: a rollback reaches this `down` only after that migration's, so the
        // column is gone by then, or back empty; what it held was lost at that drop, not here (hold-out 52).
        const later = !reversal && op.op === 'removeColumn' ? droppedByLaterUp(project, migration, op) : null;
        if (later) {
          const data = { ...effect.data, dropper: `\`${later.migration.name}\``, line: String(later.op.loc.line), then: later.readds ? 'adds it back empty, so this drop removes only what was written since that rollback' : 'does not add it back, so the column is not there and the rollback fails here (column does not exist)' };
          report({ migration, loc: op.loc, messageId: 'columnDroppedLater', severity: 'info', data, target: op.target });
          if (!later.readds) stopsHere(op, `\`${op.target.column}\` was dropped by \`${later.migration.name}\``);
          continue;
        }
        // A column of a table nothing in the project knows, whose name is a typo of one it knows: the rollback fails
        // there (relation does not exist), and the column `up` added to the real table stays.
        if (!reversal && op.op === 'removeColumn' && op.target.table && known) {
          // The near name first: the scan of every step for other mentions runs only for a possible typo.
          const meant = misspelledTable(op.target.table, known);
          if (meant && namedOnlyBy(project, op)) {
            report({ migration, loc: op.loc, messageId: 'columnOfMisspelledTable', severity: 'warning', data: { ...effect.data, table: op.target.table, meant, outcome: op.floating ? 'but the call is not awaited, so nobody sees the failure and the rollback is recorded as done' : 'but it stops' }, target: op.target });
            stopsHere(op, `there is no table \`${op.target.table}\``);
            continue;
          }
        }
        // `removeColumn('account', 'opportunity_map')` where `up` adds `opportunity_map` to `salesforce_field_map` and no
        // migration ever adds it to `account`: the wrong table, a rollback that fails rather than a drop of older data.
        // Also `removeColumn('imagem', 'pais', 'provincia')` where `up` adds `imagem`, `pais` and `provincia` to `users`: the
        // columns passed where the table goes, a table no migration knows (hold-out 69).
        const lacksColumn = step.table !== undefined && !step.table.implicit && !step.table.columns.has(op.target.column ?? '');
        const shifted = step.table === undefined && op.target.table !== null && migration.up.some((u) => u.op === 'addColumn' && !u.sql && u.target.column === op.target.table);
        const other = !reversal && op.op === 'removeColumn' && !op.sql && op.target.table && op.target.column && (lacksColumn || shifted) ? addedToOtherTable(op, migration, project) : null;
        if (other) {
          const fails = lacksColumn ? 'column does not exist' : 'table does not exist';
          const data = { ...effect.data, column: op.target.column!, table: op.target.table!, other: other.target.table!, line: String(other.loc.line), fails };
          report({ migration, loc: op.loc, messageId: 'columnOfOtherTable', severity: 'warning', data, target: op.target });
          continue;
        }
        // A column of a table nothing in the project makes, in migrations that build on no table made elsewhere
        // (`removeColumn('Person', 'petName')`, the example of Sequelize's documentation left in a `down` whose `up` changes
        // another table): a rollback that fails there and loses nothing (hold-out 95: two such steps reported as drops of
        // older data). One finding for the table's columns.
        if (!reversal && op.op === 'removeColumn' && op.target.table && known && madeNowhere(project, op)) {
          const table = op.target.table;
          if (unknownTables.has(table)) continue;
          unknownTables.add(table);
          const steps = listSteps(migration.up);
          const outcome = op.floating ? 'but the call is not awaited, so nobody sees the failure and the rollback is recorded as done' : 'but it stops';
          const columns = [...new Set(migration.down.filter((o) => o.op === 'removeColumn' && o.target.table === table && o.target.column).map((o) => o.target.column!))];
          const target = columns.map((c) => `\`${table}.${c}\``).join(', ');
          report({ migration, loc: op.loc, messageId: 'columnOfUnknownTable', severity: steps ? 'warning' : 'info', data: { ...effect.data, target, table, outcome, steps: steps || 'nothing' }, target: op.target });
          stopsHere(op, `there is no table \`${op.target.table}\``);
          continue;
        }
        // A table a later migration creates, and drops in its own `down`: a rollback reaches this step only after that
        // one, so the table is gone already and the drop (IF EXISTS) finds nothing; what this `up` created stays.
        const laterCreator = !reversal && op.op === 'dropTable' && op.target.table && !step.table ? laterCreatorOf(op.target.table, migration, project) : null;
        if (laterCreator) {
          // A table this `up` creates that the `down` leaves: the drop was probably meant for it. When the `down` drops every
          // table its `up` creates, this drop is only a leftover that finds nothing (hold-out 68).
          const dropped = new Set(migration.down.filter((d) => d.op === 'dropTable' && d.target.table).map((d) => d.target.table));
          const own = migration.up.find((u) => u.op === 'createTable' && u.target.table && !dropped.has(u.target.table));
          const stays = own ? `, and \`${own.target.table}\`, which this migration\u2019s \`up\` creates, stays after the rollback` : '';
          const verdict = own ? 'Probably the wrong table.' : 'The `down` drops every table its `up` creates too: a leftover that does nothing.';
          report({ migration, loc: op.loc, messageId: 'droppedByLaterRollback', severity: own ? 'warning' : 'info', data: { ...effect.data, creator: `\`${laterCreator.name}\``, stays, verdict }, target: op.target });
          continue;
        }
        // A table nothing in the project knows: a typo of the one `up` creates leaves that one in place (the drop
        // is IF EXISTS); otherwise migralint cannot see what it holds. A review either way, not a sure loss.
        // The runner's own record of what ran (`SequelizeMeta`): no migration creates it, the runner does.
        const storage = project.project.runner?.storage ?? (project.project.runner ? null : 'SequelizeMeta');
        if (op.op === 'dropTable' && !reversal && op.target.table && storage !== null && (op.target.table === storage || RUNNER_TABLE.test(op.target.table))) {
          report({ migration, loc: op.loc, messageId: 'dropsRunnerTable', severity: 'error', data: { ...effect.data, runner: runnerName(project) }, target: op.target });
          continue;
        }
        // `dropTable('delete from t_user')`: SQL where a name goes, quoted whole by Sequelize (`DROP TABLE IF EXISTS
        // "delete from t_user"`), so it drops nothing (hold-out 78: four such rollbacks reported as dropping a table).
        if (op.op === 'dropTable' && !op.sql && op.target.table && SQL_AS_NAME.test(op.target.table)) {
          report({ migration, loc: op.loc, messageId: 'tableNameIsSql', severity: 'warning', data: effect.data, target: op.target });
          continue;
        }
        const unknown = !reversal && op.op === 'dropTable' && op.target.table && known && !known.has(op.target.table);
        if (unknown) {
          // `ZALNotifications` beside `Notifications`, which this `up` creates and this `down` drops too: a companion made
          // with it (an audit or history table a trigger or a plugin creates for every table), undone with it.
          const companion = companionOf(op.target.table!, migration);
          if (companion) {
            const data = { ...effect.data, effect: verb, undoes: 'creates with the table whose name it holds (a companion a trigger or a plugin makes with it, such as an audit log)' };
            report({ migration, loc: op.loc, messageId: 'reversal', severity: options.reversals, data, target: op.target });
            continue;
          }
          // `up` creates tables whose names migralint cannot read (a helper given a schema object of another module):
          // the table this `down` drops by name is most likely one of them (hold-out 88: three rollbacks of a
          // `setupTable(queryInterface, Query)` helper reported as tables no migration creates).
          const unnamed = migration.up.filter((u) => u.op === 'createTable' && !u.target.table && !u.conditional);
          if (unnamed.length > 0) {
            const first = unnamed[0]!;
            const written = first.target.tableExpression ? `\`${first.target.tableExpression}\`${unnamed.length > 1 ? ' and others' : ''}, ` : '';
            const undoes = `creates, probably: it creates ${unnamed.length === 1 ? 'a table' : `${unnamed.length} tables`} whose name${unnamed.length === 1 ? '' : 's'} migralint cannot read (${written}line ${first.loc.line})`;
            report({ migration, loc: op.loc, messageId: 'reversal', severity: options.reversals, data: { ...effect.data, effect: verb, undoes }, target: op.target });
            continue;
          }
          if (templateLeftover(op, migration)) {
            report({ migration, loc: op.loc, messageId: 'templateExample', severity: 'info', data: { steps: listSteps(migration.up) || 'nothing' }, target: op.target });
            continue;
          }
          const typo = unknownTableNote(op, migration, known, absentTableNote(op, migration, ''));
          report({ migration, loc: op.loc, messageId: 'unknownTable', severity: misspeltNoOp(op, known) ? 'info' : 'warning', data: { ...effect.data, typo }, target: op.target });
          continue;
        }
        if (reversal) {
          const severity: Severity = options.reversals;
          report({ migration, loc: op.loc, messageId: 'reversal', severity, data: { ...effect.data, effect: verb, undoes: reversal.undoes }, target: op.target });
          continue;
        }
        // A seed undone by deleting every row of a table a migration shipping with this one created (empty before the
        // seed): the rows written since go too, nothing older. Of an older table, rows from before the seed go: an error.
        const seed = unseedsAll(migration, op);
        // Created by an older migration, but empty until this seed: no module of the application writes rows there, and no
        // migration between its creation and this one writes any (hold-out 88: reference data loaded from bundled files
        // weeks after the table was made, its rollback reported as deleting older rows).
        const creator = seed ? recentMigrations(project, migration).tableCreator(op.target.table) ?? emptyUntilSeeded(op, migration, project) : null;
        if (seed && creator) {
          // Whole rows `up` copied from another table (`INSERT INTO backup_t SELECT * FROM t`): a backup, whose
          // originals are in that table again once the later migrations are rolled back, unless one of them dropped
          // it or a column of it (a conversion, not a backup: `down`s rarely bring a dropped column back).
          const sources = seed.sql === true && seed.options.selectsAll === true && Array.isArray(seed.options.copiedFrom) ? seed.options.copiedFrom.filter((t): t is string => typeof t === 'string' && t !== op.target.table) : [];
          const laterDrops = (t: string) => project.migrations.some((m) => m.index > migration.index && m.up.some((u) => u.target.table === t && (u.op === 'dropTable' || u.op === 'removeColumn')));
          if (sources.length > 0 && !sources.some(laterDrops)) {
            const data = { ...effect.data, line: String(seed.loc.line), creator: creator.label, sources: sources.map((t) => `\`${t}\``).join(', ') };
            report({ migration, loc: op.loc, messageId: 'unseedsCopy', severity: 'info', data, target: op.target });
            continue;
          }
          // A lookup table (`DurationMinutesLookups`, `visit_mode_lookup`): reference data the migrations seed and the
          // application reads (hold-out 28: six such un-seeds labeled routine).
          const lookup = LOOKUP_TABLE.test(op.target.table ?? '');
          // A table no module of the application writes (a list the migrations and seeders fill): the rollback empties
          // what they wrote, nothing users did (hold-out labels: 19 of 27 such warnings not worth one).
          const unwritten = !lookup && op.target.table !== null && onlySeeded(project, op.target.table, op.target.schema);
          report({ migration, loc: op.loc, messageId: lookup ? 'unseedsLookup' : unwritten ? 'unseedsOnlySeeded' : 'unseedsAll', severity: lookup || unwritten ? 'info' : 'warning', data: { ...effect.data, line: String(seed.loc.line), creator: creator.label }, target: op.target });
          continue;
        }
        // A table no migration creates (sync() or a bootstrap made it) that this `up` seeds, no earlier migration writes
        // rows into and no module of the application writes (a seed script aside): the rollback empties what seeding
        // wrote, nothing users did (hold-out 101: a list of daily gifts, only a reset script writing it).
        if (seed && effect.kind === 'deleteAllRows' && op.target.table && !madeOrWrittenBefore(project, migration, op.target.table) && onlySeeded(project, op.target.table, op.target.schema)) {
          report({ migration, loc: op.loc, messageId: 'unseedsUnmade', severity: 'info', data: { ...effect.data, line: String(seed.loc.line) }, target: op.target });
          continue;
        }
        // A table no migration creates, in a project whose schemas sync() builds: the models made it, and whether it
        // held rows before this migration cannot be told from the migrations.
        if (effect.kind === 'dropTable' && project.schemaSync && (!step.table || step.table.implicit)) {
          // sync() builds only what a model maps: with every model read and none mapping the name, no sync made it
          // either (hold-out 37: `dropTable('pjsip-endpoints')` for the `pjsip_endpoints` the up creates).
          const models = project.models?.models ?? [];
          const readable = models.length > 0 && models.every((m) => !m.unresolved && m.tableName !== null);
          const table = op.target.table;
          if (readable && table && !models.some((m) => m.tableName!.toLowerCase() === table.toLowerCase())) {
            const names = new Set<string>(models.map((m) => m.tableName!));
            for (const m of project.migrations) for (const u of m.up) if (u.op === 'createTable' && u.target.table) names.add(u.target.table);
            const typo = unknownTableNote(op, migration, names, absentTableNote(op, migration, '`sync()` does not build it either'));
            report({ migration, loc: op.loc, messageId: 'unknownTable', severity: misspeltNoOp(op, names) ? 'info' : 'warning', data: { ...effect.data, typo }, target: op.target });
            continue;
          }
          report({ migration, loc: op.loc, messageId: 'dropTableMadeBySync', severity: 'warning', data: { ...effect.data, script: project.schemaSync.script, run: syncRun(project.schemaSync) }, target: op.target });
          continue;
        }
        // Nothing says the table or column existed before this migration, and its `up` has steps migralint cannot read
        // (a minified or obfuscated build, a helper it does not follow): most likely they create what this drops
        // (hold-out 89: eight rollbacks of an obfuscated build reported as dropping what the migration did not create).
        // Not a call of the application's own code (a model's query, a service): that is data work more often than schema.
        const unread = (effect.kind === 'dropColumn' || effect.kind === 'dropTable') && !existedBefore(step, migration) ? migration.up.filter((u) => u.op === 'unresolved' && !(u.unresolvedReason ?? '').startsWith('calls application code')) : [];
        if (unread.length > 0) {
          const undoes = `creates, probably: it has ${unread.length === 1 ? 'a step' : `${unread.length} steps`} migralint cannot read (line ${unread[0]!.loc.line}${unread.length > 1 ? ' and later' : ''})`;
          report({ migration, loc: op.loc, messageId: 'reversal', severity: options.reversals, data: { ...effect.data, effect: verb, undoes }, target: op.target });
          continue;
        }
        // The first migration's `down` emptying the database (a baseline's `dropAllTables()`): reached last, after every
        // later `down`, it undoes its own tables and drops what else is there, not every migration's data (hold-out 102:
        // an initial migration of every table, undone by a development reset script). Not where sync() builds tables.
        const ownTables = effect.kind === 'dropEverything' && !project.schemaSync ? firstMigrationTables(project, migration) : [];
        if (ownTables.length > 0) {
          const tables = ownTables.length === 1 ? `\`${ownTables[0]}\`` : `${ownTables.length} tables (${ownTables.slice(0, 3).map((t) => `\`${t}\``).join(', ')}${ownTables.length > 3 ? ', ...' : ''})`;
          report({ migration, loc: op.loc, messageId: 'dropEverythingFirst', severity: 'warning', data: { ...effect.data, tables }, target: op.target });
          continue;
        }
        report({ migration, loc: op.loc, messageId: effect.kind, data: effect.data, target: op.target });
      }
    }
    flush();
  },
});

/**
 * The addColumn of this migration's `up` that adds the column a `down` step removes to another table, when no migration
 * up to this one adds (or creates) that column on the step's table. Null otherwise.
 */
function addedToOtherTable(op: Operation, migration: Migration, project: ProjectModel): Operation | null {
  const { table, column } = op.target;
  const elsewhere = migration.up.find((u) => u.op === 'addColumn' && !u.sql && u.target.column === column && u.target.table !== null && u.target.table !== table);
  if (!elsewhere) return null;
  const addsHere = (u: Operation) =>
    u.target.table === table && ((u.op === 'addColumn' && u.target.column === column) || (u.op === 'createTable' && (u.columns === null || u.columns === undefined || Object.hasOwn(u.columns, column!))) || (u.op === 'renameColumn' && u.target.newName === column) || (u.sql === true && u.op !== 'select' && (u.statement ?? '').includes(column!)));
  return project.migrations.some((m) => m.index <= migration.index && m.up.some(addsHere)) ? null : elsewhere;
}

/**
 * The column this migration's `up` adds to the table a `down` step removes a column of, whose name is the removed
 * one's in another case style (`province_id` / `provinceId`, `UserId` / `userId`). The caller asks first that the
 * replayed table not have the removed name itself (then the step drops it). Null otherwise.
 */
/**
 * `op` with the column `up` adds to the same table under a name equal to its own once folded (`columnNameFold`: the
 * same column on MySQL, MariaDB and SQLite), or `op` itself when there is none.
 */
function caseTwin(op: Operation, migration: Migration, fold: (column: string) => string): Operation {
  const { table, column } = op.target;
  if (!table || !column) return op;
  const twin = migration.up.find((u) => u.target.table === table && u.target.column !== null && u.target.column !== column && fold(u.target.column) === fold(column));
  return twin ? { ...op, target: { ...op.target, column: twin.target.column } } : op;
}

function respelledAddition(op: Operation, migration: Migration): Operation | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  const loose = (name: string) => name.replace(/_/g, '').toLowerCase();
  return (
    migration.up.find(
      (u) => u.op === 'addColumn' && u.target.table === table && u.target.column !== null && u.target.column !== column && loose(u.target.column) === loose(column),
    ) ?? null
  );
}

/**
 * The columns that still reference the table a `down` drops (`ReplayedStep.referencedBy`), as message data, on a
 * project known to run on PostgreSQL, on MySQL / MariaDB, or on either (the refusal is measured on both: PostgreSQL
 * wants CASCADE, InnoDB refuses the parent's drop), unless the `down` of a MySQL project turned `FOREIGN_KEY_CHECKS` off
 * before the step; null otherwise.
 */
function referencingTables(step: ReplayedStep, project: ProjectModel, migration: Migration): { referrers: string; verb: string; refusal: string } | null {
  const { dialects, known } = projectDialects(project);
  if (!step.referencedBy || !known || dialects.length === 0) return null;
  const postgres = dialects.every((d) => d === 'postgres');
  const mysql = dialects.every((d) => d === 'mysql' || d === 'mariadb');
  // Either of them (a dialect the deployment chooses): each refuses.
  const either = dialects.every((d) => d === 'postgres' || d === 'mysql' || d === 'mariadb');
  if (!either) return null;
  if (mysql && migration.down.some((d) => d.loc.line < step.op.loc.line && foreignKeyChecksSet(d) === false)) return null;
  // A rollback runs the later migrations' `down`s first: a referencing table one of them drops is gone by then (a
  // table an early baseline made, created again as a no-op by a later migration whose `down` drops it; hold-out 60).
  const droppedFirst = (table: string) =>
    project.migrations.some((m) => m.index > migration.index && m.down.some((d) => d.op === 'dropTable' && d.target.table === table && !d.conditional && !d.floating));
  const referencedBy = step.referencedBy.filter((r) => !droppedFirst(r.table));
  if (referencedBy.length === 0) return null;
  const shown = referencedBy.slice(0, 3).map((r) => `\`${r.table}.${r.column}\` (from \`${r.createdBy.migration}\`)`);
  const more = referencedBy.length - shown.length;
  const referrers = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]!;
  const refusal = postgres
    ? 'PostgreSQL refuses `DROP TABLE` without CASCADE ("other objects depend on it", measured)'
    : mysql
      ? 'MySQL and MariaDB (InnoDB) refuse to drop a table a foreign key references ("a foreign key constraint fails", measured), unless `FOREIGN_KEY_CHECKS` is off'
      : 'PostgreSQL refuses `DROP TABLE` without CASCADE, and MySQL and MariaDB (InnoDB) refuse to drop a table a foreign key references (both measured)';
  return { referrers, verb: referencedBy.length > 1 ? 'reference' : 'references', refusal };
}

/**
 * What the drop of a table nothing in the project makes does (`why`: what else is known of it): on a database the migrations
 * built there is no such table, so a drop IF EXISTS (Sequelize's) does nothing and a plain DROP TABLE fails; a table of
 * that name made another way loses its rows. And the table this migration's `up` creates that no step of the `down`
 * drops, which stays after the rollback: probably the one meant (hold-out 58, 59).
 */
function absentTableNote(op: Operation, migration: Migration, why: string): string {
  const tolerant = op.guard?.kind === 'idempotent' || op.guard?.kind === 'sql-if-exists';
  const outcome = tolerant ? `the drop does nothing${op.sql ? ' (IF EXISTS)' : ' (Sequelize drops IF EXISTS)'}` : 'the rollback fails there (table does not exist)';
  const dropped = new Set(migration.down.filter((d) => d.op === 'dropTable' && d.target.table).map((d) => d.target.table!));
  const left = migration.up.find((u) => u.op === 'createTable' && u.target.table && !u.conditional && !dropped.has(u.target.table));
  const stays = left ? `, and \`${left.target.table}\`, which this migration\u2019s \`up\` creates, stays after the rollback: probably the table meant` : '';
  return `: ${why ? `${why}, and ` : ''}on a database the migrations built there is no such table, so ${outcome}${stays}; a table of that name made another way (by hand, a restore) would lose its rows`;
}

/**
 * What the unknown-table finding adds: the misspelling of a table in `names` when the dropped name is one (the drop,
 * IF EXISTS, then does nothing and that table stays), else `otherwise`.
 */
function unknownTableNote(op: Operation, migration: Migration, names: ReadonlySet<string>, otherwise: string): string {
  const meant = misspelledTable(op.target.table!, names);
  if (meant === undefined) return otherwise;
  const ownUp = migration.up.some((u) => u.op === 'createTable' && u.target.table === meant);
  return misspellingNote(op, meant, ownUp ? 'which this migration\u2019s `up` creates' : 'which the migrations do know', ' after the rollback');
}

/**
 * The first later migration whose `up` drops `table.column` (removes the column, drops the table; not a rename, which keeps the values),
 * unconditionally, and whose `down` writes no rows back into the table (a `down` that copies values back restores
 * data this drop would lose): with whether that `down` adds the column back. Null when none.
 */
function droppedByLaterUp(project: ProjectModel, migration: Migration, op: Operation): { migration: Migration; op: Operation; readds: boolean } | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  for (const m of project.migrations) {
    if (m.index <= migration.index) continue;
    const drop = m.up.find(
      // A rename keeps the values (its `down` may bring them back under this name): only a drop loses them there.
      (u) => u.target.table === table && !u.conditional && !u.inLoop && !u.floating && ((u.op === 'removeColumn' && u.target.column === column) || u.op === 'dropTable'),
    );
    if (!drop) continue;
    const writesBack = m.down.some((d) => (writesRows(d.op) || d.op === 'sql' || d.op === 'unresolved') && (d.target.table === table || d.target.table === null));
    if (writesBack) return null;
    const readds = m.down.some((d) => (d.op === 'addColumn' && d.target.table === table && d.target.column === column) || (d.op === 'createTable' && d.target.table === table));
    return { migration: m, op: drop, readds };
  }
  return null;
}

/**
 * A builder `dropTable` (DROP TABLE IF EXISTS, measured) of a misspelling of a table in `names`: on a database the
 * migrations built it drops nothing, and the rollback leaves the table it meant (the message says which): a rollback
 * that does not undo, no data lost (hold-out 47 and 49: three such warnings labeled not worth one).
 */
function misspeltNoOp(op: Operation, names: ReadonlySet<string>): boolean {
  return op.op === 'dropTable' && !op.sql && op.target.table !== null && misspelledTable(op.target.table, names) !== undefined;
}

/**
 * `dropTable('users')` in a `down` whose `up` creates no `users` table, as sequelize-cli's migration template writes it
 * in its comment ("Example: await queryInterface.dropTable('users');"): the example, uncommented and left in (hold-out
 * 41: four such rollbacks of `addColumn` migrations).
 */
function templateLeftover(op: Operation, migration: Migration): boolean {
  return op.op === 'dropTable' && !op.sql && op.target.table === 'users' && !op.target.schema && !migration.up.some((u) => u.target.table === 'users');
}

/**
 * The replay knows the table a `down` step drops (or the column it removes) from an earlier migration: created there,
 * not by an unknown step of this migration's `up`.
 */
function existedBefore(step: ReplayedStep, migration: Migration): boolean {
  const table = step.table;
  if (!table || table.implicit || !table.createdBy) return false;
  const earlier = (origin: { file: string }) => origin.file !== migration.file;
  if (step.op.op === 'dropTable') return earlier(table.createdBy);
  const column = step.op.target.column ? table.columns.get(step.op.target.column) : undefined;
  return column !== undefined && earlier(column.createdBy);
}

/** The migration that created the table a `down` empties, when it held nothing before this migration's seed (`emptyBefore`), as `Recent` for the messages. */
function emptyUntilSeeded(op: Operation, migration: Migration, project: ProjectModel): { label: string } | null {
  const created = emptyBefore(project, migration, op.target.table, op.target.schema);
  return created ? { label: `\`${created.name}\`` } : null;
}

/**
 * The step stops the rollback when it fails: awaited in sequence, unguarded, unconditional, once. Sequelize's SQLite
 * `removeColumn` rebuilds the table from `describeTable` and drops nothing that is not there, without an error.
 */
function failsForCertain(op: Operation, project: ProjectModel, evenIfExists = false): boolean {
  // `evenIfExists`: the step fails although it tolerates a missing object (IF EXISTS, Sequelize's own): a referenced table.
  const guarded = op.guard !== null && !(evenIfExists && (op.guard.kind === 'idempotent' || op.guard.kind === 'sql-if-exists'));
  if (guarded || op.floating || op.concurrent || op.conditional || op.inLoop) return false;
  const { dialects, known } = projectDialects(project);
  return !(op.op === 'removeColumn' && !op.sql && known && dialects.includes('sqlite'));
}

/** A table named as a lookup of reference values: `...Lookup(s)`, `lookup_...`, `..._lookup(s)`. */
const LOOKUP_TABLE = /(^|[_.-])lookups?([_.-]|$)|[a-z]Lookups?$|^Lookups?[A-Z_]/;

/** The first migration after this one that creates `table` and drops it again in its `down`; null when none does. */
function laterCreatorOf(table: string, migration: Migration, project: ProjectModel): Migration | null {
  return (
    project.migrations.find(
      (m) => m.index > migration.index && m.up.some((u) => u.op === 'createTable' && u.target.table === table) && m.down.some((d) => d.op === 'dropTable' && d.target.table === table),
    ) ?? null
  );
}

/**
 * `removeColumn(a, b)` in `down` where `up` adds column `a` to table `b`, and no migration creates a table `a` nor
 * any model maps one: the arguments are swapped. The `up` step, or null.
 */
function swappedArguments(op: Operation, migration: Migration, project: ProjectModel): Operation | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  const added = migration.up.find((u) => u.op === 'addColumn' && u.target.table === column && u.target.column === table);
  if (!added) return null;
  // A table of that name that some migration creates or some model maps: the call may mean it.
  const tableExists = project.migrations.some((m) => m.up.some((u) => (u.op === 'createTable' && u.target.table === table) || (u.op === 'renameTable' && u.target.newName === table))) || modelsOfTable(project, { table }).length > 0;
  return tableExists ? null : added;
}

/** One finding for a step that ran on several targets: the targets listed (the first three), the words in the plural. */
function merged(d: ReportDescriptor<MessageIds>, targets: string[]): ReportDescriptor<MessageIds> {
  const target = joinTargets(targets, 3);
  const data: Record<string, string> = { ...d.data, target };
  if (data.effect === LOSS_WORDS.dropTable.verb) data.effect = `${LOSS_WORDS.dropTable.list.verb} ${LOSS_WORDS.dropTable.list.many}`;
  return { ...d, messageId: d.messageId === 'dropTable' ? 'dropTables' : d.messageId, data };
}

/**
 * No migration ever makes the column a `down` drops (`columnNeverCreated`), and no model of a table of that name, in
 * any letter case, maps it (none unreadable): a placeholder `down` naming a column that exists nowhere.
 */
function neverCreated({ op }: ReplayedStep, project: ProjectModel): boolean {
  const { table, column } = op.target;
  if (!table || !column || !columnNeverCreated(project.migrations, table, column)) return false;
  const models = (project.models?.models ?? []).filter((m) => m.tableName?.toLowerCase() === table.toLowerCase() || modelsOfTable(project, op.target).includes(m));
  return models.length === 0 || modelsMapColumn(project, op.target, column, models) === false;
}

/**
 * A table made outside the migrations (no migration creates it: its columns
 * are unknown to the replay) whose model is read completely: a column no migration adds to it and the
 * model does not map, implied columns included, is not there either. The
 * model, or null.
 */
function modelWithoutColumn({ op, table }: ReplayedStep, project: ProjectModel): ModelDefinition | null {
  const column = op.target.column;
  if (!column) return null;
  // No table in the replay: no migration creates or alters it. An implicit table carries one uncertainty from the
  // start (no migration creates it); any other is a step the replay could not read.
  if (table && (!table.implicit || table.uncertainty.length > 1 || table.conditional || table.columns.has(column) || table.removedColumns.has(column))) return null;
  const models = modelsOfTable(project, op.target);
  if (models.length === 0 || models.some((m) => m.unresolved || !m.attributesComplete || m.unresolvedOptions.length > 0)) return null;
  const maps = (m: ModelDefinition) => m.attributes.some((a) => a.column === column || a.name === column) || m.impliedColumns.some((c) => c.column === column || c.attribute === column);
  return models.some(maps) ? null : models[0]!;
}

interface EnumRemoval {
  values: string[];
  type: string;
}

/** The type name a pg_enum delete compares `typname` to in double quotes (`typname = "enum_x"`: a column to PostgreSQL). */
function quotedTypeName(op: Operation): string | undefined {
  return op.statement ? /\btypname\s*=\s*"([^"]+)"/i.exec(op.statement)?.[1] : undefined;
}

/** `DELETE FROM pg_enum WHERE enumlabel = 'x' (or IN ('x', 'y')) AND enumtypid = (SELECT oid FROM pg_type WHERE typname = 't')` (or `'t'::regtype`). */
function enumValuesRemoved(op: Operation): EnumRemoval | null {
  if (!op.sql || op.target.table !== 'pg_enum' || !op.statement || !/^\s*delete\b/i.test(op.statement)) return null;
  const literal = String.raw`'((?:[^']|'')*)'`;
  const one = new RegExp(String.raw`\benumlabel\s*=\s*${literal}`, 'i').exec(op.statement)?.[1];
  // `enumlabel IN ('a', 'b')`: several values at once.
  const list = /\benumlabel\s+in\s*\(([^)]*)\)/i.exec(op.statement)?.[1];
  const values = one !== undefined ? [one] : list !== undefined ? [...list.matchAll(new RegExp(literal, 'g'))].map((m) => m[1]!) : [];
  if (values.length === 0) return null;
  const type = /\btypname\s*=\s*'((?:[^']|'')*)'/i.exec(op.statement)?.[1] ?? /'"?((?:[^'"])*)"?'\s*::\s*regtype/i.exec(op.statement)?.[1] ?? '';
  return { values: values.map((v) => v.replace(/''/g, "'")), type };
}

/**
 * A table this migration's `up` creates and its `down` drops, whose name `table` holds whole (`ZALNotifications`,
 * `Notifications_history`), or in the singular with a history word (`ExpenseHistories` for `Expenses`): the table
 * `table` is a companion of (names of four letters or more). Null when there is none.
 */
function companionOf(table: string, migration: Migration): string | null {
  const created = new Set(migration.up.filter((u) => u.op === 'createTable' && u.target.table).map((u) => u.target.table!));
  const dropped = migration.down.filter((d) => d.op === 'dropTable' && d.target.table && created.has(d.target.table)).map((d) => d.target.table!);
  const lower = table.toLowerCase();
  // The whole name with something around it (`ZAL` + `Notifications`), or its singular with a history word
  // (`Expense` + `Histories`, sequelize-temporal's).
  const holds = (t: string): boolean => {
    const name = t.toLowerCase();
    if (lower.includes(name)) return true;
    const stem = name.replace(/s$/, '');
    const at = lower.indexOf(stem);
    return at >= 0 && /^[_-]?(histor(y|ies)|audits?|logs?|versions?|archives?)$/.test(lower.slice(0, at) + lower.slice(at + stem.length));
  };
  return dropped.find((t) => t.length >= 4 && t.toLowerCase() !== lower && holds(t)) ?? null;
}

/** The tables sequelize-cli keeps its records in: the migrations that ran, the seeders that ran (`--seeders-storage sequelize`). */
const RUNNER_TABLE = /^Sequelize(Meta|Data)$/;
/** A "table name" that is a statement: SQL keywords and spaces (`delete from t_user`, `TRUNCATE users`). */
const SQL_AS_NAME = /^\s*(?:delete\s+from|truncate|drop\s+table|update|insert\s+into|alter\s+table|select)\s+\S/i;

/**
 * No other step of any migration, and no model, names the table `op` names: only this step knows it. Other rollbacks
 * that only remove things from it (the same typo in the `down` of the next migration) make nothing exist there, so
 * they do not count.
 */
function namedOnlyBy(project: ProjectModel, op: Operation): boolean {
  const table = op.target.table;
  if ((project.models?.models ?? []).some((m) => m.tableName === table)) return false;
  const removes = (o: Operation) => o.op === 'removeColumn' || o.op === 'removeIndex' || o.op === 'removeConstraint';
  return !project.migrations.some((m) => [...m.up, ...m.down.filter((o) => !removes(o))].some((o) => o !== op && (o.target.table === table || o.target.newName === table)));
}

/**
 * A table no step of any migration names except the `down`s' removals (see `namedOnlyBy`), in a project whose every
 * model names its table and whose every `up` step the replay reads: nothing in the project makes it.
 */
function madeNowhere(project: ProjectModel, op: Operation): boolean {
  if ((project.models?.models ?? []).some((m) => m.unresolved || m.tableName === null)) return false;
  // A step the replay cannot read may be the one that makes it.
  if (projectReplay(project.migrations).schema.opaque.length > 0) return false;
  if (!namedOnlyBy(project, op)) return false;
  // The migrations build on no table made elsewhere: every table an `up` changes, one of them creates (or renames into).
  const made = new Set<string>();
  for (const m of project.migrations) {
    for (const o of m.up) {
      if (o.op === 'createTable' && o.target.table) made.add(o.target.table);
      if (o.op === 'renameTable' && typeof o.target.newName === 'string') made.add(o.target.newName);
    }
  }
  return project.migrations.every((m) => m.up.every((o) => o.target.table === null || made.has(o.target.table)));
}

/** An SQL `UPDATE` of the same table, earlier in the phase, that computes another column from the one `op` drops. */
function movedBefore(op: Operation, phase: readonly Operation[]): Operation | null {
  const column = op.target.column!;
  return phase.slice(0, phase.indexOf(op)).find((u) => u.op === 'update' && u.sql === true && u.target.table === op.target.table && readsColumnIntoAnother(u, column)) ?? null;
}

/** A command as one line of a message: whitespace collapsed, at most 160 characters. */
function oneLine(command: string): string {
  const line = command.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/**
 * A `down` step making a column NOT NULL (a builder changeColumn with `allowNull: false`, raw `SET NOT NULL`) that its
 * migration's `up` made nullable (changeColumn `allowNull: true`, raw `DROP NOT NULL`), with no step of the `down`
 * before it writing the table's rows (a fill of the NULLs): the `up` step, or null.
 */
function restoresNotNullUpDropped(op: Operation, migration: Migration): Operation | null {
  const { table, column } = op.target;
  if (op.op !== 'changeColumn' || op.conditional || !table || !column) return null;
  if (!(op.sql ? op.options.setNotNull === true : op.options.allowNull === false)) return null;
  const loosened = migration.up.find((u) => u.op === 'changeColumn' && !u.conditional && u.target.table === table && u.target.column === column && (u.sql ? u.options.dropNotNull === true : u.options.allowNull === true));
  if (!loosened) return null;
  const before = migration.down.slice(0, migration.down.indexOf(op));
  return before.some((d) => d.target.table === table && (writesRows(d.op) || d.op === 'sql' || d.op === 'unresolved')) ? null : loosened;
}

/**
 * A builder `changeColumn` of `down`, unconditional, that shortens a text column (its type as `up` left it, from the
 * replay) to the length it had before `up` widened it: `up` changed the same column to a longer type. The types and
 * the limit as message text, or null.
 */
function narrowsWhatUpWidened(step: ReplayedStep, migration: Migration): { from: string; to: string; limit: string; line: string } | null {
  const { op } = step;
  if (op.op !== 'changeColumn' || op.sql || op.conditional || typeof op.options.type !== 'string' || !op.target.table || !op.target.column) return null;
  const found = targetColumn(step);
  if (!found || found.table.uncertain || !found.column.type) return null;
  const limit = shortenedLength(postgresType(found.column.type), postgresType(op.options.type));
  if (limit === null) return null;
  const widened = migration.up.find((u) => u.op === 'changeColumn' && !u.conditional && u.target.table === op.target.table && u.target.column === op.target.column);
  if (!widened) return null;
  return { from: `\`${found.column.type}\``, to: `\`${op.options.type}\``, limit: String(limit), line: String(widened.loc.line) };
}

/** The tables the first migration to run creates (unconditionally, by name), when `migration` is it; else none. */
function firstMigrationTables(project: ProjectModel, migration: Migration): string[] {
  if (project.migrations.some((m) => m.index < migration.index)) return [];
  return [...new Set(migration.up.filter((u) => u.op === 'createTable' && u.target.table && !u.conditional).map((u) => u.target.table!))];
}

/** No module of the application writes rows into the table, a seed script aside (`ProjectModel.tableWriters`). */
function onlySeeded(project: ProjectModel, table: string, schema?: string | null): boolean {
  const writer = project.tableWriters?.get(tableKey(schema, table));
  return writer === null || (writer !== undefined && isSeedScript(writer));
}

/** A migration before this one creates the table, or writes rows (or anything migralint cannot read) into it. */
function madeOrWrittenBefore(project: ProjectModel, migration: Migration, table: string): boolean {
  return project.migrations.some((m) => m.index < migration.index && m.up.some((u) => u.target.table === table && (u.op === 'createTable' || u.op === 'renameTable' || writesRows(u.op) || u.op === 'unresolved' || u.op === 'sql')));
}
