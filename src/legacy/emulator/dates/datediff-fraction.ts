import type { Expression, FunctionCall } from '../../../tsql';
import { convertSql, type SqlFragment, type SqlTranslator } from '../expressions';
import type { SqlScope } from '../sql-scope';
import { makeType } from '../tsql-types';
import { isDatetime2Text } from './date-convert';
import { asTimestampWithFamily, timestampOf } from './date-operands';
import { instantOf, isOffsetValue } from './offset-values';

// DATEDIFF and DATEDIFF_BIG of MICROSECOND (mcs) and NANOSECOND (ns): the boundaries crossed,
// as for every part (the DATEDIFF page: '2005-12-31 23:59:59.9999999' to '2006-01-01
// 00:00:00.0000000' is 1 microsecond; DATEDIFF overflows int past 35 min 47.483647 s of
// microseconds and 2.147483647 s of nanoseconds, error 535). A datetime2(7) value is held as
// its 7-digit text: its microsecond is the TIMESTAMP DuckDB reads from the text (the 7th digit
// cut, which is where the microsecond boundary lies), and nanoseconds add the 7th digit's 100 ns
// ticks. Every other type the emulator holds to the microsecond at most (time(7) and
// datetimeoffset(7) values with a 100 ns digit are refused where they are made). A datetime is
// refused: its 1/300 s tick in microseconds (.997 is .996666… from compatibility level 130,
// .997000 below it, by its ms) is not what the documentation states for these parts.

const FRACTION_PARTS: Readonly<Record<string, 'microsecond' | 'nanosecond'>> = {
  microsecond: 'microsecond', mcs: 'microsecond', nanosecond: 'nanosecond', ns: 'nanosecond',
};

/** The sub-millisecond part a DATEDIFF's first argument names, or undefined for any other. */
export function dateDiffFractionPart(e: Expression | undefined): 'microsecond' | 'nanosecond' | undefined {
  const raw = e === undefined ? '' : e.kind === 'ColumnRef' ? (e.parts[0]?.name ?? '') : e.kind === 'Literal' ? e.value : '';
  return FRACTION_PARTS[raw.toLowerCase()];
}

/** One operand: its instant to the microsecond (TIMESTAMP) and its 100 ns digit. */
interface FineInstant {
  readonly ts: string;
  readonly tick: string;
}

function fineInstant(t: SqlTranslator, call: FunctionCall, name: string, part: string, e: Expression, scope: SqlScope): FineInstant {
  if (e.kind === 'Literal' && (e.literalType === 'integer' || e.literalType === 'decimal')) return { ts: asTimestampWithFamily(t, e, scope).sql, tick: '0' };
  const x: SqlFragment = t.expr(e, scope);
  if (isOffsetValue(x)) return { ts: `CAST(${instantOf(x)} AS TIMESTAMP)`, tick: '0' };
  // text is read as a datetime2(7) literal, as the other parts read it
  const text = isDatetime2Text(x) ? x.sql
    : x.family === 'string' || (x.family === 'unknown' && x.constant !== undefined) ? convertSql(x, makeType('datetime2', ['7']), false, t.state.dateFormat).sql
      : undefined;
  if (text !== undefined) return { ts: `CAST(${text} AS TIMESTAMP)`, tick: `CAST(substr(${text}, 27, 1) AS BIGINT)` };
  const v = timestampOf(t, x);
  if (v.datetime === 'yes' || v.datetime === 'maybe') {
    throw t.state.unsupported(call, `${name}(${part}, …) of a ${v.datetime === 'yes' ? 'datetime' : 'possibly datetime'} value (which microsecond its 1/300 s tick falls in is not documented); convert it to datetime2 first or compare milliseconds`);
  }
  return { ts: v.sql, tick: '0' };
}

/** DATEDIFF or DATEDIFF_BIG of microseconds or nanoseconds (see above), as INTEGER or BIGINT SQL. */
export function dateDiffFraction(t: SqlTranslator, call: FunctionCall, scope: SqlScope, name: 'DATEDIFF' | 'DATEDIFF_BIG', part: 'microsecond' | 'nanosecond'): string {
  const [a, b] = [call.args[1], call.args[2]];
  if (a === undefined || b === undefined) throw t.state.unsupported(call, `${name} without two dates`);
  const [x, y] = [fineInstant(t, call, name, part, a, scope), fineInstant(t, call, name, part, b, scope)];
  const micro = `CAST(date_diff('microsecond', ${x.ts}, ${y.ts}) AS HUGEINT)`;
  const diff = part === 'microsecond' ? micro : `(${micro} * 1000 + (${y.tick} - ${x.tick}) * 100)`;
  const [lo, hi, type] = name === 'DATEDIFF' ? ['-2147483648', '2147483647', 'INTEGER'] : ['-9223372036854775808', '9223372036854775807', 'BIGINT'];
  // DATEDIFF_BIG's own overflow (nanoseconds over 292 years) is refused: its error is not documented.
  const overflow = name === 'DATEDIFF'
    ? `error('T-SQL Msg 535: The datediff function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use datediff with a less precise datepart.')`
    : `error('the emulator does not support DATEDIFF_BIG(nanosecond, …) past the bigint range (SQL Server''s error there is not documented)')`;
  return `(list_transform([${diff}], d -> CASE WHEN d NOT BETWEEN ${lo} AND ${hi} THEN CAST(${overflow} AS ${type}) ELSE CAST(d AS ${type}) END)[1])`;
}
