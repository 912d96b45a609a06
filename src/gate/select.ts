import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Finding, ProjectModel } from '../model';
import { toPosix } from '../util/paths';

/** Which files' findings a run reports; null means all of them. */
export interface Selection {
  /** Project-relative POSIX paths. */
  files: Set<string>;
  /** Why, for the summary: "changed since main", "files given". */
  reasons: string[];
}

/**
 * Maps file arguments to project-relative paths. Files outside the project
 * are dropped and named in `outside`; files that do not exist still select
 * (nothing will be reported in them).
 */
export function selectFiles(absRoot: string, cwd: string, files: string[]): { files: Set<string>; outside: string[] } {
  const root = real(absRoot);
  const out = new Set<string>();
  const outside: string[] = [];
  for (const f of files) {
    const abs = real(path.resolve(cwd, f));
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) outside.push(f);
    else out.add(toPosix(rel));
  }
  return { files: out, outside };
}

/** Both filters apply: a file must be changed and given. */
export function intersect(a: Selection | null, b: Selection | null): Selection | null {
  if (a === null) return b;
  if (b === null) return a;
  return { files: new Set([...a.files].filter((f) => b.files.has(f))), reasons: [...a.reasons, ...b.reasons] };
}

/**
 * The findings in the selected files, plus those elsewhere that name a
 * selected migration: a model that drifts because a new migration drops its
 * column is reported in the model, but the new migration caused it.
 */
export function filterFindings(findings: Finding[], selection: Selection | null, project: ProjectModel): Finding[] {
  if (selection === null) return findings;
  const names = new Set(project.migrations.filter((m) => selection.files.has(m.file)).map((m) => m.name));
  return findings.filter((f) => selection.files.has(f.file) || (f.data !== undefined && Object.values(f.data).some((v) => names.has(v))));
}

/** "2 of 32 migrations checked (changed since main)". */
export function selectionSummary(project: ProjectModel, selection: Selection): string {
  const total = project.migrations.length;
  const checked = project.migrations.filter((m) => selection.files.has(m.file)).length;
  const migrationFiles = new Set(project.migrations.map((m) => m.file));
  const others = [...selection.files].filter((f) => !migrationFiles.has(f) && isProjectSource(project, f)).length;
  const extra = others > 0 ? `, and ${others} other project file${others === 1 ? '' : 's'} (models, config)` : '';
  return `${checked} of ${total} migration${total === 1 ? '' : 's'} checked${extra} (${selection.reasons.join(', ')})`;
}

/** Files outside the migrations that rules report in: models, the database config. */
function isProjectSource(project: ProjectModel, file: string): boolean {
  const info = project.project;
  if (info.configFile !== null && file === info.configFile) return true;
  if (info.modelsDir !== null && (info.modelsDir === '.' || file.startsWith(`${info.modelsDir}/`))) return /\.(c|m)?(j|t)s$/.test(file);
  return false;
}

/** The real path when it exists (so /tmp and /private/tmp agree); else the real parent plus the name. */
function real(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(real(parent), path.basename(abs));
  }
}
