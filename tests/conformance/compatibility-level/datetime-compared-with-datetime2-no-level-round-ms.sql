-- rule: a datetime whose milliseconds end in 0 is the same at every compatibility level, so its comparison with a datetime2 needs no level
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- expect: [[{"n": 1}]]
CREATE TABLE dbo.Loads (LoadedAt datetime NOT NULL)
GO
-- input: dbo.Loads
--| LoadedAt
--| 2021-11-09 13:52:29.180
--| 2021-11-09 13:52:30.000
-- test
DECLARE @since datetime2(3) = '2021-11-09 13:52:29.190';
SELECT COUNT(*) AS n FROM dbo.Loads WHERE LoadedAt >= @since;
