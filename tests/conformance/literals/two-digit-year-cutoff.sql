-- rule: a two-digit year below 50 is 20yy, 50 and above 19yy (cutoff 2049)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime2-transact-sql
-- expect: [[{"a": "2025-12-10", "b": "2025-12-10 00:00:00.000"}]]
-- test
DECLARE @date date = '12-10-25';
DECLARE @datetime2 datetime2(3) = @date;
SELECT @date AS a, @datetime2 AS b;
