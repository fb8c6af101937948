-- rule: STR(x [, length [, decimal]]) converts x to float, rounds it to decimal places (none by default) and right-aligns it in length characters (10 by default); when it is too long, as many decimals as fit, the rounded integer when none fit; when the integer part does not fit, length asterisks; NULL gives NULL
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/str-transact-sql
-- expect: [[{"a": " 123.5", "b": "1234568", "c": "******", "d": "        42", "e": "  -3.14", "f": "   4", "g": null, "h": "1234567.9", "i": "0.50"}]]
-- test
DECLARE @n int = 42;
SELECT STR(123.45, 6, 1) AS a, STR(1234567.89, 7, 2) AS b, STR(1234567.89, 6, 2) AS c, STR(@n) AS d,
       STR(-3.14159, 7, 2) AS e, STR(3.7, 4) AS f, STR(CAST(NULL AS float), 5, 1) AS g, STR(1234567.89, 9, 2) AS h, STR(0.5, 4, 2) AS i;
