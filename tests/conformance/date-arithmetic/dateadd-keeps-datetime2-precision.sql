-- rule: DATEADD returns the type of its date argument: datetime2 keeps 100 ns
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql
-- expect: [[{"v": "2007-05-03 19:58:47.1234567"}]]
-- test
DECLARE @v datetime2 = '2007-05-02 19:58:47.1234567';
SELECT DATEADD(day, 1, @v) AS v;
