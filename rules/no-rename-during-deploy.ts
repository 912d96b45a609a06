import type { ModelDefinition, Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { stepTableIsNew, unreleasedMigrations } from '../src/rules/project-facts';
import { forEachUpStep, projectReplay, type ReplayedSchema, type ReplayedTable } from '../src/schema/replay';

/**
 * During a rolling deploy the previous release keeps serving while the
 * migrations run, and it reads and writes the old names. A renameTable or
 * renameColumn takes the old name away at once: every query of the old
 * release that uses it fails ("relation does not exist", "column does not
 * exist") until its last instance is replaced. Reported only when a model
 * maps what the rename produced (so the application uses it, and the
 * previous release used it under the old name), on a table that existed
 * before the migration.
 */
export default createRule({
  id: 'no-rename-during-deploy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow renaming a table or column the application maps while the previous release may still run',
      help: 'Expand, then contract: add the new column (or a view / the new table), write both and backfill, switch the model in a release, and drop the old name in a later migration; or deploy with the application stopped.',
      recommended: false,
      strict: true,
      risk: 'breaking-change',
    },
    messages: {
      renameTable:
        '`{{op}}` renames `{{from}}` to `{{to}}`, which model `{{model}}` maps: during a rolling deploy the previous release still queries `{{from}}`, and every such query fails until its last instance is replaced.',
      renameColumn:
        '`{{op}}` renames {{target}} to `{{to}}`, which model `{{model}}` maps: during a rolling deploy the previous release still reads and writes `{{from}}`, and every such query fails until its last instance is replaced.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const models = project.models?.models.filter((m) => !m.unresolved && m.tableName !== null && !m.notLoaded) ?? [];
    if (models.length === 0) return;
    const final = projectReplay(project.migrations).schema;
    const unreleased = unreleasedMigrations(project);
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      if (op.op !== 'renameTable' && op.op !== 'renameColumn') return;
      const from = op.op === 'renameTable' ? op.target.table : op.target.column;
      const to = op.target.newName;
      if (!from || !to || !op.target.table || stepTableIsNew(step, unreleased)) return;
      // A column this migration added is not used by the running release either.
      if (op.op === 'renameColumn' && step.columnIsNew) return;
      // A view under the old name, created by the same migration, keeps the previous release working.
      if (op.op === 'renameTable' && viewKeepsOldName(migration.up, op, from)) return;
      const table = finalTable(final, op.op === 'renameTable' ? to : op.target.table, op.target.schema ?? null);
      if (!table) return;
      const model = op.op === 'renameTable' ? mappingModel(models, table) : mappingModel(models, table, finalColumn(table, to));
      if (!model) return;
      const data = { op: op.sql ? (op.op === 'renameTable' ? 'RENAME TO' : 'RENAME COLUMN') : op.op, from, to, model: model.name ?? model.bindings[0] ?? model.tableName ?? '?' };
      report({ migration, loc: op.loc, messageId: op.op, data: { ...data, target: describeTarget(op.target, op) }, target: op.target });
    });
  },
});

/** A later step of the same phase creates a (plain) view named `name`. */
function viewKeepsOldName(phase: readonly Operation[], rename: Operation, name: string): boolean {
  return phase.slice(phase.indexOf(rename) + 1).some((o) => o.op === 'createView' && o.options.materialized !== true && o.target.name === name);
}

/** The table of the final schema that has, or had, the name `name` (later renames followed). */
function finalTable(schema: ReplayedSchema, name: string, schemaName: string | null): ReplayedTable | undefined {
  return [...schema.tables.values()].find(
    (t) => t.kind === 'table' && !t.uncertain && (schemaName === null || t.schema === schemaName) && (t.name === name || t.previousNames.includes(name)),
  );
}

/** The final name of the column that has, or had, the name `name`; null when the table has no such column now. */
function finalColumn(table: ReplayedTable, name: string): string | null {
  for (const c of table.columns.values()) if (c.name === name || c.previousNames.includes(name)) return c.name;
  return null;
}

/** A model that maps the table (and the column, when one is asked: null means none exists). */
function mappingModel(models: ModelDefinition[], table: ReplayedTable, column?: string | null): ModelDefinition | undefined {
  if (column === null) return undefined;
  return models.find(
    (m) =>
      m.tableName === table.name &&
      (m.schema ?? 'public') === table.schema &&
      (column === undefined || m.attributes.some((a) => !a.virtual && !a.unresolved && a.column === column) || m.impliedColumns.some((c) => !c.uncertain && c.column === column)),
  );
}

