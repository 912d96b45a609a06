/**
 * Measures in Sequelize (no database needed) what read-models' belongsToMany reading says: `through` given as a string
 * that names a model already defined uses that model (`sequelize.isDefined`), and the `id` Sequelize would have added to
 * it is removed, the two foreign keys becoming its primary key; a string naming no model defines a bare join model on
 * the table of that name.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const S = createRequire(__filename)('sequelize') as typeof import('sequelize');

describe('belongsToMany through a string', () => {
  it('names a defined model: that model, without its generated id', () => {
    const sequelize = new S.Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    const Teacher = sequelize.define('user', { name: S.DataTypes.STRING });
    const Class = sequelize.define('class', { name: S.DataTypes.STRING });
    const Link = sequelize.define('class_of_teacher', { teacher_id: S.DataTypes.INTEGER, class_id: S.DataTypes.INTEGER }, { freezeTableName: true, timestamps: false });
    expect(Object.keys(Link.getAttributes())).toContain('id');
    Class.belongsToMany(Teacher, { through: 'class_of_teacher', as: 'teachers', foreignKey: 'class_id' });
    Teacher.belongsToMany(Class, { through: 'class_of_teacher', as: 'classes', foreignKey: 'teacher_id' });
    expect(sequelize.model('class_of_teacher')).toBe(Link);
    expect(Object.keys(Link.getAttributes()).sort()).toEqual(['class_id', 'teacher_id']);
    expect(Link.primaryKeyAttributes.sort()).toEqual(['class_id', 'teacher_id']);
  });

  it('names no model: a join model of that name is defined on the table', () => {
    const sequelize = new S.Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    const A = sequelize.define('a', {});
    const B = sequelize.define('b', {});
    A.belongsToMany(B, { through: 'a_b' });
    expect(sequelize.isDefined('a_b')).toBe(true);
    expect(sequelize.model('a_b').getTableName()).toBe('a_b');
  });
});

describe('belongsToMany: the keys the through model gets', () => {
  it('without foreignKey / otherKey: the two models\' singular names and primary keys (RoleId, GrantId)', () => {
    const sequelize = new S.Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    const Role = sequelize.define('Role', { label: S.DataTypes.STRING }, { timestamps: false });
    const Grant = sequelize.define('Grant', { label: S.DataTypes.STRING }, { timestamps: false });
    const RoleGrant = sequelize.define('RoleGrant', {}, { timestamps: false });
    Role.belongsToMany(Grant, { through: RoleGrant });
    expect(Object.keys(RoleGrant.getAttributes()).sort()).toEqual(['GrantId', 'RoleId']);
  });

  it('through { model: X }: the model itself, whose generated id goes as with through: X', () => {
    const sequelize = new S.Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    const Event = sequelize.define('Event', { label: S.DataTypes.STRING }, { timestamps: false });
    const Meal = sequelize.define('Meal', { label: S.DataTypes.STRING }, { timestamps: false });
    const EventMeal = sequelize.define('EventMeal', { amount: S.DataTypes.DECIMAL(10, 2) }, { timestamps: false });
    expect(Object.keys(EventMeal.getAttributes())).toContain('id');
    Event.belongsToMany(Meal, { through: { model: EventMeal }, foreignKey: 'event_id' });
    expect(Object.keys(EventMeal.getAttributes()).sort()).toEqual(['MealId', 'amount', 'event_id']);
  });

  it('paired, each side naming only its foreignKey: the other key is the pair\'s foreignKey, no default key is added', () => {
    const sequelize = new S.Sequelize('postgres://nobody@127.0.0.1:1/none', { logging: false });
    const Role = sequelize.define('Role', { label: S.DataTypes.STRING }, { timestamps: false });
    const Grant = sequelize.define('Grant', { label: S.DataTypes.STRING }, { timestamps: false });
    const RoleGrant = sequelize.define('RoleGrant', {}, { timestamps: false });
    Role.belongsToMany(Grant, { through: RoleGrant, foreignKey: 'role_id' });
    Grant.belongsToMany(Role, { through: RoleGrant, foreignKey: 'grant_id' });
    expect(Object.keys(RoleGrant.getAttributes()).sort()).toEqual(['grant_id', 'role_id']);
  });
});
