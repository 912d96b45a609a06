import type { Finding, ProjectModel } from '../model';

/**
 * The order a reviewer reads findings in: the most serious first. By
 * severity, then by how much is lost (all data > a table > a column > rows >
 * anything else), then newest migration first (the one about to be deployed),
 * then by place in the file. Deterministic: ties end on file, line, column, rule.
 */
export function byRisk(project: ProjectModel): (a: Finding, b: Finding) => number {
  const position = new Map(project.migrations.map((m, i) => [m.file, i]));
  const newest = (f: Finding) => position.get(f.file) ?? -1;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (a, b) =>
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    magnitude(b) - magnitude(a) ||
    newest(b) - newest(a) ||
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.rule, b.rule);
}

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

/** How much a finding says is lost, from its message id: 4 all data, 3 a table, 2 a column, 1 rows, 0 other. */
export function magnitude(f: Finding): number {
  switch (f.messageId) {
    case 'dropEverything':
    case 'dropSchema':
      return 4;
    case 'dropTable':
    case 'deleteAllRows':
    case 'truncate':
    case 'overwriteAllRows':
      return 3;
    case 'dropColumn':
      return 2;
    case 'deleteSomeRows':
    case 'overwriteSomeRows':
      return 1;
    default:
      return 0;
  }
}
