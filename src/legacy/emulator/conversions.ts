import { guidTextSql } from './guid-order';
import { storedXmlGuardSql } from './xml-json/xml-serialization';
import type { SqlFragment } from './expressions';
import { binaryToText, fitBinary, textToBinary } from './binary-text';
import { inCodePage } from './code-page-text';
import { convertToDateTime, dateTimeTarget } from './dates/date-convert';
import { styledText, temporalOf } from './dates/date-styles';
import type { TextDateFormat } from './login-language';
import { dateTimeToFloat, dateTimeToInteger, isNumberedDateTime, numberConversionError, numberToDateTime } from './dates/date-numbers';
import { convertOffsetValue, isOffsetValue, offsetValue } from './dates/offset-values';
import { familyOf, isBlankPadded, isMoney, makeType, toDuckType, type TsqlType } from './tsql-types';
import { moneyTextSql } from './money-text';
import { spatialConversionRefusal } from './opaque-values';

// Conversions between T-SQL types as SQL Server makes them on CAST, CONVERT and assignment,
// where DuckDB's CAST would round, read more, or write another text.

/**
 * SQL that converts `value` to a T-SQL type the way SQL Server does on CAST and assignment:
 * integers truncate toward zero (DuckDB's CAST rounds), strings are cut to their length and
 * char(n) padded, bit is 0/1, datetime to string uses SQL Server's default format. Date text is
 * read by `dateFormat`, or without one by the running session's DATEFORMAT (login-language.ts).
 */
export function convertSql(value: SqlFragment, type: TsqlType, tryCast = false, dateFormat?: TextDateFormat): SqlFragment {
  if (isOffsetValue(value)) return convertOffsetValue(value, type, (v, to) => convertSql(v, to, tryCast, dateFormat));
  // A stored datetimeoffset (at +00:00) as text: as a value at +00:00 held with its offset writes it.
  if (value.duckType === 'TIMESTAMPTZ' && familyOf(type) === 'string') return convertOffsetValue(offsetValue(value.sql, 0, value.tsqlType?.scale ?? 7), type, (v, to) => convertSql(v, to, tryCast, dateFormat));
  const numbered = numberedDateTime(value, type);
  if (numbered !== undefined) return { ...numbered, tsqlType: type };
  if (dateTimeTarget(type) !== undefined) return convertToDateTime(value, type, tryCast, dateFormat);
  // Text becomes xml in its stored form (xml-serialization.ts); an xml value already is.
  if (type.name === 'xml' && value.tsqlType?.name !== 'xml' && value.family === 'string') return { ...convertTo({ ...value, sql: storedXmlGuardSql(value.sql) }, type, tryCast), tsqlType: type };
  return { ...convertTo(value, type, tryCast), tsqlType: type };
}

/**
 * A date/time value to a number or a number to a date/time (date-numbers.ts), where DuckDB's
 * CAST has no such conversion; undefined for other conversions. What SQL Server does not allow
 * (error 529; CAST refuses it where it is written, see SqlTranslator.cast) or does in ways not
 * documented is refused where met.
 */
function numberedDateTime(value: SqlFragment, type: TsqlType): SqlFragment | undefined {
  const duck = toDuckType(type);
  const fam = familyOf(type);
  const done = (sql: string): SqlFragment => ({ sql, family: fam, duckType: duck });
  const refuse = (what: string): SqlFragment => done(`(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support ${what.replace(/'/g, "''")}') AS ${duck}) END)`);
  const notAllowed = numberConversionError(value, type);
  if (notAllowed !== undefined) return refuse(`a conversion SQL Server does not allow: ${notAllowed}`);
  if (['integer', 'exact', 'approx'].includes(value.family) && dateTimeTarget(type) !== undefined) {
    if (type.name === 'datetime' || type.name === 'smalldatetime') return done(numberToDateTime(value, type));
    return refuse(`a conversion SQL Server does not allow: Explicit conversion from data type ${value.tsqlType?.name ?? value.family} to ${type.name} is not allowed.`);
  }
  if (!isNumberedDateTime(value) || !['integer', 'exact', 'approx', 'bit'].includes(fam)) return undefined;
  if (type.name === 'float' || type.name === 'real') return done(`CAST(${dateTimeToFloat(value)} AS ${duck})`);
  if (type.name === 'int' || type.name === 'bigint') return done(dateTimeToInteger(value, duck));
  return refuse(`converting ${value.tsqlType?.name ?? 'datetime'} to ${type.name} (only float, real, int and bigint are emulated)`);
}

function convertTo(value: SqlFragment, type: TsqlType, tryCast: boolean): SqlFragment {
  const fam = familyOf(type);
  const duck = toDuckType(type);
  // An assignment's conversion (INSERT, SET, a parameter): refused for a value it meets; CAST and
  // CONVERT refuse it where they are written (SqlTranslator.cast).
  const spatial = spatialConversionRefusal(value, type);
  if (spatial !== undefined) return { sql: `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support ${spatial.replace(/'/g, "''")}') AS ${duck}) END)`, family: fam, duckType: duck };
  // Bytes to a number (CONVERT(int, HASHBYTES('MD5', …))): the pages document only the other way
  // (a number to binary is cut or padded on the left), not which bytes a longer value keeps nor how
  // decimal, float or money read them, so refused where met rather than DuckDB's BLOB cast failing.
  if (value.family === 'binary' && fam !== 'binary' && fam !== 'string') {
    return { sql: `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support converting ${value.tsqlType?.name ?? 'binary'} to ${type.name} (which bytes SQL Server reads is not documented)') AS ${duck}) END)`, family: fam, duckType: duck };
  }
  const cast = tryCast ? 'TRY_CAST' : 'CAST';
  switch (fam) {
    case 'integer': {
      if (value.family === 'string') return { sql: textToInteger(value, type, duck, tryCast), family: 'integer', duckType: duck };
      // Decimal and float truncate toward zero, but money and smallmoney round (CAST and CONVERT,
      // "Truncating and rounding results": money to int, Round), half away from zero as DuckDB's CAST.
      const src = (value.family === 'exact' && !isMoney(value.tsqlType)) || value.family === 'approx' ? `trunc(${value.sql})` : value.sql;
      return { sql: `${cast}(${src} AS ${duck})`, family: 'integer', duckType: duck };
    }
    case 'bit':
      if (value.family === 'string') return { sql: textToBit(value, tryCast), family: 'bit', duckType: 'TINYINT' };
      return { sql: `(CASE WHEN ${value.sql} IS NULL THEN NULL WHEN ${cast}(${value.sql} AS DOUBLE) <> 0 THEN 1 ELSE 0 END)::TINYINT`, family: 'bit', duckType: 'TINYINT' };
    case 'string': {
      let text: string;
      const temporal = temporalOf(value);
      if (temporal !== undefined) {
        // Dates and times in CAST's default style (date-styles.ts); one whose text the emulator
        // does not reproduce (datetimeoffset) refused where met.
        const styled = styledText(value, undefined, temporal);
        text = 'sql' in styled ? styled.sql : `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support ${styled.refused.replace(/'/g, "''")}') AS VARCHAR) END)`;
      } else if (value.family === 'bit') text = `CAST(CAST(${value.sql} AS INTEGER) AS VARCHAR)`;
      // float and real: style 0, at most 6 significant digits, scientific with a 3-digit exponent
      // where %g would use one ('1.23457e+006'); money: two decimals, rounded.
      else if (value.family === 'approx') text = `tsql_float_text(${value.sql})`;
      else if (isMoney(value.tsqlType)) text = moneyTextSql(value.sql, false);
      // bytes as characters (binary-text.ts): DuckDB's CAST would write its escaped form
      else if (value.family === 'binary') text = binaryToText(value, type, 0);
      // a uniqueidentifier in upper case, as SQL Server writes it (DuckDB's UUID text is lower case)
      else if (value.family === 'guid') text = guidTextSql(value.sql);
      else text = inCodePage(value, type, `CAST(${value.sql} AS VARCHAR)`);
      return { sql: cutToLength(tooShortForNumber(value, type, text), type), family: 'string', duckType: 'VARCHAR' };
    }
    default:
      if (value.family === 'string' && (type.name === 'decimal' || type.name === 'numeric')) return { sql: textToDecimal(value, duck, tryCast), family: fam, duckType: duck };
      if (value.family === 'string' && isMoney(type)) return { sql: textToMoney(value, duck, tryCast), family: fam, duckType: duck };
      if (value.family === 'string' && fam === 'approx') return { sql: textToFloat(value, type, duck, tryCast), family: fam, duckType: duck };
      if (value.family === 'string' && fam === 'binary') return { sql: textToBinary(value, type, 0, tryCast), family: fam, duckType: duck };
      // binary to binary(n)/varbinary(n) (CAST, a variable's assignment): cut to n bytes, binary(n) zero-padded
      if (value.family === 'binary' && fam === 'binary') return { sql: fitBinary(value.sql, type), family: fam, duckType: duck };
      // a float to a scale: refused near a halfway point where DuckDB's CAST and the binary value disagree
      if (value.family === 'approx' && fam === 'exact') return { sql: `tsql_float_to_fixed(${value.sql}, ${type.scale ?? 0}, ${cast}(${value.sql} AS ${duck}))`, family: fam, duckType: duck };
      return { sql: `${cast}(${value.sql} AS ${duck})`, family: fam, duckType: duck };
  }
}

/**
 * Text to decimal/numeric as SQL Server converts it: a sign, digits and a decimal point with
 * blanks around; an exponent ('1e3', which DuckDB reads) or empty text fails with 8114, or is
 * NULL under TRY_CAST. Rounding to the scale and overflow stay DuckDB's CAST, which agrees.
 */
function textToDecimal(value: SqlFragment, duck: string, tryCast: boolean): string {
  const text = `CAST(${value.sql} AS VARCHAR)`;
  const kind = value.tsqlType?.name === 'nvarchar' || value.tsqlType?.name === 'nchar' ? 'nvarchar' : 'varchar';
  const fail = tryCast ? 'NULL' : `error('T-SQL Msg 8114: Error converting data type ${kind} to numeric.')`;
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL WHEN regexp_full_match(${text}, ' *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+) *') THEN ${tryCast ? 'TRY_CAST' : 'CAST'}(trim(${text}) AS ${duck}) ELSE ${fail} END)`;
}

/**
 * Text to money or smallmoney as SQL Server converts it. Unlike decimal, a string cast to money
 * may hold comma separators and a currency symbol: "You can specify the comma separators only in
 * character strings explicitly cast to money" (`CAST('$444,123.45' AS MONEY)`, the "Using
 * Monetary Data" page), which DuckDB's CAST reads as no number at all (NULL under TRY_CAST).
 * Read exactly: a plain number, and unsigned digits grouped by commas in threes after an optional
 * `$`. Other text with a comma, a currency symbol or an exponent (a sign beside `$` included),
 * and empty text, whose outcome the pages do not give, is refused where met; any other text
 * fails with 235 (NULL under TRY_CAST).
 */
function textToMoney(value: SqlFragment, duck: string, tryCast: boolean): string {
  const text = `trim(CAST(${value.sql} AS VARCHAR), ' ')`;
  const fail = tryCast ? 'NULL' : "error('T-SQL Msg 235: Cannot convert a char value to money. The char value has incorrect syntax.')";
  const refuse = `error('the emulator does not support converting the text ''' || CAST(${value.sql} AS VARCHAR) || ''' to money (commas, currency symbols, exponents and empty text outside the documented forms: SQL Server''s reading is not documented)')`;
  const plain = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)";
  const grouped = "[$]?[0-9]{1,3}(,[0-9]{3})*([.][0-9]*)?";
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL
    WHEN regexp_full_match(${text}, '${plain}') THEN CAST(${text} AS ${duck})
    WHEN regexp_full_match(${text}, '${grouped}') THEN CAST(replace(replace(${text}, '$', ''), ',', '') AS ${duck})
    WHEN ${text} = '' OR regexp_matches(${text}, '[,$]|[^ -~]|^[+-]?[0-9.]+[eE]') THEN ${refuse}
    ELSE ${fail} END)`;
}

/** The T-SQL type of an integer value: its own, else int or bigint by its DuckDB type. */
export function integerTypeOf(x: SqlFragment): TsqlType {
  return x.tsqlType ?? makeType(x.duckType === 'BIGINT' ? 'bigint' : 'int', []);
}

/**
 * Text to float or real as SQL Server converts it: blanks around a sign, digits with a decimal
 * point and an optional exponent ('1.5E-2'); empty or blank text is 0, as for an integer. DuckDB's
 * CAST also reads 'inf', 'NaN', '1_000' and '+-1', which SQL Server fails with 8114 (NULL under
 * TRY_CAST), as it fails a comma, a currency symbol, a letter or a value past float's range. Text
 * of digits, signs, points, exponents and white space in another arrangement ('1e', '1 000', a
 * tab before the digits), whose reading the pages do not give, is refused where met.
 */
function textToFloat(value: SqlFragment, type: TsqlType, duck: string, tryCast: boolean): string {
  const text = `CAST(${value.sql} AS VARCHAR)`;
  const kind = value.tsqlType?.name === 'nvarchar' || value.tsqlType?.name === 'nchar' ? 'nvarchar' : 'varchar';
  const fail = tryCast ? `CAST(NULL AS ${duck})` : `error('T-SQL Msg 8114: Error converting data type ${kind} to ${type.name}.')`;
  const refuse = `error('the emulator does not support converting the text ''' || ${text} || ''' to ${type.name} (SQL Server''s reading of it is not documented)')`;
  const read = `CAST(trim(${text}, ' ') AS ${duck})`;
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL
    WHEN trim(${text}, ' ') = '' THEN CAST(0 AS ${duck})
    WHEN regexp_full_match(${text}, ' *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *') THEN (CASE WHEN isinf(${read}) THEN ${fail} ELSE ${read} END)
    WHEN regexp_full_match(${text}, '[0-9eE.+\\s-]*') THEN ${refuse}
    ELSE ${fail} END)`;
}

/**
 * Text to an integer type as SQL Server converts it: blanks around an optional sign and digits
 * (empty or blank text is 0); anything else, '1.5' and '1e3' included (which DuckDB's CAST
 * would round or read), fails with 245, or is NULL under TRY_CAST.
 */
function textToInteger(value: SqlFragment, type: TsqlType, duck: string, tryCast: boolean): string {
  const text = `CAST(${value.sql} AS VARCHAR)`;
  const kind = value.tsqlType?.name === 'nvarchar' || value.tsqlType?.name === 'nchar' ? 'nvarchar' : 'varchar';
  const fail = tryCast ? 'NULL' : `error('T-SQL Msg 245: Conversion failed when converting the ${kind} value ''' || ${text} || ''' to data type ${type.name}.')`;
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL WHEN regexp_full_match(${text}, ' *[+-]?[0-9]+ *') THEN ${tryCast ? 'TRY_CAST' : 'CAST'}(trim(${text}) AS ${duck}) WHEN trim(${text}, ' ') = '' THEN CAST(0 AS ${duck}) ELSE ${fail} END)`;
}

/**
 * Text to bit as SQL Server converts it: 'TRUE' and 'FALSE' (any case) are 1 and 0, as the bit
 * page documents; an integer's text (blanks around an optional sign and digits; blank text is 0)
 * is 1 when not zero. Other text fails with 245 (NULL under TRY_CAST). Where SQL Server's answer
 * is not documented the value is refused where met: TRUE/FALSE with blanks around, a decimal
 * point or exponent ('1.5', '1e3'), more than nine digits (past int, where overflow may apply).
 */
function textToBit(value: SqlFragment, tryCast: boolean): string {
  const text = `CAST(${value.sql} AS VARCHAR)`;
  const kind = value.tsqlType?.name === 'nvarchar' || value.tsqlType?.name === 'nchar' ? 'nvarchar' : 'varchar';
  const fail = tryCast ? 'NULL' : `error('T-SQL Msg 245: Conversion failed when converting the ${kind} value ''' || ${text} || ''' to data type bit.')`;
  const refuse = `error('the emulator does not support converting the text ''' || ${text} || ''' to bit (SQL Server''s result for it is not documented)')`;
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL
    WHEN lower(${text}) = 'true' THEN CAST(1 AS TINYINT) WHEN lower(${text}) = 'false' THEN CAST(0 AS TINYINT)
    WHEN regexp_full_match(${text}, ' *[+-]?0*[0-9]{1,9} *') THEN CAST(CAST(trim(${text}) AS INTEGER) <> 0 AS TINYINT)
    WHEN trim(${text}, ' ') = '' THEN CAST(0 AS TINYINT)
    WHEN regexp_full_match(lower(${text}), '\\s*(true|false)\\s*|\\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)(e[+-]?[0-9]+)?\\s*') THEN ${refuse}
    ELSE ${fail} END)`;
}

/**
 * A number's text that does not fit the target length is never cut: an integer into char or
 * varchar becomes '*', an integer into nchar/nvarchar and a decimal fail with 8115, as SQL
 * Server does; float, real and money that do not fit are refused (their errors differ).
 */
function tooShortForNumber(value: SqlFragment, type: TsqlType, text: string): string {
  const n = type.length;
  if (n === undefined || n < 0 || !['integer', 'exact', 'approx'].includes(value.family)) return text;
  const money = isMoney(value.tsqlType);
  const unicode = type.name === 'nchar' || type.name === 'nvarchar';
  // Only where some value of the type could be longer (int into varchar(11) always fits).
  const widest = maxTextLength(value);
  if (widest !== undefined && widest <= n) return text;
  const fail = value.family === 'integer' && !unicode ? "'*'"
    : value.family === 'integer' || (value.family === 'exact' && !money)
      ? `error('T-SQL Msg 8115: Arithmetic overflow error converting ${value.family === 'integer' ? 'expression' : 'numeric'} to data type ${type.name}.')`
      : `error('the emulator does not support converting ${money ? 'money' : 'float'} to ${type.name}(${n}) when its text is longer (SQL Server fails; the error is not emulated)')`;
  // A value that changes from one evaluation to the next (NEXT VALUE FOR, RAND()) is read once,
  // as a list of one and a lambda; the rest plainly (computed columns take no lambda).
  if (/\b(nextval|random|uuid|gen_random_uuid)\s*\(/i.test(text)) return `list_transform([${text}], x -> CASE WHEN x IS NULL OR length(x) <= ${n} THEN x ELSE ${fail} END)[1]`;
  return `(CASE WHEN ${text} IS NULL OR length(${text}) <= ${n} THEN ${text} ELSE ${fail} END)`;
}

/** The longest text a value of this type can have, when its type says it. */
function maxTextLength(value: SqlFragment): number | undefined {
  const name = value.tsqlType?.name;
  const digits: Record<string, number> = { tinyint: 3, smallint: 6, int: 11, bigint: 20 };
  if (value.family === 'integer' && name !== undefined) return digits[name];
  const p = value.tsqlType?.precision;
  const s = value.tsqlType?.scale ?? 0;
  if (value.family === 'exact' && (name === 'decimal' || name === 'numeric') && p !== undefined) return p + (s > 0 ? 2 : 1);
  return undefined;
}

export function cutToLength(text: string, type: TsqlType): string {
  const len = type.length;
  if (len === undefined || len < 0) return text;
  const cut = `left(${text}, ${len})`;
  return isBlankPadded(type) ? `rpad(${cut}, ${len}, ' ')` : cut;
}

/**
 * The values of CASE, IIF and COALESCE in their result's type where some are text and the result
 * is a number: SQL Server converts the text by its rules (`''` is 0, `'x'` fails with 245), where
 * DuckDB would either refuse to mix the types (COALESCE) or turn the numbers into text (CASE).
 */
export function numbersOverText(values: readonly SqlFragment[]): SqlFragment[] {
  const numeric = values.find((v) => v.family === 'approx') ?? values.find((v) => v.family === 'exact') ?? values.find((v) => v.family === 'integer');
  if (numeric === undefined || !values.some((v) => v.family === 'string')) return [...values];
  const type = numeric.tsqlType ?? numericTypeOf(numeric);
  if (type === undefined) return [...values];
  return values.map((v) => (v.family === 'string' ? convertSql(v, type) : v));
}

/** A T-SQL type for a number whose declared type is unknown, from its DuckDB type. */
function numericTypeOf(x: SqlFragment): TsqlType | undefined {
  if (x.family === 'approx') return makeType('float', []);
  if (x.family === 'integer') return integerTypeOf(x);
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(x.duckType ?? '');
  return m === null ? undefined : makeType('decimal', [m[1] as string, m[2] as string]);
}
