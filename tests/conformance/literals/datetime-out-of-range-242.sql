-- rule: datetime starts in 1753: an earlier date is error 242 (out of range)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql
-- expect-error: 242
-- test
SELECT CAST('1752-12-31' AS datetime) AS v;
