/**
 * Measures what valid-migration-file's and no-destructive-down's `notAMethod` and `typeMissing` claim
 * (`callThrows` in src/rules/project-facts.ts):
 * - the queryInterface of Sequelize 4 (the `sequelize-v4` alias of sequelize@4.44.4) and 6, on PostgreSQL and
 *   MySQL, has exactly the methods of QUERY_INTERFACE_PROTOTYPE: any other name (`dropIndex`, `removeCOlumn`) is
 *   undefined there, and calling it throws a TypeError before anything is sent;
 * - `addColumn` / `changeColumn` with no type throw before any SQL in Sequelize 6 (a TypeError; addColumn with no
 *   attributes at all refuses its arguments); Sequelize 4 throws too, but for `addColumn` with attributes on
 *   PostgreSQL it sends the type `undefined`, which PostgreSQL refuses.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { methodMeant, QUERY_INTERFACE_PROTOTYPE, SEQUELIZE_INSTANCE_ONLY, SEQUELIZE_INSTANCE_PROTOTYPE } from '../../src/extract/query-interface';
import { measureOn, usePglite } from '../helpers/pglite';

const load = createRequire(__filename);
type QueryInterfaceLike = Record<string, unknown> & {
  addColumn(t: string, c: string, a?: object): Promise<unknown>;
  changeColumn(t: string, c: string, a?: object): Promise<unknown>;
};

/** A Sequelize of that version and dialect whose queries are recorded, never sent. */
function offline(version: 'sequelize' | 'sequelize-v4', dialect: 'postgres' | 'mysql') {
  const S = load(version);
  const sequelize = new S('db', 'user', 'secret', { dialect, logging: false, ...(version === 'sequelize-v4' ? { operatorsAliases: false } : {}) });
  const sent: string[] = [];
  sequelize.query = async (sql: string) => {
    sent.push(sql);
    return [[], 0];
  };
  return { sequelize, qi: sequelize.getQueryInterface() as QueryInterfaceLike, sent };
}

/** Every function a value has, own or inherited. */
function methodsOf(value: object): Set<string> {
  const out = new Set<string>();
  for (let proto: object | null = value; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, key)?.value === 'function') out.add(key);
    }
  }
  return out;
}

const suite = usePglite();

describe('calls that throw before they send anything', () => {
  it('the queryInterface methods of Sequelize 4 and 6 on PostgreSQL and MySQL are the known ones', () => {
    const found = new Set<string>();
    for (const version of ['sequelize', 'sequelize-v4'] as const) {
      for (const dialect of ['postgres', 'mysql'] as const) for (const m of methodsOf(offline(version, dialect).qi)) found.add(m);
    }
    expect([...found].sort()).toEqual([...QUERY_INTERFACE_PROTOTYPE].sort());
  });

  it('the Sequelize instance has every method the umzug context may be called with', () => {
    const { sequelize } = offline('sequelize', 'postgres');
    const methods = methodsOf(sequelize);
    for (const m of SEQUELIZE_INSTANCE_PROTOTYPE) expect(methods.has(m), m).toBe(true);
  });

  it('the Sequelize class (what sequelize-cli passes as a migration\'s second argument) lacks the instance methods of SEQUELIZE_INSTANCE_ONLY, in Sequelize 4 and 6: `Sequelize.query(sql)` throws a TypeError; the helpers it shares with the instance (fn, literal, where...) it has', () => {
    for (const version of ['sequelize', 'sequelize-v4'] as const) {
      const S = load(version) as Record<string, unknown>;
      const { sequelize } = offline(version, 'postgres');
      const instance = methodsOf(sequelize);
      for (const m of SEQUELIZE_INSTANCE_ONLY) {
        expect(S[m], `${version} Sequelize.${m}`).toBeUndefined();
        // The instance has them (Sequelize 6; 4 lacks getDatabaseName on the instance too).
        if (version === 'sequelize') expect(instance.has(m), `${version} sequelize.${m}`).toBe(true);
      }
      expect(() => (S.query as () => unknown)('SELECT 1')).toThrow(TypeError);
      for (const m of ['fn', 'col', 'literal', 'where', 'and', 'or', 'cast', 'json']) expect(typeof S[m], `${version} Sequelize.${m}`).toBe('function');
    }
  });

  it.each([
    ['dropIndex', 'removeIndex'],
    ['removeCOlumn', 'removeColumn'],
    ['drop', undefined],
    ['addForeignKey', 'addConstraint'],
  ])('queryInterface.%s is not a function: calling it throws a TypeError and sends nothing (meant: %s)', (method, meant) => {
    for (const version of ['sequelize', 'sequelize-v4'] as const) {
      const { qi, sent } = offline(version, 'postgres');
      expect(qi[method]).toBeUndefined();
      expect(() => (qi[method] as () => unknown)()).toThrow(TypeError);
      expect(sent).toEqual([]);
    }
    expect(methodMeant(method)).toBe(meant);
  });

  it.each([
    ['sequelize', 'postgres', 'changeColumn'],
    ['sequelize', 'mysql', 'changeColumn'],
    ['sequelize', 'postgres', 'addColumn'],
    ['sequelize', 'mysql', 'addColumn'],
    ['sequelize-v4', 'postgres', 'changeColumn'],
    ['sequelize-v4', 'mysql', 'changeColumn'],
    ['sequelize-v4', 'mysql', 'addColumn'],
  ] as const)('%s on %s: %s with no type throws before any SQL', async (version, dialect, method) => {
    const literal = offline(version, dialect);
    await expect((async () => literal.qi[method]('rooms', 'floor', { allowNull: false }))()).rejects.toThrow(TypeError);
    expect(literal.sent).toEqual([]);
    // No attributes at all: addColumn checks its arguments first ("takes at least 3 arguments").
    const none = offline(version, dialect);
    await expect((async () => none.qi[method]('rooms', 'floor'))()).rejects.toThrow(method === 'addColumn' ? /takes at ?least 3 arguments/ : TypeError);
    expect(none.sent).toEqual([]);
  });

  it('sequelize-v4 on PostgreSQL: addColumn with no type sends the type `undefined`, and PostgreSQL refuses it', async () => {
    const { qi, sent } = offline('sequelize-v4', 'postgres');
    await qi.addColumn('rooms', 'floor', { allowNull: true });
    expect(sent).toEqual(['ALTER TABLE "public"."rooms" ADD COLUMN "floor" undefined;']);
    await suite.db.query('DROP TABLE IF EXISTS rooms; CREATE TABLE rooms (id integer)');
    const r = await measureOn(suite.db, () => suite.db.query(sent[0]!));
    expect(r.outcome).toMatchObject({ ok: false, error: expect.stringContaining('type "undefined" does not exist') });
    await suite.db.query('DROP TABLE rooms');
  });
});
