import type { Finding, Migration, Operation } from '../model';
import type { Reporter, ReportInput } from './types';
import { downBehaviour, summarize } from './summary';
import { streamJson, StreamedArray } from './json-stream';

/** Fields written for an operation, in this order. Others are left out of the public contract. */
function operationJson(op: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    op: op.op,
    target: op.target,
    guarded: op.guarded,
    inTransaction: op.inTransaction,
    line: op.loc.line,
    column: op.loc.column,
    guard: op.guard,
    conditional: op.conditional,
    inTransactionCallback: op.inTransactionCallback,
    inLoop: op.inLoop,
    floating: op.floating,
    unresolved: op.unresolved,
  };
  if (op.unresolvedReason !== undefined) out.unresolvedReason = op.unresolvedReason;
  if (op.sql) out.sql = true;
  if (op.statement !== undefined) out.statement = op.statement;
  if (op.sqlError !== undefined) out.sqlError = op.sqlError;
  if (Object.keys(op.options).length > 0) out.options = op.options;
  if (op.columns !== undefined) out.columns = op.columns;
  if (op.fields !== undefined) out.fields = op.fields;
  if (op.via !== undefined) out.via = op.via;
  out.callee = op.callee;
  return out;
}

function migrationJson(m: Migration): Record<string, unknown> {
  const out: Record<string, unknown> = { file: m.file, name: m.name, index: m.index, status: m.status };
  if (m.notMigrationReason !== undefined) out.notMigrationReason = m.notMigrationReason;
  if (m.exportsUnread) out.exportsUnread = true;
  if (m.error) out.error = m.error;
  out.up = m.up.map(operationJson);
  out.down = m.down.map(operationJson);
  out.downBehaviour = downBehaviour(m);
  out.wrappedInTransaction = { up: m.upFunction.wrappedInTransaction, down: m.downFunction.wrappedInTransaction };
  return out;
}

function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.message,
  };
  if (f.endLine !== undefined) out.endLine = f.endLine;
  if (f.endColumn !== undefined) out.endColumn = f.endColumn;
  if (f.messageId !== undefined) out.messageId = f.messageId;
  if (f.target) out.target = f.target;
  if (f.docsUrl) out.docsUrl = f.docsUrl;
  if (f.verification) out.verification = { status: f.verification.status, on: f.verification.on, evidence: f.verification.evidence };
  return out;
}

/** The JSON report's document: its migrations and findings are StreamedArrays, made into JSON as they are written. */
export function jsonReportDocument(input: ReportInput): Record<string, unknown> {
  const { project, findings, tool } = input;
  return {
    schemaVersion: 1,
    tool,
    project: {
      root: project.project.root,
      framework: project.project.framework,
      migrationsDir: project.project.migrationsDir,
      modelsDir: project.project.modelsDir,
      configFile: project.project.configFile,
      ...(project.project.migrationSets ? { migrationSets: project.project.migrationSets } : {}),
      ...(project.project.runner ? { runner: project.project.runner } : {}),
      ...(project.dialect ? { dialect: project.dialect } : {}),
    },
    migrations: new StreamedArray(project.migrations, migrationJson),
    findings: new StreamedArray(findings, findingJson),
    scripts: (project.scripts ?? []).map((s) => ({
      name: s.name,
      command: s.command,
      dataLoss: s.dataLoss,
      reason: s.reason,
      purpose: s.purpose,
      environment: s.environment,
      safeguards: s.safeguards,
      evidence: s.evidence,
    })),
    summary: summarize(project, findings, input.suppressed),
    // `migralint verify`: the phases and what each established (timings left out: the output stays deterministic).
    ...(input.verification
      ? {
          verification: {
            on: input.verification.on,
            migrations: input.verification.migrations,
            applied: input.verification.applied,
            phases: input.verification.phases.map((p) => ({ id: p.id, title: p.title, status: p.status, facts: p.facts })),
          },
        }
      : {}),
  };
}

/**
 * The JSON report, schemaVersion 1 (shared/report-json.md), in pieces: each migration and finding is turned into
 * JSON as it is written (a project of 30,000 migrations has a report of 266 MB). Joined, the pieces are
 * `JSON.stringify(report, null, 2)` and a final newline.
 */
export function* jsonReportChunks(input: ReportInput): Generator<string, void, undefined> {
  yield* streamJson(jsonReportDocument(input));
  yield '\n';
}

/** The JSON report, schemaVersion 1 (shared/report-json.md). */
export const jsonReporter: Reporter = {
  name: 'json',
  render: (input) => [...jsonReportChunks(input)].join(''),
  chunks: jsonReportChunks,
};
