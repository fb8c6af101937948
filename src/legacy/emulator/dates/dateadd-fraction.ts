import type { Expression, FunctionCall } from '../../../tsql';
import type { SqlFragment, SqlTranslator } from '../expressions';
import type { SqlScope } from '../sql-scope';
import { isDatetime2Text } from './date-convert';
import { dateAddInRange } from './day-arithmetic';

// DATEADD(MICROSECOND | NANOSECOND, n, d): the SCD type 2 idiom that closes a version one tick
// before the next one starts (`[Valid To] = DATEADD(NANOSECOND, -100, @LoadTime)` over
// datetime2(7)). Only what is certain is emulated: on a datetime2(7) value (held as its
// 7-digit text) n microseconds, or n nanoseconds where n is a whole number of 100 ns ticks,
// shift the value by exactly that; on a datetime2(6) n microseconds likewise. The DATEADD page
// rounds a nanosecond count that is no multiple of 100 (49 adds nothing, 50 one tick) without
// saying how negative counts or lower scales round, so those are refused, as are the parts on
// other types (SQL Server fails datetime, smalldatetime and date with 9810) and on time and
// datetimeoffset, which the emulator holds otherwise.

const FRACTION_PARTS: Readonly<Record<string, 'microsecond' | 'nanosecond'>> = {
  microsecond: 'microsecond', mcs: 'microsecond', nanosecond: 'nanosecond', ns: 'nanosecond',
};

/** The sub-millisecond part a DATEADD's first argument names, or undefined for any other. */
export function fractionPart(e: Expression | undefined): 'microsecond' | 'nanosecond' | undefined {
  const raw = e === undefined ? '' : e.kind === 'ColumnRef' ? (e.parts[0]?.name ?? '') : e.kind === 'Literal' ? e.value : '';
  return FRACTION_PARTS[raw.toLowerCase()];
}

/** DATEADD of microseconds or nanoseconds (see above); `number` is DATEADD's second argument translated. */
export function dateAddFraction(t: SqlTranslator, call: FunctionCall, scope: SqlScope, part: 'microsecond' | 'nanosecond', number: SqlFragment): SqlFragment {
  const base = call.args[2];
  if (base === undefined) throw t.state.unsupported(call, 'DATEADD without a date');
  const b = base.kind === 'Literal' ? undefined : t.expr(base, scope);
  const scale = b === undefined ? undefined : isDatetime2Text(b) ? 7 : b.tsqlType?.name === 'datetime2' ? (b.tsqlType.scale ?? 7) : undefined;
  const what = b?.tsqlType?.name ?? (base.kind === 'Literal' ? 'a literal (read as datetime)' : 'a value of no tracked type');
  if (b === undefined || scale === undefined || scale < 6 || (part === 'nanosecond' && scale < 7)) {
    throw t.state.unsupported(call, `DATEADD(${part}, …) of ${scale === undefined ? what : `a datetime2(${scale}) value`} (only datetime2(7), and datetime2(6) for microseconds, hold the result exactly; SQL Server fails datetime, smalldatetime and date with 9810)`);
  }
  // The number's fraction is cut, as for every date part.
  const n = `CAST(trunc(${number.sql}) AS BIGINT)`;
  if (scale === 6) return { sql: dateAddInRange(`(CAST(${b.sql} AS TIMESTAMP) + to_microseconds(${n}))`, 'datetime2', 'TIMESTAMP'), family: 'datetime', duckType: 'TIMESTAMP', tsqlType: b.tsqlType };
  // datetime2(7) text: the timestamp to the microsecond and the 7th digit, shifted by whole ticks.
  const ticks = part === 'microsecond'
    ? `(${n} * 10)`
    : `(CASE WHEN ${n} % 100 <> 0 THEN CAST(error('the emulator does not support DATEADD(nanosecond, n, …) with n not a multiple of 100 (SQL Server rounds it to 100 ns ticks by rules its documentation gives for positive counts only)') AS BIGINT) ELSE ${n} // 100 END)`;
  const total = `(CAST(substr(${b.sql}, 27, 1) AS BIGINT) + ${ticks})`;
  const carry = `CAST(floor(${total} / 10.0) AS BIGINT)`;
  const stamp = `(CAST(${b.sql} AS TIMESTAMP) + to_microseconds(${carry}))`;
  return { sql: dateAddInRange(stamp, 'datetime2', 'VARCHAR', `(strftime(${stamp}, '%Y-%m-%d %H:%M:%S.%f') || CAST(${total} - 10 * ${carry} AS VARCHAR))`), family: 'datetime', duckType: 'VARCHAR', tsqlType: b.tsqlType };
}
