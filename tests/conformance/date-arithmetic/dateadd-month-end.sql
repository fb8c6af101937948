-- rule: DATEADD(month) keeps the day, or the last day of a shorter month
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql
-- expect: [[{"v": "2024-02-29 00:00:00.000"}]]
-- test
DECLARE @d datetime = '2024-01-31';
SELECT DATEADD(month, 1, @d) AS v;
