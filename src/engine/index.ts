export * from './session';
export * from './column-types';
export * from './transform';
export * from './transform-values';
export { castToColumnSql, DATETIME2_PATTERN, datetime2FromTextSql, datetime2Sql, isDatetime2Text, parseDatetime2Text, type Datetime2Parse } from './datetime2-text';
export * from './transform-independence';
export * from './table-source';
export type { CsvFieldKind, CsvLineRead } from './csv-line-read';
export * from './sql-server-semantics';
