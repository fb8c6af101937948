// datetime2(7) values in specs, transforms and data files. SQL Server's datetime2 keeps 100 ns
// over years 1-9999; DuckDB's TIMESTAMP keeps 1 µs and TIMESTAMP_NS stops at 2262, so the
// end-of-time `9999-12-31 23:59:59.9999999` of an SCD2 dimension or a temporal table fits
// neither. A datetime2 column is held as its fixed-width text `YYYY-MM-DD hh:mm:ss.fffffff`
// (SQL Server's own text for it, and the emulator's form): two texts are equal exactly when the
// values are, and they order as the values do.
import { duckdbTypeOf, type ColumnType } from './column-types';

/** The canonical text of a datetime2(7) value. */
export const DATETIME2_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{7}$';

const CANONICAL = new RegExp(DATETIME2_PATTERN);
const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/** A value read as datetime2 text, or why it is not one. */
export type Datetime2Parse = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a datetime2 value as written (`2026-12-01`, `2026-12-01 02:00`, `…:00.5`,
 * `9999-12-31T23:59:59.9999999`) into its canonical text. Fraction digits past the 7th are
 * accepted only when they are zeros: a value datetime2 cannot hold is refused, never cut.
 */
export function parseDatetime2Text(text: string): Datetime2Parse {
  if (CANONICAL.test(text) && validParts(text.slice(0, 4), text.slice(5, 7), text.slice(8, 10), text.slice(11, 13), text.slice(14, 16), text.slice(17, 19))) return { ok: true, value: text };
  const m = WRITTEN.exec(text);
  const [y, mo, d, h = '00', mi = '00', s = '00', frac = ''] = m ? m.slice(1) as (string | undefined)[] as string[] : [];
  if (!m || !validParts(y as string, mo as string, d as string, h, mi, s)) {
    return { ok: false, reason: `'${text}' is not a datetime2 (YYYY-MM-DD hh:mm:ss.fffffff)` };
  }
  if (/[1-9]/.test(frac.slice(7))) return { ok: false, reason: `'${text}' has more than 7 fraction digits: datetime2 keeps 100 ns, and cutting the value would change it` };
  return { ok: true, value: `${y}-${mo}-${d} ${h}:${mi}:${s}.${frac.slice(0, 7).padEnd(7, '0')}` };
}

/** Whether `text` is already a datetime2 value's canonical text. */
export function isDatetime2Text(text: string): boolean {
  return CANONICAL.test(text);
}

function validParts(y: string, mo: string, d: string, h: string, mi: string, s: string): boolean {
  const year = +y;
  const month = +mo;
  const day = +d;
  if (year < 1 || month < 1 || month > 12 || day < 1 || +h > 23 || +mi > 59 || +s > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

/**
 * DuckDB SQL turning a VARCHAR `expr` (a data file's field) into datetime2 text: written as
 * parseDatetime2Text reads it, or the query stops with an error naming `column` and the value
 * (never a cut or guessed value). NULL stays NULL.
 */
export function datetime2FromTextSql(expr: string, column: string): string {
  const part = (name: string): string => `regexp_extract(${expr}, '^(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?$', ['day', 'hm', 's', 'f']).${name}`;
  const seconds = `${part('day')} || ' ' || coalesce(nullif(${part('hm')}, ''), '00:00') || ':' || coalesce(nullif(${part('s')}, ''), '00')`;
  const label = column.replace(/'/g, "''");
  return `(CASE WHEN ${expr} IS NULL THEN NULL`
    + ` WHEN ${part('day')} = '' OR try_strptime(${seconds}, '%Y-%m-%d %H:%M:%S') IS NULL OR regexp_matches(substr(${part('f')}, 8), '[1-9]')`
    + ` THEN error('column ${label}: ''' || ${expr} || ''' is not a datetime2 (YYYY-MM-DD hh:mm:ss.fffffff, at most 7 significant fraction digits)')`
    + ` ELSE ${seconds} || '.' || rpad(substr(${part('f')}, 1, 7), 7, '0') END)`;
}

/**
 * DuckDB SQL converting `expr` (a data file's field, an earlier section's column) to a declared
 * column's type: a CAST, except for datetime2, whose text is read and written in its canonical
 * form (a TIMESTAMP's text too), or stops the query naming the column.
 */
export function castToColumnSql(expr: string, type: ColumnType, column: string): string {
  return type.base === 'datetime2' ? datetime2FromTextSql(`CAST(${expr} AS VARCHAR)`, column) : `CAST(${expr} AS ${duckdbTypeOf(type)})`;
}

/**
 * DuckDB SQL for the datetime2 text of a DATE or TIMESTAMP expression (exact: whole
 * microseconds and a 7th digit 0), for a transform comparing a datetime2 column with a
 * date or a timestamp parameter: `c.ValidFrom <= ${datetime2Sql(param('@AsOf'))}`.
 */
export function datetime2Sql(expr: string): string {
  return `(strftime(CAST(${expr} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '0')`;
}
