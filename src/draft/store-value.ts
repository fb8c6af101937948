import type { SourceSpan } from '../core';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { castTo } from './convert-value';
import { storeBinary } from './binary-values';
import { locatedStop, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import type { SqlType } from './sql-types';

/*
 * A value an INSERT, an UPDATE … SET or a MERGE stores in a column converts as CAST converts it,
 * except text into a char/varchar/nchar/nvarchar(n) column: with ANSI_WARNINGS ON (the default)
 * the statement fails with error 2628 (8152 before SQL Server 2019) where characters other than
 * trailing blanks would be cut, where CAST cuts silently
 * (learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error).
 * The legacy procedure then stores nothing; a draft that cut the text would write rows it never
 * wrote, so the draft stops the query there, naming the statement and the column.
 */

/** `v` converted to the column `column` of `table` (both as people read them) of type `type`. */
export function storeAs(v: Translated, type: SqlType, scope: DraftScope, at: { readonly span: SourceSpan }, table: string, column: string): Translated | Refusal {
  const bytes = storeBinary(v, type, scope, at, table, column);
  if (bytes !== undefined) return bytes;
  const c = castTo(v, type, scope, at);
  if (isRefusal(c) || type.family !== 'string' || type.length === undefined || v.type.family !== 'string') return c;
  // A text whose declared length fits the column is never cut.
  if (v.type.length !== undefined && v.type.length <= type.length) return c;
  const kept = `rtrim(${v.sql}, ' ')`;
  // nchar/nvarchar count UTF-16 code units: a character past U+FFFF takes two.
  const units = type.unicode ? `length(${kept}) + length(regexp_replace(${kept}, '[^\\x{10000}-\\x{10FFFF}]', '', 'gs'))` : `length(${kept})`;
  const stop = stringLiteral(locatedStop(scope.ctx, at.span, `String or binary data would be truncated in table '${table}', column '${column}' (SQL Server fails the statement with error 2628)`));
  return translated(`(CASE WHEN ${units} > ${type.length} THEN error(${stop}) ELSE ${c.sql} END)`, c.type);
}
