import type { SqlFragment } from '../expressions';
import { fitToType, formatDateTime, isDateTimeFailure, readDateTimeText, type DateFormat, type DateTimeTarget } from './date-text';
import { familyOf, toDuckType, type TsqlType } from '../tsql-types';
import { textDateFormat, type TextDateFormat } from '../login-language';
import { OFFSET_STRUCT, offsetValue } from './offset-values';

/**
 * datetime2 is held as its text `YYYY-MM-DD hh:mm:ss.fffffff` (DuckDB VARCHAR): DuckDB's
 * TIMESTAMP keeps 1 µs and TIMESTAMP_NS stops at 2262, while datetime2 has 100 ns over years
 * 1-9999 (the `9999-12-31 23:59:59.9999999` end-of-time value included). Fixed-width text
 * orders and compares like the value, and is SQL Server's own text for it.
 */
export function isDatetime2Text(f: Pick<SqlFragment, 'family' | 'duckType'>): boolean {
  return f.family === 'datetime' && f.duckType === 'VARCHAR';
}

/** The conversion target of a date/time T-SQL type, or undefined for other types. */
export function dateTimeTarget(type: TsqlType): DateTimeTarget | undefined {
  const n = type.name;
  return n === 'date' || n === 'datetime' || n === 'smalldatetime' || n === 'datetime2' || n === 'datetimeoffset' || n === 'time' ? n : undefined;
}

/** SQL raising SQL Server's conversion error when evaluated (as a CAST would, row by row). */
function failSql(message: string, duck: string): string {
  return `CAST(error('${message.replace(/'/g, "''")}') AS ${duck})`;
}

/** SQL for a constant date/time text converted to `type` (exact, in TypeScript). */
function constantSql(text: string, type: TsqlType, target: DateTimeTarget, tryCast: boolean, format: DateFormat): string {
  const duck = toDuckType(type);
  const read = readDateTimeText(text, target, format);
  const fitted = isDateTimeFailure(read) ? read : fitToType(read, target, type.scale ?? 7);
  if (isDateTimeFailure(fitted)) return tryCast ? `CAST(NULL AS ${duck})` : failSql(fitted.message, duck);
  const { date, time } = formatDateTime(fitted);
  switch (target) {
    case 'date': return `CAST('${date}' AS DATE)`;
    case 'datetime2': return duck === 'VARCHAR' ? `'${date} ${time.slice(0, 16)}'` : `CAST('${date} ${time.slice(0, 15)}' AS TIMESTAMP)`;
    case 'time':
      if (!time.endsWith('000')) return failSql('the emulator does not support time values with 100 ns digits (DuckDB TIME keeps 1 µs)', duck);
      return `CAST('${time.slice(0, 15)}' AS TIME)`;
    case 'datetimeoffset': {
      // Held as its instant (TIMESTAMPTZ at UTC, 1 µs): at another offset its date and time
      // parts (CAST to date, DATEPART, …) would be UTC's, and a 100 ns digit would be cut.
      if ((fitted.offset ?? 0) !== 0) return failSql(`the emulator does not support datetimeoffset values at an offset other than +00:00 ('${text}': it keeps the instant, not the offset its date and time parts are read at)`, duck);
      if (!time.endsWith('000')) return failSql(`the emulator does not support datetimeoffset values with 100 ns digits ('${text}': it keeps 1 µs)`, duck);
      return `CAST('${date} ${time.slice(0, 15)}+00:00' AS TIMESTAMPTZ)`;
    }
    default: return `CAST('${date} ${time.slice(0, 15)}' AS TIMESTAMP)`;
  }
}

/**
 * A constant datetimeoffset text at an offset other than +00:00 ('2026-03-29 08:15:00 +05:30'),
 * held with its offset (offset-values.ts); undefined for any other text (constantSql reads it).
 * An offset past ±14:00 or with 60 minutes or more is refused: SQL Server fails it, with an
 * error not pinned down here.
 */
function constantAtOffset(text: string, type: TsqlType, format: DateFormat): SqlFragment | undefined {
  const read = readDateTimeText(text, 'datetimeoffset', format);
  const fitted = isDateTimeFailure(read) ? read : fitToType(read, 'datetimeoffset', type.scale ?? 7);
  if (isDateTimeFailure(fitted) || fitted.offset === undefined || fitted.offset === 0) return undefined;
  const scale = type.scale ?? 7;
  const minutes = /[+-]\d{1,2}:(\d{2})\s*$/.exec(text)?.[1];
  if (Math.abs(fitted.offset) > 840 || minutes === undefined || Number(minutes) >= 60) {
    return { ...offsetValue('CAST(NULL AS TIMESTAMPTZ)', 0, scale), sql: `CAST(error('${`the emulator does not support the datetimeoffset text '${text}' (its offset is past ±14:00 or not {+|-}hh:mm, which SQL Server fails with an error not reproduced here)`.replace(/'/g, "''")}') AS ${OFFSET_STRUCT})` };
  }
  const { date, time } = formatDateTime(fitted);
  if (!time.endsWith('000')) return undefined;
  // the local date and time read as at +00:00, moved back by the offset: the instant
  return offsetValue(`(CAST('${date} ${time.slice(0, 15)}+00:00' AS TIMESTAMPTZ) - to_minutes(${fitted.offset}))`, fitted.offset, scale);
}

/**
 * Converts a value to a date/time type the way SQL Server does: text in any documented literal
 * format (constants read exactly here, text from data through tsql_text_to_ts), datetime
 * rounded to 1/300 s, smalldatetime to the minute, datetime2 kept to 100 ns as its text.
 */
export function convertToDateTime(value: SqlFragment, type: TsqlType, tryCast: boolean, given: TextDateFormat): SqlFragment {
  const target = dateTimeTarget(type) as DateTimeTarget;
  const format = textDateFormat(given, value, target);
  const duck = toDuckType(type);
  const family = familyOf(type);
  const done = (sql: string): SqlFragment => ({ sql, family, duckType: duck, tsqlType: type });
  if (value.constant !== undefined && (value.family === 'string' || value.family === 'unknown')) {
    if (value.constant.value === null) return done(`CAST(NULL AS ${duck})`);
    const atOffset = target === 'datetimeoffset' ? constantAtOffset(value.constant.value, type, format) : undefined;
    if (atOffset !== undefined) return /\$\d+/.test(value.sql) ? { ...atOffset, sql: `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${atOffset.sql} END)` } : atOffset;
    const folded = constantSql(value.constant.value, type, target, tryCast, format);
    // A variable's value is bound as a parameter ($n): the folded SQL must still name it, or
    // DuckDB refuses the statement's parameters (`SET @d = CAST(@txt AS datetime)`). The value
    // is not NULL here, so the CASE always gives the folded value.
    return done(/\$\d+/.test(value.sql) ? `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${folded} END)` : folded);
  }
  const fromText = value.family === 'string' || (value.family === 'unknown' && value.duckType === 'VARCHAR');
  if (fromText && format === 'dmy') {
    // British and European files: the text rewritten to year-month-day, then read as below.
    const ydm = target === 'datetime' || target === 'smalldatetime';
    return convertToDateTime({ ...value, sql: `tsql_dmy_text(${value.sql}, ${ydm ? 'true' : 'false'})` }, type, tryCast, 'ymd');
  }
  if (fromText && format !== 'mdy' && format !== 'ymd') {
    return done(`(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${failSql(`the emulator does not support converting date text taken from data under SET DATEFORMAT ${format}`, duck)} END)`);
  }
  const try_ = tryCast ? 'try_' : '';
  // A TIMESTAMP (µs) view of the value; datetime2 text keeps its 7th digit apart. datetime and
  // smalldatetime take text with at most 3 digits of a second.
  const dtm = target === 'datetime' || target === 'smalldatetime';
  const textSource = value.tsqlType?.name === 'nvarchar' || value.tsqlType?.name === 'nchar' || value.tsqlType?.name === 'char' ? value.tsqlType.name : 'varchar';
  // A time is on 1900-01-01 as datetime, smalldatetime or datetime2 (the time page); DuckDB has no CAST from TIME to TIMESTAMP.
  const ts = value.family === 'time' ? timeOnFirstDay(value)
    : !fromText ? `CAST(${value.sql} AS TIMESTAMP)`
    : !dtm ? `tsql_${try_}text_to_ts(${value.sql})`
      : tryCast ? `tsql_try_text_to_dtm(${value.sql})` : `tsql_text_to_dtm(${value.sql}, '${textSource}', '${target}')`;
  // A datetime is held in 1/300 s: .003 is really .00333…, .007 .00666…. Converted to a type of
  // 4 or more fraction digits, compatibility level 130 and up keeps that (.0033333, rounded to
  // the target's digits), earlier levels the rounded milliseconds (.0030000): tsql_dtm_thirds
  // (compatibility-level.ts) says which, or refuses without the level.
  const scale = type.scale ?? 7;
  const finer = (target === 'datetime2' || target === 'time' || target === 'datetimeoffset') && scale >= 4 && !fromText && value.tsqlType?.name.toLowerCase() === 'datetime';
  const thirds = `tsql_dtm_thirds(CAST(${value.sql} AS TIMESTAMP), 'converting to ${target}(${scale})')`;
  // The exact tick rounded to 4-6 digits: .0033333 is .0033, .00333, .003333; .0066666 is .0067, .00667, .006667.
  const exactUs = `(CAST(${value.sql} AS TIMESTAMP) + to_microseconds(${thirds} * ${scale === 4 ? 300 : scale === 5 ? 330 : 333}))`;
  // 7 digits cannot be held by DuckDB's TIME or TIMESTAMPTZ (1 µs): refused where they are not zero.
  const noSeventh = (duckType: string) => (sql: string): string => `(CASE WHEN ${thirds} <> 0 THEN ${failSql(`the emulator does not support converting a datetime whose milliseconds end in 3 or 7 to ${target}(7) at compatibility level 130 or higher (its exact 1/300 s tick needs the 100 ns digit, which DuckDB does not keep)`, duckType)} ELSE ${sql} END)`;
  switch (target) {
    case 'datetime2':
      if (finer && duck !== 'VARCHAR') return done(exactUs);
      // datetime2(7) text: +1/3 ms is .xxx333 µs then 3, -1/3 ms .xxx666 µs (334 back) then 7.
      if (finer) return done(`(CASE ${thirds} WHEN 1 THEN strftime(CAST(${value.sql} AS TIMESTAMP) + to_microseconds(333), '%Y-%m-%d %H:%M:%S.%f') || '3' WHEN -1 THEN strftime(CAST(${value.sql} AS TIMESTAMP) - to_microseconds(334), '%Y-%m-%d %H:%M:%S.%f') || '7' ELSE strftime(CAST(${value.sql} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '0' END)`);
      if (duck !== 'VARCHAR') {
        // datetime2(0-6): rounded to its digits (from datetime2(7) text, the 7th digit counts).
        const unit = 10 ** (6 - Math.max(0, type.scale ?? 7));
        const src = isDatetime2Text(value) ? `tsql_dt2_text_round_us(${value.sql}, ${unit})` : `tsql_round_us(${ts}, ${unit})`;
        return done(src);
      }
      if (isDatetime2Text(value)) return done(value.sql);
      if (fromText) return done(`tsql_${try_}text_to_dt2(${value.sql})`);
      return done(`(strftime(CAST(${value.sql} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '0')`);
    case 'datetime': return done(inRange(value, 'datetime', tryCast, isDatetime2Text(value) ? `tsql_dt2_text_to_datetime(${value.sql})` : value.family === 'time' ? wholeMilliseconds(value, ts) : `tsql_to_datetime(${ts})`));
    case 'smalldatetime': return done(inRange(value, 'smalldatetime', tryCast, `tsql_smalldatetime_round(${ts})`));
    case 'date': return done(`CAST(${ts} AS DATE)`);
    case 'time': return done(toTime(value, scale, fromText, finer && scale < 7 ? exactUs : ts, finer && scale >= 7 ? noSeventh('TIME') : (sql) => sql));
    case 'datetimeoffset': {
      if (fromText) return done(roundDto(`tsql_${try_}text_to_dto(${value.sql})`, type.scale ?? 7));
      // datetime2(7) text: its 100 ns digit cannot be kept, so it is refused rather than cut.
      if (isDatetime2Text(value) && (type.scale ?? 7) < 7) return done(`CAST(tsql_dt2_text_round_us(${value.sql}, ${10 ** (6 - Math.max(0, type.scale ?? 7))}) AS TIMESTAMPTZ)`);
      if (isDatetime2Text(value)) {
        const guarded = `(CASE WHEN substr(${value.sql}, 27, 1) <> '0' THEN ${failSql('the emulator does not support datetimeoffset values with 100 ns digits (it keeps 1 µs)', 'TIMESTAMPTZ')} ELSE CAST(CAST(${value.sql} AS TIMESTAMP) AS TIMESTAMPTZ) END)`;
        return done(roundDto(guarded, type.scale ?? 7));
      }
      if (finer) return done(scale >= 7 ? noSeventh('TIMESTAMPTZ')(`CAST(${ts} AS TIMESTAMPTZ)`) : roundDto(`CAST(${exactUs} AS TIMESTAMPTZ)`, scale));
      return done(roundDto(`CAST(${ts} AS TIMESTAMPTZ)`, type.scale ?? 7));
    }
  }
}

/** A time value as a TIMESTAMP on 1900-01-01, where SQL Server puts it converted to datetime, smalldatetime or datetime2. */
function timeOnFirstDay(value: SqlFragment): string {
  return `(DATE '1900-01-01' + CAST(${value.sql} AS TIME))`;
}

/**
 * A time to datetime: "if the fractional seconds precision of the time(n) value is greater than
 * three digits, the datetime result will be truncated" (the time page), which may or may not
 * come before the 1/300 s rounding (.9999 would give .997 or the next second): a time with a
 * digit past the milliseconds is refused where met, the others rounded to 1/300 s.
 */
function wholeMilliseconds(value: SqlFragment, ts: string): string {
  return `(CASE WHEN microsecond(CAST(${value.sql} AS TIME)) % 1000 <> 0 THEN ${failSql('the emulator does not support converting a time with digits past the milliseconds to datetime (whether SQL Server truncates before rounding to 1/300 s is not documented)', 'TIMESTAMP')} ELSE tsql_datetime_round(${ts}) END)`;
}

/**
 * A value to time(p): the time of day rounded to p digits, as SQL Server rounds datetime2 (half
 * up; the time page: "the fractional seconds is rounded up to fit the destination precision"),
 * a rounding up to 24:00:00 wrapping to 00:00:00 as a time constant does (date-text.ts fitToType).
 * DuckDB's CAST to TIME keeps every microsecond, so without this a datetime's .997 stayed in a
 * time(0) column. datetime2(7) text keeps its 7th digit for the rounding; into time(7) a 7th
 * digit DuckDB's TIME cannot hold is refused.
 */
function toTime(value: SqlFragment, scale: number, fromText: boolean, ts: string, guard: (sql: string) => string): string {
  const unit = 10 ** (6 - Math.min(6, Math.max(0, scale)));
  if (isDatetime2Text(value)) {
    if (scale >= 7) return `(CASE WHEN substr(${value.sql}, 27, 1) <> '0' THEN ${failSql('the emulator does not support time values with 100 ns digits (DuckDB TIME keeps 1 µs)', 'TIME')} ELSE CAST(CAST(${value.sql} AS TIMESTAMP) AS TIME) END)`;
    return `CAST(tsql_dt2_text_round_us(${value.sql}, ${unit}) AS TIME)`;
  }
  // Any source as a TIMESTAMP: a time on an arbitrary day, so that rounding past midnight wraps.
  const source = value.family === 'time' ? `(DATE '2000-01-01' + CAST(${value.sql} AS TIME))`
    : fromText ? `(DATE '2000-01-01' + tsql_text_to_time(${value.sql}))` : ts;
  const rounded = unit === 1 ? source : `tsql_round_us(${source}, ${unit})`;
  const sql = `CAST(${rounded} AS TIME)`;
  return value.family === 'time' || fromText ? sql : guard(sql);
}

/**
 * `sql` (a TIMESTAMP) checked against the range of datetime (from 1753) or smalldatetime (1900
 * through 2079-06-06), as SQL Server checks a conversion: 242 naming the source type, or NULL
 * under TRY_CONVERT. A source already of the target type needs no check; one whose error text
 * is not known (datetime into smalldatetime, a number) is refused outside the range.
 */
function inRange(value: SqlFragment, target: 'datetime' | 'smalldatetime', tryCast: boolean, sql: string): string {
  const name = value.tsqlType?.name;
  if (name === target) return sql;
  const text = value.family === 'string' || (value.family === 'unknown' && value.duckType === 'VARCHAR');
  const source = text ? (name === 'char' || name === 'nchar' || name === 'nvarchar' ? name : 'varchar')
    : value.family === 'date' ? 'date'
      : isDatetime2Text(value) || name === 'datetime2' ? 'datetime2'
        : name === 'smalldatetime' ? name : undefined;
  const macro = `tsql_${target}_in_range`;
  if (source !== undefined) return `${macro}(${sql}, '${source}', ${tryCast ? 'false' : 'true'})`;
  const check = `${macro}(${sql}, '', false)`;
  return `(CASE WHEN ${sql} IS NOT NULL AND ${check} IS NULL THEN ${failSql(`the emulator does not support this value out of the range of ${target} (SQL Server's error for its type is not reproduced)`, 'TIMESTAMP')} ELSE ${sql} END)`;
}

/** datetimeoffset(p < 7) rounds its fraction to p digits, as datetime2(p) does (at UTC, where the value is held). */
function roundDto(sql: string, scale: number): string {
  return scale >= 6 ? sql : `CAST(tsql_round_us(CAST(${sql} AS TIMESTAMP), ${10 ** (6 - scale)}) AS TIMESTAMPTZ)`;
}
