/**
 * Runs the real migrations of fixtures/lms-backend on a real PostgreSQL
 * (PGlite) and checks the claims migralint's safety report makes about them:
 * which reruns fail, which are guarded, which rollback loses data, and what
 * 010 and 030 do to the schema. migralint itself never runs a migration; these
 * tests exist to prove its findings true.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startPglite, type PgliteHarness } from '../helpers/pglite';

const MIGRATIONS = path.resolve(__dirname, '..', '..', 'fixtures', 'lms-backend', 'migrations');

/** Every migration file, in sequelize-cli's order (plain string sort of the file names). */
const ALL = readdirSync(MIGRATIONS)
  .filter((f) => f.endsWith('.js'))
  .sort();

/** The files up to and including `last`, in run order. */
function through(last: string): string[] {
  const i = ALL.indexOf(last);
  if (i < 0) throw new Error(`no migration ${last}`);
  return ALL.slice(0, i + 1);
}

const file = (name: string) => path.join(MIGRATIONS, name);

async function columnOf(db: PgliteHarness, table: string, column: string) {
  const rows = await db.query<{ is_nullable: string; column_default: string | null; data_type: string; character_maximum_length: number | null }>(
    `SELECT is_nullable, column_default, data_type, character_maximum_length FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = '${table}' AND column_name = '${column}'`,
  );
  return rows[0];
}

async function columnsOf(db: PgliteHarness, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}'`,
  );
  return rows.map((r) => r.column_name);
}

async function tableExists(db: PgliteHarness, table: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '${table}'`);
  return rows.length === 1;
}

describe('lms-backend: all ups, then reruns', () => {
  let db: PgliteHarness;
  beforeAll(async () => {
    db = await startPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  test('the fixture has 31 migrations and all 31 ups succeed in order on an empty database', async () => {
    expect(ALL).toHaveLength(31);
    const mark = db.log.length;
    expect(await db.migrateTo(MIGRATIONS, ALL)).toEqual({ ok: true });
    // "No migration up drops a table or a column."
    expect(db.sqlSince(mark).filter((s) => /\bDROP\s+(TABLE|COLUMN)\b/i.test(s))).toEqual([]);
    // A few landmarks of the final schema.
    expect(await columnsOf(db, 'users')).toEqual(expect.arrayContaining(['bio', 'phone', 'location']));
    expect(await columnsOf(db, 'course_chapters')).toContain('test_id');
    expect(await columnsOf(db, 'hackathons')).toContain('is_temp');
    expect(await tableExists(db, 'chat_messages')).toBe(true);
  });

  test('rerunning 031 up fails: unguarded addColumn, column "bio" already exists', async () => {
    expect(await db.runMigration(file('031-add-profile-fields-to-users.js'), 'up')).toEqual({
      ok: false,
      error: 'column "bio" of relation "users" already exists',
      code: '42701',
    });
  });

  test('rerunning 006 up fails: unguarded addColumn in Promise.all, already exists', async () => {
    const outcome = await db.runMigration(file('006-add-course-intro-content.js'), 'up');
    expect(outcome).toMatchObject({ ok: false, code: '42701', error: expect.stringMatching(/^column "\w+" of relation "courses" already exists$/) });
  });

  test('rerunning 034 up succeeds: addColumn guarded by describeTable', async () => {
    expect(await db.runMigration(file('034-add-test-id-to-chapters.js'), 'up')).toEqual({ ok: true });
  });

  test('rerunning 20241201000001 up succeeds: addColumn guarded by describeTable', async () => {
    expect(await db.runMigration(file('20241201000001-add-is-temp-to-hackathons.js'), 'up')).toEqual({ ok: true });
  });

  test('rerunning 001 up succeeds: createTable IF NOT EXISTS, and try/catch around the indexes', async () => {
    const mark = db.log.length;
    expect(await db.runMigration(file('001-create-users.js'), 'up')).toEqual({ ok: true });
    const sql = db.sqlSince(mark);
    // The try/catch around createTable never catches: the statement itself is guarded.
    expect(sql).toContainEqual(expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "users"/));
    // The two addIndex calls do fail ("already exists") and are swallowed by their try/catch.
    expect(sql).toContainEqual('CREATE UNIQUE INDEX "users_email_unique" ON "users" ("email")');
    expect(sql).toContainEqual('CREATE INDEX "users_role" ON "users" ("role")');
  });

  test('rerunning every up: exactly the README\'s unguarded files fail, every other up succeeds', async () => {
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => {}); // 011 and 030 print "skipping"
    const outcomes: Record<string, string> = {};
    try {
      for (const name of ALL) {
        const outcome = await db.runMigration(file(name), 'up');
        outcomes[name] = outcome.ok ? 'ok' : outcome.error;
      }
    } finally {
      quiet.mockRestore();
    }
    const failing: Record<string, string> = {
      '005-create-course-chapters.js': 'relation "course_chapters_course_id_order_index" already exists',
      '006-add-course-intro-content.js': 'column "intro_video_url" of relation "courses" already exists',
      '008-add-chapter-content-fields.js': 'column "video_url" of relation "course_chapters" already exists',
      '017-create-videos-and-update-projects.js': 'column "demo_video_id" of relation "projects" already exists',
      '018-add-enrollment-rating-review.js': 'column "rating" of relation "enrollments" already exists',
      '019-add-admin-upload-fields.js': 'column "created_via_upload" of relation "users" already exists',
      '031-add-profile-fields-to-users.js': 'column "bio" of relation "users" already exists',
      '033-create-achievements.js': 'relation "user_achievements_user_achievement_unique" already exists',
    };
    expect(outcomes).toEqual(Object.fromEntries(ALL.map((name) => [name, failing[name] ?? 'ok'])));
  });

  test('20241201000003: when the first index of the shared try block exists, the second is never recreated', async () => {
    await db.query('DROP INDEX "chat_messages_room_id_created_at"');
    const mark = db.log.length;
    expect(await db.runMigration(file('20241201000003-create-chat-tables.js'), 'up')).toEqual({ ok: true });
    const sql = db.sqlSince(mark);
    expect(sql).toContainEqual(expect.stringMatching(/^CREATE UNIQUE INDEX "chat_participants_room_user_unique"/));
    expect(sql.some((s) => s.includes('chat_messages_room_id_created_at'))).toBe(false);
    const rows = await db.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'chat_messages_room_id_created_at'`);
    expect(rows).toEqual([]);
  });
});

describe('lms-backend: rows lost on rollback', () => {
  let db: PgliteHarness;
  beforeAll(async () => {
    db = await startPglite();
    const outcome = await db.migrateTo(MIGRATIONS, through('031-add-profile-fields-to-users.js'));
    if (!outcome.ok) throw new Error(`migrating to 031 failed at ${outcome.name}: ${outcome.error}`);
    await db.query(
      `INSERT INTO users (name, email, password, bio, phone, location, "createdAt", "updatedAt")
       VALUES ('Ada', 'ada@example.com', 'x', 'Pioneer', '+44 20 0000', 'London', now(), now())`,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  test("031's down then up keeps the user row but bio, phone and location come back NULL", async () => {
    expect(await db.runMigration(file('031-add-profile-fields-to-users.js'), 'down')).toEqual({ ok: true });
    expect(await columnsOf(db, 'users')).not.toEqual(expect.arrayContaining(['bio']));
    expect(await db.runMigration(file('031-add-profile-fields-to-users.js'), 'up')).toEqual({ ok: true });

    const rows = await db.query(`SELECT name, bio, phone, location FROM users WHERE email = 'ada@example.com'`);
    expect(rows).toEqual([{ name: 'Ada', bio: null, phone: null, location: null }]);
  });

  test("001's down is empty: the users table and its rows stay", async () => {
    expect(await db.runMigration(file('001-create-users.js'), 'down')).toEqual({ ok: true });
    expect(await tableExists(db, 'users')).toBe(true);
    expect(await db.query(`SELECT name FROM users`)).toEqual([{ name: 'Ada' }]);
  });
});

describe('lms-backend: 010 changeColumn', () => {
  let db: PgliteHarness;
  beforeAll(async () => {
    db = await startPglite();
    const outcome = await db.migrateTo(MIGRATIONS, through('009-update-chapters-for-urls.js'));
    if (!outcome.ok) throw new Error(`migrating to 009-update failed at ${outcome.name}: ${outcome.error}`);
  });
  afterAll(async () => {
    await db?.close();
  });

  test('before 010, course_chapters.title is NOT NULL', async () => {
    expect(await columnOf(db, 'course_chapters', 'title')).toMatchObject({ is_nullable: 'NO' });
  });

  test('010 silently drops NOT NULL on course_chapters.title; order_index keeps NOT NULL and its default', async () => {
    const orderIndexBefore = await columnOf(db, 'course_chapters', 'order_index');
    expect(await db.runMigration(file('010-fix-chapter-schema.js'), 'up')).toEqual({ ok: true });

    expect(await columnOf(db, 'course_chapters', 'title')).toMatchObject({
      is_nullable: 'YES',
      character_maximum_length: 500,
    });
    expect(await columnOf(db, 'course_chapters', 'order_index')).toMatchObject({
      is_nullable: 'NO',
      column_default: '0',
    });
    expect(orderIndexBefore).toMatchObject({ is_nullable: 'NO', column_default: '0' });

    // The database now accepts what models/CourseChapter.js forbids.
    const [course] = await db.query<{ id: number }>(
      `INSERT INTO courses (title, "createdAt", "updatedAt") VALUES ('c', now(), now()) RETURNING id`,
    );
    expect(
      await db.attempt(
        `INSERT INTO course_chapters (course_id, title, "createdAt", "updatedAt") VALUES (${course!.id}, NULL, now(), now())`,
      ),
    ).toEqual({ ok: true });
  });
});

describe('lms-backend: 030 VARCHAR to VARCHAR[]', () => {
  let db: PgliteHarness;
  beforeAll(async () => {
    db = await startPglite();
    const outcome = await db.migrateTo(MIGRATIONS, through('019-add-admin-upload-fields.js'));
    if (!outcome.ok) throw new Error(`migrating to 019 failed at ${outcome.name}: ${outcome.error}`);
    await db.query(
      `INSERT INTO courses (title, tags, "createdAt", "updatedAt")
       VALUES ('two tags', 'a,b', now(), now()), ('spaced', 'react, node', now(), now()),
              ('empty', '', now(), now()), ('none', NULL, now(), now())`,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  test('before 030, courses.tags is character varying', async () => {
    expect(await columnOf(db, 'courses', 'tags')).toMatchObject({ data_type: 'character varying' });
  });

  test('030 turns tags into an array: "a,b" becomes {a,b}, spaces kept, empty and NULL become {}', async () => {
    expect(await db.runMigration(file('030-fix-tags-column-type.js'), 'up')).toEqual({ ok: true });
    expect(await columnOf(db, 'courses', 'tags')).toMatchObject({ data_type: 'ARRAY' });
    const rows = await db.query<{ title: string; tags: string[] }>(`SELECT title, tags FROM courses ORDER BY id`);
    expect(rows).toEqual([
      { title: 'two tags', tags: ['a', 'b'] },
      { title: 'spaced', tags: ['react', ' node'] },
      { title: 'empty', tags: [] },
      { title: 'none', tags: [] },
    ]);
  });

  test('rerunning 030 succeeds: its information_schema check skips the ALTER', async () => {
    const mark = db.log.length;
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await db.runMigration(file('030-fix-tags-column-type.js'), 'up')).toEqual({ ok: true });
      expect(print).toHaveBeenCalledWith('courses.tags is already an array, skipping');
    } finally {
      print.mockRestore();
    }
    expect(db.sqlSince(mark).some((s) => /ALTER TABLE/.test(s))).toBe(false);
  });
});
