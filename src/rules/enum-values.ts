/**
 * The values of a Sequelize ENUM column's PostgreSQL type, where migralint can tell them: what an UPDATE setting the
 * column to another value meets. Sequelize names the type `enum_<table>_<column>` and creates it with the labels of
 * the createTable or addColumn that declares the column; a later changeColumn listing more labels keeps the type as
 * it is (its CREATE TYPE is skipped), and only `ALTER TYPE ... ADD VALUE` adds one (measured in
 * test/semantics/enum-change-column.test.ts). PostgreSQL refuses a literal the type lacks as it reads the statement,
 * whether or not a row matches.
 */
import type { JsonValue, Migration, Operation, ProjectModel } from '../model';
import type { ReplayedStep } from '../schema/replay';
import { updateFacts } from '../operations/updates';
import { escapeRegExp } from '../util/text';
import { runsOnlyOn, runsOnPostgres } from './project-facts';
import { enumLabels, typeLabels } from './plausible-failure';

/** A value an UPDATE sets an ENUM column to that its type lacks. */
export interface MissingEnumValue {
  column: string;
  value: string;
  /** The type's name as Sequelize makes it. */
  type: string;
  /** The labels the type has before the step. */
  labels: string[];
}

/**
 * The first column an `up` UPDATE (SQL or builder) sets to a constant its ENUM type lacks, on a project that runs on
 * PostgreSQL only; null when none, or when the labels cannot be told: the column or its table was renamed (the type
 * keeps the old name), SQL other than `ALTER TYPE <type> ADD VALUE` names the type before the step, the application
 * builds tables with `sync()` (which adds missing values on PostgreSQL), or the step is conditional or under a catch.
 */
export function missingEnumValue(project: ProjectModel, step: ReplayedStep): MissingEnumValue | null {
  const { op, migration, table } = step;
  if ((op.op !== 'update' && op.op !== 'bulkUpdate') || op.conditional || op.guard?.kind === 'catch-all') return null;
  if (!runsOnPostgres(project, op) || !runsOnlyOn(project, op, 'postgres') || project.schemaSync) return null;
  if (!table || table.uncertain || table.previousNames.length > 0 || table.schema !== 'public') return null;
  const set = updateFacts(op)?.set;
  if (!set) return null;
  for (const [name, fact] of Object.entries(set)) {
    if (fact.kind !== 'value' || typeof fact.value !== 'string') continue;
    const column = table.columns.get(name);
    if (!column || column.conditional || column.previousNames.length > 0) continue;
    const before = upStepsBefore(project, migration, op);
    const declared = declaredLabels(before, table.name, name);
    if (!declared || declared.length === 0) continue;
    const type = `enum_${table.name}_${name}`;
    const added = valuesAddedBefore(before, type);
    if (added === null) continue;
    const labels = [...declared, ...added];
    if (!labels.includes(fact.value)) return { column: name, value: fact.value, type, labels };
  }
  return null;
}

/** The `up` steps before `op`: every earlier migration's, then this one's earlier steps. */
function upStepsBefore(project: ProjectModel, migration: Migration, op: Operation): Operation[] {
  return [...project.migrations.filter((m) => m.index < migration.index).flatMap((m) => m.up), ...migration.up.slice(0, migration.up.indexOf(op))];
}

/**
 * The labels the builder step that first declared `table.column` an ENUM gave it (createTable, addColumn): a later
 * changeColumn keeps the type whatever it lists. Null where a step may have made the type anew or under another
 * name: the column or table removed, renamed or dropped, or changed by SQL.
 */
function declaredLabels(steps: readonly Operation[], table: string, column: string): string[] | null {
  let labels: string[] | null = null;
  const ofColumn = (s: Operation) => s.target.table === table && (s.target.column === column || s.target.newName === column);
  for (const s of steps) {
    if (s.target.table !== table && s.target.newName !== table) continue;
    if (s.op === 'dropTable' || s.op === 'renameTable' || (s.op === 'createTable' && labels !== null)) return null;
    if (s.op === 'createTable' && !s.sql) {
      const def = s.columns?.[column];
      if (def) labels = labelsOf(def.type, def.values);
      continue;
    }
    if (!ofColumn(s)) continue;
    if (s.op === 'addColumn' && !s.sql && labels === null) labels = labelsOf(s.options.type, s.options.values);
    else if (s.sql || s.op === 'removeColumn' || s.op === 'renameColumn' || s.op === 'addColumn') return null;
  }
  return labels;
}

/** An ENUM's labels from a builder definition: its `values`, or the labels of its type as written; null otherwise. */
function labelsOf(type: JsonValue | undefined, values: JsonValue | undefined): string[] | null {
  if (typeof type !== 'string' || !/^ENUM\b/i.test(type)) return null;
  const listed = enumLabels(values);
  return listed === undefined ? typeLabels(type) : listed;
}

/**
 * The labels `ALTER TYPE "<type>" ADD VALUE 'x'` adds in `steps`; null when other SQL names the type (a DROP, a RENAME
 * VALUE, a CREATE TYPE) or SQL migralint cannot read ran: its labels are then not known.
 */
function valuesAddedBefore(steps: readonly Operation[], type: string): string[] | null {
  const added: string[] = [];
  const name = escapeRegExp(type);
  const mentions = new RegExp(`["\\s.]${name}["\\s;]|^${name}\\b`, 'i');
  const addValue = new RegExp(`^\\s*ALTER\\s+TYPE\\s+(?:"?public"?\\.)?"?${name}"?\\s+ADD\\s+VALUE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?'((?:[^']|'')*)'`, 'i');
  for (const s of steps) {
    if (!s.sql) continue;
    const text = typeof s.statement === 'string' ? s.statement : null;
    // SQL whose text is not known, or whose names come from values read at run time, may be the one that adds it.
    if (text === null || (/\bALTER\s+TYPE\b/i.test(text) && /migralint_hole/.test(text))) return null;
    if (!mentions.test(` ${text} `)) continue;
    const value = addValue.exec(text)?.[1];
    if (value === undefined) return null;
    added.push(value.replace(/''/g, "'"));
  }
  return added;
}
