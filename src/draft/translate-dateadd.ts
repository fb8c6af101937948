import type { FunctionCall } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { castTo } from './convert-value';
import { stringLiteral } from './sql-text';
import { DATE, DATETIME_TICKS, formatSqlType, isNumeric, type SqlType } from './sql-types';

/*
 * DATEADD, and the date arguments of DATEADD and DATEDIFF. DATEADD returns the type of its date
 * argument, a string literal's being datetime (learn.microsoft.com/sql/t-sql/functions/dateadd-transact-sql),
 * so its result keeps that type's grain where it is compared, grouped or output unstored: a
 * smalldatetime plus seconds rounds to the minute (the page: "If datepart is second and number is
 * between -30 and +29, DATEADD makes no changes", as the smalldatetime page rounds 30 seconds up),
 * and a result outside the type's range fails (Msg 517, "Adding a value to a 'datetime' column
 * caused an overflow"), where DuckDB's timestamps go on past 9999-12-31 (`DATEADD(day, 1, ValidTo)`
 * of an open version). The emulator does the same (src/legacy/emulator/functions.ts).
 */

type Result = Translated | Refusal;

/** The dateparts DATEADD, DATEDIFF, DATENAME and DATEPART take, by DuckDB's names. */
export const UNITS: Readonly<Record<string, string>> = {
  day: 'day', dd: 'day', d: 'day', month: 'month', mm: 'month', m: 'month', year: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter', hour: 'hour', hh: 'hour', minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second', week: 'week', wk: 'week', ww: 'week',
};

/*
 * SQL Server converts an integer to datetime as a day count from 1900-01-01 (0 is
 * 1900-01-01 00:00), implicitly where a date argument is expected: `DATEADD(DAY,
 * DATEDIFF(DAY, 0, @d), 0)` is the classic way to cut a datetime to midnight. Outside
 * datetime's range (1753-01-01 .. 9999-12-31) the conversion fails.
 */
const DATETIME_MIN_DAYS = -53690;
const DATETIME_MAX_DAYS = 2958463;

/**
 * A date or datetime argument as it is, an integer converted to datetime as SQL Server does
 * (days after 1900-01-01; a constant out of range is refused, a computed one checked at run
 * time), a `'yyyymmdd'` constant as that datetime, or undefined for any other type (other text
 * and float convert by rules not reproduced).
 */
export function asDateArgument(t: Translated): Translated | undefined {
  if (t.type.family === 'date' || t.type.family === 'datetime') return t;
  if (t.type.family === 'string') return unseparatedDate(t.sql);
  if (t.type.family !== 'int') return undefined;
  const constant = /^\(?(-?\d+)\)?$/.exec(t.sql);
  if (constant) {
    const n = Number(constant[1]);
    if (n < DATETIME_MIN_DAYS || n > DATETIME_MAX_DAYS) return undefined;
    return translated(n === 0 ? "TIMESTAMP '1900-01-01 00:00:00'" : `(TIMESTAMP '1900-01-01 00:00:00' + to_days(${n}))`, DATETIME_TICKS);
  }
  const overflow = "error('Arithmetic overflow error converting expression to data type datetime.')";
  return translated(`(CASE WHEN ${t.sql} NOT BETWEEN ${DATETIME_MIN_DAYS} AND ${DATETIME_MAX_DAYS} THEN ${overflow} ELSE TIMESTAMP '1900-01-01 00:00:00' + to_days(CAST(${t.sql} AS INTEGER)) END)`, DATETIME_TICKS);
}

/*
 * DATEDIFF reads a string constant as a date (`DATEDIFF(DAY, '19000101', d)`, the gaps-and-islands
 * idiom). The unseparated `yyyymmdd` form reads the same under every SET DATEFORMAT and SET
 * LANGUAGE (the datetime page's "Unseparated string format"), so only it is translated; a day that
 * does not exist, or a year before datetime's 1753, is left to SQL Server's conversion error (refused).
 */
function unseparatedDate(sql: string): Translated | undefined {
  const m = /^'(\d{4})(\d{2})(\d{2})'$/.exec(sql);
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1753 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return translated(`TIMESTAMP '${m[1]}-${m[2]}-${m[3]} 00:00:00'`, DATETIME_TICKS);
}

/** How many of each unit make at least a year (a constant date moved by fewer years stays in range). */
const YEARS_PER: Readonly<Record<string, number>> = { year: 1, quarter: 4, month: 12, week: 52, day: 365, hour: 8760, minute: 525600, second: 31536000 };

/** Each type's range as TIMESTAMP bounds, and its name in Msg 517. */
function rangeOf(t: SqlType): { readonly name: string; readonly low: string; readonly high: string } {
  if (t.family === 'date') return { name: 'date', low: '0001-01-01', high: '9999-12-31 23:59:59.999999' };
  const unit = t.family === 'datetime' ? t.unit : undefined;
  if (unit === 'minute') return { name: 'smalldatetime', low: '1900-01-01', high: '2079-06-06 23:59:00' };
  if (typeof unit === 'number' && !(t.family === 'datetime' && t.clock === true)) return { name: 'datetime2', low: '0001-01-01', high: '9999-12-31 23:59:59.999999' };
  // a datetime; the clock (GETDATE()'s datetime, or SYSDATETIME()'s datetime2) and a value of unknown grain as the narrower datetime
  return { name: 'datetime', low: '1753-01-01', high: '9999-12-31 23:59:59.997' };
}

/** DATEADD(unit, n, date) with SQL Server's result type (see the top of this file). */
export function dateAdd(call: FunctionCall, args: readonly Translated[], scope: DraftScope): Result {
  const [u, n, given] = args;
  const unit = UNITS[u?.sql ?? ''];
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'DATEADD()', why);
  if (!unit || !n || !given) return refuse(`the unit ${u?.sql ?? '?'} is not translated`);
  // a string literal is read as a datetime, under the SET DATEFORMAT in effect, as CAST reads it
  const literal = call.args[2];
  const d = literal?.kind === 'Literal' && (literal.literalType === 'string' || literal.literalType === 'nstring') ? castTo(given, DATETIME_TICKS, scope, literal) : asDateArgument(given);
  if (d === undefined) return refuse(`the date argument is ${formatSqlType(given.type)}, converted implicitly`);
  if (isRefusal(d)) return d;
  if (d.type.family === 'date' && ['hour', 'minute', 'second'].includes(unit)) return refuse(`SQL Server rejects ${unit} on a date (Msg 9810)`);
  // A fractional number is truncated by SQL Server.
  const count = n.type.family === 'int' ? n.sql : isNumeric(n.type) ? `CAST(trunc(${n.sql}) AS INTEGER)` : undefined;
  if (count === undefined) return refuse('the number is not numeric');
  const interval = unit === 'quarter' ? `to_months(3 * ${count})` : unit === 'week' ? `to_days(7 * ${count})` : `to_${unit}s(${count})`;
  // Adding months clamps to the month's last day in both engines.
  const sum = `(${d.sql} + ${interval})`;
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, call.span, why))})`;
  const { name, low, high } = rangeOf(d.type);
  const overflow = stop(`DATEADD's result is outside the range of ${name} (${low} to ${high}): SQL Server fails with Msg 517 (Adding a value to a '${name}' column caused an overflow)`);
  // a constant number moves the value one way only: the other bound needs no check, nor any where
  // a constant date moves by less than the years between it and the bounds
  const constant = /^\(?(-?\d+)\)?$/.exec(count);
  const by = constant === null ? undefined : Number(constant[1]);
  const year = /^(?:CAST\('|TIMESTAMP ')(\d{4})-/.exec(d.sql);
  const years = by === undefined ? undefined : Math.abs(by) / (YEARS_PER[unit] ?? 1);
  const inside = year !== null && years !== undefined && Number(year[1]) - years > Number(low.slice(0, 4)) + 1 && Number(year[1]) + years < Number(high.slice(0, 4)) - 1;
  const inRange = (value: string): string => {
    const bounds = inside ? [] : [by === undefined || by < 0 ? `${value} < TIMESTAMP '${low}'` : '', by === undefined || by > 0 ? `${value} > TIMESTAMP '${high}'` : ''].filter((b) => b !== '');
    return bounds.length === 0 ? value : `(CASE WHEN ${bounds.join(' OR ')} THEN ${overflow} ELSE ${value} END)`;
  };
  if (d.type.family === 'date') return translated(inRange(`CAST(${sum} AS DATE)`), DATE);
  if (d.type.family !== 'datetime' || unit !== 'second' || (d.type.unit !== undefined && d.type.unit !== 'minute')) return translated(inRange(sum), d.type);
  // seconds on a smalldatetime round to the minute, 30 up, before the range is checked
  if (d.type.unit === 'minute') return translated(inRange(`(date_trunc('minute', ${sum}) + CASE WHEN second(${sum}) >= 30 THEN INTERVAL 1 MINUTE ELSE INTERVAL 0 MINUTE END)`), d.type);
  // of unknown grain: a whole minute may be a smalldatetime's, whose result would round
  const unknown = stop('DATEADD(second, …) of a value of unknown type on a whole minute, by seconds that are not whole minutes: a smalldatetime\'s result rounds to the minute, another type\'s does not (declare the column in the DDL given to the draft)');
  return translated(inRange(`(CASE WHEN date_trunc('minute', ${d.sql}) = ${d.sql} AND ${count} % 60 <> 0 THEN ${unknown} ELSE ${sum} END)`), d.type);
}
