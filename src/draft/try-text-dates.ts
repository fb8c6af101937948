import type { SourceSpan } from '../core';
import { translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { computedOnce, stringLiteral } from './sql-text';
import { DATETIME2, formatSqlType, type SqlType } from './sql-types';
import { roundToUnit } from './datetime-units';

/*
 * TRY_CAST / TRY_CONVERT of text to date, datetime, smalldatetime and datetime2, as a feed import
 * writes them (TRY_CONVERT(datetime, [Ship Date Text], 103)). The text is read in the forms the
 * emulator reads (its tsql_try_text_to_ts and the fixed-order styles of convert-styles.ts): the
 * answer is the value SQL Server gives, NULL where it gives NULL (a day that does not exist, text
 * with no digit, a value outside the type's range), and any other text stops the query at the
 * legacy location rather than be read by a rule the draft does not reproduce.
 */

type Result = Translated | Refusal;

/** A time after the date: h:mm[:ss[.fffffff]] (groups: hour, minute, second, fraction). */
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?';

/** A form read: its pattern over the trimmed text and where its year, month and day groups are (time groups follow at 4-7). */
interface Shape { readonly pattern: string; readonly y: number; readonly m: number; readonly d: number }

const shape = (date: string, order: 'ymd' | 'ydm' | 'mdy' | 'dmy', time: 'optional' | 'none' | 'iso'): Shape => {
  const at = (c: string): number => order.indexOf(c) + 1;
  const tail = time === 'optional' ? `(?: ${TIME})?` : time === 'iso' ? 'T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?' : '()()()()';
  return { pattern: `${date}${tail}`, y: at('y'), m: at('m'), d: at('d') };
};

const ISO_DASHED = '(\\d{4})-(\\d{1,2})-(\\d{1,2})';
const ISO_T = shape('(\\d{4})-(\\d{2})-(\\d{2})', 'ymd', 'iso');
const UNSEPARATED = shape('(\\d{4})(\\d{2})(\\d{2})', 'ymd', 'optional');

/** CONVERT's fixed-order styles for text to a date (the CAST and CONVERT page's table): the date alone, whatever SET DATEFORMAT says. */
const STYLES: Readonly<Record<number, Shape>> = {
  101: shape('(\\d{1,2})/(\\d{1,2})/(\\d{4})', 'mdy', 'none'),
  102: shape('(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})', 'ymd', 'none'),
  103: shape('(\\d{1,2})/(\\d{1,2})/(\\d{4})', 'dmy', 'none'),
  104: shape('(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})', 'dmy', 'none'),
  105: shape('(\\d{1,2})-(\\d{1,2})-(\\d{4})', 'dmy', 'none'),
  110: shape('(\\d{1,2})-(\\d{1,2})-(\\d{4})', 'mdy', 'none'),
  111: shape('(\\d{4})/(\\d{1,2})/(\\d{1,2})', 'ymd', 'none'),
  112: shape('(\\d{4})(\\d{2})(\\d{2})', 'ymd', 'none'),
};
/** The ODBC and ISO 8601 styles: yyyy-mm-dd hh:mi:ss[.mmm] and yyyy-mm-ddThh:mi:ss[.mmm]. */
const ISO_STYLES: ReadonlySet<number> = new Set([120, 121, 126]);

/**
 * TRY_CAST / TRY_CONVERT(`type`, text) for a date or date-time `type`; undefined for other types.
 * `style` is CONVERT's (a constant). Refused where the date order in effect is not known to the
 * draft, or the style is not one of those read.
 */
export function tryTextToDate(v: Translated, type: SqlType, style: number | undefined, scope: DraftScope, at: { readonly span: SourceSpan }): Result | undefined {
  if (v.type.family !== 'string' || (type.family !== 'date' && type.family !== 'datetime' && type.family !== 'datetime2')) return undefined;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, at.span, `TRY_CONVERT of text to ${formatSqlType(type)}`, why);
  const dtm = type.family === 'datetime' && (type.unit === 'tick' || type.unit === 'minute');
  const format = scope.ctx.dateFormat;
  let shapes: Shape[];
  let blank: 'zero' | 'stop' = 'zero';
  if (style !== undefined && STYLES[style] !== undefined) {
    shapes = [STYLES[style] as Shape];
    // whether a blank text is 1900-01-01 (as without a style) or no date in a fixed-order style is not documented
    blank = 'stop';
  } else if (style !== undefined && !ISO_STYLES.has(style)) {
    return refuse(`CONVERT style ${style} is not read from text by the draft (101-105, 110, 111, 112, 120, 121 and 126 are)`);
  } else {
    if (format !== undefined && typeof format !== 'string') return refuse(`the date format in effect is not known (${format.construct} at line ${format.line}), and SQL Server reads date text by it`);
    if (format !== undefined && format !== 'mdy' && format !== 'dmy') return refuse(`under SET DATEFORMAT ${format} SQL Server reads date text in an order the draft does not reproduce (mdy and dmy are)`);
    const dmy = format === 'dmy';
    // under dmy a datetime or smalldatetime reads yyyy-mm-dd as year-day-month (the datetime page); date and datetime2 read it as ISO
    const dashed = shape(ISO_DASHED, dmy && dtm ? 'ydm' : 'ymd', 'optional');
    if (style !== undefined) {
      // an ODBC or ISO style under dmy: whether the style or the session's order decides is not documented
      if (dmy && dtm) return refuse(`CONVERT style ${style} of text to ${formatSqlType(type)} under SET DATEFORMAT dmy: whether the style's year-month-day or the session's year-day-month applies is not documented`);
      shapes = [ISO_T, dashed];
    } else {
      const numeric = dmy
        ? [shape('(\\d{1,2})/(\\d{1,2})/(\\d{4})', 'dmy', 'optional'), shape('(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})', 'dmy', 'optional'), shape('(\\d{1,2})-(\\d{1,2})-(\\d{4})', 'dmy', 'optional')]
        : [shape('(\\d{1,2})/(\\d{1,2})/(\\d{4})', 'mdy', 'optional')];
      shapes = [ISO_T, dashed, UNSEPARATED, ...numeric];
    }
  }
  return translated(readText(v.sql, type, dtm, shapes, blank, style === undefined, scope, at), type.family === 'datetime2' ? DATETIME2 : type);
}

function readText(sql: string, type: SqlType, dtm: boolean, shapes: readonly Shape[], blank: 'zero' | 'stop', timeAlone: boolean, scope: DraftScope, at: { readonly span: SourceSpan }): string {
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, at.span, why))})`;
  const t = `trim(CAST(${sql} AS VARCHAR), ' ')`;
  // each form rewritten to one: 'y|m|d|h|mi|s|fraction' (an absent part empty)
  const branches = shapes.map((s) => ` WHEN regexp_full_match(${t}, ${stringLiteral(s.pattern)}) THEN regexp_replace(${t}, ${stringLiteral(`^${s.pattern}$`)}, ${stringLiteral(`\\${s.y}|\\${s.m}|\\${s.d}|\\4|\\5|\\6|\\7`)})`).join('');
  // a time alone is on 1900-01-01 (the datetime and datetime2 pages)
  const alone = timeAlone ? ` WHEN regexp_full_match(${t}, ${stringLiteral(TIME)}) THEN regexp_replace(${t}, ${stringLiteral(`^${TIME}$`)}, '1900|01|01|\\1|\\2|\\3|\\4')` : '';
  const other = stop(`text read by TRY_CONVERT as ${formatSqlType(type)} is not in a form the draft reads (yyyy-mm-dd[ hh:mm[:ss[.f]]], yyyy-mm-ddThh:mm:ss[.f], yyyymmdd, the session's numeric order, or the style's own form): SQL Server may read it by rules not reproduced`);
  const blankSql = blank === 'zero' ? "'1900|01|01||||'" : stop('blank text read as a date in a fixed-order CONVERT style: whether SQL Server gives 1900-01-01 or NULL is not documented');
  const parts = `(CASE WHEN ${sql} IS NULL THEN NULL WHEN ${t} = '' THEN ${blankSql} WHEN NOT regexp_matches(${t}, '[0-9]') THEN NULL${branches}${alone} ELSE ${other} END)`;
  const part = (i: number): string => `split_part(__draft_parts, '|', ${i})`;
  const pad = (i: number, zero: string): string => `coalesce(nullif(${part(i)}, ''), '${zero}')`;
  const fraction = part(7);
  // a day or an hour that does not exist (2025-02-29, 25:00) is no date: TRY_ gives NULL; so is year 0
  const seconds = `(CASE WHEN ${part(1)} = '0000' THEN NULL ELSE try_strptime(${part(1)} || '-' || lpad(${part(2)}, 2, '0') || '-' || lpad(${part(3)}, 2, '0') || ' ' || lpad(${pad(4, '00')}, 2, '0') || ':' || ${pad(5, '00')} || ':' || ${pad(6, '00')}, '%Y-%m-%d %H:%M:%S') END)`;
  // each part computed once per row: DuckDB evaluates every copy of a repeated expression
  const withSeconds = (body: string): string => computedOnce(parts, '__draft_parts', computedOnce(seconds, '__draft_secs', body));
  const stamp = `(__draft_secs + to_microseconds(CAST(rpad(${pad(7, '0')}, 6, '0')[1:6] AS BIGINT)))`;
  const read = valueOf(type, dtm, fraction, stamp, stop);
  return type.family === 'datetime' && dtm ? computedOnce(withSeconds(read), '__draft_ts', roundToUnit('__draft_ts', { family: 'datetime' }, type, scope, at)) : withSeconds(read);
}

/** The value of the type from the text's parts (`__draft_secs` its whole seconds as a TIMESTAMP, `stamp` with the fraction). */
function valueOf(type: SqlType, dtm: boolean, fraction: string, stamp: string, stop: (why: string) => string): string {
  const seconds = '__draft_secs';
  if (type.family === 'date') return `CAST(${seconds} AS DATE)`;
  if (type.family === 'datetime2') return `(CASE WHEN ${seconds} IS NULL THEN NULL ELSE strftime(${seconds}, '%Y-%m-%d %H:%M:%S') || '.' || rpad(${fraction}, 7, '0') END)`;
  if (type.family !== 'datetime') return stop('not a date type');
  if (!dtm) {
    // datetime2(0)-(6): a text with no more fraction digits than the type keeps is exact; rounding more is not reproduced here
    const digits = typeof type.unit === 'number' ? type.unit : 6;
    return `(CASE WHEN ${seconds} IS NULL THEN NULL WHEN length(${fraction}) > ${digits} THEN ${stop(`text with more fraction digits than datetime2(${digits}) keeps: its rounding is not reproduced`)} ELSE ${stamp} END)`;
  }
  // datetime and smalldatetime read at most 3 digits of a second (more is no datetime: NULL), and a
  // value before their first day is out of range (NULL). One within a rounding of the first day
  // stops (whether SQL Server checks the range before or after rounding is not documented); one
  // rounding past the last stops in roundToUnit.
  const first = type.unit === 'minute' ? "TIMESTAMP '1900-01-01'" : "TIMESTAMP '1753-01-01'";
  const edge = type.unit === 'minute' ? "TIMESTAMP '1899-12-31 23:59:29.998'" : "TIMESTAMP '1752-12-31 23:59:59.998'";
  const last = type.unit === 'minute' ? ` OR ${stamp} >= TIMESTAMP '2079-06-07'` : '';
  const nearFirst = stop(`text within a rounding of ${formatSqlType(type)}'s first day: whether SQL Server rounds it into range or gives NULL is not documented`);
  return `(CASE WHEN ${seconds} IS NULL OR length(${fraction}) > 3 OR ${stamp} < ${edge}${last} THEN NULL WHEN ${stamp} < ${first} THEN ${nearFirst} ELSE ${stamp} END)`;
}
