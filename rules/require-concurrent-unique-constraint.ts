import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { firstAtCallSite, forEachStepOnTableInUse } from '../src/rules/project-facts';

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE` (what addConstraint of type
 * `unique` sends), `... PRIMARY KEY`, and a column added UNIQUE or PRIMARY
 * KEY (addColumn with `unique: true`) build their index while PostgreSQL
 * holds ACCESS EXCLUSIVE on the table: no read or write gets through until
 * the build ends. Building the unique index with CREATE UNIQUE INDEX
 * CONCURRENTLY, then attaching it with `ADD CONSTRAINT ... USING INDEX`,
 * takes that lock only for an instant. A table the same migration created
 * (or the unreleased change set) is empty: no finding.
 */
export default createRule({
  id: 'require-concurrent-unique-constraint',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require unique and primary key constraints on existing tables to be attached to an index built concurrently',
      help: 'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY` (outside any transaction), then attach it: `ALTER TABLE ... ADD CONSTRAINT name UNIQUE USING INDEX index_name` (or `PRIMARY KEY USING INDEX`), which takes its lock only for an instant.',
      recommended: false,
      strict: true,
      risk: 'locking',
    },
    messages: {
      blockingConstraint:
        '`{{op}}` adds a {{kind}} constraint on {{target}}: PostgreSQL builds its unique index while holding ACCESS EXCLUSIVE on `{{table}}`, blocking every read and write until the build ends.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report }) {
    const first = firstAtCallSite();
    forEachStepOnTableInUse(project, ({ migration, op }) => {
      const kind = indexedConstraint(op);
      if (!kind || !first(migration, op, kind)) return;
      report({
        migration,
        loc: op.loc,
        messageId: 'blockingConstraint',
        data: { op: op.sql ? (op.op === 'addColumn' ? 'ADD COLUMN' : 'ADD CONSTRAINT') : op.op, kind, target: describeTarget(op.target, op), table: op.target.table ?? '?' },
        target: op.target,
      });
    });
  },
});

/** `unique` or `primary key` when the step adds such a constraint that builds its own index (not `USING INDEX`); null otherwise. */
function indexedConstraint(op: Operation): 'unique' | 'primary key' | null {
  // A column added UNIQUE / PRIMARY KEY (raw SQL, or addColumn's `unique: true`, which Sequelize writes into the column definition).
  if (op.op === 'addColumn') return op.options.primaryKey === true ? 'primary key' : op.options.unique === true ? 'unique' : null;
  if (op.op !== 'addConstraint') return null;
  if (op.sql && op.options.usingIndex !== undefined) return null;
  const type = String((op.sql ? op.options.constraintType : op.options.type) ?? '').toLowerCase();
  return type === 'unique' || type === 'primary key' ? type : null;
}
