import type { SourceSpan } from '../core';
import type { Cast, Expression } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { castBinary } from './binary-values';
import { parseDatetime2Text } from '../engine';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import { DATETIME2, decimal, duckTypeOf, formatSqlType, isCarriedAsText, isNumeric, sqlTypeOfDataType, type SqlType } from './sql-types';
import { floatToFixedSql } from './float-round';
import { separatedDatetimeRefusal } from './date-first';
import { roundToUnit } from './datetime-units';
import { tryTextToDate } from './try-text-dates';

/*
 * Conversions between T-SQL types as SQL Server performs them, where DuckDB's CAST differs:
 * to an integer truncates (DuckDB rounds), to varchar(n) cuts at n characters, to bit is
 * "not zero". Conversions whose text or value we cannot reproduce exactly are refused.
 */

type Result = Translated | Refusal;

const INT_DIGITS: Readonly<Record<string, number>> = { tinyint: 3, smallint: 6, int: 11, bigint: 20 };

/** CONVERT's styles that write a date's day, month and four-digit year only: mm/dd/yyyy, yyyy.mm.dd, dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, mm-dd-yyyy, yyyy/mm/dd. */
const DATE_STYLES: Readonly<Record<number, string>> = { 101: '%m/%d/%Y', 102: '%Y.%m.%d', 103: '%d/%m/%Y', 104: '%d.%m.%Y', 105: '%d-%m-%Y', 110: '%m-%d-%Y', 111: '%Y/%m/%d' };

/**
 * Converts `v` to `type` as an implicit conversion or CAST does in SQL Server (`style` for
 * CONVERT). `at` locates a refusal.
 */
export function castTo(v: Translated, type: SqlType, scope: DraftScope, at: { readonly span: SourceSpan }, style?: number): Result {
  const c = castValue(v, type, scope, at, style);
  // a smalldatetime or datetime2(n) keeps its grain: a finer value rounds to it (datetime-units.ts)
  return isRefusal(c) || type.family !== 'datetime' ? c : translated(roundToUnit(c.sql, v.type, type, scope, at), c.type);
}

function castValue(v: Translated, type: SqlType, scope: DraftScope, at: { readonly span: SourceSpan }, style?: number): Result {
  const from = v.type;
  const target = duckTypeOf(type);
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, at.span, `conversion from ${formatSqlType(from)} to ${formatSqlType(type)}`, why);
  // binary to binary(n)/varbinary(n), held as hex text: cut (and padded) as SQL Server converts it
  const bytes = castBinary(v, type);
  if (bytes !== undefined) return bytes;
  // a geography, geometry or hierarchyid value into a column of its type: copied as the text it came as
  if (target === undefined && isCarriedAsText(type)) {
    if (from.family === 'null') return translated('CAST(NULL AS VARCHAR)', type);
    if (JSON.stringify(from) === JSON.stringify(type)) return translated(v.sql, type);
  }
  // a uniqueidentifier into a column or parameter of its type (a spec's `:uniqueidentifier`, DuckDB's UUID): the value itself
  if (target === undefined && type.family === 'unknown' && type.name === 'uniqueidentifier') {
    if (from.family === 'null') return translated('CAST(NULL AS UUID)', type);
    if (from.family === 'unknown' && from.name === 'uniqueidentifier') return translated(v.sql, type);
  }
  if (target === undefined) return refuse(`${formatSqlType(type)} has no DuckDB type the draft trusts`);
  if (from.family === 'null') return translated(`CAST(NULL AS ${target})`, type);
  if (JSON.stringify(from) === JSON.stringify(type) || (type.family === 'string' && from.family === 'string' && type.length === undefined)) return translated(v.sql, type);
  // money as text in style 0 or 1 (`1,234.57`: thousands commas, two decimals rounded)
  const moneyStyle = type.family === 'string' && from.family === 'decimal' && from.money !== undefined && (style === 0 || style === 1);
  if (style !== undefined && !moneyStyle && !(type.family === 'string' && (from.family === 'date' || from.family === 'datetime'))
    && !((type.family === 'date' || type.family === 'datetime') && (from.family === 'date' || from.family === 'datetime'))
    && !((type.family === 'date' || type.family === 'datetime') && from.family === 'string' && style === 112)) {
    return refuse(`CONVERT style ${style} is only translated from dates to text`);
  }
  switch (type.family) {
    case 'int': {
      if (from.family === 'int' || from.family === 'bit') return translated(inRange(`CAST(${v.sql} AS ${target})`, type.name, false), type);
      // money rounds to an integer (CAST and CONVERT, "Truncating and rounding results"), half away
      // from zero as DuckDB's CAST does; decimal and float truncate toward zero, DuckDB's CAST rounds.
      if (from.family === 'decimal' && from.money !== undefined) return translated(inRange(`CAST(${v.sql} AS ${target})`, type.name, false), type);
      if (from.family === 'decimal' || from.family === 'float') return translated(inRange(`CAST(trunc(${v.sql}) AS ${target})`, type.name, false), type);
      // CONVERT(int, CONVERT(char(8), @d, 112)), the date-key idiom: digits only, no parsing rule in play.
      if (from.family === 'string' && v.digits === true) return translated(`CAST(${v.sql} AS ${target})`, type);
      if (from.family === 'string') return translated(textToInteger(v.sql, target, type.name, false), type);
      return refuse('dates converted to numbers follow rules the draft does not reproduce');
    }
    case 'decimal': {
      // decimal -> decimal and float -> decimal round half away from zero in both engines; a float
      // near a halfway point stops where its binary value rounds otherwise (float-round.ts).
      if (from.family === 'float') return translated(floatToFixedSql(scope.ctx, at.span, v.sql, type.scale, `CAST(${v.sql} AS ${target})`), type);
      if (isNumeric(from) || from.family === 'bit') return translated(`CAST(${from.family === 'bit' ? `CAST(${v.sql} AS INTEGER)` : v.sql} AS ${target})`, type);
      if (from.family === 'string' && type.money === undefined) return translated(textToDecimal(v.sql, target, from.unicode, false), type);
      return refuse('text converted to decimal follows parsing rules the draft does not reproduce');
    }
    case 'float':
      if (isNumeric(from) || from.family === 'bit') return translated(`CAST(${from.family === 'bit' ? `CAST(${v.sql} AS INTEGER)` : v.sql} AS DOUBLE)`, type);
      return refuse('text converted to float follows parsing rules the draft does not reproduce');
    case 'bit':
      if (from.family === 'bit') return v;
      if (from.family === 'int' || from.family === 'decimal') return translated(`(${v.sql} <> 0)`, type);
      if (from.family === 'string') return translated(textToBit(v.sql, from.unicode, locatedStop(scope.ctx, at.span, 'CAST of text to bit')), type);
      return refuse('only numbers and text convert to bit exactly');
    case 'date':
      if (from.family === 'date' || from.family === 'datetime') return translated(`CAST(${v.sql} AS DATE)`, type);
      // datetime2 -> date keeps the day (the text's first 10 characters)
      if (from.family === 'datetime2') return translated(`CAST(left(${v.sql}, 10) AS DATE)`, type);
      if (from.family === 'string' && /^'(\d{4}-\d{2}-\d{2}|\d{8})'$/.test(v.sql)) return translated(`CAST(${isoText(v.sql)} AS DATE)`, type);
      if (from.family === 'string' && (style === 112 || v.digits === true)) return translated(unseparatedDateText(v.sql, 'DATE', scope, at), type);
      return refuse('only dates, datetimes and ISO date constants convert to date exactly');
    case 'datetime':
      if (from.family === 'date' || from.family === 'datetime') return translated(`CAST(${v.sql} AS TIMESTAMP)`, type);
      if (from.family === 'datetime2') return translated(datetime2ToTimestamp(v.sql, scope, at), type);
      if (from.family === 'string' && /^'(\d{4}-\d{2}-\d{2}|\d{8})'$/.test(v.sql)) {
        const text = isoText(v.sql);
        return (v.sql.length > 10 ? separatedDatetimeRefusal(scope.ctx, at.span, v.sql) : undefined) ?? outOfRange(text.slice(1, -1), type, refuse) ?? translated(`CAST(${text} AS TIMESTAMP)`, type);
      }
      if (from.family === 'string') {
        const c = dateTimeConstant(v.sql);
        // 'yyyy-mm-dd hh:mm' (a blank, not ISO 8601's T) reads by SET DATEFORMAT too
        const byFormat = c !== undefined && /^'\d{4}-\d{2}-\d{2} /.test(v.sql) ? separatedDatetimeRefusal(scope.ctx, at.span, v.sql) : undefined;
        if (byFormat !== undefined) return byFormat;
        if (c !== undefined) return c.exact ? (outOfRange(c.text, type, refuse) ?? translated(`CAST('${c.text}' AS TIMESTAMP)`, type)) : refuse(c.why);
        if (!/^'/.test(v.sql) && (style === 112 || v.digits === true)) return translated(unseparatedDateText(v.sql, 'TIMESTAMP', scope, at), type);
      }
      return refuse('only dates, datetimes and ISO date constants convert to datetime exactly');
    case 'datetime2': return toDatetime2(v, scope, at, refuse);
    case 'string': {
      // char(n) pads what it holds with blanks to n (as SQL Server stores it and the emulator's baselines show it).
      const pad = (sql: string): string => (type.padded && type.length !== undefined ? `rpad(${sql}, ${type.length}, ' ')` : sql);
      const cut = (sql: string): Translated => translated(pad(type.length !== undefined ? `left(${sql}, ${type.length})` : sql), type);
      if (from.family === 'string') return from.length !== undefined && type.length !== undefined && from.length <= type.length ? translated(pad(v.sql), type) : cut(v.sql);
      // datetime2's default text (style 0, 21, 121) is the text it is held as: 'yyyy-mm-dd hh:mi:ss.fffffff'
      if (from.family === 'datetime2' && (style === undefined || style === 121)) return cut(v.sql);
      if (from.family === 'int') {
        // An integer whose digits do not fit the target is '*' in char/varchar and error 8115 in
        // nchar/nvarchar (the CAST and CONVERT page's truncation table); CAST(YEAR(d) AS varchar(4)) fits.
        const text = `CAST(${v.sql} AS VARCHAR)`;
        if (type.length !== undefined && type.length < (INT_DIGITS[from.name] ?? 20)) {
          const tooLong = type.unicode ? `error('Arithmetic overflow error converting expression to data type ${type.padded ? 'nchar' : 'nvarchar'}.')` : "'*'";
          return translated(pad(`(CASE WHEN length(${text}) > ${type.length} THEN ${tooLong} ELSE ${text} END)`), type);
        }
        return translated(pad(text), type);
      }
      if (from.family === 'decimal') {
        // A decimal whose text does not fit fails (the CAST and CONVERT page's truncation table:
        // E for decimal and numeric into char and varchar alike) with 8115, which the query raises.
        const text = decimalText(v.sql, from, locatedStop(scope.ctx, at.span, 'CAST'), style === 1);
        // Money's style-0 text has two decimals and no separators: at most its precision in
        // characters with the sign (`-922337203685477.58`, 19 for money, 10 for smallmoney), so a
        // varchar that long always holds it; a shorter one may fail, with a message not reproduced.
        // Style 1 adds a comma per three integer digits (`-922,337,203,685,477.58`, 23; 11).
        const longest = from.precision + (style === 1 ? Math.floor((from.precision - 5) / 3) : 0);
        if (type.length !== undefined && type.length < longest && from.money !== undefined) return refuse(`varchar(${type.length}) may be too short for ${from.money} (SQL Server then fails)`);
        if (from.money !== undefined) return translated(pad(text), type);
        if (type.length !== undefined && type.length < from.precision + 2) {
          const target = `${type.unicode ? 'n' : ''}${type.padded ? 'char' : 'varchar'}`;
          return translated(pad(`(CASE WHEN length(${text}) > ${type.length} THEN error('Arithmetic overflow error converting numeric to data type ${target}.') ELSE ${text} END)`), type);
        }
        return translated(pad(text), type);
      }
      if (from.family === 'date' && (style === undefined || style === 120 || style === 121 || style === 23 || style === 126)) return cut(`strftime(${v.sql}, '%Y-%m-%d')`);
      if ((from.family === 'date' || from.family === 'datetime') && style === 112) return { ...cut(`strftime(${v.sql}, '%Y%m%d')`), digits: true };
      if (from.family === 'datetime' && style === 120) return cut(`strftime(${v.sql}, '%Y-%m-%d %H:%M:%S')`);
      if (from.family === 'datetime' && style === 23) return cut(`strftime(${v.sql}, '%Y-%m-%d')`);
      // The date-only styles with a four-digit year (the CAST and CONVERT page's table).
      const dateOnly = style === undefined ? undefined : DATE_STYLES[style];
      if ((from.family === 'date' || from.family === 'datetime') && dateOnly !== undefined) return cut(`strftime(${v.sql}, '${dateOnly}')`);
      return refuse(`the text SQL Server writes for ${formatSqlType(from)}${style !== undefined ? ` in style ${style}` : ''} is not reproduced`);
    }
    default:
      return refuse('not translated');
  }
}

/**
 * The text CAST(x AS varchar) writes for a decimal: its digits at its scale; for money and
 * smallmoney (style 0) two decimals, rounded (3.3333 is '3.33', not DuckDB's '3.3333'). A negative
 * money value that rounds to 0.00 stops the query with `stop` (file:line:col): whether SQL Server
 * writes its sign is not documented (the emulator refuses it too, money-text.ts).
 */
export function decimalText(sql: string, from: SqlType & { family: 'decimal' }, stop: string, commas = false): string {
  if (from.money === undefined) return `CAST(${sql} AS VARCHAR)`;
  const r = `CAST(round(${sql}, 2) AS DECIMAL(38,2))`;
  // CONVERT style 1: a comma every three digits left of the point (the CAST and CONVERT page's money styles)
  const text = commas
    ? `(CASE WHEN ${r} < 0 THEN '-' ELSE '' END || format('{:,}', CAST(trunc(abs(${r})) AS HUGEINT)) || '.' || right(CAST(${r} AS VARCHAR), 2))`
    : `CAST(${r} AS VARCHAR)`;
  return `(CASE WHEN ${sql} < 0 AND ${r} = 0 THEN error(${stringLiteral(`${stop}: a negative ${from.money} value that rounds to 0.00 as text, whose sign SQL Server may write (not documented)`)}) ELSE ${text} END)`;
}

/**
 * Text to an integer type as SQL Server converts it (the emulator's rule, conformance-tested):
 * blanks around an optional sign and digits; empty or blank text is 0; anything else fails with
 * 245 (NULL for TRY_CAST/TRY_CONVERT), as does a value past the type's range.
 */
function textToInteger(sql: string, duck: string, name: string, tryMode: boolean): string {
  const fail = tryMode ? 'NULL' : `error('Conversion failed when converting the varchar value ''' || ${sql} || ''' to data type ${name}.')`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN regexp_full_match(${sql}, ' *[+-]?[0-9]+ *') THEN ${inRange(`${tryMode ? 'TRY_CAST' : 'CAST'}(trim(${sql}, ' ') AS ${duck})`, name, tryMode)} WHEN trim(${sql}, ' ') = '' THEN CAST(0 AS ${duck}) ELSE ${fail} END)`;
}

/**
 * Text to bit as SQL Server converts it (the emulator's rule, conversions.ts, conformance-tested):
 * 'true'/'false' in any case, an integer's digits (non-zero is 1), empty or blank text 0; other
 * text fails with 245. Text SQL Server's pages leave open (' true ', '1.5', '1e3', a long
 * number) stops the query, located, as the emulator refuses it.
 */
function textToBit(sql: string, unicode: boolean, stop: string): string {
  const fail = `error('Conversion failed when converting the ${unicode ? 'nvarchar' : 'varchar'} value ''' || ${sql} || ''' to data type bit.')`;
  const open = `error(${stringLiteral(`${stop}: the text '`)} || ${sql} || ${stringLiteral("' to bit, whose result SQL Server's pages do not document")})`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN lower(${sql}) = 'true' THEN TRUE WHEN lower(${sql}) = 'false' THEN FALSE
    WHEN regexp_full_match(${sql}, ' *[+-]?0*[0-9]{1,9} *') THEN CAST(trim(${sql}, ' ') AS INTEGER) <> 0
    WHEN trim(${sql}, ' ') = '' THEN FALSE
    WHEN regexp_full_match(lower(${sql}), '\\s*(true|false)\\s*|\\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)(e[+-]?[0-9]+)?\\s*') THEN ${open}
    ELSE ${fail} END)`;
}

/**
 * Text to decimal/numeric as SQL Server converts it (the emulator's rule, conversions.ts): a
 * sign, digits and a decimal point with blanks around, rounded to the scale as DuckDB's CAST
 * rounds (half away from zero); an exponent ('1e3', which DuckDB would read), a thousands
 * separator or empty text fails with 8114, NULL under TRY_; so does overflow under TRY_.
 */
function textToDecimal(sql: string, duck: string, unicode: boolean, tryMode: boolean): string {
  const fail = tryMode ? 'NULL' : `error('Error converting data type ${unicode ? 'nvarchar' : 'varchar'} to numeric.')`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN regexp_full_match(${sql}, ' *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+) *') THEN ${tryMode ? 'TRY_CAST' : 'CAST'}(trim(${sql}, ' ') AS ${duck}) ELSE ${fail} END)`;
}

// tinyint (0..255) and smallint are held as INTEGER: a value past their range must fail (or be
// NULL under TRY_), as SQL Server's conversion does, through a cast to the exact DuckDB type.
const NARROW: Readonly<Record<string, string>> = { tinyint: 'UTINYINT', smallint: 'SMALLINT' };

function inRange(sql: string, name: string, tryMode: boolean): string {
  const narrow = NARROW[name];
  return narrow === undefined ? sql : `CAST(${tryMode ? 'TRY_CAST' : 'CAST'}(${sql} AS ${narrow}) AS INTEGER)`;
}

/**
 * A date-and-time constant in a format every language reads alike (`yyyy-mm-dd hh:mm[:ss[.f]]`,
 * `yyyy-mm-ddThh:mm…`, `yyyymmdd hh:mm…`). datetime, datetime2(n) and smalldatetime are one
 * type to the draft, and they round seconds and fractions differently (1/300 s, n digits, the
 * minute), so only a whole minute is taken as it is written.
 */
function dateTimeConstant(literal: string): { exact: true; text: string } | { exact: false; why: string } | undefined {
  const m = /^'(?:(\d{4})-(\d{2})-(\d{2})[ T]|(\d{4})(\d{2})(\d{2}) )(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?'$/.exec(literal);
  if (!m) return undefined;
  const [y, mo, d] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const seconds = m[9] ?? '00';
  const fraction = (m[10] ?? '').replace(/0+$/, '');
  if (seconds === '00' && fraction === '') return { exact: true, text: `${y}-${mo}-${d} ${m[7]}:${m[8]}:00` };
  if (fraction.length > 6) return { exact: false, why: `${literal} has a 7th fraction digit (datetime2(7)'s 100 ns), which the draft's TIMESTAMP (whole microseconds) cannot hold` };
  return { exact: false, why: `${literal} has seconds, which datetime (1/300 s), smalldatetime (the minute) and datetime2(n) round differently, and the draft does not tell these types apart` };
}

// The forms datetime2 reads alike under every DATEFORMAT and language: yyyy-mm-dd (with a time
// after a blank), ISO 8601 (T and the seconds), yyyymmdd unseparated.
const ISO_DATETIME2 = /^(?:\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?|T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?)?|\d{8}(?: \d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?)$/;
/** The separated forms, for text from data (read at run time). */
const ISO_DATETIME2_SQL = '^\\d{4}-\\d{2}-\\d{2}(?: \\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?|T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,7})?)?$';

/**
 * A value converted to datetime2(7), exactly: a date at midnight; text in the form datetime2
 * always reads year-month-day (`yyyy-mm-dd[ hh:mm[:ss[.fffffff]]]`; a constant at once, text from
 * data at run time, other text stopping the query);
 * a datetime held as TIMESTAMP when its fraction is whole 10 ms (datetime's 1/300 s ticks
 * .003 and .007 are 3.333… and 6.666… ms as datetime2, while a datetime2(3) of .003 is 3 ms:
 * the draft holds both as one TIMESTAMP, so any other fraction stops the query).
 */
function toDatetime2(v: Translated, scope: DraftScope, at: { readonly span: SourceSpan }, refuse: (why: string) => Refusal): Result {
  const from = v.type;
  if (from.family === 'date') return translated(`(strftime(${v.sql}, '%Y-%m-%d') || ' 00:00:00.0000000')`, DATETIME2);
  if (from.family === 'datetime') {
    const stop = locatedStop(scope.ctx, at.span, 'a datetime whose fraction of a second is not whole 10 ms converted to datetime2: datetime (1/300 s) and datetime2(0-6) convert differently, and the draft holds both as one TIMESTAMP');
    return translated(`(CASE WHEN microsecond(${v.sql}) % 10000 <> 0 THEN error(${stringLiteral(stop)}) ELSE strftime(${v.sql}, '%Y-%m-%d %H:%M:%S.%f') || '0' END)`, DATETIME2);
  }
  if (from.family === 'string') {
    const m = /^'([^']*)'$/.exec(v.sql);
    if (m !== null) {
      const text = m[1] as string;
      const read = ISO_DATETIME2.test(text) ? parseDatetime2Text(/^\d{8}/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text) : undefined;
      return read?.ok ? translated(`'${read.value}'`, DATETIME2) : refuse(read?.ok === false ? read.reason : `${v.sql} is not in a form every DATEFORMAT and language reads alike (yyyy-mm-dd[ hh:mm[:ss[.fffffff]]], yyyy-mm-ddThh:mm:ss[.fffffff], yyyymmdd[ hh:mm…])`);
    }
    // text from data: the same form read at run time; any other text stops the query
    const stop = stringLiteral(locatedStop(scope.ctx, at.span, 'text converted to datetime2 that is not in the form yyyy-mm-dd[ hh:mm[:ss[.fffffff]]] or yyyy-mm-ddThh:mm:ss[.fffffff] (other forms follow rules the draft does not reproduce)'));
    const part = (name: string): string => `regexp_extract(${v.sql}, '^(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?$', ['d', 'hm', 's', 'f']).${name}`;
    const seconds = `${part('d')} || ' ' || coalesce(nullif(${part('hm')}, ''), '00:00') || ':' || coalesce(nullif(${part('s')}, ''), '00')`;
    return translated(`(CASE WHEN ${v.sql} IS NULL THEN NULL WHEN NOT regexp_full_match(${v.sql}, ${stringLiteral(ISO_DATETIME2_SQL)}) OR try_strptime(${seconds}, '%Y-%m-%d %H:%M:%S') IS NULL THEN error(${stop}) ELSE ${seconds} || '.' || rpad(${part('f')}, 7, '0') END)`, DATETIME2);
  }
  return refuse('only dates, datetimes and ISO date-time constants convert to datetime2 exactly');
}

/** datetime2 text as a TIMESTAMP (whole microseconds): a value with a 7th fraction digit stops the query instead of being cut. */
function datetime2ToTimestamp(sql: string, scope: DraftScope, at: { readonly span: SourceSpan }): string {
  const stop = locatedStop(scope.ctx, at.span, 'a datetime2 value with a 7th fraction digit (100 ns) converted to a timestamp, which keeps whole microseconds');
  return `(CASE WHEN substr(${sql}, 27, 1) <> '0' THEN error(${stringLiteral(stop)}) ELSE CAST(left(${sql}, 26) AS TIMESTAMP) END)`;
}

/**
 * Text computed at run time read as a date or datetime (`CONVERT(datetime, CAST(@Year AS char(4)) +
 * '0901', 112)`, the start of an academic year): exact where the text is eight digits, yyyymmdd,
 * the form SQL Server reads alike under every DATEFORMAT, language and style (112 names it). Any
 * other text, and a year outside what both datetime and smalldatetime hold (the draft types both
 * as one TIMESTAMP) for a datetime, stops the query at the legacy location rather than be read by
 * another rule; an impossible day (20250229) stops in DuckDB's strptime, as SQL Server fails.
 */
function unseparatedDateText(sql: string, duck: 'DATE' | 'TIMESTAMP', scope: DraftScope, at: { readonly span: SourceSpan }): string {
  const other = locatedStop(scope.ctx, at.span, 'text read as a date is not eight digits (yyyymmdd): the draft reproduces only that form');
  const years = duck === 'DATE' ? `left(${sql}, 4) = '0000'` : `left(${sql}, 4) NOT BETWEEN '1900' AND '2078'`;
  const range = locatedStop(scope.ctx, at.span, duck === 'DATE' ? 'year 0000 read as a date (SQL Server fails)' : 'a year outside 1900-2078 read as a datetime: datetime and smalldatetime hold different ranges, which the draft does not tell apart');
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN NOT regexp_full_match(${sql}, '[0-9]{8}') THEN error(${stringLiteral(other)})`
    + ` WHEN ${years} THEN error(${stringLiteral(range)}) ELSE CAST(strptime(${sql}, '%Y%m%d') AS ${duck}) END)`;
}

/**
 * The refusal of a date-time constant (`yyyy-mm-dd[ hh:mm:ss]`, whole minutes) that a datetime
 * (from 1753) or smalldatetime (1900 through 2079-06-06 23:59) cannot hold: SQL Server fails the
 * conversion. Constants are checked here, so that datetime-units.ts leaves text alone.
 */
function outOfRange(text: string, type: SqlType, refuse: (why: string) => Refusal): Refusal | undefined {
  if (type.family !== 'datetime') return undefined;
  const stamp = text.length === 10 ? `${text} 00:00:00` : text;
  if (type.unit === 'tick' && stamp < '1753-01-01') return refuse(`${text} is before 1753-01-01, the first day a datetime holds: SQL Server fails the conversion`);
  if (type.unit === 'minute' && (stamp < '1900-01-01' || stamp > '2079-06-06 23:59:00')) return refuse(`${text} is outside smalldatetime's range (1900-01-01 to 2079-06-06 23:59): SQL Server fails the conversion`);
  return undefined;
}

function isoText(literal: string): string {
  const t = literal.slice(1, -1);
  return t.length === 8 ? `'${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}'` : literal;
}

/** CAST / CONVERT as written (TRY_ forms other than text to an integer, a decimal or a date, and PARSE, are refused: their failure rules differ). */
export function castExplicit(v: Translated, e: Cast, scope: DraftScope): Result {
  if ((e.function === 'TRY_CAST' || e.function === 'TRY_CONVERT') && v.type.family === 'string') {
    // text to a date or date-time: NULL where SQL Server's TRY_ gives NULL (try-text-dates.ts)
    const style = e.style?.kind === 'Literal' && e.style.literalType === 'integer' ? Number(e.style.value) : undefined;
    const dated = e.style !== undefined && style === undefined ? undefined : tryTextToDate(v, sqlTypeOfDataType(e.dataType), style, scope, e);
    if (dated !== undefined) return dated;
  }
  if ((e.function === 'TRY_CAST' || e.function === 'TRY_CONVERT') && !e.style && v.type.family === 'string') {
    // Text to an integer type: NULL where CAST would fail (the same rule as castTo's).
    const type = sqlTypeOfDataType(e.dataType);
    const duck = duckTypeOf(type);
    if (type.family === 'int' && duck !== undefined) return translated(textToInteger(v.sql, duck, type.name, true), type);
    // text to decimal: NULL where CAST would fail or overflow (the emulator's textToDecimal)
    if (type.family === 'decimal' && type.money === undefined && duck !== undefined) return translated(textToDecimal(v.sql, duck, v.type.unicode, true), type);
  }
  if (e.function !== 'CAST' && e.function !== 'CONVERT') return refuseAt(scope.ctx, e.span, e.function, 'TRY_ conversions other than text to an integer, a decimal or a date, and PARSE, are not translated');
  let style: number | undefined;
  if (e.style) {
    if (e.style.kind !== 'Literal' || e.style.literalType !== 'integer') return refuseAt(scope.ctx, e.style.span, 'CONVERT style', 'only a constant style is translated');
    style = Number(e.style.value);
  }
  const type = sqlTypeOfDataType(e.dataType);
  // CAST(x AS varchar) without a length is varchar(30) in SQL Server.
  const named = e.dataType.name.parts.map((p) => p.name.toLowerCase()).join('.');
  const sized = type.family === 'string' && e.dataType.args.length === 0 && /char$/.test(named) ? { ...type, length: 30 } : type;
  return castTo(v, sized, scope, e, style);
}

/**
 * The type SQL Server gives a CASE/COALESCE over values of these types (highest precedence:
 * float > decimal > int > bit; text only with text; dates with dates), or undefined when they
 * mix in a way the draft does not reproduce (text with numbers).
 */
export function commonType(types: readonly SqlType[]): SqlType | undefined {
  const known = types.filter((t) => t.family !== 'null');
  if (known.length === 0) return types[0];
  const fams = new Set(known.map((t) => t.family));
  if (fams.has('unknown')) return undefined;
  if (fams.has('string')) {
    if (fams.size > 1) return undefined;
    const lens = known.map((t) => (t.family === 'string' ? t.length : undefined));
    const undeclared = known.some((t) => t.family === 'string' && t.undeclared) ? { undeclared: true as const } : {};
    return { family: 'string', unicode: known.some((t) => t.family === 'string' && t.unicode), length: lens.includes(undefined) ? undefined : Math.max(...(lens as number[])), ...undeclared };
  }
  // datetime2 mixed with another type converts in ways the draft does not reproduce (a datetime's 1/300 s)
  if (fams.has('datetime2')) return fams.size === 1 ? DATETIME2 : undefined;
  if (fams.has('datetime') || fams.has('date')) {
    if ([...fams].some((f) => f !== 'date' && f !== 'datetime')) return undefined;
    return fams.has('datetime') ? datetimeUnion(known) : { family: 'date' };
  }
  if (fams.has('float')) return { family: 'float' };
  // money beside integers stays money (data type precedence: decimal > money > int)
  const money = known.filter((t) => t.family === 'decimal' && t.money !== undefined);
  if (money.length > 0 && known.every((t) => (t.family === 'decimal' && t.money !== undefined) || t.family === 'int' || t.family === 'bit')) {
    return money.some((t) => t.family === 'decimal' && t.money === 'money') ? { family: 'decimal', precision: 19, scale: 4, money: 'money' } : { family: 'decimal', precision: 10, scale: 4, money: 'smallmoney' };
  }
  if (fams.has('decimal')) {
    const { integral, scale } = decimalUnion(known);
    // past precision 38 the scale SQL Server keeps is not documented (see unionPastPrecision38)
    return integral + scale > 38 ? undefined : decimal(integral + scale, scale);
  }
  if (fams.has('int')) {
    const order = ['tinyint', 'smallint', 'int', 'bigint'];
    const widest = known.reduce((w, t) => (t.family === 'int' && order.indexOf(t.name) > order.indexOf(w) ? t.name : w), 'tinyint');
    return { family: 'int', name: widest as 'int' };
  }
  return known[0];
}

/**
 * The type of datetime, smalldatetime and datetime2(0)-(6) values (and dates, which each holds
 * exactly) side by side: their one grain (the clock's whole seconds beside datetimes are datetimes:
 * GETDATE() is one); a datetime beside a smalldatetime is a datetime, which holds it exactly
 * (data type precedence). Other mixes keep no grain, their values taken as they are.
 */
function datetimeUnion(types: readonly SqlType[]): SqlType {
  const stamps = types.filter((t): t is SqlType & { family: 'datetime' } => t.family === 'datetime');
  const grained = stamps.filter((t) => t.clock !== true);
  if (grained.length === 0) return stamps[0] ?? { family: 'datetime' };
  const units = new Set(grained.map((t) => t.unit));
  if (units.size === 2 && units.has('tick') && units.has('minute')) units.delete('minute');
  const [unit] = [...units];
  if (units.size !== 1 || unit === undefined || (unit === 'minute' && grained.length < stamps.length)) return { family: 'datetime' };
  return { family: 'datetime', unit };
}

/** The most integral digits and the largest scale of decimal, integer and bit types (the union rule). */
function decimalUnion(types: readonly SqlType[]): { integral: number; scale: number } {
  let integral = 0;
  let scale = 0;
  for (const t of types) {
    const ps = t.family === 'decimal' ? [t.precision, t.scale] : t.family === 'int' ? [{ tinyint: 3, smallint: 5, int: 10, bigint: 19 }[t.name], 0] : [1, 0];
    integral = Math.max(integral, (ps[0] as number) - (ps[1] as number));
    scale = Math.max(scale, ps[1] as number);
  }
  return { integral, scale };
}

/**
 * Why values of these types have no common type the draft can reproduce when they are decimals
 * (with integers, bit or money) whose union passes precision 38: decimal(37,8) beside
 * decimal(38,10) is decimal(39,10), and the precision-and-scale page cuts the scale past 38 only
 * for + and -, so whether a CASE keeps 10 decimals or 9 is not documented. Undefined otherwise.
 */
export function unionPastPrecision38(types: readonly SqlType[]): string | undefined {
  const known = types.filter((t) => t.family !== 'null');
  if (!known.some((t) => t.family === 'decimal') || !known.every((t) => t.family === 'decimal' || t.family === 'int' || t.family === 'bit')) return undefined;
  const { integral, scale } = decimalUnion(known);
  if (integral + scale <= 38) return undefined;
  return `the union type of ${known.map(formatSqlType).join(', ')} is decimal(${integral + scale},${scale}), past precision 38, where how SQL Server cuts its scale is not documented; CAST the values to the decimal type meant`;
}

/** Converts every value to their common type (COALESCE, CASE, UNION columns). */
export function toCommonType(values: readonly Translated[], scope: DraftScope, at: Expression): { values: Translated[]; type: SqlType } | Refusal {
  const past38 = unionPastPrecision38(values.map((v) => v.type));
  if (past38 !== undefined) return refuseAt(scope.ctx, at.span, 'decimal values of mixed types', past38);
  const type = commonType(values.map((v) => v.type));
  if (type === undefined) return refuseAt(scope.ctx, at.span, 'mixed types', `values of ${values.map((v) => formatSqlType(v.type)).join(', ')} are converted implicitly by SQL Server in a way not reproduced`);
  const out: Translated[] = [];
  for (const v of values) {
    const c = v.type.family === type.family && (type.family !== 'decimal' || (v.type.family === 'decimal' && v.type.scale === type.scale)) ? v : castTo(v, type, scope, at);
    if (isRefusal(c)) return c;
    out.push(c);
  }
  return { values: out, type };
}
