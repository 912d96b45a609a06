/**
 * The production PostgreSQL major version, which decides version-dependent
 * facts (a default without a rewrite from 11, a validated CHECK that spares
 * SET NOT NULL its scan from 12, ALTER TYPE ... ADD VALUE in a transaction
 * from 12). Rules that depend on it take a `postgresVersion` option with
 * this schema; the default is a recent supported version. Each boundary is
 * measured on real PostgreSQL 10, 11, 12, 16 and 17:
 * test/integration/pg-versions.test.ts.
 */
export const DEFAULT_POSTGRES_VERSION = 16;

/** The `postgresVersion` option's schema entry, with the rule's own sentence on what the version changes. */
export function postgresVersionOption(whatItChanges: string): { type: 'integer'; minimum: number; description: string } {
  return {
    type: 'integer',
    minimum: 9,
    description: `Major version of the production PostgreSQL. ${whatItChanges} Default ${DEFAULT_POSTGRES_VERSION}.`,
  };
}
