import { describe, expect, it } from 'vitest';
import { readModelSources } from '../../src/models/read-models';
import type { ModelDefinition } from '../../src/model';

/**
 * Models whose `init` spreads what a static method of a base class (or a
 * plain function) returns, the base written in another file:
 * `Invoice.init({ ...KeyedRecord.columns(), ... }, { ...KeyedRecord.settings(sequelize), ... })`.
 */

const TIMED = `import { DataTypes, Model, Sequelize } from 'sequelize';

export abstract class TimedRecord extends Model {
  static columns() {
    return {
      createdAt: { type: DataTypes.DATE(3) },
      updatedAt: { type: DataTypes.DATE(3) },
    };
  }
  static settings(sequelize: Sequelize) {
    return { sequelize, underscored: true, freezeTableName: true };
  }
}
`;

/** A base over TimedRecord, imported from `./timed`: the model's import is one level, this one a second. */
const KEYED = `import { DataTypes, Sequelize } from 'sequelize';
import { TimedRecord } from './timed';

export abstract class KeyedRecord extends TimedRecord {
  static override columns() {
    return {
      uid: { type: DataTypes.UUID, primaryKey: true },
      ...super.columns(),
      revision: { type: DataTypes.INTEGER, allowNull: false },
      checksum: { type: DataTypes.VIRTUAL },
    };
  }
  static override settings(sequelize: Sequelize) {
    return {
      ...TimedRecord.settings(sequelize),
      paranoid: true,
    };
  }
}
`;

/** Both bases in one file, the override calling its base by name. */
const RECORD = `${TIMED}
export abstract class KeyedRecord extends TimedRecord {
  static override columns() {
    return { uid: { type: DataTypes.UUID, primaryKey: true }, ...TimedRecord.columns(), revision: { type: DataTypes.INTEGER } };
  }
  static override settings(sequelize: Sequelize) {
    return { ...TimedRecord.settings(sequelize), paranoid: true };
  }
}
`;

const invoice = (from: string, extra = '') => `import { DataTypes, Sequelize } from 'sequelize';
import { KeyedRecord } from '${from}';

export class Invoice extends KeyedRecord {
  static TABLE = 'invoices';
  static register = (sequelize: Sequelize) => {
    Invoice.init(
      {
        ...KeyedRecord.columns(),
        totalCents: { type: DataTypes.INTEGER },${extra}
      },
      { ...KeyedRecord.settings(sequelize), tableName: Invoice.TABLE },
    );
  };
}
`;

/** `name->column`, `@file` when written in another file, `<Base` when inherited, `:virtual`. */
const attributes = (m: ModelDefinition) =>
  m.attributes.map((a) => `${a.name}->${a.column}${a.virtual ? ':virtual' : ''}${a.file ? `@${a.file}:${a.loc.line}` : ''}${a.inheritedFrom ? `<${a.inheritedFrom}` : ''}`);
/** `kind:column@file:line`, `?` when uncertain. */
const implied = (m: ModelDefinition) => m.impliedColumns.map((c) => `${c.kind}:${c.column}@${c.file}:${c.loc.line}${c.uncertain ? '?' : ''}`);

interface Case {
  name: string;
  files: Record<string, string>;
  model: string;
  expected: {
    tableName?: string | null;
    attributesComplete: boolean;
    attributes?: string[];
    implied?: string[];
    underscored?: boolean;
    paranoid?: boolean;
    unresolvedReason?: string;
  };
}

const cases: Case[] = [
  {
    name: 'spread of an imported base class static method, for the attributes and the options (the `sequelize` passed through stays unknown)',
    files: { 'models/core/record.ts': RECORD, 'models/invoice.ts': invoice('./core/record') },
    model: 'Invoice',
    expected: {
      tableName: 'invoices',
      attributesComplete: true,
      underscored: true,
      paranoid: true,
      attributes: [
        'uid->uid@models/core/record.ts:17<KeyedRecord',
        'createdAt->created_at@models/core/record.ts:6<TimedRecord',
        'updatedAt->updated_at@models/core/record.ts:7<TimedRecord',
        'revision->revision@models/core/record.ts:17<KeyedRecord',
        'totalCents->total_cents',
      ],
      implied: ['deletedAt:deleted_at@models/core/record.ts:20'],
    },
  },
  {
    name: 'a two-level chain: the base imports its own base from a second file and calls it through super',
    files: { 'models/core/timed.ts': TIMED, 'models/core/keyed.ts': KEYED, 'models/invoice.ts': invoice('./core/keyed') },
    model: 'Invoice',
    expected: {
      tableName: 'invoices',
      attributesComplete: true,
      paranoid: true,
      attributes: [
        'uid->uid@models/core/keyed.ts:7<KeyedRecord',
        'createdAt->created_at@models/core/timed.ts:6<TimedRecord',
        'updatedAt->updated_at@models/core/timed.ts:7<TimedRecord',
        'revision->revision@models/core/keyed.ts:9<KeyedRecord',
        'checksum->checksum:virtual@models/core/keyed.ts:10<KeyedRecord',
        'totalCents->total_cents',
      ],
      implied: ['deletedAt:deleted_at@models/core/keyed.ts:16'],
    },
  },
  {
    name: 'the model overrides an inherited attribute: its own definition wins, written in its file',
    files: { 'models/core/record.ts': RECORD, 'models/invoice.ts': invoice('./core/record', `\n        revision: { type: DataTypes.BIGINT, field: 'rev' },`) },
    model: 'Invoice',
    expected: {
      attributesComplete: true,
      attributes: [
        'uid->uid@models/core/record.ts:17<KeyedRecord',
        'createdAt->created_at@models/core/record.ts:6<TimedRecord',
        'updatedAt->updated_at@models/core/record.ts:7<TimedRecord',
        'revision->rev',
        'totalCents->total_cents',
      ],
    },
  },
  {
    name: 'the model class overrides the static method and calls super; init takes the call itself',
    files: {
      'models/core/record.ts': RECORD,
      'models/receipt.ts': `import { DataTypes, Sequelize } from 'sequelize';
import { KeyedRecord } from './core/record';
export class Receipt extends KeyedRecord {
  static override columns() {
    return { ...super.columns(), paidOn: { type: DataTypes.DATEONLY } };
  }
  static setup(sequelize: Sequelize) {
    Receipt.init(Receipt.columns(), { ...KeyedRecord.settings(sequelize), tableName: 'receipts', paranoid: false });
  }
}
`,
    },
    model: 'Receipt',
    expected: {
      tableName: 'receipts',
      attributesComplete: true,
      paranoid: false,
      attributes: [
        'uid->uid@models/core/record.ts:17<KeyedRecord',
        'createdAt->created_at@models/core/record.ts:6<TimedRecord',
        'updatedAt->updated_at@models/core/record.ts:7<TimedRecord',
        'revision->revision@models/core/record.ts:17<KeyedRecord',
        'paidOn->paid_on',
      ],
      implied: [],
    },
  },
  {
    name: '`this` in a static arrow property is the class: `tableName: this.TABLE`',
    files: {
      'models/core/record.ts': RECORD,
      'models/refund.ts': `import { DataTypes, Sequelize } from 'sequelize';
import { KeyedRecord } from './core/record';
export class Refund extends KeyedRecord {
  static TABLE = 'refunds';
  static register = (sequelize: Sequelize) => {
    Refund.init({ ...KeyedRecord.columns(), reason: { type: DataTypes.TEXT } }, { ...KeyedRecord.settings(sequelize), tableName: this.TABLE });
  };
}
`,
    },
    model: 'Refund',
    expected: { tableName: 'refunds', attributesComplete: true },
  },
  {
    name: '`this` in a static method is the class (the model read is `Credit`)',
    files: {
      'models/core/record.ts': RECORD,
      'models/credit.ts': `import { Sequelize } from 'sequelize';\nimport { KeyedRecord } from './core/record';\nexport class Credit extends KeyedRecord {\n  static TABLE = 'credits';\n  static setup(sequelize: Sequelize) {\n    this.init({ ...KeyedRecord.columns() }, { ...KeyedRecord.settings(sequelize), tableName: this.TABLE });\n  }\n}\n`,
    },
    model: 'Credit',
    expected: { tableName: 'credits', attributesComplete: true },
  },
  {
    name: 'a plain function exported by a CommonJS helper, in a define-style model',
    files: {
      'models/shared/columns.js': `const { DataTypes } = require('sequelize');\nexports.tenantColumns = () => ({\n  tenantId: { type: DataTypes.INTEGER, allowNull: false },\n});\n`,
      'models/note.js': `const { tenantColumns } = require('./shared/columns');\nmodule.exports = (sequelize, DataTypes) =>\n  sequelize.define('Note', { ...tenantColumns(), body: DataTypes.TEXT }, { tableName: 'notes', timestamps: false });\n`,
    },
    model: 'Note',
    expected: {
      tableName: 'notes',
      attributesComplete: true,
      attributes: ['tenantId->tenantId@models/shared/columns.js:3', 'body->body'],
      implied: ['primaryKey:id@models/note.js:3'],
    },
  },
  {
    name: 'a static method returning something that is not a literal: the attributes stay incomplete, the rest is read',
    files: {
      'models/core/opaque.ts': `import { Model, Sequelize } from 'sequelize';\nimport { buildColumns } from 'column-kit';\nexport abstract class OpaqueRecord extends Model {\n  static columns() { return buildColumns(this.name); }\n  static settings(sequelize: Sequelize) { return { sequelize, underscored: true }; }\n}\n`,
      'models/invoice.ts': invoice('./core/opaque').replaceAll('KeyedRecord', 'OpaqueRecord'),
    },
    model: 'Invoice',
    expected: {
      tableName: 'invoices',
      attributesComplete: false,
      underscored: true,
      attributes: ['totalCents->total_cents'],
      implied: ['createdAt:created_at@models/invoice.ts:7?', 'updatedAt:updated_at@models/invoice.ts:7?'],
      unresolvedReason: 'the attributes object spreads a value migralint cannot read',
    },
  },
  {
    name: 'bases that call each other in a cycle: incomplete, no crash',
    files: {
      'models/alpha.ts': `import { DataTypes, Model } from 'sequelize';\nimport { Beta } from './beta';\nexport class Alpha extends Model {\n  static columns() { return { ...Beta.columns(), a: { type: DataTypes.STRING } }; }\n  static setup(sequelize) { Alpha.init({ ...Alpha.columns() }, { sequelize, tableName: 'alphas' }); }\n}\n`,
      'models/beta.ts': `import { DataTypes, Model } from 'sequelize';\nimport { Alpha } from './alpha';\nexport class Beta extends Model {\n  static columns() { return { ...Alpha.columns(), b: { type: DataTypes.STRING } }; }\n}\n`,
    },
    model: 'Alpha',
    expected: { tableName: 'alphas', attributesComplete: false, unresolvedReason: 'the attributes object spreads a value migralint cannot read' },
  },
  {
    name: 'three imports deep is past what is followed: incomplete',
    files: {
      'models/core/timed.ts': TIMED,
      'models/core/keyed.ts': KEYED,
      'models/core/audited.ts': `import { DataTypes } from 'sequelize';\nimport { KeyedRecord } from './keyed';\nexport abstract class AuditedRecord extends KeyedRecord {\n  static override columns() { return { ...KeyedRecord.columns(), editor: { type: DataTypes.STRING } }; }\n}\n`,
      'models/invoice.ts': `import { DataTypes, Sequelize } from 'sequelize';\nimport { AuditedRecord } from './core/audited';\nimport { KeyedRecord } from './core/keyed';\nexport class Invoice extends AuditedRecord {\n  static setup(sequelize: Sequelize) {\n    Invoice.init({ ...AuditedRecord.columns(), totalCents: { type: DataTypes.INTEGER } }, { ...KeyedRecord.settings(sequelize), tableName: 'invoices' });\n  }\n}\n`,
    },
    model: 'Invoice',
    expected: {
      attributesComplete: false,
      // What the first two files write is kept; TimedRecord's columns, a third import away, are not read.
      attributes: [
        'uid->uid@models/core/keyed.ts:7<KeyedRecord',
        'revision->revision@models/core/keyed.ts:9<KeyedRecord',
        'checksum->checksum:virtual@models/core/keyed.ts:10<KeyedRecord',
        'editor->editor@models/core/audited.ts:4<AuditedRecord',
        'totalCents->total_cents',
      ],
    },
  },
];

describe('readModelSources: attributes and options spread from what a base class method returns', () => {
  it.each(cases)('$name', ({ files, model, expected }) => {
    const analysis = readModelSources(Object.entries(files).map(([file, source]) => ({ file, source })));
    const m = analysis.models.find((x) => x.name === model);
    if (!m) throw new Error(`no model ${model} in ${analysis.models.map((x) => x.name).join(', ')}`);
    expect(m.attributesComplete).toBe(expected.attributesComplete);
    if (expected.tableName !== undefined) expect(m.tableName).toBe(expected.tableName);
    if (expected.attributes) expect(attributes(m)).toEqual(expected.attributes);
    if (expected.implied) expect(implied(m)).toEqual(expected.implied);
    if (expected.underscored !== undefined) expect(m.underscored).toBe(expected.underscored);
    if (expected.paranoid !== undefined) expect(m.paranoid).toBe(expected.paranoid);
    if (expected.unresolvedReason !== undefined) expect(m.unresolvedReason).toBe(expected.unresolvedReason);
  });
});
