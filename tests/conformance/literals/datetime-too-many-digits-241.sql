-- rule: datetime text takes at most three fractional digits; more is error 241
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect-error: 241
-- test
SELECT CAST('2007-05-02 19:58:47.1234' AS datetime) AS v;
