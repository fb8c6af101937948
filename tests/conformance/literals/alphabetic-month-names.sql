-- rule: alphabetic dates with a month name (us_english), the day defaulting to 1
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"a": "1996-04-15 00:00:00.000", "b": "1996-04-15 00:00:00.000", "c": "1996-04-01 00:00:00.000"}]]
-- test
SELECT CAST('April 15, 1996' AS datetime) AS a, CAST('15 Apr 1996' AS datetime) AS b, CAST('1996 APRIL' AS datetime) AS c;
