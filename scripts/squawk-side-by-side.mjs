#!/usr/bin/env node
// Side by side with squawk (https://squawkhq.com), the PostgreSQL migration linter, on the raw SQL of the
// rebuilt corpus (issue #12): every statement that an `up` sends through `sequelize.query`, as migralint's own
// extraction reads it, is written to one `.sql` file per migration; squawk lints those files, migralint (every
// rule on, the strict lock rules included) the project itself; each squawk violation is then matched to a
// migralint finding of the corresponding rule at the same call, and the misses are listed with their reason.
//
//   npm run build
//   (cd /tmp/squawk && npm init -y && npm install squawk-cli@2.66.0)      squawk stays outside the repository
//   MIGRALINT_CORPUS=/path SQUAWK=/tmp/squawk/node_modules/.bin/squawk node scripts/squawk-side-by-side.mjs <outdir>
//
// Writes <outdir>/sql/<project>/<migration>.sql, <outdir>/squawk.json (squawk's raw output, per project),
// <outdir>/misses.json (every unmatched violation with its statement) and <outdir>/squawk.md (the table).
// Nothing from the corpus is copied into the repository: the output directory must lie outside it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROJECTS } from './corpus.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => pathToFileURL(join(repoRoot, 'dist', path)).href;

/** The PostgreSQL version both tools assume (migralint's default, src/rules/postgres-version.ts). */
const PG_VERSION = 16;

/**
 * Squawk rule -> the migralint rules that report the same hazard. Squawk rules not listed have no counterpart
 * (type preferences such as prefer-bigint-over-int, prefer-text-field, prefer-timestamptz; statement_timeout).
 */
export const COUNTERPARTS = {
  'require-concurrent-index-creation': ['require-concurrent-index'],
  'require-concurrent-index-deletion': ['require-concurrent-index'],
  'ban-concurrent-index-creation-in-transaction': ['require-concurrent-index-outside-transaction'],
  'constraint-missing-not-valid': ['require-not-valid-constraint'],
  'adding-foreign-key-constraint': ['require-not-valid-constraint'],
  'changing-column-type': ['no-table-rewrite', 'no-impossible-cast'],
  'adding-field-with-default': ['no-table-rewrite'],
  'adding-serial-primary-key-field': ['no-table-rewrite', 'require-concurrent-unique-constraint'],
  'adding-required-field': ['no-failing-not-null'],
  'adding-not-nullable-field': ['require-check-before-set-not-null', 'no-failing-not-null'],
  'disallowed-unique-constraint': ['require-concurrent-unique-constraint'],
  'renaming-column': ['no-rename-during-deploy'],
  'renaming-table': ['no-rename-during-deploy'],
  'require-lock-timeout': ['require-lock-timeout'],
  'ban-drop-column': ['no-destructive-up'],
  'ban-drop-table': ['no-destructive-up'],
  'ban-drop-database': ['no-destructive-up'],
  'ban-truncate-cascade': ['no-destructive-up'],
  'prefer-robust-stmts': ['require-idempotency-guard'],
};

/**
 * Matched by migration, not by statement: migralint reports these once per migration, each at a step of its own
 * choosing (require-lock-timeout: the first ACCESS EXCLUSIVE step; require-idempotency-guard: the first step that
 * would stay applied when a later one fails), where squawk reports the first statement (lock_timeout) or every one.
 */
const ONCE_PER_MIGRATION = new Set(['require-lock-timeout', 'prefer-robust-stmts']);

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write('usage: MIGRALINT_CORPUS=<corpus> SQUAWK=<squawk binary> node scripts/squawk-side-by-side.mjs <outdir>\n');
  process.exit(2);
}

/** One statement of a migration's `up`, as migralint extracted it: the operations it became and where squawk sees it. */
function statementsOf(migration) {
  const out = [];
  for (const [index, op] of migration.up.entries()) {
    if (!op.sql || op.statement === undefined || op.sqlNotParsed) continue;
    const last = out.at(-1);
    // One statement with several subcommands (ALTER TABLE t ADD a, ADD b) is several operations of one call.
    if (last && last.statement === op.statement && last.ops.at(-1).loc.line === op.loc.line && last.ops.at(-1).loc.column === op.loc.column && last.indexes.at(-1) === index - 1) {
      last.ops.push(op);
      last.indexes.push(index);
      continue;
    }
    out.push({ statement: op.statement, ops: [op], indexes: [index], sqlError: op.sqlError });
  }
  return out;
}

/** Writes the migration's statements to `path`, recording the 0-based line range of each (squawk's lines). */
function writeSql(path, migration, statements) {
  const lines = [`-- ${migration.file}: the raw SQL of up, one statement per query call (in order)`];
  for (const s of statements) {
    const text = `${s.statement.replace(/;\s*$/, '')};`.split('\n');
    lines.push(`-- line ${s.ops[0].loc.line}`);
    s.firstLine = lines.length;
    lines.push(...text);
    s.lastLine = lines.length - 1;
    lines.push('');
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function runSquawk(squawk, dir) {
  const res = spawnSync(squawk, ['--reporter', 'json', `--pg-version=${PG_VERSION}`, `${dir}/*.sql`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (res.error) usage(`cannot run ${squawk}: ${res.error.message}`);
  try {
    return JSON.parse(res.stdout);
  } catch {
    usage(`squawk printed no JSON (exit ${res.status}): ${res.stderr.trim().split('\n')[0]}`);
  }
}

/**
 * Why migralint does not report a statement squawk reports, when the model says so: the table is new (created
 * earlier in the same migration), a name comes from a value migralint cannot resolve, the statement does not
 * do what squawk assumes. Null: unexplained (a gap, or a reason written in the table by hand).
 */
function knownReason(rule, statement, migration, model, { CreatedInMigration, operationFacts }) {
  const before = migration.up.slice(0, statement.indexes[0]);
  const created = new CreatedInMigration();
  for (const op of before) created.record(op);
  const op = statement.ops[0];
  const tables = statement.ops.map((o) => o.target.table);
  if (rule !== 'prefer-robust-stmts' && tables.some((t) => created.tableIsNew(t) || created.relationIsNew(t)))
    return 'table created earlier in the same migration: empty, no release uses it';
  if (statement.ops.some((o) => o.unresolved)) return 'a name in the statement comes from a value migralint cannot resolve';
  if (rule === 'require-lock-timeout') {
    const { lock } = operationFacts(op.op);
    const what = op.op === 'sql' ? String(op.options.statementType ?? 'sql') : op.op;
    if (op.options.concurrently === true) return `no ACCESS EXCLUSIVE on a table (\`${what}\` CONCURRENTLY: SHARE UPDATE EXCLUSIVE), outside migralint's scope`;
    if (op.op === 'sql' || !(lock.mode === 'ACCESS EXCLUSIVE' && lock.on === 'table'))
      return `no ACCESS EXCLUSIVE on a table (\`${what}\`: ${lock.mode && lock.on === 'table' ? lock.mode : (lock.note ?? 'no table lock')}), outside migralint's scope`;
  }
  if (statement.ops.every((o) => o.conditional)) return 'under a condition (may not run)';
  if (rule === 'prefer-robust-stmts') {
    const steps = migration.up.filter((o) => o.op !== 'select');
    if (model.project.runner?.transaction === 'per-migration') return `the runner (${model.project.runner.kind}) runs each migration in one transaction: atomic, a rerun starts clean`;
    if (migration.upFunction.wrappedInTransaction || steps.every((o) => o.inTransaction)) return 'every step passes the migration\'s transaction (JavaScript, invisible to squawk): atomic, a rerun starts clean';
    if (new Set(steps.map((o) => `${o.loc.line}:${o.loc.column}`)).size === 1) return 'one query call (one step, or one multi-statement string PostgreSQL runs as one implicit transaction): atomic';
    const rerunnable = (o) => o.guarded || (o.op === 'changeColumn' && (o.options.dropNotNull === true || o.options.setDefault === true || o.options.dropDefault === true));
    if (statement.ops.every(rerunnable)) return 'the statement reruns without error (DROP NOT NULL, SET / DROP DEFAULT, IF [NOT] EXISTS): squawk asks for a transaction around any ALTER';
    const name = op.target.name ?? op.options.name;
    if (name && before.some((o) => (o.op === 'removeIndex' || o.op === 'removeConstraint') && o.guarded && (o.target.name ?? o.options.name) === name))
      return 'preceded by its own undo (DROP ... IF EXISTS of the same name): a rerun cannot meet "already exists"';
    if (steps.filter((o) => !rerunnable(o) && !o.inTransaction).length <= 1)
      return 'at most one step would fail on a rerun (the others rerun without error or share the migration\'s transaction): a failure leaves nothing that blocks the rerun';
  }
  if (rule === 'changing-column-type' && statement.ops.every((o) => o.op !== 'changeColumn')) return `not a column type change in migralint's reading (${op.op})`;
  return null;
}

async function main() {
  const [outArg] = process.argv.slice(2);
  if (!outArg) usage();
  const outdir = resolve(outArg);
  if (outdir === repoRoot || outdir.startsWith(`${repoRoot}/`)) usage(`${outArg} lies inside the repository; keep corpus output outside it`);
  const corpus = process.env.MIGRALINT_CORPUS;
  if (!corpus || !existsSync(corpus)) usage('set MIGRALINT_CORPUS to the rebuilt corpus folder');
  const squawk = process.env.SQUAWK;
  if (!squawk || !existsSync(squawk)) usage('set SQUAWK to the squawk binary (npm install squawk-cli@2.66.0 outside the repository)');
  if (!existsSync(join(repoRoot, 'dist/src/index.js'))) usage('run npm run build first');
  const { analyzeProject, RULES } = await import(dist('src/index.js'));
  const facts = { ...(await import(dist('src/schema/replay.js'))), ...(await import(dist('src/operations/table.js'))) };
  const allOn = Object.fromEntries(RULES.map((r) => [r.id, 'on']));

  rmSync(join(outdir, 'sql'), { recursive: true, force: true });
  const rows = new Map(); // squawk rule -> { violations, matched, missed: Map<reason, n> }
  const misses = [];
  const raw = {};
  let statementCount = 0;
  let fileCount = 0;
  let unparsed = 0;
  for (const project of PROJECTS) {
    const root = join(corpus, project);
    const { project: model, findings } = await analyzeProject(root, { rules: allOn });
    const dir = join(outdir, 'sql', project.replaceAll('/', '~'));
    mkdirSync(dir, { recursive: true });
    const byFile = new Map(); // sql file name -> { migration, statements }
    for (const migration of model.migrations) {
      const statements = statementsOf(migration).filter((s) => {
        if (s.sqlError === undefined) return true;
        unparsed++;
        return false;
      });
      if (statements.length === 0) continue;
      const name = `${migration.file.replaceAll('/', '~')}.sql`;
      writeSql(join(dir, name), migration, statements);
      byFile.set(name, { migration, statements });
      statementCount += statements.length;
      fileCount++;
    }
    if (byFile.size === 0) continue;
    const violations = runSquawk(squawk, dir);
    raw[project] = violations;
    for (const v of violations) {
      const entry = byFile.get(v.file.split('/').at(-1));
      const statement = entry?.statements.find((s) => v.line >= s.firstLine && v.line <= s.lastLine);
      const row = rows.get(v.rule_name) ?? { violations: 0, matched: 0, missed: new Map() };
      rows.set(v.rule_name, row);
      row.violations++;
      const counterparts = COUNTERPARTS[v.rule_name];
      if (!counterparts) continue;
      if (!statement) {
        row.missed.set('not on a statement (file level)', (row.missed.get('not on a statement (file level)') ?? 0) + 1);
        continue;
      }
      const { migration } = entry;
      const op = statement.ops[0];
      const tables = new Set(statement.ops.map((o) => o.target.table));
      const hit = findings.find(
        (f) =>
          counterparts.includes(f.rule) &&
          f.file === migration.file &&
          (ONCE_PER_MIGRATION.has(v.rule_name) || (f.line === op.loc.line && f.column === op.loc.column && (!f.target?.table || tables.has(f.target.table) || tables.has(null)))),
      );
      if (hit) {
        row.matched++;
        continue;
      }
      const reason = knownReason(v.rule_name, statement, migration, model, facts) ?? 'unexplained';
      row.missed.set(reason, (row.missed.get(reason) ?? 0) + 1);
      misses.push({ rule: v.rule_name, reason, project, file: migration.file, line: op.loc.line, ops: statement.ops.map((o) => o.op), statement: statement.statement.slice(0, 400), squawk: v.message });
    }
  }
  writeFileSync(join(outdir, 'squawk.json'), `${JSON.stringify(raw, null, 1)}\n`);
  writeFileSync(join(outdir, 'misses.json'), `${JSON.stringify(misses, null, 1)}\n`);
  for (const rule of Object.keys(COUNTERPARTS)) if (!rows.has(rule)) rows.set(rule, { violations: 0, matched: 0, missed: new Map() });
  const version = spawnSync(squawk, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const table = [
    `${statementCount} raw SQL statements of \`up\` in ${fileCount} migrations of ${PROJECTS.length} corpus projects (${unparsed} that PostgreSQL's parser rejects left out), ` +
      `${version} with \`--pg-version=${PG_VERSION}\`, migralint with every rule on. A violation is matched when migralint reports a ` +
      `counterpart rule at the same query call and table (${[...ONCE_PER_MIGRATION].join(', ')}: anywhere in the same migration, since both tools report it once per migration at a step of their own choosing).`,
    '',
    '| squawk rule | migralint rule | squawk | matched | missed | why missed |',
    '|---|---|---:|---:|---:|---|',
    ...[...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rule, r]) => {
        const counterparts = COUNTERPARTS[rule];
        if (!counterparts) return `| ${rule} | none | ${r.violations} | - | - | no counterpart |`;
        const missed = r.violations - r.matched;
        const why = [...r.missed.entries()].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).map(([reason, n]) => `${n}: ${reason}`).join('; ');
        return `| ${rule} | ${counterparts.join(', ')} | ${r.violations} | ${r.matched} | ${missed} | ${why} |`;
      }),
  ];
  writeFileSync(join(outdir, 'squawk.md'), `${table.join('\n')}\n`);
  process.stdout.write(`${table.join('\n')}\n`);
}

await main();
