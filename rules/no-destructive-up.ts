import { createRule } from '../src/rules/create-rule';
import type { Migration, Operation, Severity } from '../src/model';
import { destructiveEffect, type DestructiveEffect } from '../src/operations/effects';
import { CreatedInMigration } from '../src/schema/replay';
import { escapeRegExp } from '../src/util/text';
import { LOSS_WORDS } from '../src/operations/loss';
import { deletedOrphans, describeColumn, erasedColumns, normalization, overwrittenColumns, reversedByDown, updateFacts, updatedColumns } from '../src/operations/updates';
import type { OrphanFacts } from '../src/sql/update-facts';

type MessageIds =
  | DestructiveEffect['kind']
  | 'deleteOrphanRows'
  | 'rewriteSomeRows'
  | 'transientTable'
  | 'erasesCopy'
  | 'regenerated'
  | 'rewriteJsonKeys'
  | 'movedBefore'
  | 'copiedBefore'
  | 'normalizeValues';

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
      deleteAllRows: 'Migrating deletes every row of {{target}}.',
      deleteSomeRows: 'Migrating deletes the rows of {{target}} matching {{where}}.',
      deleteOrphanRows: 'Migrating deletes the orphan rows of {{target}} ({{orphans}}): check that nothing still needs them; they come back only from a backup.',
      truncate: 'Migrating empties {{target}} (TRUNCATE).',
      overwriteAllRows: 'Migrating overwrites {{columns}} in every row of {{target}} (no WHERE): the previous values are lost.',
      overwriteSomeRows: 'Migrating erases {{columns}} of {{target}} in the rows matching {{where}} (set to NULL or empty, or several values merged into one): the previous values are lost.',
      rewriteSomeRows:
        'Migrating rewrites {{columns}} of {{target}} in the rows matching {{where}}, and `down` does not restore them: keep a backup if the previous values matter.',
      transientTable:
        'Migrating {{effect}} {{target}}, whose name says it holds transient or bookkeeping rows ({{kind}}): nothing users wrote is expected there, but check that nothing else lives in it.',
      erasesCopy:
        'Migrating clears {{columns}} of {{target}} only where it equals another column of the row: the value erased is a copy, nothing is lost.',
      regenerated:
        'Migrating drops {{target}} and adds it back as a generated column (line {{line}}): PostgreSQL computes every value again from the row, nothing is lost.',
      rewriteJsonKeys:
        'Migrating sets {{columns}} in every row of {{target}}, keeping the rest of each document: a previous value of that key, where there was one, is not kept.',
      movedBefore:
        'Migrating {{effect}} {{target}}, whose values {{when}} moved into {{into}} ({{line}}): they are kept there, so nothing is lost unless that conversion was lossy or the column took writes since.',
      copiedBefore:
        'Migrating {{effect}} {{target}}, whose rows {{when}} into {{into}} ({{where}}): they are kept there, so nothing is lost unless that copy was partial or the table took writes since.',
      normalizeValues: 'Migrating rewrites {{columns}} of {{target}} in place ({{functions}}): the previous spelling of the changed values is not kept.',
      dropSchema: 'Migrating drops schema `{{name}}` and every table in it.',
      dropEverything: 'Migrating drops every table in the database ({{target}}).',
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
    const byIndex = new Map(project.migrations.map((m) => [m.index, m]));
    // Tables whose rows an `INSERT ... SELECT` has copied elsewhere so far, in run order.
    const copies = new Map<string, Copy>();
    // UPDATEs of every row (no WHERE) of the migrations so far: the expand step of expand/contract.
    const fullUpdates: Move[] = [];
    for (const migration of project.migrations) {
      const created = new CreatedInMigration();
      const previous = addedByPreviousMigration(byIndex.get(migration.index - 1));
      const findings: Candidate[] = [];
      for (const op of migration.up) {
        // What the migration created a moment earlier is no existing data, copied or not.
        const effect = destructiveEffect(op, true);
        const candidate = !effect
          ? null
          : ((created.tableIsNew(op.target.table)
              ? null
              : (copiedAway(op, effect, migration, copies) ?? movedAway(op, effect, migration, fullUpdates) ?? transient(op, effect) ?? regenerated(op, effect, migration))) ??
            judge(op, effect, migration, created, previous));
        recordCopies(op, migration, copies);
        created.record(op);
        if (candidate && (candidate.severity === 'error' || options.reportRowFilteredChanges)) findings.push(candidate);
      }
      for (const u of migration.up) if (u.op === 'update' && u.sql === true && u.options.where === false) fullUpdates.push({ u, m: migration });
      for (const finding of oncePerCallSite(findings)) {
        report({ migration, loc: finding.op.loc, messageId: finding.messageId, data: finding.data, target: finding.op.target, severity: finding.severity });
      }
    }
  },
});

/** Where the rows of a table were copied: by which migration, into which table, at which line. */
interface Copy {
  into: string | null;
  migration: Migration;
  line: number;
  /** Every row was copied (one table read, no WHERE). */
  all: boolean;
}

function recordCopies(op: Operation, migration: Migration, copies: Map<string, Copy>): void {
  const from = op.op === 'insert' && Array.isArray(op.options.copiedFrom) ? op.options.copiedFrom : [];
  for (const t of from) if (typeof t === 'string' && t !== op.target.table) copies.set(t, { into: op.target.table, migration, line: op.loc.line, all: op.options.copiedAll === true });
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
  if (!copy || (copy.migration !== migration && !(copy.all && effect.kind === 'dropTable'))) return null;
  const same = copy.migration === migration;
  const data = {
    ...effect.data,
    // A delete of every row copied away is said as a delete of rows: they live on in the copy.
    effect: LOSS_WORDS[effect.kind === 'deleteAllRows' ? 'deleteSomeRows' : effect.kind].verb,
    when: same ? 'this migration just copied' : 'an earlier migration copied, all of them,',
    into: copy.into ? `\`${copy.into}\`` : 'another table',
    where: same ? `line ${copy.line}` : `${copy.migration.name}:${copy.line}`,
  };
  return { op, messageId: 'copiedBefore', data, severity: 'info', columns: [] };
}

/** Every SET of the UPDATE writes one JSON key (`jsonb_set`, `col || '{"k": v}'`), none a whole column. */
function setsOnlyJsonKeys(op: Operation): boolean {
  const facts = op.sql ? updateFacts(op) : null;
  if (!facts) return false;
  const sets = Object.values(facts.set);
  return sets.length > 0 && sets.every((f) => f.kind === 'jsonSet');
}

/**
 * A column dropped and added back, in the same migration, as a generated
 * column (`DROP COLUMN c, ADD COLUMN c tsvector GENERATED ALWAYS AS (...)
 * STORED`): its values are computed again from the row.
 */
function regenerated(op: Operation, effect: DestructiveEffect, migration: Migration): Candidate | null {
  if (op.op !== 'removeColumn' || !op.target.table || !op.target.column) return null;
  const after = migration.up.slice(migration.up.indexOf(op) + 1);
  const column = escapeRegExp(op.target.column);
  const readd = after.find(
    (u) => u.op === 'addColumn' && u.sql && u.target.table === op.target.table && u.target.column === op.target.column && new RegExp(`add\\s+(column\\s+)?"?${column}"?[^,;]*?\\bgenerated\\s+always\\s+as\\b`, 'i').test(u.statement ?? ''),
  );
  if (!readd) return null;
  return { op, messageId: 'regenerated', data: { ...effect.data, line: String(readd.loc.line) }, severity: 'info', columns: [] };
}

/** Table names that say what they hold is transient or bookkeeping, not what users wrote. */
const TRANSIENT_TABLES: [RegExp, string][] = [
  [/^(temp|tmp)$|^(temp|tmp)[_-]|[_-](temp|tmp)$/i, 'temporary data'],
  [/^sessions?$/i, 'login sessions: users sign in again'],
  [/^(schema_version|schema_migrations|flyway_schema_history|knex_migrations(_lock)?|SequelizeMeta|SequelizeData)$/i, 'a migration tool’s history'],
];

/** Dropping or emptying a table whose name says it is transient (sessions, temporary rows, a migration tool's history). */
function transient(op: Operation, effect: DestructiveEffect): Candidate | null {
  if (!['dropTable', 'truncate', 'deleteAllRows'].includes(effect.kind) || !op.target.table) return null;
  const bare = op.target.table.replace(/^v\d+_/, '');
  const hit = TRANSIENT_TABLES.find(([re]) => re.test(bare));
  if (!hit) return null;
  // Deleting every row of it empties it, as a TRUNCATE does.
  const data = { ...effect.data, effect: LOSS_WORDS[effect.kind === 'deleteAllRows' ? 'truncate' : effect.kind].verb, kind: hit[1] };
  return { op, messageId: 'transientTable', data, severity: 'info', columns: [] };
}

/**
 * A column dropped or erased after an `UPDATE` of the same table, earlier in
 * the same migration, computed another column from it (`SET permission = CASE
 * WHEN private ...`, `SET old_language_id = language_id`): its values moved.
 */
/** An UPDATE and the migration it belongs to. */
interface Move {
  u: Operation;
  m: Migration;
}

function movedAway(op: Operation, effect: DestructiveEffect, migration: Migration, fullUpdates: readonly Move[]): Candidate | null {
  if (!op.target.table) return null;
  const erased = effect.kind === 'dropColumn' ? (op.target.column ? [op.target.column] : []) : effect.kind === 'overwriteAllRows' || effect.kind === 'overwriteSomeRows' ? (erasedColumns(op) ?? []) : [];
  if (erased.length === 0) return null;
  // `SET x = NULL WHERE x = "email"`: the value erased is a copy of another column of the row.
  if (effect.kind !== 'dropColumn' && erased.every((c) => equalsAnotherColumn(op, c))) {
    const data = { ...effect.data, columns: erased.map((c) => `\`${c}\``).join(', ') };
    return { op, messageId: 'erasesCopy', data, severity: 'info', columns: [] };
  }
  const before = migration.up.slice(0, migration.up.indexOf(op));
  // An earlier migration's UPDATE of every row (no WHERE) moved the values too: the expand step of expand/contract.
  const earlier = effect.kind === 'dropColumn' ? fullUpdates : [];
  for (const column of erased) {
    const moves = (u: Operation) => u.op === 'update' && u.sql === true && u.target.table === op.target.table && readsColumnIntoAnother(u, column);
    const here = before.find(moves);
    const there = here ? undefined : earlier.find(({ u }) => moves(u));
    const mover = here ?? there?.u;
    if (!mover) return null;
    if (column === erased[erased.length - 1]) {
      const into = (updatedColumns(mover) ?? []).filter((c) => c !== column).map((c) => `\`${c}\``).join(', ') || 'another column';
      const line = there ? `${there.m.name}:${mover.loc.line}` : `line ${mover.loc.line}`;
      const data = { ...effect.data, effect: effect.kind === 'dropColumn' ? 'drops' : 'erases', into, line, when: there ? 'an earlier migration' : 'this migration just' };
      return { op, messageId: 'movedBefore', data, severity: 'info', columns: [] };
    }
  }
  return null;
}

/**
 * An UPDATE that writes another column from `column`: it reads it in a SET
 * value (`SET permission = CASE WHEN private ...`) or selects the rows by it
 * (`SET scheme_id = 1 WHERE feedback_enabled`). Read from the statement's
 * text: the statement is parsed, but its SET expressions are not kept.
 */
function readsColumnIntoAnother(update: Operation, column: string): boolean {
  const text = update.statement ?? '';
  const afterSet = /\bset\b([\s\S]*)$/i.exec(text)?.[1] ?? '';
  const targets = updatedColumns(update) ?? [];
  if (targets.length === 0 || targets.every((t) => t === column)) return false;
  // The values and the WHERE: what follows each `=` of the SET list, and everything after it.
  const values = afterSet.split(/(?<![<>!=])=(?!=)/).slice(1).join(' ');
  const quoted = new RegExp(`"${escapeRegExp(column)}"`);
  const bare = /^[a-z_][a-z0-9_]*$/.test(column) ? new RegExp(`(^|[^\\w".])${column}(?![\\w"])`) : null;
  return quoted.test(values) || (bare !== null && bare.test(values));
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
function judge(op: Operation, effect: DestructiveEffect, migration: Migration, created: CreatedInMigration, previous: CreatedInMigration): Candidate | null {
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
    const functions = normalization(op);
    if (functions) {
      return { ...base, messageId: 'normalizeValues', severity: 'info', data: { ...effect.data, functions: functions.map((f) => `\`${f}\``).join(', ') } };
    }
  }
  // One JSON key set in every row, the rest of each document kept: a key added or rewritten, not a column overwritten.
  if (effect.kind === 'overwriteAllRows' && setsOnlyJsonKeys(op)) return { ...base, messageId: 'rewriteJsonKeys', severity: 'info' };
  // A targeted rewrite is the migration's purpose: the rows get values it chose. Only an erasure is a warning.
  if (effect.kind === 'overwriteSomeRows') {
    const erased = erasedColumns(op);
    if (!erased || erased.length === 0) return { ...base, messageId: 'rewriteSomeRows', severity: 'info' };
    const erasedText = erased.map((c) => describeColumn(op, c));
    return { ...base, columns: erasedText, messageId: 'overwriteSomeRows', severity: 'warning', data: { ...effect.data, columns: erasedText.join(', ') } };
  }
  const orphans = effect.kind === 'deleteSomeRows' ? deletedOrphans(op) : null;
  if (orphans) return { ...base, messageId: 'deleteOrphanRows', severity: 'warning', data: { ...effect.data, orphans: describeOrphans(orphans) } };
  return { ...base, messageId: effect.kind, severity: effect.all ? 'error' : 'warning' };
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
  for (const f of findings) {
    const key = `${f.op.loc.line}:${f.op.loc.column}:${f.messageId}:${f.severity}`;
    const first = groups.get(key);
    if (!first) {
      groups.set(key, { ...f, columns: [...f.columns] });
      targets.set(key, [f.data.target ?? '']);
      continue;
    }
    const list = targets.get(key)!;
    if (!list.includes(f.data.target ?? '')) list.push(f.data.target ?? '');
    for (const c of f.columns) if (!first.columns.includes(c)) first.columns.push(c);
  }
  return [...groups.entries()].map(([key, f]) => {
    const list = targets.get(key)!;
    if (list.length === 1 && f.columns.length === 0) return f;
    const data: Record<string, string> = { ...f.data, target: list.join(', ') };
    if (f.columns.length > 0 && f.data.columns !== undefined) data.columns = f.columns.join(', ');
    return { ...f, data };
  });
}

/** Columns the previous migration's `up` added: until the release ships, they hold nothing but what migrations wrote. */
function addedByPreviousMigration(previous: Migration | undefined): CreatedInMigration {
  const added = new CreatedInMigration();
  for (const op of previous?.up ?? []) if (op.op === 'addColumn') added.record(op);
  return added;
}

function isNewData(op: Operation, created: CreatedInMigration, previous: CreatedInMigration): boolean {
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
