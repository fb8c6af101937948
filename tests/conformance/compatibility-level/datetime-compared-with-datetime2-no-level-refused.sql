-- rule: a datetime ending in .xx7 compared with a datetime2(3) has two answers, by the database's compatibility level (equal below 130, below from 130)
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- expect-refused: comparing with a datetime2 value of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level
CREATE TABLE dbo.Loads (LoadedAt datetime NOT NULL)
GO
-- input: dbo.Loads
--| LoadedAt
--| 2021-11-09 13:52:29.180
--| 2021-11-09 13:52:29.187
-- test
DECLARE @since datetime2(3) = '2021-11-09 13:52:29.187';
SELECT COUNT(*) AS n FROM dbo.Loads WHERE LoadedAt >= @since;
