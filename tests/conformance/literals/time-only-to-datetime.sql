-- rule: a time without a date converts to datetime on 1900-01-01; AM/PM are read
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect: [[{"a": "1900-01-01 14:30:00.000", "b": "1900-01-01 16:00:00.000"}]]
-- test
SELECT CAST('14:30' AS datetime) AS a, CAST('4 PM' AS datetime) AS b;
