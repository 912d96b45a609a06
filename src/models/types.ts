import type { JsonValue, SourceLocation } from '../model';

/**
 * What migralint knows about the application's Sequelize models, read
 * statically from the models folder (never executed).
 */

/** How a model is declared. */
export type ModelStyle =
  /** `sequelize.define('User', attributes, options)` */
  | 'define'
  /** `class User extends Model {}` + `User.init(attributes, { sequelize })`, or `super.init(...)` in a static method */
  | 'init'
  /** sequelize-typescript: `@Table(...) class User extends Model { @Column name: string }` */
  | 'decorators';

/** One attribute the model declares. */
export interface ModelAttribute {
  /** The attribute name the application uses (`linkedinUrl`). */
  name: string;
  /** The column it reads and writes: `field`, else the name (underscored when the model is `underscored`). */
  column: string;
  /** The data type as written, without the `DataTypes.` prefix (`STRING(20)`, `ENUM('a', 'b')`); null when not static. */
  type: string | null;
  /** `allowNull` as declared; Sequelize's default is true (false for a primary key). */
  allowNull: boolean;
  primaryKey: boolean;
  /** `DataTypes.VIRTUAL`: no column behind it. */
  virtual: boolean;
  /** Where the attribute is written: its key in the attributes object, or the decorated property. */
  loc: SourceLocation;
  /**
   * Set when the attribute is declared in another file than the model: a
   * sequelize-typescript base class (`class Group extends ParanoidModel`);
   * `loc` is then in that file.
   */
  file?: string;
  /** The base class that declares it, when inherited. */
  inheritedFrom?: string;
  /**
   * The definition could not be read statically (an imported or computed
   * value): `column` is the name-derived guess and may be wrong.
   */
  unresolved?: boolean;
}

/** Why Sequelize maps a column the attributes do not list. */
export type ImpliedColumnKind = 'primaryKey' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'version' | 'foreignKey';

/**
 * A column Sequelize adds to the model on its own: `id` when no attribute is
 * a primary key, the timestamps, `deletedAt` for paranoid models, `version`,
 * and foreign keys that associations inject when the model does not declare
 * them.
 */
export interface ImpliedColumn {
  kind: ImpliedColumnKind;
  /** Attribute name Sequelize gives it (`createdAt`, `UserId`). */
  attribute: string;
  column: string;
  /** For messages: "`timestamps`, on by default", "`paranoid`", "no attribute is a primary key, so Sequelize adds `id`", "User.hasMany(Post)". */
  reason: string;
  /** Where it comes from: the option, the association call, or the model definition. */
  file: string;
  loc: SourceLocation;
  /** An option that decides whether it exists could not be read: it may not exist. */
  uncertain?: boolean;
}

/** One model. */
export interface ModelDefinition {
  /** `modelName` (the name the application uses: `models.User`); null when not static. */
  name: string | null;
  /** Resolved the way Sequelize resolves it; null when it cannot be known (see `unresolvedReason`). */
  tableName: string | null;
  /** `schema` option (model or global `define`); null means the default schema (`public`). */
  schema: string | null;
  /** The model could not be read statically; `unresolvedReason` says why. */
  unresolved: boolean;
  unresolvedReason?: string;
  /** Project-relative POSIX path. */
  file: string;
  /** The `define` / `init` call, or the decorated class. */
  loc: SourceLocation;
  style: ModelStyle;
  attributes: ModelAttribute[];
  /** False when the attributes object could not be read completely (a spread of a value migralint cannot see). */
  attributesComplete: boolean;
  timestamps: boolean;
  paranoid: boolean;
  underscored: boolean;
  freezeTableName: boolean;
  impliedColumns: ImpliedColumn[];
  /** Options that matter here (tableName, timestamps, underscored, ...) but could not be read statically. */
  unresolvedOptions: string[];
  /** Identifiers that hold the model in its file (the class, the `define` result): used to read associations. */
  bindings: string[];
  /**
   * Why the application never loads this model, when it can be shown: the
   * loader reads only the files directly in the models folder
   * (`fs.readdirSync(__dirname)`), this file is in a subfolder, and no file of
   * the folder names that subfolder.
   */
  notLoaded?: string;
}

export type AssociationType = 'belongsTo' | 'hasOne' | 'hasMany' | 'belongsToMany';

/** `Source.hasMany(models.Target, { foreignKey, as })` and friends. */
export interface ModelAssociation {
  type: AssociationType;
  /** Model name of the source. */
  source: string;
  /** Model name (or class name) of the target; null when not static. */
  target: string | null;
  /** `foreignKey` as given (its `name` for the object form); null when absent or not static. */
  foreignKey: string | null;
  /** `foreignKey: { field }`. */
  foreignKeyField: string | null;
  /** `as` when a static string. */
  as: string | null;
  /**
   * belongsToMany: the model (name or class name) given as `through` (`{ through: models.UserRole }`,
   * `@BelongsToMany(() => Role, () => UserRole)`); null for a table name or when absent.
   */
  through?: string | null;
  /** The options could not be read statically. */
  unresolved: boolean;
  file: string;
  loc: SourceLocation;
}

/** What a file of the models folder turned out to be. */
export interface ModelFile {
  /** Project-relative POSIX path. */
  file: string;
  /** `models`: defines at least one model; `loader`: the index.js that loads the others; `other`: helpers, constants. */
  role: 'models' | 'loader' | 'other' | 'parse-error' | 'unreadable';
  /** Parse error or read error message. */
  error?: string;
}

/** Options of `new Sequelize(..., { define: {...} })`, which every model inherits. */
export interface GlobalDefineOptions {
  options: Record<string, JsonValue>;
  /** Where they were read. */
  file: string;
  /** The `define` object could not be read completely. */
  partial: boolean;
}

export interface ModelsAnalysis {
  /** Project-relative POSIX path of the models folder. */
  modelsDir: string;
  globalDefine: GlobalDefineOptions | null;
  models: ModelDefinition[];
  associations: ModelAssociation[];
  files: ModelFile[];
}
