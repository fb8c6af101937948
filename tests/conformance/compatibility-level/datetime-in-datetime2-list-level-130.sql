-- rule: from compatibility level 130 IN compares a datetime with each datetime2 of its list at the datetime's exact tick: '…29.187' is in no list of datetime2(3) '…29.187', '…29.180' stays in one
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 130
-- expect: [[{"Id": 2, "inList": 1, "notInList": 0}, {"Id": 7, "inList": 0, "notInList": 1}]]
CREATE TABLE dbo.Loads (Id int NOT NULL, LoadedAt datetime NOT NULL)
GO
-- input: dbo.Loads
--| Id,LoadedAt
--| 2,2021-11-09 13:52:29.180
--| 7,2021-11-09 13:52:29.187
-- test
DECLARE @a datetime2(3) = '2021-11-09 13:52:29.187', @b datetime2(3) = '2021-11-09 13:52:29.180';
SELECT Id, CASE WHEN LoadedAt IN (@a, @b) THEN 1 ELSE 0 END AS inList, CASE WHEN LoadedAt NOT IN (@a, @b) THEN 1 ELSE 0 END AS notInList
FROM dbo.Loads ORDER BY Id;
