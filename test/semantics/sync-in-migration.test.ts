/**
 * Measures on PGlite what no-destructive-up's `syncForce` claims: `sequelize.sync({ force: true })` (and a model's
 * `sync({ force: true })`) drops each model table that exists (DROP TABLE IF EXISTS) and creates it again, empty, so a
 * migration that calls it deletes every row of those tables; `sync()` without `force` creates only the tables that are
 * missing and keeps the rows (no-destructive-down reads it as creating the model tables its `down` drops).
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { usePglite } from '../helpers/pglite';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');
const suite = usePglite();

describe('sequelize.sync() called by a migration', () => {
  test('force: true drops every model table that exists and creates it again, empty; without force the rows stay', async () => {
    const sequelize = suite.db.sequelize;
    const Team = sequelize.define('SyncTeam', { name: S.STRING }, { tableName: 'sync_teams', timestamps: false });
    const Member = sequelize.define('SyncMember', { name: S.STRING }, { tableName: 'sync_members', timestamps: false });
    Member.belongsTo(Team, { foreignKey: 'teamId' });
    await Team.sync();
    await Member.sync();
    await suite.db.query(`INSERT INTO sync_teams (id, name) VALUES (1, 'a')`);
    await suite.db.query(`INSERT INTO sync_members (id, name, "teamId") VALUES (1, 'b', 1)`);

    // Without force: CREATE TABLE IF NOT EXISTS, nothing dropped.
    let mark = suite.db.log.length;
    await sequelize.sync();
    expect(suite.db.sqlSince(mark).filter((s) => /^DROP TABLE/.test(s))).toEqual([]);
    expect(await suite.db.query('SELECT count(*)::int AS n FROM sync_members')).toEqual([{ n: 1 }]);

    // One model's sync({ force: true }): its own table only.
    mark = suite.db.log.length;
    await Member.sync({ force: true });
    expect(suite.db.sqlSince(mark).filter((s) => /^DROP TABLE/.test(s))).toEqual(['DROP TABLE IF EXISTS "sync_members" CASCADE;']);
    expect(await suite.db.query('SELECT count(*)::int AS n FROM sync_members')).toEqual([{ n: 0 }]);
    expect(await suite.db.query('SELECT count(*)::int AS n FROM sync_teams')).toEqual([{ n: 1 }]);

    // The instance's sync({ force: true }): every model table, emptied.
    await suite.db.query(`INSERT INTO sync_members (id, name, "teamId") VALUES (2, 'c', 1)`);
    mark = suite.db.log.length;
    await sequelize.sync({ force: true });
    const drops = suite.db.sqlSince(mark).filter((s) => /^DROP TABLE/.test(s));
    expect(drops).toEqual(expect.arrayContaining(['DROP TABLE IF EXISTS "sync_members" CASCADE;', 'DROP TABLE IF EXISTS "sync_teams" CASCADE;']));
    expect(await suite.db.query('SELECT (SELECT count(*) FROM sync_members)::int AS m, (SELECT count(*) FROM sync_teams)::int AS t')).toEqual([{ m: 0, t: 0 }]);
  });
});
