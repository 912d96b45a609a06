import type { Finding, Migration, Operation, Phase, ProjectModel, Target } from '../../model';
import { LOSS_WORDS, type DestructionKind, type DestructiveEffect, type LossWords } from '../../operations/loss';
import { destructiveEffect, schemaSubject } from '../../operations/effects';
import { code, inline } from './format';

/** The rule that reports destruction in each phase. */
export const DESTRUCTIVE_RULE: Record<Phase, string> = { up: 'no-destructive-up', down: 'no-destructive-down' };

export type LossKind = DestructionKind | 'unknown' | 'flagged';

/** One thing a phase of a migration can destroy. */
export interface LossItem {
  phase: Phase;
  kind: LossKind;
  /** `all`: certainly destroys (every row, the column); `some`: rows matching a condition, or a rule's warning; `unknown`: could not be analyzed. */
  certainty: 'all' | 'some' | 'unknown';
  /** Markdown: `users.bio`, `posts`, or a description of an unresolved target. */
  subject: string;
  /** Markdown, after the subject: "column dropped with its data". */
  effect: string;
  line: number;
  /** The operation kind, when the item comes from one. */
  op: string | null;
  conditional: boolean;
  inLoop: boolean;
  /** Findings of the phase's destructive rule at this operation (or the finding itself for `flagged`). */
  findings: Finding[];
}

export interface MigrationLoss {
  migration: Migration;
  up: LossItem[];
  down: LossItem[];
  /** Set when the file was not analyzed: its effect is unknown. */
  notAnalyzed?: string;
}

/** `users.bio`, `app.users`, an index or schema name; null when nothing is known statically. */
export function targetName(target: Target): string | null {
  const table = target.table ? (target.schema ? `${target.schema}.${target.table}` : target.table) : null;
  if (table && target.column) return `${table}.${target.column}`;
  return table ?? target.name ?? null;
}

function subjectOf(op: Operation): string {
  const name = targetName(op.target);
  return name !== null ? code(name) : `a target that cannot be resolved statically (${code(op.callee)})`;
}

function whereText(where: string | undefined): string {
  if (!where) return 'a condition';
  return /^[[{"\d]|^null$|^true$|^false$/.test(where) ? code(where) : inline(where);
}

/** The effect of a destructive operation, in words that follow its subject. */
function effectText(effect: DestructiveEffect): string {
  return LOSS_WORDS[effect.kind].summary(whereText(effect.data.where));
}

function itemFromOp(op: Operation): LossItem | null {
  const base = { phase: op.phase, line: op.loc.line, op: op.op, conditional: op.conditional, inLoop: op.inLoop, findings: [] as Finding[] };
  // Updates only count in `up`: in `down` they revert a backfill (same choice as the rules).
  const effect = destructiveEffect(op, op.phase === 'up');
  if (effect) {
    const subject = effect.kind === 'dropSchema' ? (op.target.name ? code(op.target.name) : schemaSubject(op)) : effect.kind === 'dropEverything' ? code(op.callee) : subjectOf(op);
    return { ...base, kind: effect.kind, certainty: effect.all ? 'all' : 'some', subject, effect: effectText(effect) };
  }
  if (op.op === 'unresolved') {
    const why = op.unresolvedReason ? `: ${inline(op.unresolvedReason)}` : '';
    return { ...base, kind: 'unknown', certainty: 'unknown', subject: code(op.callee), effect: `effect unknown${why}` };
  }
  if (op.sqlError !== undefined) {
    return { ...base, kind: 'unknown', certainty: 'unknown', subject: 'raw SQL', effect: 'effect unknown: the statement did not parse' };
  }
  return null;
}

function sameTarget(f: Finding, item: LossItem, op: Operation | undefined): boolean {
  if (f.line !== item.line) return false;
  if (!op || !f.target) return true;
  return f.target.table === op.target.table && (f.target.column ?? null) === (op.target.column ?? null);
}

/** What each migration can destroy, phase by phase; migrations with nothing to report are left out. */
export function analyzeDataLoss(project: ProjectModel, findings: readonly Finding[]): MigrationLoss[] {
  const out: MigrationLoss[] = [];
  for (const migration of project.migrations) {
    if (migration.status === 'parse-error' || migration.status === 'unreadable') {
      const why = migration.analysisLimit ? 'it exceeds an analysis limit' : migration.status === 'unreadable' ? 'the file could not be read' : migration.analysisError ? 'migralint failed on it' : 'it does not parse';
      out.push({ migration, up: [], down: [], notAnalyzed: why });
      continue;
    }
    if (migration.status !== 'ok') continue;
    const loss: MigrationLoss = { migration, up: [], down: [] };
    for (const phase of ['up', 'down'] as const) {
      const ops = phase === 'up' ? migration.up : migration.down;
      const pairs: { item: LossItem; op?: Operation }[] = [];
      for (const op of ops) {
        const item = itemFromOp(op);
        if (item) pairs.push({ item, op });
      }
      const ruleFindings = findings.filter((f) => f.rule === DESTRUCTIVE_RULE[phase] && f.file === migration.file);
      for (const f of ruleFindings) {
        const pair = pairs.find((p) => sameTarget(f, p.item, p.op));
        if (pair) {
          pair.item.findings.push(f);
          continue;
        }
        // The rule knows something the operation list does not show: keep its word.
        pairs.push({
          item: {
            phase,
            kind: 'flagged',
            certainty: f.severity === 'error' ? 'all' : 'some',
            subject: f.target && targetName(f.target) !== null ? code(targetName(f.target)!) : `the step at line ${f.line}`,
            effect: inline(f.message),
            line: f.line,
            op: null,
            conditional: false,
            inLoop: false,
            findings: [f],
          },
        });
      }
      loss[phase] = pairs.map((p) => p.item).sort((a, b) => a.line - b.line);
    }
    if (loss.up.length > 0 || loss.down.length > 0) out.push(loss);
  }
  return out;
}

/** How each kind is listed; items the operations do not show (unknown effect, a rule's own finding) have their own words. */
const PHRASES: Record<LossKind, { verb: string; one: string; many: string }> = {
  ...(Object.fromEntries(Object.entries(LOSS_WORDS).map(([kind, words]) => [kind, words.list])) as Record<DestructionKind, LossWords['list']>),
  unknown: { verb: 'has steps of unknown effect:', one: '', many: '' },
  flagged: { verb: 'destroys data in', one: '', many: '' },
};

/** `drops columns `users.bio`, `users.phone`; empties `logs``: the items of one migration, grouped by kind. */
export function lossPhrase(items: readonly LossItem[]): string {
  const groups = new Map<LossKind, string[]>();
  for (const item of items) {
    const subjects = groups.get(item.kind) ?? [];
    const subject = item.kind === 'dropEverything' ? '' : item.subject;
    if (!subjects.includes(subject)) subjects.push(subject);
    groups.set(item.kind, subjects);
  }
  return [...groups.entries()]
    .map(([kind, subjects]) => {
      const p = PHRASES[kind];
      const noun = subjects.length === 1 ? p.one : p.many;
      const list = subjects.filter((s) => s !== '').join(', ');
      return [p.verb, noun, list].filter((s) => s !== '').join(' ');
    })
    .join('; ');
}
