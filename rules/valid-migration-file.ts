import type { Migration, RunnerInfo } from '../src/model';
import { joinTargets } from '../src/operations/effects';
import { createRule } from '../src/rules/create-rule';
import { callThrows, throwingCallData, ddlIsTransactional, umzugRefuses } from '../src/rules/project-facts';
import { inSameTransaction, sqlTransactionBlocks } from '../src/rules/transactions';
import { changesDatabase } from '../src/operations/table';

/**
 * Every .js/.cjs/.ts file in the migrations folder is loaded by the runner as
 * a migration: a helper or a commented-out file there breaks `db:migrate`.
 */
export default createRule({
  id: 'valid-migration-file',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every file in the migrations folder to export an `up` function the runner can run',
      help: 'Move helpers out of the migrations folder and import them with a relative path; delete migrations that must never run instead of commenting them out.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      notAMigration:
        '{{file}} is in the migrations folder but is not a migration: {{reason}}. The runner loads every file there and `db:migrate` fails on it.{{others}}',
      exportsUnread:
        '{{file}} is in the migrations folder, and {{reason}}: migralint cannot tell whether it is a migration, so it is not analyzed (its steps are not checked).{{others}}',
      noMigrationInFolder:
        '{{dir}} is taken for the migrations folder, but none of its {{count}} files is a migration ({{file}}: {{reason}}): it is probably not where this project keeps its migrations (a library\'s sources, or a folder without any yet). Pass the folder with `--migrations`, if there is one.',
      notAMigrationUnconfirmed:
        '{{file}} is in the migrations folder but is not a migration: {{reason}}. sequelize-cli would fail on it, but {{unconfirmed}}: if the folder is run another way (by hand, a script of your own that calls what the file exports), this is its format, not a mistake.{{others}}',
      noPromise:
        '`up` returns {{what}}, not a promise: {{runner}} fails the migration with "didn\'t return a promise" once its calls have started (umzug checks what the migration function returns), so it is never recorded, and the next run repeats the calls and fails on what they already did. Make `up` async and await each call, or return one promise (`return Promise.all([...])`).{{others}}',
      notAMethod:
        '`{{callee}}` is not a method of {{of}}: the call throws a TypeError ("{{callee}} is not a function") before it sends anything, so `up` fails here{{applied}}.{{meant}}',
      sqlRejected:
        '{{statement}} is not a statement PostgreSQL accepts ({{error}}): it fails whenever `up` reaches it, so the migration fails here{{applied}}. Write it in PostgreSQL\'s syntax.',
      typeMissing:
        '`{{callee}}` gives {{target}} no `type`: Sequelize cannot write the column without one, so the call fails before it changes anything (Sequelize throws before it sends any SQL; Sequelize 4 on PostgreSQL sends the type `undefined`, which the database refuses) and `up` fails here{{applied}}. Restate the column\'s type: `{ type: Sequelize.STRING, ... }`.',
      noPromiseDown:
        '`down` returns {{what}}, not a promise: {{runner}} fails the rollback with "didn\'t return a promise" once its calls have started (umzug checks what the migration function returns). Make `down` async, or return one promise.{{others}}',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    // Files that fail for one reason are one cause (a folder of one shape, a habit): one finding, at the first.
    const byReason = new Map<string, Migration[]>();
    for (const migration of project.migrations) {
      if (migration.status !== 'not-a-migration') continue;
      const reason = migration.notMigrationReason ?? 'it has no `up` function';
      byReason.set(reason, [...(byReason.get(reason) ?? []), migration]);
    }
    // Not one file of the folder is a migration, and they fail for several different reasons (modules of all kinds, not
    // migrations of one other format): the folder is the wrong one (hold-out 98: a umzug wrapper library's `src`, each of
    // its modules reported as a migration that breaks `db:migrate`). One finding, at the first file.
    const files = project.migrations.filter((m) => m.status !== 'parse-error' && m.status !== 'unreadable');
    const reasons = new Set(files.map((m) => m.notMigrationReason ?? ''));
    if (files.length >= 3 && reasons.size >= 3 && files.every((m) => m.status === 'not-a-migration')) {
      const first = files[0]!;
      report({
        migration: first,
        loc: { line: 1, column: 1 },
        messageId: 'noMigrationInFolder',
        data: { dir: `\`${project.project.migrationsDir}\``, count: String(files.length), file: first.name, reason: first.notMigrationReason ?? 'it has no `up` function' },
        severity: 'info',
      });
      return;
    }
    const unconfirmed = project.project.runner?.unconfirmed === true;
    // sequelize-cli reads `migrations` unless something says otherwise: a folder of another name that only the search
    // found, with nothing configuring the CLI, is not one it loads (hold-out 95: files uploaded without their project,
    // migrations beside resolvers and seed data in one folder, each reported as failing `db:migrate`).
    const searched = project.project.layoutSource === 'search' && project.project.runner?.kind === 'sequelize-cli' && !project.project.runner.evidence && project.project.migrationsDir !== 'migrations';
    const fileUnconfirmed = unconfirmed || searched;
    for (const [reason, [first, ...rest]] of byReason) {
      const others = rest.length === 0 ? '' : ` So ${rest.length === 1 ? 'is' : 'are'} ${joinTargets(rest.map((m) => `\`${m.name}\``), 3)}, for the same reason: reported once, here.`;
      const why = unconfirmed ? unconfirmedWhy(project.project.runner!) : `nothing configures sequelize-cli to read \`${project.project.migrationsDir}\`, and it reads \`migrations\` by default (this folder was found by looking for files that export \`up\`)`;
      report({
        migration: first!,
        loc: { line: 1, column: 1 },
        messageId: first!.exportsUnread ? 'exportsUnread' : fileUnconfirmed ? 'notAMigrationUnconfirmed' : 'notAMigration',
        data: { file: first!.name, reason, others, ...(fileUnconfirmed && !first!.exportsUnread ? { unconfirmed: why } : {}) },
        ...(fileUnconfirmed || first!.exportsUnread ? { severity: 'info' as const } : {}),
      });
    }
    // A call that throws whenever `up` reaches it (calls-that-throw.test.ts): the migration can never apply, and the steps
    // before it stay applied where nothing makes it atomic. Under a condition or in a loop it may not run: a warning.
    // A `down`'s are no-destructive-down's (a rollback that fails there).
    for (const migration of project.migrations) {
      if (migration.status !== 'ok') continue;
      let blocks: ReturnType<typeof sqlTransactionBlocks> | undefined;
      // A loop over a list migralint unrolls makes one step per item of one call: reported once.
      const reported = new Set<string>();
      for (const op of migration.up) {
        const thrown = callThrows(project, op);
        if (!thrown) continue;
        const at = `${op.loc.line}:${op.loc.column}`;
        if (reported.has(at)) continue;
        reported.add(at);
        // The steps before it that stay applied when it throws: outside the transaction it ends, or on MySQL, whose DDL commits.
        const kept = migration.up.filter((o) => o.loc.line < op.loc.line && o.op !== 'unresolved' && !o.conditional && changesDatabase(o.op) && !(ddlIsTransactional(project) && inSameTransaction(project, (blocks ??= sqlTransactionBlocks(migration.up)), o, op)));
        const applied = kept.length === 0 ? '' : `, after ${kept.length === 1 ? `\`${kept[0]!.callee}\` (line ${kept[0]!.loc.line})` : `${kept.length} steps (from line ${kept[0]!.loc.line})`} took effect: ${kept.length === 1 ? 'it stays' : 'they stay'} applied, the migration is not recorded, and the next run meets ${kept.length === 1 ? 'it' : 'them'} again`;
        const data = throwingCallData(thrown, op, applied);
        report({
          migration,
          loc: op.loc,
          messageId: thrown.kind,
          data,
          ...(op.conditional || op.inLoop ? { severity: 'warning' as const } : {}),
        });
      }
    }
    // A function that returns no promise, under a runner built on umzug (sequelize-cli, umzug itself), which refuses it
    // (measured: test/semantics/umzug-promise.test.ts). One finding per phase and shape, at the first, naming the others.
    const runnerText = project.project.runner?.kind === 'umzug' ? 'umzug' : 'sequelize-cli';
    for (const phase of ['up', 'down'] as const) {
      const byShape = new Map<string, Migration[]>();
      for (const m of project.migrations) {
        const fn = phase === 'up' ? m.upFunction : m.downFunction;
        if (m.status !== 'ok' || !umzugRefuses(project, m, phase) || !fn.noPromise || !fn.loc) continue;
        byShape.set(fn.noPromise, [...(byShape.get(fn.noPromise) ?? []), m]);
      }
      for (const [shape, [first, ...rest]] of byShape) {
        const fn = phase === 'up' ? first!.upFunction : first!.downFunction;
        const others = rest.length === 0 ? '' : ` So ${rest.length === 1 ? 'does' : 'do'} the \`${phase}\` of ${joinTargets(rest.map((m) => `\`${m.name}\``), 3)}: reported once, here.`;
        report({
          migration: first!,
          loc: { line: fn.loc!.line, column: fn.loc!.column },
          messageId: phase === 'up' ? 'noPromise' : 'noPromiseDown',
          data: { what: shape === 'array' ? 'an array of promises' : 'nothing', runner: runnerText, others },
          // A rollback someone runs by hand and watches; a runner that nothing names may not be umzug at all.
          ...(phase === 'down' || unconfirmed ? { severity: 'info' as const } : {}),
        });
      }
    }
  },
});

/** Why sequelize-cli is only assumed, as message text. */
function unconfirmedWhy(runner: RunnerInfo): string {
  const own = runner.ownProgram;
  return own ? `no npm script runs sequelize-cli, and \`${own.text}\` (${own.file}:${own.line}) migrates with a program of the project's own` : 'nothing in the project names sequelize-cli (no npm script, no `.sequelizerc`, no dependency)';
}
