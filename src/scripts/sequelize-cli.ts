/**
 * What a sequelize-cli subcommand does to the data, from the analyzed
 * migrations and seeders: `db:migrate` runs the ups, `db:migrate:undo` the
 * down of the last migration, `db:migrate:undo:all` every down,
 * `db:seed*` the seeders, `db:drop` the database (runner facts in
 * shared/sequelize-semantics.md).
 */
import path from 'node:path';
import type { DataLoss, Evidence, Migration, Operation, Phase, ProjectModel } from '../model';
import { destructiveEffect, writeOps } from '../operations/effects';
import { readCliOptionsFile } from '../runner/detect-runner';
import type { Workspace } from '../workspace';
import { compareRunOrder, toPosix } from '../discovery';
import { describeEffect, effectDataLoss } from './node-script';
import { detached } from '../util/text';

export interface CliAssessment {
  dataLoss: DataLoss;
  /** The sentence after "`sequelize-cli db:migrate`: ". */
  reason: string;
  purpose: string;
  evidence: Evidence[];
  /** Only reads (db:migrate:status) or creates (db:create): no data is at stake. */
  readOnly: boolean;
  /** For the report's command tables. */
  family: 'migrate' | 'seed' | 'database';
}

const RANK: Record<DataLoss, number> = { none: 0, unknown: 1, some: 2, all: 3 };

export function worst(a: DataLoss, b: DataLoss): DataLoss {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Subcommands that only write files (generate, init): not database commands. */
const FILE_ONLY = /^(init(:\w+)?|migration:(generate|create)|model:(generate|create)|seed:(generate|create)|help|version)$/;

/** One destructive operation of a migration or seeder phase. */
interface Hit {
  dataLoss: DataLoss;
  text: string;
  evidence: Evidence;
}

/** Lines of project files (for evidence lines), split once per run. */
export class SourceLines {
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly workspace: Workspace) {}

  line(file: string, line: number): string {
    let lines = this.cache.get(file);
    if (!lines) {
      lines = this.workspace.text(this.workspace.resolve(file))?.split(/\r?\n/) ?? [];
      this.cache.set(file, lines);
    }
    // Not a view of the file's text: evidence is kept in the project model (one line for each migration a script runs).
    return detached((lines[line - 1] ?? '').trim());
  }
}

export class SequelizeCli {
  private seeders: Migration[] | null = null;
  private seedersDirCache: string | null = null;

  private readonly absRoot: string;

  constructor(
    private readonly workspace: Workspace,
    private readonly project: ProjectModel,
    private readonly lines: SourceLines,
  ) {
    this.absRoot = workspace.absRoot;
  }

  /** Null for subcommands that do not touch the database. */
  assess(subcommand: string | null, options: Record<string, string | true>): CliAssessment | null {
    if (subcommand === null) return null;
    if (FILE_ONLY.test(subcommand)) return null;
    const migrationsPath = typeof options['migrations-path'] === 'string' ? options['migrations-path'] : null;
    if (migrationsPath !== null && subcommand.startsWith('db:migrate') && toPosix(path.relative(this.absRoot, path.resolve(this.absRoot, migrationsPath))) !== this.project.project.migrationsDir) {
      return {
        dataLoss: subcommand === 'db:migrate:status' ? 'none' : 'unknown',
        reason: `it runs the migrations in ${migrationsPath}, not the analyzed ${this.project.project.migrationsDir}/`,
        purpose: purposeOf(subcommand),
        evidence: [],
        readOnly: subcommand === 'db:migrate:status',
        family: 'migrate',
      };
    }
    switch (subcommand) {
      case 'db:migrate':
        return this.migrate(options);
      case 'db:migrate:status':
        return { dataLoss: 'none', reason: 'it only lists which migrations have run (reads SequelizeMeta)', purpose: 'Show migration status', evidence: [], readOnly: true, family: 'migrate' };
      case 'db:migrate:undo':
        return this.undo(options);
      case 'db:migrate:undo:all':
        return this.undoAll(options);
      case 'db:drop':
        return { dataLoss: 'all', reason: 'it drops the whole database (DROP DATABASE): all data is lost', purpose: 'Drop the database', evidence: [], readOnly: false, family: 'database' };
      case 'db:create':
        return { dataLoss: 'none', reason: 'it creates the database (CREATE DATABASE) and destroys nothing', purpose: 'Create the database', evidence: [], readOnly: true, family: 'database' };
      case 'db:seed:all':
      case 'db:seed':
      case 'db:seed:undo':
      case 'db:seed:undo:all':
        return this.seed(subcommand, options);
      default:
        if (subcommand.startsWith('db:')) {
          return { dataLoss: 'unknown', reason: `migralint does not know the subcommand ${subcommand}`, purpose: `Run ${subcommand}`, evidence: [], readOnly: false, family: 'database' };
        }
        return null;
    }
  }

  private runnable(): Migration[] {
    return this.project.migrations.filter((m) => m.status !== 'not-a-migration');
  }

  private migrate(options: Record<string, string | true>): CliAssessment {
    let selected = this.runnable();
    const name = stringOption(options, 'name');
    const to = stringOption(options, 'to');
    const from = stringOption(options, 'from');
    if (name) selected = selected.filter((m) => matchesName(m, name));
    if (to) {
      const i = selected.findIndex((m) => matchesName(m, to));
      if (i >= 0) selected = selected.slice(0, i + 1);
    }
    if (from) {
      const i = selected.findIndex((m) => matchesName(m, from));
      if (i >= 0) selected = selected.slice(i + 1);
    }
    const scope = name ? `the up of ${name}` : `every pending up${to ? ` through ${to}` : ''}${from ? ` after ${from}` : ''}`;
    const { dataLoss, hits, unresolved } = this.phase(selected, 'up');
    const base = { purpose: name ? `Run migration ${name}` : 'Run pending migrations', readOnly: false, family: 'migrate' as const };
    if (selected.length === 0) return { ...base, dataLoss: 'none', reason: `there is no migration to run in ${this.project.project.migrationsDir}/`, evidence: [] };
    if (hits.length > 0) {
      return { ...base, dataLoss, reason: `it runs ${scope}, which destroys data: ${listHits(hits)}`, evidence: hits.map((h) => h.evidence) };
    }
    if (unresolved.length > 0) {
      return { ...base, dataLoss: 'unknown', reason: `it runs ${scope}, and migralint cannot tell what ${listUnresolved(unresolved)} does`, evidence: unresolved.map((u) => u.evidence) };
    }
    const checked = selected.length === 1 ? `the up of ${selected[0]!.name}` : `the ${selected.length} ups in ${this.project.project.migrationsDir}/`;
    return { ...base, dataLoss: 'none', reason: `it runs ${scope}, and no up destroys data (nothing in ${checked} drops a table or column, or deletes, truncates or overwrites rows)`, evidence: [] };
  }

  private undo(options: Record<string, string | true>): CliAssessment {
    const runnable = this.runnable();
    const name = stringOption(options, 'name');
    const base = { purpose: name ? `Roll back migration ${name}` : 'Roll back the last migration', readOnly: false, family: 'migrate' as const };
    const target = name ? runnable.find((m) => matchesName(m, name)) : runnable[runnable.length - 1];
    if (!target) {
      return { ...base, dataLoss: name ? 'unknown' : 'none', reason: name ? `no migration named ${name} in ${this.project.project.migrationsDir}/` : 'there is no migration to undo', evidence: [] };
    }
    const which = name ? `migration ${target.name}` : `the last migration (${target.name})`;
    const runs = name ? `it runs only the down of ${which}` : 'it runs only the down of the last migration';
    const { dataLoss, hits, unresolved } = this.phase([target], 'down');
    const loc = target.downFunction.loc ? `${target.file}:${target.downFunction.loc.line}` : target.file;
    let reason: string;
    let evidence: Evidence[] = [];
    if (hits.length > 0) {
      reason = `${runs}, and the down of ${which} destroys data: ${listHits(hits)}`;
      evidence = hits.map((h) => h.evidence);
    } else if (unresolved.length > 0) {
      reason = `${runs}, and migralint cannot tell what ${listUnresolved(unresolved)} does`;
      evidence = unresolved.map((u) => u.evidence);
    } else if (target.status !== 'ok') {
      reason = `${runs}, and migralint could not analyze ${which} (${target.status})`;
    } else if (!target.downFunction.present) {
      reason = `${runs}, and ${which} has no down: the undo fails and changes nothing`;
    } else if (target.downFunction.throws) {
      reason = `${runs}, and the down of ${which} throws (irreversible on purpose): nothing is undone (${loc})`;
      evidence = [{ file: target.file, line: target.downFunction.loc?.line ?? 1, text: this.lines.line(target.file, target.downFunction.loc?.line ?? 1) }];
    } else if (target.downFunction.empty || writeOps(target.down).length === 0) {
      reason = `${runs}, and ${which} has an empty down (${loc}): nothing is undone`;
      evidence = [{ file: target.file, line: target.downFunction.loc?.line ?? 1, text: this.lines.line(target.file, target.downFunction.loc?.line ?? 1) }];
    } else {
      reason = `${runs}, and the down of ${which} (${loc}) destroys no data`;
    }
    const resolvedLoss: DataLoss = hits.length > 0 ? dataLoss : unresolved.length > 0 || target.status !== 'ok' ? 'unknown' : 'none';
    if (!name) {
      // A destructive down further back is reached by repeated undos: say how far.
      const index = runnable.indexOf(target);
      for (let i = index - 1; i >= 0; i -= 1) {
        const earlier = this.phase([runnable[i]!], 'down');
        if (earlier.hits.length === 0) continue;
        const steps = index - i + 1;
        reason += `. Undoing further destroys data: ${runnable[i]!.name} is ${steps} undos back, and its down ${listHits(earlier.hits)}`;
        break;
      }
    }
    return { ...base, dataLoss: resolvedLoss, reason, evidence };
  }

  private undoAll(options: Record<string, string | true>): CliAssessment {
    let selected = this.runnable();
    const to = stringOption(options, 'to');
    if (to) {
      const i = selected.findIndex((m) => matchesName(m, to));
      if (i >= 0) selected = selected.slice(i);
    }
    const base = { purpose: to ? `Roll back migrations down to ${to}` : 'Roll back every migration', readOnly: false, family: 'migrate' as const };
    const { dataLoss, hits, unresolved } = this.phase([...selected].reverse(), 'down');
    const scope = `every down${to ? ` back to ${to}` : ''}, newest first`;
    if (hits.length > 0) return { ...base, dataLoss, reason: `it runs ${scope}, which destroys data: ${listHits(hits)}`, evidence: hits.map((h) => h.evidence) };
    if (unresolved.length > 0) return { ...base, dataLoss: 'unknown', reason: `it runs ${scope}, and migralint cannot tell what ${listUnresolved(unresolved)} does`, evidence: unresolved.map((u) => u.evidence) };
    const checked = selected.length === 1 ? `the down of ${selected[0]!.name} destroys no data` : `none of the ${selected.length} downs destroys data`;
    return { ...base, dataLoss: 'none', reason: `it runs ${scope}, and ${checked}`, evidence: [] };
  }

  private seed(subcommand: string, options: Record<string, string | true>): CliAssessment {
    const dir = this.seedersDir(options);
    const all = this.loadSeeders(dir);
    const seedName = stringOption(options, 'seed');
    const undo = subcommand.startsWith('db:seed:undo');
    let selected = seedName ? all.filter((m) => matchesName(m, seedName)) : all;
    if (subcommand === 'db:seed:undo' && !seedName) selected = all.slice(-1);
    const phase: Phase = undo ? 'down' : 'up';
    const base = {
      purpose: undo ? (seedName ? `Undo seeder ${seedName}` : subcommand === 'db:seed:undo:all' ? 'Undo every seeder' : 'Undo the last seeder') : seedName ? `Run seeder ${seedName}` : 'Run every seeder',
      readOnly: false,
      family: 'seed' as const,
    };
    if (selected.length === 0) {
      return { ...base, dataLoss: seedName ? 'unknown' : 'none', reason: seedName ? `no seeder named ${seedName} in ${dir}/` : `there are no seeders in ${dir}/, so nothing runs`, evidence: [] };
    }
    const ordered = phase === 'down' ? [...selected].reverse() : selected;
    const { dataLoss, hits, unresolved } = this.phase(ordered, phase);
    const what = `the ${phase} of ${selected.length === 1 ? `seeder ${selected[0]!.name}` : `the ${selected.length} seeders in ${dir}/`}`;
    if (hits.length > 0) return { ...base, dataLoss, reason: `it runs ${what}, which destroys data: ${listHits(hits)}`, evidence: hits.map((h) => h.evidence) };
    if (unresolved.length > 0) return { ...base, dataLoss: 'unknown', reason: `it runs ${what}, and migralint cannot tell what ${listUnresolved(unresolved)} does`, evidence: unresolved.map((u) => u.evidence) };
    return { ...base, dataLoss: 'none', reason: `it runs ${what}, and nothing in ${selected.length === 1 ? 'it' : 'them'} deletes, truncates, drops or overwrites data`, evidence: [] };
  }

  /** Destructive operations of one phase over migrations (or seeders), in order. */
  private phase(items: Migration[], phase: Phase): { dataLoss: DataLoss; hits: Hit[]; unresolved: Hit[] } {
    let dataLoss: DataLoss = 'none';
    const hits: Hit[] = [];
    const unresolved: Hit[] = [];
    for (const m of items) {
      if (m.status === 'parse-error' || m.status === 'unreadable') {
        const line = m.error?.line ?? 1;
        unresolved.push({ dataLoss: 'unknown', text: `${m.name} (${m.status}: ${m.error?.message ?? 'cannot be analyzed'})`, evidence: { file: m.file, line, text: this.lines.line(m.file, line) } });
        continue;
      }
      const ops: Operation[] = phase === 'up' ? m.up : m.down;
      for (const op of writeOps(ops)) {
        // An update in `down` reverts a backfill: not destruction (see destructiveEffect).
        const effect = destructiveEffect(op, phase === 'up');
        if (effect) {
          const loss = effectDataLoss(effect, op);
          dataLoss = worst(dataLoss, loss);
          hits.push({ dataLoss: loss, text: describeEffect(effect, op), evidence: { file: m.file, line: op.loc.line, text: this.lines.line(m.file, op.loc.line) } });
        } else if (op.op === 'unresolved' || (op.unresolved && (op.op === 'sql' || op.sqlError !== undefined))) {
          unresolved.push({ dataLoss: 'unknown', text: `\`${op.callee}\` in ${m.name}`, evidence: { file: m.file, line: op.loc.line, text: this.lines.line(m.file, op.loc.line) } });
        }
      }
    }
    if (hits.length === 0 && unresolved.length > 0) dataLoss = 'unknown';
    // Worst first, then run order.
    hits.sort((a, b) => RANK[b.dataLoss] - RANK[a.dataLoss]);
    return { dataLoss, hits, unresolved };
  }

  private seedersDir(options: Record<string, string | true>): string {
    const option = stringOption(options, 'seeders-path');
    if (option) return toPosix(path.relative(this.absRoot, path.resolve(this.absRoot, option))) || '.';
    // `seeders-path` of .sequelizerc, read statically (never executed), as discovery reads it.
    this.seedersDirCache ??= readCliOptionsFile(this.workspace, '.sequelizerc')?.seedersPath ?? 'seeders';
    return this.seedersDirCache;
  }

  private loadSeeders(dir: string): Migration[] {
    if (this.seeders && dir === this.seedersDirCache) return this.seeders;
    const abs = path.resolve(this.absRoot, dir);
    const listed = this.workspace.isDir(abs) ? this.workspace.readdir(abs) : null;
    const names = (listed ?? []).filter((f) => /\.(c|m)?(j|t)s$/.test(f) && !/\.d\.(c|m)?ts$/.test(f)).sort(compareRunOrder);
    // Seeders have the shape of migrations (up/down over the queryInterface): extracted the same way, without following imports.
    const seeders = names.map((name, index) => this.workspace.migration(dir === '.' ? name : `${dir}/${name}`, { index, imports: false }));
    if (dir === this.seedersDirCache) this.seeders = seeders;
    return seeders;
  }
}

function stringOption(options: Record<string, string | true>, key: string): string | null {
  const v = options[key];
  return typeof v === 'string' ? v : null;
}

function matchesName(m: Migration, name: string): boolean {
  return m.name === name || m.name.replace(/\.[^.]+$/, '') === name.replace(/\.[^.]+$/, '');
}

function listHits(hits: Hit[]): string {
  const shown = hits.slice(0, 3).map((h) => `${h.text} (${h.evidence.file}:${h.evidence.line})`);
  const more = hits.length > 3 ? `, and ${hits.length - 3} more` : '';
  return `${shown.join(', ')}${more}`;
}

function listUnresolved(items: Hit[]): string {
  const shown = items.slice(0, 3).map((u) => `${u.text} at ${u.evidence.file}:${u.evidence.line}`);
  return shown.join(', ') + (items.length > 3 ? ` (and ${items.length - 3} more)` : '');
}

function purposeOf(subcommand: string): string {
  switch (subcommand) {
    case 'db:migrate':
      return 'Run pending migrations';
    case 'db:migrate:status':
      return 'Show migration status';
    case 'db:migrate:undo':
      return 'Roll back the last migration';
    case 'db:migrate:undo:all':
      return 'Roll back every migration';
    default:
      return `Run ${subcommand}`;
  }
}
