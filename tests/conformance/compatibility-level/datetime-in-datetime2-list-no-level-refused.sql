-- rule: a datetime ending in .xx7 in a list of datetime2(3) values is in it below compatibility level 130 and not from 130
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- expect-refused: comparing with a datetime2 value of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level
CREATE TABLE dbo.Loads (Id int NOT NULL, LoadedAt datetime NOT NULL)
GO
-- input: dbo.Loads
--| Id,LoadedAt
--| 7,2021-11-09 13:52:29.187
-- test
DECLARE @a datetime2(3) = '2021-11-09 13:52:29.187';
SELECT COUNT(*) AS n FROM dbo.Loads WHERE LoadedAt IN (@a, '2021-11-09');
