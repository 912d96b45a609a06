import type { JsonValue, Operation, ProjectModel, Severity } from '../src/model';
import { EXITS_ZERO, SETTLES_ALL } from '../src/extract/guards';
import { probeLabelText } from '../src/extract/values';
import { changesDatabase, dropsAnObject, OPERATIONS, writesRows, type Destroys } from '../src/operations/table';
import { createRule } from '../src/rules/create-rule';
import { listSteps, setsDefault, setsNotNull, viaMigration } from '../src/rules/operations';
import { columnBefore, columnNeverAdded, droppedBefore, failsOnItsOwn, indexCreatedBefore, keyAlreadyHeld, precededByItsUndo, restatesColumn } from '../src/rules/plausible-failure';
import { referentialAction } from '../src/operations/foreign-keys';
import { looseTableName, modelMappingColumn, tablesTheProjectKnows, syncData } from '../src/rules/project-facts';
import { updatedColumns } from '../src/operations/updates';

/** Every step's errors are discarded by the `Promise.allSettled` that runs it, not by a catch. */
function settlesAll(ops: readonly Operation[]): boolean {
  return ops.length > 0 && ops.every((o) => o.guard?.kind === 'catch-all' && o.guard.detail === SETTLES_ALL);
}

/** Why a swallowed step costs little, when it does (severity `info`). */
/** The findings of this rule. */
type MessageIds = Mild | 'swallowed' | 'probe' | 'exitsZero' | 'swallowedHangs';

type Mild = 'commentOnly' | 'compensation' | 'alreadyChecked' | 'checkedRowsNot' | 'loosensOnly' | 'nothingToCheck' | 'rollbackRestore' | 'enumValue' | 'typeCreate' | 'extensionCreate' | 'cleanup' | 'rollbackCleanup' | 'rollbackRewrite' | 'constraintGoesLater' | 'leftoverColumn' | 'alreadyDropped' | 'alreadyIndexed' | 'fallbackWrite' | 'readdedAfter' | 'neededLater' | 'typeKept' | 'newTable' | 'keyLeft' | 'indexOnly' | 'neverAdded' | 'mappedColumn' | 'syncBuilt' | 'keyHeld';

/**
 * A catch that discards every error makes a failed step look like success:
 * the runner records the migration as done and nobody learns the schema is
 * not what the code expects.
 */
export default createRule({
  id: 'no-swallowed-errors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow catching and discarding every error around migration steps',
      help: 'Rethrow every error except the one you expect: `if (!/already exists/.test(error.message)) throw error;`, or better, test for the object first (describeTable, IF NOT EXISTS).',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      swallowed:
        '{{which}} every error from {{steps}}: a real failure (lock timeout, bad SQL, lost connection) is hidden, and the migration is recorded as done.',
      compensation:
        '{{which}} every error from {{steps}}, cleanup that runs only after a step failed, in the handler of the try at line {{tryLine}}, which rethrows that error: the migration fails all the same and is not recorded; a cleanup that fails leaves part of its work in place for the rerun to meet.',
      alreadyChecked:
        '{{which}} every error from {{steps}}, which already runs only after an existence check ({{check}}): it can only hide a real failure (lock timeout, lost connection), and the migration is then recorded as done.',
      checkedRowsNot:
        '{{which}} every error from {{steps}}, which runs only after an existence check ({{check}}); the check says the column or table is there, not what its rows hold: rows that break the NOT NULL, the key or the unique index make it fail, and the migration is then recorded as done without it.',
      nothingToCheck:
        '{{which}} every error from {{steps}}, which no row can make fail (a key or an index over a table or a column this migration has just made, empty or all NULL): it can only hide an outside failure (lock timeout, lost connection), and the migration is then recorded as done without it.',
      commentOnly:
        '{{which}} every error from {{steps}}, which only set{{s}} comments: a failure loses a description of the schema, nothing the schema or the application needs.',
      loosensOnly:
        '{{which}} every error from {{steps}}, which only loosens the column ({{how}}): no row can make it fail, so it can only hide an outside failure (lock timeout, lost connection), and the {{phase}} then goes on without it.',
      enumValue:
        '{{which}} every error from {{steps}}: if adding the enum value fails, the migration is recorded as done and the failure surfaces only when the application first writes that value.',
      extensionCreate:
        '{{which}} every error from {{steps}}: an extension that was not created fails loudly at the first use of what it provides (`uuid_generate_v4()` in a column default, a `gin_trgm_ops` index, a query), so nothing goes on silently; the catch only hides why.',
      typeCreate:
        '{{which}} every error from {{steps}}: a type that was not created fails loudly at its first use (the column or table declared with it), so the migration does not go on silently; the catch only hides why.',
      rollbackRestore:
        '{{which}} every error of the rollback step {{steps}}: when it fails, the rollback completes without putting that back, and the schema keeps what `up` made of it (a column left loose, a key or an index left out); nothing is lost.',
      rollbackCleanup:
        '{{which}} every error of the rollback step {{steps}}: when it fails, what `up` added stays in place (the next `up` meets it), but no data is lost and no later step is skipped silently.',
      cleanup:
        '{{which}} every error from the cleanup {{steps}}, which already ignores a missing object: a real failure (lock timeout, a dependent object) leaves the object in place unnoticed.',
      rollbackRewrite:
        '{{which}} every error of the rollback step {{steps}}, run for each element of a list: where it fails, those rows keep the values `up` gave them; no data is lost, but the rollback is not complete.',
      alreadyDropped:
        '{{which}} every error from {{steps}}, a column {{earlier}} already dropped: on a database the migrations built the step can only fail (column does not exist), and the catch is its guard; elsewhere, a failure leaves the column in place.',
      alreadyIndexed:
        '{{which}} every error from {{steps}}, an index {{earlier}} already created under that name: on a database the migrations built the step can only fail (already exists), and the catch is its guard; elsewhere, a failure leaves the index missing unnoticed.',
      fallbackWrite:
        '{{which}} every error from {{steps}} and writes the same table another way instead (an update where the insert failed): a duplicate takes the fallback, and a failure of the database (a lost connection) fails the fallback too, loudly; only a row the fallback does not find is left unwritten.',
      readdedAfter:
        '{{which}} every error from {{steps}}, but {{later}}: if the drop failed, that step fails too ("already exists"), loudly. A drop-if-exists written as a catch; `IF EXISTS` says it plainly.',
      typeKept:
        '{{which}} every error from {{steps}}: if a drop fails, the type stays; where a later step declares the enum again, Sequelize keeps that type (its CREATE TYPE skips one that exists, measured in test/semantics/enum-change-column.test.ts), so only a value the new list adds fails, loudly, at its first write.',
      neededLater:
        '{{which}} every error from {{steps}}, but {{later}}: had it failed for a real reason, that step fails too ("does not exist"), loudly. An add-if-missing written as a catch; {{plainly}} says it plainly.',
      indexOnly:
        '{{which}} every error from {{steps}}, {{alone}}: if it fails for a real reason the index is missing and queries that need it are slower, nothing else; no later step is skipped.',
      neverAdded:
        '{{which}} every error from {{steps}}, a column no migration adds to that table: on a database the migrations built the step can only fail (column does not exist), and the catch is its guard; elsewhere, a failure leaves the column in place.',
      mappedColumn:
        '{{which}} every error from {{steps}}, {{mapped}}: if the step fails for a real reason, the column is missing and the application\'s first query of that model fails ("column does not exist"), loudly; the catch hides only why, and absorbs "already exists" where the column was there before.',
      keyHeld:
        '{{which}} every error from {{steps}}, a foreign key {{columns}} already {{have}} with the same actions, from {{its}} definition (`references`): the add fails with "already exists" where the name is the one the database gave it, or adds a second copy; either way the key holds, and no row can make the step fail.',
      syncBuilt:
        '{{which}} every error from {{steps}}, one step under its own catch that cannot fail on the data (nothing NOT NULL without a default, no unique key), where `{{run}}` builds the schema with `sync()` ({{evidence}}): on a database that sync built first, the object is there and the catch absorbs "already exists"; elsewhere only an outside failure (a lost connection) reaches it.',
      keyLeft:
        '{{which}} every error from {{steps}}, one drop under its own catch (a drop-if-exists written as a catch): if it fails for a real reason, the {{what}} stays in place as before the migration, and what it enforces stays enforced, loudly; no later step is skipped.',
      newTable:
        '{{which}} every error from {{steps}}, one step under its own catch, on {{tables}} this migration creates a moment earlier, over columns it declares there: on a database the migrations built, the table is empty and the step can fail only for an outside reason (a lost connection); the catch absorbs "already exists" where the table was there before.',
      leftoverColumn:
        '{{which}} every error from {{steps}}: if the drop fails, the column stays, and since it takes NULL or has a default, writes that no longer name it still succeed and no later step needs it gone: a leftover column, not a skipped change. The data-loss side of the drop is judged on its own (no-destructive-up).',
      constraintGoesLater:
        '{{which}} every error from {{steps}}, but a failure there cannot pass unnoticed: {{later}}.',
      swallowedHangs:
        '{{which}} every error from {{steps}} and never calls `{{callback}}`, which the migration ends with: the runner waits for it, so a failure leaves the command hanging with the error printed, and the migration is not recorded. Call `{{callback}}` (with the error, for `done`) in the catch.',
      exitsZero:
        '{{which}} every error from {{steps}} and ends the process with status 0 (`process.exit()`): the runner never records the migration and the migrations after it do not run, but whatever ran them (a deploy script, `migrate && start`) sees success and goes on with a half-migrated schema. Rethrow, or exit with a non-zero code.',
      probe:
        '{{which}} any error from {{steps}} to mean "the table does not exist", and the fallback runs instead: a different failure (permissions, lost connection) is taken for a missing table too. `tableExists` asks the question directly.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      // Catches, each with the steps it covers. A catch in an imported helper is
      // reported once at the call site in this file (its line numbers are the helper's), or
      // not at all when the helper is another migration, which gets its own finding.
      const byCatch = new Map<string, { loc: { line: number; column: number }; ops: Operation[] }>();
      for (const op of [...migration.up, ...migration.down]) {
        // A step behind an existence check that a catch-all encloses too (`try { if (!exists) step } catch { log }`).
        const caught = op.guard?.kind === 'existence-check' ? op.guard.caughtAt : undefined;
        if (caught) {
          const key = `${caught.line}:${caught.column}`;
          const entry = byCatch.get(key) ?? { loc: caught, ops: [] };
          entry.ops.push(op);
          byCatch.set(key, entry);
          continue;
        }
        if (op.guard?.kind !== 'catch-all') continue;
        // A call nobody awaits inside the try: its rejection escapes the catch, which sees only a synchronous throw
        // (no-floating-query reports the call; hold-out 52).
        if (op.floatingCall) continue;
        const foreign = op.via !== undefined && op.guard.inHelper === true;
        if (foreign && viaMigration(project, op)) continue;
        const loc = foreign ? { line: op.loc.line, column: op.loc.column } : { line: op.guard.line ?? op.loc.line, column: op.guard.column ?? 1 };
        const key = `${loc.line}:${loc.column}`;
        const entry = byCatch.get(key) ?? { loc, ops: [] };
        entry.ops.push(op);
        byCatch.set(key, entry);
      }
      // One finding per cause: catches of the migration judged alike are reported once, at the first, naming the others.
      const verdicts: { loc: { line: number; column: number }; messageId: MessageIds; severity?: Severity; data: Record<string, string>; writes: Operation[]; verb: 'discard' | 'take' }[] = [];
      for (const { loc, ops } of byCatch.values()) {
        // MySQL's `SHOW INDEX FROM t` (PostgreSQL's parser refuses it) reads, as a SELECT does: a probe, not a write.
        const writes = ops.filter((o) => changesDatabase(o.op) && !showStatement(o));
        if (writes.length === 0) {
          // Only reads (an existence probe): nothing the schema needs is skipped. When the
          // catch does the fallback work, it is the does-not-exist branch of the probe.
          if (ops.some((o) => o.guard?.fallback)) verdicts.push({ loc, messageId: 'probe', data: { steps: listSteps(ops) }, severity: 'info', writes: ops, verb: 'take' });
          continue;
        }
        if (ops.some((o) => o.guard?.kind === 'catch-all' && o.guard.detail === EXITS_ZERO)) {
          // Nothing about the step makes this mild: the process stops, reporting success.
          verdicts.push({ loc, messageId: 'exitsZero', data: { steps: listSteps(writes) }, writes, verb: 'discard' });
          continue;
        }
        // A callback migration (`up(qi, Sequelize, done)`) whose catch never calls `done`: it hangs, loudly (hold-out 44).
        const callback = writes[0]?.guard?.hangs;
        if (callback && writes.every((w) => w.guard?.kind === 'catch-all' && w.guard.hangs === callback)) {
          verdicts.push({ loc, messageId: 'swallowedHangs', data: { steps: listSteps(writes), callback }, severity: 'info', writes, verb: 'discard' });
          continue;
        }
        const phase = migration[ops[0]!.phase];
        // One call run for each element of a list (a loop, unrolled or not), under a catch of its own each time.
        const looped = writes.every((w) => w.inLoop || (writes.length > 1 && w.loc.line === writes[0]!.loc.line && w.loc.column === writes[0]!.loc.column));
        // One call under the catch (a helper's own catch, called once per index): a failure skips that step alone. A
        // catch around several calls skips every one after the first that fails ("already exists" included), but the
        // calls `Promise.allSettled` settles each run whatever the others do.
        const oneCall = settlesAll(writes) || writes.every((w) => w.loc.line === writes[0]!.loc.line && w.loc.column === writes[0]!.loc.column);
        const mild = writes.map(
          (w) =>
            mildReason(w, phase, looped) ??
            (settledLater(w, phase) ? 'constraintGoesLater' : null) ??
            (readdedAfter(w, phase) ? 'readdedAfter' : null) ??
            (neededLater(w, phase) ? 'neededLater' : null) ??
            (droppedBefore(project, w) ? 'alreadyDropped' : null) ??
            (indexCreatedBefore(project, w) ? 'alreadyIndexed' : null) ??
            (oneCall && onTableCreatedBefore(w, phase) ? 'newTable' : null) ??
            (oneCall && (w.op === 'removeConstraint' || w.op === 'removeIndex') ? 'keyLeft' : null) ??
            (oneCall && plainIndex(w) && !overUndeclaredColumn(w, phase) ? 'indexOnly' : null) ??
            (w.phase === 'up' && columnNeverAdded(project, w) ? 'neverAdded' : null) ??
            // A foreign key the column's own `references` already gives it, with the same ON DELETE / ON UPDATE (hold-out
            // 97: a fix-up migration re-adding `<table>_<column>_fkey` under a catch that absorbs "already exists").
            (w.phase === 'up' && sameKeyHeld(project, w) ? 'keyHeld' : null) ??
            (mappedBy(project, w) ? 'mappedColumn' : null) ??
            (oneCall && builtBySyncFirst(project, w) ? 'syncBuilt' : null) ??
            (harmlessLeftover(project, w, phase) ? 'leftoverColumn' : null) ??
            (oneCall && onlyLoosens(project, w, migration) ? 'loosensOnly' : null) ??
            // One call under its own catch (several: the first failure skips the rest, "already exists" included where
            // the table was there before: labels.md #63, #65), over columns the table has.
            (oneCall && w.phase === 'up' && (w.op === 'addConstraint' || w.op === 'addIndex') && !overUndeclaredColumn(w, phase) && !failsOnItsOwn(project, migration, w) ? 'nothingToCheck' : null) ??
            // `COMMENT ON ...`: a failure loses a description, nothing the schema or the application needs.
            (w.op === 'sql' && w.options.statementType === 'CommentStmt' ? 'commentOnly' : null) ??
            // A rollback that puts back a key, an index or a column's definition under its own catch (hold-out 67):
            // when it fails, nothing changes, and the schema stays as `up` made it.
            // Not on a table the project does not know (a misspelled name fails every time: hold-out 64).
            (oneCall && w.phase === 'down' && (w.op === 'addConstraint' || w.op === 'addIndex' || w.op === 'changeColumn') && knownTable(project, w) ? 'rollbackRestore' : null),
        );
        const allMild = mild.every((m) => m !== null);
        const messageId = allMild && mild.every((m) => m === mild[0]) ? mild[0]! : 'swallowed';
        const severity: Severity | undefined = allMild ? 'info' : undefined;
        const data: Record<string, string> = { steps: listSteps(writes) };
        if (messageId === 'compensation') data.tryLine = String(writes[0]!.compensation!.line);
        if (messageId === 'alreadyChecked' || messageId === 'checkedRowsNot') data.check = probeLabelText(writes[0]!.existenceChecks!.find((c) => c.coversTarget)!.detail);
        if (messageId === 'constraintGoesLater') data.later = [...new Set(writes.map((w) => settledLater(w, phase)!))].join('; ');
        if (messageId === 'readdedAfter') data.later = [...new Set(writes.map((w) => `${listSteps([readdedAfter(w, phase)!])} adds it again`))].join('; ');
        if (messageId === 'neededLater') {
          data.later = [...new Set(writes.map((w) => `${listSteps([neededLater(w, phase)!])} needs the ${w.op === 'createSchema' ? 'schema' : 'column'}`))].join('; ');
          data.plainly = writes.every((w) => w.op === 'createSchema') ? '`CREATE SCHEMA IF NOT EXISTS`' : 'a `describeTable` check';
        }
        if (messageId === 'alreadyDropped') data.earlier = [...new Set(writes.map((w) => `\`${droppedBefore(project, w)!.by.migration}\``))].join(', ');
        if (messageId === 'indexOnly') data.alone = settlesAll(writes) ? 'plain indexes, each settled on its own' : 'one plain index under its own catch';
        if (messageId === 'mappedColumn') data.mapped = [...new Set(writes.map((w) => mappedBy(project, w)!))].join('; ');
        if (messageId === 'syncBuilt') Object.assign(data, syncData(project.schemaSync!));
        if (messageId === 'loosensOnly') {
          data.phase = writes[0]!.phase === 'down' ? 'rollback' : 'migration';
          data.how = loosening(writes[0]!);
        }
        if (messageId === 'commentOnly') data.s = writes.length === 1 ? 's' : '';
        if (messageId === 'keyHeld') {
          const columns = [...new Set(writes.map((w) => `\`${w.target.table}.${(w.fields ?? (w.options.fields as string[]))[0]}\``))];
          Object.assign(data, { columns: columns.join(', '), have: columns.length === 1 ? 'has' : 'have', its: columns.length === 1 ? 'its' : 'their' });
        }
        if (messageId === 'keyLeft') data.what = writes.every((w) => w.op === 'removeIndex') ? 'index' : 'constraint';
        if (messageId === 'newTable') data.tables = listTables(writes.map((w) => onTableCreatedBefore(w, phase)!));
        if (messageId === 'alreadyIndexed') data.earlier = [...new Set(writes.map((w) => `\`${indexCreatedBefore(project, w)!.migration}\``))].join(', ');
        verdicts.push({ loc, messageId, data, writes, verb: 'discard', ...(severity ? { severity } : {}) });
      }
      const groups = new Map<string, typeof verdicts>();
      for (const v of verdicts) {
        // Findings whose text depends on the catch (the check it follows, the step that settles it) stay apart.
        const key = ['compensation', 'alreadyChecked', 'checkedRowsNot', 'loosensOnly', 'constraintGoesLater', 'alreadyDropped', 'alreadyIndexed', 'readdedAfter', 'neededLater', 'newTable', 'mappedColumn'].includes(v.messageId) ? `${v.loc.line}:${v.loc.column}` : `${v.messageId}:${v.severity ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), v]);
      }
      for (const group of groups.values()) {
        const [first] = group;
        const others = group.slice(1).map((v) => v.loc.line);
        const which =
          others.length === 0
            ? settlesAll(first!.writes)
              ? `\`Promise.allSettled\` (which never rejects) ${first!.verb}s`
              : `This catch ${first!.verb}s`
            : `These ${group.length} catches (lines ${[first!.loc.line, ...others].join(', ')}) ${first!.verb}`;
        const steps = others.length === 0 ? first!.data.steps! : listSteps(group.flatMap((v) => v.writes));
        report({ migration, loc: first!.loc, messageId: first!.messageId, data: { ...first!.data, steps, which }, ...(first!.severity ? { severity: first!.severity } : {}) });
      }
    }
  },
});


/** Raw `SHOW ...` / `DESCRIBE t` / `EXPLAIN ...`: statements that only read. */
function showStatement(op: Operation): boolean {
  return op.op === 'sql' && op.sql === true && /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:SHOW|DESCRIBE|DESC|EXPLAIN)\b/i.test(op.statement ?? '');
}

/** Drops that already tolerate a missing object: SQL with IF EXISTS, or a builder call Sequelize makes idempotent (IF EXISTS, measured). */
function toleratesMissing(op: Operation): boolean {
  // SQL migralint does not parse (another dialect's, such as `DROP TYPE` on MySQL): read by its keywords.
  if (op.op === 'sql' && op.sql) return /^\s*drop\s+(?:[a-z]+\s+){1,3}if\s+exists\b/i.test(op.statement ?? '');
  if (!dropsAnObject(op.op)) return false;
  return op.sql ? /\bif\s+exists\b/i.test(op.statement ?? '') : OPERATIONS[op.op].idempotent;
}

/** What a rollback does not remove as routine cleanup: a sequence, an extension or a whole schema is not what `up` adds back. */
const NOT_ROUTINE_IN_ROLLBACK: ReadonlySet<Destroys> = new Set<Destroys>(['sequence', 'extension', 'schema']);

/** Why swallowing this step's errors costs little, or null when it is a real risk. */
function mildReason(op: Operation, phase: readonly Operation[], looped = false): Mild | null {
  // Cleanup in a handler that rethrows the error that brought it there: whatever this catch hides, the migration fails.
  if (op.compensation) return 'compensation';
  // An existence check on this very target already decides whether the step runs. A NOT NULL, a constraint or a unique
  // index still meets the rows, which the check does not look at: the catch hides that failure, and the migration is
  // recorded without it (hold-out 64: `if (columns.company_id) changeColumn(..., { allowNull: false })` under a catch
  // that logs). Info all the same, saying so: only the constraint goes missing, and one project repeats it 124 times.
  // Rows of a table this phase created a moment earlier break nothing: there the existence check is all there is.
  if (op.existenceChecks?.some((c) => c.coversTarget)) return checksRows(op) && !onTableCreatedBefore(op, phase) ? 'checkedRowsNot' : 'alreadyChecked';
  // ALTER TYPE ... ADD VALUE: a missing value fails loudly at its first use.
  if (op.op === 'alterType' && typeof op.options.addValue === 'string') return 'enumValue';
  // CREATE TYPE "if it is missing": a type that is not there makes its first use fail, loudly.
  if (op.op === 'createType') return 'typeCreate';
  // CREATE EXTENSION "if it is missing": what it provides fails at its first use, loudly (hold-out 71).
  if (op.op === 'createExtension') return 'extensionCreate';
  // A best-effort cleanup of something that may already be gone.
  if (toleratesMissing(op)) return 'cleanup';
  // DROP TYPE "if it is there": a type left in place is kept by the enum declared again after it (measured), and
  // only a value the new list adds fails, at its first write.
  if (op.op === 'dropType' || op.op === 'dropEnum') return 'typeKept';
  // `try { insert } catch { update the same table }`: the catch does the write another way.
  if (op.guard?.kind === 'catch-all' && op.guard.fallback === true && writesRows(op.op)) return 'fallbackWrite';
  // A rollback that removes what `up` added, "if it is there": what is left behind is the object
  // `up` adds again (its own checks or guard decide what then happens), not lost or skipped data.
  if (op.phase === 'down' && dropsAnObject(op.op) && !NOT_ROUTINE_IN_ROLLBACK.has(OPERATIONS[op.op].destroys)) return 'rollbackCleanup';
  // A rollback that rewrites rows back for each element of a list (a conversion undone row by row, a backfill reset
  // table by table): a failure leaves those rows as `up` left them.
  if (op.phase === 'down' && looped && (op.op === 'update' || op.op === 'bulkUpdate')) return 'rollbackRewrite';
  return null;
}

/**
 * The step's table is one the project knows by more than this step: a model maps it, or another step of the migrations
 * names it (`tablesTheProjectKnows` counts the step itself). Unknown when the project does not say which tables there are.
 */
function knownTable(project: ProjectModel, op: Operation): boolean {
  const table = op.target.table;
  if (table === null) return false;
  if (tablesTheProjectKnows(project) === null) return true;
  if ((project.models?.models ?? []).some((m) => m.tableName === table)) return true;
  return project.migrations.some((m) => [...m.up, ...m.down].some((o) => o !== op && o.op !== 'dropTable' && (o.target.table === table || o.target.newName === table)));
}

/** The step checks the table's rows, so that they can make it fail: NOT NULL set, a constraint added, a unique index built. */
function checksRows(op: Operation): boolean {
  return setsNotNull(op) || op.op === 'addConstraint' || (op.op === 'addIndex' && op.options.unique === true);
}

/**
 * A builder changeColumn that only loosens the column: the type it had restated (as the replay knows it before an `up`
 * step; for a `down` step, as this migration's `up` declares the column), NULL allowed, no foreign key restated. It
 * converts no value and refuses no row: only an outside cause (a lock timeout, a lost connection) makes it fail.
 */
function onlyLoosens(project: ProjectModel, op: Operation, migration: { up: readonly Operation[] }): boolean {
  // `ALTER COLUMN c DROP DEFAULT` / `DROP NOT NULL`: PostgreSQL takes them whatever the column has, rows or not
  // (measured, test/semantics/loosening-alters.test.ts; hold-out 95: a "remove default if exists" under a catch).
  if (op.op === 'changeColumn' && op.sql && sqlLoosening(op) !== null) return true;
  if (op.op !== 'changeColumn' || op.sql || op.options.allowNull === false || op.options.references !== undefined || typeof op.options.type !== 'string') return false;
  if (op.phase === 'up') {
    const column = columnBefore(project, op);
    return column !== undefined && restatesColumn(op, column);
  }
  const declared = migration.up.find((u) => (u.op === 'changeColumn' || u.op === 'addColumn') && !u.sql && u.target.table === op.target.table && u.target.column === op.target.column);
  return declared !== undefined && typeof declared.options.type === 'string' && restatesColumn(op, { type: declared.options.type, allowNull: false });
}

/** A raw `ALTER COLUMN` that only drops the default or the NOT NULL, as message text; null for anything else. */
function sqlLoosening(op: Operation): string | null {
  const keys = Object.keys(op.options);
  if (keys.length !== 1) return null;
  if (op.options.dropDefault === true) return 'its default dropped';
  if (op.options.dropNotNull === true) return 'NULL allowed';
  return null;
}

/** How a step `onlyLoosens` loosens its column, as message text. */
function loosening(op: Operation): string {
  return (op.sql ? sqlLoosening(op) : null) ?? 'its type restated, NULL allowed';
}

/**
 * A drop under a catch-all (`DROP CONSTRAINT x`, an index, a table) that a later step of the phase, not under a
 * catch, adds again (the same object, as `precededByItsUndo` matches them): had the drop failed, the add fails on
 * "already exists". That step, or null.
 */
/**
 * A foreign key addConstraint on a column whose definition already references the same table and column
 * (`keyAlreadyHeld`), with the same ON DELETE and ON UPDATE (NO ACTION and RESTRICT alike): adding it changes nothing
 * the key enforces, whether it fails ("already exists") or not.
 */
function sameKeyHeld(project: ProjectModel, op: Operation): boolean {
  if (op.op !== 'addConstraint') return false;
  const held = keyAlreadyHeld(project, op);
  return held !== undefined && held.onDelete !== '?' && held.onDelete === referentialAction(op.options.onDelete) && held.onUpdate === referentialAction(op.options.onUpdate);
}

function readdedAfter(op: Operation, phase: readonly Operation[]): Operation | null {
  if (!dropsAnObject(op.op) || op.op === 'removeColumn') return null;
  return phase.slice(phase.indexOf(op) + 1).find((s) => s.guard?.kind !== 'catch-all' && precededByItsUndo(s, [op])) ?? null;
}

/**
 * An addColumn under a catch-all (an add-if-missing) whose column a later step of the phase, not under a catch, acts
 * on: changes, renames, drops, indexes or constrains it, or writes it (an UPDATE setting it). Had the add failed for a
 * real reason, that step fails on the missing column. That step, or null.
 */
function neededLater(op: Operation, phase: readonly Operation[]): Operation | null {
  const { table, column } = op.target;
  // `createSchema('inventory').catch(() => {})` before a step that makes or changes something in that schema: had the
  // schema not been made, that step fails ("schema does not exist"; hold-out 97).
  if (op.op === 'createSchema' && op.target.name) {
    const schema = op.target.name;
    return phase.slice(phase.indexOf(op) + 1).find((s) => s.guard?.kind !== 'catch-all' && !s.conditional && s.target.schema === schema && changesDatabase(s.op)) ?? null;
  }
  if (op.op !== 'addColumn' || !table || !column) return null;
  return (
    phase.slice(phase.indexOf(op) + 1).find((s) => {
      if (s.guard?.kind === 'catch-all' || s.conditional || s.target.table !== table) return false;
      if (s.target.column === column && ['changeColumn', 'renameColumn', 'removeColumn'].includes(s.op)) return true;
      if ((s.op === 'addIndex' || s.op === 'addConstraint') && (s.fields ?? []).includes(column)) return true;
      return (s.op === 'update' || s.op === 'bulkUpdate') && (updatedColumns(s) ?? []).includes(column);
    }) ?? null
  );
}

/**
 * An index or a constraint under a catch-all on a table an earlier step of the phase creates (guarded or not), over
 * columns that createTable declares: on a database the migrations built, the table is new and empty, the columns are
 * there, and nothing in the data can make the step fail. The createTable step, or null.
 */
function onTableCreatedBefore(op: Operation, phase: readonly Operation[]): Operation | null {
  if ((op.op !== 'addIndex' && op.op !== 'addConstraint') || !op.target.table || op.sql) return null;
  const fields = indexedFields(op);
  if (!fields || fields.length === 0 || fields.some((f) => typeof f !== 'string')) return null;
  // A foreign key also needs the table it references, which may be missing for a real reason.
  if (op.op === 'addConstraint' && op.options.type !== 'unique' && op.options.type !== 'primary key') return null;
  const created = tableCreatedBefore(op, phase);
  if (!created?.columns) return null;
  return fields.every((f) => Object.hasOwn(created.columns!, f as string)) ? created : null;
}

/**
 * An index over a column the createTable earlier in the phase does not declare (a typo): it always fails, and that
 * failure is the one the catch hides.
 */
function overUndeclaredColumn(op: Operation, phase: readonly Operation[]): boolean {
  const created = tableCreatedBefore(op, phase);
  const fields = indexedFields(op);
  if (!created?.columns || !fields) return false;
  return fields.some((f) => typeof f === 'string' && !Object.hasOwn(created.columns!, f));
}

/** The createTable of the step's table earlier in the phase (the same schema), if any. */
function tableCreatedBefore(op: Operation, phase: readonly Operation[]): Operation | undefined {
  return phase.slice(0, phase.indexOf(op)).find((s) => s.op === 'createTable' && s.target.table === op.target.table && s.target.schema === op.target.schema);
}

/** The fields an addIndex or addConstraint names (its `fields` argument, or the option), as written; null when not static. */
function indexedFields(op: Operation): readonly JsonValue[] | null {
  return op.fields ?? (Array.isArray(op.options.fields) ? op.options.fields : null);
}

/** A builder addIndex that is neither unique nor concurrent (a failed concurrent build leaves an INVALID index behind). */
function plainIndex(op: Operation): boolean {
  return op.op === 'addIndex' && !op.sql && op.options.unique !== true && op.options.concurrently !== true && op.options.type !== 'UNIQUE';
}

function listTables(creators: Operation[]): string {
  const names = [...new Set(creators.map((c) => `\`${c.target.table}\` (line ${c.loc.line})`))];
  return names.length === 1 ? `table ${names[0]}` : `tables ${names.join(', ')}`;
}

/**
 * A removeColumn of `up` under a catch-all whose failure leaves only a leftover: the column (as the replay knows it)
 * takes NULL or has a default, so the application's inserts that stop naming it still succeed, and no later step
 * of the phase touches that column again (re-adds it, renames to it). A NOT NULL column without a default left
 * behind makes those inserts fail: not harmless.
 */
function harmlessLeftover(project: ProjectModel, op: Operation, phase: readonly Operation[]): boolean {
  if (op.phase !== 'up' || op.op !== 'removeColumn' || !op.target.table || !op.target.column) return false;
  const column = columnBefore(project, op);
  if (!column || !(column.allowNull === true || column.defaulted === true)) return false;
  const later = phase.slice(phase.indexOf(op) + 1);
  return !later.some((s) => s.target.table === op.target.table && (s.target.column === op.target.column || Boolean(s.sql)));
}

/**
 * A constraint removed under a catch-all, with a later step of the same phase (not under a catch) that settles
 * the matter: it drops the constraint's table, or the column a foreign key named `<table>_<column>_fkey` is on
 * (PostgreSQL drops the constraint with it), or, without CASCADE, the table that column references (`idTokenId`
 * → `IdTokens`), which fails loudly while the key is left. What that step does, as message text, or null.
 */
function settledLater(op: Operation, phase: readonly Operation[]): string | null {
  if (op.op !== 'removeConstraint' || !op.target.table) return null;
  const table = op.target.table;
  const name = op.target.name ?? '';
  const column = name.startsWith(`${table}_`) && /_(fkey|fk|foreign)$/i.test(name) ? name.slice(table.length + 1).replace(/_(fkey|fk|foreign)$/i, '') : null;
  const referenced = column ? looseTableName(column.replace(/_?id$/i, '')) : '';
  for (const s of phase.slice(phase.indexOf(op) + 1)) {
    if (s.guard?.kind === 'catch-all') continue;
    const step = listSteps([s]);
    if (s.op === 'dropTable' && s.target.table === table) return `${step} drops the table the constraint is on, and the constraint with it`;
    if (s.op === 'removeColumn' && s.target.table === table && column !== null && s.target.column === column) return `${step} drops the column the key is on, and the key with it`;
    if (s.op === 'dropTable' && referenced !== '' && s.target.table !== null && looseTableName(s.target.table) === referenced && s.options.cascade !== true) {
      return `${step} drops the table the key references, without CASCADE, which fails loudly while the key is there`;
    }
  }
  return null;
}

/**
 * An `up` step that adds a column (or renames one to its new name) that a model maps, as the model text for the message
 * (`` `Class` maps `Classes.joinCode` ``): if it fails, the column is missing, and every query of that model names it
 * and fails at once (hold-out 52: 14 such catches labeled not worth a warning). Null otherwise.
 */
function mappedBy(project: ProjectModel, op: Operation): string | null {
  if (op.phase !== 'up' || op.conditional || op.inLoop) return null;
  const column = op.op === 'addColumn' ? op.target.column : op.op === 'renameColumn' ? op.target.newName : null;
  const model = column ? modelMappingColumn(project, op.target, column) : null;
  if (!model || !column) return null;
  return `a column ${model.name ? `the model \`${model.name}\`` : `the model of \`${model.file}\``} maps (\`${op.target.table}.${column}\`)`;
}

/**
 * An additive `up` step that cannot fail on the data (a nullable column or one with a default, a table, a plain
 * index), in a project whose start builds the schema with `sync()` (not a developer's script only): on a database
 * sync built first, the object is there and the catch is the step's "already exists" guard (hold-out 52 and 53: 28
 * such catches labeled not worth a warning).
 */
function builtBySyncFirst(project: ProjectModel, op: Operation): boolean {
  const sync = project.schemaSync;
  if (!sync || sync.development || op.phase !== 'up' || op.conditional || op.inLoop || op.sql) return false;
  switch (op.op) {
    case 'createTable':
      return true;
    case 'addIndex':
      return op.options.unique !== true && op.options.concurrently !== true;
    case 'addColumn':
      return op.options.allowNull !== false || setsDefault(op.options.defaultValue) || op.options.autoIncrement === true;
    default:
      return false;
  }
}
