/**
 * Measures what read-models relies on to drop associations declared in `define`'s `classMethods` option (a model's
 * `associate` written there) when the project declares Sequelize 4 or later: Sequelize 3 (`sequelize-v3`) makes
 * `classMethods` static methods of the model, Sequelize 4 (`sequelize-v4`) and 6 ignore the option, so the model has no
 * `associate` and a loader's `if (db[name].associate) db[name].associate(db)` never runs it.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const load = createRequire(__filename);

function modelWithClassMethods(version: 'sequelize-v3' | 'sequelize-v4' | 'sequelize') {
  const S = load(version);
  const options =
    version === 'sequelize-v3' ? { dialect: 'mysql', logging: false, dialectModulePath: load.resolve('mysql2') } : { dialect: 'postgres', logging: false, ...(version === 'sequelize-v4' ? { operatorsAliases: false } : {}) };
  const sequelize = new S('shop', 'root', 'secret', options);
  let associated = false;
  const Mission = sequelize.define('mission', { title: S.STRING }, { classMethods: { associate: () => { associated = true; } } });
  return { Mission, associated: () => associated };
}

describe("`classMethods` in define's options", () => {
  it('Sequelize 3: a static method of the model', () => {
    const { Mission } = modelWithClassMethods('sequelize-v3');
    expect(typeof Mission.associate).toBe('function');
  });

  it.each(['sequelize-v4', 'sequelize'] as const)('%s: ignored, the model has no associate', (version) => {
    const { Mission, associated } = modelWithClassMethods(version);
    expect(Mission.associate).toBeUndefined();
    expect(associated()).toBe(false);
  });
});
