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
        '{{file}} is in the migrations folder but is not a migration: {{reason}}. The runner loads every file there and `db:migrate` fails on it.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      if (migration.status !== 'not-a-migration') continue;
      report({
        migration,
        loc: { line: 1, column: 1 },
        messageId: 'notAMigration',
        data: { file: migration.name, reason: migration.notMigrationReason ?? 'it has no `up` function' },
      });
    }
  },
});
