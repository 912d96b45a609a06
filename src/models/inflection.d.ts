/** The functions of inflection 1.13 that Sequelize 6 names tables and fields with. */
declare module 'inflection' {
  const inflection: {
    pluralize(str: string, plural?: string): string;
    singularize(str: string, singular?: string): string;
    underscore(str: string, allUpperCase?: boolean): string;
  };
  export = inflection;
}
