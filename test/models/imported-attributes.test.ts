import { describe, expect, it } from 'vitest';
import { readModelSources, type ModelSource } from '../../src/models/read-models';
import type { ModelDefinition } from '../../src/model';

/**
 * Models whose attributes object is written in another file of the project and
 * imported by name: `db.define('parcel', parcel)` with `import { parcel } from
 * './parcel.js'`, or `Courier.init(CourierColumns, ...)` with the columns in an
 * `entities/` folder reached through a tsconfig `paths` alias. The attributes
 * are that file's object, each written where that file writes it.
 */

const DEFINE_INDEX = (importLine: string) => `import db from '../config/db.js';
${importLine}
export const Parcel = db.define('parcel', parcel, { paranoid: true });
`;

const PARCEL_ESM = `import { DataTypes } from 'sequelize';
export const parcel = {
  label: { type: DataTypes.STRING, allowNull: false },
  weight: { type: DataTypes.INTEGER, allowNull: true },
};
`;

const PARCEL_DEFAULT = `import { DataTypes } from 'sequelize';
const parcel = {
  label: { type: DataTypes.STRING, allowNull: false },
  weight: { type: DataTypes.INTEGER, allowNull: true },
};
export default parcel;
`;

const PARCEL_CJS = `const { DataTypes } = require('sequelize');
module.exports = {
  parcel: {
    label: { type: DataTypes.STRING, allowNull: false },
    weight: { type: DataTypes.INTEGER, allowNull: true },
  },
};
`;

const COURIER_MODEL = (from: string) => `import { Model, Sequelize } from 'sequelize';
import CourierColumns from '${from}';

export default class Courier extends Model {
  static register(sequelize: Sequelize) {
    this.init(CourierColumns, { sequelize, tableName: 'couriers', timestamps: false });
  }
}
`;

const COURIER_COLUMNS = `import { DataTypes } from 'sequelize';

const CourierColumns = {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  vanId: { type: DataTypes.INTEGER, allowNull: true },
  shift: { type: DataTypes.STRING(10), defaultValue: 'day' },
};

export default CourierColumns;
`;

/** `name:allowNull-flag:default-flag@file:line` (`!` NOT NULL, `=` default). */
const attributes = (m: ModelDefinition) =>
  m.attributes.map((a) => `${a.name}${a.allowNull === false ? '!' : ''}${a.hasDefault ? '=' : ''}${a.file ? `@${a.file}:${a.loc.line}` : ''}`);

interface Case {
  name: string;
  /** Files of the models folder. */
  models: Record<string, string>;
  /** Other project files, reached only by import. */
  elsewhere?: Record<string, string>;
  pathAliases?: { pattern: string; targets: string[] }[];
  model: string;
  expected: { attributesComplete: boolean; attributes: string[]; unresolvedReason?: string };
}

const cases: Case[] = [
  {
    name: 'define with a named ESM import of a sibling file',
    models: { 'models/index.js': DEFINE_INDEX(`import { parcel } from './parcel.js';`), 'models/parcel.js': PARCEL_ESM },
    model: 'parcel',
    expected: { attributesComplete: true, attributes: ['label!@models/parcel.js:3', 'weight@models/parcel.js:4'] },
  },
  {
    name: 'define with a default import',
    models: { 'models/index.js': DEFINE_INDEX(`import parcel from './parcel';`), 'models/parcel.js': PARCEL_DEFAULT },
    model: 'parcel',
    expected: { attributesComplete: true, attributes: ['label!@models/parcel.js:3', 'weight@models/parcel.js:4'] },
  },
  {
    name: 'define with a destructured require of module.exports',
    models: { 'models/index.js': DEFINE_INDEX(`const { parcel } = require('./parcel');`), 'models/parcel.js': PARCEL_CJS },
    model: 'parcel',
    expected: { attributesComplete: true, attributes: ['label!@models/parcel.js:4', 'weight@models/parcel.js:5'] },
  },
  {
    name: 'init with columns of an entities folder outside the models, through a relative path',
    models: { 'src/models/courier.ts': COURIER_MODEL('../entities/courier') },
    elsewhere: { 'src/entities/courier.ts': COURIER_COLUMNS },
    model: 'Courier',
    expected: { attributesComplete: true, attributes: ['id!@src/entities/courier.ts:4', 'vanId@src/entities/courier.ts:5', 'shift=@src/entities/courier.ts:6'] },
  },
  {
    name: 'init with columns reached through a tsconfig paths alias',
    models: { 'src/models/courier.ts': COURIER_MODEL('@entities/courier') },
    elsewhere: { 'src/entities/courier.ts': COURIER_COLUMNS },
    pathAliases: [{ pattern: '@entities/*', targets: ['src/entities/*'] }],
    model: 'Courier',
    expected: { attributesComplete: true, attributes: ['id!@src/entities/courier.ts:4', 'vanId@src/entities/courier.ts:5', 'shift=@src/entities/courier.ts:6'] },
  },
  {
    name: 'the alias is not declared: the columns stay unread',
    models: { 'src/models/courier.ts': COURIER_MODEL('@entities/courier') },
    elsewhere: { 'src/entities/courier.ts': COURIER_COLUMNS },
    model: 'Courier',
    expected: { attributesComplete: false, attributes: [], unresolvedReason: 'the attributes `CourierColumns` are not a static object' },
  },
  {
    name: 'columns imported from a package: not followed',
    models: { 'src/models/courier.ts': COURIER_MODEL('@acme/courier-columns') },
    model: 'Courier',
    expected: { attributesComplete: false, attributes: [], unresolvedReason: 'the attributes `CourierColumns` are not a static object' },
  },
  {
    name: 'the imported name is a function, not an object: unread',
    models: {
      'models/index.js': DEFINE_INDEX(`import { parcel } from './parcel.js';`),
      'models/parcel.js': `export function parcel() { return {}; }\n`,
    },
    model: 'parcel',
    expected: { attributesComplete: false, attributes: [], unresolvedReason: 'the attributes `parcel` are not a static object' },
  },
];

describe('readModelSources: an attributes object imported from another project file', () => {
  it.each(cases)('$name', ({ models, elsewhere = {}, pathAliases, model, expected }) => {
    const sources: ModelSource[] = Object.entries(models).map(([file, source]) => ({ file, source }));
    const readSource = (file: string): ModelSource | null => (elsewhere[file] !== undefined ? { file, source: elsewhere[file]! } : null);
    const analysis = readModelSources(sources, { readSource, ...(pathAliases ? { pathAliases } : {}) });
    const m = analysis.models.find((x) => x.name === model);
    expect(m).toBeDefined();
    expect(m!.attributesComplete).toBe(expected.attributesComplete);
    expect(attributes(m!)).toEqual(expected.attributes);
    if (expected.unresolvedReason) expect(m!.unresolvedReason).toBe(expected.unresolvedReason);
  });
});
