import type { Expression } from '../../../tsql';
import { isDatetime2Text } from './date-convert';
import type { SqlFragment } from '../expressions';
import type { EmulatorState } from '../state';
import { makeType } from '../tsql-types';

// Arithmetic on datetime values as numbers of days, which SQL Server allows for datetime and
// smalldatetime only (`GETDATE() - 1`, `@end - @start`).

/** `datetime ± n`: n days, a fraction of a day included when it is a whole number of seconds. */
export function addDays(state: EmulatorState, op: '+' | '-', left: SqlFragment, right: SqlFragment, node: Expression): SqlFragment {
  refuseDayArithmetic(state, left, node);
  return { sql: `(CAST(${left.sql} AS TIMESTAMP) ${op} ${days(right)})`, family: 'datetime', duckType: 'TIMESTAMP' };
}

/**
 * `datetime - datetime`: the datetime that far past 1900-01-01, as SQL Server computes it
 * (CONVERT(varchar(8), @end - @start, 108) is a duration's hh:mm:ss). date, datetime2 and the
 * other types cannot be subtracted in SQL Server: refused.
 */
export function datetimeDifference(state: EmulatorState, left: SqlFragment, right: SqlFragment, node: Expression): SqlFragment {
  refuseDayArithmetic(state, left, node);
  refuseDayArithmetic(state, right, node);
  return {
    sql: `(TIMESTAMP '1900-01-01 00:00:00' + (CAST(${left.sql} AS TIMESTAMP) - CAST(${right.sql} AS TIMESTAMP)))`,
    family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType('datetime', []),
  };
}

/**
 * `datetime + datetime`: both as days past 1900-01-01 added (`CAST(WorkDate AS datetime) +
 * CAST(ShiftStart AS datetime)` puts a time of day on a date). The sum of two 1/300 s ticks is a
 * tick, so the result is rounded to the tick its milliseconds stand for; smalldatetime plus
 * smalldatetime stays smalldatetime (whole minutes). Past either type's range SQL Server fails
 * (Msg 517); DuckDB's TIMESTAMP would go on, so that is raised here.
 */
export function datetimeSum(state: EmulatorState, left: SqlFragment, right: SqlFragment, node: Expression): SqlFragment {
  refuseDayArithmetic(state, left, node);
  refuseDayArithmetic(state, right, node);
  const small = left.tsqlType?.name === 'smalldatetime' && right.tsqlType?.name === 'smalldatetime';
  const sum = `(CAST(${left.sql} AS TIMESTAMP) + (CAST(${right.sql} AS TIMESTAMP) - TIMESTAMP '1900-01-01 00:00:00'))`;
  const sql = dateAddInRange(sum, small ? 'smalldatetime' : 'datetime', 'TIMESTAMP', small ? sum : `tsql_datetime_round(${sum})`);
  return { sql, family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType(small ? 'smalldatetime' : 'datetime', []) };
}

/**
 * A date or time value added to a date/time value (`@WorkDate + @ShiftStart`): SQL Server 2012
 * and later do not compile it (Msg 402, "The data types date and time are incompatible in the add
 * operator"; 2008 added a datetime and a time), where DuckDB would add a DATE and a TIME into a
 * TIMESTAMP; `@end - @start` of two dates (Msg 8117), where DuckDB would count days: refused.
 */
export function refuseTemporalSum(state: EmulatorState, op: '+' | '-', left: SqlFragment, right: SqlFragment, node: Expression): void {
  const temporal = (f: SqlFragment): boolean => f.family === 'date' || f.family === 'time' || f.family === 'datetime';
  if (!temporal(left) || !temporal(right) || (left.family === 'datetime' && right.family === 'datetime')) return;
  const name = (f: SqlFragment): string => f.tsqlType?.name ?? f.family;
  throw state.unsupported(node, `${name(left)} ${op} ${name(right)} (SQL Server 2012 and later: The data types ${name(left)} and ${name(right)} are incompatible in the ${op === '+' ? 'add' : 'subtract'} operator, Msg 402, or date is invalid for it, Msg 8117, where 2008 took datetime and time; CAST both to datetime, or use DATEDIFF/DATEADD)`);
}

/**
 * A number of days as an interval: an integer as it is; a fraction only when it is a whole
 * number of seconds (`GETDATE() - 0.5` is twelve hours, where casting it to an integer had
 * added a day), since SQL Server rounds other fractions to datetime's 1/300 s by rules the
 * emulator does not reproduce (refused at the value met).
 */
function days(n: SqlFragment): string {
  if (n.family === 'integer' || n.family === 'bit') return `to_days(CAST(${n.sql} AS INTEGER))`;
  const seconds = `(CAST(${n.sql} AS DOUBLE) * 86400)`;
  return `(CASE WHEN abs(${seconds} - round(${seconds})) > 1e-6 THEN error('the emulator does not support adding a fraction of a day that is not a whole number of seconds to a datetime (SQL Server rounds it to 1/300 s)') ELSE to_seconds(CAST(round(${seconds}) AS BIGINT)) END)`;
}

/** `date + 1`, `datetime2 - datetime2`: only datetime and smalldatetime count in days; SQL Server rejects the others (Msg 206, 8117). */
function refuseDayArithmetic(state: EmulatorState, left: SqlFragment, node: Expression): void {
  const name = left.family === 'date' ? 'date' : isDatetime2Text(left) ? 'datetime2' : left.tsqlType?.name;
  if (name === 'date' || name === 'datetime2' || name === 'datetimeoffset' || name === 'time') {
    throw state.unsupported(node, `${name} in arithmetic on days (SQL Server: Operand type clash: ${name} is incompatible with int, Msg 206; two of them cannot be subtracted, Msg 8117)`);
  }
}

/** Each date type's range as DuckDB TIMESTAMP bounds (inclusive), for the 517 of DATEADD and of `datetime + datetime`. */
const RANGES: Readonly<Record<'date' | 'datetime2' | 'datetime' | 'smalldatetime', readonly [string, string]>> = {
  date: ['0001-01-01', '9999-12-31 23:59:59.999999'],
  datetime2: ['0001-01-01', '9999-12-31 23:59:59.999999'],
  datetime: ['1753-01-01', '9999-12-31 23:59:59.997'],
  smalldatetime: ['1900-01-01', '2079-06-06 23:59:00'],
};

/**
 * `result` (by default the TIMESTAMP `stamp` it is made from) unless `stamp` left the range of
 * `type`: SQL Server's 517 ("Adding a value to a 'date' column caused an overflow."), a T-SQL
 * error the legacy code may catch, where DuckDB's dates would go on to year 10000 or before year 1.
 * DATEADD checks a datetime after its rounding to 1/300 s (past 9999-12-31 23:59:59.997 it
 * overflows too); `datetime + datetime` checks the sum before it.
 */
export function dateAddInRange(stamp: string, type: keyof typeof RANGES, duck: string, result = stamp): string {
  const [low, high] = RANGES[type];
  return `(CASE WHEN ${stamp} > TIMESTAMP '${high}' OR ${stamp} < TIMESTAMP '${low}' THEN CAST(error('T-SQL Msg 517: Adding a value to a ''${type}'' column caused an overflow.') AS ${duck}) ELSE ${result} END)`;
}
