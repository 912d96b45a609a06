import type { DbEnvironment, JsonValue, Operation, ProjectModel } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { operationFacts } from '../src/operations/table';
import { statementKeyword } from '../src/rules/operations';
import { isProductionEnvironment, runsOnPostgres, stepTableIsNew, unreleasedMigrations } from '../src/rules/project-facts';
import { forEachUpStep } from '../src/schema/replay';

/**
 * A step that needs ACCESS EXCLUSIVE on a table waits for every query that
 * holds any lock on it (a long report, an open transaction), and while it
 * waits every later read and write of the table queues behind it: a
 * quick ALTER becomes an outage. `SET lock_timeout` makes the step give up
 * (and the migration fail, to be retried) instead. A policy rule: in the
 * strict preset only.
 */
export default createRule({
  id: 'require-lock-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a lock_timeout before steps that take ACCESS EXCLUSIVE on an existing table',
      help: "Start the migration with `SET lock_timeout = '5s'` (or `SET LOCAL lock_timeout` inside its transaction), so that a step that cannot get its lock fails fast instead of queueing every query behind it; retry it later.",
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      noLockTimeout:
        '`{{op}}` takes ACCESS EXCLUSIVE on {{target}} and no lock_timeout (or statement_timeout) is set before it, in the migration or in the production connection of the database config: if any query holds `{{table}}`, the step waits for it, and every read and write of the table queues behind the waiting step.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    // The connection the migrations run with sets it for every statement: nothing to add in the migrations.
    if (connectionSetsTimeout(project)) return;
    const unreleased = unreleasedMigrations(project);
    // One finding per migration, at its first such step; a SET lock_timeout before it keeps the migration quiet.
    const settled = new Set<string>();
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      if (settled.has(migration.file)) return;
      if (setsLockTimeout(op)) {
        settled.add(migration.file);
        return;
      }
      if (!takesAccessExclusive(op) || op.conditional || !runsOnPostgres(project, op) || stepTableIsNew(step, unreleased)) return;
      settled.add(migration.file);
      report({
        migration,
        loc: op.loc,
        messageId: 'noLockTimeout',
        data: { op: op.sql ? statementKeyword(op.statement ?? '') : op.op, target: describeTarget(op.target, op), table: op.target.table ?? op.target.name ?? '?' },
        target: op.target,
      });
    });
  },
});

/** The settings that bound how long a statement waits for its lock: lock_timeout, and statement_timeout (the wait is part of the statement). */
const TIMEOUTS = new Set(['lock_timeout', 'statement_timeout']);

/** `SET [LOCAL] lock_timeout = ...` or `statement_timeout` (not RESET), or `SELECT set_config('lock_timeout', ...)`. */
function setsLockTimeout(op: Operation): boolean {
  if (op.op === 'sql' && op.options.statementType === 'VariableSetStmt') return typeof op.options.setting === 'string' && TIMEOUTS.has(op.options.setting) && op.options.reset !== true;
  return op.op === 'select' && /set_config\s*\(\s*'(lock|statement)_timeout'/i.test(op.statement ?? '');
}

/**
 * The database config's production environment (or a flat config, which
 * sequelize-cli uses everywhere) sets a lock or statement timeout on the
 * connection: `dialectOptions: { lock_timeout: 5000 }` or `statement_timeout`
 * (node-postgres passes both to the server), `dialectOptions.options: '-c
 * lock_timeout=5s'`, or `options=-c lock_timeout...` in a literal URL.
 */
function connectionSetsTimeout(project: ProjectModel): boolean {
  const envs = project.dbConfig?.environments ?? [];
  const production = envs.filter((e) => e.flat === true || isProductionEnvironment(e.name));
  return production.length > 0 && production.every(environmentSetsTimeout);
}

function environmentSetsTimeout(env: DbEnvironment): boolean {
  const raw = asObject(env.raw);
  const dialectOptions = asObject(raw?.dialectOptions);
  if (dialectOptions) {
    for (const key of TIMEOUTS) if (typeof dialectOptions[key] === 'number' || typeof dialectOptions[key] === 'string') return true;
    if (typeof dialectOptions.options === 'string' && /\b(lock|statement)_timeout\s*=/.test(dialectOptions.options)) return true;
  }
  const url = typeof raw?.url === 'string' ? raw.url : '';
  return /[?&]options=[^&]*\b(lock|statement)_timeout(=|%3D)/i.test(decodeURIComponentSafe(url));
}

function asObject(value: JsonValue | undefined): Record<string, JsonValue> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The step takes ACCESS EXCLUSIVE on the table it names (the operation table), or raw SQL that does (LOCK, VACUUM FULL, CLUSTER). */
function takesAccessExclusive(op: Operation): boolean {
  if (op.options.concurrently === true) return false;
  if (op.op === 'sql') {
    const o = op.options;
    return (o.statementType === 'LockStmt' && o.lockMode === 'ACCESS EXCLUSIVE') || (o.statementType === 'VacuumStmt' && o.full === true) || o.statementType === 'ClusterStmt';
  }
  const { lock } = operationFacts(op.op);
  return lock.mode === 'ACCESS EXCLUSIVE' && lock.on === 'table';
}
