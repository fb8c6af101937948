-- rule: ROUND(x, length, 1) truncates on the left of the decimal point for a negative length and keeps the argument's type (decimal scale, int, money's two decimals as text), exactly at any precision
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect: [[{"a": "-1200.0000", "b": "0.0000", "c": "123456789012345678.8700", "d": "1200", "e": "1234.56"}]]
-- test
DECLARE @m money = 1234.5678, @q int = 1299;
SELECT ROUND(-1234.5678, -2, 1) AS a, ROUND(1234.5678, -5, 1) AS b, ROUND(123456789012345678.8765, 2, 1) AS c,
  ROUND(@q, -2, 1) AS d, CONCAT('', ROUND(@m, 2, 1)) AS e;
