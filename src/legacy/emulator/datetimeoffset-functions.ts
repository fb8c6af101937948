import type { Expression, FunctionCall } from '../../tsql';
import { LegacyError } from '../../core';
import type { SqlFragment, SqlTranslator } from './expressions';
import { convertSql } from './conversions';
import { isDatetime2Text } from './date-convert';
import { makeType } from './tsql-types';

// TODATETIMEOFFSET, SWITCHOFFSET and AT TIME ZONE, where the emulator gives SQL Server's value
// exactly. A datetimeoffset is held as its instant, and every value the emulator lets in is at
// +00:00 (date-convert.ts refuses other offsets where a value is made), so its date and time
// parts are UTC's. A result at +00:00 keeps that true; a result at any other offset or zone
// would have SQL Server read its parts (CAST to date, DATEPART, the text) at that offset, so
// it is refused where met rather than given UTC's parts.

/** Where the result would not be at +00:00: refused (the message names why). */
const NOT_UTC = 'it keeps every datetimeoffset at +00:00, where CAST to date, DATEPART and the like read their parts; a time zone\'s daylight-saving rules are not emulated either';

/** Whether a value is a datetimeoffset (held as TIMESTAMPTZ). */
export function isDatetimeOffset(x: SqlFragment): boolean {
  return x.tsqlType?.name === 'datetimeoffset' || x.duckType === 'TIMESTAMPTZ';
}

/**
 * DATEADD of a datetimeoffset: "the return data type is the data type of the date argument", so
 * it stays a datetimeoffset of its scale, at +00:00 as every value here is (`sum` is its UTC
 * clock plus the interval), never a datetime rounded to 1/300 s and written as one.
 */
export function dateAddOfOffset(t: SqlTranslator, call: FunctionCall, part: string, value: SqlFragment, sum: string): SqlFragment {
  const scale = value.tsqlType?.scale ?? 7;
  if (part === 'millisecond' && scale < 3) throw t.state.unsupported(call, `DATEADD(millisecond, …) of a datetimeoffset(${scale}) value`);
  return { sql: `CAST(${sum} AS TIMESTAMPTZ)`, family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType: value.tsqlType ?? makeType('datetimeoffset', ['7']) };
}

/** The datetime2 scale of a value SQL Server takes as datetime2 here, or undefined for other types. */
function datetime2Scale(x: SqlFragment): number | undefined {
  if (x.tsqlType?.name === 'datetime2') return x.tsqlType.scale ?? 7;
  if (isDatetime2Text(x)) return 7;
  if (x.family === 'string' && x.constant !== undefined) return 7;
  return undefined;
}

/** True when an offset argument is +00:00 ('+00:00', '-00:00', 0 minutes), known while translating. */
function isZeroOffset(e: Expression, x: SqlFragment): boolean {
  const text = x.constant?.value ?? (e.kind === 'Literal' ? e.value : e.kind === 'Unary' && e.operand.kind === 'Literal' ? e.operand.value : undefined);
  if (text === undefined || text === null) return false;
  return /^\s*[+-]?0+\s*$/.test(text) || /^\s*[+-]0?0:00\s*$/.test(text);
}

/** A value at +00:00 as datetimeoffset(scale): the same instant, its parts UTC's. */
function atUtc(x: SqlFragment, scale: number, t: SqlTranslator): SqlFragment {
  if (isDatetimeOffset(x)) return { ...x, tsqlType: x.tsqlType ?? makeType('datetimeoffset', [String(scale)]) };
  return convertSql(x, makeType('datetimeoffset', [String(scale)]), false, t.state.dateFormat);
}

/** TODATETIMEOFFSET(datetime2, offset) and SWITCHOFFSET(datetimeoffset, offset). */
export function translateOffsetFunction(t: SqlTranslator, call: FunctionCall, name: 'TODATETIMEOFFSET' | 'SWITCHOFFSET', arg: (i: number) => SqlFragment): SqlFragment {
  const value = arg(0);
  const offset = arg(1);
  const offsetExpr = call.args[1] as Expression;
  if (!isZeroOffset(offsetExpr, offset)) throw t.state.unsupported(call, `${name} to an offset other than +00:00 (${NOT_UTC})`);
  if (name === 'SWITCHOFFSET') {
    if (isDatetimeOffset(value)) return atUtc(value, value.tsqlType?.scale ?? 7, t);
    const scale = datetime2Scale(value);
    if (scale === undefined) throw t.state.unsupported(call, `SWITCHOFFSET of a ${value.tsqlType?.name ?? value.family} value`);
    return atUtc(value, scale, t);
  }
  // "The fractional precision is the same as the datetime_expression argument" (a datetime2).
  const scale = datetime2Scale(value);
  if (scale === undefined) throw t.state.unsupported(call, `TODATETIMEOFFSET of a ${value.tsqlType?.name ?? value.family} value (only datetime2 and text are emulated)`);
  return atUtc(value, scale, t);
}

/** `x AT TIME ZONE 'UTC'`: a datetimeoffset keeps its instant, a datetime2 is taken as UTC's time. */
export function translateAtTimeZone(t: SqlTranslator, node: Expression, value: SqlFragment, zone: SqlFragment): SqlFragment {
  const name = zone.constant?.value;
  if (name === undefined || name === null) throw t.state.unsupported(node, 'AT TIME ZONE with a time zone not known before the statement runs');
  if (name.trim().toUpperCase() !== 'UTC') throw t.state.unsupported(node, `AT TIME ZONE '${name}' (${NOT_UTC})`);
  if (isDatetimeOffset(value)) return atUtc(value, value.tsqlType?.scale ?? 7, t);
  const scale = datetime2Scale(value);
  if (scale === undefined) throw t.state.unsupported(node, `AT TIME ZONE of a ${value.tsqlType?.name ?? value.family} value (only datetime2 and datetimeoffset are emulated)`);
  return atUtc(value, scale, t);
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
  if (offset !== 0) throw t.state.unsupported(call, `SYSDATETIMEOFFSET() on a server at an offset other than +00:00 (${NOT_UTC})`);
  return convertSql({ sql: `'${utc}'`, family: 'string', duckType: 'VARCHAR', constant: { value: utc } }, makeType('datetimeoffset', ['7']), false, 'ymd');
}
