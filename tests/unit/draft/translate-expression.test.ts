import { EngineSession } from '../../../src/engine';
import { createDraftContext, DraftScope, isRefusal, sqlTypeOfName, translated, translateExpression, type Refusal } from '../../../src/draft';
import { expressionOf } from '../../support/select-expression';

/*
 * Each SQL Server rule the translator writes out, checked by running the translated SQL in
 * DuckDB and comparing with the value SQL Server returns; and each refusal, with its location.
 */

type Vars = Readonly<Record<string, readonly [string, string]>>;

/** Translates `text` with variables bound to typed constants (`@x: ['decimal(5,2)', '2.45']`). */
function translate(text: string, vars: Vars = {}) {
  const ctx = createDraftContext('case.sql', `SELECT ${text};`);
  for (const [name, [type, value]] of Object.entries(vars)) {
    const m = /^(\w+)(?:\((\w+)(?:,(\d+))?\))?$/.exec(type) as RegExpExecArray;
    const t = sqlTypeOfName(m[1] as string, [m[2], m[3]].filter((x): x is string => x !== undefined));
    const duck = { int: 'INTEGER', bigint: 'BIGINT', float: 'DOUBLE', bit: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' }[m[1] as string] ?? (t.family === 'decimal' ? `DECIMAL(${t.precision},${t.scale})` : 'VARCHAR');
    ctx.variables.set(name.toLowerCase(), translated(`CAST(${value} AS ${duck})`, t));
  }
  return translateExpression(expressionOf(text), new DraftScope(ctx));
}

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

async function valueOf(text: string, vars: Vars = {}): Promise<string | null> {
  const t = translate(text, vars);
  if (isRefusal(t)) throw new Error(`refused: ${t.construct}: ${t.reason}`);
  const rows = await session.all(`SELECT CAST(${t.sql} AS VARCHAR) AS v`);
  return (rows[0]?.v ?? null) as string | null;
}

describe('translateExpression reproduces SQL Server', () => {
  it.each<[string, string, Vars, string | null]>([
    ['integer division truncates toward zero', '7 / 2', {}, '3'],
    ['negative integer division truncates toward zero', '-7 / 2', {}, '-3'],
    ['integer modulo takes the dividend\'s sign', '-7 % 2', {}, '-1'],
    ['decimal division: scale max(6, s1 + p2 + 1), truncated', '@d / @n', { '@d': ['decimal(5,2)', "'10.00'"], '@n': ['int', '3'] }, '3.3333333333333'],
    ['decimal by an integer constant: the constant is decimal(digits, 0)', '2.0 / 3', {}, '0.666666'],
    ['decimal division reduced to 38 digits keeps scale 6', '@d / @n', { '@d': ['decimal(38,4)', "'2.0000'"], '@n': ['int', '3'] }, '0.666666'],
    ['decimal division with a quotient of more than 18 digits (a share of a decimal(38,2) total)', '@a * 100 / @t', { '@a': ['decimal(14,2)', "'12.34'"], '@t': ['decimal(38,2)', "'76.26'"] }, '16.18148439548911618148'],
    ['negative decimal division with a quotient of more than 18 digits', '@a * 100 / @t', { '@a': ['decimal(14,2)', "'-12.34'"], '@t': ['decimal(38,2)', "'76.26'"] }, '-16.18148439548911618148'],
    ['decimal multiplication keeps both scales', '@d * @n', { '@d': ['decimal(18,4)', "'1.2345'"], '@n': ['int', '3'] }, '3.7035'],
    ['STR of an integer: right-aligned in 10 characters', 'STR(@n)', { '@n': ['int', '-42'] }, '       -42'],
    ['STR of an integer that does not fit: asterisks', 'STR(@n, 3)', { '@n': ['int', '1234'] }, '***'],
    ['STR of NULL is NULL', 'STR(@n, 3)', { '@n': ['int', 'NULL'] }, null],
    // data type precedence: decimal > money > int
    ['money by an integer stays money (four decimals)', '@m * @n', { '@m': ['money', "'10.5'"], '@n': ['int', '3'] }, '31.5000'],
    // a money quotient is truncated, a product of two money values rounded (money-arithmetic.ts gives the sources)
    ['money divided by an integer is truncated at four decimals', '@m / @n', { '@m': ['money', "'10'"], '@n': ['int', '3'] }, '3.3333'],
    ['money divided by money is truncated at four decimals', '@m / @k', { '@m': ['money', "'1.00'"], '@k': ['money', "'18.4172'"] }, '0.0542'],
    ['money times money rounds to four decimals', '@m * @k', { '@m': ['money', "'18.4172'"], '@k': ['money', "'1.1562'"] }, '21.2940'],
    ['a CASE over money divided by an integer stays money', 'CASE WHEN @n > 0 THEN @m ELSE 0 END / @n', { '@m': ['money', "'10'"], '@n': ['int', '3'] }, '3.3333'],
    ['money as text has two decimals, rounded (CAST style 0)', 'CAST(@m AS varchar(30))', { '@m': ['money', "'3.3350'"] }, '3.34'],
    ['the least money fits a varchar(19)', 'CAST(@m AS varchar(19))', { '@m': ['money', "'-922337203685477.5808'"] }, '-922337203685477.58'],
    ['smallmoney fits a varchar(10)', 'CAST(@m AS varchar(10))', { '@m': ['smallmoney', "'-214748.3648'"] }, '-214748.36'],
    ['money inside CONCAT has two decimals', "CONCAT('p=', @m)", { '@m': ['money', "'-10.5'"] }, 'p=-10.50'],
    ['a difference past 38 digits keeps 38 - max(p1 - s1, p2 - s2) decimals, rounded', '@a - @b', { '@a': ['decimal(38,2)', "'1.00'"], '@b': ['decimal(38,4)', "'6.2783'"] }, '-5.28'],
    ['CONCAT_WS skips NULL values and their separator', "CONCAT_WS('-', @s, NULL, @n, @d)", { '@s': ['varchar(10)', "'a'"], '@n': ['int', '7'], '@d': ['decimal(5,2)', "'-2.50'"] }, 'a-7--2.50'],
    ['CONCAT_WS of only NULL values is empty', "CONCAT_WS('-', @s, NULL)", { '@s': ['varchar(10)', 'NULL'] }, ''],
    ['REPLICATE zero-pads a number', "REPLICATE('0', 5 - LEN(@s)) + @s", { '@s': ['varchar(10)', "'42'"] }, '00042'],
    ['REPLICATE with a negative count is NULL', "REPLICATE('0', @n)", { '@n': ['int', '-1'] }, null],
    ['an int fitting a short varchar is its digits', 'CAST(@i AS varchar(4))', { '@i': ['int', '2024'] }, '2024'],
    ['an int too long for a varchar is *', 'CAST(@i AS varchar(4))', { '@i': ['int', '-2024'] }, '*'],
    ['an int too long for a char(n) is * padded', "CAST(@i AS char(3)) + '|'", { '@i': ['int', '1234'] }, '*  |'],
    ['QUOTENAME brackets the text, doubling a closing bracket', 'QUOTENAME(@s)', { '@s': ['varchar(20)', "'Sales]Q1'"] }, '[Sales]]Q1]'],
    ['QUOTENAME with a single quote doubles the quotes inside', "QUOTENAME(@s, '''')", { '@s': ['varchar(20)', "'O''Brien'"] }, "'O''Brien'"],
    ['CONVERT style 103 writes dd/mm/yyyy', 'CONVERT(varchar(10), @d, 103)', { '@d': ['date', "'2024-02-29'"] }, '29/02/2024'],
    ['CONVERT style 101 of a datetime writes mm/dd/yyyy', 'CONVERT(varchar(10), @d, 101)', { '@d': ['datetime', "'2023-12-31 23:59:59'"] }, '12/31/2023'],
    ['SIGN keeps a decimal\'s scale', 'SIGN(@x)', { '@x': ['decimal(5,2)', "'-2.45'"] }, '-1.00'],
    ['CEILING of money stays money (two decimals as text)', "CONCAT('', CEILING(@m))", { '@m': ['money', "'123.45'"] }, '124.00'],
    ['CEILING and FLOOR of a bigint past 2^53 are the bigint itself', "CAST(CEILING(@b) AS varchar(30)) + '|' + CAST(FLOOR(@b) / 2 AS varchar(30))", { '@b': ['bigint', '9007199254740993'] }, '9007199254740993|4503599627370496'],
    ['money minus money stays money', '@m - @k', { '@m': ['money', "'10.5'"], '@k': ['money', "'18.4172'"] }, '-7.9172'],
    ['money with decimal is decimal', '@m / @d', { '@m': ['money', "'10.5'"], '@d': ['decimal(2,1)', "'2.0'"] }, '5.2500000'],
    ['LEN ignores trailing blanks', "LEN('ab  ')", {}, '2'],
    ['LEN keeps leading blanks', "LEN('  ab')", {}, '4'],
    ['LEN of NULL is NULL', 'LEN(@s)', { '@s': ['varchar(10)', 'NULL'] }, null],
    ['TRY_CAST of text to int: blanks around a sign and digits', "TRY_CAST(' -12 ' AS int)", {}, '-12'],
    ['TRY_CONVERT of text that is no integer is NULL', "TRY_CONVERT(int, '1.5')", {}, null],
    ['empty text converts to int 0', "TRY_CAST('' AS int)", {}, '0'],
    ['TRY_CAST past the type\'s range is NULL', "TRY_CAST('300' AS tinyint)", {}, null],
    ['CAST of text to int', "CAST('+7' AS smallint)", {}, '7'],
    ['CHOOSE picks the i-th value', "CHOOSE(@n, 'top', 'upper', 'lower')", { '@n': ['int', '2'] }, 'upper'],
    ['CHOOSE outside 1..n is NULL (a negative index too)', "CHOOSE(@n, 'top', 'upper', 'lower')", { '@n': ['int', '-1'] }, null],
    // CHOOSE page: the result is the type of highest precedence among the values, as a CASE's
    ['CHOOSE over decimals and an integer converts the integer to the decimal', 'CHOOSE(@n, 0.80, 0.5, 1)', { '@n': ['int', '3'] }, '1.00'],
    ['CHOOSE over decimals of different scales takes the largest scale', 'CHOOSE(@n, 0.80, 0.5, 1)', { '@n': ['int', '2'] }, '0.50'],
    ['DATEFROMPARTS of the year and month of a date', 'DATEFROMPARTS(YEAR(@d), MONTH(@d), 1)', { '@d': ['date', "'2024-03-17'"] }, '2024-03-01'],
    ['EOMONTH: the last day of a leap February', 'EOMONTH(@d)', { '@d': ['date', "'2024-02-10'"] }, '2024-02-29'],
    ['EOMONTH with a month offset from a 31st', 'EOMONTH(@d, 1)', { '@d': ['date', "'2024-01-31'"] }, '2024-02-29'],
    ['DATENAME of the month and weekday (us_english)', "DATENAME(month, @d) + ' ' + DATENAME(weekday, @d)", { '@d': ['date', "'2024-03-02'"] }, 'March Saturday'],
    ['DATENAME of the year is its digits', 'DATENAME(year, @d)', { '@d': ['date', "'2024-03-02'"] }, '2024'],
    // DATEPART page: ISO_WEEK is ISO 8601's week (from Monday; week 1 holds the first Thursday), whatever DATEFIRST is
    ['DATEPART(ISO_WEEK) of a Sunday at the start of January is the last week of the year before', 'DATEPART(ISO_WEEK, @d)', { '@d': ['date', "'2005-01-02'"] }, '53'],
    ['DATEPART(isowk) of the last day of 2012 is week 1 of 2013', 'DATEPART(isowk, @d)', { '@d': ['datetime', "'2012-12-31 10:00'"] }, '1'],
    ['DATEPART(dayofyear) of a leap year end', 'DATEPART(dy, @d)', { '@d': ['date', "'2016-12-31'"] }, '366'],
    ['the date-key idiom: CONVERT(int, CONVERT(char(8), @d, 112))', 'CONVERT(int, CONVERT(char(8), @d, 112))', { '@d': ['date', "'2024-03-02'"] }, '20240302'],
    ['text equality is case-insensitive and ignores trailing blanks', "IIF('abc' = 'ABC  ', 1, 0)", {}, '1'],
    ['text inequality', "IIF('abc' <> 'abd', 1, 0)", {}, '1'],
    ['NULL concatenation yields NULL', "'a' + @s", { '@s': ['varchar(10)', 'NULL'] }, null],
    ['text concatenation', "'a' + 'b'", {}, 'ab'],
    ['ROUND of decimal: half away from zero, same scale', 'ROUND(@x, 1)', { '@x': ['decimal(5,2)', "'2.45'"] }, '2.50'],
    ['ROUND of a negative decimal', 'ROUND(@x, 1)', { '@x': ['decimal(5,2)', "'-2.45'"] }, '-2.50'],
    ['ROUND of a float away from a halfway point', 'ROUND(@x, 2)', { '@x': ['float', '12345.6789'] }, '12345.68'],
    ['ROUND of a float exactly halfway (a dyadic value), away from zero', 'ROUND(@x, 2)', { '@x': ['float', '-0.125'] }, '-0.13'],
    ['ROUND of a float to tens', 'ROUND(@x, -1)', { '@x': ['float', '748.58'] }, '750.0'],
    ['ROUND of a float stored just below halfway, whose product is below it too', 'ROUND(@x, 2)', { '@x': ['float', '13875.124999999998'] }, '13875.12'],
    ['a float to decimal, stored above halfway (2.00000050000000006…)', 'CAST(@x AS decimal(18,6))', { '@x': ['float', '2.0000005'] }, '2.000001'],
    ['a float to decimal, exactly halfway: away from zero', 'CAST(@x AS decimal(10,2))', { '@x': ['float', '-0.125'] }, '-0.13'],
    ['ROUND(x, n, 1) truncates toward zero, keeping the scale', 'ROUND(@x, 1, 1)', { '@x': ['decimal(5,2)', "'-2.49'"] }, '-2.40'],
    ['ROUND(x, -n, 1) truncates left of the point', 'ROUND(@x, -2, 1)', { '@x': ['decimal(8,4)', "'-1234.5678'"] }, '-1200.0000'],
    ['ROUND(x, -n) rounds left of the point, half away from zero', 'ROUND(@x, -2)', { '@x': ['decimal(8,4)', "'-1250.0000'"] }, '-1300.0000'],
    ['ROUND(int, -n, 1) stays an int', 'ROUND(@n, -2, 1)', { '@n': ['int', '1299'] }, '1200'],
    ['CAST to int truncates', 'CAST(@x AS int)', { '@x': ['decimal(5,2)', "'2.70'"] }, '2'],
    ['CAST of a negative to int truncates', 'CAST(@x AS int)', { '@x': ['decimal(5,2)', "'-2.70'"] }, '-2'],
    ['float to int truncates', 'CAST(@f AS int)', { '@f': ['float', '2.5'] }, '2'],
    ['CAST to varchar(n) cuts', 'CAST(@s AS varchar(3))', { '@s': ['varchar(10)', "'abcdef'"] }, 'abc'],
    ['ISNULL converts the replacement to the first type (cut)', "ISNULL(@s, 'Unknown')", { '@s': ['varchar(3)', 'NULL'] }, 'Unk'],
    ['ISNULL to int truncates the replacement', 'ISNULL(@i, 2.9)', { '@i': ['int', 'NULL'] }, '2'],
    ['NULLIF compares text case-insensitively', "NULLIF('a', 'A')", {}, null],
    ['SUBSTRING from 0 counts the position before the text', "SUBSTRING('abcdef', 0, 3)", {}, 'ab'],
    ['REPLACE is case-insensitive', "REPLACE('aXbx', 'x', '-')", {}, 'a-b-'],
    ['REPLACE keeps $ and \\ in the replacement', "REPLACE('a.b', '.', '$1\\')", {}, 'a$1\\b'],
    ['REPLACE of CHAR(13), CHAR(10), CHAR(9), as a file import scrubs them', "REPLACE(REPLACE(REPLACE('a' + CHAR(13) + CHAR(10) + 'b' + CHAR(9) + 'c', CHAR(13), ''), CHAR(10), ' '), CHAR(9), '|')", {}, 'a b|c'],
    ['CHARINDEX is case-insensitive', "CHARINDEX('B', 'abc')", {}, '2'],
    ['bit compares as a number', 'IIF(@b = 1, 1, 0)', { '@b': ['bit', 'true'] }, '1'],
    ['CASE of int and decimal is decimal', 'CASE WHEN 1 = 1 THEN 1 ELSE 2.5 END', {}, '1.0'],
    ['DATEADD of months clamps to the month end, date stays date', 'DATEADD(MONTH, 1, @d)', { '@d': ['date', "'2024-01-31'"] }, '2024-02-29'],
    ['DATEADD of days on a date', 'DATEADD(DAY, -1, @d)', { '@d': ['date', "'2024-01-01'"] }, '2023-12-31'],
    ['DATEDIFF counts day boundaries', 'DATEDIFF(DAY, @a, @b)', { '@a': ['datetime', "'2024-01-01 23:59'"], '@b': ['datetime', "'2024-01-02 00:01'"] }, '1'],
    ['DATEDIFF by week counts the Sundays crossed (Saturday to Sunday is 1)', 'DATEDIFF(WEEK, @a, @b)', { '@a': ['datetime', "'2024-01-06 23:00'"], '@b': ['date', "'2024-01-07'"] }, '1'],
    ['DATEDIFF by week, Sunday to Saturday is 0', 'DATEDIFF(WK, @a, @b)', { '@a': ['date', "'2024-01-07'"], '@b': ['date', "'2024-01-13'"] }, '0'],
    ['DATEDIFF by week backwards', 'DATEDIFF(WW, @a, @b)', { '@a': ['date', "'2024-02-01'"], '@b': ['date', "'2024-01-01'"] }, '-4'],
    ['DATEDIFF from 0 counts days since 1900-01-01 (int 0 is datetime 1900-01-01)', 'DATEDIFF(DAY, 0, @d)', { '@d': ['date', "'2024-01-01'"] }, '45290'],
    ['DATEADD(DAY, DATEDIFF(DAY, 0, x), 0) cuts a datetime to midnight', 'DATEADD(DAY, DATEDIFF(DAY, 0, @dt), 0)', { '@dt': ['datetime', "'2024-03-01 13:45'"] }, '2024-03-01 00:00:00'],
    ['DATEADD onto an int converts it as days after 1900-01-01', 'DATEADD(MONTH, 1, @n)', { '@n': ['int', '30'] }, '1900-02-28 00:00:00'],
    ['DATEDIFF from a negative day count', 'DATEDIFF(YEAR, -1, 0)', {}, '1'],
    ['STUFF deletes and inserts', "STUFF('abcdef', 2, 3, 'X')", {}, 'aXef'],
    ['STUFF past the end deletes to the end', "STUFF('abc', 2, 9, '')", {}, 'a'],
    ['STUFF starting after the text is NULL', "STUFF('abc', 4, 1, '')", {}, null],
    ['STUFF starting at 0 is NULL', "STUFF('abc', 0, 1, '')", {}, null],
    ['STUFF of an empty text is NULL', "STUFF('', 1, 1, '')", {}, null],
    ['CHAR of an ASCII code', "'a' + CHAR(59)", {}, 'a;'],
    ['CONVERT(varchar(10), date, 120)', 'CONVERT(varchar(10), @d, 120)', { '@d': ['date', "'2024-03-01'"] }, '2024-03-01'],
    ['LIKE is case-insensitive', "IIF('ABC' LIKE 'a%', 1, 0)", {}, '1'],
    // LIKE page: [ ] classes, _ and ESCAPE; over char/varchar the value's trailing blanks do not count, over nvarchar they do
    ['LIKE with digit classes (an NDC in 4-4-2 form)', "IIF(@s LIKE '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9]', 1, 0)", { '@s': ['varchar(20)', "'0002-1433-80'"] }, '1'],
    ['LIKE with a class: one digit short does not match', "IIF(@s LIKE '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9]', 1, 0)", { '@s': ['varchar(20)', "'0002-1433-8'"] }, '0'],
    ['LIKE over varchar ignores the value\'s trailing blanks, case-insensitive', "IIF(@s LIKE 'M[0-9][0-9][0-9]', 1, 0)", { '@s': ['varchar(10)', "'m001  '"] }, '1'],
    ['LIKE over nvarchar counts the value\'s trailing blanks', "IIF(@s LIKE N'M[0-9][0-9][0-9]', 1, 0)", { '@s': ['nvarchar(10)', "'M001 '"] }, '0'],
    ['NOT LIKE a negated class: only digits', "IIF(@s NOT LIKE '%[^0-9]%', 1, 0)", { '@s': ['varchar(20)', "'12345678901'"] }, '1'],
    ['LIKE with ESCAPE makes _ literal', "IIF(@s LIKE '%!_%' ESCAPE '!', 1, 0)", { '@s': ['varchar(10)', "'A_123'"] }, '1'],
    ['LIKE with ESCAPE: no underscore, no match', "IIF(@s LIKE '%!_%' ESCAPE '!', 1, 0)", { '@s': ['varchar(10)', "'A123'"] }, '0'],
    ['LIKE with ESCAPE beside a [ ] class: literal _ then a digit', "IIF(@s LIKE '%!_[0-9]' ESCAPE '!', 1, 0)", { '@s': ['varchar(10)', "'REF_7  '"] }, '1'],
    ['LIKE with ESCAPE beside a [ ] class: the _ is no wildcard', "IIF(@s LIKE '%!_[0-9]' ESCAPE '!', 1, 0)", { '@s': ['varchar(10)', "'REFX7'"] }, '0'],
    ['LIKE of NULL is unknown', "IIF(@s LIKE 'E1[01]%', 1, 0)", { '@s': ['varchar(10)', 'NULL'] }, '0'],
    // LEN page / collations: under the default (non-SC) collations a character past U+FFFF is a surrogate pair, two characters
    ['LEN counts a character past U+FFFF as two', 'LEN(@s)', { '@s': ['nvarchar(10)', "'a😀b  '"] }, '4'],
    ['LEN of accented text counts its characters', 'LEN(@s)', { '@s': ['nvarchar(10)', "'Zoë '"] }, '3'],
    // data type precedence: text beside an integer converts to the integer
    ['an int compared with varchar text converts the text', 'IIF(@n > @s, 1, 0)', { '@n': ['int', '4'], '@s': ['varchar(5)', "'1'"] }, '1'],
    ['text compared with an int, blanks around the digits', 'IIF(@s = @n, 1, 0)', { '@n': ['int', '7'], '@s': ['varchar(5)', "' 7 '"] }, '1'],
    // CAST and CONVERT page: a decimal as text keeps its scale
    ['a decimal(25,13) as varchar(20) that fits', 'CAST(ROUND(@d, 1) AS varchar(20))', { '@d': ['decimal(25,13)', "'127.01'"] }, '127.0000000000000'],
    // PATINDEX page: the starting position of the first occurrence, 0 when none, matched as LIKE
    ['PATINDEX of a letter class: first position', "PATINDEX('%[A-Z]%', @s)", { '@s': ['varchar(10)', "'j3490'"] }, '1'],
    ['PATINDEX of a digit class after letters', "PATINDEX('%[0-9]%', @s)", { '@s': ['varchar(10)', "'AbC7d9'"] }, '4'],
    ['PATINDEX with no match is 0', "PATINDEX('%[A-Z]%', @s)", { '@s': ['varchar(10)', "'99213'"] }, '0'],
    ['PATINDEX of a pattern anchored at the start', "PATINDEX('E1_.%', @s)", { '@s': ['varchar(10)', "'e11.9'"] }, '1'],
    ['PATINDEX of NULL is NULL', "PATINDEX('%[A-Z]%', @s)", { '@s': ['varchar(10)', 'NULL'] }, null],
    // Trailing blanks cannot move a match whose pattern ends in % after a digit: 3 counted or not.
    ['PATINDEX over text ending in blanks that the pattern cannot reach', "PATINDEX('%[0-9]%', @s)", { '@s': ['varchar(10)', "'ab1  '"] }, '3'],
    ['IN compares text case-insensitively', "IIF('X' IN ('x', 'y'), 1, 0)", {}, '1'],
    ['BETWEEN', 'IIF(5 BETWEEN 1 AND 5, 1, 0)', {}, '1'],
  ])('%s: %s', async (_rule, text, vars, expected) => {
    expect(await valueOf(text, vars)).toBe(expected);
  });

  // SELECT NULL / 0 is NULL in SQL Server: the NULL dividend wins over the zero divisor. The NULL
  // comes from a subquery, as a column's would, so DuckDB cannot fold it away before the division.
  const NULL_ROW = '(SELECT NULL FROM range(1))';
  it.each<[string, string, Vars]>([
    ['integer division of NULL by zero', '@n / @z', { '@n': ['int', NULL_ROW], '@z': ['int', '0'] }],
    ['integer modulo of NULL by zero', '@n % @z', { '@n': ['int', NULL_ROW], '@z': ['int', '0'] }],
    ['decimal division of NULL by zero', '@d * 100 / @t', { '@d': ['decimal(14,2)', NULL_ROW], '@t': ['decimal(12,2)', "'0.00'"] }],
    ['money division of NULL by zero', '@m / @k', { '@m': ['money', NULL_ROW], '@k': ['money', "'0'"] }],
    ['float division of NULL by zero', '@f / @z', { '@f': ['float', NULL_ROW], '@z': ['int', '0'] }],
  ])('gives NULL like SQL Server on %s', async (_rule, text, vars) => {
    expect(await valueOf(text, vars)).toBeNull();
  });

  it.each<[string, string, Vars]>([
    ['integer division by zero', '1 / 0', {}],
    ['decimal division by zero', '@d / 0', { '@d': ['decimal(5,2)', "'1.00'"] }],
  ])('fails like SQL Server on %s', async (_rule, text, vars) => {
    await expect(valueOf(text, vars)).rejects.toThrow(/Divide by zero/);
  });

  it.each(['CAST(@n AS tinyint)', 'CAST(@n AS smallint)'])('fails like SQL Server on %s past the type\'s range', async (text) => {
    await expect(valueOf(text, { '@n': ['int', '70000'] })).rejects.toThrow(/out of range/);
  });

  it.each([['2.675', 'decimal(10,2)'], ['0.1234565', 'decimal(18,6)']])('stops converting the float %s to %s, stored just below halfway where DuckDB\'s CAST rounds up', async (x, type) => {
    await expect(valueOf(`CAST(@x AS ${type})`, { '@x': ['float', x] })).rejects.toThrow(/case\.sql:1:8: a float this close to halfway/);
  });

  it.each(['2.675', '165.755'])('stops at ROUND of the float %s, stored just below halfway (SQL Server rounds the binary value)', async (x) => {
    await expect(valueOf('ROUND(@x, 2)', { '@x': ['float', x] })).rejects.toThrow(/case\.sql:1:8: ROUND of a float this close to halfway/);
  });

  it('fails like SQL Server converting text that is no integer', async () => {
    await expect(valueOf("CAST(@s AS int)", { '@s': ['varchar(10)', "'1.5'"] })).rejects.toThrow(/Conversion failed when converting the varchar value '1.5' to data type int/);
  });

  it.each<[string, string, Vars, RegExp]>([
    ['a [ ] range over an accented letter, which the collation sorts inside [A-Z]', "IIF(@s LIKE '[A-Z]%', 1, 0)", { '@s': ['varchar(10)', "'Émile'"] }, /case\.sql:1:\d+: LIKE with a \[ \] range over text holding characters beyond printable ASCII/],
    ['PATINDEX over text ending in blanks, a pattern that may match them', "PATINDEX('%[^0-9]%', @s)", { '@s': ['varchar(10)', "'12 '"] }, /case\.sql:1:8: PATINDEX over text ending in blanks/],
    ['PATINDEX over text ending in blanks, a pattern that must reach the end', "PATINDEX('%1', @s)", { '@s': ['varchar(10)', "'ab1 '"] }, /case\.sql:1:8: PATINDEX over text ending in blanks/],
    ['CHARINDEX over a character past U+FFFF, two positions in SQL Server', "CHARINDEX('b', @s)", { '@s': ['nvarchar(10)', "'😀b'"] }, /case\.sql:1:8: CHARINDEX over text holding characters past U\+FFFF/],
    ['PATINDEX over a character past U+FFFF, two positions in SQL Server', "PATINDEX('%[0-9]%', @s)", { '@s': ['nvarchar(10)', "'😀1'"] }, /case\.sql:1:8: PATINDEX over text holding characters past U\+FFFF/],
    ['SUBSTRING over a character past U+FFFF', 'SUBSTRING(@s, 2, 1)', { '@s': ['nvarchar(10)', "'😀b'"] }, /case\.sql:1:8: SUBSTRING over text holding characters past U\+FFFF/],
    ['LEFT over a character past U+FFFF', 'LEFT(@s, 1)', { '@s': ['nvarchar(10)', "'😀b'"] }, /case\.sql:1:8: LEFT over text holding characters past U\+FFFF/],
    ['RIGHT over a character past U+FFFF', 'RIGHT(@s, 1)', { '@s': ['nvarchar(10)', "'b😀'"] }, /case\.sql:1:8: RIGHT over text holding characters past U\+FFFF/],
    ['STUFF over a character past U+FFFF', "STUFF(@s, 2, 1, 'x')", { '@s': ['nvarchar(10)', "'😀b'"] }, /case\.sql:1:8: STUFF over text holding characters past U\+FFFF/],
  ])('stops where the data meets what it cannot match as SQL Server does: %s', async (_what, text, vars, message) => {
    await expect(valueOf(text, vars)).rejects.toThrow(message);
  });

  it('fails like SQL Server comparing an int with text that is no integer', async () => {
    await expect(valueOf('IIF(@n > @s, 1, 0)', { '@n': ['int', '4'], '@s': ['varchar(5)', "'1.5'"] })).rejects.toThrow(/Conversion failed when converting the varchar value '1.5' to data type int/);
  });

  it('fails like SQL Server converting a decimal to varchar too short for its text (the truncation table\'s E)', async () => {
    await expect(valueOf('CAST(@d AS varchar(5))', { '@d': ['decimal(25,13)', "'1.5'"] })).rejects.toThrow(/Arithmetic overflow error converting numeric to data type varchar/);
  });

  it('fails like SQL Server on a DATEFROMPARTS that is no date', async () => {
    await expect(valueOf('DATEFROMPARTS(2024, 2, 30)')).rejects.toThrow();
  });

  it('fails like SQL Server when money arithmetic leaves money\'s range', async () => {
    await expect(valueOf('@m * 2', { '@m': ['money', "'900000000000000'"] })).rejects.toThrow(/Arithmetic overflow error converting expression to data type money/);
  });

  it('fails like SQL Server when a computed day count is outside datetime', async () => {
    await expect(valueOf('DATEADD(DAY, 1, @n)', { '@n': ['int', '-53691'] })).rejects.toThrow(/Arithmetic overflow error converting expression to data type datetime/);
  });
});

describe('translateExpression refuses what it cannot reproduce exactly', () => {
  it.each<[string, Vars, string, RegExp]>([
    ["'1' + 1", {}, 'varchar(1) + int', /implicit conversion/],
    ['CAST(@f AS varchar(30))', { '@f': ['float', '1.5'] }, 'conversion from float to varchar(30)', /not reproduced/],
    ['SOUNDEX(@s)', { '@s': ['varchar(10)', "'a'"] }, 'SOUNDEX()', /no exact DuckDB translation/],
    ['@@ROWCOUNT', {}, '@@ROWCOUNT', /only right after an UPDATE, DELETE or INSERT/],
    ['NEXT VALUE FOR Sales.[Order No]', {}, 'NEXT VALUE FOR Sales.Order No', /database's state/],
    // A pattern computed per row is translated (tests/unit/draft/like-pattern-from-data.test.ts), not with an ESCAPE.
    ["IIF(@s LIKE @p ESCAPE '!', 1, 0)", { '@s': ['varchar(10)', "'a'"], '@p': ['varchar(10)', "'a%'"] }, 'LIKE', /constant pattern/],
    ["IIF('a' LIKE 'a[!-~]', 1, 0)", {}, 'LIKE', /range other than digits or letters/],
    ["IIF('a' LIKE '[!a]%' ESCAPE '!', 1, 0)", {}, 'LIKE', /not inside a \[ \] class/],
    ["PATINDEX('%', @s)", { '@s': ['varchar(10)', "'a'"] }, 'PATINDEX()', /not documented/],
    ["PATINDEX(@p, @s)", { '@s': ['varchar(10)', "'a'"], '@p': ['varchar(10)', "'%a%'"] }, 'PATINDEX()', /constant pattern/],
    ["TRY_CAST('1' AS float)", {}, 'TRY_CAST', /TRY_ conversions other than text to an integer, a decimal or a date/],
    ['@missing + 1', {}, 'variable @missing', /neither declares it/],
    ["'a' COLLATE Latin1_General_CS_AS", {}, 'COLLATE Latin1_General_CS_AS', /default case-insensitive, accent-sensitive collation/],
    ['DATEDIFF(WEEKDAY, @a, @b)', { '@a': ['date', "'2024-01-01'"], '@b': ['date', "'2024-02-01'"] }, 'DATEDIFF()', /DATEDIFF by weekday/],
    ["DATEDIFF(DAY, '2024-01-01', @d)", { '@d': ['date', "'2024-01-01'"] }, 'DATEDIFF()', /or an integer, a day count from 1900-01-01/],
    ['DATEADD(DAY, 1, -53691)', {}, 'DATEADD()', /the date argument is int/],
    ['DATEADD(DAY, 1, @f)', { '@f': ['float', '1.5'] }, 'DATEADD()', /the date argument is float/],
    ["CHOOSE(@n, 'a', 1)", { '@n': ['int', '1'] }, 'mixed types', /converted implicitly/],
    ["CHOOSE('1', 'a', 'b')", {}, 'CHOOSE()', /integer index/],
    ['DATENAME(week, @d)', { '@d': ['date', "'2024-03-02'"] }, 'DATENAME()', /not translated/],
    ['STUFF(@s, 1, 1, @r)', { '@s': ['varchar(10)', "'a'"], '@r': ['varchar(10)', 'NULL'] }, 'STUFF()', /constant text/],
    ['CHAR(200)', {}, 'CHAR()', /ASCII/],
    ['ROUND(@f, 1, 1)', { '@f': ['float', '1.25'] }, 'ROUND()', /truncating form of ROUND of float/],
    ['@x % 2', { '@x': ['decimal(5,2)', "'1.00'"] }, '% on decimal', /decimal modulo/],
    ['@dt + 1', { '@dt': ['date', "'2024-01-01'"] }, 'date + int', /implicit conversion/],
    ['CAST(@m AS varchar(18))', { '@m': ['money', "'1'"] }, 'conversion from money to varchar(18)', /varchar\(18\) may be too short for money/],
    // an invoice's gross written with four decimals (style 2; style 1's thousands separators are drafted): the refusal names money, as the procedure declares it
    ['CONVERT(varchar(30), @m, 2)', { '@m': ['money', "'1234.5'"] }, 'conversion from money to varchar(30)', /CONVERT style 2/],
    ['@m % @n', { '@m': ['money', "'10'"], '@n': ['int', '3'] }, 'money %', /remainder of money values is not documented/],
    ['STR(@d, 6, 1)', { '@d': ['decimal(5,2)', "'1.25'"] }, 'STR()', /only STR of an integer/],
  ])('%s -> %s', (text, vars, construct, reason) => {
    const r = translate(text, vars);
    expect(isRefusal(r)).toBe(true);
    const refusal = r as Refusal;
    expect(refusal).toMatchObject({ file: 'case.sql', line: 1, construct });
    expect(refusal.col).toBeGreaterThanOrEqual(8);
    expect(refusal.reason).toMatch(reason);
  });
});
