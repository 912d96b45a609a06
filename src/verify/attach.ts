/**
 * Gives each static finding what the run showed about it (`verification`),
 * and turns what only the run found (an `up` that fails with no finding to
 * say so) into findings of the `verify` rule.
 */
import type { Finding, FindingVerification } from '../model';
import { sortFindings } from '../project';
import { errorText, lockAtLeast, lockName, lossText, strongestLocks, type MigrationRun, type VerifyResult } from './run';

/** The rule id of findings only the run produced. */
export const VERIFY_RULE = 'verify';

/** Rules whose finding says the `up` fails whatever the data. */
const FAILING_UP = new Set(['no-impossible-cast', 'no-enum-value-in-transaction', 'require-concurrent-index-outside-transaction', 'valid-migration-file', 'parse-error']);
/** Rules whose finding says the `up` fails on a table with rows (the run's ups meet empty tables): those ups also run on rows. */
export const FAILING_UP_WITH_ROWS = new Set(['no-failing-not-null']);
/** Rules whose finding says a second `up` fails. */
const RERUN = new Set(['require-idempotency-guard']);
/** Rules whose finding says the `down` loses data. */
const DESTRUCTIVE_DOWN = new Set(['no-destructive-down']);
/** Rules whose finding names a lock the `up` takes on its table: the weakest lock that confirms it. */
const LOCKS: Record<string, string> = {
  'no-table-rewrite': 'AccessExclusiveLock',
  'require-concurrent-index': 'ShareLock',
  'require-not-valid-constraint': 'ShareRowExclusiveLock',
};
/** Rules whose finding says the models expect a column the migrations never create. */
const DRIFT = new Set(['no-model-drift']);

function withSql(r: { error?: string; code?: string; failedSql?: string }): string {
  return `${errorText(r)}${r.failedSql ? `; statement: ${r.failedSql.replace(/;\s*$/, '')}` : ''}`;
}

function notReached(result: VerifyResult, run: MigrationRun | undefined): string {
  if (!run) return 'not a migration the run knows';
  const at = result.failedAt === null ? undefined : result.migrations[result.failedAt];
  if (at === run) return 'its up fails';
  return at ? `not reached: ${at.name} failed before it` : 'not reached';
}

/** What the run says about one finding. */
export function verificationOf(finding: Finding, result: VerifyResult): FindingVerification {
  const on = result.on;
  const v = (status: FindingVerification['status'], evidence: string): FindingVerification => ({ status, on, evidence });
  const run = result.migrations.find((m) => m.file === finding.file);
  const target = finding.target;
  if (FAILING_UP.has(finding.rule) || FAILING_UP_WITH_ROWS.has(finding.rule)) {
    if (!run?.up) return v('not-run', notReached(result, run));
    if (!run.up.ok) return v('confirmed', `up fails: ${withSql(run.up)}`);
    if (FAILING_UP_WITH_ROWS.has(finding.rule)) {
      const rows = run.upWithRows;
      if (!rows) return v('not-run', 'the up ran on empty tables (it applied); the failure needs rows in the table');
      if (rows.setup) return v('not-run', `the up could not run on tables with rows: ${errorText(rows)}`);
      if (!rows.ok) return v('confirmed', `the up applies on empty tables and fails on tables with rows: ${withSql(rows)}`);
      return v('not-reproduced', 'the up applies on tables with rows (3 in each table) too');
    }
    return v('not-reproduced', 'the up applied without an error on an empty database');
  }
  if (RERUN.has(finding.rule)) {
    // Not atomic: a failure halfway leaves the step, and the next run fails on it.
    if (finding.messageId === 'notAtomic' || finding.messageId === 'notAtomicMinor') {
      const half = run?.halfApplied?.steps.find((s) => !s.retry.ok);
      if (half) {
        const left = half.left.length > 0 ? ` (${half.left.join(', ')})` : '';
        return v('confirmed', `when step ${half.step} (\`${half.statement}\`) fails, what ran before stays${left} and the next run fails: ${withSql(half.retry)}`);
      }
      if (run?.up && !run.up.ok && run.up.left?.length && run.retry && !run.retry.ok && !run.retry.setup) {
        return v('confirmed', `the up fails (${errorText(run.up)}), what ran before stays (${run.up.left.join(', ')}) and the next run fails: ${withSql(run.retry)}`);
      }
    }
    if (!run?.rerun) return v('not-run', notReached(result, run));
    if (run.rerun.setup) return v('not-run', `the second up could not be set up: ${errorText(run.rerun)}`);
    if (!run.rerun.ok) return v('confirmed', `a second up, right after the first, fails: ${withSql(run.rerun)}`);
    return v('not-reproduced', 'a second up, right after the first, runs without an error');
  }
  if (DESTRUCTIVE_DOWN.has(finding.rule)) {
    if (!run?.down) return v('not-run', run?.up?.ok ? 'the down was not reached: a newer down failed first' : notReached(result, run));
    if (!run.down.ok) return v('not-run', `the down fails: ${withSql(run.down)}`);
    const hit = run.down.lost.filter((l) => !target?.table || (l.table === target.table && (l.kind === 'table' || !target.column || l.column === target.column)));
    if (hit.length > 0) return v('confirmed', `the down loses ${hit.map(lossText).join(', ')}`);
    const what = target?.table ? `${target.table}${target.column ? `.${target.column}` : ''}` : 'every table and column';
    return v('not-reproduced', `the down keeps ${what} (rows were generated in every table first)`);
  }
  if (LOCKS[finding.rule]) {
    if (!result.locksMeasured) return v('not-run', `locks are not measured on ${on} (MySQL has no pg_locks)`);
    if (!run?.up) return v('not-run', notReached(result, run));
    const held = strongestLocks(run.up.locks ?? []).find((l) => l.table === target?.table);
    if (!held) return v('not-reproduced', `the up locks no table ${target?.table ?? ''} that existed before it`.replace(/ {2}/, ' '));
    const what = `\`${held.sql}\` takes ${lockName(held.mode)} on ${held.table}${held.rewrote ? ' and rewrites it (new data file)' : ''}`;
    if (finding.rule === 'no-table-rewrite') return held.rewrote ? v('confirmed', what) : v('not-reproduced', `${what}, without rewriting it`);
    return lockAtLeast(held.mode, LOCKS[finding.rule]!) ? v('confirmed', what) : v('not-reproduced', what);
  }
  if (DRIFT.has(finding.rule)) {
    if (!result.missing) return v('not-run', 'not every up applied');
    const miss = result.missing.find((m) => target?.table === m.table && (m.noTable || !target.column || m.column === target.column));
    if (miss) return v('confirmed', miss.noTable ? `after every up, table ${miss.table} does not exist` : `after every up, column ${miss.table}.${miss.column} does not exist`);
    return v('not-reproduced', `after every up, ${target?.table ?? 'the table'}${target?.column ? `.${target.column}` : ''} exists`);
  }
  return v('not-run', `verify does not check ${finding.rule} findings`);
}

/** The findings with their verification, plus the `verify` findings for what only the run found; in report order. */
export function attachVerification(findings: Finding[], result: VerifyResult): Finding[] {
  const verified = findings.map((f) => ({ ...f, verification: verificationOf(f, result) }));
  const confirmedAt = (file: string, rules: Set<string>) => verified.some((f) => f.file === file && rules.has(f.rule) && f.verification.status === 'confirmed');
  const extra: Finding[] = [];
  const on = result.on;
  const add = (file: string, line: number, column: number, severity: Finding['severity'], message: string, evidence: string) =>
    extra.push({ rule: VERIFY_RULE, severity, file, line, column, message, verification: { status: 'confirmed', on, evidence } });
  for (const run of result.migrations) {
    if (run.up && !run.up.ok && !confirmedAt(run.file, FAILING_UP)) {
      const what = run.up.timedOut ? 'does not finish' : 'fails';
      const left = run.up.left && run.up.left.length > 0 ? run.up.left.join(', ') : null;
      const again = run.retry && !run.retry.setup ? (run.retry.ok ? ' Run again, it applies.' : ` Run again, it fails: ${errorText(run.retry)}.`) : '';
      const stays = left ? ` What it did before failing stays (${left}).${again}` : '';
      add(
        run.file,
        1,
        1,
        'error',
        `\`up\` ${what} on ${on}: ${errorText(run.up)}.${stays} No later migration can run.`,
        `up: ${withSql(run.up)}${left ? `; left applied: ${left}` : ''}${run.retry && !run.retry.setup && !run.retry.ok ? `; run again: ${withSql(run.retry)}` : ''}`,
      );
    }
    if (run.down && !run.down.ok) {
      add(run.file, 1, 1, 'warning', `\`down\` fails on ${on}: ${errorText(run.down)}. A rollback stops here.`, `down: ${withSql(run.down)}`);
    }
    if (run.upAgain && !run.upAgain.ok) {
      add(run.file, 1, 1, 'info', `After every \`down\` ran newest-first, this \`up\` fails on ${on}: ${errorText(run.upAgain)}. Rolling back then migrating again does not work.`, `up after the downs: ${withSql(run.upAgain)}`);
    }
  }
  for (const m of result.missing ?? []) {
    const found = verified.some((f) => DRIFT.has(f.rule) && f.verification.status === 'confirmed' && f.target?.table === m.table && (m.noTable || f.target?.column === m.column));
    if (found) continue;
    const what = m.noTable ? `table \`${m.table}\`` : `column \`${m.table}.${m.column}\``;
    add(m.file, m.line, m.col, 'warning', `\`${m.model}.${m.attribute}\` needs ${what}, which no migration creates: after every \`up\`, it does not exist.`, `after every up, ${what.replace(/`/g, '')} does not exist`);
  }
  return sortFindings([...verified, ...extra]);
}
