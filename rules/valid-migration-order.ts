import type { Migration, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { compareRunOrder } from '../src/discovery';
import { isRead } from '../src/operations/table';
import { analyzeRunOrder, passedFiles } from '../src/naming/migration-names';
import { escapeRegExp } from '../src/util/text';
import { addedForeignKeys, referencedTable } from '../src/operations/foreign-keys';
import { columnIsAbsent, projectReplay } from '../src/schema/replay';
import { laterCreator, touchedBy, type Touched } from '../src/rules/tables-touched';
import { projectDialects } from '../src/rules/project-facts';

/**
 * The runner orders migrations by the plain string sort of their names, and
 * names say the order their authors meant (a timestamp, a counter). The rule
 * reports where the two part: a file the sort puts out of place (once, on that
 * file), and a group of files that share a prefix of one scheme, whose order
 * then hangs on the rest of the names (once per group). A misplaced file is a
 * warning when it and a file it passes change the same table; a group, when
 * the order the rest of the names gives breaks what one file needs from
 * another (it uses what one sorted after it creates, or what one sorted before
 * it removes). Elsewhere a different order builds the same tables.
 */
export default createRule({
  id: 'valid-migration-order',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require migration names whose run order is unambiguous',
      help: 'Give each migration a unique prefix of one scheme and width (sequelize-cli generates YYYYMMDDHHMMSS-); rename only migrations that have not run anywhere yet.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      duplicatePrefix:
        '{{file}} shares the prefix `{{prefix}}` with {{others}}: their run order depends on the rest of the names, not on when they were written. None of them uses what another creates after it or removes before it.',
      duplicatePrefixBreaks:
        '{{file}} shares the prefix `{{prefix}}` with {{others}}, so the rest of the names orders them: it runs {{position}} {{other}}, which {{change}}, yet it uses {{what}}. On a fresh database it fails there, or changes a schema it was not written for. Give them prefixes that run {{first}} first.',
      sortsBeforeBase:
        '{{file}} is new but sorts before {{latest}}, already on {{ref}}: databases that ran {{latest}} will run it later and out of order, fresh databases in order, so the two can end up with different schemas. Give it a name that sorts after {{latest}}.',
      stringOrderDiffers:
        '{{file}} runs {{position}} {{other}} because the runner sorts names as strings, although its prefix `{{prefix}}` puts it {{intended}} {{anchor}}: the sort moves it past {{passed}}, so a fresh database runs them in a different order than their names say.',
      needsLaterTable:
        '{{file}} {{uses}} `{{table}}` (line {{line}}), which no migration before it creates: {{other}}, which sorts after it, creates it. On a fresh database this migration fails there (relation does not exist) and the migrations stop; on databases where the table came first (made by hand or by `sync()`) it works, so the two kinds of database part ways. Give the files names that run {{other}} first, if neither has run anywhere yet.',
      needsLaterTableBuiltElsewhere:
        '{{file}} {{uses}} `{{table}}` (line {{line}}), which no migration before it creates: {{other}}, which sorts after it, creates it. But these migrations do not build a fresh database anyway: {{earlier}}, which runs before both, {{earlierUses}} `{{missing}}`, which no migration creates (its tables come from elsewhere, a dump or tables made by hand). Where the table came first it works; give the files names that run {{other}} first, if neither has run anywhere yet.',
      tableInOtherCase:
        '{{file}} {{uses}} `{{table}}` (line {{line}}), a name no migration creates, but {{other}} creates `{{created}}`, which differs from it only in case. {{where}}. Write the name as {{other}} does.',
      needsLaterColumn:
        '{{file}} {{uses}} {{column}} (line {{line}}), which no migration before it adds: {{other}}, which sorts after it, adds it. On a fresh database this migration fails there (column does not exist); on databases where {{other}} ran first it works, so the two kinds of database part ways. Guard the step (`describeTable` first), or, if neither file has run anywhere yet, give {{other}} a name that sorts first.',
      stringOrderDiffersSameTable:
        '{{file}} runs {{position}} {{other}} because the runner sorts names as strings, although its prefix `{{prefix}}` puts it {{intended}} {{anchor}}; it and {{sharedWith}} both change `{{table}}`, so a step that relies on the other can fail, or leave `{{table}}` different from what the order of the names builds.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    // A file that is not a migration (a test beside them, a helper: valid-migration-file reports it) has no place in the order.
    const migrations = project.migrations.filter((m) => m.status !== 'not-a-migration');
    // A runner that sorts its own way gives the names no order to check.
    if (project.project.runner?.order !== 'custom') {
      // Files whose order a finding below already questions.
      const reportedFiles: string[] = [];
      // Files the string sort puts out of place (`0.27.4` after `0.27.12`): a file that needs a table one of them
      // creates fails for that one cause, said on it.
      const misplacedFiles = new Set<string>();
      const analysis = analyzeRunOrder(migrations.map((m) => m.name));
      const { parsed, duplicates, misplaced } = analysis;
      const tablesAt = (i: number): Touched => touchedBy(migrations[i]!);

      // Each group of files sharing a prefix once: on the file a broken dependency makes fail, else on the first file of the group that is new on this branch (the first in run order without a base).
      const onBase = project.baseMigrations ? new Set(project.baseMigrations.names) : null;
      for (const { indexes } of duplicates) {
        for (const i of indexes) reportedFiles.push(migrations[i]!.name);
        const broken = brokenPair(indexes, tablesAt, (i, j) => !sameChanges(migrations[i]!, migrations[j]!) && firstShared(tablesAt(i), tablesAt(j)) !== null);
        const at = broken ? broken.dependent : (indexes.find((i) => onBase !== null && !onBase.has(migrations[i]!.name)) ?? indexes[0]!);
        const m = migrations[at]!;
        const data: Record<string, string> = { file: m.name, prefix: parsed[at]!.prefix, others: listed(indexes.filter((i) => i !== at).map((i) => migrations[i]!.name)) };
        if (broken) {
          const other = migrations[broken.other]!.name;
          const early = broken.dependent < broken.other;
          report({
            migration: m,
            messageId: 'duplicatePrefixBreaks',
            data: { ...data, position: early ? 'before' : 'after', other, change: broken.change, what: broken.what, first: early ? other : m.name },
            severity: 'warning',
          });
        } else {
          report({ migration: m, messageId: 'duplicatePrefix', data, severity: 'info' });
        }
      }

      for (const o of misplaced) {
        const m = migrations[o.index]!;
        reportedFiles.push(m.name);
        misplacedFiles.add(m.name);
        const late = o.direction === 'late';
        const data: Record<string, string> = {
          file: m.name,
          prefix: parsed[o.index]!.prefix,
          position: late ? 'after' : 'before',
          other: migrations[o.other]!.name,
          intended: late ? 'before' : 'after',
          anchor: migrations[o.anchor]!.name,
          passed: o.passedCount === 1 ? '1 migration' : `${o.passedCount} migrations`,
        };
        let sharing: { index: number; table: string } | null = null;
        for (const j of passedFiles(analysis, o)) {
          // A table the file that runs first (in the runner's order) creates and the other does not: created, then
          // changed, as every database meets them; only the order of the names fails (hold-out 103: a baseline named
          // by the clock, each file returning early where its table exists, after a dated change of one of them).
          const [runsFirst, runsSecond] = late ? [tablesAt(j), tablesAt(o.index)] : [tablesAt(o.index), tablesAt(j)];
          const table = allShared(tablesAt(o.index), tablesAt(j)).find((t) => !(runsFirst.creates.has(t) && !runsSecond.creates.has(t))) ?? null;
          if (table !== null) {
            sharing = { index: j, table };
            break;
          }
        }
        if (sharing) {
          report({
            migration: m,
            messageId: 'stringOrderDiffersSameTable',
            data: { ...data, sharedWith: migrations[sharing.index]!.name, table: sharing.table },
            severity: 'warning',
          });
        } else {
          report({ migration: m, messageId: 'stringOrderDiffers', data, severity: 'info' });
        }
      }

      // A step acting on a column that no migration before it adds and one sorted after it does: in name order it
      // meets no such column (the replay knows every column of the table there). Once per migration, and not on a
      // file already reported above for the same pair's order.
      const replay = projectReplay(project.migrations);
      const reported = new Set(reportedFiles);
      // The tables the migrations create, by name and case-folded name: made at the first file that asks.
      let names: CreatedNames | undefined;
      const dialects = projectDialects(project);
      for (const [i, m] of migrations.entries()) {
        if (reported.has(m.name)) continue;
        // A step on a table no migration before it creates, which one sorted after it does: in name order it meets no
        // such table. Once per migration.
        // Not where tables can come from sync() (a later createTable brings one into the migrations), nor before a
        // squashed baseline (fresh databases skip those migrations; the baseline makes the tables).
        const baseline = project.project.runner?.baseline?.migration;
        const beforeBaseline = baseline !== undefined && compareRunOrder(m.name, baseline.split('/').pop()!) < 0;
        const table = project.schemaSync || beforeBaseline ? null : tableNeededLater(migrations, i, !dialects.dialects.includes('sqlite'));
        // The creator already reported as out of place (a version string sorted wrong): the same cause, said there.
        if (table && !misplacedFiles.has(migrations[table.creator]!.name)) {
          const data = { file: m.name, uses: table.uses, table: table.name, line: String(table.op.loc.line), other: migrations[table.creator]!.name };
          // An earlier migration already needs a table no migration makes: a fresh database fails there first, so the
          // order says nothing about one (hold-out 95: a file dated a year early, in migrations that alter a hand-made
          // base schema from their second file on).
          const elsewhere = builtElsewhere(migrations, i, (names ??= createdNames(migrations)), replay.schema.opaque.length > 0);
          if (elsewhere) {
            const more = { earlier: migrations[elsewhere.index]!.name, earlierUses: TABLE_USES[elsewhere.op.op]!, missing: elsewhere.op.target.table! };
            report({ migration: m, loc: table.op.loc, messageId: 'needsLaterTableBuiltElsewhere', data: { ...data, ...more }, severity: 'info' });
            continue;
          }
          report({ migration: m, loc: table.op.loc, messageId: 'needsLaterTable', data, severity: 'warning' });
          continue;
        }
        // A step on a table named in another case than the one the migrations create (`contacts` for `Contacts`).
        const cased = project.schemaSync ? null : tableInOtherCase(migrations, i, (names ??= createdNames(migrations)));
        const caseSensitive = dialects.known && dialects.dialects.length > 0 && !dialects.dialects.includes('sqlite');
        if (cased && caseSensitive) {
          // PostgreSQL: Sequelize quotes the name, matched exactly, so the step fails. MySQL: as the server's
          // lower_case_table_names says; a project whose migrations ran has servers that fold case (no-model-drift
          // reads two casings the same way), so it is a portability note.
          const postgres = dialects.dialects.every((d) => d === 'postgres');
          const where = postgres
            ? 'PostgreSQL matches the quoted names Sequelize writes exactly: on a database the migrations built the migration fails there (relation does not exist), and the migrations stop'
            : 'MySQL and MariaDB match table names by case where the server says so: the migrations run only on servers that fold case (lower_case_table_names 1 or 2, macOS and Windows), and fail on the default of Linux (0), in a Docker image for one (table does not exist)';
          const data = { file: m.name, uses: TABLE_USES[cased.op.op] ?? 'acts on', table: cased.name, line: String(cased.op.loc.line), other: migrations[cased.creator]!.name, created: cased.created, where };
          report({ migration: m, loc: cased.op.loc, messageId: 'tableInOtherCase', data, severity: postgres ? 'warning' : 'info' });
          continue;
        }
        for (const step of replay.stepsOf(m)) {
          const { op } = step;
          if (!COLUMN_USES[op.op] || !columnIsAbsent(step)) continue;
          const key = `${op.target.table}.${op.target.column}`;
          const adder = laterCreator(migrations, i, op.target.table!, op.target.column!);
          if (adder < 0) continue;
          const data = { file: m.name, uses: COLUMN_USES[op.op]!, column: `\`${key}\``, line: String(op.loc.line), other: migrations[adder]!.name };
          report({ migration: m, loc: op.loc, messageId: 'needsLaterColumn', data, severity: 'warning' });
          break;
        }
      }
    }

    // With a base branch (--changed-since): a new file must come after everything already there.
    const base = project.baseMigrations;
    if (base) {
      const onBase = new Set(base.names);
      const latest = migrations.filter((m) => onBase.has(m.name)).at(-1);
      if (latest) {
        for (const m of migrations) {
          if (!onBase.has(m.name) && compareRunOrder(m.name, latest.name) < 0) {
            report({ migration: m, messageId: 'sortsBeforeBase', data: { file: m.name, latest: latest.name, ref: base.ref } });
          }
        }
      }
    }
  },
});


/**
 * The two `up`s make the same changes (the same operations on the same
 * targets with the same options, as when one migration was copied under
 * another name): either order builds the same schema.
 */
function sameChanges(a: Migration, b: Migration): boolean {
  // A builder changeColumn is compared by what the column becomes (type, NOT NULL, the table its key references): a comment or an ON DELETE does not order anything.
  const shape = (o: Operation) =>
    o.op === 'changeColumn' && !o.sql ? [o.op, o.target, o.options.type ?? null, o.options.allowNull ?? null, referencedTable(o.options.references)] : [o.op, o.target, o.options, o.columns ?? null, o.statement ?? null];
  const key = (m: Migration) => JSON.stringify(m.up.filter((o) => !isRead(o.op)).map(shape));
  return a.up.length > 0 && key(a) === key(b);
}

/**
 * The first table (in code-unit order) on which the two migrations depend on
 * each other's order, or null: one changes a table as a whole that the other
 * uses at all, or both change the same column. Two migrations that add
 * different columns to one table, or one that points a key at a table the
 * other adds a column to, build the same schema in either order.
 */
function firstShared(a: Touched, b: Touched): string | null {
  return allShared(a, b)[0] ?? null;
}

/** Every such table, in code-unit order. */
function allShared(a: Touched, b: Touched): string[] {
  const candidates: string[] = [];
  const tableOf = (c: string) => c.slice(0, c.lastIndexOf('.'));
  const uses = (t: Touched) => new Set([...t.whole, ...t.refs, ...[...t.columns].map(tableOf)]);
  const usesA = uses(a);
  const usesB = uses(b);
  for (const t of a.whole) if (usesB.has(t) || b.indexes.has(t)) candidates.push(t);
  for (const t of b.whole) if (usesA.has(t) || a.indexes.has(t)) candidates.push(t);
  for (const c of a.columns) if (b.columns.has(c)) candidates.push(tableOf(c));
  // An index written as SQL depends on a column the other migration changes only when its text names that column.
  const indexReads = (x: Touched, y: Touched) => {
    for (const c of y.columns) {
      const column = c.slice(c.lastIndexOf('.') + 1);
      const named = new RegExp(`(^|[^\\w])${escapeRegExp(column)}($|[^\\w])`);
      if ((x.indexes.get(tableOf(c)) ?? []).some((text) => named.test(text))) candidates.push(tableOf(c));
    }
  };
  indexReads(a, b);
  indexReads(b, a);
  return [...new Set(candidates)].sort();
}

/** Steps that need their table to exist, with how the message says what they do to it. */
const TABLE_USES: Partial<Record<Operation['op'], string>> = {
  addColumn: 'adds a column to',
  changeColumn: 'changes a column of',
  renameColumn: 'renames a column of',
  removeColumn: 'drops a column of',
  addIndex: 'indexes',
  addConstraint: 'adds a constraint to',
  removeConstraint: 'drops a constraint of',
  removeIndex: 'drops an index of',
  renameTable: 'renames',
  insert: 'inserts rows into',
  bulkInsert: 'inserts rows into',
  update: 'updates rows of',
  bulkUpdate: 'updates rows of',
};

/**
 * The first step of `migrations[index]`'s `up` that acts on a table (TABLE_USES) that no migration before it creates
 * (nor renames into being) and a migration after it creates: the step, the table, the creator's position. Null when
 * none does. Conditional steps and steps on tables it creates itself do not count.
 */
function tableNeededLater(migrations: readonly Migration[], index: number, keysChecked: boolean): { op: Operation; name: string; creator: number; uses: string } | null {
  const own = touchedBy(migrations[index]!).creates;
  const madeBefore = (name: string): boolean => migrations.slice(0, index).some((m) => touchedBy(m).creates.has(name));
  const neededLater = (name: string): number => (own.has(name) || madeBefore(name) ? -1 : laterCreator(migrations, index, name));
  for (const op of migrations[index]!.up) {
    if (op.conditional) continue;
    const name = op.target.table;
    if (name && TABLE_USES[op.op]) {
      const creator = neededLater(name);
      if (creator >= 0) return { op, name, creator, uses: TABLE_USES[op.op]! };
    }
    // A foreign key to a table only a later migration creates (`REFERENCES "Roles"` before `Roles` exists): PostgreSQL
    // and MySQL refuse it, SQLite takes it (it checks keys only when rows are written).
    // Sequelize's `createTable` is `CREATE TABLE IF NOT EXISTS`: where an earlier migration made the table, it does
    // nothing, and checks none of its keys (hold-out 101: a table first made by the file before, in raw SQL).
    const noOp = op.op === 'createTable' && !op.sql && name !== null && madeBefore(name);
    for (const key of keysChecked && !noOp ? addedForeignKeys(op) : []) {
      const creator = neededLater(key.parent);
      if (creator >= 0) return { op, name: key.parent, creator, uses: 'points a foreign key at' };
    }
  }
  return null;
}

/**
 * The first step of `migrations[index]`'s `up` that acts on a table (TABLE_USES) whose name no migration creates (nor
 * renames into being) while one creates a table of that name in another letter case: the step, its name, the name
 * created and that migration's position. Null when none does. Conditional steps do not count.
 */
function tableInOtherCase(migrations: readonly Migration[], index: number, names: CreatedNames): { op: Operation; name: string; created: string; creator: number } | null {
  const { exact, created } = names;
  for (const op of migrations[index]!.up) {
    const name = op.target.table;
    if (!name || !TABLE_USES[op.op] || op.conditional || exact.has(name)) continue;
    const other = created.get(name.toLowerCase());
    if (other) return { op, name, created: other.name, creator: other.creator };
  }
  return null;
}

/**
 * The first unconditional step of a migration before `index` that acts on a table (TABLE_USES) no migration creates in
 * any letter case: the migrations build on tables made elsewhere. Null when there is none, or when the replay met a step
 * it cannot read (`opaque`: it may be the one that makes it).
 */
function builtElsewhere(migrations: readonly Migration[], index: number, names: CreatedNames, opaque: boolean): { index: number; op: Operation } | null {
  if (opaque) return null;
  for (let j = 0; j < index; j++) {
    for (const op of migrations[j]!.up) {
      const name = op.target.table;
      if (!name || !TABLE_USES[op.op] || op.conditional || op.op === 'renameTable') continue;
      if (!names.exact.has(name) && !names.created.has(name.toLowerCase())) return { index: j, op };
    }
  }
  return null;
}

/** The tables the migrations create: their names, and the first creator of each name in lower case. */
interface CreatedNames {
  exact: Set<string>;
  created: Map<string, { name: string; creator: number }>;
}

function createdNames(migrations: readonly Migration[]): CreatedNames {
  const created = new Map<string, { name: string; creator: number }>();
  const exact = new Set<string>();
  migrations.forEach((m, i) => {
    // Tables only: `t`, not `t.c` nor `t#key`.
    for (const name of touchedBy(m).creates.keys()) {
      if (name.includes('.') || name.includes('#')) continue;
      exact.add(name);
      if (!created.has(name.toLowerCase())) created.set(name.toLowerCase(), { name, creator: i });
    }
  });
  return { exact, created };
}

/** Steps that need their column to exist, with how the message says it. */
const COLUMN_USES: Partial<Record<Operation['op'], string>> = {
  removeColumn: 'drops',
  renameColumn: 'renames',
  changeColumn: 'changes',
};

/** A dependency between two files of a group that their run order breaks. */
interface BrokenPair {
  /** The file that fails or runs on the wrong schema (run-order position). */
  dependent: number;
  /** The file it depends on. */
  other: number;
  /** What `other` does, as message text. */
  change: string;
  /** What `dependent` uses, as message text. */
  what: string;
}

/**
 * The first pair of a same-prefix group (positions in run order) whose order
 * breaks a dependency: the earlier file uses what the later one creates, or
 * the later file uses what the earlier one removes. Only pairs `related`
 * (their order matters at all) are looked at.
 */
function brokenPair(indexes: number[], touched: (i: number) => Touched, related: (i: number, j: number) => boolean): BrokenPair | null {
  for (const [n, a] of indexes.entries()) {
    for (const b of indexes.slice(n + 1)) {
      if (!related(a, b)) continue;
      const early = touched(a);
      const late = touched(b);
      for (const e of [...late.creates.keys()].sort()) if (uses(early, e)) return { dependent: a, other: b, change: late.creates.get(e)!, what: shown(e) };
      for (const e of [...early.removes.keys()].sort()) if (uses(late, e)) return { dependent: b, other: a, change: early.removes.get(e)!, what: shown(e) };
    }
  }
  return null;
}

/** The migration needs `e` to exist: a step on it, or an index written as SQL whose text names the column. */
function uses(t: Touched, e: string): boolean {
  if (t.needs.has(e)) return true;
  if (e.includes('#')) return false;
  const dot = e.lastIndexOf('.');
  if (dot < 0) return false;
  const named = new RegExp(`(^|[^\\w])${escapeRegExp(e.slice(dot + 1))}($|[^\\w])`);
  return (t.indexes.get(e.slice(0, dot)) ?? []).some((text) => named.test(text));
}

/** A table, column or key as message text. */
function shown(e: string): string {
  const key = e.endsWith('#key') ? e.slice(0, -'#key'.length) : null;
  return key !== null ? `a key of \`${key}\` (for its foreign key)` : `\`${e}\``;
}

/** `a, b and c`; past three names, `a, b, c and 4 more`. */
function listed(names: string[]): string {
  if (names.length === 1) return names[0]!;
  const shownNames = names.slice(0, 3);
  const rest = names.length - shownNames.length;
  return rest > 0 ? `${shownNames.join(', ')} and ${rest} more` : `${shownNames.slice(0, -1).join(', ')} and ${shownNames.at(-1)}`;
}
