-- rule: in datetime text, :nnn after the seconds is milliseconds, .n is tenths
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"a": "1900-01-01 12:30:20.000", "b": "1900-01-01 12:30:20.100"}]]
-- test
SELECT CAST('12:30:20:1' AS datetime) AS a, CAST('12:30:20.1' AS datetime) AS b;
