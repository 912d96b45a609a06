import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSource } from '../../src/parse';
import { extractMigration } from '../../src/extract/extract-migration';
import type { Operation } from '../../src/model';

export const REPO = path.resolve(__dirname, '..', '..');

/** Parses and extracts one file (the SQL parser must be loaded). */
export function extractFile(absPath: string) {
  const source = readFileSync(absPath, 'utf8');
  return extractSource(source, path.basename(absPath), absPath);
}

/** Extracts migration source text given inline (for table-driven tests). */
export function extractSource(source: string, file = 'migration.js', absPath = path.join(REPO, 'virtual', file)) {
  const parsed = parseSource(source, absPath);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.message} at ${parsed.line}:${parsed.column}`);
  return extractMigration({ absPath, file, source, ast: parsed.ast });
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
