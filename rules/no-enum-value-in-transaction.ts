import type { Operation } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';
import { statementKeyword } from '../src/rules/operations';
import { runsOnPostgres } from '../src/rules/project-facts';
import { DEFAULT_POSTGRES_VERSION, postgresVersionOption } from '../src/rules/postgres-version';
import { inSameTransaction, sqlTransactionBlocks, transactionAround } from '../src/rules/transactions';

/**
 * `ALTER TYPE ... ADD VALUE` has two traps. Before PostgreSQL 12 it cannot
 * run inside a transaction block at all (the migration fails). From 12 it
 * can, but the new value cannot be used until that transaction commits:
 * a later statement of the same transaction that casts to it (an INSERT, an
 * UPDATE, a DEFAULT) fails with "unsafe use of new value" (55P04).
 * An enum type created earlier in the same transaction is the exception
 * before 12 (both the ADD VALUE and the use pass) and again from 17 (the use
 * passes); on 12 to 16 its new value is refused all the same. Measured on
 * PostgreSQL 10, 11, 12, 16 and 17: test/integration/pg-versions.test.ts.
 */
export default createRule({
  id: 'no-enum-value-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow ALTER TYPE ... ADD VALUE where PostgreSQL refuses it or its use in the same transaction',
      help: 'Add the enum value in a step of its own, outside the transaction (its own query, no `{ transaction }`), and use the new value in a later migration or after that step has committed.',
      recommended: true,
      strict: true,
      risk: 'failure',
    },
    messages: {
      addValueInTransaction:
        '`ALTER TYPE ... ADD VALUE` on {{target}} runs {{where}}: PostgreSQL {{postgresVersion}} (before 12) refuses ADD VALUE inside a transaction block, so the migration fails.',
      newValueUsed:
        "`{{op}}` uses the enum value '{{value}}' that line {{line}} adds to {{target}}, in the same transaction: PostgreSQL refuses a new enum value before the transaction that added it commits (\"unsafe use of new value\"), so the migration fails.",
    },
    schema: {
      type: 'object',
      properties: {
        postgresVersion: postgresVersionOption('Before 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block at all.'),
      },
      additionalProperties: false,
    },
    defaultSeverity: 'error',
    scope: 'file',
  },
  defaultOptions: { postgresVersion: DEFAULT_POSTGRES_VERSION },
  check({ project, report, options }) {
    for (const migration of project.migrations) {
      for (const phase of [migration.up, migration.down]) {
        const blocks = sqlTransactionBlocks(phase);
        phase.forEach((op, i) => {
          const value = op.op === 'alterType' ? op.options.addValue : undefined;
          if (typeof value !== 'string' || !runsOnPostgres(project, op)) return;
          const where = transactionAround(project, op, (blocks.get(op) ?? null) !== null);
          if (!where) return;
          const target = describeTarget(op.target, op);
          const typeIsNew = phase.slice(0, i).some((earlier) => createsEnum(earlier, op) && inSameTransaction(project, blocks, earlier, op));
          if (options.postgresVersion < 12) {
            if (typeIsNew) return;
            report({ migration, loc: op.loc, messageId: 'addValueInTransaction', data: { target, where, postgresVersion: String(options.postgresVersion) }, target: op.target });
            return;
          }
          if (typeIsNew && options.postgresVersion >= 17) return;
          const use = phase.slice(i + 1).find((later) => usesValue(later, value) && inSameTransaction(project, blocks, op, later));
          if (!use) return;
          report({
            migration,
            loc: use.loc,
            messageId: 'newValueUsed',
            data: { op: use.sql ? statementKeyword(use.statement ?? '') : use.op, value, line: String(op.loc.line), target },
            target: use.target,
          });
        });
      }
    }
  },
});

/** `earlier` is the raw `CREATE TYPE ... AS ENUM` of the type `addValue` extends (same name, same schema when both say one). */
function createsEnum(earlier: Operation, addValue: Operation): boolean {
  if (earlier.op !== 'createType' || earlier.options.kind !== 'enum' || !earlier.target.name) return false;
  const a = earlier.target;
  const b = addValue.target;
  return a.name === b.name && (a.schema == null || b.schema == null || a.schema === b.schema);
}

/** The step writes the value: as a quoted literal in its SQL, or as a string in its builder options (a default, updated values). */
function usesValue(op: Operation, value: string): boolean {
  if (op.op === 'alterType' || op.op === 'createType') return false;
  if (op.sql) return (op.statement ?? '').includes(`'${value.replace(/'/g, "''")}'`);
  return JSON.stringify(op.options).includes(JSON.stringify(value));
}

