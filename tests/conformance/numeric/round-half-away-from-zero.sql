-- rule: ROUND rounds half away from zero and keeps the scale
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/round-transact-sql
-- expect: [[{"a": "123.9990", "b": "124.0000", "c": "-2.50"}]]
-- test
SELECT ROUND(123.9994, 3) AS a, ROUND(123.9995, 3) AS b, ROUND(-2.45, 1) AS c;
