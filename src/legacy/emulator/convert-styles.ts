import type { Cast } from '../../tsql';
import { binaryToText, textToBinary } from './binary-text';
import { cutToLength } from './conversions';
import { computedStyleText, styledText, temporalOf } from './dates/date-styles';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { familyOf, isMoney, toDuckType, type TsqlType } from './tsql-types';
import { moneyTextSql } from './money-text';

// CONVERT's style argument: how a date, time or money value is written as text, and how text is
// read as a date. A style the emulator does not reproduce is refused with its location, never
// ignored (CONVERT(date, '05-03-2024', 105) read by the session's month-first order was 3 May).

/** Text-to-date styles read with a fixed pattern (day or month first whatever SET DATEFORMAT says). */
const TEXT_TO_DATE: Readonly<Record<number, string>> = {
  101: '%m/%d/%Y', 102: '%Y.%m.%d', 103: '%d/%m/%Y', 104: '%d.%m.%Y', 105: '%d-%m-%Y', 110: '%m-%d-%Y', 111: '%Y/%m/%d', 112: '%Y%m%d',
};
/** Text-to-date styles of the ISO forms, which SQL Server reads whatever the session's date order: the plain conversion. */
const TEXT_TO_DATE_ISO: ReadonlySet<number> = new Set([0, 20, 21, 23, 120, 121, 126, 127]);

/**
 * CONVERT(type, value, style) when a style applies; undefined when the style does not matter to
 * this conversion (numbers other than money and float, text to text), for the plain conversion.
 */
export function convertWithStyle(t: SqlTranslator, e: Cast, type: TsqlType, inner: SqlFragment, scope: SqlScope): SqlFragment | undefined {
  if (e.style === undefined) return undefined;
  const target = familyOf(type);
  const literal = e.style.kind === 'Literal' ? Number(e.style.value) : undefined;
  // The xml methods (xml-methods.ts) read a document as style 0 parses it (white space only text dropped).
  if (type.name === 'xml' && literal !== 0) throw t.state.unsupported(e, `CONVERT to xml with style ${literal ?? '(computed)'} (only style 0, which discards insignificant white space, is emulated)`);
  // Binary to text and back: hex digits in styles 1 and 2 (binary-text.ts); style 0 is the plain conversion.
  if ((inner.family === 'binary' && target === 'string') || (inner.family === 'string' && target === 'binary')) {
    if (literal === 0) return undefined;
    if (literal !== 1 && literal !== 2) throw t.state.unsupported(e, `CONVERT between binary and text with style ${literal ?? '(computed)'} (styles 0, 1 and 2 are emulated)`);
    const sql = inner.family === 'binary' ? cutToLength(binaryToText(inner, type, literal), type) : textToBinary(inner, type, literal, e.function === 'TRY_CONVERT');
    return { sql, family: target, duckType: toDuckType(type), tsqlType: type };
  }
  const temporal = target === 'string' ? temporalOf(inner) : undefined;
  if (temporal !== undefined) {
    // Dates and times in the documented styles (date-styles.ts); a literal style the emulator
    // does not reproduce is refused where written, a computed one where met.
    const text = literal === undefined || e.style.kind !== 'Literal' || e.style.literalType !== 'integer'
      ? computedStyleText(inner, t.expr(e.style, scope).sql, temporal)
      : styledOrRefused(t, e, inner, literal, temporal);
    // the declared type goes along: HASHBYTES and CONCAT tell varchar from nvarchar by it
    return { sql: cutToLength(text, type), family: 'string', duckType: 'VARCHAR', tsqlType: type };
  }
  if (target === 'string' && inner.family === 'unknown' && inner.constant?.value === null) return { sql: 'CAST(NULL AS VARCHAR)', family: 'string', duckType: 'VARCHAR' };
  if (target === 'string' && isMoney(inner.tsqlType)) {
    if (literal === 0) return undefined;
    if (literal === 1) {
      // Commas every three digits left of the point, two digits right of it.
      return { sql: cutToLength(moneyTextSql(inner.sql, true), type), family: 'string', duckType: 'VARCHAR', tsqlType: type };
    }
    if (literal === 2 || literal === 126) return { sql: cutToLength(`CAST(CAST(${inner.sql} AS DECIMAL(38,4)) AS VARCHAR)`, type), family: 'string', duckType: 'VARCHAR', tsqlType: type };
    throw t.state.unsupported(e, `CONVERT of money with style ${literal ?? '(computed)'}`);
  }
  if (target === 'string' && inner.family === 'approx' && literal !== 0) throw t.state.unsupported(e, `CONVERT of float with style ${literal ?? '(computed)'} (only style 0 is emulated)`);
  if ((target === 'date' || target === 'datetime') && inner.family === 'string') {
    if (literal !== undefined && TEXT_TO_DATE_ISO.has(literal)) return undefined;
    const f = literal === undefined ? undefined : TEXT_TO_DATE[literal];
    if (f === undefined) throw t.state.unsupported(e, `CONVERT of text to a date with style ${literal ?? '(computed)'}`);
    return styledTextToDate(t, e, type, inner, literal as number, f);
  }
  return undefined;
}

/**
 * Text read as a date in a fixed-order style (101 m/d/yyyy, 103 d/m/yyyy, 112 yyyymmdd…), blanks
 * around ignored. Text of the style's shape whose day or month does not exist is out of range
 * for datetime and smalldatetime (242) and not a date for date (241), as without a style; text
 * without a digit is not a date (241, TRY_CONVERT's NULL). Other text (a time after the date,
 * another separator, a two-digit year) SQL Server may still read: refused, not guessed. A year
 * before 1753 is out of datetime's range (242), as outside smalldatetime's 1900-2079.
 */
function styledTextToDate(t: SqlTranslator, e: Cast, type: TsqlType, inner: SqlFragment, style: number, format: string): SqlFragment {
  const name = type.name;
  if (name !== 'date' && name !== 'datetime' && name !== 'smalldatetime') throw t.state.unsupported(e, `CONVERT of text to ${name} with style ${style} (date, datetime and smalldatetime are emulated)`);
  const text = `trim(CAST(${inner.sql} AS VARCHAR))`;
  const shape = style === 112 ? '\\d{8}' : format.replace(/%[md]/g, '\\d{1,2}').replace('%Y', '\\d{4}').replace(/\./g, '\\.');
  const parsed = `try_strptime(${text}, '${format}')`;
  const source = inner.tsqlType?.name === 'nvarchar' || inner.tsqlType?.name === 'nchar' || inner.tsqlType?.name === 'char' ? inner.tsqlType.name : 'varchar';
  const tryCast = e.function === 'TRY_CONVERT';
  const fail = (number: number, message: string): string => (tryCast ? 'NULL' : `error('T-SQL Msg ${number}: ${message}')`);
  const notDate = fail(241, 'Conversion failed when converting date and/or time from character string.');
  const outOfRange = fail(242, `The conversion of a ${source} data type to a ${name} data type resulted in an out-of-range value.`);
  const range = name === 'datetime' ? `${parsed} < TIMESTAMP '1753-01-01'`
    : name === 'smalldatetime' ? `(${parsed} < TIMESTAMP '1900-01-01' OR ${parsed} >= TIMESTAMP '2079-06-07')` : 'false';
  const refused = `error('the emulator does not support reading the text ''' || ${text} || ''' with CONVERT style ${style} (only the style''s own form is read; SQL Server may read more)')`;
  const ts = `(CASE WHEN ${inner.sql} IS NULL THEN NULL
    WHEN ${parsed} IS NOT NULL AND ${range} THEN ${outOfRange}
    WHEN ${parsed} IS NOT NULL THEN ${parsed}
    WHEN regexp_full_match(${text}, '${shape}') THEN ${name === 'date' ? notDate : outOfRange}
    WHEN NOT regexp_matches(${text}, '[0-9]') THEN ${notDate}
    ELSE ${refused} END)`;
  return { sql: name === 'date' ? `CAST(${ts} AS DATE)` : `CAST(${ts} AS TIMESTAMP)`, family: familyOf(type), duckType: toDuckType(type), tsqlType: type };
}

/** A date/time value as text in a literal style, or the refusal of that style at the CONVERT. */
function styledOrRefused(t: SqlTranslator, e: Cast, inner: SqlFragment, style: number, temporal: NonNullable<ReturnType<typeof temporalOf>>): string {
  const r = styledText(inner, style, temporal);
  if ('refused' in r) throw t.state.unsupported(e, r.refused);
  return r.sql;
}
