import { evalTsql, runBody } from './emulator-helpers';

// Expected values are SQL Server's documented results (default collation
// SQL_Latin1_General_CP1_CI_AS, DATEFIRST 7, us_english).
describe('T-SQL expressions on the emulator', () => {
  it.each([
    // integer division truncates toward zero; a decimal operand makes it exact
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['7 / -2', -3],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['7.0 / 2', 3.5],
    ['CAST(7 AS float) / 2', 3.5],
    ['100 * 3 / 7', 42],
    // decimal division: scale max(6, s1 + p2 + 1), truncated; integer constants count as decimal(digits, 0)
    ['CONVERT(varchar(40), 1.0 / 3)', '0.333333'],
    ['CONVERT(varchar(40), 2.0 / 3)', '0.666666'],
    ['CONVERT(varchar(40), CAST(1.67574 AS decimal(38,10)) / CAST(10000 AS decimal(38,10)))', '0.000167'],
    ['CONVERT(varchar(40), CAST(1.67574 AS decimal(29,10)) / CAST(10000 AS decimal(29,10)))', '0.000167574'],
    ['ROUND((CAST(10.01 AS decimal(18,4)) + CAST(10.02 AS decimal(18,4))) / 2, 2)', 10.02],
    // ROUND rounds half away from zero
    ['ROUND(2.5, 0)', 3],
    ['ROUND(-2.5, 0)', -3],
    ['ROUND(2.345, 2)', 2.35],
    ['ROUND(2.567, 2, 1)', 2.56],
    ['ROUND(1234, -2)', 1200],
    // strings
    ["LEN('ab  ')", 2],
    ["LEN('  ab')", 4],
    ["DATALENGTH('ab  ')", 4],
    ["'ab' + 'cd'", 'abcd'],
    ["'ab' + NULL", null],
    ["SUBSTRING('abcdef', 2, 3)", 'bcd'],
    ["SUBSTRING('abc', 0, 2)", 'a'],
    ["CHARINDEX('C', 'abcabc')", 3],
    ["CHARINDEX('c', 'abcabc', 4)", 6],
    ["LEFT('abc', 2) + RIGHT('abc', 2)", 'abbc'],
    ["UPPER('aBc') + LOWER('aBc')", 'ABCabc'],
    ["LTRIM('  a ') + '|' + RTRIM(' a  ') + '|'", 'a | a|'],
    ["REPLACE('aXbx', 'x', '-')", 'a-b-'],
    ["STUFF(';a;b', 1, 1, '')", 'a;b'],
    ["ISNULL(NULL, 'x')", 'x'],
    ["COALESCE(NULL, NULL, 3)", 3],
    ["IIF(1 > 2, 'yes', 'no')", 'no'],
    ["CASE WHEN 'abc' = 'ABC  ' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'abc' = '  abc' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'e' = 'é' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'b' > 'A' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'Abc' LIKE 'a%' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'x' IN ('X', 'y') THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'B52' LIKE '[a-c]%' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'd52' LIKE '[a-c]%' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'x9' LIKE '[^0-9]_' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN '50%' LIKE '%[%]' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN '500' LIKE '%[%]' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'a.c' LIKE 'a.c' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN 'abc' LIKE 'a.c' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'a_c' LIKE 'a[_]c' THEN 1 ELSE 0 END", 1],
    // non-Unicode LIKE ignores the value's trailing blanks; with N'…' they count (see like-patterns.ts)
    ["CASE WHEN 'abc ' LIKE 'abc' THEN 1 ELSE 0 END", 1],
    ["CASE WHEN N'abc ' LIKE N'abc' THEN 1 ELSE 0 END", 0],
    ["CASE WHEN 'abc' LIKE 'abc ' THEN 1 ELSE 0 END", 0],
    ["QUOTENAME('a]b')", '[a]]b]'],
    ["CONCAT('a', NULL, 1)", 'a1'],
    ["CAST(12 AS varchar(12)) + 'x'", '12x'],
    ["CAST('abcdef' AS varchar(3))", 'abc'],
    ["CAST(7.9 AS int)", 7],
    ["CAST(-7.9 AS int)", -7],
    ["CAST(2.345 AS decimal(5,2))", 2.35],
    // dates
    ["DATEDIFF(day, '2026-01-01 23:59', '2026-01-02 00:01')", 1],
    ["DATEDIFF(month, '2026-01-31', '2026-02-01')", 1],
    ["DATEDIFF(year, '2025-12-31', '2026-01-01')", 1],
    ["DATEDIFF(week, '2026-01-03', '2026-01-04')", 1],
    ["DATEDIFF(hour, '2026-01-01 10:59', '2026-01-01 11:00')", 1],
    ["DATEDIFF(DAY, 0, '2026-01-01')", 46021],
    ["CONVERT(varchar(10), DATEADD(DAY, DATEDIFF(DAY, 0, '2026-05-06 13:14'), 0), 120)", '2026-05-06'],
    ["CONVERT(varchar(10), DATEADD(month, 1, CAST('2026-01-31' AS date)), 23)", '2026-02-28'],
    ["CONVERT(varchar(8), CAST('2026-03-04' AS date), 112)", '20260304'],
    ["CONVERT(varchar(19), CAST('2026-03-04 05:06:07' AS datetime), 120)", '2026-03-04 05:06:07'],
    ["CONVERT(varchar(10), CAST('2026-03-04' AS date), 101)", '03/04/2026'],
    ["CONVERT(varchar(10), CAST('2026-03-04' AS date), 103)", '04/03/2026'],
    ["CONVERT(varchar(23), CAST('2026-03-04 05:06:07.123' AS datetime), 121)", '2026-03-04 05:06:07.123'],
    ["CONVERT(varchar(30), CONVERT(date, '2026-03-04 23:59:59'), 23)", '2026-03-04'],
    ["DATEPART(weekday, '2026-11-22')", 1],
    // ISO 8601 weeks: 2024-12-30 (a Monday) is in week 1 of 2025, 2027-01-01 (a Friday) in week 53 of 2026;
    // the US week of 2024-12-30 is 53 (weeks from Sunday, week 1 holds January 1).
    ["DATEPART(iso_week, '2024-12-30')", 1],
    ["DATEPART(ISOWK, '2027-01-01')", 53],
    ["DATENAME(isoww, '2026-06-15')", '25'],
    ["DATEPART(week, '2024-12-30')", 53],
    ["YEAR('2026-03-04') * 10000 + MONTH('2026-03-04') * 100 + DAY('2026-03-04')", 20260304],
    ["CONVERT(varchar(19), GETDATE(), 120)", '2026-01-15 10:20:30'],
    ["CONVERT(varchar(10), EOMONTH('2026-02-10'), 23)", '2026-02-28'],
    // numbers
    ["ABS(-3) + CEILING(1.2) + FLOOR(1.8)", 6],
    ["POWER(2, 10)", 1024],
    ["SQRT(16.0)", 4],
    ['NULLIF(3, 3)', null],
  ])('%s = %p', async (expr, expected) => {
    expect(await evalTsql(expr)).toEqual(expected);
  });

  it.each([
    ['@i / 2', 'DECLARE @i int = 7;', 3],
    // CEILING/FLOOR of an integer is that integer, of its type (not a double: past 2^53 another number)
    ['CAST(CEILING(@b) AS varchar(30))', 'DECLARE @b bigint = 9007199254740993;', '9007199254740993'],
    ["CAST(FLOOR(@i / 5) AS varchar(10)) + '|' + CAST(CEILING(@i) / 2 AS varchar(10))", 'DECLARE @i int = 7;', '1|3'],
    ['@d / 2', 'DECLARE @d decimal(5,1) = 7;', 3.5],
    ["@s + 'x'", "DECLARE @s varchar(5) = 'ab';", 'abx'],
    ["'[' + @c + ']'", "DECLARE @c char(3) = 'a';", '[a  ]'],
    ['@i', 'DECLARE @i int = 7.9;', 7],
    ['@b', 'DECLARE @b bit = 5;', 1],
    ['@m', 'DECLARE @m money = 2.34567;', 2.3457],
    ['@i', 'DECLARE @i int; SET @i = 10; SET @i += 5;', 15],
    ["CASE WHEN 'Abc' LIKE @p + '%' THEN 1 ELSE 0 END", "DECLARE @p varchar(5) = '[a]b';", 1],
    ["CONVERT(varchar(10), @dt, 120)", "DECLARE @dt datetime = '2026-02-03 04:05:06';", '2026-02-03'],
  ])('%s with %s = %p', async (expr, decl, expected) => {
    expect(await evalTsql(expr, decl)).toEqual(expected);
  });

  it.each([
    ['AVG(x)', 'int', '(1),(2)', 1],
    ['AVG(x)', 'int', '(-1),(-2)', -1],
    ['AVG(x)', 'decimal(5,2)', '(1.00),(2.00),(2.00)', 1.666666],
    ['AVG(x)', 'float', '(1),(2)', 1.5],
    ['SUM(x)', 'int', '(1),(2),(NULL)', 3],
    ['COUNT(x)', 'int', '(1),(NULL)', 1],
    ['COUNT(*)', 'int', '(1),(NULL)', 2],
    ["STRING_AGG(CAST(x AS varchar(5)), ',') WITHIN GROUP (ORDER BY x DESC)", 'int', '(1),(3),(2)', '3,2,1'],
    ['MIN(x) + MAX(x)', 'int', '(5),(1),(9)', 10],
    ['COUNT(DISTINCT x)', 'varchar(5)', "('a'),('A'),('a '),('b')", 2],
  ])('%s over %s rows %s = %p', async (expr, type, rows, expected) => {
    const v = await evalTsql(`(SELECT ${expr} FROM (VALUES ${rows}) AS t0(y) CROSS APPLY (SELECT CAST(t0.y AS ${type}) AS x) AS t)`);
    expect(v).toEqual(expected);
  });

  // A NULL dividend gives a NULL quotient before any division: SELECT NULL / 0 is NULL in SQL
  // Server (no error 8134), for every type's division and modulo, so a percent-of-target over a
  // region with no actuals and a zero target is NULL, not a statement that fails and loses its rows.
  it.each([
    ['CAST(NULL AS int) / 0'],
    ['CAST(NULL AS int) % 0'],
    ['CAST(NULL AS decimal(12,2)) * 100 / CAST(0 AS decimal(12,2))'],
    ['CAST(NULL AS money) / CAST(0 AS money)'],
    ['CAST(NULL AS float) / 0'],
    ['(SELECT CAST(a * 100 / t AS decimal(7,2)) FROM (VALUES (CAST(NULL AS decimal(14,2)), CAST(0.00 AS decimal(12,2)))) AS v(a, t))'],
  ])('%s is NULL, not a division by zero', async (expr) => {
    const r = await runBody(`SELECT ${expr} AS v;`);
    expect(r.errors.map((e) => e.message)).toEqual([]);
    expect(await evalTsql(expr)).toBeNull();
  });

  it.each([
    ['1 / 0', /Divide by zero/],
    ["CAST('abc' AS int)", /Conversion|convert|cast/i],
  ])('%s raises a T-SQL error', async (expr, message) => {
    // Outside TRY the client receives it: the run ends with it, or (an arithmetic error, which
    // ends only its statement) goes on past it.
    const received = await runBody(`SELECT ${expr} AS v;`).then((r) => r.errors.map((e) => e.message).join('\n'), (e: unknown) => (e instanceof Error ? e.message : String(e)));
    expect(received).toMatch(message);
  });

  it.each([
    ['CHECKSUM(1)', /CHECKSUM\(\)/],
    ['dbo.fn_x(1)', /the function dbo\.fn_x \(no CREATE FUNCTION/],
    ["FORMAT(1, 'C')", /FORMAT of an integer with 'C'/],
    ["FORMAT(CAST(1.5 AS float), 'N2')", /FORMAT of a float value/],
    // the currency format of an amount: the format is what is not emulated, not the value's type
    ["FORMAT(CAST(1234.5 AS money), 'C', 'en-US')", /FORMAT of a money value with 'C' \(only 'F', 'Fn', 'N' and 'Nn' are emulated/],
    ["(SELECT MAX(CASE WHEN 'a' LIKE p THEN 1 ELSE 0 END) FROM (VALUES ('[a]')) AS v(p))", /LIKE patterns with \[ \] taken from data/],
    ["CONVERT(varchar(20), GETDATE(), 130)", /CONVERT style 130/],
  ])('%s is refused with a located message', async (expr, message) => {
    const err = await evalTsql(expr).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(message);
    expect((err as { format(): string }).format()).toMatch(/^usp_test\.sql:\d+:\d+: the emulator does not support/);
  });
});
