/** Raw SQL analysis: the PostgreSQL parser wrapper and statement-to-operation mapping. */
export { analyzeSql, type SqlOperation } from './analyze-sql';
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
