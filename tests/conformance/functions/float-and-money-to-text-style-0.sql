-- rule: float converts to text with at most 6 significant digits, in scientific notation when appropriate (a three-digit exponent); money with two decimals, rounded
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"a": "1.23457e+006", "b": "123.456", "c": "1e-005", "d": "100000", "e": "-0.5", "f": "1234.57", "g": "Total 2.5"}]]
-- test
DECLARE @big float = 1234567.0, @m money = 1234.5678, @half real = 2.5;
SELECT CAST(@big AS varchar(30)) AS a, CAST(CAST(123.456 AS float) AS varchar(30)) AS b, CAST(CAST(0.00001 AS float) AS varchar(30)) AS c,
  CAST(CAST(100000 AS float) AS varchar(30)) AS d, CONVERT(varchar(30), CAST(-0.5 AS float)) AS e, CAST(@m AS varchar(20)) AS f,
  'Total ' + CAST(@half AS varchar(10)) AS g;
