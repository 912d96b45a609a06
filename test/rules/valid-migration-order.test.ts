import type { RunnerInfo } from '../../src/model';
import { ruleTests } from './rule-tester';

const m = (table: string) => `module.exports = { async up(qi, S) { await qi.createTable('${table}', { id: { type: S.INTEGER } }); }, async down() {} };`;
const addColumn = (table: string, column: string) =>
  `module.exports = { async up(qi, S) { await qi.addColumn('${table}', '${column}', { type: S.STRING }); }, async down(qi) { await qi.removeColumn('${table}', '${column}'); } };`;
const dropColumn = (table: string, column: string) => `module.exports = { async up(qi) { await qi.removeColumn('${table}', '${column}'); }, async down() {} };`;
const renameColumn = (table: string, from: string, to: string) =>
  `module.exports = { async up(qi) { await qi.renameColumn('${table}', '${from}', '${to}'); }, async down(qi) { await qi.renameColumn('${table}', '${to}', '${from}'); } };`;
const withFk = (table: string, parent: string) =>
  `module.exports = { async up(qi, S) { await qi.createTable('${table}', { id: { type: S.INTEGER }, parent_id: { type: S.INTEGER, references: { model: '${parent}', key: 'id' } } }); }, async down() {} };`;

/** A padded counter `from`..`to` without 076 (written unpadded), each file creating its own table, plus extra files. */
function counter(from: number, to: number, extra: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = from; n <= to; n++) if (n !== 76) files[`${String(n).padStart(3, '0')}_create_table_${n}.js`] = m(`table_${n}`);
  return { ...files, ...extra };
}

const customRunner: RunnerInfo = {
  kind: 'custom',
  evidence: { file: 'migrations/index.js', line: 3, text: 'files.sort(byNumber)' },
  migrationsDirs: ['migrations'],
  filter: { extensions: ['.js'], pattern: null, recursive: false },
  order: 'custom',
  transaction: 'unknown',
  downRunnable: 'unknown',
  baseline: null,
  storage: null,
  notes: [],
};

ruleTests('valid-migration-order', {
  valid: [
    {
      name: 'the same forward foreign key on SQLite, which takes it (keys are checked only when rows are written): nothing',
      project: { dialect: { dialects: ['sqlite' as const], source: 'config/config.json:3' } },
      files: {
        '20220224042543-create-user.js': `module.exports = { async up(qi, S) { await qi.createTable('users', { id: { type: S.INTEGER, primaryKey: true }, roleId: { type: S.INTEGER, references: { model: 'roles', key: 'id' } } }); }, async down() {} };`,
        '20220224042806-create-role.js': `module.exports = { async up(qi, S) { await qi.createTable('roles', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
      },
    },
    {
      name: 'a table named in another case on SQLite, which folds the case of table names: nothing',
      project: { dialect: { dialects: ['sqlite' as const], source: 'config/config.json:3' } },
      files: {
        '20240101000000-create-contact.js': `module.exports = { async up(qi, S) { await qi.createTable('Contacts', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20240201000000-add-replied.js': `module.exports = { async up(qi, S) { await qi.addColumn('contacts', 'replied', { type: S.BOOLEAN }); }, async down() {} };`,
      },
    },
    {
      name: 'on SQLite in development and PostgreSQL in production, a table the migration makes with SQLite\'s CREATE TABLE (AUTOINCREMENT) before filling it: no later file is needed for it',
      project: { dialect: { dialects: ['sqlite' as const, 'postgres' as const], source: 'config/config.json:3' } },
      files: {
        '20240101000000-guardians.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE TABLE guardians (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)'); await qi.sequelize.query("INSERT INTO guardians (name) VALUES ('first')"); }, async down(qi) { await qi.dropTable('guardians'); } };`,
        '20240201000000-create-guardians.js': m('guardians'),
      },
    },
    {
      name: 'a createTable with a foreign key to a later table, of a table the file before already made (CREATE TABLE IF NOT EXISTS does nothing, checks no key): nothing',
      project: { dialect: { dialects: ['postgres' as const], source: 'config/config.js:3' } },
      files: {
        '20240101000001-create-rounds.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE TABLE IF NOT EXISTS rounds (id UUID PRIMARY KEY, note TEXT)'); }, async down(qi) { await qi.dropTable('rounds'); } };`,
        '20240101000002-create-rounds-again.js': withFk('rounds', 'repairs'),
        '20240101000006-create-repairs.js': m('repairs'),
      },
    },
    {
      name: 'both casings created by migrations (a table of each name): nothing',
      project: { dialect: { dialects: ['postgres' as const], source: 'config/config.json:3' } },
      files: {
        '20240101000000-create-contact.js': `module.exports = { async up(qi, S) { await qi.createTable('Contacts', { id: { type: S.INTEGER, primaryKey: true } }); await qi.createTable('contacts', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20240201000000-add-replied.js': `module.exports = { async up(qi, S) { await qi.addColumn('contacts', 'replied', { type: S.BOOLEAN }); }, async down() {} };`,
      },
    },
    {
      name: 'release versions as names, in release order even as strings (0.24.12, 0.25.0, 1.0.0): no shared prefix, nothing out of order; a test file beside them is no migration',
      files: { '0.24.12.ts': m('apps'), '0.25.0.ts': m('teams'), '0.25.0.test.ts': 'export const x = 1;', '1.0.0.ts': m('members') },
    },
    { name: 'sequelize-cli timestamps', files: { '20240101120000-create-users.js': m('users'), '20240102093000-create-posts.js': m('posts') } },
    {
      name: 'numbered files followed by timestamps: a switch of scheme is not out of order',
      files: { '036-create-hackathon-submissions.js': m('a'), '037-create-student-permissions.js': m('b'), '20241201000000-create-groups.js': m('c') },
    },
    {
      name: 'a column dropped by a file that sorts before the one adding it, on a table whose columns are not all known (created by SQL the reader cannot split): not judged',
      files: {
        '20230101000000-create-regions.js': `module.exports = { async up(qi) { await qi.sequelize.query(process.env.REGIONS_DDL); }, async down() {} };`,
        '20230810000000-drop-region-code.js': dropColumn('regions', 'code'),
        '20240105000000-add-region-code.js': addColumn('regions', 'code'),
      },
    },
    {
      name: 'a column dropped after the file that adds it, in name order: in order',
      files: {
        '20230101000000-create-regions.js': m('regions'),
        '20230201000000-add-region-code.js': addColumn('regions', 'code'),
        '20230810000000-drop-region-code.js': dropColumn('regions', 'code'),
      },
    },
    { name: 'files without a numeric prefix are not judged', files: { 'create-users.js': m('users'), 'add-posts.js': m('posts') } },
    {
      name: 'with a base branch: new files after the latest one there',
      project: { baseMigrations: { ref: 'origin/main', names: ['20240101120000-create-users.js'] } },
      files: { '20240101120000-create-users.js': m('users'), '20240102093000-create-posts.js': m('posts') },
    },
    {
      name: 'date stamps of different precision: string order is already chronological',
      files: {
        '20250604120000-add-payout-statuses.js': addColumn('payouts', 'status'),
        '20250717152500-fix-inventory-enum.js': addColumn('inventory', 'kind'),
        '20250910000000-add-upgrade-source.js': addColumn('payouts', 'source'),
        '20251012-change-invoice-url.js': addColumn('invoices', 'url'),
        '20251018000000-drop-invoice-ref.js': addColumn('invoices', 'ref'),
      },
    },
    {
      name: 'a 12-digit timestamp after 14-digit ones, in chronological order',
      files: { '20240101120000-a.js': m('a'), '202402011200-b.js': m('b') },
    },
    {
      name: 'ISO dates with a counter (YYYY-MM-DD_NN_, YYYY-MM-DD-NN_): distinct keys, chronological',
      files: {
        '2023-11-10_00-alter-patient-add-external-id.ts': addColumn('patients', 'external_id'),
        '2024-05-31_00_alter-webhook-add-detail.ts': addColumn('webhooks', 'detail'),
        '2025-06-16-00_alter-directory-add-index.ts': addColumn('directory', 'a'),
        '2025-06-16_01_alter-directory-add-name.ts': addColumn('directory', 'b'),
        '2025-06-17_00_create-cohort.ts': m('cohorts'),
      },
    },
    {
      name: 'dates with a counter (YYYYMMDD-NN-): same day, different counters',
      files: { '20220214-01-add-stacks.js': m('stacks'), '20220214-02-add-templates.js': withFk('templates', 'stacks') },
    },
    {
      name: 'a table a later file creates in a project whose sync() builds tables (the createTable brings a sync-made table into the migrations): no order claimed',
      project: { schemaSync: { script: 'start', evidence: 'app.js:3', development: false } },
      files: { '20250825170000-alter-enterprises.js': addColumn('enterprises', 'phone'), '20250826-create-enterprises.js': m('enterprises') },
    },
    {
      name: 'a runner that sorts its own way (order: custom): the names carry no order to check',
      project: { project: { root: '.', absRoot: '/x', framework: 'sequelize', migrationsDir: 'migrations', modelsDir: null, configFile: null, layoutSource: 'default', runner: customRunner } },
      files: { '9-create-users.js': m('users'), '10-add-users-bio.js': addColumn('users', 'bio'), '009-x.js': m('x') },
    },
  ],
  invalid: [
    {
      name: 'a foreign key (createTable references, addConstraint) to a table only a later-sorting file creates: fails on a fresh PostgreSQL database (needsLaterTable, once per file)',
      project: { dialect: { dialects: ['postgres' as const], source: 'config/config.json:3' } },
      files: {
        '20220224042543-create-user.js': `module.exports = { async up(qi, S) { await qi.createTable('users', { id: { type: S.INTEGER, primaryKey: true }, roleId: { type: S.INTEGER, references: { model: 'roles', key: 'id' } } }); }, async down() {} };`,
        '20220224042806-create-role.js': `module.exports = { async up(qi, S) { await qi.createTable('roles', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20220301000000-address-user.js': `module.exports = { async up(qi, S) { await qi.createTable('addresses', { id: { type: S.INTEGER, primaryKey: true }, userId: S.INTEGER }); await qi.addConstraint('addresses', { fields: ['userId'], type: 'foreign key', references: { table: 'accounts', field: 'id' } }); }, async down() {} };`,
        '20220401000000-create-accounts.js': `module.exports = { async up(qi, S) { await qi.createTable('accounts', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
      },
      errors: [
        { messageId: 'needsLaterTable', line: 1, severity: 'warning', file: '20220224042543-create-user.js', data: { uses: 'points a foreign key at', table: 'roles', other: '20220224042806-create-role.js' } },
        { messageId: 'needsLaterTable', line: 1, severity: 'warning', file: '20220301000000-address-user.js', data: { uses: 'points a foreign key at', table: 'accounts', other: '20220401000000-create-accounts.js' } },
      ],
    },
    {
      name: 'on MySQL, a file that turns FOREIGN_KEY_CHECKS off before its createTable may point a foreign key at a table a later-sorting file creates (a schema dump split by table, measured on MariaDB); after it turns them on again, a key to a later table still fails',
      project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } },
      files: {
        '20190315135020-call_details.js': `module.exports = { up(qi, S) { return qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 0').then(() => qi.createTable('call_details', { id: { type: S.INTEGER, primaryKey: true }, fieldId: { type: S.INTEGER, references: { model: 'custom_fields', key: 'id' } } })).then(() => qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 1')); }, down() {} };`,
        '20190315135020-call_logs.js': `module.exports = { async up(qi, S) { await qi.sequelize.query('SET foreign_key_checks = 0'); await qi.sequelize.query('SET foreign_key_checks = 1'); await qi.createTable('call_logs', { id: { type: S.INTEGER, primaryKey: true }, fieldId: { type: S.INTEGER, references: { model: 'custom_fields', key: 'id' } } }); }, async down() {} };`,
        '20190315135020-custom_fields.js': `module.exports = { async up(qi, S) { await qi.createTable('custom_fields', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
      },
      errors: [
        { messageId: 'duplicatePrefixBreaks', line: 1, severity: 'warning', file: '20190315135020-call_logs.js', data: { file: '20190315135020-call_logs.js', other: '20190315135020-custom_fields.js', what: '`custom_fields`' } },
      ],
    },
    ...[
      { dialect: 'postgres' as const, severity: 'warning' as const },
      { dialect: 'mysql' as const, severity: 'info' as const },
    ].map(({ dialect, severity }) => ({
      name: `a table named in another case than the one the migrations create (\`contacts\` for \`Contacts\`), on ${dialect}: ${severity}`,
      project: { dialect: { dialects: [dialect], source: 'config/config.json:3' } },
      files: {
        '20240101000000-create-contact.js': `module.exports = { async up(qi, S) { await qi.createTable('Contacts', { id: { type: S.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20240201000000-add-replied.js': `module.exports = { async up(qi, S) { await qi.addColumn('contacts', 'replied', { type: S.BOOLEAN }); }, async down() {} };`,
      },
      errors: [{ messageId: 'tableInOtherCase', line: 1, severity, file: '20240201000000-add-replied.js', data: { table: 'contacts', created: 'Contacts', other: '20240101000000-create-contact.js' } }],
    })),
    {
      name: 'release versions sort as strings: 0.27.4 runs after 0.27.10 (the runner compares text), one finding per misplaced file; a shared table makes it a warning',
      files: { '0.27.0.ts': m('apps'), '0.27.10.ts': withFk('app_themes', 'themes'), '0.27.12.ts': m('teams'), '0.27.4.ts': m('themes'), '0.27.8.ts': addColumn('apps', 'locale'), '0.28.0.ts': m('members') },
      errors: [
        { messageId: 'stringOrderDiffersSameTable', line: 1, severity: 'warning', file: '0.27.4.ts', data: { file: '0.27.4.ts', prefix: '0.27.4', other: '0.27.12.ts', position: 'after', table: 'themes' } },
        { messageId: 'stringOrderDiffers', line: 1, severity: 'info', file: '0.27.8.ts', data: { file: '0.27.8.ts', prefix: '0.27.8', other: '0.27.12.ts', position: 'after' } },
      ],
    },
    {
      name: 'a file drops (or renames, or changes) a column that only a file sorting after it adds: on a fresh database it fails; one finding per migration, at the step',
      files: {
        '20220105101010-create-regions.js': m('regions'),
        '20230810173040547-drop-region-code.js': `module.exports = { async up(qi, S) {
  await qi.addColumn('regions', 'iso_code', { type: S.STRING });
  await qi.removeColumn('regions', 'code');
  await qi.renameColumn('regions', 'label', 'name');
}, async down() {} };`,
        '202401051212345-add-region-code.js': `module.exports = { async up(qi, S) { await qi.addColumn('regions', 'code', { type: S.STRING }); await qi.addColumn('regions', 'label', { type: S.STRING }); }, async down() {} };`,
      },
      errors: [
        {
          messageId: 'needsLaterColumn',
          line: 3,
          severity: 'warning',
          file: '20230810173040547-drop-region-code.js',
          data: { file: '20230810173040547-drop-region-code.js', uses: 'drops', column: '`regions.code`', line: '3', other: '202401051212345-add-region-code.js' },
        },
      ],
    },
    {
      name: 'a file changes a table that only a file sorting after it creates (stamps of different precision: 20250825170000 before 20250826): on a fresh database it fails, one finding at the first such step',
      files: {
        '20250823000001-create-tenants.js': m('tenants'),
        '20250825170000-alter-enterprises.js': `module.exports = { async up(qi, S) {
  await qi.addColumn('tenants', 'plan', { type: S.STRING });
  await qi.addColumn('enterprises', 'phone', { type: S.STRING });
  await qi.addIndex('enterprises', ['slug'], { unique: true });
}, async down() {} };`,
        '20250826-create-enterprises.js': m('enterprises'),
      },
      errors: [
        {
          messageId: 'needsLaterTable',
          line: 3,
          severity: 'warning',
          file: '20250825170000-alter-enterprises.js',
          data: { file: '20250825170000-alter-enterprises.js', uses: 'adds a column to', table: 'enterprises', line: '3', other: '20250826-create-enterprises.js' },
        },
      ],
    },
    {
      name: 'the same, in migrations that alter a table none of them creates from an earlier file on (a base schema made by hand, MySQL, SET FOREIGN_KEY_CHECKS read): no fresh database is built from them anyway, info naming that file',
      project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } },
      files: {
        '20250101000000-add-invoice-email.js': `module.exports = { async up(qi, S) {
  await qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
  await qi.addColumn('invoices', 'client_email', { type: S.STRING });
  await qi.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
}, async down() {} };`,
        '20250201000000-alter-shifts.js': `module.exports = { async up(qi, S) {
  await qi.addColumn('shifts', 'ends_at', { type: S.DATE });
}, async down() {} };`,
        '20250301-create-shifts.js': m('shifts'),
      },
      errors: [
        {
          messageId: 'needsLaterTableBuiltElsewhere',
          line: 2,
          severity: 'info',
          file: '20250201000000-alter-shifts.js',
          data: { table: 'shifts', other: '20250301-create-shifts.js', earlier: '20250101000000-add-invoice-email.js', earlierUses: 'adds a column to', missing: 'invoices' },
        },
      ],
    },
    // Files sharing a prefix: one finding per group; a warning, on the file that breaks, only when the order the rest of the names gives breaks what one needs from another.
    {
      name: 'duplicate prefix where both files make the same change (a comment apart): info (either order builds the same schema)',
      files: {
        '20251018000000-allow-null-owner.js': `module.exports = { async up(qi, S) { await qi.changeColumn('boxes', 'owner_id', { type: S.UUID, allowNull: true }); }, async down() {} };`,
        '20251018000000-owner-nullable.js': `module.exports = { async up(qi, S) { await qi.changeColumn('boxes', 'owner_id', { type: S.UUID, allowNull: true, comment: 'null for gift boxes' }); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20251018000000-allow-null-owner.js', others: '20251018000000-owner-nullable.js' } }],
    },
    {
      name: 'duplicate prefix: an expression index written as SQL and a column drop it does not read: info',
      files: {
        '20260603120000-drop-carts-note.js': dropColumn('carts', 'note'),
        '20260603120000-carts-email-index.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE INDEX CONCURRENTLY carts_email_idx ON carts (lower(data->>\\'email\\')) INCLUDE (id, total)'); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20260603120000-carts-email-index.js', others: '20260603120000-drop-carts-note.js' } }],
    },
    {
      name: 'duplicate prefix: an expression index on the column the other file drops, built first: info (the drop then takes the index with it)',
      files: {
        '20260603120000-drop-carts-note.js': dropColumn('carts', 'note'),
        '20260603120000-carts-note-index.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE INDEX carts_note_idx ON carts (lower(note))'); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20260603120000-carts-note-index.js' } }],
    },
    {
      name: 'duplicate prefix: an expression index on the column the other file drops, built after the drop: warning on the index',
      files: {
        '20260603120000-drop-carts-note.js': dropColumn('carts', 'note'),
        '20260603120000-index-carts-note.js': `module.exports = { async up(qi) { await qi.sequelize.query('CREATE INDEX carts_note_idx ON carts (lower(note))'); }, async down() {} };`,
      },
      errors: [
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: {
            file: '20260603120000-index-carts-note.js',
            others: '20260603120000-drop-carts-note.js',
            position: 'after',
            other: '20260603120000-drop-carts-note.js',
            change: 'drops `carts.note`',
            what: '`carts.note`',
            first: '20260603120000-index-carts-note.js',
          },
        },
      ],
    },
    {
      name: 'duplicate 009 prefix (the seed project): one file points a foreign key at the table the other adds a column to, which either order builds alike (info)',
      files: {
        '008-add-chapter-content-fields.js': m('x'),
        '009-create-chapter-progress.js': withFk('chapter_progress', 'course_chapters'),
        '009-update-chapters-for-urls.js': addColumn('course_chapters', 'content_url'),
        '010-fix-chapter-schema.js': m('z'),
      },
      errors: [
        {
          messageId: 'duplicatePrefix',
          line: 1,
          column: 1,
          severity: 'info',
          data: { file: '009-create-chapter-progress.js', prefix: '009', others: '009-update-chapters-for-urls.js' },
        },
      ],
    },
    {
      name: 'duplicate prefix: a foreign key dropped by name next to a table referencing it (info); a primary key dropped before a table whose foreign key needs it (warning)',
      files: {
        '20240301000000-loosen-devices-owner.js': `module.exports = { async up(qi, S) { await qi.removeConstraint('devices', 'devices_owner_fkey'); await qi.changeColumn('devices', 'owner', { type: S.STRING, allowNull: true }); }, async down() {} };`,
        '20240301000000-create-readings.js': withFk('readings', 'devices'),
        '20240302000000-racks-drop-key.js': `module.exports = { async up(qi) { await qi.removeConstraint('racks', 'racks_pkey'); }, async down() {} };`,
        '20240302000000-slots-create.js': withFk('slots', 'racks'),
      },
      errors: [
        { messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20240301000000-create-readings.js' } },
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: { file: '20240302000000-slots-create.js', other: '20240302000000-racks-drop-key.js', position: 'after', change: 'drops the key `racks_pkey` of `racks`', what: 'a key of `racks` (for its foreign key)' },
        },
      ],
    },
    {
      name: 'duplicate prefix: the primary key dropped after the table whose foreign key needs it is created: info',
      files: { '20240302000000-create-slots.js': withFk('slots', 'racks'), '20240302000000-drop-racks-key.js': `module.exports = { async up(qi) { await qi.removeConstraint('racks', 'racks_pkey'); }, async down() {} };` },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20240302000000-create-slots.js' } }],
    },
    {
      name: 'duplicate prefix: a column added before the file that creates its table (add- sorts before create-): warning on the add',
      files: { '012-create-tags.js': m('tags'), '012-add-tags-color.js': addColumn('tags', 'color') },
      errors: [
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: { file: '012-add-tags-color.js', prefix: '012', others: '012-create-tags.js', position: 'before', other: '012-create-tags.js', change: 'creates table `tags`', what: '`tags`', first: '012-create-tags.js' },
        },
      ],
    },
    {
      name: 'duplicate prefix: the table created first, then changed: info',
      files: { '012-a-create-tags.js': m('tags'), '012-b-add-tags-color.js': addColumn('tags', 'color') },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '012-a-create-tags.js' } }],
    },
    {
      name: 'duplicate prefix on unrelated tables: info',
      files: { '20251012-add-invoice-url.js': addColumn('invoices', 'url'), '20251012-add-robokassa-provider.js': addColumn('payment_providers', 'name') },
      errors: [
        {
          messageId: 'duplicatePrefix',
          line: 1,
          severity: 'info',
          data: { file: '20251012-add-invoice-url.js', prefix: '20251012', others: '20251012-add-robokassa-provider.js' },
        },
      ],
    },
    {
      name: 'the same ISO date and counter twice, the column added before its table: warning',
      files: { '2025-06-17_00_create-cohort.ts': m('cohorts'), '2025-06-17_00_add-cohort-name.ts': addColumn('cohorts', 'name') },
      errors: [
        { messageId: 'duplicatePrefixBreaks', line: 1, severity: 'warning', data: { file: '2025-06-17_00_add-cohort-name.ts', prefix: '2025-06-17_00', other: '2025-06-17_00_create-cohort.ts', what: '`cohorts`' } },
      ],
    },
    {
      name: 'three files of one day: the fix of a column runs before the rename that gives the column its name: one warning, on the fix, naming the rename (not the first file of the group)',
      files: {
        '20240611_create_members_table.js': `module.exports = { async up(qi, S) { await qi.createTable('members', { id: { type: S.INTEGER, primaryKey: true }, region: { type: S.STRING } }); }, async down() {} };`,
        '20240611_fix_regionId_type.js': `module.exports = { async up(qi, S) {
          await qi.sequelize.query('UPDATE members SET "regionId" = NULL WHERE "regionId" IS NOT NULL');
          await qi.changeColumn('members', 'regionId', { type: S.INTEGER, allowNull: true });
          await qi.addConstraint('members', { fields: ['regionId'], type: 'foreign key', name: 'members_regionId_fkey', references: { table: 'regions', field: 'id' } });
        }, async down() {} };`,
        '20240611_rename_region_to_regionId.js': renameColumn('members', 'region', 'regionId'),
      },
      errors: [
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: {
            file: '20240611_fix_regionId_type.js',
            prefix: '20240611',
            others: '20240611_create_members_table.js and 20240611_rename_region_to_regionId.js',
            position: 'before',
            other: '20240611_rename_region_to_regionId.js',
            change: 'renames `members.region` to `members.regionId`',
            what: '`members.regionId`',
            first: '20240611_rename_region_to_regionId.js',
          },
        },
      ],
    },
    {
      name: 'four files with an unfilled placeholder stamp on one table, in the order their dependencies need (columns added before they are changed; two interchangeable changes): one info for the group',
      files: {
        '20240807XXXXXX-add-missing-columns-lines.js': `module.exports = { async up(qi, S) { await qi.addColumn('lines', 'price', { type: S.DECIMAL }); await qi.addColumn('lines', 'total', { type: S.DECIMAL }); }, async down() {} };`,
        '20240807XXXXXX-allow-null-item.js': `module.exports = { async up(qi, S) { await qi.changeColumn('lines', 'item_id', { type: S.INTEGER, allowNull: true }); }, async down() {} };`,
        '20240807XXXXXX-default-null-item.js': `module.exports = { async up(qi, S) { await qi.changeColumn('lines', 'item_id', { type: S.INTEGER, allowNull: true, defaultValue: null }); }, async down() {} };`,
        '20240807XXXXXX-sync-lines.js': `module.exports = { async up(qi, S) { await qi.changeColumn('lines', 'price', { type: S.DECIMAL, allowNull: false }); await qi.changeColumn('lines', 'total', { type: S.DECIMAL, allowNull: false }); }, async down() {} };`,
        '20240807_add_reason_to_invoices.js': addColumn('invoices', 'reason'),
      },
      errors: [
        {
          messageId: 'duplicatePrefix',
          line: 1,
          severity: 'info',
          data: { file: '20240807XXXXXX-add-missing-columns-lines.js', prefix: '20240807', others: '20240807XXXXXX-allow-null-item.js, 20240807XXXXXX-default-null-item.js, 20240807XXXXXX-sync-lines.js and 1 more' },
        },
      ],
    },
    {
      name: 'duplicate prefix: a later file fills a column an earlier one drops: warning on the fill',
      files: {
        '20240501-drop-orders-legacy.js': dropColumn('orders', 'legacy'),
        '20240501-fill-orders-legacy.js': `module.exports = { async up(qi) { await qi.bulkUpdate('orders', { legacy: false }, { legacy: null }); }, async down() {} };`,
      },
      errors: [
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: { file: '20240501-fill-orders-legacy.js', position: 'after', other: '20240501-drop-orders-legacy.js', change: 'drops `orders.legacy`', what: '`orders.legacy`', first: '20240501-fill-orders-legacy.js' },
        },
      ],
    },
    {
      name: 'duplicate prefix: a column added to the new name of a table renamed by a file sorted after it: warning',
      files: {
        '20240701-rename-clients-to-customers.js': `module.exports = { async up(qi) { await qi.renameTable('clients', 'customers'); }, async down() {} };`,
        '20240701-add-customers-email.js': addColumn('customers', 'email'),
      },
      errors: [
        {
          messageId: 'duplicatePrefixBreaks',
          line: 1,
          severity: 'warning',
          data: { file: '20240701-add-customers-email.js', position: 'before', change: 'renames table `clients` to `customers`', what: '`customers`' },
        },
      ],
    },
    {
      name: 'duplicate prefix: a table dropped and created again in one file (a rebuild) brings nothing new: the file sorted before it that changes the table is info',
      files: {
        '20240901-add-sessions-agent.js': addColumn('sessions', 'agent'),
        '20240901-rebuild-sessions.js': `module.exports = { async up(qi, S) { await qi.dropTable('sessions'); await qi.createTable('sessions', { id: { type: S.INTEGER }, agent: { type: S.STRING } }); }, async down() {} };`,
      },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20240901-add-sessions-agent.js' } }],
    },
    {
      name: 'with a base branch, a new file joining a prefix already there: the group is reported on the new file',
      project: { baseMigrations: { ref: 'main', names: ['20240301-add-users-bio.js'] } },
      files: { '20240301-add-users-bio.js': addColumn('users', 'bio'), '20240301-add-users-city.js': addColumn('users', 'city') },
      errors: [{ messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '20240301-add-users-city.js', others: '20240301-add-users-bio.js' } }],
    },
    {
      name: 'one unpadded 76_ among 074_..090_: reported once, on 76_, info when the files it passes touch other tables',
      files: counter(74, 90, { '76_add_sim_to_devices.js': addColumn('devices', 'sim') }),
      errors: [
        {
          messageId: 'stringOrderDiffers',
          line: 1,
          severity: 'info',
          data: {
            file: '76_add_sim_to_devices.js',
            prefix: '76',
            position: 'after',
            other: '090_create_table_90.js',
            intended: 'before',
            anchor: '077_create_table_77.js',
            passed: '14 migrations',
          },
        },
      ],
    },
    {
      name: 'one unpadded 76_ that passes a file changing the same column: warning, naming it',
      files: counter(74, 90, {
        '076_create_devices.js': m('devices'),
        '76_add_sim_to_devices.js': addColumn('devices', 'sim'),
        '091_index_devices_sim.js': `module.exports = { async up(qi) { await qi.addIndex('devices', ['sim']); }, async down() {} };`,
      }),
      errors: [
        // 076_ sorts before 76_: the table is created before its column is added, as the two need.
        { messageId: 'duplicatePrefix', line: 1, severity: 'info', data: { file: '076_create_devices.js', prefix: '076', others: '76_add_sim_to_devices.js' } },
        {
          messageId: 'stringOrderDiffersSameTable',
          line: 1,
          severity: 'warning',
          data: { file: '76_add_sim_to_devices.js', anchor: '077_create_table_77.js', sharedWith: '091_index_devices_sim.js', table: 'devices' },
        },
      ],
    },
    {
      name: 'one unpadded 76_ that passes a file adding a different column to the same table: info (either order builds the same schema)',
      files: counter(74, 90, { '76_add_sim_to_devices.js': addColumn('devices', 'sim'), '091_add_devices_imei.js': addColumn('devices', 'imei') }),
      errors: [{ messageId: 'stringOrderDiffers', line: 1, severity: 'info', data: { file: '76_add_sim_to_devices.js' } }],
    },
    {
      name: 'a real out-of-order pair on the same table: the column is added before the table exists',
      files: { '9-create-orders.js': m('orders'), '10-add-orders-user-id.js': addColumn('orders', 'user_id') },
      errors: [
        {
          messageId: 'stringOrderDiffersSameTable',
          line: 1,
          severity: 'warning',
          data: { file: '10-add-orders-user-id.js', position: 'before', other: '9-create-orders.js', intended: 'after', anchor: '9-create-orders.js', table: 'orders' },
        },
      ],
    },
    {
      name: 'the other way round: the table\u2019s creation sorts first as a string, its column added after it, as every database runs them (only the numbers say otherwise): info',
      files: { '9-add-orders-user-id.js': addColumn('orders', 'user_id'), '10-create-orders.js': m('orders') },
      errors: [{ messageId: 'stringOrderDiffers', line: 1, severity: 'info', data: { file: '10-create-orders.js', position: 'before', other: '9-add-orders-user-id.js' } }],
    },
    {
      name: 'mixed widths: 100-x and 20-y run before 9-z, each reported once',
      files: { '9-create-users.js': m('users'), '100-add-index.js': m('i'), '20-add-posts.js': m('posts') },
      errors: [
        { messageId: 'stringOrderDiffers', line: 1, severity: 'info', data: { file: '100-add-index.js', other: '9-create-users.js', prefix: '100', position: 'before' } },
        { messageId: 'stringOrderDiffers', line: 1, severity: 'info', data: { file: '20-add-posts.js', other: '9-create-users.js', prefix: '20', position: 'before' } },
      ],
    },
    {
      name: 'one file out of place is one finding, not one per file it passes',
      files: { '1-a.js': m('a'), '10-b.js': m('b'), '2-c.js': m('c'), '3-d.js': m('d'), '4-e.js': m('e') },
      errors: [{ messageId: 'stringOrderDiffers', line: 1, data: { file: '10-b.js', position: 'before', anchor: '4-e.js', passed: '3 migrations' } }],
    },
    {
      name: 'a counter after an unpadded counter of the same day (YYYYMMDD-N-)',
      files: {
        '20220214-1-create-stacks.js': m('stacks'),
        '20220214-2-add-stacks-name.js': addColumn('stacks', 'name'),
        '20220214-10-add-stacks-url.js': `module.exports = { async up(qi) { await qi.renameColumn('stacks', 'name', 'title'); }, async down() {} };`,
      },
      errors: [
        {
          messageId: 'stringOrderDiffersSameTable',
          line: 1,
          severity: 'warning',
          data: { file: '20220214-10-add-stacks-url.js', prefix: '20220214-10', position: 'before', anchor: '20220214-2-add-stacks-name.js', table: 'stacks' },
        },
      ],
    },
    {
      name: 'with a base branch (--changed-since): a new file that sorts before one already there',
      project: { baseMigrations: { ref: 'main', names: ['20240101120000-create-users.js', '20240301090000-add-plans.js'] } },
      files: {
        '20240101120000-create-users.js': m('users'),
        '20240215100000-add-teams.js': m('teams'),
        '20240301090000-add-plans.js': m('plans'),
        '20240310080000-add-invoices.js': m('invoices'),
      },
      errors: [
        {
          messageId: 'sortsBeforeBase',
          line: 1,
          data: { file: '20240215100000-add-teams.js', latest: '20240301090000-add-plans.js', ref: 'main' },
        },
      ],
    },
  ],
});
