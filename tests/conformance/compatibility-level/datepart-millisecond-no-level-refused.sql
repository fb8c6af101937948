-- rule: the millisecond of a datetime ending in .xx7 is xx7 below compatibility level 130 and xx6 from 130, so without the level it has no one answer
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- expect-refused: DATEPART(millisecond, …) of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level
-- test
DECLARE @d7 datetime = '2021-11-09 13:52:29.187';
SELECT DATEPART(millisecond, @d7) AS ms7;
