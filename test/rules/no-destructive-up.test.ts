import { ruleTests } from './rule-tester';

/** A migration whose `up` (from line 3) and `down` run the given statements. */
function migration(up: string[], down: string[] = []): string {
  return `module.exports = {
  async up(queryInterface, Sequelize) {
${up.join('\n')}
  },
  async down(queryInterface, Sequelize) {
${down.join('\n')}
  },
};`;
}

/** sequelize-cli's config: SQLite on the developer's machine, MySQL in production. */
const DEV_SQLITE_PROD_MYSQL = JSON.stringify({
  development: { dialect: 'sqlite', storage: './dev.sqlite' },
  production: { dialect: 'mysql', host: '127.0.0.1', database: 'app', username: 'app', password: null },
});

/** One raw SQL statement as a migration line. */
function sql(statement: string): string {
  return `    await queryInterface.sequelize.query(\`${statement}\`);`;
}

/** Fill-only-empty updates: each writes only where the column had no value. */
const FILLS_ONLY_EMPTY: [string, string][] = [
  ['IS NULL, table-qualified, inside a longer AND', `UPDATE "users" SET "locale" = 'en' WHERE "users"."deletedAt" IS NOT NULL AND "users"."locale" IS NULL`],
  ['IS NULL through the table alias', `UPDATE "users" u SET "locale" = 'en' FROM "teams" t WHERE t.id = u."teamId" AND u."locale" IS NULL`],
  ["= '' on the SET column", `UPDATE users SET nickname = username WHERE nickname = '' AND active`],
  ['LENGTH(col) = 0', `UPDATE users SET nickname = username WHERE LENGTH(nickname) = 0`],
  ["blank strings set to NULL before a cast (TRIM(col) = '', hold-out 78)", `UPDATE "Properties" SET "duration" = NULL WHERE TRIM("duration") = ''`],
  ['LENGTH(BTRIM(col)) = 0', `UPDATE users SET nickname = username WHERE LENGTH(BTRIM(nickname)) = 0`],
  ["IS NULL OR = '' on the same column", `UPDATE users SET nickname = username WHERE (nickname IS NULL OR nickname = '')`],
  ['COALESCE(col, x) keeps every existing value', `UPDATE users SET "createdAt" = COALESCE("createdAt", "updatedAt", now()) WHERE "createdAt" IS NULL OR "updatedAt" IS NULL`],
  ['a JSON key written only where it is missing', `UPDATE teams SET settings = jsonb_set(settings, '{theme}', '"light"') WHERE settings -> 'theme' IS NULL`],
  ['defaults merged under the existing keys (existing keys win)', `UPDATE invoices SET meta = '{"source": "import"}'::jsonb || COALESCE(meta, '{}'::jsonb) WHERE kind = 'legacy'`],
  ['a self-join on id reads the same row', `UPDATE "boards" SET "openedAt" = COALESCE(b."openedAt", b."createdAt") FROM "boards" b WHERE "boards".id = b.id AND b."openedAt" IS NULL`],
  ['a JSON null turned into SQL NULL', `UPDATE payments SET "meta" = NULL WHERE "meta" = 'null'::jsonb`],
  ['a batched backfill whose CTE selects the empty rows', `WITH batch AS (SELECT id FROM boards WHERE "layout" IS NULL ORDER BY id LIMIT 500) UPDATE boards SET "layout" = '{}'::jsonb WHERE EXISTS (SELECT 1 FROM batch WHERE boards.id = batch.id)`],
];

/** Remaps whose inverse is in `down`: [name, up statement, down statement]. */
const REVERSED_BY_DOWN: [string, string, string][] = [
  ['a constant remap', `UPDATE tickets SET status = 'open' WHERE status = 'new'`, `UPDATE tickets SET status = 'new' WHERE status = 'open'`],
  ['a unit change (* 100 and / 100)', `UPDATE prices SET amount = amount * 100 WHERE currency = 'EUR'`, `UPDATE prices SET amount = amount / 100 WHERE currency = 'EUR'`],
  ['REPLACE(a, b) and REPLACE(b, a)', `UPDATE grants SET scope = REPLACE(scope, 'files-', 'files:')`, `UPDATE grants SET scope = REPLACE(scope, 'files:', 'files-')`],
  [
    'a jsonb_set remap of a boolean to an enum, down maps it back (IN list)',
    `UPDATE workspaces SET prefs = jsonb_set(prefs, '{sharing}', '"owners"') WHERE prefs -> 'sharing' = 'true'::jsonb`,
    `UPDATE workspaces SET prefs = jsonb_set(prefs, '{sharing}', 'true') WHERE prefs -> 'sharing' IN ('"owners"'::jsonb, '"admins"'::jsonb)`,
  ],
  [
    'a CASE mapping with its inverse CASE',
    `UPDATE cards SET period = CASE WHEN period = 'MONTH' THEN 'MONTHLY' WHEN period = 'YEAR' THEN 'YEARLY' ELSE period END WHERE provider = 'acme'`,
    `UPDATE cards SET period = CASE period WHEN 'MONTHLY' THEN 'MONTH' WHEN 'YEARLY' THEN 'YEAR' ELSE period END WHERE provider = 'acme'`,
  ],
  ['a JSON flag merged with ||, removed again by down', `UPDATE charges SET meta = COALESCE(meta, '{}'::jsonb) || '{"manual": true}'::jsonb WHERE kind = 'card'`, `UPDATE charges SET meta = meta - 'manual'`],
  [
    'a placeholder turned into NULL, and back by down (WHERE IS NULL)',
    `UPDATE sites SET lat = NULL, lng = NULL WHERE lat = 0 AND lng = 0`,
    `UPDATE sites SET lat = 0, lng = 0 WHERE lat IS NULL AND lng IS NULL`,
  ],
  ['a JSON flag added, removed again by down', `UPDATE events SET meta = jsonb_set(meta, '{internal}', 'true') WHERE kind IN ('cron', 'probe')`, `UPDATE events SET meta = meta #- '{internal}' WHERE kind IN ('cron', 'probe')`],
];

/** Normalizations: [name, statement, functions]. */
const NORMALIZATIONS: [string, string, string][] = [
  ['trim', `UPDATE tags SET label = trim(label) WHERE label LIKE ' %'`, '`trim`'],
  ['lower', `UPDATE accounts SET email = lower(email) WHERE email <> lower(email)`, '`lower`'],
  ['upper of a trimmed value', `UPDATE countries SET code = upper(trim(code)) WHERE code IS NOT NULL`, '`upper`'],
  ['regexp_replace of a prefix', `UPDATE repos SET handle = regexp_replace(handle, '^@', '') WHERE handle LIKE '@%'`, '`regexp_replace`'],
  ['stripping a # from every element of an array', `UPDATE posts SET labels = array(SELECT regexp_replace(l, '^#', '') FROM unnest(labels) AS l) WHERE labels IS NOT NULL`, '`regexp_replace`'],
];

/** Deletes of orphan rows: [name, statement, orphans]. */
const ORPHAN_DELETES: [string, string, string][] = [
  ['a null foreign key', `DELETE FROM webhooks WHERE "accountId" IS NULL`, 'whose `accountId` is NULL'],
  ['NOT EXISTS in the parent', `DELETE FROM pins p WHERE NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = p."noteId")`, 'that have no matching row in `notes`'],
  ['NOT IN (SELECT id FROM parent)', `DELETE FROM login_events WHERE account_id NOT IN (SELECT id FROM accounts)`, 'whose `account_id` matches no row of `accounts`'],
];

/** A migration that drops its table under a catch (`dropTable(t).catch(() => {})`) before creating it (hold-out 106). */
const dropThenCreate = (table: string) => `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.dropTable('${table}').catch(() => {});
    await queryInterface.createTable('${table}', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) { await queryInterface.dropTable('${table}'); },
};`;

ruleTests('no-destructive-up', {
  valid: [
    {
      // The SQLite branch rebuilds the table the way SQLite needs (copy, drop, rename back); only development uses SQLite.
      name: 'a step under a branch for a dialect only development uses (SQLite locally, MySQL in production) never reaches production',
      project: { dialect: { dialects: ['mysql', 'sqlite'], source: 'config/config.json:3' } },
      files: {
        'config/config.json': DEV_SQLITE_PROD_MYSQL,
        '20240101000000-drop-legacy.js': `module.exports = {
  async up(queryInterface) {
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.dropTable('users');
      await queryInterface.renameTable('users_backup', 'users');
      return;
    }
    await queryInterface.removeIndex('users', 'users_legacy_idx');
  },
  async down() {},
};`,
      },
    },
    {
      name: 'a backfill of a column added two migrations earlier, days apart, with no write to its table between',
      files: {
        '20240101000000-add-projects-folder.js': migration(["    await queryInterface.addColumn('projects', 'folderId', { type: Sequelize.INTEGER });"]),
        '20240102000000-add-index.js': migration(["    await queryInterface.addIndex('projects', ['ownerId']);"]),
        '20240103000000-fill-projects-folder.js': migration([sql(`UPDATE "projects" SET "folderId" = 7 WHERE "ownerId" = 3`)]),
      },
    },
    {
      name: 'a backfill of a column just added to a table named by a model constant',
      files: `const { Settings } = require('../models/settings');
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn(Settings.NAME, 'webhook_enabled', { type: Sequelize.BOOLEAN });
    await queryInterface.sequelize.query('UPDATE settings SET webhook_enabled = false');
  },
  async down() {},
};`,
    },
    {
      name: 'additive migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
    await queryInterface.addIndex('users', ['email'], { unique: true });
  },
  async down() {},
};`,
    },
    {
      name: 'dropping a table the same migration created a moment earlier (copy-and-swap scratch table)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tmp_user_ids', { id: { type: Sequelize.INTEGER } });
    await queryInterface.sequelize.query('INSERT INTO tmp_user_ids SELECT id FROM users WHERE deleted_at IS NULL');
    await queryInterface.dropTable('tmp_user_ids');
  },
  async down() {},
};`,
    },
    {
      name: 'backfilling a column added by the same migration (UPDATE without WHERE)',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'display_name', { type: Sequelize.STRING });
    await queryInterface.sequelize.query('UPDATE users SET display_name = first_name || \\' \\' || last_name');
    await queryInterface.bulkUpdate('users', { display_name: 'anonymous' }, { display_name: null });
  },
  async down() {},
};`,
    },
    {
      name: 'removing a column added earlier in the same migration',
      files: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'tmp_total', { type: Sequelize.INTEGER });
    await queryInterface.removeColumn('orders', 'tmp_total');
  },
  async down() {},
};`,
    },
    {
      name: 'filling only the NULLs of an existing column overwrites nothing',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`UPDATE "users" SET "locale" = 'en' WHERE "locale" IS NULL\`);
    await queryInterface.bulkUpdate('users', { plan: 'free' }, { plan: null });
  },
  async down() {},
};`,
    },
    {
      name: 'row-filtered changes when the option turns them off',
      options: { reportRowFilteredChanges: false },
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('carts', { expired: true });
    await queryInterface.sequelize.query("UPDATE users SET role = 'member' WHERE role = 'guest'");
  },
  async down() {},
};`,
    },
    ...FILLS_ONLY_EMPTY.map(([name, statement]) => ({ name: `fill-only-empty update: ${name}`, files: migration([sql(statement)]) })),
    {
      name: 'fill-only-empty bulkUpdate: { c: null } and { c: "" }',
      files: migration([
        "    await queryInterface.bulkUpdate('users', { plan: 'free' }, { plan: null });",
        "    await queryInterface.bulkUpdate('users', { bio: 'n/a' }, { bio: '' });",
      ]),
    },
    // Hold-out 68: a column set to itself (a slip for another column) changes no value.
    { name: 'a column set to itself, no cast: `SET terms = terms` changes nothing', files: migration([sql('UPDATE organization SET terms = terms')]) },
    ...REVERSED_BY_DOWN.map(([name, up, down]) => ({ name: `remap reversed by down: ${name}`, files: migration([sql(up)], [sql(down)]) })),
    {
      name: 'remap reversed by down: bulkUpdate and its inverse',
      files: migration(
        ["    await queryInterface.bulkUpdate('orders', { state: 'paid' }, { state: 'settled' });"],
        ["    await queryInterface.bulkUpdate('orders', { state: 'settled' }, { state: 'paid' });"],
      ),
    },
    {
      name: 'the old value saved into a JSON key of the row, and a marker key named after the migration',
      files: {
        '20240501093000-regenerate-duplicate-codes.js': migration([
          sql(`UPDATE vouchers SET code = gen_random_uuid(), meta = jsonb_set(COALESCE(meta, '{}'), '{previousCode}', to_jsonb(vouchers.code)) WHERE duplicated`),
          sql(`UPDATE vouchers SET meta = jsonb_set(meta, '{migratedBy20240501093000}', 'true') WHERE duplicated`),
        ]),
      },
    },
    {
      name: 'backfill of a column the previous migration added (nothing has written it since)',
      files: {
        '20240101000000-add-projects-folder.js': migration(["    await queryInterface.addColumn('projects', 'folderId', { type: Sequelize.INTEGER });"]),
        '20240101000001-fill-projects-folder.js': migration([sql(`UPDATE "projects" SET "folderId" = f.id FROM "folders" f WHERE f."ownerId" = "projects"."ownerId"`)]),
      },
    },
    {
      name: 'updating and deleting rows of a table created earlier in the same migration',
      files: migration([
        "    await queryInterface.createTable('drafts', { id: { type: Sequelize.INTEGER }, body: { type: Sequelize.TEXT } });",
        sql(`INSERT INTO drafts (id, body) SELECT id, body FROM posts WHERE published = false`),
        sql(`UPDATE drafts SET body = trim(body)`),
        sql(`DELETE FROM drafts WHERE body = ''`),
      ]),
    },
    {
      name: 'a bulkUpdate whose value is a sequelize.literal extending the old value (path || \'.md\') loses nothing: the literal is read as SQL',
      files: migration(["    await queryInterface.bulkUpdate('files', { path: queryInterface.sequelize.literal(\"path || '.md'\") }, {});"]),
    },
    {
      name: 'the old value extended with || (text appended to, a JSON object merged with supplied keys) loses nothing',
      files: migration([
        sql(`UPDATE "Members" SET display_name = display_name || ' ' || surname`),
        sql(`UPDATE "Settings" SET templates = templates || CAST(:german AS jsonb)`),
        sql(`UPDATE "Settings" SET tags = COALESCE(tags, '{}') || ARRAY['archived']`),
      ]),
    },
    {
      name: 'the old value wrapped into the new one (jsonb_build_object of the column itself) loses nothing',
      files: migration([sql(`UPDATE schemes SET type = jsonb_build_object('type', "type")`), sql(`UPDATE notes SET tags = to_jsonb(tags)`)]),
    },
    {
      name: 'destructive down is not this rule’s business',
      files: `module.exports = { async up() {}, async down(qi) { await qi.dropTable('users'); } };`,
    },
  ],
  invalid: [
    {
      // Hold-out 88: tokens moved onto the users table, the token table's foreign key column removed, then the table.
      name: 'a column removed from a table this migration drops afterwards is part of that drop: judged with the table (copied first: info), not reported on its own; without the later drop it stays an error',
      files: {
        '20220101000000-create.js': migration([
          "    await queryInterface.createTable('obs_user', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
          "    await queryInterface.createTable('auth_token', { key: { type: Sequelize.STRING(40), primaryKey: true }, user_id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('sessions', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER });",
        ]),
        '20220201000000-other.js': migration(["    await queryInterface.addColumn('obs_user', 'name', { type: Sequelize.STRING });"]),
        '20220320152901-new-token-logic.js': migration([
          "    await queryInterface.addColumn('obs_user', 'auth_token', { type: Sequelize.STRING(40), allowNull: true });",
          sql('UPDATE obs_user SET auth_token = a.key FROM auth_token AS a WHERE id = a.user_id'),
          "    await queryInterface.removeColumn('auth_token', 'user_id');",
          "    await queryInterface.dropTable('auth_token');",
          "    await queryInterface.removeColumn('sessions', 'user_id');",
        ]),
      },
      errors: [
        { messageId: 'copiedBefore', line: 6, severity: 'info', file: '20220320152901-new-token-logic.js' },
        { messageId: 'dropColumn', line: 7, severity: 'error', file: '20220320152901-new-token-logic.js' },
      ],
    },
    {
      name: 'duplicates removed by a self-join (one kept per key) for a unique key the next migration adds, and dangling references set to NULL before a foreign key: info; a self-join deleting both copies, or nulling references that do point somewhere, keeps its warning',
      files: {
        '20240101000000-create.js': migration([
          "    await queryInterface.createTable('enrolments', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER, course_id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('prompts', { id: { type: Sequelize.INTEGER, primaryKey: true }, rag_index_id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('rag_indices', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        ]),
        '20240201000000-dedupe.js': migration([
          sql('DELETE FROM enrolments a USING enrolments b WHERE a.user_id = b.user_id AND a.course_id = b.course_id AND a.id < b.id'),
          sql('DELETE FROM enrolments a USING enrolments b WHERE a.user_id = b.user_id AND a.id <> b.id'),
        ]),
        '20240202000000-unique-enrolment.js': migration([
          "    await queryInterface.addConstraint('enrolments', { fields: ['user_id', 'course_id'], type: 'unique', name: 'enrolments_user_course' });",
        ]),
        '20240301000000-fk.js': migration([
          sql('UPDATE prompts SET rag_index_id = NULL WHERE NOT EXISTS (SELECT 1 FROM rag_indices r WHERE r.id = prompts.rag_index_id)'),
          sql('UPDATE prompts SET rag_index_id = NULL WHERE rag_index_id > 100'),
          "    await queryInterface.addConstraint('prompts', { fields: ['rag_index_id'], type: 'foreign key', references: { table: 'rag_indices', field: 'id' } });",
        ]),
      },
      errors: [
        { messageId: 'duplicatesBeforeLaterKey', line: 3, severity: 'info', file: '20240201000000-dedupe.js', data: { key: '(`user_id`, `course_id`)', file: '20240202000000-unique-enrolment.js', line: '3' } },
        { messageId: 'deleteSomeRows', line: 4, severity: 'warning', file: '20240201000000-dedupe.js' },
        { messageId: 'nullDanglingReferences', line: 3, severity: 'info', file: '20240301000000-fk.js', data: { orphans: 'that have no matching row in `rag_indices`' } },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', file: '20240301000000-fk.js' },
      ],
    },
    {
      name: 'a JSON column read into JavaScript (SELECT id, providers ...) and bulk-inserted into a new table before it is dropped: moved, info naming the table it went to; read but written nowhere, an error',
      files: {
        '0001-create.js': migration([
          "    await queryInterface.createTable('backup_settings', { id: { type: Sequelize.INTEGER, primaryKey: true }, providers: Sequelize.TEXT, notes: Sequelize.TEXT });",
        ]),
        '0002-other.js': migration(["    await queryInterface.createTable('servers', { id: { type: Sequelize.INTEGER, primaryKey: true } });"]),
        '0030-providers.js': migration([
          "    await queryInterface.createTable('backup_providers', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING });",
          "    const [settings] = await queryInterface.sequelize.query('SELECT id, providers FROM backup_settings LIMIT 1');",
          "    const providers = JSON.parse(settings[0].providers);",
          "    await queryInterface.bulkInsert('backup_providers', providers.map((p) => ({ id: p.id, name: p.name })));",
          "    await queryInterface.removeColumn('backup_settings', 'providers');",
          "    await queryInterface.removeColumn('backup_settings', 'notes');",
        ]),
      },
      errors: [
        { messageId: 'movedBefore', line: 7, severity: 'info', file: '0030-providers.js', data: { into: '`backup_providers`', line: 'line 6' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', file: '0030-providers.js', data: { target: '`backup_settings.notes`' } },
      ],
    },
    {
      name: 'SQLite: a table copied into a backup with CREATE TABLE ... AS SELECT, dropped, created again and refilled from the backup (duplicates folded by GROUP BY): the drop is the copy\'s info, the backup\'s drop is no loss',
      project: { dialect: { dialects: ['sqlite'], source: 'config/config.json:2' } },
      files: {
        'config/config.json': JSON.stringify({ production: { dialect: 'sqlite', storage: './app.sqlite' } }),
        '0001-create.js': migration(["    await queryInterface.createTable('organization_members', { organizationId: Sequelize.INTEGER, accountId: Sequelize.INTEGER, role: Sequelize.STRING });"]),
        '0006-primary-key.js': migration([
          "    await queryInterface.sequelize.query('CREATE TABLE organization_members_backup AS SELECT * FROM organization_members');",
          "    await queryInterface.dropTable('organization_members');",
          "    await queryInterface.createTable('organization_members', { organizationId: { type: Sequelize.INTEGER, primaryKey: true }, accountId: { type: Sequelize.INTEGER, primaryKey: true }, role: Sequelize.STRING });",
          "    await queryInterface.sequelize.query('INSERT INTO organization_members(organizationId, accountId, role) SELECT DISTINCT organizationId, accountId, role FROM organization_members_backup GROUP BY organizationId, accountId');",
          "    await queryInterface.sequelize.query('DROP TABLE organization_members_backup');",
        ]),
      },
      errors: [{ messageId: 'copiedBefore', line: 4, severity: 'info', file: '0006-primary-key.js', data: { target: '`organization_members`', into: '`organization_members_backup`' } }],
    },
    {
      name: "SQLite's table rebuild (rename to _old, create again, INSERT INTO t SELECT * FROM _old, drop _old), table after table in one migration: one info naming the copies (the same for a copy back with a WHERE, whose message says a partial copy loses the rest)",
      project: { dialect: { dialects: ['sqlite'], source: 'config/config.json:2' } },
      files: {
        'config/config.json': JSON.stringify({ production: { dialect: 'sqlite', storage: './bot.sqlite' } }),
        '20240101000000-create.js': migration([
          "    await queryInterface.createTable('members', { userKey: Sequelize.TEXT, roleKey: Sequelize.TEXT });",
          "    await queryInterface.createTable('signups', { key: { type: Sequelize.INTEGER, primaryKey: true }, userKey: Sequelize.TEXT });",
          "    await queryInterface.createTable('games', { key: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.TEXT });",
        ]),
        '20240201000000-rebuild.js': migration([
          "    await queryInterface.sequelize.transaction(async (transaction) => {",
          "      for (const [table, columns] of [['members', '`userKey` TEXT NOT NULL, `roleKey` TEXT NOT NULL'], ['signups', '`key` INTEGER PRIMARY KEY, `userKey` TEXT NOT NULL']]) {",
          "        await queryInterface.sequelize.query(`ALTER TABLE ${table} RENAME TO _${table}_old`, { transaction });",
          "        await queryInterface.sequelize.query(`CREATE TABLE \\`${table}\\` (${columns})`, { transaction });",
          "        await queryInterface.sequelize.query(`INSERT INTO ${table} SELECT * FROM _${table}_old`, { transaction });",
          "        await queryInterface.sequelize.query(`DROP TABLE _${table}_old`, { transaction });",
          '      }',
          '    });',
        ]),
        '20240301000000-rebuild-games.js': migration([
          "    await queryInterface.sequelize.query('ALTER TABLE games RENAME TO _games_old');",
          "    await queryInterface.sequelize.query('CREATE TABLE games (`key` INTEGER PRIMARY KEY, `name` TEXT NOT NULL)');",
          "    await queryInterface.sequelize.query('INSERT INTO games SELECT * FROM _games_old WHERE name IS NOT NULL');",
          "    await queryInterface.sequelize.query('DROP TABLE _games_old');",
        ]),
      },
      errors: [
        {
          messageId: 'copiedBeforeMany',
          line: 8,
          severity: 'info',
          file: '20240201000000-rebuild.js',
          data: { effect: 'drops tables', target: '`_members_old`, `_signups_old`', copies: '`_members_old` into `members`, line 7; `_signups_old` into `signups`, line 7' },
        },
        // Copied back with a WHERE: the rows live on but for those it leaves out, which the message says.
        { messageId: 'copiedBefore', line: 6, severity: 'info', file: '20240301000000-rebuild-games.js', data: { target: '`_games_old`', into: '`games`', where: 'line 5' } },
      ],
    },
    {
      name: 'DROP DATABASE is the one cause: one error naming it (the statement when its name is computed), and nothing the migration drops after it is reported, it all went with the database',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: {
        'config/config.json': JSON.stringify({ production: { dialect: 'mysql', host: '127.0.0.1', database: 'pay', username: 'pay', password: null } }),
        '20240101000000-reset.js': migration([
          "    const database = process.env.STAGE + '_database';",
          "    await queryInterface.sequelize.query('DROP DATABASE IF EXISTS ' + database + ';');",
          "    await queryInterface.sequelize.query('CREATE DATABASE ' + database + ';');",
          "    await queryInterface.sequelize.query('DROP TABLE IF EXISTS users;');",
          "    await queryInterface.sequelize.query('CREATE TABLE users (id int);');",
          "    await queryInterface.removeColumn('orders', 'note');",
        ]),
        '20240201000000-drop-archive.js': migration([sql('DROP DATABASE archive')]),
      },
      errors: [
        { messageId: 'dropEverything', line: 4, severity: 'error', file: '20240101000000-reset.js', data: { target: "`DROP DATABASE IF EXISTS ${…}_database`" } },
        { messageId: 'dropEverything', line: 3, severity: 'error', file: '20240201000000-drop-archive.js', data: { target: 'database `archive`' } },
      ],
    },
    {
      name: 'a builder where is shown as written, a value the migration computes as its source with ${…} for what is not known',
      files: migration([`    await queryInterface.bulkUpdate('inventory_values', { reference: null }, { reference: \`III.\${section}.3\`, kind: ['a', 'b'] });`]),
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning', data: { where: "{ reference: III.${…}.3, kind: ['a', 'b'] }" } }],
    },
    {
      name: 'the branch for the production dialect is judged (development on SQLite, production on MySQL)',
      project: { dialect: { dialects: ['mysql', 'sqlite'], source: 'config/config.json:3' } },
      files: {
        'config/config.json': DEV_SQLITE_PROD_MYSQL,
        '20240101000000-drop-legacy.js': `module.exports = {
  async up(queryInterface) {
    if (queryInterface.sequelize.getDialect() !== 'sqlite') {
      await queryInterface.removeColumn('users', 'legacy');
    }
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'dropColumn', line: 4, severity: 'error', file: '20240101000000-drop-legacy.js' }],
    },
    {
      name: 'DROP COLUMN IF EXISTS of a column the replay knows the table never had drops nothing; of one it has, an error',
      files: {
        '20240101000000-create-studies.js': migration(["    await queryInterface.createTable('studies', { id: { type: Sequelize.INTEGER, primaryKey: true }, title: Sequelize.STRING, share: Sequelize.FLOAT });"]),
        '20240115000000-seed-studies.js': migration([sql(`INSERT INTO studies (id, title, share) SELECT id, name, 0.5 FROM courses`)]),
        '20240201000000-drop-ghosts.js': migration([sql(`ALTER TABLE studies DROP COLUMN IF EXISTS weight`), sql(`ALTER TABLE studies DROP COLUMN IF EXISTS share`)]),
      },
      errors: [{ messageId: 'dropColumn', line: 4, severity: 'error', file: '20240201000000-drop-ghosts.js', data: { target: '`studies.share`' } }],
    },
    {
      name: 'MySQL SQL read by keywords: a column rewritten from its own value is info; orphans deleted before a foreign key is added are info; a plain overwrite and a plain delete keep their severity',
      project: { dialect: { dialects: ['mariadb'], source: 'config/config.json:3' } },
      files: {
        'config/config.json': JSON.stringify({ production: { dialect: 'mariadb', host: '127.0.0.1', database: 'game', username: 'game', password: null } }),
        '20240101000000-badges.js': migration([
          sql(`UPDATE players SET badges = REPLACE(badges, "egg-", "")`),
          sql(`UPDATE players SET progress = CONCAT(SUBSTR(progress, 1, 3), '0', SUBSTR(progress, 4)) WHERE progress IS NOT NULL`),
          sql(`UPDATE players SET title = "newcomer"`),
        ]),
        '20240102000000-pet-owner-key.js': migration([
          sql(`DELETE FROM pets WHERE ownerId NOT IN (SELECT id FROM players)`),
          "    await queryInterface.addConstraint('pets', { fields: ['ownerId'], type: 'foreign key', references: { table: 'players', field: 'id' } });",
          sql(`DELETE FROM guilds WHERE score < 10`),
        ]),
      },
      errors: [
        { messageId: 'rewriteFromItself', line: 3, severity: 'info', file: '20240101000000-badges.js', data: { columns: '`badges`' } },
        { messageId: 'rewriteFromItself', line: 4, severity: 'info', file: '20240101000000-badges.js', data: { columns: '`progress`' } },
        { messageId: 'overwriteAllRows', line: 5, severity: 'error', file: '20240101000000-badges.js' },
        { messageId: 'orphansBeforeForeignKey', line: 3, severity: 'info', file: '20240102000000-pet-owner-key.js', data: { parent: 'players', line: '4', orphans: 'whose `ownerId` matches no row of `players`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', file: '20240102000000-pet-owner-key.js' },
      ],
    },
    {
      name: 'dropTable and removeColumn of existing data',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('legacy_sessions');
    await queryInterface.removeColumn('users', 'legacy_flag');
  },
  async down() {},
};`,
      errors: [{ messageId: 'dropTablesAndColumns', line: 3, column: 11, severity: 'error', data: { target: '`legacy_sessions`', tables: 'table `legacy_sessions`', columns: '`users.legacy_flag`', lines: '3, 4' } }],
    },
    {
      name: 'bulkDelete with null, {} or [] deletes every row (measured: [] sends WHERE 1=1); with a where, some rows (warning)',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('notifications', null, {});
    await queryInterface.bulkDelete('audit_events', {});
    await queryInterface.bulkDelete('carts', { expired: true });
    await queryInterface.bulkDelete('labels', []);
  },
  async down() {},
};`,
      errors: [
        // One migration emptying three tables: one finding naming each.
        { messageId: 'deleteAllRows', line: 3, severity: 'error', data: { target: '`notifications`, `audit_events`, `labels`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', data: { target: '`carts`', where: '{ expired: true }' } },
      ],
    },
    {
      name: 'a bulkUpdate whose literal computes from the old value is judged as that SQL (a normalization: info); a literal constant is a constant (error over every row)',
      files: migration([
        "    await queryInterface.bulkUpdate('tags', { label: queryInterface.sequelize.literal('lower(label)') }, {});",
        "    await queryInterface.bulkUpdate('tags', { color: queryInterface.sequelize.literal(\"'grey'\") }, {});",
      ]),
      errors: [
        { messageId: 'normalizeValues', line: 3, severity: 'info' },
        { messageId: 'overwriteAllRows', line: 4, severity: 'error' },
      ],
    },
    {
      name: 'bulkUpdate without where overwrites every row',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkUpdate('users', { role: 'member' }, {});
    await queryInterface.bulkUpdate('users', { locale: 'en' }, { locale: 'fr' });
  },
  async down() {},
};`,
      errors: [
        { messageId: 'overwriteAllRows', line: 3, severity: 'error', data: { columns: '`role`', target: '`users`' } },
        { messageId: 'rewriteSomeRows', line: 4, severity: 'info', data: { columns: '`locale`', where: "{ locale: 'fr' }" } },
      ],
    },
    {
      name: 'raw SQL: a WHERE every row meets (id > 0, 1 = 1, id IS NOT NULL: a safe-update habit) is every row; the columns dropped from the emptied table after it are not a second loss',
      files: `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.sequelize.query('DELETE FROM visitors WHERE id > 0');
    await queryInterface.removeColumn('visitors', 'nickname');
    await queryInterface.sequelize.query('UPDATE players SET banned = false WHERE 1 = 1');
    await queryInterface.sequelize.query('DELETE FROM sessions WHERE "sessions".id IS NOT NULL');
    await queryInterface.sequelize.query('DELETE FROM tokens WHERE id > 100');
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'deleteAllRows', line: 3, severity: 'error', data: { target: '`visitors`' } },
        { messageId: 'tableEmptied', line: 4, severity: 'info' },
        { messageId: 'overwriteAllRows', line: 5, severity: 'error', data: { columns: '`banned`' } },
        { messageId: 'transientTable', line: 6, severity: 'info', data: { target: '`sessions`' } },
        { messageId: 'deleteSomeRows', line: 7, severity: 'warning', data: { target: '`tokens`' } },
      ],
    },
    {
      name: 'MySQL raw SQL read by keywords: WHERE `id` > 0 is every row too, WHERE id > 7 is not',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: `module.exports = {
  up: async (queryInterface) => {
    await queryInterface.sequelize.query('DELETE FROM \\\`visitors\\\` WHERE \\\`id\\\` > 0;');
    await queryInterface.sequelize.query('UPDATE players SET banned = 0 WHERE id >= 1');
    await queryInterface.sequelize.query('DELETE FROM tokens WHERE id > 7');
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'deleteAllRows', line: 3, severity: 'error', data: { target: '`visitors`' } },
        { messageId: 'overwriteAllRows', line: 4, severity: 'error', data: { columns: '`banned`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', data: { target: '`tokens`' } },
      ],
    },
    {
      name: 'raw SQL: DELETE / UPDATE without WHERE (error), a targeted DELETE (warning), a targeted rewrite (info), TRUNCATE, DROP',
      files: `const TABLE = 'events';
module.exports = {
  up: async (queryInterface) => {
    await queryInterface.sequelize.query(\`DELETE FROM \${TABLE}\`);
    await queryInterface.sequelize.query("DELETE FROM invoices WHERE created_at < now() - interval '90 days'");
    await queryInterface.sequelize.query('UPDATE users SET email_verified = false');
    await queryInterface.sequelize.query("UPDATE users SET plan = 'free' WHERE plan = 'trial'");
    await queryInterface.sequelize.query('TRUNCATE TABLE carts RESTART IDENTITY');
    await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN IF EXISTS coupon');
  },
  down: async () => {},
};`,
      errors: [
        { messageId: 'deleteAllRows', line: 4, severity: 'error', data: { target: '`events`' } },
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', data: { target: '`invoices`' } },
        { messageId: 'overwriteAllRows', line: 6, severity: 'error', data: { columns: '`email_verified`' } },
        { messageId: 'rewriteSomeRows', line: 7, severity: 'info', data: { columns: '`plan`' } },
        { messageId: 'truncate', line: 8, severity: 'error', data: { target: '`carts`' } },
        { messageId: 'dropColumn', line: 9, severity: 'error', data: { target: '`orders.coupon`' } },
      ],
    },
    {
      name: 'an update that recomputes every column it sets as an aggregate of another table (COUNT, AVG in COALESCE / ROUND) rebuilds derived values: info; one constant among them, or an aggregate beside another expression, stays an overwrite',
      files: {
        '20240101000000-recount.js': migration([
          sql('UPDATE tutors t SET lesson_count = COALESCE((SELECT COUNT(*) FROM lessons l WHERE l.tutor_id = t.id), 0), score = COALESCE((SELECT ROUND(AVG(l.stars)::numeric, 1) FROM lessons l WHERE l.tutor_id = t.id), 0)'),
        ]),
        '20240102000000-recount-and-reset.js': migration([
          sql("UPDATE tutors t SET lesson_count = (SELECT COUNT(*) FROM lessons l WHERE l.tutor_id = t.id), status = 'active'"),
        ]),
        '20240103000000-plus-bonus.js': migration([
          sql('UPDATE tutors t SET score = (SELECT AVG(l.stars) FROM lessons l WHERE l.tutor_id = t.id) + t.bonus'),
        ]),
      },
      errors: [
        { messageId: 'recomputedAggregates', line: 3, severity: 'info', file: '20240101000000-recount.js', data: { columns: '`lesson_count`, `score`', sources: '`lessons`', functions: '`COUNT`, `AVG`' } },
        { messageId: 'overwriteAllRows', line: 3, severity: 'error', file: '20240102000000-recount-and-reset.js' },
        { messageId: 'overwriteAllRows', line: 3, severity: 'error', file: '20240103000000-plus-bonus.js' },
      ],
    },
    {
      name: 'a column dropped and added again after its rows were read into the migration, then written back per row from what was read: converted (info); without the write back, every row loses its value (error)',
      files: {
        '20240101000000-json-settings.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const rows = await queryInterface.select(null, 'widgets');
    await queryInterface.removeColumn('widgets', 'settings');
    await queryInterface.addColumn('widgets', 'settings', { type: Sequelize.JSONB });
    for (const row of rows) {
      await queryInterface.sequelize.query(\`UPDATE widgets SET settings = '\${row.settings}' WHERE id = \${row.id}\`);
    }
  },
  async down() {},
};`,
        '20240201000000-json-options.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const rows = await queryInterface.select(null, 'gadgets');
    await queryInterface.removeColumn('gadgets', 'options');
    await queryInterface.addColumn('gadgets', 'options', { type: Sequelize.JSONB });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'columnRewrittenBack', line: 4, severity: 'info', file: '20240101000000-json-settings.js', data: { line: '5', read: '3', write: '7' } },
        { messageId: 'columnRecreated', line: 4, severity: 'error', file: '20240201000000-json-options.js' },
      ],
    },
    {
      // Hold-out 84: a copy of another table's column, dropped, added back and filled from its source again.
      name: 'a column dropped, added again and refilled from another table (UPDATE ... FROM / a subquery) is derived data computed again (info); refilled from its own table, or only a conditional update, it stays an error',
      files: {
        '20240101000000-accuracy.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('passes', 'accuracy');
    await queryInterface.addColumn('passes', 'accuracy', { type: Sequelize.DOUBLE, allowNull: true });
    await queryInterface.sequelize.query('UPDATE passes p SET accuracy = j.accuracy FROM judgements j WHERE j.id = p.id');
  },
  async down() {},
};`,
        '20240201000000-score.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('passes', 'score');
    await queryInterface.addColumn('passes', 'score', { type: Sequelize.DOUBLE, allowNull: true });
    await queryInterface.sequelize.query('UPDATE passes SET score = (SELECT max(s.points) FROM scores s WHERE s.pass_id = passes.id)');
  },
  async down() {},
};`,
        '20240301000000-rank.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('passes', 'rank');
    await queryInterface.addColumn('passes', 'rank', { type: Sequelize.INTEGER, allowNull: true });
    await queryInterface.sequelize.query('UPDATE passes SET rank = id');
    if (process.env.BACKFILL) await queryInterface.sequelize.query('UPDATE passes p SET rank = r.rank FROM ranks r WHERE r.id = p.id');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'columnRefilled', line: 3, severity: 'info', file: '20240101000000-accuracy.js', data: { line: '4', fill: '5', sources: '`judgements`' } },
        { messageId: 'columnRefilled', line: 3, severity: 'info', file: '20240201000000-score.js', data: { sources: '`scores`' } },
        { messageId: 'columnRecreated', line: 3, severity: 'error', file: '20240301000000-rank.js' },
      ],
    },
    ...NORMALIZATIONS.map(([name, statement, functions]) => ({
      name: `normalization reported as info: ${name}`,
      files: migration([sql(statement)]),
      errors: [{ messageId: 'normalizeValues', line: 3, severity: 'info' as const, data: { functions } }],
    })),
    ...ORPHAN_DELETES.map(([name, statement, orphans]) => ({
      name: `delete of orphan rows (warning that says so): ${name}`,
      files: migration([sql(statement)]),
      errors: [{ messageId: 'deleteOrphanRows', line: 3, severity: 'warning' as const, data: { orphans } }],
    })),
    {
      name: 'NOT IN over the same table removes duplicates, not orphans',
      files: migration([sql(`DELETE FROM memberships WHERE id NOT IN (SELECT min(id) FROM memberships GROUP BY team_id, user_id)`)]),
      errors: [{ messageId: 'deleteSomeRows', line: 3, severity: 'warning', data: { target: '`memberships`' } }],
    },
    {
      name: 'a lossy update: values failing a pattern set to NULL, down does not restore them',
      files: migration([sql(`UPDATE profiles SET website = NULL WHERE website IS NOT NULL AND website NOT SIMILAR TO 'https?://%'`)]),
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning', data: { columns: '`website`', target: '`profiles`' } }],
    },
    {
      name: 'a placeholder value cleared to NULL where the WHERE names it (the old value is in the migration): a rewrite (info); NULL over any value stays a warning',
      files: migration([sql(`UPDATE sites SET lat = NULL, lng = NULL WHERE lat = 0 AND lng = 0`), sql(`UPDATE sites SET label = NULL WHERE kind = 'probe'`)]),
      errors: [
        { messageId: 'rewriteSomeRows', line: 3, severity: 'info' },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', data: { columns: '`label`' } },
      ],
    },
    {
      name: 'a remap whose down maps to a different value is not reversed: a targeted rewrite (info)',
      files: migration([sql(`UPDATE tickets SET status = 'open' WHERE status = 'new'`)], [sql(`UPDATE tickets SET status = 'pending' WHERE status = 'open'`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info' }],
    },
    {
      name: 'a many-to-one remap (IN list) cannot be reversed: the values are merged (warning)',
      files: migration([sql(`UPDATE tickets SET status = 'closed' WHERE status IN ('done', 'wontfix')`)], [sql(`UPDATE tickets SET status = 'done' WHERE status = 'closed'`)]),
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning' }],
    },
    {
      name: 'an update filling one column and overwriting another names only the overwritten one',
      files: migration([sql(`UPDATE "events" e SET "teamId" = COALESCE(e."teamId", u."teamId"), "actorId" = u.id FROM "users" u WHERE u.id = e."userId"`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`actorId`' } }],
    },
    {
      name: 'a JSON key set with no inverse in down names the key, not the whole document',
      files: migration([sql(`UPDATE events SET meta = jsonb_set(meta, '{internal}', 'true') WHERE kind = 'cron'`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`meta` (key `{internal}`)' } }],
    },
    ...([
      ["process.env.NODE_ENV === 'development'", 'then'],
      ["config.get('env') === 'test'", 'then'],
      ["process.env.NODE_ENV !== 'production'", 'then'],
      ["process.env.NODE_ENV === 'production'", 'else'],
    ] as const).map(([test, branch]) => ({
      name: `a drop only in the branch of \`if (${test})\` a production run never takes: info naming the test; the other branch is judged as ever`,
      files: migration([
        `    if (${test}) {`,
        `      await queryInterface.${branch === 'then' ? "dropTable('game_stats')" : "removeColumn('players', 'nickname')"};`,
        '    } else {',
        `      await queryInterface.${branch === 'then' ? "removeColumn('players', 'nickname')" : "dropTable('game_stats')"};`,
        '    }',
      ]),
      errors: [
        { messageId: 'outsideProduction', line: branch === 'then' ? 4 : 6, severity: 'info' as const, data: { test, target: '`game_stats`' } },
        { messageId: 'dropColumn', line: branch === 'then' ? 6 : 4, severity: 'error' as const },
      ].sort((x, y) => x.line - y.line),
    })),
    {
      name: 'a drop only in the handler of a try that rethrows (cleanup before the migration fails): info naming the try; the same drop in a catch that swallows the error, or after the try, is judged as ever',
      files: migration([
        '    try {',
        "      await queryInterface.addColumn('players', 'rank', { type: Sequelize.INTEGER });",
        "      await queryInterface.addIndex('players', ['rank']);",
        '    } catch (error) {',
        "      await queryInterface.removeColumn('players', 'rank');",
        "      await queryInterface.dropTable('player_ranks');",
        '      throw error;',
        '    }',
        '    try {',
        "      await queryInterface.addIndex('players', ['nickname']);",
        '    } catch (error) {',
        "      await queryInterface.removeColumn('players', 'nickname');",
        '    }',
      ]),
      errors: [
        { messageId: 'compensation', line: 7, severity: 'info', data: { target: '`players.rank`', line: '3' } },
        { messageId: 'compensation', line: 8, severity: 'info', data: { target: '`player_ranks`', line: '3' } },
        { messageId: 'dropColumn', line: 14, severity: 'error' },
      ],
    },
    {
      name: "a test on another environment name (`=== 'staging'`) or on something else (`FEATURE === 'development'`) says nothing of production: an error",
      files: migration([`    if (process.env.NODE_ENV === 'staging') await queryInterface.dropTable('game_stats');`, `    if (process.env.FEATURE === 'development') await queryInterface.dropTable('replays');`]),
      errors: [{ messageId: 'dropTables', line: 3, severity: 'error', data: { target: '`game_stats`, `replays`' } }],
    },
    {
      name: 'row timestamps dropped (createdAt, updated_at): row metadata, info naming what is lost; together one finding; a business column beside them stays an error',
      files: migration([
        `    await queryInterface.removeColumn('user_roles', 'createdAt');`,
        `    await queryInterface.removeColumn('user_roles', 'updatedAt');`,
        `    await queryInterface.addColumn('user_roles', 'assigned_at', { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.fn('now') });`,
        `    await queryInterface.removeColumn('grants', 'updated_at');`,
        `    await queryInterface.removeColumn('grants', 'granted_by');`,
      ]),
      errors: [
        { messageId: 'dropTimestamps', line: 3, severity: 'info', data: { target: '`user_roles.createdAt`, `user_roles.updatedAt`, `grants.updated_at`' } },
        { messageId: 'dropColumn', line: 7, severity: 'error', data: { target: '`grants.granted_by`' } },
      ],
    },
    {
      name: 'row timestamps dropped beside a table of the same removal: one finding, at the table\'s severity',
      files: migration([`    await queryInterface.removeColumn('interests', 'createdAt');`, `    await queryInterface.dropTable('interests_old');`]),
      errors: [{ messageId: 'dropTablesAndColumns', line: 3, severity: 'error', data: { target: '`interests_old`', columns: '`interests.createdAt`' } }],
    },
    {
      name: 'both timestamps dropped by one ALTER TABLE: one finding naming both',
      files: migration([sql(`ALTER TABLE role_grants DROP COLUMN "createdAt", DROP COLUMN "updatedAt"`)]),
      errors: [{ messageId: 'dropTimestamps', line: 3, severity: 'info', data: { target: '`role_grants.createdAt`, `role_grants.updatedAt`' } }],
    },
    {
      name: 'one row timestamp dropped: says which time',
      files: migration([`    await queryInterface.removeColumn('grants', 'created_at');`]),
      errors: [{ messageId: 'dropTimestamp', line: 3, severity: 'info', data: { target: '`grants.created_at`', time: 'created', column: 'created_at' } }],
    },
    {
      name: 'a key read through a subquery by its table-qualified name (`members.team_id`) into another column first: moved (info); a column of the other table by that name is not the row\'s own (error)',
      files: migration([
        `    await queryInterface.addColumn('members', 'team_name', { type: Sequelize.STRING });`,
        sql(`UPDATE members SET team_name = (SELECT title FROM teams WHERE teams.id = members.team_id)`),
        `    await queryInterface.removeColumn('members', 'team_id');`,
        `    await queryInterface.addColumn('badges', 'kind_label', { type: Sequelize.STRING });`,
        sql(`UPDATE badges SET kind_label = (SELECT label FROM kinds WHERE kinds.kind_id = badges.id)`),
        `    await queryInterface.removeColumn('badges', 'kind_id');`,
      ]),
      errors: [
        { messageId: 'movedBefore', line: 5, severity: 'info', data: { effect: 'drops', into: '`team_name`', line: 'line 4' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', data: { target: '`badges.kind_id`' } },
      ],
    },
    {
      name: 'on MySQL, an UPDATE joining another table on the row\u2019s old column under the alias it gives the table (`UPDATE candidates c JOIN stages s ON s.position = (CASE c.stage ...) SET c.stage_id = s.id`): moved (info); a join that reads another table\u2019s column of that name: not moved (error)',
      project: { dialect: { dialects: ['mysql' as const], source: 'config/config.json:3' } },
      files: migration([
        `    await queryInterface.addColumn('candidates', 'stage_id', { type: Sequelize.INTEGER });`,
        sql(`UPDATE candidates c JOIN stages s ON s.process_id = c.process_id AND s.position = (CASE c.stage WHEN 'sourcing' THEN 1 WHEN 'offer' THEN 2 ELSE 1 END) SET c.stage_id = s.id`),
        `    await queryInterface.removeColumn('candidates', 'stage');`,
        `    await queryInterface.addColumn('hires', 'stage_id', { type: Sequelize.INTEGER });`,
        sql(`UPDATE hires h JOIN stages s ON s.process_id = h.process_id AND s.stage = 'offer' SET h.stage_id = s.id`),
        `    await queryInterface.removeColumn('hires', 'stage');`,
      ]),
      errors: [
        { messageId: 'movedBefore', line: 5, severity: 'info', data: { effect: 'drops', into: '`stage_id`', line: 'line 4' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', data: { target: '`hires.stage`' } },
      ],
    },
    {
      name: 'values moved into another column first: the old column dropped, or erased after a copy (info naming where they went)',
      files: migration([
        `    await queryInterface.addColumn('folders', 'permission', { type: Sequelize.STRING });`,
        sql(`UPDATE folders SET permission = CASE WHEN private THEN NULL ELSE 'read_write' END`),
        `    await queryInterface.removeColumn('folders', 'private');`,
        `    await queryInterface.addColumn('translations', 'oldLanguageId', { type: Sequelize.STRING });`,
        sql(`UPDATE translations SET "oldLanguageId" = "languageId"`),
        sql(`UPDATE translations SET "languageId" = NULL WHERE "languageId" IS NOT NULL`),
        `    await queryInterface.removeColumn('folders', 'archived');`,
      ]),
      errors: [
        { messageId: 'movedBefore', line: 5, severity: 'info', data: { effect: 'drops', into: '`permission`', line: 'line 4' } },
        { messageId: 'movedBefore', line: 8, severity: 'info', data: { effect: 'erases', into: '`oldLanguageId`', line: 'line 7' } },
        { messageId: 'dropColumn', line: 9, severity: 'error', data: { target: '`folders.archived`' } },
      ],
    },
    {
      name: 'a column dropped and added back as a generated column is recomputed (info); added back as plain data, or as an identity that numbers the rows anew, it is lost (error)',
      files: migration([
        sql(`ALTER TABLE entries DROP COLUMN search, ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(name, ''))) STORED`),
        sql(`ALTER TABLE entries DROP COLUMN label, ADD COLUMN label text`),
        sql(`ALTER TABLE entries DROP COLUMN position, ADD COLUMN position integer GENERATED ALWAYS AS IDENTITY`),
        sql(`ALTER TABLE entries DROP COLUMN kind, ADD COLUMN kind text NOT NULL DEFAULT 'note'`),
      ]),
      errors: [
        { messageId: 'regenerated', line: 3, severity: 'info', data: { target: '`entries.search`' } },
        { messageId: 'columnRecreated', line: 4, severity: 'error', data: { target: '`entries.label`', line: '4', fill: ', empty' } },
        { messageId: 'columnRecreated', line: 5, severity: 'error', data: { target: '`entries.position`', line: '5', fill: ', numbered anew' } },
        { messageId: 'columnRecreated', line: 6, severity: 'error', data: { target: '`entries.kind`', line: '6', fill: ' with every row set to its default' } },
      ],
    },
    {
      name: 'tables whose name says they are transient: sessions, temporary rows, an old migration tool history, a cache (info)',
      files: migration([
        `    await queryInterface.dropTable('Sessions');`,
        sql(`DROP TABLE "Temp"`),
        sql(`DROP TABLE v3_schema_version`),
        sql(`DROP TABLE user_sessions_backup`),
        sql(`DROP TABLE feedback_summary_cache`),
        sql(`DROP TABLE cached_payments`),
      ]),
      errors: [
        { messageId: 'transientTable', line: 3, severity: 'info', data: { kind: 'login sessions: users sign in again' } },
        { messageId: 'transientTable', line: 4, severity: 'info', data: { kind: 'temporary data' } },
        { messageId: 'transientTable', line: 5, severity: 'info', data: { kind: 'a migration tool’s history' } },
        // Named for what it holds (payments), not a cache table: the drop of rows stays.
        { messageId: 'dropTables', line: 6, severity: 'error', data: { target: '`user_sessions_backup`, `cached_payments`' } },
        { messageId: 'transientTable', line: 7, severity: 'info', data: { kind: 'a cache: rows the application derives again from its data' } },
      ],
    },
    {
      name: 'a table rebuilt under a new name: rows copied, then the old table dropped (info naming the copy)',
      files: migration([
        sql(`ALTER TABLE submissions RENAME TO submissions_old`),
        sql(`CREATE TABLE submissions (id uuid PRIMARY KEY, body text)`),
        sql(`INSERT INTO submissions (id, body) SELECT gen_random_uuid(), body FROM submissions_old`),
        sql(`DROP TABLE submissions_old`),
      ]),
      errors: [{ messageId: 'copiedBefore', line: 6, severity: 'info', data: { target: '`submissions_old`', into: '`submissions`', where: 'line 5' } }],
    },
    {
      name: 'a key translated through the table it names (SET c = (SELECT u.email FROM "Users" u WHERE u."fiscalCode" = o.c)): the old value can be read back there, info; a subquery that picks its row by something else stays an error',
      files: migration([
        sql(`UPDATE "Organizations" o SET "legalRepresentativeEmail" = (SELECT u.email FROM "Users" u WHERE u."fiscalCode" = o."legalRepresentativeEmail")`),
        sql(`UPDATE "Sessions" s SET "userEmail" = (SELECT u.email FROM "Users" u WHERE u.active = true LIMIT 1)`),
      ]),
      errors: [
        { messageId: 'translatedKeys', line: 3, severity: 'info', data: { target: '`Organizations`', through: '`Users`' } },
        { messageId: 'overwriteAllRows', line: 4, severity: 'error' },
      ],
    },
    {
      name: 'a join table folded into a column by an UPDATE whose correlated subquery reads it, in a schema from a variable (`${schema}.t`), then dropped: info naming the copy',
      files: migration([
        "    const schema = process.env.DB_SCHEMA;",
        "    await queryInterface.addColumn({ tableName: 'posts', schema }, 'link_preview_id', { type: Sequelize.UUID, allowNull: true });",
        '    await queryInterface.sequelize.query(`UPDATE ${schema}.posts p SET link_preview_id = (SELECT link_preview_id FROM ${schema}.posts_link_preview plp WHERE plp.post_id = p.id)`);',
        "    await queryInterface.dropTable('posts_link_preview');",
      ]),
      errors: [{ messageId: 'copiedBefore', line: 6, severity: 'info', data: { target: '`posts_link_preview`', into: '`posts`', where: 'line 5' } }],
    },
    {
      name: 'rows moved, then deleted (info); a legacy table copied in full by an earlier migration, then dropped (info); after a partial copy, an error',
      files: {
        '20240101000000-move-staff.js': migration([
          sql(`INSERT INTO staff_grants (user_id, scope) SELECT user_id, 'staff' FROM permissions WHERE name LIKE '%/staff'`),
          sql(`DELETE FROM permissions WHERE name LIKE '%/staff'`),
          sql(`ALTER TABLE users RENAME TO v3_users`),
          sql(`CREATE TABLE users (id bigserial PRIMARY KEY, email text)`),
          sql(`INSERT INTO users (id, email) SELECT id, email FROM v3_users`),
        ]),
        '20240201000000-drop-legacy.js': migration([sql(`DROP TABLE permissions`), sql(`DROP TABLE v3_users`)]),
      },
      errors: [
        { messageId: 'copiedBefore', line: 4, severity: 'info', data: { effect: 'deletes rows of', into: '`staff_grants`', where: 'line 3' } },
        { messageId: 'dropTable', line: 3, severity: 'error', data: { target: '`permissions`' } },
        { messageId: 'copiedBefore', line: 4, severity: 'info', data: { effect: 'drops table', into: '`users`', where: '20240101000000-move-staff.js:7' } },
      ],
    },
    {
      name: 'expand/contract: join tables folded whole into a column by an earlier UPDATE ... FROM, then dropped (info); a folding subquery with a WHERE does not count (error)',
      files: {
        '20240101000000-fold-tags.js': migration([
          "    await queryInterface.addColumn('articles', 'tag_names', { type: Sequelize.ARRAY(Sequelize.STRING), allowNull: false, defaultValue: [] });",
          sql(`UPDATE articles SET tag_names = agg.names FROM (SELECT at.article_id, array_agg(t.label) AS names FROM article_tags at JOIN tags t ON t.id = at.tag_id GROUP BY at.article_id) AS agg WHERE articles.id = agg.article_id`),
          sql(`UPDATE articles SET reviewer = r.reviewer_email FROM article_reviews r WHERE articles.id = r.article_id`),
          sql(`UPDATE articles SET pinned_note = n.body FROM (SELECT article_id, body FROM article_notes WHERE pinned) AS n WHERE articles.id = n.article_id`),
        ]),
        '20240201000000-drop-old-tables.js': migration([
          "    await queryInterface.dropTable('article_tags');",
          "    await queryInterface.dropTable('article_reviews');",
          "    await queryInterface.dropTable('article_notes');",
        ]),
      },
      errors: [
        { messageId: 'rewriteSomeRows', line: 5, severity: 'info' },
        { messageId: 'rewriteSomeRows', line: 6, severity: 'info' },
        {
          messageId: 'copiedBeforeMany',
          line: 3,
          severity: 'info',
          data: { target: '`article_tags`, `article_reviews`', copies: '`article_tags` into `articles`, 20240101000000-fold-tags.js:4; `article_reviews` into `articles`, 20240101000000-fold-tags.js:5' },
        },
        { messageId: 'dropTable', line: 5, severity: 'error', data: { target: '`article_notes`' } },
      ],
    },
    {
      name: 'a type change through a temporary column (values copied into it, old column dropped, the temporary one renamed into its place), then a later drop of that name: the values are in the column dropped, not kept anywhere (error)',
      files: {
        '20240101000000-create.js': migration([
          "    await queryInterface.createTable('reports', { id: { type: Sequelize.INTEGER, primaryKey: true }, documentId: Sequelize.INTEGER });",
        ]),
        '20240921100103-document-ids-to-array.js': migration([
          "    await queryInterface.addColumn('reports', 'documentId_temp', { type: Sequelize.ARRAY(Sequelize.INTEGER) });",
          sql('UPDATE "reports" SET "documentId_temp" = ARRAY["documentId"] WHERE "documentId" IS NOT NULL'),
          "    await queryInterface.removeColumn('reports', 'documentId');",
          "    await queryInterface.renameColumn('reports', 'documentId_temp', 'documentId');",
        ]),
        '20241006182240-remove-document-ids.js': migration(["    await queryInterface.removeColumn('reports', 'documentId');"]),
      },
      errors: [
        { messageId: 'movedBefore', line: 5, severity: 'info', file: '20240921100103-document-ids-to-array.js' },
        { messageId: 'dropColumn', line: 3, severity: 'error', file: '20241006182240-remove-document-ids.js', data: { target: '`reports.documentId`' } },
      ],
    },
    {
      name: 'expand/contract: a column copied into its replacement by an earlier migration (every row), then dropped (info); a partial copy does not count',
      files: {
        '20240101000000-add-icon.js': migration([
          `    await queryInterface.addColumn('documents', 'icon', { type: Sequelize.STRING });`,
          sql(`UPDATE documents SET icon = emoji`),
          sql(`UPDATE documents SET subtitle = summary WHERE kind = 'page'`),
        ]),
        '20240301000000-remove-emoji.js': migration([
          `    await queryInterface.removeColumn('documents', 'emoji');`,
          `    await queryInterface.removeColumn('documents', 'summary');`,
        ]),
      },
      errors: [
        { messageId: 'rewriteSomeRows', line: 5, severity: 'info' },
        { messageId: 'movedBefore', line: 3, severity: 'info', data: { into: '`icon`', line: '20240101000000-add-icon.js:4', when: 'an earlier migration' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', data: { target: '`documents.summary`' } },
      ],
    },
    {
      // Hold-out 87: image URLs moved into their own table (only the rows that had one), the old column dropped later.
      name: 'expand/contract into a new table: an earlier INSERT ... SELECT of the column WHERE it IS NOT NULL copied every value (info); a copy filtered on another column does not count',
      files: {
        '20220901000000-create.js': migration([
          "    await queryInterface.createTable('KillReports', { id: { type: Sequelize.INTEGER, primaryKey: true }, hash: Sequelize.STRING, sourceImage: Sequelize.STRING, note: Sequelize.STRING, kind: Sequelize.STRING });",
        ]),
        '20220929163029-create-source-images.js': migration([
          "    await queryInterface.createTable('SourceImages', { id: { type: Sequelize.STRING, primaryKey: true }, hash: Sequelize.STRING, url: Sequelize.STRING, note: Sequelize.STRING });",
          sql('INSERT INTO "SourceImages" (id, hash, url) SELECT gen_random_uuid(), hash, "sourceImage" FROM "KillReports" WHERE "sourceImage" IS NOT NULL'),
          sql(`INSERT INTO "SourceImages" (id, note) SELECT gen_random_uuid(), note FROM "KillReports" WHERE kind = 'x'`),
        ]),
        '20221010034548-drop-source-image.js': migration([
          "    await queryInterface.removeColumn('KillReports', 'sourceImage');",
          "    await queryInterface.removeColumn('KillReports', 'note');",
        ]),
      },
      errors: [
        { messageId: 'movedBefore', line: 3, severity: 'info', data: { into: '`SourceImages`', line: '20220929163029-create-source-images.js:4' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', data: { target: '`KillReports.note`' } },
      ],
    },
    {
      name: 'a foreign key moved to a join table by an earlier migration (rows read into JavaScript, then inserted row by row under the column\'s own name), then dropped: info naming the table; a column the insert does not name stays an error',
      files: {
        '20200101000000-create.js': migration([
          "    await queryInterface.createTable('Goals', { id: { type: Sequelize.INTEGER, primaryKey: true }, teamId: Sequelize.INTEGER, ownerId: Sequelize.INTEGER });",
        ]),
        '20230105101045-create-goal-teams.js': migration([
          "    await queryInterface.createTable('GoalTeams', { id: { type: Sequelize.INTEGER, primaryKey: true }, GoalId: Sequelize.INTEGER, teamId: Sequelize.INTEGER });",
          '    const [goals] = await queryInterface.sequelize.query(\'SELECT * FROM "Goals"\');',
          '    for (const goal of goals) { if (!goal.teamId) continue; await queryInterface.sequelize.query(`INSERT INTO "GoalTeams" ("GoalId", "teamId") VALUES (${goal.id}, ${goal.teamId})`); }',
        ]),
        '20230105101642-drop-goal-columns.js': migration([
          "    await queryInterface.removeColumn('Goals', 'teamId');",
          "    await queryInterface.removeColumn('Goals', 'ownerId');",
        ]),
      },
      errors: [
        { messageId: 'movedBefore', line: 3, severity: 'info', file: '20230105101642-drop-goal-columns.js', data: { into: '`GoalTeams`', line: '20230105101045-create-goal-teams.js:5', when: 'an earlier migration' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20230105101642-drop-goal-columns.js', data: { target: '`Goals.ownerId`' } },
      ],
    },
    {
      name: 'a column whose down adds it back and fills every row from other columns of the row (SET "login" = lower("email")): derived, info; a down that fills it with a constant, or only some rows, says nothing of the kind (error)',
      files: {
        '20200101000000-create.js': migration([
          "    await queryInterface.createTable('Inspectors', { id: { type: Sequelize.INTEGER, primaryKey: true }, email: Sequelize.STRING, login: Sequelize.STRING, badge: Sequelize.STRING, region: Sequelize.STRING });",
        ]),
        '20210503132000-drop-login.js': migration(
          ["    await queryInterface.removeColumn('Inspectors', 'login');"],
          ["    await queryInterface.addColumn('Inspectors', 'login', { type: Sequelize.STRING });", sql('UPDATE "Inspectors" SET "login" = lower("email");')],
        ),
        // A table no migration creates (its columns unknown): the names the value reads count as its columns.
        '20210504000000-drop-handle.js': migration(
          ["    await queryInterface.removeColumn('Agents', 'handle');"],
          ["    await queryInterface.addColumn('Agents', 'handle', { type: Sequelize.STRING });", sql('UPDATE "Agents" SET "handle" = "email"::text;')],
        ),
        '20210601000000-drop-badge.js': migration(
          ["    await queryInterface.removeColumn('Inspectors', 'badge');", "    await queryInterface.removeColumn('Inspectors', 'region');"],
          [
            "    await queryInterface.addColumn('Inspectors', 'badge', { type: Sequelize.STRING });",
            sql(`UPDATE "Inspectors" SET "badge" = 'none'`),
            "    await queryInterface.addColumn('Inspectors', 'region', { type: Sequelize.STRING });",
            sql(`UPDATE "Inspectors" SET "region" = "email" WHERE "id" < 10`),
          ],
        ),
      },
      errors: [
        { messageId: 'derivedInDown', line: 3, severity: 'info', file: '20210503132000-drop-login.js', data: { from: '`email`', line: '7' } },
        { messageId: 'derivedInDown', line: 3, severity: 'info', file: '20210504000000-drop-handle.js', data: { from: '`email`' } },
        // The two drops of one migration, said in one finding.
        { messageId: 'dropColumns', line: 3, severity: 'error', file: '20210601000000-drop-badge.js' },
      ],
    },
    {
      name: 'a column whose down adds it back and writes it row by row from the rows of another table it reads (a copy dropped as redundant): info naming that table; a down writing a constant in that loop says nothing of the kind (error)',
      files: {
        '20200101000000-create.js': migration([
          "    await queryInterface.createTable('bookings', { id: { type: Sequelize.INTEGER, primaryKey: true }, ends_at: Sequelize.DATE });",
          "    await queryInterface.createTable('repeats', { id: { type: Sequelize.INTEGER, primaryKey: true }, booking_id: Sequelize.INTEGER, last_day: Sequelize.DATEONLY, label: Sequelize.STRING });",
        ]),
        '20210101000000-add-note.js': migration(["    await queryInterface.addColumn('bookings', 'note', { type: Sequelize.TEXT });"]),
        '20221001000000-drop-last-day.js': migration(
          ["    await queryInterface.removeColumn('repeats', 'last_day');"],
          [
            "    await queryInterface.addColumn('repeats', 'last_day', { type: Sequelize.DATEONLY });",
            "    const rows = await queryInterface.sequelize.query('SELECT b.id AS \"bookingId\", b.ends_at AS \"endsAt\" FROM bookings b JOIN repeats r ON r.booking_id = b.id', { type: Sequelize.QueryTypes.SELECT });",
            "    for (const row of rows) await queryInterface.bulkUpdate('repeats', { last_day: row.endsAt }, { booking_id: row.bookingId });",
          ],
        ),
        '20221101000000-drop-label.js': migration(
          ["    await queryInterface.removeColumn('repeats', 'label');"],
          [
            "    await queryInterface.addColumn('repeats', 'label', { type: Sequelize.STRING });",
            "    const rows = await queryInterface.sequelize.query('SELECT b.id AS \"bookingId\" FROM bookings b', { type: Sequelize.QueryTypes.SELECT });",
            "    for (const row of rows) await queryInterface.bulkUpdate('repeats', { label: 'weekly' }, { booking_id: row.bookingId });",
          ],
        ),
      },
      errors: [
        { messageId: 'refilledInDown', line: 3, severity: 'info', file: '20221001000000-drop-last-day.js', data: { target: '`repeats.last_day`', sources: '`bookings`', read: '7', line: '8' } },
        { messageId: 'dropColumn', line: 3, severity: 'error', file: '20221101000000-drop-label.js' },
      ],
    },
    {
      name: 'a reference cleared in rows a query picked, which down points back again from what the database holds (a SELECT, row by row): derived (info), the rows named in words, not by an internal label; cleared with no such down, a warning',
      files: {
        '20200101000000-create.js': migration(["    await queryInterface.createTable('stages', { id: { type: Sequelize.INTEGER, primaryKey: true }, flowId: Sequelize.INTEGER, kind: Sequelize.INTEGER, sourceStage: Sequelize.INTEGER, note: Sequelize.STRING });"]),
        '20210101000000-add-label.js': migration(["    await queryInterface.addColumn('stages', 'label', { type: Sequelize.STRING });"]),
        '20251115000000-detach.js': migration(
          [
            "    const [stages] = await queryInterface.sequelize.query('SELECT id FROM stages WHERE kind = 2 AND \"sourceStage\" IS NOT NULL');",
            "    for (const stage of stages) await queryInterface.bulkUpdate('stages', { sourceStage: null }, { id: stage.id });",
          ],
          [
            "    const [firsts] = await queryInterface.sequelize.query('SELECT DISTINCT ON (\"flowId\") id, \"flowId\" FROM stages WHERE kind = 1 ORDER BY \"flowId\", id');",
            "    for (const first of firsts) await queryInterface.bulkUpdate('stages', { sourceStage: first.id }, { flowId: first.flowId, kind: 2 });",
          ],
        ),
        '20251116000000-clear-notes.js': migration([
          "    const [stages] = await queryInterface.sequelize.query('SELECT id FROM stages WHERE kind = 3');",
          "    for (const stage of stages) await queryInterface.bulkUpdate('stages', { note: null }, { id: stage.id });",
        ]),
      },
      errors: [
        { messageId: 'recomputedInDown', line: 4, severity: 'info', file: '20251115000000-detach.js', data: { columns: '`sourceStage`', where: '{ id: what a SELECT of `stages` returned }', line: '8' } },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', file: '20251116000000-clear-notes.js', data: { where: '{ id: what a SELECT of `stages` returned }' } },
      ],
    },
    {
      name: 'one table emptied in each arm of a dialect branch (TRUNCATE on PostgreSQL, DELETE FROM elsewhere): one arm runs, one finding, at the first; another table in the other arm stays its own',
      files: {
        '20200101000000-create.js': migration([
          "    await queryInterface.createTable('hub_messages', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });",
          "    await queryInterface.createTable('hub_channels', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.TEXT });",
        ]),
        '20230101000000-add-topic.js': migration([
          "    await queryInterface.addColumn('hub_messages', 'topic', { type: Sequelize.STRING });",
          "    await queryInterface.addColumn('hub_channels', 'topic', { type: Sequelize.STRING });",
        ]),
        '20251111000001-flush.js': migration([
          "    if (queryInterface.sequelize.getDialect() === 'postgres') {",
          sql('TRUNCATE TABLE hub_messages'),
          '    } else {',
          sql('DELETE FROM hub_messages'),
          sql('DELETE FROM hub_channels'),
          '    }',
        ]),
      },
      errors: [
        { messageId: 'truncate', line: 4, file: '20251111000001-flush.js', data: { target: '`hub_messages`' } },
        { messageId: 'deleteAllRows', line: 7, file: '20251111000001-flush.js', data: { target: '`hub_channels`' } },
      ],
    },
    {
      name: 'expand/contract on MySQL: the same copy written for MySQL (unquoted names, read by the keyword reader) counts too',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:4' } },
      files: {
        '20220901000000-create.js': migration([
          "    await queryInterface.createTable('KillReports', { id: { type: Sequelize.INTEGER, primaryKey: true }, hash: Sequelize.STRING, sourceImage: Sequelize.STRING });",
        ]),
        '20220929163029-create-source-images.js': migration([
          "    await queryInterface.createTable('SourceImages', { id: { type: Sequelize.STRING, primaryKey: true }, hash: Sequelize.STRING, url: Sequelize.STRING });",
          sql('insert into SourceImages(id, hash, url) select uuid(), hash, sourceImage from KillReports where sourceImage is not null'),
        ]),
        '20221010034548-drop-source-image.js': migration(["    await queryInterface.removeColumn('KillReports', 'sourceImage');"]),
      },
      errors: [{ messageId: 'movedBefore', line: 3, severity: 'info', data: { into: '`SourceImages`' } }],
    },
    {
      name: 'expand/contract into another table: a column copied row by row into the table paired with it (UPDATE ... FROM, WHERE pairing the rows only), then dropped, is info; a copy that also filters rows does not count',
      files: {
        '20240101000000-copy.js': migration([
          `    await queryInterface.addColumn('sales', 'comment', { type: Sequelize.TEXT });`,
          sql(`UPDATE sales s SET comment = v."salesComment" FROM vehicles v WHERE v.id = s."vehicleId"`),
          sql(`UPDATE sales s SET list_id = v.list_id FROM vehicles v WHERE v.id = s."vehicleId" AND v.sold = true`),
        ]),
        '20240201000000-drop.js': migration([
          `    await queryInterface.removeColumn('vehicles', 'salesComment');`,
          `    await queryInterface.removeColumn('vehicles', 'list_id');`,
        ]),
      },
      errors: [
        { messageId: 'rewriteSomeRows', line: 5, severity: 'info', file: '20240101000000-copy.js' },
        { messageId: 'movedBefore', line: 3, severity: 'info', file: '20240201000000-drop.js', data: { into: '`sales.comment`', line: '20240101000000-copy.js:4', when: 'an earlier migration' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20240201000000-drop.js', data: { target: '`vehicles.list_id`' } },
      ],
    },
    {
      name: 'on MySQL, a column read into a new one by an UPDATE that names it bare and in camelCase (`CASE WHEN isActive = true ...`, MySQL matches column names in any case), then dropped: a conversion (info)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:7' } },
      files: {
        '20260731010000-tournament-status.js': migration([
          `    await queryInterface.addColumn('Tournament', 'status', { type: Sequelize.ENUM('active', 'inactive', 'closed'), allowNull: true });`,
          sql(`UPDATE Tournament SET status = CASE WHEN isActive = true THEN 'active' ELSE 'inactive' END`),
          `    await queryInterface.removeColumn('Tournament', 'isActive');`,
        ]),
      },
      errors: [{ messageId: 'movedBefore', line: 5, severity: 'info', data: { into: '`status`', line: 'line 4' } }],
    },
    {
      name: 'the same move in one migration, through a joined table and leaving out the rows whose value is NULL (`AND e.x IS NOT NULL`: nothing to copy there), then the drop: info; a filter on another column of the source still counts as partial',
      files: {
        '20251129083745-move-party-size.js': migration([
          `    await queryInterface.addColumn('Receipts', 'partySize', { type: Sequelize.INTEGER, allowNull: true, defaultValue: 1 });`,
          sql(`UPDATE "Receipts" r SET "partySize" = e."partySize" FROM "Experiences" e JOIN "Visits" v ON e."visitId" = v.id WHERE r."visitId" = v.id AND e."partySize" IS NOT NULL`),
          `    await queryInterface.removeColumn('Experiences', 'partySize');`,
          `    await queryInterface.addColumn('Receipts', 'tip', { type: Sequelize.INTEGER, allowNull: true });`,
          sql(`UPDATE "Receipts" r SET tip = e.tip FROM "Experiences" e WHERE r."visitId" = e."visitId" AND e."rating" IS NOT NULL`),
          `    await queryInterface.removeColumn('Experiences', 'tip');`,
        ]),
      },
      errors: [
        { messageId: 'movedBefore', line: 5, severity: 'info', data: { into: '`Receipts.partySize`', line: 'line 4', when: 'this migration just' } },
        { messageId: 'dropColumn', line: 8, severity: 'error', data: { target: '`Experiences.tip`' } },
      ],
    },
    {
      name: 'a column an earlier migration copied into another table for every row (INSERT ... SELECT naming it, or SELECT *), then dropped, is info naming the copy; not when the copy was partial or its table was dropped since',
      files: {
        '20240101000000-copy.js': migration([
          sql(`INSERT INTO guest_registrations (sale_id, amount) SELECT id, guests FROM sales`),
          sql(`INSERT INTO projects_old SELECT * FROM projects`),
          sql(`INSERT INTO orders_archive SELECT * FROM orders`),
          sql(`INSERT INTO notes (body) SELECT note FROM tickets WHERE kind = 'bug'`),
        ]),
        '20240102000000-drop-archive.js': migration(["    await queryInterface.dropTable('orders_archive');"]),
        '20240201000000-contract.js': migration([
          "    await queryInterface.removeColumn('sales', 'guests');",
          "    await queryInterface.removeColumn('projects', 'area');",
          "    await queryInterface.removeColumn('orders', 'comment');",
          "    await queryInterface.removeColumn('tickets', 'note');",
        ]),
      },
      errors: [
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240102000000-drop-archive.js' },
        { messageId: 'movedBefore', line: 3, severity: 'info', file: '20240201000000-contract.js', data: { into: '`guest_registrations`', line: '20240101000000-copy.js:3', when: 'an earlier migration' } },
        { messageId: 'movedBefore', line: 4, severity: 'info', file: '20240201000000-contract.js', data: { into: '`projects_old`', line: '20240101000000-copy.js:4' } },
        { messageId: 'dropColumns', line: 5, severity: 'error', file: '20240201000000-contract.js', data: { target: '`orders.comment`, `tickets.note`' } },
      ],
    },
    {
      name: 'the same on MySQL, read by keywords: UPDATE ... JOIN ... SET copies the column into the joined table (info)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: {
        'config/config.json': JSON.stringify({ production: { dialect: 'mysql', host: '127.0.0.1', database: 'shop', username: 'shop', password: null } }),
        '20240101000000-copy.js': migration([sql(`UPDATE sales S INNER JOIN vehicles V ON V.id = S.vehicleId SET S.comment = V.salesComment`)]),
        '20240201000000-drop.js': migration([`    await queryInterface.removeColumn('vehicles', 'salesComment');`]),
      },
      errors: [
        // The copy itself overwrites what the paired rows held: a rewrite from other data (info).
        { messageId: 'rewriteSomeRows', line: 3, severity: 'info', file: '20240101000000-copy.js' },
        { messageId: 'movedBefore', line: 3, severity: 'info', file: '20240201000000-drop.js', data: { into: '`sales.comment`', when: 'an earlier migration' } },
      ],
    },
    {
      name: 'clearing a value only where it equals another column erases a copy (info); selecting rows by the column before dropping it moves it (info)',
      files: migration([
        sql(`UPDATE "Users" SET "emailWaitingForValidation" = NULL WHERE "emailWaitingForValidation" = "email"`),
        `    await queryInterface.addColumn('surveys', 'feedback_scheme_id', { type: Sequelize.INTEGER });`,
        sql(`UPDATE surveys SET feedback_scheme_id = 1 WHERE feedback_enabled = true`),
        `    await queryInterface.removeColumn('surveys', 'feedback_enabled');`,
      ]),
      errors: [
        { messageId: 'erasesCopy', line: 3, severity: 'info', data: { columns: '`emailWaitingForValidation`' } },
        { messageId: 'movedBefore', line: 6, severity: 'info', data: { into: '`feedback_scheme_id`' } },
      ],
    },
    {
      name: 'a CASE whose every branch sets the same JSON key of the column (ELSE too): one key written in every row, the rest kept (info)',
      files: migration([
        sql(`UPDATE members SET kyc = CASE WHEN kyc->>'sent' = 'true' AND kyc->>'checked' = 'false' THEN jsonb_set(kyc, '{level}', '1') WHEN kyc->>'checked' = 'true' THEN jsonb_set(kyc, '{level}', '2') ELSE jsonb_set(kyc, '{level}', '0') END`),
      ]),
      errors: [{ messageId: 'rewriteJsonKeys', line: 3, severity: 'info', data: { columns: '`kyc` (key `{level}`)' } }],
    },
    {
      name: 'one JSON key set in every row, the rest of each document kept: info',
      files: migration([sql(`UPDATE "Subscriptions" SET plan = jsonb_set(plan, '{pricing,tips}', 'true')`)]),
      errors: [{ messageId: 'rewriteJsonKeys', line: 3, severity: 'info', data: { columns: '`plan` (key `{pricing,tips}`)' } }],
    },
    {
      name: 'clearing a soft-delete mark restores rows: a targeted rewrite (info), not an erasure',
      files: migration([sql(`UPDATE "ConnectedAccounts" SET "deletedAt" = NULL WHERE service = 'twitter' AND "deletedAt" > '2023-07-01'`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`deletedAt`' } }],
    },
    {
      name: 'a targeted erasure: a builder update to NULL',
      files: migration([`    await queryInterface.bulkUpdate('users', { phone: null }, { verified: false });`]),
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning', data: { columns: '`phone`' } }],
    },
    {
      name: 'JSON keys removed, the rest of each document kept (a retired setting, a cached copy): info, in some rows or in all',
      files: migration([
        sql(`UPDATE accounts SET settings = settings #- '{legacyTheme}' WHERE kind = 'org'`),
        sql(`UPDATE "Documents" SET meta = meta - 'importedFrom'`),
        sql(`UPDATE "Documents" SET meta = meta - 'draft', body = NULL WHERE id < 10`),
        sql(`UPDATE profiles SET prefs = prefs #- '{theme}' #- '{popups}' #- '{compact}'`),
        sql(`UPDATE profiles SET flags = flags - 'beta' - 'legacy'`),
      ]),
      errors: [
        { messageId: 'removeJsonKeys', line: 3, severity: 'info', data: { columns: '`settings` (key `{legacyTheme}`)', rows: 'in the rows matching its WHERE clause' } },
        { messageId: 'removeJsonKeys', line: 4, severity: 'info', data: { columns: '`meta` (key `{importedFrom}`)', rows: 'in every row' } },
        // A value erased beside the key: the erasure decides.
        { messageId: 'overwriteSomeRows', line: 5, severity: 'warning', data: { columns: '`meta` (key `{draft}`), `body`' } },
        { messageId: 'removeJsonKeys', line: 6, severity: 'info', data: { columns: '`prefs` (keys `{theme}, {popups}, {compact}`)', rows: 'in every row' } },
        { messageId: 'removeJsonKeys', line: 7, severity: 'info', data: { columns: '`flags` (keys `{beta}, {legacy}`)' } },
      ],
    },
    {
      name: 'a column added two migrations and a month earlier may hold data written since',
      files: {
        '20231201000000-add-projects-folder.js': migration(["    await queryInterface.addColumn('projects', 'folderId', { type: Sequelize.INTEGER });"]),
        '20240101000001-add-index.js': migration(["    await queryInterface.addIndex('projects', ['ownerId']);"]),
        '20240101000002-fill-projects-folder.js': migration([sql(`UPDATE "projects" SET "folderId" = 7 WHERE "ownerId" = 3`)]),
      },
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`folderId`' } }],
    },
    {
      name: 'a loop unrolled over several tables is one finding at its call site, listing the tables',
      files: `const TABLES = ['invoices', 'receipts', 'refunds'];
module.exports = {
  async up(queryInterface) {
    for (const table of TABLES) {
      await queryInterface.sequelize.query(\`UPDATE "\${table}" SET "currency" = 'EUR' WHERE "currency" = 'DEM'\`);
    }
  },
  async down() {},
};`,
      errors: [{ messageId: 'rewriteSomeRows', line: 5, severity: 'info', data: { target: '`invoices`, `receipts`, `refunds`', columns: '`currency`' } }],
    },
    {
      name: 'columns dropped from tables found at runtime: one finding, the columns named once with the call that computes the tables, in the plural',
      files: `const RETIRED = ['pushed_at', 'pulled_at', 'push_pending'];
async function tablesWith(sequelize, column) {
  const [rows] = await sequelize.query(\`SELECT table_name FROM information_schema.columns WHERE column_name = '\${column}'\`);
  return rows.map((r) => r.table_name);
}
module.exports = {
  async up(queryInterface) {
    for (const column of RETIRED) {
      for (const table of await tablesWith(queryInterface.sequelize, column)) {
        await queryInterface.removeColumn(table, column);
      }
    }
  },
  async down() {},
};`,
      errors: [
        {
          messageId: 'dropColumns',
          line: 10,
          severity: 'error',
          data: { target: 'columns `pushed_at`, `pulled_at`, `push_pending` of tables migralint cannot resolve (`queryInterface.removeColumn` gets a computed name)' },
        },
      ],
    },
    {
      name: 'one column dropped by a loop over known tables, beside another drop of the migration: one finding naming them all',
      files: `const TABLES = ['invoices', 'receipts'];
module.exports = {
  async up(queryInterface) {
    for (const table of TABLES) {
      await queryInterface.removeColumn(table, 'legacy_code');
    }
    await queryInterface.removeColumn('refunds', 'legacy_code');
  },
  async down() {},
};`,
      errors: [{ messageId: 'dropColumns', line: 5, severity: 'error', data: { target: '`invoices.legacy_code`, `receipts.legacy_code`, `refunds.legacy_code`' } }],
    },
    {
      name: 'several statements of one query on one table are one finding',
      files: migration([sql(`UPDATE carts SET total = 0 WHERE total < 0; UPDATE carts SET total = 9999 WHERE total > 9999`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { target: '`carts`' } }],
    },
    {
      name: 'a table created in an EARLIER migration is existing data',
      files: {
        '001-create-drafts.js': `module.exports = { async up(qi, S) { await qi.createTable('drafts', { id: { type: S.INTEGER }, body: S.TEXT }); }, async down() {} };`,
        '002-add-title.js': `module.exports = { async up(qi, S) { await qi.addColumn('pages', 'title', { type: S.STRING }); }, async down() {} };`,
        '003-drop-drafts.js': `module.exports = { async up(qi) { await qi.dropTable('drafts'); }, async down() {} };`,
      },
      errors: [{ messageId: 'dropTable', line: 1, data: { target: '`drafts`' } }],
    },
    {
      name: 'dropAllTables and DROP SCHEMA',
      files: `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('DROP SCHEMA IF EXISTS staging CASCADE');
    await queryInterface.dropAllTables();
  },
  async down() {},
};`,
      errors: [
        { messageId: 'dropSchema', line: 3, data: { name: 'staging' } },
        { messageId: 'dropEverything', line: 4 },
      ],
    },
    {
      name: 'a CASE whose ELSE keeps the column changes only the rows it names, even with no WHERE (info)',
      files: migration([sql(`UPDATE plans SET discount = CASE WHEN code = 'gold' THEN 20 WHEN code = 'silver' THEN 10 ELSE discount END`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`discount`', where: 'the WHEN tests of its CASE' } }],
    },
    {
      name: 'a CASE whose ELSE keeps the column but whose THEN erases: a targeted erasure (warning)',
      files: migration([sql(`UPDATE plans SET discount = CASE WHEN code = 'legacy' THEN NULL ELSE discount END`)]),
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning', data: { columns: '`discount`' } }],
    },
    {
      name: 'a CASE with no ELSE sets every other row to NULL: every row (error)',
      files: migration([sql(`UPDATE plans SET discount = CASE WHEN code = 'gold' THEN 20 END`)]),
      errors: [{ messageId: 'overwriteAllRows', line: 3, severity: 'error' }],
    },
    {
      name: 'an update of every row on a table migralint cannot name, writing only a column this migration just added (a model built in the migration): a backfill, nothing lost; writing another column: an error',
      files: migration([
        "    await queryInterface.addColumn('collections', 'sortIndex', { type: Sequelize.INTEGER });",
        "    const table = require('../lib/names').collections;",
        "    await queryInterface.bulkUpdate(table, { sortIndex: 1 }, {});",
        "    await queryInterface.bulkUpdate(table, { title: 'x' }, {});",
      ]),
      errors: [{ messageId: 'overwriteAllRows', line: 6, severity: 'error' }],
    },
    {
      name: 'a column dropped from a table the previous migration emptied (nothing written since): it holds nothing (info); refilled in between, the drop is an error',
      files: {
        '20201201000000-create.js': migration(["    await queryInterface.createTable('bookmarks', { id: { type: Sequelize.INTEGER, primaryKey: true }, active: Sequelize.BOOLEAN });", "    await queryInterface.createTable('alerts', { id: { type: Sequelize.INTEGER, primaryKey: true }, muted: Sequelize.BOOLEAN });"]),
        '20201205000000-other.js': migration(["    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });"]),
        '20201211153742-truncate.js': migration(["    await queryInterface.bulkDelete('bookmarks', null, {});", "    await queryInterface.bulkDelete('alerts', null, {});", "    await queryInterface.bulkInsert('alerts', [{ muted: false }]);"]),
        '20201211153745-drop-flags.js': migration(["    await queryInterface.removeColumn('bookmarks', 'active');", "    await queryInterface.removeColumn('alerts', 'muted');"]),
      },
      errors: [
        { messageId: 'deleteAllRows', line: 3, severity: 'error', file: '20201211153742-truncate.js' },
        { messageId: 'tableEmptied', line: 3, severity: 'info', file: '20201211153745-drop-flags.js', data: { where: '`20201211153742-truncate.js`:3' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20201211153745-drop-flags.js' },
      ],
    },
    {
      name: 'rows one migration deletes from several tables (a feature cleaned up table by table) are one finding at the first, naming each table',
      files: migration([
        `    await queryInterface.sequelize.query(\`DELETE FROM "permissions" WHERE topic = 'event'\`);`,
        "    for (const id of ['a', 'b']) {",
        `      await queryInterface.sequelize.query(\`DELETE FROM "runs" WHERE "creatorId" = '\${id}'\`);`,
        `      await queryInterface.sequelize.query(\`DELETE FROM "options" WHERE "ownerId" = '\${id}'\`);`,
        '    }',
      ]),
      errors: [{ messageId: 'deleteSomeRowsMany', line: 3, severity: 'warning', data: { target: '`permissions`, `runs`, `options`' } }],
    },
    {
      name: 'the tables one migration empties are one finding at the first, naming each',
      files: migration([
        "    await queryInterface.sequelize.query('TRUNCATE \"Retips\"');",
        "    await queryInterface.sequelize.query('TRUNCATE \"Tips\"');",
        "    await queryInterface.bulkDelete('Notifications', null, {});",
        "    await queryInterface.bulkDelete('Claims', null, {});",
      ]),
      errors: [
        { messageId: 'truncate', line: 3, severity: 'error', data: { target: '`Retips`, `Tips`' } },
        { messageId: 'deleteAllRows', line: 5, severity: 'error', data: { target: '`Notifications`, `Claims`' } },
      ],
    },
    {
      name: 'the drops of one migration are one finding at the first, naming every target: its tables and its columns together',
      files: migration([
        "    await queryInterface.removeColumn('accounts', 'legacy_plan');",
        "    await queryInterface.removeColumn('accounts', 'legacy_quota');",
        "    await queryInterface.dropTable('old_invoices');",
        "    await queryInterface.dropTable('old_receipts');",
      ]),
      errors: [
        {
          messageId: 'dropTablesAndColumns',
          line: 3,
          severity: 'error',
          data: { tables: 'tables `old_invoices`, `old_receipts`', columns: '`accounts.legacy_plan`, `accounts.legacy_quota`', lines: '3, 5' },
        },
      ],
    },
    {
      name: 'a table copied in full, renamed to a legacy name, and dropped by a later migration (info naming the copy)',
      files: {
        '20240101000000-new-templates.js': migration([
          "    await queryInterface.createTable('mail_templates', { id: { type: Sequelize.INTEGER }, body: { type: Sequelize.TEXT } });",
          sql(`INSERT INTO mail_templates (id, body) SELECT id, body FROM templates`),
          "    await queryInterface.renameTable('templates', 'deprecated_templates');",
        ]),
        '20240301000000-drop-deprecated.js': migration(["    await queryInterface.dropTable('deprecated_templates');"]),
      },
      errors: [{ messageId: 'copiedBefore', line: 3, severity: 'info', data: { into: '`mail_templates`' } }],
    },
    {
      name: 'purging soft-deleted rows (info), then dropping the emptied soft-delete column in the next migration (info)',
      files: {
        '20240101000000-purge-memberships.js': migration([sql(`DELETE FROM memberships WHERE "deletedAt" IS NOT NULL`)]),
        '20240102000000-memberships-not-paranoid.js': migration(["    await queryInterface.removeColumn('memberships', 'deletedAt');"]),
      },
      errors: [
        { messageId: 'purgeSoftDeleted', line: 3, severity: 'info', data: { column: 'deletedAt' } },
        { messageId: 'holdsNothing', line: 3, severity: 'info', data: { where: '20240101000000-purge-memberships.js:3' } },
      ],
    },
    {
      name: 'after the purge of soft-deleted rows, its companion flag isDeleted dropped: the live rows hold nothing there (info); another column of the table stays an error',
      files: {
        '20240101000000-purge-memberships.js': migration([sql(`DELETE FROM memberships WHERE "deletedAt" IS NOT NULL`)]),
        '20240102000000-memberships-not-paranoid.js': migration(["    await queryInterface.removeColumn('memberships', 'isDeleted');", "    await queryInterface.removeColumn('memberships', 'note');"]),
      },
      errors: [
        { messageId: 'purgeSoftDeleted', line: 3, severity: 'info', data: { column: 'deletedAt' } },
        { messageId: 'markerAfterPurge', line: 3, severity: 'info', data: { where: '20240101000000-purge-memberships.js:3', purged: '`deletedAt`' } },
        { messageId: 'dropColumn', line: 4, severity: 'error' },
      ],
    },
    {
      name: 'a drop after this up added a NOT NULL column without a default to the same table (PostgreSQL): the table is empty when the drop runs (info); a default, a write in between, a guard or another table leave the drop an error',
      files: {
        '20240101000000-badges.js': migration([
          "    await queryInterface.addColumn('badges', 'rank', { type: Sequelize.INTEGER, allowNull: false });",
          "    await queryInterface.removeColumn('badges', 'legacy_code');",
        ]),
        '20240102000000-medals.js': migration([
          "    await queryInterface.addColumn('medals', 'rank', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 });",
          "    await queryInterface.removeColumn('medals', 'legacy_code');",
        ]),
        '20240103000000-ribbons.js': migration([
          "    await queryInterface.addColumn('ribbons', 'rank', { type: Sequelize.INTEGER, allowNull: false });",
          "    await queryInterface.bulkInsert('ribbons', [{ rank: 1 }]);",
          "    await queryInterface.removeColumn('ribbons', 'legacy_code');",
        ]),
        '20240104000000-pins.js': migration([
          "    try { await queryInterface.addColumn('pins', 'rank', { type: Sequelize.INTEGER, allowNull: false }); } catch (e) { console.log(e); }",
          "    await queryInterface.removeColumn('pins', 'legacy_code');",
        ]),
        '20240105000000-stars.js': migration([
          "    await queryInterface.addColumn('badges', 'tier', { type: Sequelize.INTEGER, allowNull: false });",
          "    await queryInterface.removeColumn('stars', 'legacy_code');",
        ]),
      },
      errors: [
        { messageId: 'emptyForNotNull', line: 4, severity: 'info', file: '20240101000000-badges.js', data: { target: '`badges.legacy_code`', added: '`badges.rank`', line: '3' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20240102000000-medals.js', data: { target: '`medals.legacy_code`' } },
        { messageId: 'dropColumn', line: 5, severity: 'error', file: '20240103000000-ribbons.js', data: { target: '`ribbons.legacy_code`' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20240104000000-pins.js', data: { target: '`pins.legacy_code`' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', file: '20240105000000-stars.js', data: { target: '`stars.legacy_code`' } },
      ],
    },
    {
      name: 'on MySQL a NOT NULL column without a default is added to a table with rows (the type\'s implicit default): it proves nothing, the drop stays an error',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: migration([
        "    await queryInterface.addColumn('badges', 'rank', { type: Sequelize.INTEGER, allowNull: false });",
        "    await queryInterface.removeColumn('badges', 'legacy_code');",
      ]),
      errors: [{ messageId: 'dropColumn', line: 4, severity: 'error', data: { target: '`badges.legacy_code`' } }],
    },
    {
      name: 'a column dropped after the same migration deleted every row of its table: the delete is the loss (error), the drop holds nothing (info); in the next migration too, nothing having written the table since',
      files: {
        '20240101000000-subscriptions-per-member.js': migration([
          "    await queryInterface.bulkDelete('subscriptions', {});",
          "    await queryInterface.removeColumn('subscriptions', 'userId');",
        ]),
        '20240201000000-drop-plan.js': migration(["    await queryInterface.sequelize.query('TRUNCATE subscriptions');"]),
        '20240301000000-drop-plan-column.js': migration(["    await queryInterface.removeColumn('subscriptions', 'plan');"]),
      },
      errors: [
        { messageId: 'deleteAllRows', line: 3, severity: 'error', file: '20240101000000-subscriptions-per-member.js' },
        { messageId: 'tableEmptied', line: 4, severity: 'info', file: '20240101000000-subscriptions-per-member.js', data: { where: 'line 3' } },
        { messageId: 'truncate', line: 3, severity: 'error', file: '20240201000000-drop-plan.js' },
        // The next migration: nothing wrote the table since (the previous migration ships with it), so it holds nothing.
        { messageId: 'tableEmptied', line: 3, severity: 'info', file: '20240301000000-drop-plan-column.js', data: { where: '`20240201000000-drop-plan.js`:3' } },
      ],
    },
    {
      name: 'a column dropped and added again under the same name (to change its default): every row loses its value, said as such',
      files: migration([
        "    await queryInterface.removeColumn('notification_settings', 'messages');",
        "    await queryInterface.addColumn('notification_settings', 'messages', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });",
      ]),
      errors: [{ messageId: 'columnRecreated', line: 3, severity: 'error', data: { line: '4', fill: ' with every row set to its default `false`' } }],
    },
    {
      name: 'a column dropped and added back NOT NULL without a default in the same transaction, on PostgreSQL: the add fails on a table with rows and the drop rolls back, so nothing is lost (no-failing-not-null says it fails); outside a transaction, the loss stays',
      files: {
        '20201127000000-faq-body.js': `module.exports = {
  up: (qi, Sequelize) => qi.sequelize.transaction((transaction) => Promise.all([
    qi.removeColumn('learner_faqs', 'body', { transaction }),
    qi.addColumn('learner_faqs', 'body', { type: Sequelize.STRING(10000), allowNull: false }, { transaction }),
  ])),
  down: async () => {},
};`,
        '20201128000000-faq-title.js': migration([
          "    await queryInterface.removeColumn('learner_faqs', 'title');",
          "    await queryInterface.addColumn('learner_faqs', 'title', { type: Sequelize.STRING(500), allowNull: false });",
        ]),
      },
      errors: [{ messageId: 'columnRecreated', line: 3, severity: 'error', file: '20201128000000-faq-title.js', data: { line: '4', fill: ', empty' } }],
    },
    {
      name: 'a DELETE of rows with a value in a column that is not a soft-delete mark stays a warning',
      files: migration([sql(`DELETE FROM memberships WHERE "invitedBy" IS NOT NULL`)]),
      errors: [{ messageId: 'deleteSomeRows', line: 3, severity: 'warning' }],
    },
    {
      name: 'orphans deleted so that a foreign key to their parent can be added (info); without the key, a warning',
      files: {
        '20240101000000-pins-cascade.js': migration([
          sql(`DELETE FROM pins p WHERE NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = p."noteId")`),
          "    await queryInterface.changeColumn('pins', 'noteId', { type: Sequelize.UUID, references: { model: 'notes' }, onDelete: 'cascade' });",
        ]),
        '20240102000000-logins-cleanup.js': migration([
          sql(`DELETE FROM login_events WHERE account_id NOT IN (SELECT id FROM accounts)`),
          "    await queryInterface.addConstraint('login_events', { fields: ['device_id'], type: 'foreign key', references: { table: 'devices', field: 'id' } });",
        ]),
      },
      errors: [
        { messageId: 'orphansBeforeForeignKey', line: 3, severity: 'info', data: { parent: 'notes', line: '4' } },
        { messageId: 'deleteOrphanRows', line: 3, severity: 'warning' },
      ],
    },
    {
      name: 'a column overwritten in every row, set back to one constant in every row by down (SQL or builder): the one value all rows held, restored (info); down setting it only where it holds the new value is no restoring of all rows',
      files: `module.exports = {
  async up(queryInterface) {
    const chainId = process.env.CHAIN_ID;
    await queryInterface.sequelize.query(\`update shard set blockchain_id='otp:\${chainId}'\`);
    await queryInterface.bulkUpdate('blockchain', { blockchain_id: 'otp:2043' }, {});
    await queryInterface.sequelize.query(\`update events set chain = 'gnosis'\`);
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query(\`update shard set blockchain_id='otp'\`);
    await queryInterface.bulkUpdate('blockchain', { blockchain_id: 'otp' }, {});
    await queryInterface.sequelize.query(\`update events set chain = 'otp' where chain = 'gnosis' and id < 10\`);
  },
};`,
      errors: [
        { messageId: 'setBackInDown', line: 4, severity: 'info', data: { target: '`shard`', value: "'otp'", line: '9' } },
        { messageId: 'setBackInDown', line: 5, severity: 'info', data: { target: '`blockchain`', value: "'otp'", line: '10' } },
        { messageId: 'overwriteAllRows', line: 6, severity: 'error', data: { target: '`events`' } },
      ],
    },
    {
      name: "a SQLite full-text table dropped, created again as a virtual table (CREATE VIRTUAL TABLE ... USING fts5) and refilled from its source is rebuilt (info, hold-out 82); created again with nothing refilling it, a warning",
      project: { dialect: { dialects: ['sqlite'], source: 'config/config.json:2' } },
      files: migration([
        "    await queryInterface.dropTable('units_fts');",
        sql(`CREATE VIRTUAL TABLE units_fts USING fts5(unitId, unitOwner)`),
        sql(`INSERT INTO units_fts SELECT unitId, unitOwner FROM units`),
        "    await queryInterface.dropTable('notes_fts');",
        sql(`CREATE VIRTUAL TABLE notes_fts USING fts5(noteId, body)`),
      ]),
      errors: [
        { messageId: 'rebuiltFrom', line: 3, severity: 'info', data: { target: '`units_fts`', sources: '`units`', line: 'line 5' } },
        { messageId: 'tableRecreated', line: 6, severity: 'warning', data: { target: '`notes_fts`' } },
      ],
    },
    {
      name: 'a backup table dropped and created again from its source (CREATE TABLE AS SELECT) is rebuilt (info); the source dropped after a full CTAS copy keeps its rows there (info)',
      files: migration([
        sql(`DROP TABLE IF EXISTS "Currencies_backup"`),
        sql(`CREATE TABLE "Currencies_backup" AS SELECT * FROM "Currencies"`),
        sql(`CREATE TABLE legacy_rates AS SELECT * FROM rates`),
        "    await queryInterface.dropTable('rates');",
      ]),
      errors: [
        { messageId: 'rebuiltFrom', line: 3, severity: 'info', data: { target: '`Currencies_backup`', sources: '`Currencies`', line: 'line 4' } },
        { messageId: 'copiedBefore', line: 6, severity: 'info', data: { target: '`rates`', into: '`legacy_rates`' } },
      ],
    },
    {
      name: 'a SQL drop whose names the migration computes says what it drops: a column, a column of a named table, or a table',
      files: {
        '20240101000000-a.js': migration(['    for (const fk of require(\'./fks.json\')) await queryInterface.sequelize.query(`ALTER TABLE "${fk.table}" DROP COLUMN "${fk.column}"`);']),
        '20240102000000-b.js': migration(['    for (const fk of require(\'./fks.json\')) await queryInterface.sequelize.query(`ALTER TABLE "${fk.table}" DROP COLUMN "legacy_id"`);']),
        '20240103000000-c.js': migration(['    for (const fk of require(\'./fks.json\')) await queryInterface.sequelize.query(`DROP TABLE "${fk.table}_old"`);']),
      },
      errors: [
        { messageId: 'dropColumn', line: 3, severity: 'error', file: '20240101000000-a.js', data: { target: 'a column named by a value migralint cannot read in the SQL of `queryInterface.sequelize.query`' } },
        { messageId: 'dropColumn', line: 3, severity: 'error', file: '20240102000000-b.js', data: { target: 'column `legacy_id` of a table named by a value migralint cannot read in the SQL of `queryInterface.sequelize.query`' } },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240103000000-c.js', data: { target: 'a table named by a value migralint cannot read in the SQL of `queryInterface.sequelize.query`' } },
      ],
    },
    {
      name: 'rows deleted by their key, named one by one (builder where on id, SQL IN on a primary key): info naming them; by a column that is no key, or by a key and a range, a warning',
      files: {
        '20240101000000-create.js': migration([
          "    await queryInterface.createTable('modules', { id: { type: Sequelize.UUID, primaryKey: true }, name: Sequelize.STRING, stage: Sequelize.STRING });",
        ]),
        '20240201000000-cleanup.js': migration([
          "    await queryInterface.bulkDelete('modules', { id: ['9295ad69-0000-4000-8000-000000000001', '072a53d6-0000-4000-8000-000000000002'] });",
          sql(`DELETE FROM modules WHERE id IN ('9295ad69-0000-4000-8000-000000000003')`),
          sql(`DELETE FROM modules WHERE stage = 'plan'`),
          sql(`DELETE FROM modules WHERE id = '9295ad69-0000-4000-8000-000000000004' OR stage = 'draft'`),
        ]),
      },
      errors: [
        { messageId: 'deleteNamedRows', line: 3, severity: 'info', file: '20240201000000-cleanup.js', data: { key: "`id` in ('9295ad69-0000-4000-8000-000000000001', '072a53d6-0000-4000-8000-000000000002')" } },
        { messageId: 'deleteNamedRows', line: 4, severity: 'info', file: '20240201000000-cleanup.js' },
        { messageId: 'deleteSomeRowsMany', line: 5, severity: 'warning', file: '20240201000000-cleanup.js', data: { target: '`modules`' } },
      ],
    },
    {
      name: 'rows whose key is NULL deleted right before that column is made NOT NULL (raw SET NOT NULL, or allowNull: false): the rows the constraint rejects (info); before NOT NULL on another column, a warning',
      files: {
        '20240101000000-require-project.js': migration([
          sql(`DELETE FROM "ProjectInvite" WHERE project_id IS NULL; ALTER TABLE "ProjectInvite" ALTER COLUMN project_id SET NOT NULL`),
          sql(`DELETE FROM "CityInvite" WHERE city_id IS NULL`),
          "    await queryInterface.changeColumn('CityInvite', 'city_id', { type: Sequelize.UUID, allowNull: false });",
        ]),
        '20240102000000-other-column.js': migration([
          sql(`DELETE FROM "UserFile" WHERE user_id IS NULL`),
          "    await queryInterface.changeColumn('UserFile', 'path', { type: Sequelize.TEXT, allowNull: false });",
        ]),
      },
      errors: [
        { messageId: 'nullsBeforeNotNull', line: 3, severity: 'info', data: { target: '`ProjectInvite`', column: 'project_id', line: '3' } },
        { messageId: 'nullsBeforeNotNull', line: 4, severity: 'info', data: { target: '`CityInvite`', column: 'city_id', line: '5' } },
        { messageId: 'deleteOrphanRows', line: 3, severity: 'warning', file: '20240102000000-other-column.js' },
      ],
    },
    {
      name: 'a table rebuilt with its foreign key after the orphan delete (addConstraint on the new table)',
      files: migration([
        sql(`DELETE FROM signins WHERE user_id NOT IN (SELECT id FROM users)`),
        "    await queryInterface.renameTable('signins', 'old_signins');",
        "    await queryInterface.createTable('signins', { id: { type: Sequelize.BIGINT }, user_id: { type: Sequelize.BIGINT } });",
        "    await queryInterface.addConstraint('signins', { fields: ['user_id'], type: 'foreign key', references: { table: 'users', field: 'id' }, onDelete: 'cascade' });",
      ]),
      errors: [{ messageId: 'orphansBeforeForeignKey', line: 3, severity: 'info', data: { parent: 'users', line: '6' } }],
    },
    {
      name: 'dropping generated values: an auto-increment key, updatedAt, an insert time that duplicates createdAt (info); a written column stays an error',
      files: {
        '20240101000000-create-audit.js': migration([
          `    await queryInterface.createTable('audit_entries', {
      id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
      action: { type: Sequelize.STRING },
      logged_at: { type: Sequelize.DATE, defaultValue: Sequelize.fn('NOW') },
      created_at: { type: Sequelize.DATE, defaultValue: Sequelize.fn('NOW') },
      updatedAt: { type: Sequelize.DATE },
    });`,
        ]),
        '20240201000000-drop-id.js': migration(["    await queryInterface.removeColumn('audit_entries', 'id');"]),
        '20240202000000-drop-updated.js': migration(["    await queryInterface.removeColumn('audit_entries', 'updatedAt');"]),
        '20240203000000-drop-logged-at.js': migration(["    await queryInterface.removeColumn('audit_entries', 'logged_at');"]),
        '20240204000000-drop-action.js': migration(["    await queryInterface.removeColumn('audit_entries', 'action');"]),
      },
      errors: [
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { what: 'sequence numbers the database generated' } },
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { target: '`audit_entries.updatedAt`' } },
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { what: 'the time each row was inserted, as `created_at` does' } },
        { messageId: 'dropColumn', line: 3, severity: 'error', data: { target: '`audit_entries.action`' } },
      ],
    },
    {
      name: 'SQL-created keys numbered by the database (DEFAULT nextval, bigserial, identity) dropped: sequence numbers (info); a plain bigint stays an error',
      files: {
        '20240101000000-create-memberships.js': migration([
          sql(`CREATE SEQUENCE membership_id_seq`),
          sql(`CREATE TABLE memberships (id bigint DEFAULT nextval('membership_id_seq') NOT NULL, serial_no bigserial, legacy_no integer GENERATED BY DEFAULT AS IDENTITY, member_code bigint, club_id bigint NOT NULL, CONSTRAINT memberships_pkey PRIMARY KEY (id))`),
        ]),
        '20240201000000-natural-key.js': migration([
          "    await queryInterface.removeColumn('memberships', 'id');",
          "    await queryInterface.addConstraint('memberships', { type: 'primary key', fields: ['member_code', 'club_id'] });",
        ]),
        '20240202000000-drop-numbers.js': migration([sql(`ALTER TABLE memberships DROP COLUMN serial_no, DROP COLUMN legacy_no`)]),
        '20240203000000-add-rank.js': migration([sql(`ALTER TABLE memberships ADD COLUMN rank serial`)]),
        '20240204000000-drop-rank-and-code.js': migration([
          "    await queryInterface.removeColumn('memberships', 'rank');",
          "    await queryInterface.removeColumn('memberships', 'member_code');",
        ]),
      },
      errors: [
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { target: '`memberships.id`', what: 'sequence numbers the database generated' } },
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { target: '`memberships.serial_no`, `memberships.legacy_no`' } },
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { target: '`memberships.rank`' } },
        { messageId: 'dropColumn', line: 4, severity: 'error', data: { target: '`memberships.member_code`' } },
      ],
    },
    {
      name: 'columns read into JavaScript and written into another column of the table before they are dropped (info)',
      files: `module.exports = {
  async up(queryInterface) {
    const rows = await queryInterface.sequelize.query('SELECT id, notify_email, notify_sms FROM teams', { type: 'SELECT' });
    const values = rows.map((r) => [r.id, JSON.stringify({ email: r.notify_email, sms: r.notify_sms })]);
    await queryInterface.sequelize.query(\`WITH v(id, prefs) AS (VALUES \${values.map(() => '(?)')} ) UPDATE teams SET prefs = v.prefs FROM v WHERE teams.id = v.id\`, { replacements: values });
    await queryInterface.removeColumn('teams', 'notify_email');
    await queryInterface.removeColumn('teams', 'notify_sms');
  },
  async down() {},
};`,
      errors: [
        { messageId: 'rewriteSomeRows', line: 5, severity: 'info', data: { columns: '`prefs`' } },
        { messageId: 'readBefore', line: 6, severity: 'info', data: { into: '`prefs`', read: '3', line: '5' } },
        { messageId: 'readBefore', line: 7, severity: 'info' },
      ],
    },
    {
      name: 'a column copied out by INSERT ... SELECT, then erased, then dropped (info naming the table it went to)',
      files: migration([
        sql(`INSERT INTO "attachments" ("url", "itemId") SELECT i.url, i.id FROM "items" i WHERE i.url IS NOT NULL`),
        sql(`UPDATE "items" SET url = NULL WHERE url IS NOT NULL`),
        "    await queryInterface.removeColumn('items', 'url');",
      ]),
      errors: [
        { messageId: 'movedBefore', line: 4, severity: 'info', data: { target: '`items.url`', into: '`attachments`', effect: 'erases' } },
        { messageId: 'movedBefore', line: 5, severity: 'info', data: { target: '`items.url`', into: '`attachments`', effect: 'drops' } },
      ],
    },
    {
      name: 'tables folded into a column of another table by UPDATE ... FROM (SELECT .. FROM them), then dropped (info)',
      files: migration([
        "    await queryInterface.addColumn('methods', 'parameters', { type: Sequelize.TEXT });",
        sql(`UPDATE methods SET parameters = p.params FROM (SELECT method_id, jsonb_object_agg(name, value) params FROM method_params GROUP BY method_id) AS p WHERE methods.id = p.method_id`),
        "    await queryInterface.dropTable('method_params');",
      ]),
      errors: [{ messageId: 'copiedBefore', line: 5, severity: 'info', data: { into: '`methods`', where: 'line 4' } }],
    },
    {
      name: "dropTable('public.t') of a table the migrations create as t drops nothing (one quoted identifier, measured): a warning saying how to reach t; raw SQL public.t is t",
      files: {
        '20240101000000-create-locales.js': migration(["    await queryInterface.createTable('locales', { code: { type: Sequelize.STRING, primaryKey: true } });"]),
        '20240201000000-drop-locales.js': migration(["    await queryInterface.dropTable('public.locales');"]),
        '20240301000000-drop-locales-sql.js': migration([sql(`DROP TABLE public.locales`)]),
      },
      errors: [
        { messageId: 'dottedName', line: 3, severity: 'warning', data: { target: '`public.locales`', schema: 'public', table: 'locales' } },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240301000000-drop-locales-sql.js' },
      ],
    },
    {
      name: 'a derived table emptied or recreated, then refilled by INSERT ... SELECT from other tables (info); recreated with no refill (warning); emptied with no refill (error)',
      files: migration([
        sql(`DELETE FROM top_scores`),
        "    await queryInterface.addColumn('top_scores', 'rank', { type: Sequelize.INTEGER });",
        sql(`INSERT INTO top_scores (player_id, score, rank) SELECT player_id, max(score), 1 FROM scores GROUP BY player_id`),
        "    await queryInterface.dropTable('daily_totals');",
        "    await queryInterface.createTable('daily_totals', { day: { type: Sequelize.DATEONLY }, total: { type: Sequelize.INTEGER } });",
        sql(`INSERT INTO daily_totals (day, total) SELECT created_at::date, count(*) FROM orders GROUP BY 1`),
        "    await queryInterface.dropTable('node_info');",
        "    await queryInterface.createTable('node_info', { id: { type: Sequelize.INTEGER }, version: { type: Sequelize.STRING } });",
        sql(`DELETE FROM wishlists`),
      ]),
      errors: [
        { messageId: 'rebuiltFrom', line: 3, severity: 'info', data: { effect: 'empties', sources: '`scores`', line: 'line 5' } },
        { messageId: 'rebuiltFrom', line: 6, severity: 'info', data: { target: '`daily_totals`', sources: '`orders`', line: 'line 8' } },
        { messageId: 'tableRecreated', line: 9, severity: 'warning', data: { target: '`node_info`', line: '10' } },
        { messageId: 'deleteAllRows', line: 11, severity: 'error', data: { target: '`wishlists`' } },
      ],
    },
    {
      name: 'a table dropped and created again by the migration after the one that created it (the same day: they ship together) holds nothing a user wrote: info; four days later (a release may lie between), or a year and another migration later, the warning',
      files: {
        '20260811000000-init-prompts.js': migration(["    await queryInterface.createTable('university_prompts', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });"]),
        '20260811000001-reshape-prompts.js': migration([
          "    await queryInterface.dropTable('university_prompts');",
          "    await queryInterface.createTable('university_prompts', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT, kind: Sequelize.STRING });",
        ]),
        '20270101000000-other.js': migration(["    await queryInterface.addColumn('users', 'locale', Sequelize.STRING);"]),
        '20270119000000-create-unit-tags.js': migration(["    await queryInterface.createTable('unit_tags', { id: { type: Sequelize.INTEGER, primaryKey: true }, unit_id: Sequelize.INTEGER });"]),
        '20270123000000-rekey-unit-tags.js': migration([
          "    await queryInterface.dropTable('unit_tags');",
          "    await queryInterface.createTable('unit_tags', { id: { type: Sequelize.INTEGER, primaryKey: true }, unit_code: Sequelize.STRING });",
        ]),
        '20270901000000-reshape-again.js': migration([
          "    await queryInterface.dropTable('university_prompts');",
          "    await queryInterface.createTable('university_prompts', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });",
        ]),
      },
      errors: [
        { messageId: 'previousMigrationTable', line: 3, severity: 'info', file: '20260811000001-reshape-prompts.js', data: { target: '`university_prompts`' } },
        // Four days after the migration creating it: a release may have let users fill it in between.
        { messageId: 'tableRecreated', line: 3, severity: 'warning', file: '20270123000000-rekey-unit-tags.js', data: { target: '`unit_tags`' } },
        { messageId: 'tableRecreated', line: 3, severity: 'warning', file: '20270901000000-reshape-again.js', data: { target: '`university_prompts`' } },
      ],
    },
    {
      name: 'a table recreated and filled again with constant rows, in the same up (INSERT ... VALUES, bulkInsert) or by the next migration, is reference data seeded anew (info); refilled by INSERT ... SELECT in the next migration, rebuilt (info); a later migration that is not the next one does not count',
      files: {
        // `documents` existed before (else its drop could only clear a failed run of this migration: ownPartialRun).
        '20230101000000-documents.js': migration(["    await queryInterface.createTable('documents', { id: { type: Sequelize.INTEGER, primaryKey: true } });"]),
        '20240101000000-reset.js': migration([
          sql(`DROP TABLE IF EXISTS business_types; CREATE TABLE business_types (id int PRIMARY KEY, name text, created_at timestamp); INSERT INTO business_types VALUES (1, 'Limited', '2020-08-04 13:43:32'), (2, 'Sole Trader', '2020-08-04 13:43:32')`),
          "    await queryInterface.dropTable('reasons');",
          "    await queryInterface.createTable('reasons', { id: { type: Sequelize.INTEGER, primaryKey: true }, label: Sequelize.STRING });",
          "    await queryInterface.bulkInsert('reasons', [{ id: 1, label: 'moved' }, { id: 2, label: 'closed' }]);",
          "    await queryInterface.dropTable('modules');",
          "    await queryInterface.createTable('modules', { id: { type: Sequelize.UUID, primaryKey: true }, name: Sequelize.STRING });",
          "    await queryInterface.dropTable('project_modules');",
          "    await queryInterface.createTable('project_modules', { project_id: Sequelize.INTEGER, module_id: Sequelize.UUID });",
          "    await queryInterface.dropTable('documents');",
          "    await queryInterface.createTable('documents', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        ]),
        '20240102000000-backfill.js': migration([
          sql(`INSERT INTO modules (id, name) VALUES ('9ee0e1ea-94ea-4329-b156-28d10ecd0ff8', 'Plans')`),
          sql(`INSERT INTO project_modules (project_id, module_id) SELECT id, '9ee0e1ea-94ea-4329-b156-28d10ecd0ff8' FROM projects`),
        ]),
        '20240103000000-later.js': migration([sql(`INSERT INTO documents (id) VALUES (1)`)]),
      },
      errors: [
        { messageId: 'reseeded', line: 3, severity: 'info', file: '20240101000000-reset.js', data: { target: '`business_types`', line: 'line 3' } },
        { messageId: 'reseeded', line: 4, severity: 'info', file: '20240101000000-reset.js', data: { target: '`reasons`', line: 'line 6' } },
        { messageId: 'reseeded', line: 7, severity: 'info', file: '20240101000000-reset.js', data: { target: '`modules`', line: '20240102000000-backfill.js:3' } },
        { messageId: 'rebuiltFrom', line: 9, severity: 'info', file: '20240101000000-reset.js', data: { target: '`project_modules`', sources: '`projects`', line: '20240102000000-backfill.js:4' } },
        { messageId: 'tableRecreated', line: 11, severity: 'warning', file: '20240101000000-reset.js', data: { target: '`documents`' } },
      ],
    },
    {
      name: 'a removeColumn of a column an earlier migration dropped: a retry for databases where that drop did not happen (guarded: info; unguarded: it fails on a database the migrations built, a warning)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('DataRequest', { id: { type: Sequelize.INTEGER, primaryKey: true }, chart_id: Sequelize.INTEGER, legacy: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240201000000-drop.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('DataRequest', 'chart_id');
    await queryInterface.removeColumn('DataRequest', 'legacy');
  },
  async down() {},
};`,
        '20240301000000-retry.js': `module.exports = {
  async up(queryInterface) {
    try {
      await queryInterface.removeColumn('DataRequest', 'chart_id');
    } catch (e) {
      return 'done';
    }
    await queryInterface.removeColumn('DataRequest', 'legacy');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'previousMigrationTable', line: 3, severity: 'info', file: '20240201000000-drop.js' },
        { messageId: 'previousMigrationTable', line: 4, severity: 'info', file: '20240201000000-drop.js' },
        { messageId: 'alreadyDropped', line: 4, severity: 'info', file: '20240301000000-retry.js', data: { migration: '`20240201000000-drop.js`', line: '3' } },
        { messageId: 'alreadyDropped', line: 8, severity: 'warning', file: '20240301000000-retry.js', data: { migration: '`20240201000000-drop.js`', line: '4' } },
      ],
    },
    {
      name: 'DROP TABLE IF EXISTS x right before renaming another table to x, where no migration made x: it frees the name (info); where a migration made x, its rows are lost (error)',
      files: {
        '20200101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('AgentsChannels', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('archive', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('archive_next', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20220101000000-other.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('settings', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240201000000-rename.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE IF EXISTS "ChannelMemberships"');
    await queryInterface.sequelize.query('ALTER TABLE "AgentsChannels" RENAME TO "ChannelMemberships"');
    await queryInterface.dropTable('archive');
    await queryInterface.renameTable('archive_next', 'archive');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'nameFreed', line: 3, severity: 'info', file: '20240201000000-rename.js', data: { target: '`ChannelMemberships`', line: '4' } },
        { messageId: 'dropTable', line: 5, severity: 'error', file: '20240201000000-rename.js' },
      ],
    },
    {
      name: 'a column dropped and another renamed to its name in the same up: a replacement (a duplicate removed), a warning; a drop with no rename into its name stays an error',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orders', { id: { type: Sequelize.INTEGER, primaryKey: true }, userId: Sequelize.INTEGER, user_id: Sequelize.INTEGER, note: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240601000000-dedupe.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('orders', 'userId');
    await queryInterface.renameColumn('orders', 'user_id', 'userId');
  },
  async down() {},
};`,
        '20240701000000-drop-note.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('orders', 'note');
    await queryInterface.renameColumn('orders', 'userId', 'note_author_id');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'replacedByRename', line: 3, severity: 'warning', file: '20240601000000-dedupe.js', data: { target: '`orders.userId` (then `user_id` renamed to it, line 4)' } },
        { messageId: 'dropColumn', line: 3, severity: 'error', file: '20240701000000-drop-note.js' },
      ],
    },
    {
      name: 'a type conversion through a temporary column on MySQL: the values read row by row (SELECT of plain columns) and written into it before the drop and the rename into place are converted, not replaced (info)',
      project: { dialect: { dialects: ['mysql'], source: 'config/config.json:3' } },
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('bookings', { id: { type: Sequelize.INTEGER, primaryKey: true }, label: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240601000000-label-json.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    const [rows] = await queryInterface.sequelize.query('SELECT id, label FROM bookings WHERE label IS NOT NULL');
    await queryInterface.addColumn('bookings', 'label_json', { type: Sequelize.JSON });
    for (const row of rows) {
      await queryInterface.sequelize.query('UPDATE bookings SET label_json = CAST(:value AS JSON) WHERE id = :id', { replacements: { value: JSON.stringify([row.label]), id: row.id } });
    }
    await queryInterface.removeColumn('bookings', 'label');
    await queryInterface.renameColumn('bookings', 'label_json', 'label');
  },
  async down() {},
};`,
      },
      errors: [{ messageId: 'readBefore', line: 8, severity: 'info', file: '20240601000000-label-json.js', data: { read: '3', into: '`label_json`', line: '6' } }],
    },
    {
      name: 'a removeColumn of a column no migration ever adds to a table whose columns are all known: the migration fails on a database the migrations built, nothing is lost (warning; info under a guard); one only a later-sorting file adds or renames a column into fails there too, and loses values only where that file ran first (info: valid-migration-order reports the order; hold-out 69)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('venues', { id: { type: Sequelize.INTEGER, primaryKey: true }, name: Sequelize.STRING, city: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240601000000-cleanup.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('venues', 'town');
    try {
      await queryInterface.removeColumn('venues', 'region');
    } catch (e) {
      console.log('no region column');
    }
  },
  async down() {},
};`,
        '20240701000000-drop-capacity.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('venues', 'capacity');
  },
  async down() {},
};`,
        '20240702000000-add-capacity.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('venues', 'capacity', { type: Sequelize.INTEGER });
  },
  async down() {},
};`,
        // SQLite's rebuild of the table, listing every column it had and one more: it brings no column the table had.
        '20240701100000-rebuild-venues.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE venues RENAME TO _venues_old');
    await queryInterface.sequelize.query('CREATE TABLE venues (id integer PRIMARY KEY, name text, city text, town text)');
    await queryInterface.sequelize.query('INSERT INTO venues (id, name, city) SELECT id, name, city FROM _venues_old');
    await queryInterface.sequelize.query('DROP TABLE _venues_old');
  },
  async down() {},
};`,
        '20240801000000-drop-seats.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('venues', 'seats');
  },
  async down() {},
};`,
        '20240802000000-rename-city.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn('venues', 'city', 'seats');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'absentColumn', line: 3, severity: 'warning', file: '20240601000000-cleanup.js', data: { target: '`venues.town`', guard: '' } },
        { messageId: 'absentColumn', line: 5, severity: 'info', file: '20240601000000-cleanup.js', data: { target: '`venues.region`' } },
        { messageId: 'addedLater', line: 3, severity: 'info', file: '20240701000000-drop-capacity.js', data: { other: '`20240702000000-add-capacity.js`' } },
        { messageId: 'copiedBefore', line: 6, severity: 'info', file: '20240701100000-rebuild-venues.js' },
        // A later file renames a column into it: the same wrong order valid-migration-order reports.
        { messageId: 'addedLater', line: 3, severity: 'info', file: '20240801000000-drop-seats.js', data: { target: '`venues.seats`', other: '`20240802000000-rename-city.js`' } },
      ],
    },
    {
      // Hold-out 64: a migration that clears what a failed earlier run of itself left, before creating its tables.
      name: 'DROP TABLE IF EXISTS t before creating t, where no migration made t and every table so far is the migrations\' own: the cleanup of its own failed run (info); with a table from elsewhere, or a production sync(), the drop-and-recreate warning stays',
      files: {
        '20240101000000-users.js': migration(["    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } });"]),
        '20240201000000-notifications.js': migration([
          sql('DROP TABLE IF EXISTS push_subscriptions'),
          "    await queryInterface.dropTable('notification_logs');",
          "    await queryInterface.createTable('push_subscriptions', { id: { type: Sequelize.INTEGER, primaryKey: true }, user_id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('notification_logs', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        ]),
      },
      errors: [
        { messageId: 'ownPartialRun', line: 3, severity: 'info', file: '20240201000000-notifications.js', data: { target: '`push_subscriptions`', line: '5' } },
        { messageId: 'ownPartialRun', line: 4, severity: 'info', file: '20240201000000-notifications.js', data: { target: '`notification_logs`', line: '6' } },
      ],
    },
    {
      name: 'builder drops under a catch (`dropTable(t).catch(() => {})`) before the only creation of their tables, one migration after another: each the cleanup of its own partial run (info)',
      files: {
        '20260720000018-store-settings.js': dropThenCreate('store_settings'),
        '20260720000019-onboarding.js': dropThenCreate('onboarding_steps'),
      },
      errors: [
        { messageId: 'ownPartialRun', line: 3, severity: 'info', file: '20260720000018-store-settings.js', data: { target: '`store_settings`', line: '4' } },
        { messageId: 'ownPartialRun', line: 3, severity: 'info', file: '20260720000019-onboarding.js', data: { target: '`onboarding_steps`', line: '4' } },
      ],
    },
    {
      name: 'the same where an earlier migration alters a table no migration creates (the database has tables from elsewhere): the warning stays',
      files: {
        '20240101000000-legacy.js': migration(["    await queryInterface.addColumn('accounts', 'plan', Sequelize.STRING);"]),
        '20240201000000-notifications.js': migration([
          sql('DROP TABLE IF EXISTS push_subscriptions'),
          "    await queryInterface.createTable('push_subscriptions', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        ]),
      },
      errors: [{ messageId: 'tableRecreated', line: 3, severity: 'warning', file: '20240201000000-notifications.js', data: { target: '`push_subscriptions`' } }],
    },
    {
      name: 'the same in a project whose start builds tables with sync(): the table may hold what the application wrote, the warning stays',
      project: { schemaSync: { script: 'start', evidence: 'src/app.js:12', development: false } },
      files: {
        '20240201000000-notifications.js': migration([
          sql('DROP TABLE IF EXISTS push_subscriptions'),
          "    await queryInterface.createTable('push_subscriptions', { id: { type: Sequelize.INTEGER, primaryKey: true } });",
        ]),
      },
      errors: [{ messageId: 'tableRecreated', line: 3, severity: 'warning', file: '20240201000000-notifications.js', data: { target: '`push_subscriptions`' } }],
    },
    {
      name: 'DROP TABLE IF EXISTS x before CREATE TEMP TABLE x: a scratch table of the session (info); before a permanent table of that name, or when a migration creates a permanent x, the drop-and-recreate warning stays',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('region_map', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down() {},
};`,
        '20240115000000-other.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.addColumn('sessions', 'region', Sequelize.STRING); }, async down() {} };`,
        '20240201000000-fix.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(\`
      DROP TABLE IF EXISTS sr_updates;
      CREATE TEMP TABLE sr_updates AS SELECT id FROM sessions WHERE region IS NULL;
      DROP TABLE IF EXISTS region_map;
      CREATE TEMP TABLE region_map (id int);
      DROP TABLE IF EXISTS snapshots;
      CREATE TABLE snapshots (id int);
    \`);
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'scratchTable', line: 3, severity: 'info', file: '20240201000000-fix.js', data: { target: '`sr_updates`' } },
        { messageId: 'tableRecreated', line: 3, severity: 'warning', file: '20240201000000-fix.js', data: { target: '`region_map`, `snapshots`' } },
      ],
    },
    {
      name: 'an erasure in rows named one by one by their key (primary key, unique column, SQL or builder; `id` of a table the migrations do not describe) is a hand-made fix (info); rows chosen by a category, or by a key together with another condition, stay a warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Communities', { id: { type: Sequelize.STRING, primaryKey: true }, custom_domain: Sequelize.STRING, tier: Sequelize.STRING, deletedAt: Sequelize.DATE });
    await queryInterface.createTable('Accounts', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, username: { type: Sequelize.STRING, unique: true }, token: Sequelize.STRING, region: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240115000000-other.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.addColumn('Accounts', 'note', { type: Sequelize.TEXT }); }, async down() {} };`,
        '20240201000000-fix.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("UPDATE \\"Communities\\" SET custom_domain = NULL WHERE id IN ('alpha', 'beta', 'gamma', 'delta') AND \\"deletedAt\\" IS NULL");
    await queryInterface.bulkUpdate('Accounts', { token: null }, { username: 'acct_test_1' });
    await queryInterface.sequelize.query("UPDATE \\"Communities\\" SET custom_domain = NULL WHERE tier = 'free'");
    await queryInterface.sequelize.query("UPDATE \\"Accounts\\" SET token = NULL WHERE id = 7 AND region LIKE 'eu%'");
    await queryInterface.sequelize.query("UPDATE \\"Legacy\\" SET domain = NULL WHERE id IN ('x.example')");
    await queryInterface.sequelize.query("UPDATE \\"Legacy\\" SET domain = NULL WHERE code IN ('x')");
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'overwriteNamedRows', line: 3, severity: 'info', file: '20240201000000-fix.js', data: { key: "`id` in ('alpha', 'beta', 'gamma', and 1 more)" } },
        { messageId: 'overwriteNamedRows', line: 4, severity: 'info', file: '20240201000000-fix.js', data: { key: "`username` in ('acct_test_1')" } },
        { messageId: 'overwriteSomeRows', line: 5, severity: 'warning', file: '20240201000000-fix.js' },
        { messageId: 'overwriteSomeRows', line: 6, severity: 'warning', file: '20240201000000-fix.js' },
        { messageId: 'overwriteNamedRows', line: 7, severity: 'info', file: '20240201000000-fix.js', data: { key: "`id` in ('x.example')" } },
        { messageId: 'overwriteSomeRows', line: 8, severity: 'warning', file: '20240201000000-fix.js' },
      ],
    },
    {
      name: 'values cleared where they break a CHECK constraint the same migration adds next on those columns: what lets the constraint in (info, hold-out 80); a CHECK on another column keeps the warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('tasks', { id: { type: Sequelize.INTEGER, primaryKey: true }, status: Sequelize.STRING, completed_at: Sequelize.DATE, due_at: Sequelize.DATE, note: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240115000000-other.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.addColumn('tasks', 'memo', { type: Sequelize.TEXT }); }, async down() {} };`,
        '20240201000000-check.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("UPDATE tasks SET completed_at = NULL WHERE status <> 'DONE' AND completed_at IS NOT NULL");
    await queryInterface.sequelize.query("UPDATE tasks SET note = NULL WHERE status = 'DRAFT'");
    await queryInterface.sequelize.query("ALTER TABLE tasks ADD CONSTRAINT tasks_completed_check CHECK ((status = 'DONE' AND completed_at IS NOT NULL) OR (status <> 'DONE' AND completed_at IS NULL))");
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'clearedForCheck', line: 3, severity: 'info', file: '20240201000000-check.js', data: { line: '5' } },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', file: '20240201000000-check.js' },
      ],
    },
    {
      name: 'one row named by an identifier that the same UPDATE gives another value (a fixture account swapped for another: `SET username = \'acct_B\', "refreshToken" = NULL WHERE username = \'acct_A\'`) is a hand-made fix (info); a category remapped (`status`), or the identifier kept, stays a warning (and is no move into the columns an earlier SET list of the table names as targets: `a = 1, "b" = NULL` reads no `b`)',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ConnectedAccounts', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, username: Sequelize.STRING, token: Sequelize.STRING, refreshToken: Sequelize.STRING, deletedAt: Sequelize.DATE });
    await queryInterface.createTable('Orders', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, orderCode: Sequelize.STRING, status: Sequelize.STRING, note: Sequelize.TEXT });
  },
  async down() {},
};`,
        '20240115000000-other.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.addColumn('Orders', 'memo', { type: Sequelize.TEXT }); }, async down() {} };`,
        '20240201000000-swap.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("UPDATE \\"ConnectedAccounts\\" SET username = 'acct_B', token = 'tok_B', \\"refreshToken\\" = NULL WHERE username = 'acct_A' AND \\"deletedAt\\" IS NULL");
    await queryInterface.sequelize.query("UPDATE \\"Orders\\" SET status = 'archived', note = NULL WHERE status = 'closed'");
    await queryInterface.sequelize.query("UPDATE \\"Orders\\" SET note = NULL WHERE \\"orderCode\\" = 'A1'");
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'overwriteNamedRows', line: 3, severity: 'info', file: '20240201000000-swap.js', data: { key: "`username` in ('acct_A')" } },
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', file: '20240201000000-swap.js' },
        { messageId: 'overwriteSomeRows', line: 5, severity: 'warning', file: '20240201000000-swap.js' },
      ],
    },
    {
      name: 'rows an earlier migration seeded as constants, deleted by those constants, with down inserting them again: an un-seed of reference data (info); without the insert in down, retired for good (info, saying so); rows no migration seeded, a warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('bridges', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, type: Sequelize.STRING, name: Sequelize.STRING });
  },
  async down() {},
};`,
        '20240201000000-seed.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('bridges', [{ type: 'gitter', name: 'Gitter Bridge' }]);
    await queryInterface.sequelize.query("INSERT INTO bridges (type, name) VALUES ('irc', 'IRC Bridge'), ('slack', 'Slack Bridge')");
  },
  async down() {},
};`,
        '20240301000000-remove.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('bridges', { type: 'gitter' });
    await queryInterface.sequelize.query("DELETE FROM bridges WHERE type = 'irc'");
    await queryInterface.bulkDelete('bridges', { type: 'slack' });
    await queryInterface.bulkDelete('bridges', { type: 'telegram' });
  },
  async down(queryInterface) {
    await queryInterface.bulkInsert('bridges', [{ type: 'gitter', name: 'Gitter Bridge' }]);
    await queryInterface.sequelize.query("INSERT INTO bridges (type, name) VALUES ('irc', 'IRC Bridge')");
    await queryInterface.bulkInsert('bridges', [{ type: 'telegram', name: 'Telegram' }]);
  },
};`,
      },
      errors: [
        { messageId: 'unseeded', line: 3, severity: 'info', file: '20240301000000-remove.js', data: { seededBy: '`20240201000000-seed.js`:3', line: '9' } },
        { messageId: 'unseeded', line: 4, severity: 'info', file: '20240301000000-remove.js', data: { seededBy: '`20240201000000-seed.js`:4', line: '10' } },
        { messageId: 'unseededForGood', line: 5, severity: 'info', file: '20240301000000-remove.js', data: { seededBy: '`20240201000000-seed.js`:4' } },
        { messageId: 'deleteSomeRows', line: 6, severity: 'warning', file: '20240301000000-remove.js' },
      ],
    },
    {
      name: 'the un-seed read from SQL on both sides: rows an INSERT ... VALUES seeded, deleted by their strings (IN), inserted again by down (info); a DELETE by those strings and a number is no un-seed (a row named by its key)',
      files: {
        '20240101000000-seed.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("INSERT INTO bridges (type, name) VALUES ('irc', 'IRC Bridge'), ('slack', 'Slack Bridge')");
  },
  async down() {},
};`,
        '20240301000000-remove.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM bridges WHERE type IN ('irc', 'slack')");
  },
  async down(queryInterface) {
    await queryInterface.bulkInsert('bridges', [{ type: 'irc', name: 'IRC Bridge' }, { type: 'slack', name: 'Slack Bridge' }]);
  },
};`,
        '20240401000000-remove-again.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM bridges WHERE type = 'irc' AND id = 1");
  },
  async down(queryInterface) {
    await queryInterface.bulkInsert('bridges', [{ type: 'irc', name: 'IRC Bridge' }]);
  },
};`,
      },
      errors: [
        { messageId: 'unseeded', line: 3, severity: 'info', file: '20240301000000-remove.js', data: { seededBy: '`20240101000000-seed.js`:3', line: '6' } },
        // Not an un-seed (a number too): a row named by its key.
        { messageId: 'deleteNamedRows', line: 3, severity: 'info', file: '20240401000000-remove-again.js', data: { key: "`id` in ('1')" } },
      ],
    },
    {
      name: 'rows seeded outside the migrations, deleted by their strings, that down inserts again whole as constants, each under its id: reference data the code defines (info); a down inserting them from a query says nothing of the kind (warning)',
      files: {
        '20240101000000-create.js': migration(["    await queryInterface.createTable('catalog_entries', { id: { type: Sequelize.INTEGER, primaryKey: true }, family: Sequelize.STRING, label: Sequelize.STRING });"]),
        '20240301000000-retire-kinds.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM catalog_entries WHERE family = 'VisitKind'");
  },
  async down(queryInterface) {
    for (const row of [{ id: 60, label: 'setup' }, { id: 61, label: 'survey' }]) {
      await queryInterface.sequelize.query(\`INSERT INTO catalog_entries (id, family, label) VALUES (:id, 'VisitKind', :label) ON CONFLICT (id) DO NOTHING\`, { replacements: row });
    }
  },
};`,
        '20240401000000-retire-zones.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DELETE FROM catalog_entries WHERE family = 'Zone'");
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query("INSERT INTO catalog_entries (id, family, label) SELECT id, 'Zone', label FROM catalog_archive");
  },
};`,
      },
      errors: [
        { messageId: 'reseededInDown', line: 3, severity: 'info', file: '20240301000000-retire-kinds.js', data: { line: '7' } },
        { messageId: 'deleteSomeRows', line: 3, severity: 'warning', file: '20240401000000-retire-zones.js' },
      ],
    },
    {
      name: 'a table made without a key, of nothing but a plain id and timestamps, at which no foreign key points, dropped: a scratch table (info); with a primary key, a column of data, or a key pointing at it, an error',
      files: {
        '20210401000000-create.js': migration([
          "    await queryInterface.createTable('probe', { id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('markers', { id: Sequelize.INTEGER, createdAt: Sequelize.DATE, updatedAt: Sequelize.DATE });",
          "    await queryInterface.createTable('keyed', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, createdAt: Sequelize.DATE });",
          "    await queryInterface.createTable('notes', { id: { type: Sequelize.INTEGER, primaryKey: true }, body: Sequelize.TEXT });",
          "    await queryInterface.createTable('pins', { id: Sequelize.INTEGER });",
          "    await queryInterface.createTable('pin_uses', { id: Sequelize.INTEGER, pinId: { type: Sequelize.INTEGER, references: { model: 'pins', key: 'id' } } });",
        ]),
        '20210501000000-drop-probe.js': migration(["    await queryInterface.dropTable('probe');"]),
        '20210601000000-drop-markers.js': migration(["    await queryInterface.dropTable('markers');"]),
        '20210701000000-drop-notes.js': migration(["    await queryInterface.dropTable('notes');"]),
        '20210801000000-drop-pins.js': migration(["    await queryInterface.dropTable('pins', { cascade: true });"]),
        '20210901000000-drop-keyed.js': migration(["    await queryInterface.dropTable('keyed');"]),
      },
      errors: [
        { messageId: 'keysOnlyTable', line: 3, severity: 'info', file: '20210501000000-drop-probe.js', data: { columns: 'column is `id`', times: '' } },
        { messageId: 'keysOnlyTable', line: 3, severity: 'info', file: '20210601000000-drop-markers.js', data: { columns: 'columns are `id`, `createdAt`, `updatedAt`', times: ' and the times Sequelize keeps' } },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20210701000000-drop-notes.js' },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20210801000000-drop-pins.js' },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20210901000000-drop-keyed.js' },
      ],
    },
    {
      name: 'DROP TABLE IF EXISTS of a table only a later migration creates: on a database the migrations built it finds nothing (warning, naming the creator); without IF EXISTS it is not this rule\'s',
      files: {
        '20240101000000-cleanup.js': migration([sql('DROP TABLE IF EXISTS "email_templates" CASCADE')]),
        '20240301000000-create-email-templates.js': migration(["    await queryInterface.createTable('email_templates', { id: { type: Sequelize.INTEGER, primaryKey: true } });"]),
      },
      errors: [{ messageId: 'createdLater', line: 3, severity: 'warning', file: '20240101000000-cleanup.js', data: { target: '`email_templates`', creator: '`20240301000000-create-email-templates.js`' } }],
    },
    {
      name: 'rows deleted or overwritten in a table the same migration drops a moment later: the drop is the loss, one finding; a delete in another table stays',
      files: {
        '20230101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('events', { id: { type: Sequelize.INTEGER, primaryKey: true }, kind: Sequelize.STRING });
    await queryInterface.createTable('visits', { id: { type: Sequelize.INTEGER, primaryKey: true }, kind: Sequelize.STRING });
  },
  async down() {},
};`,
        '20230601000000-create-tags.js': `module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true } }); }, async down() {} };`,
        '20240301000000-remove-events.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('events', { kind: 'track' });
    await queryInterface.sequelize.query("UPDATE events SET kind = NULL");
    await queryInterface.sequelize.query("DELETE FROM visits WHERE kind = 'event'");
    await queryInterface.dropTable('events');
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'deleteSomeRows', line: 5, severity: 'warning', file: '20240301000000-remove-events.js', data: { target: '`visits`' } },
        { messageId: 'dropTable', line: 6, severity: 'error', file: '20240301000000-remove-events.js', data: { target: '`events`' } },
      ],
    },
    {
      name: 'reference rows an earlier migration seeded, retired for good (no down puts them back): info; where a foreign key cascades the delete to rows that point at them, or for keys no migration seeded, a warning',
      files: {
        '20240101000000-create.js': `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('regions', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING });
    await queryInterface.createTable('plans', { id: { type: Sequelize.INTEGER, primaryKey: true }, code: Sequelize.STRING });
    await queryInterface.createTable('subscriptions', { id: { type: Sequelize.INTEGER, primaryKey: true }, planId: { type: Sequelize.INTEGER, references: { model: 'plans', key: 'id' }, onDelete: 'CASCADE' } });
  },
  async down() {},
};`,
        '20240201000000-seed.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('regions', [{ id: 1, code: 'north' }, { id: 2, code: 'south' }]);
    await queryInterface.bulkInsert('plans', [{ id: 1, code: 'basic' }, { id: 2, code: 'legacy' }]);
  },
  async down() {},
};`,
        '20240301000000-retire.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkDelete('regions', { code: 'south' });
    await queryInterface.bulkDelete('plans', { code: 'legacy' });
    await queryInterface.bulkDelete('regions', { code: 'west' });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'unseededForGood', line: 3, severity: 'info', file: '20240301000000-retire.js', data: { seededBy: '`20240201000000-seed.js`:3' } },
        // The cascading one and the unseeded one: one cleanup, one finding.
        { messageId: 'deleteSomeRowsMany', line: 4, severity: 'warning', file: '20240301000000-retire.js', data: { target: '`plans`, `regions`' } },
      ],
    },
    {
      name: 'a row deleted by its key and inserted again with the same key right after is replaced (info), in a loop too, several such statements one finding; a delete followed by an insert of other keys stays a warning',
      files: `module.exports = {
  async up(queryInterface) {
    const [boards] = await queryInterface.sequelize.query('SELECT id, owner_id FROM boards');
    for (const board of boards) {
      await queryInterface.sequelize.query(\`DELETE FROM board_members WHERE member_id = \${board.owner_id} AND board_id = '\${board.id}'\`);
      await queryInterface.sequelize.query(\`INSERT INTO board_members (member_id, board_id, role) VALUES (\${board.owner_id}, '\${board.id}', 'admin')\`);
    }
    await queryInterface.bulkDelete('flags', { name: 'beta' });
    await queryInterface.bulkInsert('flags', [{ name: 'beta', enabled: true }]);
    await queryInterface.sequelize.query(\`DELETE FROM invites WHERE board_id = 7\`);
    await queryInterface.sequelize.query(\`INSERT INTO invites (email, role) VALUES ('a@b.c', 'viewer')\`);
  },
  async down() {},
};`,
      errors: [
        { messageId: 'rowsReplacedMany', line: 5, severity: 'info', data: { target: '`board_members`, `flags`' } },
        { messageId: 'deleteSomeRows', line: 10, severity: 'warning' },
      ],
    },
    {
      name: 'one row deleted by its key and inserted again right after: replaced (info), naming the key and the insert',
      files: migration(["    await queryInterface.bulkDelete('flags', { name: 'beta' });", "    await queryInterface.bulkInsert('flags', [{ name: 'beta', enabled: true }]);"]),
      errors: [{ messageId: 'rowsReplaced', line: 3, severity: 'info', data: { key: '`name`', line: '4' } }],
    },
    {
      name: 'a table name written with its quotes (dropTable(\'"Sessions"\')) is the bare name: login sessions (info)',
      files: migration(["    await queryInterface.dropTable('\"Sessions\"');"]),
      errors: [{ messageId: 'transientTable', line: 3, severity: 'info', data: { target: '`Sessions`' } }],
    },
    {
      name: 'a schema no migration puts a table in and no model maps one in, dropped: nothing seen to lose (info); a schema with tables stays an error',
      files: {
        '20240101000000-schemas.js': migration([
          "    await queryInterface.sequelize.createSchema('staging');",
          "    await queryInterface.sequelize.createSchema('archive');",
          "    await queryInterface.createTable({ schema: 'archive', tableName: 'old_orders' }, { id: { type: Sequelize.INTEGER } });",
        ]),
        '20240201000000-drop-schemas.js': migration([sql(`DROP SCHEMA staging CASCADE`), sql(`DROP SCHEMA archive CASCADE`)]),
      },
      errors: [
        { messageId: 'emptySchema', line: 3, severity: 'info', data: { name: 'staging' } },
        { messageId: 'dropSchema', line: 4, severity: 'error', data: { name: 'archive' } },
      ],
    },
    {
      name: 'a legacy migration tool’s history (flyway_migrations, also with a v3_ prefix) is bookkeeping (info)',
      files: migration(["    await queryInterface.dropTable('v3_flyway_migrations');"]),
      errors: [{ messageId: 'transientTable', line: 3, severity: 'info' }],
    },
    {
      name: 'a rendering (html, preview) dropped beside the text it is computed from (info); without that text, an error',
      files: {
        '20240101000000-create-pages.js': migration([
          "    await queryInterface.createTable('pages', { id: { type: Sequelize.UUID }, text: { type: Sequelize.TEXT }, html: { type: Sequelize.TEXT } });",
          "    await queryInterface.createTable('snippets', { id: { type: Sequelize.UUID }, html: { type: Sequelize.TEXT } });",
        ]),
        '20240201000000-drop-html.js': migration(["    await queryInterface.removeColumn('pages', 'html');"]),
        '20240202000000-drop-snippet-html.js': migration(["    await queryInterface.removeColumn('snippets', 'html');"]),
      },
      errors: [
        { messageId: 'generatedValues', line: 3, severity: 'info', data: { what: 'a rendering of `text`, which stays and renders it again' } },
        { messageId: 'dropColumn', line: 3, severity: 'error' },
      ],
    },
    {
      name: 'duplicates deleted so that a primary key on the same columns can be added (info); without the key, a warning',
      files: {
        '20240101000000-memberships-key.js': migration([
          sql(`DELETE FROM memberships WHERE "createdAt" NOT IN (SELECT MIN("createdAt") FROM memberships GROUP BY "groupId", "userId")`),
          "    await queryInterface.addConstraint('memberships', { fields: ['userId', 'groupId'], type: 'primary key', name: 'memberships_pkey' });",
        ]),
        '20240102000000-dedupe-only.js': migration([sql(`DELETE FROM tags WHERE id NOT IN (SELECT min(id) FROM tags GROUP BY name)`)]),
        '20240103000000-listens-unique.js': migration([
          sql(
            `DELETE FROM "TrackListens" WHERE "id" IN (SELECT "id" FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "userId", "trackId" ORDER BY "id") AS n FROM "TrackListens") d WHERE d.n > 1)`,
          ),
          "    await queryInterface.addConstraint('TrackListens', ['userId', 'trackId'], { type: 'unique', name: 'listens_user_track' });",
        ]),
        '20240104000000-listens-not-first.js': migration([
          sql(`DELETE FROM "TrackListens" WHERE "id" IN (SELECT "id" FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "userId" ORDER BY "id") AS n FROM "TrackListens") d WHERE d.n = 1)`),
          "    await queryInterface.addConstraint('TrackListens', ['userId'], { type: 'unique', name: 'listens_user' });",
        ]),
      },
      errors: [
        { messageId: 'duplicatesBeforeKey', line: 3, severity: 'info', data: { key: '(`groupId`, `userId`)', line: '4' } },
        { messageId: 'deleteSomeRows', line: 3, severity: 'warning', file: '20240102000000-dedupe-only.js' },
        // row_number() over a partition, every row past the first: the same deduplication.
        { messageId: 'duplicatesBeforeKey', line: 3, severity: 'info', file: '20240103000000-listens-unique.js', data: { key: '(`userId`, `trackId`)', line: '4' } },
        // Deleting the first of each partition is not that deduplication, but still rows deleted before a key: which ones are kept is to check.
        { messageId: 'rowsBeforeKey', line: 3, severity: 'info', file: '20240104000000-listens-not-first.js', data: { key: '(`userId`)', line: '4' } },
      ],
    },
    {
      name: 'rows deleted just before the table gets a primary key or unique key (superseded rows, a self-join deduplication): info that says which key; a later plain index does not count',
      files: {
        '20240101000000-one-profile-per-person.js': migration([
          sql(`DELETE FROM person_profiles WHERE superseded_by IS NOT NULL`),
          sql(`ALTER TABLE person_profiles DROP CONSTRAINT person_profiles_pkey`),
          sql(`ALTER TABLE person_profiles ADD PRIMARY KEY (person_id)`),
        ]),
        '20240102000000-unique-emails.js': migration([
          sql(`DELETE FROM subscribers a USING subscribers b WHERE a.id < b.id AND a.email = b.email`),
          "    await queryInterface.addIndex('subscribers', ['email'], { unique: true, name: 'subscribers_email' });",
        ]),
        '20240103000000-prune-then-index.js': migration([
          sql(`DELETE FROM visits WHERE bot = true`),
          "    await queryInterface.addIndex('visits', ['page_id']);",
        ]),
      },
      errors: [
        { messageId: 'rowsBeforeKey', line: 3, severity: 'info', file: '20240101000000-one-profile-per-person.js', data: { key: '(`person_id`)', line: '5' } },
        // A self-join keeping one row per email: that deduplication, said as such.
        { messageId: 'duplicatesBeforeKey', line: 3, severity: 'info', file: '20240102000000-unique-emails.js', data: { key: '(`email`)', line: '4' } },
        { messageId: 'deleteSomeRows', line: 3, severity: 'warning', file: '20240103000000-prune-then-index.js' },
      ],
    },
    {
      name: 'every row read whole, deleted and inserted back (a rewrite in JavaScript) is info; deleted without being put back, an error',
      files: {
        '20240101000000-rewrite-patients.js': `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const rows = await queryInterface.select(null, 'patients', { transaction });
      for (const row of rows) row.data = JSON.stringify({ ...row.data, address: [row.data.address] });
      await queryInterface.bulkDelete('patients', {}, { transaction });
      await queryInterface.bulkInsert('patients', rows, { transaction });
    });
  },
  async down() {},
};`,
        '20240102000000-clear-patients.js': `module.exports = {
  async up(queryInterface) {
    const rows = await queryInterface.select(null, 'visits');
    console.log(rows.length);
    await queryInterface.bulkDelete('visits', {});
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'rowsPutBack', line: 6, severity: 'info', data: { read: '4', insert: '7' } },
        { messageId: 'deleteAllRows', line: 5, severity: 'error', file: '20240102000000-clear-patients.js' },
      ],
    },
    {
      name: 'rows deleted with RETURNING * and written into a log table are kept there (info); RETURNING id keeps only keys (warning)',
      files: {
        '20240101000000-remove-webhooks.js': `module.exports = {
  async up(queryInterface) {
    const [deleted] = await queryInterface.sequelize.query(\`DELETE FROM "Notifications" WHERE "webhookUrl" LIKE '%gitter.im%' RETURNING *\`);
    await queryInterface.sequelize.query('INSERT INTO "AuditLogs" ("type", "data") VALUES (:type, :data)', { replacements: { type: 'removed-webhooks', data: JSON.stringify(deleted) } });
  },
  async down() {},
};`,
        '20240102000000-remove-more.js': `module.exports = {
  async up(queryInterface) {
    const [deleted] = await queryInterface.sequelize.query(\`DELETE FROM "Notifications" WHERE "webhookUrl" LIKE '%slack%' RETURNING id\`);
    await queryInterface.sequelize.query('INSERT INTO "AuditLogs" ("type", "data") VALUES (:type, :data)', { replacements: { type: 'removed', data: JSON.stringify(deleted) } });
  },
  async down() {},
};`,
      },
      errors: [
        { messageId: 'rowsReturned', line: 3, severity: 'info', data: { into: '`AuditLogs`', insert: '4' } },
        { messageId: 'deleteSomeRows', line: 3, severity: 'warning', file: '20240102000000-remove-more.js' },
      ],
    },
    {
      name: 'columns drop after a SELECT * read them into JavaScript and an update wrote other columns of the rows (info)',
      files: migration([
        "    await queryInterface.addColumn('facility', 'cq_type', { type: Sequelize.STRING });",
        "    const [rows] = await queryInterface.sequelize.query('SELECT * FROM facility');",
        "    for (const row of rows) await queryInterface.sequelize.query('UPDATE facility SET cq_type = :t WHERE id = :id', { replacements: { t: row.type, id: row.id } });",
        "    await queryInterface.removeColumn('facility', 'type');",
      ]),
      errors: [{ messageId: 'readBefore', line: 6, severity: 'info', data: { read: '4', line: '5' } }],
    },
    {
      name: 'an earlier migration mapped the column into another with UPDATE ... WHERE it (the expand step): the drop is info',
      files: {
        '20240101000000-create-users.js': migration(["    await queryInterface.createTable('users', { id: { type: Sequelize.UUID }, isAdmin: { type: Sequelize.BOOLEAN }, settings: { type: Sequelize.JSONB } });"]),
        '20240201000000-add-role.js': migration([
          "    await queryInterface.addColumn('users', 'role', { type: Sequelize.STRING });",
          sql(`UPDATE users SET role = 'admin' WHERE "isAdmin" = true`),
          sql(`UPDATE users SET settings = jsonb_build_object('legacyAdmin', "isAdmin") WHERE "isAdmin" IS NOT NULL`),
        ]),
        '20240301000000-drop-is-admin.js': migration(["    await queryInterface.removeColumn('users', 'isAdmin');"]),
      },
      errors: [{ messageId: 'movedBefore', line: 3, severity: 'info', file: '20240301000000-drop-is-admin.js', data: { when: 'an earlier migration' } }],
    },
    {
      name: 'a value the WHERE pins to empty (JSON null) set to NULL erases nothing: the other columns are a targeted rewrite (info)',
      files: migration([sql(`UPDATE "Locations" l SET "name" = c."locationName", "structured" = NULL FROM "Collectives" c WHERE l."CollectiveId" = c.id AND l."structured" = 'null'`)]),
      errors: [{ messageId: 'rewriteSomeRows', line: 3, severity: 'info', data: { columns: '`name`' } }],
    },
    {
      name: 'statuses merged into one, with each old status kept in a JSON key of the row by a chain of || jsonb_build_object: nothing is lost; without the key, a warning',
      files: {
        '20240101000000-cancel.js': migration([
          sql(`UPDATE "Expenses" e SET "status" = 'CANCELED', "data" = COALESCE(e."data", '{}') || JSONB_BUILD_OBJECT('previousStatus', e.status) || JSONB_BUILD_OBJECT('cancelledBy', 'migration') FROM "Collectives" c WHERE e."CollectiveId" = c.id AND c."deactivatedAt" IS NOT NULL AND e.status IN ('PENDING', 'APPROVED')`),
        ]),
        '20240102000000-cancel-more.js': migration([
          sql(`UPDATE "Expenses" e SET "status" = 'CANCELED', "data" = COALESCE(e."data", '{}') || JSONB_BUILD_OBJECT('cancelledBy', 'migration') WHERE e.status IN ('PENDING', 'APPROVED')`),
        ]),
      },
      errors: [{ messageId: 'overwriteSomeRows', line: 3, severity: 'warning', file: '20240102000000-cancel-more.js', data: { columns: '`status`' } }],
    },
    {
      name: 'tables no migration touches and no model maps: a warning that says what cannot be seen, naming the known table a typo may have meant; beside a drop of known tables, one error naming all',
      files: {
        '20240101000000-create.js': migration(["    await queryInterface.createTable('document_reference', { id: { type: Sequelize.UUID }, url: Sequelize.STRING });"]),
        '20240201000000-drop-typo.js': migration(["    await queryInterface.dropTable('document-reference');"]),
        '20240301000000-drop-ledger.js': migration(["    await queryInterface.dropTable('LedgerTransactions');", "    await queryInterface.dropTable('Wallets');"]),
        '20240401000000-drop-exports.js': migration(["    await queryInterface.dropTable('export_downloads');", "    await queryInterface.dropTable('document_reference');"]),
      },
      errors: [
        { messageId: 'unknownTable', line: 3, severity: 'warning', file: '20240201000000-drop-typo.js', data: { typo: '; `document_reference`, which the migrations do know, differs only in case, punctuation, a plural or one letter: if that table was meant, this drop does nothing (Sequelize drops IF EXISTS) and `document_reference` stays' } },
        { messageId: 'unknownTables', line: 3, severity: 'warning', file: '20240301000000-drop-ledger.js', data: { target: '`LedgerTransactions`, `Wallets`' } },
        { messageId: 'dropTables', line: 4, severity: 'error', file: '20240401000000-drop-exports.js', data: { target: '`document_reference`, `export_downloads`' } },
      ],
    },
    {
      name: 'a table no migration touches stays an error where sequelize.sync() builds schemas (its models made it) or where no migration creates any table',
      project: { schemaSync: { script: 'db:sync', evidence: 'package.json', development: false } },
      files: {
        '20240101000000-create.js': migration(["    await queryInterface.createTable('users', { id: { type: Sequelize.UUID } });"]),
        '20240301000000-drop-ledger.js': migration(["    await queryInterface.dropTable('ledger_entries');"]),
      },
      errors: [{ messageId: 'dropTable', line: 3, severity: 'error', file: '20240301000000-drop-ledger.js' }],
    },
    {
      name: 'rows deleted from a log of what migrations changed (MigrationLogs) are bookkeeping (info)',
      files: migration([sql(`DELETE FROM "MigrationLogs" WHERE "type" = 'MOVE_EXPENSES'`)]),
      errors: [{ messageId: 'transientTable', line: 3, severity: 'info', data: { effect: 'deletes rows of' } }],
    },
    {
      name: 'emptying a table the previous migration creates is info; so is one created two migrations earlier when the names are days apart; not a month apart, not numbered, not after a migration wrote rows into it',
      files: {
        '20240101000000-create-share-subs.js': migration(["    await queryInterface.createTable('share_subscriptions', { id: { type: Sequelize.UUID } });", "    await queryInterface.createTable('old_subs', { id: { type: Sequelize.UUID } });", "    await queryInterface.createTable('seeded', { id: { type: Sequelize.UUID }, label: Sequelize.STRING });"]),
        '20240102000000-scope-share-subs.js': migration(["    await queryInterface.bulkDelete('share_subscriptions', {});"]),
        '20240103000000-seed.js': migration(["    await queryInterface.bulkInsert('seeded', [{ id: 'a' }]);"]),
        '20240104000000-clear-old-subs.js': migration(["    await queryInterface.bulkDelete('old_subs', {});", "    await queryInterface.dropTable('seeded');"]),
        '20240201000000-create-late.js': migration(["    await queryInterface.createTable('late', { id: { type: Sequelize.UUID }, label: Sequelize.STRING });"]),
        '20240202000000-other.js': migration(["    await queryInterface.addColumn('users', 'x', Sequelize.STRING);"]),
        '20240305000000-drop-late.js': migration(["    await queryInterface.dropTable('late');"]),
      },
      errors: [
        { messageId: 'previousMigrationTable', line: 3, severity: 'info', file: '20240102000000-scope-share-subs.js', data: { previous: 'the previous migration (`20240101000000-create-share-subs.js`)' } },
        { messageId: 'previousMigrationTable', line: 3, severity: 'info', file: '20240104000000-clear-old-subs.js', data: { previous: '`20240101000000-create-share-subs.js` (3 days earlier, by the dates in their names)' } },
        { messageId: 'dropTable', line: 4, severity: 'error', file: '20240104000000-clear-old-subs.js' },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240305000000-drop-late.js' },
      ],
    },
    {
      name: 'numbered names say nothing of time: only the previous migration counts; a column it added and this one drops is info',
      files: {
        '001-create.js': migration(["    await queryInterface.createTable('partners', { id: { type: Sequelize.UUID } });"]),
        '002-add-started.js': migration(["    await queryInterface.addColumn('partners', 'started_at', { type: Sequelize.DATE, allowNull: false });"]),
        '003-other.js': migration(["    await queryInterface.addColumn('users', 'y', Sequelize.STRING);"]),
        '004-drop-partners.js': migration(["    await queryInterface.dropTable('partners');"]),
        '005-add-note.js': migration(["    await queryInterface.addColumn('users', 'note', Sequelize.STRING);"]),
        '006-drop-note.js': migration(["    await queryInterface.removeColumn('users', 'note');"]),
      },
      errors: [
        { messageId: 'dropTable', line: 3, severity: 'error', file: '004-drop-partners.js' },
        { messageId: 'previousMigrationTable', line: 3, severity: 'info', file: '006-drop-note.js', data: { previous: 'the previous migration (`005-add-note.js`)' } },
      ],
    },
    {
      name: 'a JSON key removed after an earlier migration derived another column from it names that column; one moved into a nested key of the same document stays a warning; one never read is a key removed (info)',
      files: {
        '20240101000000-add-has-hosting.js': migration([
          "    await queryInterface.addColumn('accounts', 'hasHosting', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false });",
          sql(`UPDATE "accounts" SET "hasHosting" = TRUE WHERE "isHost" = TRUE AND ("settings"->>'canHost' IS NULL OR ("settings"->>'canHost')::boolean != FALSE)`),
        ]),
        '20240301000000-remove-can-host.js': migration([sql(`UPDATE "accounts" SET "settings" = "settings" - 'canHost' WHERE "settings" ? 'canHost'`)]),
        '20240401000000-move-title.js': migration([
          sql(`UPDATE "accounts" SET settings = jsonb_set(settings, '{invoice,title}', settings -> 'invoiceTitle') WHERE (settings -> 'invoiceTitle') IS NOT NULL`),
          sql(`UPDATE "accounts" SET settings = settings #- '{invoiceTitle}' WHERE (settings -> 'invoiceTitle') IS NOT NULL`),
        ]),
        '20240501000000-remove-theme.js': migration([sql(`UPDATE "accounts" SET "settings" = "settings" - 'theme' WHERE "settings" ? 'theme'`)]),
      },
      errors: [
        { messageId: 'keyDerived', line: 3, severity: 'info', file: '20240301000000-remove-can-host.js', data: { columns: '`settings` (key `{canHost}`)', into: '`hasHosting`', line: '20240101000000-add-has-hosting.js:4', when: 'an earlier migration' } },
        { messageId: 'rewriteSomeRows', line: 3, severity: 'info', file: '20240401000000-move-title.js' },
        // Copied into a nested key first: jsonb_set skips the rows without the parent `invoice`, which then lose the title.
        { messageId: 'overwriteSomeRows', line: 4, severity: 'warning', file: '20240401000000-move-title.js' },
        { messageId: 'removeJsonKeys', line: 3, severity: 'info', file: '20240501000000-remove-theme.js' },
      ],
    },
    {
      name: 'a lookup table whose only rows migrations inserted as constants, dropped with a down that recreates it and inserts the same rows, is info; other rows in down, a later update, or a model mapping it keep the error',
      files: {
        '20240101000000-create-backends.js': migration([
          "    await queryInterface.createTable('search_backends', { id: { type: Sequelize.STRING(16), primaryKey: true }, label: Sequelize.STRING });",
          sql(`INSERT INTO search_backends (id, label) VALUES ('en', 'English')`),
          "    await queryInterface.createTable('regions', { id: { type: Sequelize.STRING(16), primaryKey: true } });",
          "    await queryInterface.bulkInsert('regions', [{ id: 'eu' }, { id: 'us' }]);",
          "    await queryInterface.createTable('tiers', { id: { type: Sequelize.STRING(16), primaryKey: true }, price: Sequelize.INTEGER });",
          "    await queryInterface.bulkInsert('tiers', [{ id: 'free', price: 0 }]);",
        ]),
        '20240201000000-reprice.js': migration([sql(`UPDATE tiers SET price = 5 WHERE id = 'free'`)]),
        '20240301000000-drop-backends.js': migration(
          ["    await queryInterface.dropTable('search_backends');"],
          ["    await queryInterface.createTable('search_backends', { id: { type: Sequelize.STRING(16), primaryKey: true }, label: Sequelize.STRING });", sql(`insert into   search_backends(id, label) values ('en', 'English')`)],
        ),
        '20240401000000-drop-regions.js': migration(
          ["    await queryInterface.dropTable('regions');"],
          ["    await queryInterface.createTable('regions', { id: { type: Sequelize.STRING(16), primaryKey: true } });", "    await queryInterface.bulkInsert('regions', [{ id: 'eu' }]);"],
        ),
        '20240501000000-drop-tiers.js': migration(
          ["    await queryInterface.dropTable('tiers');"],
          ["    await queryInterface.createTable('tiers', { id: { type: Sequelize.STRING(16), primaryKey: true }, price: Sequelize.INTEGER });", "    await queryInterface.bulkInsert('tiers', [{ id: 'free', price: 0 }]);"],
        ),
      },
      errors: [
        { messageId: 'seedRestored', line: 3, severity: 'info', file: '20240301000000-drop-backends.js', data: { line: '7' } },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240401000000-drop-regions.js' },
        { messageId: 'dropTable', line: 3, severity: 'error', file: '20240501000000-drop-tiers.js' },
      ],
    },
    {
      name: 'a column read but written nowhere before its drop stays an error',
      files: `module.exports = {
  async up(queryInterface) {
    const rows = await queryInterface.sequelize.query('SELECT id, notify_email FROM teams', { type: 'SELECT' });
    console.log(rows.length);
    await queryInterface.removeColumn('teams', 'notify_email');
  },
  async down() {},
};`,
      errors: [{ messageId: 'dropColumn', line: 5, severity: 'error' }],
    },
  ],
  knownFalseNegatives: [
    {
      name: 'changeColumn to a narrower type truncates values',
      why: 'type narrowing (TEXT to VARCHAR(20)) fails or truncates; not modelled yet',
      files: `module.exports = { async up(qi, S) { await qi.changeColumn('users', 'bio', { type: S.STRING(20) }); }, async down() {} };`,
    },
  ],
});
