import inflection from 'inflection';

/**
 * Sequelize 6's naming, with the same library it uses (inflection 1.13, the
 * version sequelize 6.37 depends on), so that irregular plurals and
 * underscoring match exactly: `Person` -> `People`, `Foot` -> `feet`,
 * `userID` -> `user_i_d`. Measured against `sequelize/lib/utils` in
 * test/models/naming.test.ts.
 */

/** `Utils.pluralize`. */
export function pluralize(name: string): string {
  return inflection.pluralize(name);
}

/** `Utils.singularize`. */
export function singularize(name: string): string {
  return inflection.singularize(name);
}

/** `Utils.underscoredIf`: the column name of an attribute of an `underscored` model. */
export function underscoredIf(name: string, underscored: boolean): string {
  return underscored ? inflection.underscore(name) : name;
}

/** `Utils.camelize`: `User_id` -> `UserId` (default foreign key names). */
export function camelize(name: string): string {
  return name.trim().replace(/[-_\s]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}

/**
 * The table Sequelize uses when no `tableName` is given: the model name when
 * `freezeTableName`, else its plural, underscored for `underscored` models.
 */
export function defaultTableName(modelName: string, options: { freezeTableName: boolean; underscored: boolean }): string {
  return options.freezeTableName ? modelName : underscoredIf(pluralize(modelName), options.underscored);
}
