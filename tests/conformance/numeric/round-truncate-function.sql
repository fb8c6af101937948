-- rule: ROUND with a non-zero function argument truncates
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect: [[{"a": "151.00", "b": "150.00"}]]
-- test
SELECT ROUND(150.75, 0) AS a, ROUND(150.75, 0, 1) AS b;
