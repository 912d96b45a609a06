import type { Migration } from '../src/model';
import { joinTargets } from '../src/operations/effects';
import { createRule } from '../src/rules/create-rule';

/**
 * Every .js/.cjs/.ts file in the migrations folder is loaded by the runner as
 * a migration: a helper or a commented-out file there breaks `db:migrate`.
 */
export default createRule({
  id: 'valid-migration-file',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every file in the migrations folder to export an `up` function',
      help: 'Move helpers out of the migrations folder and import them with a relative path; delete migrations that must never run instead of commenting them out.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      notAMigration:
        '{{file}} is in the migrations folder but is not a migration: {{reason}}. The runner loads every file there and `db:migrate` fails on it.{{others}}',
      notAMigrationUnconfirmed:
        '{{file}} is in the migrations folder but is not a migration: {{reason}}. sequelize-cli would fail on it, but nothing in the project names sequelize-cli (no npm script, no `.sequelizerc`, no dependency): if the folder is run another way (by hand, a script of your own that calls what the file exports), this is its format, not a mistake.{{others}}',
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
    const unconfirmed = project.project.runner?.unconfirmed === true;
    for (const [reason, [first, ...rest]] of byReason) {
      const others = rest.length === 0 ? '' : ` So ${rest.length === 1 ? 'is' : 'are'} ${joinTargets(rest.map((m) => `\`${m.name}\``), 3)}, for the same reason: reported once, here.`;
      report({
        migration: first!,
        loc: { line: 1, column: 1 },
        messageId: unconfirmed ? 'notAMigrationUnconfirmed' : 'notAMigration',
        data: { file: first!.name, reason, others },
        ...(unconfirmed ? { severity: 'info' as const } : {}),
      });
    }
  },
});
