import type { SourceSpan } from '../core';
import { datetimeTicksSql, ticksMicrosecondsSql, undocumentedTicksSql } from '../tsql';
import { locatedStop, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import type { DatetimeUnit, SqlType } from './sql-types';

/*
 * A value stored in (or CAST to) a datetime, smalldatetime or datetime2(0)-(6) takes that type's
 * grain: SQL Server rounds it, where the draft, holding every one of these types as one TIMESTAMP,
 * kept the finer value (a datetime2(0) `17:45:29` written to a smalldatetime column is `17:45`, and
 * `23:59:30` is the next day's `00:00`; a datetime2(3) `.125` written to a datetime is `.127`).
 * Rounded here where the rule is certain:
 * - datetime: "rounded to increments of .000, .003, or .007 seconds"
 *   (learn.microsoft.com/sql/t-sql/data-types/datetime-transact-sql): to the nearest 1/300 s, half
 *   up (.995 is .997, .999 the next second), as the emulator's tsql_datetime_round does
 *   (src/legacy/emulator/tsql-macros.ts). A value with digits past the milliseconds stops the query
 *   where rounding it straight to 1/300 s and rounding or cutting it to milliseconds first give other
 *   ticks (which SQL Server does is not documented); so does a result outside 1753-01-01 -
 *   9999-12-31 23:59:59.997, where SQL Server fails the conversion.
 * - smalldatetime: "29.998 seconds or less are rounded down to the nearest minute; values of 29.999
 *   seconds or more are rounded up" (learn.microsoft.com/sql/t-sql/data-types/smalldatetime-transact-sql):
 *   whole seconds from 30 up; a value in the band 29.998-29.999 s, where a finer source's rounding
 *   is not documented, stops the query; so does a result outside 1900-01-01 - 2079-06-06 23:59,
 *   where SQL Server fails the conversion.
 * - datetime2(0)-(2): half up at the grain (exact for any source: a datetime's 1/300 s never falls
 *   on a halfway point of 1 s, 0.1 s or 0.01 s).
 * - datetime2(3)-(6): a datetime's .xx3/.xx7 ms hold 1/300 s, which reaches a finer type as .xx3333…
 *   or .xx3 by the compatibility level, and the draft cannot tell a datetime from a datetime2(n)
 *   value of unknown grain, so a value needing more than the grain keeps (3) or any digit past
 *   the hundredths (4-6) stops the query, unless its source is known to be no finer.
 * Text converted to these types is whole minutes, its range checked where it is read (convert-value.ts).
 */

/** `sql` (a TIMESTAMP of type `from`) with the grain of `to`, or `sql` itself where nothing can round. */
export function roundToUnit(sql: string, from: SqlType, to: SqlType, scope: DraftScope, at: { readonly span: SourceSpan }): string {
  if (to.family !== 'datetime' || to.unit === undefined || from.family === 'date' || from.family === 'string' || noFiner(from, to.unit)) return sql;
  const frac = `(epoch_us(${sql}) - epoch_us(date_trunc('second', ${sql})))`;
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, at.span, why))})`;
  if (to.unit === 'tick') return toTicks(sql, from, stop);
  if (to.unit === 'minute') {
    const rounded = `(date_trunc('minute', ${sql}) + CASE WHEN second(${sql}) >= 30 THEN INTERVAL 1 MINUTE ELSE INTERVAL 0 MINUTE END)`;
    return `(CASE WHEN ${sql} IS NULL THEN NULL`
      + ` WHEN second(${sql}) = 29 AND ${frac} >= 998000 THEN ${stop('a value between 29.998 and 30 seconds past the minute stored as smalldatetime: whether SQL Server rounds it up or down is not documented for this source')}`
      + ` WHEN ${rounded} < TIMESTAMP '1900-01-01' OR ${rounded} > TIMESTAMP '2079-06-06 23:59:00' THEN ${stop('a value outside smalldatetime\'s range (1900-01-01 to 2079-06-06 23:59): SQL Server fails the conversion')}`
      + ` ELSE ${rounded} END)`;
  }
  const grain = 10 ** (6 - to.unit);
  if (to.unit <= 2) return `(date_trunc('second', ${sql}) + to_microseconds(((${frac} + ${grain / 2}) // ${grain}) * ${grain}))`;
  const exact = to.unit === 3 ? 1000 : 10000;
  return `(CASE WHEN ${frac} % ${exact} <> 0 THEN ${stop(`a value with more fraction digits than datetime2(${to.unit}) keeps: its rounding depends on whether it was a datetime (1/300 s) and on the compatibility level, which the draft does not know`)} ELSE ${sql} END)`;
}

/**
 * `sql` as a datetime holds it. A datetime2(0)-(2) value is already on datetime's ticks (10 ms is
 * 3 of them) and is only checked against the range; anything finer (datetime2(3)-(7), a value of
 * unknown grain) is rounded to the nearest tick.
 */
function toTicks(sql: string, from: SqlType, stop: (why: string) => string): string {
  const outside = (x: string): string => `${x} < TIMESTAMP '1753-01-01' OR ${x} > TIMESTAMP '9999-12-31 23:59:59.997'`;
  const range = stop('a value outside datetime\'s range (1753-01-01 to 9999-12-31 23:59:59.997) stored as datetime: SQL Server fails the conversion');
  if (from.family === 'datetime' && typeof from.unit === 'number' && from.unit <= 2) return `(CASE WHEN ${outside(sql)} THEN ${range} ELSE ${sql} END)`;
  const day = `date_trunc('day', ${sql})`;
  const us = `(epoch_us(${sql}) - epoch_us(${day}))`;
  const rounded = `(${day} + to_microseconds(${ticksMicrosecondsSql(ticks(us))}))`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL`
    + ` WHEN ${undocumentedTicksSql(us)} THEN ${stop('a value with digits past the milliseconds stored as datetime, where rounding it straight to 1/300 s and rounding or cutting it to milliseconds first give other values: which SQL Server does is not documented')}`
    + ` WHEN ${outside(rounded)} THEN ${range} ELSE ${rounded} END)`;
}

/** Microseconds since midnight `us` as datetime's 1/300 s ticks (src/tsql/datetime-ticks.ts, shared with the emulator). */
const ticks = datetimeTicksSql;

/**
 * Whether every value of `from` already has the grain `unit` (a smalldatetime in a datetime2(0), a
 * datetime2(2) in a datetime2(3), a datetime's milliseconds in a datetime2(3), the clock's whole
 * seconds in a datetime).
 */
function noFiner(from: SqlType, unit: DatetimeUnit): boolean {
  if (from.family !== 'datetime' || from.unit === undefined) return false;
  if (from.unit === 'minute') return true;
  if (unit === 'minute') return false;
  if (unit === 'tick') return from.unit === 'tick' || from.clock === true;
  if (from.unit === 'tick') return unit === 3;
  return from.unit <= unit;
}
