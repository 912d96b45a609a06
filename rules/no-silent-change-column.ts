import type { JsonValue, Migration, Operation, ProjectModel } from '../src/model';
import { createRule } from '../src/rules/create-rule';
import { perCallSite, setsDefault, setsNotNull } from '../src/rules/operations';
import { describeTarget, joinTargets } from '../src/operations/effects';
import { typeFamily } from '../src/operations/type-casts';
import { modelsOfTable, runsOnlyOn, runsOnlyOnMysql, runsOnPostgres } from '../src/rules/project-facts';
import { restatesColumn } from '../src/rules/plausible-failure';
import { present, restateAllowNull } from '../src/rules/rewrites';
import { forEachUpStep, targetColumn, type ReplayedColumn } from '../src/schema/replay';
import { mappedColumns } from '../src/models/read-models';

/**
 * Sequelize's changeColumn rewrites the whole column: on PostgreSQL it sends
 * `DROP NOT NULL` unless the call says `allowNull: false`, and `DROP DEFAULT`
 * unless it gives a `defaultValue` (on MySQL, `CHANGE` takes the whole
 * definition). A call written to change only the type therefore also makes
 * the column nullable and removes its default, without a word. On a primary
 * key column PostgreSQL refuses the DROP NOT NULL and the migration fails.
 * What the column had comes from the schema replay (src/schema/replay.ts).
 * Measured: an omitted `unique` or `references` is kept (Sequelize sends
 * nothing for them), so they are not reported.
 */
export default createRule({
  id: 'no-silent-change-column',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `changeColumn` calls that silently drop the column\'s NOT NULL or default',
      help: 'Restate in the changeColumn attributes what the column keeps: `allowNull: false` and its `defaultValue`, as the column was defined.',
      recommended: true,
      strict: true,
      risk: 'data-loss',
    },
    messages: {
      settingsDropped:
        '`changeColumn` on {{target}} does not restate {{restate}}: Sequelize sends {{sql}}, so the column silently {{consequence}}.',
      settingsDroppedModelKeeps:
        '`changeColumn` on {{target}} does not restate {{restate}}: Sequelize sends {{sql}}, so the column {{consequence}}; the model ({{model}}) {{keeps}}, so only writes that bypass it (raw SQL, another application) see the difference.',
      settingsDroppedLikeModel:
        '`changeColumn` on {{target}} does not restate {{restate}}: Sequelize sends {{sql}}, so the column {{consequence}}, as its model ({{model}}) declares it ({{declares}}): the change brings the table in line with the model, presumably on purpose.',
      defaultOnlyToFill:
        '`changeColumn` on {{target}} drops the default that the `addColumn` at line {{line}} of this migration gave the column: it was there to fill the existing rows, and goes on purpose (new rows must name a value).',
      primaryKeyNotNull:
        '`changeColumn` on {{target}}, a primary key column, does not restate `allowNull: false`: Sequelize sends DROP NOT NULL, which PostgreSQL refuses ("column is in a primary key"), so the migration fails.',
      settingsDroppedUnmapped:
        '`changeColumn` on {{target}} does not restate {{restate}}: Sequelize sends {{sql}}, so the column {{consequence}}; no model maps the column ({{model}} maps the table without it), so only raw SQL or another application writing it sees the difference.',
      restateAllowNull: 'Restate `allowNull: false` in the changeColumn attributes',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: 'warning',
    scope: 'project',
  },
  defaultOptions: {},
  check({ project, report: reportOne }) {
    // One call run for several columns (a loop over tables, unrolled): one finding per call site and verdict, naming
    // the columns (issue #11: operations duplicated by unrolling a loop are reported once).
    const { report, flush } = perCallSite(
      reportOne,
      (first, targets) => ({ ...first, data: { ...first.data, target: joinTargets(targets, 3) }, suggest: [] }),
      (d) => `${d.data?.restate ?? ''}\u0000${d.data?.sql ?? ''}`,
    );
    forEachUpStep(project.migrations, (step) => {
      const { migration, op } = step;
      if (op.op !== 'changeColumn' || op.sql || !restatesNothingFor(op)) return;
      const column = targetColumn(step)?.column;
      if (!column) return;
      const suggest = present([restateAllowNull(op)]).map((r) => ({ messageId: 'restateAllowNull' as const, fix: r.fix }));
      const target = describeTarget(op.target, op);
      if (column.definition?.primaryKey === true && op.options.allowNull === undefined) {
        if (!runsOnPostgres(project, op)) return;
        report({ migration, loc: op.loc, messageId: 'primaryKeyNotNull', data: { target }, target: op.target, severity: 'error', suggest });
        return;
      }
      // What a later step of `up` sets again (a raw `SET DEFAULT` right after) is not lost; what `down` puts back
      // (NOT NULL, the default, on this very column) is dropped on purpose: the migration is written with its undo,
      // it is not a side effect nobody meant.
      const later = migration.up.slice(migration.up.indexOf(op) + 1);
      // SQL Server: Sequelize sends `ALTER COLUMN c type NULL`, which leaves the default (a constraint of its own) in
      // place; only NOT NULL goes (sequelize/lib/dialects/mssql/query-generator.js, changeColumnQuery).
      const mssql = runsOnlyOn(project, op, 'mssql');
      const lost = lostSettings(column, op).filter((l) => !(mssql && l.sql === 'DROP DEFAULT') && ![...later, ...migration.down].some((d) => setsAgain(d, op, l)));
      if (lost.length === 0) return;
      // `addColumn(t, c, { allowNull: false, defaultValue: x })` then `changeColumn` without the default, in one
      // migration: the default was there to fill the existing rows, and goes on purpose.
      const filler = lost.every((l) => l.sql === 'DROP DEFAULT' && !l.sequence) ? addedWithDefaultBefore(migration, op) : null;
      if (filler) {
        report({ migration, loc: op.loc, messageId: 'defaultOnlyToFill', data: { target, line: String(filler.loc.line) }, target: op.target, severity: 'info', suggest: [] });
        return;
      }
      // MySQL and MariaDB: Sequelize sends `CHANGE c c <definition>`, the whole column again, without what it omits.
      const sql = runsOnlyOnMysql(project, op)
        ? `\`CHANGE\` with the whole column definition, which ${lost.map((l) => (l.sql === 'DROP NOT NULL' ? 'says no `NOT NULL`' : 'names no `DEFAULT`')).join(' and ')}`
        : lost.map((l) => (mssql && l.sql === 'DROP NOT NULL' ? '`ALTER COLUMN ... NULL`' : l.sql)).join(' and ');
      const data = {
        target,
        restate: lost.map((l) => l.restate).join(' and '),
        sql,
        consequence: lost.map((l) => l.consequence).join(' and '),
      };
      // Models read whole map the table but not this column: only writes that bypass them see the difference (hold-out 48).
      const unmapped = unmappedColumn(project, op);
      if (unmapped) {
        report({ migration, loc: op.loc, messageId: 'settingsDroppedUnmapped', data: { ...data, model: unmapped }, target: op.target, severity: 'info', suggest: [] });
        return;
      }
      // The model declares what is lost itself (`allowNull: false` is checked, `defaultValue` filled in, by Sequelize
      // on the model's own writes): only writes that bypass the model see the difference.
      const model = modelKeeps(project, op, lost);
      // A call that keeps the column's type exists to set its settings, and the model declares the column as the call
      // leaves it (nullable, no default): the migration syncs the table to the model. With a type change (a widening),
      // what goes is a side effect when the model merely leaves `allowNull` unsaid (a NOT NULL lost on a lookup key:
      // corpus samples D-I), but not when the model writes `allowNull: true` out: its author chose the nullable column
      // the call leaves (hold-out 10, a created_by column turned from integer to string).
      const like = model ? null : modelDeclaresLoss(project, op, lost, restatesColumn(op, column));
      if (like) {
        report({ migration, loc: op.loc, messageId: 'settingsDroppedLikeModel', data: { ...data, model: like.file, declares: like.declares }, target: op.target, severity: 'info', suggest: [] });
        return;
      }
      report({
        migration,
        loc: op.loc,
        messageId: model ? 'settingsDroppedModelKeeps' : 'settingsDropped',
        data: model ? { ...data, model: model.file, keeps: model.stamped ? 'fills it on every save (its `timestamps`)' : `declares ${lost.length > 1 ? 'both' : 'it'} itself` } : data,
        target: op.target,
        ...(model ? { severity: 'info' as const } : {}),
        suggest: lost.some((l) => l.sql === 'DROP NOT NULL') ? suggest : [],
      });
    });
    flush();
  },
});


/** The `addColumn` of the same column earlier in this `up` that gave it a default (to fill the existing rows), or null. */
function addedWithDefaultBefore(migration: Migration, op: Operation): Operation | null {
  const before = migration.up.slice(0, migration.up.indexOf(op));
  return before.find((u) => u.op === 'addColumn' && !u.sql && u.target.table === op.target.table && u.target.column === op.target.column && setsDefault(u.options.defaultValue)) ?? null;
}

/**
 * A step on the same column that sets again what `op` loses: `allowNull: false` or `SET NOT NULL`; a `defaultValue`
 * or `SET DEFAULT` (only raw SQL can give a sequence default back: Sequelize's changeColumn cannot).
 */
function setsAgain(d: Operation, op: Operation, lost: Lost): boolean {
  if (d.op !== 'changeColumn' || d.target.table !== op.target.table || d.target.column !== op.target.column) return false;
  if (lost.sql === 'DROP NOT NULL') return setsNotNull(d);
  return d.options.setDefault === true || (!d.sql && !lost.sequence && setsDefault(d.options.defaultValue));
}

/**
 * A builder call whose attributes are known and do not restate `references`
 * (with it, Sequelize sends neither DROP NOT NULL nor DROP DEFAULT, measured).
 */
function restatesNothingFor(op: Operation): boolean {
  const o = op.options;
  return o.$partial !== true && !op.unresolved && o.references === undefined && o.primaryKey === undefined;
}

/**
 * The model of the column's table (read completely) declares every setting
 * the call drops: `allowNull: false` for a lost NOT NULL, a `defaultValue`
 * for a lost default. Its file, in backticks, or null.
 */
/**
 * The models of the column's table, every one read whole, and none maps the column: the first model's file, in
 * backticks; else null (no model of the table, or one that may map it).
 */
function unmappedColumn(project: ProjectModel, op: Operation): string | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  const models = modelsOfTable(project, op.target);
  if (models.length === 0 || models.some((m) => m.unresolved || !m.attributesComplete || m.attributes.some((a) => a.unresolved) || m.impliedColumns.some((c) => c.uncertain))) return null;
  return models.some((m) => mappedColumns(m).has(column)) ? null : `\`${models[0]!.file}\``;
}

function modelKeeps(project: ProjectModel, op: Operation, lost: readonly Lost[]): { file: string; stamped: boolean } | null {
  const { table, column } = op.target;
  if (!table || !column) return null;
  const models = modelsOfTable(project, op.target).filter((m) => !m.unresolved);
  if (models.length === 0) return null;
  let stampedByAll = true;
  for (const m of models) {
    // The model's createdAt / updatedAt column (timestamps on): Sequelize writes it on every create (and update) of
    // the model, so neither NULL nor a missing default reaches it through the model.
    const stamped = m.timestamps && m.impliedColumns.some((c) => (c.kind === 'createdAt' || c.kind === 'updatedAt') && c.column === column && !c.uncertain);
    if (stamped && !lost.some((l) => l.sequence)) continue;
    stampedByAll = false;
    const a = m.attributes.find((x) => x.column === column && !x.unresolved);
    if (!a) return null;
    if (lost.some((l) => l.sql === 'DROP NOT NULL') && a.allowNull !== false) return null;
    if (lost.some((l) => l.sql === 'DROP DEFAULT' && !l.sequence) && a.hasDefault !== true) return null;
    if (lost.some((l) => l.sequence)) return null;
  }
  return { file: `\`${models[0]!.file}\``, stamped: stampedByAll };
}

/**
 * Every model of the column's table (read completely) declares the column as
 * the call leaves it: nullable for a lost NOT NULL, no `defaultValue` for a
 * lost default. When the call changes the type (`typeKept` false), a lost NOT
 * NULL must be given up in writing (`allowNull: true`). Its file and what it
 * declares, or null.
 */
function modelDeclaresLoss(project: ProjectModel, op: Operation, lost: readonly Lost[], typeKept: boolean): { file: string; declares: string } | null {
  if (!op.target.table || !op.target.column || lost.some((l) => l.sequence)) return null;
  // With a type change, only a NOT NULL the model gives up in writing (`allowNull: true`) is on purpose.
  if (!typeKept && !lost.some((l) => l.sql === 'DROP NOT NULL')) return null;
  const models = modelsOfTable(project, op.target).filter((m) => !m.unresolved);
  if (models.length === 0) return null;
  for (const m of models) {
    const a = m.attributes.find((x) => x.column === op.target.column && !x.unresolved);
    if (!a) return null;
    if (lost.some((l) => l.sql === 'DROP NOT NULL') && (typeKept ? a.allowNull === false : a.nullableDeclared !== true)) return null;
    if (lost.some((l) => l.sql === 'DROP DEFAULT') && a.hasDefault === true) return null;
  }
  const declares = [lost.some((l) => l.sql === 'DROP NOT NULL') ? 'nullable' : '', lost.some((l) => l.sql === 'DROP DEFAULT') ? 'no default' : ''].filter(Boolean).join(', ');
  return { file: `\`${models[0]!.file}\``, declares };
}

interface Lost {
  restate: string;
  sql: string;
  consequence: string;
  /** The lost default is an auto-increment sequence, which no model fills in. */
  sequence?: true;
}

/** The column's NOT NULL and default that the call drops. */
function lostSettings(column: ReplayedColumn, op: Operation): Lost[] {
  const o = op.options;
  const lost: Lost[] = [];
  // An explicit `allowNull: true` / `defaultValue: null` asks for the change: only what the call leaves unsaid is silent.
  // A default of NULL says the column takes NULL: its NOT NULL goes on purpose too.
  if (column.allowNull === false && o.allowNull === undefined && o.defaultValue !== null) {
    lost.push({ restate: '`allowNull: false`', sql: 'DROP NOT NULL', consequence: 'accepts NULL' });
  }
  const def = column.definition;
  if (def && o.defaultValue === undefined) {
    if (setsDefault(def.defaultValue) && defaultStillFits(def.defaultValue!, column.type, typeof o.type === 'string' ? o.type : null)) {
      lost.push({ restate: '`defaultValue`', sql: 'DROP DEFAULT', consequence: `loses its default (${shown(def.defaultValue!)})` });
    } else if (def.autoIncrement === true) {
      // Restating `autoIncrement` does not help (changeColumn then asks for type SERIAL, which does not exist).
      lost.push({ restate: 'its sequence default (autoIncrement)', sql: 'DROP DEFAULT', consequence: 'loses its sequence default (`nextval(...)`), so every insert that does not give the id fails', sequence: true });
    }
  }
  return lost;
}


function shown(value: JsonValue): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.$expr === 'string') return `\`${value.$expr}\``;
  return `\`${JSON.stringify(value)}\``;
}

/**
 * The old default is still a value of the new type: the type family stays, or
 * a text default is one of the new ENUM's labels. A column turned into
 * another kind of value (a boolean flag into a text id) has no use for its old
 * default: dropping it is the point.
 */
function defaultStillFits(value: JsonValue, from: string | null, to: string | null): boolean {
  const fromFamily = typeFamily(from);
  const toFamily = typeFamily(to);
  if (!fromFamily || !toFamily || fromFamily === toFamily) return true;
  return toFamily === 'enum' && typeof value === 'string' && (to!.includes(`'${value}'`) || to!.includes(`"${value}"`));
}
