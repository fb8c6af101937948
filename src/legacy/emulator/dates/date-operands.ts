import type { Expression, FunctionCall } from '../../../tsql';
import { convertSql, type SqlFragment, type SqlTranslator } from '../expressions';
import type { SqlScope } from '../sql-scope';
import { makeType } from '../tsql-types';
import { instantOf, isOffsetValue, localTimestamp } from './offset-values';

// The date/time argument of DATEADD, DATEDIFF, DATEPART, DATENAME, YEAR … as a DuckDB TIMESTAMP:
// a day number from 1900-01-01, date text read as a literal, a time of day on 1900-01-01.

/** An argument as a TIMESTAMP; SQL Server's date 0 is 1900-01-01 (`DATEDIFF(DAY, 0, @d)`, `DATEADD(DAY, n, 0)`). */
export function asTimestamp(t: SqlTranslator, e: Expression, scope: SqlScope): string {
  const v = asTimestampWithFamily(t, e, scope);
  // Its callers read date parts only (YEAR, MONTH, DAY, EOMONTH, ISO_WEEK), which a time has not.
  if (v.family === 'time') throw t.state.unsupported(e, 'a date function (YEAR, MONTH, DAY, EOMONTH, DATEPART(iso_week)) of a time value (SQL Server fails with 9810 for a time column or variable)');
  return v.sql;
}

export function asTimestampWithFamily(t: SqlTranslator, e: Expression, scope: SqlScope): { sql: string; family: string; datetime?: 'yes' | 'maybe' | 'no' } {
  if (e.kind === 'Literal' && (e.literalType === 'integer' || e.literalType === 'decimal')) {
    return { sql: `(TIMESTAMP '1900-01-01' + to_days(CAST(${e.value} AS INTEGER)))`, family: 'datetime' };
  }
  return timestampOf(t, t.expr(e, scope));
}

/** Whether a value is a datetime (whose exact tick counts from compatibility level 130), may be one (a TIMESTAMP of no tracked type), or is not. */
function datetimeKind(x: SqlFragment): 'yes' | 'maybe' | 'no' {
  if (x.family !== 'datetime' || x.duckType === 'VARCHAR') return 'no';
  const name = x.tsqlType?.name.toLowerCase();
  return name === 'datetime' ? 'yes' : name === undefined ? 'maybe' : 'no';
}

/**
 * DATEDIFF's argument as a TIMESTAMP of its instant: a datetimeoffset held with its offset is
 * read at UTC ("DATEDIFF uses the time zone offset component"), anything else as timestampOf
 * reads it (a stored datetimeoffset is at +00:00; a datetime2 or text is taken as at +00:00).
 */
export function asInstantWithFamily(t: SqlTranslator, e: Expression, scope: SqlScope): { sql: string; family: string; datetime?: 'yes' | 'maybe' | 'no' } {
  if (e.kind === 'Literal' && (e.literalType === 'integer' || e.literalType === 'decimal')) return asTimestampWithFamily(t, e, scope);
  const x = t.expr(e, scope);
  return isOffsetValue(x) ? { sql: `CAST(${instantOf(x)} AS TIMESTAMP)`, family: 'datetime', datetime: 'no' } : timestampOf(t, x);
}

/** A translated date/time value (or day number, or date text) as a DuckDB TIMESTAMP; a datetimeoffset held with its offset as its local date and time. */
export function timestampOf(t: SqlTranslator, x: SqlFragment): { sql: string; family: string; datetime?: 'yes' | 'maybe' | 'no' } {
  if (isOffsetValue(x)) return { sql: localTimestamp(x), family: 'datetime', datetime: 'no' };
  if (x.family === 'integer') return { sql: `(TIMESTAMP '1900-01-01' + to_days(CAST(${x.sql} AS INTEGER)))`, family: 'datetime' };
  // Text is read as a date literal (every SQL Server format), datetime2 text as its timestamp.
  if (x.family === 'string' || (x.family === 'unknown' && x.constant !== undefined)) {
    return { sql: `CAST(${convertSql(x, makeType('datetime2', ['7']), false, t.state.dateFormat).sql} AS TIMESTAMP)`, family: 'datetime' };
  }
  // A time value has no date: DATEDIFF reads it as on 1900-01-01 (the DATEDIFF page), and DuckDB
  // has no CAST from TIME to TIMESTAMP (`DATEDIFF(second, CAST(@dt AS time), KioskTime)` failed).
  if (x.family === 'time') return { sql: `(DATE '1900-01-01' + CAST(${x.sql} AS TIME))`, family: 'time' };
  return { sql: `CAST(${x.sql} AS TIMESTAMP)`, family: x.family, datetime: datetimeKind(x) };
}

const TIME_PARTS = new Set(['hour', 'minute', 'second', 'millisecond']);

/**
 * Refuses a date part a time value does not have (`DATEPART(weekday, @t)`, `DATEADD(day, 1, @t)`,
 * `YEAR(@t)`): SQL Server fails such calls with 9810 for a time column or variable but answers
 * from 1900-01-01 for a time literal, and reading the value on 1900-01-01 would answer always.
 */
export function timeOnlyPart(t: SqlTranslator, call: FunctionCall, name: string, family: string, part: string): void {
  if (family === 'time' && !TIME_PARTS.has(part)) throw t.state.unsupported(call, `${name} with the date part ${part} of a time value (SQL Server fails with 9810 for a time column or variable)`);
}
