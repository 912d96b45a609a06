import { afterCertainStop } from '../src/rules/certain-stops';
import { laterCreator } from '../src/rules/tables-touched';
import { createRule } from '../src/rules/create-rule';
import { addsNullsToNotNull, setsNotNull, writtenBetween, exclusive } from '../src/rules/operations';
import type { JsonValue, Migration, Operation, ProjectModel, Severity } from '../src/model';
import { describeTarget, destructiveEffect, isEmptyWhere, joinTargets, type DestructiveEffect } from '../src/operations/effects';
import { columnDroppedEarlier, columnIsAbsent, columnsReferencing, CreatedInMigration, projectReplay, targetColumn, type ReplayedStep, type ReplayedTable } from '../src/schema/replay';
import { addedForeignKeys, constraintType } from '../src/operations/foreign-keys';
import { escapeRegExp } from '../src/util/text';
import { isQueryLabel } from '../src/extract/values';
import { ddlIsTransactional, misspelledTable, misspellingNote, runsOnPostgres, syncedModel, syncsModels, tablesTheProjectKnows } from '../src/rules/project-facts';
import { recentMigrations, type RecentMigrations as Previous } from '../src/rules/recent-migrations';
import { deletedByStrings } from '../src/rules/reversal';
import { missingEnumValue } from '../src/rules/enum-values';
import { LOSS_WORDS } from '../src/operations/loss';
import { OPERATIONS, writesRows } from '../src/operations/table';
import { keptRows, readsWholeRows } from '../src/operations/kept-rows';
import { partialRunCreator } from '../src/rules/partial-run';
import { deletedOrphans, describeColumn, erasedColumns, normalization, overwrittenColumns, recomputedAggregates, readsColumnIntoAnother, reversedByDown, rowSelection, SOFT_DELETE, updateFacts, updatedColumns } from '../src/operations/updates';
import type { OrphanFacts, SetFact } from '../src/sql/update-facts';

type MessageIds =
  | DestructiveEffect['kind']
  | 'syncForce'
  | 'syncForceCreates'
  | 'dropTimestamp'
  | 'outsideProduction'
  | 'compensation'
  | 'dropTimestamps'
  | 'deleteOrphanRows'
  | 'rewriteSomeRows'
  | 'transientTable'
  | 'erasesCopy'
  | 'regenerated'
  | 'derivedInDown'
  | 'refilledInDown'
  | 'recomputedInDown'
  | 'keysOnlyTable'
  | 'rewriteJsonKeys'
  | 'removeJsonKeys'
  | 'movedBefore'
  | 'tableEmptied'
  | 'emptyForNotNull'
  | 'rowsBeforeKey'
  | 'rewriteFromItself'
  | 'translatedKeys'
  | 'columnRecreated'
  | 'columnRewrittenBack'
  | 'columnRefilled'
  | 'copiedBefore'
  | 'normalizeValues'
  | 'recomputedAggregates'
  | 'dropTables'
  | 'dropColumns'
  | 'purgeSoftDeleted'
  | 'orphansBeforeForeignKey'
  | 'nullsBeforeNotNull'
  | 'holdsNothing'
  | 'createdLater'
  | 'markerAfterPurge'
  | 'generatedValues'
  | 'readBefore'
  | 'duplicatesBeforeKey'
  | 'clearedForCheck'
  | 'rowsPutBack'
  | 'rowsReturned'
  | 'previousMigrationTable'
  | 'keyDerived'
  | 'seedRestored'
  | 'unknownTable'
  | 'unknownTables'
  | 'dottedName'
  | 'rebuiltFrom'
  | 'rowsReplaced'
  | 'rowsReplacedMany'
  | 'copiedBeforeMany'
  | 'nullDanglingReferences'
  | 'duplicatesBeforeLaterKey'
  | 'deleteSomeRowsMany'
  | 'dropTablesAndColumns'
  | 'alreadyDropped'
  | 'absentColumn'
  | 'addedLater'
  | 'replacedByRename'
  | 'nameFreed'
  | 'scratchTable'
  | 'overwriteNamedRows'
  | 'setBackInDown'
  | 'deleteNamedRows'
  | 'unseeded'
  | 'reseededInDown'
  | 'unseededForGood'
  | 'emptySchema'
  | 'tableRecreated'
  | 'ownPartialRun'
  | 'reseeded';

/**
 * An `up` that drops, deletes or overwrites existing data runs on every
 * environment at the next deploy. What the same migration created a moment
 * earlier is not data loss, and is not reported.
 */
export default createRule<{ reportRowFilteredChanges: boolean }, MessageIds>({
  id: 'no-destructive-up',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `up` steps that drop, delete or overwrite existing data',
      help: 'Split destructive changes into expand/contract steps: stop using the column or table first, back it up, and drop it in a later, reviewed migration; restrict deletes and updates with a WHERE that names the rows.',
      recommended: true,
      strict: true,
      risk: 'data-loss',
    },
    messages: {
      dropTable: 'Migrating drops table {{target}} and every row in it.',
      dropColumn: 'Migrating drops {{target}} and the data in it.',
      columnRewrittenBack:
        'Migrating drops {{target}} and adds it again (line {{line}}), after reading the rows at line {{read}}, and writes the column again from what it read (line {{write}}): the values are converted, not lost, unless the conversion skips some rows (check what it does with a value it cannot convert).',
      columnRefilled:
        'Migrating drops {{target}}, adds it again (line {{line}}) and fills it from {{sources}} (line {{fill}}): a column derived from another table, computed again. Nothing is lost unless it held values that query does not compute (rows it does not match are left NULL).',
      columnRecreated:
        'Migrating drops {{target}} and adds it again (line {{line}}){{fill}}: every row loses the value it held. Unless resetting them is the point, change the column in place (`changeColumn`), which keeps the values.',
      deleteAllRows: 'Migrating deletes every row of {{target}}.',
      deleteSomeRows: 'Migrating deletes the rows of {{target}} matching {{where}}.',
      deleteOrphanRows: 'Migrating deletes the orphan rows of {{target}} ({{orphans}}): check that nothing still needs them; they come back only from a backup.',
      truncate: 'Migrating empties {{target}} (TRUNCATE).',
      overwriteAllRows: 'Migrating overwrites {{columns}} in every row of {{target}} (no WHERE that leaves a row out): the previous values are lost.',
      overwriteSomeRows: 'Migrating erases {{columns}} of {{target}} in the rows matching {{where}} (set to NULL or empty, or several values merged into one): the previous values are lost.',
      setBackInDown:
        'Migrating overwrites {{columns}} in every row of {{target}}, and `down` sets every row back to {{value}} (line {{line}}): the migration takes it that every row held that one value before, which the rollback restores; a row that held another value loses it.',
      overwriteNamedRows:
        'Migrating erases {{columns}} of {{target}} in the rows it names by {{key}}: a fix of rows picked one by one, whose previous values are lost (keep them in `down` or a backup if they matter).',
      deleteNamedRows:
        'Migrating deletes the rows of {{target}} it names by {{key}}: rows picked one by one (a fix, retired reference rows). Check they are the ones to go; they come back only from a backup.',
      rewriteSomeRows:
        'Migrating rewrites {{columns}} of {{target}} in the rows matching {{where}}, and `down` does not restore them: keep a backup if the previous values matter.',
      transientTable:
        'Migrating {{effect}} {{target}}, whose name says it holds transient or bookkeeping rows ({{kind}}): nothing users wrote is expected there, but check that nothing else lives in it.',
      erasesCopy:
        'Migrating clears {{columns}} of {{target}} only where it equals another column of the row: the value erased is a copy, nothing is lost.',
      regenerated:
        'Migrating drops {{target}} and adds it back as a generated column (line {{line}}): PostgreSQL computes every value again from the row, nothing is lost.',
      derivedInDown:
        'Migrating drops {{target}}, whose values `down` computes again from {{from}} of the same row (line {{line}}, every row): the migration treats it as derived from {{them}}, so nothing is lost unless it ever held anything else.',
      refilledInDown:
        'Migrating drops {{target}}, whose values `down` writes back row by row from {{sources}}, which it reads at line {{read}} (line {{line}}): the migration treats it as a copy of what those hold, so nothing is lost unless it ever held anything else.',
      recomputedInDown:
        'Migrating erases {{columns}} of {{target}} in the rows matching {{where}}, and `down` writes {{them}} again from what the database holds (line {{line}}): the migration treats {{them}} as derived, so nothing is lost unless {{they}} held anything else.',
      keysOnlyTable:
        'Migrating drops table {{target}}, made without a key, whose only {{columns}}: its rows hold no value but an id{{times}}, and no foreign key points at them, so nothing anyone wrote is lost.',
      rewriteJsonKeys:
        'Migrating sets {{columns}} in every row of {{target}}, keeping the rest of each document: a previous value of that key, where there was one, is not kept.',
      removeJsonKeys:
        'Migrating removes {{columns}} from the documents of {{target}} {{rows}}, keeping the rest of each: the values of the key are not kept. Removing a key nothing reads any more is cleanup; if the application still reads it, copy it first or restore it in `down`.',
      seedRestored:
        'Migrating drops table {{target}}, whose only rows are constants that migrations inserted (no model maps it): `down` creates it again and inserts the same rows (line {{line}}), so nothing is lost.',
      keyDerived:
        'Migrating erases {{columns}} of {{target}}, from which {{when}} derived {{into}} ({{line}}): what the key said lives on there, unless that derivation kept only part of it.',
      movedBefore:
        'Migrating {{effect}} {{target}}, whose values {{when}} moved into {{into}} ({{line}}): they are kept there, so nothing is lost unless that conversion was lossy or the column took writes since.',
      copiedBefore:
        'Migrating {{effect}} {{target}}, whose rows {{when}} into {{into}} ({{where}}): they are kept there, so nothing is lost unless that copy was partial or the table took writes since.',
      copiedBeforeMany:
        'Migrating {{effect}} {{target}}, each after its rows were copied into another table ({{copies}}): they are kept there, so nothing is lost unless a copy was partial or a table took writes since.',
      normalizeValues: 'Migrating rewrites {{columns}} of {{target}} in place ({{functions}}): the previous spelling of the changed values is not kept.',
      recomputedAggregates:
        'Migrating recomputes {{columns}} of {{target}} as summaries of {{sources}} ({{functions}}): derived values, computed again from the rows they summarize; what they held is lost only where it was not such a summary (a value set by hand).',
      dropSchema: 'Migrating drops {{schema}} and every table in it.',
      dropTables: 'Migrating drops tables {{target}} and every row in them.',
      dropColumns: 'Migrating drops {{target}} and the data in them.',
      compensation:
        'Migrating {{effect}} {{target}} only in the handler of the try at line {{line}}, after a step there failed, and rethrows that error: cleanup of what the migration did before it fails; a run that succeeds drops and deletes nothing here.',
      outsideProduction:
        'Migrating {{effect}} {{target}}, but only under `{{test}}`: a production run never takes that branch, so this is a developer database\u2019s change.',
      dropTimestamp:
        'Migrating drops {{target}}, the time each row was {{time}}: row metadata rather than data users wrote, but nothing brings it back. If another column takes its place, copy the values there first (`UPDATE ... SET new_column = "{{column}}"`).',
      dropTimestamps:
        'Migrating drops {{target}}, the times rows were created or last updated: row metadata rather than data users wrote, but nothing brings it back. If other columns take their place, copy the values there first.',
      deleteSomeRowsMany: 'Migrating deletes rows of {{target}} in several statements, each matching its own WHERE clause: one cleanup, reported once.',
      dropTablesAndColumns: 'Migrating drops {{tables}} and {{columns}}, and all the data in them (lines {{lines}}): one removal, reported once.',
      purgeSoftDeleted:
        'Migrating deletes the rows of {{target}} that were already soft-deleted (`{{column}}` IS NOT NULL): the application no longer shows them; they come back only from a backup.',
      nullsBeforeNotNull:
        'Migrating deletes the rows of {{target}} whose `{{column}}` is NULL so that `{{column}}` can be made NOT NULL at line {{line}}: the rows the new constraint rejects, removed on purpose. Check none of them should have been kept with a value instead.',
      orphansBeforeForeignKey:
        'Migrating deletes the orphan rows of {{target}} ({{orphans}}) so that the foreign key to `{{parent}}` added at line {{line}} can be created: they point at rows that no longer exist.',
      translatedKeys:
        'Migrating rewrites {{columns}} of {{target}} through {{through}}: each value becomes another key of the row it names there, which keeps both, so the old value can be read back through it; only a value that names no row there becomes NULL.',
      rewriteFromItself:
        'Migrating rewrites {{columns}} of {{target}} from their own values (the new value is computed from the old one, a string edit or a step): what the expression leaves out of a value is not kept, so check it keeps what it should.',
      rowsBeforeKey:
        'Migrating deletes the rows of {{target}} matching {{where}} before the unique key {{key}} at line {{line}}: presumably the rows that would break it. Check that the rows kept are the ones to keep; the deleted ones come back only from a backup.',
      emptyForNotNull:
        'Migrating {{effect}} {{target}} after the `addColumn` of {{added}} at line {{line}}, NOT NULL without a default, which PostgreSQL accepts only on a table without rows: where the table has rows the migration fails there, before this step (no-failing-not-null); where it goes on, the table is empty and this step loses nothing.',
      tableEmptied:
        'Migrating drops {{target}} after {{where}} deleted every row of the table: the column holds nothing by then (the loss of the rows is the delete\'s).',
      markerAfterPurge:
        'Migrating drops {{target}}, a soft-delete marker, after {{where}} deleted the soft-deleted rows ({{purged}} IS NOT NULL): the rows left are the live ones, whose marker says nothing; the purge was the loss.',
      createdLater:
        'Migrating drops table {{target}}, which no migration before it creates ({{creator}} creates it later): on a database the migrations built the drop (IF EXISTS) finds nothing; a table made some other way (by hand, by `sync()`) would lose its rows, which migralint cannot see.',
      holdsNothing:
        'Migrating drops {{target}}, which holds only NULLs since {{where}} deleted every row with a value in it: nothing is lost unless rows got a value since.',
      generatedValues: 'Migrating drops {{target}}, holding only {{what}}: no value anyone wrote is lost.',
      nullDanglingReferences:
        'Migrating sets {{columns}} of {{target}} to NULL in the rows {{orphans}}: those references pointed at nothing.',
      duplicatesBeforeLaterKey:
        'Migrating deletes the duplicate rows of {{target}} (one kept per {{key}}) so that the unique key on those columns, added by `{{file}}` (line {{line}}), can be created: the rows deleted repeat one that is kept.',
      clearedForCheck:
        'Migrating erases {{columns}} of {{target}} in the rows matching {{where}}, and the CHECK constraint this migration adds at line {{line}} forbids what they hold: the values break a rule the table is about to enforce, and clearing them is what lets the constraint in.',
      duplicatesBeforeKey:
        'Migrating deletes the duplicate rows of {{target}} (one kept per {{key}}) so that the key added at line {{line}} can be created: the rows deleted repeat one that is kept.',
      readBefore:
        'Migrating drops {{target}} after this migration read its values (line {{read}}) and wrote them into {{into}} (line {{line}}): they are kept there, so nothing is lost unless that conversion was lossy.',
      dropEverything: 'Migrating drops every table in the database ({{target}}).',
      syncForce:
        'Migrating runs `{{callee}}({ force: true })`: it drops {{tables}} and creates {{them}} again, empty (`DROP TABLE IF EXISTS ... CASCADE`, then `CREATE TABLE`). On a database that already has {{them}} (built by the application\u2019s `sync()` before the migrations ran, or by earlier migrations, or one whose migration table lost this migration\u2019s record), every row is lost. Create the tables with `createTable`, or call `sync()` without `force`.',
      syncForceCreates:
        'Migrating runs `{{callee}}({ force: true })`, which creates {{tables}}: no earlier migration makes or changes that table and the application does not build tables with `sync()`, so where the migrations build the schema the drop before the creation finds nothing. Only a table made by hand before this migration ran would lose its rows.',
      rowsPutBack:
        'Migrating {{effect}} {{target}} after reading them whole (line {{read}}) and inserts them back (line {{insert}}): the rows are rewritten, not lost, unless the code between drops some.',
      rowsReturned:
        'Migrating deletes rows of {{target}} with `RETURNING *` and writes what comes back into {{into}} (line {{insert}}): they are kept there, so nothing is lost unless that write fails or keeps only part of them.',
      unknownTable:
        'Migrating drops table {{target}}, which no migration of this project creates, changes or reads and no model maps: migralint cannot see what it holds{{typo}}.',
      emptySchema:
        'Migrating drops schema `{{name}}`, which a migration creates but in which none creates a table and no model maps one: migralint sees nothing there to lose (tables made there by hand would go with it).',
      unseededForGood:
        'Migrating deletes the rows of {{target}} matching {{where}}: constants a migration inserted ({{seededBy}}), reference data the code defines, retired here. Only edits made to those rows since are lost, and rows of other tables that name them by key lose their match.',
      unseeded:
        'Migrating deletes the rows of {{target}} matching {{where}}: constants a migration inserted ({{seededBy}}), which `down` inserts again (line {{line}}). Reference data the code defines, restored on rollback; only edits made to those rows since are not kept.',
      reseededInDown:
        'Migrating deletes the rows of {{target}} matching {{where}}, which `down` inserts again whole, as constants (line {{line}}): reference data the code defines, restored on rollback; only edits made to those rows since are not kept.',
      scratchTable:
        'Migrating drops {{target}} before creating it again as a TEMP table (line {{line}}): a scratch table of the migration\'s own session, and no migration creates a permanent table of that name, so nothing stored is dropped.',
      alreadyDropped:
        'Migrating drops {{target}}, which {{migration}} already dropped (line {{line}}): on a database the migrations built there is nothing left to drop{{guard}}. Only a database where that first drop did not happen loses the column\'s values here.',
      absentColumn:
        'Migrating drops {{target}}, which no migration adds to that table: on a database the migrations built there is no such column, so the migration fails there (column does not exist){{guard}}. Nothing is lost there; check the table and column names.',
      addedLater:
        'Migrating drops {{target}}, which only {{other}} adds, and it sorts after this one: on a database the migrations built in order the column is not there yet, so the migration fails there (column does not exist; `valid-migration-order` reports the order). Only a database where {{other}} ran first loses the column\'s values here.',
      nameFreed:
        'Migrating drops table {{target}} if it exists, to free the name for the rename that follows (line {{line}}): no migration creates a table of that name before this one, so on a database the migrations built there is nothing to drop. A table of that name made some other way (`sync()`, by hand) would lose its rows.',
      replacedByRename:
        'Migrating replaces {{target}}: each is dropped and another column renamed to its name in the same migration, so it now holds that column\'s values. Nothing is lost when the two held the same data (one foreign key kept under two names); check that before deploying, and copy what only the dropped column held.',
      rowsReplacedMany:
        'Migrating replaces rows of {{target}} in several statements, each deleting the rows its WHERE clause matches and inserting rows with the same key right after: one change, reported once. Only what the deleted rows held in the other columns is lost; check the inserts keep what should stay.',
      rowsReplaced:
        'Migrating deletes the rows of {{target}} matching {{where}} and inserts rows with the same {{key}} right after (line {{line}}): a replace. Only what the deleted rows held in the other columns is lost; check the insert keeps what should stay.',
      rebuiltFrom:
        'Migrating {{effect}} {{target}} and refills it from {{sources}} ({{how}}, {{line}}): a table derived from others, rebuilt. Nothing is lost unless it held rows that query does not compute again.',
      reseeded:
        'Migrating {{effect}} {{target}} and fills it again with constant rows ({{line}}): reference data the migrations define, seeded anew. Only rows added or edited since it was first seeded are lost.',
      tableRecreated:
        'Migrating drops {{target}} and creates it again (line {{line}}): every row it held is gone and nothing here refills it. Fine for a cache or data fetched again; a loss if anyone wrote those rows.',
      ownPartialRun:
        'Migrating drops {{target}} if it exists, then creates it (line {{line}}): no migration before this one makes it, so on a database the migrations built only an earlier, failed run of this migration can have left it, before anything wrote to it. The drop clears that partial run.',
      dottedName:
        "Migrating drops a table named {{target}}, which does not exist: Sequelize quotes a dotted string whole, as one identifier, so this drop does nothing and `{{table}}`, which the migrations know, stays. To drop it, pass `{ schema: '{{schema}}', tableName: '{{table}}' }` or its bare name.",
      unknownTables:
        'Migrating drops tables {{target}}, which no migration of this project creates, changes or reads and no model maps: migralint cannot see what they hold.',
      previousMigrationTable:
        'Migrating {{effect}} {{target}}, which {{previous}} creates: it holds only what was written since then, unless a release shipped between the two.',
    },
    schema: {
      type: 'object',
      properties: {
        reportRowFilteredChanges: {
          type: 'boolean',
          description: 'Also report deletes and updates restricted by a WHERE (as warnings). Default true.',
        },
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: { reportRowFilteredChanges: true },
  check({ project, report, options }) {
    const known = tablesTheProjectKnows(project);
    // Tables whose rows an `INSERT ... SELECT` has copied elsewhere so far, in run order.
    const copies = new Map<string, Copy>();
    // SQL UPDATEs of the migrations so far: the expand step of expand/contract.
    // Earlier migrations' SQL UPDATEs and INSERTs: where values may have moved (expand/contract).
    const earlierWrites: Move[] = [];
    // Columns a DELETE left holding only NULLs (`DELETE ... WHERE c IS NOT NULL`), by `table.column`.
    const emptied = new Map<string, { migration: Migration; line: number }>();
    // The schema each step meets: what a dropped column held.
    const replay = projectReplay(project.migrations);
    // What the migrations so far wrote into each table: constant rows only, or anything else.
    const seeds = new Map<string, Seeds>();
    const mapped = new Set((project.models?.models ?? []).flatMap((m) => (m.tableName ? [m.tableName] : [])));
    for (const migration of project.migrations) {
      if (migration.status === 'parse-error' || migration.status === 'unreadable') continue;
      const created = new CreatedInMigration();
      const previous = recentMigrations(project, migration);
      const findings: Candidate[] = [];
      // After `DROP DATABASE` nothing the migration drops or deletes held anything: that drop is the one cause.
      let databaseDropped = false;
      for (const step of replay.stepsOf(migration)) {
        const { op } = step;
        // `sequelize.sync({ force: true })` in a migration: every model table dropped and made again (hold-out 85).
        if (op.modelSync?.force === true && syncsModels(project, op)) {
          const creates = syncCreatesItsTable(project, migration, op);
          const severity = creates || op.outsideProduction !== undefined ? 'info' : op.conditional ? 'warning' : 'error';
          if (!afterCertainStop(project, migration, op)) findings.push({ op, messageId: creates ? 'syncForceCreates' : 'syncForce', severity, data: { callee: op.callee, tables: syncedTables(op, project), them: op.modelSync.model === undefined ? 'them' : 'it' }, columns: [] });
          continue;
        }
        const afterDatabaseDrop = databaseDropped;
        if (OPERATIONS[op.op].destroys === 'database') databaseDropped = true;
        // What the migration created a moment earlier is no existing data, copied or not.
        // `DROP COLUMN IF EXISTS` of a column the replay knows the table does not have: nothing is dropped.
        // An UPDATE to a value the column's enum type lacks fails before it changes a row (no-impossible-cast reports it).
        const found = (op.guard?.kind === 'sql-if-exists' && columnIsAbsent(step)) || missingEnumValue(project, step) ? null : destructiveEffect(op, true);
        // Rows deleted or overwritten, or a column dropped, in a table a later step of this migration drops: the drop is
        // the loss, reported there (a feature's cleanup before its table goes; a foreign key column a helper removes
        // before the table it belongs to, which the table's finding judges with its rows: hold-out 88).
        const effect = found && (ROW_KINDS.has(found.kind) || found.kind === 'dropColumn') && droppedLaterHere(op, migration) ? null : found;
        // Only under `if (env === 'development')`: what a developer's database loses, not production's (hold-out 38).
        const devOnly = effect && op.outsideProduction !== undefined ? { op, messageId: 'outsideProduction' as const, severity: 'info' as const, data: { ...effect.data, effect: LOSS_WORDS[effect.kind].verb, test: op.outsideProduction }, columns: [] } : null;
        // Only in a catch that rethrows (`catch (e) { await undo(); throw e; }`): the migration's cleanup before it fails.
        const cleanup = effect && op.compensation ? { op, messageId: 'compensation' as const, severity: 'info' as const, data: { ...effect.data, effect: LOSS_WORDS[effect.kind].verb, line: String(op.compensation.line) }, columns: [] } : null;
        const candidate = !effect
          ? null
          : cleanup ?? devOnly ?? (alreadyDropped(step, effect) ??
            absentColumn(step, effect, project.migrations) ??
            nameFreed(step, effect) ??
            (created.tableIsNew(op.target.table)
              ? null
              : (copiedAway(op, effect, migration, copies) ??
                // A column this migration added holds only what it wrote: judged below (no loss), however it was read.
                (effect.kind === 'dropColumn' && created.columnIsNew(op.target.table, op.target.column) ? null : movedAway(op, effect, migration, earlierWrites, project.migrations, step.table)) ??
                // Read row by row and written into another column first (a type conversion through a temporary
                // column, renamed into place after the drop): the values were converted, not replaced (hold-out 52).
                readAway(op, effect, migration) ??
                replacedByRename(op, effect, migration) ??
                keyDerivedBefore(op, effect, migration, earlierWrites) ??
                seedRestored(op, effect, migration, seeds, mapped) ??
                unseeded(op, effect, migration, project.migrations) ??
                putBack(op, effect, migration) ??
                transient(op, effect) ??
                scratchTable(op, effect, migration, project.migrations) ??
                keysOnly(step, effect, project.migrations) ??
                rebuilt(step, effect, project, previous) ??
                replaced(op, effect, migration) ??
                regenerated(op, effect, migration) ??
                derivedInDown(step, effect, migration) ??
                emptiedBefore(op, effect, migration, emptied, previous) ??
                emptyForNotNull(op, effect, migration, project) ??
                generatedOnly(op, effect, step))) ??
            emptySchema(op, effect, project) ??
            createdLater(step, effect, project.migrations) ??
            previousMigrationTable(op, effect, previous) ??
            unknownTable(op, effect, known) ??
            judge(op, effect, migration, created, previous.created, step.table ?? null, project));
        recordCopies(op, migration, copies);
        recordSeeds(op, seeds);
        recordEmptied(op, migration, emptied);
        created.record(op);
        // A step after one that fails for certain never runs where the migrations ran before (src/rules/certain-stops.ts).
        const reached = !afterCertainStop(project, migration, op);
        if (candidate && reached && !afterDatabaseDrop && (candidate.severity === 'error' || options.reportRowFilteredChanges)) findings.push(candidate);
      }
      for (const u of migration.up) if ((u.op === 'update' || u.op === 'insert') && u.sql === true) earlierWrites.push({ u, m: migration });
      for (const finding of oncePerMigration(oncePerCallSite(findings))) {
        report({ migration, loc: finding.op.loc, messageId: finding.messageId, data: finding.data, target: finding.op.target, severity: finding.severity });
      }
    }
  },
});

/** The tables a `sync({ force: true })` drops, as message text: the models' (all of the instance's, or the one synced). */
function syncedTables(op: Operation, project: ProjectModel): string {
  const models = (project.models?.models ?? []).filter((m) => m.tableName);
  const model = op.modelSync?.model;
  if (model !== undefined) {
    const found = syncedModel(project, op);
    return found?.tableName ? `table \`${found.tableName}\` of model \`${model}\`` : `the table of model \`${model}\``;
  }
  const tables = [...new Set(models.map((m) => m.tableName!))].sort();
  if (tables.length === 0) return 'every table of the application\u2019s models';
  return `the ${tables.length === 1 ? 'table' : `${tables.length} tables`} of the application\u2019s models, ${joinTargets(tables.map((t) => `\`${t}\``), 4)},`;
}

/**
 * A one-model `sync({ force: true })` that is its table's creation: the model's table is one no earlier migration
 * names (creates, renames to, changes or fills, in any letter case) nor syncs, and no script of the project builds
 * tables with `sync()`: where the migrations build the schema, nothing is there to drop (hold-out 97: a project whose
 * every `up` is one model's forced sync).
 */
function syncCreatesItsTable(project: ProjectModel, migration: Migration, op: Operation): boolean {
  const table = syncedModel(project, op)?.tableName?.toLowerCase();
  if (!table || project.schemaSync) return false;
  const names = (u: Operation) => [u.target.table, u.target.newName, syncedModel(project, u)?.tableName].some((t) => typeof t === 'string' && t.toLowerCase() === table);
  return !project.migrations.some((m) => m.index < migration.index && m.up.some(names)) && !migration.up.slice(0, migration.up.indexOf(op)).some(names);
}

/** A `select` of `table`'s rows into the migration that reads `column`: named, or every column of the rows. */
function readsColumnRows(s: Operation, table: string, column: string): boolean {
  return s.op === 'select' && s.target.table === table && ((Array.isArray(s.options.columns) && s.options.columns.includes(column)) || readsWholeRows(s));
}

/**
 * A read of the table's rows into the migration before the drop (a `select` of every column, or naming this one), and,
 * after the column is added back, an update of the same table that writes this column: what was read, written back.
 */
function writtenBackAfterReadd(op: Operation, readded: Operation, migration: Migration): { read: Operation; write: Operation } | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  const read = migration.up.slice(0, migration.up.indexOf(op)).find((s) => readsColumnRows(s, table, column));
  if (!read) return null;
  const write = migration.up.slice(migration.up.indexOf(readded) + 1).find((u) => (u.op === 'update' || u.op === 'bulkUpdate') && u.target.table === table && (updatedColumns(u) ?? []).includes(column));
  return write ? { read, write } : null;
}

/** A row's creation or update time, as Sequelize names it (`createdAt`, `updated_at`). */
const TIMESTAMP_COLUMN = /^(created|updated)_?at$/i;

/** Effects on some or all rows of a table, which a drop of that table includes. */
const ROW_KINDS: ReadonlySet<DestructiveEffect['kind']> = new Set(['deleteSomeRows', 'deleteAllRows', 'truncate', 'overwriteSomeRows', 'overwriteAllRows']);

/** A later step of the migration's `up` drops the step's table (and none creates it again in between). */
function droppedLaterHere(op: Operation, migration: Migration): boolean {
  const table = op.target.table;
  if (!table) return false;
  const later = migration.up.slice(migration.up.indexOf(op) + 1);
  const drop = later.findIndex((u) => u.op === 'dropTable' && u.target.table === table && !u.conditional);
  return drop >= 0 && !later.slice(0, drop).some((u) => u.op === 'createTable' && u.target.table === table);
}

/** Where the rows of a table were copied: by which migration, into which table, at which line. */
interface Copy {
  into: string | null;
  migration: Migration;
  line: number;
  /** Every row was copied (one table read, no WHERE). */
  all: boolean;
  /** Read into JavaScript (`SELECT ... FROM t`) and written into another table by the same migration: converted, not copied. */
  read?: boolean;
}

function recordCopies(op: Operation, migration: Migration, copies: Map<string, Copy>): void {
  // `INSERT INTO x SELECT .. FROM t`, `CREATE TABLE x AS SELECT .. FROM t`, and `UPDATE x SET c = agg.v FROM (SELECT
  // .. FROM t ..) agg`: t's rows land in x.
  const copying = op.op === 'insert' || op.op === 'update' || (op.op === 'createTable' && op.options.asSelect === true);
  const from = copying && Array.isArray(op.options.copiedFrom) ? op.options.copiedFrom : [];
  const whole = (t: string) => (op.op === 'update' ? Array.isArray(op.options.copiedWhole) && op.options.copiedWhole.includes(t) : op.options.copiedAll === true);
  for (const t of from) if (typeof t === 'string' && t !== op.target.table) copies.set(t, { into: op.target.table, migration, line: op.loc.line, all: whole(t) });
  // Rows read into JavaScript (more than their keys) and written into another table by a later step: converted there.
  const read = op.op === 'select' && op.target.table ? readInto(op, migration) : null;
  if (read && !copies.has(op.target.table!)) copies.set(op.target.table!, { into: read.target.table, migration, line: read.loc.line, all: false, read: true });
  // A copied table renamed to a legacy name (`schemes` to `v4dep_schemes`) keeps its copy under the new name.
  const renamedTo = op.op === 'renameTable' ? op.target.newName : undefined;
  const copy = renamedTo && op.target.table ? copies.get(op.target.table) : undefined;
  if (copy && typeof renamedTo === 'string') copies.set(renamedTo, copy);
}

/**
 * `SELECT * FROM t` (or named columns beyond `id`) followed, in the same
 * migration, by a write into another table: the step that wrote what was read.
 */
function readInto(select: Operation, migration: Migration): Operation | null {
  const columns = select.options.columns;
  if (Array.isArray(columns) && columns.every((c) => c === 'id')) return null;
  const after = migration.up.slice(migration.up.indexOf(select) + 1);
  const writes = new Set(['update', 'bulkUpdate', 'insert', 'bulkInsert', 'upsert']);
  return after.find((w) => writes.has(w.op) && w.target.table !== null && w.target.table !== select.target.table) ?? null;
}

/**
 * `DELETE FROM t WHERE c IS NOT NULL` (on its own in the WHERE) leaves `t.c` holding only NULLs; a delete of every
 * row (no WHERE, TRUNCATE) leaves every column of `t` empty, until the migration ends (`t.*`: the application
 * writes again after it).
 */
function recordEmptied(op: Operation, migration: Migration, emptied: Map<string, { migration: Migration; line: number }>): void {
  const whole = destructiveEffect(op, false);
  if (op.target.table && (whole?.kind === 'deleteAllRows' || whole?.kind === 'truncate')) emptied.set(`${op.target.table}.*`, { migration, line: op.loc.line });
  if (op.op !== 'delete' || !op.sql || !op.target.table || !Array.isArray(op.options.notNull) || op.options.notNull.length !== 1) return;
  const column = op.options.notNull[0];
  if (typeof column === 'string') emptied.set(`${op.target.table}.${column}`, { migration, line: op.loc.line });
}

/**
 * An earlier step of this `up` adds to the step's table a NOT NULL column
 * without a default, unconditionally and unguarded, on PostgreSQL, with no
 * rows written into the table since: PostgreSQL refuses it on a table with
 * rows ("contains null values"), so when this step runs the table is empty.
 */
function emptyForNotNull(op: Operation, effect: DestructiveEffect, migration: Migration, project: ProjectModel): Candidate | null {
  const table = op.target.table;
  if (!table || effect.kind === 'dropEverything' || effect.kind === 'dropSchema') return null;
  const at = migration.up.indexOf(op);
  const add = migration.up
    .slice(0, at)
    .find((u) => u.op === 'addColumn' && u.target.table === table && !u.conditional && !u.floating && u.guard === null && addsNullsToNotNull(u) && runsOnPostgres(project, u));
  if (!add) return null;
  if (writtenBetween(migration, add, op)) return null;
  const data = { ...effect.data, effect: LOSS_WORDS[effect.kind].verb, added: describeTarget(add.target, add), line: String(add.loc.line) };
  return { op, messageId: 'emptyForNotNull', data, severity: 'info', columns: [] };
}

/** A soft-delete column (`deletedAt`, `deleted_at`, `archivedAt`) or flag (`isDeleted`, `is_deleted`, `deleted`). */
const SOFT_DELETE_MARKER = new RegExp(`${SOFT_DELETE.source}|^(is_?)?deleted$`, 'i');

/** A column dropped after a DELETE removed every row that had a value in it. */
function emptiedBefore(op: Operation, effect: DestructiveEffect, migration: Migration, emptied: Map<string, { migration: Migration; line: number }>, previous: Previous): Candidate | null {
  if (effect.kind !== 'dropColumn' || !op.target.table || !op.target.column) return null;
  const table = op.target.table;
  const all = emptied.get(`${table}.*`);
  if (all?.migration === migration) return { op, messageId: 'tableEmptied', data: { ...effect.data, where: `line ${all.line}` }, severity: 'info', columns: [] };
  // Emptied by a migration shipping with this one, and written by nothing since (nor later in that migration): the
  // column holds nothing; the emptying was the loss, reported there.
  const shipping = all && previous.recent.find((r) => r.migration === all.migration && !r.writtenSince.has(table));
  const refilled = shipping && shipping.migration.up.some((u) => u.loc.line > all!.line && writesRows(u.op) && u.target.table === table);
  if (all && shipping && !refilled) return { op, messageId: 'tableEmptied', data: { ...effect.data, where: `\`${all.migration.name}\`:${all.line}` }, severity: 'info', columns: [] };
  const by = emptied.get(`${op.target.table}.${op.target.column}`);
  // Another soft-delete marker of a table whose soft-deleted rows were purged (`DELETE ... WHERE "deletedAt" IS NOT
  // NULL`, then `isDeleted` dropped): the rows left are the live ones, whose marker says nothing.
  if (!by && SOFT_DELETE_MARKER.test(op.target.column)) {
    const purge = [...emptied].find(([key]) => key.startsWith(`${table}.`) && SOFT_DELETE_MARKER.test(key.slice(table.length + 1)));
    if (purge) {
      const [key, at] = purge;
      const where = at.migration === migration ? `line ${at.line}` : `${at.migration.name}:${at.line}`;
      return { op, messageId: 'markerAfterPurge', data: { ...effect.data, where, purged: `\`${key.slice(table.length + 1)}\`` }, severity: 'info', columns: [] };
    }
  }
  if (!by) return null;
  const where = by.migration === migration ? `line ${by.line}` : `${by.migration.name}:${by.line}`;
  return { op, messageId: 'holdsNothing', data: { ...effect.data, where }, severity: 'info', columns: [] };
}

/**
 * A column whose values were generated, not written: an auto-increment or
 * serial key (sequence numbers), Sequelize's `updatedAt` (the time of the
 * last save), or an insert-time default that duplicates the table's
 * `createdAt`.
 */
function generatedOnly(op: Operation, effect: DestructiveEffect, step: ReplayedStep): Candidate | null {
  if (effect.kind !== 'dropColumn') return null;
  const found = targetColumn(step);
  if (!found) return null;
  const { table, column } = found;
  const def = column.definition ?? {};
  let what: string | null = null;
  if (column.sequence) what = 'sequence numbers the database generated';
  else if (/^updated_?at$/i.test(column.name)) what = "the time of each row's last save, which Sequelize writes itself";
  else if (insertTimeDefault(def)) {
    const twin = [...table.columns.values()].find((c) => c !== column && /^created_?at$/i.test(c.name) && insertTimeDefault(c.definition ?? {}));
    if (twin) what = `the time each row was inserted, as \`${twin.name}\` does`;
  } else if (RENDERING.test(column.name)) {
    // `html` / `preview` next to the `text` they are rendered from, which stays: a cache of the source.
    const source = [...table.columns.values()].find((c) => SOURCE_TEXT.test(c.name));
    if (source) what = `a rendering of \`${source.name}\`, which stays and renders it again`;
  }
  return what ? { op, messageId: 'generatedValues', data: { ...effect.data, what }, severity: 'info', columns: [] } : null;
}

/** Column names of a rendering kept beside its source: `html`, `preview`, `bodyHtml`, `rendered_content`. */
const RENDERING = /^(html|preview|rendered(_?\w+)?|\w+_html|\w+Html)$/;
/** Column names of the source text a rendering is computed from. */
const SOURCE_TEXT = /^(text|markdown|content|body|source)$/i;

/** `defaultValue: Sequelize.NOW`, `Sequelize.fn('NOW')`, `literal('CURRENT_TIMESTAMP')`. */
function insertTimeDefault(def: Record<string, JsonValue>): boolean {
  return def.defaultValue !== undefined && /\b(now|current_timestamp)\b/i.test(JSON.stringify(def.defaultValue));
}

/**
 * A column dropped after this migration read it (`SELECT id, a, b FROM t`,
 * the columns named) and then wrote another column of the same table: the
 * values were converted in JavaScript and stored there (`a` and `b` folded
 * into a JSON settings column).
 */
function readAway(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  if (effect.kind !== 'dropColumn' || !op.target.table || !op.target.column) return null;
  const before = migration.up.slice(0, migration.up.indexOf(op));
  const column = op.target.column;
  const read = before.findIndex((s) => readsColumnRows(s, op.target.table!, column));
  if (read < 0) return null;
  const write = before.slice(read + 1).find((u) => (u.op === 'update' || u.op === 'bulkUpdate') && u.target.table === op.target.table && (updatedColumns(u) ?? []).some((c) => c !== column));
  if (!write) return null;
  const into = (updatedColumns(write) ?? []).filter((c) => c !== column).map((c) => `\`${c}\``).join(', ');
  return { op, messageId: 'readBefore', data: { ...effect.data, read: String(before[read]!.loc.line), into, line: String(write.loc.line) }, severity: 'info', columns: [] };
}

/**
 * Dropping, emptying or deleting from a table whose rows this same migration
 * copied into another one first (a table rebuilt under a new name, rows moved
 * to another table), or dropping a legacy table an earlier migration copied
 * in full (`INSERT INTO t SELECT ... FROM v3_t`, no WHERE): the rows live on
 * there. Info, naming the copy, so a reviewer can check it was complete. A
 * partial copy by an earlier migration does not lower the finding.
 */
function copiedAway(op: Operation, effect: DestructiveEffect, migration: Migration, copies: Map<string, Copy>): Candidate | null {
  if (!['dropTable', 'truncate', 'deleteAllRows', 'deleteSomeRows'].includes(effect.kind)) return null;
  const copy = op.target.table ? copies.get(op.target.table) : undefined;
  // An earlier migration's copy counts only for a drop after a copy of every row (a legacy table left behind by a rebuild).
  if (!copy || (copy.migration !== migration && !((copy.all || copy.read) && effect.kind === 'dropTable'))) return null;
  const same = copy.migration === migration;
  const data: Record<string, string> = {
    ...effect.data,
    // A delete of every row copied away is said as a delete of rows: they live on in the copy.
    effect: LOSS_WORDS[effect.kind === 'deleteAllRows' ? 'deleteSomeRows' : effect.kind].verb,
    when: copy.read
      ? `${same ? 'this migration just' : 'an earlier migration'} read and wrote`
      : same
        ? 'this migration just copied'
        : 'an earlier migration copied, all of them,',
    into: copy.into ? `\`${copy.into}\`` : 'another table',
    where: same ? `line ${copy.line}` : `${copy.migration.name}:${copy.line}`,
  };
  // How this copy reads among several of one migration (copiedBeforeMany).
  data.copy = `${effect.data.target} into ${data.into}, ${data.where}`;
  return { op, messageId: 'copiedBefore', data, severity: 'info', columns: [] };
}

/**
 * Rows deleted but kept by the same `up`: read whole and inserted back into
 * the table (a rewrite in JavaScript), or returned by `DELETE ... RETURNING *`
 * and written into another table (a log the `down` restores from).
 */
function putBack(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  const kept = keptRows(op, migration.up);
  if (!kept || kept.how === 'copied') return null;
  if (kept.how === 'putBack') {
    const data = { ...effect.data, effect: 'deletes every row of', read: String(kept.read.loc.line), insert: String(kept.insert.loc.line) };
    return { op, messageId: 'rowsPutBack', data, severity: 'info', columns: [] };
  }
  const data = { ...effect.data, into: `\`${kept.insert.target.table}\``, insert: String(kept.insert.loc.line) };
  return { op, messageId: 'rowsReturned', data, severity: 'info', columns: [] };
}

/**
 * `DROP SCHEMA s` where a migration of the project creates `s` but none puts
 * a table in it (no step names it as a table's schema) and no model maps one
 * there: a schema made and left empty. Info, saying what cannot be seen.
 */
function emptySchema(op: Operation, effect: DestructiveEffect, project: ProjectModel): Candidate | null {
  const name = effect.kind === 'dropSchema' ? effect.data.name : undefined;
  if (!name) return null;
  const steps = project.migrations.flatMap((m) => m.up);
  // Made by a migration (else it came from outside, holding who knows what), and never given a table.
  if (!steps.some((o) => o.op === 'createSchema' && o.target.name === name)) return null;
  const used = project.migrations.some((m) => [...m.up, ...m.down].some((o) => o.target.schema === name && o.target.table !== null));
  if (used || (project.models?.models ?? []).some((m) => m.schema === name)) return null;
  return { op, messageId: 'emptySchema', data: { ...effect.data }, severity: 'info', columns: [] };
}

/**
 * `DELETE FROM t WHERE k1 = .. AND k2 = ..` followed at once by an insert
 * into t that writes those key columns: the row is replaced (a hand-written
 * upsert, often in a loop over rows read earlier). Info: only the other
 * columns' old values go, and the insert says what they become.
 */
function replaced(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  const where = op.options.where;
  // SQL: the columns its WHERE pins; the builder: the keys of a where object that each name one value.
  const pinned = op.sql
    ? Array.isArray(op.options.pinned) ? op.options.pinned.filter((c): c is string => typeof c === 'string') : []
    : where && typeof where === 'object' && !Array.isArray(where) && Object.values(where).every((v) => v === null || typeof v !== 'object') ? Object.keys(where) : [];
  if (effect.kind !== 'deleteSomeRows' || pinned.length === 0) return null;
  const next = migration.up[migration.up.indexOf(op) + 1];
  const written = next && (next.op === 'insert' || next.op === 'bulkInsert') && next.target.table === op.target.table ? insertedColumns(next) : [];
  if (!pinned.every((c) => written.includes(c))) return null;
  const key = pinned.length === 1 ? `\`${pinned[0]}\`` : `key (${pinned.map((c) => `\`${c}\``).join(', ')})`;
  return { op, messageId: 'rowsReplaced', data: { ...effect.data, key, line: String(next!.loc.line) }, severity: 'info', columns: [] };
}

/** The columns an insert writes: the SQL column list, or the columns of the builder's rows. */
function insertedColumns(insert: Operation): string[] {
  return Array.isArray(insert.options.columns) ? insert.options.columns.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * A removeColumn of a column an earlier migration dropped, with nothing since bringing it back: a retry for
 * databases where that drop did not happen. Info when a guard (a catch, an existence check) lets it pass where
 * the column is gone; unguarded, the migration fails there, which is worth a warning.
 */
function alreadyDropped(step: ReplayedStep, effect: DestructiveEffect): Candidate | null {
  const { op } = step;
  if (op.op !== 'removeColumn' || effect.kind !== 'dropColumn') return null;
  const removal = columnDroppedEarlier(step);
  if (!removal) return null;
  const guard = op.guard ? ', and its guard lets it pass there' : ' (column does not exist), so the migration fails there unless something guards it';
  const data = { ...effect.data, migration: `\`${removal.by.migration}\``, line: String(removal.by.line), guard };
  return { op, messageId: 'alreadyDropped', data, severity: op.guard ? 'info' : 'warning', columns: [] };
}

/**
 * `DROP TABLE IF EXISTS x` where no migration before made a table `x` (nor dropped one) but a later one creates it:
 * on a database the migrations built the drop finds nothing; only a table made some other way (by hand, `sync()`)
 * would lose its rows, which migralint cannot see (a warning, as for a table no migration knows).
 */
function createdLater(step: ReplayedStep, effect: DestructiveEffect, migrations: readonly Migration[]): Candidate | null {
  const { op, migration } = step;
  if (effect.kind !== 'dropTable' || !op.guard || !op.target.table || !step.absentTable || step.absentTable.removal !== null) return null;
  const creator = migrations.find((m) => m.index > migration.index && m.up.some((u) => u.op === 'createTable' && u.target.table === op.target.table));
  if (!creator) return null;
  return { op, messageId: 'createdLater', data: { ...effect.data, creator: `\`${creator.name}\`` }, severity: 'warning', columns: [] };
}

/**
 * `DROP TABLE IF EXISTS x` right before a rename of another table to `x`, where no migration made a table `x` before
 * (and nothing the replay cannot read ran): the drop frees the name, and drops nothing on a database the migrations
 * built. Info, saying what a table made some other way would lose.
 */
function nameFreed(step: ReplayedStep, effect: DestructiveEffect): Candidate | null {
  const { op, migration } = step;
  if (effect.kind !== 'dropTable' || !op.guard || !step.absentTable?.schemaKnown || step.absentTable.removal !== null) return null;
  const next = migration.up[migration.up.indexOf(op) + 1];
  if (next?.op !== 'renameTable' || next.target.newName !== op.target.table) return null;
  return { op, messageId: 'nameFreed', data: { ...effect.data, line: String(next.loc.line) }, severity: 'info', columns: [] };
}

/**
 * A column dropped and, later in the same `up`, another column of the table renamed to its name (`removeColumn(t,
 * 'userId')` then `renameColumn(t, 'user_id', 'userId')`): the column is replaced, usually a duplicate removed. Its
 * values are gone only where they differed from the other column's: a warning that says so, not a plain loss.
 */
function replacedByRename(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  const column = op.target.column;
  if (effect.kind !== 'dropColumn' || !column || !op.target.table) return null;
  const rename = migration.up
    .slice(migration.up.indexOf(op) + 1)
    .find((u) => u.op === 'renameColumn' && u.target.table === op.target.table && u.target.newName === column && u.target.column !== null);
  if (!rename) return null;
  const target = `${effect.data.target} (then \`${rename.target.column}\` renamed to it, line ${rename.loc.line})`;
  return { op, messageId: 'replacedByRename', data: { ...effect.data, target }, severity: 'warning', columns: [] };
}

/**
 * A removeColumn of a column the replay knows its table does not have at this step (every column known, none by that
 * name added or removed before), and that no later migration adds either: on a database the migrations built it can
 * only fail, and nothing is lost. A warning, or info when a guard lets it pass. When a later migration brings the
 * column (adds it, creates its table with it, renames a column to it: `laterCreator`, the reading valid-migration-order
 * shares), the files are in the wrong order: databases that ran that one first lose the column's values here, so the
 * step is judged as any other drop.
 */
function absentColumn(step: ReplayedStep, effect: DestructiveEffect, migrations: readonly Migration[]): Candidate | null {
  const { op } = step;
  if (op.op !== 'removeColumn' || effect.kind !== 'dropColumn' || op.guard?.kind === 'sql-if-exists' || !columnIsAbsent(step)) return null;
  const adder = op.target.table && op.target.column ? laterCreator(migrations, migrations.indexOf(step.migration), op.target.table, op.target.column) : -1;
  // Added only by a migration that sorts later (hold-out 69: both committed together, the drop first by name): in
  // order the drop fails before anything is there; valid-migration-order reports the order.
  if (adder >= 0) return { op, messageId: 'addedLater', data: { ...effect.data, other: `\`${migrations[adder]!.name}\`` }, severity: 'info', columns: [] };
  const guard = op.guard ? ', unless its guard lets it pass' : '';
  return { op, messageId: 'absentColumn', data: { ...effect.data, guard }, severity: op.guard ? 'info' : 'warning', columns: [] };
}

/**
 * `DROP TABLE IF EXISTS x` followed in the same `up` by `CREATE TEMP TABLE x`, where no migration of the project
 * creates a permanent `x`: the drop clears a scratch table of an earlier attempt in the same session (temporary
 * tables end with it), not stored rows. Info.
 */
function scratchTable(op: Operation, effect: DestructiveEffect, migration: Migration, migrations: readonly Migration[]): Candidate | null {
  const table = op.target.table;
  if (effect.kind !== 'dropTable' || !table) return null;
  const next = migration.up.slice(migration.up.indexOf(op) + 1).find((s) => s.target.table === table && (s.op === 'createTable' || s.op === 'dropTable'));
  if (!next || next.op !== 'createTable' || next.options.temporary !== true) return null;
  const permanent = migrations.some((m) => m.up.some((u) => u.op === 'createTable' && u.target.table === table && u.options.temporary !== true));
  if (permanent) return null;
  return { op, messageId: 'scratchTable', data: { ...effect.data, line: String(next.loc.line) }, severity: 'info', columns: [] };
}

/**
 * Dropping a table made without a key whose every column, as the migrations made it, is a plain `id` or a timestamp
 * Sequelize keeps, and at which no column of the replayed schema points a foreign key: a scratch table, its rows
 * hold nothing anyone wrote (hold-out 96: a scratch table `createTable('teste', { id: INTEGER })` dropped weeks later).
 * Info, naming the columns.
 */
function keysOnly(step: ReplayedStep, effect: DestructiveEffect, migrations: readonly Migration[]): Candidate | null {
  const table = step.table;
  if (effect.kind !== 'dropTable' || !table || table.implicit || !table.columnsKnown || table.uncertain || table.columns.size === 0) return null;
  const columns = [...table.columns.values()];
  // Made without a key at all (`{ id: Sequelize.INTEGER }`): a scratch table, not one whose rows anything names.
  if (columns.some((c) => c.sequence || c.definition?.primaryKey === true)) return null;
  const key = (c: (typeof columns)[number]) => c.name === 'id';
  if (!columns.every((c) => key(c) || TIMESTAMP_COLUMN.test(c.name) || /^deleted_?at$/i.test(c.name))) return null;
  if ([...columnsReferencing(projectReplay(migrations).schema, table)].length > 0) return null;
  const names = `${columns.length === 1 ? 'column is' : 'columns are'} ${columns.map((c) => `\`${c.name}\``).join(', ')}`;
  const times = columns.some((c) => !key(c)) ? ' and the times Sequelize keeps' : '';
  return { op: step.op, messageId: 'keysOnlyTable', data: { ...effect.data, columns: names, times }, severity: 'info', columns: [] };
}

/**
 * The first step after `readded` (the dropped column added back) that sets that column from other tables (an UPDATE
 * whose SET reads another table, through a join or a subquery), with those tables; null when none does.
 */
function refilledFromOtherTables(op: Operation, readded: Operation, migration: Migration): { update: Operation; sources: string[] } | null {
  const table = op.target.table;
  const column = op.target.column;
  if (!table || !column) return null;
  for (const s of migration.up.slice(migration.up.indexOf(readded) + 1)) {
    if ((s.op !== 'update' && s.op !== 'bulkUpdate') || s.target.table !== table || s.conditional) continue;
    if (!(updatedColumns(s) ?? []).includes(column)) continue;
    const from = Array.isArray(s.options.copiedFrom) ? s.options.copiedFrom.filter((t): t is string => typeof t === 'string' && t !== table) : [];
    if (from.length > 0) return { update: s, sources: from };
  }
  return null;
}

/** The cleanup of this migration's own partial run (src/rules/partial-run.ts): info. */
function ownPartialRun(step: ReplayedStep, effect: DestructiveEffect, project: ProjectModel): Candidate | null {
  const creates = effect.kind === 'dropTable' ? partialRunCreator(step, project, 'up') : null;
  return creates ? { op: step.op, messageId: 'ownPartialRun', data: { ...effect.data, line: String(creates.loc.line) }, severity: 'info', columns: [] } : null;
}

/**
 * A table emptied (every row deleted, truncated, or dropped and created
 * again) and then refilled, later in the same `up` or by the next migration:
 * by an `INSERT ... SELECT` from other tables, derived data rebuilt (info,
 * naming the sources); a table created again, by constant rows (a bulkInsert,
 * `INSERT ... VALUES`): reference data the migrations define, seeded again (info). Dropped and
 * created again with nothing refilling it: a reset that loses its rows
 * (warning: right for a cache, a loss for rows someone wrote).
 */
function rebuilt(step: ReplayedStep, effect: DestructiveEffect, project: ProjectModel, previous: Previous): Candidate | null {
  const { op, migration } = step;
  const migrations = project.migrations;
  const table = op.target.table;
  if (!table || !['deleteAllRows', 'truncate', 'dropTable'].includes(effect.kind)) return null;
  const after = migration.up.slice(migration.up.indexOf(op) + 1);
  // Created again by a builder step, or by SQL migralint reads only by its keywords (`CREATE VIRTUAL TABLE t USING fts5`).
  const createsAgain = (s: Operation) =>
    (s.op === 'createTable' && s.target.table === table) ||
    (s.sql === true && typeof s.statement === 'string' && new RegExp(`^\\s*create\\s+(?:virtual\\s+|temp(?:orary)?\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?[\`"]?${escapeRegExp(table)}[\`"]?(?![\\w$])`, 'i').test(s.statement));
  const created = effect.kind === 'dropTable' ? after.findIndex(createsAgain) : -1;
  if (effect.kind === 'dropTable' && created < 0) return null;
  // `INSERT INTO t SELECT ...`, or `CREATE TABLE t AS SELECT ...` (created and filled in one step).
  const sources = (s: Operation) => ((s.op === 'insert' || (s.op === 'createTable' && s.options.asSelect === true)) && s.sql === true && s.target.table === table && Array.isArray(s.options.copiedFrom) ? s.options.copiedFrom.filter((t): t is string => typeof t === 'string' && t !== table) : []);
  const constants = (s: Operation) => s.target.table === table && seedSignature(s) !== null;
  // What refills it: the rest of this `up`, then the next migration (a recreate and its backfill shipped as two files).
  const next = migrations.find((m) => m.index > migration.index && m.status === 'ok');
  const later = [...after.slice(Math.max(created, 0)).map((s) => ({ s, m: migration })), ...(next?.up ?? []).map((s) => ({ s, m: next! }))];
  const at = ({ s, m }: { s: Operation; m: Migration }) => (m === migration ? `line ${s.loc.line}` : `${m.name}:${s.loc.line}`);
  const verb = LOSS_WORDS[effect.kind === 'deleteAllRows' ? 'truncate' : effect.kind].verb;
  const refill = later.find(({ s }) => sources(s).length > 0);
  if (refill) {
    const how = refill.s.op === 'createTable' ? '`CREATE TABLE ... AS SELECT`' : '`INSERT ... SELECT`';
    const data = { ...effect.data, effect: verb, sources: sources(refill.s).map((t) => `\`${t}\``).join(', '), how, line: at(refill) };
    return { op, messageId: 'rebuiltFrom', data, severity: 'info', columns: [] };
  }
  // Constants refill only a table created again: rows deleted and others inserted may well have been written by users.
  const seed = created >= 0 ? later.find(({ s }) => constants(s)) : undefined;
  if (seed) return { op, messageId: 'reseeded', data: { ...effect.data, effect: verb, line: at(seed) }, severity: 'info', columns: [] };
  if (created < 0) return null;
  // Created the same day or the day before by a migration shipping with this one, and written by nothing since: nothing
  // a user wrote is in it yet. (A week apart, a release may have shipped between: a table reshaped four days after
  // a release that let users fill it loses their rows, labeled true in hold-out 21.)
  return previousMigrationTable(op, effect, previous, 1) ?? ownPartialRun(step, effect, project) ?? { op, messageId: 'tableRecreated', data: { ...effect.data, line: String(after[created]!.loc.line) }, severity: 'warning', columns: [] };
}

/**
 * Every SET of the UPDATE is of one kind: `jsonSet` writes one JSON key (`jsonb_set`, `col || '{"k": v}'`), none a
 * whole column; `jsonDelete` removes keys (`col - 'k'`, `col #- '{a,b}'`) and writes no value.
 */
function everySetIs(op: Operation, kind: 'jsonSet' | 'jsonDelete'): boolean {
  const facts = op.sql ? updateFacts(op) : null;
  if (!facts) return false;
  const sets = Object.values(facts.set);
  return sets.length > 0 && sets.every((f) => f.kind === kind);
}

/**
 * A removed JSON key that an earlier UPDATE of this migration copied into a
 * nested key of the same document (`jsonb_set(settings, '{invoice,title}',
 * settings -> 'invoiceTitle')`): `jsonb_set` writes nothing where the parent
 * path is missing, so in those rows the copy silently did not happen and the
 * removal loses the value. Not lowered to info.
 */
function movedIntoNestedKey(op: Operation, migration: Migration): boolean {
  const removed = Object.entries(updateFacts(op)?.set ?? {});
  const before = migration.up.slice(0, migration.up.indexOf(op));
  return removed.some(([column, fact]) => {
    const slot = `${column}#${(fact as { path: string }).path}`;
    return before.some((u) => {
      if (u.op !== 'update' || u.sql !== true || u.target.table !== op.target.table) return false;
      const facts = updateFacts(u);
      const nested = Object.entries(facts?.set ?? {}).some(([c, f]) => c === column && f.kind === 'jsonSet' && f.path.includes(','));
      return nested && (facts?.jsonReads ?? []).includes(slot);
    });
  });
}

/**
 * A column dropped and added back, in the same migration, as a generated
 * column (`DROP COLUMN c, ADD COLUMN c tsvector GENERATED ALWAYS AS (...)
 * STORED`): its values are computed again from the row.
 */
function regenerated(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  if (op.op !== 'removeColumn' || !op.target.table || !op.target.column) return null;
  const after = migration.up.slice(migration.up.indexOf(op) + 1);
  // `GENERATED ALWAYS AS (expr) STORED` (options.generated); an identity numbers the rows anew, it does not recompute them.
  const readd = after.find((u) => u.op === 'addColumn' && u.target.table === op.target.table && u.target.column === op.target.column && u.options.generated === true);
  if (!readd) return null;
  return { op, messageId: 'regenerated', data: { ...effect.data, line: String(readd.loc.line) }, severity: 'info', columns: [] };
}

/**
 * A column dropped whose `down` adds it back and fills every row from other columns of the same row (`UPDATE t SET
 * "username" = "email"`, no WHERE): the migration's author says its values follow from those columns (hold-out 91: a
 * login name always set to the lowercased e-mail).
 */
function derivedInDown(step: ReplayedStep, effect: DestructiveEffect, migration: Migration): Candidate | null {
  const { op } = step;
  if (effect.kind !== 'dropColumn' || !op.target.table || !op.target.column) return null;
  const table = op.target.table;
  const column = op.target.column;
  const readd = migration.down.findIndex((o) => o.op === 'addColumn' && o.target.table === table && o.target.column === column);
  if (readd < 0) return null;
  // The table's other columns, when the replay knows them all; else any name but the column's own.
  const known = step.table?.columnsKnown === true && !step.table.implicit ? [...step.table.columns.keys()] : null;
  const others = (name: string) => name !== column && (known === null || known.includes(name));
  let read: { op: Operation; sources: string[] } | null = null;
  for (const u of migration.down.slice(readd + 1)) {
    // The rows of other tables read into JavaScript (`SELECT s.id, s.to FROM schedule s JOIN recurrence r ...`), then
    // written back into the column by a builder update whose value comes from them (hold-out 95: a column dropped as
    // redundant, its `down` rebuilding it from the table it copied).
    const reads = u.op === 'select' && !u.conditional ? readTables(u).filter((t) => t !== table) : [];
    if (reads.length > 0) read ??= { op: u, sources: reads };
    if (read && u.op === 'bulkUpdate' && u.target.table === table && !u.conditional && fromQuery(u.options.values, column, u.inLoop)) {
      const sources = read.sources;
      const data = { ...effect.data, sources: sources.map((t) => `\`${t}\``).join(', '), read: String(read.op.loc.line), line: String(u.loc.line) };
      return { op, messageId: 'refilledInDown', data, severity: 'info', columns: [] };
    }
    if (u.op !== 'update' || !u.sql || u.target.table !== table || u.conditional || !(updatedColumns(u) ?? []).includes(column)) continue;
    const from = columnsSetFrom(u.statement ?? '', column, others);
    if (from.length === 0) return null;
    const names = from.map((c) => `\`${c}\``).join(', ');
    return { op, messageId: 'derivedInDown', data: { ...effect.data, from: names, them: from.length === 1 ? 'it' : 'them', line: String(u.loc.line) }, severity: 'info', columns: [] };
  }
  return null;
}

/**
 * The step of `down` that writes every one of `columns` of the step's table again from what the database holds: a builder
 * update whose value comes from a query (`fromQuery`), or an SQL UPDATE setting them from a subquery. Null when none does.
 */
function recomputedInDown(op: Operation, columns: readonly string[], migration: Migration): Operation | null {
  const table = op.target.table;
  if (!table || columns.length === 0) return null;
  return (
    migration.down.find((d) => {
      if (d.target.table !== table || (d.op !== 'update' && d.op !== 'bulkUpdate')) return false;
      if (d.op === 'bulkUpdate' && !d.sql) return columns.every((c) => fromQuery(d.options.values, c, d.inLoop));
      const set = d.sql && typeof d.statement === 'string' ? /\bset\b([\s\S]*)$/i.exec(d.statement)?.[1] ?? '' : '';
      return columns.every((c) => (updatedColumns(d) ?? []).includes(c)) && /\(\s*select\b/i.test(set);
    }) ?? null
  );
}

/** The tables a SELECT reads: its one table, or those of its joins. */
function readTables(select: Operation): string[] {
  if (select.target.table !== null) return [select.target.table];
  return Array.isArray(select.options.readsFrom) ? select.options.readsFrom.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * A builder update's `values` set `column` to what a query returned: a value the interpreter traced to a SELECT
 * (`rows.map(({ to }) => bulkUpdate(t, { ends_on: to }, ...))`), or, for an update in a loop, any value computed there
 * (`for (const row of rows) bulkUpdate(t, { ends_on: row.to }, ...)`), not a constant.
 */
function fromQuery(values: JsonValue | undefined, column: string, inLoop: boolean): boolean {
  if (values === null || values === undefined || typeof values !== 'object' || Array.isArray(values)) return false;
  const v = values[column];
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || typeof v.$expr !== 'string') return false;
  return inLoop || isQueryLabel(v.$expr);
}

/**
 * The other columns of the row (`others`) that the value `UPDATE .. SET column = <value>` writes is made of, when it
 * writes nothing but them (lower / upper / trim and casts around them allowed; no constant, no other table, no WHERE);
 * empty otherwise.
 */
function columnsSetFrom(statement: string, column: string, others: (name: string) => boolean): string[] {
  if (/\b(where|from|join|select)\b/i.test(statement.replace(/^\s*update\b[\s\S]*?\bset\b/i, ''))) return [];
  const m = new RegExp(`\\bset\\s+(?:[\\w"]+\\.)?"?${escapeRegExp(column)}"?\\s*=\\s*([^,;]+?)\\s*(?:;|$)`, 'i').exec(statement.trim());
  if (!m) return [];
  const value = m[1]!;
  // A constant anywhere in it (a string, a number) makes it more than a copy.
  if (/'|\b\d/.test(value)) return [];
  const names = [...value.matchAll(/"([^"]+)"|\b([A-Za-z_]\w*)\b(?!\s*\()/g)].map((x) => x[1] ?? x[2]!);
  const cast = (n: string) => /^(lower|upper|trim|text|varchar|citext|null)$/i.test(n);
  const read = names.filter((n) => !cast(n) && others(n));
  return read.length > 0 && names.every((n) => cast(n) || others(n)) ? [...new Set(read)] : [];
}

/** Table names that say what they hold is transient or bookkeeping, not what users wrote. */
const TRANSIENT_TABLES: [RegExp, string][] = [
  [/^(temp|tmp)$|^(temp|tmp)[_-]|[_-](temp|tmp)$/i, 'temporary data'],
  [/^sessions?$/i, 'login sessions: users sign in again'],
  [/^(schema_version|schema_migrations|flyway_schema_history|flyway_migrations|knex_migrations(_lock)?|SequelizeMeta|SequelizeData)$/i, 'a migration tool’s history'],
  [/^migration_?logs?$/i, 'a log of what migrations changed'],
  // `feedback_summary_cache`, `cache_entries`, `search_cache`: derived rows the application computes again.
  [/(^|[_-])cache[ds]?$|^caches?[_-]|[_-]cache[_-]/i, 'a cache: rows the application derives again from its data'],
];

/** Dropping or emptying a table whose name says it is transient (sessions, temporary rows, a migration tool's history). */
function transient(op: Operation, effect: DestructiveEffect): Candidate | null {
  if (!['dropTable', 'truncate', 'deleteAllRows', 'deleteSomeRows'].includes(effect.kind) || !op.target.table) return null;
  const bare = op.target.table.replace(/^v\d+_/, '');
  const hit = TRANSIENT_TABLES.find(([re]) => re.test(bare));
  if (!hit) return null;
  // Deleting every row of it empties it, as a TRUNCATE does.
  const data = { ...effect.data, effect: LOSS_WORDS[effect.kind === 'deleteAllRows' ? 'truncate' : effect.kind].verb, kind: hit[1] };
  // Some of its rows: said as a delete of rows.
  if (effect.kind === 'deleteSomeRows') data.effect = LOSS_WORDS.deleteSomeRows.verb;
  return { op, messageId: 'transientTable', data, severity: 'info', columns: [] };
}

/** An UPDATE (or INSERT) and the migration it belongs to. */
interface Move {
  u: Operation;
  m: Migration;
}

/**
 * A column dropped or erased after its values moved: an `UPDATE` of the same
 * table computed another column from it (`SET permission = CASE WHEN private
 * ...`, `SET old_language_id = language_id`), an `UPDATE ... FROM` copied it
 * into the paired rows of another table, an `INSERT ... SELECT` copied it
 * into another table (by name, or every column with `SELECT *`). Earlier in
 * the same migration, or by an earlier one that reached every row, into a
 * table no migration dropped since.
 */
function movedAway(op: Operation, effect: DestructiveEffect, migration: Migration, earlierWrites: readonly Move[], migrations: readonly Migration[], table?: ReplayedTable): Candidate | null {
  if (!op.target.table) return null;
  const erased = effect.kind === 'dropColumn' ? (op.target.column ? [op.target.column] : []) : effect.kind === 'overwriteAllRows' || effect.kind === 'overwriteSomeRows' ? (erasedColumns(op) ?? []) : [];
  if (erased.length === 0) return null;
  // `SET x = NULL WHERE x = "email"`: the value erased is a copy of another column of the row.
  if (effect.kind !== 'dropColumn' && erased.every((c) => equalsAnotherColumn(op, c))) {
    const data = { ...effect.data, columns: erased.map((c) => `\`${c}\``).join(', ') };
    return { op, messageId: 'erasesCopy', data, severity: 'info', columns: [] };
  }
  const before = migration.up.slice(0, migration.up.indexOf(op));
  // An earlier migration's UPDATE that wrote another column from this one moved the values too: the expand step of expand/contract.
  const earlier = effect.kind === 'dropColumn' ? earlierWrites : [];
  // The copy is still there: no migration from the copy's to this one dropped the table it went into.
  // The columns an earlier UPDATE wrote the values into are still columns of the table (the replay, before the drop):
  // not dropped since, nor renamed, as a temporary column renamed into the dropped one's place is (hold-out 91).
  const stillThere = (u: Operation, column: string) =>
    !table?.columnsKnown || table.implicit || (updatedColumns(u) ?? []).filter((c) => c !== column).every((c) => table.columns.has(c));
  const kept = ({ u, m }: Move) => !migrations.some((x) => x.index >= m.index && x.index <= migration.index && x.up.some((d) => d.op === 'dropTable' && d.target.table === u.target.table && (x !== m || d.loc.line > u.loc.line)));
  for (const column of erased) {
    const moves = (u: Operation) => u.op === 'update' && u.sql === true && u.target.table === op.target.table && readsColumnIntoAnother(u, column);
    // `INSERT INTO other (..) SELECT t.col .. FROM t`: the values went to another table.
    const copiesOut = (u: Operation) => u.op === 'insert' && u.sql === true && Array.isArray(u.options.copiedFrom) && u.options.copiedFrom.includes(op.target.table) && selectNames(u, column);
    // `UPDATE sales SET comment = v.note FROM vehicles v WHERE v.id = sales.vehicle_id` (MySQL: `UPDATE sales s JOIN
    // vehicles v ON .. SET s.comment = v.note`): each row's value went to the row of another table paired with it.
    const copiesInto = (u: Operation) => u.op === 'update' && u.target.table !== op.target.table && u.options.joinOnly === true && readsColumnOf(u, op.target.table!, column);
    // `SELECT id, providers FROM backup_settings` read into JavaScript and written into another table by a later step
    // of the migration (a JSON column parsed and bulk-inserted): the values were converted there.
    // (Values written back into the same table are `readAway`'s: read there, not here.)
    const readsOut = (u: Operation) => {
      if (u.op !== 'select' || u.target.table !== op.target.table || !selectReads(u, column)) return false;
      const into = readInto(u, migration);
      return into !== null && into.loc.line < op.loc.line && !before.slice(before.indexOf(u) + 1).some((w) => (w.op === 'update' || w.op === 'bulkUpdate') && w.target.table === op.target.table);
    };
    const here = before.find((u) => moves(u) || copiesOut(u) || copiesInto(u) || readsOut(u));
    // An earlier migration's copy counts when it reached every row that had a value: no WHERE, or one on the column
    // itself, or a join that pairs every row with its new home.
    const there = here
      ? undefined
      : (earlier.find((w) => ((moves(w.u) && selectsByColumnOnly(w.u, column) && stillThere(w.u, column)) || copiesInto(w.u) || (copiesOut(w.u) && (w.u.options.copiedAll === true || copiesEveryValue(w.u, column)))) && kept(w)) ??
        (effect.kind === 'dropColumn' ? readOutByName(op.target.table, column, migration, migrations).find(kept) : undefined));
    const mover = here ?? there?.u;
    if (!mover) return null;
    if (column === erased[erased.length - 1]) {
      // A SELECT read out: the later step that writes what it read into another table.
      const written = mover.op === 'select' ? readInto(mover, migration)! : null;
      const into =
        written
          ? `\`${written.target.table}\``
          : mover.op === 'insert'
          ? `\`${mover.target.table ?? 'another table'}\``
          : copiesInto(mover)
            ? (updatedColumns(mover) ?? []).map((c) => `\`${mover.target.table}.${c}\``).join(', ') || `\`${mover.target.table}\``
            : (updatedColumns(mover) ?? []).filter((c) => c !== column).map((c) => `\`${c}\``).join(', ') || 'another column';
      const line = there ? `${there.m.name}:${mover.loc.line}` : `line ${(written ?? mover).loc.line}`;
      // An erasure names the columns it erases, a drop its own column.
      const target = effect.kind === 'dropColumn' ? effect.data.target : erased.map((c) => `\`${op.target.table}.${c}\``).join(', ');
      const data = { ...effect.data, target, effect: effect.kind === 'dropColumn' ? 'drops' : 'erases', into, line, when: there ? 'an earlier migration' : 'this migration just' };
      return { op, messageId: 'movedBefore', data, severity: 'info', columns: [] };
    }
  }
  return null;
}

/**
 * Earlier migrations that read the rows of `table` into JavaScript (`SELECT * FROM t`, or a SELECT naming the column)
 * and then wrote into another table under the column's own name (a loop of `INSERT INTO t_positions ("TargetId",
 * "positionId") VALUES (${row.id}, ${row.positionId})`: a join table taking over a foreign key): each as the write,
 * in that migration. The values moved there (hold-out 91).
 */
function readOutByName(table: string, column: string, migration: Migration, migrations: readonly Migration[]): Move[] {
  const found: Move[] = [];
  for (const m of migrations) {
    if (m.index >= migration.index) break;
    for (const u of m.up) {
      if (u.op !== 'select' || u.target.table !== table || !selectReads(u, column)) continue;
      const into = readInto(u, m);
      if (into && insertedColumns(into).includes(column)) found.push({ u: into, m });
    }
  }
  return found;
}

/**
 * JSON keys removed (`settings - 'k'`, `settings #- '{k}'`) that an UPDATE
 * before it, of this migration or an earlier one, read to write another
 * column of the table (`SET "hasHosting" = TRUE WHERE "settings"->>'k' ...`):
 * the contract step of expand/contract, what the key said lives on in that
 * column. Info, naming it.
 */
function keyDerivedBefore(op: Operation, effect: DestructiveEffect, migration: Migration, earlierUpdates: readonly Move[]): Candidate | null {
  if ((effect.kind !== 'overwriteSomeRows' && effect.kind !== 'overwriteAllRows') || !op.target.table) return null;
  const removed = Object.entries(updateFacts(op)?.set ?? {});
  if (removed.length === 0 || removed.some(([, f]) => f.kind !== 'jsonDelete')) return null;
  const before = migration.up.slice(0, migration.up.indexOf(op)).map((u) => ({ u, m: migration }));
  const candidates = [...before.reverse(), ...[...earlierUpdates].reverse()];
  let found: Move | undefined;
  for (const [column, fact] of removed) {
    const slot = `${column}#${(fact as { path: string }).path}`;
    const deeper = `${slot.slice(0, -1)},`;
    const reads = (u: Operation) => (updateFacts(u)?.jsonReads ?? []).some((r) => r === slot || r.startsWith(deeper));
    const mover = candidates.find(({ u }) => u.op === 'update' && u.sql === true && u.target.table === op.target.table && (updatedColumns(u) ?? []).some((c) => c !== column) && reads(u));
    if (!mover) return null;
    found ??= mover;
  }
  const into = (updatedColumns(found!.u) ?? []).filter((c) => !removed.some(([column]) => column === c)).map((c) => `\`${c}\``).join(', ');
  const here = found!.m === migration;
  const data = {
    ...effect.data,
    columns: removed.map(([column]) => describeColumn(op, column)).join(', '),
    into,
    line: here ? `line ${found!.u.loc.line}` : `${found!.m.name}:${found!.u.loc.line}`,
    when: here ? 'this migration' : 'an earlier migration',
  };
  return { op, messageId: 'keyDerived', data, severity: 'info', columns: [] };
}

/** The rows migrations wrote into one table: the constant inserts, by signature, and whether anything else wrote. */
interface Seeds {
  inserts: Set<string>;
  other: boolean;
}

/**
 * What makes two inserts of constant rows the same: the normalized text of an
 * `INSERT ... VALUES` without a query or a placeholder, the columns, row
 * count and strings of a `bulkInsert`. Null for any other write.
 */
function seedSignature(op: Operation): string | null {
  if (op.op === 'insert' && op.sql === true && typeof op.statement === 'string') {
    const text = op.statement.replace(/\s+/g, ' ').replace(/\s*([(),;=])\s*/g, '$1').replace(/"/g, '').trim().toLowerCase().replace(/;$/, '');
    // A query, a bind parameter or a replacement outside the string literals ('13:43:32' is a constant).
    const code = text.replace(/'(?:[^'\\]|\\.|'')*'/g, "''");
    return /\bvalues\b/.test(code) && !/\bselect\b|\$\d|:\w|\?|migralint_hole/.test(code) ? `sql:${text}` : null;
  }
  if (op.op === 'bulkInsert' && typeof op.options.rows === 'number' && !op.unresolved) {
    return `bulk:${JSON.stringify([op.options.columns ?? null, op.options.rows, op.options.texts ?? null])}`;
  }
  return null;
}

function recordSeeds(op: Operation, seeds: Map<string, Seeds>): void {
  const table = op.target.table;
  if (!table || !writesRows(op.op)) return;
  const entry = seeds.get(table) ?? { inserts: new Set<string>(), other: false };
  seeds.set(table, entry);
  const signature = seedSignature(op);
  if (signature && !op.inLoop) entry.inserts.add(signature);
  else entry.other = true;
}

/**
 * Dropping a lookup table whose every row a migration inserted as constants
 * (no model maps it, no migration wrote anything else into it) when this
 * migration's `down` creates it again and inserts the same rows: the rows are
 * in the code, nothing is lost. Info.
 */
function seedRestored(op: Operation, effect: DestructiveEffect, migration: Migration, seeds: ReadonlyMap<string, Seeds>, mapped: ReadonlySet<string>): Candidate | null {
  const table = op.target.table;
  if (effect.kind !== 'dropTable' || !table || mapped.has(table)) return null;
  const entry = seeds.get(table);
  if (!entry || entry.other || entry.inserts.size === 0) return null;
  const recreated = migration.down.find((d) => d.op === 'createTable' && d.target.table === table);
  const again = migration.down.filter((d) => d.target.table === table && (d.op === 'insert' || d.op === 'bulkInsert'));
  const restored = new Set(again.map(seedSignature).filter((x): x is string => x !== null));
  if (!recreated || [...entry.inserts].some((sig) => !restored.has(sig))) return null;
  const data = { ...effect.data, line: String(again[0]!.loc.line) };
  return { op, messageId: 'seedRestored', data, severity: 'info', columns: [] };
}

/**
 * A DELETE of rows chosen by constant strings (`bulkDelete(t, { type: 'gitter' })`, `DELETE FROM t WHERE
 * name = 'x'`) that an earlier migration inserted as constants into the same table (a bulkInsert or an
 * `INSERT ... VALUES` holding every one of those strings), when this migration's `down` inserts them again:
 * an un-seed of reference data the code defines, undone by the rollback. Info (labels.md #12).
 */
function unseeded(op: Operation, effect: DestructiveEffect, migration: Migration, migrations: readonly Migration[]): Candidate | null {
  const table = op.target.table;
  if (effect.kind !== 'deleteSomeRows' || !table || op.inLoop) return null;
  const keys = deletedByStrings(op);
  if (keys === null) return null;
  const holdsKeys = (insert: Operation): boolean => {
    if (insert.target.table !== table || (insert.op !== 'insert' && insert.op !== 'bulkInsert')) return false;
    // The strings of the inserted rows: a bulkInsert's values, an `INSERT ... VALUES` list's literals.
    const texts = Array.isArray(insert.options.texts) ? insert.options.texts : [];
    return keys.every((k) => texts.includes(k));
  };
  const again = migration.down.find(holdsKeys);
  const seeder = migrations.find((m) => m.index < migration.index && m.up.some(holdsKeys));
  // Seeded outside the migrations (a seeder, a lookup loader), but written out whole in this `down`, every column a
  // constant, each row under its own key (`id`): the rows are in the code all the same (hold-out 96: retired lookup
  // rows, their `down` listing each by id). Without the key, the one row put back says nothing of the rows deleted.
  const keyed = (insert: Operation) => Array.isArray(insert.options.columns) && insert.options.columns.includes('id');
  if (!seeder && again && !again.inLoop && seedSignature(again) !== null && keyed(again)) return { op, messageId: 'reseededInDown', data: { ...effect.data, line: String(again.loc.line) }, severity: 'info', columns: [] };
  if (!seeder) return null;
  const at = seeder.up.find(holdsKeys)!;
  const seededBy = `\`${seeder.name}\`:${at.loc.line}`;
  if (again) return { op, messageId: 'unseeded', data: { ...effect.data, seededBy, line: String(again.loc.line) }, severity: 'info', columns: [] };
  // Retired for good: reference rows, unless a foreign key deletes the rows that point at them (ON DELETE CASCADE).
  const cascade = cascadingReferences(migrations, table);
  if (cascade.length > 0) return null;
  return { op, messageId: 'unseededForGood', data: { ...effect.data, seededBy }, severity: 'info', columns: [] };
}

/** `table.column` of the columns the migrations point at `table` with ON DELETE CASCADE (builder definitions, as replayed). */
function cascadingReferences(migrations: readonly Migration[], table: string): string[] {
  const out: string[] = [];
  for (const { table: t, column: c } of columnsReferencing(projectReplay(migrations).schema, { name: table, schema: 'public' })) {
    const onDelete = c.definition?.onDelete;
    if (typeof onDelete === 'string' && onDelete.toUpperCase() === 'CASCADE') out.push(`${t.name}.${c.name}`);
  }
  return out;
}

/**
 * An UPDATE whose WHERE names its rows one by one: every column the WHERE reads is restricted to constants (or to
 * empty, `"deletedAt" IS NULL`), and one of them is a key of the table (its primary key, a unique column or one a
 * sequence numbers, as the migrations define it; `id` where they do not describe the column), to at most 50 values. The key as message text (`` `id` in ('a', 'b') ``), or null.
 */
/** A column named as one that identifies a row: `id`, `uuid`, `userId`, `account_id`, `username`, `email`, `slug`, `code`, `key`, `handle`. */
const IDENTIFIER_COLUMN = /(?:^|_)(?:id|uuid|key|code|slug|username|user_name|login|email|handle)$|[a-z](?:Id|ID|Uuid|Key|Code|Slug|Username|Login|Email|Handle)$|^(?:username|login|email|handle|slug|code|key)$/;

function namedRows(op: Operation, table: ReplayedTable | null): string | null {
  const facts = rowSelection(op);
  const read = facts?.whereColumns;
  if (!facts || !Array.isArray(read) || read.length === 0) return null;
  if (!read.every((c) => c in facts.whereValues || facts.whereEmpty.includes(c))) return null;
  // `SET username = 'acct_B', token = ..., refresh = NULL WHERE username = 'acct_A'`: the one row named by an identifier
  // gets another identity, and what it clears belonged to the one replaced (a fixture account swapped; corpus
  // labels: a credential swap keyed on a literal account id).
  const set = updateFacts(op)?.set;
  const rekeys = (c: string): boolean => {
    const to = set?.[c];
    const from = facts.whereValues[c];
    return IDENTIFIER_COLUMN.test(c) && to?.kind === 'value' && to.value !== null && from?.length === 1 && from[0] !== to.value;
  };
  const key = read.find((c) => {
    const values = facts.whereValues[c];
    const column = table?.columns.get(c);
    const def = column?.definition;
    // A column the migrations do not describe (the table made by sync() or a dump, or by SQL): `id` is the key
    // Sequelize gives every model that names none.
    const isKey = column === undefined || def == null ? c === 'id' : column.sequence || def.primaryKey === true || (def.unique !== undefined && def.unique !== false);
    return values !== undefined && values.length > 0 && values.length <= 50 && values.every((v) => v !== null) && (isKey || rekeys(c));
  });
  if (key === undefined) return null;
  const values = facts.whereValues[key]!;
  const shown = values.slice(0, 3).map((v) => `'${v}'`).join(', ') + (values.length > 3 ? `, and ${values.length - 3} more` : '');
  return `\`${key}\` in (${shown})`;
}

/** The UPDATE has no WHERE, or its WHERE reads only `column` (`WHERE "isAdmin" = true`, `WHERE c IS NOT NULL`). */
function selectsByColumnOnly(update: Operation, column: string): boolean {
  if (update.options.where === false) return true;
  const facts = updateFacts(update);
  return Array.isArray(facts?.whereColumns) && facts.whereColumns.length > 0 && facts.whereColumns.every((c) => c === column);
}

/** An UPDATE's SET values read `table.column` (qualified, or a bare name while `table` is among the tables it reads). */
function readsColumnOf(update: Operation, table: string, column: string): boolean {
  const reads = Array.isArray(update.options.setReads) ? update.options.setReads : [];
  const from = Array.isArray(update.options.copiedFrom) ? update.options.copiedFrom : [];
  return reads.includes(`${table}.${column}`) || (reads.includes(`*.${column}`) && from.includes(table));
}

/** A SELECT reads `column`: it names it in its select list, or takes every column (`*`). */
function selectReads(select: Operation, column: string): boolean {
  if (select.options.allColumns === true) return true;
  const list = /\bselect\b([\s\S]*?)\bfrom\b/i.exec(select.statement ?? '')?.[1] ?? '';
  return /(^|[^\w"`])\*($|[^\w])/.test(list) || new RegExp(`(^|[^\\w"\`])["\`]?${escapeRegExp(column)}["\`]?($|[^\\w"\`])`).test(list);
}

/**
 * An `INSERT ... SELECT ... FROM t WHERE column IS NOT NULL` (nothing else in the WHERE): every row that held a value
 * in the column was copied (hold-out 87). Unquoted names fold to lower case in the SQL reader: compared so.
 */
function copiesEveryValue(insert: Operation, column: string): boolean {
  const nonNull = insert.options.copiedNonNull;
  return Array.isArray(nonNull) && nonNull.length === 1 && typeof nonNull[0] === 'string' && nonNull[0].toLowerCase() === column.toLowerCase();
}

/** The SELECT of an `INSERT ... SELECT` names `column` (bare, quoted or qualified), or takes every column (`*`, `t.*`). */
function selectNames(insert: Operation, column: string): boolean {
  if (insert.options.selectsAll === true) return true;
  const select = /\bselect\b([\s\S]*?)\bfrom\b/i.exec(insert.statement ?? '')?.[1] ?? '';
  return new RegExp(`(^|[^\\w"])"?${escapeRegExp(column)}"?($|[^\\w"])`).test(select);
}

/** The WHERE requires `column = <another column>` (quoted or bare identifier, not a literal). */
function equalsAnotherColumn(op: Operation, column: string): boolean {
  const where = /\bwhere\b([\s\S]*)$/i.exec(op.statement ?? '')?.[1];
  if (!where || /\bor\b/i.test(where)) return false;
  const m = new RegExp(`(?:^|[\\s(.])"?${escapeRegExp(column)}"?\\s*=\\s*("[^"]+"|[A-Za-z_][\\w.]*)`).exec(where);
  return m !== null && !/^(null|true|false|now|current_\w+)$/i.test(m[1]!.replace(/"/g, ''));
}

interface Candidate {
  op: Operation;
  messageId: MessageIds;
  data: Record<string, string>;
  severity: Severity;
  /** The columns an update writes, as message text, to merge the findings of one call site. */
  columns: string[];
}

/** The finding for one operation of `up`, or null when it destroys nothing that existed. */
function judge(op: Operation, effect: DestructiveEffect, migration: Migration, created: CreatedInMigration, previous: Previous['created'], table: ReplayedTable | null, project: ProjectModel): Candidate | null {
  const migrations = project.migrations;
  if (isNewData(op, created, previous)) return null;
  // Name only the columns whose values can be lost, not those the update merely fills where empty.
  const overwritten = overwrittenColumns(op, migration);
  // Every column only filled, or saved elsewhere in the row: nothing is lost.
  if (overwritten?.length === 0) return null;
  const names = overwritten && overwritten.length > 0 ? overwritten : (updatedColumns(op) ?? []);
  const columns = names.map((c) => describeColumn(op, c));
  if (effect.data.columns !== undefined && columns.length > 0) effect.data.columns = columns.join(', ');
  const base = { op, data: effect.data, columns };
  if (effect.kind === 'overwriteAllRows' || effect.kind === 'overwriteSomeRows') {
    if (reversedByDown(op, migration)) return null;
    // `SET chain = 'otp:2043'` on every row, and `down` sets every row back to `'otp'`: the one value all rows held.
    const back = effect.kind === 'overwriteAllRows' ? setBackToOneValue(op, names, migration) : null;
    if (back) return { ...base, messageId: 'setBackInDown', severity: 'info', data: { ...effect.data, columns: columns.join(', '), value: back.value, line: String(back.line) } };
    // `SET reviews_count = (SELECT COUNT(*) FROM reviews r WHERE r.lawyer_id = t.id)`: a cache of aggregates rebuilt.
    const summaries = recomputedAggregates(op);
    if (summaries) {
      const data = { ...effect.data, columns: columns.join(', '), sources: summaries.from.map((t) => `\`${t}\``).join(', '), functions: summaries.functions.map((f) => `\`${f.toUpperCase()}\``).join(', ') };
      return { ...base, messageId: 'recomputedAggregates', severity: 'info', data };
    }
    const functions = normalization(op);
    if (functions) {
      return { ...base, messageId: 'normalizeValues', severity: 'info', data: { ...effect.data, functions: functions.map((f) => `\`${f}\``).join(', ') } };
    }
    // `SET c = (SELECT p.email FROM users p WHERE p.fiscal_code = t.c)`: a key translated through the table it names.
    const translations = op.options.setTranslations;
    const through = translations !== null && typeof translations === 'object' && !Array.isArray(translations) ? translations : null;
    if (through && names.length > 0 && names.every((c) => typeof through[c] === 'string')) {
      const tables = [...new Set(names.map((c) => `\`${through[c]}\``))].join(', ');
      return { ...base, messageId: 'translatedKeys', severity: 'info', data: { ...effect.data, columns: columns.join(', '), through: tables } };
    }
    // SQL of a MySQL / MariaDB / SQLite project, read by its keywords: each column computed from its own value
    // (`c = REPLACE(c, ...)`, `c = CONCAT(SUBSTR(c, 1, 3), '0', SUBSTR(c, 4))`) is rewritten, not replaced.
    const fromItself = op.sqlNotParsed && Array.isArray(op.options.selfDerived) ? op.options.selfDerived : null;
    if (fromItself && names.length > 0 && names.every((c) => fromItself.includes(c))) {
      return { ...base, messageId: 'rewriteFromItself', severity: 'info', data: { ...effect.data, columns: columns.join(', ') } };
    }
  }
  // One JSON key set in every row, the rest of each document kept: a key added or rewritten, not a column overwritten.
  if (effect.kind === 'overwriteAllRows' && everySetIs(op, 'jsonSet')) return { ...base, messageId: 'rewriteJsonKeys', severity: 'info' };
  // Keys removed from JSON documents, the rest of each kept: retiring a setting or a cached copy, in labeled samples a
  // reviewer's "cleanup, info at most" far more often than a loss worth a warning.
  if ((effect.kind === 'overwriteAllRows' || effect.kind === 'overwriteSomeRows') && everySetIs(op, 'jsonDelete') && !movedIntoNestedKey(op, migration)) {
    const rows = effect.kind === 'overwriteAllRows' ? 'in every row' : `in the rows matching ${effect.data.where}`;
    return { ...base, messageId: 'removeJsonKeys', severity: 'info', data: { ...effect.data, rows } };
  }
  // A targeted rewrite is the migration's purpose: the rows get values it chose. Only an erasure is a warning.
  if (effect.kind === 'overwriteSomeRows') {
    const erased = erasedColumns(op);
    if (!erased || erased.length === 0) return { ...base, messageId: 'rewriteSomeRows', severity: 'info' };
    const erasedText = erased.map((c) => describeColumn(op, c));
    // Values cleared just before a CHECK constraint of the same migration that names every such column (hold-out 80: a
    // completed_at set to NULL where the status says the task is not done, then CHECK on both).
    const check = checkAfter(op, migration, erased);
    if (check) return { ...base, columns: erasedText, messageId: 'clearedForCheck', severity: 'info', data: { ...effect.data, columns: erasedText.join(', '), line: String(check.loc.line) } };
    // Rows named one by one by their key (`WHERE id IN ('a', 'b')`): a hand-made fix of rows the author looked at.
    const named = namedRows(op, table);
    if (named) return { ...base, columns: erasedText, messageId: 'overwriteNamedRows', severity: 'info', data: { ...effect.data, columns: erasedText.join(', '), key: named } };
    // References set to NULL where they point at no row (`WHERE NOT EXISTS (SELECT 1 FROM parent ...)`), as before a
    // foreign key: what they held named nothing.
    const orphans = deletedOrphans(op);
    if (orphans && orphans.via !== 'null-fk') {
      return { ...base, columns: erasedText, messageId: 'nullDanglingReferences', severity: 'info', data: { ...effect.data, columns: erasedText.join(', '), orphans: describeOrphans(orphans) } };
    }
    // `down` writes each erased column of the table again from what the database holds (the rows of a query, row by
    // row; a subquery): the migration treats the values as derived (hold-out 96: a reference to a seeded row cleared,
    // its `down` pointing it back at that row again).
    const again = recomputedInDown(op, erased, migration);
    if (again) {
      const plural = erased.length > 1;
      return { ...base, columns: erasedText, messageId: 'recomputedInDown', severity: 'info', data: { ...effect.data, columns: erasedText.join(', '), line: String(again.loc.line), them: plural ? 'them' : 'it', they: plural ? 'they' : 'it' } };
    }
    return { ...base, columns: erasedText, messageId: 'overwriteSomeRows', severity: 'warning', data: { ...effect.data, columns: erasedText.join(', ') } };
  }
  const softDeleted = effect.kind === 'deleteSomeRows' && Array.isArray(op.options.notNull) ? op.options.notNull.find((c) => typeof c === 'string' && SOFT_DELETE.test(c)) : undefined;
  if (typeof softDeleted === 'string') return { ...base, messageId: 'purgeSoftDeleted', severity: 'info', data: { ...effect.data, column: softDeleted } };
  const dedup = effect.kind === 'deleteSomeRows' ? duplicateKeyAfter(op, migration) : null;
  if (dedup) return { ...base, messageId: 'duplicatesBeforeKey', severity: 'info', data: { ...effect.data, key: dedup.key, line: String(dedup.step.loc.line) } };
  // Duplicates removed for a key a later migration adds on the same columns (the change split in two files).
  const laterKey = effect.kind === 'deleteSomeRows' ? laterDuplicateKey(op, migration, migrations) : null;
  if (laterKey) return { ...base, messageId: 'duplicatesBeforeLaterKey', severity: 'info', data: { ...effect.data, key: laterKey.key, file: laterKey.file, line: laterKey.line } };
  // Rows deleted just before the table gets a unique key: presumably the ones that would break it (superseded or
  // merged rows, duplicates found by a self-join).
  const keyAfter = effect.kind === 'deleteSomeRows' ? uniqueKeyAfter(op, migration, (fields) => !!fields && fields.length > 0) : null;
  if (keyAfter) return { ...base, messageId: 'rowsBeforeKey', severity: 'info', data: { ...effect.data, key: keyAfter.key, line: String(keyAfter.step.loc.line) } };
  const orphans = effect.kind === 'deleteSomeRows' ? deletedOrphans(op) : null;
  const key = orphans?.parent ? foreignKeyAfter(op, orphans.parent, migration) : undefined;
  if (orphans && key) {
    return { ...base, messageId: 'orphansBeforeForeignKey', severity: 'info', data: { ...effect.data, orphans: describeOrphans(orphans), parent: orphans.parent!, line: String(key.loc.line) } };
  }
  // `DELETE ... WHERE fk IS NULL` right before `fk` is made NOT NULL: the rows the constraint would reject.
  const notNull = orphans?.via === 'null-fk' && orphans.column ? notNullAfter(op, orphans.column, migration) : undefined;
  if (orphans && notNull) return { ...base, messageId: 'nullsBeforeNotNull', severity: 'info', data: { ...effect.data, column: orphans.column!, line: String(notNull.loc.line) } };
  if (orphans) return { ...base, messageId: 'deleteOrphanRows', severity: 'warning', data: { ...effect.data, orphans: describeOrphans(orphans) } };
  // Dropped and added again under the same name (to change its default or type): the rows keep the column, not their values.
  const readded = effect.kind === 'dropColumn' ? migration.up.slice(migration.up.indexOf(op) + 1).find((s) => s.op === 'addColumn' && s.target.table === op.target.table && s.target.column === op.target.column) : undefined;
  // Added back NOT NULL without a default in the drop's own transaction, on a database that rolls DDL back: on a table
  // with rows the add fails and the drop is undone; on an empty one nothing was lost. The failure is no-failing-not-null's.
  const sameTransaction = readded && op.transaction !== undefined && readded.transaction === op.transaction;
  if (readded && sameTransaction && ddlIsTransactional(project) && readded.options.allowNull === false && readded.options.defaultValue === undefined && readded.options.primaryKey !== true && readded.options.autoIncrement !== true) {
    return null;
  }
  // The rows read into the migration before the drop (`select(null, t)`) and the column written again after it is added
  // back (`UPDATE t SET c = .. WHERE id = ..` per row): the values converted to the new type (hold-out 41).
  const rewritten = readded ? writtenBackAfterReadd(op, readded, migration) : null;
  if (readded && rewritten) {
    return { ...base, messageId: 'columnRewrittenBack', severity: 'info', data: { ...effect.data, line: String(readded.loc.line), read: String(rewritten.read.loc.line), write: String(rewritten.write.loc.line) } };
  }
  // Refilled from another table after it is added back (`UPDATE passes p JOIN judgements j ... SET p.accuracy =
  // j.accuracy`): a copy of another table's values, computed again (hold-out 84).
  const refill = readded ? refilledFromOtherTables(op, readded, migration) : null;
  if (readded && refill) {
    const sources = joinTargets(refill.sources.map((t) => `\`${t}\``), 3);
    return { ...base, messageId: 'columnRefilled', severity: 'info', data: { ...effect.data, line: String(readded.loc.line), fill: String(refill.update.loc.line), sources } };
  }
  if (readded) {
    const def = readded.options.defaultValue;
    const fill =
      readded.options.sequence === true || readded.options.identity === true
        ? ', numbered anew'
        : def !== undefined && def !== null
          ? ` with every row set to its default ${shownValue(def)}`
          : readded.sql === true && readded.options.default === true
            ? ' with every row set to its default'
            : ', empty';
    return { ...base, messageId: 'columnRecreated', severity: 'error', data: { ...effect.data, line: String(readded.loc.line), fill } };
  }
  // A row's creation or update time (`createdAt`, `updated_at`): metadata Sequelize keeps, not data users wrote. Labeled
  // not worth an error in four hold-out projects (a join table's timestamps, timestamps a model stopped writing, times
  // replaced by an `assigned_at DEFAULT now()`), then not worth a warning in the four labeled since (hold-outs 93-94: a
  // model with `timestamps: false` dropping the columns it never wrote, a write-once table's redundant `updatedAt`): info,
  // saying what is lost.
  const stamp = effect.kind === 'dropColumn' && op.target.column ? TIMESTAMP_COLUMN.exec(op.target.column) : null;
  if (stamp) return { ...base, messageId: 'dropTimestamp', severity: 'info', data: { ...effect.data, time: stamp[1]!.toLowerCase() === 'created' ? 'created' : 'last updated', column: op.target.column! } };
  // `DELETE FROM t WHERE id IN ('9ee0…', '0726…')`: rows picked one by one by their key (retired reference rows, a fix).
  const named = effect.kind === 'deleteSomeRows' ? namedRows(op, table) : null;
  if (named) return { ...base, messageId: 'deleteNamedRows', severity: 'info', data: { ...effect.data, key: named } };
  return { ...base, messageId: effect.kind, severity: effect.all ? 'error' : 'warning' };
}

/**
 * Every column `op` overwrites in every row, `down` sets back in every row of the table to one constant (an UPDATE
 * without WHERE, builder or SQL): the value, as text, and the line of the first of those steps; null otherwise.
 */
function setBackToOneValue(op: Operation, columns: readonly string[], migration: Migration): { value: string; line: number } | null {
  if (columns.length === 0) return null;
  const everyRow = (d: Operation) => d.target.table === op.target.table && (d.sql ? d.op === 'update' && d.options.where === false : d.op === 'bulkUpdate' && isEmptyWhere(d.options.where));
  const resets = migration.down.filter(everyRow).map((step) => ({ step, set: updateFacts(step)?.set ?? {} }));
  let found: { value: string; line: number } | null = null;
  for (const column of columns) {
    const constant = (set: Record<string, SetFact>) => {
      const fact = set[column];
      return fact?.kind === 'value' ? fact.value : null;
    };
    const back = resets.find(({ set }) => constant(set) !== null);
    if (!back) return null;
    found ??= { value: `'${constant(back.set)}'`, line: back.step.loc.line };
  }
  return found;
}

/** A builder default as messages show it: `false`, `'active'`, `now()`. */
function shownValue(value: JsonValue): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.$expr === 'string') return `\`${value.$expr}\``;
  return `\`${JSON.stringify(value)}\``;
}

/**
 * `DELETE ... WHERE id NOT IN (SELECT min(id) ... GROUP BY a, b)` followed, in
 * the same migration, by a primary key, unique constraint or unique index on
 * exactly `(a, b)`: the delete makes the key possible.
 */
/** A CHECK constraint a later step of this `up` adds on the table, whose expression names every one of `columns`. */
function checkAfter(op: Operation, migration: Migration, columns: readonly string[]): Operation | null {
  const later = migration.up.slice(migration.up.indexOf(op) + 1);
  return (
    later.find((u) => {
      if (u.op !== 'addConstraint' || u.target.table !== op.target.table || constraintType(u) !== 'check') return false;
      const text = u.sql ? (u.statement ?? '') : JSON.stringify(u.options.where ?? null);
      return columns.length > 0 && columns.every((c) => new RegExp(`(^|[^\\w])"?${escapeRegExp(c)}"?(?![\\w])`).test(text));
    }) ?? null
  );
}

function duplicateKeyAfter(op: Operation, migration: Migration): { step: Operation; key: string } | null {
  const by = op.options.deduplicatedBy;
  if (!Array.isArray(by) || by.length === 0) return null;
  const same = (fields: readonly (string | null)[] | undefined) => !!fields && fields.length === by.length && by.every((c) => fields.includes(c as string));
  const found = uniqueKeyAfter(op, migration, same);
  return found ? { step: found.step, key: `(${by.map((c) => `\`${String(c)}\``).join(', ')})` } : null;
}

/** `duplicateKeyAfter` in the migrations after this one: the key, and the migration and line adding it. */
function laterDuplicateKey(op: Operation, migration: Migration, migrations: readonly Migration[]): { key: string; file: string; line: string } | null {
  if (!Array.isArray(op.options.deduplicatedBy) || op.options.deduplicatedBy.length === 0) return null;
  for (const later of migrations.slice(migrations.indexOf(migration) + 1)) {
    // Stand-in for the delete at the start of the later migration: the same table, the same duplicates.
    const found = duplicateKeyAfter(op, { ...later, up: [op, ...later.up] });
    if (found) return { key: found.key, file: later.name, line: String(found.step.loc.line) };
  }
  return null;
}

/**
 * A later step of the same migration that adds a primary key, unique
 * constraint or unique index to the table of `op`, over fields `fits` accepts:
 * the step and its key as message text.
 */
function uniqueKeyAfter(op: Operation, migration: Migration, fits: (fields: readonly (string | null)[] | undefined) => boolean): { step: Operation; key: string } | null {
  const fieldsOf = (s: Operation) => s.fields ?? (Array.isArray(s.options.fields) ? (s.options.fields as (string | null)[]) : undefined);
  const step = migration.up.slice(migration.up.indexOf(op) + 1).find((s) => {
    if (s.target.table !== op.target.table) return false;
    const type = String((s.sql ? s.options.constraintType : s.options.type) ?? '').toLowerCase();
    if (s.op === 'addConstraint') return (type === 'primary key' || type === 'unique') && fits(fieldsOf(s));
    return s.op === 'addIndex' && s.options.unique === true && fits(fieldsOf(s));
  });
  const fields = step ? (fieldsOf(step) ?? []).filter((c): c is string => typeof c === 'string') : [];
  return step ? { step, key: fields.length > 0 ? `(${fields.map((c) => `\`${c}\``).join(', ')})` : 'a unique key' } : null;
}

/** The step after `op` in this `up` that makes `column` of its table NOT NULL (`SET NOT NULL`, `allowNull: false`). */
function notNullAfter(op: Operation, column: string, migration: Migration): Operation | undefined {
  return migration.up
    .slice(migration.up.indexOf(op) + 1)
    .find((s) => s.target.table === op.target.table && s.target.column === column && setsNotNull(s));
}

/** A later step of the same migration that adds a foreign key from the table to `parent`: what the orphan delete makes possible. */
function foreignKeyAfter(op: Operation, parent: string, migration: Migration): Operation | undefined {
  return migration.up.slice(migration.up.indexOf(op) + 1).find((s) => addedForeignKeys(s).some((k) => k.table === op.target.table && k.parent === parent));
}

function describeOrphans(o: OrphanFacts): string {
  if (o.via === 'null-fk') return `whose \`${o.column ?? '?'}\` is NULL`;
  if (o.via === 'not-in') return `whose \`${o.column ?? '?'}\` matches no row of \`${o.parent ?? '?'}\``;
  return `that have no matching row in \`${o.parent ?? '?'}\``;
}

/**
 * One finding per call site: a loop unrolled over several tables, or one
 * query with several statements, is one cause. The targets (and columns) are
 * listed in the one finding.
 */
function oncePerCallSite(findings: Candidate[]): Candidate[] {
  const groups = new Map<string, Candidate>();
  const targets = new Map<string, string[]>();
  const copies = new Map<string, string[]>();
  for (const f of findings) {
    // A reason that differs by target (what a dropped column held) keeps its own finding.
    const key = `${f.op.loc.line}:${f.op.loc.column}:${f.messageId}:${f.severity}:${f.data.what ?? ''}`;
    const first = groups.get(key);
    if (!first) {
      groups.set(key, { ...f, columns: [...f.columns] });
      targets.set(key, [f.data.target ?? '']);
      copies.set(key, f.data.copy ? [f.data.copy] : []);
      continue;
    }
    const list = targets.get(key)!;
    if (!list.includes(f.data.target ?? '')) {
      list.push(f.data.target ?? '');
      if (f.data.copy) copies.get(key)!.push(f.data.copy);
    }
    for (const c of f.columns) if (!first.columns.includes(c)) first.columns.push(c);
  }
  const plural: Partial<Record<MessageIds, MessageIds>> = { dropTable: 'dropTables', dropColumn: 'dropColumns', copiedBefore: 'copiedBeforeMany', dropTimestamp: 'dropTimestamps' };
  return [...groups.entries()].map(([key, f]) => {
    const list = targets.get(key)!;
    if (list.length === 1 && f.columns.length === 0) return f;
    const data: Record<string, string> = { ...f.data, target: joinTargets(list) };
    if (f.messageId === 'copiedBefore' && list.length > 1) Object.assign(data, manyCopies(copies.get(key)!, f.data.effect!));
    if (f.columns.length > 0 && f.data.columns !== undefined) data.columns = f.columns.join(', ');
    return { ...f, data, messageId: list.length > 1 ? (plural[f.messageId] ?? f.messageId) : f.messageId };
  });
}

/**
 * The data of a `copiedBeforeMany` finding: each copy (`x into y, line n`, or copies already listed), three named and
 * how many more; the effect said of several tables.
 */
function manyCopies(parts: string[], effect: string): { copies: string; effect: string } {
  const all = parts.flatMap((p) => p.split('; ')).filter((c) => !/^and \d+ more$/.test(c));
  const total = parts.reduce((n, p) => n + (/; and (\d+) more$/.exec(p) ? Number(/; and (\d+) more$/.exec(p)![1]) : 0), 0) + all.length;
  const copies = all.slice(0, 3).join('; ') + (total > 3 ? `; and ${total - 3} more` : '');
  return { copies, effect: effect.replace(/ table$/, ' tables') };
}

/**
 * One finding per migration for its drops: a migration that drops five
 * columns or six legacy tables is one decision to review, not five. The
 * first drop carries the finding and names them all.
 */
function oncePerMigration(findings: Candidate[]): Candidate[] {
  const plural: Partial<Record<MessageIds, MessageIds>> = {
    dropTable: 'dropTables',
    dropTables: 'dropTables',
    dropColumn: 'dropColumns',
    dropColumns: 'dropColumns',
    // A row's creation and update times dropped together: one decision.
    dropTimestamp: 'dropTimestamps',
    dropTimestamps: 'dropTimestamps',
    replacedByRename: 'replacedByRename',
    unknownTable: 'unknownTables',
    unknownTables: 'unknownTables',
    // Tables emptied by one migration: one decision, its message takes a list as it is.
    truncate: 'truncate',
    deleteAllRows: 'deleteAllRows',
    // Rows deleted from several tables by one migration (a feature's rows cleaned up, table by table): one finding.
    deleteSomeRows: 'deleteSomeRowsMany',
    deleteSomeRowsMany: 'deleteSomeRowsMany',
    // Rows replaced statement by statement (a delete by key, the insert of that key): one change.
    rowsReplaced: 'rowsReplacedMany',
    rowsReplacedMany: 'rowsReplacedMany',
    // Tables rebuilt one after another (renamed away, created again, copied back, dropped): one change.
    copiedBefore: 'copiedBeforeMany',
    copiedBeforeMany: 'copiedBeforeMany',
  };
  const first = new Map<string, Candidate>();
  const out: Candidate[] = [];
  // The same loss written once per arm of an `if ... else` (a dialect's branch: TRUNCATE on PostgreSQL, DELETE FROM
  // elsewhere): only one arm runs, one finding, at the first (hold-out 93).
  const taken: Candidate[] = [];
  for (const f of findings) {
    if (taken.some((g) => g.op.target.table !== null && g.op.target.table === f.op.target.table && exclusive(g.op, f.op))) continue;
    taken.push(f);
  }
  for (const f of taken) {
    const many = plural[f.messageId];
    if (!many) {
      out.push(f);
      continue;
    }
    const key = `${many}:${f.severity}:${many === 'copiedBeforeMany' ? f.data.effect : ''}`;
    const head = first.get(key);
    if (!head) {
      const copy = { ...f, data: { ...f.data } };
      first.set(key, copy);
      out.push(copy);
      continue;
    }
    const known = head.data.target!.split(', ').includes(f.data.target!);
    // Copies of one table are one copy: its finding stays as it is.
    if (many === 'copiedBeforeMany' && known) continue;
    head.messageId = many;
    if (known) continue;
    head.data.target = `${head.data.target}, ${f.data.target}`;
    if (many === 'copiedBeforeMany') Object.assign(head.data, manyCopies([...(head.data.copies ? [head.data.copies] : [head.data.copy!]), f.data.copy!], head.data.effect!));
  }
  // Tables the project does not know, dropped beside tables it knows: one decision, in the finding of the known ones.
  const known = out.find((f) => f.messageId === 'dropTable' || f.messageId === 'dropTables');
  const unknown = out.find((f) => f.messageId === 'unknownTable' || f.messageId === 'unknownTables');
  let kept = out;
  if (known && unknown) {
    known.messageId = 'dropTables';
    known.data = { ...known.data, target: `${known.data.target}, ${unknown.data.target}` };
    kept = kept.filter((f) => f !== unknown);
  }
  // Columns dropped beside the tables of the same removal, at the same severity: one decision too (a feature taken
  // out with its flag column), in the finding of the tables.
  // Row timestamps dropped beside them belong to the same removal whatever their own severity.
  const columns = kept.find((f) => known && (((f.messageId === 'dropColumn' || f.messageId === 'dropColumns') && f.severity === known.severity) || f.messageId === 'dropTimestamp' || f.messageId === 'dropTimestamps'));
  if (known && columns) {
    // Reported at the first of the two, naming both.
    const [head, other] = columns.op.loc.line < known.op.loc.line ? [columns, known] : [known, columns];
    const tables = known.messageId === 'dropTable' ? `table ${known.data.target}` : `tables ${known.data.target}`;
    head.data = { ...head.data, target: known.data.target!, tables, columns: columns.data.target!, lines: `${head.op.loc.line}, ${other.op.loc.line}` };
    head.messageId = 'dropTablesAndColumns';
    head.severity = known.severity;
    kept = kept.filter((f) => f !== other);
  }
  return kept;
}

/**
 * Dropping a table no step of any migration touches and no model maps: a
 * leftover of something outside the project, or a typo of a table the
 * migrations do know (`document-reference` for `document_reference`), in
 * which case the drop (IF EXISTS) does nothing and the real table stays. A
 * warning: what it holds cannot be seen, and a typo is a bug. A builder
 * drop of `schema.table` whose bare name the migrations know is that bug
 * too: Sequelize quotes the dotted string as one identifier.
 */
function unknownTable(op: Operation, effect: DestructiveEffect, known: Set<string> | null): Candidate | null {
  if (effect.kind !== 'dropTable' || !known || !op.target.table || known.has(op.target.table)) return null;
  // `dropTable('public.users')`: one identifier "public.users" (measured, test/semantics), not users in public.
  const dot = op.sql ? -1 : op.target.table.lastIndexOf('.');
  const [schema, bare] = [op.target.table.slice(0, dot), op.target.table.slice(dot + 1)];
  if (dot > 0 && known.has(bare)) return { op, messageId: 'dottedName', data: { ...effect.data, name: op.target.table, schema, table: bare }, severity: 'warning', columns: [] };
  const meant = misspelledTable(op.target.table, known);
  const typo = meant ? misspellingNote(op, meant, 'which the migrations do know') : '';
  return { op, messageId: 'unknownTable', data: { ...effect.data, typo }, severity: 'warning', columns: [] };
}

/**
 * Emptying or dropping a table the previous migration (or one a few days
 * before it) creates: it holds only the rows written between the two (none,
 * when they ship together), so info. `withinDays`: only a creator dated at most
 * that many days before this migration counts.
 */
function previousMigrationTable(op: Operation, effect: DestructiveEffect, previous: Previous, withinDays?: number): Candidate | null {
  const { table, column } = op.target;
  const whole = ['dropTable', 'truncate', 'deleteAllRows'].includes(effect.kind);
  if ((!whole && effect.kind !== 'dropColumn') || !table) return null;
  const close = (r: Previous['recent'][number]) => withinDays === undefined || (r.days !== null && r.days <= withinDays);
  const creator = previous.recent.find((r) => close(r) && (whole ? r.created.tableIsNew(table) : column !== null && r.created.columnIsNew(table, column)));
  if (!creator || creator.writtenSince.has(table)) return null;
  const data = { ...effect.data, effect: LOSS_WORDS[effect.kind].verb, previous: creator.label };
  return { op, messageId: 'previousMigrationTable', data, severity: 'info', columns: [] };
}

function isNewData(op: Operation, created: CreatedInMigration, previous: Previous['created']): boolean {
  const { table, column } = op.target;
  if (created.tableIsNew(table)) return true;
  if (op.op === 'removeColumn') return created.columnIsNew(table, column);
  if (op.op === 'update' || op.op === 'bulkUpdate') {
    // A backfill of columns this migration (or the one before it) just added overwrites nothing.
    const cols = updatedColumns(op);
    return cols !== null && cols.length > 0 && cols.every((c) => created.columnIsNew(table, c) || previous.columnIsNew(table, c));
  }
  return false;
}
