import { ruleTests } from './rule-tester';

ruleTests('no-swallowed-errors', {
  valid: [
    {
      name: 'a command list run one by one inside new Promise, each step .then(next, reject): the executor\'s reject passes every error on (sequelize-auto-migrations)',
      files: `module.exports = {
  up(queryInterface, Sequelize) {
    const commands = [
      { fn: 'addColumn', params: ['Tips', 'title', { type: Sequelize.STRING }] },
      { fn: 'addIndex', params: ['Tips', ['title']] },
    ];
    let index = 0;
    return new Promise(function (resolve, reject) {
      function next() {
        if (index < commands.length) {
          const command = commands[index];
          index++;
          queryInterface[command.fn].apply(queryInterface, command.params).then(next, reject);
        } else resolve();
      }
      next();
    });
  },
  down() {},
};`,
    },
    {
      name: 'a try that returns the call\'s promise unawaited: its rejection settles after the try, no catch sees it, and the migration fails (async or not)',
      files: `module.exports = {
  up: (queryInterface, Sequelize) => {
    try {
      return queryInterface.addColumn('Stations', 'exitTrolleyIds', { type: Sequelize.JSON, defaultValue: [] });
    } catch (err) {
      console.error(err);
    }
  },
  async down(queryInterface) {
    try {
      return queryInterface.removeColumn('Stations', 'exitTrolleyIds').then(() => queryInterface.removeColumn('Stations', 'level'));
    } catch (err) {
      console.error(err);
    }
  },
};`,
    },
    {
      name: 'catch that rethrows unless "already exists"',
      files: `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('users', ['email']);
    } catch (error) {
      if (!error.message.includes('already exists')) throw error;
    }
  },
  async down() {},
};`,
    },
    {
      name: 'catch on an SQLSTATE code',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT }).catch((error) => {
      if (error.original?.code !== '42701') throw error;
    });
  },
  async down() {},
};`,
    },
    {
      name: 'catch that logs and rethrows, and an unmanaged transaction rollback',
      files: `module.exports = {
  async up(queryInterface) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.removeColumn('users', 'legacy', { transaction });
      await transaction.commit();
    } catch (error) {
      console.error('migration failed', error);
      await transaction.rollback();
      throw error;
    }
  },
  async down() {},
};`,
    },
    {
      name: 'retry over alternatives: the kept error is thrown after the loop',
      files: `const candidates = ['comments_post_id_fkey', 'comments_post_id_foreign_idx'];
module.exports = {
  async up(queryInterface) {
    let lastError;
    for (const name of candidates) {
      try {
        await queryInterface.sequelize.query(\`ALTER TABLE "comments" DROP CONSTRAINT "\${name}"\`);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  },
  async down() {},
};`,
    },
    {
      name: 'retry collecting every error, thrown together after the loop',
      files: `module.exports = {
  async up(queryInterface) {
    const failures = [];
    for (const name of ['tags_slug_key', 'tags_slug_unique']) {
      try {
        await queryInterface.removeConstraint('tags', name);
        return;
      } catch (error) {
        failures.push(error);
      }
    }
    throw new Error(\`no constraint removed: \${failures.map((f) => f.message).join('; ')}\`);
  },
  async down() {},
};`,
    },
    {
      name: 'a catch that logs and ends the process with a non-zero status: the failure reaches whoever ran the migrations, as a rethrow does',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('venues', 'capacity', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 });
      await queryInterface.bulkUpdate('venues', { capacity: 100 }, { kind: 'hall' });
    } catch (err) {
      console.error('venue capacity failed', err);
      process.exit(1);
    }
    await queryInterface.addIndex('venues', ['capacity']).catch((err) => process.exit(err.code === '42P07' ? 0 : 2));
  },
  async down() {},
};`,
    },
    {
      name: 'a catch around a call that is not a database call',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    let defaults = {};
    try {
      defaults = JSON.parse(process.env.PROFILE_DEFAULTS || '{}');
    } catch (error) {
      console.warn('PROFILE_DEFAULTS is not JSON, ignoring');
    }
    await queryInterface.addColumn('profiles', 'theme', { type: Sequelize.STRING, defaultValue: defaults.theme || 'light' });
  },
  async down() {},
};`,
    },
    {
      name: 'a probe whose catch only logs: a failed read skips no schema change',
      files: `module.exports = {
  async up(queryInterface) {
    try {
      const columns = await queryInterface.describeTable('profiles');
      console.log(Object.keys(columns));
    } catch (error) {
      console.log('no profiles table');
    }
  },
  async down() {},
};`,
    },
  ],
  invalid: [
    {
      name: 'the start builds the schema with sync(): one additive step that cannot fail on the data under its own catch is that catch\'s "already exists" guard (info); a NOT NULL column without a default, a unique index, or several steps under one catch stay warnings',
      project: { schemaSync: { script: 'start', evidence: 'config/lib/sequelize.js:54', development: false } },
      files: {
        '20240101000000-language.js': `module.exports = {
  up: function (queryInterface, Sequelize) {
    return queryInterface.addColumn('epg_data', 'event_language', { type: Sequelize.STRING(10), defaultValue: '-' })
      .catch(function (err) { console.error(err.message); });
  },
  down: function () {},
};`,
        '20240102000000-settings.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.createTable('advanced_settings', { id: { type: Sequelize.INTEGER, primaryKey: true }, data: Sequelize.JSON });
    } catch (e) { console.error(e); }
  },
  async down() {},
};`,
        '20240103000000-level.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('device_menu', 'menu_level', { type: Sequelize.INTEGER, allowNull: false });
    } catch (e) { console.error(e); }
  },
  async down() {},
};`,
        '20240104000000-unique.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('channel_stream', ['channel_id', 'stream_mode'], { unique: true });
    } catch (e) { console.error(e); }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'syncBuilt', line: 4, severity: 'info', file: '20240101000000-language.js', data: { script: 'start', evidence: 'config/lib/sequelize.js:54' } },
        { messageId: 'syncBuilt', line: 3, severity: 'info', file: '20240102000000-settings.js' },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20240103000000-level.js' },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20240104000000-unique.js' },
      ],
    },
    {
      name: 'only a developer\'s script builds the schema with sync(): the catch around a step stays a warning',
      project: { schemaSync: { script: 'dev', evidence: 'scripts/reset.js:3', development: true } },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('epg_data', 'event_language', { type: Sequelize.STRING(10), defaultValue: '-' });
    } catch (e) { console.error(e); }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 3, severity: 'warning' }],
    },
    {
      name: 'a catch around adding (or renaming to) a column a model maps: a failure resurfaces at the first query of that model (info, naming it); a column no model maps, or an index, stays a warning',
      files: {
        'models/course.js': `module.exports = (sequelize, DataTypes) => sequelize.define('Course', { joinCode: DataTypes.STRING, ownerRef: DataTypes.STRING, locked: DataTypes.BOOLEAN }, { tableName: 'courses' });`,
        '20240101000000-join-code.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('courses', 'joinCode', { type: Sequelize.STRING });
    } catch (e) {
      console.log(e);
    }
  },
  async down() {},
};`,
        '20240102000000-owner.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.renameColumn('courses', 'owner', 'ownerRef');
      await queryInterface.addColumn('courses', 'locked', { type: Sequelize.BOOLEAN, defaultValue: false });
    } catch (e) {
      console.log(e);
    }
  },
  async down() {},
};`,
        '20240103000000-legacy.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('courses', 'legacyCode', { type: Sequelize.STRING });
      await queryInterface.addIndex('courses', ['joinCode']);
    } catch (e) {
      console.log(e);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'mappedColumn', line: 3, severity: 'info', file: '20240101000000-join-code.js', data: { mapped: 'a column the model `Course` maps (`courses.joinCode`)' } },
        { messageId: 'mappedColumn', line: 3, severity: 'info', file: '20240102000000-owner.js', data: { mapped: 'a column the model `Course` maps (`courses.ownerRef`); a column the model `Course` maps (`courses.locked`)' } },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20240103000000-legacy.js' },
      ],
    },
    {
      name: 'a catch around a call nobody awaits does not see its failure (the promise escapes the try): not this rule\'s, no-floating-query reports the call',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      queryInterface.changeColumn('files', 'size', { type: Sequelize.BIGINT, allowNull: false, defaultValue: 0 });
    } catch (e) {
      console.log(e);
    }
    try {
      await queryInterface.changeColumn('files', 'name', { type: Sequelize.TEXT });
    } catch (e) {
      console.log(e);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 8, severity: 'warning', data: { steps: '`changeColumn` on `files.name` at line 9' } }],
    },
    {
      name: 'a catch around the drop of a nullable column a migration added to a table no migration creates (built by sync): a leftover if it fails (info)',
      files: {
        '20240101000000-order.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('classes', 'orderId', { type: Sequelize.STRING, defaultValue: null });
  },
  async down() {},
};`,
        '20240102000000-remove.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.removeColumn('classes', 'orderId');
    } catch (e) {
      console.log(e);
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'leftoverColumn', line: 3, severity: 'info', file: '20240102000000-remove.js' }],
    },
    {
      name: 'a DROP TYPE under a catch-all before the enum is declared again: a type left in place is kept by that declaration (measured), only a new value fails at its first write: info',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('componentText', 'type', { type: Sequelize.STRING, allowNull: false });
    try {
      await queryInterface.sequelize.query('DROP TYPE "enum_componentText_type";');
    } catch (error) {}
    await queryInterface.changeColumn('componentText', 'type', { type: Sequelize.ENUM('donut', 'calendar'), allowNull: false });
  },
  async down() {},
};`,
      errors: [{ messageId: 'typeKept', line: 4, severity: 'info' }],
    },
    {
      name: 'an addColumn under a catch-all whose column a later awaited step writes or changes (an add-if-missing): a real failure resurfaces there, info; with no later use, the warning stays',
      files: {
        '20220906000000-add-display-type.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('analytic', 'displayType', { type: Sequelize.STRING, allowNull: true });
    } catch (error) {}
    await queryInterface.sequelize.query("UPDATE analytic SET \\"displayType\\" = 'kpi_standard'");
    await queryInterface.changeColumn('analytic', 'displayType', { type: Sequelize.STRING, allowNull: false });
  },
  async down() {},
};`,
        '20220907000000-add-icon.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('analytic', 'icon', { type: Sequelize.STRING });
    } catch (error) {}
  },
  async down() {},
};`,
      },
      errors: [
        {
          messageId: 'neededLater',
          line: 3,
          severity: 'info',
          file: '20220906000000-add-display-type.js',
          data: { later: '`update` (SQL) on `analytic` at line 6 needs the column' },
        },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20220907000000-add-icon.js' },
      ],
    },
    {
      name: 'the same with return await: the catch sees the rejection and swallows it',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      return await queryInterface.addColumn('Stations', 'exitTrolleyIds', { type: Sequelize.JSON, defaultValue: [] });
    } catch (err) {
      console.error(err);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 3 }],
    },
    {
      name: 'a statement built around a value the migration computes is named with that value as ${…}, never an internal placeholder',
      files: `module.exports = {
  async up(queryInterface) {
    const database = process.env.STAGE + '_database';
    try {
      await queryInterface.sequelize.query('DROP DATABASE IF EXISTS ' + database);
      await queryInterface.sequelize.query(\`CREATE DATABASE \${database}\`);
    } catch (error) {
      console.log(error);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 4, data: { steps: '`DROP DATABASE IF EXISTS ${…}_database` at line 5, `CREATE DATABASE ${…}_database` at line 6' } }],
    },
    {
      name: 'CREATE TYPE in a catch-all: a missing type fails at its first use (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.sequelize.query("CREATE TYPE enum_users_tier AS ENUM ('free', 'pro')");
    } catch (e) {
      console.log('type exists');
    }
    await queryInterface.addColumn('users', 'tier', { type: 'enum_users_tier' });
  },
  async down() {},
};`,
      errors: [{ messageId: 'typeCreate', line: 3, severity: 'info' }],
    },
    {
      name: 'CREATE EXTENSION IF NOT EXISTS with `.catch(console.log)`: what it provides fails at its first use (info; hold-out 71)',
      files: `module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"').catch(console.log).then(() =>
      queryInterface.createTable('people', { id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('uuid_generate_v4()') } }),
    ),
  down: (queryInterface) => queryInterface.dropTable('people'),
};`,
      errors: [{ messageId: 'extensionCreate', line: 3, severity: 'info' }],
    },
    {
      name: 'a down that removes what up added "if it is there": a best-effort rollback (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const columns = await queryInterface.describeTable('items');
    if (!columns.rarity) await queryInterface.addColumn('items', 'rarity', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    try {
      await queryInterface.removeColumn('items', 'rarity');
    } catch (e) {
      console.log('rarity was not there');
    }
  },
};`,
      errors: [{ messageId: 'rollbackCleanup', line: 7, severity: 'info' }],
    },
    {
      name: 'empty catch around several steps: one finding naming them',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
      await queryInterface.addIndex('users', ['bio']);
    } catch (e) {}
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 3, column: 5, severity: 'warning', data: { steps: '`addColumn` on `users.bio` at line 4, `addIndex` on `users` at line 5' } }],
    },
    {
      name: 'a catch that only logs around application code called once per model: the call is named as written, once, with how many times',
      files: `const db = require('../db');

module.exports = {
  up(queryInterface) {
    const purge = (model) => db[model].destroy({ where: { archived: true }, force: true }).catch((err) => console.log(err.message));
    return Promise.all(['Report', 'Lens', 'Token'].map(purge));
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 5, severity: 'warning', data: { steps: '`db[model].destroy(...)` (code migralint does not follow) at line 5 (3 times)' } }],
    },
    {
      name: '.catch(() => {}) and a catch that only logs: one cause, one finding at the first catch naming both',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('orders', 'legacy_ref').catch(() => {});
    try {
      await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN coupon');
    } catch (error) {
      console.log('could not drop coupon, continuing', error.message);
    }
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'swallowed',
          line: 3,
          column: 63,
          data: { which: 'These 2 catches (lines 3, 4) discard', steps: '`removeColumn` on `orders.legacy_ref` at line 3, `removeColumn` (SQL) on `orders.coupon` at line 5' },
        },
      ],
    },
    {
      name: 'swallowing in down is reported too',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    try { await queryInterface.bulkUpdate('reports', { archived: false }, { archived: true }); } catch (_) { /* ignore */ }
  },
};`,
      errors: [{ messageId: 'swallowed', line: 4, column: 5 }],
    },
    {
      name: 'a catch that only logs around DDL, inside an existence check of something else: still a warning',
      files: `module.exports = {
  async up(queryInterface) {
    const tables = await queryInterface.showAllTables();
    if (tables.includes('invoices')) {
      try {
        await queryInterface.addColumn('invoice_lines', 'invoice_id', { type: 'INTEGER' });
      } catch (error) {
        console.error('column failed', error.message);
      }
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 5, column: 7, severity: 'warning' }],
    },
    {
      name: 'a rollback without rethrow: the runner records the migration as done',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.addColumn('orders', 'currency', { type: Sequelize.STRING(3) }, { transaction });
      await transaction.commit();
    } catch (error) {
      await transaction.rollback();
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 4, column: 5, severity: 'warning', data: { steps: '`addColumn` on `orders.currency` at line 5' } }],
    },
    {
      name: 'a catch around an addIndex whose name an earlier migration already created: on a database the migrations built it can only fail, the catch is its guard (info); a unique index of a new name stays a warning',
      files: {
        '20250827000000-create-declarations.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('declarations', { id: { type: Sequelize.INTEGER, primaryKey: true }, dni: Sequelize.STRING, anio: Sequelize.INTEGER });
    await queryInterface.addIndex('declarations', ['dni', 'anio'], { name: 'uq_decl_dni_anio', unique: true });
  },
  async down() {},
};`,
        '20250909000000-alter-declarations.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('declarations', ['dni', 'anio'], { name: 'uq_decl_dni_anio', unique: true });
    } catch (e) {
      console.log('index already there');
    }
    try {
      await queryInterface.addIndex('declarations', ['anio', 'dni'], { name: 'uq_decl_anio_dni', unique: true });
    } catch (e) {
      console.log('could not index anio');
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'alreadyIndexed', line: 3, severity: 'info', file: '20250909000000-alter-declarations.js', data: { earlier: '`20250827000000-create-declarations.js`' } },
        { messageId: 'swallowed', line: 8, severity: 'warning', file: '20250909000000-alter-declarations.js' },
      ],
    },
    {
      name: 'a catch that logs and calls process.exit() (status 0): not recorded, the later migrations skipped, and the deploy told it succeeded',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      const [tags] = await queryInterface.sequelize.query('SELECT id, label FROM tags');
      for (const tag of tags) {
        await queryInterface.bulkUpdate('tags', { slug: tag.label.toLowerCase() }, { id: tag.id });
      }
      await queryInterface.removeColumn('tags', 'legacy_label');
    } catch (err) {
      console.log(err);
      process.exit();
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'exitsZero', line: 3, column: 5, severity: 'warning' }],
    },
    {
      name: 'process.exit(0) in a .catch handler: the same, even around a step whose swallowing alone would be mild (a rollback cleanup)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('tags', 'color', { type: Sequelize.STRING });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('tags', 'color').catch(() => process.exit(0));
  },
};`,
      errors: [{ messageId: 'exitsZero', line: 6, severity: 'warning', data: { steps: '`removeColumn` on `tags.color` at line 6' } }],
    },
    {
      name: 'a per-row catch inside a PostgreSQL transaction: the COMMIT rolls everything back after one error',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const [rows] = await queryInterface.sequelize.query('SELECT id, legacy_code FROM coupons', { transaction });
      for (const row of rows) {
        try {
          await queryInterface.bulkUpdate('coupons', { code: row.legacy_code }, { id: row.id }, { transaction });
        } catch (error) {
          console.warn('skipping coupon', row.id);
        }
      }
    });
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 6, column: 9, severity: 'warning' }],
    },
    {
      name: 'existence probe: the catch of a describeTable creates the table (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.describeTable('invoices');
    } catch (error) {
      await queryInterface.createTable('invoices', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    }
    await queryInterface.addColumn('invoices', 'paid_at', { type: Sequelize.DATE });
  },
  async down() {},
};`,
      errors: [{ messageId: 'probe', line: 3, column: 5, severity: 'info', data: { steps: '`describeTable` on `invoices` at line 4' } }],
    },
    {
      name: 'a catch-and-log already behind tableExists and showIndex checks: redundant (info)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    const exists = await queryInterface.tableExists('badges');
    if (!exists) {
      await queryInterface.createTable('badges', { id: { type: Sequelize.INTEGER, primaryKey: true }, owner_id: Sequelize.INTEGER });
      const indexes = await queryInterface.showIndex('badges');
      const names = indexes.map((index) => index.name);
      if (!names.includes('badges_owner_id')) {
        try {
          await queryInterface.addIndex('badges', ['owner_id']);
        } catch (error) {
          console.log('index badges_owner_id exists or failed:', error.message);
        }
      }
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'alreadyChecked', line: 9, column: 9, severity: 'info', data: { steps: '`addIndex` on `badges` at line 10' } }],
    },
    {
      name: 'ALTER TYPE ... ADD VALUE in a catch-all: the failure resurfaces at the first use (info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`ALTER TYPE "enum_tickets_status" ADD VALUE IF NOT EXISTS 'escalated'\`).catch(() => {});
  },
  async down() {},
};`,
      errors: [{ messageId: 'enumValue', line: 3, severity: 'info' }],
    },
    {
      name: 'a foreign key removed under a catch-all, then its column or its table dropped, or the table it references dropped without CASCADE: the failure cannot pass unnoticed (info); with nothing after it, the key stays as it was (keyLeft, info)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeConstraint('Bookings', 'Bookings_voucherId_fkey').catch(() => {});
    await queryInterface.removeConstraint('Bookings', 'Bookings_seatId_fkey').catch(() => {});
    await queryInterface.removeConstraint('Stays', 'Stays_roomId_fkey').catch(() => {});
    await queryInterface.removeConstraint('Bookings', 'Bookings_agentId_fkey').catch(() => {});
    await queryInterface.removeColumn('Bookings', 'voucherId');
    await queryInterface.dropTable('Seats');
    await queryInterface.dropTable('Stays');
  },
  async down() {},
};`,
      errors: [
        { messageId: 'constraintGoesLater', line: 3, severity: 'info', data: { later: '`removeColumn` on `Bookings.voucherId` at line 7 drops the column the key is on, and the key with it' } },
        { messageId: 'constraintGoesLater', line: 4, severity: 'info', data: { later: '`dropTable` on `Seats` at line 8 drops the table the key references, without CASCADE, which fails loudly while the key is there' } },
        { messageId: 'constraintGoesLater', line: 5, severity: 'info', data: { later: '`dropTable` on `Stays` at line 9 drops the table the constraint is on, and the constraint with it' } },
        { messageId: 'keyLeft', line: 6, severity: 'info' },
      ],
    },
    {
      name: 'an empty catch around a lone removeColumn of a nullable or defaulted column: a failure leaves a harmless leftover (info); a NOT NULL column without a default left behind makes inserts fail, and a column a later step adds again: warnings',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('builds', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      steps: { type: Sequelize.TEXT },
      status: { type: Sequelize.STRING, allowNull: false, defaultValue: 'queued' },
      cause: { type: Sequelize.STRING, allowNull: false },
      meta: { type: Sequelize.TEXT },
    });
  },
  async down() {},
};`,
        '20240201000000-cleanup.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.removeColumn('builds', 'steps');
    } catch (e) {}
    try {
      await queryInterface.removeColumn('builds', 'status');
    } catch (e) {}
    try {
      await queryInterface.removeColumn('builds', 'cause');
    } catch (e) {}
    try {
      await queryInterface.removeColumn('builds', 'meta');
    } catch (e) {}
    await queryInterface.addColumn('builds', 'meta', { type: Sequelize.JSONB });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'leftoverColumn', line: 3, severity: 'info', file: '20240201000000-cleanup.js', data: { which: 'These 2 catches (lines 3, 6) discard' } },
        { messageId: 'swallowed', line: 9, severity: 'warning', file: '20240201000000-cleanup.js', data: { which: 'These 2 catches (lines 9, 12) discard' } },
      ],
    },
    {
      name: 'a catch-all around removing a column an earlier migration dropped: the guard of a retry (info)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('DataRequest', { id: { type: Sequelize.INTEGER, primaryKey: true }, chart_id: { type: Sequelize.INTEGER, allowNull: false } });
  },
  async down() {},
};`,
        '20240201000000-drop.js': `module.exports = { async up(queryInterface) { await queryInterface.removeColumn('DataRequest', 'chart_id'); }, async down() {} };`,
        '20240301000000-retry.js': `module.exports = {
  async up(queryInterface) {
    return queryInterface.removeColumn('DataRequest', 'chart_id').catch(() => 'done');
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'alreadyDropped', line: 3, severity: 'info', file: '20240301000000-retry.js', data: { earlier: '`20240201000000-drop.js`' } }],
    },
    {
      name: 'a catch around a DROP CONSTRAINT that the next step adds again: a failed drop fails the add, loudly (info); a catch around an insert whose catch updates the same row: a fallback write (info)',
      files: `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.sequelize.query('ALTER TABLE story_user_engagement DROP CONSTRAINT one_love_per_story_key');
    } catch (e) {}
    await queryInterface.sequelize.query('ALTER TABLE story_user_engagement ADD CONSTRAINT one_love_per_story_key UNIQUE ("contentId", address)');
    for (const { userId, lessons } of [{ userId: 1, lessons: 3 }]) {
      try {
        await queryInterface.sequelize.query(\`INSERT INTO user_data ("userId", lessons) VALUES (\${userId}, \${lessons})\`);
      } catch (e) {
        await queryInterface.sequelize.query(\`UPDATE user_data SET lessons = \${lessons} WHERE "userId" = \${userId}\`);
      }
    }
  },
  async down() {},
};`,
      errors: [
        { messageId: 'readdedAfter', line: 3, severity: 'info', data: { later: "`addConstraint` (SQL) on `story_user_engagement` (`one_love_per_story_key`) at line 6 adds it again" } },
        { messageId: 'fallbackWrite', line: 8, severity: 'info' },
      ],
    },
    {
      name: 'a rollback that rewrites rows back under a catch-all (a backfill reset per table, a conversion undone per row): the rows keep what up gave them (info)',
      files: `module.exports = {
  async up() {},
  async down(queryInterface) {
    for (const table of ['orders', 'invoices']) {
      try {
        await queryInterface.sequelize.query(\`UPDATE \${table} SET tenant_id = NULL WHERE tenant_id = 1\`);
      } catch (error) {
        console.log(error);
      }
    }
  },
};`,
      errors: [{ messageId: 'rollbackRewrite', line: 5, severity: 'info' }],
    },
    {
      name: 'on MySQL, a catalog SELECT inside the catch is a read, not a swallowed step; the addColumn it guards, inside the same catch-all, is redundant (info)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      const [found] = await queryInterface.sequelize.query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'shops' AND COLUMN_NAME = 'phone' AND TABLE_SCHEMA = DATABASE()");
      if (found.length === 0) await queryInterface.addColumn('shops', 'phone', { type: Sequelize.STRING });
    } catch (error) {
      console.log(error.message);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'alreadyChecked', line: 3, severity: 'info' }],
    },
    {
      // Hold-out 64: the existence check decides whether the column is there, not whether its rows hold NULL.
      name: 'a NOT NULL set behind an existence check, under a catch that only logs: the check does not cover its failure on NULL rows, which the message says (info: only the constraint goes missing); the down that only loosens the column again can fail only for an outside reason (info)',
      files: {
        '20231101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('candidate_message', { id: { type: Sequelize.INTEGER, primaryKey: true }, company_id: { type: Sequelize.INTEGER } });
  },
  async down() {},
};`,
        '20231116000000-company-required.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      const columns = await queryInterface.describeTable('candidate_message');
      if (columns.company_id) {
        await queryInterface.changeColumn('candidate_message', 'company_id', { type: Sequelize.INTEGER, allowNull: false });
      }
    } catch (err) {
      console.log(err);
    }
  },
  async down(queryInterface, Sequelize) {
    try {
      await queryInterface.changeColumn('candidate_message', 'company_id', { type: Sequelize.INTEGER, allowNull: true });
    } catch (err) {
      console.log(err);
    }
  },
};`,
        '20231120000000-restate.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.changeColumn('candidate_message', 'company_id', { type: Sequelize.INTEGER, allowNull: true });
    } catch (err) {
      console.log(err);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'checkedRowsNot', line: 3, severity: 'info', file: '20231116000000-company-required.js', data: { check: 'describeTable(candidate_message)' } },
        { messageId: 'loosensOnly', line: 13, severity: 'info', file: '20231116000000-company-required.js', data: { phase: 'rollback' } },
        { messageId: 'loosensOnly', line: 3, severity: 'info', file: '20231120000000-restate.js', data: { phase: 'migration' } },
      ],
    },
    {
      name: 'on a table this migration just created: column comments under one catch that logs (a failure loses a description): info; several foreign keys under another stay a warning, as several indexes do (the first "already exists" skips the rest), on a new table or an older one',
      files: {
        '20240101000000-create-users.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true }, created_by: Sequelize.INTEGER, updated_by: Sequelize.INTEGER });
  },
  async down() {},
};`,
        '20250101000000-create-depots.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('depots', { id: { type: Sequelize.INTEGER, primaryKey: true }, created_by: Sequelize.INTEGER, updated_by: Sequelize.INTEGER });
    try {
      await queryInterface.sequelize.query('COMMENT ON COLUMN "depots"."created_by" IS \\'Who created the depot\\'');
      await queryInterface.sequelize.query('COMMENT ON COLUMN "depots"."updated_by" IS \\'Who last changed it\\'');
    } catch (error) {
      console.log('could not comment', error.message);
    }
    try {
      await queryInterface.addConstraint('depots', { fields: ['created_by'], type: 'foreign key', name: 'depots_created_by_fkey', references: { table: 'users', field: 'id' } });
      await queryInterface.addConstraint('depots', { fields: ['updated_by'], type: 'foreign key', name: 'depots_updated_by_fkey', references: { table: 'users', field: 'id' } });
    } catch (error) {
      console.log('could not add keys', error.message);
    }
  },
  async down() {},
};`,
        '20250201000000-team-keys.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addConstraint('teams', { fields: ['created_by'], type: 'foreign key', name: 'teams_created_by_fkey', references: { table: 'users', field: 'id' } });
      await queryInterface.addConstraint('teams', { fields: ['updated_by'], type: 'foreign key', name: 'teams_updated_by_fkey', references: { table: 'users', field: 'id' } });
    } catch (error) {
      console.log('could not add keys', error.message);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'commentOnly', line: 4, severity: 'info', file: '20250101000000-create-depots.js', data: { s: '' } },
        { messageId: 'swallowed', line: 10, severity: 'warning', file: '20250101000000-create-depots.js' },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20250201000000-team-keys.js' },
      ],
    },
    {
      name: 'on PostgreSQL, a catch around MySQL\'s SHOW INDEX alone (a probe that falls back to "add it" where the statement fails): nothing written is discarded, no finding',
      project: { dialect: { dialects: ['postgres'], source: 'config/config.json:4' } },
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('members', { id: { type: Sequelize.INTEGER, primaryKey: true }, referrer_id: Sequelize.INTEGER });
  },
  async down() {},
};`,
        '20250101000000-index.js': `module.exports = {
  async up(queryInterface) {
    let present = false;
    try {
      const [rows] = await queryInterface.sequelize.query('SHOW INDEX FROM \\\`members\\\`');
      present = rows.some((r) => r.Key_name === 'members_referrer_idx');
    } catch (error) {
      console.warn('could not read the indexes', error.message);
    }
    if (!present) await queryInterface.addIndex('members', ['referrer_id'], { name: 'members_referrer_idx' });
  },
  async down() {},
};`,
      },
      errors: [],
    },
    {
      name: 'an index added under a catch that logs, after a SELECT of the catalog that finds it missing: already checked (info), the check named in words',
      files: {
        '20250101000000-index.js': `module.exports = {
  async up(queryInterface) {
    const [found] = await queryInterface.sequelize.query("SELECT 1 FROM pg_indexes WHERE indexname = 'orders_placed_idx'");
    if (found.length === 0) {
      try {
        await queryInterface.addIndex('orders', ['placed_at'], { name: 'orders_placed_idx' });
      } catch (error) {
        console.log(error);
      }
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'alreadyChecked', line: 5, severity: 'info', file: '20250101000000-index.js', data: { check: 'a SELECT query' } }],
    },
    {
      // Hold-out 95: a "remove the default if there is one" under a catch that logs, before an enum type swap.
      name: 'a raw ALTER COLUMN that only drops the default or the NOT NULL, under a catch that logs: PostgreSQL takes it whatever the column has (measured), info; one that sets NOT NULL stays a warning',
      files: {
        '20250101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('audit_entries', { id: { type: Sequelize.INTEGER, primaryKey: true }, verb: { type: Sequelize.STRING }, actor: { type: Sequelize.STRING } });
  },
  async down() {},
};`,
        '20250201000000-loosen.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.sequelize.query('ALTER TABLE audit_entries ALTER COLUMN verb DROP DEFAULT');
    } catch (error) {
      console.log('no default to drop');
    }
    try {
      await queryInterface.sequelize.query('ALTER TABLE audit_entries ALTER COLUMN actor DROP NOT NULL');
    } catch (error) {
      console.log('already nullable');
    }
    try {
      await queryInterface.sequelize.query('ALTER TABLE audit_entries ALTER COLUMN actor SET NOT NULL');
    } catch (error) {
      console.log('could not require actor');
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'loosensOnly', line: 3, severity: 'info', file: '20250201000000-loosen.js', data: { how: 'its default dropped' } },
        { messageId: 'loosensOnly', line: 8, severity: 'info', file: '20250201000000-loosen.js', data: { how: 'NULL allowed' } },
        { messageId: 'swallowed', line: 13, severity: 'warning', file: '20250201000000-loosen.js' },
      ],
    },
    {
      // Hold-out 67: keys and indexes added under a logging catch right after the table or the column they cover.
      name: 'a key or an index under a catch that only logs, over a table or a nullable column this migration has just made: no row can make it fail (info); a unique index over a column holding values, or a key to a column of unknown type, stays a warning',
      files: {
        '20250101000000-lookups.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('lookups', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING });
  },
  async down() {},
};`,
        '20250201000000-companies.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('lookups', 'state_id', { type: Sequelize.INTEGER, allowNull: true });
    try {
      await queryInterface.addConstraint('lookups', { fields: ['state_id'], type: 'foreign key', name: 'lookups_state_id_fkey', references: { table: 'lookups', field: 'id' } });
    } catch (error) {
      console.log('could not add the key', error.message);
    }
    try {
      await queryInterface.addIndex('lookups', ['code'], { unique: true, name: 'lookups_code_key' });
    } catch (error) {
      console.log('could not add the index', error.message);
    }
    try {
      await queryInterface.addConstraint('lookups', { fields: ['state_id'], type: 'foreign key', name: 'lookups_state_id_regions_fkey', references: { table: 'regions', field: 'id' } });
    } catch (error) {
      console.log('could not add the key', error.message);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'nothingToCheck', line: 4, severity: 'info', file: '20250201000000-companies.js' },
        { messageId: 'swallowed', line: 9, severity: 'warning', file: '20250201000000-companies.js' },
      ],
    },
    {
      // Hold-out 67: rollbacks that put a key back, or a NOT NULL, each under a catch that only logs.
      name: 'a rollback that puts back a key or a column definition under its own catch: when it fails the rollback completes without it, the schema as up left it (info); several steps under one catch in a rollback stay a warning',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeConstraint('contracts', 'contracts_managed_by_fkey');
    await queryInterface.removeColumn('contracts', 'managed_by');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('contracts', 'managed_by', { type: Sequelize.INTEGER });
    try {
      await queryInterface.addConstraint('contracts', { fields: ['managed_by'], type: 'foreign key', name: 'contracts_managed_by_fkey', references: { table: 'lookups', field: 'id' } });
    } catch (error) {
      console.log('could not restore the key', error.message);
    }
    try {
      await queryInterface.changeColumn('contracts', 'title', { type: Sequelize.STRING, allowNull: false });
      await queryInterface.addIndex('contracts', ['title']);
    } catch (error) {
      console.log('could not restore', error.message);
    }
  },
};`,
      errors: [
        { messageId: 'rollbackRestore', line: 8, severity: 'info' },
        { messageId: 'swallowed', line: 13, severity: 'warning' },
      ],
    },
    {
      // Hold-out 64: the rollback restores the column of a misspelled table, which fails every time.
      name: 'the same restore on a table no migration creates, where the migrations say which tables there are: it fails every time, hidden (warning)',
      files: {
        '20231101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('wiki_pages', { id: { type: Sequelize.INTEGER, primaryKey: true }, company_id: Sequelize.INTEGER });
  },
  async down() {},
};`,
        '20231128000000-company-required.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('wiki_pages', 'company_id', { type: Sequelize.INTEGER, allowNull: false });
  },
  async down(queryInterface, Sequelize) {
    try {
      await queryInterface.changeColumn('wish_pages', 'company_id', { type: Sequelize.INTEGER, allowNull: true });
    } catch (err) {
      console.log(err);
    }
  },
};`,
      },
      errors: [{ messageId: 'swallowed', line: 6, severity: 'warning', file: '20231128000000-company-required.js' }],
    },
    {
      name: 'best-effort cleanup: DROP ... IF EXISTS and dropTable in a catch-all (info)',
      files: `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.sequelize.query('DROP VIEW IF EXISTS report_totals');
    } catch (error) {}
    await queryInterface.dropTable('report_cache').catch(() => {});
  },
  async down() {},
};`,
      errors: [{ messageId: 'cleanup', line: 3, column: 5, severity: 'info', data: { which: 'These 2 catches (lines 3, 6) discard', steps: '`DROP VIEW IF EXISTS report_totals` at line 4, `dropTable` on `report_cache` at line 6' } }],
    },
    {
      name: "a MySQL project's down that tries PostgreSQL's DROP TYPE IF EXISTS under a catch (SQL migralint does not parse there): a cleanup, info",
      project: { dialect: { dialects: ['mysql'], source: 'config/config.js:4' } },
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('widgets', 'kind', { type: Sequelize.ENUM('a', 'b') });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('widgets', 'kind');
    await queryInterface.sequelize.query('DROP TYPE IF EXISTS enum_widgets_kind').catch(() => {});
  },
};`,
      errors: [{ messageId: 'cleanup', line: 7, severity: 'info' }],
    },
    {
      name: 'a MySQL project: unparsed SQL that is no drop-if-exists (an UPDATE) under a catch stays a warning',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.js:4' } },
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('UPDATE widgets SET kind = \\'a\\' WHERE kind IS NULL').catch(() => {});
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 3, severity: 'warning' }],
    },
    {
      name: 'a catch in an imported helper (not a migration): one finding at the call site of this file',
      files: {
        'lib/audit-columns.js': `// Shared by several migrations.
/**
 * Adds the audit columns.
 */
async function addAuditColumns(queryInterface, table, Sequelize) {
  try {
    await queryInterface.addColumn(table, 'created_by', { type: Sequelize.INTEGER });
    await queryInterface.addColumn(table, 'updated_by', { type: Sequelize.INTEGER });
  } catch (error) {
    console.log('audit columns already there?', error.message);
  }
}
module.exports = { addAuditColumns };`,
        '20240301000000-audit-shipments.js': `const { addAuditColumns } = require('../lib/audit-columns');

module.exports = {
  async up(queryInterface, Sequelize) {
    await addAuditColumns(queryInterface, 'shipments', Sequelize);
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'swallowed', line: 5, column: 11, data: { steps: '`addColumn` on `shipments.created_by` at line 5, `addColumn` on `shipments.updated_by` at line 5' } }],
    },
    {
      name: 'the migration\'s own catch around a re-run of another migration: reported at its own try',
      files: {
        '20240301000000-create-labels.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('labels', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.addIndex('labels', ['id'], { name: 'labels_id_idx' });
  },
  async down() {},
};`,
        '20240401000000-rerun-labels.js': `module.exports = {
  async up(queryInterface) {
    try {
      await require('./20240301000000-create-labels').up(queryInterface, require('sequelize'));
    } catch (error) {
      console.log('labels already set up');
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'swallowed', line: 3, column: 5, data: { steps: '`createTable` on `labels` at line 4, `addIndex` on `labels` (`labels_id_idx`) at line 4' } }],
    },
    {
      name: 'a migration that re-runs another migration: the catch is reported once, in its own file',
      files: {
        '20240301000000-create-labels.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('labels', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    try {
      await queryInterface.addIndex('labels', ['id'], { name: 'labels_id_idx' });
    } catch (error) {}
  },
  async down() {},
};`,
        '20240401000000-ensure-labels.js': `/**
 * Older installs may lack the labels table.
 */
module.exports = {
  async up(queryInterface) {
    if (!(await queryInterface.tableExists('labels'))) {
      await require('./20240301000000-create-labels').up(queryInterface);
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'newTable', line: 4, column: 5, severity: 'info' }],
    },
    {
      name: 'catch-alls around indexes and a unique constraint on a table created a moment earlier, over its declared columns: info (newTable), one finding per catch; an index over a column the table does not declare stays a warning',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('segments', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, team_id: Sequelize.INTEGER });
    const addIndexSafely = async (table, fields) => {
      try { await queryInterface.addIndex(table, fields); } catch (error) { console.log('index exists, skipping'); }
    };
    await addIndexSafely('segments', ['team_id']);
    try {
      await queryInterface.addConstraint('segments', { fields: ['team_id', 'name'], type: 'unique', name: 'segments_team_name' });
    } catch (e) { console.log('exists'); }
    try { await queryInterface.addIndex('segments', ['team']); } catch (e) { console.log('exists'); }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('segments');
  },
};`,
      errors: [
        { messageId: 'newTable', line: 5, severity: 'info', data: { tables: 'table `segments` (line 3)' } },
        { messageId: 'newTable', line: 8, severity: 'info' },
        { messageId: 'swallowed', line: 11, severity: 'warning' },
      ],
    },
    {
      name: 'one try around several indexes on a new table stays a warning: the first failure ("already exists" where the table was there) skips every index after it',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('promo_codes', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING, is_active: Sequelize.BOOLEAN });
    try {
      await queryInterface.addIndex('promo_codes', ['code'], { unique: true });
      await queryInterface.addIndex('promo_codes', ['is_active']);
    } catch (error) {
      console.error('index error', error.message);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 4, severity: 'warning' }],
    },
    {
      name: 'an empty catch around one removeConstraint (a drop-if-exists of a key whose name differs between installs): info (keyLeft); around a drop and the step after it, a warning',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('ChatRanks', 'userId', { type: Sequelize.UUID, allowNull: true });
    try {
      await queryInterface.removeConstraint('ChatRanks', 'chatranks_ibfk_1');
    } catch {}
    try {
      await queryInterface.removeConstraint('ChatEmojis', 'chatemojis_ibfk_2');
      await queryInterface.addColumn('ChatEmojis', 'note', Sequelize.TEXT);
    } catch {}
  },
  async down() {},
};`,
      errors: [
        { messageId: 'keyLeft', line: 4, severity: 'info', data: { what: 'constraint' } },
        { messageId: 'swallowed', line: 7, severity: 'warning' },
      ],
    },
    {
      name: 'one plain index under its own catch on a table in use: a failure only leaves the index missing (indexOnly, info); a unique one, or one try around several indexes, stays a warning',
      files: {
        '20230101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('user_tickets', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER, status: Sequelize.STRING, code: Sequelize.STRING });
  },
  async down() {},
};`,
        '20231031150000-index-user-tickets.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addIndex('user_tickets', ['user_id', 'status']);
    } catch (error) {
      console.log(error);
    }
    try {
      await queryInterface.addIndex('user_tickets', ['code'], { unique: true });
    } catch (error) {
      console.log(error);
    }
    try {
      await queryInterface.addIndex('user_tickets', ['status']);
      await queryInterface.addIndex('user_tickets', ['user_id']);
    } catch (error) {
      console.log(error);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'indexOnly', line: 3, severity: 'info', file: '20231031150000-index-user-tickets.js' },
        { messageId: 'swallowed', line: 8, severity: 'warning', file: '20231031150000-index-user-tickets.js' },
      ],
    },
    {
      name: 'Promise.allSettled never rejects: the calls it settles are swallowed, each on its own (plain indexes: info; a column: a warning); one that reads the rejections and throws after swallows nothing',
      files: {
        '20230101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ledgers', { id: { type: Sequelize.INTEGER, primaryKey: true }, owner_id: Sequelize.INTEGER, kind: Sequelize.STRING });
  },
  async down() {},
};`,
        '20230201000000-ledger-indexes.js': `module.exports = {
  async up(queryInterface) {
    await Promise.allSettled([
      queryInterface.addIndex('ledgers', ['owner_id']),
      queryInterface.addIndex('ledgers', ['kind']),
    ]);
  },
  async down() {},
};`,
        '20230301000000-ledger-columns.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await Promise.allSettled([
      queryInterface.addColumn('ledgers', 'closed_at', { type: Sequelize.DATE }),
      queryInterface.addIndex('ledgers', ['owner_id', 'kind']),
    ]);
  },
  async down() {},
};`,
        '20230401000000-ledger-checked.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const results = await Promise.allSettled([
      queryInterface.addColumn('ledgers', 'opened_at', { type: Sequelize.DATE }),
      queryInterface.addColumn('ledgers', 'note', { type: Sequelize.TEXT }),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw failed[0].reason;
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'indexOnly', line: 3, severity: 'info', file: '20230201000000-ledger-indexes.js', data: { which: '`Promise.allSettled` (which never rejects) discards' } },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20230301000000-ledger-columns.js' },
      ],
    },
    {
      name: 'a callback migration whose catch only logs and never calls done: the runner waits forever, loudly, nothing is recorded (info saying so); without the callback parameter, the same catch hides the failure (warning)',
      files: {
        '20160305222402-create-boards.js': `module.exports = {
  up: function (queryInterface, Sequelize, done) {
    queryInterface.createTable('boards', { id: { type: Sequelize.INTEGER, primaryKey: true } }).then(function () {
      done();
    }).catch(function (err) {
      console.log(err);
    });
  },
  down: function () {},
};`,
        '20160306222402-create-pins.js': `module.exports = {
  up: function (queryInterface, Sequelize) {
    return queryInterface.createTable('pins', { id: { type: Sequelize.INTEGER, primaryKey: true } }).catch(function (err) {
      console.log(err);
    });
  },
  down: function () {},
};`,
      },
      errors: [
        { messageId: 'swallowedHangs', line: 5, severity: 'info', file: '20160305222402-create-boards.js', data: { callback: 'done' } },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20160306222402-create-pins.js' },
      ],
    },
    {
      name: 'a catch-all around cleanup in the handler of a try that rethrows the original error: the migration fails all the same (compensation, info); the same catch-all around a step of the migration stays a warning',
      files: {
        '20240101000000-tenant.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    try {
      await queryInterface.addColumn('courts', 'tenantId', { type: Sequelize.INTEGER });
      await queryInterface.addConstraint('courts', { type: 'unique', fields: ['name', 'tenantId'], name: 'courts_name_tenant_key' });
    } catch (error) {
      try {
        await queryInterface.removeColumn('courts', 'tenantId');
      } catch (cleanupError) {
        error.cleanupError = cleanupError;
      }
      throw error;
    }
    try {
      await queryInterface.addColumn('courts', 'surface', { type: Sequelize.STRING });
      await queryInterface.addIndex('courts', ['surface', 'tenantId'], { unique: true });
    } catch (error) {
      console.log(error);
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'compensation', line: 7, severity: 'info', data: { tryLine: '3' } },
        { messageId: 'swallowed', line: 14, severity: 'warning' },
      ],
    },
    {
      name: 'a catch around the drop of a column no migration adds to that table ("it is OK for this to fail"): the catch is its guard (neverAdded, info)',
      files: {
        '20210801000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('visit_mode_lookup', { id: { type: Sequelize.INTEGER, primaryKey: true }, label: Sequelize.STRING });
  },
  async down() {},
};`,
        '20210802070822-seed.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.removeColumn('visit_mode_lookup', 'value');
    } catch (e) {
      // It's OK for this to fail
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'neverAdded', line: 3, severity: 'info', file: '20210802070822-seed.js' }],
    },
    {
      // Hold-out 97: a fix-up migration re-adding, under a catch, the foreign key an inline `references` already gave the column.
      name: 'a foreign key the column already has from its `references` (same actions, NO ACTION as RESTRICT) under a catch: nothing is lost (info); another ON DELETE, or another column, stays a warning',
      files: {
        '20250101000000-init.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('products', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('stock_counts', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      product_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'products', key: 'id' } },
      checked_by: { type: Sequelize.INTEGER },
    });
  },
  async down() {},
};`,
        '20250201000000-fix-keys.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.addConstraint('stock_counts', { fields: ['product_id'], type: 'foreign key', name: 'stock_counts_product_id_fkey', references: { table: 'products', field: 'id' }, onDelete: 'RESTRICT' });
    } catch (error) {
      console.log('key already there');
    }
    try {
      await queryInterface.addConstraint('stock_counts', { fields: ['product_id'], type: 'foreign key', name: 'stock_counts_product_cascade', references: { table: 'products', field: 'id' }, onDelete: 'CASCADE' });
    } catch (error) {
      console.log('cascade already there');
    }
    try {
      await queryInterface.addConstraint('stock_counts', { fields: ['checked_by'], type: 'foreign key', name: 'stock_counts_checked_by_fkey', references: { table: 'products', field: 'id' } });
    } catch (error) {
      console.log('no checker key');
    }
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'keyHeld', line: 3, severity: 'info', file: '20250201000000-fix-keys.js', data: { columns: '`stock_counts.product_id`' } },
        { messageId: 'swallowed', line: 8, severity: 'warning', file: '20250201000000-fix-keys.js' },
      ],
    },
    {
      // Hold-out 97: `createSchema(s).catch(() => {})` before the tables made in it.
      name: 'a schema created under a catch, then a step in that schema not under one: its failure resurfaces there (info); with nothing made in the schema after it, a warning',
      files: {
        '20250101000000-inventory.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createSchema('inventory').catch(() => {});
    await queryInterface.createTable({ schema: 'inventory', tableName: 'items' }, { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20250201000000-reports.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.createSchema('reports').catch(() => {});
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'neededLater', line: 3, severity: 'info', file: '20250101000000-inventory.js', data: { plainly: '`CREATE SCHEMA IF NOT EXISTS`' } },
        { messageId: 'swallowed', line: 3, severity: 'warning', file: '20250201000000-reports.js' },
      ],
    },
    {
      name: 'a foreign key on a new table is not newTable: the table it references may be missing for a real reason',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, team_id: Sequelize.INTEGER });
    try {
      await queryInterface.addConstraint('notes', { fields: ['team_id'], type: 'foreign key', references: { table: 'teams', field: 'id' } });
    } catch (e) { console.log('exists'); }
  },
  async down() {},
};`,
      errors: [{ messageId: 'swallowed', line: 4, severity: 'warning' }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'a catch that rethrows only for one unrelated error class still hides the rest',
      why: 'any conditional rethrow counts as an expected-error test',
      files: `module.exports = {
  async up(qi) {
    try { await qi.addIndex('users', ['email']); } catch (e) { if (e.name === 'SequelizeConnectionError') throw e; }
  },
  async down() {},
};`,
    },
  ],
});
