import { convertSql } from './conversions';
import type { SqlFragment, SqlTranslator } from './expressions';
import { isBlankPadded, makeType, type TsqlType } from './tsql-types';

/*
 * Functions whose result has their first argument's type (ISNULL, LAG and LEAD with a default):
 * the other value is converted to it as SQL Server's CAST converts, where DuckDB would take the
 * common type of both (COALESCE(int, 1.5) a decimal, lag(int, 1, 0.7) rounded to 1).
 */

/** Whether a value is a date, a date/time or a time. */
export function isTemporal(f: SqlFragment): boolean {
  return f.family === 'date' || f.family === 'datetime' || f.family === 'time';
}

/**
 * `y` converted to the type of `x`, for functions whose result has their first argument's type
 * (ISNULL's replacement, LAG's and LEAD's default): a date/time keeps `x`'s representation, text
 * is cut (char: padded) to `x`'s declared length, a number converts as CAST does
 * (ISNULL(@int, 1.5) is 1, ISNULL(@decimal52, 1.2345) is 1.23, ISNULL(SUM(Qty), 2.7) is 2).
 */
export function inTypeOf(t: SqlTranslator, x: SqlFragment, value: SqlFragment): SqlFragment {
  let y = sameTemporalType(t, x, value);
  const n = x.tsqlType?.length;
  if (x.family === 'string' && n !== undefined && n >= 0 && ['varchar', 'nvarchar', 'char', 'nchar'].includes(x.tsqlType?.name ?? '')) {
    const cut = `left(CAST(${y.sql} AS VARCHAR), ${n})`;
    y = { ...y, sql: isBlankPadded(x.tsqlType) ? `rpad(${cut}, ${n}, ' ')` : cut };
  }
  const type = x.family === 'integer' || x.family === 'exact' ? x.tsqlType ?? numberTypeOf(x) : undefined;
  return type === undefined ? y : convertSql(y, type);
}

/** The T-SQL type of a computed number from its DuckDB type (`Qty * 2`, `SUM(Qty)`), when it has one. */
function numberTypeOf(x: SqlFragment): TsqlType | undefined {
  const d = (x.duckType ?? '').toUpperCase();
  const ints: Readonly<Record<string, string>> = { TINYINT: 'tinyint', UTINYINT: 'tinyint', SMALLINT: 'smallint', INTEGER: 'int', BIGINT: 'bigint' };
  // An integer of unknown width: any integer type truncates the replacement alike.
  const name = ints[d] ?? (x.family === 'integer' && d === '' ? 'bigint' : undefined);
  if (name !== undefined) return makeType(name, []);
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(d);
  return m === null || Number(m[1]) > 38 ? undefined : makeType('decimal', [m[1] as string, m[2] as string]);
}

/** `y` in the date/time representation of `x` when `x` is a date/time value of known type. */
export function sameTemporalType(t: SqlTranslator, x: SqlFragment, y: SqlFragment): SqlFragment {
  const type = x.tsqlType;
  if (!isTemporal(x) || type === undefined || (y.duckType === x.duckType && y.tsqlType?.name === type.name && y.tsqlType.scale === type.scale)) return y;
  return convertSql(y, type, false, t.state.dateFormat);
}
