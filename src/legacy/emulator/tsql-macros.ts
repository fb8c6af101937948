import type { EngineSession } from '../../engine';
import { datetimeTicksOf100nsSql, datetimeTicksSql, equatedTextSql, searchMayEquateSql, ticksMicrosecondsSql, undocumentedTicksOf100nsSql, undocumentedTicksSql } from '../../tsql';

/** Microseconds since midnight of `x` (a TIMESTAMP, or datetime2 text read as one: its 7th digit apart). */
const US_OF_DAY = (x: string): string => `(epoch_us(CAST(${x} AS TIMESTAMP)) - epoch_us(date_trunc('day', CAST(${x} AS TIMESTAMP))))`;
/** The refusal of a value (`text`, DuckDB SQL) whose datetime tick the documentation does not settle (datetime-ticks.ts). */
const UNDOCUMENTED_TICK = (text: string): string => `CAST(error('the emulator does not support converting ' || ${text} || ' to datetime: rounding it straight to 1/300 s and rounding or cutting it to whole milliseconds (or microseconds) first give different values, and which SQL Server does is not documented') AS TIMESTAMP)`;
import { TEXT_ORDER_MACROS } from './reproducibility/text-order-doubt';
import { ZONE_MACROS } from './dates/time-zones';
import { STATISTICS_MACROS } from './reproducibility/statistical-aggregates';
import { withReadOnceMacros } from './read-once-macros';

/**
 * DuckDB macros that give T-SQL built-ins SQL Server's semantics where DuckDB's differ. The
 * expression translator calls these by name, so each rule lives in one place and is tested
 * on DuckDB directly. Written for SQL Server's documented behaviour (see the unit tests).
 */
// Text the collation may equate with other spellings (ß and ss, ² and 2, a soft hyphen, other
// scripts): one definition with the drafts, src/tsql/collation-equated-text.ts.
const UNSAFE = (s: string): string => equatedTextSql(`CAST(${s} AS VARCHAR)`);
const SEARCH_UNSAFE = (s: string, f: string): string => searchMayEquateSql(`CAST(${s} AS VARCHAR)`, `CAST(${f} AS VARCHAR)`);

const MACROS: readonly string[] = [
  // Integer division truncates toward zero; dividing by zero is an error, not NULL, except that
  // a NULL dividend makes the quotient NULL before any division (SELECT NULL / 0 is NULL in SQL
  // Server, as a NULL divisor is): DuckDB's // and % by zero give NULL there too.
  `CREATE OR REPLACE MACRO tsql_idiv(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL THEN error('Divide by zero error encountered.') ELSE a // b END`,
  `CREATE OR REPLACE MACRO tsql_div(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL THEN error('Divide by zero error encountered.') ELSE a / b END`,
  // A float (or real) result past its type's range: DuckDB gives an infinity, which no float of
  // SQL Server's holds (its arithmetic stops with an overflow error there, an error the emulator
  // does not raise): refused where met, never carried on as 'inf' into a total or a text.
  `CREATE OR REPLACE MACRO tsql_float_in_range(v) AS CASE WHEN isinf(v) THEN error('the emulator does not support float arithmetic whose result is past float''s range (SQL Server stops it with an arithmetic overflow error)') ELSE v END`,
  `CREATE OR REPLACE MACRO tsql_mod(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL THEN error('Divide by zero error encountered.') ELSE a % b END`,
  // LEN ignores trailing blanks (not leading ones); DATALENGTH counts bytes of varchar.
  // Under the default (non-SC) collations a character past U+FFFF is two characters (a UTF-16
  // surrogate pair) to LEN, SUBSTRING, LEFT, RIGHT, CHARINDEX, REVERSE and STUFF, where DuckDB
  // counts it once: LEN counts it twice here; positions through such text are refused
  // (tsql_bmp: an emoji in a name would shift every position after it).
  `CREATE OR REPLACE MACRO tsql_len(s) AS length(rtrim(CAST(s AS VARCHAR), ' ')) + length(regexp_replace(CAST(s AS VARCHAR), '[^\\x{10000}-\\x{10FFFF}]', '', 'g'))`,
  `CREATE OR REPLACE MACRO tsql_bmp(s) AS CASE WHEN regexp_matches(CAST(s AS VARCHAR), '[\\x{10000}-\\x{10FFFF}]') THEN error('the emulator does not support character positions in text holding characters past U+FFFF (SQL Server counts each as two)') ELSE CAST(s AS VARCHAR) END`,
  // UPPER as SQL Server's case tables: ß has no single-letter capital there (DuckDB writes ẞ). It
  // is kept through a private-use character (no lambda of its own: UPPER may stand in a CHECK
  // constraint, where DuckDB takes none and its inline twin is called, read-once-macros.ts);
  // text already holding that character is refused.
  `CREATE OR REPLACE MACRO tsql_upper(s) AS CASE WHEN strpos(CAST(s AS VARCHAR), 'ß') = 0 THEN upper(CAST(s AS VARCHAR))
     WHEN strpos(CAST(s AS VARCHAR), chr(57344)) > 0 THEN error('the emulator does not support UPPER of text holding both ß and U+E000')
     ELSE replace(upper(replace(CAST(s AS VARCHAR), 'ß', chr(57344))), chr(57344), 'ß') END`,
  `CREATE OR REPLACE MACRO tsql_datalength(s) AS octet_length(encode(CAST(s AS VARCHAR)))`,
  // CHARINDEX is 1-based, 0 when absent, case-insensitive under the default collation.
  // An empty string to find: SQL Server's documentation does not say what CHARINDEX returns.
  `CREATE OR REPLACE MACRO tsql_charindex(f, s, st := 1) AS CASE WHEN f IS NULL OR s IS NULL THEN NULL
     WHEN ${SEARCH_UNSAFE('s', 'f')}
       THEN error('the emulator does not support CHARINDEX over text holding characters SQL Server''s collation may equate with other spellings (ß and ss, æ and ae, ² and 2, ignorable ones, other scripts): ''' || CAST(s AS VARCHAR) || ''', ''' || CAST(f AS VARCHAR) || '''')
     WHEN length(CAST(f AS VARCHAR)) = 0 THEN error('the emulator does not support CHARINDEX of an empty string (its result is not documented)')
     WHEN st IS NULL THEN error('the emulator does not support CHARINDEX with a NULL start_location (its result is not documented; DuckDB''s greatest() would read it as 1)')
     WHEN strpos(lower(substr(tsql_bmp(s), greatest(st, 1))), lower(tsql_bmp(f))) = 0 THEN 0
     ELSE strpos(lower(substr(tsql_bmp(s), greatest(st, 1))), lower(tsql_bmp(f))) + greatest(st, 1) - 1 END`,
  // SUBSTRING with a start before 1 shortens the length, as SQL Server does.
  // A NULL start or length gives NULL (DuckDB's greatest() would skip the NULL instead).
  `CREATE OR REPLACE MACRO tsql_substring(s, st, n) AS CASE WHEN st IS NULL OR n IS NULL THEN NULL WHEN n < 0 THEN error('Invalid length parameter passed to the substring function.')
     ELSE substr(tsql_bmp(s), greatest(st, 1), greatest(n - (greatest(st, 1) - st), 0)) END`,
  // A negative length is error 536 in SQL Server; DuckDB's left/right would count from the end.
  `CREATE OR REPLACE MACRO tsql_left(s, n) AS CASE WHEN n < 0 THEN error('T-SQL Msg 536: Invalid length parameter passed to the left function.') ELSE left(tsql_bmp(s), CAST(n AS BIGINT)) END`,
  `CREATE OR REPLACE MACRO tsql_right(s, n) AS CASE WHEN n < 0 THEN error('T-SQL Msg 536: Invalid length parameter passed to the right function.') ELSE right(tsql_bmp(s), CAST(n AS BIGINT)) END`,
  // REPLACE matches case-insensitively under SQL_Latin1_General_CP1_CI_AS; over Unicode with the
  // collation's expansions too (REPLACE(N'Chloe', N'œ', N'o') is 'Chlo'): such text is refused.
  `CREATE OR REPLACE MACRO tsql_replace(s, f, r) AS CASE WHEN ${SEARCH_UNSAFE('s', 'f')}
       THEN error('the emulator does not support REPLACE over text holding characters SQL Server''s collation may equate with other spellings (ß and ss, æ and ae, ² and 2, ignorable ones, other scripts): ''' || CAST(s AS VARCHAR) || ''', ''' || CAST(f AS VARCHAR) || '''')
     WHEN f = '' THEN CAST(s AS VARCHAR)
     ELSE regexp_replace(CAST(s AS VARCHAR), regexp_escape(CAST(f AS VARCHAR)), replace(CAST(r AS VARCHAR), '\\', '\\\\'), 'gi') END`,
  `CREATE OR REPLACE MACRO tsql_replicate(s, n) AS CASE WHEN n < 0 THEN NULL ELSE repeat(CAST(s AS VARCHAR), CAST(n AS BIGINT)) END`,
  `CREATE OR REPLACE MACRO tsql_space(n) AS CASE WHEN n < 0 THEN NULL ELSE repeat(' ', CAST(n AS BIGINT)) END`,
  // String comparison: case-insensitive (default_collation) and trailing blanks ignored. Where
  // Unicode is compared (nvarchar, or varchar beside an N'…' value) SQL Server's collation equates
  // what code points keep apart: expansions (N'Straße' = N'Strasse', æ = ae, œ = oe), superscript
  // digits (² = 2), and it ignores some characters (a soft hyphen). Text holding such a character,
  // or any beyond ASCII and the accented Latin letters, is refused where it is compared, grouped or
  // partitioned, rather than counted as other groups than SQL Server's.
  `CREATE OR REPLACE MACRO tsql_str(s) AS CASE WHEN ${UNSAFE('s')} THEN error('the emulator does not support comparing or grouping text holding characters SQL Server''s collation may equate with other spellings (ß and ss, æ and ae, ² and 2, ignorable ones, other scripts): ''' || CAST(s AS VARCHAR) || '''') ELSE rtrim(CAST(s AS VARCHAR), ' ') END`,
  // Text into a char/varchar(n) column: cut trailing blanks past n silently, fail with 2628 when
  // anything else would be cut (SQL Server 2019+; the message names the table and column).
  `CREATE OR REPLACE MACRO tsql_fit_text(s, n, msg) AS CASE WHEN s IS NULL OR length(CAST(s AS VARCHAR)) <= n THEN s
     WHEN length(rtrim(CAST(s AS VARCHAR), ' ')) <= n THEN left(CAST(s AS VARCHAR), n)
     ELSE error('T-SQL Msg 2628: ' || msg || left(CAST(s AS VARCHAR), n) || '''.') END`,
  // The order SQL Server's default collations (Latin1_General / SQL_Latin1_General, CI_AS) give
  // text, as one string DuckDB can sort: the letters without accents and case first ('Åsa' sorts
  // beside 'Asa', before 'bob', where code points put it after 'z'), then, after chr(1), the
  // value itself (accent variants of one word, rare, in code-point order). A letter that does not
  // decompose to ASCII (ß, æ, ø, Ł, other scripts) is refused where the order decides a value.
  // ASCII punctuation as the first difference of two values is checked where they meet (text-order-doubt.ts).
  `CREATE OR REPLACE MACRO tsql_collation_key(s) AS CASE WHEN s IS NULL THEN NULL
     WHEN regexp_full_match(strip_accents(CAST(s AS VARCHAR)), '[ -~]*') THEN lower(strip_accents(CAST(s AS VARCHAR))) || chr(1) || CAST(s AS VARCHAR)
     ELSE error('the emulator does not support ordering text holding letters outside ASCII and its accented forms by SQL Server''s collation: ''' || CAST(s AS VARCHAR) || ''' (ß, æ, ø and other scripts sort by rules it does not reproduce)') END`,
  // Dates. DATEDIFF counts boundaries crossed; DuckDB's date_diff does the same for these
  // parts, except weeks, which SQL Server counts as Sundays crossed (DATEFIRST-independent).
  `CREATE OR REPLACE MACRO tsql_datediff_week(a, b) AS
     CAST(floor(date_diff('day', DATE '1970-01-04', CAST(b AS DATE)) / 7) - floor(date_diff('day', DATE '1970-01-04', CAST(a AS DATE)) / 7) AS INTEGER)`,
  // Date/time text taken from data (constants are read exactly in date-text.ts): ISO 8601,
  // yyyy-mm-dd, unseparated yyyymmdd and us_english m/d/yyyy, each with an optional time; the
  // empty string is 1900-01-01; text without a digit ('n/a', 'unknown') is no date in any format
  // (NULL here: TRY_CONVERT's NULL, CAST's error 241). Any other text is refused rather than guessed.
  `CREATE OR REPLACE MACRO tsql_try_text_to_ts(s) AS CASE
     WHEN s IS NULL THEN NULL
     WHEN trim(CAST(s AS VARCHAR)) = '' THEN TIMESTAMP '1900-01-01'
     WHEN NOT regexp_matches(CAST(s AS VARCHAR), '[0-9]') THEN NULL
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?')
       THEN DATE '1900-01-01' + TRY_CAST(trim(CAST(s AS VARCHAR)) AS TIME)
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{4}-\\d{1,2}-\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?)?')
       THEN TRY_CAST(replace(trim(CAST(s AS VARCHAR)), 'T', ' ') AS TIMESTAMP)
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{8}( \\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?)?')
       THEN TRY_CAST(regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{4})(\\d{2})(\\d{2})', '\\1-\\2-\\3') AS TIMESTAMP)
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{1,2}/\\d{1,2}/\\d{4}( \\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?)?')
       THEN TRY_CAST(regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{1,2})/(\\d{1,2})/(\\d{4})', '\\3-\\1-\\2') AS TIMESTAMP)
     ELSE error('the emulator does not support the date/time text ''' || CAST(s AS VARCHAR) || ''' taken from data') END`,
  `CREATE OR REPLACE MACRO tsql_text_to_ts(s) AS CASE WHEN s IS NOT NULL AND tsql_try_text_to_ts(s) IS NULL
     THEN error('Conversion failed when converting date and/or time from character string.') ELSE tsql_try_text_to_ts(s) END`,
  // Text under SET DATEFORMAT dmy, rewritten to the yyyy-mm-dd the macros above read:
  // d/m/yyyy (or with . or -, the same separator twice) as day, month, year; yyyy-mm-dd without
  // the ISO 'T' as year, day, month when ydm (datetime and smalldatetime read it so under dmy,
  // date and datetime2 do not). Anything else goes on as it is (and is read or refused there).
  `CREATE OR REPLACE MACRO tsql_dmy_text(s, ydm) AS CASE WHEN s IS NULL THEN NULL
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{1,2}(/\\d{1,2}/|\\.\\d{1,2}\\.|-\\d{1,2}-)\\d{4}( .*)?')
       THEN regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})', '\\3-\\2-\\1')
     WHEN ydm AND regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{4}-\\d{1,2}-\\d{1,2}( .*)?')
       THEN regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{4})-(\\d{1,2})-(\\d{1,2})', '\\1-\\3-\\2')
     ELSE CAST(s AS VARCHAR) END`,
  // datetime and smalldatetime read at most 3 digits of a second ('10:19:41.1234' is no
  // datetime: ISDATE 0, TRY_CONVERT NULL, CAST 241), where datetime2 takes 7.
  // A string of only 4 digits is the year, January 1st, for datetime and smalldatetime (documented
  // under "Unseparated String Format"; ISDATE('2015') is 1). The date types are not said to take it.
  `CREATE OR REPLACE MACRO tsql_try_text_to_dtm(s) AS CASE
     WHEN regexp_matches(CAST(s AS VARCHAR), ':\\d{1,2}\\.\\d{4,}') THEN NULL
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{4}') AND trim(CAST(s AS VARCHAR)) <> '0000'
       THEN CAST(trim(CAST(s AS VARCHAR)) || '-01-01' AS TIMESTAMP)
     ELSE tsql_try_text_to_ts(s) END`,
  // A numeric date whose day or month does not exist ('02/30/2001', '2001-13-05', '20010230') is
  // 242, out of range, for datetime and smalldatetime (date and datetime2 say 241); other text 241.
  `CREATE OR REPLACE MACRO tsql_bad_numeric_day(s) AS TRY_CAST(CASE
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{4}-\\d{1,2}-\\d{1,2}([ T].*)?') THEN regexp_extract(trim(CAST(s AS VARCHAR)), '^\\d{4}-\\d{1,2}-\\d{1,2}')
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{8}( .*)?') THEN regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{4})(\\d{2})(\\d{2}).*$', '\\1-\\2-\\3')
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '\\d{1,2}/\\d{1,2}/\\d{4}( .*)?') THEN regexp_replace(trim(CAST(s AS VARCHAR)), '^(\\d{1,2})/(\\d{1,2})/(\\d{4}).*$', '\\3-\\1-\\2')
     ELSE '2000-01-01' END AS DATE) IS NULL`,
  `CREATE OR REPLACE MACRO tsql_text_to_dtm(s, source, target) AS CASE WHEN s IS NOT NULL AND tsql_try_text_to_dtm(s) IS NULL
     THEN CASE WHEN tsql_bad_numeric_day(s)
       THEN error('T-SQL Msg 242: The conversion of a ' || source || ' data type to a ' || target || ' data type resulted in an out-of-range value.')
       ELSE error('Conversion failed when converting date and/or time from character string.') END
     ELSE tsql_try_text_to_dtm(s) END`,
  // datetime starts at 1753-01-01, smalldatetime holds 1900-01-01 through 2079-06-06 23:59: a
  // value outside (the year 1500 of a date or of text) fails with 242, naming the source type,
  // or is TRY_CONVERT's NULL (fail false).
  `CREATE OR REPLACE MACRO tsql_datetime_in_range(ts, source, fail) AS CASE
     WHEN ts IS NULL OR ts >= TIMESTAMP '1753-01-01' THEN ts
     WHEN fail THEN CAST(error('T-SQL Msg 242: The conversion of a ' || source || ' data type to a datetime data type resulted in an out-of-range value.') AS TIMESTAMP)
     ELSE NULL END`,
  `CREATE OR REPLACE MACRO tsql_smalldatetime_in_range(ts, source, fail) AS CASE
     WHEN ts IS NULL OR (ts >= TIMESTAMP '1900-01-01' AND ts < TIMESTAMP '2079-06-07') THEN ts
     WHEN fail THEN CAST(error('T-SQL Msg 242: The conversion of a ' || source || ' data type to a smalldatetime data type resulted in an out-of-range value.') AS TIMESTAMP)
     ELSE NULL END`,
  // datetimeoffset from text. The emulator holds a datetimeoffset as its instant (TIMESTAMPTZ,
  // 1 µs, DuckDB's TimeZone pinned to UTC), so its date and time parts are those at +00:00:
  // text at +00:00, Z or without offset (which SQL Server reads as +00:00) keeps them; text at
  // any other offset would have them moved to UTC, and a 100 ns digit cut, so both are refused.
  `CREATE OR REPLACE MACRO tsql_try_text_to_dto(s) AS CASE WHEN s IS NULL THEN NULL
     WHEN regexp_matches(trim(CAST(s AS VARCHAR)), '\\.\\d{6}[1-9]\\s*([+-]\\d{1,2}:\\d{2}|Z)?$')
       THEN error('the emulator does not support datetimeoffset values with 100 ns digits (''' || CAST(s AS VARCHAR) || ''': it keeps 1 µs)')
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '.*\\d\\s*[+-]\\d{1,2}:\\d{2}') THEN CASE
       WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '.*\\d\\s*[+-]0?0:00')
         THEN CAST(tsql_try_text_to_ts(regexp_replace(trim(CAST(s AS VARCHAR)), '\\s*[+-]\\d{1,2}:\\d{2}$', '')) AS TIMESTAMPTZ)
       ELSE error('the emulator does not support datetimeoffset values at an offset other than +00:00 (''' || CAST(s AS VARCHAR) || ''': it keeps the instant, not the offset its date and time parts are read at)') END
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '.*\\d\\s*Z')
       THEN CAST(tsql_try_text_to_ts(regexp_replace(trim(CAST(s AS VARCHAR)), '\\s*Z$', '')) AS TIMESTAMPTZ)
     ELSE CAST(tsql_try_text_to_ts(s) AS TIMESTAMPTZ) END`,
  `CREATE OR REPLACE MACRO tsql_text_to_dto(s) AS CASE WHEN s IS NOT NULL AND tsql_try_text_to_dto(s) IS NULL
     THEN error('Conversion failed when converting date and/or time from character string.') ELSE tsql_try_text_to_dto(s) END`,
  // time from text: DuckDB's TIME keeps 1 µs, so a 100 ns digit is refused rather than dropped.
  `CREATE OR REPLACE MACRO tsql_text_to_time(s) AS CASE WHEN s IS NULL THEN NULL
     WHEN regexp_full_match(trim(CAST(s AS VARCHAR)), '.*\\.\\d{6}[1-9]\\s*')
       THEN error('the emulator does not support time values with 100 ns digits (DuckDB TIME keeps 1 µs)')
     ELSE CAST(tsql_text_to_ts(s) AS TIME) END`,
  // datetime2 text with all 7 digits: the seconds from the timestamp, the fraction from the text.
  `CREATE OR REPLACE MACRO tsql_try_text_to_dt2(s) AS CASE WHEN tsql_try_text_to_ts(s) IS NULL THEN NULL
     ELSE strftime(tsql_try_text_to_ts(s), '%Y-%m-%d %H:%M:%S.') || rpad(coalesce(regexp_extract(trim(CAST(s AS VARCHAR)), ':\\d{2}\\.(\\d{1,7})$', 1), ''), 7, '0') END`,
  `CREATE OR REPLACE MACRO tsql_text_to_dt2(s) AS CASE WHEN s IS NULL THEN NULL
     ELSE strftime(tsql_text_to_ts(s), '%Y-%m-%d %H:%M:%S.') || rpad(coalesce(regexp_extract(trim(CAST(s AS VARCHAR)), ':\\d{2}\\.(\\d{1,7})$', 1), ''), 7, '0') END`,
  // datetime2(p < 7) rounds to p digits: `unit` microseconds (1 for 6 digits, 1000000 for 0).
  `CREATE OR REPLACE MACRO tsql_round_us(ts, unit) AS date_trunc('day', CAST(ts AS TIMESTAMP))
     + to_microseconds(((epoch_us(CAST(ts AS TIMESTAMP)) - epoch_us(date_trunc('day', CAST(ts AS TIMESTAMP)))) + unit // 2) // unit * unit)`,
  // The same from datetime2(7) text, whose 7th digit decides the rounding of the 6th.
  `CREATE OR REPLACE MACRO tsql_dt2_text_round_us(s, unit) AS date_trunc('day', CAST(s AS TIMESTAMP))
     + to_microseconds(((epoch_us(CAST(s AS TIMESTAMP)) - epoch_us(date_trunc('day', CAST(s AS TIMESTAMP)))) * 10 + CAST(substr(s, 27, 1) AS BIGINT) + unit * 5) // (unit * 10) * unit)`,
  // datetime holds 1/300 s: .000, .003, .007 (rounded to the nearest tick, then shown in ms).
  `CREATE OR REPLACE MACRO tsql_datetime_round(ts) AS date_trunc('day', CAST(ts AS TIMESTAMP))
     + to_microseconds(${ticksMicrosecondsSql(datetimeTicksSql("(epoch_us(CAST(ts AS TIMESTAMP)) - epoch_us(date_trunc('day', CAST(ts AS TIMESTAMP))))"))})`,
  // A value converted to or stored into datetime (datetime-ticks.ts): a digit past the
  // milliseconds whose tick the documentation does not settle is refused, naming the value.
  `CREATE OR REPLACE MACRO tsql_to_datetime(ts) AS CASE WHEN ts IS NULL THEN NULL
     WHEN ${undocumentedTicksSql(US_OF_DAY('ts'))} THEN ${UNDOCUMENTED_TICK("strftime(CAST(ts AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f')")}
     ELSE tsql_datetime_round(ts) END`,
  // The same from datetime2(7) text, its 7th digit counted: 100 ns units since midnight.
  `CREATE OR REPLACE MACRO tsql_dt2_text_to_datetime(s) AS CASE WHEN s IS NULL THEN NULL
     WHEN ${undocumentedTicksOf100nsSql(`(${US_OF_DAY('s')} * 10 + CAST(substr(s, 27, 1) AS BIGINT))`)} THEN ${UNDOCUMENTED_TICK('s')}
     ELSE date_trunc('day', CAST(s AS TIMESTAMP)) + to_microseconds(${ticksMicrosecondsSql(datetimeTicksOf100nsSql(`(${US_OF_DAY('s')} * 10 + CAST(substr(s, 27, 1) AS BIGINT))`))}) END`,
  // smalldatetime holds minutes: 29.998 s rounds down, 29.999 s up.
  `CREATE OR REPLACE MACRO tsql_smalldatetime_round(ts) AS date_trunc('day', CAST(ts AS TIMESTAMP))
     + to_minutes(((epoch_us(CAST(ts AS TIMESTAMP)) - epoch_us(date_trunc('day', CAST(ts AS TIMESTAMP)))) // 1000 + 30001) // 60000)`,
  `CREATE OR REPLACE MACRO tsql_eomonth(d) AS CAST(last_day(CAST(d AS DATE)) AS DATE)`,
  // DATEFROMPARTS of a day that does not exist (month 13, February 30, year 0) fails with 289,
  // where DuckDB's make_date error read as an overflow (8115).
  `CREATE OR REPLACE MACRO tsql_datefromparts(y, m, d) AS CASE WHEN y IS NULL OR m IS NULL OR d IS NULL THEN NULL
     WHEN y BETWEEN 1 AND 9999 AND m BETWEEN 1 AND 12 AND d BETWEEN 1 AND (CASE WHEN m IN (4, 6, 9, 11) THEN 30
       WHEN m = 2 THEN (CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END) ELSE 31 END) THEN make_date(y, m, d)
     ELSE CAST(error('T-SQL Msg 289: Cannot construct data type date, some of the arguments have values which are not valid.') AS DATE) END`,
  // ROUND(x, n, 1) truncates instead of rounding: DuckDB's trunc(x, n) is exact on decimals at any
  // size and takes a negative n (ROUND(-1234.5678, -2, 1) is -1200.0000), where scaling by
  // power(10, n) went through a double.
  `CREATE OR REPLACE MACRO tsql_round(x, n, f := 0) AS CASE WHEN f = 0 THEN round(x, n) ELSE trunc(x, n) END`,
  // ROUND of a float or real: SQL Server rounds (or truncates) its exact binary value, reports say
  // (ROUND(2.4e0, 2, 1) is 2.39: 2.4 is stored as 2.39999…), where DuckDB's round and trunc work on
  // the product x * 10^n, itself rounded (2.675e0 * 100 is 267.5 exactly). The two can differ only
  // where that product lies within a few units of its last place of a boundary (a half when
  // rounding, a whole number when truncating). There the exact side of the boundary is told with an
  // error-free product (tsql_strf_product_error, as STR does), and where the two answers differ the
  // emulator refuses, since how SQL Server rounds is not documented. A product past 15 digits
  // cannot tell; a value past 2^52 has no fraction to round; with n < 0 only an exact boundary passes.
  `CREATE OR REPLACE MACRO tsql_round_float_near(x, n, f, a, y) AS CASE
     WHEN n < 0 THEN a <> CASE WHEN f = 0 THEN floor(y) + 0.5 ELSE round(y) END * pow(10, -n)
     WHEN n > 22 THEN true
     WHEN f = 0 THEN tsql_round_differs(x, sign(CAST(x AS DOUBLE)) * (floor(y) + CASE WHEN sign((a * (2 * pow(10, n)) - (2 * floor(y) + 1)) + tsql_strf_product_error(a, 2 * pow(10, n))) >= 0 THEN 1 ELSE 0 END) / pow(10, n), round(x, n))
     ELSE tsql_round_differs(x, sign(CAST(x AS DOUBLE)) * (round(y) - CASE WHEN sign((a * pow(10, n) - round(y)) + tsql_strf_product_error(a, pow(10, n))) < 0 THEN 1 ELSE 0 END) / pow(10, n), trunc(x, n)) END`,
  // A float or real converted to decimal, numeric or money (`converted`, DuckDB's CAST to scale s):
  // SQL Server rounds the float's binary value, DuckDB's CAST an approximation of it, which can land
  // on the other side of a halfway point (2.675e0 to decimal(10,2)). Refused where the exact side
  // (tsql_strf_product_error) gives another value; past 15 digits a float with a fraction is refused.
  `CREATE OR REPLACE MACRO tsql_float_to_fixed(x, s, converted) AS list_transform([abs(CAST(x AS DOUBLE))], a -> list_transform([a * pow(10, s)], y -> CASE
     WHEN x IS NULL THEN converted
     WHEN y >= 1e15 THEN CASE WHEN a = floor(a) THEN converted
       ELSE error('the emulator does not support converting a float with more than 15 significant digits at the scale of the decimal to it (how SQL Server rounds its binary value there is not documented)') END
     WHEN abs(y - floor(y) - 0.5) <= (floor(y) + 0.5) * 1e-15 AND (s > 22 OR sign(CAST(x AS DOUBLE)) * (floor(y) + CASE WHEN sign((a * (2 * pow(10, s)) - (2 * floor(y) + 1)) + tsql_strf_product_error(a, 2 * pow(10, s))) >= 0 THEN 1 ELSE 0 END) / pow(10, s) <> CAST(converted AS DOUBLE))
       THEN error('the emulator does not support converting a float this close to halfway between two values of the decimal''s scale (SQL Server rounds its exact binary value, which lies on the other side of halfway than DuckDB''s conversion; how is not documented)')
     ELSE converted END)[1])[1]`,
  // The two answers compared in the argument's own type (a real's rounding is a real).
  `CREATE OR REPLACE MACRO tsql_round_differs(x, exact, product) AS CASE WHEN typeof(x) = 'FLOAT' THEN CAST(exact AS FLOAT) <> CAST(product AS FLOAT) ELSE CAST(exact AS DOUBLE) <> CAST(product AS DOUBLE) END`,
  `CREATE OR REPLACE MACRO tsql_round_float(x, n, f := 0, site := '') AS list_transform([abs(CAST(x AS DOUBLE))], a -> list_transform([CASE WHEN n >= 0 THEN a * pow(10, n) ELSE a / pow(10, -n) END], y -> CASE
     WHEN x IS NULL OR n IS NULL THEN NULL
     WHEN y >= 1e15 THEN CASE WHEN a >= 4503599627370496 AND n >= 0 THEN CAST(x AS DOUBLE)
       ELSE error('the emulator does not support ROUND of a float with more than 15 significant digits at the rounding position' || site) END
     WHEN f = 0 AND abs(y - floor(y) - 0.5) <= (floor(y) + 0.5) * 1e-15 AND tsql_round_float_near(x, n, f, a, y)
       THEN error('the emulator does not support ROUND of a float this close to halfway between two roundings (here ROUND(' || CAST(CAST(x AS DOUBLE) AS VARCHAR) || ', ' || CAST(n AS VARCHAR) || '): SQL Server rounds its exact binary value, which lies on the other side of halfway than the product the emulator rounds; how SQL Server rounds is not documented)' || site)
     WHEN f <> 0 AND round(y) >= 1 AND abs(y - round(y)) <= round(y) * 1e-15 AND tsql_round_float_near(x, n, f, a, y)
       THEN error('the emulator does not support ROUND … , 1) of a float this close to a whole number at the rounding position (here ROUND(' || CAST(CAST(x AS DOUBLE) AS VARCHAR) || ', ' || CAST(n AS VARCHAR) || ', 1): SQL Server truncates its exact binary value: ROUND(2.4e0, 2, 1) is reported as 2.39)' || site)
     ELSE CAST(tsql_round(x, n, f := f) AS DOUBLE) END)[1])[1]`,
  `CREATE OR REPLACE MACRO tsql_sign(x) AS sign(x)`,
  // DATEPART(weekday): 1 on SET DATEFIRST's day; `first` is DATEFIRST % 7, DuckDB's number of
  // that day (Sunday 0: us_english's default DATEFIRST 7 makes Sunday 1).
  `CREATE OR REPLACE MACRO tsql_weekday(d, first) AS CAST((dayofweek(CAST(d AS DATE)) + 7 - first) % 7 + 1 AS INTEGER)`,
  // STUFF deletes n characters at st and inserts r; NULL when st is outside the string.
  `CREATE OR REPLACE MACRO tsql_stuff(s, st, n, r) AS CASE WHEN st < 1 OR st > length(tsql_bmp(s)) OR n < 0 THEN NULL
     ELSE substr(tsql_bmp(s), 1, st - 1) || coalesce(CAST(r AS VARCHAR), '') || substr(tsql_bmp(s), st + n) END`,
  // FOR XML PATH('') escapes these three characters in text nodes.
  `CREATE OR REPLACE MACRO tsql_xml_text(s) AS replace(replace(replace(CAST(s AS VARCHAR), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`,
  // float/real to text, style 0: %g with 6 significant digits, the exponent written with 3
  // digits as SQL Server does ('1.23457e+006', '1e-005'). Which way SQL Server rounds a value
  // halfway at the 6th digit is not documented (1234565e0: '1.23456e+006' by the exact binary
  // value, half to even; '1.23457e+006' half up; 0.1234565e0 is stored just below halfway and
  // printed at 15 digits exactly on it), so a float whose 15 significant digits read a 5 and
  // zeros after the 6th, or a real whose 7 read a 5 in the 7th (its own digits), is refused, as
  // are -0 (whether the sign is written is not documented) and an infinity or NaN, which no
  // float of SQL Server's holds (its arithmetic stops with an overflow error first).
  `CREATE OR REPLACE MACRO tsql_float_text(x) AS list_transform([CAST(x AS DOUBLE)], v -> CASE
     WHEN v IS NULL THEN NULL
     WHEN isinf(v) OR isnan(v) THEN error('the emulator does not support a float beyond float''s range (' || CAST(v AS VARCHAR) || ') converted to text: SQL Server stops the arithmetic that made it with an overflow error, which the emulator does not raise')
     WHEN v = 0 AND starts_with(CAST(v AS VARCHAR), '-') THEN error('the emulator does not support converting a negative zero float to text (whether SQL Server writes ''-0'' or ''0'' is not documented)')
     WHEN CASE WHEN typeof(x) = 'FLOAT' THEN substr(regexp_replace(format('{:.6e}', v), '[-.]|e.*', '', 'g'), 7, 1) = '5'
               ELSE substr(regexp_replace(format('{:.14e}', v), '[-.]|e.*', '', 'g'), 7) = '500000000' END
       THEN error('the emulator does not support converting the ' || CASE WHEN typeof(x) = 'FLOAT' THEN 'real ' || format('{:.7g}', v) ELSE 'float ' || format('{:.15g}', v) END || ' to text: it lies halfway between two 6-digit texts, and which one SQL Server writes is not documented (STR(x, length, decimals) or a CAST to decimal states the digits meant)')
     ELSE regexp_replace(format('{:.6g}', v), 'e([+-])([0-9][0-9])$', 'e\\10\\2') END)[1]`,
  // PARSENAME: the piece from the right of a name of at most four dot-separated parts; NULL for
  // a NULL argument, a missing or zero-length piece, or more than four parts (a syntax error,
  // documented as NULL). Quoting, brackets, blanks and other characters, pieces other than 1-4
  // and names past sysname's 128 characters follow rules the documentation leaves open: refused.
  `CREATE OR REPLACE MACRO tsql_parsename(s, p) AS CASE WHEN s IS NULL OR p IS NULL THEN NULL
     WHEN length(CAST(s AS VARCHAR)) > 128 OR NOT regexp_full_match(CAST(s AS VARCHAR), '[A-Za-z0-9_@#$.]*')
       THEN error('the emulator does not support PARSENAME of a name holding quotes, brackets, blanks or other characters than letters, digits and _@#$, or longer than 128 characters')
     WHEN p < 1 OR p > 4 THEN error('the emulator does not support PARSENAME of a piece other than 1 to 4')
     WHEN len(string_split(CAST(s AS VARCHAR), '.')) > 4 OR p > len(string_split(CAST(s AS VARCHAR), '.')) THEN NULL
     ELSE nullif(string_split(CAST(s AS VARCHAR), '.')[len(string_split(CAST(s AS VARCHAR), '.')) - p + 1], '') END`,
  // UNICODE: the code of the first character; empty text and characters past U+FFFF (a
  // surrogate pair, whose answer depends on the collation) are refused.
  `CREATE OR REPLACE MACRO tsql_unicode(s) AS CASE WHEN s IS NULL THEN NULL
     WHEN length(CAST(s AS VARCHAR)) = 0 THEN error('the emulator does not support UNICODE of an empty string (its result is not documented)')
     WHEN unicode(CAST(s AS VARCHAR)) > 65535 THEN error('the emulator does not support UNICODE of a character past U+FFFF')
     ELSE unicode(CAST(s AS VARCHAR)) END`,
  // ISNUMERIC: 1 when the text converts to int, numeric, float or money. Plain numbers (signs,
  // a decimal point, an exponent, blanks around) are 1; empty text and text holding a letter
  // other than d/e are 0. A lone '+', '-' or '$' is 1 (the documentation names these), and so is
  // a dollar amount money reads ('$12.50'). The rest is money's and float's odd corners (other
  // currency symbols, a backslash, thousands separators, a lone point, a sign beside the symbol,
  // blanks around a lone sign), refused rather than guessed ('inf',
  // which DuckDB's DOUBLE reads, is 0), and so is a plain number no type holds, beyond float's
  // range ('1e309', 400 digits, '1e-400' underflowing to 0).
  `CREATE OR REPLACE MACRO tsql_isnumeric(s) AS CASE WHEN s IS NULL THEN 0
     WHEN regexp_full_match(CAST(s AS VARCHAR), ' *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *') THEN
       CASE WHEN coalesce(NOT isfinite(TRY_CAST(trim(CAST(s AS VARCHAR), ' ') AS DOUBLE)), true)
              OR (TRY_CAST(trim(CAST(s AS VARCHAR), ' ') AS DOUBLE) = 0 AND regexp_matches(regexp_replace(CAST(s AS VARCHAR), '[eE].*', ''), '[1-9]'))
            THEN error('the emulator does not support ISNUMERIC of a number beyond float''s range like ' || CAST(s AS VARCHAR) || ' (no numeric type holds it; whether SQL Server returns 0 is not documented)')
            ELSE 1 END
     WHEN trim(CAST(s AS VARCHAR), ' ') = '' OR regexp_matches(CAST(s AS VARCHAR), '[a-ce-zA-CE-Z]') THEN 0
     WHEN CAST(s AS VARCHAR) IN ('+', '-', '$') OR regexp_full_match(CAST(s AS VARCHAR), '[$][0-9]+([.][0-9]*)?') THEN 1
     ELSE error('the emulator does not support ISNUMERIC of text like ' || CAST(s AS VARCHAR) || ' (SQL Server also takes currency symbols, separators and lone signs for numbers)') END`,
  // STR(x, length, decimal): x as float rounded to `decimal` places (at most 16), right-aligned in
  // `length` characters; when that is too long, as many decimals as fit (none: the rounded
  // integer, filling the length exactly); when the integer part does not fit, `length` asterisks.
  // A float is rounded by its exact binary value (STR(123.45, 6, 1) is 123.5: 123.45 is stored as
  // 123.4500000000000028…), which tsql_strf_digits tells exactly (a product split in halves, so no
  // bit is lost). Refused where SQL Server's rounding is not documented: a value exactly halfway,
  // or below halfway by less than printing it in 15-17 digits can tell (2.675 is stored as
  // 2.67499999999999982…, printed 2.675), more than 15 significant digits, a negative value that
  // rounds to zero, a carry that lengthens the text, and a length the decimals cannot fill.
  // (Each value is computed once and named through a one-element list_transform: macros expand
  // as text, and nesting them called one another hundreds of times, ~0.7 s to bind one STR.)
  `CREATE OR REPLACE MACRO tsql_strf_hi(a) AS (134217729.0 * a) - ((134217729.0 * a) - a)`,
  `CREATE OR REPLACE MACRO tsql_strf_product_error(a, b) AS (((tsql_strf_hi(a) * tsql_strf_hi(b) - a * b) + tsql_strf_hi(a) * (b - tsql_strf_hi(b)))
     + (a - tsql_strf_hi(a)) * tsql_strf_hi(b)) + (a - tsql_strf_hi(a)) * (b - tsql_strf_hi(b))`,
  // The digits of y >= 0 rounded to d places (no point), from s = y * 10^d and the sign of
  // y * 10^d - (floor(s) + 0.5) told exactly: doubled, the product's rounding error added back.
  `CREATE OR REPLACE MACRO tsql_strf_round(s, side, site) AS CASE
     WHEN s >= 1e15 THEN error('the emulator does not support STR of a value with more than 15 significant digits' || site)
     WHEN side = 0 THEN error('the emulator does not support STR of a value exactly halfway between two roundings (how SQL Server rounds it is not documented)' || site)
     WHEN side < 0 AND abs(s - floor(s) - 0.5) <= (floor(s) + 0.5) * 1e-15
       THEN error('the emulator does not support STR of a float just below halfway between two roundings, which prints as halfway (how SQL Server rounds it is not documented)' || site)
     ELSE CAST(CAST(floor(s) AS BIGINT) + CASE WHEN side > 0 THEN 1 ELSE 0 END AS VARCHAR) END`,
  `CREATE OR REPLACE MACRO tsql_strf_digits(y, d, site) AS list_transform([y * pow(10, d)], s ->
     tsql_strf_round(s, sign((y * (2 * pow(10, d)) - (2 * floor(s) + 1)) + tsql_strf_product_error(y, 2 * pow(10, d))), site))[1]`,
  // x (a DOUBLE) with d decimals, its sign in front.
  `CREATE OR REPLACE MACRO tsql_strf_fixed(x, d, site) AS list_transform([tsql_strf_digits(abs(x), d, ' (here ' || CAST(x AS VARCHAR) || ' to ' || CAST(d AS VARCHAR) || ' decimals)' || site)], g -> CASE
     WHEN x < 0 AND regexp_full_match(g, '0+') THEN error('the emulator does not support STR of a negative value that rounds to zero (here ' || CAST(x AS VARCHAR) || ')' || site)
     ELSE CASE WHEN x < 0 THEN '-' ELSE '' END || CASE WHEN d = 0 THEN g
       ELSE CASE WHEN length(g) <= d THEN '0' ELSE left(g, length(g) - d) END || '.' || right(repeat('0', CAST(d AS INTEGER)) || g, CAST(d AS INTEGER)) END END)[1]`,
  // The sign and integer digits of x, unrounded: what must fit in the length.
  `CREATE OR REPLACE MACRO tsql_strf_whole(x) AS length(CASE WHEN x < 0 THEN '-' ELSE '' END || CAST(CAST(trunc(abs(x)) AS BIGINT) AS VARCHAR))`,
  // (Rounded only to as many decimals as can fit: STR(7, 3, 20) is 7.0, never 7 with 16 zeros.)
  `CREATE OR REPLACE MACRO tsql_strf_typed(x, n, d, site) AS list_transform([tsql_strf_whole(x)], w -> CASE
     WHEN w > n THEN repeat('*', CAST(n AS INTEGER))
     WHEN w + CASE WHEN d > 0 THEN d + 1 ELSE 0 END <= n AND length(tsql_strf_fixed(x, d, site)) <= n THEN lpad(tsql_strf_fixed(x, d, site), CAST(n AS INTEGER), ' ')
     WHEN w = n AND length(tsql_strf_fixed(x, 0, site)) = n THEN tsql_strf_fixed(x, 0, site)
     WHEN w <= n - 2 AND length(tsql_strf_fixed(x, n - 1 - w, site)) = n THEN tsql_strf_fixed(x, n - 1 - w, site)
     ELSE error('the emulator does not support STR where the decimals that fit do not fill the length exactly (a rounding carry, or room for the point alone)' || site) END)[1]`,
  `CREATE OR REPLACE MACRO tsql_strf(x, n, d, site := '') AS CASE WHEN x IS NULL THEN NULL
     WHEN n IS NULL OR d IS NULL OR n < 1 OR n > 8000 OR d < 0 THEN error('the emulator does not support STR with a length outside 1-8000 or a negative or NULL number of decimals' || site)
     WHEN isnan(CAST(x AS DOUBLE)) OR isinf(CAST(x AS DOUBLE)) OR abs(CAST(x AS DOUBLE)) >= 1e15 THEN error('the emulator does not support STR of a value with more than 15 significant digits' || site)
     ELSE tsql_strf_typed(CAST(x AS DOUBLE), CAST(n AS INTEGER), CAST(least(d, 16) AS INTEGER), site) END`,
  // Text orders only where SQL Server's default collations agree (text-order-doubt.ts).
  ...TEXT_ORDER_MACROS,
  ...ZONE_MACROS,
  ...STATISTICS_MACROS,
];

/** As installed: the date/time conversions reading their first argument once (read-once-macros.ts). */
const INSTALLED = withReadOnceMacros(MACROS);

/** Settings that make DuckDB compare strings the way SQL Server's default collation does. */
const SETTINGS: readonly string[] = [`SET default_collation = 'nocase'`];

/**
 * Installs the T-SQL compatibility macros and settings into a session. Idempotent, so every
 * emulator run can call it on a fresh or a reused session.
 */
export async function installTsqlMacros(session: EngineSession): Promise<void> {
  // One call for all of them: DuckDB runs the statements in order, one round trip instead of one each.
  await session.run([...SETTINGS, ...INSTALLED].join(';\n'));
}

/** The macro names, for the translator's tests and for error messages. */
export const TSQL_MACRO_NAMES: readonly string[] = MACROS.map((m) => /MACRO (\w+)/.exec(m)?.[1] ?? '');
