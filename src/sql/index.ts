/** Raw SQL analysis: the PostgreSQL parser wrapper and statement-to-operation mapping. */
export { analyzeSql } from './analyze-sql';
export type { SqlOperation } from './sql-operation';
export { HOLE_PREFIX, holePlaceholder, isHole } from './holes';
export {
  isSqlParserLoaded,
  isSqlSyntaxError,
  loadSqlParser,
  parseSqlSync,
  scanSqlSync,
  SqlParserNotLoadedError,
} from './pg-parser';
export { formatTypeName } from './type-name';
