-- rule: text that is no valid date is error 241 for date
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/date-transact-sql
-- expect-error: 241
-- test
SELECT CAST('2019-02-29' AS date) AS v;
