import type { SqlFragment } from './expressions';
import { fitToType, formatDateTime, isDateTimeFailure, readDateTimeText, type DateFormat, type DateTimeTarget } from './date-text';
import { familyOf, toDuckType, type TsqlType } from './tsql-types';

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
 * Converts a value to a date/time type the way SQL Server does: text in any documented literal
 * format (constants read exactly here, text from data through tsql_text_to_ts), datetime
 * rounded to 1/300 s, smalldatetime to the minute, datetime2 kept to 100 ns as its text.
 */
export function convertToDateTime(value: SqlFragment, type: TsqlType, tryCast: boolean, format: DateFormat): SqlFragment {
  const target = dateTimeTarget(type) as DateTimeTarget;
  const duck = toDuckType(type);
  const family = familyOf(type);
  const done = (sql: string): SqlFragment => ({ sql, family, duckType: duck, tsqlType: type });
  if (value.constant !== undefined && (value.family === 'string' || value.family === 'unknown')) {
    if (value.constant.value === null) return done(`CAST(NULL AS ${duck})`);
    const folded = constantSql(value.constant.value, type, target, tryCast, format);
    // A variable's value is bound as a parameter ($n): the folded SQL must still name it, or
    // DuckDB refuses the statement's parameters (`SET @d = CAST(@txt AS datetime)`). The value
    // is not NULL here, so the CASE always gives the folded value.
    return done(/\$\d+/.test(value.sql) ? `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${folded} END)` : folded);
  }
  const fromText = value.family === 'string' || (value.family === 'unknown' && value.duckType === 'VARCHAR');
  if (fromText && format !== 'mdy' && format !== 'ymd') {
    return done(`(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${failSql(`the emulator does not support converting date text taken from data under SET DATEFORMAT ${format}`, duck)} END)`);
  }
  const try_ = tryCast ? 'try_' : '';
  // A TIMESTAMP (µs) view of the value; datetime2 text keeps its 7th digit apart.
  const ts = fromText ? `tsql_${try_}text_to_ts(${value.sql})` : `CAST(${value.sql} AS TIMESTAMP)`;
  switch (target) {
    case 'datetime2':
      if (duck !== 'VARCHAR') {
        // datetime2(0-6): rounded to its digits (from datetime2(7) text, the 7th digit counts).
        const unit = 10 ** (6 - Math.max(0, type.scale ?? 7));
        const src = isDatetime2Text(value) ? `tsql_dt2_text_round_us(${value.sql}, ${unit})` : `tsql_round_us(${ts}, ${unit})`;
        return done(src);
      }
      if (isDatetime2Text(value)) return done(value.sql);
      if (fromText) return done(`tsql_${try_}text_to_dt2(${value.sql})`);
      return done(`(strftime(CAST(${value.sql} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '0')`);
    case 'datetime': return done(isDatetime2Text(value) ? `tsql_datetime_round(tsql_dt2_text_round_us(${value.sql}, 1))` : `tsql_datetime_round(${ts})`);
    case 'smalldatetime': return done(`tsql_smalldatetime_round(${ts})`);
    case 'date': return done(`CAST(${ts} AS DATE)`);
    case 'time': return done(value.family === 'time' ? `CAST(${value.sql} AS TIME)` : fromText ? `tsql_text_to_time(${value.sql})` : `CAST(${ts} AS TIME)`);
    case 'datetimeoffset': {
      if (fromText) return done(roundDto(`tsql_${try_}text_to_dto(${value.sql})`, type.scale ?? 7));
      // datetime2(7) text: its 100 ns digit cannot be kept, so it is refused rather than cut.
      if (isDatetime2Text(value) && (type.scale ?? 7) < 7) return done(`CAST(tsql_dt2_text_round_us(${value.sql}, ${10 ** (6 - Math.max(0, type.scale ?? 7))}) AS TIMESTAMPTZ)`);
      if (isDatetime2Text(value)) {
        const guarded = `(CASE WHEN substr(${value.sql}, 27, 1) <> '0' THEN ${failSql('the emulator does not support datetimeoffset values with 100 ns digits (it keeps 1 µs)', 'TIMESTAMPTZ')} ELSE CAST(CAST(${value.sql} AS TIMESTAMP) AS TIMESTAMPTZ) END)`;
        return done(roundDto(guarded, type.scale ?? 7));
      }
      return done(roundDto(`CAST(${ts} AS TIMESTAMPTZ)`, type.scale ?? 7));
    }
  }
}

/** datetimeoffset(p < 7) rounds its fraction to p digits, as datetime2(p) does (at UTC, where the value is held). */
function roundDto(sql: string, scale: number): string {
  return scale >= 6 ? sql : `CAST(tsql_round_us(CAST(${sql} AS TIMESTAMP), ${10 ** (6 - scale)}) AS TIMESTAMPTZ)`;
}
