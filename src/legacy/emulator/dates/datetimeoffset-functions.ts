import type { Expression, FunctionCall } from '../../../tsql';
import { LegacyError } from '../../../core';
import type { SqlFragment, SqlTranslator } from '../expressions';
import { convertSql } from '../conversions';
import { isDatetime2Text } from './date-convert';
import { makeType } from '../tsql-types';
import { instantOf, isOffsetValue, localDatetime2, OFFSET_STRUCT, offsetMinutes, offsetValue } from './offset-values';
import { zoneSql } from './time-zones';

// TODATETIMEOFFSET, SWITCHOFFSET and AT TIME ZONE, where the emulator gives SQL Server's value
// exactly. A stored datetimeoffset is held as its instant at +00:00 (date-convert.ts refuses
// other offsets where a stored value is made); a result at another offset, with a literal
// offset, is held with it while the statement computes (offset-values.ts).

/** Whether a value is a datetimeoffset (held as TIMESTAMPTZ, or with its offset: offset-values.ts). */
export function isDatetimeOffset(x: SqlFragment): boolean {
  return x.tsqlType?.name === 'datetimeoffset' || x.duckType === 'TIMESTAMPTZ' || isOffsetValue(x);
}

/**
 * DATEADD of a datetimeoffset: "the return data type is the data type of the date argument", so
 * it stays a datetimeoffset of its scale, at +00:00 as every value here is (`sum` is its UTC
 * clock plus the interval), never a datetime rounded to 1/300 s and written as one.
 */
export function dateAddOfOffset(t: SqlTranslator, call: FunctionCall, part: string, value: SqlFragment, sum: string): SqlFragment {
  const scale = value.tsqlType?.scale ?? 7;
  if (part === 'millisecond' && scale < 3) throw t.state.unsupported(call, `DATEADD(millisecond, …) of a datetimeoffset(${scale}) value`);
  if (isOffsetValue(value)) {
    // `sum` is the local time plus the interval: at a fixed offset a day or a shorter unit moves
    // the instant alike; whether months and years count on the local calendar or UTC's (they
    // differ at a month's end) is not documented.
    if (part === 'year' || part === 'quarter' || part === 'month') throw t.state.unsupported(call, `DATEADD(${part}, …) of a datetimeoffset at an offset other than +00:00 (whether SQL Server counts months on the local calendar or UTC's is not documented)`);
    const tz = `(${value.sql}).tz`;
    return { ...offsetValue(`(CAST(${sum} AS TIMESTAMPTZ) - to_minutes(CAST(${tz} AS BIGINT)))`, tz, scale), offsetMinutes: value.offsetMinutes };
  }
  return { sql: `CAST(${sum} AS TIMESTAMPTZ)`, family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType: value.tsqlType ?? makeType('datetimeoffset', ['7']) };
}

/** The datetime2 scale of a value SQL Server takes as datetime2 here, or undefined for other types. */
function datetime2Scale(x: SqlFragment): number | undefined {
  if (x.tsqlType?.name === 'datetime2') return x.tsqlType.scale ?? 7;
  if (isDatetime2Text(x)) return 7;
  if (x.family === 'string' && x.constant !== undefined) return 7;
  return undefined;
}

/** A value at +00:00 as datetimeoffset(scale): the same instant, its parts UTC's. */
function atUtc(x: SqlFragment, scale: number, t: SqlTranslator): SqlFragment {
  if (isDatetimeOffset(x)) return { ...x, tsqlType: x.tsqlType ?? makeType('datetimeoffset', [String(scale)]) };
  return convertSql(x, makeType('datetimeoffset', [String(scale)]), false, t.state.dateFormat);
}

/**
 * TODATETIMEOFFSET(datetime2, offset) keeps the local date and time and attaches the offset
 * (the page's example: a datetimeoffset '2007-08-28 18:00:30' to '+13:00' gives
 * 2007-08-28 18:00:30.0000000 +13:00); SWITCHOFFSET(datetimeoffset, offset) keeps the instant
 * and changes the offset. "The fractional precision is the same as the" first argument's. A
 * result at +00:00 is a stored datetimeoffset; at another offset it is held with it (offset-values.ts).
 */
export function translateOffsetFunction(t: SqlTranslator, call: FunctionCall, name: 'TODATETIMEOFFSET' | 'SWITCHOFFSET', arg: (i: number) => SqlFragment): SqlFragment {
  const value = arg(0);
  const minutes = offsetMinutes(t, call, name, call.args[1] as Expression, arg(1));
  if (name === 'SWITCHOFFSET') {
    let base = value;
    if (!isDatetimeOffset(value)) {
      const scale = datetime2Scale(value);
      if (scale === undefined) throw t.state.unsupported(call, `SWITCHOFFSET of a ${value.tsqlType?.name ?? value.family} value`);
      base = atUtc(value, scale, t);
    }
    const scale = base.tsqlType?.scale ?? 7;
    if (minutes !== 0) return offsetValue(instantOf(base), minutes, scale);
    return isOffsetValue(base) ? { sql: instantOf(base), family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType: makeType('datetimeoffset', [String(scale)]) } : atUtc(base, scale, t);
  }
  // A datetimeoffset argument converts to datetime2: its local date and time, offset dropped.
  const scale = isDatetimeOffset(value) ? value.tsqlType?.scale ?? 7 : datetime2Scale(value);
  if (scale === undefined) throw t.state.unsupported(call, `TODATETIMEOFFSET of a ${value.tsqlType?.name ?? value.family} value (only datetime2, datetimeoffset and text are emulated)`);
  // The local time read as if at +00:00, then moved back by the offset: the instant it names there.
  const local = atUtc(isOffsetValue(value) ? localDatetime2(value) : value, scale, t);
  return minutes === 0 ? local : offsetValue(`(${local.sql} - to_minutes(${minutes}))`, minutes, scale);
}

/**
 * `x AT TIME ZONE zone`: "When inputdate is provided without offset information, the function
 * applies the offset of the time zone assuming that inputdate is in the target time zone"; a
 * datetimeoffset keeps its instant and takes the zone's offset there. 'UTC' gives a stored
 * datetimeoffset at +00:00; a Windows zone of time-zones.ts a value held with its offset
 * (offset-values.ts), the offset computed per row from the zone's rules (a daylight-saving zone's
 * offset differs between rows, so the value may not become a column or meet others in CASE or
 * UNION: offset-combining.ts refuses those; conversions, DATEPART, comparisons read it exactly).
 * The result keeps the input's fractional precision.
 */
export function translateAtTimeZone(t: SqlTranslator, node: Expression, value: SqlFragment, zone: SqlFragment): SqlFragment {
  // a literal zone is looked up now; one from a variable per row (its value is bound as a
  // parameter, which the SQL must then read)
  const literal = node.kind === 'Binary' && node.right.kind === 'Literal';
  const name = !literal || zone.constant === undefined ? undefined : zone.constant.value;
  const offset = isDatetimeOffset(value);
  const scale = offset ? value.tsqlType?.scale ?? 7 : datetime2Scale(value);
  if (scale === undefined) throw t.state.unsupported(node, `AT TIME ZONE of a ${value.tsqlType?.name ?? value.family} value (only datetime2 and datetimeoffset are emulated)`);
  if (name !== undefined && name !== null && name.toUpperCase() === 'UTC') {
    if (offset) return isOffsetValue(value) ? { sql: instantOf(value), family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType: value.tsqlType } : atUtc(value, scale, t);
    return atUtc(value, scale, t);
  }
  // text taken as datetime2 here would be local time, as datetimeoffset UTC: which SQL Server
  // does (or whether it rejects text) is not documented
  if (!offset && value.tsqlType?.name !== 'datetime2') throw t.state.unsupported(node, `AT TIME ZONE of a ${value.tsqlType?.name ?? value.family} value with a zone other than 'UTC' (only datetime2 and datetimeoffset are emulated; CAST the text to one of them)`);
  const z = zoneSql(t, node, zone, name);
  // the instant: the datetimeoffset's own, or the local time's in the zone (gap and overlap: time-zones.ts)
  const instant = offset ? instantOf(value) : `tsql_zone_instant(${z.iana}, ${atUtc(value, scale, t).sql})`;
  return { sql: `tsql_zone_value(${z.iana}, ${instant}, ${z.from}, ${z.to}, ${z.outOfRange})`, family: 'datetime', duckType: OFFSET_STRUCT, tsqlType: makeType('datetimeoffset', [String(scale)]) };
}

/** The clock text `YYYY-MM-DD HH:MM:SS[.ffffff]` moved by `minutes`, fraction kept. */
export function shiftedClock(clock: string, minutes: number): string {
  const [day, time = '00:00:00'] = clock.split(' ');
  const [whole, fraction] = time.split('.');
  const at = new Date(`${day}T${whole}Z`);
  at.setUTCMinutes(at.getUTCMinutes() + minutes);
  const text = at.toISOString().slice(0, 19).replace('T', ' ');
  return fraction === undefined ? text : `${text}.${fraction}`;
}

/**
 * GETUTCDATE(), SYSUTCDATETIME() and SYSDATETIMEOFFSET(): `--clock` is the server's local time
 * (GETDATE()); their values need the server's UTC offset, given after the clock
 * (`2026-04-01T02:00:00+02:00`, `Z` for a server at UTC). Without it they are refused rather than
 * taken to be the local time; SYSDATETIMEOFFSET() at another offset than +00:00 is refused too.
 */
export function translateUtcClock(t: SqlTranslator, call: FunctionCall, name: 'GETUTCDATE' | 'SYSUTCDATETIME' | 'SYSDATETIMEOFFSET'): SqlFragment {
  const offset = t.state.clockOffset;
  if (offset === undefined) {
    throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support ${name}() without the server's UTC offset: --clock gives the server's local time (GETDATE())`, {
      location: t.state.locate(call.span),
      hint: name === 'SYSDATETIMEOFFSET'
        ? `give the offset after the clock: --clock ${t.state.clock.replace(' ', 'T').replace(/\.\d+$/, '')}Z for a server running at UTC (at another offset SYSDATETIMEOFFSET() is not emulated)`
        : `give the offset after the clock, e.g. --clock ${t.state.clock.replace(' ', 'T').replace(/\.\d+$/, '')}+02:00 (Z for a server running at UTC)`,
    });
  }
  const utc = shiftedClock(t.state.clock, -offset);
  if (name === 'GETUTCDATE') return { sql: `tsql_datetime_round(CAST('${utc}' AS TIMESTAMP))`, family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType('datetime', []) };
  if (name === 'SYSUTCDATETIME') return convertSql({ sql: `'${utc}'`, family: 'string', duckType: 'VARCHAR', constant: { value: utc } }, makeType('datetime2', ['7']), false, 'ymd');
  const stamp = convertSql({ sql: `'${utc}'`, family: 'string', duckType: 'VARCHAR', constant: { value: utc } }, makeType('datetimeoffset', ['7']), false, 'ymd');
  // the server's offset is the value's (held with it, offset-values.ts)
  if (offset !== 0) return offsetValue(stamp.sql, offset, 7);
  return convertSql({ sql: `'${utc}'`, family: 'string', duckType: 'VARCHAR', constant: { value: utc } }, makeType('datetimeoffset', ['7']), false, 'ymd');
}
