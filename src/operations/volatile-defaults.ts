/**
 * Column defaults PostgreSQL must compute once per existing row.
 *
 * Since PostgreSQL 11, `ADD COLUMN ... DEFAULT <expr>` stores the default in
 * the catalogue and rewrites nothing, as long as the expression is not
 * volatile: PostgreSQL evaluates it once. A volatile default (a new value per
 * row: `gen_random_uuid()`, `random()`, `clock_timestamp()`, a sequence's
 * `nextval`) still fills every row, rewriting the table under ACCESS
 * EXCLUSIVE; `now()` / `CURRENT_TIMESTAMP` are stable (one value per
 * transaction) and free. Measured on PGlite: test/semantics/rewrites.test.ts;
 * and on PostgreSQL 10 (any non-null default rewrites), 11, 12, 16 and 17:
 * test/integration/pg-versions.test.ts.
 */

/** Built-in and common extension functions that are volatile (pg_proc.provolatile = 'v'), lower case. */
const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'random',
  'random_normal',
  'clock_timestamp',
  'timeofday',
  'statement_timestamp',
  'nextval',
  'gen_random_bytes',
  'gen_salt',
]);

/** Whether a function PostgreSQL calls by this name (schema-qualified or not) is volatile. */
export function isVolatileFunction(name: string): boolean {
  return VOLATILE_FUNCTIONS.has(name.toLowerCase().replace(/^.*\./, '').replace(/^"|"$/g, ''));
}

/**
 * A builder `defaultValue` that sends a volatile SQL expression:
 * `Sequelize.literal('gen_random_uuid()')`, `Sequelize.fn('uuid_generate_v4')`
 * (extraction writes them `literal('...')` / `fn('...')`). `Sequelize.UUIDV4`,
 * `UUIDV1` and `NOW` are computed by Sequelize when it inserts: no DEFAULT is
 * sent at all.
 */
export function builderDefaultIsVolatile(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const fn = /^fn\(\s*['"`]([\w."]+)['"`]/.exec(value);
  if (fn) return isVolatileFunction(fn[1]!);
  const literal = /^literal\(\s*['"`](.*)['"`]\s*\)$/s.exec(value);
  if (!literal) return false;
  return [...literal[1]!.matchAll(/([\w."]+)\s*\(/g)].some((m) => isVolatileFunction(m[1]!));
}

/** Sequelize's client-side defaults: it computes them itself and sends no DEFAULT clause (`defaultValueSchemable`). */
export function builderDefaultIsSent(value: unknown): boolean {
  return !(typeof value === 'string' && /^(UUIDV1|UUIDV4|NOW)(\(\))?$/.test(value));
}
