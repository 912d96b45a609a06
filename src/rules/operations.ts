/** Helpers the rules share; what an operation itself does is in src/operations/. */
import type { Migration, Operation, ProjectModel } from '../model';

/**
 * Tracks what the migration itself created so far, in execution order:
 * destroying or rewriting what the same migration just created loses no data.
 */
export class CreatedInMigration {
  private readonly tables = new Set<string>();
  private readonly columns = new Set<string>();
  /** Columns added to a table whose name is not static (`addColumn(Settings.NAME, 'x')`): matched by column name. */
  private readonly columnsOfUnnamedTables = new Set<string>();

  record(op: Operation): void {
    const t = op.target.table;
    if (!t) {
      if (op.op === 'addColumn' && op.target.column && op.target.tableExpression) this.columnsOfUnnamedTables.add(op.target.column);
      return;
    }
    if (op.op === 'createTable') {
      this.tables.add(t);
      const cols = op.columns ? Object.keys(op.columns) : Array.isArray(op.options.columns) ? (op.options.columns as string[]) : [];
      for (const c of cols) this.columns.add(`${t}.${c}`);
    } else if (op.op === 'addColumn' && op.target.column) {
      this.columns.add(`${t}.${op.target.column}`);
    } else if (op.op === 'renameTable' && op.target.newName && this.tables.has(t)) {
      this.tables.add(op.target.newName);
    }
  }

  tableIsNew(table: string | null): boolean {
    return table !== null && this.tables.has(table);
  }

  columnIsNew(table: string | null, column: string | null): boolean {
    if (column !== null && this.columnsOfUnnamedTables.has(column)) return true;
    return table !== null && column !== null && (this.tables.has(table) || this.columns.has(`${table}.${column}`));
  }
}

/** Sequelize's derived index name: `underscore(table + '_' + fields.join('_'))` (lib/utils nameIndex). */
export function sequelizeIndexName(table: string, fields: readonly string[]): string {
  return `${table}_${fields.join('_')}`
    .split('::')
    .map((part) => part.replace(/([A-Z])/g, '_$1').replace(/^_/, ''))
    .join('/')
    .toLowerCase();
}

/** Whole-migration transaction: a failure rolls every step back, so a rerun starts clean. */
export function runsInOneTransaction(migration: Migration, phase: 'up' | 'down'): boolean {
  return phase === 'up' ? migration.upFunction.wrappedInTransaction : migration.downFunction.wrappedInTransaction;
}

/**
 * The project migration an operation's code lives in, when it comes through an
 * imported helper that is itself a migration (`require('./20230504-01-add-x').up(qi)`):
 * that file is analyzed on its own and gets its own findings. Null otherwise.
 */
export function viaMigration(project: ProjectModel, op: Operation): Migration | null {
  if (!op.via) return null;
  const file = op.via.replace(/:\d+$/, '');
  return project.migrations.find((m) => m.file === file) ?? null;
}
