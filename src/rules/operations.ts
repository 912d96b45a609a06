/** Helpers the rules share; what an operation itself does is in src/operations/. */
import type { JsonValue, Migration, Operation, ProjectModel } from '../model';
import { describeTarget } from '../operations/effects';
import { writesRows } from '../operations/table';
import { quotedStatement } from '../sql/holes';
import type { ReportDescriptor } from './create-rule';

/** The two calls sit in different arms of one `if ... else`: they never both run (`Operation.arms`). */
export function exclusive(a: Operation, b: Operation): boolean {
  if (!a.arms || !b.arms) return false;
  const armOf = new Map(a.arms.map((x) => [x.slice(0, x.indexOf(':')), x]));
  return b.arms.some((x) => {
    const other = armOf.get(x.slice(0, x.indexOf(':')));
    return other !== undefined && other !== x;
  });
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

/**
 * Each step of a migration's `up` then `down` that `judge` picks, once per
 * call site: a loop unrolled over constants is one call, one finding.
 */
export function oncePerCallSite<T>(migration: Migration, judge: (op: Operation) => T | null, visit: (op: Operation, verdict: T) => void): void {
  const seen = new Set<string>();
  for (const op of [...migration.up, ...migration.down]) {
    const at = `${op.loc.line}:${op.loc.column}`;
    if (seen.has(at)) continue;
    const verdict = judge(op);
    if (verdict === null) continue;
    seen.add(at);
    visit(op, verdict);
  }
}

/**
 * A rule's `report` that gives one finding per call site: a step written once and run for each element of a list
 * (a loop over table names, Bluebird's mapSeries, one `DROP TABLE a, b`) is one finding, which `merge` makes name
 * the targets (distinct, in the order they came). Findings are one when their file, position, message, severity
 * and `detail` agree; one without a target is reported at once. `flush` reports the held ones, in the order they
 * first came.
 */
export function perCallSite<D extends ReportDescriptor<string>>(
  reportOne: (d: D) => void,
  merge: (first: D, targets: string[]) => D,
  detail: (d: D) => string = () => '',
): { report: (d: D) => void; flush: () => void } {
  const pending = new Map<string, { first: D; targets: string[] }>();
  return {
    report(d) {
      const target = d.data?.target;
      if (target === undefined) {
        reportOne(d);
        return;
      }
      const key = [d.migration?.file ?? d.file, d.loc?.line, d.loc?.column, d.messageId, d.severity ?? '', detail(d)].join('\u0000');
      const known = pending.get(key);
      if (!known) pending.set(key, { first: d, targets: [target] });
      else if (!known.targets.includes(target)) known.targets.push(target);
    },
    flush() {
      for (const { first, targets } of pending.values()) reportOne(targets.length > 1 ? merge(first, targets) : first);
      pending.clear();
    },
  };
}

/** A builder attribute's `defaultValue` that gives rows a value: set, and not `null` or `undefined`. */
export function setsDefault(value: JsonValue | undefined): boolean {
  // `Sequelize.UUIDV4`, `UUIDV1` and `NOW` (read as those names): Sequelize fills them in on the model's own inserts
  // and never writes them as a column DEFAULT (measured, test/semantics/js-side-defaults.test.ts).
  if (typeof value === 'string' && JS_SIDE_DEFAULTS.has(value)) return false;
  return isGiven(value);
}

const JS_SIDE_DEFAULTS: ReadonlySet<string> = new Set(['UUIDV4', 'UUIDV1', 'NOW']);

/** The name of a `defaultValue` Sequelize fills in itself and never sends as a column DEFAULT (`NOW`, `UUIDV4`), or null. */
export function jsSideDefault(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && JS_SIDE_DEFAULTS.has(value) ? value : null;
}

/** The step sends SET NOT NULL: changeColumn with `allowNull: false` (not with `references`: then only ADD FOREIGN KEY is sent), or the SQL. */
export function setsNotNull(op: Operation): boolean {
  if (op.op !== 'changeColumn') return false;
  if (op.sql) return op.options.setNotNull === true;
  return op.options.allowNull === false && op.options.references === undefined;
}

/** A builder attribute that is given a value: present, and not `null` or `undefined`. */
export function isGiven(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  return !(typeof value === 'object' && !Array.isArray(value) && value.$expr === 'undefined');
}

/** `UPDATE`, `INSERT`, `ALTER TABLE`, `LOCK TABLE`: how a SQL statement starts, for messages. */
export function statementKeyword(statement: string): string {
  return (/^\s*((?:ALTER|CREATE|DROP|LOCK)\s+\w+|\w+)/i.exec(statement)?.[1] ?? 'SQL').replace(/\s+/g, ' ').toUpperCase();
}

/**
 * One step as messages name it: `` `op` on `target` ``; a statement whose table is not known (not parsed,
 * or named by a value) by its text; a call migralint does not follow (application code) by the call.
 */
export function stepLabel(o: Operation): string {
  if (o.sql && o.statement && o.target.table === null) return quotedStatement(o.statement);
  if (o.op === 'unresolved') return `\`${o.callee}(...)\` (code migralint does not follow)`;
  return `\`${o.op}\`${o.sql ? ' (SQL)' : ''} on ${describeTarget(o.target, o)}`;
}

/**
 * Steps as messages name them: `` `op` on `target` at line n ``, the first three and how many more. The
 * same step reached several times from one line (a helper called in a loop, over a list) is named once,
 * with how many times.
 */
/** The most repetitions of one step that `listSteps` counts out. */
const MAX_COUNTED = 100;

export function listSteps(ops: readonly Operation[]): string {
  const entries: { label: string; line: number; times: number }[] = [];
  const byKey = new Map<string, { label: string; line: number; times: number }>();
  for (const o of ops) {
    const label = stepLabel(o);
    const key = `${o.loc.line}\0${label}`;
    const known = byKey.get(key);
    if (known) {
      known.times++;
      continue;
    }
    const entry = { label, line: o.loc.line, times: 1 };
    byKey.set(key, entry);
    entries.push(entry);
  }
  // Past a hundred, the count is the reader's paths through helpers and branches (a call reached from each of them,
  // 8192 in one hold-out project), not how often it runs: "repeatedly".
  const times = (n: number) => (n > MAX_COUNTED ? ' (repeatedly)' : n > 1 ? ` (${n} times)` : '');
  const shown = entries.slice(0, 3).map((e) => `${e.label} at line ${e.line}${times(e.times)}`);
  return entries.length > 3 ? `${shown.join(', ')} and ${entries.length - 3} more` : shown.join(', ');
}

/** The added column is NOT NULL and nothing gives the existing rows a value (no default, serial, identity or generated column). */
export function addsNullsToNotNull(op: Operation): boolean {
  const o = op.options;
  // The SQL reader says it: NOT NULL (or PRIMARY KEY) and no DEFAULT, serial, identity or generated value.
  if (op.sql) return o.notNull === true && o.default === false;
  // A spread in the attributes may bring the default.
  if (o.$partial === true || o.allowNull !== false) return false;
  if (o.autoIncrement === true || (typeof o.type === 'string' && /SERIAL/i.test(o.type))) return false;
  return !setsDefault(o.defaultValue);
}

/** This migration writes rows into `a`'s table between `a` and `b`. */
export function writtenBetween(migration: Migration, a: Operation, b: Operation): boolean {
  const from = migration.up.indexOf(a);
  const to = migration.up.indexOf(b);
  return migration.up.slice(from + 1, to).some((o) => (writesRows(o.op) || o.op === 'sql') && (o.target.table === null || o.target.table === a.target.table));
}
