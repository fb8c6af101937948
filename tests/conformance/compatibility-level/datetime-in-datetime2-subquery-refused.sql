-- rule: from compatibility level 130 a datetime compared with a datetime2 column of an IN subquery is compared at its exact tick
-- source: https://learn.microsoft.com/en-us/troubleshoot/sql/database-engine/general/sql-server-azure-sql-database-improvements
-- compatibility-level: 140
-- expect-refused: IN (subquery) comparing a datetime with a datetime2 column
CREATE TABLE dbo.Loads (Id int NOT NULL, LoadedAt datetime NOT NULL)
GO
CREATE TABLE dbo.Cutoffs (At datetime2(3) NOT NULL)
GO
-- test
SELECT COUNT(*) AS n FROM dbo.Loads WHERE LoadedAt IN (SELECT At FROM dbo.Cutoffs);
