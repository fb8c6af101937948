-- rule: DATEADD(millisecond) on datetime rounds to 1/300 s
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql
-- expect: [[{"v": "2006-07-31 00:00:00.003"}]]
-- test
DECLARE @d datetime = '2006-07-31 00:00:00.000';
SELECT DATEADD(millisecond, 2, @d) AS v;
