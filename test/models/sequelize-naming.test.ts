import { describe, expect, it } from 'vitest';
import { readModelSources } from '../../src/models/read-models';
import { defaultTableName, pluralize, singularize, underscoredIf } from '../../src/models/naming';
import type { ModelDefinition } from '../../src/model';

/**
 * Measures Sequelize 6 itself (a devDependency; models are built in memory,
 * no database is contacted) and checks that migralint's static reading gives
 * the same table names, column names and injected foreign keys. The model
 * sources read statically are generated from the same parameters as the
 * real models: nothing analyzed is executed.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Sequelize, DataTypes } = require('sequelize') as typeof import('sequelize');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Utils = require('sequelize/lib/utils') as { pluralize(s: string): string; singularize(s: string): string; underscoredIf(s: string, c: boolean): string };

const NAMES = [
  'User', 'Category', 'Person', 'Status', 'Address', 'Data', 'Media', 'Quiz', 'Child', 'Analysis', 'Index', 'Matrix',
  'Equipment', 'Mouse', 'Box', 'Bus', 'Hero', 'Sheep', 'Information', 'news', 'Foot', 'Ox', 'Alias', 'Cactus', 'Leaf',
  'Knife', 'Half', 'Wolf', 'ChapterProgress', 'UserAchievement', 'HackathonGroupMember', 'OAuthToken', 'APIKey',
  'user_profile', 'Course_Chapter', 'Criterion', 'Phenomenon', 'Virus', 'Move', 'Movie', 'Series', 'Species',
];

function sequelize(define: Record<string, unknown> = {}) {
  return new Sequelize('postgres://user:secret@127.0.0.1:1/none', { logging: false, define });
}

describe('naming matches sequelize/lib/utils (inflection 1.13)', () => {
  it.each(NAMES)('%s', (name) => {
    expect(pluralize(name)).toBe(Utils.pluralize(name));
    expect(singularize(name)).toBe(Utils.singularize(name));
    expect(underscoredIf(name, true)).toBe(Utils.underscoredIf(name, true));
    expect(underscoredIf(name, false)).toBe(name);
  });

  it('attribute names of underscored models', () => {
    for (const attr of ['linkedinUrl', 'createdAt', 'userID', 'URLValue', 'a1B2', 'already_snake']) {
      expect(underscoredIf(attr, true)).toBe(Utils.underscoredIf(attr, true));
    }
  });
});

describe('default table names match Model.init', () => {
  const variants = [
    { freezeTableName: false, underscored: false },
    { freezeTableName: false, underscored: true },
    { freezeTableName: true, underscored: false },
    { freezeTableName: true, underscored: true },
  ];
  it.each(variants)('freezeTableName: $freezeTableName, underscored: $underscored', (options) => {
    const s = sequelize();
    for (const name of NAMES) {
      const model = s.define(name, { title: DataTypes.STRING }, options);
      expect(defaultTableName(name, options), name).toBe(model.tableName);
    }
  });
});

/** Attribute -> column, as Sequelize builds the model (rawAttributes after init and associations). */
function realColumns(model: { rawAttributes: Record<string, { field?: string; type: unknown }> }): Record<string, string> {
  return Object.fromEntries(
    Object.entries(model.rawAttributes)
      .filter(([, a]) => !(a.type instanceof DataTypes.VIRTUAL))
      .map(([name, a]) => [name, a.field ?? name]),
  );
}

/** The same mapping from a statically read model. */
function staticColumns(model: ModelDefinition): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of model.attributes) if (!a.virtual) out[a.name] = a.column;
  for (const c of model.impliedColumns) out[c.attribute] = c.column;
  return out;
}

interface ModelSpec {
  name: string;
  options: Record<string, unknown>;
  /** Attribute definitions as source text and as values. */
  attributes: Record<string, { src: string; def: unknown }>;
}

const str = (extra: Record<string, unknown> = {}) => ({
  src: `{ type: DataTypes.STRING${Object.entries(extra).map(([k, v]) => `, ${k}: ${JSON.stringify(v)}`).join('')} }`,
  def: { type: DataTypes.STRING, ...extra },
});

function sourceOf(models: ModelSpec[], association?: { holder: string; call: string; target: string; options: Record<string, unknown> }): string {
  const vars = models.map((m) => {
    const attrs = Object.entries(m.attributes).map(([k, v]) => `    ${k}: ${v.src},`).join('\n');
    return `  const ${m.name}Model = sequelize.define('${m.name}', {\n${attrs}\n  }, ${JSON.stringify(m.options)});`;
  });
  const assoc = association ? `\n  ${association.holder}Model.${association.call}(${association.target}Model, ${JSON.stringify(association.options)});` : '';
  return `module.exports = (sequelize, DataTypes) => {\n${vars.join('\n')}${assoc}\n};\n`;
}

function buildReal(models: ModelSpec[], define: Record<string, unknown> = {}) {
  const s = sequelize(define);
  const built = Object.fromEntries(
    models.map((m) => [m.name, s.define(m.name, Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, v.def])) as never, { ...m.options })]),
  );
  return built as Record<string, ReturnType<typeof s.define>>;
}

describe('columns, implied columns and table of a model match Sequelize', () => {
  const cases: { name: string; spec: ModelSpec }[] = [
    { name: 'defaults: id, createdAt, updatedAt', spec: { name: 'Invoice', options: {}, attributes: { totalCents: str() } } },
    { name: 'underscored', spec: { name: 'Invoice', options: { underscored: true }, attributes: { totalCents: str(), dueOn: str({ field: 'due_date' }) } } },
    { name: 'paranoid', spec: { name: 'Invoice', options: { paranoid: true }, attributes: { totalCents: str() } } },
    { name: 'paranoid without timestamps has no deletedAt', spec: { name: 'Invoice', options: { paranoid: true, timestamps: false }, attributes: { totalCents: str() } } },
    { name: 'renamed and disabled timestamps', spec: { name: 'Invoice', options: { createdAt: 'issuedAt', updatedAt: false, underscored: true }, attributes: { totalCents: str() } } },
    { name: 'paranoid with a deletedAt name', spec: { name: 'Invoice', options: { paranoid: true, deletedAt: 'voidedAt' }, attributes: { totalCents: str() } } },
    { name: 'version', spec: { name: 'Invoice', options: { version: true }, attributes: { totalCents: str() } } },
    { name: 'explicit primary key replaces id', spec: { name: 'Invoice', options: {}, attributes: { code: str({ primaryKey: true }) } } },
    { name: 'an attribute named like a timestamp wins', spec: { name: 'Invoice', options: {}, attributes: { createdAt: str({ field: 'created_on' }) } } },
    { name: 'tableName', spec: { name: 'Invoice', options: { tableName: 'billing_invoices' }, attributes: { totalCents: str() } } },
  ];
  it.each(cases)('$name', ({ spec }) => {
    const real = buildReal([spec])[spec.name]!;
    const [read] = readModelSources([{ file: 'models/invoice.js', source: sourceOf([spec]) }]).models;
    expect(read!.tableName).toBe(real.tableName);
    expect(staticColumns(read!)).toEqual(realColumns(real as never));
  });

  it('global define options apply unless the model overrides them', () => {
    const a: ModelSpec = { name: 'Invoice', options: {}, attributes: { totalCents: str() } };
    const b: ModelSpec = { name: 'LineItem', options: { underscored: false }, attributes: { unitPrice: str() } };
    const define = { underscored: true, paranoid: true };
    const real = buildReal([a, b], define);
    const loader = `const Sequelize = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL, { define: ${JSON.stringify(define)} });\nmodule.exports = { sequelize };\n`;
    const read = readModelSources([
      { file: 'models/index.js', source: loader },
      { file: 'models/models.js', source: sourceOf([a, b]) },
    ]);
    for (const model of read.models) {
      expect(model.tableName).toBe(real[model.name!]!.tableName);
      expect(staticColumns(model)).toEqual(realColumns(real[model.name!] as never));
    }
  });
});

describe('foreign keys injected by associations match Sequelize', () => {
  const author: ModelSpec = { name: 'Author', options: {}, attributes: { penName: str() } };
  const post: ModelSpec = { name: 'BlogPost', options: {}, attributes: { title: str() } };
  const underscoredPost: ModelSpec = { ...post, options: { underscored: true } };
  const keyedAuthor: ModelSpec = { name: 'Author', options: {}, attributes: { handle: str({ primaryKey: true }) } };
  const cases: { name: string; models: ModelSpec[]; holder: string; call: string; target: string; options: Record<string, unknown>; check: string }[] = [
    { name: 'belongsTo, default key', models: [author, post], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: {}, check: 'BlogPost' },
    { name: 'belongsTo with as', models: [author, post], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: { as: 'writer' }, check: 'BlogPost' },
    { name: 'belongsTo, underscored holder', models: [author, underscoredPost], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: {}, check: 'BlogPost' },
    { name: 'belongsTo, target with its own primary key', models: [keyedAuthor, post], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: {}, check: 'BlogPost' },
    { name: 'belongsTo, foreignKey string', models: [author, underscoredPost], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: { foreignKey: 'writtenBy' }, check: 'BlogPost' },
    { name: 'belongsTo, foreignKey object with field', models: [author, post], holder: 'BlogPost', call: 'belongsTo', target: 'Author', options: { foreignKey: { name: 'writerId', field: 'writer_ref' } }, check: 'BlogPost' },
    { name: 'hasMany, default key', models: [author, post], holder: 'Author', call: 'hasMany', target: 'BlogPost', options: {}, check: 'BlogPost' },
    { name: 'hasMany with as (the key still comes from the source)', models: [author, post], holder: 'Author', call: 'hasMany', target: 'BlogPost', options: { as: 'articles' }, check: 'BlogPost' },
    { name: 'hasMany, underscored target', models: [author, underscoredPost], holder: 'Author', call: 'hasMany', target: 'BlogPost', options: {}, check: 'BlogPost' },
    { name: 'hasOne, default key', models: [author, post], holder: 'Author', call: 'hasOne', target: 'BlogPost', options: {}, check: 'BlogPost' },
    { name: 'hasOne with as (the key comes from as)', models: [author, post], holder: 'Author', call: 'hasOne', target: 'BlogPost', options: { as: 'latestPost' }, check: 'BlogPost' },
  ];
  it.each(cases)('$name', ({ models, holder, call, target, options, check }) => {
    const real = buildReal(models);
    (real[holder] as unknown as Record<string, (t: unknown, o: unknown) => void>)[call]!.call(real[holder], real[target], structuredClone(options));
    const read = readModelSources([{ file: 'models/blog.js', source: sourceOf(models, { holder, call, target, options }) }]);
    const model = read.models.find((m) => m.name === check)!;
    expect(staticColumns(model)).toEqual(realColumns(real[check] as never));
  });
});

describe('belongsToMany through a model matches Sequelize', () => {
  it('the through model loses the id Sequelize generated for it', () => {
    const models: ModelSpec[] = [
      { name: 'Author', options: {}, attributes: { penName: str() } },
      { name: 'Tag', options: {}, attributes: { label: str() } },
      { name: 'AuthorTag', options: { tableName: 'author_tags' }, attributes: { authorId: str(), tagId: str() } },
    ];
    const real = buildReal(models);
    const options = { foreignKey: 'authorId', otherKey: 'tagId' };
    real.Author!.belongsToMany(real.Tag!, { through: real.AuthorTag!, ...options });
    const source = sourceOf(models).replace(/\n\};\n$/, `\n  AuthorModel.belongsToMany(TagModel, { through: AuthorTagModel, foreignKey: 'authorId', otherKey: 'tagId' });\n};\n`);
    const read = readModelSources([{ file: 'models/authors.js', source }]);
    const through = read.models.find((m) => m.name === 'AuthorTag')!;
    expect(realColumns(real.AuthorTag as never)).not.toHaveProperty('id');
    expect(staticColumns(through)).toEqual(realColumns(real.AuthorTag as never));
    // The other two keep their id.
    expect(staticColumns(read.models.find((m) => m.name === 'Tag')!)).toEqual(realColumns(real.Tag as never));
  });
});

describe('removeAttribute matches Sequelize', () => {
  it('a model that removes the id Sequelize adds, and one declared attribute, has neither', () => {
    const models: ModelSpec[] = [
      { name: 'OrgWallet', options: { tableName: 'org_wallets', timestamps: false }, attributes: { orgId: str(), walletId: str(), legacyNote: str() } },
      { name: 'Org', options: {}, attributes: { title: str() } },
    ];
    const real = buildReal(models);
    real.OrgWallet!.removeAttribute('id');
    real.OrgWallet!.removeAttribute('legacyNote');
    const source = sourceOf(models).replace(/\n\};\n$/, `\n  OrgWalletModel.removeAttribute('id');\n  OrgWalletModel.removeAttribute('legacyNote');\n};\n`);
    const read = readModelSources([{ file: 'models/org.js', source }]);
    const wallet = read.models.find((m) => m.name === 'OrgWallet')!;
    expect(realColumns(real.OrgWallet as never)).toEqual({ orgId: 'orgId', walletId: 'walletId' });
    expect(staticColumns(wallet)).toEqual(realColumns(real.OrgWallet as never));
    // The other model keeps its id.
    expect(staticColumns(read.models.find((m) => m.name === 'Org')!)).toEqual(realColumns(real.Org as never));
  });
});
