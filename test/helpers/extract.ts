import path from 'node:path';
import type { Migration, Operation } from '../../src/model';
import { Workspace } from '../../src/workspace';

export const REPO = path.resolve(__dirname, '..', '..');

/** Reads, parses and extracts one file as the CLI does (the SQL parser must be loaded); throws when it does not parse. */
export function extractFile(absPath: string) {
  return extracted(new Workspace(path.dirname(absPath)), path.basename(absPath));
}

/** Extracts migration source text given inline (for table-driven tests), as the file `file` of a virtual project. */
export function extractSource(source: string, file = 'migration.js') {
  const root = path.join(REPO, 'virtual');
  return extracted(new Workspace(root, { overlays: [[path.join(root, file), { text: source }]] }), file);
}

/** The workspace's verdict on inline source, whatever it is (a parse-error or an analysis limit included), with workspace options. */
export function migrationOf(source: string, options: Omit<ConstructorParameters<typeof Workspace>[1] & object, 'overlays'> = {}, file = 'migration.js'): Migration {
  const root = path.join(REPO, 'virtual');
  return new Workspace(root, { ...options, overlays: [[path.join(root, file), { text: source }]] }).migration(file, { imports: false });
}

/** The workspace's migration, without following imports. */
function extracted(workspace: Workspace, file: string): Migration {
  const m = workspace.migration(file, { imports: false });
  if (m.status === 'unreadable' || (m.status === 'parse-error' && m.analysisError)) throw new Error(m.error!.message);
  if (m.status === 'parse-error') throw new Error(`fixture does not parse: ${m.error!.message} at ${m.error!.line}:${m.error!.column}`);
  return m;
}

/** The projection the shapes fixtures are written in. */
export interface ProjectedOp {
  op: string;
  table: string | null;
  column: string | null;
  line: number;
  guard: string | null;
  inTransaction: boolean;
  inTransactionCallback: boolean;
  conditional: boolean;
  inLoop: boolean;
  floating: boolean;
  unresolved: boolean;
  sql: boolean;
  name?: string | null;
  newName?: string | null;
}

const DEFAULTS = {
  guard: null,
  inTransaction: false,
  inTransactionCallback: false,
  conditional: false,
  inLoop: false,
  floating: false,
  unresolved: false,
  sql: false,
};

/** Fills defaults into an expected op as written in a fixture. */
export function normalizeExpected(e: Partial<ProjectedOp> & { op: string }): ProjectedOp {
  return { ...DEFAULTS, ...e } as ProjectedOp;
}

/** Projects an extracted operation onto the keys the expectation names. */
export function project(op: Operation, expected?: ProjectedOp): ProjectedOp {
  const out: ProjectedOp = {
    op: op.op,
    table: op.target.table,
    column: op.target.column,
    line: op.loc.line,
    guard: op.guard?.kind ?? null,
    inTransaction: op.inTransaction,
    inTransactionCallback: op.inTransactionCallback,
    conditional: op.conditional,
    inLoop: op.inLoop,
    floating: op.floating,
    unresolved: op.unresolved,
    sql: op.sql === true,
  };
  if (expected && 'name' in expected) out.name = op.target.name ?? null;
  if (expected && 'newName' in expected) out.newName = op.target.newName ?? null;
  return out;
}
