import type { TableFunctionRef } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { freshName, refuseAt, type DraftScope, type SourceBinding } from './draft-scope';
import { quoteName, stringLiteral } from './sql-text';
import { BIGINT, type SqlType } from './sql-types';
import { translateExpression } from './translate-expression';

/*
 * STRING_SPLIT(string, separator [, enable_ordinal]) as a row source (the STRING_SPLIT page):
 * one row per substring, empty substrings between two separators kept, no row for a NULL
 * string; `value` is nvarchar when either argument is Unicode, else varchar, of the string's
 * length; with enable_ordinal 1 a bigint `ordinal`, the 1-based position of the substring. The
 * separator must be one character (else SQL Server raises an error), so only a one-character
 * literal is translated; DuckDB's string_split cuts at it the same way.
 */

/** Whether a FROM item is a call of the built-in STRING_SPLIT. */
export function isStringSplit(src: TableFunctionRef): boolean {
  return src.call.kind === 'FunctionCall' && src.call.name.parts.length === 1 && src.call.name.parts[0]?.name.toUpperCase() === 'STRING_SPLIT';
}

/** The rows of a STRING_SPLIT call as a DuckDB relation, bound as a source of the query. */
export function translateStringSplit(src: TableFunctionRef, scope: DraftScope, sources: SourceBinding[]): { readonly relation: string; readonly columns: readonly DraftColumn[] } | Refusal {
  const ctx = scope.ctx;
  const call = src.call;
  if (call.kind !== 'FunctionCall' || call.args.length < 2 || call.args.length > 3) return refuseAt(ctx, src.span, 'STRING_SPLIT(…)', 'it takes a string, a separator and an optional enable_ordinal');
  const [arg, sepArg, ordinalArg] = call.args;
  if (sepArg?.kind !== 'Literal' || (sepArg.literalType !== 'string' && sepArg.literalType !== 'nstring') || [...sepArg.value].length !== 1) {
    return refuseAt(ctx, sepArg?.span ?? src.span, 'STRING_SPLIT separator', 'only a one-character string literal is translated (SQL Server raises an error for any other length)');
  }
  if (ordinalArg !== undefined && !(ordinalArg.kind === 'Literal' && ['0', '1'].includes(ordinalArg.value))) {
    return refuseAt(ctx, ordinalArg.span, 'STRING_SPLIT enable_ordinal', 'SQL Server takes only the constant 0 or 1');
  }
  const s = translateExpression(arg as NonNullable<typeof arg>, scope);
  if (isRefusal(s)) return s;
  if (s.type.family !== 'string' && s.type.family !== 'null') return refuseAt(ctx, (arg as NonNullable<typeof arg>).span, 'STRING_SPLIT of a value that is not text', 'its conversion to text is not translated');
  const unicode = (s.type.family === 'string' && s.type.unicode) || sepArg.literalType === 'nstring';
  const valueType: SqlType = { family: 'string', unicode, length: s.type.family === 'string' ? s.type.length : undefined };
  const columns: DraftColumn[] = [{ name: 'value', type: valueType }];
  const withOrdinal = ordinalArg?.kind === 'Literal' && ordinalArg.value === '1';
  if (withOrdinal) columns.push({ name: 'ordinal', type: BIGINT });
  const pieces = `string_split(CAST(${s.sql} AS VARCHAR), ${stringLiteral(sepArg.value)})`;
  const select = withOrdinal ? `SELECT unnest(p) AS value, unnest(range(1, len(p) + 1)) AS ordinal FROM (SELECT ${pieces} AS p)` : `SELECT unnest(${pieces}) AS value`;
  const alias = src.alias?.name ?? 'STRING_SPLIT';
  const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
  sources.push({ alias, tableKey: undefined, aliased: src.alias !== undefined, sqlAlias, columns });
  return { relation: `(${select}) ${quoteName(sqlAlias)}(${columns.map((c) => quoteName(c.name)).join(', ')})`, columns };
}
