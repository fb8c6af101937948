import type { SqlFragment } from '../expressions';
import type { TsqlType } from '../tsql-types';

// datetime and smalldatetime as numbers, and numbers as datetime: SQL Server holds a datetime as
// days since 1900-01-01 and 1/300 s ticks since midnight, a smalldatetime as days and minutes,
// and converts them to float as days plus the fraction of the day (the pre-2008 idiom
// CAST(FLOOR(CAST(@d AS float)) AS datetime) strips the time). date, time, datetime2 and
// datetimeoffset do not convert to or from numbers (error 529, a compile-time error).

/** The date/time types SQL Server converts to and from numbers. */
export function isNumberedDateTime(x: Pick<SqlFragment, 'family' | 'duckType' | 'tsqlType'>): boolean {
  if (x.family !== 'datetime' || x.duckType !== 'TIMESTAMP') return false;
  const name = x.tsqlType?.name;
  // A TIMESTAMP whose type the translator lost (GETDATE(), an expression over datetime) is datetime.
  return name === undefined || name === 'datetime' || name === 'smalldatetime';
}

/** Why a conversion between a date/time value and a number is not allowed, or undefined when it is. */
export function numberConversionError(from: SqlFragment, to: TsqlType): string | undefined {
  const numeric = (name: string): boolean => ['tinyint', 'smallint', 'int', 'bigint', 'bit', 'decimal', 'money', 'smallmoney', 'float', 'real'].includes(name);
  const temporal = from.family === 'date' || from.family === 'time' || from.family === 'datetime';
  if (temporal && numeric(to.name) && !isNumberedDateTime(from)) return `Explicit conversion from data type ${from.tsqlType?.name ?? from.family} to ${to.name} is not allowed.`;
  return undefined;
}

/** SQL of `ts` (a datetime or smalldatetime TIMESTAMP) as days since 1900-01-01 and ticks of the day. */
function parts(x: SqlFragment): { days: string; ticks: string; perDay: number } {
  const ts = `CAST(${x.sql} AS TIMESTAMP)`;
  const days = `CAST(date_diff('day', DATE '1900-01-01', CAST(${ts} AS DATE)) AS BIGINT)`;
  const ms = `(epoch_ms(${ts}) - epoch_ms(date_trunc('day', ${ts})))`;
  // The emulator keeps datetime's ticks as whole milliseconds (.003, .007): ms * 0.3, rounded, is the tick.
  if (x.tsqlType?.name === 'smalldatetime') return { days, ticks: `(${ms} // 60000)`, perDay: 1440 };
  return { days, ticks: `((${ms} * 3 + 5) // 10)`, perDay: 25_920_000 };
}

/**
 * A datetime/smalldatetime as float: days since 1900-01-01 plus the fraction of the day. The
 * exact quotient (days * ticks a day + ticks) / ticks a day, correctly rounded to a double.
 */
export function dateTimeToFloat(x: SqlFragment): string {
  const { days, ticks, perDay } = parts(x);
  return `((${days} * ${perDay} + ${ticks}) / ${perDay}.0)`;
}

/**
 * A datetime/smalldatetime as an integer: the day number rounded, noon and later to the next day
 * (CAST(GETDATE() AS int) is tomorrow in the afternoon). Before 1900 the day number is negative and
 * how SQL Server rounds a time of exactly noon there is not documented: refused where met.
 */
export function dateTimeToInteger(x: SqlFragment, duck: string): string {
  const { days, ticks, perDay } = parts(x);
  const half = perDay / 2;
  return `(CASE WHEN ${x.sql} IS NULL THEN NULL
    WHEN ${days} < 0 AND ${ticks} = ${half} THEN error('the emulator does not support converting a datetime before 1900 at exactly noon to an integer (how SQL Server rounds it is not documented)')
    ELSE CAST(${days} + CASE WHEN ${ticks} > ${half} OR (${ticks} = ${half} AND ${days} >= 0) THEN 1 ELSE 0 END AS ${duck}) END)`;
}

/**
 * A number as datetime/smalldatetime: that many days after 1900-01-01. A fraction of a day (its
 * rounding to ticks is not documented) and a day outside the type's range are refused where met.
 */
export function numberToDateTime(x: SqlFragment, type: TsqlType): string {
  const small = type.name === 'smalldatetime';
  const [low, high] = small ? [0, 65535] : [-53690, 2958463];
  const n = `CAST(${x.sql} AS DOUBLE)`;
  return `(CASE WHEN ${x.sql} IS NULL THEN NULL
    WHEN ${n} <> floor(${n}) THEN error('the emulator does not support converting a number with a fraction of a day to ${type.name} (its rounding to ${small ? 'minutes' : '1/300 s'} is not documented)')
    WHEN ${n} < ${low} OR ${n} > ${high} THEN error('the emulator does not support converting a number outside ${type.name}''s range of days to it (SQL Server raises an overflow error)')
    ELSE TIMESTAMP '1900-01-01' + to_days(CAST(${n} AS INTEGER)) END)`;
}
