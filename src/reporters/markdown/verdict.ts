import type { Migration, ProjectModel } from '../../model';
import { collapse, code } from './format';
import { lossPhrase, type LossItem, type MigrationLoss } from './data-loss';
import { downBehaviour } from './operations';

export type Safety = 'yes' | 'no' | 'maybe';

/** One row of the Data Safety Verdict table. Markdown in `scenario` and `risk`. */
export interface VerdictRow {
  scenario: string;
  risk: string;
  safe: Safety;
}

export const SAFETY_LABEL: Record<Safety, string> = { yes: '✅ Yes', no: '❌ No', maybe: '⚠️ Maybe' };

function safetyOf(items: readonly LossItem[], unknown: boolean): Safety {
  if (items.some((i) => i.certainty === 'all')) return 'no';
  if (unknown || items.length > 0) return 'maybe';
  return 'yes';
}

/** `` `031-x.js` drops columns ...; `040-y.js` empties ... ``, first four migrations then `+N more`. */
function riskText(perMigration: readonly { migration: Migration; items: LossItem[] }[]): string {
  const parts = perMigration.map(({ migration, items }) => `${code(migration.name)} ${lossPhrase(items)}`);
  return collapse(parts, 4, '; ');
}

/** Files the runner treats as migrations (a helper left in the folder never gets recorded). */
function runnable(project: ProjectModel): Migration[] {
  return project.migrations.filter((m) => m.status !== 'not-a-migration');
}

function notAnalyzedWhy(loss: MigrationLoss | undefined): string {
  return loss?.notAnalyzed ?? 'it was not analyzed';
}

/** `sequelize-cli db:migrate`: every `up` (we cannot know which are pending). */
export function migrateRow(project: ProjectModel, losses: readonly MigrationLoss[]): VerdictRow {
  const scenario = 'Run pending migrations (`sequelize-cli db:migrate`)';
  const destructive = losses.filter((l) => l.up.length > 0).map((l) => ({ migration: l.migration, items: l.up }));
  const notAnalyzed = losses.filter((l) => l.notAnalyzed);
  const items = destructive.flatMap((d) => d.items);
  const notes: string[] = [];
  if (destructive.length > 0) notes.push(riskText(destructive));
  if (notAnalyzed.length > 0) {
    notes.push(`unknown for ${collapse(notAnalyzed.map((l) => `${code(l.migration.name)} (${l.notAnalyzed})`), 4)}`);
  }
  const broken = project.migrations.filter((m) => m.status === 'not-a-migration');
  if (broken.length > 0) notes.push(`the run fails on ${collapse(broken.map((m) => code(m.name)), 4)} (not a migration)`);
  const risk = destructive.length === 0 && notAnalyzed.length === 0 ? ['None: no `up` drops, empties, deletes or overwrites data', ...notes].join('; ') : notes.join('; ');
  return { scenario, risk: capitalize(risk), safe: safetyOf(items, notAnalyzed.length > 0) };
}

/** `db:migrate:undo`: the `down` of the last migration in run order. */
export function undoLastRow(project: ProjectModel, losses: readonly MigrationLoss[]): VerdictRow {
  const scenario = 'Undo last migration (`db:migrate:undo`)';
  const last = runnable(project).at(-1);
  if (!last) return { scenario, risk: 'None: there is no migration', safe: 'yes' };
  const loss = losses.find((l) => l.migration === last);
  const name = code(last.name);
  if (last.status !== 'ok') return { scenario, risk: `Unknown: ${name} was not analyzed (${notAnalyzedWhy(loss)})`, safe: 'maybe' };
  const behaviour = downBehaviour(last);
  if (behaviour === 'missing') return { scenario, risk: `None: ${name} has no \`down\`, the undo fails without changing anything`, safe: 'yes' };
  if (behaviour === 'throws') return { scenario, risk: `None: the \`down\` of ${name} throws (irreversible), nothing changes`, safe: 'yes' };
  if (behaviour === 'empty') return { scenario, risk: `None: the \`down\` of ${name} is empty`, safe: 'yes' };
  const items = loss?.down ?? [];
  if (items.length === 0) return { scenario, risk: `None: the \`down\` of ${name} keeps the data`, safe: 'yes' };
  return { scenario, risk: capitalize(riskText([{ migration: last, items }])), safe: safetyOf(items, false) };
}

/** `db:migrate:undo:all`: every `down`, newest first, until one fails. */
export function undoAllRow(project: ProjectModel, losses: readonly MigrationLoss[]): VerdictRow {
  const scenario = 'Undo all (`db:migrate:undo:all`)';
  const order = [...runnable(project)].reverse();
  const destructive: { migration: Migration; items: LossItem[]; step: number }[] = [];
  let stop: string | null = null;
  let unknown = false;
  for (const [i, m] of order.entries()) {
    const loss = losses.find((l) => l.migration === m);
    if (m.status !== 'ok') {
      unknown = true;
      stop = `stops at ${code(m.name)}, not analyzed (${notAnalyzedWhy(loss)})`;
      break;
    }
    if (loss && loss.down.length > 0) destructive.push({ migration: m, items: loss.down, step: i + 1 });
    const behaviour = downBehaviour(m);
    if (behaviour === 'missing' || behaviour === 'throws') {
      stop = `stops at ${code(m.name)} (its \`down\` ${behaviour === 'missing' ? 'is missing' : 'throws'}) and older downs do not run`;
      break;
    }
  }
  const notes: string[] = [];
  if (destructive.length > 0) {
    notes.push(riskText(destructive));
    const first = destructive[0]!;
    if (first.step > 1) notes.push(`the first loss comes at the ${ordinal(first.step)} undo (${code(first.migration.name)})`);
  } else if (stop) {
    notes.push(`None: it ${stop}`);
  } else {
    notes.push(order.length === 0 ? 'None: there is no migration' : 'None: no `down` drops, empties or deletes data');
  }
  if (stop && destructive.length > 0) notes.push(stop);
  const items = destructive.flatMap((d) => d.items);
  return { scenario, risk: capitalize(notes.join('; ')), safe: safetyOf(items, unknown) };
}

/**
 * The rows of the Data Safety Verdict table, one per command. Other sources
 * (npm scripts, sync calls) add rows by appending to this list.
 */
export function dataSafetyRows(project: ProjectModel, losses: readonly MigrationLoss[]): VerdictRow[] {
  return [migrateRow(project, losses), undoLastRow(project, losses), undoAllRow(project, losses)];
}

function capitalize(s: string): string {
  return s.length > 0 && s[0] !== '`' ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
